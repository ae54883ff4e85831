//! Plain-text renderings of an [`AlignResult`]: a terminal table that fits 100
//! columns, CSV rows, and the per-term explanation of one pair's propensity.

use crate::CsvRows;
use crate::text::{WIDTH, truncate, wrap_hanging};
use detente::align::{AlignResult, Basin, Method, PairBreakdown, StableConfiguration};
use std::fmt::Write;

/// Configurations shown in the terminal table (all are in JSON and CSV).
const SHOWN: usize = 10;
/// Pivots listed under the best configuration.
const PIVOTS: usize = 5;

fn basin_text(b: &Basin) -> String {
    match b {
        Basin::Exact {
            count,
            total,
            share,
        } => format!("{share:.3} ({count} of {total})"),
        Basin::Estimate { share } => format!(
            "{:.3} [{:.3}, {:.3}] ({} of {})",
            share.estimate, share.low, share.high, share.hits, share.trials
        ),
        Basin::Unseen { restarts } if *restarts > 0 => format!("< 1/{restarts} (never reached)"),
        Basin::Unseen { .. } => "not computed".into(),
    }
}

/// Appends `prefix` and the words, wrapped at [`WIDTH`] with a hanging indent under the first
/// word.
fn wrapped<S: AsRef<str>>(out: &mut String, prefix: &str, words: &[S]) {
    let indent = " ".repeat(prefix.chars().count());
    out.push_str(&wrap_hanging(prefix, words, WIDTH, &indent));
}

fn configuration_block(out: &mut String, c: &StableConfiguration) {
    let _ = writeln!(
        out,
        "#{:<3} E = {:.6}  (normalised {:.4}, gap {:.6})  {}",
        c.rank,
        c.energy,
        c.normalised_energy,
        c.gap_to_best,
        if c.strict { "strict" } else { "plateau" }
    );
    let _ = writeln!(out, "     basin {}", basin_text(&c.basin));
    for k in &c.coalitions {
        let prefix = format!("     {} ({:.1} %): ", k.label, 100.0 * k.share);
        wrapped(out, &prefix, &k.members);
    }
}

fn short(x: f64) -> String {
    if x == 0.0 {
        "0".into()
    } else if x.abs() >= 1e4 || x.abs() < 1e-3 {
        format!("{x:.2e}")
    } else {
        format!("{x:.4}")
    }
}

fn pivots(out: &mut String, c: &StableConfiguration) {
    let _ = writeln!(out, "Pivots of #{} (smallest relative margins):", c.rank);
    let _ = writeln!(
        out,
        "  {:<10} {:<6} {:>9} {:>9} {:>6}  {:<6} contributors (s_j p_ij across)",
        "actor", "side", "F", "margin", "rel.", "move"
    );
    let mut order: Vec<_> = c.actors.iter().collect();
    detente::order::sort_by(&mut order, |a, b| {
        a.relative_margin.total_cmp(&b.relative_margin)
    });
    for a in order.into_iter().take(PIVOTS) {
        let contributors: Vec<String> = a
            .contributors
            .iter()
            .map(|t| format!("{} {}", t.actor, short(t.value)))
            .collect();
        let line = format!(
            "  {:<10} {:<6} {:>9} {:>9} {:>6.3}  {:<6} {}",
            truncate(&a.id, 10),
            truncate(&a.coalition, 6),
            short(a.frustration),
            short(a.margin),
            a.relative_margin,
            truncate(a.best_move.as_deref().unwrap_or("-"), 6),
            contributors.join(", ")
        );
        let _ = writeln!(out, "{}", truncate(&line, WIDTH));
    }
}

/// The terminal table: a header line, one block per configuration (at most ten), the pivots of
/// the best configuration, the confidence report and the notes. Lines fit 100 columns.
pub fn table(r: &AlignResult) -> String {
    let d = &r.diagnostics;
    let mut out = String::new();
    let method = match (d.method, d.configurations_visited) {
        (Method::Exhaustive, Some(v)) => format!("exhaustive over {v} configurations"),
        (Method::Exhaustive, None) => "exhaustive".into(),
        (Method::Heuristic, _) => format!("heuristic, {} restarts", d.restarts.unwrap_or(0)),
    };
    let header = format!(
        "align: {} actors, at most {} coalitions, {method}, {} arithmetic, rule {}",
        r.actors.len(),
        d.coalitions,
        d.arithmetic,
        d.rule
    );
    wrapped(&mut out, "", &header.split(' ').collect::<Vec<_>>());
    let _ = writeln!(
        out,
        "{} stable configuration(s) ({} strict, {} plateau(s)); energy bound {:.6}\n",
        d.stable_found, d.strict_found, d.ties, d.lower_bound
    );
    for c in r.configurations.iter().take(SHOWN) {
        configuration_block(&mut out, c);
        out.push('\n');
    }
    if d.stable_found > SHOWN.min(r.configurations.len()) {
        let _ = writeln!(
            out,
            "… and {} more (see --format json or csv)\n",
            d.stable_found - SHOWN.min(r.configurations.len())
        );
    }
    if let Some(best) = r.configurations.first() {
        pivots(&mut out, best);
    }
    if let Some(c) = &r.confidence {
        out.push('\n');
        let text = format!(
            "{} restarts, {} distinct, f1/R = {:.4}, {} restarts since the best, gap to bound {:.6}",
            c.restarts, c.distinct, c.singleton_share, c.restarts_since_best, c.gap
        );
        wrapped(
            &mut out,
            "Confidence: ",
            &text.split(' ').collect::<Vec<_>>(),
        );
        if c.annealing_runs > 0 {
            let _ = writeln!(
                out,
                "            {} annealing runs; annealing {} the restarts",
                c.annealing_runs,
                if c.annealing_beat_restarts {
                    "beat"
                } else {
                    "did not beat"
                }
            );
        }
    }
    if !d.notes.is_empty() {
        out.push_str("\nNotes:\n");
        for n in &d.notes {
            wrapped(&mut out, "  - ", &n.split(' ').collect::<Vec<_>>());
        }
    }
    out
}

/// CSV: a header and one row per (configuration, actor).
pub fn csv(r: &AlignResult) -> String {
    let mut out = CsvRows::new(&[
        "rank",
        "energy",
        "normalised_energy",
        "gap_to_best",
        "basin_share",
        "basin_low",
        "basin_high",
        "strict",
        "actor",
        "coalition",
        "frustration",
        "margin",
        "relative_margin",
        "best_move",
    ]);
    for c in &r.configurations {
        let (share, low, high) = match &c.basin {
            Basin::Exact { share, .. } => (share.to_string(), share.to_string(), share.to_string()),
            Basin::Estimate { share } => (
                share.estimate.to_string(),
                share.low.to_string(),
                share.high.to_string(),
            ),
            Basin::Unseen { .. } => (String::new(), String::new(), String::new()),
        };
        for a in &c.actors {
            out.row([
                c.rank.to_string(),
                c.energy.to_string(),
                c.normalised_energy.to_string(),
                c.gap_to_best.to_string(),
                share.clone(),
                low.clone(),
                high.clone(),
                c.strict.to_string(),
                a.id.clone(),
                a.coalition.clone(),
                a.frustration.to_string(),
                a.margin.to_string(),
                a.relative_margin.to_string(),
                a.best_move.clone().unwrap_or_default(),
            ]);
        }
    }
    out.finish()
}

/// The per-term explanation of one pair's propensity (`--explain A B`).
pub fn explain(p: &PairBreakdown) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "p({}, {}) = {:.6}", p.a, p.b, p.p);
    if p.overridden {
        let _ = writeln!(
            out,
            "  set by a propensity tie (computed value {:.6} not used)",
            p.computed
        );
    }
    let _ = writeln!(
        out,
        "  {:<16} {:>8} {:>13}  source",
        "term", "f", "contribution"
    );
    for t in &p.terms {
        let value = t.value.map_or("missing".to_string(), |v| format!("{v:.4}"));
        let line = format!(
            "  {:<16} {:>8} {:>13.6}  {}",
            t.term, value, t.contribution, t.note
        );
        let _ = writeln!(out, "{}", truncate(&line, WIDTH));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_respects_the_width() {
        let words: Vec<String> = (0..80).map(|i| format!("ACTOR{i}")).collect();
        let mut out = String::new();
        wrapped(&mut out, "     A (50.0 %): ", &words);
        assert!(out.lines().count() > 1);
        assert!(out.lines().all(|l| l.chars().count() <= WIDTH));
    }
}
