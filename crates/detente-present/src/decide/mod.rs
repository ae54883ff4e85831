//! Terminal rendering of the decide lens on a scenario: per issue, every model's prediction next
//! to the compromise baseline, and what the body's rule allows.

pub mod report;

use crate::Table;
use detente::decide::DecisionRule;
use detente::decide::scenario::IssueDecisions;
use detente::scenario::{Resolved, fmt_num};

/// One block per issue.
pub fn render(r: &Resolved, all: &[IssueDecisions]) -> String {
    let mut out = String::new();
    for d in all {
        let issue = r.scenario.issues.iter().find(|i| i.id == d.issue);
        let question = issue.map_or("", |i| i.question.as_str());
        out.push_str(&format!("\n{} — {question}\n", d.issue));
        let rule = d
            .rule
            .as_ref()
            .map(rule_text)
            .unwrap_or_else(|| "no deciding body".into());
        let body = issue
            .and_then(|i| i.body.clone())
            .map(|b| format!("{b} "))
            .unwrap_or_default();
        let sq = d.status_quo.map(fmt_num).unwrap_or_else(|| "—".into());
        out.push_str(&format!(
            "  {body}{rule}; status quo {sq}; compromise baseline {}\n",
            fmt_num(d.baseline)
        ));
        match d.feasible {
            Some((lo, hi)) if lo == hi => out.push_str(&format!(
                "  DEADLOCK: no position beats the status quo under the rule; the status quo ({}) stands\n",
                fmt_num(lo)
            )),
            Some((lo, hi)) => out.push_str(&format!("  feasible under the rule: [{}, {}]\n", fmt_num(lo), fmt_num(hi))),
            None => {}
        }
        if let Some(s) = d.setter.as_ref().filter(|s| !s.deadlock) {
            let pivots = if s.pivotal.is_empty() {
                String::new()
            } else {
                format!("; pivotal: {}", s.pivotal.join(", "))
            };
            out.push_str(&format!(
                "  agenda setter {} would propose {}; the body adopts {}{pivots}\n",
                s.proposer,
                fmt_num(s.ideal),
                fmt_num(s.outcome)
            ));
        }
        for line in linkage_lines(d) {
            out.push_str(&format!("  {line}\n"));
        }
        if !d.collective {
            out.push_str(
                "  no body decides: the values below are weighted centres, not a collective \
                 forecast; each actor's own course is its prediction\n",
            );
        }
        if let Some(sp) = d.spread.as_ref().filter(|sp| sp.disagree) {
            out.push_str(&format!(
                "  the models disagree: {} to {} before the rule ({:.0} % of the scale)\n",
                fmt_num(sp.low),
                fmt_num(sp.high),
                100.0 * sp.share
            ));
        }
        let mut t = Table::new(
            &[
                "model",
                "prediction",
                "after rule",
                "rounds",
                "converged",
                "notes",
            ],
            &[false, true, true, true, false, false],
        )
        .limit(5, 44);
        for a in &d.answers {
            match &a.decision {
                Some(dec) => {
                    let warnings: Vec<String> = dec
                        .diagnostics
                        .warnings
                        .iter()
                        .map(|w| format!("{:?}", w.code))
                        .collect::<Vec<_>>();
                    let mut w = warnings.clone();
                    w.dedup();
                    t.row(vec![
                        a.model.clone(),
                        fmt_num(dec.unconstrained[0]),
                        fmt_num(dec.outcome[0]),
                        dec.diagnostics.rounds.to_string(),
                        if dec.diagnostics.converged {
                            "yes".into()
                        } else {
                            format!("{:?}", dec.diagnostics.stop_reason)
                        },
                        w.join(", "),
                    ]);
                }
                None => t.row(vec![
                    a.model.clone(),
                    "—".into(),
                    "—".into(),
                    String::new(),
                    String::new(),
                    a.error.clone().unwrap_or_default(),
                ]),
            }
        }
        out.push_str(&crate::text::indent(&t.render(), 2));
    }
    out
}

/// What linkage did on an issue, one line per bought block and one for the result:
/// "HUN's block on china-posture is bought by moving USA from 80 to 76.2 on tokyo-office".
pub fn linkage_lines(d: &IssueDecisions) -> Vec<String> {
    let Some(l) = &d.linkage else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for deal in &l.deals {
        let moves: Vec<String> = deal
            .payers
            .iter()
            .map(|p| format!("{} from {} to {}", p.actor, fmt_num(p.from), fmt_num(p.to)))
            .collect();
        lines.push(format!(
            "Linkage: {}'s block on {} is bought by moving {} on {}",
            deal.blocker,
            d.issue,
            moves.join(" and "),
            deal.issue,
        ));
        lines.push(format!(
            "  ({}'s expected outcome {} → {}); the proposal goes from {} to {}",
            deal.issue,
            fmt_num(deal.outcome_from),
            fmt_num(deal.outcome_to),
            fmt_num(deal.proposal_from),
            fmt_num(deal.proposal_to)
        ));
    }
    lines.push(if l.deals.is_empty() {
        format!(
            "Linkage: no concession on another issue buys a block; the body adopts {}",
            fmt_num(l.outcome)
        )
    } else {
        format!(
            "With linkage the body adopts {} (without: {})",
            fmt_num(l.outcome),
            fmt_num(l.before)
        )
    });
    lines
}

/// The rule in words.
pub fn rule_text(rule: &DecisionRule) -> String {
    match rule {
        DecisionRule::Consensus => "decides by consensus (every member can block)".into(),
        DecisionRule::Unanimity => "decides by unanimity".into(),
        DecisionRule::UnanimityWithAbstention { .. } => {
            "decides by unanimity with constructive abstention".into()
        }
        DecisionRule::Majority => "decides by simple majority".into(),
        DecisionRule::ReverseQualifiedMajority { threshold, double } => match double {
            Some(d) => format!(
                "adopts a proposal unless {:.0}% of members with {:.0}% of weight vote against",
                d.members * 100.0,
                d.weight * 100.0
            ),
            None => format!(
                "adopts a proposal unless {:.0}% of the weight votes against",
                threshold * 100.0
            ),
        },
        DecisionRule::QualifiedMajority {
            double: Some(d), ..
        } => {
            format!(
                "decides by double majority ({:.0}% of members, {:.0}% of weight)",
                d.members * 100.0,
                d.weight * 100.0
            )
        }
        DecisionRule::QualifiedMajority {
            threshold,
            double: None,
        } => {
            format!("decides by qualified majority ({:.0}%)", threshold * 100.0)
        }
    }
}

/// Monte Carlo intervals of every decide metric: mean and the 5–95 % range of each outcome;
/// deadlock probabilities in their own table, with their 95 % Wilson interval (an interval of
/// the estimate, not quantiles of a distribution).
pub fn render_uncertainty(mc: &detente::experiment::McResult) -> String {
    use detente::experiment::MetricSummary;
    let mut outcomes = Table::new(
        &["outcome", "mean", "5%", "50%", "95%"],
        &[false, true, true, true, true],
    )
    .limit(0, 52);
    let mut events = Table::new(
        &["event", "probability", "95% Wilson interval"],
        &[false, true, true],
    )
    .limit(0, 52);
    let (mut n_outcomes, mut n_events) = (0, 0);
    for (m, s) in mc.metrics.iter().zip(&mc.summaries[0]) {
        let name = m.name.trim_start_matches("decide.").to_string();
        match s {
            MetricSummary::Real(s) => {
                let q = |l| s.quantile(l).map(fmt_num).unwrap_or_else(|| "—".into());
                outcomes.row(vec![name, fmt_num(s.mean), q(0.05), q(0.5), q(0.95)]);
                n_outcomes += 1;
            }
            MetricSummary::Event(p) => {
                events.row(vec![
                    name,
                    format!("{:.1}%", 100.0 * p.estimate),
                    format!("{:.1}%–{:.1}%", 100.0 * p.low, 100.0 * p.high),
                ]);
                n_events += 1;
            }
        }
    }
    let mut out = format!(
        "\nUnder uncertainty: {} draws of every uncertain input (models at modes above; the 5–95 % range of each outcome below):\n",
        mc.runs
    );
    if n_outcomes > 0 {
        out.push_str(&crate::text::indent(&outcomes.render(), 2));
    }
    if n_events > 0 {
        out.push('\n');
        out.push_str(&crate::text::indent(&events.render(), 2));
    }
    out
}
