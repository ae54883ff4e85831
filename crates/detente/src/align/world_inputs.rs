//! Reads the bundled world data (`world::bundled()`: the 41-actor table and the dated
//! memberships) into the builder's plain inputs. The one copy of the world data is parsed in
//! `crate::world`; this file only selects and reshapes it.

use super::error::AlignResultOf;
use super::propensity::{
    ActorAttributes, AllianceLink, IDEAL_POINT_SCALE, PropensityInputs, SHARED_ORGS, SizeMeasure,
    TRADE_HUBS, TermWeights, Tie, TieKind,
};
use crate::world;
use std::collections::BTreeMap;

/// Treaties of mutual defence (strength 1, every pair of parties), from the memberships file.
pub const MUTUAL_DEFENCE: [&str; 5] = [
    "NATO",
    "ANZUS",
    "US_Japan_security_treaty",
    "US_ROK_mutual_defense_treaty",
    "CSTO",
];

/// The states of the bundled world data (rows that are organisations, such as the EU, are
/// excluded: `actors = "states"`), with sizes, ideal points, memberships and trade shares.
/// An organisation of [`SHARED_ORGS`] counts when the memberships table lists the state for
/// it at all (whatever the date): this is the table's 2025 view.
pub fn world_states() -> AlignResultOf<Vec<ActorAttributes>> {
    let w = world::bundled();
    Ok(w.actors()
        .iter()
        .filter(|a| !a.organisation)
        .map(|a| ActorAttributes {
            id: a.iso3.clone(),
            name: a.name.clone(),
            capability: None,
            cinc: a.cinc_2022,
            milex: a.milex_2024_usd_m,
            gdp: a.gdp_2024_usd_bn,
            population: a.population_2024_m,
            ideal_point: a.unga_ideal_point_2024,
            organisations: SHARED_ORGS
                .iter()
                .filter(|org| {
                    w.memberships()
                        .iter()
                        .any(|m| m.organisation == **org && m.iso3 == a.iso3)
                })
                .map(|o| o.to_string())
                .collect(),
            trade_share: TRADE_HUBS
                .iter()
                .filter_map(|h| {
                    a.trade_share_pct
                        .with(h)
                        .map(|v| (h.to_string(), v / 100.0))
                })
                .collect(),
            cow_ccode: a.cow_ccode,
        })
        .collect())
}

/// Defence commitments in force at `as_of` (ISO date; a blank `joined` counts as in force):
/// every pair of parties to a mutual-defence treaty at strength 1, except US–NZL under ANZUS
/// (US obligations suspended since 1986) at 0.5; NATO member × NATO IP4 partner at 0.5.
pub fn world_alliances(as_of: &str) -> AlignResultOf<Vec<AllianceLink>> {
    let mut members: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for m in world::bundled().memberships() {
        let j = m.joined.trim();
        if j.is_empty() || j <= as_of {
            members
                .entry(m.organisation.as_str())
                .or_default()
                .push(m.iso3.as_str());
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

/// The flagship sanity set-up: the 40 states of the world data, CINC sizes, default
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
        history_year: Some(2025),
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
