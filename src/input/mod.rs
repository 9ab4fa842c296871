//! Inputs: finding the files the user named and reading each into a [`Document`].
//! One file per input format.

pub mod markdown;
pub mod plain;
pub mod walk;

use crate::document::Document;
use jiff::civil::Date;
use serde::Serialize;
use std::path::PathBuf;

/// One input to read: a file or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputRef {
    File(PathBuf),
    Stdin,
}

impl InputRef {
    /// The name reported for this input.
    pub fn display(&self) -> String {
        match self {
            InputRef::File(p) => p.display().to_string(),
            InputRef::Stdin => "-".to_string(),
        }
    }
}

/// Options that apply to every input.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The document date to use when the document states none (`--date`).
    pub fallback_date: Option<Date>,
}

/// Why an input produced no document although nothing went wrong reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    Empty,
    Binary,
    UnsupportedFormat,
}

/// What reading one input gave.
#[derive(Debug)]
pub enum Loaded {
    Document(Box<Document>),
    Skipped { path: String, reason: SkipReason },
    Failed { path: String, error: String },
}

/// Reads one input into a document, choosing the reader by extension.
pub fn load(input: &InputRef, opts: &LoadOptions) -> Loaded {
    plain::load(input, opts)
}
