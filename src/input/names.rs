//! Document names, unique within a run.
//!
//! A document is named after its file (`a.txt`), its JSONL line (`a.jsonl#id`, `a.jsonl:3`)
//! or its WARC record's target URI. Two documents can come out with one name: a JSONL file
//! that repeats an id, a WARC file that holds two captures of one page, two WARC files that
//! both hold a page (a file named twice is one input: `walk::expand`). Findings, the audit's
//! index and the cross-source rules tell documents apart by name, so each repeat is renamed
//! `NAME (2)`, `NAME (3)`, … in the order the documents are read, with a warning. Only a
//! 128-bit hash of each name is kept (16 bytes a document).

use crate::document::{Document, Warning};
use std::collections::HashSet;

/// The names given so far in a run.
#[derive(Debug, Default)]
pub struct DocumentNames {
    seen: HashSet<u128>,
}

fn key(name: &str) -> u128 {
    let h = blake3::hash(name.as_bytes());
    let mut b = [0; 16];
    b.copy_from_slice(&h.as_bytes()[..16]);
    u128::from_le_bytes(b)
}

impl DocumentNames {
    pub fn new() -> DocumentNames {
        DocumentNames::default()
    }

    /// Records a name given in an earlier run to a document that is not read again (a file
    /// the audit's index holds unchanged), so no document read now takes it.
    pub fn reserve(&mut self, name: &str) {
        self.seen.insert(key(name));
    }

    /// No document has this name yet.
    pub fn is_free(&self, name: &str) -> bool {
        !self.seen.contains(&key(name))
    }

    /// Takes `name` for a document: `None` when it was free, else the first free
    /// `NAME (n)` from 2 up, taken instead.
    pub fn take(&mut self, name: &str) -> Option<String> {
        if self.seen.insert(key(name)) {
            return None;
        }
        (2u64..)
            .map(|n| format!("{name} ({n})"))
            .find(|renamed| self.seen.insert(key(renamed)))
    }

    /// Gives `doc` its name, or, when a document read before has it, the first free
    /// `NAME (n)` from 2 up, with a warning saying so ([`renamed_warning`]).
    pub fn claim(&mut self, doc: &mut Document) {
        if let Some(renamed) = self.take(&doc.path) {
            doc.warnings.push(Warning {
                message: renamed_warning(&doc.path),
            });
            doc.path = renamed;
        }
    }
}

/// The warning of a document renamed because one read before has its name `name`.
pub fn renamed_warning(name: &str) -> String {
    format!("renamed: a document read before is named {name}")
}

/// `name` may be a repeat's new name: it ends with ` (n)`.
pub fn may_be_renamed(name: &str) -> bool {
    name.strip_suffix(')')
        .and_then(|n| n.rsplit_once(" ("))
        .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `name` is made from the path of the file it was read from (`FILE`, `FILE#id`, `FILE:3`,
/// and their repeats): no document of another file can have it. A WARC record's name (its
/// target URI) is not.
pub fn named_after_file(name: &str, file: &str) -> bool {
    name.strip_prefix(file)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['#', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str) -> Document {
        Document::new(path, "x".into(), "x".into(), Vec::new())
    }

    #[test]
    fn repeats_are_numbered_in_reading_order_and_warned_of() {
        let mut names = DocumentNames::new();
        let mut got = Vec::new();
        for p in [
            "http://e.com/a",
            "http://e.com/b",
            "http://e.com/a",
            "http://e.com/a",
        ] {
            let mut d = doc(p);
            names.claim(&mut d);
            got.push((d.path, d.warnings.len()));
        }
        assert_eq!(
            got,
            [
                ("http://e.com/a".to_string(), 0),
                ("http://e.com/b".to_string(), 0),
                ("http://e.com/a (2)".to_string(), 1),
                ("http://e.com/a (3)".to_string(), 1),
            ]
        );
    }

    #[test]
    fn a_renamed_repeat_skips_names_already_taken() {
        let mut names = DocumentNames::new();
        names.reserve("x (2)");
        let (mut first, mut second) = (doc("x"), doc("x"));
        names.claim(&mut first);
        names.claim(&mut second);
        assert_eq!((first.path.as_str(), first.warnings.len()), ("x", 0));
        assert_eq!(second.path, "x (3)");
        assert_eq!(
            second.warnings[0].message,
            "renamed: a document read before is named x"
        );
        // a reserved name (a document not read again) is not given to a document read now
        let mut names = DocumentNames::new();
        names.reserve("http://e.com/a");
        let mut d = doc("http://e.com/a");
        names.claim(&mut d);
        assert_eq!(d.path, "http://e.com/a (2)");
    }

    #[test]
    fn names_made_from_the_file() {
        for n in ["a.jsonl", "a.jsonl#7", "a.jsonl:3", "a.jsonl#7 (2)"] {
            assert!(named_after_file(n, "a.jsonl"), "{n}");
        }
        for n in ["http://e.com/a", "a.jsonlx", "b.jsonl#7"] {
            assert!(!named_after_file(n, "a.jsonl"), "{n}");
        }
    }

    #[test]
    fn renamed_names() {
        for n in ["u (2)", "http://e.com/a (13)"] {
            assert!(may_be_renamed(n), "{n}");
        }
        for n in ["u", "u (x)", "u ()", "u(2)", "(2)"] {
            assert!(!may_be_renamed(n), "{n}");
        }
        let mut names = DocumentNames::new();
        assert!(names.is_free("u"));
        names.reserve("u");
        assert!(!names.is_free("u"));
    }
}
