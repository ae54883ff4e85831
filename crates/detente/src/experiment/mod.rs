//! The experiment layer: turns single model runs into answers with uncertainty
//! (docs/experiments.md).
//!
//! - [`input_path`] — the typed address of one input (`issue.ID.stance.ACTOR.position`, …):
//!   parsed in one place, printed back the same way.
//! - [`inputs`] — scenario inputs addressed by path; drawing uncertain inputs for one run.
//! - [`runner`] — the Monte Carlo engine: arms under common random numbers, parallel runs
//!   reduced in run order, paired differences.
//! - [`paired`] — paired differences between arms: normal intervals for real metrics,
//!   Newcombe's hybrid score interval for proportions.
//! - [`summary`] — streaming accumulators (bounded memory): mean, sd, quantiles, histograms,
//!   Wilson intervals.
//! - [`run_options`] — run settings (seed, runs) read from `[experiment]`, overridden by
//!   flags: the one place defaults live.
//! - [`results`] — every lens of a scenario in one [`Results`] value (`detente run`).
//! - [`long_table`] — the same results as one long table (lens, subject, metric, statistic,
//!   value), as `results.csv` and data frames show them.
//! - [`threads`] — the bound on worker threads and the one pool builder.
//! - [`design`] — sweep designs (grid, Latin hypercube) and sensitivity (tornado, Morris).

pub mod analysis;
pub mod backtest;
pub mod design;
pub mod domain;
pub mod input_path;
pub mod inputs;
pub mod long_table;
pub mod paired;
pub mod results;
pub mod run_options;
pub mod runner;
pub mod summary;
pub mod threads;
pub mod write_back;

pub use input_path::{InputPath, PathError};
pub use inputs::{Input, all_inputs, input_paths, realise, set, uncertain_inputs};
pub use paired::{IntervalMethod, PairedDifference};
pub use results::{Results, run_all};
pub use run_options::{DEFAULT_RUNS, Lenses, RunOptions, RunOptionsError};
pub use runner::{
    ArmModel, McResult, MetricDef, MetricKind, MetricSummary, Tallies, run_arms, tally_arms,
};
pub use summary::{Accumulator, Binned, Counter, Summary};
