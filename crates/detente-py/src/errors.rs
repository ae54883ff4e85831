//! Python exceptions for the library's errors: `detente.ScenarioError` (located diagnostics),
//! `ValueError` for a bad request, `RuntimeError` for a run that failed.

use detente::experiment::analysis::AnalysisError;
use detente::scenario::Diagnostics;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;

/// Pretty JSON as the CLI writes it (two-space indent, a final newline).
pub fn json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| PyRuntimeError::new_err(format!("cannot serialise result: {e}")))
}

/// `detente.ScenarioError(message, diagnostics)`: the rendered report (every problem with
/// file:line:column and a caret line) and one dict per problem.
pub fn scenario_error(py: Python<'_>, d: &Diagnostics) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let items = d
            .items
            .iter()
            .map(|x| {
                let item = PyDict::new(py);
                item.set_item("file", &d.file)?;
                item.set_item("line", x.line)?;
                item.set_item("column", x.column)?;
                item.set_item("key", x.key.as_deref())?;
                item.set_item("message", &x.message)?;
                item.set_item("code", x.kind.code())?;
                item.set_item("severity", if x.is_error() { "error" } else { "warning" })?;
                item.set_item("expected", x.expected.as_deref())?;
                item.set_item("help", x.help.as_deref())?;
                Ok(item)
            })
            .collect::<PyResult<Vec<_>>>()?;
        let class = py.import("detente._errors")?.getattr("ScenarioError")?;
        let err = class.call1((d.render().trim_end().to_string(), items))?;
        Ok(PyErr::from_value(err))
    };
    build().unwrap_or_else(|e| e)
}

/// A bad request is a `ValueError`; a lens that failed a `RuntimeError`.
pub fn analysis_error(e: AnalysisError) -> PyErr {
    match e {
        AnalysisError::Invalid(m) => PyValueError::new_err(m),
        AnalysisError::Failed(m) => PyRuntimeError::new_err(m),
    }
}

/// A `ValueError` with this message (a string or an error, which reads as its message).
pub fn invalid(message: impl std::fmt::Display) -> PyErr {
    PyValueError::new_err(message.to_string())
}
