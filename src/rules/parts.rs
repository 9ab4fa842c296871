//! `parts`: shares of one whole that add up to more than the whole. "45% backed the plan,
//! 40% opposed it and 25% were undecided" is 110% of one group of people; "30 of the 75
//! members backed it and 50 of the 75 opposed" is 80 of 75.
//!
//! What counts as parts of one whole (when unsure, nothing is summed):
//! - percentage shares of one sentence: share claims ("45% backed", "52% of voters", "a third
//!   of the staff"), grouped by the noun after "of" (a share with no noun joins the share
//!   before it); a plain percentage ("40% against", "women 50%") joins only as an item of
//!   that list (nothing but ",", "and", "while", … and at most one other word before it);
//!   a percentage that restates the share before it ("over half, 52%,") is the same part;
//! - counted shares of one sentence with the same whole ("30 of the 75 …, 50 of the 75");
//! - a list running over the next sentences of the paragraph when each of them is just one
//!   share opening the sentence ("40% opposed it. 25% were undecided.").
//!
//! Shares of one group need not exclude each other ("46% trusted the radio, 38% newspapers
//! and 30% websites"): a group is only summed when a word of its sentences says it is split
//! between answers or kinds ("backed … opposed", "yes … no", "undecided", "men … women":
//! [`SPLIT_WORDS`]; claims do not carry their predicate, so these are read from the
//! sentence's tokens). It is left alone when a date lies between its parts ("45% in 2019
//! and 60% in 2023"), when the sentence compares ("respectively", "compared", "versus"),
//! when "among" starts another subgroup, or when two of its parts are each more than half
//! of the whole: two majorities of one group are overlapping answers ("60% use the app and
//! 70% use the website"), not a split.
//!
//! Percentages may add up to 100 plus `tolerance` points or plus their own rounding (half a
//! step of each written figure), whichever is larger. Verdicts: the lower bounds of the parts
//! exceed the whole → error (`message`); only the figures as written do (approximations could
//! reconcile them: "about 60% … about 50%") → warning (`message_outside`).

use super::fraction::{between, half_step, percent_text, restates, sentence_runs};
use super::{template, Check, RawRule, RuleCx};
use crate::claims::Claim;
use crate::document::Span;
use crate::findings::{Finding, Severity};
use crate::numbers::interval::Interval;
use crate::numbers::qualifier::Qualifier;
use crate::numbers::units::Dimension;
use crate::text::tokens::TokenKind;

pub const PARAMS: &[&str] = &["tolerance", "message_outside"];
/// `{total}` the whole ("100%", "75"), `{sum}` what the parts add up to, `{parts}` the parts
/// ("45% + 40% + 25%").
pub const FIELDS: &[&str] = &["total", "sum", "parts"];

/// Default allowance for rounding, in percentage points.
const DEFAULT_TOLERANCE: f64 = 1.0;
const DEFAULT_OUTSIDE: &str =
    "as written these shares of one whole add up to {sum}, more than {total} ({parts})";

pub fn build(raw: &RawRule) -> Result<Box<dyn Check>, String> {
    let tolerance = raw.tolerance.unwrap_or(DEFAULT_TOLERANCE);
    if !(0.0..=10.0).contains(&tolerance) {
        return Err(format!(
            "`tolerance` is in percentage points and must be between 0 and 10 (got {tolerance})"
        ));
    }
    Ok(Box::new(Parts { tolerance }))
}

struct Parts {
    tolerance: f64,
}

/// What a part is a part of.
#[derive(Debug, Clone, PartialEq)]
enum Whole {
    /// Percentages of one group; the noun after "of" when stated.
    Percent(Option<String>),
    /// Counts out of a stated whole ("of the 75"), with its noun when stated.
    Counted(f64, Option<String>),
}

#[derive(Debug, Clone)]
struct Part {
    span: Span,
    /// The least the part can be (from its interval), in percent or in counted units.
    low: f64,
    /// The part as written ("under 10%" counts 0: it may be nothing).
    nominal: f64,
    /// Half a step of the written figure (percentages only).
    rounding: f64,
    /// Only a lower bound is stated ("more than 60%").
    open_above: bool,
    /// Shown in messages ("45%", "30"): the part as written (the count for a counted part).
    shown: f64,
}

#[derive(Debug)]
struct Group {
    whole: Whole,
    parts: Vec<Part>,
    /// A date lies between two parts, or the sentence compares: not one split.
    broken: bool,
    /// The words of its sentences say it is split ([`SPLIT_WORDS`]).
    splits: bool,
    /// The sentence of the last part.
    sentence: usize,
}

/// The key of a noun for matching wholes: its last word, singular, lower case; `None` when
/// the extractor read a verb as the noun ("50 of the 75 opposed", "25 voted yes").
fn noun_key(noun: Option<&str>) -> Option<String> {
    let noun = noun?.to_lowercase();
    let first = noun.split_whitespace().next()?;
    const VERBS: &[&str] = &[
        "said", "say", "were", "are", "was", "is", "had", "have", "did", "do", "went", "chose",
        "left", "stayed", "remain", "remained", "want", "wanted", "think", "thought",
    ];
    if VERBS.contains(&first) || (first.len() > 4 && first.ends_with("ed")) {
        return None;
    }
    let last = noun.split_whitespace().last()?;
    let key = match last.strip_suffix('s') {
        Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem,
        _ => last,
    };
    Some(key.to_string())
}

fn low_and_nominal(iv: &Interval, value: f64, q: Qualifier) -> (f64, f64) {
    let low = iv.lower.unwrap_or(0.0).max(0.0);
    let nominal = match q {
        Qualifier::LessThan | Qualifier::AtMost => low,
        _ => value,
    };
    (low, nominal)
}

/// A candidate part: its whole, the part, and whether it only joins as a list item.
fn candidate(c: &Claim) -> Option<(Whole, Part, bool)> {
    match c {
        Claim::Share(s) => {
            let whole = match (s.part, s.whole) {
                (Some(part), Some(whole)) => {
                    let iv = s.interval;
                    let (low, nominal) = low_and_nominal(&iv, s.percent, s.qualifier);
                    let p = Part {
                        span: s.span,
                        low: low * whole / 100.0,
                        nominal: nominal * whole / 100.0,
                        rounding: 0.0,
                        open_above: iv.upper.is_none(),
                        shown: part,
                    };
                    let w = Whole::Counted(whole, noun_key(s.noun.as_deref()));
                    return Some((w, p, false));
                }
                _ => {
                    // "a 51% stake", "a 30% share": holdings, each of its own company
                    let t = s.text.as_bytes();
                    let ends = |w: &str| {
                        t.len() >= w.len()
                            && t[t.len() - w.len()..].eq_ignore_ascii_case(w.as_bytes())
                    };
                    if ends("stake") || ends("share") {
                        return None;
                    }
                    Whole::Percent(noun_key(s.noun.as_deref()))
                }
            };
            let (low, nominal) = low_and_nominal(&s.interval, s.percent, s.qualifier);
            let rounding = if percent_text(&s.text) {
                half_step(s.percent)
            } else {
                0.0
            };
            Some((
                whole,
                Part {
                    span: s.span,
                    low,
                    nominal,
                    rounding,
                    open_above: s.interval.upper.is_none(),
                    shown: nominal,
                },
                false,
            ))
        }
        Claim::Quantity(q)
            if q.unit.dimension == Dimension::Percent
                && q.unit.symbol.as_deref() == Some("%")
                && q.range.is_none()
                && q.period.is_none() =>
        {
            let (low, nominal) = low_and_nominal(&q.interval, q.value, q.qualifier);
            Some((
                Whole::Percent(None),
                Part {
                    span: q.span,
                    low,
                    nominal,
                    rounding: half_step(q.value),
                    open_above: q.interval.upper.is_none(),
                    shown: nominal,
                },
                true,
            ))
        }
        _ => None,
    }
}

/// The words that join items of a list.
fn list_link(t: &str) -> bool {
    matches!(
        t.to_ascii_lowercase().as_str(),
        "," | ";" | "and" | "while" | "whereas" | "with" | "but" | "another" | "a" | "further"
    )
}

/// A gap that makes the next figure one more item of a list: it holds a link, and after the
/// last link at most one other word (a label: "and women 50%"; the words before the link are
/// the previous item's predicate: "47% were in favour, 41% against").
fn list_item(gap: &[&str]) -> bool {
    let Some(last_link) = gap.iter().rposition(|t| list_link(t)) else {
        return false;
    };
    let rest = &gap[last_link + 1..];
    rest.len() <= 1
        && rest.iter().all(|t| {
            t.chars()
                .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        })
}

/// The first token of sentence `s` at or after byte `offset` ("" at the end).
fn next_word<'a>(cx: &'a RuleCx, s: usize, offset: usize) -> &'a str {
    let toks = &cx.ex.sentences[s].tokens;
    let i = toks.partition_point(|t| t.span.start < offset);
    toks.get(i).map_or("", |t| cx.doc.original_slice(t.span))
}

/// Words that say the figures split one group between answers or kinds ("backed … opposed
/// … undecided", "men … women", "yes … no"). Shares that merely list things one group does
/// ("46% trusted the BBC, 38% newspapers, 30% social media") may overlap and are not summed.
const SPLIT_WORDS: &[&str] = &[
    "against",
    "oppose",
    "opposed",
    "opposes",
    "opposing",
    "undecided",
    "unsure",
    "uncertain",
    "neither",
    "none",
    "no",
    "yes",
    "disapprove",
    "disapproved",
    "disagree",
    "disagreed",
    "rest",
    "remaining",
    "remainder",
    "other",
    "others",
    "men",
    "women",
    "male",
    "female",
    "males",
    "females",
    "boys",
    "girls",
    "abstained",
    "abstain",
    "abstentions",
    "rejected",
    "reject",
    "rejecting",
    "refused",
    "favour",
    "favor",
    "don't",
    "didn't",
    "not",
];

/// What a sentence's words say about its figures: (it compares them, it splits a group).
fn sentence_words(cx: &RuleCx, s: usize) -> (bool, bool) {
    let (mut compares, mut splits) = (false, false);
    for t in &cx.ex.sentences[s].tokens {
        if t.kind == TokenKind::Number {
            continue;
        }
        let w = cx.doc.original_slice(t.span);
        compares |= ["respectively", "compared", "versus", "vs"]
            .iter()
            .any(|c| w.eq_ignore_ascii_case(c));
        splits |= SPLIT_WORDS.iter().any(|c| w.eq_ignore_ascii_case(c));
        if compares && splits {
            break;
        }
    }
    (compares, splits)
}

impl Check for Parts {
    fn check(&self, cx: &RuleCx, out: &mut Vec<Finding>) {
        let claims = &cx.ex.claims;
        let mut groups: Vec<Group> = Vec::new();
        // the group the previous sentence's list ended in, open for a continuation
        let mut open: Option<usize> = None;
        let mut prev_sentence: Option<usize> = None;
        for (s, run) in sentence_runs(cx) {
            let sentence = &cx.ex.sentences[s];
            let follows = prev_sentence
                .is_some_and(|p| p + 1 == s && cx.ex.sentences[p].block == sentence.block);
            prev_sentence = Some(s);
            if !follows {
                open = None;
            }
            // a continuation: one share alone in its sentence, opening it
            if run.len() == 1 {
                if let (Some(g), Some((whole, part, false))) = (open, candidate(&claims[run.start]))
                {
                    let opener = between(cx, s, sentence.span.start, part.span.start);
                    let opens = opener.len() <= 1
                        && opener.iter().all(|t| {
                            matches!(
                                t.to_ascii_lowercase().as_str(),
                                "another" | "and" | "but" | "while" | "only" | "just" | "a"
                            )
                        });
                    let same = match (&groups[g].whole, &whole) {
                        (Whole::Percent(_), Whole::Percent(None)) => true,
                        (Whole::Percent(a), Whole::Percent(b)) => a == b,
                        (Whole::Counted(a, _), Whole::Counted(b, _)) => a == b,
                        _ => false,
                    };
                    if opens && same {
                        groups[g].splits |= sentence_words(cx, s).1;
                        groups[g].parts.push(part);
                        groups[g].sentence = s;
                        continue;
                    }
                }
            }
            let first_group = groups.len();
            // read the sentence's words only when it has a group
            let words = std::cell::OnceCell::new();
            // the last part placed in this sentence: (group, end offset, nominal)
            let mut last: Option<(usize, usize, f64)> = None;
            let mut last_date: Option<usize> = None;
            for c in &claims[run.clone()] {
                if let Claim::Date(d) = c {
                    last_date = Some(d.span.end);
                    continue;
                }
                let Some((whole, part, list_only)) = candidate(c) else {
                    continue;
                };
                // "among adults, 48% …; among teenagers, 61% …": another group
                let mut subgroup = false;
                if let Some((_, end, nominal)) = last {
                    if part.span.start < end {
                        continue;
                    }
                    let gap = between(cx, s, end, part.span.start);
                    subgroup = gap.iter().any(|t| {
                        t.eq_ignore_ascii_case("among") || t.eq_ignore_ascii_case("amongst")
                    });
                    // "over half of respondents, 52%,": the same part said twice
                    if restates(&gap)
                        && !(gap.len() == 1 && gap[0] == "," && !list_only)
                        && (part.nominal - nominal).abs() <= 5.0
                    {
                        continue;
                    }
                    if list_only && !list_item(&gap) {
                        continue;
                    }
                    // "and 45% of them": a share of a share, whose noun the extractor left out
                    if list_only && next_word(cx, s, part.span.end).eq_ignore_ascii_case("of") {
                        continue;
                    }
                } else if list_only {
                    continue;
                }
                let target = match &whole {
                    Whole::Percent(None) => last
                        .map(|(g, _, _)| g)
                        .filter(|&g| !subgroup && matches!(groups[g].whole, Whole::Percent(_))),
                    Whole::Percent(Some(_)) => {
                        (first_group..groups.len()).find(|&g| groups[g].whole == whole)
                    }
                    Whole::Counted(w, key) => (first_group..groups.len()).find(|&g| {
                        matches!(&groups[g].whole, Whole::Counted(w2, k2)
                            if w2 == w && (key.is_none() || k2.is_none() || k2 == key))
                    }),
                };
                let end = part.span.end;
                let nominal = part.nominal;
                let g = match target {
                    Some(g) => {
                        let grp = &mut groups[g];
                        let prev_end = grp.parts.last().map_or(0, |p| p.span.end);
                        if last_date.is_some_and(|d| d > prev_end && d <= part.span.start) {
                            grp.broken = true;
                        }
                        grp.parts.push(part);
                        g
                    }
                    None => {
                        groups.push(Group {
                            whole,
                            parts: vec![part],
                            broken: words.get_or_init(|| sentence_words(cx, s)).0,
                            splits: words.get_or_init(|| sentence_words(cx, s)).1,
                            sentence: s,
                        });
                        groups.len() - 1
                    }
                };
                last = Some((g, end, nominal));
            }
            open = last.map(|(g, _, _)| g).filter(|&g| groups[g].sentence == s);
        }
        for g in &groups {
            self.judge(cx, g, out);
        }
    }
}

impl Parts {
    fn judge(&self, cx: &RuleCx, g: &Group, out: &mut Vec<Finding>) {
        if g.parts.len() < 2 {
            return;
        }
        if g.broken || !g.splits {
            return;
        }
        let (total, allowance, unit) = match g.whole {
            Whole::Percent(_) => {
                let rounding: f64 = g.parts.iter().map(|p| p.rounding).sum();
                (100.0, self.tolerance.max(rounding), "%")
            }
            Whole::Counted(w, _) => (w, 0.0, ""),
        };
        // two majorities of one whole are overlapping answers, not a split
        if g.parts.iter().filter(|p| p.nominal > total / 2.0).count() >= 2 {
            return;
        }
        let low: f64 = g.parts.iter().map(|p| p.low).sum();
        let nominal: f64 = g.parts.iter().map(|p| p.nominal).sum();
        let limit = total + allowance + 1e-9;
        let severity = if low > limit {
            Severity::Error
        } else if nominal > limit {
            Severity::Warning
        } else {
            return;
        };
        let bounded = g.parts.iter().any(|p| p.open_above);
        let sum = if severity == Severity::Error && ((low - nominal).abs() > 1e-9 || bounded) {
            format!("at least {}{unit}", template::number(low))
        } else {
            format!("{}{unit}", template::number(nominal))
        };
        let parts = g
            .parts
            .iter()
            .map(|p| format!("{}{unit}", template::number(p.shown)))
            .collect::<Vec<_>>()
            .join(" + ");
        let verdict = if severity == Severity::Error {
            super::ladder::Verdict::Contradicts
        } else {
            super::ladder::Verdict::Outside
        };
        let template = cx.template(verdict, DEFAULT_OUTSIDE, DEFAULT_OUTSIDE);
        let last = g.parts.last().expect("a group has parts");
        let mut f = cx.finding(
            severity,
            template,
            &[
                ("total", format!("{}{unit}", template::number(total))),
                ("sum", sum),
                ("parts", parts),
            ],
            last.span,
        );
        for p in &g.parts[..g.parts.len() - 1] {
            f.related
                .push(cx.related(p.span, "another part of the same whole"));
        }
        out.push(f);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn noun_keys() {
        assert_eq!(noun_key(Some("members")).as_deref(), Some("member"));
        assert_eq!(
            noun_key(Some("the workforce")).as_deref(),
            Some("workforce")
        );
        assert_eq!(noun_key(Some("opposed")), None);
        assert_eq!(noun_key(Some("voted yes")), None);
        assert_eq!(noun_key(Some("bus")).as_deref(), Some("bus"));
        assert!(list_item(&[",", "and"]) && list_item(&["and", "women"]));
        assert!(list_item(&["were", "in", "favour", ","]));
        assert!(!list_item(&[",", "and", "turnout", "was"]));
        assert!(!list_item(&["("]));
    }
}
