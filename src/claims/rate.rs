//! Rate claims: a quantity per unit of time or per other unit.

use crate::document::Span;
use crate::numbers::interval::Interval;
use crate::numbers::qualifier::Qualifier;
use crate::numbers::units::Unit;
use crate::time::period::Period;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RateClaim {
    pub span: Span,
    pub text: String,
    pub value: f64,
    pub interval: Interval,
    pub qualifier: Qualifier,
    pub unit: Unit,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noun: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// second, minute, hour, day, week, month, year, or the per-unit noun ("capita").
    pub per: String,
    /// When `per` is a unit of time: its length in seconds (a month 28–31 days, a year 365–366).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub per_seconds: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
}

impl RateClaim {
    pub(crate) fn spans_mut(&mut self) -> Vec<&mut Span> {
        let mut v = vec![&mut self.span];
        if let Some(p) = &mut self.period {
            v.push(&mut p.span);
        }
        v
    }
}

use super::noun::{head_of, noun_phrase};
use super::quantity::{nearest_period, Reading};
use super::{Claim, Ctx};
use crate::text::lexicon::key;
use std::ops::Range;

/// Time units a rate can be per, with their length in seconds as an interval.
pub fn time_unit(word: &str) -> Option<(&'static str, [f64; 2])> {
    const DAY: f64 = 86_400.0;
    let mut buf = [0u8; 8];
    Some(match key(word, &mut buf)? {
        "second" | "sec" | "s" => ("second", [1.0, 1.0]),
        "minute" | "min" => ("minute", [60.0, 60.0]),
        "hour" | "hr" | "h" => ("hour", [3600.0, 3600.0]),
        "day" | "night" | "d" => ("day", [DAY, DAY]),
        "week" | "wk" => ("week", [7.0 * DAY, 7.0 * DAY]),
        "month" | "mo" => ("month", [28.0 * DAY, 31.0 * DAY]),
        "year" | "annum" | "yr" | "y" => ("year", [365.0 * DAY, 366.0 * DAY]),
        "decade" => ("decade", [3652.0 * DAY, 3653.0 * DAY]),
        _ => return None,
    })
}

fn adverb_unit(word: &str) -> Option<&'static str> {
    let mut buf = [0u8; 8];
    Some(match key(word, &mut buf)? {
        "hourly" => "hour",
        "daily" | "nightly" => "day",
        "weekly" => "week",
        "monthly" => "month",
        "annually" | "yearly" => "year",
        _ => return None,
    })
}

/// Whether "second" at token `k` is the ordinal ("a second conference"), not the time unit.
fn ordinal_second(ctx: &Ctx, k: usize) -> bool {
    ctx.is(k, "second")
        && ctx.is_word(k + 1)
        && !matches!(
            ctx.lower(k + 1).as_str(),
            "and"
                | "or"
                | "but"
                | "on"
                | "in"
                | "at"
                | "during"
                | "alone"
                | "last"
                | "this"
                | "over"
                | "since"
                | "until"
                | "for"
                | "from"
                | "according"
                | "so"
                | "that"
        )
}

/// What the rate is per, found at token `k`: (per, per_seconds, end token).
fn per_at(ctx: &Ctx, k: usize) -> Option<(String, Option<[f64; 2]>, usize)> {
    // the words compared with `w` are ASCII and at most 8 bytes: for an ASCII token,
    // ASCII lower-casing in place says what `to_lowercase` would; a longer one matches none
    let t = ctx.tok(k);
    let lowered;
    let mut buf = [0u8; 8];
    let w: &str = if t.is_ascii() {
        key(t, &mut buf).unwrap_or("")
    } else {
        lowered = ctx.lower(k);
        &lowered
    };
    if let Some(u) = adverb_unit(w) {
        return Some((u.to_string(), time_unit(u).map(|t| t.1), k + 1));
    }
    let per_word = matches!(w, "every" | "per" | "each" | "a" | "an");
    if per_word {
        if let Some((u, secs)) = time_unit(ctx.tok(k + 1)).filter(|_| ctx.is_word(k + 1)) {
            if ctx.is(k + 1, "s") || ctx.is(k + 1, "h") || ctx.is(k + 1, "d") || ctx.is(k + 1, "y")
            {
                return None;
            }
            if ordinal_second(ctx, k + 1) {
                return None;
            }
            return Some((u.to_string(), Some(secs), k + 2));
        }
        if w == "per" || (w == "a" && ctx.is(k + 1, "head")) {
            // "per capita", "per person", "per 100,000 people"
            let mut j = k + 1;
            if ctx.is_number(j) {
                j += 1;
            }
            if let Some(n) = noun_phrase(ctx, j) {
                let end = if j > k + 1 {
                    n.end
                } else {
                    (k + 2).max(n.start + 1)
                };
                return Some((ctx.slice(k + 1, end - 1).to_lowercase(), None, end));
            }
            if ctx.is_word(k + 1) {
                return Some((ctx.lower(k + 1), None, k + 2));
            }
        }
    }
    // "/s", "/day", "/yr"
    if ctx.is(k, "/") && ctx.joined(k) && ctx.joined(k + 1) {
        if let Some((u, secs)) = time_unit(ctx.tok(k + 1)) {
            return Some((u.to_string(), Some(secs), k + 2));
        }
    }
    None
}

/// A rate: the reading followed by what it is per ("2,000 attacks every second").
pub fn rate_of(
    ctx: &Ctx,
    r: &Reading,
    periods: &[(Range<usize>, crate::time::period::Period)],
) -> Option<(Claim, usize)> {
    if matches!(r.unit.dimension, crate::numbers::units::Dimension::Speed) || r.fig.percent {
        return None;
    }
    // "300 migrants arrive each day": one verb may stand between the noun and the per-unit
    let after_verb = || {
        (r.noun.is_some() && ctx.is_word(r.end) && !ctx.is_capitalised(r.end))
            .then(|| per_at(ctx, r.end + 1))
            .flatten()
            .filter(|p| p.1.is_some())
    };
    let (per, per_seconds, end) = match per_at(ctx, r.end).or_else(after_verb) {
        Some(p) => p,
        // "GDP per capita was $12,000": the per-unit comes before the figure
        None => {
            let from = r.start.saturating_sub(5);
            let k = (from..r.start).find(|&k| ctx.seq(k, &["per", "capita"]))?;
            ("capita".to_string(), None, r.end.max(k))
        }
    };
    let noun = r
        .noun
        .as_ref()
        .map(|n| ctx.slice(n.start, n.end - 1).to_string());
    Some((
        Claim::Rate(Box::new(RateClaim {
            span: ctx.span(r.start, end - 1),
            text: String::new(),
            value: r.fig.value,
            interval: r.interval(),
            qualifier: r.qualifier,
            unit: r.unit.clone(),
            head: noun.as_deref().map(head_of),
            noun,
            per,
            per_seconds,
            period: nearest_period(ctx, periods, r.start, end),
        })),
        end,
    ))
}
