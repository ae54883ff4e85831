//! `detente report`: writes one self-contained, deterministic HTML file; bad input writes nothing.

use std::path::PathBuf;
use std::process::Command;

fn detente() -> Command {
    Command::new(env!("CARGO_BIN_EXE_detente"))
}

fn scratch(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("detente-report-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn writes_a_self_contained_deterministic_report() {
    let dir = scratch("ok");
    let run = |file: &str, threads: &str| {
        let out = dir.join(file);
        let o = detente()
            .args([
                "report",
                "--runs",
                "60",
                "--seed",
                "5",
                "--threads",
                threads,
                "-o",
            ])
            .arg(&out)
            .output()
            .expect("runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(String::from_utf8_lossy(&o.stdout).contains(file));
        std::fs::read_to_string(&out).expect("report written")
    };
    let a = run("a.html", "1");
    let b = run("b.html", "2");
    assert!(a.starts_with("<!DOCTYPE html>"));
    assert!(a.contains("china-posture"));
    assert!(!a.contains("src=\"http") && !a.contains("<script"));
    assert_eq!(a, b, "same seed must give identical bytes");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn malformed_scenario_exits_2_and_writes_nothing() {
    let dir = scratch("bad");
    let scenario = dir.join("bad.toml");
    std::fs::write(
        &scenario,
        "[scenario]\nid = \"x\"\ntitle = 3\n[[issue]\nid=",
    )
    .expect("write");
    let out = dir.join("report.html");
    let o = detente()
        .arg("report")
        .arg(&scenario)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!out.exists());
    let _ = std::fs::remove_dir_all(&dir);
}
