//! The `unsourced` kind: statistics with no source in their paragraph, for editors.

mod common;

use factlint::findings::Severity;

const KIND: &str = "unsourced";

#[test]
fn fixture_snapshot() {
    let text = std::fs::read_to_string(common::fixture("rules/unsourced.txt")).expect("fixture");
    let rendered = common::render_findings(&text, KIND);
    common::with_snapshots(|| insta::assert_snapshot!("rules_unsourced", rendered));
}

#[test]
fn one_info_per_paragraph_with_the_others_related() {
    let text = "The ransomware gang collected more than $12 million from hospitals. \
                It also leaked 4,500 patient files and hit 30 percent of the clinics.";
    let f = common::findings(text, None, KIND);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Info);
    assert_eq!(
        &text[f[0].span.start..f[0].span.end],
        "more than $12 million"
    );
    assert_eq!(f[0].related.len(), 2, "{:?}", f[0].related);
}

#[test]
fn a_source_or_a_quotation_in_the_paragraph_silences_it() {
    for text in [
        "Phishing sites rose 40 percent last year, according to a report by the Federal Trade Commission.",
        "\"We blocked 14,000 fake invoices in March,\" said Maria Lind, head of security at Nordbank.",
        "Exports grew 7.2 percent in May. That is according to a report by the National Bureau of Statistics.",
    ] {
        let f = common::findings(text, None, KIND);
        assert!(f.is_empty(), "{text}: {f:?}");
    }
}

#[test]
fn small_counts_durations_and_lengths_are_not_statistics() {
    for text in [
        "The committee has 12 members and meets 4 times a year.",
        "The outage lasted 36 hours and the cable runs 1,200 kilometres under the sea.",
    ] {
        let f = common::findings(text, None, KIND);
        assert!(f.is_empty(), "{text}: {f:?}");
    }
}

fn run(pack: &str, text: &str) -> Vec<factlint::findings::Finding> {
    let mut reg = factlint::rules::Registry::default();
    reg.add_pack("pack.yaml", pack, std::path::Path::new("."))
        .expect("pack loads");
    let doc = factlint::Document::from_text("case.txt", text.to_string());
    let ex = factlint::extract_all(&doc);
    reg.check(&doc, &ex)
}

const PACK: &str = "rules:
  - id: unsourced-sentence
    kind: unsourced
    severity: warning
    message: \"who says {claim}?\"
    description: Statistics need a source in their own sentence.
    scope: sentence
    min_value: 100
    examples:
      flag: [\"Some 300 engineers joined.\"]
";

#[test]
fn scope_sentence_and_min_value() {
    let text = "Exports grew 7.2 percent in May. That is according to a report by the National Bureau of Statistics.";
    let f = run(PACK, text);
    assert_eq!(f.len(), 1, "{f:?}");
    // the kind's findings are notes for editors: never above info
    assert_eq!(f[0].severity, Severity::Info);
    assert_eq!(f[0].message, "who says grew 7.2 percent?");
    let f = run(
        PACK,
        "Some 300 engineers and 80 interns joined the project.",
    );
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(run(PACK, "Some 30 engineers joined the project.").is_empty());
}

#[test]
fn a_negative_min_value_is_a_load_error() {
    let mut reg = factlint::rules::Registry::default();
    let e = reg
        .add_pack(
            "pack.yaml",
            &PACK.replace("min_value: 100", "min_value: -5"),
            std::path::Path::new("."),
        )
        .unwrap_err();
    assert!(e.message.contains("min_value"), "{e}");
}
