//! Rest point, stability, Hawkins–Simon cross-check, drivers and discrete form .

use super::{RichardsonError, RichardsonModel};
use crate::escalate::linalg::{self, Complex, Matrix};
use serde::Serialize;
use std::fmt;

/// Condition number of M above which the rest point is reported as unreliable.
pub const CONDITION_WARNING: f64 = 1e12;

/// Something the analyst should know about an analysis (never silent).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum RichardsonWarning {
    /// κ₁(M) exceeds 1e12: the rest point is numerically unreliable.
    IllConditioned {
        /// κ₁(M).
        condition: f64,
    },
    /// Some component of x* is negative: there is no meaningful rest point.
    NegativeRestPoint {
        /// Actors whose rest level is negative.
        actors: Vec<String>,
    },
    /// M is Metzler but the Hawkins–Simon minors disagree with the spectral verdict (only
    /// possible when s(M) is within rounding of 0).
    HawkinsSimonDisagrees,
    /// Some fatigue α_i is not positive: the actor does not restrain itself.
    NonPositiveFatigue {
        /// Actor.
        actor: String,
    },
}

impl fmt::Display for RichardsonWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RichardsonWarning::IllConditioned { condition } => write!(
                f,
                "M is ill-conditioned (κ₁ = {condition:.3e} > 1e12): the rest point is unreliable"
            ),
            RichardsonWarning::NegativeRestPoint { actors } => write!(
                f,
                "rest point negative for {}: no meaningful equilibrium",
                actors.join(", ")
            ),
            RichardsonWarning::HawkinsSimonDisagrees => f.write_str(
                "Hawkins–Simon minors disagree with the eigenvalues (system at the edge of stability)",
            ),
            RichardsonWarning::NonPositiveFatigue { actor } => {
                write!(f, "fatigue of {actor} is not positive")
            }
        }
    }
}

/// Hawkins–Simon cross-check for a Metzler M (all k_ij ≥ 0): stable iff every leading principal
/// minor of −M is positive.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HawkinsSimon {
    /// Leading principal minors of −M, orders 1..n.
    pub leading_minors: Vec<f64>,
    /// All minors positive.
    pub stable: bool,
}

/// One dyad's share in driving the dominant eigenvalue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Driver {
    /// Reacting actor i (index).
    pub from: usize,
    /// Actor j it reacts to (index).
    pub to: usize,
    /// Names of i and j.
    pub from_name: String,
    /// Name of j.
    pub to_name: String,
    /// k_ij, per year.
    pub reaction: f64,
    /// Re ∂λ₁/∂k_ij.
    pub sensitivity: f64,
    /// d_ij = |k_ij · Re ∂λ₁/∂k_ij|: change of λ₁ per relative change of k_ij, per year.
    pub score: f64,
}

/// The annual difference form `x_{t+1} = x_t + (M x_t + g)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiscreteForm {
    /// Spectral radius of I + M.
    pub spectral_radius: f64,
    /// Stable iff the spectral radius is below 1.
    pub stable: bool,
}

/// Everything [`analyse`] reports about a Richardson system.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Analysis {
    /// Actor names.
    pub actors: Vec<String>,
    /// M = K − diag(α), rows.
    pub system_matrix: Vec<Vec<f64>>,
    /// Rest point x* = −M⁻¹g, spending units.
    pub equilibrium: Vec<f64>,
    /// x* ≥ 0 componentwise (otherwise no meaningful rest point).
    pub equilibrium_nonnegative: bool,
    /// κ₁(M).
    pub condition_number: f64,
    /// Eigenvalues of M, largest real part first (per year).
    pub eigenvalues: Vec<Complex>,
    /// s(M) = max Re λ (per year).
    pub spectral_abscissa: f64,
    /// Stable iff s(M) < 0.
    pub stable: bool,
    /// s(M) when positive: the rate at which a race runs away (per year).
    pub runaway_growth_rate: Option<f64>,
    /// All off-diagonal entries ≥ 0.
    pub metzler: bool,
    /// The Hawkins–Simon check, when M is Metzler.
    pub hawkins_simon: Option<HawkinsSimon>,
    /// Dominant eigenvalue λ₁ (largest real part; of a complex pair the one with Im > 0).
    pub dominant: Complex,
    /// `reaction_sensitivity[i][j]` = Re ∂λ₁/∂k_ij = Re(ū_i v_j / uᴴv).
    pub reaction_sensitivity: Vec<Vec<f64>>,
    /// `fatigue_sensitivity[i]` = Re ∂λ₁/∂α_i = −Re(ū_i v_i / uᴴv).
    pub fatigue_sensitivity: Vec<f64>,
    /// Dyads with k_ij ≠ 0 ranked by driver score, largest first.
    pub drivers: Vec<Driver>,
    /// The annual difference form.
    pub discrete: DiscreteForm,
    /// Warnings, in the order they were found.
    pub warnings: Vec<RichardsonWarning>,
}

/// Determinant by Gaussian elimination with partial pivoting (0 for a singular matrix).
fn determinant(a: &Matrix) -> f64 {
    let n = a.rows();
    let mut m = a.clone();
    let mut det = 1.0;
    for k in 0..n {
        let p = (k..n)
            .max_by(|&x, &y| m[(x, k)].abs().total_cmp(&m[(y, k)].abs()))
            .unwrap_or(k);
        if m[(p, k)] == 0.0 {
            return 0.0;
        }
        if p != k {
            for j in 0..n {
                let t = m[(p, j)];
                m[(p, j)] = m[(k, j)];
                m[(k, j)] = t;
            }
            det = -det;
        }
        det *= m[(k, k)];
        for i in k + 1..n {
            let f = m[(i, k)] / m[(k, k)];
            for j in k..n {
                m[(i, j)] -= f * m[(k, j)];
            }
        }
    }
    det
}

fn hawkins_simon(m: &Matrix) -> HawkinsSimon {
    let n = m.rows();
    let leading_minors: Vec<f64> = (1..=n)
        .map(|order| {
            let mut sub = Matrix::zeros(order, order);
            for i in 0..order {
                for j in 0..order {
                    sub[(i, j)] = -m[(i, j)];
                }
            }
            determinant(&sub)
        })
        .collect();
    let stable = leading_minors.iter().all(|&d| d > 0.0);
    HawkinsSimon {
        leading_minors,
        stable,
    }
}

/// Full analysis of a Richardson system. Errors when M is singular (no unique rest
/// point) or the eigenvalue iteration fails.
pub fn analyse(model: &RichardsonModel) -> Result<Analysis, RichardsonError> {
    let n = model.len();
    let m = model.system_matrix();
    let mut warnings = Vec::new();
    for (i, a) in model.fatigue.iter().enumerate() {
        if *a <= 0.0 {
            warnings.push(RichardsonWarning::NonPositiveFatigue {
                actor: model.actors[i].clone(),
            });
        }
    }
    let equilibrium = model.equilibrium()?;
    let condition_number = linalg::condition_number(&m)?;
    if condition_number > CONDITION_WARNING {
        warnings.push(RichardsonWarning::IllConditioned {
            condition: condition_number,
        });
    }
    let negative: Vec<String> = equilibrium
        .iter()
        .zip(&model.actors)
        .filter(|(x, _)| **x < 0.0)
        .map(|(_, a)| a.clone())
        .collect();
    let equilibrium_nonnegative = negative.is_empty();
    if !equilibrium_nonnegative {
        warnings.push(RichardsonWarning::NegativeRestPoint { actors: negative });
    }

    let eigenvalues = linalg::eigenvalues(&m)?;
    // Sorted by real part then imaginary part, descending: the first is λ₁ with Im ≥ 0.
    let dominant = eigenvalues[0];
    let spectral_abscissa = dominant.re;
    let stable = spectral_abscissa < 0.0;
    let metzler = (0..n).all(|i| (0..n).all(|j| i == j || m[(i, j)] >= 0.0));
    let hawkins_simon = metzler.then(|| hawkins_simon(&m));
    if let Some(hs) = &hawkins_simon
        && hs.stable != stable
    {
        warnings.push(RichardsonWarning::HawkinsSimonDisagrees);
    }

    let v = linalg::eigenvector(&m, dominant)?;
    let w = linalg::left_eigenvector(&m, dominant)?;
    let wv = w
        .iter()
        .zip(&v)
        .fold(Complex::real(0.0), |acc, (a, b)| acc + *a * *b);
    let mut reaction_sensitivity = vec![vec![0.0; n]; n];
    let mut fatigue_sensitivity = vec![0.0; n];
    for i in 0..n {
        for j in 0..n {
            reaction_sensitivity[i][j] = (w[i] * v[j] / wv).re;
        }
        fatigue_sensitivity[i] = -reaction_sensitivity[i][i];
    }
    let mut drivers: Vec<Driver> = (0..n)
        .flat_map(|i| (0..n).map(move |j| (i, j)))
        .filter(|&(i, j)| i != j && model.reaction[(i, j)] != 0.0)
        .map(|(i, j)| {
            let k = model.reaction[(i, j)];
            let s = reaction_sensitivity[i][j];
            Driver {
                from: i,
                to: j,
                from_name: model.actors[i].clone(),
                to_name: model.actors[j].clone(),
                reaction: k,
                sensitivity: s,
                score: (k * s).abs(),
            }
        })
        .collect();
    // Stable sort keeps actor order among equal scores.
    crate::order::sort_by(&mut drivers, |a, b| b.score.total_cmp(&a.score));

    let mut step = m.clone();
    for i in 0..n {
        step[(i, i)] += 1.0;
    }
    let spectral_radius = linalg::eigenvalues(&step)?
        .iter()
        .map(|z| z.abs())
        .fold(0.0, f64::max);

    Ok(Analysis {
        actors: model.actors.clone(),
        system_matrix: m.to_rows(),
        equilibrium,
        equilibrium_nonnegative,
        condition_number,
        eigenvalues,
        spectral_abscissa,
        stable,
        runaway_growth_rate: (spectral_abscissa > 0.0).then_some(spectral_abscissa),
        metzler,
        hawkins_simon,
        dominant,
        reaction_sensitivity,
        fatigue_sensitivity,
        drivers,
        discrete: DiscreteForm {
            spectral_radius,
            stable: spectral_radius < 1.0,
        },
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_actor_closed_forms_agree() {
        let (al, be, k, l, g, h) = (2.0, 1.0, 1.0, 0.5, 1.0, 2.0);
        let model = RichardsonModel::two_actor(al, be, k, l, g, h).unwrap();
        let a = analyse(&model).unwrap();
        let d = al * be - k * l;
        assert!((a.equilibrium[0] - (be * g + k * h) / d).abs() < 1e-12);
        assert!((a.equilibrium[1] - (al * h + l * g) / d).abs() < 1e-12);
        let disc = ((al - be) * (al - be) + 4.0 * k * l).sqrt();
        assert!((a.eigenvalues[0].re - 0.5 * (-(al + be) + disc)).abs() < 1e-12);
        assert!(a.stable && a.metzler && a.hawkins_simon.as_ref().unwrap().stable);
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn singular_system_is_an_error() {
        let model = RichardsonModel::two_actor(1.0, 1.0, 1.0, 1.0, 1.0, 1.0).unwrap();
        assert!(matches!(
            analyse(&model),
            Err(RichardsonError::Linalg(linalg::LinalgError::Singular))
        ));
    }

    #[test]
    fn complex_dominant_pair_has_positive_imaginary_part() {
        // i arms against j, j disarms when i arms: a damped oscillation.
        let model = RichardsonModel::two_actor(0.1, 0.1, 1.0, -1.0, 0.0, 0.0).unwrap();
        let a = analyse(&model).unwrap();
        assert!(a.dominant.im > 0.0 && (a.dominant.re + 0.1).abs() < 1e-12);
        assert!(!a.metzler && a.hawkins_simon.is_none());
    }
}
