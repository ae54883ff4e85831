//! The neutral pole: a place outside the `k` coalitions for actors that stay out (abstain).
//!
//! A configuration gives each actor a coalition `1..k` or the neutral pole `N`. The pole costs
//! nothing to join and gains nothing: a pair with a neutral member is never split, so
//!
//! `d_ij(X) = 1` iff `X(i) ≠ X(j)` and neither is `N`,
//! `F_i(X) = Σ_{j≠i} s_j p_ij d_ij(X)` (0 for a neutral actor),
//! `E(X) = Σ_i s_i F_i(X)` (ordered pairs, as without the pole).
//!
//! Moving actor `i` still changes the energy by exactly `2 s_i ΔF_i` (the pairs it gains or loses
//! are counted in both orders), so the one-actor-at-a-time dynamics stop and every stable
//! configuration is a local minimum of `E`. An actor stays neutral when joining any coalition
//! would leave it frustrated (`Σ_{j∈c'} s_j p_ij ≥ 0` for every other coalition `c'` it would
//! face: it has friends on every side), and leaves a coalition for the pole when its frustration
//! there is positive. With the pole off the model is Axelrod–Bennett's unchanged.
//!
//! Search: every labelling is visited while `(k+1)^n ≤ 10^6`; beyond that, descents from random
//! starts (uniform over the `k + 1` places) with the confidence report of a heuristic search.
//! Annealing is not used (it is written for two coalitions without the pole).

use super::descent::canonical_labels;
use super::error::AlignResultOf;
use super::problem::Problem;
use super::report::{Candidate, is_strict};
use super::result::{Basin, Method};
use super::run::{AlignOptions, Search, attach_samples, heuristic};
use super::weight::Weight;

/// Largest number of labellings `(k+1)^n` visited by the exhaustive neutral-pole search.
pub const NEUTRAL_EXHAUSTIVE_MAX: f64 = 1e6;

/// Searches the landscape with the neutral pole (label `k`) for its stable configurations.
pub(crate) fn search<W: Weight>(
    p: &Problem<W>,
    o: &AlignOptions,
    notes: &mut Vec<String>,
) -> AlignResultOf<Search<W>> {
    let labels = o.coalitions + 1;
    let count = (labels as f64).powi(p.n as i32);
    let exhaustive = o.exhaustive.unwrap_or(count <= NEUTRAL_EXHAUSTIVE_MAX);
    notes.push(format!(
        "neutral pole on: at most {} coalitions plus `neutral` (no frustration to or from its members)",
        o.coalitions
    ));
    if !exhaustive || count > NEUTRAL_EXHAUSTIVE_MAX {
        if exhaustive {
            notes.push(format!(
                "{count:.3e} labellings are too many to visit with the neutral pole (at most \
                 {NEUTRAL_EXHAUSTIVE_MAX:.0e}); heuristic search instead"
            ));
        }
        return heuristic(p, labels, o, notes);
    }
    if o.restarts == 0 {
        return Err(super::error::AlignError::Input(
            "sampled basins need restarts > 0".into(),
        ));
    }
    let (minima, visited) = enumerate(p, labels);
    let mut candidates: Vec<Candidate<W>> = minima
        .into_iter()
        .map(|labels_of| Candidate {
            energy: p.energy(&labels_of),
            strict: is_strict(p, labels, &labels_of),
            basin: Basin::Unseen { restarts: 0 },
            labels: labels_of,
        })
        .collect();
    notes.push(format!(
        "basins sampled from {} uniformly random placements",
        o.restarts
    ));
    attach_samples(p, labels, o, &mut candidates, notes);
    Ok(Search {
        method: Method::Exhaustive,
        candidates,
        visited: Some(visited),
        restarts: Some(o.restarts),
        exact_basins: false,
        confidence: None,
    })
}

/// Every canonical labelling with `labels` places (the last one neutral), in odometer order;
/// returns the stable ones and the number of canonical labellings visited.
fn enumerate<W: Weight>(p: &Problem<W>, labels: usize) -> (Vec<Vec<u8>>, u64) {
    let n = p.n;
    let mut x = vec![0u8; n];
    let mut canon = vec![0u8; n];
    let mut stable = Vec::new();
    let mut visited = 0;
    loop {
        canon.copy_from_slice(&x);
        canonical_labels(&mut canon, p.neutral);
        if canon == x {
            visited += 1;
            if is_stable(p, labels, &x) {
                stable.push(x.clone());
            }
        }
        // Next labelling (odometer, actor 0 fastest).
        let mut i = 0;
        loop {
            if i == n {
                return (stable, visited);
            }
            x[i] += 1;
            if (x[i] as usize) < labels {
                break;
            }
            x[i] = 0;
            i += 1;
        }
    }
}

/// No actor can lower its frustration by a move (D9, weak form).
fn is_stable<W: Weight>(p: &Problem<W>, labels: usize, x: &[u8]) -> bool {
    let sums = p.coalition_sums(x, labels);
    (0..p.n).all(|i| {
        p.targets(x, labels, i)
            .into_iter()
            .all(|c| p.move_delta(&sums, labels, x, i, c) >= -p.eps)
    })
}

#[cfg(test)]
mod tests {
    use crate::align::{AlignInput, AlignOptions, Landscape, LandscapeActor, align};

    fn input(sizes: &[f64], p: &[f64], neutral: bool) -> AlignInput {
        let actors = sizes
            .iter()
            .enumerate()
            .map(|(i, &s)| LandscapeActor {
                id: format!("a{i}"),
                size: s,
            })
            .collect();
        AlignInput {
            landscape: Landscape::new(actors, p.to_vec()).unwrap(),
            options: AlignOptions {
                neutral,
                restarts: 2_000,
                ..AlignOptions::default()
            },
            provenance: vec![],
            notes: vec![],
        }
    }

    /// Two enemies and a friend of both: without the pole the friend must sit with one of them
    /// (frustration 1); with it, it stays out at frustration 0 and the pair splits.
    /// Energies: the split pair contributes `2 · 1 · 1 · (−1) = −2`.
    #[test]
    fn a_friend_of_both_enemies_stays_neutral() {
        #[rustfmt::skip]
        let p = [
            0.0, -1.0, 1.0,
            -1.0, 0.0, 1.0,
            1.0, 1.0, 0.0,
        ];
        let off = align(&input(&[1.0, 1.0, 1.0], &p, false)).unwrap();
        // a2 with a0, a2 with a1 (E = 2·(−1) + 2·1 = 0) or all together (E = 0): all plateaus.
        assert_eq!(off.configurations.len(), 3);
        assert!(
            off.configurations
                .iter()
                .all(|c| c.energy == 0.0 && !c.strict)
        );
        let on = align(&input(&[1.0, 1.0, 1.0], &p, true)).unwrap();
        assert!(on.diagnostics.neutral);
        let best = &on.configurations[0];
        assert_eq!(best.energy, -2.0);
        let last = best.coalitions.last().unwrap();
        assert_eq!(last.label, "neutral");
        assert_eq!(last.members, vec!["a2"]);
        let a2 = &best.actors[2];
        assert_eq!(a2.frustration, 0.0);
        // Joining either side costs it 1 (a friend across the line): its margin.
        assert_eq!(a2.margin, 1.0);
        assert!(best.strict);
        // Every stable configuration found satisfies E = Σ s_i F_i.
        for c in &on.configurations {
            let e: f64 = c.actors.iter().map(|a| a.frustration).sum();
            assert_eq!(c.energy, e);
        }
    }

    /// Mutual enemies take sides: the best configuration is AB's `{3} | {1, 2}` with nobody
    /// neutral. Everyone neutral is also (weakly) stable — joining an empty coalition gains
    /// nothing — and is reported as a plateau at `E = 0`.
    #[test]
    fn enemies_take_sides() {
        let p = [0.0, -1.0, -1.0, -1.0, 0.0, -1.0, -1.0, -1.0, 0.0];
        let on = align(&input(&[1.0, 2.0, 3.0], &p, true)).unwrap();
        let best = &on.configurations[0];
        assert_eq!(best.energy, -18.0);
        assert!(best.strict);
        assert!(best.coalitions.last().unwrap().members.is_empty());
        let all_out = on
            .configurations
            .iter()
            .find(|c| c.coalitions.last().unwrap().members.len() == 3)
            .unwrap();
        assert_eq!(all_out.energy, 0.0);
        assert!(!all_out.strict);
    }

    /// Heuristic and exhaustive searches agree on the best configuration.
    #[test]
    fn heuristic_finds_the_exhaustive_best() {
        let n = 9;
        let sizes: Vec<f64> = (0..n).map(|i| 1.0 + (i % 4) as f64).collect();
        let mut p = vec![0.0; n * n];
        for i in 0..n {
            for j in (i + 1)..n {
                let v = [0.5, -1.0, 0.25, -0.5, 1.0][(i * 7 + j * 3) % 5];
                p[i * n + j] = v;
                p[j * n + i] = v;
            }
        }
        let exact = align(&input(&sizes, &p, true)).unwrap();
        let mut h = input(&sizes, &p, true);
        h.options.exhaustive = Some(false);
        let heur = align(&h).unwrap();
        assert!(heur.confidence.is_some());
        assert_eq!(
            exact.configurations[0].energy,
            heur.configurations[0].energy
        );
        assert_eq!(
            exact.configurations[0].coalitions,
            heur.configurations[0].coalitions
        );
    }
}
