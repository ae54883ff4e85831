//! Decision rules as constraints on a prediction (decide.md §8).
//!
//! A rule does not predict; it restricts. With status quo `q`, the admissible set is
//! `A(q) = W(q) ∪ {q}` where `W(q)` holds the points that beat `q` under the rule. In one
//! dimension, with voting weights `v_i`, `V = Σ v_i` and quota `τ`:
//!
//! ```text
//! (D20)  m_R = max{ m : Σ_{x_i ≥ m} v_i ≥ τV },   m_L = min{ m : Σ_{x_i ≤ m} v_i ≥ τV }
//! (D21)  A(q) = [ min(q, 2 m_L − q), max(q, 2 m_R − q) ]
//! ```
//!
//! because actor i prefers `z > q` to `q` iff `x_i > (q + z)/2` (boundary ties admissible).
//! The final outcome is the prediction projected onto `A(q)` (per dimension when m > 1).

use serde::{Deserialize, Serialize};

use super::decision::{Decision, Warning, WarningCode};
use super::issue::ResolvedIssue;

/// A deciding body's rule (scenario `rule = ...`, §8.2). Voting weights come from each
/// stance's `vote_weight` (the scenario adapter resolves `weights = "population"` etc. into
/// numbers); unanimity and consensus count every member with a stance once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DecisionRule {
    /// τ = 1, one vote per member with a stance.
    Unanimity,
    /// As unanimity: silence is assent, members without a stance do not block.
    Consensus,
    /// Strictly more than half of the vote weights.
    Majority,
    /// At least `threshold` (a share in (0, 1]) of the vote weights, optionally together with a
    /// share of the members (double majority, e.g. the EU Council's 55 % / 65 %).
    QualifiedMajority {
        /// Quota τ on the vote weights.
        threshold: f64,
        /// Second quota on the number of members, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        double: Option<DoubleMajority>,
    },
}

/// The two quotas of a double majority: share of members and share of vote weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoubleMajority {
    /// Share of members (each counts 1) that must agree.
    pub members: f64,
    /// Share of the vote weight that must agree.
    pub weight: f64,
}

impl DecisionRule {
    /// Check the rule's numbers; an error message when a quota is not in (0, 1].
    pub fn check(&self) -> Result<(), String> {
        let ok = |t: f64| t.is_finite() && t > 0.0 && t <= 1.0;
        match self {
            DecisionRule::QualifiedMajority { threshold, double } => {
                if !ok(*threshold) {
                    return Err(format!("rule threshold {threshold} must be in (0, 1]"));
                }
                if let Some(d) = double
                    && !(ok(d.members) && ok(d.weight))
                {
                    return Err(format!(
                        "double-majority quotas {} and {} must be in (0, 1]",
                        d.members, d.weight
                    ));
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The quotas `(τ, weights, strict)` the rule imposes; more than one means all must hold.
    fn quotas(&self, issue: &ResolvedIssue) -> Vec<Quota> {
        // One vote per member; actors with vote weight 0 (non-members who only bargain) have none.
        let ones: Vec<f64> = issue
            .stances
            .iter()
            .map(|s| if s.vote_weight > 0.0 { 1.0 } else { 0.0 })
            .collect();
        let weights: Vec<f64> = issue.stances.iter().map(|s| s.vote_weight).collect();
        match self {
            DecisionRule::Unanimity | DecisionRule::Consensus => vec![Quota {
                tau: 1.0,
                weights: ones,
                strict: false,
            }],
            DecisionRule::Majority => vec![Quota {
                tau: 0.5,
                weights,
                strict: true,
            }],
            DecisionRule::QualifiedMajority { threshold, double } => {
                let mut q = vec![Quota {
                    tau: double.as_ref().map_or(*threshold, |d| d.weight),
                    weights,
                    strict: false,
                }];
                if let Some(d) = double {
                    q.push(Quota {
                        tau: d.members,
                        weights: ones,
                        strict: false,
                    });
                }
                q
            }
        }
    }
}

struct Quota {
    tau: f64,
    weights: Vec<f64>,
    strict: bool,
}

impl Quota {
    fn reached(&self, sum: f64, total: f64) -> bool {
        let need = self.tau * total;
        let eps = 1e-12 * total;
        if self.strict {
            sum > need + eps
        } else {
            sum >= need - eps
        }
    }

    /// Pivots `(m_L, m_R)` of D20 on `positions`; `None` when no coalition reaches the quota.
    fn pivots(&self, positions: &[f64]) -> Option<(f64, f64)> {
        let total: f64 = self.weights.iter().sum();
        if total <= 0.0 {
            return None;
        }
        let mut order: Vec<usize> = (0..positions.len()).collect();
        order.sort_by(|&a, &b| positions[a].total_cmp(&positions[b]));
        let mut sum = 0.0;
        let mut m_l = None;
        for &i in &order {
            sum += self.weights[i];
            if self.reached(sum, total) {
                m_l = Some(positions[i]);
                break;
            }
        }
        sum = 0.0;
        let mut m_r = None;
        for &i in order.iter().rev() {
            sum += self.weights[i];
            if self.reached(sum, total) {
                m_r = Some(positions[i]);
                break;
            }
        }
        Some((m_l?, m_r?))
    }
}

/// The admissible set `A(q) = [lo, hi]` of D21 on dimension `d` (closed; `lo = hi = q` when the
/// win-set is empty). `None` when no coalition can reach the quota at all (then only q).
pub fn admissible(rule: &DecisionRule, issue: &ResolvedIssue, d: usize, q: f64) -> (f64, f64) {
    let positions: Vec<f64> = issue.stances.iter().map(|s| s.position[d]).collect();
    let mut m_l = f64::NEG_INFINITY;
    let mut m_r = f64::INFINITY;
    for quota in rule.quotas(issue) {
        match quota.pivots(&positions) {
            Some((l, r)) => {
                m_l = m_l.max(l);
                m_r = m_r.min(r);
            }
            None => return (q, q),
        }
    }
    (q.min(2.0 * m_l - q), q.max(2.0 * m_r - q))
}

/// Apply the issue's rule to a model's prediction (§8.1): `outcome` becomes the projection of
/// `unconstrained` onto `A(q)`, with warnings `RuleEmptiedWinSet` (gridlock),
/// `RuleConstrained` (moved), `NoStatusQuo` (rule skipped), `SeparableRule` (m > 1).
pub fn constrain(issue: &ResolvedIssue, decision: &mut Decision) {
    decision.outcome = decision.unconstrained.clone();
    let Some(rule) = &issue.rule else {
        return;
    };
    let Some(q) = &issue.status_quo else {
        decision.diagnostics.warnings.push(Warning::issue(
            WarningCode::NoStatusQuo,
            &issue.id,
            "the issue has a decision rule but no status quo, so the rule was not applied",
        ));
        return;
    };
    let warnings = &mut decision.diagnostics.warnings;
    if issue.m() > 1 {
        warnings.push(Warning::issue(
            WarningCode::SeparableRule,
            &issue.id,
            "the rule was applied to each dimension separately",
        ));
    }
    let dims = issue.m().min(decision.outcome.len());
    for (d, &qd) in q.iter().enumerate().take(dims) {
        let (lo, hi) = admissible(rule, issue, d, qd);
        let z = decision.unconstrained[d];
        if lo == hi {
            warnings.push(Warning::issue(
                WarningCode::RuleEmptiedWinSet,
                &issue.id,
                format!(
                    "dimension '{}': no point beats the status quo {} under the rule; the \
                     status quo stands",
                    issue.dimensions[d], qd
                ),
            ));
        }
        let projected = z.clamp(lo, hi);
        if projected != z && lo != hi {
            warnings.push(Warning::issue(
                WarningCode::RuleConstrained,
                &issue.id,
                format!(
                    "dimension '{}': prediction {z} lies outside the admissible set [{lo}, {hi}] \
                     and was moved to {projected}",
                    issue.dimensions[d]
                ),
            ));
        }
        decision.outcome[d] = projected;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::issue::{Scale, Stance};

    fn issue(xs: &[f64], q: f64) -> ResolvedIssue {
        let mut i = ResolvedIssue::one_dimensional(
            "i",
            Scale::new(0.0, 100.0),
            xs.iter()
                .enumerate()
                .map(|(k, &x)| Stance::new(format!("a{k}"), 1.0, x, 1.0))
                .collect(),
        );
        i.status_quo = Some(vec![q]);
        i
    }

    /// Unanimity's A(q) from D20–D21 equals the intersection of the members' closed
    /// preferred-to-q intervals (§8.2).
    #[test]
    fn unanimity_agrees_with_interval_intersection() {
        let cases: &[(&[f64], f64)] = &[
            (&[60.0, 70.0, 90.0], 40.0),
            (&[10.0, 20.0, 35.0], 40.0),
            (&[10.0, 50.0, 90.0], 40.0),
            (&[40.0, 60.0], 40.0),
            (&[55.5, 55.5, 99.0], 12.25),
        ];
        for &(xs, q) in cases {
            let i = issue(xs, q);
            let (lo, hi) = admissible(&DecisionRule::Unanimity, &i, 0, q);
            let lo2 = xs
                .iter()
                .map(|x| x - (q - x).abs())
                .fold(f64::MIN, f64::max);
            let hi2 = xs
                .iter()
                .map(|x| x + (q - x).abs())
                .fold(f64::MAX, f64::min);
            assert!(
                (lo - lo2).abs() < 1e-12 && (hi - hi2).abs() < 1e-12,
                "{xs:?} {q}"
            );
        }
    }

    #[test]
    fn majority_uses_the_median_pivot() {
        let i = issue(&[10.0, 60.0, 80.0], 40.0);
        let (lo, hi) = admissible(&DecisionRule::Majority, &i, 0, 40.0);
        assert_eq!((lo, hi), (40.0, 80.0));
    }

    #[test]
    fn gridlock_returns_status_quo_with_warning() {
        let mut i = issue(&[10.0, 50.0, 90.0], 40.0);
        i.rule = Some(DecisionRule::Unanimity);
        let mut d = crate::decide::model::run(
            &crate::decide::compromise::Compromise,
            &i,
            &mut crate::rng::run_stream(1, 0),
        )
        .expect("runs");
        assert_eq!(d.outcome, vec![40.0]);
        assert_eq!(d.unconstrained, vec![50.0]);
        assert!(
            d.diagnostics
                .warnings
                .iter()
                .any(|w| w.code == WarningCode::RuleEmptiedWinSet)
        );
        i.rule = Some(DecisionRule::Majority);
        d.diagnostics.warnings.clear();
        constrain(&i, &mut d);
        assert_eq!(d.outcome, vec![50.0]);
    }

    #[test]
    fn double_majority_takes_the_tighter_pivot() {
        let mut i = issue(&[10.0, 20.0, 70.0, 80.0, 90.0], 50.0);
        for (k, w) in [1.0, 1.0, 1.0, 1.0, 10.0].iter().enumerate() {
            i.stances[k].vote_weight = *w;
        }
        let weight_only = DecisionRule::QualifiedMajority {
            threshold: 0.65,
            double: None,
        };
        let double = DecisionRule::QualifiedMajority {
            threshold: 0.65,
            double: Some(DoubleMajority {
                members: 0.55,
                weight: 0.65,
            }),
        };
        // Weight alone: actor 4 holds 10/14 ≥ 0.65, so m_R = 90.
        assert_eq!(admissible(&weight_only, &i, 0, 50.0).1, 130.0);
        // Members: 3 of 5 needed on the right, so m_R = 70.
        assert_eq!(admissible(&double, &i, 0, 50.0).1, 90.0);
    }
}
