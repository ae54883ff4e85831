//! Charts (SVG) and the self-contained HTML report for detente results.
//!
//! The report is built from plain input structs ([`model`]), which the caller fills from the
//! lens results; this crate does no modelling and no I/O. [`render`] returns one HTML document
//! with inline CSS and inline SVG: no JavaScript, no network, nothing loaded from elsewhere, and
//! the same bytes for the same input. Every section is optional, so a scenario with a single
//! lens gives a report with that lens only.
//!
//! What it is not for: interactive exploration (use the JSON/CSV outputs), or charts of
//! arbitrary data — the chart functions in [`charts`] are shaped for the report's figures.
//!
//! ```
//! use detente_report::model::{Headline, Lens, Report};
//!
//! let report = Report {
//!     question: "Will NATO harden its line on China?".into(),
//!     headlines: vec![Headline {
//!         lens: Lens::Decide,
//!         sentences: vec!["NATO settles at 62 (90 % of runs between 57 and 66).".into()],
//!     }],
//!     ..Report::default()
//! };
//! let html = detente_report::render(&report);
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(!html.contains("<script"));
//! ```

#![warn(missing_docs)]

pub mod briefing;
pub mod charts;
pub mod confidence;
pub mod from_results;
pub mod from_scenario;
mod html;
pub mod model;

pub use model::Report;

/// Render `report` as one self-contained HTML document (UTF-8).
///
/// Sections appear in this order, each only when present: the key judgements with their
/// summary chart and the assumptions-and-definitions box (the first screen), the indicators to
/// watch, decide, align, escalate; then the annex: detailed figures, the track record and the
/// findings by lens (when there are key judgements), the scenario and its sources, the method.
/// Without key judgements the per-lens answer comes first, as before. The output is deterministic: the same `report`
/// gives byte-identical HTML.
pub fn render(report: &Report) -> String {
    html::document(report)
}

/// The report `detente report [FILE] --runs N --seed S` writes for `results` (a run of every
/// lens of `r`): the briefing built from the results, with the decide lens's track record on
/// the case library bundled into the library (scored as `detente backtest scenarios/cases`
/// scores it), and the command that reproduces the file in its method section. `file` is the
/// scenario's path as the command names it (`None`: the bundled flagship). Every front end
/// (the command, the browser page) writes its report through this one function.
pub fn report_html(
    r: &detente::scenario::Resolved,
    results: &detente::experiment::Results,
    file: Option<&str>,
) -> Result<String, String> {
    let command =
        detente::experiment::run_options::command_line("report", file, results.runs, results.seed);
    let mut report = from_results::report_from(r, results);
    if report.decide.is_some() {
        use detente::experiment::backtest::{BacktestOptions, bundled_backtest};
        let backtest = bundled_backtest(BacktestOptions::default())
            .map_err(|e| format!("the bundled case library does not load: {e}"))?;
        from_results::add_track_record(&mut report, &backtest, "detente backtest scenarios/cases");
    }
    if let Some(method) = &mut report.method {
        method.command = command.join(" ");
    }
    Ok(render(&report))
}
