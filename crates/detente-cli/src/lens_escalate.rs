//! Terminal rendering of the escalate lens on a scenario: one row per policy (spiral probability
//! with its Wilson interval, onset, welfare, decoupling) and the paired differences against the
//! first policy on common random numbers.

use crate::table::Table;
use detente::experiment::results::EscalateResults;
use detente::scenario::Resolved;

fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

/// The policy table and the paired differences.
pub fn render(r: &Resolved, e: &EscalateResults) -> String {
    let period = r
        .scenario
        .escalate
        .as_ref()
        .map_or("period", |s| s.period.as_str());
    let horizon = e.policies.first().map_or(0, |p| p.summary.horizon);
    let mut out = format!(
        "{} runs per policy on common random numbers; horizon {horizon} {period}s; spiral = at least k domains locked for m periods\n",
        e.runs
    );
    let sides: Vec<String> = e
        .policies
        .first()
        .map(|p| p.summary.sides.clone())
        .unwrap_or_default();
    let mut header = vec![
        "policy".to_string(),
        "spiral p".into(),
        "95% CI".into(),
        "onset".into(),
    ];
    header.extend(sides.iter().map(|s| format!("welfare {s}")));
    header.push("decoupling".into());
    let heads: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut right = vec![false, true, true, true];
    right.extend(sides.iter().map(|_| true));
    right.push(true);
    let mut t = Table::new(&heads, &right).limit(0, 26);
    for p in &e.policies {
        let s = &p.summary;
        let mut row = vec![
            p.id.clone(),
            pct(s.spiral.estimate),
            format!("{}–{}", pct(s.spiral.low), pct(s.spiral.high)),
            s.onset
                .as_ref()
                .map_or("—".into(), |o| format!("{:.0}", o.median)),
        ];
        row.extend(s.side_welfare.iter().map(|w| format!("{:.1}", w.mean)));
        row.push(s.final_decoupling.map_or("—".into(), pct));
        t.row(row);
    }
    out.push_str(&t.render());
    if let Some(first) = e.policies.first()
        && !e.versus_first.is_empty()
    {
        out.push_str(&format!(
            "\nPaired differences against `{}` (alternative − baseline, 95% CI):\n",
            first.id
        ));
        let mut d = Table::new(
            &[
                "policy",
                "Δ spiral p",
                "95% CI",
                "Δ joint welfare",
                "95% CI",
            ],
            &[false, true, true, true, true],
        )
        .limit(0, 26);
        for (id, c) in &e.versus_first {
            d.row(vec![
                id.clone(),
                format!("{:+.1} pts", 100.0 * c.spiral.mean),
                format!(
                    "{:+.1} to {:+.1}",
                    100.0 * c.spiral.low,
                    100.0 * c.spiral.high
                ),
                format!("{:+.1}", c.joint_welfare.mean),
                format!(
                    "{:+.1} to {:+.1}",
                    c.joint_welfare.low, c.joint_welfare.high
                ),
            ]);
        }
        out.push_str(&d.render());
    }
    out
}

/// The Richardson verdict: stability, growth rate, the dyad that drives the dominant eigenvalue.
pub fn render_richardson(a: &detente::experiment::results::RichardsonResults) -> String {
    let an = &a.analysis;
    let mut out = format!(
        "{} actors (military spending, US$ bn/yr, SIPRI 2024; base year calibrated as a rest point)\n",
        an.actors.len()
    );
    out.push_str(&if an.stable {
        format!(
            "verdict: STABLE — every disturbance dies out (spectral abscissa {:.4}/yr, half-life {:.1} years)\n",
            an.spectral_abscissa,
            std::f64::consts::LN_2 / -an.spectral_abscissa
        )
    } else {
        format!(
            "verdict: UNSTABLE — a disturbance grows by {:.1}%/yr (spectral abscissa {:.4}/yr)\n",
            100.0 * an.spectral_abscissa,
            an.spectral_abscissa
        )
    });
    if let Some(d) = an.drivers.first() {
        out.push_str(&format!(
            "driving dyad: {} reacting to {} (driver score {:.4}); next: {}\n",
            d.from_name,
            d.to_name,
            d.score,
            an.drivers
                .iter()
                .skip(1)
                .take(3)
                .map(|d| format!("{}→{}", d.from_name, d.to_name))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    out.push_str("details: detente escalate --arms\n");
    out
}
