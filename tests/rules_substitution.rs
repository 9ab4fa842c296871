//! The `substitution` kind: house-style swaps over sentence tokens or regexes.

mod common;

use factlint::rules::Registry;
use std::path::Path;

const KIND: &str = "substitution";

#[test]
fn fixture_snapshot() {
    let text = std::fs::read_to_string(common::fixture("rules/substitution.txt")).expect("fixture");
    let rendered = common::render_findings(&text, KIND);
    common::with_snapshots(|| insta::assert_snapshot!("rules_substitution", rendered));
}

#[test]
fn the_match_is_the_span_and_the_replacement_keeps_its_first_letters_case() {
    let text = "Alot of it was routine, and the e-mails were later deleted.";
    let f = common::findings(text, None, KIND);
    assert_eq!(f.len(), 2, "{f:?}");
    assert_eq!(&text[f[0].span.start..f[0].span.end], "Alot");
    assert_eq!(f[0].suggestion.as_deref(), Some("A lot"));
    assert_eq!(&text[f[1].span.start..f[1].span.end], "e-mails");
    assert_eq!(f[1].suggestion.as_deref(), Some("emails"));
}

#[test]
fn correct_text_and_parts_of_other_words_pass() {
    for text in [
        "The satellite relays keys through outer space, which makes interception hard.",
        "Log in at www.alot.com or write to alot@example.org for details.",
        "Cafes offer free Wi-Fi to anyone with an email address.",
        "The analyst is 45 years old; the 45-year-old found the flaw.",
    ] {
        let f = common::findings(text, None, KIND);
        assert!(f.is_empty(), "{text}: {f:?}");
    }
}

const PACK: &str = "rules:
  - id: swaps
    kind: substitution
    severity: warning
    message: \"{found} → {replace}\"
    description: Test swaps.
    swaps:
      - { find: data base, replace: database }
      - find: '\\b([Hh])ard-?drive\\b'
        replace: '${1}ard drive'
        regex: true
    examples:
      flag: [\"The data base was on a harddrive.\"]
      pass: [\"The database was on a hard drive.\"]
";

fn load(text: &str) -> Result<Registry, factlint::rules::LoadError> {
    let mut reg = Registry::default();
    reg.add_pack("pack.yaml", text, Path::new(".")).map(|_| reg)
}

#[test]
fn user_swaps_with_regex_groups() {
    let reg = load(PACK).expect("loads");
    assert!(reg.test_examples().is_empty(), "{:?}", reg.test_examples());
    let text = "Hard-drive makers and data base vendors";
    let doc = factlint::Document::from_text("t.txt", text.to_string());
    let ex = factlint::extract_all(&doc);
    let f = reg.check(&doc, &ex);
    let got: Vec<_> = f
        .iter()
        .map(|f| {
            (
                &text[f.span.start..f.span.end],
                f.suggestion.clone().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("Hard-drive", "Hard drive".to_string()),
            ("data base", "database".to_string())
        ]
    );
}

#[test]
fn a_bad_regex_is_a_located_load_error() {
    let e = load(&PACK.replace("([Hh])ard", "([Hh]ard")).unwrap_err();
    assert_eq!((e.file.as_str(), e.line), ("pack.yaml", 7), "{e}");
    assert_eq!(e.rule.as_deref(), Some("swaps"));
    assert!(e.message.contains("bad regex"), "{e}");
}

#[test]
fn an_oversized_regex_is_a_load_error() {
    let e = load(&PACK.replace("'\\b([Hh])ard-?drive\\b'", "'(\\w{500}){500}'")).unwrap_err();
    assert!(e.message.contains("bad regex"), "{e}");
}
