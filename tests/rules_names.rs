//! The `names` rule kind on fixtures of our own: misspelled name words, abbreviations in
//! formal names, near-misses of gazetteer names, and correct names left alone.

mod common;

use common::{fixture, render_findings, with_snapshots};

#[test]
fn names_fixture() {
    let text = std::fs::read_to_string(fixture("rules/names.txt")).unwrap();
    let rendered = render_findings(&text, "names");
    with_snapshots(|| insta::assert_snapshot!("rules_names", rendered));
}

#[test]
fn the_seed_misspelling_is_an_error_with_the_fix() {
    let text = "Lyu Benfu, deputy head of China Institue for Innovation & Dev't Strategy, said.";
    let findings = common::findings(text, None, "names");
    assert_eq!(findings.len(), 2);
    assert_eq!(findings[0].severity, factlint::findings::Severity::Error);
    assert_eq!(
        &text[findings[0].span.start..findings[0].span.end],
        "Institue"
    );
    assert_eq!(findings[0].suggestion.as_deref(), Some("Institute"));
    assert_eq!(findings[1].severity, factlint::findings::Severity::Warning);
    assert_eq!(findings[1].suggestion.as_deref(), Some("Development"));
}
