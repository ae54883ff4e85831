//! `detente schema`: the JSON Schema of the scenario format.

use crate::error::CliResult;
use crate::output::print;

/// Print the JSON Schema of scenario format version 1 (for editors and other tools).
#[derive(clap::Args)]
#[command(after_help = "Example:\n  detente schema > detente-scenario.schema.json")]
pub struct Args {}

/// Run the command.
pub fn run(_args: Args) -> CliResult {
    print(&(detente::scenario::json_schema() + "\n"))
}
