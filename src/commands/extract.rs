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
    let result = inputs::for_each_document(&args.paths, &opts, |_, doc| {
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
