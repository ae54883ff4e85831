//! The align backtest cases (UNGA votes on Ukraine, the sides of the two world wars): recorded
//! tallies, baselines by hand, the neutral pole from a scenario, and bad `known_outcome` input.

use detente::experiment::backtest::BacktestOptions;
use detente::experiment::backtest::align::{
    ALIGN_MODEL, ALLIANCE, AlignCase, IDEAL_POINT, MAJORITY, align_case,
};
use detente::scenario::{Resolved, load_str};

fn case_file(name: &str) -> (String, Resolved) {
    let path = format!(
        "{}/../../scenarios/cases/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    let r = load_str(&text, &path).unwrap_or_else(|d| panic!("{}", d.render()));
    (path, r)
}

fn run(name: &str) -> AlignCase {
    let (path, r) = case_file(name);
    let k = r
        .scenario
        .align
        .as_ref()
        .and_then(|a| a.known_outcome.clone())
        .expect("an align outcome");
    align_case(&path, &r, &k, &BacktestOptions::default(), 0).unwrap()
}

fn count(c: &AlignCase, side: &str) -> usize {
    c.states.iter().filter(|(_, s)| s == side).count()
}

/// WWI: 44 members of the 1913 state system; COW's participants give 11 Entente, 4 Central
/// Powers, 29 out. The majority baseline (everyone out) scores 29/44 with κ = 0; the alliance
/// baseline places 34 of 44 (Italy, a Triple Alliance member, is placed with Germany).
#[test]
fn ww1_tallies_and_baselines() {
    let c = run("ww1-1914");
    assert_eq!(c.states.len(), 44);
    assert!(c.unscored.is_empty());
    assert_eq!(
        (
            count(&c, "entente"),
            count(&c, "central"),
            count(&c, "neutral")
        ),
        (11, 4, 29)
    );
    let m = c.method(MAJORITY).unwrap();
    assert!((m.accuracy.unwrap().value - 29.0 / 44.0).abs() < 1e-12);
    assert_eq!(m.kappa.unwrap().value, 0.0);
    let a = c.method(ALLIANCE).unwrap();
    assert!((a.accuracy.unwrap().value - 34.0 / 44.0).abs() < 1e-12);
    let ita = c.states.iter().position(|(id, _)| id == "ITA").unwrap();
    assert_eq!(a.predicted[ita].as_deref(), Some("central"));
    // No ideal points before 1946: the baseline has no answer and says why.
    let ip = c.method(IDEAL_POINT).unwrap();
    assert!(ip.accuracy.is_none() && ip.note.is_some());
    // The model answers for every state, anchors on their own sides.
    let model = c.method(ALIGN_MODEL).unwrap();
    assert!(model.predicted.iter().all(Option::is_some));
    let gbr = c.states.iter().position(|(id, _)| id == "GBR").unwrap();
    let deu = c.states.iter().position(|(id, _)| id == "DEU").unwrap();
    assert_ne!(model.predicted[gbr], model.predicted[deu]);
}

/// ES-11/1: the recorded tally 141 yes, 5 no, 35 abstentions + 12 absent; the majority baseline
/// scores 141/193; the model's best configuration puts the USA and Russia apart.
#[test]
fn es_11_1_tallies_and_the_model_is_scored() {
    let c = run("unga-es-11-1");
    assert_eq!(
        (
            count(&c, "yes"),
            count(&c, "no"),
            count(&c, "abstain-or-absent")
        ),
        (141, 5, 47)
    );
    let m = c.method(MAJORITY).unwrap();
    assert!((m.accuracy.unwrap().value - 141.0 / 193.0).abs() < 1e-12);
    let model = c.method(ALIGN_MODEL).unwrap();
    let acc = model.accuracy.unwrap();
    assert!(acc.low <= acc.value && acc.value <= acc.high);
    let k = model.kappa.unwrap();
    assert!((-1.0..=1.0).contains(&k.value));
    assert!(
        c.notes
            .iter()
            .any(|n| n.contains("alliances in force in 2018"))
    );
    // Same inputs and seed: the same case, byte for byte.
    assert_eq!(c, run("unga-es-11-1"));
}

const SMALL: &str = r#"
format = 1
[scenario]
id = "t"
title = "t"
as_of = 2021-12-31
sources = [{ id = "rec", cite = "a record" }]
[[actor]]
id = "A"
name = "A"
capability = 1
[[actor]]
id = "B"
name = "B"
capability = 1
[[actor]]
id = "C"
name = "C"
capability = 1
[[tie]]
kind = "rivalry"
actors = ["A", "B"]
[[tie]]
kind = "alliance"
actors = ["A", "C"]
[[tie]]
kind = "alliance"
actors = ["B", "C"]
[align]
actors = ["A", "B", "C"]
size = "capability"
neutral = NEUTRAL
[align.known_outcome]
event = "a vote"
date = DATE
source = "rec"
neutral_side = "out"
anchors = { x = "A", y = "B" }
[align.known_outcome.sides]
x = ["A"]
y = ["B"]
out = ["C"]
"#;

fn small(neutral: &str, date: &str) -> String {
    SMALL.replace("NEUTRAL", neutral).replace("DATE", date)
}

/// A friend of two enemies: with the neutral pole on it stays out, as observed, and the model
/// places all three correctly; with it off it must take a side.
#[test]
fn the_neutral_pole_from_a_scenario() {
    let r = load_str(&small("true", "2022-03-02"), "t.toml").unwrap();
    let k = r
        .scenario
        .align
        .as_ref()
        .unwrap()
        .known_outcome
        .clone()
        .unwrap();
    let c = align_case("t.toml", &r, &k, &BacktestOptions::default(), 0).unwrap();
    let model = c.method(ALIGN_MODEL).unwrap();
    assert_eq!(model.accuracy.unwrap().value, 1.0);
    assert_eq!(model.kappa.unwrap().value, 1.0);
    let r = load_str(&small("false", "2022-03-02"), "t.toml").unwrap();
    let c = align_case("t.toml", &r, &k, &BacktestOptions::default(), 0).unwrap();
    let model = c.method(ALIGN_MODEL).unwrap();
    assert!(model.accuracy.unwrap().value < 1.0);
}

/// Bad outcomes are errors with the key: an event on or before as_of, a state on two sides, an
/// anchor outside its side, a wrong type for `neutral`.
#[test]
fn bad_outcomes_are_reported() {
    let e = load_str(&small("true", "2021-06-01"), "t.toml").unwrap_err();
    assert!(e.render().contains("not after as_of"), "{}", e.render());
    let twice = small("true", "2022-03-02").replace(r#"out = ["C"]"#, r#"out = ["C", "A"]"#);
    let e = load_str(&twice, "t.toml").unwrap_err();
    assert!(e.render().contains("`A` is on two sides"), "{}", e.render());
    let anchor = small("true", "2022-03-02").replace(r#"y = "B""#, r#"y = "C""#);
    let e = load_str(&anchor, "t.toml").unwrap_err();
    assert!(
        e.render()
            .contains("anchor `C` of side `y` is not a member"),
        "{}",
        e.render()
    );
    let e = load_str(&small("\"yes\"", "2022-03-02"), "t.toml").unwrap_err();
    assert!(e.render().contains("align.neutral"), "{}", e.render());
}
