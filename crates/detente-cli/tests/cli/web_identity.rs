//! The browser entry crate (`detente-web`) writes the same JSON as the command, byte for
//! byte, and reports bad input as located diagnostics.
#![cfg(unix)]

use std::os::unix::process::CommandExt as _;
use std::process::Command;

const FLAGSHIP_FILE: &str = "scenarios/nato-china-2023.toml";

fn root() -> String {
    format!("{}/../..", env!("CARGO_MANIFEST_DIR"))
}

/// `detente ARGS` in the repository root, invoked as `detente` (the command line `run`
/// records starts with the program name).
fn detente(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_detente"))
        .arg0("detente")
        .current_dir(root())
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

fn flagship() -> String {
    std::fs::read_to_string(format!("{}/{FLAGSHIP_FILE}", root())).unwrap()
}

#[test]
fn run_is_the_commands_json() {
    let text = flagship();
    let web = detente_web::run(
        &text,
        FLAGSHIP_FILE,
        &format!(r#"{{"file": "{FLAGSHIP_FILE}", "runs": 150, "seed": 11}}"#),
    );
    let cli = detente(&[
        "run",
        FLAGSHIP_FILE,
        "--runs",
        "150",
        "--seed",
        "11",
        "--format",
        "json",
    ]);
    assert_eq!(web, cli);
    // The bundled flagship: no file on the command line.
    let web = detente_web::run(
        detente::scenario::FLAGSHIP,
        detente::scenario::FLAGSHIP_NAME,
        r#"{"runs": 100, "seed": 2, "mc_models": ["compromise"]}"#,
    );
    let cli = detente(&[
        "run",
        "--runs",
        "100",
        "--seed",
        "2",
        "--mc-models",
        "compromise",
        "--format",
        "json",
    ]);
    assert_eq!(web, cli);
}

#[test]
fn align_is_the_commands_json() {
    let web = detente_web::align(
        &flagship(),
        FLAGSHIP_FILE,
        r#"{"seed": 9, "restarts": 200}"#,
    );
    let cli = detente(&[
        "align",
        FLAGSHIP_FILE,
        "--seed",
        "9",
        "--restarts",
        "200",
        "--format",
        "json",
    ]);
    assert_eq!(web, cli);
}

#[test]
fn an_override_is_the_sweeps_point() {
    // The same input path and value as a one-point sweep: the same spiral probability.
    let metric = "escalate.clear-eyed-hedging.spiral";
    let sweep: serde_json::Value = serde_json::from_str(&detente(&[
        "sweep",
        "--param",
        "escalate.noise=0.15",
        "--metric",
        metric,
        "--runs",
        "120",
        "--seed",
        "4",
        "--format",
        "json",
    ]))
    .unwrap();
    let web: serde_json::Value = serde_json::from_str(&detente_web::run(
        detente::scenario::FLAGSHIP,
        detente::scenario::FLAGSHIP_NAME,
        r#"{"runs": 120, "seed": 4, "overrides": [{"path": "escalate.noise", "value": 0.15}]}"#,
    ))
    .unwrap();
    assert_eq!(web["overrides"][0]["path"], "escalate.noise");
    let policy = web["escalate"]["policies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "clear-eyed-hedging")
        .expect("the policy ran");
    let swept = &sweep["rows"][0]["value"];
    assert_eq!(
        &policy["summary"]["spiral"]["estimate"], swept,
        "sweep: {sweep}"
    );
}

#[test]
fn bad_input_is_located_or_named() {
    let broken = "format = 1\n[scenario]\nid = 3\n";
    let out: serde_json::Value =
        serde_json::from_str(&detente_web::check(broken, "broken.toml")).unwrap();
    let items = out["error"]["diagnostics"]["items"].as_array().unwrap();
    let wrong = items
        .iter()
        .find(|d| d["kind"] == "wrong-type" || d["key"] == "scenario.id")
        .expect("the wrong type of scenario.id");
    assert_eq!(
        (wrong["line"].as_u64(), wrong["column"].as_u64()),
        (Some(3), Some(6))
    );
    assert!(
        out["error"]["report"]
            .as_str()
            .unwrap()
            .contains("broken.toml:3:6")
    );

    let ok: serde_json::Value =
        serde_json::from_str(&detente_web::check(&flagship(), FLAGSHIP_FILE)).unwrap();
    assert_eq!(ok["id"], "nato-china-2023");
    assert!(
        ok["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p == "escalate.contagion")
    );

    for (request, says) in [
        (
            r#"{"overrides": [{"path": "escalate.nois", "value": 0.1}]}"#,
            "`escalate.nois` does not address an input",
        ),
        (
            r#"{"overrides": [{"path": "escalate.noise", "value": 3}]}"#,
            "outside",
        ),
        (r#"{"runz": 5}"#, "unknown field"),
        (r#"{"mc_models": ["oracle"]}"#, "oracle"),
    ] {
        let out: serde_json::Value = serde_json::from_str(&detente_web::run(
            detente::scenario::FLAGSHIP,
            detente::scenario::FLAGSHIP_NAME,
            request,
        ))
        .unwrap();
        assert_eq!(out["error"]["kind"], "request", "{request}");
        let message = out["error"]["message"].as_str().unwrap();
        assert!(message.contains(says), "{request}: {message}");
    }
}
