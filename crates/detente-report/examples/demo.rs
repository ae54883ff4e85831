//! Writes a demo report with NATO–China flavoured numbers to `target/report-demo.html` (all
//! lenses) and `target/report-demo-<lens>.html` (one lens each).
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
