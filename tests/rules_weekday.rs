//! The `weekday` rule kind on fixtures of our own: a weekday beside a date, right and wrong,
//! and relative weekdays (resolved from the dateline, so never contradicting it).

mod common;

use common::{fixture, render_findings, with_snapshots};

#[test]
fn weekday_fixture() {
    let text = std::fs::read_to_string(fixture("rules/weekday.txt")).unwrap();
    let rendered = render_findings(&text, "weekday");
    with_snapshots(|| insta::assert_snapshot!("rules_weekday", rendered));
}

#[test]
fn a_wrong_weekday_is_an_error_with_the_right_one_suggested() {
    let text = "The vote is set for Tuesday, March 3, 2021.";
    let f = common::findings(text, None, "weekday");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, factlint::findings::Severity::Error);
    assert_eq!(
        f[0].message,
        "Tuesday does not match 2021-03-03, which is a Wednesday"
    );
    assert_eq!(
        &text[f[0].span.start..f[0].span.end],
        "Tuesday, March 3, 2021"
    );
    assert_eq!(f[0].suggestion.as_deref(), Some("Wednesday, March 3, 2021"));
    assert!(common::findings(
        "The vote is set for Wednesday, March 3, 2021.",
        None,
        "weekday"
    )
    .is_empty());
}
