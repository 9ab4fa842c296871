//! Audit benchmark: generates N news-sized articles (about 3 KB each, see `corpus.rs`) in a
//! temporary folder and times the release binary on them, printing seconds, MB/s,
//! documents/s and peak memory (maximum resident set size, from `/usr/bin/time`):
//!
//! - `audit --jobs 1` and `audit` on all cores (no index),
//! - `audit --db` on all cores: a first run that fills the index (and one with
//!   `--no-claims`), then an incremental run after 10 files were edited, and one with
//!   nothing changed,
//! - with `--all`, also `check` and `extract --format jsonl` (single-threaded commands).
//!
//! ```sh
//! cargo build --release && cargo run --release --example audit_bench -- 100000
//! ```
//!
//! Options: `N` (default 20000), `--dir DIR` (generate there, or reuse it if it holds a
//! corpus of that size), `--all`.

mod corpus;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

struct Run {
    name: String,
    seconds: f64,
    /// User + system CPU time (robust when other programs share the cores).
    cpu_seconds: Option<f64>,
    peak_mb: Option<f64>,
    exit: Option<i32>,
}

fn binary() -> PathBuf {
    // target/release/examples/audit_bench → target/release/factlint
    let exe = std::env::current_exe().expect("own path");
    let dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("target directory");
    let bin = dir.join("factlint");
    if !bin.exists() {
        eprintln!(
            "{} not found: run `cargo build --release` first",
            bin.display()
        );
        std::process::exit(2);
    }
    bin
}

/// Runs the binary under `/usr/bin/time` (when present) for its peak memory; output dropped.
fn time(name: &str, bin: &Path, args: &[&str]) -> Run {
    let stats = std::env::temp_dir().join(format!("factlint-bench-{}.time", std::process::id()));
    let have_time = Path::new("/usr/bin/time").exists();
    let mut cmd = if have_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%M %U %S").arg("-o").arg(&stats).arg(bin);
        c
    } else {
        Command::new(bin)
    };
    cmd.args(args).stdout(Stdio::null()).stderr(Stdio::null());
    let start = Instant::now();
    let status = cmd.status().expect("the binary runs");
    let seconds = start.elapsed().as_secs_f64();
    let fields: Vec<f64> = std::fs::read_to_string(&stats)
        .ok()
        .and_then(|s| s.lines().last().map(str::to_string))
        .map(|l| {
            l.split_whitespace()
                .filter_map(|f| f.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    let peak_mb = fields.first().map(|kb| kb / 1024.0);
    let cpu_seconds = (fields.len() == 3).then(|| fields[1] + fields[2]);
    let _ = std::fs::remove_file(&stats);
    Run {
        name: name.to_string(),
        seconds,
        cpu_seconds,
        peak_mb,
        exit: status.code(),
    }
}

fn main() {
    let mut n = 20_000usize;
    let mut dir_arg: Option<PathBuf> = None;
    let mut all = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--dir" => dir_arg = args.next().map(PathBuf::from),
            "--all" => all = true,
            _ => match a.parse() {
                Ok(v) => n = v,
                Err(_) => {
                    eprintln!("usage: audit_bench [N] [--dir DIR] [--all]");
                    std::process::exit(2);
                }
            },
        }
    }
    let bin = binary();
    let tmp;
    let dir = match dir_arg {
        Some(d) => d,
        None => {
            tmp = tempfile::tempdir().expect("temporary directory");
            tmp.path().to_path_buf()
        }
    };
    let corpus = dir.join("corpus");
    let marker = dir.join(format!("corpus-{n}.done"));
    let bytes: u64 = if marker.exists() {
        std::fs::read_to_string(&marker)
            .ok()
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(0)
    } else {
        let _ = std::fs::remove_dir_all(&corpus);
        let start = Instant::now();
        let b = corpus::write_corpus(&corpus, n, 7).expect("corpus written");
        std::fs::write(&marker, b.to_string()).expect("marker written");
        eprintln!(
            "generated {n} documents, {:.1} MB, in {:.1} s",
            b as f64 / 1e6,
            start.elapsed().as_secs_f64()
        );
        b
    };
    let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
    let c = corpus.to_string_lossy().to_string();
    let db = dir.join("bench.sqlite");
    let _ = std::fs::remove_file(&db);
    let d = db.to_string_lossy().to_string();
    let cores_s = cores.to_string();
    let mut runs = vec![
        time(
            "audit --jobs 1",
            &bin,
            &["audit", &c, "-q", "--format", "concise", "--jobs", "1"],
        ),
        time(
            &format!("audit --jobs {cores}"),
            &bin,
            &["audit", &c, "-q", "--format", "concise", "--jobs", &cores_s],
        ),
        time(
            &format!("audit --jobs {cores} --db (first run)"),
            &bin,
            &["audit", &c, "-q", "--format", "concise", "--db", &d],
        ),
    ];
    let db2 = dir.join("bench-no-claims.sqlite");
    let _ = std::fs::remove_file(&db2);
    let d2 = db2.to_string_lossy().to_string();
    runs.push(time(
        &format!("audit --jobs {cores} --db --no-claims (first run)"),
        &bin,
        &[
            "audit",
            &c,
            "-q",
            "--format",
            "concise",
            "--db",
            &d2,
            "--no-claims",
        ],
    ));
    let _ = std::fs::remove_file(&db2);
    // edit 10 documents, then audit again with the index
    for i in 0..10 {
        let k = i * (n / 10).max(1);
        let sub = corpus.join(format!("batch-{:03}", k / 1000));
        if let Ok(rd) = std::fs::read_dir(&sub) {
            let mut names: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            names.sort();
            if let Some(p) = names.get(k % 1000).or(names.first()) {
                let mut text = std::fs::read_to_string(p).unwrap_or_default();
                text.push_str("\nThe harbour office said 1,200 visitors came on the open day.\n");
                let _ = std::fs::write(p, text);
            }
        }
    }
    runs.push(time(
        "audit --db after editing 10 files",
        &bin,
        &["audit", &c, "-q", "--format", "concise", "--db", &d],
    ));
    runs.push(time(
        "audit --db, nothing changed",
        &bin,
        &["audit", &c, "-q", "--format", "concise", "--db", &d],
    ));
    if all {
        runs.push(time(
            "check (1 thread)",
            &bin,
            &["check", &c, "--format", "concise"],
        ));
        runs.push(time(
            "extract --format jsonl (1 thread)",
            &bin,
            &["extract", &c, "--format", "jsonl"],
        ));
    }
    println!(
        "{n} documents, {:.1} MB, {cores} core(s)\n",
        bytes as f64 / 1e6
    );
    println!(
        "{:<48} {:>8} {:>8} {:>8} {:>10} {:>9} {:>5}",
        "run", "seconds", "CPU s", "MB/s", "docs/s", "peak MB", "exit"
    );
    for r in &runs {
        println!(
            "{:<48} {:>8.2} {:>8} {:>8.1} {:>10.0} {:>9} {:>5}",
            r.name,
            r.seconds,
            r.cpu_seconds.map_or("-".to_string(), |c| format!("{c:.2}")),
            bytes as f64 / 1e6 / r.seconds,
            n as f64 / r.seconds,
            r.peak_mb.map_or("-".to_string(), |m| format!("{m:.0}")),
            r.exit.map_or("-".to_string(), |c| c.to_string())
        );
    }
}
