//! `factlint audit`: check an archive — every document in parallel, then the cross-source
//! rules over all of them — with an optional claims index (`--db`) that makes the next audit
//! incremental, and an optional HTML report (`--report`).

use super::{inputs, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::audit::index::{Index, IndexError, Lookup};
use crate::audit::pipeline::{self, Governing, Options};
use crate::audit::progress::Progress;
use crate::audit::render::{Format, Writer};
use crate::audit::{html_report, AuditSummary};
use crate::cli::{AuditArgs, AuditFormat};
use crate::config::{Config, ConfigError, Settings};
use crate::cross::{CrossIndex, DocRecord};
use crate::findings::Severity;
use crate::input::InputRef;
use std::collections::HashMap;
use std::io;
use std::path::PathBuf;
use std::sync::Arc;

/// An error that ends the audit.
enum Failure {
    Index(IndexError),
    Output(io::Error),
    Config(ConfigError),
}

impl From<IndexError> for Failure {
    fn from(e: IndexError) -> Failure {
        Failure::Index(e)
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Failure {
        Failure::Output(e)
    }
}

pub fn run(args: &AuditArgs) -> i32 {
    let fallback_date = match inputs::parse_date(args.date.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let jobs = match args.jobs {
        Some(0) => {
            eprintln!("factlint: error: --jobs must be at least 1");
            return EXIT_ERROR;
        }
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    // the configuration of the first input names the cross-source rules (which see every
    // document) and the run's fail-on; each document is checked under its own
    let first_path = args.paths.first().map_or(".", String::as_str);
    let (mut resolver, first) = match super::resolver_at(&args.rules, &args.config, first_path) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let index = match &args.db {
        Some(path) => Index::open(path),
        None => Index::temporary(),
    };
    let mut index = match index {
        Ok(i) => i,
        Err(e) => {
            eprintln!("factlint: error: claims index {e}");
            return EXIT_ERROR;
        }
    };
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("factlint-audit-{i}"))
        .build()
    {
        Ok(p) => p,
        Err(e) => {
            eprintln!("factlint: error: cannot start {jobs} worker threads: {e}");
            return EXIT_ERROR;
        }
    };
    let opts = Options {
        paths: args.paths.iter().map(|p| lexical(p)).collect(),
        fallback_date,
        claims: !args.no_claims,
        limits: args.limits.limits(),
    };
    let mut fingerprints: HashMap<Option<PathBuf>, Arc<str>> = HashMap::new();
    let mut govern = |inp: &InputRef| -> Result<Governing, ConfigError> {
        let config = super::inputs::config_of(&mut resolver, inp)?;
        let fingerprint = fingerprints
            .entry(config.path.clone())
            .or_insert_with(|| fingerprint(&config, args, fallback_date).into())
            .clone();
        Ok(Governing {
            config,
            fingerprint,
        })
    };
    let cross_fingerprint = fingerprint(&first, args, fallback_date);
    let settings = first.settings(first_path);
    let run = audit(
        args,
        &opts,
        &settings,
        &cross_fingerprint,
        &mut index,
        &pool,
        &mut govern,
    );
    match run {
        Ok(summary) => {
            if let Err(e) = index.close() {
                eprintln!("factlint: error: claims index {e}");
                return EXIT_ERROR;
            }
            let c = &summary.check;
            let failing = match args.fail_on.or(first.fail_on).unwrap_or(Severity::Error) {
                Severity::Error => c.errors > 0,
                Severity::Warning => c.errors + c.warnings > 0,
                Severity::Info => c.findings > 0,
            };
            if c.inputs.failed > 0 {
                EXIT_ERROR
            } else if failing {
                EXIT_FINDINGS
            } else {
                EXIT_CLEAN
            }
        }
        Err(Failure::Index(e)) => {
            eprintln!("factlint: error: claims index {e}");
            EXIT_ERROR
        }
        Err(Failure::Output(e)) => inputs::output_error(e),
        Err(Failure::Config(e)) => {
            let _ = index.close();
            inputs::config_error(e)
        }
    }
}

/// The audit: `settings` switch the cross-source rules on and grade them,
/// `cross_fingerprint` is what their stored index depends on; `govern` gives each input's
/// configuration.
fn audit(
    args: &AuditArgs,
    opts: &Options,
    settings: &Settings,
    cross_fingerprint: &str,
    index: &mut Index,
    pool: &rayon::ThreadPool,
    govern: &mut pipeline::Govern,
) -> Result<AuditSummary, Failure> {
    let mut progress = Progress::new(args.quiet);
    // the stored cross-source index is read on a thread of its own meanwhile
    let mut load = CrossLoad::start(settings, index, cross_fingerprint)?;
    let stage = if load.wants_records() {
        let mut take = |rec| load.record(rec);
        pipeline::run(opts, index, &mut progress, pool, Some(&mut take), govern)
    } else {
        pipeline::run(opts, index, &mut progress, pool, None, govern)
    };
    let mut stage = stage?;
    let (mut cross, source, warning) = load.finish()?;
    if let Some(w) = warning {
        progress.suspend(|| eprintln!("{w}"));
    }
    if let Some(e) = stage.config_error.take() {
        progress.finish();
        return Err(Failure::Config(e));
    }
    let removed = if index.is_persistent() {
        index.remove_missing(
            &stage.reused_files,
            &stage.kept_docs,
            &stage.kept_files,
            stage.extracted + stage.reused,
        )?
    } else {
        Vec::new()
    };
    for path in &removed {
        cross.remove(path);
    }

    // the stored cross-source findings stand when the stored index is unchanged
    let unchanged = source == CrossSource::Stored && stage.extracted == 0 && removed.is_empty();
    if !unchanged {
        progress.stage("cross-source rules");
        if source == CrossSource::Rebuild {
            let unreadable = index.for_each_record(pool, |rec| cross.add(rec))?;
            if unreadable > 0 {
                progress.suspend(|| {
                    eprintln!(
                        "factlint: warning: claims index {}: {unreadable} stored record(s) could not be read; rerun the audit without the index to rebuild it",
                        index.path().display()
                    )
                });
            }
        }
        // documents arrived in the order the workers finished them: the same index, in path
        // order, finds the same as an audit from scratch
        let cross = cross.canonical();
        let bytes = (index.is_persistent() && cross.has_rules()).then(|| cross.to_bytes());
        let state = bytes.as_deref().map(|b| (cross_fingerprint, b));
        let mut found = cross.findings();
        settings.adjust_cross(&mut found);
        index.replace_cross_findings(&found, state)?;
    }

    let (all, cross_counts) = index.counts()?;
    let mut summary = AuditSummary {
        cross_findings: cross_counts.total(),
        extracted: stage.extracted,
        reused: stage.reused,
        removed: removed.len(),
        ..AuditSummary::default()
    };
    summary.check.inputs = stage.inputs;
    summary.check.findings = all.total();
    summary.check.errors = all.errors;
    summary.check.warnings = all.warnings;
    summary.check.infos = all.infos;

    if let Some(path) = &args.report {
        progress.stage("writing the report");
        let html = html_report::render(index, &summary)?;
        crate::atomic::write_atomic(path, html.as_bytes()).map_err(|e| {
            Failure::Output(io::Error::new(
                e.kind(),
                format!("report {}: {e}", path.display()),
            ))
        })?;
    }
    progress.finish();

    let format = match args.format {
        AuditFormat::Human => Format::Human,
        AuditFormat::Concise => Format::Concise,
        AuditFormat::Json => Format::Json,
        AuditFormat::Jsonl => Format::Jsonl,
    };
    let stdout = io::stdout();
    let mut writer = Writer::new(format, io::BufWriter::new(stdout.lock()));
    index.for_each_finding(|f| writer.finding(&f).map_err(Failure::Output))?;
    writer.finish(&summary)?;
    if matches!(format, Format::Json | Format::Jsonl) {
        eprintln!("factlint: {}", summary.line());
    }
    Ok(summary)
}

/// A path as the index keys it: `.` and empty components dropped (`./archive//2021/` is
/// `archive/2021`), so the same folder named another way reuses the index. Symbolic links
/// and `..` are left as written; `-` stays standard input.
fn lexical(path: &str) -> String {
    if path == "-" {
        return path.to_string();
    }
    let p = std::path::Path::new(path);
    let mut parts = p.components().peekable();
    let mut out = PathBuf::new();
    if let Some(std::path::Component::CurDir) = parts.peek() {
        parts.next();
        if parts.peek().is_none() {
            return ".".to_string();
        }
    }
    out.extend(parts);
    out.to_string_lossy().into_owned()
}

/// Where the audit's cross-source index comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CrossSource {
    /// The index stored by the last audit (made with the same rules): documents extracted
    /// or removed in this audit are put in or taken out.
    Stored,
    /// Nothing stored to reuse: filled as the documents are extracted.
    Fresh,
    /// Documents are stored but their cross-source index is not (an interrupted audit, other
    /// rules): rebuilt from every stored record after the documents stage.
    Rebuild,
}

/// The cross-source index the audit starts from, where it comes from, and a warning to
/// print (the stored index could not be read).
type Start = (CrossIndex, CrossSource, Option<String>);

/// The cross-source index to start from, read from the index (a snapshot of it) on a
/// thread of its own while the documents stage reads the index's files table and walks
/// the archive: reading and decoding the stored index of 100,000 documents (21 MB) takes
/// about a third of a second. The first extracted document's record waits for it.
struct CrossLoad {
    loading: Option<std::thread::JoinHandle<Result<Start, IndexError>>>,
    loaded: Option<Result<Start, IndexError>>,
    /// The index's path, for an error of the reading thread.
    path: PathBuf,
}

impl CrossLoad {
    fn start(
        settings: &Settings,
        index: &Index,
        fingerprint: &str,
    ) -> Result<CrossLoad, IndexError> {
        let mut load = CrossLoad {
            loading: None,
            loaded: None,
            path: index.path().to_path_buf(),
        };
        let cross = settings.cross_index();
        let view = if cross.has_rules() {
            index.snapshot()?
        } else {
            None
        };
        let Some(view) = view else {
            // no rules, or a temporary index: nothing stored
            load.loaded = Some(Ok((cross, CrossSource::Fresh, None)));
            return Ok(load);
        };
        let fresh = settings.cross_index();
        let fingerprint = fingerprint.to_string();
        let handle = std::thread::Builder::new()
            .name("factlint-cross".into())
            .spawn(move || stored_cross_index(cross, fresh, &view, &fingerprint))
            .map_err(|e| IndexError {
                path: load.path.clone(),
                message: format!("cannot start a thread: {e}"),
            })?;
        load.loading = Some(handle);
        Ok(load)
    }

    /// Whether the documents stage hands on its records (there are cross-source rules).
    fn wants_records(&self) -> bool {
        match &self.loaded {
            Some(Ok((cross, ..))) => cross.has_rules(),
            _ => true,
        }
    }

    /// An extracted document's record: put in the index (in place of its older version),
    /// once the index is read; dropped when the index is to be rebuilt.
    fn record(&mut self, rec: DocRecord) {
        self.join();
        if let Some(Ok((cross, source, _))) = &mut self.loaded {
            if *source != CrossSource::Rebuild {
                cross.replace(rec);
            }
        }
    }

    /// Waits for the reading thread, if it is still running.
    fn join(&mut self) {
        let Some(handle) = self.loading.take() else {
            return;
        };
        self.loaded = Some(handle.join().unwrap_or_else(|_| {
            Err(IndexError {
                path: self.path.clone(),
                message: "internal error while reading the stored cross-source index".into(),
            })
        }));
    }

    fn finish(mut self) -> Result<Start, IndexError> {
        self.join();
        self.loaded.take().expect("joined")
    }
}

/// The stored cross-source index (read into `cross`) when there is one made with these
/// rules; else `fresh`, to be filled as documents are extracted (none is stored) or
/// rebuilt from the stored records.
fn stored_cross_index(
    mut cross: CrossIndex,
    fresh: CrossIndex,
    view: &Lookup,
    fingerprint: &str,
) -> Result<Start, IndexError> {
    let mut warning = None;
    if let Some(bytes) = view.cross_state(fingerprint)? {
        match cross.read_bytes(&bytes) {
            Ok(()) => return Ok((cross, CrossSource::Stored, None)),
            Err(e) => {
                warning = Some(format!(
                    "factlint: warning: claims index {}: stored cross-source index unreadable ({e}); rebuilding it",
                    view.path().display()
                ));
            }
        }
    }
    let source = if view.document_count()? == 0 {
        CrossSource::Fresh
    } else {
        CrossSource::Rebuild
    };
    Ok((fresh, source, warning))
}

/// What the stored results depend on besides a document's text: the program, the rules and
/// configuration governing it, the fallback date and the limits. Results made under another
/// fingerprint are never reused.
fn fingerprint(
    config: &Config,
    args: &AuditArgs,
    fallback_date: Option<jiff::civil::Date>,
) -> String {
    let registry = &config.registry;
    let mut h = blake3::Hasher::new();
    h.update(b"factlint-audit\0");
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    for (name, text) in crate::rules::BUILTIN_PACKS {
        h.update(name.as_bytes());
        h.update(text.as_bytes());
    }
    for r in &registry.rules {
        for part in [
            r.id.as_str(),
            r.kind.as_str(),
            r.severity.as_str(),
            r.message.as_str(),
            r.message_outside.as_deref().unwrap_or(""),
            r.message_loose.as_deref().unwrap_or(""),
            r.origin.as_str(),
        ] {
            h.update(part.as_bytes());
            h.update(b"\0");
        }
    }
    // the user's packs and the configuration file, whole (a rule's parameters are not
    // visible on the loaded rule)
    let mut files: Vec<&str> = registry
        .rules
        .iter()
        .map(|r| r.origin.as_str())
        .filter(|o| !o.starts_with("builtin:"))
        .collect();
    files.sort_unstable();
    files.dedup();
    let config_file = config.path.as_ref().map(|p| p.to_string_lossy());
    for f in files.into_iter().chain(config_file.as_deref()) {
        h.update(f.as_bytes());
        h.update(b"\0");
        h.update(&std::fs::read(f).unwrap_or_default());
    }
    if let Some(d) = fallback_date {
        h.update(d.to_string().as_bytes());
    }
    if args.no_claims {
        h.update(b"\0no-claims");
    }
    h.update(format!("{:?}", args.limits.limits()).as_bytes());
    h.finalize().to_hex()[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::lexical;

    #[test]
    fn paths_are_keyed_without_dot_and_empty_components() {
        assert_eq!(lexical("./a//b/./c/"), "a/b/c");
        assert_eq!(lexical("a/b"), "a/b");
        assert_eq!(lexical("."), ".");
        assert_eq!(lexical("./"), ".");
        assert_eq!(lexical("../x/./y"), "../x/y");
        assert_eq!(lexical("/abs//p/"), "/abs/p");
        assert_eq!(lexical("-"), "-");
    }
}
