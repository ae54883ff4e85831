//! `detente calibrate escalate`: fit the security dilemma's behavioural parameters to the
//! history of real rivalries (ABC rejection on 1816–1945, checked on 1946–2010); see
//! docs/escalate-dilemma.md, "Calibration on the history of rivalries".

mod align;

use crate::error::{CliError, CliResult};
use crate::output::{json, print, write_atomic};
use crate::run_args::parse_threads;
use detente::escalate::dilemma::{CalibrationSettings, calibrate, to_csv};
use std::path::PathBuf;

/// What to calibrate.
#[derive(clap::Args)]
pub struct Args {
    /// The lens.
    #[command(subcommand)]
    pub lens: Lens,
}

/// Lenses with a calibration.
#[derive(clap::Subcommand)]
pub enum Lens {
    /// The security dilemma on the history of rivalries (Thompson & Dreyer, MID 2.2.1).
    #[command(after_help = "Examples:\n  \
        detente calibrate escalate                   # the bundled posterior's settings\n  \
        detente calibrate escalate --seed 1 --out posterior.csv\n  \
        detente calibrate escalate --draws 400 --runs 40 --accept 20   # a quick look\n\n\
        With the default settings and --seed 1 the posterior CSV is byte-identical to the\n\
        bundled data/calibration/escalate-rivalries.csv, on any number of threads.")]
    Escalate(EscalateArgs),
    /// The align lens's propensity weights on real alignments (fit 2014 vote and 1914, test
    /// 2022 vote and 1939).
    #[command(after_help = "Examples:\n  \
        detente calibrate align                      # the bundled weights' settings\n  \
        detente calibrate align --out align-weights.csv\n  \
        detente calibrate align --candidates 10 --restarts 100 --resamples 100   # a quick look\n\n\
        With the default settings the weights CSV is byte-identical to the bundled\n\
        data/calibration/align-weights.csv, on any number of threads.")]
    Align(align::AlignArgs),
}

/// Settings of `calibrate escalate`.
#[derive(clap::Args)]
pub struct EscalateArgs {
    /// Master seed (draw m uses stream m of it).
    #[arg(long, default_value_t = CalibrationSettings::default().seed)]
    pub seed: u64,
    /// Prior draws.
    #[arg(long, default_value_t = CalibrationSettings::default().draws)]
    pub draws: usize,
    /// Simulated rivalries per draw.
    #[arg(long, default_value_t = CalibrationSettings::default().runs)]
    pub runs: usize,
    /// Years per simulated rivalry.
    #[arg(long, default_value_t = CalibrationSettings::default().horizon)]
    pub horizon: usize,
    /// Draws kept in the posterior.
    #[arg(long, default_value_t = CalibrationSettings::default().accept)]
    pub accept: usize,
    /// Consecutive calm years that end a simulated rivalry.
    #[arg(long, default_value_t = CalibrationSettings::default().quiet)]
    pub quiet: usize,
    /// Worker threads, 1 to 256 (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "T", value_parser = parse_threads)]
    pub threads: Option<usize>,
    /// Write the posterior CSV here.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print the full result as JSON instead of tables.
    #[arg(long)]
    pub json: bool,
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let a = match args.lens {
        Lens::Escalate(a) => a,
        Lens::Align(a) => return align::run(a),
    };
    let settings = CalibrationSettings {
        draws: a.draws,
        runs: a.runs,
        horizon: a.horizon,
        accept: a.accept,
        quiet: a.quiet,
        seed: a.seed,
    };
    let c = crate::run_args::with_threads(a.threads, || calibrate(&settings))?
        .map_err(|e| CliError::Input(format!("error: {e}")))?;
    if let Some(path) = &a.out {
        write_atomic(path, to_csv(&c))?;
    }
    if a.json {
        return print(&json(&c)?);
    }
    print(&detente_present::calibrate::escalate_table(&c))
}
