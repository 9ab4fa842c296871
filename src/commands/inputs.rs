//! Reading the inputs a command names, one document at a time, accounting for each.

use super::summary::Summary;
use super::EXIT_ERROR;
use crate::document::Document;
use crate::input::{self, LoadOptions, Loaded};
use jiff::civil::Date;

/// Parses `--date`; a bad date is a usage error (reported, exit code 2).
pub fn parse_date(date: Option<&str>) -> Result<Option<Date>, i32> {
    match date.map(str::parse::<Date>) {
        None => Ok(None),
        Some(Ok(d)) => Ok(Some(d)),
        Some(Err(e)) => {
            eprintln!("factlint: error: --date {:?}: {e}", date.unwrap_or(""));
            Err(EXIT_ERROR)
        }
    }
}

/// Reads every input named by `paths` and hands each document to `f`, in order; skips and
/// failures are reported on stderr and counted. Archives (JSONL, WARC) are read as streams:
/// each line or page is one input, and only one document is in memory at a time. Stops
/// early only when `f` fails (output could not be written). `opts` carries the fallback
/// date and the limits.
pub fn for_each_document(
    paths: &[String],
    opts: &LoadOptions,
    mut f: impl FnMut(Document) -> std::io::Result<()>,
) -> std::io::Result<Summary> {
    let mut summary = Summary::new(opts.limits);
    for inp in input::walk::expand(paths) {
        for loaded in input::open(&inp, opts) {
            summary.record(&loaded);
            if let Loaded::Document(doc) = loaded {
                for w in &doc.warnings {
                    eprintln!("factlint: warning: {}: {}", doc.path, w.message);
                }
                f(*doc)?;
            }
        }
    }
    Ok(summary)
}

/// Reports the claims of a document dropped over `--max-claims`.
pub fn claims_dropped(path: &str, dropped: usize, max: usize) {
    eprintln!(
        "factlint: warning: {path}: {dropped} claims past the limit of {max} per document \
         dropped (--max-claims)"
    );
}

/// Exit quietly on a closed pipe (`factlint … | head`), otherwise report the write error.
pub fn output_error(e: std::io::Error) -> i32 {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return super::EXIT_CLEAN;
    }
    eprintln!("factlint: error: writing output: {e}");
    EXIT_ERROR
}
