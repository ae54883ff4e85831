//! The per-state report: unique position classes, their
//! probabilities, the probability-weighted outcome and the modal class.

use super::input::SmpError;
use super::params::{PceModel, VictoryProbModel, VotingRule};
use super::pce::{Election, PceWork, scalar_pce};
use super::utility::utility;
use serde::{Deserialize, Serialize};

/// Two positions closer than this (Euclidean, on `[0,1]^m`) are one class.
pub const CLASS_TOL: f64 = 1e-3;

/// Probabilities of one state's distinct positions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateReport {
    /// Representative actor of each class (the first actor of the class in index order).
    pub representatives: Vec<usize>,
    /// Class of each actor (index into `representatives`).
    pub class_of: Vec<usize>,
    /// Probability of each class (sums to 1).
    pub class_probability: Vec<f64>,
    /// Each actor's class probability (actors sharing a class report the same number).
    pub actor_probability: Vec<f64>,
    /// Probability-weighted mean of the class positions, on `[0,1]^m`.
    pub outcome: Vec<f64>,
    /// Index of the most probable class (first on ties).
    pub modal_class: usize,
}

/// Groups actors into classes: actor i founds a new class unless it lies within
/// [`CLASS_TOL`] of an earlier representative.
pub fn position_classes(n: usize, m: usize, positions: &[f64]) -> (Vec<usize>, Vec<usize>) {
    let mut reps: Vec<usize> = Vec::new();
    let mut class_of = Vec::with_capacity(n);
    for i in 0..n {
        let xi = &positions[i * m..(i + 1) * m];
        let found = reps.iter().position(|&u| {
            let xu = &positions[u * m..(u + 1) * m];
            let d2: f64 = xi.iter().zip(xu).map(|(a, b)| (a - b) * (a - b)).sum();
            d2.sqrt() < CLASS_TOL
        });
        match found {
            Some(c) => class_of.push(c),
            None => {
                class_of.push(reps.len());
                reps.push(i);
            }
        }
    }
    (reps, class_of)
}

/// Builds the report of one state: each actor values each class representative with its own
/// risk-aware utility `u(d_iu, R_i)`; a scalar PCE with capability weights and the
/// proportional rule (as the reference does) gives the class probabilities.
#[allow(clippy::too_many_arguments)]
pub fn report_state(
    n: usize,
    m: usize,
    positions: &[f64],
    d: &[f64],
    r: &[f64],
    capability: &[f64],
    vpm: VictoryProbModel,
    pce: PceModel,
    work: &mut PceWork,
) -> Result<StateReport, SmpError> {
    let (representatives, class_of) = position_classes(n, m, positions);
    let k = representatives.len();
    let mut util = vec![0.0; n * k];
    for i in 0..n {
        for (c, &u) in representatives.iter().enumerate() {
            util[i * k + c] = utility(d[i * n + u], r[i]);
        }
    }
    let mut class_probability = vec![0.0; k];
    let election = Election {
        rule: VotingRule::Prop,
        vpm,
        pce,
    };
    scalar_pce(election, capability, &util, k, work, &mut class_probability)?;
    let actor_probability = class_of.iter().map(|&c| class_probability[c]).collect();
    let mut outcome = vec![0.0; m];
    for (c, &u) in representatives.iter().enumerate() {
        for (o, &x) in outcome.iter_mut().zip(&positions[u * m..(u + 1) * m]) {
            *o += class_probability[c] * x;
        }
    }
    let mut modal_class = 0;
    for (c, &p) in class_probability.iter().enumerate() {
        if p > class_probability[modal_class] {
            modal_class = c;
        }
    }
    Ok(StateReport {
        representatives,
        class_of,
        class_probability,
        actor_probability,
        outcome,
        modal_class,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_positions_share_a_class() {
        let x = [0.5, 0.5, 0.5004, 0.5, 0.9, 0.1, 0.5, 0.5];
        let (reps, class_of) = position_classes(4, 2, &x);
        assert_eq!(reps, vec![0, 2]);
        assert_eq!(class_of, vec![0, 0, 1, 0]);
    }
}
