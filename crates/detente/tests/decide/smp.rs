//! KTAB SMP validation against the reference run of dummyData_3Dim.

use detente::decide::smp::{self, KTAB_DEFAULT_SEED, SmpInput, SmpParams, SmpRun, StopReason};
use detente::import::ktab_csv;
use detente::rng::run_stream;

const DUMMY_3DIM: &str = include_str!("../fixtures/ktab/dummyData_3Dim.csv");

/// Tolerance on 0–1 values.
const TOL01: f64 = 5e-4;
/// Tolerance on the 0–100 scale.
const TOL100: f64 = 0.05;

fn input() -> SmpInput {
    ktab_csv::parse(DUMMY_3DIM).expect("the fixture parses")
}

fn run_default(input: &SmpInput) -> SmpRun {
    let mut rng = run_stream(KTAB_DEFAULT_SEED, 0);
    smp::run(input, &SmpParams::default(), &mut rng).expect("the run succeeds")
}

fn assert_close(what: &str, got: &[f64], want: &[f64], tol: f64) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (k, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() <= tol,
            "{what}[{k}]: got {g}, want {w} (±{tol})\n got {got:?}"
        );
    }
}

fn position(run: &SmpRun, t: usize, i: usize) -> Vec<f64> {
    let m = 3;
    run.states[t].positions[i * m..(i + 1) * m]
        .iter()
        .map(|x| 100.0 * x)
        .collect()
}

#[test]
fn turn0_risk_neutral_utility_row_of_actor_0() {
    let input = input();
    let x: Vec<f64> = input
        .actors
        .iter()
        .flat_map(|a| a.position.clone())
        .collect();
    let d = smp::distance_matrix(&input, &x, &x);
    let row: Vec<f64> = d[..7].iter().map(|d| 1.0 - d).collect();
    assert_close(
        "u0 row 0",
        &row,
        &[1.000, 0.903, 0.639, 0.870, 0.929, 0.882, 0.890],
        TOL01,
    );
}

#[test]
fn turn0_risk_attitudes() {
    let run = run_default(&input());
    assert_close(
        "R turn 0",
        &run.states[0].risk,
        &[-0.500, -0.459, -0.499, -0.274, 1.000, -0.232, -0.430],
        TOL01,
    );
}

#[test]
fn turn0_targets_with_gain_and_probability() {
    let run = run_default(&input());
    let want = [
        (6, 0.0947, 0.7643),
        (0, 0.2810, 0.7964),
        (6, 0.4711, 0.8334),
        (0, 0.2839, 0.8056),
        (0, 0.0116, 0.5836),
        (1, 0.2986, 0.8510),
        (1, 0.0286, 0.3970),
    ];
    for (i, &(j, gain, p)) in want.iter().enumerate() {
        let t = run.steps[0].targets[i].unwrap_or_else(|| panic!("actor {i} has a target"));
        assert_eq!(t.target, j, "target of actor {i}");
        assert!(
            (t.delta_eu - gain).abs() <= TOL01,
            "ΔEU {i}→{j}: {}",
            t.delta_eu
        );
        assert!(
            (t.probability - p).abs() <= TOL01,
            "P {i}→{j}: {}",
            t.probability
        );
    }
}

#[test]
fn turn0_first_bargain_s2p2() {
    let run = run_default(&input());
    let b = &run.steps[0].bargains[0];
    assert_eq!((b.initiator, b.receiver), (0, 6));
    let scale = |v: &[f64]| v.iter().map(|x| 100.0 * x).collect::<Vec<_>>();
    assert_close(
        "bargain for 0",
        &scale(&b.initiator_position),
        &[75.61, 24.78, 71.95],
        TOL100,
    );
    assert_close(
        "bargain for 6",
        &scale(&b.receiver_position),
        &[75.61, 24.79, 71.95],
        TOL100,
    );
}

#[test]
fn stop_ratios_ten_steps_eleven_states() {
    let run = run_default(&input());
    let ratios: Vec<f64> = run.steps.iter().map(|s| s.ratio).collect();
    assert_close(
        "ρ",
        &ratios,
        &[
            0.9999, 0.7631, 0.1780, 0.0801, 0.0853, 0.0686, 0.0639, 0.1058, 0.0398, 0.0045,
        ],
        TOL01,
    );
    assert_eq!(run.steps.len(), 10);
    assert_eq!(run.states.len(), 11);
    assert_eq!(run.stop_reason, StopReason::Converged);
}

#[test]
fn final_positions() {
    let run = run_default(&input());
    // The reference prints these to one decimal, actor 2 (unmoved) to two.
    let one = 0.05 + 1e-9;
    for i in [0, 1] {
        assert_close(
            &format!("actor {i}"),
            &position(&run, 10, i),
            &[78.6, 31.8, 74.1],
            one,
        );
    }
    assert_close(
        "actor 2",
        &position(&run, 10, 2),
        &[82.45, 90.89, 0.07],
        1e-9,
    );
    assert_close("actor 3", &position(&run, 10, 3), &[67.1, 50.1, 63.7], one);
    for i in [4, 6] {
        assert_close(
            &format!("actor {i}"),
            &position(&run, 10, i),
            &[78.6, 31.6, 74.1],
            one,
        );
    }
    assert_close("actor 5", &position(&run, 10, 5), &[79.9, 34.4, 75.2], one);
}

#[test]
fn final_and_turn0_probabilities() {
    let run = run_default(&input());
    assert_close(
        "final p",
        &run.final_state().report.actor_probability,
        &[0.3340, 0.3340, 0.0183, 0.0957, 0.1512, 0.4009, 0.1512],
        TOL01,
    );
    assert_close(
        "turn-0 p",
        &run.states[0].report.actor_probability,
        &[0.0047, 0.0302, 0.0054, 0.1492, 0.6001, 0.1447, 0.0656],
        TOL01,
    );
    let classes: f64 = run.final_state().report.class_probability.iter().sum();
    assert!((classes - 1.0).abs() < 1e-12);
    assert_eq!(
        run.final_state().report.representatives,
        vec![0, 2, 3, 4, 5]
    );
}

#[test]
fn probability_weighted_outcome() {
    let run = run_default(&input());
    let outcome: Vec<f64> = run
        .final_state()
        .report
        .outcome
        .iter()
        .map(|x| 100.0 * x)
        .collect();
    assert_close("outcome", &outcome, &[78.1, 35.6, 72.2], 0.1);
    // The modal class is actor 5's.
    let r = &run.final_state().report;
    assert_eq!(r.representatives[r.modal_class], 5);
}

#[test]
fn the_trajectory_is_reproducible() {
    let input = input();
    let a = run_default(&input);
    let b = run_default(&input);
    assert_eq!(a, b);
}

/// The reference run's closing tables ("History of actor positions over time", one decimal,
/// and "History of actors' winning probabilities", four decimals), every state.
#[test]
fn full_history_of_positions_and_probabilities() {
    let run = run_default(&input());
    let probabilities: [[f64; 11]; 7] = [
        [
            0.0047, 0.6059, 0.3618, 0.2234, 0.2420, 0.4040, 0.4031, 0.3546, 0.4593, 0.3962, 0.3340,
        ],
        [
            0.0302, 0.0509, 0.3087, 0.3684, 0.2457, 0.1811, 0.1290, 0.3546, 0.2960, 0.3962, 0.3340,
        ],
        [
            0.0054, 0.0096, 0.0256, 0.0158, 0.0096, 0.0339, 0.0072, 0.0571, 0.0194, 0.0074, 0.0183,
        ],
        [
            0.1492, 0.1406, 0.1887, 0.1674, 0.0823, 0.2564, 0.0533, 0.2768, 0.1131, 0.0507, 0.0957,
        ],
        [
            0.6001, 0.6059, 0.1152, 0.3684, 0.2420, 0.4040, 0.0446, 0.3115, 0.4593, 0.1730, 0.1512,
        ],
        [
            0.1447, 0.1217, 0.3618, 0.0649, 0.3687, 0.1246, 0.3628, 0.3115, 0.2960, 0.3530, 0.4009,
        ],
        [
            0.0656, 0.0713, 0.3087, 0.1602, 0.0517, 0.1246, 0.4031, 0.3546, 0.1123, 0.0198, 0.1512,
        ],
    ];
    for (i, row) in probabilities.iter().enumerate() {
        let got: Vec<f64> = run
            .states
            .iter()
            .map(|s| s.report.actor_probability[i])
            .collect();
        assert_close(&format!("p history of actor {i}"), &got, row, TOL01);
    }
    // Positions per actor and dimension, as printed (one decimal).
    let positions: [[[f64; 11]; 3]; 7] = [
        [
            [
                75.8, 79.5, 80.6, 80.6, 78.5, 78.5, 78.5, 78.5, 78.6, 78.6, 78.6,
            ],
            [
                6.4, 44.7, 34.2, 35.0, 30.5, 30.5, 31.2, 31.2, 31.5, 31.8, 31.8,
            ],
            [
                70.5, 72.0, 75.9, 76.1, 74.0, 74.0, 74.0, 74.0, 74.0, 74.1, 74.1,
            ],
        ],
        [
            [
                82.7, 78.9, 76.0, 78.3, 79.0, 79.0, 79.1, 78.5, 79.9, 78.6, 78.6,
            ],
            [
                73.5, 56.3, 27.5, 30.5, 30.6, 30.6, 30.9, 31.2, 34.4, 31.8, 31.8,
            ],
            [
                64.0, 72.5, 72.0, 73.8, 74.2, 74.2, 74.3, 74.0, 75.2, 74.1, 74.1,
            ],
        ],
        [[82.5; 11], [90.9; 11], [0.1; 11]],
        [
            [
                62.5, 65.8, 66.7, 66.7, 66.7, 66.7, 67.1, 67.1, 67.1, 67.1, 67.1,
            ],
            [
                50.8, 50.8, 50.2, 50.2, 50.2, 50.2, 50.1, 50.1, 50.1, 50.1, 50.1,
            ],
            [
                62.3, 63.0, 63.5, 63.5, 63.5, 63.5, 63.7, 63.7, 63.7, 63.7, 63.7,
            ],
        ],
        [
            [
                82.3, 79.5, 81.5, 78.3, 78.5, 78.5, 78.6, 80.5, 78.6, 78.6, 78.6,
            ],
            [
                45.8, 44.7, 35.8, 30.5, 30.5, 30.5, 30.6, 34.6, 31.6, 31.6, 31.6,
            ],
            [
                73.3, 72.0, 79.1, 73.8, 74.0, 74.0, 74.1, 75.9, 74.0, 74.1, 74.1,
            ],
        ],
        [
            [
                84.5, 84.4, 80.6, 80.7, 80.6, 80.5, 80.5, 80.5, 79.9, 79.9, 79.9,
            ],
            [
                33.7, 34.1, 34.2, 34.3, 34.7, 34.6, 34.6, 34.6, 34.4, 34.4, 34.4,
            ],
            [
                88.1, 86.3, 75.9, 76.3, 76.1, 75.9, 75.9, 75.9, 75.2, 75.2, 75.2,
            ],
        ],
        [
            [
                71.0, 75.6, 76.0, 77.4, 77.4, 80.5, 78.5, 78.5, 78.7, 78.7, 78.6,
            ],
            [
                33.5, 24.8, 27.5, 28.7, 28.7, 34.6, 31.2, 31.2, 31.3, 31.3, 31.6,
            ],
            [
                90.4, 72.0, 72.0, 73.0, 73.0, 75.9, 74.0, 74.0, 74.1, 74.1, 74.1,
            ],
        ],
    ];
    for (i, dims) in positions.iter().enumerate() {
        for (d, row) in dims.iter().enumerate() {
            let got: Vec<f64> = (0..11).map(|t| position(&run, t, i)[d]).collect();
            assert_close(
                &format!("x history of actor {i}, dim {d}"),
                &got,
                row,
                0.05 + 1e-9,
            );
        }
    }
}

/// Turn 1 of the reference run: risk attitudes and the targets it prints.
#[test]
fn turn1_risk_attitudes_and_targets() {
    let run = run_default(&input());
    assert_close(
        "R turn 1",
        &run.states[1].risk,
        &[1.000, -0.469, -0.500, -0.474, 0.655, -0.462, -0.469],
        TOL01,
    );
    for (i, j, gain, p) in [
        (2, 1, 0.4317, 0.8683),
        (0, 5, 0.0012, 0.4720),
        (4, 5, 0.0029, 0.4085),
        (3, 6, 0.2065, 0.8283),
    ] {
        let t = run.steps[1].targets[i].unwrap_or_else(|| panic!("actor {i} has a target"));
        assert_eq!(t.target, j, "turn-1 target of actor {i}");
        assert!(
            (t.delta_eu - gain).abs() <= TOL01,
            "ΔEU {i}→{j}: {}",
            t.delta_eu
        );
        assert!(
            (t.probability - p).abs() <= TOL01,
            "P {i}→{j}: {}",
            t.probability
        );
    }
}
