//! Per-dyad stage games: the domain's game, then the Jervis offence–defence
//! transform (military) or the interdependence transform (economic), seen from the row actor.
//! The transforms themselves are [`Game::offence_defence`] and [`Game::interdependence`].

use super::DilemmaError;
use crate::escalate::game::{Action, Game, Rstp};
use serde::{Deserialize, Serialize};

/// A symmetric 2×2 stage game by its four payoffs to the row player: R mutual
/// restraint, S restrained against hostility, T hostile against restraint, P mutual hostility.
/// The scenario adapter turns a preset name into these with `Game::preset(name)?.rstp()`.
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

    /// The symmetric game, rejecting non-finite payoffs.
    pub fn to_game(self) -> Result<Game, DilemmaError> {
        Game::try_symmetric(self.r, self.s, self.t, self.p)
            .map_err(|e| DilemmaError::Input(format!("stage game: {e}")))
    }
}

impl Default for StageGame {
    fn default() -> Self {
        StageGame::PRISONERS_DILEMMA
    }
}

impl From<Rstp> for StageGame {
    fn from(v: Rstp) -> Self {
        StageGame {
            r: v.r,
            s: v.s,
            t: v.t,
            p: v.p,
        }
    }
}

/// Row actor i's transformed payoffs against j in one domain.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct DyadGame {
    /// i's (R, S, T, P) after the domain's transform.
    pub payoffs: Rstp,
}

impl DyadGame {
    /// Payoff to the row actor for (own move, rival's move).
    #[inline]
    pub fn payoff(&self, own: Action, rival: Action) -> f64 {
        match (own, rival) {
            (Action::C, Action::C) => self.payoffs.r,
            (Action::C, Action::D) => self.payoffs.s,
            (Action::D, Action::C) => self.payoffs.t,
            (Action::D, Action::D) => self.payoffs.p,
        }
    }

    /// Kydd's assurance threshold q* = (P − S)/(δ + P − S): restraint is worthwhile iff
    /// the predicted probability that the rival restrains is at least q*.
    pub fn trust_threshold(&self, margin: f64) -> f64 {
        let gap = self.payoffs.p - self.payoffs.s;
        gap / (margin + gap)
    }
}

/// The bimatrix i plays against j: `a[x][y]` = i's payoff, `b[x][y]` = j's payoff when i plays
/// x and j plays y (τ_ij ≠ τ_ji, so the two rows' transforms differ).
pub(crate) fn bimatrix(mine: &DyadGame, theirs: &DyadGame) -> Result<Game, DilemmaError> {
    let own = |g: &DyadGame| [[g.payoffs.r, g.payoffs.s], [g.payoffs.t, g.payoffs.p]];
    let a = own(mine);
    let o = own(theirs);
    let b = [[o[0][0], o[1][0]], [o[0][1], o[1][1]]];
    Game::bimatrix(a, b).map_err(|e| DilemmaError::Input(format!("dyad game: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interdependence_lowers_the_trust_threshold() {
        let base = DyadGame {
            payoffs: Game::default().rstp(),
        };
        assert_eq!(base.trust_threshold(1.0), 0.5);
        let traded = DyadGame {
            payoffs: Game::default().interdependence(0.2).unwrap().rstp(),
        };
        assert!((traded.payoffs.r - 3.4).abs() < 1e-12 && (traded.payoffs.p - 0.6).abs() < 1e-12);
        assert!(traded.trust_threshold(1.0) < 0.5);
    }

    #[test]
    fn the_bimatrix_carries_both_rows() {
        let mine = DyadGame {
            payoffs: Game::default().rstp(),
        };
        let theirs = DyadGame {
            payoffs: Game::default().interdependence(0.5).unwrap().rstp(),
        };
        let g = bimatrix(&mine, &theirs).unwrap();
        assert_eq!(g.score(Action::C, Action::C), (3.0, 4.0));
        assert_eq!(g.score(Action::C, Action::D), (0.0, 5.0));
        assert_eq!(g.score(Action::D, Action::D), (1.0, 0.0));
    }
}
