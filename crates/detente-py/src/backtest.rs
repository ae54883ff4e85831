//! `backtest`: every model scored against the known outcomes of a case library, as
//! `detente backtest` does it. The Python side walks the folders and reads the files; this
//! side imports and resolves them.

use crate::errors::{invalid, json, scenario_error};
use crate::interrupt::detached;
use detente::experiment::backtest::{BacktestOptions, backtest as score, decide_cases};
use detente::scenario;
use pyo3::prelude::*;

/// Score every model on `files` (`(path, text)` pairs: scenario files, or files in an
/// importable format such as the DEU layout). Returns the JSON of `detente backtest --format
/// json`.
#[pyfunction]
#[pyo3(signature = (files, tolerance=10.0, resamples=2000, seed=0, threads=None))]
pub fn backtest(
    py: Python<'_>,
    files: Vec<(String, String)>,
    tolerance: f64,
    resamples: usize,
    seed: u64,
    threads: Option<usize>,
) -> PyResult<String> {
    if !(tolerance.is_finite() && tolerance >= 0.0) {
        return Err(invalid(format!(
            "tolerance must be a number ≥ 0, got {tolerance}"
        )));
    }
    if resamples == 0 || resamples > 1_000_000 {
        return Err(invalid("resamples must be between 1 and 1000000"));
    }
    let mut scenarios = Vec::with_capacity(files.len());
    for (path, text) in &files {
        let file = std::path::Path::new(path)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("");
        let source = detente::import::as_scenario(file, text).map_err(|(format, errors)| {
            let located: Vec<String> = errors.0.iter().map(|e| format!("{path}:{e}")).collect();
            invalid(format!(
                "{path} is not a valid {} file:\n  {}",
                format.name(),
                located.join("\n  ")
            ))
        })?;
        let r = scenario::load_str(&source, path).map_err(|d| scenario_error(py, &d))?;
        scenarios.push((path.clone(), r));
    }
    let count = files.len();
    let result = detached(py, threads, move |_| {
        let cases = decide_cases(&scenarios);
        (!cases.is_empty()).then(|| {
            score(
                cases,
                BacktestOptions {
                    tolerance,
                    resamples,
                    seed,
                },
            )
        })
    })?
    .ok_or_else(|| invalid(format!("no issue with a known_outcome in {count} file(s)")))?;
    json(&result)
}
