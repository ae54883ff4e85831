//! Writing an [`Imported`] value as a scenario file (format version 1).
//!
//! Lossless for the numbers: every stance carries its own capability (Decide CSV power is
//! per actor-issue); the actor's capability is the common value of its stances, or their
//! maximum when they differ (a comment says so). Multi-dimensional issues become one
//! `[[issue]]` per dimension, since scenario issues are one-dimensional. Deciding bodies
//! become `kind = "body"` actors (their members `kind = "state"`), cited sources go into
//! `[scenario] sources`, and recorded outcomes into `known_outcome`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use super::{Imported, ImportedBody};

/// A scenario id from free text: lower-case ASCII letters, digits and `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "imported".into()
    } else {
        out
    }
}

/// A scenario id from a foreign key: letters, digits, `-`, `_` and `.` are kept, every other
/// run of characters becomes one `_` ("EU (incl Norway)" → "EU_incl_Norway").
pub(crate) fn scenario_id(key: &str) -> String {
    let mut out = String::new();
    for ch in key.chars() {
        if ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '.') {
            out.push(ch);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_matches('_').to_string();
    if out.is_empty() { "x".into() } else { out }
}

/// Unique scenario ids for `keys`, in order: clashes get `-2`, `-3`, ….
fn scenario_ids<'a>(keys: impl Iterator<Item = &'a str>) -> BTreeMap<String, String> {
    let mut used = BTreeSet::new();
    let mut map = BTreeMap::new();
    for key in keys {
        if map.contains_key(key) {
            continue;
        }
        let base = scenario_id(key);
        let mut id = base.clone();
        let mut k = 2;
        while !used.insert(id.clone()) {
            id = format!("{base}-{k}");
            k += 1;
        }
        map.insert(key.to_string(), id);
    }
    map
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML float (always with a fraction or exponent, so it reads back as a float).
fn num(x: f64) -> String {
    format!("{x:?}")
}

/// Render the scenario file.
pub fn write(imp: &Imported) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "# Imported from a {} file by `detente import`.",
        imp.format.name()
    );
    for note in &imp.notes {
        let _ = writeln!(t, "# Note: {note}");
    }
    let _ = writeln!(t, "format = 1\n\n[scenario]");
    let _ = writeln!(t, "id = {}", quote(&slug(&imp.title)));
    let title = if imp.title.is_empty() {
        "Imported scenario"
    } else {
        &imp.title
    };
    let _ = writeln!(t, "title = {}", quote(title));
    if !imp.description.is_empty() {
        let _ = writeln!(t, "summary = {}", quote(&imp.description));
    }
    let source_ids = scenario_ids(imp.sources.iter().map(|s| s.id.as_str()));
    let sid = |k: &str| source_ids.get(k).cloned().unwrap_or_else(|| scenario_id(k));
    if !imp.sources.is_empty() {
        let _ = writeln!(t, "sources = [");
        for s in &imp.sources {
            let _ = writeln!(
                t,
                "  {{ id = {}, cite = {} }},",
                quote(&sid(&s.id)),
                quote(&s.cite)
            );
        }
        let _ = writeln!(t, "]");
    }
    let _ = writeln!(t, "\n[world]\ndata = \"none\"");
    let actor_ids = scenario_ids(
        imp.actors
            .iter()
            .map(|a| a.id.as_str())
            .chain(
                imp.issues
                    .iter()
                    .flat_map(|i| i.issue.stances.iter().map(|s| s.actor.as_str())),
            )
            .chain(imp.bodies.iter().map(|b| b.id.as_str())),
    );
    let members: BTreeSet<&str> = imp
        .bodies
        .iter()
        .flat_map(|b| b.members.iter().map(String::as_str))
        .collect();
    let issue_ids = scenario_ids(imp.issues.iter().flat_map(|i| {
        if i.issue.m() == 1 {
            vec![i.issue.id.as_str()]
        } else {
            i.issue.dimensions.iter().map(String::as_str).collect()
        }
    }));
    let aid = |k: &str| actor_ids.get(k).cloned().unwrap_or_else(|| scenario_id(k));
    let iid = |k: &str| issue_ids.get(k).cloned().unwrap_or_else(|| scenario_id(k));
    for actor in &imp.actors {
        let caps: Vec<f64> = imp
            .issues
            .iter()
            .flat_map(|i| i.issue.stances.iter())
            .filter(|s| s.actor == actor.id)
            .map(|s| s.capability)
            .collect();
        let max = caps.iter().copied().fold(0.0, f64::max);
        let uniform = caps.windows(2).all(|w| w[0] == w[1]);
        let _ = writeln!(t, "\n[[actor]]\nid = {}", quote(&aid(&actor.id)));
        let kind = if members.contains(actor.id.as_str()) {
            "state"
        } else {
            "other"
        };
        let _ = writeln!(t, "name = {}\nkind = \"{kind}\"", quote(&actor.name));
        if uniform {
            let _ = writeln!(t, "capability = {}", num(max));
        } else {
            let _ = writeln!(
                t,
                "capability = {}  # the largest of its per-issue capabilities (see stances)",
                num(max)
            );
        }
        if !actor.comment.is_empty() {
            let _ = writeln!(t, "# {}", actor.comment.replace('\n', " "));
        }
    }
    for body in &imp.bodies {
        write_body(&mut t, body, &aid);
    }
    for imported in &imp.issues {
        let issue = &imported.issue;
        for (d, dim) in issue.dimensions.iter().enumerate() {
            let id = if issue.m() == 1 {
                iid(&issue.id)
            } else {
                iid(dim)
            };
            let _ = writeln!(t, "\n[[issue]]\nid = {}", quote(&id));
            let question = if issue.m() == 1 { &issue.question } else { dim };
            if !question.is_empty() {
                let _ = writeln!(t, "question = {}", quote(question));
            }
            if let Some(b) = &imported.body {
                let _ = writeln!(t, "body = {}", quote(&aid(b)));
            }
            if issue.m() > 1 {
                let _ = writeln!(
                    t,
                    "# dimension {} of multi-dimensional issue {}",
                    d + 1,
                    quote(&issue.id)
                );
            }
            if !imported.comment.is_empty() {
                let _ = writeln!(t, "# {}", imported.comment.replace('\n', " "));
            }
            let mut scale = format!(
                "min = {}, max = {}",
                num(issue.scale.lo),
                num(issue.scale.hi)
            );
            if let Some(l) = &issue.scale.lo_label {
                let _ = write!(scale, ", min_label = {}", quote(l));
            }
            if let Some(l) = &issue.scale.hi_label {
                let _ = write!(scale, ", max_label = {}", quote(l));
            }
            let _ = writeln!(t, "scale = {{ {scale} }}");
            if let Some(q) = issue.status_quo.as_ref().and_then(|q| q.get(d)) {
                let _ = writeln!(t, "status_quo = {}", num(*q));
            }
            if let Some(k) = imported.known_outcome.as_ref().filter(|_| issue.m() == 1) {
                let mut fields = format!(
                    "value = {}, source = {}",
                    num(k.value),
                    quote(&sid(&k.source))
                );
                if !k.note.is_empty() {
                    let _ = write!(fields, ", note = {}", quote(&k.note));
                }
                let _ = writeln!(t, "known_outcome = {{ {fields} }}");
            }
            for st in &issue.stances {
                let _ = writeln!(t, "\n[[issue.stance]]\nactor = {}", quote(&aid(&st.actor)));
                let _ = writeln!(t, "position = {}", num(st.position[d]));
                let _ = writeln!(t, "salience = {}", num(st.salience[d]));
                let _ = writeln!(t, "capability = {}", num(st.capability));
            }
        }
    }
    t
}

/// A `kind = "body"` actor: members, rule (keyword and quotas as the rule serialises them)
/// and weights.
fn write_body(t: &mut String, body: &ImportedBody, aid: &impl Fn(&str) -> String) {
    let _ = writeln!(t, "\n[[actor]]\nid = {}", quote(&aid(&body.id)));
    let _ = writeln!(t, "name = {}\nkind = \"body\"", quote(&body.name));
    let members: Vec<String> = body.members.iter().map(|m| quote(&aid(m))).collect();
    let _ = writeln!(t, "members = [{}]", members.join(", "));
    if let Ok(serde_json::Value::Object(rule)) = serde_json::to_value(&body.rule) {
        for (key, value) in &rule {
            let key = if key == "kind" { "rule" } else { key.as_str() };
            if let Some(v) = toml_value(value) {
                let _ = writeln!(t, "{key} = {v}");
            }
        }
    }
    let _ = writeln!(t, "weights = {}", quote(&body.weights));
}

/// A JSON scalar or object as a TOML value (objects inline); `None` for null.
fn toml_value(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match v {
        Value::Null => None,
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => n.as_f64().map(num),
        Value::String(s) => Some(quote(s)),
        Value::Array(items) => Some(format!(
            "[{}]",
            items
                .iter()
                .filter_map(toml_value)
                .collect::<Vec<_>>()
                .join(", ")
        )),
        Value::Object(map) => Some(format!(
            "{{ {} }}",
            map.iter()
                .filter_map(|(k, v)| toml_value(v).map(|v| format!("{k} = {v}")))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{ImportOptions, decide_csv};

    #[test]
    fn output_is_valid_toml_with_every_number() {
        let text = "#O\tTest \"model\"\n#A\ta\tAlpha\n#A\tb\tBeta\n#P\tp\tIssue\n\
                    #D\ta\tp\t10\t0.5\t0.2\n#D\tb\tp\t90\t1\t0.4\n";
        let imp = decide_csv::parse(text, &ImportOptions::default()).expect("valid");
        let out = write(&imp);
        let v: toml::Table = toml::from_str(&out).expect("valid TOML");
        assert_eq!(v["format"].as_integer(), Some(1));
        assert_eq!(v["world"]["data"].as_str(), Some("none"));
        let issue = &v["issue"].as_array().expect("issues")[0];
        assert_eq!(issue["scale"]["max"].as_float(), Some(100.0));
        let st = issue["stance"].as_array().expect("stances");
        assert_eq!(st[1]["position"].as_float(), Some(90.0));
        assert_eq!(st[1]["capability"].as_float(), Some(0.4));
        assert_eq!(v["scenario"]["title"].as_str(), Some("Test \"model\""));
    }

    #[test]
    fn ids_are_sanitised_and_unique() {
        let m = scenario_ids(
            [
                "EU (incl Norway)",
                "EU-incl-Norway",
                "EU  incl Norway",
                "USA",
            ]
            .into_iter(),
        );
        assert_eq!(m["EU (incl Norway)"], "EU_incl_Norway");
        assert_eq!(m["EU-incl-Norway"], "EU-incl-Norway");
        assert_eq!(m["EU  incl Norway"], "EU_incl_Norway-2");
        assert_eq!(m["USA"], "USA");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("EC car emissions (1994)"), "ec-car-emissions-1994");
        assert_eq!(slug("--"), "imported");
    }
}
