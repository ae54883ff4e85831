//! Probabilistic Condorcet elections over a small set of
//! options, with reusable buffers so that repeated elections allocate nothing.

use super::input::SmpError;
use super::params::{PceModel, VictoryProbModel, VotingRule};
use super::vote::{victory_probability, vote};
use crate::maths;

/// Floor of every coalition strength (D11).
const MIN_COALITION: f64 = 1e-8;
/// Markov iterations before giving up.
const MARKOV_CAP: usize = 1000;

/// The voting rule, victory-probability model and PCE model of one scalar PCE.
#[derive(Debug, Clone, Copy)]
pub struct Election {
    /// Voting rule turning utility differences into votes.
    pub rule: VotingRule,
    /// D12 model.
    pub vpm: VictoryProbModel,
    /// PCE variant.
    pub pce: PceModel,
}

/// Buffers of a scalar PCE, grown on demand and reused.
#[derive(Debug, Default, Clone)]
pub struct PceWork {
    coalition: Vec<f64>,
    victory: Vec<f64>,
    scratch: Vec<f64>,
    scratch2: Vec<f64>,
}

impl PceWork {
    fn prepare(&mut self, k: usize) {
        let kk = k * k;
        if self.coalition.len() < kk {
            self.coalition.resize(kk, 0.0);
            self.victory.resize(kk, 0.0);
        }
        if self.scratch.len() < k {
            self.scratch.resize(k, 0.0);
            self.scratch2.resize(k, 0.0);
        }
    }

    /// Coalition strengths `C_ab` of the last election (row-major `K×K`).
    pub fn coalitions(&self, k: usize) -> &[f64] {
        &self.coalition[..k * k]
    }

    /// Victory probabilities `P(a>b)` of the last election (row-major `K×K`).
    pub fn victories(&self, k: usize) -> &[f64] {
        &self.victory[..k * k]
    }
}

/// A scalar PCE: voters `v` with weights `weights[v]` and utilities `util[v·k + a]` for
/// options `a ∈ 0..k` vote (rule) → coalitions (D11) → `P(a>b)` (D12) → PCE. Writes the
/// option probabilities into `out[..k]` (they sum to 1).
pub fn scalar_pce(
    election: Election,
    weights: &[f64],
    util: &[f64],
    k: usize,
    work: &mut PceWork,
    out: &mut [f64],
) -> Result<(), SmpError> {
    work.prepare(k);
    let c = &mut work.coalition[..k * k];
    // Votes are taken for a over b with a > b only, as the reference does: asymmetric rules
    // (ASymProsp) are then counted from one orientation.
    for a in 0..k {
        for b in 0..a {
            let mut c_ab = MIN_COALITION;
            let mut c_ba = MIN_COALITION;
            for (v, &w) in weights.iter().enumerate() {
                let row = &util[v * k..(v + 1) * k];
                let x = vote(election.rule, w, row[a] - row[b]);
                if x > 0.0 {
                    c_ab += x;
                } else if x < 0.0 {
                    c_ba -= x;
                }
            }
            c[a * k + b] = c_ab;
            c[b * k + a] = c_ba;
        }
        c[a * k + a] = MIN_COALITION;
    }
    pce_from_coalitions(election, k, work, out)
}

/// D12 and the PCE from the coalition matrix already in `work`.
fn pce_from_coalitions(
    election: Election,
    k: usize,
    work: &mut PceWork,
    out: &mut [f64],
) -> Result<(), SmpError> {
    let c = &work.coalition[..k * k];
    let p = &mut work.victory[..k * k];
    for a in 0..k {
        for b in 0..a {
            let (pab, pba) = victory_probability(election.vpm, c[a * k + b], c[b * k + a]);
            p[a * k + b] = pab;
            p[b * k + a] = pba;
        }
        p[a * k + a] = 0.5;
    }
    let out = &mut out[..k];
    match election.pce {
        PceModel::Conditional => {
            conditional(p, k, out);
            Ok(())
        }
        PceModel::MarkovUniform => markov_uniform(p, k, &mut work.scratch, out),
        PceModel::MarkovIncentive => {
            markov_incentive(c, p, k, &mut work.scratch, &mut work.scratch2, out)
        }
    }
}

/// `p_a ∝ Π_b P(a>b)`, computed in log space so that long products cannot underflow.
fn conditional(p: &[f64], k: usize, out: &mut [f64]) {
    let mut best = f64::NEG_INFINITY;
    for a in 0..k {
        let s: f64 = p[a * k..(a + 1) * k].iter().map(|&x| maths::ln(x)).sum();
        out[a] = s;
        best = best.max(s);
    }
    if !best.is_finite() {
        out.fill(1.0 / k as f64);
        return;
    }
    let mut total = 0.0;
    for x in out.iter_mut() {
        *x = maths::exp(*x - best);
        total += *x;
    }
    for x in out.iter_mut() {
        *x /= total;
    }
}

fn markov_uniform(p: &[f64], k: usize, q: &mut [f64], out: &mut [f64]) -> Result<(), SmpError> {
    let inv_k = 1.0 / k as f64;
    out.fill(inv_k);
    let q = &mut q[..k];
    for _ in 0..MARKOV_CAP {
        for a in 0..k {
            let mut s = 0.0;
            for b in 0..k {
                s += p[a * k + b] * (out[a] + out[b]);
            }
            q[a] = s * inv_k;
        }
        let diff = update_half(out, q);
        if diff <= 1e-6 {
            normalise(out);
            return Ok(());
        }
    }
    Err(SmpError::PceIterationCap { options: k })
}

fn markov_incentive(
    c: &[f64],
    p: &[f64],
    k: usize,
    col: &mut [f64],
    q: &mut [f64],
    out: &mut [f64],
) -> Result<(), SmpError> {
    let incentive = |a: usize, b: usize| {
        let x = c[a * k + b] * p[a * k + b];
        if a == b { x + 1e-10 } else { x }
    };
    // Column sums Σ_e ι_eb normalise the transition proposals Q(a→b) = ι_ab / Σ_e ι_eb.
    let col = &mut col[..k];
    for (b, cb) in col.iter_mut().enumerate() {
        *cb = (0..k).map(|e| incentive(e, b)).sum();
    }
    out.fill(1.0 / k as f64);
    let q = &mut q[..k];
    for _ in 0..MARKOV_CAP {
        for a in 0..k {
            let mut s = 0.0;
            for b in 0..k {
                let q_ba = incentive(b, a) / col[a];
                let q_ab = incentive(a, b) / col[b];
                s += p[a * k + b] * (out[a] * q_ba + out[b] * q_ab);
            }
            q[a] = s;
        }
        let diff = update_half(out, q);
        if diff <= 1e-8 {
            normalise(out);
            return Ok(());
        }
    }
    Err(SmpError::PceIterationCap { options: k })
}

/// `p ← (p + q)/2`, returning `max |q − p|` before the update.
fn update_half(p: &mut [f64], q: &[f64]) -> f64 {
    let mut diff: f64 = 0.0;
    for (pa, &qa) in p.iter_mut().zip(q) {
        diff = diff.max((qa - *pa).abs());
        *pa = 0.5 * (*pa + qa);
    }
    diff
}

fn normalise(p: &mut [f64]) {
    let s: f64 = p.iter().sum();
    if s > 0.0 {
        for x in p.iter_mut() {
            *x /= s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(pce: PceModel) -> Vec<f64> {
        // Three voters, three options; option 1 is everyone's second choice.
        let w = [1.0, 2.0, 1.5];
        let u = [0.9, 0.7, 0.1, 0.2, 0.8, 0.6, 0.3, 0.7, 0.95];
        let e = Election {
            rule: VotingRule::Prop,
            vpm: VictoryProbModel::Linear,
            pce,
        };
        let mut work = PceWork::default();
        let mut out = vec![0.0; 3];
        scalar_pce(e, &w, &u, 3, &mut work, &mut out).unwrap();
        out
    }

    #[test]
    fn every_pce_variant_gives_a_distribution() {
        for pce in [
            PceModel::Conditional,
            PceModel::MarkovUniform,
            PceModel::MarkovIncentive,
        ] {
            let p = run(pce);
            assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-9, "{pce:?} {p:?}");
            assert!(p.iter().all(|&x| (0.0..=1.0).contains(&x)));
            // The compromise option beats both extremes pairwise.
            assert!(p[1] > p[0] && p[1] > p[2], "{pce:?} {p:?}");
        }
    }

    #[test]
    fn conditional_matches_the_product_formula() {
        let w = [2.0, 1.0];
        let u = [1.0, 0.0, 0.0, 1.0];
        let e = Election {
            rule: VotingRule::Prop,
            vpm: VictoryProbModel::Linear,
            pce: PceModel::Conditional,
        };
        let mut work = PceWork::default();
        let mut out = vec![0.0; 2];
        scalar_pce(e, &w, &u, 2, &mut work, &mut out).unwrap();
        let p01 = (2.0 + 1e-8) / (3.0 + 2e-8);
        let (a, b) = (0.5 * p01, 0.5 * (1.0 - p01));
        assert!((out[0] - a / (a + b)).abs() < 1e-12);
    }
}
