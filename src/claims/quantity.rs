//! Quantity claims: a figure with its qualifier, unit or counted noun, and period; and the
//! driver that reads every figure of a sentence once and hands it to the kind it belongs to
//! (rate, change, share, conversion, or plain quantity).

use super::{change, conversion, rate, share, Claim, Ctx};
use crate::document::Span;
use crate::numbers::figure::{self, Figure};
use crate::numbers::interval::{asserted, Interval};
use crate::numbers::qualifier::{Qualifier, DEFAULT_TOLERANCE, PHRASES};
use crate::numbers::units::{Dimension, Form, Unit, UNITS};
use crate::text::lexicon::Lexicon;
use crate::text::tokens::TokenKind;
use crate::time::period::Period;
use serde::Serialize;
use std::ops::Range;
use std::sync::LazyLock;

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
    pub range: Option<(f64, f64)>,
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

/// The qualifier phrase ending just before token `i`: (qualifier, first token).
pub fn qualifier_before(ctx: &Ctx, i: usize) -> Option<(Qualifier, usize)> {
    if i == 0 {
        return None;
    }
    let mut best: Option<(Qualifier, usize)> = None;
    for (words, q) in QUALIFIER_LEXICON.candidates(ctx.tok(i - 1)) {
        let n = words.len();
        if i < n {
            continue;
        }
        if ctx.seq(i - n, words) && best.is_none_or(|(_, s)| i - n < s) {
            best = Some((*q, i - n));
        }
    }
    best
}

static UNIT_LEXICON: LazyLock<Lexicon<(Form, Dimension, &'static str, f64)>> =
    LazyLock::new(|| {
        Lexicon::new(
            UNITS
                .iter()
                .map(|(w, f, d, s, x)| (*w, (*f, *d, *s, *x)))
                .collect(),
            0,
        )
    });

static QUALIFIER_LEXICON: LazyLock<Lexicon<Qualifier>> =
    LazyLock::new(|| Lexicon::new(PHRASES.iter().map(|(w, q)| (*w, *q)).collect(), usize::MAX));

/// A unit of measure starting at token `j`, right after a figure: (unit, tokens used).
pub fn unit_at(ctx: &Ctx, j: usize) -> Option<(Unit, usize)> {
    let first = ctx.tokens.get(j)?;
    if first.kind == TokenKind::Number {
        return None;
    }
    let mut best: Option<(Unit, usize)> = None;
    let first_tok = ctx.tok(j);
    for (words, (form, dim, sym, factor)) in UNIT_LEXICON.candidates(first_tok) {
        // glued-only symbols ("5g", "10l", "30C") also stand spaced when nothing follows
        // ("2 g.", "7 l"), never before a word
        let after = j + words.len();
        if *form == Form::Glued
            && !ctx.joined(j)
            && words[0] != "in"
            && ctx.is_word(after)
            && !is_stop(ctx.tok(after))
        {
            continue;
        }
        // single letters that read as words or initials stand spaced only at a clause end
        if *form == Form::Glued
            && !ctx.joined(j)
            && matches!(words[0], "c" | "f" | "m" | "h")
            && (words[0] != "h" || ctx.is_word(after))
        {
            continue;
        }
        if best.as_ref().is_some_and(|(_, n)| *n >= words.len()) || !ctx.seq(j, words) {
            continue;
        }
        // "in" is an inch only at the end of a clause or before a dimension word ("2 in
        // thick"); "'" is a foot unless a letter is glued after it ("the 90's")
        if words[0] == "in"
            && ctx.is_word(j + 1)
            && !matches!(
                ctx.lower(j + 1).as_str(),
                "thick" | "long" | "wide" | "tall" | "high" | "deep" | "across" | "diameter"
            )
        {
            continue;
        }
        if words[0] == "'" && words.len() == 1 && ctx.joined(j + 1) && ctx.is_word(j + 1) {
            continue;
        }
        // a straight double quote after a figure is an inch mark unless it closes a quotation
        if words[0] == "\""
            && ctx.tokens[..j]
                .iter()
                .filter(|t| t.text(ctx.text) == "\"")
                .count()
                % 2
                == 1
        {
            continue;
        }
        // "°" "C", "km" "/" "h": symbols are glued together
        if words.len() > 1
            && ((words[0] == "°" && words[1].len() == 1) || words[1] == "/")
            && !ctx.joined(j + 1)
        {
            continue;
        }
        best = Some((
            Unit {
                dimension: *dim,
                symbol: Some((*sym).to_string()),
                factor: *factor,
            },
            words.len(),
        ));
    }
    best
}

/// Words that end a counted noun phrase.
const NOUN_STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "by",
    "with",
    "and",
    "or",
    "but",
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "may",
    "might",
    "should",
    "must",
    "every",
    "per",
    "each",
    "last",
    "this",
    "next",
    "than",
    "as",
    "its",
    "their",
    "his",
    "her",
    "our",
    "your",
    "my",
    "it",
    "they",
    "we",
    "he",
    "she",
    "you",
    "i",
    "there",
    "here",
    "alone",
    "so",
    "such",
    "if",
    "when",
    "while",
    "during",
    "since",
    "until",
    "over",
    "under",
    "about",
    "around",
    "into",
    "onto",
    "across",
    "after",
    "before",
    "between",
    "among",
    "through",
    "against",
    "without",
    "within",
    "up",
    "down",
    "out",
    "off",
    "more",
    "less",
    "fewer",
    "not",
    "no",
    "do",
    "does",
    "did",
    "said",
    "says",
    "say",
    "according",
    "compared",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "ago",
    "earlier",
    "later",
    "annually",
    "daily",
    "weekly",
    "monthly",
    "yearly",
    "hourly",
    "percent",
    "cent",
    "times",
    "both",
    "all",
    "also",
    "only",
    "just",
    "even",
    "still",
    "already",
    "now",
    "then",
    "too",
    "very",
    "again",
    "once",
    "twice",
    "respectively",
    "apiece",
    "each",
    "them",
    "those",
    "these",
    "what",
    "where",
    "why",
    "how",
    "like",
    "including",
    "versus",
    "vs",
    "via",
    "per",
    "a",
    "lost",
    "won",
    "got",
    "made",
    "took",
    "came",
    "went",
    "saw",
    "died",
    "left",
    "rose",
    "fell",
    "grew",
    "remain",
    "remained",
    "live",
    "lived",
    "work",
    "worked",
    "use",
    "uses",
    "arrive",
    "arrives",
    "go",
    "goes",
    "run",
    "runs",
    "die",
    "dies",
    "come",
    "comes",
    "make",
    "makes",
    "take",
    "takes",
    "get",
    "gets",
    "need",
    "needs",
    "want",
    "wants",
    "face",
    "faces",
    "hold",
    "holds",
    "pay",
    "pays",
    "leave",
    "leaves",
    "stay",
    "stays",
    "join",
    "joins",
    "vote",
    "votes",
    "visit",
    "visits",
    "attend",
    "attends",
    "receive",
    "receives",
    "lack",
    "lacks",
    "own",
    "owns",
    "remains",
    "lives",
    "works",
    "became",
    "become",
    "becomes",
    "seem",
    "seems",
    "appear",
    "appears",
    "help",
    "helps",
    "show",
    "shows",
    "suggest",
    "suggests",
    "mean",
    "means",
    "cost",
    "costs",
    "account",
    "accounts",
    "represent",
    "represents",
    "signed",
    "sign",
    "marched",
    "march",
];

/// Leading words dropped from a counted noun phrase ("2,000 other representatives").
const NOUN_LEAD_DROP: &[&str] = &["other", "more", "additional", "extra", "new", "further"];

fn is_stop(w: &str) -> bool {
    NOUN_STOP.iter().any(|s| w.eq_ignore_ascii_case(s))
}

/// The counted noun phrase starting at token `j`: up to four words, stopping at function
/// words, punctuation, figures and (after the first word) words that look like verbs.
pub fn noun_phrase(ctx: &Ctx, j: usize) -> Option<Range<usize>> {
    let mut k = j;
    let mut start = j;
    while k < ctx.len() && k - start < 4 {
        if !ctx.is_word(k) {
            // "cyber-attacks", "state-owned firms": a glued hyphen inside the phrase
            if ctx.is(k, "-")
                && ctx.joined(k)
                && ctx.joined(k + 1)
                && ctx.is_word(k + 1)
                && k > start
            {
                k += 2;
                continue;
            }
            break;
        }
        let w = ctx.tok(k);
        if k == start && NOUN_LEAD_DROP.iter().any(|d| w.eq_ignore_ascii_case(d)) {
            start += 1;
            k += 1;
            continue;
        }
        if is_stop(w) {
            break;
        }
        if k > start {
            let lw = w.to_ascii_lowercase();
            if (lw.ends_with("ed") || lw.ends_with("ing")) && lw.len() > 4 {
                break;
            }
            // a capitalised word after a lower-case noun starts something else
            if ctx.is_capitalised(k) && !ctx.is_capitalised(k - 1) {
                break;
            }
        }
        k += 1;
    }
    (k > start).then_some(start..k)
}

/// The singular, lower-case head of a noun phrase ("cyber attacks" → "attack").
pub fn head_of(phrase: &str) -> String {
    let last = phrase
        .rsplit([' ', '-'])
        .next()
        .unwrap_or(phrase)
        .to_lowercase();
    singular(&last)
}

/// A plain English singular: enough to match "attacks" with "attack", "cities" with "city".
pub fn singular(w: &str) -> String {
    const IRREGULAR: &[(&str, &str)] = &[
        ("people", "person"),
        ("men", "man"),
        ("women", "woman"),
        ("children", "child"),
        ("mice", "mouse"),
        ("feet", "foot"),
        ("teeth", "tooth"),
        ("geese", "goose"),
        ("data", "data"),
        ("media", "media"),
        ("series", "series"),
        ("species", "species"),
        ("news", "news"),
    ];
    if let Some((_, s)) = IRREGULAR.iter().find(|(p, _)| *p == w) {
        return (*s).to_string();
    }
    if let Some(stem) = w.strip_suffix("ies") {
        if stem.len() > 1 {
            return format!("{stem}y");
        }
    }
    for suf in ["sses", "xes", "ches", "shes", "zzes"] {
        if w.ends_with(suf) {
            return w[..w.len() - 2].to_string();
        }
    }
    if w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
        && w.len() > 3
    {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// Token ranges a figure must not be read in: dates, times, periods and years.
fn in_any(ranges: &[Range<usize>], i: usize) -> bool {
    ranges.iter().any(|r| r.contains(&i))
}

/// Nouns after which a number is an identifier, not an amount ("page 5", "room 101").
const IDENTIFIER_NOUNS: &[&str] = &[
    "page",
    "pages",
    "no",
    "nos",
    "number",
    "room",
    "flight",
    "line",
    "chapter",
    "article",
    "section",
    "paragraph",
    "item",
    "step",
    "row",
    "column",
    "table",
    "figure",
    "fig",
    "exhibit",
    "grade",
    "level",
    "category",
    "phase",
    "stage",
    "part",
    "season",
    "episode",
    "vol",
    "issue",
    "route",
    "highway",
    "gate",
    "platform",
    "track",
    "version",
    "v",
    "release",
    "build",
    "model",
    "unit",
    "apartment",
    "apt",
    "suite",
    "box",
    "ward",
    "district",
    "block",
    "lot",
    "case",
    "resolution",
    "rule",
    "clause",
    "annex",
    "appendix",
    "tel",
    "phone",
    "fax",
    "call",
    "ext",
    "extension",
    "code",
    "id",
    "pin",
    "isbn",
    "ref",
    "reference",
    "act",
    "bill",
    "covid",
    "sars",
    "mh",
    "world",
    "war",
    "top",
    "g",
    "no.",
];

const STREET_WORDS: &[&str] = &[
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "boulevard",
    "blvd",
    "drive",
    "square",
    "place",
    "way",
    "court",
    "terrace",
    "crescent",
    "highway",
];

/// Whether the figure starting at token `i` is a trap: an ordinal, a list number, an
/// identifier, a phone number, a time of day, a version, a street number or part of a name.
fn is_trap(ctx: &Ctx, i: usize) -> bool {
    let next = ctx.tok(i + 1);
    if ctx.is_number(i) {
        // ordinals and decades glued to digits: "2nd", "21st", "1990s", "3pm"
        if ctx.joined(i + 1)
            && ctx.is_word(i + 1)
            && ["st", "nd", "rd", "th", "s", "am", "pm"]
                .iter()
                .any(|s| next.eq_ignore_ascii_case(s))
        {
            return true;
        }
        // times of day: "3 p.m.", "9 am"
        if (ctx.is(i + 1, "a") || ctx.is(i + 1, "p"))
            && ctx.is(i + 2, ".")
            && ctx.is(i + 3, "m")
            && ctx.joined(i + 2)
        {
            return true;
        }
        if ctx.is(i + 1, "am") || ctx.is(i + 1, "pm") {
            return true;
        }
        // times, scores, ratios, dates and fractions in digits: "13:19", "3-1"? no: "24/7"
        if ctx.joined(i + 1)
            && (next == ":" || next == "/")
            && ctx.is_number(i + 2)
            && ctx.joined(i + 2)
            && figure::digit_fraction(ctx, i).is_none()
        {
            return true;
        }
        if i >= 2
            && ctx.joined(i)
            && (ctx.tok(i - 1) == ":" || ctx.tok(i - 1) == "/")
            && ctx.is_number(i - 2)
        {
            return true;
        }
        // a number glued after a word and a hyphen or dot: "COVID-19", "F-16", "v2.0", "#1"
        if i >= 1 && ctx.joined(i) {
            let p = ctx.tok(i - 1);
            if p == "#"
                || ((p == "-" || p == ".") && i >= 2 && ctx.joined(i - 1) && ctx.is_word(i - 2))
            {
                return true;
            }
        }
        // phone numbers: "555-0134", "010-6523", "+1"
        if ctx.joined(i + 1) && next == "-" && ctx.is_number(i + 2) && ctx.joined(i + 2) {
            let a = ctx.tok(i);
            let b = ctx.tok(i + 2);
            let (av, bv) = (
                a.parse::<f64>().unwrap_or(0.0),
                b.parse::<f64>().unwrap_or(0.0),
            );
            let three_groups = ctx.is(i + 3, "-") && ctx.joined(i + 3) && ctx.is_number(i + 4);
            if a.starts_with('0')
                || b.starts_with('0')
                || three_groups
                || (a.len() >= 3 && b.len() >= 4 && bv <= av)
            {
                return true;
            }
        }
        if i >= 1 && ctx.tok(i - 1) == "+" && ctx.joined(i) {
            return true;
        }
        if i >= 1 && ctx.tok(i - 1) == "-" && ctx.joined(i) && i >= 2 && ctx.is_number(i - 2) {
            let a = ctx.tok(i - 2);
            if a.len() >= 3 || a.starts_with('0') {
                return true;
            }
        }
        // list numbering: "1." or "1)" opening a sentence, "(2)"
        if i == 0 && (next == "." || next == ")") && ctx.joined(i + 1) {
            return true;
        }
        if i >= 1 && ctx.tok(i - 1) == "(" && ctx.joined(i) && next == ")" && ctx.joined(i + 1) {
            return true;
        }
        // street numbers: "12 Baker Street"
        let mut k = i + 1;
        while k < ctx.len() && k <= i + 4 && ctx.is_capitalised(k) {
            if STREET_WORDS
                .iter()
                .any(|s| ctx.tok(k).eq_ignore_ascii_case(s))
            {
                return true;
            }
            k += 1;
        }
    }
    if i >= 1 {
        let prev = ctx.tok(i - 1);
        if IDENTIFIER_NOUNS
            .iter()
            .any(|w| prev.eq_ignore_ascii_case(w))
            && ctx.is_number(i)
        {
            return true;
        }
        // a bare integer right after a capitalised word inside the sentence belongs to a
        // name ("Boeing 737", "Windows 10"), unless a scale, unit or percent follows
        if ctx.is_number(i)
            && i >= 2
            && ctx.is_capitalised(i - 1)
            && !ctx.tok(i).contains([',', '.'])
            && qualifier_before(ctx, i).is_none()
            && figure::parse_at(ctx, i)
                .is_some_and(|f| !f.scaled && !f.percent && f.currency.is_none())
            && unit_at(ctx, i + 1).is_none()
        {
            return true;
        }
    }
    false
}

/// A unit of measure after a figure, also as "a"/"an"/"half a" + unit ("a litre",
/// "half an hour"): (unit, value multiplier, tokens used before the unit, tokens of the unit).
fn unit_phrase_at(ctx: &Ctx, j: usize) -> Option<(Unit, usize)> {
    let (u, used) = unit_at(ctx, j)?;
    Some((u, used))
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
    let fig = Figure {
        start: i,
        end,
        value,
        precision: 0.0,
        decimals: 0,
        in_words: true,
        scaled: false,
        scale: 1.0,
        percent: false,
        points: false,
        currency: None,
    };
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
        let more = matches!(
            ctx.lower(end).as_str(),
            "more" | "extra" | "additional" | "fewer" | "less" | "further"
        );
        let skip_words = usize::from(hyphen || more);
        let found = unit_phrase_at(ctx, end).map(|u| (u, 0)).or_else(|| {
            (skip_words > 0)
                .then(|| unit_phrase_at(ctx, end + skip_words))
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
            // "from -18 °C to -34 °C": a range of negatives may run downwards
            let ordered = hi.value >= lo_v || (lo_v < 0.0 && hi.value < 0.0);
            let (lo_v, hi_v) = (lo_v.min(hi.value), lo_v.max(hi.value));
            if units_agree && kinds_agree && ordered && (!fig.in_words || hi.in_words) {
                fig.percent |= hi.percent;
                fig.currency = fig.currency.or(hi.currency);
                if let Some(u2) = hi_unit {
                    unit = u2;
                    has_unit = true;
                }
                range = Some((lo_v, hi_v));
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
                .any(|w| p.text.to_ascii_lowercase().starts_with(w));
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
    let mut i = 0;
    while i < ctx.len() {
        let implied = in_any(&skip, i) && (ctx.is(i, "a") || ctx.is(i, "an") || ctx.is(i, "half"));
        if (in_any(&skip, i) && !implied) || in_any(&taken, i) || !figure::can_start(ctx, i) {
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
    (Some(Claim::Quantity(quantity_claim(ctx, &r, periods))), end)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars() {
        assert_eq!(head_of("cyber attacks"), "attack");
        assert_eq!(head_of("countries"), "country");
        assert_eq!(head_of("cyber-attacks"), "attack");
        assert_eq!(singular("boxes"), "box");
        assert_eq!(singular("people"), "person");
        assert_eq!(singular("virus"), "virus");
        assert_eq!(singular("gas"), "gas");
    }
}
