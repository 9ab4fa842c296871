use clap::Parser;
use factlint::cli::{Cli, Command};

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
