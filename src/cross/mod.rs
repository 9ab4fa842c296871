//! Cross-source rules: what only shows across documents. Each document is reduced to a
//! compact [`DocRecord`] (no text); a [`CrossIndex`] digests the records into one small table
//! per kind and runs the rules of the four cross-source kinds over them, one file each:
//! `entity_variants.rs`, `role_conflicts.rs`, `figure_conflicts.rs`, `quote_conflicts.rs`.
//!
//! The kinds are declared in the rule engine like the others (YAML packs, parameters,
//! message templates, examples); [`crate::rules::Registry::check`] skips them, the index runs
//! them. The index keeps no document text: per document its path and date, and per mention
//! interned keys and a place (byte span, line, column), so 100,000 documents take tens of MB.

pub mod entity_variants;
pub mod figure_conflicts;
pub mod quote_conflicts;
pub mod record;
pub mod role_conflicts;

pub use record::{DocRecord, Place};

use crate::findings::{Finding, Related, Severity};
use crate::input::{plain, LoadOptions};
use crate::rules::{template, Check, RawRule, Registry, Rule, RuleCx};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// A finding of a cross-source rule: the document it is reported in, with the line and
/// column of `finding.span` there (the document's text is not at hand when it is reported).
/// `finding.related` holds the other places, each with its path, line and column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CrossFinding {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub finding: Finding,
}

/// A cross-source rule's settings, by kind (built and validated when its pack loads).
#[derive(Debug, Clone)]
pub enum CrossCheck {
    EntityVariants(entity_variants::Params),
    RoleConflicts(role_conflicts::Params),
    FigureConflicts(figure_conflicts::Params),
    QuoteConflicts(quote_conflicts::Params),
}

/// The rule engine holds a cross-source rule as a check that does nothing per document.
impl Check for CrossCheck {
    fn check(&self, _cx: &RuleCx, _out: &mut Vec<Finding>) {}
    fn cross(&self) -> Option<&CrossCheck> {
        Some(self)
    }
}

/// What the index keeps of a cross-source rule.
#[derive(Debug, Clone)]
struct CrossRule {
    id: String,
    severity: Severity,
    message: String,
    check: CrossCheck,
}

/// At most this many related places per finding (the message gives the full count).
pub const MAX_RELATED: usize = 20;

/// A place, compactly (offsets and positions past 4 GiB saturate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct At {
    start: u32,
    end: u32,
    line: u32,
    column: u32,
}

impl From<&Place> for At {
    fn from(p: &Place) -> At {
        let c = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
        At {
            start: c(p.start),
            end: c(p.end.max(p.start)),
            line: c(p.line),
            column: c(p.column),
        }
    }
}

/// One mention: the document (its index in the index) and the place in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Mention {
    pub doc: u32,
    pub at: At,
}

/// Interned strings: each distinct key or name is stored once.
#[derive(Debug, Default)]
pub(crate) struct Strings {
    ids: HashMap<Arc<str>, u32>,
    all: Vec<Arc<str>>,
}

impl Strings {
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = u32::try_from(self.all.len()).unwrap_or(u32::MAX);
        let a: Arc<str> = Arc::from(s);
        self.all.push(a.clone());
        self.ids.insert(a, id);
        id
    }
    pub fn get(&self, id: u32) -> &str {
        self.all.get(id as usize).map_or("", |s| s)
    }
}

#[derive(Debug)]
struct Doc {
    path: Box<str>,
    date: Option<Date>,
}

/// Which tables the index fills (only those its rules read).
#[derive(Debug, Clone, Copy, Default)]
struct Needs {
    organisations: bool,
    roles: bool,
    figures: bool,
    /// The shortest quotation any quote rule looks at (normalised characters).
    quotes: Option<usize>,
}

/// The records of many documents and the cross-source rules to run over them.
#[derive(Debug, Default)]
pub struct CrossIndex {
    rules: Vec<CrossRule>,
    needs: Needs,
    docs: Vec<Doc>,
    strings: Strings,
    organisations: entity_variants::Table,
    roles: role_conflicts::Table,
    figures: figure_conflicts::Table,
    quotes: quote_conflicts::Table,
}

impl CrossIndex {
    /// An empty index running the cross-source rules of `registry`.
    pub fn new(registry: &Registry) -> CrossIndex {
        CrossIndex::with_rules(registry.rules.iter())
    }

    /// An empty index running the cross-source rules among `rules` (others are ignored).
    pub fn with_rules<'r>(rules: impl IntoIterator<Item = &'r Rule>) -> CrossIndex {
        let mut idx = CrossIndex::default();
        for r in rules {
            let Some(check) = r.cross() else { continue };
            match check {
                CrossCheck::EntityVariants(_) => idx.needs.organisations = true,
                CrossCheck::RoleConflicts(_) => idx.needs.roles = true,
                CrossCheck::FigureConflicts(_) => idx.needs.figures = true,
                CrossCheck::QuoteConflicts(p) => {
                    let min = idx
                        .needs
                        .quotes
                        .map_or(p.min_length, |m| m.min(p.min_length));
                    idx.needs.quotes = Some(min);
                }
            }
            idx.rules.push(CrossRule {
                id: r.id.clone(),
                severity: r.severity,
                message: r.message.clone(),
                check: check.clone(),
            });
        }
        idx
    }

    /// Whether any cross-source rule is loaded (else adding records is wasted work).
    pub fn has_rules(&self) -> bool {
        !self.rules.is_empty()
    }

    /// Adds one document's record: only what the loaded rules read is kept.
    pub fn add(&mut self, rec: DocRecord) {
        let Ok(doc) = u32::try_from(self.docs.len()) else {
            return;
        };
        if self.needs.organisations {
            self.organisations.add(doc, &rec, &mut self.strings);
        }
        if self.needs.roles {
            self.roles.add(doc, &rec, &mut self.strings);
        }
        if self.needs.figures {
            self.figures.add(doc, &rec, &mut self.strings);
        }
        if let Some(min) = self.needs.quotes {
            self.quotes.add(doc, &rec, min, &mut self.strings);
        }
        self.docs.push(Doc {
            path: rec.path.into_boxed_str(),
            date: rec.date,
        });
    }

    /// The number of documents added.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Every finding of every cross-source rule, sorted by path, position and rule.
    pub fn findings(&self) -> Vec<CrossFinding> {
        let mut out = Vec::new();
        for rule in &self.rules {
            let cx = CrossCx { index: self, rule };
            match &rule.check {
                CrossCheck::EntityVariants(p) => self.organisations.check(p, &cx, &mut out),
                CrossCheck::RoleConflicts(p) => self.roles.check(p, &cx, &mut out),
                CrossCheck::FigureConflicts(p) => self.figures.check(p, &cx, &mut out),
                CrossCheck::QuoteConflicts(p) => self.quotes.check(p, &cx, &mut out),
            }
        }
        out.sort_by(|a, b| {
            (
                &a.path,
                a.finding.span.start,
                a.finding.span.end,
                &a.finding.rule,
            )
                .cmp(&(
                    &b.path,
                    b.finding.span.start,
                    b.finding.span.end,
                    &b.finding.rule,
                ))
        });
        out.dedup();
        out
    }

    fn path(&self, doc: u32) -> &str {
        self.docs.get(doc as usize).map_or("", |d| &d.path)
    }

    fn date(&self, doc: u32) -> Option<Date> {
        self.docs.get(doc as usize).and_then(|d| d.date)
    }
}

/// What a cross-source kind sees while it checks: the index and the rule.
pub(crate) struct CrossCx<'a> {
    index: &'a CrossIndex,
    rule: &'a CrossRule,
}

impl CrossCx<'_> {
    pub fn strings(&self) -> &Strings {
        &self.index.strings
    }

    pub fn path(&self, doc: u32) -> &str {
        self.index.path(doc)
    }

    pub fn date(&self, doc: u32) -> Option<Date> {
        self.index.date(doc)
    }

    /// The order in which mentions are preferred as a reference: dated documents first,
    /// earliest first, then by path and place.
    pub fn order(&self, m: Mention) -> (bool, Option<Date>, &str, At) {
        let date = self.date(m.doc);
        (date.is_none(), date, self.path(m.doc), m.at)
    }

    /// A finding of this rule at `m`, its message the rule's template filled with `fields`.
    pub fn finding(&self, fields: &[(&str, String)], m: Mention) -> CrossFinding {
        CrossFinding {
            path: self.path(m.doc).to_string(),
            line: m.at.line as usize,
            column: m.at.column as usize,
            finding: Finding {
                rule: self.rule.id.clone(),
                severity: self.rule.severity,
                message: template::render(&self.rule.message, fields),
                span: span(m.at),
                suggestion: None,
                related: Vec::new(),
            },
        }
    }

    /// Another place, in its document.
    pub fn related(&self, m: Mention, message: impl Into<String>) -> Related {
        Related {
            path: Some(self.path(m.doc).to_string()),
            span: span(m.at),
            line: Some(m.at.line as usize),
            column: Some(m.at.column as usize),
            message: message.into(),
        }
    }
}

fn span(at: At) -> crate::document::Span {
    crate::document::Span::new(at.start as usize, at.end.max(at.start) as usize)
}

/// Builds the settings of a cross-source rule (`None` for a per-document kind).
pub fn build(raw: &RawRule, base: &Path) -> Result<Option<CrossCheck>, String> {
    use crate::rules::Kind;
    Ok(Some(match raw.kind {
        Kind::EntityVariants => CrossCheck::EntityVariants(entity_variants::build(raw, base)?),
        Kind::RoleConflicts => CrossCheck::RoleConflicts(role_conflicts::build(raw)?),
        Kind::FigureConflicts => CrossCheck::FigureConflicts(figure_conflicts::build(raw)?),
        Kind::QuoteConflicts => CrossCheck::QuoteConflicts(quote_conflicts::build(raw)?),
        _ => return Ok(None),
    }))
}

/// The documents of a cross-source example: its text split at lines that are exactly `---`,
/// each part read as a plain-text document (a dateline gives its date, else the rule's
/// `date`), named `<rule>#example/<n>`.
pub fn example_documents(rule: &Rule, text: &str) -> Vec<crate::document::Document> {
    let opts = LoadOptions {
        fallback_date: rule.example_date,
        ..LoadOptions::default()
    };
    let mut parts = vec![String::new()];
    for line in text.split_inclusive('\n') {
        if line.trim_end() == "---" {
            parts.push(String::new());
        } else if let Some(last) = parts.last_mut() {
            last.push_str(line);
        }
    }
    parts
        .into_iter()
        .filter(|p| !p.trim().is_empty())
        .enumerate()
        .map(|(n, p)| plain::parse(format!("{}#example/{}", rule.id, n + 1), p, &opts))
        .collect()
}

/// Runs one cross-source rule over the documents of one example text.
pub fn example_findings(rule: &Rule, text: &str) -> Vec<CrossFinding> {
    let mut idx = CrossIndex::with_rules(std::iter::once(rule));
    for doc in example_documents(rule, text) {
        let ex = crate::extract::extract_all(&doc);
        idx.add(DocRecord::from_document(&doc, &ex));
    }
    idx.findings()
}

/// Words that are not a person's name: pronouns and generic speakers.
pub(crate) fn is_generic_speaker(key: &str) -> bool {
    matches!(
        key,
        "he" | "she"
            | "they"
            | "we"
            | "i"
            | "it"
            | "you"
            | "one"
            | "officials"
            | "an official"
            | "a spokesperson"
            | "a spokesman"
            | "a spokeswoman"
            | "the spokesperson"
            | "spokesperson"
            | ""
    )
}
