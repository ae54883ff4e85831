//! Numbers as tables and CSV files show them.

/// Magnitudes from which a table writes a number with an exponent (`1.0000e308`, not 309
/// digits).
const EXPONENT_FROM: f64 = 1e9;

/// A number for a table: 4 decimals (with an exponent for very large or very small
/// magnitudes), `–` when undefined.
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return "–".into();
    }
    let a = x.abs();
    if a >= EXPONENT_FROM || (a > 0.0 && a < 1e-4) {
        return format!("{x:.4e}");
    }
    let s = format!("{x:.4}");
    if s == "-0.0000" { "0.0000".into() } else { s }
}

/// A number for CSV: the shortest form that reads back to the same `f64` (with an exponent
/// beyond 10¹⁶ or below 10⁻⁵), empty when undefined.
pub fn csv_num(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    let a = x.abs();
    if a >= 1e16 || (a > 0.0 && a < 1e-5) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// A share as a percentage with one decimal (`0.0123` → `1.2%`).
pub fn pct(x: f64) -> String {
    format!("{:.1}%", 100.0 * x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_stay_compact_and_round_trip() {
        assert_eq!(num(1e308), "1.0000e308");
        assert_eq!(num(-0.00001), "-1.0000e-5");
        assert_eq!(num(12.5), "12.5000");
        assert_eq!(num(-0.0), "0.0000");
        assert_eq!(num(f64::NAN), "–");
        assert_eq!(csv_num(1e308), "1e308");
        assert_eq!(csv_num(1e308).parse::<f64>(), Ok(1e308));
        assert_eq!(csv_num(0.25), "0.25");
        assert_eq!(csv_num(f64::INFINITY), "");
        assert_eq!(pct(0.0123), "1.2%");
    }
}
