//! `detente run`: every lens the scenario defines, on the bundled flagship by default.

use crate::error::CliResult;
use crate::input::load_scenario;
use crate::output::print;
use crate::summary;
use std::path::PathBuf;

/// Run every lens the scenario defines and print a readable summary.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  detente run                      # the bundled NATO–China flagship\n  detente run my-scenario.toml"
)]
pub struct Args {
    /// Scenario file (default: the bundled flagship, nato-china-2023).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let (r, name) = load_scenario(args.file.as_deref())?;
    let mut out = summary::header(&r, &name);
    if let Some(s) = &r.scenario.scenario.summary {
        out.push('\n');
        out.push_str(&wrap(s.trim(), 100));
    }
    out.push_str(&summary::heading("Actors"));
    out.push_str(&summary::actors(&r));
    out.push_str(&summary::heading("Issues and stances"));
    out.push_str(&summary::issues(&r));
    out.push_str(&summary::heading("Ties"));
    out.push_str(&summary::ties(&r));
    let issues = detente::decide::scenario::issues(&r);
    if !issues.is_empty() {
        let decisions = detente::decide::scenario::decide_all(
            &issues,
            detente::decide::registry::NAMES,
            seed(&r),
        );
        out.push_str(&summary::heading("Decide: where will each body settle?"));
        out.push_str(&crate::lens_decide::render(&r, &decisions));
    }
    print(&out)
}

/// The scenario's seed (`[experiment] seed`), 0 when it names none.
pub fn seed(r: &detente::scenario::Resolved) -> u64 {
    r.scenario.experiment.and_then(|e| e.seed).unwrap_or(0)
}

/// Greedy word wrap to `width` columns.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for para in text.split("\n\n") {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push_str("\n\n");
    }
    out
}
