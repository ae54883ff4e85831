//! # detente — executable models of international security situations
//!
//! `detente` turns a scenario file (who the actors are, what they disagree about, how they are
//! tied, how their rivalry is played) into models that answer three questions with uncertainty:
//!
//! - **decide** — where will a body's collective position settle? ([`decide`])
//! - **align** — who sides with whom? ([`align`])
//! - **escalate** — does a rivalry spiral or settle under each side's policy? ([`escalate`])
//!
//! This crate is the domain library: it parses strings it is given, resolves them against the
//! bundled [`world`] data and runs models. It never reads files, prints, or knows about the CLI.
//!

pub mod align;
pub mod decide;
pub mod escalate;
pub mod experiment;
pub mod import;
pub mod maths;
pub(crate) mod par;
pub mod rng;
pub mod scenario;
pub mod stats;
pub mod world;
