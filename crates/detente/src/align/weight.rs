//! The number types the search runs in: exact integers (`i32`, `i64`, `i128`) when every input is a
//! decimal with at most 6 digits after the point, else `f64` with a tolerance.

use std::fmt::Debug;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// Arithmetic the search needs: exact for the integer types, tolerant for `f64`.
pub(crate) trait Weight:
    Copy
    + PartialOrd
    + Debug
    + Send
    + Sync
    + 'static
    + Add<Output = Self>
    + Sub<Output = Self>
    + Neg<Output = Self>
    + AddAssign
    + SubAssign
{
    /// Zero.
    const ZERO: Self;
    /// Conversion for reporting (exact values are converted once, after the search).
    fn to_f64(self) -> f64;
    /// Absolute value.
    fn abs(self) -> Self;
    /// Whether `a / sa < b / sb − tol` for positive `sa`, `sb` (used by the frustration-steepest
    /// rule, which compares energy changes divided by sizes).
    fn ratio_lt(a: Self, sa: Self, b: Self, sb: Self, tol: Self) -> bool;
}

impl Weight for i32 {
    const ZERO: Self = 0;
    fn to_f64(self) -> f64 {
        self as f64
    }
    fn abs(self) -> Self {
        i32::abs(self)
    }
    fn ratio_lt(a: Self, sa: Self, b: Self, sb: Self, _tol: Self) -> bool {
        (a as i64) * (sb as i64) < (b as i64) * (sa as i64)
    }
}

impl Weight for i64 {
    const ZERO: Self = 0;
    fn to_f64(self) -> f64 {
        self as f64
    }
    fn abs(self) -> Self {
        i64::abs(self)
    }
    fn ratio_lt(a: Self, sa: Self, b: Self, sb: Self, _tol: Self) -> bool {
        (a as i128) * (sb as i128) < (b as i128) * (sa as i128)
    }
}

impl Weight for i128 {
    const ZERO: Self = 0;
    fn to_f64(self) -> f64 {
        self as f64
    }
    fn abs(self) -> Self {
        i128::abs(self)
    }
    fn ratio_lt(a: Self, sa: Self, b: Self, sb: Self, _tol: Self) -> bool {
        match (a.checked_mul(sb), b.checked_mul(sa)) {
            (Some(x), Some(y)) => x < y,
            // Beyond i128 the comparison falls back to floating point; only reachable with
            // sizes and couplings near the i128 limit, which set-up already refuses.
            _ => (a as f64) / (sa as f64) < (b as f64) / (sb as f64),
        }
    }
}

impl Weight for f64 {
    const ZERO: Self = 0.0;
    fn to_f64(self) -> f64 {
        self
    }
    fn abs(self) -> Self {
        f64::abs(self)
    }
    fn ratio_lt(a: Self, sa: Self, b: Self, sb: Self, tol: Self) -> bool {
        a / sa < b / sb - tol / sa.min(sb)
    }
}

/// Number of decimals (0–6) needed to write `v` exactly, or `None` if more are needed.
pub(crate) fn decimals(v: f64) -> Option<u32> {
    if !v.is_finite() {
        return None;
    }
    (0..=6u32).find(|&d| {
        let x = v * 10f64.powi(d as i32);
        x.abs() < 9.0e15 && (x - x.round()).abs() <= 1e-9 * x.abs().max(1.0)
    })
}

/// `round(v · 10^d)` as an integer (callers have checked [`decimals`]).
pub(crate) fn scaled(v: f64, d: u32) -> i128 {
    (v * 10f64.powi(d as i32)).round() as i128
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_recognises_short_decimals() {
        assert_eq!(decimals(7.45), Some(2));
        assert_eq!(decimals(-1.0), Some(0));
        assert_eq!(decimals(0.1), Some(1));
        assert_eq!(decimals(0.123456), Some(6));
        assert_eq!(decimals(1.0 / 3.0), None);
        assert_eq!(scaled(28.9, 1), 289);
    }

    #[test]
    fn ratio_comparison_is_exact_for_integers() {
        assert!(i64::ratio_lt(-3, 2, -1, 1, 0));
        assert!(!i64::ratio_lt(-2, 2, -1, 1, 0));
        assert!(f64::ratio_lt(-3.0, 2.0, -1.0, 1.0, 1e-12));
    }
}
