//! The rule engine: rule packs are YAML data (`rules/*.yaml`, built in, plus the user's own);
//! each rule has a kind implemented in one file here. Rules read claims, never raw text.
//!
//! Loading is strict: an unknown key, a wrong type, an unknown kind, a parameter the kind
//! does not take, a template field the kind does not fill, a bad regex or a duplicate id is
//! an error naming the file, line and column and the rule; nothing runs on a half-loaded pack.
//! Every rule carries examples (`flag:` texts it must flag, `pass:` texts it must not), run by
//! `cargo test` and `factlint rules test`.

pub mod age;
pub mod change;
pub mod consistency;
pub mod conversion;
pub mod fraction;
pub mod ladder;
pub mod names;
pub mod parts;
pub mod rate;
pub mod substitution;
pub mod template;
pub mod unsourced;
pub mod weekday;

use crate::document::{Document, Span};
use crate::extract::Extraction;
use crate::findings::{Finding, Related, Severity};
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::HashSet;
use std::fmt;
use std::path::{Path, PathBuf};

/// The rule kinds, one file each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Rate,
    Change,
    Parts,
    Fraction,
    Conversion,
    Weekday,
    Age,
    Names,
    Consistency,
    Substitution,
    Unsourced,
    // cross-source kinds (run by `crate::cross::CrossIndex`, not per document)
    EntityVariants,
    RoleConflicts,
    FigureConflicts,
    QuoteConflicts,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Rate => "rate",
            Kind::Change => "change",
            Kind::Parts => "parts",
            Kind::Fraction => "fraction",
            Kind::Conversion => "conversion",
            Kind::Weekday => "weekday",
            Kind::Age => "age",
            Kind::Names => "names",
            Kind::Consistency => "consistency",
            Kind::Substitution => "substitution",
            Kind::Unsourced => "unsourced",
            Kind::EntityVariants => "entity_variants",
            Kind::RoleConflicts => "role_conflicts",
            Kind::FigureConflicts => "figure_conflicts",
            Kind::QuoteConflicts => "quote_conflicts",
        }
    }

    /// A cross-source kind: its rules compare documents and are run by
    /// [`crate::cross::CrossIndex`]; [`Registry::check`] skips them.
    pub fn is_cross(self) -> bool {
        matches!(
            self,
            Kind::EntityVariants
                | Kind::RoleConflicts
                | Kind::FigureConflicts
                | Kind::QuoteConflicts
        )
    }

    /// The parameters this kind takes (beyond the common keys).
    fn params(self) -> &'static [&'static str] {
        match self {
            Kind::Rate => rate::PARAMS,
            Kind::Change => change::PARAMS,
            Kind::Parts => parts::PARAMS,
            Kind::Fraction => fraction::PARAMS,
            Kind::Conversion => conversion::PARAMS,
            Kind::Weekday => weekday::PARAMS,
            Kind::Age => age::PARAMS,
            Kind::Names => names::PARAMS,
            Kind::Consistency => consistency::PARAMS,
            Kind::Substitution => substitution::PARAMS,
            Kind::Unsourced => unsourced::PARAMS,
            Kind::EntityVariants => crate::cross::entity_variants::PARAMS,
            Kind::RoleConflicts => crate::cross::role_conflicts::PARAMS,
            Kind::FigureConflicts => crate::cross::figure_conflicts::PARAMS,
            Kind::QuoteConflicts => crate::cross::quote_conflicts::PARAMS,
        }
    }

    /// The fields this kind fills in message templates.
    fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Rate => rate::FIELDS,
            Kind::Change => change::FIELDS,
            Kind::Parts => parts::FIELDS,
            Kind::Fraction => fraction::FIELDS,
            Kind::Conversion => conversion::FIELDS,
            Kind::Weekday => weekday::FIELDS,
            Kind::Age => age::FIELDS,
            Kind::Names => names::FIELDS,
            Kind::Consistency => consistency::FIELDS,
            Kind::Substitution => substitution::FIELDS,
            Kind::Unsourced => unsourced::FIELDS,
            Kind::EntityVariants => crate::cross::entity_variants::FIELDS,
            Kind::RoleConflicts => crate::cross::role_conflicts::FIELDS,
            Kind::FigureConflicts => crate::cross::figure_conflicts::FIELDS,
            Kind::QuoteConflicts => crate::cross::quote_conflicts::FIELDS,
        }
    }

    fn build(self, raw: &RawRule, base: &Path) -> Result<Box<dyn Check>, String> {
        match self {
            Kind::Rate => rate::build(raw),
            Kind::Change => change::build(raw),
            Kind::Parts => parts::build(raw),
            Kind::Fraction => fraction::build(raw),
            Kind::Conversion => conversion::build(raw),
            Kind::Weekday => weekday::build(raw),
            Kind::Age => age::build(raw),
            Kind::Names => names::build(raw, base),
            Kind::Consistency => consistency::build(raw),
            Kind::Substitution => substitution::build(raw),
            Kind::Unsourced => unsourced::build(raw),
            Kind::EntityVariants
            | Kind::RoleConflicts
            | Kind::FigureConflicts
            | Kind::QuoteConflicts => match crate::cross::build(raw, base)? {
                Some(c) => Ok(Box::new(c)),
                None => Err(format!("`{}` is not a cross-source kind", self.as_str())),
            },
        }
    }
}

/// Texts a rule must flag and texts it must pass.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub flag: Vec<String>,
    #[serde(default)]
    pub pass: Vec<String>,
}

/// One `substitution` entry: a word sequence (or a regex) and its replacement.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Swap {
    /// Words to find (case-insensitive, whole words), or a regex when `regex: true`.
    pub find: String,
    pub replace: String,
    #[serde(default)]
    pub regex: bool,
}

/// Where `unsourced` looks for a source: the sentence or its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    Sentence,
    Paragraph,
}

/// A rule as written in YAML: the common keys and every kind's parameters (each kind says
/// which it takes; giving another kind's parameter is an error).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: String,
    pub kind: Kind,
    pub severity: Severity,
    /// The message template, with `{field}` placeholders the kind fills.
    pub message: String,
    /// Why the rule matters, shown by `factlint explain`.
    pub description: String,
    #[serde(default)]
    pub examples: Examples,
    /// The document date the examples are read with (YYYY-MM-DD).
    pub date: Option<String>,
    // Arithmetic kinds.
    pub tolerance: Option<f64>,
    pub loose_ratio: Option<f64>,
    pub message_outside: Option<String>,
    pub message_loose: Option<String>,
    pub window: Option<usize>,
    // names
    pub gazetteer: Option<String>,
    pub lexicon: Option<String>,
    pub min_similarity: Option<f64>,
    pub flag_abbreviations: Option<bool>,
    // consistency
    pub pairs: Option<Vec<Vec<String>>>,
    pub compounds: Option<bool>,
    pub entities: Option<bool>,
    // substitution
    pub swaps: Option<Vec<Swap>>,
    // unsourced
    pub min_value: Option<f64>,
    pub scope: Option<Scope>,
    // cross-source kinds
    pub min_documents: Option<usize>,
    pub window_days: Option<u32>,
    pub min_length: Option<usize>,
}

impl RawRule {
    /// The parameters given in YAML (beyond the common keys), by name.
    fn given_params(&self) -> Vec<&'static str> {
        let mut v = Vec::new();
        macro_rules! given {
            ($($f:ident),*) => { $( if self.$f.is_some() { v.push(stringify!($f)); } )* };
        }
        given!(
            tolerance,
            loose_ratio,
            message_outside,
            message_loose,
            window,
            gazetteer,
            lexicon,
            min_similarity,
            flag_abbreviations,
            pairs,
            compounds,
            entities,
            swaps,
            min_value,
            scope,
            min_documents,
            window_days,
            min_length
        );
        v
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackFile {
    rules: Vec<RawRule>,
}

/// What a rule sees of one document.
pub struct RuleCx<'a> {
    pub doc: &'a Document,
    pub ex: &'a Extraction,
    pub rule: &'a Rule,
    /// The document's token shapes, computed by the first rule that reads them.
    token_shapes: &'a std::cell::OnceCell<substitution::TokenShapes>,
}

impl RuleCx<'_> {
    /// Every token's shape, shared by the rules that look words up by their first word.
    pub(crate) fn token_shapes(&self) -> &substitution::TokenShapes {
        self.token_shapes
            .get_or_init(|| substitution::TokenShapes::new(self.doc, self.ex))
    }

    /// A finding of this rule; `fields` fill the message template.
    pub fn finding(
        &self,
        severity: Severity,
        template: &str,
        fields: &[(&str, String)],
        span: Span,
    ) -> Finding {
        Finding {
            rule: self.rule.id.clone(),
            severity: severity.min(self.rule.severity),
            message: template::render(template, fields),
            span,
            suggestion: None,
            related: Vec::new(),
        }
    }

    /// The message template for a verdict of the ladder: the rule's `message` for a
    /// contradiction, `message_outside` for a figure outside the stated approximation,
    /// `message_loose` for a bound far looser than the figures allow; the kind's defaults
    /// where the rule sets none.
    pub fn template<'t>(
        &'t self,
        verdict: ladder::Verdict,
        default_outside: &'t str,
        default_loose: &'t str,
    ) -> &'t str {
        match verdict {
            ladder::Verdict::Contradicts | ladder::Verdict::Consistent => &self.rule.message,
            ladder::Verdict::Outside => self
                .rule
                .message_outside
                .as_deref()
                .unwrap_or(default_outside),
            ladder::Verdict::Loose => self.rule.message_loose.as_deref().unwrap_or(default_loose),
        }
    }

    /// A related place in this document.
    pub fn related(&self, span: Span, message: impl Into<String>) -> Related {
        Related {
            path: None,
            span,
            line: None,
            column: None,
            message: message.into(),
        }
    }
}

/// A rule kind's check over one document.
pub trait Check: Send + Sync {
    fn check(&self, cx: &RuleCx, out: &mut Vec<Finding>);
    /// The settings of a cross-source rule (whose per-document check does nothing).
    fn cross(&self) -> Option<&crate::cross::CrossCheck> {
        None
    }
}

/// A loaded rule.
pub struct Rule {
    pub id: String,
    pub kind: Kind,
    pub severity: Severity,
    pub message: String,
    pub message_outside: Option<String>,
    pub message_loose: Option<String>,
    pub description: String,
    pub examples: Examples,
    pub example_date: Option<Date>,
    /// The pack file it came from (`builtin:core.yaml` for built-in packs).
    pub origin: String,
    check: Box<dyn Check>,
}

impl Rule {
    /// The settings of a cross-source rule; `None` for a per-document one.
    pub fn cross(&self) -> Option<&crate::cross::CrossCheck> {
        self.check.cross()
    }

    /// The first sentence of the description.
    pub fn summary(&self) -> &str {
        let d = self.description.trim();
        let first = d.lines().next().unwrap_or("");
        match first.find(". ") {
            Some(i) => &first[..=i],
            None => first,
        }
    }
}

/// An error loading a rule pack: file, line, column, the rule, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub rule: Option<String>,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if let Some(r) = &self.rule {
            write!(f, "rule `{r}`: ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for LoadError {}

/// The built-in packs (`rules/<pack>/<kind>.yaml`), embedded at build time.
pub const BUILTIN_PACKS: &[(&str, &str)] = &[
    ("core/rate.yaml", include_str!("../../rules/core/rate.yaml")),
    (
        "core/change.yaml",
        include_str!("../../rules/core/change.yaml"),
    ),
    (
        "core/parts.yaml",
        include_str!("../../rules/core/parts.yaml"),
    ),
    (
        "core/fraction.yaml",
        include_str!("../../rules/core/fraction.yaml"),
    ),
    (
        "core/conversion.yaml",
        include_str!("../../rules/core/conversion.yaml"),
    ),
    (
        "core/weekday.yaml",
        include_str!("../../rules/core/weekday.yaml"),
    ),
    ("core/age.yaml", include_str!("../../rules/core/age.yaml")),
    (
        "core/unsourced.yaml",
        include_str!("../../rules/core/unsourced.yaml"),
    ),
    (
        "names/names.yaml",
        include_str!("../../rules/names/names.yaml"),
    ),
    (
        "style/substitution.yaml",
        include_str!("../../rules/style/substitution.yaml"),
    ),
    (
        "style/consistency.yaml",
        include_str!("../../rules/style/consistency.yaml"),
    ),
    (
        "cross/entity_variants.yaml",
        include_str!("../../rules/cross/entity_variants.yaml"),
    ),
    (
        "cross/role_conflicts.yaml",
        include_str!("../../rules/cross/role_conflicts.yaml"),
    ),
    (
        "cross/figure_conflicts.yaml",
        include_str!("../../rules/cross/figure_conflicts.yaml"),
    ),
    (
        "cross/quote_conflicts.yaml",
        include_str!("../../rules/cross/quote_conflicts.yaml"),
    ),
];

/// A set of loaded rules.
#[derive(Default)]
pub struct Registry {
    pub rules: Vec<Rule>,
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.rules.iter().map(|r| &r.id))
            .finish()
    }
}

/// The 1-based line and column of byte `offset` in `text`.
fn position(text: &str, offset: usize) -> (usize, usize) {
    crate::document::line_col(text, offset)
}

/// The id of the rule whose entry contains `line` (the nearest `id:` at or above it).
fn rule_at_line(text: &str, line: usize) -> Option<String> {
    text.lines()
        .take(line)
        .filter_map(|l| {
            let t = l.trim_start().trim_start_matches("- ").trim_start();
            t.strip_prefix("id:")
                .map(|v| v.trim().trim_matches(['"', '\'']).to_string())
        })
        .last()
}

/// The position of `key:` inside the `nth` entry (0-based) of rule `id` (for errors found
/// after parsing).
fn key_position(text: &str, id: &str, nth: usize, key: &str) -> (usize, usize) {
    let mut seen = 0;
    let mut in_rule = false;
    let mut offset = 0;
    let mut rule_pos = (1, 1);
    for l in text.split_inclusive('\n') {
        let t = l.trim_start().trim_start_matches("- ").trim_start();
        if let Some(v) = t.strip_prefix("id:") {
            if in_rule {
                break;
            }
            if v.trim().trim_matches(['"', '\'']) == id {
                if seen == nth {
                    in_rule = true;
                    rule_pos = position(text, offset + (l.len() - l.trim_start().len()));
                }
                seen += 1;
            }
        }
        if in_rule {
            if let Some(col) = l.find(&format!("{key}:")) {
                let before = &l[..col];
                if before.trim_start_matches([' ', '-']).is_empty() {
                    return position(text, offset + col);
                }
            }
        }
        offset += l.len();
    }
    rule_pos
}

impl Registry {
    /// The built-in packs.
    pub fn builtin() -> Result<Registry, LoadError> {
        let mut reg = Registry::default();
        for (name, text) in BUILTIN_PACKS {
            reg.add_pack(&format!("builtin:{name}"), text, Path::new("rules"))?;
        }
        Ok(reg)
    }

    /// Adds every `*.yaml`/`*.yml` pack of a directory (sorted by name).
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), LoadError> {
        let io = |e: std::io::Error| LoadError {
            file: dir.display().to_string(),
            line: 1,
            column: 1,
            rule: None,
            message: e.to_string(),
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(io)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        files.sort();
        for f in files {
            self.add_file(&f)?;
        }
        Ok(())
    }

    /// Adds one pack file.
    pub fn add_file(&mut self, file: &Path) -> Result<(), LoadError> {
        let name = file.display().to_string();
        let text = std::fs::read_to_string(file).map_err(|e| LoadError {
            file: name.clone(),
            line: 1,
            column: 1,
            rule: None,
            message: e.to_string(),
        })?;
        self.add_pack(&name, &text, file.parent().unwrap_or(Path::new(".")))
    }

    /// Parses and compiles one pack; on any error nothing of it is added.
    pub fn add_pack(&mut self, file: &str, text: &str, base: &Path) -> Result<(), LoadError> {
        let pack: PackFile = crate::yaml::from_str(text).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            LoadError {
                file: file.to_string(),
                line,
                column,
                rule: rule_at_line(text, line),
                message: e
                    .to_string()
                    .split(" at line ")
                    .next()
                    .unwrap_or_default()
                    .to_string(),
            }
        })?;
        let mut compiled = Vec::new();
        // ids loaded so far, so a pack of many rules loads in linear time
        let mut ids: HashSet<String> = self.rules.iter().map(|r| r.id.clone()).collect();
        for (n, raw) in pack.rules.iter().enumerate() {
            let err = |key: &str, message: String| {
                let nth = pack.rules[..n].iter().filter(|r| r.id == raw.id).count();
                let (line, column) = key_position(text, &raw.id, nth, key);
                LoadError {
                    file: file.to_string(),
                    line,
                    column,
                    rule: Some(raw.id.clone()),
                    message,
                }
            };
            if raw.id.is_empty()
                || !raw
                    .id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(err(
                    "id",
                    format!("the id {:?} must be letters, digits, '-' or '_'", raw.id),
                ));
            }
            if !ids.insert(raw.id.clone()) {
                return Err(err(
                    "id",
                    "a rule with this id is already loaded".to_string(),
                ));
            }
            for p in raw.given_params() {
                if !raw.kind.params().contains(&p) {
                    return Err(err(
                        p,
                        format!(
                            "`{p}` is not a parameter of kind `{}` (it takes: {})",
                            raw.kind.as_str(),
                            list(raw.kind.params())
                        ),
                    ));
                }
            }
            for (key, t) in [
                ("message", Some(&raw.message)),
                ("message_outside", raw.message_outside.as_ref()),
                ("message_loose", raw.message_loose.as_ref()),
            ] {
                if let Some(t) = t {
                    template::check(t, raw.kind.fields()).map_err(|m| err(key, m))?;
                }
            }
            let example_date = match &raw.date {
                None => None,
                Some(d) => Some(
                    d.parse::<Date>()
                        .map_err(|e| err("date", format!("bad date {d:?}: {e}")))?,
                ),
            };
            let check = raw
                .kind
                .build(raw, base)
                .map_err(|m| err(first_param(raw), m))?;
            compiled.push(Rule {
                id: raw.id.clone(),
                kind: raw.kind,
                severity: raw.severity,
                message: raw.message.clone(),
                message_outside: raw.message_outside.clone(),
                message_loose: raw.message_loose.clone(),
                description: raw.description.clone(),
                examples: raw.examples.clone(),
                example_date,
                origin: file.to_string(),
                check,
            });
        }
        self.rules.extend(compiled);
        Ok(())
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Runs every per-document rule on one document (cross-source rules are run by
    /// [`crate::cross::CrossIndex`]); findings sorted by position, then rule.
    pub fn check(&self, doc: &Document, ex: &Extraction) -> Vec<Finding> {
        self.check_rules(doc, ex, self.rules.iter().filter(|r| !r.kind.is_cross()))
    }

    /// Runs the given rules on one document.
    pub fn check_rules<'r>(
        &self,
        doc: &Document,
        ex: &Extraction,
        rules: impl Iterator<Item = &'r Rule>,
    ) -> Vec<Finding> {
        let mut out = Vec::new();
        let token_shapes = std::cell::OnceCell::new();
        for rule in rules {
            let cx = RuleCx {
                doc,
                ex,
                rule,
                token_shapes: &token_shapes,
            };
            rule.check.check(&cx, &mut out);
        }
        for f in &mut out {
            f.on_one_line();
        }
        out.sort_by(|a, b| {
            (a.span.start, a.span.end, &a.rule).cmp(&(b.span.start, b.span.end, &b.rule))
        });
        out.dedup();
        out
    }

    /// Runs every rule's examples: each `flag` text must raise the rule, each `pass` text
    /// must not. Returns one line per failure.
    pub fn test_examples(&self) -> Vec<String> {
        let mut failures = Vec::new();
        for rule in &self.rules {
            for (text, must_flag) in rule
                .examples
                .flag
                .iter()
                .map(|t| (t, true))
                .chain(rule.examples.pass.iter().map(|t| (t, false)))
            {
                // a cross-source example is several documents, separated by `---` lines
                let found: Vec<Finding> = if rule.kind.is_cross() {
                    crate::cross::example_findings(rule, text)
                        .into_iter()
                        .map(|c| c.finding)
                        .collect()
                } else {
                    let mut doc = Document::from_text(format!("{}#example", rule.id), text.clone());
                    doc.date = rule.example_date;
                    let ex = crate::extract::extract_all(&doc);
                    self.check_rules(&doc, &ex, std::iter::once(rule))
                };
                if must_flag && found.is_empty() {
                    failures.push(format!(
                        "{} ({}): does not flag {:?}",
                        rule.id, rule.origin, text
                    ));
                }
                if !must_flag && !found.is_empty() {
                    failures.push(format!(
                        "{} ({}): flags {:?}: {}",
                        rule.id, rule.origin, text, found[0].message
                    ));
                }
            }
            if rule.examples.flag.is_empty() {
                failures.push(format!(
                    "{} ({}): has no `flag` example",
                    rule.id, rule.origin
                ));
            }
        }
        failures
    }
}

fn list(items: &[&str]) -> String {
    if items.is_empty() {
        "no parameters".to_string()
    } else {
        items.join(", ")
    }
}

/// The first kind parameter given (where a build error is reported), else `kind`.
fn first_param(raw: &RawRule) -> &'static str {
    raw.given_params().first().copied().unwrap_or("kind")
}
