//! The SMP's own plain input: actors on `[0,1]^m` with capabilities, saliences and an
//! accommodation matrix.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Fewest actors the SMP accepts.
pub const MIN_ACTORS: usize = 3;
/// Most actors the SMP accepts.
pub const MAX_ACTORS: usize = 250;
/// Slack on the accommodation row sums and the salience sums (D16: `+1e-10`).
const SUM_TOL: f64 = 1e-10;

/// One actor of an SMP run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmpActor {
    /// Short name (KTAB: 1–25 characters, unique).
    pub name: String,
    /// Free description.
    pub description: String,
    /// Capability `c_i ≥ 0`, used as given (no normalisation).
    pub capability: f64,
    /// Position `x_i` on `[0,1]^m` (file values on 0–100 divided by 100).
    pub position: Vec<f64>,
    /// Saliences `s_id ∈ [0,1]` with `S_i = Σ_d s_id ≤ 1`.
    pub salience: Vec<f64>,
}

/// A complete SMP problem: actors, dimension names and the accommodation matrix `A` (D16).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmpInput {
    /// Scenario name.
    pub name: String,
    /// Scenario description.
    pub description: String,
    /// One name per dimension (`m ≥ 1`).
    pub dimensions: Vec<String>,
    /// The actors, in index order.
    pub actors: Vec<SmpActor>,
    /// Row-major `N×N` accommodation matrix `A`; `None` means the identity.
    pub accommodation: Option<Vec<f64>>,
}

/// Why an SMP run could not start or continue.
#[derive(Debug, Clone, PartialEq)]
pub enum SmpError {
    /// The input breaks an input rule of the model (message names actor and dimension).
    InvalidInput(String),
    /// A Markov PCE did not settle within 1000 iterations.
    PceIterationCap {
        /// Number of options of the election.
        options: usize,
    },
}

impl fmt::Display for SmpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SmpError::InvalidInput(m) => write!(f, "invalid SMP input: {m}"),
            SmpError::PceIterationCap { options } => write!(
                f,
                "the Markov PCE over {options} options did not converge within 1000 iterations"
            ),
        }
    }
}

impl std::error::Error for SmpError {}

impl SmpInput {
    /// Number of actors `N`.
    pub fn num_actors(&self) -> usize {
        self.actors.len()
    }

    /// Number of dimensions `m`.
    pub fn num_dims(&self) -> usize {
        self.dimensions.len()
    }

    /// Checks every rule the engine relies on; returns the first violation.
    /// Zero capability or zero total salience is allowed (such an actor votes with weight 0).
    pub fn validate(&self) -> Result<(), SmpError> {
        let bad = |m: String| Err(SmpError::InvalidInput(m));
        let n = self.actors.len();
        let m = self.dimensions.len();
        if !(MIN_ACTORS..=MAX_ACTORS).contains(&n) {
            return bad(format!(
                "{n} actors; the SMP needs between {MIN_ACTORS} and {MAX_ACTORS}"
            ));
        }
        if m == 0 {
            return bad("no dimensions".into());
        }
        for a in &self.actors {
            if a.position.len() != m || a.salience.len() != m {
                return bad(format!(
                    "actor '{}' has {} positions and {} saliences for {m} dimensions",
                    a.name,
                    a.position.len(),
                    a.salience.len()
                ));
            }
            if !a.capability.is_finite() || a.capability < 0.0 {
                return bad(format!(
                    "capability {} of actor '{}' must be finite and ≥ 0",
                    a.capability, a.name
                ));
            }
            for (d, (&x, &s)) in a.position.iter().zip(&a.salience).enumerate() {
                if !x.is_finite() || !(0.0..=1.0).contains(&x) {
                    return bad(format!(
                        "position {x} of actor '{}' (dimension {}) is outside [0, 1]",
                        a.name,
                        d + 1
                    ));
                }
                if !s.is_finite() || !(0.0..=1.0).contains(&s) {
                    return bad(format!(
                        "salience {s} of actor '{}' (dimension {}) is outside [0, 1]",
                        a.name,
                        d + 1
                    ));
                }
            }
            let total: f64 = a.salience.iter().sum();
            if total > 1.0 + SUM_TOL {
                return bad(format!(
                    "saliences of actor '{}' sum to {total}, more than 1",
                    a.name
                ));
            }
            if a.salience.iter().all(|&s| s == 0.0) {
                return bad(format!(
                    "saliences of actor '{}' are all zero (its distances are undefined, D9)",
                    a.name
                ));
            }
        }
        if let Some(acc) = &self.accommodation {
            check_accommodation(acc, &self.actors)?;
        }
        Ok(())
    }
}

/// D16's bounds: `0 ≤ A_ij ≤ 1`, row sums `≤ 1 + 1e-10`, `N×N`.
pub fn check_accommodation(acc: &[f64], actors: &[SmpActor]) -> Result<(), SmpError> {
    let n = actors.len();
    if acc.len() != n * n {
        return Err(SmpError::InvalidInput(format!(
            "accommodation matrix has {} entries, expected {n}×{n}",
            acc.len()
        )));
    }
    for (i, row) in acc.chunks_exact(n).enumerate() {
        for (j, &a) in row.iter().enumerate() {
            if !a.is_finite() || !(0.0..=1.0).contains(&a) {
                return Err(SmpError::InvalidInput(format!(
                    "accommodation of '{}' towards '{}' is {a}, outside [0, 1]",
                    actors[i].name, actors[j].name
                )));
            }
        }
        let sum: f64 = row.iter().sum();
        if sum > 1.0 + SUM_TOL {
            return Err(SmpError::InvalidInput(format!(
                "accommodation row of '{}' sums to {sum}, more than 1 (D16)",
                actors[i].name
            )));
        }
    }
    Ok(())
}
