//! The extraction stage: document → sentences → claims, spans mapped to original offsets.

use crate::claims::{extract_sentence, Claim, Ctx};
use crate::document::Document;
use crate::text::sentences;

/// Extracts every claim of a document, ordered by span, spans in original offsets.
pub fn extract(doc: &Document) -> Vec<Claim> {
    let mut claims = Vec::new();
    for s in sentences::split(doc) {
        let ctx = Ctx {
            doc,
            text: &doc.text,
            sentence: &s,
            tokens: &s.tokens,
        };
        extract_sentence(&ctx, &mut claims);
    }
    for c in &mut claims {
        for span in c.spans_mut() {
            *span = doc.map.span_to_original(*span);
        }
        let text = doc.original_slice(c.span()).to_string();
        c.set_text(text);
    }
    claims.sort_by(|a, b| {
        (a.span().start, std::cmp::Reverse(a.span().end), a.kind()).cmp(&(
            b.span().start,
            std::cmp::Reverse(b.span().end),
            b.kind(),
        ))
    });
    claims
}
