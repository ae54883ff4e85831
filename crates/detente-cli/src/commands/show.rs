//! `detente show`: the resolved scenario with the source of every number.

use crate::error::CliResult;
use crate::input::load_scenario;
use crate::output::{Format, json, print};
use detente::scenario::{Diagnostic, Issue, ResolvedActor, Tie};
use detente_present::scenario as summary;
use detente_present::text::heading;
use std::path::PathBuf;

/// Show a scenario resolved against the world data: actors with capabilities and where each
/// number came from, issues with stances, ties.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  detente show scenarios/nato-china-2023.toml\n  detente show scenarios/nato-china-2023.toml --format json > resolved.json"
)]
pub struct Args {
    /// Scenario file (default: the bundled flagship).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

#[derive(serde::Serialize)]
struct Shown<'a> {
    id: &'a str,
    title: &'a str,
    as_of: Option<&'a str>,
    actors: &'a [ResolvedActor],
    issues: &'a [Issue],
    ties: &'a [Tie],
    warnings: &'a [Diagnostic],
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let (r, name) = load_scenario(args.file.as_deref())?;
    match args.format {
        Format::Json | Format::Csv => {
            let s = &r.scenario;
            print(&json(&Shown {
                id: &s.scenario.id,
                title: &s.scenario.title,
                as_of: s.scenario.as_of.as_deref(),
                actors: &r.actors,
                issues: &s.issues,
                ties: &s.ties,
                warnings: &r.warnings,
            })?)
        }
        Format::Table => {
            let mut out = summary::header(&r, &name);
            out.push_str(&heading("Actors"));
            out.push_str(&summary::actors(&r));
            out.push_str(&heading("World data"));
            out.push_str(&summary::world_figures(&r));
            out.push_str(&heading("Issues"));
            out.push_str(&summary::issues(&r));
            out.push_str(&heading("Ties"));
            out.push_str(&summary::ties(&r));
            if !r.warnings.is_empty() {
                out.push_str(&heading("Warnings"));
                for w in &r.warnings {
                    let at = w.line.map(|l| format!(" (line {l})")).unwrap_or_default();
                    out.push_str(&format!("- {}{at}\n", w.message));
                }
            }
            print(&out)
        }
    }
}
