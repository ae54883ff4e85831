//! The input every decision model reads: one issue with numbers only.
//!
//! A [`ResolvedIssue`] is what remains of a scenario `[[issue]]` (or an imported file) once
//! every reference is resolved and every uncertain number has been drawn or set to its
//! mode/midpoint. Models never see world data, bodies or uncertainty, only this value.

use serde::{Deserialize, Serialize};

use super::decision::{Warning, WarningCode};
use super::model::DecideError;
use super::rules::DecisionRule;

/// The scale on which positions are measured: `[lo, hi]` with `lo < hi`, plus optional labels
/// of the two ends (e.g. "constructive engagement" / "containment").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scale {
    /// Lower end of the scale (issue units).
    pub lo: f64,
    /// Upper end of the scale (issue units).
    pub hi: f64,
    /// What a position at `lo` means, if the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lo_label: Option<String>,
    /// What a position at `hi` means, if the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hi_label: Option<String>,
}

impl Scale {
    /// A scale `[lo, hi]` without labels.
    pub fn new(lo: f64, hi: f64) -> Self {
        Scale {
            lo,
            hi,
            lo_label: None,
            hi_label: None,
        }
    }

    /// The range `Δ = hi − lo` (issue units).
    pub fn range(&self) -> f64 {
        self.hi - self.lo
    }

    /// Whether `x` lies on the closed scale, with a relative slack of 1e-12·Δ for values that
    /// went through a unit conversion.
    pub fn contains(&self, x: f64) -> bool {
        let slack = 1e-12 * self.range().abs();
        x >= self.lo - slack && x <= self.hi + slack
    }
}

/// One actor's stance on an issue: capability, position and salience per dimension.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stance {
    /// The actor's id (unique within the issue).
    pub actor: String,
    /// Capability `c ≥ 0` (any unit; models are invariant to a common factor).
    pub capability: f64,
    /// Position per dimension, on the issue scale (`m` values).
    pub position: Vec<f64>,
    /// Salience per dimension in `[0, 1]` (`m` values).
    pub salience: Vec<f64>,
    /// Voting weight `v ≥ 0` for weighted decision rules; 1 by default, 0 for an actor that
    /// bargains but does not vote.
    #[serde(default = "one")]
    pub vote_weight: f64,
    /// The member abstains: it bargains but is neither for nor against in the vote.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub abstain: bool,
    /// What blocking costs this member, in salience-weighted utility on a 0–1 scale: it
    /// opposes a proposal only when its loss `s·(|x − z| − |x − q|)/Δ` exceeds this.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub veto_cost: f64,
}

fn one() -> f64 {
    1.0
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// A member of the deciding body that holds no stance on the issue. It counts in every quota's
/// total; what its silence means depends on the rule (see [`DecisionRule`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SilentMember {
    /// The member's id.
    pub actor: String,
    /// Its voting weight under the body's weights.
    pub vote_weight: f64,
}

impl Stance {
    /// A one-dimensional stance with vote weight 1.
    pub fn new(actor: impl Into<String>, capability: f64, position: f64, salience: f64) -> Self {
        Stance {
            actor: actor.into(),
            capability,
            position: vec![position],
            salience: vec![salience],
            vote_weight: 1.0,
            abstain: false,
            veto_cost: 0.0,
        }
    }

    /// Position on dimension 0 (the only one for scenario issues).
    pub fn x(&self) -> f64 {
        self.position.first().copied().unwrap_or(f64::NAN)
    }

    /// Salience on dimension 0.
    pub fn s(&self) -> f64 {
        self.salience.first().copied().unwrap_or(f64::NAN)
    }

    /// Compromise weight `w = c·s` on dimension `d` (D1).
    pub fn weight(&self, d: usize) -> f64 {
        self.capability * self.salience.get(d).copied().unwrap_or(0.0)
    }
}

/// One issue as every decision model receives it.
///
/// `status_quo` holds `m` values (one per dimension) so that multi-dimensional issues can
/// carry one too; scenario issues have `m = 1` and map `status_quo = 55` to `Some(vec![55.0])`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolvedIssue {
    /// The issue's id (from `[[issue]] id`).
    pub id: String,
    /// The question the issue asks, for reports.
    #[serde(default)]
    pub question: String,
    /// The scale of every dimension (`[lo, hi]` and labels).
    pub scale: Scale,
    /// Dimension names, `m ≥ 1`; a scenario issue has one dimension named after the issue.
    pub dimensions: Vec<String>,
    /// Stances of the actors that take part, in a fixed order (index = actor index in output).
    pub stances: Vec<Stance>,
    /// Status quo (reversion point) per dimension; required by Nash (D3) and by rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_quo: Option<Vec<f64>>,
    /// The deciding body's rule; `None` when the issue has no body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<DecisionRule>,
    /// Members of the deciding body without a stance (they count in the rule's quotas).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub silent: Vec<SilentMember>,
    /// The agenda setter: the id of an actor with a stance, whose position is its proposal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proposer: Option<String>,
    /// Whether a member's block on this issue may be bought with a concession on another issue
    /// (the body's `linkage = true`; see [`super::linkage`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub linkage: bool,
}

impl ResolvedIssue {
    /// A one-dimensional issue on `[lo, hi]` with no status quo and no rule.
    pub fn one_dimensional(id: impl Into<String>, scale: Scale, stances: Vec<Stance>) -> Self {
        let id = id.into();
        ResolvedIssue {
            question: String::new(),
            dimensions: vec![id.clone()],
            id,
            scale,
            stances,
            status_quo: None,
            rule: None,
            silent: Vec::new(),
            proposer: None,
            linkage: false,
        }
    }

    /// Number of dimensions `m`.
    pub fn m(&self) -> usize {
        self.dimensions.len()
    }

    /// Number of stances `N`.
    pub fn n(&self) -> usize {
        self.stances.len()
    }

    /// `Unsupported` unless the issue has one dimension (for the one-dimensional models; `what`
    /// names the model in the message, e.g. "the Nash model").
    pub fn require_one_dimension(&self, model: &str, what: &str) -> Result<(), DecideError> {
        if self.m() == 1 {
            return Ok(());
        }
        Err(DecideError::Unsupported {
            model: model.into(),
            reason: format!(
                "{what} is one-dimensional; issue '{}' has {} dimensions",
                self.id,
                self.m()
            ),
        })
    }

    /// The status quo on dimension 0, if any.
    pub fn status_quo_1d(&self) -> Option<f64> {
        self.status_quo.as_ref().and_then(|q| q.first().copied())
    }

    /// Check the issue once, before any model runs. Problems that make the numbers
    /// unusable are errors (all collected into [`DecideError::Invalid`]); degeneracies that a
    /// model can still handle come back as warnings.
    pub fn validate(&self) -> Result<Vec<Warning>, DecideError> {
        let mut problems = Vec::new();
        let m = self.m();
        if m == 0 {
            problems.push("the issue has no dimension".to_string());
        }
        if !(self.scale.lo.is_finite() && self.scale.hi.is_finite()) {
            problems.push(format!(
                "scale [{}, {}] is not finite",
                self.scale.lo, self.scale.hi
            ));
        } else if self.scale.lo >= self.scale.hi {
            problems.push(format!(
                "scale lower end {} is not below upper end {}",
                self.scale.lo, self.scale.hi
            ));
        }
        if self.stances.is_empty() {
            problems.push("the issue has no stance".to_string());
        }
        let mut seen = std::collections::BTreeSet::new();
        for st in &self.stances {
            self.check_stance(st, m, &mut problems);
            if !seen.insert(st.actor.as_str()) {
                problems.push(format!("actor '{}' has more than one stance", st.actor));
            }
        }
        if let Some(q) = &self.status_quo {
            if q.len() != m {
                problems.push(format!(
                    "status quo has {} values for {} dimensions",
                    q.len(),
                    m
                ));
            }
            for &v in q {
                if !v.is_finite() || !self.scale.contains(v) {
                    problems.push(format!(
                        "status quo {v} is outside the issue scale {}–{}",
                        self.scale.lo, self.scale.hi
                    ));
                }
            }
        }
        if let Some(rule) = &self.rule
            && let Err(e) = rule.check()
        {
            problems.push(e.to_string());
        }
        for m in &self.silent {
            if !m.vote_weight.is_finite() || m.vote_weight < 0.0 {
                problems.push(format!(
                    "vote weight {} of silent member '{}' must be finite and ≥ 0",
                    m.vote_weight, m.actor
                ));
            }
        }
        if let Some(p) = &self.proposer
            && !self.stances.iter().any(|s| &s.actor == p)
        {
            problems.push(format!("proposer '{p}' has no stance on the issue"));
        }
        if !problems.is_empty() {
            return Err(DecideError::Invalid {
                issue: self.id.clone(),
                problems,
            });
        }
        Ok(self.warnings())
    }

    /// Additional checks of the spatial model of politics: per-actor salience sum
    /// `≤ 1` and not all zero. Call after [`ResolvedIssue::validate`].
    pub fn validate_salience_budget(&self) -> Result<(), DecideError> {
        let mut problems = Vec::new();
        for st in &self.stances {
            let sum: f64 = st.salience.iter().sum();
            if sum > 1.0 + 1e-10 {
                problems.push(format!(
                    "saliences of actor '{}' sum to {sum}, more than 1",
                    st.actor
                ));
            }
            if sum <= 0.0 {
                problems.push(format!("saliences of actor '{}' are all zero", st.actor));
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(DecideError::Invalid {
                issue: self.id.clone(),
                problems,
            })
        }
    }

    fn check_stance(&self, st: &Stance, m: usize, problems: &mut Vec<String>) {
        let who = &st.actor;
        if !st.capability.is_finite() || st.capability < 0.0 {
            problems.push(format!(
                "capability {} of actor '{who}' must be finite and ≥ 0",
                st.capability
            ));
        }
        if !st.veto_cost.is_finite() || st.veto_cost < 0.0 {
            problems.push(format!(
                "veto cost {} of actor '{who}' must be finite and ≥ 0",
                st.veto_cost
            ));
        }
        if !st.vote_weight.is_finite() || st.vote_weight < 0.0 {
            problems.push(format!(
                "vote weight {} of actor '{who}' must be finite and ≥ 0",
                st.vote_weight
            ));
        }
        if st.position.len() != m || st.salience.len() != m {
            problems.push(format!(
                "actor '{who}' has {} positions and {} saliences for {m} dimensions",
                st.position.len(),
                st.salience.len()
            ));
        }
        for &x in &st.position {
            if !x.is_finite() || !self.scale.contains(x) {
                problems.push(format!(
                    "position {x} of actor '{who}' is outside the issue scale {}–{}",
                    self.scale.lo, self.scale.hi
                ));
            }
        }
        for &s in &st.salience {
            if !s.is_finite() || !(0.0..=1.0).contains(&s) {
                problems.push(format!(
                    "salience {s} of actor '{who}' must be between 0 and 1"
                ));
            }
        }
    }

    fn warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        if self.stances.len() < 3 {
            out.push(Warning::issue(
                WarningCode::FewStances,
                &self.id,
                format!(
                    "only {} stance(s): the spatial model needs 3 and the challenge model is \
                     degenerate below 3",
                    self.stances.len()
                ),
            ));
        }
        for d in 0..self.m() {
            let total: f64 = self.stances.iter().map(|st| st.weight(d)).sum();
            if let Some(top) = self
                .stances
                .iter()
                .max_by(|a, b| a.weight(d).total_cmp(&b.weight(d)))
                && total > 0.0
                && top.weight(d) > 0.5 * total
            {
                out.push(Warning::actor(
                    WarningCode::DominantActor,
                    &self.id,
                    &top.actor,
                    format!(
                        "actor '{}' holds {:.0} % of the capability × salience weight: one \
                         actor's move decides the forecast, so read it as that actor's choice",
                        top.actor,
                        100.0 * top.weight(d) / total
                    ),
                ));
            }
        }
        for st in &self.stances {
            if (0..self.m()).all(|d| st.weight(d) == 0.0) {
                out.push(Warning::actor(
                    WarningCode::NoInfluence,
                    &self.id,
                    &st.actor,
                    format!(
                        "actor '{}' has capability × salience 0 and cannot influence the outcome",
                        st.actor
                    ),
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn issue() -> ResolvedIssue {
        ResolvedIssue::one_dimensional(
            "i",
            Scale::new(0.0, 10.0),
            vec![
                Stance::new("a", 1.0, 2.0, 0.5),
                Stance::new("b", 2.0, 8.0, 1.0),
                Stance::new("c", 0.0, 5.0, 1.0),
            ],
        )
    }

    #[test]
    fn valid_issue_warns_about_powerless_actor() {
        let w = issue().validate().expect("valid");
        assert_eq!(w.len(), 2);
        // b holds 2 of 2.5 units of capability × salience.
        assert_eq!(w[0].code, WarningCode::DominantActor);
        assert_eq!(w[0].actor.as_deref(), Some("b"));
        assert_eq!(w[1].code, WarningCode::NoInfluence);
        assert_eq!(w[1].actor.as_deref(), Some("c"));
    }

    #[test]
    fn errors_are_collected() {
        let mut i = issue();
        i.stances[0].position[0] = 11.0;
        i.stances[1].salience[0] = 1.5;
        i.stances[2].capability = f64::NAN;
        match i.validate() {
            Err(DecideError::Invalid { problems, .. }) => assert_eq!(problems.len(), 3),
            other => panic!("expected errors, got {other:?}"),
        }
    }

    #[test]
    fn positions_are_not_clipped() {
        let mut i = issue();
        i.stances[0].position[0] = -0.5;
        assert!(i.validate().is_err());
    }

    #[test]
    fn salience_budget() {
        let mut i = issue();
        i.dimensions = vec!["p".into(), "q".into()];
        for st in &mut i.stances {
            st.position = vec![1.0, 1.0];
            st.salience = vec![0.6, 0.6];
        }
        assert!(i.validate().is_ok());
        assert!(i.validate_salience_budget().is_err());
    }
}
