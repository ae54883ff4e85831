//! Section 6: method notes — models and their parameters, seed, runs, version, the scenario's
//! content hash and the command that reproduces the report.

use super::Page;
use crate::charts::svg::escape;
use crate::model::MethodNotes;

pub(super) fn section(page: &mut Page, m: &MethodNotes, title: &str) {
    page.raw("<section id=\"method\">\n");
    page.heading(2, "method-title", title);
    let rows = vec![
        vec!["detente version".to_string(), m.version.clone()],
        vec!["master seed".to_string(), m.seed.to_string()],
        vec!["Monte Carlo runs".to_string(), m.runs.to_string()],
        vec!["scenario content hash".to_string(), m.scenario_hash.clone()],
    ];
    page.table(
        "Run settings.",
        &["setting", "value"],
        &[false, false],
        &rows,
    );
    if !m.models.is_empty() {
        let rows: Vec<Vec<String>> = m
            .models
            .iter()
            .map(|model| {
                let params = model
                    .parameters
                    .iter()
                    .map(|p| format!("{} = {}", p.name, p.value))
                    .collect::<Vec<_>>()
                    .join("; ");
                vec![model.lens.name().to_string(), model.name.clone(), params]
            })
            .collect();
        page.table(
            "Models and the parameter values used.",
            &["lens", "model", "parameters"],
            &[false, false, false],
            &rows,
        );
    }
    if !m.command.is_empty() {
        page.para("To reproduce this report byte for byte (same scenario file, same seed, any number of threads):");
        page.raw(&format!("<pre>{}</pre>\n", escape(&m.command)));
    }
    page.raw("</section>\n");
}
