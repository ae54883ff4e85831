//! `backtest`: each model's track record against what happened, beside the naive baselines.

use crate::text::wrap;
use crate::{CsvRows, Table};
use detente::experiment::backtest::{AlignCase, Backtest, MethodKind};
use std::fmt::Write as _;
use std::path::Path;

fn n1(x: f64) -> String {
    format!("{x:.1}")
}

/// A share as a whole percentage, without a space so the table keeps to 100 columns.
fn pct(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// The decide cases' table, then each align case's.
pub fn table(b: &Backtest) -> String {
    let mut out = if b.cases.is_empty() {
        String::new()
    } else {
        decide_table(b)
    };
    for a in &b.align {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&align_table(a, b.options.resamples));
    }
    out
}

/// One align case: share placed correctly and Cohen's κ for the model and each baseline, with
/// the verdict against the best baseline stated plainly.
pub fn align_table(a: &AlignCase, resamples: usize) -> String {
    let mut out = String::new();
    let file = Path::new(&a.source)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(&a.source);
    let count = |side: &str| a.states.iter().filter(|(_, s)| s == side).count();
    let head = format!(
        "Align case {file}: {} ({}); {} states scored ({}){}.",
        a.event,
        a.date,
        a.states.len(),
        a.sides
            .iter()
            .map(|s| format!("{s} {}", count(s)))
            .collect::<Vec<_>>()
            .join(", "),
        if a.unscored.is_empty() {
            String::new()
        } else {
            format!("; {} without data", a.unscored.len())
        }
    );
    let _ = writeln!(out, "{}", wrap(&head, 100));
    for (id, why) in &a.unscored {
        let _ = writeln!(out, "  not scored: {id} ({why})");
    }
    let _ = writeln!(
        out,
        "Share placed correctly and Cohen's kappa; 95 % bootstrap intervals over states, {resamples} resamples."
    );
    let mut t = Table::new(
        &["method", "kind", "correct", "interval", "kappa", "interval"],
        &[false, false, true, true, true, true],
    )
    .limit(0, 30);
    for m in &a.methods {
        let acc = m.accuracy.map_or(("–".into(), String::new()), |x| {
            (pct(x.value), format!("[{}, {}]", pct(x.low), pct(x.high)))
        });
        let kappa = m.kappa.map_or(("–".into(), String::new()), |x| {
            (
                format!("{:.2}", x.value),
                format!("[{:.2}, {:.2}]", x.low, x.high),
            )
        });
        t.row(vec![
            m.method.clone(),
            match m.kind {
                MethodKind::Baseline => "baseline".into(),
                MethodKind::Model => "model".into(),
            },
            acc.0,
            acc.1,
            kappa.0,
            kappa.1,
        ]);
    }
    out.push_str(&t.render());
    let model = a.methods.iter().find(|m| m.kind == MethodKind::Model);
    let best = a
        .methods
        .iter()
        .filter(|m| m.kind == MethodKind::Baseline)
        .filter_map(|m| m.accuracy.map(|x| (m, x.value)))
        .fold(
            None::<(&detente::experiment::backtest::AlignMethod, f64)>,
            |b, (m, v)| match b {
                Some((_, bv)) if bv >= v => b,
                _ => Some((m, v)),
            },
        );
    if let (Some(m), Some((b, bv))) = (model, best)
        && let Some(acc) = m.accuracy
    {
        let verdict = if acc.value < bv {
            "loses to"
        } else if acc.value > bv {
            "beats"
        } else {
            "ties with"
        };
        let verdict = format!(
            "On share placed correctly the model {verdict} the best baseline ({}: {} against {}).",
            b.method,
            pct(acc.value),
            pct(bv)
        );
        let _ = writeln!(out, "{}", wrap(&verdict, 100));
    }
    for note in a.notes.iter().filter(|n| !n.contains("missing data for")) {
        let text = wrap(&format!("note: {note}"), 96);
        for line in text.lines() {
            let _ = writeln!(out, "  {line}");
        }
    }
    out
}

fn decide_table(b: &Backtest) -> String {
    let mut out = String::new();
    let scenarios: std::collections::BTreeSet<&str> =
        b.cases.iter().map(|c| c.source.as_str()).collect();
    let _ = writeln!(
        out,
        "Track record: {} decisions with a known outcome in {} files.\nErrors: points of a \
         0–100 scale; hit: within {}; 95 % bootstrap intervals, {} resamples.",
        b.cases.len(),
        scenarios.len(),
        n1(b.options.tolerance),
        b.options.resamples
    );
    let estimated = b.cases.iter().filter(|c| c.estimate).count();
    if estimated > 0 {
        let _ = writeln!(
            out,
            "{estimated} of the outcomes are analyst placements of a text on the scale (see each \
             case's codebook)."
        );
    }
    let best = b.best_baseline.as_deref().unwrap_or("none");
    let _ = writeln!(out, "Best baseline (lowest error): {best}.");
    let mut t = Table::new(
        &[
            "method",
            "kind",
            "n",
            "MAE",
            "interval",
            "hits",
            "interval",
            "vs best baseline",
        ],
        &[false, false, true, true, true, true, true, true],
    )
    .limit(0, 26);
    for s in &b.scores {
        let mae = s.mae.map_or(("–".into(), String::new()), |m| {
            (n1(m.value), format!("[{}, {}]", n1(m.low), n1(m.high)))
        });
        let hit = s.hit_rate.map_or(("–".into(), String::new()), |h| {
            (pct(h.value), format!("[{}, {}]", pct(h.low), pct(h.high)))
        });
        let versus = s.versus_best_baseline.as_ref().map_or(String::new(), |p| {
            format!(
                "{:+.1} [{:+.1}, {:+.1}]",
                p.difference.value, p.difference.low, p.difference.high
            )
        });
        t.row(vec![
            s.method.clone(),
            match s.kind {
                MethodKind::Baseline => "baseline".into(),
                MethodKind::Model => "model".into(),
            },
            s.n.to_string(),
            mae.0,
            mae.1,
            hit.0,
            hit.1,
            versus,
        ]);
    }
    out.push_str(&t.render());
    let _ = writeln!(
        out,
        "\nA negative difference means fewer points of error than the best baseline; an\n\
         interval that straddles 0 means no detectable difference on this many cases."
    );
    let _ = writeln!(
        out,
        "\nPer case (observed, then each baseline and the setter):"
    );
    let mut c = Table::new(
        &[
            "case",
            "issue",
            "observed",
            "no change",
            "compromise",
            "median",
            "bdm",
            "setter",
        ],
        &[false, false, true, true, true, true, true, true],
    )
    .limit(0, 28)
    .limit(1, 22);
    let value = |case: &detente::experiment::backtest::Case, m: &str| {
        case.prediction(m)
            .and_then(|p| p.value)
            .map_or("–".into(), n1)
    };
    for case in &b.cases {
        let file = Path::new(&case.source)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or(&case.source)
            .to_string();
        c.row(vec![
            file,
            case.issue.clone(),
            format!(
                "{}{}",
                n1(case.observed),
                if case.estimate { "*" } else { "" }
            ),
            value(case, "no change (status quo)"),
            value(case, "compromise (no rule)"),
            value(case, "weighted median (no rule)"),
            value(case, "bdm"),
            value(case, "agenda setter"),
        ]);
    }
    out.push_str(&crate::text::indent(&c.render(), 0));
    if estimated > 0 {
        let _ = writeln!(out, "* analyst placement");
    }
    out
}

/// Every prediction as a CSV row. Decide cases: one row per (case, method). Align cases: one
/// row per (method, state), the issue `side:ID`, observed and predicted side, a hit when they
/// agree.
pub fn csv(b: &Backtest) -> String {
    let mut out = CsvRows::new(&[
        "source",
        "scenario",
        "issue",
        "observed",
        "estimate",
        "method",
        "kind",
        "value",
        "error_points",
        "hit",
    ]);
    let kind = |k: MethodKind| match k {
        MethodKind::Baseline => "baseline",
        MethodKind::Model => "model",
    };
    for c in &b.cases {
        for p in &c.predictions {
            out.row([
                c.source.clone(),
                c.scenario.clone(),
                c.issue.clone(),
                c.observed.to_string(),
                c.estimate.to_string(),
                p.method.clone(),
                kind(p.kind).to_string(),
                p.value.map_or(String::new(), |v| v.to_string()),
                p.error.map_or(String::new(), |e| format!("{e:.4}")),
                p.error
                    .map_or(String::new(), |e| (e <= b.options.tolerance).to_string()),
            ]);
        }
    }
    for c in &b.align {
        for m in &c.methods {
            for ((id, side), pred) in c.states.iter().zip(&m.predicted) {
                out.row([
                    c.source.clone(),
                    c.scenario.clone(),
                    format!("side:{id}"),
                    side.clone(),
                    "false".to_string(),
                    m.method.clone(),
                    kind(m.kind).to_string(),
                    pred.clone().unwrap_or_default(),
                    String::new(),
                    (pred.as_deref() == Some(side.as_str())).to_string(),
                ]);
            }
        }
    }
    out.finish()
}
