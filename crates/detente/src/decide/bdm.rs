//! The BDM expected-utility "challenge" model as unravelled by Scholz, Calbert & Smith (2011)
//! (equations D4–D8).
//!
//! One dimension, positions on a range of width `Δ`, risk exponents `r_i`. Each round:
//!
//! 1. μ = the weighted median of positions (D2 with `w_i = c_i s_i`, the Condorcet winner
//!    under the votes of D4).
//! 2. Probabilities of success (D6): `P_ij = Σ_{k: g_k>0} w_k g_k / Σ_k w_k |g_k|`,
//!    `g_k = |x_k − x_j| − |x_k − x_i|` (the pairwise sum of D4 votes).
//! 3. Expected utilities with all `r = 1` (D5, D7):
//!    `E_i(U_ij) = s_j [P_ij U_s + (1 − P_ij) U_f] + (1 − s_j) U_s − Q U_sq − (1 − Q)[T U_b + (1 − T) U_w]`.
//! 4. Security `Sec_i = Σ_{j≠i} E_j(U_ji)`; risk (D8) `R_i = (2 Sec_i − max − min)/(max − min)`,
//!    `r_i = (1 − R_i/3)/(1 + R_i/3)`; then D5–D7 again with each actor's own `r_i`.
//! 5. Offers: i proposes to j when `a = E_i(U_ij) > 0`; with `b = E_j(U_ji)`: conflict
//!    (`b > 0, a > b`) → j moves to `x_i`; compromise (`b ≤ 0, a > |b|`) → j moves to
//!    `x_j + (x_i − x_j)|b|/a`; capitulation (`b ≤ 0, a ≤ |b|`) → j moves to `x_i`.
//! 6. Each actor accepts one offer (least move by default) and all move simultaneously.
//!
//! Stops when `max_j |Δx_j| < tol·Δ` or after `max_rounds`. Forecast: μ of the final positions.
//! Every interpretive choice the published accounts leave open is a field of [`Bdm`]; the [`Bdm::scholz2011`] preset is
//! the combination that reproduces the EC car-emission trajectory (see
//! docs/decide-validation.md).

use serde::{Deserialize, Serialize};

use super::decision::{
    Decision, Diagnostics, ModelSpec, Move, Round, StopReason, Warning, WarningCode,
};
use super::issue::ResolvedIssue;
use super::median::{MedianTie, weighted_median};
use super::model::{DecideError, DecisionModel};
use crate::maths;
use crate::rng::DetRng;

/// The range `Δ` used to normalise distances.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BdmRange {
    /// The issue scale `hi − lo` (default).
    #[default]
    Scale,
    /// Fixed bounds, e.g. `xmin = 1, xmax = 10` in one replication.
    Fixed {
        /// Lower bound.
        lo: f64,
        /// Upper bound.
        hi: f64,
    },
}

/// Denominator of the success probability P_ij.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Denominator {
    /// D6 as written: `P_ij + P_ji = 1`.
    #[default]
    Pairwise,
    /// Numerator `max(0, Σ_k w_k g_k)` over the same denominator.
    Net,
    /// Denominator summed over every contest (i', j'): makes P small.
    Global,
}

/// Whose risk exponent values `b = E_j(U_ji)` when i proposes to j.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Perspective {
    /// Each side with its own exponent (`a` with r_i, `b` with r_j).
    #[default]
    Own,
    /// The receiver's exponent r_j for both `a` and `b`.
    Perceived,
    /// The proposer's exponent r_i for both (i's own estimate of j's expected utility).
    Proposer,
}

/// Which received offer an actor accepts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Selection {
    /// The offer that moves it least; ties → larger proposer EU, then lower proposer index.
    #[default]
    LeastMove,
    /// The offer with the largest proposer EU `a`; ties → least move, then lower index.
    LargestEu,
}

/// The reference point μ used in `U_b`, `U_w` after the risk update.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MedianUpdate {
    /// μ stays the weighted median within the round (default).
    #[default]
    Unchanged,
    /// μ is replaced by the weighted mean (D1) after the risk update (one replication).
    WeightedMean,
}

/// How salience enters the challenge expected utility D7.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SalienceTerm {
    /// The target's salience `s_j` (D7 as written, default).
    #[default]
    Target,
    /// The challenger's own salience `s_i`.
    Challenger,
}

/// The BDM challenge model with every interpretive choice as a parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Bdm {
    /// `Q`: probability that nothing changes without a challenge (D7).
    pub q: f64,
    /// `T`: probability that a change improves things for i (D7).
    pub t: f64,
    /// The range Δ.
    pub range: BdmRange,
    /// Denominator of P_ij.
    pub denominator: Denominator,
    /// Whether votes in D4/D6 use the voter's risk exponent.
    pub votes_use_risk: bool,
    /// Perspective of `b` in offers.
    pub perspective: Perspective,
    /// Which offer an actor accepts.
    pub selection: Selection,
    /// μ after the risk update.
    pub median_update: MedianUpdate,
    /// Whose salience weighs the contest in D7.
    pub salience_term: SalienceTerm,
    /// Convergence tolerance as a share of Δ.
    pub tol: f64,
    /// Round limit.
    pub max_rounds: usize,
    /// Tie convention of the median μ.
    pub median_tie: MedianTie,
    /// Preset name the parameters came from, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
}

impl Default for Bdm {
    fn default() -> Self {
        Bdm {
            q: 1.0,
            t: 1.0,
            range: BdmRange::Scale,
            denominator: Denominator::Pairwise,
            votes_use_risk: false,
            perspective: Perspective::Own,
            selection: Selection::LeastMove,
            median_update: MedianUpdate::Unchanged,
            salience_term: SalienceTerm::Target,
            tol: 1e-3,
            max_rounds: 20,
            median_tie: MedianTie::Low,
            preset: None,
        }
    }
}

/// One actor pair's basic utilities (D5), from i's perspective with exponent r.
struct Basic {
    us: f64,
    uf: f64,
    ub: f64,
    uw: f64,
    usq: f64,
}

fn pw(base: f64, r: f64) -> f64 {
    maths::powf(base.max(0.0), r)
}

fn basic(d_ij: f64, d_imu: f64, r: f64) -> Basic {
    Basic {
        us: 2.0 - 4.0 * pw(0.5 - 0.5 * d_ij, r),
        uf: 2.0 - 4.0 * pw(0.5 + 0.5 * d_ij, r),
        ub: 2.0 - 4.0 * pw(0.5 - 0.25 * (d_imu + d_ij), r),
        uw: 2.0 - 4.0 * pw(0.5 + 0.25 * (d_imu + d_ij), r),
        usq: 2.0 - 4.0 * pw(0.5, r),
    }
}

/// What one round of the model sees.
struct Ctx<'a> {
    x: &'a [f64],
    w: &'a [f64],
    s: &'a [f64],
    delta: f64,
}

impl Bdm {
    /// The preset that reproduces the Scholz, Calbert & Smith (2011) EC car-emission run;
    /// see docs/decide-validation.md for how each choice was found.
    ///
    /// Differences from the defaults: fixed range 1–10 (Δ = 9, as in the replication that
    /// sets `xmin = 1, xmax = 10`), `net` success probabilities, votes valued with the voter's
    /// risk exponent, the proposer's exponent for both sides of an offer (i's own estimate of
    /// j's expected utility), and acceptance of the offer with the largest proposer EU.
    pub fn scholz2011() -> Self {
        Bdm {
            range: BdmRange::Fixed { lo: 1.0, hi: 10.0 },
            denominator: Denominator::Net,
            votes_use_risk: true,
            perspective: Perspective::Proposer,
            selection: Selection::LargestEu,
            preset: Some("scholz2011".into()),
            ..Bdm::default()
        }
    }

    /// A preset by name.
    pub fn preset(name: &str) -> Option<Self> {
        match name {
            "scholz2011" => Some(Bdm::scholz2011()),
            _ => None,
        }
    }

    /// Round-0 success probabilities `P_ij` (D6, or the chosen alternative) of `issue`, row-major
    /// N×N; `NaN` on the diagonal and where two actors share a position (no contest).
    pub fn success_probabilities(&self, issue: &ResolvedIssue) -> Vec<f64> {
        let x: Vec<f64> = issue.stances.iter().map(|s| s.x()).collect();
        let w: Vec<f64> = issue.stances.iter().map(|s| s.weight(0)).collect();
        let s: Vec<f64> = issue.stances.iter().map(|s| s.s()).collect();
        let ctx = Ctx {
            x: &x,
            w: &w,
            s: &s,
            delta: self.delta(issue),
        };
        self.probabilities(&ctx, None)
    }

    /// Vote-difference term of voter k between i and j (D4 up to the constant c_k s_k/Δ):
    /// positive when k prefers x_i. With `votes_use_risk` the voter's utility
    /// `2 − 4(½ + ½δ)^r_k` replaces the linear distance.
    fn g(&self, ctx: &Ctx, k: usize, i: usize, j: usize, r: Option<&[f64]>) -> f64 {
        let (xk, xi, xj) = (ctx.x[k], ctx.x[i], ctx.x[j]);
        match r {
            Some(r) => {
                let u = |x: f64| 2.0 - 4.0 * pw(0.5 + 0.5 * (xk - x).abs() / ctx.delta, r[k]);
                u(xi) - u(xj)
            }
            None => ((xk - xj).abs() - (xk - xi).abs()) / ctx.delta,
        }
    }

    /// Success probabilities P_ij (D6 and its alternatives); NaN on the diagonal and for equal
    /// positions (no contest).
    fn probabilities(&self, ctx: &Ctx, r: Option<&[f64]>) -> Vec<f64> {
        let n = ctx.x.len();
        let mut num = vec![f64::NAN; n * n];
        let mut den = vec![0.0; n * n];
        let mut global = 0.0;
        for i in 0..n {
            for j in 0..n {
                if i == j || ctx.x[i] == ctx.x[j] {
                    continue;
                }
                let (mut pos, mut net, mut abs) = (0.0, 0.0, 0.0);
                for k in 0..n {
                    let v = ctx.w[k] * self.g(ctx, k, i, j, r);
                    if v > 0.0 {
                        pos += v;
                    }
                    net += v;
                    abs += v.abs();
                }
                num[i * n + j] = match self.denominator {
                    Denominator::Net => net.max(0.0),
                    _ => pos,
                };
                den[i * n + j] = abs;
                global += abs;
            }
        }
        for (p, d) in num.iter_mut().zip(&den) {
            if p.is_nan() {
                continue;
            }
            let d = if self.denominator == Denominator::Global {
                global
            } else {
                *d
            };
            *p = if d > 0.0 { *p / d } else { 0.5 };
        }
        num
    }

    /// E_i(U_ij) (D7) with exponent r, success probability p and reference point μ.
    fn expected_utility(&self, ctx: &Ctx, i: usize, j: usize, r: f64, p: f64, mu: f64) -> f64 {
        let d_ij = (ctx.x[i] - ctx.x[j]).abs() / ctx.delta;
        let d_imu = (ctx.x[i] - mu).abs() / ctx.delta;
        let u = basic(d_ij, d_imu, r);
        let sal = match self.salience_term {
            SalienceTerm::Target => ctx.s[j],
            SalienceTerm::Challenger => ctx.s[i],
        };
        sal * (p * u.us + (1.0 - p) * u.uf) + (1.0 - sal) * u.us
            - self.q * u.usq
            - (1.0 - self.q) * (self.t * u.ub + (1.0 - self.t) * u.uw)
    }

    /// Risk exponents r_i from securities (D8); `None` when the range is degenerate.
    fn risk(&self, ctx: &Ctx, p: &[f64], mu: f64) -> Option<Vec<f64>> {
        let n = ctx.x.len();
        let mut sec = vec![0.0; n];
        for (i, sec_i) in sec.iter_mut().enumerate() {
            for j in 0..n {
                let pji = p[j * n + i];
                if j != i && !pji.is_nan() {
                    *sec_i += self.expected_utility(ctx, j, i, 1.0, pji, mu);
                }
            }
        }
        let max = sec.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let min = sec.iter().copied().fold(f64::INFINITY, f64::min);
        if max - min <= 1e-12 * (max.abs() + min.abs()).max(1e-300) || max.is_nan() || min.is_nan()
        {
            return None;
        }
        Some(
            sec.iter()
                .map(|&s| {
                    let big_r = (2.0 * s - max - min) / (max - min);
                    (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)
                })
                .collect(),
        )
    }
}

/// The offer an actor received.
#[derive(Clone, Copy)]
struct Offer {
    from: usize,
    y: f64,
    a: f64,
    kind: &'static str,
}

/// State after one round.
struct Step {
    x: Vec<f64>,
    mu: f64,
    r: Vec<f64>,
    moves: Vec<Move>,
}

impl Bdm {
    fn step(&self, x: &[f64], w: &[f64], s: &[f64], delta: f64, warn: &mut Warns) -> Step {
        let n = x.len();
        let ctx = Ctx { x, w, s, delta };
        let med = weighted_median(x, w, self.median_tie).map_or(f64::NAN, |m| {
            if m.tied {
                warn.once(
                    WarningCode::TieBroken,
                    "the weighted median was tied; the lower end was used",
                );
            }
            m.value
        });
        let p1 = self.probabilities(&ctx, None);
        let r = self.risk(&ctx, &p1, med).unwrap_or_else(|| {
            warn.once(
                WarningCode::RiskRangeDegenerate,
                "all securities were equal in some round; every risk exponent was set to 1",
            );
            vec![1.0; n]
        });
        let mu = match self.median_update {
            MedianUpdate::Unchanged => med,
            MedianUpdate::WeightedMean => {
                super::compromise::weighted_mean(x.iter().copied(), w.iter().copied())
                    .unwrap_or(med)
            }
        };
        let p = if self.votes_use_risk {
            self.probabilities(&ctx, Some(&r))
        } else {
            p1
        };
        let mut best: Vec<Option<Offer>> = vec![None; n];
        let mut ties = false;
        for i in 0..n {
            for j in 0..n {
                let pij = p[i * n + j];
                if i == j || pij.is_nan() {
                    continue;
                }
                let (ri, rj) = match self.perspective {
                    Perspective::Own => (r[i], r[j]),
                    Perspective::Perceived => (r[j], r[j]),
                    Perspective::Proposer => (r[i], r[i]),
                };
                let a = self.expected_utility(&ctx, i, j, ri, pij, mu);
                if a <= 0.0 {
                    continue;
                }
                let b = self.expected_utility(&ctx, j, i, rj, p[j * n + i], mu);
                let (y, kind) = if b > 0.0 {
                    if a > b {
                        (x[i], "conflict")
                    } else {
                        continue;
                    }
                } else if a > b.abs() {
                    (x[j] + (x[i] - x[j]) * b.abs() / a, "compromise")
                } else {
                    (x[i], "capitulation")
                };
                let offer = Offer {
                    from: i,
                    y,
                    a,
                    kind,
                };
                best[j] = Some(match best[j] {
                    None => offer,
                    Some(cur) => {
                        let (better, tied) = self.prefer(x[j], &offer, &cur);
                        ties |= tied;
                        if better { offer } else { cur }
                    }
                });
            }
        }
        if ties {
            warn.once(
                WarningCode::TieBroken,
                "an actor received equally good offers; the one from the lower-indexed proposer was taken",
            );
        }
        let mut next = x.to_vec();
        let mut moves = Vec::new();
        for (j, offer) in best.iter().enumerate() {
            if let Some(o) = offer {
                next[j] = o.y;
                moves.push(Move {
                    actor: j,
                    by: Some(o.from),
                    kind: o.kind.to_string(),
                    from: vec![x[j]],
                    to: vec![o.y],
                    value: Some(o.a),
                });
            }
        }
        Step {
            x: next,
            mu: med,
            r,
            moves,
        }
    }

    /// Whether `new` beats `cur` for an actor at `xj`, and whether the primary key tied.
    /// Offers arrive in proposer order, so keeping `cur` on a full tie keeps the lower index.
    fn prefer(&self, xj: f64, new: &Offer, cur: &Offer) -> (bool, bool) {
        let (mn, mc) = ((new.y - xj).abs(), (cur.y - xj).abs());
        let (first, second) = match self.selection {
            Selection::LeastMove => (mc.partial_cmp(&mn), new.a.partial_cmp(&cur.a)),
            Selection::LargestEu => (new.a.partial_cmp(&cur.a), mc.partial_cmp(&mn)),
        };
        use std::cmp::Ordering::*;
        match (first, second) {
            (Some(Greater), _) => (true, false),
            (Some(Equal), Some(Greater)) => (true, true),
            (Some(Equal), _) => (false, true),
            _ => (false, false),
        }
    }

    fn delta(&self, issue: &ResolvedIssue) -> f64 {
        match self.range {
            BdmRange::Scale => issue.scale.range(),
            BdmRange::Fixed { lo, hi } => hi - lo,
        }
    }
}

/// Warnings raised at most once per run.
struct Warns<'a> {
    issue: &'a str,
    list: Vec<Warning>,
}

impl Warns<'_> {
    fn once(&mut self, code: WarningCode, message: &str) {
        if !self.list.iter().any(|w| w.code == code) {
            self.list.push(Warning::issue(code, self.issue, message));
        }
    }
}

impl DecisionModel for Bdm {
    fn id(&self) -> &'static str {
        "bdm"
    }

    fn parameters(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    fn draws(&self) -> bool {
        false
    }

    fn solve(&self, issue: &ResolvedIssue, _rng: &mut DetRng) -> Result<Decision, DecideError> {
        issue.require_one_dimension(self.id(), "the challenge model")?;
        let delta = self.delta(issue);
        let ok = delta.is_finite()
            && delta > 0.0
            && (0.0..=1.0).contains(&self.q)
            && (0.0..=1.0).contains(&self.t);
        if !ok {
            return Err(DecideError::BadParameter {
                model: self.id().into(),
                message: format!(
                    "need Δ > 0 and Q, T in [0, 1]; got Δ = {delta}, Q = {}, T = {}",
                    self.q, self.t
                ),
            });
        }
        let w: Vec<f64> = issue.stances.iter().map(|s| s.weight(0)).collect();
        if w.iter().sum::<f64>() <= 0.0 {
            return Err(DecideError::ZeroTotalWeight {
                issue: issue.id.clone(),
            });
        }
        let s: Vec<f64> = issue.stances.iter().map(|s| s.s()).collect();
        let mut x: Vec<f64> = issue.stances.iter().map(|s| s.x()).collect();
        let mut warn = Warns {
            issue: &issue.id,
            list: Vec::new(),
        };
        let mean = |x: &[f64]| {
            super::compromise::weighted_mean(x.iter().copied(), w.iter().copied())
                .unwrap_or(f64::NAN)
        };
        let mut trajectory = Vec::with_capacity(self.max_rounds + 1);
        let (mut stop, mut rounds) = (StopReason::MaxRounds, 0);
        if x.iter().all(|&v| v == x[0]) {
            stop = StopReason::Static;
            warn.once(
                WarningCode::AllAtOnePoint,
                "all actors stand at one point; nothing moves",
            );
        }
        let tol = self.tol * delta;
        while stop == StopReason::MaxRounds && rounds < self.max_rounds {
            let step = self.step(&x, &w, &s, delta, &mut warn);
            let shift = x
                .iter()
                .zip(&step.x)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            trajectory.push(Round {
                t: rounds,
                positions: x.iter().map(|&v| vec![v]).collect(),
                forecast: Some(vec![step.mu]),
                mean: Some(vec![mean(&x)]),
                risk: Some(step.r),
                moves: step.moves,
                ..Round::default()
            });
            x = step.x;
            rounds += 1;
            if shift < tol {
                stop = if rounds == 1 {
                    StopReason::Static
                } else {
                    StopReason::Converged
                };
            }
        }
        let mu = weighted_median(&x, &w, self.median_tie).map_or(f64::NAN, |m| m.value);
        trajectory.push(Round {
            t: rounds,
            positions: x.iter().map(|&v| vec![v]).collect(),
            forecast: Some(vec![mu]),
            mean: Some(vec![mean(&x)]),
            ..Round::default()
        });
        if stop == StopReason::MaxRounds {
            warn.once(
                WarningCode::NotConverged,
                &format!("positions still moved after {} rounds", self.max_rounds),
            );
        }
        Ok(Decision {
            issue: issue.id.clone(),
            model: ModelSpec {
                id: self.id().into(),
                preset: self.preset.clone(),
                parameters: self.parameters(),
            },
            outcome: vec![mu],
            unconstrained: vec![mu],
            trajectory,
            distribution: Vec::new(),
            baseline: super::compromise::outcome(issue).0,
            diagnostics: Diagnostics {
                rounds,
                converged: stop != StopReason::MaxRounds,
                stop_reason: stop,
                warnings: warn.list,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::issue::{Scale, Stance};
    use crate::rng::run_stream;

    fn issue(xs: &[(f64, f64, f64)]) -> ResolvedIssue {
        ResolvedIssue::one_dimensional(
            "i",
            Scale::new(0.0, 10.0),
            xs.iter()
                .enumerate()
                .map(|(k, &(c, x, s))| Stance::new(format!("a{k}"), c, x, s))
                .collect(),
        )
    }

    #[test]
    fn all_at_one_point_is_static() {
        let i = issue(&[(1.0, 3.0, 0.5), (2.0, 3.0, 0.9), (1.0, 3.0, 0.1)]);
        let d = Bdm::default()
            .solve(&i, &mut run_stream(1, 0))
            .expect("runs");
        assert_eq!(d.outcome, vec![3.0]);
        assert_eq!(d.diagnostics.stop_reason, StopReason::Static);
    }

    #[test]
    fn zero_total_weight_is_an_error() {
        let i = issue(&[(0.0, 3.0, 0.5), (2.0, 5.0, 0.0), (0.0, 7.0, 0.1)]);
        assert!(matches!(
            Bdm::default().solve(&i, &mut run_stream(1, 0)),
            Err(DecideError::ZeroTotalWeight { .. })
        ));
    }

    #[test]
    fn pairwise_probabilities_are_complementary() {
        let i = issue(&[
            (1.0, 1.0, 0.5),
            (2.0, 5.0, 0.9),
            (1.5, 9.0, 0.3),
            (0.5, 6.0, 1.0),
        ]);
        let x: Vec<f64> = i.stances.iter().map(|s| s.x()).collect();
        let w: Vec<f64> = i.stances.iter().map(|s| s.weight(0)).collect();
        let s: Vec<f64> = i.stances.iter().map(|s| s.s()).collect();
        let ctx = Ctx {
            x: &x,
            w: &w,
            s: &s,
            delta: 10.0,
        };
        for b in [
            Bdm::default(),
            Bdm {
                votes_use_risk: true,
                ..Bdm::default()
            },
        ] {
            let r = [0.5, 1.0, 2.0, 1.3];
            let p = b.probabilities(&ctx, Some(&r));
            for a in 0..4 {
                for c in 0..4 {
                    if a != c {
                        assert!((p[a * 4 + c] + p[c * 4 + a] - 1.0).abs() < 1e-12);
                    }
                }
            }
        }
    }

    #[test]
    fn risk_exponents_lie_in_half_to_two() {
        let i = issue(&[
            (1.0, 1.0, 0.5),
            (2.0, 5.0, 0.9),
            (1.5, 9.0, 0.3),
            (0.5, 6.0, 1.0),
        ]);
        let d = Bdm::default()
            .solve(&i, &mut run_stream(1, 0))
            .expect("runs");
        for round in &d.trajectory {
            for &r in round.risk.iter().flatten() {
                assert!((0.5 - 1e-12..=2.0 + 1e-12).contains(&r), "{r}");
            }
        }
    }
}
