//! Plain text files.

use super::{InputRef, LoadOptions, Loaded, SkipReason};
use crate::document::{DateOrigin, Document};
use std::io::Read;

pub fn load(input: &InputRef, opts: &LoadOptions) -> Loaded {
    let path = input.display();
    let mut bytes = Vec::new();
    let res = match input {
        InputRef::File(p) => std::fs::File::open(p).and_then(|mut f| f.read_to_end(&mut bytes)),
        InputRef::Stdin => std::io::stdin().read_to_end(&mut bytes),
    };
    if let Err(e) = res {
        return Loaded::Failed {
            path,
            error: e.to_string(),
        };
    }
    if bytes.is_empty() {
        return Loaded::Skipped {
            path,
            reason: SkipReason::Empty,
        };
    }
    let source = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(_) => {
            return Loaded::Skipped {
                path,
                reason: SkipReason::Binary,
            }
        }
    };
    let mut doc = Document::from_text(path, source);
    if doc.date.is_none() {
        if let Some(d) = opts.fallback_date {
            doc.date = Some(d);
            doc.date_origin = Some(DateOrigin::CommandLine);
        }
    }
    Loaded::Document(Box::new(doc))
}
