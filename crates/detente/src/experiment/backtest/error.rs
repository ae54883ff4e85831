//! Why a backtest could not score its cases.

use crate::align::{AlignError, AlignInputError};
use crate::scenario::Diagnostics;
use std::fmt;

/// Why a backtest case could not be scored. Every variant names the case (its file).
#[derive(Debug, Clone)]
pub enum BacktestError {
    /// The case's scenario does not load (the report names the file).
    Scenario(Diagnostics),
    /// The case's `[align]` section cannot be turned into the lens's inputs.
    Input {
        /// The case's file.
        case: String,
        /// Why not.
        error: AlignInputError,
    },
    /// The align lens failed on the case.
    Align {
        /// The case's file.
        case: String,
        /// Why.
        error: AlignError,
    },
}

impl fmt::Display for BacktestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BacktestError::Scenario(d) => d.fmt(f),
            BacktestError::Input { case, error } => write!(f, "{case}: {error}"),
            BacktestError::Align { case, error } => write!(f, "{case}: {error}"),
        }
    }
}

impl std::error::Error for BacktestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BacktestError::Scenario(d) => Some(d),
            BacktestError::Input { error, .. } => Some(error),
            BacktestError::Align { error, .. } => Some(error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::load_str;
    use std::error::Error as _;

    #[test]
    fn messages_name_the_case() {
        let error = AlignInputError::TooFewActors { selected: 0 };
        let e = BacktestError::Input {
            case: "cases/x.toml".into(),
            error: error.clone(),
        };
        assert_eq!(
            e.to_string(),
            "cases/x.toml: [align] selects 0 actor(s); alignment needs at least two"
        );
        assert_eq!(e.source().map(|s| s.to_string()), Some(error.to_string()));
        let error = AlignError::TooLarge("2^80 configurations".into());
        let e = BacktestError::Align {
            case: "cases/y.toml".into(),
            error: error.clone(),
        };
        assert_eq!(
            e.to_string(),
            "cases/y.toml: align search too large: 2^80 configurations"
        );
        assert_eq!(e.source().map(|s| s.to_string()), Some(error.to_string()));
        let d = load_str("[scenario\n", "cases/z.toml").unwrap_err();
        let e = BacktestError::Scenario(d.clone());
        assert_eq!(e.to_string(), d.render());
        assert!(e.source().is_some());
    }
}
