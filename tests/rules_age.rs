//! The `age` kind: a stated age against a birth year and the document date.

mod common;

use jiff::civil::date;

const KIND: &str = "age";

#[test]
fn fixture_snapshot() {
    let text = std::fs::read_to_string(common::fixture("rules/age.txt")).expect("fixture");
    let rendered = common::render_findings(&text, KIND);
    common::with_snapshots(|| insta::assert_snapshot!("rules_age", rendered));
}

#[test]
fn an_age_that_does_not_fit_the_birth_year_is_an_error() {
    let d = Some(date(2016, 8, 30));
    let f = common::findings("Jane Roe, 52, was born in 1958.", d, KIND);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, factlint::findings::Severity::Error);
    assert!(f[0].message.contains("57 or 58"), "{}", f[0].message);
    assert_eq!(f[0].span.start, 0);
    assert_eq!(f[0].related.len(), 1);
    for ok in [
        "Jane Roe, 58, was born in 1958.",
        "Jane Roe, 57, was born in 1958.",
    ] {
        assert!(common::findings(ok, d, KIND).is_empty(), "{ok}");
    }
}

#[test]
fn without_a_document_date_nothing_is_checked() {
    assert!(common::findings("Jane Roe, 52, was born in 1958.", None, KIND).is_empty());
}

#[test]
fn another_persons_birth_year_or_another_time_is_not_paired() {
    let d = Some(date(2016, 8, 30));
    for text in [
        "Tom Berg, 40, said his mother, born in 1950, kept the farm going.",
        "Born in 1960, Tom Berg moved to Lagos at the age of 30.",
        "In 1990, Tom Berg, 30, opened his first shop; he was born in 1960.",
    ] {
        let f = common::findings(text, d, KIND);
        assert!(f.is_empty(), "{text}: {f:?}");
    }
}

#[test]
fn the_same_person_pairs_across_sentences() {
    let d = Some(date(2016, 8, 30));
    let text =
        "Pablo Ortiz (born 1970) spoke first. Later that day Pablo Ortiz, 40, took questions.";
    let f = common::findings(text, d, KIND);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].message.contains("45 or 46"), "{}", f[0].message);
}
