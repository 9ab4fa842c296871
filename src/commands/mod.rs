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
    resolver_at(dirs, config, ".").map(|(_, c)| c)
}

/// A resolver for the configuration files of a run (the command line's `--config`,
/// `--isolated` and rule directories) and the configuration governing `path`, so a broken
/// one stops the run before anything is read. An error is reported (exit code 2).
pub fn resolver_at(
    dirs: &[std::path::PathBuf],
    config: &crate::cli::ConfigArgs,
    path: &str,
) -> Result<
    (
        crate::config::Resolver,
        std::sync::Arc<crate::config::Config>,
    ),
    i32,
> {
    let mut resolver =
        crate::config::Resolver::new(config.config.as_deref(), config.isolated, dirs)
            .map_err(inputs::config_error)?;
    let governing = resolver.for_path(path).map_err(inputs::config_error)?;
    Ok((resolver, governing))
}
