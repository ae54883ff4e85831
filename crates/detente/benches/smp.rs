//! SMP full runs on KTAB's scaling fixtures: dummyData_3Dim (7×3), a040,
//! a080 and a160 (40, 80, 160 actors × 1 dimension), KTAB defaults, one core.

use detente::decide::smp::{self, KTAB_DEFAULT_SEED, SmpInput, SmpParams};
use detente::import::ktab_csv;
use detente::rng::run_stream;

fn main() {
    divan::main();
}

fn input(text: &str) -> SmpInput {
    match ktab_csv::parse(text) {
        Ok(i) => i,
        Err(e) => panic!("fixture does not parse: {e}"),
    }
}

fn full_run(bencher: divan::Bencher, text: &str) {
    let input = input(text);
    let params = SmpParams::default();
    bencher.bench(|| {
        let mut rng = run_stream(KTAB_DEFAULT_SEED, 0);
        smp::run(divan::black_box(&input), &params, &mut rng).map(|r| r.steps.len())
    });
}

#[divan::bench(sample_count = 50)]
fn dummy_3dim(bencher: divan::Bencher) {
    full_run(
        bencher,
        include_str!("../tests/fixtures/ktab/dummyData_3Dim.csv"),
    );
}

#[divan::bench(sample_count = 20)]
fn a040(bencher: divan::Bencher) {
    full_run(
        bencher,
        include_str!("../tests/fixtures/ktab/dummyData-a040.csv"),
    );
}

#[divan::bench(sample_count = 10)]
fn a080(bencher: divan::Bencher) {
    full_run(
        bencher,
        include_str!("../tests/fixtures/ktab/dummyData-a080.csv"),
    );
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn a160(bencher: divan::Bencher) {
    full_run(
        bencher,
        include_str!("../tests/fixtures/ktab/dummyData-a160.csv"),
    );
}
