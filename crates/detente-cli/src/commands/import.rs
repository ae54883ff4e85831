//! `detente import FILE`: convert a foreign file into a scenario file on stdout.

use std::path::PathBuf;

use detente::import::ImportOptions;

use super::decide::{InputFormat, LoadOptions, parse_scale, read_imported};
use crate::error::CliResult;

/// What `import` converts from: every input format but a scenario (a scenario is already the
/// output format).
#[derive(Clone, Copy, Debug, clap::ValueEnum, PartialEq, Eq)]
pub enum ImportFormat {
    /// Decide/Stokman CSV (`#A #P #M #D` rows).
    Decide,
    /// `actor,capability,position,salience` CSV.
    Plain,
    /// KTAB SMP CSV.
    KtabCsv,
    /// KTAB SMP XML.
    KtabXml,
}

impl ImportFormat {
    fn input_format(self) -> InputFormat {
        match self {
            ImportFormat::Decide => InputFormat::Decide,
            ImportFormat::Plain => InputFormat::Plain,
            ImportFormat::KtabCsv => InputFormat::KtabCsv,
            ImportFormat::KtabXml => InputFormat::KtabXml,
        }
    }
}

/// Convert a Decide CSV, plain CSV or KTAB file into a scenario file (TOML, on stdout).
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  detente import cop21.csv > cop21.toml")]
pub struct Args {
    /// Input file (format detected from extension and content).
    pub file: PathBuf,
    /// Input format, when detection is not wanted.
    #[arg(long, value_enum)]
    pub input_format: Option<ImportFormat>,
    /// Issue scale LO,HI for plain CSV (default: the range of the positions).
    #[arg(long, value_name = "LO,HI")]
    pub scale: Option<String>,
}

/// Run the command: notes go to stderr, the scenario to stdout.
pub fn run(args: Args) -> CliResult {
    let options = LoadOptions {
        format: args
            .input_format
            .map(|f| ImportFormat::input_format(f).format()),
        import: ImportOptions {
            scale: parse_scale(args.scale.as_deref())?,
            title: None,
        },
    };
    let imported = read_imported(&args.file, &options)?;
    for note in &imported.notes {
        eprintln!("note: {note}");
    }
    super::decide::print_stdout(imported.to_scenario_toml().trim_end())
}
