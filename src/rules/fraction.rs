//! `fraction`: a fraction and the percentage restated beside it must agree: "one in three
//! (33%)" holds, "one in three (30%)" does not. The pair is two claims of one sentence with
//! nothing but "(", ",", "or" or a dash between them (compared by offsets over the sentence's
//! tokens; nothing is re-parsed): a fraction-form share ("one in three", "a quarter of
//! voters", "30 of the 75 members") or a fraction in words read as a bare amount below one
//! ("two-thirds (67 per cent) of voters"; never a decimal: "down 0.69, or 0.1 percent"), and
//! a percentage ("33%", "67 per cent"), in either order.
//!
//! The percentage may be off by half a step of its written precision ("33%" for a third) or
//! by `tolerance` points, whichever is larger. Off by up to one more half step (a truncation:
//! "two-thirds (66%)") is a warning (`message_outside`); further is an error. An approximate
//! fraction ("more than half", "nearly a third") asserts an interval and the percentage only
//! has to fall in it.

use super::template::fixed;
use super::{ladder, template, Check, RawRule, RuleCx};
use crate::claims::Claim;
use crate::document::Span;
use crate::findings::{Finding, Severity};
use crate::numbers::interval::Interval;
use crate::numbers::qualifier::Qualifier;
use crate::numbers::units::Dimension;

pub const PARAMS: &[&str] = &["tolerance", "message_outside"];
/// `{fraction}` and `{percent}` as written, `{actual}` the fraction as a percentage.
pub const FIELDS: &[&str] = &["fraction", "percent", "actual"];

/// Default allowance, in percentage points, beyond the percentage's own rounding.
const DEFAULT_TOLERANCE: f64 = 0.5;
const DEFAULT_OUTSIDE: &str =
    "{percent} is not {fraction} rounded to the nearest step: {fraction} is {actual}";

pub fn build(raw: &RawRule) -> Result<Box<dyn Check>, String> {
    let tolerance = raw.tolerance.unwrap_or(DEFAULT_TOLERANCE);
    if !(0.0..=5.0).contains(&tolerance) {
        return Err(format!(
            "`tolerance` is in percentage points and must be between 0 and 5 (got {tolerance})"
        ));
    }
    Ok(Box::new(Fraction { tolerance }))
}

struct Fraction {
    tolerance: f64,
}

/// The claims of each sentence, as index ranges into `ex.claims` (claims are ordered by
/// span, so a sentence's claims are consecutive).
pub(super) fn sentence_runs(cx: &RuleCx) -> Vec<(usize, std::ops::Range<usize>)> {
    let cs = &cx.ex.claim_sentence;
    let mut runs = Vec::new();
    let mut a = 0;
    while a < cs.len() {
        let mut b = a + 1;
        while b < cs.len() && cs[b] == cs[a] {
            b += 1;
        }
        runs.push((cs[a], a..b));
        a = b;
    }
    runs
}

/// The texts of sentence `s`'s tokens lying between byte offsets `a` and `b` (original
/// offsets), in order.
pub(super) fn between<'a>(cx: &'a RuleCx, s: usize, a: usize, b: usize) -> Vec<&'a str> {
    let toks = &cx.ex.sentences[s].tokens;
    let first = toks.partition_point(|t| t.span.start < a);
    toks[first..]
        .iter()
        .take_while(|t| t.span.end <= b)
        .map(|t| cx.doc.original_slice(t.span))
        .collect()
}

/// The decimals a value was evidently written with (33 → 0, 12.5 → 1), or `None` for a
/// value no short decimal writes (a third: 33.333…).
pub(super) fn decimals_of(v: f64) -> Option<u32> {
    (0..=3).find(|&d| {
        let m = v * 10f64.powi(d as i32);
        (m - m.round()).abs() < 1e-6 * m.abs().max(1.0)
    })
}

/// Half a step of the last written digit of `v` (33 → 0.5, 12.5 → 0.05); 0 when no short
/// decimal writes it.
pub(super) fn half_step(v: f64) -> f64 {
    decimals_of(v).map_or(0.0, |d| 0.5 * 10f64.powi(-(d as i32)))
}

/// Whether a claim's text writes a percentage ("45%", "45 per cent", "45 percent").
pub(super) fn percent_text(text: &str) -> bool {
    let has = |w: &str| {
        text.as_bytes()
            .windows(w.len())
            .any(|b| b.eq_ignore_ascii_case(w.as_bytes()))
    };
    text.contains('%') || has("per cent") || has("percent") || has(" pct")
}

/// One side of a pair.
struct Side<'a> {
    span: Span,
    text: &'a str,
    interval: Interval,
    value: f64,
    exact: bool,
}

/// A fraction: a share not written as a percentage, or a bare fraction below one.
fn as_fraction(c: &Claim) -> Option<Side<'_>> {
    match c {
        Claim::Share(s) if !percent_text(&s.text) => Some(Side {
            span: s.span,
            text: &s.text,
            interval: s.interval,
            value: s.percent,
            exact: s.qualifier == Qualifier::Exact,
        }),
        Claim::Quantity(q)
            if q.unit.dimension == Dimension::Count
                && q.noun.is_none()
                && q.range.is_none()
                && q.value > 0.0
                && q.value < 1.0
                // "two-thirds", not "down 0.69, or 0.1 percent" (index points)
                && !q.text.chars().any(|ch| ch.is_ascii_digit()) =>
        {
            let scale = |v: Option<f64>| v.map(|x| x * 100.0);
            Some(Side {
                span: q.span,
                text: &q.text,
                interval: Interval {
                    lower: scale(q.interval.lower),
                    upper: scale(q.interval.upper),
                    ..q.interval
                },
                value: q.value * 100.0,
                exact: q.qualifier == Qualifier::Exact,
            })
        }
        _ => None,
    }
}

/// A percentage: a percent quantity (not points, not a range) or a share written as one.
fn as_percent(c: &Claim) -> Option<Side<'_>> {
    match c {
        Claim::Quantity(q)
            if q.unit.dimension == Dimension::Percent
                && q.unit.symbol.as_deref() == Some("%")
                && q.range.is_none() =>
        {
            Some(Side {
                span: q.span,
                text: &q.text,
                interval: q.interval,
                value: q.value,
                exact: q.qualifier == Qualifier::Exact,
            })
        }
        Claim::Share(s) if s.part.is_none() && percent_text(&s.text) => Some(Side {
            span: s.span,
            text: &s.text,
            interval: s.interval,
            value: s.percent,
            exact: s.qualifier == Qualifier::Exact,
        }),
        _ => None,
    }
}

/// Only "(", ",", "or", a dash or a colon between two claims: the second restates the first.
pub(super) fn restates(gap: &[&str]) -> bool {
    !gap.is_empty()
        && gap.iter().all(|t| {
            matches!(
                t.to_ascii_lowercase().as_str(),
                "(" | "[" | "," | "or" | "\u{2014}" | "\u{2013}" | "-" | ":"
            )
        })
}

/// The distance between two intervals (0 when they overlap).
fn distance(a: &Interval, b: &Interval) -> f64 {
    let gap = |hi: Option<f64>, lo: Option<f64>| match (hi, lo) {
        (Some(h), Some(l)) if l > h => l - h,
        _ => 0.0,
    };
    gap(a.upper, b.lower).max(gap(b.upper, a.lower))
}

/// `text` with its leading figure (which must read as `old`) replaced by `new`.
pub(super) fn replace_leading_figure(text: &str, old: f64, new: &str) -> Option<String> {
    let end = text
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.' || *c == ','))
        .map_or(text.len(), |(i, _)| i);
    let written = text[..end].trim_end_matches(['.', ',']);
    let value: f64 = written.replace(',', "").parse().ok()?;
    if (value - old).abs() > 1e-9 * old.abs().max(1.0) {
        return None;
    }
    Some(format!("{new}{}", &text[written.len()..]))
}

impl Check for Fraction {
    fn check(&self, cx: &RuleCx, out: &mut Vec<Finding>) {
        let claims = &cx.ex.claims;
        for (s, run) in sentence_runs(cx) {
            for k in run.start..run.end.saturating_sub(1) {
                let (a, b) = (&claims[k], &claims[k + 1]);
                if a.span().end > b.span().start {
                    continue;
                }
                let (frac, pct) = match (as_fraction(a), as_percent(b)) {
                    (Some(f), Some(p)) => (f, p),
                    _ => match (as_percent(a), as_fraction(b)) {
                        (Some(p), Some(f)) => (f, p),
                        _ => continue,
                    },
                };
                if !restates(&between(cx, s, a.span().end, b.span().start)) {
                    continue;
                }
                self.judge(cx, &frac, &pct, out);
            }
        }
    }
}

impl Fraction {
    fn judge(&self, cx: &RuleCx, frac: &Side, pct: &Side, out: &mut Vec<Finding>) {
        let half = half_step(pct.value);
        let allowance = half.max(self.tolerance);
        let off = distance(&frac.interval, &pct.interval);
        let severity = if off <= allowance + 1e-9 {
            return;
        } else if off <= allowance + half.max(0.05) + 1e-9 {
            Severity::Warning
        } else {
            Severity::Error
        };
        let decimals = decimals_of(pct.value).unwrap_or(1);
        let actual = match (frac.exact, decimals_of(frac.value)) {
            (true, Some(d)) => format!("{}%", fixed(frac.value, d)),
            (true, None) => format!("{}%", template::number(frac.value)),
            (false, _) => format!("{}%", ladder::describe(&frac.interval)),
        };
        let verdict = if severity == Severity::Error {
            super::ladder::Verdict::Contradicts
        } else {
            super::ladder::Verdict::Outside
        };
        let template = cx.template(verdict, DEFAULT_OUTSIDE, DEFAULT_OUTSIDE);
        let mut f = cx.finding(
            severity,
            template,
            &[
                ("fraction", frac.text.to_string()),
                ("percent", pct.text.to_string()),
                ("actual", actual),
            ],
            pct.span,
        );
        f.related
            .push(cx.related(frac.span, format!("the fraction: {}", frac.text)));
        // one safe replacement: an exact fraction, an exact percentage, and a rounding with
        // no tie ("one in eight" is 12.5%: 12% or 13%)
        if frac.exact && pct.exact {
            let scaled = frac.value * 10f64.powi(decimals as i32);
            if (scaled.fract().abs() - 0.5).abs() > 1e-6 {
                let new = fixed(scaled.round() / 10f64.powi(decimals as i32), decimals);
                f.suggestion = replace_leading_figure(pct.text, pct.value, &new);
            }
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(decimals_of(33.0), Some(0));
        assert_eq!(decimals_of(12.5), Some(1));
        assert_eq!(decimals_of(100.0 / 3.0), None);
        assert_eq!(half_step(33.0), 0.5);
        assert!((half_step(12.5) - 0.05).abs() < 1e-12);
        assert_eq!(fixed(29032.4, 0), "29,032");
        assert_eq!(fixed(-4.5, 1), "-4.5");
        assert_eq!(
            replace_leading_figure("30%", 30.0, "33").as_deref(),
            Some("33%")
        );
        assert_eq!(
            replace_leading_figure("1,000 feet", 1000.0, "1,200").as_deref(),
            Some("1,200 feet")
        );
        assert_eq!(replace_leading_figure("about 30%", 30.0, "33"), None);
        assert!(restates(&["("]) && restates(&[",", "or"]) && !restates(&["and"]));
        assert!(percent_text("67 per cent") && !percent_text("two-thirds of voters"));
    }
}
