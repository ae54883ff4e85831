//! What an align run reports: ranked stable configurations with energies, basins,
//! coalitions and per-actor frustration, margins and best moves, plus diagnostics and, for
//! heuristic runs, a confidence report.

use crate::stats::Proportion;
use serde::{Deserialize, Serialize};

/// The result of an align run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AlignResult {
    /// Where the inputs came from (free text lines from the caller).
    pub provenance: Vec<String>,
    /// The actors in input order with their sizes.
    pub actors: Vec<ActorSize>,
    /// How the search was run and what it saw.
    pub diagnostics: Diagnostics,
    /// Stable configurations (D9), best (lowest energy) first; at most `report_limit` of them.
    pub configurations: Vec<StableConfiguration>,
    /// Heuristic runs only: what may have been missed.
    pub confidence: Option<Confidence>,
}

/// An actor's size as given and as a share of the total (D1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorSize {
    /// Actor id.
    pub id: String,
    /// Size as given.
    pub size: f64,
    /// Size divided by the sum of all sizes.
    pub share: f64,
}

/// How the stable set was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// Every configuration visited; every stable configuration found.
    Exhaustive,
    /// Random restarts (and, for two coalitions, simulated annealing): stable configurations
    /// with small basins may be missing.
    Heuristic,
}

/// Run diagnostics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Diagnostics {
    /// Exhaustive or heuristic.
    pub method: Method,
    /// Maximum number of coalitions `k` (D3).
    pub coalitions: usize,
    /// Whether the neutral pole was on (a place outside every coalition, listed last as
    /// `neutral`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub neutral: bool,
    /// Descent rule used for basins (D10).
    pub rule: String,
    /// Configurations visited by an exhaustive search.
    pub configurations_visited: Option<u64>,
    /// Random-start descents run (sampled basins or heuristic restarts).
    pub restarts: Option<u64>,
    /// Seed of the random starts, when any were drawn.
    pub seed: Option<u64>,
    /// `"exact-i32"`, `"exact-i64"`, `"exact-i128"` or `"f64"`.
    pub arithmetic: String,
    /// Comparison tolerance in energy units (0 when exact).
    pub tolerance: f64,
    /// Stable configurations found (D9, weak form), including any beyond the report limit.
    pub stable_found: usize,
    /// Of those, strict ones (every margin > 0).
    pub strict_found: usize,
    /// Plateaus: stable but not strict (an actor indifferent between two coalitions).
    pub ties: usize,
    /// Whether basins are exact counts (`true`) or sampled estimates.
    pub exact_basins: bool,
    /// Lowest possible energy `Σ_{i≠j} min(0, J_ij)` (a certified bound).
    pub lower_bound: f64,
    /// Warnings and remarks (tolerance, limits, data caveats).
    pub notes: Vec<String>,
}

/// A stable configuration with everything a report needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StableConfiguration {
    /// 1 = lowest energy.
    pub rank: usize,
    /// Energy `E` (D6, ordered pairs).
    pub energy: f64,
    /// `E / Σ_{i≠j} |J_ij|`, in [−1, 1].
    pub normalised_energy: f64,
    /// `E − E_min` over the configurations found.
    pub gap_to_best: f64,
    /// Basin of attraction under the descent rule (D10).
    pub basin: Basin,
    /// Whether every margin is > 0 (D9).
    pub strict: bool,
    /// Coalitions in canonical order (D11).
    pub coalitions: Vec<Coalition>,
    /// Per actor, in input order.
    pub actors: Vec<ActorPlacement>,
    /// Actors that differ from each listed configuration (same order as the list; modulo
    /// relabelling of coalitions).
    pub distance_to: Vec<usize>,
}

/// Basin of attraction of a stable configuration (D10).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Basin {
    /// Exact count of configurations whose descent ends here.
    Exact {
        /// Configurations ending here.
        count: u64,
        /// All configurations.
        total: u64,
        /// `count / total`.
        share: f64,
    },
    /// Share of random-start descents ending here, with a 95 % Wilson interval.
    Estimate {
        /// Hits, trials, estimate and interval.
        share: Proportion,
    },
    /// Found only by annealing or enumeration without a sampled hit: share below `1/R`.
    Unseen {
        /// Random-start descents run.
        restarts: u64,
    },
}

impl Basin {
    /// Point value of the share (0 when unseen).
    pub fn share(&self) -> f64 {
        match self {
            Basin::Exact { share, .. } => *share,
            Basin::Estimate { share } => share.estimate,
            Basin::Unseen { .. } => 0.0,
        }
    }
}

/// One coalition of a configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coalition {
    /// Label: `A`, `B`, … in canonical order, or the bloc name when a bloc field is on.
    pub label: String,
    /// Member ids in input order.
    pub members: Vec<String>,
    /// Sum of the members' sizes as given.
    pub size: f64,
    /// Sum of the members' size shares.
    pub share: f64,
}

/// An actor's situation in a configuration (D5, D8).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActorPlacement {
    /// Actor id.
    pub id: String,
    /// Label of its coalition.
    pub coalition: String,
    /// Frustration `F_i` (D5), size × propensity units.
    pub frustration: f64,
    /// Margin `μ_i` (D8): smallest change of its frustration over its moves (< 0: wants to move).
    pub margin: f64,
    /// `μ_i / Σ_{j≠i} s_j |p_ij|` in [−1, 1] (0 when the actor has no ties at all).
    pub relative_margin: f64,
    /// The coalition its best move would take it to (`new` for an empty coalition).
    pub best_move: Option<String>,
    /// Its three largest frustration terms `s_j p_ij d_ij` by magnitude.
    pub contributors: Vec<Contributor>,
}

/// One term `s_j p_ij d_ij` of an actor's frustration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contributor {
    /// The partner `j`.
    pub actor: String,
    /// `s_j p_ij` (the partner is in another coalition).
    pub value: f64,
}

/// Confidence report of a heuristic run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Confidence {
    /// Random-start descents `R`.
    pub restarts: u64,
    /// Distinct stable configurations reached by restarts `m`.
    pub distinct: usize,
    /// Fraction of restarts that ended in a configuration reached only once (`f1/R`, the
    /// Good–Turing chance that one more restart finds something new).
    pub singleton_share: f64,
    /// Restarts run after the first one reaching the best energy found.
    pub restarts_since_best: u64,
    /// Annealing runs.
    pub annealing_runs: u64,
    /// Whether annealing found a lower energy than every restart.
    pub annealing_beat_restarts: bool,
    /// Certified lower bound on the energy.
    pub lower_bound: f64,
    /// Best energy found minus the bound.
    pub gap: f64,
    /// Plain-language caveat.
    pub note: String,
}
