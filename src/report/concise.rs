//! `--format concise`: one line per finding, `path:line:col: severity[rule] message`, then
//! the human format's summary line.

use super::{human::Human, CheckSummary, Reporter};
use crate::document::{Document, LineIndex};
use crate::findings::{Finding, Severity};
use std::fmt;
use std::io::{self, Write};

#[derive(Default)]
pub struct Concise;

/// One finding as a concise line, `path:line:col: severity[rule] message` (also written by
/// `audit` and `reconcile`, whose findings are stored rows rather than documents).
pub struct Line<'a> {
    pub path: &'a str,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub rule: &'a str,
    pub message: &'a str,
}

impl fmt::Display for Line<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}[{}] {}",
            self.path,
            self.line,
            self.column,
            self.severity.as_str(),
            self.rule,
            self.message
        )
    }
}

impl Reporter for Concise {
    fn document(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let lines = LineIndex::new(&doc.source);
        for f in findings {
            let (line, column) = lines.line_col(&doc.source, f.span.start);
            let l = Line {
                path: &doc.path,
                line,
                column,
                severity: f.severity,
                rule: &f.rule,
                message: &f.message,
            };
            writeln!(out, "{l}")?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &CheckSummary, out: &mut dyn Write) -> io::Result<()> {
        Human::default().finish(summary, out)
    }
}
