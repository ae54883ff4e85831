//! `detente sensitivity`: which uncertain inputs move a metric most — a one-at-a-time tornado
//! and Morris elementary effects.

use crate::analysis_io::{cli_error, csv_field, csv_num, num, parse_metrics};
use crate::error::CliResult;
use crate::input::load_scenario;
use crate::output::{Format, json, print};
use crate::run_args::RunArgs;
use crate::table::Table;
use detente::experiment::analysis::{MORRIS_AUTO, SensitivityOptions, sensitivity};
use std::path::PathBuf;

/// Tornado over every uncertain input (low/high bounds), plus Morris screening.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  \
    detente sensitivity --metric decide.china-posture.compromise.unconstrained\n  \
    detente sensitivity --metric escalate.clear-eyed-hedging.spiral --runs 500 --morris\n\n\
    Each uncertain input is set to its low and its high bound, the others staying at their\n\
    point values. Morris effects (mu*, sigma) run with --morris or when there are more than\n\
    20 uncertain inputs.")]
pub struct Args {
    /// Scenario file (default: the bundled flagship).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Metric to explain, e.g. decide.ISSUE.MODEL.
    #[arg(long, value_name = "NAME")]
    pub metric: String,
    /// Always add Morris elementary effects.
    #[arg(long)]
    pub morris: bool,
    /// Morris trajectories.
    #[arg(long, default_value_t = 10)]
    pub trajectories: usize,
    /// Escalate runs per evaluation, seed and threads.
    #[command(flatten)]
    pub run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let (r, _) = load_scenario(args.file.as_deref())?;
    let metric = parse_metrics(&r, std::slice::from_ref(&args.metric))?.remove(0);
    let run = args.run.options(&r);
    let opts = SensitivityOptions {
        morris: args.morris,
        trajectories: args.trajectories,
        ..SensitivityOptions::default()
    };
    let s = args
        .run
        .install(|| sensitivity(&r, &metric, run.runs, run.seed, opts))?
        .map_err(cli_error)?;
    let text = match args.format {
        Format::Json => json(&s)?,
        Format::Csv => {
            let mut out =
                String::from("method,input,low,base,high,at_low,at_high,swing,mu,mu_star,sigma\n");
            for b in &s.tornado {
                out.push_str(&format!(
                    "tornado,{},{},{},{},{},{},{},,,\n",
                    csv_field(&b.path),
                    csv_num(b.low),
                    csv_num(b.base),
                    csv_num(b.high),
                    csv_num(b.at_low),
                    csv_num(b.at_high),
                    csv_num(b.swing)
                ));
            }
            for e in s.morris.iter().flatten() {
                out.push_str(&format!(
                    "morris,{},{},,{},,,,{},{},{}\n",
                    csv_field(&e.path),
                    csv_num(e.low),
                    csv_num(e.high),
                    csv_num(e.mu),
                    csv_num(e.mu_star),
                    csv_num(e.sigma)
                ));
            }
            out
        }
        Format::Table => {
            let mut out = format!(
                "Sensitivity of {} (seed {}{})\nAt point values: {}\n\nTornado (largest swing first)\n",
                s.metric,
                s.seed,
                if metric.is_stochastic() {
                    format!(", {} runs per evaluation", s.runs)
                } else {
                    String::new()
                },
                num(s.base)
            );
            let mut t = Table::new(
                &["input", "low", "high", "at low", "at high", "swing"],
                &[false, true, true, true, true, true],
            )
            .limit(0, 44);
            // An input that moves nothing is listed in JSON and CSV, not in the table.
            let hidden = s.tornado.iter().filter(|b| b.swing == 0.0).count();
            for b in s.tornado.iter().filter(|b| b.swing != 0.0) {
                t.row(vec![
                    b.path.clone(),
                    num(b.low),
                    num(b.high),
                    num(b.at_low),
                    num(b.at_high),
                    num(b.swing),
                ]);
            }
            out.push_str(&t.render());
            if hidden > 0 {
                out.push_str(&format!(
                    "({hidden} of {} inputs move nothing and are not shown; --format csv lists them)\n",
                    s.tornado.len()
                ));
            }
            if let Some(morris) = &s.morris {
                out.push_str(&format!(
                    "\nMorris elementary effects ({} trajectories{}; per full range of the input)\n",
                    args.trajectories.max(2),
                    if args.morris {
                        String::new()
                    } else {
                        format!(", more than {MORRIS_AUTO} inputs")
                    }
                ));
                let mut t =
                    Table::new(&["input", "mu*", "mu", "sigma"], &[false, true, true, true])
                        .limit(0, 56);
                let still = |e: &&detente::experiment::analysis::MorrisRow| {
                    e.mu_star == 0.0 && e.sigma == 0.0
                };
                let hidden = morris.iter().filter(still).count();
                for e in morris.iter().filter(|e| !still(e)) {
                    t.row(vec![
                        e.path.clone(),
                        num(e.mu_star),
                        num(e.mu),
                        num(e.sigma),
                    ]);
                }
                out.push_str(&t.render());
                if hidden > 0 {
                    out.push_str(&format!(
                        "({hidden} of {} inputs have no effect and are not shown)\n",
                        morris.len()
                    ));
                }
            }
            out
        }
    };
    print(&text)
}
