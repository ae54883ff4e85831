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
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        [
            DescentRule::EnergySteepest,
            DescentRule::SteepestFrustration,
            DescentRule::FirstImprovement,
            DescentRule::RandomOrder,
        ]
        .into_iter()
        .find(|r| r.name() == s)
        .ok_or_else(|| {
            format!(
                "unknown descent rule '{s}' (energy-steepest, steepest-frustration, \
                 first-improvement, random-order)"
            )
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
/// with coalition sums `G_i^c`.
#[derive(Debug, Clone)]
pub(crate) struct Partition<W> {
    pub k: usize,
    pub labels: Vec<u8>,
    pub sums: Vec<W>,
}

impl<W: Weight> Partition<W> {
    /// Sets up the coalition sums in O(n²) after putting `labels` in canonical form.
    pub fn new(p: &Problem<W>, k: usize, mut labels: Vec<u8>) -> Self {
        canonical_labels(&mut labels, p.neutral);
        let sums = p.coalition_sums(&labels, k);
        Partition { k, labels, sums }
    }

    /// Best move under `rule`: `(actor, target)`, or `None` when stable (D9).
    pub fn choose(
        &self,
        p: &Problem<W>,
        rule: DescentRule,
        rng: Option<&mut DetRng>,
    ) -> Option<(usize, usize)> {
        let neg = -p.eps;
        let mut improving: Vec<(usize, usize, W)> = Vec::new();
        let used = label_counts(&self.labels, self.k);
        let mut targets = Vec::with_capacity(self.k);
        for i in 0..p.n {
            let mut best: Option<(usize, W)> = None;
            p.targets_into(&used, self.labels[i] as usize, &mut targets);
            for &c in &targets {
                let d = p.move_delta(&self.sums, self.k, &self.labels, i, c);
                if d < neg && best.is_none_or(|(_, b)| d < b - p.eps) {
                    best = Some((c, d));
                }
            }
            if let Some((c, d)) = best {
                if rule == DescentRule::FirstImprovement {
                    return Some((i, c));
                }
                improving.push((i, c, d));
            }
        }
        match rule {
            DescentRule::EnergySteepest | DescentRule::FirstImprovement => {
                let mut best: Option<(usize, usize, W)> = None;
                for &(i, c, d) in &improving {
                    if best.is_none_or(|(_, _, b)| d < b - p.eps) {
                        best = Some((i, c, d));
                    }
                }
                best.map(|(i, c, _)| (i, c))
            }
            DescentRule::SteepestFrustration => {
                let mut best: Option<(usize, usize, W)> = None;
                for &(i, c, d) in &improving {
                    if best.is_none_or(|(b, _, bd)| W::ratio_lt(d, p.sq[i], bd, p.sq[b], p.eps)) {
                        best = Some((i, c, d));
                    }
                }
                best.map(|(i, c, _)| (i, c))
            }
            DescentRule::RandomOrder => match (improving.len(), rng) {
                (0, _) => None,
                (1, _) | (_, None) => Some((improving[0].0, improving[0].1)),
                (len, Some(r)) => {
                    let (i, c, _) = improving[r.random_range(0..len)];
                    Some((i, c))
                }
            },
        }
    }

    /// Moves actor `m` to coalition `to`, updates the sums in O(n) and re-canonicalises.
    pub fn apply(&mut self, p: &Problem<W>, m: usize, to: usize) {
        let k = self.k;
        let from = self.labels[m] as usize;
        for i in 0..p.n {
            if i != m {
                let v = p.j(i, m);
                self.sums[i * k + from] -= v;
                self.sums[i * k + to] += v;
            }
        }
        self.labels[m] = to as u8;
        let old = self.labels.clone();
        canonical_labels(&mut self.labels, p.neutral);
        if old != self.labels {
            let mut map = vec![0usize; k];
            for (o, nw) in old.iter().zip(&self.labels) {
                map[*o as usize] = *nw as usize;
            }
            let mut sums = vec![W::ZERO; self.sums.len()];
            for i in 0..p.n {
                for c in 0..k {
                    sums[i * k + map[c]] += self.sums[i * k + c];
                }
            }
            // Labels that no longer occur map nowhere meaningful; their sums are zero anyway.
            self.sums = sums;
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
