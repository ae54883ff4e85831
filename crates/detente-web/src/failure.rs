//! The JSON of a call that failed: `{"error": {"kind": …, …}}`.

use detente::scenario::Diagnostics;
use detente::world::history::Table;
use serde::Serialize;

/// Why a call failed.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Failure {
    /// The scenario does not load: every problem with line, column and key, and the report
    /// `detente check` prints.
    Scenario {
        /// The located problems.
        diagnostics: Diagnostics,
        /// The rendered report (file:line:column, the line, a caret).
        report: String,
    },
    /// The request is not valid (unknown field, unknown input path, value out of range, …).
    Request {
        /// What is wrong.
        message: String,
    },
    /// A lens could not run on this scenario.
    Lens {
        /// What went wrong.
        message: String,
    },
    /// The call needs history tables this module was not given (see
    /// [`detente_provide`](crate::exports::detente_provide)).
    History {
        /// The tables' file names.
        missing: Vec<&'static str>,
        /// The same in words.
        message: String,
    },
}

impl Failure {
    /// A bad request.
    pub fn request(message: impl Into<String>) -> Self {
        Failure::Request {
            message: message.into(),
        }
    }

    /// A call that needs the history tables `missing`.
    pub fn history(missing: &[Table]) -> Self {
        let missing: Vec<&'static str> = missing.iter().map(|t| t.file()).collect();
        Failure::History {
            message: format!(
                "this module was built without the history tables {}; provide them and call again",
                missing.join(", ")
            ),
            missing,
        }
    }

    /// A scenario that does not load.
    pub fn scenario(d: Diagnostics) -> Self {
        Failure::Scenario {
            report: d.render(),
            diagnostics: d,
        }
    }

    /// The failure as the JSON a call returns.
    pub fn to_json(&self) -> String {
        #[derive(Serialize)]
        struct Wrapped<'a> {
            error: &'a Failure,
        }
        pretty(&Wrapped { error: self })
    }
}

/// Pretty JSON as the command writes it: two-space indent and a final newline.
pub fn pretty<T: Serialize>(value: &T) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(s) => s + "\n",
        // Only a map with non-string keys fails; no result of the library has one.
        Err(e) => format!("{{\"error\": {{\"kind\": \"lens\", \"message\": \"{e}\"}}}}\n"),
    }
}
