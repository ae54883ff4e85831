//! Writes a demo report with NATO–China flavoured numbers to `target/report-demo.html` (all
//! lenses) and `target/report-demo-<lens>.html` (one lens each), and
//! `target/report-demo-flagship.html`: the real bundled flagship's scenario section and issue
//! charts, with the compromise baseline (D1) as the only prediction.
//!
//! ```sh
//! cargo run -p detente-report --example demo
//! ```

#[path = "../tests/common/mod.rs"]
mod common;

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = target_dir();
    std::fs::create_dir_all(&dir)?;
    let reports = [
        ("report-demo.html", common::full()),
        ("report-demo-decide.html", common::decide_only()),
        ("report-demo-align.html", common::align_only()),
        ("report-demo-escalate.html", common::escalate_only()),
        ("report-demo-flagship.html", flagship()),
    ];
    for (name, report) in reports {
        let path = dir.join(name);
        std::fs::write(&path, detente_report::render(&report))?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// The workspace's `target/` (examples run with the package directory as working directory).
fn target_dir() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.join("../../target")
}

/// The bundled flagship: scenario section from the resolved file, one issue chart per issue with
/// the compromise baseline Σ c s x / Σ c s (decide.md (D1)).
fn flagship() -> detente_report::Report {
    use detente::scenario::{FLAGSHIP, FLAGSHIP_NAME, load_str};
    use detente_report::from_scenario::{actors_on_scale, scenario_section};
    use detente_report::model::{DecideSection, IssueDecision, IssueScale, Report};

    let Ok(resolved) = load_str(FLAGSHIP, FLAGSHIP_NAME) else {
        return Report::default();
    };
    let issues = resolved
        .scenario
        .issues
        .iter()
        .map(|issue| {
            let actors = actors_on_scale(&resolved, issue);
            let (num, den) = actors.iter().fold((0.0, 0.0), |(n, d), a| {
                (
                    n + a.capability * a.salience * a.position.point,
                    d + a.capability * a.salience,
                )
            });
            IssueDecision {
                id: issue.id.clone(),
                question: issue.question.clone(),
                body: issue.body.clone(),
                scale: IssueScale::from(&issue.scale),
                status_quo: issue.status_quo.map(|q| q.point()),
                actors,
                predictions: vec![],
                baseline: num / den,
                feasible: None,
                trajectories: vec![],
                distributions: vec![],
                tornado: None,
                levers: vec![],
            }
        })
        .collect();
    Report {
        question:
            "Where do NATO and the EU stand on China? (scenario and compromise baseline only)"
                .into(),
        scenario: Some(scenario_section(&resolved)),
        decide: Some(DecideSection { issues }),
        ..Report::default()
    }
}
