//! Per-dyad stage games (escalate.md §4.5): the domain's game, then the Jervis offence–defence
//! transform (military) or the interdependence transform (economic), seen from the row actor.

use super::policy::Action;
use serde::{Deserialize, Serialize};

/// A symmetric 2×2 stage game by its four payoffs to the row player (escalate.md §1.1): R mutual
/// restraint, S restrained against hostility, T hostile against restraint, P mutual hostility.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct StageGame {
    /// Reward for mutual restraint.
    pub r: f64,
    /// Sucker's payoff.
    pub s: f64,
    /// Temptation.
    pub t: f64,
    /// Punishment for mutual hostility.
    pub p: f64,
}

impl StageGame {
    /// The default prisoner's dilemma (3, 0, 5, 1).
    pub const PRISONERS_DILEMMA: StageGame = StageGame {
        r: 3.0,
        s: 0.0,
        t: 5.0,
        p: 1.0,
    };

    /// `true` when all four payoffs are finite.
    pub fn is_finite(&self) -> bool {
        [self.r, self.s, self.t, self.p]
            .iter()
            .all(|v| v.is_finite())
    }

    /// Jervis (1978) offence–defence balance ω ∈ [−1, 1] (escalate.md §1.4):
    /// `T' = T + ω(T − R)`, `S' = S − ω(P − S)`.
    pub fn with_offence_defence(self, omega: f64) -> StageGame {
        StageGame {
            t: self.t + omega * (self.t - self.r),
            s: self.s - omega * (self.p - self.s),
            ..self
        }
    }

    /// Interdependence shift g (escalate.md §1.5, §4.5): `R' = R + g(R − P)`, `P' = P − g(R − P)`.
    pub fn with_interdependence(self, g: f64) -> StageGame {
        let gap = self.r - self.p;
        StageGame {
            r: self.r + g * gap,
            p: self.p - g * gap,
            ..self
        }
    }
}

impl Default for StageGame {
    fn default() -> Self {
        StageGame::PRISONERS_DILEMMA
    }
}

/// Row actor i's game against j in one domain after the transforms.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DyadGame {
    /// The transformed game.
    pub game: StageGame,
}

impl DyadGame {
    /// Payoff to the row actor for (own move, rival's move).
    #[inline]
    pub fn payoff(&self, own: Action, rival: Action) -> f64 {
        match (own, rival) {
            (Action::C, Action::C) => self.game.r,
            (Action::C, Action::D) => self.game.s,
            (Action::D, Action::C) => self.game.t,
            (Action::D, Action::D) => self.game.p,
        }
    }

    /// Kydd's assurance threshold q* = (P − S)/(δ + P − S) (§4.6.2): restraint is worthwhile iff
    /// the predicted probability that the rival restrains is at least q*.
    pub fn trust_threshold(&self, margin: f64) -> f64 {
        let gap = self.game.p - self.game.s;
        gap / (margin + gap)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_defence_advantage_removes_the_gain_from_arming() {
        let g = StageGame::PRISONERS_DILEMMA.with_offence_defence(-1.0);
        assert_eq!((g.t, g.s), (3.0, 1.0));
        let g = StageGame::PRISONERS_DILEMMA.with_offence_defence(0.5);
        assert_eq!((g.t, g.s), (6.0, -0.5));
    }

    #[test]
    fn interdependence_lowers_the_trust_threshold() {
        let base = DyadGame {
            game: StageGame::PRISONERS_DILEMMA,
        };
        assert_eq!(base.trust_threshold(1.0), 0.5);
        let traded = DyadGame {
            game: StageGame::PRISONERS_DILEMMA.with_interdependence(0.2),
        };
        assert_eq!((traded.game.r, traded.game.p), (3.4, 0.6));
        assert!(traded.trust_threshold(1.0) < 0.5);
    }
}
