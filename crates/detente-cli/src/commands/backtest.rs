//! `detente backtest [PATHS…]`: score every model against what actually happened.

use std::path::{Path, PathBuf};

use detente::experiment::backtest::{BacktestOptions, align_cases, backtest, decide_cases};

use crate::error::{CliError, CliResult};
use crate::output::{self, Format as OutFormat};

/// Score every model against the known outcomes of a case library.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  detente backtest scenarios/cases\n  \
                        detente backtest scenarios/cases --format csv > track-record.csv\n  \
                        detente backtest scenarios/nato-china-2023.toml --tolerance 5")]
pub struct Args {
    /// Scenario files or folders (searched recursively for .toml, and for .csv files in an
    /// importable format such as the DEU layout). Default: scenarios/cases.
    pub paths: Vec<PathBuf>,
    /// A prediction within this many points of a 0–100 scale counts as a hit.
    #[arg(long, default_value_t = 10.0)]
    pub tolerance: f64,
    /// Bootstrap resamples for the intervals.
    #[arg(long, default_value_t = 2000)]
    pub resamples: usize,
    /// Seed of the bootstrap (models use each scenario's own seed).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutFormat,
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    if !(args.tolerance.is_finite() && args.tolerance >= 0.0) {
        return Err(CliError::Input(format!(
            "--tolerance must be a number ≥ 0, got {}",
            args.tolerance
        )));
    }
    if args.resamples == 0 || args.resamples > 1_000_000 {
        return Err(CliError::Input(
            "--resamples must be between 1 and 1000000".into(),
        ));
    }
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("scenarios/cases")]
    } else {
        args.paths.clone()
    };
    let mut files = Vec::new();
    for p in &paths {
        collect(p, &mut files)?;
    }
    let scenarios = files
        .iter()
        .map(|f| crate::input::load_any(f).map(|r| (f.display().to_string(), r)))
        .collect::<Result<Vec<_>, _>>()?;
    let cases = decide_cases(&scenarios);
    let options = BacktestOptions {
        tolerance: args.tolerance,
        resamples: args.resamples,
        seed: args.seed,
    };
    let aligned = align_cases(&scenarios, &options).map_err(|e| CliError::Input(e.to_string()))?;
    if cases.is_empty() && aligned.is_empty() {
        return Err(CliError::Input(format!(
            "no issue with a known_outcome and no [align.known_outcome] in {} file(s) under {}",
            files.len(),
            paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    let result = backtest(cases, options).with_align(aligned);
    let text = match args.format {
        OutFormat::Json => output::json(&result)?,
        OutFormat::Csv => detente_present::backtest::csv(&result),
        OutFormat::Table => detente_present::backtest::table(&result),
    };
    output::print(&text)
}

/// Files under `path` (sorted, so the order never depends on the file system).
fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), CliError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| CliError::Input(format!("cannot read {}: {e}", path.display())))?;
    if meta.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| CliError::Input(format!("cannot read {}: {e}", path.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for e in entries {
        let ext = e.extension().and_then(|x| x.to_str()).unwrap_or("");
        if e.is_dir() {
            collect(&e, out)?;
        } else if matches!(ext, "toml" | "csv") {
            out.push(e);
        }
    }
    Ok(())
}
