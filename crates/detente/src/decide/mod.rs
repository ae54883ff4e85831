//! The decide lens: collective decision and spatial bargaining models (design: decide.md).
pub mod smp;
