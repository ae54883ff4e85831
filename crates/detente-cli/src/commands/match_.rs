//! `detente match`: one iterated game between two strategies, move by move.

use crate::error::{CliError, CliResult};
use crate::games::{parse_game, parse_strategy};
use crate::output::print as emit;

use detente::escalate::markov;
use detente::escalate::matchplay::{MatchRecord, MatchSpec, play};
use detente::escalate::strategy::{Player, Strategy};

pub use crate::output::Format;

/// Play one match between two strategies and show every move and both scores.
///
/// Strategies are named by id (`tit-for-tat`), Axelrod-Python name (`"Tit For Tat"`) or policy
/// alias (`constructive-engagement`), in any case; `detente strategies` lists them.
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  detente match \"Tit For Tat\" Alternator --turns 200\n  detente match wsls \"generous-tit-for-tat(g=0.2)\" --noise 0.05 --seed 7\n  detente match tft defector --prob-end 0.01 --format json\n  detente match wsls wsls --noise 0.05 --turns 100000 --exact"
)]
pub struct Args {
    /// First player (row player).
    #[arg(value_name = "A")]
    pub first: String,
    /// Second player (column player).
    #[arg(value_name = "B")]
    pub second: String,
    /// Number of turns (default 200; with --prob-end a cap, default 1000000).
    #[arg(long)]
    pub turns: Option<u32>,
    /// Probability that the match ends after each turn (random length, unknown to the players).
    #[arg(long, value_name = "P")]
    pub prob_end: Option<f64>,
    /// Probability that each move is flipped.
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub noise: f64,
    /// Random seed.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Game: prisoners-dilemma, stag-hunt, chicken, deadlock, or R,S,T,P (e.g. 3,0,5,1).
    #[arg(long, default_value = "prisoners-dilemma")]
    pub game: String,
    /// Output format (table or json).
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// Also print the exact expected payoffs (memory-one players only): over this many turns and
    /// in the long run, from the Markov chain of the last turn's state.
    #[arg(long)]
    pub exact: bool,
}

/// The exact Markov-chain payoffs of two memory-one players.
fn exact_lines(a: &Player, b: &Player, spec: &MatchSpec) -> Result<String, CliError> {
    let (Some(p), Some(q)) = (a.four_vector(), b.four_vector()) else {
        return Err(CliError::Input(
            "--exact needs two memory-one strategies (e.g. tft, wsls, gtft, memory-one(...))"
                .into(),
        ));
    };
    let mut out = String::from("\nexact (Markov chain of the last turn's state)\n");
    if let Some(t) = spec.turns.filter(|_| spec.prob_end.is_none()) {
        let f = markov::finite_turns(&spec.game, &p, &q, spec.noise, t);
        out.push_str(&format!(
            "  per turn over {t} turns: {:.6}, {:.6}\n",
            f[0], f[1]
        ));
    }
    match markov::long_run(&spec.game, &p, &q, spec.noise) {
        Some((pay, _)) => out.push_str(&format!(
            "  per turn in the long run: {:.6}, {:.6}\n",
            pay[0], pay[1]
        )),
        None => out.push_str("  long run: depends on the start (no unique stationary state)\n"),
    }
    Ok(out)
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let game = parse_game(&args.game)?;
    let mut a = parse_strategy(&args.first)?;
    let mut b = parse_strategy(&args.second)?;
    let turns = match (args.turns, args.prob_end) {
        (None, None) => Some(200),
        (t, _) => t,
    };
    // Every move is kept and shown; longer matches belong in `tournament` or the library.
    let cap = 1_000_000;
    let turns = match (turns, args.prob_end) {
        (Some(t), _) if t > cap => {
            return Err(CliError::Input(format!(
                "--turns {t}: `detente match` shows every move and accepts at most {cap} turns"
            )));
        }
        (None, Some(_)) => Some(cap),
        (t, _) => t,
    };
    let spec = MatchSpec {
        game,
        turns,
        prob_end: args.prob_end,
        noise: args.noise,
        seed: args.seed,
        record_moves: true,
        record_turn_scores: false,
    };
    let r = play(&mut a, &mut b, &spec).map_err(|e| CliError::Input(e.to_string()))?;
    let names = [a.meta().name.clone(), b.meta().name.clone()];
    let names = [names[0].as_str(), names[1].as_str()];
    let text = match args.format {
        Format::Table if args.exact => {
            detente_present::games::match_table(names, &spec, &r) + &exact_lines(&a, &b, &spec)?
        }
        Format::Table => detente_present::games::match_table(names, &spec, &r),
        Format::Json | Format::Csv => {
            if args.format == Format::Csv {
                return Err(CliError::Input(
                    "detente match supports --format table or json".into(),
                ));
            }
            let out = MatchRecord::new(
                names,
                [&a.meta().id, &b.meta().id],
                args.seed,
                args.noise,
                game,
                &r,
            );
            serde_json::to_string_pretty(&out).map_err(|e| CliError::Failure(e.to_string()))? + "\n"
        }
    };
    emit(&text)
}
