//! One file per subcommand: each takes parsed arguments and returns the exit code.

pub mod extract;
pub mod summary;

/// Exit codes, as documented in the README.
pub const EXIT_CLEAN: i32 = 0;
pub const EXIT_FINDINGS: i32 = 1;
pub const EXIT_ERROR: i32 = 2;
