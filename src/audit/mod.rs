//! `factlint audit`: many documents in parallel with bounded memory, per-document findings
//! plus the cross-source findings, an SQLite claims index that makes a second audit
//! incremental, and an HTML report.
//!
//! The stages: `pipeline.rs` reads the inputs on one thread, extracts and checks documents on
//! a rayon pool, and stores each result through `index.rs` (SQLite) on the calling thread
//! (while `commands/audit.rs` reads the stored cross-source index on another); the index is
//! also the sort buffer, so the output (`render.rs`) and the report (`html_report.rs`) are
//! queries over it, in an order that does not depend on the number of threads.
//! `progress.rs` draws the progress bar.

pub mod html_report;
pub mod index;
pub mod pipeline;
pub mod progress;
pub mod render;

use crate::commands::summary::Summary;
use crate::document::Span;
use crate::findings::Severity;
use crate::report::CheckSummary;
use serde::{Deserialize, Serialize};

/// A byte span as stored in the index (`Span` itself is not deserialisable).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SpanRow {
    pub start: usize,
    pub end: usize,
}

impl From<Span> for SpanRow {
    fn from(s: Span) -> SpanRow {
        SpanRow {
            start: s.start,
            end: s.end,
        }
    }
}

/// Another place a finding points to, with its line and column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelatedRow {
    pub path: String,
    pub span: SpanRow,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The lines of the source a finding is on, for the human format (the document's text is not
/// at hand when the finding is printed).
#[derive(Debug, Clone, PartialEq)]
pub struct Excerpt {
    /// Byte offset of `text` in the document.
    pub start: usize,
    pub text: String,
}

/// One finding as the audit stores and prints it: located (line, column) and self-contained.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingRow {
    pub path: String,
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub span: SpanRow,
    pub line: usize,
    pub column: usize,
    pub suggestion: Option<String>,
    pub related: Vec<RelatedRow>,
    /// `document` (a per-document rule) or `cross` (a cross-source rule).
    pub scope: Scope,
    pub excerpt: Option<Excerpt>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    Document,
    Cross,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Document => "document",
            Scope::Cross => "cross",
        }
    }
}

/// The summary of an audit: `check`'s summary (every input accounted for, findings by
/// severity) plus what the index did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AuditSummary {
    #[serde(flatten)]
    pub check: CheckSummary,
    /// Findings of the cross-source rules (counted in `findings` too).
    pub cross_findings: usize,
    /// Documents extracted and checked in this run.
    pub extracted: usize,
    /// Documents whose stored results were reused (content unchanged since the last audit).
    pub reused: usize,
    /// Documents removed from the index because they are no longer among the inputs.
    pub removed: usize,
}

impl AuditSummary {
    pub fn inputs(&self) -> &Summary {
        &self.check.inputs
    }

    /// One line for people.
    pub fn line(&self) -> String {
        let c = &self.check;
        format!(
            "{} finding(s): {} error(s), {} warning(s), {} info ({} cross-source); {}; {} extracted, {} reused, {} removed",
            c.findings,
            c.errors,
            c.warnings,
            c.infos,
            self.cross_findings,
            c.inputs.line(),
            self.extracted,
            self.reused,
            self.removed
        )
    }
}
