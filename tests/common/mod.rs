//! Shared helpers for the integration tests: fixture reading and a compact, reviewable
//! rendering of claims for insta snapshots.

#![allow(dead_code)]

use factlint::{Claim, Document};
use std::path::{Path, PathBuf};

pub fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

/// A fresh, empty scratch directory named `name` under the target's temporary directory
/// (unique across test binaries by the caller's choice of name).
pub fn scratch(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("a scratch directory");
    d
}

/// Copies a directory tree (fixtures into a scratch directory).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir") {
        let e = e.expect("entry");
        let target = to.join(e.file_name());
        if e.file_type().expect("type").is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), &target).expect("copy");
        }
    }
}

/// Runs `f` with insta configured to keep snapshots in the top-level `snapshots/` folder.
pub fn with_snapshots<F: FnOnce()>(f: F) {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(f);
}

/// One line per claim: kind, text, byte span and the remaining fields as compact JSON.
pub fn render_claim(c: &Claim) -> String {
    let mut v = serde_json::to_value(c).expect("claims serialise");
    let obj = v.as_object_mut().expect("a claim is an object");
    obj.remove("kind");
    obj.remove("text");
    obj.remove("span");
    let span = c.span();
    format!(
        "  {} {:?} [{}..{}] {}",
        c.kind(),
        c.text(),
        span.start,
        span.end,
        serde_json::Value::Object(obj.clone())
    )
}

/// Renders a fixture of one-sentence cases: each non-comment line is its own document.
/// A line `# date: YYYY-MM-DD` sets the document date for the lines after it.
pub fn render_cases(text: &str, kinds: Option<&[&str]>) -> String {
    let mut out = String::new();
    let mut date = None;
    for line in text.lines() {
        if let Some(d) = line.strip_prefix("# date:") {
            date = Some(d.trim().parse().expect("fixture date"));
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut doc = Document::from_text("case.txt", line.to_string());
        doc.date = date;
        out.push_str("> ");
        out.push_str(line);
        out.push('\n');
        for c in factlint::extract(&doc) {
            if kinds.is_none_or(|k| k.contains(&c.kind())) {
                assert_eq!(
                    &line[c.span().start..c.span().end],
                    c.text(),
                    "span and text agree"
                );
                out.push_str(&render_claim(&c));
                out.push('\n');
            }
        }
    }
    out
}

/// The findings of the built-in rules of one kind on one text (with an optional date).
pub fn findings(
    text: &str,
    date: Option<jiff::civil::Date>,
    kind: &str,
) -> Vec<factlint::findings::Finding> {
    let reg = factlint::rules::Registry::builtin().expect("built-in rules load");
    let mut doc = Document::from_text("case.txt", text.to_string());
    doc.date = date;
    let ex = factlint::extract_all(&doc);
    reg.check_rules(
        &doc,
        &ex,
        reg.rules.iter().filter(|r| r.kind.as_str() == kind),
    )
}

/// Renders a rule-kind fixture: cases are paragraphs (separated by blank lines) or single
/// lines; `# date: YYYY-MM-DD` sets the document date for what follows; each case is
/// followed by its findings: `  severity[rule] message @start..end "span text"`.
pub fn render_findings(text: &str, kind: &str) -> String {
    let mut out = String::new();
    let mut date = None;
    let mut cases: Vec<(Option<jiff::civil::Date>, String)> = Vec::new();
    let mut current = String::new();
    let paragraphs = text.contains("\n\n");
    for line in text.lines() {
        if let Some(d) = line.strip_prefix("# date:") {
            date = Some(d.trim().parse().expect("fixture date"));
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() || !paragraphs {
            if !current.trim().is_empty() {
                cases.push((date, std::mem::take(&mut current)));
            }
            current.clear();
            if line.trim().is_empty() {
                continue;
            }
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(line);
        if !paragraphs {
            cases.push((date, std::mem::take(&mut current)));
        }
    }
    if !current.trim().is_empty() {
        cases.push((date, current));
    }
    for (date, case) in cases {
        out.push_str("> ");
        out.push_str(&case.replace('\n', "\n> "));
        out.push('\n');
        for f in findings(&case, date, kind) {
            out.push_str(&format!(
                "  {}[{}] {} @{}..{} {:?}\n",
                f.severity.as_str(),
                f.rule,
                f.message,
                f.span.start,
                f.span.end,
                &case[f.span.start..f.span.end]
            ));
            if let Some(s) = &f.suggestion {
                out.push_str(&format!("    suggestion: {s:?}\n"));
            }
            for r in &f.related {
                out.push_str(&format!(
                    "    related @{}..{} {:?}: {}\n",
                    r.span.start,
                    r.span.end,
                    &case[r.span.start..r.span.end],
                    r.message
                ));
            }
        }
    }
    out
}
