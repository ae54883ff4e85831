//! The Richardson arms-race model: `ẋ = M x + g`, `M = K − diag(α)`.
//!
//! x is military expenditure (constant 2023 US$ bn per year, or the unit of a fitted series), t is
//! in years. [`analyse`] gives the rest point, the eigenvalues and stability verdict, the
//! Metzler/Hawkins–Simon cross-check, the dyads that drive the dominant eigenvalue and the discrete
//! (annual) form; [`RichardsonModel::simulate`] integrates a path; [`fit`] and [`fit_pooled`]
//! estimate the coefficients from annual series; [`fit_annual`] fits the annual map with the
//! coefficients' joint covariance and P(unstable), [`series`] holds the bundled spending history
//! ([`fit_history`] fits a dyad or group over a year range) and [`validation`] checks the fit
//! against arms races and naive forecasts; [`build`] derives a model from plain actor and
//! tie inputs, recording where every number came from.

mod analysis;
mod annual;
mod builder;
mod estimate;
pub mod series;
pub mod validation;

pub use analysis::{Analysis, DiscreteForm, Driver, HawkinsSimon, RichardsonWarning, analyse};
pub use annual::{AnnualFit, CRITERION, Instability, fit_annual, spectral_radius};
pub use builder::{
    ArmsActor, ArmsModel, ArmsParams, ArmsSetup, ArmsTie, GrievanceSpec, Provenance, TieKind, build,
};
pub use estimate::{ActorFit, ArmsSeries, Estimate, Fit, FitWarning, PooledFit, fit, fit_pooled};
pub use series::{HistoryFit, fit_history};
// The numerical pieces the model's public types use (the modules themselves are internal).
pub use super::integrate::{Dopri5, IntegrateError, Rk4, Trajectory};
pub use super::linalg::{Complex, LinalgError, Matrix};

use super::integrate;
use super::linalg;
use crate::world::history::NotLoaded;
use serde::Serialize;
use std::fmt;

/// Why a Richardson computation failed.
#[derive(Debug, Clone, PartialEq)]
pub enum RichardsonError {
    /// Inconsistent or invalid inputs (message says which).
    Input(String),
    /// A linear-algebra failure (e.g. singular M: no unique rest point).
    Linalg(LinalgError),
    /// An integration failure.
    Integrate(IntegrateError),
    /// A fit on real series needs the spending table, which this build was not given.
    History(NotLoaded),
}

impl fmt::Display for RichardsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RichardsonError::Input(m) => f.write_str(m),
            RichardsonError::Linalg(e) => write!(f, "Richardson model: {e}"),
            RichardsonError::Integrate(e) => write!(f, "Richardson path: {e}"),
            RichardsonError::History(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for RichardsonError {}

impl From<NotLoaded> for RichardsonError {
    fn from(e: NotLoaded) -> Self {
        RichardsonError::History(e)
    }
}

impl From<LinalgError> for RichardsonError {
    fn from(e: LinalgError) -> Self {
        RichardsonError::Linalg(e)
    }
}

impl From<IntegrateError> for RichardsonError {
    fn from(e: IntegrateError) -> Self {
        RichardsonError::Integrate(e)
    }
}

/// A Richardson system: reactions K (k_ij: how much i adds per year per unit of j's
/// spending; zero diagonal), fatigue α (per year, > 0 for a meaningful model) and grievance g
/// (spending units per year; negative = goodwill).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RichardsonModel {
    /// Actor names, in the order of every vector and matrix.
    pub actors: Vec<String>,
    /// Reaction matrix K, `reaction[(i, j)] = k_ij`, per year.
    pub reaction: Matrix,
    /// Fatigue α_i, per year.
    pub fatigue: Vec<f64>,
    /// Grievance g_i, spending units per year.
    pub grievance: Vec<f64>,
}

/// Which integrator [`RichardsonModel::simulate`] uses.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Integrator {
    /// Classical RK4 with a fixed step.
    Rk4(Rk4),
    /// Dormand–Prince 5(4), adaptive.
    Dopri5(Dopri5),
}

impl RichardsonModel {
    /// Validated model: K square n×n with zero diagonal, α and g of length n, everything finite.
    pub fn new(
        actors: Vec<String>,
        reaction: Matrix,
        fatigue: Vec<f64>,
        grievance: Vec<f64>,
    ) -> Result<Self, RichardsonError> {
        let n = actors.len();
        if n == 0 {
            return Err(RichardsonError::Input(
                "a Richardson model needs at least one actor".into(),
            ));
        }
        if reaction.rows() != n
            || reaction.cols() != n
            || fatigue.len() != n
            || grievance.len() != n
        {
            return Err(RichardsonError::Input(format!(
                "{n} actors need a {n}×{n} reaction matrix and {n} fatigue and grievance values"
            )));
        }
        if !reaction.is_finite() || fatigue.iter().chain(&grievance).any(|v| !v.is_finite()) {
            return Err(RichardsonError::Input(
                "Richardson coefficients must be finite".into(),
            ));
        }
        if let Some(i) = (0..n).find(|&i| reaction[(i, i)] != 0.0) {
            return Err(RichardsonError::Input(format!(
                "the reaction of {} to itself must be 0 (fatigue is α)",
                actors[i]
            )));
        }
        Ok(RichardsonModel {
            actors,
            reaction,
            fatigue,
            grievance,
        })
    }

    /// The two-actor race `ẋ = k y − α x + g`, `ẏ = l x − β y + h`.
    pub fn two_actor(
        alpha: f64,
        beta: f64,
        k: f64,
        l: f64,
        g: f64,
        h: f64,
    ) -> Result<Self, RichardsonError> {
        let reaction = Matrix::from_rows(&[vec![0.0, k], vec![l, 0.0]])?;
        RichardsonModel::new(
            vec!["x".into(), "y".into()],
            reaction,
            vec![alpha, beta],
            vec![g, h],
        )
    }

    /// Number of actors.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    /// `true` when there are no actors (never for a validated model).
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// System matrix `M = K − diag(α)`.
    pub fn system_matrix(&self) -> Matrix {
        let mut m = self.reaction.clone();
        for (i, a) in self.fatigue.iter().enumerate() {
            m[(i, i)] -= a;
        }
        m
    }

    /// Rest point `x* = −M⁻¹ g`; an error when M is singular.
    pub fn equilibrium(&self) -> Result<Vec<f64>, RichardsonError> {
        let neg_g: Vec<f64> = self.grievance.iter().map(|g| -g).collect();
        Ok(linalg::solve(&self.system_matrix(), &neg_g)?)
    }

    fn check_start(&self, x0: &[f64]) -> Result<(), RichardsonError> {
        if x0.len() != self.len() || x0.iter().any(|v| !v.is_finite()) {
            return Err(RichardsonError::Input(format!(
                "the starting levels need {} finite values",
                self.len()
            )));
        }
        Ok(())
    }

    /// Path from `x0` at t = 0, reported at `times` (years, non-decreasing, ≥ 0), with RK4 or
    /// DOPRI5.
    pub fn simulate(
        &self,
        x0: &[f64],
        times: &[f64],
        integrator: &Integrator,
    ) -> Result<Trajectory, RichardsonError> {
        self.check_start(x0)?;
        let m = self.system_matrix();
        let g = &self.grievance;
        let rhs = |_t: f64, x: &[f64], dx: &mut [f64]| {
            m.mul_vec_into(x, dx);
            for (d, gi) in dx.iter_mut().zip(g) {
                *d += gi;
            }
        };
        Ok(match integrator {
            Integrator::Rk4(o) => integrate::rk4(rhs, 0.0, x0, times, o)?,
            Integrator::Dopri5(o) => integrate::dopri5(rhs, 0.0, x0, times, o)?,
        })
    }

    /// Exact state at time t (no floor at zero) through the exponential of the augmented matrix
    /// `[[M, g], [0, 0]]`, so that singular M needs no special case. Used to check integrators.
    pub fn exact(&self, x0: &[f64], t: f64) -> Result<Vec<f64>, RichardsonError> {
        self.check_start(x0)?;
        let n = self.len();
        let m = self.system_matrix();
        let mut aug = Matrix::zeros(n + 1, n + 1);
        for i in 0..n {
            for j in 0..n {
                aug[(i, j)] = m[(i, j)] * t;
            }
            aug[(i, n)] = self.grievance[i] * t;
        }
        let e = linalg::expm(&aug)?;
        let mut z = x0.to_vec();
        z.push(1.0);
        let mut out = e.mul_vec(&z)?;
        out.truncate(n);
        Ok(out)
    }

    /// Annual difference form: `x_{t+1} = x_t + h (M x_t + g)` with h = 1 year, for
    /// `years` steps; entry 0 is `x0`.
    pub fn discrete_path(
        &self,
        x0: &[f64],
        years: usize,
    ) -> Result<Vec<Vec<f64>>, RichardsonError> {
        self.check_start(x0)?;
        let m = self.system_matrix();
        let mut path = Vec::with_capacity(years + 1);
        let mut x = x0.to_vec();
        let mut dx = vec![0.0; x.len()];
        path.push(x.clone());
        for _ in 0..years {
            m.mul_vec_into(&x, &mut dx);
            for i in 0..x.len() {
                x[i] += dx[i] + self.grievance[i];
            }
            path.push(x.clone());
        }
        Ok(path)
    }
}
