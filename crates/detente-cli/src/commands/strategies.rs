//! `detente strategies`: the strategy registry with classifiers, and the policy aliases.

use crate::error::{CliError, CliResult};
use crate::output::{Format, print as emit};
use detente_present::games::{strategies_csv, strategies_table, strategy_rows};

/// List every strategy for iterated games: id, memory depth, whether it is random, what it
/// reads, and its rule; then the policy aliases.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  detente strategies\n  detente strategies --format json")]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let rows = strategy_rows();
    let text = match args.format {
        Format::Table => strategies_table(&rows),
        Format::Csv => strategies_csv(&rows),
        Format::Json => {
            serde_json::to_string_pretty(&rows).map_err(|e| CliError::Failure(e.to_string()))?
                + "\n"
        }
    };
    emit(&text)
}
