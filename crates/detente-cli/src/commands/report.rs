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
    // The output path and thread count do not change the content.
    let file = args.file.as_ref().map(|p| p.display().to_string());
    let html =
        detente_report::report_html(&r, &results, file.as_deref()).map_err(CliError::Failure)?;
    if args.output.as_os_str() == "-" {
        return print_bytes(html.as_bytes());
    }
    write_atomic(&args.output, html)?;
    print(&format!("{}\n", args.output.display()))
}
