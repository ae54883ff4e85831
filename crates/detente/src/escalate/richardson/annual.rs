//! The annual Richardson map fitted to yearly spending, with the coefficients' joint sampling
//! distribution and the probability that the fitted race is unstable.
//!
//! The equation fitted for each actor i, by ordinary least squares over years t = 0..T−1:
//!
//! ```text
//! x_i(t+1) − x_i(t) = Σ_{j tied to i} k_ij x_j(t) − a_i x_i(t) + g_i + ε_i(t)
//! ```
//!
//! (reaction k_ij, fatigue a_i, grievance g_i; levels at the *start* of the year). As a system,
//! `x(t+1) = (I + M) x(t) + g` with `M = K − diag(a)`: the explicit annual form of
//! `ẋ = M x + g`. It is unstable — spending does not settle at a rest point — iff the spectral
//! radius `ρ(I + M) ≥ 1`.
//!
//! The estimates are uncertain; instead of one verdict, [`AnnualFit::instability`] draws the
//! coefficients from their estimated sampling distribution `β ~ N(β̂, V̂)` and reports the share
//! of draws with `ρ(I + M) ≥ 1`. V̂ stacks every equation's coefficients; its blocks are
//! `V̂_ij = ŝ_ij (X_iᵀX_i)⁻¹ X_iᵀX_j (X_jᵀX_j)⁻¹` with `ŝ_ij = e_iᵀe_j / √(ν_i ν_j)` (residuals e,
//! residual degrees of freedom ν), so the actors' same-year shocks are correlated as observed.

use super::estimate::{Design, Fit, Timing, fit_equations};
use super::{ArmsSeries, RichardsonError, RichardsonModel};
use crate::escalate::linalg::{self, Lu, Matrix};
use crate::maths;
use crate::rng::{self, DetRng};
use crate::stats::{self, Proportion};
use rand::SeedableRng;
use serde::Serialize;

/// A fitted annual map with the joint covariance of its coefficients.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnnualFit {
    /// Per-actor equations (reactions, fatigue, grievance with OLS standard errors), the model and
    /// the identifiability warnings.
    pub fit: Fit,
    /// Stacked covariance of all coefficients, equation by equation in the column order
    /// (tied actors' levels, own level, constant). Own-level entries refer to −a_i.
    pub covariance: Vec<Vec<f64>>,
    /// ρ(I + M) at the point estimates.
    pub spectral_radius: f64,
}

/// How often the fitted race is unstable under the coefficients' sampling distribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instability {
    /// Share of draws with ρ(I + M) ≥ 1, with its 95 % Wilson interval (Monte Carlo error only).
    pub probability: Proportion,
    /// Draws.
    pub draws: u64,
    /// Seed of the draws.
    pub seed: u64,
    /// Criterion, in words.
    pub criterion: &'static str,
}

/// The instability criterion of the annual map.
pub const CRITERION: &str = "spectral radius of I + M at least 1 (x(t+1) = (I + M) x(t) + g)";

/// Fit the annual map (equation in the module doc): `tied[i]` lists the actors i reacts to.
pub fn fit_annual(series: &ArmsSeries, tied: &[Vec<usize>]) -> Result<AnnualFit, RichardsonError> {
    let (fit, designs) = fit_equations(series, tied, Timing::StartOfYear)?;
    let covariance = stacked_covariance(&designs)?;
    let spectral_radius = spectral_radius(&fit.model.system_matrix())?;
    Ok(AnnualFit {
        fit,
        covariance,
        spectral_radius,
    })
}

/// `(XᵀX)⁻¹`, computed on unit-norm columns for conditioning: with X = Z D,
/// `(XᵀX)⁻¹ = D⁻¹ (ZᵀZ)⁻¹ D⁻¹`.
fn gram_inverse(x: &Matrix) -> Result<Matrix, RichardsonError> {
    let p = x.cols();
    let norms: Vec<f64> = (0..p)
        .map(|j| {
            (0..x.rows())
                .map(|t| x[(t, j)] * x[(t, j)])
                .sum::<f64>()
                .sqrt()
        })
        .collect();
    let mut z = x.clone();
    for t in 0..x.rows() {
        for j in 0..p {
            z[(t, j)] /= norms[j];
        }
    }
    let mut inv = Lu::factor(&z.transpose().mul(&z)?)?.inverse()?;
    for a in 0..p {
        for b in 0..p {
            inv[(a, b)] /= norms[a] * norms[b];
        }
    }
    Ok(inv)
}

fn stacked_covariance(designs: &[Design]) -> Result<Vec<Vec<f64>>, RichardsonError> {
    let inverses: Vec<Matrix> = designs
        .iter()
        .map(|d| gram_inverse(&d.x))
        .collect::<Result<_, _>>()?;
    let offsets: Vec<usize> = designs
        .iter()
        .scan(0, |acc, d| {
            let o = *acc;
            *acc += d.x.cols();
            Some(o)
        })
        .collect();
    let total: usize = designs.iter().map(|d| d.x.cols()).sum();
    let mut v = vec![vec![0.0; total]; total];
    for (i, di) in designs.iter().enumerate() {
        let nu_i = (di.x.rows() - di.x.cols()) as f64;
        for (j, dj) in designs.iter().enumerate() {
            let nu_j = (dj.x.rows() - dj.x.cols()) as f64;
            let s: f64 = di
                .residuals
                .iter()
                .zip(&dj.residuals)
                .map(|(a, b)| a * b)
                .sum();
            let s = s / (nu_i * nu_j).sqrt();
            let cross = di.x.transpose().mul(&dj.x)?;
            let block = inverses[i].mul(&cross)?.mul(&inverses[j])?;
            for a in 0..di.x.cols() {
                for b in 0..dj.x.cols() {
                    v[offsets[i] + a][offsets[j] + b] = s * block[(a, b)];
                }
            }
        }
    }
    Ok(v)
}

/// Spectral radius of `I + M`.
pub fn spectral_radius(m: &Matrix) -> Result<f64, RichardsonError> {
    let mut a = m.clone();
    for i in 0..a.rows() {
        a[(i, i)] += 1.0;
    }
    if a.rows() == 2 {
        // Closed form for the dyad: eigenvalues (tr ± √(tr² − 4 det))/2.
        let (tr, det) = (
            a[(0, 0)] + a[(1, 1)],
            a[(0, 0)] * a[(1, 1)] - a[(0, 1)] * a[(1, 0)],
        );
        let disc = tr * tr - 4.0 * det;
        return Ok(if disc >= 0.0 {
            0.5 * (tr.abs() + disc.sqrt())
        } else {
            det.sqrt()
        });
    }
    Ok(linalg::eigenvalues(&a)?
        .iter()
        .map(|z| z.abs())
        .fold(0.0, f64::max))
}

/// Lower-triangular L with L Lᵀ = V for a positive semi-definite V; a pivot at or below
/// 1e−12 of the largest diagonal entry (an exactly determined direction) gets a zero column.
fn cholesky(v: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let n = v.len();
    let scale = (0..n).map(|i| v[i][i].abs()).fold(0.0, f64::max);
    let mut l = vec![vec![0.0; n]; n];
    for j in 0..n {
        let d = v[j][j] - (0..j).map(|k| l[j][k] * l[j][k]).sum::<f64>();
        if d <= 1e-12 * scale {
            continue;
        }
        let root = d.sqrt();
        l[j][j] = root;
        for i in j + 1..n {
            let s = v[i][j] - (0..j).map(|k| l[i][k] * l[j][k]).sum::<f64>();
            l[i][j] = s / root;
        }
    }
    l
}

/// A standard normal draw by the Box–Muller transform (one of the pair).
fn standard_normal(rng: &mut DetRng) -> f64 {
    let u1 = 1.0 - rng::u01(rng);
    let u2 = rng::u01(rng);
    (-2.0 * maths::ln(u1)).sqrt() * maths::cos(std::f64::consts::TAU * u2)
}

impl AnnualFit {
    /// The fitted model (reactions, fatigue, grievance at the point estimates).
    pub fn model(&self) -> &RichardsonModel {
        &self.fit.model
    }

    /// P(unstable): the share of `draws` coefficient vectors `β̂ + L z` (L Lᵀ = V̂, z standard
    /// normal from the ChaCha8 stream `seed`) whose annual map has ρ(I + M) ≥ 1. Deterministic
    /// for a given seed.
    pub fn instability(&self, draws: u64, seed: u64) -> Result<Instability, RichardsonError> {
        if draws == 0 {
            return Err(RichardsonError::Input(
                "P(unstable) needs at least one draw".into(),
            ));
        }
        let l = cholesky(&self.covariance);
        let beta: Vec<f64> = self.point_coefficients();
        let n = self.fit.model.len();
        let mut rng = DetRng::seed_from_u64(seed);
        let mut z = vec![0.0; beta.len()];
        let mut hits = 0u64;
        for _ in 0..draws {
            for zi in z.iter_mut() {
                *zi = standard_normal(&mut rng);
            }
            let mut m = Matrix::zeros(n, n);
            let mut offset = 0;
            for (i, eq) in self.fit.equations.iter().enumerate() {
                let p = eq.tied.len() + 2;
                let draw = |c: usize| {
                    let r = offset + c;
                    beta[r] + (0..=r).map(|k| l[r][k] * z[k]).sum::<f64>()
                };
                for (c, &j) in eq.tied.iter().enumerate() {
                    m[(i, j)] = draw(c);
                }
                m[(i, i)] = draw(p - 2);
                offset += p;
            }
            if spectral_radius(&m)? >= 1.0 {
                hits += 1;
            }
        }
        Ok(Instability {
            probability: stats::wilson(hits, draws),
            draws,
            seed,
            criterion: CRITERION,
        })
    }

    fn point_coefficients(&self) -> Vec<f64> {
        let mut beta = Vec::new();
        for eq in &self.fit.equations {
            beta.extend(eq.reactions.iter().map(|e| e.value));
            beta.push(-eq.fatigue.value);
            beta.push(eq.grievance.value);
        }
        beta
    }

    /// Forecast `years` ahead from `last` (the levels of the final fitted year) by iterating
    /// `x(t+1) = x(t) + M x(t) + g`; entry h−1 is the forecast for h years ahead.
    pub fn forecast(&self, last: &[f64], years: usize) -> Result<Vec<Vec<f64>>, RichardsonError> {
        let mut path = self.fit.model.discrete_path(last, years)?;
        path.remove(0);
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A race generated exactly by the annual map with alternating shocks.
    fn simulated(k: f64, l: f64, alpha: f64, beta: f64, years: usize) -> ArmsSeries {
        let mut x = [40.0, 60.0];
        let mut levels = vec![vec![], vec![]];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..years {
            levels[0].push(x[0]);
            levels[1].push(x[1]);
            let mut shock = || {
                state = rng::mix(state);
                (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
            };
            let nx = x[0] + k * x[1] - alpha * x[0] + 4.0 + shock();
            let ny = x[1] + l * x[0] - beta * x[1] + 6.0 + shock();
            x = [nx, ny];
        }
        ArmsSeries {
            actors: vec!["x".into(), "y".into()],
            levels,
        }
    }

    #[test]
    fn annual_fit_recovers_the_generating_map() {
        let s = simulated(0.1, 0.05, 0.3, 0.2, 40);
        let f = fit_annual(&s, &[vec![1], vec![0]]).unwrap();
        let e = &f.fit.equations;
        assert!((e[0].reactions[0].value - 0.1).abs() < 0.05, "{e:?}");
        assert!((e[0].fatigue.value - 0.3).abs() < 0.05, "{e:?}");
        assert!((e[1].fatigue.value - 0.2).abs() < 0.05, "{e:?}");
        // The covariance diagonal is the OLS standard errors squared.
        assert!((f.covariance[0][0].sqrt() - e[0].reactions[0].standard_error).abs() < 1e-9);
        assert!((f.covariance[4][4].sqrt() - e[1].fatigue.standard_error).abs() < 1e-9);
        assert!(f.spectral_radius < 1.0);
        let p = f.instability(2000, 7).unwrap();
        assert!(p.probability.estimate < 0.05, "{p:?}");
        assert_eq!(p, f.instability(2000, 7).unwrap());
    }

    #[test]
    fn a_runaway_race_is_unstable_with_high_probability() {
        let s = simulated(0.3, 0.3, 0.1, 0.1, 30);
        let f = fit_annual(&s, &[vec![1], vec![0]]).unwrap();
        assert!(f.spectral_radius > 1.1, "{}", f.spectral_radius);
        let p = f.instability(1000, 1).unwrap();
        assert!(p.probability.estimate > 0.95, "{p:?}");
    }

    #[test]
    fn spectral_radius_closed_form_matches_eigenvalues() {
        for rows in [
            [[-0.3, 0.1], [0.05, -0.2]],
            [[-0.1, 0.5], [-0.4, -0.1]],
            [[0.2, 0.3], [0.3, 0.1]],
        ] {
            let m = Matrix::from_rows(&[rows[0].to_vec(), rows[1].to_vec()]).unwrap();
            let mut a = m.clone();
            a[(0, 0)] += 1.0;
            a[(1, 1)] += 1.0;
            let want = linalg::eigenvalues(&a)
                .unwrap()
                .iter()
                .map(|z| z.abs())
                .fold(0.0, f64::max);
            assert!((spectral_radius(&m).unwrap() - want).abs() < 1e-9);
        }
    }

    #[test]
    fn forecast_iterates_the_fitted_map() {
        let s = simulated(0.1, 0.05, 0.3, 0.2, 25);
        let f = fit_annual(&s, &[vec![1], vec![0]]).unwrap();
        let m = f.model();
        let last = [50.0, 70.0];
        let path = f.forecast(&last, 2).unwrap();
        let one = last[0] + m.reaction[(0, 1)] * last[1] - m.fatigue[0] * last[0] + m.grievance[0];
        assert!((path[0][0] - one).abs() < 1e-9);
        assert_eq!(path.len(), 2);
    }
}
