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
                blocks.push(Span::new(base + s, base + line_start));
            }
            continue;
        }
        if start.is_none() {
            start = Some(line_start + (line.len() - line.trim_start().len()));
        }
        // A short line that does not end a sentence is a title or a dateline: its own block.
        let ends_sentence = content.ends_with(['.', '!', '?', '"', '\u{201D}', ':']);
        if content.chars().count() < 60 && !ends_sentence {
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
                "First sentence runs on and on until it wraps at the edge of\nthe column. Second.\n",
                "Next para."
            ]
        );
    }
}
