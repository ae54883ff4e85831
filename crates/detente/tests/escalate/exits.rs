//! Observed starting states, the exits from hostility (reconciliation, leadership change) and
//! the militarised disputes read from the military domain (docs/escalate-dilemma.md).

use detente::escalate::dilemma::{
    DilemmaActor, DilemmaParams, DilemmaSetup, DomainSpec, PolicyArms, PolicySpec, SpiralRule,
    StartState, compare_policies, monte_carlo, run_one,
};
use detente::scenario::Uncertain;

fn actor(id: &str, side: &str, policy: &str) -> DilemmaActor {
    DilemmaActor::new(id, side, policy)
}

fn start(domain: &str, hostility: f64) -> StartState {
    StartState {
        domain: domain.into(),
        from: None,
        to: None,
        hostility: Uncertain::Fixed(hostility),
    }
}

/// No misperception; otherwise the defaults.
fn calm() -> DilemmaParams {
    DilemmaParams {
        noise: 0.0,
        ..Default::default()
    }
}

/// Two tit-for-tat actors without spillover, contagion or trade, in `domains`; noise and horizon
/// from `params`.
fn quiet_dyad(domains: &[&str], start: Vec<StartState>, params: DilemmaParams) -> DilemmaSetup {
    DilemmaSetup {
        sides: vec!["a".into(), "b".into()],
        actors: vec![
            actor("x", "a", "tit-for-tat"),
            actor("y", "b", "tit-for-tat"),
        ],
        domains: domains.iter().map(|d| DomainSpec::new(d)).collect(),
        influence: vec![],
        trade: vec![],
        grievances: vec![],
        start,
        prior: None,
        params: DilemmaParams {
            spillover: 0.0,
            contagion: 0.0,
            interdependence: 0.0,
            spiral: SpiralRule {
                domains: 1,
                periods: 1,
                lock: 0.5,
            },
            ..params
        },
    }
}

/// A hostile start makes tit-for-tat pairs hostile for good: the dispute level climbs from
/// threat (period 0 is the first period of mutual hostility, so period 1 is the second: display)
/// to war (one domain only, so mutual hostility there is hostility everywhere).
#[test]
fn a_hostile_start_locks_tit_for_tat_into_war() {
    let setup = quiet_dyad(&["military"], vec![start("military", 1.0)], calm());
    let run = run_one(&setup, 1, 0).unwrap();
    let levels = run.dispute_levels.unwrap()[..10].to_vec();
    assert_eq!(levels, vec![3, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
    assert_eq!(run.onset, Some(1));
    // Without a start, the same pair never shows hostility: no dispute.
    let quiet = quiet_dyad(&["military"], vec![], calm());
    assert_eq!(
        run_one(&quiet, 1, 0).unwrap().dispute_levels.unwrap(),
        vec![0; 40]
    );
    // With a second, restrained domain the pair is not hostile everywhere: use of force, not war.
    let two = quiet_dyad(
        &["military", "economic"],
        vec![start("military", 1.0)],
        calm(),
    );
    let levels = run_one(&two, 1, 0).unwrap().dispute_levels.unwrap()[..10].to_vec();
    assert_eq!(levels, vec![3, 4, 4, 4, 4, 4, 4, 4, 4, 4]);
}

/// A start of hostility 0 draws nothing and changes nothing: the runs are bit-identical to the
/// runs without a start, whatever the noise.
#[test]
fn a_zero_start_is_no_start() {
    let noisy = DilemmaParams {
        noise: 0.1,
        ..Default::default()
    };
    let with = quiet_dyad(
        &["military", "economic"],
        vec![start("military", 0.0), start("economic", 0.0)],
        noisy,
    );
    let without = quiet_dyad(&["military", "economic"], vec![], noisy);
    for k in 0..50 {
        assert_eq!(
            run_one(&with, 3, k).unwrap(),
            run_one(&without, 3, k).unwrap()
        );
    }
}

/// A pair override wins over the domain's state, and an uncertain start is drawn per run: with
/// hostility h uniform on [0, 1] drawn once per run, both channels open hostile with
/// probability E[h²] = 1/3, and only then is a tit-for-tat pair locked in mutual hostility.
#[test]
fn pair_overrides_and_uncertain_starts() {
    let mut pair = start("military", 1.0);
    pair.from = Some("y".into());
    pair.to = Some("x".into());
    let setup = quiet_dyad(&["military"], vec![pair, start("military", 0.0)], calm());
    // Domain-wide 0 is listed last but the pair state still applies.
    assert_eq!(run_one(&setup, 1, 0).unwrap().dispute_levels.unwrap()[0], 3);
    let drawn = quiet_dyad(
        &["military"],
        vec![StartState {
            domain: "military".into(),
            from: None,
            to: None,
            hostility: Uncertain::Uniform {
                low: 0.0,
                high: 1.0,
            },
        }],
        calm(),
    );
    let mc = monte_carlo(&drawn, 20_000, 5).unwrap();
    assert!(
        (mc.spiral.estimate - 1.0 / 3.0).abs() < 0.01,
        "{}",
        mc.spiral.estimate
    );
}

/// Reconciliation with ρ₀ = 1 ends a hostile spell after its first period; with ρ₀ = 1/2 the
/// spell lasts a geometric number of periods with mean 1/ρ₀ = 2 (the start's period 0 is not
/// counted, period 1 always is).
#[test]
fn reconciliation_ends_hostile_spells_at_rate_rho() {
    let certain = quiet_dyad(
        &["military"],
        vec![start("military", 1.0)],
        DilemmaParams {
            reconciliation: 1.0,
            ..calm()
        },
    );
    let levels = run_one(&certain, 1, 0).unwrap().dispute_levels.unwrap()[..10].to_vec();
    assert_eq!(levels, vec![3, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let half = quiet_dyad(
        &["military"],
        vec![start("military", 1.0)],
        DilemmaParams {
            horizon: 40,
            reconciliation: 0.5,
            ..calm()
        },
    );
    let mc = monte_carlo(&half, 20_000, 11).unwrap();
    let years = mc.disputes.unwrap().dispute_years;
    assert!((years.estimate - 2.0).abs() < 0.04, "{years:?}");
    assert!(years.low < 2.0 && 2.0 < years.high, "{years:?}");
}

/// Reconciliation driven by restraint elsewhere: with ρ₀ = 0 and ρ₁ = 1 a military spell ends
/// at once when the pair is restrained in the economic domain (M = 1) and never when it is
/// hostile there too (M = 0).
#[test]
fn restraint_elsewhere_drives_reconciliation() {
    let params = DilemmaParams {
        reconciliation_restraint: 1.0,
        ..calm()
    };
    let calm_trade = quiet_dyad(
        &["military", "economic"],
        vec![start("military", 1.0)],
        params,
    );
    let levels = run_one(&calm_trade, 1, 0).unwrap().dispute_levels.unwrap()[..10].to_vec();
    assert_eq!(levels, vec![3, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    let hostile_trade = quiet_dyad(
        &["military", "economic"],
        vec![start("military", 1.0), start("economic", 1.0)],
        params,
    );
    let levels = run_one(&hostile_trade, 1, 0)
        .unwrap()
        .dispute_levels
        .unwrap()[..10]
        .to_vec();
    assert_eq!(levels, vec![3, 5, 5, 5, 5, 5, 5, 5, 5, 5]);
}

/// A leadership change on both sides in the same period (η = 1) ends the spell; on one side
/// only, tit-for-tat echoes the remaining grievance (alternating hostility, no mutual hostility
/// and so no dispute after the change).
#[test]
fn leadership_change_forgets_grievances() {
    let both = quiet_dyad(
        &["military"],
        vec![start("military", 1.0)],
        DilemmaParams {
            leadership_change: 1.0,
            ..calm()
        },
    );
    let levels = run_one(&both, 1, 0).unwrap().dispute_levels.unwrap()[..10].to_vec();
    assert_eq!(levels, vec![3, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    // η = 1/2: mutual hostility goes on into the next period only when neither side changes
    // (probability 1/4); after a one-sided change tit-for-tat alternates, which is never mutual
    // again without noise. So the number of dispute periods is geometric with mean
    // 1/(1 − 1/4) = 4/3.
    let half = quiet_dyad(
        &["military"],
        vec![start("military", 1.0)],
        DilemmaParams {
            horizon: 40,
            leadership_change: 0.5,
            ..calm()
        },
    );
    let mc = monte_carlo(&half, 20_000, 2).unwrap();
    let years = mc.disputes.unwrap().dispute_years.estimate;
    assert!((years - 4.0 / 3.0).abs() < 0.02, "{years}");
}

/// The dispute summary: the yearly hazard is 1 − (1 − p)^(1/years) of P(≥ 1 MID), the level
/// mix sums to 1, half-year periods fold two periods into a year, and a comparison reports
/// dispute differences with Newcombe's interval (within ±1).
#[test]
fn dispute_summary_and_differences() {
    let noisy = DilemmaParams {
        horizon: 20,
        noise: 0.05,
        ..Default::default()
    };
    let setup = quiet_dyad(&["military", "economic"], vec![], noisy);
    assert_eq!(setup.params.horizon, 20);
    let mc = monte_carlo(&setup, 5_000, 3).unwrap();
    let d = mc.disputes.unwrap();
    assert_eq!(d.years, 20);
    let want = 1.0 - (1.0 - d.any.estimate).powf(1.0 / 20.0);
    assert!((d.yearly_hazard.estimate - want).abs() < 1e-12);
    assert!(d.yearly_hazard.low <= want && want <= d.yearly_hazard.high);
    assert!(
        (d.level_mix.iter().sum::<f64>() - 1.0).abs() < 1e-9,
        "{d:?}"
    );
    assert!(d.force.estimate <= d.any.estimate);

    let mut halves = setup.clone();
    halves.params.periods_per_year = 2;
    let h = monte_carlo(&halves, 5_000, 3).unwrap().disputes.unwrap();
    assert_eq!(h.years, 10);
    assert_eq!(h.any, d.any, "the same runs have a dispute or not");
    assert!(h.dispute_years.estimate <= d.dispute_years.estimate);

    let mut forgiving = setup.clone();
    for a in &mut forgiving.actors {
        a.policy = PolicySpec::new("generous-tit-for-tat");
    }
    let c = compare_policies(&setup, &forgiving, 5_000, 3).unwrap();
    let mid = c.mid.unwrap();
    assert!(mid.high < 0.0 && mid.low >= -1.0, "{mid:?}");
    assert!(c.dispute_years.unwrap().high < 0.0);
    let arms = PolicyArms::play(&[("a", &setup)], 10, 1).unwrap();
    assert!(arms.has_disputes());
    // Without a military domain there are no disputes to read.
    let econ = quiet_dyad(&["economic"], vec![], noisy);
    assert!(monte_carlo(&econ, 100, 1).unwrap().disputes.is_none());
}

/// Bad starting states are errors, not panics.
#[test]
fn bad_starts_are_errors() {
    let bad = |s: StartState| {
        let setup = quiet_dyad(&["military"], vec![s], calm());
        run_one(&setup, 1, 0).unwrap_err().to_string()
    };
    assert!(bad(start("navy", 0.5)).contains("unknown domain navy"));
    assert!(bad(start("military", 1.5)).contains("[0, 1]"));
    let mut half = start("military", 0.5);
    half.from = Some("x".into());
    assert!(bad(half).contains("both `from` and `to`"));
    let mut stranger = start("military", 0.5);
    stranger.from = Some("x".into());
    stranger.to = Some("z".into());
    assert!(bad(stranger).contains("unknown actor z"));
    let bad_params = |p: DilemmaParams| {
        let setup = quiet_dyad(&["military"], vec![], p);
        run_one(&setup, 1, 0).unwrap_err().to_string()
    };
    assert!(
        bad_params(DilemmaParams {
            reconciliation: 2.0,
            ..calm()
        })
        .contains("reconciliation")
    );
    assert!(
        bad_params(DilemmaParams {
            periods_per_year: 0,
            ..calm()
        })
        .contains("periods_per_year")
    );
}
