//! Estimation of Richardson coefficients from annual series.
//!
//! Δx_i(t) = x_i(t+1) − x_i(t) is regressed on mid-year levels x̄(t) = (x(t) + x(t+1))/2 of the
//! actors i reacts to, its own, and a constant ([`fit`]); the annual fit of `annual` regresses it
//! on start-of-year levels instead. Every identifiability problem becomes a
//! [`FitWarning`]; none is silent.

use super::{RichardsonError, RichardsonModel};
use crate::escalate::linalg::{self, LinalgError, Matrix};
use serde::Serialize;
use std::fmt;

/// Condition number of the design with unit-norm columns above which coefficients are reported as
/// poorly identified (Belsley, Kuh & Welsch 1980 treat 30–100 as strong dependence; 10³ flags
/// only designs where a level is nearly a multiple of the constant or of another level).
pub const DESIGN_CONDITION_WARNING: f64 = 1e3;
/// |corr| between two regressors above which only combinations are identified.
pub const CORRELATION_WARNING: f64 = 0.95;
/// Series shorter than this (in observations) get a warning.
pub const SHORT_SERIES: usize = 10;

/// Annual spending series, one per actor, on common consecutive years.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArmsSeries {
    /// Actor names.
    pub actors: Vec<String>,
    /// `levels[i][t]`: actor i's spending in year t = 0..T (consecutive years).
    pub levels: Vec<Vec<f64>>,
}

/// A coefficient with its standard error.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Estimate {
    /// Point estimate.
    pub value: f64,
    /// OLS standard error (NaN with zero residual degrees of freedom).
    pub standard_error: f64,
}

/// Identification problems of a fit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum FitWarning {
    /// Fewer observations than regressors + 2: standard errors rest on almost nothing.
    FewObservations {
        /// Equation (actor or "pooled").
        equation: String,
        /// Observations.
        observations: usize,
        /// Regressors, constant included.
        regressors: usize,
    },
    /// Fewer than 10 observations.
    ShortSeries {
        /// Observations.
        observations: usize,
    },
    /// The design (columns scaled to unit norm) is ill-conditioned (2-norm condition above 1e3).
    IllConditioned {
        /// Equation.
        equation: String,
        /// Condition number.
        condition: f64,
    },
    /// Two regressors are nearly collinear (|corr| > 0.95): only combinations are identified.
    Collinear {
        /// Equation.
        equation: String,
        /// First regressor (actor whose level it is).
        first: String,
        /// Second regressor.
        second: String,
        /// Correlation.
        correlation: f64,
    },
    /// By construction only a combination of coefficients is identified.
    OnlyCombinationIdentified {
        /// What is identified and what is not.
        combination: String,
    },
    /// Estimated fatigue α_i < 0.
    NegativeFatigue {
        /// Actor.
        actor: String,
        /// α_i.
        value: f64,
    },
    /// Estimated reaction to a rival k_ij < 0.
    NegativeRivalReaction {
        /// Reacting actor.
        actor: String,
        /// Rival.
        rival: String,
        /// k_ij.
        value: f64,
    },
}

impl fmt::Display for FitWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FitWarning::FewObservations {
                equation,
                observations,
                regressors,
            } => write!(
                f,
                "{equation}: {observations} observations for {regressors} coefficients \
                 (fewer than coefficients + 2): estimates are fragile"
            ),
            FitWarning::ShortSeries { observations } => write!(
                f,
                "only {observations} observations (fewer than 10): treat estimates as illustrative"
            ),
            FitWarning::IllConditioned {
                equation,
                condition,
            } => write!(
                f,
                "{equation}: design condition number {condition:.3e} > 1e3: \
                 coefficients are poorly identified"
            ),
            FitWarning::Collinear {
                equation,
                first,
                second,
                correlation,
            } => write!(
                f,
                "{equation}: levels of {first} and {second} correlate at {correlation:.3}: \
                 only combinations of their coefficients are identified"
            ),
            FitWarning::OnlyCombinationIdentified { combination } => f.write_str(combination),
            FitWarning::NegativeFatigue { actor, value } => write!(
                f,
                "{actor}: estimated fatigue α = {value:.4} < 0 (spending feeds on itself)"
            ),
            FitWarning::NegativeRivalReaction {
                actor,
                rival,
                value,
            } => write!(
                f,
                "{actor}: estimated reaction to rival {rival} k = {value:.4} < 0"
            ),
        }
    }
}

/// One actor's equation Δx_i = Σ_j k_ij x̄_j − α_i x̄_i + g_i.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorFit {
    /// Actor.
    pub actor: String,
    /// Indices of the actors it reacts to, in the order of `reactions`.
    pub tied: Vec<usize>,
    /// k_ij per tied actor.
    pub reactions: Vec<Estimate>,
    /// α_i (the negated own-level coefficient).
    pub fatigue: Estimate,
    /// g_i.
    pub grievance: Estimate,
    /// R².
    pub r_squared: f64,
    /// Observations (years − 1).
    pub observations: usize,
    /// Design condition number.
    pub condition: f64,
}

/// A fitted N-actor model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Fit {
    /// Per-actor equations.
    pub equations: Vec<ActorFit>,
    /// The model with the estimated coefficients (zero reaction to untied actors).
    pub model: RichardsonModel,
    /// All warnings.
    pub warnings: Vec<FitWarning>,
}

/// The pooled symmetric two-bloc form Δ(U+V) = (k − α)(U+V) + (g + h).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PooledFit {
    /// k − α, per year (> 0: the race is unstable).
    pub slope: Estimate,
    /// g + h, spending units per year.
    pub intercept: Estimate,
    /// Level at which Δ(U+V) = 0: −intercept/slope (None for a zero slope).
    pub zero_crossing: Option<f64>,
    /// `true` when k − α > 0.
    pub unstable: bool,
    /// R².
    pub r_squared: f64,
    /// Observations.
    pub observations: usize,
    /// Warnings (always including the identification of k − α only).
    pub warnings: Vec<FitWarning>,
}

fn estimate(ls: &linalg::LeastSquares, j: usize, sign: f64) -> Estimate {
    Estimate {
        value: sign * ls.coefficients[j],
        standard_error: ls.standard_errors[j],
    }
}

fn correlation(a: &[f64], b: &[f64]) -> f64 {
    let n = a.len() as f64;
    let ma = a.iter().sum::<f64>() / n;
    let mb = b.iter().sum::<f64>() / n;
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        sab += (x - ma) * (y - mb);
        saa += (x - ma) * (x - ma);
        sbb += (y - mb) * (y - mb);
    }
    if saa == 0.0 || sbb == 0.0 {
        f64::NAN
    } else {
        sab / (saa * sbb).sqrt()
    }
}

fn differences(series: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let delta = series.windows(2).map(|w| w[1] - w[0]).collect();
    let mid = series.windows(2).map(|w| 0.5 * (w[0] + w[1])).collect();
    (delta, mid)
}

fn check_series(levels: &[Vec<f64>]) -> Result<usize, RichardsonError> {
    let len = levels.first().map_or(0, Vec::len);
    if levels.iter().any(|s| s.len() != len) {
        return Err(RichardsonError::Input(
            "all spending series must cover the same years".into(),
        ));
    }
    if levels.iter().flatten().any(|v| !v.is_finite()) {
        return Err(RichardsonError::Input(
            "spending series must be finite numbers".into(),
        ));
    }
    if len < 2 {
        return Err(RichardsonError::Input(
            "a fit needs at least two years of spending".into(),
        ));
    }
    Ok(len - 1)
}

/// OLS on the design with unit-norm columns, coefficients and standard errors scaled back: the
/// estimates are those of the raw design, and the reported condition number measures collinearity
/// rather than the spending unit (Belsley's column equilibration).
fn run_ols(
    design: &Matrix,
    y: &[f64],
    equation: &str,
) -> Result<linalg::LeastSquares, RichardsonError> {
    let norms: Vec<f64> = (0..design.cols())
        .map(|j| {
            let n = (0..design.rows())
                .map(|t| design[(t, j)] * design[(t, j)])
                .sum::<f64>()
                .sqrt();
            if n > 0.0 && n.is_finite() { n } else { 1.0 }
        })
        .collect();
    let mut scaled = design.clone();
    for t in 0..design.rows() {
        for (j, n) in norms.iter().enumerate() {
            scaled[(t, j)] /= n;
        }
    }
    let mut ls = linalg::least_squares(&scaled, y).map_err(|e| match e {
        LinalgError::Underdetermined {
            observations,
            regressors,
        } => RichardsonError::Input(format!(
            "{equation}: {observations} annual changes cannot identify {regressors} coefficients"
        )),
        LinalgError::Singular => RichardsonError::Input(format!(
            "{equation}: regressors are exactly collinear; no coefficient is identified"
        )),
        other => RichardsonError::Linalg(other),
    })?;
    for (j, n) in norms.iter().enumerate() {
        ls.coefficients[j] /= n;
        ls.standard_errors[j] /= n;
    }
    Ok(ls)
}

/// Fit the N-actor model: `tied[i]` lists the actors i reacts to (rivals and allies).
pub fn fit(series: &ArmsSeries, tied: &[Vec<usize>]) -> Result<Fit, RichardsonError> {
    fit_equations(series, tied, Timing::MidYear).map(|(f, _)| f)
}

/// Which level the annual change is regressed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Timing {
    /// The mid-year level x̄(t) = (x(t) + x(t+1))/2 (the trapezoidal form of [`fit`]).
    MidYear,
    /// The level at the start of the year, x(t) (the explicit annual map x(t+1) = x(t) + M x(t) + g).
    StartOfYear,
}

/// One equation's design matrix and residuals, kept for the coefficient covariance.
#[derive(Debug, Clone)]
pub(super) struct Design {
    /// Regressors: the tied actors' levels, the own level, a constant (one row per year).
    pub x: Matrix,
    /// Residuals y − Xβ̂.
    pub residuals: Vec<f64>,
}

/// The per-equation least-squares fits shared by [`fit`] and the annual fit.
pub(super) fn fit_equations(
    series: &ArmsSeries,
    tied: &[Vec<usize>],
    timing: Timing,
) -> Result<(Fit, Vec<Design>), RichardsonError> {
    let n = series.actors.len();
    if series.levels.len() != n || tied.len() != n {
        return Err(RichardsonError::Input(
            "one series and one tie list per actor are required".into(),
        ));
    }
    let obs = check_series(&series.levels)?;
    let (deltas, mids): (Vec<Vec<f64>>, Vec<Vec<f64>>) = series
        .levels
        .iter()
        .map(|s| {
            let (delta, mid) = differences(s);
            match timing {
                Timing::MidYear => (delta, mid),
                Timing::StartOfYear => (delta, s[..s.len() - 1].to_vec()),
            }
        })
        .unzip();
    let mut designs = Vec::with_capacity(n);
    let mut warnings = Vec::new();
    if obs < SHORT_SERIES {
        warnings.push(FitWarning::ShortSeries { observations: obs });
    }
    let mut equations = Vec::with_capacity(n);
    let mut reaction = Matrix::zeros(n, n);
    let mut fatigue = vec![0.0; n];
    let mut grievance = vec![0.0; n];
    for i in 0..n {
        let name = &series.actors[i];
        if let Some(&bad) = tied[i].iter().find(|&&j| j >= n || j == i) {
            return Err(RichardsonError::Input(format!(
                "{name}: tie to actor index {bad} is invalid"
            )));
        }
        let p = tied[i].len() + 2;
        let mut design = Matrix::zeros(obs, p);
        for t in 0..obs {
            for (c, &j) in tied[i].iter().enumerate() {
                design[(t, c)] = mids[j][t];
            }
            design[(t, p - 2)] = mids[i][t];
            design[(t, p - 1)] = 1.0;
        }
        let ls = run_ols(&design, &deltas[i], name)?;
        let fitted = design.mul_vec(&ls.coefficients)?;
        designs.push(Design {
            residuals: deltas[i].iter().zip(&fitted).map(|(y, f)| y - f).collect(),
            x: design,
        });
        if obs < p + 2 {
            warnings.push(FitWarning::FewObservations {
                equation: name.clone(),
                observations: obs,
                regressors: p,
            });
        }
        if ls.condition > DESIGN_CONDITION_WARNING {
            warnings.push(FitWarning::IllConditioned {
                equation: name.clone(),
                condition: ls.condition,
            });
        }
        let columns: Vec<usize> = tied[i].iter().copied().chain([i]).collect();
        for (a, &ca) in columns.iter().enumerate() {
            for &cb in &columns[a + 1..] {
                let r = correlation(&mids[ca], &mids[cb]);
                if r.abs() > CORRELATION_WARNING {
                    warnings.push(FitWarning::Collinear {
                        equation: name.clone(),
                        first: series.actors[ca].clone(),
                        second: series.actors[cb].clone(),
                        correlation: r,
                    });
                }
            }
        }
        let reactions: Vec<Estimate> = (0..tied[i].len()).map(|c| estimate(&ls, c, 1.0)).collect();
        for (c, &j) in tied[i].iter().enumerate() {
            reaction[(i, j)] = reactions[c].value;
        }
        let fat = estimate(&ls, p - 2, -1.0);
        let grv = estimate(&ls, p - 1, 1.0);
        if fat.value < 0.0 {
            warnings.push(FitWarning::NegativeFatigue {
                actor: name.clone(),
                value: fat.value,
            });
        }
        for (c, &j) in tied[i].iter().enumerate() {
            if reactions[c].value < 0.0 {
                warnings.push(FitWarning::NegativeRivalReaction {
                    actor: name.clone(),
                    rival: series.actors[j].clone(),
                    value: reactions[c].value,
                });
            }
        }
        fatigue[i] = fat.value;
        grievance[i] = grv.value;
        equations.push(ActorFit {
            actor: name.clone(),
            tied: tied[i].clone(),
            reactions,
            fatigue: fat,
            grievance: grv,
            r_squared: ls.r_squared,
            observations: obs,
            condition: ls.condition,
        });
    }
    let model = RichardsonModel::new(series.actors.clone(), reaction, fatigue, grievance)?;
    Ok((
        Fit {
            equations,
            model,
            warnings,
        },
        designs,
    ))
}

/// Fit the pooled two-bloc form Δ(U+V) = (k − α)(U+V) + (g + h) on mid-year levels.
/// `u` and `v` are the blocs' annual spending on the same consecutive years.
pub fn fit_pooled(u: &[f64], v: &[f64]) -> Result<PooledFit, RichardsonError> {
    if u.len() != v.len() {
        return Err(RichardsonError::Input(
            "both blocs' series must cover the same years".into(),
        ));
    }
    let total: Vec<f64> = u.iter().zip(v).map(|(a, b)| a + b).collect();
    let obs = check_series(std::slice::from_ref(&total))?;
    let (delta, mid) = differences(&total);
    let mut design = Matrix::zeros(obs, 2);
    for (t, m) in mid.iter().enumerate() {
        design[(t, 0)] = *m;
        design[(t, 1)] = 1.0;
    }
    let ls = run_ols(&design, &delta, "pooled")?;
    let mut warnings = vec![FitWarning::OnlyCombinationIdentified {
        combination: "pooled form: only k − α (reaction minus fatigue) and g + h are identified, \
                      not k, α, g, h separately"
            .into(),
    }];
    if obs < 4 {
        warnings.push(FitWarning::FewObservations {
            equation: "pooled".into(),
            observations: obs,
            regressors: 2,
        });
    }
    if obs < SHORT_SERIES {
        warnings.push(FitWarning::ShortSeries { observations: obs });
    }
    if ls.condition > DESIGN_CONDITION_WARNING {
        warnings.push(FitWarning::IllConditioned {
            equation: "pooled".into(),
            condition: ls.condition,
        });
    }
    let slope = estimate(&ls, 0, 1.0);
    let intercept = estimate(&ls, 1, 1.0);
    Ok(PooledFit {
        slope,
        intercept,
        zero_crossing: (slope.value != 0.0).then(|| -intercept.value / slope.value),
        unstable: slope.value > 0.0,
        r_squared: ls.r_squared,
        observations: obs,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_recovers_a_simulated_discrete_race() {
        let truth = RichardsonModel::two_actor(0.3, 0.2, 0.1, 0.15, 5.0, 3.0).unwrap();
        // The mid-point regression is exact for the trapezoidal recurrence, so generate with it:
        // x_{t+1} − x_t = M (x_t + x_{t+1})/2 + g  ⇔  (I − M/2) x_{t+1} = (I + M/2) x_t + g.
        let m = truth.system_matrix();
        let mut a = Matrix::identity(2);
        let mut b = Matrix::identity(2);
        for i in 0..2 {
            for j in 0..2 {
                a[(i, j)] -= 0.5 * m[(i, j)];
                b[(i, j)] += 0.5 * m[(i, j)];
            }
        }
        let mut x = vec![10.0, 30.0];
        let mut levels = vec![vec![], vec![]];
        for t in 0..15 {
            // A little deterministic wobble so the two levels are not collinear.
            let kick = if t % 3 == 0 { 1.0 } else { -0.5 };
            for i in 0..2 {
                levels[i].push(x[i]);
            }
            let mut rhs = b.mul_vec(&x).unwrap();
            rhs[0] += 5.0 + kick;
            rhs[1] += 3.0 - kick;
            x = linalg::solve(&a, &rhs).unwrap();
        }
        let series = ArmsSeries {
            actors: vec!["x".into(), "y".into()],
            levels,
        };
        let f = fit(&series, &[vec![1], vec![0]]).unwrap();
        assert!(f.equations[0].r_squared > 0.5);
        assert!(f.model.fatigue[0] > 0.0);
        assert!(fit(&series, &[vec![0], vec![0]]).is_err());
    }

    #[test]
    fn too_few_years_is_an_error_not_a_panic() {
        assert!(fit_pooled(&[1.0, 2.0], &[1.0, 2.0]).is_err());
        assert!(fit_pooled(&[1.0], &[1.0]).is_err());
        assert!(fit_pooled(&[1.0, 2.0, 4.0], &[1.0]).is_err());
    }
}
