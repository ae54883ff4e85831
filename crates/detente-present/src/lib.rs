//! Renderings of detente's results for people and spreadsheets: plain-text tables that fit a
//! terminal, wrapped prose, numbers, CSV rows and the long results table.
//!
//! The library computes; this crate renders; the command line parses arguments and wires the
//! two together. A front end that wants the command's text or CSV (a notebook, a service)
//! calls the same functions, so the words and numbers are the same everywhere.
//!
//! The building blocks are one of each: [`Table`] (columns padded and aligned, long cells cut
//! with an ellipsis), [`text::wrap`] and [`text::wrap_hanging`], [`text::truncate`],
//! [`number::num`] and [`number::csv_num`], and [`CsvRows`] (RFC 4180 quoting by the `csv`
//! crate). The lens modules ([`decide`], [`align`], [`escalate`], [`scenario`], [`run`]) build
//! their tables from them.

pub mod align;
pub mod analysis;
pub mod backtest;
pub mod calibrate;
pub mod csv_rows;
pub mod decide;
pub mod escalate;
pub mod games;
pub mod long_table;
pub mod number;
pub mod run;
pub mod scenario;
pub mod table;
pub mod text;

pub use csv_rows::CsvRows;
pub use table::Table;
