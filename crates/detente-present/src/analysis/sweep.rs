//! `sweep`: a metric at every point of a grid or Latin hypercube of inputs.

use crate::number::{csv_num, num};
use crate::{CsvRows, Table};
use detente::experiment::analysis::SweepTable;

/// One row per (point, metric): the point's number, its input values, the metric and value.
pub fn csv(table: &SweepTable) -> String {
    let mut header = vec!["point".to_string()];
    header.extend(table.params.iter().cloned());
    header.extend(["metric".to_string(), "value".to_string()]);
    let mut out = CsvRows::new(&header);
    for row in &table.rows {
        let mut cells = vec![row.point.to_string()];
        cells.extend(row.values.iter().map(|v| csv_num(*v)));
        cells.extend([row.metric.clone(), csv_num(row.value)]);
        out.row(cells);
    }
    out.finish()
}

/// The design, then one row per (point, metric).
pub fn table(table: &SweepTable) -> String {
    let mut out = format!(
        "Sweep ({}, {} points; escalate runs per point {}, seed {}; common random numbers)\n",
        table.design,
        table.rows.len() / table.metrics.len().max(1),
        table.runs,
        table.seed
    );
    for (k, p) in table.params.iter().enumerate() {
        out.push_str(&format!("  p{} = {p}\n", k + 1));
    }
    out.push('\n');
    let mut header = vec!["point".to_string()];
    header.extend((1..=table.params.len()).map(|k| format!("p{k}")));
    header.push("metric".into());
    header.push("value".into());
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut right = vec![true; header.len()];
    let metric_col = header.len() - 2;
    right[metric_col] = false;
    let mut t = Table::new(&header, &right).limit(metric_col, 56);
    for row in &table.rows {
        let mut cells = vec![row.point.to_string()];
        cells.extend(row.values.iter().map(|v| num(*v)));
        cells.push(row.metric.clone());
        cells.push(num(row.value));
        t.row(cells);
    }
    out.push_str(&t.render());
    out
}
