//! `factlint check`: run the enabled rules over each input and report the findings.

use super::{inputs, load_rules, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::cli::{CheckArgs, CheckFormat};
use crate::report::{human::Human, json::Json, CheckSummary, Reporter};
use std::io::Write;

pub fn run(args: &CheckArgs) -> i32 {
    let fallback_date = match inputs::parse_date(args.date.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let registry = match load_rules(&args.rules) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let mut reporter: Box<dyn Reporter> = match args.format {
        CheckFormat::Human => Box::new(Human::default()),
        CheckFormat::Json => Box::new(Json::default()),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut summary = CheckSummary::default();
    let mut failing = false;
    let result = inputs::for_each_document(&args.paths, fallback_date, |doc| {
        let ex = crate::extract_all(&doc);
        let findings = registry.check(&doc, &ex);
        failing |= findings.iter().any(|f| f.severity >= args.fail_on);
        summary.count(&findings);
        reporter.document(&doc, &findings, &mut out)
    });
    match result {
        Ok(s) => summary.inputs = s,
        Err(e) => return inputs::output_error(e),
    }
    if let Err(e) = reporter
        .finish(&summary, &mut out)
        .and_then(|_| out.flush())
    {
        return inputs::output_error(e);
    }
    if args.format != CheckFormat::Human {
        eprintln!("factlint: {}", summary.inputs.line());
    }
    if summary.inputs.failed > 0 {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
