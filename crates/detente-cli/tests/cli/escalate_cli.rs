//! The escalate commands end to end: match, tournament, strategies, evolve.

use std::process::{Command, Output};

fn detente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_detente"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn match_tft_v_alternator_prints_both_scores() {
    let o = detente(&["match", "Tit For Tat", "Alternator", "--turns", "200"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("498"), "{out}");
    assert!(out.contains("503"), "{out}");
    assert!(out.contains("CCDCDCDCDC"), "{out}");
    assert!(out.lines().all(|l| l.chars().count() <= 100));
}

#[test]
fn match_json_carries_moves_and_scores() {
    let o = detente(&["match", "grudger", "alternator", "--format", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("valid JSON");
    assert_eq!(v["result"]["scores"][0], 597.0);
    assert_eq!(v["result"]["scores"][1], 107.0);
    assert!(v["moves"][0].as_str().unwrap().starts_with("CCDDDD"));
}

#[test]
fn unknown_strategy_suggests_a_name_and_exits_2() {
    let o = detente(&["match", "tit-for-tatt", "defector"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("did you mean 'tit-for-tat'"), "{err}");
    let o = detente(&["tournament", "--strategies", "tft,grudgerr"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn bad_numbers_are_input_errors() {
    assert_eq!(
        detente(&["match", "tft", "tft", "--noise", "2"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        detente(&["match", "tft", "tft", "--game", "1,2"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        detente(&["tournament", "--strategies", "tft", "--turns", "5"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn tournament_ranks_the_reference_players() {
    let o = detente(&[
        "tournament",
        "--strategies",
        "tft,cooperator,defector,grudger,alternator,tf2t,wsls,stft",
        "--repetitions",
        "2",
        "--format",
        "csv",
        "--threads",
        "2",
    ]);
    assert!(o.status.success());
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[1].starts_with("1,Tit For Tat,2.569285714"), "{out}");
    assert!(lines[8].starts_with("8,Suspicious Tit For Tat,"), "{out}");
}

#[test]
fn tournament_table_is_identical_across_thread_counts() {
    let run = |t: &str| {
        stdout(&detente(&[
            "tournament",
            "--strategies",
            "first",
            "--repetitions",
            "2",
            "--noise",
            "0.01",
            "--seed",
            "5",
            "--threads",
            t,
        ]))
    };
    let one = run("1");
    assert!(one.contains("First by Tideman and Chieruzzi"));
    assert_eq!(one, run("3"));
}

#[test]
fn strategies_lists_ids_and_aliases() {
    let o = detente(&["strategies"]);
    assert!(o.status.success());
    let out = stdout(&o);
    for id in ["tit-for-tat", "first-by-downing", "constructive-engagement"] {
        assert!(out.contains(id), "{id}");
    }
    assert!(out.lines().all(|l| l.chars().count() <= 100));
}

#[test]
fn evolve_moran_and_replicator() {
    let o = detente(&[
        "evolve",
        "--strategies",
        "tft,cooperator",
        "--population",
        "6",
        "--seed",
        "2",
    ]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("fixed after"));
    let o = detente(&[
        "evolve",
        "--strategies",
        "tft,defector",
        "--replicator",
        "--shares",
        "0.01,0.99",
    ]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(out.contains("0.002519"), "{out}");
    let o = detente(&["evolve", "--strategies", "tft", "--population", "4"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn match_exact_prints_markov_payoffs_for_memory_one_players() {
    let o = detente(&["match", "wsls", "defector", "--noise", "0.05", "--exact"]);
    assert!(o.status.success());
    let out = stdout(&o);
    assert!(
        out.contains("per turn in the long run: 0.675000, 2.925000"),
        "{out}"
    );
    let o = detente(&["match", "first-by-shubik", "defector", "--exact"]);
    assert_eq!(o.status.code(), Some(2));
}
