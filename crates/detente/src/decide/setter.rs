//! The agenda setter (Romer and Rosenthal's setter model; Tsebelis's veto players).
//!
//! A proposer `p` with position `x_p` offers the point it likes best among those the body would
//! adopt over the status quo, and the body adopts it. On one dimension, with the rule's
//! admissible set `A(q) = [lo, hi]`:
//!
//! ```text
//! (S1)  z* = argmin_{z ∈ A(q)} |x_p − z| = clamp(x_p, lo, hi)
//! ```
//!
//! The members whose acceptance bound stops the proposal short of `x_p` are pivotal: the
//! proposal is exactly as far as they will go.
//!
//! **Movement.** The body *moves* when the adopted point lies farther than a material step
//! `δ = 0.01·Δ` (one point on a 0–100 scale, below the resolution of an analyst's coding) from the
//! status quo, up or down; otherwise it *stays*:
//!
//! ```text
//! (S2)  up ⇔ z* − q > δ,   down ⇔ q − z* > δ,   stays otherwise
//! ```
//!
//! A deadlock (nothing beats `q`) always stays; a body whose win-set is only a sliver beyond `q`
//! stays too, which is why the Monte Carlo reports `P(up)`, `P(down)` and `P(stays)` rather
//! than the deadlock alone.

use serde::{Deserialize, Serialize};

use super::issue::ResolvedIssue;
use super::rules::{admissible, pivotal};

/// The material step `δ` of S2, as a share of the scale's width.
pub const MATERIAL_MOVE: f64 = 0.01;

/// Which way the body moves off the status quo (S2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Movement {
    /// The adopted point lies more than `δ` above the status quo.
    Up,
    /// The adopted point lies more than `δ` below the status quo.
    Down,
    /// The adopted point lies within `δ` of the status quo (deadlock included).
    Stays,
}

impl Movement {
    /// S2 for an adopted point `z` against status quo `q` on a scale of width `width`.
    pub fn of(q: f64, z: f64, width: f64) -> Movement {
        let step = MATERIAL_MOVE * width.abs();
        if z - q > step {
            Movement::Up
        } else if q - z > step {
            Movement::Down
        } else {
            Movement::Stays
        }
    }

    /// The word used in text output.
    pub fn word(self) -> &'static str {
        match self {
            Movement::Up => "up",
            Movement::Down => "down",
            Movement::Stays => "stays",
        }
    }
}

/// What the agenda setter proposes and the body adopts on one issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetterOutcome {
    /// The proposer's id.
    pub proposer: String,
    /// The proposer's own position (what it would propose unconstrained).
    pub ideal: f64,
    /// The rule's admissible set `A(q)`: the win-set together with the status quo.
    pub win_set: (f64, f64),
    /// The adopted point `z*` of S1.
    pub outcome: f64,
    /// The members whose acceptance bound holds the proposal at `z*` (empty when the proposer
    /// gets its own position or nothing beats the status quo).
    pub pivotal: Vec<String>,
    /// True when nothing beats the status quo, so the proposal fails.
    pub deadlock: bool,
    /// The status quo `q`.
    pub status_quo: f64,
    /// Whether the adopted point moves off the status quo, and which way (S2).
    pub movement: Movement,
}

/// The setter's outcome on a one-dimensional issue with a rule, a status quo and a proposer
/// with a stance; `None` otherwise.
pub fn agenda(issue: &ResolvedIssue) -> Option<SetterOutcome> {
    let rule = issue.rule.as_ref()?;
    let q = issue.status_quo_1d()?;
    let proposer = issue.proposer.as_ref()?;
    let ideal = issue.stances.iter().find(|s| &s.actor == proposer)?.x();
    let (lo, hi) = admissible(rule, issue, 0, q);
    let outcome = ideal.clamp(lo, hi);
    let pivotal = if outcome == ideal {
        Vec::new()
    } else {
        pivotal(issue, 0, q, outcome)
    };
    Some(SetterOutcome {
        proposer: proposer.clone(),
        ideal,
        win_set: (lo, hi),
        outcome,
        pivotal,
        deadlock: lo == hi,
        status_quo: q,
        movement: Movement::of(q, outcome, issue.scale.range()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::DecisionRule;
    use crate::decide::issue::{Scale, Stance};

    /// Three members at 30, 60, 80, a status quo at 40 and a proposer at 90 under majority:
    /// the median member (60) accepts up to 80, so the setter gets 80 and 60 is pivotal.
    #[test]
    fn setter_takes_the_far_end_of_the_win_set() {
        let mut i = ResolvedIssue::one_dimensional(
            "i",
            Scale::new(0.0, 100.0),
            vec![
                Stance::new("a", 1.0, 30.0, 1.0),
                Stance::new("b", 1.0, 60.0, 1.0),
                Stance::new("c", 1.0, 80.0, 1.0),
                Stance {
                    vote_weight: 0.0,
                    ..Stance::new("setter", 1.0, 90.0, 1.0)
                },
            ],
        );
        i.status_quo = Some(vec![40.0]);
        i.rule = Some(DecisionRule::Majority);
        i.proposer = Some("setter".into());
        let s = agenda(&i).expect("a setter outcome");
        assert_eq!(s.win_set, (40.0, 80.0));
        assert_eq!(s.outcome, 80.0);
        assert_eq!(s.pivotal, vec!["b".to_string()]);
        assert!(!s.deadlock);
        assert_eq!(s.movement, Movement::Up);
        // A proposer inside the win-set gets its own position, and nobody is pivotal.
        i.stances[3].position = vec![70.0];
        let s = agenda(&i).expect("a setter outcome");
        assert_eq!((s.outcome, s.pivotal.len()), (70.0, 0));
        // A proposal within one point of the status quo is no material move.
        i.stances[3].position = vec![40.9];
        assert_eq!(
            agenda(&i).expect("a setter outcome").movement,
            Movement::Stays
        );
        // Below the status quo the majority does not follow (only the member at 30 would), so
        // the setter's 38.5 is cut back to 40.
        i.stances[3].position = vec![38.5];
        assert_eq!(
            agenda(&i).expect("a setter outcome").movement,
            Movement::Stays
        );
        assert_eq!(Movement::of(40.0, 38.5, 100.0), Movement::Down);
        assert_eq!(Movement::of(40.0, 39.0, 100.0), Movement::Stays);
    }
}
