//! Summary statistics shared by every lens and the experiment layer.

/// 97.5 % quantile of the standard normal, the z of a two-sided 95 % interval.
pub const Z95: f64 = 1.959_963_984_540_054;

/// A proportion with its 95 % Wilson score interval.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Proportion {
    /// Successes.
    pub hits: u64,
    /// Trials.
    pub trials: u64,
    /// Point estimate `hits / trials` (0 when there are no trials).
    pub estimate: f64,
    /// Lower end of the 95 % Wilson interval.
    pub low: f64,
    /// Upper end of the 95 % Wilson interval.
    pub high: f64,
}

/// Wilson score interval: centre `(p̂ + z²/2N)/(1 + z²/N)`, half-width
/// `z/(1 + z²/N)·√(p̂(1 − p̂)/N + z²/4N²)`. With no trials the interval is [0, 1].
pub fn wilson(hits: u64, trials: u64) -> Proportion {
    if trials == 0 {
        return Proportion {
            hits,
            trials,
            estimate: 0.0,
            low: 0.0,
            high: 1.0,
        };
    }
    let n = trials as f64;
    let p = hits as f64 / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Proportion {
        hits,
        trials,
        estimate: p,
        // The interval always contains p; at p = 0 or 1 rounding would otherwise leave its end
        // an ulp inside (8.7e-19, 0.9999999999999998).
        low: (centre - half).clamp(0.0, p),
        high: (centre + half).clamp(p, 1.0),
    }
}

/// Quantile `q ∈ [0, 1]` of already **sorted** data by linear interpolation between order
/// statistics (numpy's default, "type 7"): position `h = (n − 1) q`. `None` when empty.
pub fn quantile_sorted(sorted: &[f64], q: f64) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let h = (n - 1) as f64 * q.clamp(0.0, 1.0);
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    Some(sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo]))
}

/// Median of unsorted data (mean of the two middle values for an even count). `None` when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut v = values.to_vec();
    crate::order::sort_floats(&mut v);
    quantile_sorted(&v, 0.5)
}

/// Arithmetic mean; `None` when empty.
pub fn mean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        None
    } else {
        Some(values.iter().sum::<f64>() / values.len() as f64)
    }
}

/// Standard deviation with divisor `n − ddof` (`ddof = 0`: population, `1`: sample).
pub fn std_dev(values: &[f64], ddof: usize) -> Option<f64> {
    let n = values.len();
    if n <= ddof {
        return None;
    }
    let m = mean(values)?;
    let ss: f64 = values.iter().map(|x| (x - m) * (x - m)).sum();
    Some((ss / (n - ddof) as f64).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_matches_a_hand_computation() {
        // 30 of 100: centre (0.3 + 1.92/100)/(1.0384) ...; published value [0.2189, 0.3958].
        let p = wilson(30, 100);
        assert!((p.low - 0.218_96).abs() < 1e-4, "{p:?}");
        assert!((p.high - 0.395_82).abs() < 1e-4, "{p:?}");
        let zero = wilson(0, 10);
        assert_eq!(zero.low, 0.0);
        // The ends are exact where the estimate sits on a bound.
        for n in [1, 7, 200, 10_000, 100_000] {
            assert_eq!(wilson(0, n).low, 0.0, "n = {n}");
            assert_eq!(wilson(n, n).high, 1.0, "n = {n}");
            assert!(wilson(n, n).low < 1.0 && wilson(0, n).high > 0.0);
        }
        assert!((zero.high - 0.277_53).abs() < 1e-4);
    }

    #[test]
    fn quantiles_follow_numpy_linear() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile_sorted(&v, 0.5), Some(2.5));
        assert!((quantile_sorted(&v, 0.05).unwrap() - 1.15).abs() < 1e-12);
        assert_eq!(quantile_sorted(&v, 1.0), Some(4.0));
        assert_eq!(median(&[3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(quantile_sorted(&[], 0.5), None);
    }

    #[test]
    fn std_dev_population_and_sample() {
        let v = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        assert_eq!(std_dev(&v, 0), Some(2.0));
        assert!((std_dev(&v, 1).unwrap() - 2.138_089_935).abs() < 1e-9);
    }
}
