//! The decide lens: collective decision and spatial bargaining models (docs/decide.md).
//!
//! Every model reads a [`ResolvedIssue`] (numbers only) and returns a [`Decision`].
//! [`run`] validates the issue, solves, adds the compromise baseline (D1) and applies
//! the deciding body's rule. [`registry`] maps scenario model names to models.
//!
//! ```
//! use detente::decide::{run, compromise::Compromise, ResolvedIssue, Scale, Stance};
//! let issue = ResolvedIssue::one_dimensional(
//!     "tax",
//!     Scale::new(0.0, 100.0),
//!     vec![Stance::new("a", 1.0, 20.0, 1.0), Stance::new("b", 3.0, 60.0, 1.0)],
//! );
//! let d = run(&Compromise, &issue, &mut detente::rng::run_stream(1, 0)).unwrap();
//! assert_eq!(d.outcome, vec![50.0]);
//! ```

pub mod bdm;
pub mod compromise;
pub mod decision;
pub mod exchange;
pub mod issue;
pub mod linkage;
pub mod median;
pub mod model;
pub mod nash;
pub mod registry;
pub mod rules;
pub mod scenario;
pub mod setter;
pub mod smp;

pub use decision::{
    Decision, Diagnostics, ModelSpec, Move, Outcome, Round, StopReason, Warning, WarningCode,
};
pub use issue::{ResolvedIssue, Scale, SilentMember, Stance};
pub use model::{DecideError, DecisionModel, MultiIssueModel, run, run_multi};
pub use rules::{DecisionRule, DoubleMajority, RuleError};
