//! Tests of the HTML report: its charts and the whole report (self-contained, deterministic, numbers as the command prints them).
//!
//! One test binary per area (rather than one per file) keeps link time down.

mod briefing;
mod charts;
mod common;
mod report;
mod series;
