//! Decision rules as constraints on a prediction.
//!
//! A rule does not predict; it restricts. With status quo `q`, the admissible set is
//! `A(q) = W(q) ∪ {q}`, where the win-set `W(q)` holds the points that the body would adopt
//! over `q` under its rule. Every member of the body counts, whether or not it holds a stance.
//!
//! **Acceptance.** Member i with position `x`, salience `s`, veto cost `c` on a scale of width
//! `Δ` does not oppose a proposal `z` when its loss is at most its cost:
//!
//! ```text
//! (R1)  s·(|x − z| − |x − q|)/Δ ≤ c   ⇔   z ∈ [a_i, b_i] = [x − r_i, x + r_i],
//!       r_i = |x − q| + c·Δ/s          (r_i = ∞ when s = 0)
//! ```
//!
//! With `c = 0` this is the sincere vote: i accepts `z > q` iff `x ≥ (q + z)/2` (indifference
//! counts as acceptance). Every `[a_i, b_i]` contains `q`, so for `z > q` member i accepts iff
//! `z ≤ b_i`, and for `z < q` iff `z ≥ a_i`.
//!
//! **Quotas.** A quota asks that the members for `z` hold at least a share `τ` of the total
//! voting weight `V` (all members, silent ones included). With the `b_i` of the members that
//! vote, sorted from the top, `W` reaches up to the first `b_j` at which the running weight
//! reaches `τV`:
//!
//! ```text
//! (R2)  hi = max{ z ≥ q : Σ_{b_i ≥ z} v_i ≥ τV },   lo = min{ z ≤ q : Σ_{a_i ≤ z} v_i ≥ τV }
//! ```
//!
//! (for `c = 0`, `hi = 2·m_R − q` with `m_R` the right pivot, the classic win-set of a
//! weighted vote). Several quotas (a double majority) must all hold: the tightest bound wins.
//! Under the reverse rule the proposal stands unless the members *against* reach every quota:
//!
//! ```text
//! (R3)  hi = sup{ z ≥ q : Σ_{b_i < z} v_i < τV }   (the loosest bound over the quotas wins)
//! ```
//!
//! The final outcome of a model is its prediction projected onto `A(q)` (per dimension when
//! m > 1). With a proposer (agenda setter), the body adopts the proposer's best point in `A(q)`:
//! its own position projected onto `A(q)` (Romer and Rosenthal's setter model).

use serde::{Deserialize, Serialize};

use super::decision::{Decision, Warning, WarningCode};
use super::issue::{ResolvedIssue, Stance};

/// A deciding body's rule. What a member without a stance (silent) or with `abstain` means
/// depends on the rule and is stated on each variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DecisionRule {
    /// Every member that votes must accept; one vote per member. Abstention does not prevent
    /// adoption (as in the EU Council, TFEU Art. 238(4)); silent members are taken as absent.
    Unanimity,
    /// Unanimity with constructive abstention (EU common foreign and security policy, TEU
    /// Art. 31(1)): abstainers do not block, unless they hold at least `members` of the
    /// members and `weight` of the vote weight (one third each in the treaty), when nothing
    /// passes. Silent members acquiesce.
    UnanimityWithAbstention {
        /// Share of members whose abstention stops the decision.
        members: f64,
        /// Share of the vote weight (population) whose abstention stops the decision.
        weight: f64,
    },
    /// No vote; any member can block by objecting, silence is acquiescence (the North Atlantic
    /// Council's practice). Silent and abstaining members never block.
    Consensus,
    /// Strictly more than half of all members' vote weights must be for; silent and abstaining
    /// members are not for (a majority of component members, TFEU Art. 238(1)).
    Majority,
    /// At least `threshold` of all members' vote weights must be for, optionally together with a
    /// share of the members (the EU Council's double majority of 55 % of members and 65 % of the
    /// population, TEU Art. 16(4), TFEU Art. 238(3)). Silent and abstaining members are not for.
    QualifiedMajority {
        /// Quota τ on the vote weights.
        threshold: f64,
        /// Second quota on the number of members, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        double: Option<DoubleMajority>,
    },
    /// The proposal stands unless a qualified majority of all members votes against it (the
    /// comitology examination procedure, Regulation (EU) No 182/2011 Art. 5, under which the
    /// Commission adopts trade-defence measures). Silent and abstaining members are not against.
    ReverseQualifiedMajority {
        /// Quota τ on the vote weights that the members against must reach.
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

/// Why a decision rule's numbers are invalid.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RuleError {
    /// A qualified-majority threshold is not in (0, 1].
    Threshold(f64),
    /// A double majority's or an abstention's quotas are not both in (0, 1].
    Quotas {
        /// Share of the members.
        members: f64,
        /// Share of the vote weight.
        weight: f64,
    },
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RuleError::Threshold(t) => write!(f, "rule threshold {t} must be in (0, 1]"),
            RuleError::Quotas { members, weight } => write!(
                f,
                "the rule's quotas {members} (members) and {weight} (weight) must be in (0, 1]"
            ),
        }
    }
}

impl std::error::Error for RuleError {}

/// The treaty's one third for constructive abstention (TEU Art. 31(1)).
pub const CONSTRUCTIVE_ABSTENTION: f64 = 1.0 / 3.0;

impl DecisionRule {
    /// Check the rule's numbers; an error when a quota is not in (0, 1].
    pub fn check(&self) -> Result<(), RuleError> {
        let ok = |t: f64| t.is_finite() && t > 0.0 && t <= 1.0;
        let quotas = match self {
            DecisionRule::QualifiedMajority { threshold, double }
            | DecisionRule::ReverseQualifiedMajority { threshold, double } => {
                if !ok(*threshold) {
                    return Err(RuleError::Threshold(*threshold));
                }
                double.as_ref().map(|d| (d.members, d.weight))
            }
            DecisionRule::UnanimityWithAbstention { members, weight } => Some((*members, *weight)),
            _ => None,
        };
        match quotas {
            Some((m, w)) if !(ok(m) && ok(w)) => Err(RuleError::Quotas {
                members: m,
                weight: w,
            }),
            _ => Ok(()),
        }
    }

    /// The scenario keyword of the rule.
    pub fn keyword(&self) -> &'static str {
        match self {
            DecisionRule::Unanimity => "unanimity",
            DecisionRule::UnanimityWithAbstention { .. } => "unanimity-with-abstention",
            DecisionRule::Consensus => "consensus",
            DecisionRule::Majority => "simple-majority",
            DecisionRule::QualifiedMajority { .. } => "qualified-majority",
            DecisionRule::ReverseQualifiedMajority { .. } => "reverse-qualified-majority",
        }
    }

    /// The quotas the rule imposes as `(τ, per-member weights, strict)`; more than one means
    /// all must hold (or, for the reverse rule, the members against must reach all to block).
    /// `None` for the unanimity rules, which have no quota.
    fn quotas(&self, electorate: &Electorate) -> Option<Vec<Quota>> {
        let weighted = |tau: f64, strict: bool| Quota {
            tau,
            weights: electorate.members.iter().map(|m| m.weight).collect(),
            strict,
        };
        let counted = |tau: f64| Quota {
            tau,
            weights: electorate.members.iter().map(|_| 1.0).collect(),
            strict: false,
        };
        match self {
            DecisionRule::Unanimity
            | DecisionRule::Consensus
            | DecisionRule::UnanimityWithAbstention { .. } => None,
            DecisionRule::Majority => Some(vec![weighted(0.5, true)]),
            DecisionRule::QualifiedMajority { threshold, double }
            | DecisionRule::ReverseQualifiedMajority { threshold, double } => {
                let mut q = vec![weighted(
                    double.as_ref().map_or(*threshold, |d| d.weight),
                    false,
                )];
                if let Some(d) = double {
                    q.push(counted(d.members));
                }
                Some(q)
            }
        }
    }
}

/// One voting member as the rule sees it on one dimension.
#[derive(Debug, Clone, PartialEq)]
struct Voter {
    actor: String,
    weight: f64,
    /// The acceptance interval `[a, b]` of R1; `None` for a member that does not vote (silent
    /// or abstaining).
    accepts: Option<(f64, f64)>,
    /// An explicit abstention (silent members are not abstainers).
    abstains: bool,
}

/// R1: the interval `[a_i, b_i]` of proposals that `stance` does not oppose on dimension `d`,
/// with status quo `q` on a scale of width `width` (unbounded for a member of salience 0).
pub fn acceptance(stance: &Stance, d: usize, q: f64, width: f64) -> (f64, f64) {
    let x = stance.position[d];
    let sal = stance.salience.get(d).copied().unwrap_or(0.0);
    let reach = if sal > 0.0 {
        (x - q).abs() + stance.veto_cost * width / sal
    } else {
        f64::INFINITY
    };
    (x - reach, x + reach)
}

/// Every member of the body with a vote on one dimension.
struct Electorate {
    members: Vec<Voter>,
}

impl Electorate {
    /// The members of `issue`'s body on dimension `d` with status quo `q`: stances with a vote
    /// weight (or, for unanimity and consensus, every stance of a member) and silent members.
    fn of(issue: &ResolvedIssue, d: usize, q: f64) -> Electorate {
        let width = issue.scale.range();
        let mut members: Vec<Voter> = issue
            .stances
            .iter()
            .filter(|s| s.vote_weight > 0.0)
            .map(|s| Voter {
                actor: s.actor.clone(),
                weight: s.vote_weight,
                accepts: (!s.abstain).then(|| acceptance(s, d, q, width)),
                abstains: s.abstain,
            })
            .collect();
        members.extend(
            issue
                .silent
                .iter()
                .filter(|m| m.vote_weight > 0.0)
                .map(|m| Voter {
                    actor: m.actor.clone(),
                    weight: m.vote_weight,
                    accepts: None,
                    abstains: false,
                }),
        );
        Electorate { members }
    }

    /// Share of members and of vote weight that abstain explicitly (not the silent ones).
    fn abstaining(&self) -> (f64, f64) {
        let share = |w: &dyn Fn(&Voter) -> f64| {
            let total: f64 = self.members.iter().map(w).sum();
            let part: f64 = self.members.iter().filter(|m| m.abstains).map(w).sum();
            if total > 0.0 { part / total } else { 0.0 }
        };
        (share(&|_| 1.0), share(&|m| m.weight))
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

    /// R2: how far the members for can carry a proposal to one side of `q`. `bounds[i]` is
    /// member i's acceptance bound on that side (`b_i` upwards, `a_i` downwards; `None` for a
    /// member that does not vote) and `up` the direction. `None` when no coalition reaches the
    /// quota, so nothing on that side beats `q`.
    fn for_bound(&self, bounds: &[Option<f64>], up: bool) -> Option<f64> {
        let total: f64 = self.weights.iter().sum();
        if total <= 0.0 {
            return None;
        }
        let mut order: Vec<usize> = (0..bounds.len()).filter(|&i| bounds[i].is_some()).collect();
        // Most accommodating first: largest b upwards, smallest a downwards.
        crate::order::sort_by(&mut order, |&i, &j| {
            let (x, y) = (bounds[i].unwrap_or(0.0), bounds[j].unwrap_or(0.0));
            if up { y.total_cmp(&x) } else { x.total_cmp(&y) }
        });
        let mut sum = 0.0;
        for i in order {
            sum += self.weights[i];
            if self.reached(sum, total) {
                return bounds[i];
            }
        }
        None
    }

    /// R3: how far a proposal can go before the members against reach the quota; infinite when
    /// they never can.
    fn against_bound(&self, bounds: &[Option<f64>], up: bool) -> f64 {
        let total: f64 = self.weights.iter().sum();
        let far = if up { f64::INFINITY } else { f64::NEG_INFINITY };
        if total <= 0.0 {
            return far;
        }
        let mut order: Vec<usize> = (0..bounds.len()).filter(|&i| bounds[i].is_some()).collect();
        // Least accommodating first: the first to turn against as z moves away from q.
        crate::order::sort_by(&mut order, |&i, &j| {
            let (x, y) = (bounds[i].unwrap_or(0.0), bounds[j].unwrap_or(0.0));
            if up { x.total_cmp(&y) } else { y.total_cmp(&x) }
        });
        let mut sum = 0.0;
        for i in order {
            sum += self.weights[i];
            if self.reached(sum, total) {
                return bounds[i].unwrap_or(far);
            }
        }
        far
    }
}

/// The admissible set `A(q) = [lo, hi]` on dimension `d` (closed; `lo = hi = q` when nothing
/// beats the status quo), cut at the ends of the issue's scale.
pub fn admissible(rule: &DecisionRule, issue: &ResolvedIssue, d: usize, q: f64) -> (f64, f64) {
    let e = Electorate::of(issue, d, q);
    let uppers: Vec<Option<f64>> = e.members.iter().map(|m| m.accepts.map(|a| a.1)).collect();
    let lowers: Vec<Option<f64>> = e.members.iter().map(|m| m.accepts.map(|a| a.0)).collect();
    let (lo, hi) = match (rule, rule.quotas(&e)) {
        (DecisionRule::ReverseQualifiedMajority { .. }, Some(quotas)) => {
            // Blocked only when the members against reach every quota: the loosest bound.
            let hi = quotas
                .iter()
                .map(|k| k.against_bound(&uppers, true))
                .fold(f64::NEG_INFINITY, f64::max);
            let lo = quotas
                .iter()
                .map(|k| k.against_bound(&lowers, false))
                .fold(f64::INFINITY, f64::min);
            (lo, hi)
        }
        (_, Some(quotas)) => {
            let mut hi = f64::INFINITY;
            let mut lo = f64::NEG_INFINITY;
            for k in &quotas {
                hi = hi.min(k.for_bound(&uppers, true).unwrap_or(q));
                lo = lo.max(k.for_bound(&lowers, false).unwrap_or(q));
            }
            (lo, hi)
        }
        (rule, None) => {
            if let DecisionRule::UnanimityWithAbstention { members, weight } = rule {
                let (count, share) = e.abstaining();
                if count >= *members - 1e-12 && share >= *weight - 1e-12 {
                    return (q, q);
                }
            }
            // Every member that votes must accept: the intersection of the intervals.
            let hi = uppers
                .iter()
                .flatten()
                .copied()
                .fold(f64::INFINITY, f64::min);
            let lo = lowers
                .iter()
                .flatten()
                .copied()
                .fold(f64::NEG_INFINITY, f64::max);
            (lo, hi)
        }
    };
    // Points off the scale are no proposals: cut the set at the scale's ends.
    let cut = |z: f64| z.clamp(issue.scale.lo.min(q), issue.scale.hi.max(q));
    (q.min(cut(lo)), q.max(cut(hi)))
}

/// The members whose acceptance bound is binding at `z` on dimension `d`: those for whom a
/// proposal just past `z` (away from `q`) would turn from acceptance to opposition.
pub fn pivotal(issue: &ResolvedIssue, d: usize, q: f64, z: f64) -> Vec<String> {
    if z == q {
        return Vec::new();
    }
    let eps = 1e-9 * issue.scale.range().abs().max(1.0);
    Electorate::of(issue, d, q)
        .members
        .into_iter()
        .filter(|m| {
            m.accepts
                .is_some_and(|(a, b)| (if z > q { b } else { a } - z).abs() <= eps)
        })
        .map(|m| m.actor)
        .collect()
}

/// Apply the issue's rule to a model's prediction: `outcome` becomes the projection of
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

    #[test]
    fn rule_errors_read_as_before() {
        let q = DecisionRule::QualifiedMajority {
            threshold: 1.5,
            double: None,
        };
        assert_eq!(q.check(), Err(RuleError::Threshold(1.5)));
        assert_eq!(
            q.check().unwrap_err().to_string(),
            "rule threshold 1.5 must be in (0, 1]"
        );
        let a = DecisionRule::UnanimityWithAbstention {
            members: 0.0,
            weight: 0.5,
        };
        assert_eq!(
            a.check().unwrap_err().to_string(),
            "the rule's quotas 0 (members) and 0.5 (weight) must be in (0, 1]"
        );
        assert_eq!(DecisionRule::Majority.check(), Ok(()));
    }
    use crate::decide::issue::{Scale, SilentMember, Stance};

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

    fn silent(i: &mut ResolvedIssue, n: usize) {
        for k in 0..n {
            i.silent.push(SilentMember {
                actor: format!("s{k}"),
                vote_weight: 1.0,
            });
        }
    }

    /// Unanimity's A(q) equals the intersection of the members' closed preferred-to-q intervals.
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
    fn silent_members_are_not_for_under_a_majority() {
        // Two of three stance-holders are for moving right, but with two silent members they
        // are 2 of 5: not a majority of the members.
        let mut i = issue(&[10.0, 60.0, 80.0], 40.0);
        silent(&mut i, 2);
        assert_eq!(
            admissible(&DecisionRule::Majority, &i, 0, 40.0),
            (40.0, 40.0)
        );
        // Under consensus silence is acquiescence: only the stance-holders can block.
        let (_, hi) = admissible(&DecisionRule::Consensus, &i, 0, 40.0);
        assert_eq!(hi, 40.0, "the member at 10 blocks any move right");
        let i2 = issue(&[60.0, 80.0], 40.0);
        let mut i3 = i2.clone();
        silent(&mut i3, 5);
        assert_eq!(
            admissible(&DecisionRule::Consensus, &i2, 0, 40.0),
            admissible(&DecisionRule::Consensus, &i3, 0, 40.0)
        );
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
        // Weight alone: actor 4 holds 10/14 ≥ 0.65, so m_R = 90 and 2·90 − 50 = 130, cut at the
        // scale's end.
        assert_eq!(admissible(&weight_only, &i, 0, 50.0).1, 100.0);
        // Members: 3 of 5 needed on the right, so m_R = 70.
        assert_eq!(admissible(&double, &i, 0, 50.0).1, 90.0);
    }

    #[test]
    fn reverse_rule_lets_a_proposal_stand_without_a_blocking_majority() {
        // Ten members: three for moving to 100, two against, five abstain.
        let mut xs = vec![100.0; 3];
        xs.extend([0.0; 2]);
        xs.extend([50.0; 5]);
        let mut i = issue(&xs, 0.0);
        for s in &mut i.stances[5..] {
            s.abstain = true;
        }
        let positive = DecisionRule::QualifiedMajority {
            threshold: 0.55,
            double: None,
        };
        let reverse = DecisionRule::ReverseQualifiedMajority {
            threshold: 0.55,
            double: None,
        };
        assert_eq!(admissible(&positive, &i, 0, 0.0), (0.0, 0.0));
        assert_eq!(admissible(&reverse, &i, 0, 0.0), (0.0, 100.0));
        // Six against is a qualified majority: only moves they accept survive.
        for s in &mut i.stances[5..9] {
            s.abstain = false;
            s.position = vec![0.0];
        }
        assert_eq!(admissible(&reverse, &i, 0, 0.0), (0.0, 0.0));
    }

    #[test]
    fn constructive_abstention_stops_a_decision_at_one_third() {
        let mut i = issue(&[80.0, 80.0, 80.0, 80.0, 80.0, 80.0], 0.0);
        let rule = DecisionRule::UnanimityWithAbstention {
            members: CONSTRUCTIVE_ABSTENTION,
            weight: CONSTRUCTIVE_ABSTENTION,
        };
        i.stances[0].abstain = true;
        assert_eq!(admissible(&rule, &i, 0, 0.0), (0.0, 100.0));
        i.stances[1].abstain = true;
        assert_eq!(admissible(&rule, &i, 0, 0.0), (0.0, 0.0));
    }

    #[test]
    fn a_veto_cost_widens_what_a_member_swallows() {
        // q = 55, members at 25 (salience 0.7) and 85: sincere consensus is gridlock.
        let mut i = issue(&[25.0, 85.0], 55.0);
        i.stances[0].salience = vec![0.7];
        assert_eq!(
            admissible(&DecisionRule::Consensus, &i, 0, 55.0),
            (55.0, 55.0)
        );
        // Blocking costs the member at 25 0.07: it swallows moves up to 0.07·100/0.7 = 10 points.
        i.stances[0].veto_cost = 0.07;
        let (lo, hi) = admissible(&DecisionRule::Consensus, &i, 0, 55.0);
        assert_eq!(lo, 55.0);
        assert!((hi - 65.0).abs() < 1e-9, "{hi}");
        assert_eq!(pivotal(&i, 0, 55.0, hi), vec!["a0".to_string()]);
    }
}
