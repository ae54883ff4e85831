//! `detente sweep`: how metrics move across a parameter grid or a Latin hypercube.

use crate::analysis_io::{cli_error, parse_metrics};
use crate::error::{CliError, CliResult};
use crate::input::load_scenario;
use crate::output::{Format, json, print};
use crate::run_args::RunArgs;
use detente::experiment::InputPath;
use detente::experiment::analysis::{Design, sweep};
use std::path::PathBuf;

/// The most points a sweep evaluates (the library's bound, checked here first so the message
/// names the flags).
pub const MAX_POINTS: usize = detente::experiment::analysis::MAX_POINTS;

/// Evaluate metrics at every point of a parameter grid or Latin hypercube.
#[derive(clap::Args)]
#[command(after_help = after_help())]
pub struct Args {
    /// Scenario file (default: the bundled flagship).
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Parameter to vary: PATH=LO:HI:N or PATH=V1,V2,... (repeatable).
    #[arg(long = "param", value_name = "PATH=LO:HI:N", required = true)]
    pub params: Vec<String>,
    /// Latin hypercube of N points instead of the full grid.
    #[arg(long, value_name = "N")]
    pub lhs: Option<usize>,
    /// Metric to report, e.g. escalate.POLICY.spiral (repeatable).
    #[arg(long = "metric", value_name = "NAME", required = true)]
    pub metrics: Vec<String>,
    /// Escalate runs per point, seed and threads.
    #[command(flatten)]
    pub run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

/// The help after the options: examples, then the forms an input path takes (the library's
/// list, so a new input shows here by itself).
fn after_help() -> String {
    let forms = InputPath::forms().join(", ");
    let words: Vec<&str> = forms.split(' ').collect();
    let paths = detente_present::text::wrap_hanging("  ", &words, 98, "  ");
    format!(
        concat!(
            "Examples:\n  \
    detente sweep --param escalate.noise=0:0.2:5 --metric escalate.systemic-rival.spiral\n  \
    detente sweep --param issue.china-posture.stance.FRA.position=30:60:4 \\\n    \
    --metric decide.china-posture.compromise.unconstrained --format csv\n  \
    detente sweep --param escalate.noise=0:0.2 --param escalate.contagion=0:0.3 --lhs 20 \\\n    \
    --metric escalate.clear-eyed-hedging.spiral --runs 2000 --seed 7\n\n\
    PATH=LO:HI:N gives N evenly spaced values; PATH=V1,V2,... lists them. With --lhs N,\n\
    PATH=LO:HI gives the range of a Latin hypercube of N points.",
            "\n\nPATH is an input path:\n{}"
        ),
        paths.trim_end()
    )
}

fn number(s: &str, param: &str) -> Result<f64, CliError> {
    s.trim()
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| CliError::Input(format!("error: `{s}` in --param {param} is not a number")))
}

/// Parse `PATH=LO:HI:N` or `PATH=V1,V2,...` (grid), or `PATH=LO:HI` (Latin hypercube).
fn parse_param(spec: &str, lhs: bool) -> Result<(String, Vec<f64>), CliError> {
    let usage = || {
        CliError::Input(format!(
            "error: --param `{spec}` should be PATH=LO:HI:N or PATH=V1,V2,... (PATH=LO:HI with --lhs)"
        ))
    };
    let (path, values) = spec.split_once('=').ok_or_else(usage)?;
    let path = path.trim().to_string();
    if path.is_empty() {
        return Err(usage());
    }
    let parts: Vec<&str> = values.split(':').collect();
    let values = match (parts.as_slice(), lhs) {
        ([lo, hi], true) | ([lo, hi, _], true) => vec![number(lo, spec)?, number(hi, spec)?],
        ([lo, hi, n], false) => {
            let n: usize = n
                .trim()
                .parse()
                .ok()
                .filter(|n| (1..=MAX_POINTS).contains(n))
                .ok_or_else(|| {
                    CliError::Input(format!(
                        "error: `{n}` in --param {spec} is not a count from 1 to {MAX_POINTS}"
                    ))
                })?;
            detente::experiment::design::linspace(number(lo, spec)?, number(hi, spec)?, n)
        }
        ([list], false) => list
            .split(',')
            .map(|v| number(v, spec))
            .collect::<Result<_, _>>()?,
        _ => return Err(usage()),
    };
    Ok((path, values))
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let (r, _) = load_scenario(args.file.as_deref())?;
    let metrics = parse_metrics(&r, &args.metrics)?;
    let params: Vec<(String, Vec<f64>)> = args
        .params
        .iter()
        .map(|p| parse_param(p, args.lhs.is_some()))
        .collect::<Result<_, _>>()?;
    // A value outside what the scenario format allows (a negative probability, a position off
    // its scale) is bad input, refused before any work.
    for (path, values) in &params {
        for v in values {
            detente::experiment::domain::check_value(&r, path, *v)
                .map_err(|e| CliError::Input(format!("error: --param {path}: {e}")))?;
        }
    }
    let design = match args.lhs {
        None => {
            let points = params
                .iter()
                .try_fold(1usize, |acc, (_, v)| acc.checked_mul(v.len()))
                .filter(|n| *n <= MAX_POINTS);
            if points.is_none() {
                return Err(CliError::Input(format!(
                    "error: the grid has more than {MAX_POINTS} points; use fewer values per \
                     --param or a Latin hypercube (--lhs N)"
                )));
            }
            Design::Grid(params)
        }
        Some(points) if points > MAX_POINTS => {
            return Err(CliError::Input(format!(
                "error: --lhs {points}: at most {MAX_POINTS} points"
            )));
        }
        Some(points) => Design::LatinHypercube {
            ranges: params.into_iter().map(|(p, v)| (p, v[0], v[1])).collect(),
            points,
        },
    };
    let opts = args.run.options(&r);
    let table = args
        .run
        .install(|| sweep(&r, &design, &metrics, opts.runs, opts.seed))?
        .map_err(cli_error)?;
    let text = match args.format {
        Format::Json => json(&table)?,
        Format::Csv => detente_present::analysis::sweep::csv(&table),
        Format::Table => detente_present::analysis::sweep::table(&table),
    };
    print(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_parse_as_ranges_lists_and_lhs_bounds() {
        assert_eq!(
            parse_param("escalate.noise=0:0.2:3", false).unwrap(),
            ("escalate.noise".into(), vec![0.0, 0.1, 0.2])
        );
        assert_eq!(
            parse_param("a.b=1,2,5", false).unwrap().1,
            vec![1.0, 2.0, 5.0]
        );
        assert_eq!(parse_param("a.b=1:3", true).unwrap().1, vec![1.0, 3.0]);
        assert!(parse_param("a.b=1:3", false).is_err());
        assert!(parse_param("a.b=1:x:3", false).is_err());
        assert!(parse_param("a.b=1:2:0", false).is_err());
        assert!(parse_param("noequals", false).is_err());
        assert!(parse_param("a.b=0:100:1000000000", false).is_err());
    }
}
