//! Claims: what a sentence asserts, typed, with exact spans. One file per claim kind.
//!
//! Extractors work on one sentence at a time ([`Ctx`]) and emit claims with spans in
//! *text* offsets; [`crate::extract`] maps every span to original offsets and fills `text`.

pub mod age;
pub mod attribution;
pub mod change;
pub mod conversion;
pub mod date;
pub mod entity;
pub mod names;
pub mod noun;
pub mod quantity;
pub mod rate;
pub mod share;
pub mod source;

use crate::document::{Document, Span};
use crate::text::sentences::Sentence;
use crate::text::tokens::{Token, TokenKind};
use serde::Serialize;
use std::cell::OnceCell;

pub use age::AgeClaim;
pub use attribution::AttributionClaim;
pub use change::ChangeClaim;
pub use conversion::ConversionClaim;
pub use date::DateClaim;
pub use entity::EntityClaim;
pub use quantity::QuantityClaim;
pub use rate::RateClaim;
pub use share::ShareClaim;
pub use source::SourceClaim;

/// One claim. Serialised with a `kind` tag and the kind's fields flattened beside it.
///
/// The kinds of more than 100 bytes are boxed, so a claim is 96 bytes, not 304, wherever
/// claims are pushed, sorted and appended (serde writes a `Box<T>` as the `T`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Claim {
    Quantity(Box<QuantityClaim>),
    Rate(Box<RateClaim>),
    Change(Box<ChangeClaim>),
    Share(Box<ShareClaim>),
    Conversion(Box<ConversionClaim>),
    Date(DateClaim),
    Age(AgeClaim),
    Organisation(EntityClaim),
    Person(EntityClaim),
    Attribution(Box<AttributionClaim>),
    Source(Box<SourceClaim>),
}

impl Claim {
    pub fn kind(&self) -> &'static str {
        match self {
            Claim::Quantity(_) => "quantity",
            Claim::Rate(_) => "rate",
            Claim::Change(_) => "change",
            Claim::Share(_) => "share",
            Claim::Conversion(_) => "conversion",
            Claim::Date(_) => "date",
            Claim::Age(_) => "age",
            Claim::Organisation(_) => "organisation",
            Claim::Person(_) => "person",
            Claim::Attribution(_) => "attribution",
            Claim::Source(_) => "source",
        }
    }

    pub fn span(&self) -> Span {
        self.head().0
    }

    pub fn text(&self) -> &str {
        self.head().1.as_str()
    }

    fn head(&self) -> (Span, &String) {
        match self {
            Claim::Quantity(c) => (c.span, &c.text),
            Claim::Rate(c) => (c.span, &c.text),
            Claim::Change(c) => (c.span, &c.text),
            Claim::Share(c) => (c.span, &c.text),
            Claim::Conversion(c) => (c.span, &c.text),
            Claim::Date(c) => (c.span, &c.text),
            Claim::Age(c) => (c.span, &c.text),
            Claim::Organisation(c) | Claim::Person(c) => (c.span, &c.text),
            Claim::Attribution(c) => (c.span, &c.text),
            Claim::Source(c) => (c.span, &c.text),
        }
    }

    /// Every span the claim holds, its own first, for mapping to original offsets.
    pub fn spans_mut(&mut self) -> Vec<&mut Span> {
        match self {
            Claim::Quantity(c) => c.spans_mut(),
            Claim::Rate(c) => c.spans_mut(),
            Claim::Change(c) => c.spans_mut(),
            Claim::Share(c) => c.spans_mut(),
            Claim::Conversion(c) => c.spans_mut(),
            Claim::Date(c) => vec![&mut c.span],
            Claim::Age(c) => vec![&mut c.span],
            Claim::Organisation(c) | Claim::Person(c) => vec![&mut c.span],
            Claim::Attribution(c) => c.spans_mut(),
            Claim::Source(c) => vec![&mut c.span],
        }
    }

    pub(crate) fn set_text(&mut self, text: String) {
        match self {
            Claim::Quantity(c) => c.text = text,
            Claim::Rate(c) => c.text = text,
            Claim::Change(c) => c.text = text,
            Claim::Share(c) => c.text = text,
            Claim::Conversion(c) => c.text = text,
            Claim::Date(c) => c.text = text,
            Claim::Age(c) => c.text = text,
            Claim::Organisation(c) | Claim::Person(c) => c.text = text,
            Claim::Attribution(c) => c.text = text,
            Claim::Source(c) => c.text = text,
        }
    }
}

/// What an extractor sees: one sentence of one document, tokenised.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    /// The document's prose text (token spans index into it).
    pub text: &'a str,
    pub sentence: &'a Sentence,
    pub tokens: &'a [Token],
    /// What several extractors read about this sentence, computed once on first use.
    pub memo: Memo,
    /// Each token's text, sliced once.
    texts: Vec<&'a str>,
}

/// The analyses of one sentence that more than one extractor reads, each computed on first
/// use and kept with the sentence's [`Ctx`]: the time expressions (dates, periods and the
/// temporal token ranges), the names features, the organisations named and the
/// attributions (read by the entity and attribution extractors).
#[derive(Default)]
pub struct Memo {
    pub(crate) time: OnceCell<Vec<crate::time::scan::TimeExpr>>,
    pub(crate) names: OnceCell<names::Features>,
    pub(crate) orgs: OnceCell<Vec<names::OrgHit>>,
    pub(crate) attributions: OnceCell<Vec<attribution::Found>>,
}

impl<'a> Ctx<'a> {
    /// The context of sentence `sentence` of `doc`.
    pub fn new(doc: &'a Document, sentence: &'a Sentence) -> Ctx<'a> {
        Ctx::reusing(doc, sentence, Vec::new())
    }
    /// The context of sentence `sentence` of `doc`, its token texts kept in `texts` (emptied
    /// first): a buffer handed from one sentence's context to the next ([`Ctx::into_texts`])
    /// is allocated once per document instead of once per sentence.
    pub fn reusing(doc: &'a Document, sentence: &'a Sentence, mut texts: Vec<&'a str>) -> Ctx<'a> {
        texts.clear();
        texts.extend(sentence.tokens.iter().map(|t| t.text(&doc.text)));
        Ctx {
            doc,
            text: &doc.text,
            sentence,
            tokens: &sentence.tokens,
            memo: Memo::default(),
            texts,
        }
    }
    /// The buffer of token texts, for the next sentence's [`Ctx::reusing`].
    pub fn into_texts(self) -> Vec<&'a str> {
        self.texts
    }
    pub fn len(&self) -> usize {
        self.tokens.len()
    }
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
    /// The text of token `i` ("" past the end).
    pub fn tok(&self, i: usize) -> &'a str {
        self.texts.get(i).copied().unwrap_or("")
    }
    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }
    /// Token `i` is the word `w`, ignoring ASCII case.
    pub fn is(&self, i: usize, w: &str) -> bool {
        self.texts.get(i).is_some_and(|t| t.eq_ignore_ascii_case(w))
    }
    /// Tokens from `i` on are the words `ws`, ignoring ASCII case.
    pub fn seq(&self, i: usize, ws: &[&str]) -> bool {
        ws.iter().enumerate().all(|(k, w)| self.is(i + k, w))
    }
    /// The lower-cased text of token `i`.
    pub fn lower(&self, i: usize) -> String {
        self.tok(i).to_lowercase()
    }
    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Word)
    }
    pub fn is_number(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Number)
    }
    pub fn is_capitalised(&self, i: usize) -> bool {
        self.is_word(i) && self.tok(i).chars().next().is_some_and(|c| c.is_uppercase())
    }
    /// Token `i` is glued to the one before it (no space).
    pub fn joined(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.joined)
    }
    /// The span from the start of token `a` to the end of token `b` (inclusive).
    pub fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.tokens[a].span.start, self.tokens[b].span.end)
    }
    pub fn slice(&self, a: usize, b: usize) -> &'a str {
        let s = self.span(a, b);
        &self.text[s.start..s.end]
    }
}

/// Runs every extractor over one sentence, in a fixed order. A bare count (no noun, no
/// unit) that lies inside a date, an age or a name is part of that claim, not a quantity
/// of its own ("Jane Roe, 58,", "360 Security Center"), and is dropped.
pub fn extract_sentence(ctx: &Ctx, out: &mut Vec<Claim>) {
    let first = out.len();
    quantity::extract_numeric(ctx, out);
    let numeric_end = out.len();
    date::extract(ctx, out);
    age::extract(ctx, out);
    entity::extract(ctx, out);
    attribution::extract(ctx, out);
    source::extract(ctx, out);
    // only this sentence's numeric claims are looked at: the document's earlier claims and
    // this sentence's others stay as they are (and where they are, until one is dropped).
    // A drop is rare, so the claims after it are moved down then, in place, instead of
    // collecting the covering spans and rebuilding the vector for every sentence.
    let mut k = first;
    let mut numeric_end = numeric_end;
    while k < numeric_end {
        if is_bare_count_inside(&out[k], &out[numeric_end..]) {
            out.remove(k);
            numeric_end -= 1;
        } else {
            k += 1;
        }
    }
}

/// `c` is a count (no unit) starting inside one of `others` that is not an attribution or
/// a source: inside a date, an age or a name.
fn is_bare_count_inside(c: &Claim, others: &[Claim]) -> bool {
    let Claim::Quantity(q) = c else {
        return false;
    };
    q.unit.dimension == crate::numbers::units::Dimension::Count
        && others
            .iter()
            .filter(|c| !matches!(c, Claim::Attribution(_) | Claim::Source(_)))
            .any(|c| {
                let s = c.span();
                s.start <= q.span.start && q.span.start < s.end
            })
}

#[cfg(test)]
mod tests {
    /// Claims are moved often (pushed, sorted, appended): the large kinds stay boxed.
    #[test]
    fn a_claim_is_at_most_96_bytes() {
        assert!(std::mem::size_of::<super::Claim>() <= 96);
    }
}
