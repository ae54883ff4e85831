//! The search machinery: sampled basins agree with exact ones, the heuristic finds a planted
//! structure, results do not depend on the thread count, other descent rules, the
//! bloc field and the guards on bad options.

use crate::align_common;

use align_common::{input, landscape, numbered, partition};
use detente::align::{
    AlignInput, AlignOptions, Basin, BlocField, DescentRule, Landscape, Method, align,
};
use detente::rng::{run_stream, u01};

/// Two planted blocs with noise: `p = ±1 + noise`, sizes in (0.5, 1.5], floats.
fn planted(n: usize, noise: f64, seed: u64) -> (Landscape, Vec<u8>) {
    let mut rng = run_stream(seed, 0);
    let side: Vec<u8> = (0..n).map(|i| (i % 2) as u8).collect();
    let sizes: Vec<f64> = (0..n).map(|_| 0.5 + u01(&mut rng)).collect();
    let mut m = vec![0.0; n * n];
    for i in 0..n {
        for j in (i + 1)..n {
            let base = if side[i] == side[j] { 1.0 } else { -1.0 };
            let v = base + noise * (2.0 * u01(&mut rng) - 1.0);
            m[i * n + j] = v;
            m[j * n + i] = v;
        }
    }
    let ids = numbered(n);
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    (landscape(&refs, &sizes, |i, j| m[i * n + j]), side)
}

/// A random frustrated instance (uniform propensities in [−1, 1], two decimals).
fn random(n: usize, seed: u64) -> Landscape {
    let mut rng = run_stream(seed, 1);
    let sizes: Vec<f64> = (0..n)
        .map(|_| (1.0 + 99.0 * u01(&mut rng)).round() / 10.0)
        .collect();
    let mut m = vec![0.0; n * n];
    for i in 0..n {
        for j in (i + 1)..n {
            let v = ((2.0 * u01(&mut rng) - 1.0) * 100.0).round() / 100.0;
            m[i * n + j] = v;
            m[j * n + i] = v;
        }
    }
    let ids = numbered(n);
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    landscape(&refs, &sizes, |i, j| m[i * n + j])
}

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap()
        .install(f)
}

#[test]
fn sampled_basins_agree_with_exact_ones() {
    let l = random(14, 3);
    let exact = align(&input(l.clone())).unwrap();
    let mut inp = input(l);
    inp.options.restarts = 20_000;
    // A heuristic run samples the same descents (energy-steepest) from random starts.
    inp.options.exhaustive = Some(false);
    inp.options.annealing_runs = 0;
    let sampled = align(&inp).unwrap();
    assert_eq!(sampled.diagnostics.method, Method::Heuristic);
    for c in &exact.configurations {
        let share = c.basin.share();
        if share < 0.01 {
            continue;
        }
        let found = sampled
            .configurations
            .iter()
            .find(|s| partition(s) == partition(c))
            .expect("a configuration with basin ≥ 1 % is found by 20,000 restarts");
        match &found.basin {
            Basin::Estimate { share: p } => {
                assert!(
                    p.low - 0.01 <= share && share <= p.high + 0.01,
                    "{share} vs {p:?}"
                );
            }
            other => panic!("expected an estimate, got {other:?}"),
        }
    }
}

#[test]
fn heuristic_finds_the_planted_partition_and_reports_confidence() {
    let (l, side) = planted(60, 0.6, 11);
    let mut inp = input(l.clone());
    inp.options.restarts = 500;
    inp.options.annealing_runs = 4;
    let r = align(&inp).unwrap();
    assert_eq!(r.diagnostics.method, Method::Heuristic);
    let best = &r.configurations[0];
    let diff = best
        .actors
        .iter()
        .zip(&side)
        .filter(|(a, s)| (a.coalition == best.actors[0].coalition) != (**s == side[0]))
        .count();
    assert_eq!(diff, 0, "best configuration is the planted one");
    let c = r
        .confidence
        .as_ref()
        .expect("heuristic runs report confidence");
    assert_eq!(c.restarts, 500);
    assert!(c.distinct >= 1);
    assert!(c.lower_bound <= best.energy);
    assert!((c.gap - (best.energy - c.lower_bound)).abs() < 1e-9 * best.energy.abs());
    // The best configuration's energy matches the reference evaluation.
    let labels: Vec<u8> = best
        .actors
        .iter()
        .map(|a| u8::from(a.coalition != best.actors[0].coalition))
        .collect();
    assert!((l.energy(&labels) - best.energy).abs() < 1e-9 * best.energy.abs());
}

fn json(inp: &AlignInput) -> String {
    serde_json::to_string(&align(inp).unwrap()).unwrap()
}

#[test]
fn results_are_identical_with_one_and_four_threads() {
    let cases = {
        let mut heuristic = input(planted(40, 1.5, 5).0);
        heuristic.options.restarts = 3000;
        heuristic.options.annealing_runs = 6;
        let mut sampled = input(random(26, 9));
        sampled.options.restarts = 3000;
        let exact = input(random(18, 4));
        let mut three = input(random(9, 2));
        three.options.coalitions = 3;
        three.options.restarts = 3000;
        let mut random_rule = input(random(12, 8));
        random_rule.options.rule = DescentRule::RandomOrder;
        random_rule.options.restarts = 3000;
        vec![heuristic, sampled, exact, three, random_rule]
    };
    for inp in &cases {
        let one = in_pool(1, || json(inp));
        let four = in_pool(4, || json(inp));
        assert_eq!(one, four);
    }
}

#[test]
fn every_deterministic_rule_gives_the_same_minima_and_full_basins() {
    let l = random(13, 21);
    let base: Vec<_> = align(&input(l.clone()))
        .unwrap()
        .configurations
        .iter()
        .map(partition)
        .collect();
    for rule in [
        DescentRule::SteepestFrustration,
        DescentRule::FirstImprovement,
    ] {
        let mut inp = input(l.clone());
        inp.options.rule = rule;
        let r = align(&inp).unwrap();
        assert_eq!(
            r.configurations.iter().map(partition).collect::<Vec<_>>(),
            base
        );
        let total: u64 = r
            .configurations
            .iter()
            .map(|c| match c.basin {
                Basin::Exact { count, .. } => count,
                _ => 0,
            })
            .sum();
        assert_eq!(total, 1 << 12);
    }
    let mut inp = input(l);
    inp.options.rule = DescentRule::RandomOrder;
    inp.options.restarts = 2000;
    let r = align(&inp).unwrap();
    assert!(!r.diagnostics.exact_basins);
    assert_eq!(
        r.configurations.iter().map(partition).collect::<Vec<_>>(),
        base
    );
}

#[test]
fn bloc_field_pulls_actors_to_their_blocs() {
    // Two indifferent actors: without a field every configuration is a (weak) plateau; with
    // opposite pulls only "0 in West, 1 in East" is stable and it is strict.
    let ids = ["a", "b"];
    let l = landscape(&ids, &[1.0, 1.0], |_, _| 0.0);
    let field = BlocField {
        blocs: ["West".into(), "East".into()],
        pull: vec![[0.5, 0.0], [0.0, 0.5]],
    };
    let lf = l.clone().with_field(field).unwrap();
    let r = align(&input(lf.clone())).unwrap();
    assert_eq!(r.configurations.len(), 1);
    let c = &r.configurations[0];
    assert!(c.strict);
    assert_eq!(c.actors[0].coalition, "West");
    assert_eq!(c.actors[1].coalition, "East");
    assert_eq!(c.energy, -1.0);
    assert_eq!(lf.energy(&[0, 1]), -1.0);
    // ΔE = 2 s ΔF holds with the field's share in ΔF.
    assert_eq!(
        lf.energy(&[1, 1]) - lf.energy(&[0, 1]),
        2.0 * lf.move_change(&[0, 1], 0, 1)
    );
    let mut bad = input(lf);
    bad.options.coalitions = 3;
    assert!(align(&bad).is_err());
}

#[test]
fn bad_options_are_errors_not_panics() {
    let l = random(5, 1);
    let mut inp = input(l.clone());
    inp.options.coalitions = 1;
    assert!(align(&inp).is_err());
    let mut inp = input(l.clone());
    inp.options.exhaustive = Some(false);
    inp.options.restarts = 0;
    assert!(align(&inp).is_err());
    let mut inp = input(random(45, 1));
    inp.options.exhaustive = Some(true);
    assert!(align(&inp).is_err());
    let inp = AlignInput {
        landscape: l,
        options: AlignOptions {
            report_limit: 0,
            ..AlignOptions::default()
        },
        provenance: vec![],
        notes: vec![],
    };
    assert!(align(&inp).is_err());
}
