//! `entity_variants`: the same organisation written differently across documents ("China
//! Institue for Innovation and Development Strategy" in 2 documents, "China Institute for
//! Innovation and Development Strategy" in 38).
//!
//! Names are compared by their matching key (so "Centre"/"Center" and "&"/"and" are the same
//! form). Two keys are forms of one name when they have the same number of words and differ
//! in one word that is a near miss (Damerau–Levenshtein distance 1, or 2 for words of eight
//! letters or more, same first letter, no digits) or a swapped preposition ("Institute of" /
//! "Institute for"), or when one lacks a function word of the other ("Innovation
//! Development"), and their keys are at least `min_similarity` alike (Jaro–Winkler).
//! Candidates are found through blocks (each key with one word left out), never by comparing
//! every pair. Names of one word are never compared (acronyms differ by one letter).
//!
//! The canonical form is the gazetteer's name when one of the forms is a gazetteer name or
//! alias (aliases are never variants); otherwise the form written in the most documents, when
//! that is at least `min_documents` (default 3) and at least twice the variant's. Each other form is one
//! finding at its first place, its other places and the canonical form's first place related.

use super::record::DocRecord;
use super::{CrossCx, CrossFinding, Mention, Row, Rows, Strings, MAX_RELATED};
use crate::claims::entity::normalise_key;
use crate::rules::RawRule;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

pub const PARAMS: &[&str] = &["gazetteer", "min_similarity", "min_documents"];
/// `{found}` the variant as written, `{canonical}` the canonical name, `{count}` the documents
/// writing the variant, `{canonical_count}` those writing the canonical form.
pub const FIELDS: &[&str] = &["found", "canonical", "count", "canonical_count"];

/// A gazetteer named by path, read leniently (the `names` kind validates it strictly).
#[derive(Debug, Deserialize)]
struct Gazetteer {
    organisations: Vec<GazetteerOrg>,
}

#[derive(Debug, Deserialize)]
struct GazetteerOrg {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    misspellings: Vec<String>,
}

/// Gazetteer keys → canonical names.
#[derive(Debug, Default)]
pub struct Known {
    /// Key of every canonical name and alias.
    correct: HashMap<String, String>,
    /// Key of every listed misspelling.
    misspelled: HashMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct Params {
    known: Arc<Known>,
    pub min_similarity: f64,
    pub min_documents: usize,
}

pub fn build(raw: &RawRule, base: &Path) -> Result<Params, String> {
    let mut known = Known::default();
    let mut add = |name: &str, aliases: &[String], misspellings: &[String]| {
        known.correct.insert(normalise_key(name), name.to_string());
        for a in aliases {
            known.correct.insert(normalise_key(a), name.to_string());
        }
        for m in misspellings {
            known.misspelled.insert(normalise_key(m), name.to_string());
        }
    };
    match raw.gazetteer.as_deref() {
        // read once per process, by the `names` rule's loader (which validates it)
        None | Some("builtin") => {
            for (name, aliases, misspellings) in crate::rules::names::builtin_organisations()? {
                add(name, aliases, misspellings);
            }
        }
        Some(p) => {
            let g: Gazetteer = crate::rules::names::read(Some(p), "", base, "gazetteer")?;
            for o in &g.organisations {
                add(&o.name, &o.aliases, &o.misspellings);
            }
        }
    }
    let min_similarity = raw.min_similarity.unwrap_or(0.9);
    if !(0.5..=1.0).contains(&min_similarity) {
        return Err(format!(
            "min_similarity must be between 0.5 and 1, not {min_similarity}"
        ));
    }
    let min_documents = raw.min_documents.unwrap_or(3);
    if min_documents == 0 {
        return Err("min_documents must be at least 1".to_string());
    }
    Ok(Params {
        known: Arc::new(known),
        min_similarity,
        min_documents,
    })
}

/// One form (matching key) of an organisation name across the documents.
#[derive(Debug)]
struct Form {
    /// The interned key.
    key: u32,
    /// Written names with this key and how many documents write each.
    names: Vec<(u32, u32)>,
    /// The first place in each document that writes it (documents in the order added).
    places: Vec<Mention>,
}

impl Form {
    /// The name this form is written as most often (first written on a tie).
    fn name(&self) -> u32 {
        let mut best = (0, 0);
        for &(n, c) in &self.names {
            if c > best.1 {
                best = (n, c);
            }
        }
        best.0
    }
}

/// One organisation name written in one document (each document's rows together, in the
/// order of its record).
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(crate) struct Written {
    key: u32,
    name: u32,
    at: Mention,
}

/// The organisation names of every document.
pub(crate) type Table = Rows<Written>;

impl Table {
    pub(crate) fn add(&mut self, doc: u32, rec: &DocRecord, strings: &mut Strings) {
        for o in &rec.organisations {
            if o.key.is_empty() {
                continue;
            }
            let key = strings.intern(&o.key);
            let name = strings.intern(&o.name);
            self.push(Written {
                key,
                name,
                at: Mention {
                    doc,
                    at: (&o.at).into(),
                },
            });
        }
    }

    /// The forms (matching keys), first written first, each with its written names and its
    /// first place in each document.
    fn forms(&self) -> Vec<Form> {
        let mut by_key: HashMap<u32, usize> = HashMap::new();
        let mut forms: Vec<Form> = Vec::new();
        for r in self.iter() {
            let i = *by_key.entry(r.key).or_insert_with(|| {
                forms.push(Form {
                    key: r.key,
                    names: Vec::new(),
                    places: Vec::new(),
                });
                forms.len() - 1
            });
            let form = &mut forms[i];
            match form.names.iter_mut().find(|(n, _)| *n == r.name) {
                Some((_, c)) => *c += 1,
                None => form.names.push((r.name, 1)),
            }
            // one place per document: its first mention of this form
            match form.places.last_mut() {
                Some(last) if last.doc == r.at.doc => {
                    if r.at.at < last.at {
                        last.at = r.at.at;
                    }
                }
                _ => form.places.push(r.at),
            }
        }
        forms
    }

    pub(crate) fn check(&self, p: &Params, cx: &CrossCx, out: &mut Vec<CrossFinding>) {
        let strings = cx.strings();
        let forms = self.forms();
        let key = |f: usize| strings.get(forms[f].key);
        // blocks: each key of two words or more with one word left out (hashed: a collision
        // only adds a candidate pair, which is then compared)
        let mut blocks: HashMap<u64, Vec<usize>> = HashMap::new();
        for (f, form) in forms.iter().enumerate() {
            let words: Vec<&str> = strings.get(form.key).split(' ').collect();
            if words.len() < 2 {
                continue;
            }
            // the whole key, for a form lacking one of its function words
            blocks.entry(block(&words, None, true)).or_default().push(f);
            for i in 0..words.len() {
                blocks
                    .entry(block(&words, Some(i), false))
                    .or_default()
                    .push(f);
                if words.len() >= 3 && is_function_word(words[i]) {
                    blocks
                        .entry(block(&words, Some(i), true))
                        .or_default()
                        .push(f);
                }
            }
        }
        // every form's candidate forms of the same name
        let mut near: Vec<Vec<usize>> = vec![Vec::new(); forms.len()];
        for members in blocks.values() {
            if members.len() < 2 || members.len() > 200 {
                continue;
            }
            for (x, &a) in members.iter().enumerate() {
                for &b in &members[x + 1..] {
                    if a != b
                        && !near[a].contains(&b)
                        && same_name(key(a), key(b), p.min_similarity)
                    {
                        near[a].push(b);
                        near[b].push(a);
                    }
                }
            }
        }
        let docs = |f: usize| forms[f].places.len();
        let correct = |f: usize| p.known.correct.get(key(f));
        for (v, form) in forms.iter().enumerate() {
            if correct(v).is_some() || near[v].is_empty() {
                continue;
            }
            let listed = p.known.misspelled.get(key(v));
            // the canonical form: a gazetteer form first (the one its misspelling names, else
            // the most written), else the most written form, if it is established
            let gazetteer = near[v]
                .iter()
                .copied()
                .filter(|&c| correct(c).is_some_and(|n| listed.is_none_or(|l| l == n)))
                .max_by_key(|&c| (docs(c), std::cmp::Reverse(c)));
            let (canon, canonical) = match gazetteer {
                Some(c) => (c, correct(c).cloned().unwrap_or_default()),
                None => {
                    let Some(c) = near[v]
                        .iter()
                        .copied()
                        .filter(|&c| correct(c).is_none())
                        .max_by_key(|&c| (docs(c), std::cmp::Reverse(c)))
                    else {
                        continue;
                    };
                    // an established majority: in enough documents, and at least twice as
                    // many as the variant
                    if docs(c) < p.min_documents || docs(c) < 2 * docs(v) {
                        continue;
                    }
                    (c, strings.get(forms[c].name()).to_string())
                }
            };
            let found = strings.get(form.name()).to_string();
            let Some(&first) = form.places.first() else {
                continue;
            };
            let fields = [
                ("found", found.clone()),
                ("canonical", canonical.clone()),
                ("count", docs(v).to_string()),
                ("canonical_count", docs(canon).to_string()),
            ];
            let mut f = cx.finding(&fields, first);
            f.finding.suggestion = Some(canonical.clone());
            for &m in form.places.iter().skip(1).take(MAX_RELATED - 1) {
                f.finding
                    .related
                    .push(cx.related(m, format!("also written \"{found}\" here")));
            }
            if let Some(&c) = forms[canon].places.first() {
                let written = strings.get(forms[canon].name());
                f.finding
                    .related
                    .push(cx.related(c, format!("written \"{written}\" here")));
            }
            out.push(f);
        }
    }
}

impl Row for Written {
    fn doc(&self) -> u32 {
        self.at.doc
    }
    fn renumbered(&self, doc: u32, string: &mut impl FnMut(u32) -> u32) -> Written {
        let r = self;
        let key = string(r.key);
        Written {
            key,
            name: string(r.name),
            at: Mention { doc, at: r.at.at },
        }
    }
}

/// The block of a key's words: word `skip` left out, or (`dropped`) removed altogether.
fn block(words: &[&str], skip: Option<usize>, dropped: bool) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    dropped.hash(&mut h);
    for (j, w) in words.iter().enumerate() {
        if Some(j) == skip {
            if !dropped {
                "\u{1}".hash(&mut h);
            }
        } else {
            w.hash(&mut h);
        }
    }
    h.finish()
}

/// Short words that link the words of a name.
fn is_function_word(w: &str) -> bool {
    matches!(
        w,
        "of" | "for" | "on" | "in" | "at" | "and" | "the" | "to" | "de"
    )
}

/// Two keys are forms of the same name (see the module documentation).
fn same_name(a: &str, b: &str, min_similarity: f64) -> bool {
    let wa: Vec<&str> = a.split(' ').collect();
    let wb: Vec<&str> = b.split(' ').collect();
    let words_ok = if wa.len() == wb.len() {
        let mut diff = wa.iter().zip(&wb).filter(|(x, y)| x != y);
        match (diff.next(), diff.next()) {
            (Some((x, y)), None) => near_word(x, y),
            _ => false,
        }
    } else {
        // one lacks a function word of the other
        let (short, long) = if wa.len() < wb.len() {
            (&wa, &wb)
        } else {
            (&wb, &wa)
        };
        long.len() == short.len() + 1
            && (0..long.len()).any(|i| {
                is_function_word(long[i]) && long[..i] == short[..i] && long[i + 1..] == short[i..]
            })
    };
    words_ok && strsim::jaro_winkler(a, b) >= min_similarity
}

/// Two different words of a name that one name's writers may have confused.
fn near_word(x: &str, y: &str) -> bool {
    if is_function_word(x) && is_function_word(y) {
        return true;
    }
    if x.chars().any(|c| c.is_ascii_digit()) || y.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if x.chars().next() != y.chars().next() {
        return false;
    }
    let shorter = x.chars().count().min(y.chars().count());
    let allowed = if shorter >= 8 { 2 } else { 1 };
    shorter >= 4 && strsim::damerau_levenshtein(x, y) <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_names() {
        let s = 0.9;
        assert!(same_name(
            "china institue for innovation and development strategy",
            "china institute for innovation and development strategy",
            s
        ));
        assert!(same_name(
            "institute of maritime economics",
            "institute for maritime economics",
            s
        ));
        assert!(same_name(
            "china institute for innovation development strategy",
            "china institute for innovation and development strategy",
            s
        ));
        // different places, numbers, regions: different organisations
        assert!(!same_name("bank of china", "bank of chile", s));
        assert!(!same_name("group of 20", "group of 21", s));
        assert!(!same_name(
            "north korea institute",
            "south korea institute",
            s
        ));
        assert!(!same_name("ministry of finance", "ministry of defense", s));
        // two words changed
        assert!(!same_name(
            "china institue for innovation and developmnt strategy",
            "china institute for innovation and development strategy",
            s
        ));
    }
}
