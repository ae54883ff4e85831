//! From a resolved scenario to the issues the decision models read.
//!
//! Each `[[issue]]` with at least one stance becomes a one-dimensional [`ResolvedIssue`]:
//! uncertain numbers at their point values (mode or midpoint; the experiment layer draws them
//! first), capability from the stance, else the actor (explicit value or world measure), the
//! deciding body's rule, and vote weights: members of the body vote (weight by the body's
//! `weights`), other actors with stances bargain but have vote weight 0.

use super::issue::{ResolvedIssue, Scale, SilentMember, Stance};
use super::linkage::{Linkage, link};
use super::registry::{self, Model};
use super::rules::{CONSTRUCTIVE_ABSTENTION, DecisionRule, DoubleMajority, admissible};
use super::setter::{SetterOutcome, agenda};
use super::{Decision, compromise, run, run_multi};
use crate::rng::run_stream;
use crate::scenario::{ActorKind, Resolved, RuleKind, Vote, VoteWeights};

/// Every issue of the scenario that has stances, in file order.
pub fn issues(r: &Resolved) -> Vec<ResolvedIssue> {
    r.scenario
        .issues
        .iter()
        .filter(|i| !i.stances.is_empty())
        .map(|i| issue(r, i))
        .collect()
}

/// The issue `id` alone, exactly as [`issues`] resolves it (`None`: no such issue, or it has no
/// stances). Each issue is resolved from the scenario and its own `[[issue]]` only.
pub fn resolve_issue(r: &Resolved, id: &str) -> Option<ResolvedIssue> {
    r.scenario
        .issues
        .iter()
        .find(|i| i.id == id && !i.stances.is_empty())
        .map(|i| issue(r, i))
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
    let body_cost = body.and_then(|b| b.veto_cost).map_or(0.0, |c| c.point());
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
                abstain: s.vote == Some(Vote::Abstain),
                veto_cost: s.veto_cost.map_or(body_cost, |c| c.point()),
            }
        })
        .collect();
    let silent = match body {
        Some(b) => members
            .iter()
            .filter(|m| !i.stances.iter().any(|s| s.actor == **m))
            .map(|m| {
                let capability = r
                    .actor(m)
                    .and_then(|a| a.capability.as_ref())
                    .map_or(0.0, |q| q.value.point());
                SilentMember {
                    actor: (*m).to_string(),
                    vote_weight: vote_weight(r, b, m, capability),
                }
            })
            .collect(),
        None => Vec::new(),
    };
    let proposer = i
        .proposer
        .clone()
        .or_else(|| body.and_then(|b| b.proposer.clone()));
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
        silent,
        proposer,
        linkage: body.is_some_and(|b| b.linkage),
    }
}

/// The body's rule in the decide lens's terms (consensus when the scenario names none).
pub fn rule(body: &crate::scenario::Actor) -> DecisionRule {
    let quota = || {
        (
            body.threshold.unwrap_or(0.5),
            body.double.map(|d| DoubleMajority {
                members: d.members,
                weight: d.weight,
            }),
        )
    };
    match body.rule.unwrap_or(RuleKind::Consensus) {
        RuleKind::Consensus => DecisionRule::Consensus,
        RuleKind::Unanimity => DecisionRule::Unanimity,
        RuleKind::UnanimityWithAbstention => DecisionRule::UnanimityWithAbstention {
            members: CONSTRUCTIVE_ABSTENTION,
            weight: CONSTRUCTIVE_ABSTENTION,
        },
        RuleKind::Majority => DecisionRule::Majority,
        RuleKind::QualifiedMajority => {
            let (threshold, double) = quota();
            DecisionRule::QualifiedMajority { threshold, double }
        }
        RuleKind::ReverseQualifiedMajority => {
            let (threshold, double) = quota();
            DecisionRule::ReverseQualifiedMajority { threshold, double }
        }
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
    /// The question the issue asks.
    pub question: String,
    /// Actor ids in stance order (the index of every trajectory position).
    pub actors: Vec<String>,
    /// Whether a body decides the issue. Without one there is no collective outcome: the
    /// models' values are weighted centres, and each actor's own course is the prediction.
    pub collective: bool,
    /// The deciding body's rule, if any.
    pub rule: Option<DecisionRule>,
    /// The status quo, if any.
    pub status_quo: Option<f64>,
    /// The rule's admissible set `A(q)`; `low == high == q` is a deadlock.
    pub feasible: Option<(f64, f64)>,
    /// The compromise baseline: the capability × salience weighted mean of positions.
    pub baseline: f64,
    /// The agenda setter's proposal and what the body adopts, when the issue has a proposer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setter: Option<SetterOutcome>,
    /// The blocks bought with concessions on other issues, when the body allows linkage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linkage: Option<Linkage>,
    /// How far the models' predictions before the rule lie apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spread: Option<ModelSpread>,
    /// One answer per model, in the order asked.
    pub answers: Vec<ModelAnswer>,
}

/// The range of the models' predictions before the rule, the main uncertainty of a forecast
/// when the models disagree.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ModelSpread {
    /// Lowest prediction.
    pub low: f64,
    /// Highest prediction.
    pub high: f64,
    /// `(high − low)` as a share of the scale's width.
    pub share: f64,
    /// True when `share` exceeds [`DISAGREEMENT_SHARE`]: the models disagree.
    pub disagree: bool,
}

/// Models whose predictions span more than this share of the scale are reported as disagreeing.
pub const DISAGREEMENT_SHARE: f64 = 0.2;

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

/// What to run: models by registry name, a preset (used for the model it belongs to), an
/// optional issue filter, and the seed of the stochastic options.
#[derive(Debug, Clone, Default)]
pub struct DecideOptions<'a> {
    /// Registry names of the models, in output order.
    pub models: Vec<&'a str>,
    /// A named preset (e.g. `scholz2011` for bdm); it replaces its model's defaults.
    pub preset: Option<&'a str>,
    /// Only this issue (the exchange model still trades across every issue).
    pub only: Option<&'a str>,
    /// Seed: every model draws from `run_stream(seed, 0)`.
    pub seed: u64,
}

/// Run `models` (registry names) on `issues`; the exchange model runs jointly on every issue.
/// Errors of one model on one issue are recorded, never fatal. `seed` feeds the stochastic
/// options through `run_stream(seed, 0)`, so the result is deterministic.
pub fn decide_all(issues: &[ResolvedIssue], models: &[&str], seed: u64) -> Vec<IssueDecisions> {
    decide_with(
        issues,
        &DecideOptions {
            models: models.to_vec(),
            seed,
            ..DecideOptions::default()
        },
    )
}

/// The outcomes the issue's decision rule admits from its status quo, `(low, high)`: `None`
/// without a rule, a one-dimensional status quo or stances. Deadlock is `low == high`.
pub fn feasible_set(i: &ResolvedIssue) -> Option<(f64, f64)> {
    match (&i.rule, i.status_quo_1d()) {
        (Some(rule), Some(q)) if i.n() > 0 => Some(admissible(rule, i, 0, q)),
        _ => None,
    }
}

/// Run the models of `opts` on `issues` (see [`DecideOptions`]); the one entry point of the
/// decide lens for scenarios and imported files. Issues without stances get no answers.
pub fn decide_with(issues: &[ResolvedIssue], opts: &DecideOptions) -> Vec<IssueDecisions> {
    let mut out: Vec<IssueDecisions> = issues
        .iter()
        .map(|i| {
            let feasible = feasible_set(i);
            IssueDecisions {
                issue: i.id.clone(),
                question: i.question.clone(),
                actors: i.stances.iter().map(|s| s.actor.clone()).collect(),
                collective: i.rule.is_some(),
                rule: i.rule.clone(),
                status_quo: i.status_quo_1d(),
                feasible,
                baseline: compromise::outcome(i)
                    .0
                    .first()
                    .copied()
                    .unwrap_or(f64::NAN),
                setter: if i.n() > 0 { agenda(i) } else { None },
                linkage: None,
                spread: None,
                answers: Vec::new(),
            }
        })
        .collect();
    let usable: Vec<usize> = (0..issues.len()).filter(|&k| issues[k].n() > 0).collect();
    let wanted = |k: usize| opts.only.is_none_or(|id| issues[k].id == id);
    for &name in &opts.models {
        let mut rng = run_stream(opts.seed, 0);
        match build(name, opts.preset) {
            Err(e) => usable
                .iter()
                .for_each(|&k| out[k].answers.push(failed(name, e.to_string()))),
            Ok(Model::Single(m)) => {
                // Every issue runs, in order, so the filter never changes the draws.
                for &k in &usable {
                    let r = run(m.as_ref(), &issues[k], &mut rng);
                    out[k].answers.push(answer(name, r));
                }
            }
            Ok(Model::Multi(m)) => {
                let subset: Vec<ResolvedIssue> =
                    usable.iter().map(|&k| issues[k].clone()).collect();
                match run_multi(m.as_ref(), &subset, &mut rng) {
                    Ok(decisions) => {
                        for (&k, dec) in usable.iter().zip(decisions) {
                            out[k].answers.push(answer(name, Ok(dec)));
                        }
                    }
                    Err(e) => usable
                        .iter()
                        .for_each(|&k| out[k].answers.push(failed(name, e.to_string()))),
                }
            }
        }
    }
    for (k, (i, d)) in issues.iter().zip(out.iter_mut()).enumerate() {
        d.spread = spread(i, &d.answers);
        if wanted(k) && i.n() > 0 {
            d.linkage = link(issues, k);
        }
    }
    (0..out.len())
        .zip(out)
        .filter(|(k, _)| wanted(*k))
        .map(|(_, d)| d)
        .collect()
}

/// The model `name`, with `preset`'s parameters when the preset belongs to it.
fn build(name: &str, preset: Option<&str>) -> Result<Model, super::DecideError> {
    if let Some(p) = preset {
        let m = registry::preset(p)?;
        if m.id() == name {
            return Ok(m);
        }
    }
    registry::build(name, None)
}

/// The spread of the models' predictions before the rule, if two or more models answered.
fn spread(issue: &ResolvedIssue, answers: &[ModelAnswer]) -> Option<ModelSpread> {
    let values: Vec<f64> = answers
        .iter()
        .filter_map(|a| a.decision.as_ref()?.unconstrained.first().copied())
        .filter(|x| x.is_finite())
        .collect();
    if values.len() < 2 {
        return None;
    }
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let share = (high - low) / issue.scale.range();
    Some(ModelSpread {
        low,
        high,
        share,
        disagree: share > DISAGREEMENT_SHARE,
    })
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
        // France's veto: under consensus France (0, salience 0.8) blocks the Tokyo office beyond
        // what its cost of blocking (0.05 at the range's midpoint) makes it swallow: 6.25 points.
        let tokyo = all.iter().find(|d| d.issue == "tokyo-office").unwrap();
        let (lo, hi) = tokyo.feasible.unwrap();
        assert_eq!(lo, 0.0);
        assert!((hi - 6.25).abs() < 1e-9, "{hi}");
        assert_eq!(tokyo.decision("compromise").unwrap().outcome, vec![hi]);
        assert!(tokyo.decision("compromise").unwrap().unconstrained[0] > 10.0);
    }

    /// NATO allows linkage: at the modes Hungary's block on china-posture (its bound 62.14 at
    /// veto cost 0.05) is bought on tokyo-office for L = 0.7·(38.33 − 30)/100 − 0.05, i.e. a
    /// shift of 100·L/0.4 = 2.08 points of tokyo-office's expected outcome paid by the USA, and
    /// the setter gets France's bound 63.33.
    #[test]
    fn flagship_buys_hungarys_block_on_tokyo_office() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let all = decide_all(&issues(&r), &[], 1);
        let posture = all.iter().find(|d| d.issue == "china-posture").unwrap();
        let l = posture.linkage.as_ref().expect("NATO allows linkage");
        assert!((l.before - (55.0 + 0.05 * 100.0 / 0.7)).abs() < 1e-9);
        assert!((l.outcome - (55.0 + 0.05 * 100.0 / 0.6)).abs() < 1e-9);
        assert_eq!(l.deals.len(), 1);
        let d = &l.deals[0];
        assert_eq!(
            (d.blocker.as_str(), d.issue.as_str()),
            ("HUN", "tokyo-office")
        );
        let price = 0.7 * ((25.0 - l.outcome).abs() - 30.0) / 100.0 - 0.05;
        assert!((d.price - price).abs() < 1e-12);
        assert!((d.outcome_from - d.outcome_to - 100.0 * price / 0.4).abs() < 1e-9);
        assert_eq!(d.payers.len(), 1);
        assert_eq!(d.payers[0].actor, "USA");
        assert!((d.payers[0].to - 77.29).abs() < 0.005, "{}", d.payers[0].to);
        // The EU does not allow linkage.
        let eu = all.iter().find(|d| d.issue == "china-decoupling").unwrap();
        assert!(eu.linkage.is_none());
    }

    /// All 27 EU members count on `china-decoupling`: the 13 without a stance are not a yes
    /// under the positive qualified majority, exactly like members standing at the status quo,
    /// and counting only the 14 stance-holders would give a different (wrong) win-set.
    #[test]
    fn every_eu_member_counts_on_china_decoupling() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let all = issues(&r);
        let eu = all.iter().find(|i| i.id == "china-decoupling").unwrap();
        let voting = eu.stances.iter().filter(|s| s.vote_weight > 0.0).count();
        assert_eq!((voting, eu.silent.len()), (14, 13));
        let rule = eu.rule.as_ref().unwrap();
        let q = eu.status_quo_1d().unwrap();
        let counted = admissible(rule, eu, 0, q);
        assert_eq!(
            counted,
            (q, q),
            "13 silent members block a qualified majority"
        );
        let mut at_status_quo = eu.clone();
        for m in std::mem::take(&mut at_status_quo.silent) {
            at_status_quo.stances.push(Stance {
                vote_weight: m.vote_weight,
                ..Stance::new(m.actor, 1.0, q, 0.5)
            });
        }
        assert_eq!(admissible(rule, &at_status_quo, 0, q), counted);
        let mut stance_holders_only = eu.clone();
        stance_holders_only.silent.clear();
        assert_ne!(admissible(rule, &stance_holders_only, 0, q), counted);
    }
}
