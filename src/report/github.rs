//! `--format github`: GitHub Actions workflow commands, one per finding
//! (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::MESSAGE`), which GitHub
//! shows as annotations on the changed lines. Errors are `::error`, warnings `::warning`,
//! info `::notice`. The summary goes to standard error only.

use super::{CheckSummary, Reporter};
use crate::document::{Document, LineIndex};
use crate::findings::{Finding, Severity};
use std::io::{self, Write};

#[derive(Default)]
pub struct Github;

/// Escapes a command's data (the message): `%`, CR and LF.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value: as data, and also `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Reporter for Github {
    fn document(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let lines = LineIndex::new(&doc.source);
        let file = escape_property(&doc.path);
        for f in findings {
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let (line, col) = lines.line_col(&doc.source, f.span.start);
            let (end_line, end_col) = lines.line_col(&doc.source, f.span.end);
            writeln!(
                out,
                "::{command} file={file},line={line},col={col},endLine={end_line},endColumn={end_col},title={}::{}",
                escape_property(&f.rule),
                escape_data(&f.message)
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &CheckSummary, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50%\r\nof: a, b"), "50%25%0D%0Aof: a, b");
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
