//! The catalogue of malformed scenarios (`tests/scenarios/malformed/*.toml`): each file states in
//! `# expect: KIND LINE:COLUMN` comments the errors it must produce; the loader must report every
//! one of them, at that place, and never panic.

use detente::scenario::load_str;
use std::path::PathBuf;

fn catalogue() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/scenarios/malformed");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the malformed catalogue exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect()
}

fn expectations(text: &str) -> Vec<(String, usize, usize)> {
    text.lines()
        .filter_map(|l| l.strip_prefix("# expect: "))
        .map(|e| {
            let (kind, at) = e.split_once(' ').expect("`# expect: KIND L:C`");
            let (l, c) = at.trim().split_once(':').expect("L:C");
            (kind.to_string(), l.parse().unwrap(), c.parse().unwrap())
        })
        .collect()
}

#[test]
fn catalogue_has_at_least_25_cases() {
    assert!(catalogue().len() >= 25);
}

#[test]
fn every_malformed_scenario_reports_its_errors_where_they_are() {
    let mut failures = Vec::new();
    for (name, text) in catalogue() {
        let expected = expectations(&text);
        assert!(!expected.is_empty(), "{name} states no expectation");
        match load_str(&text, &name) {
            Ok(_) => failures.push(format!("{name}: loaded without error")),
            Err(d) => {
                let got: Vec<(String, usize, usize)> = d
                    .items
                    .iter()
                    .filter(|i| i.is_error())
                    .map(|i| {
                        (
                            i.kind.code().to_string(),
                            i.line.unwrap_or(0),
                            i.column.unwrap_or(0),
                        )
                    })
                    .collect();
                for e in &expected {
                    if !got.contains(e) {
                        failures.push(format!(
                            "{name}: expected {} at {}:{}, got {got:?}",
                            e.0, e.1, e.2
                        ));
                    }
                }
                let rendered = d.render();
                for e in &expected {
                    let at = format!("{name}:{}:{}", e.1, e.2);
                    if !rendered.contains(&at) {
                        failures.push(format!("{name}: rendering lacks {at}"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}
