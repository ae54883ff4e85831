//! Run settings with one owner: what every command starts from.
//!
//! [`RunOptions::for_scenario`] reads the scenario's `[experiment]` section (`seed`, `runs`);
//! a front end then overrides only what its own flags set. The same scenario therefore gives
//! the same seed and the same number of Monte Carlo runs to `run`, `escalate`, `compare`,
//! `sweep`, `sensitivity` and `report` unless a flag says otherwise.

use crate::scenario::Resolved;
use std::fmt;

/// Why a run setting was refused: it names a lens or a model that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RunOptionsError {
    /// A lens name is not one of [`Lenses::NAMES`].
    UnknownLens(String),
    /// A decision model the registry does not know.
    UnknownModel {
        /// The name given.
        model: String,
        /// The setting it came from (`--mc-models`, `models`, ...).
        option: String,
    },
}

impl fmt::Display for RunOptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunOptionsError::UnknownLens(name) => write!(
                f,
                "unknown lens `{name}` (lenses: {})",
                Lenses::NAMES.join(", ")
            ),
            RunOptionsError::UnknownModel { model, option } => write!(
                f,
                "unknown model `{model}` in {option} (models: {})",
                crate::decide::registry::NAMES.join(", ")
            ),
        }
    }
}

impl std::error::Error for RunOptionsError {}

/// Monte Carlo runs when neither the scenario (`[experiment] runs`) nor a flag gives a count:
/// per policy for escalate, per point for sweeps, draws over uncertain inputs for decide.
/// 2,000 runs put a 95 % Wilson interval of at most ±2.2 points around a probability.
pub const DEFAULT_RUNS: u64 = 2_000;

/// Decision models run in Monte Carlo by default: the closed-form ones. BDM (≈ 0.5 ms per issue
/// per draw on the flagship), SMP and exchange run at the modes unless asked for.
pub const MC_MODELS: [&str; 3] = ["compromise", "median", "nash"];

/// What to run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunOptions {
    /// Master seed: run k of every lens uses stream k of it, and align's restarts derive from it.
    pub seed: u64,
    /// Monte Carlo runs (0: decide at the point values only; escalate then plays
    /// [`DEFAULT_RUNS`] runs per policy, since a rivalry is stochastic by nature).
    pub runs: u64,
    /// Decision models at the modes.
    pub models: Vec<String>,
    /// Decision models in the Monte Carlo.
    pub mc_models: Vec<String>,
    /// Random restarts of the align heuristic (large scenarios).
    pub align_restarts: u64,
    /// Which lenses [`crate::experiment::run_all`] runs (default: every lens the scenario
    /// defines). A lens left out is `null` in the results, as if the scenario did not define it.
    pub lenses: Lenses,
}

/// The lenses a run computes. Each lens draws from its own streams of the master seed, so a run
/// of some lenses gives, for those lenses, the numbers a run of all of them gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lenses {
    /// Decide at the modes and its Monte Carlo over uncertain inputs.
    pub decide: bool,
    /// Landscape theory on `[align]`.
    pub align: bool,
    /// The security-dilemma Monte Carlo of every policy.
    pub escalate: bool,
    /// Richardson's arms race.
    pub richardson: bool,
}

impl Default for Lenses {
    /// Every lens.
    fn default() -> Self {
        Lenses {
            decide: true,
            align: true,
            escalate: true,
            richardson: true,
        }
    }
}

impl Lenses {
    /// The lens names, in the order the results list them.
    pub const NAMES: [&'static str; 4] = ["decide", "align", "escalate", "richardson"];

    /// Only the named lenses; an unknown name is refused, naming it and the known ones.
    pub fn only<S: AsRef<str>>(names: &[S]) -> Result<Self, RunOptionsError> {
        let mut lenses = Lenses {
            decide: false,
            align: false,
            escalate: false,
            richardson: false,
        };
        for name in names {
            match name.as_ref() {
                "decide" => lenses.decide = true,
                "align" => lenses.align = true,
                "escalate" => lenses.escalate = true,
                "richardson" => lenses.richardson = true,
                other => return Err(RunOptionsError::UnknownLens(other.to_string())),
            }
        }
        Ok(lenses)
    }
}

impl Default for RunOptions {
    /// Seed 0, [`DEFAULT_RUNS`] runs, every decision model at the modes, the closed-form ones
    /// in Monte Carlo, 10,000 align restarts.
    fn default() -> Self {
        RunOptions {
            seed: 0,
            runs: DEFAULT_RUNS,
            models: crate::decide::registry::NAMES
                .iter()
                .map(|s| s.to_string())
                .collect(),
            mc_models: MC_MODELS.iter().map(|s| s.to_string()).collect(),
            align_restarts: 10_000,
            lenses: Lenses::default(),
        }
    }
}

impl RunOptions {
    /// The scenario's settings: `[experiment] seed` (else 0) and `[experiment] runs` (else
    /// [`DEFAULT_RUNS`]); everything else at its default.
    pub fn for_scenario(r: &Resolved) -> Self {
        let experiment = r.scenario.experiment;
        RunOptions {
            seed: experiment.and_then(|e| e.seed).unwrap_or(0),
            runs: experiment.and_then(|e| e.runs).unwrap_or(DEFAULT_RUNS),
            ..RunOptions::default()
        }
    }

    /// Override the seed and the run count where a flag gave one.
    pub fn with(mut self, seed: Option<u64>, runs: Option<u64>) -> Self {
        if let Some(s) = seed {
            self.seed = s;
        }
        if let Some(n) = runs {
            self.runs = n;
        }
        self
    }

    /// Set the decision models of the Monte Carlo. A name the registry does not know is
    /// refused, naming it, the setting it came from (`option`) and the known models.
    pub fn set_mc_models(
        &mut self,
        models: Vec<String>,
        option: &str,
    ) -> Result<(), RunOptionsError> {
        self.mc_models = known_models(models, option)?;
        Ok(())
    }

    /// Set the decision models run at the modes, checked as [`Self::set_mc_models`] checks.
    pub fn set_models(&mut self, models: Vec<String>, option: &str) -> Result<(), RunOptionsError> {
        self.models = known_models(models, option)?;
        Ok(())
    }

    /// The `detente run` command line that writes this run's JSON: `detente run [FILE] --runs
    /// N --seed S [--mc-models M] --format json`, with `file` omitted for the bundled
    /// flagship. Front ends that run without a command line (Python, the browser) record it in
    /// [`crate::experiment::results::Recorded`] so their JSON names how to reproduce it.
    pub fn run_command(&self, file: Option<&str>) -> Vec<String> {
        let mut c = command_line("run", file, self.runs, self.seed);
        if self.mc_models != MC_MODELS {
            c.push("--mc-models".into());
            c.push(self.mc_models.join(","));
        }
        c.extend(["--format".into(), "json".into()]);
        c
    }

    /// Runs per escalate policy: `runs`, or [`DEFAULT_RUNS`] when `runs` is 0.
    pub fn escalate_runs(&self) -> u64 {
        if self.runs > 0 {
            self.runs
        } else {
            DEFAULT_RUNS
        }
    }
}

/// `detente SUBCOMMAND [FILE] --runs N --seed S`: the start of the command line that reproduces a
/// run (`file` omitted for the bundled flagship). [`RunOptions::run_command`] and the report's
/// method section both begin with it.
pub fn command_line(subcommand: &str, file: Option<&str>, runs: u64, seed: u64) -> Vec<String> {
    let mut c = vec!["detente".to_string(), subcommand.to_string()];
    c.extend(file.map(str::to_string));
    c.extend([
        "--runs".into(),
        runs.to_string(),
        "--seed".into(),
        seed.to_string(),
    ]);
    c
}

/// `models` when the registry knows every name; otherwise which one it does not know.
fn known_models(models: Vec<String>, option: &str) -> Result<Vec<String>, RunOptionsError> {
    let known = crate::decide::registry::NAMES;
    match models.iter().find(|m| !known.contains(&m.as_str())) {
        Some(bad) => Err(RunOptionsError::UnknownModel {
            model: bad.clone(),
            option: option.to_string(),
        }),
        None => Ok(models),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{FLAGSHIP, load_str};

    #[test]
    fn lenses_are_chosen_by_name_and_unknown_names_refused() {
        let l = Lenses::only(&["escalate", "decide"]).unwrap();
        assert!(l.decide && l.escalate && !l.align && !l.richardson);
        assert_eq!(Lenses::only(&Lenses::NAMES).unwrap(), Lenses::default());
        let e = Lenses::only(&["decide", "bargain"]).unwrap_err();
        assert_eq!(e, RunOptionsError::UnknownLens("bargain".into()));
        assert_eq!(
            e.to_string(),
            "unknown lens `bargain` (lenses: decide, align, escalate, richardson)"
        );
    }

    #[test]
    fn unknown_models_are_refused_naming_the_setting() {
        let mut o = RunOptions::default();
        let e = o
            .set_mc_models(vec!["compromise".into(), "oracle".into()], "--mc-models")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "unknown model `oracle` in --mc-models (models: {})",
                crate::decide::registry::NAMES.join(", ")
            )
        );
        assert!(o.set_models(vec!["compromise".into()], "models").is_ok());
    }

    #[test]
    fn the_scenario_sets_seed_and_runs_and_flags_override_them() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let o = RunOptions::for_scenario(&r);
        assert_eq!((o.seed, o.runs), (20_231_129, 10_000));
        let o = o.with(Some(7), None);
        assert_eq!((o.seed, o.runs), (7, 10_000));
        let bare = load_str(
            "format = 1\n[scenario]\nid = \"x\"\ntitle = \"x\"\nas_of = 2023-11-29\n\n\
             [[actor]]\nid = \"USA\"\n",
            "x.toml",
        )
        .unwrap();
        let o = RunOptions::for_scenario(&bare);
        assert_eq!((o.seed, o.runs), (0, DEFAULT_RUNS));
    }

    #[test]
    fn zero_runs_still_plays_the_rivalry() {
        let o = RunOptions::default().with(None, Some(0));
        assert_eq!(o.escalate_runs(), DEFAULT_RUNS);
    }
}
