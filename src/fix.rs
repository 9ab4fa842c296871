//! Fixes: applying the one replacement a finding suggests, where that is safe.
//!
//! A finding's `suggestion` replaces its `span` (original byte offsets). Which suggestions
//! `--fix` applies is decided in one place, [`is_safe_kind`], by rule kind:
//!
//! - **safe**: `names` (a misspelled or abbreviated organisation name → the gazetteer's or
//!   the name lexicon's spelling) and `substitution` (a house-style swap → its configured
//!   replacement). Both replace a word or a name with another spelling of the same thing.
//! - **not safe**, although some carry a suggestion: the arithmetic and calendar kinds (`rate`,
//!   `change`, `parts`, `fraction`, `conversion`, `weekday`, `age`) — the suggestion assumes
//!   the other figure or the date is the right one, which a person must judge — and
//!   `consistency`, whose preferred spelling is the first or most frequent one, not
//!   necessarily the correct one. `unsourced` has nothing to replace.
//!
//! Fixes are applied to the input's own bytes, each only where those bytes still read what
//! the finding's span read; overlapping fixes are skipped (the leftmost wins), bytes outside
//! every span are copied unchanged. After each round the text is read and checked again, and
//! rounds repeat until no safe fix is left (at most [`MAX_ROUNDS`]), so fixing a fixed text
//! changes nothing. Only plain-text and Markdown files (and standard input) are edited.

use crate::atomic::write_atomic;
use crate::document::{Document, Span};
use crate::extract::Extraction;
use crate::findings::Finding;
use crate::input::{self, Format, LoadOptions, Loaded};
use crate::rules::{Kind, Registry};
use std::io::{self, Write};
use std::path::Path;

/// Whether `--fix` applies the suggestions of rules of this kind (see the module docs).
pub fn is_safe_kind(kind: Kind) -> bool {
    match kind {
        Kind::Names | Kind::Substitution => true,
        Kind::Consistency => false,
        Kind::Rate
        | Kind::Change
        | Kind::Parts
        | Kind::Fraction
        | Kind::Conversion
        | Kind::Weekday
        | Kind::Age
        | Kind::Unsourced => false,
        // cross-source findings are not made per document, so never fixed by `check --fix`
        Kind::EntityVariants
        | Kind::RoleConflicts
        | Kind::FigureConflicts
        | Kind::QuoteConflicts => false,
    }
}

/// Rounds of fix-and-recheck before giving up on reaching a text with no safe fix left.
pub const MAX_ROUNDS: usize = 10;

/// One replacement: the bytes of `span` (which read `original`) become `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub span: Span,
    pub original: String,
    pub replacement: String,
    pub rule: String,
}

/// The safe fixes among `findings` of `doc`: findings of a rule of a safe kind with a
/// suggestion that differs from the text of their span.
pub fn safe_fixes(registry: &Registry, doc: &Document, findings: &[Finding]) -> Vec<Fix> {
    findings
        .iter()
        .filter(|f| {
            registry
                .get(&f.rule)
                .is_some_and(|rule| is_safe_kind(rule.kind))
        })
        .filter_map(|f| {
            let replacement = f.suggestion.as_ref()?;
            let original = doc.source.get(f.span.start..f.span.end)?;
            (original != replacement).then(|| Fix {
                span: f.span,
                original: original.to_string(),
                replacement: replacement.clone(),
                rule: f.rule.clone(),
            })
        })
        .collect()
}

/// The result of [`apply`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub bytes: Vec<u8>,
    /// Fixes applied.
    pub applied: usize,
    /// Fixes skipped: overlapping an applied one, or their span no longer reads `original`.
    pub skipped: usize,
}

/// Applies `fixes` to `bytes`. Spans are offsets of `bytes`, so the order fixes are given in
/// does not matter: they are sorted, a fix overlapping one further left is skipped, two
/// identical fixes count once, and a fix whose span does not read its `original` (or lies
/// outside `bytes`) is skipped. Bytes outside the applied spans are copied unchanged. Linear
/// in the size of the input and the replacements.
pub fn apply(bytes: &[u8], fixes: &[Fix]) -> Applied {
    let mut sorted: Vec<&Fix> = fixes.iter().collect();
    sorted.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.replacement).cmp(&(b.span.start, b.span.end, &b.replacement))
    });
    sorted.dedup_by(|b, a| a.span == b.span && a.replacement == b.replacement);
    let mut out = Vec::with_capacity(bytes.len());
    let mut copied = 0;
    let (mut applied, mut skipped) = (0, 0);
    for fix in sorted {
        let Span { start, end } = fix.span;
        let reads = bytes.get(start..end) == Some(fix.original.as_bytes());
        if start < copied || !reads {
            skipped += 1;
            continue;
        }
        out.extend_from_slice(&bytes[copied..start]);
        out.extend_from_slice(fix.replacement.as_bytes());
        copied = end;
        applied += 1;
    }
    out.extend_from_slice(&bytes[copied.min(bytes.len())..]);
    Applied {
        bytes: out,
        applied,
        skipped,
    }
}

/// One checked document: the document, its extraction and its findings.
#[derive(Debug, Clone)]
pub struct Checked {
    pub doc: Document,
    pub ex: Extraction,
    pub findings: Vec<Finding>,
}

/// A document after fixing.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The fixed text, read and checked again.
    pub checked: Checked,
    /// The fixed bytes.
    pub bytes: Vec<u8>,
    /// Fixes applied over all rounds.
    pub applied: usize,
    /// False when safe fixes were still left after [`MAX_ROUNDS`] rounds.
    pub converged: bool,
}

/// Fixes a checked document until no safe fix is left: applies the safe fixes to `original`
/// (the input's bytes, which `first.doc` was read from), reads the result with `format`
/// and `opts`, checks it with `check`, and repeats. `None` when there was nothing to fix.
pub fn fix(
    first: &Checked,
    original: &[u8],
    format: Format,
    opts: &LoadOptions,
    registry: &Registry,
    check: &mut dyn FnMut(&mut Document) -> (Extraction, Vec<Finding>),
) -> Option<Fixed> {
    let mut result: Option<Fixed> = None;
    for _ in 0..MAX_ROUNDS {
        let (current, bytes) = match &result {
            Some(f) => (&f.checked, f.bytes.as_slice()),
            None => (first, original),
        };
        let fixes = safe_fixes(registry, &current.doc, &current.findings);
        if fixes.is_empty() {
            return result.map(|f| Fixed {
                converged: true,
                ..f
            });
        }
        let step = apply(bytes, &fixes);
        if step.applied == 0 {
            // every fix is stale (the bytes do not read what was checked): stop here
            return result;
        }
        let path = current.doc.path.clone();
        let Loaded::Document(mut doc) = input::load_bytes(path, step.bytes.clone(), format, opts)
        else {
            // the fixed text no longer reads as a document (it cannot become empty or
            // binary by replacing words with words, but never write what we cannot read)
            return result;
        };
        let (ex, findings) = check(&mut doc);
        let applied = result.as_ref().map_or(0, |f| f.applied) + step.applied;
        result = Some(Fixed {
            checked: Checked {
                doc: *doc,
                ex,
                findings,
            },
            bytes: step.bytes,
            applied,
            converged: false,
        });
    }
    let converged = result
        .as_ref()
        .is_some_and(|f| safe_fixes(registry, &f.checked.doc, &f.checked.findings).is_empty());
    result.map(|f| Fixed { converged, ..f })
}

/// Reads `text` as the input `path` (its extension picks the reader) and fixes it with the
/// rules of `registry` alone: the text with every safe fix applied (the same text when
/// there is nothing to fix or it is not a document).
pub fn fix_text(registry: &Registry, path: &str, text: &str, opts: &LoadOptions) -> String {
    let format = Format::of_path(Path::new(path));
    let Loaded::Document(mut doc) =
        input::load_bytes(path.to_string(), text.as_bytes().to_vec(), format, opts)
    else {
        return text.to_string();
    };
    let mut check = |d: &mut Document| {
        let ex = crate::extract_all(d);
        let findings = registry.check(d, &ex);
        (ex, findings)
    };
    let (ex, findings) = check(&mut doc);
    let first = Checked {
        doc: *doc,
        ex,
        findings,
    };
    match fix(&first, text.as_bytes(), format, opts, registry, &mut check) {
        Some(f) => String::from_utf8_lossy(&f.bytes).into_owned(),
        None => text.to_string(),
    }
}

/// A unified diff (`--- a/PATH`, `+++ b/PATH`, three lines of context) from `old` to `new`;
/// empty when they are equal.
pub fn unified_diff(path: &str, old: &[u8], new: &[u8]) -> String {
    if old == new {
        return String::new();
    }
    let old = String::from_utf8_lossy(old);
    let new = String::from_utf8_lossy(new);
    similar::TextDiff::from_lines(old.as_ref(), new.as_ref())
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// What `check` does with the fixes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `--fix`: write each fixed file (atomically); standard input's fixed text goes to
    /// standard output.
    Write,
    /// `--diff`: print a unified diff of the fixes, write nothing.
    Diff,
}

/// Fixes every document of a `check` run and keeps the counts for the closing line.
pub struct Fixer {
    pub mode: Mode,
    opts: LoadOptions,
    /// Fixes applied (or, with `--diff`, that would be).
    pub fixes: usize,
    /// Files changed (or that would be).
    pub files: usize,
    /// Files whose fixes could not be written.
    pub errors: usize,
}

impl Fixer {
    pub fn new(mode: Mode, opts: LoadOptions) -> Fixer {
        Fixer {
            mode,
            opts,
            fixes: 0,
            files: 0,
            errors: 0,
        }
    }

    /// Fixes one checked document and returns what to report: with `--fix`, the findings
    /// that remain in the fixed text (those of the original when writing failed); with
    /// `--diff`, the document as it was, after printing its diff to `diff_out`.
    ///
    /// A file is re-read for its bytes (so bytes the reader repaired are kept as they are);
    /// standard input's bytes are its repaired text, and with `--fix` its (fixed or
    /// unchanged) text is printed to standard output.
    pub fn document(
        &mut self,
        first: Checked,
        registry: &Registry,
        check: &mut dyn FnMut(&mut Document) -> (Extraction, Vec<Finding>),
        diff_out: &mut dyn Write,
    ) -> io::Result<Checked> {
        let path = first.doc.path.clone();
        let stdin = path == "-";
        let format = if stdin {
            Format::sniff(first.doc.source.as_bytes())
        } else {
            Format::of_path(Path::new(&path))
        };
        if !editable(&path, format) {
            if !safe_fixes(registry, &first.doc, &first.findings).is_empty() {
                eprintln!(
                    "factlint: note: {path}: only plain-text and Markdown files are fixed; not fixed"
                );
            }
            if stdin && self.mode == Mode::Write {
                let mut stdout = io::stdout().lock();
                stdout.write_all(first.doc.source.as_bytes())?;
                stdout.flush()?;
            }
            return Ok(first);
        }
        let original = if stdin {
            first.doc.source.as_bytes().to_vec()
        } else {
            match std::fs::read(&path) {
                Ok(b) if b.len() == first.doc.source.len() => b,
                Ok(b) if b.starts_with(&[0xFF, 0xFE]) || b.starts_with(&[0xFE, 0xFF]) => {
                    // read transcoded: the file's bytes are not the text's
                    if !safe_fixes(registry, &first.doc, &first.findings).is_empty() {
                        eprintln!(
                            "factlint: note: {path}: UTF-16 files are checked but not fixed (--fix rewrites UTF-8 and single-byte text only)"
                        );
                    }
                    return Ok(first);
                }
                Ok(_) => {
                    eprintln!("factlint: error: {path}: changed while being checked; not fixed");
                    self.errors += 1;
                    return Ok(first);
                }
                Err(e) => {
                    eprintln!("factlint: error: {path}: {e}; not fixed");
                    self.errors += 1;
                    return Ok(first);
                }
            }
        };
        let fixed = fix(&first, &original, format, &self.opts, registry, check);
        if let Some(f) = &fixed {
            if !f.converged {
                eprintln!("factlint: warning: {path}: fixes still left after {MAX_ROUNDS} rounds");
            }
        }
        match self.mode {
            Mode::Diff => {
                if let Some(f) = &fixed {
                    self.count(f.applied);
                    diff_out.write_all(unified_diff(&path, &original, &f.bytes).as_bytes())?;
                }
                Ok(first)
            }
            Mode::Write if stdin => {
                let bytes = fixed.as_ref().map_or(original.as_slice(), |f| &f.bytes);
                let mut stdout = io::stdout().lock();
                stdout.write_all(bytes)?;
                stdout.flush()?;
                match fixed {
                    Some(f) => {
                        self.count(f.applied);
                        eprintln!("factlint: -: fixed {}", plural(f.applied, "finding"));
                        Ok(f.checked)
                    }
                    None => Ok(first),
                }
            }
            Mode::Write => {
                let Some(f) = fixed else {
                    return Ok(first);
                };
                if through_link(Path::new(&path)) {
                    eprintln!(
                        "factlint: warning: {path}: reached through a symbolic link; not fixed \
                         (name the file it points to, to fix it there)"
                    );
                    return Ok(first);
                }
                match write_atomic(Path::new(&path), &f.bytes) {
                    Ok(()) => {
                        self.count(f.applied);
                        eprintln!("factlint: {path}: fixed {}", plural(f.applied, "finding"));
                        Ok(f.checked)
                    }
                    Err(e) => {
                        eprintln!("factlint: error: {path}: writing the fixes: {e}");
                        self.errors += 1;
                        Ok(first)
                    }
                }
            }
        }
    }

    fn count(&mut self, applied: usize) {
        self.fixes += applied;
        self.files += 1;
    }

    /// The closing line on standard error.
    pub fn summary(&self) -> String {
        let what = match self.mode {
            Mode::Write => "fixed",
            Mode::Diff => "would fix",
        };
        format!(
            "factlint: {what} {} in {}",
            plural(self.fixes, "finding"),
            plural(self.files, "file")
        )
    }
}

/// Whether `--fix` may edit this input: standard input or an uncompressed regular file, read
/// as plain text or Markdown (an HTML page would need its replacements escaped; a record of
/// a JSON Lines or WARC file, or a compressed file, is not a file of its own).
fn editable(path: &str, format: Format) -> bool {
    let text = matches!(format, Format::Plain | Format::Markdown);
    text && (path == "-"
        || (Path::new(path).is_file() && !path.to_ascii_lowercase().ends_with(".gz")))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Whether `path`, or a directory on its way, is a symbolic link: `--fix` writes only files
/// inside the paths the user named, never where a link points. (The path made absolute and
/// cleaned of `.` and `..` by its text differs from the one the file system resolves exactly
/// when a link lies on the way.)
fn through_link(path: &Path) -> bool {
    use std::path::Component;
    let Ok(abs) = std::path::absolute(path) else {
        return true;
    };
    let mut lexical = std::path::PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            c => lexical.push(c),
        }
    }
    std::fs::canonicalize(path).map_or(true, |real| real != lexical)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mk(start: usize, end: usize, original: &str, replacement: &str) -> Fix {
        Fix {
            span: Span::new(start, end),
            original: original.into(),
            replacement: replacement.into(),
            rule: "r".into(),
        }
    }

    #[test]
    fn applies_in_any_order_and_skips_overlaps_and_stale_spans() {
        let text = b"alot of e-mail and a web site";
        let fixes = [
            mk(21, 29, "web site", "website"),
            mk(0, 4, "alot", "a lot"),
            mk(8, 14, "e-mail", "email"),
            mk(8, 14, "e-mail", "email"),    // the same fix twice: once
            mk(10, 16, "mail a", "x"),       // overlaps the one at 8
            mk(15, 18, "but", "or"),         // stale: bytes 15..18 read "and"
            mk(40, 45, "beyond", "the end"), // outside the text
        ];
        let a = apply(text, &fixes);
        assert_eq!(
            String::from_utf8(a.bytes).unwrap(),
            "a lot of email and a website"
        );
        assert_eq!((a.applied, a.skipped), (3, 3));
    }

    #[test]
    fn nothing_to_apply_copies_the_input() {
        let text = "caf\u{e9} \u{ff}".as_bytes();
        let a = apply(text, &[]);
        assert_eq!(a.bytes, text);
        assert_eq!(a.applied, 0);
    }

    #[test]
    fn every_kind_has_a_decision() {
        assert!(is_safe_kind(Kind::Names));
        assert!(is_safe_kind(Kind::Substitution));
        for k in [
            Kind::Rate,
            Kind::Weekday,
            Kind::Conversion,
            Kind::Consistency,
        ] {
            assert!(!is_safe_kind(k), "{k:?}");
        }
    }

    #[test]
    fn diff_has_git_style_headers() {
        let d = unified_diff("a.md", b"one\ntwo\n", b"one\n2\n");
        assert!(d.starts_with("--- a/a.md\n+++ b/a.md\n@@"), "{d}");
        assert!(d.contains("-two\n+2\n"), "{d}");
        assert_eq!(unified_diff("a.md", b"same", b"same"), "");
    }
}
