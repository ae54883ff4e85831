//! `detente check`: validate scenario files and report every problem at once.

use crate::error::{CliError, CliResult};
use crate::input::read_text;
use crate::output::print;
use detente::scenario::{self, Diagnostics};
use std::path::PathBuf;

/// Validate scenario files: every error and warning, with file:line:column.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  detente check scenarios/nato-china-2023.toml\n  detente check scenarios/*.toml\n\nExit status: 0 all valid, 2 any error."
)]
pub struct Args {
    /// Scenario files to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Do not print warnings.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let mut failed = 0;
    let mut report = String::new();
    for path in &args.files {
        let name = path.display().to_string();
        let source = match read_text(path) {
            Ok(s) => s,
            Err(e) => {
                failed += 1;
                eprintln!("{e}");
                continue;
            }
        };
        match scenario::load_str(&source, &name) {
            Ok(r) => {
                let w = r.warnings.len();
                if !args.quiet && w > 0 {
                    eprint!(
                        "{}",
                        Diagnostics::new(&name, &source, r.warnings.clone()).render()
                    );
                }
                report.push_str(&format!(
                    "{name}: ok ({} actors, {} issues, {} ties{})\n",
                    r.actors.len(),
                    r.scenario.issues.len(),
                    r.scenario.ties.len(),
                    if w > 0 {
                        format!("; {w} warning{}", if w == 1 { "" } else { "s" })
                    } else {
                        String::new()
                    }
                ));
            }
            Err(d) => {
                failed += 1;
                eprint!("{}", d.render());
            }
        }
    }
    print(&report)?;
    if failed > 0 {
        let n = args.files.len();
        return Err(CliError::Input(format!(
            "{failed} of {n} file{} invalid",
            if n == 1 { "" } else { "s" }
        )));
    }
    Ok(())
}
