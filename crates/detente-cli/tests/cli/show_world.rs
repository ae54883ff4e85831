//! `detente show` names the source and year of every world figure and flags those from after
//! `as_of`; a scenario on the state-year panel runs end to end.

use std::path::PathBuf;
use std::process::{Command, Output};

fn detente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn repo(path: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
        .display()
        .to_string()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

#[test]
fn show_flags_the_flagships_figures_after_as_of() {
    let out = detente(&["show"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(s.contains("World data"), "{s}");
    // USA's SIPRI figure describes 2024, after as_of 2023-11-29; CINC is 2022.
    assert!(
        s.lines()
            .any(|l| l.starts_with("USA") && l.contains("milex") && l.contains("2024!")),
        "{s}"
    );
    assert!(
        s.lines()
            .any(|l| l.starts_with("USA") && l.contains("cinc") && l.contains(" 2022 ")),
        "{s}"
    );
    assert!(
        s.contains("describe a year after as_of (2023-11-29)"),
        "{s}"
    );

    let out = detente(&["show", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let usa = v["actors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "USA")
        .unwrap();
    let milex = usa["world_figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "milex")
        .unwrap();
    assert_eq!(milex["year"], 2024);
    assert_eq!(milex["after_as_of"], true);
    assert_eq!(milex["source"]["id"], "sipri");
    assert_eq!(usa["capability"]["provenance"]["after_as_of"], true);
}

#[test]
fn the_panel_example_shows_2001_figures_and_runs() {
    let file = repo("scenarios/examples/india-pakistan-2001.toml");
    let out = detente(&["show", &file]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert!(
        s.lines()
            .any(|l| l.starts_with("PAK") && l.contains("milex") && l.contains(" 2001 ")),
        "{s}"
    );
    assert!(s.contains("every figure describes as_of's year"), "{s}");
    let out = detente(&["run", &file, "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert!(
        v["errors"].as_array().is_none_or(|e| e.is_empty()),
        "{}",
        v["errors"]
    );
    assert!(v["align"].is_object() && v["richardson"].is_object());
}
