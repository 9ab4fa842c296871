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
