//! Quantity claims: a figure with its qualifier, unit or counted noun, and period; and the
//! driver that reads every figure of a sentence once and hands it to the kind it belongs to
//! (rate, change, share, conversion, or plain quantity).

use super::names::{Sent, FIGURE_START, NUM};
use super::noun::{head_of, noun_phrase};
use super::{change, conversion, rate, share, Claim, Ctx};
use crate::document::Span;
use crate::numbers::figure::{self, Figure};
use crate::numbers::interval::{asserted, Interval};
use crate::numbers::qualifier::{qualifier_before, Qualifier, DEFAULT_TOLERANCE};
use crate::numbers::traps::is_trap;
use crate::numbers::units::{unit_at, Dimension, Unit};
use crate::time::period::Period;
use serde::Serialize;
use std::ops::Range;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuantityClaim {
    pub span: Span,
    pub text: String,
    /// The value fully scaled ("85.5 billion" → 85500000000). For a range, its lower end.
    pub value: f64,
    /// The interval the text asserts, from the qualifier and the written precision.
    pub interval: Interval,
    pub qualifier: Qualifier,
    pub unit: Unit,
    /// The counted noun phrase ("cyber attacks"), when the unit is a count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noun: Option<String>,
    /// The head of `noun`, singular and lower-case ("attack"), for matching.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// For a range ("between 10 and 20"): its two ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub range: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
}

impl QuantityClaim {
    pub(crate) fn spans_mut(&mut self) -> Vec<&mut Span> {
        let mut v = vec![&mut self.span];
        if let Some(p) = &mut self.period {
            v.push(&mut p.span);
        }
        v
    }
}

/// A figure read in context: qualifier, unit, noun, range: what every numeric kind shares.
#[derive(Debug, Clone)]
pub struct Reading {
    pub fig: Figure,
    /// First token of the reading (the qualifier, "between", or the figure).
    pub start: usize,
    /// One past the last token (after the unit or noun).
    pub end: usize,
    pub qualifier: Qualifier,
    pub unit: Unit,
    pub noun: Option<Range<usize>>,
    /// A range's ends, low to high.
    pub range: Option<(f64, f64)>,
    /// A range's ends in the order written ("from 1,500 to 1,200" → (1500, 1200)).
    pub range_written: Option<(f64, f64)>,
}

impl Reading {
    pub fn interval(&self) -> Interval {
        match self.range {
            Some((lo, hi)) => Interval::closed(lo - self.fig.precision, hi + self.fig.precision),
            None => asserted(
                self.fig.value,
                self.fig.precision,
                self.qualifier,
                DEFAULT_TOLERANCE,
            ),
        }
    }
}

/// Token ranges a figure must not be read in: dates, times, periods and years.
fn in_any(ranges: &[Range<usize>], i: usize) -> bool {
    ranges.iter().any(|r| r.contains(&i))
}

/// "a litre", "an hour", "half a day", "half-litre", "quarter-litre": a unit with an
/// implied figure. Durations only with "half", or when a compound follows ("an hour and 45
/// minutes"): "a week" alone is a period, not an amount.
fn implied_figure(ctx: &Ctx, i: usize) -> Option<(Figure, Unit, usize)> {
    let (value, k) = if ctx.seq(i, &["half", "a"]) || ctx.seq(i, &["half", "an"]) {
        (0.5, i + 2)
    } else if ctx.is(i, "half") || ctx.is(i, "quarter") {
        let v = if ctx.is(i, "half") { 0.5 } else { 0.25 };
        if ctx.is(i + 1, "-") && ctx.joined(i + 1) {
            (v, i + 2)
        } else {
            (v, i + 1)
        }
    } else if ctx.is(i, "a") || ctx.is(i, "an") {
        (1.0, i + 1)
    } else {
        return None;
    };
    let (unit, used) = unit_at(ctx, k)?;
    let mut end = k + used;
    if unit.dimension == Dimension::Temperature {
        return None;
    }
    if unit.dimension == Dimension::Duration && value == 1.0 {
        let compound = figure::and_fraction(ctx, end).is_some()
            || (ctx.is(end, "and")
                && figure::parse_at(ctx, end + 1).is_some_and(|f| {
                    unit_at(ctx, f.end).is_some_and(|(u, _)| u.dimension == Dimension::Duration)
                }));
        if !compound {
            return None;
        }
    }
    if unit.dimension == Dimension::Duration && ctx.is(i, "quarter") {
        return None;
    }
    let fig = Figure::implied(i, end, value, None);
    end = fig.end;
    Some((fig, unit, end))
}

/// Adds compound parts of the same dimension: "2 years and 3 months", "7 feet 10 inches",
/// "an hour and a half", "1 hour, 2 minutes and 4 seconds". Returns the new end.
fn compound(ctx: &Ctx, fig: &mut Figure, unit: &Unit, mut end: usize) -> usize {
    if !matches!(
        unit.dimension,
        Dimension::Duration | Dimension::Length | Dimension::Mass
    ) {
        return end;
    }
    if let Some((f, e)) = figure::and_fraction(ctx, end) {
        fig.value += f;
        return e;
    }
    let mut last_factor = unit.factor;
    loop {
        let mut k = end;
        if ctx.is(k, ",") {
            k += 1;
        }
        if ctx.is(k, "and") {
            k += 1;
        }
        let Some(next) =
            figure::parse_at(ctx, k).filter(|f| !f.percent && f.currency.is_none() && !f.scaled)
        else {
            return end;
        };
        let Some((u2, used)) = unit_at(ctx, next.end) else {
            return end;
        };
        if u2.dimension != unit.dimension || u2.factor >= last_factor {
            return end;
        }
        fig.value += next.value * u2.factor / unit.factor;
        fig.decimals = fig.decimals.max(3);
        last_factor = u2.factor;
        end = next.end + used;
    }
}

/// Reads the figure at token `i` with its context, or `None` when it is not an amount.
fn read(ctx: &Ctx, i: usize, skip: &[Range<usize>]) -> Option<Reading> {
    // "a", "an": an amount only as a figure ("a million", "a dollar") or with a unit after
    // it ("a litre"), the one way `implied_figure` reads them; most are neither
    if (ctx.is(i, "a") || ctx.is(i, "an"))
        && !figure::article_may_start(ctx, i)
        && unit_at(ctx, i + 1).is_none()
    {
        return None;
    }
    if is_trap(ctx, i) {
        return None;
    }
    let (qualifier, mut start) = match qualifier_before(ctx, i) {
        Some((q, s)) => (q, s),
        None => (Qualifier::Exact, i),
    };
    let mut unit = Unit::count();
    let mut noun = None;
    let mut range = None;
    let mut range_written = None;
    let (mut fig, mut end, mut has_unit) = match figure::parse_at(ctx, i) {
        Some(f) => {
            let e = f.end;
            (f, e, false)
        }
        None => {
            let (f, u, e) = implied_figure(ctx, i)?;
            // "an hour" alone is a period; "an hour and 45 minutes" an amount
            if in_any(skip, i) && !skip.iter().any(|r| r.contains(&i) && e > r.end) {
                return None;
            }
            unit = u;
            (f, e, true)
        }
    };
    // "zero-sum", "two-way", "one-off": a number word glued by a hyphen to a word that is no
    // unit makes a compound adjective, not an amount
    if !has_unit
        && fig.in_words
        && ctx.is(end, "-")
        && ctx.joined(end)
        && ctx.joined(end + 1)
        && ctx.is_word(end + 1)
        && unit_at(ctx, end + 1).is_none()
        && !fig.percent
        && fig.currency.is_none()
    {
        return None;
    }
    // a unit right after the figure ("3km", "30 degrees"), after a hyphen ("a two-year
    // period", "a 27-kilometre ring") or after "more", "extra" ("2 more minutes")
    if !has_unit && !fig.percent && !fig.points && fig.currency.is_none() {
        let hyphen = ctx.is(end, "-") && ctx.joined(end) && ctx.joined(end + 1);
        // ASCII case folding says what `to_lowercase` would for words without a "k"
        let more = ["more", "extra", "additional", "fewer", "less", "further"]
            .iter()
            .any(|w| ctx.is(end, w));
        let skip_words = usize::from(hyphen || more);
        let found = unit_at(ctx, end).map(|u| (u, 0)).or_else(|| {
            (skip_words > 0)
                .then(|| unit_at(ctx, end + skip_words))
                .flatten()
                .filter(|(u, _)| u.dimension != Dimension::Temperature)
                .map(|u| (u, skip_words))
        });
        if let Some(((u, used), skipped)) = found {
            unit = u;
            end += used + skipped;
            has_unit = true;
        }
    }
    // ranges: "between 10 and 20", "10-20", "10 to 20", "from 3km to 5km", "2 - ~7 litres"
    let range_link = ctx.is(end, "-")
        || ctx.is(end, "\u{2013}")
        || ctx.is(end, "to")
        || (ctx.is(end, "and") && i >= 1 && ctx.is(i - 1, "between"));
    if range_link && !in_any(skip, end + 1) {
        let mut k = end + 1;
        while ctx.is(k, "~")
            || ctx.is(k, "about")
            || ctx.is(k, "around")
            || ctx.is(k, "approximately")
        {
            k += 1;
        }
        if let Some(hi) = figure::parse_at(ctx, k).filter(|f| !in_any(skip, f.start)) {
            let mut hi_end = hi.end;
            let hi_unit = if hi.percent || hi.points || hi.currency.is_some() {
                None
            } else {
                unit_at(ctx, hi.end).map(|(u, used)| {
                    hi_end += used;
                    u
                })
            };
            let units_agree = match (&hi_unit, has_unit) {
                (Some(u2), true) => u2.dimension == unit.dimension && u2.symbol == unit.symbol,
                (Some(_), false) => true,
                (None, true) => false,
                (None, false) => true,
            };
            let mut lo_v = fig.value;
            // "between 2 and 3 million": the scale of the upper end applies to both
            if hi.scaled && !fig.scaled && !fig.in_words {
                lo_v *= hi.scale;
            }
            let kinds_agree = hi.points == fig.points
                && (hi.percent == fig.percent
                    || (hi.percent && !fig.scaled && fig.currency.is_none()))
                && (fig.currency.is_none() || hi.currency.is_none() || fig.currency == hi.currency);
            // "from -18 °C to -34 °C": a range of negatives may run downwards, and so may
            // a change: "fell from 1,500 to 1,200"
            let from_change = i >= 1
                && ctx.is(i - 1, "from")
                && i >= 2
                && crate::claims::change::is_cue(ctx.tok(i - 2));
            let ordered = hi.value >= lo_v || (lo_v < 0.0 && hi.value < 0.0) || from_change;
            let written = (lo_v, hi.value);
            let (lo_v, hi_v) = (lo_v.min(hi.value), lo_v.max(hi.value));
            if units_agree && kinds_agree && ordered && (!fig.in_words || hi.in_words) {
                fig.percent |= hi.percent;
                fig.currency = fig.currency.or(hi.currency);
                if let Some(u2) = hi_unit {
                    unit = u2;
                    has_unit = true;
                }
                range = Some((lo_v, hi_v));
                range_written = Some(written);
                fig.value = lo_v;
                end = hi_end;
                if i >= 1
                    && (ctx.is(i - 1, "between") || ctx.is(i - 1, "from"))
                    && qualifier == Qualifier::Exact
                {
                    start = i - 1;
                }
            }
        }
    }
    // unit or counted noun
    if fig.points {
        unit = Unit {
            symbol: Some("pp".into()),
            ..Unit::percent()
        };
    } else if fig.percent {
        unit = Unit::percent();
    } else if let Some(code) = fig.currency {
        unit = Unit::currency(code);
    } else if has_unit {
        // "5 million pounds" is money
        if unit.symbol.as_deref() == Some("lb") && fig.scaled {
            unit = Unit::currency("GBP");
        }
        if range.is_none() {
            end = compound(ctx, &mut fig, &unit, end);
        }
        // "2 degrees below zero"
        if ctx.seq(end, &["below", "zero"]) {
            fig.value = -fig.value;
            if unit.dimension != Dimension::Temperature {
                return None;
            }
            end += 2;
        }
    } else if ctx.seq(end, &["below", "zero"]) {
        // "2 below zero"
        fig.value = -fig.value;
        unit = Unit {
            dimension: Dimension::Temperature,
            symbol: Some("\u{b0}".into()),
            factor: 1.0,
        };
        end += 2;
    }
    if unit.dimension == Dimension::Count {
        // "2,000 of them" → no noun; "2,000 attacks" → "attacks"
        noun = noun_phrase(ctx, end);
        if let Some(n) = &noun {
            end = n.end;
        }
    } else if matches!(
        unit.dimension,
        Dimension::Mass | Dimension::Volume | Dimension::Area | Dimension::Length
    ) && ctx.is(end, "of")
    {
        // "61 million tonnes of cargo", "20 hectares of forest": what is measured
        if let Some(n) = noun_phrase(ctx, end + 1) {
            end = n.end;
            noun = Some(n);
        }
    }
    // "one of the", "one day": "one" counts nothing on its own
    if fig.in_words
        && fig.value == 1.0
        && !fig.scaled
        && unit.dimension == Dimension::Count
        && fig.currency.is_none()
    {
        let share_follows = ctx.is(end, "in") || ctx.seq(end, &["out", "of"]);
        if !share_follows || noun.is_none() {
            return None;
        }
    }
    Some(Reading {
        fig,
        start,
        end,
        qualifier,
        unit,
        noun,
        range,
        range_written,
    })
}

/// The period nearest to tokens `a..b` in the same clause, if any.
pub fn nearest_period(
    ctx: &Ctx,
    periods: &[(Range<usize>, Period)],
    a: usize,
    b: usize,
) -> Option<Period> {
    let clause_break = |x: usize, y: usize| -> bool {
        (x..y).any(|k| {
            matches!(ctx.tok(k), ";" | "\u{2014}" | "\u{2013}")
                || (ctx.tok(k) == "-" && ctx.tok(k + 1) == "-")
        })
    };
    periods
        .iter()
        .filter(|(r, _)| r.end <= a || r.start >= b)
        .filter_map(|(r, p)| {
            let (x, y, dist) = if r.end <= a {
                (r.end, a, a - r.end)
            } else {
                (b, r.start, r.start - b)
            };
            // "a week", "each year", "annually" say how often, not when: they belong to
            // the figure right next to them (a rate's per-unit), never to one further away
            let how_often = !p.resolved
                && [
                    "a ", "an ", "per ", "every ", "each ", "annually", "daily", "weekly",
                    "monthly", "yearly",
                ]
                .iter()
                .any(|w| {
                    let t = p.text.as_bytes();
                    t.len() >= w.len() && t[..w.len()].eq_ignore_ascii_case(w.as_bytes())
                });
            let reach = if how_often { 0 } else { 12 };
            (dist <= reach && !clause_break(x, y)).then_some((dist, p))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, p)| p.clone())
}

/// Extracts every numeric claim of a sentence (quantity, rate, change, share, conversion):
/// each figure is read once, then classified by what surrounds it.
pub fn extract_numeric(ctx: &Ctx, out: &mut Vec<Claim>) {
    let skip = crate::time::temporal_ranges(ctx);
    let periods = crate::time::period::find_periods(ctx);
    let first_claim = out.len();
    change::extract_multipliers(ctx, &skip, &periods, out);
    let mut taken: Vec<Range<usize>> = Vec::new();
    for c in &out[first_claim..] {
        if let Claim::Change(ch) = c {
            taken.push(token_range(ctx, ch.span));
        }
    }
    let words = Sent::new(ctx);
    let mut i = 0;
    while i < ctx.len() {
        // a figure starts only at a number or a token with `FIGURE_START` (see its
        // `figure::word_may_start`, `figure::punct_may_start`); the tests are all pure, so
        // their order is free
        if !words.has(i, NUM | FIGURE_START) || !figure::can_start(ctx, i) {
            i += 1;
            continue;
        }
        let in_skip = in_any(&skip, i);
        let implied = in_skip && (ctx.is(i, "a") || ctx.is(i, "an") || ctx.is(i, "half"));
        if (in_skip && !implied) || in_any(&taken, i) {
            i += 1;
            continue;
        }
        // fractions and "one in three" read as shares before anything else
        if let Some((claim, end)) = share::fraction_at(ctx, i) {
            out.push(claim);
            i = end;
            continue;
        }
        let Some(r) = read(ctx, i, &skip) else {
            i += 1;
            continue;
        };
        let (claim, end) = classify(ctx, r, &periods, out);
        if let Some(claim) = claim {
            out.push(claim);
        }
        i = end.max(i + 1);
    }
}

/// The token range covering a span of the sentence.
fn token_range(ctx: &Ctx, span: Span) -> Range<usize> {
    let a = ctx.tokens.partition_point(|t| t.span.start < span.start);
    let b = ctx.tokens.partition_point(|t| t.span.end <= span.end);
    a..b
}

/// Decides what a reading is; returns the claim (or `None` when it merged into the last
/// claim) and the token to continue from.
fn classify(
    ctx: &Ctx,
    r: Reading,
    periods: &[(Range<usize>, Period)],
    out: &mut [Claim],
) -> (Option<Claim>, usize) {
    if let Some((c, end)) = share::share_of(ctx, &r) {
        return (Some(c), end);
    }
    if let Some(res) = change::change_of(ctx, &r, periods, out) {
        return res;
    }
    if let Some((c, end)) = conversion::conversion_of(ctx, &r) {
        return (Some(c), end);
    }
    if let Some((c, end)) = rate::rate_of(ctx, &r, periods) {
        return (Some(c), end);
    }
    let end = r.end;
    (
        Some(Claim::Quantity(Box::new(quantity_claim(ctx, &r, periods)))),
        end,
    )
}

/// The plain quantity claim of a reading.
pub fn quantity_claim(ctx: &Ctx, r: &Reading, periods: &[(Range<usize>, Period)]) -> QuantityClaim {
    let noun_text = r
        .noun
        .as_ref()
        .map(|n| ctx.slice(n.start, n.end - 1).to_string());
    QuantityClaim {
        span: ctx.span(r.start, r.end - 1),
        text: String::new(),
        value: r.fig.value,
        interval: r.interval(),
        qualifier: r.qualifier,
        unit: r.unit.clone(),
        head: noun_text.as_deref().map(head_of),
        noun: noun_text,
        range: r.range.map(|(a, b)| [a, b]),
        period: nearest_period(ctx, periods, r.start, r.end),
    }
}
