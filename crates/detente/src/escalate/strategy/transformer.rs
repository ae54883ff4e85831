//! Transformers (Axelrod-Python's strategy transformers): wrappers that change
//! any strategy's moves without rewriting it — `noise` (own move flipped w.p. ε), `forgiveness`
//! (a D becomes C w.p. p), `grudge` (D for good once the opponent has defected more than n times)
//! and `final` (a fixed end-game sequence when the length is known).
//!
//! The inner strategy is always asked first, so its state advances every turn even when the
//! transformer overrides its answer.

use super::{Depth, History, MatchContext, Meta, Player, Strategy, choice, flip};
use crate::escalate::game::{Action, actions_to_string};
use crate::rng::DetRng;

/// The `final(seq)` end game: with a known length L, turns
/// L − len(seq) + 1 … L play `seq` in order; with unknown length nothing changes.
#[derive(Debug, Clone, PartialEq)]
pub struct EndGame {
    seq: Vec<Action>,
    length: Option<u32>,
}

impl EndGame {
    /// An end game playing `seq`.
    pub fn new(seq: Vec<Action>) -> EndGame {
        EndGame { seq, length: None }
    }

    /// Reads the match length.
    pub fn reset(&mut self, ctx: &MatchContext) {
        self.length = ctx.length;
    }

    /// The move for turn `n` (1-based) given the inner strategy's `planned` move.
    #[inline]
    pub fn apply(&self, n: usize, planned: Action) -> Action {
        let Some(length) = self.length else {
            return planned;
        };
        let start = i64::from(length) - self.seq.len() as i64 + 1;
        let n = n as i64;
        if n >= start && n <= i64::from(length) {
            self.seq[(n - start) as usize]
        } else {
            planned
        }
    }

    /// The sequence as a `C`/`D` string.
    pub fn describe(&self) -> String {
        actions_to_string(&self.seq)
    }
}

/// What a [`Transformed`] strategy changes.
#[derive(Debug, Clone, PartialEq)]
pub enum Transform {
    /// Own move flipped with probability ε.
    Noise(f64),
    /// A planned D becomes C with probability p.
    Forgiveness(f64),
    /// D for good once the opponent's defections exceed n.
    Grudge(u32),
    /// The end-game sequence.
    Final(EndGame),
}

/// Any strategy with a [`Transform`] applied.
#[derive(Clone)]
pub struct Transformed {
    meta: Meta,
    inner: Player,
    transform: Transform,
}

impl Transformed {
    /// Wraps `inner`. The classifier follows the transform (noise and forgiveness make a strategy
    /// stochastic, grudge gives it infinite memory, final makes it read the length).
    pub fn new(inner: Player, transform: Transform) -> Transformed {
        let mut meta = inner.meta().clone();
        let (label, value) = match &transform {
            Transform::Noise(e) => {
                meta.stochastic |= *e > 0.0 && *e < 1.0;
                ("noise", e.to_string())
            }
            Transform::Forgiveness(p) => {
                meta.stochastic |= *p > 0.0 && *p < 1.0;
                ("forgiveness", p.to_string())
            }
            Transform::Grudge(n) => {
                meta.memory_depth = Depth::Infinite;
                ("grudge", n.to_string())
            }
            Transform::Final(e) => {
                meta.memory_depth = Depth::Infinite;
                meta.makes_use_of.length = true;
                ("final", e.describe())
            }
        };
        meta.name = format!("{} + {label}({value})", meta.name);
        meta.params.push((format!("+{label}"), value));
        Transformed {
            meta,
            inner,
            transform,
        }
    }
}

impl Strategy for Transformed {
    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn reset(&mut self, ctx: &MatchContext) {
        self.inner.reset(ctx);
        if let Transform::Final(e) = &mut self.transform {
            e.reset(ctx);
        }
    }

    fn decide(&mut self, h: &History, rng: &mut DetRng) -> Action {
        let planned = self.inner.decide(h, rng);
        match &self.transform {
            Transform::Noise(e) => flip(rng, planned, *e),
            Transform::Forgiveness(p) => {
                if planned == Action::D && choice(rng, *p) == Action::C {
                    Action::C
                } else {
                    planned
                }
            }
            Transform::Grudge(n) => {
                if h.op_defections() > *n {
                    Action::D
                } else {
                    planned
                }
            }
            Transform::Final(e) => e.apply(h.len() + 1, planned),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escalate::strategy::memory_one;
    use crate::rng::run_stream;
    use Action::{C, D};

    fn replies(s: &mut Transformed, op: &[Action], length: Option<u32>) -> Vec<Action> {
        let ctx = MatchContext {
            length,
            ..MatchContext::default()
        };
        super::super::replies(s, op, &ctx, &mut run_stream(5, 1))
    }

    #[test]
    fn final_plays_the_end_game_only_with_known_length() {
        let tft = Player::MemoryOne(memory_one::tit_for_tat());
        let mut s = Transformed::new(tft, Transform::Final(EndGame::new(vec![D, D])));
        assert_eq!(replies(&mut s, &[C; 5], Some(5)), [C, C, C, D, D]);
        assert_eq!(replies(&mut s, &[C; 5], None), [C; 5]);
        assert!(s.meta().makes_use_of.length);
    }

    #[test]
    fn grudge_overrides_after_the_threshold() {
        let coop = Player::MemoryOne(memory_one::cooperator());
        let mut s = Transformed::new(coop, Transform::Grudge(1));
        assert_eq!(replies(&mut s, &[D, C, D, C, C], None), [C, C, C, D, D]);
    }

    #[test]
    fn forgiveness_and_noise_are_stochastic() {
        let def = Player::MemoryOne(memory_one::defector());
        let mut s = Transformed::new(def.clone(), Transform::Forgiveness(1.0));
        assert_eq!(replies(&mut s, &[D; 3], None), [C, C, C]);
        let mut s = Transformed::new(def, Transform::Noise(0.5));
        assert!(s.meta().stochastic);
        let moves = replies(&mut s, &vec![C; 10_000], None);
        let rate = moves.iter().filter(|&&a| a == C).count() as f64 / 10_000.0;
        assert!((rate - 0.5).abs() < 0.02);
    }
}
