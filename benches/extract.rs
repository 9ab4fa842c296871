//! Throughput: `cargo bench --bench extract` prints MB/s for extraction alone and for
//! extraction plus every built-in rule.
//!
//! The corpus is the shipped examples and claim fixtures (dense in figures: a worst case)
//! repeated to about 20 MB; set `FACTLINT_BENCH_CORPUS=path` to repeat a file of your own
//! instead. It is read as one plain-text document per 64 KB chunk, single-threaded.

use std::path::Path;
use std::time::Instant;

fn corpus() -> String {
    let mut seed = String::new();
    if let Ok(p) = std::env::var("FACTLINT_BENCH_CORPUS") {
        seed = std::fs::read_to_string(p).expect("FACTLINT_BENCH_CORPUS is readable UTF-8");
        return repeat_to_20mb(&seed);
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["examples", "tests/fixtures/claims"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
            .expect("fixture dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
            .collect();
        paths.sort();
        for p in paths {
            seed.push_str(&std::fs::read_to_string(p).expect("fixture"));
            seed.push_str("\n\n");
        }
    }
    repeat_to_20mb(&seed)
}

fn repeat_to_20mb(seed: &str) -> String {
    let mut out = String::with_capacity(21 << 20);
    while out.len() < 20 << 20 {
        out.push_str(seed);
        out.push_str("\n\n");
    }
    out
}

fn main() {
    let text = corpus();
    // one document per ~64 KB chunk cut at a blank line, like a folder of articles
    let mut docs = Vec::new();
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let cut = if rest.len() <= 65_536 {
            rest.len()
        } else {
            rest[65_536..]
                .find("\n\n")
                .map_or(rest.len(), |i| 65_536 + i + 2)
        };
        docs.push(rest[..cut].to_string());
        rest = &rest[cut..];
    }
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut best = f64::MAX;
    let mut claims = 0;
    for _ in 0..3 {
        let start = Instant::now();
        claims = 0;
        for d in &docs {
            let doc = factlint::Document::from_text("bench.txt", d.clone());
            claims += factlint::extract(&doc).len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "extract: {:.1} MB in {:.3} s = {:.1} MB/s single-threaded ({} claims, best of 3)",
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best,
        claims
    );
    let registry = factlint::rules::Registry::builtin().expect("built-in rules load");
    let mut best = f64::MAX;
    let mut findings = 0;
    for _ in 0..3 {
        let start = Instant::now();
        findings = 0;
        for d in &docs {
            let doc = factlint::Document::from_text("bench.txt", d.clone());
            let ex = factlint::extract_all(&doc);
            findings += registry.check(&doc, &ex).len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "extract + check (built-in rules): {:.1} MB in {:.3} s = {:.1} MB/s single-threaded ({} findings, best of 3)",
        bytes as f64 / 1e6,
        best,
        bytes as f64 / 1e6 / best,
        findings
    );
}
