//! The audit's documents stage, in three parts joined by bounded channels:
//!
//! - one **input thread** walks the inputs, skips files the index already holds unchanged
//!   (same size, modification time and rules), reads the others one document at a time,
//!   hashes each and skips documents whose content hash is stored; the rest go to
//! - the **workers** (a rayon pool of `--jobs` threads, `par_bridge` over the channel), which
//!   extract, check and reduce each document to rows (findings with line and column, claims,
//!   the cross-source record), dropping its text; the rows go to
//! - the **writer** (the calling thread), which stores them in the index, committing every
//!   [`BATCH`] documents.
//!
//! Documents and results travel in parcels, each handed on once it holds [`PARCEL_DOCS`]
//! documents or [`PARCEL_BYTES`] of text (so it holds less than that plus one document), so
//! that threads hand work on, and wake each other, once a parcel rather than once a
//! document. At most `2 × jobs` parcels wait in the input channel, one is in each worker's
//! hands and `2 × jobs + 4` parcels of results wait for the writer: that, not the archive,
//! bounds the texts in memory.

use super::index::{DocumentRow, FileRow, Index, IndexError};
use super::progress::{Printer, Progress};
use super::{Excerpt, FindingRow, RelatedRow, Scope};
use crate::commands::summary::{Problem, Summary, MAX_LISTED_PROBLEMS};
use crate::config::{Config, ConfigError};
use crate::cross::DocRecord;
use crate::document::{Document, LineIndex};
use crate::input::names::named_after_file;
use crate::input::{self, InputRef, LoadOptions, Loaded};
use jiff::civil::Date;
use rayon::iter::{ParallelBridge, ParallelIterator};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Documents per transaction (a transaction also ends after [`BATCH_TIME`]).
pub const BATCH: usize = 512;
pub const BATCH_TIME: Duration = Duration::from_secs(1);

/// The most documents in a parcel handed from one thread to the next.
pub const PARCEL_DOCS: usize = 32;
/// The text in a parcel, in bytes, past which it is handed on.
pub const PARCEL_BYTES: usize = 128 * 1024;

/// The longest excerpt kept with a finding for the human format, in bytes.
const EXCERPT_MAX: usize = 600;

/// What the documents stage needs to know.
pub struct Options {
    pub paths: Vec<String>,
    pub fallback_date: Option<Date>,
    /// Store each document's claims (with a persistent index).
    pub claims: bool,
    /// Size and claim limits (`--max-document-size`, `--max-claims`, ...).
    pub limits: crate::input::limits::Limits,
}

/// What the documents stage did.
#[derive(Debug, Default)]
pub struct Stage {
    pub inputs: Summary,
    pub extracted: usize,
    pub reused: usize,
    /// Files wholly reused (none of their documents read).
    pub reused_files: HashSet<String>,
    /// Documents read this time (extracted or found unchanged by hash).
    pub kept_docs: HashSet<String>,
    /// Files whose every document is in the index.
    pub kept_files: HashSet<String>,
    /// Bytes of text read.
    pub bytes: u64,
    /// A configuration file found on the way that could not be used: the input thread
    /// stopped there.
    pub config_error: Option<ConfigError>,
}

/// What governs the documents of one input file: its configuration, and the fingerprint of
/// everything their results depend on besides their text (stored results made under
/// another fingerprint are not reused).
#[derive(Clone)]
pub struct Governing {
    pub config: Arc<Config>,
    pub fingerprint: Arc<str>,
}

/// Finds what governs an input (called by the input thread, once per input file).
pub type Govern<'a> = dyn FnMut(&InputRef) -> Result<Governing, ConfigError> + Send + 'a;

/// A stored skip or failure inside a file, kept so a reused file is accounted for the same way.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct StoredProblem {
    path: String,
    /// The skip reason's code.
    reason: String,
    /// The reason in words, as first reported.
    message: String,
}

/// A document for the workers.
struct Work {
    doc: Document,
    file: String,
    hash: String,
    governing: Governing,
}

/// What the writer receives.
enum Msg {
    /// A document extracted and checked by a worker.
    Extracted { row: Box<DocumentRow> },
    /// A worker could not finish a document (a bug: an extractor or rule panicked).
    Crashed {
        file: String,
        path: String,
        error: String,
    },
    /// A document whose stored results are current (found by its content hash).
    Unchanged {
        file: String,
        path: String,
        bytes: usize,
    },
    /// An input (or a record inside one) that gave no document.
    Problem { file: String, loaded: Loaded },
    /// Every document of a file was handed on (`sent` of them to the workers).
    FileDone {
        file: String,
        stamp: Option<(i64, i64)>,
        sent: usize,
        fingerprint: Arc<str>,
    },
    /// A file the index holds unchanged: nothing of it was read.
    Reused { row: FileRow },
}

/// What the input thread said of a file it finished reading.
struct Done {
    stamp: Option<(i64, i64)>,
    /// Documents handed to the workers.
    sent: usize,
    fingerprint: Arc<str>,
}

/// A file the writer has seen part of.
#[derive(Default)]
struct Pending {
    done: Option<Done>,
    got: usize,
    documents: usize,
    /// Documents whose names are not made from the file's path.
    foreign_names: usize,
    problems: Vec<StoredProblem>,
    failed: bool,
}

/// What a worker keeps of a document besides its findings.
#[derive(Debug, Clone, Copy)]
pub struct Keep {
    /// Its claims, as JSON (a persistent index that keeps claims).
    pub claims: bool,
    /// Its cross-source record as JSON (a persistent index: a later audit may read it back).
    pub record_json: bool,
    /// Its cross-source record, for a cross-source index filled as documents arrive.
    pub record: bool,
}

/// Runs the documents stage, storing every result in `index` and, when `records` is given,
/// handing it each extracted document's cross-source record (for a cross-source index, in
/// place of the document's older version). Each input is checked as `govern` says.
pub fn run(
    opts: &Options,
    index: &mut Index,
    progress: &mut Progress,
    pool: &rayon::ThreadPool,
    records: Option<&mut dyn FnMut(DocRecord)>,
    govern: &mut Govern,
) -> Result<Stage, IndexError> {
    let known = index.files()?;
    let lookup = index.lookup()?;
    let jobs = pool.current_num_threads().max(1);
    let (work_tx, work_rx) = sync_channel::<Vec<Work>>(2 * jobs);
    let (msg_tx, msg_rx) = sync_channel::<Vec<Msg>>(2 * jobs + 4);
    let stop = AtomicBool::new(false);
    let printer = progress.printer();
    let load_opts = LoadOptions {
        fallback_date: opts.fallback_date,
        limits: opts.limits,
    };
    let keep = Keep {
        claims: index.is_persistent() && opts.claims,
        record_json: index.is_persistent(),
        record: records.is_some(),
    };
    let result = std::thread::scope(|s| {
        let reader = InputThread {
            opts,
            load_opts: &load_opts,
            known: &known,
            lookup,
            stop: &stop,
            printer: &printer,
            govern,
        };
        let producer_tx = msg_tx.clone();
        let input = s.spawn(move || reader.run(work_tx, producer_tx));
        let worker_tx = msg_tx;
        s.spawn(move || {
            pool.install(|| {
                work_rx
                    .into_iter()
                    .par_bridge()
                    .for_each_with(worker_tx, |tx, parcel| {
                        let msgs = parcel.into_iter().map(|w| process(w, opts, keep)).collect();
                        // the writer stopped (an index error): drop the rest
                        let _ = tx.send(msgs);
                    })
            })
        });
        let r = write(
            msg_rx,
            index,
            records,
            progress,
            Summary::new(load_opts.limits),
        );
        if r.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        let config_error = input.join().ok().flatten();
        r.map(|stage| Stage {
            config_error,
            ..stage
        })
    });
    let mut stage = result?;
    stage
        .inputs
        .problems
        .sort_by(|a, b| a.path.cmp(&b.path).then(a.reason.cmp(&b.reason)));
    Ok(stage)
}

/// The modification time (nanoseconds since the epoch) and size of a file.
fn stamp(path: &std::path::Path) -> Option<(i64, i64)> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let ns = i64::try_from(mtime.as_nanos()).ok()?;
    Some((i64::try_from(meta.len()).ok()?, ns))
}

/// The content hash of a document: BLAKE3 (hex) of everything its results depend on besides
/// the rules (which the fingerprint covers): its text as read, its date and where the date
/// came from, and its metadata (title, outlet, URL). A JSONL line's or a WARC record's date
/// and metadata are not in its text, and an edit to them alone must not leave the results
/// made under the old ones. Each field is framed (absent, or its length then its bytes), so
/// no two fields run together.
pub fn content_hash(doc: &Document) -> String {
    let date = doc.date.map(|d| d.to_string());
    let origin = doc.date_origin.map(|o| format!("{o:?}"));
    let mut h = blake3::Hasher::new();
    for field in [
        Some(doc.source.as_str()),
        date.as_deref(),
        origin.as_deref(),
        doc.meta.title.as_deref(),
        doc.meta.source.as_deref(),
        doc.meta.url.as_deref(),
    ] {
        match field {
            None => h.update(&[0]),
            Some(s) => h
                .update(&[1])
                .update(&(s.len() as u64).to_le_bytes())
                .update(s.as_bytes()),
        };
    }
    h.finalize().to_hex().to_string()
}

/// The input thread: what it reads with and what it knows of the index.
struct InputThread<'a> {
    opts: &'a Options,
    load_opts: &'a LoadOptions,
    /// The files the index holds.
    known: &'a HashMap<String, FileRow>,
    lookup: Option<super::index::Lookup>,
    /// Set when the writer failed: stop reading.
    stop: &'a AtomicBool,
    printer: &'a Printer,
    govern: &'a mut Govern<'a>,
}

impl InputThread<'_> {
    /// Reads every input; stops early when the writer failed or at a configuration error
    /// (returned).
    fn run(
        self,
        work_tx: SyncSender<Vec<Work>>,
        msg_tx: SyncSender<Vec<Msg>>,
    ) -> Option<ConfigError> {
        let InputThread {
            opts,
            load_opts,
            known,
            lookup,
            stop,
            printer,
            govern,
        } = self;
        // names unique within the run, as `check` gives them (input::names)
        let mut names = input::names::DocumentNames::new();
        let mut out = Outbox::new(work_tx, msg_tx);
        for inp in input::walk::expand(&opts.paths) {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            let governing = match govern(&inp) {
                Ok(g) => g,
                Err(e) => {
                    out.flush();
                    return Some(e);
                }
            };
            let fingerprint = &*governing.fingerprint;
            let file = inp.display();
            let st = match &inp {
                InputRef::File(p) => stamp(p),
                _ => None,
            };
            if let (Some((size, mtime)), Some(row)) = (st, known.get(&file)) {
                if row.size == size
                    && row.mtime_ns == mtime
                    && row.rules == fingerprint
                    && keeps_its_names(row, &file, lookup.as_ref(), &mut names)
                {
                    if !out.message(Msg::Reused { row: row.clone() }) {
                        return None;
                    }
                    continue;
                }
            }
            let mut sent = 0;
            let mut alive = true;
            for_each_loaded(&inp, load_opts, |loaded| {
                if stop.load(Ordering::Relaxed) {
                    alive = false;
                    return false;
                }
                let msg = match loaded {
                    Loaded::Document(mut doc) => {
                        names.claim(&mut doc);
                        for w in &doc.warnings {
                            printer.eprintln(&format!(
                                "factlint: warning: {}: {}",
                                doc.path, w.message
                            ));
                        }
                        let hash = content_hash(&doc);
                        let stored = lookup
                            .as_ref()
                            .and_then(|l| l.content_hash(&doc.path, &file, fingerprint).ok())
                            .flatten();
                        if stored.as_deref() == Some(hash.as_str()) {
                            Msg::Unchanged {
                                file: file.clone(),
                                path: doc.path.clone(),
                                bytes: doc.source.len(),
                            }
                        } else {
                            sent += 1;
                            let work = Work {
                                doc: *doc,
                                file: file.clone(),
                                hash,
                                governing: governing.clone(),
                            };
                            alive = out.work(work);
                            return alive;
                        }
                    }
                    other => Msg::Problem {
                        file: file.clone(),
                        loaded: other,
                    },
                };
                alive = out.message(msg);
                alive
            });
            if !alive {
                return None;
            }
            let done = Msg::FileDone {
                file,
                stamp: st,
                sent,
                fingerprint: governing.fingerprint.clone(),
            };
            if !out.message(done) {
                return None;
            }
        }
        out.flush();
        None
    }
}

/// The input thread's parcels being filled: documents for the workers, messages for the
/// writer. Each is handed on when full, and both at the end.
struct Outbox {
    work_tx: SyncSender<Vec<Work>>,
    msg_tx: SyncSender<Vec<Msg>>,
    works: Vec<Work>,
    bytes: usize,
    msgs: Vec<Msg>,
}

impl Outbox {
    fn new(work_tx: SyncSender<Vec<Work>>, msg_tx: SyncSender<Vec<Msg>>) -> Outbox {
        Outbox {
            work_tx,
            msg_tx,
            works: Vec::new(),
            bytes: 0,
            msgs: Vec::new(),
        }
    }

    /// Adds a document for the workers; false when they are gone (the writer stopped).
    fn work(&mut self, work: Work) -> bool {
        self.bytes += work.doc.source.len();
        self.works.push(work);
        if self.works.len() < PARCEL_DOCS && self.bytes < PARCEL_BYTES {
            return true;
        }
        self.bytes = 0;
        self.work_tx.send(std::mem::take(&mut self.works)).is_ok()
    }

    /// Adds a message for the writer; false when it stopped.
    fn message(&mut self, msg: Msg) -> bool {
        self.msgs.push(msg);
        self.msgs.len() < PARCEL_DOCS || self.msg_tx.send(std::mem::take(&mut self.msgs)).is_ok()
    }

    /// Hands on what the parcels hold (at the end of the inputs).
    fn flush(&mut self) {
        if !self.works.is_empty() {
            let _ = self.work_tx.send(std::mem::take(&mut self.works));
        }
        if !self.msgs.is_empty() {
            let _ = self.msg_tx.send(std::mem::take(&mut self.msgs));
        }
    }
}

/// Whether the documents of a file the index holds unchanged would be named now as they
/// were: always when their names are made from the file's path; when some are not (WARC
/// URIs, which another file may share), when none of them was a repeat's new name and no
/// document read so far in this run has one of them. Then their names are reserved and
/// the file can be reused unread; else it is read again (its documents are still reused
/// by content hash when their names did not change).
fn keeps_its_names(
    row: &FileRow,
    file: &str,
    lookup: Option<&super::index::Lookup>,
    names: &mut input::names::DocumentNames,
) -> bool {
    if row.foreign_names == 0 {
        return true;
    }
    let Some(Ok(stored)) = lookup.map(|l| l.names_in_file(file)) else {
        return false;
    };
    if stored.len() != row.documents
        || stored
            .iter()
            .any(|n| input::names::may_be_renamed(n) || !names.is_free(n))
    {
        return false;
    }
    for n in &stored {
        names.reserve(n);
    }
    true
}

/// Reads one input, handing on each document (or skip, or failure) it holds, one at a time
/// (a JSONL or WARC archive is read as a stream), while `f` returns true.
fn for_each_loaded(inp: &InputRef, opts: &LoadOptions, mut f: impl FnMut(Loaded) -> bool) {
    for loaded in input::open(inp, opts) {
        if !f(loaded) {
            break;
        }
    }
}

/// A worker: extract, check, reduce to rows.
fn process(work: Work, opts: &Options, keep: Keep) -> Msg {
    let Work {
        mut doc,
        file,
        hash,
        governing,
    } = work;
    let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        analyse(&mut doc, &file, hash, &governing, opts, keep)
    }));
    match run {
        Ok(row) => Msg::Extracted { row: Box::new(row) },
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Msg::Crashed {
                file,
                path: doc.path,
                error: format!("internal error while checking it: {what}"),
            }
        }
    }
}

/// One document's rows: findings (located, with an excerpt), claims, the cross record.
pub fn analyse(
    doc: &mut Document,
    file: &str,
    hash: String,
    governing: &Governing,
    opts: &Options,
    keep: Keep,
) -> DocumentRow {
    let fingerprint = &*governing.fingerprint;
    let (ex, findings) =
        crate::commands::inputs::check_document(doc, &governing.config, opts.limits.max_claims);
    let doc = &*doc;
    let mut record = DocRecord::from_document(doc, &ex);
    record.hash = Some(hash.clone());
    let record_json = if keep.record_json {
        serde_json::to_string(&record).unwrap_or_else(|_| "{}".into())
    } else {
        String::new()
    };
    let lines = LineIndex::new(&doc.source);
    let at = |offset: usize| lines.line_col(&doc.source, offset);
    let findings = findings
        .iter()
        .map(|f| {
            let (line, column) = at(f.span.start);
            FindingRow {
                path: doc.path.clone(),
                rule: f.rule.clone(),
                severity: f.severity,
                message: f.message.clone(),
                span: f.span.into(),
                line,
                column,
                suggestion: f.suggestion.clone(),
                related: f
                    .related
                    .iter()
                    .map(|r| {
                        let (line, column) = match (r.line, r.column) {
                            (Some(l), Some(c)) => (l, c),
                            _ => at(r.span.start),
                        };
                        RelatedRow {
                            path: r.path.clone().unwrap_or_else(|| doc.path.clone()),
                            span: r.span.into(),
                            line,
                            column,
                            message: r.message.clone(),
                        }
                    })
                    .collect(),
                scope: Scope::Document,
                excerpt: Some(excerpt(&doc.source, f.span.start, f.span.end)),
            }
        })
        .collect();
    // each claim as `extract` writes it (an object), its line and column added at the end:
    // written straight into one buffer, no JSON tree built
    let claims_json = keep.claims.then(|| {
        use std::io::Write;
        let mut out: Vec<u8> = vec![b'['];
        for c in &ex.claims {
            let start = out.len();
            if start > 1 {
                out.push(b',');
            }
            if serde_json::to_writer(&mut out, c).is_err() || out.last() != Some(&b'}') {
                out.truncate(start);
                continue;
            }
            out.pop();
            let (line, column) = at(c.span().start);
            let _ = write!(out, ",\"line\":{line},\"column\":{column}}}");
        }
        out.push(b']');
        String::from_utf8(out).unwrap_or_else(|_| "[]".into())
    });
    DocumentRow {
        path: doc.path.clone(),
        file: file.to_string(),
        content_hash: hash,
        rules: fingerprint.to_string(),
        date: doc.date.map(|d| d.to_string()),
        source: doc.meta.source.clone(),
        title: doc.meta.title.clone(),
        url: doc.meta.url.clone(),
        bytes: doc.source.len(),
        record_json,
        record: keep.record.then(|| Box::new(record)),
        claims_json,
        findings,
    }
}

/// The whole lines of `source` around `[start, end)`, at most [`EXCERPT_MAX`] bytes.
fn excerpt(source: &str, start: usize, end: usize) -> Excerpt {
    let start = floor(source, start.min(source.len()));
    let end = floor(source, end.clamp(start, source.len()));
    let mut from = source[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut to = source[end..].find('\n').map_or(source.len(), |i| end + i);
    if to - from > EXCERPT_MAX {
        // keep the finding's start in view
        from = floor(source, from.max(start.saturating_sub(EXCERPT_MAX / 3)));
        to = floor(source, to.min(from + EXCERPT_MAX).max(start));
    }
    Excerpt {
        start: from,
        text: source[from..to].to_string(),
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The writer: stores what arrives, accounts for every input, commits in batches.
fn write(
    rx: Receiver<Vec<Msg>>,
    index: &mut Index,
    mut records: Option<&mut dyn FnMut(DocRecord)>,
    progress: &mut Progress,
    inputs: Summary,
) -> Result<Stage, IndexError> {
    let mut stage = Stage {
        inputs,
        ..Stage::default()
    };
    let mut pending: HashMap<String, Pending> = HashMap::new();
    let mut in_batch = 0;
    let mut batch_start = Instant::now();
    for msg in rx.into_iter().flatten() {
        match msg {
            Msg::Extracted { mut row } => {
                index.put_document(&row)?;
                if let (Some(take), Some(rec)) = (records.as_mut(), row.record.take()) {
                    take(*rec);
                }
                stage.extracted += 1;
                stage.inputs.inputs += 1;
                stage.inputs.documents += 1;
                stage.bytes += row.bytes as u64;
                progress.add(1, row.bytes as u64, row.findings.len() as u64);
                stage.kept_docs.insert(row.path.clone());
                let p = pending.entry(row.file.clone()).or_default();
                p.got += 1;
                p.documents += 1;
                p.foreign_names += usize::from(!named_after_file(&row.path, &row.file));
                in_batch += 1;
                let file = row.file.clone();
                finish_file(index, &mut pending, &file, &mut stage)?;
            }
            Msg::Crashed { file, path, error } => {
                let loaded = Loaded::Failed { path, error };
                progress.suspend(|| stage.inputs.record(&loaded));
                let p = pending.entry(file.clone()).or_default();
                p.got += 1;
                p.failed = true;
                finish_file(index, &mut pending, &file, &mut stage)?;
            }
            Msg::Unchanged { file, path, bytes } => {
                stage.reused += 1;
                stage.inputs.inputs += 1;
                stage.inputs.documents += 1;
                stage.bytes += bytes as u64;
                progress.add(1, bytes as u64, 0);
                let foreign = !named_after_file(&path, &file);
                let p = pending.entry(file).or_default();
                p.documents += 1;
                p.foreign_names += usize::from(foreign);
                stage.kept_docs.insert(path);
            }
            Msg::Problem { file, loaded } => {
                progress.suspend(|| stage.inputs.record(&loaded));
                let p = pending.entry(file).or_default();
                match loaded {
                    Loaded::Failed { .. } => p.failed = true,
                    Loaded::Skipped { path, reason } => p.problems.push(StoredProblem {
                        path,
                        reason: reason.code().to_string(),
                        message: reason.describe(&stage.inputs.limits),
                    }),
                    Loaded::Document(_) => {}
                }
            }
            Msg::FileDone {
                file,
                stamp,
                sent,
                fingerprint,
            } => {
                pending.entry(file.clone()).or_default().done = Some(Done {
                    stamp,
                    sent,
                    fingerprint,
                });
                finish_file(index, &mut pending, &file, &mut stage)?;
            }
            Msg::Reused { row } => {
                let problems: Vec<StoredProblem> =
                    serde_json::from_str(&row.problems_json).unwrap_or_default();
                stage.inputs.inputs += row.documents + problems.len();
                stage.inputs.documents += row.documents;
                for p in problems {
                    progress.suspend(|| eprintln!("factlint: skipped {}: {}", p.path, p.message));
                    stage.inputs.skipped += 1;
                    if stage.inputs.problems.len() < MAX_LISTED_PROBLEMS {
                        stage.inputs.problems.push(Problem {
                            path: p.path,
                            outcome: "skipped",
                            reason: p.reason,
                        });
                    } else {
                        stage.inputs.unlisted_problems += 1;
                    }
                }
                stage.reused += row.documents;
                progress.add(row.documents as u64, 0, 0);
                stage.reused_files.insert(row.path.clone());
                stage.kept_files.insert(row.path);
            }
        }
        if in_batch >= BATCH || (in_batch > 0 && batch_start.elapsed() >= BATCH_TIME) {
            index.commit()?;
            in_batch = 0;
            batch_start = Instant::now();
        }
    }
    index.commit()?;
    Ok(stage)
}

/// Writes a file's row once all its documents are stored (never for a file that failed, so
/// it is read again next time).
fn finish_file(
    index: &mut Index,
    pending: &mut HashMap<String, Pending>,
    file: &str,
    stage: &mut Stage,
) -> Result<(), IndexError> {
    let finished = pending
        .get(file)
        .is_some_and(|p| p.done.as_ref().is_some_and(|d| p.got >= d.sent));
    if !finished {
        return Ok(());
    }
    let Some(Pending {
        done: Some(Done {
            stamp, fingerprint, ..
        }),
        documents,
        foreign_names,
        problems,
        failed,
        ..
    }) = pending.remove(file)
    else {
        return Ok(());
    };
    match stamp {
        Some((size, mtime_ns)) if !failed => {
            index.put_file(&FileRow {
                path: file.to_string(),
                size,
                mtime_ns,
                rules: fingerprint.to_string(),
                documents,
                foreign_names,
                problems_json: serde_json::to_string(&problems).unwrap_or_else(|_| "[]".into()),
            })?;
            stage.kept_files.insert(file.to_string());
        }
        _ => index.forget_file(file)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_the_lines_of_the_span_and_keeps_a_long_line_in_view() {
        let src = "first line\nthe second line\nthird";
        let x = excerpt(src, 15, 21);
        assert_eq!((x.start, x.text.as_str()), (11, "the second line"));
        // a span over two lines takes both
        let x = excerpt(src, 15, 30);
        assert_eq!(x.text, "the second line\nthird");
        // one very long line: cut to EXCERPT_MAX bytes around the span, on char boundaries
        let long = format!("{}é target {}", "ab ".repeat(900), "cd ".repeat(900));
        let at = long.find("target").unwrap_or(0);
        let x = excerpt(&long, at, at + 6);
        assert!(x.text.len() <= EXCERPT_MAX);
        assert!(x.start <= at && at + 6 <= x.start + x.text.len());
        assert_eq!(&long[x.start..x.start + x.text.len()], x.text);
        // out-of-range spans do not panic
        let x = excerpt(src, 500, 900);
        assert!(x.text.is_empty() || src.ends_with(&x.text));
    }
}
