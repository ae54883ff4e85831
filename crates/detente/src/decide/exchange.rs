//! The Stokman exchange model (equal gain), deciding several issues jointly.
//!
//! Per issue p, positions are mapped to 0–100 from the issue scale, power `c_ip ∈ [0,1]` is
//! the stance's capability and `W_p = Σ_i c_ip s_ip`:
//!
//! ```text
//! (D17)  O_p = Σ_i c_ip s_ip x_ip / W_p                     (the Nash bargaining solution)
//! (D18)  ΔO_p = c_ip s_ip Δx / W_p                          (effect of i moving Δx on p)
//! (D19)  |ΔO_q| = |ΔO_p| (s_ip + s_jp)/(s_iq + s_jq)       (equal gain G_i = G_j)
//! ```
//!
//! with gains `G_i = s_iq|ΔO_q| − s_ip|ΔO_p|`, `G_j = s_jp|ΔO_p| − s_jq|ΔO_q|`. Two actors on
//! opposite sides of both outcomes exchange when their salience ratios differ: i *supplies*
//! on p (moves toward j) and *demands* on q (j moves toward i) when `s_ip/s_iq < s_jp/s_jq`.
//! Each round realises the candidate with the largest gain, removes every candidate using
//! one of its four actor-issue pairs, re-evaluates those touching p or q, and repeats; then
//! actors internalise part of their vote: `x' = x + ((1 − s)·0.4 + 0.1)(y − x)`.

use serde::{Deserialize, Serialize};

use super::decision::{
    Decision, Diagnostics, ModelSpec, Move, Round, StopReason, Warning, WarningCode,
};
use super::issue::ResolvedIssue;
use super::model::{DecideError, MultiIssueModel};
use crate::rng::{DetRng, u01};

/// How the gain of an exchange is split.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Split {
    /// Equal gain (D19), default.
    #[default]
    EqualGain,
    /// Per exchange draw `v, z ~ U(0,1)`: i's gain becomes `G + p z (G_i^max − G)` if `v < ½`,
    /// else `G − p z G`; j's gain follows from the moves.
    Random {
        /// The rate `p ∈ [0, 1]`.
        p: f64,
    },
}

/// What happens to the other candidates of an actor-issue pair once it has exchanged in a
/// round.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reuse {
    /// Every candidate that uses one of the four actor-issue pairs is deleted (default).
    #[default]
    Exclusive,
    /// Such candidates are re-evaluated from the new voting positions and kept while every
    /// move of an actor on an issue within the round goes the same way (the Decide
    /// reference implementation's rule).
    SameDirection,
}

/// Which outcomes `O_p` later candidates of a round are evaluated against (opposite sides,
/// the demand caps).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RoundOutcomes {
    /// The voting NBS after every realised exchange (default).
    #[default]
    Current,
    /// The NBS at the start of the round. The Decide reference implementation comes close to
    /// this: each candidate only sees outcome updates from exchanges of its own actor-issue
    /// pairs.
    RoundStart,
}

/// The exchange model's parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Exchange {
    /// Rounds of exchange (default 10).
    pub rounds: usize,
    /// Gain split.
    pub split: Split,
    /// Re-use of actor-issue pairs within a round.
    pub reuse: Reuse,
    /// Outcomes that candidates are evaluated against within a round.
    pub outcomes: RoundOutcomes,
}

impl Default for Exchange {
    fn default() -> Self {
        Exchange {
            rounds: 10,
            split: Split::EqualGain,
            reuse: Reuse::Exclusive,
            outcomes: RoundOutcomes::Current,
        }
    }
}

/// One candidate exchange: i supplies on p (moves toward `x_jp`), j supplies on q.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    i: usize,
    j: usize,
    p: usize,
    q: usize,
    /// i's new position on p and j's new position on q.
    y_ip: f64,
    y_jq: f64,
    d_op: f64,
    d_oq: f64,
    gain: f64,
    alive: bool,
}

/// Working state: actor × issue tables on the 0–100 scale (also read by the linkage of vetoes,
/// [`super::linkage`]).
pub(crate) struct Table {
    n: usize,
    m: usize,
    /// Position, `NaN` where the actor has no stance.
    pub(crate) x: Vec<f64>,
    c: Vec<f64>,
    /// Salience.
    pub(crate) s: Vec<f64>,
    w: Vec<f64>,
}

impl Table {
    /// The index of actor `a` on issue `p`.
    pub(crate) fn at(&self, a: usize, p: usize) -> usize {
        a * self.m + p
    }
    /// Whether actor `a` has a stance on issue `p`.
    pub(crate) fn has(&self, a: usize, p: usize) -> bool {
        !self.x[self.at(a, p)].is_nan()
    }
    /// D18's coefficient `c_ap s_ap / W_p`: how far issue p's outcome moves when actor a moves
    /// its voting position by one point (0 on an issue without weight).
    pub(crate) fn influence(&self, a: usize, p: usize) -> f64 {
        let k = self.at(a, p);
        if self.w[p] > 0.0 {
            self.c[k] * self.s[k] / self.w[p]
        } else {
            0.0
        }
    }
    /// D17: issue p's outcome, the NBS of voting positions `pos`.
    pub(crate) fn nbs(&self, pos: &[f64], p: usize) -> f64 {
        let (mut num, mut den) = (0.0, 0.0);
        for a in 0..self.n {
            let k = self.at(a, p);
            if !pos[k].is_nan() {
                let w = self.c[k] * self.s[k];
                num += w * pos[k];
                den += w;
            }
        }
        if den > 0.0 { num / den } else { 0.0 }
    }
}

/// Evaluate an exchange of i (supplier on p) with j (supplier on q) at outcomes `o`, with
/// actor-issue positions `y`. `None` when infeasible.
fn evaluate(v: &View, i: usize, j: usize, p: usize, q: usize) -> Option<Candidate> {
    let (t, y, o) = (v.t, v.y, v.o);
    let (ip, iq, jp, jq) = (t.at(i, p), t.at(i, q), t.at(j, p), t.at(j, q));
    let opposite = |a: f64, b: f64, o: f64| (a - o) * (b - o) < 0.0;
    if !opposite(y[ip], y[jp], o[p]) || !opposite(y[iq], y[jq], o[q]) {
        return None;
    }
    let (ki, kj) = (t.influence(i, p), t.influence(j, q));
    if ki <= 0.0 || kj <= 0.0 {
        return None;
    }
    let ratio = (t.s[ip] + t.s[jp]) / (t.s[iq] + t.s[jq]);
    if !(ratio.is_finite() && ratio > 0.0) {
        return None;
    }
    // i moves all the way to x_jp; if j's matching move would pass x_iq, j moves to x_iq.
    let full_i = (y[jp] - y[ip]).abs();
    let full_j = (y[iq] - y[jq]).abs();
    let mut d_op = ki * full_i;
    let mut d_oq = d_op * ratio;
    if d_oq / kj > full_j {
        d_oq = kj * full_j;
        d_op = d_oq / ratio;
    }
    // Neither demanded shift may carry an outcome past its demander's position.
    let cap_q = (y[iq] - o[q]).abs();
    if d_oq > cap_q {
        d_oq = cap_q;
        d_op = d_oq / ratio;
    }
    let cap_p = (y[jp] - o[p]).abs();
    if d_op > cap_p {
        d_op = cap_p;
        d_oq = d_op * ratio;
    }
    let (dx_i, dx_j) = (d_op / ki, d_oq / kj);
    let gain = t.s[iq] * d_oq - t.s[ip] * d_op;
    if gain <= 1e-10 || dx_i < 1e-10 || dx_j < 1e-10 {
        return None;
    }
    let y_ip = y[ip] + (y[jp] - y[ip]).signum() * dx_i;
    let y_jq = y[jq] + (y[iq] - y[jq]).signum() * dx_j;
    if !(0.0..=100.0).contains(&y_ip) || !(0.0..=100.0).contains(&y_jq) {
        return None;
    }
    Some(Candidate {
        i,
        j,
        p,
        q,
        y_ip,
        y_jq,
        d_op,
        d_oq,
        gain,
        alive: true,
    })
}

/// What a candidate is evaluated against: the table, current voting positions `y` and
/// outcomes `o`.
struct View<'a> {
    t: &'a Table,
    y: &'a [f64],
    o: &'a [f64],
}

/// The ordered candidate for an actor pair on an issue pair: who supplies where follows the
/// salience ratios; equal ratios → none.
pub(crate) fn orient(t: &Table, a: usize, b: usize, p: usize, q: usize) -> Option<(usize, usize)> {
    let (sap, saq, sbp, sbq) = (
        t.s[t.at(a, p)],
        t.s[t.at(a, q)],
        t.s[t.at(b, p)],
        t.s[t.at(b, q)],
    );
    // s_ap/s_aq < s_bp/s_bq without dividing by zero.
    let lhs = sap * sbq;
    let rhs = sbp * saq;
    if lhs < rhs {
        Some((a, b))
    } else if rhs < lhs {
        Some((b, a))
    } else {
        None
    }
}

/// Whether candidate `e`'s two moves agree with the directions already taken this round.
fn consistent(t: &Table, dir: &[f64], y: &[f64], e: &Candidate) -> bool {
    let (ip, jq) = (t.at(e.i, e.p), t.at(e.j, e.q));
    let ok = |k: usize, to: f64| dir[k] == 0.0 || (to - y[k]).signum() == dir[k];
    ok(ip, e.y_ip) && ok(jq, e.y_jq)
}

impl Exchange {
    /// The actor × issue table of `issues` (positions mapped to 0–100), the actor ids in table
    /// order, and per issue the table index of each stance's actor.
    pub(crate) fn table(issues: &[ResolvedIssue]) -> (Table, Vec<String>, Vec<Vec<usize>>) {
        let mut actors: Vec<String> = Vec::new();
        let mut index = std::collections::BTreeMap::new();
        let mut stance_actor = Vec::with_capacity(issues.len());
        for issue in issues {
            let mut ids = Vec::with_capacity(issue.n());
            for st in &issue.stances {
                let a = *index.entry(st.actor.clone()).or_insert_with(|| {
                    actors.push(st.actor.clone());
                    actors.len() - 1
                });
                ids.push(a);
            }
            stance_actor.push(ids);
        }
        let (n, m) = (actors.len(), issues.len());
        let mut t = Table {
            n,
            m,
            x: vec![f64::NAN; n * m],
            c: vec![0.0; n * m],
            s: vec![0.0; n * m],
            w: vec![0.0; m],
        };
        for (p, issue) in issues.iter().enumerate() {
            let (lo, range) = (issue.scale.lo, issue.scale.range());
            for (st, &a) in issue.stances.iter().zip(&stance_actor[p]) {
                let k = t.at(a, p);
                t.x[k] = (st.x() - lo) / range * 100.0;
                t.c[k] = st.capability;
                t.s[k] = st.s();
                t.w[p] += st.capability * st.s();
            }
        }
        (t, actors, stance_actor)
    }

    /// All candidates at positions `y` and outcomes `o`, in (i, j, p, q) order.
    fn candidates(t: &Table, y: &[f64], o: &[f64]) -> Vec<Candidate> {
        let mut out = Vec::new();
        for p in 0..t.m {
            for q in p + 1..t.m {
                if t.w[p] <= 0.0 || t.w[q] <= 0.0 {
                    continue;
                }
                for a in 0..t.n {
                    if !(t.has(a, p) && t.has(a, q)) {
                        continue;
                    }
                    for b in a + 1..t.n {
                        if !(t.has(b, p) && t.has(b, q)) {
                            continue;
                        }
                        if let Some(c) = Self::oriented(&View { t, y, o }, a, b, p, q) {
                            out.push(c);
                        }
                    }
                }
            }
        }
        out
    }

    fn oriented(v: &View, a: usize, b: usize, p: usize, q: usize) -> Option<Candidate> {
        let (i, j) = orient(v.t, a, b, p, q)?;
        evaluate(v, i, j, p, q)
    }

    /// The random-rate split: redraw j's move on q so that i's gain is the drawn share.
    fn split_randomly(&self, t: &Table, y: &[f64], c: &mut Candidate, rng: &mut DetRng) {
        let Split::Random { p: rate } = self.split else {
            return;
        };
        let (v, z) = (u01(rng), u01(rng));
        let (iq, ip, jq) = (t.at(c.i, c.q), t.at(c.i, c.p), t.at(c.j, c.q));
        let kj = t.influence(c.j, c.q);
        let full_oq = kj * (y[iq] - y[jq]).abs();
        let g_max = t.s[iq] * full_oq - t.s[ip] * c.d_op;
        let g_i = if v < 0.5 {
            c.gain + rate * z * (g_max - c.gain)
        } else {
            c.gain - rate * z * c.gain
        };
        let d_oq = ((g_i + t.s[ip] * c.d_op) / t.s[iq]).clamp(0.0, full_oq);
        c.d_oq = d_oq;
        c.y_jq = y[jq] + (y[iq] - y[jq]).signum() * d_oq / kj;
        c.gain = g_i;
    }

    /// One round: realise exchanges until none remain. Returns voting positions, voting NBS
    /// and the realised exchanges.
    fn round(
        &self,
        t: &Table,
        x: &[f64],
        rng: &mut DetRng,
    ) -> (Vec<f64>, Vec<f64>, Vec<Candidate>) {
        let mut y = x.to_vec();
        let mut o: Vec<f64> = (0..t.m).map(|p| t.nbs(&y, p)).collect();
        let mut cands = Self::candidates(t, &y, &o);
        let mut done = Vec::new();
        // Direction of each actor-issue pair's moves in this round (0: not moved yet).
        let mut dir = vec![0.0; x.len()];
        loop {
            let mut best: Option<usize> = None;
            for (k, c) in cands.iter().enumerate() {
                if c.alive && best.is_none_or(|b| c.gain > cands[b].gain) {
                    best = Some(k);
                }
            }
            let Some(b) = best else { break };
            let mut c = cands[b];
            self.split_randomly(t, &y, &mut c, rng);
            y[t.at(c.i, c.p)] = c.y_ip;
            y[t.at(c.j, c.q)] = c.y_jq;
            if self.outcomes == RoundOutcomes::Current {
                o[c.p] = t.nbs(&y, c.p);
                o[c.q] = t.nbs(&y, c.q);
            }
            dir[t.at(c.i, c.p)] = (c.y_ip - x[t.at(c.i, c.p)]).signum();
            dir[t.at(c.j, c.q)] = (c.y_jq - x[t.at(c.j, c.q)]).signum();
            cands[b].alive = false;
            let used = [(c.i, c.p), (c.i, c.q), (c.j, c.p), (c.j, c.q)];
            for d in cands.iter_mut().filter(|d| d.alive) {
                let pairs = [(d.i, d.p), (d.i, d.q), (d.j, d.p), (d.j, d.q)];
                if self.reuse == Reuse::Exclusive && pairs.iter().any(|pr| used.contains(pr)) {
                    d.alive = false;
                } else if d.p == c.p || d.p == c.q || d.q == c.p || d.q == c.q {
                    match Self::oriented(
                        &View { t, y: &y, o: &o },
                        d.i.min(d.j),
                        d.i.max(d.j),
                        d.p,
                        d.q,
                    ) {
                        Some(e) if consistent(t, &dir, &y, &e) => *d = e,
                        _ => d.alive = false,
                    }
                }
            }
            done.push(c);
        }
        let voting = (0..t.m).map(|p| t.nbs(&y, p)).collect();
        (y, voting, done)
    }
}

impl MultiIssueModel for Exchange {
    fn id(&self) -> &'static str {
        "exchange"
    }

    fn parameters(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }

    fn solve(
        &self,
        issues: &[ResolvedIssue],
        rng: &mut DetRng,
    ) -> Result<Vec<Decision>, DecideError> {
        if let Split::Random { p } = self.split
            && !(0.0..=1.0).contains(&p)
        {
            return Err(DecideError::BadParameter {
                model: self.id().into(),
                message: format!("split rate {p} must be in [0, 1]"),
            });
        }
        if let Some(bad) = issues.iter().find(|i| i.m() != 1) {
            return Err(DecideError::Unsupported {
                model: self.id().into(),
                reason: format!(
                    "issue '{}' has {} dimensions; exchange needs one per issue",
                    bad.id,
                    bad.m()
                ),
            });
        }
        let (t, _actors, stance_actor) = Self::table(issues);
        let mut warnings: Vec<Vec<Warning>> = issues.iter().map(|_| Vec::new()).collect();
        for (p, issue) in issues.iter().enumerate() {
            if t.w[p] <= 0.0 {
                warnings[p].push(Warning::issue(
                    WarningCode::ZeroTotalWeight,
                    &issue.id,
                    "every actor has power × salience 0: the NBS is set to 0 and the issue takes no part in exchanges",
                ));
            }
        }
        let mut x = t.x.clone();
        let mut states = vec![x.clone()];
        let mut voting = Vec::with_capacity(self.rounds);
        let mut realised = Vec::with_capacity(self.rounds);
        for _ in 0..self.rounds {
            let (y, o, done) = self.round(&t, &x, rng);
            for k in 0..x.len() {
                if !x[k].is_nan() && y[k] != x[k] {
                    x[k] += ((1.0 - t.s[k]) * 0.4 + 0.1) * (y[k] - x[k]);
                }
            }
            states.push(x.clone());
            voting.push(o);
            realised.push(done);
        }
        let scale = |p: usize, v: f64| issues[p].scale.lo + v / 100.0 * issues[p].scale.range();
        let mut out = Vec::with_capacity(issues.len());
        for (p, issue) in issues.iter().enumerate() {
            let local = |a: usize| stance_actor[p].iter().position(|&b| b == a);
            let mut trajectory = Vec::with_capacity(states.len());
            for (r, state) in states.iter().enumerate() {
                let mut round = Round {
                    t: r,
                    positions: stance_actor[p]
                        .iter()
                        .map(|&a| vec![scale(p, state[t.at(a, p)])])
                        .collect(),
                    forecast: Some(vec![scale(p, t.nbs(state, p))]),
                    ..Round::default()
                };
                if let (Some(o), Some(done)) = (voting.get(r), realised.get(r)) {
                    round
                        .extra
                        .insert("voting_nbs".into(), serde_json::json!(scale(p, o[p])));
                    for c in done {
                        for (mover, partner, issue_of_move, to) in
                            [(c.i, c.j, c.p, c.y_ip), (c.j, c.i, c.q, c.y_jq)]
                        {
                            if issue_of_move != p {
                                continue;
                            }
                            if let (Some(a), Some(b)) = (local(mover), local(partner)) {
                                round.moves.push(Move {
                                    actor: a,
                                    by: Some(b),
                                    kind: "exchange".into(),
                                    from: vec![scale(p, state[t.at(mover, p)])],
                                    to: vec![scale(p, to)],
                                    value: Some(c.gain),
                                });
                            }
                        }
                    }
                }
                trajectory.push(round);
            }
            let outcome = vec![scale(p, t.nbs(&x, p))];
            out.push(Decision {
                issue: issue.id.clone(),
                model: ModelSpec {
                    id: self.id().into(),
                    preset: None,
                    parameters: self.parameters(),
                },
                unconstrained: outcome.clone(),
                outcome,
                trajectory,
                distribution: Vec::new(),
                baseline: super::compromise::outcome(issue).0,
                diagnostics: Diagnostics {
                    rounds: self.rounds,
                    converged: true,
                    stop_reason: StopReason::MaxRounds,
                    warnings: std::mem::take(&mut warnings[p]),
                },
            });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::issue::{Scale, Stance};
    use crate::rng::run_stream;

    fn two_issues() -> Vec<ResolvedIssue> {
        let mk = |id: &str, st: Vec<Stance>| {
            ResolvedIssue::one_dimensional(id, Scale::new(0.0, 100.0), st)
        };
        vec![
            mk(
                "p",
                vec![
                    Stance::new("a", 0.5, 0.0, 0.2),
                    Stance::new("b", 0.5, 100.0, 0.9),
                    Stance::new("c", 0.5, 40.0, 0.5),
                ],
            ),
            mk(
                "q",
                vec![
                    Stance::new("a", 0.5, 100.0, 0.9),
                    Stance::new("b", 0.5, 0.0, 0.2),
                    Stance::new("c", 0.5, 60.0, 0.5),
                ],
            ),
        ]
    }

    /// a cares about q, b about p: a gives way on p, b on q, both gain equally.
    #[test]
    fn complementary_saliences_exchange_with_equal_gain() {
        let issues = two_issues();
        let (t, _, _) = Exchange::table(&issues);
        let o: Vec<f64> = (0..2).map(|p| t.nbs(&t.x, p)).collect();
        let c = Exchange::candidates(&t, &t.x, &o);
        let ab = c
            .iter()
            .find(|c| c.i == 0 && c.j == 1)
            .expect("a and b exchange");
        assert_eq!((ab.p, ab.q), (0, 1));
        let (ip, iq, jp, jq) = (t.at(0, 0), t.at(0, 1), t.at(1, 0), t.at(1, 1));
        let g_i = t.s[iq] * ab.d_oq - t.s[ip] * ab.d_op;
        let g_j = t.s[jp] * ab.d_op - t.s[jq] * ab.d_oq;
        assert!((g_i - g_j).abs() < 1e-9 && g_i > 0.0);
        let d = Exchange::default()
            .solve(&issues, &mut run_stream(1, 0))
            .expect("runs");
        assert!(d[0].outcome[0] > o[0] && d[1].outcome[0] > o[1]);
    }

    #[test]
    fn random_split_is_reproducible() {
        let m = Exchange {
            split: Split::Random { p: 0.5 },
            ..Exchange::default()
        };
        let a = m.solve(&two_issues(), &mut run_stream(3, 0)).expect("runs");
        let b = m.solve(&two_issues(), &mut run_stream(3, 0)).expect("runs");
        assert_eq!(a, b);
    }
}
