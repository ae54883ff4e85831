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

/// Rendering the command leaves to the presentation crate (`detente-present`), with what to
/// use there instead. Columns padded by hand (`{:<12}`, `{:>w$}`) drift from the one table;
/// CSV written by hand quotes differently from the one writer.
const RENDERING: &[(&str, &str)] = &[
    ("{:<", "detente_present::Table"),
    ("{:>", "detente_present::Table"),
    ("Table::new(", "a table function in detente_present"),
    ("fn wrap", "detente_present::text::wrap"),
    ("fn truncate", "detente_present::text::truncate"),
    ("replace('\"', \"\\\"\\\"\")", "detente_present::CsvRows"),
    ("fn csv_field", "detente_present::CsvRows"),
];

/// Lines allowed to pad by hand: a progress line on standard error.
fn allowed(line: &str) -> bool {
    line.contains("err,") || line.contains("eprint")
}

#[test]
fn the_command_parses_and_wires_and_the_presentation_crate_renders() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        // Unit tests may build what they compare with.
        let text = text.split("#[cfg(test)]").next().unwrap_or("");
        for (n, line) in text.lines().enumerate() {
            for (piece, instead) in RENDERING {
                if code(line).contains(piece) && !allowed(line) {
                    found.push(format!(
                        "{}:{}: `{piece}`; use {instead}",
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
fn commands_do_not_import_each_other() {
    let commands = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/commands");
    let mut files = Vec::new();
    sources(&commands, &mut files);
    let names: Vec<String> = std::fs::read_dir(&commands)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
        .filter(|n| n != "mod")
        .collect();
    assert!(names.len() > 15, "commands not found: {names:?}");
    let mut found = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for (n, line) in text.lines().enumerate() {
            for name in &names {
                for path in [format!("super::{name}::"), format!("commands::{name}::")] {
                    if code(line).contains(&path) {
                        found.push(format!(
                            "{}:{}: reaches into `{path}`",
                            file.display(),
                            n + 1
                        ));
                    }
                }
            }
        }
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}
