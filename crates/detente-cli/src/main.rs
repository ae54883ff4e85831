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
    /// List the strategies for iterated games (ids, classifiers, policy aliases).
    Strategies(commands::strategies::Args),
    /// Play one iterated game between two strategies, move by move.
    Match(commands::match_::Args),
    /// Play a round-robin tournament of strategies and rank them.
    Tournament(commands::tournament::Args),
    /// Evolve a population of strategies (Moran process or replicator dynamics).
    Evolve(commands::evolve::Args),
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
        Command::Strategies(a) => commands::strategies::run(a),
        Command::Match(a) => commands::match_::run(a),
        Command::Tournament(a) => commands::tournament::run(a),
        Command::Evolve(a) => commands::evolve::run(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            e.exit_code()
        }
    }
}
