//! The Nash bargaining solution with the status quo as disagreement point.
//!
//! Utilities (Achen's salience-weighted quadratic loss) `u_i(z) = −s_i (z − x_i)²`,
//! disagreement `d_i = u_i(q)`, bargaining powers `p_i`:
//!
//! ```text
//! (D3)  z* = argmax_{z ∈ F} Σ_i p_i ln(u_i(z) − d_i),   F = { z : u_i(z) > d_i ∀ i with c_i s_i > 0 }
//! ```
//!
//! `F = (max_i L_i, min_i U_i)` with `[L_i, U_i] = [x_i − |q − x_i|, x_i + |q − x_i|]`. Since
//! `u_i(z) − d_i = s_i[(q − x_i)² − (z − x_i)²]`, the salience only adds a constant `p_i ln s_i`
//! and the first-order condition is
//!
//! ```text
//! g(z) = Σ_i p_i · (−2 (z − x_i)) / ((q − x_i)² − (z − x_i)²) = 0,
//! ```
//!
//! strictly decreasing on F from +∞ to −∞ (one root), found by Newton with bisection fallback
//! to `1e-10·Δ`. As `|q − x̄| → ∞` the root tends to `Σ p_i x_i / Σ p_i`: the compromise model
//! D1 when `p_i = c_i s_i` ([`Power::CapabilitySalience`]). With the default
//! `p_i = c_i` the limit is the capability-weighted mean, which equals D1 only when saliences
//! are equal — the common statement "D3 tends to D1" needs the salience in the power.

use serde::{Deserialize, Serialize};

use super::decision::{Decision, ModelSpec, Warning, WarningCode};
use super::issue::ResolvedIssue;
use super::model::{DecideError, DecisionModel};
use crate::rng::DetRng;

/// Bargaining powers `p_i` in D3.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Power {
    /// `p_i = c_i` (default).
    #[default]
    Capability,
    /// `p_i = 1` for every actor that counts.
    Equal,
    /// `p_i = c_i s_i`: Achen's form whose far-status-quo limit is exactly D1.
    CapabilitySalience,
}

/// The Nash bargaining model (D3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Nash {
    /// Bargaining powers.
    pub power: Power,
}

/// Outcome of D3 on one dimension.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NashSolution {
    /// The interior maximiser z*.
    Agreement(f64),
    /// F is empty (or no actor counts): the status quo stands.
    StatusQuo,
}

/// Solve D3 for positions `x`, saliences `s`, capabilities `c`, status quo `q`, on a scale of
/// range `delta` (for the tolerance `1e-10·Δ`).
pub fn solve_1d(x: &[f64], s: &[f64], c: &[f64], q: f64, delta: f64, power: Power) -> NashSolution {
    let mut terms: Vec<(f64, f64)> = Vec::with_capacity(x.len()); // (p_i, x_i)
    let (mut lo, mut hi) = (f64::NEG_INFINITY, f64::INFINITY);
    for i in 0..x.len() {
        if c[i] * s[i] <= 0.0 {
            continue;
        }
        let r = (q - x[i]).abs();
        lo = lo.max(x[i] - r);
        hi = hi.min(x[i] + r);
        let p = match power {
            Power::Capability => c[i],
            Power::Equal => 1.0,
            Power::CapabilitySalience => c[i] * s[i],
        };
        terms.push((p, x[i]));
    }
    if terms.is_empty() || lo >= hi {
        return NashSolution::StatusQuo;
    }
    let g = |z: f64| -> (f64, f64) {
        let (mut g, mut dg) = (0.0, 0.0);
        for &(p, xi) in &terms {
            let a = z - xi;
            let dd = (q - xi) * (q - xi) - a * a;
            g += p * (-2.0 * a) / dd;
            dg += p * (-2.0 * dd - 4.0 * a * a) / (dd * dd);
        }
        (g, dg)
    };
    let tol = 1e-10 * delta.abs().max(f64::MIN_POSITIVE);
    let (mut a, mut b) = (lo, hi);
    let mut z = 0.5 * (a + b);
    for _ in 0..300 {
        let (gz, dg) = g(z);
        if !gz.is_finite() {
            // On the floating-point edge of F: step back inside by bisection.
            if z - a < b - z {
                a = z;
            } else {
                b = z;
            }
            z = 0.5 * (a + b);
            continue;
        }
        if gz > 0.0 {
            a = z;
        } else if gz < 0.0 {
            b = z;
        } else {
            return NashSolution::Agreement(z);
        }
        let newton = z - gz / dg;
        let next = if newton.is_finite() && newton > a && newton < b {
            newton
        } else {
            0.5 * (a + b)
        };
        if (next - z).abs() < tol || b - a < tol {
            return NashSolution::Agreement(next);
        }
        z = next;
    }
    NashSolution::Agreement(z)
}

impl DecisionModel for Nash {
    fn id(&self) -> &'static str {
        "nash"
    }

    fn parameters(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    fn draws(&self) -> bool {
        false
    }

    fn solve(&self, issue: &ResolvedIssue, _rng: &mut DetRng) -> Result<Decision, DecideError> {
        issue.require_one_dimension(self.id(), "the Nash model")?;
        let q = issue
            .status_quo_1d()
            .ok_or_else(|| DecideError::MissingStatusQuo {
                issue: issue.id.clone(),
                model: self.id().into(),
            })?;
        let x: Vec<f64> = issue.stances.iter().map(|s| s.x()).collect();
        let s: Vec<f64> = issue.stances.iter().map(|s| s.s()).collect();
        let c: Vec<f64> = issue.stances.iter().map(|s| s.capability).collect();
        let mut warnings = Vec::new();
        let z = match solve_1d(&x, &s, &c, q, issue.scale.range(), self.power) {
            NashSolution::Agreement(z) => z,
            NashSolution::StatusQuo => {
                warnings.push(Warning::issue(
                    WarningCode::NoAgreementBetterThanStatusQuo,
                    &issue.id,
                    format!(
                        "no position improves on the status quo {q} for every actor (actors lie \
                         on both sides of it or at it); the status quo stands"
                    ),
                ));
                q
            }
        };
        Ok(Decision::closed_form(
            issue,
            ModelSpec {
                id: self.id().into(),
                preset: None,
                parameters: self.parameters(),
            },
            vec![z],
            super::compromise::outcome(issue).0,
            warnings,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const X: [f64; 4] = [40.0, 55.0, 70.0, 90.0];
    const S: [f64; 4] = [0.9, 0.4, 0.7, 0.2];
    const C: [f64; 4] = [2.0, 1.0, 3.0, 0.5];

    fn agreement(s: NashSolution) -> f64 {
        match s {
            NashSolution::Agreement(z) => z,
            NashSolution::StatusQuo => panic!("expected an agreement"),
        }
    }

    #[test]
    fn root_satisfies_first_order_condition() {
        let z = agreement(solve_1d(&X, &S, &C, 10.0, 100.0, Power::Capability));
        assert!(z > 10.0 && z < 70.0);
        let g: f64 = (0..4)
            .map(|i| C[i] * -2.0 * (z - X[i]) / ((10.0 - X[i]).powi(2) - (z - X[i]).powi(2)))
            .sum();
        assert!(g.abs() < 1e-6, "g = {g}");
    }

    /// Achen: as the status quo recedes, D3 tends to the compromise model D1.
    #[test]
    fn far_status_quo_tends_to_compromise() {
        let d1: f64 = (0..4).map(|i| C[i] * S[i] * X[i]).sum::<f64>()
            / (0..4).map(|i| C[i] * S[i]).sum::<f64>();
        let mut prev = f64::INFINITY;
        for q in [-1e3, -1e5, -1e7] {
            let z = agreement(solve_1d(&X, &S, &C, q, 100.0, Power::CapabilitySalience));
            let err = (z - d1).abs();
            assert!(err < prev, "error must shrink: {err} at q = {q}");
            prev = err;
        }
        assert!(prev < 1e-3, "{prev}");
        // With the default power the limit is the capability-weighted mean.
        let cw: f64 = (0..4).map(|i| C[i] * X[i]).sum::<f64>() / C.iter().sum::<f64>();
        let z = agreement(solve_1d(&X, &S, &C, -1e7, 100.0, Power::Capability));
        assert!((z - cw).abs() < 1e-3);
    }

    #[test]
    fn status_quo_inside_the_positions_has_no_agreement() {
        assert_eq!(
            solve_1d(&X, &S, &C, 60.0, 100.0, Power::Capability),
            NashSolution::StatusQuo
        );
    }
}
