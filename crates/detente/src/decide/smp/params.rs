//! The nine KTAB model parameters of the SMP and their defaults.

use serde::{Deserialize, Serialize};

/// How coalition strengths become a victory probability (D12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum VictoryProbModel {
    /// `f(C) = C` (default).
    #[default]
    Linear,
    /// `f(C) = C²`.
    Square,
    /// `f(C) = C⁴`.
    Quartic,
    /// `f(C) = C⁸`.
    Octic,
    /// A 10 % advantage wins for certain, linear interpolation in between.
    Binary,
}

/// Probabilistic Condorcet election variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PceModel {
    /// `p_a ∝ Π_b P(a>b)` (default).
    #[default]
    Conditional,
    /// Markov chain with uniform transition proposals.
    MarkovUniform,
    /// Markov chain with incentive-weighted transition proposals.
    MarkovIncentive,
}

/// How an actor's queue of bargains becomes its next position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum StateTransitions {
    /// The first bargain with maximal probability (default).
    #[default]
    Deterministic,
    /// A bargain sampled from the PCE distribution with the run's RNG.
    Stochastic,
}

/// How a voter's utility difference becomes a vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum VotingRule {
    /// `w·Δu` (default; KTAB also spells it `Proportional`).
    #[default]
    Prop,
    /// `w·bin(Δu)`.
    Binary,
    /// `w(0.8Δu + 0.2 bin)`.
    PropBin,
    /// `w(0.5Δu + 0.5Δu³)`.
    PropCbc,
    /// `w·Δu³`.
    Cubic,
    /// Losses count fully, gains two thirds.
    ASymProsp,
}

/// How h perceives i's risk attitude.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum BigRAdjust {
    /// `R_h` (KTAB also spells it `No`).
    None,
    /// `(2R_h + R_i)/3` (default).
    #[default]
    OneThird,
    /// `(R_h + R_i)/2`.
    Half,
    /// `(R_h + 2R_i)/3`.
    TwoThirds,
    /// `R_i`.
    Full,
}

/// Range of the inferred risk attitudes (D13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum BigRRange {
    /// `R ∈ [0, 1]`.
    Min,
    /// `R ∈ [−½, 1]` (default).
    #[default]
    Mid,
    /// `R ∈ [−1, 1]`.
    Max,
}

/// What a third party expects to keep after joining a side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ThirdPartyCommit {
    /// The third party always keeps its own position.
    NoCommit,
    /// It keeps its position when its side wins, adopts the winner's when it loses (default).
    #[default]
    SemiCommit,
    /// It always ends at the winner's position.
    FullCommit,
}

/// Per-dimension bargain interpolation (D14).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum InterVecBrgn {
    /// Salience and probability to the first power.
    S1P1,
    /// Salience and probability squared (default).
    #[default]
    S2P2,
    /// Moves proportional to the probability advantage.
    S2PMax,
}

/// Which bargains enter the queues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum BargnModel {
    /// One bargain from the initiator's estimate (default).
    #[default]
    InitOnlyInterp,
    /// Also the bargain from the receiver's estimate; both go into both queues.
    InitRcvrInterp,
    /// One bargain, the power-weighted average of the two.
    PWCompInterp,
}

/// The complete SMP parameter set. `Default` gives KTAB's CSV-run defaults.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmpParams {
    /// D12 victory-probability model.
    pub victory_prob: VictoryProbModel,
    /// PCE variant.
    pub pce: PceModel,
    /// Deterministic or sampled choice among bargains.
    pub state_transitions: StateTransitions,
    /// Voting rule for coalitions and bargains.
    pub voting_rule: VotingRule,
    /// Perceived risk attitudes.
    pub big_r_adjust: BigRAdjust,
    /// Range of risk attitudes (D13).
    pub big_r_range: BigRRange,
    /// Third-party commitment table.
    pub third_party_commit: ThirdPartyCommit,
    /// Bargain interpolation (D14).
    pub inter_vec_brgn: InterVecBrgn,
    /// Bargain queue model.
    pub bargn_model: BargnModel,
    /// Reproduce the reference code's two defects in `InitRcvrInterp`/`PWCompInterp`
    /// (receiver's expected gain used as a probability, initiator's capability in both
    /// weights). Default `false`.
    pub ktab_compat: bool,
    /// Hard cap on turns (the stopping rule's `t ≥ 100`).
    pub max_turns: usize,
    /// Stop once the step ratio `ρ_t` falls below this (and `t ≥ 2`).
    pub min_delta_ratio: f64,
}

impl Default for SmpParams {
    fn default() -> Self {
        SmpParams {
            victory_prob: VictoryProbModel::Linear,
            pce: PceModel::Conditional,
            state_transitions: StateTransitions::Deterministic,
            voting_rule: VotingRule::Prop,
            big_r_adjust: BigRAdjust::OneThird,
            big_r_range: BigRRange::Mid,
            third_party_commit: ThirdPartyCommit::SemiCommit,
            inter_vec_brgn: InterVecBrgn::S2P2,
            bargn_model: BargnModel::InitOnlyInterp,
            ktab_compat: false,
            max_turns: 100,
            min_delta_ratio: 0.02,
        }
    }
}

/// KTAB's default PRNG seed, used only by `Stochastic` transitions.
pub const KTAB_DEFAULT_SEED: u64 = 15_455_440_707_583_219_804;

/// Why a KTAB model parameter was not set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KtabParamError {
    /// The element is a known parameter but the value is not one of its settings.
    UnknownValue {
        /// The XML element name.
        element: String,
        /// The value given.
        value: String,
    },
    /// The element names no model parameter.
    UnknownElement(String),
}

impl std::fmt::Display for KtabParamError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            KtabParamError::UnknownValue { element, value } => {
                write!(f, "unknown value '{value}' for <{element}>")
            }
            KtabParamError::UnknownElement(element) => {
                write!(f, "unknown model parameter <{element}>")
            }
        }
    }
}

impl std::error::Error for KtabParamError {}

/// Sets one parameter from KTAB's XML element name and value.
/// Accepts both `Prop`/`Proportional` and `None`/`No`. Returns an error on an unknown element
/// or value.
pub fn set_by_ktab_name(
    params: &mut SmpParams,
    element: &str,
    value: &str,
) -> Result<(), KtabParamError> {
    let bad = || KtabParamError::UnknownValue {
        element: element.to_string(),
        value: value.to_string(),
    };
    match element {
        "VictoryProbModel" => {
            params.victory_prob = match value {
                "Linear" => VictoryProbModel::Linear,
                "Square" => VictoryProbModel::Square,
                "Quartic" => VictoryProbModel::Quartic,
                "Octic" => VictoryProbModel::Octic,
                "Binary" => VictoryProbModel::Binary,
                _ => return Err(bad()),
            }
        }
        "PCEModel" => {
            params.pce = match value {
                "Conditional" | "ConditionalPCM" => PceModel::Conditional,
                "MarkovUniform" | "MarkovUPCM" => PceModel::MarkovUniform,
                "MarkovIncentive" | "MarkovIPCM" => PceModel::MarkovIncentive,
                _ => return Err(bad()),
            }
        }
        "StateTransitions" => {
            params.state_transitions = match value {
                "Deterministic" => StateTransitions::Deterministic,
                "Stochastic" => StateTransitions::Stochastic,
                _ => return Err(bad()),
            }
        }
        "VotingRule" => {
            params.voting_rule = match value {
                "Prop" | "Proportional" => VotingRule::Prop,
                "Binary" => VotingRule::Binary,
                "PropBin" => VotingRule::PropBin,
                "PropCbc" => VotingRule::PropCbc,
                "Cubic" => VotingRule::Cubic,
                "ASymProsp" => VotingRule::ASymProsp,
                _ => return Err(bad()),
            }
        }
        "BigRAdjust" => {
            params.big_r_adjust = match value {
                "None" | "No" | "NoRA" => BigRAdjust::None,
                "OneThird" | "OneThirdRA" => BigRAdjust::OneThird,
                "Half" | "HalfRA" => BigRAdjust::Half,
                "TwoThirds" | "TwoThirdsRA" => BigRAdjust::TwoThirds,
                "Full" | "FullRA" => BigRAdjust::Full,
                _ => return Err(bad()),
            }
        }
        "BigRRange" => {
            params.big_r_range = match value {
                "Min" => BigRRange::Min,
                "Mid" => BigRRange::Mid,
                "Max" => BigRRange::Max,
                _ => return Err(bad()),
            }
        }
        "ThirdPartyCommit" => {
            params.third_party_commit = match value {
                "NoCommit" | "No" | "None" => ThirdPartyCommit::NoCommit,
                "SemiCommit" | "Semi" => ThirdPartyCommit::SemiCommit,
                "FullCommit" | "Full" => ThirdPartyCommit::FullCommit,
                _ => return Err(bad()),
            }
        }
        "InterVecBrgn" => {
            params.inter_vec_brgn = match value {
                "S1P1" => InterVecBrgn::S1P1,
                "S2P2" => InterVecBrgn::S2P2,
                "S2PMax" => InterVecBrgn::S2PMax,
                _ => return Err(bad()),
            }
        }
        "BargnModel" => {
            params.bargn_model = match value {
                "InitOnlyInterp" | "InitOnlyInterpSMPBM" => BargnModel::InitOnlyInterp,
                "InitRcvrInterp" | "InitRcvrInterpSMPBM" => BargnModel::InitRcvrInterp,
                "PWCompInterp" | "PWCompInterpSMPBM" => BargnModel::PWCompInterp,
                _ => return Err(bad()),
            }
        }
        _ => return Err(KtabParamError::UnknownElement(element.to_string())),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ktab_names_accept_both_spellings() {
        let mut p = SmpParams::default();
        set_by_ktab_name(&mut p, "VotingRule", "Proportional").unwrap();
        assert_eq!(p.voting_rule, VotingRule::Prop);
        set_by_ktab_name(&mut p, "BigRAdjust", "No").unwrap();
        assert_eq!(p.big_r_adjust, BigRAdjust::None);
        set_by_ktab_name(&mut p, "BigRAdjust", "None").unwrap();
        assert_eq!(p.big_r_adjust, BigRAdjust::None);
        assert_eq!(
            set_by_ktab_name(&mut p, "VotingRule", "Plurality")
                .unwrap_err()
                .to_string(),
            "unknown value 'Plurality' for <VotingRule>"
        );
        assert_eq!(
            set_by_ktab_name(&mut p, "Colour", "Red").unwrap_err(),
            KtabParamError::UnknownElement("Colour".into())
        );
        assert_eq!(
            set_by_ktab_name(&mut p, "Colour", "Red")
                .unwrap_err()
                .to_string(),
            "unknown model parameter <Colour>"
        );
    }
}
