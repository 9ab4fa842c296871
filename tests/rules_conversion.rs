//! The `conversion` rule kind on fixtures of our own: a measure and its conversion in
//! parentheses ("5 miles (8 km)", "40°C (104°F)").

mod common;

use common::{findings, fixture, render_findings, with_snapshots};
use factlint::findings::Severity;

#[test]
fn conversion_fixture() {
    let text = std::fs::read_to_string(fixture("rules/conversion.txt")).unwrap();
    let rendered = render_findings(&text, "conversion");
    with_snapshots(|| insta::assert_snapshot!("rules_conversion", rendered));
}

#[test]
fn miles_and_kilometres() {
    assert!(findings("It runs 5 miles (8 km).", None, "conversion").is_empty());
    let text = "It runs 5 miles (10 km).";
    let f = findings(text, None, "conversion");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(&text[f[0].span.start..f[0].span.end], "10 km");
    assert!(f[0].message.contains("8 km"), "{}", f[0].message);
    assert_eq!(f[0].suggestion.as_deref(), Some("8 km"));
}

#[test]
fn temperatures_convert_affinely() {
    assert!(findings("It hit 40°C (104°F).", None, "conversion").is_empty());
    assert!(findings("Seas warmed by 2°C (3.6°F).", None, "conversion").is_empty());
    let f = findings("It hit 40°C (100°F).", None, "conversion");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].suggestion.as_deref(), Some("104°F"));
}

#[test]
fn rounded_conversions_pass() {
    assert!(findings(
        "The summit stands 8,849 metres (29,000 feet) high.",
        None,
        "conversion"
    )
    .is_empty());
}
