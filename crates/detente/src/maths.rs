//! The transcendental functions every model uses, from one implementation.
//!
//! `f64::exp`, `f64::ln` and `f64::powf` call whatever maths library the target links: glibc on
//! Linux, the system library on macOS, a port of musl's on `wasm32-unknown-unknown`. They agree
//! to within an ulp or two, not to the bit, and a bargaining model run for 20 rounds turns that
//! last bit into a different printed trajectory. Every model therefore calls these functions,
//! which are the pure-Rust `libm` port on every target and at every optimisation level, so that
//! the same scenario and seed give byte-identical output natively and in a browser.
//!
//! `sqrt` is not here: IEEE 754 requires it correctly rounded, so every target already agrees.
//! `powi` is repeated multiplication on every target and needs no routing either.

/// eˣ.
#[inline]
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// The natural logarithm ln x.
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// log₂ x.
#[inline]
pub fn log2(x: f64) -> f64 {
    libm::log2(x)
}

/// log₁₀ x.
#[inline]
pub fn log10(x: f64) -> f64 {
    libm::log10(x)
}

/// xʸ for a real exponent.
#[inline]
pub fn powf(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

/// √(x² + y²) without overflow or underflow in the squares.
#[inline]
pub fn hypot(x: f64, y: f64) -> f64 {
    libm::hypot(x, y)
}

/// cos x (x in radians).
#[inline]
pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}

/// sin x (x in radians).
#[inline]
pub fn sin(x: f64) -> f64 {
    libm::sin(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The port agrees with the platform's library to within a couple of ulps on ordinary
    /// arguments; the point of routing is bit-identity across targets, not different values.
    #[test]
    fn agrees_with_the_platform_to_within_ulps() {
        let close = |a: f64, b: f64| (a - b).abs() <= 4.0 * f64::EPSILON * a.abs().max(b.abs());
        for &x in &[-20.0, -1.5, -0.3, 0.0, 1e-9, 0.7, 1.0, 2.5, 33.0] {
            assert!(close(exp(x), f64::exp(x)), "exp({x})");
            assert!(close(cos(x), f64::cos(x)), "cos({x})");
            assert!(close(sin(x), f64::sin(x)) || (sin(x) - f64::sin(x)).abs() < 1e-300);
        }
        for &x in &[1e-12, 0.01, 0.5, 1.0, 2.0, 10.0, 1e9] {
            assert!(
                close(ln(x), f64::ln(x)) || x == 1.0 && ln(x) == 0.0,
                "ln({x})"
            );
            assert!(close(log2(x), f64::log2(x)) || x == 1.0, "log2({x})");
            assert!(close(powf(x, 0.37), f64::powf(x, 0.37)), "powf({x})");
            assert!(close(hypot(x, 3.0), f64::hypot(x, 3.0)), "hypot({x})");
        }
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(powf(2.0, 10.0), 1024.0);
    }
}
