//! Calibrations on history: the escalate lens's behavioural parameters (approximate Bayesian
//! computation on strategic rivalries) and the align lens's propensity weights.

use crate::Table;
use detente::align::{AlignFit, Role};
use detente::escalate::dilemma::Calibration;
use detente::experiment::backtest::AlignMethod;
use detente::experiment::backtest::align::{ALIGN_MODEL, ALLIANCE, IDEAL_POINT, MAJORITY};

/// The escalate calibration: each parameter's prior and weighted posterior, then the moments
/// observed in the fitting and test periods against those simulated under the posterior.
pub fn escalate_table(c: &Calibration) -> String {
    let s = &c.settings;
    let mut out = format!(
        "ABC rejection: {} prior draws x {} rivalries of {} years, {} kept (seed {})\n\nPosterior (weighted):\n",
        s.draws, s.runs, s.horizon, s.accept, s.seed
    );
    let mut t = Table::new(
        &["parameter", "prior", "mean", "5%", "95%"],
        &[false, false, true, true, true],
    );
    for p in c.posterior_summary() {
        t.row(vec![
            p.param.key().to_string(),
            format!("U({}, {})", p.prior.0, p.prior.1),
            format!("{:.4}", p.mean),
            format!("{:.4}", p.q05),
            format!("{:.4}", p.q95),
        ]);
    }
    out.push_str(&t.render());
    out.push_str("\nMoments: observed (95% CI) against simulated under the posterior (5-95%)\n");
    let mut m = Table::new(
        &["moment", "1816-1945 (fit)", "1946-2010 (test)", "simulated"],
        &[false, true, true, true],
    );
    let cell = |v: &[f64; 3]| format!("{:.4} ({:.4}-{:.4})", v[0], v[1], v[2]);
    for ch in &c.checks {
        m.row(vec![
            ch.moment.clone(),
            cell(&ch.fit),
            cell(&ch.test),
            cell(&ch.simulated),
        ]);
    }
    out.push_str(&m.render());
    out
}

/// A method's share placed correctly with Cohen's κ, `–` when it was not scored.
fn scored(m: Option<&AlignMethod>) -> String {
    match m.and_then(|m| m.accuracy.zip(m.kappa)) {
        Some((a, k)) => format!("{:.0} % (κ {:.2})", 100.0 * a.value, k.value),
        None => "–".into(),
    }
}

/// The align calibration: the fitted weights with their bootstrap intervals, then each case's
/// score for the fitted and hand-set weights beside the baselines.
pub fn align_table(fit: &AlignFit) -> String {
    let mut out = format!(
        "align weights: {} distinct candidates, fitted on {} (mean κ {:.3}), seed {}, {} resamples\n\n",
        fit.evaluated,
        fit.cases
            .iter()
            .filter(|c| c.role == Role::Train)
            .map(|c| c.case.as_str())
            .collect::<Vec<_>>()
            .join(" and "),
        fit.training_kappa,
        fit.settings.seed,
        fit.settings.resamples
    );
    let mut t = Table::new(&["term", "weight", "95% interval"], &[false, true, true]);
    for w in &fit.weights {
        t.row(vec![
            w.term.clone(),
            format!("{:.3}", w.weight),
            match w.interval {
                Some((lo, hi)) => format!("[{lo:.3}, {hi:.3}]"),
                None => "fixed".into(),
            },
        ]);
    }
    out.push_str(&t.render());
    out.push_str(
        "\nShare placed correctly (κ), fitted weights against the hand-set ones and the baselines\n",
    );
    let mut s = Table::new(
        &[
            "case",
            "role",
            "majority side",
            "ideal point",
            "alliance",
            "align fitted",
            "align hand-set",
        ],
        &[false, false, true, true, true, true, true],
    );
    for c in &fit.cases {
        s.row(vec![
            c.case.clone(),
            match c.role {
                Role::Train => "train".into(),
                Role::Test => "test".into(),
            },
            scored(c.scored.method(MAJORITY)),
            scored(c.scored.method(IDEAL_POINT)),
            scored(c.scored.method(ALLIANCE)),
            scored(c.scored.method(ALIGN_MODEL)),
            format!(
                "{:.0} % (κ {:.2})",
                100.0 * c.classic_accuracy,
                c.classic_kappa
            ),
        ]);
    }
    out.push_str(&s.render());
    out
}
