//! Why the world tables could not be read.

use super::csv::CsvError;
use std::fmt;

/// Why a bundled data table (the actor table, memberships, the state-year panel, the
/// Richardson history series) could not be read. Each names the table, as its file or section
/// is called.
#[derive(Debug, Clone, PartialEq)]
pub enum WorldError {
    /// The table is not well-formed CSV.
    Csv {
        /// Table name.
        table: &'static str,
        /// What the reader found.
        error: CsvError,
    },
    /// A column the reader needs is missing.
    MissingColumn {
        /// Table name.
        table: &'static str,
        /// Column name.
        column: String,
    },
    /// A value on a line cannot be read.
    Value {
        /// Table name.
        table: &'static str,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the value.
        message: String,
    },
    /// The table as a whole is unusable (no header, wrong header, a damaged archive).
    Table {
        /// Table name.
        table: &'static str,
        /// What is wrong with it.
        message: String,
    },
}

impl fmt::Display for WorldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WorldError::Csv { table, error } => write!(f, "{table}: {error}"),
            WorldError::MissingColumn { table, column } => {
                write!(f, "{table}: no column `{column}`")
            }
            WorldError::Value {
                table,
                line,
                message,
            } => write!(f, "{table} line {line}: {message}"),
            WorldError::Table { table, message } => write!(f, "{table}: {message}"),
        }
    }
}

impl std::error::Error for WorldError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WorldError::Csv { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl WorldError {
    /// A reading error of table `table`.
    pub(crate) fn csv(table: &'static str) -> impl Fn(CsvError) -> WorldError {
        move |error| WorldError::Csv { table, error }
    }

    /// A missing column of table `table`.
    pub(crate) fn missing(table: &'static str, column: &str) -> WorldError {
        WorldError::MissingColumn {
            table,
            column: column.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn messages_name_the_table_and_line() {
        let e = WorldError::csv("actors")(CsvError::Line {
            line: 3,
            message: "1 fields, expected 2".into(),
        });
        assert_eq!(e.to_string(), "actors: line 3: 1 fields, expected 2");
        assert_eq!(
            e.source().map(|s| s.to_string()).as_deref(),
            Some("line 3: 1 fields, expected 2")
        );
        assert_eq!(
            WorldError::missing("states.csv", "ccode").to_string(),
            "states.csv: no column `ccode`"
        );
        let v = WorldError::Value {
            table: "actors",
            line: 7,
            message: "`x` is not a number".into(),
        };
        assert_eq!(v.to_string(), "actors line 7: `x` is not a number");
        assert!(v.source().is_none());
        let t = WorldError::Table {
            table: "state_year.csv",
            message: "empty".into(),
        };
        assert_eq!(t.to_string(), "state_year.csv: empty");
    }
}
