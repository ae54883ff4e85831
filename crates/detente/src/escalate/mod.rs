//! The escalate lens: iterated games, the security-dilemma simulation, Richardson arms races
//! (docs/escalate-games.md, docs/escalate-dilemma.md, docs/escalate-richardson.md).
//!
//! Parts (each a pure function of typed inputs and a seed; no I/O):
//!
//! - [`game`] — 2×2 games and bimatrices, the presets (prisoner's dilemma, stag hunt, chicken,
//!   deadlock), the ordering classifier, Jervis' offence–defence balance and the
//!   interdependence modifier.
//! - [`strategy`] — the [`strategy::Strategy`] trait, classifiers, one module per family, the
//!   transformers and the [`strategy::registry`] (ids, Axelrod-Python names, policy aliases).
//! - [`matchplay`] — one match: fixed or random length, noise, seeded streams, and the
//!   deterministic cache.
//! - [`markov`] — the exact long-run and finite-turn payoffs of two memory-one players.
//! - [`tournament`] — round robins with Axelrod-Python's metrics, identical for any thread count.
//! - [`evolution`] — the Moran process and replicator dynamics, integrated by its own RK4 stepper.
//!
//! ```
//! use detente::escalate::{game::Game, matchplay::{play, MatchSpec}, strategy::registry};
//! let mut tft = registry::parse("Tit For Tat").unwrap();
//! let mut alt = registry::parse("alternator").unwrap();
//! let r = play(&mut tft, &mut alt, &MatchSpec::fixed(Game::default(), 200)).unwrap();
//! assert_eq!(r.scores, [498.0, 503.0]);
//! ```

pub mod evolution;
pub mod game;
pub mod markov;
pub mod matchplay;
pub(crate) mod ode;
pub mod strategy;
pub mod tournament;

pub mod dilemma;
pub(crate) mod integrate;
pub(crate) mod linalg;
pub mod richardson;
pub mod scenario;
