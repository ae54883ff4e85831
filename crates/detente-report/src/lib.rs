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
