//! The run summary: every input accounted for.

use crate::input::{Loaded, SkipReason};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: SkipReason,
}

#[derive(Debug, Clone, Serialize)]
pub struct Failed {
    pub path: String,
    pub error: String,
}

/// `documents + skipped.len() + failed.len() == inputs`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub inputs: usize,
    pub documents: usize,
    pub skipped: Vec<Skipped>,
    pub failed: Vec<Failed>,
}

impl Summary {
    /// Counts one loaded input; reports a skip or failure on stderr as it happens.
    pub fn record(&mut self, loaded: &Loaded) {
        self.inputs += 1;
        match loaded {
            Loaded::Document(_) => self.documents += 1,
            Loaded::Skipped { path, reason } => {
                eprintln!("factlint: skipped {path}: {}", skip_text(*reason));
                self.skipped.push(Skipped {
                    path: path.clone(),
                    reason: *reason,
                });
            }
            Loaded::Failed { path, error } => {
                eprintln!("factlint: error: {path}: {error}");
                self.failed.push(Failed {
                    path: path.clone(),
                    error: error.clone(),
                });
            }
        }
    }

    /// One line for stderr.
    pub fn line(&self) -> String {
        format!(
            "{} input(s): {} document(s) read, {} skipped, {} failed",
            self.inputs,
            self.documents,
            self.skipped.len(),
            self.failed.len()
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
