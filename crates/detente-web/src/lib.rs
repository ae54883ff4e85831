//! detente for a browser page: JSON in, JSON out.
//!
//! Every function takes a scenario's TOML text, the name its diagnostics show (a file name),
//! and a JSON request, and returns JSON text: on success the document the `detente` command
//! writes with `--format json` for the same scenario, settings and seed (byte for byte); on
//! failure `{"error": …}` with the located diagnostics of a scenario that does not load, or
//! the message of a bad request. Nothing here touches a file, a clock or the environment, so
//! the crate builds for `wasm32-unknown-unknown`, where a page can call it; natively it is
//! plain Rust, tested against the command.
//!
//! The functions are thin: they parse the request, load the scenario with the library's
//! loader, fix any overridden inputs with the library's sweep machinery
//! ([`detente::experiment::analysis::with_overrides`]) and call the library's orchestration
//! and the report crate; [`edited`] writes overrides back into the text. A WebAssembly host
//! reaches them through [`exports`]: five C-ABI functions over byte buffers, so the page needs
//! no generated glue.

pub mod exports;
mod failure;
mod lenses;
mod request;

pub use lenses::{align, check, edited, report, run};
pub use request::{Override, Request};
