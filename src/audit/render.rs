//! The audit's output formats, written from the stored findings (ordered by path, then span):
//! `human` (annotated snippets from each finding's excerpt), `concise`, `json` and `jsonl`
//! (the finding objects of `factlint check`, plus `scope`).

use super::{AuditSummary, FindingRow, RelatedRow, SpanRow};
use crate::findings::Severity;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Concise,
    Json,
    Jsonl,
}

/// One finding as `json` and `jsonl` write it: the object `factlint check` writes, plus
/// `scope` (`document` or `cross`).
#[derive(Serialize)]
struct FindingOut<'a> {
    path: &'a str,
    rule: &'a str,
    severity: Severity,
    message: &'a str,
    span: SpanRow,
    line: usize,
    column: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggestion: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    related: &'a [RelatedRow],
    scope: &'static str,
}

fn out(f: &FindingRow) -> FindingOut<'_> {
    FindingOut {
        path: &f.path,
        rule: &f.rule,
        severity: f.severity,
        message: &f.message,
        span: f.span,
        line: f.line,
        column: f.column,
        suggestion: f.suggestion.as_deref(),
        related: &f.related,
        scope: f.scope.as_str(),
    }
}

/// Writes findings one at a time as they come, then the summary.
pub struct Writer<W: Write> {
    format: Format,
    out: W,
    first: bool,
    renderer: Renderer,
}

impl<W: Write> Writer<W> {
    pub fn new(format: Format, out: W) -> Writer<W> {
        Writer {
            format,
            out,
            first: true,
            renderer: Renderer::plain(),
        }
    }

    pub fn finding(&mut self, f: &FindingRow) -> io::Result<()> {
        match self.format {
            Format::Concise => {
                let line = crate::report::concise::Line {
                    path: &f.path,
                    line: f.line,
                    column: f.column,
                    severity: f.severity,
                    rule: &f.rule,
                    message: &f.message,
                };
                writeln!(self.out, "{line}")
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, &out(f)).map_err(io::Error::other)?;
                self.out.write_all(b"\n")
            }
            Format::Json => {
                // the layout of serde_json's pretty printer for the whole object, written
                // one finding at a time
                if self.first {
                    self.out.write_all(b"{\n  \"findings\": [\n    ")?;
                } else {
                    self.out.write_all(b",\n    ")?;
                }
                let text = serde_json::to_string_pretty(&out(f)).map_err(io::Error::other)?;
                self.out.write_all(text.replace('\n', "\n    ").as_bytes())
            }
            Format::Human => {
                let text = self.human(f);
                writeln!(self.out, "{text}\n")
            }
        }?;
        self.first = false;
        Ok(())
    }

    fn human(&self, f: &FindingRow) -> String {
        let level = crate::report::human::level(f.severity);
        let text: String;
        let mut report = Vec::new();
        let mut shown: Vec<&RelatedRow> = Vec::new();
        match &f.excerpt {
            Some(x) if !x.text.is_empty() => {
                // the renderer counts the column from the start of the excerpt's line: when
                // the excerpt was cut inside a long line, spaces stand for what was cut, so
                // that the column it prints is the document's (the cut part is out of view)
                let at = f.span.start.saturating_sub(x.start).min(x.text.len());
                let pad = match x.text.get(..at) {
                    Some(before) if !before.contains('\n') => {
                        f.column.saturating_sub(before.chars().count() + 1)
                    }
                    _ => 0,
                };
                text = format!("{}{}", " ".repeat(pad), x.text);
                let len = text.len();
                let local = |s: SpanRow| {
                    let a = (s.start.saturating_sub(x.start) + pad).min(len);
                    let b = (s.end.saturating_sub(x.start) + pad).clamp(a, len);
                    a..b
                };
                let mut snippet = Snippet::source(text.as_str())
                    .path(f.path.as_str())
                    .annotation(AnnotationKind::Primary.span(local(f.span)));
                for r in &f.related {
                    if r.path == f.path && r.span.start >= x.start && r.span.end <= x.start + len {
                        snippet = snippet.annotation(
                            AnnotationKind::Context
                                .span(local(r.span))
                                .label(r.message.as_str()),
                        );
                        shown.push(r);
                    }
                }
                // the excerpt starts on the finding's line only when it was not cut
                let first_line = f
                    .line
                    .saturating_sub(text[..local(f.span).start].matches('\n').count());
                snippet = snippet.line_start(first_line.max(1));
                report.push(
                    level
                        .primary_title(f.message.as_str())
                        .id(f.rule.as_str())
                        .element(snippet),
                );
            }
            _ => {
                report.push(
                    Group::with_title(level.primary_title(f.message.as_str()).id(f.rule.as_str()))
                        .element(
                            annotate_snippets::Origin::path(f.path.as_str())
                                .line(f.line)
                                .char_column(f.column),
                        ),
                );
            }
        }
        for r in &f.related {
            if !shown.contains(&r) {
                let at = format!("{}:{}:{}: {}", r.path, r.line, r.column, r.message);
                report.push(Group::with_title(Level::NOTE.secondary_title(at)));
            }
        }
        if let Some(s) = &f.suggestion {
            report.push(Group::with_title(
                Level::HELP.secondary_title(format!("replace with: {s}")),
            ));
        }
        self.renderer.render(&report).to_string()
    }

    /// Ends the output with the summary (json: in the object; human and concise: a last
    /// line; jsonl: nothing, the caller prints it on standard error).
    pub fn finish(mut self, summary: &AuditSummary) -> io::Result<()> {
        match self.format {
            Format::Json => {
                if self.first {
                    self.out
                        .write_all(b"{\n  \"findings\": [],\n  \"summary\": ")?;
                } else {
                    self.out.write_all(b"\n  ],\n  \"summary\": ")?;
                }
                let text = serde_json::to_string_pretty(summary).map_err(io::Error::other)?;
                self.out.write_all(text.replace('\n', "\n  ").as_bytes())?;
                self.out.write_all(b"\n}\n")?;
            }
            Format::Human | Format::Concise => writeln!(self.out, "{}", summary.line())?,
            Format::Jsonl => {}
        }
        self.out.flush()
    }
}
