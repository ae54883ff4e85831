//! Iterated games: the strategy registry (ids and Axelrod-Python names), one match, a
//! round-robin tournament, as `detente strategies`, `detente match` and `detente tournament`.

use crate::errors::{invalid, json};
use crate::interrupt::detached;
use detente::escalate::game::Game;
use detente::escalate::matchplay::{MatchRecord, MatchSpec, play};
use detente::escalate::strategy::registry;
use detente::escalate::strategy::{Depth, Player, Strategy};
use detente::escalate::tournament::{TournamentSpec, run_with_progress};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// A game from a preset name (`prisoners-dilemma`, ...) or payoffs `(R, S, T, P)`.
#[derive(FromPyObject)]
pub enum GameArg {
    /// A preset name.
    Preset(String),
    /// Symmetric payoffs R, S, T, P.
    Payoffs(f64, f64, f64, f64),
}

fn game(arg: GameArg) -> PyResult<Game> {
    match arg {
        GameArg::Preset(name) => Game::preset(&name),
        GameArg::Payoffs(r, s, t, p) => Game::try_symmetric(r, s, t, p),
    }
    .map_err(|e| invalid(e.to_string()))
}

fn player(spec: &str) -> PyResult<Player> {
    registry::parse(spec).map_err(|e| invalid(e.to_string()))
}

/// Every registered strategy: id, name, Axelrod-Python name, aliases, family, parameters,
/// memory depth (`None`: unbounded), whether it is random, whether it reads the game or the
/// match length, its source and its rule in words.
#[pyfunction]
pub fn strategies(py: Python<'_>) -> PyResult<Vec<Bound<'_, PyDict>>> {
    registry::list()
        .iter()
        .map(|e| {
            let p = e.default_player();
            let m = p.meta();
            let d = PyDict::new(py);
            d.set_item("id", e.id)?;
            d.set_item("name", &m.name)?;
            d.set_item("axl_name", e.axl_name)?;
            d.set_item("aliases", e.aliases.to_vec())?;
            d.set_item("family", e.family)?;
            d.set_item("params", e.params.to_vec())?;
            d.set_item(
                "memory_depth",
                match m.memory_depth {
                    Depth::Finite(k) => Some(k),
                    Depth::Infinite => None,
                },
            )?;
            d.set_item("stochastic", m.stochastic)?;
            d.set_item("uses_game", m.makes_use_of.game)?;
            d.set_item("uses_length", m.makes_use_of.length)?;
            d.set_item("source", &m.source)?;
            d.set_item("rule", e.rule)?;
            Ok(d)
        })
        .collect()
}

/// One iterated game between two strategies (ids, Axelrod-Python names or specifications):
/// the JSON of `detente match A B --format json`, with every move.
#[pyfunction]
#[pyo3(signature = (first, second, turns=None, prob_end=None, noise=0.0, seed=0, game=GameArg::Preset("prisoners-dilemma".into())))]
#[allow(clippy::too_many_arguments)]
pub fn play_match(
    py: Python<'_>,
    first: &str,
    second: &str,
    turns: Option<u32>,
    prob_end: Option<f64>,
    noise: f64,
    seed: u64,
    game: GameArg,
) -> PyResult<String> {
    let game = self::game(game)?;
    let mut a = player(first)?;
    let mut b = player(second)?;
    // As `detente match`: 200 turns unless a length is given; every move is kept, so random
    // lengths are capped at a million turns.
    let cap = 1_000_000;
    let turns = match (turns, prob_end) {
        (Some(t), _) if t > cap => {
            return Err(invalid(format!(
                "turns {t}: a match keeps every move and accepts at most {cap} turns"
            )));
        }
        (None, None) => Some(200),
        (None, Some(_)) => Some(cap),
        (t, _) => t,
    };
    let spec = MatchSpec {
        game,
        turns,
        prob_end,
        noise,
        seed,
        record_moves: true,
        record_turn_scores: false,
    };
    let r = py
        .detach(|| play(&mut a, &mut b, &spec))
        .map_err(|e| invalid(e.to_string()))?;
    json(&MatchRecord::new(
        [&a.meta().name, &b.meta().name],
        [&a.meta().id, &b.meta().id],
        seed,
        noise,
        game,
        &r,
    ))
}

/// The players of a tournament: `first` (Axelrod's first tournament), `basic`, `all`, or a
/// list of strategy specifications.
#[derive(FromPyObject)]
pub enum PlayersArg {
    /// A named field or one specification.
    Named(String),
    /// Specifications.
    List(Vec<String>),
}

/// A round-robin tournament: the JSON of `detente tournament --format json`.
#[pyfunction]
#[pyo3(signature = (players=PlayersArg::Named("first".into()), turns=None, repetitions=10, noise=0.0, prob_end=None, seed=0, game=GameArg::Preset("prisoners-dilemma".into()), threads=None))]
#[allow(clippy::too_many_arguments)]
pub fn tournament(
    py: Python<'_>,
    players: PlayersArg,
    turns: Option<u32>,
    repetitions: u32,
    noise: f64,
    prob_end: Option<f64>,
    seed: u64,
    game: GameArg,
    threads: Option<usize>,
) -> PyResult<String> {
    let players = match players {
        PlayersArg::Named(n) => match n.trim().to_ascii_lowercase().as_str() {
            "first" => registry::first_tournament(),
            "basic" => registry::basic(),
            "all" => registry::all(),
            _ => vec![player(&n)?],
        },
        PlayersArg::List(list) => list.iter().map(|s| player(s)).collect::<PyResult<_>>()?,
    };
    let spec = TournamentSpec {
        game: self::game(game)?,
        turns: match (turns, prob_end) {
            (None, None) => Some(200),
            (t, _) => t,
        },
        prob_end,
        noise,
        repetitions,
        seed,
    };
    let r = detached(py, threads, move |stop| {
        run_with_progress(&players, &spec, &|_, _| stop.checkpoint())
    })?
    .map_err(|e| invalid(e.to_string()))?;
    json(&r)
}
