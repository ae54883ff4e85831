//! Bargain resolution (D15): each actor's queue of bargains is put to a scalar PCE in which
//! every actor values the state each bargain would produce.

use super::bargain::Bargain;
use super::input::SmpError;
use super::pce::{Election, PceWork, scalar_pce};
use super::utility::{distance, utility};

/// Everything D15 needs from the current state.
#[derive(Debug, Clone, Copy)]
pub struct ResolveView<'a> {
    /// Number of actors.
    pub n: usize,
    /// Number of dimensions.
    pub m: usize,
    /// Ideals `ξ`, row-major `N×m`.
    pub ideals: &'a [f64],
    /// Saliences, row-major `N×m`.
    pub salience: &'a [f64],
    /// `1/Σ_d s_id²` per actor.
    pub inv_ss: &'a [f64],
    /// Distances `d_ij` (D9).
    pub d: &'a [f64],
    /// Risk attitudes `R_i`.
    pub r: &'a [f64],
    /// Capabilities `c_i` (voter weights).
    pub capability: &'a [f64],
}

/// Reusable buffers of the resolution stage.
#[derive(Debug, Default, Clone)]
pub struct ResolveWork {
    row_sum: Vec<f64>,
    value: Vec<f64>,
    util: Vec<f64>,
    prob: Vec<f64>,
    /// Per actor: indices of the bargains in its queue (after the status-quo entry).
    pub queues: Vec<Vec<usize>>,
    pce: PceWork,
}

impl ResolveWork {
    /// Probabilities of the last resolved queue (status quo first).
    pub fn last_probabilities(&self, k: usize) -> &[f64] {
        &self.prob[..k]
    }
}

/// Builds the queues (status quo, then every bargain naming the actor, in creation order,
/// which is initiator order) and the value `ū_nβ` of every bargain to every actor (D15).
pub fn prepare(view: &ResolveView<'_>, bargains: &[Bargain], work: &mut ResolveWork) {
    let (n, m) = (view.n, view.m);
    work.queues.resize_with(n, Vec::new);
    for q in &mut work.queues {
        q.clear();
    }
    for (b, bargain) in bargains.iter().enumerate() {
        work.queues[bargain.initiator].push(b);
        if bargain.receiver != bargain.initiator {
            work.queues[bargain.receiver].push(b);
        }
    }
    work.row_sum.resize(n, 0.0);
    for a in 0..n {
        work.row_sum[a] = (0..n).map(|l| utility(view.d[a * n + l], view.r[a])).sum();
    }
    // value[b·N + a] = ū_a,b for bargains; the status quo is row_sum/N.
    work.value.resize(bargains.len() * n, 0.0);
    let inv_n = 1.0 / n as f64;
    for (b, bargain) in bargains.iter().enumerate() {
        let (bi, bj) = (bargain.initiator, bargain.receiver);
        for a in 0..n {
            let xa = &view.ideals[a * m..(a + 1) * m];
            let sa = &view.salience[a * m..(a + 1) * m];
            let ra = view.r[a];
            let u_init = utility(
                distance(xa, &bargain.initiator_position, sa, view.inv_ss[a]),
                ra,
            );
            let u_rcvr = utility(
                distance(xa, &bargain.receiver_position, sa, view.inv_ss[a]),
                ra,
            );
            let unchanged =
                work.row_sum[a] - utility(view.d[a * n + bi], ra) - utility(view.d[a * n + bj], ra);
            work.value[b * n + a] = (unchanged + u_init + u_rcvr) * inv_n;
        }
    }
}

/// Runs the scalar PCE over actor `k`'s queue and returns the number of options `K`
/// (status quo plus bargains); probabilities are in [`ResolveWork::last_probabilities`].
pub fn resolve_queue(
    view: &ResolveView<'_>,
    k: usize,
    election: Election,
    work: &mut ResolveWork,
) -> Result<usize, SmpError> {
    let n = view.n;
    let kk = work.queues[k].len() + 1;
    work.util.resize(n * kk, 0.0);
    work.prob.resize(kk, 0.0);
    let inv_n = 1.0 / n as f64;
    for a in 0..n {
        let row = &mut work.util[a * kk..(a + 1) * kk];
        row[0] = work.row_sum[a] * inv_n;
        for (slot, &b) in row[1..].iter_mut().zip(&work.queues[k]) {
            *slot = work.value[b * n + a];
        }
    }
    scalar_pce(
        election,
        view.capability,
        &work.util[..n * kk],
        kk,
        &mut work.pce,
        &mut work.prob,
    )?;
    Ok(kk)
}
