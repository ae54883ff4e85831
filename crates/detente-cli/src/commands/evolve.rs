//! `detente evolve`: evolutionary dynamics of strategies — a Moran process or replicator dynamics.

use crate::error::{CliError, CliResult};
use crate::games::{parse_game, parse_players};
use crate::output::json;
use crate::output::{Format, print as emit};
use crate::run_args::{parse_threads, pool};
use detente::escalate::evolution::{
    MatchFitness, MoranMode, MoranSpec, ReplicatorSpec, equal_shares, even_population, moran,
    replicator, replicator_repetitions,
};
use detente::escalate::matchplay::MatchSpec;
use detente::escalate::tournament::{self, TournamentSpec};
use detente_present::games::{MoranRun, moran_table, replicator_table};

/// Let strategies compete for a population.
///
/// Moran process (default): each generation every pair of individuals plays a match, one
/// individual reproduces in proportion to its total score and replaces a random individual
/// (mutating with --mutation). `--replicator` instead integrates replicator dynamics on the
/// strategies' round-robin payoff matrix.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  detente evolve --strategies tft,defector,wsls --population 12 --seed 1\n  detente evolve --strategies tft,defector,gtft --population 30 --mutation 0.01 --generations 500\n  detente evolve --strategies tft,defector --replicator --shares 0.01,0.99"
)]
pub struct Args {
    /// Comma-separated strategies (or `first`, `basic`, `all`).
    #[arg(long, default_value = "tit-for-tat,defector,win-stay-lose-shift")]
    pub strategies: String,
    /// Population size (split evenly among the strategies).
    #[arg(long, default_value_t = 12)]
    pub population: usize,
    /// Mutation rate per birth.
    #[arg(long, value_name = "MU", default_value_t = 0.0)]
    pub mutation: f64,
    /// Generations: the cap without mutation, the run length with it.
    #[arg(long, default_value_t = 10_000)]
    pub generations: u32,
    /// Moran updating: bd (birth-death) or db (death-birth).
    #[arg(long, default_value = "bd")]
    pub mode: String,
    /// Integrate replicator dynamics instead of running a Moran process.
    #[arg(long)]
    pub replicator: bool,
    /// Initial shares for --replicator (default equal).
    #[arg(long, value_delimiter = ',')]
    pub shares: Option<Vec<f64>>,
    /// Stop time for --replicator.
    #[arg(long, default_value_t = 1000.0)]
    pub t_max: f64,
    /// Turns per match.
    #[arg(long, default_value_t = 200)]
    pub turns: u32,
    /// Probability that each move is flipped.
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub noise: f64,
    /// Game: prisoners-dilemma, stag-hunt, chicken, deadlock, or R,S,T,P.
    #[arg(long, default_value = "prisoners-dilemma")]
    pub game: String,
    /// Random seed.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Output format (table or json).
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Worker threads for the replicator's round robin.
    #[arg(long, value_parser = parse_threads)]
    pub threads: Option<usize>,
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    if args.format == Format::Csv {
        return Err(CliError::Input(
            "detente evolve supports --format table or json".into(),
        ));
    }
    let game = parse_game(&args.game)?;
    let players = parse_players(&args.strategies)?;
    if players.len() < 2 {
        return Err(CliError::Input("give at least two strategies".into()));
    }
    let names = tournament::display_names(&players);
    let mut match_spec = MatchSpec::fixed(game, args.turns);
    match_spec.noise = args.noise;
    match_spec.seed = args.seed;
    match_spec
        .validate()
        .map_err(|e| CliError::Input(e.to_string()))?;
    if args.replicator {
        return run_replicator(&args, players, names, game);
    }
    let mode = match args.mode.to_ascii_lowercase().as_str() {
        "bd" => MoranMode::BirthDeath,
        "db" => MoranMode::DeathBirth,
        other => {
            return Err(CliError::Input(format!(
                "--mode '{other}': expected bd or db"
            )));
        }
    };
    let k = players.len();
    let population = even_population(k, args.population)
        .map_err(|e| CliError::Input(format!("--population: {e}")))?;
    let mut fitness =
        MatchFitness::new(players, match_spec).map_err(|e| CliError::Input(e.to_string()))?;
    let spec = MoranSpec {
        mode,
        mutation: args.mutation,
        max_generations: args.generations,
        seed: args.seed,
    };
    let r =
        moran(&mut fitness, k, &population, &spec).map_err(|e| CliError::Input(e.to_string()))?;
    if args.format == Format::Json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            names: &'a [String],
            result: &'a detente::escalate::evolution::MoranResult,
        }
        return emit(&json(&Out {
            names: &names,
            result: &r,
        })?);
    }
    emit(&moran_table(
        &names,
        &MoranRun {
            mode,
            population: args.population,
            mutation: args.mutation,
            turns: args.turns,
            seed: args.seed,
        },
        &r,
    ))
}

fn run_replicator(
    args: &Args,
    players: Vec<detente::escalate::strategy::Player>,
    names: Vec<String>,
    game: detente::escalate::game::Game,
) -> CliResult {
    let k = players.len();
    let shares = args.shares.clone().unwrap_or_else(|| equal_shares(k));
    if shares.len() != k {
        return Err(CliError::Input(format!(
            "--shares needs {k} values, one per strategy, got {}",
            shares.len()
        )));
    }
    let mut spec = TournamentSpec::fixed(game, args.turns, 1);
    spec.noise = args.noise;
    spec.seed = args.seed;
    spec.repetitions = replicator_repetitions(&players, args.noise);
    let t = pool(args.threads)?
        .install(|| tournament::run(&players, &spec))
        .map_err(|e| CliError::Input(e.to_string()))?;
    let settings = ReplicatorSpec {
        t_max: args.t_max,
        ..ReplicatorSpec::default()
    };
    let r = replicator(&t.payoff_matrix, &shares, &settings)
        .map_err(|e| CliError::Input(e.to_string()))?;
    if args.format == Format::Json {
        #[derive(serde::Serialize)]
        struct Out<'a> {
            names: &'a [String],
            payoff_matrix: &'a [Vec<f64>],
            result: &'a detente::escalate::evolution::ReplicatorResult,
        }
        return emit(&json(&Out {
            names: &names,
            payoff_matrix: &t.payoff_matrix,
            result: &r,
        })?);
    }
    emit(&replicator_table(&names, args.turns, &shares, &r))
}
