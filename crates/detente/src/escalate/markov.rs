//! The exact memory-one path: two memory-one players with noise form a Markov
//! chain on the last turn's state (CC, CD, DC, DD, player 1's move first), so long-run and
//! finite-turn expected payoffs follow without simulation.

use crate::escalate::game::Game;
use crate::escalate::strategy::FourVector;

/// `p' = p(1 − ε) + (1 − p)ε`: the probability that the move *played* is C when the intended
/// move is C with probability `p` and noise flips it with probability `ε`.
pub fn with_noise(p: f64, epsilon: f64) -> f64 {
    p * (1.0 - epsilon) + (1.0 - p) * epsilon
}

/// Player 2 reads (own, opp): swaps CD and DC.
const MIRROR: [usize; 4] = [0, 2, 1, 3];

/// The transition matrix `M[s][s']` of two memory-one players under noise ε.
pub fn transition_matrix(p: &FourVector, q: &FourVector, epsilon: f64) -> [[f64; 4]; 4] {
    let mut m = [[0.0; 4]; 4];
    for (s, row) in m.iter_mut().enumerate() {
        let x = with_noise(p.p[s], epsilon);
        let y = with_noise(q.p[MIRROR[s]], epsilon);
        *row = [x * y, x * (1.0 - y), (1.0 - x) * y, (1.0 - x) * (1.0 - y)];
    }
    m
}

/// Distribution of the first turn's state.
pub fn initial_distribution(p: &FourVector, q: &FourVector, epsilon: f64) -> [f64; 4] {
    let x = with_noise(p.initial, epsilon);
    let y = with_noise(q.initial, epsilon);
    [x * y, x * (1.0 - y), (1.0 - x) * y, (1.0 - x) * (1.0 - y)]
}

/// Expected payoffs per turn `(player 1, player 2)` of a state distribution.
pub fn payoffs(game: &Game, dist: &[f64; 4]) -> [f64; 2] {
    let mut out = [0.0; 2];
    for (s, &w) in dist.iter().enumerate() {
        out[0] += w * game.a[s / 2][s % 2];
        out[1] += w * game.b[s / 2][s % 2];
    }
    out
}

/// The stationary distribution π: solves `(Mᵀ − I)π = 0`, `Σπ = 1` by Gaussian elimination.
/// `None` when it is not unique (e.g. two noiseless deterministic players that may lock into
/// different cycles).
pub fn stationary(m: &[[f64; 4]; 4]) -> Option<[f64; 4]> {
    let mut a = vec![vec![0.0; 4]; 4];
    for (i, row) in a.iter_mut().enumerate() {
        for (j, v) in row.iter_mut().enumerate() {
            *v = m[j][i] - if i == j { 1.0 } else { 0.0 };
        }
    }
    a[3] = vec![1.0; 4];
    let x = solve(a, vec![0.0, 0.0, 0.0, 1.0])?;
    Some([x[0], x[1], x[2], x[3]])
}

/// Long-run payoffs per turn `(player 1, player 2)` and the stationary distribution.
pub fn long_run(
    game: &Game,
    p: &FourVector,
    q: &FourVector,
    epsilon: f64,
) -> Option<([f64; 2], [f64; 4])> {
    let pi = stationary(&transition_matrix(p, q, epsilon))?;
    Some((payoffs(game, &pi), pi))
}

/// Expected payoffs per turn over a match of `turns` turns, propagating the state distribution
/// from the first move.
pub fn finite_turns(
    game: &Game,
    p: &FourVector,
    q: &FourVector,
    epsilon: f64,
    turns: u32,
) -> [f64; 2] {
    let m = transition_matrix(p, q, epsilon);
    let mut dist = initial_distribution(p, q, epsilon);
    let mut total = [0.0; 2];
    for t in 0..turns {
        let pay = payoffs(game, &dist);
        total[0] += pay[0];
        total[1] += pay[1];
        if t + 1 < turns {
            let mut next = [0.0; 4];
            for (s, &w) in dist.iter().enumerate() {
                for (k, n) in next.iter_mut().enumerate() {
                    *n += w * m[s][k];
                }
            }
            dist = next;
        }
    }
    let n = f64::from(turns.max(1));
    [total[0] / n, total[1] / n]
}

/// Solves `A x = b` by Gaussian elimination with partial pivoting; `None` when `A` is singular
/// (pivot below 1e-12).
pub fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..n {
            let f = a[row][col] / a[col][col];
            if f != 0.0 {
                let (upper, lower) = a.split_at_mut(row);
                for (x, y) in lower[0][col..n].iter_mut().zip(&upper[col][col..n]) {
                    *x -= f * y;
                }
                b[row] -= f * b[col];
            }
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fv(p: [f64; 4], initial: f64) -> FourVector {
        FourVector { p, initial }
    }

    #[test]
    fn solve_a_small_system() {
        let x = solve(vec![vec![2.0, 1.0], vec![1.0, 3.0]], vec![3.0, 5.0]).unwrap();
        assert!((x[0] - 0.8).abs() < 1e-12 && (x[1] - 1.4).abs() < 1e-12);
        assert!(solve(vec![vec![1.0, 2.0], vec![2.0, 4.0]], vec![1.0, 2.0]).is_none());
    }

    #[test]
    fn noiseless_tft_pair_has_no_unique_rest() {
        let tft = fv([1.0, 0.0, 1.0, 0.0], 1.0);
        assert!(long_run(&Game::default(), &tft, &tft, 0.0).is_none());
        let f = finite_turns(&Game::default(), &tft, &tft, 0.0, 10);
        assert_eq!(f, [3.0, 3.0]);
    }
}
