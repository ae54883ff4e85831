//! `backtest`: every model scored against the known outcomes of a case library (decide cases
//! and align cases), as `detente backtest` does it. The Python side walks the folders and reads
//! the files; this side imports and resolves them.
//!
//! A distributed backtest cuts the library into contiguous slices: each worker computes its
//! slice's cases ([`backtest_cases`], handed back as plain Python objects so that they pickle
//! with every float intact) and the caller scores the concatenation ([`backtest_score`]).

use crate::errors::{invalid, json, scenario_error};
use crate::interrupt::detached;
use detente::experiment::backtest::{
    AlignCase, Backtest, BacktestOptions, Case, backtest as score, library_slice,
};
use detente::scenario::{self, Resolved};
use pyo3::prelude::*;
use pythonize::{depythonize, pythonize};

/// The checked scoring options.
fn options(tolerance: f64, resamples: usize, seed: u64) -> PyResult<BacktestOptions> {
    if !(tolerance.is_finite() && tolerance >= 0.0) {
        return Err(invalid(format!(
            "tolerance must be a number ≥ 0, got {tolerance}"
        )));
    }
    if resamples == 0 || resamples > 1_000_000 {
        return Err(invalid("resamples must be between 1 and 1000000"));
    }
    Ok(BacktestOptions {
        tolerance,
        resamples,
        seed,
    })
}

/// `files` (`(path, text)` pairs: scenario files, or files in an importable format such as the
/// DEU layout) imported and resolved; a file that does not load is an error naming it.
fn load(py: Python<'_>, files: &[(String, String)]) -> PyResult<Vec<(String, Resolved)>> {
    let mut scenarios = Vec::with_capacity(files.len());
    for (path, text) in files {
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
    Ok(scenarios)
}

/// The scored backtest, or the error `detente backtest` gives for a library without a case.
fn scored(
    cases: Vec<Case>,
    aligned: Vec<AlignCase>,
    options: BacktestOptions,
    files: usize,
) -> PyResult<Backtest> {
    if cases.is_empty() && aligned.is_empty() {
        return Err(invalid(format!(
            "no issue with a known_outcome and no [align.known_outcome] in {files} file(s)"
        )));
    }
    Ok(score(cases, options).with_align(aligned))
}

/// Score every model on `files`: the JSON of `detente backtest --format json` for the same
/// files, tolerance, resamples and seed.
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
    let options = options(tolerance, resamples, seed)?;
    let scenarios = load(py, &files)?;
    let (cases, aligned) =
        detached(py, threads, move |_| library_slice(&scenarios, 0, &options))?.map_err(invalid)?;
    json(&scored(cases, aligned, options, files.len())?)
}

/// The cases of `files` when they are the files `first, first + 1, …` of a larger library:
/// `(decide cases, align cases)` as plain Python objects (lists and dicts), for
/// [`backtest_score`].
#[pyfunction]
#[pyo3(signature = (files, first, tolerance=10.0, resamples=2000, seed=0, threads=None))]
pub fn backtest_cases(
    py: Python<'_>,
    files: Vec<(String, String)>,
    first: u64,
    tolerance: f64,
    resamples: usize,
    seed: u64,
    threads: Option<usize>,
) -> PyResult<(Py<PyAny>, Py<PyAny>)> {
    let options = options(tolerance, resamples, seed)?;
    let scenarios = load(py, &files)?;
    let (cases, aligned) = detached(py, threads, move |_| {
        library_slice(&scenarios, first, &options)
    })?
    .map_err(invalid)?;
    let objects = |e: pythonize::PythonizeError| invalid(format!("cannot hand over cases: {e}"));
    Ok((
        pythonize(py, &cases).map_err(objects)?.unbind(),
        pythonize(py, &aligned).map_err(objects)?.unbind(),
    ))
}

/// Score the cases of a whole library, gathered from [`backtest_cases`] in file order: the
/// same JSON [`backtest`] writes for the library. `files` is the library's file count (for the
/// error when it holds no case).
#[pyfunction]
#[pyo3(signature = (cases, aligned, files, tolerance=10.0, resamples=2000, seed=0))]
pub fn backtest_score(
    cases: &Bound<'_, PyAny>,
    aligned: &Bound<'_, PyAny>,
    files: usize,
    tolerance: f64,
    resamples: usize,
    seed: u64,
) -> PyResult<String> {
    let options = options(tolerance, resamples, seed)?;
    let cases: Vec<Case> =
        depythonize(cases).map_err(|e| invalid(format!("not backtest cases: {e}")))?;
    let aligned: Vec<AlignCase> =
        depythonize(aligned).map_err(|e| invalid(format!("not align cases: {e}")))?;
    json(&scored(cases, aligned, options, files)?)
}
