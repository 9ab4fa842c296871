//! The run summary: every input accounted for.

use crate::input::{Loaded, SkipReason};
use serde::Serialize;

/// An input that gave no document: skipped (nothing wrong) or failed (could not be read).
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub path: String,
    /// `skipped` or `failed`.
    pub outcome: &'static str,
    /// Why: `empty`, `binary`, `unsupported_format`, or the error.
    pub reason: String,
}

/// `documents + skipped + failed == inputs`; `problems` lists each skip and failure.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub inputs: usize,
    pub documents: usize,
    pub skipped: usize,
    pub failed: usize,
    pub problems: Vec<Problem>,
}

impl Summary {
    /// Counts one loaded input; reports a skip or failure on stderr as it happens.
    pub fn record(&mut self, loaded: &Loaded) {
        self.inputs += 1;
        match loaded {
            Loaded::Document(_) => self.documents += 1,
            Loaded::Skipped { path, reason } => {
                eprintln!("factlint: skipped {path}: {}", skip_text(*reason));
                self.skipped += 1;
                self.problems.push(Problem {
                    path: path.clone(),
                    outcome: "skipped",
                    reason: skip_code(*reason).to_string(),
                });
            }
            Loaded::Failed { path, error } => {
                eprintln!("factlint: error: {path}: {error}");
                self.failed += 1;
                self.problems.push(Problem {
                    path: path.clone(),
                    outcome: "failed",
                    reason: error.clone(),
                });
            }
        }
    }

    /// One line for stderr.
    pub fn line(&self) -> String {
        format!(
            "{} input(s): {} document(s) read, {} skipped, {} failed",
            self.inputs, self.documents, self.skipped, self.failed
        )
    }
}

pub fn skip_text(r: SkipReason) -> &'static str {
    match r {
        SkipReason::Empty => "empty file",
        SkipReason::Binary => "binary file",
        SkipReason::UnsupportedFormat => "unsupported format",
    }
}

fn skip_code(r: SkipReason) -> &'static str {
    match r {
        SkipReason::Empty => "empty",
        SkipReason::Binary => "binary",
        SkipReason::UnsupportedFormat => "unsupported_format",
    }
}
