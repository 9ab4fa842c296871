//! Age claims: "John Doe, 58," and birth years ("born in 1966").
//!
//! Patterns: a name followed by ", NN," (or "(NN)"); "the 58-year-old engineer",
//! "58 years old", "aged 58", "at the age of 58" (with the person when a name is adjacent);
//! "born in 1966", "(born 1966)", "b. 1966" (with the person when a name comes before in
//! the same clause).

use super::{Claim, Ctx};
use crate::document::Span;
use crate::time::calendar::{month_number, number_word, weekday_of};
use crate::time::lex::lower_into;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgeClaim {
    pub span: Span,
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<i32>,
}

/// Capitalised words that open a name-like run but are not part of the name.
fn is_stop(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "In"
            | "On"
            | "At"
            | "For"
            | "From"
            | "By"
            | "With"
            | "And"
            | "But"
            | "Of"
            | "As"
            | "To"
            | "When"
            | "While"
            | "After"
            | "Before"
            | "Since"
            | "According"
            | "Said"
            | "Says"
            | "Mr"
            | "Mrs"
            | "Ms"
            | "Dr"
            | "Prof"
            | "Professor"
            | "President"
            | "Premier"
            | "Minister"
            | "Chairman"
            | "Chairwoman"
            | "Sir"
            | "Dame"
            | "Lord"
            | "Lady"
            | "General"
            | "Gen"
            | "Captain"
            | "Judge"
            | "Senator"
            | "Sen"
            | "Rep"
            | "Governor"
            | "Mayor"
            | "Chief"
            | "Officer"
            | "Director"
            | "Secretary"
            | "Vice"
            | "Deputy"
            | "Founder"
            | "CEO"
            | "Ambassador"
            | "Pope"
            | "King"
            | "Queen"
            | "Prince"
            | "Princess"
            | "Saint"
            | "St"
            | "Then"
            | "Now"
            | "Also"
            | "Only"
            | "If"
            | "Yet"
            | "So"
            | "Or"
            | "Nor"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "It"
            | "He"
            | "She"
            | "They"
            | "We"
            | "I"
            | "You"
            | "His"
            | "Her"
            | "Their"
            | "Our"
            | "My"
            | "Its"
    )
}

fn is_calendar_word(w: &str) -> bool {
    let mut buf = [0u8; 16];
    lower_into(w, &mut buf)
        .is_some_and(|(l, _)| month_number(l).is_some() || weekday_of(l).is_some())
}

fn is_preposition(ctx: &Ctx, i: usize) -> bool {
    [
        "in", "at", "from", "to", "of", "near", "for", "with", "by", "on", "into", "across",
    ]
    .iter()
    .any(|w| ctx.is(i, w))
}

/// A name word: capitalised, not all capitals (unless a single letter initial).
fn name_word(ctx: &Ctx, i: usize) -> bool {
    if !ctx.is_capitalised(i) {
        return false;
    }
    let t = ctx.tok(i);
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    letters == 1 || t.chars().any(|c| c.is_lowercase())
}

/// The name whose last token is `e`: two or more capitalised words, or one that does not
/// open the sentence, follow a preposition or name a month or weekday. Returns its first
/// token.
fn name_ending_at(ctx: &Ctx, e: usize) -> Option<usize> {
    if e >= ctx.len() || !name_word(ctx, e) || ctx.tok(e).len() < 2 {
        return None;
    }
    let mut s = e;
    let mut words = 1;
    while s > 0 && words < 5 {
        // "Jean-Pierre", "John F. Kennedy"
        if s >= 2
            && ctx.tok(s - 1) == "-"
            && ctx.joined(s - 1)
            && ctx.joined(s)
            && name_word(ctx, s - 2)
        {
            s -= 2;
            continue;
        }
        if s >= 3
            && ctx.tok(s - 1) == "."
            && ctx.joined(s - 1)
            && ctx.tok(s - 2).chars().count() == 1
            && name_word(ctx, s - 2)
            && name_word(ctx, s - 3)
        {
            s -= 3;
            words += 2;
            continue;
        }
        if name_word(ctx, s - 1) && !ctx.joined(s) {
            s -= 1;
            words += 1;
            continue;
        }
        break;
    }
    // drop leading function words and titles
    while s <= e && is_stop(ctx.tok(s)) {
        s += 1;
        words -= 1;
    }
    if s > e || words == 0 {
        return None;
    }
    if (s..=e).any(|k| is_calendar_word(ctx.tok(k)) || is_stop(ctx.tok(k))) {
        return None;
    }
    if words >= 2 {
        return Some(s);
    }
    // one word: not sentence-initial (after opening quotes), not after a preposition
    let opening = (0..s).all(|k| ctx.kind(k) == Some(crate::text::tokens::TokenKind::Punct));
    if opening
        || (s > 0 && is_preposition(ctx, s - 1))
        || (s > 0 && is_stop(ctx.tok(s - 1)) && s == 1)
    {
        return None;
    }
    Some(s)
}

/// A name just before `i`, skipping a comma, an article or "is"/"was".
fn name_before(ctx: &Ctx, i: usize) -> Option<(usize, usize)> {
    let mut k = i;
    let mut steps = 0;
    while k > 0 && steps < 4 {
        let t = ctx.tok(k - 1);
        if matches!(
            t,
            "," | "(" | "a" | "an" | "the" | "is" | "was" | "who" | "aged"
        ) {
            k -= 1;
            steps += 1;
            continue;
        }
        break;
    }
    if k == 0 {
        return None;
    }
    let e = k - 1;
    name_ending_at(ctx, e).map(|s| (s, e))
}

/// A name just after `k` ("58-year-old John Doe", "58-year-old engineer John Doe").
fn name_after(ctx: &Ctx, k: usize) -> Option<(usize, usize)> {
    let mut s = k;
    if !name_word(ctx, s) {
        let skippable = ctx.is_word(s)
            && !ctx.is_capitalised(s)
            && !is_preposition(ctx, s)
            && ![
                "who", "and", "or", "was", "is", "has", "had", "said", "says", "that", "which",
                "whose", "but", "died", "will", "would",
            ]
            .iter()
            .any(|w| ctx.is(s, w));
        if !skippable || !name_word(ctx, s + 1) {
            return None;
        }
        s += 1;
    }
    let mut e = s;
    while e + 1 < ctx.len() && e - s < 4 && name_word(ctx, e + 1) && !ctx.joined(e + 1) {
        e += 1;
    }
    if (s..=e).any(|x| is_calendar_word(ctx.tok(x)) || is_stop(ctx.tok(x))) {
        return None;
    }
    Some((s, e))
}

fn plain_int(ctx: &Ctx, i: usize) -> Option<u32> {
    if !ctx.is_number(i) {
        return None;
    }
    let t = ctx.tok(i);
    if t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok()
}

/// A number written before `e` (exclusive) as digits or words ("58", "five",
/// "fifty-eight"): value and first token.
fn number_ending_before(ctx: &Ctx, e: usize) -> Option<(u32, usize)> {
    let i = e.checked_sub(1)?;
    if let Some(v) = plain_int(ctx, i) {
        return Some((v, i));
    }
    let word = |k: usize| {
        let mut buf = [0u8; 16];
        lower_into(ctx.tok(k), &mut buf).and_then(|(w, _)| number_word(w))
    };
    let units = word(i)?;
    if units < 10 && i >= 2 && ctx.tok(i - 1) == "-" && ctx.joined(i - 1) && ctx.joined(i) {
        if let Some(tens) = word(i - 2) {
            if tens >= 20 && tens % 10 == 0 && tens < 100 {
                return Some((tens + units, i - 2));
            }
        }
    }
    Some((units, i))
}

fn is_punct(ctx: &Ctx, i: usize, p: &str) -> bool {
    ctx.kind(i) == Some(crate::text::tokens::TokenKind::Punct) && ctx.tok(i) == p
}

fn push(
    ctx: &Ctx,
    out: &mut Vec<Claim>,
    a: usize,
    b: usize,
    person: Option<(usize, usize)>,
    age: Option<u32>,
    birth: Option<i32>,
) {
    if a > b || b >= ctx.len() {
        return;
    }
    let span = ctx.span(a, b);
    let Some(text) = ctx.text.get(span.start..span.end) else {
        return;
    };
    out.push(Claim::Age(AgeClaim {
        span,
        text: text.to_string(),
        person: person.map(|(s, e)| ctx.slice(s, e).to_string()),
        age,
        birth_year: birth,
    }));
}

/// The birth year after "born" at `i`: the first plausible year within the clause.
fn birth_year_after(ctx: &Ctx, i: usize) -> Option<(i32, usize)> {
    let max_year = ctx.doc.date.map_or(2100, |d| i32::from(d.year()));
    let mut k = i + 1;
    while k < ctx.len() && k <= i + 9 {
        let t = ctx.tok(k);
        if matches!(t, "." | ";" | ")" | "(" | ":") {
            return None;
        }
        // a comma ends the clause unless it sits inside a date ("March 3, 1966")
        if t == "," && !(k >= 1 && plain_int(ctx, k - 1).is_some_and(|d| (1..=31).contains(&d))) {
            return None;
        }
        if let Some(y) = plain_int(ctx, k) {
            if ctx.tok(k).len() == 4 && (1800..=max_year as u32).contains(&y) {
                // "born in the 1960s" is a decade
                if ctx.joined(k + 1) && ctx.is_word(k + 1) {
                    return None;
                }
                return Some((y as i32, k));
            }
        }
        k += 1;
    }
    None
}

pub fn extract(ctx: &Ctx, out: &mut Vec<Claim>) {
    let n = ctx.len();
    let mut last_end = 0usize; // claims do not overlap
    let mut i = 0;
    while i < n {
        if !may_start_age(ctx.tok(i)) {
            i += 1;
            continue;
        }
        let Some(claim_end) = one(ctx, i, last_end, out) else {
            i += 1;
            continue;
        };
        last_end = claim_end + 1;
        i = claim_end + 1;
    }
}

/// Whether a pattern may start at a token of text `t`: every one starts at a number,
/// "year(s)", "age(d)", "born" or "b", told apart here by first byte and length.
#[inline]
fn may_start_age(t: &str) -> bool {
    let n = t.len();
    match t.as_bytes().first() {
        Some(b'0'..=b'9') => true,
        Some(b'y' | b'Y') => n == 4 || n == 5,
        Some(b'a' | b'A') => n == 3 || n == 4,
        Some(b'b' | b'B') => n == 1 || n == 4,
        _ => false,
    }
}

/// Tries every pattern at token `i`; returns the last token of the claim it pushed.
#[inline(never)]
fn one(ctx: &Ctx, i: usize, min_start: usize, out: &mut Vec<Claim>) -> Option<usize> {
    let t = ctx.tok(i);
    if ctx.is_number(i) {
        // "John Doe, 58," / "John Doe (58)"
        if let Some(v) = plain_int(ctx, i) {
            let ok_age = (1..=120).contains(&v) && t.len() <= 3;
            let comma_form = i >= 2
                && is_punct(ctx, i - 1, ",")
                && matches!(
                    ctx.tok(i + 1),
                    "," | "." | ";" | ")" | ":" | "" | "\u{2014}"
                )
                && !(ctx.tok(i + 1) == "," && ctx.is_number(i + 2));
            let paren_form = i >= 2 && is_punct(ctx, i - 1, "(") && is_punct(ctx, i + 1, ")");
            if ok_age && (comma_form || paren_form) {
                if let Some(s) = name_ending_at(ctx, i - 2) {
                    if s >= min_start {
                        let e = if paren_form { i + 1 } else { i };
                        push(ctx, out, s, e, Some((s, i - 2)), Some(v), None);
                        return Some(e);
                    }
                }
            }
        }
    }
    let year_tok = ctx.is(i, "year") || ctx.is(i, "years");
    if year_tok {
        // "58-year-old", "58 years old", "58-years-old", "58 years of age"
        let hyph_before = i >= 2 && ctx.tok(i - 1) == "-" && ctx.joined(i - 1) && ctx.joined(i);
        let num_end = if hyph_before { i - 1 } else { i };
        let (old_end, ok) = if ctx.tok(i + 1) == "-" && ctx.joined(i + 1) && ctx.is(i + 2, "old") {
            (i + 2, true)
        } else if ctx.is(i + 1, "old") {
            (i + 1, true)
        } else if ctx.is(i + 1, "of") && ctx.is(i + 2, "age") {
            (i + 2, true)
        } else {
            (i, false)
        };
        if ok {
            if let Some((v, s)) = number_ending_before(ctx, num_end) {
                if s >= min_start && v >= 1 {
                    // "-old" glued to a noun ("58-year-old") or after "is" ("is 58 years old")
                    let person = name_before(ctx, s).or_else(|| name_after(ctx, old_end + 1));
                    push(ctx, out, s, old_end, person, Some(v), None);
                    return Some(old_end);
                }
            }
        }
    }
    if ctx.is(i, "aged") || ctx.is(i, "age") {
        // "aged 58", "at age 58", "at the age of 58"
        let mut s = i;
        let mut k = i + 1;
        if ctx.is(i, "age") {
            if ctx.is(k, "of") {
                k += 1;
            }
            if i >= 1 && ctx.is(i - 1, "the") {
                s = i - 1;
            }
        }
        if let Some(v) = plain_int(ctx, k).or_else(|| {
            number_ending_before(ctx, k + 1)
                .filter(|x| x.1 == k)
                .map(|x| x.0)
        }) {
            // "aged 18 to 30", "aged 18-30": a range of ages, not one person's
            let range =
                matches!(ctx.tok(k + 1), "-" | "to" | "and" | "\u{2013}") && ctx.is_number(k + 2);
            if (1..=120).contains(&v) && !range && s >= min_start && !ctx.is(k + 1, "percent") {
                let before = if s >= 1 && ctx.is(s - 1, "at") {
                    s - 1
                } else {
                    s
                };
                let person = name_before(ctx, before);
                push(ctx, out, s, k, person, Some(v), None);
                return Some(k);
            }
        }
    }
    if ctx.is(i, "born") && i >= min_start {
        if let Some((y, k)) = birth_year_after(ctx, i) {
            let mut b = i;
            while b > 0 && (ctx.is(b - 1, "was") || ctx.is(b - 1, "who") || ctx.is(b - 1, "is")) {
                b -= 1;
            }
            let person = name_before(ctx, b);
            push(ctx, out, i, k, person, None, Some(y));
            return Some(k);
        }
    }
    if t == "b" && is_punct(ctx, i + 1, ".") && ctx.joined(i + 1) && i >= min_start {
        if let Some(y) = plain_int(ctx, i + 2) {
            if ctx.tok(i + 2).len() == 4 && (1800..=2100).contains(&y) {
                let person = name_before(ctx, i);
                push(ctx, out, i, i + 2, person, None, Some(y as i32));
                return Some(i + 2);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::scan::testutil::with_ctx;

    type Row = (Option<String>, Option<u32>, Option<i32>, String);

    fn ages(text: &str) -> Vec<Row> {
        with_ctx(text, "", |ctx| {
            let mut out = Vec::new();
            extract(ctx, &mut out);
            out
        })
        .concat()
        .into_iter()
        .filter_map(|c| match c {
            Claim::Age(a) => Some((a.person, a.age, a.birth_year, a.text)),
            _ => None,
        })
        .collect()
    }

    #[test]
    fn names_before_ages() {
        assert_eq!(
            ages("Retired engineer Jean-Pierre Dupont, 61, and John F. Kennedy (46) met."),
            vec![
                (
                    Some("Jean-Pierre Dupont".into()),
                    Some(61),
                    None,
                    "Jean-Pierre Dupont, 61".into()
                ),
                (
                    Some("John F. Kennedy".into()),
                    Some(46),
                    None,
                    "John F. Kennedy (46)".into()
                ),
            ]
        );
    }

    #[test]
    fn not_names() {
        assert!(ages("On Tuesday, 58, the count rose.").is_empty());
        assert!(ages("NASA, 58, said.").is_empty());
        assert!(ages("The list was 1, 2, 3, and Smith, 4, 5.").is_empty());
        assert!(ages("Smith got 58% and 58, 60 points.").is_empty());
    }

    #[test]
    fn ages_of_things_and_people() {
        assert_eq!(
            ages("The 300-year-old temple stood."),
            vec![(None, Some(300), None, "300-year-old".into())]
        );
        assert_eq!(
            ages("He died at the age of 81 and she at age 79."),
            vec![
                (None, Some(81), None, "the age of 81".into()),
                (None, Some(79), None, "age 79".into()),
            ]
        );
        assert_eq!(
            ages("Mary Lee, a 40-year-old nurse, spoke."),
            vec![(
                Some("Mary Lee".into()),
                Some(40),
                None,
                "40-year-old".into()
            )]
        );
    }

    #[test]
    fn birth_years() {
        assert_eq!(
            ages("Ada Lovelace, who was born in London in 1815, wrote notes."),
            vec![(
                Some("Ada Lovelace".into()),
                None,
                Some(1815),
                "born in London in 1815".into()
            )]
        );
        assert!(ages("He was born in the 1960s.").is_empty());
        assert!(ages("She was born in Paris, and 1815 was a year.").is_empty());
    }
}
