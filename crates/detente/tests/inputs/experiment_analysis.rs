//! The analysis layer on the flagship: sweeps with common random numbers,
//! tornado and Morris sensitivity, levers against the compromise model's closed form (D1), and
//! determinism across thread counts.

use detente::decide::scenario::issues;
use detente::experiment::analysis::{
    Design, LeverKind, Metric, SensitivityOptions, compare, evaluate, levers, sensitivity, sweep,
};
use detente::experiment::uncertain_inputs;
use detente::scenario::{FLAGSHIP, Resolved, load_str};

fn flagship() -> Resolved {
    load_str(FLAGSHIP, "f.toml").unwrap()
}

/// The flagship's point-values variant (`prior = "none"`): every behavioural parameter at its
/// given value, so a sweep of one parameter moves only that parameter.
fn flagship_point_values() -> Resolved {
    let text = FLAGSHIP.replace("prior = \"rivalries-1816-2010\"", "prior = \"none\"");
    load_str(&text, "f.toml").unwrap()
}

fn metric(r: &Resolved, name: &str) -> Metric {
    Metric::parse(r, name).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn spiral_probability_rises_with_noise_under_common_random_numbers() {
    let r = flagship_point_values();
    let noise = vec![0.0, 0.02, 0.05, 0.1, 0.2];
    let m = [
        metric(&r, "escalate.constructive-engagement.spiral"),
        metric(&r, "escalate.clear-eyed-hedging.spiral"),
    ];
    let t = sweep(
        &r,
        &Design::Grid(vec![("escalate.noise".into(), noise.clone())]),
        &m,
        800,
        11,
    )
    .unwrap();
    assert_eq!(t.rows.len(), noise.len() * m.len());
    for name in ["constructive-engagement", "clear-eyed-hedging"] {
        let p: Vec<f64> = t
            .rows
            .iter()
            .filter(|row| row.metric.contains(name))
            .map(|row| row.value)
            .collect();
        assert_eq!(p.len(), noise.len());
        for w in p.windows(2) {
            assert!(w[0] <= w[1], "{name}: spiral not monotone in noise: {p:?}");
        }
        assert!(
            p[noise.len() - 1] > p[0],
            "{name}: noise has no effect: {p:?}"
        );
    }
    // The point at the scenario's own noise (0.05) equals evaluating the scenario directly:
    // same seed, same random numbers.
    let direct = evaluate(&r, &m[1..], 800, 11).unwrap()[0];
    let at = t
        .rows
        .iter()
        .find(|row| row.values == vec![0.05] && row.metric == m[1].to_string())
        .unwrap();
    assert_eq!(at.value, direct);
}

#[test]
fn levers_match_the_compromise_closed_form() {
    let r = flagship();
    for (actor, name) in [
        ("USA", "decide.china-posture.compromise.unconstrained"),
        ("JPN", "decide.indo-pacific-alignment.compromise"),
    ] {
        let l = levers(&r, actor, &metric(&r, name), 10.0, 1).unwrap();
        assert!(l.levers.len() >= 4, "{l:?}");
        for kind in [
            LeverKind::OwnPosition,
            LeverKind::OwnSalience,
            LeverKind::Persuade,
        ] {
            assert!(
                l.levers.iter().any(|x| x.kind == kind),
                "{name}: no {kind:?}"
            );
        }
        for x in &l.levers {
            let cf = x.closed_form.unwrap_or_else(|| panic!("{name}: {x:?}"));
            assert!((cf - x.effect).abs() < 1e-9, "{name}: {x:?}");
        }
        for w in l.levers.windows(2) {
            assert!(w[0].effect.abs() >= w[1].effect.abs());
        }
    }
    // The USA's own position is its strongest lever: it carries the largest weight c·s.
    let l = levers(
        &r,
        "USA",
        &metric(&r, "decide.china-posture.compromise.unconstrained"),
        10.0,
        1,
    )
    .unwrap();
    assert_eq!(l.levers[0].kind, LeverKind::OwnPosition);
    // Persuasion moves the other actor toward the USA, never past it.
    for x in l.levers.iter().filter(|x| x.kind == LeverKind::Persuade) {
        assert!((x.to - x.from).abs() <= 10.0 && (85.0 - x.to) * (85.0 - x.from) >= 0.0);
    }
    // After NATO's consensus rule the closed form does not apply (the win-set moves too).
    let ruled = levers(
        &r,
        "USA",
        &metric(&r, "decide.china-posture.compromise"),
        10.0,
        1,
    )
    .unwrap();
    assert!(ruled.levers.iter().all(|x| x.closed_form.is_none()));
    assert!(
        levers(
            &r,
            "ZZZ",
            &metric(&r, "decide.china-posture.compromise"),
            10.0,
            1
        )
        .is_err()
    );
    assert!(
        levers(
            &r,
            "USA",
            &metric(&r, "escalate.systemic-rival.spiral"),
            10.0,
            1
        )
        .is_err()
    );
}

#[test]
fn tornado_is_sorted_and_led_by_the_heaviest_uncertain_stance() {
    let r = flagship();
    let m = metric(&r, "decide.china-posture.compromise.unconstrained");
    let s = sensitivity(&r, &m, 0, 1, SensitivityOptions::default()).unwrap();
    assert_eq!(s.tornado.len(), uncertain_inputs(&r).len());
    for w in s.tornado.windows(2) {
        assert!(w[0].swing >= w[1].swing);
    }
    // Positions enter D1 linearly: the largest swing is the uncertain china-posture stance with
    // the largest c·s·(high − low). Inputs of other issues do not move it at all.
    let issue = issues(&r)
        .into_iter()
        .find(|i| i.id == "china-posture")
        .unwrap();
    let expected = uncertain_inputs(&r)
        .into_iter()
        .filter_map(|i| {
            let actor = i
                .path
                .strip_prefix("issue.china-posture.stance.")?
                .strip_suffix(".position")?
                .to_string();
            let st = issue.stances.iter().find(|s| s.actor == actor)?;
            Some((
                st.capability * st.s() * (i.value.high() - i.value.low()),
                i.path,
            ))
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .unwrap()
        .1;
    assert_eq!(s.tornado[0].path, expected);
    assert!(s.tornado[0].swing > 0.1);
    for bar in s
        .tornado
        .iter()
        .filter(|b| b.path.starts_with("issue.tokyo-office"))
    {
        assert_eq!(bar.swing, 0.0, "{bar:?}");
    }
    assert!((s.base - evaluate(&r, &[m], 0, 1).unwrap()[0]).abs() < 1e-12);
}

#[test]
fn morris_runs_on_the_flagship_and_agrees_with_the_tornado_where_linear() {
    let r = flagship();
    let m = metric(&r, "decide.china-posture.compromise.unconstrained");
    let opts = SensitivityOptions {
        morris: true,
        trajectories: 6,
        levels: 4,
    };
    let s = sensitivity(&r, &m, 0, 3, opts).unwrap();
    let morris = s.morris.as_ref().unwrap();
    assert_eq!(morris.len(), s.tornado.len());
    for w in morris.windows(2) {
        assert!(w[0].mu_star >= w[1].mu_star);
    }
    // The outcome is linear in each position, so its elementary effect per full range equals
    // the tornado swing, with no spread.
    for bar in s.tornado.iter().take(3) {
        let e = morris.iter().find(|e| e.path == bar.path).unwrap();
        assert!((e.mu_star - bar.swing).abs() < 1e-9, "{bar:?} {e:?}");
        assert!(e.sigma < 1e-9);
    }
    // On the constrained outcome (consensus deadlock) with many inputs Morris runs by itself.
    let c = sensitivity(
        &r,
        &metric(&r, "decide.china-posture.compromise"),
        0,
        3,
        SensitivityOptions::default(),
    )
    .unwrap();
    assert!(c.morris.is_some());
}

#[test]
fn escalate_sensitivity_skips_inputs_the_lens_does_not_read() {
    let r = flagship();
    let m = metric(&r, "escalate.constructive-engagement.spiral");
    assert!(m.reads("escalate.noise") && m.reads("tie.USA.GBR.weight"));
    assert!(!m.reads("issue.china-posture.stance.FRA.position"));
    let d = metric(&r, "decide.china-posture.median");
    assert!(d.reads("issue.china-posture.stance.FRA.position") && d.reads("actor.ISL.capability"));
    assert!(!d.reads("issue.tokyo-office.stance.USA.position") && !d.reads("escalate.noise"));
    let s = sensitivity(&r, &m, 200, 2, SensitivityOptions::default()).unwrap();
    let n = uncertain_inputs(&r).len();
    assert_eq!(s.tornado.len(), n);
    assert_eq!(s.morris.as_ref().map(Vec::len), Some(n));
    for bar in s.tornado.iter().filter(|b| b.path.starts_with("issue.")) {
        assert_eq!((bar.swing, bar.at_low, bar.at_high), (0.0, s.base, s.base));
    }
    assert_eq!(s.base, evaluate(&r, &[m], 200, 2).unwrap()[0]);
}

#[test]
fn compare_differences_every_pair() {
    let r = flagship();
    let c = compare(&r, 300, 5).unwrap();
    let n = c.policies.len();
    // spiral, welfare per side, joint welfare, and the three dispute differences.
    let per_pair = c.sides.len() + 5;
    assert_eq!(c.differences.len(), n * (n - 1) / 2 * per_pair);
    let spiral = |id: &str| {
        c.policies
            .iter()
            .find(|p| p.id == id)
            .unwrap()
            .spiral
            .estimate
    };
    let d = c
        .differences
        .iter()
        .find(|d| {
            d.a == "constructive-engagement" && d.b == "systemic-rival" && d.metric == "spiral"
        })
        .unwrap();
    assert!(
        (d.mean - (spiral("constructive-engagement") - spiral("systemic-rival"))).abs() < 1e-12
    );
    assert!(d.low <= d.mean && d.mean <= d.high);
}

#[test]
fn identical_with_one_and_two_threads() {
    let r = flagship();
    let metrics = [
        metric(&r, "escalate.strategic-patience.spiral"),
        metric(&r, "escalate.strategic-patience.welfare.west"),
        metric(&r, "decide.china-posture.bdm"),
    ];
    let design = Design::LatinHypercube {
        ranges: vec![
            ("escalate.noise".into(), 0.0, 0.15),
            ("issue.china-posture.stance.FRA.position".into(), 30.0, 60.0),
        ],
        points: 6,
    };
    let json = |threads| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| {
            let t = sweep(&r, &design, &metrics, 300, 9).unwrap();
            let s = sensitivity(
                &r,
                &metric(&r, "decide.china-decoupling.median"),
                0,
                9,
                SensitivityOptions {
                    morris: true,
                    trajectories: 3,
                    levels: 4,
                },
            )
            .unwrap();
            serde_json::to_string(&(t, s)).unwrap()
        })
    };
    let one = json(1);
    assert_eq!(one, json(2));
}

#[test]
fn bad_requests_are_errors_not_panics() {
    let r = flagship();
    let m = [metric(&r, "decide.china-posture.median")];
    let grid = |p: &str| Design::Grid(vec![(p.into(), vec![1.0])]);
    assert!(sweep(&r, &grid("escalate.nois"), &m, 10, 1).is_err());
    assert!(sweep(&r, &grid("escalate.noise"), &[], 10, 1).is_err());
    assert!(
        sweep(
            &r,
            &Design::Grid(vec![("escalate.noise".into(), vec![])]),
            &m,
            10,
            1
        )
        .is_err()
    );
    assert!(
        sweep(
            &r,
            &grid("escalate.noise"),
            &[metric(&r, "escalate.systemic-rival.spiral")],
            0,
            1
        )
        .is_err()
    );
}
