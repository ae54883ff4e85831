//! `detente escalate --arms --fit` end to end.

use std::process::{Command, Output};

fn detente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .expect("the binary runs")
}

#[test]
fn pair_fit_prints_coefficients_and_p_unstable() {
    let o = detente(&[
        "escalate",
        "--arms",
        "--fit",
        "2000..2024",
        "--pair",
        "USA,CHN",
    ]);
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("SIPRI, constant 2023 US$ million"), "{out}");
    assert!(out.contains("0.1507 (0.0768)"), "{out}");
    assert!(out.contains("P(unstable) = 0.9335"), "{out}");
    assert!(out.contains("warning: CHN: estimated fatigue"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 100), "{out}");
}

#[test]
fn scenario_fit_as_json_is_reproducible() {
    let args = [
        "escalate",
        "--arms",
        "--fit",
        "2000..2024",
        "--format",
        "json",
    ];
    let a = detente(&args);
    assert!(a.status.success());
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).expect("valid JSON");
    assert_eq!(
        v["fit"]["fit"]["fit"]["equations"]
            .as_array()
            .unwrap()
            .len(),
        8
    );
    assert!(v["p_unstable"]["probability"]["estimate"].is_number());
    assert_eq!(a.stdout, detente(&args).stdout);
}

#[test]
fn bad_ranges_and_states_without_data_exit_2() {
    for args in [
        vec![
            "escalate",
            "--arms",
            "--fit",
            "2024..2000",
            "--pair",
            "USA,CHN",
        ],
        vec![
            "escalate",
            "--arms",
            "--fit",
            "twenty..2024",
            "--pair",
            "USA,CHN",
        ],
        vec![
            "escalate",
            "--arms",
            "--fit",
            "2000..2024",
            "--pair",
            "USA,ZZZ",
        ],
        vec![
            "escalate",
            "--arms",
            "--fit",
            "1949..2000",
            "--pair",
            "USA,CHN",
        ],
    ] {
        let o = detente(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty());
        assert!(!o.stderr.is_empty());
    }
}
