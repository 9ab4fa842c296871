//! `conversion`: a measure and its conversion in parentheses must agree: "5 miles (8 km)"
//! holds, "5 miles (10 km)" does not (5 miles is 8.05 km).
//!
//! The `from` value is taken as exact; the expected value is `from × from.factor ÷ to.factor`
//! (temperatures convert affinely, °C↔°F; a conversion that only fits as a temperature
//! *difference*, "a rise of 2°C (3.6°F)", also holds; a bare "°" is never checked; "tons"
//! may be metric, short or long tons unless written "tonnes", gallons and pints US or
//! imperial: any reading that fits holds). The
//! written `to` holds when it is within:
//! - half a step of its last written decimal ("8 km" for 8.05), or
//! - `tolerance` relative to the expected value (default 0.02; at least 0.1 when the
//!   conversion is qualified: "(about 8 km)"), or
//! - for a measure other than a temperature, the expected value rounded to two or more
//!   significant figures ("8,849 metres (29,000 feet)": 29,032 to two figures).
//!
//! Rounded to one significant figure only, and still within 5 × `tolerance` ("100 km (60
//! miles)": 62.1), is a warning (`message_outside`); anything else is an error ("10 miles
//! (20 km)": 16.09), with the corrected figure as the suggestion when the written unit can be
//! kept.

use super::fraction::{between, replace_leading_figure};
use super::template::fixed;
use super::{template, Check, RawRule, RuleCx};
use crate::claims::conversion::Measure;
use crate::claims::Claim;
use crate::findings::{Finding, Severity};
use crate::numbers::qualifier::DEFAULT_TOLERANCE as QUALIFIED_TOLERANCE;
use crate::numbers::units::Dimension;

pub const PARAMS: &[&str] = &["tolerance", "message_outside"];
/// `{from}` and `{to}` as written, `{expected}` the conversion of `from` in `to`'s unit.
pub const FIELDS: &[&str] = &["from", "to", "expected"];

const DEFAULT_TOLERANCE: f64 = 0.02;
const DEFAULT_OUTSIDE: &str =
    "{to} is {from} rounded to a single significant figure; more exactly it is {expected}";

pub fn build(raw: &RawRule) -> Result<Box<dyn Check>, String> {
    let tolerance = raw.tolerance.unwrap_or(DEFAULT_TOLERANCE);
    if !(0.0..0.5).contains(&tolerance) {
        return Err(format!(
            "`tolerance` is relative to the expected value and must be at least 0 and below 0.5 \
             (got {tolerance})"
        ));
    }
    Ok(Box::new(Conversion { tolerance }))
}

struct Conversion {
    tolerance: f64,
}

/// `x` rounded to `k` significant figures.
fn round_sf(x: f64, k: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let p = 10f64.powi(x.abs().log10().floor() as i32 - k + 1);
    (x / p).round() * p
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// The factors a written unit may stand for: "tons" are metric, short (US) or long (UK) tons
/// unless written "tonnes"; gallons and pints are US or imperial.
fn factors(m: &Measure, text: &str) -> Vec<f64> {
    let t = text.to_ascii_lowercase();
    match m.unit.symbol.as_deref() {
        Some("t") if !t.contains("tonne") && !t.contains("metric") => {
            vec![m.unit.factor, 907.184_74, 1_016.046_908_8]
        }
        Some("gal") => vec![m.unit.factor, 4.546_09],
        Some("pt") => vec![m.unit.factor, 0.568_261_25],
        _ => vec![m.unit.factor],
    }
}

/// The values `from` may convert to in `to`'s unit (for temperatures: the reading as a
/// temperature and as a difference; for ambiguous units, each reading), or `None` when the
/// pair is not checked.
fn expected(from: &Measure, from_text: &str, to: &Measure, to_text: &str) -> Option<Vec<f64>> {
    if from.unit.dimension != to.unit.dimension {
        return None;
    }
    if from.unit.dimension == Dimension::Temperature {
        let (f, t) = (from.unit.symbol.as_deref()?, to.unit.symbol.as_deref()?);
        let v = from.value;
        return match (f, t) {
            ("°C", "°F") => Some(vec![v * 9.0 / 5.0 + 32.0, v * 9.0 / 5.0]),
            ("°F", "°C") => Some(vec![(v - 32.0) * 5.0 / 9.0, v * 5.0 / 9.0]),
            _ => None,
        };
    }
    let mut out = Vec::new();
    for ff in factors(from, from_text) {
        for tf in factors(to, to_text) {
            if ff > 0.0 && tf > 0.0 {
                out.push(from.value * ff / tf);
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// How well the written `to` matches the expected `e`.
fn verdict(to: &Measure, e: f64, tolerance: f64) -> Option<Severity> {
    let d = (to.value - e).abs();
    let half_step = 0.5 * 10f64.powi(-(to.decimals as i32));
    if d <= half_step * (1.0 + 1e-9) || d <= tolerance * e.abs() {
        return None;
    }
    if to.unit.dimension == Dimension::Temperature {
        return Some(Severity::Error);
    }
    if (2..=15).any(|k| same(round_sf(e, k), to.value)) {
        return None;
    }
    // a one-figure rounding is a warning while it stays near (5 × tolerance): "100 km (60
    // miles)"; "90 mph (100 km/h)" is a one-figure rounding of 145 but misleads
    if same(round_sf(e, 1), to.value) && d <= 5.0 * tolerance.max(0.01) * e.abs() {
        return Some(Severity::Warning);
    }
    Some(Severity::Error)
}

/// The expected value as the text would write it: `to`'s decimals, or four significant
/// figures when those decimals would hide it.
fn written(e: f64, to: &Measure) -> String {
    let d = to.decimals;
    let rounded = (e * 10f64.powi(d as i32)).round() / 10f64.powi(d as i32);
    if rounded == 0.0 || e.abs() < 1.0 && d == 0 {
        template::number(e)
    } else {
        fixed(rounded, d)
    }
}

fn with_unit(n: &str, to: &Measure) -> String {
    match to.unit.symbol.as_deref() {
        Some(s) if s.starts_with('°') => format!("{n}{s}"),
        Some(s) => format!("{n} {s}"),
        None => n.to_string(),
    }
}

impl Check for Conversion {
    fn check(&self, cx: &RuleCx, out: &mut Vec<Finding>) {
        for (k, c) in cx.ex.claims.iter().enumerate() {
            let Claim::Conversion(conv) = c else { continue };
            let (from, to) = (&conv.from, &conv.to);
            let from_text = cx.doc.original_slice(from.span);
            let to_text = cx.doc.original_slice(to.span);
            let Some(candidates) = expected(from, from_text, to, to_text) else {
                continue;
            };
            // "(about 8 km)": a qualified conversion allows what "about" allows
            let s = cx.ex.claim_sentence[k];
            let qualified = between(cx, s, from.span.end, to.span.start)
                .iter()
                .any(|t| !matches!(*t, "(" | "=" | "or" | "["));
            let tolerance = if qualified {
                self.tolerance.max(QUALIFIED_TOLERANCE)
            } else {
                self.tolerance
            };
            let verdicts: Vec<Option<Severity>> = candidates
                .iter()
                .map(|&e| verdict(to, e, tolerance))
                .collect();
            if verdicts.iter().any(Option::is_none) {
                continue;
            }
            let severity = verdicts
                .iter()
                .flatten()
                .min()
                .copied()
                .unwrap_or(Severity::Error);
            // show the nearest reading
            let e = candidates
                .iter()
                .copied()
                .min_by(|a, b| {
                    (a - to.value)
                        .abs()
                        .partial_cmp(&(b - to.value).abs())
                        .unwrap_or(std::cmp::Ordering::Equal)
                })
                .unwrap_or(candidates[0]);
            let number = written(e, to);
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
                    ("from", from_text.to_string()),
                    ("to", to_text.to_string()),
                    ("expected", with_unit(&number, to)),
                ],
                to.span,
            );
            f.related
                .push(cx.related(from.span, format!("converted from {from_text}")));
            if severity == Severity::Error && !qualified {
                let number = if to_text.contains(',') {
                    number
                } else {
                    number.replace(',', "")
                };
                f.suggestion = replace_leading_figure(to_text, to.value, &number);
            }
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn significant_figures() {
        assert_eq!(round_sf(29032.2, 2), 29000.0);
        assert_eq!(round_sf(8.04672, 1), 8.0);
        assert_eq!(round_sf(16.09, 1), 20.0);
        assert_eq!(round_sf(-17.8, 2), -18.0);
    }
}
