//! The Richardson arms race: the verdict for a run's summary, and the detailed analysis (the
//! calibrated model, eigenvalues, stability tests and the dyads that drive growth), the map
//! fitted on the spending history, and its validation.

use crate::Table;
use detente::escalate::richardson::validation::{ForecastSkill, Interval, RaceDiscrimination};
use detente::escalate::richardson::{Estimate, HistoryFit, Instability};
use detente::experiment::results::RichardsonResults;
use std::fmt::Write as _;

/// The Richardson verdict: stability, growth rate, the dyad that drives the dominant eigenvalue.
pub fn summary(a: &RichardsonResults) -> String {
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

/// The detailed analysis: each actor's baseline, fatigue, grievance and rest point; the
/// eigenvalues of M and both stability verdicts; Hawkins–Simon; the ten strongest drivers.
pub fn details(race: &RichardsonResults) -> String {
    let (built, analysis) = (&race.model, &race.analysis);
    let mut o = String::new();
    let m = &built.model;
    let _ = writeln!(
        o,
        "Richardson arms race: {} actors (US$ bn, per year)",
        m.len()
    );
    let mut t = Table::new(
        &["actor", "x0", "alpha", "g", "rest point"],
        &[false, true, true, true, true],
    )
    .limit(0, 24);
    for i in 0..m.len() {
        t.row(vec![
            m.actors[i].clone(),
            format!("{:.1}", built.baseline[i]),
            format!("{:.4}", m.fatigue[i]),
            format!("{:.2}", m.grievance[i]),
            format!("{:.1}", analysis.equilibrium[i]),
        ]);
    }
    o.push_str(&t.render());
    let eig: Vec<String> = analysis
        .eigenvalues
        .iter()
        .map(|z| {
            if z.im == 0.0 {
                format!("{:.4}", z.re)
            } else {
                format!("{:.4}{:+.4}i", z.re, z.im)
            }
        })
        .collect();
    let _ = writeln!(o, "Eigenvalues of M: {}", eig.join(", "));
    let verdict = |stable: bool| if stable { "stable" } else { "unstable" };
    let _ = writeln!(
        o,
        "Continuous form: {} (spectral abscissa {:.4}/yr); annual form: {} (spectral radius {:.4})",
        verdict(analysis.stable),
        analysis.spectral_abscissa,
        verdict(analysis.discrete.stable),
        analysis.discrete.spectral_radius
    );
    if let Some(hs) = &analysis.hawkins_simon {
        let _ = writeln!(
            o,
            "Hawkins–Simon (M Metzler): {}",
            if hs.stable {
                "all leading minors of −M positive"
            } else {
                "a leading minor of −M is not positive"
            }
        );
    }
    if !analysis.drivers.is_empty() {
        o.push('\n');
        let mut t = Table::new(
            &["reacting", "to", "k", "dλ1/dk", "driver"],
            &[false, false, true, true, true],
        )
        .limit(0, 24)
        .limit(1, 24);
        for d in analysis.drivers.iter().take(10) {
            t.row(vec![
                d.from_name.clone(),
                d.to_name.clone(),
                format!("{:.4}", d.reaction),
                format!("{:.6}", d.sensitivity),
                format!("{:.6}", d.score),
            ]);
        }
        o.push_str(&t.render());
    }
    for w in &analysis.warnings {
        let _ = writeln!(o, "warning: {w}");
    }
    let _ = writeln!(
        o,
        "({} derived numbers with their sources: --format json)",
        built.provenance.len()
    );
    o
}

/// The annual map fitted on the spending history: each equation's estimates with standard
/// errors and R², the spectral radius, and the probability that the map is unstable.
pub fn fit_table(h: &HistoryFit, p: &Instability) -> String {
    let mut o = String::new();
    let f = &h.fit.fit;
    let _ = writeln!(
        o,
        "Richardson annual map fitted {}–{} ({} annual changes)",
        h.years.0,
        h.years.1,
        h.years.1 - h.years.0
    );
    o.push_str("x_i(t+1) − x_i(t) = Σ_j k_ij x_j(t) − a_i x_i(t) + g_i\n");
    let _ = writeln!(o, "Series: {} (g in the same unit per year)\n", h.unit);
    let mut t = Table::new(
        &[
            "actor",
            "to",
            "reaction k (se)",
            "fatigue a (se)",
            "grievance g (se)",
            "R²",
        ],
        &[false, false, true, true, true, true],
    )
    .limit(0, 12)
    .limit(1, 12);
    let est = |e: &Estimate| format!("{:.4} ({:.4})", e.value, e.standard_error);
    let big = |e: &Estimate| format!("{:.1} ({:.1})", e.value, e.standard_error);
    for eq in &f.equations {
        t.row(vec![
            eq.actor.clone(),
            String::new(),
            String::new(),
            est(&eq.fatigue),
            big(&eq.grievance),
            format!("{:.3}", eq.r_squared),
        ]);
        for (c, &j) in eq.tied.iter().enumerate() {
            t.row(vec![
                String::new(),
                f.model.actors[j].clone(),
                est(&eq.reactions[c]),
            ]);
        }
    }
    o.push_str(&t.render());
    let _ = writeln!(
        o,
        "\nSpectral radius of I + M at the estimates: {:.4} ({})",
        h.fit.spectral_radius,
        if h.fit.spectral_radius >= 1.0 {
            "unstable"
        } else {
            "stable"
        }
    );
    let q = &p.probability;
    let _ = writeln!(
        o,
        "P(unstable) = {:.4}  (95% Wilson {:.4}–{:.4})\n  {} of {} draws from the \
         coefficients' sampling distribution, seed {}",
        q.estimate, q.low, q.high, q.hits, q.trials, p.seed
    );
    let _ = writeln!(o, "Unstable means: {}", p.criterion);
    for w in &f.warnings {
        let _ = writeln!(o, "warning: {w}");
    }
    o
}

/// The validation against history: how well instability and reaction separate arms races from
/// matched rivals (AUC), and the map's forecast skill against a random walk and AR(1).
pub fn validation_table(races: &RaceDiscrimination, forecasts: &ForecastSkill) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Arms races v matched rivals: {} of {} GRH races fitted, {} rival dyad-windows",
        races.races_fitted, races.races_listed, races.controls_fitted
    );
    for (label, a) in [
        ("P(unstable)", races.auc_p_unstable),
        ("reaction k", races.auc_reaction),
        ("relative reaction", races.auc_relative_reaction),
    ] {
        let _ = writeln!(
            o,
            "  AUC {label:<18} {:.3}  [{:.3}, {:.3}]",
            a.estimate, a.low, a.high
        );
    }
    let _ = writeln!(
        o,
        "\nForecasts of rival dyads (fit t−10…t, forecast t+1…t+5): {} dyads, {} origins",
        forecasts.dyads, forecasts.forecasts
    );
    let mut t = Table::new(
        &[
            "horizon",
            "RMSE ratio v random walk",
            "RMSE ratio v AR(1)",
            "median |e| ratio",
        ],
        &[false, true, true, true],
    );
    let r = |i: &Interval| format!("{:.3} [{:.3}, {:.3}]", i.estimate, i.low, i.high);
    for s in &forecasts.skill {
        t.row(vec![
            if s.horizon == 0 {
                "all".to_string()
            } else {
                s.horizon.to_string()
            },
            r(&s.ratio_random_walk),
            r(&s.ratio_ar1),
            format!("{:.3}", s.median_abs_ratio_random_walk),
        ]);
    }
    o.push_str(&t.render());
    let _ = writeln!(
        o,
        "(ratios above 1: the Richardson map forecasts worse than the baseline)"
    );
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flagship_race_is_tabled_within_the_width() {
        let r = detente::scenario::load_str(detente::scenario::FLAGSHIP, "flagship").unwrap();
        let setup = detente::escalate::scenario::arms_setup(&r).unwrap();
        let race = detente::experiment::results::arms_race(&setup).unwrap();
        let text = details(&race);
        assert!(
            text.contains("rest point") && text.contains("Eigenvalues of M"),
            "{text}"
        );
        assert!(
            text.lines()
                .all(|l| l.chars().count() <= crate::text::WIDTH),
            "{text}"
        );
        assert!(summary(&race).contains("verdict: "));
    }
}
