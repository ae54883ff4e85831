//! Bargain proposals (D14): per-dimension interpolation between initiator and receiver.

use super::params::InterVecBrgn;
use serde::{Deserialize, Serialize};

/// One proposed bargain: initiator i and receiver j each move to a new point on `[0,1]^m`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bargain {
    /// Index of the challenging actor i.
    pub initiator: usize,
    /// Index of the targeted actor j.
    pub receiver: usize,
    /// i's new position.
    pub initiator_position: Vec<f64>,
    /// j's new position.
    pub receiver_position: Vec<f64>,
}

/// `r4(y) = ⌊0.5 + 10⁴y⌋/10⁴` (D14).
#[inline]
fn round4(y: f64) -> f64 {
    (0.5 + 1e4 * y).floor() / 1e4
}

/// D14 on one dimension: initiator at `ti` with salience `si` and probability `pi`,
/// receiver at `tj`, `sj`, `pj`. Returns `(b_i, b_j)`.
pub fn interpolate(
    ivb: InterVecBrgn,
    ti: f64,
    si: f64,
    pi: f64,
    tj: f64,
    sj: f64,
    pj: f64,
) -> (f64, f64) {
    const MIN_W: f64 = 1e-6;
    match ivb {
        InterVecBrgn::S1P1 | InterVecBrgn::S2P2 => {
            let (wi, wj) = if ivb == InterVecBrgn::S1P1 {
                (si * pi, sj * pj)
            } else {
                (si * si * pi * pi, sj * sj * pj * pj)
            };
            let den = wi + MIN_W + wj;
            let bi = round4(((wi + MIN_W) * ti + wj * tj) / den);
            let bj = round4((wi * ti + (MIN_W + wj) * tj) / den);
            (bi, bj)
        }
        InterVecBrgn::S2PMax => {
            let di = (pj - pi).max(0.0);
            let dj = (pi - pj).max(0.0);
            let (si2, sj2) = (si * si, sj * sj);
            let fi = di * sj2 / (di * sj2 + MIN_W + (1.0 - di) * si2);
            let fj = dj * si2 / (dj * si2 + MIN_W + (1.0 - dj) * sj2);
            (ti + fi * (tj - ti), tj + fj * (ti - tj))
        }
    }
}

/// The bargain i proposes to j when i's estimate of winning is `p` (D14, every dimension),
/// using current positions (not ideals).
pub fn propose(
    ivb: InterVecBrgn,
    (i, xi, si): (usize, &[f64], &[f64]),
    (j, xj, sj): (usize, &[f64], &[f64]),
    p: f64,
) -> Bargain {
    let m = xi.len();
    let mut bi = Vec::with_capacity(m);
    let mut bj = Vec::with_capacity(m);
    for d in 0..m {
        let (a, b) = interpolate(ivb, xi[d], si[d], p, xj[d], sj[d], 1.0 - p);
        bi.push(a);
        bj.push(b);
    }
    Bargain {
        initiator: i,
        receiver: j,
        initiator_position: bi,
        receiver_position: bj,
    }
}

/// `PWCompInterp`: the average of two bargains between the same pair, weighted `wi`, `wj`.
pub fn weighted_average(a: &Bargain, b: &Bargain, wi: f64, wj: f64) -> Bargain {
    let mix = |x: &[f64], y: &[f64]| -> Vec<f64> {
        x.iter()
            .zip(y)
            .map(|(&p, &q)| (wi * p + wj * q) / (wi + wj))
            .collect()
    };
    Bargain {
        initiator: a.initiator,
        receiver: a.receiver,
        initiator_position: mix(&a.initiator_position, &b.initiator_position),
        receiver_position: mix(&a.receiver_position, &b.receiver_position),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s2p2_moves_towards_the_likely_winner_and_rounds() {
        let (bi, bj) = interpolate(InterVecBrgn::S2P2, 0.2, 0.5, 0.9, 0.8, 0.5, 0.1);
        assert!(bi < 0.5 && bj < 0.5);
        assert_eq!(bi, (bi * 1e4).round() / 1e4);
    }

    #[test]
    fn nobody_cares_leaves_both_in_place() {
        let (bi, bj) = interpolate(InterVecBrgn::S2P2, 0.2, 0.0, 0.5, 0.8, 0.0, 0.5);
        assert_eq!((bi, bj), (0.2, 0.8));
        let (bi, bj) = interpolate(InterVecBrgn::S2PMax, 0.2, 0.3, 0.5, 0.8, 0.3, 0.5);
        assert_eq!((bi, bj), (0.2, 0.8));
    }
}
