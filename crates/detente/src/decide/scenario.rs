//! From a resolved scenario to the issues the decision models read (decide.md §1.1).
//!
//! Each `[[issue]]` with at least one stance becomes a one-dimensional [`ResolvedIssue`]:
//! uncertain numbers at their point values (mode or midpoint; the experiment layer draws them
//! first), capability from the stance, else the actor (explicit value or world measure), the
//! deciding body's rule, and vote weights: members of the body vote (weight by the body's
//! `weights`), other actors with stances bargain but have vote weight 0.

use super::issue::{ResolvedIssue, Scale, Stance};
use super::registry::{self, Model};
use super::rules::{DecisionRule, DoubleMajority, admissible};
use super::{Decision, compromise, run, run_multi};
use crate::rng::run_stream;
use crate::scenario::{ActorKind, Resolved, RuleKind, VoteWeights};

/// Every issue of the scenario that has stances, in file order.
pub fn issues(r: &Resolved) -> Vec<ResolvedIssue> {
    r.scenario
        .issues
        .iter()
        .filter(|i| !i.stances.is_empty())
        .map(|i| issue(r, i))
        .collect()
}

fn issue(r: &Resolved, i: &crate::scenario::Issue) -> ResolvedIssue {
    let body = i.body.as_deref().and_then(|b| {
        r.scenario
            .actors
            .iter()
            .find(|a| a.id == b && a.kind == ActorKind::Body)
    });
    let members: Vec<&str> = match &i.body {
        Some(b) => r.leaf_members(b).iter().map(|a| a.id.as_str()).collect(),
        None => Vec::new(),
    };
    let stances = i
        .stances
        .iter()
        .map(|s| {
            let capability = r.stance_capability(s).map_or(0.0, |c| c.point());
            let vote_weight = match body {
                Some(b) if members.contains(&s.actor.as_str()) => {
                    vote_weight(r, b, &s.actor, capability)
                }
                Some(_) => 0.0,
                None => 1.0,
            };
            Stance {
                actor: s.actor.clone(),
                capability,
                position: vec![s.position.point()],
                salience: vec![s.salience.point()],
                vote_weight,
            }
        })
        .collect();
    ResolvedIssue {
        id: i.id.clone(),
        question: i.question.clone(),
        scale: Scale {
            lo: i.scale.min,
            hi: i.scale.max,
            lo_label: i.scale.min_label.clone(),
            hi_label: i.scale.max_label.clone(),
        },
        dimensions: vec![i.id.clone()],
        stances,
        status_quo: i.status_quo.map(|q| vec![q.point()]),
        rule: body.map(rule),
    }
}

/// The body's rule in the decide lens's terms (consensus when the scenario names none).
pub fn rule(body: &crate::scenario::Actor) -> DecisionRule {
    match body.rule.unwrap_or(RuleKind::Consensus) {
        RuleKind::Consensus => DecisionRule::Consensus,
        RuleKind::Unanimity => DecisionRule::Unanimity,
        RuleKind::Majority => DecisionRule::Majority,
        RuleKind::QualifiedMajority => DecisionRule::QualifiedMajority {
            threshold: body.threshold.unwrap_or(0.5),
            double: body.double.map(|d| DoubleMajority {
                members: d.members,
                weight: d.weight,
            }),
        },
    }
}

/// A member's vote weight under the body's `weights` (equal by default).
fn vote_weight(r: &Resolved, body: &crate::scenario::Actor, actor: &str, capability: f64) -> f64 {
    match &body.weights {
        None => 1.0,
        Some(VoteWeights::Named(w)) if w == "equal" => 1.0,
        Some(VoteWeights::Named(w)) if w == "capability" => capability,
        Some(VoteWeights::Named(_)) => population(r, actor).unwrap_or(0.0),
        Some(VoteWeights::Explicit(map)) => map.get(actor).copied().unwrap_or(0.0),
    }
}

/// Population in millions: declared on the actor, else from the world data.
pub fn population(r: &Resolved, actor: &str) -> Option<f64> {
    let declared = r
        .scenario
        .actors
        .iter()
        .find(|a| a.id == actor)
        .and_then(|a| a.population);
    declared
        .map(|p| p.point())
        .or_else(|| r.actor(actor)?.world.as_ref()?.population_2024_m)
}

/// One model's answer on one issue, or why it has none.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ModelAnswer {
    /// Registry name of the model.
    pub model: String,
    /// The decision, when the model could solve the issue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// Why the model could not (e.g. SMP needs three actors).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Every requested model's answer on one issue, with the rule's feasible set.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct IssueDecisions {
    /// The issue id.
    pub issue: String,
    /// Actor ids in stance order (the index of every trajectory position).
    pub actors: Vec<String>,
    /// The deciding body's rule, if any.
    pub rule: Option<DecisionRule>,
    /// The status quo, if any.
    pub status_quo: Option<f64>,
    /// The rule's admissible set `A(q)` (D21); `low == high == q` is a deadlock.
    pub feasible: Option<(f64, f64)>,
    /// The compromise baseline (D1).
    pub baseline: f64,
    /// One answer per model, in the order asked.
    pub answers: Vec<ModelAnswer>,
}

impl IssueDecisions {
    /// Whether the body is deadlocked: no point beats the status quo under its rule.
    pub fn deadlocked(&self) -> bool {
        self.feasible.is_some_and(|(lo, hi)| lo == hi)
    }

    /// The answer of `model`, if it produced a decision.
    pub fn decision(&self, model: &str) -> Option<&Decision> {
        self.answers
            .iter()
            .find(|a| a.model == model)?
            .decision
            .as_ref()
    }
}

/// Run `models` (registry names) on `issues`; the exchange model runs jointly on every issue.
/// Errors of one model on one issue are recorded, never fatal. `seed` feeds the stochastic
/// options through `run_stream(seed, 0)`, so the result is deterministic.
pub fn decide_all(issues: &[ResolvedIssue], models: &[&str], seed: u64) -> Vec<IssueDecisions> {
    let mut out: Vec<IssueDecisions> = issues
        .iter()
        .map(|i| {
            let feasible = match (&i.rule, i.status_quo_1d()) {
                (Some(rule), Some(q)) => Some(admissible(rule, i, 0, q)),
                _ => None,
            };
            IssueDecisions {
                issue: i.id.clone(),
                actors: i.stances.iter().map(|s| s.actor.clone()).collect(),
                rule: i.rule.clone(),
                status_quo: i.status_quo_1d(),
                feasible,
                baseline: compromise::outcome(i)
                    .0
                    .first()
                    .copied()
                    .unwrap_or(f64::NAN),
                answers: Vec::new(),
            }
        })
        .collect();
    for &name in models {
        let mut rng = run_stream(seed, 0);
        match registry::build(name, None) {
            Err(e) => out
                .iter_mut()
                .for_each(|d| d.answers.push(failed(name, e.to_string()))),
            Ok(Model::Single(m)) => {
                for (i, d) in issues.iter().zip(out.iter_mut()) {
                    d.answers.push(answer(name, run(m.as_ref(), i, &mut rng)));
                }
            }
            Ok(Model::Multi(m)) => match run_multi(m.as_ref(), issues, &mut rng) {
                Ok(decisions) => {
                    for (dec, d) in decisions.into_iter().zip(out.iter_mut()) {
                        d.answers.push(answer(name, Ok(dec)));
                    }
                }
                Err(e) => out
                    .iter_mut()
                    .for_each(|d| d.answers.push(failed(name, e.to_string()))),
            },
        }
    }
    out
}

fn answer(model: &str, r: Result<Decision, super::DecideError>) -> ModelAnswer {
    match r {
        Ok(d) => ModelAnswer {
            model: model.into(),
            decision: Some(d),
            error: None,
        },
        Err(e) => failed(model, e.to_string()),
    }
}

fn failed(model: &str, error: String) -> ModelAnswer {
    ModelAnswer {
        model: model.into(),
        decision: None,
        error: Some(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{FLAGSHIP, load_str};

    #[test]
    fn flagship_issues_carry_rules_capabilities_and_votes() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let issues = issues(&r);
        let posture = issues.iter().find(|i| i.id == "china-posture").unwrap();
        assert_eq!(posture.rule, Some(DecisionRule::Consensus));
        let usa = posture.stances.iter().find(|s| s.actor == "USA").unwrap();
        assert_eq!(usa.capability, 997_309.0);
        assert_eq!(usa.vote_weight, 1.0);
        assert!(posture.validate().is_ok());
        let eu = issues.iter().find(|i| i.id == "china-decoupling").unwrap();
        assert!(matches!(
            eu.rule,
            Some(DecisionRule::QualifiedMajority { .. })
        ));
        let deu = eu.stances.iter().find(|s| s.actor == "DEU").unwrap();
        assert!(
            deu.vote_weight > 80.0,
            "population-weighted: {}",
            deu.vote_weight
        );
    }

    #[test]
    fn every_model_answers_every_flagship_issue() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let all = decide_all(&issues(&r), registry::NAMES, 1);
        for d in &all {
            assert_eq!(d.answers.len(), registry::NAMES.len());
            for a in &d.answers {
                if let Some(dec) = &a.decision {
                    assert!(dec.outcome[0].is_finite(), "{} {}", d.issue, a.model);
                }
            }
            assert!(
                d.answers.iter().any(|a| a.decision.is_some()),
                "{}: {:?}",
                d.issue,
                d.answers
            );
        }
        // France's veto: under consensus nothing beats the status quo on the Tokyo office.
        let tokyo = all.iter().find(|d| d.issue == "tokyo-office").unwrap();
        assert!(tokyo.deadlocked());
        assert_eq!(tokyo.decision("compromise").unwrap().outcome, vec![0.0]);
        assert!(tokyo.decision("compromise").unwrap().unconstrained[0] > 10.0);
    }
}
