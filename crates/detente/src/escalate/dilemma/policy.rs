//! How the dilemma obtains a move from an actor's policy: any strategy
//! of the registry (`escalate::strategy::registry`), by id, Axelrod-Python name, policy alias or
//! specification string with transformers, played on the channel's own 2×2 game with unknown
//! length.

use super::DilemmaError;
use crate::escalate::game::{Action, Game};
use crate::escalate::strategy::lookback::Rule;
use crate::escalate::strategy::registry;
use crate::escalate::strategy::{FourVector, History, MatchContext, Params, Player, Strategy};
use crate::rng::{Coin, DetRng};
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
/// Strategies whose move depends only on a few bits of the record take a fast path
/// ([`Reactive`]): memory-one strategies (TFT, GTFT, WSLS, ...) on the last (own, perceived)
/// pair, and the look-back rules Tit For 2 Tats, Two Tits For Tat, Hard Tit For Tat, Hard Tit
/// For 2 Tats and Grudger on the last three perceived moves or on whether a hostile move was
/// ever perceived — the same rules and the same draws as the registry players. Other
/// strategies keep the registry player and its history.
#[derive(Debug, Clone)]
pub(crate) enum Channel {
    /// A strategy on a small state of the record.
    Reactive(Reactive),
    /// Any other player with its full history (boxed: the hot loop walks many channels).
    General(Box<General>),
}

/// A strategy whose move is a lookup on a state s ∈ 0‥7 summarising the record:
/// P(C) = `p[s]` (kept as the [`Coin`] of each probability), and after a period with own move m and perceived move o (1 = hostile)
/// s′ = ((s ≪ `shift`) ∧ `keep`) ∨ `own`·m ∨ o.
///
/// - Memory-one, four-vector (p_CC, p_CD, p_DC, p_DD) and first move p₀: s = 2m + o after the
///   first period (`shift` 0, `keep` 0, `own` 2), s = 4 before it, `p` = (p_CC, p_CD, p_DC,
///   p_DD, p₀, …).
/// - A window of the last three perceived moves (bit k = the move k + 1 periods ago; `shift` 1,
///   `keep` 0b110, `own` 0), opening at s = 0: the periods before the first count as restraint,
///   as a shorter history does for these rules.
/// - Grudger: s = 1 once a hostile move was perceived (`shift` 0, `keep` 1, `own` 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Reactive {
    p: [Coin; 8],
    state: u8,
    initial: u8,
    shift: u8,
    keep: u8,
    own: u8,
}

impl Reactive {
    fn memory_one(v: &FourVector) -> Reactive {
        Reactive {
            p: [v.p[0], v.p[1], v.p[2], v.p[3], v.initial, 0.0, 0.0, 0.0].map(Coin::new),
            state: 4,
            initial: 4,
            shift: 0,
            keep: 0,
            own: 2,
        }
    }

    /// A deterministic rule over the window of the last three perceived moves (`hostile(s)`:
    /// whether it answers window s with hostility).
    fn window(hostile: impl Fn(u8) -> bool) -> Reactive {
        Reactive {
            p: std::array::from_fn(|s| Coin::new(if hostile(s as u8) { 0.0 } else { 1.0 })),
            state: 0,
            initial: 0,
            shift: 1,
            keep: 0b110,
            own: 0,
        }
    }

    fn look_back(rule: &Rule) -> Option<Reactive> {
        let both = |s: u8, mask: u8| s & mask == mask;
        Some(match rule {
            Rule::TitFor2Tats => Reactive::window(|s| both(s, 0b011)),
            Rule::TwoTitsForTat => Reactive::window(|s| s & 0b011 != 0),
            Rule::HardTitForTat => Reactive::window(|s| s & 0b111 != 0),
            Rule::HardTitFor2Tats => Reactive::window(|s| both(s, 0b011) || both(s, 0b110)),
            Rule::Grudger => Reactive {
                p: [1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0].map(Coin::new),
                state: 0,
                initial: 0,
                shift: 0,
                keep: 1,
                own: 0,
            },
            _ => return None,
        })
    }

    /// The intended move: C with probability `p[s]` (the draws of
    /// [`choice`](crate::escalate::strategy::choice)).
    #[inline]
    fn decide(&self, rng: &mut DetRng) -> Action {
        if self.p[usize::from(self.state & 7)].toss(rng) {
            Action::C
        } else {
            Action::D
        }
    }

    #[inline]
    fn record(&mut self, own: Action, seen: Action) {
        let (m, o) = (own.index() as u8, seen.index() as u8);
        self.state = ((self.state << self.shift) & self.keep) | (self.own * m) | o;
    }
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
        let fast = match &general {
            Channel::General(g) => match &g.player {
                Player::MemoryOne(m) => m.four_vector().map(|v| Reactive::memory_one(&v)),
                Player::LookBack(l) => Reactive::look_back(l.rule()),
                _ => None,
            },
            Channel::Reactive(_) => None,
        };
        Ok(fast.map_or(general, Channel::Reactive))
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
            Channel::Reactive(r) => r.state = r.initial,
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
            Channel::Reactive(r) => r.decide(rng),
            Channel::General(g) => g.player.decide(&g.history, rng),
        }
    }

    /// Record the period's own actual move and the perceived rival move.
    #[inline]
    pub fn record(&mut self, own: Action, seen: Action) {
        match self {
            Channel::Reactive(r) => r.record(own, seen),
            Channel::General(g) => g.history.push(own, seen),
        }
    }

    #[cfg(test)]
    fn is_fast(&self) -> bool {
        matches!(self, Channel::Reactive(_))
    }
}

/// What the run loop asks of a channel: its intended move, the record of a period, a fresh
/// start. Implemented by [`Channel`] and, for runs in which every channel takes the fast path,
/// by [`Reactive`] itself (a dense table of small states, no dispatch on the kind of channel).
pub(crate) trait Step {
    /// Intended move for the next period.
    fn decide(&mut self, rng: &mut DetRng) -> Action;
    /// Record the period's own actual move and the perceived rival move.
    fn record(&mut self, own: Action, seen: Action);
    /// Start afresh (the policy's first move next).
    fn reset(&mut self);
}

impl Step for Channel {
    #[inline]
    fn decide(&mut self, rng: &mut DetRng) -> Action {
        Channel::decide(self, rng)
    }
    #[inline]
    fn record(&mut self, own: Action, seen: Action) {
        Channel::record(self, own, seen);
    }
    #[inline]
    fn reset(&mut self) {
        Channel::reset(self);
    }
}

impl Step for Reactive {
    #[inline]
    fn decide(&mut self, rng: &mut DetRng) -> Action {
        Reactive::decide(self, rng)
    }
    #[inline]
    fn record(&mut self, own: Action, seen: Action) {
        Reactive::record(self, own, seen);
    }
    #[inline]
    fn reset(&mut self) {
        self.state = self.initial;
    }
}

impl Channel {
    /// The fast-path state of this channel, if it has one.
    pub fn reactive(&self) -> Option<Reactive> {
        match self {
            Channel::Reactive(r) => Some(*r),
            Channel::General(_) => None,
        }
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
    fn the_fast_path_matches_the_registry_player() {
        for spec in [
            "generous-tit-for-tat",
            "win-stay-lose-shift",
            "memory-one(0.9, 0.2, 0.7, 0.1)",
            "tit-for-tat",
            "suspicious-tit-for-tat",
            "tit-for-2-tats",
            "two-tits-for-tat",
            "hard-tit-for-tat",
            "hard-tit-for-2-tats",
            "grim-trigger",
        ] {
            let mut fast = channel(spec);
            assert!(fast.is_fast(), "{spec}");
            let mut slow = Channel::general(&PolicySpec::new(spec), Game::default(), 10).unwrap();
            let (mut ra, mut rb) = (run_stream(5, 0), run_stream(5, 0));
            let mut perceive = run_stream(6, 0);
            for t in 0..400 {
                if t % 97 == 50 {
                    fast.reset();
                    slow.reset();
                }
                let a = fast.decide(&mut ra);
                assert_eq!(a, slow.decide(&mut rb), "{spec} turn {t}");
                // Perceived moves: mostly the own move echoed, with runs of random ones.
                let seen = if t % 40 < 20 {
                    a
                } else if crate::rng::bernoulli(&mut perceive, 0.5) {
                    Action::D
                } else {
                    Action::C
                };
                fast.record(a, seen);
                slow.record(a, seen);
            }
            // Both consumed the same draws.
            use rand::Rng;
            assert_eq!(ra.next_u64(), rb.next_u64(), "{spec}");
        }
        assert!(!channel("prober").is_fast());
        assert!(!channel("tit-for-tat + noise(0.1)").is_fast());
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
