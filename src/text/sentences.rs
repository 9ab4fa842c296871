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

/// Blocks longer than this are split in pieces of at most this many bytes before sentencex
/// sees them: its time grows with the square of a block's length (it compares every
/// quotation with every parenthesis), so an 8 MB line of quoted text took 45 s whole.
const MAX_PIECE: usize = 64 * 1024;

/// Splits every block of the document into sentences (sentencex, English rules).
pub fn split(doc: &Document) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (bi, block) in doc.blocks.iter().enumerate() {
        let Some(btext) = doc.text.get(block.start..block.end) else {
            continue;
        };
        for (offset, piece) in pieces(btext, MAX_PIECE) {
            for sentence in sentence_spans(piece) {
                let at = block.start + offset;
                let span = Span::new(at + sentence.start, at + sentence.end);
                out.push(Sentence {
                    span,
                    block: bi,
                    tokens: tokenize(&doc.text, span),
                });
            }
        }
    }
    out
}

/// The sentences of `text` (English rules) as byte spans of `text`, trimmed of white space,
/// empty ones left out: exactly those of `sentencex::get_sentence_boundaries("en", text)` trimmed
/// (tests/sentence_fast_path.rs compares the two), found with less work.
pub fn sentence_spans(text: &str) -> Vec<Span> {
    if is_one_sentence(text) {
        // `text` is trimmed
        if text.is_empty() {
            return Vec::new();
        }
        return vec![Span::new(0, text.len())];
    }
    // `segment` finds the same breaks as `get_sentence_boundaries` (same chunking, same
    // paragraph rule) without counting every sentence's characters; its sentences are slices
    // of `text`, so their offsets are pointer differences.
    sentencex::segment("en", text)
        .into_iter()
        .filter_map(|sentence| {
            let trimmed = sentence.trim();
            if trimmed.is_empty() {
                return None;
            }
            let start = trimmed.as_ptr() as usize - text.as_ptr() as usize;
            Some(Span::new(start, start + trimmed.len()))
        })
        .collect()
}

/// True when sentencex can only make `text` one sentence, so it need not be asked: a
/// trimmed text with no line break (one paragraph; no list item can start after its first
/// line) and no `.`, `!`, `?` or `)` (terminators; closers of inline list markers like `a)`
/// and `(2)`) except a run of `.`, `!`, `?` that ends it. Its only candidate break is then
/// at the very end, where a break and no break give the same sentence. Characters outside
/// ASCII come only from ranges with no terminator and no list bullet (Latin letters and
/// signs, dashes, curly quotes); anything else goes to sentencex.
fn is_one_sentence(text: &str) -> bool {
    if text.trim().len() != text.len() {
        return false;
    }
    let body = text.trim_end_matches(['.', '!', '?']);
    if body.len() != text.len() && body.trim_end().len() != body.len() {
        // a run after a space (`word !`) is left to sentencex
        return false;
    }
    // a multi-byte character has no ASCII byte in it
    !has_terminator_or_closer(body.as_bytes())
        && (body.is_ascii()
            || body.chars().all(|c| {
                c.is_ascii() || matches!(c, '\u{a0}'..='\u{24f}' | '\u{2010}'..='\u{201f}')
            }))
}

/// Whether `bytes` hold `.`, `!`, `?`, a line break or `)`: 32 bytes at a time, compared
/// without a branch so that the loop is vectorized.
fn has_terminator_or_closer(bytes: &[u8]) -> bool {
    let stop = |b: u8| (b == b'.') | (b == b'!') | (b == b'?') | (b == b'\n') | (b == b')');
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        if chunk.iter().fold(0u8, |any, &b| any | u8::from(stop(b))) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().any(|&b| stop(b))
}

/// `text` cut into pieces of at most `max` bytes (a text no longer is one piece), each with
/// its offset. A cut falls after the last sentence end (`.`, `!`, `?` then white space) or line
/// break in the second half of the window, else after its last white space, else at a
/// character boundary.
fn pieces(text: &str, max: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    while text.len() - start > max {
        let window = &text[start..floor(text, start + max)];
        let half = floor(window, window.len() / 2);
        let tail = &window[half..];
        let bytes = tail.as_bytes();
        let sentence_end = (1..bytes.len())
            .rev()
            .find(|&i| {
                bytes[i] == b'\n'
                    || (bytes[i].is_ascii_whitespace()
                        && matches!(bytes[i - 1], b'.' | b'!' | b'?'))
            })
            .map(|i| i + 1);
        let space = || tail.rfind(char::is_whitespace).map(|i| i + 1);
        let cut = match sentence_end.or_else(space) {
            Some(i) => half + i,
            None => window.len().max(1),
        };
        let cut = floor(text, start + cut).max(start + 1);
        let cut = (cut..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        out.push((start, &text[start..cut]));
        start = cut;
    }
    out.push((start, &text[start..]));
    out
}

/// The largest character boundary of `s` at or before `i`.
fn floor(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_piece() {
        assert_eq!(pieces("One. Two.", 64), vec![(0, "One. Two.")]);
        assert_eq!(pieces("", 64), vec![(0, "")]);
    }

    #[test]
    fn pieces_cover_the_text_in_order_within_the_limit() {
        let texts = [
            "Wörter über Grenzen — “quoted” text, no full stop anywhere in it at all ".repeat(40),
            "x".repeat(1000),
            "Short one. Another one! A third? ".repeat(50),
            "é".repeat(700),
        ];
        for text in &texts {
            for max in [16, 17, 63, 100] {
                let ps = pieces(text, max);
                let mut at = 0;
                for &(offset, piece) in &ps {
                    assert_eq!(offset, at);
                    assert!(!piece.is_empty() || text.is_empty());
                    assert!(piece.len() <= max, "{max}: {piece:?}");
                    at += piece.len();
                }
                assert_eq!(at, text.len());
                assert_eq!(ps.iter().map(|p| p.1).collect::<String>(), *text);
            }
        }
        // cuts fall after a sentence end when the window has one
        let text = "Short one. Another one! A third? ".repeat(50);
        let ps = pieces(&text, 100);
        for (_, p) in &ps[..ps.len() - 1] {
            assert!(
                p.ends_with(". ") || p.ends_with("! ") || p.ends_with("? "),
                "{p:?}"
            );
        }
    }

    #[test]
    fn a_long_block_of_plain_sentences_splits_as_it_would_whole() {
        let sentence = "The port handled 61 million tonnes of cargo in 2021, said Dana Kell. ";
        let block = sentence.repeat(3 * MAX_PIECE / sentence.len());
        let doc = crate::input::plain::parse(
            "long".to_string(),
            block.clone(),
            &crate::input::LoadOptions::default(),
        );
        assert_eq!(doc.blocks.len(), 1);
        let ours: Vec<&str> = split(&doc)
            .iter()
            .map(|s| &doc.text[s.span.start..s.span.end])
            .collect();
        let whole: Vec<&str> = sentencex::get_sentence_boundaries("en", &block)
            .iter()
            .map(|b| block[b.start_byte..b.end_byte].trim())
            .filter(|s| !s.is_empty())
            .collect();
        assert!(ours.len() > 2000);
        assert_eq!(ours, whole);
    }
}
