//! Random streams: one master seed, independent reproducible streams per (run, purpose).
//!
//! Conventions: the generator is `ChaCha8Rng`; run `k` of an
//! experiment uses `ChaCha8Rng::seed_from_u64(seed)` with `set_stream(k)`; consumers inside a run
//! derive their own seeds with [`derive`] so that adding a consumer never shifts another's numbers.

use rand::{Rng, SeedableRng};
pub use rand_chacha::ChaCha8Rng;

/// The generator used everywhere in detente.
pub type DetRng = ChaCha8Rng;

/// Generator for run `k` of an experiment seeded with `seed`: `seed_from_u64(seed)` on stream `k`.
pub fn run_stream(seed: u64, k: u64) -> DetRng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(k);
    rng
}

/// SplitMix64 finaliser, wrapping arithmetic.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Derived seed `mix(mix(mix(seed ^ a) ^ b) ^ c)`.
pub fn derive(seed: u64, parts: [u64; 3]) -> u64 {
    mix(mix(mix(seed ^ parts[0]) ^ parts[1]) ^ parts[2])
}

/// Uniform double in [0, 1): `(next_u64() >> 11) · 2⁻⁵³`.
#[inline]
pub fn u01<R: Rng + ?Sized>(rng: &mut R) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// `true` with probability `p`; draws nothing when `p ≤ 0` or `p ≥ 1`.
#[inline]
pub fn bernoulli<R: Rng + ?Sized>(rng: &mut R, p: f64) -> bool {
    if p <= 0.0 {
        false
    } else if p >= 1.0 {
        true
    } else {
        u01(rng) < p
    }
}

/// A Bernoulli trial whose probability is known before its draws: [`bernoulli`] with the
/// comparison moved into the integer domain of the draw, so that a trial repeated many times
/// with the same `p` costs a shift and an integer comparison.
///
/// Exactness: a draw x gives `u01 = k · 2⁻⁵³` with `k = x >> 11`, an integer below 2⁵³. The
/// conversion of k to `f64` is exact (k < 2⁵³) and so is the product with the power of two, so
/// `u01 < p` compares the real numbers `k · 2⁻⁵³` and p, i.e. `k < q` with `q = p · 2⁵³`, itself
/// exact in `f64` (a power-of-two scaling of a number below 1 neither overflows nor rounds,
/// subnormals included). For an integer k, `k < q` ⇔ `k < ⌈q⌉` (if q is an integer the two are
/// the same; otherwise `k < q` ⇔ `k ≤ ⌊q⌋` ⇔ `k < ⌊q⌋ + 1 = ⌈q⌉`), and `⌈q⌉ ≤ 2⁵³` is exact
/// in `f64` and in `u64`. So [`Coin::toss`] returns what `bernoulli(rng, p)` returns, for every
/// draw, and draws exactly when it does: not for `p ≤ 0` (false) nor `p ≥ 1` (true), once
/// otherwise — a NaN probability included, which draws and is false (`⌈NaN⌉` casts to 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Coin(u64);

impl Coin {
    /// Set in a coin that draws; the threshold ⌈p · 2⁵³⌉ is in the low bits.
    const DRAWS: u64 = 1 << 63;

    /// The coin of [`bernoulli`]`(·, p)`.
    pub fn new(p: f64) -> Coin {
        if p <= 0.0 {
            Coin(0)
        } else if p >= 1.0 {
            Coin(1)
        } else {
            Coin(Self::DRAWS | (p * (1u64 << 53) as f64).ceil() as u64)
        }
    }

    /// `true` with probability p: the same value and the same draws as `bernoulli(rng, p)`.
    #[inline]
    pub fn toss<R: Rng + ?Sized>(self, rng: &mut R) -> bool {
        if self.0 & Self::DRAWS != 0 {
            (rng.next_u64() >> 11) < self.0 & !Self::DRAWS
        } else {
            self.0 != 0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u01_is_in_unit_interval_and_reproducible() {
        let mut a = run_stream(7, 3);
        let mut b = run_stream(7, 3);
        for _ in 0..1000 {
            let x = u01(&mut a);
            assert!((0.0..1.0).contains(&x));
            assert_eq!(x.to_bits(), u01(&mut b).to_bits());
        }
    }

    #[test]
    fn streams_differ() {
        let mut a = run_stream(7, 0);
        let mut b = run_stream(7, 1);
        assert_ne!(a.next_u64(), b.next_u64());
    }

    #[test]
    fn bernoulli_does_not_draw_at_the_bounds() {
        let mut a = run_stream(1, 0);
        let mut b = run_stream(1, 0);
        assert!(!bernoulli(&mut a, 0.0));
        assert!(bernoulli(&mut a, 1.0));
        assert_eq!(a.next_u64(), b.next_u64());
    }

    #[test]
    fn derive_depends_on_every_part() {
        let base = derive(1, [0, 0, 0]);
        assert_ne!(base, derive(1, [1, 0, 0]));
        assert_ne!(base, derive(1, [0, 1, 0]));
        assert_ne!(base, derive(1, [0, 0, 1]));
        assert_ne!(base, derive(2, [0, 0, 0]));
    }

    #[test]
    fn a_coin_tosses_as_bernoulli_draws() {
        let edge = |k: u64| k as f64 / (1u64 << 53) as f64;
        let mut ps = vec![
            0.0,
            -0.0,
            -1.0,
            1.0,
            2.0,
            f64::NAN,
            f64::MIN_POSITIVE,
            5e-324,
            1.0 - f64::EPSILON / 2.0,
            0.5,
            0.05,
            0.1,
            1.0 / 3.0,
            0.0006,
        ];
        // Probabilities at, just below and just above the grid of u01's values.
        for k in [1u64, 2, 3, 1 << 20, (1 << 52) + 1, (1 << 53) - 1] {
            let p = edge(k);
            ps.extend([
                p,
                f64::from_bits(p.to_bits() - 1),
                f64::from_bits(p.to_bits() + 1),
            ]);
        }
        for &p in &ps {
            let coin = Coin::new(p);
            let (mut a, mut b) = (run_stream(11, 2), run_stream(11, 2));
            for _ in 0..2000 {
                assert_eq!(coin.toss(&mut a), bernoulli(&mut b, p), "p = {p:e}");
            }
            assert_eq!(a.next_u64(), b.next_u64(), "p = {p:e}");
            // Draws that land exactly on, just below and just above the threshold.
            if p > 0.0 && p < 1.0 {
                let q = (p * (1u64 << 53) as f64).ceil() as u64;
                for k in [q.saturating_sub(1), q, q + 1] {
                    let below = k < (1 << 53) && edge(k) < p;
                    assert_eq!(k < q, below, "p = {p:e}, k = {k}");
                }
            }
        }
    }
}
