//! `detente run`: every lens the scenario defines, on the bundled flagship by default.

use crate::error::{CliError, CliResult};
use crate::input::load_scenario;
use crate::output::{Format, json, print, write_atomic};
use crate::run_args::RunArgs;
use detente::experiment::results::Recorded;
use detente::experiment::run_all;
use detente_present::long_table::csv;
use detente_present::run::table;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Run every lens the scenario defines and print a readable summary.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  detente run                                  # the bundled NATO–China flagship\n  \
    detente run --runs 10000                     # with Monte Carlo intervals\n  \
    detente run scenarios/nato-china-2023.toml --format json --out out/\n\n\
    Same scenario + seed ⇒ byte-identical JSON/CSV, whatever --threads."
)]
pub struct Args {
    /// Scenario file (default: the bundled flagship, nato-china-2023).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Runs, seed and threads. `--runs 0`: decide at the point values only (escalate then
    /// plays 2000 runs per policy).
    #[command(flatten)]
    pub run: RunArgs,
    /// Decision models in the Monte Carlo (comma list; bdm, smp and exchange cost milliseconds
    /// per draw).
    #[arg(long, value_name = "MODELS", default_value = "compromise,median,nash")]
    pub mc_models: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Write results.json and results.csv (and results.parquet when built with the `parquet`
    /// feature) into this folder, atomically; JSON and CSV then print only the files written.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// No progress on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let (r, name) = load_scenario(args.file.as_deref())?;
    let source = match &args.file {
        Some(p) => crate::input::read_text(p)?,
        None => detente::scenario::FLAGSHIP.to_string(),
    };
    let mc_models: Vec<String> = args
        .mc_models
        .split(',')
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty())
        .collect();
    let mut opts = args.run.options(&r);
    opts.set_mc_models(mc_models, "--mc-models")
        .map_err(|e| CliError::Input(format!("error: {e}")))?;
    let show_progress = !args.quiet && std::io::stderr().is_terminal();
    let progress = |lens: &str, done: u64, total: u64| {
        if show_progress {
            eprint!("\r{lens}: {done}/{total} runs");
            if done == total {
                eprintln!();
            }
        }
    };
    let results = args
        .run
        .install(|| run_all(&r, &source, &opts, &progress))?;
    let envelope = Recorded {
        command: std::env::args().collect(),
        results: &results,
    };
    if let Some(dir) = &args.out {
        let mut written = Vec::new();
        for (name, bytes) in [
            ("results.json", json(&envelope)?.into_bytes()),
            ("results.csv", csv(&results).into_bytes()),
        ] {
            let path = dir.join(name);
            write_atomic(&path, bytes)?;
            written.push(path);
        }
        #[cfg(feature = "parquet")]
        {
            let path = dir.join("results.parquet");
            crate::parquet_out::write(&path, &detente::experiment::long_table::rows(&results))?;
            written.push(path);
        }
        if args.format != Format::Table {
            let lines: Vec<String> = written
                .iter()
                .map(|p| format!("wrote {}\n", p.display()))
                .collect();
            print(&lines.concat())?;
        }
    }
    match (args.format, &args.out) {
        (Format::Table, _) => print(&table(&r, &name, &results))?,
        (_, Some(_)) => {}
        (Format::Json, None) => print(&json(&envelope)?)?,
        (Format::Csv, None) => print(&csv(&results))?,
    }
    if results.errors.is_empty() {
        Ok(())
    } else {
        let msgs: Vec<String> = results
            .errors
            .iter()
            .map(|e| format!("{}: {}", e.lens, e.message))
            .collect();
        Err(CliError::Failure(format!(
            "error: some lenses could not run:\n  {}",
            msgs.join("\n  ")
        )))
    }
}
