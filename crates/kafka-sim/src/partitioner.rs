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
use crate::murmur2::{murmur2, to_positive};

/// A partitioning strategy, named as the clients name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum Partitioner {
    /// The Java client's built-in partitioner (`partitioner.class` unset): murmur2 for
    /// keys, KIP-794 sticky for null keys.
    Default,
    /// `org.apache.kafka.clients.producer.RoundRobinPartitioner`: ignores keys.
    RoundRobin,
    /// librdkafka `murmur2_random`: Java-compatible for keys, random for NULL keys.
    Murmur2Random,
    /// librdkafka `consistent`: CRC-32 of the key (with stickiness off, NULL and empty
    /// keys hash to 0).
    Consistent,
    /// librdkafka `consistent_random` (librdkafka's default): CRC-32, random for NULL
    /// and empty keys.
    ConsistentRandom,
}

impl Partitioner {
    /// Every strategy, for pickers.
    pub const ALL: [Partitioner; 5] = [
        Self::Default,
        Self::RoundRobin,
        Self::Murmur2Random,
        Self::Consistent,
        Self::ConsistentRandom,
    ];

    /// The canonical name in the command grammar.
    pub fn name(self) -> &'static str {
        match self {
            Self::Default => "default",
            Self::RoundRobin => "round-robin",
            Self::Murmur2Random => "murmur2_random",
            Self::Consistent => "consistent",
            Self::ConsistentRandom => "consistent_random",
        }
    }

    /// The hash this strategy applies to a key, if it hashes keys at all.
    pub fn hash_algorithm(self) -> Option<HashAlgorithm> {
        match self {
            Self::Default | Self::Murmur2Random => Some(HashAlgorithm::Murmur2),
            Self::Consistent | Self::ConsistentRandom => Some(HashAlgorithm::Crc32),
            Self::RoundRobin => None,
        }
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
        Ok(match s {
            "default" | "murmur2" | "builtin" => Self::Default,
            "round-robin" | "roundrobin" | "RoundRobinPartitioner"
            | "org.apache.kafka.clients.producer.RoundRobinPartitioner" => Self::RoundRobin,
            "murmur2_random" => Self::Murmur2Random,
            "consistent" | "crc32" => Self::Consistent,
            "consistent_random" => Self::ConsistentRandom,
            other => {
                return Err(format!(
                    "unknown partitioner '{other}' (expected one of: default, round-robin, murmur2_random, consistent, consistent_random)"
                ))
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
    };
    let partition = match algorithm {
        HashAlgorithm::Murmur2 => positive % partitions,
        HashAlgorithm::Crc32 => positive % partitions,
    };
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
    /// librdkafka's random choice for a NULL (or empty) key, with
    /// `sticky.partitioning.linger.ms=0`.
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
