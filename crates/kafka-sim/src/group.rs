//! The group coordinator's classic groups, broker side (Kafka 4.x `GroupMetadataManager`
//! and `ClassicGroup` in the group-coordinator module): members, generations, the
//! JoinGroup barrier, the leader's SyncGroup, LeaveGroup, session and rebalance timeouts,
//! committed offsets and what `kafka-consumer-groups --describe` shows. The consumer's own
//! side of the protocol (when it sends what, what it does with the answers) is in
//! `consumer/classic.rs`.
//!
//! ```text
//!  Empty ─JoinGroup─► PreparingRebalance ─every member joined (or the rebalance timeout)─►
//!        CompletingRebalance (generation+1, JoinGroup answered) ─leader's SyncGroup─► Stable
//!  Stable ─join, leave, session expiry, subscription change─► PreparingRebalance
//!  last member gone ─► (PreparingRebalance) ─► Empty (generation+1)
//! ```
//!
//! The broker does not assign partitions: the leader does, in its own poll, when it reads
//! its JoinGroup answer (`ConsumerCoordinator#onLeaderElected`). Until then the group waits
//! in CompletingRebalance.

pub mod modern;

use crate::collections::{VecMap, VecSet};
use std::sync::Arc;

use crate::assignor::Strategy;
use crate::cluster::Cluster;
use crate::consumer::{lag, TopicPartition};
use crate::event::Event;
use crate::sort::set_of;

/// A group's state as `GroupState` (Admin, 4.x) names it: the classic protocol's
/// (`ClassicGroupState`) and the consumer protocol's (`ConsumerGroup.ConsumerGroupState`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum GroupState {
    /// No members.
    Empty,
    /// Classic: waiting for every member to (re)join.
    PreparingRebalance,
    /// Classic: joined; waiting for the leader's assignment (SyncGroup).
    CompletingRebalance,
    /// Everyone has its assignment.
    Stable,
    /// Consumer protocol: the group epoch moved past the target assignment's.
    Assigning,
    /// Consumer protocol: some member has not reached the target assignment yet.
    Reconciling,
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
            Self::Assigning => "Assigning",
            Self::Reconciling => "Reconciling",
            Self::Dead => "Dead",
        }
    }

    /// Whether `kafka-consumer-groups` warns that the group is rebalancing.
    pub fn is_rebalancing(self) -> bool {
        matches!(
            self,
            Self::PreparingRebalance
                | Self::CompletingRebalance
                | Self::Assigning
                | Self::Reconciling
        )
    }
}

/// Which protocol a group speaks (`GroupType`: "Classic" or "Consumer").
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum GroupType {
    /// JoinGroup and SyncGroup.
    Classic,
    /// KIP-848's ConsumerGroupHeartbeat.
    Consumer,
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
    /// The partitions it said it owns in its last JoinGroup (cooperative members keep
    /// theirs through a rebalance; eager ones revoked everything first), and the
    /// generation they are from.
    pub owned: VecSet<TopicPartition>,
    /// The generation of `owned`.
    pub owned_generation: i32,
    /// Its JoinGroup of the current rebalance has arrived and waits for the barrier.
    pub joined: bool,
    /// The join completed: its JoinGroup answer waits for the consumer's next poll.
    pub join_answered: bool,
    /// Its SyncGroup arrived in this generation (parked until the leader's, or answered).
    pub synced: bool,
    /// Last heartbeat (or JoinGroup, SyncGroup, commit) seen by the coordinator.
    pub last_heartbeat_ms: i64,
    /// `session.timeout.ms` it joined with.
    pub session_timeout_ms: i64,
    /// `max.poll.interval.ms` it joined with: its rebalance timeout.
    pub rebalance_timeout_ms: i64,
    /// Its assignment in the current generation, once the leader has synced.
    pub assignment: VecSet<TopicPartition>,
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
    /// The member that runs the assignor.
    pub leader: Option<Arc<str>>,
    /// Members in join order.
    pub members: Vec<Member>,
    /// Committed offsets (next offset to read), as in `__consumer_offsets`.
    pub committed: VecMap<TopicPartition, i64>,
    /// Classic or consumer protocol.
    pub group_type: GroupType,
    /// The consumer protocol's state (epochs, target assignment, members), for a
    /// Consumer group; its `generation` is then the group epoch.
    pub modern: Option<modern::ModernGroup>,
    /// When the current rebalance began.
    pub rebalance_started_ms: i64,
    /// The rebalance timeout, fixed when the rebalance began: the largest
    /// `max.poll.interval.ms` among the members then (`ClassicGroup#rebalanceTimeoutMs`).
    pub rebalance_timeout_ms: i64,
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

/// What a JoinGroup carries.
pub(crate) struct JoinRequest<'a> {
    pub consumer: &'a Arc<str>,
    pub member_id: Option<&'a Arc<str>>,
    pub group_instance_id: Option<&'a String>,
    pub topics: &'a [Arc<str>],
    pub strategies: &'a [Strategy],
    pub owned: &'a VecSet<TopicPartition>,
    pub owned_generation: i32,
    pub session_timeout_ms: i64,
    pub rebalance_timeout_ms: i64,
}

/// How the coordinator answered a JoinGroup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Joined {
    /// Accepted into the barrier with this member id.
    Waiting(Arc<str>),
    /// A static member came back within its session: it takes the old member's place
    /// with no rebalance (`updateStaticMemberThenRebalanceOrCompleteJoin`), and the old
    /// member id (whose consumer, if it still runs, is now fenced).
    Replaced {
        member_id: Arc<str>,
        old_member_id: Arc<str>,
        old_consumer: Arc<str>,
    },
}

impl Group {
    pub(crate) fn new(id: &str) -> Self {
        Self {
            id: Arc::from(id),
            state: GroupState::Empty,
            generation: 0,
            protocol: None,
            leader: None,
            members: Vec::new(),
            committed: VecMap::new(),
            group_type: GroupType::Classic,
            modern: None,
            rebalance_started_ms: 0,
            rebalance_timeout_ms: 0,
            next_member: 0,
        }
    }

    /// The member with this id.
    pub fn member(&self, member_id: &str) -> Option<&Member> {
        self.members.iter().find(|m| &*m.member_id == member_id)
    }

    pub(crate) fn member_mut(&mut self, member_id: &str) -> Option<&mut Member> {
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

    /// `GroupMetadataManager#prepareRebalance`: a SyncGroup parked in CompletingRebalance
    /// is answered REBALANCE_IN_PROGRESS (its member must join again), and the rebalance
    /// timeout is fixed now.
    pub(crate) fn prepare_rebalance(&mut self, now_ms: i64, reason: String, out: &mut Vec<Event>) {
        if self.state == GroupState::PreparingRebalance {
            return;
        }
        // resetAndPropagateAssignmentWithError: a sync in progress is abandoned, and with
        // it the assignments; from Stable, members keep theirs until the leader's next
        // SyncGroup replaces them.
        let abandoned_sync = self.state == GroupState::CompletingRebalance;
        for m in &mut self.members {
            m.joined = false;
            m.join_answered = false;
            m.synced = false;
            if abandoned_sync {
                m.assignment.clear();
            }
        }
        self.rebalance_started_ms = now_ms;
        self.rebalance_timeout_ms = self
            .members
            .iter()
            .map(|m| m.rebalance_timeout_ms)
            .max()
            .unwrap_or(0);
        out.push(Event::RebalanceStarted {
            group: self.id.clone(),
            reason,
        });
        self.set_state(GroupState::PreparingRebalance, out);
    }

    /// `hasAllMembersJoined`.
    fn all_joined(&self) -> bool {
        self.members.iter().all(|m| m.joined)
    }

    /// A JoinGroup. A new dynamic member gets an id and starts a rebalance (the broker's
    /// MEMBER_ID_REQUIRED round trip changes no timing here, KIP-394); a known member
    /// rejoins; a static member whose instance id is known takes the old member's place.
    pub(crate) fn join(&mut self, now: i64, req: JoinRequest<'_>, out: &mut Vec<Event>) -> Joined {
        // A static member returning (GroupMetadataManager#classicGroupJoinNewStaticMember).
        if let (None, Some(instance)) = (req.member_id, req.group_instance_id) {
            if let Some(i) = self
                .members
                .iter()
                .position(|m| m.group_instance_id.as_ref() == Some(instance))
            {
                self.next_member += 1;
                let new_id: Arc<str> =
                    Arc::from(format!("{instance}-{}", self.next_member).as_str());
                let old = self.members[i].clone();
                let m = &mut self.members[i];
                m.member_id = new_id.clone();
                m.consumer = req.consumer.clone();
                m.last_heartbeat_ms = now;
                m.session_timeout_ms = req.session_timeout_ms;
                m.rebalance_timeout_ms = req.rebalance_timeout_ms;
                if self.leader.as_ref() == Some(&old.member_id) {
                    self.leader = Some(new_id.clone());
                }
                out.push(Event::StaticMemberReplaced {
                    group: self.id.clone(),
                    group_instance_id: Arc::from(instance.as_str()),
                    old_member_id: old.member_id.clone(),
                    member_id: new_id.clone(),
                    consumer: req.consumer.clone(),
                });
                match self.state {
                    // "Static member which joins during Stable stage and doesn't affect
                    // the selected protocol will not trigger a rebalance."
                    GroupState::Stable => {
                        let m = &mut self.members[i];
                        m.join_answered = true;
                        m.synced = true;
                    }
                    GroupState::PreparingRebalance => self.members[i].joined = true,
                    _ => {
                        self.prepare_rebalance(
                            now,
                            format!("static member {instance} rejoined during the sync"),
                            out,
                        );
                        self.members[i].joined = true;
                    }
                }
                return Joined::Replaced {
                    member_id: new_id,
                    old_member_id: old.member_id,
                    old_consumer: old.consumer,
                };
            }
        }
        let known = req.member_id.and_then(|id| self.member(id)).is_some();
        let member_id = if known {
            let id = req.member_id.expect("known").clone();
            let m = self.member_mut(&id).expect("known");
            m.topics = req.topics.to_vec();
            m.strategies = req.strategies.to_vec();
            m.owned = req.owned.clone();
            m.owned_generation = req.owned_generation;
            m.last_heartbeat_ms = now;
            out.push(Event::MemberRejoined {
                group: self.id.clone(),
                member_id: id.clone(),
                consumer: req.consumer.clone(),
            });
            if self.state != GroupState::PreparingRebalance {
                self.prepare_rebalance(now, format!("member {id} rejoined"), out);
            }
            id
        } else {
            self.next_member += 1;
            // Kafka's member ids are `<client.id>-<UUID>`; a counter keeps the order, and
            // so every assignor's result, reproducible.
            let id: Arc<str> = Arc::from(format!("{}-{}", req.consumer, self.next_member).as_str());
            let first = self.members.is_empty();
            self.members.push(Member {
                member_id: id.clone(),
                consumer: req.consumer.clone(),
                group_instance_id: req.group_instance_id.cloned(),
                topics: req.topics.to_vec(),
                strategies: req.strategies.to_vec(),
                owned: VecSet::new(),
                owned_generation: -1,
                joined: false,
                join_answered: false,
                synced: false,
                last_heartbeat_ms: now,
                session_timeout_ms: req.session_timeout_ms,
                rebalance_timeout_ms: req.rebalance_timeout_ms,
                assignment: VecSet::new(),
            });
            // ClassicGroup#add: the first member ever added leads.
            if first || self.leader.is_none() {
                self.leader = Some(id.clone());
            }
            out.push(Event::MemberJoined {
                group: self.id.clone(),
                member_id: id.clone(),
                consumer: req.consumer.clone(),
            });
            if self.state != GroupState::PreparingRebalance {
                self.prepare_rebalance(now, format!("member {id} joined"), out);
            }
            id
        };
        self.member_mut(&member_id).expect("member").joined = true;
        Joined::Waiting(member_id)
    }

    /// `completeClassicGroupJoin`: the barrier is down (everyone joined, or the rebalance
    /// timeout passed). Dynamic members that did not rejoin are removed; static ones stay
    /// (KIP-345). Generation+1, the leader is kept if it rejoined (else the first member
    /// that did), every JoinGroup is answered.
    pub(crate) fn complete_join(&mut self, now: i64, out: &mut Vec<Event>) {
        let late: Vec<Arc<str>> = self
            .members
            .iter()
            .filter(|m| !m.joined && m.group_instance_id.is_none())
            .map(|m| m.member_id.clone())
            .collect();
        for id in late {
            self.drop_member(&id, "did not rejoin within the rebalance timeout", out);
        }
        self.generation += 1;
        if self.members.is_empty() {
            self.leader = None;
            self.protocol = None;
            self.set_state(GroupState::Empty, out);
            return;
        }
        if !self
            .leader
            .as_ref()
            .is_some_and(|l| self.member(l).is_some_and(|m| m.joined))
        {
            // Kafka takes the first rejoined member in HashMap order; join order here.
            self.leader = self
                .members
                .iter()
                .find(|m| m.joined)
                .or(self.members.first())
                .map(|m| m.member_id.clone());
        }
        // The group protocol: the leader's first assignor every member supports
        // (ClassicGroup#selectProtocol votes; with one configuration they agree).
        let leader = self.leader.clone().expect("set above");
        let leader_strategies = self.member(&leader).expect("member").strategies.clone();
        let protocol = leader_strategies
            .iter()
            .copied()
            .find(|s| self.members.iter().all(|m| m.strategies.contains(s)))
            .unwrap_or(leader_strategies[0]);
        self.protocol = Some(protocol);
        for m in &mut self.members {
            m.joined = false;
            m.join_answered = true;
            m.synced = false;
            // Each member must now heartbeat or sync within its session timeout.
            m.last_heartbeat_ms = now;
        }
        out.push(Event::JoinCompleted {
            group: self.id.clone(),
            generation: self.generation,
            protocol: protocol.name(),
            leader: leader.clone(),
            members: self.members.iter().map(|m| m.member_id.clone()).collect(),
        });
        self.set_state(GroupState::CompletingRebalance, out);
    }

    /// The leader's SyncGroup with the assignment it computed: every parked SyncGroup is
    /// answered and the group is Stable (`setAndPropagateAssignment`).
    pub(crate) fn sync_leader(
        &mut self,
        assignment: VecMap<Arc<str>, VecSet<TopicPartition>>,
        out: &mut Vec<Event>,
    ) {
        for m in &mut self.members {
            m.assignment = assignment.get(&m.member_id).cloned().unwrap_or_default();
        }
        out.push(Event::RebalanceCompleted {
            group: self.id.clone(),
            generation: self.generation,
            protocol: self.protocol.map_or("-", |p| p.name()),
            leader: self.leader.clone().unwrap_or_else(|| Arc::from("")),
            assignment: self
                .members
                .iter()
                .map(|m| (m.member_id.clone(), m.assignment.iter().cloned().collect()))
                .collect(),
        });
        self.set_state(GroupState::Stable, out);
    }

    /// Removes a member; the group rebalances, or completes a waiting join, or (the last
    /// member gone) goes through PreparingRebalance to Empty with generation+1
    /// (`GroupMetadataManager#removeMemberAndUpdateClassicGroup`).
    pub(crate) fn remove_member(
        &mut self,
        member_id: &str,
        reason: &str,
        now: i64,
        out: &mut Vec<Event>,
    ) {
        if !self.drop_member(member_id, reason, out) {
            return;
        }
        match self.state {
            GroupState::Stable | GroupState::CompletingRebalance => {
                self.prepare_rebalance(now, format!("member {member_id} left: {reason}"), out);
                if self.all_joined() {
                    self.complete_join(now, out);
                }
            }
            GroupState::PreparingRebalance if self.all_joined() => self.complete_join(now, out),
            _ => {}
        }
    }

    fn drop_member(&mut self, member_id: &str, reason: &str, out: &mut Vec<Event>) -> bool {
        let Some(i) = self.members.iter().position(|m| &*m.member_id == member_id) else {
            return false;
        };
        let m = self.members.remove(i);
        if self.leader.as_deref() == Some(member_id) {
            // ClassicGroup#remove: the next member in the map leads.
            self.leader = self.members.first().map(|m| m.member_id.clone());
        }
        out.push(Event::MemberRemoved {
            group: self.id.clone(),
            member_id: m.member_id,
            consumer: m.consumer,
            reason: reason.to_string(),
        });
        true
    }

    /// Checks the barrier after a join, and the rebalance timeout.
    pub(crate) fn maybe_complete_join(&mut self, now: i64, out: &mut Vec<Event>) {
        if self.state != GroupState::PreparingRebalance {
            return;
        }
        let timed_out = now - self.rebalance_started_ms >= self.rebalance_timeout_ms;
        if self.all_joined() {
            self.complete_join(now, out);
        } else if timed_out {
            if self.members.iter().any(|m| m.joined) {
                self.complete_join(now, out);
            } else {
                // Nobody rejoined: wait another rebalance timeout.
                self.rebalance_started_ms = now;
            }
        }
    }

    /// `kafka-consumer-groups --describe`: a row per partition that has a committed
    /// offset or an owner. The 4.x coordinator's DescribeGroups gives every member the
    /// assignment it holds (`ClassicGroupMember#describeNoMetadata`) in every state: the
    /// last SyncGroup's, until the leader's next one replaces it, so during a rebalance
    /// the old owners are still listed (found by the cross-check; Kafka 3.x's coordinator
    /// hid them outside Stable).
    pub fn describe(&self, cluster: &Cluster) -> Vec<DescribeRow> {
        if let Some(m) = &self.modern {
            return m.describe(self, cluster);
        }
        let mut tps: VecSet<TopicPartition> = set_of(self.committed.keys().cloned());
        let members: &[Member] = &self.members;
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

    /// The client ids of its members, as DescribeGroups lists them.
    pub fn member_clients(&self) -> Vec<Arc<str>> {
        match &self.modern {
            Some(m) => m.members.iter().map(|m| m.consumer.clone()).collect(),
            None => self.members.iter().map(|m| m.consumer.clone()).collect(),
        }
    }

    /// The consumer behind a member id.
    pub fn consumer_of(&self, member_id: &str) -> Option<Arc<str>> {
        match &self.modern {
            Some(m) => m.member(member_id).map(|m| m.consumer.clone()),
            None => self.member(member_id).map(|m| m.consumer.clone()),
        }
    }

    /// The assignor in use: the classic group's protocol, or the consumer group's
    /// server-side assignor (`ASSIGNMENT-STRATEGY` in `--describe --state`).
    pub fn assignor_name(&self) -> Option<&'static str> {
        match &self.modern {
            Some(m) => Some(m.assignor.name()),
            None => self.protocol.map(Strategy::name),
        }
    }

    /// How far the group's readers are behind, per partition of the topics its members
    /// subscribe to: the end offset (the high watermark, or the last stable offset under
    /// read_committed) minus the position of the running consumer that owns the
    /// partition (the client's `records-lag` metric), or, for a partition nobody reads,
    /// minus the committed offset its next owner starts from; `None` with neither.
    pub fn read_lag(&self, cluster: &Cluster) -> Vec<(Arc<str>, u32, Option<i64>)> {
        let mut topics: VecSet<Arc<str>> = VecSet::new();
        let mut readers = Vec::new();
        for c in cluster.consumers() {
            if *c.config.group_id == *self.id {
                topics.extend(c.subscription.iter().cloned());
                if c.liveness == crate::consumer::Liveness::Running {
                    readers.push(c);
                }
            }
        }
        let mut out = Vec::new();
        for t in topics {
            let Some(topic) = cluster.topic(&t) else {
                continue;
            };
            for p in &topic.partitions {
                let tp: TopicPartition = (t.clone(), p.id);
                let reader = readers.iter().find(|c| c.owned.contains(&tp));
                let end = |read_committed: bool| {
                    if read_committed {
                        p.log().last_stable_offset()
                    } else {
                        p.log().high_watermark()
                    }
                };
                let lag = match reader.and_then(|c| c.positions.get(&tp).map(|o| (c, *o))) {
                    Some((c, position)) => Some(end(c.config.read_committed) - position),
                    None => self.committed.get(&tp).map(|o| end(false) - o),
                };
                out.push((t.clone(), p.id, lag));
            }
        }
        out
    }

    /// The sum of LAG over the group's partitions.
    pub fn total_lag(&self, cluster: &Cluster) -> i64 {
        self.describe(cluster).iter().filter_map(|r| r.lag).sum()
    }
}

/// The group's offsets as a map for views and goals.
pub fn committed_offset(group: &Group, topic: &str, partition: u32) -> Option<i64> {
    group.committed.get(&(Arc::from(topic), partition)).copied()
}

impl Cluster {
    /// OffsetCommit from the admin client (`alterConsumerGroupOffsets`, as
    /// `kafka-consumer-groups --reset-offsets --execute` sends it): a group without
    /// members takes the offsets; a missing one is created with them.
    pub(crate) fn alter_group_offsets(&mut self, id: &str, offsets: &[(Arc<str>, u32, i64)]) {
        let g = self
            .groups
            .entry(Arc::from(id))
            .or_insert_with(|| Group::new(id));
        for (t, p, o) in offsets {
            g.committed.insert((t.clone(), *p), *o);
        }
    }

    /// DeleteGroups (`GroupCoordinatorShard#deleteGroups`): an Empty group and its
    /// committed offsets go; the tool checks the state first.
    pub(crate) fn delete_group(&mut self, id: &str) -> bool {
        match self.groups.get(id) {
            Some(g) if g.state == GroupState::Empty => self.groups.remove(id).is_some(),
            _ => false,
        }
    }

    /// Every consumer group by id.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.values()
    }

    /// One group.
    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.get(id)
    }
}
