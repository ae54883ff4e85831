//! Target choice: each actor challenges the actor whose defeat it
//! expects to gain most from.

use super::challenge::{Perspective, TurnView};
use serde::{Deserialize, Serialize};

/// Smallest expected gain worth a challenge.
pub const MIN_GAIN: f64 = 1e-5;

/// An actor's chosen target with its own estimates.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Index of the targeted actor j.
    pub target: usize,
    /// i's expected gain `ΔEU` from challenging j (h = k = i).
    pub delta_eu: f64,
    /// i's estimate `P^i(i>j)`.
    pub probability: f64,
}

/// The best target of actor `i`: the j with the largest `ΔEU > 1e-5`, evaluated in index
/// order (a strictly larger gain replaces; the first wins ties). `p` is scratch.
pub fn best_target(view: &TurnView<'_>, i: usize, p: &mut Perspective) -> Option<Target> {
    view.perspective(i, i, p);
    let mut best: Option<Target> = None;
    for j in 0..view.n {
        if j == i {
            continue;
        }
        let (prob, gain) = view.challenge(p, i, j);
        let better = best.is_none_or(|b| gain > b.delta_eu);
        if gain > MIN_GAIN && better {
            best = Some(Target {
                target: j,
                delta_eu: gain,
                probability: prob,
            });
        }
    }
    best
}
