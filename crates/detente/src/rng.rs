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
}
