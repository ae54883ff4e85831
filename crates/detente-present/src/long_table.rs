//! The long results table as CSV: one row per (lens, subject, metric, statistic). The rows come
//! from the library (`detente::experiment::long_table`), which the Parquet writer and the Python
//! package read too, so every form of the table holds the same rows.

use crate::CsvRows;
use crate::number::csv_num;
use detente::experiment::Results;
use detente::experiment::long_table::{COLUMNS, rows};

/// The long table as CSV.
pub fn csv(res: &Results) -> String {
    let mut out = CsvRows::new(&COLUMNS);
    for (lens, subject, metric, stat, v) in rows(res) {
        out.row([lens, subject, metric, stat, csv_num(v)]);
    }
    out.finish()
}
