//! Exact enumeration for two coalitions: a reflected Gray-code walk over the
//! free actors with incremental local fields, optional successor table and exact basins (D10).
//!
//! Code layout: bit `b` of a code is the side of the `b`-th free actor (1 = coalition B); the
//! pinned actor (D11) is always in A. Chunks are fixed by `n` alone: `2^c` chunks,
//! `c = min(10, free actors − 8)` (at least 256 codes per chunk), results concatenated in chunk
//! order.

use super::descent::{DescentRule, Spins};
use super::problem::Problem;
use super::weight::Weight;
use crate::par::*;

/// Successor-table mark for a stable configuration.
const STABLE: u8 = u8::MAX;
/// Largest number of actors for which exact basins are computed.
pub const EXACT_BASIN_MAX_ACTORS: usize = 24;

/// A stable configuration found by the walk.
#[derive(Debug, Clone)]
pub(crate) struct WalkMinimum<W> {
    pub labels: Vec<u8>,
    pub energy: W,
    pub strict: bool,
    /// Exact basin size under the rule, when basins were computed.
    pub basin: Option<u64>,
}

/// What the walk returns.
#[derive(Debug, Clone)]
pub(crate) struct WalkOutcome<W> {
    /// Stable configurations in code order.
    pub minima: Vec<WalkMinimum<W>>,
    /// Number of codes visited (`2^(free actors)`).
    pub codes: u64,
}

/// The walk's geometry: which actors are free and how codes map to configurations.
struct Layout {
    free: Vec<usize>,
    /// Bit position of each actor in a code (`None` for the pinned actor).
    bit: Vec<Option<u32>>,
}

impl Layout {
    fn new<W: Weight>(p: &Problem<W>) -> Self {
        let free: Vec<usize> = (0..p.n).filter(|&i| Some(i) != p.pinned).collect();
        let mut bit = vec![None; p.n];
        for (b, &i) in free.iter().enumerate() {
            bit[i] = Some(b as u32);
        }
        Layout { free, bit }
    }

    fn codes(&self) -> u64 {
        1u64 << self.free.len()
    }

    fn up(&self, n: usize, code: u64) -> Vec<bool> {
        (0..n)
            .map(|i| match self.bit[i] {
                Some(b) => code >> b & 1 == 0,
                None => true,
            })
            .collect()
    }

    fn labels(&self, n: usize, code: u64) -> Vec<u8> {
        self.up(n, code).into_iter().map(|u| u8::from(!u)).collect()
    }

    /// Code reached when actor `a` changes side; moving the pinned actor is the same as moving
    /// everyone else.
    fn neighbour(&self, code: u64, a: usize) -> u64 {
        match self.bit[a] {
            Some(b) => code ^ (1 << b),
            None => code ^ (self.codes() - 1),
        }
    }

    /// Chunks of at least 2^8 codes (so a chunk's O(n²) set-up and its task overhead stay small
    /// against its walk), at most 2^10 chunks; fixed by `n` alone.
    fn chunk_bits(&self) -> u32 {
        (self.free.len() as u32).saturating_sub(8).min(10)
    }
}

fn gray(t: u64) -> u64 {
    t ^ (t >> 1)
}

fn inverse_gray(mut g: u64) -> u64 {
    let mut t = g;
    while g > 0 {
        g >>= 1;
        t ^= g;
    }
    t
}

/// Walks the chunk whose codes share the high bits `block` (Gray index `inverse_gray(block)`),
/// returning its stable codes with strictness; with `succ`, records each code's successor under
/// `rule` at `succ[code mod chunk_len]`.
fn walk_chunk<W: Weight>(
    p: &Problem<W>,
    layout: &Layout,
    block: u64,
    chunk_len: u64,
    rule: DescentRule,
    mut succ: Option<&mut [u8]>,
) -> Vec<(u64, bool)> {
    let t0 = inverse_gray(block) * chunk_len;
    let mut code = gray(t0);
    let mut spins = Spins::new(p, layout.up(p.n, code));
    let mut found = Vec::new();
    for t in t0..t0 + chunk_len {
        if t > t0 {
            let b = t.trailing_zeros();
            spins.flip(p, layout.free[b as usize]);
            code ^= 1 << b;
        }
        match succ.as_deref_mut() {
            None => {
                if let Some(strict) = stability(p, &spins) {
                    found.push((code, strict));
                }
            }
            Some(table) => {
                let next = spins.choose(p, rule, None);
                table[(code & (chunk_len - 1)) as usize] = match next {
                    Some(a) => a as u8,
                    None => STABLE,
                };
                if next.is_none() {
                    found.push((code, is_strict(p, &spins)));
                }
            }
        }
    }
    found
}

/// `Some(strict)` when stable (every `σ_i h_i ≥ −ε`), with early exit (D9).
#[inline]
fn stability<W: Weight>(p: &Problem<W>, s: &Spins<W>) -> Option<bool> {
    let neg = -p.eps;
    let mut strict = true;
    for (&up, &h) in s.up.iter().zip(&s.h) {
        let d = if up { h } else { -h };
        if d < neg {
            return None;
        }
        if d <= p.eps {
            strict = false;
        }
    }
    Some(strict)
}

fn is_strict<W: Weight>(p: &Problem<W>, s: &Spins<W>) -> bool {
    (0..p.n).all(|i| s.half_delta(i) > p.eps)
}

/// Enumerates every configuration; with `basins`, also the exact basin of each stable
/// configuration under `rule` (which must be deterministic). Reported energies are recomputed
/// from scratch.
pub(crate) fn enumerate<W: Weight>(
    p: &Problem<W>,
    rule: DescentRule,
    basins: bool,
) -> WalkOutcome<W> {
    let layout = Layout::new(p);
    let codes = layout.codes();
    let chunk_len = codes >> layout.chunk_bits();
    let chunks = codes / chunk_len;
    let mut table: Vec<u8> = Vec::new();
    let found: Vec<Vec<(u64, bool)>> = if basins {
        table = vec![0u8; codes as usize];
        table
            .par_chunks_mut(chunk_len as usize)
            .enumerate()
            .map(|(block, slice)| {
                walk_chunk(p, &layout, block as u64, chunk_len, rule, Some(slice))
            })
            .collect()
    } else {
        (0..chunks)
            .into_par_iter()
            .map(|hi| walk_chunk(p, &layout, gray(hi), chunk_len, rule, None))
            .collect()
    };
    let mut stable: Vec<(u64, bool)> = found.into_iter().flatten().collect();
    stable.sort_unstable_by_key(|&(c, _)| c);
    let counts = if basins {
        Some(resolve_basins(&layout, &table, &stable))
    } else {
        None
    };
    let minima = stable
        .iter()
        .enumerate()
        .map(|(id, &(code, strict))| {
            let labels = layout.labels(p.n, code);
            WalkMinimum {
                energy: p.energy(&labels),
                labels,
                strict,
                basin: counts.as_ref().map(|c| c[id]),
            }
        })
        .collect();
    WalkOutcome { minima, codes }
}

/// Follows successors to their stable end with path compression; returns the basin size of each
/// stable code (in the order of `stable`, sorted by code).
fn resolve_basins(layout: &Layout, table: &[u8], stable: &[(u64, bool)]) -> Vec<u64> {
    const UNSET: u32 = u32::MAX;
    let mut end = vec![UNSET; table.len()];
    let mut counts = vec![0u64; stable.len()];
    let mut path: Vec<u64> = Vec::new();
    for start in 0..table.len() as u64 {
        if end[start as usize] == UNSET {
            path.clear();
            let mut x = start;
            let id = loop {
                let e = end[x as usize];
                if e != UNSET {
                    break e;
                }
                let a = table[x as usize];
                if a == STABLE {
                    // Every stable code is in `stable`, which is sorted by code.
                    let id = stable.partition_point(|&(c, _)| c < x) as u32;
                    end[x as usize] = id;
                    break id;
                }
                path.push(x);
                x = layout.neighbour(x, a as usize);
            };
            for &y in &path {
                end[y as usize] = id;
            }
        }
        counts[end[start as usize] as usize] += 1;
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inverse_gray_inverts_gray() {
        for t in 0..1000u64 {
            assert_eq!(inverse_gray(gray(t)), t);
        }
    }
}
