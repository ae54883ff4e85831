//! `detente report`: run every lens of a scenario and write the self-contained HTML report
//! (experiments.md §4).

use crate::error::{CliError, CliResult};
use crate::input::load_scenario;
use crate::output::{print, write_atomic};
use detente::experiment::{RunOptions, run_all};
use std::path::PathBuf;

/// Run every lens the scenario defines and write one HTML report (inline CSS and SVG, no
/// scripts, nothing loaded from the network; the same inputs and seed give the same bytes).
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  detente report                                  # the bundled flagship → report.html\n  detente report my-scenario.toml -o out/brief.html --runs 10000 --seed 42"
)]
pub struct Args {
    /// Scenario file (default: the bundled flagship, nato-china-2023).
    #[arg(value_name = "SCENARIO")]
    pub file: Option<PathBuf>,
    /// Where to write the report.
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        default_value = "report.html"
    )]
    pub output: PathBuf,
    /// Monte Carlo runs (decide draws over uncertain inputs; escalate runs per policy).
    #[arg(long, value_name = "N", default_value_t = 2000)]
    pub runs: u64,
    /// Master seed (default: the scenario's `[experiment] seed`, else 0).
    #[arg(long, value_name = "S")]
    pub seed: Option<u64>,
    /// Worker threads (default: all cores). The report does not depend on it.
    #[arg(long, value_name = "T")]
    pub threads: Option<usize>,
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    if args.runs == 0 {
        return Err(CliError::Input(
            "error: --runs must be at least 1 (the report shows Monte Carlo distributions)".into(),
        ));
    }
    if args.threads == Some(0) {
        return Err(CliError::Input(
            "error: --threads must be at least 1".into(),
        ));
    }
    let source = match &args.file {
        Some(p) => crate::input::read_text(p)?,
        None => detente::scenario::FLAGSHIP.to_string(),
    };
    let (r, _name) = load_scenario(args.file.as_deref())?;
    let seed = args.seed.unwrap_or_else(|| r.seed());
    let opts = RunOptions {
        seed,
        runs: args.runs,
        ..RunOptions::default()
    };
    let compute = || run_all(&r, &source, &opts, &|_, _, _| {});
    let mut results = match args.threads {
        Some(t) => rayon::ThreadPoolBuilder::new()
            .num_threads(t)
            .build()
            .map_err(|e| CliError::Failure(format!("error: cannot start {t} threads: {e}")))?
            .install(compute),
        None => compute(),
    };
    // The command that reproduces this file byte for byte (the output path and thread count
    // do not change the content).
    let mut command = vec!["detente".to_string(), "report".to_string()];
    if let Some(p) = &args.file {
        command.push(p.display().to_string());
    }
    command.extend([
        "--runs".into(),
        args.runs.to_string(),
        "--seed".into(),
        seed.to_string(),
    ]);
    results.command = command;
    let report = detente_report::from_results::report_from(&r, &results);
    write_atomic(&args.output, detente_report::render(&report))?;
    print(&format!("{}\n", args.output.display()))
}
