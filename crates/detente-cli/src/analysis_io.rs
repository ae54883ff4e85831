//! What the analysis commands (sweep, sensitivity, levers, compare) and the results table share:
//! the error mapping and metric parsing.

use crate::error::CliError;
use detente::experiment::analysis::{AnalysisError, Metric};
use detente::scenario::Resolved;

/// Map a library error: a bad request is bad input (exit 2), a failed lens a failure (exit 1).
pub fn cli_error(e: AnalysisError) -> CliError {
    match e {
        AnalysisError::Invalid(m) => CliError::Input(format!("error: {m}")),
        AnalysisError::Failed(m) => CliError::Failure(format!("error: {m}")),
    }
}

/// Parse every `--metric`, with the scenario's valid names in the error.
pub fn parse_metrics(r: &Resolved, names: &[String]) -> Result<Vec<Metric>, CliError> {
    names
        .iter()
        .map(|n| Metric::parse(r, n).map_err(cli_error))
        .collect()
}
