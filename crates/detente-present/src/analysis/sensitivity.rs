//! `sensitivity`: the tornado of one-at-a-time swings and, when run, Morris screening.

use crate::number::{csv_num, num};
use crate::{CsvRows, Table};
use detente::experiment::analysis::{MORRIS_AUTO, MorrisRow, Sensitivity};

/// What was asked of the Morris screening, for the table's heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MorrisRequest {
    /// Screening was asked for (it also runs unasked above [`MORRIS_AUTO`] inputs).
    pub always: bool,
    /// Trajectories asked for.
    pub trajectories: usize,
    /// The metric depends on the escalate Monte Carlo (the heading then names the runs).
    pub stochastic: bool,
}

/// Tornado rows, then Morris rows, as CSV (one column set for both).
pub fn csv(s: &Sensitivity) -> String {
    let mut out = CsvRows::new(&[
        "method", "input", "low", "base", "high", "at_low", "at_high", "swing", "mu", "mu_star",
        "sigma",
    ]);
    let none = String::new;
    for b in &s.tornado {
        out.row([
            "tornado".to_string(),
            b.path.clone(),
            csv_num(b.low),
            csv_num(b.base),
            csv_num(b.high),
            csv_num(b.at_low),
            csv_num(b.at_high),
            csv_num(b.swing),
            none(),
            none(),
            none(),
        ]);
    }
    for e in s.morris.iter().flatten() {
        out.row([
            "morris".to_string(),
            e.path.clone(),
            csv_num(e.low),
            none(),
            csv_num(e.high),
            none(),
            none(),
            none(),
            csv_num(e.mu),
            csv_num(e.mu_star),
            csv_num(e.sigma),
        ]);
    }
    out.finish()
}

/// The tornado (inputs that move nothing counted, not listed) and the Morris effects.
pub fn table(s: &Sensitivity, morris: &MorrisRequest) -> String {
    let mut out = format!(
        "Sensitivity of {} (seed {}{})\nAt point values: {}\n\nTornado (largest swing first)\n",
        s.metric,
        s.seed,
        if morris.stochastic {
            format!(", {} runs per evaluation", s.runs)
        } else {
            String::new()
        },
        num(s.base)
    );
    let mut t = Table::new(
        &["input", "low", "high", "at low", "at high", "swing"],
        &[false, true, true, true, true, true],
    )
    .limit(0, 44);
    // An input that moves nothing is listed in JSON and CSV, not in the table.
    let hidden = s.tornado.iter().filter(|b| b.swing == 0.0).count();
    for b in s.tornado.iter().filter(|b| b.swing != 0.0) {
        t.row(vec![
            b.path.clone(),
            num(b.low),
            num(b.high),
            num(b.at_low),
            num(b.at_high),
            num(b.swing),
        ]);
    }
    out.push_str(&t.render());
    if hidden > 0 {
        out.push_str(&format!(
            "({hidden} of {} inputs move nothing and are not shown; --format csv lists them)\n",
            s.tornado.len()
        ));
    }
    if let Some(effects) = &s.morris {
        out.push_str(&format!(
            "\nMorris elementary effects ({} trajectories{}; per full range of the input)\n",
            morris.trajectories.max(2),
            if morris.always {
                String::new()
            } else {
                format!(", more than {MORRIS_AUTO} inputs")
            }
        ));
        let mut t =
            Table::new(&["input", "mu*", "mu", "sigma"], &[false, true, true, true]).limit(0, 56);
        let still = |e: &&MorrisRow| e.mu_star == 0.0 && e.sigma == 0.0;
        let hidden = effects.iter().filter(still).count();
        for e in effects.iter().filter(|e| !still(e)) {
            t.row(vec![
                e.path.clone(),
                num(e.mu_star),
                num(e.mu),
                num(e.sigma),
            ]);
        }
        out.push_str(&t.render());
        if hidden > 0 {
            out.push_str(&format!(
                "({hidden} of {} inputs have no effect and are not shown)\n",
                effects.len()
            ));
        }
    }
    out
}
