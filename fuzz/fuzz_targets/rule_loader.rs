//! The rule-pack loader: bytes as a YAML pack through `Registry::add_pack` (strict
//! deserialisation, id and parameter checks, templates, regex compilation, each kind's
//! `build`). A pack that loads then runs its own examples.
//!
//! Inputs naming a `gazetteer` or `lexicon` file are skipped: those keys read files from
//! disk, which a fuzzer must not do (the file readers have their own tests).

#![no_main]

use factlint::rules::Registry;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if text.contains("gazetteer") || text.contains("lexicon") {
        return;
    }
    let mut reg = Registry::default();
    match reg.add_pack("fuzz.yaml", text, Path::new("/nonexistent")) {
        Ok(()) => {
            let _ = reg.test_examples();
        }
        Err(e) => {
            assert!(e.line >= 1 && e.column >= 1, "located error: {e}");
            assert!(reg.rules.is_empty(), "a pack with an error adds no rule");
            let _ = e.to_string();
        }
    }
});
