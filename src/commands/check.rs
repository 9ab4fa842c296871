//! `factlint check`: run the enabled rules over each input and report the findings.

use super::{inputs, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::baseline::{Baseline, Recorder};
use crate::cli::{CheckArgs, CheckFormat, ColorChoice};
use crate::findings::Severity;
use crate::fix::{Checked, Fixer, Mode};
use crate::input::LoadOptions;
use crate::report::{
    concise::Concise, github::Github, human::Human, json::Json, jsonl::Jsonl, junit::Junit,
    sarif::Sarif, CheckSummary, Reporter, Statistics,
};
use std::io::{IsTerminal, Write};

/// Whether to colour the human output: `--color`, then NO_COLOR, then whether standard
/// output is a terminal.
pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

pub fn run(args: &CheckArgs) -> i32 {
    let fallback_date = match inputs::parse_date(args.date.as_deref()) {
        Ok(d) => d,
        Err(code) => return code,
    };
    // the configuration of the first input names the rules for SARIF's metadata, and a
    // broken configuration stops the run before any output
    let first_path = args.paths.first().map_or("-", String::as_str);
    let (mut resolver, first) = match super::resolver_at(&args.rules, &args.config, first_path) {
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
        CheckFormat::Human => Box::new(Human::new(use_color(args.color))),
        CheckFormat::Concise => Box::new(Concise),
        CheckFormat::Json => Box::new(Json::default()),
        CheckFormat::Jsonl => Box::new(Jsonl),
        CheckFormat::Github => Box::new(Github),
        CheckFormat::Junit => Box::new(Junit::default()),
        CheckFormat::Sarif => Box::new(Sarif::new(&first.registry)),
    };
    drop(first);
    // --fix -: the fixed text goes to standard output, the report to standard error
    let fix_stdin = args.fix && args.paths.iter().any(|p| p == "-");
    if fix_stdin && args.paths.len() > 1 {
        eprintln!("factlint: error: --fix with `-` reads standard input alone");
        return EXIT_ERROR;
    }
    let mode = (args.fix || args.diff).then_some(if args.fix { Mode::Write } else { Mode::Diff });
    let load_opts = LoadOptions {
        fallback_date,
        limits: args.limits.limits(),
    };
    let max_claims = load_opts.limits.max_claims;
    let mut fixer = mode.map(|m| Fixer::new(m, load_opts.clone()));
    let mut baseline = match args.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(b) => b,
        Err(e) => {
            eprintln!("factlint: error: {e}");
            return EXIT_ERROR;
        }
    };
    let mut recorder = args.write_baseline.as_deref().map(Recorder::new);
    // --diff and --write-baseline print no findings
    let reporting = !args.diff && recorder.is_none();
    let stdout = std::io::stdout();
    let mut out: Box<dyn Write> = if fix_stdin {
        Box::new(std::io::stderr().lock())
    } else {
        Box::new(std::io::BufWriter::new(stdout.lock()))
    };
    let mut summary = CheckSummary::default();
    let mut failing = false;
    let mut broken_config = None;
    let result = inputs::for_each_document(&args.paths, &load_opts, |inp, doc| {
        // the configuration of the document's file, as the audit finds it
        let config = match inputs::config_of(&mut resolver, inp) {
            Ok(c) => c,
            Err(e) => {
                // a configuration found on the way stops the run: nothing more is checked
                broken_config = Some(e);
                return Err(std::io::Error::other("configuration error"));
            }
        };
        // everything that decides a document's findings: --fix runs it again on fixed text
        let mut check =
            |doc: &mut crate::Document| inputs::check_document(doc, &config, max_claims);
        let mut doc = doc;
        let (ex, findings) = check(&mut doc);
        let mut checked = Checked { doc, ex, findings };
        if let Some(fixer) = &mut fixer {
            checked = fixer.document(checked, &config.registry, &mut check, &mut out)?;
        }
        let Checked {
            doc,
            ex,
            mut findings,
        } = checked;
        if let Some(b) = &mut baseline {
            findings = b.filter(&doc, &ex, findings);
        }
        if let Some(r) = &mut recorder {
            r.record(&doc, &ex, &findings);
        }
        if !reporting {
            return Ok(());
        }
        let fail_on = args.fail_on.or(config.fail_on).unwrap_or(Severity::Error);
        failing |= findings.iter().any(|f| f.severity >= fail_on);
        summary.count(&findings);
        reporter.document(&doc, &findings, &mut out)
    });
    if let Some(e) = broken_config {
        let _ = out.flush();
        return inputs::config_error(e);
    }
    match result {
        Ok(s) => summary.inputs = s,
        Err(e) => return inputs::output_error(e),
    }
    let finished = if reporting {
        reporter.finish(&summary, &mut out)
    } else {
        Ok(())
    };
    if let Err(e) = finished.and_then(|_| out.flush()) {
        return inputs::output_error(e);
    }
    if !summarised || !reporting {
        eprintln!("factlint: {}", summary.inputs.line());
    }
    if let Some(b) = &baseline {
        eprintln!("{}", b.summary());
    }
    if let Some(f) = &fixer {
        eprintln!("{}", f.summary());
    }
    if let Some(r) = &recorder {
        if let Err(e) = r.write() {
            eprintln!("factlint: error: writing the baseline: {e}");
            return EXIT_ERROR;
        }
        eprintln!("{}", r.summary());
    }
    if summary.inputs.failed > 0 || fixer.as_ref().is_some_and(|f| f.errors > 0) {
        EXIT_ERROR
    } else if recorder.is_some() {
        EXIT_CLEAN
    } else if args.diff {
        if fixer.as_ref().is_some_and(|f| f.files > 0) {
            EXIT_FINDINGS
        } else {
            EXIT_CLEAN
        }
    } else if failing && !args.exit_zero {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
