//! The `rate` rule kind on fixtures of our own: rates restated from a total over a period
//! (or from a rate per a longer unit), judged on the verdict ladder; rates of other things,
//! stocks, peaks and other periods left alone.

mod common;

use common::{findings, fixture, render_findings, with_snapshots};
use factlint::findings::Severity;

fn date() -> Option<jiff::civil::Date> {
    Some("2016-08-30".parse().unwrap())
}

#[test]
fn rate_fixture() {
    let text = std::fs::read_to_string(fixture("rules/rate.txt")).unwrap();
    let rendered = render_findings(&text, "rate");
    with_snapshots(|| insta::assert_snapshot!("rules_rate", rendered));
}

#[test]
fn the_seed_rate_holds_but_is_loose() {
    let text = "Analysts counted over 85.5 billion cyber attacks last year alone -- that's more \
                than 2,000 attacks every second.";
    let f = findings(text, date(), "rate");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Info);
    assert!(
        f[0].message.contains("over 2,711 per second"),
        "{}",
        f[0].message
    );
    assert_eq!(
        &text[f[0].span.start..f[0].span.end],
        "more than 2,000 attacks every second"
    );
    assert_eq!(f[0].related.len(), 1);
    assert_eq!(
        &text[f[0].related[0].span.start..f[0].related[0].span.end],
        "over 85.5 billion cyber attacks"
    );
}

#[test]
fn an_exact_contradiction_is_an_error() {
    let text = "Analysts counted 85.5 billion attacks last year, or 5,000 every second.";
    let f = findings(text, date(), "rate");
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert!(
        f[0].message.contains("2,710–2,713 per second"),
        "{}",
        f[0].message
    );
}

#[test]
fn a_rate_of_another_thing_is_not_compared() {
    for text in [
        "Analysts counted 85.5 billion cyber attacks last year. Filters also drop 9,000 spam \
         emails every second.",
        "Analysts counted 85.5 billion attacks last year. Engineers say 5,000 a second is the \
         most the filters take.",
        "The town had 2 million residents last year, and 300 residents a day now leave.",
    ] {
        assert!(findings(text, date(), "rate").is_empty(), "{text}");
    }
}

#[test]
fn pairing_stays_in_the_paragraph() {
    let apart = "Analysts counted 85.5 billion attacks last year.\n\nThat works out to 5,000 \
                 attacks every second.";
    assert!(findings(apart, date(), "rate").is_empty());
    let together = "Analysts counted 85.5 billion attacks last year. That works out to 5,000 \
                    attacks every second.";
    assert_eq!(findings(together, date(), "rate").len(), 1);
}

#[test]
fn a_rate_per_a_longer_unit_is_a_total() {
    let ok = "The terminal moves 2.6 million containers a day, about 30 a second.";
    assert!(findings(ok, None, "rate").is_empty());
    let bad = "The terminal moves 2.6 million containers a day, about 60 a second.";
    let f = findings(bad, None, "rate");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
}
