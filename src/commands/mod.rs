//! One file per subcommand: each takes parsed arguments and returns the exit code.

pub mod audit;
pub mod check;
pub mod explain;
pub mod extract;
pub mod init;
pub mod inputs;
pub mod reconcile;
pub mod rules;
pub mod summary;

/// Exit codes, as documented in the README.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

use crate::rules::Registry;

/// The built-in packs plus the user's rule directories; a load error is reported and is a
/// configuration error (exit code 2).
pub fn load_rules(dirs: &[std::path::PathBuf]) -> Result<Registry, i32> {
    crate::config::registry(dirs, &[]).map_err(|e| {
        eprintln!("factlint: error: {e}");
        EXIT_ERROR
    })
}
