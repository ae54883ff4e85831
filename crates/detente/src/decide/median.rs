//! The weighted median: the Condorcet winner in one dimension.
//!
//! With weights `w_i = c_i s_i` and utilities `−|z − x_i|`, any minimiser of
//! `Σ_i w_i |z − x_i|` wins every pairwise vote:
//!
//! ```text
//! (D2)  M = min { x_(k) : Σ_{l ≤ k} w_(l) ≥ W/2 }     (x_(1) ≤ … ≤ x_(N))
//! ```
//!
//! When the cumulative weight equals `W/2` exactly at `x_(k)` (within 1e-12·W), every point
//! of `[x_(k), x_(k+1)]` is a median; [`MedianTie`] says which one to return.

use serde::{Deserialize, Serialize};

use super::decision::{Decision, ModelSpec, Warning, WarningCode};
use super::issue::ResolvedIssue;
use super::model::{DecideError, DecisionModel};
use crate::rng::DetRng;

/// Which point of a tied median interval `[x_(k), x_(k+1)]` to return.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MedianTie {
    /// The lower end `x_(k)` (default; the BDM replications pick the first winning position).
    #[default]
    Low,
    /// The midpoint of the interval.
    Mid,
    /// The upper end `x_(k+1)`.
    High,
}

/// The weighted-median model (D2).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Median {
    /// Tie convention (`median_tie`).
    pub median_tie: MedianTie,
}

/// The result of D2 on one dimension.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MedianResult {
    /// The median position.
    pub value: f64,
    /// Whether the cumulative weight hit `W/2` exactly (an interval of medians).
    pub tied: bool,
    /// Whether `W = 0` forced the unweighted median.
    pub unweighted: bool,
}

/// D2 over `(position, weight)` pairs. `None` for an empty input. `W = 0` → the unweighted
/// median (every weight 1), flagged in the result.
pub fn weighted_median(positions: &[f64], weights: &[f64], tie: MedianTie) -> Option<MedianResult> {
    if positions.is_empty() {
        return None;
    }
    let total: f64 = weights.iter().sum();
    let unweighted = total <= 0.0;
    let w = |i: usize| if unweighted { 1.0 } else { weights[i] };
    let total = if unweighted {
        positions.len() as f64
    } else {
        total
    };
    let mut order: Vec<usize> = (0..positions.len()).collect();
    crate::order::sort_by(&mut order, |&a, &b| {
        positions[a].total_cmp(&positions[b]).then(a.cmp(&b))
    });
    let half = total / 2.0;
    let eps = 1e-12 * total;
    let mut cum = 0.0;
    for (k, &i) in order.iter().enumerate() {
        cum += w(i);
        if cum >= half - eps {
            let low = positions[i];
            let tied_at = (cum - half).abs() <= eps;
            // The interval of medians runs to the next distinct position with positive weight.
            let next = order[k + 1..]
                .iter()
                .find(|&&j| positions[j] > low && w(j) > 0.0)
                .map(|&j| positions[j]);
            let (value, tied) = match (tied_at, next) {
                (true, Some(high)) => (
                    match tie {
                        MedianTie::Low => low,
                        MedianTie::Mid => 0.5 * (low + high),
                        MedianTie::High => high,
                    },
                    true,
                ),
                _ => (low, false),
            };
            return Some(MedianResult {
                value,
                tied,
                unweighted,
            });
        }
    }
    order.last().map(|&i| MedianResult {
        value: positions[i],
        tied: false,
        unweighted,
    })
}

impl DecisionModel for Median {
    fn id(&self) -> &'static str {
        "median"
    }

    fn parameters(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    fn draws(&self) -> bool {
        false
    }

    fn solve(&self, issue: &ResolvedIssue, _rng: &mut DetRng) -> Result<Decision, DecideError> {
        let mut warnings = Vec::new();
        let mut outcome = Vec::with_capacity(issue.m());
        for d in 0..issue.m() {
            let xs: Vec<f64> = issue.stances.iter().map(|s| s.position[d]).collect();
            let ws: Vec<f64> = issue.stances.iter().map(|s| s.weight(d)).collect();
            let r =
                weighted_median(&xs, &ws, self.median_tie).ok_or_else(|| DecideError::Invalid {
                    issue: issue.id.clone(),
                    problems: vec!["the issue has no stance".into()],
                })?;
            if r.unweighted {
                warnings.push(Warning::issue(
                    WarningCode::ZeroTotalWeight,
                    &issue.id,
                    "every actor has capability × salience 0; the unweighted median is used",
                ));
            }
            if r.tied {
                warnings.push(Warning::issue(
                    WarningCode::TieBroken,
                    &issue.id,
                    format!(
                        "dimension '{}': the weights split exactly in half, so a whole interval \
                         is a median; returned {} ({:?} end)",
                        issue.dimensions[d], r.value, self.median_tie
                    ),
                ));
            }
            outcome.push(r.value);
        }
        Ok(Decision::closed_form(
            issue,
            ModelSpec {
                id: self.id().into(),
                preset: None,
                parameters: self.parameters(),
            },
            outcome,
            super::compromise::outcome(issue).0,
            warnings,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heavy_actor_is_the_median() {
        let r = weighted_median(&[1.0, 5.0, 9.0], &[1.0, 3.0, 1.0], MedianTie::Low).expect("m");
        assert_eq!(r.value, 5.0);
        assert!(!r.tied);
    }

    #[test]
    fn ties_follow_the_option() {
        let x = [2.0, 8.0];
        let w = [1.0, 1.0];
        assert_eq!(
            weighted_median(&x, &w, MedianTie::Low).map(|r| r.value),
            Some(2.0)
        );
        assert_eq!(
            weighted_median(&x, &w, MedianTie::Mid).map(|r| r.value),
            Some(5.0)
        );
        assert_eq!(
            weighted_median(&x, &w, MedianTie::High).map(|r| r.value),
            Some(8.0)
        );
        assert!(weighted_median(&x, &w, MedianTie::Low).is_some_and(|r| r.tied));
    }

    #[test]
    fn zero_weights_give_unweighted_median() {
        let r = weighted_median(&[3.0, 1.0, 2.0], &[0.0; 3], MedianTie::Low).expect("m");
        assert_eq!(r.value, 2.0);
        assert!(r.unweighted);
    }

    #[test]
    fn minimises_weighted_absolute_deviation() {
        let x = [0.0, 3.0, 4.0, 10.0, 11.0];
        let w = [0.5, 2.0, 0.1, 1.0, 0.7];
        let m = weighted_median(&x, &w, MedianTie::Low).expect("m").value;
        let loss = |z: f64| {
            x.iter()
                .zip(&w)
                .map(|(x, w)| w * (z - x).abs())
                .sum::<f64>()
        };
        for k in 0..=110 {
            assert!(loss(m) <= loss(k as f64 / 10.0) + 1e-12);
        }
    }
}
