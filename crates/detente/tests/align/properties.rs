//! Property tests of the landscape model and of the searches against plain
//! reference evaluations (Gray walk = naive evaluation, basins sum to the number of codes).

use crate::align_common;

use align_common::{input, landscape, numbered, partition};
use detente::align::{AlignOptions, Basin, Landscape, align};
use proptest::prelude::*;

/// Random instance: sizes and propensities with two decimals (so the engine is exact).
fn instance(max_n: usize) -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (2..=max_n).prop_flat_map(|n| {
        (
            prop::collection::vec(1..=1000i32, n),
            prop::collection::vec(-100..=100i32, n * (n - 1) / 2),
        )
            .prop_map(move |(s, p)| {
                let sizes = s.iter().map(|&x| x as f64 / 100.0).collect();
                let mut m = vec![0.0; n * n];
                let mut t = 0;
                for i in 0..n {
                    for j in (i + 1)..n {
                        m[i * n + j] = p[t] as f64 / 100.0;
                        m[j * n + i] = p[t] as f64 / 100.0;
                        t += 1;
                    }
                }
                (sizes, m)
            })
    })
}

fn build(sizes: &[f64], m: &[f64]) -> Landscape {
    let n = sizes.len();
    let ids = numbered(n);
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    landscape(&refs, sizes, |i, j| m[i * n + j])
}

fn labels_of(code: u32, n: usize, k: usize) -> Vec<u8> {
    let mut c = code;
    (0..n)
        .map(|_| {
            let l = (c % k as u32) as u8;
            c /= k as u32;
            l
        })
        .collect()
}

/// Every stable configuration by brute force with the reference evaluations (two coalitions,
/// actor 0 fixed in coalition 0): sorted partitions with energies.
fn naive_stable(l: &Landscape) -> Vec<(Vec<Vec<String>>, f64)> {
    let n = l.n();
    let mut out = Vec::new();
    for code in 0..(1u32 << (n - 1)) {
        let labels: Vec<u8> = (0..n)
            .map(|i| {
                if i == 0 {
                    0
                } else {
                    (code >> (i - 1) & 1) as u8
                }
            })
            .collect();
        let stable = (0..n).all(|i| l.move_change(&labels, i, 1 - labels[i]) >= -1e-9);
        if stable {
            out.push((groups(l, &labels), l.energy(&labels)));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn groups(l: &Landscape, labels: &[u8]) -> Vec<Vec<String>> {
    let mut g: Vec<Vec<String>> = Vec::new();
    let top = labels.iter().map(|&x| x as usize + 1).max().unwrap_or(0);
    for c in 0..top {
        let mut m: Vec<String> = (0..l.n())
            .filter(|&i| labels[i] as usize == c)
            .map(|i| l.actors[i].id.clone())
            .collect();
        if !m.is_empty() {
            m.sort();
            g.push(m);
        }
    }
    g.sort();
    g
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn energy_change_is_twice_size_times_frustration_change(
        (sizes, m) in instance(9), code in any::<u32>(), actor in any::<usize>()
    ) {
        let l = build(&sizes, &m);
        let n = l.n();
        let labels = labels_of(code, n, 2);
        let i = actor % n;
        let e = l.energy(&labels);
        let sum: f64 = (0..n).map(|j| l.size(j) * l.frustration(&labels, j)).sum();
        prop_assert!((e - sum).abs() < 1e-9);
        let mut moved = labels.clone();
        moved[i] = 1 - moved[i];
        let de = l.energy(&moved) - e;
        prop_assert!((de - 2.0 * l.size(i) * l.move_change(&labels, i, moved[i])).abs() < 1e-9);
        let swapped: Vec<u8> = labels.iter().map(|&x| 1 - x).collect();
        prop_assert!((l.energy(&swapped) - e).abs() < 1e-9);
    }

    #[test]
    fn gray_walk_equals_naive_evaluation((sizes, m) in instance(12)) {
        let l = build(&sizes, &m);
        let n = l.n();
        let mut inp = input(l.clone());
        inp.options.report_limit = 1 << 12;
        let r = align(&inp).unwrap();
        let mut got: Vec<(Vec<Vec<String>>, f64)> =
            r.configurations.iter().map(|c| (partition(c), c.energy)).collect();
        got.sort_by(|a, b| a.0.cmp(&b.0));
        let want = naive_stable(&l);
        prop_assert_eq!(got.len(), want.len());
        for (g, w) in got.iter().zip(&want) {
            prop_assert_eq!(&g.0, &w.0);
            prop_assert!((g.1 - w.1).abs() < 1e-9 * (1.0 + w.1.abs()));
        }
        // Reported energies equal the sum of size-weighted reported frustrations (E = Σ s_i F_i).
        for c in &r.configurations {
            let sum: f64 = (0..n).map(|i| l.size(i) * c.actors[i].frustration).sum();
            prop_assert!((c.energy - sum).abs() < 1e-9 * (1.0 + c.energy.abs()));
            prop_assert!(c.actors.iter().all(|a| a.margin >= 0.0));
            prop_assert_eq!(c.strict, c.actors.iter().all(|a| a.margin > 0.0));
        }
        let total: u64 = r.configurations.iter().map(|c| match c.basin {
            Basin::Exact { count, .. } => count,
            _ => 0,
        }).sum();
        prop_assert_eq!(total, 1u64 << (n - 1));
    }

    #[test]
    fn stable_set_is_invariant_under_rescaling((sizes, m) in instance(9), scale in 2..=7i32) {
        let l = build(&sizes, &m);
        let base: Vec<_> = align(&input(l.clone())).unwrap().configurations.iter().map(partition).collect();
        let f = scale as f64;
        let s2: Vec<f64> = sizes.iter().map(|s| s * f).collect();
        let m2: Vec<f64> = m.iter().map(|p| p * f).collect();
        let by_size: Vec<_> = align(&input(build(&s2, &m))).unwrap().configurations.iter().map(partition).collect();
        let by_p: Vec<_> = align(&input(build(&sizes, &m2))).unwrap().configurations.iter().map(partition).collect();
        prop_assert_eq!(&base, &by_size);
        prop_assert_eq!(&base, &by_p);
    }

    #[test]
    fn three_coalition_enumeration_equals_naive((sizes, m) in instance(7)) {
        let l = build(&sizes, &m);
        let n = l.n();
        let mut inp = input(l.clone());
        inp.options = AlignOptions { coalitions: 3, restarts: 200, report_limit: 5000, ..AlignOptions::default() };
        let r = align(&inp).unwrap();
        let mut got: Vec<_> = r.configurations.iter().map(partition).collect();
        got.sort();
        let mut want = Vec::new();
        for code in 0..3u32.pow(n as u32) {
            let labels = labels_of(code, n, 3);
            // Only canonical (restricted growth) labellings, once each.
            let mut top = 0u8;
            let canonical = labels.iter().all(|&x| {
                let ok = x <= top;
                if x == top { top += 1; }
                ok
            });
            if !canonical { continue; }
            let used = labels.iter().map(|&x| x as usize + 1).max().unwrap();
            let stable = (0..n).all(|i| {
                let alone = labels.iter().filter(|&&x| x == labels[i]).count() == 1;
                let mut targets: Vec<u8> = (0..used as u8).filter(|&c| c != labels[i]).collect();
                if used < 3 && !alone { targets.push(used as u8); }
                targets.iter().all(|&c| l.move_change(&labels, i, c) >= -1e-9)
            });
            if stable { want.push(groups(&l, &labels)); }
        }
        want.sort();
        prop_assert_eq!(got, want);
        prop_assert!(r.diagnostics.notes.iter().all(|s| !s.contains("outside")));
    }
}

#[test]
fn energy_is_not_invariant_under_a_shift_of_propensities() {
    // Adding a constant changes which splits are stable: all −1 splits the triangle,
    // all +1 keeps everyone together.
    let l = build(
        &[1.0, 2.0, 3.0],
        &[0.0, -1.0, -1.0, -1.0, 0.0, -1.0, -1.0, -1.0, 0.0],
    );
    let shifted = build(
        &[1.0, 2.0, 3.0],
        &[0.0, 1.0, 1.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0],
    );
    let a: Vec<_> = align(&input(l))
        .unwrap()
        .configurations
        .iter()
        .map(partition)
        .collect();
    let b: Vec<_> = align(&input(shifted))
        .unwrap()
        .configurations
        .iter()
        .map(partition)
        .collect();
    assert_ne!(a, b);
}

#[test]
fn float_inputs_use_a_tolerance_and_agree_with_naive() {
    let n = 8;
    let sizes: Vec<f64> = (0..n).map(|i| 1.0 / (i as f64 + 3.0)).collect();
    let m: Vec<f64> = (0..n * n)
        .map(|x| {
            let (i, j) = (x / n, x % n);
            if i == j {
                0.0
            } else {
                ((i * j + i + j) as f64).sin()
            }
        })
        .collect();
    let l = build(&sizes, &m);
    let r = align(&input(l.clone())).unwrap();
    assert_eq!(r.diagnostics.arithmetic, "f64");
    assert!(r.diagnostics.tolerance > 0.0);
    let mut got: Vec<_> = r.configurations.iter().map(partition).collect();
    got.sort();
    let want: Vec<_> = naive_stable(&l).into_iter().map(|x| x.0).collect();
    assert_eq!(got, want);
}
