//! `detente escalate` end to end: JSON setups in, tables and JSON out, exit codes.

use std::path::PathBuf;
use std::process::Command;

const RIVALRY: &str = r#"{
  "sides": ["west", "east"],
  "actors": [
    {"id": "usa", "side": "west", "capability": 1.0, "policy": {"strategy": "clear-eyed-hedging"}},
    {"id": "eu", "side": "west", "capability": 1.0, "policy": {"strategy": "clear-eyed-hedging"}},
    {"id": "china", "side": "east", "capability": 1.0, "policy": {"strategy": "tit-for-tat"}}
  ],
  "domains": [{"name": "military"}, {"name": "economic"}, {"name": "technology"}],
  "influence": [{"from": "usa", "to": "eu", "weight": 0.6}],
  "trade": [{"from": "eu", "to": "china", "share": 0.09}],
  "params": {"noise": 0.02}
}"#;

const RACE: &str = r#"{
  "actors": [
    {"id": "x", "milex": 100.0, "burden": 2.0, "source": "test"},
    {"id": "y", "milex": 50.0, "burden": 1.0, "source": "test"}
  ],
  "ties": [{"from": "x", "to": "y", "kind": "rival", "weight": 1.0}]
}"#;

fn file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-escalate-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn detente(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn dilemma_table_and_json() {
    let setup = file("rivalry.json", RIVALRY);
    let s = setup.to_str().unwrap();
    let out = detente(&["escalate", "--setup", s, "--runs", "300", "--seed", "3"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Spiral probability"));
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
    let out = detente(&[
        "escalate",
        "--setup",
        s,
        "--runs",
        "300",
        "--seed",
        "3",
        "--format",
        "json",
        "--threads",
        "2",
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["runs"], 300);
    let one = detente(&[
        "escalate",
        "--setup",
        s,
        "--runs",
        "300",
        "--seed",
        "3",
        "--format",
        "json",
        "--threads",
        "1",
    ]);
    let two = detente(&[
        "escalate",
        "--setup",
        s,
        "--runs",
        "300",
        "--seed",
        "3",
        "--format",
        "json",
        "--threads",
        "2",
    ]);
    assert!(
        one.stdout == two.stdout,
        "output depends on the thread count"
    );
}

#[test]
fn comparison_and_arms() {
    let base = file("base.json", RIVALRY);
    let alt = file(
        "alt.json",
        &RIVALRY.replace("clear-eyed-hedging", "constructive-engagement"),
    );
    let out = detente(&[
        "escalate",
        "--setup",
        base.to_str().unwrap(),
        "--versus",
        alt.to_str().unwrap(),
        "--runs",
        "200",
    ]);
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("difference [95% CI]")
    );
    let race = file("race.json", RACE);
    let out = detente(&["escalate", "--arms-setup", race.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Continuous form: stable"), "{text}");
}

#[test]
fn one_run_period_by_period() {
    let setup = file("one.json", RIVALRY);
    let s = setup.to_str().unwrap();
    let out = detente(&["escalate", "--setup", s, "--run", "4", "--seed", "3"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("Run 4 of seed 3"));
    assert!(text.lines().all(|l| l.chars().count() <= 100), "{text}");
    let out = detente(&[
        "escalate", "--setup", s, "--run", "4", "--seed", "3", "--format", "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["overall_tension"].as_array().unwrap().len(), 40);
}

#[test]
fn bad_input_exits_with_status_2() {
    assert_eq!(
        detente(&["escalate", "--setup", "/nonexistent/setup.json"])
            .status
            .code(),
        Some(2)
    );
    let bad = file(
        "bad.json",
        &RIVALRY.replace("\"noise\": 0.02", "\"noise\": 2.0"),
    );
    let out = detente(&["escalate", "--setup", bad.to_str().unwrap(), "--runs", "10"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr).unwrap().contains("noise"));
    let out = detente(&["escalate", "--policy", "appeasement", "--runs", "10"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("constructive-engagement")
    );
}

#[test]
fn the_flagship_scenario_compares_policies_and_analyses_the_arms_race() {
    let out = detente(&["escalate", "--runs", "400", "--seed", "5"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    for needle in [
        "constructive-engagement",
        "systemic-rival",
        "Paired differences",
        "Continuous form",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
    let out = detente(&["escalate", "--arms"]);
    assert!(out.status.success());
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Richardson arms race")
    );
    let a = detente(&[
        "escalate",
        "--runs",
        "300",
        "--seed",
        "9",
        "--format",
        "json",
        "--threads",
        "1",
    ]);
    let b = detente(&[
        "escalate",
        "--runs",
        "300",
        "--seed",
        "9",
        "--format",
        "json",
        "--threads",
        "2",
    ]);
    assert_eq!(a.stdout, b.stdout, "thread count changed the output");
}

/// The flagship's output says which parameters are fitted: the calibrated ones with their
/// posterior mean and 90 % interval, contagion and interdependence as assumptions.
#[test]
fn the_flagship_output_marks_calibrated_parameters_and_assumptions() {
    let out = detente(&[
        "escalate", "--runs", "50", "--seed", "5", "--format", "json",
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let params = v["escalate"]["parameters"].as_array().unwrap();
    let find = |key: &str| params.iter().find(|p| p["key"] == key).unwrap();
    assert_eq!(find("noise")["calibrated"], true);
    assert_eq!(find("noise")["basis"], "posterior");
    assert_eq!(find("noise")["interval"][0], 0.004504);
    assert_eq!(find("contagion")["calibrated"], false);
    assert_eq!(find("contagion")["basis"], "scenario");
    assert_eq!(find("interdependence")["calibrated"], false);
    let out = detente(&[
        "escalate",
        "--policy",
        "constructive-engagement",
        "--runs",
        "50",
        "--seed",
        "5",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Parameters (calibrated"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("spillover") && l.contains("calibrated") && l.contains("90%")),
        "{text}"
    );
    assert!(
        text.lines()
            .any(|l| l.starts_with("contagion") && l.contains("assumption (scenario)")),
        "{text}"
    );
}
