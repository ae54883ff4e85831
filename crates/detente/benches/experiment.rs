//! Experiment-layer benchmarks: per-run overhead of the Monte Carlo engine
//! beyond the model's own work, and scaling from 1 to 2 threads on a model with real work.
//!
//! `cargo bench -p detente --bench experiment`

use detente::experiment::{ArmModel, MetricDef, run_arms};
use detente::rng::{DetRng, u01};

fn main() {
    divan::main();
}

/// A model that does almost nothing: one uniform per run, two metrics.
struct Trivial {
    metrics: Vec<MetricDef>,
    arms: Vec<String>,
}

impl ArmModel for Trivial {
    fn metrics(&self) -> &[MetricDef] {
        &self.metrics
    }
    fn arms(&self) -> &[String] {
        &self.arms
    }
    fn run(&self, _arm: usize, _k: u64, rng: &mut DetRng, out: &mut [f64]) {
        let u = u01(rng);
        out[0] = u;
        out[1] = (u < 0.3) as u8 as f64;
    }
}

/// A model with fixed work per run (≈ 20 µs of arithmetic), to measure thread scaling.
struct Busy(Trivial);

impl ArmModel for Busy {
    fn metrics(&self) -> &[MetricDef] {
        &self.0.metrics
    }
    fn arms(&self) -> &[String] {
        &self.0.arms
    }
    fn run(&self, _arm: usize, _k: u64, rng: &mut DetRng, out: &mut [f64]) {
        let mut x = u01(rng);
        for _ in 0..20_000 {
            x = (x * 3.999_9 * (1.0 - x)).clamp(1e-9, 1.0 - 1e-9);
        }
        out[0] = x;
        out[1] = (x < 0.5) as u8 as f64;
    }
}

fn trivial() -> Trivial {
    Trivial {
        metrics: vec![MetricDef::real("u"), MetricDef::event("low")],
        arms: vec!["only".into()],
    }
}

/// 10^5 runs of the trivial model on one thread: time / 10^5 is the per-run overhead.
#[divan::bench]
fn overhead_100k_runs_one_thread() {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    pool.install(|| divan::black_box(run_arms(&trivial(), 100_000, 1, &|_, _| {})));
}

/// 10^6 runs: memory stays bounded (streaming summaries, a fixed block buffer).
#[divan::bench(sample_count = 3)]
fn overhead_1m_runs_two_threads() {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .unwrap();
    pool.install(|| divan::black_box(run_arms(&trivial(), 1_000_000, 1, &|_, _| {})));
}

/// 4,096 runs of a busy model with 1 and 2 threads: the ratio is the parallel speed-up.
#[divan::bench(args = [1, 2], sample_count = 5)]
fn busy_4096_runs(threads: usize) {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    pool.install(|| divan::black_box(run_arms(&Busy(trivial()), 4_096, 1, &|_, _| {})));
}
