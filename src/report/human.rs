//! The default output: rustc-style annotated snippets (annotate-snippets), plain text, one
//! block per finding, then a summary line.

use super::{CheckSummary, Reporter};
use crate::document::{Document, LineIndex, Span};
use crate::findings::{Finding, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::io::{self, Write};
use std::ops::Range;

pub struct Human {
    renderer: Renderer,
}

impl Default for Human {
    fn default() -> Self {
        Human::new(false)
    }
}

impl Human {
    /// Plain text, or with ANSI colours when `color` is set.
    pub fn new(color: bool) -> Human {
        Human {
            renderer: if color {
                Renderer::styled()
            } else {
                Renderer::plain()
            },
        }
    }
}

/// The whole lines around `spans`: (first line number, byte range of those lines).
fn lines_around(source: &str, lines: &LineIndex, spans: &[Span]) -> (usize, Range<usize>) {
    let start = spans
        .iter()
        .map(|s| s.start)
        .min()
        .unwrap_or(0)
        .min(source.len());
    let end = spans
        .iter()
        .map(|s| s.end)
        .max()
        .unwrap_or(0)
        .min(source.len());
    let (first_line, _) = lines.line_col(source, start);
    let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[end..].find('\n').map_or(source.len(), |i| end + i);
    (first_line, line_start..line_end)
}

/// The annotate-snippets level of a severity (also used by `audit`'s human output).
pub(crate) fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

impl Reporter for Human {
    fn document(
        &mut self,
        doc: &Document,
        findings: &[Finding],
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let lines = LineIndex::new(&doc.source);
        for f in findings {
            let mut spans = vec![f.span];
            spans.extend(
                f.related
                    .iter()
                    .filter(|r| r.path.is_none())
                    .map(|r| r.span),
            );
            // keep the snippet short: related places far away get their own note
            let near: Vec<Span> = spans
                .iter()
                .copied()
                .filter(|s| s.start.abs_diff(f.span.start) < 2000)
                .collect();
            let (first_line, range) = lines_around(&doc.source, &lines, &near);
            let text = &doc.source[range.clone()];
            let local = |s: Span| {
                (s.start.clamp(range.start, range.end) - range.start)
                    ..(s.end.clamp(range.start, range.end) - range.start)
            };
            let mut snippet = Snippet::source(text)
                .line_start(first_line)
                .path(doc.path.as_str())
                .annotation(AnnotationKind::Primary.span(local(f.span)));
            for r in f
                .related
                .iter()
                .filter(|r| r.path.is_none() && near.contains(&r.span))
            {
                snippet = snippet.annotation(
                    AnnotationKind::Context
                        .span(local(r.span))
                        .label(r.message.as_str()),
                );
            }
            let mut report = vec![level(f.severity)
                .primary_title(f.message.as_str())
                .id(f.rule.as_str())
                .element(snippet)];
            for r in &f.related {
                if r.path.is_some() || !near.contains(&r.span) {
                    let (l, c) = match (r.line, r.column) {
                        (Some(l), Some(c)) => (l, c),
                        _ => lines.line_col(&doc.source, r.span.start),
                    };
                    let at = format!(
                        "{}:{l}:{c}: {}",
                        r.path.as_deref().unwrap_or(&doc.path),
                        r.message
                    );
                    report.push(Group::with_title(Level::NOTE.secondary_title(at)));
                }
            }
            if let Some(s) = &f.suggestion {
                report.push(Group::with_title(
                    Level::HELP.secondary_title(format!("replace with: {s}")),
                ));
            }
            writeln!(out, "{}\n", self.renderer.render(&report))?;
        }
        Ok(())
    }

    fn finish(&mut self, summary: &CheckSummary, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "{} finding(s): {} error(s), {} warning(s), {} info; {}",
            summary.findings,
            summary.errors,
            summary.warnings,
            summary.infos,
            summary.inputs.line()
        )
    }
}
