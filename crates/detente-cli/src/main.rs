//! `detente`: the command-line tool. Thin glue: parse arguments, read files, call the library,
//! hand its results to the presentation crate (`detente-present`) and print. It never computes
//! a model result and never lays out a table itself.

mod analysis_io;
mod commands;
mod error;
mod games;
mod input;
mod issues_input;
mod output;
#[cfg(feature = "parquet")]
mod parquet_out;
mod run_args;
mod terminal;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// detente — executable models of international security situations.
///
/// Write a situation down as a scenario file and ask where a body's position will settle
/// (decide), who sides with whom (align), and whether a rivalry spirals (escalate).
#[derive(Parser)]
#[command(
    name = "detente",
    version,
    about = "detente — executable models of international security situations: decide, align, escalate",
    long_about = None,
    max_term_width = 100
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run every lens the scenario defines (default: the bundled flagship).
    Run(commands::run::Args),
    /// Validate scenario files; report every error with file:line:column.
    Check(commands::check::Args),
    /// Show a resolved scenario with the source of every number.
    Show(commands::show::Args),
    /// Print the JSON Schema of the scenario format.
    Schema(commands::schema::Args),
    /// Where will a body settle? Decision models on a scenario's issues or an imported file.
    Decide(commands::decide::Args),
    /// Score every model against known outcomes: errors, hit rates, naive baselines.
    Backtest(commands::backtest::Args),
    /// Convert a Decide CSV, plain CSV or KTAB file into a scenario file.
    Import(commands::import::Args),
    /// Who sides with whom: stable coalition structures and their basins (landscape theory).
    Align(commands::align::Args),
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
    /// How metrics move across a parameter grid or Latin hypercube.
    Sweep(commands::sweep::Args),
    /// Which uncertain inputs move a metric most (tornado, Morris).
    Sensitivity(commands::sensitivity::Args),
    /// Which single change moves a decide outcome most for one actor.
    Levers(commands::levers::Args),
    /// Every escalate policy on common random numbers, with paired differences.
    Compare(commands::compare::Args),
    /// Fit a lens's behavioural parameters to history (escalate: rivalries 1816-1945).
    Calibrate(commands::calibrate::Args),
    /// Run every lens and write a self-contained HTML report (default: report.html).
    Report(commands::report::Args),
    /// Serve the browser page on 127.0.0.1: edit a scenario and watch every lens answer.
    Web(commands::web::Args),
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
        Command::Run(a) => commands::run::run(a),
        Command::Report(a) => commands::report::run(a),
        Command::Web(a) => commands::web::run(a),
        Command::Check(a) => commands::check::run(a),
        Command::Show(a) => commands::show::run(a),
        Command::Schema(a) => commands::schema::run(a),
        Command::Decide(a) => commands::decide::run(a),
        Command::Backtest(a) => commands::backtest::run(a),
        Command::Import(a) => commands::import::run(a),
        Command::Align(a) => commands::align::run(a),
        Command::Escalate(a) => commands::escalate::run(a),
        Command::Strategies(a) => commands::strategies::run(a),
        Command::Match(a) => commands::match_::run(a),
        Command::Tournament(a) => commands::tournament::run(a),
        Command::Evolve(a) => commands::evolve::run(a),
        Command::Sweep(a) => commands::sweep::run(a),
        Command::Sensitivity(a) => commands::sensitivity::run(a),
        Command::Levers(a) => commands::levers::run(a),
        Command::Compare(a) => commands::compare::run(a),
        Command::Calibrate(a) => commands::calibrate::run(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let message = crate::terminal::escape(&e.to_string());
            if message.starts_with("error") {
                eprintln!("{message}");
            } else {
                eprintln!("error: {message}");
            }
            e.exit_code()
        }
    }
}
