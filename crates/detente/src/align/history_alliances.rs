//! Alliances in force in a given year, 1816–2018, for `[align] alliances = "history"`.
//!
//! The bundled spells (`data/history/alliances.csv`, derived by
//! `scripts/derive_align_history.py`) join two states by COW code with the first and last year of
//! a pact and its strength: 1 for a defence (or offence) pact, 0.5 for neutrality,
//! non-aggression, entente or consultation only. COW Formal Alliances v4.1 covers 1816–2012,
//! ATOP 5.1 2013–2018; a later year uses 2018, the last one the data has.

use super::propensity::AllianceLink;
use crate::world::history::{NotLoaded, Table, parse_once};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Last year of the bundled alliance spells.
pub const LAST_ALLIANCE_YEAR: i32 = 2018;
/// First year of the bundled alliance spells.
pub const FIRST_ALLIANCE_YEAR: i32 = 1816;

/// One alliance spell between two states.
#[derive(Debug, Clone, PartialEq)]
struct Spell {
    a: u32,
    b: u32,
    first: i32,
    last: i32,
    strength: f64,
    source: &'static str,
}

fn malformed(line: usize) -> ! {
    panic!("data/history/alliances.csv line {line} is malformed (a build defect)")
}

/// The spells, parsed on first use (a history table: [`NotLoaded`] when this build was not
/// given it).
fn spells() -> Result<&'static [Spell], NotLoaded> {
    static SPELLS: OnceLock<Vec<Spell>> = OnceLock::new();
    parse_once(&SPELLS, Table::Alliances.text(), |text| {
        crate::world::csv::parse(text)
            .unwrap_or_else(|e| {
                panic!("data/history/alliances.csv is malformed (a build defect): {e}")
            })
            .rows
            .into_iter()
            .map(|(line, f)| {
                if f.len() != 6 {
                    malformed(line);
                }
                let num = |s: &str| s.parse::<i64>().unwrap_or_else(|_| malformed(line));
                Spell {
                    a: num(&f[0]) as u32,
                    b: num(&f[1]) as u32,
                    first: num(&f[2]) as i32,
                    last: num(&f[3]) as i32,
                    strength: f[4].parse().unwrap_or_else(|_| malformed(line)),
                    source: if f[5] == "ATOP" {
                        "ATOP 5.1"
                    } else {
                        "COW alliances v4.1"
                    },
                }
            })
            .collect()
    })
    .map(Vec::as_slice)
}

/// The year of the alliance data used for `year`: `year` itself within 1816–2018, else 2018
/// (or `None` before 1816).
pub fn alliance_year(year: i32) -> Option<i32> {
    (year >= FIRST_ALLIANCE_YEAR).then_some(year.min(LAST_ALLIANCE_YEAR))
}

/// Alliance links in force in `year` among the actors of `ids` (COW code → actor id), the
/// strongest per pair; [`NotLoaded`] when this build was not given the alliance table.
pub fn history_alliances(
    ids: &BTreeMap<u32, String>,
    year: i32,
) -> Result<Vec<AllianceLink>, NotLoaded> {
    let Some(y) = alliance_year(year) else {
        return Ok(Vec::new());
    };
    let mut best: BTreeMap<(u32, u32), (f64, &'static str)> = BTreeMap::new();
    for s in spells()? {
        if s.first <= y && y <= s.last && ids.contains_key(&s.a) && ids.contains_key(&s.b) {
            let e = best.entry((s.a, s.b)).or_insert((0.0, s.source));
            if s.strength > e.0 {
                *e = (s.strength, s.source);
            }
        }
    }
    Ok(best
        .into_iter()
        .map(|((a, b), (strength, source))| AllianceLink {
            a: ids[&a].clone(),
            b: ids[&b].clone(),
            strength,
            source: format!("{source}, {y}"),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[(u32, &str)]) -> BTreeMap<u32, String> {
        list.iter().map(|&(c, s)| (c, s.to_string())).collect()
    }

    /// 1913: the Triple Alliance (Germany, Austria-Hungary, Italy: defence pacts) and the
    /// Franco-Russian alliance; Britain's ententes with France and Russia are weaker (0.5).
    #[test]
    fn the_alliances_of_1913() {
        let m = ids(&[
            (200, "GBR"),
            (220, "FRA"),
            (255, "DEU"),
            (300, "300"),
            (325, "ITA"),
            (365, "RUS"),
        ]);
        let l = history_alliances(&m, 1913).unwrap();
        let s = |a: &str, b: &str| {
            l.iter()
                .find(|x| (x.a == a && x.b == b) || (x.a == b && x.b == a))
                .map_or(0.0, |x| x.strength)
        };
        assert_eq!(s("DEU", "300"), 1.0);
        assert_eq!(s("DEU", "ITA"), 1.0);
        assert_eq!(s("FRA", "RUS"), 1.0);
        assert_eq!(s("GBR", "FRA"), 0.5);
        assert_eq!(s("GBR", "DEU"), 0.0);
        assert!(l.iter().all(|x| x.source == "COW alliances v4.1, 1913"));
    }

    #[test]
    fn later_years_use_2018() {
        assert_eq!(alliance_year(2021), Some(2018));
        assert_eq!(alliance_year(1700), None);
        let l = history_alliances(&ids(&[(2, "USA"), (200, "GBR")]), 2021).unwrap();
        assert_eq!(l.len(), 1);
        assert_eq!(l[0].strength, 1.0);
        assert_eq!(l[0].source, "ATOP 5.1, 2018");
    }
}
