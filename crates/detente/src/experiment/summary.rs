//! Streaming summaries of Monte Carlo metrics: memory stays bounded however many runs there are,
//! and values are folded in run order so the result is deterministic.

use crate::rng::{DetRng, u01};
use crate::stats::{Proportion, quantile_sorted, wilson};
use rand::SeedableRng;
use serde::Serialize;

/// Values kept exactly before switching to a uniform reservoir sample for quantiles.
pub const EXACT_CAP: usize = 200_000;

/// The quantile levels every summary reports.
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
        crate::order::sort_floats(&mut sorted);
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
    binned(lo, hi, bins, sorted.iter().map(|&x| (x, 1)))
}

/// `bins` equal-width bins over `[lo, hi]` (width 1 when `lo = hi`), each `(value, count)` added
/// to the bin its value falls in; values at `hi` go to the last bin.
fn binned(lo: f64, hi: f64, bins: usize, values: impl Iterator<Item = (f64, u64)>) -> Histogram {
    let width = if hi > lo {
        (hi - lo) / bins as f64
    } else {
        1.0
    };
    let edges = (0..=bins).map(|k| lo + width * k as f64).collect();
    let mut counts = vec![0u64; bins];
    for (x, c) in values {
        counts[(((x - lo) / width) as usize).min(bins - 1)] += c;
    }
    Histogram { edges, counts }
}

/// Bounded-memory summary of a real metric whose values lie in a known range `[lo, hi]`: `B`
/// equal-width bins, each with its count and the smallest and largest value it received, plus
/// the run-order sum and shifted sums of squares. Memory is `24·B` bytes whatever the number of
/// runs.
///
/// - mean = Σx / n, summed in run order (the same number as averaging the kept values);
/// - variance = (Σ(x − K)² − (Σ(x − K))²/n)/(n − 1) with K the first value (shifted sums);
/// - the numpy-linear quantile at level q is `x₍ₗ₎ + f·(x₍ₗ₊₁₎ − x₍ₗ₎)` with `h = (n − 1)q`,
///   `l = ⌊h⌋`, `f = h − l`, where the order statistic `x₍ᵣ₎` is read from the bin holding rank
///   r: exact when that bin received one distinct value (min = max), otherwise interpolated
///   linearly between the bin's min and max by the rank's position among the bin's c values,
///   `min + (max − min)·(r − start)/(c − 1)`. The error of a quantile is therefore at most the
///   bin width `(hi − lo)/B`, and zero for metrics with few distinct values (counts, onsets,
///   tension with equal dyad weights). Values outside the range go to the end bins.
#[derive(Debug, Clone)]
pub struct Binned {
    lo: f64,
    scale: f64,
    n: u64,
    nan: u64,
    sum: f64,
    shift: f64,
    s1: f64,
    s2: f64,
    min: f64,
    max: f64,
    counts: Vec<u64>,
    low: Vec<f64>,
    high: Vec<f64>,
}

impl Binned {
    /// An empty summary over `[lo, hi]` with `bins` bins (at least one).
    pub fn new(lo: f64, hi: f64, bins: usize) -> Self {
        let bins = bins.max(1);
        let span = hi - lo;
        Binned {
            lo,
            scale: if span > 0.0 && span.is_finite() {
                bins as f64 / span
            } else {
                0.0
            },
            n: 0,
            nan: 0,
            sum: 0.0,
            shift: 0.0,
            s1: 0.0,
            s2: 0.0,
            min: f64::INFINITY,
            max: f64::NEG_INFINITY,
            counts: vec![0; bins],
            low: vec![f64::INFINITY; bins],
            high: vec![f64::NEG_INFINITY; bins],
        }
    }

    /// Add one value (NaN or infinite: counted as undefined).
    #[inline]
    pub fn push(&mut self, x: f64) {
        if !x.is_finite() {
            self.nan += 1;
            return;
        }
        if self.n == 0 {
            self.shift = x;
        }
        self.n += 1;
        self.sum += x;
        let d = x - self.shift;
        self.s1 += d;
        self.s2 += d * d;
        self.min = self.min.min(x);
        self.max = self.max.max(x);
        let last = self.counts.len() - 1;
        let b = (((x - self.lo) * self.scale).max(0.0) as usize).min(last);
        self.counts[b] += 1;
        self.low[b] = self.low[b].min(x);
        self.high[b] = self.high[b].max(x);
    }

    /// Values received (finite).
    pub fn n(&self) -> u64 {
        self.n
    }

    /// Values that were undefined (NaN).
    pub fn undefined(&self) -> u64 {
        self.nan
    }

    /// Mean Σx/n (`None` when empty).
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| self.sum / self.n as f64)
    }

    /// Sample standard deviation (`None` with fewer than two values).
    pub fn sd(&self) -> Option<f64> {
        (self.n > 1).then(|| {
            let n = self.n as f64;
            ((self.s2 - self.s1 * self.s1 / n).max(0.0) / (n - 1.0)).sqrt()
        })
    }

    /// Counts per bin (bin k covers `[lo + k·w, lo + (k + 1)·w)`).
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Order statistic of rank `r` (0-based) and whether it is exact.
    fn order_statistic(&self, r: u64) -> (f64, bool) {
        let mut start = 0u64;
        for (b, &c) in self.counts.iter().enumerate() {
            if r < start + c {
                let (lo, hi) = (self.low[b], self.high[b]);
                if lo == hi || c == 1 {
                    return (lo, true);
                }
                let f = (r - start) as f64 / (c - 1) as f64;
                return (lo + (hi - lo) * f, false);
            }
            start += c;
        }
        (self.max, true)
    }

    /// Numpy-linear quantile at level `q` and whether it is exact (`None` when empty).
    pub fn quantile_exact(&self, q: f64) -> Option<(f64, bool)> {
        if self.n == 0 {
            return None;
        }
        let h = (self.n - 1) as f64 * q.clamp(0.0, 1.0);
        let lo = h.floor() as u64;
        let hi = h.ceil() as u64;
        let (a, ea) = self.order_statistic(lo);
        let (b, eb) = if hi == lo {
            (a, ea)
        } else {
            self.order_statistic(hi)
        };
        Some((a + (h - lo as f64) * (b - a), ea && eb))
    }

    /// Numpy-linear quantile at level `q` (NaN when empty).
    pub fn quantile(&self, q: f64) -> f64 {
        self.quantile_exact(q).map_or(f64::NAN, |(v, _)| v)
    }

    /// The summary (quantiles at [`LEVELS`]; `exact` when every one was exact).
    pub fn summary(&self) -> Summary {
        let mut exact = true;
        let quantiles = LEVELS
            .iter()
            .map(|&q| match self.quantile_exact(q) {
                Some((v, e)) => {
                    exact &= e;
                    (q, v)
                }
                None => (q, f64::NAN),
            })
            .collect();
        Summary {
            n: self.n,
            undefined: self.nan,
            mean: self.mean().unwrap_or(f64::NAN),
            sd: self.sd().unwrap_or(0.0),
            min: if self.n > 0 { self.min } else { f64::NAN },
            max: if self.n > 0 { self.max } else { f64::NAN },
            quantiles,
            exact,
            histogram: self.coarse_histogram(20),
        }
    }

    /// `bins` equal-width bins over [min, max], each fine bin counted where its smallest value
    /// falls.
    fn coarse_histogram(&self, bins: usize) -> Histogram {
        if self.n == 0 {
            return Histogram {
                edges: Vec::new(),
                counts: Vec::new(),
            };
        }
        let fine = self
            .counts
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c > 0)
            .map(|(b, &c)| (self.low[b], c));
        binned(self.min, self.max, bins, fine)
    }
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
    fn binned_quantiles_are_exact_for_few_distinct_values_and_close_otherwise() {
        // Integers 1..=40 in 40 bins: one value per bin, so every quantile is exact.
        let mut b = Binned::new(0.5, 40.5, 40);
        let mut values = Vec::new();
        for i in 0..1_000u64 {
            let x = ((i * 7_919) % 40 + 1) as f64;
            b.push(x);
            values.push(x);
        }
        values.sort_by(f64::total_cmp);
        for q in [0.05, 0.25, 0.5, 0.75, 0.95] {
            let (v, exact) = b.quantile_exact(q).unwrap();
            assert!(exact);
            assert_eq!(v, quantile_sorted(&values, q).unwrap(), "q={q}");
        }
        let mean = values.iter().sum::<f64>() / values.len() as f64;
        assert!((b.mean().unwrap() - mean).abs() < 1e-12);
        // A continuous spread: quantiles within one bin width (1/256) of the exact ones.
        let mut c = Binned::new(0.0, 1.0, 256);
        let mut xs: Vec<f64> = (0..10_007u64)
            .map(|i| ((i * 6_007) % 10_007) as f64 / 10_007.0)
            .map(|u| u * u)
            .collect();
        xs.iter().for_each(|&x| c.push(x));
        xs.sort_by(f64::total_cmp);
        for q in [0.05, 0.1, 0.5, 0.9, 0.95] {
            let want = quantile_sorted(&xs, q).unwrap();
            assert!((c.quantile(q) - want).abs() <= 1.0 / 256.0, "q={q}");
        }
        let sd = crate::stats::std_dev(&xs, 1).unwrap();
        assert!((c.sd().unwrap() - sd).abs() < 1e-12);
        assert_eq!(c.summary().histogram.counts.iter().sum::<u64>(), 10_007);
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
