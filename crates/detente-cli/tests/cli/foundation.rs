//! End-to-end behaviour of the foundation commands: run, check, show, schema; exit codes.

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
fn run_without_arguments_summarises_the_flagship() {
    let out = detente(&["run"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    for needle in [
        "nato-china-2023",
        "USA",
        "SIPRI",
        "china-posture",
        "tokyo-office",
        "rivalry",
    ] {
        assert!(s.contains(needle), "run output lacks {needle}");
    }
}

#[test]
fn check_reports_every_malformed_file_with_locations_and_exits_2() {
    let dir = PathBuf::from(repo("tests/scenarios/malformed"));
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let src = std::fs::read_to_string(&path).unwrap();
        let out = detente(&["check", path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        let err = text(&out.stderr);
        assert!(!err.contains("panicked"), "{err}");
        for line in src.lines().filter_map(|l| l.strip_prefix("# expect: ")) {
            let (kind, at) = line.split_once(' ').unwrap();
            assert!(
                err.contains(&format!("error[{kind}]")),
                "{}: no {kind}\n{err}",
                path.display()
            );
            assert!(
                err.contains(&format!(":{}", at.trim())),
                "{}: no location {at}\n{err}",
                path.display()
            );
        }
        n += 1;
    }
    assert!(n >= 25);
}

#[test]
fn check_accepts_the_flagship() {
    let out = detente(&["check", &repo("scenarios/nato-china-2023.toml")]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains(": ok ("));
}

#[test]
fn show_json_is_valid_and_names_provenance() {
    let out = detente(&["show", "--format", "json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let actors = v["actors"].as_array().unwrap();
    let usa = actors.iter().find(|a| a["id"] == "USA").unwrap();
    assert_eq!(usa["capability"]["provenance"]["from"], "world");
}

#[test]
fn schema_is_json_schema() {
    let out = detente(&["schema"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert!(v["$schema"].as_str().unwrap().contains("json-schema.org"));
}

#[test]
fn bad_usage_and_missing_files_exit_2() {
    assert_eq!(detente(&["frobnicate"]).status.code(), Some(2));
    let out = detente(&["check", "no/such/file.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no/such/file.toml"));
    assert_eq!(detente(&["--help"]).status.code(), Some(0));
}

#[test]
fn every_command_help_shows_an_example() {
    for cmd in ["run", "check", "show", "schema"] {
        let out = detente(&[cmd, "--help"]);
        assert!(out.status.success());
        assert!(
            text(&out.stdout).contains("detente "),
            "{cmd} --help has no example"
        );
    }
}

#[test]
fn run_json_is_identical_for_any_thread_count_and_out_writes_both_files() {
    let args = |t: &'static str| {
        [
            "run",
            "--runs",
            "200",
            "--seed",
            "3",
            "--format",
            "json",
            "--threads",
            t,
        ]
    };
    let one = detente(&args("1"));
    assert!(one.status.success(), "{}", text(&one.stderr));
    // Everything but the recorded command line (which names the thread count) is identical.
    let without_command = |bytes: &[u8]| {
        let mut v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        v["command"] = serde_json::Value::Null;
        v.to_string()
    };
    assert!(
        without_command(&one.stdout) == without_command(&detente(&args("2")).stdout),
        "thread count changed results"
    );
    let v: serde_json::Value = serde_json::from_slice(&one.stdout).unwrap();
    for lens in [
        "decide",
        "decide_uncertainty",
        "align",
        "escalate",
        "richardson",
    ] {
        assert!(!v[lens].is_null(), "results lack {lens}");
    }
    let dir = std::env::temp_dir().join(format!("detente-out-{}", std::process::id()));
    let out = detente(&[
        "run",
        "--runs",
        "50",
        "--out",
        dir.to_str().unwrap(),
        "--format",
        "csv",
    ]);
    assert!(out.status.success());
    // With --out, the terminal gets the list of files, not the whole table again.
    let printed = text(&out.stdout);
    assert!(
        printed.contains("results.csv") && printed.lines().count() <= 3,
        "{printed}"
    );
    assert!(
        std::fs::read_to_string(dir.join("results.csv"))
            .unwrap()
            .starts_with("lens,subject,metric,statistic,value\n")
    );
    assert!(dir.join("results.json").exists() && dir.join("results.csv").exists());
    #[cfg(feature = "parquet")]
    assert!(
        std::fs::read(dir.join("results.parquet"))
            .unwrap()
            .starts_with(b"PAR1")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
