//! The progress bar (indicatif) on standard error: documents, MB/s and findings. Drawn only
//! when standard error is a terminal and `--quiet` is not given; otherwise every call is a
//! no-op.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::{Duration, Instant};

pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    documents: u64,
    bytes: u64,
    findings: u64,
    last_draw: Instant,
}

impl Progress {
    /// A bar on standard error when it is a terminal and `quiet` is false.
    pub fn new(quiet: bool) -> Progress {
        let bar = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        let now = Instant::now();
        Progress {
            bar,
            start: now,
            documents: 0,
            bytes: 0,
            findings: 0,
            last_draw: now,
        }
    }

    /// Counts documents done (read `bytes` of text, made `findings`).
    pub fn add(&mut self, documents: u64, bytes: u64, findings: u64) {
        self.documents += documents;
        self.bytes += bytes;
        self.findings += findings;
        let Some(bar) = &self.bar else { return };
        let now = Instant::now();
        if now.duration_since(self.last_draw) < Duration::from_millis(100) {
            return;
        }
        self.last_draw = now;
        let secs = now.duration_since(self.start).as_secs_f64().max(1e-3);
        bar.set_message(format!(
            "{} documents · {:.1} MB/s · {} findings",
            self.documents,
            self.bytes as f64 / 1e6 / secs,
            self.findings
        ));
    }

    /// Shows a step after the documents ("cross-source rules", "writing the report").
    pub fn stage(&self, what: &str) {
        if let Some(bar) = &self.bar {
            bar.set_message(format!("{} documents · {what}", self.documents));
        }
    }

    /// Runs `f` (which prints to standard error) with the bar hidden.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.bar {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }

    /// A handle other threads can print through.
    pub fn printer(&self) -> Printer {
        Printer {
            bar: self.bar.clone(),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Prints lines to standard error without tearing the progress bar (cloneable, `Send`).
#[derive(Clone)]
pub struct Printer {
    bar: Option<ProgressBar>,
}

impl Printer {
    pub fn eprintln(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}
