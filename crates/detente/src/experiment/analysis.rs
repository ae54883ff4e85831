//! Analyses over a scenario: metrics addressed by name, sweeps over a grid
//! or a Latin hypercube, one-at-a-time and Morris sensitivity, an actor's levers, and the
//! comparison of every escalate policy on common random numbers.
//!
//! Metric names:
//!
//! | name | value |
//! |---|---|
//! | `decide.ISSUE.MODEL` | the model's outcome after the body's rule (issue scale) |
//! | `decide.ISSUE.MODEL.unconstrained` | the model's prediction before the rule |
//! | `decide.ISSUE.deadlock` | 1 when the rule leaves only the status quo, else 0 |
//! | `escalate.POLICY.spiral` | spiral probability over `runs` runs |
//! | `escalate.POLICY.welfare.SIDE` | mean welfare of a side (`joint`: both sides) |
//! | `escalate.POLICY.onset` | median onset period among spiralling runs (NaN: none) |
//!
//! Decide metrics run the model at point values through [`crate::decide::scenario`]; escalate
//! metrics play `runs` runs of the policy with the master seed, so every point of a sweep, every
//! tornado bar and every lever uses the same random numbers (common random numbers): differences
//! between points are the parameters' effect, not sampling noise.

use super::design::{self, TornadoBar};
use super::input_path::{ActorField, InputPath, Section, StanceField};
use super::inputs::{all_inputs, set, uncertain_inputs};
use crate::decide::registry::{self, Model};
use crate::decide::scenario::{feasible_set, issues, resolve_issue};
use crate::decide::{Decision, ResolvedIssue, run, run_multi};
use crate::escalate::dilemma::{
    DisputeSummary, MonteCarloSummary, PairedMetric, PolicyArms, monte_carlo,
};
use crate::experiment::paired::PairedDifference;
use crate::par::*;
use crate::rng::{derive, run_stream};
use crate::scenario::{Resolved, Uncertain};
use crate::stats::Proportion;
use serde::Serialize;
use std::fmt;
use std::sync::Mutex;

/// Why an analysis cannot run.
#[derive(Debug, Clone, PartialEq)]
pub enum AnalysisError {
    /// The request names something the scenario does not have (metric, path, actor) or is
    /// malformed; the message lists the valid options.
    Invalid(String),
    /// A lens failed on the scenario.
    Failed(String),
}

impl fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnalysisError::Invalid(m) | AnalysisError::Failed(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for AnalysisError {}

/// A scalar outcome of a scenario, addressed by name (see the module table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Metric {
    /// A decision model's prediction on an issue; `unconstrained` = before the body's rule.
    Decide {
        /// Issue id.
        issue: String,
        /// Registry name of the model.
        model: String,
        /// Before the rule (`true`) or after it.
        unconstrained: bool,
    },
    /// Whether the body's rule leaves only the status quo (1/0).
    Deadlock {
        /// Issue id.
        issue: String,
    },
    /// Spiral probability of a policy.
    Spiral {
        /// Policy id.
        policy: String,
    },
    /// Mean welfare of one side (or `joint`) under a policy.
    Welfare {
        /// Policy id.
        policy: String,
        /// Side name, or `joint`.
        side: String,
    },
    /// Median onset period (1-based) among the runs that spiralled.
    Onset {
        /// Policy id.
        policy: String,
    },
}

impl fmt::Display for Metric {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Metric::Decide {
                issue,
                model,
                unconstrained,
            } => {
                write!(f, "decide.{issue}.{model}")?;
                if *unconstrained {
                    f.write_str(".unconstrained")?;
                }
                Ok(())
            }
            Metric::Deadlock { issue } => write!(f, "decide.{issue}.deadlock"),
            Metric::Spiral { policy } => write!(f, "escalate.{policy}.spiral"),
            Metric::Welfare { policy, side } => write!(f, "escalate.{policy}.welfare.{side}"),
            Metric::Onset { policy } => write!(f, "escalate.{policy}.onset"),
        }
    }
}

/// What a scenario offers to name: issues (and those with a rule), models, policies, sides.
struct Catalogue {
    issues: Vec<String>,
    ruled: Vec<String>,
    policies: Vec<String>,
    sides: Vec<String>,
}

impl Catalogue {
    fn of(r: &Resolved) -> Self {
        let is = issues(r);
        let (policies, sides) = match &r.scenario.escalate {
            Some(e) => (
                e.policies.iter().map(|p| p.id.clone()).collect(),
                e.sides
                    .keys()
                    .cloned()
                    .chain(std::iter::once("joint".to_string()))
                    .collect(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        Catalogue {
            issues: is.iter().map(|i| i.id.clone()).collect(),
            ruled: is
                .iter()
                .filter(|i| i.rule.is_some() && i.status_quo.is_some())
                .map(|i| i.id.clone())
                .collect(),
            policies,
            sides,
        }
    }

    fn names(&self) -> Vec<String> {
        let mut out = Vec::new();
        for i in &self.issues {
            for m in crate::decide::registry::NAMES {
                out.push(format!("decide.{i}.{m}"));
                out.push(format!("decide.{i}.{m}.unconstrained"));
            }
            if self.ruled.contains(i) {
                out.push(format!("decide.{i}.deadlock"));
            }
        }
        for p in &self.policies {
            out.push(format!("escalate.{p}.spiral"));
            out.push(format!("escalate.{p}.onset"));
            for s in &self.sides {
                out.push(format!("escalate.{p}.welfare.{s}"));
            }
        }
        out
    }

    fn help(&self) -> String {
        // Wrapped so that the message fits a 100-column terminal.
        let list = |v: &[String]| {
            if v.is_empty() {
                return "(none in this scenario)".to_string();
            }
            let mut out = String::new();
            let mut width = 0;
            for (k, item) in v.iter().enumerate() {
                if k > 0 {
                    out.push(',');
                    if width + item.len() + 2 > 80 {
                        out.push_str("\n      ");
                        width = 0;
                    } else {
                        out.push(' ');
                        width += 1;
                    }
                }
                out.push_str(item);
                width += item.len() + 1;
            }
            out
        };
        format!(
            "valid metrics:\n  decide.ISSUE.MODEL, decide.ISSUE.MODEL.unconstrained\n    ISSUE: {}\n    \
             MODEL: {}\n  decide.ISSUE.deadlock\n    ISSUE: {}\n  escalate.POLICY.spiral, \
             escalate.POLICY.onset, escalate.POLICY.welfare.SIDE\n    POLICY: {}\n    SIDE: {}",
            list(&self.issues),
            crate::decide::registry::NAMES.join(", "),
            list(&self.ruled),
            list(&self.policies),
            list(&self.sides),
        )
    }
}

/// The closest of `candidates` to `wrong` (Jaro–Winkler ≥ 0.8), for "did you mean".
fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(s, _)| *s >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

impl Metric {
    /// Parse and check a metric name against the scenario. The error names the closest valid
    /// metric and lists every valid form with the scenario's issues, models, policies and sides.
    pub fn parse(r: &Resolved, name: &str) -> Result<Metric, AnalysisError> {
        let cat = Catalogue::of(r);
        let s = |x: &&str| x.to_string();
        let parts: Vec<&str> = name.split('.').collect();
        let parsed = match parts.as_slice() {
            ["decide", issue, "deadlock"] if cat.ruled.iter().any(|i| i == issue) => {
                Some(Metric::Deadlock { issue: s(issue) })
            }
            ["decide", issue, model] => Some(Metric::Decide {
                issue: s(issue),
                model: s(model),
                unconstrained: false,
            }),
            ["decide", issue, model, "unconstrained"] => Some(Metric::Decide {
                issue: s(issue),
                model: s(model),
                unconstrained: true,
            }),
            ["escalate", policy, "spiral"] => Some(Metric::Spiral { policy: s(policy) }),
            ["escalate", policy, "onset"] => Some(Metric::Onset { policy: s(policy) }),
            ["escalate", policy, "welfare", side] => Some(Metric::Welfare {
                policy: s(policy),
                side: s(side),
            }),
            _ => None,
        };
        let valid = match &parsed {
            Some(Metric::Decide { issue, model, .. }) => {
                cat.issues.contains(issue) && crate::decide::registry::NAMES.contains(&&**model)
            }
            Some(Metric::Deadlock { .. }) => true,
            Some(Metric::Spiral { policy } | Metric::Onset { policy }) => {
                cat.policies.contains(policy)
            }
            Some(Metric::Welfare { policy, side }) => {
                cat.policies.contains(policy) && cat.sides.contains(side)
            }
            None => false,
        };
        match parsed {
            Some(m) if valid => Ok(m),
            _ => {
                let names = cat.names();
                let hint = closest(name, names.iter().map(String::as_str))
                    .map(|c| format!("; did you mean `{c}`?"))
                    .unwrap_or_default();
                Err(AnalysisError::Invalid(format!(
                    "unknown metric `{name}`{hint}\n{}",
                    cat.help()
                )))
            }
        }
    }

    /// Every valid metric name of the scenario.
    pub fn names(r: &Resolved) -> Vec<String> {
        Catalogue::of(r).names()
    }

    /// Whether the metric's lens reads the input at `path` (conservatively: `true` when it
    /// might; `false` for text that is no input path). Decide on an issue reads that issue and
    /// actors' capabilities and populations (the exchange model reads every issue); escalate
    /// reads `[escalate]`, capabilities and ties.
    pub fn reads(&self, path: &str) -> bool {
        InputPath::parse(path).is_ok_and(|p| self.reads_input(&p))
    }

    /// [`Metric::reads`] for a typed path.
    pub fn reads_input(&self, path: &InputPath) -> bool {
        let section = path.section();
        match self {
            Metric::Decide { model, .. } if model == "exchange" => {
                matches!(section, Section::Issue | Section::Actor)
            }
            Metric::Decide { issue, .. } | Metric::Deadlock { issue } => {
                path.issue() == Some(issue.as_str()) || section == Section::Actor
            }
            Metric::Spiral { .. } | Metric::Welfare { .. } | Metric::Onset { .. } => {
                let capability = matches!(
                    path,
                    InputPath::Actor {
                        field: ActorField::Capability,
                        ..
                    }
                );
                capability || matches!(section, Section::Escalate | Section::Tie)
            }
        }
    }

    /// Whether the metric comes from the escalate lens (and so depends on `runs` and the seed).
    pub fn is_stochastic(&self) -> bool {
        matches!(
            self,
            Metric::Spiral { .. } | Metric::Welfare { .. } | Metric::Onset { .. }
        )
    }
}

/// Evaluate `metrics` on `r` (uncertain inputs at their point values). Each decision model gives
/// the answer it gives when it runs on every issue (`seed` feeds the stochastic ones), but runs
/// only on the issues that answer depends on; each policy named plays `runs` runs on `seed`. A
/// model that cannot solve an issue gives NaN; a policy that cannot run is an error.
pub fn evaluate(
    r: &Resolved,
    metrics: &[Metric],
    runs: u64,
    seed: u64,
) -> Result<Vec<f64>, AnalysisError> {
    let mut models: Vec<&str> = Vec::new();
    let mut needs_decide = false;
    let mut wanted_policies: Vec<&str> = Vec::new();
    for m in metrics {
        match m {
            Metric::Decide { model, .. } => {
                needs_decide = true;
                if !models.contains(&model.as_str()) {
                    models.push(model);
                }
            }
            Metric::Deadlock { .. } => needs_decide = true,
            Metric::Spiral { policy }
            | Metric::Onset { policy }
            | Metric::Welfare { policy, .. } => {
                if !wanted_policies.contains(&policy.as_str()) {
                    wanted_policies.push(policy);
                }
            }
        }
    }
    let decide = if needs_decide {
        DecideValues::of(r, metrics, &models, seed, &|name| {
            registry::build(name, None)
        })
    } else {
        DecideValues::default()
    };
    let mut summaries: Vec<(&str, MonteCarloSummary)> = Vec::new();
    if !wanted_policies.is_empty() {
        if runs == 0 {
            return Err(AnalysisError::Invalid(
                "escalate metrics need at least one run".into(),
            ));
        }
        let all = crate::escalate::scenario::policy_setups(r)
            .map_err(|e| AnalysisError::Failed(e.to_string()))?;
        for p in wanted_policies {
            let setup = all.iter().find(|x| x.id == p).ok_or_else(|| {
                AnalysisError::Invalid(format!("the scenario has no policy `{p}`"))
            })?;
            let s = monte_carlo(&setup.setup, runs, seed)
                .map_err(|e| AnalysisError::Failed(format!("policy `{p}`: {e}")))?;
            summaries.push((p, s));
        }
    }
    let summary = |p: &str| summaries.iter().find(|(id, _)| *id == p).map(|(_, s)| s);
    Ok(metrics
        .iter()
        .map(|m| match m {
            Metric::Decide {
                issue,
                model,
                unconstrained,
            } => decide
                .decision(issue, model)
                .map_or(f64::NAN, |x| first_value(x, *unconstrained)),
            Metric::Deadlock { issue } => decide
                .deadlocked(issue)
                .map_or(f64::NAN, |d| f64::from(u8::from(d))),
            Metric::Spiral { policy } => summary(policy).map_or(f64::NAN, |s| s.spiral.estimate),
            Metric::Onset { policy } => summary(policy)
                .and_then(|s| s.onset.as_ref())
                .map_or(f64::NAN, |o| o.median),
            Metric::Welfare { policy, side } => summary(policy).map_or(f64::NAN, |s| {
                if side == "joint" && !s.sides.iter().any(|x| x == "joint") {
                    s.joint_welfare.mean
                } else {
                    s.sides
                        .iter()
                        .position(|x| x == side)
                        .and_then(|k| s.side_welfare.get(k))
                        .map_or(f64::NAN, |w| w.mean)
                }
            }),
        })
        .collect())
}

/// What the decide metrics of one evaluation read, computed on as few issues as leaves every
/// value equal to the one [`crate::decide::scenario::decide_all`] gives on every issue of the
/// scenario (which also works out the agenda setter, linkage and the models' spread, none of
/// which a metric reads):
///
/// - a single-issue model that never draws from the RNG ([`crate::decide::DecisionModel::draws`])
///   runs on the metric's issue alone: an issue resolves from its own `[[issue]]`, and such a
///   model's answer depends on nothing else;
/// - a model that draws shares one stream across the issues in file order, so it runs on every
///   issue up to the last one a metric reads (the later ones cannot change the earlier draws);
/// - a multi-issue model (exchange) runs jointly on every issue, as always;
/// - a deadlock reads the rule's admissible set of its issue alone.
#[derive(Default)]
struct DecideValues {
    /// `(issue, model, decision)`; `None`: the model gave no answer on the issue.
    decisions: Vec<(String, String, Option<Decision>)>,
    /// `(issue, deadlocked)` for the issues a deadlock metric reads.
    deadlocks: Vec<(String, bool)>,
}

impl DecideValues {
    /// The values `metrics` read, with each model named in `models` made by `build` (the
    /// registry's defaults, as `decide_all` makes them).
    fn of(
        r: &Resolved,
        metrics: &[Metric],
        models: &[&str],
        seed: u64,
        build: &dyn Fn(&str) -> Result<Model, crate::decide::DecideError>,
    ) -> Self {
        let mut alone: Vec<(String, Option<ResolvedIssue>)> = Vec::new();
        let mut resolve = |id: &str| -> Option<ResolvedIssue> {
            if let Some((_, i)) = alone.iter().find(|(x, _)| *x == id) {
                return i.clone();
            }
            let i = resolve_issue(r, id);
            alone.push((id.to_string(), i.clone()));
            i
        };
        let mut all: Option<Vec<ResolvedIssue>> = None;
        let mut out = DecideValues::default();
        for &name in models {
            let mut wanted: Vec<&str> = Vec::new();
            for m in metrics {
                if let Metric::Decide { issue, model, .. } = m
                    && model == name
                    && !wanted.contains(&issue.as_str())
                {
                    wanted.push(issue);
                }
            }
            let mut keep = |id: &str, d: Option<Decision>| {
                out.decisions.push((id.to_string(), name.to_string(), d));
            };
            let mut rng = run_stream(seed, 0);
            match build(name) {
                // No answer on any issue: every metric of the model is NaN.
                Err(_) => {}
                Ok(Model::Single(m)) if !m.draws() => {
                    for id in wanted {
                        if let Some(i) = resolve(id) {
                            keep(id, run(m.as_ref(), &i, &mut rng).ok());
                        }
                    }
                }
                Ok(Model::Single(m)) => {
                    let every = all.get_or_insert_with(|| issues(r));
                    let last = every.iter().rposition(|i| wanted.contains(&i.id.as_str()));
                    let upto = last.map_or(0, |k| k + 1);
                    for i in every[..upto].iter().filter(|i| i.n() > 0) {
                        let d = run(m.as_ref(), i, &mut rng).ok();
                        if wanted.contains(&i.id.as_str()) {
                            keep(&i.id, d);
                        }
                    }
                }
                Ok(Model::Multi(m)) => {
                    let every = all.get_or_insert_with(|| issues(r));
                    let usable: Vec<ResolvedIssue> =
                        every.iter().filter(|i| i.n() > 0).cloned().collect();
                    let decided = run_multi(m.as_ref(), &usable, &mut rng).ok();
                    for (k, i) in usable.iter().enumerate() {
                        if wanted.contains(&i.id.as_str()) {
                            keep(&i.id, decided.as_ref().and_then(|d| d.get(k).cloned()));
                        }
                    }
                }
            }
        }
        for m in metrics {
            if let Metric::Deadlock { issue } = m {
                if out.deadlocks.iter().any(|(x, _)| x == issue) {
                    continue;
                }
                if let Some(i) = resolve(issue) {
                    let deadlocked = feasible_set(&i).is_some_and(|(lo, hi)| lo == hi);
                    out.deadlocks.push((issue.clone(), deadlocked));
                }
            }
        }
        out
    }

    /// The decision of `model` on `issue` (the first issue of that id, as a lookup in
    /// `decide_all`'s answers finds it).
    fn decision(&self, issue: &str, model: &str) -> Option<&Decision> {
        self.decisions
            .iter()
            .find(|(i, m, _)| i == issue && m == model)?
            .2
            .as_ref()
    }

    fn deadlocked(&self, issue: &str) -> Option<bool> {
        self.deadlocks
            .iter()
            .find(|(i, _)| i == issue)
            .map(|(_, d)| *d)
    }
}

/// Check that `path` addresses an input of `r`; the error names the closest path and lists the
/// path forms ([`InputPath::forms`]).
pub fn check_path(r: &Resolved, path: &str) -> Result<(), AnalysisError> {
    let mut probe = r.clone();
    let value = all_inputs(r)
        .into_iter()
        .find(|i| i.path == path)
        .map_or(Uncertain::Fixed(0.0), |i| i.value);
    set(&mut probe, path, value).map_err(|e| {
        let known: Vec<String> = all_inputs(r).into_iter().map(|i| i.path).collect();
        let hint = closest(path, known.iter().map(String::as_str))
            .map(|c| format!("; did you mean `{c}`?"))
            .unwrap_or_default();
        AnalysisError::Invalid(format!(
            "{e}{hint}\nvalid paths: {}",
            InputPath::forms().join(", ")
        ))
    })
}

/// `r` with each input `path` fixed at `value`, checked as a sweep checks its parameters: the
/// path must address an input of `r` (the error names the closest path) and the value must be
/// a finite number inside the input's domain.
pub fn with_overrides(
    r: &Resolved,
    overrides: &[(String, f64)],
) -> Result<Resolved, AnalysisError> {
    for (path, value) in overrides {
        check_path(r, path)?;
        if !value.is_finite() {
            return Err(AnalysisError::Invalid(format!(
                "`{path}` = {value} is not a finite number"
            )));
        }
        super::domain::check_value(r, path, *value)
            .map_err(|e| AnalysisError::Invalid(e.to_string()))?;
    }
    let (paths, values): (Vec<String>, Vec<f64>) = overrides.iter().cloned().unzip();
    with_values(r, &paths, &values)
}

/// `r` with every `(path, value)` fixed (paths already checked).
fn with_values(r: &Resolved, paths: &[String], values: &[f64]) -> Result<Resolved, AnalysisError> {
    let mut out = r.clone();
    for (p, &v) in paths.iter().zip(values) {
        set(&mut out, p, Uncertain::Fixed(v)).map_err(|e| AnalysisError::Invalid(e.to_string()))?;
    }
    Ok(out)
}

/// Which points a sweep visits.
#[derive(Debug, Clone, PartialEq)]
pub enum Design {
    /// Every combination of the listed values (the last parameter varying fastest).
    Grid(Vec<(String, Vec<f64>)>),
    /// `points` points of a Latin hypercube over `[low, high]` of each parameter.
    LatinHypercube {
        /// `(path, low, high)` per parameter.
        ranges: Vec<(String, f64, f64)>,
        /// Number of points.
        points: usize,
    },
}

/// One sweep result: a point's parameter values and one metric's value there.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepRow {
    /// Point index (0-based, design order).
    pub point: usize,
    /// Parameter values, in the order of [`SweepTable::params`].
    pub values: Vec<f64>,
    /// Metric name.
    pub metric: String,
    /// Metric value (NaN: undefined, e.g. no run spiralled for an onset).
    pub value: f64,
}

/// A sweep's long table: one row per point × metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepTable {
    /// `grid` or `lhs`.
    pub design: String,
    /// Parameter paths.
    pub params: Vec<String>,
    /// Metric names.
    pub metrics: Vec<String>,
    /// Escalate runs per point.
    pub runs: u64,
    /// Master seed (the same at every point: common random numbers).
    pub seed: u64,
    /// Rows, point-major.
    pub rows: Vec<SweepRow>,
}

/// Tag for the Latin-hypercube generator, so it never shares numbers with a model run.
const LHS_STREAM: u64 = 0x1a75;
/// Tag for the Morris trajectories.
const MORRIS_STREAM: u64 = 0x3044;

/// The most points a sweep evaluates. Each point is a full evaluation of the scenario; a grid
/// a typo produces (`0:100:1000000000`) is refused before it is built.
pub const MAX_POINTS: usize = 100_000;

/// The points a sweep visits, before any is evaluated: the parameter paths and each point's
/// values, in design order. A front end that spreads a sweep over several processes plans
/// once, evaluates slices of the points anywhere ([`sweep_points`]) and concatenates the rows:
/// every point runs on the master seed, so a slice's rows do not depend on how the points
/// were split.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SweepPlan {
    /// `grid` or `lhs`.
    pub design: String,
    /// Parameter paths.
    pub params: Vec<String>,
    /// Parameter values per point, in the order of `params`.
    pub points: Vec<Vec<f64>>,
}

/// Plan the points of `design` on `r`: every path is checked, every value must be finite and
/// inside what the scenario format allows for its path, and a design has at most
/// [`MAX_POINTS`] points. The Latin hypercube draws from a stream derived from `seed`.
pub fn plan_sweep(r: &Resolved, design: &Design, seed: u64) -> Result<SweepPlan, AnalysisError> {
    let (kind, params, points) = match design {
        Design::Grid(axes) => {
            if let Some((p, _)) = axes.iter().find(|(_, v)| v.is_empty()) {
                return Err(AnalysisError::Invalid(format!(
                    "parameter `{p}` has no values"
                )));
            }
            let count = axes
                .iter()
                .try_fold(1usize, |acc, (_, v)| acc.checked_mul(v.len()))
                .filter(|n| *n <= MAX_POINTS);
            if count.is_none() {
                return Err(AnalysisError::Invalid(format!(
                    "the grid has more than {MAX_POINTS} points; use fewer values per parameter \
                     or a Latin hypercube"
                )));
            }
            let values: Vec<Vec<f64>> = axes.iter().map(|(_, v)| v.clone()).collect();
            let params: Vec<String> = axes.iter().map(|(p, _)| p.clone()).collect();
            ("grid", params, design::grid(&values))
        }
        Design::LatinHypercube { ranges, points } => {
            if *points == 0 {
                return Err(AnalysisError::Invalid(
                    "a Latin hypercube needs at least one point".into(),
                ));
            }
            if *points > MAX_POINTS {
                return Err(AnalysisError::Invalid(format!(
                    "a Latin hypercube of {points} points: at most {MAX_POINTS}"
                )));
            }
            let bounds: Vec<(f64, f64)> = ranges.iter().map(|(_, lo, hi)| (*lo, *hi)).collect();
            let mut rng = run_stream(derive(seed, [LHS_STREAM, 0, 0]), 0);
            let pts = design::latin_hypercube(&bounds, *points, &mut rng);
            let params = ranges.iter().map(|(p, _, _)| p.clone()).collect();
            ("lhs", params, pts)
        }
    };
    if params.is_empty() {
        return Err(AnalysisError::Invalid(
            "a sweep needs at least one parameter".into(),
        ));
    }
    for p in &params {
        check_path(r, p)?;
    }
    if let Some(v) = points.iter().flatten().find(|v| !v.is_finite()) {
        return Err(AnalysisError::Invalid(format!(
            "parameter value {v} is not a finite number"
        )));
    }
    for x in &points {
        for (p, v) in params.iter().zip(x) {
            super::domain::check_value(r, p, *v)
                .map_err(|e| AnalysisError::Invalid(e.to_string()))?;
        }
    }
    Ok(SweepPlan {
        design: kind.into(),
        params,
        points,
    })
}

/// Evaluate `metrics` at the points `range` of `plan` (in parallel, collected in design order):
/// each point sets its parameters (fixed values) on a copy of `r` and is evaluated with
/// [`evaluate`] on `runs` runs of the master `seed`. Rows carry the points' indices in the
/// whole plan.
pub fn sweep_points(
    r: &Resolved,
    plan: &SweepPlan,
    range: std::ops::Range<usize>,
    metrics: &[Metric],
    runs: u64,
    seed: u64,
) -> Result<Vec<SweepRow>, AnalysisError> {
    if metrics.is_empty() {
        return Err(AnalysisError::Invalid(
            "a sweep needs at least one metric".into(),
        ));
    }
    let Some(points) = plan.points.get(range.clone()) else {
        return Err(AnalysisError::Invalid(format!(
            "points {}..{} are not in a plan of {} points",
            range.start,
            range.end,
            plan.points.len()
        )));
    };
    let results: Vec<Result<Vec<f64>, AnalysisError>> = points
        .par_iter()
        .map(|x| evaluate(&with_values(r, &plan.params, x)?, metrics, runs, seed))
        .collect();
    let mut rows = Vec::with_capacity(points.len() * metrics.len());
    for (point, (x, res)) in range.zip(points.iter().zip(results)) {
        for (m, value) in metrics.iter().zip(res?) {
            rows.push(SweepRow {
                point,
                values: x.clone(),
                metric: m.to_string(),
                value,
            });
        }
    }
    Ok(rows)
}

/// Evaluate `metrics` at every point of `design` ([`plan_sweep`], then [`sweep_points`] over
/// all of them). Every point runs on the master `seed`: common random numbers.
pub fn sweep(
    r: &Resolved,
    design: &Design,
    metrics: &[Metric],
    runs: u64,
    seed: u64,
) -> Result<SweepTable, AnalysisError> {
    if metrics.is_empty() {
        return Err(AnalysisError::Invalid(
            "a sweep needs at least one metric".into(),
        ));
    }
    let plan = plan_sweep(r, design, seed)?;
    let rows = sweep_points(r, &plan, 0..plan.points.len(), metrics, runs, seed)?;
    Ok(SweepTable::new(plan, metrics, runs, seed, rows))
}

impl SweepTable {
    /// The table of `rows` evaluated on `plan` (all of its points, in design order).
    pub fn new(
        plan: SweepPlan,
        metrics: &[Metric],
        runs: u64,
        seed: u64,
        rows: Vec<SweepRow>,
    ) -> Self {
        SweepTable {
            design: plan.design,
            params: plan.params,
            metrics: metrics.iter().map(ToString::to_string).collect(),
            runs,
            seed,
            rows,
        }
    }
}

/// One bar of a tornado diagram over a named input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TornadoRow {
    /// Input path.
    pub path: String,
    /// The input's low bound.
    pub low: f64,
    /// Its point value (the base of every other bar).
    pub base: f64,
    /// Its high bound.
    pub high: f64,
    /// Metric with the input at `low`, every other input at its point value.
    pub at_low: f64,
    /// Metric with the input at `high`.
    pub at_high: f64,
    /// |at_high − at_low|.
    pub swing: f64,
}

/// Morris elementary effects of a named input (per full range of the input).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MorrisRow {
    /// Input path.
    pub path: String,
    /// Low bound.
    pub low: f64,
    /// High bound.
    pub high: f64,
    /// Mean effect μ.
    pub mu: f64,
    /// Mean absolute effect μ* (importance).
    pub mu_star: f64,
    /// Standard deviation σ (non-linearity, interactions).
    pub sigma: f64,
}

/// What moves a metric: tornado over every uncertain input, and Morris screening.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sensitivity {
    /// Metric name.
    pub metric: String,
    /// Escalate runs per evaluation.
    pub runs: u64,
    /// Master seed.
    pub seed: u64,
    /// Metric at the point values of every input.
    pub base: f64,
    /// Bars, largest swing first.
    pub tornado: Vec<TornadoRow>,
    /// Morris effects, largest μ* first (when asked for or when there are many inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub morris: Option<Vec<MorrisRow>>,
}

/// Options of [`sensitivity`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SensitivityOptions {
    /// Always run Morris screening (it also runs when there are more than [`MORRIS_AUTO`]
    /// uncertain inputs).
    pub morris: bool,
    /// Morris trajectories r.
    pub trajectories: usize,
    /// Morris grid levels p.
    pub levels: usize,
}

impl Default for SensitivityOptions {
    fn default() -> Self {
        SensitivityOptions {
            morris: false,
            trajectories: 10,
            levels: 4,
        }
    }
}

/// Above this many uncertain inputs, Morris screening runs even when not asked for.
pub const MORRIS_AUTO: usize = 20;

/// Sensitivity of `metric` to every uncertain input: a tornado (each input at its low and high
/// bound, the others at their point values) and, with `opts.morris` or more than
/// [`MORRIS_AUTO`] inputs, Morris μ* and σ over the inputs' `[low, high]` ranges.
pub fn sensitivity(
    r: &Resolved,
    metric: &Metric,
    runs: u64,
    seed: u64,
    opts: SensitivityOptions,
) -> Result<Sensitivity, AnalysisError> {
    one_at_a_time(r, metric, runs, seed, Some(opts))
}

/// The tornado of [`sensitivity`] alone, never with Morris screening (`morris` is `None`): the
/// same bars and base, without the Morris trajectories' evaluations (ten or more per input),
/// for a caller that shows only the tornado.
pub fn tornado(
    r: &Resolved,
    metric: &Metric,
    runs: u64,
    seed: u64,
) -> Result<Sensitivity, AnalysisError> {
    one_at_a_time(r, metric, runs, seed, None)
}

/// [`sensitivity`] with Morris screening as `opts` asks, or none at all (`None`).
fn one_at_a_time(
    r: &Resolved,
    metric: &Metric,
    runs: u64,
    seed: u64,
    opts: Option<SensitivityOptions>,
) -> Result<Sensitivity, AnalysisError> {
    let inputs = uncertain_inputs(r);
    if inputs.is_empty() {
        return Err(AnalysisError::Invalid(
            "the scenario has no uncertain input (write a number as {low, mode, high} or \
             {low, high} to make it one)"
                .into(),
        ));
    }
    let paths: Vec<String> = inputs.iter().map(|i| i.path.clone()).collect();
    let base: Vec<f64> = inputs.iter().map(|i| i.value.point()).collect();
    let lows: Vec<f64> = inputs.iter().map(|i| i.value.low()).collect();
    let highs: Vec<f64> = inputs.iter().map(|i| i.value.high()).collect();
    // Only inputs the metric's lens reads are evaluated; the others have no effect by
    // construction (swing 0, Morris effects 0), which keeps escalate metrics affordable.
    let active: Vec<usize> = (0..paths.len())
        .filter(|&i| metric.reads(&paths[i]))
        .collect();
    let active_paths: Vec<String> = active.iter().map(|&i| paths[i].clone()).collect();
    let pick = |v: &[f64]| -> Vec<f64> { active.iter().map(|&i| v[i]).collect() };
    let failure: Mutex<Option<AnalysisError>> = Mutex::new(None);
    let metrics = std::slice::from_ref(metric);
    // f over the active inputs only; the others stay at their point values.
    let f = |x: &[f64]| -> f64 {
        match with_values(r, &active_paths, x).and_then(|s| evaluate(&s, metrics, runs, seed)) {
            Ok(v) => v[0],
            Err(e) => {
                if let Ok(mut slot) = failure.lock() {
                    slot.get_or_insert(e);
                }
                f64::NAN
            }
        }
    };
    let base_point = pick(&base);
    let base_value = f(&base_point);
    // A bound at the input's point value (e.g. a triangular mode at its low end) is the base
    // point itself: f is a pure function of its inputs, so the base value is reused.
    let at = |x: &[f64]| -> f64 {
        let same = x
            .iter()
            .zip(&base_point)
            .all(|(a, b)| a.to_bits() == b.to_bits());
        if same { base_value } else { f(x) }
    };
    let bars: Vec<TornadoBar> = design::tornado(&base_point, &pick(&lows), &pick(&highs), &at);
    let mut tornado: Vec<(usize, TornadoRow)> = (0..paths.len())
        .filter(|i| !active.contains(i))
        .map(|i| TornadoBar {
            input: i,
            input_low: lows[i],
            input_high: highs[i],
            at_low: base_value,
            at_high: base_value,
            swing: 0.0,
        })
        .chain(bars.into_iter().map(|b| TornadoBar {
            input: active[b.input],
            ..b
        }))
        .map(|b| {
            (
                b.input,
                TornadoRow {
                    path: paths[b.input].clone(),
                    low: b.input_low,
                    base: base[b.input],
                    high: b.input_high,
                    at_low: b.at_low,
                    at_high: b.at_high,
                    swing: b.swing,
                },
            )
        })
        .collect();
    crate::order::sort_by(&mut tornado, |(i, a), (j, b)| {
        b.swing.total_cmp(&a.swing).then(i.cmp(j))
    });
    let tornado = tornado.into_iter().map(|(_, row)| row).collect();
    let morris = opts
        .filter(|o| o.morris || inputs.len() > MORRIS_AUTO)
        .map(|opts| {
            let ranges: Vec<(f64, f64)> = active.iter().map(|&i| (lows[i], highs[i])).collect();
            let mut rng = run_stream(derive(seed, [MORRIS_STREAM, 0, 0]), 0);
            let effects = if active.is_empty() {
                Vec::new()
            } else {
                design::morris(&ranges, opts.trajectories.max(2), opts.levels, &mut rng, &f)
            };
            let mut rows: Vec<(usize, MorrisRow)> = (0..paths.len())
                .map(|i| {
                    let e = active
                        .iter()
                        .position(|&a| a == i)
                        .and_then(|k| effects.get(k));
                    let row = MorrisRow {
                        path: paths[i].clone(),
                        low: lows[i],
                        high: highs[i],
                        mu: e.map_or(0.0, |e| e.mu),
                        mu_star: e.map_or(0.0, |e| e.mu_star),
                        sigma: e.map_or(0.0, |e| e.sigma),
                    };
                    (i, row)
                })
                .collect();
            crate::order::sort_by(&mut rows, |(i, a), (j, b)| {
                b.mu_star.total_cmp(&a.mu_star).then(i.cmp(j))
            });
            rows.into_iter().map(|(_, row)| row).collect()
        });
    if let Some(e) = failure.into_inner().ok().flatten() {
        return Err(e);
    }
    Ok(Sensitivity {
        metric: metric.to_string(),
        runs,
        seed,
        base: base_value,
        tornado,
        morris,
    })
}

/// The kind of a single change an actor can make or seek.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LeverKind {
    /// The actor moves its own position.
    OwnPosition,
    /// The actor cares more or less about the issue.
    OwnSalience,
    /// The actor persuades another actor to move toward it.
    Persuade,
}

/// One candidate change and what it does to the metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lever {
    /// What kind of change.
    pub kind: LeverKind,
    /// Whose stance changes.
    pub actor: String,
    /// The input it changes.
    pub path: String,
    /// The input's value before.
    pub from: f64,
    /// And after.
    pub to: f64,
    /// The metric after the change.
    pub value: f64,
    /// Metric after − metric before (simulated: the model re-run).
    pub effect: f64,
    /// The compromise model's closed form of the effect (D1), where it applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub closed_form: Option<f64>,
}

/// An actor's levers on a decide metric, largest |effect| first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Levers {
    /// The actor.
    pub actor: String,
    /// The metric.
    pub metric: String,
    /// Position step Δ (issue scale).
    pub delta: f64,
    /// Metric before any change.
    pub base: f64,
    /// Candidates, largest |effect| first (ties keep candidate order; NaN last).
    pub levers: Vec<Lever>,
}

/// Salience step of the salience levers.
pub const SALIENCE_STEP: f64 = 0.1;

/// Every single change `actor` could make on the issue of `metric` (a `decide.ISSUE.MODEL`
/// metric): its own position ±`delta` (clamped to the scale), its salience ±0.1 (clamped to
/// [0, 1]), or persuading another actor to move `delta` toward it (never past it). Each is
/// evaluated by re-running the model. For the compromise model, where the body's rule does not
/// apply (the `.unconstrained` metric, or no rule), the closed form of D1 is given too: a shift
/// d of actor i moves the outcome by `w_i d / W`; a salience change Δs by
/// `c_i Δs (x_i − O) / (W + c_i Δs)`, with `w = c·s`, `W = Σw`.
pub fn levers(
    r: &Resolved,
    actor: &str,
    metric: &Metric,
    delta: f64,
    seed: u64,
) -> Result<Levers, AnalysisError> {
    let Metric::Decide {
        issue: issue_id,
        model,
        unconstrained,
    } = metric
    else {
        return Err(AnalysisError::Invalid(format!(
            "levers need a decide.ISSUE.MODEL metric, not `{metric}`"
        )));
    };
    if !(delta.is_finite() && delta > 0.0) {
        return Err(AnalysisError::Invalid(format!(
            "the position step must be a positive number, not {delta}"
        )));
    }
    let all = issues(r);
    let issue = all
        .iter()
        .find(|i| &i.id == issue_id)
        .ok_or_else(|| AnalysisError::Invalid(format!("no issue `{issue_id}`")))?;
    let Some(me) = issue.stances.iter().position(|s| s.actor == actor) else {
        let ids: Vec<&str> = issue.stances.iter().map(|s| s.actor.as_str()).collect();
        let hint = closest(actor, ids.iter().copied())
            .map(|c| format!("; did you mean `{c}`?"))
            .unwrap_or_default();
        return Err(AnalysisError::Invalid(format!(
            "`{actor}` holds no stance on `{issue_id}`{hint}\nactors with a stance: {}",
            ids.join(", ")
        )));
    };
    let metrics = std::slice::from_ref(metric);
    let base = evaluate(r, metrics, 0, seed)?[0];
    let (lo, hi) = (issue.scale.lo, issue.scale.hi);
    let x_me = issue.stances[me].x();
    let path = |who: &str, field| {
        InputPath::Stance {
            issue: issue_id.clone(),
            actor: who.to_string(),
            field,
        }
        .to_string()
    };
    let mut candidates: Vec<(LeverKind, usize, String, f64, f64)> = Vec::new();
    for step in [delta, -delta] {
        let to = (x_me + step).clamp(lo, hi);
        if to != x_me {
            candidates.push((
                LeverKind::OwnPosition,
                me,
                path(actor, StanceField::Position),
                x_me,
                to,
            ));
        }
    }
    let s_me = issue.stances[me].s();
    for step in [SALIENCE_STEP, -SALIENCE_STEP] {
        let to = (s_me + step).clamp(0.0, 1.0);
        if to != s_me {
            candidates.push((
                LeverKind::OwnSalience,
                me,
                path(actor, StanceField::Salience),
                s_me,
                to,
            ));
        }
    }
    for (j, other) in issue.stances.iter().enumerate() {
        let gap = x_me - other.x();
        if j == me || gap == 0.0 {
            continue;
        }
        let to = other.x() + gap.signum() * delta.min(gap.abs());
        candidates.push((
            LeverKind::Persuade,
            j,
            path(&other.actor, StanceField::Position),
            other.x(),
            to,
        ));
    }
    // D1 applies to the outcome itself only when no rule constrains it.
    let closed = model == "compromise"
        && (*unconstrained || issue.rule.is_none() || issue.status_quo.is_none());
    let weights: Vec<f64> = issue.stances.iter().map(|s| s.capability * s.s()).collect();
    let total: f64 = weights.iter().sum();
    let results: Vec<Result<f64, AnalysisError>> = candidates
        .par_iter()
        .map(|(_, _, p, _, to)| {
            let changed = with_values(r, std::slice::from_ref(p), &[*to])?;
            Ok(evaluate(&changed, metrics, 0, seed)?[0])
        })
        .collect();
    let mut out = Vec::with_capacity(candidates.len());
    for ((kind, who, p, from, to), value) in candidates.into_iter().zip(results) {
        let value = value?;
        let closed_form = (closed && total > 0.0)
            .then(|| match kind {
                LeverKind::OwnPosition | LeverKind::Persuade => {
                    Some(weights[who] * (to - from) / total)
                }
                LeverKind::OwnSalience => {
                    let dw = issue.stances[who].capability * (to - from);
                    (total + dw > 0.0).then(|| dw * (issue.stances[who].x() - base) / (total + dw))
                }
            })
            .flatten();
        out.push(Lever {
            kind,
            actor: issue.stances[who].actor.clone(),
            path: p,
            from,
            to,
            value,
            effect: value - base,
            closed_form,
        });
    }
    crate::order::sort_by(&mut out, |a, b| {
        match (a.effect.is_nan(), b.effect.is_nan()) {
            (false, false) => b.effect.abs().total_cmp(&a.effect.abs()),
            (x, y) => x.cmp(&y),
        }
    });
    Ok(Levers {
        actor: actor.into(),
        metric: metric.to_string(),
        delta,
        base,
        levers: out,
    })
}

/// One policy's headline numbers in a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyArm {
    /// Policy id.
    pub id: String,
    /// Label.
    pub label: String,
    /// Spiral probability with its 95 % Wilson interval.
    pub spiral: Proportion,
    /// Mean welfare per side, in the order of [`Comparison::sides`].
    pub side_welfare: Vec<f64>,
    /// Mean joint welfare.
    pub joint_welfare: f64,
    /// Median onset among spiralling runs (`None`: none spiralled).
    pub onset_median: Option<f64>,
    /// Militarised disputes: P(≥ 1 MID), P(≥ 1 at level ≥ 4), yearly hazard, dispute-years
    /// (`None` without a military domain).
    pub disputes: Option<DisputeSummary>,
}

/// A paired difference `a − b` between two policies on one metric (common random numbers):
/// `spiral`, `mid`, `mid_force` (Newcombe's hybrid score interval), `welfare.SIDE`,
/// `welfare.joint` or `dispute_years` (normal).
pub type PolicyDifference = PairedDifference;

/// Every escalate policy on common random numbers, with paired differences between every pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Runs per policy.
    pub runs: u64,
    /// Master seed.
    pub seed: u64,
    /// Side names.
    pub sides: Vec<String>,
    /// Per policy, in scenario order.
    pub policies: Vec<PolicyArm>,
    /// Every pair (a before b in scenario order) × metric.
    pub differences: Vec<PairedDifference>,
}

/// Run every policy `runs` times on `seed` (run k of every policy uses the same stream) and
/// difference every pair run by run. Each policy is one
/// arm of one Monte Carlo: n policies cost n × `runs` runs, and all n(n − 1)/2 pairs come from
/// those runs. Uncertain `[escalate]` parameters are drawn per run, the same for every policy.
pub fn compare(r: &Resolved, runs: u64, seed: u64) -> Result<Comparison, AnalysisError> {
    if runs == 0 {
        return Err(AnalysisError::Invalid(
            "compare needs at least one run".into(),
        ));
    }
    let policies = crate::escalate::scenario::policy_setups(r)
        .map_err(|e| AnalysisError::Invalid(e.to_string()))?;
    let named: Vec<_> = policies.iter().map(|p| (p.id.as_str(), &p.setup)).collect();
    let draws = crate::escalate::scenario::uncertain_params(r);
    let played = PolicyArms::play_drawn(&named, &draws, runs, seed)
        .map_err(|e| AnalysisError::Failed(e.to_string()))?;
    let sides = played.sides().to_vec();
    let arms = policies
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let s = played.summary(k);
            PolicyArm {
                id: p.id.clone(),
                label: p.label.clone(),
                spiral: s.spiral,
                side_welfare: s.side_welfare.iter().map(|w| w.mean).collect(),
                joint_welfare: s.joint_welfare.mean,
                onset_median: s.onset.as_ref().map(|o| o.median),
                disputes: s.disputes.clone(),
            }
        })
        .collect();
    let mut differences = Vec::new();
    for a in 0..policies.len() {
        for b in a + 1..policies.len() {
            differences.push(played.difference(a, b, PairedMetric::Spiral));
            for k in 0..sides.len() {
                differences.push(played.difference(a, b, PairedMetric::SideWelfare(k)));
            }
            differences.push(played.difference(a, b, PairedMetric::JointWelfare));
            if played.has_disputes() {
                for m in [
                    PairedMetric::Mid,
                    PairedMetric::MidForce,
                    PairedMetric::DisputeYears,
                ] {
                    differences.push(played.difference(a, b, m));
                }
            }
        }
    }
    Ok(Comparison {
        runs,
        seed,
        sides,
        policies: arms,
        differences,
    })
}

/// A decide metric's value from one decision: the first dimension of the outcome, or of the
/// outcome without the body's rule (`NaN` when the decision has none).
fn first_value(x: &crate::decide::Decision, unconstrained: bool) -> f64 {
    let values = if unconstrained {
        &x.unconstrained
    } else {
        &x.outcome
    };
    values.first().copied().unwrap_or(f64::NAN)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{FLAGSHIP, load_str};

    #[test]
    fn metric_names_round_trip_and_errors_suggest() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        for name in Metric::names(&r) {
            let m = Metric::parse(&r, &name).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(m.to_string(), name);
        }
        let Err(AnalysisError::Invalid(msg)) = Metric::parse(&r, "decide.china-postur.compromise")
        else {
            panic!()
        };
        assert!(
            msg.contains("did you mean `decide.china-posture.compromise`"),
            "{msg}"
        );
        assert!(msg.contains("POLICY:"), "{msg}");
        assert!(Metric::parse(&r, "decide.china-posture.oracle").is_err());
        assert!(Metric::parse(&r, "escalate.systemic-rival.welfare.mars").is_err());
        // indo-pacific-alignment has no deciding body, so no deadlock metric.
        assert!(Metric::parse(&r, "decide.indo-pacific-alignment.deadlock").is_err());
    }

    /// Three issues of one body that allows linkage (so the exchange model and linkage trade
    /// across them) and one issue without a body, with uncertain positions, saliences,
    /// capabilities and veto costs.
    const LINKED: &str = r#"
format = 1
[scenario]
id = "linked"
title = "Linked issues"
as_of = 2023-11-29
sources = [{ id = "s", cite = "Invented for a test." }]
[[actor]]
id = "COUNCIL"
kind = "body"
name = "A council"
members = ["AAA", "BBB", "CCC", "DDD"]
rule = "consensus"
veto_cost = { low = 0, high = 0.1 }
linkage = true
proposer = "AAA"
[[actor]]
id = "AAA"
kind = "other"
capability = 40
[[actor]]
id = "BBB"
kind = "other"
capability = { low = 20, mode = 30, high = 35 }
[[actor]]
id = "CCC"
kind = "other"
capability = 20
[[actor]]
id = "DDD"
kind = "other"
capability = 10
[[actor]]
id = "EEE"
kind = "other"
capability = 25
[[issue]]
id = "first"
question = "First?"
body = "COUNCIL"
scale = { min = 0, max = 100 }
status_quo = 40
stance = [
  { actor = "AAA", position = { low = 70, mode = 80, high = 90 }, salience = 0.7, source = "s" },
  { actor = "BBB", position = 20, salience = { low = 0.6, high = 0.9 }, source = "s" },
  { actor = "CCC", position = 55, salience = 0.4, source = "s" },
  { actor = "EEE", position = 65, salience = 0.5, source = "s" },
]
[[issue]]
id = "second"
question = "Second?"
body = "COUNCIL"
scale = { min = 0, max = 10 }
status_quo = 2
stance = [
  { actor = "AAA", position = 3, salience = 0.2, source = "s" },
  { actor = "BBB", position = { low = 6, high = 9 }, salience = 0.3, source = "s" },
  { actor = "DDD", position = 1, salience = 0.9, source = "s" },
]
[[issue]]
id = "third"
question = "Third?"
scale = { min = -1, max = 1 }
stance = [
  { actor = "CCC", position = -0.5, salience = 0.6, source = "s" },
  { actor = "DDD", position = 0.4, salience = { low = 0.2, mode = 0.5, high = 0.7 }, source = "s" },
  { actor = "EEE", position = 0.9, salience = 0.3, source = "s" },
  { actor = "AAA", position = 0.1, salience = 0.5, source = "s" },
]
"#;

    /// A decide metric's value read from every model decided on every issue (what `evaluate`
    /// computed before it restricted the work to the issues a metric reads).
    fn from_every_issue(all: &[crate::decide::scenario::IssueDecisions], m: &Metric) -> f64 {
        match m {
            Metric::Decide {
                issue,
                model,
                unconstrained,
            } => all
                .iter()
                .find(|d| &d.issue == issue)
                .and_then(|d| d.decision(model))
                .map_or(f64::NAN, |x| first_value(x, *unconstrained)),
            Metric::Deadlock { issue } => all
                .iter()
                .find(|d| &d.issue == issue)
                .map_or(f64::NAN, |d| f64::from(u8::from(d.deadlocked()))),
            _ => unreachable!("decide metrics only"),
        }
    }

    /// The scenario at its point values and with each uncertain input at its low and its high
    /// bound (a tornado's points).
    fn variants(r: &Resolved) -> Vec<Resolved> {
        let mut out = vec![r.clone()];
        for i in uncertain_inputs(r) {
            for v in [i.value.low(), i.value.high()] {
                out.push(with_values(r, std::slice::from_ref(&i.path), &[v]).unwrap());
            }
        }
        out
    }

    /// Every decide metric evaluated on its own issue equals the value read from every model
    /// run on every issue (the exchange model jointly, the stochastic streams shared in file
    /// order), bit for bit, on the flagship and on three linked issues, at the point values
    /// and at every tornado point, for two seeds; and one evaluation of all metrics at once
    /// gives the same values.
    #[test]
    fn restricted_evaluation_equals_every_issue_decided() {
        for (name, text) in [("flagship", FLAGSHIP), ("linked", LINKED)] {
            let r = load_str(text, name).unwrap();
            let metrics: Vec<Metric> = Metric::names(&r)
                .iter()
                .filter(|n| n.starts_with("decide."))
                .map(|n| Metric::parse(&r, n).unwrap())
                .collect();
            assert!(metrics.len() > 20, "{name}: {}", metrics.len());
            for (k, s) in variants(&r).iter().enumerate() {
                for seed in [0, 20231129] {
                    let all = crate::decide::scenario::decide_all(
                        &issues(s),
                        crate::decide::registry::NAMES,
                        seed,
                    );
                    let together = evaluate(s, &metrics, 0, seed).unwrap();
                    for (m, t) in metrics.iter().zip(together) {
                        let full = from_every_issue(&all, m);
                        let alone = evaluate(s, std::slice::from_ref(m), 0, seed).unwrap()[0];
                        assert_eq!(
                            (alone.to_bits(), t.to_bits()),
                            (full.to_bits(), full.to_bits()),
                            "{name} variant {k} seed {seed} {m}: {alone} / {t} vs {full}"
                        );
                    }
                }
            }
        }
    }

    /// The restricted evaluation of a model that draws (SMP with stochastic transitions) runs
    /// every issue before the metric's on the shared stream: it equals the model run on every
    /// issue in file order, although run on its issue alone it would differ.
    #[test]
    fn a_model_that_draws_runs_every_issue_before_its_own() {
        let stochastic = || {
            registry::build(
                "smp",
                Some(&serde_json::json!({"state_transitions": "Stochastic"})),
            )
        };
        let Ok(Model::Single(m)) = stochastic() else {
            panic!("smp is a single-issue model")
        };
        assert!(m.draws());
        for (name, text) in [("flagship", FLAGSHIP), ("linked", LINKED)] {
            let r = load_str(text, name).unwrap();
            let every = issues(&r);
            let seed = 5;
            let mut rng = run_stream(seed, 0);
            let in_order: Vec<Option<Decision>> = every
                .iter()
                .map(|i| run(m.as_ref(), i, &mut rng).ok())
                .collect();
            let mut alone_differs = false;
            for (i, expected) in every.iter().zip(&in_order) {
                let metric = Metric::Decide {
                    issue: i.id.clone(),
                    model: "smp".into(),
                    unconstrained: true,
                };
                let v = DecideValues::of(&r, &[metric], &["smp"], seed, &|_| stochastic());
                assert_eq!(
                    v.decision(&i.id, "smp"),
                    expected.as_ref(),
                    "{name} {}",
                    i.id
                );
                let alone = run(m.as_ref(), i, &mut run_stream(seed, 0)).ok();
                alone_differs |= alone.as_ref() != expected.as_ref();
            }
            assert!(alone_differs, "{name}: the shared stream matters");
        }
    }

    /// A model that says it never draws leaves the stream where it was on every issue, so
    /// running it on one issue alone cannot change its answer; SMP draws only when stochastic.
    #[test]
    fn models_that_do_not_draw_leave_the_stream_untouched() {
        for (name, text) in [("flagship", FLAGSHIP), ("linked", LINKED)] {
            let r = load_str(text, name).unwrap();
            for model in crate::decide::registry::NAMES {
                let Ok(Model::Single(m)) = registry::build(model, None) else {
                    continue;
                };
                if m.draws() {
                    continue;
                }
                for i in issues(&r) {
                    let mut rng = run_stream(3, 0);
                    let _ = run(m.as_ref(), &i, &mut rng);
                    assert_eq!(
                        rng.get_word_pos(),
                        run_stream(3, 0).get_word_pos(),
                        "{model} drew on {}",
                        i.id
                    );
                }
            }
        }
        let Ok(Model::Single(smp)) = registry::build("smp", None) else {
            panic!()
        };
        assert!(!smp.draws(), "SMP's default transitions are deterministic");
    }

    /// The tornado alone is sensitivity's tornado, whatever the thread count, and the
    /// flagship (49 uncertain inputs) gets Morris screening from `sensitivity` only.
    #[test]
    fn tornado_is_sensitivity_without_morris() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let m = Metric::parse(&r, "decide.china-posture.compromise.unconstrained").unwrap();
        let full = sensitivity(&r, &m, 0, 7, SensitivityOptions::default()).unwrap();
        assert!(full.morris.is_some());
        for threads in [1, 2, 3] {
            let pool = crate::experiment::threads::thread_pool(Some(threads)).unwrap();
            let t = pool.install(|| tornado(&r, &m, 0, 7)).unwrap();
            assert_eq!(t.morris, None);
            assert_eq!(
                Sensitivity {
                    morris: full.morris.clone(),
                    ..t
                },
                full,
                "{threads} threads"
            );
        }
    }

    #[test]
    fn bad_paths_suggest_the_closest() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let Err(AnalysisError::Invalid(msg)) = check_path(&r, "escalate.contagio") else {
            panic!()
        };
        assert!(msg.contains("did you mean `escalate.contagion`"), "{msg}");
        assert!(check_path(&r, "issue.china-posture.stance.USA.salience").is_ok());
    }
}
