//! Helpers shared by the align validation tests.
#![allow(dead_code)]

use detente::align::{AlignInput, AlignOptions, Landscape, LandscapeActor};

/// A landscape from sizes and a propensity function (diagonal ignored).
pub fn landscape(ids: &[&str], sizes: &[f64], p: impl Fn(usize, usize) -> f64) -> Landscape {
    let n = sizes.len();
    let actors = ids
        .iter()
        .zip(sizes)
        .map(|(id, &s)| LandscapeActor {
            id: id.to_string(),
            size: s,
        })
        .collect();
    let mut m = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            if i != j {
                m[i * n + j] = p(i, j);
            }
        }
    }
    Landscape::new(actors, m).expect("valid landscape")
}

/// Numbered ids `1..=n`.
pub fn numbered(n: usize) -> Vec<String> {
    (1..=n).map(|i| i.to_string()).collect()
}

/// Default input around a landscape.
pub fn input(landscape: Landscape) -> AlignInput {
    AlignInput {
        landscape,
        options: AlignOptions::default(),
        provenance: vec![],
        notes: vec![],
    }
}

/// Members of each coalition as sorted id lists, the coalitions sorted too.
pub fn partition(c: &detente::align::StableConfiguration) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = c
        .coalitions
        .iter()
        .filter(|c| !c.members.is_empty())
        .map(|c| {
            let mut m = c.members.clone();
            m.sort();
            m
        })
        .collect();
    out.sort();
    out
}

/// A partition from lists of ids.
pub fn sides(groups: &[&[&str]]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = groups
        .iter()
        .map(|g| {
            let mut m: Vec<String> = g.iter().map(|s| s.to_string()).collect();
            m.sort();
            m
        })
        .collect();
    out.sort();
    out
}
