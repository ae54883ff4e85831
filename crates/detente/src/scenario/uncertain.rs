//! Uncertain numbers: any scenario number may be a point value, a triangular or a uniform
//! distribution (docs/scenario-format.md).

use rand::Rng;
use serde::{Deserialize, Serialize};

/// A number an analyst is unsure of.
///
/// In TOML: `85`, `{ low = 75, mode = 85, high = 92 }` (triangular) or `{ low = 75, high = 92 }`
/// (uniform). A single run uses the [`point`](Uncertain::point) value (mode or midpoint); Monte
/// Carlo runs [`draw`](Uncertain::draw) from the distribution.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
pub enum Uncertain {
    /// A known value.
    Fixed(f64),
    /// Triangular distribution on `[low, high]` with its peak at `mode`.
    Triangular {
        /// Lowest plausible value.
        low: f64,
        /// Most likely value.
        mode: f64,
        /// Highest plausible value.
        high: f64,
    },
    /// Uniform distribution on `[low, high]`.
    Uniform {
        /// Lowest plausible value.
        low: f64,
        /// Highest plausible value.
        high: f64,
    },
}

impl Uncertain {
    /// The value a single deterministic run uses: the value, the mode, or the midpoint.
    pub fn point(&self) -> f64 {
        match *self {
            Uncertain::Fixed(v) => v,
            Uncertain::Triangular { mode, .. } => mode,
            Uncertain::Uniform { low, high } => 0.5 * (low + high),
        }
    }

    /// Smallest value the number can take.
    pub fn low(&self) -> f64 {
        match *self {
            Uncertain::Fixed(v) => v,
            Uncertain::Triangular { low, .. } | Uncertain::Uniform { low, .. } => low,
        }
    }

    /// Largest value the number can take.
    pub fn high(&self) -> f64 {
        match *self {
            Uncertain::Fixed(v) => v,
            Uncertain::Triangular { high, .. } | Uncertain::Uniform { high, .. } => high,
        }
    }

    /// Whether the number carries uncertainty.
    pub fn is_uncertain(&self) -> bool {
        !matches!(self, Uncertain::Fixed(_)) && self.high() > self.low()
    }

    /// One draw: inverse-CDF sampling with one uniform from `rng` (none for fixed values).
    ///
    /// Triangular: with `F = (c − a)/(b − a)`, `x = a + √(u(b − a)(c − a))` if `u < F`, else
    /// `b − √((1 − u)(b − a)(b − c))`.
    pub fn draw<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match *self {
            Uncertain::Fixed(v) => v,
            Uncertain::Uniform { low, high } => low + (high - low) * crate::rng::u01(rng),
            Uncertain::Triangular { low, mode, high } => {
                let u = crate::rng::u01(rng);
                triangular_quantile(low, mode, high, u)
            }
        }
    }

    /// Quantile function (inverse CDF) at probability `u ∈ [0, 1]`.
    pub fn quantile(&self, u: f64) -> f64 {
        match *self {
            Uncertain::Fixed(v) => v,
            Uncertain::Uniform { low, high } => low + (high - low) * u,
            Uncertain::Triangular { low, mode, high } => triangular_quantile(low, mode, high, u),
        }
    }

    /// Apply `f` to every parameter (for unit conversions).
    pub fn map(&self, f: impl Fn(f64) -> f64) -> Uncertain {
        match *self {
            Uncertain::Fixed(v) => Uncertain::Fixed(f(v)),
            Uncertain::Triangular { low, mode, high } => Uncertain::Triangular {
                low: f(low),
                mode: f(mode),
                high: f(high),
            },
            Uncertain::Uniform { low, high } => Uncertain::Uniform {
                low: f(low),
                high: f(high),
            },
        }
    }
}

fn triangular_quantile(a: f64, c: f64, b: f64, u: f64) -> f64 {
    let width = b - a;
    if width <= 0.0 {
        return c;
    }
    let f = (c - a) / width;
    if u < f {
        a + (u * width * (c - a)).sqrt()
    } else {
        b - ((1.0 - u) * width * (b - c)).sqrt()
    }
}

impl From<f64> for Uncertain {
    fn from(v: f64) -> Self {
        Uncertain::Fixed(v)
    }
}

impl std::fmt::Display for Uncertain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Uncertain::Fixed(v) => write!(f, "{}", crate::scenario::fmt_num(v)),
            Uncertain::Triangular { low, mode, high } => write!(
                f,
                "{} [{}–{}]",
                crate::scenario::fmt_num(mode),
                crate::scenario::fmt_num(low),
                crate::scenario::fmt_num(high)
            ),
            Uncertain::Uniform { low, high } => {
                write!(
                    f,
                    "{}–{}",
                    crate::scenario::fmt_num(low),
                    crate::scenario::fmt_num(high)
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::run_stream;

    #[test]
    fn point_values() {
        assert_eq!(Uncertain::Fixed(3.0).point(), 3.0);
        assert_eq!(
            Uncertain::Triangular {
                low: 1.0,
                mode: 2.0,
                high: 9.0
            }
            .point(),
            2.0
        );
        assert_eq!(
            Uncertain::Uniform {
                low: 1.0,
                high: 3.0
            }
            .point(),
            2.0
        );
    }

    #[test]
    fn triangular_draws_stay_inside_and_have_the_right_mean() {
        let t = Uncertain::Triangular {
            low: 0.0,
            mode: 30.0,
            high: 90.0,
        };
        let mut rng = run_stream(1, 0);
        let n = 200_000;
        let mut sum = 0.0;
        for _ in 0..n {
            let x = t.draw(&mut rng);
            assert!((0.0..=90.0).contains(&x));
            sum += x;
        }
        // Mean of a triangular distribution is (a + b + c)/3 = 40.
        assert!((sum / n as f64 - 40.0).abs() < 0.2);
        assert_eq!(t.quantile(0.0), 0.0);
        assert_eq!(t.quantile(1.0), 90.0);
    }

    #[test]
    fn serde_shapes() {
        let v: Uncertain = serde_json::from_str("4.5").unwrap();
        assert_eq!(v, Uncertain::Fixed(4.5));
        let v: Uncertain = serde_json::from_str(r#"{"low":1,"mode":2,"high":3}"#).unwrap();
        assert!(matches!(v, Uncertain::Triangular { .. }));
        let v: Uncertain = serde_json::from_str(r#"{"low":1,"high":3}"#).unwrap();
        assert!(matches!(v, Uncertain::Uniform { .. }));
    }
}
