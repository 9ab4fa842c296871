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

/// The configuration governing the current directory (its closest `factlint.yaml`, else
/// `--config`, or the defaults with `--isolated`) with its rules: the built-in packs, the
/// command line's rule directories and the configuration's. An error is reported and is a
/// configuration error (exit code 2).
pub fn configured(
    dirs: &[std::path::PathBuf],
    config: &crate::cli::ConfigArgs,
) -> Result<std::sync::Arc<crate::config::Config>, i32> {
    crate::config::Resolver::new(config.config.as_deref(), config.isolated, dirs)
        .and_then(|mut r| r.for_path("."))
        .map_err(inputs::config_error)
}
