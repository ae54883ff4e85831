//! The output of every decision model.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Which model produced a [`Decision`], with the full parameter set it used, so that every
/// number names its producer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelSpec {
    /// Registry name: `compromise`, `median`, `nash`, `bdm`, `smp`, `exchange`.
    pub id: String,
    /// Named preset the parameters came from, if any (e.g. `scholz2011`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// Every parameter, as the model's own parameter struct serialises it.
    pub parameters: serde_json::Value,
}

/// A model's answer on one issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// The issue's id.
    pub issue: String,
    /// Model id and parameters.
    pub model: ModelSpec,
    /// Predicted position (m values, issue scale) after the decision rule.
    pub outcome: Vec<f64>,
    /// The model's prediction before the rule was applied (equal to `outcome` without a rule).
    pub unconstrained: Vec<f64>,
    /// Positions per round `t = 0..T` and the model's extras.
    pub trajectory: Vec<Round>,
    /// SMP only: unique final positions with their probabilities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distribution: Vec<Outcome>,
    /// The compromise-model outcome (D1) on the same input — always present.
    pub baseline: Vec<f64>,
    /// Rounds, convergence, stop reason and warnings.
    pub diagnostics: Diagnostics,
}

impl Decision {
    /// The decision of a closed-form model: one round holding the input positions, the
    /// prediction as outcome and forecast (the rule is applied later by `run`).
    pub fn closed_form(
        issue: &super::ResolvedIssue,
        model: ModelSpec,
        outcome: Vec<f64>,
        baseline: Vec<f64>,
        warnings: Vec<Warning>,
    ) -> Self {
        Decision {
            issue: issue.id.clone(),
            model,
            unconstrained: outcome.clone(),
            trajectory: vec![Round {
                t: 0,
                positions: issue.stances.iter().map(|s| s.position.clone()).collect(),
                forecast: Some(outcome.clone()),
                ..Round::default()
            }],
            outcome,
            distribution: Vec::new(),
            baseline,
            diagnostics: Diagnostics::closed_form(warnings),
        }
    }

    /// Final positions of every actor (the last round of the trajectory), if recorded.
    pub fn final_positions(&self) -> Option<&[Vec<f64>]> {
        self.trajectory.last().map(|r| r.positions.as_slice())
    }
}

/// One state of a model's trajectory. `positions[i]` holds actor i's m values (issue scale),
/// in the order of the issue's stances.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Round {
    /// Round index `t` (0 = the input state).
    pub t: usize,
    /// Every actor's position at round t (issue scale).
    pub positions: Vec<Vec<f64>>,
    /// The model's forecast at round t (e.g. the BDM median μ_t), issue scale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<Vec<f64>>,
    /// Weighted mean (D1) of the positions at round t, where the model reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean: Option<Vec<f64>>,
    /// Per-actor probabilities (SMP: the actor's class probability).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probabilities: Option<Vec<f64>>,
    /// Per-actor risk attitudes (BDM: r_i of D8; SMP: R_i of D13).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk: Option<Vec<f64>>,
    /// Moves, challenges, targets or exchanges realised in this round.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub moves: Vec<Move>,
    /// Model-specific per-round numbers (e.g. SMP stop ratio `rho`, exchange voting NBS).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// One move recorded in a trajectory: `actor` moved (or was asked to move) to `to`, because of
/// `by` (proposer, challenger or exchange partner), classified by `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Move {
    /// Index of the actor that moves (into the issue's stances).
    pub actor: usize,
    /// Index of the actor that caused the move, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<usize>,
    /// Classification, e.g. `conflict`, `compromise`, `capitulation`, `exchange`, `bargain`.
    pub kind: String,
    /// Position before the move (m values).
    pub from: Vec<f64>,
    /// Position after the move (m values).
    pub to: Vec<f64>,
    /// The value behind the move (expected utility, gain), where the model has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
}

/// One possible final position with its probability (SMP distribution).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// Position (m values, issue scale).
    pub position: Vec<f64>,
    /// Probability in [0, 1].
    pub probability: f64,
    /// Indices of the actors at this position.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<usize>,
}

/// Why an iterative model stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StopReason {
    /// Positions stopped moving (by the model's tolerance).
    Converged,
    /// The round limit was reached first.
    MaxRounds,
    /// Nothing could move from the start (closed-form models and degenerate inputs).
    Static,
}

/// Run diagnostics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostics {
    /// Rounds run (0 for closed-form models).
    pub rounds: usize,
    /// Whether the model reached its stopping criterion (true for closed-form models).
    pub converged: bool,
    /// Why it stopped.
    pub stop_reason: StopReason,
    /// Typed warnings, in the order they arose.
    pub warnings: Vec<Warning>,
}

impl Diagnostics {
    /// Diagnostics of a closed-form model: 0 rounds, converged, `Static`.
    pub fn closed_form(warnings: Vec<Warning>) -> Self {
        Diagnostics {
            rounds: 0,
            converged: true,
            stop_reason: StopReason::Static,
            warnings,
        }
    }
}

/// The kinds of warning a decision model or rule can raise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum WarningCode {
    /// Fewer than 3 stances.
    FewStances,
    /// An actor has `c·s = 0` and cannot influence anything.
    NoInfluence,
    /// `Σ c·s = 0`: an unweighted fallback was used.
    ZeroTotalWeight,
    /// All actors stand at one point.
    AllAtOnePoint,
    /// A tie was broken by a documented convention.
    TieBroken,
    /// The round limit was reached before convergence.
    NotConverged,
    /// The decision rule left no win-set: the status quo stands.
    RuleEmptiedWinSet,
    /// The prediction was moved onto the rule's admissible set.
    RuleConstrained,
    /// A rule was given but the issue has no status quo, so it was skipped.
    NoStatusQuo,
    /// A one-dimensional rule was applied per dimension (m > 1).
    SeparableRule,
    /// BDM: all securities equal, every risk exponent set to 1 (D8).
    RiskRangeDegenerate,
    /// SMP: a Markov PCE hit its iteration cap.
    PceIterationCap,
    /// Nash: no point improves on the status quo for everyone (D3, F empty).
    NoAgreementBetterThanStatusQuo,
    /// An actor with zero capability or zero salience was accepted with vote weight 0.
    ZeroWeightVoter,
    /// An input convention was applied (e.g. saliences read on 0–100 and divided by 100).
    InputConverted,
    /// One actor holds more than half of the capability × salience weight.
    DominantActor,
}

/// A typed warning: code, message, and the issue/actor it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// What kind of warning.
    pub code: WarningCode,
    /// A sentence for the user.
    pub message: String,
    /// The actor concerned, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// The issue concerned, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
}

impl Warning {
    /// A warning about an issue as a whole.
    pub fn issue(code: WarningCode, issue: &str, message: impl Into<String>) -> Self {
        Warning {
            code,
            message: message.into(),
            actor: None,
            issue: Some(issue.to_string()),
        }
    }

    /// A warning about one actor on an issue.
    pub fn actor(code: WarningCode, issue: &str, actor: &str, message: impl Into<String>) -> Self {
        Warning {
            code,
            message: message.into(),
            actor: Some(actor.to_string()),
            issue: Some(issue.to_string()),
        }
    }
}
