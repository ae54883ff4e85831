//! Section 3: decide — per issue the actors on the scale with every model's prediction, the
//! status quo and the feasible set; the trajectory over rounds; the Monte Carlo distribution;
//! the tornado; the levers.

use super::{Page, anchor, fmt, pct, scale_decimals};
use crate::charts::bubble::{self, IssueChart};
use crate::charts::histogram::{self, HistogramChart};
use crate::charts::line::{self, Line, LineChart};
use crate::charts::tornado::{self, TornadoChart};
use crate::charts::{DASHES, INK, WIDTH, colour, dash};
use crate::model::{DecideSection, Feasible, IssueDecision, TornadoBar, Trajectory};

/// Most tornado bars drawn.
const MAX_TORNADO_BARS: usize = 15;

/// The tornado's axis covers at least the base ± this share of the issue scale (±5 points on
/// 0–100): zoomed to the bars alone, a half-point effect filled the chart.
const TORNADO_MIN_HALF_WIDTH: f64 = 0.05;

/// Sub-entries of the table of contents: one per issue.
pub(super) fn toc(d: &DecideSection) -> Vec<(String, String)> {
    d.issues
        .iter()
        .map(|i| (anchor("decide", &i.id), i.question.clone()))
        .collect()
}

pub(super) fn section(page: &mut Page, d: &DecideSection, title: &str) {
    page.raw("<section id=\"decide\">\n");
    page.heading(2, "decide-title", title);
    page.para_class(
        "note",
        "Each issue is a question a body decides on a one-dimensional scale. Every model predicts \
         where the outcome settles; the compromise model (capability × salience weighted mean) is \
         the baseline the others are read against, and the decision rule limits what can pass.",
    );
    for issue in &d.issues {
        issue_block(page, issue);
    }
    page.raw("</section>\n");
}

fn unit_suffix(issue: &IssueDecision) -> String {
    issue
        .scale
        .unit
        .as_deref()
        .map(|u| format!(" ({u})"))
        .unwrap_or_default()
}

fn issue_block(page: &mut Page, issue: &IssueDecision) {
    let d = scale_decimals(issue.scale.max - issue.scale.min);
    page.heading(3, &anchor("decide", &issue.id), &issue.question);
    let mut facts = Vec::new();
    if let Some(b) = &issue.body {
        facts.push(format!("Decided by {b}."));
    }
    if let Some(q) = issue.status_quo {
        facts.push(format!("Status quo {}.", fmt(q, d)));
    }
    match issue.feasible {
        Some(Feasible::Interval { low, high }) => facts.push(format!(
            "The decision rule lets outcomes between {} and {} pass.",
            fmt(low, d + 1),
            fmt(high, d + 1)
        )),
        Some(Feasible::Deadlock { at }) => facts.push(format!(
            "Deadlock: no position other than the status quo passes the rule, so the issue stays at {}.",
            fmt(at, d + 1)
        )),
        None => {}
    }
    if !facts.is_empty() {
        page.para(&facts.join(" "));
    }
    let chart = IssueChart {
        title: &format!("Actors and predictions: {}", issue.question),
        scale: &issue.scale,
        status_quo: issue.status_quo,
        actors: &issue.actors,
        predictions: &issue.predictions,
        baseline: issue.baseline,
        feasible: issue.feasible,
    };
    page.figure_with_table(
        &bubble::render(&chart),
        &issue_caption(issue),
        &[
            "actor or model",
            "position or prediction",
            "plausible range",
            "capability × salience",
        ],
        &issue_numbers(issue, d),
    );
    predictions_table(page, issue, d);
    page.begin_detail(&format!("Decide: {}", issue.question));
    levers_table(page, issue, d);
    trajectories(page, issue, d);
    for dist in &issue.distributions {
        let chart = HistogramChart {
            title: &format!("Monte Carlo distribution of the outcome, {}", dist.model),
            x_label: &format!("outcome on the issue scale{}", unit_suffix(issue)),
            bins: &dist.bins,
            quantiles: [dist.q05, dist.q50, dist.q95],
            x_domain: Some((issue.scale.min, issue.scale.max)),
            decimals: d + 1,
        };
        let view = histogram::view(&chart);
        let mut caption = format!(
            "Outcome of the {} model over {} Monte Carlo runs drawing every uncertain input: \
             median {}, 90 % of runs between {} and {}.",
            dist.model,
            dist.runs,
            fmt(dist.q50, d + 1),
            fmt(dist.q05, d + 1),
            fmt(dist.q95, d + 1)
        );
        if view.zoomed {
            caption.push_str(&format!(
                " The axis is zoomed to the runs ({} to {}); the strip below it marks that window \
                 on the full scale ({} to {}).",
                fmt(view.low, d + 1),
                fmt(view.high, d + 1),
                fmt(issue.scale.min, d),
                fmt(issue.scale.max, d)
            ));
        }
        if view.one_bin {
            caption.push_str(" Every run fell in one bin; the window is widened around it.");
        }
        let total: u64 = dist.bins.iter().map(|b| b.count).sum();
        let rows: Vec<Vec<String>> = dist
            .bins
            .iter()
            .filter(|b| b.count > 0)
            .map(|b| {
                vec![
                    format!("{} to {}", fmt(b.low, d + 1), fmt(b.high, d + 1)),
                    b.count.to_string(),
                    pct(b.count as f64 / total.max(1) as f64),
                ]
            })
            .collect();
        page.figure_with_table(
            &histogram::render(&chart),
            &caption,
            &["outcome bin", "runs", "share of runs"],
            &rows,
        );
    }
    if let Some(t) = &issue.tornado {
        // Past a screenful the bars are too small to matter; show the largest swings.
        let shown: Vec<TornadoBar> = tornado::sorted(&t.bars)
            .into_iter()
            .take(MAX_TORNADO_BARS)
            .cloned()
            .collect();
        // The levers move the same metric (the compromise outcome before the rule); drawing them
        // here keeps the tornado and the levers table telling one story about what matters.
        let levers: Vec<(String, f64)> = issue
            .levers
            .iter()
            .map(|l| (format!("{}: {}", l.actor, l.change), l.effect))
            .collect();
        let half = TORNADO_MIN_HALF_WIDTH * (issue.scale.max - issue.scale.min).abs();
        let chart = TornadoChart {
            title: &format!("Sensitivity: {}", t.metric),
            metric: &t.metric,
            base: t.base,
            bars: &shown,
            levers: &levers,
            min_half_width: half,
            decimals: d + 1,
        };
        let mut caption = "One input at a time moved to its low (blue) and high (orange) end, all \
                           others at their point values; green: each lever from the levers table \
                           (one deliberate change); rows sorted by how far they move the outcome."
            .to_string();
        caption.push_str(&format!(
            " The axis spans at least ±{} around the base (a twentieth of the scale), so a small \
             effect is drawn small.",
            fmt(half, d)
        ));
        if t.bars.len() > shown.len() {
            caption.push_str(&format!(
                " The {} largest of {} inputs are shown.",
                shown.len(),
                t.bars.len()
            ));
        }
        let rows: Vec<Vec<String>> = shown
            .iter()
            .map(|b| {
                vec![
                    b.input.clone(),
                    fmt(b.at_low, d + 1),
                    fmt(b.at_high, d + 1),
                    signed(b.at_high - b.at_low, d + 1),
                ]
            })
            .chain(levers.iter().map(|(l, e)| {
                vec![
                    format!("lever: {l}"),
                    "–".into(),
                    fmt(t.base + e, d + 1),
                    signed(*e, d + 1),
                ]
            }))
            .collect();
        page.figure_with_table(
            &tornado::render(&chart),
            &caption,
            &[
                "input or lever",
                "outcome at the input's low end",
                "outcome at its high end, or after the lever",
                "swing, or the lever's effect",
            ],
            &rows,
        );
    }
    page.end_detail();
}

/// The issue chart's caption, naming only what the chart draws.
fn issue_caption(issue: &IssueDecision) -> String {
    let mut parts = vec![
        "Actors on the issue scale, sorted by position: bubble area ∝ capability × salience; \
         whiskers span the plausible range of estimated positions."
            .to_string(),
    ];
    parts.push(if issue.predictions.is_empty() {
        "Diamond below the axis: the compromise baseline.".to_string()
    } else {
        "Diamonds below the axis: each model's predicted outcome, the first row the compromise \
         baseline."
            .to_string()
    });
    if issue.status_quo.is_some() {
        parts.push("Dashed line: status quo.".to_string());
    }
    match issue.feasible {
        Some(Feasible::Interval { .. }) => {
            parts.push("Green band: outcomes the decision rule allows.".to_string())
        }
        Some(Feasible::Deadlock { .. }) => {
            parts.push("Orange line: deadlock, the issue stays where it is.".to_string())
        }
        None => {}
    }
    parts.join(" ")
}

fn predictions_table(page: &mut Page, issue: &IssueDecision, d: usize) {
    if let Some(w) = &issue.disagreement {
        page.raw(&format!(
            "<p class=\"warning\"><b>Models disagree.</b> {}</p>\n",
            crate::charts::svg::escape(w)
        ));
    }
    for f in &issue.flags {
        page.para_class("note", f);
    }
    let after = |model: &str| {
        issue
            .predictions
            .iter()
            .find(|p| p.model == model || p.model == format!("{model} + rule"))
            .map(|p| p.value)
    };
    let mut rows = Vec::new();
    if issue.unconstrained.is_empty() {
        rows.push(vec![
            "compromise (baseline)".to_string(),
            fmt(issue.baseline, d + 1),
            fmt(issue.baseline, d + 1),
            issue
                .status_quo
                .map(|q| signed(issue.baseline - q, d + 1))
                .unwrap_or_else(|| "–".into()),
        ]);
        for p in &issue.predictions {
            rows.push(vec![
                p.model.clone(),
                "–".into(),
                fmt(p.value, d + 1),
                issue
                    .status_quo
                    .map(|q| signed(p.value - q, d + 1))
                    .unwrap_or_else(|| "–".into()),
            ]);
        }
    } else {
        for p in &issue.unconstrained {
            let a = after(&p.model).unwrap_or(p.value);
            rows.push(vec![
                p.model.clone(),
                fmt(p.value, d + 1),
                fmt(a, d + 1),
                issue
                    .status_quo
                    .map(|q| signed(a - q, d + 1))
                    .unwrap_or_else(|| "–".into()),
            ]);
        }
    }
    page.table(
        &format!(
            "Predicted outcome per model{}, before and after the decision rule.",
            unit_suffix(issue)
        ),
        &[
            "model",
            "before the rule",
            "after the rule",
            "after, vs status quo",
        ],
        &[false, true, true, true],
        &rows,
    );
}

/// A signed difference (`+3.0`, `−1.5`).
pub(super) fn signed(v: f64, decimals: usize) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let s = fmt(v.abs(), decimals);
    let zero = s.chars().all(|c| c == '0' || c == '.');
    if zero {
        s
    } else if v < 0.0 {
        format!("−{s}")
    } else {
        format!("+{s}")
    }
}

fn trajectories(page: &mut Page, issue: &IssueDecision, d: usize) {
    let with_rounds: Vec<&Trajectory> = issue
        .trajectories
        .iter()
        .filter(|t| t.outcome.len() > 1)
        .collect();
    if with_rounds.is_empty() {
        return;
    }
    let y_label = format!("outcome{}", unit_suffix(issue));
    let domain = Some((issue.scale.min, issue.scale.max));
    let lines: Vec<Line> = with_rounds
        .iter()
        .enumerate()
        .map(|(i, t)| Line {
            label: &t.model,
            values: &t.outcome,
            band: None,
            colour: colour(i),
            dash: dash(i),
            width: 2.5,
        })
        .collect();
    let chart = LineChart {
        title: &format!("Outcome over bargaining rounds: {}", issue.question),
        x_label: "round",
        y_label: &y_label,
        x: None,
        lines,
        y_domain: domain,
        width: WIDTH,
        plot_height: 200.0,
        legend: true,
    };
    let head: Vec<&str> = std::iter::once("round")
        .chain(with_rounds.iter().map(|t| t.model.as_str()))
        .collect();
    let series: Vec<&[f64]> = with_rounds.iter().map(|t| t.outcome.as_slice()).collect();
    page.figure_with_table(
        &line::render(&chart),
        "Predicted outcome after each bargaining round, per model (the model's own forecast, before \
         the decision rule).",
        &head,
        &by_round(&series, d + 1),
    );
    for t in with_rounds.iter().filter(|t| !t.actors.is_empty()) {
        let mut lines: Vec<Line> = t
            .actors
            .iter()
            .enumerate()
            .map(|(i, s)| Line {
                label: &s.label,
                values: &s.values,
                band: None,
                colour: colour(i),
                // Never solid: the solid line is the outcome.
                dash: DASHES[1 + i % (DASHES.len() - 1)],
                width: 1.3,
            })
            .collect();
        lines.push(Line {
            label: "outcome",
            values: &t.outcome,
            band: None,
            colour: INK,
            dash: "",
            width: 2.8,
        });
        let chart = LineChart {
            title: &format!("Actor positions over rounds, {}", t.model),
            x_label: "round",
            y_label: &y_label,
            x: None,
            lines,
            y_domain: domain,
            width: WIDTH,
            plot_height: 220.0,
            legend: true,
        };
        let head: Vec<&str> = std::iter::once("round")
            .chain(t.actors.iter().map(|s| s.label.as_str()))
            .chain(["outcome"])
            .collect();
        let series: Vec<&[f64]> = t
            .actors
            .iter()
            .map(|s| s.values.as_slice())
            .chain([t.outcome.as_slice()])
            .collect();
        page.figure_with_table(
            &line::render(&chart),
            &format!(
                "Each actor's position over the rounds of the {} model (dashed) and the outcome (solid).",
                t.model
            ),
            &head,
            &by_round(&series, d + 1),
        );
    }
}

/// One row per round (0, 1, …), one column per series; "–" past a series' end.
pub(super) fn by_round(series: &[&[f64]], decimals: usize) -> Vec<Vec<String>> {
    let n = series.iter().map(|s| s.len()).max().unwrap_or(0);
    (0..n)
        .map(|k| {
            std::iter::once(k.to_string())
                .chain(
                    series
                        .iter()
                        .map(|s| s.get(k).map_or("–".into(), |v| fmt(*v, decimals))),
                )
                .collect()
        })
        .collect()
}

/// The issue chart's numbers: every actor (position, range, weight), then every model's
/// prediction and the status quo.
fn issue_numbers(issue: &IssueDecision, d: usize) -> Vec<Vec<String>> {
    let mut actors: Vec<_> = issue.actors.iter().collect();
    detente::order::sort_by(&mut actors, |a, b| {
        a.position
            .point
            .total_cmp(&b.position.point)
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut rows: Vec<Vec<String>> = actors
        .iter()
        .map(|a| {
            vec![
                a.id.clone(),
                fmt(a.position.point, d),
                format!("{} to {}", fmt(a.position.low, d), fmt(a.position.high, d)),
                fmt(a.capability * a.salience, 2),
            ]
        })
        .collect();
    rows.push(vec![
        "compromise (baseline)".into(),
        fmt(issue.baseline, d + 1),
        String::new(),
        String::new(),
    ]);
    for p in &issue.predictions {
        rows.push(vec![
            p.model.clone(),
            fmt(p.value, d + 1),
            String::new(),
            String::new(),
        ]);
    }
    if let Some(q) = issue.status_quo {
        rows.push(vec![
            "status quo".into(),
            fmt(q, d),
            String::new(),
            String::new(),
        ]);
    }
    rows
}

fn levers_table(page: &mut Page, issue: &IssueDecision, d: usize) {
    if issue.levers.is_empty() {
        return;
    }
    let rows: Vec<Vec<String>> = issue
        .levers
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                (i + 1).to_string(),
                l.actor.clone(),
                l.change.clone(),
                signed(l.effect, d + 1),
            ]
        })
        .collect();
    page.table(
        &format!(
            "Levers: single changes ranked by how far they move the outcome{} (effects on the \
             compromise outcome before the decision rule, each found by re-running the model).",
            unit_suffix(issue)
        ),
        &["rank", "actor", "change", "effect on outcome"],
        &[true, false, false, true],
        &rows,
    );
}
