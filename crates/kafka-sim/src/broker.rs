//! A broker: its process (running, stopped, killed), its network (isolated or not), what
//! the controller holds of it (epoch, fenced, in controlled shutdown), and the leader's
//! answer to a produce (the idempotence check, then the append) and to a fetch.

use std::sync::Arc;

mod cleaner_thread;
pub mod lifecycle;
mod log_manager;

use crate::error::{ErrorKind, KafkaError};
use crate::event::Event;
use crate::partitioner::Routing;
use crate::producer::sender::Sent;
use crate::producer_state::Verdict;
use crate::record::Record;
use crate::topic_config::TopicConfig;
use crate::Cluster;

/// A broker id (`node.id`).
pub type BrokerId = i32;

/// What a broker's process is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum BrokerStatus {
    /// Up and serving.
    Running,
    /// Shut down cleanly (`stop-broker`: a controlled shutdown moved its leadership first).
    Stopped,
    /// Crashed (`kill-broker`): no controlled shutdown; the controller notices when its
    /// session times out.
    Killed,
}

/// One broker, as the cluster and its controller know it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Broker {
    /// `node.id`.
    pub id: BrokerId,
    /// Its process.
    pub status: BrokerStatus,
    /// Cut off from every other node, controllers included (`isolate-broker`); clients
    /// still reach it.
    pub isolated: bool,
    /// Since when its heartbeats reach the controller, every
    /// `broker.heartbeat.interval.ms` (its start, or the end of an isolation).
    pub heartbeats_since: i64,
    /// When its process last started: its `isr-expiration` task runs every
    /// `replica.lag.time.max.ms / 2` from then (`ReplicaManager#startup`).
    pub started_ms: i64,
    /// Its broker epoch (the controller's count of registrations).
    pub epoch: i64,
    /// Fenced by the controller: it may not lead nor be in an ISR.
    pub fenced: bool,
    /// In controlled shutdown.
    pub in_controlled_shutdown: bool,
    /// When the controller fences it if it hears nothing more: its last heartbeat plus
    /// `broker.session.timeout.ms`.
    pub fence_at: Option<i64>,
    /// Up, but not registered yet: no controller could take its registration.
    pub awaiting_registration: bool,
    /// Whether it last stopped cleanly (a clean shutdown leaves a marker on disk; a
    /// restart without one is an unclean shutdown to the controller, KIP-966).
    pub clean_shutdown: bool,
}

impl Broker {
    /// A broker registered and unfenced at `now`.
    pub(crate) fn new(id: BrokerId, epoch: i64, now: i64) -> Self {
        Self {
            id,
            status: BrokerStatus::Running,
            isolated: false,
            started_ms: now,
            heartbeats_since: now,
            epoch,
            fenced: false,
            in_controlled_shutdown: false,
            fence_at: None,
            awaiting_registration: false,
            clean_shutdown: true,
        }
    }

    /// Its process is up.
    pub fn is_up(&self) -> bool {
        self.status == BrokerStatus::Running
    }

    /// Its heartbeats reach the controllers: up and not isolated (whether a controller is
    /// active is the quorum's matter).
    pub fn reaches_controller(&self) -> bool {
        self.is_up() && !self.isolated
    }

    /// `ClusterControlManager#isActive`: neither fenced nor in controlled shutdown.
    pub fn is_active(&self) -> bool {
        !self.fenced && !self.in_controlled_shutdown
    }
}

/// `broker.session.timeout.ms` (9000): the controller fences a broker it has not heard
/// from for this long (`KRaftConfigs`, `BrokerHeartbeatManager#hasValidSession`).
pub const BROKER_SESSION_TIMEOUT_MS: i64 = 9_000;

pub use crate::partition::Partition;

/// A topic: its config and partitions.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Topic {
    /// Name.
    pub name: Arc<str>,
    /// Replication factor it was created with.
    pub replication_factor: u32,
    /// Topic-level configs.
    pub config: TopicConfig,
    /// Partitions by number.
    pub partitions: Vec<Partition>,
}

impl Cluster {
    pub(crate) fn fetch(
        &mut self,
        reader: Option<&str>,
        topic: &str,
        partition: i32,
        offset: i64,
        max: Option<u32>,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let t = self.topics.get(topic).ok_or_else(|| unknown_topic(topic))?;
        let part = usize::try_from(partition)
            .ok()
            .and_then(|i| t.partitions.get(i))
            .ok_or_else(|| {
                KafkaError::new(
                    ErrorKind::UnknownTopicOrPartitionException,
                    format!("This server does not host this topic-partition: {topic}-{partition}."),
                )
            })?;
        let max = max.unwrap_or(500) as usize; // max.poll.records
                                               // A reader is a consumer with assign() and seek(): transaction markers are never
                                               // handed to it (read_uncommitted, the default isolation level), and its position
                                               // moves past them (found by the cross-check: the engine once returned markers).
        let (records, next_offset) =
            part.log()
                .read_for_consumer(offset, max, &format!("{topic}-{partition}"), false)?;
        let offsets: Vec<i64> = records.iter().map(|r| r.offset).collect();
        out.push(Event::RecordsFetched {
            reader: reader.map(Arc::from),
            topic: t.name.clone(),
            partition: part.id,
            from_offset: offset,
            offsets,
            next_offset,
        });
        Ok(())
    }
}

pub(crate) fn unknown_topic(name: &str) -> KafkaError {
    KafkaError::new(
        ErrorKind::UnknownTopicOrPartitionException,
        format!("Topic '{name}' does not exist: this server does not host this topic-partition."),
    )
}

/// What the client is told of a produce (`Errors`' default texts: the broker keeps its
/// details in its log).
pub(crate) const OUT_OF_ORDER: &str = "The broker received an out of order sequence number.";
/// See [`OUT_OF_ORDER`].
pub(crate) const OLD_EPOCH: &str = "Producer attempted to produce with an old epoch.";

/// The leader's answer to one produce request.
pub(crate) enum Answer {
    /// Written at this offset.
    Appended(i64),
    /// A retry of a batch it has: answered with the first copy's offset, nothing written.
    Duplicate(i64),
    /// OUT_OF_ORDER_SEQUENCE_NUMBER (45).
    OutOfOrder { expected: i32 },
    /// INVALID_PRODUCER_EPOCH (47): a newer epoch of this producer id has written.
    Fenced,
}

/// The leader's side of one produce request: the idempotence check, then the append.
#[cold]
pub(crate) fn broker_append(
    part: &mut Partition,
    now: i64,
    record: Record,
    size: u32,
    config: &TopicConfig,
    routing: Routing,
    sent: &mut Sent<'_>,
) -> Answer {
    let tag = record.producer;
    let log = part.leader_log_mut();
    let end = log.log_end_offset();
    match log.producer_states_mut().check_and_record(tag, end) {
        Verdict::Append => {}
        Verdict::Duplicate { offset } => {
            sent.out.push(Event::DuplicateIgnored {
                topic: sent.topic.clone(),
                partition: sent.partition,
                sequence: tag.sequence,
                offset,
            });
            return Answer::Duplicate(offset);
        }
        Verdict::OutOfOrder { expected } => return Answer::OutOfOrder { expected },
        Verdict::Fenced { .. } => return Answer::Fenced,
    }
    Answer::Appended(append_and_tell(
        part,
        now,
        record,
        size,
        config,
        routing,
        sent.topic,
        sent.partition,
        sent.out,
    ))
}

/// Writes a batch the producer state has accepted, moves the high watermark and says so.
#[allow(clippy::too_many_arguments)]
#[inline]
pub(crate) fn append_and_tell(
    part: &mut Partition,
    now: i64,
    record: Record,
    size: u32,
    config: &TopicConfig,
    routing: Routing,
    topic: &Arc<str>,
    partition: u32,
    out: &mut Vec<Event>,
) -> i64 {
    let timestamp = record.timestamp;
    let key = record.key.clone();
    let appended =
        part.leader_log_mut()
            .append(record, size, config.segment_bytes, config.segment_ms);
    let high_watermark = part.leader_appended(now, config);
    if let Some(base_offset) = appended.rolled {
        out.push(Event::SegmentRolled {
            topic: topic.clone(),
            partition,
            base_offset,
        });
    }
    out.push(Event::RecordAppended {
        topic: topic.clone(),
        partition,
        offset: appended.offset,
        timestamp,
        key,
        routing,
        high_watermark,
    });
    appended.offset
}
