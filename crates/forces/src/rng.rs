//! A tiny seeded linear congruential generator (as d3's `lcg.js`): the only source of
//! randomness in the layout, so positions are reproducible.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lcg(u32);

impl Lcg {
    pub fn new(seed: u32) -> Lcg {
        Lcg(seed)
    }

    /// Next value in `[0, 1)`.
    pub fn next_f32(&mut self) -> f32 {
        self.0 = self.0.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (self.0 >> 8) as f32 / (1u32 << 24) as f32
    }
}

/// A tiny deterministic offset for node `i`, used to separate coincident points
/// (d3 uses a random "jiggle"; ours depends only on the index).
pub fn jiggle(i: u32) -> f32 {
    let h = i.wrapping_mul(2_654_435_761).rotate_left(13) ^ 0x9e37_79b9;
    ((h >> 8) as f32 / (1u32 << 24) as f32 - 0.5) * 1e-3
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_sequence_in_unit_interval() {
        let (mut a, mut b) = (Lcg::new(42), Lcg::new(42));
        for _ in 0..1000 {
            let x = a.next_f32();
            assert_eq!(x.to_bits(), b.next_f32().to_bits());
            assert!((0.0..1.0).contains(&x));
        }
    }

    #[test]
    fn jiggle_is_small_nonzero_and_fixed() {
        for i in 0..1000 {
            let j = jiggle(i);
            assert!(j.abs() <= 5e-4 && j != 0.0);
            assert_eq!(j.to_bits(), jiggle(i).to_bits());
        }
    }
}
