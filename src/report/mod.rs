//! Reporters: one file per output format. A reporter sees each document's findings as they
//! are made (streaming) and the run's summary at the end.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod sarif;

use crate::commands::summary::Summary;
use crate::document::Document;
use crate::findings::{Finding, Severity};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// The summary of a check: every input accounted for, findings counted by severity.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckSummary {
    #[serde(flatten)]
    pub inputs: Summary,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl CheckSummary {
    pub fn count(&mut self, findings: &[Finding]) {
        for f in findings {
            self.findings += 1;
            match f.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }
}

pub trait Reporter {
    /// The findings of one document (sorted by position).
    fn document(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        out: &mut dyn Write,
    ) -> io::Result<()>;
    /// The end of the run.
    fn finish(&mut self, summary: &CheckSummary, out: &mut dyn Write) -> io::Result<()>;
}

/// `--statistics`: instead of the findings, a table of how many findings each rule made at
/// each severity (most first), then the summary line.
#[derive(Default)]
pub struct Statistics {
    counts: BTreeMap<(String, Severity), usize>,
}

impl Reporter for Statistics {
    fn document(
        &mut self,
        _doc: &Document,
        findings: &[Finding],
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        for f in findings {
            *self.counts.entry((f.rule.clone(), f.severity)).or_default() += 1;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &CheckSummary, out: &mut dyn Write) -> io::Result<()> {
        let mut rows: Vec<(&(String, Severity), &usize)> = self.counts.iter().collect();
        rows.sort_by(|a, b| {
            b.1.cmp(a.1)
                .then(b.0 .1.cmp(&a.0 .1))
                .then(a.0 .0.cmp(&b.0 .0))
        });
        if !rows.is_empty() {
            writeln!(out, "{:>5}  {:<8}  rule", "count", "severity")?;
            for ((rule, severity), n) in rows {
                writeln!(out, "{n:>5}  {:<8}  {rule}", severity.as_str())?;
            }
        }
        human::Human::default().finish(summary, out)
    }
}
