//! HTML pages: the article's text only, with spans in the page's own bytes.
//!
//! lol_html streams the page once. Each text node is kept or dropped by where it sits:
//! - dropped: scripts, styles, navigation, footers, asides, forms, buttons, embedded media,
//!   hidden elements, and elements whose role, class or id names boilerplate (`role=navigation`,
//!   `class="sidebar"`, `id="comments"` …; see [`DROP`]);
//! - a `<header>` is kept only inside `<article>`/`<main>` (the article's own header, with its
//!   headline and byline), or for its `<h1>`;
//! - when the page has an `<article>`, `<main>`, `role=main` or `itemprop=articleBody`
//!   element, only text inside one (and the `<h1>` headline wherever it is) is prose;
//! - the `<title>` is metadata; it becomes a block of prose only when the page has no `<h1>`.
//!
//! The prose view keeps the page's layout: markup and dropped text are blanked with spaces
//! (line breaks kept). Character references are decoded (`AT&amp;T` → `AT&T`), which
//! shortens the text, so the offset map gets a run after each one: every span still maps to
//! the page's bytes, and a claim's text is the page's own (`AT&amp;T`). Blocks are the runs
//! of prose between block-level tags (anything but inline elements such as `<b>`, `<a>`).
//!
//! Metadata: the date from `<meta property="article:published_time">`, else JSON-LD
//! `datePublished`, else an `itemprop=datePublished` or `pubdate` element, else the first
//! `<time datetime>` inside the article, else the first anywhere; then the text's dateline.
//! The title from `og:title`, else `<title>`, else the first `<h1>`; the source from
//! `og:site_name` (else JSON-LD `publisher.name`); the URL from `og:url` or the canonical link.

use super::{decode, markdown::front_matter_date, Format, InputRef, LoadOptions, Loaded};
use crate::document::{DateOrigin, Document, OffsetMap, Span, Warning};
use lol_html::html_content::{Element, TextChunk, TextType};
use lol_html::{doc_text, end_tag, ElementContentHandlers, HtmlRewriter, Selector, Settings};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::OnceLock;

/// Reads an input as HTML.
pub fn load(input: &InputRef, opts: &LoadOptions) -> Loaded {
    super::load_with(input, Some(Format::Html), opts)
}

/// Elements whose text is never prose.
pub const DROP: &str = "script, style, noscript, template, nav, footer, aside, form, button, \
    select, textarea, iframe, svg, math, object, embed, canvas, video, audio, dialog, menu, \
    [hidden], [aria-hidden=true], \
    [role=navigation], [role=contentinfo], [role=complementary], [role=search], [role=menu], \
    [role=menubar], [role=dialog], [role=alert], \
    [class~=nav], [class~=navbar], [class~=navigation], [class~=menu], [class~=breadcrumb], \
    [class~=breadcrumbs], [class~=sidebar], [class~=share], [class~=sharing], [class~=social], \
    [class~=related], [class~=advert], [class~=advertisement], [class~=ad], [class~=ads], \
    [class~=promo], [class~=newsletter], [class~=subscribe], [class~=cookie-banner], \
    [class~=comments], [class~=footer], \
    [id=nav], [id=navbar], [id=navigation], [id=menu], [id=sidebar], [id=comments], \
    [id=footer], [id=related]";

/// Page headers: kept only inside the article, or for their `<h1>`.
const HEADER: &str = "header, [role=banner], [id=header], [class~=site-header]";

/// The article itself.
const ARTICLE: &str = "article, main, [role=main], [itemprop=articleBody]";

/// Inline elements: everything else starts and ends a block.
const INLINE: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
];

/// Most bytes of JSON-LD read per page.
const MAX_JSON_LD: usize = 1024 * 1024;

// Where a text node sits (bits of `Piece::flags`).
const F_DROP: u8 = 1;
const F_HEADER: u8 = 2;
const F_ARTICLE: u8 = 4;
const F_H1: u8 = 8;
const F_TITLE: u8 = 16;

/// One text node of the page: its byte range, where it sits, and the block it belongs to.
#[derive(Debug, Clone, Copy)]
struct Piece {
    start: usize,
    end: usize,
    flags: u8,
    block: u32,
}

/// Date candidates, best first.
const DATE_META: usize = 0;
const DATE_JSON_LD: usize = 1;
const DATE_ITEMPROP: usize = 2;
const DATE_ARTICLE_TIME: usize = 3;
const DATE_TIME: usize = 4;

/// What one pass over the page collects.
#[derive(Debug, Default)]
struct Collected {
    /// Flags set by the selector handlers for the chunk about to reach the text handler.
    chunk_flags: u8,
    node: Option<Piece>,
    pieces: Vec<Piece>,
    json_ld: Vec<String>,
    json_ld_node: String,
    json_ld_bytes: usize,
    og_title: Option<String>,
    site_name: Option<String>,
    url: Option<String>,
    canonical: Option<String>,
    /// Raw date strings by [`DATE_META`] … rank, with the attribute they came from.
    dates: [Option<(String, &'static str)>; 5],
}

/// Builds the document of an HTML source (already decoded).
pub fn parse(path: impl Into<String>, source: String, opts: &LoadOptions) -> Document {
    let path = path.into();
    let (mut c, error) = collect(&source);
    let mut warnings = Vec::new();
    if let Some(e) = error {
        warnings.push(Warning {
            message: format!("the HTML parser stopped early ({e}); the rest is not read"),
        });
    }
    let kept = choose(&source, &c.pieces);
    let (text, map, ranges) = prose(&source, &kept);
    let blocks = blocks(&text, &ranges);

    // Metadata.
    let first = |flag: u8| {
        c.pieces
            .iter()
            .find(|p| p.flags & flag != 0 && p.flags & F_DROP == 0 && has_text(&source, p))
            .map(|p| collapse(&decode_entities(&source[p.start..p.end])))
    };
    let title = first(F_TITLE).or_else(|| first(F_H1));
    parse_json_ld(&mut c);
    let mut doc = Document::new(path, source, text, blocks);
    doc.map = map;
    doc.meta.title = c.og_title.take().or(title).filter(|t| !t.is_empty());
    doc.meta.source = c.site_name.take();
    doc.meta.url = c.url.take().or(c.canonical.take());

    let mut stated = None;
    for (date, attr) in c.dates.iter().flatten() {
        match front_matter_date(date) {
            Some(d) => {
                stated = Some((d, DateOrigin::Metadata));
                break;
            }
            None => warnings.push(Warning {
                message: format!("{attr} {date:?} is not a date (YYYY-MM-DD); ignored"),
            }),
        }
    }
    doc.warnings = warnings;
    let opening = opening_text(&doc);
    super::resolve_date_in(&mut doc, stated, &opening, opts);
    doc
}

/// The first blocks of a page, one per line, for the dateline search (the prose view opens
/// with the blanked `<head>`, which can be longer than the dateline scan).
fn opening_text(doc: &Document) -> String {
    let mut out = String::new();
    for b in &doc.blocks {
        if out.len() >= super::dateline::SCAN_LIMIT {
            break;
        }
        out.push_str(&doc.text[b.start..b.end].replace(['\n', '\r'], " "));
        out.push('\n');
    }
    out
}

/// The selectors, parsed once per process (parsing them per page cost more than reading a
/// small page).
struct Selectors {
    drop: Selector,
    header: Selector,
    article: Selector,
    h1: Selector,
    title: Selector,
    json_ld: Selector,
    all: Selector,
    meta: Selector,
    canonical: Selector,
    itemprop_date: Selector,
    article_time: Selector,
    time: Selector,
}

fn selectors() -> &'static Selectors {
    static SELECTORS: OnceLock<Selectors> = OnceLock::new();
    SELECTORS.get_or_init(|| {
        // Built-in constants, each parsed by every test that reads a page.
        let sel = |s: &str| s.parse::<Selector>().expect("a valid built-in selector");
        Selectors {
            drop: sel(DROP),
            header: sel(HEADER),
            article: sel(ARTICLE),
            h1: sel("h1"),
            title: sel("title"),
            json_ld: sel("script[type=\"application/ld+json\"]"),
            all: sel("*"),
            meta: sel("meta[content]"),
            canonical: sel("link[rel~=canonical][href]"),
            itemprop_date: sel("[itemprop=datePublished][datetime], [itemprop=datePublished][content], time[pubdate][datetime]"),
            article_time: sel("article time[datetime], main time[datetime]"),
            time: sel("time[datetime]"),
        }
    })
}

/// A handler for the elements (or the text inside them) that a pre-parsed selector matches.
macro_rules! on {
    ($sel:expr, $kind:ident, $handler:expr) => {
        (
            Cow::Borrowed($sel),
            ElementContentHandlers::default().$kind($handler),
        )
    };
}

/// Runs lol_html over the page once. Returns what it collected and the parser's error, if
/// it stopped early.
fn collect(source: &str) -> (Collected, Option<String>) {
    let state = RefCell::new(Collected::default());
    let block = Rc::new(Cell::new(0u32));
    let st = &state;
    let flag = move |f: u8| {
        move |_: &mut TextChunk| {
            st.borrow_mut().chunk_flags |= f;
            Ok(())
        }
    };
    let block_el = Rc::clone(&block);
    let sel = selectors();
    let settings = Settings::new()
        .append_element_content_handler(on!(&sel.drop, text, flag(F_DROP)))
        .append_element_content_handler(on!(&sel.header, text, flag(F_HEADER)))
        .append_element_content_handler(on!(&sel.article, text, flag(F_ARTICLE)))
        .append_element_content_handler(on!(&sel.h1, text, flag(F_H1)))
        .append_element_content_handler(on!(&sel.title, text, flag(F_TITLE)))
        .append_element_content_handler(on!(&sel.json_ld, text, |t: &mut TextChunk| {
            let mut st = state.borrow_mut();
            if st.json_ld_bytes + t.as_str().len() <= MAX_JSON_LD {
                st.json_ld_bytes += t.as_str().len();
                st.json_ld_node.push_str(t.as_str());
            }
            if t.last_in_text_node() {
                let node = std::mem::take(&mut st.json_ld_node);
                st.json_ld.push(node);
            }
            Ok(())
        }))
        .append_element_content_handler(on!(&sel.all, element, move |el: &mut Element| {
            let name = el.tag_name().to_ascii_lowercase();
            if !INLINE.contains(&name.as_str()) {
                block_el.set(block_el.get().wrapping_add(1));
                if el.can_have_content() {
                    let b = Rc::clone(&block_el);
                    el.on_end_tag(end_tag!(move |_| {
                        b.set(b.get().wrapping_add(1));
                        Ok(())
                    }))?;
                }
            }
            Ok(())
        }))
        .append_element_content_handler(on!(&sel.meta, element, |el: &mut Element| {
            meta(el, &mut state.borrow_mut());
            Ok(())
        }))
        .append_element_content_handler(on!(&sel.canonical, element, |el: &mut Element| {
            let mut st = state.borrow_mut();
            if st.canonical.is_none() {
                st.canonical = attr(el, "href");
            }
            Ok(())
        }))
        .append_element_content_handler(on!(&sel.itemprop_date, element, |el: &mut Element| {
            let v = attr(el, "datetime").or_else(|| attr(el, "content"));
            date_candidate(
                &mut state.borrow_mut(),
                DATE_ITEMPROP,
                v,
                "itemprop=datePublished",
            );
            Ok(())
        }))
        .append_element_content_handler(on!(&sel.article_time, element, |el: &mut Element| {
            let v = attr(el, "datetime");
            date_candidate(
                &mut state.borrow_mut(),
                DATE_ARTICLE_TIME,
                v,
                "<time datetime>",
            );
            Ok(())
        }))
        .append_element_content_handler(on!(&sel.time, element, |el: &mut Element| {
            let v = attr(el, "datetime");
            date_candidate(&mut state.borrow_mut(), DATE_TIME, v, "<time datetime>");
            Ok(())
        }))
        .append_document_content_handler(doc_text!(|t| {
            let mut st = state.borrow_mut();
            let flags = std::mem::take(&mut st.chunk_flags);
            let prose = match t.text_type() {
                TextType::Data => true,
                TextType::RCData => flags & F_TITLE != 0,
                _ => false,
            };
            let loc = t.source_location().bytes();
            if prose {
                match st.node.as_mut() {
                    Some(n) => {
                        n.end = loc.end;
                        n.flags |= flags;
                    }
                    None => {
                        st.node = Some(Piece {
                            start: loc.start,
                            end: loc.end,
                            flags,
                            block: block.get(),
                        })
                    }
                }
            }
            if t.last_in_text_node() {
                if let Some(n) = st.node.take() {
                    if n.end > n.start {
                        st.pieces.push(n);
                    }
                }
            }
            Ok(())
        }));
    let error = {
        let mut rewriter = HtmlRewriter::new(settings, |_: &[u8]| {});
        let mut error = None;
        for chunk in source.as_bytes().chunks(64 * 1024) {
            if let Err(e) = rewriter.write(chunk) {
                error = Some(e.to_string());
                break;
            }
        }
        match error {
            None => rewriter.end().err().map(|e| e.to_string()),
            some => some,
        }
    };
    let mut collected = state.into_inner();
    // A node cut off by an error.
    if let Some(n) = collected.node.take() {
        if n.end > n.start {
            collected.pieces.push(n);
        }
    }
    (collected, error)
}

/// An attribute's value, character references decoded, trimmed; `None` if empty.
fn attr(el: &Element, name: &str) -> Option<String> {
    let v = el.get_attribute(name)?;
    let v = collapse(&decode_entities(&v));
    (!v.is_empty()).then_some(v)
}

fn date_candidate(st: &mut Collected, rank: usize, value: Option<String>, what: &'static str) {
    if let (Some(v), None) = (value, &st.dates[rank]) {
        st.dates[rank] = Some((v, what));
    }
}

/// Reads one `<meta>` element.
fn meta(el: &Element, st: &mut Collected) {
    let key = el
        .get_attribute("property")
        .or_else(|| el.get_attribute("name"))
        .or_else(|| el.get_attribute("itemprop"))
        .map(|k| k.trim().to_ascii_lowercase());
    let Some(key) = key else { return };
    let value = attr(el, "content");
    let slot = match key.as_str() {
        "og:title" => &mut st.og_title,
        "og:site_name" => &mut st.site_name,
        "og:url" => &mut st.url,
        "article:published_time" => {
            date_candidate(st, DATE_META, value, "article:published_time");
            return;
        }
        "datepublished" => {
            date_candidate(st, DATE_ITEMPROP, value, "itemprop=datePublished");
            return;
        }
        _ => return,
    };
    if slot.is_none() {
        *slot = value;
    }
}

/// Reads `datePublished` (and the publisher's name, for the source) from the page's JSON-LD.
fn parse_json_ld(c: &mut Collected) {
    for raw in &c.json_ld {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(raw) else {
            continue;
        };
        if c.dates[DATE_JSON_LD].is_none() {
            if let Some(d) = find_key(&v, "datePublished").and_then(|d| d.as_str()) {
                c.dates[DATE_JSON_LD] = Some((d.to_string(), "JSON-LD datePublished"));
            }
        }
        if c.site_name.is_none() {
            c.site_name = find_key(&v, "publisher")
                .and_then(|p| p.get("name"))
                .and_then(|n| n.as_str())
                .map(collapse)
                .filter(|s| !s.is_empty());
        }
    }
}

/// The first value of `key`, depth first (JSON-LD nests articles in `@graph` arrays).
fn find_key<'a>(v: &'a serde_json::Value, key: &str) -> Option<&'a serde_json::Value> {
    use serde_json::Value;
    match v {
        Value::Object(m) => m
            .get(key)
            .or_else(|| m.values().find_map(|x| find_key(x, key))),
        Value::Array(a) => a.iter().find_map(|x| find_key(x, key)),
        _ => None,
    }
}

fn has_text(source: &str, p: &Piece) -> bool {
    source
        .get(p.start..p.end)
        .is_some_and(|s| !s.trim().is_empty())
}

/// The text nodes that are article prose.
fn choose(source: &str, pieces: &[Piece]) -> Vec<Piece> {
    let visible = |p: &Piece| {
        p.flags & (F_DROP | F_TITLE) == 0
            && (p.flags & F_HEADER == 0 || p.flags & (F_ARTICLE | F_H1) != 0)
    };
    let in_article = pieces
        .iter()
        .any(|p| visible(p) && p.flags & F_ARTICLE != 0 && has_text(source, p));
    let mut kept: Vec<Piece> = pieces
        .iter()
        .filter(|p| visible(p) && (!in_article || p.flags & (F_ARTICLE | F_H1) != 0))
        .copied()
        .collect();
    let headline = kept
        .iter()
        .any(|p| p.flags & F_H1 != 0 && has_text(source, p));
    if !headline {
        if let Some(t) = pieces
            .iter()
            .find(|p| p.flags & F_TITLE != 0 && p.flags & F_DROP == 0)
        {
            kept.push(*t);
            kept.sort_by_key(|p| p.start);
        }
    }
    kept
}

/// The prose view: the page with everything but the kept text nodes blanked, character
/// references decoded. Returns the text, its offset map and each kept node's text range with
/// its block number.
fn prose(source: &str, kept: &[Piece]) -> (String, OffsetMap, Vec<(Span, u32)>) {
    let mut out = Prose {
        text: String::with_capacity(source.len()),
        map: OffsetMap::identity(),
        source_pos: 0,
    };
    let mut ranges = Vec::with_capacity(kept.len());
    for p in kept {
        if p.start < out.source_pos || p.end > source.len() {
            continue;
        }
        out.blank(&source.as_bytes()[out.source_pos..p.start]);
        let start = out.text.len();
        out.copy_decoded(source, p.start, p.end);
        ranges.push((Span::new(start, out.text.len()), p.block));
    }
    let rest = &source.as_bytes()[out.source_pos.min(source.len())..];
    out.blank(rest);
    let mut buf = out.text.into_bytes();
    decode::blank_urls(&mut buf);
    (decode::into_string(buf), out.map, ranges)
}

/// The prose view being written, with its map back to the source.
struct Prose {
    text: String,
    map: OffsetMap,
    /// The source offset that corresponds to the end of `text`.
    source_pos: usize,
}

impl Prose {
    /// Appends one space per byte (line breaks kept).
    fn blank(&mut self, bytes: &[u8]) {
        self.text.extend(bytes.iter().map(|&b| match b {
            b'\n' => '\n',
            b'\r' => '\r',
            _ => ' ',
        }));
        self.source_pos += bytes.len();
    }

    /// Appends `source[start..end]`, character references decoded and control characters
    /// (and the byte order mark) blanked.
    fn copy_decoded(&mut self, source: &str, start: usize, end: usize) {
        let Some(raw) = source.get(start..end) else {
            self.blank(&source.as_bytes()[start..end]);
            return;
        };
        let mut last = 0;
        for (i, c) in raw.char_indices() {
            if i < last {
                continue;
            }
            let blank = c == '\u{FEFF}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
            if blank {
                self.push_raw(&raw[last..i]);
                self.blank(&raw.as_bytes()[i..i + c.len_utf8()]);
                last = i + c.len_utf8();
            } else if c == '&' {
                if let Some((len, decoded)) = entity(&raw[i..]) {
                    self.push_raw(&raw[last..i]);
                    self.push_decoded(&decoded, len);
                    last = i + len;
                }
            }
        }
        self.push_raw(&raw[last..]);
    }

    fn push_raw(&mut self, s: &str) {
        self.text.push_str(s);
        self.source_pos += s.len();
    }

    /// Appends the decoding of a `raw_len`-byte character reference.
    fn push_decoded(&mut self, decoded: &str, raw_len: usize) {
        self.text.push_str(decoded);
        self.source_pos += raw_len;
        if decoded.len() != raw_len {
            self.map.push_run(self.text.len(), self.source_pos);
        }
    }
}

/// The character reference at the start of `s` (which starts with `&`): its length and its
/// decoding. Only references closed by `;` are decoded; numeric ones follow the HTML rules
/// (`&#146;` is windows-1252's right quote, `&#0;` and surrogates are U+FFFD, other control
/// characters a space).
fn entity(s: &str) -> Option<(usize, String)> {
    let b = s.as_bytes();
    let semi = b.iter().take(40).position(|&c| c == b';')?;
    let body = &s[1..semi];
    let len = semi + 1;
    if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex)
                if !hex.is_empty()
                    && hex.len() <= 8
                    && hex.bytes().all(|c| c.is_ascii_hexdigit()) =>
            {
                u32::from_str_radix(hex, 16).ok()?
            }
            None if !num.is_empty()
                && num.len() <= 10
                && num.bytes().all(|c| c.is_ascii_digit()) =>
            {
                num.parse::<u32>().unwrap_or(u32::MAX)
            }
            _ => return None,
        };
        return Some((len, numeric(n)));
    }
    if body.is_empty() || !body.bytes().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    match html_escape::decode_html_entities(&s[..len]) {
        std::borrow::Cow::Owned(d) => Some((len, d)),
        _ => None,
    }
}

/// The character a numeric reference stands for.
fn numeric(n: u32) -> String {
    let c = match n {
        0x80..=0x9F => {
            let byte = [n as u8];
            let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
            return s.chars().map(blank_control).collect();
        }
        0 => '\u{FFFD}',
        _ => char::from_u32(n).unwrap_or('\u{FFFD}'),
    };
    blank_control(c).to_string()
}

fn blank_control(c: char) -> char {
    if c.is_control() && !matches!(c, '\t' | '\n' | '\r') {
        ' '
    } else {
        c
    }
}

/// Decodes the character references of a short string (an attribute, a title).
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for (i, c) in s.char_indices() {
        if c == '&' && i >= last {
            if let Some((len, d)) = entity(&s[i..]) {
                out.push_str(&s[last..i]);
                out.push_str(&d);
                last = i + len;
            }
        }
    }
    out.push_str(&s[last..]);
    out
}

/// Whether bytes open like an HTML page (a doctype, an `<html>`, `<head>` or `<body>` tag,
/// or a comment), after white space and a byte order mark.
pub fn looks_like_html(body: &[u8]) -> bool {
    let head = &body[..body.len().min(512)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    ["<!doctype html", "<html", "<head", "<body", "<!--"]
        .iter()
        .any(|p| head.starts_with(p))
}

/// White space collapsed to single spaces, trimmed.
fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Blocks: the kept text of each block number, from its first to its last node, trimmed.
fn blocks(text: &str, ranges: &[(Span, u32)]) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let mut current: Option<(Span, u32)> = None;
    let flush = |cur: Option<(Span, u32)>, out: &mut Vec<Span>| {
        if let Some(span) = cur.and_then(|(s, _)| s.trimmed(text)) {
            out.push(span);
        }
    };
    for &(span, block) in ranges {
        current = match current {
            Some((s, b)) if b == block => Some((s.cover(span), b)),
            other => {
                flush(other, &mut out);
                Some((span, block))
            }
        };
    }
    flush(current, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(src: &str) -> Document {
        parse("t.html", src.to_string(), &LoadOptions::default())
    }

    fn block_texts(d: &Document) -> Vec<String> {
        d.blocks
            .iter()
            .map(|b| collapse(&d.text[b.start..b.end]))
            .collect()
    }

    /// Every block maps back to the source, and the source there is the block's text with
    /// markup and character references.
    fn check_map(d: &Document) {
        for b in &d.blocks {
            let o = d.map.span_to_original(*b);
            assert!(d.source.is_char_boundary(o.start) && d.source.is_char_boundary(o.end));
            let original = &d.source[o.start..o.end];
            let plain = collapse(&decode_entities(&strip_tags(original)));
            assert_eq!(plain, collapse(&d.text[b.start..b.end]), "{original:?}");
        }
    }

    fn strip_tags(s: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in s.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    out.push(' ');
                }
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn article_text_only() {
        let src = "<!doctype html>\n<html><head><title>Port &amp; Trade | Daily</title>\n<script>var a = '<p>5 percent</p>';</script><style>p{}</style></head>\n<body><header><a href=/>Daily</a><nav><ul><li>Home</li><li>World</li></ul></nav></header>\n<article><header><h1>Cargo rose 5&nbsp;percent</h1><p class=byline>By A. Writer</p></header>\n<p>AT&amp;T said cargo rose to <b>61</b> million tonnes&#8212;a record.</p>\n<aside>Related: other story</aside><p>Second <i>para</i>graph.</article>\n<footer>Copyright 2021</footer></body></html>\n";
        let d = doc(src);
        assert_eq!(
            block_texts(&d),
            [
                "Cargo rose 5 percent",
                "By A. Writer",
                "AT&T said cargo rose to 61 million tonnes\u{2014}a record.",
                "Second para graph.",
            ]
        );
        assert_eq!(d.meta.title.as_deref(), Some("Port & Trade | Daily"));
        for gone in ["Home", "Related", "Copyright", "var a", "Daily"] {
            assert!(!d.text.contains(gone), "{gone}");
        }
        check_map(&d);
        // A span over "AT&T" maps to the source's "AT&amp;T".
        let at = d.text.find("AT&T").unwrap();
        let o = d.map.span_to_original(Span::new(at, at + 4));
        assert_eq!(&d.source[o.start..o.end], "AT&amp;T");
        let dash = d.text.find("tonnes").unwrap();
        let o = d
            .map
            .span_to_original(Span::new(dash, dash + "tonnes\u{2014}a".len()));
        assert_eq!(&d.source[o.start..o.end], "tonnes&#8212;a");
    }

    #[test]
    fn no_article_element_keeps_the_body_but_not_boilerplate() {
        let src = "<html><body><div id=nav>Menu</div><div class=\"story main-col\"><p>Exports rose 3 percent.</p><div class=\"share tools\">Share this</div></div><form>Search</form></body></html>";
        let d = doc(src);
        assert_eq!(block_texts(&d), ["Exports rose 3 percent."]);
        // No <h1>: the (absent) title is not invented.
        assert_eq!(d.meta.title, None);
    }

    #[test]
    fn title_is_a_block_without_h1() {
        let d = doc("<title>Exports up 3%</title><p>Body.</p>");
        assert_eq!(block_texts(&d), ["Exports up 3%", "Body."]);
        let d = doc("<title>Exports up 3%</title><h1>Exports up</h1><p>Body.</p>");
        assert_eq!(block_texts(&d), ["Exports up", "Body."]);
        assert_eq!(d.meta.title.as_deref(), Some("Exports up 3%"));
    }

    #[test]
    fn dates_and_metadata() {
        let src = r#"<html><head>
<meta property="og:title" content="Talks &amp; Trade">
<meta property="og:site_name" content="The Daily">
<meta property="og:url" content="https://example.com/a">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","datePublished":"2015-12-15T13:19:00+08:00","publisher":{"name":"Daily Co"}}]}</script>
</head><body><article><time datetime="2016-01-02">Jan 2</time><p>Text.</p></article></body></html>"#;
        let d = doc(src);
        assert_eq!(d.meta.title.as_deref(), Some("Talks & Trade"));
        assert_eq!(d.meta.source.as_deref(), Some("The Daily"));
        assert_eq!(d.meta.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(d.date, Some(jiff::civil::date(2015, 12, 15)));
        assert_eq!(d.date_origin, Some(DateOrigin::Metadata));

        let meta = src.replace(
            "<meta property=\"og:url\"",
            "<meta property=\"article:published_time\" content=\"2014-05-06\"><meta property=\"og:url\"",
        );
        assert_eq!(doc(&meta).date, Some(jiff::civil::date(2014, 5, 6)));
        let time = "<p>x</p><article><time datetime=\"2016-01-02T10:00Z\">Jan 2</time><p>Text.</p></article>";
        assert_eq!(doc(time).date, Some(jiff::civil::date(2016, 1, 2)));
        let bad = doc("<meta property=\"article:published_time\" content=\"soon\"><p>Text.</p>");
        assert_eq!(bad.date, None);
        assert!(
            bad.warnings[0].message.contains("\"soon\""),
            "{:?}",
            bad.warnings
        );
        // The text's own dateline, when the page states no date.
        let d = doc("<head><title>T</title></head><body><h1>Talks</h1><p>BEIJING, Dec. 15, 2015 (Xinhua) -- Talks began.</p></body>");
        assert_eq!(d.date, Some(jiff::civil::date(2015, 12, 15)));
        assert_eq!(d.date_origin, Some(DateOrigin::Dateline));
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &lt;c&gt; &#x41;&#66; &#146;s &nosuch; & x &#0;"),
            "a & b <c> AB \u{2019}s &nosuch; & x \u{FFFD}"
        );
        assert_eq!(entity("&#1;"), Some((4, " ".to_string())));
        assert_eq!(entity("&#9999999999;"), Some((13, "\u{FFFD}".to_string())));
        assert_eq!(entity("&#99999999999;"), None);
        assert_eq!(entity("&amp"), None);
        // A reference longer once decoded still maps back.
        let d = doc("<p>a &nGt; b &#x1F600; c</p>");
        check_map(&d);
    }

    #[test]
    fn hostile_pages_do_not_panic() {
        let deep = format!(
            "{}<p>Deep 5 percent.</p>{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        let d = doc(&deep);
        assert_eq!(block_texts(&d), ["Deep 5 percent."]);
        for src in [
            "<",
            "&",
            "<p>&#",
            "<script>",
            "<title>x",
            "<p>a\u{0}b</p>",
            "\u{FEFF}<p>x</p>",
            "<p>x &am",
            "</p></div>text",
            "<p>&#x;&#;&;</p>",
        ] {
            let d = doc(src);
            for b in &d.blocks {
                let o = d.map.span_to_original(*b);
                assert!(o.start <= o.end && o.end <= d.source.len(), "{src:?}");
                assert!(d.source.is_char_boundary(o.start) && d.source.is_char_boundary(o.end));
            }
        }
    }
}
