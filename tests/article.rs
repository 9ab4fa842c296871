//! Whole news-style articles of our own writing (the shipped examples): every claim the
//! extractor finds, as a reviewed snapshot; and the CLI's JSON and JSONL shapes.

mod common;

use common::{render_claim, with_snapshots};
use factlint::input::{self, InputRef, LoadOptions, Loaded};
use std::path::Path;
use std::process::Command;

fn example(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

fn render_article(name: &str) -> String {
    let Loaded::Document(doc) =
        input::load(&InputRef::File(example(name)), &LoadOptions::default())
    else {
        panic!("{name} loads");
    };
    let mut out = format!("date: {:?} ({:?})\n", doc.date, doc.date_origin);
    for c in factlint::extract(&doc) {
        // every claim's text is exactly the original bytes of its span
        assert_eq!(&doc.source[c.span().start..c.span().end], c.text());
        out.push_str(&render_claim(&c));
        out.push('\n');
    }
    out
}

#[test]
fn cyber_forum_article() {
    with_snapshots(|| {
        insta::assert_snapshot!("article_cyber_forum", render_article("cyber-forum.txt"))
    });
}

#[test]
fn port_cargo_markdown_article() {
    with_snapshots(|| {
        insta::assert_snapshot!("article_port_cargo", render_article("port-cargo.md"))
    });
}

fn factlint(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_factlint"))
        .args(args)
        .output()
        .expect("factlint runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("UTF-8 output"),
    )
}

#[test]
fn json_output_has_the_documented_shape() {
    let path = example("cyber-forum.txt");
    let (code, out) = factlint(&["extract", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    let doc = &v["documents"][0];
    assert_eq!(doc["date"], "2016-08-30");
    assert_eq!(doc["date_origin"], "dateline");
    let source = std::fs::read_to_string(&path).unwrap();
    let claims = doc["claims"].as_array().expect("claims");
    assert!(!claims.is_empty());
    for c in claims {
        let (s, e) = (
            c["span"]["start"].as_u64().unwrap() as usize,
            c["span"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &source[s..e],
            c["text"].as_str().unwrap(),
            "spans are byte offsets into the file"
        );
    }
    let rate = claims
        .iter()
        .find(|c| c["kind"] == "rate")
        .expect("a rate claim");
    assert_eq!(rate["per"], "second");
    assert_eq!(rate["value"], 2000.0);
    assert_eq!(rate["qualifier"], "more_than");
    let q = claims
        .iter()
        .find(|c| c["kind"] == "quantity" && c["value"] == 85.5e9)
        .expect("the annual total");
    assert_eq!(q["period"]["start"], "2015-01-01");
    assert_eq!(q["period"]["end"], "2015-12-31");
    assert_eq!(v["summary"]["documents"], 1);
}

#[test]
fn jsonl_has_one_document_record_per_line() {
    // the article and a copy of it (a file named twice would be one input)
    let copy = Path::new(env!("CARGO_TARGET_TMPDIR")).join("article-jsonl");
    std::fs::create_dir_all(&copy).expect("mkdir");
    let copy = copy.join("port-cargo.md");
    std::fs::copy(example("port-cargo.md"), &copy).expect("copy");
    let (code, out) = factlint(&[
        "extract",
        "--format",
        "jsonl",
        example("port-cargo.md").to_str().unwrap(),
        copy.to_str().unwrap(),
    ]);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2, "one line per document");
    for l in &lines {
        assert!(l["path"].as_str().unwrap().ends_with("port-cargo.md"));
        assert_eq!(l["date"], "2022-03-14");
        // the sourced figure the cross-source rules compare, with its place
        let fig = &l["figures"][0];
        assert_eq!(fig["thing"], "cargo");
        assert_eq!(fig["period"]["start"], "2021-01-01");
        assert!(fig["at"]["line"].is_u64() && fig["at"]["start"].is_u64());
    }
}

#[test]
fn date_option_anchors_relative_periods_and_bad_dates_are_usage_errors() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("article-date");
    std::fs::create_dir_all(&dir).unwrap();
    let f = dir.join("undated.txt");
    std::fs::write(&f, "The agency logged 4,000 complaints last year.\n").unwrap();
    let (_, out) = factlint(&["extract", f.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let q = &v["documents"][0]["claims"][0];
    assert_eq!(
        q["period"]["resolved"], false,
        "no clock: an undated 'last year' stays unresolved"
    );
    assert_eq!(q["period"]["days"]["min"], 365.0);
    assert_eq!(q["period"]["days"]["max"], 366.0);
    let (_, out) = factlint(&["extract", "--date", "2019-05-01", f.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        v["documents"][0]["claims"][0]["period"]["start"],
        "2018-01-01"
    );
    let (code, _) = factlint(&["extract", "--date", "2019-02-30", f.to_str().unwrap()]);
    assert_eq!(code, 2);
}
