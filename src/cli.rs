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
    /// List the loaded rules, or run their examples (`factlint rules test DIR`).
    Rules(RulesArgs),
    /// Explain one rule: what it checks, why it matters, its examples.
    Explain(ExplainArgs),
    /// Run the cross-source rules over document records written by `extract --format jsonl`
    /// (the reduce step of a sharded run).
    Reconcile(ReconcileArgs),
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
    /// The lowest severity that makes the run fail (exit code 1).
    #[arg(long, value_name = "SEVERITY", default_value = "error")]
    pub fail_on: crate::findings::Severity,
    /// Document date to use when a document states none (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Print how many findings each rule made (rule, severity, count) instead of the
    /// findings (with --format human or concise).
    #[arg(long)]
    pub statistics: bool,
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
    /// The lowest severity that makes the run fail (exit code 1).
    #[arg(long, value_name = "SEVERITY", default_value = "error")]
    pub fail_on: crate::findings::Severity,
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
