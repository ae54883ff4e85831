//! The compromise model (baseline): the capability-and-salience weighted mean.
//!
//! ```text
//! (D1)  O = Σ_i w_i x_i / W,   w_i = c_i s_i,   W = Σ_i w_i
//! ```
//!
//! It is reported next to every other model and is the model Monte Carlo runs hammer, so the
//! one-dimensional path ([`mean_1d`]) is a single fused pass over the stances.

use serde::{Deserialize, Serialize};

use super::decision::{Decision, ModelSpec, Warning, WarningCode};
use super::issue::ResolvedIssue;
use super::model::{DecideError, DecisionModel};
use crate::rng::DetRng;

/// The compromise model (D1). It has no parameters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Compromise;

impl DecisionModel for Compromise {
    fn id(&self) -> &'static str {
        "compromise"
    }

    fn parameters(&self) -> serde_json::Value {
        serde_json::json!({})
    }

    fn draws(&self) -> bool {
        false
    }

    fn solve(&self, issue: &ResolvedIssue, _rng: &mut DetRng) -> Result<Decision, DecideError> {
        let (outcome, warnings) = outcome(issue);
        Ok(Decision::closed_form(
            issue,
            ModelSpec {
                id: self.id().into(),
                preset: None,
                parameters: self.parameters(),
            },
            outcome.clone(),
            outcome,
            warnings,
        ))
    }
}

/// D1 on every dimension of `issue` (weights `w_id = c_i s_id`), with these edge cases:
/// `W = 0` → unweighted mean and `ZeroTotalWeight`; all positions equal → exactly that point.
pub fn outcome(issue: &ResolvedIssue) -> (Vec<f64>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let out = (0..issue.m())
        .map(|d| {
            let xs = issue.stances.iter().map(|s| s.position[d]);
            let ws = issue.stances.iter().map(|s| s.weight(d));
            match weighted_mean(xs.clone(), ws) {
                Some(o) => o,
                None => {
                    warnings.push(Warning::issue(
                        WarningCode::ZeroTotalWeight,
                        &issue.id,
                        format!(
                            "dimension '{}': every actor has capability × salience 0; the \
                             unweighted mean of positions is used",
                            issue.dimensions[d]
                        ),
                    ));
                    let (sum, n) = xs.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
                    if n == 0 { f64::NAN } else { sum / n as f64 }
                }
            }
        })
        .collect();
    (out, warnings)
}

/// D1 over `(position, weight)` pairs; `None` when `W = 0` (or nothing is given). Returns the
/// first position exactly when all positions are equal (no rounding drift).
pub fn weighted_mean(
    positions: impl Iterator<Item = f64>,
    weights: impl Iterator<Item = f64>,
) -> Option<f64> {
    let mut first = None;
    let mut all_equal = true;
    let (mut num, mut den) = (0.0, 0.0);
    for (x, w) in positions.zip(weights) {
        match first {
            None => first = Some(x),
            Some(f) => all_equal &= f == x,
        }
        num += w * x;
        den += w;
    }
    if den <= 0.0 {
        return None;
    }
    if all_equal {
        return first;
    }
    Some(num / den)
}

/// The Monte Carlo fast path: D1 on contiguous slices of capabilities, positions and
/// saliences of one dimension. `None` when `W = 0`.
#[inline]
pub fn mean_1d(capability: &[f64], position: &[f64], salience: &[f64]) -> Option<f64> {
    let (mut num, mut den) = (0.0, 0.0);
    for ((&c, &x), &s) in capability.iter().zip(position).zip(salience) {
        let w = c * s;
        num += w * x;
        den += w;
    }
    if den > 0.0 { Some(num / den) } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::issue::{Scale, Stance};

    fn issue(stances: Vec<Stance>) -> ResolvedIssue {
        ResolvedIssue::one_dimensional("i", Scale::new(0.0, 100.0), stances)
    }

    #[test]
    fn weighted_mean_of_two() {
        let i = issue(vec![
            Stance::new("a", 1.0, 0.0, 1.0),
            Stance::new("b", 3.0, 100.0, 1.0),
        ]);
        assert_eq!(outcome(&i).0, vec![75.0]);
    }

    #[test]
    fn zero_weight_falls_back_to_mean() {
        let i = issue(vec![
            Stance::new("a", 0.0, 10.0, 1.0),
            Stance::new("b", 1.0, 30.0, 0.0),
        ]);
        let (o, w) = outcome(&i);
        assert_eq!(o, vec![20.0]);
        assert_eq!(w[0].code, WarningCode::ZeroTotalWeight);
    }

    #[test]
    fn all_at_one_point_is_exact() {
        let x = 0.1 + 0.2;
        let i = issue(vec![
            Stance::new("a", 0.3, x, 0.7),
            Stance::new("b", 0.9, x, 0.1),
            Stance::new("c", 0.11, x, 0.3),
        ]);
        assert_eq!(outcome(&i).0[0].to_bits(), x.to_bits());
    }

    #[test]
    fn fast_path_agrees() {
        let c = [1.0, 2.0, 0.5];
        let x = [10.0, 40.0, 90.0];
        let s = [0.5, 0.25, 1.0];
        let i = issue(
            (0..3)
                .map(|k| Stance::new(format!("{k}"), c[k], x[k], s[k]))
                .collect(),
        );
        let a = mean_1d(&c, &x, &s).expect("weight");
        assert!((a - outcome(&i).0[0]).abs() < 1e-12);
    }
}
