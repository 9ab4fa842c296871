//! Figures that are not amounts: ordinals, list numbers, identifiers, phone numbers, times of
//! day, versions, street numbers and numbers inside names.

use super::figure;
use super::qualifier::qualifier_before;
use super::units::unit_at;
use crate::claims::Ctx;
use crate::text::lexicon::{has_shape, shape_add, Shapes};

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

/// The shapes of the identifier nouns of letters only ("no." has none: a word with another
/// byte is always compared).
const IDENTIFIER_SHAPES: Shapes = {
    let mut m = [[0u32; 32]; 26];
    let mut i = 0;
    while i < IDENTIFIER_NOUNS.len() {
        m = shape_add(m, IDENTIFIER_NOUNS[i]);
        i += 1;
    }
    m
};

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
pub fn is_trap(ctx: &Ctx, i: usize) -> bool {
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
        if ctx.is_number(i)
            && (has_shape(&IDENTIFIER_SHAPES, prev)
                || !prev.bytes().all(|b| b.is_ascii_alphabetic()))
            && IDENTIFIER_NOUNS
                .iter()
                .any(|w| prev.eq_ignore_ascii_case(w))
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
