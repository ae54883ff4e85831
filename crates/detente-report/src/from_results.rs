//! Fill a whole [`Report`] from a resolved scenario and the [`Results`] of
//! `detente::experiment::run_all`: headlines written from the real lens
//! outputs, the scenario section, decide (predictions, feasible set, trajectories, Monte Carlo
//! distributions, tornado and levers of the compromise model), align, escalate with Richardson,
//! and the method notes. Sections the results lack stay `None`, so a scenario with one lens gives
//! a report with that lens only.
//!
//! The only modelling done here is closed-form arithmetic on the compromise model (D1) for the
//! levers and the tornado, and a Richardson simulation for the trajectory chart; every other
//! number is copied from the results.

use crate::from_scenario::{actors_on_scale, scenario_section};
use crate::model::{
    ActorFrustration, AlignSection, Bin, Coalition, Configuration, DecideSection, Distribution,
    DomainTension, Driver, EquilibriumRow, EscalateSection, Feasible, FrustratedPair, Headline,
    Interval, IssueDecision, IssueScale, Lens, Lever, Member, MethodNotes, ModelNote, Param,
    PolicyDifference, PolicyResult, Prediction, Proportion, Report, Richardson, Series,
    SideWelfare, Tornado, TornadoBar, TrackRecord, TrackRow, Trajectory, Validation,
};
use detente::align::AlignResult;
use detente::align::Basin;
use detente::decide::rules::DecisionRule;
use detente::decide::scenario::IssueDecisions;
use detente::decide::{Decision, ResolvedIssue};
use detente::experiment::analysis::{self, Metric};
use detente::experiment::results::{EscalateResults, RichardsonResults};
use detente::experiment::{InputPath, McResult, MetricSummary, Results};
use detente::scenario::{Issue, Resolved};

/// Actors shown in a model's per-actor trajectory chart at most (more lines are unreadable).
const MAX_ACTOR_LINES: usize = 10;
/// Levers listed per issue.
const LEVERS: usize = 5;
/// Size of the lever shift as a share of the scale span (10 points on a 0–100 scale).
const LEVER_SHIFT: f64 = 0.10;
/// Actors whose levers are evaluated per issue (those with the most weight c·s).
const LEVER_ACTORS: usize = 5;
/// Richardson trajectory: years simulated and the relative shock on the base levels.
const RICHARDSON_YEARS: f64 = 20.0;
const RICHARDSON_SHOCK: f64 = 0.10;
/// Frustrated pairs drawn in the coalition map at most.
const MAX_PAIRS: usize = 8;

/// The full report for `r` and its `results`. Every section the results allow is filled.
pub fn report_from(r: &Resolved, results: &Results) -> Report {
    let decide = results
        .decide
        .as_ref()
        .map(|d| decide_section(r, d, results));
    let align = results.align.as_ref().map(|a| align_section(r, a));
    let escalate = escalate_section(r, results);
    let mut headlines = Vec::new();
    if let Some(d) = &results.decide {
        headlines.push(Headline {
            lens: Lens::Decide,
            sentences: d
                .iter()
                .map(|i| decide_headline(r, i, results.decide_uncertainty.as_ref()))
                .collect(),
        });
    }
    if let Some(a) = &results.align
        && let Some(s) = align_headline(a)
    {
        headlines.push(Headline {
            lens: Lens::Align,
            sentences: vec![s],
        });
    }
    let mut esc = Vec::new();
    if let Some(e) = &results.escalate {
        esc.extend(escalate_headline(e));
    }
    if let Some(x) = &escalate.as_ref().and_then(|e| e.richardson.as_ref()) {
        esc.push(x.verdict.clone());
    }
    if !esc.is_empty() {
        headlines.push(Headline {
            lens: Lens::Escalate,
            sentences: esc,
        });
    }
    for e in &results.errors {
        let lens = match e.lens.as_str() {
            "align" => Lens::Align,
            "decide" => Lens::Decide,
            _ => Lens::Escalate,
        };
        headlines.push(Headline {
            lens,
            sentences: vec![format!("The {} lens could not run: {}", e.lens, e.message)],
        });
    }
    let question = question(r, results);
    let mut report = Report {
        question,
        headlines,
        scenario: Some(scenario_section(r)),
        decide,
        align,
        escalate,
        method: Some(method_notes(results)),
        track_record: None,
        validation: results.align.as_ref().and_then(|a| align_validation(r, a)),
        ..Report::default()
    };
    crate::briefing::brief(&mut report, r, results);
    report
}

/// Add the decide lens's track record (see [`track_record`]) to `report`, and to its key
/// judgements.
pub fn add_track_record(
    report: &mut Report,
    b: &detente::experiment::backtest::Backtest,
    command: &str,
) {
    let t = track_record(b, command);
    crate::briefing::attach_track_record(report, &t);
    report.track_record = Some(t);
}

/// The track record section from a scored backtest (one implementation: the library's
/// [`detente::experiment::backtest`]; nothing is recomputed here). `command` reproduces it.
pub fn track_record(b: &detente::experiment::backtest::Backtest, command: &str) -> TrackRecord {
    use detente::experiment::backtest::{Interval, MethodKind};
    let tuple = |i: &Interval| (i.value, i.low, i.high);
    let rows: Vec<TrackRow> = b
        .scores
        .iter()
        .map(|s| TrackRow {
            method: s.method.clone(),
            baseline: s.kind == MethodKind::Baseline,
            n: s.n,
            mae: s.mae.as_ref().map(tuple),
            hit_rate: s.hit_rate.as_ref().map(tuple),
            versus_best: s
                .versus_best_baseline
                .as_ref()
                .map(|p| tuple(&p.difference)),
        })
        .collect();
    TrackRecord {
        cases: b.cases.len(),
        placements: b.cases.iter().filter(|c| c.estimate).count(),
        tolerance: b.options.tolerance,
        resamples: b.options.resamples,
        verdict: verdict(&rows, b.best_baseline.as_deref()),
        rows,
        command: command.to_string(),
    }
}

/// Which method has the lowest error, and whether any model beats the best baseline (its
/// paired interval lies wholly below 0).
fn verdict(rows: &[TrackRow], best_baseline: Option<&str>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some((r, (v, lo, hi))) = rows
        .iter()
        .filter_map(|r| Some((r, r.mae?)))
        .min_by(|a, b| a.1.0.total_cmp(&b.1.0))
    {
        out.push(format!(
            "Lowest mean error: {} ({}, {:.1} points [{:.1}, {:.1}] on {} cases).",
            r.method,
            if r.baseline { "a baseline" } else { "a model" },
            v,
            lo,
            hi,
            r.n
        ));
    }
    let Some(base) = best_baseline else {
        return out;
    };
    let beaten: Vec<&str> = rows
        .iter()
        .filter(|r| !r.baseline && r.versus_best.is_some_and(|(_, _, hi)| hi < 0.0))
        .map(|r| r.method.as_str())
        .collect();
    out.push(if beaten.is_empty() {
        format!(
            "No model beats the {base} baseline: every model's paired difference interval \
             includes 0 or lies above it, so on this many cases none is detectably better."
        )
    } else {
        format!(
            "Beating the {base} baseline (paired interval below 0): {}.",
            beaten.join(", ")
        )
    });
    out
}

/// The report's question, composed from what was run: the issues' question when there is
/// one issue, else what each lens asks.
fn question(r: &Resolved, results: &Results) -> String {
    let decided = results.decide.as_ref().map_or(0, Vec::len);
    let mut parts = Vec::new();
    if decided == 1 {
        if let Some(i) = r.scenario.issues.iter().find(|i| !i.stances.is_empty()) {
            parts.push(i.question.trim_end_matches('?').to_string());
        }
    } else if decided > 1 {
        let mut bodies: Vec<String> = r
            .scenario
            .issues
            .iter()
            .filter(|i| !i.stances.is_empty())
            .filter_map(|i| i.body.clone())
            .collect();
        bodies.dedup();
        let who = if bodies.is_empty() {
            "the actors".to_string()
        } else {
            list(&bodies)
        };
        parts.push(format!("Where will {who} settle on {decided} issues"));
    }
    if results.align.is_some() {
        parts.push("who sides with whom".into());
    }
    if results.escalate.is_some() {
        parts.push("does the rivalry spiral".into());
    } else if results.richardson.is_some() {
        parts.push("is the arms race stable".into());
    }
    if parts.is_empty() {
        return r.scenario.scenario.title.clone();
    }
    let mut q = list(&parts);
    if let Some(first) = q.get(..1) {
        q = first.to_uppercase() + &q[1..];
    }
    q + "?"
}

// ---------------------------------------------------------------------------------------------
// Decide

/// Display name of a registry model.
fn model_name(id: &str) -> String {
    match id {
        "compromise" => "compromise".into(),
        "median" => "weighted median".into(),
        "nash" => "Nash bargaining".into(),
        "bdm" => "BDM expected utility".into(),
        "smp" => "SMP (Scholz)".into(),
        "exchange" => "vote exchange".into(),
        other => other.into(),
    }
}

/// A model's name on an issue: the compromise model is marked `+ rule` where a rule applies.
fn label_on(id: &str, d: &IssueDecisions) -> String {
    if id == "compromise" && d.rule.is_some() {
        "compromise + rule".into()
    } else {
        model_name(id)
    }
}

/// The rule in words.
pub(crate) fn rule_words(rule: &DecisionRule) -> String {
    match rule {
        DecisionRule::Unanimity => "unanimity".into(),
        DecisionRule::Consensus => "consensus".into(),
        DecisionRule::UnanimityWithAbstention { .. } => {
            "unanimity with constructive abstention".into()
        }
        DecisionRule::Majority => "simple majority".into(),
        DecisionRule::QualifiedMajority { threshold, double } => {
            format!(
                "qualified majority ({})",
                quota_words(*threshold, double.as_ref())
            )
        }
        DecisionRule::ReverseQualifiedMajority { threshold, double } => format!(
            "reverse qualified majority: the proposal stands unless {} vote against",
            quota_words(*threshold, double.as_ref())
        ),
    }
}

fn quota_words(threshold: f64, double: Option<&detente::decide::DoubleMajority>) -> String {
    match double {
        Some(d) => format!(
            "{} % of members, {} % of weight",
            pct0(d.members),
            pct0(d.weight)
        ),
        None => format!("{} %", pct0(threshold)),
    }
}

fn pct0(p: f64) -> String {
    format!("{:.0}", 100.0 * p)
}

/// A number with at most one decimal and no trailing `.0`.
pub(crate) fn n1(v: f64) -> String {
    if !v.is_finite() {
        return "–".into();
    }
    let s = format!("{v:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s).to_string();
    if s == "-0" { "0".into() } else { s }
}

/// A percentage from a share with a precision that suits it.
fn pct(p: f64) -> String {
    if !p.is_finite() {
        "–".into()
    } else if (0.01..=0.99).contains(&p) || p == 0.0 || p == 1.0 {
        format!("{:.0}", 100.0 * p)
    } else {
        format!("{:.1}", 100.0 * p)
    }
}

/// A share with its interval as `p % (95 % CI lo–hi %)`, all three with the same decimals:
/// one decimal when a value lies within 10 % of 0 or 1 (but is not exactly 0 or 1), where whole
/// percents would blur the interval, else none.
fn pct_ci(p: f64, lo: f64, hi: f64) -> String {
    let fine = [p, lo, hi]
        .iter()
        .any(|&v| v > 0.0 && v < 1.0 && !(0.10..=0.90).contains(&v));
    let f = |v: f64| {
        if !v.is_finite() {
            return "–".to_string();
        }
        let s = if fine {
            format!("{:.1}", 100.0 * v)
        } else {
            format!("{:.0}", 100.0 * v)
        };
        match s.as_str() {
            "100.0" => "100".into(),
            "0.0" => "0".into(),
            _ => s,
        }
    };
    format!("{} % (95 % CI {}–{} %)", f(p), f(lo), f(hi))
}

/// Integer with thousands separators (`10,000`).
pub(crate) fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn body_words(r: &Resolved, issue: &Issue) -> Option<String> {
    let body = issue.body.as_deref()?;
    let rule = r
        .scenario
        .actors
        .iter()
        .find(|a| a.id == body)
        .map(|a| rule_words(&detente::decide::scenario::rule(a)));
    Some(match rule {
        Some(rule) => format!("{body}, by {rule}"),
        None => body.to_string(),
    })
}

fn real_summary<'a>(
    mc: Option<&'a McResult>,
    metric: &str,
) -> Option<&'a detente::experiment::Summary> {
    match mc?.summary("scenario", metric)? {
        MetricSummary::Real(s) if s.n > 0 => Some(s),
        _ => None,
    }
}

fn event_share(mc: Option<&McResult>, metric: &str) -> Option<detente::stats::Proportion> {
    match mc?.summary("scenario", metric)? {
        MetricSummary::Event(p) => Some(*p),
        _ => None,
    }
}

fn quantile(s: &detente::experiment::Summary, level: f64) -> f64 {
    s.quantiles
        .iter()
        .find(|(l, _)| (l - level).abs() < 1e-9)
        .map_or(f64::NAN, |&(_, v)| v)
}

/// One sentence per issue: the outcome under the rule with its Monte Carlo range.
fn decide_headline(r: &Resolved, d: &IssueDecisions, mc: Option<&McResult>) -> String {
    let issue = r.scenario.issues.iter().find(|i| i.id == d.issue);
    let who = issue
        .and_then(|i| {
            let body = i.body.clone()?;
            Some((body, d.rule.as_ref().map(rule_words)))
        })
        .map(|(name, rule)| match rule {
            Some(rule) => format!("{name}, deciding by {rule},"),
            None => name,
        });
    let compromise = d.decision("compromise");
    let unconstrained = compromise
        .and_then(|c| c.unconstrained.first().copied())
        .unwrap_or(d.baseline);
    let deadlock = event_share(mc, &format!("decide.{}.deadlock", d.issue));
    let runs = mc.map_or(0, |m| m.runs);
    match (d.deadlocked(), d.status_quo) {
        (true, Some(q)) => {
            let who = who.unwrap_or_else(|| "The deciding body".into());
            let tail = match deadlock {
                Some(p) => format!(
                    " (deadlock in {} % of {} draws of the uncertain inputs)",
                    pct(p.estimate),
                    thousands(runs)
                ),
                None => String::new(),
            };
            format!(
                "{who} is deadlocked on {}: the status quo {} stands, since the compromise of {} cannot pass{tail}.",
                d.issue,
                n1(q),
                n1(unconstrained)
            )
        }
        _ => {
            let outcome = compromise
                .and_then(|c| c.outcome.first().copied())
                .unwrap_or(d.baseline);
            let (who, verb) =
                who.map_or_else(|| ("The actors".to_string(), "settle"), |w| (w, "settles"));
            let range = real_summary(mc, &format!("decide.{}.compromise", d.issue)).map(|s| {
                format!(
                    " (90 % of {} draws between {} and {})",
                    thousands(runs),
                    n1(quantile(s, 0.05)),
                    n1(quantile(s, 0.95))
                )
            });
            let sq = d.status_quo.map_or(String::new(), |q| {
                let side = if outcome > q + 1e-9 {
                    "above"
                } else if outcome < q - 1e-9 {
                    "below"
                } else {
                    "at"
                };
                format!(", {side} the status quo of {}", n1(q))
            });
            let others: Vec<f64> = d
                .answers
                .iter()
                .filter_map(|a| a.decision.as_ref()?.outcome.first().copied())
                .filter(|v| v.is_finite())
                .collect();
            let spread = if others.len() > 1 {
                let lo = others.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = others.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                format!(
                    "; the {} models range from {} to {}",
                    others.len(),
                    n1(lo),
                    n1(hi)
                )
            } else {
                String::new()
            };
            format!(
                "{who} {verb} at {} on {} under the compromise model{}{sq}{spread}.",
                n1(outcome),
                d.issue,
                range.unwrap_or_default()
            )
        }
    }
}

fn decide_section(r: &Resolved, all: &[IssueDecisions], results: &Results) -> DecideSection {
    let resolved = detente::decide::scenario::issues(r);
    let issues = all
        .iter()
        .filter_map(|d| {
            let issue = r.scenario.issues.iter().find(|i| i.id == d.issue)?;
            let ri = resolved.iter().find(|i| i.id == d.issue)?;
            Some(issue_decision(
                r,
                issue,
                ri,
                d,
                results.decide_uncertainty.as_ref(),
                results.seed,
            ))
        })
        .collect();
    DecideSection { issues }
}

fn issue_decision(
    r: &Resolved,
    issue: &Issue,
    ri: &ResolvedIssue,
    d: &IssueDecisions,
    mc: Option<&McResult>,
    seed: u64,
) -> IssueDecision {
    let unconstrained: Vec<Prediction> = d
        .answers
        .iter()
        .filter_map(|a| {
            let v = a.decision.as_ref()?.unconstrained.first().copied()?;
            Some(Prediction {
                model: model_name(&a.model),
                value: v,
            })
        })
        .collect();
    let flags = model_flags(r, d);
    let disagreement = disagreement(&unconstrained, d, mc, &issue.scale);
    let predictions = d
        .answers
        .iter()
        // Without a rule the compromise model's answer is the baseline row the chart already
        // draws; with one it is the baseline after the rule.
        .filter(|a| a.model != "compromise" || d.rule.is_some())
        .filter_map(|a| {
            let v = a.decision.as_ref()?.outcome.first().copied()?;
            Some(Prediction {
                model: label_on(&a.model, d),
                value: v,
            })
        })
        .collect();
    let feasible = d.feasible.map(|(lo, hi)| {
        if lo == hi {
            Feasible::Deadlock { at: lo }
        } else {
            Feasible::Interval { low: lo, high: hi }
        }
    });
    let trajectories = d
        .answers
        .iter()
        .filter_map(|a| trajectory(&a.model, a.decision.as_ref()?, &d.actors))
        .collect();
    let distributions = mc.map_or_else(Vec::new, |m| {
        d.answers
            .iter()
            .filter_map(|a| {
                let s = real_summary(Some(m), &format!("decide.{}.{}", d.issue, a.model))?;
                // A point mass (e.g. every draw deadlocked at the status quo) says nothing a
                // histogram would add; the headline reports it.
                if s.max - s.min <= 1e-9 * (1.0 + s.max.abs()) {
                    return None;
                }
                let bins = s
                    .histogram
                    .counts
                    .iter()
                    .enumerate()
                    .filter_map(|(k, &count)| {
                        Some(Bin {
                            low: *s.histogram.edges.get(k)?,
                            high: *s.histogram.edges.get(k + 1)?,
                            count,
                        })
                    })
                    .collect();
                Some(Distribution {
                    model: label_on(&a.model, d),
                    runs: s.n,
                    bins,
                    q05: quantile(s, 0.05),
                    q50: quantile(s, 0.50),
                    q95: quantile(s, 0.95),
                })
            })
            .collect()
    });
    IssueDecision {
        id: issue.id.clone(),
        question: issue.question.clone(),
        body: body_words(r, issue),
        scale: IssueScale::from(&issue.scale),
        status_quo: d.status_quo,
        actors: actors_on_scale(r, issue),
        predictions,
        unconstrained,
        flags,
        disagreement,
        name: issue.question.clone(),
        baseline: d.baseline,
        feasible,
        trajectories,
        distributions,
        tornado: tornado(r, issue, seed),
        levers: levers(r, ri, seed),
    }
}

/// What the models' diagnostics say: a model that stopped at its round limit, a tie broken by
/// convention, a rule that emptied the win-set; one plain sentence each.
fn model_flags(r: &Resolved, d: &IssueDecisions) -> Vec<String> {
    use detente::decide::WarningCode;
    let mut out = Vec::new();
    for a in &d.answers {
        let name = model_name(&a.model);
        let Some(dec) = &a.decision else {
            out.push(format!("The {name} model gave no answer on this issue."));
            continue;
        };
        let g = &dec.diagnostics;
        if !g.converged {
            out.push(format!(
                "The {name} model did not converge: it stopped at its limit of {} rounds with \
                 positions still moving, so its prediction is where the rounds ran out, not a \
                 resting point.",
                g.rounds
            ));
        }
        let ties: Vec<String> = g
            .warnings
            .iter()
            .filter(|w| w.code == WarningCode::TieBroken)
            .map(|w| match &w.actor {
                Some(x) => format!("{} ({})", w.message, actor_name(r, x)),
                None => w.message.clone(),
            })
            .collect();
        if let Some(first) = ties.first() {
            out.push(format!(
                "The {name} model broke {} tie{} by convention (first: {}).",
                ties.len(),
                if ties.len() == 1 { "" } else { "s" },
                first.trim_end_matches('.')
            ));
        }
    }
    out
}

/// A warning when the models' predictions before the rule spread wider than the Monte Carlo
/// 5–95 % range of the compromise model: the interval then measures input uncertainty only and
/// understates how unsure the answer is.
fn disagreement(
    unconstrained: &[Prediction],
    d: &IssueDecisions,
    mc: Option<&McResult>,
    scale: &detente::scenario::Scale,
) -> Option<String> {
    let values: Vec<f64> = unconstrained
        .iter()
        .map(|p| p.value)
        .filter(|v| v.is_finite())
        .collect();
    if values.len() < 2 {
        return None;
    }
    let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let band = real_summary(mc, &format!("decide.{}.compromise", d.issue))
        .map_or(0.0, |s| quantile(s, 0.95) - quantile(s, 0.05));
    let span = scale.max - scale.min;
    // Disagreement that matters: wider than the draws' range and than a tenth of the scale.
    if hi - lo <= band.max(0.1 * span) {
        return None;
    }
    Some(format!(
        "The models disagree: before the decision rule their predictions run from {} to {} \
         ({} points apart), wider than the 90 % range of the Monte Carlo draws ({} points). That \
         range measures uncertainty in the inputs only; the spread between models is the larger \
         uncertainty.",
        n1(lo),
        n1(hi),
        n1(hi - lo),
        n1(band)
    ))
}

/// The model's outcome per round (its forecast, else the weighted mean it reports), with the
/// actors' positions when there are few enough actors to read them.
fn trajectory(model: &str, dec: &Decision, actors: &[String]) -> Option<Trajectory> {
    let outcome: Vec<f64> = dec
        .trajectory
        .iter()
        .map(|round| {
            round
                .forecast
                .as_ref()
                .or(round.mean.as_ref())
                .and_then(|v| v.first().copied())
        })
        .collect::<Option<Vec<f64>>>()?;
    if outcome.len() < 2 {
        return None;
    }
    let moves = dec
        .trajectory
        .windows(2)
        .any(|w| w[0].positions != w[1].positions);
    let series = if actors.len() <= MAX_ACTOR_LINES && moves {
        actors
            .iter()
            .enumerate()
            .map(|(i, a)| Series {
                label: a.clone(),
                values: dec
                    .trajectory
                    .iter()
                    .map(|round| {
                        round
                            .positions
                            .get(i)
                            .and_then(|p| p.first().copied())
                            .unwrap_or(f64::NAN)
                    })
                    .collect(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Some(Trajectory {
        model: model_name(model),
        outcome,
        actors: series,
    })
}

/// The compromise outcome before the rule, as the library's analysis functions name it.
fn compromise_metric(issue: &str) -> Metric {
    Metric::Decide {
        issue: issue.to_string(),
        model: "compromise".into(),
        unconstrained: true,
    }
}

/// A human label for an input path of the issue (`issue.X.stance.USA.position` → `United
/// States position`, `actor.USA.capability` → `United States capability`).
fn input_label(r: &Resolved, path: &str) -> String {
    let label =
        |actor: &str, key: &str| format!("{} {}", actor_name(r, actor), key.replace('_', " "));
    match InputPath::parse(path) {
        Ok(InputPath::Stance { actor, field, .. }) => label(&actor, field.key()),
        Ok(InputPath::StatusQuo { .. }) => "status quo".into(),
        Ok(InputPath::Actor { actor, field }) => label(&actor, field.key()),
        _ => path.to_string(),
    }
}

/// An actor's display name (its id when it has none).
pub(crate) fn actor_name(r: &Resolved, id: &str) -> String {
    r.actor(id)
        .map(|a| a.name.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| id.to_string())
}

/// Levers from the library ([`analysis::levers`]): for each of the [`LEVER_ACTORS`] actors with
/// the most weight c·s (an own move's effect is w_i δ / W, so they hold the largest levers), every
/// single change it could make or seek, a tenth of the scale; the largest effects on the
/// compromise outcome before the rule are listed, each change once.
fn levers(r: &Resolved, ri: &ResolvedIssue, seed: u64) -> Vec<Lever> {
    let delta = LEVER_SHIFT * (ri.scale.hi - ri.scale.lo);
    let metric = compromise_metric(&ri.id);
    let mut by_weight: Vec<(f64, &str)> = ri
        .stances
        .iter()
        .map(|s| (s.weight(0), s.actor.as_str()))
        .collect();
    detente::order::sort_by(&mut by_weight, |a, b| {
        b.0.total_cmp(&a.0).then(a.1.cmp(b.1))
    });
    let mut all: Vec<analysis::Lever> = Vec::new();
    for (_, actor) in by_weight.iter().take(LEVER_ACTORS) {
        let Ok(l) = analysis::levers(r, actor, &metric, delta, seed) else {
            continue;
        };
        for lever in l.levers {
            if lever.kind == analysis::LeverKind::OwnSalience || !lever.effect.is_finite() {
                continue;
            }
            if !all.iter().any(|x| x.path == lever.path && x.to == lever.to) {
                all.push(lever);
            }
        }
    }
    detente::order::sort_by(&mut all, |a, b| {
        b.effect
            .abs()
            .total_cmp(&a.effect.abs())
            .then(a.path.cmp(&b.path))
            .then(a.to.total_cmp(&b.to))
    });
    all.into_iter()
        .filter(|l| l.effect != 0.0)
        .take(LEVERS)
        .map(|l| Lever {
            actor: actor_name(r, &l.actor),
            change: format!("position {} → {}", n1(l.from), n1(l.to)),
            effect: l.effect,
        })
        .collect()
}

/// One-at-a-time sensitivity of the compromise outcome before the rule to every uncertain
/// input, from the library ([`analysis::tornado`]: the tornado of `detente sensitivity`,
/// without the Morris screening the report does not show); inputs that do not move it are left
/// out.
fn tornado(r: &Resolved, issue: &Issue, seed: u64) -> Option<Tornado> {
    let s = analysis::tornado(r, &compromise_metric(&issue.id), 0, seed).ok()?;
    let bars: Vec<TornadoBar> = s
        .tornado
        .iter()
        .filter(|b| b.swing > 0.0 && b.at_low.is_finite() && b.at_high.is_finite())
        .map(|b| TornadoBar {
            input: input_label(r, &b.path),
            at_low: b.at_low,
            at_high: b.at_high,
        })
        .collect();
    if bars.is_empty() {
        return None;
    }
    let unit = issue.scale.unit.as_deref().unwrap_or("points");
    Some(Tornado {
        metric: format!("compromise outcome before the rule, {unit}"),
        base: s.base,
        bars,
    })
}

// ---------------------------------------------------------------------------------------------
// Align

fn align_section(r: &Resolved, a: &AlignResult) -> AlignSection {
    let size_of = |id: &str| a.actors.iter().find(|x| x.id == id).map_or(0.0, |x| x.size);
    let configurations = a
        .configurations
        .iter()
        .map(|c| Configuration {
            rank: c.rank as u32,
            energy: c.normalised_energy,
            basin_share: c.basin.share(),
            basin_interval: match &c.basin {
                Basin::Estimate { share } => Some(Interval {
                    low: share.low,
                    high: share.high,
                }),
                _ => None,
            },
            coalitions: c
                .coalitions
                .iter()
                .map(|co| Coalition {
                    label: co.label.clone(),
                    members: co
                        .members
                        .iter()
                        .map(|m| Member {
                            actor: m.clone(),
                            size: size_of(m),
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let best = a.configurations.first();
    let actors = best.map_or_else(Vec::new, |c| {
        c.actors
            .iter()
            .map(|p| ActorFrustration {
                actor: p.id.clone(),
                frustration: p.frustration,
                relative_margin: p.relative_margin,
            })
            .collect()
    });
    let mut pairs: Vec<FrustratedPair> = Vec::new();
    if let Some(c) = best {
        for p in &c.actors {
            for t in p.contributors.iter().filter(|t| t.value > 0.0) {
                let (x, y) = if p.id <= t.actor {
                    (p.id.clone(), t.actor.clone())
                } else {
                    (t.actor.clone(), p.id.clone())
                };
                match pairs.iter_mut().find(|q| q.a == x && q.b == y) {
                    Some(q) => q.strength = q.strength.max(t.value),
                    None => pairs.push(FrustratedPair {
                        a: x,
                        b: y,
                        strength: t.value,
                    }),
                }
            }
        }
    }
    detente::order::sort_by(&mut pairs, |p, q| {
        q.strength
            .total_cmp(&p.strength)
            .then(p.a.cmp(&q.a))
            .then(p.b.cmp(&q.b))
    });
    pairs.truncate(MAX_PAIRS);
    AlignSection {
        size_measure: r
            .scenario
            .align
            .as_ref()
            .map_or_else(|| "size".into(), |s| size_words(&s.size)),
        configurations,
        actors,
        frustrated_pairs: pairs,
    }
}

/// The verdict against the scenario's `[align.reference]`: each published configuration is
/// compared with the lens's configuration of the same rank (actors placed differently, under the
/// better of the two ways to match two sides), and the published basin share of the global
/// minimum with the lens's, each within the tolerance the scenario states.
pub fn align_validation(r: &Resolved, a: &AlignResult) -> Option<Validation> {
    let rf = r.scenario.align.as_ref()?.reference.as_ref()?;
    let mut parts = Vec::new();
    let mut ok = 0;
    for (k, published) in rf.configurations.iter().enumerate() {
        let Some(c) = a.configurations.get(k) else {
            parts.push(format!("#{}: not found", k + 1));
            continue;
        };
        let side: std::collections::BTreeSet<&str> =
            published.side.iter().map(String::as_str).collect();
        let anchor = c.actors.iter().find(|p| side.contains(p.id.as_str()));
        let coalition = anchor.map_or("", |p| p.coalition.as_str());
        let differ = c
            .actors
            .iter()
            .filter(|p| (p.coalition == coalition) != side.contains(p.id.as_str()))
            .count();
        let differ = differ.min(c.actors.len() - differ);
        if differ <= published.within as usize {
            ok += 1;
        }
        let placed = match differ {
            0 => "every actor as published".to_string(),
            1 => "1 actor placed differently".to_string(),
            n => format!("{n} actors placed differently"),
        };
        parts.push(format!("#{}: {placed}, within {}", k + 1, published.within));
    }
    let n = rf.configurations.len();
    let configs_ok = ok == n;
    let mark = |ok: bool| if ok { "✔" } else { "✘" };
    let mut checks = Vec::new();
    if n > 0 {
        let mut found = match ok {
            2 if n == 2 => "both published minima reproduced".to_string(),
            1 if n == 1 => "the published minimum reproduced".to_string(),
            ok if ok == n => format!("all {n} published minima reproduced"),
            ok => format!("{ok} of {n} published minima reproduced"),
        };
        found.push_str(&format!(" ({})", parts.join("; ")));
        checks.push(format!("{found} {}", mark(configs_ok)));
    }
    // Finding more (or fewer) stable configurations than published is not a reproduction.
    let count_ok = n == 0 || a.configurations.len() == n;
    if !count_ok {
        checks.push(format!(
            "{} stable configurations found, {n} published {}",
            a.configurations.len(),
            mark(false)
        ));
    }
    let mut basin_ok = true;
    if let (Some(published), Some(c)) = (rf.basin_share, a.configurations.first()) {
        let tol = rf.basin_tolerance.unwrap_or(0.0);
        let share = c.basin.share();
        basin_ok = (share - published).abs() <= tol + 1e-12;
        checks.push(format!(
            "basin share of the global minimum {} vs {} ± {} {}",
            fmt3(share),
            fmt3(published),
            fmt3(tol).trim_end_matches('0').trim_end_matches('.'),
            mark(basin_ok)
        ));
    }
    let reference = r
        .scenario
        .scenario
        .sources
        .iter()
        .find(|s| s.id == rf.source)
        .map_or(rf.source.clone(), |s| s.cite.clone());
    Some(Validation {
        reference,
        validated: configs_ok && count_ok && basin_ok,
        checks,
    })
}

/// The align size measure in words.
fn size_words(size: &str) -> String {
    match size {
        "cinc" => "CINC (COW National Material Capabilities, 2022)".into(),
        "milex" => "military expenditure (SIPRI 2024, US$ m)".into(),
        "gdp" => "GDP (IMF WEO, 2024)".into(),
        "population" => "population (IMF WEO, 2024)".into(),
        other => other.into(),
    }
}

fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [a] => a.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn align_headline(a: &AlignResult) -> Option<String> {
    let best = a.configurations.first()?;
    let basin = match &best.basin {
        Basin::Estimate { share } if share.hits == share.trials => {
            format!(
                "every one of {} random starts ends there",
                thousands(share.trials)
            )
        }
        Basin::Estimate { share } => format!(
            "basin {} of {} random starts",
            pct_ci(share.estimate, share.low, share.high),
            thousands(share.trials)
        ),
        other => format!("basin {} %", pct(other.share())),
    };
    let mut coalitions: Vec<&detente::align::Coalition> = best.coalitions.iter().collect();
    detente::order::sort_by(&mut coalitions, |x, y| {
        x.members
            .len()
            .cmp(&y.members.len())
            .then(x.label.cmp(&y.label))
    });
    let split = match coalitions.as_slice() {
        [one] => format!("keeps all {} actors together", one.members.len()),
        [small, _] => format!("puts {} against the rest", list(&small.members)),
        many => format!(
            "splits the actors into {} coalitions: {}",
            many.len(),
            many.iter()
                .map(|c| format!("{} ({})", c.label, list(&c.members)))
                .collect::<Vec<_>>()
                .join("; ")
        ),
    };
    let mut loose: Vec<&detente::align::ActorPlacement> = best.actors.iter().collect();
    detente::order::sort_by(&mut loose, |x, y| {
        x.relative_margin
            .total_cmp(&y.relative_margin)
            .then(x.id.cmp(&y.id))
    });
    let loose: Vec<String> = loose
        .iter()
        .take(3)
        .enumerate()
        .map(|(k, p)| {
            let rho = format!("{:.2}", p.relative_margin);
            if k == 0 {
                format!("{} (relative margin {rho})", p.id)
            } else {
                format!("{} ({rho})", p.id)
            }
        })
        .collect();
    let others = if a.configurations.len() > 1 {
        format!(
            "; {} other stable configuration{} found",
            a.configurations.len() - 1,
            if a.configurations.len() == 2 { "" } else { "s" }
        )
    } else {
        String::new()
    };
    Some(format!(
        "The stable alignment {split} ({basin}{others}); the least anchored are {}.",
        list(&loose)
    ))
}

// ---------------------------------------------------------------------------------------------
// Escalate

fn proportion(p: &detente::stats::Proportion) -> Proportion {
    Proportion {
        p: p.estimate,
        low: p.low,
        high: p.high,
    }
}

fn escalate_headline(e: &EscalateResults) -> Vec<String> {
    let parts: Vec<String> = e
        .policies
        .iter()
        .enumerate()
        .map(|(k, p)| {
            let s = &p.summary.spiral;
            let share = pct_ci(s.estimate, s.low, s.high);
            if k == 0 {
                format!("Under {} the rivalry spirals in {share} of runs", p.label)
            } else {
                format!("under {} in {share}", p.label)
            }
        })
        .collect();
    let mut out = Vec::new();
    if !parts.is_empty() {
        out.push(format!(
            "{} — {} runs per policy on common random numbers.",
            parts.join(", "),
            thousands(e.runs)
        ));
    }
    if let Some(first) = e.policies.first()
        && !e.versus_first.is_empty()
    {
        let diffs: Vec<String> = e
            .versus_first
            .iter()
            .map(|(id, c)| {
                let label = e
                    .policies
                    .iter()
                    .find(|p| &p.id == id)
                    .map_or(id.as_str(), |p| p.label.as_str());
                let d = &c.spiral;
                format!(
                    "{label} {} [{}, {}]",
                    signed1(100.0 * d.mean),
                    signed1(100.0 * d.low),
                    signed1(100.0 * d.high)
                )
            })
            .collect();
        out.push(format!(
            "Change in spiral probability against {}, in percentage points with paired 95 % CIs: {}.",
            first.label,
            diffs.join("; ")
        ));
    }
    out
}

fn escalate_section(r: &Resolved, results: &Results) -> Option<EscalateSection> {
    let richardson = results.richardson.as_ref().map(richardson);
    let Some(e) = &results.escalate else {
        return richardson.map(|x| EscalateSection {
            richardson: Some(x),
            ..EscalateSection::default()
        });
    };
    let first = e.policies.first();
    let sides = first.map_or_else(Vec::new, |p| p.summary.sides.clone());
    let domains = first.map_or_else(Vec::new, |p| p.summary.domains.clone());
    let policies = e
        .policies
        .iter()
        .map(|p| {
            let s = &p.summary;
            PolicyResult {
                id: p.id.clone(),
                label: crate::briefing::policy_name(&p.id, &p.label),
                note: p.note.clone(),
                tension: s
                    .domains
                    .iter()
                    .zip(&s.tension)
                    .enumerate()
                    .map(|(k, (d, bands))| DomainTension {
                        domain: d.clone(),
                        median: bands.iter().map(|b| b.mean).collect(),
                        // Per-run tension jumps between calm and locked, so every domain's
                        // 5–95 % band spans most of [0, 1]; overlaid they hide the lines. Only
                        // the first domain keeps its band.
                        low: if k == 0 {
                            bands.iter().map(|b| b.low).collect()
                        } else {
                            Vec::new()
                        },
                        high: if k == 0 {
                            bands.iter().map(|b| b.high).collect()
                        } else {
                            Vec::new()
                        },
                    })
                    .collect(),
                spiral: proportion(&s.spiral),
                onset_median: s.onset.as_ref().map(|o| o.median),
                welfare: s
                    .sides
                    .iter()
                    .zip(&s.side_welfare)
                    .map(|(side, w)| SideWelfare {
                        side: side.clone(),
                        mean: w.mean,
                        interval: Interval {
                            low: w.q05,
                            high: w.q95,
                        },
                    })
                    .collect(),
                decoupling: s.final_decoupling,
            }
        })
        .collect();
    let mut paired = Vec::new();
    if let Some(first) = first {
        for (id, c) in &e.versus_first {
            let mut push = |metric: String, d: &detente::escalate::dilemma::PairedDifference| {
                paired.push(PolicyDifference {
                    metric,
                    a: id.clone(),
                    b: first.id.clone(),
                    mean: d.mean,
                    ci: Interval {
                        low: d.low,
                        high: d.high,
                    },
                })
            };
            push("spiral probability".into(), &c.spiral);
            push("joint welfare".into(), &c.joint_welfare);
            for (side, d) in sides.iter().zip(&c.side_welfare) {
                push(format!("{side} welfare"), d);
            }
        }
    }
    let period = r
        .scenario
        .escalate
        .as_ref()
        .map_or_else(|| "period".into(), |x| x.period.clone());
    let band_label = format!(
        "mean over runs (lines); shaded, the 5–95 % band over runs of the {} domain only \
         (per-run tension jumps between calm and locked, so every domain's band spans most of \
         0–1 and overlaid bands would hide the lines)",
        domains.first().map_or("first", String::as_str)
    );
    Some(EscalateSection {
        sides,
        domains,
        period,
        runs: e.runs,
        welfare_unit: "discounted payoff summed over periods".into(),
        band_label,
        policies,
        paired,
        richardson,
    })
}

fn richardson(x: &RichardsonResults) -> Richardson {
    let a = &x.analysis;
    let verdict = if a.stable {
        let rate = -a.spectral_abscissa;
        format!(
            "Richardson: stable — every eigenvalue of M has a negative real part (spectral abscissa {} per year), so after a shock spending returns to its rest point, half the gap closing in about {} years.",
            fmt3(a.spectral_abscissa),
            n1(std::f64::consts::LN_2 / rate)
        )
    } else {
        format!(
            "Richardson: unstable — the spectral abscissa is {} per year, so a shock grows by a factor e every {} years: an arms race runs away unless reactions weaken.",
            fmt3(a.spectral_abscissa),
            n1(1.0 / a.spectral_abscissa)
        )
    };
    let verdict = if a.equilibrium_nonnegative {
        verdict
    } else {
        verdict
            + " The rest point has negative entries, so it is not a meaningful level of spending."
    };
    let base = &x.model.baseline;
    let times: Vec<f64> = (0..=RICHARDSON_YEARS as usize).map(|t| t as f64).collect();
    let start: Vec<f64> = base.iter().map(|b| b * (1.0 + RICHARDSON_SHOCK)).collect();
    let path: Option<Vec<Vec<f64>>> = times
        .iter()
        .map(|&t| x.model.model.exact(&start, t).ok())
        .collect();
    let trajectories = path.map_or_else(Vec::new, |rows| {
        a.actors
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let b = base.get(i).copied().unwrap_or(f64::NAN);
                Series {
                    label: name.clone(),
                    values: rows
                        .iter()
                        .map(|row| 100.0 * row.get(i).copied().unwrap_or(f64::NAN) / b)
                        .collect(),
                }
            })
            .collect()
    });
    Richardson {
        verdict,
        stable: a.stable,
        eigenvalues: a.eigenvalues.iter().map(|c| (c.re, c.im)).collect(),
        unit: "US$ bn".into(),
        equilibrium: a
            .actors
            .iter()
            .enumerate()
            .map(|(i, name)| EquilibriumRow {
                actor: name.clone(),
                base: base.get(i).copied().unwrap_or(f64::NAN),
                equilibrium: a.equilibrium.get(i).copied().unwrap_or(f64::NAN),
            })
            .collect(),
        drivers: a
            .drivers
            .iter()
            .map(|d| Driver {
                from: d.from_name.clone(),
                to: d.to_name.clone(),
                score: d.score,
            })
            .collect(),
        trajectory_unit: "% of base-year level".into(),
        trajectory_caption: format!(
            "Each actor's spending after every level is raised {} % above the base year, as the \
             Richardson system evolves (exact solution x(t) = e^(Mt) x⁰ + ∫ e^(Ms) g ds), in \
             % of its base-year level; 100 % is the base year.",
            n1(100.0 * RICHARDSON_SHOCK)
        ),
        times: if trajectories.is_empty() {
            Vec::new()
        } else {
            times
        },
        trajectories,
    }
}

/// Signed number with one decimal and a true minus sign.
fn signed1(v: f64) -> String {
    let s = format!("{:.1}", v.abs());
    if s == "0.0" {
        s
    } else if v < 0.0 {
        format!("−{s}")
    } else {
        format!("+{s}")
    }
}

fn fmt3(v: f64) -> String {
    let s = format!("{v:.3}");
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => s,
    }
}

// ---------------------------------------------------------------------------------------------
// Method

fn params(v: &serde_json::Value) -> Vec<Param> {
    match v {
        serde_json::Value::Object(map) => map
            .iter()
            .map(|(k, v)| Param {
                name: k.clone(),
                value: match v {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                },
            })
            .collect(),
        serde_json::Value::Null => Vec::new(),
        other => vec![Param {
            name: "value".into(),
            value: other.to_string(),
        }],
    }
}

fn method_notes(results: &Results) -> MethodNotes {
    let mut models = Vec::new();
    if let Some(d) = &results.decide {
        let mut seen: Vec<String> = Vec::new();
        for a in d.iter().flat_map(|i| &i.answers) {
            if seen.contains(&a.model) {
                continue;
            }
            if let Some(dec) = &a.decision {
                seen.push(a.model.clone());
                let mut parameters = params(&dec.model.parameters);
                if let Some(p) = &dec.model.preset {
                    parameters.insert(
                        0,
                        Param {
                            name: "preset".into(),
                            value: p.clone(),
                        },
                    );
                }
                models.push(ModelNote {
                    name: model_name(&a.model),
                    lens: Lens::Decide,
                    parameters,
                });
            }
        }
        if let Some(mc) = &results.decide_uncertainty {
            models.push(ModelNote {
                name: "decide Monte Carlo over uncertain inputs".into(),
                lens: Lens::Decide,
                parameters: vec![
                    Param {
                        name: "draws".into(),
                        value: thousands(mc.runs),
                    },
                    Param {
                        name: "models".into(),
                        value: mc
                            .metrics
                            .iter()
                            .filter_map(|m| m.name.rsplit('.').next())
                            .filter(|m| !["deadlock", "up", "down", "stays"].contains(m))
                            .fold(Vec::<&str>::new(), |mut v, m| {
                                if !v.contains(&m) {
                                    v.push(m);
                                }
                                v
                            })
                            .join(", "),
                    },
                ],
            });
        }
    }
    if let Some(a) = &results.align {
        let d = &a.diagnostics;
        let mut parameters = vec![
            Param {
                name: "method".into(),
                value: format!("{:?}", d.method).to_lowercase(),
            },
            Param {
                name: "coalitions".into(),
                value: d.coalitions.to_string(),
            },
            Param {
                name: "rule".into(),
                value: d.rule.clone(),
            },
            Param {
                name: "stable configurations".into(),
                value: d.stable_found.to_string(),
            },
        ];
        if let Some(rs) = d.restarts {
            parameters.push(Param {
                name: "restarts".into(),
                value: thousands(rs),
            });
        }
        models.push(ModelNote {
            name: "frustration minimisation (align)".into(),
            lens: Lens::Align,
            parameters,
        });
    }
    if let Some(e) = &results.escalate
        && let Some(p) = e.policies.first()
    {
        models.push(ModelNote {
            name: "security-dilemma Monte Carlo (escalate)".into(),
            lens: Lens::Escalate,
            parameters: vec![
                Param {
                    name: "runs per policy".into(),
                    value: thousands(e.runs),
                },
                Param {
                    name: "horizon".into(),
                    value: format!("{} periods", p.summary.horizon),
                },
                Param {
                    name: "policies".into(),
                    value: e
                        .policies
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                },
            ],
        });
    }
    if let Some(x) = &results.richardson {
        models.push(ModelNote {
            name: "Richardson arms race".into(),
            lens: Lens::Escalate,
            parameters: x
                .model
                .model
                .actors
                .iter()
                .zip(&x.model.model.fatigue)
                .map(|(a, f)| Param {
                    name: format!("fatigue α {a}"),
                    value: format!("{f:.3} /yr"),
                })
                .collect(),
        });
    }
    MethodNotes {
        models,
        seed: results.seed,
        runs: results.runs,
        version: results.version.clone(),
        command: format!(
            "detente report --seed {} --runs {}",
            results.seed, results.runs
        ),
        scenario_hash: results.scenario_hash.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente::experiment::{RunOptions, run_all};
    use detente::scenario::{FLAGSHIP, FLAGSHIP_NAME, load_str};

    #[test]
    fn flagship_fills_every_section() {
        let r = load_str(FLAGSHIP, FLAGSHIP_NAME).expect("flagship loads");
        let opts = RunOptions {
            seed: 7,
            runs: 200,
            align_restarts: 300,
            ..RunOptions::default()
        };
        let results = run_all(&r, FLAGSHIP, &opts, &|_, _, _| {});
        let report = report_from(&r, &results);
        let d = report.decide.as_ref().expect("decide");
        let posture = d
            .issues
            .iter()
            .find(|i| i.id == "china-posture")
            .expect("issue");
        assert!(posture.predictions.len() >= 4);
        // The cost of blocking is drawn per run, so the outcome under consensus varies.
        assert!(!posture.distributions.is_empty());
        let decoupling = d
            .issues
            .iter()
            .find(|i| i.id == "china-decoupling")
            .expect("issue");
        // All 27 members count: the 13 without a stance are not a yes, so the EU deadlocks in
        // every draw (a point mass, no histogram).
        assert!(decoupling.distributions.is_empty());
        assert!(matches!(
            decoupling.feasible,
            Some(Feasible::Deadlock { .. })
        ));
        assert!(
            posture.distributions[0]
                .bins
                .iter()
                .map(|b| b.count)
                .sum::<u64>()
                > 0
        );
        assert!(matches!(posture.feasible, Some(Feasible::Interval { .. })));
        assert!(posture.tornado.as_ref().is_some_and(|t| !t.bars.is_empty()));
        assert_eq!(posture.levers.len(), LEVERS);
        assert!(
            report
                .align
                .as_ref()
                .is_some_and(|a| !a.configurations.is_empty())
        );
        let e = report.escalate.as_ref().expect("escalate");
        assert!(!e.policies.is_empty() && e.richardson.is_some());
        assert!(
            e.richardson
                .as_ref()
                .is_some_and(|x| x.trajectories.len() == x.equilibrium.len())
        );
        let lenses: Vec<Lens> = report.headlines.iter().map(|h| h.lens).collect();
        assert_eq!(lenses, vec![Lens::Decide, Lens::Align, Lens::Escalate]);
        let html = crate::render(&report);
        assert!(html.contains("china-posture") && !html.contains("<script"));
        assert_eq!(html, crate::render(&report_from(&r, &results)));
    }

    #[test]
    fn decide_only_scenario_renders_one_lens() {
        let text = r#"
format = 1

[scenario]
id = "tiny"
title = "Tiny council"
summary = "Where will the council set the levy? A three-member toy."

[[actor]]
id = "AAA"
name = "Alpha"
kind = "other"
capability = 10

[[actor]]
id = "BBB"
name = "Beta"
kind = "other"
capability = 5

[[actor]]
id = "CCC"
name = "Gamma"
kind = "other"
capability = 2

[[issue]]
id = "levy"
question = "How high a levy?"
scale = { min = 0, max = 100 }
status_quo = 40

[[issue.stance]]
actor = "AAA"
position = 70
salience = 0.8

[[issue.stance]]
actor = "BBB"
position = { low = 10, mode = 30, high = 40 }
salience = 0.6

[[issue.stance]]
actor = "CCC"
position = 50
salience = 0.9
"#;
        let r = load_str(text, "tiny.toml").expect("tiny scenario loads");
        let opts = RunOptions {
            runs: 100,
            ..RunOptions::default()
        };
        let results = run_all(&r, text, &opts, &|_, _, _| {});
        let report = report_from(&r, &results);
        assert!(report.align.is_none() && report.escalate.is_none());
        assert_eq!(report.headlines.len(), 1);
        assert!(
            report.headlines[0].sentences[0].contains("levy"),
            "{:?}",
            report.headlines
        );
        let issue = &report.decide.as_ref().expect("decide").issues[0];
        let t = issue.tornado.as_ref().expect("BBB position is uncertain");
        assert_eq!(t.bars.len(), 1);
        assert_eq!(t.bars[0].input, "Beta position");
        // The levers come from the library's re-run of the model and agree with the closed form
        // of the compromise model: Alpha (c·s = 8 of W = 12.8) moving 10 points moves it 80/12.8.
        assert_eq!(issue.levers[0].actor, "Alpha");
        assert!(
            (issue.levers[0].effect.abs() - 80.0 / 12.8).abs() < 1e-9,
            "{:?}",
            issue.levers
        );
        let html = crate::render(&report);
        assert!(html.contains("levy"));
        assert!(!html.contains("id=\"escalate\""));
    }

    const EUROPE_1936: &str = include_str!("../../../scenarios/validation/europe-1936.toml");

    fn europe_1936_report(text: &str) -> Report {
        let r = load_str(text, "europe-1936.toml").expect("validation scenario loads");
        let results = run_all(&r, text, &RunOptions::default(), &|_, _, _| {});
        report_from(&r, &results)
    }

    #[test]
    fn europe_1936_says_it_reproduced_its_reference() {
        let report = europe_1936_report(EUROPE_1936);
        let v = report.validation.as_ref().expect("a reference is declared");
        assert!(v.validated, "{v:?}");
        assert!(v.reference.contains("Axelrod"), "{v:?}");
        assert!(
            v.checks[0].starts_with("both published minima reproduced")
                && v.checks[0].ends_with('✔'),
            "{v:?}"
        );
        assert!(v.checks[1].contains("vs 0.732 ± 0.05 ✔"), "{v:?}");
        let html = crate::render(&report);
        assert!(
            html.contains("Validation against the published results (R. Axelrod"),
            "no verdict in the align section"
        );
    }

    #[test]
    fn a_reference_the_run_misses_is_reported_as_not_reproduced() {
        // The same landscape against a basin share it does not reach.
        let text = EUROPE_1936.replace("basin_share = 0.732", "basin_share = 0.5");
        let v = europe_1936_report(&text).validation.expect("reference");
        assert!(!v.validated, "{v:?}");
        assert!(v.checks[0].ends_with('✔'), "{v:?}");
        assert!(v.checks[1].contains("vs 0.500 ± 0.05 ✘"), "{v:?}");
        // A scenario without a reference gets no verdict.
        let start = EUROPE_1936.find("[align.reference]").unwrap();
        assert!(
            europe_1936_report(&EUROPE_1936[..start])
                .validation
                .is_none()
        );
    }
}
