//! `detente align`: who sides with whom (landscape theory, docs/align.md).
//!
//! Thin glue: reads the input, calls `detente::align`, prints. The core, [`report`], takes the
//! plain `AlignInput`, built from a scenario file (`detente::align::scenario`), the bundled world
//! data (`--world`) or a JSON input.

use crate::error::{CliError, CliResult};
use detente::align::{
    AlignInput, AlignOptions, BuiltPropensities, DescentRule, align, build_propensities,
    flagship_inputs,
};
use std::path::PathBuf;

pub use crate::output::Format;
use crate::output::json;

/// Find the stable coalition structures of a landscape and their basins.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  detente align                                   # the bundled flagship\n  \
    detente align scenarios/validation/europe-1936.toml\n  \
    detente align scenarios/nato-china-2023.toml --explain USA IND\n  \
    detente align --world\n  detente align examples/align/triangle.json --format json --seed 7"
)]
pub struct Args {
    /// A scenario file (TOML, its `[align]` section), or an align input as JSON (the library's
    /// `AlignInput`). Default: the bundled flagship scenario.
    #[arg(conflicts_with = "world")]
    pub file: Option<PathBuf>,
    /// Use the bundled world data: the 40 states, CINC sizes, default weights and the three
    /// flagship ties.
    #[arg(long)]
    pub world: bool,
    /// Explain the propensity between two actors term by term (scenario or --world input).
    #[arg(long, num_args = 2, value_names = ["A", "B"])]
    pub explain: Option<Vec<String>>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Maximum number of coalitions (k ≥ 2).
    #[arg(long)]
    pub coalitions: Option<usize>,
    /// Random-start descents for sampled basins and heuristic search.
    #[arg(long)]
    pub restarts: Option<u64>,
    /// Seed of the random starts.
    #[arg(long)]
    pub seed: Option<u64>,
    /// Descent rule: energy-steepest, steepest-frustration, first-improvement, random-order.
    #[arg(long)]
    pub rule: Option<DescentRule>,
}

/// Runs the command.
pub fn run(args: Args) -> CliResult {
    let mut outcome = None;
    // A validation scenario's published reference, checked when the run uses its settings.
    let mut reference = None;
    let (mut input, built) = if args.world {
        let built =
            build_propensities(&flagship_inputs().map_err(input_error)?).map_err(input_error)?;
        let input = AlignInput {
            landscape: built.landscape.clone(),
            options: AlignOptions::default(),
            provenance: vec![
                "bundled world data: data/world/actors_2024.csv, memberships_2025.csv".into(),
                "flagship ties: USA–CHN rivalry 0.8, CHN–RUS partnership 0.8, RUS–UKR rivalry 1.0"
                    .into(),
            ],
            notes: built.diagnostics.clone(),
        };
        (input, Some(built))
    } else if let Some(path) = args.file.as_ref().filter(|p| !is_scenario_path(p)) {
        let text = std::fs::read_to_string(path)
            .map_err(|e| CliError::Input(format!("cannot read {}: {e}", path.display())))?;
        let input: AlignInput = serde_json::from_str(&text).map_err(|e| {
            CliError::Input(format!(
                "{}: not an align input (JSON with `landscape`, `options`, `provenance`, \
                 `notes`): {e}",
                path.display()
            ))
        })?;
        (input, None)
    } else {
        let (resolved, name) = crate::input::load_scenario(args.file.as_deref())?;
        let (input, built) = detente::align::scenario::input(&resolved)
            .map_err(|e| CliError::Input(format!("{name}: {e}")))?;
        if let Some(k) = resolved
            .scenario
            .align
            .as_ref()
            .and_then(|a| a.known_outcome.as_ref())
            && args.explain.is_none()
            && args.format == Format::Table
            && args.coalitions.is_none()
            && args.restarts.is_none()
            && args.seed.is_none()
            && args.rule.is_none()
        {
            outcome = Some(
                detente::experiment::backtest::align::align_case(
                    &name,
                    &resolved,
                    k,
                    &detente::experiment::backtest::BacktestOptions::default(),
                    0,
                )
                .map_err(|e| CliError::Input(e.to_string()))?,
            );
        }
        let defaults = args.explain.is_none()
            && args.format == Format::Table
            && args.coalitions.is_none()
            && args.restarts.is_none()
            && args.seed.is_none()
            && args.rule.is_none();
        if defaults
            && resolved
                .scenario
                .align
                .as_ref()
                .is_some_and(|a| a.reference.is_some())
        {
            reference = Some(resolved);
        }
        (input, Some(built))
    };
    if let Some(k) = args.coalitions {
        input.options.coalitions = k;
    }
    if let Some(r) = args.restarts {
        input.options.restarts = r;
    }
    if let Some(s) = args.seed {
        input.options.seed = s;
    }
    if let Some(r) = args.rule {
        input.options.rule = r;
    }
    let explain = args
        .explain
        .as_deref()
        .map(|v| (v[0].as_str(), v[1].as_str()));
    let mut text = report(&input, built.as_ref(), explain, args.format)?;
    if let Some(case) = &outcome {
        text.push_str("\nAgainst what happened:\n");
        text.push_str(&detente_present::backtest::align_table(
            case,
            detente::experiment::backtest::BacktestOptions::default().resamples,
        ));
    }
    if let Some(resolved) = &reference {
        // The run is deterministic, so running it again gives the result the table shows; only
        // validation scenarios (small, exhaustive) pay for it.
        let result = align(&input).map_err(|e| CliError::Input(e.to_string()))?;
        if let Some(v) = detente_report::from_results::align_validation(resolved, &result) {
            let verdict = if v.validated {
                "reproduced ✔"
            } else {
                "not reproduced ✘"
            };
            text.push_str(&format!(
                "\nAgainst the published results ({}): {verdict}\n",
                v.reference
            ));
            for c in &v.checks {
                text.push_str(&format!("  {c}\n"));
            }
        }
    }
    crate::output::print(&text)?;
    Ok(())
}

/// Whether a path names a scenario (TOML) rather than a JSON align input.
fn is_scenario_path(path: &std::path::Path) -> bool {
    path.extension().is_none_or(|e| e != "json")
}

/// The command's core: explains a pair (when asked) or runs the model and renders the result.
pub fn report(
    input: &AlignInput,
    built: Option<&BuiltPropensities>,
    explain: Option<(&str, &str)>,
    format: Format,
) -> Result<String, CliError> {
    if let Some((a, b)) = explain {
        let built = built.ok_or_else(|| {
            CliError::Input(
                "--explain needs propensities built from data (a scenario or --world)".into(),
            )
        })?;
        let pair = built.explain(a, b).ok_or_else(|| {
            CliError::Input(format!(
                "no pair {a}–{b} among the actors (ids are ISO3 codes)"
            ))
        })?;
        return Ok(match format {
            Format::Json => json(pair)?,
            _ => detente_present::align::explain(pair),
        });
    }
    let result = align(input).map_err(|e| CliError::Input(e.to_string()))?;
    Ok(match format {
        Format::Table => detente_present::align::table(&result),
        Format::Json => json(&result)?,
        Format::Csv => detente_present::align::csv(&result),
    })
}

fn input_error(e: detente::align::AlignError) -> CliError {
    CliError::Input(e.to_string())
}
