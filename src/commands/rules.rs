//! `factlint rules`: list the loaded rules; `factlint rules test DIR`: run their examples.

use super::{configured, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use crate::cli::{RulesAction, RulesArgs};

pub fn run(args: &RulesArgs) -> i32 {
    let mut dirs = args.rules.clone();
    if let Some(RulesAction::Test { dirs: extra }) = &args.action {
        dirs.extend(extra.iter().cloned());
    }
    // the rules of the current directory's configuration (its packs, switches, severities)
    let config = match configured(&dirs, &args.config) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let settings = config.settings(".");
    let reg = &config.registry;
    match &args.action {
        None | Some(RulesAction::List) => {
            let w = reg.rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
            let k = reg
                .rules
                .iter()
                .map(|r| r.kind.as_str().len())
                .max()
                .unwrap_or(0);
            for (i, r) in reg.rules.iter().enumerate() {
                let severity = settings.severity_of(i).map_or("off", |s| s.as_str());
                println!(
                    "{:w$}  {:k$}  {:7}  {}",
                    r.id,
                    r.kind.as_str(),
                    severity,
                    r.summary()
                );
            }
            EXIT_CLEAN
        }
        Some(RulesAction::Test { .. }) => {
            let failures = reg.test_examples();
            let examples: usize = reg
                .rules
                .iter()
                .map(|r| r.examples.flag.len() + r.examples.pass.len())
                .sum();
            for f in &failures {
                eprintln!("factlint: example failed: {f}");
            }
            println!(
                "{} rule(s), {} example(s): {} passed, {} failed",
                reg.rules.len(),
                examples,
                examples.saturating_sub(failures.len()),
                failures.len()
            );
            if failures.is_empty() {
                EXIT_CLEAN
            } else if failures.iter().any(|f| f.contains("has no `flag` example")) {
                EXIT_ERROR
            } else {
                EXIT_FINDINGS
            }
        }
    }
}
