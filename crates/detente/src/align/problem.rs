//! The landscape in search units: couplings `J_ij = s_i s_j p_ij` scaled to exact integers when
//! possible, and the evaluations every search shares (D5–D9).
//!
//! Units: `jq[i·n+j] = J_ij · q` and `fld[i][c] = −s_i h_i^c · q`, so an energy in search units
//! divided by `q` is `E` (D6, ordered pairs). For exact inputs `q = 2·10^D` with `D` the decimals
//! needed; for floating inputs `q = 1`.

use super::landscape::Landscape;
use super::weight::{Weight, decimals, scaled};

/// A landscape ready for search in number type `W`.
#[derive(Debug, Clone)]
pub(crate) struct Problem<W> {
    /// Number of actors.
    pub n: usize,
    /// `J_ij · q`, row-major, zero diagonal.
    pub jq: Vec<W>,
    /// `2 J_ij · q`, the update of a local field when actor `j` changes side.
    pub j2: Vec<W>,
    /// Sizes in search units (only their ratios are used).
    pub sq: Vec<W>,
    /// Sizes as given, to turn energy changes into frustration changes (D7).
    pub s: Vec<f64>,
    /// Bloc field energy per actor and coalition, in search units (two coalitions only).
    pub fld: Option<Vec<[W; 2]>>,
    /// Offset of the two-coalition local field from the bloc field: `(fld[1] − fld[0]) / 2`.
    pub g: Vec<W>,
    /// Tolerance for comparisons: 0 when exact.
    pub eps: W,
    /// Scale: energy in search units = `E · q`.
    pub q: f64,
    /// Pinned actor of the canonical form (D11), `None` when a field breaks label symmetry.
    pub pinned: Option<usize>,
    /// Label of the neutral pole when it is on (always the last label, `k`): its members are in
    /// no coalition, so no pair that involves one of them counts as split.
    pub neutral: Option<u8>,
}

/// A problem in whichever number type the inputs allow.
pub(crate) enum Scaled {
    I32(Problem<i32>),
    I64(Problem<i64>),
    I128(Problem<i128>),
    F64(Problem<f64>),
}

/// Calls `$body` with `$p` bound to the problem, whatever its number type.
macro_rules! with_problem {
    ($scaled:expr, $p:ident => $body:expr) => {
        match $scaled {
            $crate::align::problem::Scaled::I32($p) => $body,
            $crate::align::problem::Scaled::I64($p) => $body,
            $crate::align::problem::Scaled::I128($p) => $body,
            $crate::align::problem::Scaled::F64($p) => $body,
        }
    };
}
pub(crate) use with_problem;

impl Scaled {
    /// Whether the search runs in exact integers.
    #[cfg(test)]
    pub fn exact(&self) -> bool {
        !matches!(self, Scaled::F64(_))
    }

    /// Switches the neutral pole on, as label `k` (the coalitions keep labels `0..k`).
    pub fn with_neutral(mut self, k: usize) -> Self {
        let label = Some(k as u8);
        match &mut self {
            Scaled::I32(p) => p.neutral = label,
            Scaled::I64(p) => p.neutral = label,
            Scaled::I128(p) => p.neutral = label,
            Scaled::F64(p) => p.neutral = label,
        }
        self
    }
}

/// Scales a landscape: exact integers when every size, propensity and field value has at most
/// 6 decimals and the sums fit (checked), else `f64` with `ε = 1e−12 · Σ_{i≠j} |J_ij|`.
pub(crate) fn scale(l: &Landscape) -> Scaled {
    if let Some(exact) = exact_integers(l) {
        let total: i128 = exact.bound;
        // Narrow integers make the Gray walk's field updates twice as wide per SIMD lane.
        if total <= (i32::MAX / 8) as i128 && exact.smax <= i32::MAX as i128 {
            return Scaled::I32(exact.convert(|v| v as i32));
        }
        if total <= (i64::MAX / 8) as i128 && exact.smax <= i64::MAX as i128 {
            let p = exact.convert(|v| v as i64);
            return Scaled::I64(p);
        }
        if total <= i128::MAX / 8 {
            return Scaled::I128(exact.convert(|v| v));
        }
    }
    Scaled::F64(float_problem(l))
}

struct ExactParts {
    n: usize,
    jq: Vec<i128>,
    sq: Vec<i128>,
    s: Vec<f64>,
    fld: Option<Vec<[i128; 2]>>,
    q: f64,
    pinned: Option<usize>,
    /// Bound on every energy, field and coalition sum: `Σ_{i≠j} |J_ij q| + Σ_i Σ_c |fld_i^c|`.
    bound: i128,
    /// Largest size in search units (sizes enter products in the frustration-steepest rule,
    /// which are widened to the next integer type).
    smax: i128,
}

impl ExactParts {
    fn convert<W: Weight>(self, f: impl Fn(i128) -> W) -> Problem<W> {
        let jq: Vec<W> = self.jq.iter().map(|&v| f(v)).collect();
        let j2 = self.jq.iter().map(|&v| f(2 * v)).collect();
        let fld: Option<Vec<[W; 2]>> = self
            .fld
            .as_ref()
            .map(|v| v.iter().map(|c| [f(c[0]), f(c[1])]).collect());
        let g = match &self.fld {
            Some(v) => v.iter().map(|c| f((c[1] - c[0]) / 2)).collect(),
            None => vec![W::ZERO; self.n],
        };
        Problem {
            n: self.n,
            jq,
            j2,
            sq: self.sq.iter().map(|&v| f(v)).collect(),
            s: self.s,
            fld,
            g,
            eps: W::ZERO,
            q: self.q,
            pinned: self.pinned,
            neutral: None,
        }
    }
}

fn max_decimals(values: impl Iterator<Item = f64>) -> Option<u32> {
    let mut d = 0;
    for v in values {
        d = d.max(decimals(v)?);
    }
    Some(d)
}

fn exact_integers(l: &Landscape) -> Option<ExactParts> {
    let n = l.n();
    let ds = max_decimals(l.actors.iter().map(|a| a.size))?;
    let dp = max_decimals(
        (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| l.p(i, j)),
    )?;
    let dh = match &l.field {
        Some(f) => max_decimals(f.pull.iter().flatten().copied())?,
        None => 0,
    };
    let big_d = (2 * ds + dp).max(if l.field.is_some() { ds + dh } else { 0 });
    if big_d > 30 {
        return None;
    }
    let sq: Vec<i128> = l.actors.iter().map(|a| scaled(a.size, ds)).collect();
    let pow = |e: u32| 10i128.checked_pow(e);
    let jmul = pow(big_d - 2 * ds - dp)?.checked_mul(2)?;
    let mut jq = vec![0i128; n * n];
    let mut bound: i128 = 0;
    for i in 0..n {
        let mut row: i128 = 0;
        for j in 0..n {
            if i == j {
                continue;
            }
            let v = sq[i]
                .checked_mul(sq[j])?
                .checked_mul(scaled(l.p(i, j), dp))?
                .checked_mul(jmul)?;
            jq[i * n + j] = v;
            row = row.checked_add(v.checked_abs()?)?;
        }
        bound = bound.checked_add(row)?;
    }
    let fld = match &l.field {
        Some(f) => {
            let fmul = pow(big_d - ds - dh)?.checked_mul(2)?;
            let mut v = Vec::with_capacity(n);
            for (i, pull) in f.pull.iter().enumerate() {
                let a = -sq[i].checked_mul(scaled(pull[0], dh))?.checked_mul(fmul)?;
                let b = -sq[i].checked_mul(scaled(pull[1], dh))?.checked_mul(fmul)?;
                bound = bound.checked_add(a.checked_abs()?.checked_add(b.checked_abs()?)?)?;
                v.push([a, b]);
            }
            Some(v)
        }
        None => None,
    };
    let smax = sq.iter().copied().max().unwrap_or(1).max(1);
    Some(ExactParts {
        n,
        jq,
        sq,
        s: l.actors.iter().map(|a| a.size).collect(),
        fld,
        q: 2.0 * 10f64.powi(big_d as i32),
        pinned: if l.field.is_some() {
            None
        } else {
            Some(l.pinned_actor())
        },
        bound,
        smax,
    })
}

fn float_problem(l: &Landscape) -> Problem<f64> {
    let n = l.n();
    let s: Vec<f64> = l.actors.iter().map(|a| a.size).collect();
    let mut jq = vec![0.0; n * n];
    let mut total = 0.0;
    for i in 0..n {
        for j in 0..n {
            if i != j {
                jq[i * n + j] = s[i] * s[j] * l.p(i, j);
                total += jq[i * n + j].abs();
            }
        }
    }
    let fld: Option<Vec<[f64; 2]>> = l.field.as_ref().map(|f| {
        f.pull
            .iter()
            .zip(&s)
            .map(|(h, si)| [-si * h[0], -si * h[1]])
            .collect()
    });
    let g = match &fld {
        Some(v) => v.iter().map(|c| 0.5 * (c[1] - c[0])).collect(),
        None => vec![0.0; n],
    };
    let field_total: f64 = fld.iter().flatten().map(|c| c[0].abs() + c[1].abs()).sum();
    Problem {
        n,
        j2: jq.iter().map(|v| 2.0 * v).collect(),
        jq,
        sq: s.clone(),
        s,
        fld,
        g,
        eps: 1e-12 * (total + field_total),
        q: 1.0,
        pinned: if l.field.is_some() {
            None
        } else {
            Some(l.pinned_actor())
        },
        neutral: None,
    }
}

impl<W: Weight> Problem<W> {
    /// `J_ij · q`.
    #[inline]
    pub fn j(&self, i: usize, j: usize) -> W {
        self.jq[i * self.n + j]
    }

    /// Whether actor `i` sits in the neutral pole.
    #[inline]
    pub fn is_neutral(&self, labels: &[u8], i: usize) -> bool {
        self.neutral == Some(labels[i])
    }

    /// Whether the pair `(i, j)` is split (`d_ij = 1`): in different coalitions, neither of them
    /// in the neutral pole.
    #[inline]
    pub fn split(&self, labels: &[u8], i: usize, j: usize) -> bool {
        labels[i] != labels[j] && !self.is_neutral(labels, i) && !self.is_neutral(labels, j)
    }

    /// Energy (D6) of a labelled configuration, in search units, summed in a fixed order. With
    /// the neutral pole, pairs with a neutral member count 0.
    pub fn energy(&self, labels: &[u8]) -> W {
        let mut e = W::ZERO;
        for i in 0..self.n {
            for j in 0..self.n {
                if self.split(labels, i, j) {
                    e += self.j(i, j);
                }
            }
            if let Some(f) = &self.fld {
                e += f[i][labels[i] as usize & 1];
            }
        }
        e
    }

    /// Per-actor coalition sums `G_i^c = Σ_{j≠i, X(j)=c} J_ij · q` for labels `0..k`.
    pub fn coalition_sums(&self, labels: &[u8], k: usize) -> Vec<W> {
        let mut g = Vec::new();
        self.coalition_sums_into(labels, k, &mut g);
        g
    }

    /// [`Problem::coalition_sums`] into a buffer (resized to `n·k`).
    pub fn coalition_sums_into(&self, labels: &[u8], k: usize, g: &mut Vec<W>) {
        g.clear();
        g.resize(self.n * k, W::ZERO);
        for i in 0..self.n {
            let row = &self.jq[i * self.n..(i + 1) * self.n];
            let gi = &mut g[i * k..(i + 1) * k];
            for (j, &v) in row.iter().enumerate() {
                if i != j {
                    gi[labels[j] as usize] += v;
                }
            }
        }
    }

    /// Energy change (search units) of moving actor `i` from its coalition to `to` (D7):
    /// `2 (G_i^own − G_i^to)` plus the bloc field's change.
    ///
    /// With the neutral pole (label `N`), actor `i`'s share of the energy is
    /// `2 c_i(X(i))` with `c_i(N) = 0` and, for a coalition `c`, `c_i(c) = T_i − G_i^N − G_i^c`
    /// (`T_i = Σ_c G_i^c`: every active partner outside `c`), so a move changes the energy by
    /// `2 (c_i(to) − c_i(own))`; between two coalitions this is the same `2 (G_i^own − G_i^to)`.
    pub fn move_delta(&self, sums: &[W], k: usize, labels: &[u8], i: usize, to: usize) -> W {
        let own = labels[i] as usize;
        if let Some(nl) = self.neutral {
            let nl = nl as usize;
            if own == nl || to == nl {
                let row = &sums[i * k..(i + 1) * k];
                let mut active = W::ZERO;
                for (c, &v) in row.iter().enumerate() {
                    if c != nl {
                        active += v;
                    }
                }
                let cost = |c: usize| if c == nl { W::ZERO } else { active - row[c] };
                let d = cost(to) - cost(own);
                return d + d;
            }
        }
        let d = sums[i * k + own] - sums[i * k + to];
        let mut e = d + d;
        if let Some(f) = &self.fld {
            e += f[i][to & 1] - f[i][own & 1];
        }
        e
    }

    /// Converts an energy change of actor `i` (search units) to its frustration change (D7:
    /// `ΔE = 2 s_i ΔF_i`).
    pub fn to_frustration(&self, i: usize, delta_e: W) -> f64 {
        delta_e.to_f64() / (2.0 * self.q * self.s[i])
    }
}

impl<W> Problem<W> {
    /// The moves open to actor `i` in `labels` with `k` labels (D7): every other coalition in
    /// use, plus one empty coalition when fewer than the maximum are in use and `i` is not alone.
    /// With the neutral pole (label `N = k − 1`, so at most `k − 1` coalitions), a neutral actor
    /// may also open an empty coalition, and every actor outside the pole may join it.
    pub fn targets(&self, labels: &[u8], k: usize, i: usize) -> Vec<usize> {
        if self.neutral.is_none() {
            return move_targets(labels, k, i);
        }
        self.targets_from(&label_counts(labels, k), labels[i] as usize)
    }

    /// [`Problem::targets`] for an actor in coalition `own`, given the label counts
    /// ([`label_counts`]), so a sweep over actors counts once.
    pub fn targets_from(&self, used: &[usize], own: usize) -> Vec<usize> {
        let mut targets = Vec::with_capacity(used.len());
        self.targets_into(used, own, &mut targets);
        targets
    }

    /// [`Problem::targets_from`] into a buffer (cleared first), for the descent's hot loop.
    pub fn targets_into(&self, used: &[usize], own: usize, targets: &mut Vec<usize>) {
        targets.clear();
        let k = used.len();
        if k == 2 && self.neutral.is_none() {
            targets.push(1 - own);
            return;
        }
        let (coalitions, nl) = match self.neutral {
            Some(nl) => (nl as usize, Some(nl as usize)),
            None => (k, None),
        };
        targets.extend((0..coalitions).filter(|&c| c != own && used[c] > 0));
        if (Some(own) == nl || used[own] > 1)
            && let Some(empty) = (0..coalitions).find(|&c| used[c] == 0)
        {
            targets.push(empty);
        }
        if let Some(nl) = nl
            && own != nl
        {
            targets.push(nl);
        }
    }
}

/// How many actors carry each of the `k` labels.
pub(crate) fn label_counts(labels: &[u8], k: usize) -> Vec<usize> {
    let mut used = vec![0usize; k];
    for &l in labels {
        used[l as usize] += 1;
    }
    used
}

/// The moves open to actor `i` in `labels` with at most `k` coalitions: every other coalition in
/// use, plus one empty coalition when fewer than `k` are in use and `i` is not alone (D7).
pub(crate) fn move_targets(labels: &[u8], k: usize, i: usize) -> Vec<usize> {
    let own = labels[i] as usize;
    if k == 2 {
        return vec![1 - own];
    }
    let used = label_counts(labels, k);
    let mut targets: Vec<usize> = (0..k).filter(|&c| c != own && used[c] > 0).collect();
    if used[own] > 1
        && let Some(empty) = (0..k).find(|&c| used[c] == 0)
    {
        targets.push(empty);
    }
    targets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::landscape::LandscapeActor;

    fn landscape(sizes: &[f64], p: f64) -> Landscape {
        let n = sizes.len();
        let actors = sizes
            .iter()
            .enumerate()
            .map(|(i, &s)| LandscapeActor {
                id: format!("a{i}"),
                size: s,
            })
            .collect();
        let mut m = vec![p; n * n];
        for i in 0..n {
            m[i * n + i] = 0.0;
        }
        Landscape::new(actors, m).unwrap()
    }

    #[test]
    fn exact_when_decimals_are_short() {
        let l = landscape(&[1.0, 2.0, 3.0], -1.0);
        match scale(&l) {
            Scaled::I32(p) => {
                // {3} | {1,2}: E = 2·(3·1 + 3·2)·(−1) = −18.
                assert_eq!(p.energy(&[0, 0, 1]) as f64 / p.q, -18.0);
                assert_eq!(p.pinned, Some(2));
            }
            _ => panic!("expected exact integers"),
        }
        let l = landscape(&[1.0 / 3.0, 2.0], -1.0);
        assert!(!scale(&l).exact());
    }

    #[test]
    fn empty_coalition_is_a_target_only_when_not_alone() {
        assert_eq!(move_targets(&[0, 0, 1], 3, 0), vec![1, 2]);
        assert_eq!(move_targets(&[0, 1, 1], 3, 0), vec![1]);
        assert_eq!(move_targets(&[0, 1], 2, 1), vec![0]);
    }
}
