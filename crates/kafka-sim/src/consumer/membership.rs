//! The consumer's side of the consumer group protocol (KIP-848, `group.protocol=consumer`;
//! `AsyncKafkaConsumer`, `ConsumerMembershipManager`, `ConsumerHeartbeatRequestManager`,
//! Kafka 4.x): it heartbeats, receives its target assignment, and reconciles toward it in
//! its own polls.
//!
//! ```text
//!  first poll ─► join heartbeat (epoch 0) ─► assignment ─► reconcile: commit (auto-commit),
//!               revoke what left, take what came, acknowledge ─► fetch
//!  between commands ─► heartbeats: the broker moves the member one step; what it hands
//!               out is applied at the member's next poll
//! ```
//!
//! Heartbeats are continuous here (a real member sends one every
//! `group.consumer.heartbeat.interval.ms`, 5000 by default, set by the broker): news
//! reaches a member before its next call, and a partition given up by one member reaches
//! the next owner's heartbeat at once, to be applied at that owner's next poll.

use crate::collections::{VecMap, VecSet};
use std::sync::Arc;

use crate::cluster::Cluster;
use crate::consumer::{Consumer, Liveness, TopicPartition};
use crate::error::{ErrorKind, KafkaError};
use crate::event::Event;
use crate::group::modern::{
    Heartbeat, HeartbeatAnswer, ModernGroup, LEAVE_EPOCH, STATIC_LEAVE_EPOCH,
};
use crate::group::{Group, GroupState, GroupType};

/// `MemberState` of the client's `AbstractMembershipManager`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum MembershipState {
    /// Subscribed but not joined yet (the first heartbeat goes out on poll).
    Unsubscribed,
    /// It has a member epoch; reconciling toward its target, or at it.
    Member,
    /// It left after `max.poll.interval.ms` without a poll; the next poll rejoins with
    /// the same member id after giving its partitions up as lost.
    Stale,
    /// The broker fenced it (removed, or its epoch is stale): lost, then rejoin.
    Fenced,
    /// A fatal error; every poll throws it.
    Fatal,
    /// `close()` sent its leave heartbeat.
    Left,
}

/// The consumer protocol's client state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    /// Chosen once per consumer instance, kept through rejoins (a `Uuid`).
    pub member_id: Arc<str>,
    /// Where it stands.
    pub state: MembershipState,
    /// Its member epoch, from the last heartbeat answer (0 before joining).
    pub epoch: i32,
    /// The assignment the broker last sent (`None` until the first).
    pub target: Option<VecSet<TopicPartition>>,
    /// The fatal error, once there is one.
    pub fatal: Option<KafkaError>,
    /// The coordinator holds partitions for it that another member has not released yet
    /// (its member state is UNRELEASED_PARTITIONS).
    pub waiting_for_partitions: bool,
}

/// `CommitRequestManager#commitSyncExceptionForError`'s texts.
const UNKNOWN_MEMBER: &str =
    "OffsetCommit failed with unknown member ID. The coordinator is not aware of this member.";

impl Cluster {
    fn partition_counts(&self) -> VecMap<Arc<str>, u32> {
        self.topics
            .values()
            .map(|t| (t.name.clone(), t.partitions.len() as u32))
            .collect()
    }

    /// The consumer group `id`, created as a consumer-protocol group if new. A classic
    /// group of that name with members cannot take consumer-protocol members here (Kafka
    /// converts such groups online; this simulation does not model it).
    fn modern_group(&mut self, id: &str) -> Result<&mut Group, KafkaError> {
        let g = self
            .groups
            .entry(Arc::from(id))
            .or_insert_with(|| Group::new(id));
        if g.modern.is_none() {
            if !g.members.is_empty() {
                return Err(KafkaError::new(
                    ErrorKind::IllegalStateException,
                    format!("Group {id} has classic members: a group that mixes the classic and the consumer protocol is not modelled by this simulation."),
                ));
            }
            g.group_type = GroupType::Consumer;
            g.modern = Some(ModernGroup::new());
        }
        Ok(g)
    }

    /// Sends one heartbeat for `name` and applies the answer to the client.
    fn send_heartbeat(
        &mut self,
        name: &str,
        epoch: i32,
        owned: Option<&VecSet<TopicPartition>>,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let now = self.now_ms;
        let partitions = self.partition_counts();
        let c = &self.consumers[name];
        let membership = c.membership.as_ref().expect("consumer protocol");
        let member_id = membership.member_id.clone();
        let consumer = c.name.clone();
        let instance = c.config.group_instance_id.clone();
        let topics = c.subscription.clone();
        let assignor = c.config.group_remote_assignor.clone();
        let rebalance_timeout_ms = c.config.max_poll_interval_ms;
        let group_id = c.config.group_id.clone();
        let group = self.modern_group(&group_id)?;
        let before_state = group.state;
        let modern = group.modern.as_mut().expect("consumer group");
        let target_before = (modern.assignment_epoch, modern.target.clone());
        let was_member = modern.member(&member_id).is_some();
        let answer = modern.heartbeat(
            Heartbeat {
                member_id: &member_id,
                consumer: &consumer,
                epoch,
                instance_id: instance.as_ref(),
                topics: &topics,
                server_assignor: assignor.as_ref(),
                rebalance_timeout_ms,
                owned,
            },
            &partitions,
            now,
        );
        let is_member = modern.member(&member_id).is_some();
        let waiting = modern
            .member(&member_id)
            .is_some_and(|m| m.state == crate::group::modern::ReconcileState::UnreleasedPartitions);
        let group_epoch = modern.epoch;
        let target_after = (modern.assignment_epoch, modern.target.clone());
        let state = modern.state();
        group.generation = group_epoch;
        if !was_member && is_member {
            out.push(Event::MemberJoined {
                group: group.id.clone(),
                member_id: member_id.clone(),
                consumer: consumer.clone(),
            });
        }
        if target_after != target_before {
            out.push(Event::TargetAssignmentComputed {
                group: group.id.clone(),
                epoch: target_after.0,
                assignor: modern.assignor.name(),
                assignment: modern
                    .members
                    .iter()
                    .map(|m| {
                        let t = modern.target.get(&m.member_id).cloned().unwrap_or_default();
                        (m.member_id.clone(), t.into_iter().collect())
                    })
                    .collect(),
            });
        }
        set_state(group, before_state, state, out);
        let c = self.consumers.get_mut(name).expect("known");
        let m = c.membership.as_mut().expect("consumer protocol");
        m.waiting_for_partitions = waiting;
        match answer {
            HeartbeatAnswer::Ok { epoch, assignment } => {
                if epoch != m.epoch && epoch >= 0 {
                    out.push(Event::MemberEpochChanged {
                        group: Arc::from(group_id.as_str()),
                        consumer: c.name.clone(),
                        epoch,
                    });
                }
                m.epoch = epoch;
                if let Some(a) = assignment {
                    m.target = Some(a);
                }
            }
            HeartbeatAnswer::Fenced => {
                m.state = MembershipState::Fenced;
                m.epoch = 0;
            }
            HeartbeatAnswer::UnsupportedAssignor(message) => {
                let e = KafkaError::new(ErrorKind::UnsupportedAssignorException, message);
                m.state = MembershipState::Fatal;
                m.fatal = Some(e.clone());
                return Err(e);
            }
            HeartbeatAnswer::UnreleasedInstanceId(message) => {
                let e = KafkaError::new(ErrorKind::UnreleasedInstanceIdException, message);
                m.state = MembershipState::Fatal;
                m.fatal = Some(e.clone());
                return Err(e);
            }
        }
        Ok(())
    }

    /// `poll()` under the consumer protocol (`AsyncKafkaConsumer#poll`, R-M3): join if
    /// needed, reconcile as far as it can go now, auto-commit on its interval, fetch.
    pub(crate) fn modern_poll(
        &mut self,
        name: &str,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let now = self.now_ms;
        let c = self.consumers.get_mut(name).expect("checked");
        let m = c.membership.as_mut().expect("consumer protocol");
        if let Some(e) = &m.fatal {
            return Err(e.clone());
        }
        c.last_poll_ms = now;
        // Fenced or stale: give the partitions up as lost, then join again with the same
        // member id (`transitionToFenced`, `maybeRejoinStaleMember`).
        if matches!(m.state, MembershipState::Fenced | MembershipState::Stale) {
            if !c.owned.is_empty() {
                out.push(Event::PartitionsLost {
                    consumer: c.name.clone(),
                    partitions: c.owned.iter().cloned().collect(),
                });
            }
            c.owned.clear();
            c.positions.clear();
            m.target = None;
            m.state = MembershipState::Unsubscribed;
        }
        if m.state == MembershipState::Unsubscribed {
            self.send_heartbeat(name, 0, None, out)?;
            let m = self
                .consumers
                .get_mut(name)
                .expect("known")
                .membership
                .as_mut()
                .expect("set");
            if m.state == MembershipState::Unsubscribed {
                m.state = MembershipState::Member;
            }
        }
        // Reconcile: each round applies the assignment received and acknowledges it; the
        // answer may carry the next step (bounded, as one poll's loop is).
        for _ in 0..4 {
            let c = &self.consumers[name];
            let m = c.membership.as_ref().expect("set");
            let Some(target) = m.target.clone() else {
                break;
            };
            if target == c.owned || m.state != MembershipState::Member {
                break;
            }
            self.reconcile(name, target, out);
            let owned = self.consumers[name].owned.clone();
            let epoch = self.consumers[name].membership.as_ref().expect("set").epoch;
            self.send_heartbeat(name, epoch, Some(&owned), out)?;
        }
        let c = self.consumers.get_mut(name).expect("known");
        c.generation = c.membership.as_ref().map_or(-1, |m| m.epoch);
        // CommitRequestManager#updateTimerAndMaybeCommit.
        if c.config.enable_auto_commit && now >= c.next_auto_commit_ms {
            c.next_auto_commit_ms = now + c.config.auto_commit_interval_ms;
            let _ = self.modern_commit(name, None, true, out);
        }
        self.fetch_owned(name, true, out)
    }

    /// `AbstractMembershipManager#revokeAndAssign`: commit what was consumed (auto-commit),
    /// revoke what left, apply the target, `onPartitionsAssigned` (even with nothing new).
    fn reconcile(&mut self, name: &str, target: VecSet<TopicPartition>, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let c = &self.consumers[name];
        let revoked: Vec<TopicPartition> = c.owned.difference(&target).cloned().collect();
        let added: Vec<TopicPartition> = target.difference(&c.owned).cloned().collect();
        if c.config.enable_auto_commit {
            let _ = self.modern_commit(name, None, true, out);
        }
        let c = self.consumers.get_mut(name).expect("known");
        if !revoked.is_empty() {
            out.push(Event::PartitionsRevoked {
                consumer: c.name.clone(),
                partitions: revoked.clone(),
            });
            for tp in &revoked {
                c.positions.remove(tp);
            }
        }
        c.owned = target;
        c.next_auto_commit_ms = now + c.config.auto_commit_interval_ms;
        out.push(Event::PartitionsAssigned {
            consumer: c.name.clone(),
            partitions: added,
        });
    }

    /// An OffsetCommit from a consumer-protocol member, as the broker validates it
    /// (`ConsumerGroup#validateOffsetCommit`): a member's own epoch is accepted (for any
    /// partition), an unknown member is refused while the group has members.
    pub(crate) fn modern_commit(
        &mut self,
        name: &str,
        explicit: Option<&(String, u32, i64)>,
        automatic: bool,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let c = &self.consumers[name];
        let offsets: Vec<(TopicPartition, i64)> = match explicit {
            Some((t, p, o)) => vec![((Arc::from(t.as_str()), *p), *o)],
            None => c
                .owned
                .iter()
                .filter_map(|tp| c.positions.get(tp).map(|p| (tp.clone(), *p)))
                .collect(),
        };
        if offsets.is_empty() {
            return Ok(());
        }
        let member_id = c.membership.as_ref().expect("set").member_id.clone();
        let consumer = c.name.clone();
        let group_id = c.config.group_id.clone();
        let group = self.modern_group(&group_id)?;
        let modern = group.modern.as_ref().expect("consumer group");
        if modern.member(&member_id).is_none() && !modern.members.is_empty() {
            return Err(KafkaError::new(
                ErrorKind::CommitFailedException,
                UNKNOWN_MEMBER,
            ));
        }
        for (tp, o) in &offsets {
            group.committed.insert(tp.clone(), *o);
        }
        out.push(Event::OffsetsCommitted {
            group: group.id.clone(),
            consumer,
            offsets: offsets.into_iter().map(|(tp, o)| (tp.0, tp.1, o)).collect(),
            automatic,
        });
        Ok(())
    }

    /// `close()` (R-L1): auto-commit, `onPartitionsRevoked` (or lost if it had no epoch),
    /// then a leave heartbeat: epoch −1, or −2 for a static member, which keeps its place.
    pub(crate) fn modern_close(
        &mut self,
        name: &str,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let c = &self.consumers[name];
        if c.config.enable_auto_commit {
            let _ = self.modern_commit(name, None, true, out);
        }
        let c = self.consumers.get_mut(name).expect("known");
        let m = c.membership.as_ref().expect("set");
        let joined = matches!(m.state, MembershipState::Member);
        if !c.owned.is_empty() {
            let partitions: Vec<TopicPartition> = c.owned.iter().cloned().collect();
            out.push(if m.epoch > 0 {
                Event::PartitionsRevoked {
                    consumer: c.name.clone(),
                    partitions,
                }
            } else {
                Event::PartitionsLost {
                    consumer: c.name.clone(),
                    partitions,
                }
            });
        }
        c.owned.clear();
        c.positions.clear();
        let epoch = if c.config.group_instance_id.is_some() {
            STATIC_LEAVE_EPOCH
        } else {
            LEAVE_EPOCH
        };
        if joined {
            let member_id = m.member_id.clone();
            let consumer = c.name.clone();
            let group_id = c.config.group_id.clone();
            self.send_heartbeat(name, epoch, None, out)?;
            if epoch == LEAVE_EPOCH {
                out.push(Event::MemberRemoved {
                    group: Arc::from(group_id.as_str()),
                    member_id,
                    consumer,
                    reason: "the consumer closed (leave heartbeat, epoch -1)".into(),
                });
            }
        }
        let c = self.consumers.get_mut(name).expect("known");
        c.membership.as_mut().expect("set").state = MembershipState::Left;
        Ok(())
    }

    /// The heartbeats that go out between commands: every running member's regular
    /// heartbeat (no owned partitions), until nothing changes.
    pub(crate) fn modern_heartbeats(&mut self, out: &mut Vec<Event>) {
        if !self.groups.values().any(|g| g.modern.is_some()) {
            return;
        }
        for _ in 0..4 {
            let before: Vec<(Arc<str>, i32, Option<VecSet<TopicPartition>>)> = self
                .heartbeating()
                .into_iter()
                .map(|n| {
                    let m = self.consumers[&n].membership.as_ref().expect("set");
                    (n, m.epoch, m.target.clone())
                })
                .collect();
            for (name, epoch, _) in &before {
                let _ = self.send_heartbeat(name, *epoch, None, out);
            }
            let after: Vec<(Arc<str>, i32, Option<VecSet<TopicPartition>>)> = before
                .iter()
                .map(|(n, _, _)| {
                    let m = self.consumers[n].membership.as_ref().expect("set");
                    (n.clone(), m.epoch, m.target.clone())
                })
                .collect();
            if after == before {
                break;
            }
        }
    }

    /// Consumers whose background thread heartbeats: running consumer-protocol members.
    fn heartbeating(&self) -> Vec<Arc<str>> {
        self.consumers
            .values()
            .filter(|c| {
                c.liveness == Liveness::Running
                    && c.membership
                        .as_ref()
                        .is_some_and(|m| m.state == MembershipState::Member)
            })
            .map(|c| c.name.clone())
            .collect()
    }

    /// Consumer-protocol timers at `now`: the poll timer (R-L3: a leave heartbeat, then
    /// stale), session expiry and the rebalance timeout of members that stopped
    /// heartbeating, and the assignment interval.
    pub(crate) fn advance_modern(&mut self, out: &mut Vec<Event>) {
        let now = self.now_ms;
        for name in self.heartbeating() {
            let c = &self.consumers[&name];
            if now >= c.last_poll_ms + c.config.max_poll_interval_ms {
                out.push(Event::PollTimeout {
                    consumer: name.clone(),
                    max_poll_interval_ms: c.config.max_poll_interval_ms,
                });
                let epoch = if c.config.group_instance_id.is_some() {
                    STATIC_LEAVE_EPOCH
                } else {
                    LEAVE_EPOCH
                };
                let _ = self.send_heartbeat(&name, epoch, None, out);
                let m = self
                    .consumers
                    .get_mut(&name)
                    .expect("listed")
                    .membership
                    .as_mut()
                    .expect("set");
                m.state = MembershipState::Stale;
            }
        }
        let alive: VecSet<Arc<str>> = self
            .heartbeating()
            .into_iter()
            .filter_map(|n| {
                self.consumers[&n]
                    .membership
                    .as_ref()
                    .map(|m| m.member_id.clone())
            })
            .collect();
        let ids: Vec<Arc<str>> = self
            .groups
            .iter()
            .filter(|(_, g)| g.modern.is_some())
            .map(|(id, _)| id.clone())
            .collect();
        for id in ids {
            let g = self.groups.get_mut(&id).expect("listed");
            let before = g.state;
            let modern = g.modern.as_mut().expect("consumer group");
            for (member_id, consumer, reason) in
                modern.expire(now, &|m| alive.contains(&m.member_id))
            {
                out.push(Event::MemberRemoved {
                    group: id.clone(),
                    member_id,
                    consumer,
                    reason,
                });
            }
            g.generation = modern.epoch;
            let state = modern.state();
            set_state(g, before, state, out);
        }
        self.modern_heartbeats(out);
    }

    /// The instants at which consumer-protocol timers fire.
    pub(crate) fn modern_deadlines(&self) -> Vec<i64> {
        let now = self.now_ms;
        let alive: VecSet<Arc<str>> = self
            .heartbeating()
            .into_iter()
            .filter_map(|n| {
                self.consumers[&n]
                    .membership
                    .as_ref()
                    .map(|m| m.member_id.clone())
            })
            .collect();
        let mut out: Vec<i64> = self
            .heartbeating()
            .into_iter()
            .map(|n| {
                let c = &self.consumers[&n];
                c.last_poll_ms + c.config.max_poll_interval_ms
            })
            .collect();
        out.extend(
            self.groups
                .values()
                .filter_map(|g| g.modern.as_ref())
                .filter_map(|m| m.next_timer(now, &|mm| alive.contains(&mm.member_id))),
        );
        out
    }
}

/// A consumer group's state follows from its epochs; say when it changed.
fn set_state(group: &mut Group, before: GroupState, after: GroupState, out: &mut Vec<Event>) {
    if before != after {
        out.push(Event::GroupStateChanged {
            group: group.id.clone(),
            from: before,
            to: after,
            generation: group.generation,
        });
    }
    group.state = after;
}

/// A consumer-protocol consumer's client state at creation.
pub(crate) fn membership_for(consumer: &Consumer, n: u64) -> Option<Membership> {
    (consumer.config.group_protocol == crate::consumer::GroupProtocol::Consumer).then(|| {
        Membership {
            // A Uuid, as AbstractMembershipManager draws one per consumer instance.
            member_id: Arc::from(crate::assignor::server::member_id_from_seed(n).as_str()),
            state: MembershipState::Unsubscribed,
            epoch: 0,
            target: None,
            fatal: None,
            waiting_for_partitions: false,
        }
    })
}
