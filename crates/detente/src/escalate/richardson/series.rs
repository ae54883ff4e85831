//! The bundled military-expenditure history (`data/history/`, credited in
//! `data/history/SOURCES.md`): SIPRI constant 2023 US$ m for 1949–2024, COW NMC current US$ k for
//! 1816–1990, the Gibler–Rider–Hutchison arms races and the Thompson–Dreyer strategic rivalries.
//!
//! States are keyed by Correlates of War code; [`History::state`] also accepts ISO 3166-1
//! alpha-3. The two spending series are never mixed within one fit ([`History::dyad`]).

use super::annual::{AnnualFit, fit_annual};
use super::{ArmsSeries, RichardsonError};
use crate::world::WorldError;
use crate::world::history::{NotLoaded, Table, parse_once};
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const STATES_CSV: &str = include_str!("../../../../../data/history/states.csv");
const RACES_CSV: &str = include_str!("../../../../../data/history/arms_races.csv");
const RIVALRIES_CSV: &str = include_str!("../../../../../data/history/rivalries.csv");

/// Last year of the Thompson–Dreyer list: a rivalry ending then was ongoing at publication.
pub const RIVALRY_LIST_END: i32 = 2010;

/// Which spending series.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Source {
    /// SIPRI, constant 2023 US$ million, 1949–2024.
    Sipri,
    /// COW National Material Capabilities v7, current US$ thousand, 1816–1990 (as bundled).
    Cow,
}

impl Source {
    /// Unit and owner, in words.
    pub fn unit(self) -> &'static str {
        match self {
            Source::Sipri => "SIPRI, constant 2023 US$ million",
            Source::Cow => "COW NMC v7, current US$ thousand",
        }
    }
}

/// A state of the history tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct State {
    /// Correlates of War code.
    pub ccode: u32,
    /// ISO3 code, where the state has one.
    pub iso3: Option<String>,
    /// Name.
    pub name: String,
}

/// A dyad with start and end years (an arms race or a rivalry).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Episode {
    /// Identifier in the source list.
    pub id: u32,
    /// COW codes, smaller first.
    pub dyad: (u32, u32),
    /// First year.
    pub start: i32,
    /// Last year.
    pub end: i32,
}

/// Two states' spending on the same consecutive years from one source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DyadSeries {
    /// Source of both series.
    pub source: Source,
    /// First year.
    pub first: i32,
    /// The two states' levels, year by year from `first`.
    pub levels: [Vec<f64>; 2],
}

/// The bundled history tables.
#[derive(Debug)]
pub struct History {
    states: Vec<State>,
    milex: BTreeMap<(u32, Source), BTreeMap<i32, f64>>,
    races: Vec<Episode>,
    rivalries: Vec<Episode>,
}

/// The bundled history, parsed once (the spending series are a history table: [`NotLoaded`]
/// when this build was not given them).
pub fn history() -> Result<&'static History, NotLoaded> {
    static HISTORY: OnceLock<History> = OnceLock::new();
    parse_once(&HISTORY, Table::Milex.text(), |milex| {
        History::parse(milex, STATES_CSV, RACES_CSV, RIVALRIES_CSV)
            .unwrap_or_else(|e| panic!("bundled history data is malformed (a build defect): {e}"))
    })
}

/// Rows of a bundled table with `columns` columns, each with its 1-based line number.
fn rows(
    name: &'static str,
    text: &str,
    columns: usize,
) -> Result<Vec<(usize, Vec<String>)>, WorldError> {
    let table = crate::world::csv::parse(text).map_err(WorldError::csv(name))?;
    if table.header.len() != columns {
        return Err(WorldError::Table {
            table: name,
            message: format!("{} columns, expected {columns}", table.header.len()),
        });
    }
    Ok(table.rows)
}

fn num<T: std::str::FromStr>(name: &'static str, line: usize, s: &str) -> Result<T, WorldError> {
    s.trim().parse().map_err(|_| WorldError::Value {
        table: name,
        line,
        message: format!("`{s}` is not a number"),
    })
}

fn episodes(name: &'static str, text: &str, columns: usize) -> Result<Vec<Episode>, WorldError> {
    rows(name, text, columns)?
        .into_iter()
        .map(|(line, f)| {
            let (a, b): (u32, u32) = (num(name, line, &f[1])?, num(name, line, &f[2])?);
            Ok(Episode {
                id: num(name, line, &f[0])?,
                dyad: (a.min(b), a.max(b)),
                start: num(name, line, &f[3])?,
                end: num(name, line, &f[4])?,
            })
        })
        .collect()
}

impl History {
    /// Parse the four tables (the bundled ones, or others in tests). Errors name the table and
    /// the line.
    pub fn parse(
        milex_csv: &str,
        states_csv: &str,
        races_csv: &str,
        rivalries_csv: &str,
    ) -> Result<History, WorldError> {
        let bad = |line, message: &str| WorldError::Value {
            table: "milex.csv",
            line,
            message: message.to_string(),
        };
        let mut milex: BTreeMap<(u32, Source), BTreeMap<i32, f64>> = BTreeMap::new();
        for (line, f) in rows("milex.csv", milex_csv, 4)? {
            let source = match f[2].as_str() {
                "S" => Source::Sipri,
                "C" => Source::Cow,
                other => return Err(bad(line, &format!("unknown series `{other}`"))),
            };
            let value: f64 = num("milex.csv", line, &f[3])?;
            if !value.is_finite() || value < 0.0 {
                return Err(bad(line, "spending must be ≥ 0"));
            }
            milex
                .entry((num("milex.csv", line, &f[0])?, source))
                .or_default()
                .insert(num("milex.csv", line, &f[1])?, value);
        }
        let states = rows("states.csv", states_csv, 3)?
            .into_iter()
            .map(|(line, f)| {
                Ok(State {
                    ccode: num("states.csv", line, &f[0])?,
                    iso3: (!f[1].is_empty()).then(|| f[1].to_string()),
                    name: f[2].to_string(),
                })
            })
            .collect::<Result<_, WorldError>>()?;
        Ok(History {
            states,
            milex,
            races: episodes("arms_races.csv", races_csv, 5)?,
            rivalries: episodes("rivalries.csv", rivalries_csv, 6)?,
        })
    }

    /// A state by ISO3 code (case-insensitive) or COW code.
    pub fn state(&self, id: &str) -> Option<&State> {
        let id = id.trim();
        match id.parse::<u32>() {
            Ok(c) => self.states.iter().find(|s| s.ccode == c),
            Err(_) => self.states.iter().find(|s| {
                s.iso3
                    .as_deref()
                    .is_some_and(|i| i.eq_ignore_ascii_case(id))
            }),
        }
    }

    /// A state by COW code.
    pub fn by_ccode(&self, ccode: u32) -> Option<&State> {
        self.states.iter().find(|s| s.ccode == ccode)
    }

    /// The Gibler–Rider–Hutchison arms races.
    pub fn arms_races(&self) -> &[Episode] {
        &self.races
    }

    /// The Thompson–Dreyer strategic rivalries.
    pub fn rivalries(&self) -> &[Episode] {
        &self.rivalries
    }

    /// One state's levels for every year of `first..=last` from one source, if none is missing.
    pub fn levels(&self, ccode: u32, source: Source, first: i32, last: i32) -> Option<Vec<f64>> {
        let s = self.milex.get(&(ccode, source))?;
        (first..=last).map(|y| s.get(&y).copied()).collect()
    }

    /// Years `(first, last)` one state has from one source.
    pub fn coverage(&self, ccode: u32, source: Source) -> Option<(i32, i32)> {
        let s = self.milex.get(&(ccode, source))?;
        Some((*s.keys().next()?, *s.keys().next_back()?))
    }

    /// Both states' levels over `first..=last` from SIPRI when both have every year, else from
    /// COW when both have every year, else `None`.
    pub fn dyad(&self, a: u32, b: u32, first: i32, last: i32) -> Option<DyadSeries> {
        [Source::Sipri, Source::Cow].into_iter().find_map(|source| {
            Some(DyadSeries {
                source,
                first,
                levels: [
                    self.levels(a, source, first, last)?,
                    self.levels(b, source, first, last)?,
                ],
            })
        })
    }

    /// Every state's levels over `first..=last` from one common source (SIPRI first), or an
    /// error naming the states and years that are missing.
    pub fn group(
        &self,
        ccodes: &[u32],
        first: i32,
        last: i32,
    ) -> Result<(Source, Vec<Vec<f64>>), RichardsonError> {
        for source in [Source::Sipri, Source::Cow] {
            let all: Option<Vec<Vec<f64>>> = ccodes
                .iter()
                .map(|&c| self.levels(c, source, first, last))
                .collect();
            if let Some(all) = all {
                return Ok((source, all));
            }
        }
        let missing: Vec<String> = ccodes
            .iter()
            .filter(|&&c| self.levels(c, Source::Sipri, first, last).is_none())
            .map(|&c| {
                let name = self.by_ccode(c).map_or(c.to_string(), |s| s.name.clone());
                let cover = |src| {
                    self.coverage(c, src)
                        .map_or("none".to_string(), |(a, b)| format!("{a}–{b}"))
                };
                format!(
                    "{name} (SIPRI {}; COW {})",
                    cover(Source::Sipri),
                    cover(Source::Cow)
                )
            })
            .collect();
        Err(RichardsonError::Input(format!(
            "no spending series from one source with every year {first}–{last}: {}",
            missing.join(", ")
        )))
    }
}

/// A fit of the annual map on the bundled history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryFit {
    /// States, in the order of the fit.
    pub states: Vec<State>,
    /// Source of every series.
    pub source: Source,
    /// Unit of the levels and of the grievances.
    pub unit: &'static str,
    /// First and last year of the levels (the changes run from `first` to `last`).
    pub years: (i32, i32),
    /// The fit.
    pub fit: AnnualFit,
}

/// Fit the annual map on the bundled series of `ids` (ISO3 or COW codes) over `first..=last`:
/// `tied[i]` lists the indices of the states i reacts to. Errors name unknown states and
/// missing years.
pub fn fit_history(
    ids: &[String],
    tied: &[Vec<usize>],
    first: i32,
    last: i32,
) -> Result<HistoryFit, RichardsonError> {
    if last - first < 3 {
        return Err(RichardsonError::Input(format!(
            "the year range {first}..{last} is too short: a fit needs at least four years"
        )));
    }
    let h = history()?;
    let states: Vec<State> = ids
        .iter()
        .map(|id| {
            h.state(id).cloned().ok_or_else(|| {
                RichardsonError::Input(format!(
                    "no bundled spending series for `{id}` (give an ISO3 or COW code, e.g. USA or 2)"
                ))
            })
        })
        .collect::<Result<_, _>>()?;
    let ccodes: Vec<u32> = states.iter().map(|s| s.ccode).collect();
    let (source, levels) = h.group(&ccodes, first, last)?;
    let series = ArmsSeries {
        actors: states
            .iter()
            .map(|s| s.iso3.clone().unwrap_or_else(|| s.ccode.to_string()))
            .collect(),
        levels,
    };
    Ok(HistoryFit {
        states,
        source,
        unit: source.unit(),
        years: (first, last),
        fit: fit_annual(&series, tied)?,
    })
}

/// The dyad's tie lists: each side reacts to the other.
pub fn dyad_ties() -> Vec<Vec<usize>> {
    vec![vec![1], vec![0]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_history_names_table_and_line() {
        let parse = |milex: &str| {
            History::parse(milex, STATES_CSV, RACES_CSV, RIVALRIES_CSV)
                .unwrap_err()
                .to_string()
        };
        let head = "ccode,year,series,value\n";
        assert_eq!(
            parse(&format!("{head}2,1949,X,1\n")),
            "milex.csv line 2: unknown series `X`"
        );
        assert_eq!(
            parse(&format!("{head}2,1949,S,-1\n")),
            "milex.csv line 2: spending must be ≥ 0"
        );
        assert_eq!(
            parse(&format!("{head}2,1949,S\n")),
            "milex.csv: line 2: 3 fields, expected 4"
        );
        assert_eq!(
            parse(&format!("{head}2,19x9,S,1\n")),
            "milex.csv line 2: `19x9` is not a number"
        );
    }

    #[test]
    fn bundled_history_parses_and_looks_up_states() {
        let h = history().unwrap();
        assert_eq!(h.arms_races().len(), 71);
        assert_eq!(h.rivalries().len(), 197);
        assert_eq!(h.state("usa").unwrap().ccode, 2);
        assert_eq!(h.state("365").unwrap().iso3.as_deref(), Some("RUS"));
        assert!(h.state("ZZZ").is_none());
        let us = h.levels(2, Source::Sipri, 2023, 2024).unwrap();
        assert_eq!(us.len(), 2);
        assert!(us[0] > 800_000.0 && us[0] < 1_000_000.0, "{us:?}");
        let d = h.dyad(200, 255, 1900, 1913).unwrap();
        assert_eq!(d.source, Source::Cow);
        assert_eq!(d.levels[0].len(), 14);
    }

    #[test]
    fn a_missing_year_is_an_error_that_names_the_state() {
        let e = fit_history(&["USA".into(), "CHN".into()], &dyad_ties(), 1949, 2000)
            .unwrap_err()
            .to_string();
        assert!(e.contains("China"), "{e}");
        let e = fit_history(&["USA".into(), "ZZZ".into()], &dyad_ties(), 2000, 2024)
            .unwrap_err()
            .to_string();
        assert!(e.contains("ZZZ"), "{e}");
    }
}
