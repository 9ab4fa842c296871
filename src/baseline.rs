//! Baselines: the findings a project has accepted for now, so CI fails only on new ones.
//!
//! `--write-baseline FILE` records each finding as its path, its rule and a **fingerprint**:
//! a hash of the finding's own text and of its sentence, both with white space collapsed and
//! lower-cased. No line numbers or offsets go in, so a baseline survives edits elsewhere in
//! the file (a paragraph inserted above the finding, a re-wrapped line). Identical findings
//! (same path, rule and fingerprint) make one entry with a count. Paths are relative to the
//! baseline file's directory, with `/` separators, so the file can be committed and used
//! from any working directory; standard input is `-`.
//!
//! `--baseline FILE` drops each finding that matches an entry, as a multiset: an entry with
//! count 2 absorbs two such findings, a third is reported. Entries of checked files that
//! matched nothing are findings that no longer occur (fixed, or their sentence was edited):
//! they are counted in the closing line, and do not fail the run.
//!
//! The file (version 1), sorted by path, rule and fingerprint:
//!
//! ```json
//! {"version": 1, "findings": [{"path": "news/a.md", "rule": "house-style",
//!   "fingerprint": "5f0c9e1a2b3c4d5e", "text": "e-mail", "count": 2}]}
//! ```
//!
//! `text` is the finding's normalised text (cut at 80 characters), for people reviewing
//! the baseline; matching ignores it.

use crate::atomic::write_atomic;
use crate::document::{Document, Span};
use crate::extract::Extraction;
use crate::findings::Finding;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::{Component, Path, PathBuf};

/// The baseline file format version this build reads and writes.
pub const VERSION: u32 = 1;

/// Characters of a finding's text kept in an entry's `text`.
const TEXT_CHARS: usize = 80;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// One recorded finding (or `count` identical ones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    pub fingerprint: String,
    #[serde(default)]
    pub text: String,
    pub count: usize,
}

/// What identifies a finding in a baseline.
type Key = (String, String, String);

/// Collapses runs of white space to one space, trims, lower-cases.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// The prose of a span: the reader's prose view (markup and URLs blanked) where its offsets
/// are the original's, else the original text.
fn prose(doc: &Document, span: Span) -> &str {
    let text = if doc.map.is_identity() {
        &doc.text
    } else {
        &doc.source
    };
    text.get(span.start..span.end).unwrap_or("")
}

/// The span of the sentence holding `offset`, or of its line when no sentence does.
fn sentence_of(doc: &Document, ex: &Extraction, offset: usize) -> Span {
    let i = ex.sentences.partition_point(|s| s.span.start <= offset);
    if let Some(s) = i.checked_sub(1).and_then(|i| ex.sentences.get(i)) {
        if offset < s.span.end {
            return s.span;
        }
    }
    let src = doc.source.as_bytes();
    let offset = offset.min(src.len());
    let start = src[..offset]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let end = src[offset..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(src.len(), |i| offset + i);
    Span::new(start, end)
}

/// A finding's fingerprint (16 hex digits) and its normalised text.
pub fn fingerprint(doc: &Document, ex: &Extraction, f: &Finding) -> (String, String) {
    let text = normalise(prose(doc, f.span));
    let sentence = normalise(prose(doc, sentence_of(doc, ex, f.span.start)));
    let mut h = blake3::Hasher::new();
    h.update(text.as_bytes());
    h.update(b"\n");
    h.update(sentence.as_bytes());
    let hex = h.finalize().to_hex();
    (hex[..16].to_string(), text)
}

/// `path` made absolute and lexically normal (`.` dropped, `..` folded), without touching
/// the file system.
fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The directory paths in a baseline file are relative to.
fn base_dir(file: &Path) -> PathBuf {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => absolute(dir),
        _ => absolute(Path::new(".")),
    }
}

/// How a document's path is written in a baseline whose paths are relative to `base`.
fn entry_path(doc_path: &str, base: &Path) -> String {
    if doc_path == "-" {
        return "-".to_string();
    }
    let abs = absolute(Path::new(doc_path));
    let rel = match pathdiff::diff_paths(&abs, base) {
        Some(rel) if !rel.is_absolute() => rel,
        _ => return abs.display().to_string(),
    };
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    parts.join("/")
}

/// A loaded baseline, consumed as findings match it.
#[derive(Debug)]
pub struct Baseline {
    file: String,
    base: PathBuf,
    remaining: HashMap<Key, usize>,
    /// Paths (as in the file) of the documents checked so far.
    checked: HashSet<String>,
    /// Findings dropped because they match an entry.
    pub matched: usize,
}

impl Baseline {
    /// Reads a baseline file. Errors name the file, and the line and column for malformed
    /// JSON or a wrong field.
    pub fn load(file: &Path) -> Result<Baseline, String> {
        let name = file.display().to_string();
        let text = std::fs::read_to_string(file).map_err(|e| format!("{name}: {e}"))?;
        let parsed: BaselineFile = serde_json::from_str(&text).map_err(|e| {
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or_default();
            format!("{name}:{}:{}: {msg}", e.line(), e.column())
        })?;
        if parsed.version != VERSION {
            return Err(format!(
                "{name}: baseline version {} is not supported (this factlint reads version {VERSION})",
                parsed.version
            ));
        }
        let mut remaining = HashMap::new();
        for (i, e) in parsed.findings.into_iter().enumerate() {
            if e.count == 0 {
                return Err(format!(
                    "{name}: finding {} ({} in {}): count must be at least 1",
                    i + 1,
                    e.rule,
                    e.path
                ));
            }
            *remaining
                .entry((e.path, e.rule, e.fingerprint))
                .or_insert(0) += e.count;
        }
        Ok(Baseline {
            file: name,
            base: base_dir(file),
            remaining,
            checked: HashSet::new(),
            matched: 0,
        })
    }

    /// The findings of one document that the baseline does not hold.
    pub fn filter(
        &mut self,
        doc: &Document,
        ex: &Extraction,
        findings: Vec<Finding>,
    ) -> Vec<Finding> {
        let path = entry_path(&doc.path, &self.base);
        let mut kept = Vec::with_capacity(findings.len());
        for f in findings {
            let key = (path.clone(), f.rule.clone(), fingerprint(doc, ex, &f).0);
            match self.remaining.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    self.matched += 1;
                }
                _ => kept.push(f),
            }
        }
        self.checked.insert(path);
        kept
    }

    /// Baselined findings of the checked documents that matched nothing this run.
    pub fn no_longer_occur(&self) -> usize {
        self.remaining
            .iter()
            .filter(|((path, _, _), _)| self.checked.contains(path))
            .map(|(_, n)| n)
            .sum()
    }

    /// The closing line on standard error.
    pub fn summary(&self) -> String {
        let gone = self.no_longer_occur();
        let mut line = format!(
            "factlint: baseline {}: {} baselined",
            self.file,
            count(self.matched, "finding")
        );
        if gone > 0 {
            let verb = if gone == 1 { "occurs" } else { "occur" };
            line.push_str(&format!(
                "; {} no longer {verb} (refresh with --write-baseline)",
                count(gone, "baselined finding")
            ));
        }
        line
    }
}

/// Collects the findings of a run for `--write-baseline`.
#[derive(Debug)]
pub struct Recorder {
    file: PathBuf,
    base: PathBuf,
    entries: BTreeMap<Key, (String, usize)>,
    /// Findings recorded.
    pub findings: usize,
}

impl Recorder {
    pub fn new(file: &Path) -> Recorder {
        Recorder {
            file: file.to_path_buf(),
            base: base_dir(file),
            entries: BTreeMap::new(),
            findings: 0,
        }
    }

    /// Records the findings of one document.
    pub fn record(&mut self, doc: &Document, ex: &Extraction, findings: &[Finding]) {
        let path = entry_path(&doc.path, &self.base);
        for f in findings {
            let (fp, text) = fingerprint(doc, ex, f);
            let entry = self
                .entries
                .entry((path.clone(), f.rule.clone(), fp))
                .or_insert_with(|| (text.chars().take(TEXT_CHARS).collect(), 0));
            entry.1 += 1;
            self.findings += 1;
        }
    }

    /// The baseline file's contents (pretty JSON, one field a line, sorted).
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            version: VERSION,
            findings: self
                .entries
                .iter()
                .map(|((path, rule, fingerprint), (text, count))| Entry {
                    path: path.clone(),
                    rule: rule.clone(),
                    fingerprint: fingerprint.clone(),
                    text: text.clone(),
                    count: *count,
                })
                .collect(),
        };
        let mut json = serde_json::to_string_pretty(&file).unwrap_or_default();
        json.push('\n');
        json
    }

    /// Writes the baseline file atomically.
    pub fn write(&self) -> io::Result<()> {
        write_atomic(&self.file, self.to_json().as_bytes())
    }

    /// The closing line on standard error.
    pub fn summary(&self) -> String {
        format!(
            "factlint: wrote baseline {}: {} ({})",
            self.file.display(),
            count(self.findings, "finding"),
            count(self.entries.len(), "entry")
        )
    }
}

fn count(n: usize, word: &str) -> String {
    match (n, word.strip_suffix('y')) {
        (1, _) => format!("1 {word}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        _ => format!("{n} {word}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_white_space_and_case() {
        assert_eq!(
            normalise("  The  World\n\tBank \u{a0}x "),
            "the world bank x"
        );
        assert_eq!(normalise(""), "");
    }

    #[test]
    fn paths_are_relative_to_the_baseline_file() {
        let base = absolute(Path::new("ci"));
        assert_eq!(entry_path("news/a.md", &base), "../news/a.md");
        assert_eq!(entry_path("./ci/x/../b.txt", &base), "b.txt");
        assert_eq!(entry_path("-", &base), "-");
        assert_eq!(entry_path("a.md", &base_dir(Path::new("b.json"))), "a.md");
    }

    #[test]
    fn plurals() {
        assert_eq!(count(1, "entry"), "1 entry");
        assert_eq!(count(2, "entry"), "2 entries");
        assert_eq!(count(0, "finding"), "0 findings");
    }
}
