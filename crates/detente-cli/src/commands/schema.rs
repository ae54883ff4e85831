//! `detente schema`: the JSON Schema of the scenario format.

use crate::error::CliResult;
use crate::output::{print, write_atomic};
use std::path::PathBuf;

/// Print the JSON Schema of scenario format version 1 (for editors and other tools).
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  detente schema > detente-scenario.schema.json\n  detente schema -o schema.json"
)]
pub struct Args {
    /// Write the schema to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let schema = detente::scenario::json_schema() + "\n";
    match args.output {
        Some(path) => write_atomic(&path, &schema),
        None => print(&schema),
    }
}
