//! `compare`: every escalate policy on common random numbers, and the paired differences.

use crate::number::{csv_num, num, pct};
use crate::{CsvRows, Table};
use detente::experiment::analysis::Comparison;

/// Each policy's metrics (`b` empty), then each paired difference a − b.
pub fn csv(c: &Comparison) -> String {
    let mut out = CsvRows::new(&["a", "b", "metric", "mean", "low", "high"]);
    let mut line = |a: &str, b: &str, m: &str, mean: f64, low: f64, high: f64| {
        out.row([
            a.to_string(),
            b.to_string(),
            m.to_string(),
            csv_num(mean),
            csv_num(low),
            csv_num(high),
        ]);
    };
    for p in &c.policies {
        line(
            &p.id,
            "",
            "spiral",
            p.spiral.estimate,
            p.spiral.low,
            p.spiral.high,
        );
        for (side, w) in c.sides.iter().zip(&p.side_welfare) {
            line(
                &p.id,
                "",
                &format!("welfare.{side}"),
                *w,
                f64::NAN,
                f64::NAN,
            );
        }
        line(
            &p.id,
            "",
            "welfare.joint",
            p.joint_welfare,
            f64::NAN,
            f64::NAN,
        );
        line(
            &p.id,
            "",
            "onset",
            p.onset_median.unwrap_or(f64::NAN),
            f64::NAN,
            f64::NAN,
        );
        if let Some(m) = &p.disputes {
            line(&p.id, "", "mid", m.any.estimate, m.any.low, m.any.high);
            line(
                &p.id,
                "",
                "mid_force",
                m.force.estimate,
                m.force.low,
                m.force.high,
            );
            let h = &m.yearly_hazard;
            line(&p.id, "", "mid_hazard", h.estimate, h.low, h.high);
            let y = &m.dispute_years;
            line(&p.id, "", "dispute_years", y.estimate, y.low, y.high);
        }
    }
    for d in &c.differences {
        line(&d.a, &d.b, &d.metric, d.mean, d.low, d.high);
    }
    out.finish()
}

/// The policy table, the dispute table and the paired differences.
pub fn table(c: &Comparison) -> String {
    let mut out = format!(
        "Policies on common random numbers ({} runs each, seed {})\n\n",
        c.runs, c.seed
    );
    let mut header = vec!["policy".to_string(), "spiral".into(), "95% CI".into()];
    header.extend(c.sides.iter().map(|s| format!("welfare {s}")));
    header.push("joint".into());
    header.push("onset".into());

    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut right = vec![true; header.len()];
    right[0] = false;
    let mut t = Table::new(&header, &right).limit(0, 28);
    for p in &c.policies {
        let mut row = vec![
            p.id.clone(),
            pct(p.spiral.estimate),
            format!("{}–{}", pct(p.spiral.low), pct(p.spiral.high)),
        ];
        row.extend(p.side_welfare.iter().map(|w| format!("{w:.2}")));
        row.push(format!("{:.2}", p.joint_welfare));
        row.push(p.onset_median.map_or("–".into(), |o| format!("{o:.1}")));
        t.row(row);
    }
    out.push_str(&t.render());
    out.push_str(&crate::escalate::dispute_table(
        c.policies
            .iter()
            .filter_map(|p| p.disputes.as_ref().map(|d| (p.id.as_str(), d))),
    ));
    out.push_str("\nPaired differences a − b (mean over runs, 95% interval)\n");
    let mut t = Table::new(
        &["a", "b", "metric", "mean", "low", "high"],
        &[false, false, false, true, true, true],
    )
    .limit(0, 22)
    .limit(1, 22);
    for d in &c.differences {
        // Spiral differences are differences of probabilities: percentage points.
        let cell = |x: f64| {
            if ["spiral", "mid", "mid_force"].contains(&d.metric.as_str()) && x.is_finite() {
                format!("{:+.1} pp", 100.0 * x)
            } else {
                num(x)
            }
        };
        t.row(vec![
            d.a.clone(),
            d.b.clone(),
            d.metric.clone(),
            cell(d.mean),
            cell(d.low),
            cell(d.high),
        ]);
    }
    out.push_str(&t.render());
    out
}
