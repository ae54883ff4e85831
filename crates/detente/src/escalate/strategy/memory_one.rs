//! Memory-one strategies: the move depends only on the last turn, so the
//! whole rule is a four-vector of cooperation probabilities keyed by (own, opponent) last moves
//! plus a first-move probability. Cooperator, Defector, Tit For Tat, Suspicious TFT, Alternator,
//! Win-Stay Lose-Shift, Win-Shift Lose-Stay, Anti TFT, Bully, GTFT, Random, First by Joss, First by
//! Grofman and the generic memory-one player are all presets of [`MemoryOne`].

use super::{Depth, History, MatchContext, Meta, Strategy, choice};
use crate::escalate::game::{Action, Game};
use crate::rng::DetRng;

/// Cooperation probabilities after (CC, CD, DC, DD) — own move first — and on turn 1
/// (`memory-one`).
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct FourVector {
    /// `p[2·own + opp]`: probability of C after the last turn was (own, opp).
    pub p: [f64; 4],
    /// Probability of C on turn 1.
    pub initial: f64,
}

impl FourVector {
    /// `true` when no probability lies strictly between 0 and 1 (no random draws).
    pub fn is_deterministic(&self) -> bool {
        self.p
            .iter()
            .chain(std::iter::once(&self.initial))
            .all(|&x| x <= 0.0 || x >= 1.0)
    }

    /// Cooperation probability after the turn (own, opp).
    #[inline]
    pub fn after(&self, own: Action, opp: Action) -> f64 {
        self.p[2 * own.index() + opp.index()]
    }
}

/// A memory-one player: `choice(initial)` on turn 1, then `choice(p[(my₋₁, op₋₁)])`.
#[derive(Debug, Clone)]
pub struct MemoryOne {
    meta: Meta,
    vector: FourVector,
    /// GTFT without an explicit `g` recomputes its generosity from each match's game.
    generosity_from_game: bool,
}

impl MemoryOne {
    /// A memory-one player with the given classifier and four-vector.
    pub fn new(meta: Meta, p: [f64; 4], initial: f64) -> MemoryOne {
        MemoryOne {
            meta,
            vector: FourVector { p, initial },
            generosity_from_game: false,
        }
    }
}

impl Strategy for MemoryOne {
    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn reset(&mut self, ctx: &MatchContext) {
        if self.generosity_from_game {
            let g = default_generosity(&ctx.game);
            self.vector.p[1] = g;
            self.vector.p[3] = g;
        }
    }

    #[inline]
    fn decide(&mut self, h: &History, rng: &mut DetRng) -> Action {
        match (h.my_last(), h.op_last()) {
            (Some(m), Some(o)) => choice(rng, self.vector.after(m, o)),
            _ => choice(rng, self.vector.initial),
        }
    }

    fn four_vector(&self) -> Option<FourVector> {
        Some(self.vector)
    }
}

fn first(a: Action) -> f64 {
    if a == Action::C { 1.0 } else { 0.0 }
}

/// Cooperator: always C.
pub fn cooperator() -> MemoryOne {
    let m = Meta::new(
        "cooperator",
        "Cooperator",
        "Cooperator",
        Depth::Finite(0),
        false,
    )
    .source("Axelrod (1984)");
    MemoryOne::new(m, [1.0; 4], 1.0)
}

/// Defector: always D.
pub fn defector() -> MemoryOne {
    let m = Meta::new("defector", "Defector", "Defector", Depth::Finite(0), false)
        .source("Axelrod (1984)");
    MemoryOne::new(m, [0.0; 4], 0.0)
}

/// Tit For Tat: first C, then the opponent's last move (Rapoport; Axelrod 1980).
pub fn tit_for_tat() -> MemoryOne {
    let m = Meta::new(
        "tit-for-tat",
        "Tit For Tat",
        "Tit For Tat",
        Depth::Finite(1),
        false,
    )
    .source("Rapoport; Axelrod (1980)");
    MemoryOne::new(m, [1.0, 0.0, 1.0, 0.0], 1.0)
}

/// Suspicious Tit For Tat: first D, then the opponent's last move.
pub fn suspicious_tit_for_tat() -> MemoryOne {
    let m = Meta::new(
        "suspicious-tit-for-tat",
        "Suspicious Tit For Tat",
        "Suspicious Tit For Tat",
        Depth::Finite(1),
        false,
    )
    .source("Beaufils, Delahaye & Mathieu (1997)");
    MemoryOne::new(m, [1.0, 0.0, 1.0, 0.0], 0.0)
}

/// Alternator: first C, then the opposite of its own last move.
pub fn alternator() -> MemoryOne {
    let m = Meta::new(
        "alternator",
        "Alternator",
        "Alternator",
        Depth::Finite(1),
        false,
    )
    .source("Axelrod (1984)");
    MemoryOne::new(m, [0.0, 0.0, 1.0, 1.0], 1.0)
}

/// Win-Stay Lose-Shift (Pavlov): first C, then C iff both played the same last turn.
pub fn win_stay_lose_shift() -> MemoryOne {
    let m = Meta::new(
        "win-stay-lose-shift",
        "Win-Stay Lose-Shift",
        "Win-Stay Lose-Shift",
        Depth::Finite(1),
        false,
    )
    .source("Nowak & Sigmund (1993)");
    MemoryOne::new(m, [1.0, 0.0, 0.0, 1.0], 1.0)
}

/// Win-Shift Lose-Stay: first D, then D iff both played the same last turn.
pub fn win_shift_lose_stay() -> MemoryOne {
    let m = Meta::new(
        "win-shift-lose-stay",
        "Win-Shift Lose-Stay",
        "Win-Shift Lose-Stay",
        Depth::Finite(1),
        false,
    )
    .source("Li (2007)");
    MemoryOne::new(m, [0.0, 1.0, 1.0, 0.0], 0.0)
}

/// Anti Tit For Tat: first C, then the opposite of the opponent's last move.
pub fn anti_tit_for_tat() -> MemoryOne {
    let m = Meta::new(
        "anti-tit-for-tat",
        "Anti Tit For Tat",
        "Anti Tit For Tat",
        Depth::Finite(1),
        false,
    )
    .source("Hilbe, Nowak & Sigmund (2013)");
    MemoryOne::new(m, [0.0, 1.0, 0.0, 1.0], 1.0)
}

/// Bully: first D, then the opposite of the opponent's last move.
pub fn bully() -> MemoryOne {
    let m = Meta::new("bully", "Bully", "Bully", Depth::Finite(1), false).source("Nachbar (1992)");
    MemoryOne::new(m, [0.0, 1.0, 0.0, 1.0], 0.0)
}

/// GTFT's default generosity from a player's game:
/// `g = min(1 − (T − R)/(R − S), (R − P)/(T − P))`, clamped to [0, 1] (1/3 for 3, 0, 5, 1).
pub fn default_generosity(game: &Game) -> f64 {
    let v = game.rstp();
    let g = (1.0 - (v.t - v.r) / (v.r - v.s)).min((v.r - v.p) / (v.t - v.p));
    if g.is_nan() { 0.0 } else { g.clamp(0.0, 1.0) }
}

/// Generous Tit For Tat (Nowak & Sigmund 1992): memory-one (1, g, 1, g), first C. Without `g` the
/// generosity comes from each match's game via [`default_generosity`].
pub fn generous_tit_for_tat(g: Option<f64>) -> MemoryOne {
    let value = g.unwrap_or_else(|| default_generosity(&Game::default()));
    let mut m = Meta::new(
        "generous-tit-for-tat",
        "Generous Tit For Tat",
        "GTFT",
        Depth::Finite(1),
        value > 0.0 && value < 1.0,
    )
    .source("Nowak & Sigmund (1992)");
    if let Some(g) = g {
        m = m.param("g", g);
    } else {
        m = m.uses_game();
    }
    let mut s = MemoryOne::new(m, [1.0, value, 1.0, value], 1.0);
    s.generosity_from_game = g.is_none();
    s
}

/// Random: `choice(p)` every turn, first turn included.
pub fn random(p: f64) -> MemoryOne {
    let m = Meta::new(
        "random",
        "Random",
        "Random",
        Depth::Finite(0),
        p > 0.0 && p < 1.0,
    )
    .param("p", p)
    .source("Axelrod (1980)");
    MemoryOne::new(m, [p; 4], p)
}

/// First by Joss (Axelrod 1980): memory-one (0.9, 0, 0.9, 0), first C.
pub fn first_by_joss() -> MemoryOne {
    let m = Meta::new(
        "first-by-joss",
        "First by Joss",
        "First by Joss",
        Depth::Finite(1),
        true,
    )
    .source("Axelrod (1980), JCR 24(1)");
    MemoryOne::new(m, [0.9, 0.0, 0.9, 0.0], 1.0)
}

/// First by Grofman (Axelrod 1980): C on turn 1 or when both played alike; else C with
/// probability 2/7, i.e. memory-one (1, 2/7, 2/7, 1).
pub fn first_by_grofman() -> MemoryOne {
    let m = Meta::new(
        "first-by-grofman",
        "First by Grofman",
        "First by Grofman",
        Depth::Finite(1),
        true,
    )
    .source("Axelrod (1980), JCR 24(1)");
    let q = 2.0 / 7.0;
    MemoryOne::new(m, [1.0, q, q, 1.0], 1.0)
}

/// The generic memory-one player: first `initial`, then `choice(p[(own, opp)])`.
/// Depth 0 when all four probabilities are 0 or all are 1.
pub fn generic(p: [f64; 4], initial: Action) -> MemoryOne {
    let constant = p.iter().all(|&x| x == 0.0) || p.iter().all(|&x| x == 1.0);
    let stochastic = p.iter().any(|&x| x > 0.0 && x < 1.0);
    let m = Meta::new(
        "memory-one",
        "Generic Memory One Player",
        "Generic Memory One Player",
        Depth::Finite(if constant { 0 } else { 1 }),
        stochastic,
    )
    .param("p_cc", p[0])
    .param("p_cd", p[1])
    .param("p_dc", p[2])
    .param("p_dd", p[3])
    .param("initial", initial)
    .source("Press & Dyson (2012); Axelrod-Python MemoryOnePlayer");
    MemoryOne::new(m, p, first(initial))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::run_stream;
    use Action::{C, D};

    fn replies(mut s: MemoryOne, op: &[Action]) -> Vec<Action> {
        super::super::replies(&mut s, op, &MatchContext::default(), &mut run_stream(0, 1))
    }

    #[test]
    fn deterministic_presets_reply_as_their_rules() {
        let op = [D, C, D, D, C, C];
        assert_eq!(replies(tit_for_tat(), &op), [C, D, C, D, D, C]);
        assert_eq!(replies(suspicious_tit_for_tat(), &op), [D, D, C, D, D, C]);
        assert_eq!(replies(alternator(), &op), [C, D, C, D, C, D]);
        assert_eq!(replies(anti_tit_for_tat(), &op), [C, C, D, C, C, D]);
        assert_eq!(replies(bully(), &op), [D, C, D, C, C, D]);
        // WSLS: C (v D: lose) -> D (v C: win) -> D (v D: same) -> C (v D) -> D (v C) -> D.
        assert_eq!(replies(win_stay_lose_shift(), &op), [C, D, D, C, D, D]);
        assert_eq!(replies(win_shift_lose_stay(), &op), [D, D, C, C, C, D]);
        assert_eq!(replies(cooperator(), &op), [C; 6]);
        assert_eq!(replies(defector(), &op), [D; 6]);
    }

    #[test]
    fn gtft_generosity_comes_from_the_game() {
        assert!((default_generosity(&Game::default()) - 1.0 / 3.0).abs() < 1e-15);
        let mut s = generous_tit_for_tat(None);
        s.reset(&MatchContext {
            game: Game::preset("stag-hunt").unwrap(),
            length: None,
        });
        // Stag hunt (5, 0, 3, 1): min(1 + 2/5, 4/2) = 1.4 -> clamped to 1.
        assert_eq!(s.four_vector().unwrap().p, [1.0, 1.0, 1.0, 1.0]);
        assert_eq!(
            generous_tit_for_tat(Some(0.1)).four_vector().unwrap().p[1],
            0.1
        );
    }

    #[test]
    fn classifiers_follow_parameters() {
        assert!(!random(0.0).meta().stochastic);
        assert!(random(0.5).meta().stochastic);
        assert_eq!(generic([1.0; 4], C).meta().memory_depth, Depth::Finite(0));
        assert!(!generic([1.0, 0.0, 1.0, 0.0], C).meta().stochastic);
        assert!(first_by_joss().meta().stochastic);
    }

    #[test]
    fn joss_cooperation_rate_after_c_is_nine_tenths() {
        let op = vec![C; 20_000];
        let moves = replies(first_by_joss(), &op);
        let rate = moves[1..].iter().filter(|&&a| a == C).count() as f64 / 19_999.0;
        // After a D of its own v C (state DC) Joss also cooperates w.p. 0.9, so the rate is 0.9.
        assert!((rate - 0.9).abs() < 0.01, "{rate}");
    }
}
