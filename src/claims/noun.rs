//! Counted noun phrases: what a figure counts ("85.5 billion cyber attacks" → "cyber
//! attacks", head "attack").

use super::Ctx;
use crate::text::lexicon::{
    ends_key, ends_key_slot, ends_with_ignore_ascii_case, has_shape, shapes, Shapes,
};
use std::ops::Range;

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
    "hit",
    "hits",
    "strike",
    "strikes",
    "struck",
    "occur",
    "occurs",
    "occurred",
    "happen",
    "happens",
    "happened",
    "met",
    "gave",
    "held",
    "sent",
    "spent",
    "paid",
    "kept",
    "told",
    "brought",
    "bought",
    "sold",
    "fled",
    "began",
    "ran",
    "flew",
    "wrote",
    "spoke",
    "stood",
    "led",
];

/// Leading words dropped from a counted noun phrase ("2,000 other representatives").
const NOUN_LEAD_DROP: &[&str] = &["other", "more", "additional", "extra", "new", "further"];

/// The shapes of [`NOUN_STOP`]: most words are ruled out before the list is scanned.
const NOUN_STOP_SHAPES: Shapes = shapes(NOUN_STOP);

/// Slots of [`stop_table`] (a power of two, over twice the words).
const STOP_SLOTS: usize = 1024;

/// [`NOUN_STOP`] in an open-addressing table keyed by [`ends_key`]: a word is looked up as
/// written, not compared with the whole list.
fn stop_table() -> &'static [Option<(u32, &'static str)>] {
    static TABLE: std::sync::OnceLock<Vec<Option<(u32, &'static str)>>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = vec![None; STOP_SLOTS];
        for w in NOUN_STOP {
            let key = ends_key(w.as_bytes());
            let mut h = ends_key_slot::<STOP_SLOTS>(key);
            while let Some((_, e)) = t[h] {
                if e == *w {
                    break;
                }
                h = (h + 1) & (STOP_SLOTS - 1);
            }
            t[h] = Some((key, *w));
        }
        t
    })
}

pub fn is_stop(w: &str) -> bool {
    if !has_shape(&NOUN_STOP_SHAPES, w) {
        return false;
    }
    // a listed word equal to `w` but for case has its key, so it lies on this probe run
    let b = w.as_bytes();
    let key = ends_key(b);
    let t = stop_table();
    let mut h = ends_key_slot::<STOP_SLOTS>(key);
    while let Some((k, e)) = t[h] {
        if k == key && e.as_bytes().eq_ignore_ascii_case(b) {
            return true;
        }
        h = (h + 1) & (STOP_SLOTS - 1);
    }
    false
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
            if (ends_with_ignore_ascii_case(w, "ed") || ends_with_ignore_ascii_case(w, "ing"))
                && w.len() > 4
            {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stop_word_is_found_in_any_case() {
        for w in NOUN_STOP {
            assert!(is_stop(w), "{w}");
            assert!(is_stop(&w.to_uppercase()), "{w}");
        }
        for w in ["attacks", "people", "Thee", "x", "yeart", "thes"] {
            assert_eq!(
                is_stop(w),
                NOUN_STOP.iter().any(|s| w.eq_ignore_ascii_case(s)),
                "{w}"
            );
        }
    }

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
