use clap::Parser;
use factlint::cli::{Cli, Command};

/// jemalloc: extraction allocates many small, short-lived strings and vectors per sentence,
/// which glibc's allocator serves markedly slower: an audit of 20,000 documents takes 14%
/// less CPU time with the same peak memory (README, "Speed and memory"; mimalloc was 8%
/// faster but held half as much memory again).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Extract(args) => factlint::commands::extract::run(args),
        Command::Check(args) => factlint::commands::check::run(args),
        Command::Audit(args) => factlint::commands::audit::run(args),
        Command::Rules(args) => factlint::commands::rules::run(args),
        Command::Explain(args) => factlint::commands::explain::run(args),
        Command::Reconcile(args) => factlint::commands::reconcile::run(args),
        Command::Init(args) => factlint::commands::init::run(args),
    };
    std::process::exit(code);
}
