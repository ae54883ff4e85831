//! The first screen: key judgements with their likelihood words, one summary chart (each
//! judgement's probability on the likelihood scale), the assumptions-and-definitions box and
//! the indicators to watch.

use super::Page;
use crate::charts::svg::{Anchor, Font, Svg, escape, num};
use crate::charts::{INK, colour};
use crate::confidence::{LIKELIHOOD, percent, percent_with_interval};
use crate::model::{Judgement, Report};
use std::fmt::Write as _;

pub(super) fn judgements(page: &mut Page, report: &Report) {
    if report.judgements.is_empty() {
        return;
    }
    page.raw("<section id=\"judgements\" class=\"bluf\">\n");
    page.heading(2, "judgements-title", "Key judgements");
    page.raw("<ol class=\"judgements\">\n");
    for (k, j) in report.judgements.iter().enumerate() {
        judgement(page, k, j);
    }
    page.raw("</ol>\n");
    page.para_class(
        "note",
        "Likelihood words follow the ICD 203 scale: almost no chance 0–5 %, very unlikely 5–20 %, \
         unlikely 20–45 %, roughly even chance 45–55 %, likely 55–80 %, very likely 80–95 %, \
         almost certain 95–100 %. Confidence (low, moderate, high) says how far the evidence \
         supports the judgement: whether the models agree and the interval stays within one word.",
    );
    summary_chart(page, &report.judgements);
    page.raw("</section>\n");
}

fn judgement(page: &mut Page, k: usize, j: &Judgement) {
    let mut h = String::new();
    let _ = write!(
        h,
        "<li class=\"judgement\" id=\"judgement-{}\">\n<p class=\"topic\">{}</p>\n<p class=\"statement\">{}</p>\n",
        k + 1,
        escape(&j.label),
        escape(&j.statement)
    );
    let likelihood = j.likelihood.map_or_else(
        || "no probability stated".to_string(),
        |l| percent_with_interval(l.p, l.low, l.high),
    );
    let _ = writeln!(
        h,
        "<p class=\"grade\"><span class=\"badge\">{} confidence</span> {} · {}</p>",
        escape(&j.confidence),
        escape(&likelihood),
        escape(&j.confidence_reason)
    );
    if let Some(w) = &j.warning {
        let _ = writeln!(
            h,
            "<p class=\"warning\"><b>Models disagree.</b> {}</p>",
            escape(w)
        );
    }
    let _ = writeln!(h, "<p class=\"detail\">{}</p>", escape(&j.evidence));
    if let Some(t) = &j.track_record {
        let _ = writeln!(
            h,
            "<p class=\"detail\"><b>Track record.</b> {}</p>",
            escape(t)
        );
    }
    if !j.would_change.is_empty() {
        let _ = writeln!(
            h,
            "<p class=\"detail\"><b>What would change it.</b> {}</p>",
            escape(&j.would_change.join(" "))
        );
    }
    h.push_str("</li>\n");
    page.raw(&h);
}

/// Each judgement with a probability as a dot with its interval on the 0–100 % likelihood
/// scale, over the ICD 203 bands; a table of the same numbers follows in a `<details>`.
fn summary_chart(page: &mut Page, js: &[Judgement]) {
    let shown: Vec<(usize, &Judgement)> = js
        .iter()
        .enumerate()
        .filter(|(_, j)| j.likelihood.is_some())
        .collect();
    if shown.is_empty() {
        return;
    }
    let (left, right, top, row) = (40.0, 24.0, 34.0, 34.0);
    let width = 640.0;
    let height = top + row * shown.len() as f64 + 40.0;
    let plot = width - left - right;
    let x = |p: f64| left + plot * p.clamp(0.0, 1.0);
    let mut svg = Svg::new(width, height);
    let mut low = 0.0;
    for (i, (upper, word)) in LIKELIHOOD.iter().enumerate() {
        let fill = if i % 2 == 0 { "#f0f0f0" } else { "#ffffff" };
        svg.rect(
            x(low),
            top - 6.0,
            x(*upper) - x(low),
            height - top - 34.0,
            fill,
            1.0,
        );
        // Label the wider bands only; narrow ones are named in the note above.
        if upper - low >= 0.15 {
            svg.text(
                (x(low) + x(*upper)) / 2.0,
                top - 12.0,
                Anchor::Middle,
                Font::Small,
                word,
            );
        }
        low = *upper;
    }
    for (r, (k, j)) in shown.iter().enumerate() {
        let l = j.likelihood.unwrap_or(crate::model::Proportion {
            p: f64::NAN,
            low: f64::NAN,
            high: f64::NAN,
        });
        let y = top + row * r as f64 + row / 2.0;
        svg.line((x(l.low), y), (x(l.high), y), INK, 2.0);
        svg.circle_titled(
            (x(l.p), y),
            6.0,
            colour(r),
            1.0,
            &format!("{}: {}", j.label, percent_with_interval(l.p, l.low, l.high)),
        );
        svg.text(
            left - 8.0,
            y + 4.0,
            Anchor::End,
            Font::Label,
            &format!("{}", k + 1),
        );
    }
    let base = height - 34.0;
    svg.line((left, base), (left + plot, base), INK, 1.0);
    for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
        svg.line((x(t), base), (x(t), base + 5.0), INK, 1.0);
        svg.text(x(t), base + 18.0, Anchor::Middle, Font::Label, &percent(t));
    }
    let chart = svg.finish("Key judgements on the likelihood scale");
    page.figure_with_table(
        &chart,
        "The probability behind each key judgement (dot, numbered as in the list) with its 95 % \
         interval (line), over the ICD 203 likelihood bands. Judgements without a probability are \
         not drawn.",
        &["judgement", "probability", "95 % interval"],
        &shown
            .iter()
            .map(|(k, j)| {
                let l = j.likelihood.unwrap_or(crate::model::Proportion {
                    p: f64::NAN,
                    low: f64::NAN,
                    high: f64::NAN,
                });
                vec![
                    format!("{}. {}", k + 1, j.label),
                    percent(l.p),
                    format!("{} to {}", percent(l.low), percent(l.high)),
                ]
            })
            .collect::<Vec<_>>(),
    );
    let _ = num;
}

pub(super) fn definitions(page: &mut Page, report: &Report) {
    if report.definitions.is_empty() {
        return;
    }
    page.raw("<aside id=\"definitions\" class=\"definitions\">\n");
    page.heading(2, "definitions-title", "Assumptions and definitions");
    page.raw("<dl>\n");
    for d in &report.definitions {
        page.raw(&format!(
            "<dt>{}</dt><dd>{}</dd>\n",
            escape(&d.term),
            escape(&d.meaning)
        ));
    }
    page.raw("</dl>\n</aside>\n");
}

pub(super) fn indicators(page: &mut Page, report: &Report) {
    if report.indicators.is_empty() {
        return;
    }
    page.raw("<section id=\"indicators\">\n");
    page.heading(2, "indicators-title", "Indicators to watch");
    page.para(
        "Observable changes that would move a judgement, taken from the levers and the \
         sensitivity of each issue (the library's analysis functions), largest first.",
    );
    let rows: Vec<Vec<String>> = report
        .indicators
        .iter()
        .map(|i| vec![i.judgement.clone(), i.watch.clone(), i.signal.clone()])
        .collect();
    page.table(
        "What to watch and what a change would do.",
        &["judgement", "watch", "signal"],
        &[false, false, false],
        &rows,
    );
    page.raw("</section>\n");
}

/// The id table of the method annex: internal ids and the names the report uses.
pub(super) fn names(page: &mut Page, report: &Report) {
    if report.names.is_empty() {
        return;
    }
    let rows: Vec<Vec<String>> = report
        .names
        .iter()
        .map(|(id, name)| vec![id.clone(), name.clone()])
        .collect();
    page.table(
        "Identifiers used in the scenario file and on the command line, with the names this \
         report uses.",
        &["id", "name"],
        &[false, false],
        &rows,
    );
}
