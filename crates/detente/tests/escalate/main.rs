//! Tests of the escalate lens: games, strategies and tournaments against their references, the security dilemma, its calibration and exits, evolution, Richardson.
//!
//! One test binary per area (rather than one per file) keeps link time down.

mod calibrate;
mod dilemma;
mod evolution;
mod exits;
mod markov;
mod properties;
mod reference;
mod richardson;
mod richardson_history;
mod rules;
