//! `run` and `report`: every lens of a scenario, as `detente run` and `detente report` do it.

use crate::errors::{invalid, json};
use crate::interrupt::detached;
use crate::scenario::NativeScenario;
use detente::experiment::long_table::{Row, rows};
use detente::experiment::results::{Recorded, Results};
use detente::experiment::{RunOptions, run_all};
use pyo3::prelude::*;

/// The scenario's run settings with the caller's overrides laid over them.
pub fn options(s: &NativeScenario, runs: Option<u64>, seed: Option<u64>) -> RunOptions {
    RunOptions::for_scenario(&s.resolved).with(seed, runs)
}

/// Every lens of `scenario` under `opts`, run off the GIL and stopped by Ctrl-C between blocks.
fn run_detached(
    py: Python<'_>,
    scenario: &NativeScenario,
    opts: &RunOptions,
    threads: Option<usize>,
) -> PyResult<Results> {
    let resolved = scenario.resolved.clone();
    let source = scenario.source.clone();
    let opts = opts.clone();
    detached(py, threads, move |stop| {
        run_all(&resolved, &source, &opts, &|_, _, _| stop.checkpoint())
    })
}

/// The command line that makes the CLI write the same JSON (`detente run FILE --runs N --seed S
/// --format json`). A scenario not read from a file is named by its diagnostics name.
fn command(s: &NativeScenario, opts: &RunOptions) -> Vec<String> {
    let file = (s.path.is_some() || s.name != detente::scenario::FLAGSHIP_NAME)
        .then(|| s.path.as_deref().unwrap_or(&s.name));
    opts.run_command(file)
}

/// A run as Python receives it: the JSON, the long table's rows, and `(lens, why)` for every
/// lens that could not run.
type RunOutput = (String, Vec<Row>, Vec<(String, String)>);

/// Every lens the scenario defines: the JSON `detente run --format json` writes for the same
/// scenario, runs and seed (with the command line that reproduces it), the long table's rows
/// (lens, subject, metric, statistic, value) and the lenses that could not run.
#[pyfunction]
#[pyo3(signature = (scenario, runs=None, seed=None, threads=None, mc_models=None))]
pub fn run(
    py: Python<'_>,
    scenario: &NativeScenario,
    runs: Option<u64>,
    seed: Option<u64>,
    threads: Option<usize>,
    mc_models: Option<Vec<String>>,
) -> PyResult<RunOutput> {
    let mut opts = options(scenario, runs, seed);
    if let Some(models) = mc_models {
        opts.set_mc_models(models, "mc_models").map_err(invalid)?;
    }
    let results = run_detached(py, scenario, &opts, threads)?;
    let text = json(&Recorded {
        command: command(scenario, &opts),
        results: &results,
    })?;
    let errors = results
        .errors
        .iter()
        .map(|e| (e.lens.clone(), e.message.clone()))
        .collect();
    Ok((text, rows(&results), errors))
}

/// The self-contained HTML report of every lens (what `detente report` writes for the same
/// scenario, runs and seed).
#[pyfunction]
#[pyo3(signature = (scenario, runs=None, seed=None, threads=None))]
pub fn report(
    py: Python<'_>,
    scenario: &NativeScenario,
    runs: Option<u64>,
    seed: Option<u64>,
    threads: Option<usize>,
) -> PyResult<String> {
    let opts = options(scenario, runs, seed);
    if opts.runs == 0 {
        return Err(invalid(
            "runs must be at least 1 (the report shows Monte Carlo distributions)",
        ));
    }
    let results = run_detached(py, scenario, &opts, threads)?;
    // The same document `detente report` writes, track record included.
    detente_report::report_html(&scenario.resolved, &results, scenario.path.as_deref())
        .map_err(invalid)
}
