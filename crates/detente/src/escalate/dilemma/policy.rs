//! How the dilemma obtains a move from an actor's policy (escalate.md §4.1.6, §2.5).
//!
//! INTERIM: the strategy registry (`escalate::strategy`, escalate.md §2) is being written on
//! another branch. Until it is merged, this module plays the handful of reciprocal policies the
//! flagship needs with a minimal internal rule set; it is to be replaced by a thin adapter over
//! `registry::build` so that every registry strategy becomes available to the dilemma. The rest of
//! the simulation only sees [`Player`].

use super::DilemmaError;
use super::payoff::DyadGame;
use crate::rng::{DetRng, bernoulli};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A move: C restraint (cooperate), D hostility (arm, restrict, decouple) (escalate.md §0.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// Cooperate: restraint, engagement.
    C,
    /// Defect: arm, restrict, decouple.
    D,
}

impl Action {
    /// The other move.
    #[inline]
    pub fn flip(self) -> Action {
        match self {
            Action::C => Action::D,
            Action::D => Action::C,
        }
    }
}

/// A policy: a strategy id (or flagship alias, §2.5) and its numeric parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PolicySpec {
    /// Strategy id, e.g. `tit-for-tat` or the alias `constructive-engagement`.
    pub strategy: String,
    /// Parameters by name, e.g. `g` for generous tit-for-tat.
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
}

/// The interim rule set (see module doc).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Rule {
    Cooperator,
    Defector,
    TitForTat,
    SuspiciousTitForTat,
    TitForTwoTats,
    TwoTitsForTat,
    Grudger,
    HardTitForTat,
    WinStayLoseShift,
    /// Memory-one (1, g, 1, g), first C.
    Generous(f64),
    Random(f64),
}

fn resolve_alias(id: &str) -> &str {
    match id {
        "constructive-engagement" => "generous-tit-for-tat",
        "clear-eyed-hedging" => "tit-for-tat",
        "systemic-rival" | "grim-trigger" => "grudger",
        "full-spectrum-rival" => "hard-tit-for-tat",
        "strategic-patience" => "tit-for-2-tats",
        "pragmatic-adjuster" => "win-stay-lose-shift",
        "deterrence-first" => "suspicious-tit-for-tat",
        "containment" => "defector",
        "accommodation" => "cooperator",
        other => other,
    }
}

/// One strategy instance for a (actor, rival, domain) channel, with its history: own actual moves
/// and perceived rival moves (§4.3), kept as bit registers (bit 0 = last period, 1 = D) because the
/// interim rules look back at most three periods; the count of perceived hostile moves is exact.
#[derive(Debug, Clone)]
pub struct Player {
    rule: Rule,
    own: u64,
    seen: u64,
    periods: u32,
    seen_defections: u32,
}

fn param(spec: &PolicySpec, name: &str, default: f64) -> Result<f64, DilemmaError> {
    let v = spec.params.get(name).copied().unwrap_or(default);
    if !(0.0..=1.0).contains(&v) {
        return Err(DilemmaError::Policy(format!(
            "{}: parameter {name} must be a probability in [0, 1], got {v}",
            spec.strategy
        )));
    }
    Ok(v)
}

impl Player {
    /// Build the strategy for a channel whose row game is `game` (strategies that use the game,
    /// e.g. generous tit-for-tat's default g, see the actor's own matrix, §4.5).
    pub fn build(spec: &PolicySpec, game: &DyadGame) -> Result<Player, DilemmaError> {
        let id = resolve_alias(spec.strategy.as_str());
        let known: &[&str] = match id {
            "generous-tit-for-tat" => &["g"],
            "random" => &["p"],
            _ => &[],
        };
        if let Some(name) = spec.params.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(DilemmaError::Policy(format!(
                "{}: unknown parameter {name}",
                spec.strategy
            )));
        }
        let rule = match id {
            "cooperator" => Rule::Cooperator,
            "defector" => Rule::Defector,
            "tit-for-tat" => Rule::TitForTat,
            "suspicious-tit-for-tat" => Rule::SuspiciousTitForTat,
            "tit-for-2-tats" => Rule::TitForTwoTats,
            "two-tits-for-tat" => Rule::TwoTitsForTat,
            "grudger" => Rule::Grudger,
            "hard-tit-for-tat" => Rule::HardTitForTat,
            "win-stay-lose-shift" => Rule::WinStayLoseShift,
            "generous-tit-for-tat" => {
                let g = game.game;
                let default = (1.0 - (g.t - g.r) / (g.r - g.s))
                    .min((g.r - g.p) / (g.t - g.p))
                    .clamp(0.0, 1.0);
                Rule::Generous(param(spec, "g", default)?)
            }
            "random" => Rule::Random(param(spec, "p", 0.5)?),
            _ => {
                return Err(DilemmaError::Policy(format!(
                    "unknown strategy {} (the dilemma currently supports cooperator, defector, \
                     tit-for-tat, suspicious-tit-for-tat, tit-for-2-tats, two-tits-for-tat, \
                     grudger, hard-tit-for-tat, win-stay-lose-shift, generous-tit-for-tat, \
                     random and the flagship aliases)",
                    spec.strategy
                )));
            }
        };
        Ok(Player {
            rule,
            own: 0,
            seen: 0,
            periods: 0,
            seen_defections: 0,
        })
    }

    /// Forget the history (start of a run).
    pub fn reset(&mut self) {
        self.own = 0;
        self.seen = 0;
        self.periods = 0;
        self.seen_defections = 0;
    }

    /// Record the period's own actual move and the perceived rival move.
    #[inline]
    pub fn record(&mut self, own: Action, seen: Action) {
        let (o, s) = (u64::from(own == Action::D), u64::from(seen == Action::D));
        self.own = (self.own << 1) | o;
        self.seen = (self.seen << 1) | s;
        self.periods = self.periods.saturating_add(1);
        self.seen_defections += s as u32;
    }

    /// Perceived hostility among the last `k` periods (only periods actually played count).
    #[inline]
    fn hostile_in_last(&self, k: u32) -> bool {
        let k = k.min(self.periods);
        k > 0 && self.seen & ((1u64 << k) - 1) != 0
    }

    /// Intended move for the next period (§4.3.1); draws from `rng` only for stochastic rules.
    #[inline]
    pub fn decide(&mut self, rng: &mut DetRng) -> Action {
        let hostile = |b: bool| if b { Action::D } else { Action::C };
        let first = self.periods == 0;
        let last_seen_d = self.seen & 1 == 1;
        match self.rule {
            Rule::Cooperator => Action::C,
            Rule::Defector => Action::D,
            Rule::TitForTat => hostile(!first && last_seen_d),
            Rule::SuspiciousTitForTat => hostile(first || last_seen_d),
            Rule::TitForTwoTats => hostile(self.periods >= 2 && self.seen & 3 == 3),
            Rule::TwoTitsForTat => hostile(self.hostile_in_last(2)),
            Rule::Grudger => hostile(self.seen_defections > 0),
            Rule::HardTitForTat => hostile(self.hostile_in_last(3)),
            Rule::WinStayLoseShift => hostile(!first && (self.own & 1) != (self.seen & 1)),
            Rule::Generous(g) => {
                if first || !last_seen_d {
                    Action::C
                } else {
                    hostile(!bernoulli(rng, g))
                }
            }
            Rule::Random(p) => hostile(!bernoulli(rng, p)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escalate::dilemma::payoff::StageGame;
    use crate::rng::run_stream;

    fn player(id: &str) -> Player {
        let game = DyadGame {
            game: StageGame::PRISONERS_DILEMMA,
        };
        Player::build(&PolicySpec::new(id), &game).unwrap()
    }

    #[test]
    fn aliases_and_first_moves() {
        let mut rng = run_stream(1, 0);
        assert_eq!(player("systemic-rival").decide(&mut rng), Action::C);
        assert_eq!(player("deterrence-first").decide(&mut rng), Action::D);
        assert_eq!(player("containment").decide(&mut rng), Action::D);
        let game = DyadGame {
            game: StageGame::PRISONERS_DILEMMA,
        };
        assert!(Player::build(&PolicySpec::new("no-such"), &game).is_err());
        let mut bad = PolicySpec::new("constructive-engagement");
        bad.params.insert("g".into(), 2.0);
        assert!(Player::build(&bad, &game).is_err());
    }

    #[test]
    fn generous_default_is_one_third() {
        assert!(
            matches!(player("generous-tit-for-tat").rule, Rule::Generous(g) if (g - 1.0 / 3.0).abs() < 1e-12)
        );
    }

    #[test]
    fn reciprocal_rules_follow_the_perceived_history() {
        let mut rng = run_stream(1, 0);
        let mut tft = player("tit-for-tat");
        let mut tf2t = player("tit-for-2-tats");
        let mut wsls = player("win-stay-lose-shift");
        let mut grim = player("grim-trigger");
        for p in [&mut tft, &mut tf2t, &mut wsls, &mut grim] {
            p.record(Action::C, Action::D);
        }
        assert_eq!(tft.decide(&mut rng), Action::D);
        assert_eq!(tf2t.decide(&mut rng), Action::C);
        assert_eq!(wsls.decide(&mut rng), Action::D);
        for p in [&mut tft, &mut tf2t, &mut wsls, &mut grim] {
            p.record(Action::D, Action::C);
        }
        assert_eq!(tft.decide(&mut rng), Action::C);
        assert_eq!(tf2t.decide(&mut rng), Action::C);
        assert_eq!(wsls.decide(&mut rng), Action::D);
        assert_eq!(grim.decide(&mut rng), Action::D);
    }
}
