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
//! ## Entry points
//!
//! A front end (the command, the report, the Python package, the browser page) needs only these:
//!
//! - [`scenario::load_str`] — a scenario's TOML text to a [`scenario::Resolved`], or located
//!   [`scenario::Diagnostics`];
//! - [`experiment::RunOptions::for_scenario`] then [`experiment::results::run_all`] — every lens
//!   (or a subset) into one [`experiment::results::Results`]; the single lenses:
//!   [`decide::scenario::decide_with`], [`align::align`], [`experiment::results::escalate`],
//!   [`experiment::results::arms_race`];
//! - [`experiment::analysis`] — sweeps, sensitivity, levers and policy comparison over input
//!   paths; [`experiment::backtest`] — models scored against what happened;
//! - [`import`] — other tools' input files to scenarios; [`world`] — the bundled data.
//!
//! Everything else is public for the tests and benchmarks of the models themselves.
//!

pub mod align;
pub mod decide;
pub mod escalate;
pub mod experiment;
pub mod import;
pub mod maths;
pub mod order;
pub(crate) mod par;
pub mod rng;
pub mod scenario;
pub mod stats;
pub mod world;
