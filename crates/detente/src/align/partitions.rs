//! Exact enumeration for `k > 2` coalitions: depth-first over restricted growth
//! strings (D11), keeping the coalition sums `G_i^c = Σ_{j∈c} J_ij` up to date as actors are
//! placed (O(n) per placement), testing stability at each complete configuration.
//!
//! Work is split by the labels of the first `min(n, 8)` actors (fixed by `n` and `k` alone) and
//! concatenated in prefix order.

use super::problem::Problem;
use super::weight::Weight;
use crate::par::*;

/// A stable configuration found by the enumeration (labels in canonical form).
#[derive(Debug, Clone)]
pub(crate) struct PartitionMinimum<W> {
    pub labels: Vec<u8>,
    pub energy: W,
    pub strict: bool,
}

/// Number of configurations with at most `k` non-empty coalitions: `Σ_{m≤k} S(n, m)` (Stirling
/// numbers of the second kind), saturating at `u128::MAX`.
pub fn configuration_count(n: usize, k: usize) -> u128 {
    // Row-by-row recurrence S(i, m) = m S(i−1, m) + S(i−1, m−1).
    let mut row = vec![0u128; k + 1];
    row[0] = 1;
    for _ in 0..n {
        for m in (1..=k).rev() {
            row[m] = (m as u128)
                .saturating_mul(row[m])
                .saturating_add(row[m - 1]);
        }
        row[0] = 0;
    }
    row[1..].iter().fold(0u128, |a, &b| a.saturating_add(b))
}

struct Walker<'a, W> {
    p: &'a Problem<W>,
    k: usize,
    labels: Vec<u8>,
    sums: Vec<W>,
    count: Vec<usize>,
    found: Vec<PartitionMinimum<W>>,
    visited: u64,
}

impl<W: Weight> Walker<'_, W> {
    fn place(&mut self, i: usize, c: usize, sign: bool) {
        let (n, k) = (self.p.n, self.k);
        for j in 0..n {
            if j != i {
                let v = self.p.j(j, i);
                if sign {
                    self.sums[j * k + c] += v;
                } else {
                    self.sums[j * k + c] -= v;
                }
            }
        }
        if sign {
            self.count[c] += 1;
            self.labels[i] = c as u8;
        } else {
            self.count[c] -= 1;
        }
    }

    fn used(&self) -> usize {
        self.count.iter().take_while(|&&c| c > 0).count()
    }

    fn dfs(&mut self, i: usize) {
        if i == self.p.n {
            self.leaf();
            return;
        }
        let top = (self.used() + 1).min(self.k);
        for c in 0..top {
            self.place(i, c, true);
            self.dfs(i + 1);
            self.place(i, c, false);
        }
    }

    fn leaf(&mut self) {
        self.visited += 1;
        let (p, k) = (self.p, self.k);
        let used = self.used();
        let neg = -p.eps;
        let mut strict = true;
        for i in 0..p.n {
            let own = self.labels[i] as usize;
            let g_own = self.sums[i * k + own];
            for c in 0..used {
                if c != own {
                    let d = g_own - self.sums[i * k + c];
                    if d < neg {
                        return;
                    }
                    if d <= p.eps {
                        strict = false;
                    }
                }
            }
            if used < k && self.count[own] > 1 {
                if g_own < neg {
                    return;
                }
                if g_own <= p.eps {
                    strict = false;
                }
            }
        }
        self.found.push(PartitionMinimum {
            labels: self.labels.clone(),
            energy: p.energy(&self.labels),
            strict,
        });
    }
}

/// Every restricted growth string of length `len` with at most `k` labels, in lexicographic order.
fn prefixes(len: usize, k: usize) -> Vec<Vec<u8>> {
    let mut out = vec![Vec::new()];
    for _ in 0..len {
        let mut next = Vec::new();
        for p in out {
            let top = p.iter().map(|&l| l as usize + 1).max().unwrap_or(0);
            for c in 0..(top + 1).min(k) {
                let mut q = p.clone();
                q.push(c as u8);
                next.push(q);
            }
        }
        out = next;
    }
    out
}

/// Enumerates every configuration with at most `k` coalitions; returns the stable ones in
/// canonical (lexicographic) order and the number of configurations visited.
pub(crate) fn enumerate<W: Weight>(p: &Problem<W>, k: usize) -> (Vec<PartitionMinimum<W>>, u64) {
    let n = p.n;
    let split = n.min(8);
    let parts: Vec<(Vec<PartitionMinimum<W>>, u64)> = prefixes(split, k)
        .into_par_iter()
        .map(|prefix| {
            let mut w = Walker {
                p,
                k,
                labels: vec![0; n],
                sums: vec![W::ZERO; n * k],
                count: vec![0; k],
                found: Vec::new(),
                visited: 0,
            };
            for (i, &c) in prefix.iter().enumerate() {
                w.place(i, c as usize, true);
            }
            w.dfs(split);
            (w.found, w.visited)
        })
        .collect();
    let visited = parts.iter().map(|(_, v)| v).sum();
    (parts.into_iter().flat_map(|(f, _)| f).collect(), visited)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_match_stirling_sums() {
        assert_eq!(configuration_count(4, 2), 8);
        assert_eq!(configuration_count(4, 4), 15); // Bell number B4
        assert_eq!(configuration_count(17, 3), 21_523_361);
        assert_eq!(prefixes(3, 3).len(), 5);
    }
}
