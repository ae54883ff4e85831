//! Iterated games: the strategy registry, a round-robin tournament's ranking, one match move
//! by move, and the evolutionary dynamics (Moran process, replicator dynamics).

use crate::{CsvRows, Table};
use detente::escalate::evolution::{MoranMode, MoranResult, ReplicatorResult};
use detente::escalate::game::Action;
use detente::escalate::game::Game;
use detente::escalate::matchplay::{MatchResult, MatchSpec};
use detente::escalate::strategy::registry::{self, POLICY_ALIASES};
use detente::escalate::strategy::{Depth, Strategy};
use detente::escalate::tournament::TournamentResult;
use std::fmt::Write as _;

/// Longest strategy name a table shows in full.
const NAME: usize = 56;

/// One registered strategy as `strategies` lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StrategyRow {
    /// Registry id.
    pub id: &'static str,
    /// Display name of the default player.
    pub name: String,
    /// Axelrod-Python name.
    pub axl_name: &'static str,
    /// Other accepted names.
    pub aliases: &'static [&'static str],
    /// Family in the registry.
    pub family: &'static str,
    /// Parameter names.
    pub params: &'static [&'static str],
    /// Memory depth (`None`: unbounded).
    pub memory_depth: Option<u32>,
    /// Whether it draws random numbers.
    pub stochastic: bool,
    /// Whether it reads the game's payoffs.
    pub uses_game: bool,
    /// Whether it reads the match length.
    pub uses_length: bool,
    /// Where the rule comes from.
    pub source: String,
    /// The rule in words.
    pub rule: &'static str,
}

/// Every registered strategy, in registry order.
pub fn strategy_rows() -> Vec<StrategyRow> {
    registry::list()
        .iter()
        .map(|e| {
            let p = e.default_player();
            let m = p.meta();
            StrategyRow {
                id: e.id,
                name: m.name.clone(),
                axl_name: e.axl_name,
                aliases: e.aliases,
                family: e.family,
                params: e.params,
                memory_depth: match m.memory_depth {
                    Depth::Finite(d) => Some(d),
                    Depth::Infinite => None,
                },
                stochastic: m.stochastic,
                uses_game: m.makes_use_of.game,
                uses_length: m.makes_use_of.length,
                source: m.source.clone(),
                rule: e.rule,
            }
        })
        .collect()
}

fn depth(d: Option<u32>) -> String {
    d.map_or_else(|| "inf".to_string(), |d| d.to_string())
}

fn uses(r: &StrategyRow) -> &'static str {
    match (r.uses_game, r.uses_length) {
        (true, true) => "game,len",
        (true, false) => "game",
        (false, true) => "len",
        (false, false) => "-",
    }
}

/// The registry as a table (id, memory depth, random, what it reads, rule), then the policy
/// aliases and how names and transformers are written.
pub fn strategies_table(rows: &[StrategyRow]) -> String {
    let mut t = Table::new(
        &["id", "depth", "rand", "uses", "rule"],
        &[false, true, false, false, false],
    )
    .limit(4, 48);
    for r in rows {
        let params = if r.params.is_empty() {
            String::new()
        } else {
            format!(" [{}]", r.params.join(", "))
        };
        t.row(vec![
            r.id.to_string(),
            depth(r.memory_depth),
            if r.stochastic { "yes" } else { "no" }.to_string(),
            uses(r).to_string(),
            format!("{}{params}", r.rule),
        ]);
    }
    let mut out = t.render();
    out.push_str("\nPolicy aliases:\n");
    let mut aliases = Table::new(&["alias", "strategies"], &[false, false]);
    for a in POLICY_ALIASES {
        aliases.row(vec![a.alias.to_string(), a.spec.to_string()]);
    }
    out.push_str(&crate::text::indent(&aliases.render(), 2));
    out.push_str(
        "\nNames are also accepted in Axelrod-Python spelling (\"Tit For Tat\"), any case.\n\
         Parameters: id(v1, name=v2). Transformers wrap any strategy:\n\
         id + noise(0.05), id + forgiveness(0.1), id + grudge(2), id + final(DD).\n",
    );
    out
}

/// The registry as CSV.
pub fn strategies_csv(rows: &[StrategyRow]) -> String {
    let mut out = CsvRows::new(&[
        "id",
        "name",
        "memory_depth",
        "stochastic",
        "uses_game",
        "uses_length",
        "params",
    ]);
    for r in rows {
        out.row([
            r.id.to_string(),
            r.name.clone(),
            depth(r.memory_depth),
            r.stochastic.to_string(),
            r.uses_game.to_string(),
            r.uses_length.to_string(),
            r.params.join(" "),
        ]);
    }
    out.finish()
}

fn median_u32(v: &[u32]) -> f64 {
    let f: Vec<f64> = v.iter().map(|&x| f64::from(x)).collect();
    detente::stats::median(&f).unwrap_or(0.0)
}

/// The ranking under `header`: median normalised score, median wins and cooperating rating.
pub fn tournament_table(r: &TournamentResult, header: &str) -> String {
    let mut t = Table::new(
        &["rank", "name", "median score", "wins", "cooperating"],
        &[true, false, true, true, true],
    )
    .limit(1, NAME);
    for (rank, &i) in r.ranking.iter().enumerate() {
        t.row(vec![
            (rank + 1).to_string(),
            r.names[i].clone(),
            format!("{:.6}", r.median_normalised_scores[i]),
            median_u32(&r.wins[i]).to_string(),
            format!("{:.4}", r.cooperating_rating[i]),
        ]);
    }
    format!(
        "{header}\n\n{}\nmedian score: median over repetitions of the mean score per turn against the others;\n\
         wins: median number of opponents outscored; cooperating: share of C against the others.\n",
        t.render()
    )
}

/// The ranking as CSV.
pub fn tournament_csv(r: &TournamentResult) -> String {
    let mut out = CsvRows::new(&[
        "rank",
        "name",
        "median_normalised_score",
        "median_wins",
        "cooperating_rating",
    ]);
    for (rank, &i) in r.ranking.iter().enumerate() {
        out.row([
            (rank + 1).to_string(),
            r.names[i].clone(),
            r.median_normalised_scores[i].to_string(),
            median_u32(&r.wins[i]).to_string(),
            r.cooperating_rating[i].to_string(),
        ]);
    }
    out.finish()
}

/// The game's name (when it has one) and its payoffs R, S, T, P.
fn describe_game(g: &Game) -> String {
    let v = g.rstp();
    let c = g.classify();
    format!(
        "{} (R,S,T,P = {},{},{},{})",
        c.name.unwrap_or("game"),
        v.r,
        v.s,
        v.t,
        v.p
    )
}

/// Player `k`'s moves as C and D, a space every ten turns.
fn moves_row(moves: &[[Action; 2]], k: usize) -> String {
    let mut s = String::new();
    for (i, m) in moves.iter().enumerate() {
        if i > 0 && i % 10 == 0 {
            s.push(' ');
        }
        s.push(m[k].as_char());
    }
    s
}

/// One match: the moves fifty turns per row, each player's score, the state distribution and
/// the winner.
pub fn match_table(names: [&str; 2], spec: &MatchSpec, r: &MatchResult) -> String {
    let mut out = format!(
        "{} v {}: {} turns, {}, noise {}, seed {}\n\n",
        names[0],
        names[1],
        r.length,
        describe_game(&spec.game),
        spec.noise,
        spec.seed
    );
    let moves = r.moves.as_deref().unwrap_or(&[]);
    out.push_str("moves (player 1 above player 2, 50 turns per row)\n");
    for (chunk_index, chunk) in moves.chunks(50).enumerate() {
        let _ = writeln!(out, "{:>6}  {}", chunk_index * 50 + 1, moves_row(chunk, 0));
        let _ = writeln!(out, "{:>6}  {}", "", moves_row(chunk, 1));
    }
    out.push_str("\nscore\n");
    let mut t = Table::new(
        &["player", "score", "per turn", "C"],
        &[false, true, true, true],
    )
    .limit(0, NAME);
    for (k, name) in names.iter().enumerate() {
        t.row(vec![
            name.to_string(),
            r.scores[k].to_string(),
            format!("{:.3}", r.scores_per_turn[k]),
            r.cooperations[k].to_string(),
        ]);
    }
    out.push_str(&crate::text::indent(&t.render(), 2));
    let d = r.state_distribution;
    let _ = writeln!(
        out,
        "states   CC {:.3}  CD {:.3}  DC {:.3}  DD {:.3}",
        d[0], d[1], d[2], d[3]
    );
    let _ = writeln!(
        out,
        "winner   {}",
        r.winner
            .map_or("none (equal scores)".to_string(), |w| format!(
                "player {} ({})",
                w + 1,
                names[w]
            ))
    );
    out
}

/// What a Moran run was: its mode, population, mutation rate, match length and seed.
#[derive(Debug, Clone, Copy)]
pub struct MoranRun {
    /// Birth-death or death-birth.
    pub mode: MoranMode,
    /// Individuals.
    pub population: usize,
    /// Mutation probability per birth.
    pub mutation: f64,
    /// Turns per match.
    pub turns: u32,
    /// Seed.
    pub seed: u64,
}

/// A Moran process: each strategy's initial and final count and mean share, and fixation.
pub fn moran_table(names: &[String], run: &MoranRun, r: &MoranResult) -> String {
    let last = r.counts.last().cloned().unwrap_or_default();
    let mut out = format!(
        "Moran process ({}), population {}, mutation {}, {} turns per match, seed {}\n\n",
        if run.mode == MoranMode::BirthDeath {
            "birth-death"
        } else {
            "death-birth"
        },
        run.population,
        run.mutation,
        run.turns,
        run.seed
    );
    let mut t = Table::new(
        &["strategy", "initial", "final", "mean share"],
        &[false, true, true, true],
    )
    .limit(0, NAME);
    for (k, name) in names.iter().enumerate() {
        t.row(vec![
            name.clone(),
            r.counts[0][k].to_string(),
            last.get(k).map_or(String::new(), |c| c.to_string()),
            format!("{:.4}", r.frequencies[k]),
        ]);
    }
    out.push_str(&t.render());
    out.push('\n');
    out.push_str(&match r.fixation {
        Some((k, g)) => format!("{} fixed after {g} generations\n", names[k]),
        None => format!(
            "no fixation within {} generations\n",
            r.counts.len().saturating_sub(1)
        ),
    });
    out
}

/// Replicator dynamics: each strategy's initial and final share, whether the integration
/// converged, and the rest points found (at most twenty).
pub fn replicator_table(
    names: &[String],
    turns: u32,
    initial: &[f64],
    r: &ReplicatorResult,
) -> String {
    let end = r.trajectory.last().map_or(0.0, |p| p.0);
    let mut out = format!(
        "Replicator dynamics on the round-robin payoff matrix ({turns} turns), RK4 h = 0.01\n\n"
    );
    let mut t = Table::new(&["strategy", "initial", "final"], &[false, true, true]).limit(0, NAME);
    let total: f64 = initial.iter().sum();
    for (i, name) in names.iter().enumerate() {
        t.row(vec![
            name.clone(),
            format!("{:.6}", initial[i] / total),
            format!("{:.6}", r.final_shares[i]),
        ]);
    }
    out.push_str(&t.render());
    let _ = writeln!(
        out,
        "\n{} at t = {end:.2}",
        if r.converged { "converged" } else { "stopped" }
    );
    let _ = writeln!(out, "rest points ({}):", r.rest_points.len());
    for p in r.rest_points.iter().take(20) {
        let cells: Vec<String> = p.iter().map(|x| format!("{x:.6}")).collect();
        let _ = writeln!(out, "  ({})", cells.join(", "));
    }
    out
}
