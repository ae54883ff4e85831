//! `detente sweep | sensitivity | levers | compare` end to end on the bundled flagship: exit
//! codes, expected rows, CSV headers, and errors that list the valid options.

use std::process::{Command, Output};

fn detente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .expect("run detente")
}

fn ok(args: &[&str]) -> String {
    let o = detente(args);
    assert!(
        o.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8(o.stdout).unwrap();
    if !args.contains(&"csv") && !args.contains(&"json") {
        assert!(out.lines().all(|l| l.chars().count() <= 100), "{out}");
    }
    out
}

fn fails(args: &[&str], code: i32) -> String {
    let o = detente(args);
    assert_eq!(o.status.code(), Some(code), "{args:?}");
    String::from_utf8(o.stderr).unwrap()
}

#[test]
fn sweep_grid_table_and_csv() {
    let args = [
        "sweep",
        "--param",
        "escalate.noise=0:0.1:3",
        "--metric",
        "escalate.systemic-rival.spiral",
        "--metric",
        "decide.china-posture.compromise",
        "--runs",
        "200",
    ];
    let table = ok(&args);
    assert!(table.contains("p1 = escalate.noise"), "{table}");
    assert!(table.contains("escalate.systemic-rival.spiral"));
    assert!(table.contains("0.0500"), "{table}");
    let mut csv_args = args.to_vec();
    csv_args.extend(["--format", "csv"]);
    let csv = ok(&csv_args);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("point,escalate.noise,metric,value"));
    assert_eq!(lines.count(), 6);
    assert!(
        // Hungary (salience 0.7) swallows 0.05 · 100 / 0.7 points at the veto cost's midpoint.
        csv.contains("\n1,0.05,decide.china-posture.compromise,62.142857142857146\n"),
        "{csv}"
    );
}

#[test]
fn sweep_lhs_json_is_deterministic_across_threads() {
    let base = [
        "sweep",
        "--param",
        "issue.china-posture.stance.FRA.position=30:60",
        "--lhs",
        "5",
        "--metric",
        "decide.china-posture.compromise.unconstrained",
        "--seed",
        "4",
        "--format",
        "json",
    ];
    let mut one = base.to_vec();
    one.extend(["--threads", "1"]);
    let mut two = base.to_vec();
    two.extend(["--threads", "2"]);
    let a = ok(&one);
    assert_eq!(a, ok(&two));
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    assert_eq!(v["design"], "lhs");
    assert_eq!(v["rows"].as_array().unwrap().len(), 5);
}

#[test]
fn bad_metric_and_path_exit_2_with_the_options() {
    let err = fails(
        &[
            "sweep",
            "--param",
            "escalate.noise=0:1:2",
            "--metric",
            "escalate.systemic-rivl.spiral",
        ],
        2,
    );
    assert!(
        err.contains("did you mean `escalate.systemic-rival.spiral`"),
        "{err}"
    );
    assert!(
        err.contains("POLICY:") && err.contains("constructive-engagement"),
        "{err}"
    );
    let err = fails(
        &[
            "sweep",
            "--param",
            "escalate.contagio=0:1:2",
            "--metric",
            "escalate.systemic-rival.spiral",
        ],
        2,
    );
    assert!(err.contains("did you mean `escalate.contagion`"), "{err}");
    assert!(err.contains("valid paths"), "{err}");
    let err = fails(
        &["sweep", "--param", "escalate.noise=0:1", "--metric", "x"],
        2,
    );
    assert!(
        err.contains("LO:HI:N") || err.contains("unknown metric"),
        "{err}"
    );
    fails(
        &[
            "levers",
            "--actor",
            "NOPE",
            "--metric",
            "decide.china-posture.compromise",
        ],
        2,
    );
    fails(&["sensitivity", "--metric", "decide.nope.median"], 2);
    fails(&["compare", "--runs", "0"], 2);
    fails(
        &[
            "sweep",
            "no-such-file.toml",
            "--param",
            "a=1",
            "--metric",
            "x",
        ],
        2,
    );
}

#[test]
fn sensitivity_tornado_and_morris() {
    let out = ok(&[
        "sensitivity",
        "--metric",
        "decide.china-posture.compromise.unconstrained",
        "--morris",
        "--trajectories",
        "3",
    ]);
    assert!(out.contains("Tornado"), "{out}");
    assert!(
        out.contains("issue.china-posture.stance.DEU.position"),
        "{out}"
    );
    assert!(out.contains("Morris elementary effects"), "{out}");
    let csv = ok(&[
        "sensitivity",
        "--metric",
        "decide.china-posture.median",
        "--format",
        "csv",
    ]);
    assert!(csv.starts_with("method,input,low,base,high,at_low,at_high,swing,mu,mu_star,sigma\n"));
    assert!(
        csv.contains("\ntornado,issue.china-posture.stance.FRA.position,35,45,55,"),
        "{csv}"
    );
}

#[test]
fn levers_rank_and_show_the_closed_form() {
    let out = ok(&[
        "levers",
        "--actor",
        "USA",
        "--metric",
        "decide.china-posture.compromise.unconstrained",
    ]);
    assert!(out.contains("closed form"), "{out}");
    let first = out.lines().nth(4).unwrap();
    assert!(
        first.contains("own position") && first.contains("USA"),
        "{out}"
    );
    let csv = ok(&[
        "levers",
        "--actor",
        "FRA",
        "--metric",
        "decide.china-posture.median",
        "--delta",
        "5",
        "--format",
        "csv",
    ]);
    assert!(csv.starts_with("rank,kind,actor,input,from,to,value,effect,closed_form\n"));
    assert!(csv.contains(",persuade,"), "{csv}");
}

#[test]
fn compare_lists_every_policy_and_pair() {
    let out = ok(&["compare", "--runs", "200", "--seed", "3"]);
    for p in [
        "constructive-engagement",
        "systemic-rival",
        "split-alliance",
    ] {
        assert!(out.contains(p), "{out}");
    }
    assert!(out.contains("Paired differences"), "{out}");
    let csv = ok(&["compare", "--runs", "200", "--seed", "3", "--format", "csv"]);
    assert!(csv.starts_with("a,b,metric,mean,low,high\n"));
    assert!(
        csv.contains("\nconstructive-engagement,systemic-rival,spiral,"),
        "{csv}"
    );
}

#[test]
fn every_analysis_help_has_an_example() {
    for cmd in ["sweep", "sensitivity", "levers", "compare"] {
        let out = ok(&[cmd, "--help"]);
        assert!(out.contains("Example"), "{cmd}: {out}");
        assert!(out.contains(&format!("detente {cmd}")), "{cmd}: {out}");
    }
}
