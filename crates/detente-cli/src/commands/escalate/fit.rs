//! `detente escalate --arms --fit FIRST..LAST [--pair A,B]` and `--arms --validate`: the annual
//! Richardson map fitted on the bundled spending history, and its validation
//! (docs/escalate-richardson.md).

use super::{Args, Format};
use crate::error::CliError;
use crate::output::json;
use detente::escalate::richardson::validation::{
    ForecastSettings, RaceSettings, forecast_skill, race_discrimination,
};
use detente::escalate::richardson::{self, TieKind};

/// Seed of the fit's parameter draws and the validation's bootstrap when `--seed` is not given
/// (the seed the documented figures were produced with).
const FIT_SEED: u64 = 1;

/// Parse `FIRST..LAST` (inclusive years; `..=` accepted too).
fn year_range(text: &str) -> Result<(i32, i32), CliError> {
    let bad = || {
        CliError::Input(format!(
            "--fit `{text}`: expected a year range FIRST..LAST such as 2000..2024"
        ))
    };
    let (a, b) = text.split_once("..").ok_or_else(bad)?;
    let b = b.strip_prefix('=').unwrap_or(b);
    let (first, last): (i32, i32) = (
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    );
    if first >= last {
        return Err(CliError::Input(format!(
            "--fit `{text}`: the first year must come before the last"
        )));
    }
    Ok((first, last))
}

/// The states to fit: ids, who reacts to whom (indices), and a label for errors.
struct Race {
    ids: Vec<String>,
    tied: Vec<Vec<usize>>,
    label: String,
}

/// The `--pair`, or the scenario's Richardson actors with every rivalry, alliance and
/// partnership tie among them.
fn actors(args: &Args) -> Result<Race, CliError> {
    if let Some(pair) = &args.pair {
        let ids: Vec<String> = pair.split(',').map(|s| s.trim().to_string()).collect();
        if ids.len() != 2 || ids.iter().any(String::is_empty) || ids[0] == ids[1] {
            return Err(CliError::Input(format!(
                "--pair `{pair}`: expected two different states, e.g. USA,CHN"
            )));
        }
        return Ok(Race {
            ids,
            tied: richardson::series::dyad_ties(),
            label: format!("--pair {pair}"),
        });
    }
    let (r, name) = crate::input::load_scenario(args.scenario.as_deref())?;
    let setup = detente::escalate::scenario::arms_setup(&r)
        .map_err(|e| CliError::Input(format!("{name}: {e}")))?;
    let ids: Vec<String> = setup.actors.iter().map(|a| a.id.clone()).collect();
    let index = |id: &str| ids.iter().position(|x| x == id);
    let mut tied = vec![Vec::new(); ids.len()];
    for t in &setup.ties {
        let (Some(i), Some(j)) = (index(&t.from), index(&t.to)) else {
            continue;
        };
        if matches!(
            t.kind,
            TieKind::Rival | TieKind::Alliance | TieKind::Partnership
        ) {
            tied[i].push(j);
            if !t.directed {
                tied[j].push(i);
            }
        }
    }
    for t in &mut tied {
        t.sort_unstable();
        t.dedup();
    }
    Ok(Race {
        ids,
        tied,
        label: name,
    })
}

/// The fit report, as text or JSON.
pub fn report(args: &Args, range: &str) -> Result<String, CliError> {
    let (first, last) = year_range(range)?;
    let race = actors(args)?;
    let fitted = richardson::fit_history(&race.ids, &race.tied, first, last)
        .map_err(|e| CliError::Input(format!("{}: {e}", race.label)))?;
    let p = fitted
        .fit
        .instability(args.draws, args.mc.seed.unwrap_or(FIT_SEED))
        .map_err(|e| CliError::Input(e.to_string()))?;
    if args.format == Format::Json {
        return json(&serde_json::json!({ "fit": fitted, "p_unstable": p }));
    }
    Ok(detente_present::escalate::richardson::fit_table(
        &fitted, &p,
    ))
}

/// The validation of docs/escalate-richardson.md, as text or JSON.
pub fn validation(args: &Args) -> Result<String, CliError> {
    let races = race_discrimination(RaceSettings {
        seed: args.mc.seed.unwrap_or(FIT_SEED),
        ..RaceSettings::default()
    })
    .map_err(|e| CliError::Failure(e.to_string()))?;
    let forecasts = forecast_skill(ForecastSettings {
        seed: args.mc.seed.unwrap_or(FIT_SEED),
        ..ForecastSettings::default()
    })
    .map_err(|e| CliError::Failure(e.to_string()))?;
    if args.format == Format::Json {
        return json(&serde_json::json!({ "races": races, "forecasts": forecasts }));
    }
    Ok(detente_present::escalate::richardson::validation_table(
        &races, &forecasts,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_ranges_parse_or_explain() {
        assert_eq!(year_range("2000..2024").unwrap(), (2000, 2024));
        assert_eq!(year_range("2000..=2024").unwrap(), (2000, 2024));
        assert!(year_range("2024..2000").is_err());
        assert!(year_range("2000-2024").is_err());
        assert!(year_range("x..2024").is_err());
    }
}
