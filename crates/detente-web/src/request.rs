//! A request: the settings a call takes, as JSON (`{}` for the scenario's own settings).

use crate::failure::Failure;
use detente::experiment::analysis::{AnalysisError, with_overrides};
use detente::experiment::{Lenses, RunOptions};
use detente::scenario::{Resolved, load_str};
use serde::{Deserialize, Serialize};

/// One input fixed at a value, by the path `detente sweep --param` and `detente levers` use
/// (`escalate.noise`, `issue.ID.stance.ACTOR.position`, `actor.ID.capability`, …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// The input path.
    pub path: String,
    /// Its value, inside the input's domain.
    pub value: f64,
}

/// What a call may set; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Request {
    /// The scenario's file as the command line would name it (recorded in `command`; omit
    /// for the bundled flagship).
    pub file: Option<String>,
    /// Monte Carlo runs (default: `[experiment] runs`, else 2000).
    pub runs: Option<u64>,
    /// Master seed (default: `[experiment] seed`, else 0).
    pub seed: Option<u64>,
    /// Decision models run at the modes (default: every model; a page dragging an actor asks
    /// for the fast ones).
    pub models: Option<Vec<String>>,
    /// Decision models of the decide Monte Carlo (default: compromise, median, nash).
    pub mc_models: Option<Vec<String>>,
    /// Align: random restarts of the search.
    pub restarts: Option<u64>,
    /// Align: the number of coalitions.
    pub coalitions: Option<usize>,
    /// The lenses `run` computes (default: every lens; see [`detente::experiment::Lenses`]).
    pub lenses: Option<Vec<String>>,
    /// Inputs fixed before the run, in order.
    pub overrides: Vec<Override>,
}

impl Request {
    /// Parse `json` (an empty string means `{}`).
    pub fn parse(json: &str) -> Result<Self, Failure> {
        if json.trim().is_empty() {
            return Ok(Request::default());
        }
        serde_json::from_str(json).map_err(|e| Failure::request(format!("request: {e}")))
    }

    /// The run settings: the scenario's, with the request's laid over them.
    pub fn options(&self, r: &Resolved) -> Result<RunOptions, Failure> {
        let mut opts = RunOptions::for_scenario(r).with(self.seed, self.runs);
        if let Some(models) = &self.models {
            opts.set_models(models.clone(), "models")
                .map_err(|e| Failure::request(e.to_string()))?;
        }
        if let Some(models) = &self.mc_models {
            opts.set_mc_models(models.clone(), "mc_models")
                .map_err(|e| Failure::request(e.to_string()))?;
        }
        if let Some(names) = &self.lenses {
            opts.lenses = Lenses::only(names).map_err(|e| Failure::request(e.to_string()))?;
        }
        Ok(opts)
    }
}

/// Load `source` (diagnostics name `name`) and fix the request's overrides.
pub fn load(source: &str, name: &str, request: &Request) -> Result<Resolved, Failure> {
    let r = load_str(source, name).map_err(Failure::scenario)?;
    if request.overrides.is_empty() {
        return Ok(r);
    }
    let fixed: Vec<(String, f64)> = request
        .overrides
        .iter()
        .map(|o| (o.path.clone(), o.value))
        .collect();
    with_overrides(&r, &fixed).map_err(|e| match e {
        AnalysisError::Invalid(m) => Failure::request(m),
        AnalysisError::Failed(m) => Failure::Lens { message: m },
    })
}
