//! `detente levers`: which single change moves a decide outcome most for one actor — its own
//! position or salience, or persuading another actor.

use crate::analysis_io::{cli_error, parse_metrics};
use crate::error::CliResult;
use crate::input::load_scenario;
use crate::output::{Format, json, print};
use detente::experiment::RunOptions;
use detente::experiment::analysis::levers;
use std::path::PathBuf;

/// Rank an actor's single changes by their effect on a decide.ISSUE.MODEL metric.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  \
    detente levers --actor FRA --metric decide.china-posture.compromise.unconstrained\n  \
    detente levers --actor DEU --metric decide.china-decoupling.bdm --delta 5 --format csv\n\n\
    Candidates: the actor's own position +/- delta (clamped to the scale), its salience +/- 0.1,\n\
    and each other actor moved delta toward it. For the compromise model the closed form\n\
    (a shift d of actor i moves the outcome by w_i d / W, w = capability x salience) is shown\n\
    beside the simulated effect when no decision rule constrains the metric.")]
pub struct Args {
    /// Scenario file (default: the bundled flagship).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// The actor looking for levers.
    #[arg(long, value_name = "ID")]
    pub actor: String,
    /// Target metric: decide.ISSUE.MODEL or decide.ISSUE.MODEL.unconstrained.
    #[arg(long, value_name = "NAME")]
    pub metric: String,
    /// Position step (issue scale).
    #[arg(long, default_value_t = 10.0)]
    pub delta: f64,
    /// Seed for stochastic decision models (default: the scenario's [experiment] seed, else 0).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let (r, _) = load_scenario(args.file.as_deref())?;
    let metric = parse_metrics(&r, std::slice::from_ref(&args.metric))?.remove(0);
    let seed = RunOptions::for_scenario(&r).with(args.seed, None).seed;
    let l = levers(&r, &args.actor, &metric, args.delta, seed).map_err(cli_error)?;
    let text = match args.format {
        Format::Json => json(&l)?,
        Format::Csv => detente_present::analysis::levers::csv(&l),
        Format::Table => detente_present::analysis::levers::table(&l),
    };
    print(&text)
}
