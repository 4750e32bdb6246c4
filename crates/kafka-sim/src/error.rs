//! Rejections, named as Kafka names them (`org.apache.kafka.common.errors.*`).

use std::fmt;

/// Which Kafka error a command ran into. The names are the Java exception class names
/// a client would see, so a learner can search for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum ErrorKind {
    /// Illegal topic name (`Topic.validate`).
    InvalidTopicException,
    /// CreateTopics for a name that exists.
    TopicExistsException,
    /// Partition count not positive, or not an increase on `--alter`.
    InvalidPartitionsException,
    /// Replication factor not positive or larger than the live brokers.
    InvalidReplicationFactorException,
    /// Topic or partition not known to the cluster.
    UnknownTopicOrPartitionException,
    /// A topic or client config with an unknown name or an illegal value.
    InvalidConfigurationException,
    /// A record larger than `max.message.bytes`.
    RecordTooLargeException,
    /// A batch larger than the topic's `segment.bytes` (RECORD_LIST_TOO_LARGE, code 18).
    RecordBatchTooLargeException,
    /// A record the broker's validation refused (INVALID_RECORD, code 87), such as a
    /// keyless record for a compacted topic (`org.apache.kafka.common.InvalidRecordException`).
    InvalidRecordException,
    /// The producer waited `max.block.ms` for metadata that never came (unknown topic or
    /// partition, as `KafkaProducer#waitOnMetadata` reports it).
    TimeoutException,
    /// A client-side argument check, like a negative partition in a `ProducerRecord`.
    IllegalArgumentException,
    /// No committed offset and `auto.offset.reset=none`.
    NoOffsetForPartitionException,
    /// A commit from a member the group no longer knows (kicked after
    /// `max.poll.interval.ms`, or a stale generation).
    CommitFailedException,
    /// A call on a consumer that was closed or whose process crashed.
    IllegalStateException,
    /// A fetch from an offset outside `[logStartOffset, highWatermark]`.
    OffsetOutOfRangeException,
    /// Client configs that contradict each other (`org.apache.kafka.common.config.ConfigException`),
    /// such as explicit idempotence with `acks=1`.
    ConfigException,
    /// A batch whose sequence number leaves a gap (OUT_OF_ORDER_SEQUENCE_NUMBER, code 45).
    OutOfOrderSequenceException,
    /// A batch from an older epoch of a producer id: a newer producer fenced it.
    InvalidProducerEpochException,
    /// A commit from a member whose own rebalance is in flight (`ConsumerCoordinator#sendOffsetCommitRequest`).
    RebalanceInProgressException,
    /// A static member replaced by another instance with the same `group.instance.id` (FENCED_INSTANCE_ID).
    FencedInstanceIdException,
    /// A transactional producer fenced by a newer instance with the same `transactional.id` (PRODUCER_FENCED).
    ProducerFencedException,
    /// A transactional call the coordinator cannot accept in its state (INVALID_TXN_STATE).
    InvalidTxnStateException,
    /// `org.apache.kafka.common.KafkaException` itself, as the transaction manager throws it in an error state.
    KafkaException,
    /// A `group.remote.assignor` the broker does not have (UNSUPPORTED_ASSIGNOR).
    UnsupportedAssignorException,
    /// A static member joining while another live member holds its `group.instance.id` (UNRELEASED_INSTANCE_ID).
    UnreleasedInstanceIdException,
    /// `transaction.timeout.ms` above the broker's `transaction.max.timeout.ms` (INVALID_TRANSACTION_TIMEOUT).
    InvalidTxnTimeoutException,
    /// A commitAsync whose commit failed with a retriable error: the callback's wrapper.
    RetriableCommitFailedException,
    /// NOT_ENOUGH_REPLICAS (19): acks=all and the ISR is smaller than `min.insync.replicas`.
    NotEnoughReplicasException,
    /// NOT_ENOUGH_REPLICAS_AFTER_APPEND (20): written, but the ISR shrank below the minimum.
    NotEnoughReplicasAfterAppendException,
    /// NOT_LEADER_OR_FOLLOWER (6): the broker asked does not lead the partition.
    NotLeaderOrFollowerException,
    /// ELECTION_NOT_NEEDED (84): the preferred replica already leads.
    ElectionNotNeededException,
    /// PREFERRED_LEADER_NOT_AVAILABLE (80): the preferred replica cannot lead now.
    PreferredLeaderNotAvailableException,
    /// ELIGIBLE_LEADERS_NOT_AVAILABLE (83): no replica may be elected.
    EligibleLeadersNotAvailableException,
    /// BROKER_NOT_AVAILABLE (8) and the tools' checks on broker ids.
    BrokerNotAvailableException,
    /// INVALID_REPLICA_ASSIGNMENT (39): a manual assignment the controller refuses.
    InvalidReplicaAssignmentException,
    /// `java.lang.UnsupportedOperationException`: what the playground does not model
    /// (the console says so rather than pretend).
    UnsupportedOperationException,
    /// `org.apache.kafka.connect.errors.ConnectException`: the application's error
    /// handler (error_handler.rs) could not start, as a Connect task cannot.
    ConnectException,
    /// Not a Kafka error: the command text itself could not be read.
    CommandSyntaxError,
    /// What the Go compiler (or `time.ParseDuration`) says of a `kafka.Writer{...}`
    /// literal it cannot take (producer/go_writer.rs).
    GoCompileError,
    /// An error a kafka-go `Writer#WriteMessages` returns before sending anything.
    KafkaGoError,
}

impl ErrorKind {
    /// Whether the Java client decides this refusal itself, before or without a broker's
    /// answer (its config checks, its own state machines: `TransactionManager`,
    /// `ConsumerCoordinator`'s local commit checks, `waitOnMetadata`'s timeout), rather
    /// than carrying a broker's error code.
    pub fn raised_by_client(self) -> bool {
        matches!(
            self,
            Self::ConfigException
                | Self::IllegalArgumentException
                | Self::IllegalStateException
                | Self::NoOffsetForPartitionException
                | Self::TimeoutException
                | Self::RebalanceInProgressException
                | Self::CommitFailedException
                | Self::RetriableCommitFailedException
                | Self::KafkaException
                | Self::UnsupportedOperationException
                | Self::CommandSyntaxError
                | Self::GoCompileError
        )
    }

    /// The class name as Kafka spells it.
    pub fn name(self) -> &'static str {
        match self {
            Self::InvalidTopicException => "InvalidTopicException",
            Self::TopicExistsException => "TopicExistsException",
            Self::InvalidPartitionsException => "InvalidPartitionsException",
            Self::InvalidReplicationFactorException => "InvalidReplicationFactorException",
            Self::UnknownTopicOrPartitionException => "UnknownTopicOrPartitionException",
            Self::InvalidConfigurationException => "InvalidConfigurationException",
            Self::OffsetOutOfRangeException => "OffsetOutOfRangeException",
            Self::RecordTooLargeException => "RecordTooLargeException",
            Self::TimeoutException => "TimeoutException",
            Self::NoOffsetForPartitionException => "NoOffsetForPartitionException",
            Self::CommitFailedException => "CommitFailedException",
            Self::IllegalStateException => "IllegalStateException",
            Self::IllegalArgumentException => "IllegalArgumentException",
            Self::RecordBatchTooLargeException => "RecordBatchTooLargeException",
            Self::InvalidRecordException => "InvalidRecordException",
            Self::ConfigException => "ConfigException",
            Self::OutOfOrderSequenceException => "OutOfOrderSequenceException",
            Self::InvalidProducerEpochException => "InvalidProducerEpochException",
            Self::RebalanceInProgressException => "RebalanceInProgressException",
            Self::FencedInstanceIdException => "FencedInstanceIdException",
            Self::ProducerFencedException => "ProducerFencedException",
            Self::InvalidTxnStateException => "InvalidTxnStateException",
            Self::KafkaException => "KafkaException",
            Self::UnsupportedAssignorException => "UnsupportedAssignorException",
            Self::UnreleasedInstanceIdException => "UnreleasedInstanceIdException",
            Self::InvalidTxnTimeoutException => "InvalidTxnTimeoutException",
            Self::RetriableCommitFailedException => "RetriableCommitFailedException",
            Self::NotEnoughReplicasException => "NotEnoughReplicasException",
            Self::NotEnoughReplicasAfterAppendException => "NotEnoughReplicasAfterAppendException",
            Self::NotLeaderOrFollowerException => "NotLeaderOrFollowerException",
            Self::ElectionNotNeededException => "ElectionNotNeededException",
            Self::PreferredLeaderNotAvailableException => "PreferredLeaderNotAvailableException",
            Self::EligibleLeadersNotAvailableException => "EligibleLeadersNotAvailableException",
            Self::BrokerNotAvailableException => "BrokerNotAvailableException",
            Self::InvalidReplicaAssignmentException => "InvalidReplicaAssignmentException",
            Self::UnsupportedOperationException => "UnsupportedOperationException",
            Self::ConnectException => "ConnectException",
            Self::CommandSyntaxError => "CommandSyntaxError",
            Self::GoCompileError => "go build",
            Self::KafkaGoError => "kafka-go",
        }
    }
}

/// A rejected command: the state is left exactly as it was.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct KafkaError {
    /// Which error.
    pub kind: ErrorKind,
    /// What a broker or client would say, with the offending value.
    pub message: String,
}

impl KafkaError {
    /// An error of `kind` saying `message`.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// A command-text error.
    pub fn syntax(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::CommandSyntaxError, message)
    }
}

impl fmt::Display for KafkaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.name(), self.message)
    }
}

impl std::error::Error for KafkaError {}
