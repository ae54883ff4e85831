//! The calls: `check` a scenario, `run` every lens, `align`, `report`.

use crate::failure::{Failure, pretty};
use crate::request::{Override, Request, load};
use detente::experiment::results::{Recorded, run_all};
use detente::experiment::write_back::{WriteError, write_values};
use detente::scenario::load_str;
use serde::Serialize;

/// What `check` returns for a scenario that loads.
#[derive(Serialize)]
struct Checked<'a> {
    id: &'a str,
    title: &'a str,
    actors: usize,
    issues: usize,
    ties: usize,
    /// Warnings, located as errors are.
    warnings: detente::scenario::Diagnostics,
    /// The inputs the file sets, in file order, with their values and allowed ranges, then the
    /// escalate parameters it leaves to the calibrated posterior or the defaults (a request may
    /// override these, and any other path `detente sweep --param` accepts).
    inputs: Vec<InputValue>,
}

/// One input as `check` lists it: what a page needs to draw a control for it.
#[derive(Serialize)]
struct InputValue {
    /// The input path (`issue.ID.stance.ACTOR.position`, `escalate.noise`, …).
    path: String,
    /// Its point value (the mode of a range).
    value: f64,
    /// The plausible range an uncertain input is drawn from (`[value, value]` when fixed).
    range: [f64; 2],
    /// The values an override may take (`null`: any number).
    domain: Option<[f64; 2]>,
    /// The file section the path addresses: `actor`, `issue`, `tie`, `escalate`, `richardson`.
    section: &'static str,
    /// The issue of an `issue.…` path.
    issue: Option<String>,
    /// The actor of an `actor.…` path or a stance.
    actor: Option<String>,
    /// A stance's number: `position`, `salience`, `capability`, `veto_cost`.
    field: Option<&'static str>,
}

impl InputValue {
    /// An input at `path` with its value, range and domain; the parts of the path come from
    /// the typed path, so the page never takes the text apart.
    fn new(
        path: &detente::experiment::InputPath,
        value: f64,
        range: [f64; 2],
        domain: Option<[f64; 2]>,
    ) -> InputValue {
        use detente::experiment::InputPath;
        use detente::experiment::input_path::Section;
        InputValue {
            path: path.to_string(),
            value,
            range,
            domain,
            section: match path.section() {
                Section::Actor => "actor",
                Section::Issue => "issue",
                Section::Tie => "tie",
                Section::Escalate => "escalate",
                Section::Richardson => "richardson",
            },
            issue: path.issue().map(str::to_string),
            actor: path.actor().map(str::to_string),
            field: match path {
                InputPath::Stance { field, .. } => Some(field.key()),
                _ => None,
            },
        }
    }
}

/// Validate the scenario `source` (diagnostics name `name`): `{"id", "title", "actors",
/// "issues", "ties", "warnings", "inputs"}` when it loads (what `detente check` counts, the
/// warnings located, and the inputs the file sets with their values and domains), else the
/// error with every problem located.
pub fn check(source: &str, name: &str) -> String {
    match load_str(source, name) {
        Ok(r) => pretty(&Checked {
            inputs: inputs(&r),
            id: &r.scenario.scenario.id,
            title: &r.scenario.scenario.title,
            actors: r.actors.len(),
            issues: r.scenario.issues.len(),
            ties: r.scenario.ties.len(),
            warnings: detente::scenario::Diagnostics::new(name, source, r.warnings.clone()),
        }),
        Err(d) => Failure::scenario(d).to_json(),
    }
}

/// Every input of `r` a page can move: the file's, then each escalate parameter the file leaves
/// to the posterior or the default (its point value; a calibrated one's 90 % interval as range).
fn inputs(r: &detente::scenario::Resolved) -> Vec<InputValue> {
    use detente::experiment::InputPath;
    let domain =
        |path: &InputPath| detente::experiment::domain::domain_of(r, path).map(|d| [d.low, d.high]);
    let mut out: Vec<InputValue> = detente::experiment::input_paths(r)
        .into_iter()
        .map(|(path, value)| {
            InputValue::new(
                &path,
                value.point(),
                [value.low(), value.high()],
                domain(&path),
            )
        })
        .collect();
    if r.scenario.escalate.is_some() {
        for p in detente::escalate::scenario::parameter_sources(r).unwrap_or_default() {
            let Some(param) = detente::scenario::EscalateParam::from_key(&p.key) else {
                continue;
            };
            let path = InputPath::Escalate(param);
            let text = path.to_string();
            if p.basis != "scenario" && !out.iter().any(|i| i.path == text) {
                out.push(InputValue::new(
                    &path,
                    p.value,
                    p.interval.unwrap_or([p.value, p.value]),
                    domain(&path),
                ));
            }
        }
    }
    out
}

/// The run with the inputs the request fixed, named first.
#[derive(Serialize)]
struct Overridden<'a> {
    overrides: &'a [Override],
    #[serde(flatten)]
    recorded: Recorded<'a>,
}

/// Every lens the scenario defines: the JSON of `detente run [FILE] --runs N --seed S
/// --format json` (with `--mc-models` when the request names other models), byte for byte.
/// With overrides, the same document for the scenario with those inputs fixed, preceded by
/// the list `overrides` (the command line then reproduces the run without them).
pub fn run(source: &str, name: &str, request: &str) -> String {
    let outcome = || -> Result<String, Failure> {
        let request = Request::parse(request)?;
        let r = load(source, name, &request)?;
        let opts = request.options(&r)?;
        let results = run_all(&r, source, &opts, &|_, _, _| {});
        let recorded = Recorded {
            command: opts.run_command(request.file.as_deref()),
            results: &results,
        };
        Ok(if request.overrides.is_empty() {
            pretty(&recorded)
        } else {
            pretty(&Overridden {
                overrides: &request.overrides,
                recorded,
            })
        })
    };
    outcome().unwrap_or_else(|f| f.to_json())
}

/// Landscape theory on the scenario's `[align]` section: the JSON of `detente align FILE
/// --format json` (request: `seed`, `restarts`, `coalitions`, `overrides`).
pub fn align(source: &str, name: &str, request: &str) -> String {
    let outcome = || -> Result<String, Failure> {
        let request = Request::parse(request)?;
        let r = load(source, name, &request)?;
        let (mut input, _) = detente::align::scenario::input(&r).map_err(|e| Failure::Lens {
            message: format!("{name}: {e}"),
        })?;
        if let Some(k) = request.coalitions {
            input.options.coalitions = k;
        }
        if let Some(n) = request.restarts {
            input.options.restarts = n;
        }
        if let Some(s) = request.seed {
            input.options.seed = s;
        }
        let result = detente::align::align(&input).map_err(|e| Failure::Lens {
            message: e.to_string(),
        })?;
        Ok(pretty(&result))
    };
    outcome().unwrap_or_else(|f| f.to_json())
}

/// The HTML report `detente report [FILE] --runs N --seed S` writes, byte for byte (request:
/// `file`, `runs`, `seed`, `overrides`); an answer that does not start with `<!DOCTYPE html>`
/// is the JSON of a failure.
pub fn report(source: &str, name: &str, request: &str) -> String {
    let outcome = || -> Result<String, Failure> {
        let request = Request::parse(request)?;
        let r = load(source, name, &request)?;
        let mut opts = request.options(&r)?;
        // A report shows every lens.
        opts.lenses = detente::experiment::Lenses::default();
        if opts.runs == 0 {
            return Err(Failure::request(
                "runs must be at least 1 (the report shows Monte Carlo distributions)",
            ));
        }
        let results = run_all(&r, source, &opts, &|_, _, _| {});
        detente_report::report_html(&r, &results, request.file.as_deref())
            .map_err(|message| Failure::Lens { message })
    };
    outcome().unwrap_or_else(|f| f.to_json())
}

/// The scenario's text with the request's overrides written in (comments and layout kept):
/// `{"text": …, "unwritten": [paths]}`, `unwritten` naming the overrides whose value is not
/// in the file (world data, a calibrated prior), which the text cannot carry.
pub fn edited(source: &str, name: &str, request: &str) -> String {
    let outcome = || -> Result<String, Failure> {
        let request = Request::parse(request)?;
        // Checked as a run would check them (paths and domains).
        load(source, name, &request)?;
        let values: Vec<(String, f64)> = request
            .overrides
            .iter()
            .map(|o| (o.path.clone(), o.value))
            .collect();
        let written = write_values(source, name, &values).map_err(|e| match e {
            WriteError::Scenario(d) => Failure::scenario(d),
            WriteError::Value(m) => Failure::request(m),
        })?;
        serde_json::to_string(&written).map_err(|e| Failure::Lens {
            message: e.to_string(),
        })
    };
    outcome().unwrap_or_else(|f| f.to_json())
}
