//! Linkage: buying a member's block on one issue with a concession on another.
//!
//! On an issue A with an agenda setter (S1), a *blocker* is a member whose acceptance bound
//! (R1) holds the adopted point `z` short of the setter's position. Without the blocker's bound
//! the setter would get `z'` (S1 with the blocker accepting anything). The blocker gives way on
//! A when a concession on another issue B of the scenario pays for it. Positions on B are those
//! of the exchange model (0–100, [`super::exchange`]): B's expected outcome is the NBS of voting
//! positions (D17), and a member j that moves its voting position on B by `Δx` moves it by
//! `k_jB·Δx` with `k_jB = c_jB s_jB / W_B` (D18).
//!
//! With blocker b at `x_bA` (salience `s_bA`, veto cost `c_b`) on A of width `Δ_A` and status
//! quo `q`, the blocker accepts `z'` when its utility gain on B covers its loss on A net of what
//! blocking would cost it:
//!
//! ```text
//! (L1)  L_b = s_bA·(|x_bA − z'| − |x_bA − q|)/Δ_A − c_b          (what b must be paid)
//! (L2)  s_bB·ΔO_B/100 ≥ L_b   ⇒   ΔO_B = 100·L_b/s_bB            (the smallest concession)
//! ```
//!
//! `ΔO_B` moves B's outcome toward `x_bB` and may not carry it past `x_bB`. It is paid by
//! members j of A's body that want `z'` (they gain `g_j = s_jA·(|x_jA − z| − |x_jA − z'|)/Δ_A
//! > 0`) and stand on the other side of B's outcome from b, in the exchange model's
//! orientation: b gives way on A and j on B only when `s_bA/s_bB < s_jA/s_jB` (D19's
//! condition). Those for whom A matters most (largest `s_jA`) pay first. Each payer moves its
//! voting position on B toward `x_bB`, within its own acceptance:
//!
//! ```text
//! (L3)  ΔO_j ≤ k_jB·|y_jB − x_bB|          (it never votes past the blocker's position)
//! (L4)  s_jB·ΔO_j/100 ≤ g_j                (its loss on B stays below its gain on A)
//! ```
//!
//! and, when B has a status quo, its new voting position stays inside its own R1 interval on
//! B. When the payers together reach `ΔO_B` the block is bought: the blocker's cost of blocking
//! rises by `L_b` (so its bound reaches `z'` exactly) and the adopted point becomes `z'`. The
//! step repeats with the next blocker until the setter gets its own position or no issue B
//! pays; among several issues B the one needing the smallest total shift of voting positions
//! is taken. The concessions are promises on B's bargaining positions: they move B's expected
//! outcome (D17), not the outcome B's own rule allows.

use serde::{Deserialize, Serialize};

use super::exchange::{Exchange, Table, orient};
use super::issue::ResolvedIssue;
use super::rules::acceptance;
use super::setter::{Movement, agenda};

/// A payer's concession: its voting position on issue B moves from `from` to `to` (B's scale).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payment {
    /// The paying member.
    pub actor: String,
    /// Its voting position on B before the concession.
    pub from: f64,
    /// Its voting position on B after it.
    pub to: f64,
}

/// One bought block: who gave way on A, on which issue B it was paid, by whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deal {
    /// The member whose block was bought.
    pub blocker: String,
    /// The issue B of the concession.
    pub issue: String,
    /// The members who pay, with their moves on B.
    pub payers: Vec<Payment>,
    /// B's expected outcome (D17) before the concession (B's scale).
    pub outcome_from: f64,
    /// B's expected outcome after it.
    pub outcome_to: f64,
    /// The adopted point on A before the block was bought.
    pub proposal_from: f64,
    /// The adopted point on A after it (`z'`).
    pub proposal_to: f64,
    /// `L_b` of L1: what the blocker was paid, in salience-weighted utility on a 0–1 scale.
    pub price: f64,
}

/// What linkage changes on one issue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Linkage {
    /// The setter's adopted point without linkage.
    pub before: f64,
    /// The adopted point once every block that could be bought is bought.
    pub outcome: f64,
    /// Which way `outcome` moves off the status quo (S2).
    pub movement: Movement,
    /// The blocks bought, in order.
    pub deals: Vec<Deal>,
}

/// Linkage on issue `a` of `issues`, when that issue allows it (`linkage`), has one dimension
/// and an agenda setter; `None` otherwise.
pub fn link(issues: &[ResolvedIssue], a: usize) -> Option<Linkage> {
    let issue = issues.get(a)?;
    if !issue.linkage || issue.m() != 1 {
        return None;
    }
    let first = agenda(issue)?;
    let q = first.status_quo;
    let width = issue.scale.range();
    let eps = 1e-9 * width.abs().max(1.0);
    let (t, actors, _) = Exchange::table(issues);
    let market = Market {
        t: &t,
        actors: &actors,
        issues,
        a,
    };
    let mut y = t.x.clone();
    let mut current = issue.clone();
    let mut deals = Vec::new();
    for _ in 0..issue.n() {
        let Some(now) = agenda(&current) else { break };
        if (now.outcome - now.ideal).abs() <= eps {
            break;
        }
        let up = now.ideal > q;
        let blockers = blocking(&current, q, now.outcome, up, eps);
        let mut relaxed = current.clone();
        for &b in &blockers {
            relaxed.stances[b].veto_cost = f64::INFINITY;
        }
        let target = agenda(&relaxed).map_or(now.outcome, |s| s.outcome);
        if blockers.is_empty() || (target - now.outcome).abs() <= eps {
            break;
        }
        let mut budget = market.gains(&current, now.outcome, target);
        let mut trial = y.clone();
        let mut step = Vec::new();
        for &b in &blockers {
            let st = &current.stances[b];
            let x = st.x();
            let price = st.s() * ((x - target).abs() - (x - q).abs()) / width - st.veto_cost;
            let Some(row) = actors.iter().position(|id| *id == st.actor) else {
                break;
            };
            match market.best(row, price.max(0.0), &mut trial, &mut budget) {
                Some(mut deal) => {
                    deal.proposal_from = now.outcome;
                    deal.proposal_to = target;
                    deal.price = price.max(0.0);
                    step.push((b, deal));
                }
                None => break,
            }
        }
        if step.len() < blockers.len() {
            break;
        }
        y = trial;
        for (b, deal) in step {
            current.stances[b].veto_cost += deal.price;
            deals.push(deal);
        }
    }
    let outcome = agenda(&current).map_or(first.outcome, |s| s.outcome);
    Some(Linkage {
        before: first.outcome,
        outcome,
        movement: Movement::of(q, outcome, width),
        deals,
    })
}

/// The stances whose acceptance bound on the setter's side sits at `z`: the members holding
/// the proposal there (at the status quo too, which [`super::rules::pivotal`] leaves empty).
fn blocking(issue: &ResolvedIssue, q: f64, z: f64, up: bool, eps: f64) -> Vec<usize> {
    let width = issue.scale.range();
    (0..issue.n())
        .filter(|&k| {
            let s = &issue.stances[k];
            if s.vote_weight <= 0.0 || s.abstain {
                return false;
            }
            let (lo, hi) = acceptance(s, 0, q, width);
            (if up { hi } else { lo } - z).abs() <= eps
        })
        .collect()
}

/// The exchange table of every issue, seen from issue A.
struct Market<'a> {
    t: &'a Table,
    actors: &'a [String],
    issues: &'a [ResolvedIssue],
    a: usize,
}

impl Market<'_> {
    /// Every table row's gain `g_j` on A from `z` to `z'` (0 for non-members and for those
    /// who lose).
    fn gains(&self, issue: &ResolvedIssue, z: f64, target: f64) -> Vec<f64> {
        let width = issue.scale.range();
        self.actors
            .iter()
            .map(|id| {
                issue
                    .stances
                    .iter()
                    .find(|s| &s.actor == id && s.vote_weight > 0.0)
                    .map_or(0.0, |s| {
                        let x = s.x();
                        (s.s() * ((x - z).abs() - (x - target).abs()) / width).max(0.0)
                    })
            })
            .collect()
    }

    /// The cheapest concession (smallest total shift of voting positions) on any other issue
    /// that pays blocker `b` its `price`; commits the moves to `y` and `budget`.
    fn best(&self, b: usize, price: f64, y: &mut Vec<f64>, budget: &mut Vec<f64>) -> Option<Deal> {
        let mut best: Option<(f64, Deal, Vec<f64>, Vec<f64>)> = None;
        for p in (0..self.t_issues()).filter(|&p| p != self.a) {
            let (mut y2, mut b2) = (y.clone(), budget.clone());
            if let Some((shift, deal)) = self.concession(b, p, price, &mut y2, &mut b2)
                && best.as_ref().is_none_or(|(s, ..)| shift < *s)
            {
                best = Some((shift, deal, y2, b2));
            }
        }
        let (_, deal, y2, b2) = best?;
        *y = y2;
        *budget = b2;
        Some(deal)
    }

    fn t_issues(&self) -> usize {
        self.issues.len()
    }

    /// L2–L4 on issue `p`: the payers' moves that shift p's outcome by `100·price/s_bp` toward
    /// the blocker, or `None` when they cannot. Returns the total shift and the deal.
    fn concession(
        &self,
        b: usize,
        p: usize,
        price: f64,
        y: &mut [f64],
        budget: &mut [f64],
    ) -> Option<(f64, Deal)> {
        let (t, a) = (self.t, self.a);
        if !(t.has(b, a) && t.has(b, p)) || t.s[t.at(b, p)] <= 0.0 {
            return None;
        }
        let xb = t.x[t.at(b, p)];
        let o = t.nbs(y, p);
        let need = 100.0 * price / t.s[t.at(b, p)];
        if need > (xb - o).abs() + 1e-12 {
            return None;
        }
        let toward = (xb - o).signum();
        let mut payers: Vec<usize> = (0..self.actors.len())
            .filter(|&j| {
                j != b
                    && t.has(j, a)
                    && t.has(j, p)
                    && budget[j] > 0.0
                    && t.influence(j, p) > 0.0
                    && (y[t.at(j, p)] - o) * (xb - o) < 0.0
                    && orient(t, b, j, a, p) == Some((b, j))
            })
            .collect();
        // Those for whom A matters most pay first (largest s_jA, then table order).
        let s_a = |j: usize| t.s[t.at(j, a)];
        crate::order::sort_by(&mut payers, |&i, &j| {
            s_a(j).total_cmp(&s_a(i)).then(i.cmp(&j))
        });
        let scale = &self.issues[p].scale;
        let on_scale = |v: f64| scale.lo + v / 100.0 * scale.range();
        let mut left = need;
        let mut paid = Vec::new();
        let mut shift = 0.0;
        for j in payers {
            if left <= 1e-12 {
                break;
            }
            let k = t.influence(j, p);
            let at = t.at(j, p);
            let room = self.room(j, p, y[at], xb);
            let s_jp = t.s[at];
            let affordable = if s_jp > 0.0 {
                100.0 * budget[j] / s_jp
            } else {
                f64::INFINITY
            };
            let d_o = left.min(k * room).min(affordable);
            if d_o <= 0.0 {
                continue;
            }
            let from = y[at];
            y[at] = from + toward * d_o / k;
            budget[j] -= s_jp * d_o / 100.0;
            left -= d_o;
            shift += d_o / k;
            paid.push(Payment {
                actor: self.actors[j].clone(),
                from: on_scale(from),
                to: on_scale(y[at]),
            });
        }
        if left > 1e-9 * need.max(1.0) {
            return None;
        }
        Some((
            shift,
            Deal {
                blocker: self.actors[b].clone(),
                issue: self.issues[p].id.clone(),
                payers: paid,
                outcome_from: on_scale(o),
                outcome_to: on_scale(t.nbs(y, p)),
                proposal_from: f64::NAN,
                proposal_to: f64::NAN,
                price,
            },
        ))
    }

    /// How far (0–100 points) member j may move its voting position on issue p toward the
    /// blocker's `xb`: not past `xb`, and inside its own R1 interval when p has a status quo.
    fn room(&self, j: usize, p: usize, from: f64, xb: f64) -> f64 {
        let mut room = (xb - from).abs();
        let issue = &self.issues[p];
        let stance = issue.stances.iter().find(|s| s.actor == self.actors[j]);
        if let (Some(q), Some(s)) = (issue.status_quo_1d(), stance) {
            let (lo, hi) = acceptance(s, 0, q, issue.scale.range());
            let to_table = |v: f64| (v - issue.scale.lo) / issue.scale.range() * 100.0;
            let edge = if xb < from {
                to_table(lo)
            } else {
                to_table(hi)
            };
            room = room.min((edge - from).abs().max(0.0));
        }
        room
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decide::DecisionRule;
    use crate::decide::issue::{Scale, Stance};

    /// A consensus body of a dove and a hawk with a setter on A; on B the dove cares more.
    fn two_issues(dove_on_b: f64) -> Vec<ResolvedIssue> {
        let member = |id: &str, x: f64, s: f64| Stance::new(id, 1.0, x, s);
        let mut a = ResolvedIssue::one_dimensional(
            "a",
            Scale::new(0.0, 100.0),
            vec![
                Stance {
                    vote_weight: 0.0,
                    ..Stance::new("chair", 0.0, 70.0, 1.0)
                },
                member("dove", 30.0, 0.5),
                member("hawk", 90.0, 0.9),
            ],
        );
        a.status_quo = Some(vec![50.0]);
        a.rule = Some(DecisionRule::Consensus);
        a.proposer = Some("chair".into());
        a.linkage = true;
        let b = ResolvedIssue::one_dimensional(
            "b",
            Scale::new(0.0, 100.0),
            vec![member("dove", 0.0, dove_on_b), member("hawk", 100.0, 0.3)],
        );
        vec![a, b]
    }

    /// The dove (salience 0.5 on A, 0.8 on B) blocks any move up from 50. Bought out to the
    /// setter's 70 it loses 0.5·(40 − 20)/100 = 0.1, so B's outcome must move 100·0.1/0.8 = 12.5
    /// points toward it; the hawk (influence 0.3/1.1 on B) moves 12.5·1.1/0.3 = 45.83 points,
    /// losing 0.3·12.5/100 = 0.0375 against a gain of 0.9·20/100 = 0.18 on A.
    #[test]
    fn the_hawk_buys_the_doves_block_with_a_move_on_b() {
        let issues = two_issues(0.8);
        assert_eq!(agenda(&issues[0]).expect("setter").outcome, 50.0);
        let l = link(&issues, 0).expect("linkage");
        assert_eq!((l.before, l.outcome), (50.0, 70.0));
        assert_eq!(l.movement, Movement::Up);
        assert_eq!(l.deals.len(), 1);
        let d = &l.deals[0];
        assert_eq!((d.blocker.as_str(), d.issue.as_str()), ("dove", "b"));
        assert!((d.price - 0.1).abs() < 1e-12);
        let o0 = 100.0 * 0.3 / 1.1;
        assert!((d.outcome_from - o0).abs() < 1e-9);
        assert!((d.outcome_to - (o0 - 12.5)).abs() < 1e-9);
        assert_eq!(d.payers.len(), 1);
        assert_eq!(d.payers[0].actor, "hawk");
        assert!((d.payers[0].to - (100.0 - 12.5 * 1.1 / 0.3)).abs() < 1e-9);
    }

    /// When the dove's salience ratio A/B exceeds the hawk's (0.5/0.16 > 0.9/0.3), D19's
    /// orientation forbids the trade, though B's outcome could move far enough, and the status
    /// quo stands.
    #[test]
    fn no_trade_against_the_salience_ratios() {
        let issues = two_issues(0.16);
        let l = link(&issues, 0).expect("linkage");
        assert!(l.deals.is_empty());
        assert_eq!((l.outcome, l.movement), (50.0, Movement::Stays));
    }

    #[test]
    fn linkage_is_opt_in() {
        let mut issues = two_issues(0.8);
        issues[0].linkage = false;
        assert!(link(&issues, 0).is_none());
    }
}
