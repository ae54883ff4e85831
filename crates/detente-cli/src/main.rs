//! `detente`: the command-line tool. Thin glue: parse arguments, read files, call the library,
//! print. It never computes a model result itself.

mod commands;
mod error;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// detente — executable models of international security situations.
///
/// Write a situation down as a scenario file and ask where a body's position will settle
/// (decide), who sides with whom (align), and whether a rivalry spirals (escalate).
#[derive(Parser)]
#[command(name = "detente", version, about, long_about = None, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Does a rivalry spiral? Security-dilemma Monte Carlo and Richardson arms-race analysis.
    Escalate(commands::escalate::Args),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let usage = e.use_stderr();
            let _ = e.print();
            return if usage {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result: error::CliResult = match cli.command {
        Command::Escalate(a) => commands::escalate::run(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            e.exit_code()
        }
    }
}
