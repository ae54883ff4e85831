//! Tests of what comes in: scenario files (flagship, malformed, fuzzed), importers, the world panel, and the experiment layer.
//!
//! One test binary per area (rather than one per file) keeps link time down.

mod backtest_slices;
mod experiment_analysis;
mod import_deu;
mod import_fuzz;
mod input_paths;
mod malformed;
mod scenario_flagship;
mod scenario_fuzz;
mod world_panel;
