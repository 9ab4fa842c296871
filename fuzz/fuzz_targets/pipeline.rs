//! The text pipeline: bytes → Document (the plain-text reader, as `factlint check` loads a
//! file) → claims → the built-in rules → every reporter. Asserts that every span of every
//! claim, sentence and finding is a span of the source on character boundaries.

#![no_main]

mod common;

use factlint::input::Format;
use factlint::report::{
    concise::Concise, github::Github, human::Human, json::Json, jsonl::Jsonl, junit::Junit,
    sarif::Sarif, CheckSummary, Reporter,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(doc) = common::load(data, Format::Plain) else {
        return;
    };
    let findings = common::run_pipeline(&doc);
    let mut summary = CheckSummary::default();
    summary.count(&findings);
    let reporters: Vec<Box<dyn Reporter>> = vec![
        Box::new(Human::default()),
        Box::new(Concise),
        Box::new(Json::default()),
        Box::new(Jsonl),
        Box::new(Github),
        Box::new(Junit::default()),
        Box::new(Sarif::new(&common::BUILTIN)),
    ];
    for mut r in reporters {
        let mut out = Vec::new();
        r.document(&doc, &findings, &mut out)
            .expect("writes to memory");
        r.finish(&summary, &mut out).expect("writes to memory");
    }
});
