//! Alliance-portfolio similarity, the `alliance_similarity` propensity term: how alike two
//! states' alliance commitments are, beyond what chance gives (Cohen's κ over portfolios, with
//! the city-block distance).
//!
//! State `i`'s portfolio is `a_i ∈ [0, 1]^n` over the `n` actors of the landscape: `a_ik` is the
//! strength of its strongest alliance link with `k` (1 defence pact, 0.5 weaker pledge, 0 none)
//! and `a_ii = 1`. Then
//!
//! ```text
//! (P1)  d_o(i, j) = (1/n)  Σ_k |a_ik − a_jk|                 (observed disagreement)
//! (P2)  d_e(i, j) = (1/n²) Σ_k Σ_l |a_ik − a_jl|             (disagreement expected by chance)
//! (P3)  alliance_similarity(i, j) = clamp(1 − d_o / d_e, −1, 1)   (1 when d_e = 0)
//! ```
//!
//! Two states with the same commitments score 1; two states without any alliance score
//! `−1/(n−1)`, about 0 (unlike the S-score, which calls them nearly identical because both have
//! mostly zeros); opposed portfolios score below 0. (P2) is computed from each portfolio's
//! distinct values and their counts, so a pair costs `O(n)`.

/// The `n × n` matrix (row-major) of (P3) for `n` actors with alliance links
/// `(i, j, strength)` (the strongest per pair counts; self-links are ignored).
pub fn portfolio_similarity(n: usize, links: &[(usize, usize, f64)]) -> Vec<f64> {
    let mut a: Vec<f64> = vec![0.0; n * n];
    for i in 0..n {
        a[i * n + i] = 1.0;
    }
    for &(i, j, s) in links {
        if i != j {
            let s = s.clamp(0.0, 1.0);
            a[i * n + j] = a[i * n + j].max(s);
            a[j * n + i] = a[j * n + i].max(s);
        }
    }
    // Distinct values of each portfolio with their counts, for (P2).
    let hist: Vec<Vec<(f64, f64)>> = (0..n)
        .map(|i| {
            let mut v: Vec<f64> = a[i * n..(i + 1) * n].to_vec();
            crate::order::sort_floats(&mut v);
            let mut h: Vec<(f64, f64)> = Vec::new();
            for x in v {
                match h.last_mut() {
                    Some((y, c)) if *y == x => *c += 1.0,
                    _ => h.push((x, 1.0)),
                }
            }
            h
        })
        .collect();
    let nf = n as f64;
    let mut out = vec![0.0; n * n];
    for i in 0..n {
        out[i * n + i] = 1.0;
        for j in (i + 1)..n {
            let (ri, rj) = (&a[i * n..(i + 1) * n], &a[j * n..(j + 1) * n]);
            let d_o: f64 = ri.iter().zip(rj).map(|(x, y)| (x - y).abs()).sum::<f64>() / nf;
            let mut d_e = 0.0;
            for &(x, cx) in &hist[i] {
                for &(y, cy) in &hist[j] {
                    d_e += cx * cy * (x - y).abs();
                }
            }
            d_e /= nf * nf;
            let k = if d_e > 0.0 {
                (1.0 - d_o / d_e).clamp(-1.0, 1.0)
            } else {
                1.0
            };
            out[i * n + j] = k;
            out[j * n + i] = k;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four states: 0–1 allied by a defence pact, 2 and 3 unallied.
    #[test]
    fn hand_computed_values() {
        let s = portfolio_similarity(4, &[(0, 1, 1.0)]);
        // 0 and 1 have the same portfolio (1, 1, 0, 0).
        assert_eq!(s[1], 1.0);
        // 2 and 3: portfolios e_2, e_3; d_o = 2/4, d_e = (3 + 3)/16 → κ = 1 − (1/2)/(3/8) = −1/3.
        assert!((s[2 * 4 + 3] - (-1.0 / 3.0)).abs() < 1e-15);
        // 0 and 2: (1,1,0,0) vs (0,0,1,0): d_o = 3/4; d_e = (2·3 + 2·1)/16 = 1/2 → κ = −1/2.
        assert!((s[2] - (-0.5)).abs() < 1e-15);
        assert_eq!(s[2], s[2 * 4]);
    }

    #[test]
    fn weaker_pledges_count_half_and_strongest_link_wins() {
        let s = portfolio_similarity(3, &[(0, 1, 0.5), (1, 0, 1.0), (1, 2, 0.5)]);
        let t = portfolio_similarity(3, &[(0, 1, 1.0), (1, 2, 0.5)]);
        assert_eq!(s, t);
        assert!(s.iter().all(|v| (-1.0..=1.0).contains(v)));
    }
}
