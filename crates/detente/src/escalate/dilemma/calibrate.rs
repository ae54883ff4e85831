//! Calibration of the dilemma's behavioural parameters on the history of real rivalries, by
//! ABC rejection (approximate Bayesian computation).
//!
//! Model of a historical rivalry: two actors, one per side, both on tit-for-tat, in the four
//! domains (military, economic, technology, cultural), one period per year, opening with their
//! policies' first moves, without trade or allies (so contagion and interdependence play no
//! part and are not calibrated). Its parameters θ = (ε noise, σ spillover, γ grievance,
//! ρ₀ reconciliation, ρ₁ reconciliation with restraint, η leadership change).
//!
//! 1. Draw θ_m, m = 0 … M − 1, from independent uniform priors (ranges in [`PRIOR`]), each from
//!    its own stream `run_stream(seed, m)` (so the result does not depend on the thread count).
//! 2. Simulate N rivalries of H years with θ_m on the rest of that stream and compute the seven
//!    moments of [`super::moments`] (onset rate, hostility mix, spell length, termination rate).
//! 3. Distance to the observed moments of the fit era (1816–1945):
//!    d_m = √( (1/7) Σ_k (s_mk − o_k)² / (se_o,k² + se_s,mk²) ), with the standard errors of
//!    the observed and the simulated moment (a draw with an undefined moment is rejected).
//! 4. Keep the A draws with the smallest distance (ties by m); weight each by the Epanechnikov
//!    kernel w_m ∝ 1 − (d_m/h)², h the distance of the first rejected draw; normalise.
//!
//! The posterior is this weighted set of draws. Its check re-simulates every kept draw on a
//! fresh stream and compares the weighted mean and 5–95 % range of each moment with the fit era
//! and, out of sample, with 1946–2010, and with the naive baseline that predicts 1946–2010 by
//! the 1816–1945 values.

use super::DilemmaError;
use super::moments::{MOMENT_NAMES, RivalryCounts, observed, simulate};
use super::setup::{DilemmaActor, DilemmaParams, DilemmaSetup, DomainSpec, Prepared};
use crate::par::*;
use crate::rng::{DetRng, derive, run_stream, u01};
use serde::Serialize;

/// A calibrated parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CalibratedParam {
    /// ε.
    Noise,
    /// σ.
    Spillover,
    /// γ.
    Grievance,
    /// ρ₀.
    Reconciliation,
    /// ρ₁.
    ReconciliationRestraint,
    /// η.
    LeadershipChange,
}

impl CalibratedParam {
    /// Scenario key of the parameter.
    pub fn key(self) -> &'static str {
        match self {
            CalibratedParam::Noise => "noise",
            CalibratedParam::Spillover => "spillover",
            CalibratedParam::Grievance => "grievance",
            CalibratedParam::Reconciliation => "reconciliation",
            CalibratedParam::ReconciliationRestraint => "reconciliation_restraint",
            CalibratedParam::LeadershipChange => "leadership_change",
        }
    }

    /// Set the parameter in `p`.
    pub fn set(self, p: &mut DilemmaParams, v: f64) {
        match self {
            CalibratedParam::Noise => p.noise = v,
            CalibratedParam::Spillover => p.spillover = v,
            CalibratedParam::Grievance => p.grievance = v,
            CalibratedParam::Reconciliation => p.reconciliation = v,
            CalibratedParam::ReconciliationRestraint => p.reconciliation_restraint = v,
            CalibratedParam::LeadershipChange => p.leadership_change = v,
        }
    }
}

/// The calibrated parameters with their uniform prior ranges, in draw order.
pub const PRIOR: [(CalibratedParam, f64, f64); 6] = [
    (CalibratedParam::Noise, 0.0, 0.15),
    (CalibratedParam::Spillover, 0.0, 0.3),
    (CalibratedParam::Grievance, 0.0, 0.1),
    (CalibratedParam::Reconciliation, 0.0, 0.6),
    (CalibratedParam::ReconciliationRestraint, 0.0, 0.6),
    (CalibratedParam::LeadershipChange, 0.0, 0.15),
];

/// Size of a calibration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct CalibrationSettings {
    /// Prior draws M.
    pub draws: usize,
    /// Simulated rivalries per draw N.
    pub runs: usize,
    /// Years per simulated rivalry H.
    pub horizon: usize,
    /// Draws kept A.
    pub accept: usize,
    /// Consecutive calm years that end a rivalry.
    pub quiet: usize,
    /// Master seed.
    pub seed: u64,
}

impl Default for CalibrationSettings {
    /// The settings of the bundled posterior.
    fn default() -> Self {
        CalibrationSettings {
            draws: 4000,
            runs: 100,
            horizon: 60,
            accept: 100,
            quiet: 10,
            seed: 1,
        }
    }
}

/// One kept draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PosteriorDraw {
    /// Values in the order of [`PRIOR`].
    pub values: [f64; 6],
    /// Normalised weight.
    pub weight: f64,
    /// Distance to the fit era's moments.
    pub distance: f64,
}

/// Observed against simulated, one moment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MomentCheck {
    /// Moment name.
    pub moment: String,
    /// Observed, fit era (1816–1945), with its 95 % interval.
    pub fit: [f64; 3],
    /// Observed, test era (1946–2010), with its 95 % interval.
    pub test: [f64; 3],
    /// Simulated under the posterior: weighted mean, 5 % and 95 % weighted quantiles over the
    /// kept draws (each re-simulated on a fresh stream).
    pub simulated: [f64; 3],
}

/// A calibration's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// Its settings.
    pub settings: CalibrationSettings,
    /// Kept draws, best first.
    pub posterior: Vec<PosteriorDraw>,
    /// Observed against simulated moments.
    pub checks: Vec<MomentCheck>,
}

/// One calibrated parameter's weighted posterior: its prior range, mean and 5 % and 95 %
/// quantiles over the kept draws.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ParameterPosterior {
    /// The parameter.
    pub param: CalibratedParam,
    /// Uniform prior `(low, high)`.
    pub prior: (f64, f64),
    /// Weighted mean.
    pub mean: f64,
    /// Weighted 5 % quantile.
    pub q05: f64,
    /// Weighted 95 % quantile.
    pub q95: f64,
}

impl Calibration {
    /// Each parameter's weighted posterior, in [`PRIOR`] order. The weights of the kept draws
    /// sum to one, so the mean is Σ wᵢ θᵢ and the q-quantile the smallest θ whose cumulative
    /// weight reaches q.
    pub fn posterior_summary(&self) -> Vec<ParameterPosterior> {
        PRIOR
            .iter()
            .enumerate()
            .map(|(k, &(param, lo, hi))| {
                let mut pairs: Vec<(f64, f64)> = self
                    .posterior
                    .iter()
                    .map(|d| (d.values[k], d.weight))
                    .collect();
                let mean = pairs.iter().map(|(x, w)| x * w).sum();
                ParameterPosterior {
                    param,
                    prior: (lo, hi),
                    mean,
                    q05: weighted_quantile(&mut pairs, 0.05),
                    q95: weighted_quantile(&mut pairs, 0.95),
                }
            })
            .collect()
    }
}

/// The two-actor rivalry a historical dyad is modelled as, with parameters `values`.
pub fn rivalry_setup(values: &[f64; 6], horizon: usize) -> DilemmaSetup {
    let actor = |id: &str, side: &str| DilemmaActor::new(id, side, "tit-for-tat");
    let mut params = DilemmaParams {
        horizon,
        contagion: 0.0,
        interdependence: 0.0,
        ..Default::default()
    };
    for ((param, _, _), v) in PRIOR.iter().zip(values) {
        param.set(&mut params, *v);
    }
    DilemmaSetup {
        sides: vec!["a".into(), "b".into()],
        actors: vec![actor("x", "a"), actor("y", "b")],
        domains: ["military", "economic", "technology", "cultural"]
            .iter()
            .map(|d| DomainSpec::new(d))
            .collect(),
        influence: vec![],
        trade: vec![],
        grievances: vec![],
        start: vec![],
        prior: None,
        params,
    }
}

fn counts(values: &[f64; 6], s: &CalibrationSettings, rng: &mut DetRng) -> RivalryCounts {
    match Prepared::new(&rivalry_setup(values, s.horizon)) {
        Ok(prep) => simulate(&prep, s.runs, s.quiet, rng),
        Err(_) => RivalryCounts::default(),
    }
}

/// Distance of simulated counts from observed ones (infinite when a moment is undefined).
pub fn distance(sim: &RivalryCounts, obs: &RivalryCounts) -> f64 {
    let (ms, mo) = (sim.moments(), obs.moments());
    let (ss, so) = (sim.standard_errors(), obs.standard_errors());
    let mut sum = 0.0;
    for k in 0..7 {
        let var = so[k] * so[k] + ss[k] * ss[k];
        let gap = ms[k] - mo[k];
        if !gap.is_finite() || !var.is_finite() {
            return f64::INFINITY;
        }
        sum += gap * gap / var.max(1e-12);
    }
    (sum / 7.0).sqrt()
}

fn weighted_quantile(pairs: &mut [(f64, f64)], q: f64) -> f64 {
    crate::order::sort_by(pairs, |a, b| a.0.total_cmp(&b.0));
    let mut acc = 0.0;
    for &(x, w) in pairs.iter() {
        acc += w;
        if acc >= q {
            return x;
        }
    }
    pairs.last().map_or(f64::NAN, |p| p.0)
}

/// Run the calibration (parallel over draws; the result does not depend on the thread count).
pub fn calibrate(s: &CalibrationSettings) -> Result<Calibration, DilemmaError> {
    if s.draws == 0 || s.runs == 0 || s.horizon == 0 || s.quiet == 0 {
        return Err(DilemmaError::Input(
            "draws, runs, horizon and quiet years must be at least 1".into(),
        ));
    }
    if s.accept == 0 || s.accept >= s.draws {
        return Err(DilemmaError::Input(format!(
            "accept must be between 1 and draws − 1 ({}), got {}",
            s.draws - 1,
            s.accept
        )));
    }
    let fit = observed("fit")?;
    let test = observed("test")?;
    let mut scored: Vec<(f64, usize, [f64; 6])> = (0..s.draws)
        .into_par_iter()
        .map(|m| {
            let mut rng = run_stream(s.seed, m as u64);
            let values: [f64; 6] =
                std::array::from_fn(|k| PRIOR[k].1 + (PRIOR[k].2 - PRIOR[k].1) * u01(&mut rng));
            let d = distance(&counts(&values, s, &mut rng), &fit);
            (d, m, values)
        })
        .collect();
    crate::order::sort_by(&mut scored, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let h = scored[s.accept].0;
    let kept = &scored[..s.accept];
    let raw: Vec<f64> = kept
        .iter()
        .map(|(d, _, _)| {
            if h.is_finite() && h > 0.0 {
                (1.0 - (d / h).powi(2)).max(0.0)
            } else {
                1.0
            }
        })
        .collect();
    let total: f64 = raw.iter().sum();
    if total.is_nan() || total <= 0.0 {
        return Err(DilemmaError::Input(
            "no prior draw reproduced the observed moments; widen the prior or add draws".into(),
        ));
    }
    let posterior: Vec<PosteriorDraw> = kept
        .iter()
        .zip(&raw)
        .map(|((d, _, v), w)| PosteriorDraw {
            values: *v,
            weight: w / total,
            distance: *d,
        })
        .collect();
    // Posterior predictive: every kept draw on a fresh stream.
    let check_seed = derive(s.seed, [0x000c_4ec4, 0, 0]);
    let simulated: Vec<[f64; 7]> = posterior
        .par_iter()
        .enumerate()
        .map(|(k, p)| counts(&p.values, s, &mut run_stream(check_seed, k as u64)).moments())
        .collect();
    let interval = |c: &RivalryCounts, k: usize| {
        let (m, se) = (c.moments()[k], c.standard_errors()[k]);
        [m, m - 1.96 * se, m + 1.96 * se]
    };
    let checks = (0..7)
        .map(|k| {
            let mut pairs: Vec<(f64, f64)> = simulated
                .iter()
                .zip(&posterior)
                .filter(|(m, _)| m[k].is_finite())
                .map(|(m, p)| (m[k], p.weight))
                .collect();
            let mass: f64 = pairs.iter().map(|p| p.1).sum();
            let mean = pairs.iter().map(|(x, w)| x * w).sum::<f64>() / mass;
            pairs.iter_mut().for_each(|p| p.1 /= mass);
            MomentCheck {
                moment: MOMENT_NAMES[k].to_string(),
                fit: interval(&fit, k),
                test: interval(&test, k),
                simulated: [
                    mean,
                    weighted_quantile(&mut pairs, 0.05),
                    weighted_quantile(&mut pairs, 0.95),
                ],
            }
        })
        .collect();
    Ok(Calibration {
        settings: *s,
        posterior,
        checks,
    })
}
