//! Text rendering of a resolved scenario: actors with capabilities and sources, issues with
//! stances, ties.

use crate::Table;
use crate::text::indent;
use detente::scenario::{ActorKind, Provenance, Resolved, fmt_num};

/// The scenario header: title, date, summary's first sentence, counts.
pub fn header(r: &Resolved, file: &str) -> String {
    let s = &r.scenario.scenario;
    let states = r
        .actors
        .iter()
        .filter(|a| a.kind == ActorKind::State)
        .count();
    let bodies = r
        .actors
        .iter()
        .filter(|a| a.kind == ActorKind::Body)
        .count();
    let mut out = format!("{} — {}\n", s.id, s.title);
    out.push_str(&format!(
        "file: {file}   as of: {}   world data: {} (capability: {})\n",
        s.as_of.as_deref().unwrap_or("—"),
        r.scenario.world.data,
        r.scenario.world.capability.keyword()
    ));
    out.push_str(&format!(
        "{} actors ({states} states, {bodies} bodies), {} issues, {} ties, {} sources\n",
        r.actors.len(),
        r.scenario.issues.len(),
        r.scenario.ties.len(),
        s.sources.len()
    ));
    out
}

/// Every actor with its capability, unit and the source of the number.
pub fn actors(r: &Resolved) -> String {
    let mut t = Table::new(
        &["actor", "name", "kind", "capability", "unit", "source"],
        &[false, false, false, true, false, false],
    )
    .limit(1, 20)
    .limit(4, 14)
    .limit(5, 36);
    for a in &r.actors {
        let kind = match a.kind {
            ActorKind::State if !a.declared => "state*",
            ActorKind::State => "state",
            ActorKind::Body => "body",
            ActorKind::Other => "other",
        };
        let (cap, unit, src) = match (&a.capability, a.kind) {
            (Some(q), _) => (
                q.value.to_string(),
                q.unit.clone(),
                provenance_short(&q.provenance),
            ),
            (None, ActorKind::Body) => (
                format!("{} members", a.members.len()),
                String::new(),
                body_rule(r, &a.id),
            ),
            (None, _) => (
                "—".into(),
                String::new(),
                a.capability_gap.clone().unwrap_or_default(),
            ),
        };
        t.row(vec![
            a.id.clone(),
            a.name.clone(),
            kind.into(),
            cap,
            unit,
            src,
        ]);
    }
    let mut out = t.render();
    if r.actors.iter().any(|a| !a.declared) {
        out.push_str("state* = added by a world:ORG member list\n");
    }
    out
}

fn body_rule(r: &Resolved, id: &str) -> String {
    let a = r.scenario.actors.iter().find(|a| a.id == id);
    match a.and_then(|a| a.rule) {
        Some(rule) => {
            let th = a
                .and_then(|a| a.threshold)
                .map(|t| format!(" ({})", fmt_num(t)))
                .unwrap_or_default();
            format!("rule: {}{th}", rule.keyword())
        }
        None => "rule: consensus (default)".into(),
    }
}

fn provenance_short(p: &Provenance) -> String {
    match p {
        Provenance::Scenario { key } => format!("scenario {key}"),
        Provenance::World { measure, .. } => measure.owner().to_string(),
    }
}

/// Every issue with its stances.
pub fn issues(r: &Resolved) -> String {
    let mut out = String::new();
    for issue in &r.scenario.issues {
        let sc = &issue.scale;
        out.push_str(&format!("\n{} — {}\n", issue.id, issue.question));
        out.push_str(&format!(
            "  scale {} ({}) … {} ({}); status quo {}; body {}\n",
            fmt_num(sc.min),
            sc.min_label.as_deref().unwrap_or("min"),
            fmt_num(sc.max),
            sc.max_label.as_deref().unwrap_or("max"),
            issue
                .status_quo
                .map(|q| q.to_string())
                .unwrap_or_else(|| "—".into()),
            issue.body.as_deref().unwrap_or("—"),
        ));
        let mut t = Table::new(
            &[
                "actor",
                "position",
                "salience",
                "capability",
                "source",
                "evidence",
            ],
            &[false, true, true, true, false, false],
        )
        .limit(4, 20)
        .limit(5, 28);
        for s in &issue.stances {
            let cap = r
                .stance_capability(s)
                .map(|c| c.to_string())
                .unwrap_or_else(|| "—".into());
            let src = format!(
                "{}{}",
                s.source.as_deref().unwrap_or("—"),
                if s.estimate { " (est.)" } else { "" }
            );
            t.row(vec![
                s.actor.clone(),
                s.position.to_string(),
                s.salience.to_string(),
                cap,
                src,
                s.evidence.clone().unwrap_or_default(),
            ]);
        }
        out.push_str(&indent(&t.render(), 2));
    }
    out
}

/// Every tie.
pub fn ties(r: &Resolved) -> String {
    let mut t = Table::new(
        &["kind", "actors", "weight", "source", "note"],
        &[false, false, true, false, false],
    )
    .limit(4, 48);
    for tie in &r.scenario.ties {
        t.row(vec![
            tie.kind.keyword().into(),
            format!("{}–{}", tie.actors[0], tie.actors[1]),
            tie.weight
                .map(|w| w.to_string())
                .unwrap_or_else(|| "1".into()),
            tie.source.clone().unwrap_or_else(|| "—".into()),
            tie.note.clone().unwrap_or_default(),
        ]);
    }
    t.render()
}

/// Every world-data figure of every actor: value, unit, the year it describes and its source;
/// a figure from a year after `as_of` is marked.
pub fn world_figures(r: &Resolved) -> String {
    let mut t = Table::new(
        &["actor", "figure", "value", "unit", "year", "source"],
        &[false, false, true, false, true, false],
    )
    .limit(3, 22)
    .limit(5, 26);
    let mut after = 0;
    for a in &r.actors {
        for f in &a.world_figures {
            let flag = if f.after_as_of {
                after += 1;
                "!"
            } else {
                ""
            };
            t.row(vec![
                a.id.clone(),
                f.figure.name.to_string(),
                format!("{}", f.figure.value),
                f.figure.unit.to_string(),
                format!("{}{flag}", f.figure.year),
                f.figure.source.owner.to_string(),
            ]);
        }
    }
    if r.actors.iter().all(|a| a.world_figures.is_empty()) {
        return "no figures from the world data\n".into();
    }
    let mut out = t.render();
    let as_of = r.scenario.scenario.as_of.as_deref().unwrap_or("—");
    if after > 0 {
        out.push_str(&format!(
            "! = {after} figure(s) describe a year after as_of ({as_of}): information the actors did not have then\n"
        ));
    } else {
        out.push_str(&format!(
            "every figure describes as_of's year ({as_of}) or earlier\n"
        ));
    }
    out
}
