//! How the dilemma obtains a move from an actor's policy: any strategy
//! of the registry (`escalate::strategy::registry`), by id, Axelrod-Python name, policy alias or
//! specification string with transformers, played on the channel's own 2×2 game with unknown
//! length.

use super::DilemmaError;
use crate::escalate::game::{Action, Game};
use crate::escalate::strategy::registry;
use crate::escalate::strategy::{
    FourVector, History, MatchContext, Params, Player, Strategy, choice,
};
use crate::rng::DetRng;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A policy: a registry strategy and its numeric parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicySpec {
    /// Strategy id, Axelrod-Python name, flagship alias (`constructive-engagement`, ...) or a
    /// full specification string (`generous-tit-for-tat(g=0.1)`, `tit-for-tat + noise(0.01)`).
    pub strategy: String,
    /// Named numeric parameters, e.g. `g` for generous tit-for-tat (empty: defaults or those in
    /// the specification string).
    #[serde(default)]
    pub params: BTreeMap<String, f64>,
}

impl PolicySpec {
    /// A policy with default parameters.
    pub fn new(strategy: &str) -> Self {
        PolicySpec {
            strategy: strategy.to_string(),
            params: BTreeMap::new(),
        }
    }

    /// Build the registry player for this policy.
    pub(crate) fn build(&self) -> Result<Player, DilemmaError> {
        let built = if self.params.is_empty() {
            registry::parse(&self.strategy)
        } else {
            let params = self
                .params
                .iter()
                .fold(Params::none(), |p, (name, v)| p.num(name, *v));
            registry::player(&self.strategy, &params)
        };
        built.map_err(|e| DilemmaError::Policy(format!("{}: {e}", self.strategy)))
    }
}

/// One strategy instance for a (actor, rival, domain) channel with its history: own actual moves
/// and perceived rival moves, and the context it is reset with (its own bimatrix, unknown
/// length).
///
/// Memory-one strategies (TFT, GTFT, WSLS, ...) take a fast path: their move
/// depends only on the last (own, perceived) pair, so the channel keeps that pair instead of a
/// growing history and steps the four-vector directly — the same rule and the same draws as the
/// registry's memory-one player. Other strategies keep the registry player and its history.
#[derive(Debug, Clone)]
pub(crate) enum Channel {
    /// A memory-one player: its four-vector and the last (own, perceived) pair.
    MemoryOne {
        vector: FourVector,
        last: Option<(Action, Action)>,
    },
    /// Any other player with its full history (boxed: the hot loop walks many channels).
    General(Box<General>),
}

/// A registry player with the history it sees and the context it is reset with.
#[derive(Debug, Clone)]
pub(crate) struct General {
    player: Player,
    history: History,
    context: MatchContext,
}

impl Channel {
    /// A channel playing `policy` on `game` (row = this actor) for up to `horizon` periods.
    pub fn new(policy: &PolicySpec, game: Game, horizon: usize) -> Result<Channel, DilemmaError> {
        let general = Channel::general(policy, game, horizon)?;
        Ok(match &general {
            Channel::General(g) => match &g.player {
                Player::MemoryOne(m) => match m.four_vector() {
                    Some(vector) => Channel::MemoryOne { vector, last: None },
                    None => general,
                },
                _ => general,
            },
            Channel::MemoryOne { .. } => general,
        })
    }

    /// A channel that always goes through the registry player (no fast path).
    pub fn general(
        policy: &PolicySpec,
        game: Game,
        horizon: usize,
    ) -> Result<Channel, DilemmaError> {
        let context = MatchContext { game, length: None };
        let mut player = policy.build()?;
        player.reset(&context);
        Ok(Channel::General(Box::new(General {
            player,
            history: History::with_capacity(horizon),
            context,
        })))
    }

    /// Start of a run: fresh strategy state and an empty history (allocation kept).
    pub fn reset(&mut self) {
        match self {
            Channel::MemoryOne { last, .. } => *last = None,
            Channel::General(g) => {
                g.player.reset(&g.context);
                g.history.clear();
            }
        }
    }

    /// Intended move for the next period.
    #[inline]
    pub fn decide(&mut self, rng: &mut DetRng) -> Action {
        match self {
            Channel::MemoryOne {
                vector,
                last: Some((own, seen)),
            } => choice(rng, vector.after(*own, *seen)),
            Channel::MemoryOne { vector, last: None } => choice(rng, vector.initial),
            Channel::General(g) => g.player.decide(&g.history, rng),
        }
    }

    /// Record the period's own actual move and the perceived rival move.
    #[inline]
    pub fn record(&mut self, own: Action, seen: Action) {
        match self {
            Channel::MemoryOne { last, .. } => *last = Some((own, seen)),
            Channel::General(g) => g.history.push(own, seen),
        }
    }

    #[cfg(test)]
    fn is_memory_one(&self) -> bool {
        matches!(self, Channel::MemoryOne { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::run_stream;

    fn channel(spec: &str) -> Channel {
        Channel::new(&PolicySpec::new(spec), Game::default(), 10).unwrap()
    }

    #[test]
    fn aliases_specs_and_errors() {
        let mut rng = run_stream(1, 0);
        assert_eq!(channel("systemic-rival").decide(&mut rng), Action::C);
        assert_eq!(channel("deterrence-first").decide(&mut rng), Action::D);
        assert_eq!(channel("containment").decide(&mut rng), Action::D);
        assert_eq!(channel("Tit For Tat").decide(&mut rng), Action::C);
        assert!(Channel::new(&PolicySpec::new("no-such"), Game::default(), 1).is_err());
        let mut bad = PolicySpec::new("generous-tit-for-tat");
        bad.params.insert("g".into(), 2.0);
        assert!(Channel::new(&bad, Game::default(), 1).is_err());
        let mut ok = PolicySpec::new("generous-tit-for-tat");
        ok.params.insert("g".into(), 0.1);
        assert!(Channel::new(&ok, Game::default(), 1).is_ok());
    }

    #[test]
    fn the_memory_one_fast_path_matches_the_registry_player() {
        for spec in [
            "generous-tit-for-tat",
            "win-stay-lose-shift",
            "memory-one(0.9, 0.2, 0.7, 0.1)",
        ] {
            let mut fast = channel(spec);
            assert!(fast.is_memory_one(), "{spec}");
            let mut slow = Channel::general(&PolicySpec::new(spec), Game::default(), 10).unwrap();
            let (mut ra, mut rb) = (run_stream(5, 0), run_stream(5, 0));
            for t in 0..200 {
                let a = fast.decide(&mut ra);
                assert_eq!(a, slow.decide(&mut rb), "{spec} turn {t}");
                let seen = if t % 7 == 3 { Action::D } else { a };
                fast.record(a, seen);
                slow.record(a, seen);
            }
        }
        assert!(!channel("grim-trigger").is_memory_one());
        assert!(!channel("tit-for-tat + noise(0.1)").is_memory_one());
    }

    #[test]
    fn the_history_is_own_moves_and_perceptions() {
        let mut rng = run_stream(1, 0);
        let mut tft = channel("tit-for-tat");
        tft.record(Action::C, Action::D);
        assert_eq!(tft.decide(&mut rng), Action::D);
        tft.reset();
        assert_eq!(tft.decide(&mut rng), Action::C);
    }
}
