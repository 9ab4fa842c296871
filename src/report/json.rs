//! `--format json`: one object, `{"findings": [...], "summary": {...}}`.

use super::{CheckSummary, Reporter};
use crate::document::{Document, LineIndex, Span};
use crate::findings::{Finding, Severity};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
pub(super) struct RelatedOut<'a> {
    path: &'a str,
    span: Span,
    line: usize,
    column: usize,
    message: &'a str,
}

/// One finding as the json and jsonl formats write it.
#[derive(Serialize)]
pub(crate) struct FindingOut<'a> {
    path: &'a str,
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    span: Span,
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<RelatedOut<'a>>,
}

/// The serialisable form of `f`, a finding of `doc` (`lines` indexes `doc.source`).
pub(super) fn finding_out<'a>(
    doc: &'a Document,
    lines: &LineIndex,
    f: &'a Finding,
) -> FindingOut<'a> {
    let (line, column) = lines.line_col(&doc.source, f.span.start);
    let related = f
        .related
        .iter()
        .map(|r| {
            let (line, column) = match (r.line, r.column) {
                (Some(l), Some(c)) => (l, c),
                _ => lines.line_col(&doc.source, r.span.start),
            };
            RelatedOut {
                path: r.path.as_deref().unwrap_or(&doc.path),
                span: r.span,
                line,
                column,
                message: &r.message,
            }
        })
        .collect();
    FindingOut {
        path: &doc.path,
        rule: &f.rule,
        severity: f.severity,
        message: &f.message,
        span: f.span,
        line,
        column,
        suggestion: f.suggestion.as_deref(),
        related,
    }
}

/// The serialisable form of a cross-source finding: its own place and its related places
/// carry their lines and columns (no document text is at hand), in the same shape.
pub(crate) fn cross_finding_out(cf: &crate::cross::CrossFinding) -> FindingOut<'_> {
    let f = &cf.finding;
    FindingOut {
        path: &cf.path,
        rule: &f.rule,
        severity: f.severity,
        message: &f.message,
        span: f.span,
        line: cf.line,
        column: cf.column,
        suggestion: f.suggestion.as_deref(),
        related: f
            .related
            .iter()
            .map(|r| RelatedOut {
                path: r.path.as_deref().unwrap_or(&cf.path),
                span: r.span,
                line: r.line.unwrap_or(0),
                column: r.column.unwrap_or(0),
                message: &r.message,
            })
            .collect(),
    }
}

#[derive(Default)]
pub struct Json {
    findings: Vec<serde_json::Value>,
}

impl Reporter for Json {
    fn document(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        let lines = LineIndex::new(&doc.source);
        for f in findings {
            let out = finding_out(doc, &lines, f);
            self.findings
                .push(serde_json::to_value(&out).map_err(io::Error::other)?);
        }
        Ok(())
    }

    fn finish(&mut self, summary: &CheckSummary, out: &mut dyn Write) -> io::Result<()> {
        let v = serde_json::json!({ "findings": self.findings, "summary": summary });
        serde_json::to_writer_pretty(&mut *out, &v).map_err(io::Error::other)?;
        out.write_all(b"\n")
    }
}
