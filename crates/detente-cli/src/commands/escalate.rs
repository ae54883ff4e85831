//! `detente escalate`: the security-dilemma Monte Carlo and the Richardson
//! arms-race analysis on plain setups.
//!
//! The usual input is a scenario file (default: the bundled flagship): every policy of its
//! `[escalate]` section is played on common random numbers and compared, and its arms race is
//! analysed. Plain JSON set-ups (`--setup`, `--versus`, `--arms-setup`) remain for experiments
//! outside a scenario (see docs/escalate-dilemma.md).

use crate::error::{CliError, CliResult};
use crate::output::json;
use crate::run_args::RunArgs;
use detente::escalate::dilemma::{
    DilemmaSetup, PolicyArms, compare_policies, monte_carlo, run_one,
};
use detente::escalate::richardson::ArmsSetup;
use detente::experiment::results::arms_race;
use std::path::{Path, PathBuf};

mod fit;

pub use crate::output::Format;

/// Arguments of `detente escalate`.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  \
    detente escalate                                  # the flagship: all policies + arms race\n  \
    detente escalate scenarios/nato-china-2023.toml --policy all --runs 10000 --seed 7\n  \
    detente escalate --arms                           # only the Richardson analysis\n  \
    detente escalate --arms --fit 2000..2024          # fit the arms race on SIPRI 2000-2024\n  \
    detente escalate --arms --fit 1990..2024 --pair USA,CHN\n  \
    detente escalate --arms --validate                # fit v arms races and naive forecasts\n  \
    detente escalate --setup examples/escalate/rivalry.json --runs 10000 --seed 7\n  \
    detente escalate --setup examples/escalate/rivalry.json --versus examples/escalate/engage.json\n  \
    detente escalate --setup examples/escalate/rivalry.json --run 3 --seed 7\n  \
    detente escalate --arms-setup examples/escalate/race.json --format json")]
pub struct Args {
    /// Scenario file (default: the bundled flagship) when no JSON set-up is given.
    #[arg(value_name = "SCENARIO", conflicts_with_all = ["setup", "arms_setup"])]
    pub scenario: Option<PathBuf>,
    /// Scenario: the policy to play (an `[[escalate.policy]]` id), or `all`.
    #[arg(long, default_value = "all")]
    pub policy: String,
    /// Scenario: show only the Richardson arms-race analysis.
    #[arg(long)]
    pub arms: bool,
    /// Fit the Richardson coefficients on the bundled spending series over FIRST..LAST (years).
    #[arg(long, value_name = "FIRST..LAST", conflicts_with_all = ["setup", "arms_setup"])]
    pub fit: Option<String>,
    /// With --fit: fit this dyad (ISO3 or COW codes) instead of the scenario's actors.
    #[arg(
        long,
        value_name = "A,B",
        requires = "fit",
        conflicts_with = "scenario"
    )]
    pub pair: Option<String>,
    /// With --fit: coefficient draws for P(unstable).
    #[arg(long, default_value_t = 4000, requires = "fit")]
    pub draws: u64,
    /// Validate the fit against the bundled arms races and naive forecasts.
    #[arg(long, conflicts_with_all = ["fit", "setup", "arms_setup"])]
    pub validate: bool,
    /// Dilemma setup (JSON `DilemmaSetup`): run the Monte Carlo.
    #[arg(long, value_name = "FILE")]
    pub setup: Option<PathBuf>,
    /// Alternative setup compared with `--setup` on common random numbers.
    #[arg(long, value_name = "FILE", requires = "setup")]
    pub versus: Option<PathBuf>,
    /// Show run K of `--setup` period by period instead of the Monte Carlo summary.
    #[arg(long, value_name = "K", requires = "setup", conflicts_with = "versus")]
    pub run: Option<u64>,
    /// Arms-race setup (JSON `ArmsSetup`): Richardson analysis.
    #[arg(long, value_name = "FILE")]
    pub arms_setup: Option<PathBuf>,
    /// Monte Carlo runs per policy, seed and threads (a plain JSON set-up has no
    /// `[experiment]`: 2000 runs, seed 0 unless given).
    #[command(flatten)]
    pub mc: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::Input(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_str(&text)
        .map_err(|e| CliError::Input(format!("{}: invalid setup: {e}", path.display())))
}

/// Run `detente escalate`.
pub fn run(args: Args) -> CliResult {
    if args.format == Format::Csv {
        return Err(CliError::Input(
            "error: escalate writes --format table or json; `detente run --format csv` gives \
             every lens as CSV rows"
                .into(),
        ));
    }
    let work = || -> Result<String, CliError> {
        let mut out = String::new();
        let opts = args.mc.options_without_scenario();
        if let Some(path) = &args.setup {
            let setup: DilemmaSetup = read_json(path)?;
            match (&args.versus, args.run) {
                (_, Some(k)) => out.push_str(&run_report(&setup, opts.seed, k, args.format)?),
                (Some(other), None) => {
                    let alt: DilemmaSetup = read_json(other)?;
                    out.push_str(&comparison_report(
                        &setup,
                        &alt,
                        opts.runs,
                        opts.seed,
                        args.format,
                    )?);
                }
                (None, None) => {
                    out.push_str(&dilemma_report(&setup, opts.runs, opts.seed, args.format)?)
                }
            }
        }
        if let Some(path) = &args.arms_setup {
            let setup: ArmsSetup = read_json(path)?;
            out.push_str(&arms_report(&setup, args.format)?);
        }
        if let Some(range) = &args.fit {
            out.push_str(&fit::report(&args, range)?);
        } else if args.validate {
            out.push_str(&fit::validation(&args)?);
        } else if args.setup.is_none() && args.arms_setup.is_none() {
            out.push_str(&scenario_report(&args)?);
        }
        Ok(out)
    };
    let out = args.mc.install(work)??;
    crate::output::print(&out)
}

/// The scenario mode: every policy (or one) on common random numbers, paired differences against
/// the first policy, and the arms-race analysis.
fn scenario_report(args: &Args) -> Result<String, CliError> {
    let (r, name) = crate::input::load_scenario(args.scenario.as_deref())?;
    let opts = args.mc.options(&r);
    let arms = detente::escalate::scenario::arms_setup(&r)
        .map_err(|e| CliError::Input(format!("{name}: {e}")));
    if args.arms {
        return arms_report(&arms?, args.format);
    }
    if args.policy != "all" {
        let setups = detente::escalate::scenario::policy_setups(&r)
            .map_err(|e| CliError::Input(format!("{name}: {e}")))?;
        let Some(p) = setups.iter().find(|p| p.id == args.policy) else {
            let known: Vec<&str> = setups.iter().map(|p| p.id.as_str()).collect();
            return Err(CliError::Input(format!(
                "no policy `{}` in {name} (policies: {}, or all)",
                args.policy,
                known.join(", ")
            )));
        };
        // Uncertain `[escalate]` parameters are drawn per run, as in the comparison of all.
        let draws = detente::escalate::scenario::uncertain_params(&r);
        let summary =
            PolicyArms::play_drawn(&[(p.id.as_str(), &p.setup)], &draws, opts.runs, opts.seed)
                .map_err(|e| CliError::Input(format!("{name}: {e}")))?
                .summary(0);
        return match args.format {
            Format::Json => json(&summary),
            Format::Table | Format::Csv => {
                let params = detente::escalate::scenario::parameter_sources(&r)
                    .map_err(|e| CliError::Input(format!("{name}: {e}")))?;
                Ok(
                    detente_present::escalate::dilemma::summary_table(&p.setup, &summary)
                        + &detente_present::escalate::parameter_table(&params),
                )
            }
        };
    }
    let results = detente::experiment::results::escalate(&r, opts.runs, opts.seed)
        .map_err(|e| CliError::Input(format!("{name}: {e}")))?;
    if args.format == Format::Json {
        let race = match &arms {
            Ok(setup) => Some(arms_race(setup).map_err(|e| CliError::Input(e.to_string()))?),
            Err(_) => None,
        };
        let value = serde_json::json!({
            "escalate": results,
            "richardson": race.map(|race| race.document()),
        });
        return json(&value);
    }
    let mut o = detente_present::escalate::render(&r, &results);
    match arms {
        Ok(setup) => {
            o.push('\n');
            o.push_str(&arms_report(&setup, args.format)?);
        }
        Err(e) => o.push_str(&format!("\nRichardson analysis not possible: {e}\n")),
    }
    Ok(o)
}

/// The Monte Carlo summary of one setup, as a table or JSON.
pub fn dilemma_report(
    setup: &DilemmaSetup,
    runs: u64,
    seed: u64,
    format: Format,
) -> Result<String, CliError> {
    let summary = monte_carlo(setup, runs, seed).map_err(|e| CliError::Input(e.to_string()))?;
    match format {
        Format::Json => json(&summary),
        Format::Table | Format::Csv => Ok(detente_present::escalate::dilemma::summary_table(
            setup, &summary,
        )),
    }
}

/// Run `k` of a setup (the same run as run k of the Monte Carlo), period by period.
pub fn run_report(
    setup: &DilemmaSetup,
    seed: u64,
    k: u64,
    format: Format,
) -> Result<String, CliError> {
    let run = run_one(setup, seed, k).map_err(|e| CliError::Input(e.to_string()))?;
    match format {
        Format::Json => json(&run),
        Format::Table | Format::Csv => {
            Ok(detente_present::escalate::dilemma::run_table(&run, seed, k))
        }
    }
}

/// Two setups compared on common random numbers, as a table or JSON.
pub fn comparison_report(
    baseline: &DilemmaSetup,
    alternative: &DilemmaSetup,
    runs: u64,
    seed: u64,
    format: Format,
) -> Result<String, CliError> {
    let c = compare_policies(baseline, alternative, runs, seed)
        .map_err(|e| CliError::Input(e.to_string()))?;
    match format {
        Format::Json => json(&c),
        Format::Table | Format::Csv => Ok(detente_present::escalate::dilemma::comparison_table(&c)),
    }
}

/// The Richardson analysis of an arms-race setup, as a table or JSON (model, provenance,
/// analysis).
pub fn arms_report(setup: &ArmsSetup, format: Format) -> Result<String, CliError> {
    let race = arms_race(setup).map_err(|e| CliError::Input(e.to_string()))?;
    if format == Format::Json {
        return json(&race.document());
    }
    Ok(detente_present::escalate::richardson::details(&race))
}
