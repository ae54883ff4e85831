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
            .any(|p| p["path"] == "escalate.contagion")
    );
    let input = |path: &str| {
        ok["inputs"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["path"] == path)
            .cloned()
            .unwrap_or_else(|| panic!("no input {path}"))
    };
    let usa = input("issue.china-posture.stance.USA.position");
    assert_eq!(usa["domain"], serde_json::json!([0.0, 100.0]));
    // A calibrated parameter the file leaves to the posterior can be moved too.
    let noise = input("escalate.noise");
    assert_eq!(noise["domain"], serde_json::json!([0.0, 1.0]));
    assert!(noise["range"][0].as_f64() < noise["range"][1].as_f64());
    assert!(usa["range"][0].as_f64() <= usa["value"].as_f64());

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

#[test]
fn report_is_the_commands_report() {
    let dir = std::env::temp_dir().join(format!("detente-web-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = flagship().replace("runs = 10000", "runs = 120");
    assert_ne!(
        text,
        flagship(),
        "the flagship sets [experiment] runs = 10000"
    );
    std::fs::write(dir.join("edited.toml"), &text).unwrap();
    let web = detente_web::report(&text, "edited.toml", r#"{"file": "edited.toml"}"#);
    let o = Command::new(env!("CARGO_BIN_EXE_detente"))
        .current_dir(&dir)
        .args(["report", "edited.toml", "-o", "-"])
        .output()
        .expect("the binary runs");
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        web.starts_with("<!DOCTYPE html>"),
        "{}",
        &web[..web.len().min(300)]
    );
    assert!(web.contains("detente report edited.toml --runs 120 --seed 20231129"));
    assert!(
        web == String::from_utf8(o.stdout).unwrap(),
        "the page's report differs"
    );
}

#[test]
fn web_serves_the_page_and_refuses_a_missing_one() {
    use std::io::{BufRead, BufReader, Read, Write};
    let o = Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(["web", "--dir", "/nonexistent/dist"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("/nonexistent/dist has no index.html") && err.contains("npm --prefix web"),
        "{err}"
    );

    let dir = std::env::temp_dir().join(format!("detente-web-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!DOCTYPE html><title>t</title>").unwrap();
    let mut server = Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(["web", "--port", "0", "--dir"])
        .arg(&dir)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let get = |path: &str| {
        let mut s = std::net::TcpStream::connect(&address).unwrap();
        write!(s, "GET {path} HTTP/1.1\r\nHost: {address}\r\n\r\n").unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    };
    let index = get("/");
    let outside = get("/../Cargo.toml");
    server.kill().unwrap();
    let _ = server.wait();
    std::fs::remove_dir_all(&dir).unwrap();
    assert!(line.starts_with("detente: serving"), "{line}");
    assert!(
        index.starts_with("HTTP/1.1 200 OK") && index.ends_with("<title>t</title>"),
        "{index}"
    );
    assert!(outside.starts_with("HTTP/1.1 404"), "{outside}");
}
