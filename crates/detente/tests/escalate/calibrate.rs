//! Calibration of the dilemma on the history of rivalries: observed moments, determinism of the
//! ABC rejection, the bundled posterior.

use detente::escalate::dilemma::{
    CalibrationSettings, DilemmaParams, Posterior, RIVALRIES_PRIOR, RivalryCounts, calibrate,
    distance, observed, to_csv,
};
use detente::rng::run_stream;

#[test]
fn observed_moments_are_the_bundled_counts() {
    let fit = observed("fit").unwrap();
    assert_eq!((fit.rivalry_years, fit.onset_years), (4611, 378));
    assert_eq!(fit.levels, [23, 105, 202, 256]);
    assert_eq!(
        (fit.spells, fit.spell_years, fit.terminations),
        (274, 588, 64)
    );
    let m = fit.moments();
    assert!((m[0] - 378.0 / 4611.0).abs() < 1e-15);
    assert!((m[1..5].iter().sum::<f64>() - 1.0).abs() < 1e-12);
    let test = observed("test").unwrap();
    assert_eq!((test.rivalry_years, test.onset_years), (3160, 676));
    assert!(observed("future").is_err());
    // A sample equal to the data is at distance 0; an empty one is infinitely far.
    assert_eq!(distance(&fit, &fit), 0.0);
    assert!(distance(&RivalryCounts::default(), &fit).is_infinite());
}

fn small(seed: u64) -> CalibrationSettings {
    CalibrationSettings {
        draws: 60,
        runs: 10,
        horizon: 30,
        accept: 6,
        quiet: 10,
        seed,
    }
}

#[test]
fn calibration_is_reproducible_on_any_thread_count() {
    let on = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| to_csv(&calibrate(&small(5)).unwrap()))
    };
    let one = on(1);
    assert_eq!(one, on(3));
    assert_ne!(one, to_csv(&calibrate(&small(6)).unwrap()));
    let c = calibrate(&small(5)).unwrap();
    assert_eq!(c.posterior.len(), 6);
    assert!((c.posterior.iter().map(|d| d.weight).sum::<f64>() - 1.0).abs() < 1e-12);
    assert!(
        c.posterior
            .windows(2)
            .all(|w| w[0].distance <= w[1].distance)
    );
    assert_eq!(c.checks.len(), 7);
    // The CSV form parses back with the same values (to 6 decimals).
    let p = Posterior::parse(&to_csv(&c)).unwrap();
    assert_eq!(p.values.len(), 6);
    assert!((p.values[0][0] - c.posterior[0].values[0]).abs() < 1e-6);
    // Bad settings are errors.
    let mut bad = small(5);
    bad.accept = bad.draws;
    assert!(calibrate(&bad).is_err());
}

#[test]
fn the_bundled_posterior_records_its_settings_and_draws_by_weight() {
    let text = include_str!("../../../../data/calibration/escalate-rivalries.csv");
    let s = CalibrationSettings::default();
    assert_eq!(
        text.lines().next().unwrap(),
        format!(
            "# detente calibrate escalate --seed {} --draws {} --runs {} --horizon {} --accept {} --quiet {}",
            s.seed, s.draws, s.runs, s.horizon, s.accept, s.quiet
        )
    );
    let p = Posterior::named(RIVALRIES_PRIOR).unwrap();
    assert_eq!(p.values.len(), s.accept);
    assert!(Posterior::named("nope").is_err());
    // Draws land on rows of the posterior, in proportion to the weights: the mean over many
    // draws approaches the weighted mean.
    let means = p.means();
    let mut rng = run_stream(1, 0);
    let n = 20_000;
    let mut sum = 0.0;
    for _ in 0..n {
        let mut params = DilemmaParams::default();
        p.draw_into(&mut rng, &mut params);
        assert!(p.values.iter().any(|v| v[0] == params.noise));
        sum += params.noise;
    }
    assert!(
        (sum / n as f64 - means[0]).abs() < 0.002,
        "{} {}",
        sum / n as f64,
        means[0]
    );
    assert!(Posterior::parse("noise,x\n1,2\n").is_err());
}

/// `detente calibrate escalate` with the bundled settings (seed 1, 4 000 prior draws × 100
/// rivalries of 60 years, 100 kept) reproduces the bundled posterior byte for byte, from the
/// bundled rivalry data: every step of the fit (prior draws, simulation, distances, ranking,
/// kernel weights, rounding) is checked against the shipped file. About 5 s of CPU in a release
/// build.
#[test]
fn the_bundled_posterior_is_reproduced_from_the_bundled_data() {
    let shipped = include_str!("../../../../data/calibration/escalate-rivalries.csv");
    let c = calibrate(&CalibrationSettings::default()).unwrap();
    let ours = to_csv(&c);
    if ours != shipped {
        let first = ours
            .lines()
            .zip(shipped.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(0);
        panic!(
            "the calibration no longer reproduces data/calibration/escalate-rivalries.csv \
             (first difference on line {}); regenerate it with `detente calibrate escalate \
             --out data/calibration/escalate-rivalries.csv` and update the documented numbers",
            first + 1
        );
    }
}
