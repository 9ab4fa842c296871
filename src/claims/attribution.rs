//! Attribution claims: who said a quotation, in what role, for which organisation.
//!
//! Patterns (quotation marks straight or curly):
//! - `"<quote>," <Name>[, <role> of <Org>,] said.` and `"<quote>," said <Name>[, <role>].`
//! - `<Name>[, <role> of <Org>,] said (that) ...`, `<Name> said: "<quote>"`
//! - `<Name> told <outlet>`, `according to <Name>, <role> of <Org>`
//! - titled speakers: `Foreign Ministry spokesperson Hua Chunying said` (role "spokesperson",
//!   organisation "Foreign Ministry").
//!
//! The claim's span covers speaker, role, organisation and verb, not the quotation; the
//! quotation's span (marks included) is `quote`. When the sentence splitter has cut a
//! quotation off its attribution (`“... ?” Hao Yeli said.`), the quotation is found before
//! the sentence. This extractor emits only attributions: the speakers and organisations are
//! emitted by [`super::entity`] from the same [`find`].

use super::names::{
    self, Appositive, OrgHit, Quotation, Run, Sent, Speaker, ACCORDING, ACRONYM, ADVERB, CAP,
    DEMONYM, DET, INVERTED_VERB, POINTED, PREFIX, QUOTE, SAY, TITLE,
};
use super::{Claim, Ctx};
use crate::document::Span;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributionClaim {
    pub span: Span,
    pub text: String,
    pub speaker: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    /// The quotation's span, when the attribution is of a quotation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<Span>,
    /// The reporting verb ("said", "told", "added", "according to").
    pub verb: String,
    /// The outlet spoken to ("told Xinhua").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
}

impl AttributionClaim {
    pub(crate) fn spans_mut(&mut self) -> Vec<&mut Span> {
        let mut v = vec![&mut self.span];
        if let Some(q) = &mut self.quote {
            v.push(q);
        }
        v
    }
}

/// An attribution found in a sentence, in tokens.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub speaker: Speaker,
    /// Role tokens (from an appositive, or the speaker's title).
    pub role_tokens: Option<(usize, usize)>,
    /// The role is one whose organisation is an organisation ("founder of").
    pub org_role: bool,
    pub org: Option<Run>,
    pub verb: String,
    pub quote: Option<Span>,
    /// First and one-past-last token of the attribution (quotation excluded).
    pub start: usize,
    pub end: usize,
    pub outlet: Option<Run>,
}

impl Found {
    fn new(speaker: Speaker, verb: String, start: usize, end: usize) -> Found {
        Found {
            speaker,
            role_tokens: None,
            org_role: false,
            org: None,
            verb,
            quote: None,
            start,
            end,
            outlet: None,
        }
    }

    /// The role and organisation an appositive gives.
    fn with_appositive(&mut self, a: &Appositive) {
        self.role_tokens = a.role;
        self.org = a.org;
        self.org_role = a.org_role;
    }

    /// A titled speaker's title is their role; an organisation right before it is theirs
    /// ("Foreign Ministry spokesperson Hua Chunying").
    fn with_title(&mut self, hits: &[OrgHit]) {
        let Some((a, last)) = self.speaker.title else {
            return;
        };
        self.role_tokens = Some((a, last + 1));
        let start = self.speaker.start;
        // hits are in order and apart: binary search by their end
        let ending = |b: usize| {
            hits.binary_search_by_key(&b, |h| h.run.b)
                .ok()
                .map(|i| hits[i])
                .filter(|h| !h.run.possessive)
        };
        if let Some(h) = ending(start).or_else(|| ending(a)) {
            self.org = Some(h.run);
            self.start = self.start.min(h.run.a);
        }
    }
}

/// `<speaker>[ of <Org>][, <appositive>,] <verb>` starting at token `i`.
fn speaker_then_verb(s: &Sent, i: usize, single: bool, hits: &[OrgHit]) -> Option<Found> {
    verb_after(s, names::speaker_at(s, i, single)?, hits)
}

/// `[ of <Org>][, <appositive>,] <verb>` after the speaker `sp`.
fn verb_after(s: &Sent, sp: Speaker, hits: &[OrgHit]) -> Option<Found> {
    let mut k = sp.end;
    let mut app = None;
    let mut of_org = None;
    // "Dr. Jane Roe of the U.S. Department of State said"
    if !sp.org && (s.is(k, "of") || s.is(k, "at") || s.is(k, "from")) {
        let r = names::org_ref_at(s, k + 1).filter(|r| r.is_org() || r.domain)?;
        of_org = Some(r);
        k = r.b;
    }
    if s.tok(k) == "," {
        let a = names::appositive_at(s, k)?;
        if s.tok(a.end) == "," && names::say_verb_at(s, a.end + 1).is_some() {
            k = a.end + 1;
        } else if names::say_verb_at(s, a.end).is_some() {
            k = a.end;
        } else {
            return None;
        }
        app = Some(a);
    }
    let (_, vb, verb) = names::say_verb_at(s, k)?;
    let mut f = Found::new(sp, verb, sp.start, vb);
    if f.verb == "told" || f.verb == "tells" {
        if let Some(r) = names::org_ref_at(s, vb) {
            if names::is_outlet_run(s, &r) || s.has(r.a, ACRONYM) {
                f.end = r.b;
                f.outlet = Some(r);
            }
        }
    }
    match app {
        Some(a) => f.with_appositive(&a),
        None => f.with_title(hits),
    }
    if of_org.is_some() {
        f.org = of_org;
    }
    Some(f)
}

/// `<verb> <speaker>[, <appositive>]` with the verb at token `i`.
fn verb_then_speaker(s: &Sent, i: usize, single: bool, hits: &[OrgHit]) -> Option<Found> {
    if !s.lower_has(i, INVERTED_VERB | ADVERB) {
        return None;
    }
    let (va, vb, verb) = names::say_verb_at(s, i)?;
    if va != i || !s.has(va, INVERTED_VERB) {
        return None;
    }
    let sp = names::speaker_at(s, vb, single)?;
    let mut f = Found::new(sp, verb, va, sp.end);
    match names::appositive_at(s, sp.end) {
        Some(a) => {
            f.end = a.end;
            f.with_appositive(&a);
        }
        None => f.with_title(hits),
    }
    Some(f)
}

/// `according to <person>, <role>` or `according to <titled person>` at token `i`.
fn according_to(s: &Sent, i: usize, hits: &[OrgHit]) -> Option<Found> {
    if !s.seq(i, &["according", "to"]) {
        return None;
    }
    let sp = names::speaker_at(s, i + 2, false)?;
    if sp.org {
        return None;
    }
    let mut f = Found::new(sp, "according to".to_string(), i, sp.end);
    match names::appositive_at(s, sp.end) {
        Some(a) if a.core => {
            f.end = a.end;
            f.with_appositive(&a);
        }
        _ if sp.title.is_some() => f.with_title(hits),
        _ => return None,
    }
    Some(f)
}

/// The sentence ends right at token `end` (a final full stop aside).
fn ends_sentence(s: &Sent, end: usize) -> bool {
    let n = s.len();
    end >= n || (end + 1 == n && matches!(s.tok(end), "." | "!" | "?"))
}

/// The quotation that opens right after the verb: `said: "..."`, `said that "..."`.
fn quote_after(s: &Sent, k: usize, quotes: &[Quotation]) -> Option<Span> {
    let mut k = k;
    if matches!(s.tok(k), "," | ":") || s.is(k, "that") {
        k += 1;
    }
    quotes.iter().find(|q| q.open == Some(k)).map(|q| q.span)
}

/// Every attribution of the sentence ([`find`] over its organisations), computed once per
/// sentence: the entity extractor reads them too.
pub(crate) fn found<'s>(s: &Sent<'s, '_>) -> &'s [Found] {
    s.ctx().memo.attributions.get_or_init(|| find(s, s.orgs()))
}

/// Every attribution of a sentence. `hits` are the sentence's organisations
/// ([`names::org_runs`]).
pub(crate) fn find(s: &Sent, hits: &[OrgHit]) -> Vec<Found> {
    let n = s.len();
    let mut out: Vec<Found> = Vec::new();
    // every pattern needs a reporting verb or "according to"
    let according = |i: usize| s.has(i, ACCORDING) && s.is(i, "according");
    if !(s.any_lower(SAY)
        || (s.any(ACCORDING) && (0..n).any(|i| according(i) && s.is(i + 1, "to"))))
    {
        return out;
    }
    let quotes = if s.any(QUOTE) {
        names::quotations(s)
    } else {
        Vec::new()
    };
    // tokens inside a quotation (marks included), and tokens an attribution already covers:
    // one allocation
    let mut marks = vec![false; 2 * n];
    let (quoted, taken) = marks.split_at_mut(n);
    for q in &quotes {
        for x in &mut quoted[q.open.unwrap_or(0)..=q.close] {
            *x = true;
        }
    }
    let quoted = &*quoted;
    let inside_quote = |i: usize| quoted.get(i).copied().unwrap_or(false);
    let push = |out: &mut Vec<Found>, taken: &mut [bool], f: Found| {
        for x in &mut taken[f.start.min(n)..f.end.min(n)] {
            *x = true;
        }
        out.push(f);
    };
    // 1. After a quotation.
    for q in &quotes {
        let mut t = q.close + 1;
        if s.tok(t) == "," {
            t += 1;
        }
        // "Foreign Ministry spokesperson Hua Chunying said": the speaker after the org
        let after_org = || {
            let r = names::run_at(s, t).filter(|r| r.is_org() && !r.possessive)?;
            names::titles_at(s, r.b)?;
            speaker_then_verb(s, r.b, false, hits)
        };
        let f = verb_then_speaker(s, t, true, hits)
            .or_else(|| speaker_then_verb(s, t, true, hits))
            .or_else(after_org);
        if let Some(mut f) = f {
            f.quote = Some(q.span);
            push(&mut out, taken, f);
        }
    }
    // 2. Speaker first: "Lyu Benfu, deputy head of ..., said (that) ...". The verb comes
    //    after the speaker: no speaker starts at or after the last verb.
    let last_verb = (0..n)
        .rev()
        .find(|&k| s.lower_has(k, SAY) || (s.has(k, POINTED) && s.is(k, "pointed")))
        .unwrap_or(0);
    let mut i = 0;
    while i < last_verb {
        // of the lower-case determiners only "the" can open a speaker ("the Ministry")
        let the = s.has(i, DET) && s.is(i, "the");
        let starts = s.has(i, TITLE | PREFIX | DEMONYM)
            || ((s.has(i, CAP) || the) && !s.name_word_ends_at(i));
        if starts && !inside_quote(i) && !taken[i] {
            // A one-word speaker only before a quotation: `Smith said: "..."`. The speaker
            // allowing one word is the speaker otherwise, or else a bare one-word name.
            let found = names::speaker_at(s, i, true).and_then(|sp| {
                let one_word = !sp.org && sp.title.is_none() && sp.words < 2;
                let f = verb_after(s, sp, hits)?;
                (!one_word || quote_after(s, f.end, &quotes).is_some()).then_some(f)
            });
            if let Some(mut f) = found {
                f.quote = quote_after(s, f.end, &quotes);
                if f.quote.is_none() && f.start == 0 && ends_sentence(s, f.end) {
                    f.quote = names::quotation_ending_before(s, s.sentence.span.start);
                }
                i = f.end.max(i + 1);
                push(&mut out, taken, f);
                continue;
            }
        }
        i += 1;
    }
    // 3. Verb first without a quotation before it: "..., said Wang Huiyao, ..." or a
    //    sentence "said Hao Yeli." cut off its quotation.
    // (none without such a lower-case word)
    let inverted = if s.any_lower(INVERTED_VERB | ADVERB) {
        n
    } else {
        0
    };
    for v in 0..inverted {
        if !s.lower_has(v, INVERTED_VERB | ADVERB) || !(v == 0 || s.tok(v - 1) == ",") {
            continue;
        }
        if (v >= 2 && s.has(v - 2, QUOTE)) || inside_quote(v) || taken[v] {
            continue;
        }
        if let Some(mut f) = verb_then_speaker(s, v, false, hits) {
            if v == 0 && ends_sentence(s, f.end) {
                f.quote = names::quotation_ending_before(s, s.sentence.span.start);
            }
            push(&mut out, taken, f);
        }
    }
    // 4. "according to Lyu Benfu, deputy head of ..."
    let last = if s.any(ACCORDING) {
        n.saturating_sub(2)
    } else {
        0
    };
    for i in 0..last {
        if according(i) && !taken[i] {
            if let Some(f) = according_to(s, i, hits) {
                push(&mut out, taken, f);
            }
        }
    }
    out
}

fn claim(s: &Sent, f: &Found) -> AttributionClaim {
    let role = f.role_tokens.and_then(|(a, b)| {
        let r = names::fold_ws(s.slice(a, b.max(a + 1) - 1));
        let r = r.trim_end_matches(['.', ',']).trim().to_string();
        (!r.is_empty()).then_some(r)
    });
    AttributionClaim {
        span: s.span(f.start, f.end.max(f.start + 1) - 1),
        text: String::new(),
        speaker: names::span_text(s, f.speaker.span),
        role,
        organisation: f.org.map(|r| names::span_text(s, r.span)),
        quote: f.quote,
        verb: f.verb.clone(),
        outlet: f.outlet.map(|r| names::span_text(s, r.span)),
    }
}

pub fn extract(ctx: &Ctx, out: &mut Vec<Claim>) {
    if ctx.is_empty() {
        return;
    }
    let s = Sent::new(ctx);
    for f in found(&s) {
        out.push(Claim::Attribution(Box::new(claim(&s, f))));
    }
}
