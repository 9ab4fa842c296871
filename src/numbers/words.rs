//! Numbers written in words: "two thousand", "twenty-five", "a dozen", "one hundred and five",
//! "a quarter of a million", "half a million", "two and a half million".

use crate::text::lexicon::{ends_with_ignore_ascii_case, has_shape, key, shapes, Shapes};

/// The small number words (zero … ninety) and their values.
const SMALL: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("naught", 0.0),
    ("nought", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

pub(crate) const SMALL_SHAPES: Shapes = {
    let mut words = [""; SMALL.len()];
    let mut i = 0;
    while i < SMALL.len() {
        words[i] = SMALL[i].0;
        i += 1;
    }
    shapes(&words)
};

/// The value of a small number word (zero … ninety), ASCII case ignored.
pub fn small(word: &str) -> Option<f64> {
    if !has_shape(&SMALL_SHAPES, word) {
        return None;
    }
    SMALL
        .iter()
        .find(|(w, _)| w.eq_ignore_ascii_case(word))
        .map(|(_, v)| *v)
}

/// Whether the word is a tens word (twenty … ninety), which may take a hyphenated unit.
pub fn is_tens(word: &str) -> bool {
    matches!(small(word), Some(v) if v >= 20.0 && v % 10.0 == 0.0)
}

/// Large scale words in words or abbreviations, with their multiplier. `glued_only` forms
/// ("m", "k", "bn" …) count only when glued to digits or after digits ("1.2m", "5 bn").
pub fn scale(word: &str) -> Option<(f64, bool)> {
    if word.is_empty() || word.len() > 8 || !word.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 8];
    Some(match key(word, &mut buf)? {
        "hundred" => (1e2, false),
        "lakh" | "lakhs" | "lac" => (1e5, false),
        "crore" | "crores" => (1e7, false),
        "thousand" => (1e3, false),
        "million" => (1e6, false),
        "billion" => (1e9, false),
        "trillion" => (1e12, false),
        "k" => (1e3, true),
        "m" | "mn" | "mln" | "mio" => (1e6, true),
        "bn" | "b" | "bln" => (1e9, true),
        "tn" | "trn" | "tr" => (1e12, true),
        _ => return None,
    })
}

/// Whether the word is an ordinal ("first" … "ninth", "tenth", "twentieth", "hundredth").
pub fn is_ordinal(word: &str) -> bool {
    const ORDINALS: &[&str] = &[
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    ];
    ORDINALS.iter().any(|o| word.eq_ignore_ascii_case(o))
        || (ends_with_ignore_ascii_case(word, "th")
            && (small(&word[..word.len() - 2]).is_some()
                || ends_with_ignore_ascii_case(word, "ieth")
                || ends_with_ignore_ascii_case(word, "dredth")
                || ends_with_ignore_ascii_case(word, "sandth")))
}

/// Plural scale words after a number in words: "three billions", "three thousand millions".
pub fn plural_scale(word: &str) -> Option<f64> {
    const PLURAL_SCALES: &[(&str, f64)] = &[
        ("thousands", 1e3),
        ("millions", 1e6),
        ("billions", 1e9),
        ("trillions", 1e12),
    ];
    PLURAL_SCALES
        .iter()
        .find(|(w, _)| word.eq_ignore_ascii_case(w))
        .map(|(_, v)| *v)
}

/// Fraction words: "half" → 2, "third(s)" → 3, "quarter(s)" → 4, "fifth(s)" → 5 ...
pub fn fraction_denominator(word: &str) -> Option<f64> {
    // no fraction word is longer than 8 bytes: a longer one needs no lower-casing
    if word.len() > 8 {
        return None;
    }
    let mut buf = [0u8; 8];
    Some(match key(word, &mut buf)? {
        "half" | "halves" => 2.0,
        "third" | "thirds" => 3.0,
        "quarter" | "quarters" | "fourth" | "fourths" => 4.0,
        "fifth" | "fifths" => 5.0,
        "sixth" | "sixths" => 6.0,
        "seventh" | "sevenths" => 7.0,
        "eighth" | "eighths" => 8.0,
        "ninth" | "ninths" => 9.0,
        "tenth" | "tenths" => 10.0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_hold_every_listed_word() {
        for (w, v) in SMALL {
            assert_eq!(small(w), Some(*v), "{w}");
            assert_eq!(small(&w.to_uppercase()), Some(*v), "{w}");
        }
        assert_eq!(small("the"), None);
        assert_eq!(small("\u{e9}t\u{e9}"), None);
        assert_eq!(small(""), None);
    }

    #[test]
    fn lexicon() {
        assert_eq!(small("Twenty"), Some(20.0));
        assert!(is_tens("ninety") && !is_tens("nineteen"));
        assert_eq!(scale("bn"), Some((1e9, true)));
        assert_eq!(fraction_denominator("thirds"), Some(3.0));
        assert_eq!(small("second"), None);
    }
}
