//! The same key across clients: each Kafka client's own partitioner names, its default,
//! and whether the partition comes from the key at all.
//!
//! Kafka leaves partitioning to the producer, so services in different languages that
//! write the same keys to one topic only agree when their clients hash alike:
//!
//! | client | default | source |
//! |---|---|---|
//! | Java | murmur2, `toPositive(h) % n` | `BuiltInPartitioner#partitionForKey` |
//! | librdkafka (confluent-kafka Python, Go, .NET) | `consistent_random`: CRC-32 | `rdkafka_msg.c` |
//! | kafka-go | round-robin: ignores keys | `writer.go` ("The default is to use a round-robin distribution"), `balancer.go` |
//! | Sarama | FNV-1a, `int32(h) % n` negated | `partitioner.go`, `NewHashPartitioner` |
//! | KafkaJS 2.x | murmur2 as Java | `partitioners/default/partitioner.js` |
//!
//! The rules themselves live in [`Partitioner`]; this module only names them as each
//! client does and says, for a key that does not decide the partition, why.

use std::fmt;
use std::str::FromStr;

use crate::partitioner::{hash_key, KeyHash, Keyless, Partitioner};

/// A Kafka client library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Client {
    /// The Apache Kafka Java client (`kafka-clients`).
    Java,
    /// librdkafka, under confluent-kafka-python, confluent-kafka-go and Confluent.Kafka.
    Librdkafka,
    /// github.com/segmentio/kafka-go, its `Writer`'s `Balancer`.
    KafkaGo,
    /// github.com/IBM/sarama (formerly Shopify/sarama).
    Sarama,
    /// KafkaJS (npm `kafkajs`).
    Kafkajs,
}

/// How a client names one of its partitioners, and what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    /// A partitioner that may hash the key.
    Uses(Partitioner),
    /// A partitioner that never looks at the key, and why.
    IgnoresKey(&'static str),
}

impl Client {
    /// Every client, in the order views list them.
    pub const ALL: [Client; 5] = [
        Self::Java,
        Self::Librdkafka,
        Self::KafkaGo,
        Self::Sarama,
        Self::Kafkajs,
    ];

    /// The name in `kafka-sim eval` and the command grammar.
    pub fn name(self) -> &'static str {
        match self {
            Self::Java => "java",
            Self::Librdkafka => "librdkafka",
            Self::KafkaGo => "kafka-go",
            Self::Sarama => "sarama",
            Self::Kafkajs => "kafkajs",
        }
    }

    /// The partitioner a producer of this client uses when none is configured.
    pub fn default_partitioner_name(self) -> &'static str {
        self.entries()[0].0
    }

    /// The product a learner knows this client by.
    pub fn label(self) -> &'static str {
        match self {
            Self::Java => "Java (kafka-clients)",
            Self::Librdkafka => "librdkafka (confluent-kafka Python, Go, .NET)",
            Self::KafkaGo => "kafka-go Writer",
            Self::Sarama => "Sarama",
            Self::Kafkajs => "KafkaJS",
        }
    }

    /// How a program of this client selects partitioner `name`, in the client's own
    /// terms (`Balancer: kafka.Murmur2Balancer{}`).
    pub fn setting(self, name: &str) -> Result<&'static str, String> {
        self.find(name).map(|(_, _, setting)| *setting)
    }

    /// The client's partitioner names, its default first, and how each is configured.
    fn entries(self) -> &'static [(&'static str, Entry, &'static str)] {
        use Entry::{IgnoresKey, Uses};
        match self {
            Self::Java => &[
                ("default", Uses(Partitioner::Default), "partitioner.class unset"),
                ("round-robin", Uses(Partitioner::RoundRobin), "partitioner.class=RoundRobinPartitioner"),
            ],
            // rdkafka_conf.c, "partitioner": the default is consistent_random.
            Self::Librdkafka => &[
                ("consistent_random", Uses(Partitioner::ConsistentRandom), "partitioner unset (consistent_random)"),
                ("consistent", Uses(Partitioner::Consistent), "partitioner=consistent"),
                ("murmur2_random", Uses(Partitioner::Murmur2Random), "partitioner=murmur2_random"),
                ("murmur2", Uses(Partitioner::Murmur2), "partitioner=murmur2"),
                ("fnv1a", Uses(Partitioner::Fnv1a), "partitioner=fnv1a"),
                ("fnv1a_random", Uses(Partitioner::Fnv1aRandom), "partitioner=fnv1a_random"),
                ("random", IgnoresKey("librdkafka's random partitioner ignores the key: every record goes to a random partition"), "partitioner=random"),
            ],
            // writer.go, Writer.Balancer: "The default is to use a round-robin distribution."
            Self::KafkaGo => &[
                ("round-robin", IgnoresKey("kafka-go's Writer balances round-robin unless a Balancer is set: the key is not used, the partition depends on the Writer's counter"), "Balancer unset (&kafka.RoundRobin{})"),
                ("hash", Uses(Partitioner::KafkaGoHash), "Balancer: &kafka.Hash{}"),
                ("reference-hash", Uses(Partitioner::KafkaGoReferenceHash), "Balancer: &kafka.ReferenceHash{}"),
                ("murmur2", Uses(Partitioner::KafkaGoMurmur2), "Balancer: kafka.Murmur2Balancer{}"),
                ("crc32", Uses(Partitioner::KafkaGoCrc32), "Balancer: kafka.CRC32Balancer{}"),
                ("least-bytes", IgnoresKey("kafka-go's LeastBytes balancer ignores the key: it picks the partition that received the fewest bytes"), "Balancer: &kafka.LeastBytes{}"),
            ],
            // config.go: Producer.Partitioner defaults to NewHashPartitioner.
            Self::Sarama => &[
                ("hash", Uses(Partitioner::SaramaHash), "Partitioner unset (NewHashPartitioner)"),
                ("reference-hash", Uses(Partitioner::SaramaReferenceHash), "Partitioner: sarama.NewReferenceHashPartitioner"),
                ("random", IgnoresKey("Sarama's NewRandomPartitioner ignores the key: every message goes to a random partition"), "Partitioner: sarama.NewRandomPartitioner"),
                ("round-robin", IgnoresKey("Sarama's NewRoundRobinPartitioner ignores the key: the partition depends on its counter"), "Partitioner: sarama.NewRoundRobinPartitioner"),
            ],
            // producer/index.js: createPartitioner defaults to DefaultPartitioner (2.0+).
            Self::Kafkajs => &[
                ("default", Uses(Partitioner::KafkajsDefault), "Partitioners.DefaultPartitioner (2.x default)"),
                ("legacy", Uses(Partitioner::KafkajsLegacy), "Partitioners.LegacyPartitioner (1.x default)"),
                ("java-compatible", Uses(Partitioner::KafkajsDefault), "Partitioners.JavaCompatiblePartitioner"),
            ],
        }
    }

    fn find(self, name: &str) -> Result<&'static (&'static str, Entry, &'static str), String> {
        let entries = self.entries();
        entries.iter().find(|(n, _, _)| *n == name).ok_or_else(|| {
            let names: Vec<&str> = entries.iter().map(|(n, _, _)| *n).collect();
            format!(
                "unknown {} partitioner '{name}' (expected one of: {})",
                self.name(),
                names.join(", ")
            )
        })
    }
}

impl fmt::Display for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Client {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|c| c.name() == s)
            .ok_or_else(|| {
                format!("unknown client '{s}' (expected one of: java, librdkafka, kafka-go, sarama, kafkajs)")
            })
    }
}

/// Where one client puts one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// The key decided the partition, by these numbers.
    Hashed(KeyHash),
    /// The key does not decide it: the partition depends on a counter, a random draw or
    /// the records before it.
    NotFromKey(&'static str),
}

/// The engine strategy for `client`'s partitioner `name` (its default when `None`), or
/// the reason it never uses the key.
pub fn resolve(
    client: Client,
    name: Option<&str>,
) -> Result<Result<Partitioner, &'static str>, String> {
    Ok(
        match client
            .find(name.unwrap_or(client.default_partitioner_name()))?
            .1
        {
            Entry::Uses(p) => Ok(p),
            Entry::IgnoresKey(why) => Err(why),
        },
    )
}

/// Where `client`'s partitioner `name` puts `key` (`None`: a null key) among
/// `partitions` (> 0).
///
/// ```
/// use kafka_sim::client_partitioner::{place, Client, Placement};
/// // The same key, five clients, twelve partitions.
/// let p = |c, name| match place(c, name, Some(b"user-1"), 12).unwrap() {
///     Placement::Hashed(h) => Some(h.partition),
///     Placement::NotFromKey(_) => None,
/// };
/// assert_eq!(p(Client::Java, None), Some(8));
/// assert_eq!(p(Client::Kafkajs, None), Some(8));
/// assert_eq!(p(Client::Librdkafka, Some("murmur2_random")), Some(8));
/// assert_eq!(p(Client::KafkaGo, None), None); // round-robin
/// ```
pub fn place(
    client: Client,
    name: Option<&str>,
    key: Option<&[u8]>,
    partitions: u32,
) -> Result<Placement, String> {
    Ok(match resolve(client, name)? {
        Ok(strategy) => place_strategy(strategy, key, partitions),
        Err(why) => Placement::NotFromKey(why),
    })
}

/// Where the engine's `strategy` puts `key`: the rule the sandbox's producer applies
/// (`keyed_partition`), with the reason when the key does not decide it.
pub fn place_strategy(strategy: Partitioner, key: Option<&[u8]>, partitions: u32) -> Placement {
    let Some(algorithm) = strategy.hash_algorithm() else {
        return Placement::NotFromKey(
            "RoundRobinPartitioner ignores the key: the partition depends on the producer's counter, not on the key",
        );
    };
    let bytes: &[u8] = match key {
        None if strategy.keyless() == Keyless::HashedAsEmpty => b"",
        None => return Placement::NotFromKey(null_key_reason(strategy)),
        Some(b"") if strategy.empty_key_is_keyless() => {
            return Placement::NotFromKey(empty_key_reason(strategy))
        }
        Some(k) => k,
    };
    Placement::Hashed(hash_key(algorithm, bytes, partitions))
}

/// Why a null key does not decide the partition under `strategy`.
pub fn null_key_reason(strategy: Partitioner) -> &'static str {
    match (strategy, strategy.keyless()) {
        (_, Keyless::JavaSticky) => "null key: the Java producer does not derive the partition from the key; it uses the sticky partitioner (KIP-480/KIP-794), which stays on one partition until batch.size bytes were sent to it",
        (_, Keyless::LingerSticky) => "null key: librdkafka does not derive it from the key; with sticky.partitioning.linger.ms > 0 (default 10) it keeps keyless records on one random partition for that long, with 0 the *_random partitioners pick at random",
        (Partitioner::KafkaGoHash, _) => "nil key: kafka-go's Hash balancer falls back to round-robin",
        (Partitioner::KafkajsDefault | Partitioner::KafkajsLegacy, _) => "null key: KafkaJS goes round-robin over the partitions that have a leader, from a random starting point",
        (_, Keyless::RoundRobin { .. }) => "null key: the partition depends on the producer's round-robin counter",
        (Partitioner::SaramaHash | Partitioner::SaramaReferenceHash, _) => "nil key: Sarama's hash partitioner sends it to a random partition",
        (_, Keyless::Random | Keyless::HashedAsEmpty) => "nil key: kafka-go's balancer sends it to a random partition",
    }
}

/// Why an empty key does not decide the partition under `strategy`.
fn empty_key_reason(strategy: Partitioner) -> &'static str {
    if strategy == Partitioner::KafkaGoCrc32 {
        "empty key: kafka-go's CRC32Balancer sends nil and empty keys to a random partition, as librdkafka's consistent_random"
    } else {
        "empty key: librdkafka's consistent_random sends empty keys to a random partition"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partition(client: Client, name: &str, key: Option<&str>, n: u32) -> Option<u32> {
        match place(client, Some(name), key.map(str::as_bytes), n).unwrap() {
            Placement::Hashed(h) => Some(h.partition),
            Placement::NotFromKey(_) => None,
        }
    }

    #[test]
    fn every_default_is_the_clients_own() {
        let defaults: Vec<&str> = Client::ALL
            .iter()
            .map(|c| c.default_partitioner_name())
            .collect();
        assert_eq!(
            defaults,
            [
                "default",
                "consistent_random",
                "round-robin",
                "hash",
                "default"
            ]
        );
    }

    #[test]
    fn librdkafka_hashes_a_null_key_as_empty_in_its_non_random_partitioners() {
        // Checked on confluent-kafka 2.16.1's bundled librdkafka, mock cluster, with
        // sticky.partitioning.linger.ms 10 and 0 alike: consistent puts a NULL key on 0,
        // murmur2 on murmur2("") % n (2 of 7), fnv1a on 0x7ee3623b % n (3 of 12).
        assert_eq!(
            partition(Client::Librdkafka, "consistent", None, 7),
            Some(0)
        );
        assert_eq!(partition(Client::Librdkafka, "murmur2", None, 7), Some(2));
        assert_eq!(partition(Client::Librdkafka, "fnv1a", None, 12), Some(3));
        for random in ["consistent_random", "murmur2_random", "fnv1a_random"] {
            assert_eq!(partition(Client::Librdkafka, random, None, 7), None);
        }
        // And the empty key: hashed by all but consistent_random.
        assert_eq!(
            partition(Client::Librdkafka, "consistent_random", Some(""), 7),
            None
        );
        assert_eq!(
            partition(Client::Librdkafka, "murmur2_random", Some(""), 7),
            Some(2)
        );
        assert_eq!(
            partition(Client::Librdkafka, "fnv1a_random", Some(""), 12),
            Some(3)
        );
    }

    #[test]
    fn go_clients_keyless_rules() {
        // balancer.go: Hash goes round-robin on a nil key but hashes an empty one;
        // CRC32Balancer treats both as unset; Murmur2Balancer only nil.
        assert_eq!(partition(Client::KafkaGo, "hash", None, 3), None);
        assert!(partition(Client::KafkaGo, "hash", Some(""), 3).is_some());
        assert_eq!(partition(Client::KafkaGo, "crc32", Some(""), 3), None);
        assert!(partition(Client::KafkaGo, "murmur2", Some(""), 3).is_some());
        assert_eq!(partition(Client::Sarama, "hash", None, 3), None);
    }

    #[test]
    fn unknown_names_list_the_clients_own() {
        let err = place(Client::Sarama, Some("murmur2"), Some(b"k"), 3).unwrap_err();
        assert_eq!(
            err,
            "unknown sarama partitioner 'murmur2' (expected one of: hash, reference-hash, random, round-robin)"
        );
        assert!("rdkafka"
            .parse::<Client>()
            .unwrap_err()
            .contains("librdkafka"));
    }
}
