//! Streaming summaries of Monte Carlo metrics: memory stays bounded however many runs there are
//! (experiments.md §6), and values are folded in run order so the result is deterministic.

use crate::rng::{DetRng, u01};
use crate::stats::{Proportion, quantile_sorted, wilson};
use rand::SeedableRng;
use serde::Serialize;

/// Values kept exactly before switching to a uniform reservoir sample for quantiles.
pub const EXACT_CAP: usize = 200_000;

/// The quantile levels every summary reports (experiments.md §2).
pub const LEVELS: [f64; 5] = [0.05, 0.10, 0.50, 0.90, 0.95];

/// Accumulates one real-valued metric.
#[derive(Debug, Clone)]
pub struct Accumulator {
    n: u64,
    mean: f64,
    m2: f64,
    min: f64,
    max: f64,
    /// Exact values up to `EXACT_CAP`, then a uniform reservoir of that size.
    sample: Vec<f64>,
    reservoir: DetRng,
    nan: u64,
}

/// Summary of a metric over runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Runs that produced a finite value.
    pub n: u64,
    /// Runs where the metric was undefined (NaN), e.g. an onset in a run with no spiral.
    pub undefined: u64,
    /// Mean.
    pub mean: f64,
    /// Sample standard deviation (n − 1).
    pub sd: f64,
    /// Smallest value.
    pub min: f64,
    /// Largest value.
    pub max: f64,
    /// Quantiles at [`LEVELS`] (numpy-linear); estimated from a uniform sample of
    /// `EXACT_CAP` values when there are more runs (`exact = false`).
    pub quantiles: Vec<(f64, f64)>,
    /// Whether the quantiles are exact.
    pub exact: bool,
    /// Histogram: 20 equal-width bins over [min, max] (edges and counts of the sample).
    pub histogram: Histogram,
}

/// Equal-width histogram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Histogram {
    /// Bin edges (bins + 1 values).
    pub edges: Vec<f64>,
    /// Counts per bin.
    pub counts: Vec<u64>,
}

impl Accumulator {
    /// An empty accumulator; `seed` drives the reservoir (used only beyond `EXACT_CAP` values).
    pub fn new(seed: u64) -> Self {
        Accumulator {
            n: 0,
            mean: 0.0,
            m2: 0.0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            sample: Vec::new(),
            reservoir: DetRng::seed_from_u64(seed),
            nan: 0,
        }
    }

    /// Add one value (Welford's update; NaN counts as undefined).
    pub fn push(&mut self, x: f64) {
        if !x.is_finite() {
            self.nan += 1;
            return;
        }
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
        self.min = self.min.min(x);
        self.max = self.max.max(x);
        if self.sample.len() < EXACT_CAP {
            self.sample.push(x);
        } else {
            // Reservoir sampling (Algorithm R): keep each of the n values with probability cap/n.
            let j = (u01(&mut self.reservoir) * self.n as f64) as usize;
            if j < EXACT_CAP {
                self.sample[j] = x;
            }
        }
    }

    /// The summary so far.
    pub fn summary(&self) -> Summary {
        let mut sorted = self.sample.clone();
        sorted.sort_by(f64::total_cmp);
        let quantiles = LEVELS
            .iter()
            .map(|&q| (q, quantile_sorted(&sorted, q).unwrap_or(f64::NAN)))
            .collect();
        let sd = if self.n > 1 {
            (self.m2 / (self.n - 1) as f64).sqrt()
        } else {
            0.0
        };
        Summary {
            n: self.n,
            undefined: self.nan,
            mean: if self.n > 0 { self.mean } else { f64::NAN },
            sd,
            min: if self.n > 0 { self.min } else { f64::NAN },
            max: if self.n > 0 { self.max } else { f64::NAN },
            quantiles,
            exact: self.n as usize <= EXACT_CAP,
            histogram: histogram(&sorted, 20),
        }
    }
}

impl Summary {
    /// The quantile at `level` (one of [`LEVELS`]).
    pub fn quantile(&self, level: f64) -> Option<f64> {
        self.quantiles
            .iter()
            .find(|(q, _)| (q - level).abs() < 1e-12)
            .map(|(_, v)| *v)
    }
}

fn histogram(sorted: &[f64], bins: usize) -> Histogram {
    let (Some(&lo), Some(&hi)) = (sorted.first(), sorted.last()) else {
        return Histogram {
            edges: Vec::new(),
            counts: Vec::new(),
        };
    };
    let width = if hi > lo {
        (hi - lo) / bins as f64
    } else {
        1.0
    };
    let edges = (0..=bins).map(|k| lo + width * k as f64).collect();
    let mut counts = vec![0u64; bins];
    for &x in sorted {
        let b = (((x - lo) / width) as usize).min(bins - 1);
        counts[b] += 1;
    }
    Histogram { edges, counts }
}

/// Counts successes of a yes/no metric; summarised with a Wilson interval.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counter {
    hits: u64,
    trials: u64,
}

impl Counter {
    /// Add one run's outcome.
    pub fn push(&mut self, hit: bool) {
        self.hits += hit as u64;
        self.trials += 1;
    }

    /// Proportion with its 95 % Wilson interval.
    pub fn proportion(&self) -> Proportion {
        wilson(self.hits, self.trials)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welford_matches_two_pass() {
        let xs: Vec<f64> = (0..1000).map(|i| ((i * 37) % 101) as f64 * 0.5).collect();
        let mut a = Accumulator::new(1);
        xs.iter().for_each(|&x| a.push(x));
        let s = a.summary();
        let mean = xs.iter().sum::<f64>() / xs.len() as f64;
        let sd =
            (xs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (xs.len() - 1) as f64).sqrt();
        assert!((s.mean - mean).abs() < 1e-12);
        assert!((s.sd - sd).abs() < 1e-10);
        assert!(s.exact);
        assert_eq!(s.histogram.counts.iter().sum::<u64>(), 1000);
    }

    #[test]
    fn quantiles_are_exact_below_the_cap_and_close_beyond() {
        let mut a = Accumulator::new(7);
        for i in 0..=100 {
            a.push(i as f64);
        }
        assert_eq!(a.summary().quantile(0.5), Some(50.0));
        assert_eq!(a.summary().quantile(0.05), Some(5.0));
        let mut big = Accumulator::new(7);
        let n = 600_000u64;
        for i in 0..n {
            // A deterministic permutation of 0..n, so order does not bias the reservoir.
            big.push(((i * 7_919) % n) as f64);
        }
        let s = big.summary();
        assert!(!s.exact);
        assert_eq!(s.n, n);
        let median = s.quantile(0.5).unwrap();
        assert!((median / n as f64 - 0.5).abs() < 0.005, "{median}");
    }

    #[test]
    fn undefined_values_are_counted_not_averaged() {
        let mut a = Accumulator::new(1);
        a.push(f64::NAN);
        a.push(2.0);
        let s = a.summary();
        assert_eq!((s.n, s.undefined, s.mean), (1, 1, 2.0));
    }
}
