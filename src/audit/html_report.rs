//! `--report FILE.html`: one self-contained HTML page (inline CSS and SVG, no script, nothing
//! fetched): the totals, findings by rule and by month of publication as bar charts, the
//! documents with the most findings, and every cross-source finding with its places. Every
//! text from the archive is escaped.

use super::index::{Index, IndexError};
use super::{AuditSummary, FindingRow, Scope};
use crate::findings::Severity;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::fmt::Write as _;
use std::path::Path;

/// How many documents the "worst documents" table lists.
const WORST: usize = 25;
/// How many cross-source findings the report lists (the rest are counted).
const CROSS_MAX: usize = 1000;

fn esc(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

/// Bytes a `file:` URL's path keeps as they are: ASCII letters and digits, `/`, `-`, `.`,
/// `_`, `~`; every other byte is percent-encoded.
const FILE_URL_KEEPS: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'/')
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A link target for a document path: a web address as is, a file on disk as a `file:` URL,
/// anything else (a record inside an archive file) none.
fn href(path: &str) -> Option<String> {
    if path.starts_with("http://") || path.starts_with("https://") {
        return Some(path.to_string());
    }
    let abs = std::fs::canonicalize(Path::new(path)).ok()?;
    let abs = abs.to_string_lossy();
    Some(format!(
        "file://{}",
        utf8_percent_encode(&abs, FILE_URL_KEEPS)
    ))
}

fn place(path: &str, line: usize, column: usize) -> String {
    let label = esc(&format!("{path}:{line}:{column}"));
    match href(path) {
        Some(h) => format!("<a href=\"{}\">{label}</a>", esc(&h)),
        None => label,
    }
}

struct RuleRow {
    rule: String,
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl RuleRow {
    fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }
}

struct DocRow {
    path: String,
    title: Option<String>,
    date: Option<String>,
    errors: usize,
    warnings: usize,
    infos: usize,
}

fn count(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<usize> {
    Ok(r.get::<_, Option<i64>>(i)?.unwrap_or(0).max(0) as usize)
}

/// Renders the report from the index and the run's summary.
pub fn render(index: &Index, summary: &AuditSummary) -> Result<String, IndexError> {
    let rules = index.query(
        "SELECT rule, sum(severity='error'), sum(severity='warning'), sum(severity='info')
         FROM findings GROUP BY rule",
        |r| {
            Ok(RuleRow {
                rule: r.get(0)?,
                errors: count(r, 1)?,
                warnings: count(r, 2)?,
                infos: count(r, 3)?,
            })
        },
    )?;
    let mut rules = rules;
    rules.sort_by(|a, b| b.total().cmp(&a.total()).then(a.rule.cmp(&b.rule)));
    let months = index.query(
        "SELECT m, sum(docs), sum(n) FROM (
           SELECT coalesce(substr(date, 1, 7), 'undated') AS m, count(*) AS docs, 0 AS n
             FROM documents GROUP BY m
           UNION ALL
           SELECT coalesce(substr(d.date, 1, 7), 'undated') AS m, 0, count(*)
             FROM findings f JOIN documents d ON d.id = f.doc GROUP BY m)
         GROUP BY m ORDER BY m = 'undated', m",
        |r| Ok((r.get::<_, String>(0)?, count(r, 1)?, count(r, 2)?)),
    )?;
    let worst = index.query(
        &format!(
            "SELECT d.path, d.title, d.date, sum(f.severity='error') AS e,
                    sum(f.severity='warning') AS w, sum(f.severity='info') AS i
             FROM findings f JOIN documents d ON d.id = f.doc
             GROUP BY d.id ORDER BY e DESC, w DESC, i DESC, d.path LIMIT {WORST}"
        ),
        |r| {
            Ok(DocRow {
                path: r.get(0)?,
                title: r.get(1)?,
                date: r.get(2)?,
                errors: count(r, 3)?,
                warnings: count(r, 4)?,
                infos: count(r, 5)?,
            })
        },
    )?;
    let mut cross: Vec<FindingRow> = Vec::new();
    let mut cross_total = 0usize;
    index.for_each_finding(|f| {
        if f.scope == Scope::Cross {
            cross_total += 1;
            if cross.len() < CROSS_MAX {
                cross.push(f);
            }
        }
        Ok::<(), IndexError>(())
    })?;

    let mut h = String::with_capacity(64 * 1024);
    h.push_str(HEAD);
    let c = &summary.check;
    let s = &c.inputs;
    let _ = write!(
        h,
        "<h1>factlint audit</h1>\n<section class=\"totals\">\n{}{}{}{}{}{}{}\n</section>\n",
        tile("documents", s.documents, ""),
        tile("skipped", s.skipped, ""),
        tile("failed", s.failed, if s.failed > 0 { "error" } else { "" }),
        tile("errors", c.errors, "error"),
        tile("warnings", c.warnings, "warning"),
        tile("info", c.infos, "info"),
        tile("cross-source", summary.cross_findings, ""),
    );
    let _ = writeln!(
        h,
        "<p class=\"note\">{} input(s); {} document(s) extracted in this run, {} reused from the index, {} removed from it.</p>",
        s.inputs, summary.extracted, summary.reused, summary.removed
    );

    h.push_str("<h2>Findings by rule</h2>\n");
    if rules.is_empty() {
        h.push_str("<p>No findings.</p>\n");
    } else {
        h.push_str(&rule_chart(&rules));
    }

    h.push_str("<h2>Findings by month of publication</h2>\n");
    if months.is_empty() {
        h.push_str("<p>No documents.</p>\n");
    } else {
        h.push_str(&month_chart(&months));
    }

    h.push_str("<h2>Documents with the most findings</h2>\n");
    if worst.is_empty() {
        h.push_str("<p>No document has a finding.</p>\n");
    } else {
        h.push_str("<table><thead><tr><th>document</th><th>date</th><th class=\"n\">errors</th><th class=\"n\">warnings</th><th class=\"n\">info</th></tr></thead><tbody>\n");
        for d in &worst {
            let title = d
                .title
                .as_deref()
                .map(|t| format!("<br><span class=\"title\">{}</span>", esc(t)))
                .unwrap_or_default();
            let _ = writeln!(
                h,
                "<tr><td>{}{title}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                place(&d.path, 1, 1),
                esc(d.date.as_deref().unwrap_or("")),
                d.errors,
                d.warnings,
                d.infos
            );
        }
        h.push_str("</tbody></table>\n");
    }

    h.push_str("<h2>Cross-source conflicts</h2>\n");
    if cross.is_empty() {
        h.push_str("<p>None.</p>\n");
    }
    for f in &cross {
        let _ = writeln!(
            h,
            "<article class=\"conflict\"><h3><span class=\"sev {}\">{}</span> <code>{}</code> {}</h3>\n<ul>\n<li>{}</li>",
            f.severity.as_str(),
            f.severity.as_str(),
            esc(&f.rule),
            esc(&f.message),
            place(&f.path, f.line, f.column),
        );
        for r in &f.related {
            let _ = writeln!(
                h,
                "<li>{}: {}</li>",
                place(&r.path, r.line, r.column),
                esc(&r.message)
            );
        }
        h.push_str("</ul></article>\n");
    }
    if cross_total > cross.len() {
        let _ = writeln!(
            h,
            "<p class=\"note\">… and {} more (query the index or use <code>--format json</code>).</p>",
            cross_total - cross.len()
        );
    }
    h.push_str("</body>\n</html>\n");
    Ok(h)
}

fn tile(label: &str, n: usize, class: &str) -> String {
    format!("<div class=\"tile {class}\"><b>{n}</b><span>{label}</span></div>")
}

fn colour(s: Severity) -> &'static str {
    match s {
        Severity::Error => "#c0392b",
        Severity::Warning => "#d68910",
        Severity::Info => "#2e86c1",
    }
}

/// Horizontal stacked bars, one per rule (errors, warnings, info).
fn rule_chart(rules: &[RuleRow]) -> String {
    let max = rules.iter().map(RuleRow::total).max().unwrap_or(1).max(1) as f64;
    let (label_w, bar_w, row_h) = (230.0, 560.0, 24.0);
    let height = row_h * rules.len() as f64 + 10.0;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg class=\"chart\" role=\"img\" aria-label=\"findings by rule\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" viewBox=\"0 0 {} {height}\">",
        label_w + bar_w + 80.0,
        label_w + bar_w + 80.0
    );
    for (i, r) in rules.iter().enumerate() {
        let y = 5.0 + row_h * i as f64;
        let _ = writeln!(
            s,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            label_w - 8.0,
            y + 16.0,
            esc(&r.rule)
        );
        let mut x = label_w;
        for (sev, n) in [
            (Severity::Error, r.errors),
            (Severity::Warning, r.warnings),
            (Severity::Info, r.infos),
        ] {
            if n == 0 {
                continue;
            }
            let w = (n as f64 / max * bar_w).max(1.0);
            let _ = writeln!(
                s,
                "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{}\" fill=\"{}\"><title>{}: {n} {}</title></rect>",
                y + 3.0,
                row_h - 8.0,
                colour(sev),
                esc(&r.rule),
                sev.as_str()
            );
            x += w;
        }
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{}\">{}</text>",
            x + 6.0,
            y + 16.0,
            r.total()
        );
    }
    s.push_str("</svg>\n<p class=\"legend\"><span style=\"background:#c0392b\"></span>error <span style=\"background:#d68910\"></span>warning <span style=\"background:#2e86c1\"></span>info</p>\n");
    s
}

/// Vertical bars, one per month (`YYYY-MM`, then `undated`): findings, with the number of
/// documents of the month in the tooltip and under the axis.
fn month_chart(months: &[(String, usize, usize)]) -> String {
    let max = months.iter().map(|m| m.2).max().unwrap_or(1).max(1) as f64;
    let col_w = (900.0 / months.len() as f64).clamp(6.0, 60.0);
    let (plot_h, top, bottom) = (220.0, 20.0, 70.0);
    let width = col_w * months.len() as f64 + 60.0;
    let height = plot_h + top + bottom;
    let label_every = (months.len() as f64 / 30.0).ceil().max(1.0) as usize;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<svg class=\"chart\" role=\"img\" aria-label=\"findings by month of publication\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\">"
    );
    let _ = writeln!(
        s,
        "<line x1=\"40\" y1=\"{0}\" x2=\"{1:.0}\" y2=\"{0}\" stroke=\"#888\"/><text x=\"36\" y=\"{2}\" text-anchor=\"end\">{3}</text><text x=\"36\" y=\"{0}\" text-anchor=\"end\">0</text>",
        top + plot_h,
        width,
        top + 4.0,
        max as usize
    );
    for (i, (month, docs, n)) in months.iter().enumerate() {
        let x = 44.0 + col_w * i as f64;
        let h = *n as f64 / max * plot_h;
        let _ = writeln!(
            s,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"#5d6d7e\"><title>{}: {n} finding(s) in {docs} document(s)</title></rect>",
            top + plot_h - h,
            (col_w - 3.0).max(2.0),
            esc(month)
        );
        if i % label_every == 0 {
            let _ = writeln!(
                s,
                "<text class=\"month\" transform=\"translate({:.1},{:.0}) rotate(60)\">{}</text>",
                x + col_w / 2.0 - 3.0,
                top + plot_h + 10.0,
                esc(month)
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>factlint audit</title>
<style>
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; background: #fff; }
h1 { font-size: 1.6em; margin-bottom: .4em; }
h2 { font-size: 1.2em; margin-top: 1.8em; border-bottom: 1px solid #ddd; padding-bottom: .2em; }
h3 { font-size: 1em; font-weight: normal; margin: 0 0 .3em; }
.totals { display: flex; flex-wrap: wrap; gap: .6em; }
.tile { border: 1px solid #ccc; border-radius: 6px; padding: .5em 1em; min-width: 6em; background: #f7f9fa; }
.tile b { display: block; font-size: 1.6em; }
.tile.error b { color: #c0392b; } .tile.warning b { color: #d68910; } .tile.info b { color: #2e86c1; }
.note { color: #555; }
svg.chart { max-width: 100%; height: auto; font-size: 12px; }
svg.chart text { fill: #333; }
.legend span { display: inline-block; width: 10px; height: 10px; margin: 0 .3em 0 1em; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3em .6em; border-bottom: 1px solid #eee; vertical-align: top; }
td.n, th.n { text-align: right; }
.title { color: #555; font-size: .9em; }
.conflict { border-left: 4px solid #888; padding: .3em .8em; margin: .8em 0; background: #fafafa; }
.conflict ul { margin: .2em 0; }
.sev { font-weight: bold; text-transform: uppercase; font-size: .8em; }
.sev.error { color: #c0392b; } .sev.warning { color: #d68910; } .sev.info { color: #2e86c1; }
a { color: #1f618d; }
</style>
</head>
<body>
"#;
