//! Salience-weighted distance (D9) and risk-aware utility (D10), and the per-turn distance
//! matrix shared by every stage of a turn.

/// D9: distance from `ideal` to `point`, weighted by `salience` and normalised by
/// `Σ_d s_d²`, so that it lies in `[0, 1]` for points in the unit cube.
/// `inv_ss` is `1/Σ_d s_d²` (precomputed per actor).
#[inline]
pub fn distance(ideal: &[f64], point: &[f64], salience: &[f64], inv_ss: f64) -> f64 {
    let mut acc = 0.0;
    for ((&a, &b), &s) in ideal.iter().zip(point).zip(salience) {
        let w = s * (a - b);
        acc += w * w;
    }
    (acc * inv_ss).sqrt()
}

/// D10: utility of distance `d` to an actor with risk attitude `r ∈ [−1, 1]`:
/// `(1 − d)(1 + r·d)` for `d ≤ 1`, `(1 − d)(1 + r)` beyond (round-off only).
#[inline]
pub fn utility(d: f64, r: f64) -> f64 {
    // `min(d, 1)` selects the branch without a jump; both branches are bit-for-bit D10.
    (1.0 - d) * (1.0 + r * d.min(1.0))
}

/// `N×N` row-major matrix `d_ij = d(ξ_i, x_j)` under i's saliences (D9), rebuilt in place
/// each turn.
pub fn fill_distances(
    n: usize,
    m: usize,
    ideals: &[f64],
    positions: &[f64],
    salience: &[f64],
    inv_ss: &[f64],
    out: &mut [f64],
) {
    for i in 0..n {
        let xi = &ideals[i * m..(i + 1) * m];
        let si = &salience[i * m..(i + 1) * m];
        let row = &mut out[i * n..(i + 1) * n];
        for (j, dij) in row.iter_mut().enumerate() {
            *dij = distance(xi, &positions[j * m..(j + 1) * m], si, inv_ss[i]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_is_zero_at_the_ideal_and_one_across_the_cube() {
        let s = [0.3, 0.2];
        let inv = 1.0 / (0.09 + 0.04);
        assert_eq!(distance(&[0.4, 0.6], &[0.4, 0.6], &s, inv), 0.0);
        assert!((distance(&[0.0, 0.0], &[1.0, 1.0], &s, inv) - 1.0).abs() < 1e-15);
    }

    #[test]
    fn utility_matches_d10_on_both_branches() {
        assert!((utility(0.1, -0.5) - 0.9 * 0.95).abs() < 1e-15);
        assert!((utility(1.2, 0.5) - (-0.2 * 1.5)).abs() < 1e-15);
        assert_eq!(utility(0.0, 0.7), 1.0);
    }
}
