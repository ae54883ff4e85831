//! The calibrated propensity weights: `detente calibrate align` with its default settings
//! reproduces the shipped `data/calibration/align-weights.csv` byte for byte, and the fit never
//! sees a test case.

use detente::align::{
    FITTED, FitSettings, Role, TERM_NAMES, TermWeights, WEIGHTS_CSV, calibrate_align,
    parse_weights_csv, weights_csv,
};
use detente::experiment::backtest::align::{ALIGN_MODEL, ALLIANCE, MAJORITY};

#[test]
fn default_settings_reproduce_the_shipped_weights() {
    let fit = calibrate_align(&FitSettings::default()).unwrap();
    assert_eq!(weights_csv(&fit), WEIGHTS_CSV);
    assert_eq!(fit.term_weights(), TermWeights::calibrated());
    assert_eq!(TermWeights::default(), TermWeights::calibrated());
    // Training: the 2014 vote and 1914; test: the 2022 vote and 1939.
    let roles: Vec<(&str, Role)> = fit
        .cases
        .iter()
        .map(|c| (c.case.as_str(), c.role))
        .collect();
    assert_eq!(
        roles,
        [
            ("scenarios/cases/unga-68-262.toml", Role::Train),
            ("scenarios/cases/ww1-1914.toml", Role::Train),
            ("scenarios/cases/unga-es-11-1.toml", Role::Test),
            ("scenarios/cases/ww2-europe-1939.toml", Role::Test),
        ]
    );
    // Every fitted weight lies in its interval; the fixed ones have none.
    for (t, w) in fit.weights.iter().enumerate() {
        assert_eq!(w.term, TERM_NAMES[t]);
        match w.interval {
            Some((lo, hi)) => {
                assert!(FITTED.contains(&t));
                assert!(lo <= w.weight && w.weight <= hi, "{}", w.term);
            }
            None => assert!(!FITTED.contains(&t)),
        }
    }
    // The scores the docs quote: 1914 beats the alliance baseline on the training side; the
    // held-out 2022 vote loses to everyone-on-the-majority-side.
    let acc = |case: usize, m: &str| {
        fit.cases[case]
            .scored
            .method(m)
            .unwrap()
            .accuracy
            .unwrap()
            .value
    };
    assert!(acc(1, ALIGN_MODEL) > acc(1, ALLIANCE));
    assert!(acc(2, ALIGN_MODEL) < acc(2, MAJORITY));
    let best = fit.cases[0..2]
        .iter()
        .map(|c| c.scored.method(ALIGN_MODEL).unwrap().kappa.unwrap().value)
        .sum::<f64>()
        / 2.0;
    assert!((best - fit.training_kappa).abs() < 1e-12);
}

#[test]
fn a_weights_file_needs_every_term() {
    let text = "term,weight,low,high,fitted\nshared_alliance,1,,,no\n";
    let err = parse_weights_csv(text).unwrap_err();
    assert!(err.to_string().contains("shared_org"), "{err}");
    assert!(parse_weights_csv("term,weight\nnonsense,1\n").is_err());
    assert_eq!(
        parse_weights_csv(WEIGHTS_CSV).unwrap(),
        TermWeights::calibrated()
    );
}
