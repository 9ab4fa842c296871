//! `factlint explain ID`: what a rule checks, why it matters, its examples.

use super::{configured, EXIT_CLEAN, EXIT_ERROR};
use crate::cli::ExplainArgs;

pub fn run(args: &ExplainArgs) -> i32 {
    let config = match configured(&args.rules, &args.config) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let reg = &config.registry;
    let Some(r) = reg.get(&args.id) else {
        if let Some(b) = crate::suppress::builtin_rule(&args.id) {
            let (id, severity) = (b.id, b.severity.as_str());
            println!("{id} (built in, {severity})\n\n{}", b.description);
            return EXIT_CLEAN;
        }
        eprintln!(
            "factlint: error: no rule `{}` (see `factlint rules`)",
            args.id
        );
        return EXIT_ERROR;
    };
    println!(
        "{} ({} rule, {}, from {})\n",
        r.id,
        r.kind.as_str(),
        r.severity.as_str(),
        r.origin
    );
    println!("{}\n", r.description.trim());
    println!("Message: {}", r.message);
    if !r.examples.flag.is_empty() {
        println!("\nFlagged:");
        for e in &r.examples.flag {
            println!("  - {e}");
        }
    }
    if !r.examples.pass.is_empty() {
        println!("\nNot flagged:");
        for e in &r.examples.pass {
            println!("  - {e}");
        }
    }
    EXIT_CLEAN
}
