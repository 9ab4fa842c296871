//! Reading the inputs a command names, one document at a time, accounting for each.

use super::summary::Summary;
use super::EXIT_ERROR;
use crate::config::Config;
use crate::document::{DateOrigin, Document};
use crate::extract::Extraction;
use crate::findings::Finding;
use crate::input::{self, LoadOptions, Loaded};
use jiff::civil::Date;

/// Reports a configuration error (file, line, column and message); the exit code for it.
pub fn config_error(e: crate::config::ConfigError) -> i32 {
    eprintln!("factlint: error: {e}");
    EXIT_ERROR
}

/// Checks one document under the configuration governing it, as `check` and `audit` both
/// do: the configuration's date when the document states none, extraction (at most
/// `max_claims` claims), the rules switched on for its path, inline suppressions, then the
/// configuration's severities and accepted spellings.
pub fn check_document(
    doc: &mut Document,
    config: &Config,
    max_claims: usize,
) -> (Extraction, Vec<Finding>) {
    let settings = config.settings(&doc.path);
    date_from_config(doc, settings.date);
    let mut ex = crate::extract_all(doc);
    if let Some(n) = crate::input::limits::cap_claims(&mut ex, max_claims) {
        claims_dropped(&doc.path, n, max_claims);
    }
    let mut findings = config.registry.check_rules(doc, &ex, settings.rules());
    findings = crate::suppress::apply(doc, findings, &config.registry);
    settings.adjust(&mut findings, |f| doc.original_slice(f.span).to_string());
    (ex, findings)
}

/// Gives a document that states no date its configuration's `date` (`configured`), as
/// `check`, `extract` and `audit` all do before extracting.
pub fn date_from_config(doc: &mut Document, configured: Option<Date>) {
    if doc.date.is_none() && configured.is_some() {
        doc.date = configured;
        doc.date_origin = Some(DateOrigin::Config);
    }
}

/// The configuration governing the documents of one input: that of the input's file (a WARC
/// page is named by its URI and a JSONL line `FILE#ID`, neither a place to look one up from).
pub fn config_of(
    resolver: &mut crate::config::Resolver,
    inp: &input::InputRef,
) -> Result<std::sync::Arc<Config>, crate::config::ConfigError> {
    match inp {
        input::InputRef::File(p) => resolver.for_file(p),
        other => resolver.for_path(&other.display()),
    }
}

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
/// date and the limits. `f` is also given the input the document comes from (a WARC
/// page's `path` is its URI, not its file's).
pub fn for_each_document(
    paths: &[String],
    opts: &LoadOptions,
    mut f: impl FnMut(&input::InputRef, Document) -> std::io::Result<()>,
) -> std::io::Result<Summary> {
    let mut summary = Summary::new(opts.limits);
    let mut names = input::names::DocumentNames::new();
    for inp in input::walk::expand(paths) {
        for loaded in input::open(&inp, opts) {
            summary.record(&loaded);
            if let Loaded::Document(mut doc) = loaded {
                names.claim(&mut doc);
                for w in &doc.warnings {
                    eprintln!("factlint: warning: {}: {}", doc.path, w.message);
                }
                f(&inp, *doc)?;
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
