//! Source claims: "according to a report by 360 Security Center".
//!
//! Patterns:
//! - `according to [a latest] <document> by|from <Name>` / `according to <Name>['s] [<document>]`
//! - `<document> [released|published|...] by|from <Name>` ("a survey by X found", "figures
//!   released by X", "data from the National Bureau of Statistics show")
//! - `<Name> said in a statement` (document "statement")
//! - `<Org>'s [latest] <document>` and `<Org> <document>` ("World Bank data")
//!
//! The span covers the whole source phrase. A person named with a role after "according to"
//! is an attribution, not a source.

use super::names::{
    self, Run, Sent, ACCORDING, ACRONYM, CAP, DEMONYM, DET, DIRECT_DOC, DOC, DOC_MOD, LOWER, NUM,
    PAPER, PARTICIPLE, QUOTE, STMT_VERB, TITLE, WHITE,
};
use super::{entity, Claim, Ctx};
use crate::document::Span;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceClaim {
    pub span: Span,
    pub text: String,
    /// The source named ("360 Security Center").
    pub name: String,
    /// Its matching key (as for organisations).
    pub key: String,
    /// What was cited, when named: "report", "survey", "study", "data", "statement".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

/// Token `i` is a word with a feature of `mask`, in lower case or capitalised as the
/// sentence's first word ("Data from ...", "A survey by ...").
fn word_in(s: &Sent, i: usize, mask: u64) -> bool {
    let first = i == 0 || (i == 1 && s.has(0, QUOTE));
    s.has(i, mask) && (first || s.has(i, LOWER))
}

/// A document noun at token `k`: its tokens and its name ("report", "white paper").
fn doc_word_at(s: &Sent, k: usize) -> Option<(usize, usize, String)> {
    if s.is(k, "white") && s.is(k + 1, "paper") {
        return Some((k, k + 2, "white paper".into()));
    }
    word_in(s, k, DOC).then(|| (k, k + 1, s.tok(k).to_ascii_lowercase()))
}

/// `[a] [latest] report` at token `j`: the document noun's tokens and name.
fn doc_phrase_at(s: &Sent, j: usize, determiner: bool) -> Option<(usize, usize, String)> {
    let mut k = j;
    if determiner && word_in(s, k, DET) {
        k += 1;
    }
    for _ in 0..4 {
        if let Some(d) = doc_word_at(s, k) {
            return Some(d);
        }
        let modifier = word_in(s, k, DOC_MOD)
            || (s.has(k, NUM) && s.tok(k).len() == 4)
            || (s.tok(k) == "-" && s.joined(k));
        if !modifier {
            return None;
        }
        k += 1;
    }
    None
}

/// The author after a document noun ending at `k`: `[released] by|from|of <Name>`.
fn author_after(s: &Sent, k: usize) -> Option<Run> {
    let mut k = k;
    // "The report, released by ..."
    if s.tok(k) == "," && s.lower_has(k + 1, PARTICIPLE) {
        k += 1;
    }
    while s.lower_has(k, PARTICIPLE) {
        k += 1;
    }
    let of = s.is(k, "of");
    if !(s.is(k, "by") || s.is(k, "from") || of) {
        return None;
    }
    let r = names::org_ref_at(s, k + 1)?;
    let known = r.is_org() || r.domain || s.has(r.a, ACRONYM) || names::is_outlet_run(s, &r);
    if of && !known {
        return None;
    }
    if r.words == 1 && !known && s.has(r.a, DEMONYM) {
        return None;
    }
    Some(r)
}

struct Out<'a> {
    /// Tokens a source phrase already covers.
    taken: Vec<bool>,
    out: &'a mut Vec<Claim>,
}

impl Out<'_> {
    fn taken(&self, a: usize, b: usize) -> bool {
        self.taken.get(a..b).is_some_and(|t| t.iter().any(|&x| x))
    }
    fn push(&mut self, s: &Sent, a: usize, b: usize, name: Span, doc: Option<String>) {
        if b <= a || b > self.taken.len() || self.taken(a, b) {
            return;
        }
        let name_text = names::span_text(s, name);
        if name_text.is_empty() {
            return;
        }
        for x in &mut self.taken[a..b] {
            *x = true;
        }
        self.out.push(Claim::Source(Box::new(SourceClaim {
            span: s.span(a, b - 1),
            text: String::new(),
            key: entity::normalise_key(&name_text),
            name: name_text,
            document: doc,
        })));
    }
}

/// A person with a role or a title after "according to": an attribution, not a source.
fn person_cited(s: &Sent, j: usize) -> bool {
    let Some(sp) = names::speaker_at(s, j, false) else {
        return false;
    };
    !sp.org
        && (sp.title.is_some()
            || names::appositive_at(s, sp.end).is_some_and(|a| a.core || a.org.is_some()))
}

/// News agencies whose tag opens a wire story ("Reuters - ", "BEIJING, Dec. 15 (Xinhua) --").
const WIRE_AGENCIES: &[&[&str]] = &[
    &["AP"],
    &["Associated", "Press"],
    &["Reuters"],
    &["AFP"],
    &["Xinhua"],
    &["Bloomberg"],
    &["dpa"],
    &["Kyodo"],
    &["Yonhap"],
    &["TASS"],
    &["ANSA"],
    &["EFE"],
    &["PTI"],
    &["UPI"],
    &["CP"],
];

/// A dash of a wire tag: "-", "\u{2014}" or "\u{2013}". One byte test most tokens fail (its
/// branch is predicted) comes before the exact one.
fn is_dash(t: &str) -> bool {
    may_be_dash(t) && matches!(t, "-" | "\u{2014}" | "\u{2013}")
}

/// Every dash starts with '-' or, as "\u{2014}" and "\u{2013}" do, with the byte 0xE2.
#[inline]
fn may_be_dash(t: &str) -> bool {
    matches!(t.as_bytes().first(), Some(b'-' | 0xE2))
}

/// A wire-service tag opening the sentence: "Reuters - …", "(AP) -- …", "BEIJING, Dec. 15
/// (Xinhua) -- …": the agency is the source of the story.
fn wire_tag(ctx: &Ctx, out: &mut Vec<Claim>) {
    let dash = |k: usize| is_dash(ctx.tok(k));
    // the dash after a tag is at most the 16th token (a bracket at the 12th, a two-word
    // agency, the closing bracket): without one there is no tag
    if !(0..16).any(dash) {
        return;
    }
    for start in 0..ctx.len().min(12) {
        let paren = ctx.is(start, "(");
        let a = if paren { start + 1 } else { start };
        // a bare tag must open the sentence; a bracketed one may follow a dateline
        if !paren && start != 0 {
            continue;
        }
        let Some(agency) = WIRE_AGENCIES
            .iter()
            .find(|w| w.iter().enumerate().all(|(k, t)| ctx.tok(a + k) == *t))
        else {
            continue;
        };
        let mut b = a + agency.len();
        if paren {
            if !ctx.is(b, ")") {
                continue;
            }
            b += 1;
        }
        if !dash(b) {
            continue;
        }
        let name = ctx.slice(a, a + agency.len() - 1).to_string();
        out.push(Claim::Source(Box::new(SourceClaim {
            span: ctx.span(start, b - 1),
            text: String::new(),
            key: crate::claims::entity::normalise_key(&name),
            name,
            document: Some("wire".to_string()),
        })));
        return;
    }
}

pub fn extract(ctx: &Ctx, out: &mut Vec<Claim>) {
    let n = ctx.len();
    if n == 0 {
        return;
    }
    wire_tag(ctx, out);
    let s = Sent::new(ctx);
    // every pattern needs a document noun or "according to"
    let according = |i: usize| s.has(i, ACCORDING) && s.is(i, "according");
    let paper = |i: usize| s.has(i, PAPER) && s.is(i, "paper");
    if !(s.any(DOC) || (s.any(ACCORDING | PAPER) && (0..n).any(|i| according(i) || paper(i)))) {
        return;
    }
    let mut o = Out {
        taken: vec![false; n],
        out,
    };
    // according to ... (none without "according")
    let last = if s.any(ACCORDING) {
        n.saturating_sub(2)
    } else {
        0
    };
    for i in 0..last {
        if !(according(i) && s.is(i + 1, "to")) {
            continue;
        }
        let j = i + 2;
        if let Some((_, db, doc)) = doc_phrase_at(&s, j, true) {
            if let Some(r) = author_after(&s, db) {
                o.push(&s, i, r.b, r.span, Some(doc));
            }
            continue;
        }
        if person_cited(&s, j) {
            continue;
        }
        let Some(r) = names::org_ref_at(&s, j) else {
            continue;
        };
        let doc = if r.possessive {
            doc_phrase_at(&s, r.b, false)
        } else {
            doc_word_at(&s, r.b)
        };
        match doc {
            Some((_, db, d)) => o.push(&s, i, db, r.span, Some(d)),
            None if !r.possessive => o.push(&s, i, r.b, r.span, None),
            None => {}
        }
    }
    // Every pattern below but the statement one needs a document noun at or after the
    // token it starts at: a word with DOC (`word_in`) or "white" of "white paper" (WHITE).
    // None starts after the last such word.
    let docs_end = (0..n)
        .rev()
        .find(|&k| s.has(k, DOC | WHITE))
        .map_or(0, |k| k + 1);
    // <document> by|from <Name>
    for k in 0..docs_end {
        let white = s.has(k, WHITE) && s.is(k, "white");
        if !s.has(k, DOC) && !white {
            continue;
        }
        let Some((da, db, doc)) = doc_word_at(&s, k) else {
            continue;
        };
        if o.taken(da, db) {
            continue;
        }
        let Some(r) = author_after(&s, db) else {
            continue;
        };
        let mut start = da;
        while start > 0
            && start + 4 > da
            && (word_in(&s, start - 1, DOC_MOD)
                || (s.has(start - 1, NUM) && s.tok(start - 1).len() == 4))
        {
            start -= 1;
        }
        if start > 0 && word_in(&s, start - 1, DET) {
            start -= 1;
        }
        o.push(&s, start, r.b, r.span, Some(doc));
    }
    // <Name> said in a statement (none without such a verb)
    if s.any_lower(STMT_VERB) {
        for v in 1..n.saturating_sub(2) {
            if !(s.lower_has(v, STMT_VERB) && s.is(v + 1, "in")) {
                continue;
            }
            let Some((_, db, doc)) = doc_phrase_at(&s, v + 2, true) else {
                continue;
            };
            let lo = v.saturating_sub(24);
            let subject = (lo..v).find_map(|i| {
                if !s.has(i, CAP | DET | TITLE) || s.name_word_ends_at(i) {
                    return None;
                }
                if let Some(sp) = names::speaker_at(&s, i, true) {
                    if sp.end == v {
                        return Some((sp.start, sp.span));
                    }
                }
                let r = names::org_ref_at(&s, i)?;
                (r.b == v && !r.possessive).then_some((i, r.span))
            });
            if let Some((a, span)) = subject {
                o.push(&s, a, db, span, Some(doc));
            }
        }
    }
    // <Org>'s latest report, <Org> data: the document is at or after the run's end
    let mut i = 0;
    while i < docs_end {
        if !s.has(i, CAP | NUM) || s.name_word_ends_at(i) {
            i += 1;
            continue;
        }
        let Some(r) = names::run_at(&s, i) else {
            i += 1;
            continue;
        };
        let known = r.is_org() || s.has(r.a, ACRONYM) || names::is_outlet_run(&s, &r);
        if known {
            let doc = if r.possessive {
                doc_phrase_at(&s, r.b, false)
            } else {
                doc_word_at(&s, r.b).filter(|d| s.has(d.0, DIRECT_DOC))
            };
            if let Some((_, db, d)) = doc {
                o.push(&s, r.a, db, r.span, Some(d));
            }
        }
        i = r.b.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_test_passes_every_dash() {
        let mut tokens: Vec<String> = (0..0x3000u32)
            .filter_map(char::from_u32)
            .map(String::from)
            .collect();
        tokens
            .extend(["--", "-)", "\u{2014}\u{2014}", "\u{2012}", "\u{2015}", ""].map(String::from));
        let mut dashes = 0;
        for t in &tokens {
            if matches!(t.as_str(), "-" | "\u{2014}" | "\u{2013}") {
                dashes += 1;
                assert!(may_be_dash(t) && is_dash(t), "{t:?}");
            } else {
                assert!(!is_dash(t), "{t:?}");
            }
        }
        assert_eq!(dashes, 3);
        assert!(!may_be_dash("said") && !may_be_dash(","));
    }
}
