//! Strategies for iterated 2×2 games: the [`Strategy`] trait, its classifier
//! [`Meta`], the [`History`] a player sees, one module per family, transformers that wrap any
//! strategy, and the [`registry`] that builds them by id, Axelrod-Python name or policy alias.
//!
//! Families: [`memory_one`] (every strategy that is a four-vector: Cooperator, Defector, TFT,
//! WSLS, GTFT, Random, Joss, Grofman, ...), [`lookback`] (rules over the last few moves or the
//! whole record: TF2T, Two Tits, Hard TFT, Grudger, Prober, Soft Majority, cyclers),
//! [`first_simple`] and [`first_stateful`] (Axelrod's first tournament), [`transformer`]
//! (noise, forgiveness, grudge, final). [`Player`] is the enum used on hot paths.

pub mod first_simple;
pub mod first_stateful;
pub mod history;
pub mod lookback;
pub mod memory_one;
pub mod params;
pub mod player;
pub mod registry;
pub mod transformer;

pub use history::History;
pub use memory_one::FourVector;
pub use params::{ParamValue, Params};
pub use player::Player;

use crate::escalate::game::{Action, Game};
use crate::rng::DetRng;
use std::fmt;

/// Memory depth of a strategy (Axelrod-Python's classifier): how many past turns it may look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Depth {
    /// Looks at most this many turns back.
    Finite(u32),
    /// May use the whole history.
    Infinite,
}

impl fmt::Display for Depth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Depth::Finite(n) => write!(f, "{n}"),
            Depth::Infinite => write!(f, "inf"),
        }
    }
}

/// What a strategy inspects beyond the history (Axelrod-Python's `makes_use_of`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Uses {
    /// Reads the game's payoffs.
    pub game: bool,
    /// Reads the match length.
    pub length: bool,
}

/// A strategy's classifier and provenance.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Meta {
    /// Registry id, e.g. `tit-for-tat`.
    pub id: String,
    /// Display name, e.g. `Tit For Tat`, with parameters when they differ from the defaults.
    pub name: String,
    /// Axelrod-Python's name for the strategy.
    pub axl_name: String,
    /// Memory depth.
    pub memory_depth: Depth,
    /// Whether the strategy draws random numbers (may depend on parameters).
    pub stochastic: bool,
    /// Game and length use.
    pub makes_use_of: Uses,
    /// Parameters as given or defaulted, `name = value` in declaration order.
    pub params: Vec<(String, String)>,
    /// Where the rule comes from.
    pub source: String,
}

impl Meta {
    /// A classifier with no parameters and no game or length use.
    pub fn new(id: &str, name: &str, axl_name: &str, depth: Depth, stochastic: bool) -> Meta {
        Meta {
            id: id.to_string(),
            name: name.to_string(),
            axl_name: axl_name.to_string(),
            memory_depth: depth,
            stochastic,
            makes_use_of: Uses::default(),
            params: Vec::new(),
            source: String::new(),
        }
    }

    /// Sets the provenance.
    pub fn source(mut self, source: &str) -> Meta {
        self.source = source.to_string();
        self
    }

    /// Marks the strategy as reading the game.
    pub fn uses_game(mut self) -> Meta {
        self.makes_use_of.game = true;
        self
    }

    /// Marks the strategy as reading the match length.
    pub fn uses_length(mut self) -> Meta {
        self.makes_use_of.length = true;
        self
    }

    /// Records a parameter value.
    pub fn param(mut self, name: &str, value: impl fmt::Display) -> Meta {
        self.params.push((name.to_string(), value.to_string()));
        self
    }

    /// A key that identifies the strategy with its parameters (the deterministic cache key).
    pub fn key(&self) -> String {
        let mut k = self.id.clone();
        for (name, value) in &self.params {
            k.push(';');
            k.push_str(name);
            k.push('=');
            k.push_str(value);
        }
        k
    }
}

/// What a player knows about the match before it starts. The default is the
/// prisoner's dilemma with unknown length.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MatchContext {
    /// The game from this player's point of view: `a[own][opp]` own payoff, `b[own][opp]` the
    /// opponent's.
    pub game: Game,
    /// Number of turns, known only in fixed-length matches.
    pub length: Option<u32>,
}

/// Why a strategy could not be built.
#[derive(Debug, Clone, PartialEq)]
pub enum StrategyError {
    /// No strategy, alias or Axelrod-Python name matches; carries the closest known id.
    Unknown {
        /// What was asked for.
        name: String,
        /// The nearest registered id or alias, if any is close.
        suggestion: Option<String>,
    },
    /// A parameter is missing, unknown or out of range.
    Param(String),
    /// The specification string could not be parsed.
    Syntax(String),
}

impl fmt::Display for StrategyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StrategyError::Unknown { name, suggestion } => {
                write!(f, "unknown strategy '{name}'")?;
                if let Some(s) = suggestion {
                    write!(f, " (did you mean '{s}'?)")?;
                }
                write!(f, "; `detente strategies` lists them")
            }
            StrategyError::Param(m) => write!(f, "bad strategy parameter: {m}"),
            StrategyError::Syntax(m) => write!(f, "bad strategy specification: {m}"),
        }
    }
}

impl std::error::Error for StrategyError {}

/// A rule for playing an iterated 2×2 game.
///
/// A strategy is reset before every match, then asked for one move per turn given its own view of
/// the history. Random draws come only from the generator passed in, so matches are reproducible.
pub trait Strategy: StrategyClone + Send + Sync {
    /// Classifier and provenance.
    fn meta(&self) -> &Meta;
    /// Forgets everything from previous matches and reads the match context.
    fn reset(&mut self, ctx: &MatchContext);
    /// The move for turn `h.len() + 1`.
    fn decide(&mut self, h: &History, rng: &mut DetRng) -> Action;
    /// The memory-one four-vector, for strategies that are one.
    fn four_vector(&self) -> Option<FourVector> {
        None
    }
}

/// The moves `s` makes, reset with `ctx`, against a fixed sequence of opponent moves (seen as
/// played), drawing from `rng`: how a strategy's replies are checked against its rule.
pub fn replies<S: Strategy + ?Sized>(
    s: &mut S,
    opponent: &[Action],
    ctx: &MatchContext,
    rng: &mut DetRng,
) -> Vec<Action> {
    s.reset(ctx);
    let mut h = History::default();
    let mut out = Vec::with_capacity(opponent.len());
    for &o in opponent {
        let a = s.decide(&h, rng);
        out.push(a);
        h.push(a, o);
    }
    out
}

/// Cloning for boxed strategies (a fresh copy plays itself in tournaments).
pub trait StrategyClone {
    /// A boxed copy.
    fn clone_box(&self) -> Box<dyn Strategy>;
}

impl<T: Strategy + Clone + 'static> StrategyClone for T {
    fn clone_box(&self) -> Box<dyn Strategy> {
        Box::new(self.clone())
    }
}

impl Clone for Box<dyn Strategy> {
    fn clone(&self) -> Self {
        self.as_ref().clone_box()
    }
}

impl Strategy for Box<dyn Strategy> {
    fn meta(&self) -> &Meta {
        self.as_ref().meta()
    }
    fn reset(&mut self, ctx: &MatchContext) {
        self.as_mut().reset(ctx)
    }
    fn decide(&mut self, h: &History, rng: &mut DetRng) -> Action {
        self.as_mut().decide(h, rng)
    }
    fn four_vector(&self) -> Option<FourVector> {
        self.as_ref().four_vector()
    }
}

/// `choice(p)`: C with probability `p`, drawing nothing when `p ≤ 0` or `p ≥ 1`.
#[inline]
pub fn choice(rng: &mut DetRng, p: f64) -> Action {
    if crate::rng::bernoulli(rng, p) {
        Action::C
    } else {
        Action::D
    }
}

/// `flip(a, ε)`: the other action with probability `ε`.
#[inline]
pub fn flip(rng: &mut DetRng, a: Action, epsilon: f64) -> Action {
    if crate::rng::bernoulli(rng, epsilon) {
        a.flip()
    } else {
        a
    }
}

/// The random-play test of Graaskamp and Stein & Rapoport: with `c`
/// cooperations and `d` defections, `X = (c − d)²/(c + d)`; the opponent looks random iff the
/// χ²(1) p-value is at least 0.05, i.e. `X ≤ 3.841458820694124`. No moves: not random.
pub fn looks_random(c: u32, d: u32) -> bool {
    let n = c + d;
    if n == 0 {
        return false;
    }
    let diff = c as f64 - d as f64;
    diff * diff / n as f64 <= 3.841_458_820_694_124
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_play_test_threshold() {
        assert!(looks_random(7, 7));
        // (c − d)² / n: 14²/200 = 0.98 -> random; 30²/200 = 4.5 -> not random.
        assert!(looks_random(107, 93));
        assert!(!looks_random(115, 85));
        assert!(!looks_random(0, 0));
    }

    #[test]
    fn choice_does_not_draw_at_bounds() {
        let mut a = crate::rng::run_stream(3, 1);
        let mut b = crate::rng::run_stream(3, 1);
        assert_eq!(choice(&mut a, 0.0), Action::D);
        assert_eq!(choice(&mut a, 1.0), Action::C);
        assert_eq!(flip(&mut a, Action::C, 0.0), Action::C);
        assert_eq!(flip(&mut a, Action::C, 1.0), Action::D);
        use rand::Rng;
        assert_eq!(a.next_u64(), b.next_u64());
    }
}
