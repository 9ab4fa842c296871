//! `age`: a stated age against a birth year, given the document date. Someone born in 1958
//! is 57 or 58 in a document dated 2016-08-30 (58 once the birthday has passed), so
//! "Jane Roe, 52, was born in 1958" is an error. Without a document date nothing is checked:
//! the rule never reads the clock.
//!
//! Pairing (age claims only, never the text):
//! - the same `person` (exact name, white space and case folded): an age and a birth year of
//!   that person anywhere in the document;
//! - in one sentence, when one or both of the claims name no person: only when the sentence
//!   holds exactly one stated age and one birth year that could pair, at most four words
//!   apart, with no person named and no possessive ("his father, born in 1950") between
//!   them, and when neither names a person other than the other's.
//!
//! An age may describe another time ("In 1990, Smith, 30, ..."; "at the age of 30";
//! "who was 30 when ..."; "turns 60 next year"): an age in a sentence that names a year
//! other than the document's (a date claim outside the birth year itself) or a word that
//! moves the time ("when", "until", "died", "turns", "will", ...) is not checked, nor an
//! age written "the age of 30" / "age 30".

use super::{Check, RawRule, RuleCx};
use crate::claims::date::Granularity;
use crate::claims::{AgeClaim, Claim};
use crate::document::Span;
use crate::findings::{Finding, Severity};
use crate::text::tokens::TokenKind;
use std::collections::HashMap;

pub const PARAMS: &[&str] = &[];
/// `{person}` the person (or "The person" when unnamed), `{age}` the stated age,
/// `{birth_year}` the birth year, `{expected}` the ages that fit ("57 or 58").
pub const FIELDS: &[&str] = &["person", "age", "birth_year", "expected"];

pub fn build(_raw: &RawRule) -> Result<Box<dyn Check>, String> {
    Ok(Box::new(Age))
}

struct Age;

/// Words that move an age to another time than the document's.
const TIME_SHIFT: &[&str] = &[
    "until", "till", "when", "whenever", "then", "died", "dies", "death", "dead", "killed", "late",
    "turn", "turns", "turned", "turning", "will", "would", "'ll", "became", "become", "becomes",
    "once", "former", "formerly", "ago",
];

/// Possessives between an age and a birth year point at another person.
const POSSESSIVES: &[&str] = &["his", "her", "their", "its", "whose", "my", "our", "your"];

/// The person name of a claim, folded for matching.
fn person_key(a: &AgeClaim) -> Option<String> {
    a.person.as_ref().map(|p| {
        p.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    })
}

/// One age claim read for pairing, with its sentence.
#[derive(Clone, Copy)]
struct Item<'a> {
    claim: &'a AgeClaim,
    sentence: usize,
}

/// A sentence's claims that state only an age (counted) or only a birth year.
#[derive(Default)]
struct Lone<'a> {
    ages: usize,
    births: Vec<Item<'a>>,
}

impl Check for Age {
    fn check(&self, cx: &RuleCx, out: &mut Vec<Finding>) {
        let Some(date) = cx.doc.date else { return };
        let year = i32::from(date.year());
        let mut ages: Vec<Item> = Vec::new();
        let mut births: Vec<Item> = Vec::new();
        for (k, c) in cx.ex.claims.iter().enumerate() {
            let Claim::Age(a) = c else { continue };
            let item = Item {
                claim: a,
                sentence: cx.ex.claim_sentence[k],
            };
            if a.birth_year.is_some_and(|y| y < year && y > year - 130) {
                births.push(item);
            }
            if a.age.is_some_and(|n| n < 130) {
                ages.push(item);
            }
        }
        if ages.is_empty() || births.is_empty() {
            return;
        }
        let mut births_of: HashMap<String, Vec<Item>> = HashMap::new();
        for b in &births {
            if let Some(p) = person_key(b.claim) {
                births_of.entry(p).or_default().push(*b);
            }
        }
        // per sentence: the claims that state only an age or only a birth year
        let mut by_sentence: HashMap<usize, Lone> = HashMap::new();
        for x in ages.iter().chain(&births) {
            if x.claim.age.is_some() == x.claim.birth_year.is_some() {
                continue;
            }
            let e = by_sentence.entry(x.sentence).or_default();
            if x.claim.age.is_some() {
                e.ages += 1;
            } else {
                e.births.push(*x);
            }
        }
        let mut shifted: HashMap<usize, bool> = HashMap::new();
        for a in &ages {
            let age = a.claim.age.unwrap_or_default();
            let shifted = *shifted
                .entry(a.sentence)
                .or_insert_with(|| time_shifted(cx, a.sentence, year));
            if shifted || historical(a.claim) {
                continue;
            }
            let candidates: Vec<Item> = match a.claim.birth_year {
                // "(58, born 1958)": the claim holds both
                Some(_) => vec![*a],
                None => {
                    let mut v = person_key(a.claim)
                        .and_then(|p| births_of.get(&p).cloned())
                        .unwrap_or_default();
                    if v.is_empty() {
                        v.extend(same_sentence(cx, a, &by_sentence));
                    }
                    v
                }
            };
            let Some(first) = candidates.first() else {
                continue;
            };
            let fits = |b: &Item| {
                let by = b.claim.birth_year.unwrap_or_default();
                let n = i64::from(age);
                n == i64::from(year - by) || n == i64::from(year - by - 1)
            };
            if candidates.iter().any(fits) {
                continue;
            }
            let by = first.claim.birth_year.unwrap_or_default();
            let person = a
                .claim
                .person
                .clone()
                .or_else(|| first.claim.person.clone())
                .unwrap_or_else(|| "The person".to_string());
            let expected = format!("{} or {}", year - by - 1, year - by);
            let mut f = cx.finding(
                Severity::Error,
                &cx.rule.message,
                &[
                    ("person", person),
                    ("age", age.to_string()),
                    ("birth_year", by.to_string()),
                    ("expected", expected.clone()),
                ],
                a.claim.span,
            );
            if !std::ptr::eq(first.claim, a.claim) {
                f.related.push(cx.related(
                    first.claim.span,
                    format!("born in {by}: {expected} on {date}"),
                ));
            }
            out.push(f);
        }
    }
}

/// The claims of sentence `s` (claims are ordered by position, so their sentences are too).
fn sentence_claims<'a>(cx: &RuleCx<'a>, s: usize) -> &'a [Claim] {
    let ex = cx.ex;
    let a = ex.claim_sentence.partition_point(|&k| k < s);
    let b = ex.claim_sentence.partition_point(|&k| k <= s);
    &ex.claims[a..b]
}

/// "the age of 30", "age 30": mostly an age at some past event.
fn historical(a: &AgeClaim) -> bool {
    let t = a.text.trim_start().to_lowercase();
    t.starts_with("the age of") || t.starts_with("age ") || t.starts_with("at ")
}

/// The sentence names a year other than the document's (outside a birth year), or a word
/// that moves the time.
fn time_shifted(cx: &RuleCx, s: usize, year: i32) -> bool {
    let sentence = &cx.ex.sentences[s];
    let claims = sentence_claims(cx, s);
    let births: Vec<Span> = claims
        .iter()
        .filter_map(|c| match c {
            Claim::Age(a) if a.birth_year.is_some() => Some(a.span),
            _ => None,
        })
        .collect();
    let other_year = claims.iter().any(|c| match c {
        // "last year", "in 1990"; not "in March" read as last March
        Claim::Date(d) if !d.relative || d.granularity == Granularity::Year => {
            !births.iter().any(|b| b.contains(d.span))
                && [d.start, d.end]
                    .iter()
                    .flatten()
                    .any(|x| i32::from(x.year()) != year)
        }
        _ => false,
    });
    other_year
        || sentence.tokens.iter().any(|t| {
            t.kind == TokenKind::Word && {
                let w = cx.doc.original_slice(t.span).to_lowercase();
                TIME_SHIFT.contains(&w.as_str())
            }
        })
}

/// The birth year an age without a person match pairs with in its own sentence, if the
/// pairing is unambiguous (see the module documentation).
fn same_sentence<'a>(
    cx: &RuleCx,
    a: &Item<'a>,
    by_sentence: &HashMap<usize, Lone<'a>>,
) -> Option<Item<'a>> {
    let here = by_sentence.get(&a.sentence)?;
    if here.ages != 1 || here.births.len() != 1 {
        return None;
    }
    let b = here.births[0];
    // two named persons: different ones (the same person was matched before)
    if a.claim.person.is_some() && b.claim.person.is_some() {
        return None;
    }
    let (first, second) = if a.claim.span.start < b.claim.span.start {
        (a.claim.span, b.claim.span)
    } else {
        (b.claim.span, a.claim.span)
    };
    if first.end > second.start {
        return None;
    }
    let gap = Span::new(first.end, second.start);
    // a person named between them is someone else
    let person_between = sentence_claims(cx, a.sentence).iter().any(|c| match c {
        Claim::Person(p) | Claim::Organisation(p) => gap.contains(p.span),
        _ => false,
    });
    if person_between {
        return None;
    }
    let mut words = 0;
    for t in &cx.ex.sentences[a.sentence].tokens {
        if !gap.contains(t.span) || t.kind == TokenKind::Punct {
            continue;
        }
        words += 1;
        let w = cx.doc.original_slice(t.span).to_lowercase();
        if POSSESSIVES.contains(&w.as_str()) || w.ends_with("'s") || w.ends_with("\u{2019}s") {
            return None;
        }
    }
    (words <= 4).then_some(b)
}
