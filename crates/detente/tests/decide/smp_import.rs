//! KTAB file variants and importers.

use detente::decide;
use detente::decide::smp::{
    self, KTAB_DEFAULT_SEED, PceModel, SmpInput, SmpParams, SmpRun, StateTransitions, StopReason,
    VotingRule,
};
use detente::import::{self, Format, ImportOptions, ktab_csv, ktab_xml};
use detente::rng::run_stream;

const DUMMY_3DIM: &str = include_str!("../fixtures/ktab/dummyData_3Dim.csv");
const NO_FINAL_COMMA: &str = include_str!("../fixtures/ktab/dummyData_3Dim-no-final-comma.csv");
const DUMMY_3DIM_XML: &str = include_str!("../fixtures/ktab/dummyData_3Dim.xml");
const A040: &str = include_str!("../fixtures/ktab/dummyData-a040.csv");
const SIX_DIM: &str = include_str!("../fixtures/ktab/dummyData_6Dim.csv");
const SMP_EXAMPLE: &str = include_str!("../fixtures/ktab/smpExample.xml");

fn run(input: &SmpInput, params: &SmpParams, seed: u64) -> SmpRun {
    smp::run(input, params, &mut run_stream(seed, 0)).expect("the run succeeds")
}

fn csv_run(text: &str) -> SmpRun {
    run(
        &ktab_csv::parse(text).expect("parses"),
        &SmpParams::default(),
        KTAB_DEFAULT_SEED,
    )
}

#[test]
fn the_no_final_comma_file_gives_identical_results() {
    let a = ktab_csv::parse(DUMMY_3DIM).expect("parses");
    let b = ktab_csv::parse(NO_FINAL_COMMA).expect("parses");
    assert_eq!(a.actors, b.actors);
    assert_eq!(a.dimensions, b.dimensions);
    assert_eq!(csv_run(DUMMY_3DIM), csv_run(NO_FINAL_COMMA));
}

#[test]
fn the_xml_file_gives_identical_results() {
    let xml = ktab_xml::parse(DUMMY_3DIM_XML).expect("parses");
    let csv = ktab_csv::parse(DUMMY_3DIM).expect("parses");
    assert_eq!(
        xml.params,
        SmpParams::default(),
        "no ModelParameters → defaults"
    );
    assert_eq!(
        xml.input.accommodation, None,
        "no IdealAdjustment → identity"
    );
    assert_eq!(xml.seed, 3_707_583_219_545_544_125);
    assert_eq!(xml.input.actors, csv.actors);
    assert_eq!(
        run(&xml.input, &xml.params, xml.seed),
        run(&csv, &SmpParams::default(), KTAB_DEFAULT_SEED)
    );
}

#[test]
fn a040_stops_after_20_steps() {
    let r = csv_run(A040);
    assert_eq!(r.steps.len(), 20);
    assert_eq!(r.stop_reason, StopReason::Converged);
}

#[test]
fn six_dim_stops_after_29_steps() {
    let r = csv_run(SIX_DIM);
    assert_eq!(r.steps.len(), 29);
    assert_eq!(r.stop_reason, StopReason::Converged);
}

#[test]
fn smp_example_fails_on_its_empty_dcoord() {
    let e = ktab_xml::parse(SMP_EXAMPLE).expect_err("the shipped example has an empty value");
    assert_eq!(
        e.message,
        "<dCoord> of actor 'Alice' (dimension 1) is empty"
    );
    assert_eq!((e.line, e.column), (32, 9));
}

#[test]
fn smp_example_filled_in_loads_its_model_parameters_and_accommodation() {
    let filled = SMP_EXAMPLE.replacen("<dCoord></dCoord>", "<dCoord>42.0</dCoord>", 1);
    let x = ktab_xml::parse(&filled).expect("loads once the value is filled in");
    assert_eq!(x.seed, 3_507_583_219_545_544_127);
    assert_eq!(x.params.pce, PceModel::MarkovIncentive);
    assert_eq!(x.params.state_transitions, StateTransitions::Stochastic);
    assert_eq!(x.params.voting_rule, VotingRule::PropCbc);
    assert_eq!(
        x.input.actors[0].position,
        vec![42.0 / 100.0, 39.8 / 100.0, 39.6 / 100.0]
    );
    let a = x
        .input
        .accommodation
        .clone()
        .expect("IdealAdjustment present");
    let n = 5;
    let mut want = vec![0.0; n * n];
    // Identity first, then the six iaPair entries (Alice, Bob, Carol, David, Ellie = 0..4).
    for i in 0..n {
        want[i * n + i] = 1.0;
    }
    for (i, j, v) in [
        (0, 0, 0.87),
        (1, 1, 0.75),
        (1, 0, 0.07),
        (2, 2, 0.65),
        (2, 3, 0.13),
        (3, 3, 0.57),
    ] {
        want[i * n + j] = v;
    }
    assert_eq!(a, want);
    // The stochastic, Markov-incentive run with partial accommodation finishes with finite numbers.
    let r = run(&x.input, &x.params, x.seed);
    assert!(r.final_state().report.outcome.iter().all(|v| v.is_finite()));
    assert!(
        r.states
            .iter()
            .all(|s| s.ideals.iter().all(|v| (0.0..=1.0).contains(v)))
    );
    assert_eq!(r, run(&x.input, &x.params, x.seed), "same seed, same run");
}

#[test]
fn xml_errors_name_the_problem() {
    let filled = SMP_EXAMPLE.replacen("<dCoord></dCoord>", "<dCoord>42.0</dCoord>", 1);
    let unknown = filled.replacen(
        "<referencePos>Alice</referencePos>",
        "<referencePos>Zed</referencePos>",
        1,
    );
    assert!(
        ktab_xml::parse(&unknown)
            .unwrap_err()
            .message
            .contains("unknown actor 'Zed'")
    );
    let too_much = filled.replacen("<adjust>0.07</adjust>", "<adjust>0.5</adjust>", 1);
    assert!(
        ktab_xml::parse(&too_much)
            .unwrap_err()
            .message
            .contains("sums to")
    );
    let short = filled.replacen("<dSal>22.4</dSal>", "", 1);
    assert!(
        ktab_xml::parse(&short)
            .unwrap_err()
            .message
            .contains("2 <dSal> entries for 3")
    );
}

#[test]
fn csv_checks_report_line_and_column() {
    let long = DUMMY_3DIM.replacen("SActor-03", "An-actor-name-far-too-long-for-ktab", 1);
    let e = ktab_csv::parse(&long).unwrap_err().0;
    assert_eq!((e[0].line, e[0].column), (6, 1));
    let heavy = DUMMY_3DIM.replacen("102.543", "2e8", 1);
    let e = ktab_csv::parse(&heavy).unwrap_err().0;
    assert_eq!((e[0].line, e[0].column), (3, 3));
    let salient = DUMMY_3DIM.replacen(
        "49.53,  6.37,  5.91, 70.45, 28.15",
        "49.53,  6.37, 25.91, 70.45, 28.15",
        1,
    );
    let e = ktab_csv::parse(&salient).unwrap_err().0;
    assert!(e[0].message.contains("sum to 103.59"), "{}", e[0]);
    let missing = DUMMY_3DIM.replacen(" 75.79,", "", 1);
    let e = ktab_csv::parse(&missing).unwrap_err().0;
    assert_eq!(e[0].line, 3);
    assert!(e[0].message.contains("expected 9 fields"));
}

#[test]
fn import_detects_ktab_and_writes_a_scenario() {
    for (name, text, format) in [
        ("dummyData_3Dim.csv", DUMMY_3DIM, Format::KtabCsv),
        ("dummyData_3Dim.xml", DUMMY_3DIM_XML, Format::KtabXml),
    ] {
        assert_eq!(import::detect(name, text), Some(format));
        let imp = import::import(format, text, &ImportOptions::default()).expect("imports");
        assert_eq!(imp.actors.len(), 7);
        assert_eq!(
            imp.issues[0].issue.dimensions,
            vec!["Pstn1", "Pstn2", "Pstn3"]
        );
        assert_eq!(imp.extra["model"], "smp");
        let toml_text = imp.to_scenario_toml();
        let table: toml::Table = toml::from_str(&toml_text).expect("valid TOML");
        assert_eq!(table["actor"].as_array().map(Vec::len), Some(7));
        assert!(toml_text.contains("position = 75.79\n"), "{toml_text}");
    }
}

#[test]
fn the_decision_model_matches_the_direct_run() {
    let imp =
        import::import(Format::KtabCsv, DUMMY_3DIM, &ImportOptions::default()).expect("imports");
    let issue = &imp.issues[0].issue;
    let model = match decide::registry::build("smp", None) {
        Ok(decide::registry::Model::Single(m)) => m,
        _ => panic!("smp is a single-issue model in the registry"),
    };
    assert_eq!(model.id(), "smp");
    let d =
        decide::run(model.as_ref(), issue, &mut run_stream(KTAB_DEFAULT_SEED, 0)).expect("solves");
    assert_eq!(d.diagnostics.rounds, 10);
    assert_eq!(d.trajectory.len(), 11);
    for (o, w) in d.outcome.iter().zip([78.1, 35.6, 72.2]) {
        assert!((o - w).abs() <= 0.1, "outcome {:?}", d.outcome);
    }
    let total: f64 = d.distribution.iter().map(|o| o.probability).sum();
    assert!((total - 1.0).abs() < 1e-12);
    assert_eq!(d.distribution[0].actors, vec![0, 1]);
    let p = d.trajectory[10]
        .probabilities
        .clone()
        .expect("probabilities");
    assert!((p[5] - 0.4009).abs() < 5e-4);
    // Parameters can be set by name; unknown names are errors.
    let params = serde_json::json!({"voting_rule": "Binary"});
    assert!(decide::registry::build("smp", Some(&params)).is_ok());
    let bad = serde_json::json!({"voting": "Binary"});
    assert!(decide::registry::build("smp", Some(&bad)).is_err());
}

/// Turn 0 of KTAB's reference run of smpExample.xml (2017), filled in with Alice's first
/// coordinate 52.80 as in that run: PropCbc votes, Markov-incentive PCE, partial
/// accommodation. The stochastic choices use KTAB's own generator and are not comparable;
/// everything before them is deterministic.
#[test]
fn smp_example_turn0_matches_the_reference_run() {
    let filled = SMP_EXAMPLE.replacen("<dCoord></dCoord>", "<dCoord>52.80</dCoord>", 1);
    let x = ktab_xml::parse(&filled).expect("loads");
    let r = run(&x.input, &x.params, x.seed);
    let close = |what: &str, got: f64, want: f64| {
        assert!((got - want).abs() <= 5e-4, "{what}: got {got}, want {want}");
    };
    let pos: Vec<f64> = x
        .input
        .actors
        .iter()
        .flat_map(|a| a.position.clone())
        .collect();
    let d = smp::distance_matrix(&x.input, &pos, &pos);
    for (j, want) in [1.000, 0.673, 0.739, 0.747, 0.799].into_iter().enumerate() {
        close(&format!("u0[0][{j}]"), 1.0 - d[j], want);
    }
    for (i, want) in [1.000, -0.387, -0.500, -0.001, -0.298]
        .into_iter()
        .enumerate()
    {
        close(&format!("R[{i}]"), r.states[0].risk[i], want);
    }
    let step = &r.steps[0];
    for (i, j, gain, p) in [
        (0, 4, 0.0115, 0.5257),
        (1, 2, 0.2315, 0.7180),
        (2, 0, 0.0975, 0.4396),
        (3, 2, 0.4318, 0.7837),
        (4, 2, 0.0632, 0.5467),
    ] {
        let t = step.targets[i].expect("every actor has a target");
        assert_eq!(t.target, j, "target of {i}");
        close(&format!("ΔEU {i}→{j}"), t.delta_eu, gain);
        close(&format!("P {i}→{j}"), t.probability, p);
    }
    let b = step
        .bargains
        .iter()
        .find(|b| b.initiator == 4)
        .expect("4 proposes");
    let scale = |v: &[f64]| v.iter().map(|x| 100.0 * x).collect::<Vec<_>>();
    for (g, w) in scale(&b.initiator_position)
        .iter()
        .zip([70.06, 76.00, 34.98])
    {
        assert!((g - w).abs() <= 0.05, "4's side {g} vs {w}");
    }
    for (g, w) in scale(&b.receiver_position)
        .iter()
        .zip([70.06, 76.01, 34.98])
    {
        assert!((g - w).abs() <= 0.05, "2's side {g} vs {w}");
    }
    // Queue probabilities (Markov incentive over PropCbc coalitions). The reference listed
    // the queues in thread order; here they are in initiator order.
    let initiators = |k: usize| -> Vec<usize> {
        step.queues[k]
            .iter()
            .map(|&b| step.bargains[b].initiator)
            .collect()
    };
    assert_eq!(initiators(0), vec![0, 2]);
    for (g, w) in step.queue_probabilities[0]
        .iter()
        .zip([0.0054, 0.2444, 0.7502])
    {
        close("queue of 0", *g, w);
    }
    assert_eq!(initiators(2), vec![1, 2, 3, 4]);
    for (g, w) in step.queue_probabilities[2]
        .iter()
        .zip([0.0859, 0.1976, 0.2255, 0.4215, 0.0695])
    {
        close("queue of 2", *g, w);
    }
    assert_eq!(initiators(4), vec![0, 4]);
    for (g, w) in step.queue_probabilities[4]
        .iter()
        .zip([0.0264, 0.9486, 0.0250])
    {
        close("queue of 4", *g, w);
    }
}

/// D16 with smpExample's accommodation matrix, fed the positions the reference run adopted
/// in its first (stochastic) step, gives the ideals it printed.
#[test]
fn smp_example_ideals_follow_d16() {
    let filled = SMP_EXAMPLE.replacen("<dCoord></dCoord>", "<dCoord>52.80</dCoord>", 1);
    let x = ktab_xml::parse(&filled).expect("loads");
    let mut ideals: Vec<f64> = x
        .input
        .actors
        .iter()
        .flat_map(|a| a.position.clone())
        .collect();
    let next = [
        55.53, 63.19, 42.21, 23.48, 63.81, 70.13, 33.48, 18.89, 19.04, 26.30, 16.50, 15.90, 64.11,
        48.13, 32.54,
    ]
    .map(|v| v / 100.0);
    smp::ideal::update_ideals(5, 3, x.input.accommodation.as_deref(), &next, &mut ideals);
    let want = [
        55.1751, 60.1493, 41.8707, 24.3591, 63.3328, 68.5122, 38.6230, 33.4535, 24.2330, 26.30,
        16.50, 15.90, 64.11, 48.13, 32.54,
    ];
    for (k, (g, w)) in ideals.iter().zip(want).enumerate() {
        assert!(
            (100.0 * g - w).abs() < 1e-3,
            "ideal component {k}: {} vs {w}",
            100.0 * g
        );
    }
}
