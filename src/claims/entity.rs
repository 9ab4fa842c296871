//! Organisation and person mentions, each with a normalised key for matching across texts.
//!
//! Organisations: runs of capitalised words holding an institution head word ("Institute",
//! "Center", "Ministry"), a misspelled one ("Institue"), or followed by a bracketed acronym of
//! their initials; well-known acronyms alone ("IMF"); organisations named after a role
//! ("founder of Blogchina.com") or as the outlet told ("told Xinhua").
//! Persons: names after titles ("President Xi Jinping"), names before a role ("Lyu Benfu,
//! deputy head of ..."), and speakers of attributions. Each span is emitted once per kind:
//! this extractor emits every organisation and person; the attribution and source
//! extractors emit only their own kinds.

use super::names::{self, Run, Sent, ACRONYM, ALLCAPS, TITLE};
use super::{attribution, Claim, Ctx};
use crate::document::Span;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityClaim {
    pub span: Span,
    pub text: String,
    /// The name as written, white space folded.
    pub name: String,
    /// The matching key: lower-case, "&" → "and", "Centre" → "center", punctuation dropped.
    pub key: String,
}

/// Word spellings folded together in keys: British → American, abbreviations → words.
const KEY_WORDS: &[(&str, &str)] = &[
    ("ass'n", "association"),
    ("assn", "association"),
    ("centre", "center"),
    ("centres", "centers"),
    ("defence", "defense"),
    ("dep't", "department"),
    ("dept", "department"),
    ("dev't", "development"),
    ("gov't", "government"),
    ("govt", "government"),
    ("int'l", "international"),
    ("intl", "international"),
    ("labour", "labor"),
    ("nat'l", "national"),
    ("natl", "national"),
    ("organisation", "organization"),
    ("organisations", "organizations"),
    ("programme", "program"),
    ("univ", "university"),
];

/// The matching key of a name: lower-case; curly apostrophes straight; "&" → "and";
/// "Centre" → "center", "Organisation" → "organization" (and a few other British spellings);
/// common abbreviations written out ("Dev't" → "development", "Int'l" → "international");
/// full stops dropped ("U.S." → "us"); other punctuation, except apostrophes inside a word,
/// read as a space; white space folded; a leading "the" dropped.
///
/// "Center for China & Globalization" and "Centre for China and Globalization" share a key.
pub fn normalise_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    // the current word is written in place, at `out[start..]`
    let mut start: Option<usize> = None;
    fn begin(out: &mut String, start: &mut Option<usize>) {
        if start.is_none() {
            if !out.is_empty() {
                out.push(' ');
            }
            *start = Some(out.len());
        }
    }
    fn flush(out: &mut String, start: &mut Option<usize>) {
        let Some(at) = start.take() else {
            return;
        };
        let word = &out[at..];
        if at == 0 && word == "the" {
            out.clear();
            return;
        }
        // the key words are 4 to 13 bytes long, begin with one of ten letters and end with one
        // of seven: most words need no search
        let b = word.as_bytes();
        if (4..=13).contains(&b.len())
            && matches!(
                b[0],
                b'a' | b'c' | b'd' | b'g' | b'i' | b'l' | b'n' | b'o' | b'p' | b'u'
            )
            && matches!(
                b[b.len() - 1],
                b'e' | b'l' | b'n' | b'r' | b's' | b't' | b'v'
            )
        {
            if let Ok(i) = KEY_WORDS.binary_search_by(|(k, _)| (*k).cmp(word)) {
                out.truncate(at);
                out.push_str(KEY_WORDS[i].1);
            }
        }
    }
    let mut chars = name.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_alphanumeric() {
            begin(&mut out, &mut start);
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            begin(&mut out, &mut start);
            out.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}') {
            if start.is_some() && chars.peek().is_some_and(|n| n.is_alphanumeric()) {
                out.push('\'');
            }
        } else if c == '.' {
            // "U.S." → "us", "Blogchina.com" → "blogchinacom"
        } else if c == '&' {
            flush(&mut out, &mut start);
            begin(&mut out, &mut start);
            out.push_str("and");
            flush(&mut out, &mut start);
        } else {
            flush(&mut out, &mut start);
        }
    }
    flush(&mut out, &mut start);
    out
}

fn entity(ctx: &Ctx, span: Span) -> EntityClaim {
    let name = names::span_text(ctx, span);
    let key = normalise_key(&name);
    EntityClaim {
        span,
        text: String::new(),
        name,
        key,
    }
}

/// Disjoint spans, by start.
#[derive(Default)]
struct Spans(BTreeMap<usize, usize>);

impl Spans {
    fn overlaps(&self, s: Span) -> bool {
        // disjoint spans sorted by start have their ends sorted too: only the last one
        // starting before `s` ends can reach into it
        self.0
            .range(..s.end)
            .next_back()
            .is_some_and(|(_, &end)| end > s.start)
    }
    fn insert(&mut self, s: Span) {
        self.0.insert(s.start, s.end);
    }
}

#[derive(Default)]
struct Emitter {
    orgs: Spans,
    persons: Spans,
}

impl Emitter {
    fn org(&mut self, ctx: &Ctx, span: Span, out: &mut Vec<Claim>) {
        if span.is_empty() || self.orgs.overlaps(span) || self.persons.overlaps(span) {
            return;
        }
        self.orgs.insert(span);
        out.push(Claim::Organisation(entity(ctx, span)));
    }
    fn person(&mut self, ctx: &Ctx, span: Span, out: &mut Vec<Claim>) {
        if span.is_empty() || self.orgs.overlaps(span) || self.persons.overlaps(span) {
            return;
        }
        self.persons.insert(span);
        out.push(Claim::Person(entity(ctx, span)));
    }
}

/// An all-capitals word among others in capitals is a headline, not an acronym.
fn in_capitals_line(s: &Sent, i: usize) -> bool {
    let caps = |j: usize| s.has(j, ALLCAPS) && !s.has(j, ACRONYM) && s.tok(j).len() >= 3;
    (i > 0 && caps(i - 1)) || caps(i + 1)
}

/// A name after a role is an organisation when it has a head word, is a web domain, or
/// follows an organisational role ("founder of", "economist at") and reads as a name of at
/// most four words.
fn role_org(s: &Sent, r: &Run, org_role: bool) -> bool {
    r.is_org()
        || r.domain
        || (org_role && !r.possessive && (r.words <= 4 || names::is_outlet_run(s, r)))
}

pub fn extract(ctx: &Ctx, out: &mut Vec<Claim>) {
    if ctx.is_empty() {
        return;
    }
    let s = Sent::new(ctx);
    let hits = s.orgs();
    let n = s.len();
    let mut em = Emitter::default();
    // Organisations by their words, and their bracketed acronyms.
    for h in hits {
        em.org(ctx, h.run.span, out);
        if let Some(t) = h.acronym {
            em.org(ctx, s.name_span(t, t + 1), out);
        }
    }
    // Well-known acronyms alone (none in most sentences).
    if s.any(ACRONYM) {
        for i in 0..n {
            if s.has(i, ACRONYM) && !in_capitals_line(&s, i) {
                em.org(ctx, s.name_span(i, i + 1), out);
            }
        }
    }
    // Attributions: speakers, organisations named by the role, outlets told.
    for f in attribution::found(&s) {
        if !f.speaker.org && (f.speaker.words >= 2 || f.speaker.title.is_some()) {
            em.person(ctx, f.speaker.span, out);
        }
        if let Some(r) = f.org {
            if role_org(&s, &r, f.org_role) {
                em.org(ctx, r.span, out);
            }
        }
        if let Some(r) = f.outlet {
            em.org(ctx, r.span, out);
        }
    }
    // Titled names: "President Xi Jinping", "Dr. Jane Roe", "spokesperson Hua Chunying"
    // (none in a sentence without a title).
    let mut i = if s.any(TITLE) { 0 } else { n };
    while i < n {
        if !s.has(i, TITLE) {
            i += 1;
            continue;
        }
        let Some(t) = names::titles_at(&s, i) else {
            i += 1;
            continue;
        };
        if let Some(p) = names::person_name_at(&s, t.name) {
            let enough = p.words >= 2 || (t.honorific && !t.lower);
            if enough && (p.possessive || s.name_word(p.b).is_none()) {
                em.person(ctx, p.span, out);
            }
            i = p.b;
        } else {
            i = t.name.max(i + 1);
        }
    }
    // Names before a role: "Lyu Benfu, deputy head of ...", "Jane Roe, 58, ...". The name
    // ends at a comma: none starts at or after the last one.
    let last_comma = (0..n).rev().find(|&k| s.tok(k) == ",").unwrap_or(0);
    for i in 0..last_comma {
        if !s.cap(i) || s.name_word(i).is_none() || s.name_word_ends_at(i) {
            continue;
        }
        let Some(p) = names::person_name_at(&s, i) else {
            continue;
        };
        if p.words < 2 || p.possessive || names::place_like(&s, &p) || s.tok(p.b) != "," {
            continue;
        }
        let Some(a) = names::appositive_at(&s, p.b) else {
            continue;
        };
        let age = a.role.is_none() && a.org.is_none();
        if a.core || age {
            em.person(ctx, p.span, out);
            if let Some(r) = a.org {
                if role_org(&s, &r, a.org_role) {
                    em.org(ctx, r.span, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys() {
        assert_eq!(
            normalise_key("Center for China & Globalization"),
            normalise_key("Centre for China and Globalization")
        );
        assert_eq!(
            normalise_key("Center for China & Globalization"),
            "center for china and globalization"
        );
        assert_eq!(
            normalise_key("The World Health Organisation"),
            "world health organization"
        );
        assert_eq!(
            normalise_key("China Institue for Innovation & Dev\u{2019}t Strategy"),
            "china institue for innovation and development strategy"
        );
        assert_eq!(
            normalise_key("  U.S.   Department of  State "),
            "us department of state"
        );
        assert_eq!(
            normalise_key("Technical Team/Coordination Center"),
            "technical team coordination center"
        );
        assert_eq!(
            normalise_key("People\u{2019}s Bank of China"),
            "people's bank of china"
        );
        assert_eq!(normalise_key("R&D"), "r and d");
        assert_eq!(normalise_key("Theory Lab"), "theory lab");
        assert_eq!(normalise_key("the"), "");
        assert_eq!(normalise_key(""), "");
        assert_eq!(normalise_key("'quoted'"), "quoted");
    }

    #[test]
    fn key_words_are_sorted() {
        for w in KEY_WORDS.windows(2) {
            assert!(w[0].0 < w[1].0, "{:?}", w);
        }
        for (k, _) in KEY_WORDS {
            let b = k.as_bytes();
            assert!((4..=13).contains(&b.len()), "{k}");
            assert!(b"acdgilnopu".contains(&b[0]), "{k}");
            assert!(b"elnrstv".contains(&b[b.len() - 1]), "{k}");
        }
    }
}
