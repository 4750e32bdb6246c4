//! What a command did. The UI animates from events and never re-derives Kafka's rules.

use crate::error::KafkaError;
use std::sync::Arc;

use crate::consumer::TopicPartition;
use crate::group::GroupState;
use crate::partitioner::Routing;

/// Who learns how a kafka-go Writer's batch ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum WriteReport {
    /// A synchronous `WriteMessages` returned it.
    Returned,
    /// The `Completion` callback got it.
    Completion,
    /// Nobody: `Async: true` without a `Completion` ("errors are ignored").
    Dropped,
}

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
    /// A broker's retention task deleted the oldest segments of its copy of a partition
    /// (`UnifiedLog#deleteSegments`); its log start offset moved up.
    SegmentsDeleted {
        /// Topic name.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The broker whose copy it was.
        broker: crate::broker::BrokerId,
        /// Kafka's words for the breach ("retention time 60000ms breach").
        reason: String,
        /// Segments deleted.
        segments: u32,
        /// Records deleted.
        records: u64,
        /// The log start offset after.
        log_start_offset: i64,
    },
    /// A broker's log cleaner compacted its copy of a partition (`Cleaner#doClean`):
    /// older values of each key are gone, offsets are unchanged.
    LogCleaned {
        /// Topic name.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The broker whose copy it was.
        broker: crate::broker::BrokerId,
        /// The dirty part it cleaned began here...
        from: i64,
        /// ...and ended here: the new checkpoint.
        to: i64,
        /// Records removed.
        removed: u64,
        /// Tombstones among them, past their delete horizon.
        tombstones_removed: u64,
        /// Segments before and after.
        segments_before: u32,
        /// Segments after: the cleaned ones are rewritten in groups.
        segments_after: u32,
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
    /// InitProducerId: the producer got an id and epoch for idempotent sends (KIP-98).
    ProducerIdAssigned {
        /// Producer id.
        producer_id: i64,
        /// Epoch.
        epoch: i16,
    },
    /// A produce request was lost on its way: the broker never saw it.
    RequestLost {
        /// Topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The batch's sequence number (-1 without idempotence).
        sequence: i32,
    },
    /// The broker appended, but its response was lost: the producer cannot tell.
    AckLost {
        /// Topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// Where the record was written.
        offset: i64,
    },
    /// After `request.timeout.ms` without an answer the producer sent the same batch
    /// again (the same sequence number, when idempotent).
    ProduceRetried {
        /// Topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The batch's sequence number (-1 without idempotence).
        sequence: i32,
        /// `request.timeout.ms` waited before the retry.
        after_ms: i64,
    },
    /// The broker recognised a batch it already has (same producer id, epoch and
    /// sequence) and answered with the first copy's offset, writing nothing.
    DuplicateIgnored {
        /// Topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// Its sequence number.
        sequence: i32,
        /// The offset of the copy in the log.
        offset: i64,
    },
    /// The send failed for good (no retries left, or `acks=0` never learns): the
    /// application's callback gets this error.
    SendFailed {
        /// Topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The error.
        error: KafkaError,
        /// Whether the record is in the log all the same.
        in_log: bool,
    },
    /// The producer's epoch moved on: sequences restart at 0 under it.
    ProducerEpochBumped {
        /// Producer id.
        producer_id: i64,
        /// The new epoch.
        epoch: i16,
        /// Why.
        reason: &'static str,
    },
    /// The broker refused a batch whose sequence number leaves a gap
    /// (OUT_OF_ORDER_SEQUENCE_NUMBER): it expected another one.
    SequenceRefused {
        /// Topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The batch's sequence number.
        sequence: i32,
        /// The one the broker expected.
        expected: i32,
    },
    /// The coordinator aborted a transaction left open past `transaction.timeout.ms`.
    TransactionTimedOut {
        /// `transactional.id`.
        transactional_id: Arc<str>,
        /// The epoch it bumped to (the abort markers carry it).
        epoch: i16,
    },
    /// `initTransactions()` returned: producer id and epoch for this `transactional.id`.
    TransactionsInitialized {
        /// `transactional.id`.
        transactional_id: Arc<str>,
        /// Producer id.
        producer_id: i64,
        /// Epoch (older instances with this id are fenced).
        epoch: i16,
    },
    /// `beginTransaction()`.
    TransactionBegun {
        /// `transactional.id`.
        transactional_id: Arc<str>,
    },
    /// `sendOffsetsToTransaction(...)`: offsets that commit with the transaction.
    OffsetsSentToTransaction {
        /// `transactional.id`.
        transactional_id: Arc<str>,
        /// The consumer group.
        group: Arc<str>,
        /// Topic, partition, offset (the next to read).
        offsets: Vec<(Arc<str>, u32, i64)>,
    },
    /// The coordinator wrote the markers: the transaction committed or aborted.
    TransactionEnded {
        /// `transactional.id`.
        transactional_id: Arc<str>,
        /// Committed (true) or aborted.
        committed: bool,
        /// The epoch the markers carry (one more than the transaction's, TV2).
        epoch: i16,
        /// Where each marker went: topic, partition, offset.
        markers: Vec<(Arc<str>, u32, i64)>,
        /// Offsets committed for groups with it: group, topic, partition, offset.
        offsets: Vec<(Arc<str>, Arc<str>, u32, i64)>,
    },
    /// `commitAsync` failed: the error reached the callback, not the caller.
    AsyncCommitFailed {
        /// Consumer.
        consumer: Arc<str>,
        /// The error the callback got.
        error: KafkaError,
    },
    /// The application processed records from its last poll.
    RecordsProcessed {
        /// Consumer.
        consumer: Arc<str>,
        /// Its group (whose database changed).
        group: Arc<str>,
        /// Records whose effect was applied.
        applied: Vec<(Arc<str>, u32, i64)>,
        /// Records the unique constraint turned away (already applied once).
        turned_away: Vec<(Arc<str>, u32, i64)>,
    },
    /// The application's error handler was configured (`set-app`, error_handler.rs).
    AppConfigured {
        /// The application (its group).
        group: Arc<str>,
        /// Setting name.
        name: Arc<str>,
        /// Value as given.
        value: Arc<str>,
    },
    /// The application's database went down, until `until_ms` or until started.
    DatabaseStopped {
        /// The application (its group).
        group: Arc<str>,
        /// When it comes back by itself, if it does.
        until_ms: Option<i64>,
    },
    /// The application's database is back.
    DatabaseStarted {
        /// The application (its group).
        group: Arc<str>,
    },
    /// Handling one record failed; the handler waits `retry_in_ms` and tries again, or
    /// (`None`) gives up and lets `errors.tolerance` decide.
    ProcessingFailed {
        /// Consumer.
        consumer: Arc<str>,
        /// Its group.
        group: Arc<str>,
        /// The record's topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// Offset.
        offset: i64,
        /// Which attempt failed, from 1.
        attempt: u32,
        /// The exception, `Class: message`.
        error: Arc<str>,
        /// The backoff before the next attempt, when there is one.
        retry_in_ms: Option<i64>,
    },
    /// `errors.tolerance=all` skipped a failed record after writing it to the dead
    /// letter queue topic.
    RecordDeadLettered {
        /// Consumer.
        consumer: Arc<str>,
        /// Its group.
        group: Arc<str>,
        /// The record's topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// Offset.
        offset: i64,
        /// The dead letter queue topic.
        dlq_topic: Arc<str>,
        /// Where the copy went.
        dlq_partition: u32,
        /// Its offset there.
        dlq_offset: i64,
    },
    /// `errors.tolerance=all` skipped a failed record with no dead letter queue, or
    /// one whose write to it failed (`error`, as Connect logs it).
    RecordSkipped {
        /// Consumer.
        consumer: Arc<str>,
        /// Its group.
        group: Arc<str>,
        /// The record's topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// Offset.
        offset: i64,
        /// Why the dead letter queue did not get it, if one was set.
        error: Option<Arc<str>>,
    },
    /// `errors.tolerance=none` and a final failure: the exception leaves the poll loop,
    /// the application stops and its consumer closes; the rest of the batch is not
    /// handled.
    HandlerStopped {
        /// Consumer.
        consumer: Arc<str>,
        /// Its group.
        group: Arc<str>,
        /// The record's topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// Offset.
        offset: i64,
        /// `ConnectException: Tolerance exceeded in error handler`, and its cause.
        error: Arc<str>,
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
    /// The producer is now a kafka-go Writer with these fields (`set-writer`).
    WriterConfigured {
        /// Field=value pairs as written; the others keep their zero value.
        fields: Vec<(String, String)>,
    },
    /// `WriteMessages` put a message in its partition's batch.
    MessageBatched {
        /// Topic.
        topic: Arc<str>,
        /// The partition its Balancer chose.
        partition: u32,
        /// How the Balancer chose it.
        routing: crate::partitioner::Routing,
        /// The batch's number.
        batch: u32,
        /// When the Writer writes the batch (`BatchTimeout` after its first message, or
        /// now when it is full).
        due_ms: i64,
        /// `Async: true`: `WriteMessages` returned nil at once.
        is_async: bool,
    },
    /// A Writer's batch was written and answered as `RequiredAcks` asks.
    BatchWritten {
        /// Topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The batch's number.
        batch: u32,
        /// Its first offset (with `RequireNone` kafka-go learns none: the log has it).
        first_offset: i64,
        /// Its last offset.
        last_offset: i64,
        /// Attempts it took.
        attempts: u32,
        /// From its first message to its answer.
        waited_ms: i64,
        /// `RequiredAcks`.
        acks: i8,
        /// Who learned of it.
        report: WriteReport,
    },
    /// A Writer's attempt failed with a temporary error: it tries again after a backoff.
    BatchRetried {
        /// Topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The batch's number.
        batch: u32,
        /// The attempt that failed, from 0 (as kafka-go's log counts).
        attempt: u32,
        /// kafka-go's error text.
        error: Arc<str>,
        /// `backoff(attempt, WriteBackoffMin, WriteBackoffMax)`.
        backoff_ms: i64,
    },
    /// A Writer gave a batch up: `MaxAttempts` ran out or the error was not temporary.
    BatchFailed {
        /// Topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The batch's number.
        batch: u32,
        /// Attempts made.
        attempts: u32,
        /// The error as the application would see it.
        error: Arc<str>,
        /// The broker's error behind it (none for a refused connection or a timeout).
        cause: Option<crate::error::ErrorKind>,
        /// From its first message to giving up.
        waited_ms: i64,
        /// Who learned of it: with `Async: true` and no `Completion`, nobody.
        report: WriteReport,
        /// Its messages, none of them written.
        records: Vec<crate::record::Record>,
    },
    /// With `RequireNone` the leader refused a batch, but sent no answer: the Writer
    /// counted it as written.
    BatchLostUnseen {
        /// Topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The batch's number.
        batch: u32,
        /// What the leader would have answered.
        error: Arc<str>,
        /// Its messages, none of them written.
        records: Vec<crate::record::Record>,
    },
    /// The logical clock moved forward.
    ClockAdvanced {
        /// The time now, in ms since the simulation began.
        now_ms: i64,
    },
    /// A client was given a config this simulation does not model: accepted, as the
    /// Java client accepts any name, and changing nothing here.
    ConfigNotModelled {
        /// The client (`producer`, or the consumer's name).
        client: Arc<str>,
        /// The config name.
        name: Arc<str>,
        /// What it means: a Kafka setting not modelled here, or Kafka's own warning for a
        /// name it does not know.
        note: String,
    },
    /// A consumer instance started.
    ConsumerCreated {
        /// Its name (client.id).
        consumer: Arc<str>,
        /// Its group.id.
        group: Arc<str>,
    },
    /// A consumer subscribed to topics.
    Subscribed {
        /// Consumer.
        consumer: Arc<str>,
        /// Topics.
        topics: Vec<Arc<str>>,
    },
    /// The coordinator accepted a new member (JoinGroup without a member id).
    MemberJoined {
        /// Group.
        group: Arc<str>,
        /// The member id it was given.
        member_id: Arc<str>,
        /// Consumer.
        consumer: Arc<str>,
    },
    /// A member sent JoinGroup again during a rebalance.
    MemberRejoined {
        /// Group.
        group: Arc<str>,
        /// Member id.
        member_id: Arc<str>,
        /// Consumer.
        consumer: Arc<str>,
    },
    /// The coordinator removed a member.
    MemberRemoved {
        /// Group.
        group: Arc<str>,
        /// Member id.
        member_id: Arc<str>,
        /// Consumer.
        consumer: Arc<str>,
        /// Why: LeaveGroup, session timeout, rebalance timeout.
        reason: String,
    },
    /// A rebalance began.
    RebalanceStarted {
        /// Group.
        group: Arc<str>,
        /// What triggered it.
        reason: String,
    },
    /// The group changed state.
    GroupStateChanged {
        /// Group.
        group: Arc<str>,
        /// Before.
        from: GroupState,
        /// After.
        to: GroupState,
        /// The generation at the change.
        generation: i32,
    },
    /// The JoinGroup barrier came down: a new generation, a leader, every member's
    /// JoinGroup answered (each member reads its answer at its next poll).
    JoinCompleted {
        /// Group.
        group: Arc<str>,
        /// The new generation.
        generation: i32,
        /// The assignor chosen.
        protocol: &'static str,
        /// The leader's member id: it assigns when it reads its answer.
        leader: Arc<str>,
        /// Every member of the new generation.
        members: Vec<Arc<str>>,
    },
    /// A static member came back within its session and took its old place, with the
    /// same assignment and no rebalance (KIP-345).
    StaticMemberReplaced {
        /// Group.
        group: Arc<str>,
        /// `group.instance.id`.
        group_instance_id: Arc<str>,
        /// The id it had.
        old_member_id: Arc<str>,
        /// The id it has now.
        member_id: Arc<str>,
        /// The consumer now behind it.
        consumer: Arc<str>,
    },
    /// `onPartitionsLost`: the consumer learned it is no longer in the group, so it gives
    /// up its partitions without committing (they may already be someone else's).
    PartitionsLost {
        /// Consumer.
        consumer: Arc<str>,
        /// Partitions.
        partitions: Vec<TopicPartition>,
    },
    /// A consumer group's server-side assignor computed a new target assignment (KIP-848).
    TargetAssignmentComputed {
        /// Group.
        group: Arc<str>,
        /// The target assignment epoch (the group epoch it was computed for).
        epoch: i32,
        /// `uniform` or `range`.
        assignor: &'static str,
        /// Each member's target.
        assignment: Vec<(Arc<str>, Vec<TopicPartition>)>,
    },
    /// A consumer-protocol member's epoch moved (its heartbeat's answer).
    MemberEpochChanged {
        /// Group.
        group: Arc<str>,
        /// Consumer.
        consumer: Arc<str>,
        /// The new member epoch.
        epoch: i32,
    },
    /// The leader's SyncGroup: the assignment it computed is the group's.
    RebalanceCompleted {
        /// Group.
        group: Arc<str>,
        /// The new generation.
        generation: i32,
        /// The assignor used (`range`, `roundrobin`, `sticky`, `cooperative-sticky`).
        protocol: &'static str,
        /// The leader's member id.
        leader: Arc<str>,
        /// Each member's assignment for this generation.
        assignment: Vec<(Arc<str>, Vec<TopicPartition>)>,
    },
    /// `onPartitionsRevoked`: the consumer gave these up.
    PartitionsRevoked {
        /// Consumer.
        consumer: Arc<str>,
        /// Partitions.
        partitions: Vec<TopicPartition>,
    },
    /// `onPartitionsAssigned`: the consumer now owns these too.
    PartitionsAssigned {
        /// Consumer.
        consumer: Arc<str>,
        /// Partitions.
        partitions: Vec<TopicPartition>,
    },
    /// poll() returned these records (topic, partition, offset), in order.
    RecordsPolled {
        /// Consumer.
        consumer: Arc<str>,
        /// Records returned.
        records: Vec<(Arc<str>, u32, i64)>,
    },
    /// Offsets were committed (the next offset to read, per partition).
    OffsetsCommitted {
        /// Group.
        group: Arc<str>,
        /// Consumer that committed.
        consumer: Arc<str>,
        /// (topic, partition, offset).
        offsets: Vec<(Arc<str>, u32, i64)>,
        /// True for enable.auto.commit, false for commitSync.
        automatic: bool,
    },
    /// The consumer moved its position.
    Seeked {
        /// Consumer.
        consumer: Arc<str>,
        /// Topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// New position.
        offset: i64,
    },
    /// The consumer's process died.
    ConsumerCrashed {
        /// Consumer.
        consumer: Arc<str>,
    },
    /// The consumer closed.
    ConsumerClosed {
        /// Consumer.
        consumer: Arc<str>,
    },
    /// The consumer did not poll within max.poll.interval.ms and left its group (KIP-62).
    PollTimeout {
        /// Consumer.
        consumer: Arc<str>,
        /// The interval that passed.
        max_poll_interval_ms: i64,
    },
    /// A broker started: a new one registered, or a stopped or crashed one came back
    /// with the logs on its disk.
    BrokerStarted {
        /// `node.id`.
        broker: i32,
        /// It had run before.
        restarted: bool,
    },
    /// A broker shut down cleanly after its controlled shutdown.
    BrokerStopped {
        /// `node.id`.
        broker: i32,
    },
    /// A broker crashed: no controlled shutdown.
    BrokerKilled {
        /// `node.id`.
        broker: i32,
    },
    /// A broker's links to every other node were cut.
    BrokerIsolated {
        /// `node.id`.
        broker: i32,
    },
    /// A broker's links came back.
    BrokerHealed {
        /// `node.id`.
        broker: i32,
    },
    /// The controller fenced a broker: it may neither lead nor be in an ISR.
    BrokerFenced {
        /// `node.id`.
        broker: i32,
    },
    /// The controller unfenced a broker.
    BrokerUnfenced {
        /// `node.id`.
        broker: i32,
    },
    /// The controller changed a partition's registration (a PartitionChangeRecord).
    PartitionChanged {
        /// Topic name.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The leader now, if any.
        leader: Option<i32>,
        /// The leader epoch now.
        leader_epoch: i32,
        /// The ISR now (boxed slices, not vectors: this variant sets the size of every
        /// event the engine pushes, a million records' appends included).
        isr: Box<[i32]>,
        /// The ELR now.
        elr: Box<[i32]>,
        /// The leader came from an unclean election: records can be lost.
        unclean: bool,
        /// What set it off (`AlterPartition`, `broker fenced`, `controlled shutdown`,
        /// `broker unfenced`, `unclean shutdown`, `preferred election`, ...).
        reason: &'static str,
    },
    /// A leader's high watermark moved after a follower's fetch.
    HighWatermarkMoved {
        /// Topic name.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The leader.
        broker: i32,
        /// The new high watermark.
        high_watermark: i64,
    },
    /// A follower copied records (or learned a high watermark) from its leader.
    ReplicaFetched {
        /// Topic name.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The follower.
        broker: i32,
        /// Its log end now.
        log_end_offset: i64,
        /// Its high watermark now.
        high_watermark: i64,
    },
    /// A follower cut its log back to where it agrees with the leader (KIP-101, KIP-279).
    ReplicaTruncated {
        /// Topic name.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The follower.
        broker: i32,
        /// Its new log end.
        offset: i64,
        /// How many records went.
        removed: u32,
        /// How many of them a producer had seen acknowledged.
        acknowledged_removed: u32,
    },
    /// The producer's send of a record to a replicated partition succeeded (its acks
    /// were met).
    SendAcknowledged {
        /// Topic name.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The record's offset.
        offset: i64,
        /// The producer's `acks`.
        acks: i8,
        /// How long the send took on the engine's clock.
        waited_ms: i64,
    },
    /// A produce request to a replicated partition came back with an error (or none
    /// came in time); the producer retries it after its backoff unless the batch expired.
    ProduceRequestFailed {
        /// Topic name.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// The broker asked.
        broker: i32,
        /// What it answered.
        error: KafkaError,
    },
    /// A controller's process died.
    ControllerKilled {
        /// Its node id.
        controller: i32,
    },
    /// A controller's process started.
    ControllerStarted {
        /// Its node id.
        controller: i32,
    },
    /// The controllers elected a new Raft leader: the active controller (KIP-595).
    ControllerElected {
        /// Its node id.
        controller: i32,
        /// The metadata log's new leader epoch.
        epoch: i32,
    },
    /// The active controller lost its majority and resigned: no metadata changes now.
    ControllerResigned {
        /// Its node id.
        controller: i32,
    },
}
