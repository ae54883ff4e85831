//! Calibration of the propensity weights on real alignments (`detente calibrate align`).
//!
//! Training cases: the vote on A/RES/68/262 (2014) and the sides of the First World War
//! (1914). Test cases, never used in the fit: the vote on A/RES/ES-11/1 (2022) and the sides of
//! the Second World War in Europe (1939). Each case is the scenario in `scenarios/cases/`
//! (embedded), with inputs from the year before the event.
//!
//! The fitted terms are `shared_alliance`, `shared_org`, `ideal_point_gap`, `baseline`,
//! `alliance_similarity`, `conflict_10`, `conflict_20` and `rivalry`; `trade_share` (no data in
//! the panel) and `ties` (analyst input) keep their hand-set weights 0.5 and 1. Each weight has
//! the sign its term is meant to have (ties and shared data pull together, distance and
//! conflict apart; the baseline either way) and a magnitude on the grid {0, ¼, ½, ¾, 1} (the
//! baseline on {−½, −¼, 0, ¼, ½}). Only the ratios of the weights matter (`p_ij` is a weighted
//! mean), so every candidate is scaled to `max_t |w_t| = 1` and duplicates are dropped.
//!
//! 1. Candidates: the hand-set weights, then random grid points (stream `(seed, m)`), then one
//!    coordinate pass around the best of those (each fitted weight over its grid, the others
//!    fixed).
//! 2. Each candidate runs the align lens on each case exactly as `detente backtest` does (the
//!    case's seed, restarts and neutral pole; the best configuration read as sides through the
//!    anchors) and scores Cohen's κ state by state.
//! 3. The fit maximises the mean κ over the training cases (ties to the earlier candidate).
//! 4. Intervals: `resamples` bootstrap resamples of the training states (per case, with
//!    replacement); on each, the candidate with the best mean κ over the resampled states; the
//!    2.5 % and 97.5 % quantiles of its weights. They show how firmly the training states pin
//!    each weight within the candidates searched, not a sampling distribution of a true weight.

use std::collections::BTreeSet;

use crate::par::*;
use rand::RngExt as _;
use serde::Serialize;

use super::propensity::{TERM_COUNT, TERM_NAMES, TermWeights, data_norm};
use super::run::{AlignInput, align};
use super::scenario::input as align_input;
use super::{Landscape, LandscapeActor};
use crate::experiment::backtest::align::{accuracy, kappa, model_sides};
use crate::experiment::backtest::{AlignCase, BacktestError, BacktestOptions, align::align_case};
use crate::rng::{derive, run_stream};
use crate::scenario::{AlignOutcome, Diagnostics, Resolved, load_str};
use crate::stats::quantile_sorted;
use crate::world::CsvError;
use std::fmt;

/// The bundled calibrated weights (`detente calibrate align --out` writes this file).
pub const WEIGHTS_CSV: &str = include_str!("../../../../data/calibration/align-weights.csv");

/// Indices (in [`TERM_NAMES`] order) of the fitted terms.
pub const FITTED: [usize; 8] = [0, 1, 2, 5, 6, 7, 8, 9];

/// Magnitudes a fitted weight can take (before scaling).
const GRID: [f64; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];

/// The sign of each term's weight: +1 pulls together, −1 apart, 0 either way (the baseline).
const SIGN: [f64; TERM_COUNT] = [1.0, 1.0, -1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 1.0];

/// Why the calibration could not run: a bundled case is unusable (a build defect) or the align
/// lens failed on it.
#[derive(Debug, Clone)]
pub enum CalibrateError {
    /// A case's scenario does not load.
    Scenario(Diagnostics),
    /// A case has no `[align.known_outcome]` to fit against.
    NoKnownOutcome {
        /// The case's file.
        case: &'static str,
    },
    /// A case's `[align]` section cannot be turned into the lens's inputs.
    Input {
        /// The case's file.
        case: &'static str,
        /// Why not.
        error: crate::align::AlignInputError,
    },
    /// A candidate's weights give no valid landscape.
    Landscape(crate::align::AlignError),
    /// The align lens failed on a case.
    Align {
        /// The case's file.
        case: &'static str,
        /// Why.
        error: crate::align::AlignError,
    },
    /// Scoring a case with the fitted weights failed.
    Backtest(BacktestError),
}

impl fmt::Display for CalibrateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CalibrateError::Scenario(d) => d.fmt(f),
            CalibrateError::NoKnownOutcome { case } => {
                write!(f, "{case}: no [align.known_outcome]")
            }
            CalibrateError::Input { case, error } => write!(f, "{case}: {error}"),
            CalibrateError::Landscape(e) => e.fmt(f),
            CalibrateError::Align { case, error } => write!(f, "{case}: {error}"),
            CalibrateError::Backtest(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for CalibrateError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CalibrateError::Scenario(d) => Some(d),
            CalibrateError::NoKnownOutcome { .. } => None,
            CalibrateError::Input { error, .. } => Some(error),
            CalibrateError::Landscape(e) | CalibrateError::Align { error: e, .. } => Some(e),
            CalibrateError::Backtest(e) => Some(e),
        }
    }
}

impl From<BacktestError> for CalibrateError {
    fn from(e: BacktestError) -> Self {
        CalibrateError::Backtest(e)
    }
}

/// Why a weights file (as [`weights_csv`] writes it) cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WeightsCsvError {
    /// The file is not well-formed CSV.
    Csv(CsvError),
    /// A row names no known term.
    UnknownTerm {
        /// 1-based line number.
        line: usize,
    },
    /// A row has no numeric weight.
    NoWeight {
        /// 1-based line number.
        line: usize,
    },
    /// A term has no row.
    MissingTerm {
        /// The term's name.
        term: &'static str,
    },
}

impl fmt::Display for WeightsCsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WeightsCsvError::Csv(e) => e.fmt(f),
            WeightsCsvError::UnknownTerm { line } => write!(f, "line {line}: unknown term"),
            WeightsCsvError::NoWeight { line } => write!(f, "line {line}: no weight"),
            WeightsCsvError::MissingTerm { term } => write!(f, "no weight for {term}"),
        }
    }
}

impl std::error::Error for WeightsCsvError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WeightsCsvError::Csv(e) => Some(e),
            _ => None,
        }
    }
}

/// Training or test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Used by the fit.
    Train,
    /// Held out: scored only.
    Test,
}

/// The cases: file, role, embedded text.
pub const CASES: [(&str, Role, &str); 4] = [
    (
        "scenarios/cases/unga-68-262.toml",
        Role::Train,
        include_str!("../../../../scenarios/cases/unga-68-262.toml"),
    ),
    (
        "scenarios/cases/ww1-1914.toml",
        Role::Train,
        include_str!("../../../../scenarios/cases/ww1-1914.toml"),
    ),
    (
        "scenarios/cases/unga-es-11-1.toml",
        Role::Test,
        include_str!("../../../../scenarios/cases/unga-es-11-1.toml"),
    ),
    (
        "scenarios/cases/ww2-europe-1939.toml",
        Role::Test,
        include_str!("../../../../scenarios/cases/ww2-europe-1939.toml"),
    ),
];

/// Settings of the search.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct FitSettings {
    /// Random grid points drawn (before duplicates are dropped).
    pub candidates: usize,
    /// Bootstrap resamples for the intervals.
    pub resamples: usize,
    /// Seed of the candidate draws and the resamples.
    pub seed: u64,
    /// Restarts per align run (`None`: each case's own).
    pub restarts: Option<u64>,
}

impl Default for FitSettings {
    fn default() -> Self {
        FitSettings {
            candidates: 120,
            resamples: 1000,
            seed: 1,
            restarts: None,
        }
    }
}

/// One fitted (or fixed) weight.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FittedWeight {
    /// Term name.
    pub term: String,
    /// The weight (scaled so the largest fitted weight is ±1).
    pub weight: f64,
    /// 2.5 % and 97.5 % bootstrap quantiles; `None` for a term that is not fitted.
    pub interval: Option<(f64, f64)>,
}

/// Scores of one weight set on one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseFit {
    /// Case file.
    pub case: String,
    /// Training or test.
    pub role: Role,
    /// Scored states.
    pub states: usize,
    /// The case scored as `detente backtest` scores it, with the fitted weights (the align
    /// lens and the three baselines, with bootstrap intervals).
    pub scored: AlignCase,
    /// Share placed correctly with the hand-set weights.
    pub classic_accuracy: f64,
    /// κ with the hand-set weights.
    pub classic_kappa: f64,
}

/// The calibration's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlignFit {
    /// Settings used.
    pub settings: FitSettings,
    /// Distinct candidates evaluated.
    pub evaluated: usize,
    /// Mean training κ of the fitted weights.
    pub training_kappa: f64,
    /// The weights, in [`TERM_NAMES`] order.
    pub weights: Vec<FittedWeight>,
    /// Every case, training first.
    pub cases: Vec<CaseFit>,
}

impl AlignFit {
    /// The fitted weights as [`TermWeights`].
    pub fn term_weights(&self) -> TermWeights {
        let mut w = [0.0; TERM_COUNT];
        for (k, f) in self.weights.iter().enumerate() {
            w[k] = f.weight;
        }
        TermWeights::from_array(w)
    }
}

/// A case ready for repeated runs: the per-pair term values, the observed sides.
struct Prepared {
    file: &'static str,
    role: Role,
    resolved: Resolved,
    input: AlignInput,
    outcome: AlignOutcome,
    /// Term values per pair `i < j` (missing = 0), in pair order, and the value a `propensity`
    /// tie sets, if any.
    terms: Vec<([f64; TERM_COUNT], Option<f64>)>,
    /// Which terms have a value for at least one pair (the norm counts only those).
    has_data: [bool; TERM_COUNT],
    /// The case's own weights, used for the terms that are not fitted.
    case_weights: [f64; TERM_COUNT],
    actors: Vec<LandscapeActor>,
    /// Observed side per scored state and its index in the landscape.
    states: Vec<(String, String)>,
}

/// Loads a case and evaluates every term once.
fn prepare(file: &'static str, role: Role, text: &str) -> Result<Prepared, CalibrateError> {
    let resolved = load_str(text, file).map_err(CalibrateError::Scenario)?;
    let outcome = resolved
        .scenario
        .align
        .as_ref()
        .and_then(|a| a.known_outcome.clone())
        .ok_or(CalibrateError::NoKnownOutcome { case: file })?;
    let input_error = |error| CalibrateError::Input { case: file, error };
    let (input, built) = align_input(&resolved).map_err(input_error)?;
    let terms = built
        .pairs
        .iter()
        .map(|p| {
            let mut v = [0.0; TERM_COUNT];
            for (k, t) in p.terms.iter().enumerate() {
                v[k] = t.value.unwrap_or(0.0);
            }
            (v, p.overridden.then_some(p.p))
        })
        .collect();
    let mut has_data = [false; TERM_COUNT];
    for p in &built.pairs {
        for (t, v) in p.terms.iter().enumerate() {
            has_data[t] |= v.value.is_some();
        }
    }
    let case_weights = super::scenario::propensity_inputs(&resolved)
        .map_err(input_error)?
        .weights
        .as_array();
    let actors = built.landscape.actors.clone();
    let ids: Vec<&str> = actors.iter().map(|a| a.id.as_str()).collect();
    let mut states: Vec<(String, String)> = outcome
        .sides
        .iter()
        .flat_map(|(side, members)| members.iter().map(move |m| (m.clone(), side.clone())))
        .filter(|(m, _)| ids.contains(&m.as_str()))
        .collect();
    crate::order::sort_by_key(&mut states, |(id, _)| ids.iter().position(|x| x == id));
    Ok(Prepared {
        file,
        role,
        resolved,
        input,
        outcome,
        terms,
        has_data,
        case_weights,
        actors,
        states,
    })
}

impl Prepared {
    /// The weights a candidate gives this case: the candidate's for the fitted terms, the
    /// case's own for the others (as `detente backtest` would use them).
    fn weights(&self, candidate: &[f64; TERM_COUNT]) -> [f64; TERM_COUNT] {
        let mut w = self.case_weights;
        for &t in &FITTED {
            w[t] = candidate[t];
        }
        w
    }

    /// The landscape under candidate weights: `p_ij = Σ_t w_t f_t / Σ_t |w_t|` exactly as the
    /// builder computes it.
    fn landscape(&self, candidate: &[f64; TERM_COUNT]) -> Result<Landscape, CalibrateError> {
        let w = &self.weights(candidate);
        let n = self.actors.len();
        let norm = data_norm(w, &self.has_data);
        let mut p = vec![0.0; n * n];
        let mut k = 0;
        for i in 0..n {
            for j in (i + 1)..n {
                let (f, fixed) = &self.terms[k];
                let v = fixed.unwrap_or_else(|| {
                    // Term by term as the builder sums them, so the landscape is bit-identical
                    // to the one `detente backtest` builds with these weights.
                    if norm > 0.0 {
                        f.iter().zip(w).map(|(f, wt)| wt * f / norm).sum::<f64>()
                    } else {
                        0.0
                    }
                });
                p[i * n + j] = v;
                p[j * n + i] = v;
                k += 1;
            }
        }
        Landscape::new(self.actors.clone(), p).map_err(CalibrateError::Landscape)
    }

    /// Pairs `(observed, predicted)` of side indices per scored state under weights `w`
    /// (a state without a prediction gets an index no side has).
    fn predict(
        &self,
        w: &[f64; TERM_COUNT],
        restarts: Option<u64>,
    ) -> Result<Vec<(usize, usize)>, CalibrateError> {
        let mut input = self.input.clone();
        input.landscape = self.landscape(w)?;
        if let Some(r) = restarts {
            input.options.restarts = r;
        }
        let result = align(&input).map_err(|error| CalibrateError::Align {
            case: self.file,
            error,
        })?;
        let predicted = model_sides(&result, &self.states, &self.outcome);
        let sides: Vec<&str> = self.outcome.sides.iter().map(|(s, _)| s.as_str()).collect();
        let index = |s: &str| sides.iter().position(|x| *x == s).unwrap_or(usize::MAX);
        Ok(self
            .states
            .iter()
            .zip(predicted)
            .map(|((_, obs), pred)| (index(obs), pred.as_deref().map_or(usize::MAX, index)))
            .collect())
    }
}

/// Scales the fitted weights to `max |w| = 1` and sets the fixed ones (trade 0.5, ties 1).
fn normalised(raw: &[f64; TERM_COUNT]) -> Option<[f64; TERM_COUNT]> {
    let top = FITTED.iter().map(|&t| raw[t].abs()).fold(0.0, f64::max);
    if top == 0.0 {
        return None;
    }
    let mut w = [0.0; TERM_COUNT];
    for &t in &FITTED {
        // Exact for the grid's ratios; `+ 0.0` turns −0 into 0.
        w[t] = raw[t] / top + 0.0;
    }
    let classic = TermWeights::classic().as_array();
    w[3] = classic[3];
    w[4] = classic[4];
    Some(w)
}

/// The grid value `g` of term `t` with the term's sign.
fn grid_value(t: usize, g: usize) -> f64 {
    if SIGN[t] == 0.0 {
        GRID[g] - 0.5
    } else {
        SIGN[t] * GRID[g]
    }
}

fn key(w: &[f64; TERM_COUNT]) -> Vec<u64> {
    w.iter().map(|x| x.to_bits()).collect()
}

/// Runs the calibration.
pub fn calibrate_align(settings: &FitSettings) -> Result<AlignFit, CalibrateError> {
    let cases: Vec<Prepared> = CASES
        .par_iter()
        .map(|&(file, role, text)| prepare(file, role, text))
        .collect::<Result<_, _>>()?;
    let training: Vec<usize> = (0..cases.len())
        .filter(|&c| cases[c].role == Role::Train)
        .collect();
    let evaluate = |w: &[f64; TERM_COUNT]| -> Result<Vec<Vec<(usize, usize)>>, CalibrateError> {
        training
            .par_iter()
            .map(|&c| cases[c].predict(w, settings.restarts))
            .collect()
    };
    let mut seen: BTreeSet<Vec<u64>> = BTreeSet::new();
    let mut candidates: Vec<[f64; TERM_COUNT]> = Vec::new();
    let mut push = |w: [f64; TERM_COUNT], list: &mut Vec<[f64; TERM_COUNT]>| {
        if seen.insert(key(&w)) {
            list.push(w);
        }
    };
    let classic = normalised(&TermWeights::classic().as_array()).expect("non-zero");
    push(classic, &mut candidates);
    for m in 0..settings.candidates {
        let mut rng = run_stream(settings.seed, m as u64);
        let mut raw = [0.0; TERM_COUNT];
        for &t in &FITTED {
            raw[t] = grid_value(t, rng.random_range(0..GRID.len()));
        }
        if let Some(w) = normalised(&raw) {
            push(w, &mut candidates);
        }
    }
    let mut results: Vec<Vec<Vec<(usize, usize)>>> = candidates
        .par_iter()
        .map(evaluate)
        .collect::<Result<_, _>>()?;
    let mean_kappa =
        |r: &[Vec<(usize, usize)>]| r.iter().map(|p| kappa(p)).sum::<f64>() / r.len() as f64;
    let argmax = |rs: &[Vec<Vec<(usize, usize)>>]| {
        let mut best = 0;
        let mut best_k = f64::NEG_INFINITY;
        for (c, r) in rs.iter().enumerate() {
            let k = mean_kappa(r);
            if k > best_k {
                best_k = k;
                best = c;
            }
        }
        best
    };
    // One coordinate pass around the best random candidate.
    let centre = candidates[argmax(&results)];
    let mut refine = Vec::new();
    for &t in &FITTED {
        for g in 0..GRID.len() {
            let mut raw = centre;
            raw[t] = grid_value(t, g) * FITTED.iter().map(|&u| centre[u].abs()).fold(0.0, f64::max);
            if let Some(w) = normalised(&raw) {
                push(w, &mut refine);
            }
        }
    }
    let more: Vec<Vec<Vec<(usize, usize)>>> =
        refine.par_iter().map(evaluate).collect::<Result<_, _>>()?;
    candidates.extend(refine);
    results.extend(more);
    let best = argmax(&results);
    let fitted = candidates[best];
    // Bootstrap over training states: the argmax on each resample.
    let picks: Vec<usize> = (0..settings.resamples)
        .into_par_iter()
        .map(|b| {
            let mut rng = run_stream(derive(settings.seed, [1, 0, 0]), b as u64);
            let draws: Vec<Vec<usize>> = training
                .iter()
                .map(|&c| {
                    let n = cases[c].states.len();
                    (0..n).map(|_| rng.random_range(0..n)).collect()
                })
                .collect();
            let mut best = 0;
            let mut best_k = f64::NEG_INFINITY;
            let mut sample: Vec<(usize, usize)> = Vec::new();
            for (c, r) in results.iter().enumerate() {
                let mut total = 0.0;
                for (pairs, idx) in r.iter().zip(&draws) {
                    sample.clear();
                    sample.extend(idx.iter().map(|&i| pairs[i]));
                    total += kappa(&sample);
                }
                let k = total / r.len() as f64;
                if k > best_k {
                    best_k = k;
                    best = c;
                }
            }
            best
        })
        .collect();
    let weights = (0..TERM_COUNT)
        .map(|t| {
            let interval = FITTED.contains(&t).then(|| {
                let mut v: Vec<f64> = picks.iter().map(|&c| candidates[c][t]).collect();
                crate::order::sort_floats(&mut v);
                (
                    quantile_sorted(&v, 0.025).unwrap_or(fitted[t]),
                    quantile_sorted(&v, 0.975).unwrap_or(fitted[t]),
                )
            });
            FittedWeight {
                term: TERM_NAMES[t].to_string(),
                weight: fitted[t],
                interval,
            }
        })
        .collect();
    let case_fits = cases
        .par_iter()
        .enumerate()
        .map(|(k, c)| {
            let old = c.predict(&classic, settings.restarts)?;
            let mut r = c.resolved.clone();
            if let Some(a) = r.scenario.align.as_mut() {
                a.propensity = TermWeights::from_array(c.weights(&fitted));
                if settings.restarts.is_some() {
                    a.restarts = settings.restarts;
                }
            }
            let scored = align_case(
                c.file,
                &r,
                &c.outcome,
                &BacktestOptions::default(),
                k as u64,
            )?;
            Ok(CaseFit {
                case: c.file.to_string(),
                role: c.role,
                states: c.states.len(),
                scored,
                classic_accuracy: accuracy(&old),
                classic_kappa: kappa(&old),
            })
        })
        .collect::<Result<Vec<_>, CalibrateError>>()?;
    Ok(AlignFit {
        settings: *settings,
        evaluated: candidates.len(),
        training_kappa: mean_kappa(&results[best]),
        weights,
        cases: case_fits,
    })
}

/// The weights file: `term,weight,low,high,fitted` (empty bounds for a fixed term).
pub fn weights_csv(fit: &AlignFit) -> String {
    let mut out = String::from("term,weight,low,high,fitted\n");
    for w in &fit.weights {
        match w.interval {
            Some((lo, hi)) => out.push_str(&format!("{},{},{lo},{hi},yes\n", w.term, w.weight)),
            None => out.push_str(&format!("{},{},,,no\n", w.term, w.weight)),
        }
    }
    out
}

/// Parses a weights file (as [`weights_csv`] writes it) into weights: the term in the first
/// column, its weight in the second, a row for every term.
pub fn parse_weights_csv(text: &str) -> Result<TermWeights, WeightsCsvError> {
    let table = crate::world::csv::parse(text).map_err(WeightsCsvError::Csv)?;
    let mut w = [f64::NAN; TERM_COUNT];
    for (line, f) in &table.rows {
        let t = TERM_NAMES
            .iter()
            .position(|n| Some(*n) == f.first().map(String::as_str))
            .ok_or(WeightsCsvError::UnknownTerm { line: *line })?;
        w[t] = f
            .get(1)
            .and_then(|v| v.parse().ok())
            .ok_or(WeightsCsvError::NoWeight { line: *line })?;
    }
    if let Some(t) = w.iter().position(|x| !x.is_finite()) {
        return Err(WeightsCsvError::MissingTerm {
            term: TERM_NAMES[t],
        });
    }
    Ok(TermWeights::from_array(w))
}

impl TermWeights {
    /// The calibrated weights shipped in `data/calibration/align-weights.csv`.
    pub fn calibrated() -> Self {
        static W: std::sync::OnceLock<TermWeights> = std::sync::OnceLock::new();
        *W.get_or_init(|| {
            parse_weights_csv(WEIGHTS_CSV).unwrap_or_else(|e| {
                panic!("data/calibration/align-weights.csv is malformed (a build defect): {e}")
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn calibration_errors_read_as_before() {
        assert_eq!(
            CalibrateError::NoKnownOutcome { case: "x.toml" }.to_string(),
            "x.toml: no [align.known_outcome]"
        );
        let error = crate::align::AlignError::Input("empty".into());
        let e = CalibrateError::Align {
            case: "x.toml",
            error: error.clone(),
        };
        assert_eq!(e.to_string(), "x.toml: invalid align input: empty");
        assert_eq!(e.source().map(|s| s.to_string()), Some(error.to_string()));
        let input = crate::align::AlignInputError::TooFewActors { selected: 1 };
        let e = CalibrateError::Input {
            case: "x.toml",
            error: input.clone(),
        };
        assert_eq!(e.to_string(), format!("x.toml: {input}"));
        assert!(e.source().is_some());
    }

    #[test]
    fn weights_file_errors_name_the_line_or_term() {
        let e = parse_weights_csv("term,weight\nnonsense,1\n").unwrap_err();
        assert_eq!(e, WeightsCsvError::UnknownTerm { line: 2 });
        assert_eq!(e.to_string(), "line 2: unknown term");
        let e = parse_weights_csv("term,weight\nshared_alliance,x\n").unwrap_err();
        assert_eq!(e.to_string(), "line 2: no weight");
        let e = parse_weights_csv("term,weight\nshared_alliance,1\n").unwrap_err();
        assert_eq!(e.to_string(), "no weight for shared_org");
        let e = parse_weights_csv("term,weight\nshared_alliance\n").unwrap_err();
        assert_eq!(e.to_string(), "line 2: 1 fields, expected 2");
        assert_eq!(
            e.source().map(|s| s.to_string()).as_deref(),
            Some("line 2: 1 fields, expected 2")
        );
        // A quoted field is read as one value.
        let quoted = WEIGHTS_CSV.replacen("shared_alliance,", "\"shared_alliance\",", 1);
        assert_eq!(parse_weights_csv(&quoted), parse_weights_csv(WEIGHTS_CSV));
    }
}
