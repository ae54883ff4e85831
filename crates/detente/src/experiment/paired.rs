//! Paired differences between two arms run on common random numbers: the per-run difference
//! a − b of a real metric with a normal interval, and the difference of two proportions with
//! Newcombe's hybrid score interval for paired data.

use crate::stats::{Z95, wilson};
use serde::Serialize;

/// How the 95 % interval of a paired difference was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IntervalMethod {
    /// `mean ± z·sd/√n` over the per-run differences (real metrics).
    Normal,
    /// Newcombe's hybrid score interval for paired proportions (event metrics); stays within
    /// [−1, 1].
    NewcombeHybridScore,
}

/// A paired difference `a − b` between two arms on one metric, over the runs where both values
/// were defined.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairedDifference {
    /// First arm.
    pub a: String,
    /// Second arm.
    pub b: String,
    /// Metric name.
    pub metric: String,
    /// Runs where both values were defined.
    pub n: u64,
    /// Mean difference a − b (for an event: the difference of the two proportions).
    pub mean: f64,
    /// Sample standard deviation of the per-run differences (0 with one run).
    pub sd: f64,
    /// Lower end of the 95 % interval.
    pub low: f64,
    /// Upper end of the 95 % interval.
    pub high: f64,
    /// How the interval was computed.
    pub method: IntervalMethod,
}

impl PairedDifference {
    /// The same difference the other way round, `b − a`: mean and interval negated (both
    /// interval methods are symmetric under swapping the arms).
    pub fn reversed(&self) -> PairedDifference {
        PairedDifference {
            a: self.b.clone(),
            b: self.a.clone(),
            metric: self.metric.clone(),
            n: self.n,
            mean: -self.mean,
            sd: self.sd,
            low: -self.high,
            high: -self.low,
            method: self.method,
        }
    }
}

/// Running mean and variance of per-run differences (Welford).
#[derive(Debug, Clone, Copy, Default)]
pub struct RealPairs {
    n: u64,
    mean: f64,
    m2: f64,
}

impl RealPairs {
    /// Add one run's two values (skipped when either is undefined).
    #[inline]
    pub fn push(&mut self, a: f64, b: f64) {
        let x = a - b;
        if !x.is_finite() {
            return;
        }
        self.n += 1;
        let d = x - self.mean;
        self.mean += d / self.n as f64;
        self.m2 += d * (x - self.mean);
    }

    /// `(n, mean, sd, low, high)` with the normal interval `mean ± z·sd/√n` (NaN ends with
    /// fewer than two runs).
    fn interval(&self) -> (u64, f64, f64, f64, f64) {
        if self.n == 0 {
            return (0, f64::NAN, 0.0, f64::NAN, f64::NAN);
        }
        let sd = if self.n > 1 {
            (self.m2 / (self.n - 1) as f64).sqrt()
        } else {
            0.0
        };
        let half = if self.n > 1 {
            Z95 * sd / (self.n as f64).sqrt()
        } else {
            f64::NAN
        };
        (self.n, self.mean, sd, self.mean - half, self.mean + half)
    }
}

/// The 2×2 table of two paired yes/no outcomes: `both`, `a_only`, `b_only`, `neither`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EventPairs {
    /// Runs where both arms had the event (n₁₁).
    pub both: u64,
    /// Runs where only arm a had it (n₁₂).
    pub a_only: u64,
    /// Runs where only arm b had it (n₂₁).
    pub b_only: u64,
    /// Runs where neither had it (n₂₂).
    pub neither: u64,
}

impl EventPairs {
    /// Add one run's outcomes.
    #[inline]
    pub fn push(&mut self, a: bool, b: bool) {
        match (a, b) {
            (true, true) => self.both += 1,
            (true, false) => self.a_only += 1,
            (false, true) => self.b_only += 1,
            (false, false) => self.neither += 1,
        }
    }

    /// `(n, mean, sd, low, high)`: the difference of proportions p_a − p_b with Newcombe's
    /// hybrid score interval for paired data (Newcombe 1998, method 10).
    ///
    /// With n runs, p_a = (n₁₁ + n₁₂)/n, p_b = (n₁₁ + n₂₁)/n, θ = p_a − p_b = (n₁₂ − n₂₁)/n, the
    /// 95 % Wilson intervals (l_a, u_a) and (l_b, u_b) of the two proportions and the phi
    /// correlation of the table as Newcombe defines it,
    /// φ = C/√((n₁₁+n₁₂)(n₂₁+n₂₂)(n₁₁+n₂₁)(n₁₂+n₂₂)) with B = n₁₁n₂₂ − n₁₂n₂₁ and
    /// C = max(B − n/2, 0) when B > 0, C = B otherwise (φ = 0 when a margin is 0):
    ///
    /// L = θ − √((p_a − l_a)² − 2φ(p_a − l_a)(u_b − p_b) + (u_b − p_b)²)
    /// U = θ + √((u_a − p_a)² − 2φ(u_a − p_a)(p_b − l_b) + (p_b − l_b)²)
    ///
    /// Because each Wilson interval stays within [0, 1], [L, U] stays within [−1, 1].
    fn interval(&self) -> (u64, f64, f64, f64, f64) {
        let n = self.both + self.a_only + self.b_only + self.neither;
        if n == 0 {
            return (0, f64::NAN, 0.0, -1.0, 1.0);
        }
        let nf = n as f64;
        let wa = wilson(self.both + self.a_only, n);
        let wb = wilson(self.both + self.b_only, n);
        let (pa, pb) = (wa.estimate, wb.estimate);
        let theta = (self.a_only as f64 - self.b_only as f64) / nf;
        let [n11, n12, n21, n22] =
            [self.both, self.a_only, self.b_only, self.neither].map(|c| c as f64);
        let margins = (n11 + n12) * (n21 + n22) * (n11 + n21) * (n12 + n22);
        let b = n11 * n22 - n12 * n21;
        let c = if b > 0.0 { (b - nf / 2.0).max(0.0) } else { b };
        let phi = if margins > 0.0 {
            c / margins.sqrt()
        } else {
            0.0
        };
        let (da, ub) = (pa - wa.low, wb.high - pb);
        let (ua, db) = (wa.high - pa, pb - wb.low);
        let delta = (da * da - 2.0 * phi * da * ub + ub * ub).max(0.0).sqrt();
        let eps = (ua * ua - 2.0 * phi * ua * db + db * db).max(0.0).sqrt();
        // Per-run differences are +1 (n₁₂ runs), −1 (n₂₁) or 0.
        let sd = if n > 1 {
            ((n12 + n21 - nf * theta * theta).max(0.0) / (nf - 1.0)).sqrt()
        } else {
            0.0
        };
        (
            n,
            theta,
            sd,
            (theta - delta).max(-1.0),
            (theta + eps).min(1.0),
        )
    }
}

/// Accumulated paired differences of one metric for one pair of arms.
#[derive(Debug, Clone, Copy)]
pub enum PairTally {
    /// A real metric.
    Real(RealPairs),
    /// A yes/no metric.
    Event(EventPairs),
}

impl PairTally {
    /// The difference `a − b` named by the arms and the metric.
    pub fn difference(&self, a: &str, b: &str, metric: &str) -> PairedDifference {
        let ((n, mean, sd, low, high), method) = match self {
            PairTally::Real(r) => (r.interval(), IntervalMethod::Normal),
            PairTally::Event(e) => (e.interval(), IntervalMethod::NewcombeHybridScore),
        };
        PairedDifference {
            a: a.to_string(),
            b: b.to_string(),
            metric: metric.to_string(),
            n,
            mean,
            sd,
            low,
            high,
            method,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(both: u64, a_only: u64, b_only: u64, neither: u64) -> PairedDifference {
        PairTally::Event(EventPairs {
            both,
            a_only,
            b_only,
            neither,
        })
        .difference("a", "b", "m")
    }

    /// Fagerland, Lydersen and Laake, Statistical Analysis of Contingency Tables (2017), chapter
    /// 8 (the `contingencytables` R package's test of `Newcombe_square_and_add_CI_paired_2x2`):
    /// the table [[59, 6], [16, 80]] gives −0.0621 (95 % CI −0.1186 to −0.0046).
    #[test]
    fn newcombe_matches_the_published_example() {
        let d = table(59, 6, 16, 80);
        assert!((d.mean + 0.0621).abs() < 5e-5, "{d:?}");
        assert!((d.low + 0.1186).abs() < 5e-5, "{d:?}");
        assert!((d.high + 0.0046).abs() < 5e-5, "{d:?}");
        assert_eq!(d.method, IntervalMethod::NewcombeHybridScore);
    }

    /// The filed case: 200 runs, one arm always spirals, the other almost never. A normal
    /// interval crossed +1; Newcombe's stays inside [−1, 1] and still excludes 0.
    #[test]
    fn an_extreme_difference_stays_within_the_bounds() {
        let d = table(0, 198, 0, 2);
        assert!((d.mean - 0.99).abs() < 1e-12);
        assert!(d.high <= 1.0 && d.low > 0.9, "{d:?}");
        let all = table(0, 200, 0, 0);
        assert_eq!(all.mean, 1.0);
        assert!(
            all.high <= 1.0 && all.low < 1.0 && all.low > 0.95,
            "{all:?}"
        );
        let r = all.reversed();
        assert_eq!((r.mean, r.low, r.high), (-1.0, -all.high, -all.low));
        // Identical arms: the difference is exactly 0 and the interval is narrow around it.
        let same = table(30, 0, 0, 70);
        assert_eq!(same.mean, 0.0);
        assert!(
            same.low <= 0.0 && same.high >= 0.0 && same.high < 0.05,
            "{same:?}"
        );
    }

    #[test]
    fn real_differences_use_the_normal_interval() {
        let mut r = RealPairs::default();
        for (a, b) in [(3.0, 1.0), (4.0, 1.0), (5.0, 1.0)] {
            r.push(a, b);
        }
        r.push(f64::NAN, 1.0);
        let d = PairTally::Real(r).difference("a", "b", "m");
        assert_eq!((d.n, d.mean, d.sd), (3, 3.0, 1.0));
        assert!((d.high - (3.0 + Z95 / 3f64.sqrt())).abs() < 1e-12);
    }
}
