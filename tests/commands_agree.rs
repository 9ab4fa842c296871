//! A randomized differential test of the commands that must agree by design, over a small
//! random archive of every input format (configurations in subfolders, inline suppressions,
//! repeated JSONL ids, WARC files sharing URIs, gzip files, an HTML page, a binary file, an
//! empty file, bad JSONL lines):
//!
//! - `audit`'s per-document findings are `check --format json`'s (same paths and options);
//! - `audit`'s cross-source findings are what `extract --format jsonl` then `reconcile`
//!   finds, and the same again from the records split into shards (in order);
//! - `audit --jobs 1` and `--jobs 2` print the same;
//! - `audit`'s summary counts are `check`'s, and `documents + skipped + failed = inputs`.
//!
//! Deterministic: a fixed list of seeds (`FACTLINT_AGREE_CASES=N` runs seeds 0..N instead,
//! `FACTLINT_AGREE_SEED=S` one seed only). A failure prints the seed, the command line and
//! the archive's files.

#[path = "common/archive.rs"]
mod archive;

use archive::{document, initial, line, Model, Rng, CONFIGS, TEXT_PATHS, URIS};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

/// An HTML page around a document: boilerplate that is not prose, an `<article>`, and
/// sometimes a publication date in its metadata.
fn html_page(rng: &mut Rng) -> String {
    let meta = if rng.chance(50) {
        "<meta property=\"article:published_time\" content=\"2022-03-02T10:00:00Z\">"
    } else {
        ""
    };
    let paras: String = document(rng)
        .lines()
        .map(|l| format!("<p>{l}</p>\n"))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html><head><title>Harbour news</title>{meta}</head>\n<body><nav>Home | Port | Weather</nav>\n<article><h1>Port news</h1>\n{paras}</article>\n<footer>Harbour Ledger, Sunday, March 4, 2024</footer></body></html>\n"
    )
}

/// Configurations that grade the cross-source rules (at the top level and in overrides,
/// which `audit` matches against its first path and `reconcile` against its directory).
const MORE_CONFIGS: [&str; 3] = [
    "overrides:\n  - files: [\"sub/**\"]\n    disable: [weekday-mismatch]\n    severity: {figure-conflict: error}\n",
    "severity: {organisation-variant: error, quote-conflict: info}\n",
    "overrides:\n  - files: [\"**\"]\n    severity: {role-conflict: error, organisation-name: info}\n",
];

/// The configurations of this test: those of `audit_incremental`, and more.
fn config(rng: &mut Rng, dir: &str) -> String {
    let picks: Vec<&str> = CONFIGS.iter().chain(&MORE_CONFIGS).copied().collect();
    let up = "../".repeat(dir.split('/').filter(|s| !s.is_empty()).count());
    rng.pick(&picks).replace("[house]", &format!("[{up}house]"))
}

/// One random archive: its files (path relative to the archive, bytes), the paths to name
/// (relative to the archive's parent, `archive` at first) and the options.
struct Case {
    files: BTreeMap<String, Vec<u8>>,
    paths: Vec<String>,
    options: Vec<String>,
}

fn case(seed: u64, root: &Path) -> Case {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xC0FF_EE00_D15E_A5E5);
    let mut m = initial(&mut rng);
    for p in &TEXT_PATHS[4..] {
        if rng.chance(60) {
            m.texts.insert(p.to_string(), document(&mut rng));
        }
    }
    // more lines: ids are drawn from five, so some repeat
    let n = 2 + rng.below(3);
    m.jsonl
        .get_mut("wire.jsonl")
        .expect("wire")
        .extend((0..n).map(|_| line(&mut rng)));
    if rng.chance(50) {
        m.jsonl.insert(
            "sub/more.jsonl".into(),
            (0..1 + rng.below(3)).map(|_| line(&mut rng)).collect(),
        );
    }
    // a third WARC file, its pages often at URIs the others have
    let pages = (0..1 + rng.below(2))
        .map(|i| {
            (
                rng.pick(&URIS).to_string(),
                document(&mut rng),
                10 + i as u32,
            )
        })
        .collect();
    m.warc.insert("web3.warc".into(), pages);
    if rng.chance(50) {
        m.gz.insert("sub/old.md.gz".into(), document(&mut rng));
    }
    for dir in ["", "sub", "sub/deep"] {
        if rng.chance(40) {
            let p = if dir.is_empty() {
                "factlint.yaml".to_string()
            } else {
                format!("{dir}/factlint.yaml")
            };
            m.configs.insert(p, config(&mut rng, dir));
        }
    }
    if rng.chance(15) {
        m.configs.insert(
            "sub/.gitignore".into(),
            rng.pick(&["c.txt\n", "*.jsonl\n", "deep/\n"]).to_string(),
        );
    }
    let mut files = m.files();

    // what the model does not hold: an HTML page, gzip archives, broken inputs
    files.insert("page.html".into(), html_page(&mut rng).into_bytes());
    if rng.chance(70) {
        // Markdown: front matter, an HTML comment directive (used or not)
        let front = if rng.chance(50) {
            "---\ntitle: Port notes\ndate: 2022-03-02\nsource: Harbour Ledger\n---\n"
        } else {
            ""
        };
        let directive = rng.pick(&["weekday", "names", "figure-conflict", "core"]);
        files.insert(
            "sub/notes.md".into(),
            format!(
                "{front}# Notes\n\n<!-- factlint-disable-next-line {directive} -->\n{}\n\n{}\n",
                archive::sentence(&mut rng),
                document(&mut rng)
            )
            .into_bytes(),
        );
    }
    let mut feed = Model::default();
    feed.jsonl
        .insert("feed".into(), (0..2).map(|_| line(&mut rng)).collect());
    feed.warc.insert(
        "crawl".into(),
        vec![(rng.pick(&URIS).to_string(), document(&mut rng), 20)],
    );
    let feed = feed.files();
    files.insert("sub/feed.jsonl.gz".into(), gzip(&feed["feed"]));
    if rng.chance(60) {
        files.insert("crawl.warc.gz".into(), gzip(&feed["crawl"]));
    }
    files.insert("bin.txt".into(), b"\x00\x01\x02binary\x00\xff\xfe".to_vec());
    files.insert("sub/empty.md".into(), Vec::new());
    let mut bad = Model::default();
    bad.jsonl
        .insert("bad".into(), (0..2).map(|_| line(&mut rng)).collect());
    let mut bad_lines = String::from_utf8(bad.files().remove("bad").expect("bad")).expect("utf8");
    let at = if rng.chance(50) { 0 } else { bad_lines.len() };
    bad_lines.insert_str(
        at,
        "{broken\n{\"id\": \"n1\", \"title\": \"no text\"}\n[1, 2]\n\n",
    );
    files.insert("bad.jsonl".into(), bad_lines.into_bytes());

    let abs = root.join("archive").to_string_lossy().into_owned();
    let paths: Vec<String> = match rng.below(8) {
        0 => vec!["./archive/".into()],
        1 => vec!["archive/sub".into(), "archive".into()],
        2 => vec!["archive".into(), "archive/sub/c.txt".into()],
        3 => vec![abs],
        4 => vec!["archive/sub/c.txt".into(), "archive/wire.jsonl".into()],
        _ => vec!["archive".into()],
    };
    let options: Vec<String> = match rng.below(10) {
        0 => vec!["--date".into(), "2022-03-05".into()],
        1 => vec!["--date".into(), "2024-03-04".into()],
        2 => vec!["--isolated".into()],
        3 => vec!["--max-claims".into(), "4".into()],
        4 => vec!["--max-document-size".into(), "300".into()],
        5 => {
            // one configuration for every input, outside the archive
            let c = config(&mut rng, "").replace("[house]", "[archive/house]");
            std::fs::write(root.join("other.yaml"), c).expect("write");
            vec![
                "--config".into(),
                root.join("other.yaml").to_string_lossy().into_owned(),
            ]
        }
        _ => vec![],
    };
    Case {
        files,
        paths,
        options,
    }
}

/// Runs factlint in `dir`; stdout, stderr.
fn run(dir: &Path, args: &[String]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("factlint runs");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn json(what: &str, (stdout, stderr): &(String, String)) -> Result<Value, String> {
    serde_json::from_str(stdout)
        .map_err(|e| format!("{what}: not JSON ({e}): {stdout}\nstderr: {stderr}"))
}

/// A document path as `audit` keys it: `.` and empty components dropped (README: "Document
/// paths are those named on the command line with `.` and empty components dropped"), which
/// `check` and `extract` do not do; a WARC page's URI is left alone.
fn lexical(path: &str) -> String {
    if path.contains("://") {
        return path.to_string();
    }
    let abs = path.starts_with('/');
    let parts: Vec<&str> = path
        .split('/')
        .filter(|c| !c.is_empty() && *c != ".")
        .collect();
    format!("{}{}", if abs { "/" } else { "" }, parts.join("/"))
}

/// The findings of `v` (of `scope` when given, without it), paths keyed as `audit` keys
/// them, sorted (`audit` sorts by path and span, `check` prints in reading order).
fn findings(v: &Value, scope: Option<&str>) -> Vec<Value> {
    let mut out: Vec<Value> = v["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| scope.is_none_or(|s| f["scope"] == s))
        .cloned()
        .map(|mut f| {
            let o = f.as_object_mut().expect("a finding is an object");
            o.remove("scope");
            if let Some(Value::String(p)) = o.get("path") {
                o.insert("path".into(), lexical(p).into());
            }
            if let Some(Value::Array(related)) = o.get_mut("related") {
                for r in related {
                    if let Some(Value::String(p)) = r.get("path") {
                        r["path"] = lexical(p).into();
                    }
                }
            }
            f
        })
        .collect();
    out.sort_by_key(|f| f.to_string());
    out
}

/// Describes the findings only one side has.
fn differ(what: &str, a: &[Value], b: &[Value]) -> Option<String> {
    if a == b {
        return None;
    }
    let only = |x: &[Value], y: &[Value]| -> Vec<String> {
        x.iter()
            .filter(|f| !y.contains(f))
            .map(|f| f.to_string())
            .collect()
    };
    Some(format!(
        "{what}\n  only the first: {:#?}\n  only the second: {:#?}",
        only(a, b),
        only(b, a)
    ))
}

const COUNTS: [&str; 4] = ["documents", "skipped", "failed", "inputs"];

/// Runs every command on one case; a description of each disagreement.
fn compare(
    root: &Path,
    c: &Case,
    rng: &mut Rng,
    seen: &mut BTreeMap<String, usize>,
) -> Vec<String> {
    let mut diffs = Vec::new();
    let with = |head: &[&str], tail: &[&str]| -> Vec<String> {
        head.iter()
            .map(|s| s.to_string())
            .chain(c.paths.iter().cloned())
            .chain(tail.iter().map(|s| s.to_string()))
            .collect()
    };
    let mut opts: Vec<&str> = c.options.iter().map(String::as_str).collect();
    opts.extend(["--format", "json"]);
    let check = match json("check", &run(root, &with(&["check"], &opts))) {
        Ok(v) => v,
        Err(e) => return vec![e],
    };
    opts.push("-q");
    let audit_out: Vec<(String, String)> = ["1", "2"]
        .iter()
        .map(|j| run(root, &with(&["audit", "--jobs", j], &opts)))
        .collect();
    if audit_out[0].0 != audit_out[1].0 {
        diffs.push(format!(
            "audit --jobs 1 and --jobs 2 differ:\n{}\n---\n{}",
            audit_out[0].0, audit_out[1].0
        ));
    }
    let audit = match json("audit", &audit_out[0]) {
        Ok(v) => v,
        Err(e) => return vec![e],
    };

    for f in findings(&audit, None) {
        *seen
            .entry(f["rule"].as_str().unwrap_or("").to_string())
            .or_default() += 1;
    }
    for k in ["skipped", "failed"] {
        if audit["summary"][k].as_u64().unwrap_or(0) > 0 {
            *seen.entry(format!("summary.{k}")).or_default() += 1;
        }
    }

    // per document: audit = check
    diffs.extend(differ(
        "audit's per-document findings (first) differ from check's (second)",
        &findings(&audit, Some("document")),
        &findings(&check, None),
    ));
    for k in COUNTS {
        if audit["summary"][k] != check["summary"][k] {
            diffs.push(format!(
                "summary.{k}: audit {} check {}",
                audit["summary"][k], check["summary"][k]
            ));
        }
    }
    let n = |k: &str| audit["summary"][k].as_u64().unwrap_or(u64::MAX);
    if n("documents") + n("skipped") + n("failed") != n("inputs") {
        diffs.push(format!(
            "documents + skipped + failed != inputs: {}",
            audit["summary"]
        ));
    }
    // the counts of findings: the audit's are check's plus the cross-source ones
    let cross = findings(&audit, Some("cross")).len() as u64;
    let all = findings(&audit, None).len() as u64;
    if n("findings") != all
        || n("cross_findings") != cross
        || Some(all - cross) != check["summary"]["findings"].as_u64()
    {
        diffs.push(format!(
            "finding counts: audit {} ({all} findings, {cross} cross-source), check {}",
            audit["summary"], check["summary"]
        ));
    }

    // across documents: audit = extract + reconcile, over one file or shards
    let date: Vec<&str> = c
        .options
        .iter()
        .position(|o| o == "--date")
        .map(|i| vec!["--date", c.options[i + 1].as_str()])
        .unwrap_or_default();
    // --isolated, --config FILE
    let isolated: Vec<&str> = match c.options.first().map(String::as_str) {
        Some("--isolated") => vec!["--isolated"],
        Some("--config") => vec!["--config", c.options[1].as_str()],
        _ => vec![],
    };
    let mut extract_args = vec!["--format", "jsonl"];
    extract_args.extend(date);
    // extract reads the configurations as check and audit do (a configuration's date
    // dates the undated documents' records), with the same --isolated or --config
    extract_args.extend(isolated.iter().copied());
    // the limits
    for (i, o) in c.options.iter().enumerate() {
        if o.starts_with("--max-") {
            extract_args.extend([o.as_str(), c.options[i + 1].as_str()]);
        }
    }
    let (records, extract_err) = run(root, &with(&["extract"], &extract_args));
    // the cross-source rules come from the configuration of the first input path (audit)
    // and of the current directory (reconcile): reconcile runs where the first path is (its
    // folder for a file: an override matching that file but not its folder would grade the
    // cross-source findings apart, by design; the configurations here have none)
    let first = root.join(&c.paths[0]);
    let here = if first.is_dir() {
        first
    } else {
        first.parent().expect("parent").to_path_buf()
    };
    let reconcile = |shards: &[String]| -> Result<Value, String> {
        let mut names = Vec::new();
        for (i, s) in shards.iter().enumerate() {
            let p = root.join(format!("records-{i}.jsonl"));
            std::fs::write(&p, s).expect("write records");
            names.push(p.to_string_lossy().into_owned());
        }
        let mut args = vec!["reconcile".to_string()];
        args.extend(names);
        args.extend(["--format", "json"].map(String::from));
        args.extend(isolated.iter().map(|s| s.to_string()));
        json("reconcile", &run(&here, &args))
    };
    let whole = match reconcile(std::slice::from_ref(&records)) {
        Ok(v) => v,
        Err(e) => return vec![e, format!("extract stderr: {extract_err}")],
    };
    diffs.extend(differ(
        "audit's cross-source findings (first) differ from extract + reconcile's (second)",
        &findings(&audit, Some("cross")),
        &findings(&whole, None),
    ));
    if whole["summary"]["documents"] != check["summary"]["documents"] {
        diffs.push(format!(
            "reconcile read {} records, check {} documents",
            whole["summary"]["documents"], check["summary"]["documents"]
        ));
    }
    // shards: the records cut in 2 to 4 pieces (some maybe empty), in order
    let lines: Vec<&str> = records.split_inclusive('\n').collect();
    let mut cuts: Vec<usize> = (0..1 + rng.below(3))
        .map(|_| rng.below(lines.len() + 1))
        .collect();
    cuts.push(0);
    cuts.push(lines.len());
    cuts.sort_unstable();
    let shards: Vec<String> = cuts
        .windows(2)
        .map(|w| lines[w[0]..w[1]].concat())
        .collect();
    match reconcile(&shards) {
        Ok(v) => {
            if v["findings"] != whole["findings"]
                || v["summary"]["documents"] != whole["summary"]["documents"]
            {
                diffs.push(format!(
                    "reconcile of {} shards differs from reconcile of one file:\n{}\n---\n{}",
                    shards.len(),
                    v,
                    whole
                ));
            }
        }
        Err(e) => diffs.push(e),
    }
    diffs
}

/// The archive's files, text as text (gzip decompressed), for a failure's message.
fn listing(files: &BTreeMap<String, Vec<u8>>) -> String {
    let mut s = String::new();
    for (p, b) in files {
        let mut text = b.clone();
        if p.ends_with(".gz") {
            text.clear();
            flate2::read::MultiGzDecoder::new(&b[..])
                .read_to_end(&mut text)
                .expect("gunzip");
        }
        s.push_str(&format!(
            "--- {p} ({} bytes)\n{}\n",
            b.len(),
            String::from_utf8_lossy(&text)
        ));
    }
    s
}

fn run_case(seed: u64, seen: &mut BTreeMap<String, usize>) -> Result<(), String> {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path();
    let c = case(seed, root);
    for (p, bytes) in &c.files {
        let path = root.join("archive").join(p);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, bytes).expect("write");
    }
    let mut rng = Rng(seed ^ 0x5EED);
    let diffs = compare(root, &c, &mut rng, seen);
    if diffs.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "seed {seed}: paths {:?}, options {:?}\n{}\narchive:\n{}",
            c.paths,
            c.options,
            diffs.join("\n"),
            listing(&c.files)
        ))
    }
}

#[test]
fn check_audit_extract_and_reconcile_agree() {
    let seeds = archive::seeds("FACTLINT_AGREE_SEED", "FACTLINT_AGREE_CASES", 32);
    archive::run_seeds(
        &seeds,
        run_case,
        &[
            "weekday-mismatch",
            "figure-conflict",
            "quote-conflict",
            "organisation-variant",
            "role-conflict",
            "unused-suppression",
            "summary.skipped",
            "summary.failed",
        ],
    );
}

/// A configuration's `date:` (the date of documents that state none) dates the audit's
/// cross-source records of undated documents, and `extract`'s too: `extract` once read no
/// configuration, so its records stayed undated and `reconcile` did not compare their roles.
#[test]
fn a_configuration_date_reaches_audit_and_extract() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let root = tmp.path();
    let archive = root.join("archive");
    std::fs::create_dir_all(archive.join("sub")).expect("mkdir");
    std::fs::write(archive.join("factlint.yaml"), "date: 2022-03-05\n").expect("write");
    let said = |role: &str| {
        format!("Mira Sol, {role} of the Harbourton Port Authority, said the dock was ready.\n")
    };
    std::fs::write(archive.join("a.txt"), said("chief executive")).expect("write");
    std::fs::write(archive.join("sub/b.txt"), said("deputy director")).expect("write");
    let strings = |a: &[&str]| -> Vec<String> { a.iter().map(|s| s.to_string()).collect() };
    let audit = json(
        "audit",
        &run(
            root,
            &strings(&["audit", "archive", "--format", "json", "-q"]),
        ),
    )
    .expect("audit");
    let (records, _) = run(root, &strings(&["extract", "archive", "--format", "jsonl"]));
    std::fs::write(root.join("records.jsonl"), records).expect("write");
    let reconciled = json(
        "reconcile",
        &run(
            &archive,
            &strings(&["reconcile", "../records.jsonl", "--format", "json"]),
        ),
    )
    .expect("reconcile");
    assert_eq!(findings(&audit, Some("cross")).len(), 1, "{audit}");
    assert_eq!(findings(&audit, Some("cross")), findings(&reconciled, None));
}
