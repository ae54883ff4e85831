//! The NATO part of the case library (scenarios/cases/nato-*.toml): every case loads and
//! resolves against the bundled world data, the North Atlantic Council has the Allies of its
//! date, every issue with stances has a sourced known outcome, every stance has a source and
//! evidence, analyst placements carry a range, and the codebook points of docs/cases-nato.md
//! are the ones written in the files.

use crate::cases_common;

use detente::scenario::{self, ActorKind};

/// One case: file name, the number of Allies on its `as_of`, and the issue's status quo and
/// known outcome on the codebook.
struct Case {
    file: &'static str,
    allies: usize,
    status_quo: f64,
    outcome: f64,
}

const fn case(file: &'static str, allies: usize, status_quo: f64, outcome: f64) -> Case {
    Case {
        file,
        allies,
        status_quo,
        outcome,
    }
}

/// Membership: 29 Allies in Dec 2019, 30 from North Macedonia (27 Mar 2020), 31 from Finland
/// (4 Apr 2023), 32 from Sweden (7 Mar 2024). Codebook points: London 25, Brussels 45, the
/// Strategic Concept 55, Vilnius 57, Washington 62, The Hague silent (= 62).
fn cases() -> Vec<Case> {
    vec![
        case("nato-london-2019.toml", 29, 0.0, 25.0),
        case("nato-brussels-2021.toml", 30, 25.0, 45.0),
        case("nato-madrid-2022.toml", 30, 45.0, 55.0),
        case("nato-vilnius-2023.toml", 31, 55.0, 57.0),
        case("nato-washington-2024.toml", 32, 57.0, 62.0),
        case("nato-the-hague-2025.toml", 32, 62.0, 62.0),
        case("nato-tokyo-office-2023.toml", 31, 0.0, 0.0),
    ]
}

fn load(case: &Case) -> scenario::Resolved {
    cases_common::load(case.file)
}

#[test]
fn every_case_resolves_without_errors() {
    for case in cases() {
        let r = load(&case);
        assert_eq!(
            r.scenario.issues.len(),
            1,
            "{}: one issue per case",
            case.file
        );
    }
}

#[test]
fn the_council_has_the_allies_of_its_date() {
    for case in cases() {
        let r = load(&case);
        assert_eq!(
            r.actor("NATO").unwrap().kind,
            ActorKind::Body,
            "{}",
            case.file
        );
        let allies: Vec<&str> = r
            .leaf_members("NATO")
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        assert_eq!(allies.len(), case.allies, "{}: {allies:?}", case.file);
        let as_of = r.scenario.scenario.as_of.clone().expect("as_of");
        assert_eq!(
            allies.contains(&"MKD"),
            as_of.as_str() >= "2020-03-27",
            "{}",
            case.file
        );
        assert_eq!(
            allies.contains(&"FIN"),
            as_of.as_str() >= "2023-04-04",
            "{}",
            case.file
        );
        assert_eq!(
            allies.contains(&"SWE"),
            as_of.as_str() >= "2024-03-07",
            "{}",
            case.file
        );
    }
}

#[test]
fn the_secretary_general_is_an_other_actor_with_a_stance() {
    for case in cases() {
        let r = load(&case);
        assert_eq!(
            r.actor("NATO-SG").unwrap().kind,
            ActorKind::Other,
            "{}",
            case.file
        );
        let issue = &r.scenario.issues[0];
        assert!(
            issue.stances.iter().any(|s| s.actor == "NATO-SG"),
            "{}: the proposer needs a stance",
            case.file
        );
    }
}

#[test]
fn outcomes_and_stances_are_sourced() {
    for case in cases() {
        cases_common::assert_sourced(case.file, &load(&case));
    }
}

#[test]
fn status_quo_and_outcome_follow_the_codebook() {
    for case in cases() {
        let r = load(&case);
        let issue = &r.scenario.issues[0];
        let sq = issue.status_quo.as_ref().expect("status quo").point();
        assert_eq!(sq, case.status_quo, "{}", case.file);
        let outcome = issue.known_outcome.as_ref().unwrap().value;
        assert_eq!(outcome, case.outcome, "{}", case.file);
    }
}

#[test]
fn each_summit_status_quo_is_the_previous_summits_outcome() {
    // The summit cases form one chain on one codebook: what a summit adopted is what the next
    // one starts from.
    let summits: Vec<Case> = cases()
        .into_iter()
        .filter(|c| !c.file.contains("tokyo"))
        .collect();
    for pair in summits.windows(2) {
        assert_eq!(pair[1].status_quo, pair[0].outcome, "{}", pair[1].file);
    }
}
