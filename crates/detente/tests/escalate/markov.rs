//! Analytic memory-one results: the exact Markov path to 1e−4 and a
//! simulation of 10⁶ turns within 0.01.

use detente::escalate::game::Game;
use detente::escalate::markov;
use detente::escalate::matchplay::{MatchSpec, play};
use detente::escalate::strategy::{FourVector, Strategy, registry};

fn vector(id: &str) -> FourVector {
    let mut s = registry::parse(id).unwrap();
    s.reset(&Default::default());
    s.four_vector().expect("memory-one")
}

/// (player 1, player 2, ε, expected long-run payoffs per turn)
fn cases() -> Vec<(&'static str, &'static str, f64, [f64; 2])> {
    let tft_v_defector = |e: f64| {
        let c1 = 2.0 * e * (1.0 - e);
        let c2 = e;
        let p1 = c1 * c2 * 3.0 + (1.0 - c1) * c2 * 5.0 + (1.0 - c1) * (1.0 - c2);
        let p2 = c1 * c2 * 3.0 + c1 * (1.0 - c2) * 5.0 + (1.0 - c1) * (1.0 - c2);
        [p1, p2]
    };
    let wsls_v_defector = |e: f64| [(1.0 + 7.0 * e) / 2.0, 3.0 - 1.5 * e];
    vec![
        ("tit-for-tat", "tit-for-tat", 0.01, [2.25, 2.25]),
        ("tit-for-tat", "tit-for-tat", 0.2, [2.25, 2.25]),
        (
            "win-stay-lose-shift",
            "win-stay-lose-shift",
            0.01,
            [2.9511, 2.9511],
        ),
        (
            "win-stay-lose-shift",
            "win-stay-lose-shift",
            0.05,
            [2.7765, 2.7765],
        ),
        (
            "win-stay-lose-shift",
            "win-stay-lose-shift",
            0.10,
            [2.6020, 2.6020],
        ),
        (
            "generous-tit-for-tat",
            "generous-tit-for-tat",
            0.01,
            [2.9703, 2.9703],
        ),
        (
            "generous-tit-for-tat",
            "generous-tit-for-tat",
            0.05,
            [2.8594, 2.8594],
        ),
        ("tit-for-tat", "win-stay-lose-shift", 0.01, [2.25, 2.25]),
        ("tit-for-tat", "win-stay-lose-shift", 0.05, [2.25, 2.25]),
        ("tit-for-tat", "defector", 0.05, tft_v_defector(0.05)),
        ("tit-for-tat", "defector", 0.02, tft_v_defector(0.02)),
        (
            "win-stay-lose-shift",
            "defector",
            0.05,
            wsls_v_defector(0.05),
        ),
        ("win-stay-lose-shift", "defector", 0.1, wsls_v_defector(0.1)),
        (
            "generous-tit-for-tat",
            "defector",
            0.0,
            [2.0 / 3.0, 7.0 / 3.0],
        ),
    ]
}

#[test]
fn published_values_of_the_closed_forms() {
    let t = |e: f64| {
        let c1 = 2.0 * e * (1.0 - e);
        c1 * e * 3.0 + (1.0 - c1) * e * 5.0 + (1.0 - c1) * (1.0 - e)
    };
    assert!((t(0.05) - 1.1003).abs() < 1e-4);
    assert!(((1.0 + 7.0 * 0.05) / 2.0 - 0.675_f64).abs() < 1e-12);
}

#[test]
fn exact_long_run_payoffs() {
    let game = Game::default();
    for (a, b, e, expected) in cases() {
        let (pay, _) = markov::long_run(&game, &vector(a), &vector(b), e)
            .unwrap_or_else(|| panic!("{a} v {b} at {e}: no unique stationary distribution"));
        for k in 0..2 {
            assert!(
                (pay[k] - expected[k]).abs() < 1e-4,
                "{a} v {b} at ε = {e}: {pay:?} vs {expected:?}"
            );
        }
    }
    let tft_v_defector = markov::long_run(&game, &vector("tit-for-tat"), &vector("defector"), 0.05)
        .unwrap()
        .0;
    assert!((tft_v_defector[0] - 1.1003).abs() < 1e-4);
    assert!((tft_v_defector[1] - 1.3252).abs() < 1e-4);
}

#[test]
fn wsls_pair_at_five_percent_noise_spends_most_time_in_mutual_cooperation() {
    let w = vector("win-stay-lose-shift");
    let (_, pi) = markov::long_run(&Game::default(), &w, &w, 0.05).unwrap();
    assert!((pi[0] - 0.8170).abs() < 1e-4, "{pi:?}");
}

#[test]
fn tft_pair_stationary_distribution_is_uniform() {
    let t = vector("tit-for-tat");
    let (_, pi) = markov::long_run(&Game::default(), &t, &t, 0.03).unwrap();
    for p in pi {
        assert!((p - 0.25).abs() < 1e-12);
    }
}

#[test]
fn simulation_of_a_million_turns_agrees_with_the_exact_path() {
    for (a, b, e, expected) in cases() {
        let mut p1 = registry::parse(a).unwrap();
        let mut p2 = registry::parse(b).unwrap();
        let mut spec = MatchSpec::fixed(Game::default(), 1_000_000);
        spec.noise = e;
        spec.seed = 7;
        let r = play(&mut p1, &mut p2, &spec).unwrap();
        for k in 0..2 {
            assert!(
                (r.scores_per_turn[k] - expected[k]).abs() < 0.01,
                "{a} v {b} at ε = {e}: {:?} vs {expected:?}",
                r.scores_per_turn
            );
        }
    }
}

#[test]
fn finite_turn_expectation_matches_simulated_means() {
    // TFT v WSLS with 5 % noise over 10 turns: average 4000 seeded matches.
    let game = Game::default();
    let (t, w) = (vector("tit-for-tat"), vector("win-stay-lose-shift"));
    let exact = markov::finite_turns(&game, &t, &w, 0.05, 10);
    let mut sum = [0.0; 2];
    let runs = 4000;
    for seed in 0..runs {
        let mut spec = MatchSpec::fixed(game, 10);
        spec.noise = 0.05;
        spec.seed = seed;
        let r = play(
            &mut registry::parse("tit-for-tat").unwrap(),
            &mut registry::parse("win-stay-lose-shift").unwrap(),
            &spec,
        )
        .unwrap();
        sum[0] += r.scores_per_turn[0];
        sum[1] += r.scores_per_turn[1];
    }
    for k in 0..2 {
        let mean = sum[k] / runs as f64;
        assert!((mean - exact[k]).abs() < 0.03, "{mean} vs {}", exact[k]);
    }
    // Noiseless: the exact path reproduces the deterministic match.
    let d = vector("defector");
    let e = markov::finite_turns(&game, &t, &d, 0.0, 200);
    assert!((e[0] - 0.995).abs() < 1e-12 && (e[1] - 1.02).abs() < 1e-12);
}
