//! Importers for foreign scenario formats: Decide CSV (`#A/#P/#M/#D` rows),
//! plain `actor,capability,position,salience` CSV, (in `ktab*`) the KTAB SMP CSV and XML, and
//! the long DEU layout (one row per proposal, issue and actor; docs/import-deu.md).
//!
//! Every importer parses a string it is given (no file I/O) into an [`Imported`] value, which
//! can be run directly (its issues are [`ResolvedIssue`]s) or written as a scenario file with
//! [`Imported::to_scenario_toml`]. Errors are collected, each with line and column.

mod csv_text;
pub mod decide_csv;
pub mod detect;
pub mod deu;
pub mod ktab_csv;
#[cfg(feature = "xml")]
pub mod ktab_xml;
pub mod plain_csv;
mod toml_out;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::decide::{DecisionRule, ResolvedIssue};

pub use detect::{Format, ImportOptions, detect, import};

/// The scenario text of a file named `file_name` holding `text`: the text itself when it is a
/// detente scenario, otherwise the file imported (its format detected from the name and the
/// content) and written as a scenario. An import that fails gives the format tried and every
/// error, located.
pub fn as_scenario<'t>(
    file_name: &str,
    text: &'t str,
) -> Result<std::borrow::Cow<'t, str>, (Format, ImportErrors)> {
    let format = detect(file_name, text).unwrap_or(Format::Scenario);
    if format == Format::Scenario {
        return Ok(std::borrow::Cow::Borrowed(text));
    }
    import(format, text, &ImportOptions::default())
        .map(|i| std::borrow::Cow::Owned(i.to_scenario_toml()))
        .map_err(|e| (format, e))
}

/// An actor declared by an imported file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedActor {
    /// Key used by the file (becomes the scenario actor id).
    pub id: String,
    /// Display name (the key when the file has none).
    pub name: String,
    /// Free comment or description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

/// An issue declared by an imported file: the numbers as a [`ResolvedIssue`] plus what the
/// file says about it in words.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedIssue {
    /// Issue key, scale, dimensions and stances (stance capability = the file's power).
    pub issue: ResolvedIssue,
    /// Free comment or description.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
    /// Labelled scale points `(position, description)` (Decide CSV `#M` rows).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub markers: Vec<(f64, String)>,
    /// Id of the [`ImportedBody`] that decides the issue, if the file names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The recorded outcome, for backtests.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_outcome: Option<ImportedOutcome>,
}

/// A deciding body implied by an imported file (e.g. the EU Council in the DEU layout).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedBody {
    /// Body id (unique among the actors).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Ids of the member actors (each an [`ImportedActor`]), in file order.
    pub members: Vec<String>,
    /// The body's rule.
    pub rule: DecisionRule,
    /// Scenario `weights`: `"equal"` or `"capability"`.
    pub weights: String,
}

/// The recorded outcome of an imported issue (scenario `known_outcome`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedOutcome {
    /// The outcome on the issue scale.
    pub value: f64,
    /// Id of an [`ImportedSource`].
    pub source: String,
    /// What the outcome is, in words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A source an imported file cites (scenario `[scenario] sources`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportedSource {
    /// Source id (letters, digits, `-`, `_`, `.`).
    pub id: String,
    /// Citation.
    pub cite: String,
}

/// The result of importing a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Imported {
    /// Which format the content was read as.
    pub format: Format,
    /// Scenario title (file's scenario name, or empty).
    pub title: String,
    /// Longer description, if the file has one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Actors in file order.
    pub actors: Vec<ImportedActor>,
    /// Issues in file order.
    pub issues: Vec<ImportedIssue>,
    /// Deciding bodies the file implies (their members are among `actors`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bodies: Vec<ImportedBody>,
    /// Sources the file cites (e.g. for its known outcomes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<ImportedSource>,
    /// Conversions applied while reading (e.g. saliences divided by 100), for the user.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Format-specific settings with no scenario field (e.g. KTAB model parameters, seed).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl Imported {
    /// The issues as models read them.
    pub fn resolved_issues(&self) -> Vec<ResolvedIssue> {
        self.issues.iter().map(|i| i.issue.clone()).collect()
    }

    /// Write the import as a scenario file (format version 1) with `[world] data = "none"`.
    pub fn to_scenario_toml(&self) -> String {
        toml_out::write(self)
    }
}

/// One problem found while importing, at a 1-based line and column (field number); line 0
/// means the file as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportError {
    /// 1-based line, 0 for the whole file.
    pub line: usize,
    /// 1-based column (field number for CSV), 0 for the whole line.
    pub column: usize,
    /// What is wrong, in words.
    pub message: String,
}

impl ImportError {
    /// A problem at `line`, `column`.
    pub fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        ImportError {
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => f.write_str(&self.message),
            (l, 0) => write!(f, "line {l}: {}", self.message),
            (l, c) => write!(f, "line {l}, column {c}: {}", self.message),
        }
    }
}

/// All problems found in one file, in line order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportErrors(pub Vec<ImportError>);

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (k, e) in self.0.iter().enumerate() {
            if k > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ImportErrors {}

impl From<ImportError> for ImportErrors {
    fn from(e: ImportError) -> Self {
        ImportErrors(vec![e])
    }
}
