//! The escalate lens: iterated games, the security-dilemma simulation, Richardson arms races
//! (design: escalate.md).

pub mod dilemma;
pub mod integrate;
pub mod linalg;
pub mod richardson;
