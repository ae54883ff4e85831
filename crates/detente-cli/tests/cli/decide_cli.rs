//! `detente decide` and `detente import` on the decide fixtures.

use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    format!(
        "{}/../detente/tests/fixtures/decide/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn detente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn decide_runs_the_scholz_preset_on_the_ec_case() {
    let ec = fixture("ec_emissions_1994.csv");
    let o = detente(&["decide", &ec, "--model", "bdm", "--preset", "scholz2011"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("bdm") && out.contains("9.6283"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 100), "{out}");
}

#[test]
fn decide_json_carries_every_model_and_the_baseline() {
    let cop = fixture("cop21.csv");
    let o = detente(&["decide", &cop, "--format", "json", "--issue", "legal"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let issues = v["issues"].as_array().expect("issues");
    assert_eq!(issues.len(), 1);
    let answers = issues[0]["answers"].as_array().expect("answers");
    let models: Vec<&str> = answers.iter().filter_map(|a| a["model"].as_str()).collect();
    for m in ["compromise", "median", "nash", "bdm", "exchange"] {
        assert!(models.contains(&m), "{models:?}");
    }
    let compromise = &answers[0]["decision"];
    assert!((compromise["outcome"][0].as_f64().expect("number") - 1855.0 / 32.0).abs() < 1e-9);
}

#[test]
fn decide_csv_has_one_row_per_issue_and_model() {
    let o = detente(&[
        "decide",
        &fixture("cop21.csv"),
        "--model",
        "compromise",
        "--format",
        "csv",
    ]);
    assert!(o.status.success());
    assert_eq!(stdout(&o).lines().count(), 1 + 13);
}

#[test]
fn malformed_input_exits_2_with_located_errors() {
    let o = detente(&["decide", &fixture("copenhagen_with_errors.csv")]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("line 86, column 4: position 160"), "{err}");
    assert!(err.contains("line 87, column 6: power -0.247"), "{err}");
}

#[test]
fn unknown_model_and_issue_are_usage_errors() {
    let cop = fixture("cop21.csv");
    assert_eq!(
        detente(&["decide", &cop, "--model", "oracle"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        detente(&["decide", &cop, "--issue", "nope"]).status.code(),
        Some(2)
    );
}

#[test]
fn status_quo_enables_nash_and_rules_nothing_else() {
    let h = fixture("honduras_2009.csv");
    let o = detente(&[
        "decide",
        &h,
        "--scale",
        "0,1",
        "--status-quo",
        "0",
        "--model",
        "nash",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!stdout(&o).contains("n/a"));
}

#[test]
fn import_writes_a_scenario() {
    let o = detente(&["import", &fixture("cop21.csv")]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("format = 1"));
    assert!(out.contains("data = \"none\""));
    assert_eq!(out.matches("[[issue.stance]]").count(), 181);
    assert_eq!(out.matches("[[actor]]").count(), 15);
}

#[test]
fn a_rule_constrains_the_prediction() {
    let cop = fixture("cop21.csv");
    let o = detente(&[
        "decide",
        &cop,
        "--issue",
        "legal",
        "--model",
        "compromise,median",
        "--status-quo",
        "30",
        "--rule",
        "unanimity",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    let d = &v["issues"][0]["answers"][0]["decision"];
    assert_eq!(d["outcome"][0].as_f64(), Some(30.0));
    assert!((d["unconstrained"][0].as_f64().expect("number") - 1855.0 / 32.0).abs() < 1e-9);
    let codes: Vec<&str> = d["diagnostics"]["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|w| w["code"].as_str())
        .collect();
    assert!(codes.contains(&"RuleEmptiedWinSet"), "{codes:?}");
    assert_eq!(
        detente(&["decide", &cop, "--rule", "qualified-majority"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn table_fits_100_columns_with_every_model_and_a_rule() {
    let cop = fixture("cop21.csv");
    let o = detente(&["decide", &cop, "--status-quo", "5", "--rule", "majority"]);
    assert!(o.status.success());
    let out = stdout(&o);
    let long: Vec<&str> = out.lines().filter(|l| l.chars().count() > 100).collect();
    assert!(long.is_empty(), "{long:#?}");
}

fn cases() -> String {
    format!("{}/../../scenarios/cases", env!("CARGO_MANIFEST_DIR"))
}

/// `detente backtest` on the case library: every case, baselines first, the same JSON for one
/// thread and many, and a table that keeps to 100 columns.
#[test]
fn backtest_scores_the_case_library() {
    let dir = cases();
    let o = detente(&["backtest", &dir, "--format", "json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["cases"].as_array().expect("cases").len(), 13);
    let scores = v["scores"].as_array().expect("scores");
    assert_eq!(scores[0]["method"], "no change (status quo)");
    assert_eq!(scores[0]["kind"], "baseline");
    assert!(scores.iter().any(|s| s["method"] == "agenda setter"));
    assert!(scores.iter().all(|s| s["n"].as_u64().unwrap_or(0) > 0));
    // The EV duties: the Commission's proposal stands under the reverse rule.
    let ev = v["cases"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["issue"] == "ev-duties")
        .expect("the EV case");
    let setter = ev["predictions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["method"] == "agenda setter")
        .unwrap();
    assert_eq!(setter["value"], 100.0);
    assert_eq!(setter["error"], 0.0);
    let one = Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(["backtest", &dir, "--format", "json"])
        .env("RAYON_NUM_THREADS", "1")
        .output()
        .expect("runs");
    assert_eq!(stdout(&one), stdout(&o), "thread count changed the result");
    // The align cases: one per scenario with an [align.known_outcome], states scored one by
    // one against the recorded sides (tallies as recorded).
    let align = v["align"].as_array().expect("align cases");
    let tally = |id: &str| {
        let c = align.iter().find(|c| c["scenario"] == id).expect(id);
        c["states"].as_array().unwrap().len()
    };
    assert_eq!(align.len(), 4);
    assert_eq!(tally("unga-es-11-1"), 193);
    assert_eq!(tally("unga-68-262"), 193);
    assert_eq!(tally("ww1-1914"), 44);
    assert_eq!(tally("ww2-europe-1939"), 25);
    let table = stdout(&detente(&["backtest", &dir]));
    assert!(table.contains("Track record: 13 decisions"), "{table}");
    assert!(table.contains("Align case unga-es-11-1"), "{table}");
    assert!(table.lines().all(|l| l.chars().count() <= 100), "{table}");
}

#[test]
fn backtest_rejects_bad_input_with_status_2() {
    let fixtures = fixture("");
    for args in [
        vec!["backtest", "no/such/folder"],
        vec!["backtest", fixtures.as_str()],
        vec!["backtest", "--tolerance", "-1"],
        vec!["backtest", "--resamples", "0"],
    ] {
        let o = detente(&args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(!String::from_utf8_lossy(&o.stderr).is_empty(), "{args:?}");
    }
}

fn flagship() -> String {
    format!(
        "{}/../../scenarios/nato-china-2023.toml",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// With the veto cost drawn from 0–0.1, NATO moves china-posture up unless Hungary's cost is
/// below about 0.007 (`55 + 143·c` must clear 56): P(up) ≈ 1 − 0.007/0.1, never down.
#[test]
fn decide_reports_which_way_the_body_moves_over_the_veto_cost_range() {
    let f = flagship();
    let args = [
        "decide",
        &f,
        "--issue",
        "china-posture",
        "--model",
        "compromise",
        "--runs",
        "2000",
    ];
    let o = detente(&[&args[..], &["--format", "json"]].concat());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["issues"][0]["setter"]["movement"], "up");
    let mc = &v["uncertainty"];
    let p = |name: &str| {
        let k = mc["metrics"]
            .as_array()
            .expect("metrics")
            .iter()
            .position(|m| m["name"] == format!("decide.china-posture.{name}"))
            .expect(name);
        mc["summaries"][0][k]["estimate"]
            .as_f64()
            .expect("estimate")
    };
    let (up, down, stays) = (p("up"), p("down"), p("stays"));
    assert!((up + down + stays - 1.0).abs() < 1e-12);
    assert_eq!(down, 0.0);
    assert!((0.89..0.96).contains(&up), "P(up) = {up}");
    let o = detente(&args);
    let out = stdout(&o);
    assert!(
        out.contains("it moves up") && out.contains("stays"),
        "{out}"
    );
    assert!(out.lines().all(|l| l.chars().count() <= 100), "{out}");
    let off = detente(&[&args[..6], &["--runs", "0", "--format", "json"]].concat());
    let v: serde_json::Value = serde_json::from_str(&stdout(&off)).expect("JSON");
    assert!(v.get("uncertainty").is_none());
}
