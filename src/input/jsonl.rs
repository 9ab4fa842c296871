//! JSON Lines archives (`.jsonl`, `.ndjson`): one article per line, read one line at a time.
//!
//! Each line is an object with the article's plain text in `text` (or `body`) and, optionally,
//! `id`, `title`, `date` (`YYYY-MM-DD`, or a date-time whose date part is taken), `url` and
//! `source`; other keys are ignored. Each non-blank line is one input: a document named
//! `FILE#ID` when the line has an `id` (a string or a number), else `FILE:LINE`; its spans are
//! byte offsets into the article text (the decoded JSON string), and it is read as plain text
//! (a dateline in the text is found when the line has no `date`).
//!
//! A line that is not a JSON object fails (the run goes on); one without a `text`/`body`
//! string is skipped (`no_text`), as is one longer than the line limit (`line_too_long`) or
//! with a text over the document limit (`too_large`). A file with no line at all is one
//! skipped input (`empty`).

use super::limits::{self, Line};
use super::{markdown::front_matter_date, Format, LoadOptions, Loaded, SkipReason};
use crate::document::{DateOrigin, Warning};
use serde_json::{Map, Value};
use std::io::BufRead;

/// The articles of one JSONL stream, in order.
pub struct Records<R> {
    reader: R,
    file: String,
    opts: LoadOptions,
    line: usize,
    buf: Vec<u8>,
    yielded: bool,
    done: bool,
}

impl<R: BufRead> Records<R> {
    /// Reads `reader`, whose inputs are named after `file`.
    pub fn new(file: String, reader: R, opts: &LoadOptions) -> Records<R> {
        Records {
            reader,
            file,
            opts: opts.clone(),
            line: 0,
            buf: Vec::new(),
            yielded: false,
            done: false,
        }
    }

    fn at_line(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Loaded;

    fn next(&mut self) -> Option<Loaded> {
        while !self.done {
            self.line += 1;
            let max = self.opts.limits.max_line_bytes;
            let item = match limits::read_line(&mut self.reader, &mut self.buf, max) {
                Ok(Line::Eof) => {
                    self.done = true;
                    (!self.yielded).then(|| Loaded::Skipped {
                        path: self.file.clone(),
                        reason: SkipReason::Empty,
                    })
                }
                Ok(Line::TooLong) => Some(Loaded::Skipped {
                    path: self.at_line(),
                    reason: SkipReason::LineTooLong,
                }),
                Ok(Line::Read) if self.buf.trim_ascii().is_empty() => None,
                Ok(Line::Read) => Some(article(&self.file, self.line, &self.buf, &self.opts)),
                Err(e) => {
                    self.done = true;
                    Some(super::stream_error(self.at_line(), &e))
                }
            };
            if let Some(item) = item {
                self.yielded = true;
                return Some(item);
            }
        }
        None
    }
}

/// Reads one line's article.
pub fn article(file: &str, line: usize, bytes: &[u8], opts: &LoadOptions) -> Loaded {
    let at_line = format!("{file}:{line}");
    let fail = |error: String| Loaded::Failed {
        path: at_line.clone(),
        error,
    };
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
    let mut obj: Map<String, Value> = match serde_json::from_slice(bytes) {
        Ok(Value::Object(m)) => m,
        Ok(_) => return fail("not a JSON object".to_string()),
        Err(e) => {
            // serde_json's message ends with the line (always 1 here) and column.
            let msg = e.to_string();
            let msg = msg.rfind(" at line ").map_or(msg.as_str(), |i| &msg[..i]);
            return fail(format!("invalid JSON at column {}: {msg}", e.column()));
        }
    };
    let path = match obj.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => format!("{file}#{}", s.trim()),
        Some(Value::Number(n)) => format!("{file}#{n}"),
        _ => at_line.clone(),
    };
    let text = match (obj.remove("text"), obj.remove("body")) {
        (Some(Value::String(t)), _) | (_, Some(Value::String(t))) => t,
        _ => {
            return Loaded::Skipped {
                path,
                reason: SkipReason::NoText,
            }
        }
    };
    if text.len() as u64 > opts.limits.max_document_bytes {
        return Loaded::Skipped {
            path,
            reason: SkipReason::TooLarge,
        };
    }
    let mut doc = match super::load_bytes(path, text.into_bytes(), Format::Plain, opts) {
        Loaded::Document(d) => d,
        other => return other,
    };
    let field = |obj: &Map<String, Value>, k: &str| {
        obj.get(k)
            .and_then(Value::as_str)
            .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|s| !s.is_empty())
    };
    doc.meta.title = field(&obj, "title");
    doc.meta.url = field(&obj, "url");
    doc.meta.source = field(&obj, "source");
    if let Some(date) = field(&obj, "date") {
        match front_matter_date(&date) {
            Some(d) => {
                doc.date = Some(d);
                doc.date_origin = Some(DateOrigin::Metadata);
            }
            None => doc.warnings.push(Warning {
                message: format!("line {line}: date {date:?} is not a date (YYYY-MM-DD); ignored"),
            }),
        }
    }
    Loaded::Document(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(src: &str) -> Vec<Loaded> {
        Records::new("a.jsonl".into(), src.as_bytes(), &LoadOptions::default()).collect()
    }

    #[test]
    fn one_input_per_line() {
        let src = "{\"id\": \"x1\", \"text\": \"Exports rose 5 percent.\", \"date\": \"2020-03-03T10:00Z\", \"title\": \"Exports\", \"url\": \"https://e.com/x1\", \"source\": \"Daily\"}\n\n{\"body\": \"Second.\"}\r\nnot json\n{\"id\": 7, \"title\": \"no text\"}\n[1]\n{\"text\": \"\"}\n{\"id\": 8, \"text\": \"Bad date.\", \"date\": \"March\"}";
        let got = read(src);
        assert_eq!(got.len(), 7);
        let Loaded::Document(d) = &got[0] else {
            panic!("{:?}", got[0])
        };
        assert_eq!(d.path, "a.jsonl#x1");
        assert_eq!(d.source, "Exports rose 5 percent.");
        assert_eq!(d.date, Some(jiff::civil::date(2020, 3, 3)));
        assert_eq!(d.date_origin, Some(DateOrigin::Metadata));
        assert_eq!(d.meta.title.as_deref(), Some("Exports"));
        assert_eq!(d.meta.url.as_deref(), Some("https://e.com/x1"));
        assert_eq!(d.meta.source.as_deref(), Some("Daily"));
        let Loaded::Document(d) = &got[1] else {
            panic!("{:?}", got[1])
        };
        assert_eq!(
            (d.path.as_str(), d.source.as_str()),
            ("a.jsonl:3", "Second.")
        );
        assert!(
            matches!(&got[2], Loaded::Failed { path, error } if path == "a.jsonl:4" && error.starts_with("invalid JSON at column 2: expected ident"))
        );
        assert!(
            matches!(&got[3], Loaded::Skipped { path, reason: SkipReason::NoText } if path == "a.jsonl#7")
        );
        assert!(matches!(&got[4], Loaded::Failed { error, .. } if error == "not a JSON object"));
        assert!(matches!(
            &got[5],
            Loaded::Skipped {
                reason: SkipReason::Empty,
                ..
            }
        ));
        let Loaded::Document(d) = &got[6] else {
            panic!("{:?}", got[6])
        };
        assert_eq!(d.date, None);
        assert!(d.warnings[0].message.contains("\"March\""));
    }

    #[test]
    fn limits() {
        let mut opts = LoadOptions::default();
        opts.limits.max_line_bytes = 100;
        opts.limits.max_document_bytes = 10;
        let long = format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"0123456789A\"}}\n{{\"text\": \"Fine.\"}}\n",
            "x".repeat(200)
        );
        let got: Vec<Loaded> = Records::new("a.jsonl".into(), long.as_bytes(), &opts).collect();
        assert!(
            matches!(&got[0], Loaded::Skipped { path, reason: SkipReason::LineTooLong } if path == "a.jsonl:1")
        );
        assert!(matches!(
            &got[1],
            Loaded::Skipped {
                reason: SkipReason::TooLarge,
                ..
            }
        ));
        assert!(matches!(&got[2], Loaded::Document(_)));
        assert_eq!(got.len(), 3);
        // A file with nothing in it is one skipped input.
        let got = read("\n \n");
        assert!(
            matches!(&got[..], [Loaded::Skipped { path, reason: SkipReason::Empty }] if path == "a.jsonl")
        );
    }
}
