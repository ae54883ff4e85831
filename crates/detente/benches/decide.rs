//! Benchmarks of the decide lens. Run: `cargo bench -p detente --bench decide`.

use detente::decide::bdm::Bdm;
use detente::decide::compromise::mean_1d;
use detente::decide::exchange::Exchange;
use detente::decide::{DecisionModel, MultiIssueModel, ResolvedIssue, Scale, Stance};
use detente::import::{ImportOptions, decide_csv};
use detente::rng::{DetRng, run_stream, u01};
use divan::{Bencher, black_box};
use rayon::prelude::*;

fn main() {
    divan::main();
}

/// The EC car-emission case (10 actors), inline so the benchmark measures only the model.
fn ec() -> ResolvedIssue {
    let rows = [
        ("Netherlands", 0.08, 4.0, 0.8),
        ("Belgium", 0.08, 7.0, 0.4),
        ("Luxembourg", 0.03, 4.0, 0.2),
        ("Germany", 0.16, 4.0, 0.8),
        ("France", 0.16, 10.0, 0.6),
        ("Italy", 0.16, 10.0, 0.6),
        ("UK", 0.16, 10.0, 0.9),
        ("Ireland", 0.05, 7.0, 0.1),
        ("Denmark", 0.05, 4.0, 1.0),
        ("Greece", 0.08, 7.0, 0.7),
    ];
    ResolvedIssue::one_dimensional(
        "ec",
        Scale::new(4.0, 10.0),
        rows.iter()
            .map(|&(a, c, x, s)| Stance::new(a, c, x, s))
            .collect(),
    )
}

/// BDM, 10 actors, paper defaults (converges in a few rounds).
#[divan::bench]
fn bdm_10_actors_defaults(b: Bencher) {
    let issue = ec();
    let model = Bdm::default();
    b.bench(|| {
        model
            .solve(black_box(&issue), &mut run_stream(1, 0))
            .map(|d| d.outcome[0])
    });
}

/// BDM, 10 actors, the scholz2011 preset (runs the full 20 rounds).
#[divan::bench]
fn bdm_10_actors_scholz2011(b: Bencher) {
    let issue = ec();
    let model = Bdm::scholz2011();
    b.bench(|| {
        model
            .solve(black_box(&issue), &mut run_stream(1, 0))
            .map(|d| d.outcome[0])
    });
}

/// Exchange model, CoP21 (15 actors, 13 issues), 10 rounds.
#[divan::bench(sample_count = 20)]
fn exchange_cop21_10_rounds(b: Bencher) {
    let text = include_str!("../tests/fixtures/decide/cop21.csv");
    let issues = decide_csv::parse(text, &ImportOptions::default())
        .map(|i| i.resolved_issues())
        .unwrap_or_default();
    let model = Exchange::default();
    b.bench(|| {
        model
            .solve(black_box(&issues), &mut run_stream(1, 0))
            .map(|d| d.len())
    });
}

/// Triangular draw on [lo, hi] with mode `mode` (inverse CDF).
fn triangular(rng: &mut DetRng, lo: f64, mode: f64, hi: f64) -> f64 {
    let u = u01(rng);
    let f = (mode - lo) / (hi - lo);
    if u < f {
        lo + (u * (hi - lo) * (mode - lo)).sqrt()
    } else {
        hi - ((1.0 - u) * (hi - lo) * (hi - mode)).sqrt()
    }
}

const N: usize = 30;
const DRAWS: u64 = 1_000_000;

/// One Monte Carlo draw of the 30-actor issue: triangular position and salience per actor
/// from the draw's own stream, then D1.
fn draw(k: u64, cap: &[f64; N], mode_x: &[f64; N], mode_s: &[f64; N]) -> f64 {
    let mut rng = run_stream(20231129, k);
    let mut x = [0.0; N];
    let mut s = [0.0; N];
    for i in 0..N {
        x[i] = triangular(
            &mut rng,
            (mode_x[i] - 10.0).max(0.0),
            mode_x[i],
            (mode_x[i] + 10.0).min(100.0),
        );
        s[i] = triangular(
            &mut rng,
            (mode_s[i] - 0.2).max(0.0),
            mode_s[i],
            (mode_s[i] + 0.2).min(1.0),
        );
    }
    mean_1d(cap, &x, &s).unwrap_or(f64::NAN)
}

/// 10⁶ compromise draws of a 30-actor issue on 2 threads; outcomes reduced in draw order.
#[divan::bench(sample_count = 5)]
fn compromise_1e6_draws_30_actors_2_threads(b: Bencher) {
    let mut cap = [0.0; N];
    let mut mode_x = [0.0; N];
    let mut mode_s = [0.0; N];
    for i in 0..N {
        cap[i] = 1.0 + (i % 7) as f64;
        mode_x[i] = (i * 37 % 101) as f64 * 0.99;
        mode_s[i] = 0.1 + (i % 9) as f64 * 0.1;
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("thread pool");
    b.bench(|| {
        pool.install(|| {
            let outcomes: Vec<f64> = (0..DRAWS)
                .into_par_iter()
                .map(|k| draw(k, &cap, &mode_x, &mode_s))
                .collect();
            outcomes.iter().sum::<f64>() / DRAWS as f64
        })
    });
}
