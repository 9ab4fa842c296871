//! Paragraph-level blocks of plain text.

use crate::document::Span;

/// Splits `text` (starting at offset `base` of the document text) into blocks: paragraphs
/// separated by blank lines, and short title-like lines on their own.
pub fn plain_blocks(text: &str, base: usize) -> Vec<Span> {
    let mut blocks = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim();
        let line_start = pos;
        pos += line.len();
        if content.is_empty() {
            if let Some(s) = start.take() {
                let end = s + text[s..line_start].trim_end().len();
                blocks.push(Span::new(base + s, base + end));
            }
            continue;
        }
        let opens_block = start.is_none();
        if opens_block {
            start = Some(line_start + (line.len() - line.trim_start().len()));
        }
        // A short first line that does not end a sentence is a title or a dateline: its own
        // block (a hard-wrapped paragraph's lines are long, its last line ends a sentence).
        let ends_sentence = content.ends_with(['.', '!', '?', '"', '\u{201D}', ':']);
        if opens_block && content.chars().count() < 60 && !ends_sentence && !continues(content) {
            let s = start.take().unwrap_or(line_start);
            blocks.push(Span::new(base + s, base + line_start + line.trim_end().len()));
        }
    }
    if let Some(s) = start {
        let end = text.trim_end().len().max(s);
        blocks.push(Span::new(base + s, base + end));
    }
    blocks
}

/// A line that visibly runs on into the next: it ends with a comma, a hyphen or a function word.
fn continues(line: &str) -> bool {
    const FUNCTION_WORDS: &[&str] = &[
        "a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "but", "with", "by", "at",
        "from", "as", "that", "which", "who", "is", "are", "was", "were",
    ];
    if line.ends_with([',', '-', ';', '(', '\u{2014}', '\u{2013}']) {
        return true;
    }
    let last = line.rsplit(' ').next().unwrap_or("");
    FUNCTION_WORDS.iter().any(|w| last.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_lines_and_paragraphs() {
        let t = "A Title Line\nFirst sentence runs on and on until it wraps at the edge of\nthe column. Second.\n\nNext para.\n";
        let b: Vec<&str> = plain_blocks(t, 0)
            .iter()
            .map(|s| &t[s.start..s.end])
            .collect();
        assert_eq!(
            b,
            vec![
                "A Title Line",
                "First sentence runs on and on until it wraps at the edge of\nthe column. Second.",
                "Next para."
            ]
        );
    }
}
