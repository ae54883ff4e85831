//! Validation (d): the small analytic cases, and the model's properties.

use crate::align_common;

use align_common::{input, landscape, numbered, partition, sides};
use detente::align::{AlignResult, Basin, align};

fn ids(n: usize) -> Vec<String> {
    numbered(n)
}

fn run(sizes: &[f64], p: impl Fn(usize, usize) -> f64) -> AlignResult {
    let names = ids(sizes.len());
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    align(&input(landscape(&refs, sizes, p))).unwrap()
}

fn exact_count(b: &Basin) -> u64 {
    match b {
        Basin::Exact { count, .. } => *count,
        other => panic!("expected an exact basin, got {other:?}"),
    }
}

#[test]
fn triangle_of_enemies_isolates_the_largest() {
    let r = run(&[1.0, 2.0, 3.0], |_, _| -1.0);
    assert_eq!(r.configurations.len(), 1);
    let c = &r.configurations[0];
    assert_eq!(partition(c), sides(&[&["3"], &["1", "2"]]));
    assert_eq!(c.energy, -18.0);
    assert!(c.strict);
    let f: Vec<f64> = c.actors.iter().map(|a| a.frustration).collect();
    assert_eq!(f, vec![-3.0, -3.0, -3.0]);
    assert_eq!(exact_count(&c.basin), 4);
}

#[test]
fn triangle_energies_of_every_configuration() {
    let names = ids(3);
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let l = landscape(&refs, &[1.0, 2.0, 3.0], |_, _| -1.0);
    assert_eq!(l.energy(&[0, 0, 0]), 0.0);
    assert_eq!(l.energy(&[1, 0, 0]), -10.0);
    assert_eq!(l.energy(&[0, 1, 0]), -16.0);
    assert_eq!(l.energy(&[0, 0, 1]), -18.0);
}

fn blocs(i: usize, j: usize) -> f64 {
    if (i < 2) == (j < 2) { 1.0 } else { -1.0 }
}

#[test]
fn two_blocs_form_the_only_stable_configuration() {
    let r = run(&[1.0; 4], blocs);
    assert_eq!(r.configurations.len(), 1);
    let c = &r.configurations[0];
    assert_eq!(partition(c), sides(&[&["1", "2"], &["3", "4"]]));
    assert_eq!(c.energy, -8.0);
    assert!(c.strict);
    assert!(c.actors.iter().all(|a| a.frustration == -2.0));
    assert_eq!(exact_count(&c.basin), 8);
    let names = ids(4);
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let l = landscape(&refs, &[1.0; 4], blocs);
    assert_eq!(l.energy(&[0, 1, 1, 1]), -2.0);
    assert_eq!(l.energy(&[0, 1, 0, 1]), 0.0);
    assert_eq!(l.energy(&[0, 1, 1, 0]), 0.0);
}

fn broker(i: usize, j: usize) -> f64 {
    if i == 0 || j == 0 { 1.0 } else { -1.0 }
}

#[test]
fn broker_keeps_the_grand_coalition() {
    let r = run(&[2.0, 1.0, 1.0], broker);
    assert_eq!(r.configurations.len(), 1);
    let c = &r.configurations[0];
    assert_eq!(partition(c), sides(&[&["1", "2", "3"]]));
    assert_eq!(c.energy, 0.0);
    assert!(c.strict);
    assert_eq!(c.actors[1].margin, 1.0);
    assert_eq!(exact_count(&c.basin), 4);
    let names = ids(3);
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let l = landscape(&refs, &[2.0, 1.0, 1.0], broker);
    assert_eq!(l.energy(&[0, 1, 0]), 2.0);
    assert_eq!(l.energy(&[0, 0, 1]), 2.0);
    assert_eq!(l.energy(&[1, 0, 0]), 8.0);
}

#[test]
fn realist_tie_has_one_strict_minimum_and_two_plateaus() {
    let r = run(&[3.0, 2.0, 2.0, 1.0], |_, _| -1.0);
    assert_eq!(r.configurations.len(), 3);
    assert_eq!(r.diagnostics.ties, 2);
    let best = &r.configurations[0];
    assert_eq!(partition(best), sides(&[&["2", "3"], &["1", "4"]]));
    assert_eq!(best.energy, -32.0);
    assert!(best.strict);
    assert_eq!(exact_count(&best.basin), 6);
    let rest: Vec<_> = r.configurations[1..].iter().map(partition).collect();
    assert!(rest.contains(&sides(&[&["1", "2"], &["3", "4"]])));
    assert!(rest.contains(&sides(&[&["1", "3"], &["2", "4"]])));
    for c in &r.configurations[1..] {
        assert_eq!(c.energy, -30.0);
        assert!(!c.strict);
        assert_eq!(exact_count(&c.basin), 1);
        // The size-2 actor that sits with the size-3 actor is indifferent.
        assert!(c.actors.iter().any(|a| a.margin == 0.0));
    }
    let names = ids(4);
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let l = landscape(&refs, &[3.0, 2.0, 2.0, 1.0], |_, _| -1.0);
    assert_eq!(l.energy(&[0, 1, 1, 1]), -30.0);
    assert_eq!(l.energy(&[0, 0, 0, 1]), -14.0);
}
