//! The Monte Carlo engine: runs in parallel, reduced in run order.
//!
//! Run `k` of arm `a` draws from `run_stream(seed, k)` — the same stream for every arm, so arms
//! are compared with common random numbers and differences are reported pairwise. Runs are
//! computed in blocks into a preallocated buffer, then folded into streaming accumulators in run
//! order: the output is byte-identical with any number of threads and any block size, and memory
//! is bounded by the block and the accumulators, not by the number of runs. A metric with a known
//! range is summarised by a fixed-size [`Binned`] sketch; others keep an exact sample up to
//! [`super::summary::EXACT_CAP`] values.

use super::paired::{EventPairs, PairTally, PairedDifference, RealPairs};
use super::summary::{Accumulator, Binned, Counter, Summary};
use crate::par::*;
use crate::rng::{DetRng, derive, run_stream};
use crate::stats::Proportion;
use serde::Serialize;
use std::any::Any;

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
pub struct MetricDef {
    /// Name, e.g. `decide.china-posture.smp.outcome`.
    pub name: String,
    /// Real or event.
    pub kind: MetricKind,
    /// A known range `[lo, hi]` and a bin count: the metric is summarised in bounded memory by a
    /// [`Binned`] sketch (quantiles within `(hi − lo)/bins`).
    #[serde(skip)]
    pub bins: Option<(f64, f64, usize)>,
    /// Whether paired differences between arms are reported for this metric.
    #[serde(skip)]
    pub paired: bool,
}

impl MetricDef {
    /// A real-valued metric.
    pub fn real(name: impl Into<String>) -> Self {
        MetricDef {
            name: name.into(),
            kind: MetricKind::Real,
            bins: None,
            paired: true,
        }
    }

    /// A yes/no metric.
    pub fn event(name: impl Into<String>) -> Self {
        MetricDef {
            name: name.into(),
            kind: MetricKind::Event,
            bins: None,
            paired: true,
        }
    }

    /// Summarise this (real) metric with `bins` bins over its known range `[lo, hi]`.
    pub fn binned(mut self, lo: f64, hi: f64, bins: usize) -> Self {
        self.bins = Some((lo, hi, bins));
        self
    }

    /// Report no paired differences for this metric.
    pub fn unpaired(mut self) -> Self {
        self.paired = false;
        self
    }
}

/// A stochastic model with one or more arms (policies, options) run under common random numbers.
pub trait ArmModel: Sync {
    /// The metrics every run reports, in order.
    fn metrics(&self) -> &[MetricDef];
    /// Arm names (one arm for a plain Monte Carlo).
    fn arms(&self) -> &[String];
    /// Run `k` of `arm`: draw from `rng`, write one value per metric into `out` (NaN = undefined).
    fn run(&self, arm: usize, k: u64, rng: &mut DetRng, out: &mut [f64]);
    /// Per-thread scratch space that [`ArmModel::run_in`] may reuse across runs (default: none).
    fn scratch(&self) -> Box<dyn Any> {
        Box::new(())
    }
    /// [`ArmModel::run`] with this thread's scratch space (default: ignores it). Must write the
    /// same values as `run`.
    fn run_in(
        &self,
        _scratch: &mut dyn Any,
        arm: usize,
        k: u64,
        rng: &mut DetRng,
        out: &mut [f64],
    ) {
        self.run(arm, k, rng, out);
    }
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
    pub metrics: Vec<MetricDef>,
    /// `summaries[arm][metric]`.
    pub summaries: Vec<Vec<MetricSummary>>,
    /// Every pair of arms (a < b) × paired metric.
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

/// Runs computed per block at most; the block never changes the result, only how often the
/// buffer is folded (and the progress is reported).
pub const BLOCK: u64 = 2048;

/// Values (f64) the run buffer holds at most: wide models get shorter blocks.
const BUFFER_VALUES: usize = 1 << 19;

/// The running summary of one metric in one arm.
#[derive(Debug, Clone)]
pub enum Tally {
    /// A real metric with an exact (then reservoir) sample.
    Exact(Box<Accumulator>),
    /// A real metric with a known range, in a fixed-size sketch.
    Binned(Binned),
    /// A yes/no metric.
    Event(Counter),
}

impl Tally {
    fn new(metric: &MetricDef, seed: u64) -> Tally {
        match (metric.kind, metric.bins) {
            (MetricKind::Event, _) => Tally::Event(Counter::default()),
            (MetricKind::Real, Some((lo, hi, bins))) => Tally::Binned(Binned::new(lo, hi, bins)),
            (MetricKind::Real, None) => Tally::Exact(Box::new(Accumulator::new(seed))),
        }
    }

    #[inline]
    fn push(&mut self, x: f64) {
        match self {
            Tally::Exact(a) => a.push(x),
            Tally::Binned(b) => b.push(x),
            Tally::Event(c) => c.push(x > 0.5),
        }
    }

    fn summary(&self) -> MetricSummary {
        match self {
            Tally::Exact(a) => MetricSummary::Real(a.summary()),
            Tally::Binned(b) => MetricSummary::Real(b.summary()),
            Tally::Event(c) => MetricSummary::Event(c.proportion()),
        }
    }
}

/// Every arm's running summaries and every pair's paired differences after `runs` runs: what
/// [`run_arms`] reduces to an [`McResult`], open for models that report more than it does.
#[derive(Debug, Clone)]
pub struct Tallies {
    /// Runs per arm.
    pub runs: u64,
    /// Master seed.
    pub seed: u64,
    /// Arm names.
    pub arms: Vec<String>,
    /// Metric definitions.
    pub metrics: Vec<MetricDef>,
    /// `tallies[arm][metric]`.
    pub tallies: Vec<Vec<Tally>>,
    /// Pairs of arms (a < b).
    pub pairs: Vec<(usize, usize)>,
    /// Paired metrics (indices into `metrics`).
    pub paired: Vec<usize>,
    /// `diffs[pair][k]` for paired metric `paired[k]`.
    pub diffs: Vec<Vec<PairTally>>,
}

impl Tallies {
    /// The sketch of a binned real metric.
    pub fn binned(&self, arm: usize, metric: usize) -> Option<&Binned> {
        match &self.tallies[arm][metric] {
            Tally::Binned(b) => Some(b),
            _ => None,
        }
    }

    /// The proportion of an event metric.
    pub fn event(&self, arm: usize, metric: usize) -> Option<Proportion> {
        match &self.tallies[arm][metric] {
            Tally::Event(c) => Some(c.proportion()),
            _ => None,
        }
    }

    /// The paired difference `a − b` (either order) on a paired metric.
    pub fn difference(&self, a: usize, b: usize, metric: usize) -> Option<PairedDifference> {
        let k = self.paired.iter().position(|&m| m == metric)?;
        let (lo, hi) = (a.min(b), a.max(b));
        let p = self.pairs.iter().position(|&x| x == (lo, hi))?;
        let d =
            self.diffs[p][k].difference(&self.arms[lo], &self.arms[hi], &self.metrics[metric].name);
        Some(if a < b { d } else { d.reversed() })
    }

    /// The plain result: summaries of every metric, differences of every pair × paired metric.
    pub fn result(&self) -> McResult {
        let summaries = self
            .tallies
            .iter()
            .map(|arm| arm.iter().map(Tally::summary).collect())
            .collect();
        let mut differences = Vec::with_capacity(self.pairs.len() * self.paired.len());
        for (p, &(a, b)) in self.pairs.iter().enumerate() {
            for (k, &j) in self.paired.iter().enumerate() {
                differences.push(self.diffs[p][k].difference(
                    &self.arms[a],
                    &self.arms[b],
                    &self.metrics[j].name,
                ));
            }
        }
        McResult {
            runs: self.runs,
            seed: self.seed,
            arms: self.arms.clone(),
            metrics: self.metrics.clone(),
            summaries,
            differences,
        }
    }
}

/// Run `runs` runs of every arm of `model` with master seed `seed` and fold them, in run order,
/// into the running summaries. `progress(done, total)` is called after each block.
pub fn tally_arms(
    model: &dyn ArmModel,
    runs: u64,
    seed: u64,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Tallies {
    let metrics = model.metrics().to_vec();
    let arms = model.arms().to_vec();
    let (m, na) = (metrics.len(), arms.len());
    let stride = (m * na).max(1);
    let mut tallies: Vec<Vec<Tally>> = (0..na)
        .map(|a| {
            metrics
                .iter()
                .enumerate()
                .map(|(j, metric)| Tally::new(metric, derive(seed, [0x5eed, a as u64, j as u64])))
                .collect()
        })
        .collect();
    let pairs: Vec<(usize, usize)> = (0..na)
        .flat_map(|a| (a + 1..na).map(move |b| (a, b)))
        .collect();
    let paired: Vec<usize> = (0..m).filter(|&j| metrics[j].paired).collect();
    let mut diffs: Vec<Vec<PairTally>> = pairs
        .iter()
        .map(|_| {
            paired
                .iter()
                .map(|&j| match metrics[j].kind {
                    MetricKind::Real => PairTally::Real(RealPairs::default()),
                    MetricKind::Event => PairTally::Event(EventPairs::default()),
                })
                .collect()
        })
        .collect();
    let block = (BLOCK as usize).min((BUFFER_VALUES / stride).max(16)) as u64;
    let mut buffer = vec![0.0; (block as usize) * stride];
    let mut done = 0;
    while done < runs {
        let len = (runs - done).min(block) as usize;
        let rows = &mut buffer[..len * stride];
        rows.par_chunks_mut(stride).enumerate().for_each_init(
            || model.scratch(),
            |scratch, (i, out)| {
                let k = done + i as u64;
                for (a, arm_out) in out.chunks_mut(m.max(1)).take(na).enumerate() {
                    let mut rng = run_stream(seed, k);
                    model.run_in(scratch.as_mut(), a, k, &mut rng, arm_out);
                }
            },
        );
        let rows = &buffer[..len * stride];
        // Each arm's (and each pair's) accumulators see the runs in run order, whichever thread
        // folds them.
        tallies.par_iter_mut().enumerate().for_each(|(a, arm)| {
            for row in rows.chunks(stride) {
                for (t, &x) in arm.iter_mut().zip(&row[a * m..(a + 1) * m]) {
                    t.push(x);
                }
            }
        });
        diffs
            .par_iter_mut()
            .zip(&pairs)
            .for_each(|(pair, &(a, b))| {
                for row in rows.chunks(stride) {
                    for (d, &j) in pair.iter_mut().zip(&paired) {
                        let (x, y) = (row[a * m + j], row[b * m + j]);
                        match d {
                            PairTally::Real(r) => r.push(x, y),
                            PairTally::Event(e) => e.push(x > 0.5, y > 0.5),
                        }
                    }
                }
            });
        done += len as u64;
        progress(done, runs);
    }
    Tallies {
        runs,
        seed,
        arms,
        metrics,
        tallies,
        pairs,
        paired,
        diffs,
    }
}

/// Run `runs` runs of every arm of `model` with master seed `seed`. `progress(done, total)` is
/// called after each block (for a progress bar).
pub fn run_arms(
    model: &dyn ArmModel,
    runs: u64,
    seed: u64,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> McResult {
    tally_arms(model, runs, seed, progress).result()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::u01;

    /// Two arms: a coin with p = 0.3 and one with p = 0.5 driven by the same uniform, plus the
    /// uniform itself as a real metric.
    struct Coins {
        metrics: Vec<MetricDef>,
        arms: Vec<String>,
    }

    impl ArmModel for Coins {
        fn metrics(&self) -> &[MetricDef] {
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
            metrics: vec![MetricDef::event("heads"), MetricDef::real("u")],
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
        assert_eq!(
            d.method,
            crate::experiment::paired::IntervalMethod::NewcombeHybridScore
        );
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
