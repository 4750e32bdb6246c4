//! Kafka's murmur2, bit for bit as `org.apache.kafka.common.utils.Utils#murmur2`.
//!
//! The Java client's default partitioner routes a keyed record with
//! `toPositive(murmur2(serializedKey)) % numPartitions`
//! (`clients/.../producer/internals/BuiltInPartitioner.java#partitionForKey`).

/// Java's `Utils.murmur2(byte[])`: the signed 32-bit hash of `data`.
///
/// Seed `0x9747b28c`, m `0x5bd1e995`, r 24; 4-byte words read little-endian; the tail
/// falls through exactly like Java's `switch` without `break`.
///
/// ```
/// assert_eq!(kafka_sim::murmur2::murmur2(b"21"), -973_932_308);
/// assert_eq!(kafka_sim::murmur2::murmur2(b""), 275_646_681);
/// ```
pub fn murmur2(data: &[u8]) -> i32 {
    const SEED: u32 = 0x9747_b28c;
    const M: u32 = 0x5bd1_e995;
    const R: u32 = 24;

    let length = data.len() as u32;
    let mut h: u32 = SEED ^ length;

    let mut words = data.chunks_exact(4);
    for word in &mut words {
        let mut k = u32::from_le_bytes([word[0], word[1], word[2], word[3]]);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h = h.wrapping_mul(M);
        h ^= k;
    }

    let tail = words.remainder();
    if tail.len() == 3 {
        h ^= u32::from(tail[2]) << 16;
    }
    if tail.len() >= 2 {
        h ^= u32::from(tail[1]) << 8;
    }
    if !tail.is_empty() {
        h ^= u32::from(tail[0]);
        h = h.wrapping_mul(M);
    }

    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^= h >> 15;
    h as i32
}

/// Java's `Utils.toPositive(int)`: `n & 0x7fffffff`. Not `Math.abs`: for
/// `i32::MIN` abs would overflow, and for every negative number the result differs.
///
/// ```
/// assert_eq!(kafka_sim::murmur2::to_positive(-973_932_308), 1_173_551_340);
/// ```
pub const fn to_positive(n: i32) -> u32 {
    (n as u32) & 0x7fff_ffff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_positive_masks_the_sign_bit_instead_of_negating() {
        assert_eq!(to_positive(0), 0);
        assert_eq!(to_positive(1), 1);
        assert_eq!(to_positive(-1), 0x7fff_ffff);
        assert_eq!(to_positive(i32::MIN), 0);
        assert_eq!(to_positive(i32::MAX), 0x7fff_ffff);
    }

    #[test]
    fn the_empty_key_is_hashed_not_treated_as_null() {
        // KAFKA-SEMANTICS.md §1: murmur2(empty) = 0x106e08d9.
        assert_eq!(murmur2(b""), 0x106e_08d9);
    }
}
