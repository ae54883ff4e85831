//! The whole decide backtest: every case of `scenarios/cases` under every model and baseline,
//! scored with bootstrap intervals (2,000 resamples), as `detente backtest scenarios/cases`
//! runs it after the files are read.

use detente::experiment::backtest::{BacktestOptions, backtest, decide_cases};
use detente::scenario::{Resolved, load_str};

fn main() {
    divan::main();
}

/// Every scenario of the case library, loaded once.
fn library() -> Vec<(String, Resolved)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/cases");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("the case library")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("readable");
            let name = p.display().to_string();
            let r = load_str(&text, &name).expect("a valid case");
            (name, r)
        })
        .collect()
}

/// Load every case file (parse, resolve).
#[divan::bench]
fn load_library() -> usize {
    library().len()
}

/// Run every model on every case and score it (the library already loaded).
#[divan::bench(sample_count = 20)]
fn run_and_score(b: divan::Bencher) {
    let cases = library();
    b.bench(|| backtest(decide_cases(&cases), BacktestOptions::default()))
}
