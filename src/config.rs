//! Configuration files (`factlint.yaml` / `.factlint.yaml`): which rules run, at what
//! severity, which spellings are accepted, per-glob overrides, the failing severity and the
//! document date fallback.
//!
//! A document is governed by the closest configuration file found by walking up from its
//! directory (no merging with configurations further up), unless `--config FILE` names one
//! for every document or `--isolated` ignores them all.

use crate::findings::{Finding, Severity};
use crate::rules::{Kind, LoadError, Registry, Rule};
use globset::{Glob, GlobSet, GlobSetBuilder};
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The file names searched for, in order of preference within one directory.
pub const FILE_NAMES: [&str; 2] = ["factlint.yaml", ".factlint.yaml"];

/// The commented starter configuration `factlint init` writes.
pub const STARTER: &str = include_str!("config_starter.yaml");

/// A configuration error: file, line, column, message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for ConfigError {}

impl From<LoadError> for ConfigError {
    fn from(e: LoadError) -> ConfigError {
        let message = match &e.rule {
            Some(r) => format!("rule `{r}`: {}", e.message),
            None => e.message,
        };
        ConfigError {
            file: e.file,
            line: e.line,
            column: e.column,
            message,
        }
    }
}

/// Rule selection and severities, at the top level or in an override (the same keys are
/// spelled out in both structs below, because `serde(flatten)` would lose the position of
/// an unknown key).
struct RawSelection<'a> {
    /// Rule ids or pack names (`core`, `names`, `style`, a rule directory's name) or `all`.
    disable: &'a [String],
    /// Applied after `disable`: turns rules back on.
    enable: &'a [String],
    /// Rule id → severity.
    severity: &'a BTreeMap<String, Severity>,
    /// Spellings that are accepted as written (never flagged by spelling rules).
    vocabulary: &'a [String],
    /// The document date when a document states none.
    date: Option<&'a str>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawOverride {
    files: Vec<String>,
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    enable: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    vocabulary: Vec<String>,
    #[serde(default)]
    date: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    #[serde(default)]
    disable: Vec<String>,
    #[serde(default)]
    enable: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
    #[serde(default)]
    vocabulary: Vec<String>,
    #[serde(default)]
    date: Option<String>,
    /// Extra rule directories or pack files, relative to the configuration file.
    #[serde(default)]
    rules: Vec<PathBuf>,
    /// The lowest severity that makes the run fail.
    #[serde(default)]
    fail_on: Option<Severity>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

/// A resolved selection: which rule indices are switched on or off, severities, vocabulary.
#[derive(Debug, Default, Clone)]
struct Selection {
    /// (rule index, on?) in the order written: later entries win.
    switches: Vec<(usize, bool)>,
    /// The same for rules built into factlint rather than loaded (`unused-suppression`).
    builtin_switches: Vec<(&'static str, bool)>,
    /// Rule id → severity, loaded and built-in rules alike.
    severity: Vec<(String, Severity)>,
    vocabulary: Vec<String>,
    date: Option<Date>,
}

#[derive(Debug)]
struct Override {
    globs: GlobSet,
    selection: Selection,
}

/// A loaded configuration with the rules it runs.
pub struct Config {
    /// The file it came from (`None`: the defaults).
    pub path: Option<PathBuf>,
    /// The directory override globs are relative to.
    dir: PathBuf,
    pub registry: Registry,
    pub fail_on: Option<Severity>,
    base: Selection,
    overrides: Vec<Override>,
}

/// What governs one document: the rules to run and how to adjust their findings.
pub struct Settings<'c> {
    pub config: &'c Config,
    enabled: Vec<bool>,
    builtin_off: HashSet<&'static str>,
    severity: HashMap<&'c str, Severity>,
    vocabulary: HashSet<String>,
    pub date: Option<Date>,
}

impl Settings<'_> {
    /// The rules switched on for this document.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.config
            .registry
            .rules
            .iter()
            .zip(&self.enabled)
            .filter(|(_, on)| **on)
            .map(|(r, _)| r)
    }

    /// The severity of the registry's rule number `i` here; `None` when it is switched off.
    pub fn severity_of(&self, i: usize) -> Option<Severity> {
        let rule = self.config.registry.rules.get(i)?;
        self.enabled.get(i).copied().unwrap_or(false).then(|| {
            self.severity
                .get(rule.id.as_str())
                .copied()
                .unwrap_or(rule.severity)
        })
    }

    /// An empty cross-source index running the cross-source rules switched on here.
    pub fn cross_index(&self) -> crate::cross::CrossIndex {
        crate::cross::CrossIndex::with_rules(self.rules())
    }

    /// Applies severity overrides to cross-source findings.
    pub fn adjust_cross(&self, findings: &mut [crate::cross::CrossFinding]) {
        for f in findings {
            if let Some(s) = self.severity.get(f.finding.rule.as_str()) {
                f.finding.severity = *s;
            }
        }
    }

    /// Whether a rule id is known to this document's registry.
    pub fn knows(&self, rule: &str) -> bool {
        self.config.registry.get(rule).is_some()
    }

    /// Applies severity overrides, drops the findings of built-in rules switched off and
    /// spelling findings on accepted spellings.
    pub fn adjust(&self, findings: &mut Vec<Finding>, original: impl Fn(&Finding) -> String) {
        findings.retain(|f| !self.builtin_off.contains(f.rule.as_str()));
        findings.retain(|f| {
            let spelling = self.config.registry.get(&f.rule).is_some_and(|r| {
                matches!(r.kind, Kind::Names | Kind::Substitution | Kind::Consistency)
            });
            !(spelling
                && !self.vocabulary.is_empty()
                && self.vocabulary.contains(&normalise(&original(f))))
        });
        for f in findings.iter_mut() {
            if let Some(s) = self.severity.get(f.rule.as_str()) {
                f.severity = *s;
            }
        }
    }
}

/// Vocabulary entries compare case-insensitively with white space collapsed.
fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The 1-based line and column of the first whole-word occurrence of `needle` in `text`
/// (for errors found after parsing); (1, 1) when it cannot be found.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let mut from = 0;
    while let Some(i) = text[from..].find(needle).map(|i| i + from) {
        let before = text[..i].chars().next_back();
        let after = text[i + needle.len()..].chars().next();
        if !before.is_some_and(is_word) && !after.is_some_and(is_word) {
            return crate::document::line_col(text, i);
        }
        from = i + needle.len().max(1);
    }
    (1, 1)
}

impl Config {
    /// The defaults: every rule on, built-in packs plus `extra_rules`.
    pub fn defaults(extra_rules: &[PathBuf]) -> Result<Config, ConfigError> {
        Ok(Config {
            path: None,
            dir: PathBuf::from("."),
            registry: registry(extra_rules, &[])?,
            fail_on: None,
            base: Selection::default(),
            overrides: Vec::new(),
        })
    }

    /// Reads and validates a configuration file; `extra_rules` are the command line's.
    pub fn load(path: &Path, extra_rules: &[PathBuf]) -> Result<Config, ConfigError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
            file: file.clone(),
            line: 1,
            column: 1,
            message: format!("cannot read: {e}"),
        })?;
        Config::parse(path, &text, extra_rules)
    }

    /// Parses a configuration's text (`path` names it in errors and anchors relative paths).
    pub fn parse(path: &Path, text: &str, extra_rules: &[PathBuf]) -> Result<Config, ConfigError> {
        let file = path.display().to_string();
        let err_at = |(line, column): (usize, usize), message: String| ConfigError {
            file: file.clone(),
            line,
            column,
            message,
        };
        let raw: RawConfig = if text.trim().is_empty() {
            RawConfig::default()
        } else {
            crate::yaml::from_str(text).map_err(|e| {
                let pos = e.location().map_or((1, 1), |l| (l.line(), l.column()));
                // the position is given once, in front
                let msg = e.to_string();
                let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
                err_at(pos, msg)
            })?
        };
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        let local: Vec<PathBuf> = raw.rules.iter().map(|r| dir.join(r)).collect();
        for (given, full) in raw.rules.iter().zip(&local) {
            if !full.exists() {
                return Err(err_at(
                    locate(text, &given.display().to_string()),
                    format!("rules: {} does not exist", full.display()),
                ));
            }
        }
        let registry = registry(extra_rules, &local)?;
        let resolve = |sel: &RawSelection| -> Result<Selection, ConfigError> {
            let mut out = Selection::default();
            for (names, on) in [(sel.disable, false), (sel.enable, true)] {
                for name in names {
                    let builtin = crate::suppress::BUILTIN_RULES
                        .iter()
                        .filter(|b| name == "all" || b.id == name);
                    out.builtin_switches.extend(builtin.map(|b| (b.id, on)));
                    let hits = select(&registry, name);
                    if hits.is_empty() && crate::suppress::builtin_rule(name).is_none() {
                        return Err(err_at(
                            locate(text, name),
                            format!("unknown rule or pack `{name}` (see `factlint rules list`)"),
                        ));
                    }
                    out.switches.extend(hits.into_iter().map(|i| (i, on)));
                }
            }
            for (id, sev) in sel.severity {
                let known =
                    registry.get(id).is_some() || crate::suppress::builtin_rule(id).is_some();
                if !known {
                    return Err(err_at(
                        locate(text, id),
                        format!("severity: unknown rule `{id}` (see `factlint rules list`)"),
                    ));
                };
                out.severity.push((id.clone(), *sev));
            }
            out.vocabulary = sel.vocabulary.iter().map(|v| normalise(v)).collect();
            if let Some(d) = sel.date {
                out.date = Some(
                    d.parse::<Date>()
                        .map_err(|e| err_at(locate(text, d), format!("date {d:?}: {e}")))?,
                );
            }
            Ok(out)
        };
        let base = resolve(&RawSelection {
            disable: &raw.disable,
            enable: &raw.enable,
            severity: &raw.severity,
            vocabulary: &raw.vocabulary,
            date: raw.date.as_deref(),
        })?;
        let mut overrides = Vec::new();
        for o in &raw.overrides {
            let mut set = GlobSetBuilder::new();
            for g in &o.files {
                let glob =
                    Glob::new(g).map_err(|e| err_at(locate(text, g), format!("files: {e}")))?;
                set.add(glob);
            }
            let globs = set
                .build()
                .map_err(|e| err_at((1, 1), format!("files: {e}")))?;
            overrides.push(Override {
                globs,
                selection: resolve(&RawSelection {
                    disable: &o.disable,
                    enable: &o.enable,
                    severity: &o.severity,
                    vocabulary: &o.vocabulary,
                    date: o.date.as_deref(),
                })?,
            });
        }
        Ok(Config {
            path: Some(path.to_path_buf()),
            dir,
            registry,
            fail_on: raw.fail_on,
            base,
            overrides,
        })
    }

    /// The settings for the document at `path` (as the user named it).
    pub fn settings(&self, path: &str) -> Settings<'_> {
        let n = self.registry.rules.len();
        let mut enabled = vec![true; n];
        let mut builtin_off = HashSet::new();
        let mut severity = HashMap::new();
        let mut vocabulary = HashSet::new();
        let mut date = None;
        // (the path made relative only when an override's globs need it)
        let rel = (!self.overrides.is_empty()).then(|| relative(Path::new(path), &self.dir));
        let layers = std::iter::once(&self.base).chain(
            self.overrides
                .iter()
                .filter(|o| rel.as_ref().is_some_and(|r| o.globs.is_match(r)))
                .map(|o| &o.selection),
        );
        for sel in layers {
            for &(i, on) in &sel.switches {
                enabled[i] = on;
            }
            for &(id, on) in &sel.builtin_switches {
                if on {
                    builtin_off.remove(id);
                } else {
                    builtin_off.insert(id);
                }
            }
            for (id, s) in &sel.severity {
                severity.insert(id.as_str(), *s);
            }
            vocabulary.extend(sel.vocabulary.iter().cloned());
            date = sel.date.or(date);
        }
        Settings {
            config: self,
            enabled,
            builtin_off,
            severity,
            vocabulary,
            date,
        }
    }
}

/// `path` relative to `dir` when it lies inside it (both made absolute), else as given.
fn relative(path: &Path, dir: &Path) -> PathBuf {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let (p, d) = (abs(path), abs(dir));
    p.strip_prefix(&d).map(Path::to_path_buf).unwrap_or(p)
}

/// The indices of the rules `name` selects: a rule id, a pack name or `all`.
fn select(registry: &Registry, name: &str) -> Vec<usize> {
    registry
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            name == "all" || r.id == name || crate::suppress::pack_of(&r.origin) == Some(name)
        })
        .map(|(i, _)| i)
        .collect()
}

/// The built-in packs plus rule directories or files (the command line's, then a
/// configuration's).
pub fn registry(extra: &[PathBuf], local: &[PathBuf]) -> Result<Registry, ConfigError> {
    let mut reg = Registry::builtin()?;
    for d in extra.iter().chain(local) {
        if d.is_dir() {
            reg.add_dir(d)?;
        } else {
            reg.add_file(d)?;
        }
    }
    Ok(reg)
}

/// How configuration is found for the documents of one run.
pub enum Discovery {
    /// `--isolated`: defaults only.
    Isolated,
    /// `--config FILE`: that file for every document.
    Fixed,
    /// Walk up from each document's directory.
    Nearest,
}

/// Finds and caches the configuration governing each document.
pub struct Resolver {
    discovery: Discovery,
    extra_rules: Vec<PathBuf>,
    /// Directory → the configuration file governing it (None: defaults).
    dirs: HashMap<PathBuf, Option<PathBuf>>,
    /// The same, by directory as named (before it is made absolute).
    named: HashMap<PathBuf, Option<PathBuf>>,
    /// Configuration file (None: defaults) → loaded configuration.
    loaded: HashMap<Option<PathBuf>, Arc<Config>>,
}

impl Resolver {
    pub fn new(
        config: Option<&Path>,
        isolated: bool,
        extra_rules: &[PathBuf],
    ) -> Result<Resolver, ConfigError> {
        let mut r = Resolver {
            discovery: Discovery::Nearest,
            extra_rules: extra_rules.to_vec(),
            dirs: HashMap::new(),
            named: HashMap::new(),
            loaded: HashMap::new(),
        };
        if let Some(file) = config {
            r.discovery = Discovery::Fixed;
            let c = Config::load(file, extra_rules)?;
            r.loaded.insert(None, Arc::new(c));
        } else if isolated {
            r.discovery = Discovery::Isolated;
        }
        Ok(r)
    }

    /// The configuration governing the document at `path` (`-`: the current directory).
    pub fn for_path(&mut self, path: &str) -> Result<Arc<Config>, ConfigError> {
        let file = match self.discovery {
            Discovery::Isolated | Discovery::Fixed => None,
            Discovery::Nearest => {
                let p = Path::new(path);
                let dir = if path == "-" || !p.is_file() {
                    if p.is_dir() {
                        p.to_path_buf()
                    } else {
                        p.parent()
                            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
                    }
                } else {
                    p.parent()
                        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
                };
                self.nearest(&dir)
            }
        };
        self.load(file)
    }

    /// The configuration governing a file known to exist (found from its directory alone,
    /// so a folder of many files costs one look-up).
    pub fn for_file(&mut self, path: &Path) -> Result<Arc<Config>, ConfigError> {
        let file = match self.discovery {
            Discovery::Isolated | Discovery::Fixed => None,
            Discovery::Nearest => {
                let dir = path
                    .parent()
                    .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
                self.nearest(&dir)
            }
        };
        self.load(file)
    }

    /// The configuration loaded from `file` (`None`: the defaults), loaded once.
    fn load(&mut self, file: Option<PathBuf>) -> Result<Arc<Config>, ConfigError> {
        if let Some(c) = self.loaded.get(&file) {
            return Ok(c.clone());
        }
        let c = Arc::new(match &file {
            Some(f) => Config::load(f, &self.extra_rules)?,
            None => Config::defaults(&self.extra_rules)?,
        });
        self.loaded.insert(file, c.clone());
        Ok(c)
    }

    /// The closest configuration file at or above `dir`.
    fn nearest(&mut self, dir: &Path) -> Option<PathBuf> {
        if let Some(hit) = self.named.get(dir) {
            return hit.clone();
        }
        let start = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir.to_path_buf()
        };
        let abs = std::path::absolute(&start).unwrap_or(start);
        let cwd = std::env::current_dir().unwrap_or_default();
        let mut visited = Vec::new();
        let mut cur = Some(abs.as_path());
        let mut found = None;
        while let Some(d) = cur {
            if let Some(hit) = self.dirs.get(d) {
                found = hit.clone();
                break;
            }
            visited.push(d.to_path_buf());
            if let Some(f) = FILE_NAMES.iter().map(|n| d.join(n)).find(|f| f.is_file()) {
                // shown relative to the working directory when it lies inside it
                found = Some(f.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or(f));
                break;
            }
            cur = d.parent();
        }
        for d in visited {
            self.dirs.insert(d, found.clone());
        }
        self.named.insert(dir.to_path_buf(), found.clone());
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("cfg/factlint.yaml"), text, &[])
    }

    #[test]
    fn unknown_keys_are_located() {
        let e = parse("fail-on: warning\ndisabel: [names]\n").err().unwrap();
        assert_eq!((e.line, e.column), (2, 1), "{e}");
        assert!(e.message.contains("disabel"), "{e}");
    }

    #[test]
    fn unknown_rules_are_located() {
        let e = parse("disable:\n  - core\n  - no-such-rule\n")
            .err()
            .unwrap();
        assert_eq!((e.line, e.column), (3, 5), "{e}");
        let e = parse("severity:\n  house-styl: info\n").err().unwrap();
        assert_eq!((e.line, e.column), (2, 3), "{e}");
    }

    #[test]
    fn disable_then_enable_and_overrides() {
        let c = parse(
            "disable: [all]\nenable: [names]\noverrides:\n  - files: ['drafts/**']\n    enable: [weekday-mismatch]\n    severity: {weekday-mismatch: info}\n",
        )
        .unwrap();
        let ids = |s: &Settings| s.rules().map(|r| r.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&c.settings("cfg/news/a.md")), ["organisation-name"]);
        let s = c.settings("cfg/drafts/x/b.md");
        assert_eq!(ids(&s), ["weekday-mismatch", "organisation-name"]);
        assert_eq!(s.severity.get("weekday-mismatch"), Some(&Severity::Info));
    }

    #[test]
    fn bad_date_and_glob_are_errors() {
        assert!(parse("date: 2020-13-01\n").is_err());
        let e = parse("overrides:\n  - files: ['a[']\n").err().unwrap();
        assert_eq!(e.line, 2, "{e}");
    }

    #[test]
    fn starter_config_parses() {
        let c = parse(STARTER).unwrap();
        assert!(c.settings("x.md").rules().count() > 5);
    }
}
