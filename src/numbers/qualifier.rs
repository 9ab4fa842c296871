//! Qualifiers: the words that turn a figure into a bound or an approximation.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// No qualifier: the figure as written, within its written precision.
    Exact,
    /// "more than", "over", "above", "in excess of": (v, ∞).
    MoreThan,
    /// "at least", "no fewer than", "a minimum of": [v, ∞).
    AtLeast,
    /// "less than", "under", "below", "fewer than": (−∞, v).
    LessThan,
    /// "up to", "at most", "no more than", "a maximum of": (−∞, v].
    AtMost,
    /// "about", "around", "roughly", "some", "approximately", "an estimated": v ± tolerance.
    About,
    /// "nearly", "almost", "close to", "just under": [v·(1 − tolerance), v).
    Nearly,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::MoreThan => "more_than",
            Qualifier::AtLeast => "at_least",
            Qualifier::LessThan => "less_than",
            Qualifier::AtMost => "at_most",
            Qualifier::About => "about",
            Qualifier::Nearly => "nearly",
        }
    }
}

/// Qualifier phrases, longest first within each leading word; matched case-insensitively as
/// whole words immediately before a figure.
pub const PHRASES: &[(&[&str], Qualifier)] = &[
    (&["more", "than"], Qualifier::MoreThan),
    (&["in", "excess", "of"], Qualifier::MoreThan),
    (&["upwards", "of"], Qualifier::MoreThan),
    (&["well", "over"], Qualifier::MoreThan),
    (&["well", "above"], Qualifier::MoreThan),
    (&["over"], Qualifier::MoreThan),
    (&["higher", "than"], Qualifier::MoreThan),
    (&["greater", "than"], Qualifier::MoreThan),
    (&["larger", "than"], Qualifier::MoreThan),
    (&["above"], Qualifier::MoreThan),
    (&["exceeding"], Qualifier::MoreThan),
    (&["at", "least"], Qualifier::AtLeast),
    (&["no", "fewer", "than"], Qualifier::AtLeast),
    (&["no", "less", "than"], Qualifier::AtLeast),
    (&["a", "minimum", "of"], Qualifier::AtLeast),
    (&["fewer", "than"], Qualifier::LessThan),
    (&["less", "than"], Qualifier::LessThan),
    (&["under"], Qualifier::LessThan),
    (&["lower", "than"], Qualifier::LessThan),
    (&["smaller", "than"], Qualifier::LessThan),
    (&["below"], Qualifier::LessThan),
    (&["up", "to"], Qualifier::AtMost),
    (&["at", "most"], Qualifier::AtMost),
    (&["no", "more", "than"], Qualifier::AtMost),
    (&["a", "maximum", "of"], Qualifier::AtMost),
    (&["just", "under"], Qualifier::Nearly),
    (&["nearly"], Qualifier::Nearly),
    (&["almost"], Qualifier::Nearly),
    (&["close", "to"], Qualifier::Nearly),
    (&["about"], Qualifier::About),
    (&["around"], Qualifier::About),
    (&["roughly"], Qualifier::About),
    (&["approximately"], Qualifier::About),
    (&["~"], Qualifier::About),
    (&["approx"], Qualifier::About),
    (&["some"], Qualifier::About),
    (&["an", "estimated"], Qualifier::About),
    (&["estimated"], Qualifier::About),
    (&["circa"], Qualifier::About),
    (&["an", "approximate"], Qualifier::About),
];

/// The default relative tolerance of "about" and "nearly" (rules may use their own).
pub const DEFAULT_TOLERANCE: f64 = 0.10;

use crate::claims::Ctx;
use crate::text::lexicon::{may_start_phrase, shape_add_folded, Lexicon, Shapes};
use std::sync::LazyLock;

/// The qualifier phrase ending just before token `i`: (qualifier, first token).
pub fn qualifier_before(ctx: &Ctx, i: usize) -> Option<(Qualifier, usize)> {
    if i == 0 {
        return None;
    }
    // most words end no qualifier phrase: no lexicon look-up for them
    if !may_start_phrase(&LAST_WORD_SHAPES, ctx.tok(i - 1)) {
        return None;
    }
    let mut best: Option<(Qualifier, usize)> = None;
    for (words, q) in QUALIFIER_LEXICON.candidates(ctx.tok(i - 1)) {
        let n = words.len();
        if i < n {
            continue;
        }
        if ctx.seq(i - n, words) && best.is_none_or(|(_, s)| i - n < s) {
            best = Some((*q, i - n));
        }
    }
    best
}

/// The shapes of the last words of [`PHRASES`] (the words the lexicon is keyed by).
const LAST_WORD_SHAPES: Shapes = {
    let mut m = [[0u32; 32]; 26];
    let mut i = 0;
    while i < PHRASES.len() {
        if !PHRASES[i].0.is_empty() {
            m = shape_add_folded(m, PHRASES[i].0[PHRASES[i].0.len() - 1]);
        }
        i += 1;
    }
    m
};

static QUALIFIER_LEXICON: LazyLock<Lexicon<Qualifier>> =
    LazyLock::new(|| Lexicon::new(PHRASES.iter().map(|(w, q)| (*w, *q)).collect(), usize::MAX));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_last_word_of_a_phrase_passes_the_shape_filter() {
        for (words, _) in PHRASES {
            let w = words.last().expect("a phrase has words");
            assert!(w.len() < 32, "{w}");
            assert!(may_start_phrase(&LAST_WORD_SHAPES, w), "{w}");
            assert!(
                may_start_phrase(&LAST_WORD_SHAPES, &w.to_ascii_uppercase()),
                "{w}"
            );
        }
        assert!(!may_start_phrase(&LAST_WORD_SHAPES, "said"));
    }
}
