//! Markdown files with optional YAML front matter.
//!
//! The prose view keeps the source's offsets: everything pulldown-cmark does not report as
//! prose text is blanked with spaces (line breaks kept): front matter, code blocks and inline
//! code, HTML, link and image destinations, images as a whole, heading, emphasis, list,
//! table and block-quote markers, autolinks and bare URLs. Link text stays. Blocks are the
//! runs of prose inside one paragraph, heading, list item or table cell.

use super::{decode, Format, InputRef, LoadOptions, Loaded};
use crate::document::{Document, Metadata, Span, Warning};
use jiff::civil::Date;
use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

/// Reads an input as Markdown.
pub fn load(input: &InputRef, opts: &LoadOptions) -> Loaded {
    super::load_with(input, Some(Format::Markdown), opts)
}

/// Builds the document of a Markdown source (already decoded): front matter, prose view,
/// blocks, date.
pub fn parse(path: impl Into<String>, source: String, opts: &LoadOptions) -> Document {
    let mut base = decode::prose_base(&source);
    let mut front = FrontMatterFields::default();
    if let Some(fm) = find_front_matter(&source) {
        decode::blank(&mut base, fm.span.start, fm.span.end);
        front = read_front_matter(&source[fm.yaml.start..fm.yaml.end]);
    }
    let markdown = decode::into_string(base);
    let prose = prose(&markdown);
    let mut meta = front.meta;
    if meta.title.is_none() {
        meta.title = prose.h1;
    }
    let mut doc = Document::new(path, source, prose.text, prose.blocks);
    doc.meta = meta;
    doc.warnings = front.warnings;
    super::resolve_date(&mut doc, front.date, opts);
    doc
}

/// Where the front matter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrontMatter {
    /// The whole block, both `---` lines included.
    pub span: Span,
    /// The YAML between them.
    pub yaml: Span,
}

/// Front matter: a `---` line at the very start (after a byte order mark, if any), up to the
/// next `---` or `...` line. Without a closing line there is none.
pub fn find_front_matter(source: &str) -> Option<FrontMatter> {
    let start = if source.starts_with(decode::BOM) {
        decode::BOM.len()
    } else {
        0
    };
    let mut lines = source[start..].split_inclusive('\n');
    let first = lines.next()?;
    if !first.ends_with('\n') || first.trim_end() != "---" {
        return None;
    }
    let yaml_start = start + first.len();
    let mut pos = yaml_start;
    for line in lines {
        let line_start = pos;
        pos += line.len();
        let t = line.trim_end();
        if t == "---" || t == "..." {
            return Some(FrontMatter {
                span: Span::new(0, pos),
                yaml: Span::new(yaml_start, line_start),
            });
        }
    }
    None
}

/// What the front matter said.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatterFields {
    pub meta: Metadata,
    pub date: Option<Date>,
    pub warnings: Vec<Warning>,
}

/// Reads the known keys of front matter YAML: `title`, `date` (or `published`), `source`
/// (or `outlet`, `publisher`) and `url` (or `link`). Other keys are ignored; malformed YAML
/// or a bad date is a warning.
pub fn read_front_matter(yaml: &str) -> FrontMatterFields {
    use serde_yaml::Value;
    let mut out = FrontMatterFields::default();
    let mut warn = |message: String| out.warnings.push(Warning { message });
    let map = match crate::yaml::from_str::<Value>(yaml) {
        Ok(Value::Mapping(m)) => m,
        Ok(Value::Null) => return out,
        Ok(_) => {
            warn("front matter is not a mapping of keys to values; ignored".to_string());
            return out;
        }
        Err(e) => {
            warn(format!("malformed front matter ignored: {e}"));
            return out;
        }
    };
    let mut date: Option<(String, &Value)> = None;
    for (k, v) in &map {
        let Some(key) = scalar(k) else { continue };
        let key = key.to_ascii_lowercase();
        let slot = match key.as_str() {
            "title" => &mut out.meta.title,
            "source" | "outlet" | "publisher" => &mut out.meta.source,
            "url" | "link" => &mut out.meta.url,
            "date" | "published" => {
                if date.as_ref().is_none_or(|(k, _)| k != "date") {
                    date = Some((key, v));
                }
                continue;
            }
            _ => continue,
        };
        if slot.is_none() {
            *slot = scalar(v);
        }
    }
    if let Some((key, v)) = date {
        match scalar(v).as_deref().map(|s| (s, front_matter_date(s))) {
            Some((_, Some(d))) => out.date = Some(d),
            Some((s, None)) => warn(format!(
                "front matter {key} {s:?} is not a date (YYYY-MM-DD); ignored"
            )),
            None => warn(format!("front matter {key} is not a date; ignored")),
        }
    }
    out
}

/// A YAML scalar as text (trimmed; `None` if empty or not a scalar).
fn scalar(v: &serde_yaml::Value) -> Option<String> {
    use serde_yaml::Value;
    let s = match v {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Tagged(t) => return scalar(&t.value),
        _ => return None,
    };
    (!s.is_empty()).then_some(s)
}

/// `YYYY-MM-DD`, or a date-time whose date part is taken (`2015-12-15T13:19:00+08:00`,
/// `2015-12-15 13:19`). Impossible dates are rejected.
pub fn front_matter_date(s: &str) -> Option<Date> {
    let s = s.trim();
    let (day, rest) = (s.get(..10)?, &s[10..]);
    let b = day.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    Date::new(
        day[..4].parse().ok()?,
        day[5..7].parse().ok()?,
        day[8..10].parse().ok()?,
    )
    .ok()
}

/// The prose view of a Markdown text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prose {
    /// Same length and line breaks as the input; what is not prose is spaces.
    pub text: String,
    /// Paragraph-level blocks (trimmed, non-empty), in order.
    pub blocks: Vec<Span>,
    /// The text of the first level-1 heading.
    pub h1: Option<String>,
}

/// The parser options: GitHub-style tables, footnotes, strikethrough, task lists and
/// heading attributes (so their markup is recognised and blanked).
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn is_inline(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// Computes the prose view of `markdown` (whose front matter, if any, is already blanked).
pub fn prose(markdown: &str) -> Prose {
    let mut buf = markdown.as_bytes().to_vec();
    let len = buf.len();
    decode::blank(&mut buf, 0, len);
    let mut raw_blocks: Vec<Span> = Vec::new();
    let mut current: Option<Span> = None;
    // Depth inside things whose text is not prose (images, code and HTML blocks, autolinks).
    let mut hidden = 0usize;
    // For each open link: whether it is an autolink.
    let mut links: Vec<bool> = Vec::new();
    let mut h1: Option<String> = None;
    let mut in_h1 = false;

    let flush = |current: &mut Option<Span>, raw_blocks: &mut Vec<Span>| {
        if let Some(b) = current.take() {
            raw_blocks.push(b);
        }
    };
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if !is_inline(&tag) {
                    flush(&mut current, &mut raw_blocks);
                }
                match tag {
                    Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock => hidden += 1,
                    Tag::MetadataBlock(_) => hidden += 1,
                    Tag::Link { link_type, .. } => {
                        let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                        links.push(auto);
                        hidden += usize::from(auto);
                    }
                    Tag::Heading {
                        level: HeadingLevel::H1,
                        ..
                    } if h1.is_none() => {
                        in_h1 = true;
                        h1 = Some(String::new());
                    }
                    _ => {}
                }
            }
            Event::End(tag) => {
                match tag {
                    TagEnd::Image
                    | TagEnd::CodeBlock
                    | TagEnd::HtmlBlock
                    | TagEnd::MetadataBlock(_) => hidden = hidden.saturating_sub(1),
                    TagEnd::Link => {
                        let auto = links.pop() == Some(true);
                        hidden = hidden.saturating_sub(usize::from(auto));
                    }
                    TagEnd::Heading(_) => in_h1 = false,
                    _ => {}
                }
                if !is_inline_end(&tag) {
                    flush(&mut current, &mut raw_blocks);
                }
            }
            Event::Text(t) if hidden == 0 => {
                let span = Span::new(range.start, range.end);
                if !paint(&mut buf, markdown, range, &t) {
                    continue;
                }
                current = Some(current.map_or(span, |c| c.cover(span)));
                if in_h1 {
                    if let Some(h) = h1.as_mut() {
                        h.push_str(&t);
                    }
                }
            }
            Event::SoftBreak | Event::HardBreak if in_h1 => {
                if let Some(h) = h1.as_mut() {
                    h.push(' ');
                }
            }
            _ => {}
        }
    }
    flush(&mut current, &mut raw_blocks);
    decode::blank_urls(&mut buf);
    let text = decode::into_string(buf);
    let blocks = raw_blocks
        .into_iter()
        .filter_map(|b| b.trimmed(&text))
        .collect();
    let h1 = h1
        .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|h| !h.is_empty());
    Prose { text, blocks, h1 }
}

/// Writes the prose of one text event into the buffer: the source bytes, or (for an entity
/// such as `&mdash;`) the decoded text padded with spaces when it fits. Returns whether
/// anything was written.
fn paint(buf: &mut [u8], src: &str, range: std::ops::Range<usize>, decoded: &str) -> bool {
    let Some(raw) = src.get(range.clone()) else {
        return false;
    };
    let fits = decoded.len() <= raw.len()
        && !raw.contains(['\n', '\r'])
        && !decoded.contains(['\n', '\r']);
    let out = &mut buf[range.clone()];
    if raw == decoded || !fits {
        out.copy_from_slice(raw.as_bytes());
    } else {
        out[..decoded.len()].copy_from_slice(decoded.as_bytes());
        for b in &mut out[decoded.len()..] {
            *b = b' ';
        }
    }
    !raw.trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::DateOrigin;

    fn blocks(d: &Document) -> Vec<&str> {
        d.blocks.iter().map(|b| &d.text[b.start..b.end]).collect()
    }

    #[test]
    fn markup_is_blanked_and_offsets_kept() {
        let src = "# Title *em* {#id}\n\nAT&amp;T said \\*not\\* 5 &mdash; x.\nSee [the text](http://x.com/a \"t\") and ![alt](i.png) <http://auto.link> `code` <b>bold</b> <!-- c -->\n\n- item one\n  - nested\n- item **two**\n\n> quoted line\n> two\n\n| a | b |\n|---|---|\n| c 1 | d |\n\n1. first\n2. second\n\n```\nlet x = 1;\n```\n";
        let d = parse("t.md", src.to_string(), &LoadOptions::default());
        assert_eq!(d.text.len(), src.len());
        let collapsed: Vec<String> = blocks(&d)
            .iter()
            .map(|b| b.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(
            collapsed,
            vec![
                "Title em",
                "AT& T said *not * 5 \u{2014} x. See the text and bold",
                "item one",
                "nested",
                "item two",
                "quoted line two",
                "a",
                "b",
                "c 1",
                "d",
                "first",
                "second",
            ]
        );
        for gone in [
            "http", "alt", "i.png", "code", "<b>", "let x", "#", "|", ">", "{",
        ] {
            assert!(!d.text.contains(gone), "{gone:?} in {:?}", d.text);
        }
        assert!(d.text.contains("bold"));
        assert_eq!(d.meta.title.as_deref(), Some("Title em"));
        for (i, (a, b)) in d.text.bytes().zip(src.bytes()).enumerate() {
            assert_eq!(a == b'\n', b == b'\n', "line break at {i}");
        }
    }

    #[test]
    fn front_matter_fields() {
        let src = "---\ntitle: \"Talks in Wuzhen\"\ndate: 2015-12-15T13:19:00+08:00\noutlet: China Daily\nurl: https://example.com/a\ntags: [a, b]\n---\n# Heading\n\nBody text.\n";
        let d = parse("t.md", src.to_string(), &LoadOptions::default());
        assert_eq!(d.meta.title.as_deref(), Some("Talks in Wuzhen"));
        assert_eq!(d.meta.source.as_deref(), Some("China Daily"));
        assert_eq!(d.meta.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(d.date, Some(jiff::civil::date(2015, 12, 15)));
        assert_eq!(d.date_origin, Some(DateOrigin::FrontMatter));
        assert!(d.warnings.is_empty(), "{:?}", d.warnings);
        assert!(d.text[..src.find("# Heading").unwrap()].trim().is_empty());
        assert_eq!(blocks(&d), vec!["Heading", "Body text."]);
    }

    #[test]
    fn bad_front_matter_is_a_warning() {
        let src = "---\ntitle: [unclosed\n---\nBody text.\n";
        let d = parse("t.md", src.to_string(), &LoadOptions::default());
        assert_eq!(d.warnings.len(), 1);
        assert!(d.warnings[0].message.contains("malformed front matter"));
        assert_eq!(blocks(&d), vec!["Body text."]);
        assert_eq!(d.date_origin, None);

        let src = "---\ndate: 2015-02-30\n---\n2016-09-04\n";
        let d = parse("t.md", src.to_string(), &LoadOptions::default());
        assert_eq!(d.warnings.len(), 1, "{:?}", d.warnings);
        assert!(d.warnings[0].message.contains("2015-02-30"));
        assert_eq!(d.date, Some(jiff::civil::date(2016, 9, 4)));
        assert_eq!(d.date_origin, Some(DateOrigin::Dateline));

        let src = "---\n- a list\n---\nBody.\n";
        let d = parse("t.md", src.to_string(), &LoadOptions::default());
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn front_matter_needs_a_closing_line() {
        assert_eq!(find_front_matter("---\ntitle: x\nBody\n"), None);
        assert_eq!(
            find_front_matter("--- \n---\n"),
            Some(FrontMatter {
                span: Span::new(0, 9),
                yaml: Span::new(5, 5)
            })
        );
        assert_eq!(
            find_front_matter("\u{FEFF}---\r\na: 1\r\n...\r\nx"),
            Some(FrontMatter {
                span: Span::new(0, 19),
                yaml: Span::new(8, 14)
            })
        );
        assert_eq!(find_front_matter("text\n---\na: b\n---\n"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(
            front_matter_date("2015-12-15"),
            Some(jiff::civil::date(2015, 12, 15))
        );
        assert_eq!(
            front_matter_date("2015-12-15 13:19"),
            Some(jiff::civil::date(2015, 12, 15))
        );
        assert_eq!(front_matter_date("2015-02-29"), None);
        assert_eq!(front_matter_date("2015-12-150"), None);
        assert_eq!(front_matter_date("Dec 15"), None);
        assert_eq!(front_matter_date("2015-1-15"), None);
    }

    #[test]
    fn bare_urls_and_link_text() {
        let src =
            "Read more at https://example.com/path_(x). Or [www.site.org](https://www.site.org).\n";
        let d = parse("t.md", src.to_string(), &LoadOptions::default());
        let b = blocks(&d);
        assert_eq!(b.len(), 1);
        assert!(b[0].starts_with("Read more at  "), "{b:?}");
        assert!(b[0].ends_with('.') && b[0].contains(" . Or "), "{b:?}");
        assert!(!d.text.contains("example") && !d.text.contains("site"));
    }

    #[test]
    fn large_single_line_is_fine() {
        let src = "word *em* ".repeat(100_000);
        let d = parse("t.md", src.clone(), &LoadOptions::default());
        assert_eq!(d.blocks.len(), 1);
        assert_eq!(d.text.len(), src.len());
    }
}
