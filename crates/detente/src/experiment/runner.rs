//! The Monte Carlo engine: runs in parallel, reduced in run order (experiments.md §1).
//!
//! Run `k` of arm `a` draws from `run_stream(seed, k)` — the same stream for every arm, so arms
//! are compared with common random numbers and differences are reported pairwise. Runs are
//! computed in blocks of fixed size (independent of the thread count) into a preallocated buffer,
//! then folded into streaming accumulators in run order: the output is byte-identical with any
//! number of threads, and memory is bounded by the block, not by the number of runs.

use super::summary::{Accumulator, Counter, Summary};
use crate::rng::{DetRng, derive, run_stream};
use crate::stats::{Proportion, Z95};
use rayon::prelude::*;
use serde::Serialize;

/// Whether a metric is a real number or a yes/no outcome (1.0 / 0.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MetricKind {
    /// A real value: mean, sd, quantiles, histogram.
    Real,
    /// An event: proportion with a Wilson interval.
    Event,
}

/// Name and kind of one metric a model reports per run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    /// Name, e.g. `decide.china-posture.smp.outcome`.
    pub name: String,
    /// Real or event.
    pub kind: MetricKind,
}

impl Metric {
    /// A real-valued metric.
    pub fn real(name: impl Into<String>) -> Self {
        Metric {
            name: name.into(),
            kind: MetricKind::Real,
        }
    }

    /// A yes/no metric.
    pub fn event(name: impl Into<String>) -> Self {
        Metric {
            name: name.into(),
            kind: MetricKind::Event,
        }
    }
}

/// A stochastic model with one or more arms (policies, options) run under common random numbers.
pub trait ArmModel: Sync {
    /// The metrics every run reports, in order.
    fn metrics(&self) -> &[Metric];
    /// Arm names (one arm for a plain Monte Carlo).
    fn arms(&self) -> &[String];
    /// Run `k` of `arm`: draw from `rng`, write one value per metric into `out` (NaN = undefined).
    fn run(&self, arm: usize, k: u64, rng: &mut DetRng, out: &mut [f64]);
}

/// Summary of one metric in one arm.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum MetricSummary {
    /// Real-valued metric.
    Real(Summary),
    /// Event metric.
    Event(Proportion),
}

/// A paired difference between two arms on one metric: mean of (a − b) over runs with a normal
/// 95 % interval `mean ± z·sd/√n`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairedDifference {
    /// First arm.
    pub a: String,
    /// Second arm.
    pub b: String,
    /// Metric name.
    pub metric: String,
    /// Runs where both values were defined.
    pub n: u64,
    /// Mean difference a − b.
    pub mean: f64,
    /// Lower end of the 95 % interval.
    pub low: f64,
    /// Upper end of the 95 % interval.
    pub high: f64,
}

/// Results of a Monte Carlo experiment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct McResult {
    /// Runs per arm.
    pub runs: u64,
    /// Master seed.
    pub seed: u64,
    /// Arm names.
    pub arms: Vec<String>,
    /// Metric definitions.
    pub metrics: Vec<Metric>,
    /// `summaries[arm][metric]`.
    pub summaries: Vec<Vec<MetricSummary>>,
    /// Every pair of arms (a < b) × metric.
    pub differences: Vec<PairedDifference>,
}

impl McResult {
    /// Summary of `metric` in `arm`, by name.
    pub fn summary(&self, arm: &str, metric: &str) -> Option<&MetricSummary> {
        let a = self.arms.iter().position(|x| x == arm)?;
        let m = self.metrics.iter().position(|x| x.name == metric)?;
        self.summaries.get(a)?.get(m)
    }
}

/// Runs computed per block; fixed so that results never depend on the thread count.
pub const BLOCK: u64 = 2048;

/// Run `runs` runs of every arm of `model` with master seed `seed`. `progress(done, total)` is
/// called after each block (for a progress bar).
pub fn run_arms(
    model: &dyn ArmModel,
    runs: u64,
    seed: u64,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> McResult {
    let metrics = model.metrics().to_vec();
    let arms = model.arms().to_vec();
    let (m, na) = (metrics.len(), arms.len());
    let stride = m * na;
    let mut reals: Vec<Vec<Accumulator>> = (0..na)
        .map(|a| {
            (0..m)
                .map(|j| Accumulator::new(derive(seed, [0x5eed, a as u64, j as u64])))
                .collect()
        })
        .collect();
    let mut events: Vec<Vec<Counter>> = vec![vec![Counter::default(); m]; na];
    let pairs: Vec<(usize, usize)> = (0..na)
        .flat_map(|a| (a + 1..na).map(move |b| (a, b)))
        .collect();
    let mut diffs: Vec<Vec<Accumulator>> = pairs
        .iter()
        .map(|_| (0..m).map(|_| Accumulator::new(0)).collect())
        .collect();
    let mut buffer = vec![0.0; (BLOCK as usize) * stride];
    let mut done = 0;
    while done < runs {
        let len = (runs - done).min(BLOCK) as usize;
        buffer[..len * stride]
            .par_chunks_mut(stride)
            .enumerate()
            .for_each(|(i, out)| {
                let k = done + i as u64;
                for (a, arm_out) in out.chunks_mut(m).enumerate() {
                    let mut rng = run_stream(seed, k);
                    model.run(a, k, &mut rng, arm_out);
                }
            });
        for row in buffer[..len * stride].chunks(stride) {
            for a in 0..na {
                for (j, metric) in metrics.iter().enumerate() {
                    let x = row[a * m + j];
                    match metric.kind {
                        MetricKind::Real => reals[a][j].push(x),
                        MetricKind::Event => events[a][j].push(x > 0.5),
                    }
                }
            }
            for (p, &(a, b)) in pairs.iter().enumerate() {
                for j in 0..m {
                    diffs[p][j].push(row[a * m + j] - row[b * m + j]);
                }
            }
        }
        done += len as u64;
        progress(done, runs);
    }
    let summaries = (0..na)
        .map(|a| {
            (0..m)
                .map(|j| match metrics[j].kind {
                    MetricKind::Real => MetricSummary::Real(reals[a][j].summary()),
                    MetricKind::Event => MetricSummary::Event(events[a][j].proportion()),
                })
                .collect()
        })
        .collect();
    let mut differences = Vec::with_capacity(pairs.len() * m);
    for (p, &(a, b)) in pairs.iter().enumerate() {
        for (j, acc) in diffs[p].iter().enumerate() {
            let s = acc.summary();
            let half = if s.n > 1 {
                Z95 * s.sd / (s.n as f64).sqrt()
            } else {
                f64::NAN
            };
            differences.push(PairedDifference {
                a: arms[a].clone(),
                b: arms[b].clone(),
                metric: metrics[j].name.clone(),
                n: s.n,
                mean: s.mean,
                low: s.mean - half,
                high: s.mean + half,
            });
        }
    }
    McResult {
        runs,
        seed,
        arms,
        metrics,
        summaries,
        differences,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::u01;

    /// Two arms: a coin with p = 0.3 and one with p = 0.5 driven by the same uniform, plus the
    /// uniform itself as a real metric.
    struct Coins {
        metrics: Vec<Metric>,
        arms: Vec<String>,
    }

    impl ArmModel for Coins {
        fn metrics(&self) -> &[Metric] {
            &self.metrics
        }
        fn arms(&self) -> &[String] {
            &self.arms
        }
        fn run(&self, arm: usize, _k: u64, rng: &mut DetRng, out: &mut [f64]) {
            let u = u01(rng);
            let p = [0.3, 0.5][arm];
            out[0] = if u < p { 1.0 } else { 0.0 };
            out[1] = u;
        }
    }

    fn coins() -> Coins {
        Coins {
            metrics: vec![Metric::event("heads"), Metric::real("u")],
            arms: vec!["p30".into(), "p50".into()],
        }
    }

    #[test]
    fn proportions_and_paired_differences() {
        let r = run_arms(&coins(), 20_000, 42, &|_, _| {});
        let MetricSummary::Event(p) = r.summary("p30", "heads").unwrap() else {
            panic!()
        };
        assert!(p.low < 0.3 && 0.3 < p.high, "{p:?}");
        // Common random numbers: the difference is exactly minus the event 0.3 ≤ u < 0.5, so its
        // interval is narrow and centred near −0.2 (within four standard errors).
        let d = r.differences.iter().find(|d| d.metric == "heads").unwrap();
        assert!((d.mean + 0.2).abs() < 2.0 * (d.high - d.low), "{d:?}");
        assert!(d.high - d.low < 0.015);
        let u = r.differences.iter().find(|d| d.metric == "u").unwrap();
        assert_eq!(u.mean, 0.0);
    }

    #[test]
    fn identical_for_any_thread_count() {
        let run = |threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                serde_json::to_string(&run_arms(&coins(), 5_000, 9, &|_, _| {})).unwrap()
            })
        };
        let one = run(1);
        assert_eq!(one, run(2));
        assert_eq!(one, run(7));
    }
}
