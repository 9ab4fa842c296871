//! Share claims: a part of a whole ("61% backed the plan", "30 of the 75 members").

use crate::document::Span;
use crate::numbers::interval::Interval;
use crate::numbers::qualifier::Qualifier;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareClaim {
    pub span: Span,
    pub text: String,
    /// The share as a percentage of the whole (30 of 75 → 40).
    pub percent: f64,
    /// The interval the share asserts, in percent.
    pub interval: Interval,
    pub qualifier: Qualifier,
    /// The part, when stated as a count ("30" of "30 of the 75 members").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<f64>,
    /// The whole, when stated ("75").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub whole: Option<f64>,
    /// What the whole is made of ("members", "voters").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noun: Option<String>,
}

impl ShareClaim {
    pub(crate) fn spans_mut(&mut self) -> Vec<&mut Span> {
        vec![&mut self.span]
    }
}

use super::noun::noun_phrase;
use super::quantity::Reading;
use super::{Claim, Ctx};
use crate::numbers::figure;
use crate::numbers::interval::asserted;
use crate::numbers::qualifier::DEFAULT_TOLERANCE;
use crate::numbers::units::Dimension;
use crate::numbers::words;

/// Verbs after which "61%" is the share of a group that did something.
const GROUP_VERBS: &[&str] = &[
    "backed",
    "supported",
    "opposed",
    "said",
    "say",
    "says",
    "voted",
    "agreed",
    "disagreed",
    "are",
    "were",
    "have",
    "had",
    "want",
    "wanted",
    "think",
    "thought",
    "believe",
    "believed",
    "favour",
    "favor",
    "favoured",
    "favored",
    "prefer",
    "preferred",
    "own",
    "owned",
    "use",
    "used",
    "live",
    "lived",
    "reported",
    "expect",
    "expected",
    "approve",
    "approved",
    "rejected",
    "chose",
    "plan",
    "planned",
    "own",
    "lack",
    "lacked",
];

fn noun_after_of(ctx: &Ctx, k: usize) -> Option<(String, usize)> {
    let mut j = k;
    if !ctx.is(j, "of") {
        return None;
    }
    j += 1;
    while matches!(
        ctx.lower(j).as_str(),
        "the" | "its" | "their" | "all" | "our" | "his" | "her"
    ) {
        j += 1;
    }
    let n = noun_phrase(ctx, j)?;
    Some((ctx.slice(n.start, n.end - 1).to_string(), n.end))
}

#[allow(clippy::too_many_arguments)]
fn share(
    ctx: &Ctx,
    a: usize,
    b: usize,
    percent: f64,
    interval: Interval,
    r: Option<&Reading>,
    part: Option<f64>,
    whole: Option<f64>,
    noun: Option<String>,
) -> Claim {
    Claim::Share(Box::new(ShareClaim {
        span: ctx.span(a, b),
        text: String::new(),
        percent,
        interval,
        qualifier: r.map_or(crate::numbers::qualifier::Qualifier::Exact, |r| r.qualifier),
        part,
        whole,
        noun,
    }))
}

/// "30 of the 75 members", "61% of voters", "61% backed the plan".
pub fn share_of(ctx: &Ctx, r: &Reading) -> Option<(Claim, usize)> {
    if r.fig.percent && !r.fig.points && r.range.is_none() {
        // "61% of voters"; "61% backed the plan"; "a 51% stake"
        let next = ctx.lower(r.end);
        let (noun, end) = match noun_after_of(ctx, r.end) {
            Some((noun, end)) => (Some(noun), end),
            None if matches!(next.as_str(), "share" | "stake") => (None, r.end + 1),
            None if GROUP_VERBS.contains(&next.as_str())
                || matches!(next.as_str(), "majority" | "minority") =>
            {
                (None, r.end)
            }
            None => return None,
        };
        let c = share(
            ctx,
            r.start,
            end - 1,
            r.fig.value,
            r.interval(),
            Some(r),
            None,
            None,
            noun,
        );
        return Some((c, end));
    }
    if r.unit.dimension != Dimension::Count || r.noun.is_some() || r.range.is_some() {
        return None;
    }
    // "30 of the 75 members", "three out of four"
    let mut k = r.end;
    if ctx.seq(k, &["out", "of"]) {
        k += 2;
    } else if ctx.is(k, "of") {
        k += 1;
    } else {
        return None;
    }
    if ctx.is(k, "every") {
        k += 1;
    }
    while matches!(
        ctx.lower(k).as_str(),
        "the" | "its" | "their" | "all" | "our"
    ) {
        k += 1;
    }
    let whole = figure::parse_at(ctx, k)?;
    if whole.percent || whole.currency.is_some() || whole.value < r.fig.value || whole.value == 0.0
    {
        return None;
    }
    let mut end = whole.end;
    let noun = noun_phrase(ctx, end).map(|n| {
        end = n.end;
        ctx.slice(n.start, n.end - 1).to_string()
    });
    let pct = 100.0 * r.fig.value / whole.value;
    let interval = asserted(
        pct,
        100.0 * r.fig.precision / whole.value,
        r.qualifier,
        DEFAULT_TOLERANCE,
    );
    let c = share(
        ctx,
        r.start,
        end - 1,
        pct,
        interval,
        Some(r),
        Some(r.fig.value),
        Some(whole.value),
        noun,
    );
    Some((c, end))
}

/// Fractions and ratios read as shares: "two-thirds of", "a quarter of", "half of",
/// "one in three voters", "1 in 5".
pub fn fraction_at(ctx: &Ctx, i: usize) -> Option<(Claim, usize)> {
    // "one in three", "1 in 5", "one out of every four"
    let mut k = i + 1;
    let linked = if ctx.is(k, "in") {
        k += 1;
        true
    } else if ctx.seq(k, &["out", "of", "every"]) {
        k += 3;
        true
    } else {
        false
    };
    // the part is read only when a link follows: without one, or without a part, it is
    // read as fraction words either way
    let num = if !linked {
        None
    } else if ctx.is_number(i) {
        figure::parse_digits(ctx.tok(i)).map(|(v, _)| v)
    } else {
        words::small(ctx.tok(i))
    };
    if let Some(num) = num {
        if ctx.is(k, "every") {
            k += 1;
        }
        let den = if ctx.is_number(k) {
            figure::parse_digits(ctx.tok(k)).map(|(v, _)| v)
        } else {
            words::small(ctx.tok(k))
        }?;
        // "1 in 2015" is a year, caught before; a share needs a denominator above the part
        if den <= num || den >= 1000.0 {
            return None;
        }
        let mut end = k + 1;
        // "one in three voters", "one in four of the new posts"
        let noun = match noun_after_of(ctx, end) {
            Some((n, e)) => {
                end = e;
                Some(n)
            }
            None => noun_phrase(ctx, end).map(|n| {
                end = n.end;
                ctx.slice(n.start, n.end - 1).to_string()
            }),
        };
        let pct = 100.0 * num / den;
        return Some((
            share(
                ctx,
                i,
                end - 1,
                pct,
                Interval::exact(pct),
                None,
                None,
                None,
                noun,
            ),
            end,
        ));
    }
    fraction_words_at(ctx, i)
}

/// Fraction words before "of": "two-thirds of", "a third of", "half of", "three quarters of".
pub fn fraction_words_at(ctx: &Ctx, i: usize) -> Option<(Claim, usize)> {
    let (num, den_at) = if ctx.is(i, "a") || ctx.is(i, "one") {
        (1.0, i + 1)
    } else if ctx.is(i, "half") {
        (1.0, i)
    } else {
        let n = words::small(ctx.tok(i))?;
        if ctx.is(i + 1, "-") && ctx.joined(i + 1) {
            (n, i + 2)
        } else {
            (n, i + 1)
        }
    };
    let den = words::fraction_denominator(ctx.tok(den_at))?;
    let of = den_at + 1;
    if !(ctx.is(of, "of") || (ctx.is(den_at, "half") && ctx.is(of, "the"))) {
        return None;
    }
    if num >= den {
        return None;
    }
    // "a quarter of a million" is an amount, read by the figure parser
    if (ctx.is(of + 1, "a") || ctx.is(of + 1, "an")) && words::scale(ctx.tok(of + 2)).is_some() {
        return None;
    }
    let (noun, end) = match noun_after_of(ctx, of) {
        Some((n, e)) => (Some(n), e),
        None => (None, of + 1),
    };
    let pct = 100.0 * num / den;
    let (q, start) = crate::numbers::qualifier::qualifier_before(ctx, i)
        .unwrap_or((crate::numbers::qualifier::Qualifier::Exact, i));
    let interval = crate::numbers::interval::asserted(pct, 0.0, q, DEFAULT_TOLERANCE);
    let mut c = share(ctx, start, end - 1, pct, interval, None, None, None, noun);
    if let Claim::Share(sc) = &mut c {
        sc.qualifier = q;
    }
    Some((c, end))
}
