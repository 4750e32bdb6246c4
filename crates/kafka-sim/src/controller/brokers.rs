//! The controller's view of brokers (`ClusterControlManager`, `BrokerHeartbeatManager`):
//! registration, heartbeats, fencing after `broker.session.timeout.ms`, controlled
//! shutdown, unfencing; each with the partition changes it sets off
//! (`ReplicationControlManager#handleBroker*`).

use crate::broker::{Broker, BrokerId, BROKER_SESSION_TIMEOUT_MS};
use crate::controller::partitions::BrokerChange;
use crate::event::Event;
use crate::metadata_log::MetadataRecord;
use crate::Cluster;

/// `broker.heartbeat.interval.ms` (2000): how often a broker heartbeats the controller.
pub const BROKER_HEARTBEAT_INTERVAL_MS: i64 = 2_000;
/// A broker in controlled shutdown heartbeats again this soon after the controller's
/// first "not yet" (`BrokerLifecycleManager`, "a little bit sooner than we usually would").
pub const CONTROLLED_SHUTDOWN_FIRST_RETRY_MS: i64 = 50;

impl Cluster {
    /// Broker `id`, if registered.
    pub fn broker(&self, id: BrokerId) -> Option<&Broker> {
        self.brokers.iter().find(|b| b.id == id)
    }

    pub(crate) fn broker_mut(&mut self, id: BrokerId) -> Option<&mut Broker> {
        self.brokers.iter_mut().find(|b| b.id == id)
    }

    /// The broker stops reaching the controller at `now` (killed or isolated): its last
    /// heartbeat was the latest one of its schedule, and the session ends
    /// `broker.session.timeout.ms` after it.
    pub(crate) fn lose_contact(&mut self, id: BrokerId) {
        let now = self.now_ms;
        if let Some(b) = self.broker_mut(id) {
            if b.fenced || b.fence_at.is_some() {
                return;
            }
            let since = b.heartbeats_since;
            let last =
                since + (now - since) / BROKER_HEARTBEAT_INTERVAL_MS * BROKER_HEARTBEAT_INTERVAL_MS;
            b.fence_at = Some(last + BROKER_SESSION_TIMEOUT_MS);
        }
    }

    /// The broker registers (`ClusterControlManager#registerBroker`): its epoch is the
    /// RegisterBrokerRecord's offset, and it starts fenced. A broker that ran before goes
    /// through the shutdown handling first; then it catches up the metadata and the
    /// controller unfences it.
    pub(crate) fn register_broker(&mut self, id: BrokerId, out: &mut Vec<Event>) {
        let Some(b) = self.broker(id) else {
            return;
        };
        let (restarted, clean) = (b.epoch >= 0, b.clean_shutdown);
        if self.quorum.active().is_none() {
            return;
        }
        // QuorumController#registerBroker: the broker epoch is the batch's first offset;
        // the shutdown handling's records come first, the registration last.
        let epoch = self.quorum.next_offset();
        if restarted {
            self.reregister(id, clean, out);
        }
        self.quorum
            .append(MetadataRecord::RegisterBroker { broker: id, epoch });
        if let Some(b) = self.broker_mut(id) {
            b.epoch = epoch;
            b.awaiting_registration = false;
            b.fenced = true;
        }
        self.sync_metadata(id);
        self.unfence(id, out);
    }

    /// Sessions that ran out by `now` (`maybeFenceOneStaleBroker`): the broker is fenced,
    /// leaves every ISR and loses its leaderships (`RCM#handleBrokerFenced`). Only an
    /// active controller fences.
    pub(crate) fn fence_stale_brokers(&mut self, out: &mut Vec<Event>) {
        if self.quorum.active().is_none() {
            return;
        }
        let now = self.now_ms;
        let stale: Vec<BrokerId> = self
            .brokers
            .iter()
            .filter(|b| b.fence_at.is_some_and(|t| t <= now))
            .map(|b| b.id)
            .collect();
        for id in stale {
            self.fence(id, "broker fenced", out);
            // A broker restarted within its old session was turned away
            // (ClusterControlManager#registerBroker: DuplicateBrokerRegistrationException)
            // and retries; now it may register. (Kafka retries every
            // broker.heartbeat.interval.ms; the engine registers at the fencing.)
            if self
                .broker(id)
                .is_some_and(|b| b.awaiting_registration && b.reaches_controller())
            {
                self.register_broker(id, out);
            }
        }
    }

    /// Fences broker `id`.
    pub(crate) fn fence(&mut self, id: BrokerId, reason: &'static str, out: &mut Vec<Event>) {
        let Some(b) = self.broker_mut(id) else {
            return;
        };
        b.fence_at = None;
        let was = b.fenced;
        if !was {
            out.push(Event::BrokerFenced { broker: id });
        }
        // RCM#handleBrokerFenced: the partition changes, then the fencing record.
        self.broker_change(
            BrokerChange {
                remove: Some(id),
                add: None,
                unclean: None,
                reason,
            },
            out,
        );
        let epoch = self.broker(id).map_or(-1, |b| b.epoch);
        self.write_metadata(MetadataRecord::BrokerRegistrationChange {
            broker: id,
            epoch,
            fenced: if was { 0 } else { 1 },
            in_controlled_shutdown: false,
        });
        if let Some(b) = self.broker_mut(id) {
            b.fenced = true;
            // A broker whose controlled shutdown ended is no longer shutting down
            // (`BrokerHeartbeatManager`): fenced, it is a usable broker again for
            // placement, which may put followers on it (`StripedReplicaPlacer`).
            b.in_controlled_shutdown = false;
        }
    }

    /// The broker heartbeats again with its session valid: unfenced, and leaderless
    /// partitions it may lead elect it (`RCM#handleBrokerUnfenced`).
    pub(crate) fn unfence(&mut self, id: BrokerId, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let Some(b) = self.broker_mut(id) else {
            return;
        };
        b.fence_at = None;
        b.heartbeats_since = now;
        if !b.fenced && !b.in_controlled_shutdown {
            return;
        }
        if self.quorum.active().is_none() {
            return;
        }
        let Some(b) = self.broker_mut(id) else {
            return;
        };
        b.fenced = false;
        b.in_controlled_shutdown = false;
        let epoch = b.epoch;
        out.push(Event::BrokerUnfenced { broker: id });
        self.write_metadata(MetadataRecord::BrokerRegistrationChange {
            broker: id,
            epoch,
            fenced: -1,
            in_controlled_shutdown: false,
        });
        self.broker_change(
            BrokerChange {
                remove: None,
                add: Some(id),
                unclean: None,
                reason: "broker unfenced",
            },
            out,
        );
        // Its followers may join ISRs again: their leaders hear their next fetch.
        let now = self.now_ms;
        for t in self.topics.values_mut() {
            for p in &mut t.partitions {
                if let Some(l) = p.leader().filter(|_| !p.isr().contains(&id)) {
                    p.wake_parked(l, id, now);
                }
            }
        }
    }

    /// When the controller lets broker `id` finish its controlled shutdown, asked for now
    /// (`BrokerHeartbeatManager#calculateNextBrokerState`): SHUTDOWN_NOW only once the
    /// lowest metadata offset the unfenced brokers have reported in their heartbeats has
    /// reached the shutdown's records, which each reports in its next heartbeat (every
    /// `broker.heartbeat.interval.ms`); the broker hears it in one of its own: 50 ms
    /// after the first answer, then at its usual interval (`BrokerLifecycleManager`).
    pub(crate) fn shutdown_granted_at(&self, id: BrokerId) -> i64 {
        let now = self.now_ms;
        let next_after = |since: i64, t: i64| {
            since
                + ((t - since).max(0) / BROKER_HEARTBEAT_INTERVAL_MS + 1)
                    * BROKER_HEARTBEAT_INTERVAL_MS
        };
        let reported = self
            .brokers
            .iter()
            .filter(|b| b.id != id && b.is_active() && b.reaches_controller())
            .map(|b| next_after(b.heartbeats_since, now))
            .max()
            .unwrap_or(now);
        let first = now + CONTROLLED_SHUTDOWN_FIRST_RETRY_MS;
        if reported <= first {
            first
        } else {
            next_after(first, reported - 1)
        }
    }

    /// The broker is ready to go down cleanly (`RCM#handleBrokerInControlledShutdown`):
    /// out of every ISR, its leaderships moved to other ISR members first.
    pub(crate) fn controlled_shutdown(&mut self, id: BrokerId, out: &mut Vec<Event>) {
        let epoch = match self.broker_mut(id) {
            Some(b) => {
                b.in_controlled_shutdown = true;
                b.epoch
            }
            None => return,
        };
        self.write_metadata(MetadataRecord::BrokerRegistrationChange {
            broker: id,
            epoch,
            fenced: 0,
            in_controlled_shutdown: true,
        });
        self.broker_change(
            BrokerChange {
                remove: Some(id),
                add: None,
                unclean: None,
                reason: "controlled shutdown",
            },
            out,
        );
    }

    /// A broker registers again after it went down (`ClusterControlManager
    /// #registerBroker` calls `RCM#handleBrokerShutdown`): after a crash (no clean
    /// shutdown marker) it also leaves every ELR, since its log may have lost what it
    /// had acknowledged as a follower (KIP-966).
    pub(crate) fn reregister(&mut self, id: BrokerId, clean: bool, out: &mut Vec<Event>) {
        let change = if clean {
            BrokerChange {
                remove: Some(id),
                add: None,
                unclean: None,
                reason: "broker registered",
            }
        } else {
            BrokerChange {
                remove: None,
                add: None,
                unclean: Some(id),
                reason: "unclean shutdown",
            }
        };
        self.broker_change(change, out);
    }

    /// When the next broker session runs out.
    pub(crate) fn session_deadlines(&self, into: &mut Vec<i64>) {
        into.extend(self.brokers.iter().filter_map(|b| b.fence_at));
        into.extend(self.balance_at);
    }
}
