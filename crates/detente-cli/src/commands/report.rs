//! `detente report`: run every lens of a scenario and write the self-contained HTML report.

use crate::error::{CliError, CliResult};
use crate::input::load_scenario;
use crate::output::{print, print_bytes, write_atomic};
use crate::run_args::RunArgs;
use detente::experiment::run_all;
use std::path::PathBuf;

/// Run every lens the scenario defines and write one HTML report (inline CSS and SVG, no
/// scripts, nothing loaded from the network; the same inputs and seed give the same bytes).
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  detente report                                  # the bundled flagship → report.html\n  detente report scenarios/nato-china-2023.toml -o out/brief.html --runs 10000 --seed 42"
)]
pub struct Args {
    /// Scenario file (default: the bundled flagship, nato-china-2023).
    #[arg(value_name = "SCENARIO")]
    pub file: Option<PathBuf>,
    /// Where to write the report (`-`: standard output).
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        default_value = "report.html"
    )]
    pub output: PathBuf,
    /// Monte Carlo runs (decide draws over uncertain inputs; escalate runs per policy), seed
    /// and threads. The report does not depend on the thread count.
    #[command(flatten)]
    pub run: RunArgs,
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    if args.run.runs == Some(0) {
        return Err(CliError::Input(
            "error: --runs must be at least 1 (the report shows Monte Carlo distributions)".into(),
        ));
    }
    let source = match &args.file {
        Some(p) => crate::input::read_text(p)?,
        None => detente::scenario::FLAGSHIP.to_string(),
    };
    let (r, name) = load_scenario(args.file.as_deref())?;
    let opts = args.run.options(&r);
    if opts.runs == 0 {
        return Err(CliError::Input(format!(
            "error: {}: [experiment] runs must be at least 1 for a report",
            name
        )));
    }
    let results = args
        .run
        .install(|| run_all(&r, &source, &opts, &|_, _, _| {}))?;
    // The command that reproduces this file byte for byte (the output path and thread count
    // do not change the content).
    let mut command = vec!["detente".to_string(), "report".to_string()];
    if let Some(p) = &args.file {
        command.push(p.display().to_string());
    }
    command.extend([
        "--runs".into(),
        opts.runs.to_string(),
        "--seed".into(),
        opts.seed.to_string(),
    ]);
    let mut report = detente_report::from_results::report_from(&r, &results);
    if report.decide.is_some() {
        // The decide lens's track record on the case library bundled into the binary, scored
        // exactly as `detente backtest scenarios/cases` with its default options.
        let backtest = detente::experiment::backtest::bundled_backtest(
            detente::experiment::backtest::BacktestOptions::default(),
        )
        .map_err(|e| CliError::Failure(format!("the bundled case library does not load: {e}")))?;
        detente_report::from_results::add_track_record(
            &mut report,
            &backtest,
            "detente backtest scenarios/cases",
        );
    }
    if let Some(method) = &mut report.method {
        method.command = command.join(" ");
    }
    let html = detente_report::render(&report);
    if args.output.as_os_str() == "-" {
        return print_bytes(html.as_bytes());
    }
    write_atomic(&args.output, html)?;
    print(&format!("{}\n", args.output.display()))
}
