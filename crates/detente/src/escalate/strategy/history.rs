//! The record of a match as one player observes it.

use crate::escalate::game::Action;

/// Both move vectors from one player's point of view (post-noise, as observed) plus running
/// cooperation counts, so strategies never rescan the record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    my: Vec<Action>,
    op: Vec<Action>,
    my_c: u32,
    op_c: u32,
}

impl History {
    /// An empty history with room for `turns` moves.
    pub fn with_capacity(turns: usize) -> History {
        History {
            my: Vec::with_capacity(turns),
            op: Vec::with_capacity(turns),
            my_c: 0,
            op_c: 0,
        }
    }

    /// A history from two equally long move lists (own first).
    pub fn from_moves(my: &[Action], op: &[Action]) -> History {
        let mut h = History::with_capacity(my.len());
        for (&m, &o) in my.iter().zip(op) {
            h.push(m, o);
        }
        h
    }

    /// Records one turn.
    #[inline]
    pub fn push(&mut self, my: Action, op: Action) {
        self.my.push(my);
        self.op.push(op);
        self.my_c += u32::from(my == Action::C);
        self.op_c += u32::from(op == Action::C);
    }

    /// Forgets all turns, keeping the allocation.
    pub fn clear(&mut self) {
        self.my.clear();
        self.op.clear();
        self.my_c = 0;
        self.op_c = 0;
    }

    /// Turns played so far (`n − 1` at turn `n`).
    #[inline]
    pub fn len(&self) -> usize {
        self.my.len()
    }

    /// `true` before the first turn.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.my.is_empty()
    }

    /// Own moves, turn 1 first.
    #[inline]
    pub fn my(&self) -> &[Action] {
        &self.my
    }

    /// Opponent's moves, turn 1 first.
    #[inline]
    pub fn op(&self) -> &[Action] {
        &self.op
    }

    /// Own last move (`my₋₁`).
    #[inline]
    pub fn my_last(&self) -> Option<Action> {
        self.my.last().copied()
    }

    /// Opponent's last move (`op₋₁`).
    #[inline]
    pub fn op_last(&self) -> Option<Action> {
        self.op.last().copied()
    }

    /// `#C(my)`.
    #[inline]
    pub fn my_cooperations(&self) -> u32 {
        self.my_c
    }

    /// `#D(my)`.
    #[inline]
    pub fn my_defections(&self) -> u32 {
        self.my.len() as u32 - self.my_c
    }

    /// `#C(op)`.
    #[inline]
    pub fn op_cooperations(&self) -> u32 {
        self.op_c
    }

    /// `#D(op)`.
    #[inline]
    pub fn op_defections(&self) -> u32 {
        self.op.len() as u32 - self.op_c
    }

    /// The opponent's last `k` moves (fewer at the start).
    #[inline]
    pub fn op_tail(&self, k: usize) -> &[Action] {
        &self.op[self.op.len().saturating_sub(k)..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::{C, D};

    #[test]
    fn counts_follow_pushes() {
        let h = History::from_moves(&[C, D, D], &[D, D, C]);
        assert_eq!(h.len(), 3);
        assert_eq!((h.my_cooperations(), h.my_defections()), (1, 2));
        assert_eq!((h.op_cooperations(), h.op_defections()), (1, 2));
        assert_eq!(h.op_tail(2), &[D, C]);
        assert_eq!(h.op_tail(5), &[D, D, C]);
        assert_eq!(h.my_last(), Some(D));
    }
}
