//! Property tests: number parsing reads back what a writer formats, and extraction never
//! panics and keeps every span inside the text, on character boundaries.

use factlint::numbers::figure::parse_digits;
use factlint::{Claim, Document};
use proptest::prelude::*;

/// "1234567" → "1,234,567" (the rules' own number formatter).
fn group(int: u64) -> String {
    factlint::rules::template::fixed(int as f64, 0)
}

/// English words for 0 ≤ n < 1e12, as a news writer spells them.
fn words(n: u64) -> String {
    const SMALL: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    fn below_thousand(n: u64) -> String {
        let mut parts = Vec::new();
        if n >= 100 {
            parts.push(format!("{} hundred", SMALL[(n / 100) as usize]));
        }
        let r = n % 100;
        if r > 0 {
            if n >= 100 {
                parts.push("and".to_string());
            }
            if r < 20 {
                parts.push(SMALL[r as usize].to_string());
            } else if r % 10 == 0 {
                parts.push(TENS[(r / 10) as usize].to_string());
            } else {
                parts.push(format!(
                    "{}-{}",
                    TENS[(r / 10) as usize],
                    SMALL[(r % 10) as usize]
                ));
            }
        }
        parts.join(" ")
    }
    if n == 0 {
        return "zero".into();
    }
    let mut parts = Vec::new();
    for (scale, name) in [
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ] {
        if n / scale % 1000 > 0 {
            parts.push(format!("{} {name}", below_thousand(n / scale % 1000)));
        }
    }
    if n % 1000 > 0 {
        parts.push(below_thousand(n % 1000));
    }
    parts.join(" ")
}

fn quantity_values(text: &str) -> Vec<f64> {
    let doc = Document::from_text("p.txt", text.to_string());
    factlint::extract(&doc)
        .into_iter()
        .filter_map(|c| match c {
            Claim::Quantity(q) => Some(q.value),
            _ => None,
        })
        .collect()
}

proptest! {
    #[test]
    fn grouped_digits_round_trip(int in 0u64..10_000_000_000_000, frac in proptest::option::of(0u32..1000)) {
        let mut s = group(int);
        let mut expect = int as f64;
        if let Some(f) = frac {
            s.push_str(&format!(".{f:03}"));
            expect += f as f64 / 1000.0;
        }
        let (v, d) = parse_digits(&s).expect("well-formed figure parses");
        prop_assert!((v - expect).abs() <= expect.abs() * 1e-12 + 1e-9, "{s} → {v}");
        prop_assert_eq!(d, if frac.is_some() { 3 } else { 0 });
    }

    #[test]
    fn figures_in_text_round_trip(int in 2u64..1_000_000_000) {
        let text = format!("The agency counted {} parcels.", group(int));
        prop_assert_eq!(quantity_values(&text), vec![int as f64]);
    }

    #[test]
    fn number_words_round_trip(n in 2u64..999_999_999) {
        let text = format!("The agency counted {} parcels.", words(n));
        prop_assert_eq!(quantity_values(&text), vec![n as f64], "{}", text);
    }

    #[test]
    fn extraction_never_panics_and_spans_are_sound(s in "\\PC{0,200}") {
        let doc = Document::from_text("p.txt", s.clone());
        for c in factlint::extract(&doc) {
            let sp = c.span();
            prop_assert!(sp.start <= sp.end && sp.end <= s.len());
            prop_assert!(s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
            prop_assert_eq!(&s[sp.start..sp.end], c.text());
        }
    }

    #[test]
    fn numeric_soup_never_panics(s in "([0-9]{1,4}[,.:/-]?|[a-z]{1,6}|[%$€£()\\- ]){0,40}") {
        let doc = Document::from_text("p.txt", s.clone());
        for c in factlint::extract(&doc) {
            let sp = c.span();
            prop_assert!(sp.end <= s.len() && s.is_char_boundary(sp.start) && s.is_char_boundary(sp.end));
        }
    }
}
