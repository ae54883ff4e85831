//! Challenge evaluation (decide.md §6 "Challenge evaluation"): h's estimate of the victory
//! probability of i over j, with third parties weighing in through the commitment table, and
//! of the expected change in utility for an affected actor k.

use super::params::{BigRAdjust, ThirdPartyCommit, VotingRule};
use super::risk::perceived;
use super::utility::utility;
use super::vote::vote;

/// Floor of the principals' coalitions (§6 step 1).
const MIN_PRINCIPAL: f64 = 1e-10;

/// What every challenge evaluation in one turn shares: distances, risk attitudes and the
/// actors' weights. Borrowed from the turn's buffers; nothing is copied.
#[derive(Debug, Clone, Copy)]
pub struct TurnView<'a> {
    /// Number of actors.
    pub n: usize,
    /// `d_ij` (D9), row-major `N×N`.
    pub d: &'a [f64],
    /// Risk attitudes `R_i` of this turn (D13).
    pub r: &'a [f64],
    /// Influence weights `S_i c_i`.
    pub influence: &'a [f64],
    /// Total saliences `S_i`.
    pub sal_sum: &'a [f64],
    /// Voting rule.
    pub rule: VotingRule,
    /// Third-party commitment table.
    pub commit: ThirdPartyCommit,
    /// How h perceives others' risk attitudes.
    pub adjust: BigRAdjust,
}

impl TurnView<'_> {
    /// Fills `out[x] = R^h_x`, h's perceived risk attitude of every actor x.
    pub fn perceived_row(&self, h: usize, out: &mut [f64]) {
        let rh = self.r[h];
        for (o, &rx) in out.iter_mut().zip(self.r) {
            *o = perceived(self.adjust, rh, rx);
        }
    }

    /// `U^h_ab = u(d_ab, R^h_a)` given h's perceived row `rh`.
    #[inline]
    fn u(&self, rh: &[f64], a: usize, b: usize) -> f64 {
        utility(self.d[a * self.n + b], rh[a])
    }

    /// h's estimate `(P^h(i>j), ΔEU)` for actor k of i challenging j, where `rh` is h's
    /// perceived risk row (see [`TurnView::perceived_row`]). Steps 1–4 of §6.
    pub fn challenge(&self, rh: &[f64], k: usize, i: usize, j: usize) -> (f64, f64) {
        let p = self.victory(rh, i, j);
        let u_ki = self.u(rh, k, i);
        let u_kj = self.u(rh, k, j);
        let eu_sq = u_ki + u_kj;
        let eu_vict = 2.0 * u_ki;
        let eu_contest = p * 2.0 * u_ki + (1.0 - p) * 2.0 * u_kj;
        let s_j = self.sal_sum[j];
        let eu_challenge = (1.0 - s_j) * eu_vict + s_j * eu_contest;
        (p, eu_challenge - eu_sq)
    }

    /// Steps 1–3: `P^h(i>j) = C_ij/(C_ij + C_ji)`, always linear.
    fn victory(&self, rh: &[f64], i: usize, j: usize) -> f64 {
        let rule = self.rule;
        let v_i = vote(rule, self.influence[i], self.u(rh, i, i) - self.u(rh, i, j));
        let v_j = vote(rule, self.influence[j], self.u(rh, j, i) - self.u(rh, j, j));
        let c0_ij = MIN_PRINCIPAL + v_i.max(0.0) + v_j.max(0.0);
        let c0_ji = MIN_PRINCIPAL + (-v_i).max(0.0) + (-v_j).max(0.0);
        let (mut c_ij, mut c_ji) = (c0_ij, c0_ji);
        for nn in 0..self.n {
            if nn == i || nn == j {
                continue;
            }
            let w = self.influence[nn];
            let u_i = self.u(rh, nn, i);
            let u_j = self.u(rh, nn, j);
            let u_n = self.u(rh, nn, nn);
            // Each third party looks only at the principals and itself.
            let v0 = vote(rule, w, u_i - u_j);
            let a_side = c0_ij + v0.max(0.0);
            let b_side = c0_ji + (-v0).max(0.0);
            let pi = a_side / (a_side + b_side);
            let (col1, col2, col3, col4) = match self.commit {
                ThirdPartyCommit::NoCommit => (
                    2.0 * u_i + u_n,
                    2.0 * u_j + u_n,
                    2.0 * u_i + u_n,
                    2.0 * u_j + u_n,
                ),
                ThirdPartyCommit::SemiCommit => {
                    (2.0 * u_i + u_n, 3.0 * u_j, 3.0 * u_i, 2.0 * u_j + u_n)
                }
                ThirdPartyCommit::FullCommit => (3.0 * u_i, 3.0 * u_j, 3.0 * u_i, 3.0 * u_j),
            };
            let a = pi * col1 + (1.0 - pi) * col2;
            let b = pi * col3 + (1.0 - pi) * col4;
            let v_n = vote(rule, w, a - b);
            if v_n > 0.0 {
                c_ij += v_n;
            } else if v_n < 0.0 {
                c_ji -= v_n;
            }
        }
        c_ij / (c_ij + c_ji)
    }
}
