//! The trait every decision model implements, its error type, and the one function that runs a
//! model on an issue (validate → solve → baseline → rule).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::decision::Decision;
use super::issue::ResolvedIssue;
use super::{compromise, rules};
use crate::rng::DetRng;

/// Input a model cannot use. Ordinary degeneracies are warnings, not errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum DecideError {
    /// The issue failed validation; every problem is listed.
    Invalid {
        /// Issue id.
        issue: String,
        /// One sentence per problem.
        problems: Vec<String>,
    },
    /// The model needs a status quo and the issue has none (Nash, D3).
    MissingStatusQuo {
        /// Issue id.
        issue: String,
        /// Model id.
        model: String,
    },
    /// `Σ c·s = 0` where the model has no fallback (BDM).
    ZeroTotalWeight {
        /// Issue id.
        issue: String,
    },
    /// The model needs more (or fewer) actors than the issue has.
    ActorCount {
        /// Issue id.
        issue: String,
        /// Model id.
        model: String,
        /// Stances on the issue.
        n: usize,
        /// Accepted range.
        min: usize,
        /// Accepted range.
        max: usize,
    },
    /// The model cannot handle this shape of issue (e.g. BDM with m > 1).
    Unsupported {
        /// Model id.
        model: String,
        /// Why.
        reason: String,
    },
    /// No model of that name in the registry.
    UnknownModel {
        /// The name asked for.
        name: String,
    },
    /// No preset of that name.
    UnknownPreset {
        /// The name asked for.
        name: String,
    },
    /// A parameter or preset could not be used.
    BadParameter {
        /// Model id.
        model: String,
        /// What is wrong.
        message: String,
    },
    /// A numerical procedure did not terminate (e.g. Markov PCE cap).
    NoSolution {
        /// Model id.
        model: String,
        /// What failed.
        message: String,
    },
}

impl fmt::Display for DecideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecideError::Invalid { issue, problems } => {
                write!(f, "issue '{issue}' is invalid: {}", problems.join("; "))
            }
            DecideError::MissingStatusQuo { issue, model } => write!(
                f,
                "model '{model}' needs a status quo, and issue '{issue}' has none"
            ),
            DecideError::ZeroTotalWeight { issue } => write!(
                f,
                "issue '{issue}': every actor has capability × salience 0, so no vote counts"
            ),
            DecideError::ActorCount {
                issue,
                model,
                n,
                min,
                max,
            } => write!(
                f,
                "model '{model}' needs between {min} and {max} actors; issue '{issue}' has {n}"
            ),
            DecideError::Unsupported { model, reason } => write!(f, "model '{model}': {reason}"),
            DecideError::UnknownModel { name } => write!(
                f,
                "unknown model '{name}' (known: {})",
                super::registry::NAMES.join(", ")
            ),
            DecideError::UnknownPreset { name } => write!(
                f,
                "unknown preset '{name}' (known: {})",
                super::registry::PRESETS.join(", ")
            ),
            DecideError::BadParameter { model, message } => write!(f, "model '{model}': {message}"),
            DecideError::NoSolution { model, message } => write!(f, "model '{model}': {message}"),
        }
    }
}

impl std::error::Error for DecideError {}

/// A single-issue decision model: a value holding its parameters.
///
/// `solve` returns the model's own prediction in both `outcome` and `unconstrained`; the rule
/// is applied afterwards by [`run`] (models never know about bodies). Deterministic models
/// ignore the RNG.
pub trait DecisionModel: Send + Sync {
    /// Registry name of the model (`compromise`, `median`, …).
    fn id(&self) -> &'static str;
    /// The model's full parameter set, as recorded in [`Decision::model`].
    fn parameters(&self) -> serde_json::Value;
    /// Solve one validated issue.
    fn solve(&self, issue: &ResolvedIssue, rng: &mut DetRng) -> Result<Decision, DecideError>;
    /// Whether `solve` may take numbers from the RNG. Issues share one stream in file order
    /// ([`super::scenario::decide_with`]), so a model that draws answers an issue according to
    /// what it drew on the issues before it; one that never draws answers each issue on its
    /// own, and may be run on one issue alone. `true` unless the model says otherwise.
    fn draws(&self) -> bool {
        true
    }
}

/// A model that decides several issues jointly (the exchange model).
pub trait MultiIssueModel: Send + Sync {
    /// Registry name of the model.
    fn id(&self) -> &'static str;
    /// The model's full parameter set.
    fn parameters(&self) -> serde_json::Value;
    /// Solve the issues jointly; one [`Decision`] per issue, in input order.
    fn solve(
        &self,
        issues: &[ResolvedIssue],
        rng: &mut DetRng,
    ) -> Result<Vec<Decision>, DecideError>;
}

/// Run a single-issue model: validate the issue, solve, make sure the compromise
/// baseline (D1) is present, apply the issue's rule, and prepend validation warnings.
pub fn run(
    model: &dyn DecisionModel,
    issue: &ResolvedIssue,
    rng: &mut DetRng,
) -> Result<Decision, DecideError> {
    let warnings = issue.validate()?;
    let mut decision = model.solve(issue, rng)?;
    finish(issue, &mut decision, warnings);
    Ok(decision)
}

/// Run a multi-issue model with the same validation, baseline and rule steps as [`run`].
pub fn run_multi(
    model: &dyn MultiIssueModel,
    issues: &[ResolvedIssue],
    rng: &mut DetRng,
) -> Result<Vec<Decision>, DecideError> {
    let mut all_warnings = Vec::with_capacity(issues.len());
    for issue in issues {
        all_warnings.push(issue.validate()?);
    }
    let mut decisions = model.solve(issues, rng)?;
    for ((issue, decision), warnings) in issues.iter().zip(&mut decisions).zip(all_warnings) {
        finish(issue, decision, warnings);
    }
    Ok(decisions)
}

fn finish(issue: &ResolvedIssue, decision: &mut Decision, mut warnings: Vec<super::Warning>) {
    if decision.baseline.is_empty() {
        decision.baseline = compromise::outcome(issue).0;
    }
    warnings.append(&mut decision.diagnostics.warnings);
    decision.diagnostics.warnings = warnings;
    rules::constrain(issue, decision);
}
