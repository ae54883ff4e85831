//! Errors of the align lens: bad inputs are reported, never panicked on.

use std::fmt;

/// Why an align run or a propensity build could not proceed.
#[derive(Debug, Clone, PartialEq)]
pub enum AlignError {
    /// The inputs are malformed (sizes, propensities, options); the message names the culprit.
    Input(String),
    /// The requested search is larger than the configured limits allow.
    TooLarge(String),
}

impl fmt::Display for AlignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AlignError::Input(m) => write!(f, "invalid align input: {m}"),
            AlignError::TooLarge(m) => write!(f, "align search too large: {m}"),
        }
    }
}

impl std::error::Error for AlignError {}

/// Shorthand for a result of this lens.
pub type AlignResultOf<T> = Result<T, AlignError>;
