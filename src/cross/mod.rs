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
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub(crate) struct Mention {
    pub doc: u32,
    pub at: At,
}

/// Interned strings: each distinct key or name is stored once.
#[derive(Debug, Default, Clone)]
pub(crate) struct Strings {
    ids: HashMap<Arc<str>, u32>,
    all: Vec<Arc<str>>,
}

impl Strings {
    pub fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        self.push(Arc::from(s))
    }

    /// Interns a string already shared (no copy of it is made).
    fn intern_shared(&mut self, s: &Arc<str>) -> u32 {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        self.push(s.clone())
    }

    fn push(&mut self, s: Arc<str>) -> u32 {
        let id = u32::try_from(self.all.len()).unwrap_or(u32::MAX);
        self.all.push(s.clone());
        self.ids.insert(s, id);
        id
    }
    pub fn get(&self, id: u32) -> &str {
        self.all.get(id as usize).map_or("", |s| s)
    }

    fn len(&self) -> u32 {
        u32::try_from(self.all.len()).unwrap_or(u32::MAX)
    }
}

/// A row of a cross-source table: of one document, naming interned strings.
pub(crate) trait Row: Sized {
    /// The document it is of.
    fn doc(&self) -> u32;
    /// The row as of document `doc`, each string it names passed through `string` in the
    /// order the kind's `add` interns them.
    fn renumbered(&self, doc: u32, string: &mut impl FnMut(u32) -> u32) -> Self;
}

/// The table of a cross-source kind: its rows, each document's rows together and in the
/// order of its record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Rows<R> {
    rows: Vec<R>,
}

impl<R> Default for Rows<R> {
    fn default() -> Self {
        Rows { rows: Vec::new() }
    }
}

impl<R: Row> Rows<R> {
    pub fn push(&mut self, row: R) {
        self.rows.push(row);
    }

    pub fn iter(&self) -> std::slice::Iter<'_, R> {
        self.rows.iter()
    }

    /// Copies the rows `range` into `into` as rows of document `doc`, their strings
    /// re-interned through `s`.
    fn copy(&self, range: std::ops::Range<usize>, doc: u32, s: &mut Remap, into: &mut Rows<R>) {
        for r in self.rows.get(range).unwrap_or_default() {
            into.push(r.renumbered(doc, &mut |id| s.id(id)));
        }
    }

    /// Whether every document and string the rows name exists.
    fn valid(&self, docs: u32, strings: u32) -> bool {
        let mut ok = true;
        for r in &self.rows {
            let _ = r.renumbered(0, &mut |id| {
                ok &= id < strings;
                id
            });
            if !ok || r.doc() >= docs {
                return false;
            }
        }
        true
    }

    /// For each of `docs` documents, the range of its rows.
    fn ranges(&self, docs: usize) -> Vec<std::ops::Range<usize>> {
        let mut ranges = vec![0..0; docs];
        for (i, row) in self.rows.iter().enumerate() {
            if let Some(r) = ranges.get_mut(row.doc() as usize) {
                if r.start == r.end {
                    *r = i..i + 1;
                } else {
                    r.end = i + 1;
                }
            }
        }
        ranges
    }
}

/// Re-interns the strings of one index in another, for copying rows between them.
pub(crate) struct Remap<'a> {
    from: &'a [Arc<str>],
    to: &'a mut Strings,
}

impl Remap<'_> {
    /// The id in the other index of the string `id` names here.
    pub fn id(&mut self, id: u32) -> u32 {
        match self.from.get(id as usize) {
            Some(s) => self.to.intern_shared(s),
            None => self.to.intern(""),
        }
    }
}

#[derive(Debug, Clone)]
struct Doc {
    path: Arc<str>,
    date: Option<Date>,
    /// False once removed (its rows stay until the index is rebuilt by
    /// [`CrossIndex::canonical`]).
    alive: bool,
}

/// The format of [`CrossIndex::to_bytes`] (bumped whenever a table's rows change).
const STATE_FORMAT: u32 = 1;

/// What [`CrossIndex::to_bytes`] keeps: the documents, the strings and the tables' rows
/// (not the rules, which the reader brings).
#[derive(Serialize, Deserialize)]
struct State<'a> {
    format: u32,
    docs: Vec<(Cow<'a, str>, Option<Date>)>,
    strings: Vec<Cow<'a, str>>,
    organisations: Cow<'a, entity_variants::Table>,
    roles: Cow<'a, role_conflicts::Table>,
    figures: Cow<'a, figure_conflicts::Table>,
    quotes: Cow<'a, quote_conflicts::Table>,
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
///
/// Documents can be removed and replaced (an incremental audit), and the whole index kept as
/// bytes ([`CrossIndex::to_bytes`]) and read back; [`CrossIndex::canonical`] gives the index
/// exactly as if its live documents had been added afresh in path order.
#[derive(Debug, Default, Clone)]
pub struct CrossIndex {
    rules: Vec<CrossRule>,
    needs: Needs,
    docs: Vec<Doc>,
    /// The latest document added under each path.
    by_path: HashMap<Arc<str>, u32>,
    /// Documents removed (or replaced) since the index was built.
    removed: usize,
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
        let path: Arc<str> = Arc::from(rec.path);
        self.by_path.insert(path.clone(), doc);
        self.docs.push(Doc {
            path,
            date: rec.date,
            alive: true,
        });
    }

    /// Adds a document's record in place of the document of the same path, if any.
    pub fn replace(&mut self, rec: DocRecord) {
        self.remove(&rec.path);
        self.add(rec);
    }

    /// Removes the document of this path (the latest added); false when there is none.
    pub fn remove(&mut self, path: &str) -> bool {
        let Some(doc) = self.by_path.remove(path) else {
            return false;
        };
        if let Some(d) = self.docs.get_mut(doc as usize) {
            d.alive = false;
            self.removed += 1;
        }
        true
    }

    /// The number of documents in the index.
    pub fn len(&self) -> usize {
        self.docs.len() - self.removed
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The index as it would be had its documents (without the removed ones) been added in
    /// path order to a new index: the same document numbers, strings and rows, so the same
    /// findings in the same order.
    pub fn canonical(mut self) -> CrossIndex {
        // the old string table's map and path map are not needed: freed first
        let from = std::mem::take(&mut self.strings.all);
        self.strings = Strings::default();
        self.by_path = HashMap::new();
        let mut order: Vec<u32> = (0..self.docs.len())
            .filter(|&d| self.docs[d].alive)
            .filter_map(|d| u32::try_from(d).ok())
            .collect();
        order.sort_by(|&a, &b| {
            self.docs[a as usize]
                .path
                .cmp(&self.docs[b as usize].path)
                .then(a.cmp(&b))
        });
        let n = self.docs.len();
        let orgs = self.organisations.ranges(n);
        let roles = self.roles.ranges(n);
        let figures = self.figures.ranges(n);
        let quotes = self.quotes.ranges(n);
        let mut out = CrossIndex {
            rules: std::mem::take(&mut self.rules),
            needs: self.needs,
            ..CrossIndex::default()
        };
        for (new, &old) in order.iter().enumerate() {
            let Ok(doc) = u32::try_from(new) else { break };
            let o = old as usize;
            // the tables in the order `add` fills them, so strings get the same numbers
            let mut s = Remap {
                from: &from,
                to: &mut out.strings,
            };
            let into = &mut out.organisations;
            self.organisations.copy(orgs[o].clone(), doc, &mut s, into);
            self.roles
                .copy(roles[o].clone(), doc, &mut s, &mut out.roles);
            self.figures
                .copy(figures[o].clone(), doc, &mut s, &mut out.figures);
            self.quotes
                .copy(quotes[o].clone(), doc, &mut s, &mut out.quotes);
            let d = &self.docs[o];
            out.by_path.insert(d.path.clone(), doc);
            out.docs.push(Doc {
                path: d.path.clone(),
                date: d.date,
                alive: true,
            });
        }
        out
    }

    /// The index as bytes (of its canonical form), for [`CrossIndex::read_bytes`].
    pub fn to_bytes(&self) -> Vec<u8> {
        if self.removed > 0 {
            return self.clone().canonical().to_bytes();
        }
        let state = State {
            format: STATE_FORMAT,
            docs: self
                .docs
                .iter()
                .map(|d| (Cow::Borrowed(&*d.path), d.date))
                .collect(),
            strings: self
                .strings
                .all
                .iter()
                .map(|s| Cow::Borrowed(&**s))
                .collect(),
            organisations: Cow::Borrowed(&self.organisations),
            roles: Cow::Borrowed(&self.roles),
            figures: Cow::Borrowed(&self.figures),
            quotes: Cow::Borrowed(&self.quotes),
        };
        postcard::to_stdvec(&state).unwrap_or_default()
    }

    /// Fills this empty index (made for the same rules) with the documents of
    /// [`CrossIndex::to_bytes`]; an error when the bytes are not such an index.
    pub fn read_bytes(&mut self, bytes: &[u8]) -> Result<(), String> {
        let state: State = postcard::from_bytes(bytes).map_err(|e| e.to_string())?;
        if state.format != STATE_FORMAT {
            return Err(format!("format {} (expected {STATE_FORMAT})", state.format));
        }
        let docs = u32::try_from(state.docs.len()).map_err(|e| e.to_string())?;
        let mut strings = Strings::default();
        for s in &state.strings {
            strings.intern(s);
        }
        let n = strings.len();
        if usize::try_from(n).ok() != Some(state.strings.len())
            || !state.organisations.valid(docs, n)
            || !state.roles.valid(docs, n)
            || !state.figures.valid(docs, n)
            || !state.quotes.valid(docs, n)
        {
            return Err("inconsistent tables".into());
        }
        let mut by_path = HashMap::with_capacity(state.docs.len());
        let mut list = Vec::with_capacity(state.docs.len());
        for (i, (path, date)) in state.docs.into_iter().enumerate() {
            let path: Arc<str> = Arc::from(path.into_owned());
            // as `add`: the latest document of a path is the one `remove` takes out
            by_path.insert(path.clone(), i as u32);
            list.push(Doc {
                path,
                date,
                alive: true,
            });
        }
        self.docs = list;
        self.by_path = by_path;
        self.removed = 0;
        self.strings = strings;
        self.organisations = state.organisations.into_owned();
        self.roles = state.roles.into_owned();
        self.figures = state.figures.into_owned();
        self.quotes = state.quotes.into_owned();
        Ok(())
    }

    /// Every finding of every cross-source rule, sorted by path, position and rule.
    pub fn findings(&self) -> Vec<CrossFinding> {
        if self.removed > 0 {
            return self.clone().canonical().findings();
        }
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
        for f in &mut out {
            f.finding.on_one_line();
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
