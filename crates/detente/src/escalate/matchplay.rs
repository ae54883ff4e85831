//! One match between two strategies: fixed or random length, noise on both
//! players' moves, three seeded random streams, and a cache for deterministic pairs.
//!
//! Streams of `ChaCha8Rng::seed_from_u64(seed)`: stream 0 draws the length and the noise (player
//! 1's flip before player 2's), stream 1 is player 1's, stream 2 player 2's. Adding a random
//! draw to one strategy therefore never changes the other's numbers or the noise.

use crate::escalate::game::{Action, Game};
use crate::escalate::strategy::{FourVector, History, MatchContext, Strategy, choice, flip};
use crate::maths;
use crate::rng::{DetRng, run_stream, u01};
use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

/// What to play: the game, the length rule, noise and seed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MatchSpec {
    /// The game (row player = player 1).
    pub game: Game,
    /// Fixed number of turns, or the cap on a random length.
    pub turns: Option<u32>,
    /// Probability that the match ends after each turn (random length, unknown to the players).
    pub prob_end: Option<f64>,
    /// Probability ε that each player's move is flipped, in [0, 1].
    pub noise: f64,
    /// Master seed of the three streams.
    pub seed: u64,
    /// Keep the move list in the result.
    pub record_moves: bool,
    /// Keep per-turn payoffs in the result.
    pub record_turn_scores: bool,
}

impl MatchSpec {
    /// A fixed-length, noiseless match with seed 0 and nothing recorded.
    pub fn fixed(game: Game, turns: u32) -> MatchSpec {
        MatchSpec {
            game,
            turns: Some(turns),
            prob_end: None,
            noise: 0.0,
            seed: 0,
            record_moves: false,
            record_turn_scores: false,
        }
    }

    /// Checks the inputs: a length rule, ε and `prob_end` in [0, 1].
    pub fn validate(&self) -> Result<(), MatchError> {
        if !(0.0..=1.0).contains(&self.noise) {
            return Err(MatchError::Noise(self.noise));
        }
        match (self.turns, self.prob_end) {
            (None, None) => return Err(MatchError::NoLength),
            (Some(0), _) => return Err(MatchError::ZeroTurns),
            (_, Some(p)) if !(0.0..=1.0).contains(&p) => return Err(MatchError::ProbEnd(p)),
            (None, Some(0.0)) => return Err(MatchError::NoLength),
            _ => {}
        }
        Ok(())
    }

    /// The length the players are told: the fixed turns, or `None` when the length is random.
    pub fn known_length(&self) -> Option<u32> {
        if self.prob_end.is_some() {
            None
        } else {
            self.turns
        }
    }

    /// `true` when the result depends only on the strategies, game and turns.
    pub fn is_cacheable(&self, a: &dyn Strategy, b: &dyn Strategy) -> bool {
        self.noise == 0.0 && self.prob_end.is_none() && !a.meta().stochastic && !b.meta().stochastic
    }
}

/// Why a match could not be played.
#[derive(Debug, Clone, PartialEq)]
pub enum MatchError {
    /// Neither `turns` nor a positive `prob_end` was given.
    NoLength,
    /// `turns = 0`.
    ZeroTurns,
    /// Noise outside [0, 1].
    Noise(f64),
    /// `prob_end` outside [0, 1].
    ProbEnd(f64),
}

impl fmt::Display for MatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MatchError::NoLength => write!(f, "a match needs a number of turns or a prob_end > 0"),
            MatchError::ZeroTurns => write!(f, "a match needs at least one turn"),
            MatchError::Noise(e) => write!(f, "noise must lie in [0, 1], got {e}"),
            MatchError::ProbEnd(p) => write!(f, "prob_end must lie in [0, 1], got {p}"),
        }
    }
}

impl std::error::Error for MatchError {}

/// The outcome of a match. Index 0 is player 1.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MatchResult {
    /// Turns played.
    pub length: u32,
    /// Post-noise moves `[player 1, player 2]` per turn, when recorded.
    pub moves: Option<Vec<[Action; 2]>>,
    /// Payoffs per turn, when recorded.
    pub turn_scores: Option<Vec<[f64; 2]>>,
    /// Total payoffs (sums of the game's values).
    pub scores: [f64; 2],
    /// Total payoffs divided by the length.
    pub scores_per_turn: [f64; 2],
    /// Number of C each player played (post-noise).
    pub cooperations: [u32; 2],
    /// Turns ending in (CC, CD, DC, DD), player 1's move first.
    pub state_counts: [u32; 4],
    /// `state_counts / length`.
    pub state_distribution: [f64; 4],
    /// Index of the player with the higher total, `None` on equal totals.
    pub winner: Option<usize>,
    /// Each player's move on turn 1.
    pub first_moves: [Action; 2],
}

/// One match as `detente match --format json` writes it (and the Python package returns it):
/// the players, the settings, every move as a string of `C`/`D` per player, and the result
/// without its per-turn moves.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MatchRecord<'a> {
    /// The players' display names.
    pub players: [&'a str; 2],
    /// The players' strategy ids.
    pub ids: [&'a str; 2],
    /// The seed of the match's random stream.
    pub seed: u64,
    /// The probability that a move is flipped.
    pub noise: f64,
    /// The stage game.
    pub game: Game,
    /// Each player's moves, one character per turn.
    pub moves: [String; 2],
    /// The result, its `moves` left out (they are in `moves` above).
    pub result: MatchResult,
}

impl<'a> MatchRecord<'a> {
    /// The record of a match played with its moves recorded.
    pub fn new(
        players: [&'a str; 2],
        ids: [&'a str; 2],
        seed: u64,
        noise: f64,
        game: Game,
        result: &MatchResult,
    ) -> MatchRecord<'a> {
        let turns = result.moves.as_deref().unwrap_or(&[]);
        let seq = |k: usize| turns.iter().map(|m| m[k].as_char()).collect::<String>();
        MatchRecord {
            players,
            ids,
            seed,
            noise,
            game,
            moves: [seq(0), seq(1)],
            result: MatchResult {
                moves: None,
                ..result.clone()
            },
        }
    }
}

impl MatchResult {
    fn from_counts(game: &Game, state_counts: [u32; 4], first_moves: [Action; 2]) -> MatchResult {
        let length: u32 = state_counts.iter().sum();
        let mut scores = [0.0; 2];
        for (s, &count) in state_counts.iter().enumerate() {
            let (x, y) = (s / 2, s % 2);
            scores[0] += f64::from(count) * game.a[x][y];
            scores[1] += f64::from(count) * game.b[x][y];
        }
        let len = f64::from(length.max(1));
        let winner = if scores[0] > scores[1] {
            Some(0)
        } else if scores[1] > scores[0] {
            Some(1)
        } else {
            None
        };
        MatchResult {
            length,
            moves: None,
            turn_scores: None,
            scores,
            scores_per_turn: [scores[0] / len, scores[1] / len],
            cooperations: [
                state_counts[0] + state_counts[1],
                state_counts[0] + state_counts[2],
            ],
            state_counts,
            state_distribution: state_counts.map(|c| f64::from(c) / len),
            winner,
            first_moves,
        }
    }

    /// The same match seen from player 2's side (players swapped).
    pub fn swapped(&self) -> MatchResult {
        let c = self.state_counts;
        let d = self.state_distribution;
        MatchResult {
            length: self.length,
            moves: self
                .moves
                .as_ref()
                .map(|m| m.iter().map(|p| [p[1], p[0]]).collect()),
            turn_scores: self
                .turn_scores
                .as_ref()
                .map(|t| t.iter().map(|p| [p[1], p[0]]).collect()),
            scores: [self.scores[1], self.scores[0]],
            scores_per_turn: [self.scores_per_turn[1], self.scores_per_turn[0]],
            cooperations: [self.cooperations[1], self.cooperations[0]],
            state_counts: [c[0], c[2], c[1], c[3]],
            state_distribution: [d[0], d[2], d[1], d[3]],
            winner: self.winner.map(|w| 1 - w),
            first_moves: [self.first_moves[1], self.first_moves[0]],
        }
    }
}

/// The match length: with `prob_end = p`, `⌈ln(1 − u)/ln(1 − p)⌉` from
/// stream 0 (1 when p = 1), capped by `turns` and at least 1; otherwise `turns`.
pub fn draw_length(spec: &MatchSpec, stream0: &mut DetRng) -> u32 {
    match spec.prob_end {
        Some(p) if p > 0.0 => {
            let u = u01(stream0);
            let n = if p >= 1.0 {
                1
            } else {
                // `as` saturates: astronomically long matches are capped at u32::MAX turns.
                (maths::ln(1.0 - u) / maths::ln(1.0 - p)).ceil() as u32
            };
            spec.turns.map_or(n, |t| n.min(t)).max(1)
        }
        _ => spec.turns.unwrap_or(1).max(1),
    }
}

/// Plays one match. Both strategies are reset first. Two memory-one
/// players take the allocation-free four-vector path, which uses the streams identically.
pub fn play<A, B>(p1: &mut A, p2: &mut B, spec: &MatchSpec) -> Result<MatchResult, MatchError>
where
    A: Strategy + ?Sized,
    B: Strategy + ?Sized,
{
    spec.validate()?;
    let mut stream0 = run_stream(spec.seed, 0);
    let length = draw_length(spec, &mut stream0);
    let known = spec.known_length();
    p1.reset(&MatchContext {
        game: spec.game.view(0),
        length: known,
    });
    p2.reset(&MatchContext {
        game: spec.game.view(1),
        length: known,
    });
    if !spec.record_moves
        && !spec.record_turn_scores
        && let (Some(v1), Some(v2)) = (p1.four_vector(), p2.four_vector())
    {
        return Ok(play_four_vectors(&v1, &v2, spec, length, stream0));
    }
    let mut rng1 = run_stream(spec.seed, 1);
    let mut rng2 = run_stream(spec.seed, 2);
    let cap = (length as usize).min(1 << 20);
    let (mut h1, mut h2) = (History::with_capacity(cap), History::with_capacity(cap));
    let mut moves = spec.record_moves.then(|| Vec::with_capacity(cap));
    let mut turn_scores = spec.record_turn_scores.then(|| Vec::with_capacity(cap));
    let mut counts = [0u32; 4];
    let mut first = [Action::C; 2];
    for turn in 0..length {
        let mut a1 = p1.decide(&h1, &mut rng1);
        let mut a2 = p2.decide(&h2, &mut rng2);
        if spec.noise > 0.0 {
            a1 = flip(&mut stream0, a1, spec.noise);
            a2 = flip(&mut stream0, a2, spec.noise);
        }
        if turn == 0 {
            first = [a1, a2];
        }
        h1.push(a1, a2);
        h2.push(a2, a1);
        counts[2 * a1.index() + a2.index()] += 1;
        if let Some(m) = moves.as_mut() {
            m.push([a1, a2]);
        }
        if let Some(t) = turn_scores.as_mut() {
            let (s1, s2) = spec.game.score(a1, a2);
            t.push([s1, s2]);
        }
    }
    let mut result = MatchResult::from_counts(&spec.game, counts, first);
    result.moves = moves;
    result.turn_scores = turn_scores;
    Ok(result)
}

/// Two memory-one players: a branch-light step on the last state, no history,
/// no allocation. Draws exactly what [`play`]'s general loop would draw.
pub fn play_four_vectors(
    v1: &FourVector,
    v2: &FourVector,
    spec: &MatchSpec,
    length: u32,
    mut stream0: DetRng,
) -> MatchResult {
    let mut rng1 = run_stream(spec.seed, 1);
    let mut rng2 = run_stream(spec.seed, 2);
    let mut counts = [0u32; 4];
    let mut a1 = choice(&mut rng1, v1.initial);
    let mut a2 = choice(&mut rng2, v2.initial);
    if spec.noise > 0.0 {
        a1 = flip(&mut stream0, a1, spec.noise);
        a2 = flip(&mut stream0, a2, spec.noise);
    }
    let first = [a1, a2];
    // Player 2 reads its own move first: the mirror of player 1's state index.
    let mut state = 2 * a1.index() + a2.index();
    counts[state] += 1;
    for _ in 1..length {
        let mirror = ((state & 1) << 1) | (state >> 1);
        let mut b1 = choice(&mut rng1, v1.p[state]);
        let mut b2 = choice(&mut rng2, v2.p[mirror]);
        if spec.noise > 0.0 {
            b1 = flip(&mut stream0, b1, spec.noise);
            b2 = flip(&mut stream0, b2, spec.noise);
        }
        state = 2 * b1.index() + b2.index();
        counts[state] += 1;
    }
    MatchResult::from_counts(&spec.game, counts, first)
}

/// Both strategies' keys, the turns and the game's payoff bits.
type CacheKey = (String, String, u32, [u64; 8]);

/// The deterministic cache: results of noiseless fixed-length matches between
/// deterministic strategies, keyed by both strategies' keys, the game and the turns. Safe to share
/// between threads; a cached result is the one `play` would return.
#[derive(Debug, Default)]
pub struct MatchCache {
    results: Mutex<HashMap<CacheKey, MatchResult>>,
}

impl MatchCache {
    /// An empty cache.
    pub fn new() -> MatchCache {
        MatchCache::default()
    }

    /// Plays the match, or returns the cached result when the match is cacheable.
    pub fn play<A, B>(
        &self,
        p1: &mut A,
        p2: &mut B,
        spec: &MatchSpec,
    ) -> Result<MatchResult, MatchError>
    where
        A: Strategy + Clone + 'static,
        B: Strategy + Clone + 'static,
    {
        let cacheable = spec.noise == 0.0
            && spec.prob_end.is_none()
            && !spec.record_moves
            && !spec.record_turn_scores
            && !p1.meta().stochastic
            && !p2.meta().stochastic;
        if !cacheable {
            return play(p1, p2, spec);
        }
        spec.validate()?;
        let g = spec.game;
        let game_bits = [
            g.a[0][0], g.a[0][1], g.a[1][0], g.a[1][1], g.b[0][0], g.b[0][1], g.b[1][0], g.b[1][1],
        ]
        .map(f64::to_bits);
        let key = (
            p1.meta().key(),
            p2.meta().key(),
            spec.turns.unwrap_or(0),
            game_bits,
        );
        if let Some(r) = self.lock().get(&key) {
            return Ok(r.clone());
        }
        let r = play(p1, p2, spec)?;
        self.lock().insert(key, r.clone());
        Ok(r)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<CacheKey, MatchResult>> {
        // A poisoned lock only means another thread panicked mid-insert; the map is still valid.
        self.results.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escalate::strategy::registry::parse;

    #[test]
    fn tft_v_alternator_reference() {
        let (mut a, mut b) = (parse("tit-for-tat").unwrap(), parse("alternator").unwrap());
        let mut spec = MatchSpec::fixed(Game::default(), 200);
        spec.record_moves = true;
        let r = play(&mut a, &mut b, &spec).unwrap();
        assert_eq!(r.scores, [498.0, 503.0]);
        assert_eq!(r.cooperations, [101, 100]);
        assert_eq!(r.winner, Some(1));
        assert_eq!(r.length, 200);
    }

    #[test]
    fn four_vector_path_equals_general_path_with_noise() {
        for (x, y) in [
            ("tit-for-tat", "win-stay-lose-shift"),
            ("first-by-joss", "random"),
        ] {
            let (mut a, mut b) = (parse(x).unwrap(), parse(y).unwrap());
            let mut spec = MatchSpec::fixed(Game::default(), 500);
            spec.noise = 0.05;
            spec.seed = 17;
            let fast = play(&mut a, &mut b, &spec).unwrap();
            spec.record_moves = true;
            let mut slow = play(&mut a, &mut b, &spec).unwrap();
            slow.moves = None;
            assert_eq!(fast, slow);
        }
    }

    #[test]
    fn random_length_is_geometric_and_capped() {
        let mut spec = MatchSpec::fixed(Game::default(), 1000);
        spec.turns = None;
        spec.prob_end = Some(0.1);
        let mut total = 0u64;
        for seed in 0..4000 {
            spec.seed = seed;
            total += u64::from(draw_length(&spec, &mut run_stream(seed, 0)));
        }
        let mean = total as f64 / 4000.0;
        assert!((mean - 10.0).abs() < 0.5, "{mean}");
        spec.prob_end = Some(1.0);
        assert_eq!(draw_length(&spec, &mut run_stream(0, 0)), 1);
        spec.prob_end = Some(0.001);
        spec.turns = Some(5);
        assert!(draw_length(&spec, &mut run_stream(0, 0)) <= 5);
    }

    #[test]
    fn bad_specs_are_errors() {
        let mut spec = MatchSpec::fixed(Game::default(), 10);
        spec.noise = 1.5;
        assert_eq!(spec.validate(), Err(MatchError::Noise(1.5)));
        let spec = MatchSpec {
            turns: None,
            ..MatchSpec::fixed(Game::default(), 10)
        };
        assert_eq!(spec.validate(), Err(MatchError::NoLength));
        assert_eq!(
            MatchSpec::fixed(Game::default(), 0).validate(),
            Err(MatchError::ZeroTurns)
        );
    }

    #[test]
    fn cache_returns_what_play_returns() {
        let cache = MatchCache::new();
        let (mut a, mut b) = (parse("grudger").unwrap(), parse("alternator").unwrap());
        let spec = MatchSpec::fixed(Game::default(), 200);
        let first = cache.play(&mut a, &mut b, &spec).unwrap();
        let again = cache.play(&mut a, &mut b, &spec).unwrap();
        assert_eq!(first, again);
        assert_eq!(first.scores, [597.0, 107.0]);
        assert_eq!(first.swapped().scores, [107.0, 597.0]);
    }
}
