//! Tests of the align lens: the published references (Unix 1988, Europe 1936, the realist baseline), properties, search, and the historical cases.
//!
//! One test binary per area (rather than one per file) keeps link time down.

mod align_common;
mod analytic;
mod calibration;
mod europe_1936;
mod flagship;
mod history;
mod properties;
mod realist;
mod search;
mod unix;
