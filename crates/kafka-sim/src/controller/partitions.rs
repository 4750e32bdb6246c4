//! The controller's partition changes (`ReplicationControlManager`): an AlterPartition
//! from a leader, elections when brokers are fenced, shut down or come back, the
//! preferred leader election, each written as one registration change that every broker
//! reaching the controller learns at once.

use std::sync::Arc;

use crate::broker::BrokerId;
use crate::event::Event;
use crate::partition_change::{Election, PartitionChange};
use crate::Cluster;

/// `leader.imbalance.check.interval.seconds` (300): how long after a partition loses its
/// preferred leader the controller tries to move leadership back
/// (`auto.leader.rebalance.enable`, default true; `QuorumController`'s
/// `maybeScheduleNextBalancePartitionLeaders`).
pub const LEADER_IMBALANCE_CHECK_INTERVAL_MS: i64 = 300_000;

/// Which partitions a broker change touches, and how (`generateLeaderAndIsrUpdates`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct BrokerChange {
    /// Out of every ISR and never acceptable as leader (fenced, shutting down).
    pub remove: Option<BrokerId>,
    /// Acceptable as leader even before the controller marks it unfenced.
    pub add: Option<BrokerId>,
    /// Restarted after an unclean shutdown: out of ISR and ELR (KIP-966).
    pub unclean: Option<BrokerId>,
    /// Why, for the event.
    pub reason: &'static str,
}

/// The reason of a change a leader's AlterPartition asked for.
const ALTER_PARTITION: &str = "AlterPartition";

impl Cluster {
    /// The controller applies a leader's AlterPartition (`RCM#alterPartition`).
    pub(crate) fn controller_alter_isr(
        &mut self,
        topic: &str,
        partition: u32,
        isr: Vec<BrokerId>,
        out: &mut Vec<Event>,
    ) {
        let change = BrokerChange {
            remove: None,
            add: None,
            unclean: None,
            reason: ALTER_PARTITION,
        };
        self.change_partition(topic, partition, isr, Election::Online, change, out);
    }

    /// Elections and ISR changes over the partitions a broker change touches.
    pub(crate) fn broker_change(&mut self, change: BrokerChange, out: &mut Vec<Event>) {
        let mut touched: Vec<(Arc<str>, u32, Vec<BrokerId>)> = Vec::new();
        for t in self.topics.values() {
            for p in &t.partitions {
                let reg = p.registration();
                let hit = match (change.remove, change.add, change.unclean) {
                    (_, _, Some(u)) => reg.isr.contains(&u) || reg.elr.contains(&u),
                    (Some(r), _, _) => reg.isr.contains(&r),
                    (None, Some(_), None) => reg.leader.is_none(),
                    (None, None, None) => false,
                };
                if hit {
                    let isr = reg
                        .isr
                        .iter()
                        .copied()
                        .filter(|b| Some(*b) != change.remove && Some(*b) != change.unclean)
                        .collect();
                    touched.push((t.name.clone(), p.id, isr));
                }
            }
        }
        for (topic, partition, isr) in touched {
            let election = if self
                .topics
                .get(&*topic)
                .is_some_and(|t| t.config.unclean_leader_election_enable)
            {
                Election::Unclean
            } else {
                Election::Online
            };
            self.change_partition(&topic, partition, isr, election, change, out);
        }
        self.schedule_balance();
    }

    /// One PartitionChangeBuilder run. A broker may lead when it is active, or is
    /// `change.add`, and is neither `change.remove` nor `change.unclean`
    /// (`generateLeaderAndIsrUpdates`' `isAcceptableLeader`).
    pub(crate) fn change_partition(
        &mut self,
        topic: &str,
        partition: u32,
        target_isr: Vec<BrokerId>,
        election: Election,
        change: BrokerChange,
        out: &mut Vec<Event>,
    ) -> bool {
        let active: Vec<BrokerId> = self
            .brokers
            .iter()
            .filter(|b| b.is_active())
            .map(|b| b.id)
            .collect();
        let Some(t) = self.topics.get(topic) else {
            return false;
        };
        let Some(p) = t.partitions.get(partition as usize) else {
            return false;
        };
        let min_isr = (t.config.min_insync_replicas.max(1) as usize).min(p.replicas().len());
        let acceptable = |b: BrokerId| {
            Some(b) != change.remove
                && Some(b) != change.unclean
                && (Some(b) == change.add || active.contains(&b))
        };
        let reason = change.reason;
        let unclean_shutdown = change.unclean;
        if self.quorum.active().is_none() {
            return false;
        }
        let Some(changed) = (PartitionChange {
            current: p.registration(),
            target_isr,
            election,
            unclean_shutdown,
            min_isr,
            acceptable: &acceptable,
            recovered: reason == ALTER_PARTITION,
        })
        .build() else {
            return false;
        };
        let name = t.name.clone();
        let reg = changed.registration;
        let before = p.registration();
        self.quorum
            .append(crate::metadata_log::MetadataRecord::PartitionChange {
                topic: name.clone(),
                partition,
                leader: changed.leader_changed.then(|| reg.leader.unwrap_or(-1)),
                isr: (reg.isr != before.isr).then(|| reg.isr.clone()),
                elr: (reg.elr != before.elr).then(|| reg.elr.clone()),
                last_known_elr: (reg.last_known_elr != before.last_known_elr)
                    .then(|| reg.last_known_elr.clone()),
                recovering: changed.unclean,
            });
        out.push(Event::PartitionChanged {
            topic: name.clone(),
            partition,
            leader: reg.leader,
            leader_epoch: reg.leader_epoch,
            isr: reg.isr.as_slice().into(),
            elr: reg.elr.as_slice().into(),
            unclean: changed.unclean,
            reason,
        });
        // Brokers that hear the controller and are registered (a restarted one waiting
        // to register follows nothing yet).
        let reachable: Vec<BrokerId> = self
            .brokers
            .iter()
            .filter(|b| b.reaches_controller() && !b.awaiting_registration)
            .map(|b| b.id)
            .collect();
        let now = self.now_ms;
        let t = self.topics.get_mut(topic).expect("checked above");
        let min_isr = i64::from(t.config.min_insync_replicas);
        let p = &mut t.partitions[partition as usize];
        let leader = reg.leader;
        p.set_registration(reg);
        for b in p.replicas().to_vec() {
            if reachable.contains(&b) {
                p.learn(b, now);
            }
        }
        // makeLeader and handleAlterPartitionUpdate both end in maybeIncrementLeaderHW:
        // a smaller ISR can let the high watermark move.
        if let Some(l) = leader.filter(|l| reachable.contains(l)) {
            if p.maybe_increment_hw(
                l,
                now,
                min_isr,
                crate::partition::REPLICA_LAG_TIME_MAX_MS,
                &|_| false,
            ) {
                p.schedule_parked(l, now);
                out.push(Event::HighWatermarkMoved {
                    topic: name,
                    partition,
                    broker: l,
                    high_watermark: p.copy(l).map_or(0, |c| c.log().high_watermark()),
                });
            }
        }
        true
    }

    /// Arms the preferred leader election when some partition is not led by its first
    /// replica: a periodic task of the active controller, every
    /// `leader.imbalance.check.interval.seconds` since it became active
    /// (`QuorumController#registerElectPreferred`, `PeriodicTaskControlManager`).
    pub(crate) fn schedule_balance(&mut self) {
        if self.balance_at.is_none() && self.imbalanced().next().is_some() {
            let since = self.quorum.active_since;
            let runs = (self.now_ms - since) / LEADER_IMBALANCE_CHECK_INTERVAL_MS + 1;
            self.balance_at = Some(since + runs * LEADER_IMBALANCE_CHECK_INTERVAL_MS);
        }
    }

    fn imbalanced(&self) -> impl Iterator<Item = (Arc<str>, u32)> + '_ {
        self.topics.values().flat_map(|t| {
            t.partitions
                .iter()
                // PartitionRegistration#hasPreferredLeader: leaderless ones too.
                .filter(|p| p.leader() != Some(p.replicas()[0]))
                .map(|p| (t.name.clone(), p.id))
        })
    }

    /// The auto leader rebalance, when due: a preferred election for every imbalanced
    /// partition (`RCM#maybeBalancePartitionLeaders`).
    pub(crate) fn balance_leaders(&mut self, out: &mut Vec<Event>) {
        if self.balance_at.is_none_or(|t| t > self.now_ms) || self.quorum.active().is_none() {
            return;
        }
        self.balance_at = None;
        let all: Vec<(Arc<str>, u32)> = self.imbalanced().collect();
        for (topic, partition) in all {
            let isr = self
                .topics
                .get(&*topic)
                .map(|t| t.partitions[partition as usize].isr().to_vec())
                .unwrap_or_default();
            let change = BrokerChange {
                remove: None,
                add: None,
                unclean: None,
                reason: "auto leader rebalance",
            };
            self.change_partition(&topic, partition, isr, Election::Preferred, change, out);
        }
        self.schedule_balance();
    }
}
