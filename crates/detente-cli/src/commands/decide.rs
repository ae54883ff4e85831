//! `detente decide FILE`: run decision models on the issues of a scenario or an imported file.

use std::path::PathBuf;

use detente::decide::registry;
use detente::decide::scenario::{DecideOptions, IssueDecisions, decide_with};
use detente::experiment::results::decide_movement;
use detente::experiment::{McResult, RunOptions};
use detente::import::ImportOptions;
use serde::Serialize;

use crate::error::{CliError, CliResult};
use crate::issues_input::{
    InputFormat, LoadInfo, LoadOptions, RuleArg, load_issues, parse_scale, rule,
};
use crate::output::{Format, json, print};
use detente_present::decide::report::IssuesRead;

/// Run collective-decision models on the issues of a file.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  detente decide scenarios/nato-china-2023.toml --model all\n  \
                        detente decide crates/detente/tests/fixtures/decide/cop21.csv --model exchange\n  \
                        detente decide scenarios/cases/ec-car-emissions.toml --model bdm --preset scholz2011\n  \
                        detente decide crates/detente/tests/fixtures/decide/honduras_2009.csv --scale 0,1 --format json"
)]
pub struct Args {
    /// Input file: a detente scenario, Decide CSV, plain CSV or KTAB CSV/XML (format detected from
    /// extension and content).
    pub file: PathBuf,
    /// Model: compromise, median, nash, bdm, smp, exchange, a comma-separated list, or all.
    #[arg(long, default_value = "all")]
    pub model: String,
    /// Only this issue (by id).
    #[arg(long)]
    pub issue: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Input format, when detection is not wanted.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Named parameter preset (e.g. scholz2011 for bdm).
    #[arg(long)]
    pub preset: Option<String>,
    /// Issue scale LO,HI for plain CSV (default: the range of the positions).
    #[arg(long, value_name = "LO,HI")]
    pub scale: Option<String>,
    /// Status quo for every issue (needed by nash and by decision rules).
    #[arg(long)]
    pub status_quo: Option<f64>,
    /// Decision rule of the deciding body, applied to every issue (needs --status-quo).
    #[arg(long, value_enum)]
    pub rule: Option<RuleArg>,
    /// Quota of a (reverse) qualified-majority rule, as a share of the votes (e.g. 0.65).
    #[arg(long)]
    pub threshold: Option<f64>,
    /// Seed of the models' stochastic options and of the Monte Carlo (default: the scenario's
    /// `[experiment] seed`, 0 for imported files).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Draws of the scenario's uncertain inputs for the rule and agenda-setter probabilities
    /// (how often the body moves up, down or stays; default: the scenario's `[experiment] runs`,
    /// else 2000; 0 turns the Monte Carlo off). Imported files have no uncertain inputs.
    #[arg(long, value_name = "N")]
    pub runs: Option<u64>,
}

#[derive(Debug, Serialize)]
struct Report {
    input: LoadInfo,
    seed: u64,
    issues: Vec<IssueDecisions>,
    /// The rule and setter metrics over draws of the uncertain inputs (scenarios only).
    #[serde(skip_serializing_if = "Option::is_none")]
    uncertainty: Option<McResult>,
}

fn model_names(model: &str) -> Result<Vec<&'static str>, CliError> {
    if model == "all" {
        return Ok(registry::NAMES
            .iter()
            .copied()
            .filter(|n| registry::build(n, None).is_ok())
            .collect());
    }
    let mut names = Vec::new();
    for wanted in model.split(',').map(str::trim) {
        let name = registry::NAMES
            .iter()
            .copied()
            .find(|n| *n == wanted)
            .ok_or_else(|| {
                CliError::Input(format!(
                    "unknown model '{wanted}' (known: {}, all)",
                    registry::NAMES.join(", ")
                ))
            })?;
        if !names.contains(&name) {
            names.push(name);
        }
    }
    Ok(names)
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let options = LoadOptions {
        format: args.input_format.map(InputFormat::format),
        import: ImportOptions {
            scale: parse_scale(args.scale.as_deref())?,
            ..ImportOptions::default()
        },
    };
    let (mut issues, info) = load_issues(&args.file, &options)?;
    let rule = rule(args.rule, args.threshold)?;
    for issue in &mut issues {
        if let Some(q) = args.status_quo {
            if !(q.is_finite() && issue.scale.contains(q)) {
                return Err(CliError::Input(format!(
                    "--status-quo {q} is outside the scale {}–{} of issue '{}'",
                    issue.scale.lo, issue.scale.hi, issue.id
                )));
            }
            issue.status_quo = Some(vec![q; issue.m()]);
        }
        if rule.is_some() {
            issue.rule.clone_from(&rule);
        }
    }
    let names = model_names(&args.model)?;
    if let Some(p) = &args.preset {
        let m = registry::preset(p).map_err(|e| CliError::Input(e.to_string()))?;
        if !names.contains(&m.id()) {
            return Err(CliError::Input(format!(
                "preset '{p}' belongs to model '{}', which --model does not select",
                m.id()
            )));
        }
    }
    if let Some(id) = &args.issue
        && !issues.iter().any(|i| &i.id == id)
    {
        let known: Vec<&str> = issues.iter().map(|i| i.id.as_str()).collect();
        return Err(CliError::Input(format!(
            "no issue '{id}' in {} (issues: {})",
            args.file.display(),
            known.join(", ")
        )));
    }
    let seed = args.seed.unwrap_or(info.seed);
    let uncertainty = info.scenario.as_deref().and_then(|r| {
        // Every issue, also under --issue: linkage pays for a block with another issue.
        let runs = RunOptions::for_scenario(r).with(None, args.runs).runs;
        decide_movement(r, issues.clone(), runs, seed, &|_, _| {})
    });
    let issues = decide_with(
        &issues,
        &DecideOptions {
            models: names,
            preset: args.preset.as_deref(),
            only: args.issue.as_deref(),
            seed,
        },
    );
    let report = Report {
        input: info,
        seed,
        issues,
        uncertainty,
    };
    let out = match args.format {
        Format::Json => json(&report)?,
        Format::Csv => detente_present::decide::report::csv(&report.issues),
        Format::Table => detente_present::decide::report::table(&IssuesRead {
            title: &report.input.title,
            read_as: report.input.format.name(),
            notes: &report.input.notes,
            issues: &report.issues,
            uncertainty: report.uncertainty.as_ref(),
        }),
    };
    print(&format!("{}\n", out.trim_end()))
}
