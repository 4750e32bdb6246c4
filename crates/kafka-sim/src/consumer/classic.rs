//! The consumer's side of the classic group protocol (`ConsumerCoordinator`,
//! `AbstractCoordinator`, `ClassicKafkaConsumer`, Kafka 4.x): what `poll`, `commit`,
//! `close` and the heartbeat thread do, on the engine's logical clock.
//!
//! ```text
//!  poll ─► heartbeat news ─► (rejoin needed?) onJoinPrepare: auto-commit, revoke (eager) or
//!          lose (after a reset) ─► JoinGroup ─► barrier down? read the answer: the leader
//!          assigns and syncs, a follower syncs ─► Stable? onJoinComplete ─► interval
//!          auto-commit ─► fetch
//! ```
//!
//! `poll` never blocks for the join (`poll(Duration)` returns at its timeout, KIP-266):
//! a member's JoinGroup answer is read only in its own next poll, so the leader assigns
//! when it polls. Heartbeats are continuous here: a member hears of a rebalance (or of
//! its removal) before its next call, where a real one hears at its next heartbeat,
//! every `heartbeat.interval.ms` (3000). Member ids are `<client.id>-<n>` instead of
//! `<client.id>-<UUID>`, so their order is reproducible.

use crate::collections::{VecMap, VecSet};
use std::sync::Arc;

use crate::assignor::{self, Subscription};
use crate::cluster::Cluster;
use crate::consumer::{
    reset_position, tp_name, Consumer, ConsumerConfig, Liveness, MemberState, TopicPartition,
};
use crate::error::{ErrorKind, KafkaError};
use crate::event::Event;
use crate::group::{is_cooperative, Group, GroupState, JoinRequest, Joined};
use crate::sort::{map_of, set_of};

/// The broker's answer to a commit from a member it no longer knows or from an old
/// generation (`Errors.UNKNOWN_MEMBER_ID` / `ILLEGAL_GENERATION` → `CommitFailedException()`).
const COMMIT_FAILED: &str = "Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member. This means that the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time message processing. You can address this either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records.";

/// The client's own refusal when it is not in a group (`sendOffsetCommitRequest`).
const NOT_IN_GROUP: &str = "Offset commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group.";

/// The client's own refusal while its JoinGroup or SyncGroup is in flight.
const REBALANCING: &str = "Offset commit cannot be completed since the consumer is undergoing a rebalance for auto partition assignment. You can try completing the rebalance by calling poll() and then retry the operation.";

/// `Errors.FENCED_INSTANCE_ID`'s text.
const FENCED_INSTANCE: &str = "The broker rejected this static consumer since another consumer with the same group.instance.id has registered with a different member.id.";

fn consumer_gone(name: &str, liveness: Liveness) -> KafkaError {
    KafkaError::new(
        ErrorKind::IllegalStateException,
        match liveness {
            Liveness::Crashed => format!("Consumer {name} has crashed: its process is gone."),
            _ => "This consumer has already been closed.".to_string(),
        },
    )
}

impl Cluster {
    /// Every consumer by name.
    pub fn consumers(&self) -> impl Iterator<Item = &Consumer> {
        self.consumers.values()
    }

    /// One consumer.
    pub fn consumer(&self, name: &str) -> Option<&Consumer> {
        self.consumers.get(name)
    }

    fn group_entry(&mut self, id: &str) -> &mut Group {
        self.groups
            .entry(Arc::from(id))
            .or_insert_with(|| Group::new(id))
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
        config.validate()?;
        let name: Arc<str> = Arc::from(name);
        out.push(Event::ConsumerCreated {
            consumer: name.clone(),
            group: Arc::from(config.group_id.as_str()),
        });
        let now = self.now_ms;
        let next_auto_commit_ms = now + config.auto_commit_interval_ms;
        self.consumers_created += 1;
        let mut consumer = Consumer {
            name: name.clone(),
            config,
            liveness: Liveness::Running,
            subscription: Vec::new(),
            member_id: None,
            state: MemberState::Unjoined,
            coordinator_generation: -1,
            generation: -1,
            rejoin_needed: false,
            fenced: false,
            owned: VecSet::new(),
            positions: VecMap::new(),
            seeked: VecSet::new(),
            last_poll_ms: now,
            // The timer starts with the consumer (ConsumerCoordinator's constructor).
            next_auto_commit_ms,
            polled: Vec::new(),
            processed: 0,
            membership: None,
        };
        consumer.membership =
            crate::consumer::membership::membership_for(&consumer, self.consumers_created);
        for n in &consumer.config.not_modelled {
            out.push(Event::ConfigNotModelled {
                client: consumer.name.clone(),
                name: Arc::from(n.as_str()),
                note: crate::client_config_names::not_modelled(
                    crate::client_config_names::CONSUMER,
                    n,
                ),
            });
        }
        self.consumers.insert(name.clone(), consumer);
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
        // The group's application may not read its own dead letter queue.
        if let Some(app) = self.app(&self.consumers[name].config.group_id) {
            let listed: Vec<&str> = topics.iter().map(String::as_str).collect();
            crate::app::dlq_not_consumed(app.errors.dlq_topic.trim(), &listed)?;
        }
        let consumer = self.consumers.get_mut(name).expect("checked");
        let topics: Vec<Arc<str>> = topics.iter().map(|t| Arc::from(t.as_str())).collect();
        // A changed subscription makes a member rejoin at its next poll
        // (ConsumerCoordinator#rejoinNeededOrPending); subscribe itself sends nothing.
        if consumer.membership.is_none()
            && consumer.member_id.is_some()
            && consumer.subscription != topics
        {
            consumer.rejoin_needed = true;
        }
        consumer.subscription = topics;
        out.push(Event::Subscribed {
            consumer: consumer.name.clone(),
            topics: consumer.subscription.clone(),
        });
        Ok(())
    }

    /// What the consumer's heartbeat thread has learned by now. It runs only while the
    /// client is COMPLETING_REBALANCE or STABLE (`HeartbeatThread#run` disables itself
    /// otherwise); heartbeats are continuous here.
    fn heartbeat(&mut self, name: &str) {
        let now = self.now_ms;
        let c = &self.consumers[name];
        if c.membership.is_some()
            || c.liveness != Liveness::Running
            || !matches!(
                c.state,
                MemberState::Stable | MemberState::CompletingRebalance
            )
        {
            return;
        }
        let Some(member_id) = c.member_id.clone() else {
            return;
        };
        let group_id = c.config.group_id.clone();
        let group = self.groups.get_mut(group_id.as_str());
        let member = group
            .as_ref()
            .and_then(|g| g.member(&member_id))
            .map(|m| (m.joined, m.synced));
        let (group_state, group_generation) = group
            .as_ref()
            .map_or((GroupState::Empty, 0), |g| (g.state, g.generation));
        let c = self.consumers.get_mut(name).expect("known");
        match member {
            // UNKNOWN_MEMBER_ID (removed), or FENCED_INSTANCE_ID (a static member whose
            // place another instance took): reset generation and member id, rejoin.
            None => {
                c.state = MemberState::Unjoined;
                c.member_id = None;
                c.coordinator_generation = -1;
                c.rejoin_needed = true;
            }
            Some((joined, synced)) => {
                if let Some(m) = group.and_then(|g| g.member_mut(&member_id)) {
                    m.last_heartbeat_ms = now;
                }
                match c.state {
                    // REBALANCE_IN_PROGRESS: rejoin at the next poll.
                    MemberState::Stable
                        if group_state == GroupState::PreparingRebalance && !joined =>
                    {
                        c.rejoin_needed = true;
                    }
                    // ILLEGAL_GENERATION: a static member carried into a generation it did
                    // not join keeps its member id and rejoins.
                    MemberState::Stable
                        if group_state != GroupState::PreparingRebalance
                            && group_generation != c.coordinator_generation =>
                    {
                        c.state = MemberState::Unjoined;
                        c.coordinator_generation = -1;
                        c.rejoin_needed = true;
                    }
                    // The heartbeat thread reads the SyncGroup answer; onJoinComplete runs
                    // in the next poll.
                    MemberState::CompletingRebalance
                        if synced
                            && group_state == GroupState::Stable
                            && group_generation == c.coordinator_generation =>
                    {
                        c.state = MemberState::Stable;
                    }
                    _ => {}
                }
            }
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
        if consumer.membership.is_some() {
            return self.modern_poll(name, out);
        }
        self.heartbeat(name);
        let c = self.consumers.get_mut(name).expect("checked");
        // Fatal: another instance holds its group.instance.id; every poll says so.
        if c.fenced {
            return Err(KafkaError::new(
                ErrorKind::FencedInstanceIdException,
                FENCED_INSTANCE,
            ));
        }
        c.last_poll_ms = now;
        let active = self.ensure_active_group(name, out);
        // ConsumerCoordinator#poll: the interval auto-commit runs only once the group is
        // joined (a poll whose join is pending returns first), and commits the positions
        // of what earlier polls returned.
        let c = &self.consumers[name];
        if active && c.config.enable_auto_commit && now >= c.next_auto_commit_ms {
            let interval = c.config.auto_commit_interval_ms;
            self.consumers
                .get_mut(name)
                .expect("known")
                .next_auto_commit_ms = now + interval;
            self.commit_positions(name, true, out);
        }
        self.fetch_owned(name, active, out)
    }

    /// `AbstractCoordinator#ensureActiveGroup` with a zero timer, as `poll` calls it:
    /// moves the join as far as it can go now. True when the member is in a stable
    /// generation with nothing pending.
    fn ensure_active_group(&mut self, name: &str, out: &mut Vec<Event>) -> bool {
        let now = self.now_ms;
        let group_id: Arc<str> = Arc::from(self.consumers[name].config.group_id.as_str());
        // joinGroupIfNeeded loops; a cooperative member that revoked rejoins at once.
        for _ in 0..4 {
            let c = &self.consumers[name];
            match c.state {
                // The heartbeat thread read the SyncGroup answer: onJoinComplete is left
                // for this poll (its generation is still the last join's).
                MemberState::Stable if c.generation != c.coordinator_generation => {
                    self.on_join_complete(name, &group_id, out);
                }
                MemberState::Stable if !c.rejoin_needed => return true,
                MemberState::Stable | MemberState::Unjoined => {
                    self.on_join_prepare(name, out);
                    self.send_join(name, &group_id, out);
                }
                MemberState::PreparingRebalance => {
                    let member_id = c.member_id.clone();
                    let group = self.group_entry(&group_id);
                    let member = member_id
                        .as_ref()
                        .and_then(|id| group.member(id))
                        .map(|m| (m.joined, m.join_answered));
                    match member {
                        // UNKNOWN_MEMBER_ID: join again as a new member (no second
                        // onJoinPrepare: it already ran).
                        None => {
                            self.consumers.get_mut(name).expect("known").member_id = None;
                            self.send_join(name, &group_id, out);
                        }
                        Some((_, true)) => self.read_join_answer(name, &group_id, out),
                        // Its JoinGroup was dropped by a new rebalance: send it again.
                        Some((false, false)) => self.send_join(name, &group_id, out),
                        Some((true, false)) => return false,
                    }
                }
                MemberState::CompletingRebalance => {
                    let group = &self.groups[&group_id];
                    let c = &self.consumers[name];
                    if group.state == GroupState::Stable
                        && group.generation == c.coordinator_generation
                    {
                        self.on_join_complete(name, &group_id, out);
                    } else if group.state == GroupState::PreparingRebalance {
                        // The parked SyncGroup failed with REBALANCE_IN_PROGRESS.
                        self.consumers.get_mut(name).expect("known").state =
                            MemberState::PreparingRebalance;
                    } else {
                        return false;
                    }
                }
            }
            let _ = now;
        }
        false
    }

    /// `ConsumerCoordinator#onJoinPrepare`: commit (auto-commit, whatever the interval,
    /// eager and cooperative alike), then give partitions up: all of them if eager,
    /// those of topics it left if cooperative, all as lost if its generation was reset.
    fn on_join_prepare(&mut self, name: &str, out: &mut Vec<Event>) {
        let c = &self.consumers[name];
        if c.state == MemberState::Stable && c.config.enable_auto_commit {
            let _ = self.commit_checked(name, None, true, out);
        }
        let c = self.consumers.get_mut(name).expect("known");
        let give_up: Vec<TopicPartition> = if c.coordinator_generation == -1 {
            let lost: Vec<TopicPartition> = c.owned.iter().cloned().collect();
            if !lost.is_empty() {
                out.push(Event::PartitionsLost {
                    consumer: c.name.clone(),
                    partitions: lost.clone(),
                });
            }
            lost
        } else {
            let revoked: Vec<TopicPartition> = if is_cooperative(&c.config.strategies) {
                c.owned
                    .iter()
                    .filter(|tp| !c.subscription.contains(&tp.0))
                    .cloned()
                    .collect()
            } else {
                c.owned.iter().cloned().collect()
            };
            if !revoked.is_empty() {
                out.push(Event::PartitionsRevoked {
                    consumer: c.name.clone(),
                    partitions: revoked.clone(),
                });
            }
            revoked
        };
        for tp in &give_up {
            c.owned.remove(tp);
            c.positions.remove(tp);
        }
    }

    /// JoinGroup. The barrier may come down at once (it was the last member to join).
    fn send_join(&mut self, name: &str, group_id: &Arc<str>, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let c = &self.consumers[name];
        let consumer = c.name.clone();
        let member_id = c.member_id.clone();
        let instance = c.config.group_instance_id.clone();
        let topics = c.subscription.clone();
        let strategies = c.config.strategies.clone();
        let owned = c.owned.clone();
        let req = JoinRequest {
            consumer: &consumer,
            member_id: member_id.as_ref(),
            group_instance_id: instance.as_ref(),
            topics: &topics,
            strategies: &strategies,
            owned: &owned,
            owned_generation: c.coordinator_generation,
            session_timeout_ms: c.config.session_timeout_ms,
            rebalance_timeout_ms: c.config.max_poll_interval_ms,
        };
        let group = self.group_entry(group_id);
        let joined = group.join(now, req, out);
        group.maybe_complete_join(now, out);
        let c = self.consumers.get_mut(name).expect("known");
        c.state = MemberState::PreparingRebalance;
        c.rejoin_needed = false;
        match joined {
            Joined::Waiting(id) => c.member_id = Some(id),
            Joined::Replaced {
                member_id,
                old_consumer,
                ..
            } => {
                c.member_id = Some(member_id);
                if old_consumer != consumer {
                    if let Some(old) = self.consumers.get_mut(&old_consumer) {
                        old.fenced = old.liveness == Liveness::Running;
                    }
                }
            }
        }
        self.members_left_behind(group_id);
    }

    /// Consumers whose member the broker just removed (say, late at the rebalance
    /// timeout) learn it at their next heartbeat; nothing to do here but keep the state
    /// consistent for members that were mid-join.
    fn members_left_behind(&mut self, group_id: &Arc<str>) {
        let Some(group) = self.groups.get(group_id) else {
            return;
        };
        let known: VecSet<Arc<str>> = set_of(group.members.iter().map(|m| m.member_id.clone()));
        for c in self.consumers.values_mut() {
            if *c.config.group_id == **group_id
                && c.state == MemberState::PreparingRebalance
                && c.member_id.as_ref().is_some_and(|id| !known.contains(id))
            {
                c.member_id = None;
            }
        }
    }

    /// The consumer reads its JoinGroup answer: the leader runs the assignor and sends
    /// the assignment in its SyncGroup; a follower sends an empty SyncGroup, answered
    /// once the leader's arrives.
    fn read_join_answer(&mut self, name: &str, group_id: &Arc<str>, out: &mut Vec<Event>) {
        let partitions: VecMap<String, u32> = map_of(
            self.topics
                .values()
                .map(|t| (t.name.to_string(), t.partitions.len() as u32)),
        );
        let member_id = self.consumers[name].member_id.clone().expect("a member");
        let group = self.groups.get_mut(group_id).expect("joined");
        let generation = group.generation;
        let leader = group.leader.as_ref() == Some(&member_id);
        let m = group.member_mut(&member_id).expect("member");
        m.join_answered = false;
        m.synced = true;
        if leader && group.state == GroupState::CompletingRebalance {
            let protocol = group.protocol.expect("chosen at the join");
            let subscriptions: VecMap<String, Subscription> =
                map_of(group.members.iter().map(|m| {
                    let mut owned: VecMap<String, Vec<u32>> = VecMap::new();
                    for (t, p) in &m.owned {
                        owned.entry(t.to_string()).or_default().push(*p);
                    }
                    (
                        m.member_id.to_string(),
                        Subscription {
                            topics: m.topics.iter().map(|t| t.to_string()).collect(),
                            group_instance_id: m.group_instance_id.clone(),
                            owned,
                            generation: Some(m.owned_generation),
                        },
                    )
                }));
            let computed =
                assignor::assign(protocol, &partitions, &subscriptions).unwrap_or_default();
            let assignment: VecMap<Arc<str>, VecSet<TopicPartition>> =
                map_of(group.members.iter().map(|m| {
                    let set = computed
                        .get(&*m.member_id)
                        .map(|topics| {
                            set_of(topics.iter().flat_map(|(t, ps)| {
                                ps.iter().map(move |p| (Arc::from(t.as_str()), *p))
                            }))
                        })
                        .unwrap_or_default();
                    (m.member_id.clone(), set)
                }));
            group.sync_leader(assignment, out);
        }
        let c = self.consumers.get_mut(name).expect("known");
        c.state = MemberState::CompletingRebalance;
        c.coordinator_generation = generation;
        // Read straight away if the group is already Stable (the leader synced first).
        let group = &self.groups[group_id];
        if group.state == GroupState::Stable && group.generation == generation {
            self.on_join_complete(name, group_id, out);
        }
    }

    /// `ConsumerCoordinator#onJoinComplete`: the new assignment. Eager members get it
    /// all; cooperative ones give up what moved away (and rejoin at once: KIP-429) and
    /// get what is new. The interval auto-commit restarts.
    fn on_join_complete(&mut self, name: &str, group_id: &Arc<str>, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let group = &self.groups[group_id];
        let member_id = self.consumers[name].member_id.clone().expect("a member");
        let new = group
            .member(&member_id)
            .map(|m| m.assignment.clone())
            .unwrap_or_default();
        let generation = group.generation;
        let c = self.consumers.get_mut(name).expect("known");
        c.state = MemberState::Stable;
        c.generation = generation;
        c.coordinator_generation = generation;
        c.next_auto_commit_ms = now + c.config.auto_commit_interval_ms;
        let revoked: Vec<TopicPartition> = c.owned.difference(&new).cloned().collect();
        let added: Vec<TopicPartition> = new.difference(&c.owned).cloned().collect();
        if !revoked.is_empty() {
            out.push(Event::PartitionsRevoked {
                consumer: c.name.clone(),
                partitions: revoked.clone(),
            });
            for tp in &revoked {
                c.owned.remove(tp);
                c.positions.remove(tp);
            }
            c.rejoin_needed = true;
        }
        c.owned.extend(added.iter().cloned());
        // onPartitionsAssigned is called even with nothing added.
        out.push(Event::PartitionsAssigned {
            consumer: c.name.clone(),
            partitions: added,
        });
    }

    /// Commits the consumer's positions for its owned partitions (auto-commit, or
    /// commitSync of the positions), as the broker accepts it. Failures of an automatic
    /// commit are only logged by the client.
    fn commit_positions(&mut self, name: &str, automatic: bool, out: &mut Vec<Event>) {
        let _ = self.commit_checked(name, None, automatic, out);
    }

    /// One OffsetCommit: the client's checks, then the broker's (`ClassicGroup#validateOffsetCommit`).
    fn commit_checked(
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
        // Nothing to commit: nothing is sent, nothing is checked.
        if offsets.is_empty() {
            return Ok(());
        }
        match c.state {
            MemberState::PreparingRebalance | MemberState::CompletingRebalance => {
                return Err(KafkaError::new(
                    ErrorKind::RebalanceInProgressException,
                    REBALANCING,
                ))
            }
            MemberState::Unjoined => {
                return Err(KafkaError::new(
                    ErrorKind::CommitFailedException,
                    NOT_IN_GROUP,
                ))
            }
            MemberState::Stable => {}
        }
        let member_id = c.member_id.clone().expect("stable members have an id");
        let generation = c.coordinator_generation;
        let consumer_name = c.name.clone();
        let group_id = c.config.group_id.clone();
        let now = self.now_ms;
        let group = self.group_entry(&group_id);
        let accepted = group.member(&member_id).is_some() && group.generation == generation;
        if !accepted {
            // UNKNOWN_MEMBER_ID or ILLEGAL_GENERATION: the client resets and rejoins.
            let c = self.consumers.get_mut(name).expect("known");
            c.state = MemberState::Unjoined;
            c.coordinator_generation = -1;
            c.rejoin_needed = true;
            return Err(KafkaError::new(
                ErrorKind::CommitFailedException,
                COMMIT_FAILED,
            ));
        }
        if let Some(m) = group.member_mut(&member_id) {
            m.last_heartbeat_ms = now;
        }
        for (tp, o) in &offsets {
            group.committed.insert(tp.clone(), *o);
        }
        out.push(Event::OffsetsCommitted {
            group: group.id.clone(),
            consumer: consumer_name,
            offsets: offsets.into_iter().map(|(tp, o)| (tp.0, tp.1, o)).collect(),
            automatic,
        });
        Ok(())
    }

    pub(crate) fn commit(
        &mut self,
        name: &str,
        explicit: Option<&(String, u32, i64)>,
        asynchronous: bool,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        self.running_consumer(name)?;
        if let Some((topic, partition, offset)) = explicit {
            if *offset < 0 {
                return Err(KafkaError::new(
                    ErrorKind::IllegalArgumentException,
                    format!("Invalid negative offset {offset}"),
                ));
            }
            if self.log(topic, *partition).is_none() {
                // The broker answers UNKNOWN_TOPIC_OR_PARTITION (KafkaApis#handleOffsetCommitRequest),
                // which the client retries (ConsumerCoordinator: "just retry") until
                // default.api.timeout.ms (60000) runs out; commitAsync's callback gets the
                // retriable error wrapped.
                let error = if asynchronous {
                    KafkaError::new(
                        ErrorKind::RetriableCommitFailedException,
                        "Offset commit failed with a retriable exception. You should retry committing the latest consumed offsets.",
                    )
                } else {
                    KafkaError::new(
                        ErrorKind::TimeoutException,
                        format!("Timeout of 60000ms expired before successfully committing offsets {{{topic}-{partition}=OffsetAndMetadata{{offset={offset}, leaderEpoch=null, metadata=''}}}}"),
                    )
                };
                return self.commit_failed(name, error, asynchronous, out);
            }
        }
        if self.consumers[name].membership.is_some() {
            return match self.modern_commit(name, explicit, false, out) {
                Ok(()) => Ok(()),
                Err(error) => self.commit_failed(name, error, asynchronous, out),
            };
        }
        self.heartbeat(name);
        if self.consumers[name].fenced {
            let error = KafkaError::new(ErrorKind::FencedInstanceIdException, FENCED_INSTANCE);
            return self.commit_failed(name, error, asynchronous, out);
        }
        match self.commit_checked(name, explicit, false, out) {
            Ok(()) => Ok(()),
            Err(error) => self.commit_failed(name, error, asynchronous, out),
        }
    }

    /// commitSync throws; commitAsync hands the error to its callback instead.
    fn commit_failed(
        &mut self,
        name: &str,
        error: KafkaError,
        asynchronous: bool,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        if asynchronous {
            out.push(Event::AsyncCommitFailed {
                consumer: self.consumers[name].name.clone(),
                error,
            });
            return Ok(());
        }
        Err(error)
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
        consumer.seeked.insert(tp.clone());
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

    /// `close()`: a synchronous auto-commit if the member is still stable (a failure is
    /// only logged), `onLeavePrepare`, then LeaveGroup, which only a dynamic member sends
    /// (`AbstractCoordinator#shouldSendLeaveGroupRequest`): a static one stays in the
    /// group until its session times out.
    pub(crate) fn close(&mut self, name: &str, out: &mut Vec<Event>) -> Result<(), KafkaError> {
        // KafkaConsumer#close on a closed consumer does nothing.
        if self
            .consumers
            .get(name)
            .is_some_and(|c| c.liveness == Liveness::Closed)
        {
            return Ok(());
        }
        self.running_consumer(name)?;
        if self.consumers[name].membership.is_some() {
            self.modern_close(name, out)?;
            let c = self.consumers.get_mut(name).expect("checked");
            c.liveness = Liveness::Closed;
            out.push(Event::ConsumerClosed {
                consumer: c.name.clone(),
            });
            return Ok(());
        }
        self.heartbeat(name);
        let c = &self.consumers[name];
        if c.config.enable_auto_commit && c.state == MemberState::Stable {
            let _ = self.commit_checked(name, None, true, out);
        }
        let now = self.now_ms;
        let c = self.consumers.get_mut(name).expect("checked");
        if !c.owned.is_empty() {
            let partitions: Vec<TopicPartition> = c.owned.iter().cloned().collect();
            let lost = c.coordinator_generation == -1 || c.state != MemberState::Stable;
            out.push(if lost {
                Event::PartitionsLost {
                    consumer: c.name.clone(),
                    partitions,
                }
            } else {
                Event::PartitionsRevoked {
                    consumer: c.name.clone(),
                    partitions,
                }
            });
        }
        c.owned.clear();
        c.positions.clear();
        c.liveness = Liveness::Closed;
        let leave = c.config.group_instance_id.is_none() && c.state != MemberState::Unjoined;
        let member_id = c.member_id.clone();
        let group_id = c.config.group_id.clone();
        let consumer = c.name.clone();
        if let (true, Some(id)) = (leave, member_id) {
            if let Some(g) = self.groups.get_mut(group_id.as_str()) {
                g.remove_member(&id, "the consumer closed (LeaveGroup)", now, out);
            }
        }
        out.push(Event::ConsumerClosed { consumer });
        Ok(())
    }

    /// Fetches for the consumer's owned partitions that have (or, when `active`, can
    /// get) a position, up to `max.poll.records`.
    pub(crate) fn fetch_owned(
        &mut self,
        name: &str,
        active: bool,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let consumer = &self.consumers[name];
        let group = self.groups.get(consumer.config.group_id.as_str());
        let mut budget = consumer.config.max_poll_records as usize;
        let mut positions = Vec::new();
        for tp in &consumer.owned {
            let Some(log) = self.log(&tp.0, tp.1) else {
                continue;
            };
            let end = if consumer.config.read_committed {
                log.last_stable_offset()
            } else {
                log.high_watermark()
            };
            let start = match consumer.positions.get(tp) {
                Some(p) => *p,
                // updateFetchPositions runs only once the group is joined: a partition
                // without a position waits for the join to complete.
                None if !active => continue,
                None => match group.and_then(|g| g.committed.get(tp)) {
                    Some(p) => *p,
                    None => reset_position(
                        consumer.config.auto_offset_reset,
                        tp,
                        log.log_start_offset(),
                        end,
                    )?,
                },
            };
            // Out of range (say, deleted by retention): auto.offset.reset applies; with
            // none, FetchCollector#handleInitializeErrors raises OFFSET_OUT_OF_RANGE to
            // the application.
            let start = if start < log.log_start_offset() || start > log.log_end_offset() {
                if consumer.config.auto_offset_reset == crate::consumer::OffsetReset::None {
                    let p = self
                        .topic(&tp.0)
                        .and_then(|t| t.partitions.get(tp.1 as usize))
                        .expect("the log is there");
                    return Err(out_of_range(tp, start, p, consumer.seeked.contains(tp)));
                }
                reset_position(
                    consumer.config.auto_offset_reset,
                    tp,
                    log.log_start_offset(),
                    end,
                )?
            } else {
                start
            };
            positions.push((tp.clone(), start));
        }
        let mut records = Vec::new();
        let mut next_positions = Vec::new();
        let mut fetched_from = Vec::new();
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
            fetched_from.push(start);
            next_positions.push((tp, next));
        }
        let consumer = self.consumers.get_mut(name).expect("checked");
        for ((tp, next), from) in next_positions.iter().zip(&fetched_from) {
            if next != from {
                consumer.seeked.remove(tp);
            }
        }
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

    /// The instants at which timers of the classic protocol fire: consumers' poll
    /// timers, the sessions of members that stopped heartbeating, rebalance timeouts.
    pub(crate) fn group_deadlines(&self) -> Vec<i64> {
        let mut out = Vec::new();
        for c in self.consumers.values() {
            if c.liveness == Liveness::Running
                && matches!(
                    c.state,
                    MemberState::Stable | MemberState::CompletingRebalance
                )
            {
                out.push(c.last_poll_ms + c.config.max_poll_interval_ms);
            }
        }
        for g in self.groups.values() {
            for m in &g.members {
                if !self.member_heartbeats(g, m) {
                    out.push(m.last_heartbeat_ms + m.session_timeout_ms);
                }
            }
            if g.state == GroupState::PreparingRebalance {
                out.push(g.rebalance_started_ms + g.rebalance_timeout_ms);
            }
        }
        out
    }

    /// `hasSatisfiedHeartbeat`: waiting in the join barrier, parked in SyncGroup, or
    /// heartbeating from a running client.
    fn member_heartbeats(&self, group: &Group, m: &crate::group::Member) -> bool {
        let alive = self.consumers.get(&m.consumer).is_some_and(|c| {
            c.liveness == Liveness::Running
                && c.member_id.as_ref() == Some(&m.member_id)
                && matches!(
                    c.state,
                    MemberState::Stable | MemberState::CompletingRebalance
                )
        });
        alive || m.joined || (m.synced && group.state == GroupState::CompletingRebalance)
    }

    /// Time passes: heartbeats, the poll timer (KIP-62: at `now >= last poll +
    /// max.poll.interval.ms`, `Timer#isExpired`), session expiry of members that stopped
    /// heartbeating, and the rebalance timeout.
    pub(crate) fn advance_groups(&mut self, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let names: Vec<Arc<str>> = self.consumers.keys().cloned().collect();
        for name in &names {
            self.heartbeat(name);
            let c = &self.consumers[name];
            let heartbeating = matches!(
                c.state,
                MemberState::Stable | MemberState::CompletingRebalance
            );
            if c.liveness == Liveness::Running
                && heartbeating
                && now - c.last_poll_ms >= c.config.max_poll_interval_ms
            {
                out.push(Event::PollTimeout {
                    consumer: name.clone(),
                    max_poll_interval_ms: c.config.max_poll_interval_ms,
                });
                // maybeLeaveGroup: only a dynamic member sends LeaveGroup. The client
                // keeps its partitions until its next poll gives them up as lost.
                let dynamic = c.config.group_instance_id.is_none();
                let member_id = c.member_id.clone();
                let group_id = c.config.group_id.clone();
                let c = self.consumers.get_mut(name).expect("listed");
                c.state = MemberState::Unjoined;
                c.member_id = None;
                c.coordinator_generation = -1;
                c.rejoin_needed = true;
                if let (true, Some(id), Some(g)) =
                    (dynamic, member_id, self.groups.get_mut(group_id.as_str()))
                {
                    g.remove_member(&id, "consumer poll timeout has expired.", now, out);
                }
            }
        }
        let group_ids: Vec<Arc<str>> = self.groups.keys().cloned().collect();
        for id in group_ids {
            let group = &self.groups[&id];
            let mut expired = Vec::new();
            for m in &group.members {
                if !self.member_heartbeats(group, m)
                    && now - m.last_heartbeat_ms >= m.session_timeout_ms
                {
                    expired.push((m.member_id.clone(), m.session_timeout_ms));
                }
            }
            let group = self.groups.get_mut(&id).expect("listed");
            for (member_id, timeout) in expired {
                group.remove_member(
                    &member_id,
                    &format!("session.timeout.ms={timeout} passed without a heartbeat"),
                    now,
                    out,
                );
            }
            group.maybe_complete_join(now, out);
        }
    }
}

/// `FetchCollector`'s OFFSET_OUT_OF_RANGE with no reset policy: the position as
/// `SubscriptionState.FetchPosition#toString` prints it, its epoch that of the record
/// before it (the last one consumed; the leader epoch cache still knows it) or none
/// after a `seek`, and the
/// leader as `Node#toString` (broker N at `localhost:` 9091 + N, the playground's
/// addresses).
fn out_of_range(
    tp: &TopicPartition,
    position: i64,
    p: &crate::partition::Partition,
    seeked: bool,
) -> KafkaError {
    let leader = p.leader().map_or_else(
        || "Optional.empty".to_string(),
        |b| {
            format!(
                "Optional[localhost:{} (id: {b} rack: null)]",
                9091 + i64::from(b)
            )
        },
    );
    let offset_epoch = p
        .leader()
        .and_then(|b| p.copy(b))
        .filter(|_| position > 0 && !seeked)
        .map_or_else(
            || "Optional.empty".to_string(),
            |c| format!("Optional[{}]", c.epoch_of(position - 1)),
        );
    KafkaError::new(
        ErrorKind::OffsetOutOfRangeException,
        format!(
            "Fetch position FetchPosition{{offset={position}, offsetEpoch={offset_epoch}, currentLeader=LeaderAndEpoch{{leader={leader}, epoch={}}}}} is out of range for partition {}",
            p.leader_epoch(),
            tp_name(tp)
        ),
    )
}
