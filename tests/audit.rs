//! `factlint audit`: the fixture archive (every input format, broken inputs, cross-source
//! conflicts) as a JSON snapshot; the same output whatever the number of threads; every
//! input accounted for; the claims index (incremental audits, removal of deleted documents,
//! an audit killed half-way and finished by a rerun).

mod common;

#[path = "../examples/audit_bench/corpus.rs"]
#[allow(dead_code)]
mod corpus;

#[path = "common/archive.rs"]
mod archive;
use archive::warc_page;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const FIXTURES: &str = "tests/fixtures/audit";

fn factlint() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_factlint"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn audit_in(dir: &Path, args: &[&str]) -> Output {
    command_in(dir, "audit", args)
}

fn check_in(dir: &Path, args: &[&str]) -> Output {
    command_in(dir, "check", args)
}

/// `factlint COMMAND ARGS...` run in `dir`.
fn command_in(dir: &Path, command: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(dir)
        .arg(command)
        .args(args)
        .output()
        .expect("factlint runs")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON output ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn n(v: &serde_json::Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a count: {v}"))
}

/// `documents + skipped + failed == inputs`, and the problems listed are that many.
fn assert_accounted(summary: &serde_json::Value) {
    assert_eq!(
        n(&summary["documents"]) + n(&summary["skipped"]) + n(&summary["failed"]),
        n(&summary["inputs"]),
        "{summary}"
    );
    let problems = summary["problems"].as_array().expect("problems");
    assert_eq!(
        problems.len() as u64,
        n(&summary["skipped"]) + n(&summary["failed"])
    );
}

/// Copies the fixture archive into a fresh temporary directory.
fn copy_fixtures() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    common::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES),
        &tmp.path().join("archive"),
    );
    tmp
}

#[test]
fn fixture_archive_json() {
    let out = factlint()
        .args(["audit", FIXTURES, "--format", "json", "--quiet"])
        .output()
        .expect("factlint runs");
    // errors among the findings, no input failed
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let summary = &v["summary"];
    assert_accounted(summary);
    // every fixture file is accounted for: as documents (JSONL lines and WARC pages count
    // one each) or as a listed problem
    let findings = v["findings"].as_array().expect("findings");
    let problems: Vec<&str> = summary["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| p["path"].as_str().expect("path"))
        .collect();
    for skipped in [
        "broken/empty.txt",
        "broken/scan.txt",
        "wire/briefs.jsonl#kw-102",
    ] {
        assert!(
            problems.iter().any(|p| p.ends_with(skipped)),
            "{skipped} not listed: {problems:?}"
        );
    }
    // each format gave findings: plain, Markdown, HTML, JSONL, WARC, gzip
    for path in [
        "2021/kestrel-cargo.txt",
        "2021/kestrel-review.md",
        "2021/marlow-dredging.html",
        "wire/briefs.jsonl#kw-103",
        "https://news.example.org/kestrel-tugs",
        "wire/board-notes.txt.gz",
    ] {
        assert!(
            findings
                .iter()
                .any(|f| f["path"].as_str().is_some_and(|p| p.ends_with(path))),
            "no finding in {path}"
        );
    }
    // the four cross-source kinds, each pointing to the other document
    for rule in [
        "figure-conflict",
        "quote-conflict",
        "role-conflict",
        "organisation-variant",
    ] {
        let f = findings
            .iter()
            .find(|f| f["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule} finding"));
        assert_eq!(f["scope"], "cross");
        let related = f["related"].as_array().expect("related places");
        assert!(
            related
                .iter()
                .any(|r| r["path"] != f["path"] && n(&r["line"]) >= 1 && n(&r["column"]) >= 1),
            "{f}"
        );
    }
    assert_eq!(
        n(&summary["cross_findings"]),
        findings.iter().filter(|f| f["scope"] == "cross").count() as u64
    );
    assert_eq!(n(&summary["findings"]), findings.len() as u64);
    // sorted by path, then span
    let keys: Vec<(String, u64, u64)> = findings
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or("").to_string(),
                n(&f["span"]["start"]),
                n(&f["span"]["end"]),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    common::with_snapshots(|| insta::assert_snapshot!("audit_fixtures_json", text));
}

#[test]
fn output_does_not_depend_on_the_number_of_threads() {
    let run = |jobs: &str| {
        let out = factlint()
            .args([
                "audit", FIXTURES, "--format", "jsonl", "--quiet", "--jobs", jobs,
            ])
            .output()
            .expect("factlint runs");
        assert_eq!(out.status.code(), Some(1));
        out.stdout
    };
    let one = run("1");
    assert!(!one.is_empty());
    for jobs in ["2", "5"] {
        assert_eq!(one, run(jobs), "--jobs {jobs}");
    }
}

#[test]
fn concise_and_human_formats() {
    let out = factlint()
        .args(["audit", FIXTURES, "--format", "concise"])
        .output()
        .expect("factlint runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        text.lines()
            .any(|l| l.contains("kestrel-review.md:9:") && l.contains(": error[figure-conflict] ")),
        "{text}"
    );
    let last = text.lines().last().unwrap_or("");
    assert!(
        last.contains("12 input(s): 9 document(s) read, 3 skipped, 0 failed"),
        "{last}"
    );
    // not a terminal: no progress bar on standard error
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("documents ·") && !err.contains('\r'), "{err}");

    let out = factlint()
        .args(["audit", FIXTURES])
        .output()
        .expect("factlint runs");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    // a snippet with the span underlined, and a cross-source finding with its other place
    assert!(
        text.contains("error[weekday-mismatch]: Friday does not match 2021-03-09"),
        "{text}"
    );
    assert!(text.contains("^^^^^^^^^^^^^^^^^^^^^"), "{text}");
    assert!(
        text.contains("note: tests/fixtures/audit/2021/kestrel-cargo.txt:3:"),
        "{text}"
    );
}

/// `audit --format human` printed the column of a finding far into a long line counted from
/// the start of its stored excerpt (cut to 600 bytes, 200 before the finding: column 201)
/// rather than from the start of the line, as `check` and the audit's other formats do.
#[test]
fn human_columns_on_a_long_line_are_the_documents() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let gulls = ["The gulls left the harbour early this year."; 20].join(" ");
    std::fs::write(
        tmp.path().join("long.txt"),
        format!("{gulls} The ferry terminal reopened on Sunday, March 2, 2024. {gulls}\n"),
    )
    .expect("write");
    let stdout = |out: Output| String::from_utf8(out.stdout).expect("UTF-8");
    let concise = stdout(audit_in(
        tmp.path(),
        &["long.txt", "--format", "concise", "-q"],
    ));
    assert!(
        concise.starts_with("long.txt:1:912: error[weekday-mismatch]"),
        "{concise}"
    );
    let check = check_in(tmp.path(), &["long.txt"]);
    for human in [
        stdout(check),
        stdout(audit_in(tmp.path(), &["long.txt", "-q"])),
    ] {
        assert!(human.contains(" --> long.txt:1:912\n"), "{human}");
        // the snippet still shows the finding
        assert!(human.contains("Sunday, March 2, 2024."), "{human}");
    }
}

#[test]
fn every_input_is_accounted_for_including_broken_ones() {
    let tmp = copy_fixtures();
    let archive = tmp.path().join("archive");
    // a link to nothing and a link loop: failures, not a stop
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("missing-target.txt", archive.join("broken/dangling.txt"))
            .expect("symlink");
        std::os::unix::fs::symlink("loop-b.txt", archive.join("broken/loop-a.txt"))
            .expect("symlink");
        std::os::unix::fs::symlink("loop-a.txt", archive.join("broken/loop-b.txt"))
            .expect("symlink");
    }
    // a truncated gzip file and a JSONL line that is not JSON
    let gz = std::fs::read(archive.join("wire/board-notes.txt.gz")).expect("gz");
    std::fs::write(archive.join("wire/cut.txt.gz"), &gz[..gz.len() / 2]).expect("write");
    let mut jsonl = std::fs::read_to_string(archive.join("wire/briefs.jsonl")).expect("jsonl");
    jsonl.push_str("{\"id\": \"kw-104\", \"text\": \"unterminated\n");
    std::fs::write(archive.join("wire/briefs.jsonl"), jsonl).expect("write");

    let out = audit_in(tmp.path(), &["archive", "--format", "json", "-q"]);
    // an input failed: exit code 2, after the whole archive was read
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    let s = &v["summary"];
    assert_accounted(s);
    assert!(n(&s["failed"]) >= 2, "{s}");
    assert!(n(&s["documents"]) >= 9, "{s}");
    let listed: Vec<String> = s["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            format!(
                "{} {}",
                p["outcome"].as_str().unwrap_or(""),
                p["path"].as_str().unwrap_or("")
            )
        })
        .collect();
    for want in [
        "failed archive/broken/dangling.txt",
        "skipped archive/broken/empty.txt",
    ] {
        assert!(listed.iter().any(|l| l == want), "{want} not in {listed:?}");
    }
    assert!(
        listed.iter().any(|l| l.contains("cut.txt.gz")),
        "{listed:?}"
    );
    assert!(
        listed.iter().any(|l| l.contains("briefs.jsonl")),
        "{listed:?}"
    );
    // the findings of the readable documents are all there
    assert!(n(&s["findings"]) >= 16, "{s}");
}

fn summary_of(out: &Output) -> serde_json::Value {
    json(out)["summary"].clone()
}

fn findings_of(out: &Output) -> serde_json::Value {
    json(out)["findings"].clone()
}

fn db_count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("index opens");
    conn.query_row(sql, [], |r| r.get(0)).expect("query")
}

#[test]
fn incremental_audit_re_extracts_only_what_changed() {
    let tmp = copy_fixtures();
    let dir = tmp.path();
    let db = dir.join("audit.sqlite");
    let args = ["archive", "--format", "json", "-q", "--db", "audit.sqlite"];

    let first = audit_in(dir, &args);
    let s = summary_of(&first);
    assert_accounted(&s);
    assert_eq!((n(&s["extracted"]), n(&s["reused"])), (9, 0), "{s}");
    assert_eq!(db_count(&db, "SELECT count(*) FROM documents"), 9);
    assert!(db_count(&db, "SELECT count(*) FROM claims") > 20);
    assert_eq!(
        db_count(&db, "SELECT count(*) FROM findings") as u64,
        n(&s["findings"])
    );
    let conn = rusqlite::Connection::open(&db).expect("index opens");
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .expect("journal mode");
    assert_eq!(mode, "wal");
    drop(conn);

    // nothing changed: nothing re-extracted, same findings
    let second = audit_in(dir, &args);
    let s2 = summary_of(&second);
    assert_eq!((n(&s2["extracted"]), n(&s2["reused"])), (0, 9), "{s2}");
    assert_eq!(findings_of(&first), findings_of(&second));
    assert_eq!(s["problems"], s2["problems"]);
    assert_eq!(s["inputs"], s2["inputs"]);

    // a damaged stored cross-source index is rebuilt from the stored records, with a warning
    assert_eq!(db_count(&db, "SELECT count(*) FROM cross_state"), 1);
    let conn = rusqlite::Connection::open(&db).expect("index opens");
    conn.execute("UPDATE cross_state SET state = x'ff00ff'", [])
        .expect("damage it");
    drop(conn);
    let again = audit_in(dir, &args);
    let err = String::from_utf8_lossy(&again.stderr);
    assert!(
        err.contains("stored cross-source index unreadable"),
        "{err}"
    );
    assert_eq!(findings_of(&again), findings_of(&first));
    let err = String::from_utf8_lossy(&audit_in(dir, &args).stderr).to_string();
    assert!(!err.contains("unreadable"), "{err}");

    // edit one document: one re-extracted, and the result is that of a fresh audit
    let md = dir.join("archive/2021/kestrel-review.md");
    let text = std::fs::read_to_string(&md).expect("read");
    std::fs::write(
        &md,
        text.replace("84 million tonnes", "48 million tonnes")
            + "\nThe new ferry sails for the first time on Friday, March 16, 2021.\n",
    )
    .expect("write");
    let third = audit_in(dir, &args);
    let s3 = summary_of(&third);
    assert_eq!((n(&s3["extracted"]), n(&s3["reused"])), (1, 8), "{s3}");
    let fresh = audit_in(dir, &["archive", "--format", "json", "-q"]);
    assert_eq!(findings_of(&third), findings_of(&fresh));
    let f3 = findings_of(&third);
    let rules: Vec<&str> = f3
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["rule"].as_str())
        .collect();
    assert!(!rules.contains(&"figure-conflict"), "fixed: {rules:?}");
    assert_eq!(
        rules.iter().filter(|r| **r == "weekday-mismatch").count(),
        2,
        "new: {rules:?}"
    );

    // the same folder named another way is the same index
    let mut other_name = args.to_vec();
    other_name[0] = "./archive//";
    let s = summary_of(&audit_in(dir, &other_name));
    assert_eq!((n(&s["extracted"]), n(&s["reused"])), (0, 9), "{s}");

    // a file touched but not changed: read and hashed, not re-extracted
    let txt = dir.join("archive/2021/kestrel-cargo.txt");
    let body = std::fs::read(&txt).expect("read");
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(&txt, &body).expect("rewrite");
    let s4 = summary_of(&audit_in(dir, &args));
    assert_eq!((n(&s4["extracted"]), n(&s4["reused"])), (0, 9), "{s4}");

    // a deleted file leaves the index, and its cross-source findings go with it
    std::fs::remove_file(&txt).expect("rm");
    let fifth = audit_in(dir, &args);
    let s5 = summary_of(&fifth);
    assert_eq!(
        (n(&s5["extracted"]), n(&s5["reused"]), n(&s5["removed"])),
        (0, 8, 1),
        "{s5}"
    );
    assert_eq!(db_count(&db, "SELECT count(*) FROM documents"), 8);
    assert_eq!(
        db_count(
            &db,
            "SELECT count(*) FROM documents WHERE path LIKE '%kestrel-cargo.txt'"
        ),
        0
    );
    let fresh = audit_in(dir, &["archive", "--format", "json", "-q"]);
    assert_eq!(findings_of(&fifth), findings_of(&fresh));
    assert!(!findings_of(&fifth)
        .to_string()
        .contains("kestrel-cargo.txt"));

    // other rules: nothing reused
    let rules_dir = dir.join("rules");
    std::fs::create_dir(&rules_dir).expect("mkdir");
    std::fs::write(
        rules_dir.join("extra.yaml"),
        "rules:\n  - id: no-quay\n    kind: substitution\n    severity: info\n    message: \"say {replace}\"\n    description: A test rule.\n    swaps:\n      - find: quay\n        replace: wharf\n",
    )
    .expect("write rule");
    let mut with_rules = args.to_vec();
    with_rules.extend(["--rules", "rules"]);
    let s6 = summary_of(&audit_in(dir, &with_rules));
    assert_eq!((n(&s6["extracted"]), n(&s6["reused"])), (8, 0), "{s6}");
}

/// Each finding of one scope as (path, rule, severity, line, column).
fn finding_keys(findings: &serde_json::Value, scope: Option<&str>) -> Vec<String> {
    let mut keys: Vec<String> = findings
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| scope.is_none_or(|s| f["scope"] == s))
        .map(|f| {
            format!(
                "{} {} {} {}:{}",
                f["path"].as_str().unwrap_or(""),
                f["rule"].as_str().unwrap_or(""),
                f["severity"].as_str().unwrap_or(""),
                f["line"],
                f["column"]
            )
        })
        .collect();
    keys.sort();
    keys
}

#[test]
fn each_document_is_checked_as_check_checks_it() {
    let tmp = copy_fixtures();
    let dir = tmp.path();
    // a configuration for one folder (a rule off, one regraded) and an inline suppression
    std::fs::write(
        dir.join("archive/2021/factlint.yaml"),
        "disable: [weekday-mismatch]\nseverity:\n  conversion-mismatch: info\n",
    )
    .expect("write configuration");
    let md = dir.join("archive/2021/kestrel-review.md");
    let text = std::fs::read_to_string(&md).expect("read");
    let text = text.replace(
        "Container traffic climbed",
        "<!-- factlint-disable-next-line unsourced-statistic -->\nContainer traffic climbed",
    );
    std::fs::write(&md, text).expect("write");

    let out = check_in(dir, &["archive", "--format", "json"]);
    let checked = finding_keys(&json(&out)["findings"], None);
    let audited = audit_in(dir, &["archive", "--format", "json", "-q"]);
    let per_document = finding_keys(&findings_of(&audited), Some("document"));
    assert_eq!(per_document, checked);
    let all = per_document.join("\n");
    assert!(!all.contains("weekday-mismatch"), "{all}");
    assert!(
        all.contains("marlow-dredging.html conversion-mismatch info"),
        "{all}"
    );
    assert!(
        !all.contains("kestrel-review.md unsourced-statistic"),
        "{all}"
    );
    // outside the configured folder nothing changed
    assert!(
        all.contains("briefs.jsonl#kw-103 unsourced-statistic"),
        "{all}"
    );

    // editing the configuration invalidates the stored results of its folder only
    let db_args = ["archive", "--format", "json", "-q", "--db", "a.sqlite"];
    let s = summary_of(&audit_in(dir, &db_args));
    assert_eq!((n(&s["extracted"]), n(&s["reused"])), (9, 0), "{s}");
    std::fs::write(
        dir.join("archive/2021/factlint.yaml"),
        "disable: [weekday-mismatch]\n",
    )
    .expect("write configuration");
    let again = audit_in(dir, &db_args);
    let s = summary_of(&again);
    assert_eq!((n(&s["extracted"]), n(&s["reused"])), (3, 6), "{s}");
    assert!(finding_keys(&findings_of(&again), None)
        .join("\n")
        .contains("marlow-dredging.html conversion-mismatch error"));

    // a broken configuration met on the way stops the audit: exit 2, file:line:col
    std::fs::write(
        dir.join("archive/wire/factlint.yaml"),
        "disable: [no-such-rule]\n",
    )
    .expect("write configuration");
    let out = audit_in(dir, &db_args);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("factlint.yaml:1:"), "{err}");
    assert!(err.contains("no-such-rule"), "{err}");
}

#[test]
fn a_killed_audit_leaves_a_usable_index_and_a_rerun_finishes() {
    const DOCS: usize = 3000;
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    corpus::write_corpus(&dir.join("corpus"), DOCS, 11).expect("corpus");
    let db = dir.join("audit.sqlite");
    let mut child = start_audit(dir, &["--jobs", "2"]);
    // wait until some documents are committed, then kill it (SIGKILL: no clean-up at all)
    let start = Instant::now();
    let mut stored = 0;
    while start.elapsed() < Duration::from_secs(120) {
        std::thread::sleep(Duration::from_millis(25));
        if db.exists() {
            if let Ok(conn) = rusqlite::Connection::open(&db) {
                stored = conn
                    .query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))
                    .unwrap_or(0);
            }
        }
        if stored > 0 {
            break;
        }
    }
    assert!(
        child.try_wait().expect("status").is_none(),
        "the audit finished before it could be killed ({stored} stored); use a bigger corpus"
    );
    child.kill().expect("kill");
    child.wait().expect("reaped");
    assert!(stored > 0 && (stored as usize) < DOCS, "{stored} stored");

    // the index opens and is whole
    let conn = rusqlite::Connection::open(&db).expect("index opens");
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .expect("integrity check");
    assert_eq!(check, "ok");
    let killed_at: i64 = conn
        .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))
        .expect("count");
    drop(conn);

    // a rerun reuses what was stored and finishes the job
    let out = audit_in(
        dir,
        &["corpus", "--db", "audit.sqlite", "-q", "--format", "json"],
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = summary_of(&out);
    assert_accounted(&s);
    assert_eq!(n(&s["documents"]), DOCS as u64, "{s}");
    assert_eq!(n(&s["extracted"]) + n(&s["reused"]), DOCS as u64, "{s}");
    assert!(
        n(&s["reused"]) >= killed_at as u64,
        "{s}, {killed_at} stored when killed"
    );
    assert_eq!(db_count(&db, "SELECT count(*) FROM documents"), DOCS as i64);
    assert_eq!(db_count(&db, "SELECT count(*) FROM files"), DOCS as i64);
    // and the result is that of an audit that was never interrupted
    let fresh = audit_in(dir, &["corpus", "-q", "--format", "json"]);
    assert_eq!(findings_of(&out), findings_of(&fresh));
    assert_eq!(db_count(&db, "SELECT count(*) FROM cross_state"), 1);

    // killed again, while re-auditing edited documents: the stored cross-source index goes
    // with the first committed change (it would no longer match the documents), and the
    // rerun rebuilds it from the stored records
    let mut edited = 0;
    for (i, entry) in walk_files(&dir.join("corpus")).into_iter().enumerate() {
        if i % 3 == 0 {
            let text = std::fs::read_to_string(&entry).expect("read");
            std::fs::write(
                &entry,
                text + "\nThe Wellport Port Authority sold 2,000 tickets in 2021.\n",
            )
            .expect("edit");
            edited += 1;
        }
    }
    let mut child = start_audit(dir, &[]);
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(120)
        && db_count(&db, "SELECT count(*) FROM cross_state") > 0
    {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        child.try_wait().expect("status").is_none(),
        "the audit of {edited} edited documents finished before it could be killed"
    );
    child.kill().expect("kill");
    child.wait().expect("reaped");
    assert_eq!(db_count(&db, "SELECT count(*) FROM cross_state"), 0);
    let out = audit_in(
        dir,
        &["corpus", "--db", "audit.sqlite", "-q", "--format", "json"],
    );
    let s = summary_of(&out);
    assert!(
        n(&s["extracted"]) > 0 && n(&s["extracted"]) <= edited,
        "{s}"
    );
    let fresh = audit_in(dir, &["corpus", "-q", "--format", "json"]);
    assert_eq!(findings_of(&out), findings_of(&fresh));
    assert_eq!(db_count(&db, "SELECT count(*) FROM cross_state"), 1);
}

/// Starts `audit corpus --db audit.sqlite -q --format concise` (and `extra`) in `dir`, its
/// output dropped.
fn start_audit(dir: &Path, extra: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(dir)
        .args([
            "audit",
            "corpus",
            "--db",
            "audit.sqlite",
            "-q",
            "--format",
            "concise",
        ])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("factlint starts")
}

/// The files under `dir`, sorted.
fn walk_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<std::path::PathBuf> = ignore::WalkBuilder::new(dir)
        .standard_filters(false)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .collect();
    out.sort();
    out
}

#[test]
fn a_document_whose_metadata_changed_is_checked_again() {
    // A JSONL line's date and outlet are not in its text: an edit to them alone must not
    // leave the results made under the old ones (the date anchors the weekday's check).
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let line = |date: &str, outlet: &str| {
        format!(
            "{{\"id\":\"m1\",\"date\":\"{date}\",\"source\":\"{outlet}\",\"text\":\"The harbour board met on Friday, March 10 and approved a budget of 4 million euros.\"}}\n"
        )
    };
    let file = dir.join("wire.jsonl");
    let args = [
        "wire.jsonl",
        "--format",
        "json",
        "-q",
        "--db",
        "audit.sqlite",
    ];
    std::fs::write(&file, line("2023-03-10", "Harbour Weekly")).expect("write");
    let first = audit_in(dir, &args);
    let s = summary_of(&first);
    assert_eq!((n(&s["extracted"]), n(&s["reused"])), (1, 0), "{s}");
    let weekday = |out: &Output| {
        findings_of(out)
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["rule"] == "weekday-mismatch")
            .count()
    };
    assert_eq!(weekday(&first), 0, "2023-03-10 is a Friday");

    // the same text dated a year later: March 10, 2024 is a Sunday
    std::fs::write(&file, line("2024-03-10", "Harbour Weekly")).expect("write");
    let second = audit_in(dir, &args);
    let s2 = summary_of(&second);
    assert_eq!((n(&s2["extracted"]), n(&s2["reused"])), (1, 0), "{s2}");
    assert_eq!(weekday(&second), 1);
    let fresh = audit_in(dir, &["wire.jsonl", "--format", "json", "-q"]);
    assert_eq!(findings_of(&second), findings_of(&fresh));

    // another outlet, same text and date: stored again with the new outlet
    std::fs::write(&file, line("2024-03-10", "The Quay Courier")).expect("write");
    let s3 = summary_of(&audit_in(dir, &args));
    assert_eq!((n(&s3["extracted"]), n(&s3["reused"])), (1, 0), "{s3}");
    let conn = rusqlite::Connection::open(dir.join("audit.sqlite")).expect("index opens");
    let outlet: String = conn
        .query_row("SELECT source FROM documents", [], |r| r.get(0))
        .expect("one document");
    assert_eq!(outlet, "The Quay Courier");

    // nothing changed: reused
    let s4 = summary_of(&audit_in(dir, &args));
    assert_eq!((n(&s4["extracted"]), n(&s4["reused"])), (0, 1), "{s4}");
}

/// A page whose weekday is wrong: each capture of the port's page gives a different date.
fn port_page(day: u32) -> String {
    format!("<html><body><p>The ferry terminal reopened on Sunday, March {day}, 2024.</p></body></html>")
}

#[test]
fn documents_of_one_name_are_all_kept() {
    // Two captures of one page in one WARC file, a third in another file, and a JSONL file
    // that repeats an id: five documents under two names. Each repeat is renamed `NAME (n)`
    // in reading order, so none is lost in the index, and the audit finds what `check` does.
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let uri = "http://harbour.example/terminal";
    let mut first = warc_page(uri, &port_page(4), 1);
    first.extend(warc_page(uri, &port_page(5), 2));
    std::fs::write(dir.join("a.warc"), &first).expect("write");
    std::fs::write(dir.join("b.warc"), warc_page(uri, &port_page(6), 3)).expect("write");
    std::fs::write(
        dir.join("c.jsonl"),
        "{\"id\":\"n1\",\"text\":\"The quay opened on Sunday, May 7, 2024.\"}\n{\"id\":\"n1\",\"text\":\"The quay closed on Sunday, May 8, 2024.\"}\n",
    )
    .expect("write");
    let paths_of = |out: &Output| {
        let mut p: Vec<String> = findings_of(out)
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["rule"] == "weekday-mismatch")
            .map(|f| f["path"].as_str().unwrap_or("").to_string())
            .collect();
        p.sort();
        p
    };
    let want = [
        "c.jsonl#n1",
        "c.jsonl#n1 (2)",
        "http://harbour.example/terminal",
        "http://harbour.example/terminal (2)",
        "http://harbour.example/terminal (3)",
    ];
    let check = factlint()
        .current_dir(dir)
        .args(["check", "a.warc", "b.warc", "c.jsonl", "--format", "json"])
        .output()
        .expect("factlint runs");
    assert_eq!(paths_of(&check), want);
    let err = String::from_utf8_lossy(&check.stderr);
    assert!(
        err.contains("warning: http://harbour.example/terminal (3): renamed: a document read before is named http://harbour.example/terminal"),
        "{err}"
    );

    let args = [
        "a.warc",
        "b.warc",
        "c.jsonl",
        "--format",
        "json",
        "-q",
        "--db",
        "audit.sqlite",
    ];
    let fresh_args = ["a.warc", "b.warc", "c.jsonl", "--format", "json", "-q"];
    let audit = audit_in(dir, &args);
    assert_eq!(paths_of(&audit), want);
    assert_eq!(
        findings_of(&audit),
        findings_of(&audit_in(dir, &fresh_args))
    );
    let db = dir.join("audit.sqlite");
    assert_eq!(db_count(&db, "SELECT count(*) FROM documents"), 5);

    // a rerun reuses all five
    let s = summary_of(&audit_in(dir, &args));
    assert_eq!((n(&s["extracted"]), n(&s["reused"])), (0, 5), "{s}");

    // a.warc gone: b.warc's capture is now the first of its name, as in a fresh audit
    std::fs::remove_file(dir.join("a.warc")).expect("rm");
    let (args, fresh_args) = (&args[1..], &fresh_args[1..]);
    let after = audit_in(dir, args);
    let s = summary_of(&after);
    assert_eq!(n(&s["documents"]), 3, "{s}");
    let fresh = audit_in(dir, fresh_args);
    assert_eq!(findings_of(&after), findings_of(&fresh));
    assert_eq!(
        paths_of(&after),
        [
            "c.jsonl#n1",
            "c.jsonl#n1 (2)",
            "http://harbour.example/terminal"
        ]
    );
    assert_eq!(db_count(&db, "SELECT count(*) FROM documents"), 3);

    // a.warc back, named before b.warc: the names shift back, still as a fresh audit's
    std::fs::write(dir.join("a.warc"), &first).expect("write");
    let mut args = args.to_vec();
    args.insert(0, "a.warc");
    let back = audit_in(dir, &args);
    assert_eq!(paths_of(&back), want);
    assert_eq!(db_count(&db, "SELECT count(*) FROM documents"), 5);
    let s = summary_of(&audit_in(dir, &args));
    assert_eq!((n(&s["extracted"]), n(&s["reused"])), (0, 5), "{s}");
}

/// Documents travel between the audit's threads in parcels (at most 32 documents, about
/// 128 KB of text): an archive of many parcels — files, a JSONL archive, a document larger
/// than a parcel, broken inputs among them — is audited whole, as `check` checks it,
/// whatever the number of threads.
#[test]
fn an_archive_of_many_parcels_is_audited_whole() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    let archive = dir.join("archive");
    corpus::write_corpus(&archive, 260, 5).expect("corpus");
    let mut rng = corpus::Rng::new(9);
    let mut lines = String::new();
    for i in 0..90 {
        let (title, date, body) = corpus::article(&mut rng, 1000 + i);
        let line =
            serde_json::json!({"id": format!("w{i}"), "title": title, "date": date, "text": body});
        lines.push_str(&format!("{line}\n"));
    }
    std::fs::write(archive.join("wire.jsonl"), lines).expect("write");
    // one document larger than a parcel, between two small ones
    let mut big = String::new();
    while big.len() < 300 * 1024 {
        big.push_str(&corpus::article(&mut rng, 7).2);
    }
    std::fs::write(archive.join("batch-000/article-000100b.txt"), big).expect("write");
    std::fs::write(archive.join("batch-000/empty.txt"), "").expect("write");
    std::fs::write(
        archive.join("batch-000/photo.txt"),
        [0u8, 159, 146, 150, 0, 1],
    )
    .expect("write");

    let check = check_in(dir, &["archive", "--format", "json"]);
    let checked = json(&check);
    let audit = |jobs: &str| audit_in(dir, &["archive", "--format", "json", "-q", "--jobs", jobs]);
    let one = audit("1");
    assert_eq!(one.stdout, audit("2").stdout, "--jobs 1 and 2 differ");
    let audited = json(&one);
    let s = &audited["summary"];
    assert_accounted(s);
    // 260 files, 90 lines, the large one, the empty and the binary one
    assert_eq!(n(&s["inputs"]), 260 + 90 + 3, "{s}");
    assert_eq!((n(&s["skipped"]), n(&s["failed"])), (2, 0), "{s}");
    for key in ["inputs", "documents", "skipped", "failed"] {
        assert_eq!(s[key], checked["summary"][key], "{key}: {s}");
    }
    let per_document = finding_keys(&audited["findings"], Some("document"));
    assert!(per_document.len() > 350, "{}", per_document.len());
    assert_eq!(per_document, finding_keys(&checked["findings"], None));
    assert!(
        per_document
            .iter()
            .any(|k| k.starts_with("archive/wire.jsonl#w89 ")),
        "the last line's document is audited"
    );
    assert!(
        per_document
            .iter()
            .any(|k| k.starts_with("archive/batch-000/article-000100b.txt ")),
        "the large document is audited"
    );
}
