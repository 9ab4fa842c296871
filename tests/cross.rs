//! Cross-source rules: `factlint extract --format jsonl` (map) then `factlint reconcile`
//! (reduce) over the articles in tests/fixtures/cross (snapshots), sharded runs, bad input,
//! and each kind through the library with its negatives.

mod common;

use factlint::cross::{CrossFinding, CrossIndex, DocRecord};
use factlint::input::{plain, LoadOptions};
use factlint::rules::Registry;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const FIXTURES: &str = "tests/fixtures/cross";

fn factlint(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factlint"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).args(args);
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("factlint runs");
    if let Some(input) = stdin {
        use std::io::Write;
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input)
            .expect("write stdin");
    }
    child.wait_with_output().expect("factlint ends")
}

fn text(b: &[u8]) -> String {
    String::from_utf8(b.to_vec()).expect("UTF-8 output")
}

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cross")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// The document records of the given inputs (the map step).
fn records(paths: &[&str]) -> String {
    let mut args = vec!["extract", "--format", "jsonl"];
    args.extend_from_slice(paths);
    let out = factlint(&args, None);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout)
}

/// Reconciles the records in `file` with extra arguments; returns exit code and stdout.
fn reconcile(files: &[&Path], args: &[&str]) -> (Option<i32>, String, String) {
    let mut all: Vec<&str> = vec!["reconcile"];
    all.extend(files.iter().map(|f| f.to_str().expect("UTF-8 path")));
    all.extend_from_slice(args);
    let out = factlint(&all, None);
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

fn fixture_records(name: &str) -> PathBuf {
    let f = scratch(name).join("claims.jsonl");
    std::fs::write(&f, records(&[FIXTURES])).expect("write records");
    f
}

#[test]
fn extract_writes_one_record_per_document() {
    let out = records(&[FIXTURES]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 8, "eight articles");
    for l in &lines {
        let rec: DocRecord = serde_json::from_str(l).expect("a document record");
        assert!(rec.path.starts_with(FIXTURES), "{}", rec.path);
        assert!(rec.date.is_some(), "every fixture is dated: {}", rec.path);
        // every place's line and column agree with its byte offset in the file
        let source = std::fs::read_to_string(&rec.path).expect("fixture");
        let places = rec
            .organisations
            .iter()
            .map(|o| (o.at, o.name.as_str()))
            .chain(rec.roles.iter().map(|r| (r.at, r.person.as_str())))
            .chain(rec.figures.iter().map(|f| (f.at, f.text.as_str())))
            .chain(rec.quotes.iter().map(|q| (q.at, "")));
        for (at, expected) in places {
            let slice = &source[at.start..at.end];
            assert!(slice.contains(expected), "{slice:?} vs {expected:?}");
            assert_eq!(
                factlint::document::line_col(&source, at.start),
                (at.line, at.column)
            );
        }
    }
}

#[test]
fn reconcile_human() {
    let f = fixture_records("human");
    let (code, out, err) = reconcile(&[&f], &[]);
    assert_eq!(code, Some(1), "errors found: {err}");
    common::with_snapshots(|| insta::assert_snapshot!("cross_reconcile_human", out));
}

#[test]
fn reconcile_json() {
    let f = fixture_records("json");
    let (code, out, _) = reconcile(&[&f], &["--format", "json"]);
    assert_eq!(code, Some(1));
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(v["summary"]["documents"], 8);
    let findings = v["findings"].as_array().expect("findings");
    assert_eq!(v["summary"]["findings"], findings.len());
    for f in findings {
        for r in f["related"]
            .as_array()
            .expect("every cross finding has related places")
        {
            assert!(r["path"].as_str().is_some_and(|p| p != f["path"]));
            assert!(r["line"].as_u64().is_some_and(|l| l > 0), "{r}");
        }
    }
    common::with_snapshots(|| insta::assert_snapshot!("cross_reconcile_json", out));
}

#[test]
fn reconcile_jsonl_lines_are_the_json_findings() {
    let f = fixture_records("jsonl");
    let (_, json, _) = reconcile(&[&f], &["--format", "json"]);
    let (code, jsonl, err) = reconcile(&[&f], &["--format", "jsonl"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("8 document(s) from 1 file(s)"), "{err}");
    let json: serde_json::Value = serde_json::from_str(&json).expect("json");
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(json["findings"].as_array().expect("findings"), &lines);
}

#[test]
fn shards_reconcile_like_one_file() {
    let dir = scratch("shards");
    let mut shard_paths = Vec::new();
    for (n, names) in [
        &["01-port-record.txt", "02-port-traffic.txt", "03-analyst.md"][..],
        &["04-shipping.txt", "05-grain.txt"],
        &["06-old-profile.txt", "07-forum.txt", "08-ferries.txt"],
    ]
    .iter()
    .enumerate()
    {
        let paths: Vec<String> = names.iter().map(|f| format!("{FIXTURES}/{f}")).collect();
        let refs: Vec<&str> = paths.iter().map(String::as_str).collect();
        let shard = dir.join(format!("shard-{n}.jsonl"));
        std::fs::write(&shard, records(&refs)).expect("write shard");
        shard_paths.push(shard);
    }
    let shards: Vec<&Path> = shard_paths.iter().map(PathBuf::as_path).collect();
    let (code, sharded, _) = reconcile(&shards, &["--format", "concise"]);
    assert_eq!(code, Some(1));
    let whole = fixture_records("shards-whole");
    let (_, one, _) = reconcile(&[&whole], &["--format", "concise"]);
    let findings = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.contains('['))
            .map(String::from)
            .collect()
    };
    assert_eq!(findings(&sharded), findings(&one));
    assert_eq!(findings(&one).len(), 5);
    assert!(sharded.contains("from 3 file(s)"), "{sharded}");
}

#[test]
fn bad_lines_and_missing_files_are_reported_and_the_rest_reconciled() {
    let dir = scratch("bad");
    let good = records(&[FIXTURES]);
    let mut lines: Vec<&str> = good.lines().collect();
    lines.insert(2, "{\"path\": 5}");
    lines.insert(4, "not json at all");
    let f = dir.join("claims.jsonl");
    std::fs::write(&f, lines.join("\n")).expect("write");
    let missing = dir.join("missing.jsonl");
    let (code, out, err) = reconcile(&[&f, &missing], &["--format", "concise"]);
    assert_eq!(code, Some(2), "bad input is exit code 2: {err}");
    assert!(err.contains("claims.jsonl:3:"), "{err}");
    assert!(err.contains("claims.jsonl:5:"), "{err}");
    assert!(err.contains("missing.jsonl"), "{err}");
    // the eight good records were still reconciled
    assert!(
        out.contains("8 document(s) from 2 file(s), 1 file(s) failed, 2 invalid line(s) skipped"),
        "{out}"
    );
    assert_eq!(out.lines().filter(|l| l.contains("]")).count(), 5, "{out}");
}

#[test]
fn reconcile_reads_standard_input_and_exits_clean_without_conflicts() {
    let consistent = records(&[
        &format!("{FIXTURES}/01-port-record.txt"),
        &format!("{FIXTURES}/06-old-profile.txt"),
    ]);
    let out = factlint(&["reconcile", "-"], Some(consistent.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("0 finding(s)"));
}

#[test]
fn check_does_not_run_cross_source_rules() {
    let out = factlint(
        &["check", FIXTURES, "--format", "jsonl", "--isolated"],
        None,
    );
    let stdout = text(&out.stdout);
    for id in [
        "organisation-variant",
        "role-conflict",
        "figure-conflict",
        "quote-conflict",
    ] {
        assert!(!stdout.contains(id), "{id} in check output: {stdout}");
    }
}

#[test]
fn user_rules_set_cross_parameters_and_bad_ones_are_located() {
    let dir = scratch("rules");
    let rules = dir.join("narrow.yaml");
    std::fs::write(
        &rules,
        r#"rules:
  - id: role-conflict-3-days
    kind: role_conflicts
    severity: error
    message: "{person}: {role} / {other_role}"
    description: Roles given within three days.
    window_days: 3
    examples:
      flag:
        - |
          WELLPORT, March 3, 2022 -- Dana Kell, chief executive of the Wellport Port Authority, said the quay was ready.
          ---
          WELLPORT, March 4, 2022 -- Dana Kell, deputy director of the Wellport Port Authority, said the quay was ready.
"#,
    )
    .expect("write rules");
    let f = fixture_records("rules-claims");
    let (_, out, err) = reconcile(&[&f], &["--rules", rules.to_str().unwrap()]);
    assert!(err.is_empty() || !err.contains("error:"), "{err}");
    // the fixture's roles are 7 days apart: the built-in 30-day rule flags them, 3 days not
    assert!(out.contains("[role-conflict]"), "{out}");
    assert!(!out.contains("[role-conflict-3-days]"), "{out}");

    let bad = scratch("rules-bad").join("bad.yaml");
    std::fs::write(
        &bad,
        "rules:\n  - id: figures-with-window\n    kind: figure_conflicts\n    severity: error\n    message: \"{figure}\"\n    description: x\n    window_days: 3\n",
    )
    .expect("write rules");
    let (code, _, err) = reconcile(&[&f], &["--rules", bad.to_str().unwrap()]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("bad.yaml:7:5: rule `figures-with-window`: `window_days` is not a parameter of kind `figure_conflicts`"),
        "{err}"
    );
    let out = factlint(&["rules", "test", dir.to_str().unwrap()], None);
    assert!(
        text(&out.stdout).contains("0 failed"),
        "{}",
        text(&out.stdout)
    );
}

// ---- each kind through the library ------------------------------------------------------

/// The findings of the built-in cross-source rules over the given documents (plain text, a
/// dateline gives each its date), named doc-1, doc-2, ...
fn cross(docs: &[&str]) -> Vec<CrossFinding> {
    let registry = Registry::builtin().expect("built-in rules");
    let mut index = CrossIndex::new(&registry);
    for (n, t) in docs.iter().enumerate() {
        let doc = plain::parse(
            format!("doc-{}", n + 1),
            t.to_string(),
            &LoadOptions::default(),
        );
        let ex = factlint::extract_all(&doc);
        let rec = DocRecord::from_document(&doc, &ex);
        // records survive their JSON line unchanged
        let line = serde_json::to_string(&rec).expect("serialise");
        assert_eq!(
            serde_json::from_str::<DocRecord>(&line).expect("parse"),
            rec
        );
        index.add(rec);
    }
    assert_eq!(index.len(), docs.len());
    index.findings()
}

fn rules_of(found: &[CrossFinding]) -> Vec<(&str, &str)> {
    found
        .iter()
        .map(|f| (f.path.as_str(), f.finding.rule.as_str()))
        .collect()
}

const CARGO_61: &str = "WELLPORT, March 3, 2022 -- The port handled 61 million tonnes of cargo in 2021, according to the Wellport Port Authority.";

#[test]
fn figures_conflict_only_when_their_intervals_do_not_overlap() {
    let found = cross(&[
        CARGO_61,
        "WELLPORT, March 9, 2022 -- According to the Wellport Port Authority, the port handled 16 million tonnes of cargo in 2021.",
    ]);
    assert_eq!(rules_of(&found), [("doc-2", "figure-conflict")]);
    let f = &found[0].finding;
    assert!(f.message.starts_with("16 million tonnes of cargo (in 2021, according to Wellport Port Authority) conflicts with 61 million tonnes of cargo"), "{}", f.message);
    assert_eq!(f.related.len(), 1);
    assert_eq!(f.related[0].path.as_deref(), Some("doc-1"));
    assert_eq!(
        (f.related[0].line, f.related[0].column),
        (Some(1), Some(45))
    );
    // figures whose intervals overlap agree: bounds, approximations, other units
    for agreeing in [
        "According to the Wellport Port Authority, the port handled more than 60 million tonnes of cargo in 2021.",
        "According to the Wellport Port Authority, the port handled about 58 million tonnes of cargo in 2021.",
        "According to the Wellport Port Authority, the port handled 61,200,000 tonnes of cargo in 2021.",
        "According to the Wellport Port Authority, the port handled 61 billion kilograms of cargo in 2021.",
    ] {
        assert!(cross(&[CARGO_61, agreeing]).is_empty(), "{agreeing}");
    }
    // compared in the base unit
    let found = cross(&[
        CARGO_61,
        "According to the Wellport Port Authority, the port handled 16 billion kilograms of cargo in 2021.",
    ]);
    assert_eq!(
        rules_of(&found),
        [("doc-2", "figure-conflict")],
        "the dated document is the reference"
    );
    // another source, another period, another thing: another statistic
    for other in [
        "According to the Harbour Users Association, the port handled 16 million tonnes of cargo in 2021.",
        "According to the Wellport Port Authority, the port handled 16 million tonnes of cargo in 2011.",
        "According to the Wellport Port Authority, the port handled 16 million tonnes of grain in 2021.",
        "The port handled 16 million tonnes of cargo in 2021.",
    ] {
        assert!(cross(&[CARGO_61, other]).is_empty(), "{other}");
    }
    // within one document it is not a cross-source conflict
    assert!(cross(&[&format!("{CARGO_61} According to the Wellport Port Authority, the port handled 16 million tonnes of cargo in 2021.")]).is_empty());
}

#[test]
fn the_figure_most_documents_agree_with_is_the_reference() {
    let found = cross(&[
        "According to the Wellport Port Authority, the port handled 16 million tonnes of cargo in 2021.",
        CARGO_61,
        "According to the Wellport Port Authority, the port handled 61.2 million tonnes of cargo in 2021.",
    ]);
    assert_eq!(rules_of(&found), [("doc-1", "figure-conflict")]);
    assert_eq!(found[0].finding.related.len(), 2);
}

const KELL_CEO: &str = "WELLPORT, March 3, 2022 -- Dana Kell, chief executive of the Wellport Port Authority, said the quay was ready.";

#[test]
fn roles_conflict_within_the_window_only() {
    let found = cross(&[
        KELL_CEO,
        "WELLPORT, March 20, 2022 -- Dana Kell, deputy director of the Wellport Port Authority, said the cranes were new.",
    ]);
    assert_eq!(rules_of(&found), [("doc-2", "role-conflict")]);
    assert!(found[0].finding.message.contains("17 day(s) apart"));
    // far apart in time: a change of job, not a conflict
    assert!(cross(&[
        KELL_CEO,
        "WELLPORT, June 1, 2019 -- Dana Kell, deputy director of the Wellport Port Authority, said the cranes were new.",
    ])
    .is_empty());
    // the same role written another way; another organisation; another person
    for other in [
        "WELLPORT, March 4, 2022 -- Dana Kell, the CEO of the Wellport Port Authority, said the cranes were new.",
        "WELLPORT, March 4, 2022 -- Dana Kell, deputy director of the Wellport Ferry Company, said the cranes were new.",
        "WELLPORT, March 4, 2022 -- Omar Haddad, deputy director of the Wellport Port Authority, said the cranes were new.",
    ] {
        assert!(cross(&[KELL_CEO, other]).is_empty(), "{other}");
    }
    // undated documents are not compared
    assert!(cross(&[
        "Dana Kell, chief executive of the Wellport Port Authority, said the quay was ready.",
        "Dana Kell, deputy director of the Wellport Port Authority, said the cranes were new.",
    ])
    .is_empty());
}

const QUOTE_KELL: &str = "\"We have never moved this much freight through a single quay,\" said Dana Kell, chief executive of the Wellport Port Authority.";

#[test]
fn quotations_conflict_when_long_enough_and_their_speakers_differ() {
    let found = cross(&[
        QUOTE_KELL,
        "\u{201C}We have never moved this much freight -- through a single quay,\u{201D} said Ana Lutz, a trade analyst.",
    ]);
    assert_eq!(rules_of(&found), [("doc-2", "quote-conflict")]);
    assert!(found[0]
        .finding
        .message
        .contains("Ana Lutz here but to Dana Kell"));
    // the same speaker by surname; a short quotation; a different quotation
    for other in [
        "\"We have never moved this much freight through a single quay,\" Kell said.",
        "\"We have never moved this much freight,\" said Ana Lutz, a trade analyst.",
    ] {
        assert!(cross(&[QUOTE_KELL, other]).is_empty(), "{other}");
    }
    assert!(cross(&[
        "\"We are ready for it,\" said Dana Kell, chief executive of the Wellport Port Authority.",
        "\"We are ready for it,\" said Ana Lutz, a trade analyst.",
    ])
    .is_empty());
}

#[test]
fn organisation_variants_against_the_gazetteer_and_the_majority() {
    let right = "Experts at the Wellport Institute of Maritime Studies met.";
    let wrong = "Experts at the Wellport Institue of Maritime Studies met.";
    let found = cross(&[right, wrong, right, right]);
    assert_eq!(rules_of(&found), [("doc-2", "organisation-variant")]);
    let f = &found[0].finding;
    assert_eq!(
        f.suggestion.as_deref(),
        Some("Wellport Institute of Maritime Studies")
    );
    assert!(f.message.contains("(1 document(s))") && f.message.contains("(3 document(s))"));
    // no established majority: too few documents, or not twice as many
    assert!(cross(&[right, wrong]).is_empty());
    assert!(cross(&[right, wrong, right]).is_empty());
    assert!(cross(&[right, wrong, right, wrong, right]).is_empty());
    // a gazetteer name wins even from one document
    let found = cross(&[
        "The China Institue for Innovation and Development Strategy met.",
        "The China Institue for Innovation and Development Strategy spoke.",
        "The China Institute for Innovation and Development Strategy met.",
    ]);
    assert_eq!(
        rules_of(&found),
        [("doc-1", "organisation-variant")],
        "one finding for the variant, at its first place"
    );
    assert_eq!(found[0].finding.related.len(), 2);
    // aliases are not variants; different organisations are not variants
    assert!(cross(&[
        "The World Health Organization met.",
        "The World Health Organisation met.",
        "The WHO met.",
    ])
    .is_empty());
    assert!(cross(&[
        "The Northfield Institute of Rail Engineering met.",
        "The Southfield Institute of Rail Engineering met.",
        "The Southfield Institute of Rail Engineering spoke.",
    ])
    .is_empty());
}

/// The records of the cross fixtures, in path order (as an audit adds them).
fn fixture_doc_records() -> Vec<DocRecord> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURES);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let doc = plain::parse(
                p.display().to_string(),
                std::fs::read_to_string(p).expect("fixture"),
                &LoadOptions::default(),
            );
            DocRecord::from_document(&doc, &factlint::extract_all(&doc))
        })
        .collect()
}

#[test]
fn an_index_changed_piece_by_piece_equals_one_built_afresh() {
    let registry = Registry::builtin().expect("built-in rules");
    let recs = fixture_doc_records();
    let mut fresh = CrossIndex::new(&registry);
    for r in &recs {
        fresh.add(r.clone());
    }
    let expected = fresh.findings();
    assert!(expected.len() >= 3, "{expected:#?}");

    // every document first added with another document's contents (an older version), in
    // reverse order, plus one that is removed again; then each replaced by its real record
    let mut index = CrossIndex::new(&registry);
    let mut gone = recs[0].clone();
    gone.path = "zz-removed".into();
    index.add(gone);
    for (i, r) in recs.iter().enumerate().rev() {
        let mut older = recs[(i + 3) % recs.len()].clone();
        older.path = r.path.clone();
        index.add(older);
    }
    assert!(index.remove("zz-removed"));
    assert!(!index.remove("zz-removed"));
    for r in recs.iter().skip(2).chain(recs.iter().take(2)) {
        index.replace(r.clone());
    }
    assert_eq!(index.len(), recs.len());
    assert_eq!(index.findings(), expected);
    // its canonical form is the fresh index, string numbers and rows alike
    assert_eq!(index.to_bytes(), fresh.to_bytes());

    // kept as bytes and read back
    let bytes = index.to_bytes();
    let mut back = CrossIndex::new(&registry);
    back.read_bytes(&bytes).expect("reads back");
    assert_eq!(back.len(), recs.len());
    assert_eq!(back.findings(), expected);
    // and changed again after reading: removing a document removes its findings
    let path = expected[0].path.clone();
    assert!(back.remove(&path));
    assert!(back.findings().iter().all(|f| f.path != path));
    // cut short: an error, never a panic
    for cut in [0, 1, bytes.len() / 2, bytes.len() - 1] {
        let mut idx = CrossIndex::new(&registry);
        assert!(idx.read_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        assert!(idx.is_empty());
    }
}

#[test]
fn an_index_without_cross_rules_keeps_nothing() {
    let registry = Registry::default();
    let mut index = CrossIndex::new(&registry);
    assert!(!index.has_rules());
    let doc = plain::parse("a", CARGO_61.to_string(), &LoadOptions::default());
    index.add(DocRecord::from_document(&doc, &factlint::extract_all(&doc)));
    assert!(index.findings().is_empty());
}

mod no_panics {
    use super::*;
    use factlint::cross::record::{
        Bounds, FigureMention, OrgMention, PeriodRecord, Place, QuoteMention, RoleMention,
        SourceRef,
    };
    use proptest::prelude::*;

    const WORDS: &[&str] = &[
        "\"",
        "\u{201C}",
        "\u{201D}",
        ",",
        ".",
        "said",
        "according",
        "to",
        "the",
        "of",
        "Port",
        "Authority",
        "Institute",
        "Institue",
        "Wellport",
        "Dana",
        "Kell",
        "chief",
        "executive",
        "deputy",
        "director",
        "61",
        "16",
        "million",
        "tonnes",
        "cargo",
        "in",
        "2021",
        "---",
        "\n",
        "WELLPORT,",
        "March",
        "3,",
        "2022",
        "--",
        "é",
        "\u{0}",
        "Ana",
        "Lutz",
        "analyst",
        "at",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(WORDS), 0..60).prop_map(|w| w.join(" "))
    }

    fn place() -> impl Strategy<Value = Place> {
        (
            any::<usize>(),
            any::<usize>(),
            any::<usize>(),
            any::<usize>(),
        )
            .prop_map(|(start, end, line, column)| Place {
                start,
                end,
                line,
                column,
            })
    }

    fn record() -> impl Strategy<Value = DocRecord> {
        let s =
            || prop::sample::select(&["", "a", "Dana Kell", "kell", "port authority", "x y z"][..]);
        let f = || prop::num::f64::ANY;
        (
            s(),
            prop::collection::vec((s(), s(), place(), any::<usize>()), 0..4),
            prop::collection::vec((s(), s(), s(), place()), 0..3),
            prop::collection::vec((s(), f(), f(), any::<bool>(), place()), 0..3),
            prop::collection::vec((text(), s(), place()), 0..3),
            prop::option::of(0i16..3000),
        )
            .prop_map(|(path, orgs, roles, figures, quotes, year)| DocRecord {
                path: path.to_string(),
                hash: None,
                date: year.and_then(|y| jiff::civil::Date::new(y, 1, 1).ok()),
                source: None,
                organisations: orgs
                    .into_iter()
                    .map(|(name, key, at, count)| OrgMention {
                        name: name.into(),
                        key: key.into(),
                        at,
                        count,
                    })
                    .collect(),
                roles: roles
                    .into_iter()
                    .map(|(person, role, org, at)| RoleMention {
                        person: person.into(),
                        person_key: person.into(),
                        role: role.into(),
                        organisation: org.into(),
                        organisation_key: org.into(),
                        at,
                    })
                    .collect(),
                figures: figures
                    .into_iter()
                    .map(|(thing, lo, hi, open, at)| FigureMention {
                        text: thing.into(),
                        thing: thing.into(),
                        unit: "mass".into(),
                        value: Bounds {
                            lower: (!open).then_some(lo),
                            upper: Some(hi),
                            lower_inclusive: open,
                            upper_inclusive: false,
                        },
                        period: Some(PeriodRecord {
                            text: "in 2021".into(),
                            start: jiff::civil::date(2021, 1, 1),
                            end: jiff::civil::date(2021, 12, 31),
                        }),
                        source: SourceRef {
                            name: "P".into(),
                            key: "p".into(),
                        },
                        at,
                    })
                    .collect(),
                quotes: quotes
                    .into_iter()
                    .map(|(text, speaker, at)| QuoteMention {
                        text,
                        speaker: speaker.into(),
                        speaker_key: speaker.into(),
                        at,
                    })
                    .collect(),
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]

        /// Any texts go through extraction, records and the index without a panic, and every
        /// finding's place is in its document.
        #[test]
        fn texts(docs in prop::collection::vec(text(), 1..5)) {
            let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
            for f in cross(&refs) {
                let n: usize = f.path.trim_start_matches("doc-").parse().expect("doc-N");
                prop_assert!(f.finding.span.end <= docs[n - 1].len());
            }
        }

        /// Any records (spans backwards, huge numbers, NaN bounds, empty keys) are indexed and
        /// checked without a panic.
        #[test]
        fn records(recs in prop::collection::vec(record(), 0..8)) {
            let registry = Registry::builtin().expect("rules");
            let mut index = CrossIndex::new(&registry);
            for r in recs {
                index.add(r);
            }
            for f in index.findings() {
                prop_assert!(f.finding.span.start <= f.finding.span.end);
            }
        }

        /// Any records, some removed, survive being kept as bytes; bytes damaged anywhere are
        /// refused or read without a panic.
        #[test]
        fn records_kept_as_bytes(
            recs in prop::collection::vec(record(), 0..8),
            remove in prop::collection::vec(any::<prop::sample::Index>(), 0..3),
            damage in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..6),
        ) {
            let registry = Registry::builtin().expect("rules");
            let mut index = CrossIndex::new(&registry);
            let paths: Vec<String> = recs.iter().map(|r| r.path.clone()).collect();
            for r in recs {
                index.add(r);
            }
            for i in &remove {
                if !paths.is_empty() {
                    index.remove(&paths[i.index(paths.len())]);
                }
            }
            let bytes = index.to_bytes();
            let mut back = CrossIndex::new(&registry);
            back.read_bytes(&bytes).expect("reads back");
            prop_assert_eq!(back.len(), index.len());
            prop_assert_eq!(back.findings(), index.findings());
            let mut bad = bytes.clone();
            for (i, v) in &damage {
                let k = i.index(bad.len());
                bad[k] = *v;
            }
            let mut read = CrossIndex::new(&registry);
            if read.read_bytes(&bad).is_ok() {
                for f in read.findings() {
                    prop_assert!(f.finding.span.start <= f.finding.span.end);
                }
                let _ = read.canonical().to_bytes();
            }
        }
    }
}

/// Time and peak memory of an index of 100,000 synthetic document records (five
/// organisations, a role, two sourced figures and a long quotation each; one in 97
/// documents misspells an organisation or gives a conflicting figure). Run with
/// `cargo test --release --test cross -- --ignored --nocapture index_of_100k`.
#[test]
#[ignore]
fn index_of_100k_documents() {
    use factlint::cross::record::{
        Bounds, FigureMention, OrgMention, PeriodRecord, Place, QuoteMention, RoleMention,
        SourceRef,
    };
    fn rss_kb(field: &str) -> u64 {
        std::fs::read_to_string("/proc/self/status")
            .unwrap_or_default()
            .lines()
            .find(|l| l.starts_with(field))
            .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
            .unwrap_or(0)
    }
    const DOCS: u32 = 100_000;
    let registry = Registry::builtin().expect("rules");
    let start = std::time::Instant::now();
    let mut index = CrossIndex::new(&registry);
    let at = Place {
        start: 100,
        end: 140,
        line: 3,
        column: 12,
    };
    for n in 0..DOCS {
        let odd = n % 97 == 0;
        let org = |i: u32| {
            let typo = if odd && i == 0 {
                "Institue"
            } else {
                "Institute"
            };
            let name = format!("Wellport {typo} of Studies Number {}", (n * 7 + i) % 5000);
            OrgMention {
                key: name.to_lowercase(),
                name,
                at,
                count: 1,
            }
        };
        let person = format!("Person {} Name", n % 20_000);
        let source = n % 3000;
        let tonnes = if odd {
            16.0
        } else {
            f64::from(source % 90 + 10)
        };
        let rec = DocRecord {
            path: format!("archive/2021/{:02}/article-{n:06}.html", n % 12 + 1),
            hash: Some(format!("{n:064x}")),
            date: Some(jiff::civil::date(
                2021,
                (n % 12 + 1) as i8,
                (n % 28 + 1) as i8,
            )),
            source: Some("Coastal Ledger".into()),
            organisations: (0..5).map(org).collect(),
            roles: vec![RoleMention {
                person_key: person.to_lowercase(),
                person,
                role: "spokesperson".into(),
                organisation: "Port Authority".into(),
                organisation_key: "port authority".into(),
                at,
            }],
            figures: ["cargo", "grain"]
                .iter()
                .map(|thing| FigureMention {
                    text: format!("{tonnes} million tonnes of {thing}"),
                    thing: thing.to_string(),
                    unit: "mass".into(),
                    value: Bounds {
                        lower: Some((tonnes - 0.5) * 1e9),
                        upper: Some((tonnes + 0.5) * 1e9),
                        lower_inclusive: true,
                        upper_inclusive: false,
                    },
                    period: Some(PeriodRecord {
                        text: "in 2021".into(),
                        start: jiff::civil::date(2021, 1, 1),
                        end: jiff::civil::date(2021, 12, 31),
                    }),
                    source: SourceRef {
                        name: format!("Port Authority {source}"),
                        key: format!("port authority {source}"),
                    },
                    at,
                })
                .collect(),
            quotes: vec![QuoteMention {
                text: format!(
                    "Quotation number {n} that is long enough to be compared across documents"
                ),
                speaker: "Dana Kell".into(),
                speaker_key: "dana kell".into(),
                at,
            }],
        };
        index.add(rec);
    }
    let added = start.elapsed();
    let rss_added = rss_kb("VmRSS:");
    let findings = index.findings();
    let peak = rss_kb("VmHWM:");
    println!(
        "{DOCS} records: added in {added:.2?} (RSS {} MB), {} findings in {:.2?}; peak RSS {} MB",
        rss_added / 1024,
        findings.len(),
        start.elapsed() - added,
        peak / 1024
    );
    // every planted conflict is found: a variant per misspelled name, a figure per odd doc
    let count = |rule: &str| findings.iter().filter(|f| f.finding.rule == rule).count();
    let planted = (0..DOCS)
        // 14 to 18 million agree with 16 million: ±0.5 million of rounding, then 5% each
        .filter(|n| n % 97 == 0 && !(14..=18).contains(&((n % 3000) % 90 + 10)))
        .count();
    assert_eq!(count("figure-conflict"), 2 * planted);
    assert!(count("organisation-variant") > 0);
    assert!(peak / 1024 < 200, "peak RSS {} MB", peak / 1024);
}

#[test]
fn shards_that_repeat_a_name_reconcile_with_the_repeat_renamed() {
    // Two machines each extract their own `wire.jsonl`: both records are named
    // `wire.jsonl#port`. The conflict between them must name two documents, not one twice:
    // the second record read is renamed as one run would have named it.
    let dir = scratch("repeated-names");
    let mut shards = Vec::new();
    for (machine, tonnes) in [("m1", 48), ("m2", 84)] {
        let root = dir.join(machine);
        std::fs::create_dir_all(&root).expect("mkdir");
        std::fs::write(
            root.join("wire.jsonl"),
            format!("{{\"id\":\"port\",\"date\":\"2021-03-04\",\"text\":\"The Port of Kestrel Bay handled {tonnes} million tonnes of cargo in 2020, according to the Kestrel Bay Port Authority.\"}}\n"),
        )
        .expect("write");
        let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
            .current_dir(&root)
            .args(["extract", "--format", "jsonl", "wire.jsonl"])
            .output()
            .expect("factlint runs");
        let shard = dir.join(format!("{machine}.jsonl"));
        std::fs::write(&shard, &out.stdout).expect("write shard");
        shards.push(shard);
    }
    let shards: Vec<&Path> = shards.iter().map(PathBuf::as_path).collect();
    let (code, out, err) = reconcile(&shards, &["--format", "json"]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(
        err.contains(
            "warning: wire.jsonl#port (2): renamed: a document read before is named wire.jsonl#port"
        ),
        "{err}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let conflict = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "figure-conflict")
        .expect("the two figures conflict");
    let mut places = vec![conflict["path"].as_str().unwrap_or("").to_string()];
    places.extend(
        conflict["related"]
            .as_array()
            .expect("related")
            .iter()
            .filter_map(|r| r["path"].as_str().map(String::from)),
    );
    places.sort();
    places.dedup();
    assert_eq!(
        places,
        ["wire.jsonl#port", "wire.jsonl#port (2)"],
        "{conflict}"
    );
}

#[test]
fn reconcile_finds_what_the_audit_finds_whatever_the_order_of_the_records() {
    // The audit's cross-source index is in path order (its canonical form); reconcile once
    // kept the order it read the records in, so "the canonical form's first place" of an
    // organisation variant was `wire.jsonl#z` (read first) there but `wire.jsonl#x` in the
    // audit of the same file.
    let dir = scratch("record-order");
    let line = |id: &str, name: &str| {
        format!("{{\"id\":\"{id}\",\"text\":\"Staff at the Marlow {name} of Coastal Ecology counted the seals.\"}}\n")
    };
    let jsonl = [
        line("z", "Institute"),
        line("y", "Institute"),
        line("x", "Institute"),
        line("w", "Institue"),
    ]
    .concat();
    let wire = dir.join("wire.jsonl");
    std::fs::write(&wire, jsonl).expect("write");
    let wire = wire.to_str().expect("UTF-8 path");
    let recs = records(&[wire]);
    let forward = dir.join("records.jsonl");
    std::fs::write(&forward, &recs).expect("write");
    let backward = dir.join("reversed.jsonl");
    let reversed: Vec<&str> = recs.lines().rev().collect();
    std::fs::write(&backward, reversed.join("\n")).expect("write");
    let findings = |stdout: &str| -> serde_json::Value {
        let v: serde_json::Value = serde_json::from_str(stdout).expect("JSON");
        v["findings"].clone()
    };
    let (_, one, _) = reconcile(&[&forward], &["--format", "json", "--isolated"]);
    let (_, other, _) = reconcile(&[&backward], &["--format", "json", "--isolated"]);
    assert_eq!(findings(&one), findings(&other));
    let audit = factlint(
        &["audit", wire, "--format", "json", "-q", "--isolated"],
        None,
    );
    let mut cross: Vec<serde_json::Value> = findings(&text(&audit.stdout))
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["scope"] == "cross")
        .cloned()
        .collect();
    for f in &mut cross {
        f.as_object_mut().expect("object").remove("scope");
    }
    assert_eq!(findings(&one), serde_json::Value::Array(cross));
    assert!(one.contains("wire.jsonl#x"), "{one}");
}
