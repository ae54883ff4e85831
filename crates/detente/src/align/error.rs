//! Errors of the align lens: bad inputs are reported, never panicked on.

use crate::world::history::NotLoaded;
use std::fmt;

/// Why an align run or a propensity build could not proceed.
#[derive(Debug, Clone, PartialEq)]
pub enum AlignError {
    /// The inputs are malformed (sizes, propensities, options); the message names the culprit.
    Input(String),
    /// The requested search is larger than the configured limits allow.
    TooLarge(String),
    /// A history term or historical alliances need a history table this build was not given.
    History(NotLoaded),
}

impl fmt::Display for AlignError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AlignError::Input(m) => write!(f, "invalid align input: {m}"),
            AlignError::TooLarge(m) => write!(f, "align search too large: {m}"),
            AlignError::History(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for AlignError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AlignError::History(e) => Some(e),
            _ => None,
        }
    }
}

impl From<NotLoaded> for AlignError {
    fn from(e: NotLoaded) -> Self {
        AlignError::History(e)
    }
}

/// A name that is not on a fixed list (a size measure, a descent rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// What kind of name it should have been (`size measure`, `descent rule`).
    pub kind: &'static str,
    /// The name given.
    pub given: String,
    /// The known names, comma-separated.
    pub known: &'static str,
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} '{}' ({})", self.kind, self.given, self.known)
    }
}

impl std::error::Error for UnknownName {}

/// Why a scenario's `[align]` section cannot be turned into the lens's inputs.
#[derive(Debug, Clone, PartialEq)]
pub enum AlignInputError {
    /// `size` names no size measure.
    Size(UnknownName),
    /// The actor selection has fewer than two actors.
    TooFewActors {
        /// How many actors it selects.
        selected: usize,
    },
    /// `as_of` does not start with a year.
    AsOf {
        /// The scenario's `as_of`.
        as_of: String,
    },
    /// `alliances = "history"` with an `as_of` outside the alliance data.
    HistoryOutOfRange {
        /// The scenario's `as_of`.
        as_of: String,
    },
    /// The propensities or the alliances could not be built.
    Align(AlignError),
}

impl fmt::Display for AlignInputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use super::history_alliances::{FIRST_ALLIANCE_YEAR, LAST_ALLIANCE_YEAR};
        match self {
            AlignInputError::Size(e) => e.fmt(f),
            AlignInputError::TooFewActors { selected } => write!(
                f,
                "[align] selects {selected} actor(s); alignment needs at least two"
            ),
            AlignInputError::AsOf { as_of } => {
                write!(f, "as_of `{as_of}` does not start with a year")
            }
            AlignInputError::HistoryOutOfRange { as_of } => write!(
                f,
                "[align] alliances = \"history\" covers {FIRST_ALLIANCE_YEAR}-{LAST_ALLIANCE_YEAR}; as_of is {as_of}"
            ),
            AlignInputError::Align(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for AlignInputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AlignInputError::Size(e) => Some(e),
            AlignInputError::Align(e) => Some(e),
            _ => None,
        }
    }
}

impl From<AlignError> for AlignInputError {
    fn from(e: AlignError) -> Self {
        AlignInputError::Align(e)
    }
}

/// Shorthand for a result of this lens.
pub type AlignResultOf<T> = Result<T, AlignError>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn input_errors_read_as_before() {
        let size = UnknownName {
            kind: "size measure",
            given: "mass".into(),
            known: "cinc, milex",
        };
        assert_eq!(
            size.to_string(),
            "unknown size measure 'mass' (cinc, milex)"
        );
        let e = AlignInputError::Size(size.clone());
        assert_eq!(e.to_string(), size.to_string());
        assert_eq!(e.source().map(|s| s.to_string()), Some(size.to_string()));
        assert_eq!(
            AlignInputError::TooFewActors { selected: 1 }.to_string(),
            "[align] selects 1 actor(s); alignment needs at least two"
        );
        assert_eq!(
            AlignInputError::AsOf {
                as_of: "soon".into()
            }
            .to_string(),
            "as_of `soon` does not start with a year"
        );
        let range = AlignInputError::HistoryOutOfRange {
            as_of: "1700-01-01".into(),
        };
        assert!(
            range
                .to_string()
                .starts_with("[align] alliances = \"history\" covers 18")
        );
        assert!(range.to_string().ends_with("; as_of is 1700-01-01"));
        let inner = AlignError::Input("no actors".into());
        let e = AlignInputError::from(inner.clone());
        assert_eq!(e.to_string(), "invalid align input: no actors");
        assert_eq!(e.source().map(|s| s.to_string()), Some(inner.to_string()));
    }
}
