//! `detente import`, `check` and `decide` on the synthetic DEU-layout fixtures (made-up numbers).

use std::process::{Command, Output};

fn fixture(name: &str) -> String {
    format!(
        "{}/../detente/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn detente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn an_imported_deu_file_is_a_scenario_that_checks() {
    let o = detente(&[
        "import",
        "--input-format",
        "deu",
        &fixture("deu/synthetic.csv"),
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let toml = text(&o.stdout);
    assert!(toml.contains("kind = \"body\""), "{toml}");
    assert!(
        toml.contains(
            "known_outcome = { value = 60.0, source = \"deu-SYN-1\", \
             note = \"DEU outcome of issue 1 of proposal SYN-1, decided 2001-06-14\" }"
        ),
        "{toml}"
    );
    let path = std::env::temp_dir().join(format!("detente-deu-{}.toml", std::process::id()));
    std::fs::write(&path, &toml).expect("temp file");
    let check = detente(&["check", path.to_str().expect("utf-8 path")]);
    let _ = std::fs::remove_file(&path);
    assert!(check.status.success(), "{}", text(&check.stderr));
}

#[test]
fn decide_reads_the_layout_directly() {
    let o = detente(&[
        "decide",
        &fixture("deu/synthetic.csv"),
        "--model",
        "compromise",
        "--issue",
        "SYN-1-1",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&text(&o.stdout)).expect("JSON");
    assert_eq!(v["input"]["format"], "deu");
    let d = &v["issues"][0]["answers"][0]["decision"];
    let unconstrained = d["unconstrained"][0].as_f64().expect("number");
    assert!((unconstrained - 3685.0 / 94.0).abs() < 1e-9, "{d}");
}

#[test]
fn a_malformed_deu_file_fails_with_every_location_and_status_2() {
    let o = detente(&["import", &fixture("deu/malformed.csv")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = text(&o.stderr);
    for at in [
        "line 7, column 4",
        "line 8, column 4",
        "line 9, column 5",
        "line 10, column 6",
        "line 12, column 3",
        "line 13, column 3",
        "line 14, column 2",
    ] {
        assert!(err.contains(at), "missing {at} in:\n{err}");
    }
}

#[test]
fn the_council_rule_can_be_chosen_on_import_only_for_deu() {
    let o = detente(&[
        "import",
        &fixture("deu/synthetic.csv"),
        "--rule",
        "unanimity",
    ]);
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains("rule = \"unanimity\""));
    let plain = detente(&[
        "import",
        &fixture("decide/ec_emissions_1994.csv"),
        "--rule",
        "unanimity",
    ]);
    assert_eq!(plain.status.code(), Some(2));
    assert!(text(&plain.stderr).contains("DEU layout only"));
}
