//! Resolution: fill what actors leave out from the world data, expand `world:ORG` member lists,
//! check every reference across the document, and record where each number came from.

use super::Uncertain;
use super::diagnostic::{Diagnostic, Kind, did_you_mean};
use super::model::*;
use super::reader::SpanMap;
use crate::world::{self, CapabilityMeasure, SourcedFigure, WorldActor};
use indexmap::IndexSet;
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Where a number came from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "from", rename_all = "lowercase")]
pub enum Provenance {
    /// Declared in the scenario file at `key`.
    Scenario {
        /// Key path in the file.
        key: String,
    },
    /// Read from the bundled world data.
    World {
        /// Data vintage (`2024`: the 41-actor table; `panel`: the state-year panel).
        vintage: String,
        /// The measure used.
        measure: CapabilityMeasure,
        /// Data owner and column.
        source: String,
        /// The year the figure describes (`None` for equal weights).
        year: Option<i32>,
        /// True when that year is after the scenario's `as_of` year.
        after_as_of: bool,
    },
}

/// A world-data figure of an actor, with its source, its year, and whether that year is after
/// the scenario's `as_of`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WorldFigure {
    /// The figure and its provenance.
    #[serde(flatten)]
    pub figure: SourcedFigure,
    /// True when the figure describes a year after `as_of`.
    pub after_as_of: bool,
}

impl std::fmt::Display for Provenance {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Provenance::Scenario { key } => write!(f, "scenario `{key}`"),
            Provenance::World { source, .. } => write!(f, "{source}"),
        }
    }
}

/// A number with its unit and provenance.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The (possibly uncertain) value.
    pub value: Uncertain,
    /// Unit of the value.
    pub unit: String,
    /// Where it came from.
    pub provenance: Provenance,
}

/// An actor after resolution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResolvedActor {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// State, body or other.
    pub kind: ActorKind,
    /// `false` when the actor was added by a `world:ORG` member list rather than declared.
    pub declared: bool,
    /// Capability, if the scenario or the world data supplies one.
    pub capability: Option<Quantity>,
    /// Why there is no capability (when `capability` is `None`).
    pub capability_gap: Option<String>,
    /// Bodies: direct member ids.
    pub members: Vec<String>,
    /// The world-data row of a state, when there is one.
    #[serde(skip)]
    pub world: Option<WorldActor>,
    /// Every world-data figure of the state with its source and year.
    pub world_figures: Vec<WorldFigure>,
}

/// A scenario resolved against the world data: the input every lens reads.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// The model as written.
    pub scenario: Scenario,
    /// Every actor: declared ones in file order, then those added by `world:ORG` lists.
    pub actors: Vec<ResolvedActor>,
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
}

impl Resolved {
    /// The master seed of `[experiment] seed`, 0 when the scenario names none.
    pub fn seed(&self) -> u64 {
        self.scenario.experiment.and_then(|e| e.seed).unwrap_or(0)
    }

    /// Look an actor up by id.
    pub fn actor(&self, id: &str) -> Option<&ResolvedActor> {
        self.actors.iter().find(|a| a.id == id)
    }

    /// Leaf members of a body (members of member bodies included), in order, without repeats.
    pub fn leaf_members(&self, body: &str) -> Vec<&ResolvedActor> {
        let mut out: Vec<&ResolvedActor> = Vec::new();
        let mut stack = vec![body];
        let mut seen = HashSet::new();
        while let Some(b) = stack.pop() {
            let Some(a) = self.actor(b) else { continue };
            if !seen.insert(b) {
                continue;
            }
            for m in a.members.iter().rev() {
                match self.actor(m) {
                    Some(ma) if ma.kind == ActorKind::Body => stack.push(m),
                    Some(ma) if !out.iter().any(|o| o.id == ma.id) => out.push(ma),
                    _ => {}
                }
            }
        }
        crate::order::sort_by_key(&mut out, |a| self.actors.iter().position(|x| x.id == a.id));
        out
    }

    /// The effective capability of `actor` on `stance` (the stance's own, else the actor's).
    pub fn stance_capability(&self, stance: &Stance) -> Option<Uncertain> {
        stance.capability.or_else(|| {
            self.actor(&stance.actor)?
                .capability
                .as_ref()
                .map(|q| q.value)
        })
    }
}

/// Resolve a parsed scenario; problems go to `diags`.
pub fn resolve(scenario: Scenario, spans: &SpanMap, diags: &mut Vec<Diagnostic>) -> Resolved {
    let mut cx = Cx { spans, diags };
    let as_of = scenario.scenario.as_of.clone();
    let mut view = WorldView {
        data: scenario.world.data.clone(),
        as_of_year: as_of.as_deref().and_then(world::year_of),
        measure: scenario.world.capability,
    };
    if view.panel()
        && let Err(e) = world::panel()
    {
        // A build without the history tables (the page) is given the panel at run time; until
        // then the scenario reads no world data, after this one error.
        cx.err(Kind::WorldData, e.to_string(), "world.data").help =
            Some("the host provides the panel and asks again".into());
        view.data = "none".into();
    }
    let sources: HashSet<&str> = scenario
        .scenario
        .sources
        .iter()
        .map(|s| s.id.as_str())
        .collect();

    // Declared actors, with duplicate detection.
    // Lookups go through hash sets so that loading stays linear in the number of actors.
    let mut actors: Vec<ResolvedActor> = Vec::new();
    let mut declared_ids: HashSet<String> = HashSet::new();
    for (k, a) in scenario.actors.iter().enumerate() {
        let key = format!("actor[{k}].id");
        if !super::parse::is_valid_id(&a.id) {
            // Already reported by the parser; kept in the model only to keep indices aligned.
            continue;
        }
        if !declared_ids.insert(a.id.clone()) {
            cx.err(
                Kind::DuplicateId,
                format!("actor id `{}` is declared twice", a.id),
                &key,
            );
            continue;
        }
        actors.push(declared_actor(&mut cx, a, k, &view));
        cx.source_ref(&sources, a.source.as_deref(), &format!("actor[{k}].source"));
    }

    // Expand world:ORG member lists, adding undeclared members as implicit state actors.
    let mut bodies_members: Vec<(usize, Vec<String>)> = Vec::new();
    for (k, a) in scenario.actors.iter().enumerate() {
        if !super::parse::is_valid_id(&a.id) {
            continue;
        }
        if a.kind != ActorKind::Body {
            if !a.members.is_empty() {
                cx.err(
                    Kind::Inconsistent,
                    format!("`{}` has members but is not a body", a.id),
                    &format!("actor[{k}].members"),
                )
                .help = Some("add `kind = \"body\"`".into());
            }
            for (key, set) in [
                ("rule", a.rule.is_some()),
                ("proposer", a.proposer.is_some()),
                ("veto_cost", a.veto_cost.is_some()),
                ("linkage", a.linkage),
            ] {
                if set {
                    cx.err(
                        Kind::Inconsistent,
                        format!("`{}` has a `{key}` but is not a body", a.id),
                        &format!("actor[{k}].{key}"),
                    )
                    .help = Some("add `kind = \"body\"`".into());
                }
            }
            continue;
        }
        if a.members.is_empty() {
            cx.err(
                Kind::EmptyBody,
                format!("body `{}` has no members", a.id),
                &format!("actor[{k}].id"),
            )
            .expected = Some("members = \"world:ORG\" or a list of actor ids".into());
            continue;
        }
        let mut list = Vec::new();
        for (m, entry) in a.members.iter().enumerate() {
            let key = if a.members.len() == 1
                && spans_has(cx.spans, &format!("actor[{k}].members"))
                && !spans_has(cx.spans, &format!("actor[{k}].members[0]"))
            {
                format!("actor[{k}].members")
            } else {
                format!("actor[{k}].members[{m}]")
            };
            if let Some(org) = entry.strip_prefix("world:") {
                expand_org(
                    &mut cx,
                    org,
                    &key,
                    &view,
                    as_of.as_deref(),
                    &mut actors,
                    &mut list,
                );
            } else if !list.contains(entry) {
                list.push(entry.clone());
            }
        }
        bodies_members.push((k, list));
    }
    let known: HashSet<String> = actors.iter().map(|a| a.id.clone()).collect();
    for (k, list) in bodies_members {
        let id = scenario.actors[k].id.clone();
        for (m, member) in list.iter().enumerate() {
            if !known.contains(member) {
                let key = member_key(cx.spans, k, m, &scenario.actors[k].members, member);
                let d = cx.err(
                    Kind::MemberNotActor,
                    format!("member `{member}` of body `{id}` is not an actor"),
                    &key,
                );
                d.expected = Some("an actor id declared with [[actor]], or world:ORG".into());
                d.help = did_you_mean(member, actors.iter().map(|a| a.id.as_str()));
            }
        }
        if let Some(a) = actors.iter_mut().find(|a| a.id == id) {
            a.members = list;
        }
        if scenario.actors[k].rule.is_none() {
            cx.warn(
                Kind::MissingKey,
                format!("body `{id}` has no `rule`; consensus is assumed"),
                &format!("actor[{k}].id"),
            );
        }
    }
    check_cycles(&mut cx, &scenario, &actors);

    let ids: IndexSet<&str> = actors.iter().map(|a| a.id.as_str()).collect();
    check_issues(&mut cx, &scenario, &actors, &ids, &sources);
    check_ties(&mut cx, &scenario, &ids, &sources);
    check_lenses(&mut cx, &scenario, &ids, &sources);
    check_lens_settings(&mut cx, &scenario, &actors);

    let warnings = cx.diags.iter().filter(|d| !d.is_error()).cloned().collect();
    Resolved {
        scenario,
        actors,
        warnings,
    }
}

struct Cx<'a> {
    spans: &'a SpanMap,
    diags: &'a mut Vec<Diagnostic>,
}

impl Cx<'_> {
    fn err(&mut self, kind: Kind, msg: String, key: &str) -> &mut Diagnostic {
        let span = self.spans.get(key).cloned();
        self.diags
            .push(Diagnostic::error(kind, msg).key(key).span(span));
        self.diags.last_mut().expect("just pushed")
    }

    fn warn(&mut self, kind: Kind, msg: String, key: &str) -> &mut Diagnostic {
        let span = self.spans.get(key).cloned();
        self.diags
            .push(Diagnostic::warning(kind, msg).key(key).span(span));
        self.diags.last_mut().expect("just pushed")
    }

    fn actor_ref(&mut self, ids: &IndexSet<&str>, id: &str, key: &str, what: &str) -> bool {
        if ids.contains(&id) {
            return true;
        }
        let d = self.err(
            Kind::UnknownId,
            format!("{what} `{id}` is not an actor of this scenario"),
            key,
        );
        d.expected =
            Some("an actor id declared with [[actor]] or a member of a world:ORG body".into());
        d.help = did_you_mean(id, ids.iter().copied());
        false
    }

    fn source_ref(&mut self, sources: &HashSet<&str>, id: Option<&str>, key: &str) {
        if let Some(id) = id
            && !sources.contains(id)
        {
            let d = self.err(
                Kind::UnknownId,
                format!("source `{id}` is not listed in [scenario] sources"),
                key,
            );
            d.expected = Some("the id of an entry of [scenario] sources".into());
            d.help = did_you_mean(id, sources.iter().copied());
        }
    }
}

fn spans_has(spans: &SpanMap, key: &str) -> bool {
    spans.contains_key(key)
}

fn member_key(spans: &SpanMap, k: usize, _m: usize, declared: &[String], member: &str) -> String {
    match declared.iter().position(|d| d == member) {
        Some(i) if spans.contains_key(&format!("actor[{k}].members[{i}]")) => {
            format!("actor[{k}].members[{i}]")
        }
        _ => format!("actor[{k}].members"),
    }
}

/// Which world data a scenario reads: `[world] data`, the year of `as_of`, the capability
/// measure.
struct WorldView {
    data: String,
    as_of_year: Option<i32>,
    measure: CapabilityMeasure,
}

impl WorldView {
    fn on(&self) -> bool {
        self.data != "none"
    }

    fn panel(&self) -> bool {
        self.data == world::PANEL
    }

    /// The world row of state `key` (ISO3 or COW code).
    fn lookup(&self, key: &str) -> Option<WorldActor> {
        // The panel is loaded when `data` still names it (see `resolve`).
        world::lookup(key, &self.data, self.as_of_year)
            .ok()
            .flatten()
    }

    /// The row's figures, each flagged when it describes a year after `as_of`.
    fn figures(&self, w: &WorldActor) -> Vec<WorldFigure> {
        w.figures
            .iter()
            .map(|f| WorldFigure {
                figure: f.clone(),
                after_as_of: f.after(self.as_of_year),
            })
            .collect()
    }

    /// Codes a misspelt state id may have meant.
    fn known_codes(&self) -> Vec<String> {
        if self.panel()
            && let Ok(panel) = world::panel()
        {
            panel
                .states()
                .iter()
                .filter_map(|s| s.iso3.clone())
                .collect()
        } else {
            world::bundled()
                .actors()
                .iter()
                .map(|w| w.iso3.clone())
                .collect()
        }
    }
}

fn declared_actor(cx: &mut Cx, a: &Actor, k: usize, view: &WorldView) -> ResolvedActor {
    let world_row = if a.kind == ActorKind::State && view.on() {
        let row = view.lookup(&a.id);
        let what = if view.panel() {
            "the state-year panel"
        } else {
            "the bundled world data"
        };
        if row.is_none() && a.name.is_some() {
            cx.warn(
                Kind::WorldData,
                format!(
                    "state `{}` is not in {what}; its declared name and numbers are used",
                    a.id
                ),
                &format!("actor[{k}].id"),
            );
        } else if row.is_none() {
            let d = cx.err(
                Kind::WorldData,
                format!("state `{}` is not in {what}", a.id),
                &format!("actor[{k}].id"),
            );
            d.expected = Some(if view.panel() {
                "an ISO 3166-1 alpha-3 or COW code of a state of the state system, or `kind = \"other\"`".into()
            } else {
                "an ISO 3166-1 alpha-3 or COW code of the world data, or `kind = \"other\"`".into()
            });
            let codes = view.known_codes();
            d.help = did_you_mean(&a.id, codes.iter().map(String::as_str)).or_else(|| {
                Some(if view.panel() {
                    "declare `name` (and `capability`) to use a state outside the panel".into()
                } else {
                    "set `[world] data = \"panel\"` to read any state of the state system, or declare `name` (and `capability`)".into()
                })
            });
        }
        if view.panel()
            && let (Some(y), Some(state)) = (
                view.as_of_year,
                world::panel().ok().and_then(|p| p.state(&a.id)),
            )
            && !state.member_in(y)
        {
            cx.warn(
                Kind::WorldData,
                format!(
                    "`{}` ({}) is not a member of the state system in {y} (members {}); the panel has no figures for it then",
                    a.id,
                    state.name,
                    state.spells_text()
                ),
                &format!("actor[{k}].id"),
            );
        }
        row
    } else {
        None
    };
    let (capability, capability_gap) = match (&a.capability, &world_row) {
        (Some(c), _) => (
            Some(Quantity {
                value: *c,
                unit: "declared".into(),
                provenance: Provenance::Scenario {
                    key: format!("actor[{k}].capability"),
                },
            }),
            None,
        ),
        (None, Some(w)) => world_capability(w, view),
        (None, None) if a.kind == ActorKind::State && view.on() => {
            (None, Some("not in the world data".into()))
        }
        (None, None) => (None, Some(format!("`{}` declares no capability", a.id))),
    };
    ResolvedActor {
        id: a.id.clone(),
        name: a
            .name
            .clone()
            .or_else(|| world_row.as_ref().map(|w| w.name.clone()))
            .unwrap_or_else(|| a.id.clone()),
        kind: a.kind,
        declared: true,
        capability,
        capability_gap,
        members: Vec::new(),
        world_figures: world_row
            .as_ref()
            .map(|w| view.figures(w))
            .unwrap_or_default(),
        world: world_row,
    }
}

/// The figure of a world row that a capability measure reads.
fn measure_figure(measure: CapabilityMeasure) -> Option<&'static str> {
    match measure {
        CapabilityMeasure::Milex => Some("milex"),
        CapabilityMeasure::Gdp => Some("gdp"),
        CapabilityMeasure::Cinc => Some("cinc"),
        CapabilityMeasure::Population => Some("population"),
        CapabilityMeasure::Equal => None,
    }
}

fn world_capability(w: &WorldActor, view: &WorldView) -> (Option<Quantity>, Option<String>) {
    let measure = view.measure;
    let figure = measure_figure(measure).and_then(|n| w.figure(n));
    let year = figure.map(|f| f.year);
    let (unit, source) = match figure {
        Some(f) if view.panel() => (
            // "US$ m, 2024" becomes "US$ m, 2001": the measure's unit, the figure's year.
            format!(
                "{}, {}",
                measure
                    .unit()
                    .rsplit_once(", ")
                    .map_or(measure.unit(), |(base, _)| base),
                f.year
            ),
            format!("{} ({}, {})", f.source.owner, f.name, f.year),
        ),
        _ => (measure.unit().to_string(), measure.source().to_string()),
    };
    let gap = |reason: String| {
        if view.panel() {
            format!(
                "{reason} (the panel has no such figure at or before {})",
                view.as_of_year.unwrap_or(world::panel::LAST_YEAR)
            )
        } else {
            reason
        }
    };
    match measure.value(w) {
        Ok(v) => (
            Some(Quantity {
                value: Uncertain::Fixed(v),
                unit,
                provenance: Provenance::World {
                    vintage: view.data.clone(),
                    measure,
                    source,
                    year,
                    after_as_of: figure.is_some_and(|f| f.after(view.as_of_year)),
                },
            }),
            None,
        ),
        Err(g) => (None, Some(gap(g.reason))),
    }
}

#[allow(clippy::too_many_arguments)]
fn expand_org(
    cx: &mut Cx,
    org: &str,
    key: &str,
    view: &WorldView,
    as_of: Option<&str>,
    actors: &mut Vec<ResolvedActor>,
    list: &mut Vec<String>,
) {
    let w = world::bundled();
    if !view.on() {
        cx.err(
            Kind::UnknownOrganisation,
            format!("`world:{org}` needs world data, but [world] data = \"none\""),
            key,
        );
        return;
    }
    if !w.organisations().contains(&org) {
        let d = cx.err(
            Kind::UnknownOrganisation,
            format!("organisation `{org}` is not in the world data"),
            key,
        );
        d.expected = Some(format!("one of: {}", w.organisations().join(", ")));
        d.help = did_you_mean(org, w.organisations());
        return;
    }
    let mut missing = Vec::new();
    for m in w.members_of(org, as_of) {
        let Some(row) = view.lookup(&m.iso3) else {
            if actors.iter().any(|a| a.id == m.iso3) {
                if !list.contains(&m.iso3) {
                    list.push(m.iso3.clone());
                }
            } else {
                missing.push(m.iso3.clone());
            }
            continue;
        };
        if !actors.iter().any(|a| a.id == m.iso3) {
            let (capability, capability_gap) = world_capability(&row, view);
            actors.push(ResolvedActor {
                id: m.iso3.clone(),
                name: row.name.clone(),
                kind: ActorKind::State,
                declared: false,
                capability,
                capability_gap,
                members: Vec::new(),
                world_figures: view.figures(&row),
                world: Some(row),
            });
        }
        if !list.contains(&m.iso3) {
            list.push(m.iso3.clone());
        }
    }
    if !missing.is_empty() {
        cx.warn(
            Kind::WorldData,
            format!(
                "members of {org} without world data are left out: {} (declare them to include them)",
                missing.join(", ")
            ),
            key,
        );
    }
}

fn check_cycles(cx: &mut Cx, scenario: &Scenario, actors: &[ResolvedActor]) {
    let members: HashMap<&str, &[String]> = actors
        .iter()
        .filter(|a| a.kind == ActorKind::Body)
        .map(|a| (a.id.as_str(), a.members.as_slice()))
        .collect();
    for (k, a) in scenario.actors.iter().enumerate() {
        if a.kind != ActorKind::Body {
            continue;
        }
        // Depth-first search for a path back to `a`.
        let mut stack: Vec<(&str, Vec<&str>)> = vec![(a.id.as_str(), vec![a.id.as_str()])];
        let mut seen = HashSet::new();
        while let Some((b, path)) = stack.pop() {
            for m in members.get(b).copied().unwrap_or(&[]) {
                if m == &a.id {
                    let mut cycle = path.clone();
                    cycle.push(m);
                    cx.err(
                        Kind::CyclicMembership,
                        format!("bodies contain each other: {}", cycle.join(" → ")),
                        &format!("actor[{k}].members"),
                    );
                    stack.clear();
                    break;
                }
                if members.contains_key(m.as_str()) && seen.insert(m.as_str()) {
                    let mut p = path.clone();
                    p.push(m);
                    stack.push((m, p));
                }
            }
        }
    }
}

fn check_issues(
    cx: &mut Cx,
    s: &Scenario,
    actors: &[ResolvedActor],
    ids: &IndexSet<&str>,
    sources: &HashSet<&str>,
) {
    let by_id: HashMap<&str, &ResolvedActor> = actors.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut seen_issue = HashSet::new();
    for (i, issue) in s.issues.iter().enumerate() {
        let p = format!("issue[{i}]");
        if !seen_issue.insert(issue.id.as_str()) {
            cx.err(
                Kind::DuplicateId,
                format!("issue id `{}` is used twice", issue.id),
                &format!("{p}.id"),
            );
        }
        let mut body_members: Option<Vec<String>> = None;
        if let Some(body) = &issue.body
            && cx.actor_ref(ids, body, &format!("{p}.body"), "body")
        {
            match by_id.get(body.as_str()).copied() {
                Some(a) if a.kind != ActorKind::Body => {
                    cx.err(
                        Kind::Inconsistent,
                        format!("`{body}` decides issue `{}` but is not a body", issue.id),
                        &format!("{p}.body"),
                    )
                    .expected = Some("an actor with kind = \"body\"".into());
                }
                Some(a) => body_members = Some(a.members.clone()),
                None => {}
            }
        }
        check_proposer(cx, s, i, ids);
        cx.source_ref(
            sources,
            issue.status_quo_source.as_deref(),
            &format!("{p}.status_quo_source"),
        );
        if let Some(k) = &issue.known_outcome {
            cx.source_ref(
                sources,
                k.source.as_deref(),
                &format!("{p}.known_outcome.source"),
            );
        }
        if issue.stances.is_empty() {
            cx.warn(
                Kind::MissingKey,
                format!(
                    "issue `{}` has no stances; the decide lens will skip it",
                    issue.id
                ),
                &format!("{p}.id"),
            );
        }
        let mut seen_actor = HashSet::new();
        for (j, st) in issue.stances.iter().enumerate() {
            let sp = format!("{p}.stance[{j}]");
            cx.source_ref(sources, st.source.as_deref(), &format!("{sp}.source"));
            if !cx.actor_ref(ids, &st.actor, &format!("{sp}.actor"), "stance actor") {
                continue;
            }
            if !seen_actor.insert(st.actor.as_str()) {
                cx.err(
                    Kind::DuplicateId,
                    format!("`{}` has two stances on issue `{}`", st.actor, issue.id),
                    &format!("{sp}.actor"),
                );
            }
            let actor = by_id.get(st.actor.as_str()).copied();
            if st.capability.is_none()
                && let Some(a) = actor
                && a.capability.is_none()
            {
                let d = cx.err(
                    Kind::NoCapability,
                    format!("`{}` has a stance but no capability", st.actor),
                    &format!("{sp}.actor"),
                );
                d.expected =
                    Some("a capability from the world data, on the actor, or on the stance".into());
                d.help = a.capability_gap.clone();
            }
            let proposes = issue.proposer.as_deref() == Some(st.actor.as_str())
                || issue.body.as_deref().is_some_and(|b| {
                    s.actors
                        .iter()
                        .any(|a| a.id == b && a.proposer.as_deref() == Some(st.actor.as_str()))
                });
            if let Some(m) = &body_members
                && !m.contains(&st.actor)
                && !proposes
            {
                cx.warn(
                    Kind::Inconsistent,
                    format!(
                        "`{}` is not a member of `{}`: it bargains on `{}` but has no vote",
                        st.actor,
                        issue.body.as_deref().unwrap_or(""),
                        issue.id
                    ),
                    &format!("{sp}.actor"),
                );
            }
        }
    }
}

/// The issue's agenda setter (its own `proposer`, else its body's) must be an actor with a
/// stance on the issue: its position is its proposal.
fn check_proposer(cx: &mut Cx, s: &Scenario, i: usize, ids: &IndexSet<&str>) {
    let issue = &s.issues[i];
    let body = issue
        .body
        .as_deref()
        .and_then(|b| s.actors.iter().position(|a| a.id == b));
    let (proposer, key) = match (&issue.proposer, body) {
        (Some(p), _) => (p, format!("issue[{i}].proposer")),
        (None, Some(k)) => match &s.actors[k].proposer {
            Some(p) => (p, format!("actor[{k}].proposer")),
            None => return,
        },
        (None, None) => return,
    };
    if issue.body.is_none() {
        cx.err(
            Kind::Inconsistent,
            format!("issue `{}` names a proposer but no deciding body", issue.id),
            &key,
        )
        .help = Some("add `body = \"...\"` to the issue, or remove `proposer`".into());
        return;
    }
    if !cx.actor_ref(ids, proposer, &key, "proposer") {
        return;
    }
    if !issue.stances.iter().any(|st| &st.actor == proposer) {
        let d = cx.err(
            Kind::Inconsistent,
            format!(
                "proposer `{proposer}` has no stance on issue `{}`; its position is its proposal",
                issue.id
            ),
            &key,
        );
        d.expected = Some(format!("a [[issue.stance]] with actor = \"{proposer}\""));
    }
}

fn check_ties(cx: &mut Cx, s: &Scenario, ids: &IndexSet<&str>, sources: &HashSet<&str>) {
    for (t, tie) in s.ties.iter().enumerate() {
        let p = format!("tie[{t}]");
        for (e, a) in tie.actors.iter().enumerate() {
            cx.actor_ref(ids, a, &format!("{p}.actors[{e}]"), "tie end");
        }
        if tie.actors[0] == tie.actors[1] {
            cx.err(
                Kind::Inconsistent,
                format!("tie joins `{}` to itself", tie.actors[0]),
                &format!("{p}.actors"),
            );
        }
        cx.source_ref(sources, tie.source.as_deref(), &format!("{p}.source"));
    }
}

fn check_lenses(cx: &mut Cx, s: &Scenario, ids: &IndexSet<&str>, sources: &HashSet<&str>) {
    if let Some(align) = &s.align
        && let ActorSelection::List(list) = &align.actors
    {
        for (k, a) in list.iter().enumerate() {
            cx.actor_ref(ids, a, &format!("align.actors[{k}]"), "align actor");
        }
    }
    if let Some(k) = s.align.as_ref().and_then(|a| a.known_outcome.as_ref()) {
        let p = "align.known_outcome";
        cx.source_ref(sources, Some(&k.source), &format!("{p}.source"));
        for (side, members) in &k.sides {
            for (j, m) in members.iter().enumerate() {
                cx.actor_ref(ids, m, &format!("{p}.sides.{side}[{j}]"), "side member");
            }
        }
        if let Some(as_of) = &s.scenario.as_of
            && k.date.as_str() <= as_of.as_str()
        {
            cx.err(
                Kind::Inconsistent,
                format!(
                    "the event ({}) is not after as_of ({as_of}): a backtest must use inputs from before the event",
                    k.date
                ),
                &format!("{p}.date"),
            );
        }
    }
    if let Some(rf) = s.align.as_ref().and_then(|a| a.reference.as_ref()) {
        let p = "align.reference";
        cx.source_ref(sources, Some(&rf.source), &format!("{p}.source"));
        for (c, conf) in rf.configurations.iter().enumerate() {
            for (j, m) in conf.side.iter().enumerate() {
                cx.actor_ref(
                    ids,
                    m,
                    &format!("{p}.configuration[{c}].side[{j}]"),
                    "side member",
                );
            }
        }
    }
    if let Some(r) = &s.richardson
        && let Some(list) = &r.actors
    {
        for (k, a) in list.iter().enumerate() {
            cx.actor_ref(
                ids,
                a,
                &format!("richardson.actors[{k}]"),
                "richardson actor",
            );
        }
    }
    let Some(e) = &s.escalate else { return };
    let mut side_of: HashMap<&str, &str> = HashMap::new();
    for (side, members) in &e.sides {
        if members.is_empty() {
            cx.err(
                Kind::EmptyBody,
                format!("side `{side}` has no actors"),
                &format!("escalate.sides.{side}"),
            );
        }
        for (k, a) in members.iter().enumerate() {
            let key = format!("escalate.sides.{side}[{k}]");
            if cx.actor_ref(ids, a, &key, "side member")
                && let Some(other) = side_of.insert(a, side)
            {
                cx.err(
                    Kind::Inconsistent,
                    format!("`{a}` is on two sides: `{other}` and `{side}`"),
                    &key,
                );
            }
        }
    }
    if e.sides.len() < 2 {
        cx.err(
            Kind::Inconsistent,
            "a rivalry needs at least two sides".into(),
            "escalate.sides",
        )
        .expected = Some("sides = { west = [...], china = [...] }".into());
    }
    let mut seen = HashSet::new();
    for (k, p) in e.policies.iter().enumerate() {
        if !seen.insert(p.id.as_str()) {
            cx.err(
                Kind::DuplicateId,
                format!("policy id `{}` is used twice", p.id),
                &format!("escalate.policy[{k}].id"),
            );
        }
        for side in p.strategies.keys() {
            if !e.sides.contains_key(side) && !side_of.contains_key(side.as_str()) {
                let d = cx.err(
                    Kind::UnknownId,
                    format!(
                        "policy `{}` names `{side}`, which is neither a side nor a side member",
                        p.id
                    ),
                    &format!("escalate.policy[{k}].strategies.{side}"),
                );
                d.expected = Some(format!(
                    "a side ({}) or an actor of a side",
                    e.sides.keys().cloned().collect::<Vec<_>>().join(", ")
                ));
                d.help = did_you_mean(
                    side,
                    e.sides
                        .keys()
                        .map(String::as_str)
                        .chain(side_of.keys().copied()),
                );
            }
        }
        for side in e.sides.keys() {
            if !p.strategies.contains_key(side) {
                cx.err(
                    Kind::MissingKey,
                    format!("policy `{}` gives no strategy for side `{side}`", p.id),
                    &format!("escalate.policy[{k}].strategies"),
                );
            }
        }
    }
    for (k, inf) in e.influences.iter().enumerate() {
        let p = format!("escalate.influence[{k}]");
        cx.actor_ref(ids, &inf.from, &format!("{p}.from"), "influence source");
        cx.actor_ref(ids, &inf.to, &format!("{p}.to"), "influence target");
        cx.source_ref(sources, inf.source.as_deref(), &format!("{p}.source"));
    }
    for (k, t) in e.trade.iter().enumerate() {
        let p = format!("escalate.trade[{k}]");
        cx.actor_ref(ids, &t.from, &format!("{p}.from"), "trading actor");
        cx.actor_ref(ids, &t.to, &format!("{p}.to"), "trade partner");
        cx.source_ref(sources, t.source.as_deref(), &format!("{p}.source"));
    }
    for (k, st) in e.start.iter().enumerate() {
        let p = format!("escalate.start[{k}]");
        if !e.domains.contains(&st.domain) {
            let d = cx.err(
                Kind::UnknownId,
                format!("starting state for unknown domain `{}`", st.domain),
                &format!("{p}.domain"),
            );
            d.expected = Some(format!("one of the domains: {}", e.domains.join(", ")));
            d.help = did_you_mean(&st.domain, e.domains.iter().map(String::as_str));
        }
        if let (Some(from), Some(to)) = (&st.from, &st.to) {
            let known_from = cx.actor_ref(ids, from, &format!("{p}.from"), "starting-state actor");
            let known_to = cx.actor_ref(ids, to, &format!("{p}.to"), "starting-state actor");
            if known_from && known_to {
                match (side_of.get(from.as_str()), side_of.get(to.as_str())) {
                    (Some(a), Some(b)) if a != b => {}
                    (Some(_), Some(_)) => {
                        cx.err(
                            Kind::Inconsistent,
                            format!("`{from}` and `{to}` are on the same side; a starting state is for rivals"),
                            &format!("{p}.to"),
                        )
                        .expected = Some("an actor on another side".into());
                    }
                    _ => {
                        cx.err(
                            Kind::Inconsistent,
                            format!("`{from}`–`{to}`: both must be members of [escalate] sides"),
                            &format!("{p}.from"),
                        )
                        .expected = Some("actors listed in [escalate] sides".into());
                    }
                }
            }
        }
        cx.source_ref(sources, st.source.as_deref(), &format!("{p}.source"));
    }
}

// What each lens needs beyond valid references, checked here so that `detente check` rejects
// every scenario a lens would refuse at run time, with the location of the offending key.

/// Lens settings: escalate policies, strategies and domains; align's actor list.
fn check_lens_settings(cx: &mut Cx, s: &Scenario, actors: &[ResolvedActor]) {
    if let Some(align) = &s.align {
        check_align_actors(cx, align, actors);
    }
    let Some(e) = &s.escalate else { return };
    if e.policies.is_empty() {
        cx.err(
            Kind::MissingKey,
            "[escalate] defines no [[escalate.policy]]; the rivalry has nothing to play".into(),
            "escalate",
        )
        .expected = Some(
            "at least one [[escalate.policy]] with an id and strategies = { SIDE = \"STRATEGY\" }"
                .into(),
        );
    }
    for (k, p) in e.policies.iter().enumerate() {
        for (side, strategy) in &p.strategies {
            if let Err(err) = crate::escalate::strategy::registry::parse(strategy) {
                let d = cx.err(
                    Kind::UnknownValue,
                    format!(
                        "policy `{}` gives side `{side}` the strategy \"{strategy}\": {err}",
                        p.id
                    ),
                    &format!("escalate.policy[{k}].strategies.{side}"),
                );
                d.expected = Some(
                    "a strategy id, name or policy alias (`detente strategies` lists them)".into(),
                );
            }
        }
    }
    if e.domains.is_empty() {
        cx.err(
            Kind::OutOfRange,
            "`domains` is empty; the rivalry needs at least one domain".into(),
            "escalate.domains",
        )
        .expected = Some("domains = [\"military\", \"economic\", ...]".into());
    }
    let mut seen = HashSet::new();
    for (k, d) in e.domains.iter().enumerate() {
        if !seen.insert(d.as_str()) {
            cx.err(
                Kind::DuplicateId,
                format!("domain `{d}` is listed twice"),
                &format!("escalate.domains[{k}]"),
            )
            .expected = Some("each domain once".into());
        }
    }
    if let Some(spiral) = &e.spiral
        && !e.domains.is_empty()
        && (spiral.domains == 0 || spiral.domains as usize > e.domains.len())
    {
        cx.err(
            Kind::OutOfRange,
            format!(
                "`spiral.domains` is {}, but the rivalry has {} domain(s)",
                spiral.domains,
                e.domains.len()
            ),
            "escalate.spiral.domains",
        )
        .expected = Some(format!("1 to {} locked domains", e.domains.len()));
    }
}

/// `[align] actors`: at least two distinct actors, none of them a body (bodies decide issues;
/// they do not join coalitions).
fn check_align_actors(cx: &mut Cx, align: &AlignSection, actors: &[ResolvedActor]) {
    let by_id: HashMap<&str, &ResolvedActor> = actors.iter().map(|a| (a.id.as_str(), a)).collect();
    let selected = match &align.actors {
        ActorSelection::List(list) => {
            let mut seen = HashSet::new();
            for (k, id) in list.iter().enumerate() {
                let key = format!("align.actors[{k}]");
                if !seen.insert(id.as_str()) {
                    cx.err(
                        Kind::DuplicateId,
                        format!("`{id}` is listed twice in [align] actors"),
                        &key,
                    );
                } else if by_id
                    .get(id.as_str())
                    .is_some_and(|a| a.kind == ActorKind::Body)
                {
                    cx.err(
                        Kind::Inconsistent,
                        format!("`{id}` is a body; bodies do not join coalitions"),
                        &key,
                    )
                    .expected = Some("states or other actors".into());
                }
            }
            seen.len()
        }
        ActorSelection::Named(n) if n == "states" => actors
            .iter()
            .filter(|a| {
                a.kind == ActorKind::State && a.world.as_ref().is_some_and(|w| !w.organisation)
            })
            .count(),
        ActorSelection::Named(_) => actors.iter().filter(|a| a.kind != ActorKind::Body).count(),
    };
    if selected < 2 {
        cx.err(
            Kind::Inconsistent,
            format!("[align] selects {selected} actor(s); alignment needs at least two"),
            "align.actors",
        )
        .expected = Some("actors = [\"A\", \"B\", ...] naming two or more actors".into());
    }
}
