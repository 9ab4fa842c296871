//! factlint: checks the facts inside a text against each other and against other texts.
//!
//! The pipeline runs one way: input → [`document::Document`] → sentences →
//! [`claims::Claim`]s → (rules → findings → reporters). See ARCHITECTURE.md.

pub mod atomic;
pub mod audit;
pub mod baseline;
pub mod claims;
pub mod cli;
pub mod commands;
pub mod config;
pub mod cross;
pub mod document;
pub mod extract;
pub mod findings;
pub mod fix;
pub mod input;
pub mod numbers;
pub mod report;
pub mod rules;
pub mod suppress;
pub mod text;
pub mod time;
pub mod yaml;

pub use claims::Claim;
pub use document::{Document, Span};
pub use extract::{extract, extract_all, Extraction};
