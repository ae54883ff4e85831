//! The security-dilemma simulation on a plain set-up: one run period by period, the Monte
//! Carlo summary, and two set-ups compared on common random numbers.

use crate::Table;
use detente::escalate::dilemma::{
    DilemmaRun, DilemmaSetup, MonteCarloSummary, PairedDifference, PolicyComparison,
};
use std::fmt::Write as _;

/// Run `k` of seed `seed`, period by period: locked domains, each domain's tension, overall
/// tension and decoupling; then welfare.
pub fn run_table(r: &DilemmaRun, seed: u64, k: u64) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "Run {k} of seed {seed}");
    match r.onset {
        Some(t) => {
            let _ = writeln!(o, "Spiral from period {t}");
        }
        None => o.push_str("No spiral\n"),
    }
    let mut header = vec!["period".to_string(), "locked".to_string()];
    header.extend(r.domains.iter().cloned());
    header.extend(["overall".to_string(), "decoupling".to_string()]);
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut t = Table::new(&header, &vec![true; header.len()]);
    for i in 2..2 + r.domains.len() {
        t = t.limit(i, 10);
    }
    for p in 0..r.overall_tension.len() {
        let mut row = vec![(p + 1).to_string(), r.locked_domains[p].to_string()];
        row.extend(r.tension.iter().map(|d| format!("{:.3}", d[p])));
        row.push(format!("{:.3}", r.overall_tension[p]));
        row.push(
            r.decoupling
                .as_ref()
                .map_or("-".to_string(), |dc| format!("{:.3}", dc[p])),
        );
        t.row(row);
    }
    o.push_str(&t.render());
    let _ = writeln!(
        o,
        "Joint welfare {:.1} ({:.4} per move); side welfare {}",
        r.joint_welfare,
        r.payoff_per_move,
        r.side_welfare
            .iter()
            .map(|w| format!("{w:.1}"))
            .collect::<Vec<_>>()
            .join(" / ")
    );
    o
}

/// Periods at which the summary shows tension: the first, the quarters and the last.
fn checkpoints(h: usize) -> Vec<usize> {
    let mut v: Vec<usize> = [1, h / 4, h / 2, 3 * h / 4, h]
        .into_iter()
        .filter(|&t| t >= 1)
        .collect();
    v.dedup();
    v
}

/// The Monte Carlo summary: spiral probability with its Wilson interval, onset, locked share,
/// payoff; welfare quantiles per side; mean tension with its 5–95 % band at five periods.
pub fn summary_table(setup: &DilemmaSetup, s: &MonteCarloSummary) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Security dilemma: {} actors, {} sides, {} domains, {} periods; {} runs, seed {}",
        setup.actors.len(),
        s.sides.len(),
        s.domains.len(),
        s.horizon,
        s.runs,
        s.seed
    );
    let _ = writeln!(
        o,
        "Spiral probability   {:.4}  (95% Wilson {:.4}–{:.4})",
        s.spiral.estimate, s.spiral.low, s.spiral.high
    );
    match &s.onset {
        Some(on) => {
            let _ = writeln!(
                o,
                "Onset (spiral runs)  mean {:.1}; quartiles {:.1} / {:.1} / {:.1}",
                on.mean, on.q25, on.median, on.q75
            );
        }
        None => o.push_str("Onset                no run spiralled\n"),
    }
    let _ = writeln!(o, "Locked-period share  {:.4}", s.locked_share);
    let _ = writeln!(
        o,
        "Payoff per move      {:.4}  (R = full engagement, P = full confrontation)",
        s.payoff_per_move
    );
    if let Some(d) = s.final_decoupling {
        let _ = writeln!(o, "Final decoupling     {d:.4}");
    }
    if let Some(m) = s.final_greed_belief {
        let _ = writeln!(o, "Final greed belief   {m:.4}");
    }
    o.push('\n');
    let mut t = Table::new(
        &["welfare", "mean", "sd", "5%", "25%", "50%", "75%", "95%"],
        &[false, true, true, true, true, true, true, true],
    )
    .limit(0, 24);
    let joint = "joint".to_string();
    let rows = s
        .sides
        .iter()
        .zip(&s.side_welfare)
        .chain([(&joint, &s.joint_welfare)]);
    for (name, q) in rows {
        let mut row = vec![name.clone()];
        row.extend(
            [
                q.mean,
                q.sd.unwrap_or(0.0),
                q.q05,
                q.q25,
                q.q50,
                q.q75,
                q.q95,
            ]
            .map(|x| format!("{x:.1}")),
        );
        t.row(row);
    }
    o.push_str(&t.render());
    o.push('\n');
    let marks = checkpoints(s.horizon);
    let mut header = vec!["tension".to_string()];
    header.extend(marks.iter().map(|t| format!("t={t}")));
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut right = vec![true; header.len()];
    right[0] = false;
    // Ten columns for the label keep five banded cells within the width.
    let mut t = Table::new(&header, &right).limit(0, 10);
    for (name, bands) in s.domains.iter().zip(&s.tension) {
        let mut row = vec![name.clone()];
        row.extend(marks.iter().map(|&p| {
            let b = bands[p - 1];
            format!("{:.2} [{:.2},{:.2}]", b.mean, b.low, b.high)
        }));
        t.row(row);
    }
    let mut survival = vec!["no spiral".to_string()];
    survival.extend(marks.iter().map(|&p| format!("{:.4}", s.survival[p - 1])));
    t.row(survival);
    o.push_str(&t.render());
    o.push_str(
        "tension: mean [5%, 95%] over runs; no spiral: share of runs not yet spiralled by t\n",
    );
    o
}

/// A paired difference with its 95 % interval, signed, to `digits` decimals.
fn diff(d: &PairedDifference, digits: usize) -> String {
    format!(
        "{:+.digits$} [{:+.digits$}, {:+.digits$}]",
        d.mean, d.low, d.high
    )
}

/// Two set-ups on common random numbers: spiral probability and welfare of each, and the
/// paired difference with its interval.
pub fn comparison_table(c: &PolicyComparison) -> String {
    let mut o = String::new();
    let (b, a) = (&c.baseline, &c.alternative);
    let _ = writeln!(
        o,
        "Policy comparison on common random numbers: {} paired runs, seed {}",
        b.runs, b.seed
    );
    let mut t = Table::new(
        &["", "baseline", "alternative", "difference [95% CI]"],
        &[false, true, true, true],
    )
    .limit(0, 28);
    t.row(vec![
        "spiral probability".into(),
        format!("{:.4}", b.spiral.estimate),
        format!("{:.4}", a.spiral.estimate),
        diff(&c.spiral, 4),
    ]);
    t.row(vec![
        "joint welfare".into(),
        format!("{:.1}", b.joint_welfare.mean),
        format!("{:.1}", a.joint_welfare.mean),
        diff(&c.joint_welfare, 1),
    ]);
    for (k, side) in b.sides.iter().enumerate() {
        t.row(vec![
            format!("welfare {side}"),
            format!("{:.1}", b.side_welfare[k].mean),
            format!("{:.1}", a.side_welfare[k].mean),
            diff(&c.side_welfare[k], 1),
        ]);
    }
    o.push_str(&t.render());
    o
}
