//! Fill the scenario parts of a [`Report`](crate::Report) from a resolved scenario
//! (`detente::scenario::Resolved`): the summary, sources, actors with the provenance of every
//! capability figure, and each issue's stances. The lens parts come from the lens results.

use crate::model::{
    ActorOnScale, ActorRow, IssueScale, IssueStances, Ranged, ScenarioSection, SourceRef, StanceRow,
};
use detente::scenario::{ActorKind, Issue, Resolved};

/// The report's scenario section for `resolved`: every actor (declared ones first, then those
/// added by `world:ORG` lists) and every issue with its stances.
pub fn scenario_section(resolved: &Resolved) -> ScenarioSection {
    let meta = &resolved.scenario.scenario;
    ScenarioSection {
        id: meta.id.clone(),
        title: meta.title.clone(),
        as_of: meta.as_of.clone(),
        summary: meta.summary.clone(),
        sources: meta.sources.iter().map(SourceRef::from).collect(),
        actors: resolved.actors.iter().map(actor_row).collect(),
        issues: resolved
            .scenario
            .issues
            .iter()
            .map(|i| issue_stances(resolved, i))
            .collect(),
    }
}

fn actor_row(a: &detente::scenario::ResolvedActor) -> ActorRow {
    let kind = match a.kind {
        ActorKind::State => "state",
        ActorKind::Body => "body",
        ActorKind::Other => "other",
    };
    let (capability, unit, provenance) = match (&a.capability, &a.capability_gap) {
        (Some(q), _) => {
            let range = if q.value.high() > q.value.low() {
                format!(" (range {}–{})", q.value.low(), q.value.high())
            } else {
                String::new()
            };
            (
                Some(q.value.point()),
                q.unit.clone(),
                format!("{}{range}", q.provenance),
            )
        }
        (None, Some(gap)) => (None, String::new(), format!("no capability: {gap}")),
        (None, None) if a.kind == ActorKind::Body => (
            None,
            String::new(),
            format!("body of {} members", a.members.len()),
        ),
        (None, None) => (None, String::new(), String::new()),
    };
    ActorRow {
        id: a.id.clone(),
        name: a.name.clone(),
        kind: kind.to_string(),
        capability,
        unit,
        provenance,
    }
}

fn issue_stances(resolved: &Resolved, issue: &Issue) -> IssueStances {
    IssueStances {
        id: issue.id.clone(),
        question: issue.question.clone(),
        body: issue.body.clone(),
        scale: IssueScale::from(&issue.scale),
        status_quo: issue.status_quo.map(|q| q.point()),
        stances: issue
            .stances
            .iter()
            .map(|st| StanceRow {
                actor: st.actor.clone(),
                position: Ranged::from(&st.position),
                salience: st.salience.point(),
                capability: resolved.stance_capability(st).map(|c| c.point()),
                source: st.source.clone(),
                evidence: st.evidence.clone(),
                estimate: st.estimate,
            })
            .collect(),
    }
}

/// The actors of `issue` for the issue chart: position, capability (the stance's own or the
/// actor's, point value; 0 when unknown, drawn at the minimum size) and salience.
pub fn actors_on_scale(resolved: &Resolved, issue: &Issue) -> Vec<ActorOnScale> {
    issue
        .stances
        .iter()
        .map(|st| ActorOnScale {
            id: st.actor.clone(),
            position: Ranged::from(&st.position),
            capability: resolved
                .stance_capability(st)
                .map(|c| c.point())
                .unwrap_or(0.0),
            salience: st.salience.point(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente::scenario::{FLAGSHIP, FLAGSHIP_NAME, load_str};

    #[test]
    fn flagship_scenario_fills_the_section() {
        let resolved = load_str(FLAGSHIP, FLAGSHIP_NAME).expect("flagship loads");
        let s = scenario_section(&resolved);
        assert_eq!(s.id, "nato-china-2023");
        assert!(s.sources.iter().any(|src| src.id == "op-ed"));
        let posture = s
            .issues
            .iter()
            .find(|i| i.id == "china-posture")
            .expect("issue");
        let usa = posture
            .stances
            .iter()
            .find(|st| st.actor == "USA")
            .expect("USA stance");
        assert_eq!(usa.position.point, 85.0);
        assert!(usa.capability.is_some_and(|c| c > 0.0));
        let fra = posture
            .stances
            .iter()
            .find(|st| st.actor == "FRA")
            .expect("FRA stance");
        assert!(fra.estimate && fra.position.is_uncertain());
        let isl = s.actors.iter().find(|a| a.id == "ISL").expect("Iceland");
        assert_eq!(isl.capability, Some(33.0));
        assert!(isl.provenance.contains("range 3–50"), "{}", isl.provenance);
        let issue = resolved
            .scenario
            .issues
            .iter()
            .find(|i| i.id == "china-posture")
            .expect("issue");
        assert_eq!(
            actors_on_scale(&resolved, issue).len(),
            posture.stances.len()
        );
    }
}
