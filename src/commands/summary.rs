//! The run summary: every input accounted for.
//!
//! An input is whatever [`input::open`](crate::input::open) yields one item for: a file, a
//! line of a JSONL archive, an HTML page of a WARC archive (or the one skip or failure that
//! stands for an archive with none).

use crate::input::{Limits, Loaded};
use serde::Serialize;

/// Most problems listed one by one; past it they are only counted (`unlisted_problems`), so
/// that a run over millions of broken records keeps its memory bounded.
pub const MAX_LISTED_PROBLEMS: usize = 10_000;

/// An input that gave no document: skipped (nothing wrong) or failed (could not be read).
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub path: String,
    /// `skipped` or `failed`.
    pub outcome: &'static str,
    /// Why: a skip reason's code (`empty`, `binary`, `unsupported_format`, `too_large`,
    /// `decompression_limit`, `line_too_long`, `no_text`, `no_articles`), or the error.
    pub reason: String,
}

/// `documents + skipped + failed == inputs`; `problems` lists each skip and failure (the first
/// [`MAX_LISTED_PROBLEMS`] of them; `unlisted_problems` counts the rest).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub inputs: usize,
    pub documents: usize,
    pub skipped: usize,
    pub failed: usize,
    pub problems: Vec<Problem>,
    #[serde(skip_serializing_if = "is_zero")]
    pub unlisted_problems: usize,
    /// The limits the run read with, for the messages.
    #[serde(skip)]
    pub limits: Limits,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Summary {
    /// A summary for a run reading with the given limits.
    pub fn new(limits: Limits) -> Summary {
        Summary {
            limits,
            ..Summary::default()
        }
    }

    /// Counts one loaded input; reports a skip or failure on stderr as it happens.
    pub fn record(&mut self, loaded: &Loaded) {
        self.inputs += 1;
        match loaded {
            Loaded::Document(_) => self.documents += 1,
            Loaded::Skipped { path, reason } => {
                eprintln!(
                    "factlint: skipped {path}: {}",
                    reason.describe(&self.limits)
                );
                self.skipped += 1;
                self.list(Problem {
                    path: path.clone(),
                    outcome: "skipped",
                    reason: reason.code().to_string(),
                });
            }
            Loaded::Failed { path, error } => {
                eprintln!("factlint: error: {path}: {error}");
                self.failed += 1;
                self.list(Problem {
                    path: path.clone(),
                    outcome: "failed",
                    reason: error.clone(),
                });
            }
        }
    }

    fn list(&mut self, p: Problem) {
        if self.problems.len() < MAX_LISTED_PROBLEMS {
            self.problems.push(p);
        } else {
            self.unlisted_problems += 1;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::SkipReason;

    #[test]
    fn every_input_is_counted_and_problems_are_capped() {
        let mut s = Summary::default();
        for i in 0..MAX_LISTED_PROBLEMS + 3 {
            s.record(&Loaded::Skipped {
                path: format!("a.jsonl:{i}"),
                reason: SkipReason::NoText,
            });
        }
        s.record(&Loaded::Failed {
            path: "b".into(),
            error: "boom".into(),
        });
        assert_eq!(
            (s.inputs, s.skipped, s.failed),
            (MAX_LISTED_PROBLEMS + 4, MAX_LISTED_PROBLEMS + 3, 1)
        );
        assert_eq!(s.problems.len(), MAX_LISTED_PROBLEMS);
        assert_eq!(s.unlisted_problems, 4);
        assert_eq!(s.problems[0].reason, "no_text");
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["unlisted_problems"], 4);
        assert!(v.get("limits").is_none());
        assert!(serde_json::to_value(Summary::default())
            .unwrap()
            .get("unlisted_problems")
            .is_none());
    }
}
