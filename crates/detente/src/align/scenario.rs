//! From a resolved scenario to the align lens's inputs.
//!
//! `[align] actors = "states"` selects the state actors that have a row in the world data
//! (bodies and hand-declared states are left out; list them explicitly to include them),
//! `"all"` every actor that is not a body, or an explicit list — in scenario order, which breaks
//! ties. Attributes come from the world data (CINC, SIPRI, IMF, UNGA ideal points, memberships in
//! force at `as_of`, trade shares); the actor's explicit capability is used when
//! `size = "capability"`; scenario ties feed the `ties` term; defence treaties in force at
//! `as_of` feed `shared_alliance` and `alliance_similarity`; the `as_of` year and the
//! actors' COW codes feed the conflict-history terms.

use super::error::{AlignError, AlignInputError};
use super::history_alliances::{alliance_year, history_alliances};
use super::propensity::{
    ActorAttributes, BuiltPropensities, IDEAL_POINT_SCALE, PropensityInputs, SHARED_ORGS,
    SizeMeasure, TRADE_HUBS, Tie, TieKind, build_propensities,
};
use super::run::{AlignInput, AlignOptions};
use super::world_inputs::world_alliances;
use crate::scenario::{ActorKind, ActorSelection, Resolved, ResolvedActor, TieKind as ScenarioTie};
use crate::world;

/// Default date for memberships when the scenario gives no `as_of`.
const DEFAULT_AS_OF: &str = "2025-12-31";

/// The propensity builder's inputs for the scenario's `[align]` section (defaults when absent).
pub fn propensity_inputs(r: &Resolved) -> Result<PropensityInputs, AlignInputError> {
    let section = r
        .scenario
        .align
        .clone()
        .unwrap_or_else(|| crate::scenario::AlignSection {
            actors: ActorSelection::Named("states".into()),
            coalitions: 2,
            size: "cinc".into(),
            propensity: Default::default(),
            neutral: false,
            restarts: None,
            alliances: "memberships".into(),
            known_outcome: None,
            reference: None,
        });
    let as_of = r
        .scenario
        .scenario
        .as_of
        .clone()
        .unwrap_or_else(|| DEFAULT_AS_OF.into());
    let size: SizeMeasure = section.size.parse().map_err(AlignInputError::Size)?;
    let selected: Vec<&ResolvedActor> = match &section.actors {
        ActorSelection::Named(n) if n == "states" => r
            .actors
            .iter()
            .filter(|a| {
                a.kind == ActorKind::State && a.world.as_ref().is_some_and(|w| !w.organisation)
            })
            .collect(),
        ActorSelection::Named(_) => r
            .actors
            .iter()
            .filter(|a| a.kind != ActorKind::Body)
            .collect(),
        ActorSelection::List(ids) => ids.iter().filter_map(|id| r.actor(id)).collect(),
    };
    if selected.len() < 2 {
        return Err(AlignInputError::TooFewActors {
            selected: selected.len(),
        });
    }
    let actors = selected
        .iter()
        .map(|a| attributes(a, size, &as_of))
        .collect();
    let ids: Vec<&str> = selected.iter().map(|a| a.id.as_str()).collect();
    let ties = r
        .scenario
        .ties
        .iter()
        .filter(|t| ids.contains(&t.actors[0].as_str()) && ids.contains(&t.actors[1].as_str()))
        .map(|t| Tie {
            kind: match t.kind {
                ScenarioTie::Alliance => TieKind::Alliance,
                ScenarioTie::Partnership => TieKind::Partnership,
                ScenarioTie::Rivalry => TieKind::Rivalry,
                ScenarioTie::Propensity => TieKind::Propensity,
            },
            a: t.actors[0].clone(),
            b: t.actors[1].clone(),
            weight: t.weight.map_or(1.0, |w| w.point()),
        })
        .collect();
    let alliances = if section.alliances == "history" {
        let year = as_of_year(&as_of)?;
        if alliance_year(year).is_none() {
            return Err(AlignInputError::HistoryOutOfRange { as_of });
        }
        let by_ccode = selected
            .iter()
            .filter_map(|a| {
                a.world
                    .as_ref()
                    .and_then(|w| w.cow_ccode)
                    .map(|c| (c, a.id.clone()))
            })
            .collect();
        history_alliances(&by_ccode, year).map_err(AlignError::from)?
    } else {
        world_alliances(&as_of)?
            .into_iter()
            .filter(|l| ids.contains(&l.a.as_str()) && ids.contains(&l.b.as_str()))
            .collect()
    };
    Ok(PropensityInputs {
        actors,
        alliances,
        ties,
        weights: section.propensity,
        size,
        ideal_point_scale: IDEAL_POINT_SCALE,
        history_year: Some(as_of_year(&as_of)?),
    })
}

/// The year of an `as_of` date (`YYYY-MM-DD`).
fn as_of_year(as_of: &str) -> Result<i32, AlignInputError> {
    as_of
        .get(..4)
        .and_then(|y| y.parse().ok())
        .ok_or_else(|| AlignInputError::AsOf {
            as_of: as_of.to_string(),
        })
}

fn attributes(a: &ResolvedActor, size: SizeMeasure, as_of: &str) -> ActorAttributes {
    let explicit = match (&a.capability, size) {
        (Some(q), SizeMeasure::Capability) => Some(q.value.point()),
        _ => None,
    };
    let Some(w) = &a.world else {
        return ActorAttributes {
            id: a.id.clone(),
            name: a.name.clone(),
            capability: explicit,
            ..Default::default()
        };
    };
    let bundled = world::bundled();
    ActorAttributes {
        id: a.id.clone(),
        name: a.name.clone(),
        capability: explicit,
        cinc: w.cinc_2022,
        milex: w.milex_2024_usd_m,
        gdp: w.gdp_2024_usd_bn,
        population: w.population_2024_m,
        ideal_point: w.unga_ideal_point_2024,
        organisations: SHARED_ORGS
            .iter()
            .filter(|org| {
                bundled
                    .members_of(org, Some(as_of))
                    .iter()
                    .any(|m| m.iso3 == a.id)
            })
            .map(|o| o.to_string())
            .collect(),
        trade_share: TRADE_HUBS
            .iter()
            .filter_map(|h| {
                w.trade_share_pct
                    .with(h)
                    .map(|v| (h.to_string(), v / 100.0))
            })
            .collect(),
        cow_ccode: w.cow_ccode,
    }
}

/// Build the landscape and the align input for the scenario (seed from `[experiment]`).
pub fn input(r: &Resolved) -> Result<(AlignInput, BuiltPropensities), AlignInputError> {
    let inputs = propensity_inputs(r)?;
    let built = build_propensities(&inputs)?;
    let section = r.scenario.align.as_ref();
    let d = AlignOptions::default();
    let options = AlignOptions {
        coalitions: section.map_or(2, |s| s.coalitions as usize),
        seed: r.seed(),
        neutral: section.is_some_and(|s| s.neutral),
        restarts: section.and_then(|s| s.restarts).unwrap_or(d.restarts),
        ..d
    };
    let provenance = vec![
        format!("scenario `{}` ([align]; ties; as_of {})", r.scenario.scenario.id, r.scenario.scenario.as_of.as_deref().unwrap_or("—")),
        "bundled world data: data/world/actors_2024.csv, memberships_2025.csv (see data/world/SOURCES.md)".into(),
    ];
    let mut notes = built.diagnostics.clone();
    if section.is_some_and(|s| s.alliances == "history") {
        let year = r
            .scenario
            .scenario
            .as_of
            .as_deref()
            .and_then(|d| as_of_year(d).ok())
            .and_then(alliance_year);
        if let Some(y) = year {
            notes.push(format!(
                "shared_alliance: alliances in force in {y} ({}; data/history/alliances.csv)",
                if y > 2012 {
                    "ATOP 5.1"
                } else {
                    "COW Formal Alliances v4.1"
                }
            ));
        }
    }
    let input = AlignInput {
        landscape: built.landscape.clone(),
        options,
        provenance,
        notes,
    };
    Ok((input, built))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::align;
    use crate::scenario::{FLAGSHIP, load_str};

    /// The sanity check on the flagship's own `[align]` section: CHN and RUS opposite the
    /// USA; every NATO member, UKR, JPN, KOR, AUS and NZL with the USA; no EU member with CHN.
    #[test]
    fn flagship_blocs_are_sane() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let (mut input, _) = input(&r).unwrap();
        input.options.restarts = 3_000;
        let result = align(&input).unwrap();
        let best = &result.configurations[0];
        let side_of = |id: &str| {
            best.coalitions
                .iter()
                .position(|c| c.members.iter().any(|m| m == id))
                .unwrap()
        };
        assert_eq!(side_of("CHN"), side_of("RUS"));
        assert_ne!(side_of("CHN"), side_of("USA"));
        let nato = r.leaf_members("NATO");
        for a in nato
            .iter()
            .map(|a| a.id.as_str())
            .chain(["UKR", "JPN", "KOR", "AUS", "NZL", "GBR", "FRA", "DEU"])
        {
            assert_eq!(side_of(a), side_of("USA"), "{a} is not with the USA");
        }
        for m in r.leaf_members("EU") {
            if m.world.is_some() {
                assert_ne!(
                    side_of(&m.id),
                    side_of("CHN"),
                    "EU member {} with China",
                    m.id
                );
            }
        }
    }
}
