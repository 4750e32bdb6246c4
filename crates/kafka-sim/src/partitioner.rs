//! Producer-side partitioning: which partition a record goes to, and why.
//!
//! * Java client, keyed: `toPositive(murmur2(keyBytes)) % numPartitions`
//!   (`BuiltInPartitioner#partitionForKey`, `Utils#murmur2`, `Utils#toPositive`).
//! * Java client, keyless: the built-in "strictly uniform sticky" partitioner of KIP-794
//!   (Kafka 3.3+): stay on one partition until `batch.size` bytes went to it, then pick
//!   another at random (`BuiltInPartitioner#updatePartitionInfo`, `#nextPartition`).
//! * Java `RoundRobinPartitioner`: a counter per topic, `toPositive(counter) % n`.
//! * librdkafka (`src/rdkafka_msg.c`): `consistent` is `crc32(key) % n`;
//!   `consistent_random` (its default) and `murmur2_random` hash like `consistent` and
//!   Java. Records without a usable key (NULL, and empty under `consistent_random`) do not
//!   reach the partitioner while `sticky.partitioning.linger.ms` (default 10) is above 0:
//!   `rd_kafka_msg_sticky_partition` keeps one random partition for that long. With 0,
//!   `consistent` hashes a NULL key as nothing (CRC 0) and the `_random` ones pick at random.
//! * Java's `RoundRobinPartitioner` is modelled as its source reads after KAFKA-17632
//!   (3.9.1 / 4.0): one step per record. From 2.4 to 3.9.0 a new batch made it skip a
//!   partition (KAFKA-9965), so real old clients can be uneven.

use std::fmt;
use std::str::FromStr;

use crate::crc32::crc32;
use crate::fnv1a::{fnv1a, sarama_positive};
use crate::murmur2::{murmur2, to_positive};
use crate::murmur2_kafkajs_legacy::murmur2_kafkajs_legacy;

/// A partitioning strategy, named as the clients name it. The Java client's and
/// librdkafka's carry their own names; the Go and Node clients' are prefixed with the
/// client (`sarama:hash`), `client_partitioner.rs` maps each client's own names here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Partitioner {
    /// The Java client's built-in partitioner (`partitioner.class` unset): murmur2 for
    /// keys, KIP-794 sticky for null keys.
    Default,
    /// `org.apache.kafka.clients.producer.RoundRobinPartitioner`: ignores keys.
    RoundRobin,
    /// librdkafka `murmur2`: Java-compatible for keys; a NULL key is hashed as empty.
    Murmur2,
    /// librdkafka `murmur2_random`: Java-compatible for keys, random for NULL keys.
    Murmur2Random,
    /// librdkafka `consistent`: CRC-32 of the key (NULL and empty keys hash to 0).
    Consistent,
    /// librdkafka `consistent_random` (librdkafka's default): CRC-32, random for NULL
    /// and empty keys.
    ConsistentRandom,
    /// librdkafka `fnv1a`: FNV-1a as Sarama; a NULL key is hashed as empty.
    Fnv1a,
    /// librdkafka `fnv1a_random`: FNV-1a as Sarama, random for NULL keys.
    Fnv1aRandom,
    /// Sarama's default `NewHashPartitioner`: FNV-1a, `int32(h) % n` negated when
    /// negative; a nil key goes to a random partition.
    SaramaHash,
    /// Sarama's `NewReferenceHashPartitioner`: FNV-1a, `(int32(h) & 0x7fffffff) % n`.
    SaramaReferenceHash,
    /// kafka-go `&kafka.Hash{}`: Sarama's arithmetic; a nil key goes round-robin.
    KafkaGoHash,
    /// kafka-go `&kafka.ReferenceHash{}`: Sarama's reference arithmetic, nil key random.
    KafkaGoReferenceHash,
    /// kafka-go `kafka.Murmur2Balancer{}`: librdkafka's `murmur2_random`.
    KafkaGoMurmur2,
    /// kafka-go `kafka.CRC32Balancer{}`: librdkafka's `consistent_random`.
    KafkaGoCrc32,
    /// KafkaJS 2.x `Partitioners.DefaultPartitioner`: Java's murmur2; a null key goes
    /// round-robin.
    KafkajsDefault,
    /// KafkaJS `Partitioners.LegacyPartitioner` (the 1.x default): its own murmur2 port.
    KafkajsLegacy,
}

/// What a strategy does with a record that has no key to hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyless {
    /// Java's built-in sticky partitioner (KIP-794).
    JavaSticky,
    /// A per-topic counter (Java's `RoundRobinPartitioner`, kafka-go's `RoundRobin`,
    /// KafkaJS's counter, which starts at a random number).
    RoundRobin {
        /// KafkaJS: the counter's first value is random.
        random_start: bool,
    },
    /// librdkafka: one random partition kept for `sticky.partitioning.linger.ms`, or a
    /// random one per record with 0.
    LingerSticky,
    /// A random partition per record (Sarama's and kafka-go's random fallbacks).
    Random,
    /// Hashed as an empty key (librdkafka's `consistent`, `murmur2`, `fnv1a`).
    HashedAsEmpty,
}

impl Partitioner {
    /// Every strategy, for pickers.
    pub const ALL: [Partitioner; 16] = [
        Self::Default,
        Self::RoundRobin,
        Self::Murmur2,
        Self::Murmur2Random,
        Self::Consistent,
        Self::ConsistentRandom,
        Self::Fnv1a,
        Self::Fnv1aRandom,
        Self::SaramaHash,
        Self::SaramaReferenceHash,
        Self::KafkaGoHash,
        Self::KafkaGoReferenceHash,
        Self::KafkaGoMurmur2,
        Self::KafkaGoCrc32,
        Self::KafkajsDefault,
        Self::KafkajsLegacy,
    ];

    /// The canonical name in the command grammar.
    pub fn name(self) -> &'static str {
        match self {
            Self::Default => "default",
            Self::RoundRobin => "round-robin",
            Self::Murmur2 => "murmur2",
            Self::Murmur2Random => "murmur2_random",
            Self::Consistent => "consistent",
            Self::ConsistentRandom => "consistent_random",
            Self::Fnv1a => "fnv1a",
            Self::Fnv1aRandom => "fnv1a_random",
            Self::SaramaHash => "sarama:hash",
            Self::SaramaReferenceHash => "sarama:reference-hash",
            Self::KafkaGoHash => "kafka-go:hash",
            Self::KafkaGoReferenceHash => "kafka-go:reference-hash",
            Self::KafkaGoMurmur2 => "kafka-go:murmur2",
            Self::KafkaGoCrc32 => "kafka-go:crc32",
            Self::KafkajsDefault => "kafkajs:default",
            Self::KafkajsLegacy => "kafkajs:legacy",
        }
    }

    /// The hash this strategy applies to a key, if it hashes keys at all.
    pub fn hash_algorithm(self) -> Option<HashAlgorithm> {
        match self {
            Self::Default
            | Self::Murmur2
            | Self::Murmur2Random
            | Self::KafkaGoMurmur2
            | Self::KafkajsDefault => Some(HashAlgorithm::Murmur2),
            Self::Consistent | Self::ConsistentRandom | Self::KafkaGoCrc32 => {
                Some(HashAlgorithm::Crc32)
            }
            Self::Fnv1a | Self::Fnv1aRandom | Self::SaramaHash | Self::KafkaGoHash => {
                Some(HashAlgorithm::Fnv1a)
            }
            Self::SaramaReferenceHash | Self::KafkaGoReferenceHash => {
                Some(HashAlgorithm::Fnv1aMasked)
            }
            Self::KafkajsLegacy => Some(HashAlgorithm::Murmur2KafkajsLegacy),
            Self::RoundRobin => None,
        }
    }

    /// Where a record without a key goes: a null key always, and an empty one where
    /// [`Self::empty_key_is_keyless`].
    pub fn keyless(self) -> Keyless {
        match self {
            Self::Default => Keyless::JavaSticky,
            Self::RoundRobin | Self::KafkaGoHash => Keyless::RoundRobin {
                random_start: false,
            },
            Self::KafkajsDefault | Self::KafkajsLegacy => {
                Keyless::RoundRobin { random_start: true }
            }
            // rdkafka_topic.c (rd_kafka_topic_new0): sticky only when the linger is > 0
            // and the partitioner is not consistent, murmur2 or fnv1a; those three are
            // called with the NULL key and hash it as nothing.
            Self::Murmur2Random | Self::ConsistentRandom | Self::Fnv1aRandom => {
                Keyless::LingerSticky
            }
            Self::Murmur2 | Self::Consistent | Self::Fnv1a => Keyless::HashedAsEmpty,
            Self::SaramaHash
            | Self::SaramaReferenceHash
            | Self::KafkaGoReferenceHash
            | Self::KafkaGoMurmur2
            | Self::KafkaGoCrc32 => Keyless::Random,
        }
    }

    /// True when an empty (not null) key is treated as no key: librdkafka's
    /// `consistent_random` (`keylen == 0`, rdkafka_msg.c) and kafka-go's `CRC32Balancer`
    /// (`len(msg.Key) == 0`, balancer.go). Every other client hashes the empty key.
    pub fn empty_key_is_keyless(self) -> bool {
        matches!(self, Self::ConsistentRandom | Self::KafkaGoCrc32)
    }
}

impl fmt::Display for Partitioner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Partitioner {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Some(p) = Self::ALL.into_iter().find(|p| p.name() == s) {
            return Ok(p);
        }
        Ok(match s {
            "builtin" => Self::Default,
            "roundrobin"
            | "RoundRobinPartitioner"
            | "org.apache.kafka.clients.producer.RoundRobinPartitioner" => Self::RoundRobin,
            "crc32" => Self::Consistent,
            other => {
                let names: Vec<&str> = Self::ALL.iter().map(|p| p.name()).collect();
                return Err(format!(
                    "unknown partitioner '{other}' (expected one of: {})",
                    names.join(", ")
                ));
            }
        })
    }
}

/// A key hash used for partitioning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum HashAlgorithm {
    /// Kafka's murmur2 then `toPositive` (Java, librdkafka `murmur2*`).
    Murmur2,
    /// CRC-32 taken as unsigned (librdkafka `consistent*`).
    Crc32,
    /// FNV-1a 32 read as int32 and made positive by negation (Sarama's default,
    /// kafka-go's `Hash`, librdkafka's `fnv1a*`).
    Fnv1a,
    /// FNV-1a 32 made positive by `& 0x7fffffff` (Sarama's and kafka-go's reference
    /// hash).
    Fnv1aMasked,
    /// KafkaJS 1.x's murmur2 port on JavaScript numbers, then `& 0x7fffffff`.
    Murmur2KafkajsLegacy,
}

/// Every number of a key's trip to its partition, for the view to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct KeyHash {
    /// Which hash.
    pub algorithm: HashAlgorithm,
    /// The raw hash: murmur2's signed int, or the CRC as unsigned.
    pub hash: i64,
    /// The non-negative number taken modulo the partition count.
    pub positive: u32,
    /// The partition count at the time.
    pub partitions: u32,
    /// `positive % partitions`.
    pub partition: u32,
}

/// Hashes `key` with `algorithm` and reduces it to one of `partitions` (which must be > 0).
///
/// ```
/// use kafka_sim::partitioner::{hash_key, HashAlgorithm};
/// // With the real murmur2, user-1, user-2 and user-3 all land on partition 2 of 3.
/// for key in ["user-1", "user-2", "user-3"] {
///     assert_eq!(hash_key(HashAlgorithm::Murmur2, key.as_bytes(), 3).partition, 2);
/// }
/// ```
pub fn hash_key(algorithm: HashAlgorithm, key: &[u8], partitions: u32) -> KeyHash {
    debug_assert!(partitions > 0);
    let (hash, positive) = match algorithm {
        HashAlgorithm::Murmur2 => {
            let h = murmur2(key);
            (i64::from(h), to_positive(h))
        }
        // librdkafka: `rd_crc32(key, keylen) % partition_cnt`, an unsigned modulo.
        HashAlgorithm::Crc32 => {
            let c = crc32(key);
            (i64::from(c), c)
        }
        HashAlgorithm::Fnv1a => {
            let h = fnv1a(key);
            (i64::from(h as i32), sarama_positive(h))
        }
        HashAlgorithm::Fnv1aMasked => {
            let h = fnv1a(key) as i32;
            (i64::from(h), to_positive(h))
        }
        HashAlgorithm::Murmur2KafkajsLegacy => {
            let h = murmur2_kafkajs_legacy(key);
            (i64::from(h), to_positive(h))
        }
    };
    let partition = positive % partitions;
    KeyHash {
        algorithm,
        hash,
        positive,
        partitions,
        partition,
    }
}

/// Why a record went where it went: carried by `Event::RecordAppended`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Routing {
    /// The record named its partition (`ProducerRecord.partition()` always wins).
    Explicit,
    /// The key was hashed.
    Hashed(KeyHash),
    /// Keyless, built-in sticky partitioner (KIP-794): `produced_bytes` of `batch_size`
    /// have gone to the sticky partition, this record included; `switched` says a new
    /// sticky partition was chosen for this record.
    Sticky {
        /// Bytes produced to the sticky partition so far, this record included.
        produced_bytes: u32,
        /// `batch.size`: the sticky partition changes once this many bytes went to it.
        batch_size: u32,
        /// True when this record started a new sticky run.
        switched: bool,
    },
    /// `RoundRobinPartitioner`: the counter value used.
    RoundRobin {
        /// The per-topic counter before incrementing.
        counter: u32,
    },
    /// A random partition for this record alone: librdkafka's `*_random` with
    /// `sticky.partitioning.linger.ms=0`, Sarama's and kafka-go's fallbacks for a nil key.
    Random,
    /// librdkafka's sticky partition for a NULL (or empty) key: chosen at random at
    /// `since_ms` and kept for `linger_ms` (`sticky.partitioning.linger.ms`, default 10).
    LingerSticky {
        /// When this sticky partition was chosen, on the logical clock.
        since_ms: i64,
        /// `sticky.partitioning.linger.ms`.
        linger_ms: i64,
        /// True when this record started a new sticky run.
        switched: bool,
    },
}

impl Routing {
    /// True when the key alone decided the partition.
    pub fn is_hashed(&self) -> bool {
        matches!(self, Self::Hashed(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_names_round_trip() {
        for p in Partitioner::ALL {
            assert_eq!(p.name().parse::<Partitioner>(), Ok(p));
        }
        assert!("sticky".parse::<Partitioner>().is_err());
    }

    #[test]
    fn the_tracker_seeds_keys_land_where_real_kafka_puts_them() {
        // TOOLCHAIN.md: order-100 and order-101 on partition 1, order-102 on 0.
        let p = |k: &str| hash_key(HashAlgorithm::Murmur2, k.as_bytes(), 3).partition;
        assert_eq!(p("order-100"), 1);
        assert_eq!(p("order-101"), 1);
        assert_eq!(p("order-102"), 0);
    }

    #[test]
    fn murmur2_of_21_is_made_positive_by_masking() {
        let h = hash_key(HashAlgorithm::Murmur2, b"21", 7);
        assert_eq!(h.hash, -973_932_308);
        assert_eq!(h.positive, 1_173_551_340);
        assert_eq!(h.partition, 1_173_551_340 % 7);
    }
}
