//! The EU part of the case library (scenarios/cases/): every case loads and resolves, every
//! stance and every known outcome cites a source the scenario declares, estimates carry a
//! range, and the member lists are the ones in force on each case's date.

use crate::cases_common;

use cases_common::text;
use detente::scenario::{self, load_str};

/// The EU cases, by file name.
const CASES: [&str; 6] = [
    "eu-ev-duties-2024.toml",
    "eu-fdi-screening-2019.toml",
    "eu-5g-toolbox-2020.toml",
    "eu-cai-freeze-2021.toml",
    "eu-aci-2023.toml",
    "ec-car-emissions.toml",
];

fn case(file: &str) -> scenario::Resolved {
    cases_common::load(file)
}

fn member_ids(r: &scenario::Resolved, body: &str) -> Vec<String> {
    r.leaf_members(body).iter().map(|a| a.id.clone()).collect()
}

#[test]
fn every_case_resolves_without_errors() {
    for file in CASES {
        let r = case(file);
        assert!(!r.scenario.issues.is_empty(), "{file}: no issue");
    }
}

#[test]
fn every_outcome_and_stance_is_sourced() {
    for file in CASES {
        let r = case(file);
        cases_common::assert_sourced(file, &r);
        for issue in r.scenario.issues.iter().filter(|i| !i.stances.is_empty()) {
            let outcome = issue.known_outcome.as_ref().expect("checked above");
            assert!(
                outcome.note.as_deref().is_some_and(|n| !n.is_empty()),
                "{file}/{}: outcome without a note",
                issue.id
            );
        }
    }
}

#[test]
fn council_members_are_those_in_force_on_each_date() {
    // 27 members in 2023 and 2024.
    for file in ["eu-ev-duties-2024.toml", "eu-aci-2023.toml"] {
        let members = member_ids(&case(file), "EU");
        assert_eq!(members.len(), 27, "{file}: {members:?}");
        assert!(!members.iter().any(|m| m == "GBR"), "{file}");
    }
    // 28 members before 31 January 2020, the United Kingdom among them.
    for file in ["eu-fdi-screening-2019.toml", "eu-5g-toolbox-2020.toml"] {
        let members = member_ids(&case(file), "EU");
        assert_eq!(members.len(), 28, "{file}: {members:?}");
        assert!(members.iter().any(|m| m == "GBR"), "{file}");
        assert!(members.iter().any(|m| m == "HRV"), "{file}");
    }
}

#[test]
fn the_ev_vote_is_the_recorded_one() {
    // 10 for, 5 against, 12 abstentions (Reuters factbox, 4 Oct 2024); read from the file as
    // written, so the count does not depend on how the loader stores `vote`.
    let value: toml::Value = toml::from_str(&text("eu-ev-duties-2024.toml")).expect("toml");
    let stances = value["issue"][0]["stance"].as_array().expect("stances");
    let count = |v: &str| {
        stances
            .iter()
            .filter(|s| s.get("vote").and_then(toml::Value::as_str) == Some(v))
            .count()
    };
    assert_eq!(
        (count("for"), count("against"), count("abstain")),
        (10, 5, 12)
    );
    let against: Vec<&str> = stances
        .iter()
        .filter(|s| s.get("vote").and_then(toml::Value::as_str) == Some("against"))
        .map(|s| s["actor"].as_str().expect("actor"))
        .collect();
    assert_eq!(against, ["DEU", "HUN", "SVK", "SVN", "MLT"]);
}

#[test]
fn the_parliament_has_705_seats() {
    let value: toml::Value = toml::from_str(&text("eu-cai-freeze-2021.toml")).expect("toml");
    let ep = value["actor"]
        .as_array()
        .expect("actors")
        .iter()
        .find(|a| a["id"].as_str() == Some("EP"))
        .expect("EP body");
    let seats: i64 = ep["weights"]
        .as_table()
        .expect("weights")
        .values()
        .map(|v| v.as_integer().expect("seat count"))
        .sum();
    assert_eq!(seats, 705);
    let r = case("eu-cai-freeze-2021.toml");
    assert_eq!(member_ids(&r, "EP").len(), 8);
}

#[test]
fn the_ec_case_is_the_published_one() {
    let r = case("ec-car-emissions.toml");
    let issue = &r.scenario.issues[0];
    assert_eq!(issue.stances.len(), 10);
    assert!(
        issue.body.is_none(),
        "the published case has no deciding body"
    );
    let outcome = issue.known_outcome.as_ref().expect("outcome");
    assert_eq!(outcome.value, 8.83);
    // Round 0 of the published case: the capability-salience weighted mean is 500.3/67.7.
    let (num, den) = issue.stances.iter().fold((0.0, 0.0), |(n, d), s| {
        let c = r
            .actor(&s.actor)
            .and_then(|a| a.capability.as_ref())
            .map(|q| q.value.point())
            .expect("capability");
        let w = c * s.salience.point();
        (n + w * s.position.point(), d + w)
    });
    assert!((num / den - 500.3 / 67.7).abs() < 1e-9, "{}", num / den);
}

/// The median's prediction on the EV case under the body's rule as written or as `rule`.
fn ev_median_under(rule: &str) -> (f64, f64) {
    let source = text("eu-ev-duties-2024.toml").replace(
        "rule = \"reverse-qualified-majority\"",
        &format!("rule = \"{rule}\""),
    );
    let r =
        load_str(&source, "eu-ev-duties-2024.toml").unwrap_or_else(|d| panic!("{}", d.render()));
    let issues = detente::decide::scenario::issues(&r);
    let decided = detente::decide::scenario::decide_all(&issues, &["median"], 0);
    let d = decided[0].decision("median").expect("median decides");
    (d.outcome[0], d.unconstrained[0])
}

#[test]
fn ev_duties_pass_under_the_reverse_rule_and_fail_under_a_positive_majority() {
    // 10 states for (45.8% of the population), 5 against (22.5%), 12 abstaining. Reverse rule:
    // the draft stands unless 15 states with 65% vote against, so the weighted median's 100
    // stays. Positive qualified majority: 10 of 27 is short of 15 and 45.8% short of 65%, so
    // nothing beats the status quo 0.
    let (reverse, unconstrained) = ev_median_under("reverse-qualified-majority");
    assert_eq!(unconstrained, 100.0);
    assert_eq!(reverse, 100.0);
    let (positive, _) = ev_median_under("qualified-majority");
    assert_eq!(positive, 0.0);
}
