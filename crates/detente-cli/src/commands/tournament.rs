//! `detente tournament`: a round robin of iterated-game strategies, ranked as Axelrod-Python ranks.

use crate::error::{CliError, CliResult};
use crate::games::{parse_game, parse_players};
use crate::output::{Format, print as emit};
use crate::run_args::{parse_threads, pool};
use detente::escalate::tournament::{self, TournamentSpec};
use detente_present::games::{tournament_csv, tournament_table};
use std::io::{IsTerminal, Write};
use std::sync::Mutex;

/// Play a round robin (every pair, self-play included) and rank the players by their median
/// normalised score.
///
/// Results are identical for any number of threads.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  detente tournament --strategies first --turns 200 --repetitions 10\n  detente tournament --strategies \"tft, wsls, gtft, grudger, defector\" --noise 0.05 --seed 3\n  detente tournament --strategies basic --format csv > basic.csv"
)]
pub struct Args {
    /// `first` (Axelrod's first tournament), `basic`, `all`, or a comma-separated list.
    #[arg(long, default_value = "first")]
    pub strategies: String,
    /// Turns per match (a cap when --prob-end is given).
    #[arg(long)]
    pub turns: Option<u32>,
    /// Repetitions of every match.
    #[arg(long, default_value_t = 10)]
    pub repetitions: u32,
    /// Probability that each move is flipped.
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub noise: f64,
    /// Probability that a match ends after each turn.
    #[arg(long, value_name = "P")]
    pub prob_end: Option<f64>,
    /// Random seed.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Game: prisoners-dilemma, stag-hunt, chicken, deadlock, or R,S,T,P.
    #[arg(long, default_value = "prisoners-dilemma")]
    pub game: String,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Worker threads (default: all cores).
    #[arg(long, value_parser = parse_threads)]
    pub threads: Option<usize>,
}

/// A one-line progress counter on stderr, redrawn in place.
struct Progress {
    last: Mutex<usize>,
}

impl Progress {
    fn update(&self, done: usize, total: usize) {
        let percent = done * 100 / total.max(1);
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if percent != *last || done == total {
            *last = percent;
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\rplaying pairs: {done}/{total} ({percent}%)");
            if done == total {
                let _ = write!(err, "\r{:40}\r", "");
            }
            let _ = err.flush();
        }
    }
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let game = parse_game(&args.game)?;
    let players = parse_players(&args.strategies)?;
    let turns = match (args.turns, args.prob_end) {
        (None, None) => Some(200),
        (t, _) => t,
    };
    let spec = TournamentSpec {
        game,
        turns,
        prob_end: args.prob_end,
        noise: args.noise,
        repetitions: args.repetitions,
        seed: args.seed,
    };
    let pool = pool(args.threads)?;
    let n = players.len();
    let pairs = n * (n + 1) / 2;
    let expected_turns = pairs as f64
        * f64::from(args.repetitions)
        * f64::from(turns.unwrap_or(0)).max(args.prob_end.map_or(0.0, |p| 1.0 / p.max(1e-9)));
    let show = std::io::stderr().is_terminal() && expected_turns >= 2e6;
    let progress = Progress {
        last: Mutex::new(usize::MAX),
    };
    let report = |done: usize, total: usize| {
        if show {
            progress.update(done, total);
        }
    };
    let r = pool
        .install(|| tournament::run_with_progress(&players, &spec, &report))
        .map_err(|e| CliError::Input(e.to_string()))?;
    let length = match (turns, args.prob_end) {
        (Some(t), None) => format!("{t} turns"),
        (t, Some(p)) => format!(
            "prob_end {p}{}",
            t.map_or(String::new(), |t| format!(" (at most {t} turns)"))
        ),
        (None, None) => String::new(),
    };
    let header = format!(
        "Round robin of {n} players, {length}, {} repetition{}, noise {}, seed {}",
        args.repetitions,
        if args.repetitions == 1 { "" } else { "s" },
        args.noise,
        args.seed
    );
    let text = match args.format {
        Format::Table => tournament_table(&r, &header),
        Format::Csv => tournament_csv(&r),
        Format::Json => {
            serde_json::to_string_pretty(&r).map_err(|e| CliError::Failure(e.to_string()))? + "\n"
        }
    };
    emit(&text)
}
