//! Reporters: one file per output format. A reporter sees each document's findings as they
//! are made (streaming) and the run's summary at the end.

pub mod human;
pub mod json;

use crate::commands::summary::Summary;
use crate::document::Document;
use crate::findings::{Finding, Severity};
use serde::Serialize;
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
