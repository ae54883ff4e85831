//! Single-actor dynamics (D7) and the descent rules (D10), for two coalitions (spin form) and for `k > 2` (coalition sums).

use super::problem::{Problem, label_counts};
use super::weight::Weight;
use crate::rng::DetRng;
use rand::RngExt;
use serde::{Deserialize, Serialize};

/// Which improving actor moves next (D10). The stable configurations do not depend on the rule;
/// the basins do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DescentRule {
    /// The move with the most negative `ΔE = 2 s_m ΔF_m` (AB's "steepest descent in the energy
    /// landscape"); ties go to the lowest actor index. The default.
    #[default]
    EnergySteepest,
    /// The move with the most negative `ΔF_m` (the most frustrated actor moves first).
    SteepestFrustration,
    /// The first improving actor in scenario order.
    FirstImprovement,
    /// A uniformly random improving actor (seeded); basins are then always sampled.
    RandomOrder,
}

impl DescentRule {
    /// Whether the rule gives every configuration one successor (needed for exact basins).
    pub fn deterministic(self) -> bool {
        self != DescentRule::RandomOrder
    }

    /// The rule's name as written in inputs and outputs.
    pub fn name(self) -> &'static str {
        match self {
            DescentRule::EnergySteepest => "energy-steepest",
            DescentRule::SteepestFrustration => "steepest-frustration",
            DescentRule::FirstImprovement => "first-improvement",
            DescentRule::RandomOrder => "random-order",
        }
    }
}

impl std::str::FromStr for DescentRule {
    type Err = super::UnknownName;
    fn from_str(s: &str) -> Result<Self, super::UnknownName> {
        [
            DescentRule::EnergySteepest,
            DescentRule::SteepestFrustration,
            DescentRule::FirstImprovement,
            DescentRule::RandomOrder,
        ]
        .into_iter()
        .find(|r| r.name() == s)
        .ok_or_else(|| super::UnknownName {
            kind: "descent rule",
            given: s.to_string(),
            known: "energy-steepest, steepest-frustration, first-improvement, random-order",
        })
    }
}

/// Two-coalition state: side `σ_i` (`up` = coalition A) and local fields
/// `h_i = Σ_j J_ij σ_j q + g_i`, so that flipping `m` changes the energy by `2 σ_m h_m`.
#[derive(Debug, Clone)]
pub(crate) struct Spins<W> {
    pub up: Vec<bool>,
    pub h: Vec<W>,
}

impl<W: Weight> Spins<W> {
    /// Sets up the local fields in O(n²).
    pub fn new(p: &Problem<W>, up: Vec<bool>) -> Self {
        let mut h = p.g.clone();
        // Row by row (J is symmetric), so each pass is a plain vector add.
        for (j, &u) in up.iter().enumerate() {
            let row = &p.jq[j * p.n..(j + 1) * p.n];
            if u {
                h.iter_mut().zip(row).for_each(|(hi, &v)| *hi += v);
            } else {
                h.iter_mut().zip(row).for_each(|(hi, &v)| *hi -= v);
            }
        }
        Spins { up, h }
    }

    /// Half the energy change of flipping `i`: `σ_i h_i` (search units).
    #[inline]
    pub fn half_delta(&self, i: usize) -> W {
        if self.up[i] { self.h[i] } else { -self.h[i] }
    }

    /// Flips actor `m` and updates every local field in O(n).
    #[inline]
    pub fn flip(&mut self, p: &Problem<W>, m: usize) {
        self.up[m] = !self.up[m];
        let row = &p.j2[m * p.n..(m + 1) * p.n];
        if self.up[m] {
            for (h, &v) in self.h.iter_mut().zip(row) {
                *h += v;
            }
        } else {
            for (h, &v) in self.h.iter_mut().zip(row) {
                *h -= v;
            }
        }
    }

    /// Labels (0 = A, 1 = B) in canonical form (D11): the pinned actor in A.
    pub fn labels(&self, pinned: Option<usize>) -> Vec<u8> {
        let flip = pinned.is_some_and(|r| !self.up[r]);
        self.up.iter().map(|&u| u8::from(u == flip)).collect()
    }

    /// The actor that moves next under `rule`, or `None` when the configuration is stable (D9).
    pub fn choose(
        &self,
        p: &Problem<W>,
        rule: DescentRule,
        rng: Option<&mut DetRng>,
    ) -> Option<usize> {
        let neg = -p.eps;
        match rule {
            DescentRule::EnergySteepest => {
                // A move must beat −ε, then the best so far by more than ε; the first actor
                // within tolerance of the best keeps it (lowest index wins ties). This is the
                // hot loop of exact basins, hence the plain threshold instead of an Option.
                let mut best = usize::MAX;
                let mut threshold = neg;
                for (i, (&up, &h)) in self.up.iter().zip(&self.h).enumerate() {
                    let d = if up { h } else { -h };
                    if d < threshold {
                        best = i;
                        threshold = d - p.eps;
                    }
                }
                (best != usize::MAX).then_some(best)
            }
            DescentRule::SteepestFrustration => {
                let mut best: Option<(usize, W)> = None;
                for i in 0..p.n {
                    let d = self.half_delta(i);
                    if d < neg
                        && best.is_none_or(|(b, bd)| W::ratio_lt(d, p.sq[i], bd, p.sq[b], p.eps))
                    {
                        best = Some((i, d));
                    }
                }
                best.map(|(i, _)| i)
            }
            DescentRule::FirstImprovement => (0..p.n).find(|&i| self.half_delta(i) < neg),
            DescentRule::RandomOrder => {
                let improving: Vec<usize> =
                    (0..p.n).filter(|&i| self.half_delta(i) < neg).collect();
                match (improving.len(), rng) {
                    (0, _) => None,
                    (1, _) | (_, None) => Some(improving[0]),
                    (len, Some(r)) => Some(improving[r.random_range(0..len)]),
                }
            }
        }
    }

    /// Runs the dynamics to a stable configuration; returns the number of moves.
    pub fn descend(
        &mut self,
        p: &Problem<W>,
        rule: DescentRule,
        mut rng: Option<&mut DetRng>,
    ) -> u64 {
        let mut moves = 0;
        while let Some(m) = self.choose(p, rule, rng.as_deref_mut()) {
            self.flip(p, m);
            moves += 1;
        }
        moves
    }
}

/// State with up to `k` coalitions, kept in canonical labels (restricted growth string, D11),
/// with coalition sums `G_i^c` and label counts, updated in `O(n)` per move. The buffers of the
/// move search live here, so a descent allocates only when it starts.
#[derive(Debug, Clone)]
pub(crate) struct Partition<W> {
    pub k: usize,
    pub labels: Vec<u8>,
    pub sums: Vec<W>,
    /// Actors per label.
    used: Vec<usize>,
    /// Move targets of one actor (buffer).
    targets: Vec<usize>,
    /// Improving moves (buffer, random-order rule only).
    improving: Vec<(usize, usize, W)>,
    /// Labels before re-canonicalisation (buffer).
    previous: Vec<u8>,
}

impl<W: Weight> Partition<W> {
    /// Sets up the coalition sums in O(n²) after putting `labels` in canonical form.
    pub fn new(p: &Problem<W>, k: usize, mut labels: Vec<u8>) -> Self {
        canonical_labels(&mut labels, p.neutral);
        let sums = p.coalition_sums(&labels, k);
        let used = label_counts(&labels, k);
        let n = labels.len();
        Partition {
            k,
            previous: Vec::with_capacity(n),
            labels,
            sums,
            used,
            targets: Vec::with_capacity(k),
            improving: Vec::new(),
        }
    }

    /// Starts again from `start` (any labels), reusing every buffer: no allocation.
    pub fn restart(&mut self, p: &Problem<W>, start: &[u8]) {
        self.labels.clear();
        self.labels.extend_from_slice(start);
        canonical_labels(&mut self.labels, p.neutral);
        p.coalition_sums_into(&self.labels, self.k, &mut self.sums);
        self.used.iter_mut().for_each(|u| *u = 0);
        for &l in &self.labels {
            self.used[l as usize] += 1;
        }
    }

    /// Best move under `rule`: `(actor, target)`, or `None` when stable (D9). For each actor
    /// the best target (first within `ε` of the best wins); across actors, the energy-steepest
    /// and first-improvement rules keep the first actor within `ε` of the best move, the
    /// frustration-steepest rule compares `ΔE / s` likewise.
    pub fn choose(
        &mut self,
        p: &Problem<W>,
        rule: DescentRule,
        rng: Option<&mut DetRng>,
    ) -> Option<(usize, usize)> {
        let neg = -p.eps;
        self.improving.clear();
        let mut best: Option<(usize, usize, W)> = None;
        // With the neutral pole and no bloc field, the targets and their energy changes are
        // computed inline (same order and arithmetic as `targets_into` and `move_delta`).
        let inline_neutral = p.neutral.filter(|_| p.fld.is_none()).map(usize::from);
        let empty = inline_neutral.and_then(|nl| (0..nl).find(|&c| self.used[c] == 0));
        for i in 0..p.n {
            let mut mine: Option<(usize, W)> = None;
            let own = self.labels[i] as usize;
            if let Some(nl) = inline_neutral {
                let row = &self.sums[i * self.k..(i + 1) * self.k];
                let mut active = W::ZERO;
                for (c, &v) in row.iter().enumerate() {
                    if c != nl {
                        active += v;
                    }
                }
                let cost = |c: usize| if c == nl { W::ZERO } else { active - row[c] };
                let mut consider = |c: usize, d: W| {
                    if d < neg && mine.is_none_or(|(_, b)| d < b - p.eps) {
                        mine = Some((c, d));
                    }
                };
                for c in 0..nl {
                    if c != own && self.used[c] > 0 {
                        let d = if own == nl {
                            cost(c) - cost(own)
                        } else {
                            row[own] - row[c]
                        };
                        consider(c, d + d);
                    }
                }
                if (own == nl || self.used[own] > 1)
                    && let Some(c) = empty
                {
                    let d = if own == nl {
                        cost(c) - cost(own)
                    } else {
                        row[own] - row[c]
                    };
                    consider(c, d + d);
                }
                if own != nl {
                    let d = cost(nl) - cost(own);
                    consider(nl, d + d);
                }
            } else {
                p.targets_into(&self.used, own, &mut self.targets);
                for &c in &self.targets {
                    let d = p.move_delta(&self.sums, self.k, &self.labels, i, c);
                    if d < neg && mine.is_none_or(|(_, b)| d < b - p.eps) {
                        mine = Some((c, d));
                    }
                }
            }
            let Some((c, d)) = mine else { continue };
            match rule {
                DescentRule::FirstImprovement => return Some((i, c)),
                DescentRule::EnergySteepest => {
                    if best.is_none_or(|(_, _, b)| d < b - p.eps) {
                        best = Some((i, c, d));
                    }
                }
                DescentRule::SteepestFrustration => {
                    if best.is_none_or(|(b, _, bd)| W::ratio_lt(d, p.sq[i], bd, p.sq[b], p.eps)) {
                        best = Some((i, c, d));
                    }
                }
                DescentRule::RandomOrder => self.improving.push((i, c, d)),
            }
        }
        match rule {
            DescentRule::RandomOrder => match (self.improving.len(), rng) {
                (0, _) => None,
                (1, _) | (_, None) => Some((self.improving[0].0, self.improving[0].1)),
                (len, Some(r)) => {
                    let (i, c, _) = self.improving[r.random_range(0..len)];
                    Some((i, c))
                }
            },
            _ => best.map(|(i, c, _)| (i, c)),
        }
    }

    /// Moves actor `m` to coalition `to`, updates the sums in O(n) and re-canonicalises.
    pub fn apply(&mut self, p: &Problem<W>, m: usize, to: usize) {
        let k = self.k;
        let from = self.labels[m] as usize;
        let row = &p.jq[m * p.n..(m + 1) * p.n];
        for (i, &v) in row.iter().enumerate() {
            if i != m {
                self.sums[i * k + from] -= v;
                self.sums[i * k + to] += v;
            }
        }
        self.labels[m] = to as u8;
        self.used[from] -= 1;
        self.used[to] += 1;
        self.previous.clear();
        self.previous.extend_from_slice(&self.labels);
        canonical_labels(&mut self.labels, p.neutral);
        if self.previous != self.labels {
            let mut map = [0usize; 256];
            for (o, nw) in self.previous.iter().zip(&self.labels) {
                map[*o as usize] = *nw as usize;
            }
            // Labels that no longer occur map nowhere meaningful; their sums and counts are
            // zero, so they take the labels left over.
            let mut free = (0..k).filter(|c| !self.labels.contains(&(*c as u8)));
            for (c, slot) in map.iter_mut().enumerate().take(k) {
                if !self.previous.contains(&(c as u8)) {
                    *slot = free.next().unwrap_or(c);
                }
            }
            let mut row = vec![W::ZERO; k];
            for i in 0..p.n {
                let s = &mut self.sums[i * k..(i + 1) * k];
                for (&to, &v) in map.iter().zip(s.iter()) {
                    row[to] = v;
                }
                s.copy_from_slice(&row);
            }
            let used = self.used.clone();
            for (&to, &u) in map.iter().zip(&used) {
                self.used[to] = u;
            }
        }
    }

    /// Runs the dynamics to a stable configuration; returns the number of moves.
    pub fn descend(
        &mut self,
        p: &Problem<W>,
        rule: DescentRule,
        mut rng: Option<&mut DetRng>,
    ) -> u64 {
        let mut moves = 0;
        while let Some((m, c)) = self.choose(p, rule, rng.as_deref_mut()) {
            self.apply(p, m, c);
            moves += 1;
        }
        moves
    }
}

/// Relabels coalitions in order of their lowest-index member (D11, restricted growth string),
/// leaving the neutral pole's label, when on, where it is (it is not a coalition, so it is never
/// interchangeable with one).
pub(crate) fn canonical_labels(labels: &mut [u8], neutral: Option<u8>) {
    let mut map = [u8::MAX; 256];
    if let Some(nl) = neutral {
        map[nl as usize] = nl;
    }
    let mut next = 0u8;
    for l in labels.iter_mut() {
        let slot = &mut map[*l as usize];
        if *slot == u8::MAX {
            *slot = next;
            next += 1;
        }
        *l = *slot;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rgs_relabels_by_first_member() {
        let mut l = vec![2, 2, 0, 1, 0];
        canonical_labels(&mut l, None);
        assert_eq!(l, vec![0, 0, 1, 2, 1]);
        let mut l = vec![2, 1, 2, 0, 1];
        canonical_labels(&mut l, Some(2));
        assert_eq!(l, vec![2, 0, 2, 1, 0]);
    }

    #[test]
    fn rule_names_round_trip() {
        for r in [
            "energy-steepest",
            "steepest-frustration",
            "first-improvement",
            "random-order",
        ] {
            assert_eq!(r.parse::<DescentRule>().unwrap().name(), r);
        }
        assert!("steepest".parse::<DescentRule>().is_err());
    }
}
