//! Challenge evaluation: h's estimate of the victory
//! probability of i over j, with third parties weighing in through the commitment table, and
//! of the expected change in utility for an affected actor k.

use super::params::{BigRAdjust, ThirdPartyCommit, VotingRule};
use super::risk::perceived;
use super::utility::utility;
use super::vote::vote;

/// Floor of the principals' coalitions.
const MIN_PRINCIPAL: f64 = 1e-10;

/// What every challenge evaluation in one turn shares: distances, risk attitudes and the
/// actors' weights. Borrowed from the turn's buffers; nothing is copied.
#[derive(Debug, Clone, Copy)]
pub struct TurnView<'a> {
    /// Number of actors.
    pub n: usize,
    /// `d_ij` (D9), row-major `N×N`.
    pub d: &'a [f64],
    /// The transpose of `d` (`dt[j·N + i] = d_ij`), so that the third-party loop reads
    /// contiguous memory.
    pub dt: &'a [f64],
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

/// h's view of the actors for challenges initiated by one actor i: `R^h_x`, `U^h_xx` and
/// `U^h_xi` for every x. Filled once per (h, i) in `O(N)` and reused for every target j.
#[derive(Debug, Clone, Default)]
pub struct Perspective {
    h: usize,
    i: usize,
    rh: Vec<f64>,
    own: Vec<f64>,
    toward_i: Vec<f64>,
}

impl TurnView<'_> {
    /// Sets `p` to h's view of challenges initiated by i.
    pub fn perspective(&self, h: usize, i: usize, p: &mut Perspective) {
        let n = self.n;
        p.h = h;
        p.i = i;
        p.rh.resize(n, 0.0);
        p.own.resize(n, 0.0);
        p.toward_i.resize(n, 0.0);
        let r_h = self.r[h];
        for x in 0..n {
            p.rh[x] = perceived(self.adjust, r_h, self.r[x]);
        }
        let col_i = &self.dt[i * n..(i + 1) * n];
        for (x, &d_xi) in col_i.iter().enumerate() {
            p.own[x] = utility(self.d[x * n + x], p.rh[x]);
            p.toward_i[x] = utility(d_xi, p.rh[x]);
        }
    }

    /// `U^h_ab = u(d_ab, R^h_a)`.
    #[inline]
    fn u(&self, p: &Perspective, a: usize, b: usize) -> f64 {
        utility(self.d[a * self.n + b], p.rh[a])
    }

    /// h's estimate `(P^h(i>j), ΔEU)` for actor k of i challenging j, with `p` set by
    /// [`TurnView::perspective`] for this h and i. Steps 1–4 of a challenge.
    pub fn challenge(&self, p: &Perspective, k: usize, j: usize) -> (f64, f64) {
        let i = p.i;
        let prob = self.victory(p, j);
        let u_ki = self.u(p, k, i);
        let u_kj = self.u(p, k, j);
        let eu_sq = u_ki + u_kj;
        let eu_vict = 2.0 * u_ki;
        let eu_contest = prob * 2.0 * u_ki + (1.0 - prob) * 2.0 * u_kj;
        let s_j = self.sal_sum[j];
        let eu_challenge = (1.0 - s_j) * eu_vict + s_j * eu_contest;
        (prob, eu_challenge - eu_sq)
    }

    /// Steps 1–3: `P^h(i>j) = C_ij/(C_ij + C_ji)`, always linear.
    fn victory(&self, p: &Perspective, j: usize) -> f64 {
        // One copy of the third-party loop per voting rule, so that the rule is not
        // re-dispatched for every third party of every pair.
        match self.rule {
            VotingRule::Prop => self.victory_with(p, j, |w, du| vote(VotingRule::Prop, w, du)),
            VotingRule::Binary => self.victory_with(p, j, |w, du| vote(VotingRule::Binary, w, du)),
            VotingRule::PropBin => {
                self.victory_with(p, j, |w, du| vote(VotingRule::PropBin, w, du))
            }
            VotingRule::PropCbc => {
                self.victory_with(p, j, |w, du| vote(VotingRule::PropCbc, w, du))
            }
            VotingRule::Cubic => self.victory_with(p, j, |w, du| vote(VotingRule::Cubic, w, du)),
            VotingRule::ASymProsp => {
                self.victory_with(p, j, |w, du| vote(VotingRule::ASymProsp, w, du))
            }
        }
    }

    #[inline(always)]
    fn victory_with(&self, p: &Perspective, j: usize, vote: impl Fn(f64, f64) -> f64) -> f64 {
        let (n, i) = (self.n, p.i);
        let v_i = vote(self.influence[i], p.own[i] - self.u(p, i, j));
        let v_j = vote(self.influence[j], p.toward_i[j] - p.own[j]);
        let c0_ij = MIN_PRINCIPAL + v_i.max(0.0) + v_j.max(0.0);
        let c0_ji = MIN_PRINCIPAL + (-v_i).max(0.0) + (-v_j).max(0.0);
        let (mut c_ij, mut c_ji) = (c0_ij, c0_ji);
        let col_j = &self.dt[j * n..(j + 1) * n];
        // Zipped slices of equal length: no bounds checks in the O(N³) loop.
        let third_parties = col_j
            .iter()
            .zip(&p.rh[..n])
            .zip(&p.own[..n])
            .zip(&p.toward_i[..n])
            .zip(&self.influence[..n])
            .enumerate();
        for (x, ((((&d_xj, &r_x), &u_n), &u_i), &w)) in third_parties {
            if x == i || x == j {
                continue;
            }
            let u_j = utility(d_xj, r_x);
            // Each third party looks only at the principals and itself.
            let v0 = vote(w, u_i - u_j);
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
            let v_n = vote(w, a - b);
            if v_n > 0.0 {
                c_ij += v_n;
            } else if v_n < 0.0 {
                c_ji -= v_n;
            }
        }
        c_ij / (c_ij + c_ji)
    }
}
