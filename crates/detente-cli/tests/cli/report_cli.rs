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

/// The report's track record is the bundled case library's backtest: every method's MAE, hit
/// rate and paired difference equal `detente backtest scenarios/cases --format json`'s, and it
/// runs from any working directory (the cases are compiled in).
#[test]
fn the_track_record_equals_the_backtest() {
    let dir = scratch("track");
    let o = detente()
        .current_dir(&dir)
        .args(["report", "--runs", "30", "-o", "-"])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let html = String::from_utf8(o.stdout).expect("UTF-8");
    let start = html
        .find("<section id=\"track-record\">")
        .expect("the section");
    let section = &html[start..start + html[start..].find("</section>").expect("closed")];
    assert!(section.contains("No model beats the weighted median (no rule) baseline"));
    let cases = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/cases");
    let o = detente()
        .args(["backtest", cases, "--format", "json"])
        .output()
        .expect("runs");
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let scores = v["scores"].as_array().expect("scores");
    assert!(scores.len() >= 10);
    let interval = |x: &serde_json::Value, scale: f64| {
        let f = |k: &str| x[k].as_f64().expect("a number") * scale;
        (f("value"), f("low"), f("high"))
    };
    for s in scores {
        let method = s["method"].as_str().expect("method");
        let row_start = section
            .find(&format!("<td>{method}</td>"))
            .unwrap_or_else(|| panic!("a row for {method}"));
        let row = &section[row_start..row_start + section[row_start..].find("</tr>").unwrap()];
        let (v, lo, hi) = interval(&s["mae"], 1.0);
        assert!(
            row.contains(&format!("{v:.1} [{lo:.1}, {hi:.1}]")),
            "{method}: {row}"
        );
        let (v, lo, hi) = interval(&s["hit_rate"], 100.0);
        assert!(
            row.contains(&format!("{v:.0} % [{lo:.0}, {hi:.0}]")),
            "{method}: {row}"
        );
        if let Some(p) = s.get("versus_best_baseline") {
            let (v, lo, hi) = interval(&p["difference"], 1.0);
            assert!(
                row.contains(&format!("{v:+.1} [{lo:+.1}, {hi:+.1}]")),
                "{method}: {row}"
            );
        }
    }
}
