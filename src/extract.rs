//! The extraction stage: document → sentences → claims, spans mapped to original offsets.

use crate::claims::{extract_sentence, Claim, Ctx};
use crate::document::{Document, Span};
use crate::text::sentences;
use crate::text::tokens::Token;

/// What extraction gives the rules: the sentences (spans in original offsets, with their
/// block) and the claims, each with the index of the sentence it came from.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub sentences: Vec<SentenceRef>,
    pub claims: Vec<Claim>,
    /// `claim_sentence[k]` is the index in `sentences` of `claims[k]`'s sentence.
    pub claim_sentence: Vec<usize>,
}

/// A sentence as later stages see it: its span in the original input, its block, and its
/// tokens (spans in original offsets), for the lexical rules (substitution, consistency).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceRef {
    pub span: Span,
    pub block: usize,
    pub tokens: Vec<Token>,
}

impl Extraction {
    /// The block (paragraph) of claim `k`.
    pub fn block_of(&self, k: usize) -> usize {
        self.sentences[self.claim_sentence[k]].block
    }
}

/// Extracts every claim of a document, ordered by span, spans in original offsets.
pub fn extract(doc: &Document) -> Vec<Claim> {
    extract_all(doc).claims
}

/// Extracts every claim with the sentence it belongs to.
pub fn extract_all(doc: &Document) -> Extraction {
    let mut tagged: Vec<(usize, Claim)> = Vec::new();
    let mut refs = Vec::new();
    let mut buf = Vec::new();
    for (si, s) in sentences::split(doc).into_iter().enumerate() {
        let ctx = Ctx::new(doc, &s);
        extract_sentence(&ctx, &mut buf);
        drop(ctx);
        tagged.extend(buf.drain(..).map(|c| (si, c)));
        let mut tokens = s.tokens;
        if !doc.map.is_identity() {
            for t in &mut tokens {
                t.span = doc.map.span_to_original(t.span);
            }
        }
        refs.push(SentenceRef {
            span: doc.map.span_to_original(s.span),
            block: s.block,
            tokens,
        });
    }
    let identity = doc.map.is_identity();
    for (_, c) in &mut tagged {
        if !identity {
            for span in c.spans_mut() {
                *span = doc.map.span_to_original(*span);
            }
        }
        let text = doc.original_slice(c.span()).to_string();
        c.set_text(text);
    }
    // stable, like `sort_by`; each key computed once, the large claims moved once
    tagged.sort_by_cached_key(|(_, c)| (c.span().start, std::cmp::Reverse(c.span().end), c.kind()));
    let (claim_sentence, claims) = tagged.into_iter().unzip();
    Extraction {
        sentences: refs,
        claims,
        claim_sentence,
    }
}
