//! Inline suppression (`src/suppress.rs`): each directive form (Markdown, plain text, HTML)
//! on a fixture whose findings the built-in rules really raise, unused directives, directives
//! in code, the CLI end to end, and a snapshot of the concise output over
//! `tests/fixtures/suppress`.

mod common;

use factlint::document::Document;
use factlint::findings::{Finding, Severity};
use factlint::input::{self, InputRef, LoadOptions, Loaded};
use factlint::rules::Registry;
use factlint::suppress::{self, RuleNames, UNUSED_SUPPRESSION};
use proptest::prelude::*;
use std::process::{Command, Output};

fn registry() -> Registry {
    Registry::builtin().expect("built-in rules load")
}

fn load(name: &str) -> Document {
    let path = common::fixture(&format!("suppress/{name}"));
    match input::load(&InputRef::File(path), &LoadOptions::default()) {
        Loaded::Document(d) => *d,
        other => panic!("{name}: {other:?}"),
    }
}

/// The findings of the built-in rules before and after suppression.
fn findings(doc: &Document) -> (Vec<Finding>, Vec<Finding>) {
    let reg = registry();
    let raw = reg.check(doc, &factlint::extract_all(doc));
    let kept = suppress::apply(doc, raw.clone(), &reg);
    (raw, kept)
}

/// `(line, rule)` of each finding.
fn lines(doc: &Document, findings: &[Finding]) -> Vec<(usize, String)> {
    findings
        .iter()
        .map(|f| (doc.line_col(f.span.start).0, f.rule.clone()))
        .collect()
}

fn pairs(items: &[(usize, &str)]) -> Vec<(usize, String)> {
    items.iter().map(|&(l, r)| (l, r.to_string())).collect()
}

#[test]
fn markdown_next_line() {
    let doc = load("next_line.md");
    let (raw, kept) = findings(&doc);
    assert_eq!(
        lines(&doc, &raw),
        pairs(&[(4, "organisation-name"), (6, "organisation-name")])
    );
    // the directive on line 3 (with a reason after `--`) covers line 4 only
    assert_eq!(lines(&doc, &kept), pairs(&[(6, "organisation-name")]));
}

#[test]
fn markdown_block_of_named_rules() {
    let doc = load("block.md");
    let (raw, kept) = findings(&doc);
    assert_eq!(
        lines(&doc, &raw),
        pairs(&[
            (4, "organisation-name"),
            (7, "weekday-mismatch"),
            (10, "weekday-mismatch")
        ])
    );
    // `names` is the kind (and pack) of organisation-name, `weekday` a kind; the range ends
    // at the enable on line 8
    assert_eq!(lines(&doc, &kept), pairs(&[(10, "weekday-mismatch")]));
}

#[test]
fn markdown_unclosed_block_of_every_rule() {
    let doc = load("block_all.md");
    let (raw, kept) = findings(&doc);
    let rules: Vec<String> = raw.iter().map(|f| f.rule.clone()).collect();
    assert_eq!(
        rules,
        [
            "house-style",
            "spelled-two-ways",
            "organisation-name",
            "weekday-mismatch"
        ]
    );
    assert_eq!(kept, Vec::<Finding>::new());
}

#[test]
fn a_rule_enabled_again_inside_a_range_of_every_rule() {
    let doc = load("block_all_but.md");
    let (raw, kept) = findings(&doc);
    assert_eq!(
        lines(&doc, &raw),
        pairs(&[
            (4, "organisation-name"),
            (5, "weekday-mismatch"),
            (8, "weekday-mismatch"),
            (9, "organisation-name"),
            (12, "weekday-mismatch")
        ])
    );
    // `enable weekday` on line 6 brings weekday findings back from there; the other rules
    // stay off until the `enable` on line 10; neither directive is unused
    assert_eq!(
        lines(&doc, &kept),
        pairs(&[(8, "weekday-mismatch"), (12, "weekday-mismatch")])
    );
}

#[test]
fn plain_text_markers() {
    let doc = load("marker.txt");
    let (raw, kept) = findings(&doc);
    assert_eq!(
        lines(&doc, &raw),
        pairs(&[
            (4, "organisation-name"),
            (7, "weekday-mismatch"),
            (10, "weekday-mismatch")
        ])
    );
    assert_eq!(lines(&doc, &kept), pairs(&[(10, "weekday-mismatch")]));
    // a marker line is not prose to the extractor either: no claim starts on one
    for claim in factlint::extract(&doc) {
        let line = doc.line_col(claim.span().start).0;
        assert!(![3, 6, 8].contains(&line), "{claim:?}");
    }
}

#[test]
fn html_comments() {
    let doc = load("page.html");
    let (raw, kept) = findings(&doc);
    assert_eq!(
        lines(&doc, &raw),
        pairs(&[
            (6, "organisation-name"),
            (7, "weekday-mismatch"),
            (9, "weekday-mismatch")
        ])
    );
    // the escaped comment shown in <pre> on line 8 is text, not a directive
    assert_eq!(
        lines(&doc, &kept),
        pairs(&[(7, "weekday-mismatch"), (9, "weekday-mismatch")])
    );
}

#[test]
fn unused_directives_in_markdown() {
    let doc = load("unused.md");
    let (raw, kept) = findings(&doc);
    assert_eq!(lines(&doc, &raw), pairs(&[(7, "weekday-mismatch")]));
    assert_eq!(
        lines(&doc, &kept),
        pairs(&[
            (3, UNUSED_SUPPRESSION),
            (6, UNUSED_SUPPRESSION),
            (9, UNUSED_SUPPRESSION)
        ])
    );
    for f in &kept {
        assert_eq!(f.severity, Severity::Warning);
        let text = doc.original_slice(f.span);
        assert!(text.starts_with("<!-- factlint-") && text.ends_with("-->"));
    }
    assert!(kept[0]
        .message
        .contains("no `names` finding on the next line"));
    // the weekday half of line 6 was used; only the unknown name is reported
    assert!(kept[1].message.contains("`no-such-rule` is not a rule id"));
    assert!(
        !kept[1].message.contains("`weekday`"),
        "{}",
        kept[1].message
    );
    assert!(kept[2].message.contains("no range disabled for `style`"));
}

#[test]
fn unused_markers_in_plain_text() {
    let doc = load("unused.txt");
    let (raw, kept) = findings(&doc);
    assert_eq!(lines(&doc, &raw), pairs(&[(7, "organisation-name")]));
    assert_eq!(
        lines(&doc, &kept),
        pairs(&[
            (3, UNUSED_SUPPRESSION),
            (6, UNUSED_SUPPRESSION),
            (7, "organisation-name")
        ])
    );
    assert_eq!(
        doc.original_slice(kept[0].span),
        "factlint: ignore house-style"
    );
    assert!(kept[0].message.contains("`house-style`"));
    assert!(kept[1]
        .message
        .contains("`factlint: ignroe` is not a factlint directive"));
}

#[test]
fn directives_in_code_are_not_honoured() {
    let doc = load("fenced.md");
    let (raw, kept) = findings(&doc);
    assert_eq!(lines(&doc, &raw), pairs(&[(11, "organisation-name")]));
    assert_eq!(kept, raw);
}

#[test]
fn markdown_disable_line() {
    let reg = registry();
    let src = "Talk of cyber space <!-- factlint-disable-line house-style --> ended.\nMore cyber space.\n";
    let doc = input::markdown::parse("t.md", src.to_string(), &LoadOptions::default());
    let raw = reg.check(&doc, &factlint::extract_all(&doc));
    let kept = suppress::apply(&doc, raw.clone(), &reg);
    let house = |fs: &[Finding]| -> Vec<usize> {
        fs.iter()
            .filter(|f| f.rule == "house-style")
            .map(|f| doc.line_col(f.span.start).0)
            .collect()
    };
    assert_eq!(house(&raw), [1, 2]);
    assert_eq!(house(&kept), [2]);
    assert!(
        kept.iter().all(|f| f.rule != UNUSED_SUPPRESSION),
        "{kept:?}"
    );
}

#[test]
fn names_are_rule_ids_kinds_or_packs_in_any_case() {
    let reg = registry();
    let names = RuleNames::from_registry(&reg);
    for name in [
        "weekday-mismatch",
        "weekday",
        "core",
        "WEEKDAY",
        "names, core",
    ] {
        let src = format!(
            "<!-- factlint-disable-next-line {name} -->\nThe talks opened on Thursday, March 4, 2016.\n"
        );
        let doc = input::markdown::parse("t.md", src, &LoadOptions::default());
        let raw = reg.check(&doc, &factlint::extract_all(&doc));
        assert_eq!(raw.len(), 1, "{raw:?}");
        let kept = suppress::apply_with(&doc, raw, &names);
        let expected = usize::from(name.contains("names"));
        assert_eq!(kept.len(), expected, "{name}: {kept:?}");
    }
    // another pack's name does not cover the rule
    let src =
        "<!-- factlint-disable-next-line style -->\nThe talks opened on Thursday, March 4, 2016.\n";
    let doc = input::markdown::parse("t.md", src.to_string(), &LoadOptions::default());
    let raw = reg.check(&doc, &factlint::extract_all(&doc));
    let kept = suppress::apply_with(&doc, raw, &names);
    assert_eq!(
        kept.iter().map(|f| f.rule.as_str()).collect::<Vec<_>>(),
        [UNUSED_SUPPRESSION, "weekday-mismatch"]
    );
}

fn factlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factlint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .expect("factlint runs")
}

#[test]
fn cli_suppressed_errors_do_not_fail_the_run() {
    // every finding of this file is suppressed: clean exit, none reported
    let out = factlint(&[
        "check",
        "tests/fixtures/suppress/block_all.md",
        "--format",
        "concise",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.starts_with("0 finding(s)"), "{stdout}");

    // unused suppressions are warnings: they fail the run only with --fail-on warning
    let file = "tests/fixtures/suppress/unused.md";
    let out = factlint(&["check", file, "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    let rules: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            v["rule"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    assert_eq!(rules, [UNUSED_SUPPRESSION; 3]);
    let out = factlint(&["check", file, "--fail-on", "warning", "--format", "concise"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn cli_explain_and_sarif_know_the_unused_suppression_rule() {
    let out = factlint(&["explain", UNUSED_SUPPRESSION]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stdout).starts_with("unused-suppression (built in, warning)")
    );

    let out = factlint(&[
        "check",
        "tests/fixtures/suppress/unused.md",
        "--format",
        "sarif",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("SARIF is JSON");
    let run = &v["runs"][0];
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    for r in results {
        let i = r["ruleIndex"].as_u64().expect("a rule index") as usize;
        let rule = &run["tool"]["driver"]["rules"][i];
        assert_eq!(rule["id"], UNUSED_SUPPRESSION);
        assert_eq!(rule["defaultConfiguration"]["level"], "warning");
    }
}

#[test]
fn concise_snapshot() {
    let out = factlint(&["check", "tests/fixtures/suppress", "--format", "concise"]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).expect("UTF-8 output");
    common::with_snapshots(|| insta::assert_snapshot!("suppress_concise", text));
}

/// Pieces that make directives, half-directives, code and multi-byte text.
fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "<!-- ",
        " -->",
        "factlint-disable",
        "factlint-enable",
        "factlint-disable-next-line",
        "factlint-disable-line",
        "factlint: ignore",
        "Factlint: disable",
        "factlint: enable",
        " names",
        ", weekday",
        " -- why",
        "\n",
        "\n\n",
        "```\n",
        "    ",
        "`",
        "---\n",
        "The 会议 text.",
        "\u{FEFF}",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn never_panics_and_only_removes_or_reports(
        parts in prop::collection::vec(piece(), 0..40),
        spans in prop::collection::vec((0usize..400, 0usize..40), 0..8),
        markdown in any::<bool>(),
    ) {
        let src: String = parts.concat();
        let path = if markdown { "p.md" } else { "p.txt" };
        let doc = Document::from_text(path, src.clone());
        let mut names = RuleNames::default();
        names.add("names", "organisation-name");
        let input: Vec<Finding> = spans
            .iter()
            .map(|&(s, l)| Finding {
                rule: "organisation-name".into(),
                severity: Severity::Error,
                message: String::new(),
                span: factlint::Span::new(s, s + l),
                suggestion: None,
                related: Vec::new(),
            })
            .collect();
        let out = suppress::apply_with(&doc, input.clone(), &names);
        for f in &out {
            if f.rule == UNUSED_SUPPRESSION {
                prop_assert!(src.get(f.span.start..f.span.end).is_some_and(|t| !t.is_empty()));
            } else {
                prop_assert!(input.contains(f));
            }
        }
    }
}
