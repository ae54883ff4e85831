//! Report benchmarks: filling the report from the flagship's results (`report_from`, which runs
//! the library's sensitivity and levers per issue) and rendering the HTML (`render`), at the
//! flagship's default runs. The lens runs themselves (`run_all`) are measured by the library's
//! experiment benchmarks.
//!
//! Run: `cargo bench -p detente-report --bench report`.

use detente::experiment::{Results, RunOptions, run_all};
use detente::scenario::{FLAGSHIP, FLAGSHIP_NAME, Resolved, load_str};
use std::sync::LazyLock;

fn main() {
    divan::main();
}

static FLAGSHIP_RESULTS: LazyLock<(Resolved, Results)> = LazyLock::new(|| {
    let r = load_str(FLAGSHIP, FLAGSHIP_NAME).expect("flagship loads");
    let opts = RunOptions {
        seed: r
            .scenario
            .experiment
            .as_ref()
            .and_then(|e| e.seed)
            .unwrap_or(0),
        runs: r
            .scenario
            .experiment
            .as_ref()
            .and_then(|e| e.runs)
            .unwrap_or(2000),
        ..RunOptions::default()
    };
    let results = run_all(&r, FLAGSHIP, &opts, &|_, _, _| {});
    (r, results)
});

/// Judgements, sections, sensitivity and levers from the results.
#[divan::bench(sample_count = 10)]
fn report_from_flagship(b: divan::Bencher) {
    let (r, results) = &*FLAGSHIP_RESULTS;
    b.bench(|| detente_report::from_results::report_from(r, results));
}

/// The HTML of the filled report.
#[divan::bench(sample_count = 20)]
fn render_flagship(b: divan::Bencher) {
    let (r, results) = &*FLAGSHIP_RESULTS;
    let report = detente_report::from_results::report_from(r, results);
    b.bench(|| detente_report::render(&report));
}
