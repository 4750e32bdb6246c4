//! What a command did. The UI animates from events and never re-derives Kafka's rules.

use std::sync::Arc;

use crate::partitioner::Routing;

/// One observable effect of a command, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "event")]
pub enum Event {
    /// A topic now exists with `partitions` partitions, each led by `leader`.
    TopicCreated {
        /// Topic name.
        topic: Arc<str>,
        /// Partition count.
        partitions: u32,
        /// Replication factor.
        replication_factor: u32,
    },
    /// `kafka-topics --alter` raised the partition count from `from` to `to`.
    PartitionsAdded {
        /// Topic name.
        topic: Arc<str>,
        /// Count before.
        from: u32,
        /// Count after.
        to: u32,
    },
    /// The active segment was closed; a new one starts at `base_offset`.
    SegmentRolled {
        /// Topic name.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The new active segment's first offset.
        base_offset: i64,
    },
    /// The leader appended a record.
    RecordAppended {
        /// Topic name.
        topic: Arc<str>,
        /// Partition it went to.
        partition: u32,
        /// Offset it got.
        offset: i64,
        /// Its CreateTime from the logical clock.
        timestamp: i64,
        /// Its key (the value is in the log: `Cluster::log(..).record(offset)`; leaving it
        /// out of the event keeps the append path lean).
        key: Option<Arc<str>>,
        /// Why it went to this partition.
        routing: Routing,
        /// The partition's high watermark after the append (with one broker and
        /// acks=all the leader is the whole ISR, so it moves past the new record at once).
        high_watermark: i64,
    },
    /// A reader fetched records; they are still in the log.
    RecordsFetched {
        /// The reader's label, if any.
        reader: Option<Arc<str>>,
        /// Topic name.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The first offset asked for.
        from_offset: i64,
        /// Offsets returned, in order.
        offsets: Vec<i64>,
        /// The offset to fetch next.
        next_offset: i64,
    },
    /// A producer config changed.
    ProducerConfigured {
        /// Config name.
        name: Arc<str>,
        /// New value.
        value: Arc<str>,
    },
    /// The logical clock moved forward.
    ClockAdvanced {
        /// The time now, in ms since the simulation began.
        now_ms: i64,
    },
}
