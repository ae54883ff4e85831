//! Axelrod's first tournament (1980), the entries with short rules:
//! First by Davis, Feld, Tullock and Anonymous. (Joss and Grofman are memory-one presets, see
//! [`super::memory_one`]; the long rules are in [`super::first_stateful`].)

use super::{Depth, History, MatchContext, Meta, Strategy, choice};
use crate::escalate::game::Action;
use crate::rng::{DetRng, u01};
use Action::{C, D};

const SOURCE: &str = "Axelrod (1980), JCR 24(1); as interpreted by Axelrod-Python 4.x";

/// Which short first-tournament rule a [`FirstSimple`] plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// C for ten turns, then Grudger (counting the first ten turns too).
    Davis,
    /// Tit For Tat whose reply to C decays linearly from C w.p. 1 to 0.5 over 200 turns.
    Feld,
    /// C for eleven turns, then C w.p. (share of C in the opponent's last ten) − 10 points.
    Tullock,
    /// C with a probability drawn uniformly from [0.3, 0.7) each turn.
    Anonymous,
}

/// A short first-tournament rule.
#[derive(Debug, Clone)]
pub struct FirstSimple {
    meta: Meta,
    entry: Entry,
}

/// Feld's cooperation probability after an opponent's C on turn `n`:
/// `max(start + ((end − start)/200)·(n − 1), end)` with start 1, end 0.5.
pub fn feld_probability(n: usize) -> f64 {
    let (start, end, rounds) = (1.0, 0.5, 200.0);
    (start + ((end - start) / rounds) * (n - 1) as f64).max(end)
}

impl Strategy for FirstSimple {
    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn reset(&mut self, _ctx: &MatchContext) {}

    fn decide(&mut self, h: &History, rng: &mut DetRng) -> Action {
        let n = h.len() + 1;
        match self.entry {
            Entry::Davis => {
                if n <= 10 || h.op_defections() == 0 {
                    C
                } else {
                    D
                }
            }
            Entry::Feld => match h.op_last() {
                None => C,
                Some(D) => D,
                Some(C) => choice(rng, feld_probability(n)),
            },
            Entry::Tullock => {
                if n <= 11 {
                    C
                } else {
                    let c = h.op_tail(10).iter().filter(|&&a| a == C).count();
                    choice(rng, (c as f64 / 10.0 - 0.10).max(0.0))
                }
            }
            Entry::Anonymous => {
                // Axelrod-Python draws a fresh probability every turn.
                let r = 3.0 + 4.0 * u01(rng);
                choice(rng, r / 10.0)
            }
        }
    }
}

/// First by Davis (depth ∞, deterministic).
pub fn davis() -> FirstSimple {
    FirstSimple {
        meta: Meta::new(
            "first-by-davis",
            "First by Davis",
            "First by Davis",
            Depth::Infinite,
            false,
        )
        .source(SOURCE),
        entry: Entry::Davis,
    }
}

/// First by Feld (depth 200, stochastic).
pub fn feld() -> FirstSimple {
    FirstSimple {
        meta: Meta::new(
            "first-by-feld",
            "First by Feld",
            "First by Feld",
            Depth::Finite(200),
            true,
        )
        .source(SOURCE),
        entry: Entry::Feld,
    }
}

/// First by Tullock (depth ∞, stochastic).
pub fn tullock() -> FirstSimple {
    FirstSimple {
        meta: Meta::new(
            "first-by-tullock",
            "First by Tullock",
            "First by Tullock",
            Depth::Infinite,
            true,
        )
        .source(SOURCE),
        entry: Entry::Tullock,
    }
}

/// First by Anonymous (depth 0, stochastic).
pub fn anonymous() -> FirstSimple {
    FirstSimple {
        meta: Meta::new(
            "first-by-anonymous",
            "First by Anonymous",
            "First by Anonymous",
            Depth::Finite(0),
            true,
        )
        .source(SOURCE),
        entry: Entry::Anonymous,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::run_stream;

    fn replies(mut s: FirstSimple, op: &[Action], seed: u64) -> Vec<Action> {
        super::super::replies(
            &mut s,
            op,
            &MatchContext::default(),
            &mut run_stream(seed, 1),
        )
    }

    #[test]
    fn davis_forgives_the_first_ten_turns_only_in_action() {
        let mut op = vec![C; 14];
        op[2] = D;
        let moves = replies(davis(), &op, 0);
        assert_eq!(&moves[..10], &[C; 10]);
        assert_eq!(&moves[10..], &[D; 4]);
        assert_eq!(replies(davis(), &[C; 20], 0), vec![C; 20]);
    }

    #[test]
    fn feld_probability_decays_to_one_half() {
        assert_eq!(feld_probability(1), 1.0);
        assert_eq!(feld_probability(101), 0.75);
        assert_eq!(feld_probability(201), 0.5);
        assert_eq!(feld_probability(500), 0.5);
        let moves = replies(feld(), &[D, D, C], 0);
        assert_eq!(moves, [C, D, D]);
    }

    #[test]
    fn tullock_cooperates_eleven_turns_then_tracks_the_opponent() {
        let moves = replies(tullock(), &[D; 30], 1);
        assert_eq!(&moves[..11], &[C; 11]);
        assert!(moves[11..].iter().all(|&a| a == D));
        // Against a cooperator it cooperates w.p. 0.9 from turn 12.
        let moves = replies(tullock(), &vec![C; 20_011], 2);
        let rate = moves[11..].iter().filter(|&&a| a == C).count() as f64 / 20_000.0;
        assert!((rate - 0.9).abs() < 0.01, "{rate}");
    }

    #[test]
    fn anonymous_cooperates_half_the_time() {
        let moves = replies(anonymous(), &vec![C; 20_000], 3);
        let rate = moves.iter().filter(|&&a| a == C).count() as f64 / 20_000.0;
        assert!((rate - 0.5).abs() < 0.015, "{rate}");
    }
}
