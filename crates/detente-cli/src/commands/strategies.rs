//! `detente strategies`: the strategy registry with classifiers, and the policy aliases.

use crate::error::{CliError, CliResult};
use crate::output::{Format, print as emit};
use detente::escalate::strategy::registry::{self, POLICY_ALIASES};
use detente::escalate::strategy::{Depth, Strategy};

/// List every strategy for iterated games: id, memory depth, whether it is random, what it
/// reads, and its rule; then the policy aliases.
#[derive(clap::Args)]
#[command(after_help = "Examples:\n  detente strategies\n  detente strategies --format json")]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
}

#[derive(serde::Serialize)]
struct Row {
    id: &'static str,
    name: String,
    axl_name: &'static str,
    aliases: &'static [&'static str],
    family: &'static str,
    params: &'static [&'static str],
    memory_depth: Option<u32>,
    stochastic: bool,
    uses_game: bool,
    uses_length: bool,
    source: String,
    rule: &'static str,
}

fn rows() -> Vec<Row> {
    registry::list()
        .iter()
        .map(|e| {
            let p = e.default_player();
            let m = p.meta();
            Row {
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

fn uses(r: &Row) -> &'static str {
    match (r.uses_game, r.uses_length) {
        (true, true) => "game,len",
        (true, false) => "game",
        (false, true) => "len",
        (false, false) => "-",
    }
}

fn table(rows: &[Row]) -> String {
    let mut out = format!(
        "{:<28} {:>5} {:<5} {:<8} rule\n",
        "id", "depth", "rand", "uses"
    );
    for r in rows {
        let params = if r.params.is_empty() {
            String::new()
        } else {
            format!(" [{}]", r.params.join(", "))
        };
        let mut rule = format!("{}{params}", r.rule);
        if rule.chars().count() > 48 {
            rule = rule.chars().take(47).collect::<String>() + "…";
        }
        out.push_str(&format!(
            "{:<28} {:>5} {:<5} {:<8} {rule}\n",
            r.id,
            depth(r.memory_depth),
            if r.stochastic { "yes" } else { "no" },
            uses(r),
        ));
    }
    out.push_str("\nPolicy aliases:\n");
    for a in POLICY_ALIASES {
        out.push_str(&format!("  {:<26} = {}\n", a.alias, a.spec));
    }
    out.push_str(
        "\nNames are also accepted in Axelrod-Python spelling (\"Tit For Tat\"), any case.\n\
         Parameters: id(v1, name=v2). Transformers wrap any strategy:\n\
         id + noise(0.05), id + forgiveness(0.1), id + grudge(2), id + final(DD).\n",
    );
    out
}

fn csv(rows: &[Row]) -> String {
    let mut out = String::from("id,name,memory_depth,stochastic,uses_game,uses_length,params\n");
    for r in rows {
        out.push_str(&format!(
            "{},\"{}\",{},{},{},{},\"{}\"\n",
            r.id,
            r.name,
            depth(r.memory_depth),
            r.stochastic,
            r.uses_game,
            r.uses_length,
            r.params.join(" ")
        ));
    }
    out
}

/// Run the command.
pub fn run(args: Args) -> CliResult {
    let rows = rows();
    let text = match args.format {
        Format::Table => table(&rows),
        Format::Csv => csv(&rows),
        Format::Json => {
            serde_json::to_string_pretty(&rows).map_err(|e| CliError::Failure(e.to_string()))?
                + "\n"
        }
    };
    emit(&text)
}
