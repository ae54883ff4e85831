//! Section 2: the scenario — summary, actors with the provenance of every number, each issue's
//! stances with their evidence, and the sources (URLs as text, never loaded).

use super::{Page, anchor, fmt, fmt_qty, scale_decimals};
use crate::charts::svg::escape;
use crate::model::{ScenarioSection, StanceRow};
use std::fmt::Write as _;

/// Sub-entries of the table of contents.
pub(super) fn toc(s: &ScenarioSection) -> Vec<(String, String)> {
    let mut v = Vec::new();
    if !s.actors.is_empty() {
        v.push(("scenario-actors".into(), "Actors".into()));
    }
    if !s.issues.is_empty() {
        v.push(("scenario-stances".into(), "Stances and evidence".into()));
    }
    if !s.sources.is_empty() {
        v.push(("scenario-sources".into(), "Sources".into()));
    }
    v
}

pub(super) fn section(page: &mut Page, s: &ScenarioSection, title: &str) {
    page.raw("<section id=\"scenario\">\n");
    page.heading(2, "scenario-title", title);
    if let Some(summary) = &s.summary {
        page.para_class("lede", summary);
    }
    if !s.actors.is_empty() {
        page.heading(3, "scenario-actors", "Actors");
        let rows: Vec<Vec<String>> = s
            .actors
            .iter()
            .map(|a| {
                vec![
                    a.id.clone(),
                    a.name.clone(),
                    a.kind.clone(),
                    a.capability
                        .map(|c| format!("{} {}", fmt_qty(c), a.unit).trim().to_string())
                        .unwrap_or_else(|| "–".into()),
                    a.provenance.clone(),
                ]
            })
            .collect();
        page.table(
            "Actors and where each capability figure comes from.",
            &["id", "name", "kind", "capability", "provenance"],
            &[false, false, false, true, false],
            &rows,
        );
    }
    if !s.issues.is_empty() {
        page.heading(3, "scenario-stances", "Stances and evidence");
        for issue in &s.issues {
            page.heading(4, &anchor("stances", &issue.id), &issue.question);
            let mut facts = Vec::new();
            if let Some(b) = &issue.body {
                facts.push(format!("decided by {b}"));
            }
            let ends = match (&issue.scale.min_label, &issue.scale.max_label) {
                (Some(a), Some(b)) => format!(" ({a} … {b})"),
                _ => String::new(),
            };
            let unit = issue
                .scale
                .unit
                .as_deref()
                .map(|u| format!(" {u}"))
                .unwrap_or_default();
            let d = scale_decimals(issue.scale.max - issue.scale.min);
            facts.push(format!(
                "scale {}–{}{unit}{ends}",
                fmt(issue.scale.min, d),
                fmt(issue.scale.max, d)
            ));
            if let Some(q) = issue.status_quo {
                facts.push(format!("status quo {}", fmt(q, d)));
            }
            page.para_class("note", &facts.join("; "));
            let rows: Vec<Vec<String>> = issue.stances.iter().map(|st| stance_row(st, d)).collect();
            page.card_table(
                &format!(
                    "Stances on “{}”. Ranges are the analyst's plausible bounds.",
                    issue.question
                ),
                &[
                    "actor",
                    "position",
                    "range",
                    "salience",
                    "capability",
                    "basis",
                    "source",
                    "evidence",
                ],
                &[false, true, true, true, true, false, false, false],
                &rows,
            );
        }
    }
    if !s.sources.is_empty() {
        page.heading(3, "scenario-sources", "Sources");
        let mut html = String::from("<ol class=\"sources\">\n");
        for src in &s.sources {
            let _ = write!(
                html,
                "<li id=\"{}\"><span class=\"src-id\">[{}]</span> {}",
                escape(&anchor("source", &src.id)),
                escape(&src.id),
                escape(&src.cite)
            );
            if let Some(u) = &src.url {
                // Printed as text: the report loads nothing and links nowhere outside itself.
                let _ = write!(html, " <span class=\"url\">{}</span>", escape(u));
            }
            html.push_str("</li>\n");
        }
        html.push_str("</ol>\n");
        page.raw(&html);
    }
    page.raw("</section>\n");
}

fn stance_row(st: &StanceRow, d: usize) -> Vec<String> {
    let range = if st.position.is_uncertain() {
        format!("{}–{}", fmt(st.position.low, d), fmt(st.position.high, d))
    } else {
        String::new()
    };
    vec![
        st.actor.clone(),
        fmt(st.position.point, d),
        range,
        fmt(st.salience, 2),
        st.capability.map(fmt_qty).unwrap_or_else(|| "–".into()),
        if st.estimate {
            "estimate".into()
        } else {
            "stated".into()
        },
        st.source.clone().unwrap_or_default(),
        st.evidence.clone().unwrap_or_default(),
    ]
}
