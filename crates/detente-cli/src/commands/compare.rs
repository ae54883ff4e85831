//! `detente compare`: every escalate policy of a scenario on common random numbers, with paired
//! differences between every pair.

use crate::analysis_io::cli_error;
use crate::error::CliResult;
use crate::input::load_scenario;
use crate::output::{Format, json, print};
use crate::run_args::RunArgs;
use detente::experiment::analysis::compare;
use std::path::PathBuf;

/// Compare every escalate policy: spiral probability and welfare, pairwise on the same runs.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  \
    detente compare                              # the flagship's policies, [experiment] runs each\n  \
    detente compare --runs 5000 --seed 7 --format csv\n\n\
    Run k of every policy uses the same random stream (seed, k), so the difference a - b is\n\
    taken run by run: its 95% interval is much narrower than that of two separate estimates.")]
pub struct Args {
    /// Scenario file (default: the bundled flagship).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Runs per policy, seed and threads.
    #[command(flatten)]
    pub run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let (r, _) = load_scenario(args.file.as_deref())?;
    let opts = args.run.options(&r);
    let c = args
        .run
        .install(|| compare(&r, opts.runs, opts.seed))?
        .map_err(cli_error)?;
    let text = match args.format {
        Format::Json => json(&c)?,
        Format::Csv => detente_present::analysis::compare::csv(&c),
        Format::Table => detente_present::analysis::compare::table(&c),
    };
    print(&text)
}
