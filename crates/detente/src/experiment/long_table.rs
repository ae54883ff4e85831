//! The long results table: one row per (lens, subject, metric, statistic, value) of a
//! [`Results`], the shape pandas, R and Arrow read. `detente run` writes it as `results.csv`
//! and `results.parquet`, and the Python package returns it as a data frame, so every front end
//! shows the same rows.

use super::Results;
use super::runner::MetricSummary;

/// One row of the long table: lens, subject, metric, statistic, value.
pub type Row = (String, String, String, String, f64);

/// The column names of the long table, in row order.
pub const COLUMNS: [&str; 5] = ["lens", "subject", "metric", "statistic", "value"];

/// One row per (lens, subject, metric, statistic): the long table for pandas or R.
pub fn rows(res: &Results) -> Vec<Row> {
    let mut out: Vec<Row> = Vec::new();
    let mut row = |lens: &str, subject: &str, metric: &str, stat: &str, v: f64| {
        out.push((lens.into(), subject.into(), metric.into(), stat.into(), v));
    };
    for d in res.decide.iter().flatten() {
        for a in &d.answers {
            if let Some(dec) = &a.decision {
                row("decide", &d.issue, &a.model, "outcome", dec.outcome[0]);
                row(
                    "decide",
                    &d.issue,
                    &a.model,
                    "unconstrained",
                    dec.unconstrained[0],
                );
            }
        }
    }
    if let Some(mc) = &res.decide_uncertainty {
        for (m, s) in mc.metrics.iter().zip(&mc.summaries[0]) {
            match s {
                MetricSummary::Real(s) => {
                    row("decide-mc", "scenario", &m.name, "mean", s.mean);
                    for (q, v) in &s.quantiles {
                        row(
                            "decide-mc",
                            "scenario",
                            &m.name,
                            &format!("q{:02.0}", q * 100.0),
                            *v,
                        );
                    }
                }
                MetricSummary::Event(p) => {
                    row("decide-mc", "scenario", &m.name, "p", p.estimate);
                    row("decide-mc", "scenario", &m.name, "p_low", p.low);
                    row("decide-mc", "scenario", &m.name, "p_high", p.high);
                }
            }
        }
    }
    if let Some(a) = &res.align {
        for c in &a.configurations {
            row(
                "align",
                &format!("configuration-{}", c.rank),
                "energy",
                "value",
                c.energy,
            );
            row(
                "align",
                &format!("configuration-{}", c.rank),
                "basin_share",
                "value",
                c.basin.share(),
            );
        }
    }
    if let Some(e) = &res.escalate {
        for p in &e.policies {
            let s = &p.summary;
            row("escalate", &p.id, "spiral", "p", s.spiral.estimate);
            row("escalate", &p.id, "spiral", "p_low", s.spiral.low);
            row("escalate", &p.id, "spiral", "p_high", s.spiral.high);
            row(
                "escalate",
                &p.id,
                "joint_welfare",
                "mean",
                s.joint_welfare.mean,
            );
            if let Some(o) = &s.onset {
                row("escalate", &p.id, "onset", "median", o.median);
            }
        }
    }
    if let Some(a) = &res.richardson {
        row(
            "richardson",
            "system",
            "spectral_abscissa",
            "value",
            a.analysis.spectral_abscissa,
        );
    }
    out
}
