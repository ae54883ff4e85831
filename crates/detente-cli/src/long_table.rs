//! The long results table: one row per (lens, subject, metric, statistic), shared by
//! `results.csv` and `results.parquet` so the two never differ.

use crate::analysis_io::{csv_field, csv_num};
use detente::experiment::Results;
pub use detente::experiment::long_table::rows;

/// The long table as CSV.
pub fn csv(res: &Results) -> String {
    let mut out = detente::experiment::long_table::COLUMNS.join(",") + "\n";
    for (lens, subject, metric, stat, v) in rows(res) {
        out.push_str(&format!(
            "{},{},{},{},{}\n",
            csv_field(&lens),
            csv_field(&subject),
            csv_field(&metric),
            csv_field(&stat),
            csv_num(v)
        ));
    }
    out
}
