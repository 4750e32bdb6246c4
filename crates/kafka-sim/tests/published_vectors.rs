//! Hash and partitioner values published in Kafka's and librdkafka's own tests.

use kafka_sim::cluster::keyed_partition;
use kafka_sim::crc32::crc32;
use kafka_sim::murmur2::{murmur2, to_positive};
use kafka_sim::partitioner::Partitioner;

/// apache/kafka `clients/src/test/java/org/apache/kafka/common/utils/UtilsTest.java#testMurmur2`.
#[test]
fn murmur2_matches_kafkas_utils_test() {
    let cases: &[(&[u8], i32)] = &[
        (b"21", -973_932_308),
        (b"foobar", -790_332_482),
        (b"a-little-bit-long-string", -985_981_536),
        (b"a-little-bit-longer-string", -1_486_304_829),
        (
            b"lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8",
            -58_897_971,
        ),
        (b"abc", 479_470_107), // new byte[] {'a', 'b', 'c'}
    ];
    for (key, expected) in cases {
        assert_eq!(murmur2(key), *expected, "{}", String::from_utf8_lossy(key));
    }
}

/// confluentinc/librdkafka `src/rdmurmur2.c#unittest_murmur2`: raw values, every
/// alignment of the tail (the "unaligned" keys are suffixes of one string).
#[test]
fn murmur2_matches_librdkafkas_unit_test() {
    let unaligned = "PreAmbleWillBeRemoved,ThePrePartThatIs";
    let cases: &[(&str, u32)] = &[
        ("kafka", 0xd067_cf64),
        ("giberish123456789", 0x8f55_2b0c),
        ("1234", 0x9fc9_7b14),
        ("234", 0xe7c0_09ca),
        ("34", 0x8739_30da),
        ("4", 0x5a4b_5ca1),
        (unaligned, 0x7842_4f1c),
        (&unaligned[1..], 0x4a62_b377),
        (&unaligned[2..], 0xe0e4_e09e),
        (&unaligned[3..], 0x62b8_b43f),
        ("", 0x106e_08d9),
    ];
    for (key, expected) in cases {
        assert_eq!(murmur2(key.as_bytes()), *expected as i32, "{key}");
    }
    // The older librdkafka test listed the toPositive'd values.
    assert_eq!(to_positive(murmur2(b"kafka")), 1_348_980_580);
    assert_eq!(to_positive(murmur2(b"amqp")), 767_747_138);
    assert_eq!(to_positive(murmur2(b"giberish123456789")), 257_239_820);
}

/// librdkafka `tests/0048-partitioner.c`: expected partitions for NULL, "", "23456",
/// a long sentence and "hejsan", with 7 and 17 partitions. `None` is "random".
#[test]
fn partitioners_match_librdkafkas_0048_test() {
    let keys = [
        None,
        Some(""),
        Some("23456"),
        Some("this is another string with more length to it perhaps"),
        Some("hejsan"),
    ];
    let expect = |strategy: Partitioner, n: u32, expected: [Option<u32>; 5]| {
        for (key, want) in keys.iter().zip(expected) {
            let got = keyed_partition(strategy, *key, n).map(|h| h.partition);
            assert_eq!(got, want, "{strategy} {key:?} with {n} partitions");
        }
    };
    expect(
        Partitioner::Consistent,
        7,
        [Some(0), Some(0), Some(5), Some(6), Some(3)],
    );
    expect(
        Partitioner::Consistent,
        17,
        [Some(0), Some(0), Some(7), Some(15), Some(14)],
    );
    expect(
        Partitioner::ConsistentRandom,
        7,
        [None, None, Some(5), Some(6), Some(3)],
    );
    expect(
        Partitioner::ConsistentRandom,
        17,
        [None, None, Some(7), Some(15), Some(14)],
    );
    expect(
        Partitioner::Murmur2Random,
        7,
        [None, Some(2), Some(5), Some(1), Some(6)],
    );
    expect(
        Partitioner::Murmur2Random,
        17,
        [None, Some(11), Some(9), Some(11), Some(5)],
    );
    // The Java client's built-in partitioner agrees with murmur2_random on every key,
    // and, like it, never derives a NULL key's partition from the key.
    expect(
        Partitioner::Default,
        17,
        [None, Some(11), Some(9), Some(11), Some(5)],
    );
}

#[test]
fn crc32_matches_the_values_0048_took_from_the_crc32_command() {
    assert_eq!(crc32(b"23456"), 0xb1b4_51d7);
    assert_eq!(
        crc32(b"this is another string with more length to it perhaps"),
        0xb015_0df7
    );
    assert_eq!(crc32(b"hejsan"), 0xd077_037e);
}
