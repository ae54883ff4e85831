//! KTAB's 2017 reference run of `SOE-Pol-Comp.csv` (China upstream oil and gas reform,
//! policy and competitive dimensions; Efird, Lester & Wise 2016): 13 actors × 2 dimensions,
//! KTAB's defaults, 27 steps. The reference's closing tables give every state's positions
//! (one decimal) and probabilities (four decimals); all of them are checked.

use detente::decide::smp::{self, KTAB_DEFAULT_SEED, SmpParams, SmpRun, StopReason};
use detente::import::ktab_csv;
use detente::rng::run_stream;

const SOE: &str = include_str!("../fixtures/ktab/SOE-Pol-Comp.csv");
const REFERENCE: &str = include_str!("../fixtures/ktab/SOE-Pol-Comp.ref.txt");

fn run() -> SmpRun {
    let input = ktab_csv::parse(SOE).expect("parses");
    smp::run(
        &input,
        &SmpParams::default(),
        &mut run_stream(KTAB_DEFAULT_SEED, 0),
    )
    .expect("runs")
}

/// `(label, numbers after the last ":")` of every line of a reference table that has numbers,
/// in file order.
fn rows(section: &str) -> Vec<(String, Vec<f64>)> {
    section
        .lines()
        .filter_map(|l| {
            let (label, numbers) = l.rsplit_once(':')?;
            let values: Vec<f64> = numbers
                .split_whitespace()
                .filter_map(|v| v.parse().ok())
                .collect();
            (!values.is_empty()).then(|| (label.trim().to_string(), values))
        })
        .collect()
}

#[test]
fn twenty_seven_steps_like_the_reference() {
    let r = run();
    assert_eq!(r.steps.len(), 27);
    assert_eq!(r.states.len(), 28);
    assert_eq!(r.stop_reason, StopReason::Converged);
    // "Fractional change compared to first step: 0.0083"
    assert!(
        (r.steps[26].ratio - 0.0083).abs() <= 5e-5,
        "{}",
        r.steps[26].ratio
    );
}

#[test]
fn every_position_of_every_state() {
    let r = run();
    let (positions, _) = REFERENCE
        .split_once("History of actors' winning probabilities")
        .expect("reference has both tables");
    let table = rows(positions);
    assert_eq!(table.len(), 26, "13 actors × 2 dimensions");
    for (row, (label, want)) in table.iter().enumerate() {
        let (i, d) = (row / 2, row % 2);
        assert_eq!(want.len(), 28, "{label}");
        for (t, &w) in want.iter().enumerate() {
            let got = 100.0 * r.states[t].positions[2 * i + d];
            assert!(
                (got - w).abs() <= 0.05 + 1e-9,
                "{label}, state {t}: got {got:.3}, want {w}"
            );
        }
    }
}

#[test]
fn every_probability_of_every_state() {
    let r = run();
    let (_, probabilities) = REFERENCE
        .split_once("History of actors' winning probabilities")
        .expect("reference has both tables");
    let table = rows(probabilities);
    assert_eq!(table.len(), 13);
    for (i, (label, want)) in table.iter().enumerate() {
        for (t, &w) in want.iter().enumerate() {
            let got = r.states[t].report.actor_probability[i];
            assert!(
                (got - w).abs() <= 5e-5 + 1e-12,
                "{label}, state {t}: got {got:.5}, want {w}"
            );
        }
    }
}
