//! `figure_conflicts`: the same statistic — same source, same counted or measured thing,
//! same unit, same period — given by different documents with values whose intervals do not
//! overlap (a port's 2021 cargo as 61 million tonnes in one article and 16 million tonnes in
//! another, both citing the port authority).
//!
//! A figure takes part when its sentence names a source (a source claim, else the
//! organisation or person an attribution quotes), its noun has a head ("cargo") and its
//! period resolves to days ("in 2021"). Values are compared in the unit's base unit as the
//! intervals they assert (written precision and qualifier), each widened by `tolerance`
//! (relative, default 0.05) so that rounding by different outlets is not a conflict.
//!
//! Within one statistic, the reference is the figure agreeing with the most others (the
//! earliest document on a tie); each document with a figure that disagrees with it is one
//! finding, the reference and the figures agreeing with it related.

use super::record::{Bounds, DocRecord};
use super::{CrossCx, CrossFinding, Mention, Row, Rows, Strings};
use crate::numbers::interval::Interval;
use crate::rules::RawRule;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const PARAMS: &[&str] = &["tolerance"];
/// `{figure}` the figure as written here, `{other}` the reference figure as written,
/// `{thing}` what is counted, `{period}` the period as written here, `{source}` the source.
pub const FIELDS: &[&str] = &["figure", "other", "thing", "period", "source"];

#[derive(Debug, Clone)]
pub struct Params {
    pub tolerance: f64,
}

pub fn build(raw: &RawRule) -> Result<Params, String> {
    let tolerance = raw.tolerance.unwrap_or(0.05);
    if !(0.0..1.0).contains(&tolerance) {
        return Err(format!(
            "tolerance must be at least 0 and below 1, not {tolerance}"
        ));
    }
    Ok(Params { tolerance })
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// Source, unit, thing and period, interned together.
    statistic: u32,
    value: Value,
    text: u32,
    thing: u32,
    period: u32,
    source: u32,
    at: Mention,
}

/// Every sourced figure with a resolved period, in every document (each document's entries
/// together, in the order of its record).
pub(crate) type Table = Rows<Entry>;

impl Table {
    pub(crate) fn add(&mut self, doc: u32, rec: &DocRecord, strings: &mut Strings) {
        for f in &rec.figures {
            let Some(period) = &f.period else { continue };
            if f.source.key.is_empty() || f.thing.is_empty() {
                continue;
            }
            let statistic = format!(
                "{}\u{1}{}\u{1}{}\u{1}{}..{}",
                f.source.key, f.unit, f.thing, period.start, period.end
            );
            self.push(Entry {
                statistic: strings.intern(&statistic),
                value: Value::of(&f.value),
                text: strings.intern(&f.text),
                thing: strings.intern(&f.thing),
                period: strings.intern(&period.text),
                source: strings.intern(&f.source.name),
                at: Mention {
                    doc,
                    at: (&f.at).into(),
                },
            });
        }
    }

    pub(crate) fn check(&self, p: &Params, cx: &CrossCx, out: &mut Vec<CrossFinding>) {
        let mut groups: HashMap<u32, Vec<&Entry>> = HashMap::new();
        for e in self.iter() {
            groups.entry(e.statistic).or_default().push(e);
        }
        let strings = cx.strings();
        let mut keys: Vec<u32> = groups.keys().copied().collect();
        keys.sort_unstable();
        for key in keys {
            let mut entries = groups.remove(&key).unwrap_or_default();
            if entries.iter().all(|e| e.at.doc == entries[0].at.doc) {
                continue;
            }
            // earliest document first, so that it is the reference on a tie
            entries.sort_by(|a, b| cx.order(a.at).cmp(&cx.order(b.at)));
            let widened: Vec<Interval> = entries
                .iter()
                .map(|e| widen(e.value.interval(), p.tolerance))
                .collect();
            let agree = |i: usize, j: usize| widened[i].overlaps(&widened[j]);
            // the reference: agreeing with the most figures of other documents (for a
            // statistic given very often, the figure with the median midpoint)
            let reference = if entries.len() > MAX_PAIRWISE {
                let mut order: Vec<usize> = (0..entries.len()).collect();
                order.sort_by(|&i, &j| midpoint(&widened[i]).total_cmp(&midpoint(&widened[j])));
                order[order.len() / 2]
            } else {
                (0..entries.len())
                    .max_by_key(|&i| {
                        let n = (0..entries.len())
                            .filter(|&j| entries[j].at.doc != entries[i].at.doc && agree(i, j))
                            .count();
                        (n, std::cmp::Reverse(i))
                    })
                    .unwrap_or(0)
            };
            let r = entries[reference];
            let mut reported = Vec::new();
            for (i, e) in entries.iter().enumerate() {
                if e.at.doc == r.at.doc || agree(i, reference) || reported.contains(&e.at.doc) {
                    continue;
                }
                reported.push(e.at.doc);
                let fields = [
                    ("figure", strings.get(e.text).to_string()),
                    ("other", strings.get(r.text).to_string()),
                    ("thing", strings.get(e.thing).to_string()),
                    ("period", strings.get(e.period).to_string()),
                    ("source", strings.get(e.source).to_string()),
                ];
                let mut f = cx.finding(&fields, e.at);
                let agreeing = (0..entries.len())
                    .filter(|&j| j == reference || (agree(j, reference) && !agree(j, i)))
                    .take(RELATED);
                for j in agreeing {
                    let o = entries[j];
                    f.finding.related.push(cx.related(
                        o.at,
                        format!(
                            "{} {}, according to {}",
                            strings.get(o.text),
                            strings.get(o.period),
                            strings.get(o.source)
                        ),
                    ));
                }
                out.push(f);
            }
        }
    }
}

/// Related places per finding: the reference and a few figures agreeing with it.
const RELATED: usize = 5;

/// An interval, compactly: infinite bounds for unbounded ends.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Value {
    lower: f64,
    upper: f64,
    /// Bit 0: lower bound included; bit 1: upper bound included.
    inclusive: u8,
}

impl Value {
    fn of(b: &Bounds) -> Value {
        Value {
            lower: b.lower.unwrap_or(f64::NEG_INFINITY),
            upper: b.upper.unwrap_or(f64::INFINITY),
            inclusive: u8::from(b.lower_inclusive) | (u8::from(b.upper_inclusive) << 1),
        }
    }

    fn interval(&self) -> Interval {
        Interval {
            lower: self.lower.is_finite().then_some(self.lower),
            upper: self.upper.is_finite().then_some(self.upper),
            lower_inclusive: self.inclusive & 1 != 0,
            upper_inclusive: self.inclusive & 2 != 0,
        }
    }
}

/// Statistics given more often than this choose their reference by median, not pairwise.
const MAX_PAIRWISE: usize = 500;

/// The middle of an interval (its bounded end when it has one).
fn midpoint(i: &Interval) -> f64 {
    match (i.lower, i.upper) {
        (Some(l), Some(h)) => (l + h) / 2.0,
        (Some(v), None) | (None, Some(v)) => v,
        (None, None) => 0.0,
    }
}

/// `i` widened on each bounded side by `tolerance` times that bound's magnitude.
fn widen(i: Interval, tolerance: f64) -> Interval {
    Interval {
        lower: i.lower.map(|v| v - v.abs() * tolerance),
        upper: i.upper.map(|v| v + v.abs() * tolerance),
        ..i
    }
}

impl Row for Entry {
    fn doc(&self) -> u32 {
        self.at.doc
    }
    fn renumbered(&self, doc: u32, string: &mut impl FnMut(u32) -> u32) -> Entry {
        let e = self;
        Entry {
            statistic: string(e.statistic),
            value: e.value,
            text: string(e.text),
            thing: string(e.thing),
            period: string(e.period),
            source: string(e.source),
            at: Mention { doc, at: e.at.at },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widening_bridges_rounding_only() {
        let a = Interval::half_open(60.5e6, 61.5e6);
        let b = Interval::half_open(59.5e6, 60.5e6);
        assert!(!a.overlaps(&b));
        assert!(widen(a, 0.05).overlaps(&widen(b, 0.05)));
        let c = Interval::half_open(15.5e6, 16.5e6);
        assert!(!widen(a, 0.05).overlaps(&widen(c, 0.05)));
    }
}
