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
    /// One claim per line, each with its document's path and date.
    Jsonl,
}
