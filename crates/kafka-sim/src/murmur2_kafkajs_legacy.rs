//! KafkaJS 1.x's murmur2, the hash of `Partitioners.LegacyPartitioner`
//! (`src/producer/partitioners/legacy/murmur2.js`), which was KafkaJS's default until 2.0.
//!
//! It reads like Java's `Utils#murmur2` but runs on JavaScript numbers, and three things
//! make it a different function:
//!
//! * `k *= M` and `h *= M` are double multiplications, not 32-bit ones: the product
//!   (up to ~2^62) is rounded to 53 bits before the next `^` or `>>>` truncates it to 32,
//!   so the low bits that survive are not the low bits of the true product.
//! * `length4 = length / 4` is not an integer division: the loop runs while
//!   `i < length / 4`, once more for a partial last word, and reads past the end of the
//!   buffer, where `undefined & 0xff` is 0. The tail is then mixed in a second time.
//! * the bitwise operators convert through ToInt32 / ToUint32 (ECMA-262 7.1.6, 7.1.7).
//!
//! KafkaJS 2.0 made its `DefaultPartitioner` Java-compatible and kept this one as
//! `LegacyPartitioner` "for backward compatibility" (its 2.0 migration guide).

/// ECMA-262 ToUint32: the integer part modulo 2^32 (NaN and infinities give 0).
fn to_uint32(x: f64) -> u32 {
    if !x.is_finite() {
        return 0;
    }
    // `%` on doubles is exact (IEEE fmod), so this is the true residue even above 2^53.
    x.trunc().rem_euclid(4_294_967_296.0) as u32
}

/// ECMA-262 ToInt32: ToUint32 read as two's complement.
fn to_int32(x: f64) -> i32 {
    to_uint32(x) as i32
}

/// `data[i] & 0xff` in JavaScript: a byte, or 0 past the end (`undefined & 0xff`).
fn byte(data: &[u8], i: usize) -> f64 {
    f64::from(data.get(i).copied().unwrap_or(0))
}

/// The value KafkaJS 1.x's `murmur2(key)` returns for a key of these bytes (an int32:
/// its last operation is a `^`). The legacy partitioner then takes
/// `toPositive(h) % partitions` with `toPositive = x => x & 0x7fffffff`.
///
/// ```
/// use kafka_sim::murmur2_kafkajs_legacy::murmur2_kafkajs_legacy;
/// // "user-1": Java's murmur2 says partition 2 of 3, KafkaJS 1.x says 1 (checked
/// // against the kafkajs npm package, tests/fixtures/client_partitions.jsonl).
/// assert_eq!(kafka_sim::murmur2::to_positive(murmur2_kafkajs_legacy(b"user-1")) % 3, 1);
/// ```
pub fn murmur2_kafkajs_legacy(data: &[u8]) -> i32 {
    const SEED: f64 = 2_538_058_380.0; // 0x9747b28c
    const M: f64 = 1_540_483_477.0; // 0x5bd1e995
    const R: u32 = 24;
    let length = data.len();

    // `let h = SEED ^ length`
    let mut h = f64::from(to_int32(SEED) ^ length as i32);
    // `for (let i = 0; i < length / 4; i++)`: ceil(length / 4) rounds.
    let rounds = length.div_ceil(4);
    for i in 0..rounds {
        let i4 = i * 4;
        // `+` of four ToInt32 results: exact in a double, and the `<< 24` term may be
        // negative.
        let mut k = byte(data, i4)
            + f64::from((byte(data, i4 + 1) as i32) << 8)
            + f64::from((byte(data, i4 + 2) as i32) << 16)
            + f64::from((byte(data, i4 + 3) as i32).wrapping_shl(24));
        k *= M;
        // `k ^= k >>> R`
        k = f64::from(to_int32(k) ^ (to_uint32(k) >> R) as i32);
        k *= M;
        h *= M;
        h = f64::from(to_int32(h) ^ to_int32(k));
    }

    // The `switch (length % 4)` whose cases fall through, on the same tail bytes the
    // last round already read.
    let tail = length & !3;
    let rest = length % 4;
    if rest == 3 {
        h = f64::from(to_int32(h) ^ ((byte(data, tail + 2) as i32) << 16));
    }
    if rest >= 2 {
        h = f64::from(to_int32(h) ^ ((byte(data, tail + 1) as i32) << 8));
    }
    if rest >= 1 {
        h = f64::from(to_int32(h) ^ byte(data, tail) as i32);
        h *= M;
    }

    h = f64::from(to_int32(h) ^ (to_uint32(h) >> 13) as i32);
    h *= M;
    to_int32(h) ^ (to_uint32(h) >> 15) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_kafkajs_package() {
        // node -e 'require("kafkajs/src/producer/partitioners/legacy/murmur2.js")(k)',
        // kafkajs 2.2.4. Even the empty key differs from Java's 275646681: the last
        // `h *= M` is rounded to 53 bits before ToInt32.
        let cases: [(&str, i32); 6] = [
            ("", 275_646_684),
            ("a", -809_885_833),
            ("user-1", 1_870_079_983),
            ("key1234", 764_402_975),
            ("21", -595_812_486),
            ("héllo", -125_169_513),
        ];
        for (key, expect) in cases {
            assert_eq!(murmur2_kafkajs_legacy(key.as_bytes()), expect, "{key:?}");
        }
    }

    #[test]
    fn to_int32_wraps_like_javascript() {
        assert_eq!(to_int32(2_538_058_380.0), -1_756_908_916);
        assert_eq!(to_int32(-1.5), -1);
        assert_eq!(to_int32(4_294_967_296.0), 0);
        assert_eq!(to_int32(f64::NAN), 0);
        // 2^62 + 2^33 + 5 rounds to a multiple of 2^10 in a double: residue 0.
        assert_eq!(to_uint32((1u64 << 62) as f64 + 8_589_934_597.0), 0);
    }
}
