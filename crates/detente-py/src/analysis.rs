//! Analyses over a scenario: sweeps (planned once, evaluated in slices so that a sweep can be
//! spread over processes), sensitivity and levers, as `detente sweep`, `detente sensitivity`
//! and `detente levers` run them.

use crate::errors::{analysis_error, invalid, json};
use crate::interrupt::detached;
use crate::results::options;
use crate::scenario::NativeScenario;
use detente::experiment::RunOptions;
use detente::experiment::analysis::{
    self, Design, Metric, SensitivityOptions, SweepPlan, SweepRow, SweepTable,
};
use detente::scenario::Resolved;
use pyo3::prelude::*;

/// Points evaluated between two checks for an interrupt, per worker thread.
const POINTS_PER_THREAD_BLOCK: usize = 2;

fn metrics(r: &Resolved, names: &[String]) -> PyResult<Vec<Metric>> {
    names
        .iter()
        .map(|n| Metric::parse(r, n).map_err(analysis_error))
        .collect()
}

/// A Latin hypercube as Python gives it: `(path, low, high)` per parameter, and the points.
type Hypercube = (Vec<(String, f64, f64)>, usize);

/// One sweep row as Python sees it: point, parameter values, metric, value.
type Row = (usize, Vec<f64>, String, f64);

/// Plan a sweep: `grid` lists each parameter's values (every combination, the last parameter
/// varying fastest); `lhs` gives `(ranges, points)` of a Latin hypercube drawn from `seed`
/// (default: the scenario's). Returns the design name, the parameter paths and every point.
#[pyfunction]
#[pyo3(signature = (scenario, grid=None, lhs=None, seed=None))]
pub fn plan_sweep(
    scenario: &NativeScenario,
    grid: Option<Vec<(String, Vec<f64>)>>,
    lhs: Option<Hypercube>,
    seed: Option<u64>,
) -> PyResult<(String, Vec<String>, Vec<Vec<f64>>)> {
    let design = match (grid, lhs) {
        (Some(axes), None) => Design::Grid(axes),
        (None, Some((ranges, points))) => Design::LatinHypercube { ranges, points },
        _ => return Err(invalid("give either a grid or a Latin hypercube")),
    };
    let seed = options(scenario, None, seed).seed;
    let plan = analysis::plan_sweep(&scenario.resolved, &design, seed).map_err(analysis_error)?;
    Ok((plan.design, plan.params, plan.points))
}

/// `n` evenly spaced values from `lo` to `hi` (both included), as the CLI's `LO:HI:N`.
#[pyfunction]
pub fn linspace(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    detente::experiment::design::linspace(lo, hi, n)
}

/// Evaluate `metrics` at points `start..end` of a planned sweep on `runs` escalate runs of the
/// master `seed` (defaults: the scenario's); rows carry the points' indices in the whole plan.
/// A point's rows depend only on its values, the runs and the seed: never on the slice.
#[pyfunction]
#[pyo3(signature = (scenario, params, points, start, end, metrics, runs=None, seed=None, threads=None))]
#[allow(clippy::too_many_arguments)]
pub fn sweep_points(
    py: Python<'_>,
    scenario: &NativeScenario,
    params: Vec<String>,
    points: Vec<Vec<f64>>,
    start: usize,
    end: usize,
    metrics: Vec<String>,
    runs: Option<u64>,
    seed: Option<u64>,
    threads: Option<usize>,
) -> PyResult<Vec<Row>> {
    let r = scenario.resolved.clone();
    let parsed = self::metrics(&r, &metrics)?;
    let RunOptions { runs, seed, .. } = options(scenario, runs, seed);
    if start > end || end > points.len() {
        return Err(invalid(format!(
            "points {start}..{end} are not in a plan of {} points",
            points.len()
        )));
    }
    let plan = SweepPlan {
        design: String::new(),
        params,
        points,
    };
    let rows = detached(py, threads, move |stop| {
        let block = rayon::current_num_threads() * POINTS_PER_THREAD_BLOCK;
        let mut rows: Vec<SweepRow> = Vec::new();
        let mut from = start;
        while from < end {
            stop.checkpoint();
            let to = (from + block).min(end);
            rows.extend(analysis::sweep_points(
                &r,
                &plan,
                from..to,
                &parsed,
                runs,
                seed,
            )?);
            from = to;
        }
        Ok(rows)
    })?
    .map_err(analysis_error)?;
    Ok(rows
        .into_iter()
        .map(|x| (x.point, x.values, x.metric, x.value))
        .collect())
}

/// The JSON `detente sweep --format json` writes, from a plan and the rows of all its points
/// (in point order).
#[pyfunction]
#[pyo3(signature = (scenario, design, params, metrics, rows, runs=None, seed=None))]
pub fn sweep_table(
    scenario: &NativeScenario,
    design: String,
    params: Vec<String>,
    metrics: Vec<String>,
    rows: Vec<Row>,
    runs: Option<u64>,
    seed: Option<u64>,
) -> PyResult<String> {
    let parsed = self::metrics(&scenario.resolved, &metrics)?;
    let RunOptions { runs, seed, .. } = options(scenario, runs, seed);
    let plan = SweepPlan {
        design,
        params,
        points: Vec::new(),
    };
    let rows = rows
        .into_iter()
        .map(|(point, values, metric, value)| SweepRow {
            point,
            values,
            metric,
            value,
        })
        .collect();
    json(&SweepTable::new(plan, &parsed, runs, seed, rows))
}

/// An actor's single changes ranked by their effect on a `decide.ISSUE.MODEL` metric: the JSON
/// of `detente levers --format json`.
#[pyfunction]
#[pyo3(signature = (scenario, actor, metric, delta=10.0, seed=None))]
pub fn levers(
    py: Python<'_>,
    scenario: &NativeScenario,
    actor: &str,
    metric: &str,
    delta: f64,
    seed: Option<u64>,
) -> PyResult<String> {
    let r = &scenario.resolved;
    let metric = Metric::parse(r, metric).map_err(analysis_error)?;
    let seed = options(scenario, None, seed).seed;
    let l = py
        .detach(|| analysis::levers(r, actor, &metric, delta, seed))
        .map_err(analysis_error)?;
    json(&l)
}

/// Tornado over every uncertain input (and Morris effects with `morris=True` or many inputs):
/// the JSON of `detente sensitivity --format json`.
#[pyfunction]
#[pyo3(signature = (scenario, metric, morris=false, trajectories=10, runs=None, seed=None, threads=None))]
#[allow(clippy::too_many_arguments)]
pub fn sensitivity(
    py: Python<'_>,
    scenario: &NativeScenario,
    metric: &str,
    morris: bool,
    trajectories: usize,
    runs: Option<u64>,
    seed: Option<u64>,
    threads: Option<usize>,
) -> PyResult<String> {
    let r = scenario.resolved.clone();
    let metric = Metric::parse(&r, metric).map_err(analysis_error)?;
    let RunOptions { runs, seed, .. } = options(scenario, runs, seed);
    let opts = SensitivityOptions {
        morris,
        trajectories,
        ..SensitivityOptions::default()
    };
    let s = detached(py, threads, move |_| {
        analysis::sensitivity(&r, &metric, runs, seed, opts)
    })?
    .map_err(analysis_error)?;
    json(&s)
}
