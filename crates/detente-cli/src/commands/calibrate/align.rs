//! `detente calibrate align`: fit the align lens's propensity weights on the training cases
//! (the 2014 Crimea vote and the First World War) and score them on the held-out cases (the 2022
//! vote and the Second World War in Europe); see docs/align.md, "Calibrated weights".

use crate::error::{CliError, CliResult};
use crate::output::{json, print, write_atomic};
use detente::align::{FitSettings, calibrate_align, weights_csv};
use std::path::PathBuf;

/// Settings of `calibrate align`.
#[derive(clap::Args)]
pub struct AlignArgs {
    /// Seed of the candidate draws and the bootstrap.
    #[arg(long, default_value_t = FitSettings::default().seed)]
    pub seed: u64,
    /// Random grid points drawn (before duplicates are dropped).
    #[arg(long, default_value_t = FitSettings::default().candidates)]
    pub candidates: usize,
    /// Bootstrap resamples of the training states for the weight intervals.
    #[arg(long, default_value_t = FitSettings::default().resamples)]
    pub resamples: usize,
    /// Restarts per align run (default: each case's own).
    #[arg(long)]
    pub restarts: Option<u64>,
    /// Worker threads, 1 to 256 (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "T", value_parser = crate::run_args::parse_threads)]
    pub threads: Option<usize>,
    /// Write the weights CSV here.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print the full result as JSON instead of tables.
    #[arg(long)]
    pub json: bool,
}

/// Run the command.
pub fn run(a: AlignArgs) -> CliResult {
    let settings = FitSettings {
        candidates: a.candidates,
        resamples: a.resamples,
        seed: a.seed,
        restarts: a.restarts,
    };
    let fit = crate::run_args::with_threads(a.threads, || calibrate_align(&settings))?
        .map_err(|e| CliError::Input(format!("error: {e}")))?;
    if let Some(path) = &a.out {
        write_atomic(path, weights_csv(&fit))?;
    }
    if a.json {
        return print(&json(&fit)?);
    }
    print(&detente_present::calibrate::align_table(&fit))
}
