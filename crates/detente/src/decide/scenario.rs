//! From a resolved scenario to the issues the decision models read (decide.md §1.1).
//!
//! Each `[[issue]]` with at least one stance becomes a one-dimensional [`ResolvedIssue`]:
//! uncertain numbers at their point values (mode or midpoint; the experiment layer draws them
//! first), capability from the stance, else the actor (explicit value or world measure), the
//! deciding body's rule, and vote weights: members of the body vote (weight by the body's
//! `weights`), other actors with stances bargain but have vote weight 0.

use super::issue::{ResolvedIssue, Scale, Stance};
use super::rules::{DecisionRule, DoubleMajority};
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
}
