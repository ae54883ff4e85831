//! Run settings have one owner, and bad input is refused the same way everywhere: the defaults
//! every Monte Carlo command takes from `[experiment]`, one seed for every lens, the thread cap,
//! exit codes and messages for hostile inputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn detente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn repo(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(path)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).to_string()
}

fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// A copy of the flagship with `edit` applied, in a fresh temporary folder.
fn flagship_with(name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("detente-orch-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{name}.toml"));
    let src = std::fs::read_to_string(repo("scenarios/nato-china-2023.toml")).unwrap();
    std::fs::write(&path, edit(src)).unwrap();
    path
}

fn p(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// `run`, `escalate` and `compare` all take seed and runs from `[experiment]` when no flag
/// is given, so they report the same spiral probability for every policy.
#[test]
fn run_escalate_and_compare_share_the_scenario_defaults() {
    let file = flagship_with("defaults", |s| {
        s.replace("runs = 10000", "runs = 300")
            .replace("seed = 20231129", "seed = 11")
    });
    let run = json(&detente(&["run", p(&file), "--format", "json"]));
    let esc = json(&detente(&["escalate", p(&file), "--format", "json"]));
    let cmp = json(&detente(&["compare", p(&file), "--format", "json"]));
    assert_eq!(
        (run["seed"].as_u64(), run["runs"].as_u64()),
        (Some(11), Some(300))
    );
    let from_run: Vec<(String, f64)> = run["escalate"]["policies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            assert_eq!(x["summary"]["runs"], 300);
            (
                x["id"].as_str().unwrap().to_string(),
                x["summary"]["spiral"]["estimate"].as_f64().unwrap(),
            )
        })
        .collect();
    let from_escalate: Vec<(String, f64)> = esc["escalate"]["policies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["id"].as_str().unwrap().to_string(),
                x["summary"]["spiral"]["estimate"].as_f64().unwrap(),
            )
        })
        .collect();
    let from_compare: Vec<(String, f64)> = cmp["policies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| {
            (
                x["id"].as_str().unwrap().to_string(),
                x["spiral"]["estimate"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(from_run.len(), 8);
    assert_eq!(from_run, from_escalate);
    assert_eq!(from_run, from_compare);
    assert_eq!(
        (cmp["seed"].as_u64(), cmp["runs"].as_u64()),
        (Some(11), Some(300))
    );
    let _ = std::fs::remove_dir_all(file.parent().unwrap());
}

/// `run --seed 7` reaches every lens: align's diagnostics and every policy's Monte Carlo.
#[test]
fn one_seed_reaches_every_lens() {
    let v = json(&detente(&[
        "run", "--seed", "7", "--runs", "50", "--format", "json",
    ]));
    assert_eq!(v["seed"], 7);
    assert_eq!(v["align"]["diagnostics"]["seed"], 7);
    for policy in v["escalate"]["policies"].as_array().unwrap() {
        assert_eq!(policy["summary"]["seed"], 7, "{}", policy["id"]);
    }
    // The command line travels in the CLI's envelope, beside the library's results.
    assert_eq!(v["command"][1], "run");
}

#[test]
fn threads_above_the_cap_are_refused_with_exit_2() {
    for cmd in [
        vec!["run", "--threads", "10000"],
        vec!["compare", "--threads", "257"],
        vec!["tournament", "--threads", "100000"],
        vec!["escalate", "--threads", "0"],
    ] {
        let out = detente(&cmd);
        assert_eq!(out.status.code(), Some(2), "{cmd:?}");
        let err = text(&out.stderr);
        assert!(err.starts_with("error:"), "{err}");
        assert!(err.contains("--threads"), "{err}");
    }
}

/// Every malformed scenario `check` refuses is also refused by `run` with exit 2 and the same
/// location, never exit 1 after a partial run.
#[test]
fn run_refuses_what_check_refuses_with_a_location() {
    for name in [
        "policy-unknown-strategy",
        "escalate-no-policy",
        "escalate-empty-domains",
        "escalate-duplicate-domain",
        "align-actors-empty",
        "align-one-actor",
        "align-actor-is-body",
        "scale-too-large",
        "capability-too-large",
    ] {
        let file = repo(&format!("tests/scenarios/malformed/{name}.toml"));
        let src = std::fs::read_to_string(&file).unwrap();
        let at = src
            .lines()
            .find_map(|l| l.strip_prefix("# expect: "))
            .and_then(|e| e.split_once(' '))
            .map(|(_, at)| at.trim().to_string())
            .unwrap();
        for args in [
            vec!["check", p(&file)],
            vec!["run", p(&file), "--runs", "10"],
        ] {
            let out = detente(&args);
            let cmd = args[0];
            assert_eq!(out.status.code(), Some(2), "{cmd} {name}");
            let err = text(&out.stderr);
            assert!(err.contains(&format!(":{at}")), "{cmd} {name}: {err}");
        }
    }
}

#[test]
fn the_unknown_strategy_gets_a_did_you_mean() {
    let out = detente(&[
        "check",
        p(&repo(
            "tests/scenarios/malformed/policy-unknown-strategy.toml",
        )),
    ]);
    let err = text(&out.stderr);
    assert!(
        err.contains("tit-for-tatt") && err.contains("did you mean 'tit-for-tat'"),
        "{err}"
    );
}

#[test]
fn a_sweep_with_a_billion_points_is_refused_before_allocating() {
    let out = detente(&[
        "sweep",
        "--param",
        "escalate.noise=0:0.1:1000000000",
        "--metric",
        "escalate.systemic-rival.spiral",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("100000"),
        "{}",
        text(&out.stderr)
    );
    let out = detente(&[
        "sweep",
        "--param",
        "escalate.noise=0:0.1:1000",
        "--param",
        "escalate.contagion=0:0.1:1000",
        "--metric",
        "escalate.systemic-rival.spiral",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("more than 100000 points"));
}

#[test]
fn the_full_seed_range_is_accepted_in_the_file_and_on_the_command_line() {
    let file = flagship_with("seed", |s| {
        s.replace("seed = 20231129", "seed = 18446744073709551615")
    });
    let out = detente(&["check", p(&file)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v = json(&detente(&[
        "compare",
        p(&file),
        "--runs",
        "20",
        "--format",
        "json",
    ]));
    assert_eq!(v["seed"].as_u64(), Some(u64::MAX));
    let v = json(&detente(&[
        "compare",
        "--runs",
        "20",
        "--seed",
        "18446744073709551615",
        "--format",
        "json",
    ]));
    assert_eq!(v["seed"].as_u64(), Some(u64::MAX));
    let _ = std::fs::remove_dir_all(file.parent().unwrap());
}

/// A 26-digit position is a number (then out of the scale's range), not "an integer".
#[test]
fn a_very_long_integer_is_read_as_a_number_and_range_checked() {
    let file = flagship_with("long", |s| {
        s.replacen("position = 85", "position = 12345678901234567890123456", 1)
    });
    let out = detente(&["check", p(&file)]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("out-of-range"), "{err}");
    assert!(!err.contains("an integer"), "{err}");
    assert!(err.contains("1.2345678901234568e25"), "{err}");
    let _ = std::fs::remove_dir_all(file.parent().unwrap());
}

#[test]
fn bidirectional_overrides_in_a_title_are_escaped() {
    let file = flagship_with("bidi", |s| {
        // TOML escapes: the loaded title holds U+202E and ESC themselves.
        s.replacen("title = \"", "title = \"\\u202Eevil \\u001B[31m", 1)
    });
    let out = detente(&["show", p(&file)]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(!shown.contains('\u{202E}') && !shown.contains('\u{1b}'));
    assert!(shown.contains("\\u202eevil \\u001b[31m"), "{shown}");
    let _ = std::fs::remove_dir_all(file.parent().unwrap());
}

#[test]
fn errors_share_one_prefix() {
    for cmd in [
        vec!["match", "tit-for-tatt", "defector"],
        vec!["tournament", "--strategies", "tft,nope"],
        vec!["evolve", "--strategies", "tft,nope"],
        vec!["escalate", "--policy", "nope", "--runs", "10"],
    ] {
        let out = detente(&cmd);
        assert_eq!(out.status.code(), Some(2), "{cmd:?}");
        assert!(
            text(&out.stderr).starts_with("error: "),
            "{cmd:?}: {}",
            text(&out.stderr)
        );
    }
}

/// A sweep value the scenario format forbids is bad input (exit 2, with the reason), whether
/// the library would have failed (a negative noise) or returned nothing (a position off scale).
#[test]
fn sweeping_outside_an_input_domain_is_bad_input() {
    for (param, metric, reason) in [
        (
            "escalate.noise=-5:5:3",
            "escalate.systemic-rival.spiral",
            "outside [0, 1]",
        ),
        (
            "issue.china-posture.stance.FRA.position=0:200:3",
            "decide.china-posture.compromise",
            "outside [0, 100]",
        ),
        (
            "issue.china-posture.stance.FRA.salience=0.5,2",
            "decide.china-posture.compromise",
            "outside [0, 1]",
        ),
    ] {
        let out = detente(&[
            "sweep", "--param", param, "--metric", metric, "--runs", "10",
        ]);
        assert_eq!(out.status.code(), Some(2), "{param}");
        let err = text(&out.stderr);
        assert!(
            err.starts_with("error: ") && err.contains(reason),
            "{param}: {err}"
        );
    }
}

/// `report -o -` writes the HTML to standard output, not to a file named `-`.
#[test]
fn report_to_a_dash_goes_to_stdout() {
    let dir = std::env::temp_dir().join(format!("detente-orch-{}-dash", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(["report", "--runs", "30", "-o", "-"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("<!DOCTYPE html>"));
    assert!(!dir.join("-").exists(), "a file named - was written");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `import --input-format` offers only the formats it converts from.
#[test]
fn import_lists_only_the_formats_it_reads() {
    let help = text(&detente(&["import", "--help"]).stdout);
    assert!(
        help.contains("ktab-xml") && !help.contains("scenario:"),
        "{help}"
    );
    let out = detente(&["import", "x.toml", "--input-format", "scenario"]);
    assert_eq!(out.status.code(), Some(2));
}

/// `compare` prints probabilities as percentages, as `escalate` does, and spiral differences
/// in percentage points.
#[test]
fn compare_prints_percentages() {
    let out = detente(&["compare", "--runs", "50", "--seed", "3"]);
    let s = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let line = s.lines().find(|l| l.starts_with("systemic-rival")).unwrap();
    assert!(line.contains('%'), "{line}");
    assert!(s.contains(" pp"), "{s}");
}

/// Sensitivity hides the inputs that move nothing and says how many it hid.
#[test]
fn sensitivity_hides_zero_swing_rows() {
    let out = detente(&[
        "sensitivity",
        "--metric",
        "decide.china-decoupling.compromise.unconstrained",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    let tornado: Vec<&str> = s
        .split("Tornado")
        .nth(1)
        .unwrap()
        .split("\n\n")
        .next()
        .unwrap()
        .lines()
        .filter(|l| l.starts_with("issue.") || l.starts_with("actor."))
        .collect();
    assert!(!tornado.is_empty());
    assert!(
        tornado.iter().all(|l| !l.trim_end().ends_with(" 0.0000")),
        "{tornado:?}"
    );
    assert!(s.contains("move nothing and are not shown"), "{s}");
}

/// Deadlock probabilities sit under an interval header, not under quantile headers.
#[test]
fn wilson_intervals_are_labelled_as_intervals() {
    let out = detente(&["run", "--runs", "50"]);
    let s = text(&out.stdout);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(s.contains("95% Wilson interval"), "{s}");
    assert!(!s.contains("runs 0"));
}
