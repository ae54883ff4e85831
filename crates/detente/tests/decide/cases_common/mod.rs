//! What every case of the library (scenarios/cases/) must satisfy, shared by the NATO and EU
//! case tests: it loads, every issue with stances has a known outcome citing a declared source,
//! and every stance cites a declared source with evidence, with a range when it is an estimate.

use detente::scenario::{Resolved, load_str};

/// The text of the case file `file` of scenarios/cases.
pub fn text(file: &str) -> String {
    let path = format!(
        "{}/../../scenarios/cases/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The case file `file`, loaded and resolved (a panic names every error).
pub fn load(file: &str) -> Resolved {
    load_str(&text(file), file).unwrap_or_else(|d| panic!("{}", d.render()))
}

/// Panic with the case, issue and actor when an outcome or a stance is not sourced as the case
/// library requires.
pub fn assert_sourced(file: &str, r: &Resolved) {
    let declared: Vec<&str> = r
        .scenario
        .scenario
        .sources
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    for issue in r.scenario.issues.iter().filter(|i| !i.stances.is_empty()) {
        let outcome = issue
            .known_outcome
            .as_ref()
            .unwrap_or_else(|| panic!("{file}/{}: no known_outcome", issue.id));
        let source = outcome
            .source
            .as_deref()
            .unwrap_or_else(|| panic!("{file}/{}: outcome without source", issue.id));
        assert!(
            declared.contains(&source),
            "{file}/{}: outcome source {source} not declared",
            issue.id
        );
        for s in &issue.stances {
            let at = format!("{file}/{}/{}", issue.id, s.actor);
            let source = s
                .source
                .as_deref()
                .unwrap_or_else(|| panic!("{at}: no source"));
            assert!(
                declared.contains(&source),
                "{at}: source {source} not declared"
            );
            assert!(
                s.evidence.as_deref().is_some_and(|e| !e.is_empty()),
                "{at}: no evidence"
            );
            assert!(
                !s.estimate || s.position.is_uncertain(),
                "{at}: an estimate without a range"
            );
        }
    }
}
