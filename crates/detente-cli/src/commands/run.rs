//! `detente run`: every lens the scenario defines, on the bundled flagship by default.

use crate::error::{CliError, CliResult};
use crate::input::load_scenario;
use crate::output::{Format, json, print, write_atomic};
use crate::{lens_decide, lens_escalate, summary};
use detente::experiment::{Results, RunOptions, run_all};
use detente::scenario::Resolved;
use std::io::IsTerminal;
use std::path::PathBuf;

/// Run every lens the scenario defines and print a readable summary.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  detente run                                  # the bundled NATO–China flagship\n  \
    detente run --runs 10000                     # with Monte Carlo intervals\n  \
    detente run my-scenario.toml --format json --out out/\n\n\
    Same scenario + seed ⇒ byte-identical JSON/CSV, whatever --threads."
)]
pub struct Args {
    /// Scenario file (default: the bundled flagship, nato-china-2023).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Monte Carlo runs over uncertain inputs (decide) and per policy (escalate); 0: point values
    /// only (escalate then plays 2,000 runs per policy).
    #[arg(long, default_value_t = 0)]
    pub runs: u64,
    /// Master seed (default: the scenario's `[experiment] seed`, else 0).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Decision models in the Monte Carlo (comma list; bdm, smp and exchange cost milliseconds
    /// per draw).
    #[arg(long, value_name = "MODELS", default_value = "compromise,median,nash")]
    pub mc_models: String,
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    pub threads: Option<usize>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Also write results.json and results.csv (and results.parquet when built with the
    /// `parquet` feature) into this folder, atomically.
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
    if let Some(bad) = mc_models
        .iter()
        .find(|m| !detente::decide::registry::NAMES.contains(&m.as_str()))
    {
        return Err(CliError::Input(format!(
            "error: unknown model `{bad}` in --mc-models (models: {})",
            detente::decide::registry::NAMES.join(", ")
        )));
    }
    let opts = RunOptions {
        seed: args.seed.unwrap_or_else(|| r.seed()),
        runs: args.runs,
        mc_models,
        ..RunOptions::default()
    };
    let show_progress = !args.quiet && std::io::stderr().is_terminal();
    let progress = |lens: &str, done: u64, total: u64| {
        if show_progress {
            eprint!("\r{lens}: {done}/{total} runs");
            if done == total {
                eprintln!();
            }
        }
    };
    let work = || run_all(&r, &source, &opts, &progress);
    let mut results = match args.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| CliError::Failure(format!("error: cannot start {n} threads: {e}")))?
            .install(work),
        None => work(),
    };
    results.command = std::env::args().collect();
    if let Some(dir) = &args.out {
        write_atomic(&dir.join("results.json"), &json(&results)?)?;
        write_atomic(&dir.join("results.csv"), csv(&results))?;
        #[cfg(feature = "parquet")]
        crate::parquet_out::write(&dir.join("results.parquet"), &rows(&results))?;
    }
    match args.format {
        Format::Json => print(&json(&results)?)?,
        Format::Csv => print(&csv(&results))?,
        Format::Table => print(&table(&r, &name, &results))?,
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

fn table(r: &Resolved, name: &str, res: &Results) -> String {
    let mut out = summary::header(r, name);
    if let Some(s) = &r.scenario.scenario.summary {
        out.push('\n');
        out.push_str(&wrap(s.trim(), 100));
    }
    out.push_str(&summary::heading("Actors"));
    out.push_str(&summary::actors(r));
    out.push_str(&summary::heading("Issues and stances"));
    out.push_str(&summary::issues(r));
    out.push_str(&summary::heading("Ties"));
    out.push_str(&summary::ties(r));
    if let Some(d) = &res.decide {
        out.push_str(&summary::heading("Decide: where will each body settle?"));
        out.push_str(&lens_decide::render(r, d));
        if let Some(mc) = &res.decide_uncertainty {
            out.push_str(&lens_decide::render_uncertainty(mc));
        }
    }
    if let Some(a) = &res.align {
        out.push_str(&summary::heading("Align: who sides with whom?"));
        out.push_str(&detente::align::render_table(a));
    }
    if let Some(e) = &res.escalate {
        out.push_str(&summary::heading(
            "Escalate: does the rivalry spiral under each policy?",
        ));
        out.push_str(&lens_escalate::render(r, e));
    }
    if let Some(a) = &res.richardson {
        out.push_str(&summary::heading("Arms race (Richardson)"));
        out.push_str(&lens_escalate::render_richardson(a));
    }
    out.push_str(&format!(
        "\nseed {} · runs {} · scenario hash {} · detente {}\n",
        res.seed, res.runs, res.scenario_hash, res.version
    ));
    out
}

/// One row of the long table: lens, subject, metric, statistic, value.
pub type Row = (String, String, String, String, f64);

/// The long table as CSV.
fn csv(res: &Results) -> String {
    let mut out = String::from("lens,subject,metric,statistic,value\n");
    for (lens, subject, metric, stat, v) in rows(res) {
        out.push_str(&format!("{lens},{subject},{metric},{stat},{v}\n"));
    }
    out
}

/// One row per (lens, subject, metric, statistic): the long table for pandas or R.
pub fn rows(res: &Results) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    let mut row = |lens: &str, subject: &str, metric: &str, stat: &str, v: f64| {
        out.push((lens.into(), subject.into(), metric.into(), stat.into(), v));
    };
    for d in res.decide.iter().flatten() {
        for a in &d.answers {
            if let Some(dec) = &a.decision {
                row("decide", &d.issue, &a.model, "outcome", dec.outcome[0]);
                row(
                    "decide",
                    &d.issue,
                    &a.model,
                    "unconstrained",
                    dec.unconstrained[0],
                );
            }
        }
    }
    if let Some(mc) = &res.decide_uncertainty {
        for (m, s) in mc.metrics.iter().zip(&mc.summaries[0]) {
            match s {
                detente::experiment::MetricSummary::Real(s) => {
                    row("decide-mc", "scenario", &m.name, "mean", s.mean);
                    for (q, v) in &s.quantiles {
                        row(
                            "decide-mc",
                            "scenario",
                            &m.name,
                            &format!("q{:02.0}", q * 100.0),
                            *v,
                        );
                    }
                }
                detente::experiment::MetricSummary::Event(p) => {
                    row("decide-mc", "scenario", &m.name, "p", p.estimate);
                    row("decide-mc", "scenario", &m.name, "p_low", p.low);
                    row("decide-mc", "scenario", &m.name, "p_high", p.high);
                }
            }
        }
    }
    if let Some(a) = &res.align {
        for c in &a.configurations {
            row(
                "align",
                &format!("configuration-{}", c.rank),
                "energy",
                "value",
                c.energy,
            );
            row(
                "align",
                &format!("configuration-{}", c.rank),
                "basin_share",
                "value",
                c.basin.share(),
            );
        }
    }
    if let Some(e) = &res.escalate {
        for p in &e.policies {
            let s = &p.summary;
            row("escalate", &p.id, "spiral", "p", s.spiral.estimate);
            row("escalate", &p.id, "spiral", "p_low", s.spiral.low);
            row("escalate", &p.id, "spiral", "p_high", s.spiral.high);
            row(
                "escalate",
                &p.id,
                "joint_welfare",
                "mean",
                s.joint_welfare.mean,
            );
            if let Some(o) = &s.onset {
                row("escalate", &p.id, "onset", "median", o.median);
            }
        }
    }
    if let Some(a) = &res.richardson {
        row(
            "richardson",
            "system",
            "spectral_abscissa",
            "value",
            a.analysis.spectral_abscissa,
        );
    }
    out
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
