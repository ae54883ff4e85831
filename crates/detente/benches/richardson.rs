//! Richardson fits on the bundled history: one dyad fit, P(unstable) by 4,000 coefficient draws,
//! and the arms-race validation.

use detente::escalate::richardson::series::{dyad_ties, history};
use detente::escalate::richardson::validation::{RaceSettings, race_discrimination};
use detente::escalate::richardson::{AnnualFit, fit_history};
use divan::{Bencher, black_box};

fn main() {
    let _ = history();
    divan::main();
}

fn usa_china() -> AnnualFit {
    fit_history(&["USA".into(), "CHN".into()], &dyad_ties(), 2000, 2024)
        .expect("bundled series cover USA and CHN 2000–2024")
        .fit
}

#[divan::bench]
fn fit_dyad_25_years(b: Bencher) {
    b.bench(usa_china);
}

#[divan::bench]
fn p_unstable_4000_draws(b: Bencher) {
    let f = usa_china();
    b.bench(|| black_box(&f).instability(4000, 1).expect("draws"));
}

#[divan::bench(sample_count = 5)]
fn race_validation(b: Bencher) {
    b.bench(|| race_discrimination(RaceSettings::default()).expect("races"));
}
