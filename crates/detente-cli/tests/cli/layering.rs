//! The front ends wire and render; the library computes. A front end (the command, the report,
//! the Python package, the page's entry crate) that reached into a model's internals — its
//! random streams, a model's builder or solver — would compute results the library's entry
//! points do not, and the front ends would drift apart. This test reads their sources.

use std::path::{Path, PathBuf};

/// Model internals no front end may call, with the entry point to use instead.
const INTERNALS: &[(&str, &str)] = &[
    ("run_stream", "the library's runs take a seed"),
    ("detente::rng", "the library's runs take a seed"),
    ("richardson::build(", "experiment::results::arms_race"),
    ("richardson::analyse(", "experiment::results::arms_race"),
    ("escalate::linalg", "the Richardson lens"),
    ("escalate::ode", "the Richardson lens"),
    (
        "dilemma::engine",
        "escalate::dilemma::monte_carlo or experiment::results::escalate",
    ),
    ("detente::decide::run(", "decide::scenario::decide_all"),
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Code of a line, without a trailing `//` comment (string literals are not special-cased:
/// a front end has no reason to spell an internal's path in a string).
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or("")
}

#[test]
fn front_ends_call_only_the_library_entry_points() {
    let crates = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for front in ["detente-cli", "detente-report", "detente-py", "detente-web"] {
        sources(&crates.join(front).join("src"), &mut files);
    }
    assert!(files.len() > 20, "sources not found: {}", files.len());
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for (internal, instead) in INTERNALS {
                if code(line).contains(internal) {
                    found.push(format!(
                        "{}:{}: calls `{internal}`; use {instead}",
                        file.display(),
                        n + 1
                    ));
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_check_sees_a_call_to_an_internal() {
    assert!(code("    let mut rng = detente::rng::run_stream(1, 0);").contains("run_stream"));
    assert!(!code("    // run_stream is the library's").contains("run_stream"));
}
