//! Validation of the exchange model and the Decide CSV importer on CoP21 and the Dutch
//! municipal sample.

use detente::decide::exchange::{Exchange, Reuse, RoundOutcomes};
use detente::decide::{MultiIssueModel, ResolvedIssue};
use detente::import::{ImportOptions, decide_csv};

fn load(name: &str) -> Vec<ResolvedIssue> {
    let path = format!(
        "{}/tests/fixtures/decide/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    decide_csv::parse(&text, &ImportOptions::default())
        .expect("valid")
        .resolved_issues()
}

fn issue<'a>(issues: &'a [ResolvedIssue], id: &str) -> (usize, &'a ResolvedIssue) {
    issues
        .iter()
        .enumerate()
        .find(|(_, i)| i.id == id)
        .expect("issue present")
}

/// Round-0 NBS (D17) from the raw rows equals the exact rational values.
#[test]
fn cop21_round0_nbs_is_exact() {
    let issues = load("cop21.csv");
    assert_eq!(issues.len(), 13);
    let expected = [
        ("differentiation", 61520.0 / 1249.0),
        ("mrv", 124835.0 / 2182.0),
        ("legal", 1855.0 / 32.0),
        ("adapt_legal", 7796.0 / 131.0),
        ("adapt_inst", 59700.0 / 1001.0),
        ("finance_vol", 47120.0 / 989.0),
        ("finance_who", 38440.0 / 1009.0),
        ("adapt_finance", 120000.0 / 2177.0),
        ("ld", 47365.0 / 1181.0),
        ("amb2050", 40455.0 / 596.0),
        ("amb2100", 42940.0 / 501.0),
        ("eaa", 22155.0 / 388.0),
        ("progress", 52390.0 / 1149.0),
    ];
    let decisions = Exchange::default()
        .solve(&issues, &mut detente::rng::run_stream(1, 0))
        .expect("runs");
    for (id, nbs) in expected {
        let (k, i) = issue(&issues, id);
        let r0 = detente::decide::compromise::outcome(i).0[0];
        assert!((r0 - nbs).abs() < 1e-9, "{id}: {r0} vs {nbs}");
        let traj0 = decisions[k].trajectory[0].forecast.as_ref().expect("nbs")[0];
        assert!(
            (traj0 - nbs).abs() < 1e-9,
            "{id} trajectory: {traj0} vs {nbs}"
        );
    }
    assert_eq!(issue(&issues, "amb2050").1.n(), 8);
    assert_eq!(issue(&issues, "amb2100").1.n(), 8);
}

const REFERENCE: [(&str, f64); 13] = [
    ("adapt_finance", 60.79),
    ("adapt_inst", 68.39),
    ("adapt_legal", 79.13),
    ("amb2050", 73.62),
    ("amb2100", 90.81),
    ("differentiation", 44.63),
    ("eaa", 20.86),
    ("finance_vol", 75.65),
    ("finance_who", 44.55),
    ("ld", 15.32),
    ("legal", 51.33),
    ("mrv", 61.21),
    ("progress", 37.63),
];

/// Compare 10 rounds of `model` with the reference: the issues that moved the other way
/// (among those the reference moved by more than 5 points) and the count within 10 points.
fn compare(model: &Exchange) -> (Vec<String>, usize) {
    let issues = load("cop21.csv");
    let decisions = model
        .solve(&issues, &mut detente::rng::run_stream(1, 0))
        .expect("runs");
    let mut close = 0;
    let mut wrong_way = Vec::new();
    for (id, want) in REFERENCE {
        let (k, i) = issue(&issues, id);
        let r0 = detente::decide::compromise::outcome(i).0[0];
        let ours = decisions[k].outcome[0];
        println!(
            "{id:16} r0 {r0:7.2}  ours {ours:7.2}  reference {want:7.2}  diff {:+7.2}",
            ours - want
        );
        if (want - r0).abs() > 5.0 && (ours - r0).signum() != (want - r0).signum() {
            wrong_way.push(id.to_string());
        }
        if (ours - want).abs() <= 10.0 {
            close += 1;
        }
    }
    (wrong_way, close)
}

/// After 10 rounds with the defaults: within 10 points on at least 10 of 13 issues and the
/// reference's direction on every issue it moved by more than 5 points — except finance_who,
/// a known difference (docs/decide-validation.md); the test fails if any other issue turns.
#[test]
fn cop21_ten_rounds_follow_the_reference() {
    let (wrong_way, close) = compare(&Exchange::default());
    assert!(close >= 10, "only {close} of 13 issues within 10 points");
    assert_eq!(wrong_way, vec!["finance_who".to_string()]);
}

/// The reference-like variant (same-direction re-use, round-start outcomes) is closer: 12 of
/// 13 within 10 points, finance_who moves the right way, progress the wrong way.
#[test]
fn cop21_reference_like_variant_is_closer() {
    let model = Exchange {
        reuse: Reuse::SameDirection,
        outcomes: RoundOutcomes::RoundStart,
        ..Exchange::default()
    };
    let (wrong_way, close) = compare(&model);
    assert!(close >= 12, "only {close} of 13 issues within 10 points");
    assert_eq!(wrong_way, vec!["progress".to_string()]);
}

/// The Dutch municipal sample loads; `tol-hoogte` has the scale 0.5–7 from its #M rows.
#[test]
fn sample_data_loads_with_marker_scale() {
    let issues = load("sample_data.txt");
    let (_, toll) = issue(&issues, "tol-hoogte");
    assert_eq!((toll.scale.lo, toll.scale.hi), (0.5, 7.0));
    for i in &issues {
        assert!(i.validate().is_ok(), "{}", i.id);
    }
    let d = Exchange::default()
        .solve(&issues, &mut detente::rng::run_stream(1, 0))
        .expect("runs");
    for decision in &d {
        assert!(decision.outcome[0].is_finite());
    }
}
