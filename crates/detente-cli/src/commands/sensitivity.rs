//! `detente sensitivity`: which uncertain inputs move a metric most — a one-at-a-time tornado
//! and Morris elementary effects.

use crate::analysis_io::{cli_error, parse_metrics};
use crate::error::CliResult;
use crate::input::load_scenario;
use crate::output::{Format, json, print};
use crate::run_args::RunArgs;
use detente::experiment::analysis::{SensitivityOptions, sensitivity};
use detente_present::analysis::sensitivity::MorrisRequest;
use std::path::PathBuf;

/// Tornado over every uncertain input (low/high bounds), plus Morris screening.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  \
    detente sensitivity --metric decide.china-posture.compromise.unconstrained\n  \
    detente sensitivity --metric escalate.clear-eyed-hedging.spiral --runs 500 --morris\n\n\
    Each uncertain input is set to its low and its high bound, the others staying at their\n\
    point values. Morris effects (mu*, sigma) run with --morris or when there are more than\n\
    20 uncertain inputs.")]
pub struct Args {
    /// Scenario file (default: the bundled flagship).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Metric to explain, e.g. decide.ISSUE.MODEL.
    #[arg(long, value_name = "NAME")]
    pub metric: String,
    /// Always add Morris elementary effects.
    #[arg(long)]
    pub morris: bool,
    /// Morris trajectories.
    #[arg(long, default_value_t = 10)]
    pub trajectories: usize,
    /// Escalate runs per evaluation, seed and threads.
    #[command(flatten)]
    pub run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let (r, _) = load_scenario(args.file.as_deref())?;
    let metric = parse_metrics(&r, std::slice::from_ref(&args.metric))?.remove(0);
    let run = args.run.options(&r);
    let opts = SensitivityOptions {
        morris: args.morris,
        trajectories: args.trajectories,
        ..SensitivityOptions::default()
    };
    let s = args
        .run
        .install(|| sensitivity(&r, &metric, run.runs, run.seed, opts))?
        .map_err(cli_error)?;
    let text = match args.format {
        Format::Json => json(&s)?,
        Format::Csv => detente_present::analysis::sensitivity::csv(&s),
        Format::Table => detente_present::analysis::sensitivity::table(
            &s,
            &MorrisRequest {
                always: args.morris,
                trajectories: args.trajectories,
                stochastic: metric.is_stochastic(),
            },
        ),
    };
    print(&text)
}
