//! Consumers: their configuration with the Java client's names and defaults
//! (`ConsumerConfig`), where each one is in each partition, the client's own view of its
//! group membership, and the offset arithmetic they and `kafka-consumer-groups` do. What
//! a consumer does on `poll`, `commit` and `close` is in `consumer/classic.rs`.

mod classic;
pub mod membership;

use crate::collections::{VecMap, VecSet};
use std::sync::Arc;

use crate::assignor::Strategy;
use crate::error::{ErrorKind, KafkaError};

/// A partition of a topic.
pub type TopicPartition = (Arc<str>, u32);

/// Formats a partition the way Kafka prints one: `user-events-2`.
pub fn tp_name(tp: &TopicPartition) -> String {
    format!("{}-{}", tp.0, tp.1)
}

/// `auto.offset.reset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum OffsetReset {
    /// `earliest`: the log start offset.
    Earliest,
    /// `latest` (default): the end of the log: the high watermark, or the last stable
    /// offset under read_committed (`Partition#fetchOffsetForTimestamp`).
    Latest,
    /// `none`: throw `NoOffsetForPartitionException`.
    None,
}

/// `group.protocol` (KIP-848): the classic protocol (the 4.x client default,
/// `ConsumerConfig.DEFAULT_GROUP_PROTOCOL`) or the consumer protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum GroupProtocol {
    /// JoinGroup/SyncGroup, client-side assignors.
    Classic,
    /// ConsumerGroupHeartbeat, the broker assigns, incremental reconciliation.
    Consumer,
}

impl GroupProtocol {
    /// As `GroupProtocol.name()` spells it in messages.
    pub fn upper(self) -> &'static str {
        match self {
            Self::Classic => "CLASSIC",
            Self::Consumer => "CONSUMER",
        }
    }
}

/// The consumer configs this simulation models (`ConsumerConfig`, Kafka 4.x defaults).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumerConfig {
    /// `group.id`.
    pub group_id: String,
    /// `group.instance.id` (static membership, KIP-345), if set.
    pub group_instance_id: Option<String>,
    /// `auto.offset.reset`, default latest.
    pub auto_offset_reset: OffsetReset,
    /// `enable.auto.commit`, default true.
    pub enable_auto_commit: bool,
    /// `auto.commit.interval.ms`, default 5000.
    pub auto_commit_interval_ms: i64,
    /// `max.poll.records`, default 500.
    pub max_poll_records: u32,
    /// `session.timeout.ms`, default 45000 (KIP-735, Kafka 3.0).
    pub session_timeout_ms: i64,
    /// `heartbeat.interval.ms`, default 3000.
    pub heartbeat_interval_ms: i64,
    /// `max.poll.interval.ms`, default 300000 (KIP-62).
    pub max_poll_interval_ms: i64,
    /// `partition.assignment.strategy`, default `[RangeAssignor, CooperativeStickyAssignor]`.
    pub strategies: Vec<Strategy>,
    /// `isolation.level`: `read_uncommitted` (the default, false) or `read_committed`.
    pub read_committed: bool,
    /// `group.protocol`, default classic.
    pub group_protocol: GroupProtocol,
    /// `group.remote.assignor` (consumer protocol only): the server-side assignor to ask
    /// for; the broker checks the name.
    pub group_remote_assignor: Option<String>,
    /// `client.id`, when set (the consumer's name otherwise): what
    /// `kafka-consumer-groups --describe` prints as CLIENT-ID.
    pub client_id: Option<String>,
    /// The names the application set, for the checks that depend on what was set, not on
    /// the value (`ConsumerConfig#checkUnsupportedConfigsPostProcess`).
    pub explicit: Vec<String>,
    /// Names it was given that this simulation does not model.
    pub not_modelled: Vec<String>,
}

impl ConsumerConfig {
    /// The defaults, in group `group_id`.
    pub fn new(group_id: &str) -> Self {
        Self {
            group_id: group_id.to_string(),
            group_instance_id: None,
            auto_offset_reset: OffsetReset::Latest,
            enable_auto_commit: true,
            auto_commit_interval_ms: 5_000,
            max_poll_records: 500,
            session_timeout_ms: 45_000,
            heartbeat_interval_ms: 3_000,
            max_poll_interval_ms: 300_000,
            strategies: vec![Strategy::Range, Strategy::CooperativeSticky],
            read_committed: false,
            group_protocol: GroupProtocol::Classic,
            group_remote_assignor: None,
            client_id: None,
            explicit: Vec::new(),
            not_modelled: Vec::new(),
        }
    }

    /// The checks `ConsumerConfig` makes once all configs are in: under
    /// `group.protocol=consumer` the classic liveness and assignor settings belong to the
    /// broker and are refused if set at all, even to their defaults; under classic,
    /// `group.remote.assignor` is refused (`checkUnsupportedConfigsPostProcess`).
    pub fn validate(&self) -> Result<(), KafkaError> {
        let refused: &[&str] = match self.group_protocol {
            GroupProtocol::Consumer => &[
                "partition.assignment.strategy",
                "heartbeat.interval.ms",
                "session.timeout.ms",
            ],
            GroupProtocol::Classic => &["group.remote.assignor"],
        };
        let set: Vec<&str> = refused
            .iter()
            .copied()
            .filter(|n| self.explicit.iter().any(|e| e == n))
            .collect();
        if set.is_empty() {
            return Ok(());
        }
        Err(KafkaError::new(
            ErrorKind::ConfigException,
            format!(
                "{} cannot be set when group.protocol={}",
                set.join(", "),
                self.group_protocol.upper()
            ),
        ))
    }

    /// Sets one config by its Kafka name; on error nothing changes.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), KafkaError> {
        let bad = |reason: &str| {
            KafkaError::new(
                ErrorKind::ConfigException,
                format!("Invalid value {value} for configuration {name}: {reason}"),
            )
        };
        let int_at_least = |min: i64| -> Result<i64, KafkaError> {
            let n: i32 = value.parse().map_err(|_| bad("Not a number of type INT"))?;
            if i64::from(n) < min {
                return Err(bad(&format!("Value must be at least {min}")));
            }
            Ok(i64::from(n))
        };
        match name {
            "group.id" => self.group_id = value.to_string(),
            "group.protocol" => {
                self.group_protocol = match value.to_ascii_lowercase().as_str() {
                    "classic" => GroupProtocol::Classic,
                    "consumer" => GroupProtocol::Consumer,
                    _ => {
                        return Err(bad(
                            "String must be one of (case insensitive): CLASSIC, CONSUMER",
                        ))
                    }
                }
            }
            "group.remote.assignor" => self.group_remote_assignor = Some(value.to_string()),
            "group.instance.id" => self.group_instance_id = Some(value.to_string()),
            "client.id" => self.client_id = Some(value.to_string()),
            "auto.offset.reset" => {
                self.auto_offset_reset = match value {
                    "earliest" => OffsetReset::Earliest,
                    "latest" => OffsetReset::Latest,
                    "none" => OffsetReset::None,
                    _ => return Err(bad("String must be one of: latest, earliest, none")),
                }
            }
            "enable.auto.commit" => {
                self.enable_auto_commit = match value {
                    "true" => true,
                    "false" => false,
                    _ => return Err(bad("Expected value to be either true or false")),
                }
            }
            "auto.commit.interval.ms" => self.auto_commit_interval_ms = int_at_least(0)?,
            "isolation.level" => {
                self.read_committed = match value {
                    "read_uncommitted" => false,
                    "read_committed" => true,
                    _ => {
                        return Err(bad(
                            "String must be one of: read_committed, read_uncommitted",
                        ))
                    }
                }
            }
            "max.poll.records" => self.max_poll_records = int_at_least(1)? as u32,
            "session.timeout.ms" => self.session_timeout_ms = int_at_least(1)?,
            "heartbeat.interval.ms" => self.heartbeat_interval_ms = int_at_least(1)?,
            "max.poll.interval.ms" => self.max_poll_interval_ms = int_at_least(1)?,
            "partition.assignment.strategy" => {
                let strategies: Vec<Strategy> = value
                    .split(',')
                    .map(|s| strategy_from_config(s.trim()).ok_or_else(|| bad("Class not found")))
                    .collect::<Result<_, _>>()?;
                if strategies.is_empty() {
                    return Err(bad("at least one assignor is required"));
                }
                self.strategies = strategies;
            }
            // The client accepts any name (AbstractConfig): one this simulation does not
            // model changes nothing, and is said so.
            _ => {
                if !self.not_modelled.iter().any(|n| n == name) {
                    self.not_modelled.push(name.to_string());
                }
            }
        }
        if !self.explicit.iter().any(|e| e == name) {
            self.explicit.push(name.to_string());
        }
        Ok(())
    }
}

/// Accepts the short names (`range`, `cooperative-sticky`) and the Java class names.
fn strategy_from_config(s: &str) -> Option<Strategy> {
    let short = s.rsplit('.').next().unwrap_or(s);
    Some(match short {
        "range" | "RangeAssignor" => Strategy::Range,
        "roundrobin" | "RoundRobinAssignor" => Strategy::RoundRobin,
        "sticky" | "StickyAssignor" => Strategy::Sticky,
        "cooperative-sticky" | "CooperativeStickyAssignor" => Strategy::CooperativeSticky,
        _ => return None,
    })
}

/// Whether a consumer process runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Liveness {
    /// Polling, heartbeating from its background thread.
    Running,
    /// The process died: no heartbeat, no LeaveGroup.
    Crashed,
    /// `close()` was called: it left the group.
    Closed,
}

/// The client's own membership state (`AbstractCoordinator.MemberState`). It, not the
/// group's state on the broker, decides what a commit does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum MemberState {
    /// Not in a group: before the first poll, after leaving, after being removed.
    Unjoined,
    /// Its JoinGroup is sent; the answer has not been read.
    PreparingRebalance,
    /// It read the JoinGroup answer and sent SyncGroup; no assignment yet.
    CompletingRebalance,
    /// It has an assignment and heartbeats.
    Stable,
}

impl MemberState {
    /// The Java name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Unjoined => "UNJOINED",
            Self::PreparingRebalance => "PREPARING_REBALANCE",
            Self::CompletingRebalance => "COMPLETING_REBALANCE",
            Self::Stable => "STABLE",
        }
    }
}

/// What a consumer is doing, for the views: a query on its state, so no view has to
/// know the protocol's rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub enum Activity {
    /// It owns partitions and is fetching them.
    Reading,
    /// In the group with nothing assigned (more members than partitions).
    Idle,
    /// Rebalancing with nothing to read: an eager member between revoke and assignment.
    Paused,
    /// Rebalancing, still fetching the partitions it keeps (cooperative).
    ReadingThroughRebalance,
    /// Not in a group yet (never polled, or it left).
    NotJoined,
    /// The process died.
    Crashed,
    /// `close()` was called.
    Closed,
}

/// One consumer instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consumer {
    /// Its name in the simulation (its `client.id` unless it sets one).
    pub name: Arc<str>,
    /// Its configuration.
    pub config: ConsumerConfig,
    /// Running, crashed or closed.
    pub liveness: Liveness,
    /// Subscribed topics.
    pub subscription: Vec<Arc<str>>,
    /// Its member id as the client knows it (`""` in Java when `None`).
    pub member_id: Option<Arc<str>>,
    /// Its membership state.
    pub state: MemberState,
    /// The generation it joined, for commits (`AbstractCoordinator.generation`); -1
    /// when it has none.
    pub coordinator_generation: i32,
    /// The generation of its last completed join, as `groupMetadata().generationId()`
    /// reports it: -1 before the first one. Set only in `onJoinComplete`, so it keeps
    /// its value after the consumer leaves.
    pub generation: i32,
    /// It must (re)join at its next poll: it heard of a rebalance, revoked partitions
    /// (cooperative), changed its subscription, or left.
    pub rejoin_needed: bool,
    /// Another instance with its `group.instance.id` took its place.
    pub fenced: bool,
    /// Under `group.protocol=consumer`, its membership (KIP-848); `None` for classic.
    pub membership: Option<membership::Membership>,
    /// Partitions it owns now.
    pub owned: VecSet<TopicPartition>,
    /// Next offset to fetch, per owned partition once known.
    pub positions: VecMap<TopicPartition, i64>,
    /// Positions a `seek` set, which carry no leader epoch
    /// (`SubscriptionState.FetchPosition`'s `offsetEpoch` is empty until a fetch).
    pub seeked: VecSet<TopicPartition>,
    /// When it last called poll.
    pub last_poll_ms: i64,
    /// When the next interval auto-commit is due (`nextAutoCommitTimer`).
    pub next_auto_commit_ms: i64,
    /// What the last `poll()` returned, in order, for the application to process.
    pub polled: Vec<(TopicPartition, i64)>,
    /// How many of `polled` the application has processed.
    pub processed: usize,
}

impl Consumer {
    /// Its `client.id`: the one it set, or its name.
    pub fn client_id(&self) -> &str {
        self.config.client_id.as_deref().unwrap_or(&self.name)
    }

    /// What it is doing now.
    pub fn activity(&self) -> Activity {
        match self.liveness {
            Liveness::Crashed => return Activity::Crashed,
            Liveness::Closed => return Activity::Closed,
            Liveness::Running => {}
        }
        // Under the consumer protocol a member is "rebalancing" while the assignment the
        // broker sent differs from the one it applied.
        if let Some(m) = &self.membership {
            let reconciling =
                m.waiting_for_partitions || m.target.as_ref().is_some_and(|t| *t != self.owned);
            return match (m.state, reconciling, self.owned.is_empty()) {
                (membership::MembershipState::Member, true, true) => Activity::Paused,
                (membership::MembershipState::Member, true, false) => {
                    Activity::ReadingThroughRebalance
                }
                (membership::MembershipState::Member, false, true) => Activity::Idle,
                (membership::MembershipState::Member, false, false) => Activity::Reading,
                _ => Activity::NotJoined,
            };
        }
        let rebalancing = self.rejoin_needed
            || matches!(
                self.state,
                MemberState::PreparingRebalance | MemberState::CompletingRebalance
            );
        match (self.state, rebalancing, self.owned.is_empty()) {
            (MemberState::Unjoined, _, true) => Activity::NotJoined,
            (_, true, true) => Activity::Paused,
            (_, true, false) => Activity::ReadingThroughRebalance,
            (_, false, true) => Activity::Idle,
            (_, false, false) => Activity::Reading,
        }
    }
}

/// Lag as `kafka-consumer-groups --describe` computes it (`ConsumerGroupCommand#getLag`):
/// LOG-END-OFFSET (the high watermark, from ListOffsets latest) minus CURRENT-OFFSET
/// (the committed offset); no committed offset, no lag.
///
/// ```
/// assert_eq!(kafka_sim::consumer::lag(30, Some(12)), Some(18));
/// assert_eq!(kafka_sim::consumer::lag(30, None), None);
/// ```
pub fn lag(log_end_offset: i64, committed: Option<i64>) -> Option<i64> {
    committed.map(|c| log_end_offset - c)
}

/// Where a consumer starts in a partition with no committed offset
/// (`SubscriptionState#resetInitialPositions`, `ConsumerConfig.AUTO_OFFSET_RESET_DOC`).
/// `end` is what ListOffsets(latest) answers at the consumer's isolation level: the high
/// watermark, or the last stable offset for read_committed.
pub fn reset_position(
    policy: OffsetReset,
    tp: &TopicPartition,
    log_start_offset: i64,
    end: i64,
) -> Result<i64, KafkaError> {
    match policy {
        OffsetReset::Earliest => Ok(log_start_offset),
        OffsetReset::Latest => Ok(end),
        OffsetReset::None => Err(KafkaError::new(
            ErrorKind::NoOffsetForPartitionException,
            format!(
                "Undefined offset with no reset policy for partitions: [{}]",
                tp_name(tp)
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_java_clients() {
        let c = ConsumerConfig::new("g");
        assert_eq!(c.session_timeout_ms, 45_000);
        assert_eq!(c.heartbeat_interval_ms, 3_000);
        assert_eq!(c.max_poll_interval_ms, 300_000);
        assert_eq!(c.max_poll_records, 500);
        assert_eq!(c.auto_offset_reset, OffsetReset::Latest);
        assert!(c.enable_auto_commit);
        assert_eq!(
            c.strategies,
            vec![Strategy::Range, Strategy::CooperativeSticky]
        );
    }

    #[test]
    fn strategies_accept_java_class_names() {
        let mut c = ConsumerConfig::new("g");
        c.set(
            "partition.assignment.strategy",
            "org.apache.kafka.clients.consumer.CooperativeStickyAssignor",
        )
        .unwrap();
        assert_eq!(c.strategies, vec![Strategy::CooperativeSticky]);
        assert!(c.set("auto.offset.reset", "smallest").is_err());
    }

    #[test]
    fn none_without_a_committed_offset_is_an_error() {
        let tp: TopicPartition = (Arc::from("user-events"), 0);
        assert_eq!(reset_position(OffsetReset::Earliest, &tp, 3, 10), Ok(3));
        assert_eq!(reset_position(OffsetReset::Latest, &tp, 3, 10), Ok(10));
        let err = reset_position(OffsetReset::None, &tp, 3, 10).unwrap_err();
        assert_eq!(
            err.message,
            "Undefined offset with no reset policy for partitions: [user-events-0]"
        );
    }
}
