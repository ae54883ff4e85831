//! Round-robin tournaments with Axelrod-Python's `ResultSet` metrics.
//!
//! Every pair (i, j) with i ≤ j plays (self-play included, against a fresh copy) in every
//! repetition r with match seed `derive(seed, [r, i, j])`. Pairs are spread over rayon threads;
//! results land in slots indexed by pair and are reduced in index order, so the output is
//! bit-identical for any number of threads.

use crate::escalate::game::{Action, Game};
use crate::escalate::matchplay::{MatchError, MatchResult, MatchSpec, play};
use crate::escalate::strategy::{Player, Strategy};
use crate::par::*;
use crate::rng::derive;
use crate::stats::{mean, median, std_dev};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How the tournament is played.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TournamentSpec {
    /// The game.
    pub game: Game,
    /// Turns per match (or the cap on random lengths).
    pub turns: Option<u32>,
    /// Per-turn end probability (random lengths).
    pub prob_end: Option<f64>,
    /// Noise ε on every move.
    pub noise: f64,
    /// Number of repetitions R ≥ 1.
    pub repetitions: u32,
    /// Master seed.
    pub seed: u64,
}

impl TournamentSpec {
    /// Fixed-length, noiseless tournament with seed 0.
    pub fn fixed(game: Game, turns: u32, repetitions: u32) -> TournamentSpec {
        TournamentSpec {
            game,
            turns: Some(turns),
            prob_end: None,
            noise: 0.0,
            repetitions,
            seed: 0,
        }
    }

    fn match_spec(&self, seed: u64) -> MatchSpec {
        MatchSpec {
            game: self.game,
            turns: self.turns,
            prob_end: self.prob_end,
            noise: self.noise,
            seed,
            record_moves: false,
            record_turn_scores: false,
        }
    }
}

/// Why a tournament could not run.
#[derive(Debug, Clone, PartialEq)]
pub enum TournamentError {
    /// Fewer than two players.
    TooFewPlayers,
    /// Zero repetitions.
    NoRepetitions,
    /// A match setting is invalid.
    Match(MatchError),
}

impl std::fmt::Display for TournamentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TournamentError::TooFewPlayers => write!(f, "a tournament needs at least two players"),
            TournamentError::NoRepetitions => {
                write!(f, "a tournament needs at least one repetition")
            }
            TournamentError::Match(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for TournamentError {}

/// Tournament results. Indices are player indices in input order; `r` is
/// the repetition.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TournamentResult {
    /// Display names, input order.
    pub names: Vec<String>,
    /// Number of repetitions.
    pub repetitions: u32,
    /// `match_lengths[r][i][j]` (symmetric).
    pub match_lengths: Vec<Vec<Vec<u32>>>,
    /// `payoffs[i][j][r]`: i's score per turn v j (diagonal: mean of the two copies).
    pub payoffs: Vec<Vec<Vec<f64>>>,
    /// `scores[i][r]`: i's total score over all j ≠ i.
    pub scores: Vec<Vec<f64>>,
    /// `normalised_scores[i][r]`: mean over j ≠ i of i's score per turn.
    pub normalised_scores: Vec<Vec<f64>>,
    /// Median over r of `normalised_scores[i]`.
    pub median_normalised_scores: Vec<f64>,
    /// Player indices by median normalised score, best first (stable).
    pub ranking: Vec<usize>,
    /// Names in ranking order.
    pub ranked_names: Vec<String>,
    /// `wins[i][r]`: opponents j ≠ i that i outscored.
    pub wins: Vec<Vec<u32>>,
    /// Mean over r of `payoffs[i][j]`.
    pub payoff_matrix: Vec<Vec<f64>>,
    /// Population standard deviation over r of `payoffs[i][j]`.
    pub payoff_stddevs: Vec<Vec<f64>>,
    /// `cooperation[i][j]`: Σ_r number of C played by i v j (diagonal: half of both copies').
    pub cooperation: Vec<Vec<u64>>,
    /// `cooperation[i][j] / Σ_r match_lengths[r][i][j]`.
    pub normalised_cooperation: Vec<Vec<f64>>,
    /// Share of C over all of i's turns against j ≠ i.
    pub cooperating_rating: Vec<f64>,
    /// `state_distribution[i][j]`: share of turns in (CC, CD, DC, DD), i's move first.
    pub state_distribution: Vec<Vec<[f64; 4]>>,
    /// `score_diffs[i][j][r]`: i's minus j's score per turn.
    pub score_diffs: Vec<Vec<Vec<f64>>>,
    /// Share of i's first moves that were C, self-play excluded.
    pub initial_cooperation_rate: Vec<f64>,
}

/// Plays the round robin among `players` (display names from their classifiers).
pub fn run(players: &[Player], spec: &TournamentSpec) -> Result<TournamentResult, TournamentError> {
    run_with_progress(players, spec, &|_, _| {})
}

/// As [`run`], calling `progress(done, total)` (in pairs) as pairs finish, from worker threads.
pub fn run_with_progress(
    players: &[Player],
    spec: &TournamentSpec,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<TournamentResult, TournamentError> {
    let n = players.len();
    if n < 2 {
        return Err(TournamentError::TooFewPlayers);
    }
    if spec.repetitions == 0 {
        return Err(TournamentError::NoRepetitions);
    }
    spec.match_spec(0)
        .validate()
        .map_err(TournamentError::Match)?;
    let pairs: Vec<(usize, usize)> = (0..n).flat_map(|i| (i..n).map(move |j| (i, j))).collect();
    let done = AtomicUsize::new(0);
    let per_pair: Vec<Result<Vec<MatchResult>, MatchError>> = pairs
        .par_iter()
        .map(|&(i, j)| {
            let out = play_pair(&players[i], &players[j], i, j, spec);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, pairs.len());
            out
        })
        .collect();
    let mut results = Vec::with_capacity(pairs.len());
    for r in per_pair {
        results.push(r.map_err(TournamentError::Match)?);
    }
    let names = display_names(players);
    Ok(reduce(names, spec.repetitions as usize, &pairs, &results))
}

/// Display names: the classifier's name, with its parameters when two players share a name
/// (e.g. two GTFTs with different generosity), and a running number if they still collide.
pub fn display_names(players: &[Player]) -> Vec<String> {
    let short = |v: &str| match v.parse::<f64>() {
        Ok(x) if v.len() > 6 => format!("{x:.4}"),
        _ => v.to_string(),
    };
    let with_params: Vec<String> = players
        .iter()
        .map(|p| {
            let m = p.meta();
            let clash = players.iter().filter(|q| q.meta().name == m.name).count() > 1;
            if clash && !m.params.is_empty() {
                let params: Vec<String> = m
                    .params
                    .iter()
                    .map(|(k, v)| format!("{k}={}", short(v)))
                    .collect();
                format!("{} ({})", m.name, params.join(", "))
            } else {
                m.name.clone()
            }
        })
        .collect();
    with_params
        .iter()
        .enumerate()
        .map(|(i, name)| {
            if with_params.iter().filter(|n| *n == name).count() > 1 {
                let k = with_params[..=i].iter().filter(|n| *n == name).count();
                format!("{name} #{k}")
            } else {
                name.clone()
            }
        })
        .collect()
}

/// All repetitions of one pair; deterministic pairs are played once and reused.
fn play_pair(
    a: &Player,
    b: &Player,
    i: usize,
    j: usize,
    spec: &TournamentSpec,
) -> Result<Vec<MatchResult>, MatchError> {
    let (mut p1, mut p2) = (a.clone(), b.clone());
    let reps = spec.repetitions as usize;
    let first = spec.match_spec(derive(spec.seed, [0, i as u64, j as u64]));
    if first.is_cacheable(&p1, &p2) {
        let r = play(&mut p1, &mut p2, &first)?;
        return Ok(vec![r; reps]);
    }
    (0..reps)
        .map(|r| {
            let ms = spec.match_spec(derive(spec.seed, [r as u64, i as u64, j as u64]));
            play(&mut p1, &mut p2, &ms)
        })
        .collect()
}

fn grid<T: Clone>(n: usize, v: T) -> Vec<Vec<T>> {
    vec![vec![v; n]; n]
}

fn add_states(total: &mut [u64; 4], counts: &[u32; 4]) {
    for (t, &c) in total.iter_mut().zip(counts) {
        *t += u64::from(c);
    }
}

fn reduce(
    names: Vec<String>,
    reps: usize,
    pairs: &[(usize, usize)],
    results: &[Vec<MatchResult>],
) -> TournamentResult {
    let n = names.len();
    let mut match_lengths = vec![grid(n, 0u32); reps];
    let mut payoffs = grid(n, vec![0.0; reps]);
    let mut score_diffs = grid(n, vec![0.0; reps]);
    let mut scores = vec![vec![0.0; reps]; n];
    let mut wins = vec![vec![0u32; reps]; n];
    let mut cooperation = grid(n, 0u64);
    let mut states = grid(n, [0u64; 4]);
    let mut first_c = vec![0u64; n];
    let mut first_total = vec![0u64; n];
    for (&(i, j), reps_results) in pairs.iter().zip(results) {
        for (r, m) in reps_results.iter().enumerate() {
            match_lengths[r][i][j] = m.length;
            match_lengths[r][j][i] = m.length;
            if i == j {
                let mean_pt = (m.scores_per_turn[0] + m.scores_per_turn[1]) / 2.0;
                payoffs[i][i][r] = mean_pt;
                cooperation[i][i] += u64::from(m.cooperations[0] + m.cooperations[1]);
                let sw = m.swapped();
                add_states(&mut states[i][i], &m.state_counts);
                add_states(&mut states[i][i], &sw.state_counts);
                continue;
            }
            payoffs[i][j][r] = m.scores_per_turn[0];
            payoffs[j][i][r] = m.scores_per_turn[1];
            score_diffs[i][j][r] = m.scores_per_turn[0] - m.scores_per_turn[1];
            score_diffs[j][i][r] = m.scores_per_turn[1] - m.scores_per_turn[0];
            scores[i][r] += m.scores[0];
            scores[j][r] += m.scores[1];
            match m.winner {
                Some(0) => wins[i][r] += 1,
                Some(_) => wins[j][r] += 1,
                None => {}
            }
            cooperation[i][j] += u64::from(m.cooperations[0]);
            cooperation[j][i] += u64::from(m.cooperations[1]);
            add_states(&mut states[i][j], &m.state_counts);
            add_states(&mut states[j][i], &m.swapped().state_counts);
            for (k, who) in [(0, i), (1, j)] {
                first_c[who] += u64::from(m.first_moves[k] == Action::C);
                first_total[who] += 1;
            }
        }
    }
    for (i, row) in cooperation.iter_mut().enumerate() {
        row[i] /= 2;
    }
    let total_length =
        |i: usize, j: usize| -> u64 { match_lengths.iter().map(|l| u64::from(l[i][j])).sum() };
    let normalised_scores: Vec<Vec<f64>> = (0..n)
        .map(|i| {
            (0..reps)
                .map(|r| {
                    let others: Vec<f64> = (0..n)
                        .filter(|&j| j != i)
                        .map(|j| payoffs[i][j][r])
                        .collect();
                    mean(&others).unwrap_or(0.0)
                })
                .collect()
        })
        .collect();
    let median_normalised_scores: Vec<f64> = normalised_scores
        .iter()
        .map(|v| median(v).unwrap_or(0.0))
        .collect();
    let mut ranking: Vec<usize> = (0..n).collect();
    crate::order::sort_by(&mut ranking, |&a, &b| {
        median_normalised_scores[b].total_cmp(&median_normalised_scores[a])
    });
    let ranked_names = ranking.iter().map(|&i| names[i].clone()).collect();
    let payoff_matrix = payoffs
        .iter()
        .map(|row| row.iter().map(|v| mean(v).unwrap_or(0.0)).collect())
        .collect();
    let payoff_stddevs = payoffs
        .iter()
        .map(|row| row.iter().map(|v| std_dev(v, 0).unwrap_or(0.0)).collect())
        .collect();
    let normalised_cooperation = (0..n)
        .map(|i| {
            (0..n)
                .map(|j| cooperation[i][j] as f64 / total_length(i, j).max(1) as f64)
                .collect()
        })
        .collect();
    let cooperating_rating = (0..n)
        .map(|i| {
            let others = (0..n).filter(|&j| j != i);
            let c: u64 = others.clone().map(|j| cooperation[i][j]).sum();
            let l: u64 = others.map(|j| total_length(i, j)).sum();
            c as f64 / l.max(1) as f64
        })
        .collect();
    let state_distribution = states
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| {
                    let t = c.iter().sum::<u64>().max(1) as f64;
                    c.map(|x| x as f64 / t)
                })
                .collect()
        })
        .collect();
    let initial_cooperation_rate = (0..n)
        .map(|i| first_c[i] as f64 / first_total[i].max(1) as f64)
        .collect();
    TournamentResult {
        names,
        repetitions: reps as u32,
        match_lengths,
        payoffs,
        scores,
        normalised_scores,
        median_normalised_scores,
        ranking,
        ranked_names,
        wins,
        payoff_matrix,
        payoff_stddevs,
        cooperation,
        normalised_cooperation,
        cooperating_rating,
        state_distribution,
        score_diffs,
        initial_cooperation_rate,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::escalate::strategy::registry::parse;

    #[test]
    fn needs_two_players_and_a_repetition() {
        let one = vec![parse("tit-for-tat").unwrap()];
        let spec = TournamentSpec::fixed(Game::default(), 10, 1);
        assert_eq!(run(&one, &spec), Err(TournamentError::TooFewPlayers));
        let two = vec![one[0].clone(), parse("defector").unwrap()];
        let spec0 = TournamentSpec::fixed(Game::default(), 10, 0);
        assert_eq!(run(&two, &spec0), Err(TournamentError::NoRepetitions));
    }

    #[test]
    fn clashing_names_are_told_apart() {
        let players = vec![
            parse("gtft(g=0.1)").unwrap(),
            parse("gtft(g=1/3)").unwrap(),
            parse("tft").unwrap(),
            parse("tft").unwrap(),
        ];
        assert_eq!(
            display_names(&players),
            [
                "Generous Tit For Tat (g=0.1)",
                "Generous Tit For Tat (g=0.3333)",
                "Tit For Tat #1",
                "Tit For Tat #2"
            ]
        );
    }

    #[test]
    fn two_player_metrics() {
        let players = vec![parse("tit-for-tat").unwrap(), parse("defector").unwrap()];
        let r = run(&players, &TournamentSpec::fixed(Game::default(), 200, 3)).unwrap();
        assert_eq!(r.scores[0], vec![199.0; 3]);
        assert_eq!(r.scores[1], vec![204.0; 3]);
        assert_eq!(r.wins[1], vec![1; 3]);
        assert_eq!(r.ranked_names, vec!["Defector", "Tit For Tat"]);
        assert_eq!(r.payoff_matrix[0][0], 3.0);
        assert_eq!(r.cooperation[0][1], 3);
        assert_eq!(r.cooperation[0][0], 600);
        assert_eq!(r.initial_cooperation_rate, vec![1.0, 0.0]);
        assert_eq!(r.state_distribution[0][1][3], 199.0 / 200.0);
        assert_eq!(r.state_distribution[1][0][2], 1.0 / 200.0);
    }
}
