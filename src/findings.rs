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

impl Finding {
    /// Puts its message and its related places' messages on one line: each run of white
    /// space holding a control character (a line break, a tab, a CR) becomes one space. A
    /// message quotes the document's text, and a quoted span may cross a soft line break;
    /// on one line, every format reads it alike (`concise`'s one line per finding, GitHub's
    /// workflow commands, JUnit's attributes).
    pub fn on_one_line(&mut self) {
        one_line(&mut self.message);
        for r in &mut self.related {
            one_line(&mut r.message);
        }
    }
}

/// Replaces each run of white space in `s` that holds a control character by one space.
pub fn one_line(s: &mut String) {
    if !s.chars().any(char::is_control) {
        return;
    }
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            run.push(c);
            continue;
        }
        flush(&mut out, &mut run);
        out.push(c);
    }
    flush(&mut out, &mut run);
    *s = out;

    /// A run of white space as it is, or one space when it holds a control character.
    fn flush(out: &mut String, run: &mut String) {
        if run.chars().any(char::is_control) {
            out.push(' ');
        } else {
            out.push_str(run);
        }
        run.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn white_space_with_a_control_character_becomes_one_space() {
        for (s, want) in [
            ("rose from 2,000\nto 2,400", "rose from 2,000 to 2,400"),
            (
                "rose from 2,000 \r\n  to\t2,400",
                "rose from 2,000 to 2,400",
            ),
            ("a\u{1b}[31mb", "a [31mb"),
            // plain spaces are left as they are
            ("two  spaces, no control", "two  spaces, no control"),
            ("", ""),
        ] {
            let mut m = s.to_string();
            one_line(&mut m);
            assert_eq!(m, want, "{s:?}");
        }
    }
}
