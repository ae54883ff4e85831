//! The `decide` command's report on a file's issues: per issue every model's outcome, the rule's
//! and the agenda setter's context, the paths of the dynamic models and the final positions; and
//! the same as CSV rows.

use crate::CsvRows;
use crate::text::{WIDTH, truncate};
use detente::decide::Decision;
use detente::decide::scenario::{IssueDecisions, ModelAnswer};
use detente::experiment::{McResult, MetricSummary};
use std::fmt::Write as _;

/// What the report shows: the file's title and how it was read, the importer's notes, and the
/// decisions (with the movement over draws of the uncertain inputs, for scenarios).
#[derive(Debug, Clone, Copy)]
pub struct IssuesRead<'a> {
    /// The file's title (empty when it has none).
    pub title: &'a str,
    /// How the file was read (`scenario`, `decide-csv`, …).
    pub read_as: &'a str,
    /// Notes from reading the file.
    pub notes: &'a [String],
    /// Every issue's decisions.
    pub issues: &'a [IssueDecisions],
    /// Rule and setter metrics over draws of the uncertain inputs.
    pub uncertainty: Option<&'a McResult>,
}

fn fmt_values(v: &[f64]) -> String {
    v.iter()
        .map(|x| format!("{x:.4}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// The codes of a decision's warnings, as they are named in the JSON.
fn warning_codes(d: &Decision) -> Vec<String> {
    d.diagnostics
        .warnings
        .iter()
        .map(|w| format!("{:?}", w.code))
        .collect()
}

/// One CSV row per (issue, model).
pub fn csv(issues: &[IssueDecisions]) -> String {
    let mut out = CsvRows::new(&[
        "issue",
        "model",
        "outcome",
        "unconstrained",
        "baseline",
        "rounds",
        "converged",
        "stop_reason",
        "warnings",
        "error",
    ]);
    for r in issues {
        for a in &r.answers {
            match &a.decision {
                Some(d) => {
                    let codes = warning_codes(d);
                    out.row([
                        r.issue.clone(),
                        a.model.to_string(),
                        fmt_values(&d.outcome),
                        fmt_values(&d.unconstrained),
                        fmt_values(&d.baseline),
                        d.diagnostics.rounds.to_string(),
                        d.diagnostics.converged.to_string(),
                        format!("{:?}", d.diagnostics.stop_reason),
                        codes.join(";"),
                        String::new(),
                    ]);
                }
                None => {
                    let mut row = vec![r.issue.clone(), a.model.to_string()];
                    row.extend(std::iter::repeat_n(String::new(), 7));
                    row.push(a.error.clone().unwrap_or_default());
                    out.row(row);
                }
            }
        }
    }
    out.finish()
}

/// A table cell: one value with 4 decimals, or m values with 2 (m > 1).
fn cell(v: &[f64]) -> String {
    if v.len() == 1 {
        format!("{:.4}", v[0])
    } else {
        v.iter()
            .map(|x| format!("{x:.2}"))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// Per issue: the question, its context, each model's outcome, its path and final positions.
pub fn table(report: &IssuesRead) -> String {
    let mut out = String::new();
    let title = if report.title.is_empty() {
        "(untitled)"
    } else {
        report.title
    };
    let _ = writeln!(out, "{title} — read as {}", report.read_as);
    for note in report.notes {
        let _ = writeln!(out, "note: {note}");
    }
    for r in report.issues {
        let _ = writeln!(out);
        let _ = writeln!(out, "Issue {}: {}", r.issue, truncate(&r.question, 80));
        for line in context(r) {
            let _ = writeln!(out, "  {}", truncate(&line, WIDTH - 2));
        }
        for line in report
            .uncertainty
            .map(|mc| movement_lines(mc, &r.issue))
            .unwrap_or_default()
        {
            let _ = writeln!(out, "  {line}");
        }
        let w = r
            .answers
            .iter()
            .filter_map(|a| a.decision.as_ref())
            .map(|d| cell(&d.outcome).len() + 2)
            .max()
            .unwrap_or(12)
            .max(12);
        let wu = w.max(15);
        let _ = writeln!(
            out,
            "  {:<12}{:>w$}{:>wu$}{:>w$}{:>8}  {:<10}warnings",
            "model", "prediction", "unconstrained", "compromise", "rounds", "stop"
        );
        for a in &r.answers {
            match &a.decision {
                Some(d) => {
                    let codes = warning_codes(d);
                    let row = format!(
                        "  {:<12}{:>w$}{:>wu$}{:>w$}{:>8}  {:<10}",
                        a.model,
                        cell(&d.outcome),
                        cell(&d.unconstrained),
                        cell(&d.baseline),
                        d.diagnostics.rounds,
                        format!("{:?}", d.diagnostics.stop_reason),
                    );
                    let room = WIDTH.saturating_sub(row.chars().count()).max(8);
                    let _ = writeln!(out, "{row}{}", truncate(&codes.join(","), room));
                }
                None => {
                    let _ = writeln!(
                        out,
                        "  {:<12}n/a: {}",
                        a.model,
                        truncate(a.error.as_deref().unwrap_or(""), WIDTH - 19)
                    );
                }
            }
        }
        trajectories(&mut out, r);
        positions(&mut out, r);
        for a in &r.answers {
            for w in a.decision.iter().flat_map(|d| &d.diagnostics.warnings) {
                let prefix = format!("  [{}] {:?}: ", a.model, w.code);
                let room = WIDTH.saturating_sub(prefix.chars().count()).max(10);
                let _ = writeln!(out, "{prefix}{}", truncate(&w.message, room));
            }
        }
    }
    out
}

/// The lines above an issue's table: who decides and how, the agenda setter, model spread.
fn context(r: &IssueDecisions) -> Vec<String> {
    let mut lines = Vec::new();
    if !r.collective {
        lines.push(
            "No body decides this issue: the model values are weighted centres, not a \
             collective forecast; each actor's own course is its prediction."
                .to_string(),
        );
    }
    if let (Some(rule), Some(q)) = (&r.rule, r.status_quo) {
        let set = match r.feasible {
            Some((lo, hi)) if lo == hi => "nothing beats it (deadlock)".to_string(),
            Some((lo, hi)) => format!("admissible set [{}, {}]", num(lo), num(hi)),
            None => String::new(),
        };
        lines.push(format!(
            "Rule: {}; status quo {}; {set}",
            rule.keyword(),
            num(q)
        ));
    }
    if let Some(s) = &r.setter {
        let pivots = if s.pivotal.is_empty() {
            String::new()
        } else {
            format!("; pivotal: {}", s.pivotal.join(", "))
        };
        lines.push(if s.deadlock {
            format!(
                "Agenda setter {} proposes {}: nothing beats the status quo, the proposal fails",
                s.proposer,
                num(s.ideal)
            )
        } else {
            format!(
                "Agenda setter {} would propose {}; the body adopts {}{pivots}",
                s.proposer,
                num(s.ideal),
                num(s.outcome)
            )
        });
    }
    lines.extend(super::linkage_lines(r));
    if let Some(sp) = r.spread.as_ref().filter(|sp| sp.disagree) {
        lines.push(format!(
            "The models disagree: before the rule they range from {} to {} ({:.0} % of the \
             scale), the main uncertainty of this forecast.",
            num(sp.low),
            num(sp.high),
            100.0 * sp.share
        ));
    }
    lines
}

/// The Monte Carlo lines of an issue with an agenda setter: how often the adopted point moves
/// up, down or stays (S2), with 95 % Wilson intervals, and the adopted point's 5–95 % range.
/// Empty for an issue without these metrics.
pub fn movement_lines(mc: &McResult, issue: &str) -> Vec<String> {
    let Some(arm) = mc.arms.first() else {
        return Vec::new();
    };
    let event = |way: &str| match mc.summary(arm, &format!("decide.{issue}.{way}")) {
        Some(MetricSummary::Event(p)) => Some(format!(
            "{} {:.1} % [{:.1}–{:.1}]",
            way.trim_start_matches("linked."),
            100.0 * p.estimate,
            100.0 * p.low,
            100.0 * p.high
        )),
        _ => None,
    };
    let (Some(up), Some(down), Some(stays)) = (event("up"), event("down"), event("stays")) else {
        return Vec::new();
    };
    let mut lines = vec![
        format!(
            "Over {} draws of the uncertain inputs it moves {up}, {down},",
            mc.runs
        ),
        format!("{stays} (a move: more than 1 % of the scale; 95 % Wilson intervals)"),
    ];
    let linked = |way: &str| event(&format!("linked.{way}"));
    if let (Some(up), Some(down), Some(stays)) = (linked("up"), linked("down"), linked("stays")) {
        lines.push(format!("With linkage: {up}, {down}, {stays}"));
    }
    if let Some(MetricSummary::Real(s)) = mc.summary(arm, &format!("decide.{issue}.setter"))
        && let (Some(lo), Some(hi)) = (s.quantile(0.05), s.quantile(0.95))
    {
        lines.push(format!(
            "The adopted point's 5–95 % range: {}–{}",
            num(lo),
            num(hi)
        ));
    }
    lines
}

/// A number with at most two decimals and no trailing zeros.
fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn trajectories(out: &mut String, r: &IssueDecisions) {
    for a in &r.answers {
        let Some(d) = &a.decision else { continue };
        if d.trajectory.len() < 2 {
            continue;
        }
        let f: Vec<String> = d
            .trajectory
            .iter()
            .filter_map(|t| t.forecast.as_ref().map(|v| cell(v)))
            .collect();
        let shown = if f.len() > 8 {
            format!("{} … {}", f[..4].join(" "), f[f.len() - 3..].join(" "))
        } else {
            f.join(" ")
        };
        let prefix = format!("  {} forecast by round: ", a.model);
        let room = WIDTH.saturating_sub(prefix.chars().count()).max(10);
        let _ = writeln!(out, "{prefix}{}", truncate(&shown, room));
    }
}

fn positions(out: &mut String, r: &IssueDecisions) {
    let movers: Vec<&ModelAnswer> = r
        .answers
        .iter()
        .filter(|a| a.decision.as_ref().is_some_and(|d| d.trajectory.len() > 1))
        .collect();
    let Some(first) = movers.first().and_then(|a| a.decision.as_ref()) else {
        return;
    };
    let Some(start) = first.trajectory.first() else {
        return;
    };
    let col = start
        .positions
        .first()
        .map_or(12, |p| cell(p).len() + 2)
        .max(12);
    let fit = (WIDTH - 26 - col) / col;
    let movers = &movers[..movers.len().min(fit)];
    let _ = write!(out, "  {:<24}{:>col$}", "actor (final positions)", "start");
    for a in movers {
        let _ = write!(out, "{:>col$}", a.model);
    }
    let _ = writeln!(out);
    for (k, name) in r.actors.iter().enumerate().take(start.positions.len()) {
        let _ = write!(
            out,
            "  {:<24}{:>col$}",
            truncate(name, 23),
            cell(&start.positions[k])
        );
        for a in movers {
            let last = a
                .decision
                .as_ref()
                .and_then(|d| d.final_positions())
                .and_then(|p| p.get(k));
            let _ = write!(out, "{:>col$}", last.map_or(String::from("-"), |v| cell(v)));
        }
        let _ = writeln!(out);
    }
}
