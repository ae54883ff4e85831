//! `detente calibrate align`: fit the align lens's propensity weights on the training cases
//! (the 2014 Crimea vote and the First World War) and score them on the held-out cases (the 2022
//! vote and the Second World War in Europe); see docs/align.md, "Calibrated weights".

use crate::error::{CliError, CliResult};
use crate::output::{json, print, write_atomic};
use detente::align::{FitSettings, Role, calibrate_align, weights_csv};
use detente::experiment::backtest::AlignMethod;
use detente_present::Table;
use std::path::PathBuf;

/// Settings of `calibrate align`.
#[derive(clap::Args)]
pub struct AlignArgs {
    /// Seed of the candidate draws and the bootstrap.
    #[arg(long, default_value_t = FitSettings::default().seed)]
    pub seed: u64,
    /// Random grid points drawn (before duplicates are dropped).
    #[arg(long, default_value_t = FitSettings::default().candidates)]
    pub candidates: usize,
    /// Bootstrap resamples of the training states for the weight intervals.
    #[arg(long, default_value_t = FitSettings::default().resamples)]
    pub resamples: usize,
    /// Restarts per align run (default: each case's own).
    #[arg(long)]
    pub restarts: Option<u64>,
    /// Worker threads, 1 to 256 (default: all cores). Results do not depend on it.
    #[arg(long, value_name = "T", value_parser = crate::run_args::parse_threads)]
    pub threads: Option<usize>,
    /// Write the weights CSV here.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print the full result as JSON instead of tables.
    #[arg(long)]
    pub json: bool,
}

fn cell(m: Option<&AlignMethod>) -> String {
    match m.and_then(|m| m.accuracy.zip(m.kappa)) {
        Some((a, k)) => format!("{:.0} % (κ {:.2})", 100.0 * a.value, k.value),
        None => "–".into(),
    }
}

/// Run the command.
pub fn run(a: AlignArgs) -> CliResult {
    let settings = FitSettings {
        candidates: a.candidates,
        resamples: a.resamples,
        seed: a.seed,
        restarts: a.restarts,
    };
    let fit = crate::run_args::with_threads(a.threads, || calibrate_align(&settings))?
        .map_err(|e| CliError::Input(format!("error: {e}")))?;
    if let Some(path) = &a.out {
        write_atomic(path, weights_csv(&fit))?;
    }
    if a.json {
        return print(&json(&fit)?);
    }
    let mut out = format!(
        "align weights: {} distinct candidates, fitted on {} (mean κ {:.3}), seed {}, {} resamples\n\n",
        fit.evaluated,
        fit.cases
            .iter()
            .filter(|c| c.role == Role::Train)
            .map(|c| c.case.as_str())
            .collect::<Vec<_>>()
            .join(" and "),
        fit.training_kappa,
        settings.seed,
        settings.resamples
    );
    let mut t = Table::new(&["term", "weight", "95% interval"], &[false, true, true]);
    for w in &fit.weights {
        t.row(vec![
            w.term.clone(),
            format!("{:.3}", w.weight),
            match w.interval {
                Some((lo, hi)) => format!("[{lo:.3}, {hi:.3}]"),
                None => "fixed".into(),
            },
        ]);
    }
    out.push_str(&t.render());
    out.push_str("\nShare placed correctly (κ), fitted weights against the hand-set ones and the baselines\n");
    let mut s = Table::new(
        &[
            "case",
            "role",
            "majority side",
            "ideal point",
            "alliance",
            "align fitted",
            "align hand-set",
        ],
        &[false, false, true, true, true, true, true],
    );
    use detente::experiment::backtest::align::{ALIGN_MODEL, ALLIANCE, IDEAL_POINT, MAJORITY};
    for c in &fit.cases {
        s.row(vec![
            c.case.clone(),
            match c.role {
                Role::Train => "train".into(),
                Role::Test => "test".into(),
            },
            cell(c.scored.method(MAJORITY)),
            cell(c.scored.method(IDEAL_POINT)),
            cell(c.scored.method(ALLIANCE)),
            cell(c.scored.method(ALIGN_MODEL)),
            format!(
                "{:.0} % (κ {:.2})",
                100.0 * c.classic_accuracy,
                c.classic_kappa
            ),
        ]);
    }
    out.push_str(&s.render());
    print(&out)
}
