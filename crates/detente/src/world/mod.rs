//! The bundled world data: the state-year panel (every state of the COW state system, 1816–2024,
//! in [`panel`]) and its 2024 view, the 41-actor table (32 NATO members, CHN, RUS, UKR, JPN, KOR,
//! AUS, NZL, IND and the EU as an organisation) with SIPRI military spending, IMF GDP and
//! population, COW CINC, UNGA ideal points and trade shares, plus organisation memberships (2025).
//!
//! The tables are embedded in the binary (`data/world/`, credited in `data/world/SOURCES.md`),
//! parsed once on first use, and looked up by ISO 3166-1 alpha-3 code or COW code. The panel
//! and two other large history tables are compiled in with the `history` feature (on by
//! default); a build without it is given them at run time ([`history`]). Every figure
//! carries its source and year. Gaps are explicit: a missing figure is `None` with a reason,
//! never a silent zero.

pub(crate) mod csv;
mod error;
pub mod history;
mod measure;
pub mod panel;
mod source;

pub use csv::CsvError;
pub use error::WorldError;
pub use measure::{CapabilityMeasure, Gap};
pub use panel::{Figure, Observation, Panel, PanelState, panel};
pub use source::{IMF_DOTS, IMF_WEO, NMC, SIPRI, Source, SourcedFigure, UNGA, WORLD_BANK, year_of};

use std::sync::OnceLock;

/// Vintage label of the 41-actor table (the panel's 2024 view).
pub const VINTAGE: &str = "2024";

/// `[world] data` value that takes every state from the panel in the year of `as_of`.
pub const PANEL: &str = "panel";

const ACTORS_CSV: &str = include_str!("../../../../data/world/actors_2024.csv");
const MEMBERSHIPS_CSV: &str = include_str!("../../../../data/world/memberships_2025.csv");

/// One actor of the world table (a state, or the EU as an organisation).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct WorldActor {
    /// ISO 3166-1 alpha-3 code (`EU` for the European Union).
    pub iso3: String,
    /// English short name.
    pub name: String,
    /// Correlates of War country code.
    pub cow_ccode: Option<u32>,
    /// SIPRI military expenditure 2024, current US$ million.
    pub milex_2024_usd_m: Option<f64>,
    /// SIPRI military expenditure 2024 as a share of GDP, percent.
    pub milex_pct_gdp_2024: Option<f64>,
    /// IMF WEO (Oct 2025) GDP 2024, current US$ billion.
    pub gdp_2024_usd_bn: Option<f64>,
    /// IMF WEO (Oct 2025) population 2024, million (World Bank where the IMF has none).
    pub population_2024_m: Option<f64>,
    /// COW National Material Capabilities v7 composite index (CINC), 2022.
    pub cinc_2022: Option<f64>,
    /// UNGA ideal point (Voeten et al., July 2025 release), 2024.
    pub unga_ideal_point_2024: Option<f64>,
    /// Share of total goods trade with China, the USA and Russia in 2020 (IMF DOTS), percent.
    pub trade_share_pct: TradeShares,
    /// True for an organisation row (the EU), not a state.
    pub organisation: bool,
    /// Every figure above with its source and the year it describes.
    pub figures: Vec<SourcedFigure>,
}

impl WorldActor {
    /// The sourced figure called `name` (`milex`, `gdp`, `cinc`, ...), if there is one.
    pub fn figure(&self, name: &str) -> Option<&SourcedFigure> {
        self.figures.iter().find(|f| f.name == name)
    }
}

/// Trade shares with the three trade partners the bundled table covers, percent of total trade.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct TradeShares {
    /// Share of trade with China.
    pub chn: Option<f64>,
    /// Share of trade with the United States.
    pub usa: Option<f64>,
    /// Share of trade with Russia.
    pub rus: Option<f64>,
}

impl TradeShares {
    /// Share (percent) of trade with `partner` (`CHN`, `USA` or `RUS`), if recorded.
    pub fn with(&self, partner: &str) -> Option<f64> {
        match partner {
            "CHN" => self.chn,
            "USA" => self.usa,
            "RUS" => self.rus,
            _ => None,
        }
    }
}

/// One organisation membership row.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Membership {
    /// Organisation code (`NATO`, `EU`, `AUKUS`, `Quad`, `SCO`, `BRICS`, `CSTO`, `ANZUS`, ...).
    pub organisation: String,
    /// Member's ISO3 code.
    pub iso3: String,
    /// Member's name as the source gives it.
    pub member: String,
    /// Date joined: `YYYY-MM-DD`, or only `YYYY`; empty when not a full member yet.
    pub joined: String,
    /// Status note (founding member, frozen, candidate, ...).
    pub note: String,
    /// Official source URL.
    pub source: String,
}

impl Membership {
    /// Whether the membership was in force on `date` (`YYYY-MM-DD`). A bare year counts from
    /// 1 January; an empty `joined` (candidates, invitees) never counts.
    pub fn in_force_on(&self, date: &str) -> bool {
        if self.joined.is_empty() {
            return false;
        }
        let joined = if self.joined.len() == 4 {
            format!("{}-01-01", self.joined)
        } else {
            self.joined.clone()
        };
        joined.as_str() <= date
    }
}

/// The whole bundled data set.
#[derive(Debug)]
pub struct World {
    actors: Vec<WorldActor>,
    memberships: Vec<Membership>,
}

/// The bundled world data, parsed once.
pub fn bundled() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        World::parse(ACTORS_CSV, MEMBERSHIPS_CSV)
            .unwrap_or_else(|e| panic!("bundled world data is malformed (a build defect): {e}"))
    })
}

impl World {
    /// Parse the two tables. Used for the bundled data and in tests.
    pub fn parse(actors_csv: &str, memberships_csv: &str) -> Result<World, WorldError> {
        let t = csv::parse(actors_csv).map_err(WorldError::csv("actors"))?;
        let col = |name: &str| {
            t.column(name)
                .ok_or_else(|| WorldError::missing("actors", name))
        };
        let c = [
            col("actor")?,
            col("name")?,
            col("cow_ccode")?,
            col("milex_2024_usd_m_sipri")?,
            col("milex_2024_pct_gdp_sipri")?,
            col("gdp_2024_usd_bn_imf_weo_oct2025")?,
            col("pop_2024_m_imf_weo_oct2025")?,
            col("pop_2024_m_worldbank")?,
            col("cinc_2022_nmc_v7")?,
            col("unga_idealpoint_fp_2024")?,
            col("trade_share_CHN_2020_pct_imf_dots")?,
            col("trade_share_USA_2020_pct_imf_dots")?,
            col("trade_share_RUS_2020_pct_imf_dots")?,
        ];
        let mut actors = Vec::with_capacity(t.rows.len());
        for (line, row) in &t.rows {
            let num = |i: usize| -> Result<Option<f64>, WorldError> {
                let s = row[c[i]].trim();
                if s.is_empty() {
                    return Ok(None);
                }
                s.parse::<f64>().map(Some).map_err(|_| WorldError::Value {
                    table: "actors",
                    line: *line,
                    message: format!("`{s}` is not a number"),
                })
            };
            let iso3 = row[c[0]].clone();
            // The year and source of each column of the table.
            let mut figures = Vec::new();
            let mut sourced = |name, i: usize, unit, year, source| -> Result<_, WorldError> {
                let v = num(i)?;
                if let Some(value) = v {
                    figures.push(SourcedFigure {
                        name,
                        value,
                        unit,
                        year,
                        source,
                    });
                }
                Ok(v)
            };
            let milex_2024_usd_m = sourced("milex", 3, "US$ m, current", 2024, SIPRI)?;
            let milex_pct_gdp_2024 = sourced("milex_pct_gdp", 4, "percent of GDP", 2024, SIPRI)?;
            let gdp_2024_usd_bn = sourced("gdp", 5, "US$ bn, current", 2024, IMF_WEO)?;
            let population_2024_m = match num(6)? {
                Some(_) => sourced("population", 6, "million people", 2024, IMF_WEO)?,
                None => sourced("population", 7, "million people", 2024, WORLD_BANK)?,
            };
            let cinc_2022 = sourced("cinc", 8, "CINC (share of system)", 2022, NMC)?;
            let unga_ideal_point_2024 =
                sourced("unga_ideal_point", 9, "ideal point (1st dim.)", 2024, UNGA)?;
            let pct = "percent of trade";
            let trade_share_pct = TradeShares {
                chn: sourced("trade_share_CHN", 10, pct, 2020, IMF_DOTS)?,
                usa: sourced("trade_share_USA", 11, pct, 2020, IMF_DOTS)?,
                rus: sourced("trade_share_RUS", 12, pct, 2020, IMF_DOTS)?,
            };
            actors.push(WorldActor {
                organisation: iso3 == "EU",
                name: row[c[1]].clone(),
                cow_ccode: num(2)?.map(|v| v as u32),
                milex_2024_usd_m,
                milex_pct_gdp_2024,
                gdp_2024_usd_bn,
                population_2024_m,
                cinc_2022,
                unga_ideal_point_2024,
                trade_share_pct,
                iso3,
                figures,
            });
        }
        let m = csv::parse(memberships_csv).map_err(WorldError::csv("memberships"))?;
        let memberships = m
            .rows
            .into_iter()
            .map(|(_, r)| Membership {
                organisation: r[0].clone(),
                iso3: r[1].clone(),
                member: r[2].clone(),
                joined: r[3].clone(),
                note: r[4].clone(),
                source: r[5].clone(),
            })
            .collect();
        Ok(World {
            actors,
            memberships,
        })
    }

    /// All actors in table order.
    pub fn actors(&self) -> &[WorldActor] {
        &self.actors
    }

    /// Look an actor up by ISO3 code (exact, upper case).
    pub fn actor(&self, iso3: &str) -> Option<&WorldActor> {
        self.actors.iter().find(|a| a.iso3 == iso3)
    }

    /// Look an actor of the table up by ISO3 code or COW code.
    pub fn actor_by_key(&self, key: &str) -> Option<&WorldActor> {
        match key.parse::<u32>() {
            Ok(cc) => self.actors.iter().find(|a| a.cow_ccode == Some(cc)),
            Err(_) => self.actor(key),
        }
    }

    /// All membership rows.
    pub fn memberships(&self) -> &[Membership] {
        &self.memberships
    }

    /// Organisation codes in table order, without repeats.
    pub fn organisations(&self) -> Vec<&str> {
        let mut orgs: Vec<&str> = Vec::new();
        for m in &self.memberships {
            if !orgs.contains(&m.organisation.as_str()) {
                orgs.push(&m.organisation);
            }
        }
        orgs
    }

    /// Members of `organisation` in force on `date` (`YYYY-MM-DD`; `None`: every row with a
    /// join date), in table order.
    pub fn members_of(&self, organisation: &str, date: Option<&str>) -> Vec<&Membership> {
        self.memberships
            .iter()
            .filter(|m| m.organisation == organisation)
            .filter(|m| match date {
                Some(d) => m.in_force_on(d),
                None => !m.joined.is_empty(),
            })
            .collect()
    }

    /// Whether `a` and `b` are both members of `organisation` on `date`.
    pub fn share_membership(
        &self,
        organisation: &str,
        a: &str,
        b: &str,
        date: Option<&str>,
    ) -> bool {
        let members = self.members_of(organisation, date);
        members.iter().any(|m| m.iso3 == a) && members.iter().any(|m| m.iso3 == b)
    }
}

/// The world-data row of state `key` (ISO3 or COW code) for a scenario whose `[world] data`
/// is `data` and whose `as_of` falls in `as_of_year`:
/// - `"2024"`: the 41-actor table's row (figures of 2024, CINC 2022, trade 2020, whatever
///   `as_of` says; each figure records its year so that later ones can be flagged);
/// - `"panel"`: the panel's view of any state of the state system in the `as_of` year (its
///   last year when there is no `as_of`): each figure the latest at or before that year.
///
/// `None` when the data has no such state (or `data` is `"none"`).
///
/// The panel is one of the large history tables: [`NotLoaded`](history::NotLoaded) when this
/// build has it neither compiled in nor provided.
pub fn lookup(
    key: &str,
    data: &str,
    as_of_year: Option<i32>,
) -> Result<Option<WorldActor>, history::NotLoaded> {
    Ok(match data {
        VINTAGE => bundled().actor_by_key(key).cloned(),
        PANEL => panel()?
            .state(key)
            .map(|s| s.view(as_of_year.unwrap_or(panel::LAST_YEAR))),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 41-actor table is the panel's 2024 view: every figure the two share is the same
    /// number, from the same source and year.
    #[test]
    fn the_actor_table_is_the_panels_2024_view() {
        let mut compared = 0;
        for a in bundled().actors().iter().filter(|a| !a.organisation) {
            let v = panel()
                .unwrap()
                .state(&a.iso3)
                .unwrap_or_else(|| panic!("{} not in the panel", a.iso3))
                .view(panel::LAST_YEAR);
            assert_eq!(v.cow_ccode, a.cow_ccode, "{}", a.iso3);
            for f in &a.figures {
                let Some(p) = v.figure(f.name) else {
                    assert!(f.name.starts_with("trade_share"), "{} {}", a.iso3, f.name);
                    continue;
                };
                assert_eq!(
                    (p.year, p.source),
                    (f.year, f.source),
                    "{} {}",
                    a.iso3,
                    f.name
                );
                let tol = if f.source == WORLD_BANK { 1e-3 } else { 0.0 };
                assert!(
                    (p.value - f.value).abs() <= tol,
                    "{} {}: table {} panel {}",
                    a.iso3,
                    f.name,
                    f.value,
                    p.value
                );
                compared += 1;
            }
        }
        assert!(compared > 200, "{compared}");
    }

    #[test]
    fn lookup_by_iso3_or_cow_code_in_either_mode() {
        let usa = lookup("2", VINTAGE, Some(2023)).unwrap().unwrap();
        assert_eq!(usa.iso3, "USA");
        assert_eq!(usa.figure("milex").unwrap().year, 2024);
        assert!(lookup("PAK", VINTAGE, Some(2023)).unwrap().is_none());
        let usa = lookup("USA", PANEL, Some(2023)).unwrap().unwrap();
        assert_eq!(usa.figure("milex").unwrap().year, 2023);
        let pak = lookup("770", PANEL, Some(2001)).unwrap().unwrap();
        assert_eq!(pak.figure("milex").unwrap().year, 2001);
        assert!(lookup("ZZZ", PANEL, Some(2001)).unwrap().is_none());
        assert!(lookup("USA", "none", None).unwrap().is_none());
    }

    #[test]
    fn bundled_data_has_41_actors_and_32_nato_members() {
        let w = bundled();
        assert_eq!(w.actors().len(), 41);
        assert_eq!(w.members_of("NATO", None).len(), 32);
        assert_eq!(w.actor("USA").unwrap().milex_2024_usd_m, Some(997_309.0));
        assert!(w.actor("EU").unwrap().organisation);
        assert!(w.actor("XYZ").is_none());
    }

    #[test]
    fn memberships_respect_the_date() {
        let w = bundled();
        // Sweden joined NATO on 2024-03-07 and Finland on 2023-04-04.
        let late_2023 = w.members_of("NATO", Some("2023-11-29"));
        assert_eq!(late_2023.len(), 31);
        assert!(late_2023.iter().any(|m| m.iso3 == "FIN"));
        assert!(!late_2023.iter().any(|m| m.iso3 == "SWE"));
        assert!(w.share_membership("AUKUS", "USA", "AUS", Some("2023-11-29")));
        assert!(!w.share_membership("AUKUS", "USA", "AUS", Some("2020-01-01")));
    }

    #[test]
    fn iceland_has_no_sipri_figure() {
        let isl = bundled().actor("ISL").unwrap();
        assert_eq!(isl.milex_2024_usd_m, None);
        assert!(isl.cinc_2022.is_some());
    }
}
