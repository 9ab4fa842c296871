//! Invariants every fuzz target asserts: a violation panics, and libFuzzer reports it as a
//! crash with the input that caused it.

#![allow(dead_code)]

use factlint::extract::Extraction;
use factlint::findings::Finding;
use factlint::input::{self, Format, LoadOptions, Loaded};
use factlint::rules::Registry;
use factlint::{Document, Span};
use std::sync::LazyLock;

/// The built-in rules, loaded once per process.
pub static BUILTIN: LazyLock<Registry> =
    LazyLock::new(|| Registry::builtin().expect("the built-in packs load"));

/// A fixed fallback date, so relative expressions resolve (more code runs).
pub fn options() -> LoadOptions {
    LoadOptions {
        fallback_date: Some(jiff::civil::date(2016, 9, 1)),
        ..LoadOptions::default()
    }
}

/// Loads bytes as the CLI would, with the given reader; `None` when they were skipped.
pub fn load(bytes: &[u8], format: Format) -> Option<Document> {
    match input::load_bytes("fuzz".to_string(), bytes.to_vec(), format, &options()) {
        Loaded::Document(doc) => Some(*doc),
        Loaded::Skipped { .. } => None,
        Loaded::Failed { path, error } => panic!("in-memory bytes cannot fail: {path}: {error}"),
    }
}

/// A span of the original input: inside it, on character boundaries.
pub fn assert_span(source: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= source.len(),
        "{what}: span {span:?} outside a source of {} bytes",
        source.len()
    );
    assert!(
        source.is_char_boundary(span.start) && source.is_char_boundary(span.end),
        "{what}: span {span:?} not on character boundaries"
    );
}

/// The document a reader made: prose text of the source's length (identity map), blocks
/// inside it on character boundaries.
pub fn assert_document(doc: &Document) {
    if doc.map.is_identity() {
        assert_eq!(
            doc.text.len(),
            doc.source.len(),
            "identity map, lengths differ"
        );
    }
    for b in &doc.blocks {
        assert!(
            b.start <= b.end && b.end <= doc.text.len(),
            "block {b:?} outside the text"
        );
        assert!(
            doc.text.is_char_boundary(b.start) && doc.text.is_char_boundary(b.end),
            "block {b:?} not on character boundaries"
        );
    }
}

/// Every span of every claim and sentence is a span of the source; a claim's text is the
/// source under its span.
pub fn assert_extraction(doc: &Document, ex: &Extraction) {
    assert_eq!(ex.claims.len(), ex.claim_sentence.len());
    for s in &ex.sentences {
        assert_span(&doc.source, s.span, "sentence");
        for t in &s.tokens {
            assert_span(&doc.source, t.span, "token");
        }
    }
    for (c, &si) in ex.claims.iter().zip(&ex.claim_sentence) {
        assert!(
            si < ex.sentences.len(),
            "claim of a sentence that is not there"
        );
        let kind = c.kind();
        for sp in c.clone().spans_mut() {
            assert_span(&doc.source, *sp, kind);
        }
        assert_eq!(
            &doc.source[c.span().start..c.span().end],
            c.text(),
            "a claim's text is the source under its span"
        );
    }
}

/// Every finding's span, and every related span in the same document, is a span of the
/// source.
pub fn assert_findings(doc: &Document, findings: &[Finding]) {
    for f in findings {
        assert_span(&doc.source, f.span, &f.rule);
        for r in &f.related {
            if r.path.is_none() {
                assert_span(&doc.source, r.span, &f.rule);
            }
        }
    }
}

/// Extracts, checks with the built-in rules and asserts every invariant.
pub fn run_pipeline(doc: &Document) -> Vec<Finding> {
    assert_document(doc);
    let ex = factlint::extract_all(doc);
    assert_extraction(doc, &ex);
    let findings = BUILTIN.check(doc, &ex);
    assert_findings(doc, &findings);
    findings
}
