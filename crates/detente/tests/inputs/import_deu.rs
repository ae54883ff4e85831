//! The DEU-layout importer on synthetic fixtures (tests/fixtures/deu, made-up numbers): numbers
//! land where the file puts them, the scenario it writes loads and gives the models the same
//! issues as the direct import, and every malformed row is reported at its line and column.

use detente::decide::{DecisionRule, ResolvedIssue, registry};
use detente::import::{Format, ImportOptions, Imported, detect, import};

const SYNTHETIC: &str = include_str!("../fixtures/deu/synthetic.csv");
const MALFORMED: &str = include_str!("../fixtures/deu/malformed.csv");

fn synthetic() -> Imported {
    import(Format::Deu, SYNTHETIC, &ImportOptions::default()).expect("valid fixture")
}

fn issue<'a>(imp: &'a Imported, id: &str) -> &'a detente::import::ImportedIssue {
    imp.issues
        .iter()
        .find(|i| i.issue.id == id)
        .unwrap_or_else(|| panic!("no issue {id}"))
}

fn stance<'a>(i: &'a ResolvedIssue, actor: &str) -> &'a detente::decide::Stance {
    i.stances
        .iter()
        .find(|s| s.actor == actor)
        .unwrap_or_else(|| panic!("no stance of {actor}"))
}

#[test]
fn the_format_is_detected_from_the_header() {
    assert_eq!(detect("deu.csv", SYNTHETIC), Some(Format::Deu));
    assert_eq!(detect("deu.txt", MALFORMED), Some(Format::Deu));
    assert_eq!(Format::from_name("deu"), Some(Format::Deu));
}

#[test]
fn numbers_land_where_the_file_puts_them() {
    let imp = synthetic();
    let ids: Vec<&str> = imp.issues.iter().map(|i| i.issue.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "SYN-1-1", "SYN-1-2", "SYN-1-3", "SYN-2-1", "SYN-2-2", "SYN-3-a", "SYN-3-b"
        ]
    );
    assert_eq!(imp.actors.len(), 17);
    // Line 10: SYN-1,1,DE,60,90,10
    let i11 = &issue(&imp, "SYN-1-1").issue;
    let de = stance(i11, "DE");
    assert_eq!(
        (de.x(), de.s(), de.capability, de.vote_weight),
        (60.0, 0.9, 10.0, 10.0)
    );
    // Line 98: SYN-2,2,UK,30,100,10
    let uk = stance(&issue(&imp, "SYN-2-2").issue, "UK");
    assert_eq!((uk.x(), uk.s()), (30.0, 1.0));
    // The Commission and the Parliament bargain (capability 10) but have no Council vote.
    for actor in ["COM", "EP"] {
        let s = stance(i11, actor);
        assert_eq!((s.capability, s.vote_weight), (10.0, 0.0));
    }
    assert_eq!(i11.status_quo, Some(vec![100.0]));
    assert_eq!((i11.scale.lo, i11.scale.hi), (0.0, 100.0));
    let k = issue(&imp, "SYN-1-1")
        .known_outcome
        .as_ref()
        .expect("outcome");
    assert_eq!(k.value, 60.0);
    assert_eq!(k.source, "deu-SYN-1");
    assert_eq!(
        k.note,
        "DEU outcome of issue 1 of proposal SYN-1, decided 2001-06-14"
    );
    // SYN-3/b has an outcome (line 137) but no SQ row.
    let i3b = issue(&imp, "SYN-3-b");
    assert_eq!(i3b.issue.status_quo, None);
    assert_eq!(i3b.known_outcome.as_ref().map(|k| k.value), Some(80.0));
    assert!(
        imp.notes
            .iter()
            .any(|n| n.starts_with("1 issue(s) have no SQ row"))
    );
    // A quoted description with a comma stays one field.
    assert_eq!(
        issue(&imp, "SYN-1-2").issue.question,
        "Proposal SYN-1, issue 2: Deadline for compliance, in years"
    );
}

#[test]
fn the_council_votes_by_qualified_majority_of_its_weighted_votes() {
    let imp = synthetic();
    assert_eq!(imp.bodies.len(), 1);
    let council = &imp.bodies[0];
    assert_eq!(council.id, "Council");
    assert_eq!(council.members.len(), 15);
    assert!(!council.members.iter().any(|m| m == "COM" || m == "EP"));
    assert_eq!(council.weights, "capability");
    let qmv = DecisionRule::QualifiedMajority {
        threshold: 62.0 / 87.0,
        double: None,
    };
    assert_eq!(council.rule, qmv);
    assert!(
        imp.issues
            .iter()
            .all(|i| i.issue.rule.as_ref() == Some(&qmv))
    );
    let votes: f64 = issue(&imp, "SYN-2-1")
        .issue
        .stances
        .iter()
        .map(|s| s.vote_weight)
        .sum();
    assert_eq!(votes, 87.0);
}

#[test]
fn the_scenario_written_loads_and_gives_the_models_the_same_issues() {
    let imp = synthetic();
    let toml = imp.to_scenario_toml();
    let resolved = detente::scenario::load_str(&toml, "deu.toml")
        .unwrap_or_else(|d| panic!("{}\n{toml}", d.render()));
    // The only warnings: COM and EP bargain on each of the 7 issues without a Council vote.
    let warnings: Vec<&str> = resolved
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(warnings.len(), 14, "{warnings:?}");
    assert!(
        warnings
            .iter()
            .all(|w| (w.starts_with("`COM`") || w.starts_with("`EP`"))
                && w.contains("is not a member of `Council`"))
    );
    let issues = detente::decide::scenario::issues(&resolved);
    assert_eq!(issues, imp.resolved_issues());
    let s = &resolved.scenario;
    let first = &s.issues[0];
    assert_eq!(first.body.as_deref(), Some("Council"));
    let k = first.known_outcome.as_ref().expect("known outcome");
    assert_eq!(k.value, 60.0);
    assert_eq!(k.source.as_deref(), Some("deu-SYN-1"));
    assert!(
        s.scenario
            .sources
            .iter()
            .any(|src| src.id == "deu-SYN-1" && src.cite.contains("10.34810/data53"))
    );
    assert_eq!(
        s.issues
            .iter()
            .filter(|i| i.known_outcome.is_some())
            .count(),
        7
    );
}

#[test]
fn the_compromise_model_reads_the_weighted_mean_of_the_file() {
    // Σ c·s·x / Σ c·s over the 17 actor rows of SYN-1/1, computed by hand from the fixture.
    let imp = synthetic();
    let model = match registry::build("compromise", None).expect("registered") {
        registry::Model::Single(m) => m,
        registry::Model::Multi(_) => panic!("compromise is single-issue"),
    };
    let i11 = &issue(&imp, "SYN-1-1").issue;
    let d = detente::decide::run(model.as_ref(), i11, &mut detente::rng::run_stream(0, 0))
        .expect("solves");
    assert!(
        (d.unconstrained[0] - 3685.0 / 94.0).abs() < 1e-9,
        "{:?}",
        d.unconstrained
    );
}

#[test]
fn every_malformed_row_is_reported_at_its_line_and_column() {
    let e = import(Format::Deu, MALFORMED, &ImportOptions::default()).expect_err("malformed");
    let at: Vec<(usize, usize)> = e.0.iter().map(|e| (e.line, e.column)).collect();
    assert_eq!(
        at,
        [(7, 4), (8, 4), (9, 5), (10, 6), (12, 3), (13, 3), (14, 2)],
        "{e}"
    );
    let text = e.to_string();
    for expected in [
        "position of actor 'DE' must be a number, found 'abc'",
        "position of actor 'FR' 101 is out of range",
        "salience of actor 'IT' 150 is out of range",
        "capability of actor 'NL' -1 is out of range: expected a number ≥ 0",
        "the actor is empty",
        "actor 'DE' appears twice on issue '1' of proposal 'X-1' (first on line 7)",
        "issue '3' of proposal 'X-1' has no actor rows",
    ] {
        assert!(text.contains(expected), "missing '{expected}' in:\n{text}");
    }
}

#[test]
fn a_missing_column_is_named() {
    let text = SYNTHETIC.replace(
        "proposal,issue,actor,position,salience,",
        "proposal,issue,actor,position,importance,",
    );
    let e = import(Format::Deu, &text, &ImportOptions::default()).expect_err("no salience");
    assert_eq!(e.0.len(), 1);
    assert_eq!((e.0[0].line, e.0[0].column), (5, 0));
    assert!(e.0[0].message.contains("no 'salience' column"));
}

#[test]
fn an_issue_without_an_outcome_is_imported_with_a_note() {
    let text = SYNTHETIC.replace("SYN-2,1,OUTCOME,40,,,,\n", "");
    let imp = import(Format::Deu, &text, &ImportOptions::default()).expect("still valid");
    assert_eq!(issue(&imp, "SYN-2-1").known_outcome, None);
    assert!(
        imp.notes
            .iter()
            .any(|n| n == "1 issue(s) have no OUTCOME row and get no known_outcome: SYN-2/1")
    );
    let toml = imp.to_scenario_toml();
    detente::scenario::load_str(&toml, "deu.toml").unwrap_or_else(|d| panic!("{}", d.render()));
}
