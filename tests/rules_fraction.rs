//! The `fraction` rule kind on fixtures of our own: a fraction and the percentage restated
//! beside it ("one in three (33%)").

mod common;

use common::{findings, fixture, render_findings, with_snapshots};
use factlint::findings::Severity;

#[test]
fn fraction_fixture() {
    let text = std::fs::read_to_string(fixture("rules/fraction.txt")).unwrap();
    let rendered = render_findings(&text, "fraction");
    with_snapshots(|| insta::assert_snapshot!("rules_fraction", rendered));
}

#[test]
fn one_in_three() {
    assert!(findings("One in three (33%) backed it.", None, "fraction").is_empty());
    for (text, pct) in [
        ("One in three voters (30%) backed it.", "30%"),
        ("One in three voters (35%) backed it.", "35%"),
    ] {
        let f = findings(text, None, "fraction");
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        assert_eq!(f[0].severity, Severity::Error);
        assert_eq!(&text[f[0].span.start..f[0].span.end], pct);
        assert_eq!(f[0].suggestion.as_deref(), Some("33%"));
    }
}

#[test]
fn written_fractions_and_per_cent() {
    assert!(findings(
        "Two-thirds (67 per cent) of voters agreed.",
        None,
        "fraction"
    )
    .is_empty());
    assert!(findings("A quarter of voters (25%) said no.", None, "fraction").is_empty());
    let f = findings(
        "Two-thirds (66 per cent) of voters agreed.",
        None,
        "fraction",
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
}
