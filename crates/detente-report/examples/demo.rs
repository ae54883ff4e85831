//! Writes a demo report with NATO–China flavoured numbers to `target/report-demo.html` (all
//! lenses) and `target/report-demo-<lens>.html` (one lens each), and
//! `target/report-demo-flagship.html`: the real bundled flagship with every lens run (300 Monte
//! Carlo runs), as `detente report` makes it.
//!
//! ```sh
//! cargo run -p detente-report --example demo
//! ```

#[path = "../tests/report/common/mod.rs"]
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

/// The bundled flagship, every lens run for real (`run_all`, 300 Monte Carlo runs, seed 7) and
/// filled by `from_results::report_from`.
fn flagship() -> detente_report::Report {
    use detente::experiment::{RunOptions, run_all};
    use detente::scenario::{FLAGSHIP, FLAGSHIP_NAME, load_str};

    let Ok(resolved) = load_str(FLAGSHIP, FLAGSHIP_NAME) else {
        return detente_report::Report::default();
    };
    let opts = RunOptions {
        seed: 7,
        runs: 300,
        align_restarts: 1_000,
        ..RunOptions::default()
    };
    let results = run_all(&resolved, FLAGSHIP, &opts, &|_, _, _| {});
    detente_report::from_results::report_from(&resolved, &results)
}
