//! Inputs: finding the files the user named and reading each into documents.
//! One file per input format; [`open`] picks the reader and streams the documents.
//!
//! Most formats hold one document (`.txt`, `.md`, `.html`); archives hold many (`.jsonl`, one
//! article per line; `.warc`, one page per record), and any of them may be gzip-compressed.
//! [`open`] yields one [`Loaded`] per input — a file, a JSONL line, a WARC record — reading
//! archives as streams, so memory stays bounded by the largest document, never by the file.
//! Every reader obeys the [`Limits`] of its [`LoadOptions`].
//!
//! Readers keep byte offsets: spans are offsets into `Document::source`. Plain text and
//! Markdown keep `Document::text` the same length as the source (markup blanked by spaces,
//! the offset map the identity); HTML decodes character references and records the changes
//! in the offset map.

pub mod compressed;
pub mod dateline;
pub mod decode;
pub mod html;
pub mod jsonl;
pub mod limits;
pub mod markdown;
pub mod names;
pub mod plain;
pub mod walk;
pub mod warc;

use crate::document::{DateOrigin, Document};
use decode::Decoded;
use jiff::civil::Date;
pub use limits::Limits;
use serde::Serialize;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

/// One input to read: a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputRef {
    File(PathBuf),
    Stdin,
    /// Something met while expanding the paths (an unreadable directory, a symbolic link
    /// loop) that cannot be read: loading it reports the error, so the run accounts for it.
    Unreadable {
        path: PathBuf,
        error: String,
    },
}

impl InputRef {
    /// The name reported for this input.
    pub fn display(&self) -> String {
        match self {
            InputRef::File(p) | InputRef::Unreadable { path: p, .. } => p.display().to_string(),
            InputRef::Stdin => "-".to_string(),
        }
    }
}

/// Options that apply to every input.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The document date to use when the document states none (`--date`).
    pub fallback_date: Option<Date>,
    /// Size limits (documents, decompression, JSONL lines, WARC headers).
    pub limits: Limits,
}

/// Why an input produced no document although nothing went wrong reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// Nothing but white space (or a JSONL/WARC file with nothing in it).
    Empty,
    Binary,
    /// Text in a form we do not read (a WARC page in an unknown content encoding).
    UnsupportedFormat,
    /// Over [`Limits::max_document_bytes`].
    TooLarge,
    /// A compressed input that decompresses past [`Limits::max_decompressed_bytes`].
    DecompressionLimit,
    /// A JSONL line over [`Limits::max_line_bytes`].
    LineTooLong,
    /// A JSONL line without a `text` or `body` string.
    NoText,
    /// A WARC file without a single HTML page.
    NoArticles,
}

impl SkipReason {
    /// The reason's code in JSON output (`too_large`).
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::Empty => "empty",
            SkipReason::Binary => "binary",
            SkipReason::UnsupportedFormat => "unsupported_format",
            SkipReason::TooLarge => "too_large",
            SkipReason::DecompressionLimit => "decompression_limit",
            SkipReason::LineTooLong => "line_too_long",
            SkipReason::NoText => "no_text",
            SkipReason::NoArticles => "no_articles",
        }
    }

    /// The reason in words, for messages.
    pub fn describe(self, limits: &Limits) -> String {
        match self {
            SkipReason::Empty => "empty".to_string(),
            SkipReason::Binary => "binary file".to_string(),
            SkipReason::UnsupportedFormat => "unsupported format".to_string(),
            SkipReason::TooLarge => format!(
                "too large (over {} per document)",
                limits::bytes(limits.max_document_bytes)
            ),
            SkipReason::DecompressionLimit => format!(
                "decompresses to over {}; the rest is not read",
                limits::bytes(limits.max_decompressed_bytes)
            ),
            SkipReason::LineTooLong => format!(
                "line too long (over {})",
                limits::bytes(limits.max_line_bytes)
            ),
            SkipReason::NoText => "no \"text\" or \"body\" string".to_string(),
            SkipReason::NoArticles => "no HTML page in it".to_string(),
        }
    }
}

/// What reading one input gave.
#[derive(Debug)]
pub enum Loaded {
    Document(Box<Document>),
    Skipped { path: String, reason: SkipReason },
    Failed { path: String, error: String },
}

/// The inputs of one named input, read one at a time.
pub type Loads = Box<dyn Iterator<Item = Loaded> + Send>;

/// The readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
    Html,
    /// JSON Lines: one article per line (a stream of inputs).
    Jsonl,
    /// A web archive: one page per record (a stream of inputs).
    Warc,
}

impl Format {
    /// The reader for a file name (after a `.gz`): `.md`/`.markdown` Markdown,
    /// `.html`/`.htm`/`.xhtml` HTML, `.jsonl`/`.ndjson` JSON Lines, `.warc` WARC, anything
    /// else plain text.
    pub fn of_path(path: &Path) -> Format {
        match compressed::inner_name(path)
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => Format::Markdown,
            Some("html" | "htm" | "xhtml") => Format::Html,
            Some("jsonl" | "ndjson") => Format::Jsonl,
            Some("warc") => Format::Warc,
            _ => Format::Plain,
        }
    }

    /// The reader for unnamed bytes (standard input), by how they open: `WARC/1.` is WARC,
    /// an HTML doctype or tag is HTML, a JSON object on the first line is JSON Lines, YAML
    /// front matter (`---` on the first line) is Markdown, anything else plain text.
    pub fn sniff(bytes: &[u8]) -> Format {
        let b = bytes.strip_prefix(decode::BOM.as_bytes()).unwrap_or(bytes);
        let first_line = b.split(|&c| c == b'\n').next().unwrap_or(b);
        if b.starts_with(b"WARC/1.") {
            Format::Warc
        } else if b.starts_with(b"---\n") || b.starts_with(b"---\r\n") {
            Format::Markdown
        } else if first_line.trim_ascii_start().starts_with(b"{")
            && serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(first_line)
                .is_ok()
        {
            Format::Jsonl
        } else if html::looks_like_html(b) {
            Format::Html
        } else {
            Format::Plain
        }
    }

    /// Whether one input of this format holds many documents.
    pub fn is_stream(self) -> bool {
        matches!(self, Format::Jsonl | Format::Warc)
    }
}

/// How many bytes are looked at to tell gzip and, for standard input, the format.
const PEEK_LEN: u64 = 8 * 1024;

/// Reads the inputs of one named input, choosing the reader by extension (standard input by
/// its first bytes); gzip is recognised by its magic bytes and decompressed as a stream.
pub fn open(input: &InputRef, opts: &LoadOptions) -> Loads {
    open_with(input, None, opts)
}

/// Reads the inputs of one named input with the given reader, or the one [`open`] would
/// choose.
pub fn open_with(input: &InputRef, format: Option<Format>, opts: &LoadOptions) -> Loads {
    let opened = match input {
        InputRef::File(p) => open_file(p, input, format, opts),
        InputRef::Stdin => {
            open_stream(input, Box::new(io::stdin()), None, format, opts).map(Opened::Stream)
        }
        InputRef::Unreadable { error, .. } => Err(Loaded::Failed {
            path: input.display(),
            error: error.clone(),
        }),
    };
    match opened {
        Ok(Opened::Whole(item)) | Err(item) => Box::new(std::iter::once(item)),
        Ok(Opened::Stream((name, stream, format, size))) => {
            if format.is_stream() {
                match format {
                    Format::Warc => Box::new(warc::Records::new(name, stream, opts)),
                    _ => Box::new(jsonl::Records::new(name, stream, opts)),
                }
            } else {
                Box::new(std::iter::once(read_single(
                    name, stream, format, size, opts,
                )))
            }
        }
    }
}

/// A readable input: its name, its (decompressed) bytes, its format, and its size on disk
/// when it is an uncompressed file.
type Stream = (String, Box<dyn BufRead + Send>, Format, Option<u64>);

/// An opened input: a stream still to read, or a one-document file read already.
enum Opened {
    Stream(Stream),
    Whole(Loaded),
}

/// Opens a file. A regular file of a one-document format is read whole here, into one
/// buffer of its size, in as few reads as the system allows (an archive of articles is
/// mostly such files, and peeking at its head first cost reads and copies of its own); a
/// compressed file, an archive format or anything not a regular file goes on as a stream.
fn open_file(
    path: &Path,
    input: &InputRef,
    format: Option<Format>,
    opts: &LoadOptions,
) -> Result<Opened, Loaded> {
    let name = input.display();
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => return Err(stream_error(name, &e)),
    };
    let size = f.metadata().ok().filter(|m| m.is_file()).map(|m| m.len());
    let format = format.unwrap_or_else(|| Format::of_path(path));
    let max = opts.limits.max_document_bytes;
    let Some(size) = size.filter(|&s| s <= max && !format.is_stream()) else {
        return open_stream(input, Box::new(f), size, Some(format), opts).map(Opened::Stream);
    };
    // a byte of room past the size: the read that finds the end needs no more memory
    let mut bytes = Vec::with_capacity(size as usize + 1);
    if let Err(e) = (&mut f).take(max + 1).read_to_end(&mut bytes) {
        return Err(stream_error(name, &e));
    }
    if compressed::is_gzip(&bytes) {
        let raw: Box<dyn Read + Send> = Box::new(Cursor::new(bytes));
        return open_stream(input, raw, None, Some(format), opts).map(Opened::Stream);
    }
    Ok(Opened::Whole(if bytes.len() as u64 > max {
        Loaded::Skipped {
            path: name,
            reason: SkipReason::TooLarge,
        }
    } else {
        load_bytes(name, bytes, format, opts)
    }))
}

/// An input read as a stream from `raw` (a file's, with its `size` on disk when it is a
/// regular file, or standard input): gzip is known by its first bytes and decompressed.
fn open_stream(
    input: &InputRef,
    raw: Box<dyn Read + Send>,
    size: Option<u64>,
    format: Option<Format>,
    opts: &LoadOptions,
) -> Result<Stream, Loaded> {
    let name = input.display();
    let fail = |e: io::Error| stream_error(name.clone(), &e);
    let (head, raw) = peek(raw).map_err(fail)?;
    let (head, stream, size): (Vec<u8>, Box<dyn Read + Send>, Option<u64>) =
        if compressed::is_gzip(&head) {
            let gz = compressed::gunzip(
                BufReader::new(Cursor::new(head).chain(raw)),
                opts.limits.max_decompressed_bytes,
            );
            let (head, stream) = peek(Box::new(gz)).map_err(fail)?;
            (head, stream, None)
        } else {
            (head, raw, size)
        };
    let format = format.unwrap_or_else(|| match input {
        InputRef::File(p) => Format::of_path(p),
        _ => Format::sniff(&head),
    });
    let stream = BufReader::with_capacity(64 * 1024, Cursor::new(head).chain(stream));
    Ok((name, Box::new(stream), format, size))
}

/// The first [`PEEK_LEN`] bytes of a reader, and the reader without them. An error after
/// some bytes were read is kept for the reader to return after them (a truncated gzip
/// archive still gives the records before its end); an error before any byte is returned.
fn peek(mut r: Box<dyn Read + Send>) -> io::Result<(Vec<u8>, Box<dyn Read + Send>)> {
    let mut head = Vec::new();
    match (&mut r).take(PEEK_LEN).read_to_end(&mut head) {
        Ok(_) => Ok((head, r)),
        Err(e) if head.is_empty() => Err(e),
        Err(e) => Ok((head, Box::new(Failing(Some(e))))),
    }
}

/// A reader that fails with its error once, then ends.
struct Failing(Option<io::Error>);

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

/// The input an I/O error stands for: a skip when it is the decompression limit, else a
/// failure.
pub(crate) fn stream_error(path: String, e: &io::Error) -> Loaded {
    if limits::is_limit(e) {
        Loaded::Skipped {
            path,
            reason: SkipReason::DecompressionLimit,
        }
    } else {
        Loaded::Failed {
            path,
            error: e.to_string(),
        }
    }
}

/// Reads a one-document input whole (up to the document limit) and parses it.
fn read_single(
    name: String,
    mut stream: Box<dyn BufRead + Send>,
    format: Format,
    size: Option<u64>,
    opts: &LoadOptions,
) -> Loaded {
    let max = opts.limits.max_document_bytes;
    let too_large = |path| Loaded::Skipped {
        path,
        reason: SkipReason::TooLarge,
    };
    if size.is_some_and(|s| s > max) {
        return too_large(name);
    }
    let mut bytes = Vec::new();
    if let Err(e) = (&mut stream).take(max + 1).read_to_end(&mut bytes) {
        return stream_error(name, &e);
    }
    if bytes.len() as u64 > max {
        return too_large(name);
    }
    load_bytes(name, bytes, format, opts)
}

/// Reads one input into a document, choosing the reader by extension (standard input by
/// its first bytes). For an archive (JSONL, WARC) this is its first input; use [`open`] to
/// read them all.
pub fn load(input: &InputRef, opts: &LoadOptions) -> Loaded {
    load_with(input, None, opts)
}

/// Reads one input with the given reader, or the one [`load`] would choose.
pub fn load_with(input: &InputRef, format: Option<Format>, opts: &LoadOptions) -> Loaded {
    let path = input.display();
    open_with(input, format, opts)
        .next()
        .unwrap_or(Loaded::Skipped {
            path,
            reason: SkipReason::Empty,
        })
}

/// All the bytes of an input, or the error text (no limit: prefer [`open`]).
pub fn read(input: &InputRef) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let res = match input {
        InputRef::File(p) => std::fs::File::open(p).and_then(|mut f| f.read_to_end(&mut bytes)),
        InputRef::Stdin => std::io::stdin().lock().read_to_end(&mut bytes),
        InputRef::Unreadable { error, .. } => return Err(error.clone()),
    };
    res.map(|_| bytes).map_err(|e| e.to_string())
}

/// Reads bytes already in memory, named `path`, with the given reader. For an archive format
/// this is its first input.
pub fn load_bytes(path: String, bytes: Vec<u8>, format: Format, opts: &LoadOptions) -> Loaded {
    let first = |mut items: Box<dyn Iterator<Item = Loaded> + '_>, path: String| {
        items.next().unwrap_or(Loaded::Skipped {
            path,
            reason: SkipReason::Empty,
        })
    };
    match format {
        Format::Jsonl => {
            return first(
                Box::new(jsonl::Records::new(path.clone(), &bytes[..], opts)),
                path,
            )
        }
        Format::Warc => {
            return first(
                Box::new(warc::Records::new(path.clone(), &bytes[..], opts)),
                path,
            )
        }
        _ => {}
    }
    match decode::decode(bytes) {
        Decoded::Skip(reason) => Loaded::Skipped { path, reason },
        Decoded::Text { source, warnings } => {
            let mut doc = match format {
                Format::Markdown => markdown::parse(path, source, opts),
                Format::Html => html::parse(path, source, opts),
                _ => plain::parse(path, source, opts),
            };
            let mut all = warnings;
            all.append(&mut doc.warnings);
            doc.warnings = all;
            Loaded::Document(Box::new(doc))
        }
    }
}

/// Sets the document date: the front matter's, else a dateline near the start of the text,
/// else the command line's.
pub(crate) fn resolve_date(doc: &mut Document, front_matter: Option<Date>, opts: &LoadOptions) {
    let stated = front_matter.map(|d| (d, DateOrigin::FrontMatter));
    let text = std::mem::take(&mut doc.text);
    resolve_date_in(doc, stated, &text, opts);
    doc.text = text;
}

/// Sets the document date: the one the document states in its metadata, else a dateline
/// near the start of `opening` (the document's text, or its first blocks), else the command
/// line's.
pub(crate) fn resolve_date_in(
    doc: &mut Document,
    stated: Option<(Date, DateOrigin)>,
    opening: &str,
    opts: &LoadOptions,
) {
    let (date, origin) = if let Some((d, origin)) = stated {
        (Some(d), origin)
    } else if let Some(d) = dateline::find(opening) {
        (Some(d.date), DateOrigin::Dateline)
    } else {
        (opts.fallback_date, DateOrigin::CommandLine)
    };
    doc.date = date;
    doc.date_origin = date.map(|_| origin);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(Format::of_path(Path::new("a/b.MD")), Format::Markdown);
        assert_eq!(Format::of_path(Path::new("b.markdown")), Format::Markdown);
        assert_eq!(Format::of_path(Path::new("b.txt")), Format::Plain);
        assert_eq!(Format::of_path(Path::new("README")), Format::Plain);
        assert_eq!(Format::sniff(b"---\ntitle: x\n---\n"), Format::Markdown);
        assert_eq!(Format::sniff(b"\xEF\xBB\xBF---\r\n"), Format::Markdown);
        assert_eq!(Format::sniff(b"----\n"), Format::Plain);
        assert_eq!(Format::sniff(b"# Title\n"), Format::Plain);
        assert_eq!(Format::of_path(Path::new("a.HTM")), Format::Html);
        assert_eq!(Format::of_path(Path::new("a.jsonl.gz")), Format::Jsonl);
        assert_eq!(Format::of_path(Path::new("a.warc.gz")), Format::Warc);
        assert_eq!(Format::of_path(Path::new("a.md.gz")), Format::Markdown);
        assert_eq!(Format::sniff(b"WARC/1.1\r\n"), Format::Warc);
        assert_eq!(Format::sniff(b"{\"text\": \"x\"}\n{"), Format::Jsonl);
        assert_eq!(Format::sniff(b"{not json}\n"), Format::Plain);
        assert_eq!(Format::sniff(b"  <!DOCTYPE html>\n"), Format::Html);
    }

    #[test]
    fn missing_file_fails_with_the_os_error() {
        let input = InputRef::File(PathBuf::from("/nonexistent/factlint/x.txt"));
        match load(&input, &LoadOptions::default()) {
            Loaded::Failed { path, error } => {
                assert_eq!(path, "/nonexistent/factlint/x.txt");
                assert!(error.contains("No such file or directory"), "{error}");
            }
            other => panic!("{other:?}"),
        }
        let input = InputRef::Unreadable {
            path: PathBuf::from("d"),
            error: "boom".into(),
        };
        assert!(matches!(
            load(&input, &LoadOptions::default()),
            Loaded::Failed { error, .. } if error == "boom"
        ));
    }

    #[test]
    fn date_origins() {
        let opts = LoadOptions {
            fallback_date: Some(jiff::civil::date(2020, 1, 2)),
            ..LoadOptions::default()
        };
        let load = |s: &str, f| match load_bytes("x".into(), s.as_bytes().to_vec(), f, &opts) {
            Loaded::Document(d) => (d.date, d.date_origin),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            load("Body text.\n", Format::Plain),
            (
                Some(jiff::civil::date(2020, 1, 2)),
                Some(DateOrigin::CommandLine)
            )
        );
        assert_eq!(
            load("Title\n2016-09-04\n\nBody.\n", Format::Plain),
            (
                Some(jiff::civil::date(2016, 9, 4)),
                Some(DateOrigin::Dateline)
            )
        );
        assert_eq!(
            load("---\ndate: 2015-12-15\n---\n2016-09-04\n", Format::Markdown),
            (
                Some(jiff::civil::date(2015, 12, 15)),
                Some(DateOrigin::FrontMatter)
            )
        );
        let none = LoadOptions::default();
        match load_bytes("x".into(), b"Body.".to_vec(), Format::Plain, &none) {
            Loaded::Document(d) => assert_eq!((d.date, d.date_origin), (None, None)),
            other => panic!("{other:?}"),
        }
    }
}
