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
    let mut claims: Vec<Claim> = Vec::new();
    let mut claim_sentence: Vec<usize> = Vec::new();
    let mut buf = Vec::new();
    let identity = doc.map.is_identity();
    // claims are ordered by span (stable, like `sort_by`)
    let key = |c: &Claim| (c.span().start, std::cmp::Reverse(c.span().end), c.kind());
    let sentences = sentences::split(doc);
    let mut texts = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let ctx = Ctx::reusing(doc, s, texts);
        extract_sentence(&ctx, &mut buf);
        texts = ctx.into_texts();
        for c in &mut buf {
            if !identity {
                for span in c.spans_mut() {
                    *span = doc.map.span_to_original(*span);
                }
            }
            let text = doc.original_slice(c.span()).to_string();
            c.set_text(text);
        }
        // each sentence's few claims are put in order here, where they are small in number;
        // sentences follow one another, so the document's claims are then in order already
        // (checked below) and none has to move again
        if !buf.is_sorted_by_key(key) {
            buf.sort_by(|a, b| key(a).cmp(&key(b)));
        }
        claim_sentence.resize(claim_sentence.len() + buf.len(), si);
        claims.append(&mut buf);
    }
    let mut refs = Vec::with_capacity(sentences.len());
    for s in sentences {
        let mut tokens = s.tokens;
        if !identity {
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
    // sorting each sentence's claims stably and then the whole stably orders them as one
    // stable sort of the whole would (a sentence's claims stay together and in order); the
    // keys are sorted and the large claims moved once, into their places
    if !claims.is_sorted_by_key(key) {
        let mut order: Vec<_> = claims.iter().map(key).zip(0..).collect();
        order.sort_unstable(); // the indices tell equal keys apart: stable
        let mut slots: Vec<Option<Claim>> = claims.into_iter().map(Some).collect();
        claims = order.iter().filter_map(|&(_, k)| slots[k].take()).collect();
        claim_sentence = order.iter().map(|&(_, k)| claim_sentence[k]).collect();
    }
    Extraction {
        sentences: refs,
        claims,
        claim_sentence,
    }
}
