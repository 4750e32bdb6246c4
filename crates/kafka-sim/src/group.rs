//! Consumer groups and their coordinator, on the engine's logical clock: JoinGroup,
//! SyncGroup, heartbeats, LeaveGroup, generations, the eager and the cooperative
//! rebalance protocols, committed offsets and lag.
//!
//! ```text
//!  poll ─► (auto-commit) ─► join or rejoin ─► all members joined? ─► leader assigns ─► Stable ─► fetch
//!  tick ─► heartbeats; a crashed member expires after session.timeout.ms, a member that
//!          stopped polling leaves after max.poll.interval.ms ─► PreparingRebalance
//! ```
//!
//! Simplifications, each named where it matters: a member's JoinGroup and SyncGroup
//! complete within the poll that finds every member joined (the real client blocks in
//! poll for them); heartbeats are continuous while a consumer runs; member ids are
//! `<client.id>-<n>` instead of `<client.id>-<UUID>`, so their order is reproducible.

// Without the `groups` feature the coordinator is compiled (so its types and queries stay
// available) but never called, and the linker leaves it out of the browser build.
#![cfg_attr(not(feature = "groups"), allow(dead_code))]

use std::collections::{BTreeMap, BTreeSet};

use crate::sort::{map_of, set_of};
use std::sync::Arc;

use crate::assignor::{self, Strategy, Subscription};
use crate::cluster::Cluster;
use crate::consumer::{
    lag, reset_position, tp_name, Consumer, ConsumerConfig, Liveness, TopicPartition,
};
use crate::error::{ErrorKind, KafkaError};
use crate::event::Event;

/// `GroupState` of the classic protocol (`GroupMetadata.scala`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum GroupState {
    /// No members.
    Empty,
    /// Waiting for every member to (re)join.
    PreparingRebalance,
    /// Joined; waiting for the leader's assignment (SyncGroup).
    CompletingRebalance,
    /// Everyone has an assignment.
    Stable,
    /// Deleted.
    Dead,
}

impl GroupState {
    /// As `kafka-consumer-groups --describe --state` prints it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Empty => "Empty",
            Self::PreparingRebalance => "PreparingRebalance",
            Self::CompletingRebalance => "CompletingRebalance",
            Self::Stable => "Stable",
            Self::Dead => "Dead",
        }
    }
}

/// A member as the coordinator sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// Given by the coordinator on the first JoinGroup.
    pub member_id: Arc<str>,
    /// The consumer (client.id) behind it.
    pub consumer: Arc<str>,
    /// `group.instance.id`, for static members.
    pub group_instance_id: Option<String>,
    /// Subscribed topics, as sent in JoinGroup.
    pub topics: Vec<Arc<str>>,
    /// Its configured assignors, in preference order.
    pub strategies: Vec<Strategy>,
    /// Whether it has (re)joined in the current rebalance.
    pub joined: bool,
    /// Last heartbeat seen by the coordinator.
    pub last_heartbeat_ms: i64,
    /// Its assignment in the current generation.
    pub assignment: BTreeSet<TopicPartition>,
}

/// A consumer group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// `group.id`.
    pub id: Arc<str>,
    /// State.
    pub state: GroupState,
    /// Generation: incremented by every completed join.
    pub generation: i32,
    /// The assignor chosen for this generation.
    pub protocol: Option<Strategy>,
    /// The member that ran the assignor.
    pub leader: Option<Arc<str>>,
    /// Members in join order (the first joiner leads).
    pub members: Vec<Member>,
    /// Committed offsets (next offset to read), as in `__consumer_offsets`.
    pub committed: BTreeMap<TopicPartition, i64>,
    /// When the current rebalance began.
    pub rebalance_started_ms: i64,
    next_member: u32,
}

/// One row of `kafka-consumer-groups --describe`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DescribeRow {
    /// TOPIC.
    pub topic: Arc<str>,
    /// PARTITION.
    pub partition: u32,
    /// CURRENT-OFFSET: the committed offset, if any.
    pub current_offset: Option<i64>,
    /// LOG-END-OFFSET: the high watermark.
    pub log_end_offset: i64,
    /// LAG, when there is a committed offset.
    pub lag: Option<i64>,
    /// CONSUMER-ID: the member that owns the partition, if any.
    pub consumer_id: Option<Arc<str>>,
}

/// ConsumerCoordinator: the protocol is COOPERATIVE only if every configured assignor
/// supports it (`ConsumerCoordinator#protocol`); the default list, with RangeAssignor
/// first, is EAGER.
pub fn is_cooperative(strategies: &[Strategy]) -> bool {
    !strategies.is_empty() && strategies.iter().all(|s| *s == Strategy::CooperativeSticky)
}

const COMMIT_FAILED: &str = "Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member. This means that the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time message processing. You can address this either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records.";

impl Group {
    pub(crate) fn new(id: &str) -> Self {
        Self {
            id: Arc::from(id),
            state: GroupState::Empty,
            generation: 0,
            protocol: None,
            leader: None,
            members: Vec::new(),
            committed: BTreeMap::new(),
            rebalance_started_ms: 0,
            next_member: 0,
        }
    }

    fn member_mut(&mut self, member_id: &str) -> Option<&mut Member> {
        self.members.iter_mut().find(|m| &*m.member_id == member_id)
    }

    fn set_state(&mut self, state: GroupState, out: &mut Vec<Event>) {
        if self.state != state {
            out.push(Event::GroupStateChanged {
                group: self.id.clone(),
                from: self.state,
                to: state,
                generation: self.generation,
            });
            self.state = state;
        }
    }

    /// Starts a rebalance (unless one is already waiting for joins).
    fn prepare_rebalance(&mut self, now_ms: i64, reason: String, out: &mut Vec<Event>) {
        if self.state == GroupState::PreparingRebalance {
            return;
        }
        for m in &mut self.members {
            m.joined = false;
        }
        self.rebalance_started_ms = now_ms;
        out.push(Event::RebalanceStarted {
            group: self.id.clone(),
            reason,
        });
        self.set_state(GroupState::PreparingRebalance, out);
    }

    /// `kafka-consumer-groups --describe`: a row per partition that has a committed
    /// offset or an owner. Owners show only while the group is Stable: DescribeGroups
    /// returns members without their assignment otherwise (`GroupMetadata#summary`,
    /// `summaryNoMetadata`), so during a rebalance every row reads CONSUMER-ID `-`.
    pub fn describe(&self, cluster: &Cluster) -> Vec<DescribeRow> {
        let mut tps: BTreeSet<TopicPartition> = set_of(self.committed.keys().cloned());
        let members: &[Member] = if self.state == GroupState::Stable {
            &self.members
        } else {
            &[]
        };
        for m in members {
            tps.extend(m.assignment.iter().cloned());
        }
        tps.into_iter()
            .map(|tp| {
                let hw = cluster.log(&tp.0, tp.1).map_or(0, |l| l.high_watermark());
                let committed = self.committed.get(&tp).copied();
                DescribeRow {
                    consumer_id: members
                        .iter()
                        .find(|m| m.assignment.contains(&tp))
                        .map(|m| m.member_id.clone()),
                    topic: tp.0,
                    partition: tp.1,
                    current_offset: committed,
                    log_end_offset: hw,
                    lag: lag(hw, committed),
                }
            })
            .collect()
    }

    /// The sum of LAG over the group's partitions.
    pub fn total_lag(&self, cluster: &Cluster) -> i64 {
        self.describe(cluster).iter().filter_map(|r| r.lag).sum()
    }
}

fn consumer_gone(name: &str, liveness: Liveness) -> KafkaError {
    KafkaError::new(
        ErrorKind::IllegalStateException,
        match liveness {
            Liveness::Crashed => format!("Consumer {name} has crashed: its process is gone."),
            _ => format!("This consumer has already been closed: {name}."),
        },
    )
}

impl Cluster {
    /// Every consumer group by id.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.values()
    }

    /// One group.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.get(id)
    }

    /// Every consumer by name.
    pub fn consumers(&self) -> impl Iterator<Item = &Consumer> {
        self.consumers.values()
    }

    /// One consumer.
    pub fn consumer(&self, name: &str) -> Option<&Consumer> {
        self.consumers.get(name)
    }

    pub(crate) fn create_consumer(
        &mut self,
        name: &str,
        group: &str,
        configs: &[(String, String)],
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        if self.consumers.contains_key(name) {
            return Err(KafkaError::new(
                ErrorKind::IllegalStateException,
                format!("A consumer named {name} already exists."),
            ));
        }
        if group.is_empty() {
            return Err(KafkaError::new(
                ErrorKind::InvalidConfigurationException,
                "group.id must be set: this simulation's consumers always belong to a group",
            ));
        }
        let mut config = ConsumerConfig::new(group);
        for (k, v) in configs {
            config.set(k, v)?;
        }
        let name: Arc<str> = Arc::from(name);
        out.push(Event::ConsumerCreated {
            consumer: name.clone(),
            group: Arc::from(config.group_id.as_str()),
        });
        self.consumers.insert(
            name.clone(),
            Consumer {
                name,
                config,
                liveness: Liveness::Running,
                subscription: Vec::new(),
                member_id: None,
                generation: -1,
                owned: BTreeSet::new(),
                positions: BTreeMap::new(),
                last_poll_ms: self.now_ms,
                last_auto_commit_ms: self.now_ms,
                polled: Vec::new(),
                processed: 0,
            },
        );
        Ok(())
    }

    pub(crate) fn running_consumer(&self, name: &str) -> Result<&Consumer, KafkaError> {
        let c = self.consumers.get(name).ok_or_else(|| {
            KafkaError::new(
                ErrorKind::IllegalStateException,
                format!("There is no consumer named {name}."),
            )
        })?;
        match c.liveness {
            Liveness::Running => Ok(c),
            other => Err(consumer_gone(name, other)),
        }
    }

    pub(crate) fn subscribe(
        &mut self,
        name: &str,
        topics: &[String],
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        self.running_consumer(name)?;
        if topics.is_empty() {
            return Err(KafkaError::new(
                ErrorKind::IllegalArgumentException,
                "Topic collection to subscribe to cannot be empty",
            ));
        }
        let consumer = self.consumers.get_mut(name).expect("checked");
        consumer.subscription = topics.iter().map(|t| Arc::from(t.as_str())).collect();
        out.push(Event::Subscribed {
            consumer: consumer.name.clone(),
            topics: consumer.subscription.clone(),
        });
        // A changed subscription makes a member rejoin (ConsumerCoordinator#rejoinNeededOrPending).
        if let Some(member_id) = consumer.member_id.clone() {
            let group_id = consumer.config.group_id.clone();
            let now = self.now_ms;
            if let Some(g) = self.groups.get_mut(group_id.as_str()) {
                if g.members.iter().any(|m| m.member_id == member_id) {
                    g.prepare_rebalance(
                        now,
                        format!("member {member_id} changed its subscription"),
                        out,
                    );
                }
            }
        }
        Ok(())
    }

    /// Commits the consumer's positions for its owned partitions.
    fn commit_positions(&mut self, name: &str, automatic: bool, out: &mut Vec<Event>) {
        let consumer = &self.consumers[name];
        let offsets: Vec<(TopicPartition, i64)> = consumer
            .owned
            .iter()
            .filter_map(|tp| consumer.positions.get(tp).map(|p| (tp.clone(), *p)))
            .collect();
        if offsets.is_empty() {
            return;
        }
        let group_id = consumer.config.group_id.clone();
        let consumer_name = consumer.name.clone();
        let group = self
            .groups
            .entry(Arc::from(group_id.as_str()))
            .or_insert_with(|| Group::new(&group_id));
        for (tp, o) in &offsets {
            group.committed.insert(tp.clone(), *o);
        }
        out.push(Event::OffsetsCommitted {
            group: group.id.clone(),
            consumer: consumer_name,
            offsets: offsets.into_iter().map(|(tp, o)| (tp.0, tp.1, o)).collect(),
            automatic,
        });
    }

    pub(crate) fn commit(
        &mut self,
        name: &str,
        explicit: Option<&(String, u32, i64)>,
        asynchronous: bool,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let consumer = self.running_consumer(name)?;
        let in_group = consumer.member_id.as_ref().is_some_and(|id| {
            self.groups
                .get(consumer.config.group_id.as_str())
                .is_some_and(|g| g.members.iter().any(|m| &m.member_id == id))
        });
        if !in_group && (!consumer.owned.is_empty() || explicit.is_some()) {
            let error = KafkaError::new(ErrorKind::CommitFailedException, COMMIT_FAILED);
            if asynchronous {
                // commitAsync does not throw: the OffsetCommitCallback gets the error.
                out.push(Event::AsyncCommitFailed {
                    consumer: consumer.name.clone(),
                    error,
                });
                return Ok(());
            }
            return Err(error);
        }
        match explicit {
            None => self.commit_positions(name, false, out),
            Some((topic, partition, offset)) => {
                if self.log(topic, *partition).is_none() {
                    return Err(KafkaError::new(
                        ErrorKind::UnknownTopicOrPartitionException,
                        format!(
                            "This server does not host this topic-partition: {topic}-{partition}."
                        ),
                    ));
                }
                if *offset < 0 {
                    return Err(KafkaError::new(
                        ErrorKind::IllegalArgumentException,
                        format!("Invalid negative offset {offset}"),
                    ));
                }
                let consumer = &self.consumers[name];
                let group_id = consumer.config.group_id.clone();
                let consumer_name = consumer.name.clone();
                let tp: TopicPartition = (Arc::from(topic.as_str()), *partition);
                let group = self
                    .groups
                    .entry(Arc::from(group_id.as_str()))
                    .or_insert_with(|| Group::new(&group_id));
                group.committed.insert(tp.clone(), *offset);
                out.push(Event::OffsetsCommitted {
                    group: group.id.clone(),
                    consumer: consumer_name,
                    offsets: vec![(tp.0, tp.1, *offset)],
                    automatic: false,
                });
            }
        }
        Ok(())
    }

    pub(crate) fn seek(
        &mut self,
        name: &str,
        topic: &str,
        partition: u32,
        offset: i64,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let consumer = self.running_consumer(name)?;
        let tp: TopicPartition = (Arc::from(topic), partition);
        if !consumer.owned.contains(&tp) {
            return Err(KafkaError::new(
                ErrorKind::IllegalStateException,
                format!("No current assignment for partition {}", tp_name(&tp)),
            ));
        }
        if offset < 0 {
            return Err(KafkaError::new(
                ErrorKind::IllegalArgumentException,
                format!("seek offset must not be a negative number: {offset}"),
            ));
        }
        let consumer = self.consumers.get_mut(name).expect("checked");
        consumer.positions.insert(tp, offset);
        out.push(Event::Seeked {
            consumer: consumer.name.clone(),
            topic: Arc::from(topic),
            partition,
            offset,
        });
        Ok(())
    }

    pub(crate) fn crash(&mut self, name: &str, out: &mut Vec<Event>) -> Result<(), KafkaError> {
        self.running_consumer(name)?;
        let consumer = self.consumers.get_mut(name).expect("checked");
        consumer.liveness = Liveness::Crashed;
        // The process died with its batch: what it had not processed is gone with it.
        consumer.polled.clear();
        out.push(Event::ConsumerCrashed {
            consumer: consumer.name.clone(),
        });
        Ok(())
    }

    pub(crate) fn close(&mut self, name: &str, out: &mut Vec<Event>) -> Result<(), KafkaError> {
        let consumer = self.running_consumer(name)?;
        // close() commits synchronously when auto-commit is on (ConsumerCoordinator#close).
        if consumer.config.enable_auto_commit {
            self.commit_positions(name, true, out);
        }
        self.leave_group(name, "the consumer closed (LeaveGroup)", out);
        let consumer = self.consumers.get_mut(name).expect("checked");
        consumer.liveness = Liveness::Closed;
        out.push(Event::ConsumerClosed {
            consumer: consumer.name.clone(),
        });
        Ok(())
    }

    /// Removes `name`'s member from its group and starts a rebalance.
    fn leave_group(&mut self, name: &str, reason: &str, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let consumer = self.consumers.get_mut(name).expect("known consumer");
        let Some(member_id) = consumer.member_id.take() else {
            return;
        };
        if !consumer.owned.is_empty() {
            out.push(Event::PartitionsRevoked {
                consumer: consumer.name.clone(),
                partitions: consumer.owned.iter().cloned().collect(),
            });
        }
        consumer.owned.clear();
        consumer.positions.clear();
        consumer.generation = -1;
        let group_id = consumer.config.group_id.clone();
        if let Some(g) = self.groups.get_mut(group_id.as_str()) {
            remove_member(g, &member_id, reason, now, out);
        }
    }

    pub(crate) fn poll(&mut self, name: &str, out: &mut Vec<Event>) -> Result<(), KafkaError> {
        let now = self.now_ms;
        let consumer = self.running_consumer(name)?;
        if consumer.subscription.is_empty() {
            return Err(KafkaError::new(
                ErrorKind::IllegalStateException,
                "Consumer is not subscribed to any topics or assigned any partitions",
            ));
        }
        let group_id: Arc<str> = Arc::from(consumer.config.group_id.as_str());
        let consumer = self.consumers.get_mut(name).expect("checked");
        consumer.last_poll_ms = now;
        // ConsumerCoordinator#poll: auto-commit what earlier polls returned, once the
        // interval has passed, before anything else.
        let auto = consumer.config.enable_auto_commit
            && now - consumer.last_auto_commit_ms >= consumer.config.auto_commit_interval_ms;
        if auto {
            consumer.last_auto_commit_ms = now;
            self.commit_positions(name, true, out);
        }
        self.join_if_needed(name, &group_id, out);
        let group = self.groups.get_mut(&group_id).expect("joined above");
        if group.state == GroupState::PreparingRebalance && group.members.iter().all(|m| m.joined) {
            self.complete_join(&group_id, out);
        }
        self.fetch_for_consumer(name, &group_id, out)
    }

    /// JoinGroup for a new member, or a rejoin during a rebalance.
    fn join_if_needed(&mut self, name: &str, group_id: &Arc<str>, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let group = self
            .groups
            .entry(group_id.clone())
            .or_insert_with(|| Group::new(group_id));
        let consumer = self.consumers.get_mut(name).expect("checked");
        let known = consumer
            .member_id
            .as_ref()
            .is_some_and(|id| group.members.iter().any(|m| &m.member_id == id));
        if !known {
            group.next_member += 1;
            let member_id: Arc<str> =
                Arc::from(format!("{}-{}", consumer.name, group.next_member).as_str());
            consumer.member_id = Some(member_id.clone());
            consumer.owned.clear();
            consumer.positions.clear();
            group.members.push(Member {
                member_id: member_id.clone(),
                consumer: consumer.name.clone(),
                group_instance_id: consumer.config.group_instance_id.clone(),
                topics: consumer.subscription.clone(),
                strategies: consumer.config.strategies.clone(),
                joined: false,
                last_heartbeat_ms: now,
                assignment: BTreeSet::new(),
            });
            out.push(Event::MemberJoined {
                group: group.id.clone(),
                member_id: member_id.clone(),
                consumer: consumer.name.clone(),
            });
            group.prepare_rebalance(now, format!("member {member_id} joined"), out);
            group.member_mut(&member_id).expect("just added").joined = true;
            return;
        }
        let member_id = consumer.member_id.clone().expect("known");
        if group.state != GroupState::PreparingRebalance
            || group.member_mut(&member_id).is_some_and(|m| m.joined)
        {
            return;
        }
        // Rejoining (ConsumerCoordinator#onJoinPrepare): the eager protocol revokes
        // everything first; the cooperative one keeps what it owns.
        if !is_cooperative(&consumer.config.strategies) && !consumer.owned.is_empty() {
            out.push(Event::PartitionsRevoked {
                consumer: consumer.name.clone(),
                partitions: consumer.owned.iter().cloned().collect(),
            });
            consumer.owned.clear();
            consumer.positions.clear();
        }
        let topics = consumer.subscription.clone();
        let member = group.member_mut(&member_id).expect("known");
        member.joined = true;
        member.topics = topics;
        out.push(Event::MemberRejoined {
            group: group.id.clone(),
            member_id,
            consumer: consumer.name.clone(),
        });
    }

    /// Every member joined: new generation, the leader assigns, SyncGroup delivers.
    fn complete_join(&mut self, group_id: &Arc<str>, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let partitions: BTreeMap<String, u32> = map_of(
            self.topics
                .values()
                .map(|t| (t.name.to_string(), t.partitions.len() as u32)),
        );
        let group = self.groups.get_mut(group_id).expect("exists");
        group.generation += 1;
        if group.members.is_empty() {
            group.leader = None;
            group.protocol = None;
            group.set_state(GroupState::Empty, out);
            return;
        }
        group.set_state(GroupState::CompletingRebalance, out);
        // The leader stays the leader while it is a member; else the first joiner leads.
        if !group
            .leader
            .as_ref()
            .is_some_and(|l| group.members.iter().any(|m| &m.member_id == l))
        {
            group.leader = Some(group.members[0].member_id.clone());
        }
        // The group protocol: the first assignor of the leader that every member supports
        // (GroupMetadata#selectProtocol votes; with one configuration they agree).
        let leader = group.leader.clone().expect("set above");
        let leader_strategies = group
            .members
            .iter()
            .find(|m| m.member_id == leader)
            .expect("member")
            .strategies
            .clone();
        let protocol = leader_strategies
            .iter()
            .copied()
            .find(|s| group.members.iter().all(|m| m.strategies.contains(s)))
            .unwrap_or(leader_strategies[0]);
        group.protocol = Some(protocol);
        let previous_generation = group.generation - 1;
        let subscriptions: BTreeMap<String, Subscription> = map_of(group.members.iter().map(|m| {
            let owned = &self.consumers[&m.consumer].owned;
            let mut owned_map: BTreeMap<String, Vec<u32>> = BTreeMap::new();
            for (t, p) in owned {
                owned_map.entry(t.to_string()).or_default().push(*p);
            }
            (
                m.member_id.to_string(),
                Subscription {
                    topics: m.topics.iter().map(|t| t.to_string()).collect(),
                    group_instance_id: m.group_instance_id.clone(),
                    owned: owned_map,
                    generation: Some(previous_generation),
                },
            )
        }));
        let assignment =
            assignor::assign(protocol, &partitions, &subscriptions).unwrap_or_default();
        let mut follow_up = false;
        let mut delivered = Vec::new();
        for m in &mut group.members {
            let new: BTreeSet<TopicPartition> =
                assignment
                    .get(&*m.member_id)
                    .map(|topics| {
                        set_of(topics.iter().flat_map(|(t, ps)| {
                            ps.iter().map(move |p| (Arc::from(t.as_str()), *p))
                        }))
                    })
                    .unwrap_or_default();
            m.assignment = new.clone();
            m.last_heartbeat_ms = now;
            let consumer = self
                .consumers
                .get_mut(&m.consumer)
                .expect("member's consumer");
            consumer.generation = group.generation;
            let revoked: Vec<TopicPartition> = consumer.owned.difference(&new).cloned().collect();
            let added: Vec<TopicPartition> = new.difference(&consumer.owned).cloned().collect();
            if !revoked.is_empty() {
                // Cooperative: give up only what moves, then rejoin (KIP-429).
                out.push(Event::PartitionsRevoked {
                    consumer: consumer.name.clone(),
                    partitions: revoked.clone(),
                });
                for tp in &revoked {
                    consumer.owned.remove(tp);
                    consumer.positions.remove(tp);
                }
                follow_up = true;
            }
            consumer.owned.extend(added.iter().cloned());
            if !added.is_empty() {
                out.push(Event::PartitionsAssigned {
                    consumer: consumer.name.clone(),
                    partitions: added,
                });
            }
            delivered.push((m.member_id.clone(), new.into_iter().collect::<Vec<_>>()));
        }
        out.push(Event::RebalanceCompleted {
            group: group.id.clone(),
            generation: group.generation,
            protocol: protocol.name(),
            leader,
            assignment: delivered,
        });
        group.set_state(GroupState::Stable, out);
        if follow_up {
            group.prepare_rebalance(
                now,
                "members revoked partitions: cooperative follow-up rebalance".into(),
                out,
            );
        }
    }

    fn fetch_for_consumer(
        &mut self,
        name: &str,
        group_id: &Arc<str>,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let group = &self.groups[group_id];
        let consumer = &self.consumers[name];
        let cooperative = is_cooperative(&consumer.config.strategies);
        // Eager members own nothing during a rebalance; cooperative ones keep fetching.
        if group.state != GroupState::Stable && !cooperative {
            return Ok(());
        }
        let mut budget = consumer.config.max_poll_records as usize;
        let mut positions = Vec::new();
        for tp in &consumer.owned {
            let Some(log) = self.log(&tp.0, tp.1) else {
                continue;
            };
            let start = match consumer
                .positions
                .get(tp)
                .or_else(|| group.committed.get(tp))
            {
                // Out of range (say, deleted by retention): auto.offset.reset applies.
                Some(p) if *p >= log.log_start_offset() && *p <= log.log_end_offset() => *p,
                _ => reset_position(
                    consumer.config.auto_offset_reset,
                    tp,
                    log.log_start_offset(),
                    log.high_watermark(),
                )?,
            };
            positions.push((tp.clone(), start));
        }
        let mut records = Vec::new();
        let mut next_positions = Vec::new();
        let read_committed = consumer.config.read_committed;
        for (tp, start) in positions {
            let log = self.log(&tp.0, tp.1).expect("checked");
            // Markers are never handed over; read_committed also stops at the last
            // stable offset and drops aborted transactions (KafkaConsumer javadoc,
            // "Reading Transactional Messages").
            let (got, next) = log
                .read_for_consumer(start, budget, &tp_name(&tp), read_committed)
                .unwrap_or((Vec::new(), start));
            budget -= got.len();
            records.extend(got.iter().map(|r| (tp.0.clone(), tp.1, r.offset)));
            next_positions.push((tp, next));
        }
        let consumer = self.consumers.get_mut(name).expect("checked");
        consumer.positions.extend(next_positions);
        // A new batch for the application; whatever it left of the last one is skipped.
        consumer.polled = records
            .iter()
            .map(|(t, p, o)| ((t.clone(), *p), *o))
            .collect();
        consumer.processed = 0;
        out.push(Event::RecordsPolled {
            consumer: consumer.name.clone(),
            records,
        });
        Ok(())
    }

    /// Liveness on the clock: heartbeats of running consumers, session expiry of crashed
    /// ones, proactive leave after max.poll.interval.ms (KIP-62), and the rebalance
    /// timeout for members that never rejoin.
    pub(crate) fn advance_groups(&mut self, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let names: Vec<Arc<str>> = self.consumers.keys().cloned().collect();
        for name in names {
            let c = &self.consumers[&name];
            if c.liveness == Liveness::Running
                && c.member_id.is_some()
                && now - c.last_poll_ms > c.config.max_poll_interval_ms
            {
                out.push(Event::PollTimeout {
                    consumer: name.clone(),
                    max_poll_interval_ms: c.config.max_poll_interval_ms,
                });
                self.leave_group(
                    &name,
                    "max.poll.interval.ms passed without a poll: the consumer left",
                    out,
                );
            }
        }
        let group_ids: Vec<Arc<str>> = self.groups.keys().cloned().collect();
        for id in group_ids {
            let group = self.groups.get_mut(&id).expect("listed");
            let mut expired = Vec::new();
            for m in &mut group.members {
                let c = &self.consumers[&m.consumer];
                if c.liveness == Liveness::Running {
                    m.last_heartbeat_ms = now;
                } else if now - m.last_heartbeat_ms >= c.config.session_timeout_ms {
                    expired.push((m.member_id.clone(), c.config.session_timeout_ms));
                }
            }
            for (member_id, timeout) in expired {
                remove_member(
                    group,
                    &member_id,
                    &format!("session.timeout.ms={timeout} passed without a heartbeat"),
                    now,
                    out,
                );
            }
            if group.state == GroupState::PreparingRebalance {
                let rebalance_timeout = group
                    .members
                    .iter()
                    .map(|m| self.consumers[&m.consumer].config.max_poll_interval_ms)
                    .max()
                    .unwrap_or(0);
                if now - group.rebalance_started_ms >= rebalance_timeout {
                    let late: Vec<Arc<str>> = group
                        .members
                        .iter()
                        .filter(|m| !m.joined)
                        .map(|m| m.member_id.clone())
                        .collect();
                    for member_id in late {
                        remove_member(
                            group,
                            &member_id,
                            "did not rejoin within the rebalance timeout",
                            now,
                            out,
                        );
                    }
                }
                if group.members.iter().all(|m| m.joined) {
                    self.complete_join(&id, out);
                }
            }
        }
        // Members removed by the coordinator lose their consumer's membership too.
        for c in self.consumers.values_mut() {
            if let Some(id) = &c.member_id {
                let still = self
                    .groups
                    .get(c.config.group_id.as_str())
                    .is_some_and(|g| g.members.iter().any(|m| &m.member_id == id));
                if !still && c.liveness != Liveness::Running {
                    c.member_id = None;
                }
            }
        }
    }
}

fn remove_member(group: &mut Group, member_id: &str, reason: &str, now: i64, out: &mut Vec<Event>) {
    let Some(i) = group
        .members
        .iter()
        .position(|m| &*m.member_id == member_id)
    else {
        return;
    };
    let m = group.members.remove(i);
    out.push(Event::MemberRemoved {
        group: group.id.clone(),
        member_id: m.member_id.clone(),
        consumer: m.consumer.clone(),
        reason: reason.to_string(),
    });
    if group.members.is_empty() {
        group.generation += 1;
        group.leader = None;
        group.protocol = None;
        group.set_state(GroupState::Empty, out);
    } else {
        group.prepare_rebalance(now, format!("member {member_id} left: {reason}"), out);
    }
}

/// The group's offsets as a map for views and goals.
pub fn committed_offset(group: &Group, topic: &str, partition: u32) -> Option<i64> {
    group.committed.get(&(Arc::from(topic), partition)).copied()
}
