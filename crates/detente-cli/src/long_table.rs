//! The long results table: one row per (lens, subject, metric, statistic), shared by
//! `results.csv` and `results.parquet` so the two never differ.

use crate::analysis_io::{csv_field, csv_num};
use detente::experiment::Results;

/// One row of the long table: lens, subject, metric, statistic, value.
pub type Row = (String, String, String, String, f64);

/// The long table as CSV.
pub fn csv(res: &Results) -> String {
    let mut out = String::from("lens,subject,metric,statistic,value\n");
    for (lens, subject, metric, stat, v) in rows(res) {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            csv_field(&lens),
            csv_field(&subject),
            csv_field(&metric),
            csv_field(&stat),
            csv_num(v)
        ));
    }
    out
}

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
                detente::experiment::MetricSummary::Real(s) => {
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
                detente::experiment::MetricSummary::Event(p) => {
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
