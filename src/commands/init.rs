//! `factlint init`: write the commented starter configuration.

use super::{EXIT_CLEAN, EXIT_ERROR};
use crate::cli::InitArgs;

pub fn run(args: &InitArgs) -> i32 {
    if args.path.exists() && !args.force {
        eprintln!(
            "factlint: error: {} already exists (use --force to overwrite it)",
            args.path.display()
        );
        return EXIT_ERROR;
    }
    match crate::atomic::write_atomic(&args.path, crate::config::STARTER.as_bytes()) {
        Ok(()) => {
            eprintln!("factlint: wrote {}", args.path.display());
            EXIT_CLEAN
        }
        Err(e) => {
            eprintln!("factlint: error: writing {}: {e}", args.path.display());
            EXIT_ERROR
        }
    }
}
