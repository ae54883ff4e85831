//! Smoke test on the Honduras 2009 case: every model runs without error or
//! panic, and tiny capabilities do not matter (scaling them by 1e6 changes nothing).

use detente::decide::registry::{self, Model};
use detente::decide::{Decision, ResolvedIssue, StopReason, run, run_multi};
use detente::import::{ImportOptions, plain_csv};

fn honduras() -> ResolvedIssue {
    let path = format!(
        "{}/tests/fixtures/decide/honduras_2009.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).expect("fixture");
    plain_csv::parse(
        &text,
        &ImportOptions {
            scale: Some((0.0, 1.0)),
            ..ImportOptions::default()
        },
    )
    .expect("valid")
    .issues[0]
        .issue
        .clone()
}

fn solve_all(issue: &ResolvedIssue) -> Vec<Decision> {
    let mut out = Vec::new();
    for name in ["compromise", "median", "nash", "bdm", "exchange"] {
        let mut rng = detente::rng::run_stream(7, 0);
        match registry::build(name, None).expect("registered") {
            Model::Single(m) => out.push(run(m.as_ref(), issue, &mut rng).expect(name)),
            Model::Multi(m) => out
                .extend(run_multi(m.as_ref(), std::slice::from_ref(issue), &mut rng).expect(name)),
        }
    }
    out
}

#[test]
fn honduras_every_model_runs() {
    let mut issue = honduras();
    assert_eq!(issue.n(), 5);
    // Nash needs a status quo: without one it is an input error, not a panic.
    let nash = registry::build("nash", None).expect("registered");
    if let Model::Single(m) = nash {
        assert!(run(m.as_ref(), &issue, &mut detente::rng::run_stream(7, 0)).is_err());
    }
    issue.status_quo = Some(vec![0.0]);
    let decisions = solve_all(&issue);
    for d in &decisions {
        assert!(d.outcome.iter().all(|v| v.is_finite()), "{}", d.model.id);
        for r in &d.trajectory {
            assert!(r.positions.iter().flatten().all(|v| v.is_finite()));
        }
        assert!((d.baseline[0] - 0.50085).abs() < 5e-6, "{}", d.baseline[0]);
    }
    assert!((decisions[0].outcome[0] - 0.50085).abs() < 5e-6);
    assert_eq!(decisions[1].outcome[0], 0.5);
    let bdm = &decisions[3];
    assert!(matches!(
        bdm.diagnostics.stop_reason,
        StopReason::Converged | StopReason::MaxRounds | StopReason::Static
    ));
}

#[test]
fn honduras_capability_scale_does_not_matter() {
    let mut issue = honduras();
    issue.status_quo = Some(vec![0.0]);
    let mut scaled = issue.clone();
    for st in &mut scaled.stances {
        st.capability *= 1e6;
    }
    for (a, b) in solve_all(&issue).iter().zip(solve_all(&scaled).iter()) {
        assert!(
            (a.outcome[0] - b.outcome[0]).abs() <= 1e-9,
            "{}: {} vs {}",
            a.model.id,
            a.outcome[0],
            b.outcome[0]
        );
        assert_eq!(a.trajectory.len(), b.trajectory.len(), "{}", a.model.id);
    }
}
