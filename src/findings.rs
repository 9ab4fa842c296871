//! Findings: what a rule reports, with exact spans in the original input.

use crate::document::Span;
use serde::{Deserialize, Serialize};

/// How much a finding matters. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Severity, String> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            _ => Err(format!(
                "unknown severity {s:?} (expected error, warning or info)"
            )),
        }
    }
}

/// Another place a finding points to (the total a rate was derived from, the other
/// spelling of a name, the same figure in another document).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Related {
    /// The document, when it is not the finding's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub span: Span,
    /// The 1-based line and column of `span.start`, when known without the document's text
    /// (a place in another document, found by a cross-source rule).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    pub message: String,
}

/// One finding of one rule in one document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: String,
    pub severity: Severity,
    pub message: String,
    pub span: Span,
    /// The replacement for `span` that would fix it, when there is exactly one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}
