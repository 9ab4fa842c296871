//! `--write-baseline` and `--baseline`: recorded findings stay quiet through unrelated edits,
//! new findings are reported, duplicates count as a multiset, findings that went away are
//! counted, and a malformed baseline is a located error.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(common::fixture(&format!("baseline/{name}"))).expect("fixture")
}

/// A temporary copy of the baseline fixtures.
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["report.md", "other.txt"] {
        std::fs::write(dir.path().join(name), fixture(name)).expect("copy");
    }
    dir
}

fn factlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(dir)
        .arg("check")
        .arg("--isolated")
        .args(args)
        .output()
        .expect("factlint runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The concise finding lines of a run (without the summary line).
fn finding_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains(": error[") || l.contains(": warning[") || l.contains(": info["))
        .map(str::to_string)
        .collect()
}

fn write_baseline(dir: &Path) {
    let out = factlint(dir, &["--write-baseline", "baseline.json", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "no findings printed while writing");
    assert!(
        stderr(&out).contains("wrote baseline baseline.json: 5 findings (4 entries)"),
        "{}",
        stderr(&out)
    );
}

fn edit(dir: &Path, name: &str, f: impl FnOnce(String) -> String) {
    let p = dir.join(name);
    let text = std::fs::read_to_string(&p).expect("read");
    std::fs::write(&p, f(text)).expect("write");
}

#[test]
fn written_baseline_holds_paths_rules_fingerprints_and_counts() {
    let dir = workspace();
    write_baseline(dir.path());
    let json = std::fs::read_to_string(dir.path().join("baseline.json")).expect("baseline");
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let entries = v["findings"].as_array().expect("findings");
    assert_eq!(v["version"], 1);
    for e in entries {
        let keys: Vec<&str> = e
            .as_object()
            .expect("entry")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            ["count", "fingerprint", "path", "rule", "text"],
            "{e}"
        );
    }
    // the sentence written twice is one entry with count 2
    assert!(entries
        .iter()
        .any(|e| e["rule"] == "house-style" && e["path"] == "report.md" && e["count"] == 2));
    common::with_snapshots(|| insta::assert_snapshot!("baseline_file", json));
}

#[test]
fn baselined_findings_are_not_reported() {
    let dir = workspace();
    write_baseline(dir.path());
    let out = factlint(
        dir.path(),
        &["--baseline", "baseline.json", "--format", "concise", "."],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(finding_lines(&out).is_empty());
    assert!(
        stderr(&out).contains("baseline baseline.json: 5 findings baselined"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_baseline_survives_edits_above_the_findings() {
    let dir = workspace();
    write_baseline(dir.path());
    edit(dir.path(), "report.md", |t| {
        let t = t.replacen(
            "# Ferry service report\n",
            "# Ferry service report\n\nA new opening paragraph, added after the baseline.\n\nAnd another one.\n",
            1,
        );
        // and one finding's sentence re-wrapped over two lines
        t.replacen(
            "The new pier is 300 metres (1,400 feet) long.",
            "The new pier is 300 metres\n(1,400 feet)   long.",
            1,
        )
    });
    edit(dir.path(), "other.txt", |t| format!("Harbour news\n\n{t}"));
    let out = factlint(
        dir.path(),
        &["--baseline", "baseline.json", "--format", "concise", "."],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(finding_lines(&out).is_empty(), "{:?}", finding_lines(&out));
}

#[test]
fn a_new_finding_is_reported_and_fails() {
    let dir = workspace();
    write_baseline(dir.path());
    edit(dir.path(), "report.md", |t| {
        format!("{t}\nThe crossing takes 20 km (5 miles) by boat.\n")
    });
    let out = factlint(
        dir.path(),
        &["--baseline", "baseline.json", "--format", "concise", "."],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let lines = finding_lines(&out);
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("./report.md:11:") && lines[0].contains("conversion-mismatch"),
        "{}",
        lines[0]
    );
}

#[test]
fn duplicates_are_a_multiset() {
    let dir = workspace();
    write_baseline(dir.path());
    let again = "Passengers wrote to the operator by e-mail about the delays.\n";
    edit(dir.path(), "report.md", |t| format!("{t}\n{again}"));
    let out = factlint(
        dir.path(),
        &["--baseline", "baseline.json", "--format", "concise", "."],
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "a warning does not fail the run"
    );
    let lines = finding_lines(&out);
    assert_eq!(lines.len(), 1, "the third copy is new: {lines:?}");
    assert!(lines[0].contains("house-style"), "{}", lines[0]);
}

#[test]
fn findings_that_went_away_are_counted_but_do_not_fail() {
    let dir = workspace();
    write_baseline(dir.path());
    edit(dir.path(), "report.md", |t| t.replace("Untied", "United"));
    let out = factlint(
        dir.path(),
        &["--baseline", "baseline.json", "--format", "concise", "."],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("4 findings baselined; 1 baselined finding no longer occurs"),
        "{}",
        stderr(&out)
    );
    // entries of files this run did not check are not counted as gone
    let only_other = factlint(dir.path(), &["--baseline", "baseline.json", "other.txt"]);
    assert_eq!(only_other.status.code(), Some(0));
    assert!(
        !stderr(&only_other).contains("no longer"),
        "{}",
        stderr(&only_other)
    );
}

#[test]
fn paths_are_relative_to_the_baseline_file() {
    let dir = workspace();
    write_baseline(dir.path());
    let parent = dir.path().parent().expect("parent");
    let name = dir
        .path()
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    let out = factlint(
        parent,
        &[
            "--baseline",
            &format!("{name}/baseline.json"),
            "--format",
            "concise",
            &name,
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(finding_lines(&out).is_empty(), "{:?}", finding_lines(&out));
}

#[test]
fn a_malformed_baseline_is_a_located_error() {
    let dir = workspace();
    let cases = [
        ("{\"version\": 1,\n  \"findings\": [,]\n}\n", "bad.json:2:16:"),
        (
            "{\"version\": 1, \"findings\": [\n  {\"path\": \"a.md\", \"rule\": \"r\", \"fingerprint\": \"x\", \"count\": 1, \"line\": 3}\n]}\n",
            "bad.json:2:",
        ),
        ("{\"version\": 7, \"findings\": []}", "bad.json: baseline version 7"),
    ];
    for (text, expected) in cases {
        std::fs::write(dir.path().join("bad.json"), text).expect("write");
        let out = factlint(dir.path(), &["--baseline", "bad.json", "."]);
        assert_eq!(out.status.code(), Some(2), "{text}");
        assert!(out.stdout.is_empty(), "nothing is checked");
        assert!(stderr(&out).contains(expected), "{text}: {}", stderr(&out));
    }
    let missing = factlint(dir.path(), &["--baseline", "missing.json", "."]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("missing.json: "),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn writing_a_baseline_is_atomic_and_replaces_the_old_one() {
    let dir = workspace();
    std::fs::write(dir.path().join("baseline.json"), "old").expect("write");
    write_baseline(dir.path());
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
    let json = std::fs::read_to_string(dir.path().join("baseline.json")).expect("read");
    assert!(json.starts_with('{'));
}
