//! `factlint reconcile`: the reduce step. Reads the document records that
//! `factlint extract --format jsonl` writes (one [`DocRecord`] per line, from any number of
//! shards), runs the cross-source rules over all of them and reports their findings.
//!
//! A line that is not a record is reported with its file and line and skipped; an unreadable
//! file is reported and skipped; either makes the exit code 2 once the findings are printed.

use super::{configured, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::cli::{ReconcileArgs, ReconcileFormat};
use crate::cross::{CrossFinding, CrossIndex, DocRecord};
use crate::findings::Severity;
use crate::input::names::{renamed_warning, DocumentNames};
use serde::Serialize;
use std::io::{self, BufRead, Write};

/// What a reconcile run read and found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ReconcileSummary {
    /// Files named (`-` counts as one).
    pub files: usize,
    /// Files that could not be read (or not to the end).
    pub failed: usize,
    /// Records read: one per document.
    pub documents: usize,
    /// Non-blank lines that are not a document record.
    pub invalid_lines: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl ReconcileSummary {
    fn count(&mut self, findings: &[CrossFinding]) {
        for f in findings {
            self.findings += 1;
            match f.finding.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// One line for people: findings by severity, then what was read.
    pub fn line(&self) -> String {
        let mut s = format!(
            "{} finding(s): {} error(s), {} warning(s), {} info; {} document(s) from {} file(s)",
            self.findings, self.errors, self.warnings, self.infos, self.documents, self.files
        );
        if self.failed > 0 {
            s.push_str(&format!(", {} file(s) failed", self.failed));
        }
        if self.invalid_lines > 0 {
            s.push_str(&format!(", {} invalid line(s) skipped", self.invalid_lines));
        }
        s
    }
}

pub fn run(args: &ReconcileArgs) -> i32 {
    // the configuration of the current directory: its rules, switches and severities
    let config = match configured(&args.rules, &args.config) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let settings = config.settings(".");
    let mut index = settings.cross_index();
    let mut summary = ReconcileSummary::default();
    // shards extracted apart can repeat a name (one URI in two shards' WARC files): renamed
    // as one run would have named them, in the order the records are read
    let mut names = DocumentNames::new();
    for path in &args.claims {
        summary.files += 1;
        let mut read = |reader: &mut dyn BufRead| {
            read_records(path, reader, &mut index, &mut names, &mut summary)
        };
        let res = if path == "-" {
            read(&mut io::stdin().lock())
        } else {
            std::fs::File::open(path).and_then(|f| read(&mut io::BufReader::new(f)))
        };
        if let Err(e) = res {
            eprintln!("factlint: error: {path}: {e}");
            summary.failed += 1;
        }
    }
    // in path order, as the audit keeps its index (its canonical form): the findings do not
    // depend on the order of the shards or of the records in them
    let index = index.canonical();
    let mut findings = index.findings();
    settings.adjust_cross(&mut findings);
    summary.count(&findings);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written =
        write_findings(args.format, &findings, &summary, &mut out).and_then(|_| out.flush());
    if let Err(e) = written {
        return super::inputs::output_error(e);
    }
    if args.format != ReconcileFormat::Human && args.format != ReconcileFormat::Concise {
        eprintln!("factlint: {}", summary.line());
    }
    let fail_on = args.fail_on.or(config.fail_on).unwrap_or(Severity::Error);
    if summary.failed > 0 || summary.invalid_lines > 0 {
        EXIT_ERROR
    } else if findings.iter().any(|f| f.finding.severity >= fail_on) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}

/// Adds every record of one JSONL stream to the index, a repeated name renamed (with a
/// warning); bad lines are reported and counted.
pub fn read_records(
    path: &str,
    reader: &mut dyn BufRead,
    index: &mut CrossIndex,
    names: &mut DocumentNames,
    summary: &mut ReconcileSummary,
) -> io::Result<()> {
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<DocRecord>(&line) {
            Ok(mut rec) => {
                summary.documents += 1;
                if let Some(renamed) = names.take(&rec.path) {
                    eprintln!(
                        "factlint: warning: {renamed}: {}",
                        renamed_warning(&rec.path)
                    );
                    rec.path = renamed;
                }
                index.add(rec);
            }
            Err(e) => {
                summary.invalid_lines += 1;
                let msg = e.to_string();
                let msg = msg.split(" at line ").next().unwrap_or_default();
                eprintln!(
                    "factlint: error: {path}:{}:{}: not a document record: {msg}",
                    n + 1,
                    e.column()
                );
            }
        }
    }
    Ok(())
}

/// Writes cross-source findings in `format`: `human` (each finding, its related places and
/// its suggestion on the lines below, then the summary line), `concise` (one line per
/// finding, then the summary line), `json` (`{"findings": [...], "summary": {...}}`, the
/// finding objects of `check --format json`), `jsonl` (one finding object per line).
pub fn write_findings(
    format: ReconcileFormat,
    findings: &[CrossFinding],
    summary: &ReconcileSummary,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        ReconcileFormat::Human | ReconcileFormat::Concise => {
            for cf in findings {
                let f = &cf.finding;
                let line = crate::report::concise::Line {
                    path: &cf.path,
                    line: cf.line,
                    column: cf.column,
                    severity: f.severity,
                    rule: &f.rule,
                    message: &f.message,
                };
                writeln!(out, "{line}")?;
                if format == ReconcileFormat::Concise {
                    continue;
                }
                for r in &f.related {
                    writeln!(
                        out,
                        "  = {}:{}:{}: {}",
                        r.path.as_deref().unwrap_or(&cf.path),
                        r.line.unwrap_or(0),
                        r.column.unwrap_or(0),
                        r.message
                    )?;
                }
                if let Some(s) = &f.suggestion {
                    writeln!(out, "  = help: replace with: {s}")?;
                }
            }
            writeln!(out, "{}", summary.line())
        }
        ReconcileFormat::Json => {
            let findings: Vec<_> = findings
                .iter()
                .map(crate::report::json::cross_finding_out)
                .collect();
            let v = serde_json::json!({ "findings": findings, "summary": summary });
            serde_json::to_writer_pretty(&mut *out, &v).map_err(io::Error::other)?;
            out.write_all(b"\n")
        }
        ReconcileFormat::Jsonl => {
            for cf in findings {
                serde_json::to_writer(&mut *out, &crate::report::json::cross_finding_out(cf))
                    .map_err(io::Error::other)?;
                out.write_all(b"\n")?;
            }
            Ok(())
        }
    }
}
