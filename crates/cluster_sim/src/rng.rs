//! A tiny seeded PRNG (SplitMix64): every random choice in the engine comes from here, so a seed replays a run.

use serde::{Deserialize, Serialize};

/// SplitMix64 (Steele, Lea, Flood 2014): 64 bits of state, passes BigCrush, trivially portable to wasm.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    /// An independent stream for one purpose (load, names, routing), so draws in one never shift another.
    pub fn stream(seed: u64, purpose: u64) -> Self {
        let mut r = SplitMix64::new(seed ^ purpose.wrapping_mul(0xA076_1D64_78BD_642F));
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1) with 53 bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [0, n) (n > 0), by multiply-shift (bias below 2^-32 for the sizes used here).
    pub fn below(&mut self, n: u64) -> u64 {
        debug_assert!(n > 0);
        ((self.next_u64() >> 32) * n) >> 32
    }

    /// A count of arrivals with mean `lambda`, approximately Poisson, using only + * and sqrt so that
    /// native and wasm builds draw bit-identical numbers (no libm transcendental functions).
    pub fn poisson_like(&mut self, lambda: f64) -> u64 {
        if lambda <= 0.0 {
            return 0;
        }
        if lambda < 64.0 {
            // Binomial(256, lambda/256) ~ Poisson(lambda): exact integer trials.
            let p = lambda / 256.0;
            let threshold = (p * (1u64 << 53) as f64) as u64;
            let mut k = 0;
            for _ in 0..256 {
                if (self.next_u64() >> 11) < threshold {
                    k += 1;
                }
            }
            k
        } else {
            // Normal approximation, with an Irwin-Hall(12) standard normal.
            let mut s = 0.0;
            for _ in 0..12 {
                s += self.next_f64();
            }
            let z = s - 6.0;
            let x = lambda + lambda.sqrt() * z;
            if x <= 0.0 {
                0
            } else {
                (x + 0.5) as u64
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_and_streams_differ() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        let mut c = SplitMix64::stream(7, 1);
        let mut d = SplitMix64::stream(7, 2);
        assert_ne!(c.next_u64(), d.next_u64());
    }

    #[test]
    fn poisson_like_has_the_right_mean() {
        let mut r = SplitMix64::new(1);
        for &lambda in &[3.0, 40.0, 500.0, 5000.0] {
            let n = 2000;
            let total: u64 = (0..n).map(|_| r.poisson_like(lambda)).sum();
            let mean = total as f64 / n as f64;
            assert!(
                (mean - lambda).abs() < lambda * 0.05 + 0.3,
                "lambda {lambda} mean {mean}"
            );
        }
    }

    #[test]
    fn below_stays_in_range() {
        let mut r = SplitMix64::new(3);
        for n in 1..50u64 {
            for _ in 0..20 {
                assert!(r.below(n) < n);
            }
        }
    }
}
