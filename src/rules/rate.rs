//! `rate`: a rate per second (minute, day, ...) against a total over a period of the same
//! counted thing ("over 85.5 billion cyber attacks last year ... more than 2,000 attacks every
//! second": the total gives over 2,711 a second, so the rate holds but is loose).
//!
//! Pairing (claims, and the tokens between two of them; the text is never re-parsed). Each
//! rate claim with a time unit (`per_seconds`)
//! is paired with at most one total, the nearest of:
//! - a quantity claim with a period of known length ("85.5 billion attacks last year"), the
//!   period longer than the rate's time unit;
//! - a rate claim per a longer time unit ("2.6 million containers a day" for "30 a second").
//!
//! Candidates lie in the rate's paragraph (or, with `window: n`, within n sentences of it,
//! 0 being the same sentence), must restate one another, and must count the same thing.
//!
//! Restating (compared by offsets over the sentence's tokens; nothing is re-parsed): in one
//! sentence, no other figure between the two and only punctuation and linking words ("or",
//! "-- that's", "which works out to", "on average", the total's period, at most three other
//! words) with at least one that restates ("or", a comma, a dash, "that", "which",
//! "average", ...) and none that starts another fact ("and 300 a day leave", "while", "at
//! its peak", "also", "each"); in two sentences, the rate's sentence opens with such words
//! ("That is 5,000 attacks every second.") and the total comes before it. "The city has 2
//! million residents, and 300 residents a day leave" is thus not a derivation.
//!
//! Counting the same thing:
//! - both have a counted noun and one noun phrase ends the other (heads compared singular:
//!   "attacks" ~ "cyber attacks" ~ "cyberattacks", but not "spam emails" nor "phishing
//!   attacks" against "cyber attacks");
//! - or one of them has no noun ("..., or 5,000 every second"): only in the same sentence,
//!   or for a rate with no noun, in the sentence right after the total ("That works out to
//!   5,000 every second.");
//! - and the units agree: both counts, the same currency, or the same dimension (tonnes and
//!   kilograms are converted). Percentages, temperatures and speeds are never summed.
//!
//! A rate tied to a period of its own that is not the total's ("in 2014 ... this month, 40 a
//! day") is not compared. The nearest candidate is the one in the fewest sentences away, an
//! earlier one before a later one.
//!
//! The derived rate is the total's interval divided by the number of rate units in the
//! period, itself an interval (a year is 365–366 days; a year of weeks 52–52.3, so that the
//! usual 52 weeks passes). Both figures are read as written (`ladder::as_written`: "about"
//! under the rule's `tolerance`, an exact figure as rounded or truncated at its last digit),
//! and the ladder judges the rate against the derived interval. An exact rate that overlaps
//! the derived interval is consistent: the remaining doubt is the text's rounding, not an
//! error of the rate.

use super::ladder::{self, Verdict};
use super::{Check, RawRule, RuleCx};
use crate::claims::{Claim, QuantityClaim, RateClaim};
use crate::document::Span;
use crate::findings::Finding;
use crate::numbers::interval::Interval;
use crate::numbers::qualifier::Qualifier;
use crate::numbers::units::{Dimension, Unit};
use crate::time::period::Period;

pub const PARAMS: &[&str] = &[
    "tolerance",
    "loose_ratio",
    "message_outside",
    "message_loose",
    "window",
];
/// `{claimed}` the rate as written, `{total}` the total as written with its period,
/// `{period}` the total's period ("last year", or "a day" for a total that is a rate),
/// `{derived}` the rate the total gives ("over 2,711"), `{per}` the rate's unit ("second").
pub const FIELDS: &[&str] = &["claimed", "total", "period", "derived", "per"];

const DEFAULT_OUTSIDE: &str = "{claimed} is not within what {total} gives: {derived} per {per}";
const DEFAULT_LOOSE: &str = "{claimed} holds, but {total} gives {derived} per {per}";

/// How far a rate looks for its total, in claims each way (a bound on the work per rate).
const MAX_SCAN: usize = 400;

pub fn build(raw: &RawRule) -> Result<Box<dyn Check>, String> {
    let (tolerance, loose_ratio) =
        ladder::tolerance_and_loose_ratio(raw.tolerance, raw.loose_ratio)?;
    if let Some(w) = raw.window {
        if w > 20 {
            return Err(format!(
                "`window` is a number of sentences, at most 20 (got {w}); leave it out to pair within the paragraph"
            ));
        }
    }
    Ok(Box::new(Rate {
        tolerance,
        loose_ratio,
        window: raw.window,
    }))
}

struct Rate {
    tolerance: f64,
    loose_ratio: f64,
    window: Option<usize>,
}

/// What a rate can be derived from.
struct Total<'a> {
    span: Span,
    text: &'a str,
    value: f64,
    interval: Interval,
    qualifier: Qualifier,
    unit: &'a Unit,
    noun: Option<&'a str>,
    head: Option<&'a str>,
    /// The period's length in seconds.
    seconds: [f64; 2],
    /// The period as written ("last year"); for a rate total, its own period if it has one.
    period: Option<&'a Period>,
    /// For a rate total: what it is per ("day").
    per: Option<&'a str>,
}

impl<'a> Total<'a> {
    fn of(c: &'a Claim) -> Option<Total<'a>> {
        match c {
            Claim::Quantity(q) => Self::quantity(q),
            Claim::Rate(r) => {
                let secs = r.per_seconds?;
                Some(Total {
                    span: r.span,
                    text: &r.text,
                    value: r.value,
                    interval: r.interval,
                    qualifier: r.qualifier,
                    unit: &r.unit,
                    noun: r.noun.as_deref(),
                    head: r.head.as_deref(),
                    seconds: secs,
                    period: r.period.as_ref(),
                    per: Some(&r.per),
                })
            }
            _ => None,
        }
    }

    fn quantity(q: &'a QuantityClaim) -> Option<Total<'a>> {
        let p = q.period.as_ref()?;
        let (lo, hi) = (p.days.min, p.days.max);
        if !(lo > 0.0 && hi.is_finite() && hi >= lo) {
            return None;
        }
        Some(Total {
            span: q.span,
            text: &q.text,
            value: q.value,
            interval: q.interval,
            qualifier: q.qualifier,
            unit: &q.unit,
            noun: q.noun.as_deref(),
            head: q.head.as_deref(),
            seconds: [lo * 86_400.0, hi * 86_400.0],
            period: Some(p),
            per: None,
        })
    }
}

/// Units a rate and a total can share: (summable, conversion factor from the total's unit to
/// the rate's).
fn unit_factor(rate: &Unit, total: &Unit) -> Option<f64> {
    if rate.dimension != total.dimension {
        return None;
    }
    match rate.dimension {
        Dimension::Percent | Dimension::Temperature | Dimension::Speed => None,
        Dimension::Count => Some(1.0),
        Dimension::Currency => (rate.symbol == total.symbol).then_some(1.0),
        _ => (rate.factor > 0.0 && total.factor > 0.0).then(|| total.factor / rate.factor),
    }
}

/// A noun phrase as lower-case words with its head (singular) as the last word, run
/// together: "Cyber attacks" → "cyberattack".
fn noun_key(noun: Option<&str>, head: &str) -> String {
    let mut words: Vec<String> = noun
        .unwrap_or(head)
        .split_whitespace()
        .map(str::to_lowercase)
        .collect();
    if let Some(last) = words.last_mut() {
        *last = head.to_lowercase();
    } else {
        words.push(head.to_lowercase());
    }
    words.concat()
}

/// Whether two counted nouns name the same thing: one phrase ends the other.
pub(crate) fn same_noun(a: Option<&str>, ah: &str, b: Option<&str>, bh: &str) -> bool {
    let (x, y) = (noun_key(a, ah), noun_key(b, bh));
    let (short, long) = if x.len() <= y.len() { (x, y) } else { (y, x) };
    short.len() >= 3 && long.ends_with(&short)
}

/// Whether the rate's own period (if any) is the total's.
fn same_period(a: Option<&Period>, b: Option<&Period>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            a.span == b.span
                || (a.resolved && b.resolved && a.start == b.start && a.end == b.end)
                || a.text.trim().eq_ignore_ascii_case(b.text.trim())
        }
        _ => true,
    }
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'h']) && word != "hundred" {
        // "an hour", "an eon"; not "a unit"
        if word.starts_with('h') && word != "hour" {
            "a"
        } else {
            "an"
        }
    } else {
        "a"
    }
}

/// Words that may stand between a total and the rate restating it ("..., or", "-- that's",
/// "which works out to", "on average"), besides punctuation other than a full stop or a
/// semicolon.
const LINK_WORDS: &[&str] = &[
    "or",
    "that",
    "that's",
    "thats",
    "this",
    "it",
    "it's",
    "is",
    "was",
    "which",
    "works",
    "worked",
    "work",
    "out",
    "to",
    "amounts",
    "amount",
    "amounted",
    "comes",
    "came",
    "means",
    "meant",
    "equals",
    "equalled",
    "equaled",
    "equal",
    "equivalent",
    "the",
    "of",
    "on",
    "average",
    "averaging",
    "averaged",
    "an",
    "a",
    "in",
    "other",
    "words",
    "alone",
    "i.e",
    "ie",
    "roughly",
    "about",
    "some",
    "put",
    "another",
    "way",
    "translates",
    "into",
    "just",
    "around",
    "nearly",
    "almost",
    "over",
    "more",
    "than",
    "s",
    "or",
    "so",
];

/// Words that make the second figure a restatement of the first.
const STRONG_WORDS: &[&str] = &[
    "or",
    "that",
    "that's",
    "thats",
    "which",
    "equivalent",
    "means",
    "meant",
    "average",
    "averaging",
    "averaged",
    "words",
    "translates",
    "amounts",
    "amounted",
    "works",
    "worked",
    "equals",
    "i.e",
    "ie",
];

/// Words that say the second figure is another fact ("and 300 a day leave", "at its peak").
const BREAK_WORDS: &[&str] = &[
    "and",
    "but",
    "while",
    "whereas",
    "yet",
    "although",
    "though",
    "with",
    "as",
    "after",
    "before",
    "when",
    "whom",
    "whose",
    "where",
    "since",
    "until",
    "from",
    "up",
    "down",
    "compared",
    "versus",
    "vs",
    "against",
    "plus",
    "including",
    "except",
    "besides",
    "peak",
    "peaks",
    "peaked",
    "record",
    "maximum",
    "max",
    "most",
    "highest",
    "busiest",
    "lowest",
    "least",
    "minimum",
    "only",
    "another",
    "also",
    "each",
    "per",
    "new",
];

/// Whether the tokens between two figures (or before a rate that opens its sentence) make the
/// one a restatement of the other: punctuation and linking words, at most `free` other
/// words, at least one strong link, no word that starts another fact.
fn restates(words: &[&str], free: usize) -> bool {
    let mut strong = false;
    let mut others = 0;
    for w in words {
        let w = w.to_lowercase();
        let w = w.trim_end_matches('.').replace('\u{2019}', "'");
        if w.is_empty() {
            continue;
        }
        if !w.chars().any(char::is_alphanumeric) {
            match w.as_str() {
                ";" | "!" | "?" => return false,
                _ => {
                    strong |= matches!(w.as_str(), "," | "(" | "-" | "\u{2014}" | "\u{2013}" | ":");
                    continue;
                }
            }
        }
        if BREAK_WORDS.contains(&w.as_str()) || w.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        strong |= STRONG_WORDS.contains(&w.as_str());
        if !LINK_WORDS.contains(&w.as_str()) {
            others += 1;
        }
    }
    strong && others <= free
}

/// The whole number of months a total covers, when it is plain: a rate per year or per
/// decade, a period of whole calendar months ("the first nine months of 2015"), or one of
/// whole years ("last year").
fn months_in(t: &Total) -> Option<f64> {
    match t.per {
        Some("year") => return Some(12.0),
        Some("decade") => return Some(120.0),
        Some(_) => return None,
        None => {}
    }
    let p = t.period?;
    if let (true, Some(a), Some(b)) = (p.resolved, p.start, p.end) {
        if a.day() == 1 && b == b.last_of_month() && b >= a {
            let n = (i32::from(b.year()) * 12 + i32::from(b.month()))
                - (i32::from(a.year()) * 12 + i32::from(a.month()))
                + 1;
            return Some(f64::from(n));
        }
    }
    let years = (p.days.min / 365.25).round();
    (years >= 1.0 && p.days.min >= 365.0 * years - 0.5 && p.days.max <= 366.0 * years + 0.5)
        .then_some(12.0 * years)
}

impl Rate {
    /// Whether claim `j` is within reach of the rate at claim `k`.
    fn in_scope(&self, cx: &RuleCx, k: usize, j: usize) -> bool {
        let ex = cx.ex;
        match self.window {
            None => ex.block_of(j) == ex.block_of(k),
            Some(w) => ex.claim_sentence[j].abs_diff(ex.claim_sentence[k]) <= w,
        }
    }

    /// Whether the total at claim `j` and the rate at claim `k` are one restating the other:
    /// in one sentence, only linking words between them and no other figure; in two, the
    /// rate's sentence opens with linking words ("That is 5,000 a second").
    fn linked(&self, cx: &RuleCx, j: usize, k: usize, t: &Total, r: &RateClaim) -> bool {
        let ex = cx.ex;
        let (sj, sk) = (ex.claim_sentence[j], ex.claim_sentence[k]);
        let figure = |c: &Claim| {
            matches!(
                c,
                Claim::Quantity(_) | Claim::Rate(_) | Claim::Change(_) | Claim::Share(_)
            )
        };
        let periods: Vec<Span> = [t.period, r.period.as_ref()]
            .into_iter()
            .flatten()
            .map(|p| p.span)
            .collect();
        let gap_words = |s: usize, a: usize, b: usize| -> Vec<&str> {
            let toks = &ex.sentences[s].tokens;
            let first = toks.partition_point(|tk| tk.span.start < a);
            toks[first..]
                .iter()
                .take_while(|tk| tk.span.end <= b)
                .filter(|tk| !periods.iter().any(|p| p.contains(tk.span)))
                .map(|tk| cx.doc.original_slice(tk.span))
                .collect()
        };
        if sj == sk {
            let (lo, hi) = (j.min(k), j.max(k));
            if ex.claims[lo + 1..hi]
                .iter()
                .any(|c| figure(c) && !c.span().contains(t.span) && !c.span().contains(r.span))
            {
                return false;
            }
            let (a, b) = if j < k {
                (t.span.end, r.span.start)
            } else {
                (r.span.end, t.span.start)
            };
            if a > b {
                return false;
            }
            restates(&gap_words(sk, a, b), 3)
        } else if sj < sk {
            let start = ex.sentences[sk].span.start;
            let opening = gap_words(sk, start, r.span.start);
            !opening.is_empty() && restates(&opening, 1)
        } else {
            false
        }
    }

    /// The total the rate at claim `k` restates, the nearest that counts the same thing.
    fn pair<'a>(&self, cx: &'a RuleCx, k: usize, r: &RateClaim) -> Option<(usize, Total<'a>)> {
        let ex = cx.ex;
        let per = r.per_seconds?;
        let sk = ex.claim_sentence[k];
        let mut best: Option<((usize, usize, usize), usize, Total<'a>)> = None;
        let before = (0..k).rev().take(MAX_SCAN);
        let after = (k + 1..ex.claims.len()).take(MAX_SCAN);
        for (dir, range) in [(0usize, before.collect::<Vec<_>>()), (1, after.collect())] {
            for j in range {
                if !self.in_scope(cx, k, j) {
                    break;
                }
                let Some(t) = Total::of(&ex.claims[j]) else {
                    continue;
                };
                // the period must hold more than one rate unit ("last year" for "a year" is
                // the same figure, not a derivation)
                if t.seconds[0] <= per[1] || t.value <= 0.0 {
                    continue;
                }
                if t.span == r.span || !same_period(r.period.as_ref(), t.period) {
                    continue;
                }
                if unit_factor(&r.unit, t.unit).is_none() {
                    continue;
                }
                let sj = ex.claim_sentence[j];
                let matched = match (r.head.as_deref(), t.head) {
                    (Some(a), Some(b)) => same_noun(r.noun.as_deref(), a, t.noun, b),
                    // a figure with no noun only restates one right beside it
                    _ => sj == sk || (r.head.is_none() && sj + 1 == sk),
                };
                if !matched {
                    continue;
                }
                let rank = (sj.abs_diff(sk), dir, j.abs_diff(k));
                if best.as_ref().is_some_and(|(b, _, _)| *b <= rank) {
                    continue;
                }
                if self.linked(cx, j, k, &t, r) {
                    best = Some((rank, j, t));
                }
            }
        }
        best.map(|(_, j, t)| (j, t))
    }

    /// The rate the total gives, in the rate's unit and per its time unit.
    fn derive(&self, r: &RateClaim, t: &Total) -> Option<Interval> {
        let per = r.per_seconds?;
        let factor = unit_factor(&r.unit, t.unit)?;
        let (lo, hi) = match months_in(t).filter(|_| r.per == "month") {
            // a year is twelve months, whatever their lengths
            Some(n) => (n, n),
            None => {
                let mut lo_secs = t.seconds[0];
                // a year is 52 weeks in the usual arithmetic: allow whole weeks
                if r.per == "week" {
                    lo_secs = (lo_secs / per[0]).floor().max(1.0) * per[0];
                }
                (lo_secs / per[1], t.seconds[1] / per[0])
            }
        };
        if !(lo > 0.0 && hi.is_finite() && hi >= lo) {
            return None;
        }
        // the total as rounded at its last digit (not truncated: totals are rounded)
        let mut total = ladder::as_written(&t.interval, t.value, t.qualifier, self.tolerance);
        if let (Qualifier::Exact, Some(l), Some(u)) = (t.qualifier, total.lower, total.upper) {
            if u > t.value && l < t.value {
                total = Interval::closed(l, 2.0 * t.value - l);
            }
        }
        if total.lower.is_none() && total.upper.is_none() {
            return None;
        }
        Some(ladder::divide(&ladder::times(&total, factor), lo, hi))
    }
}

impl Check for Rate {
    fn check(&self, cx: &RuleCx, out: &mut Vec<Finding>) {
        for (k, c) in cx.ex.claims.iter().enumerate() {
            let Claim::Rate(r) = c else { continue };
            if r.per_seconds.is_none() || r.value <= 0.0 {
                continue;
            }
            let Some((_, t)) = self.pair(cx, k, r) else {
                continue;
            };
            let Some(derived) = self.derive(r, &t) else {
                continue;
            };
            let claimed = ladder::as_written(&r.interval, r.value, r.qualifier, self.tolerance);
            let mut verdict = ladder::judge(&claimed, &derived, self.loose_ratio);
            // an exact figure that overlaps what the total allows is as precise as the text is
            if verdict == Verdict::Outside && r.qualifier == Qualifier::Exact {
                verdict = Verdict::Consistent;
            }
            let Some(severity) = verdict.severity() else {
                continue;
            };
            let template = cx.template(verdict, DEFAULT_OUTSIDE, DEFAULT_LOOSE);
            let (total, period) = match (t.per, t.period) {
                (Some(p), _) => (t.text.to_string(), format!("{} {p}", article(p))),
                (None, Some(p)) if !t.span.contains(p.span) => {
                    (format!("{} {}", t.text, p.text), p.text.clone())
                }
                (None, Some(p)) => (t.text.to_string(), p.text.clone()),
                (None, None) => (t.text.to_string(), String::new()),
            };
            // "9,986–10,027 t", "88,219–110,411 USD": the rate's unit beside the figure
            let derived_text = match (&r.unit.dimension, &r.unit.symbol) {
                (Dimension::Count, _) | (_, None) => ladder::describe(&derived),
                (_, Some(sym)) => format!("{} {sym}", ladder::describe(&derived)),
            };
            let mut f = cx.finding(
                severity,
                template,
                &[
                    ("claimed", r.text.clone()),
                    ("total", total.clone()),
                    ("period", period),
                    ("derived", derived_text.clone()),
                    ("per", r.per.clone()),
                ],
                r.span,
            );
            let what = match (t.per, t.period) {
                (Some(p), _) => format!("the total per {p}"),
                (None, Some(p)) => format!("the total, {}", p.text),
                (None, None) => "the total".to_string(),
            };
            f.related
                .push(cx.related(t.span, format!("{what}: {derived_text} per {}", r.per)));
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns_match_by_ending() {
        assert!(same_noun(
            Some("attacks"),
            "attack",
            Some("cyber attacks"),
            "attack"
        ));
        assert!(same_noun(
            Some("attacks"),
            "attack",
            Some("cyberattacks"),
            "cyberattack"
        ));
        assert!(same_noun(
            Some("Cyber attacks"),
            "attack",
            Some("cyberattacks"),
            "cyberattack"
        ));
        assert!(!same_noun(
            Some("phishing attacks"),
            "attack",
            Some("cyber attacks"),
            "attack"
        ));
        assert!(!same_noun(
            Some("spam emails"),
            "email",
            Some("attacks"),
            "attack"
        ));
    }

    #[test]
    fn articles() {
        assert_eq!(article("hour"), "an");
        assert_eq!(article("day"), "a");
        assert_eq!(article("second"), "a");
    }
}
