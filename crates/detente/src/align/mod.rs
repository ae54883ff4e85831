//! The align lens: Axelrod–Bennett landscape theory of aggregation (docs/align.md).
//!
//! Actors of given sizes with pairwise propensities (to be together, `p > 0`, or apart, `p < 0`)
//! split into at most `k` coalitions; each actor's frustration is the size-weighted propensity it
//! has across coalition lines (D5), and the energy is their size-weighted sum (D6). Actors move one
//! at a time to lower their own frustration, which always lowers the energy (D7), so the
//! dynamics end in stable configurations (D9). This module finds every stable configuration
//! (exhaustively for small `n`, heuristically beyond), the share of starts that end in each
//! (its basin, D10), and explains each actor's place in it.
//!
//! What it is not: a forecast. The model has no history, no costs of switching and no outside
//! pull unless the optional bloc field is switched on; see docs/align.md for the caveats
//! (including Galam's critique).
//!
//! ```
//! use detente::align::{align, AlignInput, AlignOptions, Landscape, LandscapeActor};
//! // Three mutual enemies of sizes 1, 2, 3: the largest stands alone.
//! let actors = [1.0, 2.0, 3.0]
//!     .iter()
//!     .enumerate()
//!     .map(|(i, &s)| LandscapeActor { id: format!("a{}", i + 1), size: s })
//!     .collect();
//! let mut p = vec![-1.0; 9];
//! for i in 0..3 { p[i * 3 + i] = 0.0; }
//! let input = AlignInput {
//!     landscape: Landscape::new(actors, p).unwrap(),
//!     options: AlignOptions::default(),
//!     provenance: vec![],
//!     notes: vec![],
//! };
//! let result = align(&input).unwrap();
//! assert_eq!(result.configurations.len(), 1);
//! assert_eq!(result.configurations[0].energy, -18.0);
//! ```

mod calibrate;
mod descent;
mod error;
mod exhaustive;
mod history_alliances;
mod history_conflict;
mod landscape;
mod neutral;
mod partitions;
mod portfolio;
mod problem;
mod propensity;
mod report;
mod result;
mod run;
mod sampling;
pub mod scenario;
mod weight;
mod world_inputs;

pub use calibrate::{
    AlignFit, CASES as CALIBRATION_CASES, CalibrateError, CaseFit, FITTED, FitSettings,
    FittedWeight, Role, WEIGHTS_CSV, WeightsCsvError, calibrate_align, parse_weights_csv,
    weights_csv,
};
pub use descent::DescentRule;
pub use error::{AlignError, AlignInputError, AlignResultOf, UnknownName};
pub use exhaustive::EXACT_BASIN_MAX_ACTORS;
pub use history_alliances::{LAST_ALLIANCE_YEAR, alliance_year, history_alliances};
pub use history_conflict::{
    LAST_MID_YEAR, LAST_RIVALRY_YEAR, conflict_term, covered_window, rivalry_term,
};
pub use landscape::{BlocField, Landscape, LandscapeActor};
pub use partitions::configuration_count;
pub use portfolio::portfolio_similarity;
pub use propensity::{
    ActorAttributes, AllianceLink, BuiltPropensities, IDEAL_POINT_SCALE, ORGANISATION_TYPES,
    PairBreakdown, PropensityInputs, SHARED_ORGS, SizeMeasure, TERM_COUNT, TERM_NAMES, TRADE_HUBS,
    TermValue, TermWeights, Tie, TieKind, build_propensities, ideal_point_term,
    organisation_weight,
};
pub use report::NEUTRAL_LABEL;
pub use result::{
    ActorPlacement, ActorSize, AlignResult, Basin, Coalition, Confidence, Contributor, Diagnostics,
    Method, StableConfiguration,
};
pub use run::{
    AlignInput, AlignOptions, EXHAUSTIVE_FORCED_MAX_ACTORS, EXHAUSTIVE_MAX_ACTORS, align,
};
pub use world_inputs::{MUTUAL_DEFENCE, flagship_inputs, world_alliances, world_states};
