//! How the dilemma obtains a move from an actor's policy (escalate.md §4.1.6, §2.5): any strategy
//! of the registry (`escalate::strategy::registry`), by id, Axelrod-Python name, policy alias or
//! specification string with transformers, played on the channel's own 2×2 game with unknown
//! length.

use super::DilemmaError;
use crate::escalate::game::{Action, Game};
use crate::escalate::strategy::registry;
use crate::escalate::strategy::{History, MatchContext, Params, Player, Strategy};
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
/// and perceived rival moves (§4.3), and the context it is reset with (its own bimatrix, unknown
/// length).
#[derive(Debug, Clone)]
pub(crate) struct Channel {
    player: Player,
    history: History,
    context: MatchContext,
}

impl Channel {
    /// A channel playing `policy` on `game` (row = this actor) for up to `horizon` periods.
    pub fn new(policy: &PolicySpec, game: Game, horizon: usize) -> Result<Channel, DilemmaError> {
        let context = MatchContext { game, length: None };
        let mut player = policy.build()?;
        player.reset(&context);
        Ok(Channel {
            player,
            history: History::with_capacity(horizon),
            context,
        })
    }

    /// Start of a run: fresh strategy state and an empty history (allocation kept).
    pub fn reset(&mut self) {
        self.player.reset(&self.context);
        self.history.clear();
    }

    /// Intended move for the next period (§4.3.1).
    #[inline]
    pub fn decide(&mut self, rng: &mut DetRng) -> Action {
        self.player.decide(&self.history, rng)
    }

    /// Record the period's own actual move and the perceived rival move.
    #[inline]
    pub fn record(&mut self, own: Action, seen: Action) {
        self.history.push(own, seen);
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
    fn the_history_is_own_moves_and_perceptions() {
        let mut rng = run_stream(1, 0);
        let mut tft = channel("tit-for-tat");
        tft.record(Action::C, Action::D);
        assert_eq!(tft.decide(&mut rng), Action::D);
        tft.reset();
        assert_eq!(tft.decide(&mut rng), Action::C);
    }
}
