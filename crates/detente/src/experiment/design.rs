//! Experimental designs over named inputs: grids and Latin hypercubes for sweeps, one-at-a-time
//! tornado and Morris elementary effects for sensitivity.
//!
//! Everything here works on plain vectors of input values and a function `f(&[f64]) -> f64`, so
//! it applies to any lens metric.

use crate::par::*;
use crate::rng::{DetRng, u01};
use serde::Serialize;

/// All points of the Cartesian product of `axes`, the last axis varying fastest.
pub fn grid(axes: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let mut points = vec![Vec::new()];
    for axis in axes {
        points = points
            .into_iter()
            .flat_map(|p| axis.iter().map(move |&v| [p.clone(), vec![v]].concat()))
            .collect();
    }
    if axes.is_empty() { Vec::new() } else { points }
}

/// `n` evenly spaced values from `lo` to `hi` inclusive (`n ≥ 2`; `n = 1` gives the midpoint).
pub fn linspace(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    match n {
        0 => Vec::new(),
        1 => vec![0.5 * (lo + hi)],
        _ => (0..n)
            .map(|k| lo + (hi - lo) * k as f64 / (n - 1) as f64)
            .collect(),
    }
}

/// A Latin hypercube of `n` points over `ranges`: each input's range is cut into `n` equal strata
/// and every stratum is used exactly once, at a uniform position inside it.
pub fn latin_hypercube(ranges: &[(f64, f64)], n: usize, rng: &mut DetRng) -> Vec<Vec<f64>> {
    let mut points = vec![vec![0.0; ranges.len()]; n];
    for (d, &(lo, hi)) in ranges.iter().enumerate() {
        let mut strata: Vec<usize> = (0..n).collect();
        shuffle(&mut strata, rng);
        for (i, p) in points.iter_mut().enumerate() {
            let u = (strata[i] as f64 + u01(rng)) / n as f64;
            p[d] = lo + (hi - lo) * u;
        }
    }
    points
}

fn shuffle<T>(v: &mut [T], rng: &mut DetRng) {
    for i in (1..v.len()).rev() {
        let j = (u01(rng) * (i + 1) as f64) as usize;
        v.swap(i, j.min(i));
    }
}

/// One bar of a tornado diagram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TornadoBar {
    /// Index of the input.
    pub input: usize,
    /// The input's low and high values.
    pub input_low: f64,
    /// High value of the input.
    pub input_high: f64,
    /// Metric with the input at its low value (others at base).
    pub at_low: f64,
    /// Metric with the input at its high value.
    pub at_high: f64,
    /// |at_high − at_low|.
    pub swing: f64,
}

/// One-at-a-time sensitivity: each input set to its low and then its high value, the others at
/// `base`; bars sorted by swing, largest first (ties keep input order).
pub fn tornado(
    base: &[f64],
    lows: &[f64],
    highs: &[f64],
    f: &(dyn Fn(&[f64]) -> f64 + Sync),
) -> Vec<TornadoBar> {
    // Inputs in parallel, collected in input order: the bars do not depend on the thread count.
    let mut bars: Vec<TornadoBar> = (0..base.len())
        .into_par_iter()
        .map(|i| {
            let mut x = base.to_vec();
            x[i] = lows[i];
            let at_low = f(&x);
            x[i] = highs[i];
            let at_high = f(&x);
            TornadoBar {
                input: i,
                input_low: lows[i],
                input_high: highs[i],
                at_low,
                at_high,
                swing: (at_high - at_low).abs(),
            }
        })
        .collect();
    crate::order::sort_by(&mut bars, |a, b| b.swing.total_cmp(&a.swing));
    bars
}

/// Morris elementary effects of one input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MorrisEffect {
    /// Index of the input.
    pub input: usize,
    /// Mean elementary effect μ (output change per full range of the input).
    pub mu: f64,
    /// Mean absolute elementary effect μ* (importance).
    pub mu_star: f64,
    /// Standard deviation σ of the effects (non-linearity and interactions).
    pub sigma: f64,
}

/// Morris screening: `r` one-at-a-time trajectories on a `levels`-level grid of the unit
/// hypercube mapped onto `ranges`, step Δ = levels / (2(levels − 1)). The elementary effect of
/// input i is `(f(x + Δe_i) − f(x))/Δ` in output units per full range of the input.
pub fn morris(
    ranges: &[(f64, f64)],
    r: usize,
    levels: usize,
    rng: &mut DetRng,
    f: &(dyn Fn(&[f64]) -> f64 + Sync),
) -> Vec<MorrisEffect> {
    let k = ranges.len();
    let levels = levels.max(2);
    let delta = levels as f64 / (2.0 * (levels - 1) as f64);
    let to_value = |u: &[f64]| -> Vec<f64> {
        u.iter()
            .zip(ranges)
            .map(|(x, (lo, hi))| lo + (hi - lo) * x)
            .collect()
    };
    let mut effects = vec![Vec::with_capacity(r); k];
    // Base points use the levels from which a step up stays inside [0, 1].
    let base_levels: Vec<f64> = (0..levels)
        .map(|l| l as f64 / (levels - 1) as f64)
        .filter(|&x| x + delta <= 1.0 + 1e-12)
        .collect();
    for _ in 0..r {
        let mut u: Vec<f64> = (0..k)
            .map(|_| {
                base_levels
                    [((u01(rng) * base_levels.len() as f64) as usize).min(base_levels.len() - 1)]
            })
            .collect();
        let mut order: Vec<usize> = (0..k).collect();
        shuffle(&mut order, rng);
        let mut y = f(&to_value(&u));
        for &i in &order {
            let up = u[i] + delta <= 1.0 + 1e-12 && (u01(rng) < 0.5 || u[i] - delta < -1e-12);
            let step = if up { delta } else { -delta };
            u[i] += step;
            let y_new = f(&to_value(&u));
            effects[i].push((y_new - y) / step);
            y = y_new;
        }
    }
    effects
        .into_iter()
        .enumerate()
        .map(|(i, e)| {
            let n = e.len().max(1) as f64;
            let mu = e.iter().sum::<f64>() / n;
            let mu_star = e.iter().map(|x| x.abs()).sum::<f64>() / n;
            let sigma = if e.len() > 1 {
                (e.iter().map(|x| (x - mu).powi(2)).sum::<f64>() / (n - 1.0)).sqrt()
            } else {
                0.0
            };
            MorrisEffect {
                input: i,
                mu,
                mu_star,
                sigma,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::run_stream;

    #[test]
    fn grid_order_and_size() {
        let g = grid(&[vec![1.0, 2.0], vec![10.0, 20.0, 30.0]]);
        assert_eq!(g.len(), 6);
        assert_eq!(g[0], vec![1.0, 10.0]);
        assert_eq!(g[1], vec![1.0, 20.0]);
        assert_eq!(g[5], vec![2.0, 30.0]);
        assert_eq!(linspace(0.0, 1.0, 5), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
    }

    #[test]
    fn latin_hypercube_uses_every_stratum_once() {
        let mut rng = run_stream(3, 0);
        let pts = latin_hypercube(&[(0.0, 1.0), (10.0, 20.0)], 50, &mut rng);
        for d in 0..2 {
            let (lo, hi) = [(0.0, 1.0), (10.0, 20.0)][d];
            let mut strata: Vec<usize> = pts
                .iter()
                .map(|p| ((p[d] - lo) / (hi - lo) * 50.0) as usize)
                .collect();
            strata.sort();
            assert_eq!(strata, (0..50).collect::<Vec<_>>());
        }
    }

    #[test]
    fn tornado_ranks_by_swing() {
        let f = |x: &[f64]| 3.0 * x[0] + 0.5 * x[1] - 10.0 * x[2];
        let bars = tornado(&[0.5, 0.5, 0.5], &[0.0, 0.0, 0.4], &[1.0, 1.0, 0.6], &f);
        assert_eq!(
            bars.iter().map(|b| b.input).collect::<Vec<_>>(),
            vec![0, 2, 1]
        );
        assert!((bars[0].swing - 3.0).abs() < 1e-12);
        assert!((bars[1].at_low - (1.5 + 0.25 - 4.0)).abs() < 1e-12);
    }

    #[test]
    fn morris_recovers_known_effects() {
        // f = 2·x0 + x1² + 0·x2 on the unit cube: x0 linear (μ* = 2, σ = 0), x1 non-linear
        // (σ > 0), x2 inert (μ* = 0).
        let f = |x: &[f64]| 2.0 * x[0] + x[1] * x[1];
        let mut rng = run_stream(11, 0);
        let e = morris(&[(0.0, 1.0), (0.0, 1.0), (0.0, 1.0)], 40, 4, &mut rng, &f);
        assert!(
            (e[0].mu_star - 2.0).abs() < 1e-9 && e[0].sigma < 1e-9,
            "{:?}",
            e[0]
        );
        assert!(e[1].sigma > 0.1, "{:?}", e[1]);
        assert!(e[1].mu_star > 0.5 && e[1].mu_star < 2.0);
        assert_eq!(e[2].mu_star, 0.0);
        // On a range of width 10 the effect per full range scales with it.
        let e10 = morris(&[(0.0, 10.0), (0.0, 1.0), (0.0, 1.0)], 10, 4, &mut rng, &f);
        assert!((e10[0].mu_star - 20.0).abs() < 1e-9);
    }
}
