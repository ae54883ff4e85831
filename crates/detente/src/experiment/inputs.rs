//! Scenario inputs addressed by path: the uncertain numbers a Monte Carlo run draws, and the
//! parameters a sweep or sensitivity analysis sets.
//!
//! Paths:
//!
//! | path | value |
//! |---|---|
//! | `actor.ID.capability`, `actor.ID.population` | an actor's capability / population |
//! | `issue.ID.status_quo` | an issue's status quo |
//! | `issue.ID.stance.ACTOR.position` (`.salience`, `.capability`) | a stance |
//! | `tie.A.B.weight` | the first tie between A and B (either order) |
//! | `escalate.noise` (and every numeric `[escalate]` key) | an escalate parameter |
//! | `escalate.influence.FROM.TO.weight`, `escalate.trade.FROM.TO.share` | directed links |
//! | `richardson.rival_reaction` (`.ally_reaction`, `.fatigue`) | Richardson rates |
//! | `actor.BODY.veto_cost`, `issue.ID.stance.ACTOR.veto_cost` | a cost of blocking |
//!
//! Costs of blocking come last, so that adding one does not shift the draws of the others.

use crate::scenario::{Quantity, Resolved, Uncertain};
use rand::Rng;

/// One addressable input and its (possibly uncertain) value.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Input {
    /// Address, e.g. `issue.china-posture.stance.USA.salience`.
    pub path: String,
    /// Current value or distribution.
    pub value: Uncertain,
}

/// Why a path cannot be used.
#[derive(Debug, Clone, PartialEq)]
pub struct PathError(pub String);

impl std::fmt::Display for PathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

const ESCALATE_PARAMS: [&str; 13] = [
    "noise",
    "optimism",
    "execution_noise",
    "spillover",
    "contagion",
    "interdependence",
    "grievance",
    "offence_defence",
    "distinguishability",
    "discount",
    "reconciliation",
    "reconciliation_restraint",
    "leadership_change",
];

/// Every numeric input of the scenario with its path, in file order (actors, issues, ties,
/// escalate, richardson). Uncertain ones are those with `value.is_uncertain()`.
pub fn all_inputs(r: &Resolved) -> Vec<Input> {
    let mut out = Vec::new();
    let mut push = |path: String, value: Uncertain| out.push(Input { path, value });
    for a in &r.actors {
        if let Some(q) = &a.capability {
            push(format!("actor.{}.capability", a.id), q.value);
        }
    }
    for a in &r.scenario.actors {
        if let Some(p) = a.population {
            push(format!("actor.{}.population", a.id), p);
        }
    }
    for i in &r.scenario.issues {
        if let Some(q) = i.status_quo {
            push(format!("issue.{}.status_quo", i.id), q);
        }
        for s in &i.stances {
            push(
                format!("issue.{}.stance.{}.position", i.id, s.actor),
                s.position,
            );
            push(
                format!("issue.{}.stance.{}.salience", i.id, s.actor),
                s.salience,
            );
            if let Some(c) = s.capability {
                push(format!("issue.{}.stance.{}.capability", i.id, s.actor), c);
            }
        }
    }
    for (k, t) in r.scenario.ties.iter().enumerate() {
        push(
            tie_path(&r.scenario.ties[..k], t),
            t.weight.unwrap_or(Uncertain::Fixed(1.0)),
        );
    }
    if let Some(e) = &r.scenario.escalate {
        for name in ESCALATE_PARAMS {
            if let Some(v) = escalate_param(e, name) {
                push(format!("escalate.{name}"), v);
            }
        }
        for i in &e.influences {
            push(
                format!("escalate.influence.{}.{}.weight", i.from, i.to),
                i.weight,
            );
        }
        for t in &e.trade {
            push(format!("escalate.trade.{}.{}.share", t.from, t.to), t.share);
        }
    }
    if let Some(rs) = &r.scenario.richardson {
        for (name, v) in [
            ("rival_reaction", rs.rival_reaction),
            ("ally_reaction", rs.ally_reaction),
            ("fatigue", rs.fatigue),
        ] {
            if let Some(v) = v {
                push(format!("richardson.{name}"), v);
            }
        }
    }
    for a in &r.scenario.actors {
        if let Some(c) = a.veto_cost {
            push(format!("actor.{}.veto_cost", a.id), c);
        }
    }
    for i in &r.scenario.issues {
        for s in &i.stances {
            if let Some(c) = s.veto_cost {
                push(format!("issue.{}.stance.{}.veto_cost", i.id, s.actor), c);
            }
        }
    }
    out
}

/// Whether tie `t` joins actors `a` and `b` (either order).
pub(crate) fn joins(t: &crate::scenario::Tie, a: &str, b: &str) -> bool {
    (t.actors[0] == a && t.actors[1] == b) || (t.actors[0] == b && t.actors[1] == a)
}

/// The path of tie `t`, given the ties before it: `tie.A.B.weight` for the first tie between
/// A and B, `tie.A.B.N.weight` for the N-th (N ≥ 2, file order), so that every tie of a pair
/// (the flagship has an alliance and two partnerships between the USA and Australia) has a path
/// of its own.
fn tie_path(before: &[crate::scenario::Tie], t: &crate::scenario::Tie) -> String {
    let [a, b] = &t.actors;
    match before.iter().filter(|u| joins(u, a, b)).count() {
        0 => format!("tie.{a}.{b}.weight"),
        earlier => format!("tie.{a}.{b}.{}.weight", earlier + 1),
    }
}

/// The N of a `tie.A.B.N.weight` path: an integer of at least 2 (the first tie is
/// `tie.A.B.weight`).
pub(crate) fn ordinal(n: &str) -> Option<usize> {
    n.parse::<usize>().ok().filter(|&n| n >= 2)
}

/// Only the inputs that carry uncertainty (what a Monte Carlo run draws).
pub fn uncertain_inputs(r: &Resolved) -> Vec<Input> {
    all_inputs(r)
        .into_iter()
        .filter(|i| i.value.is_uncertain())
        .collect()
}

fn escalate_param(e: &crate::scenario::EscalateSection, name: &str) -> Option<Uncertain> {
    match name {
        "noise" => e.noise,
        "optimism" => e.optimism,
        "execution_noise" => e.execution_noise,
        "spillover" => e.spillover,
        "contagion" => e.contagion,
        "interdependence" => e.interdependence,
        "grievance" => e.grievance,
        "offence_defence" => e.offence_defence,
        "distinguishability" => e.distinguishability,
        "discount" => e.discount,
        "reconciliation" => e.reconciliation,
        "reconciliation_restraint" => e.reconciliation_restraint,
        "leadership_change" => e.leadership_change,
        _ => None,
    }
}

fn escalate_slot<'a>(
    e: &'a mut crate::scenario::EscalateSection,
    name: &str,
) -> Option<&'a mut Option<Uncertain>> {
    Some(match name {
        "noise" => &mut e.noise,
        "optimism" => &mut e.optimism,
        "execution_noise" => &mut e.execution_noise,
        "spillover" => &mut e.spillover,
        "contagion" => &mut e.contagion,
        "interdependence" => &mut e.interdependence,
        "grievance" => &mut e.grievance,
        "offence_defence" => &mut e.offence_defence,
        "distinguishability" => &mut e.distinguishability,
        "discount" => &mut e.discount,
        "reconciliation" => &mut e.reconciliation,
        "reconciliation_restraint" => &mut e.reconciliation_restraint,
        "leadership_change" => &mut e.leadership_change,
        _ => return None,
    })
}

/// Set the input at `path` to `value` (a fixed number, or a distribution).
pub fn set(r: &mut Resolved, path: &str, value: Uncertain) -> Result<(), PathError> {
    let parts: Vec<&str> = path.split('.').collect();
    let unknown = || {
        PathError(format!(
            "`{path}` does not address an input of this scenario"
        ))
    };
    match parts.as_slice() {
        ["actor", id, "capability"] => {
            let a = r
                .actors
                .iter_mut()
                .find(|a| a.id == *id)
                .ok_or_else(unknown)?;
            let (unit, provenance) = match &a.capability {
                Some(q) => (q.unit.clone(), q.provenance.clone()),
                None => (
                    "declared".into(),
                    crate::scenario::Provenance::Scenario {
                        key: format!("experiment {path}"),
                    },
                ),
            };
            a.capability = Some(Quantity {
                value,
                unit,
                provenance,
            });
            Ok(())
        }
        ["actor", id, "population"] => {
            let a = r
                .scenario
                .actors
                .iter_mut()
                .find(|a| a.id == *id)
                .ok_or_else(unknown)?;
            a.population = Some(value);
            Ok(())
        }
        ["actor", id, "veto_cost"] => {
            let a = r
                .scenario
                .actors
                .iter_mut()
                .find(|a| a.id == *id && a.kind == crate::scenario::ActorKind::Body)
                .ok_or_else(unknown)?;
            a.veto_cost = Some(value);
            Ok(())
        }
        ["issue", id, "status_quo"] => {
            let i = r
                .scenario
                .issues
                .iter_mut()
                .find(|i| i.id == *id)
                .ok_or_else(unknown)?;
            i.status_quo = Some(value);
            Ok(())
        }
        ["issue", id, "stance", actor, field] => {
            let i = r
                .scenario
                .issues
                .iter_mut()
                .find(|i| i.id == *id)
                .ok_or_else(unknown)?;
            let s = i
                .stances
                .iter_mut()
                .find(|s| s.actor == *actor)
                .ok_or_else(unknown)?;
            match *field {
                "position" => s.position = value,
                "salience" => s.salience = value,
                "capability" => s.capability = Some(value),
                "veto_cost" => s.veto_cost = Some(value),
                _ => return Err(unknown()),
            }
            Ok(())
        }
        ["tie", a, b, "weight"] => {
            let t = r
                .scenario
                .ties
                .iter_mut()
                .find(|t| joins(t, a, b))
                .ok_or_else(unknown)?;
            t.weight = Some(value);
            Ok(())
        }
        ["tie", a, b, n, "weight"] => {
            let n = ordinal(n).ok_or_else(unknown)?;
            let t = r
                .scenario
                .ties
                .iter_mut()
                .filter(|t| joins(t, a, b))
                .nth(n - 1)
                .ok_or_else(unknown)?;
            t.weight = Some(value);
            Ok(())
        }
        ["escalate", "influence", from, to, "weight"] => {
            let e = r.scenario.escalate.as_mut().ok_or_else(unknown)?;
            let i = e
                .influences
                .iter_mut()
                .find(|i| i.from == *from && i.to == *to)
                .ok_or_else(unknown)?;
            i.weight = value;
            Ok(())
        }
        ["escalate", "trade", from, to, "share"] => {
            let e = r.scenario.escalate.as_mut().ok_or_else(unknown)?;
            let t = e
                .trade
                .iter_mut()
                .find(|t| t.from == *from && t.to == *to)
                .ok_or_else(unknown)?;
            t.share = value;
            Ok(())
        }
        ["escalate", name] => {
            let e = r.scenario.escalate.as_mut().ok_or_else(unknown)?;
            *escalate_slot(e, name).ok_or_else(unknown)? = Some(value);
            Ok(())
        }
        ["richardson", name] => {
            let rs = r.scenario.richardson.get_or_insert_with(Default::default);
            match *name {
                "rival_reaction" => rs.rival_reaction = Some(value),
                "ally_reaction" => rs.ally_reaction = Some(value),
                "fatigue" => rs.fatigue = Some(value),
                _ => return Err(unknown()),
            }
            Ok(())
        }
        _ => Err(unknown()),
    }
}

/// Draw every uncertain input once (in the order of `inputs`), fixing the drawn values in a copy
/// of the scenario. One uniform per uncertain input, so the draws of run `k` do not depend on
/// which lenses run.
pub fn realise<R: Rng + ?Sized>(r: &Resolved, inputs: &[Input], rng: &mut R) -> Resolved {
    let mut out = r.clone();
    for input in inputs {
        let v = input.value.draw(rng);
        // Paths come from `all_inputs` of the same scenario, so they always resolve.
        let _ = set(&mut out, &input.path, Uncertain::Fixed(v));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{FLAGSHIP, load_str};

    #[test]
    fn two_ties_of_one_pair_each_have_a_path() {
        let mut r = load_str(FLAGSHIP, "f.toml").unwrap();
        let paths: Vec<String> = all_inputs(&r).into_iter().map(|i| i.path).collect();
        let usa_aus: Vec<&String> = paths
            .iter()
            .filter(|p| p.starts_with("tie.USA.AUS."))
            .collect();
        assert_eq!(
            usa_aus,
            [
                "tie.USA.AUS.weight",
                "tie.USA.AUS.2.weight",
                "tie.USA.AUS.3.weight"
            ],
            "ANZUS, then two partnerships"
        );
        let mut seen = std::collections::HashSet::new();
        assert!(paths.iter().all(|p| seen.insert(p)), "every path is unique");
        let weights = |r: &Resolved| -> Vec<Option<Uncertain>> {
            r.scenario
                .ties
                .iter()
                .filter(|t| joins(t, "USA", "AUS"))
                .map(|t| t.weight)
                .collect()
        };
        let before = weights(&r);
        set(&mut r, "tie.AUS.USA.2.weight", Uncertain::Fixed(0.25)).unwrap();
        let after = weights(&r);
        assert_eq!(
            after,
            [before[0], Some(Uncertain::Fixed(0.25)), before[2]],
            "only the second tie changed"
        );
        for bad in [
            "tie.USA.AUS.4.weight",
            "tie.USA.AUS.1.weight",
            "tie.USA.AUS.x.weight",
        ] {
            assert!(set(&mut r, bad, Uncertain::Fixed(0.5)).is_err(), "{bad}");
        }
    }

    #[test]
    fn flagship_inputs_resolve_and_round_trip() {
        let mut r = load_str(FLAGSHIP, "f.toml").unwrap();
        let inputs = all_inputs(&r);
        assert!(
            inputs
                .iter()
                .any(|i| i.path == "issue.china-posture.stance.USA.salience")
        );
        assert!(uncertain_inputs(&r).len() > 20);
        for i in &inputs {
            set(&mut r, &i.path, i.value).unwrap_or_else(|e| panic!("{e}"));
        }
        set(&mut r, "escalate.noise", Uncertain::Fixed(0.2)).unwrap();
        assert_eq!(
            r.scenario.escalate.as_ref().unwrap().noise,
            Some(Uncertain::Fixed(0.2))
        );
        assert!(set(&mut r, "issue.nope.status_quo", Uncertain::Fixed(1.0)).is_err());
        assert!(set(&mut r, "escalate.bogus", Uncertain::Fixed(1.0)).is_err());
    }

    #[test]
    fn realised_scenarios_have_no_uncertainty_and_stay_in_range() {
        let r = load_str(FLAGSHIP, "f.toml").unwrap();
        let inputs = uncertain_inputs(&r);
        let mut rng = crate::rng::run_stream(1, 0);
        let drawn = realise(&r, &inputs, &mut rng);
        assert!(uncertain_inputs(&drawn).is_empty());
        for (before, after) in inputs.iter().zip(
            all_inputs(&drawn)
                .iter()
                .filter(|i| inputs.iter().any(|x| x.path == i.path)),
        ) {
            assert!(
                after.value.point() >= before.value.low()
                    && after.value.point() <= before.value.high()
            );
        }
    }
}
