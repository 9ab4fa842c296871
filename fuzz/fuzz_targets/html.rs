//! The HTML reader: bytes → Document (article text chosen by elements, character references
//! decoded with an offset-map run after each, metadata from meta tags and JSON-LD) → claims →
//! the built-in rules. Asserts that every span maps back into the page on character
//! boundaries and that a claim's text is the page's own bytes under its span.

#![no_main]

mod common;

use factlint::input::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(doc) = common::load(data, Format::Html) {
        common::run_pipeline(&doc);
    }
});
