//! `--format jsonl`: one JSON object per finding per line (the json format's finding
//! objects); the summary goes to standard error only.

use super::json::finding_out;
use super::{CheckSummary, Reporter};
use crate::document::{Document, LineIndex};
use crate::findings::Finding;
use std::io::{self, Write};

#[derive(Default)]
pub struct Jsonl;

impl Reporter for Jsonl {
    fn document(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let lines = LineIndex::new(&doc.source);
        for f in findings {
            serde_json::to_writer(&mut *out, &finding_out(doc, &lines, f))
                .map_err(io::Error::other)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self, _summary: &CheckSummary, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
}
