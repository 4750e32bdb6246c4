//! The producer's configuration and the state its partitioners keep between sends.

pub mod delivery;
pub mod go_writer;
pub mod sender;

use crate::collections::VecMap;
use std::sync::Arc;

use crate::error::{ErrorKind, KafkaError};
use crate::partitioner::{HashAlgorithm, Keyless, Partitioner, Routing};
use crate::producer_state::{ProducerTag, NO_PRODUCER_EPOCH, NO_PRODUCER_ID};
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
    pub sticky: VecMap<Arc<str>, Sticky>,
    /// `RoundRobinPartitioner`'s counter per topic.
    pub round_robin: VecMap<Arc<str>, u32>,
    /// librdkafka `sticky.partitioning.linger.ms`, default 10: keyless records of a
    /// librdkafka producer stay on one random partition this long (0 turns it off).
    pub sticky_linger_ms: i64,
    /// librdkafka's sticky partition per topic, and when it was chosen.
    pub librdkafka_sticky: VecMap<Arc<str>, (u32, i64)>,
    /// `acks`: -1 (`all`, the default since 3.0, KIP-679), 0 or 1.
    pub acks: i8,
    /// `enable.idempotence` as set; `None` is the default (true), which is silently
    /// dropped when another config conflicts (`ProducerConfig`, KIP-679).
    pub enable_idempotence: Option<bool>,
    /// `retries`, default `Integer.MAX_VALUE`.
    pub retries: i32,
    /// `max.in.flight.requests.per.connection`, default 5.
    pub max_in_flight: i32,
    /// The producer id from InitProducerId, once an idempotent send asked for one.
    pub producer_id: i64,
    /// Its epoch.
    pub producer_epoch: i16,
    /// `transactional.id`, if set.
    pub transactional_id: Option<String>,
    /// Where `TransactionManager` stands.
    pub txn_state: TxnState,
    /// `transaction.timeout.ms`, default 60000: the coordinator aborts a transaction left
    /// open longer.
    pub transaction_timeout_ms: i64,
    /// `metadata.max.age.ms`, default 300000: how old its metadata may get before the
    /// producer refreshes it.
    pub metadata_max_age_ms: i64,
    /// The partition count it knows per topic, and when it learned it.
    pub metadata: Vec<(Arc<str>, u32, i64)>,
    /// The leader each replicated partition has in the producer's metadata, and when it
    /// learned it: refreshed on NOT_LEADER_OR_FOLLOWER, a timeout, a dead connection or
    /// `metadata.max.age.ms` (`Sender#completeBatch`, `Metadata#requestUpdate`).
    pub leaders: Vec<(Arc<str>, u32, i32, i64)>,
    /// Config names it was given that this simulation does not model.
    pub not_modelled: Vec<String>,
    /// A kafka-go `Writer` in the Java client's place (`set-writer`), if set.
    pub writer: Option<go_writer::GoWriter>,
    /// The next sequence number per topic and partition. A list, not a map: a producer
    /// writes to few topics, and the append path finds its topic by pointer first.
    pub sequences: Vec<(Arc<str>, Vec<i32>)>,
    /// Where its last [`RECENT_SENDS`] records went (topic, partition, offset), oldest
    /// first: the records the code panel's programs send again (`client_code`). Kept
    /// when the producer is reconfigured, as the records stay in the log.
    pub recent: std::collections::VecDeque<(Arc<str>, u32, i64)>,
}

/// How many sends [`ProducerState::recent`] remembers.
pub const RECENT_SENDS: usize = 4;

impl Default for ProducerState {
    fn default() -> Self {
        Self {
            partitioner: Partitioner::Default,
            batch_size: 16_384,
            ignore_keys: false,
            sticky: VecMap::new(),
            round_robin: VecMap::new(),
            sticky_linger_ms: 10,
            librdkafka_sticky: VecMap::new(),
            acks: -1,
            enable_idempotence: None,
            retries: i32::MAX,
            max_in_flight: 5,
            producer_id: NO_PRODUCER_ID,
            producer_epoch: NO_PRODUCER_EPOCH,
            sequences: Vec::new(),
            transactional_id: None,
            txn_state: TxnState::Uninitialized,
            transaction_timeout_ms: DEFAULT_TRANSACTION_TIMEOUT_MS,
            metadata_max_age_ms: 300_000,
            metadata: Vec::new(),
            leaders: Vec::new(),
            not_modelled: Vec::new(),
            writer: None,
            recent: std::collections::VecDeque::with_capacity(RECENT_SENDS),
        }
    }
}

/// `TransactionManager.State`, the part a learner meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum TxnState {
    /// Before `initTransactions()`.
    Uninitialized,
    /// Between transactions.
    Ready,
    /// After `beginTransaction()`.
    InTransaction,
    /// A send in the transaction failed: only `abortTransaction()` is allowed, and the
    /// error is what the refusals name (`TransactionManager#maybeFailWithError`).
    AbortableError(ErrorKind),
    /// Nothing transactional is allowed any more: the producer must be closed.
    FatalError(ErrorKind),
}

impl TxnState {
    /// The name Java's `State` enum gives it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Uninitialized => "UNINITIALIZED",
            Self::Ready => "READY",
            Self::InTransaction => "IN_TRANSACTION",
            Self::AbortableError(_) => "ABORTABLE_ERROR",
            Self::FatalError(_) => "FATAL_ERROR",
        }
    }
}

/// `transaction.timeout.ms`'s default.
pub const DEFAULT_TRANSACTION_TIMEOUT_MS: i64 = 60_000;

/// `ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION_FOR_IDEMPOTENCE`.
pub const MAX_IN_FLIGHT_FOR_IDEMPOTENCE: i32 = 5;

impl ProducerState {
    /// Sets one producer config, refusing unknown names and bad values. A running
    /// KafkaProducer cannot be reconfigured, so this stands for a new producer: the
    /// partitioners' memory starts afresh.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), KafkaError> {
        let bad = |reason: &str| {
            KafkaError::new(
                ErrorKind::ConfigException,
                format!("Invalid value {value} for configuration {name}: {reason}"),
            )
        };
        self.sticky.clear();
        self.round_robin.clear();
        self.librdkafka_sticky.clear();
        self.metadata.clear();
        // A new producer: it will ask for a new producer id, and sequences restart.
        self.producer_id = NO_PRODUCER_ID;
        self.producer_epoch = NO_PRODUCER_EPOCH;
        self.sequences.clear();
        self.txn_state = TxnState::Uninitialized;
        let boolean = || match value {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(bad("Expected value to be either true or false")),
        };
        match name {
            "acks" => {
                self.acks = match value {
                    "all" | "-1" => -1,
                    "0" => 0,
                    "1" => 1,
                    _ => return Err(bad("String must be one of: all, -1, 0, 1")),
                }
            }
            "enable.idempotence" => self.enable_idempotence = Some(boolean()?),
            "transactional.id" => {
                self.transactional_id = (!value.is_empty()).then(|| value.to_string());
            }
            "retries" => {
                self.retries = value
                    .parse()
                    .ok()
                    .filter(|n| *n >= 0)
                    .ok_or_else(|| bad("Value must be at least 0"))?;
            }
            "max.in.flight.requests.per.connection" => {
                self.max_in_flight = value
                    .parse()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| bad("Value must be at least 1"))?;
            }
            "batch.size" => {
                self.batch_size = value.parse().map_err(|_| bad("Not a number of type INT"))?;
            }
            "partitioner.ignore.keys" => self.ignore_keys = boolean()?,
            "metadata.max.age.ms" => {
                self.metadata_max_age_ms = value
                    .parse::<i64>()
                    .ok()
                    .filter(|n| *n >= 0)
                    .ok_or_else(|| bad("Value must be at least 0"))?;
            }
            "transaction.timeout.ms" => {
                self.transaction_timeout_ms = value
                    .parse::<i32>()
                    .map(i64::from)
                    .map_err(|_| bad("Not a number of type INT"))?;
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
            // The client accepts any name (AbstractConfig): one this simulation does not
            // model changes nothing, and is said so.
            _ => {
                if !self.not_modelled.iter().any(|n| n == name) {
                    self.not_modelled.push(name.to_string());
                }
            }
        }
        Ok(())
    }

    /// The partition count the producer uses for `topic`: what it learned last, refreshed
    /// once `metadata.max.age.ms` has passed, or when a record names a partition it does
    /// not know of yet (`KafkaProducer#waitOnMetadata`). So a running producer keeps
    /// sending to the old partitions for a while after partitions are added.
    pub(crate) fn partition_count(
        &mut self,
        topic: &Arc<str>,
        actual: u32,
        now: i64,
        partition: Option<i32>,
    ) -> u32 {
        let max_age = self.metadata_max_age_ms;
        match self.metadata.iter_mut().find(|(t, _, _)| t == topic) {
            Some((_, count, at))
                if now < *at + max_age && partition.is_none_or(|p| (p as u32) < *count) =>
            {
                *count
            }
            Some(entry) => {
                entry.1 = actual;
                entry.2 = now;
                actual
            }
            None => {
                self.metadata.push((topic.clone(), actual, now));
                actual
            }
        }
    }

    /// Remembers a record it got appended.
    #[inline]
    pub(crate) fn sent(&mut self, topic: &Arc<str>, partition: u32, offset: i64) {
        // The slot that falls off is reused: on the hot path (one topic) that saves the
        // reference count's two atomic operations per record.
        let name = match self.recent.len() {
            RECENT_SENDS => match self.recent.pop_front() {
                Some((old, _, _)) if Arc::ptr_eq(&old, topic) => old,
                _ => topic.clone(),
            },
            _ => topic.clone(),
        };
        self.recent.push_back((name, partition, offset));
    }

    /// Whether sends are idempotent: set explicitly, or by default unless a conflicting
    /// config turns the default off.
    pub fn idempotent(&self) -> bool {
        self.enable_idempotence.unwrap_or(
            self.acks == -1
                && self.retries > 0
                && self.max_in_flight <= MAX_IN_FLIGHT_FOR_IDEMPOTENCE,
        )
    }

    /// `ProducerConfig#postProcessAndValidateIdempotenceConfigs` (Kafka 4.x), checks in
    /// its order: explicit idempotence with `retries=0` or `acks` not `all` is a
    /// ConfigException (by default those quietly turn idempotence off), and more than
    /// five requests in flight is one unless `enable.idempotence=false`.
    pub fn validate(&self) -> Result<(), KafkaError> {
        if self.enable_idempotence == Some(false) {
            return match self.transactional_id {
                Some(_) => Err(KafkaError::new(
                    ErrorKind::ConfigException,
                    "Cannot set a transactional.id without also enabling idempotence.",
                )),
                None => Ok(()),
            };
        }
        let explicit = self.enable_idempotence == Some(true);
        let conflict = if explicit && self.retries == 0 {
            Some("Must set retries to non-zero when using the idempotent producer.".to_string())
        } else if explicit && self.acks != -1 {
            Some("Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.".to_string())
        } else if self.max_in_flight > MAX_IN_FLIGHT_FOR_IDEMPOTENCE {
            Some(format!("To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most {MAX_IN_FLIGHT_FOR_IDEMPOTENCE}. Current value is {}.", self.max_in_flight))
        } else {
            None
        };
        if let Some(message) = conflict {
            return Err(KafkaError::new(ErrorKind::ConfigException, message));
        }
        if self.transactional_id.is_some() && !self.idempotent() {
            return Err(KafkaError::new(
                ErrorKind::ConfigException,
                "Cannot set a transactional.id without also enabling idempotence.",
            ));
        }
        Ok(())
    }

    /// The tag of the next record to `partition` of `topic` (of `partitions`), taking
    /// its sequence number; the untagged [`ProducerTag::NONE`] without idempotence.
    pub(crate) fn next_tag(
        &mut self,
        topic: &Arc<str>,
        partition: u32,
        partitions: u32,
    ) -> ProducerTag {
        if self.producer_id == NO_PRODUCER_ID {
            return ProducerTag::NONE;
        }
        let at = match self
            .sequences
            .iter()
            .position(|(t, _)| Arc::ptr_eq(t, topic) || t == topic)
        {
            Some(at) => at,
            None => {
                self.sequences.push((topic.clone(), Vec::new()));
                self.sequences.len() - 1
            }
        };
        let seqs = &mut self.sequences[at].1;
        if seqs.len() < partitions as usize {
            seqs.resize(partitions as usize, 0);
        }
        let seq = &mut seqs[partition as usize];
        let sequence = *seq;
        // DefaultRecordBatch.incrementSequence: wraps to 0 after Integer.MAX_VALUE.
        *seq = if *seq == i32::MAX { 0 } else { *seq + 1 };
        ProducerTag {
            id: self.producer_id,
            epoch: self.producer_epoch,
            sequence,
            attributes: if self.transactional_id.is_some() {
                crate::producer_state::TRANSACTIONAL
            } else {
                0
            },
        }
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
        match strategy.keyless() {
            Keyless::JavaSticky => {
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
            Keyless::RoundRobin { random_start } => {
                // Java's RoundRobinPartitioner and kafka-go's RoundRobin count from 0;
                // KafkaJS starts each topic's counter at a random 32-bit number
                // (`randomBytes(32).readUInt32BE(0)`, partitioners/default/partitioner.js).
                let counter = self.round_robin.entry(topic.clone()).or_insert_with(|| {
                    if random_start {
                        rng.next_u64() as u32
                    } else {
                        0
                    }
                });
                let value = *counter;
                *counter = counter.wrapping_add(1);
                (
                    crate::murmur2::to_positive(value as i32) % partitions,
                    Routing::RoundRobin { counter: value },
                )
            }
            Keyless::Random => (rng.next_positive_i32() % partitions, Routing::Random),
            // Not reached: `keyed_partition` hashes these strategies' null keys itself.
            Keyless::HashedAsEmpty => {
                let hash = crate::partitioner::hash_key(
                    strategy.hash_algorithm().unwrap_or(HashAlgorithm::Crc32),
                    b"",
                    partitions,
                );
                (hash.partition, Routing::Hashed(hash))
            }
            // librdkafka (`rd_kafka_msg_partitioner`, rdkafka_msg.c): a NULL key (and an
            // empty one under consistent_random) goes to `rd_kafka_msg_sticky_partition`,
            // one random partition kept for sticky.partitioning.linger.ms; with 0, the
            // partitioner itself picks at random each time.
            Keyless::LingerSticky => {
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
