//! The briefing layer of a report built from results: key judgements with likelihood words
//! ([`crate::confidence`]), the assumptions-and-definitions box, indicators to watch and the
//! table of internal ids. Every number is read from the results or from the report's decide
//! section (whose levers and sensitivity come from the library's analysis functions); nothing
//! is modelled here.

use crate::confidence::{Confidence, band_of, likelihood_word, percent, percent_with_interval};
use crate::from_results::thousands;
use crate::model::{
    Definition, Indicator, IssueDecision, Judgement, Lens, Proportion, Report, TrackRecord,
};
use detente::decide::rules::DecisionRule;
use detente::experiment::{McResult, MetricSummary, Results};
use detente::scenario::Resolved;

/// Decide issues that get a key judgement at most (the others stay in the decide section).
const DECIDE_JUDGEMENTS: usize = 3;

/// A policy or strategy id in words: `clear-eyed-hedging` → `clear-eyed hedging`.
pub fn humanise(id: &str) -> String {
    let words: Vec<&str> = id.split('-').collect();
    // Keep hyphens inside compound adjectives such as "clear-eyed" and "full-spectrum".
    let mut out = String::new();
    let mut k = 0;
    while k < words.len() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(words[k]);
        if k + 1 < words.len() && matches!(words[k], "clear" | "full" | "tit" | "two") {
            out.push('-');
            out.push_str(words[k + 1]);
            k += 1;
        }
        k += 1;
    }
    out
}

/// A policy's display name: its label, else its id in words.
pub fn policy_name(id: &str, label: &str) -> String {
    if label.is_empty() || label == id {
        humanise(id)
    } else {
        label.to_string()
    }
}

fn event(mc: Option<&McResult>, metric: &str) -> Option<detente::stats::Proportion> {
    match mc?.summary("scenario", metric)? {
        MetricSummary::Event(p) => Some(*p),
        _ => None,
    }
}

/// A number with at most one decimal and no trailing `.0`, negatives with a true minus sign.
fn n1(v: f64) -> String {
    let s = crate::from_results::n1(v);
    match s.strip_prefix('-') {
        Some(rest) => format!("−{rest}"),
        None => s,
    }
}

fn signed(v: f64) -> String {
    if v > 0.0 {
        format!("+{}", n1(v))
    } else {
        n1(v)
    }
}

/// What silence means under the rule, in words.
fn silence_words(rule: &DecisionRule) -> &'static str {
    match rule {
        DecisionRule::Unanimity => "members without a stance are taken as absent",
        DecisionRule::UnanimityWithAbstention { .. } | DecisionRule::Consensus => {
            "silence is acquiescence: a member without a stance never blocks"
        }
        DecisionRule::Majority
        | DecisionRule::QualifiedMajority { .. }
        | DecisionRule::ReverseQualifiedMajority { .. } => {
            "members without a stance count in the totals but never as a vote for"
        }
    }
}

/// Fill the judgements, definitions, indicators and id table of `report` from the results.
pub fn brief(report: &mut Report, r: &Resolved, results: &Results) {
    let mc = results.decide_uncertainty.as_ref();
    let mut judgements = Vec::new();
    let mut indicators = Vec::new();
    if let (Some(section), Some(decisions)) = (&report.decide, &results.decide) {
        for (issue, d) in section
            .issues
            .iter()
            .zip(decisions)
            .filter(|(_, d)| d.collective)
            .take(DECIDE_JUDGEMENTS)
        {
            let (j, ind) = decide_judgement(r, issue, d, mc);
            judgements.push(j);
            indicators.extend(ind);
        }
    }
    if let Some(j) = escalate_judgement(results) {
        judgements.push(j);
    }
    if let Some(j) = align_judgement(r, results) {
        judgements.push(j);
    }
    report.judgements = judgements;
    report.indicators = indicators;
    report.definitions = definitions(r, results);
    report.names = names(r, results);
    if let Some(t) = report.track_record.clone() {
        attach_track_record(report, &t);
    }
}

/// Put the decide lens's track record into its judgements (called again when the record is
/// added after [`brief`]).
pub fn attach_track_record(report: &mut Report, t: &TrackRecord) {
    let compromise = t.rows.iter().find(|x| x.method == "compromise");
    let beaten = t
        .rows
        .iter()
        .any(|x| !x.baseline && x.versus_best.is_some_and(|(_, _, hi)| hi < 0.0));
    let best_baseline = t
        .rows
        .iter()
        .filter(|x| x.baseline)
        .filter_map(|x| Some((x, x.mae?)))
        .min_by(|a, b| a.1.0.total_cmp(&b.1.0))
        .map(|(x, _)| x.method.clone());
    let mut text = format!("On {} past decisions with a known outcome", t.cases);
    if let Some((v, lo, hi)) = compromise.and_then(|c| c.mae) {
        text.push_str(&format!(
            ", the compromise model missed by {} points on average (95 % interval {}–{})",
            n1(v),
            n1(lo),
            n1(hi)
        ));
    }
    if let Some((h, _, _)) = compromise.and_then(|c| c.hit_rate) {
        text.push_str(&format!(
            " and came within {} points in {} of cases",
            n1(t.tolerance),
            percent(h)
        ));
    }
    text.push_str(&match (&best_baseline, beaten) {
        (Some(b), false) => format!("; no model beats the naive “{b}” baseline."),
        (Some(b), true) => format!("; some models beat the naive “{b}” baseline."),
        (None, _) => ".".into(),
    });
    for j in report
        .judgements
        .iter_mut()
        .filter(|j| j.lens == Lens::Decide)
    {
        j.track_record = Some(text.clone());
        if !beaten && j.confidence == "high" {
            j.confidence = "moderate".into();
            j.confidence_reason
                .push_str(" Capped at moderate: on past cases no model beats a naive baseline.");
        }
    }
}

fn decide_judgement(
    r: &Resolved,
    issue: &IssueDecision,
    d: &detente::decide::scenario::IssueDecisions,
    mc: Option<&McResult>,
) -> (Judgement, Vec<Indicator>) {
    let body = issue
        .body
        .clone()
        .unwrap_or_else(|| "the deciding body".into());
    let who = r
        .scenario
        .issues
        .iter()
        .find(|i| i.id == issue.id)
        .and_then(|i| i.body.clone())
        .map_or_else(
            || "The body".to_string(),
            |b| {
                // Bodies are known by their acronym (NATO, EU); other actors by name.
                if b.chars().all(|c| c.is_ascii_uppercase() || c == '-') {
                    b
                } else {
                    crate::from_results::actor_name(r, &b)
                }
            },
        );
    let q = issue.status_quo;
    let compromise = d.decision("compromise");
    let outcome = compromise
        .and_then(|c| c.outcome.first().copied())
        .unwrap_or(d.baseline);
    let before = compromise
        .and_then(|c| c.unconstrained.first().copied())
        .unwrap_or(d.baseline);
    let deadlock = event(mc, &format!("decide.{}.deadlock", d.issue));
    let range =
        match mc.and_then(|m| m.summary("scenario", &format!("decide.{}.compromise", d.issue))) {
            Some(MetricSummary::Real(s)) if s.n > 0 => {
                let qv = |l: f64| {
                    s.quantiles
                        .iter()
                        .find(|(x, _)| (x - l).abs() < 1e-9)
                        .map_or(f64::NAN, |&(_, v)| v)
                };
                Some((qv(0.05), qv(0.95)))
            }
            _ => None,
        };
    // The judgement: the status quo stands (deadlock) or the outcome moves off it.
    let stays = d.deadlocked();
    let likelihood = deadlock.map(|p| {
        if stays {
            Proportion {
                p: p.estimate,
                low: p.low,
                high: p.high,
            }
        } else {
            Proportion {
                p: 1.0 - p.estimate,
                low: 1.0 - p.high,
                high: 1.0 - p.low,
            }
        }
    });
    let word = likelihood.map_or("", |l| likelihood_word(l.p));
    let sq = q.map_or_else(String::new, n1);
    let (label, statement) = if stays {
        (
            issue.question.clone(),
            format!(
                "It is {word} that {who} leaves this where it is: the status quo ({sq} on a {}–{} \
                 scale) stands, because the compromise of {} cannot pass {}.",
                n1(issue.scale.min),
                n1(issue.scale.max),
                n1(before),
                body.split_once(", by ")
                    .map_or(body.as_str(), |(_, rule)| rule)
            ),
        )
    } else {
        let dir = match q {
            Some(q) if outcome > q + 1e-9 => "above",
            Some(q) if outcome < q - 1e-9 => "below",
            _ => "at",
        };
        (
            issue.question.clone(),
            format!(
                "It is {word} that {who} moves off the status quo ({sq}): the compromise that can \
                 pass is about {} on a {}–{} scale, {dir} today's position{}.",
                n1(outcome),
                n1(issue.scale.min),
                n1(issue.scale.max),
                range.map_or_else(String::new, |(a, b)| format!(
                    " (90 % of draws of the uncertain inputs between {} and {})",
                    n1(a),
                    n1(b)
                ))
            ),
        )
    };
    let statement = if word.is_empty() {
        statement.replacen("It is  that", "We judge that", 1)
    } else {
        statement
    };
    // Do the models agree on the direction after the rule?
    let dirs: Vec<i8> = issue
        .predictions
        .iter()
        .map(|p| match q {
            Some(q) if p.value > q + 0.5 => 1,
            Some(q) if p.value < q - 0.5 => -1,
            _ => 0,
        })
        .collect();
    let agree = dirs.windows(2).all(|w| w[0] == w[1]);
    let in_band = likelihood.is_none_or(|l| {
        let (lo, hi) = band_of(l.p);
        l.low >= lo - 1e-12 && l.high <= hi + 1e-12
    });
    let confidence = Confidence::from_evidence(agree && issue.disagreement.is_none(), in_band);
    let mut reason = if agree {
        "The models agree on the direction after the decision rule.".to_string()
    } else {
        let after: Vec<String> = issue
            .predictions
            .iter()
            .map(|p| format!("{} {}", p.model, n1(p.value)))
            .collect();
        format!(
            "The models disagree after the decision rule ({}).",
            after.join(", ")
        )
    };
    if !in_band {
        reason.push_str(" The interval of the probability spans more than one likelihood word.");
    }
    let mut evidence = Vec::new();
    if let Some(l) = likelihood {
        evidence.push(format!(
            "The likelihood is the share of {} draws of the uncertain inputs in which the \
             compromise model's outcome {} under the rule: {}.",
            thousands(deadlock.map_or(0, |p| p.trials)),
            if stays {
                "stays at the status quo"
            } else {
                "moves off the status quo"
            },
            percent_with_interval(l.p, l.low, l.high)
        ));
    }
    let mut would_change = Vec::new();
    let mut indicators = Vec::new();
    if let Some(l) = issue.levers.first() {
        would_change.push(format!(
            "The largest single lever: {} moving its {} (the compromise before the rule moves \
             {} points).",
            l.actor,
            l.change,
            signed(l.effect)
        ));
    }
    if let Some(t) = &issue.tornado {
        for b in crate::charts::tornado::sorted(&t.bars).into_iter().take(1) {
            let crosses = q.is_some_and(|q| (b.at_low - q) * (b.at_high - q) < 0.0);
            indicators.push(Indicator {
                judgement: label.clone(),
                watch: b.input.clone(),
                signal: format!(
                    "across its plausible range it moves the compromise before the rule from {} to \
                     {}{}",
                    n1(b.at_low),
                    n1(b.at_high),
                    if crosses {
                        " — across the status quo, which would reverse the direction of change"
                    } else {
                        ""
                    }
                ),
            });
        }
    }
    for l in issue.levers.iter().take(1) {
        indicators.push(Indicator {
            judgement: label.clone(),
            watch: format!("{}'s position", l.actor),
            signal: format!(
                "a move {} shifts the compromise before the rule by {} points",
                l.change.replacen("position ", "", 1),
                signed(l.effect)
            ),
        });
    }
    if let Some(w) = &issue.disagreement {
        would_change.push(
            "A better reading of which model fits this body: they disagree more than the inputs \
             vary."
                .into(),
        );
        let _ = w;
    }
    let judgement = Judgement {
        lens: Lens::Decide,
        label,
        statement,
        likelihood,
        confidence: confidence.word().into(),
        confidence_reason: reason,
        evidence: evidence.join(" "),
        track_record: None,
        would_change,
        warning: issue.disagreement.clone(),
    };
    (judgement, indicators)
}

fn escalate_judgement(results: &Results) -> Option<Judgement> {
    let e = results.escalate.as_ref()?;
    let first = e.policies.first()?;
    let name = |p: &detente::experiment::results::PolicyResult| policy_name(&p.id, &p.label);
    let s = &first.summary.spiral;
    let word = likelihood_word(s.estimate);
    let best = e.policies.iter().min_by(|a, b| {
        a.summary
            .spiral
            .estimate
            .total_cmp(&b.summary.spiral.estimate)
    })?;
    let worst = e.policies.iter().max_by(|a, b| {
        a.summary
            .spiral
            .estimate
            .total_cmp(&b.summary.spiral.estimate)
    })?;
    let statement = format!(
        "Under {} a West–China spiral is {word} ({}); the policies run from {} under {} to {} under \
         {}.",
        name(first),
        percent(s.estimate),
        percent(best.summary.spiral.estimate),
        name(best),
        percent(worst.summary.spiral.estimate),
        name(worst)
    );
    let (lo, hi) = band_of(s.estimate);
    let in_band = s.low >= lo - 1e-12 && s.high <= hi + 1e-12;
    // One model: agreement between models cannot be checked, so confidence is at most moderate.
    let confidence = Confidence::from_evidence(true, in_band).min(Confidence::Moderate);
    let mut would_change = Vec::new();
    if let Some((id, c)) = e
        .versus_first
        .iter()
        .min_by(|a, b| a.1.spiral.mean.total_cmp(&b.1.spiral.mean))
        && c.spiral.mean < 0.0
    {
        let label = e
            .policies
            .iter()
            .find(|p| &p.id == id)
            .map_or_else(|| humanise(id), name);
        would_change.push(format!(
            "Switching to {label} changes the spiral probability by {} percentage points (paired \
             95 % interval {} to {}).",
            signed(100.0 * c.spiral.mean),
            signed(100.0 * c.spiral.low),
            signed(100.0 * c.spiral.high)
        ));
    }
    would_change.push(
        "A calibration on other rivalries: the behavioural parameters are drawn from their fit \
         to past rivalries, not observed for this dyad."
            .into(),
    );
    Some(Judgement {
        lens: Lens::Escalate,
        label: format!("Spiral under {}", name(first)),
        statement,
        likelihood: Some(Proportion {
            p: s.estimate,
            low: s.low,
            high: s.high,
        }),
        confidence: confidence.word().into(),
        confidence_reason: format!(
            "One model (the security-dilemma simulation), {} runs per policy; the probability's \
             95 % interval is {}.",
            thousands(e.runs),
            percent_with_interval(s.estimate, s.low, s.high)
        ),
        evidence: format!(
            "Spiral: in at least three of the four domains, rivals locked in mutual hostility for \
             three periods running. Runs per policy: {}.",
            thousands(e.runs)
        ),
        track_record: None,
        would_change,
        warning: None,
    })
}

fn align_judgement(r: &Resolved, results: &Results) -> Option<Judgement> {
    let a = results.align.as_ref()?;
    let best = a.configurations.first()?;
    let mut coalitions: Vec<&detente::align::Coalition> = best.coalitions.iter().collect();
    detente::order::sort_by(&mut coalitions, |x, y| {
        x.members
            .len()
            .cmp(&y.members.len())
            .then(x.label.cmp(&y.label))
    });
    let names = |ids: &[String]| -> String {
        let v: Vec<String> = ids
            .iter()
            .map(|i| crate::from_results::actor_name(r, i))
            .collect();
        match v.as_slice() {
            [] => String::new(),
            [x] => x.clone(),
            [init @ .., last] => format!("{} and {last}", init.join(", ")),
        }
    };
    let split = match coalitions.as_slice() {
        [one] => format!("all {} actors in one camp", one.members.len()),
        [small, ..] => format!("{} in a camp against the rest", names(&small.members)),
        [] => return None,
    };
    let share = best.basin.share();
    let mut loose: Vec<&detente::align::ActorPlacement> = best.actors.iter().collect();
    detente::order::sort_by(&mut loose, |x, y| {
        x.relative_margin
            .total_cmp(&y.relative_margin)
            .then(x.id.cmp(&y.id))
    });
    let would_change: Vec<String> = loose
        .iter()
        .take(2)
        .map(|p| {
            format!(
                "{} is the least anchored (relative margin {:.2}: it loses little by changing camp).",
                crate::from_results::actor_name(r, &p.id),
                p.relative_margin
            )
        })
        .collect();
    Some(Judgement {
        lens: Lens::Align,
        label: "Alignment".into(),
        statement: format!(
            "The most stable alignment puts {split}; {} of random starting alignments end there.",
            percent(share)
        ),
        likelihood: None,
        confidence: if a.configurations.len() == 1 {
            "moderate".into()
        } else {
            "low".into()
        },
        confidence_reason: format!(
            "No likelihood word: the share of random starts that end in an alignment is not a \
             probability that it happens. {} stable alignment{} found.",
            a.configurations.len(),
            if a.configurations.len() == 1 { "" } else { "s" }
        ),
        evidence: "Landscape theory: each state joins the camp that minimises its frustration \
                   with states it is hostile to or friendly with."
            .into(),
        track_record: None,
        would_change,
        warning: None,
    })
}

fn definitions(r: &Resolved, results: &Results) -> Vec<Definition> {
    let mut out = Vec::new();
    let def = |t: &str, m: String| Definition {
        term: t.into(),
        meaning: m,
    };
    if let Some(d) = &r.scenario.scenario.as_of {
        out.push(def(
            "As of",
            format!(
                "The situation is described as it stood on {d}. The bundled world data (SIPRI \
                 2024 military spending, CINC 2022 capabilities, IMF 2024 GDP and population) \
                 may post-date it; each capability figure's source is in the annex."
            ),
        ));
    }
    if results.decide.is_some() {
        out.push(def(
            "Issue scale",
            "Each question is a 0–100 (or stated) scale between two named ends; positions, the \
             status quo and predictions are points on it. Differences are in points of that scale."
                .into(),
        ));
        let mut rules: Vec<String> = Vec::new();
        for d in results.decide.iter().flatten() {
            if let Some(rule) = &d.rule {
                let body = r
                    .scenario
                    .issues
                    .iter()
                    .find(|i| i.id == d.issue)
                    .and_then(|i| i.body.clone())
                    .unwrap_or_default();
                let line = format!(
                    "{} decides by {}: {}",
                    crate::from_results::actor_name(r, &body),
                    crate::from_results::rule_words(rule),
                    silence_words(rule)
                );
                if !rules.contains(&line) {
                    rules.push(line);
                }
            }
        }
        if !rules.is_empty() {
            out.push(def(
                "Decision rule",
                format!(
                    "Models predict where bargaining settles; the rule then keeps only outcomes \
                     that can pass, else the status quo stands (deadlock). {}.",
                    rules.join(". ")
                ),
            ));
        }
    }
    if let Some(e) = &results.escalate {
        out.push(def(
            "Spiral",
            "A run spirals when at least three of the domains are locked — the weighted share of \
             rival pairs in mutual hostility is at least one half — for three periods running."
                .into(),
        ));
        out.push(def(
            "Welfare",
            "Each side's payoff from the repeated game, discounted and summed over the periods: \
             a relative score for comparing policies, not money."
                .into(),
        ));
        if let Some(sc) = &r.scenario.escalate {
            let mut lines = Vec::new();
            let mut strategies: Vec<String> = Vec::new();
            for p in &sc.policies {
                let label = e
                    .policies
                    .iter()
                    .find(|x| x.id == p.id)
                    .map_or_else(|| humanise(&p.id), |x| policy_name(&x.id, &x.label));
                let parts: Vec<String> = p
                    .strategies
                    .iter()
                    .map(|(who, strat)| {
                        let who = if sc.sides.contains_key(who) {
                            capitalise(who)
                        } else {
                            crate::from_results::actor_name(r, who)
                        };
                        let words = strategy_words(strat);
                        if !strategies.contains(&words) {
                            strategies.push(words);
                        }
                        format!("{who} plays {}", humanise(strat))
                    })
                    .collect();
                lines.push(format!("{}: {}", capitalise(&label), parts.join(", ")));
            }
            out.push(def("Policies", lines.join(". ") + "."));
            out.push(def("Strategies", strategies.join("; ") + "."));
            if let Some(prior) = &sc.prior {
                out.push(def(
                    "Calibration",
                    format!(
                        "The security-dilemma behaviour (noise, spillover, grievance, \
                         reconciliation, leadership change) is drawn in every run from its fit \
                         to the strategic rivalries of 1816–1945 (prior “{prior}”); nothing was \
                         fitted to the West–China case."
                    ),
                ));
            }
        }
    }
    if results.richardson.is_some() {
        out.push(def(
            "Richardson rest point",
            "The arms-race model is set so that the base year's spending is its rest point \
             (grievance g = −M x⁰), so the rest point equals the base year by construction; what \
             the model adds is whether a shock dies away (stable) or grows (unstable)."
                .into(),
        ));
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}

/// A strategy or policy alias in words, with what it does.
fn strategy_words(spec: &str) -> String {
    use detente::escalate::strategy::registry::{POLICY_ALIASES, find};
    if let Some(a) = POLICY_ALIASES.iter().find(|a| a.alias == spec) {
        return format!("{} ({})", humanise(spec), a.why);
    }
    match find(spec) {
        Some(e) => format!("{} ({})", humanise(e.id), e.rule),
        None => humanise(spec),
    }
}

fn names(r: &Resolved, results: &Results) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for i in &r.scenario.issues {
        out.push((i.id.clone(), i.question.clone()));
    }
    if let Some(e) = &results.escalate {
        for p in &e.policies {
            out.push((p.id.clone(), policy_name(&p.id, &p.label)));
        }
    }
    for a in &r.scenario.actors {
        let name = crate::from_results::actor_name(r, &a.id);
        if name != a.id {
            out.push((a.id.clone(), name));
        }
    }
    out
}
