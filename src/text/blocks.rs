//! Paragraph-level blocks of plain text.
//!
//! Blocks are paragraphs separated by blank lines, with these lines split off on their own:
//! - a short line that opens a block and does not end a sentence (a title, a dateline, a
//!   section or navigation line: "Business / Technology", "US EUROPE AFRICA ASIA");
//! - a title-case line after a line that ended a sentence ("Hot Topics" under a paragraph);
//! - a line that is only a dateline ("(Xinhua) Updated: 2015-12-15 13:19");
//! - a heading-length line opening a block whose next line is a long unwrapped paragraph.
//!
//! A paragraph with a line longer than [`UNWRAPPED_LINE`] characters is not hard-wrapped:
//! there, every line break ends a block (one paragraph per line), unless the line visibly
//! runs on.

use crate::document::Span;
use crate::input::dateline::is_dateline_line;

/// Lines shorter than this (in characters) may be titles.
const SHORT_LINE: usize = 60;
/// A line longer than this (in characters) is not hard-wrapped.
const UNWRAPPED_LINE: usize = 120;

struct Line<'a> {
    /// Byte offset of the trimmed content in the text.
    start: usize,
    content: &'a str,
    chars: usize,
}

impl Line<'_> {
    fn end(&self) -> usize {
        self.start + self.content.len()
    }
}

/// Splits `text` (starting at offset `base` of the document text) into blocks: paragraphs
/// separated by blank lines, and short title-like lines on their own. Spans are trimmed.
/// Linear in the length of `text`.
pub fn plain_blocks(text: &str, base: usize) -> Vec<Span> {
    let mut blocks = Vec::new();
    let mut para: Vec<Line> = Vec::new();
    let mut pos = 0;
    for raw in text.split_inclusive('\n') {
        let line_start = pos;
        pos += raw.len();
        let content = raw.trim();
        if content.is_empty() {
            split_paragraph(&para, base, &mut blocks);
            para.clear();
            continue;
        }
        let start = line_start + (raw.len() - raw.trim_start().len());
        para.push(Line {
            start,
            content,
            chars: content.chars().count(),
        });
    }
    split_paragraph(&para, base, &mut blocks);
    blocks
}

/// Splits the lines of one paragraph (no blank line among them) into blocks.
fn split_paragraph(lines: &[Line], base: usize, blocks: &mut Vec<Span>) {
    if lines.is_empty() {
        return;
    }
    let unwrapped = lines.iter().any(|l| l.chars > UNWRAPPED_LINE);
    let mut open: Option<usize> = None;
    let mut last_end = 0;
    let flush = |open: &mut Option<usize>, end: usize, blocks: &mut Vec<Span>| {
        if let Some(s) = open.take() {
            blocks.push(Span::new(base + s, base + end));
        }
    };
    for (i, line) in lines.iter().enumerate() {
        let opens = open.is_none();
        let prev_ends = i > 0 && ends_sentence(lines[i - 1].content);
        let next_chars = lines.get(i + 1).map_or(0, |l| l.chars);
        if standalone(line, opens, prev_ends, next_chars) {
            flush(&mut open, last_end, blocks);
            blocks.push(Span::new(base + line.start, base + line.end()));
            last_end = line.end();
            continue;
        }
        if opens {
            open = Some(line.start);
        }
        last_end = line.end();
        if unwrapped && !continues(line.content) {
            flush(&mut open, last_end, blocks);
        }
    }
    flush(&mut open, last_end, blocks);
}

/// Whether a line is a block of its own.
fn standalone(line: &Line, opens: bool, prev_ends: bool, next_chars: usize) -> bool {
    let c = line.content;
    if line.chars <= 100 && is_dateline_line(c) {
        return true;
    }
    if ends_sentence(c) || continues(c) {
        return false;
    }
    // A short first line: a title, a dateline, a section name.
    if opens && line.chars < SHORT_LINE {
        return true;
    }
    // A heading-length line above a long unwrapped paragraph line.
    if opens && line.chars < 150 && next_chars > 100 && next_chars * 2 > line.chars * 3 {
        return true;
    }
    // A title-case line under a finished sentence ("Hot Topics").
    prev_ends && line.chars < SHORT_LINE && title_like(c)
}

/// A line that ends a sentence (or introduces what follows).
fn ends_sentence(line: &str) -> bool {
    line.ends_with(['.', '!', '?', '"', '\u{201D}', ':', '\u{2026}'])
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

/// Most words capitalised (small function words aside), or written in a script without case.
fn title_like(line: &str) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "of", "in", "on", "and", "or", "for", "to", "at", "by", "with", "from",
        "vs", "vs.",
    ];
    let mut words = 0;
    let mut capitalised = 0;
    for w in line.split_whitespace() {
        let Some(first) = w.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        if !first.is_alphabetic() || SMALL.iter().any(|s| w.eq_ignore_ascii_case(s)) {
            continue;
        }
        words += 1;
        if !first.is_lowercase() {
            capitalised += 1;
        }
    }
    words > 0 && capitalised * 4 >= words * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(t: &str) -> Vec<&str> {
        plain_blocks(t, 0)
            .iter()
            .map(|s| &t[s.start..s.end])
            .collect()
    }

    #[test]
    fn title_lines_and_paragraphs() {
        let t = "A Title Line\nFirst sentence runs on and on until it wraps at the edge of\nthe column. Second.\n\nNext para.\n";
        assert_eq!(
            blocks(t),
            vec![
                "A Title Line",
                "First sentence runs on and on until it wraps at the edge of\nthe column. Second.",
                "Next para."
            ]
        );
    }

    #[test]
    fn spans_are_offset_by_base() {
        let t = "Title\n\nBody.";
        assert_eq!(
            plain_blocks(t, 10),
            vec![Span::new(10, 15), Span::new(17, 22)]
        );
    }

    #[test]
    fn site_header_lines_are_blocks() {
        let t = "US EUROPE AFRICA ASIA \u{4e2d}\u{6587}\nBusiness / Technology\n\nA headline that is long enough to pass the short line limit here\n\n(Xinhua) Updated: 2015-12-15 13:19\n\nBEIJING - Delegates met, the agency said.\n";
        assert_eq!(
            blocks(t),
            vec![
                "US EUROPE AFRICA ASIA \u{4e2d}\u{6587}",
                "Business / Technology",
                "A headline that is long enough to pass the short line limit here",
                "(Xinhua) Updated: 2015-12-15 13:19",
                "BEIJING - Delegates met, the agency said.",
            ]
        );
    }

    #[test]
    fn dateline_inside_a_paragraph_is_split_off() {
        let t =
            "The summit opened in the city.\nUpdated: 2015-12-15 13:19\nMore text follows here.";
        assert_eq!(
            blocks(t),
            vec![
                "The summit opened in the city.",
                "Updated: 2015-12-15 13:19",
                "More text follows here."
            ]
        );
    }

    #[test]
    fn one_paragraph_per_line() {
        let long = "Delegates from many research institutes gathered in the capital this week to discuss trends in the largest economies.";
        let t = format!(
            "Full coverage of a long summit headline that is longer than sixty\n{long} More.\nShort line.\nAnother paragraph that runs on with a comma,\nand ends here.\nHot Topics\nEditor's Picks\n"
        );
        assert_eq!(
            blocks(&t),
            vec![
                "Full coverage of a long summit headline that is longer than sixty",
                &format!("{long} More.")[..],
                "Short line.",
                "Another paragraph that runs on with a comma,\nand ends here.",
                "Hot Topics",
                "Editor's Picks",
            ]
        );
    }

    #[test]
    fn hard_wrapped_paragraph_stays_whole() {
        let t = "The ministry said the figures, released on Tuesday, showed a rise.\nExports grew by 5 percent in the first nine months of the year as\ndemand picked up in Europe and the United States.\nThe trade surplus narrowed\nslightly in the same period.\n";
        assert_eq!(blocks(t).len(), 1);
    }

    #[test]
    fn title_case_line_after_a_sentence() {
        let t = "He said it would take years.\nMore From Our Site\nthe rest in lower case";
        assert_eq!(
            blocks(t),
            vec![
                "He said it would take years.",
                "More From Our Site",
                "the rest in lower case"
            ]
        );
    }

    #[test]
    fn long_single_line_is_linear() {
        let t = "word ".repeat(200_000);
        let b = plain_blocks(&t, 0);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0], Span::new(0, t.trim_end().len()));
    }
}
