//! The WARC reader, and gzip under it: bytes (a `.warc`, or a `.warc.gz` when they start
//! with the gzip magic) → every record's document (HTTP payload de-chunked, decompressed,
//! transcoded) → claims. Small limits keep each run fast; reaching one must be a skip or a
//! failure, never a panic. Asserts every document's spans as the pipeline target does.

#![no_main]

mod common;

use factlint::input::{compressed, warc, Loaded};
use libfuzzer_sys::fuzz_target;
use std::io::Cursor;

fuzz_target!(|data: &[u8]| {
    let mut opts = common::options();
    opts.limits.max_document_bytes = 256 * 1024;
    opts.limits.max_decompressed_bytes = 4 * 1024 * 1024;
    opts.limits.max_header_bytes = 16 * 1024;
    let records: Box<dyn Iterator<Item = Loaded>> = if compressed::is_gzip(data) {
        let gz = compressed::gunzip(
            Cursor::new(data.to_vec()),
            opts.limits.max_decompressed_bytes,
        );
        Box::new(warc::Records::new("fuzz.warc.gz".into(), gz, &opts))
    } else {
        Box::new(warc::Records::new("fuzz.warc".into(), data, &opts))
    };
    for (n, loaded) in records.enumerate() {
        assert!(
            n <= data.len() + 1,
            "more inputs than bytes: the reader does not advance"
        );
        if let Loaded::Document(doc) = loaded {
            common::assert_document(&doc);
            let ex = factlint::extract_all(&doc);
            common::assert_extraction(&doc, &ex);
        }
    }
});
