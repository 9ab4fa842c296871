//! Numbers written in words: "two thousand", "twenty-five", "a dozen", "one hundred and five",
//! "a quarter of a million", "half a million", "two and a half million".

/// The value of a small number word (zero … ninety, and "dozen").
pub fn small(word: &str) -> Option<f64> {
    let b = word.as_bytes();
    if b.len() < 3 || b.len() > 9 {
        return None;
    }
    // every number word starts with one of these letters (`| 0x20` lower-cases a capital and
    // maps no other byte onto a lower-case letter)
    if !matches!(b[0] | 0x20, b'z' | b'n' | b'o' | b't' | b'f' | b's' | b'e') || !word.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 9];
    buf[..word.len()].copy_from_slice(word.as_bytes());
    buf[..word.len()].make_ascii_lowercase();
    Some(match &buf[..word.len()] {
        b"zero" | b"naught" | b"nought" => 0.0,
        b"one" => 1.0,
        b"two" => 2.0,
        b"three" => 3.0,
        b"four" => 4.0,
        b"five" => 5.0,
        b"six" => 6.0,
        b"seven" => 7.0,
        b"eight" => 8.0,
        b"nine" => 9.0,
        b"ten" => 10.0,
        b"eleven" => 11.0,
        b"twelve" => 12.0,
        b"thirteen" => 13.0,
        b"fourteen" => 14.0,
        b"fifteen" => 15.0,
        b"sixteen" => 16.0,
        b"seventeen" => 17.0,
        b"eighteen" => 18.0,
        b"nineteen" => 19.0,
        b"twenty" => 20.0,
        b"thirty" => 30.0,
        b"forty" => 40.0,
        b"fifty" => 50.0,
        b"sixty" => 60.0,
        b"seventy" => 70.0,
        b"eighty" => 80.0,
        b"ninety" => 90.0,
        _ => return None,
    })
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
    buf[..word.len()].copy_from_slice(word.as_bytes());
    buf[..word.len()].make_ascii_lowercase();
    let w = std::str::from_utf8(&buf[..word.len()]).ok()?;
    Some(match w {
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
    let w = word.to_ascii_lowercase();
    matches!(
        w.as_str(),
        "first"
            | "second"
            | "third"
            | "fourth"
            | "fifth"
            | "sixth"
            | "seventh"
            | "eighth"
            | "ninth"
    ) || (w.ends_with("th")
        && (small(&w[..w.len() - 2]).is_some()
            || w.ends_with("ieth")
            || w.ends_with("dredth")
            || w.ends_with("sandth")))
}

/// Plural scale words after a number in words: "three billions", "three thousand millions".
pub fn plural_scale(word: &str) -> Option<f64> {
    Some(match word.to_ascii_lowercase().as_str() {
        "thousands" => 1e3,
        "millions" => 1e6,
        "billions" => 1e9,
        "trillions" => 1e12,
        _ => return None,
    })
}

/// Fraction words: "half" → 2, "third(s)" → 3, "quarter(s)" → 4, "fifth(s)" → 5 ...
pub fn fraction_denominator(word: &str) -> Option<f64> {
    let w = word.to_ascii_lowercase();
    Some(match w.as_str() {
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
    fn lexicon() {
        assert_eq!(small("Twenty"), Some(20.0));
        assert!(is_tens("ninety") && !is_tens("nineteen"));
        assert_eq!(scale("bn"), Some((1e9, true)));
        assert_eq!(fraction_denominator("thirds"), Some(3.0));
        assert_eq!(small("second"), None);
    }
}
