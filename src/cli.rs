//! Command-line definitions (clap) only: no behaviour lives here.

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "factlint",
    version,
    about = "Checks the facts inside a text against each other and against other texts"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print the claims found in the given files, directories or `-` (stdin).
    Extract(ExtractArgs),
    /// Check the given files with the enabled rules and report findings.
    Check(CheckArgs),
    /// Audit an archive: check every document in parallel, then across documents; keep a
    /// claims index (--db) and write an HTML report (--report).
    Audit(AuditArgs),
    /// List the loaded rules, or run their examples (`factlint rules test DIR`).
    Rules(RulesArgs),
    /// Explain one rule: what it checks, why it matters, its examples.
    Explain(ExplainArgs),
    /// Run the cross-source rules over document records written by `extract --format jsonl`
    /// (the reduce step of a sharded run).
    Reconcile(ReconcileArgs),
    /// Write a commented starter configuration (factlint.yaml) in the current directory.
    Init(InitArgs),
}

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// Where to write it.
    #[arg(default_value = "factlint.yaml")]
    pub path: std::path::PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files, directories (walked for .txt, .md, .markdown) or `-` for standard input.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Extra rule packs: a directory of .yaml files or one file (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<std::path::PathBuf>,
    /// The lowest severity that makes the run fail (exit code 1) [default: the
    /// configuration's `fail-on`, else error].
    #[arg(long, value_name = "SEVERITY")]
    pub fail_on: Option<crate::findings::Severity>,
    /// Exit with code 0 even when there are findings (errors in use still exit 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Document date to use when a document states none (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
    /// Colour in the human format: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Print how many findings each rule made (rule, severity, count) instead of the
    /// findings (with --format human or concise).
    #[arg(long)]
    pub statistics: bool,
    /// Apply the safe fixes (organisation-name spellings, house-style swaps) to the files,
    /// atomically, then report the findings that remain; with `-`, print the fixed text to
    /// standard output and the findings to standard error.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Print the safe fixes as a unified diff instead of the findings; write nothing
    /// (exit code 1 when there is a diff).
    #[arg(long)]
    pub diff: bool,
    /// Drop the findings recorded in this baseline file; report only new ones.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<std::path::PathBuf>,
    /// Record the current findings in this baseline file (atomically) and exit 0.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "diff"])]
    pub write_baseline: Option<std::path::PathBuf>,
}

/// The limits that keep any input from exhausting memory (defaults in the README).
#[derive(Debug, Default, Clone, clap::Args)]
pub struct LimitArgs {
    /// Skip documents larger than this (bytes, or with K/M/G) [default: 16M].
    #[arg(long, value_name = "SIZE", value_parser = crate::input::limits::parse_size)]
    pub max_document_size: Option<u64>,
    /// Stop reading a compressed input past this decompressed size [default: 4G].
    #[arg(long, value_name = "SIZE", value_parser = crate::input::limits::parse_size)]
    pub max_decompressed_size: Option<u64>,
    /// Keep at most this many claims per document [default: 100000].
    #[arg(long, value_name = "N")]
    pub max_claims: Option<usize>,
}

impl LimitArgs {
    /// The default limits with the command line's applied.
    pub fn limits(&self) -> crate::input::limits::Limits {
        let mut l = crate::input::limits::Limits::default();
        if let Some(n) = self.max_document_size {
            l.max_document_bytes = n;
        }
        if let Some(n) = self.max_decompressed_size {
            l.max_decompressed_bytes = n;
        }
        if let Some(n) = self.max_claims {
            l.max_claims = n;
        }
        l
    }
}

/// Where configuration comes from.
#[derive(Debug, Default, clap::Args)]
pub struct ConfigArgs {
    /// Use this configuration file for every input instead of the closest factlint.yaml.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated", global = true)]
    pub config: Option<std::path::PathBuf>,
    /// Ignore every configuration file (built-in defaults and the command line only).
    #[arg(long, global = true)]
    pub isolated: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// Annotated snippets for people.
    Human,
    /// One line per finding: path:line:col: severity[rule] message.
    Concise,
    /// One JSON object: {"findings": [...], "summary": {...}}.
    Json,
    /// One JSON object per finding per line.
    Jsonl,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// JUnit XML: one test suite per document, one test case per finding.
    Junit,
    /// SARIF 2.1.0 (code scanning).
    Sarif,
}

#[derive(Debug, clap::Args)]
pub struct RulesArgs {
    #[command(subcommand)]
    pub action: Option<RulesAction>,
    /// Extra rule packs to load besides the built-in ones (repeatable).
    #[arg(long = "rules", value_name = "DIR", global = true)]
    pub rules: Vec<std::path::PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// List the rules: id, kind, severity, one line.
    List,
    /// Run every rule's examples (built-in and those in DIR...): flag texts must be flagged,
    /// pass texts must not.
    Test {
        /// Rule packs to test besides the built-in ones.
        dirs: Vec<std::path::PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// The rule id.
    pub id: String,
    /// Extra rule packs to load besides the built-in ones (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<std::path::PathBuf>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, clap::Args)]
pub struct ExtractArgs {
    /// Files, directories (walked for .txt, .md, .markdown) or `-` for standard input.
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
    /// Document date to use when a document states none (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    #[command(flatten)]
    pub limits: LimitArgs,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object: {"documents": [...], "summary": {...}}.
    Json,
    /// One document record per line: path, date, source and the claims the cross-source
    /// rules compare (organisations, roles, sourced figures, quotations), for
    /// `factlint reconcile`.
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// Files or directories (walked recursively, .gitignore obeyed).
    #[arg(required = true)]
    pub paths: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AuditFormat::Human)]
    pub format: AuditFormat,
    /// The claims index (SQLite): created if missing; a second audit re-extracts only the
    /// documents that changed.
    #[arg(long, value_name = "FILE")]
    pub db: Option<std::path::PathBuf>,
    /// Keep no claims in the index (documents, records and findings only): a smaller index
    /// and a faster first audit.
    #[arg(long, requires = "db")]
    pub no_claims: bool,
    /// Write a self-contained HTML report to this file.
    #[arg(long, value_name = "FILE.html")]
    pub report: Option<std::path::PathBuf>,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Worker threads [default: the number of cores].
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Document date to use when a document states none (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Extra rule packs: a directory of .yaml files or one file (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<std::path::PathBuf>,
    /// The lowest severity that makes the run fail (exit code 1) [default: the first
    /// input's configuration's `fail-on`, else error].
    #[arg(long, value_name = "SEVERITY")]
    pub fail_on: Option<crate::findings::Severity>,
    #[command(flatten)]
    pub config: ConfigArgs,
    #[command(flatten)]
    pub limits: LimitArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    /// Annotated snippets for people, then a summary line.
    Human,
    /// One line per finding: path:line:col: severity[rule] message.
    Concise,
    /// One JSON object: {"findings": [...], "summary": {...}}.
    Json,
    /// One JSON object per finding per line (the summary goes to standard error).
    Jsonl,
}

#[derive(Debug, clap::Args)]
pub struct ReconcileArgs {
    /// Files of document records (`factlint extract --format jsonl`), or `-` for standard
    /// input.
    #[arg(required = true, value_name = "CLAIMS.jsonl")]
    pub claims: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReconcileFormat::Human)]
    pub format: ReconcileFormat,
    /// Extra rule packs: a directory of .yaml files or one file (repeatable).
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<std::path::PathBuf>,
    /// The lowest severity that makes the run fail (exit code 1) [default: the
    /// configuration's `fail-on`, else error].
    #[arg(long, value_name = "SEVERITY")]
    pub fail_on: Option<crate::findings::Severity>,
    #[command(flatten)]
    pub config: ConfigArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReconcileFormat {
    /// Each finding with its related places below it, then a summary line.
    Human,
    /// One line per finding: path:line:col: severity[rule] message.
    Concise,
    /// One JSON object: {"findings": [...], "summary": {...}}.
    Json,
    /// One JSON object per finding per line (the summary goes to standard error).
    Jsonl,
}
