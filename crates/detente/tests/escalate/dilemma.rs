//! Validation of the security-dilemma simulation against its published qualitative results.

use detente::escalate::dilemma::{
    ActorKind, DilemmaActor, DilemmaParams, DilemmaSetup, DomainSpec, InfluenceTie,
    MonteCarloSummary, PolicySpec, SpiralRule, TradeTie, TrustParams, compare_policies,
    monte_carlo, run_one,
};

fn actor(id: &str, side: &str, policy: &str) -> DilemmaActor {
    DilemmaActor::new(id, side, policy)
}

/// Two actors on two sides, one domain, no pressures.
fn lone_dyad(policy: &str, params: DilemmaParams) -> DilemmaSetup {
    DilemmaSetup {
        sides: vec!["a".into(), "b".into()],
        actors: vec![actor("x", "a", policy), actor("y", "b", policy)],
        domains: vec![DomainSpec::new("military")],
        influence: vec![],
        trade: vec![],
        grievances: vec![],
        start: vec![],
        prior: None,
        params: DilemmaParams {
            spillover: 0.0,
            contagion: 0.0,
            interdependence: 0.0,
            grievance: 0.0,
            spiral: SpiralRule {
                domains: 1,
                periods: 1,
                lock: 0.5,
            },
            ..params
        },
    }
}

/// A small alliance rivalry: west = {usa, eu}, east = {china}; four domains; trade ties.
fn small_rivalry(west: &str, east: &str, params: DilemmaParams) -> DilemmaSetup {
    DilemmaSetup {
        sides: vec!["west".into(), "east".into()],
        actors: vec![
            actor("usa", "west", west),
            actor("eu", "west", west),
            actor("china", "east", east),
        ],
        domains: ["military", "economic", "technology", "cultural"]
            .iter()
            .map(|d| DomainSpec::new(d))
            .collect(),
        influence: vec![
            InfluenceTie {
                from: "usa".into(),
                to: "eu".into(),
                weight: 0.6,
            },
            InfluenceTie {
                from: "eu".into(),
                to: "usa".into(),
                weight: 0.3,
            },
        ],
        trade: vec![
            TradeTie {
                from: "usa".into(),
                to: "china".into(),
                share: 0.11,
            },
            TradeTie {
                from: "eu".into(),
                to: "china".into(),
                share: 0.09,
            },
            TradeTie {
                from: "china".into(),
                to: "usa".into(),
                share: 0.12,
            },
            TradeTie {
                from: "china".into(),
                to: "eu".into(),
                share: 0.14,
            },
        ],
        grievances: vec![],
        start: vec![],
        prior: None,
        params,
    }
}

/// Eight actors, four domains: six western actors against China and Russia (illustrative
/// influence and trade, equal capabilities).
fn flagship(west: &str, east: &str, params: DilemmaParams) -> DilemmaSetup {
    let mut setup = small_rivalry(west, east, params);
    for id in ["uk", "japan", "australia", "canada"] {
        setup.actors.push(actor(id, "west", west));
    }
    setup.actors.push(actor("russia", "east", east));
    for (to, w) in [
        ("uk", 0.7),
        ("japan", 0.4),
        ("australia", 0.4),
        ("canada", 0.6),
    ] {
        setup.influence.push(InfluenceTie {
            from: "usa".into(),
            to: to.into(),
            weight: w,
        });
    }
    setup.influence.push(InfluenceTie {
        from: "china".into(),
        to: "russia".into(),
        weight: 0.3,
    });
    for (from, share) in [("japan", 0.2), ("australia", 0.27), ("canada", 0.07)] {
        setup.trade.push(TradeTie {
            from: from.into(),
            to: "china".into(),
            share,
        });
    }
    setup
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// 1: with only execution noise, a lone dyad is a noisy match; TFT pairs earn (R+S+T+P)/4 = 2.25
/// per period in the long run and WSLS pairs 2.7765 at ε = 0.05.
#[test]
fn reduction_to_a_noisy_match() {
    let params = DilemmaParams {
        horizon: 2000,
        noise: 0.0,
        optimism: 0.0,
        execution_noise: 0.05,
        ..Default::default()
    };
    let tft = monte_carlo(&lone_dyad("tit-for-tat", params), 200, 11).unwrap();
    assert!(
        close(tft.payoff_per_move, 2.25, 0.03),
        "{}",
        tft.payoff_per_move
    );
    let wsls = monte_carlo(&lone_dyad("win-stay-lose-shift", params), 200, 11).unwrap();
    assert!(
        close(wsls.payoff_per_move, 2.7765, 0.03),
        "{}",
        wsls.payoff_per_move
    );
}

/// 2: one-sided misperception makes mutual D absorbing for TFT; onset statistics match the
/// closed form 1 + (3 − 2ε)/(ε(2 − ε)) with 10⁵ runs.
#[test]
fn one_sided_misperception_onset() {
    let eps = 0.05;
    let params = DilemmaParams {
        horizon: 300,
        noise: eps,
        ..Default::default()
    };
    let setup = lone_dyad("tit-for-tat", params);
    let s = monte_carlo(&setup, 100_000, 2024).unwrap();
    let expected = 1.0 + (3.0 - 2.0 * eps) / (eps * (2.0 - eps));
    assert!(close(expected, 30.744, 1e-3));
    let onset = s.onset.as_ref().unwrap();
    // Standard error of the mean onset is about 0.09 with 10⁵ runs.
    assert!(close(onset.mean, expected, 0.3), "{onset:?}");
    assert!(
        close(1.0 - s.survival[39], 0.74775, 0.01),
        "{}",
        1.0 - s.survival[39]
    );
    assert!(
        close(1.0 - s.survival[19], 0.38769, 0.01),
        "{}",
        1.0 - s.survival[19]
    );
    // Absorbing: once locked, the dyad stays locked to the horizon.
    for run in 0..50 {
        let r = run_one(&setup, 2024, run).unwrap();
        if let Some(o) = r.onset {
            assert!(
                r.locked_domains[o - 1..].iter().all(|&l| l == 1),
                "run {run}"
            );
        }
    }
}

/// 3: without noise, cooperative policies never show hostility; welfare is R per move.
#[test]
fn no_noise_cooperative_policies_stay_calm() {
    for policy in [
        "tit-for-tat",
        "generous-tit-for-tat",
        "win-stay-lose-shift",
        "grim-trigger",
    ] {
        let params = DilemmaParams {
            noise: 0.0,
            grievance: 0.0,
            interdependence: 0.0,
            ..Default::default()
        };
        let s = monte_carlo(&flagship(policy, policy, params), 200, 5).unwrap();
        assert_eq!(s.spiral.hits, 0, "{policy}");
        assert!(
            s.tension
                .iter()
                .flatten()
                .all(|b| b.mean == 0.0 && b.high == 0.0)
        );
        assert_eq!(s.payoff_per_move, 3.0, "{policy}");
        let r = run_one(&flagship(policy, policy, params), 5, 0).unwrap();
        assert!(r.overall_tension.iter().all(|&t| t == 0.0));
        assert!(r.moves.iter().all(|m| m.hostile == 0));
        assert_eq!(r.final_decoupling, Some(0.0));
        // With interdependence the economic domain pays R' = R + ι τ (R − P) > R, still calm.
        let traded = DilemmaParams {
            interdependence: 1.0,
            ..params
        };
        let t = monte_carlo(&flagship(policy, policy, traded), 50, 5).unwrap();
        assert_eq!(t.spiral.hits, 0);
        assert!(t.payoff_per_move > 3.0);
    }
}

fn spiral(west: &str, east: &str, params: DilemmaParams) -> MonteCarloSummary {
    monte_carlo(&small_rivalry(west, east, params), 10_000, 7).unwrap()
}

/// `higher` spirals significantly more than `lower`: non-overlapping Wilson intervals.
fn more(higher: &MonteCarloSummary, lower: &MonteCarloSummary, what: &str) {
    assert!(
        higher.spiral.low > lower.spiral.high,
        "{what}: {:?} should exceed {:?}",
        higher.spiral,
        lower.spiral
    );
}

/// 4: monotonicity with common random numbers (same seed, 10⁴ runs) around a base where TFT pairs
/// spiral about half the time.
#[test]
fn spiral_probability_is_monotone_in_the_pressures() {
    let base = DilemmaParams {
        noise: 0.02,
        spillover: 0.05,
        contagion: 0.05,
        ..Default::default()
    };
    let tft = |p| spiral("tit-for-tat", "tit-for-tat", p);
    let b = tft(base);
    assert!(
        b.spiral.estimate > 0.2 && b.spiral.estimate < 0.8,
        "{:?}",
        b.spiral
    );
    more(
        &tft(DilemmaParams {
            interdependence: 0.0,
            ..base
        }),
        &b,
        "less interdependence",
    );
    more(
        &b,
        &tft(DilemmaParams {
            interdependence: 3.0,
            ..base
        }),
        "more interdependence",
    );
    more(
        &b,
        &tft(DilemmaParams {
            distinguishability: 1.0,
            ..base
        }),
        "distinguishability",
    );
    more(
        &b,
        &tft(DilemmaParams {
            noise: 0.01,
            ..base
        }),
        "less noise",
    );
    more(
        &tft(DilemmaParams {
            noise: 0.04,
            ..base
        }),
        &b,
        "more noise",
    );
    more(
        &b,
        &tft(DilemmaParams {
            spillover: 0.0,
            ..base
        }),
        "no spillover",
    );
    more(
        &tft(DilemmaParams {
            spillover: 0.2,
            ..base
        }),
        &b,
        "more spillover",
    );
    more(
        &b,
        &tft(DilemmaParams {
            contagion: 0.0,
            ..base
        }),
        "no contagion",
    );
    more(
        &tft(DilemmaParams {
            contagion: 0.3,
            ..base
        }),
        &b,
        "more contagion",
    );
    more(
        &tft(DilemmaParams {
            grievance: 0.02,
            ..base
        }),
        &b,
        "grievance",
    );
}

/// 4 (policies): with China on TFT, the west's grim trigger ≥ TFT ≥ GTFT; WSLS on both sides
/// ≤ GTFT-west; grim trigger spirals soonest.
#[test]
fn policy_ordering_matches_the_literature() {
    let base = DilemmaParams {
        noise: 0.02,
        spillover: 0.05,
        contagion: 0.05,
        ..Default::default()
    };
    let grim = spiral("grim-trigger", "tit-for-tat", base);
    let tft = spiral("tit-for-tat", "tit-for-tat", base);
    let gtft = spiral("generous-tit-for-tat", "tit-for-tat", base);
    more(&grim, &tft, "grim v TFT");
    more(&tft, &gtft, "TFT v GTFT");
    assert!(grim.onset.as_ref().unwrap().mean < tft.onset.as_ref().unwrap().mean);
    // At the harsher defaults GTFT-west spirals sometimes; WSLS pairs almost never.
    let d = DilemmaParams::default();
    let gtft = spiral("generous-tit-for-tat", "tit-for-tat", d);
    let wsls = spiral("win-stay-lose-shift", "win-stay-lose-shift", d);
    assert!(
        wsls.spiral.estimate <= gtft.spiral.estimate,
        "{:?} {:?}",
        wsls.spiral,
        gtft.spiral
    );
    more(&gtft, &wsls, "GTFT-west v WSLS");
    // Paired comparison on common random numbers: switching the west from TFT to GTFT lowers
    // the spiral probability and raises joint welfare, with 95 % intervals excluding 0.
    let c = compare_policies(
        &small_rivalry("tit-for-tat", "tit-for-tat", base),
        &small_rivalry("constructive-engagement", "tit-for-tat", base),
        2_000,
        7,
    )
    .unwrap();
    assert!(c.spiral.high < 0.0, "{:?}", c.spiral);
    assert!(c.joint_welfare.low > 0.0, "{:?}", c.joint_welfare);
    assert_eq!(c.side_welfare.len(), 2);
}

/// A high prior of greed makes two security seekers spiral; sustained restraint lowers
/// the belief.
#[test]
fn bayesian_trust_feeds_and_calms_fear() {
    let params = |prior: f64| DilemmaParams {
        noise: 0.0,
        trust: Some(TrustParams {
            prior,
            ..Default::default()
        }),
        ..Default::default()
    };
    let fearful = monte_carlo(
        &small_rivalry("tit-for-tat", "tit-for-tat", params(0.7)),
        200,
        3,
    )
    .unwrap();
    assert_eq!(fearful.spiral.hits, 200);
    let calm = run_one(
        &small_rivalry("tit-for-tat", "tit-for-tat", params(0.3)),
        3,
        0,
    )
    .unwrap();
    assert!(!calm.spiral);
    for t in calm.trust.as_ref().unwrap() {
        assert!(t.greed_belief < 1e-6, "{t:?}");
    }
    // Certain evidence (h_G = 1, h_S = 0, no noise) keeps beliefs finite and in [0, 1].
    let extreme = DilemmaParams {
        noise: 0.0,
        trust: Some(TrustParams {
            greedy_defect: 1.0,
            seeker_defect: 0.0,
            ..Default::default()
        }),
        ..Default::default()
    };
    let r = run_one(&small_rivalry("tit-for-tat", "random", extreme), 3, 0).unwrap();
    for t in r.trust.as_ref().unwrap() {
        assert!((0.0..=1.0).contains(&t.greed_belief), "{t:?}");
    }
    // A greedy actor is not gated: with the same fearful prior it still follows its policy.
    let mut greedy = small_rivalry("accommodation", "accommodation", params(0.7));
    greedy
        .actors
        .iter_mut()
        .for_each(|a| a.kind = ActorKind::Greedy);
    assert!(!run_one(&greedy, 3, 0).unwrap().spiral);
}

/// 5: the same seed gives byte-identical serialised results on 1, 2 and 16 threads.
#[test]
fn results_do_not_depend_on_thread_count() {
    let params = DilemmaParams {
        trust: Some(TrustParams::default()),
        execution_noise: 0.01,
        optimism: 0.01,
        ..Default::default()
    };
    let setup = flagship("constructive-engagement", "tit-for-tat", params);
    let json = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| serde_json::to_string(&monte_carlo(&setup, 1_500, 99).unwrap()).unwrap())
    };
    let one = json(1);
    assert_eq!(one, json(2));
    assert_eq!(one, json(16));
    // Run k of a Monte Carlo is run_one(seed, k).
    let single = monte_carlo(&setup, 1, 99).unwrap();
    let r = run_one(&setup, 99, 0).unwrap();
    assert_eq!(single.spiral.hits, u64::from(r.spiral));
    assert_eq!(single.joint_welfare.mean, r.joint_welfare);
}

#[test]
fn bad_setups_are_errors_not_panics() {
    let ok = small_rivalry("tit-for-tat", "tit-for-tat", DilemmaParams::default());
    assert!(monte_carlo(&ok, 10, 1).is_ok());
    let mut s = ok.clone();
    s.params.noise = 1.5;
    assert!(monte_carlo(&s, 10, 1).is_err());
    let mut s = ok.clone();
    s.params.spiral.domains = 5;
    assert!(run_one(&s, 1, 0).is_err());
    let mut s = ok.clone();
    s.actors[0].side = "nowhere".into();
    assert!(run_one(&s, 1, 0).is_err());
    let mut s = ok.clone();
    s.actors[0].policy = PolicySpec::new("no-such-strategy");
    assert!(run_one(&s, 1, 0).is_err());
    let mut s = ok.clone();
    s.influence.push(InfluenceTie {
        from: "usa".into(),
        to: "china".into(),
        weight: 0.5,
    });
    assert!(run_one(&s, 1, 0).is_err());
    let mut s = ok;
    s.actors.retain(|a| a.side == "west");
    assert!(run_one(&s, 1, 0).is_err());
    assert!(
        monte_carlo(
            &small_rivalry("tit-for-tat", "tit-for-tat", DilemmaParams::default()),
            0,
            1
        )
        .is_err()
    );
}
