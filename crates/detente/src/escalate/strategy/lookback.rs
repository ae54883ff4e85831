//! Deterministic rules over the last few moves or the running counts: Tit For
//! 2 Tats, Two Tits For Tat, Hard Tit For Tat, Hard Tit For 2 Tats, Grudger, Prober, Soft Go By
//! Majority and the cyclers.

use super::{Depth, History, MatchContext, Meta, Strategy};
use crate::escalate::game::{Action, actions_to_string};
use crate::rng::DetRng;
use Action::{C, D};

/// Which look-back rule a [`LookBack`] plays.
#[derive(Debug, Clone, PartialEq)]
pub enum Rule {
    /// D iff the opponent's last two moves are D, D.
    TitFor2Tats,
    /// D iff a D is among the opponent's last two moves.
    TwoTitsForTat,
    /// D iff a D is among the opponent's last three moves.
    HardTitForTat,
    /// D iff the opponent's last three moves contain two consecutive D.
    HardTitFor2Tats,
    /// D iff the opponent has ever defected.
    Grudger,
    /// D, C, C; then D forever if the opponent answered turns 2–3 with C, C, else Tit For Tat.
    Prober,
    /// D iff the opponent has defected more often than cooperated (ties C).
    SoftMajority,
    /// Plays the pattern over and over.
    Cycle(Vec<Action>),
}

/// A strategy defined by a [`Rule`] over the visible record.
#[derive(Debug, Clone)]
pub struct LookBack {
    meta: Meta,
    rule: Rule,
}

impl LookBack {
    /// The rule played.
    pub fn rule(&self) -> &Rule {
        &self.rule
    }
}

fn has_d(moves: &[Action]) -> bool {
    moves.contains(&D)
}

impl Strategy for LookBack {
    fn meta(&self) -> &Meta {
        &self.meta
    }

    fn reset(&mut self, _ctx: &MatchContext) {}

    fn decide(&mut self, h: &History, _rng: &mut DetRng) -> Action {
        let d_if = |b: bool| if b { D } else { C };
        match &self.rule {
            Rule::TitFor2Tats => d_if(h.op_tail(2) == [D, D]),
            Rule::TwoTitsForTat => d_if(has_d(h.op_tail(2))),
            Rule::HardTitForTat => d_if(has_d(h.op_tail(3))),
            Rule::HardTitFor2Tats => d_if(h.op_tail(3).windows(2).any(|w| w == [D, D])),
            Rule::Grudger => d_if(h.op_defections() > 0),
            Rule::Prober => match h.len() {
                0 => D,
                1 | 2 => C,
                _ => {
                    let op = h.op();
                    if op[1] == C && op[2] == C {
                        D
                    } else {
                        op[op.len() - 1]
                    }
                }
            },
            Rule::SoftMajority => d_if(h.op_defections() > h.op_cooperations()),
            Rule::Cycle(pattern) => pattern[h.len() % pattern.len()],
        }
    }
}

fn make(id: &str, name: &str, depth: Depth, source: &str, rule: Rule) -> LookBack {
    LookBack {
        meta: Meta::new(id, name, name, depth, false).source(source),
        rule,
    }
}

/// Tit For 2 Tats (Axelrod 1984).
pub fn tit_for_2_tats() -> LookBack {
    make(
        "tit-for-2-tats",
        "Tit For 2 Tats",
        Depth::Finite(2),
        "Axelrod (1984)",
        Rule::TitFor2Tats,
    )
}

/// Two Tits For Tat (Axelrod 1984).
pub fn two_tits_for_tat() -> LookBack {
    make(
        "two-tits-for-tat",
        "Two Tits For Tat",
        Depth::Finite(2),
        "Axelrod (1984)",
        Rule::TwoTitsForTat,
    )
}

/// Hard Tit For Tat (Axelrod-Python, after the PRISON project).
pub fn hard_tit_for_tat() -> LookBack {
    make(
        "hard-tit-for-tat",
        "Hard Tit For Tat",
        Depth::Finite(3),
        "PRISON project (LIFL, 1998)",
        Rule::HardTitForTat,
    )
}

/// Hard Tit For 2 Tats (Stewart & Plotkin 2012).
pub fn hard_tit_for_2_tats() -> LookBack {
    make(
        "hard-tit-for-2-tats",
        "Hard Tit For 2 Tats",
        Depth::Finite(3),
        "Stewart & Plotkin (2012)",
        Rule::HardTitFor2Tats,
    )
}

/// Grudger (grim trigger): defects forever after the opponent's first defection.
pub fn grudger() -> LookBack {
    make(
        "grudger",
        "Grudger",
        Depth::Infinite,
        "Axelrod (1980), as Friedman",
        Rule::Grudger,
    )
}

/// Prober (Mathieu & Delahaye).
pub fn prober() -> LookBack {
    make(
        "prober",
        "Prober",
        Depth::Infinite,
        "Mathieu & Delahaye (2001)",
        Rule::Prober,
    )
}

/// Soft Go By Majority (Axelrod 1984).
pub fn soft_go_by_majority() -> LookBack {
    make(
        "soft-go-by-majority",
        "Soft Go By Majority",
        Depth::Infinite,
        "Axelrod (1984)",
        Rule::SoftMajority,
    )
}

/// A cycler playing `pattern` (turn n plays `pattern[(n − 1) mod len]`).
/// The named cyclers (CCD, CCCD, DC, DDC) get their own ids; any other pattern is `cycler`.
pub fn cycler(pattern: Vec<Action>) -> LookBack {
    let text = actions_to_string(&pattern);
    let depth = Depth::Finite(pattern.len().saturating_sub(1) as u32);
    let named = ["CCD", "CCCD", "DC", "DDC"].contains(&text.as_str());
    let id = if named {
        format!("cycler-{}", text.to_lowercase())
    } else {
        "cycler".to_string()
    };
    let mut meta = Meta::new(
        &id,
        &format!("Cycler {text}"),
        &format!("Cycler {text}"),
        depth,
        false,
    )
    .source("Axelrod-Python Cycler");
    if !named {
        meta = meta.param("pattern", &text);
    }
    LookBack {
        meta,
        rule: Rule::Cycle(pattern),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::run_stream;

    fn replies(mut s: LookBack, op: &[Action]) -> Vec<Action> {
        s.reset(&MatchContext::default());
        let mut rng = run_stream(0, 1);
        let mut h = History::default();
        let mut out = Vec::new();
        for &o in op {
            let a = s.decide(&h, &mut rng);
            out.push(a);
            h.push(a, o);
        }
        out
    }

    #[test]
    fn first_moves_and_replies() {
        let op = [D, C, D, D, C, C, C, D];
        assert_eq!(replies(tit_for_2_tats(), &op), [C, C, C, C, D, C, C, C]);
        assert_eq!(replies(two_tits_for_tat(), &op), [C, D, D, D, D, D, C, C]);
        assert_eq!(replies(hard_tit_for_tat(), &op), [C, D, D, D, D, D, D, C]);
        assert_eq!(
            replies(hard_tit_for_2_tats(), &op),
            [C, C, C, C, D, D, C, C]
        );
        assert_eq!(replies(grudger(), &op), [C, D, D, D, D, D, D, D]);
        assert_eq!(
            replies(soft_go_by_majority(), &op),
            [C, D, C, D, D, D, C, C]
        );
        assert_eq!(
            replies(cycler(vec![C, C, D]), &op),
            [C, C, D, C, C, D, C, C]
        );
    }

    #[test]
    fn prober_exploits_unconditional_cooperators() {
        assert_eq!(replies(prober(), &[C; 6]), [D, C, C, D, D, D]);
        // Against a TFT-like answer (D on turn 2) it falls back to Tit For Tat.
        assert_eq!(replies(prober(), &[C, D, C, C, D, C]), [D, C, C, C, C, D]);
    }

    #[test]
    fn cycler_ids_and_depths() {
        let c = cycler(vec![D, D, C]);
        assert_eq!(c.meta().id, "cycler-ddc");
        assert_eq!(c.meta().memory_depth, Depth::Finite(2));
        assert_eq!(cycler(vec![C, D, D, D]).meta().id, "cycler");
    }
}
