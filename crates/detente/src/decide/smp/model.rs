//! The SMP as a [`DecisionModel`]: a [`ResolvedIssue`] is mapped to
//! `[0,1]^m` by `(x − lo)/Δ`, run, and the trajectory and final distribution mapped back.

use super::input::{MAX_ACTORS, MIN_ACTORS, SmpActor, SmpError, SmpInput};
use super::params::SmpParams;
use super::run::{SmpRun, SmpWarning, StopReason as SmpStop, run};
use crate::decide::decision::{
    Decision, Diagnostics, ModelSpec, Move, Outcome, Round, StopReason, Warning, WarningCode,
};
use crate::decide::issue::ResolvedIssue;
use crate::decide::model::{DecideError, DecisionModel};
use crate::rng::DetRng;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// KTAB's spatial model of politics with its parameters (registry name `smp`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Smp(pub SmpParams);

/// The SMP input of an issue: positions `(x − lo)/Δ`, saliences and capabilities as given,
/// identity accommodation. Errors when the issue has fewer than 3 or more than 250 stances.
pub fn input_from_issue(issue: &ResolvedIssue) -> Result<SmpInput, DecideError> {
    let n = issue.n();
    if !(MIN_ACTORS..=MAX_ACTORS).contains(&n) {
        return Err(DecideError::ActorCount {
            issue: issue.id.clone(),
            model: "smp".into(),
            n,
            min: MIN_ACTORS,
            max: MAX_ACTORS,
        });
    }
    let (lo, span) = (issue.scale.lo, issue.scale.range());
    let actors = issue
        .stances
        .iter()
        .map(|s| SmpActor {
            name: s.actor.clone(),
            description: String::new(),
            capability: s.capability,
            // Clamp only the round-off of the scale check (which allows 1e-12·Δ of slack).
            position: s
                .position
                .iter()
                .map(|&x| ((x - lo) / span).clamp(0.0, 1.0))
                .collect(),
            salience: s.salience.clone(),
        })
        .collect();
    Ok(SmpInput {
        name: issue.id.clone(),
        description: issue.question.clone(),
        dimensions: issue.dimensions.clone(),
        actors,
        accommodation: None,
    })
}

fn to_decide_error(issue: &str, e: SmpError) -> DecideError {
    match e {
        SmpError::InvalidInput(m) => DecideError::Invalid {
            issue: issue.to_string(),
            problems: vec![m],
        },
        e @ SmpError::PceIterationCap { .. } => DecideError::NoSolution {
            model: "smp".into(),
            message: e.to_string(),
        },
    }
}

impl DecisionModel for Smp {
    fn id(&self) -> &'static str {
        "smp"
    }

    fn parameters(&self) -> serde_json::Value {
        serde_json::to_value(self.0).unwrap_or(serde_json::Value::Null)
    }

    /// Only stochastic state transitions draw (an actor's next position from its queue).
    fn draws(&self) -> bool {
        self.0.state_transitions == super::params::StateTransitions::Stochastic
    }

    fn solve(&self, issue: &ResolvedIssue, rng: &mut DetRng) -> Result<Decision, DecideError> {
        issue.validate_salience_budget()?;
        let input = input_from_issue(issue)?;
        let result = run(&input, &self.0, rng).map_err(|e| to_decide_error(&issue.id, e))?;
        Ok(decision_from_run(issue, self, &result))
    }
}

/// Maps a run on `[0,1]^m` back to the issue scale as a [`Decision`].
pub fn decision_from_run(issue: &ResolvedIssue, model: &Smp, result: &SmpRun) -> Decision {
    let m = issue.m();
    let (lo, span) = (issue.scale.lo, issue.scale.range());
    let back = |x: &[f64]| -> Vec<f64> { x.iter().map(|&v| lo + span * v).collect() };
    let actor_positions =
        |flat: &[f64]| -> Vec<Vec<f64>> { flat.chunks_exact(m).map(back).collect() };
    let mut trajectory = Vec::with_capacity(result.states.len());
    for (t, state) in result.states.iter().enumerate() {
        let mut round = Round {
            t,
            positions: actor_positions(&state.positions),
            forecast: Some(back(&state.report.outcome)),
            probabilities: Some(state.report.actor_probability.clone()),
            risk: Some(state.risk.clone()),
            ..Round::default()
        };
        if let Some(step) = t.checked_sub(1).and_then(|s| result.steps.get(s)) {
            let before = &result.states[t - 1].positions;
            for (k, adopted) in step.adopted.iter().enumerate() {
                let Some(b) = adopted else { continue };
                let bargain = &step.bargains[*b];
                let other = if bargain.initiator == k {
                    bargain.receiver
                } else {
                    bargain.initiator
                };
                round.moves.push(Move {
                    actor: k,
                    by: Some(other),
                    kind: "bargain".into(),
                    from: back(&before[k * m..(k + 1) * m]),
                    to: back(&state.positions[k * m..(k + 1) * m]),
                    value: None,
                });
            }
            let mut extra = BTreeMap::new();
            extra.insert("ratio".to_string(), serde_json::Value::from(step.ratio));
            if let Ok(v) = serde_json::to_value(&step.targets) {
                extra.insert("targets".to_string(), v);
            }
            round.extra = extra;
        }
        trajectory.push(round);
    }
    let last = result.final_state();
    let report = &last.report;
    let distribution = report
        .representatives
        .iter()
        .enumerate()
        .map(|(c, &u)| Outcome {
            position: back(&last.positions[u * m..(u + 1) * m]),
            probability: report.class_probability[c],
            actors: (0..issue.n())
                .filter(|&i| report.class_of[i] == c)
                .collect(),
        })
        .collect();
    let outcome = back(&report.outcome);
    let stop_reason = match result.stop_reason {
        SmpStop::Converged => StopReason::Converged,
        SmpStop::MaxRounds => StopReason::MaxRounds,
        SmpStop::Static => StopReason::Static,
    };
    let mut warnings: Vec<Warning> = result
        .warnings
        .iter()
        .map(|w| to_warning(issue, w))
        .collect();
    if stop_reason == StopReason::MaxRounds {
        warnings.push(Warning::issue(
            WarningCode::NotConverged,
            &issue.id,
            format!("positions still moved after {} turns", result.steps.len()),
        ));
    }
    Decision {
        issue: issue.id.clone(),
        model: ModelSpec {
            id: "smp".into(),
            preset: None,
            parameters: model.parameters(),
        },
        unconstrained: outcome.clone(),
        outcome,
        trajectory,
        distribution,
        baseline: Vec::new(),
        diagnostics: Diagnostics {
            rounds: result.steps.len(),
            converged: stop_reason != StopReason::MaxRounds,
            stop_reason,
            warnings,
        },
    }
}

fn to_warning(issue: &ResolvedIssue, w: &SmpWarning) -> Warning {
    let name = |i: usize| issue.stances.get(i).map_or("?", |s| s.actor.as_str());
    match *w {
        SmpWarning::RiskRangeDegenerate { turn } => Warning::issue(
            WarningCode::RiskRangeDegenerate,
            &issue.id,
            format!("turn {turn}: all positions equally likely, risk attitudes set to 0"),
        ),
        SmpWarning::ZeroInfluence { actor } => Warning::actor(
            WarningCode::NoInfluence,
            &issue.id,
            name(actor),
            "capability × salience is 0: this actor cannot influence anything",
        ),
        SmpWarning::TieBroken { turn, actor } => Warning::actor(
            WarningCode::TieBroken,
            &issue.id,
            name(actor),
            format!("turn {turn}: several bargains equally likely, the first in queue order taken"),
        ),
    }
}
