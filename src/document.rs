//! The document: the prose text of one input, the map from that text back to byte offsets of
//! the original input, its date and its metadata.
//!
//! Invariant: every [`Span`] that leaves the library (in a claim or a finding) is a byte range
//! of the *original* input, on UTF-8 character boundaries of [`Document::source`].

use jiff::civil::Date;
use serde::Serialize;

/// A half-open byte range `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// The span of `text` without its surrounding white space, or `None` if nothing is left
    /// (or the span does not lie on character boundaries of `text`).
    pub fn trimmed(self, text: &str) -> Option<Span> {
        let s = text.get(self.start..self.end)?;
        let t = s.trim_start();
        let start = self.start + (s.len() - t.len());
        let t = t.trim_end();
        (!t.is_empty()).then(|| Span::new(start, start + t.len()))
    }
}

/// Maps byte offsets of [`Document::text`] to byte offsets of the original input.
///
/// Stored as runs: from `text_start` on, an offset `o` maps to `o - text_start + orig_start`
/// (until the next run). Readers that only blank markup (Markdown, plain text) keep the
/// identity map, a single run at 0; readers that decode (entities, transcoding) add runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetMap {
    runs: Vec<(usize, usize)>,
}

impl Default for OffsetMap {
    fn default() -> Self {
        OffsetMap::identity()
    }
}

impl OffsetMap {
    pub fn identity() -> OffsetMap {
        OffsetMap { runs: vec![(0, 0)] }
    }
    /// Starts a new run: text offset `text_start` corresponds to original offset `orig_start`.
    /// Runs must be pushed in increasing `text_start` order.
    pub fn push_run(&mut self, text_start: usize, orig_start: usize) {
        match self.runs.last_mut() {
            Some(last) if last.0 == text_start => *last = (text_start, orig_start),
            Some(last) if last.0 > text_start => {}
            _ => self.runs.push((text_start, orig_start)),
        }
    }
    pub fn is_identity(&self) -> bool {
        self.runs.len() == 1 && self.runs[0] == (0, 0)
    }
    pub fn to_original(&self, text_offset: usize) -> usize {
        let i = self.runs.partition_point(|r| r.0 <= text_offset);
        let (t, o) = self.runs[i.saturating_sub(1)];
        text_offset - t + o
    }
    pub fn span_to_original(&self, span: Span) -> Span {
        if self.is_identity() {
            return span;
        }
        Span::new(self.to_original(span.start), self.to_original(span.end))
    }
}

/// Metadata a reader found (front matter, HTML meta, JSONL fields).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Metadata {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The outlet or publisher (`source` or `outlet` in front matter).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Where the document date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrigin {
    FrontMatter,
    /// The document's own metadata: an HTML page's `article:published_time`, JSON-LD or
    /// `<time>`, a JSONL line's `date`.
    Metadata,
    Dateline,
    CommandLine,
    /// The `date` of the configuration governing the document.
    Config,
}

/// A warning a reader raised about its input (repaired bytes, a bad front-matter date, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub message: String,
}

/// One input document, ready for segmentation.
#[derive(Debug, Clone)]
pub struct Document {
    /// How the user named it (a path, `-` for stdin, later a URI or `file#line`).
    pub path: String,
    /// The original input as text (invalid UTF-8 bytes replaced one for one by spaces, so
    /// offsets are still the file's byte offsets).
    pub source: String,
    /// The prose view: same offsets as `source` where the map is the identity; markup,
    /// code blocks and URLs blanked out with spaces (newlines kept).
    pub text: String,
    pub map: OffsetMap,
    /// Byte ranges of `text` that are paragraph-level blocks of prose (headings, paragraphs,
    /// list items, table cells); sentences never cross a block boundary.
    pub blocks: Vec<Span>,
    pub date: Option<Date>,
    pub date_origin: Option<DateOrigin>,
    pub meta: Metadata,
    pub warnings: Vec<Warning>,
}

impl Document {
    /// A document whose prose `text` has the offsets of `source` (the identity map), with
    /// its blocks; no date, metadata or warnings yet.
    pub fn new(
        path: impl Into<String>,
        source: String,
        text: String,
        blocks: Vec<Span>,
    ) -> Document {
        Document {
            path: path.into(),
            source,
            text,
            map: OffsetMap::identity(),
            blocks,
            date: None,
            date_origin: None,
            meta: Metadata::default(),
            warnings: Vec::new(),
        }
    }

    /// A plain-text document whose prose is its whole source, one block per paragraph.
    pub fn from_text(path: impl Into<String>, source: String) -> Document {
        let text = source.clone();
        let blocks = crate::text::blocks::plain_blocks(&text, 0);
        Document::new(path, source, text, blocks)
    }

    /// The original text of a span given in original offsets (empty if out of range).
    pub fn original_slice(&self, span: Span) -> &str {
        self.source.get(span.start..span.end).unwrap_or("")
    }

    /// The 1-based line and column (in characters) of an original byte offset. Linear in the
    /// offset; for many look-ups build a [`LineIndex`] once.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        line_col(&self.source, offset)
    }
}

/// The 1-based line and column (in characters, not bytes) of a byte offset of `text`. An
/// offset past the end counts as the end; one inside a character as that character's start.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset);
    let before = &text.as_bytes()[..offset];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    (line, text[line_start..offset].chars().count() + 1)
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// Line starts of a text, for many offset → (line, column) look-ups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// As [`line_col`], for the text this index was built from.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset);
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line.saturating_sub(1)].min(offset);
        (line.max(1), text[start..offset].chars().count() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column() {
        let t = "ab\n\u{4e2d}\u{6587}x\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 2), (1, 3));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 9), (2, 3));
        assert_eq!(line_col(t, 10), (2, 4));
        assert_eq!(line_col(t, 4), (2, 1));
        assert_eq!(line_col(t, 11), (3, 1));
        assert_eq!(line_col(t, 99), (3, 1));
        let idx = LineIndex::new(t);
        for o in 0..=12 {
            assert_eq!(idx.line_col(t, o), line_col(t, o), "offset {o}");
        }
        let d = Document::from_text("x", t.to_string());
        assert_eq!(d.line_col(9), (2, 3));
    }
}
