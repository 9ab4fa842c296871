//! Change claims: a rise or fall, by a percentage, a multiplier or from one value to another.

use crate::document::Span;
use crate::numbers::interval::Interval;
use crate::numbers::qualifier::Qualifier;
use crate::time::period::Period;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
    Unchanged,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChangeClaim {
    pub span: Span,
    pub text: String,
    pub direction: Direction,
    /// The relative change in percent, signed (+124 for "up 124 percent").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<f64>,
    /// The interval the percent figure asserts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
    /// A change in percentage points ("up 3 points").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<f64>,
    /// "doubled" → 2, "halved" → 0.5, "tripled" → 3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiplier: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<f64>,
    pub qualifier: Qualifier,
    /// The comparison basis: "year on year", "month on month", "from a year earlier".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub noun: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
}

impl ChangeClaim {
    pub(crate) fn spans_mut(&mut self) -> Vec<&mut Span> {
        let mut v = vec![&mut self.span];
        if let Some(p) = &mut self.period {
            v.push(&mut p.span);
        }
        v
    }
}

use super::names::{Sent, MULTIPLIER};
use super::quantity::{nearest_period, Reading};
use super::{Claim, Ctx};
use crate::numbers::figure;
use crate::numbers::interval::asserted;
use crate::numbers::qualifier::qualifier_before;
use crate::numbers::qualifier::DEFAULT_TOLERANCE;
use crate::numbers::words;
use crate::text::lexicon::{has_shape, shapes, Shapes};
use std::ops::Range;

/// Whether the word says a figure is a change ("rose", "fell", "up").
pub fn is_cue(word: &str) -> bool {
    cue(word).is_some()
}

/// Words that say a figure is a change, and which way.
fn cue(word: &str) -> Option<Direction> {
    use Direction::*;
    Some(match word.to_ascii_lowercase().as_str() {
        "up" | "rose" | "rise" | "rises" | "risen" | "rising" | "increased" | "increase"
        | "increases" | "increasing" | "grew" | "grow" | "grows" | "grown" | "growth"
        | "climbed" | "climb" | "climbs" | "jumped" | "jump" | "jumps" | "surged" | "surge"
        | "soared" | "soar" | "gained" | "gain" | "gains" | "higher" | "more" | "added"
        | "expanded" | "raised" | "hike" | "hiked" | "boosted" | "spiked" | "leapt" | "leaped"
        | "doubled" | "tripled" | "rebounded" => Up,
        "down" | "fell" | "fall" | "falls" | "fallen" | "falling" | "dropped" | "drop"
        | "drops" | "declined" | "decline" | "declines" | "decreased" | "decrease"
        | "decreases" | "slumped" | "slump" | "plunged" | "plunge" | "slid" | "slide"
        | "shrank" | "shrunk" | "shrink" | "dipped" | "dip" | "tumbled" | "lower" | "less"
        | "fewer" | "cut" | "cuts" | "lost" | "reduced" | "reduction" | "contracted"
        | "contraction" | "slipped" | "sank" | "eased" | "halved" => Down,
        "unchanged" | "flat" | "steady" => Unchanged,
        _ => return None,
    })
}

/// Comparison bases after a change: (words, label).
const BASES: &[(&[&str], &str)] = &[
    (&["year", "on", "year"], "year on year"),
    (&["year", "-", "on", "-", "year"], "year on year"),
    (&["year", "over", "year"], "year on year"),
    (&["from", "a", "year", "earlier"], "year on year"),
    (&["from", "a", "year", "ago"], "year on year"),
    (&["from", "the", "previous", "year"], "year on year"),
    (&["over", "the", "previous", "year"], "year on year"),
    (&["on", "the", "previous", "year"], "year on year"),
    (
        &["compared", "with", "a", "year", "earlier"],
        "year on year",
    ),
    (
        &["compared", "with", "the", "same", "period", "last", "year"],
        "year on year",
    ),
    (&["y", "/", "y"], "year on year"),
    (&["yoy"], "year on year"),
    (&["month", "on", "month"], "month on month"),
    (&["month", "-", "on", "-", "month"], "month on month"),
    (&["from", "a", "month", "earlier"], "month on month"),
    (&["quarter", "on", "quarter"], "quarter on quarter"),
    (
        &["quarter", "-", "on", "-", "quarter"],
        "quarter on quarter",
    ),
    (
        &["from", "the", "previous", "quarter"],
        "quarter on quarter",
    ),
    (&["week", "on", "week"], "week on week"),
];

fn basis_at(ctx: &Ctx, k: usize) -> Option<(&'static str, usize)> {
    BASES
        .iter()
        .find(|(ws, _)| ctx.seq(k, ws))
        .map(|(ws, label)| (*label, k + ws.len()))
}

/// A change cue before token `start`, skipping "by", "of", "some", an article and one
/// adverb: (direction, first token of the cue).
fn cue_before(ctx: &Ctx, start: usize) -> Option<(Direction, usize)> {
    let mut k = start;
    for _ in 0..3 {
        if k == 0 {
            return None;
        }
        k -= 1;
        let w = ctx.lower(k);
        if let Some(d) = cue(&w) {
            if matches!(w.as_str(), "more" | "less" | "fewer" | "higher" | "lower") {
                return None;
            }
            // "an increase of", "a drop of"
            let s = if k >= 1 && (ctx.is(k - 1, "a") || ctx.is(k - 1, "an")) {
                k - 1
            } else {
                k
            };
            return Some((d, s));
        }
        if !matches!(
            w.as_str(),
            "by" | "of"
                | "some"
                | "sharply"
                | "steeply"
                | "slightly"
                | "nearly"
                | "about"
                | "around"
                | "almost"
                | "roughly"
                | "just"
                | "a"
                | "an"
                | "another"
                | "further"
        ) {
            return None;
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn claim(
    ctx: &Ctx,
    a: usize,
    b: usize,
    direction: Direction,
    r: Option<&Reading>,
    percent: Option<f64>,
    from_to: (Option<f64>, Option<f64>),
    multiplier: Option<f64>,
    basis: Option<&str>,
    periods: &[(Range<usize>, crate::time::period::Period)],
) -> ChangeClaim {
    let sign = if direction == Direction::Down {
        -1.0
    } else {
        1.0
    };
    let points = r.filter(|r| r.fig.points).map(|r| sign * r.fig.value);
    let percent = if points.is_some() {
        None
    } else {
        percent.map(|p| sign * p)
    };
    ChangeClaim {
        span: ctx.span(a, b),
        text: String::new(),
        direction,
        interval: r
            .filter(|_| percent.is_some() || points.is_some())
            .map(|r| {
                let iv = asserted(r.fig.value, r.fig.precision, r.qualifier, DEFAULT_TOLERANCE);
                if sign < 0.0 {
                    crate::numbers::interval::Interval {
                        lower: iv.upper.map(|u| -u),
                        upper: iv.lower.map(|l| -l),
                        lower_inclusive: iv.upper_inclusive,
                        upper_inclusive: iv.lower_inclusive,
                    }
                } else {
                    iv
                }
            }),
        percent,
        points,
        multiplier,
        from: from_to.0,
        to: from_to.1,
        qualifier: r.map_or(crate::numbers::qualifier::Qualifier::Exact, |r| r.qualifier),
        basis: basis.map(str::to_string),
        noun: r
            .and_then(|r| r.noun.as_ref())
            .map(|n| ctx.slice(n.start, n.end - 1).to_string()),
        period: nearest_period(ctx, periods, a, b + 1),
    }
}

/// A change read from a figure: "up 124 percent year on year", "a 25% rise",
/// "climbed from 1,200 to 1,500". Returns the claim (or `None` when the figure merged into
/// the previous change claim) and where to continue.
pub fn change_of(
    ctx: &Ctx,
    r: &Reading,
    periods: &[(Range<usize>, crate::time::period::Period)],
    out: &mut [Claim],
) -> Option<(Option<Claim>, usize)> {
    // from/to with a change verb: "climbed from 1,200 to 1,500"
    if let Some((lo, hi)) = r.range_written {
        if ctx.is(r.start, "from") {
            // the direction is the one the verb asserts ("fell from 10 to 20" says down):
            // the rules compare it with the values
            let (d, s) = cue_before(ctx, r.start)?;
            let c = claim(
                ctx,
                s,
                r.end - 1,
                d,
                None,
                None,
                (Some(lo), Some(hi)),
                None,
                None,
                periods,
            );
            return Some((Some(Claim::Change(Box::new(c))), r.end));
        }
        return None;
    }
    if !r.fig.percent && !r.fig.points {
        // "rose to 1,500 from 1,200"
        if r.start >= 1 && ctx.is(r.start - 1, "to") {
            let (d, s) = cue_before(ctx, r.start - 1)?;
            let mut end = r.end;
            let mut from = None;
            if ctx.is(end, "from") {
                if let Some(f) = figure::parse_at(ctx, end + 1) {
                    from = Some(f.value);
                    end = f.end;
                }
            }
            let c = claim(
                ctx,
                s,
                end - 1,
                d,
                None,
                None,
                (from, Some(r.fig.value)),
                None,
                None,
                periods,
            );
            return Some((Some(Claim::Change(Box::new(c))), end));
        }
        return None;
    }
    let before = cue_before(ctx, r.start);
    let after = cue(ctx.tok(r.end)).filter(|_| ctx.is_word(r.end));
    let (direction, start, mut end) = match (before, after) {
        (Some((d, s)), _) => (d, s, r.end),
        (None, Some(d)) => {
            // "a 25% rise": take the article before
            let s = if r.start >= 1 && (ctx.is(r.start - 1, "a") || ctx.is(r.start - 1, "an")) {
                r.start - 1
            } else {
                r.start
            };
            (d, s, r.end + 1)
        }
        (None, None) => return None,
    };
    let mut basis = None;
    if let Some((b, e)) = basis_at(ctx, end) {
        basis = Some(b);
        end = e;
    }
    // "dropped 0.4 percentage points to 5.1%"
    let mut to = None;
    if ctx.is(end, "to") {
        if let Some(f) = figure::parse_at(ctx, end + 1).filter(|f| f.percent || !r.fig.percent) {
            to = Some(f.value);
            end = f.end;
        }
    }
    let c = claim(
        ctx,
        start,
        end - 1,
        direction,
        Some(r),
        Some(r.fig.value),
        (None, to),
        None,
        basis,
        periods,
    );
    // merge into "climbed from 1,200 to 1,500, a 25% rise"
    if let Some(Claim::Change(prev)) = out.last_mut() {
        let gap_ok = start >= 1 && prev.span.end <= ctx.tokens[start].span.start && {
            let gap = &ctx.text[prev.span.end..ctx.tokens[start].span.start];
            gap.trim().len() <= 2
                && gap
                    .trim()
                    .chars()
                    .all(|c| c == ',' || c == '-' || c == '\u{2014}')
        };
        if gap_ok && prev.to.is_some() && prev.percent.is_none() && prev.multiplier.is_none() {
            prev.percent = c.percent;
            prev.points = c.points;
            prev.interval = c.interval;
            prev.qualifier = c.qualifier;
            prev.basis = prev.basis.take().or(c.basis);
            prev.span = prev.span.cover(c.span);
            return Some((None, end));
        }
    }
    Some((Some(Claim::Change(Box::new(c))), end))
}

fn multiplier_word(w: &str) -> Option<(f64, Direction)> {
    // a word of no listed shape lower-cases to no listed word
    if !has_shape(&MULTIPLIER_SHAPES, w) {
        return None;
    }
    let mut buf = [0u8; 32];
    Some(match crate::text::lexicon::key(w, &mut buf)? {
        "doubled" | "doubling" | "doubles" => (2.0, Direction::Up),
        "tripled" | "tripling" | "triples" | "trebled" => (3.0, Direction::Up),
        "quadrupled" | "quadrupling" | "quadruples" => (4.0, Direction::Up),
        "halved" | "halving" | "halves" => (0.5, Direction::Down),
        _ => return None,
    })
}

/// The words [`multiplier_word`] knows.
const MULTIPLIER_WORDS: &[&str] = &[
    "doubled",
    "doubling",
    "doubles",
    "tripled",
    "tripling",
    "triples",
    "trebled",
    "quadrupled",
    "quadrupling",
    "quadruples",
    "halved",
    "halving",
    "halves",
];

/// The shapes of [`MULTIPLIER_WORDS`].
const MULTIPLIER_SHAPES: Shapes = shapes(MULTIPLIER_WORDS);

/// Whether a token is one a multiplier change needs: a multiplier word ("doubled"), "fold"
/// ("2.5-fold", "fold" glued to a figure), a word ending in "fold" ("threefold") or "times"
/// ("three times higher"). All of them end in d, g or s.
pub(crate) fn may_multiply(t: &str) -> bool {
    may_multiply_shape(t) && may_multiply_exactly(t)
}

/// A test [`may_multiply_exactly`] passes only if this one does, with one branch instead of
/// one per test: every word it accepts ends in "fold" or "imes" (ASCII case ignored), or has
/// a multiplier word's shape. Most words fail it, so the branch is predicted well; the exact
/// tests' branches on a word's last and first letters were not.
#[inline]
fn may_multiply_shape(t: &str) -> bool {
    const FOLD: u32 = u32::from_le_bytes(*b"fold");
    const IMES: u32 = u32::from_le_bytes(*b"imes");
    let b = t.as_bytes();
    let tail = match b.len().checked_sub(4) {
        Some(at) => u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) | 0x2020_2020,
        None => 0,
    };
    (tail == FOLD) | (tail == IMES) | has_shape(&MULTIPLIER_SHAPES, t)
}

/// [`may_multiply`] itself.
fn may_multiply_exactly(t: &str) -> bool {
    let b = t.as_bytes();
    if b.len() < 4 || !matches!(b[b.len() - 1] | 0x20, b'd' | b'g' | b's') {
        return false;
    }
    t.eq_ignore_ascii_case("fold")
        || t.eq_ignore_ascii_case("times")
        || t.ends_with("fold")
        // the multiplier words: 6 to 11 letters, from "d", "h", "q" or "t"
        || ((6..=11).contains(&b.len())
            && matches!(b[0] | 0x20, b'd' | b'h' | b'q' | b't')
            && multiplier_word(t).is_some())
}

/// Multiplier changes: "doubled", "more than tripled", "halved from 40 to 20",
/// "a threefold increase", "rose 2.5-fold", "three times higher".
pub fn extract_multipliers(
    ctx: &Ctx,
    skip: &[Range<usize>],
    periods: &[(Range<usize>, crate::time::period::Period)],
    out: &mut Vec<Claim>,
) {
    // most sentences have no word a multiplier needs (every one is a word): nothing to read
    if !Sent::new(ctx).any(MULTIPLIER) {
        return;
    }
    let mut i = 0;
    while i < ctx.len() {
        if skip.iter().any(|r| r.contains(&i)) {
            i += 1;
            continue;
        }
        let mut found: Option<(f64, Direction, usize, usize)> = None; // (mult, dir, start, end)
        let t = ctx.tok(i);
        let maybe = ctx.is_number(i)
            || (ctx.is_word(i)
                && (words::small(t).is_some()
                    || t.len() >= 6 && {
                        let l = t.as_bytes()[t.len() - 1].to_ascii_lowercase();
                        l == b'd' || l == b'g' || l == b's'
                    }));
        if !maybe {
            i += 1;
            continue;
        }
        // a figure starts at a number, a number word or a scale word ("thousand litres"): no
        // other word that got this far ("reported") starts one
        let figure_word = || words::small(t).is_some() || words::scale(t).is_some();
        if let Some((m, d)) = multiplier_word(t).filter(|_| ctx.is_word(i)) {
            found = Some((m, d, i, i + 1));
        } else if let Some(f) = (ctx.is_number(i) || figure_word())
            .then(|| figure::parse_at(ctx, i))
            .flatten()
            .filter(|f| !f.percent && f.currency.is_none() && !f.scaled)
        {
            let e = f.end;
            // "threefold", "2.5-fold", "three-fold"
            let fold = if ctx.is(e, "-") && ctx.joined(e) && ctx.is(e + 1, "fold") {
                Some(e + 2)
            } else if ctx.is(e, "fold") && ctx.joined(e) {
                Some(e + 1)
            } else {
                None
            };
            if let Some(fe) = fold {
                let d = cue(ctx.tok(fe))
                    .or_else(|| cue_before(ctx, i).map(|c| c.0))
                    .unwrap_or(Direction::Up);
                let end = if cue(ctx.tok(fe)).is_some() {
                    fe + 1
                } else {
                    fe
                };
                found = Some((f.value, d, i, end));
            } else if ctx.is(e, "times")
                && f.value > 1.0
                && matches!(
                    ctx.lower(e + 1).as_str(),
                    "higher" | "more" | "larger" | "bigger" | "greater" | "as" | "the"
                )
            {
                let end = if ctx.is(e + 1, "as") || ctx.is(e + 1, "the") {
                    e + 1
                } else {
                    e + 2
                };
                found = Some((f.value, Direction::Up, i, end));
            }
        } else if let Some(w) = ctx.tok(i).strip_suffix("fold").filter(|_| ctx.is_word(i)) {
            // "threefold", "tenfold"
            if let Some(v) = words::small(w).filter(|v| *v >= 2.0) {
                let fe = i + 1;
                let d = cue(ctx.tok(fe)).unwrap_or(Direction::Up);
                let end = if cue(ctx.tok(fe)).is_some() {
                    fe + 1
                } else {
                    fe
                };
                found = Some((v, d, i, end));
            }
        }
        let Some((m, d, s, mut e)) = found else {
            i += 1;
            continue;
        };
        let (q, s) = match qualifier_before(ctx, s) {
            Some((q, qs)) => (q, qs),
            None => (crate::numbers::qualifier::Qualifier::Exact, s),
        };
        let mut from_to = (None, None);
        if ctx.is(e, "from") {
            if let Some(a) = figure::parse_at(ctx, e + 1) {
                if ctx.is(a.end, "to") {
                    if let Some(b) = figure::parse_at(ctx, a.end + 1) {
                        from_to = (Some(a.value), Some(b.value));
                        e = b.end;
                    }
                }
            }
        } else if ctx.is(e, "to") {
            if let Some(b) = figure::parse_at(ctx, e + 1) {
                from_to = (None, Some(b.value));
                e = b.end;
            }
        }
        let mut c = claim(
            ctx,
            s,
            e - 1,
            d,
            None,
            None,
            from_to,
            Some(m),
            None,
            periods,
        );
        c.qualifier = q;
        out.push(Claim::Change(Box::new(c)));
        i = e;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_multiplier_word_is_found_in_any_case() {
        for &w in MULTIPLIER_WORDS {
            assert!(multiplier_word(w).is_some(), "{w}");
            assert_eq!(
                multiplier_word(&w.to_uppercase()),
                multiplier_word(w),
                "{w}"
            );
        }
        assert_eq!(multiplier_word("doubt"), None);
    }

    #[test]
    fn the_shape_test_passes_every_word_the_exact_one_does() {
        const OTHERS: &[&str] = &[
            "fold",
            "times",
            "threefold",
            "2.5-fold",
            "tenfold",
            "Times",
            "doubt",
            "said",
            "years",
            "during",
            "trading",
            "halves",
            "x",
            "",
            "d",
            "fold!",
        ];
        let mut words: Vec<String> = MULTIPLIER_WORDS
            .iter()
            .chain(OTHERS)
            .map(|w| w.to_string())
            .collect();
        for w in words.clone() {
            words.push(w.to_uppercase());
            words.push(format!("{w}s"));
            words.push(format!("{w}ed"));
        }
        let mut accepted = 0;
        for w in &words {
            if may_multiply_exactly(w) {
                accepted += 1;
                assert!(may_multiply_shape(w), "{w}");
            }
        }
        assert!(accepted > MULTIPLIER_WORDS.len() * 2, "{accepted}");
        assert!(!may_multiply_shape("said") && !may_multiply_shape("trading"));
    }
}
