//! The engine's only source of "randomness": SplitMix64, seeded, kept in state.
//!
//! Kafka picks a new sticky partition for keyless records at random
//! (`BuiltInPartitioner#nextPartition`, KIP-794). The simulation keeps that choice
//! replayable: same seed, same commands, same partitions.

/// A seeded SplitMix64 generator (Steele, Lea and Flood, 2014).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator that always yields the same sequence for the same seed.
    pub const fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The next 64 pseudo-random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Like Java's `Utils.toPositive(ThreadLocalRandom.current().nextInt())`.
    pub fn next_positive_i32(&mut self) -> u32 {
        crate::murmur2::to_positive(self.next_u64() as i32)
    }
}

#[cfg(test)]
mod tests {
    use super::SplitMix64;

    #[test]
    fn the_same_seed_gives_the_same_sequence() {
        let mut a = SplitMix64::new(7);
        let mut b = SplitMix64::new(7);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs[0], SplitMix64::new(8).next_u64());
    }
}
