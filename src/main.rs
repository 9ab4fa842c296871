use clap::Parser;
use factlint::cli::{Cli, Command};

fn main() {
    let cli = Cli::parse();
    let code = match &cli.command {
        Command::Extract(args) => factlint::commands::extract::run(args),
    };
    std::process::exit(code);
}
