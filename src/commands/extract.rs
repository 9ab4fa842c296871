//! `factlint extract`: print the claims of each input (`json`), or each input's document
//! record for the cross-source rules (`jsonl`, read by `factlint reconcile`).

use super::inputs;
use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::claims::Claim;
use crate::cli::{ExtractArgs, ExtractFormat};
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

pub fn run(args: &ExtractArgs) -> i32 {
    let fallback_date = match inputs::parse_date(args.date.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut docs_json = Vec::new();
    let opts = crate::input::LoadOptions {
        fallback_date,
        limits: args.limits.limits(),
    };
    let max_claims = opts.limits.max_claims;
    // a broken configuration stops the run before any output
    let first_path = args.paths.first().map_or("-", String::as_str);
    let mut resolver = match super::resolver_at(&[], &args.config, first_path) {
        Ok((r, _)) => r,
        Err(code) => return code,
    };
    let mut broken_config = None;
    let result = inputs::for_each_document(&args.paths, &opts, |inp, mut doc| {
        // the date of the configuration governing the document's file, when it states none
        // (as `check` and `audit` date it)
        match inputs::config_of(&mut resolver, inp) {
            Ok(config) => {
                let date = config.settings(&doc.path).date;
                inputs::date_from_config(&mut doc, date);
            }
            Err(e) => {
                // a configuration found on the way stops the run: nothing more is extracted
                broken_config = Some(e);
                return Err(std::io::Error::other("configuration error"));
            }
        }
        match args.format {
            ExtractFormat::Json => {
                let mut claims = crate::extract(&doc);
                if claims.len() > max_claims {
                    inputs::claims_dropped(&doc.path, claims.len() - max_claims, max_claims);
                    claims.truncate(max_claims);
                }
                let d = DocumentOut {
                    path: &doc.path,
                    date: doc.date,
                    date_origin: doc.date_origin,
                    meta: &doc.meta,
                    claims,
                };
                docs_json.push(serde_json::to_value(&d).map_err(std::io::Error::other)?);
                Ok(())
            }
            // one document record per line: what `factlint reconcile` reads
            ExtractFormat::Jsonl => {
                let mut ex = crate::extract_all(&doc);
                if let Some(n) = crate::input::limits::cap_claims(&mut ex, max_claims) {
                    inputs::claims_dropped(&doc.path, n, max_claims);
                }
                let rec = crate::cross::DocRecord::from_document(&doc, &ex);
                serde_json::to_writer(&mut out, &rec)
                    .map_err(std::io::Error::other)
                    .and_then(|_| out.write_all(b"\n"))
            }
        }
    });
    if let Some(e) = broken_config {
        let _ = out.flush();
        return inputs::config_error(e);
    }
    let summary = match result {
        Ok(s) => s,
        Err(e) => return inputs::output_error(e),
    };
    if args.format == ExtractFormat::Json {
        let v = serde_json::json!({ "documents": docs_json, "summary": summary });
        let res = serde_json::to_writer_pretty(&mut out, &v)
            .map_err(std::io::Error::other)
            .and_then(|_| out.write_all(b"\n"));
        if let Err(e) = res {
            return inputs::output_error(e);
        }
    }
    if let Err(e) = out.flush() {
        return inputs::output_error(e);
    }
    eprintln!("factlint: {}", summary.line());
    if summary.failed == 0 {
        EXIT_CLEAN
    } else {
        EXIT_ERROR
    }
}
