//! Random-start descents and simulated annealing.
//!
//! Run `r` draws from `run_stream(seed, r)`; runs are grouped in fixed blocks of 64 and the
//! blocks are merged in run order, so the outcome does not depend on the thread count (nor on
//! the block size: hits add up and the first run of an end is the smallest).

use super::descent::{DescentRule, Partition, Spins};
use super::problem::Problem;
use super::weight::Weight;
use crate::maths;
use crate::par::*;
use crate::rng::{DetRng, derive, run_stream, u01};
use rand::{Rng, RngExt};
use std::collections::BTreeMap;

const BLOCK: u64 = 64;

/// Where the descents from random starts ended: per stable configuration (canonical labels) the
/// number of hits and the first run that reached it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Descents {
    pub ends: BTreeMap<Vec<u8>, EndCount>,
    pub restarts: u64,
    /// Total single-actor moves made (a cost diagnostic).
    pub moves: u64,
}

/// Hits of one stable configuration.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct EndCount {
    pub hits: u64,
    pub first_run: u64,
}

/// A uniformly random configuration with at most `k` coalitions (for `k = 2`, uniform over the
/// `2^(n−1)` codes; for `k > 2`, uniform over label assignments), into `out`.
fn random_labels_into(rng: &mut DetRng, n: usize, k: usize, out: &mut Vec<u8>) {
    out.clear();
    if k == 2 {
        let mut bits = 0u64;
        for i in 0..n {
            if i % 64 == 0 {
                bits = rng.next_u64();
            }
            out.push((bits >> (i % 64) & 1) as u8);
        }
    } else {
        out.extend((0..n).map(|_| rng.random_range(0..k) as u8));
    }
}

/// [`random_labels_into`] into a new vector.
fn random_labels(rng: &mut DetRng, n: usize, k: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(n);
    random_labels_into(rng, n, k, &mut out);
    out
}

/// The buffers of one thread's descents, reused from restart to restart.
struct Workspace<W> {
    start: Vec<u8>,
    partition: Option<Partition<W>>,
}

/// One descent from a random start under `rule`; returns the moves made, with the canonical
/// labels of the end in `ws.start`.
fn one_descent<W: Weight>(
    p: &Problem<W>,
    k: usize,
    rule: DescentRule,
    rng: &mut DetRng,
    ws: &mut Workspace<W>,
) -> u64 {
    random_labels_into(rng, p.n, k, &mut ws.start);
    if k == 2 {
        let mut s = Spins::new(p, ws.start.iter().map(|&l| l == 0).collect());
        let moves = s.descend(p, rule, Some(rng));
        ws.start = s.labels(p.pinned);
        moves
    } else {
        let s = match &mut ws.partition {
            Some(s) => {
                s.restart(p, &ws.start);
                s
            }
            None => ws.partition.insert(Partition::new(p, k, ws.start.clone())),
        };
        let moves = s.descend(p, rule, Some(rng));
        ws.start.clear();
        ws.start.extend_from_slice(&s.labels);
        moves
    }
}

/// Runs `restarts` descents from uniform random starts (seeded per run).
pub(crate) fn descents<W: Weight>(
    p: &Problem<W>,
    k: usize,
    rule: DescentRule,
    restarts: u64,
    seed: u64,
) -> Descents {
    let blocks = restarts.div_ceil(BLOCK);
    let parts: Vec<Descents> = (0..blocks)
        .into_par_iter()
        .map(|b| {
            let mut d = Descents::default();
            let mut ws = Workspace {
                start: Vec::with_capacity(p.n),
                partition: None,
            };
            for r in b * BLOCK..((b + 1) * BLOCK).min(restarts) {
                let mut rng = run_stream(seed, r);
                let moves = one_descent(p, k, rule, &mut rng, &mut ws);
                match d.ends.get_mut(ws.start.as_slice()) {
                    Some(e) => e.hits += 1,
                    None => {
                        d.ends.insert(
                            ws.start.clone(),
                            EndCount {
                                hits: 1,
                                first_run: r,
                            },
                        );
                    }
                }
                d.restarts += 1;
                d.moves += moves;
            }
            d
        })
        .collect();
    let mut all = Descents::default();
    for part in parts {
        all.restarts += part.restarts;
        all.moves += part.moves;
        // Blocks arrive in run order, so the first block that saw a configuration holds its
        // first run.
        for (labels, c) in part.ends {
            all.ends
                .entry(labels)
                .and_modify(|e| e.hits += c.hits)
                .or_insert(c);
        }
    }
    all
}

/// Annealing schedule.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Schedule {
    pub runs: u64,
    pub sweeps: u64,
}

/// Simulated annealing for two coalitions: Metropolis single-actor moves with `ΔE = 2 σ_m h_m`,
/// geometric cooling from `T_0` = median `|ΔE|` of the start to `T_0/1000` over `sweeps` sweeps of
/// `n` proposals, then an energy-steepest quench to a stable configuration. Returns the canonical
/// labels of each run's end, in run order. Its ends never count toward basin shares.
pub(crate) fn anneal<W: Weight>(p: &Problem<W>, schedule: Schedule, seed: u64) -> Vec<Vec<u8>> {
    let base = derive(seed, [0x414e_4e45_414c, 0, 0]);
    (0..schedule.runs)
        .into_par_iter()
        .map(|a| {
            let mut rng = run_stream(base, a);
            let start = random_labels(&mut rng, p.n, 2);
            let mut s = Spins::new(p, start.iter().map(|&l| l == 0).collect());
            let mut mags: Vec<f64> = (0..p.n)
                .map(|i| 2.0 * s.half_delta(i).to_f64().abs())
                .collect();
            crate::order::sort_floats(&mut mags);
            let t0 = crate::stats::quantile_sorted(&mags, 0.5).unwrap_or(0.0);
            if t0 > 0.0 && schedule.sweeps > 0 {
                let steps = schedule.sweeps.max(2) - 1;
                for sweep in 0..schedule.sweeps {
                    let t = t0 * maths::powf(1e-3, sweep.min(steps) as f64 / steps as f64);
                    for _ in 0..p.n {
                        let m = rng.random_range(0..p.n);
                        let de = 2.0 * s.half_delta(m).to_f64();
                        if de <= 0.0 || u01(&mut rng) < maths::exp(-de / t) {
                            s.flip(p, m);
                        }
                    }
                }
            }
            s.descend(p, DescentRule::EnergySteepest, None);
            s.labels(p.pinned)
        })
        .collect()
}
