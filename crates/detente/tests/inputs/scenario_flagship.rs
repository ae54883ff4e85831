//! The bundled flagship scenario: it loads, resolves against the world data as documented, every
//! stance carries its evidence, and it survives a round trip through TOML.

use detente::scenario::{self, ActorKind, FLAGSHIP, Provenance, Uncertain, load_str};

fn flagship() -> scenario::Resolved {
    load_str(FLAGSHIP, "nato-china-2023.toml").unwrap_or_else(|d| panic!("{}", d.render()))
}

#[test]
fn nato_has_its_members_as_of_the_meeting() {
    let r = flagship();
    let nato: Vec<&str> = r
        .leaf_members("NATO")
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    // 31 members on 2023-11-29: Finland joined on 2023-04-04, Sweden only on 2024-03-07.
    assert_eq!(nato.len(), 31, "{nato:?}");
    for id in ["USA", "FRA", "HUN", "DEU", "TUR", "FIN", "ISL"] {
        assert!(nato.contains(&id), "{id} missing");
    }
    assert!(!nato.contains(&"SWE"));
    assert_eq!(r.actor("NATO").unwrap().kind, ActorKind::Body);
    assert_eq!(r.leaf_members("EU").len(), 27);
}

#[test]
fn the_lens_actors_are_present() {
    let r = flagship();
    for id in ["CHN", "RUS", "UKR", "JPN", "KOR", "AUS", "NZL", "IND", "EU"] {
        assert!(r.actor(id).is_some(), "{id} missing");
    }
    let s = &r.scenario;
    assert!(s.issues.len() >= 3);
    for id in ["china-posture", "tokyo-office", "china-decoupling"] {
        assert!(s.issues.iter().any(|i| i.id == id), "issue {id} missing");
    }
    assert!(s.align.is_some() && s.escalate.is_some());
}

#[test]
fn capabilities_name_their_source() {
    let r = flagship();
    let usa = r.actor("USA").unwrap().capability.as_ref().unwrap();
    assert_eq!(usa.value, Uncertain::Fixed(997_309.0));
    assert!(
        matches!(&usa.provenance, Provenance::World { source, .. } if source.contains("SIPRI"))
    );
    // Iceland has no SIPRI figure; the scenario declares an estimate instead of a silent zero.
    let isl = r.actor("ISL").unwrap().capability.as_ref().unwrap();
    assert!(matches!(isl.provenance, Provenance::Scenario { .. }));
}

#[test]
fn every_stance_has_evidence_and_a_source_and_estimates_are_uncertain() {
    let r = flagship();
    for issue in &r.scenario.issues {
        for s in &issue.stances {
            assert!(s.source.is_some(), "{}/{} has no source", issue.id, s.actor);
            assert!(
                s.evidence.as_deref().is_some_and(|e| !e.is_empty()),
                "{}/{} has no evidence",
                issue.id,
                s.actor
            );
            if s.estimate {
                assert!(
                    s.position.is_uncertain(),
                    "{}/{} is an estimate without a range",
                    issue.id,
                    s.actor
                );
            }
        }
    }
}

#[test]
fn france_can_veto_the_tokyo_office() {
    let r = flagship();
    let issue = r
        .scenario
        .issues
        .iter()
        .find(|i| i.id == "tokyo-office")
        .unwrap();
    let fra = issue.stances.iter().find(|s| s.actor == "FRA").unwrap();
    assert_eq!(issue.body.as_deref(), Some("NATO"));
    assert_eq!(fra.position.point(), issue.status_quo.unwrap().point());
}

#[test]
fn round_trip_gives_the_same_model() {
    let first = flagship();
    let text = scenario::to_toml(&first.scenario).expect("serialises");
    let second =
        load_str(&text, "round-trip.toml").unwrap_or_else(|d| panic!("{}\n{text}", d.render()));
    assert_eq!(first.scenario, second.scenario);
    assert_eq!(first.actors, second.actors);
}
