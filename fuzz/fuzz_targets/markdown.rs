//! The Markdown reader with its YAML front matter: bytes → Document (blanked prose view,
//! blocks, front-matter date and metadata) → claims. Asserts the reader's offset invariants
//! and that every claim span is a span of the source.

#![no_main]

mod common;

use factlint::input::{markdown, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The front-matter parser alone, on any text.
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = markdown::read_front_matter(s);
        let _ = markdown::find_front_matter(s);
    }
    // The whole reader, as `factlint check x.md` loads it.
    let Some(doc) = common::load(data, Format::Markdown) else {
        return;
    };
    common::assert_document(&doc);
    let ex = factlint::extract_all(&doc);
    common::assert_extraction(&doc, &ex);
});
