//! Scenario inputs addressed by path ([`InputPath`]): the uncertain numbers a Monte Carlo run
//! draws, and the parameters a sweep or sensitivity analysis sets.
//!
//! Costs of blocking come last, so that adding one does not shift the draws of the others.

use super::input_path::{ActorField, RichardsonParam, StanceField};
pub use super::input_path::{InputPath, PathError};
use crate::scenario::{EscalateParam, Quantity, Resolved, Uncertain};
use rand::Rng;

/// One addressable input and its (possibly uncertain) value.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Input {
    /// Address, e.g. `issue.china-posture.stance.USA.salience`.
    pub path: String,
    /// Current value or distribution.
    pub value: Uncertain,
    /// The typed address `path` prints. Draws set inputs through it, so an input whose ids
    /// hold a `.` (which the text form cannot be parsed back from) is drawn like any other.
    #[serde(skip)]
    pub address: InputPath,
}

/// Every numeric input of the scenario with its path, in file order (actors, issues, ties,
/// escalate, richardson). Uncertain ones are those with `value.is_uncertain()`.
pub fn all_inputs(r: &Resolved) -> Vec<Input> {
    input_paths(r)
        .into_iter()
        .map(|(address, value)| Input {
            path: address.to_string(),
            value,
            address,
        })
        .collect()
}

/// [`all_inputs`] with typed paths.
pub fn input_paths(r: &Resolved) -> Vec<(InputPath, Uncertain)> {
    let mut out = Vec::new();
    let mut push = |path: InputPath, value: Uncertain| out.push((path, value));
    let actor = |id: &str, field| InputPath::Actor {
        actor: id.to_string(),
        field,
    };
    let stance = |issue: &str, actor: &str, field| InputPath::Stance {
        issue: issue.to_string(),
        actor: actor.to_string(),
        field,
    };
    for a in &r.actors {
        if let Some(q) = &a.capability {
            push(actor(&a.id, ActorField::Capability), q.value);
        }
    }
    for a in &r.scenario.actors {
        if let Some(p) = a.population {
            push(actor(&a.id, ActorField::Population), p);
        }
    }
    for i in &r.scenario.issues {
        if let Some(q) = i.status_quo {
            push(
                InputPath::StatusQuo {
                    issue: i.id.clone(),
                },
                q,
            );
        }
        for s in &i.stances {
            push(stance(&i.id, &s.actor, StanceField::Position), s.position);
            push(stance(&i.id, &s.actor, StanceField::Salience), s.salience);
            if let Some(c) = s.capability {
                push(stance(&i.id, &s.actor, StanceField::Capability), c);
            }
        }
    }
    for (k, t) in r.scenario.ties.iter().enumerate() {
        push(
            InputPath::of_tie(&r.scenario.ties, k),
            t.weight.unwrap_or(Uncertain::Fixed(1.0)),
        );
    }
    if let Some(e) = &r.scenario.escalate {
        for &p in EscalateParam::ALL {
            if let Some(v) = p.get(e) {
                push(InputPath::Escalate(p), v);
            }
        }
        for i in &e.influences {
            push(
                InputPath::Influence {
                    from: i.from.clone(),
                    to: i.to.clone(),
                },
                i.weight,
            );
        }
        for t in &e.trade {
            push(
                InputPath::Trade {
                    from: t.from.clone(),
                    to: t.to.clone(),
                },
                t.share,
            );
        }
    }
    if let Some(rs) = &r.scenario.richardson {
        for &p in RichardsonParam::ALL {
            if let Some(v) = *richardson_slot_ref(rs, p) {
                push(InputPath::Richardson(p), v);
            }
        }
    }
    for a in &r.scenario.actors {
        if let Some(c) = a.veto_cost {
            push(actor(&a.id, ActorField::VetoCost), c);
        }
    }
    for i in &r.scenario.issues {
        for s in &i.stances {
            if let Some(c) = s.veto_cost {
                push(stance(&i.id, &s.actor, StanceField::VetoCost), c);
            }
        }
    }
    out
}

/// Only the inputs that carry uncertainty (what a Monte Carlo run draws).
pub fn uncertain_inputs(r: &Resolved) -> Vec<Input> {
    all_inputs(r)
        .into_iter()
        .filter(|i| i.value.is_uncertain())
        .collect()
}

fn richardson_slot_ref(
    rs: &crate::scenario::RichardsonSpec,
    p: RichardsonParam,
) -> &Option<Uncertain> {
    match p {
        RichardsonParam::RivalReaction => &rs.rival_reaction,
        RichardsonParam::AllyReaction => &rs.ally_reaction,
        RichardsonParam::Fatigue => &rs.fatigue,
    }
}

fn richardson_slot(
    rs: &mut crate::scenario::RichardsonSpec,
    p: RichardsonParam,
) -> &mut Option<Uncertain> {
    match p {
        RichardsonParam::RivalReaction => &mut rs.rival_reaction,
        RichardsonParam::AllyReaction => &mut rs.ally_reaction,
        RichardsonParam::Fatigue => &mut rs.fatigue,
    }
}

/// Set the input at `path` to `value` (a fixed number, or a distribution).
pub fn set(r: &mut Resolved, path: &str, value: Uncertain) -> Result<(), PathError> {
    InputPath::parse(path)?.set(r, value)
}

impl InputPath {
    /// Set this input of `r` to `value` (a fixed number, or a distribution).
    pub fn set(&self, r: &mut Resolved, value: Uncertain) -> Result<(), PathError> {
        let unknown = || PathError::NotInScenario(self.to_string());
        match self {
            InputPath::Actor {
                actor: id,
                field: ActorField::Capability,
            } => {
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
                            key: format!("experiment {self}"),
                        },
                    ),
                };
                a.capability = Some(Quantity {
                    value,
                    unit,
                    provenance,
                });
            }
            InputPath::Actor {
                actor: id,
                field: ActorField::Population,
            } => {
                let a = r
                    .scenario
                    .actors
                    .iter_mut()
                    .find(|a| a.id == *id)
                    .ok_or_else(unknown)?;
                a.population = Some(value);
            }
            InputPath::Actor {
                actor: id,
                field: ActorField::VetoCost,
            } => {
                let a = r
                    .scenario
                    .actors
                    .iter_mut()
                    .find(|a| a.id == *id && a.kind == crate::scenario::ActorKind::Body)
                    .ok_or_else(unknown)?;
                a.veto_cost = Some(value);
            }
            InputPath::StatusQuo { issue } => {
                let i = r
                    .scenario
                    .issues
                    .iter_mut()
                    .find(|i| i.id == *issue)
                    .ok_or_else(unknown)?;
                i.status_quo = Some(value);
            }
            InputPath::Stance {
                issue,
                actor,
                field,
            } => {
                let i = r
                    .scenario
                    .issues
                    .iter_mut()
                    .find(|i| i.id == *issue)
                    .ok_or_else(unknown)?;
                let s = i
                    .stances
                    .iter_mut()
                    .find(|s| s.actor == *actor)
                    .ok_or_else(unknown)?;
                match field {
                    StanceField::Position => s.position = value,
                    StanceField::Salience => s.salience = value,
                    StanceField::Capability => s.capability = Some(value),
                    StanceField::VetoCost => s.veto_cost = Some(value),
                }
            }
            InputPath::Tie { .. } => {
                let k = self.tie_index(&r.scenario.ties).ok_or_else(unknown)?;
                r.scenario.ties[k].weight = Some(value);
            }
            InputPath::Influence { from, to } => {
                let e = r.scenario.escalate.as_mut().ok_or_else(unknown)?;
                let i = e
                    .influences
                    .iter_mut()
                    .find(|i| i.from == *from && i.to == *to)
                    .ok_or_else(unknown)?;
                i.weight = value;
            }
            InputPath::Trade { from, to } => {
                let e = r.scenario.escalate.as_mut().ok_or_else(unknown)?;
                let t = e
                    .trade
                    .iter_mut()
                    .find(|t| t.from == *from && t.to == *to)
                    .ok_or_else(unknown)?;
                t.share = value;
            }
            InputPath::Escalate(p) => {
                let e = r.scenario.escalate.as_mut().ok_or_else(unknown)?;
                *p.slot(e) = Some(value);
            }
            InputPath::Richardson(p) => {
                let rs = r.scenario.richardson.get_or_insert_with(Default::default);
                *richardson_slot(rs, *p) = Some(value);
            }
        }
        Ok(())
    }
}

/// Draw every uncertain input once (in the order of `inputs`), fixing the drawn values in a copy
/// of the scenario. One uniform per uncertain input, so the draws of run `k` do not depend on
/// which lenses run.
pub fn realise<R: Rng + ?Sized>(r: &Resolved, inputs: &[Input], rng: &mut R) -> Resolved {
    let mut out = r.clone();
    for input in inputs {
        let v = input.value.draw(rng);
        // Addresses come from `all_inputs` of the same scenario, so they always resolve.
        let _ = input.address.set(&mut out, Uncertain::Fixed(v));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiment::input_path::joins;
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
