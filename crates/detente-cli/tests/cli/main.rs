//! Tests of the `detente` command: every subcommand end to end, exit codes and located errors, and every documented example.
//!
//! One test binary per area (rather than one per file) keeps link time down.

mod align_cli;
mod analysis_cli;
mod decide_cli;
mod documented_examples;
mod escalate;
mod escalate_cli;
mod escalate_richardson_cli;
mod foundation;
mod import_deu_cli;
mod layering;
mod orchestration_cli;
mod report_cli;
mod show_world;
mod web_identity;
