//! The stored cross-source index (`CrossIndex::read_bytes`, what `audit --db` reads back
//! from the `cross_state` table of an index file the user names): damaged bytes are refused
//! or read into an index that checks, canonicalises and writes itself again without a panic.
//!
//! The first input byte chooses how the rest is used: even, as the stored bytes themselves;
//! odd, as (position, value) pairs overwriting the bytes of a real index (built once from
//! tests/fixtures/cross), so damage deep inside valid data is tried as well.

#![no_main]

mod common;

use factlint::cross::{CrossIndex, DocRecord};
use factlint::input::plain;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

/// The bytes of an index of the cross-source fixtures.
static REAL: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut index = CrossIndex::new(&common::BUILTIN);
    let mut paths: Vec<_> = std::fs::read_dir("tests/fixtures/cross")
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap_or_default();
        let doc = plain::parse(p.display().to_string(), text, &common::options());
        index.add(DocRecord::from_document(&doc, &factlint::extract_all(&doc)));
    }
    index.to_bytes()
});

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        let mut b = REAL.clone();
        for pair in rest.chunks_exact(3) {
            if !b.is_empty() {
                let at = usize::from(u16::from_le_bytes([pair[0], pair[1]])) % b.len();
                b[at] = pair[2];
            }
        }
        b
    };
    let mut index = CrossIndex::new(&common::BUILTIN);
    if index.read_bytes(&bytes).is_err() {
        assert!(index.is_empty(), "a refused index stays empty");
        return;
    }
    for f in index.findings() {
        assert!(f.finding.span.start <= f.finding.span.end);
    }
    let n = index.len();
    let again = index.canonical().to_bytes();
    let mut back = CrossIndex::new(&common::BUILTIN);
    back.read_bytes(&again).expect("an index it wrote reads back");
    assert_eq!(back.len(), n);
});
