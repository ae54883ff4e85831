//! Linear axes: a [`Scale`] maps a data domain onto a pixel range and proposes "nice" ticks
//! (1, 2, 2.5 or 5 × 10ᵏ steps).

/// A linear map from the data interval `[d0, d1]` onto the pixel interval `[r0, r1]`
/// (`r1 < r0` is allowed: vertical axes grow upwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// Data value mapped to `r0`.
    pub d0: f64,
    /// Data value mapped to `r1`.
    pub d1: f64,
    /// Pixel coordinate of `d0`.
    pub r0: f64,
    /// Pixel coordinate of `d1`.
    pub r1: f64,
}

impl Scale {
    /// A scale over `[d0, d1]`; a degenerate or non-finite domain is widened to a unit interval
    /// around its value so that mapping never divides by zero.
    pub fn new(d0: f64, d1: f64, r0: f64, r1: f64) -> Scale {
        let (mut d0, mut d1) = if d0.is_finite() && d1.is_finite() {
            (d0, d1)
        } else {
            (0.0, 1.0)
        };
        if (d1 - d0).abs() < 1e-12 {
            d0 -= 0.5;
            d1 += 0.5;
        }
        Scale { d0, d1, r0, r1 }
    }

    /// A scale whose domain covers `values` (and `include`, e.g. 0), extended to nice ticks.
    pub fn covering(values: &[f64], include: &[f64], r0: f64, r1: f64) -> Scale {
        let finite = values
            .iter()
            .chain(include)
            .copied()
            .filter(|v| v.is_finite());
        let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        let s = Scale::new(lo, hi, r0, r1);
        let step = nice_step(s.d1 - s.d0, 5);
        Scale::new(
            (s.d0 / step).floor() * step,
            (s.d1 / step).ceil() * step,
            r0,
            r1,
        )
    }

    /// Pixel coordinate of `v` (values outside the domain extrapolate; non-finite gives `r0`).
    pub fn map(&self, v: f64) -> f64 {
        if !v.is_finite() {
            return self.r0;
        }
        self.r0 + (v - self.d0) / (self.d1 - self.d0) * (self.r1 - self.r0)
    }

    /// Pixel coordinate of `v` clamped to the domain.
    pub fn map_clamped(&self, v: f64) -> f64 {
        let (lo, hi) = (self.d0.min(self.d1), self.d0.max(self.d1));
        self.map(v.clamp(lo, hi))
    }

    /// Pixels per data unit (absolute).
    pub fn unit_px(&self) -> f64 {
        ((self.r1 - self.r0) / (self.d1 - self.d0)).abs()
    }

    /// About `count` ticks at a nice step inside the domain, and the decimals they need.
    pub fn ticks(&self, count: usize) -> (Vec<f64>, usize) {
        let (lo, hi) = (self.d0.min(self.d1), self.d0.max(self.d1));
        let step = nice_step(hi - lo, count.max(2));
        let first = (lo / step - 1e-9).ceil() as i64;
        let last = (hi / step + 1e-9).floor() as i64;
        let ticks = (first..=last).map(|k| k as f64 * step).collect();
        (ticks, decimals_for(step))
    }
}

/// The nice step (1, 2, 2.5, 5 × 10ᵏ) that divides `span` into about `count` intervals.
pub fn nice_step(span: f64, count: usize) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / count as f64;
    let magnitude = detente::maths::powf(10.0, detente::maths::log10(raw).floor());
    let norm = raw / magnitude;
    let nice = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 2.5 {
        2.5
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

/// Decimals needed to print multiples of `step` exactly.
pub fn decimals_for(step: f64) -> usize {
    let mut d = 0;
    while d < 6
        && ((step * 10f64.powi(d as i32)).round() - step * 10f64.powi(d as i32)).abs() > 1e-6
    {
        d += 1;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_ends_and_middle() {
        let s = Scale::new(0.0, 100.0, 50.0, 850.0);
        assert_eq!(s.map(0.0), 50.0);
        assert_eq!(s.map(100.0), 850.0);
        assert_eq!(s.map(85.0), 730.0);
    }

    #[test]
    fn degenerate_domain_is_widened() {
        let s = Scale::new(3.0, 3.0, 0.0, 10.0);
        assert_eq!(s.map(3.0), 5.0);
    }

    #[test]
    fn ticks_are_nice() {
        let (t, d) = Scale::new(0.0, 100.0, 0.0, 1.0).ticks(5);
        assert_eq!(t, vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]);
        assert_eq!(d, 0);
        let (t, d) = Scale::new(0.0, 1.0, 0.0, 1.0).ticks(4);
        assert_eq!(t, vec![0.0, 0.25, 0.5, 0.75, 1.0]);
        assert_eq!(d, 2);
    }

    #[test]
    fn covering_extends_to_ticks() {
        let s = Scale::covering(&[0.13, 0.87], &[0.0], 0.0, 1.0);
        assert_eq!((s.d0, s.d1), (0.0, 1.0));
    }
}
