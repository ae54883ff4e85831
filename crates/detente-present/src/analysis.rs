//! Tables and CSV of the analyses over a scenario's inputs: sweeps, sensitivity, levers and
//! the comparison of escalate policies.

pub mod compare;
pub mod levers;
pub mod sensitivity;
pub mod sweep;
