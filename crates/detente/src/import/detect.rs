//! Which importer reads a file: by explicit name, else by extension and content.

use serde::{Deserialize, Serialize};

use super::{ImportError, ImportErrors, Imported, decide_csv, deu, plain_csv};
use crate::decide::DecisionRule;

/// The input formats detente can read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Decide/Stokman CSV with `#A #P #M #D` rows.
    Decide,
    /// `actor,capability,position,salience` CSV.
    Plain,
    /// KTAB SMP CSV.
    KtabCsv,
    /// KTAB SMP XML.
    KtabXml,
    /// A detente scenario TOML file (docs/scenario-format.md).
    Scenario,
    /// Long CSV in the DEU layout: one row per proposal, issue and actor (docs/import-deu.md).
    Deu,
}

impl Format {
    /// Every format with its command-line name.
    pub const ALL: [(Format, &'static str); 6] = [
        (Format::Decide, "decide"),
        (Format::Plain, "plain"),
        (Format::KtabCsv, "ktab-csv"),
        (Format::KtabXml, "ktab-xml"),
        (Format::Scenario, "scenario"),
        (Format::Deu, "deu"),
    ];

    /// The format called `name` on the command line (`decide`, `plain`, `ktab-csv`, …).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(name))
            .map(|(f, _)| *f)
    }

    /// The command-line name of the format.
    pub fn name(self) -> &'static str {
        Format::ALL
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("?", |(_, n)| n)
    }
}

/// Options an importer may need beyond the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportOptions {
    /// Issue scale `[lo, hi]` for formats that do not carry one (plain CSV).
    pub scale: Option<(f64, f64)>,
    /// Title when the file has none (e.g. the file stem).
    pub title: Option<String>,
    /// Rule of the deciding body, for formats that imply one but do not carry it (DEU: the
    /// Council, qualified majority by default).
    pub rule: Option<DecisionRule>,
}

/// Guess the format of `content` read from a file called `file_name` (extension first, then
/// content). `None` when nothing matches.
pub fn detect(file_name: &str, content: &str) -> Option<Format> {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "toml" => return Some(Format::Scenario),
        "xml" => return Some(Format::KtabXml),
        _ => {}
    }
    let text = content.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('<') {
        return Some(Format::KtabXml);
    }
    if decide_csv::looks_like(text) {
        return Some(Format::Decide);
    }
    if deu::looks_like(text) {
        return Some(Format::Deu);
    }
    if plain_csv::looks_like(text) {
        return Some(Format::Plain);
    }
    if looks_like_ktab_csv(text) {
        return Some(Format::KtabCsv);
    }
    if text.starts_with("format") || text.contains("[scenario]") {
        return Some(Format::Scenario);
    }
    None
}

/// KTAB SMP CSV: line 1 `name, description, N, m` with integers in fields 3 and 4.
fn looks_like_ktab_csv(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("");
    let records = super::ktab_csv::records(first);
    let Some((_, fields)) = records.first() else {
        return false;
    };
    fields.len() >= 4 && fields[2].parse::<u32>().is_ok() && fields[3].parse::<u32>().is_ok()
}

/// Import `content` as `format`.
pub fn import(
    format: Format,
    content: &str,
    options: &ImportOptions,
) -> Result<Imported, ImportErrors> {
    match format {
        Format::Decide => decide_csv::parse(content, options),
        Format::Plain => plain_csv::parse(content, options),
        Format::KtabCsv => super::ktab_csv::import(content, options),
        #[cfg(feature = "xml")]
        Format::KtabXml => super::ktab_xml::import(content, options),
        #[cfg(not(feature = "xml"))]
        Format::KtabXml => Err(ImportError::at(
            0,
            0,
            "this build of detente reads no KTAB XML (built without the `xml` feature)".to_string(),
        )
        .into()),
        Format::Deu => deu::parse(content, options),
        Format::Scenario => Err(ImportError::at(
            0,
            0,
            format!("the {} format is not read by this importer", format.name()),
        )
        .into()),
    }
}
