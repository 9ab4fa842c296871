//! `role_conflicts`: the same person given different roles at the same organisation by
//! documents published within `window_days` of each other ("Dana Kell, chief executive of
//! the Wellport Port Authority" on March 3, "deputy director" of it on March 10).
//!
//! People are matched by the key of their name, organisations by theirs; roles after folding
//! case, a leading article and a few synonyms ("spokeswoman" = "spokesperson", "CEO" = "chief
//! executive"). Both documents need a date; people change jobs, so roles given far apart in
//! time are not compared. Each pair of roles of one person at one organisation is reported
//! once, at the later of its closest two mentions, the earlier one related.

use super::record::DocRecord;
use super::{CrossCx, CrossFinding, Mention, Row, Rows, Strings};
use crate::claims::entity::normalise_key;
use crate::rules::RawRule;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const PARAMS: &[&str] = &["window_days"];
/// `{person}`, `{role}` the role given here, `{other_role}` the role given elsewhere,
/// `{organisation}`, `{days}` the days between the two documents.
pub const FIELDS: &[&str] = &["person", "role", "other_role", "organisation", "days"];

#[derive(Debug, Clone)]
pub struct Params {
    pub window_days: u32,
}

pub fn build(raw: &RawRule) -> Result<Params, String> {
    let window_days = raw.window_days.unwrap_or(30);
    if window_days > 3660 {
        return Err(format!(
            "window_days must be at most 3660 (ten years), not {window_days}"
        ));
    }
    Ok(Params { window_days })
}

/// Role words folded together.
const ROLE_WORDS: &[(&str, &str)] = &[
    ("ceo", "chief executive"),
    ("cfo", "chief financial officer"),
    ("chairman", "chair"),
    ("chairperson", "chair"),
    ("chairwoman", "chair"),
    ("coo", "chief operating officer"),
    ("cto", "chief technology officer"),
    ("spokesman", "spokesperson"),
    ("spokeswoman", "spokesperson"),
];

/// The key a role is compared by.
pub fn role_key(role: &str) -> String {
    let key = normalise_key(role);
    let mut words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    if matches!(words.first(), Some(&("a" | "an" | "the"))) {
        words.remove(0);
    }
    let mut out = words
        .iter()
        .map(|w| {
            ROLE_WORDS
                .binary_search_by(|(k, _)| (*k).cmp(w))
                .map_or(*w, |i| ROLE_WORDS[i].1)
        })
        .collect::<Vec<_>>()
        .join(" ");
    // "chief executive officer" is the "chief executive"
    if let Some(s) = out.strip_suffix(" executive officer") {
        out = format!("{s} executive");
    }
    out
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub(crate) struct Entry {
    person: u32,
    organisation: u32,
    role: u32,
    person_name: u32,
    role_name: u32,
    organisation_name: u32,
    at: Mention,
}

/// Every role given to a person at an organisation, in every document (each document's
/// entries together, in the order of its record).
pub(crate) type Table = Rows<Entry>;

impl Table {
    pub(crate) fn add(&mut self, doc: u32, rec: &DocRecord, strings: &mut Strings) {
        if rec.date.is_none() {
            return;
        }
        for r in &rec.roles {
            let role = role_key(&r.role);
            if r.person_key.is_empty() || r.organisation_key.is_empty() || role.is_empty() {
                continue;
            }
            if super::is_generic_speaker(&r.person_key) {
                continue;
            }
            self.push(Entry {
                person: strings.intern(&r.person_key),
                organisation: strings.intern(&r.organisation_key),
                role: strings.intern(&role),
                person_name: strings.intern(&r.person),
                role_name: strings.intern(&r.role),
                organisation_name: strings.intern(&r.organisation),
                at: Mention {
                    doc,
                    at: (&r.at).into(),
                },
            });
        }
    }

    pub(crate) fn check(&self, p: &Params, cx: &CrossCx, out: &mut Vec<CrossFinding>) {
        // person and organisation → role → mentions, by date
        let mut groups: HashMap<(u32, u32), HashMap<u32, Vec<Dated>>> = HashMap::new();
        for e in self.iter() {
            let Some(date) = cx.date(e.at.doc) else {
                continue;
            };
            groups
                .entry((e.person, e.organisation))
                .or_default()
                .entry(e.role)
                .or_default()
                .push(Dated { date, entry: e });
        }
        let strings = cx.strings();
        let mut keys: Vec<&(u32, u32)> = groups.keys().collect();
        keys.sort();
        for key in keys {
            let by_role = &groups[key];
            if by_role.len() < 2 {
                continue;
            }
            let mut roles: Vec<(u32, Vec<Dated>)> = by_role
                .iter()
                .map(|(r, v)| {
                    let mut v = v.clone();
                    v.sort_by(|a, b| {
                        (a.date, cx.path(a.entry.at.doc), a.entry.at).cmp(&(
                            b.date,
                            cx.path(b.entry.at.doc),
                            b.entry.at,
                        ))
                    });
                    (*r, v)
                })
                .collect();
            roles.sort_by_key(|(r, _)| *r);
            for (x, (_, a)) in roles.iter().enumerate() {
                for (_, b) in &roles[x + 1..] {
                    let Some((days, late, early)) = closest(a, b, cx) else {
                        continue;
                    };
                    if days > i64::from(p.window_days) {
                        continue;
                    }
                    let fields = [
                        ("person", strings.get(late.person_name).to_string()),
                        ("role", strings.get(late.role_name).to_string()),
                        ("other_role", strings.get(early.role_name).to_string()),
                        (
                            "organisation",
                            strings.get(late.organisation_name).to_string(),
                        ),
                        ("days", days.to_string()),
                    ];
                    let mut f = cx.finding(&fields, late.at);
                    let when = cx
                        .date(early.at.doc)
                        .map(|d| d.to_string())
                        .unwrap_or_default();
                    f.finding.related.push(cx.related(
                        early.at,
                        format!("\"{}\" here ({when})", strings.get(early.role_name)),
                    ));
                    out.push(f);
                }
            }
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Dated<'a> {
    date: Date,
    entry: &'a Entry,
}

/// The days between two dates (absolute).
fn days_between(a: Date, b: Date) -> i64 {
    a.until(b)
        .map_or(i64::MAX, |s| i64::from(s.get_days()).abs())
}

/// The closest pair of mentions from different documents of two roles (each list by date):
/// the days between them, the later mention and the earlier one.
fn closest<'a>(
    a: &[Dated<'a>],
    b: &[Dated<'a>],
    cx: &CrossCx,
) -> Option<(i64, &'a Entry, &'a Entry)> {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut best: Option<(i64, Dated<'a>, Dated<'a>)> = None;
    for s in small {
        let pos = large.partition_point(|l| l.date < s.date);
        // the nearest mentions before and after, skipping the same document
        let before = large[..pos]
            .iter()
            .rev()
            .find(|l| l.entry.at.doc != s.entry.at.doc);
        let after = large[pos..]
            .iter()
            .find(|l| l.entry.at.doc != s.entry.at.doc);
        for l in before.into_iter().chain(after) {
            let d = days_between(s.date, l.date);
            if best.as_ref().is_none_or(|(bd, _, _)| d < *bd) {
                best = Some((d, *s, *l));
            }
        }
    }
    let (d, x, y) = best?;
    // the later one (by date, then path) is reported
    let later_y = (y.date, cx.path(y.entry.at.doc)) > (x.date, cx.path(x.entry.at.doc));
    Some(if later_y {
        (d, y.entry, x.entry)
    } else {
        (d, x.entry, y.entry)
    })
}

impl Row for Entry {
    fn doc(&self) -> u32 {
        self.at.doc
    }
    fn renumbered(&self, doc: u32, string: &mut impl FnMut(u32) -> u32) -> Entry {
        let e = self;
        Entry {
            person: string(e.person),
            organisation: string(e.organisation),
            role: string(e.role),
            person_name: string(e.person_name),
            role_name: string(e.role_name),
            organisation_name: string(e.organisation_name),
            at: Mention { doc, at: e.at.at },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_fold() {
        assert_eq!(role_key("the spokeswoman"), "spokesperson");
        assert_eq!(role_key("CEO"), "chief executive");
        assert_eq!(role_key("Chief Executive Officer"), "chief executive");
        assert_eq!(role_key("deputy director"), "deputy director");
        assert_ne!(role_key("deputy director"), role_key("director"));
    }
}
