//! `--format concise`: one line per finding, `path:line:col: severity[rule] message`, then
//! the human format's summary line.

use super::{human::Human, CheckSummary, Reporter};
use crate::document::{Document, LineIndex};
use crate::findings::Finding;
use std::io::{self, Write};

#[derive(Default)]
pub struct Concise;

impl Reporter for Concise {
    fn document(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let lines = LineIndex::new(&doc.source);
        for f in findings {
            let (line, col) = lines.line_col(&doc.source, f.span.start);
            writeln!(
                out,
                "{}:{line}:{col}: {}[{}] {}",
                doc.path,
                f.severity.as_str(),
                f.rule,
                f.message
            )?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &CheckSummary, out: &mut dyn Write) -> io::Result<()> {
        Human::default().finish(summary, out)
    }
}
