//! The two seed articles the project started from (read from ../shared/seeds, not copied
//! into the repository): the findings an editor would want, and no false alarms. Skipped
//! with a message when the seeds are not beside the repository (they are in CI).

mod common;

use factlint::input::{self, InputRef, LoadOptions, Loaded};
use std::path::Path;

#[test]
fn seed_articles_give_the_findings_an_editor_wants() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have the seeds at {}",
            dir.display()
        );
        eprintln!("skipped: no seed articles at {}", dir.display());
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let reg = factlint::rules::Registry::builtin().unwrap();
    let mut out = String::new();
    for p in &paths {
        let Loaded::Document(doc) =
            input::load(&InputRef::File(p.clone()), &LoadOptions::default())
        else {
            panic!("{} loads", p.display());
        };
        let ex = factlint::extract_all(&doc);
        out.push_str(&format!("{}\n", p.file_name().unwrap().to_string_lossy()));
        for f in reg.check(&doc, &ex) {
            let (line, col) = doc.line_col(f.span.start);
            out.push_str(&format!(
                "  {line}:{col} {}[{}] {}\n",
                f.severity.as_str(),
                f.rule,
                f.message
            ));
        }
    }
    // what an editor wants from the seeds
    for expected in [
        "error[organisation-name] \"Institue\" looks misspelled",
        "warning[organisation-name] \"Dev't\" is abbreviated",
        "[spelled-two-ways] \"cyber space\"",
        "info[rate-from-total] more than 2,000 attacks every second holds",
        "\"outerspace\"",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    common::with_snapshots(|| insta::assert_snapshot!("seeds_findings", out));
}
