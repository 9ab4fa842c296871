//! Inputs: finding the files the user named and reading each into a [`Document`].
//! One file per input format; [`load`] picks the reader.
//!
//! Every reader keeps byte offsets: `Document::text` has the same length and line breaks as
//! `Document::source`, with what is not prose blanked by spaces, and the offset map is the
//! identity.

pub mod dateline;
pub mod decode;
pub mod markdown;
pub mod plain;
pub mod walk;

use crate::document::{DateOrigin, Document};
use decode::Decoded;
use jiff::civil::Date;
use serde::Serialize;
use std::io::Read;
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
}

/// Why an input produced no document although nothing went wrong reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    Empty,
    Binary,
    UnsupportedFormat,
}

/// What reading one input gave.
#[derive(Debug)]
pub enum Loaded {
    Document(Box<Document>),
    Skipped { path: String, reason: SkipReason },
    Failed { path: String, error: String },
}

/// The readers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Markdown,
}

impl Format {
    /// The reader for a file name: `.md` and `.markdown` are Markdown, anything else is
    /// plain text.
    pub fn of_path(path: &Path) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("md" | "markdown") => Format::Markdown,
            _ => Format::Plain,
        }
    }

    /// The reader for unnamed bytes (standard input): Markdown if they open with YAML front
    /// matter (`---` on the first line), plain text otherwise.
    pub fn sniff(bytes: &[u8]) -> Format {
        let b = bytes.strip_prefix(decode::BOM.as_bytes()).unwrap_or(bytes);
        if b.starts_with(b"---\n") || b.starts_with(b"---\r\n") {
            Format::Markdown
        } else {
            Format::Plain
        }
    }
}

/// Reads one input into a document, choosing the reader by extension (standard input by
/// its first line).
pub fn load(input: &InputRef, opts: &LoadOptions) -> Loaded {
    load_with(input, None, opts)
}

/// Reads one input with the given reader, or the one [`load`] would choose.
pub fn load_with(input: &InputRef, format: Option<Format>, opts: &LoadOptions) -> Loaded {
    let path = input.display();
    let bytes = match read(input) {
        Ok(b) => b,
        Err(error) => return Loaded::Failed { path, error },
    };
    let format = format.unwrap_or_else(|| match input {
        InputRef::File(p) => Format::of_path(p),
        _ => Format::sniff(&bytes),
    });
    load_bytes(path, bytes, format, opts)
}

/// All the bytes of an input, or the error text.
pub fn read(input: &InputRef) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let res = match input {
        InputRef::File(p) => std::fs::File::open(p).and_then(|mut f| f.read_to_end(&mut bytes)),
        InputRef::Stdin => std::io::stdin().lock().read_to_end(&mut bytes),
        InputRef::Unreadable { error, .. } => return Err(error.clone()),
    };
    res.map(|_| bytes).map_err(|e| e.to_string())
}

/// Reads bytes already in memory, named `path`, with the given reader.
pub fn load_bytes(path: String, bytes: Vec<u8>, format: Format, opts: &LoadOptions) -> Loaded {
    match decode::decode(bytes) {
        Decoded::Skip(reason) => Loaded::Skipped { path, reason },
        Decoded::Text { source, warnings } => {
            let mut doc = match format {
                Format::Plain => plain::parse(path, source, opts),
                Format::Markdown => markdown::parse(path, source, opts),
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
    let (date, origin) = if let Some(d) = front_matter {
        (Some(d), DateOrigin::FrontMatter)
    } else if let Some(d) = dateline::find(&doc.text) {
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
