//! The text of `run`: the scenario and every lens's answer in one document.

use crate::text::{WIDTH, heading, wrap};
use detente::experiment::Results;
use detente::scenario::Resolved;

/// The readable summary of a whole run: the scenario, then each lens the run answered, then
/// the seed, run count, scenario hash and version that reproduce it.
pub fn table(r: &Resolved, name: &str, res: &Results) -> String {
    let mut out = crate::scenario::header(r, name);
    if let Some(s) = &r.scenario.scenario.summary {
        out.push('\n');
        out.push_str(&wrap(s.trim(), WIDTH));
    }
    out.push_str(&heading("Actors"));
    out.push_str(&crate::scenario::actors(r));
    out.push_str(&heading("Issues and stances"));
    out.push_str(&crate::scenario::issues(r));
    out.push_str(&heading("Ties"));
    out.push_str(&crate::scenario::ties(r));
    if let Some(d) = &res.decide {
        out.push_str(&heading("Decide: where will each body settle?"));
        out.push_str(&crate::decide::render(r, d));
        if let Some(mc) = &res.decide_uncertainty {
            out.push_str(&crate::decide::render_uncertainty(mc));
        }
    }
    if let Some(a) = &res.align {
        out.push_str(&heading("Align: who sides with whom?"));
        out.push_str(&crate::align::table(a));
    }
    if let Some(e) = &res.escalate {
        out.push_str(&heading(
            "Escalate: does the rivalry spiral under each policy?",
        ));
        out.push_str(&crate::escalate::render(r, e));
    }
    if let Some(a) = &res.richardson {
        out.push_str(&heading("Arms race (Richardson)"));
        out.push_str(&crate::escalate::richardson::summary(a));
    }
    let runs = if res.runs == 0 {
        "decide at point values".to_string()
    } else {
        format!("{} Monte Carlo runs", res.runs)
    };
    out.push_str(&format!(
        "\nseed {} · {runs} · scenario hash {} · detente {}\n",
        res.seed, res.scenario_hash, res.version
    ));
    out
}
