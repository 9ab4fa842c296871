//! The `parts` rule kind on fixtures of our own: shares of one whole that add up to more than
//! the whole, and the many percentages of one sentence that are not parts of one whole.

mod common;

use common::{findings, fixture, render_findings, with_snapshots};
use factlint::findings::Severity;

#[test]
fn parts_fixture() {
    let text = std::fs::read_to_string(fixture("rules/parts.txt")).unwrap();
    let rendered = render_findings(&text, "parts");
    with_snapshots(|| insta::assert_snapshot!("rules_parts", rendered));
}

#[test]
fn a_poll_over_one_hundred_percent_is_an_error_on_its_last_part() {
    let text = "Of the respondents, 45% backed the plan, 40% opposed it and 25% were undecided.";
    let f = findings(text, None, "parts");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(&text[f[0].span.start..f[0].span.end], "25%");
    assert!(f[0].message.contains("110%"), "{}", f[0].message);
    assert_eq!(f[0].related.len(), 2);
}

#[test]
fn counted_parts_beyond_their_whole() {
    let text = "30 of the 75 members backed it and 50 of the 75 opposed.";
    let f = findings(text, None, "parts");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert!(
        f[0].message.contains("80") && f[0].message.contains("75"),
        "{}",
        f[0].message
    );
}

#[test]
fn rounding_and_different_wholes_pass() {
    for text in [
        "Of the parents, 33% chose the first site, 33% the second, 33% the third and 2% none.",
        "Inflation was 3% and unemployment 5%.",
        "Turnout was 61% and 55% of voters backed the plan.",
        "Some 44% of men and 61% of women read the paper daily.",
        "Support was 48% in 2021 and 57% in 2024.",
    ] {
        assert!(findings(text, None, "parts").is_empty(), "{text}");
    }
}
