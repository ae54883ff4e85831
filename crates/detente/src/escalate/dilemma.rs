//! The multi-domain security-dilemma simulation.
//!
//! A rivalry is a set of repeated games, one per directed rival dyad (i → j, different sides) and
//! domain. Each period every actor picks restraint (C) or hostility (D) toward each rival in each
//! domain by its policy — a strategy applied to what it *perceives* — and four channels push it off
//! course: misperception, alliance contagion, domain spillover and economic interdependence, with
//! Bayesian trust as an option. [`run_one`] plays one run; [`monte_carlo`] many, through the
//! experiment layer's engine ([`DilemmaArms`] is the dilemma as an arm model), in parallel and
//! reduced in run order in bounded memory; [`PolicyArms`] plays several policies once each on
//! common random numbers and differences any pair ([`compare_policies`] for two).
//!
//! Entry points take a plain [`DilemmaSetup`]; the scenario adapter fills it from `[escalate]`.

mod arms;
mod calibrate;
mod compare;
mod draws;
mod engine;
mod moments;
mod payoff;
mod policy;
mod posterior;
mod setup;
mod summary;

pub use crate::escalate::game::Action;
pub use arms::{DilemmaArms, TENSION_BINS, WELFARE_BINS};
pub use calibrate::{
    CalibratedParam, Calibration, CalibrationSettings, MomentCheck, PRIOR, ParameterPosterior,
    PosteriorDraw, calibrate, distance, rivalry_setup,
};
pub use compare::{
    PairedDifference, PairedMetric, PolicyArms, PolicyComparison, compare_policies,
    compare_with_first,
};
pub use draws::{GlobalParam, ParamDraw};
pub use engine::{DilemmaRun, DomainMoves, DyadTrust, run_one};
pub use moments::{MOMENT_NAMES, RivalryCounts, observed};
pub use payoff::{DyadGame, StageGame};
pub use policy::PolicySpec;
pub use posterior::{Posterior, RIVALRIES_PRIOR, to_csv};
pub use setup::{
    ActorKind, DilemmaActor, DilemmaParams, DilemmaSetup, DomainKind, DomainSpec, GrievanceTie,
    InfluenceTie, PriorSpec, SpiralRule, StartState, TradeTie, TrustParams,
};
pub use summary::{
    Band, DisputeSummary, Estimate, MonteCarloSummary, QuantileSummary, monte_carlo,
};

use std::fmt;

/// Why a dilemma setup cannot be run.
#[derive(Debug, Clone, PartialEq)]
pub enum DilemmaError {
    /// The setup is inconsistent or a parameter is out of range (message says which and why).
    Input(String),
    /// A policy names an unknown strategy or has invalid parameters.
    Policy(String),
}

impl fmt::Display for DilemmaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DilemmaError::Input(m) => write!(f, "dilemma setup: {m}"),
            DilemmaError::Policy(m) => write!(f, "dilemma policy: {m}"),
        }
    }
}

impl std::error::Error for DilemmaError {}
