//! The annual Richardson fit on the bundled spending history: the numbers of
//! docs/escalate-richardson.md, recomputed on the bundled data and pinned.

use detente::escalate::richardson::series::{Source, dyad_ties, history};
use detente::escalate::richardson::validation::{
    ForecastSettings, Interval, RaceSettings, forecast_skill, race_discrimination,
};
use detente::escalate::richardson::{FitWarning, fit_history};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

fn pinned(got: Interval, want: [f64; 3], tol: f64) {
    assert!(
        close(got.estimate, want[0], tol)
            && close(got.low, want[1], tol)
            && close(got.high, want[2], tol),
        "{got:?} v {want:?}"
    );
}

#[test]
fn britain_germany_1900_1913_on_cow() {
    let f = fit_history(&["GBR".into(), "255".into()], &dyad_ties(), 1900, 1913).unwrap();
    assert_eq!(f.source, Source::Cow);
    let e = &f.fit.fit.equations;
    assert_eq!(e[0].observations, 13);
    assert!(close(e[0].reactions[0].value, 0.4537, 5e-5), "{e:?}");
    assert!(close(e[0].reactions[0].standard_error, 0.2884, 5e-5));
    assert!(close(e[0].fatigue.value, 0.1919, 5e-5));
    assert!(close(e[1].fatigue.value, -0.4009, 5e-5));
    // Germany's negative fatigue is reported, not hidden.
    assert!(
        f.fit
            .fit
            .warnings
            .iter()
            .any(|w| matches!(w, FitWarning::NegativeFatigue { actor, .. } if actor == "DEU"))
    );
    let p = f.fit.instability(4000, 1).unwrap();
    assert_eq!(p, f.fit.instability(4000, 1).unwrap());
    assert!(p.probability.estimate > 0.0 && p.probability.estimate < 1.0);
}

#[test]
fn usa_china_2000_2024_on_sipri() {
    let f = fit_history(&["USA".into(), "CHN".into()], &dyad_ties(), 2000, 2024).unwrap();
    assert_eq!(f.source, Source::Sipri);
    let e = &f.fit.fit.equations;
    assert!(close(e[0].fatigue.value, 0.1507, 5e-5), "{e:?}");
    assert!(close(e[1].reactions[0].value, 0.0087, 5e-5), "{e:?}");
    assert!(close(f.fit.spectral_radius, 1.0205, 5e-5));
    let p = f.fit.instability(4000, 1).unwrap();
    assert_eq!((p.probability.hits, p.probability.trials), (3734, 4000));
}

#[test]
fn arms_races_against_matched_rivals() {
    let r = race_discrimination(RaceSettings::default()).unwrap();
    assert_eq!(
        (r.races_listed, r.races_fitted, r.controls_fitted),
        (71, 57, 623)
    );
    pinned(r.auc_p_unstable, [0.6362, 0.5692, 0.7013], 1e-3);
    pinned(r.auc_reaction, [0.5663, 0.4981, 0.6370], 1e-3);
    pinned(r.auc_relative_reaction, [0.6424, 0.5651, 0.7134], 1e-3);
    // Races before 1949 use COW, later ones SIPRI.
    assert!(
        r.cases
            .iter()
            .any(|c| c.race.is_some() && c.source == Source::Cow)
    );
    assert!(
        r.cases
            .iter()
            .any(|c| c.race.is_some() && c.source == Source::Sipri)
    );
}

#[test]
fn forecasts_of_rival_dyads_against_naive_baselines() {
    let f = forecast_skill(ForecastSettings::default()).unwrap();
    assert_eq!((f.dyads, f.forecasts, f.failed_fits), (48, 957, 2));
    let all = &f.skill[0];
    assert_eq!(all.horizon, 0);
    pinned(all.ratio_random_walk, [1.7778, 1.1597, 6.0121], 1e-3);
    pinned(all.ratio_ar1, [1.2448, 1.0611, 1.4946], 1e-3);
    assert!(close(all.median_abs_ratio_random_walk, 1.1298, 1e-3));
    let one = &f.skill[1];
    pinned(one.ratio_random_walk, [1.1235, 1.0549, 1.3397], 1e-3);
    pinned(one.ratio_ar1, [1.0879, 1.0300, 1.2200], 1e-3);
    let five = &f.skill[5];
    pinned(five.ratio_random_walk, [3.3387, 1.5419, 8.9087], 1e-3);
    pinned(five.ratio_ar1, [1.3536, 1.0845, 1.6504], 1e-3);
    // The Richardson map loses to the random walk at every horizon.
    assert!(f.skill.iter().all(|s| s.ratio_random_walk.estimate > 1.0));
}

#[test]
fn validation_does_not_depend_on_the_thread_count() {
    let settings = RaceSettings {
        bootstrap: 50,
        draws: 200,
        ..RaceSettings::default()
    };
    let run = |threads| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| race_discrimination(settings).unwrap())
    };
    assert_eq!(run(1), run(3));
}

#[test]
fn the_bundled_history_is_small_and_complete() {
    let h = history().unwrap();
    assert_eq!(h.arms_races().len(), 71);
    assert!(h.state("SAU").is_some() && h.state("710").is_some());
    let size = include_str!("../../../../data/history/milex.csv").len();
    assert!(size < 400_000, "{size}");
}
