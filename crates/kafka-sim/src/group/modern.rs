//! The consumer group protocol (KIP-848, `group.protocol=consumer`), broker side: the
//! group coordinator's `ConsumerGroup` and the steps of its heartbeat
//! (`GroupMetadataManager#consumerGroupHeartbeat`, `CurrentAssignmentBuilder`,
//! `TargetAssignmentBuilder`), Kafka 4.x. The member's side is `consumer/membership.rs`.
//!
//! ```text
//!  heartbeat ─► subscription changed? group epoch+1 ─► target assignment behind the group
//!     epoch (and group.consumer.assignment.interval.ms passed)? the server-side assignor
//!     computes the next one ─► this member moves one step toward its target:
//!       keeps what stays; must revoke what moves away (its epoch waits for its ack);
//!       gets what is free (a partition another member still holds is withheld)
//! ```
//!
//! There is no join barrier, no leader and no SyncGroup: each member moves on its own epoch.

use crate::collections::{VecMap, VecSet};
use std::sync::Arc;

pub use crate::assignor::server::ServerAssignor;
use crate::assignor::server::{
    compute_target_assignment, ConsumerMember, MemberAssignment, TimelineOrder, TopicsImage, Uuid,
};
use crate::cluster::Cluster;
use crate::consumer::{lag, TopicPartition};
use crate::group::{DescribeRow, Group, GroupState};
use crate::sort::set_of;

/// `group.consumer.session.timeout.ms` (broker, default 45000).
pub const SESSION_TIMEOUT_MS: i64 = 45_000;
/// `group.consumer.heartbeat.interval.ms` (broker, default 5000).
pub const HEARTBEAT_INTERVAL_MS: i64 = 5_000;
/// `group.consumer.assignment.interval.ms` (broker, default 1000): a new target
/// assignment is computed at most this often.
pub const ASSIGNMENT_INTERVAL_MS: i64 = 1_000;

/// Epoch a member sends to leave (`LEAVE_GROUP_MEMBER_EPOCH`).
pub const LEAVE_EPOCH: i32 = -1;
/// Epoch a static member sends to leave but keep its place (`LEAVE_GROUP_STATIC_MEMBER_EPOCH`).
pub const STATIC_LEAVE_EPOCH: i32 = -2;

/// `MemberState` of the broker's `ConsumerGroupMember`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ReconcileState {
    /// At its target, or with nothing it can take yet.
    Stable,
    /// Must revoke partitions first (its epoch waits).
    UnrevokedPartitions,
    /// At the new epoch, waiting for partitions others still hold.
    UnreleasedPartitions,
}

/// A member as the coordinator sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModernMember {
    /// Its member id (a Uuid, chosen by the client).
    pub member_id: Arc<str>,
    /// The consumer behind it (client.id).
    pub consumer: Arc<str>,
    /// `group.instance.id`.
    pub instance_id: Option<String>,
    /// Subscribed topics.
    pub topics: Vec<Arc<str>>,
    /// `group.remote.assignor`, if it named one.
    pub server_assignor: Option<String>,
    /// Its `max.poll.interval.ms`: the time it has to revoke.
    pub rebalance_timeout_ms: i64,
    /// Member epoch (−2 for a static member that left and keeps its place).
    pub epoch: i32,
    /// The epoch before the last change.
    pub previous_epoch: i32,
    /// Where it stands.
    pub state: ReconcileState,
    /// Partitions it has, each with the epoch it got it in.
    pub assigned: VecMap<TopicPartition, i32>,
    /// Partitions it must give up, with their epochs.
    pub pending_revocation: VecMap<TopicPartition, i32>,
    /// Last heartbeat received.
    pub last_heartbeat_ms: i64,
    /// It must revoke by then, or be fenced (the rebalance timeout).
    pub revoke_by_ms: Option<i64>,
}

/// The consumer protocol's part of a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModernGroup {
    /// The group epoch: bumped by joins, leaves and subscription or metadata changes.
    /// A new group starts at 1 (`ModernGroup`), so its first member gets epoch 2.
    pub epoch: i32,
    /// The epoch the target assignment was computed for.
    pub assignment_epoch: i32,
    /// When it was computed (`None`: never).
    pub assignment_ms: Option<i64>,
    /// The target assignment per member id.
    pub target: VecMap<Arc<str>, VecSet<TopicPartition>>,
    /// The same, as the coordinator's records hold it (their order feeds the next
    /// computation).
    target_records: VecMap<Arc<str>, MemberAssignment>,
    /// The key order of the coordinator's `members` map (a `TimelineHashMap`), which is the
    /// order the assignor sees the members in.
    order: TimelineOrder,
    /// Members, in the order they joined.
    pub members: Vec<ModernMember>,
    /// The partition counts of the subscribed topics when the group epoch last moved
    /// (the metadata hash).
    pub metadata: VecMap<Arc<str>, u32>,
    /// The assignor the group uses.
    pub assignor: ServerAssignor,
}

/// A ConsumerGroupHeartbeat.
#[derive(Debug, Clone)]
pub(crate) struct Heartbeat<'a> {
    pub member_id: &'a Arc<str>,
    pub consumer: &'a Arc<str>,
    pub epoch: i32,
    pub instance_id: Option<&'a String>,
    pub topics: &'a [Arc<str>],
    pub server_assignor: Option<&'a String>,
    pub rebalance_timeout_ms: i64,
    /// The partitions the member owns, sent only with an acknowledgement (a regular
    /// heartbeat carries null: "may still own the revoked partitions").
    pub owned: Option<&'a VecSet<TopicPartition>>,
}

/// The heartbeat's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum HeartbeatAnswer {
    /// The member's epoch and, when it changed, its full assignment (without what is
    /// pending revocation).
    Ok {
        epoch: i32,
        assignment: Option<VecSet<TopicPartition>>,
    },
    /// UNKNOWN_MEMBER_ID or FENCED_MEMBER_EPOCH: the member must rejoin with epoch 0.
    Fenced,
    /// UNSUPPORTED_ASSIGNOR, with the broker's message (fatal for the member).
    UnsupportedAssignor(String),
    /// UNRELEASED_INSTANCE_ID (fatal for the member).
    UnreleasedInstanceId(String),
}

impl ModernGroup {
    pub(crate) fn new() -> Self {
        Self {
            epoch: 1,
            assignment_epoch: 1,
            assignment_ms: None,
            target: VecMap::new(),
            target_records: VecMap::new(),
            order: TimelineOrder::new(),
            members: Vec::new(),
            metadata: VecMap::new(),
            assignor: ServerAssignor::Uniform,
        }
    }

    /// The member with this id.
    pub fn member(&self, id: &str) -> Option<&ModernMember> {
        self.members.iter().find(|m| &*m.member_id == id)
    }

    /// `ConsumerGroup#maybeUpdateGroupState`.
    pub fn state(&self) -> GroupState {
        if self.members.is_empty() {
            GroupState::Empty
        } else if self.epoch > self.assignment_epoch {
            GroupState::Assigning
        } else if self
            .members
            .iter()
            .any(|m| !(m.state == ReconcileState::Stable && m.epoch == self.assignment_epoch))
        {
            GroupState::Reconciling
        } else {
            GroupState::Stable
        }
    }

    /// The epoch of whoever holds `tp` (assigned or pending revocation), other than
    /// `except` (`ConsumerGroup#currentPartitionEpoch`).
    fn held_by_other(&self, tp: &TopicPartition, except: &str) -> bool {
        self.members.iter().any(|m| {
            &*m.member_id != except
                && (m.assigned.contains_key(tp) || m.pending_revocation.contains_key(tp))
        })
    }

    /// The assignor the members ask for most (`ConsumerGroup#computePreferredServerAssignor`),
    /// uniform by default.
    fn preferred_assignor(&self) -> ServerAssignor {
        let range = self
            .members
            .iter()
            .filter(|m| m.server_assignor.as_deref() == Some("range"))
            .count();
        let uniform = self
            .members
            .iter()
            .filter(|m| m.server_assignor.as_deref() == Some("uniform"))
            .count();
        if range > uniform {
            ServerAssignor::Range
        } else {
            ServerAssignor::Uniform
        }
    }

    /// Runs the server-side assignor over every member (`TargetAssignmentBuilder#build`):
    /// the members in the order of the coordinator's map, `newcomer` (this heartbeat's new
    /// member, not in the map yet) last.
    fn compute_target(
        &mut self,
        partitions: &VecMap<Arc<str>, u32>,
        newcomer: Option<&Arc<str>>,
        now: i64,
    ) {
        self.assignor = self.preferred_assignor();
        let spec = |m: &ModernMember| ConsumerMember {
            member_id: m.member_id.to_string(),
            instance_id: m.instance_id.clone(),
            subscribed_topic_names: m.topics.iter().map(|t| t.to_string()).collect(),
            target: self.target_records.get(&m.member_id).cloned(),
        };
        let mut specs: Vec<ConsumerMember> = self
            .order
            .iter()
            .filter_map(|id| self.member(id))
            .map(spec)
            .collect();
        if let Some(m) = newcomer.and_then(|id| self.member(id)) {
            specs.push(spec(m));
        }
        let mut image = TopicsImage::new();
        for (name, n) in partitions {
            image.add_topic(topic_id(name), name.to_string(), *n);
        }
        let Ok(computed) = compute_target_assignment(self.assignor, &specs, &image) else {
            // The assignor failed (UNKNOWN_SERVER_ERROR for the heartbeat): nothing moves.
            return;
        };
        self.target_records = computed
            .targets
            .into_iter()
            .map(|(id, a)| (Arc::from(id.as_str()), a))
            .collect();
        self.target = self
            .target_records
            .iter()
            .map(|(id, a)| {
                let set: VecSet<TopicPartition> = a
                    .topics()
                    .iter()
                    .filter_map(|(t, ps)| image.name_of(*t).map(|n| (n.to_string(), ps)))
                    .flat_map(|(name, ps)| {
                        let name: Arc<str> = Arc::from(name.as_str());
                        ps.iter().map(move |p| (name.clone(), *p))
                    })
                    .collect();
                (id.clone(), set)
            })
            .collect();
        self.assignment_epoch = self.epoch;
        self.assignment_ms = Some(now);
    }

    /// The partition counts of the topics the members subscribe to.
    fn subscribed_metadata(&self, partitions: &VecMap<Arc<str>, u32>) -> VecMap<Arc<str>, u32> {
        self.members
            .iter()
            .flat_map(|m| m.topics.iter())
            .filter_map(|t| partitions.get(t).map(|n| (t.clone(), *n)))
            .collect()
    }

    /// One heartbeat (`GroupMetadataManager#consumerGroupHeartbeat`), at `now`.
    pub(crate) fn heartbeat(
        &mut self,
        hb: Heartbeat<'_>,
        partitions: &VecMap<Arc<str>, u32>,
        now: i64,
    ) -> HeartbeatAnswer {
        if let Some(name) = hb.server_assignor {
            if name != "uniform" && name != "range" {
                // GroupCoordinatorService#throwIfConsumerGroupHeartbeatRequestIsInvalid.
                return HeartbeatAnswer::UnsupportedAssignor(format!(
                    "ServerAssignor {name} is not supported. Supported assignors: uniform, range."
                ));
            }
        }
        if hb.epoch == LEAVE_EPOCH || hb.epoch == STATIC_LEAVE_EPOCH {
            self.leave(hb.member_id, hb.epoch);
            return HeartbeatAnswer::Ok {
                epoch: hb.epoch,
                assignment: None,
            };
        }
        // Step 2: the member, new or known.
        let known = self
            .members
            .iter()
            .position(|m| m.member_id == *hb.member_id);
        let index = match known {
            Some(i) => {
                let m = &self.members[i];
                let owned_ok = hb
                    .owned
                    .is_some_and(|o| o.iter().all(|tp| m.assigned.contains_key(tp)));
                if hb.epoch != 0
                    && (hb.epoch > m.epoch
                        || (hb.epoch < m.epoch && !(hb.epoch == m.previous_epoch && owned_ok)))
                {
                    return HeartbeatAnswer::Fenced;
                }
                i
            }
            None if hb.epoch != 0 => return HeartbeatAnswer::Fenced,
            None => {
                // A static member coming back takes the place it kept (epoch −2), with
                // its assignment and no epoch bump; one still active keeps it.
                let returning = hb.instance_id.and_then(|iid| {
                    self.members
                        .iter()
                        .position(|m| m.instance_id.as_ref() == Some(iid))
                });
                match returning {
                    Some(i) if self.members[i].epoch != STATIC_LEAVE_EPOCH => {
                        let old = &self.members[i];
                        return HeartbeatAnswer::UnreleasedInstanceId(format!(
                            "Static member {} with instance id {} cannot join the group because the instance id is owned by {} member.",
                            hb.member_id,
                            hb.instance_id.expect("matched"),
                            old.member_id
                        ));
                    }
                    Some(i) => {
                        let old_id = self.members[i].member_id.clone();
                        let m = &mut self.members[i];
                        m.member_id = hb.member_id.clone();
                        m.consumer = hb.consumer.clone();
                        m.epoch = 0;
                        if let Some(t) = self.target.remove(&old_id) {
                            self.target.insert(hb.member_id.clone(), t);
                        }
                        if let Some(t) = self.target_records.remove(&old_id) {
                            self.target_records.insert(hb.member_id.clone(), t);
                        }
                        self.order.remove(&old_id);
                        i
                    }
                    None => {
                        self.members.push(ModernMember {
                            member_id: hb.member_id.clone(),
                            consumer: hb.consumer.clone(),
                            instance_id: hb.instance_id.cloned(),
                            topics: Vec::new(),
                            server_assignor: None,
                            rebalance_timeout_ms: hb.rebalance_timeout_ms,
                            epoch: 0,
                            previous_epoch: -1,
                            state: ReconcileState::Stable,
                            assigned: VecMap::new(),
                            pending_revocation: VecMap::new(),
                            last_heartbeat_ms: now,
                            revoke_by_ms: None,
                        });
                        self.members.len() - 1
                    }
                }
            }
        };
        // Step 3: the request's fields.
        let m = &mut self.members[index];
        let subscription_changed = m.topics != hb.topics;
        m.topics = hb.topics.to_vec();
        m.server_assignor = hb.server_assignor.cloned();
        m.rebalance_timeout_ms = hb.rebalance_timeout_ms;
        m.last_heartbeat_ms = now;
        // Step 4: the group epoch moves with subscriptions and topic metadata.
        let metadata = self.subscribed_metadata(partitions);
        if subscription_changed || metadata != self.metadata {
            self.epoch += 1;
            self.metadata = metadata;
        }
        // Step 5: a new target assignment, if one is due and the interval allows.
        let due = self.assignment_epoch < self.epoch
            && self
                .assignment_ms
                .is_none_or(|t| now >= t + ASSIGNMENT_INTERVAL_MS);
        let newcomer = (!self.order.contains(hb.member_id)).then(|| hb.member_id.clone());
        if due {
            self.compute_target(partitions, newcomer.as_ref(), now);
        }
        if newcomer.is_some() {
            self.order.put(hb.member_id);
        }
        // Step 6: one step toward the target (CurrentAssignmentBuilder).
        let before = self.members[index].assigned.clone();
        let m = &self.members[index];
        if subscription_changed
            || !(m.state == ReconcileState::Stable && m.epoch == self.assignment_epoch)
        {
            self.reconcile(index, hb.owned, subscription_changed, now);
        }
        let m = &self.members[index];
        let changed = m.assigned != before;
        HeartbeatAnswer::Ok {
            epoch: m.epoch,
            assignment: (hb.epoch == 0 || changed).then(|| m.assigned.keys().cloned().collect()),
        }
    }

    /// `CurrentAssignmentBuilder#build` for member `index`.
    fn reconcile(
        &mut self,
        index: usize,
        owned: Option<&VecSet<TopicPartition>>,
        subscription_changed: bool,
        now: i64,
    ) {
        let target_epoch = self.assignment_epoch;
        let member_id = self.members[index].member_id.clone();
        let target = self.target.get(&member_id).cloned().unwrap_or_default();
        // `owned == null` counts as still owning everything it was asked to revoke.
        let owns_any = |set: &VecMap<TopicPartition, i32>| match owned {
            None => !set.is_empty(),
            Some(o) => set.keys().any(|tp| o.contains(tp)),
        };
        let m = &self.members[index];
        let next = match m.state {
            ReconcileState::Stable if m.epoch != target_epoch => true,
            ReconcileState::Stable => subscription_changed,
            ReconcileState::UnrevokedPartitions => !owns_any(&m.pending_revocation),
            ReconcileState::UnreleasedPartitions => true,
        };
        if !next {
            return;
        }
        let subscribed = |tp: &TopicPartition| m.topics.contains(&tp.0);
        let tgt: VecSet<TopicPartition> = target.into_iter().filter(subscribed).collect();
        let keep: VecMap<TopicPartition, i32> = m
            .assigned
            .iter()
            .filter(|(tp, _)| tgt.contains(*tp))
            .map(|(tp, e)| (tp.clone(), *e))
            .collect();
        let revoke: VecMap<TopicPartition, i32> = m
            .assigned
            .iter()
            .filter(|(tp, _)| !keep.contains_key(*tp))
            .map(|(tp, e)| (tp.clone(), *e))
            .collect();
        let mut unreleased = false;
        let mut pending = Vec::new();
        for tp in tgt.iter().filter(|tp| !keep.contains_key(*tp)) {
            if self.held_by_other(tp, &member_id) && !m.pending_revocation.contains_key(tp) {
                unreleased = true;
            } else {
                pending.push(tp.clone());
            }
        }
        let epoch = m.epoch;
        let m = &mut self.members[index];
        if !revoke.is_empty() && owns_any(&revoke) {
            m.state = ReconcileState::UnrevokedPartitions;
            m.assigned = keep;
            m.pending_revocation = revoke;
            m.revoke_by_ms = Some(now + m.rebalance_timeout_ms);
        } else {
            m.previous_epoch = epoch;
            m.epoch = target_epoch;
            let mut assigned = keep;
            for tp in pending {
                assigned.insert(tp, target_epoch);
            }
            m.assigned = assigned;
            m.pending_revocation.clear();
            m.state = if unreleased {
                ReconcileState::UnreleasedPartitions
            } else {
                ReconcileState::Stable
            };
            m.revoke_by_ms = None;
        }
    }

    /// Leave (`consumerGroupLeave`): epoch −1 removes the member, frees its partitions
    /// and bumps the group epoch (the target waits for the next heartbeat); −2 keeps a
    /// static member's place and partitions until its session runs out.
    pub(crate) fn leave(&mut self, member_id: &str, epoch: i32) {
        let Some(i) = self.members.iter().position(|m| &*m.member_id == member_id) else {
            return;
        };
        if epoch == STATIC_LEAVE_EPOCH {
            let m = &mut self.members[i];
            m.epoch = STATIC_LEAVE_EPOCH;
            m.pending_revocation.clear();
            for e in m.assigned.values_mut() {
                *e = 0;
            }
            m.revoke_by_ms = None;
            return;
        }
        self.fence(i);
    }

    /// Removes member `i` (`consumerGroupFenceMembers`).
    fn fence(&mut self, i: usize) {
        let m = self.members.remove(i);
        self.target.remove(&m.member_id);
        self.target_records.remove(&m.member_id);
        self.order.remove(&m.member_id);
        self.epoch += 1;
    }

    /// Session expiry and the rebalance timeout at `now`: the members fenced, by
    /// consumer.
    pub(crate) fn expire(
        &mut self,
        now: i64,
        heartbeating: &dyn Fn(&ModernMember) -> bool,
    ) -> Vec<(Arc<str>, Arc<str>, String)> {
        let mut fenced = Vec::new();
        loop {
            let due = self.members.iter().position(|m| {
                (!heartbeating(m) && now >= m.last_heartbeat_ms + SESSION_TIMEOUT_MS)
                    || m.revoke_by_ms.is_some_and(|t| now >= t)
            });
            let Some(i) = due else { break };
            let m = &self.members[i];
            let reason = if m.revoke_by_ms.is_some_and(|t| now >= t) {
                format!(
                    "it did not revoke within its rebalance timeout ({} ms)",
                    m.rebalance_timeout_ms
                )
            } else {
                format!("group.consumer.session.timeout.ms={SESSION_TIMEOUT_MS} passed without a heartbeat")
            };
            fenced.push((m.member_id.clone(), m.consumer.clone(), reason));
            self.fence(i);
        }
        fenced
    }

    /// The next instant one of this group's timers fires after `now`.
    pub(crate) fn next_timer(
        &self,
        now: i64,
        heartbeating: &dyn Fn(&ModernMember) -> bool,
    ) -> Option<i64> {
        let mut times: Vec<i64> = Vec::new();
        for m in &self.members {
            if !heartbeating(m) {
                times.push(m.last_heartbeat_ms + SESSION_TIMEOUT_MS);
            }
            if let Some(t) = m.revoke_by_ms {
                times.push(t);
            }
        }
        if self.assignment_epoch < self.epoch {
            if let Some(t) = self.assignment_ms {
                times.push(t + ASSIGNMENT_INTERVAL_MS);
            }
        }
        times.into_iter().filter(|t| *t > now).min()
    }

    /// `kafka-consumer-groups --describe` for a consumer group: owners are shown in
    /// every state, each member's assignment being what it has plus what it is still
    /// revoking (`ConsumerGroupMember#asConsumerGroupDescribeMember`).
    pub(crate) fn describe(&self, group: &Group, cluster: &Cluster) -> Vec<DescribeRow> {
        let mut owner: VecMap<TopicPartition, Arc<str>> = VecMap::new();
        for m in &self.members {
            for tp in m.assigned.keys().chain(m.pending_revocation.keys()) {
                owner.insert(tp.clone(), m.member_id.clone());
            }
        }
        let mut tps: VecSet<TopicPartition> = set_of(group.committed.keys().cloned());
        tps.extend(owner.keys().cloned());
        tps.into_iter()
            .map(|tp| {
                let hw = cluster.log(&tp.0, tp.1).map_or(0, |l| l.high_watermark());
                let committed = group.committed.get(&tp).copied();
                DescribeRow {
                    consumer_id: owner.get(&tp).cloned(),
                    topic: tp.0,
                    partition: tp.1,
                    current_offset: committed,
                    log_end_offset: hw,
                    lag: lag(hw, committed),
                }
            })
            .collect()
    }
}

/// A topic's id. Kafka draws a random `Uuid` when the topic is created; here it is a
/// function of the name, so runs are reproducible.
fn topic_id(name: &str) -> Uuid {
    // FNV-1a over the name's bytes seeds the draw.
    let seed = name.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    Uuid::from_seed(seed)
}
