//! `quote_conflicts`: the same quotation attributed to different speakers by different
//! documents.
//!
//! Quotations are compared normalised: lower case, letters and digits only, words separated
//! by one space (so curly and straight marks, dashes and the comma before the attribution
//! do not matter); only quotations of at least `min_length` normalised characters (default
//! 40) are distinctive enough. Speakers are the same when their name keys are, or when one is
//! a surname of the other ("Kell" and "Dana Kell"); pronouns are not speakers.
//!
//! The reference speaker of a quotation is the one most documents name (the earliest on a
//! tie); each document naming another speaker is one finding, a place naming the reference
//! speaker related. A quotation that is part of a longer one is not compared.

use super::record::DocRecord;
use super::{CrossCx, CrossFinding, Mention, Row, Rows, Strings};
use crate::rules::RawRule;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const PARAMS: &[&str] = &["min_length"];
/// `{quote}` the quotation (shortened to about 60 characters), `{speaker}` the speaker named
/// here, `{other}` the speaker named elsewhere.
pub const FIELDS: &[&str] = &["quote", "speaker", "other"];

#[derive(Debug, Clone)]
pub struct Params {
    pub min_length: usize,
}

pub fn build(raw: &RawRule) -> Result<Params, String> {
    let min_length = raw.min_length.unwrap_or(40);
    if min_length < 10 {
        return Err(format!(
            "min_length must be at least 10 characters, not {min_length}"
        ));
    }
    Ok(Params { min_length })
}

/// A quotation normalised for comparison (see the module documentation).
pub fn normalise_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else if !matches!(c, '\'' | '\u{2019}') {
            // an apostrophe inside a word ("don't") keeps the word whole
            gap = true;
        }
    }
    out
}

/// The quotation as shown in a message: at most about 60 characters, cut at a word.
fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let cut: String = text.chars().take(MAX).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > MAX / 2 => &cut[..i],
        _ => &cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Entry {
    /// A 64-bit hash of the normalised quotation (stable: it is kept in the claims index).
    quote: u64,
    /// The normalised quotation's length in characters.
    length: u32,
    /// The quotation as shown in messages (not interned: quotations rarely repeat).
    text: std::sync::Arc<str>,
    speaker: u32,
    speaker_name: u32,
    at: Mention,
}

/// Every long enough quotation, with its speaker, in every document (each document's
/// entries together, in the order of its record).
pub(crate) type Table = Rows<Entry>;

impl Table {
    pub(crate) fn add(&mut self, doc: u32, rec: &DocRecord, min: usize, strings: &mut Strings) {
        for q in &rec.quotes {
            if super::is_generic_speaker(&q.speaker_key) {
                continue;
            }
            let norm = normalise_quote(&q.text);
            if norm.chars().count() < min {
                continue;
            }
            let hash = blake3::hash(norm.as_bytes());
            let mut first = [0u8; 8];
            first.copy_from_slice(&hash.as_bytes()[..8]);
            self.push(Entry {
                quote: u64::from_le_bytes(first),
                length: u32::try_from(norm.chars().count()).unwrap_or(u32::MAX),
                text: shorten(&q.text).into(),
                speaker: strings.intern(&q.speaker_key),
                speaker_name: strings.intern(&q.speaker),
                at: Mention {
                    doc,
                    at: (&q.at).into(),
                },
            });
        }
    }

    pub(crate) fn check(&self, p: &Params, cx: &CrossCx, out: &mut Vec<CrossFinding>) {
        let strings = cx.strings();
        let mut groups: HashMap<u64, Vec<&Entry>> = HashMap::new();
        for e in self.iter() {
            if e.length as usize >= p.min_length {
                groups.entry(e.quote).or_default().push(e);
            }
        }
        let mut keys: Vec<u64> = groups.keys().copied().collect();
        keys.sort_unstable();
        for key in keys {
            let mut entries = groups.remove(&key).unwrap_or_default();
            entries.sort_by(|a, b| cx.order(a.at).cmp(&cx.order(b.at)));
            let speaker = |e: &Entry| strings.get(e.speaker);
            // speakers and the documents naming them, first named first
            let mut speakers: Vec<(&Entry, Vec<u32>)> = Vec::new();
            for e in &entries {
                match speakers
                    .iter_mut()
                    .find(|(s, _)| same_speaker(speaker(s), speaker(e)))
                {
                    Some((_, docs)) => {
                        if !docs.contains(&e.at.doc) {
                            docs.push(e.at.doc);
                        }
                    }
                    None => speakers.push((e, vec![e.at.doc])),
                }
            }
            if speakers.len() < 2 {
                continue;
            }
            let Some((reference, _)) = speakers
                .iter()
                .enumerate()
                .max_by_key(|(i, (_, docs))| (docs.len(), std::cmp::Reverse(*i)))
                .map(|(_, s)| s)
            else {
                continue;
            };
            let mut reported = Vec::new();
            for e in &entries {
                if same_speaker(speaker(reference), speaker(e))
                    || e.at.doc == reference.at.doc
                    || reported.contains(&e.at.doc)
                {
                    continue;
                }
                reported.push(e.at.doc);
                let fields = [
                    ("quote", e.text.to_string()),
                    ("speaker", strings.get(e.speaker_name).to_string()),
                    ("other", strings.get(reference.speaker_name).to_string()),
                ];
                let mut f = cx.finding(&fields, e.at);
                f.finding.related.push(cx.related(
                    reference.at,
                    format!("attributed to {} here", strings.get(reference.speaker_name)),
                ));
                out.push(f);
            }
        }
    }
}

/// Two speaker keys name the same person: equal, or one a final part of the other ("kell",
/// "dana kell").
fn same_speaker(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    !short.is_empty() && long.ends_with(short) && long[..long.len() - short.len()].ends_with(' ')
}

impl Row for Entry {
    fn doc(&self) -> u32 {
        self.at.doc
    }
    fn renumbered(&self, doc: u32, string: &mut impl FnMut(u32) -> u32) -> Entry {
        let e = self;
        let speaker = string(e.speaker);
        Entry {
            speaker,
            speaker_name: string(e.speaker_name),
            at: Mention { doc, at: e.at.at },
            ..e.clone()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_normalise() {
        assert_eq!(
            normalise_quote("“We have never moved — this much freight,”"),
            "we have never moved this much freight"
        );
        assert_eq!(normalise_quote("don't stop"), "dont stop");
        assert!(same_speaker("kell", "dana kell"));
        assert!(!same_speaker("ell", "dana kell"));
        assert!(!same_speaker("ana lutz", "dana kell"));
        assert_eq!(shorten("short"), "short");
        assert!(shorten(&"word ".repeat(30)).ends_with('…'));
    }
}
