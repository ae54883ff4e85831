//! Axelrod's first tournament (1980), the entries with long rules (rules D1,
//! G1, N1, S1, R1, T1): First by Downing, Graaskamp, Nydegger, Shubik, Stein and Rapoport, and
//! Tideman and Chieruzzi — each written exactly as the rules are published.

use super::transformer::EndGame;
use super::{Depth, History, MatchContext, Meta, Strategy, looks_random};
use crate::escalate::game::{Action, Game};
use crate::rng::{DetRng, u01};
use Action::{C, D};

const SOURCE: &str = "Axelrod (1980), JCR 24(1); as interpreted by Axelrod-Python 4.x";

/// Rule D1: estimates the opponent's conditional cooperation and maximises expected payoff.
#[derive(Debug, Clone)]
pub struct Downing {
    meta: Meta,
    game: Game,
    /// Opponent's C answers after own C.
    good: u32,
    /// Opponent's C answers after own D.
    bad: u32,
}

impl Strategy for Downing {
    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn reset(&mut self, ctx: &MatchContext) {
        self.game = ctx.game;
        self.good = 0;
        self.bad = 0;
    }

    fn decide(&mut self, h: &History, _rng: &mut DetRng) -> Action {
        let n = h.len() + 1;
        if n == 1 {
            return D;
        }
        let (my, op) = (h.my(), h.op());
        if n == 2 {
            if op[0] == C {
                self.good += 1;
            }
            return D;
        }
        let before = my[n - 3];
        if op[n - 2] == C {
            match before {
                C => self.good += 1,
                D => self.bad += 1,
            }
        }
        let alpha = f64::from(self.good) / f64::from(h.my_cooperations() + 1);
        let beta = f64::from(self.bad) / f64::from(h.my_defections().max(2));
        let v = self.game.rstp();
        let expected_c = alpha * v.r + (1.0 - alpha) * v.s;
        let expected_d = beta * v.t + (1.0 - beta) * v.p;
        if expected_c > expected_d {
            C
        } else if expected_c < expected_d {
            D
        } else {
            my[n - 2].flip()
        }
    }
}

/// First by Downing (rule D1).
pub fn downing() -> Downing {
    Downing {
        meta: Meta::new(
            "first-by-downing",
            "First by Downing",
            "First by Downing",
            Depth::Infinite,
            false,
        )
        .uses_game()
        .source(SOURCE),
        game: Game::default(),
        good: 0,
        bad: 0,
    }
}

/// Rule G1: TFT with a probe at turn 51, then defects against random-looking opponents and
/// throws in random defections against everyone who is not a mirror of itself.
#[derive(Debug, Clone)]
pub struct Graaskamp {
    meta: Meta,
    opponent_is_random: bool,
    next_defection: Option<usize>,
    /// Turns already checked for the mirror conditions.
    checked: usize,
    mirror: bool,
    identical: bool,
}

impl Graaskamp {
    /// Extends the "op[k] = my[k−1]" and "identical histories" checks to the whole record.
    fn update_mirror(&mut self, h: &History) {
        let (my, op) = (h.my(), h.op());
        while self.checked < h.len() {
            let i = self.checked;
            if i >= 1 && op[i] != my[i - 1] {
                self.mirror = false;
            }
            if op[i] != my[i] {
                self.identical = false;
            }
            self.checked += 1;
        }
    }
}

impl Strategy for Graaskamp {
    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn reset(&mut self, _ctx: &MatchContext) {
        self.opponent_is_random = false;
        self.next_defection = None;
        self.checked = 0;
        self.mirror = true;
        self.identical = true;
    }

    fn decide(&mut self, h: &History, rng: &mut DetRng) -> Action {
        let played = h.len();
        self.update_mirror(h);
        let Some(last) = h.op_last() else {
            return C;
        };
        if played < 56 {
            return if last == D || played == 50 { D } else { C };
        }
        self.opponent_is_random |= looks_random(h.op_cooperations(), h.op_defections());
        if self.opponent_is_random {
            return D;
        }
        if self.mirror || self.identical {
            return last;
        }
        let gap = |rng: &mut DetRng| 5 + (u01(rng) * 10.0) as usize;
        let next = match self.next_defection {
            Some(t) => t,
            None => {
                let t = played + gap(rng);
                self.next_defection = Some(t);
                t
            }
        };
        if played == next {
            self.next_defection = Some(played + gap(rng));
            D
        } else {
            C
        }
    }
}

/// First by Graaskamp (rule G1).
pub fn graaskamp() -> Graaskamp {
    Graaskamp {
        meta: Meta::new(
            "first-by-graaskamp",
            "First by Graaskamp",
            "First by Graaskamp",
            Depth::Infinite,
            true,
        )
        .source(SOURCE),
        opponent_is_random: false,
        next_defection: None,
        checked: 0,
        mirror: true,
        identical: true,
    }
}

/// Rule N1: a lookup table over the last three turns' outcomes.
#[derive(Debug, Clone)]
pub struct Nydegger {
    meta: Meta,
}

/// The values of A at which Nydegger defects.
pub const NYDEGGER_DEFECT: [u32; 19] = [
    1, 6, 7, 17, 22, 23, 26, 29, 30, 31, 33, 38, 39, 45, 49, 54, 55, 58, 61,
];

impl Strategy for Nydegger {
    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn reset(&mut self, _ctx: &MatchContext) {}

    fn decide(&mut self, h: &History, _rng: &mut DetRng) -> Action {
        let (my, op) = (h.my(), h.op());
        let played = h.len();
        match played {
            0 => C,
            1 => op[0],
            2 => {
                if op[0] == D && op[1] == C {
                    D
                } else {
                    op[1]
                }
            }
            _ => {
                let a = |k: usize| 2 * op[k].index() as u32 + my[k].index() as u32;
                let score = 16 * a(played - 1) + 4 * a(played - 2) + a(played - 3);
                if NYDEGGER_DEFECT.contains(&score) {
                    D
                } else {
                    C
                }
            }
        }
    }
}

/// First by Nydegger (rule N1).
pub fn nydegger() -> Nydegger {
    Nydegger {
        meta: Meta::new(
            "first-by-nydegger",
            "First by Nydegger",
            "First by Nydegger",
            Depth::Finite(3),
            false,
        )
        .source(SOURCE),
    }
}

/// Rule S1: retaliations that grow by one each time the opponent defects against a C.
#[derive(Debug, Clone)]
pub struct Shubik {
    meta: Meta,
    length: u32,
    remaining: u32,
}

impl Strategy for Shubik {
    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn reset(&mut self, _ctx: &MatchContext) {
        self.length = 0;
        self.remaining = 0;
    }

    fn decide(&mut self, h: &History, _rng: &mut DetRng) -> Action {
        let (Some(my), Some(op)) = (h.my_last(), h.op_last()) else {
            return C;
        };
        if self.remaining > 0 {
            self.remaining -= 1;
            D
        } else if op == D && my == C {
            self.length += 1;
            self.remaining = self.length - 1;
            D
        } else {
            C
        }
    }
}

/// First by Shubik (rule S1).
pub fn shubik() -> Shubik {
    Shubik {
        meta: Meta::new(
            "first-by-shubik",
            "First by Shubik",
            "First by Shubik",
            Depth::Infinite,
            false,
        )
        .source(SOURCE),
        length: 0,
        remaining: 0,
    }
}

/// Rule R1: TFT after four C, defecting against opponents that look random (tested every 15
/// turns), with a final (D, D).
#[derive(Debug, Clone)]
pub struct SteinRapoport {
    meta: Meta,
    opponent_is_random: bool,
    end_game: EndGame,
}

impl Strategy for SteinRapoport {
    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn reset(&mut self, ctx: &MatchContext) {
        self.opponent_is_random = false;
        self.end_game.reset(ctx);
    }

    fn decide(&mut self, h: &History, _rng: &mut DetRng) -> Action {
        let n = h.len() + 1;
        let planned = match h.op_last() {
            _ if n <= 4 => C,
            Some(last) if n <= 14 => last,
            Some(last) => {
                if n.is_multiple_of(15) {
                    self.opponent_is_random = looks_random(h.op_cooperations(), h.op_defections());
                }
                if self.opponent_is_random { D } else { last }
            }
            None => C,
        };
        self.end_game.apply(n, planned)
    }
}

/// First by Stein and Rapoport (rule R1 + final (D, D)).
pub fn stein_rapoport() -> SteinRapoport {
    SteinRapoport {
        meta: Meta::new(
            "first-by-stein-rapoport",
            "First by Stein and Rapoport",
            "First by Stein and Rapoport",
            Depth::Infinite,
            false,
        )
        .uses_length()
        .source(SOURCE),
        opponent_is_random: false,
        end_game: EndGame::new(vec![D, D]),
    }
}

/// Rule T1: growing retaliation with "fresh starts" when ahead against a non-random opponent,
/// with a final (D, D).
#[derive(Debug, Clone)]
pub struct TidemanChieruzzi {
    meta: Meta,
    game: Game,
    length: Option<u32>,
    retaliation: u32,
    remaining: u32,
    my_score: f64,
    op_score: f64,
    last_fresh: usize,
    fresh: bool,
    defections: u32,
    end_game: EndGame,
}

impl TidemanChieruzzi {
    fn rule(&mut self, h: &History) -> Action {
        let n = h.len() + 1;
        let (Some(my), Some(op)) = (h.my_last(), h.op_last()) else {
            return C;
        };
        if op == D {
            self.defections += 1;
        }
        self.my_score += self.game.a[my.index()][op.index()];
        self.op_score += self.game.b[my.index()][op.index()];
        if self.fresh {
            self.fresh = false;
            return C;
        }
        let due = self.last_fresh == 0 || n - self.last_fresh >= 20;
        let time_left = self.length.is_none_or(|l| i64::from(l) - n as i64 >= 10);
        if due && self.my_score - self.op_score >= 10.0 && time_left && op == C {
            let played = (n - 1) as f64;
            let s = played.sqrt() / 2.0;
            let d = f64::from(self.defections);
            if d <= played / 2.0 - 3.0 * s || d >= played / 2.0 + 3.0 * s {
                self.last_fresh = n;
                self.retaliation = 0;
                self.remaining = 0;
                self.defections = 0;
                self.fresh = true;
                return C;
            }
        }
        if self.remaining > 0 {
            self.remaining -= 1;
            return D;
        }
        if op == D {
            self.retaliation += 1;
            self.remaining = self.retaliation - 1;
            return D;
        }
        C
    }
}

impl Strategy for TidemanChieruzzi {
    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn reset(&mut self, ctx: &MatchContext) {
        self.game = ctx.game;
        self.length = ctx.length;
        self.retaliation = 0;
        self.remaining = 0;
        self.my_score = 0.0;
        self.op_score = 0.0;
        self.last_fresh = 0;
        self.fresh = false;
        self.defections = 0;
        self.end_game.reset(ctx);
    }

    fn decide(&mut self, h: &History, _rng: &mut DetRng) -> Action {
        let planned = self.rule(h);
        self.end_game.apply(h.len() + 1, planned)
    }
}

/// First by Tideman and Chieruzzi (rule T1 + final (D, D)).
pub fn tideman_chieruzzi() -> TidemanChieruzzi {
    TidemanChieruzzi {
        meta: Meta::new(
            "first-by-tideman-chieruzzi",
            "First by Tideman and Chieruzzi",
            "First by Tideman and Chieruzzi",
            Depth::Infinite,
            false,
        )
        .uses_game()
        .uses_length()
        .source(SOURCE),
        game: Game::default(),
        length: None,
        retaliation: 0,
        remaining: 0,
        my_score: 0.0,
        op_score: 0.0,
        last_fresh: 0,
        fresh: false,
        defections: 0,
        end_game: EndGame::new(vec![D, D]),
    }
}
