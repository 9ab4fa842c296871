//! The `change` rule kind on fixtures of our own: a change's percent, points, multiplier or
//! direction against its own from and to values.

mod common;

use common::{findings, fixture, render_findings, with_snapshots};
use factlint::findings::Severity;

#[test]
fn change_fixture() {
    let text = std::fs::read_to_string(fixture("rules/change.txt")).unwrap();
    let rendered = render_findings(&text, "change");
    with_snapshots(|| insta::assert_snapshot!("rules_change", rendered));
}

#[test]
fn a_consistent_percent_passes_and_a_wrong_one_states_the_right_one() {
    let ok = "Orders climbed from 1,200 to 1,500, a 25% rise.";
    assert!(findings(ok, None, "change").is_empty());
    let bad = "Orders climbed from 1,200 to 1,500, a 30% rise.";
    let f = findings(bad, None, "change");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert!(f[0].message.contains("a rise of 25%"), "{}", f[0].message);
    assert_eq!(
        &bad[f[0].span.start..f[0].span.end],
        "climbed from 1,200 to 1,500, a 30% rise"
    );
}

#[test]
fn multipliers_take_the_tolerance() {
    for (text, flagged) in [
        ("Bookings doubled from 40 to 80.", false),
        ("Bookings doubled from 40 to 87.", false),
        ("Bookings doubled from 40 to 95.", true),
        ("Bookings halved from 40 to 20.", false),
        ("Bookings halved from 40 to 28.", true),
    ] {
        let f = findings(text, None, "change");
        assert_eq!(!f.is_empty(), flagged, "{text}: {f:?}");
    }
}

#[test]
fn a_direction_against_the_values_is_an_error() {
    let f = findings(
        "Rents fell to 1,500 euros from 1,200 euros.",
        None,
        "change",
    );
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert!(f[0].message.contains("a rise of 25%"), "{}", f[0].message);
}

#[test]
fn a_change_without_a_start_gives_nothing() {
    let text = "Incidents rose to 80,000, up 124 percent year on year.";
    assert!(findings(text, None, "change").is_empty());
}
