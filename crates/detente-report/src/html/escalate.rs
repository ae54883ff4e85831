//! Section 5: escalate — per policy the spiral probability with its Wilson interval, tension
//! per domain over time (median and 80 % band), welfare per side, decoupling, paired
//! differences between policies; then the Richardson verdict and trajectories.

use super::decide::signed;
use super::{Page, fmt, fmt_opt, pct};
use crate::charts::bars::{self, Bar, BarChart, BarGroup};
use crate::charts::line::{self, Line, LineChart};
use crate::charts::{WIDTH, colour, dash};
use crate::model::{EscalateSection, Interval, PolicyResult, Richardson};

/// Sub-entries of the table of contents.
pub(super) fn toc(e: &EscalateSection) -> Vec<(String, String)> {
    let mut v = Vec::new();
    if !e.policies.is_empty() {
        v.push(("escalate-policies".into(), "Policies compared".into()));
        v.push(("escalate-tension".into(), "Tension over time".into()));
        if e.policies.iter().any(|p| !p.welfare.is_empty()) {
            v.push(("escalate-welfare".into(), "Welfare".into()));
        }
    }
    if !e.paired.is_empty() {
        v.push(("escalate-paired".into(), "Paired differences".into()));
    }
    if e.richardson.is_some() {
        v.push(("escalate-richardson".into(), "Richardson arms race".into()));
    }
    v
}

pub(super) fn section(page: &mut Page, e: &EscalateSection, title: &str) {
    page.raw("<section id=\"escalate\">\n");
    page.heading(2, "escalate-title", title);
    if !e.policies.is_empty() {
        page.para_class(
            "note",
            &format!(
                "The rivalry is played as repeated dilemmas in {} domain{} ({}) over {} {}s; each \
                 policy fixes every side's strategy. Perception errors and spillover between \
                 domains can turn restraint into a spiral. Every policy is run {} times with the \
                 same random numbers (common random numbers), so differences are paired.",
                e.domains.len(),
                if e.domains.len() == 1 { "" } else { "s" },
                e.domains.join(", "),
                horizon(e),
                e.period,
                e.runs
            ),
        );
        policies(page, e);
    }
    if let Some(r) = &e.richardson {
        let class = if r.stable {
            "verdict"
        } else {
            "verdict unstable"
        };
        page.para_class(class, &r.verdict);
    }
    page.begin_detail("Escalate: tension, welfare, paired differences and the arms race");
    if !e.policies.is_empty() {
        tension(page, e);
        welfare(page, e);
    }
    paired(page, e);
    if let Some(r) = &e.richardson {
        richardson(page, r);
    }
    page.end_detail();
    page.raw("</section>\n");
}

fn horizon(e: &EscalateSection) -> usize {
    e.policies
        .iter()
        .flat_map(|p| p.tension.iter())
        .map(|t| t.median.len().saturating_sub(1))
        .max()
        .unwrap_or(0)
}

fn interval(mean: f64, iv: Interval, d: usize) -> String {
    format!("{} [{}, {}]", fmt(mean, d), fmt(iv.low, d), fmt(iv.high, d))
}

fn policies(page: &mut Page, e: &EscalateSection) {
    page.heading(3, "escalate-policies", "Policies compared");
    let mut head: Vec<String> = vec![
        "policy".into(),
        "spiral [95 % CI]".into(),
        format!("median onset ({}s)", e.period),
    ];
    head.extend(e.sides.iter().map(|s| format!("welfare {s}")));
    head.push("decoupling".into());
    let head_refs: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut numeric = vec![false, true, true];
    numeric.extend(e.sides.iter().map(|_| true));
    numeric.push(true);
    let rows: Vec<Vec<String>> = e
        .policies
        .iter()
        .map(|p| {
            let mut row = vec![
                p.label.clone(),
                format!(
                    "{} [{}, {}]",
                    pct(p.spiral.p),
                    fmt(100.0 * p.spiral.low, 1),
                    fmt(100.0 * p.spiral.high, 1)
                ),
                p.onset_median
                    .map(|o| fmt(o, 1))
                    .unwrap_or_else(|| "–".into()),
            ];
            for side in &e.sides {
                row.push(
                    p.welfare
                        .iter()
                        .find(|w| &w.side == side)
                        .map(|w| interval(w.mean, w.interval, welfare_decimals(e)))
                        .unwrap_or_else(|| "–".into()),
                );
            }
            row.push(fmt_opt(p.decoupling, 2));
            row
        })
        .collect();
    page.table(
        "Per policy: probability of a spiral with its Wilson 95 % interval (in %), median onset \
         among spiral runs, mean welfare per side [interval], and mean final decoupling (0–1).",
        &head_refs,
        &numeric,
        &rows,
    );
    let groups: Vec<BarGroup> = e
        .policies
        .iter()
        .map(|p| BarGroup {
            label: p.label.clone(),
            bars: vec![Bar {
                series: 0,
                value: p.spiral.p,
                interval: Some(Interval {
                    low: p.spiral.low,
                    high: p.spiral.high,
                }),
            }],
        })
        .collect();
    let chart = BarChart {
        title: "Spiral probability per policy",
        x_label: "probability of a spiral within the horizon",
        series: &[],
        groups: &groups,
        x_domain: Some((0.0, 1.0)),
        decimals: 2,
        width: WIDTH,
    };
    let rows: Vec<Vec<String>> = e
        .policies
        .iter()
        .map(|p| {
            vec![
                p.label.clone(),
                pct(p.spiral.p),
                format!("{} to {}", pct(p.spiral.low), pct(p.spiral.high)),
            ]
        })
        .collect();
    page.figure_with_table(
        &bars::render(&chart),
        &format!(
            "Probability of a spiral per policy over {} runs; whiskers: 95 % Wilson interval.",
            e.runs
        ),
        &["policy", "spiral probability", "95 % Wilson interval"],
        &rows,
    );
}

fn tension(page: &mut Page, e: &EscalateSection) {
    page.heading(3, "escalate-tension", "Tension over time");
    let x_label = format!("{}s from the start", e.period);
    let charts: Vec<String> = e
        .policies
        .iter()
        .map(|p| tension_chart(p, e, &x_label))
        .collect();
    let band = if e.band_label.is_empty() {
        "median over runs (line) and 10–90 % band (shaded)"
    } else {
        e.band_label.as_str()
    };
    // Every fifth period and the last: the table is for reading values off, not a dump.
    let mut rows: Vec<Vec<String>> = Vec::new();
    for p in &e.policies {
        let n = p.tension.iter().map(|t| t.median.len()).max().unwrap_or(0);
        for k in (0..n).filter(|k| k % 5 == 0 || k + 1 == n) {
            let mut row = vec![p.label.clone(), k.to_string()];
            for d in &e.domains {
                let cell = p.tension.iter().find(|t| &t.domain == d).and_then(|t| {
                    let m = *t.median.get(k)?;
                    Some(match (t.low.get(k), t.high.get(k)) {
                        (Some(l), Some(h)) => {
                            format!("{} [{}, {}]", fmt(m, 2), fmt(*l, 2), fmt(*h, 2))
                        }
                        _ => fmt(m, 2),
                    })
                });
                row.push(cell.unwrap_or_else(|| "–".into()));
            }
            rows.push(row);
        }
    }
    let period_head = format!("{}s from the start", e.period);
    let head: Vec<&str> = ["policy", period_head.as_str()]
        .into_iter()
        .chain(e.domains.iter().map(String::as_str))
        .collect();
    page.figure_grid_with_table(
        &charts,
        &format!(
            "Tension per domain (the weighted share of moves between rivals that are hostile, \
             0–1): {band}, one panel per policy."
        ),
        &head,
        &rows,
    );
}

fn tension_chart(p: &PolicyResult, e: &EscalateSection, x_label: &str) -> String {
    let lines: Vec<Line> = p
        .tension
        .iter()
        .map(|t| {
            let i = e.domains.iter().position(|d| d == &t.domain).unwrap_or(0);
            Line {
                label: &t.domain,
                values: &t.median,
                // A domain without band edges is drawn as a line only.
                band: (!t.low.is_empty() && t.low.len() == t.high.len())
                    .then_some((t.low.as_slice(), t.high.as_slice())),
                colour: colour(i),
                dash: dash(i),
                width: 2.0,
            }
        })
        .collect();
    let chart = LineChart {
        title: &format!("Tension per domain under {}", p.label),
        x_label,
        y_label: "tension (0–1)",
        x: None,
        lines,
        y_domain: Some((0.0, 1.0)),
        width: 440.0,
        plot_height: 170.0,
        // Each panel has its own legend: which domains coincide differs between policies.
        legend: true,
    };
    format!(
        "<h4>{}</h4>\n{}",
        crate::charts::svg::escape(&p.label),
        line::render(&chart)
    )
}

fn welfare(page: &mut Page, e: &EscalateSection) {
    if e.policies.iter().all(|p| p.welfare.is_empty()) {
        return;
    }
    let groups: Vec<BarGroup> = e
        .policies
        .iter()
        .map(|p| BarGroup {
            label: p.label.clone(),
            bars: p
                .welfare
                .iter()
                .map(|w| Bar {
                    series: e.sides.iter().position(|s| s == &w.side).unwrap_or(0),
                    value: w.mean,
                    interval: Some(w.interval),
                })
                .collect(),
        })
        .collect();
    page.heading(3, "escalate-welfare", "Welfare");
    let chart = BarChart {
        title: "Welfare per side and policy",
        x_label: &format!("welfare: {}", e.welfare_unit),
        series: &e.sides,
        groups: &groups,
        x_domain: None,
        decimals: welfare_decimals(e),
        width: WIDTH,
    };
    let wd = welfare_decimals(e);
    let rows: Vec<Vec<String>> = e
        .policies
        .iter()
        .flat_map(|p| {
            p.welfare.iter().map(move |w| {
                vec![
                    p.label.clone(),
                    w.side.clone(),
                    fmt(w.mean, wd),
                    format!(
                        "{} to {}",
                        fmt(w.interval.low, wd),
                        fmt(w.interval.high, wd)
                    ),
                ]
            })
        })
        .collect();
    page.figure_with_table(
        &bars::render(&chart),
        "Mean welfare per side under each policy; whiskers: interval across runs.",
        &["policy", "side", "mean welfare", "interval"],
        &rows,
    );
}

fn paired(page: &mut Page, e: &EscalateSection) {
    if e.paired.is_empty() {
        return;
    }
    page.heading(3, "escalate-paired", "Paired differences");
    let label = |id: &str| -> String {
        e.policies
            .iter()
            .find(|p| p.id == id)
            .map(|p| p.label.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let rows: Vec<Vec<String>> = e
        .paired
        .iter()
        .map(|d| {
            vec![
                d.metric.clone(),
                format!("{} − {}", label(&d.a), label(&d.b)),
                signed(d.mean, 3),
                format!("[{}, {}]", signed(d.ci.low, 3), signed(d.ci.high, 3)),
                if d.ci.low > 0.0 || d.ci.high < 0.0 {
                    "yes".into()
                } else {
                    "no".into()
                },
            ]
        })
        .collect();
    page.table(
        "Mean paired difference between policies (same random numbers in run k of each), with \
         its 95 % confidence interval; 'yes' when the interval excludes zero.",
        &["metric", "policies", "mean difference", "95 % CI", "clear"],
        &[false, false, true, true, false],
        &rows,
    );
    // One chart per metric: probabilities and welfare sums differ by orders of magnitude and
    // would hide each other on a shared axis.
    let mut metrics: Vec<&str> = Vec::new();
    for d in &e.paired {
        if !metrics.contains(&d.metric.as_str()) {
            metrics.push(&d.metric);
        }
    }
    for metric in metrics {
        let groups: Vec<BarGroup> = e
            .paired
            .iter()
            .filter(|d| d.metric == metric)
            .map(|d| BarGroup {
                label: format!("{} − {}", label(&d.a), label(&d.b)),
                bars: vec![Bar {
                    series: 0,
                    value: d.mean,
                    interval: Some(d.ci),
                }],
            })
            .collect();
        let largest = groups
            .iter()
            .flat_map(|g| &g.bars)
            .map(|b| b.value.abs())
            .fold(0.0, f64::max);
        let decimals = if largest >= 100.0 {
            0
        } else if largest >= 5.0 {
            1
        } else {
            3
        };
        let title = format!("Paired differences: {metric}");
        let x_label = format!("mean difference in {metric} (first − second policy)");
        let chart = BarChart {
            title: &title,
            x_label: &x_label,
            series: &[],
            groups: &groups,
            x_domain: None,
            decimals,
            width: WIDTH,
        };
        let rows: Vec<Vec<String>> = groups
            .iter()
            .flat_map(|g| {
                g.bars.iter().map(|b| {
                    let ci = b.interval.unwrap_or(Interval {
                        low: f64::NAN,
                        high: f64::NAN,
                    });
                    vec![
                        g.label.clone(),
                        signed(b.value, decimals),
                        format!(
                            "{} to {}",
                            signed(ci.low, decimals),
                            signed(ci.high, decimals)
                        ),
                    ]
                })
            })
            .collect();
        page.figure_with_table(
            &bars::render(&chart),
            &format!(
                "Paired differences in {metric} with 95 % confidence intervals; the vertical \
                 line is zero."
            ),
            &["policies", "mean difference", "95 % CI"],
            &rows,
        );
    }
}

fn richardson(page: &mut Page, r: &Richardson) {
    page.heading(3, "escalate-richardson", "Richardson arms race");
    let class = if r.stable {
        "verdict"
    } else {
        "verdict unstable"
    };
    page.para_class(class, &r.verdict);
    if !r.eigenvalues.is_empty() {
        let rows: Vec<Vec<String>> = r
            .eigenvalues
            .iter()
            .enumerate()
            .map(|(i, (re, im))| vec![format!("λ{}", i + 1), fmt(*re, 4), fmt(*im, 4)])
            .collect();
        page.table(
            "Eigenvalues of M (per year); the system is stable when every real part is negative.",
            &["eigenvalue", "real part", "imaginary part"],
            &[false, true, true],
            &rows,
        );
    }
    if !r.equilibrium.is_empty() {
        let rows: Vec<Vec<String>> = r
            .equilibrium
            .iter()
            .map(|q| {
                vec![
                    q.actor.clone(),
                    fmt(q.base, 1),
                    fmt(q.equilibrium, 1),
                    if q.equilibrium < 0.0 {
                        "negative: no meaningful rest point".into()
                    } else {
                        String::new()
                    },
                ]
            })
            .collect();
        page.table(
            &format!(
                "Base-year spending and equilibrium x* per actor ({}).",
                r.unit
            ),
            &["actor", "base year", "equilibrium", ""],
            &[false, true, true, false],
            &rows,
        );
    }
    if !r.drivers.is_empty() {
        let rows: Vec<Vec<String>> = r
            .drivers
            .iter()
            .enumerate()
            .map(|(i, d)| {
                vec![
                    (i + 1).to_string(),
                    format!("{} reacting to {}", d.from, d.to),
                    fmt(d.score, 4),
                ]
            })
            .collect();
        page.table(
            "Dyads that drive the dominant eigenvalue, ranked by driver score |k_ij · ∂λ₁/∂k_ij|.",
            &["rank", "dyad", "driver score"],
            &[true, false, true],
            &rows,
        );
    }
    if !r.trajectories.is_empty() {
        let lines: Vec<Line> = r
            .trajectories
            .iter()
            .enumerate()
            .map(|(i, s)| Line {
                label: &s.label,
                values: &s.values,
                band: None,
                colour: colour(i),
                dash: dash(i),
                width: 2.0,
            })
            .collect();
        let unit = if r.trajectory_unit.is_empty() {
            &r.unit
        } else {
            &r.trajectory_unit
        };
        let y_label = format!("spending ({unit})");
        let chart = LineChart {
            title: "Richardson trajectories",
            x_label: "years",
            y_label: &y_label,
            x: if r.times.is_empty() {
                None
            } else {
                Some(&r.times)
            },
            lines,
            y_domain: None,
            width: WIDTH,
            plot_height: 220.0,
            legend: true,
        };
        let caption = if r.trajectory_caption.is_empty() {
            "Military spending per actor as the Richardson system evolves from the base year."
        } else {
            r.trajectory_caption.as_str()
        };
        let head: Vec<&str> = std::iter::once("years")
            .chain(r.trajectories.iter().map(|s| s.label.as_str()))
            .collect();
        let rows: Vec<Vec<String>> = (0..r
            .trajectories
            .iter()
            .map(|s| s.values.len())
            .max()
            .unwrap_or(0))
            .map(|k| {
                let t = r.times.get(k).map_or(k.to_string(), |t| fmt(*t, 1));
                std::iter::once(t)
                    .chain(
                        r.trajectories
                            .iter()
                            .map(|s| s.values.get(k).map_or("–".into(), |v| fmt(*v, 1))),
                    )
                    .collect()
            })
            .collect();
        page.figure_with_table(&line::render(&chart), caption, &head, &rows);
    }
}

/// Decimals for welfare figures: none for sums in the hundreds or more, else two.
fn welfare_decimals(e: &EscalateSection) -> usize {
    let largest = e
        .policies
        .iter()
        .flat_map(|p| &p.welfare)
        .map(|w| w.mean.abs())
        .fold(0.0, f64::max);
    if largest >= 100.0 { 0 } else { 2 }
}
