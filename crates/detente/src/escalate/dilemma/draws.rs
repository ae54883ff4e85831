//! Uncertain global parameters of the dilemma (noise, spillover, contagion, …) drawn once per
//! run: each run first draws every uncertain parameter, in the fixed order of the list, from the
//! run's own stream `run_stream(seed, k)`, which every policy shares, so all policies of a run
//! face the same parameter values (common random numbers) and the intervals of a comparison
//! cover the parameters' uncertainty as well as the runs' noise. A set-up without uncertain
//! parameters draws nothing, so its runs are those of the point-valued model.

use super::setup::DilemmaParams;
use crate::scenario::Uncertain;
use serde::Serialize;

/// A global parameter that may be uncertain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GlobalParam {
    /// ε.
    Noise,
    /// ε_b.
    Optimism,
    /// ε_x.
    ExecutionNoise,
    /// σ.
    Spillover,
    /// κ.
    Contagion,
    /// ι.
    Interdependence,
    /// γ.
    Grievance,
    /// ω.
    OffenceDefence,
    /// ψ.
    Distinguishability,
    /// β.
    Discount,
    /// ρ₀.
    Reconciliation,
    /// ρ₁.
    ReconciliationRestraint,
    /// η.
    LeadershipChange,
}

impl GlobalParam {
    /// Set this parameter in `p`.
    pub fn set(self, p: &mut DilemmaParams, v: f64) {
        let slot = match self {
            GlobalParam::Noise => &mut p.noise,
            GlobalParam::Optimism => &mut p.optimism,
            GlobalParam::ExecutionNoise => &mut p.execution_noise,
            GlobalParam::Spillover => &mut p.spillover,
            GlobalParam::Contagion => &mut p.contagion,
            GlobalParam::Interdependence => &mut p.interdependence,
            GlobalParam::Grievance => &mut p.grievance,
            GlobalParam::OffenceDefence => &mut p.offence_defence,
            GlobalParam::Distinguishability => &mut p.distinguishability,
            GlobalParam::Discount => &mut p.discount,
            GlobalParam::Reconciliation => &mut p.reconciliation,
            GlobalParam::ReconciliationRestraint => &mut p.reconciliation_restraint,
            GlobalParam::LeadershipChange => &mut p.leadership_change,
        };
        *slot = v;
    }

    /// Whether the parameter changes the stage games' payoffs (and so the welfare range).
    pub fn moves_payoffs(self) -> bool {
        matches!(
            self,
            GlobalParam::Interdependence | GlobalParam::OffenceDefence | GlobalParam::Discount
        )
    }
}

/// An uncertain parameter and its distribution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ParamDraw {
    /// Which parameter.
    pub param: GlobalParam,
    /// Its distribution (only uncertain ones are drawn).
    pub value: Uncertain,
}

/// `params` with every draw's bound (`high` when bit k of `corner` is set, else `low`).
pub(crate) fn at_corner(
    params: DilemmaParams,
    draws: &[ParamDraw],
    corner: usize,
) -> DilemmaParams {
    let mut p = params;
    for (k, d) in draws.iter().enumerate() {
        let v = if corner >> k & 1 == 1 {
            d.value.high()
        } else {
            d.value.low()
        };
        d.param.set(&mut p, v);
    }
    p
}
