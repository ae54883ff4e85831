//! Backtests: how often the models were right about what actually happened.
//!
//! A backtest runs every case that carries an observed outcome (an issue's `known_outcome`),
//! under every model and next to naive baselines, and scores each method the same way:
//!
//! ```text
//! (B1)  e_mc = 100 · |ŷ_mc − y_c| / Δ_c        (error in points of a 0–100 scale)
//! (B2)  MAE_m = (1/n_m) Σ_c e_mc,   hit_m = (1/n_m) Σ_c 1[e_mc ≤ τ]
//! (B3)  d_c = e_mc − e_bc,          mean paired difference against the best baseline b
//! ```
//!
//! with bootstrap intervals over cases (align cases are scored state by state instead: share
//! placed correctly and Cohen's κ, see [`align`]) (resampling cases with replacement, percentile
//! intervals, a seeded stream so the result is reproducible). A negative paired difference means
//! the model beats the baseline. Cases run in parallel and are collected in input order, so the
//! result does not depend on the thread count.

pub mod align;
mod decide;
mod error;
pub mod library;
mod score;

pub use align::{AlignCase, AlignMethod, align_cases};
pub use decide::decide_cases;
pub use error::BacktestError;
pub use library::bundled_backtest;
pub use score::{Interval, MethodScore, Paired, score};

use crate::par::*;
use serde::{Deserialize, Serialize};

use crate::scenario::Resolved;

/// Whether a method is a model or a naive baseline it must beat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MethodKind {
    /// A model's prediction.
    Model,
    /// A naive baseline (no change, the compromise, the weighted median).
    Baseline,
}

/// One method's prediction on one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// The method, e.g. `bdm`, `bdm (no rule)`, `status quo`.
    pub method: String,
    /// Model or baseline.
    pub kind: MethodKind,
    /// The predicted value on the case's scale; `None` when the method has no answer here
    /// (e.g. no status quo, or the model failed).
    pub value: Option<f64>,
    /// The error B1, when there is a value.
    pub error: Option<f64>,
    /// Why there is no value, if there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One case: an issue of a scenario with an observed outcome, and every method's prediction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    /// Where the case came from (a file name or scenario id).
    pub source: String,
    /// The scenario's id.
    pub scenario: String,
    /// The issue's id.
    pub issue: String,
    /// The lens the case tests.
    pub lens: String,
    /// The observed outcome.
    pub observed: f64,
    /// The range of the observed outcome when it is an analyst placement.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed_range: Option<(f64, f64)>,
    /// True when the observed outcome is an analyst placement rather than a recorded number.
    pub estimate: bool,
    /// The width of the case's scale (the denominator of B1).
    pub scale_width: f64,
    /// Every method's prediction, in a fixed order.
    pub predictions: Vec<Prediction>,
}

impl Case {
    /// The prediction of `method`, if the case has one.
    pub fn prediction(&self, method: &str) -> Option<&Prediction> {
        self.predictions.iter().find(|p| p.method == method)
    }
}

/// How to score a backtest.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BacktestOptions {
    /// Hit tolerance τ in points of a 0–100 scale.
    pub tolerance: f64,
    /// Bootstrap resamples.
    pub resamples: usize,
    /// Seed of the bootstrap stream.
    pub seed: u64,
}

impl Default for BacktestOptions {
    fn default() -> Self {
        BacktestOptions {
            tolerance: 10.0,
            resamples: 2000,
            seed: 0,
        }
    }
}

/// A scored backtest: every case and every method's track record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Backtest {
    /// The options used.
    pub options: BacktestOptions,
    /// Every case, in input order.
    pub cases: Vec<Case>,
    /// One score per method, baselines first, then models in case order.
    pub scores: Vec<MethodScore>,
    /// The baseline with the lowest mean absolute error, the yardstick of the paired
    /// differences.
    pub best_baseline: Option<String>,
    /// Align cases (scenarios with an `[align.known_outcome]`), each scored on its own.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub align: Vec<AlignCase>,
}

/// Score `cases` (see [`score`]) into a [`Backtest`].
pub fn backtest(cases: Vec<Case>, options: BacktestOptions) -> Backtest {
    let (scores, best_baseline) = score(&cases, &options);
    Backtest {
        options,
        cases,
        scores,
        best_baseline,
        align: Vec::new(),
    }
}

impl Backtest {
    /// The same backtest with the align cases added.
    pub fn with_align(mut self, align: Vec<AlignCase>) -> Self {
        self.align = align;
        self
    }
}

/// The cases of `scenarios` when they are the files `first..first + scenarios.len()` of a
/// larger library: their decide cases ([`decide_cases`]) and align cases (each align case's
/// bootstrap stream is its file's place in the whole library, as [`align_cases`] numbers it).
/// A library cut into contiguous slices, each slice's cases computed anywhere and concatenated
/// in order, scores exactly as the whole library does.
pub fn library_slice(
    scenarios: &[(String, Resolved)],
    first: u64,
    options: &BacktestOptions,
) -> Result<(Vec<Case>, Vec<AlignCase>), BacktestError> {
    let aligned = scenarios
        .par_iter()
        .enumerate()
        .filter_map(|(k, (source, r))| {
            let outcome = r.scenario.align.as_ref()?.known_outcome.as_ref()?;
            Some(align::align_case(
                source,
                r,
                outcome,
                options,
                first + k as u64,
            ))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok((decide_cases(scenarios), aligned))
}

/// The error B1 of `value` against `observed` on a scale of width `width`.
pub fn error(value: f64, observed: f64, width: f64) -> f64 {
    100.0 * (value - observed).abs() / width
}
