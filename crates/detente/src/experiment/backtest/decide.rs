//! Decide cases: every issue with a `known_outcome`, under every model with and without the
//! body's rule, the agenda setter, and three naive baselines — no change (the status quo), the
//! compromise (the capability × salience weighted mean) and the weighted median.

use crate::par::*;

use super::{Case, MethodKind, Prediction, error};
use crate::decide::registry;
use crate::decide::scenario::{DecideOptions, IssueDecisions, decide_with, issues};
use crate::scenario::Resolved;

/// The no-change baseline.
pub const STATUS_QUO: &str = "no change (status quo)";
/// The compromise baseline.
pub const COMPROMISE: &str = "compromise (no rule)";
/// The weighted-median baseline.
pub const MEDIAN: &str = "weighted median (no rule)";
/// The agenda-setter model.
pub const SETTER: &str = "agenda setter";

/// Every decide case of `scenarios` (`(source, scenario)` pairs), in input order; scenarios run
/// in parallel. Each model runs with the scenario's own seed.
pub fn decide_cases(scenarios: &[(String, Resolved)]) -> Vec<Case> {
    scenarios
        .par_iter()
        .map(|(source, r)| cases_of(source, r))
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect()
}

fn cases_of(source: &str, r: &Resolved) -> Vec<Case> {
    let known: Vec<&crate::scenario::Issue> = r
        .scenario
        .issues
        .iter()
        .filter(|i| i.known_outcome.is_some() && !i.stances.is_empty())
        .collect();
    if known.is_empty() {
        return Vec::new();
    }
    let issues = issues(r);
    let decided = decide_with(
        &issues,
        &DecideOptions {
            models: registry::NAMES.to_vec(),
            seed: r.seed(),
            ..DecideOptions::default()
        },
    );
    known
        .iter()
        .filter_map(|issue| {
            let k = issue.known_outcome.as_ref()?;
            let d = decided.iter().find(|d| d.issue == issue.id)?;
            let width = issue.scale.max - issue.scale.min;
            Some(Case {
                source: source.to_string(),
                scenario: r.scenario.scenario.id.clone(),
                issue: issue.id.clone(),
                lens: "decide".into(),
                observed: k.value,
                observed_range: match (k.low, k.high) {
                    (None, None) => None,
                    (l, h) => Some((l.unwrap_or(k.value), h.unwrap_or(k.value))),
                },
                estimate: k.estimate,
                scale_width: width,
                predictions: predictions(d, k.value, width),
            })
        })
        .collect()
}

/// Baselines first, then each model after the rule and before it, then the agenda setter.
fn predictions(d: &IssueDecisions, observed: f64, width: f64) -> Vec<Prediction> {
    let make = |method: String, kind, value: Option<f64>, note: Option<String>| Prediction {
        error: value.map(|v| error(v, observed, width)),
        method,
        kind,
        value,
        note: if value.is_none() { note } else { None },
    };
    let unconstrained = |m: &str| d.decision(m).and_then(|x| x.unconstrained.first().copied());
    let mut out = vec![
        make(
            STATUS_QUO.into(),
            MethodKind::Baseline,
            d.status_quo,
            Some("the issue has no status quo".into()),
        ),
        make(
            COMPROMISE.into(),
            MethodKind::Baseline,
            Some(d.baseline).filter(|x| x.is_finite()),
            None,
        ),
        make(
            MEDIAN.into(),
            MethodKind::Baseline,
            unconstrained("median"),
            None,
        ),
    ];
    for a in &d.answers {
        let after = a.decision.as_ref().and_then(|x| x.outcome.first().copied());
        out.push(make(
            a.model.clone(),
            MethodKind::Model,
            after,
            a.error.clone(),
        ));
        if a.model != "compromise" && a.model != "median" {
            out.push(make(
                format!("{}, no rule", a.model),
                MethodKind::Model,
                unconstrained(&a.model),
                a.error.clone(),
            ));
        }
    }
    out.push(make(
        SETTER.into(),
        MethodKind::Model,
        d.setter.as_ref().map(|s| s.outcome),
        Some("no proposer, rule or status quo".into()),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::backtest::{BacktestOptions, backtest};
    use crate::scenario::{FLAGSHIP, load_str};

    #[test]
    fn flagship_cases_score_against_their_outcomes() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let cases = decide_cases(&[("flagship".into(), r)]);
        // china-posture (62) and tokyo-office (0) carry known outcomes.
        let ids: Vec<&str> = cases.iter().map(|c| c.issue.as_str()).collect();
        assert!(ids.contains(&"china-posture") && ids.contains(&"tokyo-office"));
        let tokyo = cases.iter().find(|c| c.issue == "tokyo-office").unwrap();
        // No change was right on the Tokyo office: error 0.
        assert_eq!(tokyo.prediction(STATUS_QUO).unwrap().error, Some(0.0));
        let b = backtest(cases, BacktestOptions::default());
        assert!(b.scores.iter().any(|s| s.method == "bdm, no rule"));
        assert_eq!(b.scores[0].method, STATUS_QUO);
    }
}
