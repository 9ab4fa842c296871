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

/// The longest small number word ("seventeen").
const SMALL_MAX_LEN: usize = 9;

/// For each shape (first letter, length, last letter) of a small number word: 1 + the index
/// in [`SMALL`] of the first word of that shape; 0 for a shape no small word has.
const SMALL_BY_SHAPE: [[[u8; 26]; SMALL_MAX_LEN + 1]; 26] = {
    let mut t = [[[0u8; 26]; SMALL_MAX_LEN + 1]; 26];
    // backwards, so that the first word of a shape is the one kept
    let mut i = SMALL.len();
    while i > 0 {
        i -= 1;
        let b = SMALL[i].0.as_bytes();
        assert!(b.len() <= SMALL_MAX_LEN);
        t[(b[0] - b'a') as usize][b.len()][(b[b.len() - 1] - b'a') as usize] = i as u8 + 1;
    }
    t
};

/// The value of a small number word (zero … ninety), ASCII case ignored.
pub fn small(word: &str) -> Option<f64> {
    if !has_shape(&SMALL_SHAPES, word) {
        return None;
    }
    // it has a small word's shape: first and last bytes are letters, at most 9 bytes
    let b = word.as_bytes();
    let first = usize::from((b[0] | 0x20) - b'a');
    let last = usize::from((b[b.len() - 1] | 0x20) - b'a');
    let at = usize::from(*SMALL_BY_SHAPE.get(first)?.get(b.len())?.get(last)?);
    // the words of one shape are listed together from the first: a word equal to one of
    // them but for case is one of them
    SMALL
        .get(at.checked_sub(1)?..)?
        .iter()
        .take_while(|(w, _)| {
            w.len() == b.len()
                && w.as_bytes()[0] == (b[0] | 0x20)
                && w.as_bytes()[w.len() - 1] == (b[b.len() - 1] | 0x20)
        })
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
    // a word of no listed shape lower-cases to no listed word
    if !has_shape(&SCALE_SHAPES, word) || word.len() > 8 || !word.is_ascii() {
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

/// The shapes of the words [`scale`] knows.
const SCALE_SHAPES: Shapes = shapes(&[
    "hundred", "lakh", "lakhs", "lac", "crore", "crores", "thousand", "million", "billion",
    "trillion", "k", "m", "mn", "mln", "mio", "bn", "b", "bln", "tn", "trn", "tr",
]);

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

/// The shapes of the words [`fraction_denominator`] knows.
const FRACTION_SHAPES: Shapes = shapes(&[
    "half", "halves", "third", "thirds", "quarter", "quarters", "fourth", "fourths", "fifth",
    "fifths", "sixth", "sixths", "seventh", "sevenths", "eighth", "eighths", "ninth", "ninths",
    "tenth", "tenths",
]);

/// Fraction words: "half" → 2, "third(s)" → 3, "quarter(s)" → 4, "fifth(s)" → 5 ...
pub fn fraction_denominator(word: &str) -> Option<f64> {
    // no fraction word is longer than 8 bytes: a longer one needs no lower-casing
    // nor a word of no listed shape (it lower-cases to no listed word)
    if word.len() > 8 || !has_shape(&FRACTION_SHAPES, word) {
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
    fn small_words_of_one_shape_are_listed_together() {
        let shape = |w: &str| (w.len(), w.as_bytes()[0], w.as_bytes()[w.len() - 1]);
        for (i, (w, _)) in SMALL.iter().enumerate() {
            let first = SMALL
                .iter()
                .position(|(v, _)| shape(v) == shape(w))
                .unwrap();
            assert!(
                SMALL[first..=i].iter().all(|(v, _)| shape(v) == shape(w)),
                "{w}"
            );
        }
        assert_eq!(small("nought"), Some(0.0));
        assert_eq!(small("NAUGHT"), Some(0.0));
        assert_eq!(small("nXXXXt"), None);
        assert_eq!(small("tWo"), Some(2.0));
    }

    #[test]
    fn shapes_hold_every_scale_and_fraction_word() {
        for w in [
            "hundred", "lakh", "lakhs", "lac", "crore", "crores", "thousand", "million", "billion",
            "trillion", "k", "m", "mn", "mln", "mio", "bn", "b", "bln", "tn", "trn", "tr",
        ] {
            assert!(scale(w).is_some(), "{w}");
            assert_eq!(scale(&w.to_uppercase()), scale(w), "{w}");
        }
        for w in [
            "half", "halves", "third", "thirds", "quarter", "quarters", "fourth", "fourths",
            "fifth", "fifths", "sixth", "sixths", "seventh", "sevenths", "eighth", "eighths",
            "ninth", "ninths", "tenth", "tenths",
        ] {
            assert!(fraction_denominator(w).is_some(), "{w}");
            assert_eq!(
                fraction_denominator(&w.to_uppercase()),
                fraction_denominator(w)
            );
        }
        assert_eq!(scale("hundreds"), None);
        assert_eq!(fraction_denominator("halfs"), None);
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
