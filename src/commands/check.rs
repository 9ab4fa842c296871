//! `factlint check`: run the enabled rules over each input and report the findings.

use super::{inputs, load_rules, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::cli::{CheckArgs, CheckFormat};
use crate::report::{
    concise::Concise, github::Github, human::Human, json::Json, jsonl::Jsonl, junit::Junit,
    sarif::Sarif, CheckSummary, Reporter, Statistics,
};
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
    // the formats whose last line (on standard output) is the summary
    let summarised = matches!(args.format, CheckFormat::Human | CheckFormat::Concise);
    if args.statistics && !summarised {
        eprintln!("factlint: --statistics works with --format human or concise");
        return EXIT_ERROR;
    }
    let mut reporter: Box<dyn Reporter> = match args.format {
        _ if args.statistics => Box::new(Statistics::default()),
        CheckFormat::Human => Box::new(Human::default()),
        CheckFormat::Concise => Box::new(Concise),
        CheckFormat::Json => Box::new(Json::default()),
        CheckFormat::Jsonl => Box::new(Jsonl),
        CheckFormat::Github => Box::new(Github),
        CheckFormat::Junit => Box::new(Junit::default()),
        CheckFormat::Sarif => Box::new(Sarif::new(&registry)),
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
    if !summarised {
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
