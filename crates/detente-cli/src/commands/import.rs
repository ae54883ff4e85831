//! `detente import FILE`: convert a foreign file into a scenario file on stdout.

use std::path::PathBuf;

use detente::import::ImportOptions;

use detente::import::Format;

use crate::error::{CliError, CliResult};
use crate::issues_input::{InputFormat, LoadOptions, RuleArg, parse_scale, read_imported, rule};

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
    /// The DEU data set's layout (long CSV: proposal, issue, actor, position, salience).
    Deu,
}

impl ImportFormat {
    fn input_format(self) -> InputFormat {
        match self {
            ImportFormat::Decide => InputFormat::Decide,
            ImportFormat::Plain => InputFormat::Plain,
            ImportFormat::KtabCsv => InputFormat::KtabCsv,
            ImportFormat::KtabXml => InputFormat::KtabXml,
            ImportFormat::Deu => InputFormat::Deu,
        }
    }
}

/// Convert a Decide CSV, plain CSV, KTAB or DEU-layout file into a scenario file (TOML, on
/// stdout).
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  detente import crates/detente/tests/fixtures/decide/cop21.csv > cop21.toml\n  \
                  detente import --input-format deu examples/deu-synthetic.csv > deu.toml\n  \
                  detente import examples/deu-synthetic.csv --rule qualified-majority --threshold 0.74 > deu.toml"
)]
pub struct Args {
    /// Input file (format detected from extension and content).
    pub file: PathBuf,
    /// Input format, when detection is not wanted.
    #[arg(long, value_enum)]
    pub input_format: Option<ImportFormat>,
    /// Issue scale LO,HI for plain CSV (default: the range of the positions).
    #[arg(long, value_name = "LO,HI")]
    pub scale: Option<String>,
    /// DEU layout: the Council's rule (default qualified majority, quota by Council size).
    #[arg(long, value_enum)]
    pub rule: Option<RuleArg>,
    /// DEU layout: quota of --rule qualified-majority, as a share of the votes (e.g. 0.74).
    #[arg(long)]
    pub threshold: Option<f64>,
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
            rule: rule(args.rule, args.threshold)?,
        },
    };
    let imported = read_imported(&args.file, &options)?;
    if options.import.rule.is_some() && imported.format != Format::Deu {
        return Err(CliError::Input(format!(
            "--rule and --threshold apply to the DEU layout only; {} was read as {}",
            args.file.display(),
            imported.format.name()
        )));
    }
    for note in &imported.notes {
        eprintln!("note: {note}");
    }
    crate::output::print(&format!("{}\n", imported.to_scenario_toml().trim_end()))
}
