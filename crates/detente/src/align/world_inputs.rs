//! Reads the bundled world data (`data/world/actors_2024.csv`, `memberships_2025.csv`) into the
//! builder's plain inputs (align.md §3). Kept in this one file so that it can be replaced by the
//! shared `detente::world` module without touching the builder.

use super::error::{AlignError, AlignResultOf};
use super::propensity::{
    ActorAttributes, AllianceLink, IDEAL_POINT_SCALE, PropensityInputs, SHARED_ORGS, SizeMeasure,
    TRADE_HUBS, TermWeights, Tie, TieKind,
};
use std::collections::BTreeMap;

const ACTORS_CSV: &str = include_str!("../../../../data/world/actors_2024.csv");
const MEMBERSHIPS_CSV: &str = include_str!("../../../../data/world/memberships_2025.csv");

/// Treaties of mutual defence (strength 1, every pair of parties), from the memberships file.
pub const MUTUAL_DEFENCE: [&str; 5] = [
    "NATO",
    "ANZUS",
    "US_Japan_security_treaty",
    "US_ROK_mutual_defense_treaty",
    "CSTO",
];

/// A parsed CSV: header names and rows of fields.
struct Table<'a> {
    header: Vec<&'a str>,
    rows: Vec<Vec<&'a str>>,
}

impl<'a> Table<'a> {
    fn parse(text: &'a str, name: &str) -> AlignResultOf<Self> {
        let mut lines = text.lines().filter(|l| !l.trim().is_empty());
        let header: Vec<&str> = lines
            .next()
            .ok_or_else(|| AlignError::Input(format!("{name}: empty file")))?
            .split(',')
            .collect();
        let mut rows = Vec::new();
        for (k, line) in lines.enumerate() {
            let row: Vec<&str> = line.split(',').collect();
            if row.len() != header.len() {
                return Err(AlignError::Input(format!(
                    "{name}: line {} has {} fields, the header {}",
                    k + 2,
                    row.len(),
                    header.len()
                )));
            }
            rows.push(row);
        }
        Ok(Table { header, rows })
    }

    fn column(&self, name: &str) -> AlignResultOf<usize> {
        self.header
            .iter()
            .position(|h| *h == name)
            .ok_or_else(|| AlignError::Input(format!("world data: no column '{name}'")))
    }
}

fn number(field: &str) -> Option<f64> {
    let t = field.trim();
    if t.is_empty() {
        None
    } else {
        t.parse::<f64>().ok().filter(|x| x.is_finite())
    }
}

/// The states of the bundled world data (rows that are organisations, such as the EU, are
/// excluded, §3 `actors = "states"`), with sizes, ideal points, memberships and trade shares.
pub fn world_states() -> AlignResultOf<Vec<ActorAttributes>> {
    let t = Table::parse(ACTORS_CSV, "actors_2024.csv")?;
    let c = |n: &str| t.column(n);
    let (id, name) = (c("actor")?, c("name")?);
    let (cinc, milex, gdp, pop) = (
        c("cinc_2022_nmc_v7")?,
        c("milex_2024_usd_m_sipri")?,
        c("gdp_2024_usd_bn_imf_weo_oct2025")?,
        c("pop_2024_m_imf_weo_oct2025")?,
    );
    let ideal = c("unga_idealpoint_fp_2024")?;
    let org_cols: Vec<(&str, usize)> = SHARED_ORGS
        .iter()
        .map(|o| Ok((*o, c(&format!("member_{o}"))?)))
        .collect::<AlignResultOf<_>>()?;
    let trade_cols: Vec<(&str, usize)> = TRADE_HUBS
        .iter()
        .map(|h| Ok((*h, c(&format!("trade_share_{h}_2020_pct_imf_dots"))?)))
        .collect::<AlignResultOf<_>>()?;
    let mut out = Vec::new();
    for row in &t.rows {
        if row[name].contains("(organisation)") {
            continue;
        }
        out.push(ActorAttributes {
            id: row[id].to_string(),
            name: row[name].to_string(),
            capability: None,
            cinc: number(row[cinc]),
            milex: number(row[milex]),
            gdp: number(row[gdp]),
            population: number(row[pop]),
            ideal_point: number(row[ideal]),
            organisations: org_cols
                .iter()
                .filter(|(_, k)| !row[*k].trim().is_empty())
                .map(|(o, _)| o.to_string())
                .collect(),
            trade_share: trade_cols
                .iter()
                .filter_map(|(h, k)| number(row[*k]).map(|v| (h.to_string(), v / 100.0)))
                .collect(),
        });
    }
    Ok(out)
}

/// Defence commitments in force at `as_of` (ISO date; a blank `joined` counts as in force):
/// every pair of parties to a mutual-defence treaty at strength 1, except US–NZL under ANZUS
/// (US obligations suspended since 1986) at 0.5; NATO member × NATO IP4 partner at 0.5.
pub fn world_alliances(as_of: &str) -> AlignResultOf<Vec<AllianceLink>> {
    let t = Table::parse(MEMBERSHIPS_CSV, "memberships_2025.csv")?;
    let (org, iso, joined) = (
        t.column("organisation")?,
        t.column("iso3")?,
        t.column("joined")?,
    );
    let mut members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for row in &t.rows {
        let j = row[joined].trim();
        if j.is_empty() || j <= as_of {
            members.entry(row[org]).or_default().push(row[iso]);
        }
    }
    let mut links = Vec::new();
    for treaty in MUTUAL_DEFENCE {
        let parties = members.get(treaty).cloned().unwrap_or_default();
        for (x, a) in parties.iter().enumerate() {
            for b in &parties[x + 1..] {
                let weak =
                    treaty == "ANZUS" && [*a, *b].contains(&"USA") && [*a, *b].contains(&"NZL");
                links.push(AllianceLink {
                    a: a.to_string(),
                    b: b.to_string(),
                    strength: if weak { 0.5 } else { 1.0 },
                    source: if weak {
                        "ANZUS (US obligations to NZ suspended since 1986)".into()
                    } else {
                        treaty.into()
                    },
                });
            }
        }
    }
    let nato = members.get("NATO").cloned().unwrap_or_default();
    for partner in members.get("NATO_IP4_partner").cloned().unwrap_or_default() {
        for m in &nato {
            links.push(AllianceLink {
                a: m.to_string(),
                b: partner.to_string(),
                strength: 0.5,
                source: "NATO member–IP4 partner".into(),
            });
        }
    }
    Ok(links)
}

/// The flagship sanity set-up (align.md §3): the 40 states of the world data, CINC sizes, default
/// weights, ties USA–CHN rivalry 0.8, CHN–RUS partnership 0.8, RUS–UKR rivalry 1.0.
pub fn flagship_inputs() -> AlignResultOf<PropensityInputs> {
    let tie = |kind, a: &str, b: &str, weight| Tie {
        kind,
        a: a.into(),
        b: b.into(),
        weight,
    };
    Ok(PropensityInputs {
        actors: world_states()?,
        alliances: world_alliances("2025-12-31")?,
        ties: vec![
            tie(TieKind::Rivalry, "USA", "CHN", 0.8),
            tie(TieKind::Partnership, "CHN", "RUS", 0.8),
            tie(TieKind::Rivalry, "RUS", "UKR", 1.0),
        ],
        weights: TermWeights::default(),
        size: SizeMeasure::Cinc,
        ideal_point_scale: IDEAL_POINT_SCALE,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_forty_states_without_the_eu() {
        let s = world_states().unwrap();
        assert_eq!(s.len(), 40);
        assert!(s.iter().all(|a| a.id != "EU"));
        let usa = s.iter().find(|a| a.id == "USA").unwrap();
        assert_eq!(usa.organisations, vec!["Quad", "AUKUS"]);
        assert!((usa.trade_share["CHN"] - 0.1486).abs() < 1e-12);
        assert!(s.iter().find(|a| a.id == "ISL").unwrap().milex.is_none());
    }

    #[test]
    fn alliances_follow_the_treaties_and_dates() {
        let l = world_alliances("2025-12-31").unwrap();
        let strength = |a: &str, b: &str| {
            l.iter()
                .filter(|x| (x.a == a && x.b == b) || (x.a == b && x.b == a))
                .map(|x| x.strength)
                .fold(0.0, f64::max)
        };
        assert_eq!(strength("USA", "DEU"), 1.0);
        assert_eq!(strength("USA", "JPN"), 1.0);
        assert_eq!(strength("AUS", "NZL"), 1.0);
        assert_eq!(strength("USA", "NZL"), 0.5);
        assert_eq!(strength("FRA", "KOR"), 0.5);
        assert_eq!(strength("RUS", "BLR"), 1.0);
        assert_eq!(strength("USA", "CHN"), 0.0);
        let before = world_alliances("2023-01-01").unwrap();
        assert!(!before.iter().any(|x| x.a == "SWE" || x.b == "SWE"));
    }
}
