//! Align benchmarks: Europe 1936 all minima with exact basins, a random `n = 30`
//! exhaustive walk with 10^5 sampled basins on 2 threads, and a planted two-bloc `n = 200`
//! heuristic search that must reach the stored best known energy.
//!
//! Run: `cargo bench -p detente --bench align`. Calibrate the `n = 200` fixture's best known
//! energy with `DETENTE_ALIGN_CALIBRATE=1 cargo bench -p detente --bench align`.

use detente::align::{AlignInput, AlignOptions, Landscape, LandscapeActor, Method, align};
use detente::rng::{run_stream, u01};

fn main() {
    if std::env::var_os("DETENTE_ALIGN_CALIBRATE").is_some() {
        calibrate();
        return;
    }
    divan::main();
}

fn input(landscape: Landscape, options: AlignOptions) -> AlignInput {
    AlignInput {
        landscape,
        options,
        provenance: vec![],
        notes: vec![],
    }
}

fn build(ids: Vec<String>, sizes: Vec<f64>, p: Vec<f64>) -> Landscape {
    let actors = ids
        .into_iter()
        .zip(sizes)
        .map(|(id, size)| LandscapeActor { id, size })
        .collect();
    Landscape::new(actors, p).expect("valid landscape")
}

/// Europe 1936 from the validation scenario (capabilities and propensity ties).
fn europe_1936() -> Landscape {
    let text = include_str!("../../../scenarios/validation/europe-1936.toml");
    let doc: toml::Table = toml::from_str(text).expect("scenario parses");
    let actors = doc["actor"].as_array().expect("actors");
    let ids: Vec<String> = actors
        .iter()
        .map(|a| a["id"].as_str().expect("id").to_string())
        .collect();
    let sizes = actors
        .iter()
        .map(|a| a["capability"].as_float().expect("capability"))
        .collect();
    let n = ids.len();
    let mut p = vec![0.0; n * n];
    for t in doc["tie"].as_array().expect("ties") {
        let ends = t["actors"].as_array().expect("ends");
        let pos = |k: usize| {
            let id = ends[k].as_str().expect("end");
            ids.iter().position(|x| x == id).expect("known end")
        };
        let (i, j) = (pos(0), pos(1));
        let w = t["weight"].as_float().expect("weight");
        p[i * n + j] = w;
        p[j * n + i] = w;
    }
    build(ids, sizes, p)
}

/// A random frustrated instance: sizes and propensities with two decimals (exact arithmetic).
fn random(n: usize, seed: u64) -> Landscape {
    let mut rng = run_stream(seed, 0);
    let sizes = (0..n)
        .map(|_| (1.0 + 99.0 * u01(&mut rng)).round() / 10.0)
        .collect();
    let mut p = vec![0.0; n * n];
    for i in 0..n {
        for j in (i + 1)..n {
            let v = ((2.0 * u01(&mut rng) - 1.0) * 100.0).round() / 100.0;
            p[i * n + j] = v;
            p[j * n + i] = v;
        }
    }
    build((0..n).map(|i| format!("a{i}")).collect(), sizes, p)
}

/// Planted two blocs with noise (see tests/fixtures/landscape/planted_200.toml).
fn planted(n: usize, noise: f64, seed: u64) -> Landscape {
    let mut rng = run_stream(seed, 0);
    let sizes = (0..n).map(|_| 0.5 + u01(&mut rng)).collect();
    let mut p = vec![0.0; n * n];
    for i in 0..n {
        for j in (i + 1)..n {
            let base = if i % 2 == j % 2 { 1.0 } else { -1.0 };
            let v = base + noise * (2.0 * u01(&mut rng) - 1.0);
            p[i * n + j] = v;
            p[j * n + i] = v;
        }
    }
    build((0..n).map(|i| format!("a{i}")).collect(), sizes, p)
}

struct PlantedFixture {
    n: usize,
    noise: f64,
    seed: u64,
    best_energy: f64,
}

fn planted_fixture() -> PlantedFixture {
    let text = include_str!("../tests/fixtures/landscape/planted_200.toml");
    let doc: toml::Table = toml::from_str(text).expect("fixture parses");
    PlantedFixture {
        n: doc["n"].as_integer().expect("n") as usize,
        noise: doc["noise"].as_float().expect("noise"),
        seed: doc["seed"].as_integer().expect("seed") as u64,
        best_energy: doc["best_known_energy"].as_float().expect("energy"),
    }
}

fn calibrate() {
    let f = planted_fixture();
    let l = planted(f.n, f.noise, f.seed);
    let r = align(&input(
        l,
        AlignOptions {
            restarts: 100_000,
            annealing_runs: 100,
            seed: 1,
            ..AlignOptions::default()
        },
    ))
    .expect("search runs");
    let best = &r.configurations[0];
    let planted_side = |i: usize| i.is_multiple_of(2);
    let agrees = best
        .actors
        .iter()
        .enumerate()
        .filter(|(i, a)| (a.coalition == best.actors[0].coalition) == planted_side(*i))
        .count();
    println!(
        "best energy {:?}; {} distinct; agrees with the planted partition on {agrees} of {}",
        best.energy, r.diagnostics.stable_found, f.n
    );
}

#[divan::bench(sample_count = 20, sample_size = 1)]
fn europe_1936_all_minima_exact_basins(b: divan::Bencher) {
    let inp = input(europe_1936(), AlignOptions::default());
    b.bench(|| {
        let r = align(divan::black_box(&inp)).expect("runs");
        assert_eq!(r.configurations.len(), 2);
        r
    });
}

#[divan::bench(sample_count = 1, sample_size = 1)]
fn random_30_exhaustive_with_sampled_basins_2_threads(b: divan::Bencher) {
    let inp = input(
        random(30, 30),
        AlignOptions {
            restarts: 100_000,
            ..AlignOptions::default()
        },
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(2)
        .build()
        .expect("thread pool");
    b.bench(|| {
        pool.install(|| {
            let r = align(divan::black_box(&inp)).expect("runs");
            assert_eq!(r.diagnostics.method, Method::Exhaustive);
            assert_eq!(r.diagnostics.configurations_visited, Some(1 << 29));
            r
        })
    });
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn planted_200_heuristic_best_known(b: divan::Bencher) {
    let f = planted_fixture();
    let inp = input(
        planted(f.n, f.noise, f.seed),
        AlignOptions {
            restarts: 1000,
            annealing_runs: 8,
            seed: 1,
            ..AlignOptions::default()
        },
    );
    b.bench(|| {
        let r = align(divan::black_box(&inp)).expect("runs");
        let e = r.configurations[0].energy;
        assert!(
            (e - f.best_energy).abs() <= 1e-9 * f.best_energy.abs(),
            "reached {e}, best known {}",
            f.best_energy
        );
        r
    });
}

/// A UN vote with the neutral pole: A/RES/ES-11/1, 193 states of the 2021 panel, two
/// coalitions plus `neutral`, 1,000 random restarts (the case file's setting), on 2 threads.
/// Target < 2 s.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn unga_es_11_1_neutral_193_states(b: divan::Bencher) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/cases/unga-es-11-1.toml"
    );
    let text = std::fs::read_to_string(path).expect("the case file");
    let r = detente::scenario::load_str(&text, path).expect("a valid case");
    let (input, _) = detente::align::scenario::input(&r).expect("align input");
    assert!(input.options.neutral && input.landscape.n() == 193);
    b.bench(|| {
        let result = align(&input).expect("runs");
        assert_eq!(result.diagnostics.method, Method::Heuristic);
        result
    });
}

/// The whole align case for ES-11/1 as `detente backtest` scores it: build the landscape from
/// the panel, run the model, three baselines, accuracy and κ with 2,000 bootstrap resamples.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn unga_es_11_1_scored_case(b: divan::Bencher) {
    use detente::experiment::backtest::{BacktestOptions, align::align_case};
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/cases/unga-es-11-1.toml"
    );
    let text = std::fs::read_to_string(path).expect("the case file");
    let r = detente::scenario::load_str(&text, path).expect("a valid case");
    let k = r
        .scenario
        .align
        .as_ref()
        .and_then(|a| a.known_outcome.clone())
        .expect("an outcome");
    b.bench(|| align_case(path, &r, &k, &BacktestOptions::default(), 0).expect("scores"));
}
