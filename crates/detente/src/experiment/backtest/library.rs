//! The bundled case library: every scenario under `scenarios/cases`, compiled into the binary so
//! that the track record (`detente report`) needs no files at run time. `detente backtest`
//! reads the same files from disk; a test checks that the two lists agree.

use super::{Backtest, BacktestError, BacktestOptions, backtest, decide_cases};
use crate::scenario::load_str;

macro_rules! case {
    ($name:literal) => {
        (
            $name,
            include_str!(concat!("../../../../../scenarios/cases/", $name)),
        )
    };
}

/// `(file name, scenario text)` of every bundled case, in file-name order.
pub const CASES: &[(&str, &str)] = &[
    case!("ec-car-emissions.toml"),
    case!("eu-5g-toolbox-2020.toml"),
    case!("eu-aci-2023.toml"),
    case!("eu-cai-freeze-2021.toml"),
    case!("eu-ev-duties-2024.toml"),
    case!("eu-fdi-screening-2019.toml"),
    case!("nato-brussels-2021.toml"),
    case!("nato-london-2019.toml"),
    case!("nato-madrid-2022.toml"),
    case!("nato-the-hague-2025.toml"),
    case!("nato-tokyo-office-2023.toml"),
    case!("nato-vilnius-2023.toml"),
    case!("nato-washington-2024.toml"),
    case!("unga-68-262.toml"),
    case!("unga-es-11-1.toml"),
    case!("ww1-1914.toml"),
    case!("ww2-europe-1939.toml"),
];

/// The decide backtest over the bundled case library, scored with `options` (the same
/// computation as the decide part of `detente backtest scenarios/cases`; the align cases, whose
/// 193-state searches take seconds each, are left to that command). An error names a case that does not load.
pub fn bundled_backtest(options: BacktestOptions) -> Result<Backtest, BacktestError> {
    let scenarios = CASES
        .iter()
        .map(|(name, text)| {
            let source = format!("scenarios/cases/{name}");
            load_str(text, &source)
                .map(|r| (source.clone(), r))
                .map_err(BacktestError::Scenario)
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(backtest(decide_cases(&scenarios), options))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `.toml` under scenarios/cases is bundled, and nothing else.
    #[test]
    fn the_bundle_lists_every_case_file() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/cases");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .expect("the case folder")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let bundled: Vec<&str> = CASES.iter().map(|(n, _)| *n).collect();
        assert_eq!(bundled, on_disk);
    }

    #[test]
    fn the_bundled_backtest_scores_every_decide_case() {
        let b = bundled_backtest(BacktestOptions::default()).expect("every case loads");
        // 13 decisions (7 NATO, 6 EU/EC); the 4 align cases carry no decide outcome.
        assert_eq!(CASES.len(), 17);
        assert_eq!(b.cases.len(), 13);
        assert_eq!(
            b.best_baseline.as_deref(),
            Some(super::super::decide::MEDIAN)
        );
    }
}
