//! A loaded scenario: the resolved model every function reads, with the text it came from (for
//! the scenario hash and for reloading it in another process).

use crate::errors::{invalid, json, scenario_error};
use detente::experiment::RunOptions;
use detente::experiment::analysis::Metric;
use detente::scenario::{self, Resolved};
use pyo3::prelude::*;
use std::sync::Arc;

/// A resolved scenario (the native half of `detente.Scenario`).
#[pyclass(frozen, module = "detente._native")]
pub struct NativeScenario {
    /// The resolved model.
    pub resolved: Arc<Resolved>,
    /// The scenario text (TOML).
    pub source: String,
    /// The name diagnostics and the report show (a path, or the flagship's name).
    pub name: String,
    /// The file it was read from, if any (the CLI's command line names it).
    pub path: Option<String>,
}

#[pymethods]
impl NativeScenario {
    /// Scenario id.
    #[getter]
    fn id(&self) -> String {
        self.resolved.scenario.scenario.id.clone()
    }

    /// Scenario title.
    #[getter]
    fn title(&self) -> String {
        self.resolved.scenario.scenario.title.clone()
    }

    /// The scenario text.
    #[getter]
    fn source(&self) -> String {
        self.source.clone()
    }

    /// The name in diagnostics.
    #[getter]
    fn name(&self) -> String {
        self.name.clone()
    }

    /// The file read, if any.
    #[getter]
    fn path(&self) -> Option<String> {
        self.path.clone()
    }

    /// `[experiment] seed` (else 0) and `[experiment] runs` (else 2000).
    #[getter]
    fn defaults(&self) -> (u64, u64) {
        let o = RunOptions::for_scenario(&self.resolved);
        (o.seed, o.runs)
    }

    /// Warnings found while loading.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.resolved
            .warnings
            .iter()
            .map(|w| w.message.clone())
            .collect()
    }

    /// Every metric name the scenario defines (for sweeps, sensitivity, levers).
    fn metric_names(&self) -> Vec<String> {
        Metric::names(&self.resolved)
    }

    /// Every input path with its point value.
    fn input_paths(&self) -> Vec<String> {
        detente::experiment::all_inputs(&self.resolved)
            .into_iter()
            .map(|i| i.path)
            .collect()
    }

    /// The scenario as written, as JSON.
    fn model_json(&self) -> PyResult<String> {
        json(&self.resolved.scenario)
    }
}

/// Load and resolve scenario text. `name` is the file name diagnostics show; `path` the file it
/// was read from. Raises `detente.ScenarioError` with every problem located.
#[pyfunction]
#[pyo3(signature = (text, name, path=None))]
pub fn load_text(
    py: Python<'_>,
    text: &str,
    name: &str,
    path: Option<String>,
) -> PyResult<NativeScenario> {
    let resolved = scenario::load_str(text, name).map_err(|d| scenario_error(py, &d))?;
    Ok(NativeScenario {
        resolved: Arc::new(resolved),
        source: text.to_string(),
        name: name.to_string(),
        path,
    })
}

/// The bundled flagship scenario (`scenarios/nato-china-2023.toml`).
#[pyfunction]
pub fn load_flagship(py: Python<'_>) -> PyResult<NativeScenario> {
    load_text(py, scenario::FLAGSHIP, scenario::FLAGSHIP_NAME, None)
}

/// TOML text of a scenario given as JSON (a Python dict passed through `json.dumps`).
#[pyfunction]
pub fn toml_from_json(text: &str) -> PyResult<String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| invalid(format!("not a scenario table: {e}")))?;
    if !value.is_object() {
        return Err(invalid("a scenario is a table (a dict) at the top level"));
    }
    toml::to_string(&value).map_err(|e| invalid(format!("cannot write the scenario as TOML: {e}")))
}
