//! Terminal rendering of the escalate lens on a scenario: one row per policy (spiral probability
//! with its Wilson interval, onset, welfare, decoupling) and the paired differences against the
//! first policy on common random numbers.

pub mod dilemma;
pub mod richardson;

use crate::Table;
use detente::experiment::results::EscalateResults;
use detente::scenario::Resolved;

use crate::number::pct;

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
    let mut right = vec![true; heads.len()];
    right[0] = false;
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
    out.push_str(&dispute_table(e.policies.iter().filter_map(|p| {
        p.summary.disputes.as_ref().map(|d| (p.id.as_str(), d))
    })));
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
        let mut m = Table::new(
            &[
                "policy",
                "Δ MID",
                "95% CI",
                "Δ MID≥4",
                "95% CI",
                "Δ yrs",
                "95% CI",
            ],
            &[false, true, true, true, true, true, true],
        )
        .limit(0, 26);
        let mut any = false;
        for (id, c) in &e.versus_first {
            let (Some(mid), Some(force), Some(years)) = (&c.mid, &c.mid_force, &c.dispute_years)
            else {
                continue;
            };
            any = true;
            let pts = |x: &detente::escalate::dilemma::PairedDifference| {
                [
                    format!("{:+.1}", 100.0 * x.mean),
                    format!("[{:+.1}, {:+.1}]", 100.0 * x.low, 100.0 * x.high),
                ]
            };
            let mut row = vec![id.clone()];
            row.extend(pts(mid));
            row.extend(pts(force));
            row.push(format!("{:+.1}", years.mean));
            row.push(format!("[{:+.1}, {:+.1}]", years.low, years.high));
            m.row(row);
        }
        if any {
            out.push_str("\nMilitarised disputes, paired differences (percentage points, Newcombe; dispute-years):\n");
            out.push_str(&m.render());
        }
    }
    out.push_str(&parameter_table(&e.parameters));
    out
}

/// The behavioural parameters: which are calibrated (drawn per run from the posterior fitted on
/// the rivalries of 1816–1945, with its weighted mean and 90 % interval) and which are
/// assumptions (set in the scenario or left at the default).
pub fn parameter_table(params: &[detente::escalate::scenario::ParameterSource]) -> String {
    if params.is_empty() {
        return String::new();
    }
    let mut t = Table::new(
        &["parameter", "source", "value", "interval", "note"],
        &[false, false, true, true, false],
    );
    for p in params {
        let source = if p.calibrated {
            "calibrated".to_string()
        } else {
            format!("assumption ({})", p.basis)
        };
        let interval = p.interval.map_or("—".into(), |[lo, hi]| {
            let kind = if p.calibrated { "90%" } else { "range" };
            format!("{kind} {lo:.4}–{hi:.4}")
        });
        t.row(vec![
            p.key.clone(),
            source,
            format!("{:.4}", p.value),
            interval,
            p.note.clone().unwrap_or_default(),
        ]);
    }
    format!(
        "\nParameters (calibrated: drawn per run from the posterior fitted on rivalries 1816-1945, weighted mean and 90% interval; otherwise an assumption):\n{}",
        t.render()
    )
}

/// Militarised disputes per policy (empty without a military domain): P(≥ 1 MID) with its
/// Wilson interval, P(≥ 1 at level ≥ 4), the yearly hazard of a first MID and the expected
/// dispute-years with its interval.
pub fn dispute_table<'a>(
    rows: impl Iterator<Item = (&'a str, &'a detente::escalate::dilemma::DisputeSummary)>,
) -> String {
    let mut t = Table::new(
        &[
            "policy",
            "P(MID)",
            "95% CI",
            "P(MID≥4)",
            "hazard/yr",
            "dispute-yrs",
        ],
        &[false, true, true, true, true, true],
    )
    .limit(0, 26);
    let mut years = 0;
    for (id, m) in rows {
        years = m.years;
        t.row(vec![
            id.to_string(),
            pct(m.any.estimate),
            format!("{}–{}", pct(m.any.low), pct(m.any.high)),
            pct(m.force.estimate),
            pct(m.yearly_hazard.estimate),
            format!("{:.1}", m.dispute_years.estimate),
        ]);
    }
    if years == 0 {
        return String::new();
    }
    format!(
        "\nMilitarised disputes (MID) over {years} years, read from the military domain: mutual\n\
         military hostility for 1 period = level 2 threat, 2 = 3 display, 3+ = 4 use of force\n\
         (5 war when every domain is hostile); hazard = yearly hazard of a first MID\n{}",
        t.render()
    )
}
