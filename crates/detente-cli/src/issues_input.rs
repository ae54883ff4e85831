//! Decision inputs in every format the models read — a detente scenario, Decide CSV, plain CSV,
//! KTAB CSV or XML, DEU long CSV — and the command-line choices about them (input format,
//! scale, decision rule). `decide` and `import` read files through here.

use std::path::Path;

use clap::ValueEnum;
use detente::decide::{DecisionRule, ResolvedIssue};
use detente::import::{Format, ImportOptions, Imported};
use serde::Serialize;

use crate::error::CliError;

/// Input formats (`--input-format`).
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum InputFormat {
    /// Decide/Stokman CSV (`#A #P #M #D` rows).
    Decide,
    /// `actor,capability,position,salience` CSV.
    Plain,
    /// KTAB SMP CSV.
    KtabCsv,
    /// KTAB SMP XML.
    KtabXml,
    /// A detente scenario file.
    Scenario,
    /// Long CSV in the DEU layout: one row per proposal, issue and actor (docs/import-deu.md).
    Deu,
}

impl InputFormat {
    /// The library's format value.
    pub fn format(self) -> Format {
        match self {
            InputFormat::Decide => Format::Decide,
            InputFormat::Plain => Format::Plain,
            InputFormat::KtabCsv => Format::KtabCsv,
            InputFormat::KtabXml => Format::KtabXml,
            InputFormat::Scenario => Format::Scenario,
            InputFormat::Deu => Format::Deu,
        }
    }
}

/// Decision rules selectable on the command line (docs/decide.md, "Decision rules").
#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
pub enum RuleArg {
    /// Every member that votes must accept; abstention does not block.
    Unanimity,
    /// Unanimity; abstainers holding a third of members and votes stop the decision.
    UnanimityWithAbstention,
    /// Any member can block; silence is acquiescence.
    Consensus,
    /// Strictly more than half of all members' votes.
    #[value(name = "simple-majority", alias = "majority")]
    Majority,
    /// At least --threshold of all members' votes are for.
    QualifiedMajority,
    /// The proposal stands unless --threshold of all members' votes are against.
    ReverseQualifiedMajority,
}

/// The rule chosen by `--rule` and `--threshold`, checked.
pub fn rule(
    arg: Option<RuleArg>,
    threshold: Option<f64>,
) -> Result<Option<DecisionRule>, CliError> {
    let Some(arg) = arg else {
        return match threshold {
            None => Ok(None),
            Some(_) => Err(CliError::Input(
                "--threshold needs --rule qualified-majority or reverse-qualified-majority".into(),
            )),
        };
    };
    let needs_quota = matches!(
        arg,
        RuleArg::QualifiedMajority | RuleArg::ReverseQualifiedMajority
    );
    if needs_quota != threshold.is_some() {
        return Err(CliError::Input(
            "--threshold goes with --rule qualified-majority or reverse-qualified-majority, and \
             only with them"
                .into(),
        ));
    }
    let threshold = threshold.unwrap_or(1.0);
    let rule = match arg {
        RuleArg::Unanimity => DecisionRule::Unanimity,
        RuleArg::UnanimityWithAbstention => DecisionRule::UnanimityWithAbstention {
            members: detente::decide::rules::CONSTRUCTIVE_ABSTENTION,
            weight: detente::decide::rules::CONSTRUCTIVE_ABSTENTION,
        },
        RuleArg::Consensus => DecisionRule::Consensus,
        RuleArg::Majority => DecisionRule::Majority,
        RuleArg::QualifiedMajority => DecisionRule::QualifiedMajority {
            threshold,
            double: None,
        },
        RuleArg::ReverseQualifiedMajority => DecisionRule::ReverseQualifiedMajority {
            threshold,
            double: None,
        },
    };
    rule.check().map_err(|e| CliError::Input(e.to_string()))?;
    Ok(Some(rule))
}

/// How to read an input file.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Format to read, or `None` to detect it.
    pub format: Option<Format>,
    /// Importer options (scale, title).
    pub import: ImportOptions,
}

/// What a loaded file says besides its issues.
#[derive(Debug, Clone, Serialize)]
pub struct LoadInfo {
    /// The format read.
    pub format: Format,
    /// Title of the situation.
    pub title: String,
    /// Conversions applied while reading.
    pub notes: Vec<String>,
    /// The file's own seed (a scenario's `[experiment] seed`; 0 for imported formats).
    #[serde(skip)]
    pub seed: u64,
    /// The resolved scenario, when the file is one (its uncertain inputs feed the Monte Carlo).
    #[serde(skip)]
    pub scenario: Option<Box<detente::scenario::Resolved>>,
}

/// Parse `--scale LO,HI`.
pub fn parse_scale(text: Option<&str>) -> Result<Option<(f64, f64)>, CliError> {
    let Some(text) = text else { return Ok(None) };
    let bad = || CliError::Input(format!("--scale expects LO,HI with LO < HI, got '{text}'"));
    let (lo, hi) = text.split_once(',').ok_or_else(bad)?;
    let lo: f64 = lo.trim().parse().map_err(|_| bad())?;
    let hi: f64 = hi.trim().parse().map_err(|_| bad())?;
    if lo.is_finite() && hi.is_finite() && lo < hi {
        Ok(Some((lo, hi)))
    } else {
        Err(bad())
    }
}

/// Whether `path` is a detente scenario (by `--input-format` or by content).
fn is_scenario(path: &Path, options: &LoadOptions) -> Result<bool, CliError> {
    if let Some(f) = options.format {
        return Ok(f == Format::Scenario);
    }
    let text = crate::input::read_text(path)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    Ok(detente::import::detect(name, &text) == Some(Format::Scenario))
}

/// Read and import a foreign file (Decide CSV, plain CSV, KTAB CSV/XML).
pub fn read_imported(path: &Path, options: &LoadOptions) -> Result<Imported, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Input(format!("cannot read {}: {e}", path.display())))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let format = match options.format {
        Some(f) => f,
        None => detente::import::detect(name, &text).ok_or_else(|| {
            CliError::Input(format!(
                "cannot tell the format of {}; pass --input-format",
                path.display()
            ))
        })?,
    };
    if format == Format::Scenario {
        return Err(CliError::Input(format!(
            "{} is a scenario file; `detente decide` reads imported formats (decide, plain, \
             ktab-csv, ktab-xml) — scenario issues are run by `detente run`",
            path.display()
        )));
    }
    let mut import = options.import.clone();
    if import.title.is_none() {
        import.title = path.file_stem().and_then(|s| s.to_str()).map(String::from);
    }
    detente::import::import(format, &text, &import)
        .map_err(|e| crate::input::import_failed(path, format, &e))
}

/// The issues of a file as models read them, with what the file says about itself: a detente
/// scenario (its issues, rules and vote weights; uncertain numbers at their modes) or an
/// imported foreign format.
pub fn load_issues(
    path: &Path,
    options: &LoadOptions,
) -> Result<(Vec<ResolvedIssue>, LoadInfo), CliError> {
    if is_scenario(path, options)? {
        let (resolved, _) = crate::input::load_scenario(Some(path))?;
        let issues = detente::decide::scenario::issues(&resolved);
        if issues.is_empty() {
            return Err(CliError::Input(format!(
                "{} has no issue with stances",
                path.display()
            )));
        }
        let notes = resolved
            .warnings
            .iter()
            .map(|w| w.message.clone())
            .collect();
        return Ok((
            issues,
            LoadInfo {
                format: Format::Scenario,
                title: resolved.scenario.scenario.title.clone(),
                notes,
                seed: resolved.seed(),
                scenario: Some(Box::new(resolved)),
            },
        ));
    }
    let imported = read_imported(path, options)?;
    let info = LoadInfo {
        format: imported.format,
        title: imported.title.clone(),
        notes: imported.notes.clone(),
        seed: 0,
        scenario: None,
    };
    Ok((imported.resolved_issues(), info))
}
