//! `factlint extract`: print the claims of each input.

use super::summary::Summary;
use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::claims::Claim;
use crate::cli::{ExtractArgs, ExtractFormat};
use crate::input::{self, LoadOptions, Loaded};
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct DocumentOut<'a> {
    path: &'a str,
    date: Option<jiff::civil::Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_origin: Option<crate::document::DateOrigin>,
    #[serde(flatten)]
    meta: &'a crate::document::Metadata,
    claims: Vec<Claim>,
}

#[derive(Serialize)]
struct ClaimLine<'a> {
    path: &'a str,
    date: Option<jiff::civil::Date>,
    #[serde(flatten)]
    claim: &'a Claim,
}

pub fn run(args: &ExtractArgs) -> i32 {
    let fallback_date = match args.date.as_deref().map(str::parse::<jiff::civil::Date>) {
        None => None,
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            eprintln!(
                "factlint: error: --date {:?}: {e}",
                args.date.as_deref().unwrap_or("")
            );
            return EXIT_ERROR;
        }
    };
    let inputs = match input::walk::expand(&args.paths) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("factlint: error: {e}");
            return EXIT_ERROR;
        }
    };
    let opts = LoadOptions { fallback_date };
    let mut summary = Summary::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut docs_json = Vec::new();
    for inp in &inputs {
        let loaded = input::load(inp, &opts);
        summary.record(&loaded);
        let Loaded::Document(doc) = loaded else {
            continue;
        };
        for w in &doc.warnings {
            eprintln!("factlint: warning: {}: {}", doc.path, w.message);
        }
        let claims = crate::extract(&doc);
        let res = match args.format {
            ExtractFormat::Json => {
                let d = DocumentOut {
                    path: &doc.path,
                    date: doc.date,
                    date_origin: doc.date_origin,
                    meta: &doc.meta,
                    claims,
                };
                docs_json.push(serde_json::to_value(&d).unwrap_or_default());
                Ok(())
            }
            ExtractFormat::Jsonl => claims.iter().try_for_each(|c| {
                let line = ClaimLine {
                    path: &doc.path,
                    date: doc.date,
                    claim: c,
                };
                serde_json::to_writer(&mut out, &line)
                    .map_err(std::io::Error::other)
                    .and_then(|_| out.write_all(b"\n"))
            }),
        };
        if let Err(e) = res {
            return broken_pipe_or_error(e);
        }
    }
    if args.format == ExtractFormat::Json {
        let v = serde_json::json!({ "documents": docs_json, "summary": summary });
        let res = serde_json::to_writer_pretty(&mut out, &v)
            .map_err(std::io::Error::other)
            .and_then(|_| out.write_all(b"\n"));
        if let Err(e) = res {
            return broken_pipe_or_error(e);
        }
    }
    if let Err(e) = out.flush() {
        return broken_pipe_or_error(e);
    }
    eprintln!("factlint: {}", summary.line());
    if summary.failed.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}

fn broken_pipe_or_error(e: std::io::Error) -> i32 {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return EXIT_CLEAN;
    }
    eprintln!("factlint: error: writing output: {e}");
    EXIT_ERROR
}
