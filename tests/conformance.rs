//! Conformance floor: runs the evaluation of `examples/conformance.rs` (the one place its
//! logic lives) on the external test suites and fails when the overall in-scope accuracy
//! drops below `MIN_ACCURACY`.
//!
//! The suites are looked up at `../shared/data/testsuites` relative to the crate (CI keeps
//! `shared/` beside the repository). Without them the test is skipped with a message, except
//! under `CI=true`, where a missing suite directory is a failure.

#[allow(dead_code)]
#[path = "../examples/conformance.rs"]
mod conformance;

use std::path::PathBuf;

/// The overall in-scope accuracy (0..1) the extractor must keep; set a little below the
/// last measured figure (496/518 = 95.8% when set). Raise it as the extractor improves.
const MIN_ACCURACY: f64 = 0.94;

fn suites_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/testsuites")
}

#[test]
fn in_scope_accuracy_stays_above_the_floor() {
    let dir = suites_dir();
    if !dir.join("duckling").is_dir() || !dir.join("quantulum3").is_dir() {
        let msg = format!(
            "conformance suites not found at {} (expected duckling/ and quantulum3/ there)",
            dir.display()
        );
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{msg}; CI=true, so this is a failure");
        }
        eprintln!("skipping conformance test: {msg}");
        return;
    }
    let report = conformance::evaluate(&dir).expect("the suites parse");
    eprintln!("{}", conformance::render_table(&report));
    assert!(
        report.overall.in_scope > 400,
        "suspiciously few in-scope cases: {}",
        report.overall.in_scope
    );
    assert_eq!(report.panics, 0, "the extractor panicked on some input");
    let acc = report.accuracy();
    assert!(
        acc >= MIN_ACCURACY,
        "in-scope accuracy {:.1}% ({}/{}) fell below the floor {:.1}%; run \
         `cargo run --release --example conformance -- {} --failures` to see the cases",
        100.0 * acc,
        report.overall.correct,
        report.overall.in_scope,
        100.0 * MIN_ACCURACY,
        dir.display()
    );
}

#[test]
fn duckling_parser_reads_every_example() {
    let dir = suites_dir();
    if !dir.join("duckling").is_dir() {
        eprintln!("skipping: no suites at {}", dir.display());
        return;
    }
    let cases = conformance::load_cases(&dir).expect("the suites parse");
    let count = |file: &str| {
        cases
            .iter()
            .filter(|c| c.suite == "duckling" && c.source.starts_with(file))
            .count()
    };
    // Independent counts of the string literals in each file's examples lists.
    for (file, n) in [
        ("Numeral_EN_Corpus.hs", 105),
        ("AmountOfMoney_EN_Corpus.hs", 147),
        ("Distance_EN_Corpus.hs", 51),
        ("Duration_EN_Corpus.hs", 83),
        ("Quantity_EN_Corpus.hs", 54),
        ("Temperature_EN_Corpus.hs", 33),
        ("Volume_EN_Corpus.hs", 54),
        ("Ordinal_EN_Corpus.hs", 32),
        ("Time_EN_Corpus.hs", 1036),
    ] {
        assert_eq!(count(file), n, "{file}");
    }
}

#[test]
fn duckling_parser_decodes_haskell() {
    let src = r#"
module X where
{-# LANGUAGE OverloadedStrings #-}
latentCorpus = (testContext, testOptions {withLatent = True}, xs)
  where
    xs = concat
      [ examples (simple Unnamed 5) [ "five" ] ]

negativeCorpus = (testContext, testOptions, examples)
  where
    examples =
      [ "exactly dollars"
      ]

allExamples = concat
  [ examples (simple Pound 10)
             [ "\x00a3\&10" -- a comment "not a string"
             , "20\x20ac"
--           , "commented out"
             ]
  , examples (between Dollar (1.1, 1.3))
             [ "between 1.1 and 1.3 dollars" ]
  , examples (under EUR 7)
             [ "under seven euros" ]
  , examples (simple Dollar (-2e3))
             [ "minus $2,000" ]
  , examples (mystery Dollar 1)
             [ "?" ]
  ]
"#;
    let cases = conformance::duckling_source_cases("X.hs", "money", src).expect("parses");
    let texts: Vec<&str> = cases.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "five",
            "exactly dollars",
            "£10",
            "20€",
            "between 1.1 and 1.3 dollars",
            "under seven euros",
            "minus $2,000",
            "?"
        ]
    );
    use conformance::{Check, ExpValue};
    let value = |i: usize| match &cases[i].check {
        Check::Item { expected, .. } => Some(expected.value),
        _ => None,
    };
    assert!(
        matches!(cases[0].check, Check::Out(_)),
        "latent is out of scope"
    );
    assert!(matches!(cases[1].check, Check::Trap), "negatives are traps");
    assert_eq!(value(2), Some(ExpValue::Exact(10.0)));
    assert_eq!(value(4), Some(ExpValue::Range(1.1, 1.3)));
    assert_eq!(value(5), Some(ExpValue::Under(7.0)));
    assert_eq!(value(6), Some(ExpValue::Exact(-2000.0)));
    assert!(
        matches!(cases[7].check, Check::Out(_)),
        "unknown constructor"
    );
    assert!(cases[2].source.ends_with(":17"), "{}", cases[2].source);
}
