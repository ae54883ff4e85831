//! The single lenses on a scenario: `decide`, `align`, `escalate`, as the CLI commands of the
//! same names run them in scenario mode.

use crate::errors::{invalid, json};
use crate::interrupt::detached;
use crate::results::options;
use crate::scenario::NativeScenario;
use detente::align::DescentRule;
use detente::decide::registry;
use detente::decide::scenario::{DecideOptions, IssueDecisions, decide_with};
use detente::escalate::dilemma::PolicyArms;
use detente::experiment::results::decide_movement;
use detente::experiment::{McResult, RunOptions};
use detente::import::Format;
use pyo3::prelude::*;
use serde::Serialize;

/// What a decide run read: the shape `detente decide --format json` writes under `input`.
#[derive(Serialize)]
struct Input<'a> {
    format: Format,
    title: &'a str,
    notes: Vec<String>,
}

/// `detente decide --format json`: the input, the seed, every issue's decisions and, with
/// runs, how often each body moves over draws of the uncertain inputs.
#[derive(Serialize)]
struct DecideReport<'a> {
    input: Input<'a>,
    seed: u64,
    issues: Vec<IssueDecisions>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uncertainty: Option<McResult>,
}

/// Decision models on the scenario's issues (uncertain numbers at their modes). `models`:
/// registry names (default: every model that builds without a preset); `issue`: only this one;
/// `preset`: a named parameter set (e.g. `scholz2011` for bdm); `runs`: draws of the uncertain
/// inputs for the movement probabilities (default: the scenario's `[experiment] runs`; 0: none).
/// Returns the JSON of `detente decide FILE --format json` with the same options.
#[pyfunction]
#[pyo3(signature = (scenario, models=None, issue=None, preset=None, seed=None, runs=None, threads=None))]
#[allow(clippy::too_many_arguments)]
pub fn decide(
    py: Python<'_>,
    scenario: &NativeScenario,
    models: Option<Vec<String>>,
    issue: Option<String>,
    preset: Option<String>,
    seed: Option<u64>,
    runs: Option<u64>,
    threads: Option<usize>,
) -> PyResult<String> {
    let r = &scenario.resolved;
    let issues = detente::decide::scenario::issues(r);
    if issues.is_empty() {
        return Err(invalid(format!(
            "{} has no issue with stances",
            scenario.name
        )));
    }
    let names: Vec<&'static str> = match &models {
        None => registry::NAMES
            .iter()
            .copied()
            .filter(|n| registry::build(n, None).is_ok())
            .collect(),
        Some(list) => {
            let mut names = Vec::new();
            for wanted in list {
                let name = registry::NAMES
                    .iter()
                    .copied()
                    .find(|n| *n == wanted.trim())
                    .ok_or_else(|| {
                        invalid(format!(
                            "unknown model '{wanted}' (known: {})",
                            registry::NAMES.join(", ")
                        ))
                    })?;
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            names
        }
    };
    if let Some(p) = &preset {
        let m = registry::preset(p).map_err(|e| invalid(e.to_string()))?;
        if !names.contains(&m.id()) {
            return Err(invalid(format!(
                "preset '{p}' belongs to model '{}', which models does not select",
                m.id()
            )));
        }
    }
    if let Some(id) = &issue
        && !issues.iter().any(|i| &i.id == id)
    {
        let known: Vec<&str> = issues.iter().map(|i| i.id.as_str()).collect();
        return Err(invalid(format!(
            "no issue '{id}' in {} (issues: {})",
            scenario.name,
            known.join(", ")
        )));
    }
    let seed = seed.unwrap_or_else(|| r.seed());
    // Every issue, also with `issue`: linkage pays for a block with another issue.
    let runs = RunOptions::for_scenario(r).with(None, runs).runs;
    let (resolved, drawn) = (r.clone(), issues.clone());
    let uncertainty = detached(py, threads, move |stop| {
        decide_movement(&resolved, drawn, runs, seed, &|_, _| stop.checkpoint())
    })?;
    let decided = py.detach(|| {
        decide_with(
            &issues,
            &DecideOptions {
                models: names,
                preset: preset.as_deref(),
                only: issue.as_deref(),
                seed,
            },
        )
    });
    let report = DecideReport {
        input: Input {
            format: Format::Scenario,
            title: &r.scenario.scenario.title,
            notes: r.warnings.iter().map(|w| w.message.clone()).collect(),
        },
        seed,
        issues: decided,
        uncertainty,
    };
    // `detente decide` prints the document and one newline.
    json(&report)
}

/// Landscape theory on the scenario's `[align]` section: the JSON of `detente align FILE
/// --format json` and the rows of its CSV.
#[pyfunction]
#[pyo3(signature = (scenario, coalitions=None, restarts=None, seed=None, rule=None, threads=None))]
pub fn align(
    py: Python<'_>,
    scenario: &NativeScenario,
    coalitions: Option<usize>,
    restarts: Option<u64>,
    seed: Option<u64>,
    rule: Option<String>,
    threads: Option<usize>,
) -> PyResult<(String, String)> {
    let (mut input, _) = detente::align::scenario::input(&scenario.resolved)
        .map_err(|e| invalid(format!("{}: {e}", scenario.name)))?;
    if let Some(k) = coalitions {
        input.options.coalitions = k;
    }
    if let Some(r) = restarts {
        input.options.restarts = r;
    }
    if let Some(s) = seed {
        input.options.seed = s;
    }
    if let Some(r) = rule {
        input.options.rule = r.parse::<DescentRule>().map_err(invalid)?;
    }
    let result = detached(py, threads, move |_| detente::align::align(&input))?
        .map_err(|e| invalid(e.to_string()))?;
    Ok((json(&result)?, detente_present::align::csv(&result)))
}

/// Every escalate policy (or one) on common random numbers with paired differences against the
/// first, and the Richardson analysis: the JSON of `detente escalate FILE --format json`
/// (`--policy ID` for one policy: its summary alone).
#[pyfunction]
#[pyo3(signature = (scenario, policy=None, runs=None, seed=None, threads=None))]
pub fn escalate(
    py: Python<'_>,
    scenario: &NativeScenario,
    policy: Option<String>,
    runs: Option<u64>,
    seed: Option<u64>,
    threads: Option<usize>,
) -> PyResult<String> {
    let opts = options(scenario, runs, seed);
    let name = scenario.name.clone();
    let r = scenario.resolved.clone();
    if let Some(id) = policy.filter(|p| p != "all") {
        let setups = detente::escalate::scenario::policy_setups(&r)
            .map_err(|e| invalid(format!("{name}: {e}")))?;
        let Some(p) = setups.into_iter().find(|p| p.id == id) else {
            let known: Vec<String> = detente::escalate::scenario::policy_setups(&r)
                .unwrap_or_default()
                .into_iter()
                .map(|p| p.id)
                .collect();
            return Err(invalid(format!(
                "no policy `{id}` in {name} (policies: {}, or all)",
                known.join(", ")
            )));
        };
        let draws = detente::escalate::scenario::uncertain_params(&r);
        let summary = detached(py, threads, move |_| {
            PolicyArms::play_drawn(&[(p.id.as_str(), &p.setup)], &draws, opts.runs, opts.seed)
                .map(|arms| arms.summary(0))
        })?
        .map_err(|e| invalid(format!("{name}: {e}")))?;
        return json(&summary);
    }
    let (runs, seed) = (opts.runs, opts.seed);
    let worker = r.clone();
    let results = detached(py, threads, move |_| {
        detente::experiment::results::escalate(&worker, runs, seed)
    })?
    .map_err(|e| invalid(format!("{name}: {e}")))?;
    // The arms race as `detente escalate --arms --format json` shows it, when the scenario
    // has one.
    let arms = match detente::escalate::scenario::arms_setup(&r) {
        Ok(setup) => Some(
            detente::experiment::results::arms_race(&setup)
                .map_err(|e| invalid(e.to_string()))?
                .document(),
        ),
        Err(_) => None,
    };
    json(&serde_json::json!({ "escalate": results, "richardson": arms }))
}
