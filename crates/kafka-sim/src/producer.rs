//! The producer's configuration and the state its partitioners keep between sends.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::error::{ErrorKind, KafkaError};
use crate::partitioner::{Partitioner, Routing};
use crate::rng::SplitMix64;

/// The sticky partition of one topic (KIP-794 `BuiltInPartitioner.StickyPartitionInfo`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sticky {
    /// Where keyless records go for now.
    pub partition: u32,
    /// Bytes produced to it since it was chosen.
    pub produced_bytes: u32,
}

/// Producer configs this simulation models, with the Java client's defaults, and the
/// partitioners' memory.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ProducerState {
    /// `partitioner.class` (Java) or `partitioner` (librdkafka); default: Java's built-in.
    pub partitioner: Partitioner,
    /// `batch.size`, default 16384: the sticky partition moves after this many bytes.
    pub batch_size: u32,
    /// `partitioner.ignore.keys`, default false.
    pub ignore_keys: bool,
    /// Sticky partition per topic.
    pub sticky: BTreeMap<Arc<str>, Sticky>,
    /// `RoundRobinPartitioner`'s counter per topic.
    pub round_robin: BTreeMap<Arc<str>, u32>,
    /// librdkafka `sticky.partitioning.linger.ms`, default 10: keyless records of a
    /// librdkafka producer stay on one random partition this long (0 turns it off).
    pub sticky_linger_ms: i64,
    /// librdkafka's sticky partition per topic, and when it was chosen.
    pub librdkafka_sticky: BTreeMap<Arc<str>, (u32, i64)>,
}

impl Default for ProducerState {
    fn default() -> Self {
        Self {
            partitioner: Partitioner::Default,
            batch_size: 16_384,
            ignore_keys: false,
            sticky: BTreeMap::new(),
            round_robin: BTreeMap::new(),
            sticky_linger_ms: 10,
            librdkafka_sticky: BTreeMap::new(),
        }
    }
}

impl ProducerState {
    /// Sets one producer config, refusing unknown names and bad values. A running
    /// KafkaProducer cannot be reconfigured, so this stands for a new producer: the
    /// partitioners' memory starts afresh.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), KafkaError> {
        let bad = |reason: &str| {
            KafkaError::new(
                ErrorKind::InvalidConfigurationException,
                format!("Invalid value {value} for configuration {name}: {reason}"),
            )
        };
        self.sticky.clear();
        self.round_robin.clear();
        self.librdkafka_sticky.clear();
        match name {
            "batch.size" => {
                self.batch_size = value.parse().map_err(|_| bad("Not a number of type INT"))?;
            }
            "partitioner.ignore.keys" => {
                self.ignore_keys = match value {
                    "true" => true,
                    "false" => false,
                    _ => return Err(bad("Expected value to be either true or false")),
                }
            }
            "partitioner" | "partitioner.class" => {
                self.partitioner = value.parse().map_err(|e: String| bad(&e))?;
            }
            "sticky.partitioning.linger.ms" => {
                self.sticky_linger_ms = value
                    .parse()
                    .ok()
                    .filter(|n| (0..=900_000).contains(n))
                    .ok_or_else(|| bad("must be a whole number from 0 to 900000"))?;
            }
            _ => {
                return Err(KafkaError::new(
                    ErrorKind::InvalidConfigurationException,
                    format!("Unknown producer config name: {name} (this simulation knows batch.size, partitioner, partitioner.ignore.keys, sticky.partitioning.linger.ms)"),
                ))
            }
        }
        Ok(())
    }

    /// Chooses a partition for a record whose key does not decide it.
    pub(crate) fn keyless(
        &mut self,
        strategy: Partitioner,
        topic: &Arc<str>,
        partitions: u32,
        size: u32,
        now_ms: i64,
        rng: &mut SplitMix64,
    ) -> (u32, Routing) {
        match strategy {
            Partitioner::Default => {
                // KIP-794, BuiltInPartitioner: keep the sticky partition until at least
                // batch.size bytes were produced to it, then pick the next one at random
                // (`nextPartition`: random % partitions, which may repeat).
                let switched = !self.sticky.contains_key(topic)
                    || self
                        .sticky
                        .get(topic)
                        .is_some_and(|s| s.partition >= partitions);
                if switched {
                    let partition = rng.next_positive_i32() % partitions;
                    self.sticky.insert(
                        topic.clone(),
                        Sticky {
                            partition,
                            produced_bytes: 0,
                        },
                    );
                }
                let sticky = self.sticky.get_mut(topic).expect("inserted above");
                sticky.produced_bytes = sticky.produced_bytes.saturating_add(size);
                let routing = Routing::Sticky {
                    produced_bytes: sticky.produced_bytes,
                    batch_size: self.batch_size,
                    switched,
                };
                let partition = sticky.partition;
                if sticky.produced_bytes >= self.batch_size {
                    self.sticky.remove(topic);
                }
                (partition, routing)
            }
            Partitioner::RoundRobin => {
                let counter = self.round_robin.entry(topic.clone()).or_insert(0);
                let value = *counter;
                *counter = counter.wrapping_add(1);
                (
                    crate::murmur2::to_positive(value as i32) % partitions,
                    Routing::RoundRobin { counter: value },
                )
            }
            // librdkafka (`rd_kafka_msg_partitioner`, rdkafka_msg.c): a NULL key (and an
            // empty one under consistent_random) goes to `rd_kafka_msg_sticky_partition`,
            // one random partition kept for sticky.partitioning.linger.ms; with 0, the
            // partitioner itself picks at random each time.
            Partitioner::Murmur2Random
            | Partitioner::Consistent
            | Partitioner::ConsistentRandom => {
                if self.sticky_linger_ms == 0 {
                    return (rng.next_positive_i32() % partitions, Routing::Random);
                }
                let current = self.librdkafka_sticky.get(topic).copied();
                let (partition, since_ms, switched) = match current {
                    Some((p, since))
                        if now_ms - since < self.sticky_linger_ms && p < partitions =>
                    {
                        (p, since, false)
                    }
                    _ => {
                        let p = rng.next_positive_i32() % partitions;
                        self.librdkafka_sticky.insert(topic.clone(), (p, now_ms));
                        (p, now_ms, true)
                    }
                };
                (
                    partition,
                    Routing::LingerSticky {
                        since_ms,
                        linger_ms: self.sticky_linger_ms,
                        switched,
                    },
                )
            }
        }
    }
}
