//! Risk attitudes inferred from each actor's chance of prevailing (D13) and how one actor
//! perceives another's (BigRAdjust).

use super::params::{BigRAdjust, BigRRange};

/// D13: risk attitudes from the probabilities `p` of the actors' positions. Returns `false`
/// (and sets every `R = 0`) when `p_max = p_min`, so the caller can warn.
pub fn risk_from_probabilities(p: &[f64], range: BigRRange, out: &mut [f64]) -> bool {
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &x in p {
        lo = lo.min(x);
        hi = hi.max(x);
    }
    let span = hi - lo;
    if span <= 0.0 || !span.is_finite() {
        out.fill(0.0);
        return false;
    }
    for (r, &pi) in out.iter_mut().zip(p) {
        *r = match range {
            BigRRange::Min => (pi - lo) / span,
            BigRRange::Mid => (3.0 * pi - hi - 2.0 * lo) / (2.0 * span),
            BigRRange::Max => (2.0 * pi - hi - lo) / span,
        };
    }
    true
}

/// h's estimate of i's risk attitude, `R^h_i`, from their own `r_h` and `r_i`.
#[inline]
pub fn perceived(adjust: BigRAdjust, r_h: f64, r_i: f64) -> f64 {
    match adjust {
        BigRAdjust::None => r_h,
        BigRAdjust::OneThird => (2.0 * r_h + r_i) / 3.0,
        BigRAdjust::Half => (r_h + r_i) / 2.0,
        BigRAdjust::TwoThirds => (r_h + 2.0 * r_i) / 3.0,
        BigRAdjust::Full => r_i,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mid_range_spans_minus_half_to_one() {
        let mut r = [0.0; 3];
        assert!(risk_from_probabilities(
            &[0.1, 0.3, 0.6],
            BigRRange::Mid,
            &mut r
        ));
        assert!((r[0] + 0.5).abs() < 1e-15 && (r[2] - 1.0).abs() < 1e-15);
        assert!(!risk_from_probabilities(
            &[0.2, 0.2],
            BigRRange::Mid,
            &mut r[..2]
        ));
        assert_eq!(&r[..2], &[0.0, 0.0]);
    }

    #[test]
    fn perceived_risk_interpolates() {
        assert_eq!(perceived(BigRAdjust::None, 0.3, 0.9), 0.3);
        assert_eq!(perceived(BigRAdjust::Full, 0.3, 0.9), 0.9);
        assert!((perceived(BigRAdjust::OneThird, 0.3, 0.9) - 0.5).abs() < 1e-15);
    }
}
