//! `names`: organisation names against a gazetteer of canonical names (with aliases and
//! known misspellings) and a lexicon of the words institution names are made of (with their
//! misspellings); abbreviated words in formal names; near-misses of gazetteer names by
//! Damerau–Levenshtein distance and Jaro–Winkler similarity (strsim).
//!
//! "China Institue for Innovation & Dev't Strategy" → error on "Institue" (→ Institute) and a
//! warning on "Dev't" (→ Development), with the whole corrected name as suggestion when the
//! corrected name is in the gazetteer. A real word misspelled into another real word
//! ("Untied Nations") is caught only inside a capitalised organisation name.

use super::{Check, RawRule, RuleCx};
use crate::claims::entity::normalise_key;
use crate::claims::Claim;
use crate::findings::{Finding, Severity};
use crate::text::lexicon::FxBuild;
use crate::text::tokens::TokenKind;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

pub const PARAMS: &[&str] = &[
    "gazetteer",
    "lexicon",
    "min_similarity",
    "flag_abbreviations",
    "message_outside",
    "message_loose",
];
/// `{found}` the word or name as written, `{suggestion}` its correction, `{name}` the whole
/// organisation name as written.
pub const FIELDS: &[&str] = &["found", "suggestion", "name"];

const BUILTIN_GAZETTEER: &str = include_str!("../../rules/data/organisations.yaml");
const BUILTIN_LEXICON: &str = include_str!("../../rules/data/name_words.yaml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Gazetteer {
    organisations: Vec<Org>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Org {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    misspellings: Vec<String>,
    #[serde(rename = "type")]
    _kind: String,
    #[serde(default)]
    #[serde(rename = "country")]
    _country: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Lexicon {
    words: Vec<Word>,
    #[serde(default)]
    abbreviations: Vec<Abbreviation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Word {
    word: String,
    #[serde(default)]
    misspellings: Vec<String>,
    #[serde(default)]
    real_word_misspellings: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Abbreviation {
    short: String,
    full: String,
}

/// A gazetteer name for the near-miss search.
struct Canonical {
    key: String,
    name: String,
    counts: [u8; 32],
    /// Its place in the gazetteer: of two names equally similar, the first listed wins.
    order: usize,
}

struct Names {
    /// Key of every canonical name and alias → canonical name.
    known: HashMap<String, String, FxBuild>,
    /// Key of every known misspelling → canonical name.
    misspelled: HashMap<String, String, FxBuild>,
    /// Canonical keys with their names and letter counts, for near-miss search, ordered by
    /// key length (then as listed), so a key's search reads only the keys of lengths within
    /// three of its own.
    canonical: Vec<Canonical>,
    /// Misspelled word (lower-case) → correct word.
    word_fix: HashMap<String, String, FxBuild>,
    /// Abbreviation (lower-case, straight apostrophe) → full word.
    abbreviations: HashMap<String, String, FxBuild>,
    min_similarity: f64,
    flag_abbreviations: bool,
}

/// Reads the YAML file `param` (relative to `base`), or the built-in text `builtin` when
/// `param` is absent or "builtin"; errors name the `what`, the file and the line and column.
pub(crate) fn read<T: for<'de> Deserialize<'de>>(
    param: Option<&str>,
    builtin: &str,
    base: &Path,
    what: &str,
) -> Result<T, String> {
    let (name, text) = match param {
        None | Some("builtin") => (format!("built-in {what}"), builtin.to_string()),
        Some(p) => {
            let path = base.join(p);
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("{what} {}: {e}", path.display()))?;
            (path.display().to_string(), text)
        }
    };
    crate::yaml::from_str(&text).map_err(|e| {
        let at = e
            .location()
            .map(|l| format!(":{}:{}", l.line(), l.column()))
            .unwrap_or_default();
        format!(
            "{what} {name}{at}: {}",
            e.to_string().split(" at line ").next().unwrap_or_default()
        )
    })
}

/// The built-in gazetteer, read once per process: every registry built (one per
/// configuration) has a `names` and an `entity-variants` rule reading it.
static BUILTIN: std::sync::LazyLock<Result<Gazetteer, String>> =
    std::sync::LazyLock::new(|| read(None, BUILTIN_GAZETTEER, Path::new(""), "gazetteer"));

/// The organisations of the built-in gazetteer: (name, aliases, listed misspellings).
pub(crate) fn builtin_organisations(
) -> Result<impl Iterator<Item = (&'static str, &'static [String], &'static [String])>, String> {
    let g = BUILTIN.as_ref().map_err(Clone::clone)?;
    Ok(g.organisations
        .iter()
        .map(|o| (o.name.as_str(), &o.aliases[..], &o.misspellings[..])))
}

pub fn build(raw: &RawRule, base: &Path) -> Result<Box<dyn Check>, String> {
    let read_from_file;
    let g: &Gazetteer = match raw.gazetteer.as_deref() {
        None | Some("builtin") => BUILTIN.as_ref().map_err(Clone::clone)?,
        Some(p) => {
            read_from_file = read(Some(p), BUILTIN_GAZETTEER, base, "gazetteer")?;
            &read_from_file
        }
    };
    let l: Lexicon = read(raw.lexicon.as_deref(), BUILTIN_LEXICON, base, "lexicon")?;
    let min_similarity = raw.min_similarity.unwrap_or(0.95);
    if !(0.5..=1.0).contains(&min_similarity) {
        return Err(format!(
            "min_similarity must be between 0.5 and 1, not {min_similarity}"
        ));
    }
    let mut known = HashMap::default();
    let mut misspelled = HashMap::default();
    let mut canonical = Vec::new();
    for o in &g.organisations {
        let key = normalise_key(&o.name);
        canonical.push(Canonical {
            key: key.clone(),
            name: o.name.clone(),
            counts: letters(&key),
            order: canonical.len(),
        });
        known.insert(key, o.name.clone());
        for a in &o.aliases {
            known.insert(normalise_key(a), o.name.clone());
        }
        for m in &o.misspellings {
            misspelled.insert(normalise_key(m), o.name.clone());
        }
    }
    canonical.sort_by_key(|c| c.key.len());
    let mut word_fix = HashMap::default();
    for w in &l.words {
        for m in w.misspellings.iter().chain(&w.real_word_misspellings) {
            word_fix.insert(m.to_lowercase(), w.word.clone());
        }
    }
    let abbreviations = l
        .abbreviations
        .iter()
        .map(|a| {
            (
                a.short.to_lowercase().replace('\u{2019}', "'"),
                a.full.clone(),
            )
        })
        .collect();
    Ok(Box::new(Names {
        known,
        misspelled,
        canonical,
        word_fix,
        abbreviations,
        min_similarity,
        flag_abbreviations: raw.flag_abbreviations.unwrap_or(true),
    }))
}

/// How often each letter a–z (and anything else, in slot 26) occurs in a key; the last five
/// slots stay zero (32 bytes compare in one vector).
fn letters(key: &str) -> [u8; 32] {
    let mut c = [0u8; 32];
    for b in key.bytes() {
        let i = if b.is_ascii_lowercase() {
            (b - b'a') as usize
        } else {
            26
        };
        c[i] = c[i].saturating_add(1);
    }
    c
}

/// A correction keeps the case pattern of the word it replaces ("INSTITUE" → "INSTITUTE").
fn with_case(written: &str, fix: &str) -> String {
    if written.len() > 1 && written.chars().all(|c| !c.is_lowercase()) {
        fix.to_uppercase()
    } else {
        fix.to_string()
    }
}

impl Names {
    /// The gazetteer name this key nearly matches, if any: of the names within two edits,
    /// the most similar (Jaro–Winkler), the first listed on a tie.
    fn near_miss(&self, key: &str) -> Option<&str> {
        let mut best: Option<(f64, usize, &str)> = None;
        let counts = letters(key);
        let from = self
            .canonical
            .partition_point(|c| c.key.len() + 3 < key.len());
        for c in &self.canonical[from..] {
            if c.key.len() > key.len() + 3 {
                break;
            }
            if c.key == key {
                continue;
            }
            // two edits change at most four letter counts by one each: a cheap filter
            // before the quadratic distance
            if letter_distance(&counts, &c.counts) > 4 {
                continue;
            }
            if strsim::damerau_levenshtein(&c.key, key) > 2 {
                continue;
            }
            let sim = strsim::jaro_winkler(&c.key, key);
            if sim >= self.min_similarity
                && best.is_none_or(|(b, order, _)| sim > b || (sim == b && c.order < order))
            {
                best = Some((sim, c.order, &c.name));
            }
        }
        best.map(|(_, _, n)| n)
    }
}

/// The sum of the differences of two keys' letter counts.
fn letter_distance(a: &[u8; 32], b: &[u8; 32]) -> u16 {
    a.iter()
        .zip(b)
        .map(|(x, y)| u16::from(x.abs_diff(*y)))
        .sum()
}

impl Check for Names {
    fn check(&self, cx: &RuleCx, out: &mut Vec<Finding>) {
        let rule = cx.rule;
        // a document names the same organisations again and again: each key searched once
        let mut near: HashMap<&str, Option<&str>, FxBuild> = HashMap::default();
        let mut lower_buf = String::new();
        for (k, c) in cx.ex.claims.iter().enumerate() {
            let Claim::Organisation(org) = c else {
                continue;
            };
            // a known name (its key folds "Dev't" to "development") can still be abbreviated
            let known = self.known.contains_key(&org.key);
            let whole = |s: &str| {
                vec![
                    ("found", org.name.clone()),
                    ("suggestion", s.to_string()),
                    ("name", org.name.clone()),
                ]
            };
            // word by word: misspelled name words and abbreviations, on the tokens of the name
            let sentence = &cx.ex.sentences[cx.ex.claim_sentence[k]];
            let words = sentence
                .tokens
                .iter()
                .filter(|t| t.kind == TokenKind::Word && org.span.contains(t.span))
                .map(|t| &t.span);
            // the name with its words fixed, written when a word is
            let mut fixed_name: Option<String> = None;
            let mut word_findings = Vec::new();
            for span in words.rev() {
                let written = &cx.doc.source[span.start..span.end];
                // lower case with straight apostrophes; an ASCII word without copying twice
                let lower = if written.is_ascii() {
                    lower_buf.clear();
                    lower_buf.push_str(written);
                    lower_buf.make_ascii_lowercase();
                    &lower_buf
                } else {
                    lower_buf = written.to_lowercase().replace('\u{2019}', "'");
                    &lower_buf
                };
                let (fix, severity, template) =
                    if let Some(fix) = self.word_fix.get(lower.as_str()).filter(|_| !known) {
                        (with_case(written, fix), Severity::Error, &rule.message)
                    } else if let Some(full) = self
                        .abbreviations
                        .get(lower.as_str())
                        .filter(|_| self.flag_abbreviations)
                    {
                        (
                            full.clone(),
                            Severity::Warning,
                            rule.message_outside.as_ref().unwrap_or(&rule.message),
                        )
                    } else {
                        continue;
                    };
                let fixed_name = fixed_name.get_or_insert_with(|| org.text.clone());
                let local = (span.start - org.span.start)..(span.end - org.span.start);
                if fixed_name.is_char_boundary(local.start)
                    && fixed_name.is_char_boundary(local.end)
                {
                    fixed_name.replace_range(local, &fix);
                }
                let fields = [
                    ("found", written.to_string()),
                    ("suggestion", fix.clone()),
                    ("name", org.name.clone()),
                ];
                let mut f = cx.finding(severity, template, &fields, *span);
                f.suggestion = Some(fix);
                f.related.push(cx.related(org.span, "in this name"));
                word_findings.push(f);
            }
            let listed = self.misspelled.get(&org.key).filter(|_| !known);
            if let Some(fixed_name) = fixed_name {
                // the corrected name is a known one: say so
                if let Some(canon) = self.known.get(&normalise_key(&fixed_name)).or(listed) {
                    for f in &mut word_findings {
                        f.message.push_str(&format!(" (the {canon})"));
                    }
                }
                word_findings.reverse();
                out.extend(word_findings);
                continue;
            }
            // a misspelling the gazetteer lists that no word explains ("Institute of" for
            // "Institute for"): the whole name
            if let Some(canon) = listed {
                let mut f = cx.finding(Severity::Error, &rule.message, &whole(canon), org.span);
                f.suggestion = Some(canon.clone());
                out.push(f);
                continue;
            }
            if known {
                continue;
            }
            let canon = *near
                .entry(org.key.as_str())
                .or_insert_with(|| self.near_miss(&org.key));
            if let Some(canon) = canon {
                let template = rule.message_loose.as_ref().unwrap_or(&rule.message);
                let mut f = cx.finding(Severity::Warning, template, &whole(canon), org.span);
                f.suggestion = Some(canon.to_string());
                out.push(f);
            }
        }
    }
}
