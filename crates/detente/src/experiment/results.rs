//! One run of every lens a scenario defines, as one serialisable [`Results`] value:
//! what `detente run` prints, `--format json` writes and the report reads.
//!
//! Decide runs at the point values (modes) and, with `runs > 0`, as a Monte Carlo over every
//! uncertain scenario input (common random numbers across models). Escalate plays each policy's
//! stochastic rivalry `runs` times on common random numbers (uncertain `[escalate]` parameters
//! drawn per run, the same draw for every policy) and reports paired differences against the
//! first policy. Align and Richardson are
//! deterministic. A lens that cannot run records its error; the others still run.

use super::input_path::{ActorField, InputPath, StanceField};
use super::inputs::{Input, uncertain_inputs};
pub use super::run_options::{DEFAULT_RUNS, MC_MODELS, RunOptions};
use super::runner::{ArmModel, McResult, MetricDef, run_arms};
use crate::align::AlignResult;
use crate::decide::ResolvedIssue;
use crate::decide::scenario::{IssueDecisions, decide_all, issues};
use crate::decide::setter::{Movement, agenda};
use crate::escalate::dilemma::{MonteCarloSummary, PolicyComparison, compare_with_first};
use crate::escalate::richardson::{Analysis, ArmsModel, ArmsSetup, RichardsonError};
use crate::escalate::scenario::{SetupError, uncertain_params};
use crate::rng::DetRng;
use crate::scenario::Resolved;
use serde::Serialize;

/// Everything one `detente run` produced.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// Scenario id.
    pub scenario: String,
    /// Scenario title.
    pub title: String,
    /// FNV-1a 64-bit hash of the scenario text, hex (identifies the exact input).
    pub scenario_hash: String,
    /// detente version.
    pub version: String,
    /// Master seed.
    pub seed: u64,
    /// Monte Carlo runs.
    pub runs: u64,
    /// Decide at point values, per issue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decide: Option<Vec<IssueDecisions>>,
    /// Decide under input uncertainty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decide_uncertainty: Option<McResult>,
    /// Align.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub align: Option<AlignResult>,
    /// Escalate: per policy and paired differences.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalate: Option<EscalateResults>,
    /// Richardson arms-race analysis.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub richardson: Option<RichardsonResults>,
    /// Lenses that could not run, with why.
    pub errors: Vec<LensError>,
}

/// Results with the command line that reproduces them: what `detente run --format json`
/// writes (the command first, then every field of the results).
#[derive(Debug, Clone, Serialize)]
pub struct Recorded<'a> {
    /// The command line, program name first.
    pub command: Vec<String>,
    /// The results.
    #[serde(flatten)]
    pub results: &'a Results,
}

/// A lens that could not run.
#[derive(Debug, Clone, Serialize)]
pub struct LensError {
    /// Lens name.
    pub lens: String,
    /// Why.
    pub message: String,
}

/// One policy's Monte Carlo summary.
#[derive(Debug, Clone, Serialize)]
pub struct PolicyResult {
    /// Policy id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Note from the scenario.
    pub note: Option<String>,
    /// The summary (spiral probability with Wilson interval, onset, welfare, tension, decoupling).
    pub summary: MonteCarloSummary,
}

/// Escalate results.
#[derive(Debug, Clone, Serialize)]
pub struct EscalateResults {
    /// Runs per policy.
    pub runs: u64,
    /// Each behavioural parameter: calibrated (drawn from the posterior fitted on history) or
    /// an assumption.
    pub parameters: Vec<crate::escalate::scenario::ParameterSource>,
    /// Per policy, in scenario order.
    pub policies: Vec<PolicyResult>,
    /// Each later policy against the first, on common random numbers (alternative − baseline).
    pub versus_first: Vec<(String, PolicyComparison)>,
}

/// Richardson results.
#[derive(Debug, Clone, Serialize)]
pub struct RichardsonResults {
    /// The model with the provenance of every derived number.
    pub model: ArmsModel,
    /// Equilibrium, eigenvalues, stability, drivers.
    pub analysis: Analysis,
}

impl RichardsonResults {
    /// The arms-race document as `detente escalate --arms --format json` writes it and the
    /// Python package returns it: `model`, `baseline` (base-year levels), `provenance` and
    /// `analysis` side by side, keys in alphabetical order.
    pub fn document(&self) -> serde_json::Value {
        serde_json::json!({
            "model": self.model.model,
            "baseline": self.model.baseline,
            "provenance": self.model.provenance,
            "analysis": self.analysis,
        })
    }
}

/// The Richardson lens on an arms-race set-up: the model built with the provenance of every
/// number, and its analysis (equilibrium, eigenvalues, stability, drivers).
pub fn arms_race(setup: &ArmsSetup) -> Result<RichardsonResults, RichardsonError> {
    let model = crate::escalate::richardson::build(setup)?;
    let analysis = crate::escalate::richardson::analyse(&model.model)?;
    Ok(RichardsonResults { model, analysis })
}

/// FNV-1a, 64 bit: a stable content hash without a dependency.
pub fn fnv1a(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Run every lens `r` defines that `opts.lenses` selects. `source` is the scenario text (for
/// the hash).
pub fn run_all(
    r: &Resolved,
    source: &str,
    opts: &RunOptions,
    progress: &(dyn Fn(&str, u64, u64) + Sync),
) -> Results {
    let mut errors = Vec::new();
    let lenses = opts.lenses;
    let issues = if lenses.decide { issues(r) } else { Vec::new() };
    let decide = (!issues.is_empty()).then(|| {
        let models: Vec<&str> = opts.models.iter().map(String::as_str).collect();
        decide_all(&issues, &models, opts.seed)
    });
    let decide_uncertainty = (!issues.is_empty() && opts.runs > 0).then(|| {
        let mc = DecideMc::new(r, &opts.mc_models);
        run_arms(&mc, opts.runs, opts.seed, &|d, t| progress("decide", d, t))
    });
    let align = (lenses.align && r.scenario.align.is_some()).then(|| {
        let input = crate::align::scenario::input(r).map_err(|e| e.to_string());
        input.and_then(|(mut input, _)| {
            input.options.restarts = opts.align_restarts;
            input.options.seed = opts.seed;
            crate::align::align(&input).map_err(|e| e.to_string())
        })
    });
    let align = align.and_then(|a| {
        a.map_err(|e| {
            errors.push(LensError {
                lens: "align".into(),
                message: e,
            })
        })
        .ok()
    });
    let escalate_runs = opts.escalate_runs();
    let escalate = (lenses.escalate && r.scenario.escalate.is_some())
        .then(|| escalate(r, escalate_runs, opts.seed));
    let escalate = escalate.and_then(|e| {
        e.map_err(|m| {
            errors.push(LensError {
                lens: "escalate".into(),
                message: m.to_string(),
            })
        })
        .ok()
    });
    let richardson = (lenses.richardson
        && (r.scenario.richardson.is_some() || r.scenario.escalate.is_some()))
    .then(|| {
        let setup = crate::escalate::scenario::arms_setup(r).map_err(|e| e.to_string())?;
        arms_race(&setup).map_err(|e| e.to_string())
    });
    let richardson = richardson.and_then(|x| {
        x.map_err(|m| {
            errors.push(LensError {
                lens: "richardson".into(),
                message: m,
            })
        })
        .ok()
    });
    Results {
        scenario: r.scenario.scenario.id.clone(),
        title: r.scenario.scenario.title.clone(),
        scenario_hash: fnv1a(source),
        version: env!("CARGO_PKG_VERSION").to_string(),
        seed: opts.seed,
        runs: opts.runs,
        decide,
        decide_uncertainty,
        align,
        escalate,
        richardson,
        errors,
    }
}

/// Every policy's Monte Carlo and the paired comparisons against the first.
pub fn escalate(r: &Resolved, runs: u64, seed: u64) -> Result<EscalateResults, SetupError> {
    let policies = crate::escalate::scenario::policy_setups(r)?;
    let named: Vec<_> = policies.iter().map(|p| (p.id.as_str(), &p.setup)).collect();
    let (summaries, comparisons) = compare_with_first(&named, &uncertain_params(r), runs, seed)?;
    let out = policies
        .iter()
        .zip(summaries)
        .map(|(p, summary)| PolicyResult {
            id: p.id.clone(),
            label: p.label.clone(),
            note: p.note.clone(),
            summary,
        })
        .collect();
    let versus_first = policies
        .iter()
        .skip(1)
        .map(|p| p.id.clone())
        .zip(comparisons)
        .collect();
    Ok(EscalateResults {
        runs,
        parameters: crate::escalate::scenario::parameter_sources(r)?,
        policies: out,
        versus_first,
    })
}

/// The movement Monte Carlo of `detente decide` on a scenario: `runs` draws of every
/// uncertain input laid over `issues` (the scenario's issues, possibly with a rule or status
/// quo imposed), no model but each body's rule and agenda setter, so the metrics are how
/// often the body moves up, down or stays (with Wilson intervals) and where the setter's point
/// lands. `None` when `runs` is 0 or the scenario has no uncertain input. `progress(done,
/// total)` is called after each block.
pub fn decide_movement(
    r: &Resolved,
    issues: Vec<ResolvedIssue>,
    runs: u64,
    seed: u64,
    progress: &(dyn Fn(u64, u64) + Sync),
) -> Option<McResult> {
    (runs > 0 && !uncertain_inputs(r).is_empty()).then(|| {
        let mc = DecideMc::for_issues(r, issues, &[]);
        run_arms(&mc, runs, seed, progress)
    })
}

/// The decide lens as a Monte Carlo model: run k draws every uncertain input (one uniform each,
/// in path order, so the draws do not depend on which lenses run), writes the drawn values
/// straight into the issues the models read, then every model decides every issue; metrics
/// `decide.ISSUE.MODEL` (outcome after the rule), `decide.ISSUE.deadlock` (the status quo
/// stands because the rule empties the win-set) and, on an issue with an agenda setter,
/// `decide.ISSUE.setter` (the adopted point) with the events `decide.ISSUE.up`, `.down` and
/// `.stays` (which way the adopted point moves off the status quo, S2 of
/// [`crate::decide::setter`]); when the body allows linkage, the same four again after blocks
/// were bought with concessions on other issues (`decide.ISSUE.linked.setter`, `.linked.up`,
/// …, [`crate::decide::linkage`]).
pub struct DecideMc {
    issues: Vec<ResolvedIssue>,
    inputs: Vec<Input>,
    targets: Vec<Vec<Target>>,
    models: Vec<String>,
    metrics: Vec<MetricDef>,
    arms: Vec<String>,
}

/// Where a drawn input lands in the issues.
#[derive(Debug, Clone, Copy)]
enum Target {
    Position(usize, usize),
    Salience(usize, usize),
    Capability(usize, usize),
    StatusQuo(usize),
    VetoCost(usize, usize),
}

impl DecideMc {
    /// Build for the scenario and these models.
    pub fn new(r: &Resolved, models: &[String]) -> Self {
        Self::for_issues(r, issues(r), models)
    }

    /// Build for `issues` (the scenario's issues, possibly with a rule or status quo laid over
    /// them) and these models; the scenario supplies the uncertain inputs.
    pub fn for_issues(r: &Resolved, issues: Vec<ResolvedIssue>, models: &[String]) -> Self {
        let mut metrics = Vec::new();
        for i in &issues {
            metrics.extend(issue_metrics(i, models));
        }
        let inputs = uncertain_inputs(r);
        let targets = inputs
            .iter()
            .map(|input| targets_of(r, &issues, &input.path))
            .collect();
        DecideMc {
            issues,
            inputs,
            targets,
            models: models.to_vec(),
            metrics,
            arms: vec!["scenario".into()],
        }
    }
}

/// The issue slots an input path feeds: a stance's position, salience or capability, a status
/// quo, or (for `actor.ID.capability`) every stance of that actor without its own capability.
fn targets_of(r: &Resolved, issues: &[ResolvedIssue], path: &str) -> Vec<Target> {
    let Ok(path) = InputPath::parse(path) else {
        return Vec::new();
    };
    let issue_index = |id: &str| issues.iter().position(|i| i.id == id);
    let stance_index =
        |i: usize, actor: &str| issues[i].stances.iter().position(|s| s.actor == actor);
    match &path {
        InputPath::StatusQuo { issue } => issue_index(issue)
            .map(Target::StatusQuo)
            .into_iter()
            .collect(),
        InputPath::Stance {
            issue,
            actor,
            field,
        } => {
            let Some(i) = issue_index(issue) else {
                return Vec::new();
            };
            let Some(j) = stance_index(i, actor) else {
                return Vec::new();
            };
            vec![match field {
                StanceField::Position => Target::Position(i, j),
                StanceField::Salience => Target::Salience(i, j),
                StanceField::Capability => Target::Capability(i, j),
                StanceField::VetoCost => Target::VetoCost(i, j),
            }]
        }
        InputPath::Actor {
            actor: body,
            field: ActorField::VetoCost,
        } => {
            // Every stance on the body's issues that has no cost of its own.
            let mut out = Vec::new();
            for issue in r
                .scenario
                .issues
                .iter()
                .filter(|i| i.body.as_deref() == Some(body.as_str()))
            {
                let Some(ii) = issue_index(&issue.id) else {
                    continue;
                };
                for s in issue.stances.iter().filter(|s| s.veto_cost.is_none()) {
                    if let Some(j) = stance_index(ii, &s.actor) {
                        out.push(Target::VetoCost(ii, j));
                    }
                }
            }
            out
        }
        InputPath::Actor {
            actor,
            field: ActorField::Capability,
        } => {
            let mut out = Vec::new();
            for issue in &r.scenario.issues {
                let Some(ii) = issue_index(&issue.id) else {
                    continue;
                };
                let own = issue
                    .stances
                    .iter()
                    .any(|s| s.actor == *actor && s.capability.is_some());
                if let (false, Some(j)) = (own, stance_index(ii, actor)) {
                    out.push(Target::Capability(ii, j));
                }
            }
            out
        }
        _ => Vec::new(),
    }
}

impl ArmModel for DecideMc {
    fn metrics(&self) -> &[MetricDef] {
        &self.metrics
    }
    fn arms(&self) -> &[String] {
        &self.arms
    }
    fn run(&self, _arm: usize, _k: u64, rng: &mut DetRng, out: &mut [f64]) {
        let mut issues = self.issues.clone();
        for (input, targets) in self.inputs.iter().zip(&self.targets) {
            let v = input.value.draw(rng);
            for t in targets {
                match *t {
                    Target::Position(i, j) => issues[i].stances[j].position[0] = v,
                    Target::Salience(i, j) => issues[i].stances[j].salience[0] = v,
                    Target::Capability(i, j) => issues[i].stances[j].capability = v,
                    Target::StatusQuo(i) => issues[i].status_quo = Some(vec![v]),
                    Target::VetoCost(i, j) => issues[i].stances[j].veto_cost = v,
                }
            }
        }
        let models: Vec<&str> = self.models.iter().map(String::as_str).collect();
        let seed = rand::Rng::next_u64(rng);
        let all = decide_all(&issues, &models, seed);
        let values = issues
            .iter()
            .zip(&all)
            .flat_map(|(issue, d)| issue_values(issue, d, &self.models));
        for (slot, v) in out.iter_mut().zip(values) {
            *slot = v;
        }
    }
}

/// The Monte Carlo metrics of one issue, in the order [`issue_values`] fills them.
fn issue_metrics(i: &ResolvedIssue, models: &[String]) -> Vec<MetricDef> {
    let mut metrics = Vec::new();
    for m in models {
        metrics.push(MetricDef::real(format!("decide.{}.{m}", i.id)));
    }
    if i.rule.is_some() && i.status_quo.is_some() {
        metrics.push(MetricDef::event(format!("decide.{}.deadlock", i.id)));
    }
    if agenda(i).is_some() {
        metrics.push(MetricDef::real(format!("decide.{}.setter", i.id)));
        for way in MOVEMENTS {
            metrics.push(MetricDef::event(format!("decide.{}.{}", i.id, way.word())));
        }
        if i.linkage {
            metrics.push(MetricDef::real(format!("decide.{}.linked.setter", i.id)));
            for way in MOVEMENTS {
                metrics.push(MetricDef::event(format!(
                    "decide.{}.linked.{}",
                    i.id,
                    way.word()
                )));
            }
        }
    }
    metrics
}

/// The three ways of S2, in metric order.
const MOVEMENTS: [Movement; 3] = [Movement::Up, Movement::Down, Movement::Stays];

/// One draw's values of [`issue_metrics`]: model outcomes after the rule, deadlock (1/0), the
/// setter's adopted point and its movement events (1/0).
pub fn issue_values(issue: &ResolvedIssue, d: &IssueDecisions, models: &[String]) -> Vec<f64> {
    let flag = |b: bool| if b { 1.0 } else { 0.0 };
    let mut v: Vec<f64> = models
        .iter()
        .map(|m| d.decision(m).map_or(f64::NAN, |x| x.outcome[0]))
        .collect();
    if issue.rule.is_some() && issue.status_quo.is_some() {
        v.push(flag(d.deadlocked()));
    }
    if let Some(s) = &d.setter {
        v.push(s.outcome);
        v.extend(MOVEMENTS.iter().map(|&w| flag(s.movement == w)));
        if issue.linkage {
            let (z, m) = d
                .linkage
                .as_ref()
                .map_or((s.outcome, s.movement), |l| (l.outcome, l.movement));
            v.push(z);
            v.extend(MOVEMENTS.iter().map(|&w| flag(m == w)));
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{FLAGSHIP, load_str};

    #[test]
    fn a_run_of_some_lenses_matches_those_lenses_of_a_full_run() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let all = RunOptions {
            runs: 60,
            align_restarts: 50,
            ..RunOptions::default()
        };
        let full = serde_json::to_value(run_all(&r, FLAGSHIP, &all, &|_, _, _| {})).unwrap();
        for names in [["decide", "align"], ["escalate", "richardson"]] {
            let some = RunOptions {
                lenses: crate::experiment::Lenses::only(&names).unwrap(),
                ..all.clone()
            };
            let part = serde_json::to_value(run_all(&r, FLAGSHIP, &some, &|_, _, _| {})).unwrap();
            for key in [
                "decide",
                "decide_uncertainty",
                "align",
                "escalate",
                "richardson",
            ] {
                let chosen = names.iter().any(|n| key.starts_with(n));
                if chosen {
                    assert_eq!(part[key], full[key], "{key}");
                    assert!(!part[key].is_null(), "{key}");
                } else {
                    assert!(part[key].is_null(), "{key} should be left out");
                }
            }
        }
    }

    #[test]
    fn flagship_runs_every_lens() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let opts = RunOptions {
            runs: 200,
            align_restarts: 500,
            ..RunOptions::default()
        };
        let res = run_all(&r, FLAGSHIP, &opts, &|_, _, _| {});
        assert!(res.errors.is_empty(), "{:?}", res.errors);
        assert!(
            res.decide.is_some()
                && res.align.is_some()
                && res.escalate.is_some()
                && res.richardson.is_some()
        );
        let mc = res.decide_uncertainty.as_ref().unwrap();
        assert!(
            mc.metrics
                .iter()
                .any(|m| m.name == "decide.china-posture.compromise")
        );
        assert_eq!(
            res.escalate.as_ref().unwrap().policies.len(),
            r.scenario.escalate.as_ref().unwrap().policies.len()
        );
    }

    /// The fast path (draws written straight into the issues) equals realising the whole
    /// scenario and rebuilding the issues, draw for draw.
    #[test]
    fn decide_draws_land_where_realise_puts_them() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let mc = DecideMc::new(&r, &["compromise".to_string()]);
        for k in 0..20 {
            let mut a = crate::rng::run_stream(5, k);
            let mut b = crate::rng::run_stream(5, k);
            let mut out = vec![0.0; mc.metrics.len()];
            mc.run(0, k, &mut a, &mut out);
            let drawn = crate::experiment::realise(&r, &mc.inputs, &mut b);
            let all = decide_all(&issues(&drawn), &["compromise"], 0);
            let expected: Vec<f64> = all
                .iter()
                .flat_map(|d| {
                    let mut v = vec![d.decision("compromise").unwrap().outcome[0]];
                    if d.rule.is_some() && d.status_quo.is_some() {
                        v.push(if d.deadlocked() { 1.0 } else { 0.0 });
                    }
                    if let Some(s) = &d.setter {
                        let q = s.status_quo;
                        let linked = d.linkage.as_ref().map(|l| l.outcome);
                        for z in std::iter::once(s.outcome).chain(linked) {
                            v.push(z);
                            v.push(if z > q + 1.0 { 1.0 } else { 0.0 });
                            v.push(if z < q - 1.0 { 1.0 } else { 0.0 });
                            v.push(if (z - q).abs() <= 1.0 { 1.0 } else { 0.0 });
                        }
                    }
                    v
                })
                .collect();
            assert_eq!(out, expected, "run {k}");
        }
    }

    /// `run --seed 7` reaches every lens: align's random starts and every policy's runs.
    #[test]
    fn one_seed_reaches_every_lens() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let opts = RunOptions {
            seed: 7,
            runs: 100,
            align_restarts: 200,
            ..RunOptions::default()
        };
        let res = run_all(&r, FLAGSHIP, &opts, &|_, _, _| {});
        assert_eq!(res.seed, 7);
        let align = res.align.as_ref().unwrap();
        assert_eq!(align.diagnostics.seed, Some(7), "align ignored the seed");
        for p in &res.escalate.as_ref().unwrap().policies {
            assert_eq!((p.summary.seed, p.summary.runs), (7, 100), "{}", p.id);
        }
    }

    #[test]
    fn results_are_identical_for_any_thread_count() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let opts = RunOptions {
            runs: 300,
            align_restarts: 300,
            ..RunOptions::default()
        };
        let json = |threads| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| {
                serde_json::to_string(&run_all(&r, FLAGSHIP, &opts, &|_, _, _| {})).unwrap()
            })
        };
        let one = json(1);
        assert_eq!(one, json(2));
        assert_eq!(one, json(4));
    }
}
