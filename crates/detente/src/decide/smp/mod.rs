//! KTAB's spatial model of politics (SMP).
//!
//! Actors hold positions on `[0,1]^m` with per-dimension saliences and a capability. Each turn
//! every actor infers risk attitudes from its chance of prevailing (D13), picks the rival whose
//! challenge it expects to gain most from (third parties weighing in), proposes a bargain
//! (D14), and each actor adopts the bargain its queue's probabilistic Condorcet election
//! favours (D15). The run stops when movement dies down; the report gives each distinct final
//! position a probability. The entry point is [`run`]; parameters are [`SmpParams`] with KTAB's
//! defaults.

pub mod bargain;
pub mod challenge;
pub mod ideal;
pub mod input;
pub mod model;
pub mod params;
pub mod pce;
pub mod report;
pub mod resolve;
pub mod risk;
pub mod run;
pub mod target;
pub mod utility;
pub mod vote;

pub use bargain::Bargain;
pub use input::{SmpActor, SmpError, SmpInput};
pub use model::{Smp, decision_from_run, input_from_issue};
pub use params::{
    BargnModel, BigRAdjust, BigRRange, InterVecBrgn, KTAB_DEFAULT_SEED, PceModel, SmpParams,
    StateTransitions, ThirdPartyCommit, VictoryProbModel, VotingRule,
};
pub use report::StateReport;
pub use run::{SmpRun, SmpState, SmpStep, SmpWarning, StopReason, run};
pub use target::Target;

/// `d_ij` (D9) for given ideals and positions (row-major `N×m`), as a row-major `N×N`
/// matrix; exposed so that callers can print KTAB's risk-neutral value matrix `1 − d`.
pub fn distance_matrix(input: &SmpInput, ideals: &[f64], positions: &[f64]) -> Vec<f64> {
    let n = input.num_actors();
    let m = input.num_dims();
    let sal: Vec<f64> = input
        .actors
        .iter()
        .flat_map(|a| a.salience.iter().copied())
        .collect();
    let inv_ss: Vec<f64> = input
        .actors
        .iter()
        .map(|a| 1.0 / a.salience.iter().map(|s| s * s).sum::<f64>())
        .collect();
    let mut d = vec![0.0; n * n];
    utility::fill_distances(n, m, ideals, positions, &sal, &inv_ss, &mut d);
    d
}
