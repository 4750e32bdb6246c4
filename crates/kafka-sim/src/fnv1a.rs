//! FNV-1a 32, the hash of Sarama's default partitioner, kafka-go's `Hash` balancer and
//! librdkafka's `fnv1a` partitioners.
//!
//! * Sarama (`partitioner.go`, `hashPartitioner.Partition`):
//!   `int32(hasher.Sum32()) % numPartitions`, negated when negative (Go's `%` keeps the
//!   dividend's sign).
//! * kafka-go (`balancer.go`, `Hash.Balance`): the same two lines, "the same algorithm
//!   that Sarama's hashPartitioner uses".
//! * librdkafka (`src/rdfnv1a.c`, `rd_fnv1a`): takes the absolute value of the signed
//!   hash first "to match the Sarama NewHashPartitioner implementation", then `% cnt`.
//!
//! For a negative `h`, `-(h % n)` and `|h| % n` are the same number, so the three agree;
//! [`sarama_positive`] is that number.

/// FNV-1a 32 of `data` (offset basis `0x811c9dc5`, prime `0x01000193`), as Go's
/// `hash/fnv.New32a().Sum32()`.
///
/// ```
/// // The empty input is the offset basis.
/// assert_eq!(kafka_sim::fnv1a::fnv1a(b""), 0x811c_9dc5);
/// ```
pub fn fnv1a(data: &[u8]) -> u32 {
    const OFFSET: u32 = 0x811c_9dc5;
    const PRIME: u32 = 0x0100_0193;
    data.iter()
        .fold(OFFSET, |h, b| (h ^ u32::from(*b)).wrapping_mul(PRIME))
}

/// The non-negative number the three clients take modulo the partition count: the
/// hash as a signed int32, negated when negative (`i32::MIN` stays 2^31, as in C and
/// Go, where the negation wraps).
///
/// ```
/// // librdkafka's unit test: rd_fnv1a("") is 0x7ee3623b, the basis made positive.
/// assert_eq!(kafka_sim::fnv1a::sarama_positive(0x811c_9dc5), 0x7ee3_623b);
/// ```
pub const fn sarama_positive(h: u32) -> u32 {
    (h as i32).unsigned_abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn librdkafkas_published_vectors_match() {
        // src/rdfnv1a.c, unittest_fnv1a: rd_fnv1a() (absolute value taken) against Go's
        // hash/fnv, "acquired via https://play.golang.org/p/vWIhw3zJINA".
        let unaligned = "PreAmbleWillBeRemoved,ThePrePartThatIs";
        let cases: [(&str, u32); 11] = [
            ("kafka", 0x0d33_c4e1),
            ("giberish123456789", 0x77a5_8295),
            ("1234", 0x023b_dd03),
            ("234", 0x2dea_3cd2),
            ("34", 0x740f_a83e),
            ("4", 0x310c_a263),
            (unaligned, 0x65cb_d69c),
            (&unaligned[1..], 0x6e49_c79a),
            (&unaligned[2..], 0x69ee_d356),
            (&unaligned[3..], 0x6abc_c023),
            ("", 0x7ee3_623b),
        ];
        for (key, want) in cases {
            assert_eq!(sarama_positive(fnv1a(key.as_bytes())), want, "{key:?}");
        }
    }

    #[test]
    fn the_most_negative_hash_stays_two_to_the_31() {
        assert_eq!(sarama_positive(0x8000_0000), 0x8000_0000);
        assert_eq!(sarama_positive(0xffff_ffff), 1);
    }
}
