//! Validation (c): the realist baseline (all propensities −1) on AB's 1936 sizes, exact counts and
//! its closed form.

use crate::align_common;

use align_common::{input, landscape, partition, sides};
use detente::align::{StableConfiguration, align};

fn sizes_1936() -> (Vec<String>, Vec<f64>) {
    let text = include_str!("../fixtures/landscape/ab1993_europe_1936_actors.csv");
    let mut ids = Vec::new();
    let mut sizes = Vec::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        ids.push(f[0].to_string());
        sizes.push(f[2].parse::<f64>().unwrap());
    }
    (ids, sizes)
}

/// Closed form: stable iff `S_big − S_small ≤ min{s_i : i on the bigger side}` (strict with
/// `<`), computed in exact hundredths.
fn closed_form(sizes: &[i64], side: &[bool]) -> Option<bool> {
    let a: i64 = sizes
        .iter()
        .zip(side)
        .filter(|(_, s)| **s)
        .map(|(x, _)| x)
        .sum();
    let b: i64 = sizes
        .iter()
        .zip(side)
        .filter(|(_, s)| !**s)
        .map(|(x, _)| x)
        .sum();
    let (big, small, big_side) = if a >= b { (a, b, true) } else { (b, a, false) };
    // When both sides weigh the same every actor strictly prefers to stay.
    if a == b {
        return Some(true);
    }
    let min_big = sizes
        .iter()
        .zip(side)
        .filter(|(_, s)| **s == big_side)
        .map(|(x, _)| *x)
        .min()?;
    let gap = big - small;
    if gap < min_big {
        Some(true)
    } else if gap == min_big {
        Some(false)
    } else {
        None
    }
}

fn side_of(c: &StableConfiguration, n: usize) -> Vec<bool> {
    (0..n)
        .map(|i| c.actors[i].coalition == c.actors[0].coalition)
        .collect()
}

#[test]
fn realist_1936_has_226_stable_configurations_195_strict_matching_the_closed_form() {
    let (ids, sizes) = sizes_1936();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut inp = input(landscape(&refs, &sizes, |_, _| -1.0));
    inp.options.report_limit = 1000;
    let r = align(&inp).unwrap();
    assert!(r.diagnostics.arithmetic.starts_with("exact-"));
    assert_eq!(r.diagnostics.stable_found, 226);
    assert_eq!(r.diagnostics.strict_found, 195);
    assert_eq!(r.configurations.len(), 226);
    let hundredths: Vec<i64> = sizes.iter().map(|s| (s * 100.0).round() as i64).collect();
    let n = sizes.len();
    let mut from_walk: Vec<(Vec<bool>, bool)> = r
        .configurations
        .iter()
        .map(|c| (side_of(c, n), c.strict))
        .collect();
    from_walk.sort();
    // Brute force with the closed form over the 2^16 codes with actor 0 on side "true".
    let mut from_formula = Vec::new();
    for code in 0u32..(1 << (n - 1)) {
        let side: Vec<bool> = (0..n).map(|i| i == 0 || code >> (i - 1) & 1 == 0).collect();
        if let Some(strict) = closed_form(&hundredths, &side) {
            from_formula.push((side, strict));
        }
    }
    from_formula.sort();
    assert_eq!(from_walk, from_formula);
}

#[test]
fn five_great_powers_have_four_strict_minima_none_the_actual_one() {
    let (ids, sizes) = sizes_1936();
    let keep = ["Britain", "France", "Soviet Union", "Germany", "Italy"];
    let idx: Vec<usize> = keep
        .iter()
        .map(|k| ids.iter().position(|i| i == k).unwrap())
        .collect();
    let sz: Vec<f64> = idx.iter().map(|&i| sizes[i]).collect();
    let r = align(&input(landscape(&keep, &sz, |_, _| -1.0))).unwrap();
    assert_eq!(r.configurations.len(), 4);
    assert!(r.configurations.iter().all(|c| c.strict));
    let actual = sides(&[
        &["Britain", "France", "Soviet Union"],
        &["Germany", "Italy"],
    ]);
    assert!(r.configurations.iter().all(|c| partition(c) != actual));
}
