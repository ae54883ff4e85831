//! Typed input paths: every input of every bundled scenario prints back the path it parsed
//! from and sets the input it names; no text makes the parser panic.

use detente::experiment::{InputPath, PathError, all_inputs, input_paths, set};
use detente::scenario::load_str;
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// Every scenario under `scenarios/`, with its file name.
fn bundled() -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|e| e == "toml") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    let mut out = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scenarios"),
        &mut out,
    );
    out
}

#[test]
fn every_input_of_every_bundled_scenario_round_trips() {
    let files = bundled();
    assert!(files.len() >= 10, "{} scenarios", files.len());
    let mut count = 0;
    for (file, text) in files {
        let name = file.display().to_string();
        let r = load_str(&text, &name).unwrap_or_else(|d| panic!("{d}"));
        let typed = input_paths(&r);
        let inputs = all_inputs(&r);
        assert_eq!(typed.len(), inputs.len(), "{name}");
        let mut probe = r.clone();
        for ((path, value), input) in typed.iter().zip(&inputs) {
            assert_eq!(path.to_string(), input.path, "{name}");
            assert_eq!(*value, input.value, "{name}");
            let parsed = InputPath::parse(&input.path).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(&parsed, path, "{name}");
            assert_eq!(parsed.to_string(), input.path, "{name}");
            assert_eq!(
                serde_json::to_value(&parsed).unwrap(),
                serde_json::json!(input.path),
                "{name}"
            );
            set(&mut probe, &input.path, input.value).unwrap_or_else(|e| panic!("{name}: {e}"));
            count += 1;
        }
        assert_eq!(
            all_inputs(&probe),
            inputs,
            "{name}: setting every input to its own value changes nothing"
        );
    }
    assert!(count > 500, "{count} inputs");
}

#[test]
fn a_path_the_scenario_lacks_is_told_from_a_malformed_one() {
    let mut r = load_str(detente::scenario::FLAGSHIP, "f.toml").unwrap();
    let v = detente::scenario::Uncertain::Fixed(1.0);
    let e = set(&mut r, "issue.nope.status_quo", v).unwrap_err();
    assert_eq!(e, PathError::NotInScenario("issue.nope.status_quo".into()));
    assert_eq!(
        e.to_string(),
        "`issue.nope.status_quo` does not address an input of this scenario"
    );
    let e = set(&mut r, "issue.nope.status", v).unwrap_err();
    assert_eq!(e, PathError::Malformed("issue.nope.status".into()));
    assert_eq!(
        e.to_string(),
        "`issue.nope.status` does not address an input of this scenario"
    );
}

/// Path-like text: a few known words, ids and numbers joined by dots.
fn path_like() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("actor".to_string()),
        Just("issue".to_string()),
        Just("stance".to_string()),
        Just("tie".to_string()),
        Just("escalate".to_string()),
        Just("richardson".to_string()),
        Just("influence".to_string()),
        Just("trade".to_string()),
        Just("weight".to_string()),
        Just("share".to_string()),
        Just("capability".to_string()),
        Just("position".to_string()),
        Just("veto_cost".to_string()),
        Just("noise".to_string()),
        Just("fatigue".to_string()),
        "[0-9]{1,3}",
        "[A-Za-z_-]{0,6}",
    ];
    prop::collection::vec(word, 0..7).prop_map(|w| w.join("."))
}

proptest! {
    #[test]
    fn parse_never_panics(text in any::<String>()) {
        let _ = InputPath::parse(&text);
    }

    #[test]
    fn what_parses_prints_to_text_that_parses_the_same(text in path_like()) {
        match InputPath::parse(&text) {
            Ok(p) => {
                let printed = p.to_string();
                prop_assert_eq!(InputPath::parse(&printed), Ok(p));
            }
            Err(e) => {
                prop_assert_eq!(e, PathError::Malformed(text.clone()));
            }
        }
    }
}

/// An uncertain input of an actor whose id holds a `.` has no text path that parses back, but
/// the Monte Carlo still draws it (through the typed address), never skipping it silently.
#[test]
fn inputs_of_dotted_ids_are_drawn() {
    use rand::SeedableRng;
    let text = "format = 1\n\n[scenario]\nid = \"dots\"\ntitle = \"dotted ids\"\n\n\
                [[actor]]\nid = \"U.S.\"\nname = \"United States\"\ncapability = { low = 1, mode = 2, high = 3 }\n\n\
                [[actor]]\nid = \"FRA\"\nname = \"France\"\ncapability = 1\n";
    let r = detente::scenario::load_str(text, "dots.toml").unwrap();
    let inputs = detente::experiment::uncertain_inputs(&r);
    let us = inputs
        .iter()
        .find(|i| i.path == "actor.U.S..capability")
        .expect("the dotted actor's capability is an uncertain input");
    assert!(detente::experiment::inputs::set(&mut r.clone(), &us.path, us.value).is_err());
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(1);
    let drawn: Vec<f64> = (0..20)
        .map(|_| {
            let d = detente::experiment::realise(&r, &inputs, &mut rng);
            d.actors[0].capability.as_ref().unwrap().value.point()
        })
        .collect();
    assert!(
        drawn.iter().any(|v| (v - 2.0).abs() > 1e-9),
        "never drawn: {drawn:?}"
    );
    assert!(drawn.iter().all(|v| (1.0..=3.0).contains(v)));
}
