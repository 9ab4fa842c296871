//! Sentences, with byte spans, inside the document's blocks.

use crate::document::{Document, Span};
use crate::text::tokens::{tokenize, Token};

#[derive(Debug, Clone)]
pub struct Sentence {
    /// Byte range in the document text (trimmed of surrounding white space).
    pub span: Span,
    /// Index of the block (paragraph) it belongs to.
    pub block: usize,
    pub tokens: Vec<Token>,
}

/// Splits every block of the document into sentences (sentencex, English rules).
pub fn split(doc: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (bi, block) in doc.blocks.iter().enumerate() {
        let Some(btext) = doc.text.get(block.start..block.end) else {
            continue;
        };
        for b in sentencex::get_sentence_boundaries("en", btext) {
            let raw = &btext[b.start_byte..b.end_byte];
            let lead = raw.len() - raw.trim_start().len();
            let trimmed = raw.trim();
            if trimmed.is_empty() {
                continue;
            }
            let start = block.start + b.start_byte + lead;
            let span = Span::new(start, start + trimmed.len());
            out.push(Sentence {
                span,
                block: bi,
                tokens: tokenize(&doc.text, span),
            });
        }
    }
    out
}
