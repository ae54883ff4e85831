//! `detente align` end to end: the bundled-world run, formats, --explain, JSON input and errors.

use std::process::{Command, Output};

fn detente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .expect("run detente")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

#[test]
fn world_table_fits_100_columns_and_shows_the_flagship_split() {
    let o = detente(&["align", "--world", "--restarts", "500", "--seed", "3"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    // With the calibrated weights China and Russia stand alone (India with the USA).
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("A (") && l.ends_with("): RUS CHN")),
        "{out}"
    );
    assert!(out.contains("Pivots of #1"));
    assert!(out.lines().all(|l| l.chars().count() <= 100), "{out}");
}

#[test]
fn world_json_is_deterministic_and_parses() {
    let args = [
        "align",
        "--world",
        "--restarts",
        "300",
        "--seed",
        "9",
        "--format",
        "json",
    ];
    let a = stdout(&detente(&args));
    let b = stdout(&detente(&args));
    assert_eq!(a, b);
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["diagnostics"]["method"], "heuristic");
    assert_eq!(v["actors"].as_array().unwrap().len(), 40);
}

#[test]
fn explain_breaks_a_pair_into_terms() {
    let o = detente(&["align", "--world", "--explain", "USA", "IND"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.starts_with("p(USA, IND) = "));
    for term in [
        "shared_alliance",
        "shared_org",
        "ideal_point_gap",
        "trade_share",
        "ties",
    ] {
        assert!(out.contains(term), "{out}");
    }
    let bad = detente(&["align", "--world", "--explain", "USA", "ZZZ"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn json_input_file_runs_exhaustively_with_csv_output() {
    let dir = std::env::temp_dir().join(format!("detente-align-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("triangle.json");
    let input = r#"{
      "landscape": {
        "actors": [{"id": "a", "size": 1.0}, {"id": "b", "size": 2.0}, {"id": "c", "size": 3.0}],
        "propensity": [0, -1, -1, -1, 0, -1, -1, -1, 0],
        "field": null
      },
      "options": {"coalitions": 2, "rule": "energy-steepest", "restarts": 100, "seed": 0,
                  "exhaustive": null, "annealing_runs": 0, "annealing_sweeps": 200,
                  "report_limit": 10},
      "provenance": ["align.md 4(d) triangle"],
      "notes": []
    }"#;
    std::fs::write(&path, input).unwrap();
    let o = detente(&["align", path.to_str().unwrap(), "--format", "csv"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows.len(), 4);
    assert!(rows[1].starts_with("1,-18,"), "{out}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn malformed_landscapes_in_json_are_rejected() {
    let dir = std::env::temp_dir().join(format!("detente-align-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.json");
    let input = r#"{
      "landscape": {"actors": [{"id": "a", "size": 1.0}, {"id": "b", "size": 2.0}],
                    "propensity": [0, 1, -1], "field": null},
      "options": {"coalitions": 2, "rule": "energy-steepest", "restarts": 100, "seed": 0,
                  "exhaustive": null, "annealing_runs": 0, "annealing_sweeps": 200,
                  "report_limit": 10},
      "provenance": [], "notes": []
    }"#;
    std::fs::write(&path, input).unwrap();
    let o = detente(&["align", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("propensity matrix has 3 entries"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_inputs_exit_with_status_2() {
    assert_eq!(
        detente(&["align", "/nonexistent/x.json"]).status.code(),
        Some(2)
    );
    assert_eq!(
        detente(&["align", "/nonexistent/x.toml"]).status.code(),
        Some(2)
    );
    assert_eq!(
        detente(&["align", "--world", "--coalitions", "1"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn scenario_files_are_aligned() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios");
    let o = detente(&["align", &format!("{root}/validation/europe-1936.toml")]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("2 stable configuration(s)"), "{out}");
    // The validation scenario says whether it reproduced its published reference.
    assert!(
        out.contains("Against the published results (R. Axelrod")
            && out.contains("reproduced ✔\n")
            && out.contains("  both published minima reproduced")
            && out.contains("basin share of the global minimum 0.747 vs 0.732 ± 0.05 ✔"),
        "{out}"
    );
    let o = detente(&["align", "--restarts", "2000"]);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    // The flagship takes the calibrated weights for the history terms: China and Russia alone.
    assert!(
        out.lines()
            .any(|l| l.trim_start().starts_with("A (") && l.ends_with("): CHN RUS")),
        "{out}"
    );
}

/// A backtest case: the configuration, then the share placed correctly and Cohen's κ of the
/// model next to its baselines, and the verdict against the best baseline, within 100 columns.
#[test]
fn a_case_prints_its_scores_next_to_the_baselines() {
    let path = format!(
        "{}/../../scenarios/cases/ww2-europe-1939.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let o = detente(&["align", &path]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    assert!(out.contains("neutral ("), "{out}");
    assert!(out.contains("Against what happened:"), "{out}");
    for method in [
        "majority side",
        "nearest bloc by ideal point",
        "alliance with an anchor",
        "align (best configuration)",
    ] {
        assert!(out.contains(method), "{method} missing\n{out}");
    }
    // 9 Allied, 6 Axis, 10 out (the header wraps at 100 columns).
    let flat = out.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("25 states scored (allies 9, axis 6, neutral 10)"),
        "{out}"
    );
    // Everyone out would place 10 of 25.
    assert!(flat.contains("majority side baseline 40%"), "{out}");
    assert!(
        out.contains("the model loses to the best baseline"),
        "{out}"
    );
    assert!(out.lines().all(|l| l.chars().count() <= 100), "{out}");
}

#[test]
fn calibrate_align_quick_run_prints_weights_and_held_out_scores() {
    let dir = std::env::temp_dir().join(format!("detente-calibrate-align-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out_csv = dir.join("w.csv");
    let o = detente(&[
        "calibrate",
        "align",
        "--candidates",
        "2",
        "--restarts",
        "20",
        "--resamples",
        "20",
        "--out",
        out_csv.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    for want in [
        "rivalry",
        "conflict_20",
        "alliance_similarity",
        "fixed",
        "scenarios/cases/unga-es-11-1.toml",
        "test",
        "majority side",
    ] {
        assert!(out.contains(want), "{want}: {out}");
    }
    let csv = std::fs::read_to_string(&out_csv).unwrap();
    assert_eq!(csv.lines().count(), 11);
    assert!(csv.starts_with("term,weight,low,high,fitted\nshared_alliance,"));
    let bad = detente(&["calibrate", "align", "--threads", "0"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn backtest_csv_lists_every_align_state() {
    let case = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scenarios/cases/ww2-europe-1939.toml"
    );
    let o = detente(&["backtest", case, "--format", "csv"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = stdout(&o);
    let rows: Vec<&str> = out.lines().filter(|l| l.contains(",side:")).collect();
    // 25 states x (3 baselines + the model).
    assert_eq!(rows.len(), 100, "{out}");
    assert!(
        rows.iter()
            .any(|r| r
                .contains(",side:GBR,allies,false,align (best configuration),model,allies,,true")),
        "{out}"
    );
}
