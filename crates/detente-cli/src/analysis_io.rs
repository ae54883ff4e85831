//! What the analysis commands (sweep, sensitivity, levers, compare) and the results table share:
//! the error mapping, metric parsing, and number and CSV cells.

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

/// Magnitudes from which a number is written with an exponent (`1.0000e308`, not 309 digits).
const EXPONENT_FROM: f64 = 1e9;

/// A number for a table: 4 decimals (with an exponent for very large or very small
/// magnitudes), `–` when undefined.
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let a = x.abs();
    if a >= EXPONENT_FROM || (a > 0.0 && a < 1e-4) {
        return format!("{x:.4e}");
    }
    let s = format!("{x:.4}");
    if s == "-0.0000" { "0.0000".into() } else { s }
}

/// A number for CSV: shortest round-trip form (with an exponent beyond 10^16 or below 10^-5),
/// empty when undefined.
pub fn csv_num(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let a = x.abs();
    if a >= 1e16 || (a > 0.0 && a < 1e-5) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// A CSV field, quoted when it holds a comma, quote or line break.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_stay_compact_and_round_trip() {
        assert_eq!(num(1e308), "1.0000e308");
        assert_eq!(num(-0.00001), "-1.0000e-5");
        assert_eq!(num(12.5), "12.5000");
        assert_eq!(num(-0.0), "0.0000");
        assert_eq!(num(f64::NAN), "–");
        assert_eq!(csv_num(1e308), "1e308");
        assert_eq!(csv_num(1e308).parse::<f64>(), Ok(1e308));
        assert_eq!(csv_num(0.25), "0.25");
        assert_eq!(csv_num(f64::INFINITY), "");
        assert_eq!(csv_field("Korea, Republic of"), "\"Korea, Republic of\"");
    }
}
