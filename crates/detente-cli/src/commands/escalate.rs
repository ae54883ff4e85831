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
    DilemmaRun, DilemmaSetup, MonteCarloSummary, PolicyArms, PolicyComparison, compare_policies,
    monte_carlo, run_one,
};
use detente::escalate::richardson::ArmsSetup;
use detente::experiment::results::arms_race;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

mod fit;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable tables (fit 100 columns).
    Table,
    /// The full result as JSON.
    Json,
}

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
        let setups = detente::escalate::scenario::policies(&r)
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
            Format::Table => {
                let params = detente::escalate::scenario::parameter_sources(&r)
                    .map_err(|e| CliError::Input(format!("{name}: {e}")))?;
                Ok(summary_table(&p.setup, &summary)
                    + &detente_present::escalate::parameter_table(&params))
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
        Format::Table => Ok(summary_table(setup, &summary)),
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
        Format::Table => Ok(run_table(&run, seed, k)),
    }
}

fn run_table(r: &DilemmaRun, seed: u64, k: u64) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Run {k} of seed {seed}");
    match r.onset {
        Some(t) => {
            let _ = writeln!(o, "Spiral from period {t}");
        }
        None => o.push_str("No spiral\n"),
    }
    let _ = write!(o, "{:>6}{:>9}", "period", "locked");
    for d in &r.domains {
        let _ = write!(o, "{:>10}", clip(d, 9));
    }
    let _ = writeln!(o, "{:>10}{:>12}", "overall", "decoupling");
    for t in 0..r.overall_tension.len() {
        let _ = write!(o, "{:>6}{:>9}", t + 1, r.locked_domains[t]);
        for row in &r.tension {
            let _ = write!(o, "{:>10.3}", row[t]);
        }
        let _ = write!(o, "{:>10.3}", r.overall_tension[t]);
        match &r.decoupling {
            Some(dc) => {
                let _ = writeln!(o, "{:>12.3}", dc[t]);
            }
            None => o.push_str(&format!("{:>12}\n", "-")),
        }
    }
    let _ = writeln!(
        o,
        "Joint welfare {:.1} ({:.4} per move); side welfare {}",
        r.joint_welfare,
        r.payoff_per_move,
        r.side_welfare
            .iter()
            .map(|w| format!("{w:.1}"))
            .collect::<Vec<_>>()
            .join(" / ")
    );
    o
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
        Format::Table => Ok(comparison_table(&c)),
    }
}

fn summary_table(setup: &DilemmaSetup, s: &MonteCarloSummary) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Security dilemma: {} actors, {} sides, {} domains, {} periods; {} runs, seed {}",
        setup.actors.len(),
        s.sides.len(),
        s.domains.len(),
        s.horizon,
        s.runs,
        s.seed
    );
    let _ = writeln!(
        o,
        "Spiral probability   {:.4}  (95% Wilson {:.4}–{:.4})",
        s.spiral.estimate, s.spiral.low, s.spiral.high
    );
    match &s.onset {
        Some(on) => {
            let _ = writeln!(
                o,
                "Onset (spiral runs)  mean {:.1}; quartiles {:.1} / {:.1} / {:.1}",
                on.mean, on.q25, on.median, on.q75
            );
        }
        None => o.push_str("Onset                no run spiralled\n"),
    }
    let _ = writeln!(o, "Locked-period share  {:.4}", s.locked_share);
    let _ = writeln!(
        o,
        "Payoff per move      {:.4}  (R = full engagement, P = full confrontation)",
        s.payoff_per_move
    );
    if let Some(d) = s.final_decoupling {
        let _ = writeln!(o, "Final decoupling     {d:.4}");
    }
    if let Some(m) = s.final_greed_belief {
        let _ = writeln!(o, "Final greed belief   {m:.4}");
    }
    let _ = writeln!(
        o,
        "\n{:<16}{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}{:>10}",
        "welfare", "mean", "sd", "5%", "25%", "50%", "75%", "95%"
    );
    let joint = "joint".to_string();
    let rows = s
        .sides
        .iter()
        .zip(&s.side_welfare)
        .chain([(&joint, &s.joint_welfare)]);
    for (name, q) in rows {
        let _ = writeln!(
            o,
            "{:<16}{:>10.1}{:>10.1}{:>10.1}{:>10.1}{:>10.1}{:>10.1}{:>10.1}",
            clip(name, 15),
            q.mean,
            q.sd.unwrap_or(0.0),
            q.q05,
            q.q25,
            q.q50,
            q.q75,
            q.q95
        );
    }
    // Mean tension with its 5–95 % band across runs at five checkpoints.
    let marks = checkpoints(s.horizon);
    let _ = write!(o, "\n{:<12}", "tension");
    for t in &marks {
        let _ = write!(o, "{:>17}", format!("t={t}"));
    }
    o.push('\n');
    for (name, bands) in s.domains.iter().zip(&s.tension) {
        let _ = write!(o, "{:<12}", clip(name, 11));
        for &t in &marks {
            let b = bands[t - 1];
            let _ = write!(
                o,
                "{:>17}",
                format!("{:.2} [{:.2},{:.2}]", b.mean, b.low, b.high)
            );
        }
        o.push('\n');
    }
    let _ = write!(o, "{:<12}", "P(no spiral)");
    for &t in &marks {
        let _ = write!(o, "{:>17.4}", s.survival[t - 1]);
    }
    o.push('\n');
    o
}

fn comparison_table(c: &PolicyComparison) -> String {
    let mut o = String::new();
    let (b, a) = (&c.baseline, &c.alternative);
    let _ = writeln!(
        o,
        "Policy comparison on common random numbers: {} paired runs, seed {}",
        b.runs, b.seed
    );
    let _ = writeln!(
        o,
        "{:<24}{:>16}{:>16}{:>28}",
        "", "baseline", "alternative", "difference [95% CI]"
    );
    let _ = writeln!(
        o,
        "{:<24}{:>16.4}{:>16.4}{:>28}",
        "spiral probability",
        b.spiral.estimate,
        a.spiral.estimate,
        diff(&c.spiral, 4)
    );
    let _ = writeln!(
        o,
        "{:<24}{:>16.1}{:>16.1}{:>28}",
        "joint welfare",
        b.joint_welfare.mean,
        a.joint_welfare.mean,
        diff(&c.joint_welfare, 1)
    );
    for (k, side) in b.sides.iter().enumerate() {
        let _ = writeln!(
            o,
            "{:<24}{:>16.1}{:>16.1}{:>28}",
            format!("welfare {}", clip(side, 16)),
            b.side_welfare[k].mean,
            a.side_welfare[k].mean,
            diff(&c.side_welfare[k], 1)
        );
    }
    o
}

fn diff(d: &detente::escalate::dilemma::PairedDifference, digits: usize) -> String {
    format!(
        "{:+.digits$} [{:+.digits$}, {:+.digits$}]",
        d.mean, d.low, d.high
    )
}

fn checkpoints(h: usize) -> Vec<usize> {
    let mut v: Vec<usize> = [1, h / 4, h / 2, 3 * h / 4, h]
        .into_iter()
        .filter(|&t| t >= 1)
        .collect();
    v.dedup();
    v
}

fn clip(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// The Richardson analysis of an arms-race setup, as a table or JSON (model, provenance,
/// analysis).
pub fn arms_report(setup: &ArmsSetup, format: Format) -> Result<String, CliError> {
    let race = arms_race(setup).map_err(|e| CliError::Input(e.to_string()))?;
    if format == Format::Json {
        return json(&race.document());
    }
    let (built, analysis) = (&race.model, &race.analysis);
    let mut o = String::new();
    let m = &built.model;
    let _ = writeln!(
        o,
        "Richardson arms race: {} actors (US$ bn, per year)",
        m.len()
    );
    let _ = writeln!(
        o,
        "{:<16}{:>12}{:>10}{:>12}{:>14}",
        "actor", "x0", "alpha", "g", "rest point"
    );
    for i in 0..m.len() {
        let _ = writeln!(
            o,
            "{:<16}{:>12.1}{:>10.4}{:>12.2}{:>14.1}",
            clip(&m.actors[i], 15),
            built.baseline[i],
            m.fatigue[i],
            m.grievance[i],
            analysis.equilibrium[i]
        );
    }
    let eig: Vec<String> = analysis
        .eigenvalues
        .iter()
        .map(|z| {
            if z.im == 0.0 {
                format!("{:.4}", z.re)
            } else {
                format!("{:.4}{:+.4}i", z.re, z.im)
            }
        })
        .collect();
    let _ = writeln!(o, "Eigenvalues of M: {}", eig.join(", "));
    let _ = writeln!(
        o,
        "Continuous form: {} (spectral abscissa {:.4}/yr); annual form: {} (spectral radius {:.4})",
        if analysis.stable {
            "stable"
        } else {
            "unstable"
        },
        analysis.spectral_abscissa,
        if analysis.discrete.stable {
            "stable"
        } else {
            "unstable"
        },
        analysis.discrete.spectral_radius
    );
    if let Some(hs) = &analysis.hawkins_simon {
        let _ = writeln!(
            o,
            "Hawkins–Simon (M Metzler): {}",
            if hs.stable {
                "all leading minors of −M positive"
            } else {
                "a leading minor of −M is not positive"
            }
        );
    }
    if !analysis.drivers.is_empty() {
        let _ = writeln!(
            o,
            "\n{:<16}{:<16}{:>12}{:>14}{:>12}",
            "reacting", "to", "k", "dλ1/dk", "driver"
        );
        for d in analysis.drivers.iter().take(10) {
            let _ = writeln!(
                o,
                "{:<16}{:<16}{:>12.4}{:>14.6}{:>12.6}",
                clip(&d.from_name, 15),
                clip(&d.to_name, 15),
                d.reaction,
                d.sensitivity,
                d.score
            );
        }
    }
    for w in &analysis.warnings {
        let _ = writeln!(o, "warning: {w}");
    }
    let _ = writeln!(
        o,
        "({} derived numbers with their sources: --format json)",
        built.provenance.len()
    );
    Ok(o)
}
