//! `factlint check --format …`: every output format on one fixture directory (snapshots),
//! `--statistics`, and the SARIF output validated against the SARIF 2.1.0 schema.

mod common;

use std::path::Path;
use std::process::{Command, Output};

const FIXTURES: &str = "tests/fixtures/report";

fn check(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("check")
        .arg(FIXTURES)
        .args(args)
        .output()
        .expect("factlint runs")
}

/// Standard output of a run that found errors (exit code 1).
fn stdout(args: &[&str]) -> String {
    let out = check(args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn snapshot(name: &str, args: &[&str]) {
    let out = stdout(args);
    common::with_snapshots(|| insta::assert_snapshot!(name, out));
}

#[test]
fn concise() {
    snapshot("report_concise", &["--format", "concise"]);
}

#[test]
fn human() {
    // plain: standard output is not a terminal here, and --color never says so anyway
    snapshot("report_human", &["--color", "never"]);
}

#[test]
fn human_in_colour() {
    let plain = stdout(&["--color", "never"]);
    let coloured = stdout(&["--color", "always"]);
    assert!(
        coloured.contains("\u{1b}["),
        "ANSI escapes with --color always"
    );
    // the same text once the escapes are taken out
    let stripped = regex::Regex::new("\u{1b}\\[[0-9;]*m")
        .unwrap()
        .replace_all(&coloured, "");
    assert_eq!(stripped, plain);
}

#[test]
fn json() {
    let out = stdout(&["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    let pretty = serde_json::to_string_pretty(&v).unwrap();
    common::with_snapshots(|| insta::assert_snapshot!("report_json", pretty));
}

#[test]
fn jsonl() {
    let out = stdout(&["--format", "jsonl"]);
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        assert!(v["rule"].is_string() && v["line"].is_u64(), "{line}");
    }
    common::with_snapshots(|| insta::assert_snapshot!("report_jsonl", out));
}

#[test]
fn jsonl_lines_are_the_json_findings() {
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&["--format", "json"])).expect("json output");
    let lines: Vec<serde_json::Value> = stdout(&["--format", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(json["findings"].as_array().expect("findings"), &lines);
}

#[test]
fn github() {
    snapshot("report_github", &["--format", "github"]);
}

#[test]
fn junit() {
    snapshot("report_junit", &["--format", "junit"]);
}

#[test]
fn statistics() {
    snapshot("report_statistics", &["--statistics"]);
    assert_eq!(
        stdout(&["--statistics"]),
        stdout(&["--statistics", "--format", "concise"])
    );
}

#[test]
fn statistics_needs_a_summarised_format() {
    let out = check(&["--statistics", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// The SARIF output with the tool's version replaced (so a release does not change it).
fn sarif() -> String {
    stdout(&["--format", "sarif"]).replace(
        &format!("\"version\": \"{}\"", env!("CARGO_PKG_VERSION")),
        "\"version\": \"[version]\"",
    )
}

#[test]
fn sarif_snapshot() {
    // the rules list is every built-in rule; snapshot the results and one rule entry
    let v: serde_json::Value = serde_json::from_str(&sarif()).expect("SARIF is JSON");
    let run = &v["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let reg = factlint::rules::Registry::builtin().expect("built-in rules load");
    assert_eq!(rules.len(), reg.rules.len());
    let weekday = rules
        .iter()
        .find(|r| r["id"] == "weekday-mismatch")
        .expect("weekday rule listed");
    let shown = serde_json::json!({
        "$schema": v["$schema"],
        "version": v["version"],
        "driver": {"name": run["tool"]["driver"]["name"], "version": run["tool"]["driver"]["version"]},
        "columnKind": run["columnKind"],
        "rule": weekday,
        "results": run["results"],
    });
    let text = serde_json::to_string_pretty(&shown).expect("serialises");
    common::with_snapshots(|| insta::assert_snapshot!("report_sarif", text));
}

/// The SARIF 2.1.0 schema's validator (format assertions on: a `uri` must be a URI
/// reference), or `None`, with a message, when the schema is missing outside CI.
fn sarif_validator() -> Option<jsonschema::Validator> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/schemas/sarif-schema-2.1.0.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        assert!(
            std::env::var("CI").is_err(),
            "the SARIF schema is missing: {}",
            path.display()
        );
        eprintln!(
            "skipping SARIF validation: no schema at {} (set CI to make this fail)",
            path.display()
        );
        return None;
    };
    // The published schema's `run.language` pattern has a stray `]`, which the meta-schema's
    // `format: regex` rejects; use the intended pattern (factlint never writes `language`).
    let text = text.replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
    );
    let mut schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
    // This copy keeps the log's own schema under `definitions/Root` and constrains nothing
    // at the top (any JSON would pass): validate against `Root` then.
    if schema.get("type").is_none() && schema["definitions"].get("Root").is_some() {
        schema["allOf"] = serde_json::json!([{"$ref": "#/definitions/Root"}]);
    }
    Some(jsonschema::validator_for(&schema).expect("the schema compiles"))
}

#[test]
fn sarif_is_valid_against_the_schema() {
    let Some(validator) = sarif_validator() else {
        return;
    };
    let sarif: serde_json::Value = serde_json::from_str(&sarif()).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // and the validator does reject broken logs
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"] = "a b".into();
    assert!(!validator.is_valid(&broken), "a URI with a space passes");
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken), "a bad level passes");
    let mut broken = sarif.clone();
    broken["runs"][0]["tool"]["driver"]["rules"][0]["colour"] = "red".into();
    assert!(!validator.is_valid(&broken), "an unknown property passes");
    assert!(
        !validator.is_valid(&serde_json::json!({"version": "2.1.0"})),
        "no runs passes"
    );
    assert_eq!(
        sarif["runs"][0]["results"].as_array().map(Vec::len),
        Some(8)
    );
}

#[test]
fn sarif_uris_of_any_document_name_are_uri_references() {
    // A file name with a space, `%` or a non-ASCII letter, a JSONL line's `FILE#ID` and
    // `FILE:LINE`, a WARC page's URI and its repeat `URI (2)`: each is written as a valid
    // URI reference (percent-encoded), so the log passes the schema's `uri-reference` format.
    let t = tempfile::tempdir().expect("temp dir");
    let d = t.path();
    let wrong = "The ferry terminal reopened on Sunday, March 4, 2024.";
    std::fs::write(d.join("harbour notes 100%.txt"), wrong).expect("write");
    std::fs::write(d.join("kaikōura.txt"), wrong).expect("write");
    std::fs::write(
        d.join("wire.jsonl"),
        format!("{{\"id\":\"n 1\",\"text\":\"{wrong}\"}}\n{{\"text\":\"{wrong}\"}}\n"),
    )
    .expect("write");
    let page = |n: u32| {
        let body = format!("<html><body><p>{wrong}</p></body></html>");
        let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{body}");
        format!("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:p-{n}>\r\nWARC-Date: 2024-04-02T09:00:00Z\r\nWARC-Target-URI: http://harbour.example/a%20b?x=1\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n", block.len())
    };
    std::fs::write(d.join("crawl.warc"), page(1) + &page(2)).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(d)
        .args(["check", ".", "--format", "sarif"])
        .output()
        .expect("factlint runs");
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let mut uris: Vec<String> = sarif["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    uris.sort();
    assert_eq!(
        uris,
        [
            "./harbour%20notes%20100%25.txt",
            "./kaik%C5%8Dura.txt",
            "./wire.jsonl%23n%201",
            "./wire.jsonl%3A2",
            "http://harbour.example/a%20b?x=1",
            "http://harbour.example/a%20b?x=1%20(2)",
        ]
    );
    if let Some(validator) = sarif_validator() {
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}", errors.join("\n"));
    }
}
