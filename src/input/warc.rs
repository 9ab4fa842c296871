//! Web archives (`.warc`, `.warc.gz`): each HTML page a crawler saved is one document, named
//! by its `WARC-Target-URI`.
//!
//! Records are read one at a time from a stream (a `.warc.gz` is decompressed member after
//! member), so an archive of any size is read in the memory of its largest page. The inputs
//! are the `response` records whose HTTP status is 2xx and whose payload is HTML
//! (`Content-Type: text/html` or `application/xhtml+xml`, or no content type and a payload that
//! starts like HTML), and `resource` records of HTML. Every other record (`warcinfo`,
//! `request`, `metadata`, redirects, error pages, images, scripts …) is not an input: it is
//! passed over unread and not counted.
//!
//! A document's text is the HTTP payload, de-chunked and decompressed (`Content-Encoding:
//! gzip`/`deflate`), and transcoded to UTF-8 when the `Content-Type` names another charset;
//! its spans are byte offsets into that payload. A page over the document limit is skipped
//! (`too_large`), a payload in another content encoding (`br` …) is skipped
//! (`unsupported_format`). A record cut short by the end of the file fails, and so does a file
//! that stops being WARC; what was read before is kept. A file with no HTML page at all is one
//! skipped input (`no_articles`, or `empty`).
//!
//! The `warc` crate was not used: its readers grow a buffer to the length of a header or body
//! line without a bound and stop at the first bad record; this reader is small and bounded.

use super::compressed;
use super::limits::{self, Line};
use super::{Format, LoadOptions, Loaded, SkipReason};
use crate::document::Warning;
use std::io::{self, BufRead, Read};

/// Most header lines a record (or an HTTP response) may have.
const MAX_HEADERS: usize = 256;

/// The HTML documents of one WARC stream, in order.
pub struct Records<R> {
    reader: R,
    file: String,
    opts: LoadOptions,
    /// Records read so far (1-based number of the current one).
    record: usize,
    /// Whether any record was seen, and any input yielded.
    seen: bool,
    yielded: bool,
    done: bool,
}

/// What one record gave.
enum Step {
    /// An input (a document, a skip or a failure).
    Input(Loaded),
    /// A record that is not an input.
    Pass,
    /// The end of the stream.
    End,
}

/// The fields of a record header the reader needs.
#[derive(Debug, Default)]
struct Header {
    kind: String,
    uri: Option<String>,
    content_type: String,
    length: Option<u64>,
    truncated: Option<String>,
}

impl<R: BufRead> Records<R> {
    /// Reads `reader`, whose records are named after `file` when they have no target URI.
    pub fn new(file: String, reader: R, opts: &LoadOptions) -> Records<R> {
        Records {
            reader,
            file,
            opts: opts.clone(),
            record: 0,
            seen: false,
            yielded: false,
            done: false,
        }
    }

    /// The end of the stream: one failure (or skip) naming the file, and no more records.
    fn stop(&mut self, error: String) -> Step {
        self.done = true;
        Step::Input(Loaded::Failed {
            path: self.file.clone(),
            error,
        })
    }

    fn io_stop(&mut self, e: &io::Error) -> Step {
        self.done = true;
        let at = format!("{}, record {}", self.file, self.record);
        Step::Input(super::stream_error(at, e))
    }

    /// Reads one record.
    fn step(&mut self) -> Step {
        let max_header = self.opts.limits.max_header_bytes;
        let mut line = Vec::new();
        // The version line, after the blank lines that end the previous record.
        loop {
            match limits::read_line(&mut self.reader, &mut line, max_header) {
                Ok(Line::Eof) => return Step::End,
                Ok(Line::TooLong) => {
                    return self.stop(format!(
                        "record {}: not a WARC record (a line over {})",
                        self.record + 1,
                        limits::bytes(max_header)
                    ))
                }
                Ok(Line::Read) if line.trim_ascii().is_empty() => continue,
                Ok(Line::Read) => break,
                Err(e) => return self.io_stop(&e),
            }
        }
        self.record += 1;
        self.seen = true;
        if !line.starts_with(b"WARC/") {
            let shown: String = String::from_utf8_lossy(line.trim_ascii())
                .chars()
                .take(40)
                .collect();
            return self.stop(format!(
                "record {}: expected a WARC version line (WARC/1.1), found {shown:?}",
                self.record
            ));
        }
        // The header block, up to its blank line.
        let mut block = Vec::new();
        loop {
            match limits::read_line(&mut self.reader, &mut line, max_header) {
                Ok(Line::Read) if line.trim_ascii().is_empty() => break,
                Ok(Line::Read) if (block.len() + line.len()) as u64 <= max_header => {
                    block.extend_from_slice(&line)
                }
                Ok(Line::Read | Line::TooLong) => {
                    return self.stop(format!(
                        "record {}: header block over {}",
                        self.record,
                        limits::bytes(max_header)
                    ))
                }
                Ok(Line::Eof) => {
                    return self.stop(format!(
                        "truncated WARC record {}: the file ends inside its header",
                        self.record
                    ))
                }
                Err(e) => return self.io_stop(&e),
            }
        }
        block.extend_from_slice(b"\r\n");
        let header = match parse_header(&block) {
            Ok(h) => h,
            Err(e) => return self.stop(format!("record {}: {e}", self.record)),
        };
        let Some(length) = header.length else {
            return self.stop(format!(
                "record {}: no valid Content-Length header",
                self.record
            ));
        };
        let name = header
            .uri
            .clone()
            .unwrap_or_else(|| format!("{}#record-{}", self.file, self.record));
        let is_html = |ct: &str| {
            let mime = media_type(ct);
            mime == "text/html" || mime == "application/xhtml+xml"
        };
        let candidate = match header.kind.as_str() {
            "response" => media_type(&header.content_type) == "application/http",
            "resource" => is_html(&header.content_type),
            _ => false,
        };
        let limit = self.opts.limits.max_document_bytes + max_header;
        if !candidate || length > limit {
            return match self.pass_over(length) {
                Err(e) => self.io_stop(&e),
                Ok(got) if got < length => self.truncated(&name, length, got),
                Ok(_) if candidate => Step::Input(Loaded::Skipped {
                    path: name,
                    reason: SkipReason::TooLarge,
                }),
                Ok(_) => Step::Pass,
            };
        }
        let mut body = Vec::new();
        let len = length as usize;
        if let Err(e) = (&mut self.reader).take(length).read_to_end(&mut body) {
            return self.io_stop(&e);
        }
        if body.len() < len {
            return self.truncated(&name, length, body.len() as u64);
        }
        let payload = if header.kind == "response" {
            match http_payload(body, &self.opts) {
                Ok(Some(p)) => p,
                Ok(None) => return Step::Pass,
                Err(item) => return Step::Input(item.named(name)),
            }
        } else {
            Payload {
                bytes: body,
                charset: charset(&header.content_type),
            }
        };
        Step::Input(self.document(name, header, payload))
    }

    /// Reads past `length` bytes; returns how many there were.
    fn pass_over(&mut self, length: u64) -> io::Result<u64> {
        io::copy(&mut (&mut self.reader).take(length), &mut io::sink())
    }

    fn truncated(&mut self, name: &str, length: u64, got: u64) -> Step {
        self.done = true;
        Step::Input(Loaded::Failed {
            path: name.to_string(),
            error: format!(
                "truncated WARC record {} in {}: its Content-Length is {length} bytes but the file ends after {got}",
                self.record, self.file
            ),
        })
    }

    /// The document of an HTML payload.
    fn document(&self, name: String, header: Header, payload: Payload) -> Loaded {
        let mut warnings = Vec::new();
        let transcoded = payload
            .charset
            .as_deref()
            .and_then(|c| transcode(&payload.bytes, c));
        let bytes = match transcoded {
            Some((text, label, lossy)) => {
                warnings.push(Warning {
                    message: format!(
                        "decoded from {label}{}; offsets are of the UTF-8 text",
                        if lossy {
                            " with malformed bytes replaced"
                        } else {
                            ""
                        }
                    ),
                });
                text.into_bytes()
            }
            None => payload.bytes,
        };
        if bytes.len() as u64 > self.opts.limits.max_document_bytes {
            return Loaded::Skipped {
                path: name,
                reason: SkipReason::TooLarge,
            };
        }
        let mut doc = match super::load_bytes(name, bytes, Format::Html, &self.opts) {
            Loaded::Document(d) => d,
            other => return other,
        };
        if let Some(t) = header.truncated {
            warnings.push(Warning {
                message: format!("the crawler truncated this record (WARC-Truncated: {t})"),
            });
        }
        if doc.meta.url.is_none() {
            doc.meta.url = header.uri;
        }
        doc.warnings.extend(warnings);
        Loaded::Document(doc)
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Loaded;

    fn next(&mut self) -> Option<Loaded> {
        while !self.done {
            match self.step() {
                Step::Input(item) => {
                    self.yielded = true;
                    return Some(item);
                }
                Step::Pass => {}
                Step::End => {
                    self.done = true;
                    if !self.yielded {
                        self.yielded = true;
                        let reason = if self.seen {
                            SkipReason::NoArticles
                        } else {
                            SkipReason::Empty
                        };
                        return Some(Loaded::Skipped {
                            path: self.file.clone(),
                            reason,
                        });
                    }
                }
            }
        }
        None
    }
}

/// The media type of a `Content-Type` value, lower-cased, without parameters.
fn media_type(ct: &str) -> String {
    ct.split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a `Content-Type` value.
fn charset(ct: &str) -> Option<String> {
    ct.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']).to_string())
    })
}

/// Decodes text in a charset other than UTF-8: the text, the encoding's name, and whether
/// malformed bytes were replaced. `None` for UTF-8 or an unknown label.
fn transcode(bytes: &[u8], label: &str) -> Option<(String, &'static str, bool)> {
    let enc = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
    if enc == encoding_rs::UTF_8 {
        return None;
    }
    let (text, used, lossy) = enc.decode(bytes);
    (used != encoding_rs::UTF_8).then(|| (text.into_owned(), used.name(), lossy))
}

fn parse_header(block: &[u8]) -> Result<Header, String> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let parsed = match httparse::parse_headers(block, &mut headers) {
        Ok(httparse::Status::Complete((_, h))) => h,
        Ok(httparse::Status::Partial) => return Err("incomplete header block".to_string()),
        Err(e) => return Err(format!("malformed header block ({e})")),
    };
    let mut out = Header::default();
    for h in parsed.iter() {
        let value = String::from_utf8_lossy(h.value).trim().to_string();
        let name = h.name.to_ascii_lowercase();
        match name.as_str() {
            "warc-type" => out.kind = value.to_ascii_lowercase(),
            "warc-target-uri" => {
                // WARC 1.0 examples wrap the URI in angle brackets.
                let uri = value.trim_start_matches('<').trim_end_matches('>').trim();
                out.uri = (!uri.is_empty()).then(|| uri.to_string());
            }
            "content-type" => out.content_type = value,
            "content-length" => out.length = value.parse().ok(),
            "warc-truncated" => out.truncated = Some(value),
            _ => {}
        }
    }
    Ok(out)
}

/// An HTML payload and its declared charset.
struct Payload {
    bytes: Vec<u8>,
    charset: Option<String>,
}

/// A record that is an input but gives no document; its name is set by the caller.
enum Problem {
    Skip(SkipReason),
    Fail(String),
}

impl Problem {
    fn named(self, path: String) -> Loaded {
        match self {
            Problem::Skip(reason) => Loaded::Skipped { path, reason },
            Problem::Fail(error) => Loaded::Failed { path, error },
        }
    }
}

/// The HTML payload of an HTTP response (`None` when the response is not a 2xx HTML page).
fn http_payload(block: Vec<u8>, opts: &LoadOptions) -> Result<Option<Payload>, Problem> {
    // The status line, by hand: httparse knows only HTTP/1.x, and crawlers record HTTP/2 too.
    let eol = block
        .iter()
        .position(|&b| b == b'\n')
        .ok_or_else(|| Problem::Fail("the HTTP response has no status line".to_string()))?;
    let status_line = String::from_utf8_lossy(&block[..eol]);
    let mut parts = status_line.split_whitespace();
    let version_ok = parts.next().is_some_and(|v| v.starts_with("HTTP/"));
    let status: u16 = match (version_ok, parts.next().and_then(|s| s.parse().ok())) {
        (true, Some(s)) => s,
        _ => {
            return Err(Problem::Fail(format!(
                "malformed HTTP status line {:?}",
                status_line.trim()
            )))
        }
    };
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let (header_len, parsed) = match httparse::parse_headers(&block[eol + 1..], &mut headers) {
        Ok(httparse::Status::Complete(x)) => x,
        Ok(httparse::Status::Partial) => {
            return Err(Problem::Fail("incomplete HTTP headers".to_string()))
        }
        Err(e) => return Err(Problem::Fail(format!("malformed HTTP headers ({e})"))),
    };
    let get = |name: &str| {
        parsed
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_ascii_lowercase())
    };
    let content_type = get("content-type");
    let chunked = get("transfer-encoding").is_some_and(|t| t.contains("chunked"));
    let encoding = get("content-encoding").filter(|e| !e.is_empty() && e != "identity");
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let html_type = content_type.as_deref().map(media_type);
    if let Some(t) = &html_type {
        if t != "text/html" && t != "application/xhtml+xml" {
            return Ok(None);
        }
    }
    let start = eol + 1 + header_len;
    let mut body = block;
    body.drain(..start.min(body.len()));
    if chunked {
        body = dechunk(&body).map_err(Problem::Fail)?;
    }
    let limit = opts.limits.max_document_bytes;
    if let Some(enc) = encoding {
        body = match compressed::decode_content(&enc, &body, limit) {
            Ok(b) => b,
            Err(e) if limits::is_limit(&e) => return Err(Problem::Skip(SkipReason::TooLarge)),
            Err(e) if e.kind() == io::ErrorKind::Unsupported => {
                return Err(Problem::Skip(SkipReason::UnsupportedFormat))
            }
            Err(e) => return Err(Problem::Fail(format!("content encoding {enc}: {e}"))),
        };
    }
    if html_type.is_none() && !super::html::looks_like_html(&body) {
        return Ok(None);
    }
    Ok(Some(Payload {
        bytes: body,
        charset: content_type.as_deref().and_then(charset),
    }))
}

/// Joins the chunks of a `Transfer-Encoding: chunked` body (trailers dropped).
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let (used, size) = match httparse::parse_chunk_size(data) {
            Ok(httparse::Status::Complete(x)) => x,
            // Cut off after its last complete chunk: keep what there is.
            Ok(httparse::Status::Partial) => return Ok(out),
            Err(_) => return Err("malformed chunked transfer encoding".to_string()),
        };
        data = &data[used..];
        if size == 0 {
            return Ok(out);
        }
        let size = usize::try_from(size).unwrap_or(usize::MAX).min(data.len());
        out.extend_from_slice(&data[..size]);
        data = &data[size..];
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A WARC record with the given headers and block.
    pub(crate) fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-03-03T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:0>\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn response(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
        let mut b = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
        b.extend_from_slice(body);
        b
    }

    const HTTP: &str = "application/http; msgtype=response";

    fn read(bytes: &[u8]) -> Vec<Loaded> {
        Records::new("a.warc".into(), bytes, &LoadOptions::default()).collect()
    }

    #[test]
    fn html_responses_are_the_inputs() {
        let page = b"<html><body><article><p>Cargo rose 5 percent.</p></article></body></html>";
        let mut w = record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        );
        w.extend(record(
            "request",
            "http://e.com/a",
            "application/http; msgtype=request",
            b"GET /a HTTP/1.1\r\n\r\n",
        ));
        w.extend(record(
            "response",
            "http://e.com/a",
            HTTP,
            &response("200 OK", "Content-Type: text/html; charset=utf-8\r\n", page),
        ));
        w.extend(record(
            "response",
            "http://e.com/logo.png",
            HTTP,
            &response("200 OK", "Content-Type: image/png\r\n", b"\x89PNG"),
        ));
        w.extend(record(
            "response",
            "http://e.com/old",
            HTTP,
            &response("301 Moved", "Location: /a\r\n", b""),
        ));
        let chunked = b"19\r\n<p>Chunked 3 percent.</p>\r\n0\r\n\r\n";
        w.extend(record(
            "response",
            "<http://e.com/c>",
            HTTP,
            &response(
                "200 OK",
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                chunked,
            ),
        ));
        w.extend(record(
            "resource",
            "http://e.com/r",
            "text/html",
            b"<p>Resource.</p>",
        ));
        w.extend(record(
            "response",
            "http://e.com/br",
            HTTP,
            &response(
                "200 OK",
                "Content-Type: text/html\r\nContent-Encoding: br\r\n",
                b"xx",
            ),
        ));
        let got = read(&w);
        let names: Vec<String> = got
            .iter()
            .map(|l| match l {
                Loaded::Document(d) => format!("doc {}", d.path),
                Loaded::Skipped { path, reason } => format!("skip {path} {reason:?}"),
                Loaded::Failed { path, error } => format!("fail {path} {error}"),
            })
            .collect();
        assert_eq!(
            names,
            [
                "doc http://e.com/a",
                "doc http://e.com/c",
                "doc http://e.com/r",
                "skip http://e.com/br UnsupportedFormat",
            ]
        );
        let Loaded::Document(d) = &got[0] else {
            panic!()
        };
        assert_eq!(d.meta.url.as_deref(), Some("http://e.com/a"));
        assert_eq!(d.source.as_bytes(), page);
        let Loaded::Document(d) = &got[1] else {
            panic!()
        };
        assert_eq!(d.source, "<p>Chunked 3 percent.</p>");
    }

    #[test]
    fn truncation_and_garbage_stop_the_file() {
        let page = response("200 OK", "Content-Type: text/html\r\n", b"<p>First.</p>");
        let mut w = record("response", "http://e.com/1", HTTP, &page);
        let second = record("response", "http://e.com/2", HTTP, &page);
        w.extend_from_slice(&second[..second.len() - 12]);
        let got = read(&w);
        assert_eq!(got.len(), 2);
        assert!(matches!(&got[0], Loaded::Document(_)));
        match &got[1] {
            Loaded::Failed { path, error } => {
                assert_eq!(path, "http://e.com/2");
                assert!(
                    error.starts_with("truncated WARC record 2 in a.warc"),
                    "{error}"
                );
            }
            other => panic!("{other:?}"),
        }
        let got = read(b"not a warc\r\n");
        assert!(
            matches!(&got[..], [Loaded::Failed { path, error }] if path == "a.warc" && error.contains("expected a WARC version line"))
        );
        let got = read(b"");
        assert!(matches!(
            &got[..],
            [Loaded::Skipped {
                reason: SkipReason::Empty,
                ..
            }]
        ));
        let got = read(&record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"x: y\r\n",
        ));
        assert!(matches!(
            &got[..],
            [Loaded::Skipped {
                reason: SkipReason::NoArticles,
                ..
            }]
        ));
    }

    #[test]
    fn big_pages_are_skipped_without_being_read() {
        let mut opts = LoadOptions::default();
        opts.limits.max_document_bytes = 100;
        opts.limits.max_header_bytes = 200;
        let big = response("200 OK", "Content-Type: text/html\r\n", &vec![b'a'; 1000]);
        let mut w = record("response", "http://e.com/big", HTTP, &big);
        w.extend(record(
            "resource",
            "http://e.com/r",
            "text/html",
            b"<p>Small.</p>",
        ));
        let got: Vec<Loaded> = Records::new("a.warc".into(), &w[..], &opts).collect();
        assert!(
            matches!(&got[0], Loaded::Skipped { path, reason: SkipReason::TooLarge } if path == "http://e.com/big")
        );
        assert!(matches!(&got[1], Loaded::Document(_)));
    }

    #[test]
    fn content_types_and_chunks() {
        assert_eq!(media_type("Text/HTML; charset=UTF-8"), "text/html");
        assert_eq!(
            charset("text/html; Charset=\"ISO-8859-1\"").as_deref(),
            Some("ISO-8859-1")
        );
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert_eq!(dechunk(b"3\r\nabc\r\n5\r\nde").unwrap(), b"abcde");
        assert!(dechunk(b"zz\r\n").is_err());
        assert!(crate::input::html::looks_like_html(
            b"\n <!DOCTYPE html><p>"
        ));
        assert!(!crate::input::html::looks_like_html(b"{\"a\": 1}"));
        let (t, name, lossy) = transcode(b"caf\xe9", "iso-8859-1").unwrap();
        assert_eq!(
            (t.as_str(), name, lossy),
            ("caf\u{e9}", "windows-1252", false)
        );
        assert!(transcode(b"x", "utf-8").is_none());
        assert!(transcode(b"x", "no-such-charset").is_none());
    }
}
