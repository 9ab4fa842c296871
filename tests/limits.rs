//! The limits are explicit and set from the command line: documents over the size limit are
//! skipped and counted, claims past the per-document limit are dropped with a warning, bad
//! sizes are usage errors.

use std::path::Path;
use std::process::{Command, Output};

fn factlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("factlint runs")
}

fn corpus() -> tempfile::TempDir {
    let t = tempfile::tempdir().unwrap();
    let para = "The port handled 61 million tonnes in 2021, up 4 percent, and 2,000 ships called. ";
    std::fs::write(t.path().join("big.txt"), para.repeat(40)).unwrap();
    std::fs::write(
        t.path().join("small.txt"),
        "Revenue rose 12 percent to 3 billion yuan in 2020 from 2.6 billion a year earlier.\n",
    )
    .unwrap();
    t
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).expect("JSON on stdout")
}

/// Runs `command` (with `extra` arguments) over the corpus with a 1 KiB document limit and
/// checks the summary: two inputs, one read, the large one skipped as `too_large`.
fn one_skipped_as_too_large(command: &[&str]) -> Output {
    let t = corpus();
    let mut args = command.to_vec();
    args.extend(["--format", "json", "--max-document-size", "1K", "."]);
    let o = factlint(t.path(), &args);
    let v = json(&o);
    let s = &v["summary"];
    assert_eq!(
        (
            s["inputs"].as_u64(),
            s["documents"].as_u64(),
            s["skipped"].as_u64()
        ),
        (Some(2), Some(1), Some(1)),
        "{command:?}: {s}"
    );
    assert_eq!(s["problems"][0]["reason"], "too_large", "{s}");
    o
}

#[test]
fn a_document_over_the_size_limit_is_skipped_and_counted() {
    let o = one_skipped_as_too_large(&["check"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("big.txt: too large"));
    // the default limit (16 MiB) reads both
    let t = corpus();
    let v = json(&factlint(t.path(), &["check", "--format", "json", "."]));
    assert_eq!(v["summary"]["documents"].as_u64(), Some(2));
}

#[test]
fn claims_past_the_limit_are_dropped_with_a_warning() {
    let t = corpus();
    let all = json(&factlint(t.path(), &["extract", "small.txt"]));
    let n = all["documents"][0]["claims"].as_array().unwrap().len();
    assert!(n > 2, "the fixture has more than two claims: {n}");
    let o = factlint(t.path(), &["extract", "--max-claims", "2", "small.txt"]);
    assert_eq!(
        json(&o)["documents"][0]["claims"].as_array().unwrap().len(),
        2
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("small.txt: {} claims past the limit of 2", n - 2)),
        "{err}"
    );
    let o = factlint(
        t.path(),
        &[
            "check",
            "--max-claims",
            "0",
            "--format",
            "json",
            "small.txt",
        ],
    );
    assert_eq!(json(&o)["findings"].as_array().map(Vec::len), Some(0));
}

#[test]
fn a_bad_size_is_a_usage_error() {
    let t = corpus();
    let o = factlint(
        t.path(),
        &["check", "--max-document-size", "lots", "small.txt"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("is not a size"));
}

#[test]
fn audit_obeys_the_same_limits() {
    one_skipped_as_too_large(&["audit", "--quiet"]);
}
