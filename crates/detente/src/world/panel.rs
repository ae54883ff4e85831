//! The state-year panel: every state of the COW state system (1816–2024) with its material
//! capabilities (COW NMC v7, 1816–2022), SIPRI military expenditure (1949–2024), World Bank and
//! IMF GDP and population, and UNGA ideal points (1946–2024).
//!
//! Derived from the public source files by `scripts/derive_panel.py` and embedded compressed
//! (`data/world/panel/panel.bin`: two zlib streams, each preceded by its length as eight hex
//! digits). It is decompressed and parsed on first use only, so commands that never touch it
//! pay nothing. A state is found by ISO 3166-1 alpha-3 code or COW code; a figure for a year is
//! the latest one at or before that year, returned with its source and the year it describes,
//! or a [`Gap`] saying why there is none.

use super::history::{NotLoaded, Table, parse_once};
use super::source::{IMF_WEO, NMC, SIPRI, Source, SourcedFigure, UNGA, WORLD_BANK};
use super::{Gap, WorldError};
use super::{TradeShares, WorldActor};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The last year the panel covers.
pub const LAST_YEAR: i32 = 2024;

/// One figure (column) of the panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    /// COW Composite Index of National Capability (share of the system's capabilities).
    Cinc,
    /// COW military expenditure, thousands of current US$ (before 1914: UK £ converted).
    NmcMilex,
    /// COW military personnel, thousands.
    NmcMilper,
    /// COW iron and steel production, thousands of tons.
    NmcIrst,
    /// COW primary energy consumption, thousands of coal-ton equivalents.
    NmcPec,
    /// COW total population, thousands.
    NmcTpop,
    /// COW urban population, thousands.
    NmcUpop,
    /// SIPRI military expenditure, US$ million, current prices.
    SipriMilex,
    /// SIPRI military expenditure, US$ million, constant 2023 prices.
    SipriMilexConst2023,
    /// SIPRI military expenditure as a share of GDP, percent.
    SipriMilexPctGdp,
    /// World Bank GDP, US$ billion, current prices.
    WbGdp,
    /// World Bank population, million.
    WbPop,
    /// IMF WEO GDP, US$ billion, current prices.
    ImfGdp,
    /// IMF WEO population, million.
    ImfPop,
    /// UNGA ideal point estimated from votes on the final passage of resolutions ("fp").
    IdealPointFp,
    /// UNGA ideal point estimated from all votes, amendments and paragraphs included ("all").
    IdealPointAll,
}

const N_FIGURES: usize = 16;

impl Figure {
    /// Every figure, in the column order of `state_year.csv`.
    pub const ALL: [Figure; N_FIGURES] = [
        Figure::Cinc,
        Figure::NmcMilex,
        Figure::NmcMilper,
        Figure::NmcIrst,
        Figure::NmcPec,
        Figure::NmcTpop,
        Figure::NmcUpop,
        Figure::SipriMilex,
        Figure::SipriMilexConst2023,
        Figure::SipriMilexPctGdp,
        Figure::WbGdp,
        Figure::WbPop,
        Figure::ImfGdp,
        Figure::ImfPop,
        Figure::IdealPointFp,
        Figure::IdealPointAll,
    ];

    /// Column name in `state_year.csv`.
    pub fn column(self) -> &'static str {
        match self {
            Figure::Cinc => "cinc",
            Figure::NmcMilex => "nmc_milex",
            Figure::NmcMilper => "nmc_milper",
            Figure::NmcIrst => "nmc_irst",
            Figure::NmcPec => "nmc_pec",
            Figure::NmcTpop => "nmc_tpop",
            Figure::NmcUpop => "nmc_upop",
            Figure::SipriMilex => "sipri_milex",
            Figure::SipriMilexConst2023 => "sipri_milex_const2023",
            Figure::SipriMilexPctGdp => "sipri_milex_pct_gdp",
            Figure::WbGdp => "wb_gdp",
            Figure::WbPop => "wb_pop",
            Figure::ImfGdp => "imf_gdp",
            Figure::ImfPop => "imf_pop",
            Figure::IdealPointFp => "unga_ideal_fp",
            Figure::IdealPointAll => "unga_ideal_all",
        }
    }

    /// Unit of the figure.
    pub fn unit(self) -> &'static str {
        match self {
            Figure::Cinc => "CINC (share of system)",
            Figure::NmcMilex => "thousand US$, current",
            Figure::NmcMilper => "thousand personnel",
            Figure::NmcIrst => "thousand tons",
            Figure::NmcPec => "thousand coal-ton equivalents",
            Figure::NmcTpop | Figure::NmcUpop => "thousand people",
            Figure::SipriMilex => "US$ m, current",
            Figure::SipriMilexConst2023 => "US$ m, constant 2023",
            Figure::SipriMilexPctGdp => "percent of GDP",
            Figure::WbGdp | Figure::ImfGdp => "US$ bn, current",
            Figure::WbPop | Figure::ImfPop => "million people",
            Figure::IdealPointFp | Figure::IdealPointAll => "ideal point (1st dim.)",
        }
    }

    /// The data source.
    pub fn source(self) -> Source {
        match self {
            Figure::Cinc
            | Figure::NmcMilex
            | Figure::NmcMilper
            | Figure::NmcIrst
            | Figure::NmcPec
            | Figure::NmcTpop
            | Figure::NmcUpop => NMC,
            Figure::SipriMilex | Figure::SipriMilexConst2023 | Figure::SipriMilexPctGdp => SIPRI,
            Figure::WbGdp | Figure::WbPop => WORLD_BANK,
            Figure::ImfGdp | Figure::ImfPop => IMF_WEO,
            Figure::IdealPointFp | Figure::IdealPointAll => UNGA,
        }
    }

    /// Look a figure up by its column name.
    pub fn from_column(s: &str) -> Option<Figure> {
        Figure::ALL.into_iter().find(|f| f.column() == s)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A figure observed for a state: its value, the year it describes and (through `figure`) its
/// source and unit.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Observation {
    /// Which figure.
    pub figure: Figure,
    /// The value, in `figure.unit()`.
    pub value: f64,
    /// The year the value describes.
    pub year: i32,
}

impl Observation {
    /// The observation as a sourced figure named `name`.
    pub fn sourced(&self, name: &'static str) -> SourcedFigure {
        SourcedFigure {
            name,
            value: self.value,
            unit: self.figure.unit(),
            year: self.year,
            source: self.figure.source(),
        }
    }
}

/// One state of the state system and its yearly figures.
#[derive(Debug, Clone)]
pub struct PanelState {
    /// Correlates of War state code.
    pub ccode: u32,
    /// ISO 3166-1 alpha-3 code, where one exists (none for, e.g., Bavaria or the Yemen Arab
    /// Republic; `XKX` for Kosovo; `SRB` for COW 345, Yugoslavia then Serbia).
    pub iso3: Option<String>,
    /// COW state abbreviation.
    pub cow_abb: String,
    /// COW state name.
    pub name: String,
    /// Years of membership of the state system: (first, last), `None` = still a member.
    pub spells: Vec<(i32, Option<i32>)>,
    /// Figures by year, ascending; NaN marks a missing figure (half the memory of `Option`;
    /// never exposed: every accessor returns `Option` or a [`Gap`]).
    years: Vec<(i32, [f64; N_FIGURES])>,
}

fn present(v: f64) -> Option<f64> {
    (!v.is_nan()).then_some(v)
}

impl PanelState {
    /// The id a scenario uses for the state: its ISO3 code, else its COW code.
    pub fn key(&self) -> String {
        self.iso3.clone().unwrap_or_else(|| self.ccode.to_string())
    }

    /// Whether the state is a member of the state system in `year`.
    pub fn member_in(&self, year: i32) -> bool {
        self.spells
            .iter()
            .any(|&(a, b)| a <= year && year <= b.unwrap_or(LAST_YEAR))
    }

    /// The figure for exactly `year`, if the sources have one.
    pub fn in_year(&self, figure: Figure, year: i32) -> Option<f64> {
        let k = self.years.binary_search_by_key(&year, |r| r.0).ok()?;
        present(self.years[k].1[figure.index()])
    }

    /// The latest figure for `year` or before; a [`Gap`] with the reason when there is none
    /// (and the first later year with one, which an as-of scenario must not use silently).
    pub fn latest(&self, figure: Figure, year: i32) -> Result<Observation, Gap> {
        let end = self.years.partition_point(|r| r.0 <= year);
        if let Some((y, v)) = self.years[..end]
            .iter()
            .rev()
            .find_map(|(y, v)| present(v[figure.index()]).map(|v| (*y, v)))
        {
            return Ok(Observation {
                figure,
                value: v,
                year: y,
            });
        }
        let later = self.years[end..]
            .iter()
            .find(|(_, v)| !v[figure.index()].is_nan())
            .map(|(y, _)| *y);
        let membership = if self.member_in(year) {
            String::new()
        } else {
            format!(
                "; it is not a member of the state system in {year} (members {})",
                self.spells_text()
            )
        };
        let later = later
            .map(|y| format!("; the first figure is from {y}, after the year asked for"))
            .unwrap_or_default();
        Err(Gap {
            reason: format!(
                "the panel has no {} ({}) for {} ({}) in or before {year}{membership}{later}",
                figure.column(),
                figure.source().owner,
                self.name,
                self.key(),
            ),
        })
    }

    /// Membership spells as text, e.g. `1816-1940, 1945-`.
    pub fn spells_text(&self) -> String {
        self.spells
            .iter()
            .map(|(a, b)| format!("{a}-{}", b.map(|b| b.to_string()).unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The first of `figures` with the most recent observation at or before `year` (earlier
    /// entries win ties).
    fn freshest(&self, figures: &[Figure], year: i32) -> Option<Observation> {
        figures
            .iter()
            .filter_map(|f| self.latest(*f, year).ok())
            .fold(None, |best: Option<Observation>, o| match best {
                Some(b) if b.year >= o.year => Some(b),
                _ => Some(o),
            })
    }

    /// The state as a world-data actor as of `year`: SIPRI spending and burden, GDP (IMF WEO,
    /// else World Bank: the more recent, IMF on a tie), population (IMF, World Bank, then COW
    /// NMC), CINC and the UNGA ideal point — each the latest figure at or before `year`, each
    /// recorded with its source and year in `figures`. The panel has no trade shares.
    pub fn view(&self, year: i32) -> WorldActor {
        let mut figures = Vec::new();
        let mut take = |name: &'static str, o: Option<Observation>, scale: f64| {
            o.map(|o| {
                let mut f = o.sourced(name);
                f.value = o.value * scale;
                if scale != 1.0 {
                    f.unit = "million people";
                }
                figures.push(f.clone());
                f.value
            })
        };
        let milex = take("milex", self.latest(Figure::SipriMilex, year).ok(), 1.0);
        let burden = take(
            "milex_pct_gdp",
            self.latest(Figure::SipriMilexPctGdp, year).ok(),
            1.0,
        );
        let gdp = take(
            "gdp",
            self.freshest(&[Figure::ImfGdp, Figure::WbGdp], year),
            1.0,
        );
        let pop_obs = self.freshest(&[Figure::ImfPop, Figure::WbPop, Figure::NmcTpop], year);
        let scale = match pop_obs {
            Some(o) if o.figure == Figure::NmcTpop => 1e-3,
            _ => 1.0,
        };
        let population = take("population", pop_obs, scale);
        let cinc = take("cinc", self.latest(Figure::Cinc, year).ok(), 1.0);
        let ideal = take(
            "unga_ideal_point",
            self.latest(Figure::IdealPointFp, year).ok(),
            1.0,
        );
        WorldActor {
            iso3: self.key(),
            name: self.name.clone(),
            cow_ccode: Some(self.ccode),
            milex_2024_usd_m: milex,
            milex_pct_gdp_2024: burden,
            gdp_2024_usd_bn: gdp,
            population_2024_m: population,
            cinc_2022: cinc,
            unga_ideal_point_2024: ideal,
            trade_share_pct: TradeShares::default(),
            organisation: false,
            figures,
        }
    }
}

/// The whole panel.
#[derive(Debug)]
pub struct Panel {
    states: Vec<PanelState>,
    by_ccode: HashMap<u32, usize>,
    by_iso3: HashMap<String, usize>,
}

/// The bundled panel, decompressed and parsed on first use; [`NotLoaded`] when this build has
/// it neither compiled in nor provided ([`history`](super::history)).
pub fn panel() -> Result<&'static Panel, NotLoaded> {
    static PANEL: OnceLock<Panel> = OnceLock::new();
    parse_once(&PANEL, Table::Panel.bytes(), |bin| {
        load(bin).unwrap_or_else(|e| panic!("bundled panel is malformed (a build defect): {e}"))
    })
}

/// Decompress and parse the panel file `bin` afresh (what [`panel`] does once; for
/// benchmarks, with `Table::Panel.bytes()`).
pub fn load(bin: &[u8]) -> Result<Panel, WorldError> {
    unpack(bin).and_then(|(s, y)| Panel::parse(&s, &y))
}

/// Split the embedded file into its two CSV texts.
fn unpack(bin: &[u8]) -> Result<(String, String), WorldError> {
    let mut rest = bin;
    let mut texts = Vec::new();
    for name in ["states.csv", "state_year.csv"] {
        let damaged = |message: String| WorldError::Table {
            table: name,
            message,
        };
        let len = rest
            .get(..8)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| usize::from_str_radix(h, 16).ok())
            .ok_or_else(|| damaged("no length header".into()))?;
        let body = rest
            .get(8..8 + len)
            .ok_or_else(|| damaged("truncated".into()))?;
        let raw = miniz_oxide::inflate::decompress_to_vec_zlib(body)
            .map_err(|e| damaged(format!("{e:?}")))?;
        texts.push(String::from_utf8(raw).map_err(|e| damaged(e.to_string()))?);
        rest = &rest[8 + len..];
    }
    let years = texts.pop().unwrap_or_default();
    let states = texts.pop().unwrap_or_default();
    Ok((states, years))
}

fn parse_spells(s: &str) -> Result<Vec<(i32, Option<i32>)>, String> {
    s.split(';')
        .map(|spell| {
            let (a, b) = spell
                .split_once('-')
                .ok_or(format!("spell `{spell}` has no `-`"))?;
            let a = a.parse().map_err(|_| format!("spell `{spell}`"))?;
            let b = if b.is_empty() {
                None
            } else {
                Some(b.parse().map_err(|_| format!("spell `{spell}`"))?)
            };
            Ok((a, b))
        })
        .collect()
}

impl Panel {
    /// Parse `states.csv` and `state_year.csv`.
    pub fn parse(states_csv: &str, years_csv: &str) -> Result<Panel, WorldError> {
        const STATES: &str = "states.csv";
        const YEARS: &str = "state_year.csv";
        let t = super::csv::parse(states_csv).map_err(WorldError::csv(STATES))?;
        let col = |n: &str| t.column(n).ok_or_else(|| WorldError::missing(STATES, n));
        let (cc, iso, abb, name, spells) = (
            col("ccode")?,
            col("iso3")?,
            col("cow_abb")?,
            col("name")?,
            col("spells")?,
        );
        let mut states = Vec::with_capacity(t.rows.len());
        for (line, r) in &t.rows {
            let ccode = r[cc].parse().map_err(|_| WorldError::Value {
                table: STATES,
                line: *line,
                message: "bad ccode".into(),
            })?;
            states.push(PanelState {
                ccode,
                iso3: Some(r[iso].clone()).filter(|s| !s.is_empty()),
                cow_abb: r[abb].clone(),
                name: r[name].clone(),
                spells: parse_spells(&r[spells]).map_err(|message| WorldError::Value {
                    table: STATES,
                    line: *line,
                    message,
                })?,
                years: Vec::new(),
            });
        }
        let by_ccode: HashMap<u32, usize> = states
            .iter()
            .enumerate()
            .map(|(k, s)| (s.ccode, k))
            .collect();
        let by_iso3 = states
            .iter()
            .enumerate()
            .filter_map(|(k, s)| s.iso3.clone().map(|i| (i, k)))
            .collect();

        let expected: Vec<&str> = ["ccode", "year"]
            .into_iter()
            .chain(Figure::ALL.iter().map(|f| f.column()))
            .collect();
        let wrong_header = |header: &[String]| WorldError::Table {
            table: YEARS,
            message: format!("header is {header:?}, expected {expected:?}"),
        };
        // 17,511 rows: read in place, one reused record, no string per field.
        // The header is checked before the first row is read (rows under a wrong header would
        // fail with less telling errors), and after the table for one without rows.
        let mut header_checked = false;
        let header = super::csv::visit(years_csv, None, |header, line, f| {
            if !header_checked {
                if header != expected.as_slice() {
                    return Err(wrong_header(header));
                }
                header_checked = true;
            }
            let bad = |what: &str| WorldError::Value {
                table: YEARS,
                line,
                message: what.to_string(),
            };
            let ccode: u32 = f[0].parse().map_err(|_| bad("bad ccode"))?;
            let year: i32 = f[1].parse().map_err(|_| bad("bad year"))?;
            let mut values = [f64::NAN; N_FIGURES];
            for (v, s) in values.iter_mut().zip(f.iter().skip(2)) {
                if !s.is_empty() {
                    *v = s
                        .parse::<f64>()
                        .ok()
                        .filter(|x| x.is_finite())
                        .ok_or_else(|| bad(&format!("`{s}` is not a finite number")))?;
                }
            }
            let k = *by_ccode
                .get(&ccode)
                .ok_or_else(|| bad(&format!("unknown ccode {ccode}")))?;
            let ys = &mut states[k].years;
            if ys.last().is_some_and(|(y, _)| *y >= year) {
                return Err(bad("years out of order"));
            }
            ys.push((year, values));
            Ok(())
        })
        .map_err(|e| match e {
            super::csv::Visit::Row(e) => e,
            super::csv::Visit::Csv(super::CsvError::Empty) => WorldError::Table {
                table: YEARS,
                message: "empty".into(),
            },
            super::csv::Visit::Csv(error) => WorldError::Csv {
                table: YEARS,
                error,
            },
        })?;
        if header != expected.as_slice() {
            return Err(wrong_header(&header));
        }
        Ok(Panel {
            states,
            by_ccode,
            by_iso3,
        })
    }

    /// Every state, by COW code.
    pub fn states(&self) -> &[PanelState] {
        &self.states
    }

    /// A state by ISO3 code (upper case) or COW code (digits).
    pub fn state(&self, key: &str) -> Option<&PanelState> {
        let k = match key.parse::<u32>() {
            Ok(cc) => self.by_ccode.get(&cc),
            Err(_) => self.by_iso3.get(key),
        }?;
        Some(&self.states[*k])
    }

    /// The latest `figure` of state `key` at or before `year`, or why there is none.
    pub fn figure(&self, key: &str, figure: Figure, year: i32) -> Result<Observation, Gap> {
        match self.state(key) {
            Some(s) => s.latest(figure, year),
            None => Err(Gap {
                reason: format!(
                    "`{key}` is neither an ISO3 code nor a COW code of the state system"
                ),
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_are_found_by_iso3_and_cow_code() {
        let p = panel().unwrap();
        for (iso, cc) in [
            ("USA", 2),
            ("CHN", 710),
            ("IND", 750),
            ("PAK", 770),
            ("GRC", 350),
            ("TUR", 640),
            ("GBR", 200),
        ] {
            assert_eq!(p.state(iso).unwrap().ccode, cc, "{iso}");
            assert_eq!(p.state(&cc.to_string()).unwrap().iso3.as_deref(), Some(iso));
        }
        assert_eq!(p.state("260").unwrap().iso3, None);
        assert_eq!(p.state("DEU").unwrap().ccode, 255);
        assert!(p.state("ZZZ").is_none() && p.state("999").is_none());
        // Every state of the COW system 2016 list.
        assert_eq!(p.states().len(), 217);
    }

    /// Reference values read from the raw source files (see `data/world/SOURCES.md`).
    #[test]
    fn figures_match_the_source_files() {
        let p = panel().unwrap();
        let at = |k: &str, f: Figure, y: i32| p.state(k).unwrap().in_year(f, y);
        // COW NMC v7: the United Kingdom in 1913, the USA in 1816.
        assert_eq!(at("GBR", Figure::Cinc, 1913), Some(0.11274751));
        assert_eq!(at("GBR", Figure::NmcMilper, 1913), Some(533.0));
        assert_eq!(at("GBR", Figure::NmcIrst, 1913), Some(7787.0));
        assert_eq!(at("2", Figure::Cinc, 1816), Some(0.039697491));
        // SIPRI 2025 release: USA and China 2024, current US$ m; USA share of GDP.
        assert_eq!(at("USA", Figure::SipriMilex, 2024), Some(997_309.0));
        assert_eq!(at("CHN", Figure::SipriMilex, 2024), Some(313_658.3));
        assert_eq!(at("USA", Figure::SipriMilexPctGdp, 2024), Some(3.42));
        // IMF WEO Oct 2025 GDP 2024 (US$ bn); UNGA ideal point 2024 (fp, 4 dp).
        assert_eq!(at("USA", Figure::ImfGdp, 2024), Some(29_298.025));
        assert_eq!(at("CHN", Figure::IdealPointFp, 2024), Some(-0.8535));
        // Nothing before a state exists: Pakistan in 1946.
        assert_eq!(at("PAK", Figure::Cinc, 1946), None);
    }

    #[test]
    fn year_selection_takes_the_latest_at_or_before() {
        let p = panel().unwrap();
        // NMC ends in 2022: asking for 2024 gives the 2022 figure, with its year.
        let o = p.figure("USA", Figure::Cinc, 2024).unwrap();
        assert_eq!((o.year, o.value), (2022, 0.12356574));
        assert_eq!(o.figure.source().id, "nmc");
        // SIPRI for India in 2001 is the 2001 figure, not a later one.
        let o = p.figure("IND", Figure::SipriMilex, 2001).unwrap();
        assert_eq!(o.year, 2001);
        assert!(
            (o.value
                - p.state("750")
                    .unwrap()
                    .in_year(Figure::SipriMilex, 2001)
                    .unwrap())
            .abs()
                < 1e-12
        );
    }

    #[test]
    fn missing_figures_are_gaps_with_reasons() {
        let p = panel().unwrap();
        // Iceland has no armed forces: SIPRI has no figure in any year.
        let gap = p.figure("ISL", Figure::SipriMilex, 2024).unwrap_err();
        assert!(gap.reason.contains("Iceland"), "{}", gap.reason);
        // Ideal points start in 1946: nothing for the UK in 1913.
        let gap = p.figure("GBR", Figure::IdealPointFp, 1913).unwrap_err();
        assert!(gap.reason.contains("1946"), "{}", gap.reason);
        // Ukraine was not a state in 1913.
        let gap = p.figure("UKR", Figure::Cinc, 1913).unwrap_err();
        assert!(gap.reason.contains("not a member"), "{}", gap.reason);
        assert!(p.figure("ZZZ", Figure::Cinc, 2000).is_err());
    }

    #[test]
    fn a_view_names_the_year_and_source_of_each_figure() {
        let v = panel().unwrap().state("PAK").unwrap().view(2001);
        assert_eq!(v.iso3, "PAK");
        assert_eq!(v.cow_ccode, Some(770));
        let cinc = v.figures.iter().find(|f| f.name == "cinc").unwrap();
        assert_eq!((cinc.year, cinc.source.id), (2001, "nmc"));
        let gdp = v.figures.iter().find(|f| f.name == "gdp").unwrap();
        assert_eq!((gdp.year, gdp.source.id), (2001, "wb"));
        // Before 1960 population comes from COW NMC, in millions.
        let uk = panel().unwrap().state("GBR").unwrap().view(1913);
        let pop = uk.figures.iter().find(|f| f.name == "population").unwrap();
        assert_eq!(pop.source.id, "nmc");
        assert!((pop.value - 45.648).abs() < 1e-9);
        assert_eq!(uk.unga_ideal_point_2024, None);
    }
}
