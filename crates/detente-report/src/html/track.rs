//! The track record: how the decide lens's models and the naive baselines did on the bundled
//! cases with a known outcome.

use super::Page;
use crate::charts::svg::escape;
use crate::model::TrackRecord;

pub(super) fn section(page: &mut Page, t: &TrackRecord, title: &str) {
    page.raw("<section id=\"track-record\">\n");
    page.heading(2, "track-record-title", title);
    page.para(&format!(
        "The decide lens on {} past decisions with a known outcome ({} of them analyst \
         placements of a text on the scale). Errors are points of a 0–100 scale; a hit is within \
         {} points; intervals are 95 % bootstrap intervals over cases ({} resamples).",
        t.cases,
        t.placements,
        trim(t.tolerance),
        t.resamples
    ));
    for sentence in &t.verdict {
        page.para(sentence);
    }
    let share = |x: Option<(f64, f64, f64)>| {
        x.map_or("–".to_string(), |(v, lo, hi)| {
            format!("{:.0} % [{:.0}, {:.0}]", 100.0 * v, 100.0 * lo, 100.0 * hi)
        })
    };
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            vec![
                r.method.clone(),
                if r.baseline { "baseline" } else { "model" }.to_string(),
                r.n.to_string(),
                r.mae.map_or("–".into(), |(v, lo, hi)| {
                    format!("{v:.1} [{lo:.1}, {hi:.1}]")
                }),
                share(r.hit_rate),
                r.versus_best.map_or("–".into(), |(v, lo, hi)| {
                    format!("{v:+.1} [{lo:+.1}, {hi:+.1}]")
                }),
            ]
        })
        .collect();
    page.table(
        "Mean absolute error, hit rate and the paired difference against the best baseline \
         (negative: fewer points of error).",
        &["method", "kind", "cases", "MAE", "hits", "vs best baseline"],
        &[false, false, true, true, true, true],
        &rows,
    );
    if !t.command.is_empty() {
        page.para("The same numbers, case by case:");
        page.raw(&format!("<pre>{}</pre>\n", escape(&t.command)));
    }
    page.raw("</section>\n");
}

fn trim(x: f64) -> String {
    let s = format!("{x:.1}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
