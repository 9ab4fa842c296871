//! Throughput: `cargo bench --bench extract` prints MB/s and documents/s for sentence
//! splitting and tokenizing alone (the floor under the rest), for extraction, and for
//! extraction plus every built-in rule, single-threaded and on all cores, and the peak
//! resident memory of the run.
//!
//! The corpus is the shipped examples and claim fixtures (dense in figures: a worst case)
//! repeated to about 20 MB; set `FACTLINT_BENCH_CORPUS=path` to repeat a file of your own
//! instead. It is read as one plain-text document per 64 KB chunk (cut at a blank line);
//! with `FACTLINT_BENCH_SPLIT=lines` every non-empty line is a document instead (for corpora
//! with one article per line). The all-core runs hand documents to one thread per core
//! (`std::thread::available_parallelism`), each taking the next unread document. Each figure
//! is the best of three runs; beside the wall-clock rate it prints MB per CPU-second (the
//! process's CPU time from /proc), which other load on a shared machine disturbs less.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The allocator the `factlint` binary uses (src/main.rs), so the figures are the binary's.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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

/// The documents of the corpus: 64 KB chunks cut at a blank line, like a folder of
/// articles, or (`FACTLINT_BENCH_SPLIT=lines`) one document per non-empty line.
fn documents(text: &str) -> Vec<String> {
    if std::env::var("FACTLINT_BENCH_SPLIT").is_ok_and(|s| s == "lines") {
        return text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_string)
            .collect();
    }
    let mut docs = Vec::new();
    let mut rest = text;
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
    docs
}

/// How much of the pipeline a run goes through.
#[derive(Clone, Copy)]
enum Stage<'a> {
    /// Sentences and their tokens only: the floor under everything after it.
    Sentences,
    /// Extraction.
    Extract,
    /// Extraction and every built-in rule.
    Check(&'a factlint::rules::Registry),
}

/// One document through `stage`: sentences, claims or findings counted.
fn run_one(d: &str, stage: Stage) -> usize {
    let doc = factlint::Document::from_text("bench.txt", d.to_string());
    match stage {
        Stage::Sentences => factlint::text::sentences::split(&doc).len(),
        Stage::Extract => factlint::extract(&doc).len(),
        Stage::Check(r) => {
            let ex = factlint::extract_all(&doc);
            r.check(&doc, &ex).len()
        }
    }
}

/// CPU time used by this process so far (all threads, user and system), in seconds, where
/// /proc tells it (in USER_HZ ticks of 1/100 s).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // fields after the parenthesised command name: state is the first, utime the 12th
    let rest = &stat[stat.rfind(')')? + 1..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

/// The best of three runs over every document on `threads` threads: (wall-clock seconds,
/// CPU seconds, count), each the least of the three runs.
fn best_of_3(docs: &[String], stage: Stage, threads: usize) -> (f64, Option<f64>, usize) {
    let mut best = f64::MAX;
    let mut best_cpu: Option<f64> = None;
    let mut count = 0;
    for _ in 0..3 {
        let cpu_start = cpu_seconds();
        let start = Instant::now();
        count = if threads == 1 {
            docs.iter().map(|d| run_one(d, stage)).sum()
        } else {
            let next = AtomicUsize::new(0);
            std::thread::scope(|s| {
                let workers: Vec<_> = (0..threads)
                    .map(|_| {
                        s.spawn(|| {
                            let mut n = 0;
                            loop {
                                let k = next.fetch_add(1, Ordering::Relaxed);
                                let Some(d) = docs.get(k) else { break n };
                                n += run_one(d, stage);
                            }
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .map(|w| w.join().expect("bench worker"))
                    .sum()
            })
        };
        best = best.min(start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu_start, cpu_seconds()) {
            best_cpu = Some(best_cpu.map_or(b - a, |c: f64| c.min(b - a)));
        }
    }
    (best, best_cpu, count)
}

/// Peak resident set size of this process (VmHWM), in MB, where /proc tells it.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    let docs = documents(&corpus());
    let bytes: usize = docs.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let registry = factlint::rules::Registry::builtin().expect("built-in rules load");
    println!(
        "corpus: {mb:.1} MB in {} documents; {cores} core(s); best of 3 runs each",
        docs.len()
    );
    for (label, stage, what) in [
        ("sentences and tokens", Stage::Sentences, "sentences"),
        ("extract", Stage::Extract, "claims"),
        (
            "extract + check (built-in rules)",
            Stage::Check(&registry),
            "findings",
        ),
    ] {
        let mut threads = vec![1];
        if cores > 1 {
            threads.push(cores);
        }
        for t in threads {
            let (secs, cpu, count) = best_of_3(&docs, stage, t);
            let how = if t == 1 {
                "single-threaded".to_string()
            } else {
                format!("{t} threads")
            };
            // on a shared machine the CPU time tells the work done better than the clock
            let per_cpu = cpu.filter(|c| *c > 0.0).map_or(String::new(), |c| {
                format!("; {:.1} MB per CPU-second", mb / c)
            });
            println!(
                "{label}, {how}: {secs:.3} s = {:.1} MB/s, {:.0} documents/s{per_cpu} ({count} {what})",
                mb / secs,
                docs.len() as f64 / secs,
            );
        }
    }
    if let Some(rss) = peak_rss_mb() {
        println!("peak resident memory (VmHWM): {rss:.0} MB");
    }
}
