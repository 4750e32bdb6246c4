//! A broker's process and network, as a learner drives them: `start-broker`,
//! `stop-broker` (a controlled shutdown), `kill-broker` (a crash), `isolate-broker` and
//! `heal-broker` (a network partition around one broker).

use crate::broker::{Broker, BrokerId, BrokerStatus};
use crate::error::{ErrorKind, KafkaError};
use crate::event::Event;
use crate::partition::PendingIsr;
use crate::Cluster;

/// The most brokers a playground cluster holds: enough for every lesson and small
/// enough to draw.
pub const MAX_BROKERS: usize = 9;

impl Cluster {
    fn running(&self, id: BrokerId) -> Result<&Broker, KafkaError> {
        match self.broker(id) {
            Some(b) if b.is_up() => Ok(b),
            Some(_) => Err(KafkaError::new(
                ErrorKind::IllegalStateException,
                format!("Broker {id} is not running."),
            )),
            None => Err(no_such_broker(id)),
        }
    }

    /// `start-broker id=N`: a new broker registers; a stopped or crashed one starts again
    /// with the logs it has on disk, registers with a new broker epoch and catches up.
    pub(crate) fn start_broker(
        &mut self,
        id: BrokerId,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        if id < 0 {
            return Err(KafkaError::new(
                ErrorKind::ConfigException,
                format!("Invalid value {id} for configuration node.id: Value must be at least 0"),
            ));
        }
        if !self.quorum.combined && self.quorum.voters.iter().any(|v| v.id == id) {
            return Err(KafkaError::new(
                ErrorKind::ConfigException,
                format!("node.id {id} belongs to a controller of this cluster's quorum."),
            ));
        }
        let now = self.now_ms;
        let restarted = match self.broker(id).map(|b| b.status) {
            Some(BrokerStatus::Running) => {
                return Err(KafkaError::new(
                    ErrorKind::IllegalStateException,
                    format!("Broker {id} is already running."),
                ))
            }
            None => {
                if self.brokers.len() >= MAX_BROKERS {
                    return Err(KafkaError::new(
                        ErrorKind::IllegalStateException,
                        format!("This playground holds at most {MAX_BROKERS} brokers."),
                    ));
                }
                let at = self.brokers.partition_point(|b| b.id < id);
                let mut b = Broker::new(id, -1, now);
                b.fenced = true;
                self.brokers.insert(at, b);
                false
            }
            Some(_) => true,
        };
        let b = self.broker_mut(id).expect("present");
        b.status = BrokerStatus::Running;
        b.isolated = false;
        b.started_ms = now;
        b.heartbeats_since = now;
        // Its old session may still be valid at the controller: then the registration
        // is refused (DuplicateBrokerRegistrationException) until the session expires.
        let old_session = b.fence_at.is_some_and(|t| t > now) && !b.fenced;
        if !old_session {
            b.fenced = true;
        }
        b.in_controlled_shutdown = false;
        b.awaiting_registration = true;
        out.push(Event::BrokerStarted {
            broker: id,
            restarted,
        });
        // A combined node's controller starts with it and catches up the log.
        self.combined_voter_up(id, true, out);
        // A new process leads nothing until the controller has it registered and it has
        // caught up: its replicas wait on disk.
        for t in self.topics.values_mut() {
            for p in &mut t.partitions {
                p.forget_view(id);
            }
        }
        // It registers once a controller is active (at once, usually) and its old
        // session is over.
        if self.quorum.active().is_some() && !old_session {
            self.register_broker(id, out);
        }
        self.replicate(out);
        Ok(())
    }

    /// `stop-broker id=N`: a controlled shutdown. The controller moves its leaderships
    /// and takes it out of every ISR first; then the process exits.
    pub(crate) fn stop_broker(
        &mut self,
        id: BrokerId,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        // Without a controller to talk to (cut off, or no active one) there is no
        // controlled shutdown: the broker just goes.
        let b = self.running(id)?;
        let controlled =
            b.reaches_controller() && !b.awaiting_registration && self.quorum.active().is_some();
        if controlled {
            self.controlled_shutdown(id, out);
            // The process exits once the controller grants the shutdown, a heartbeat or
            // two later; meanwhile followers fetch from their new leaders.
            let granted = self.shutdown_granted_at(id);
            self.replicate(out);
            self.run_clock_until(granted, out, |_| false);
        }
        self.go_down(id, BrokerStatus::Stopped);
        out.push(Event::BrokerStopped { broker: id });
        if controlled {
            self.fence(id, "controlled shutdown", out);
        } else {
            self.lose_contact(id);
        }
        // A combined node's controller exits with it, after the controlled shutdown.
        self.combined_voter_down(id, false, out);
        self.replicate(out);
        Ok(())
    }

    /// `kill-broker id=N`: the process dies at once. The controller notices only when
    /// its session runs out (`broker.session.timeout.ms`).
    pub(crate) fn kill_broker(
        &mut self,
        id: BrokerId,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        self.running(id)?;
        self.lose_contact(id);
        self.go_down(id, BrokerStatus::Killed);
        out.push(Event::BrokerKilled { broker: id });
        self.combined_voter_down(id, true, out);
        self.replicate(out);
        Ok(())
    }

    /// `isolate-broker id=N`: its links to every other node, controllers included, are
    /// cut. It keeps running on what it last knew; clients still reach it.
    pub(crate) fn isolate_broker(
        &mut self,
        id: BrokerId,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        if self.running(id)?.isolated {
            return Err(KafkaError::new(
                ErrorKind::IllegalStateException,
                format!("Broker {id} is already isolated."),
            ));
        }
        self.lose_contact(id);
        if let Some(b) = self.broker_mut(id) {
            b.isolated = true;
        }
        self.cut_links(id);
        out.push(Event::BrokerIsolated { broker: id });
        // A combined node's controller is cut off too: to the other voters it is gone.
        self.combined_voter_down(id, false, out);
        self.replicate(out);
        Ok(())
    }

    /// `heal-broker id=N`: its links come back. It learns the metadata it missed, and
    /// the controller unfences it if it had been fenced.
    pub(crate) fn heal_broker(
        &mut self,
        id: BrokerId,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        if !self.running(id)?.isolated {
            return Err(KafkaError::new(
                ErrorKind::IllegalStateException,
                format!("Broker {id} is not isolated."),
            ));
        }
        if let Some(b) = self.broker_mut(id) {
            b.isolated = false;
        }
        out.push(Event::BrokerHealed { broker: id });
        self.combined_voter_up(id, false, out);
        // A restarted process still waiting to register: its old session stays as it
        // was (its heartbeats were never that session's); it registers once that is over.
        if self.broker(id).is_some_and(|b| b.awaiting_registration) {
            let expired = self.broker(id).is_some_and(|b| b.fenced);
            if expired && self.quorum.active().is_some() {
                self.register_broker(id, out);
            }
            self.replicate(out);
            return Ok(());
        }
        if self.quorum.active().is_none() {
            // Nothing to catch up from until a controller is active again.
            self.replicate(out);
            return Ok(());
        }
        self.sync_metadata(id);
        // An AlterPartition it could not send goes through now.
        let pending: Vec<(std::sync::Arc<str>, u32, Vec<BrokerId>)> = self
            .topics
            .values()
            .flat_map(|t| {
                t.partitions
                    .iter()
                    .filter_map(move |p| match p.leader_isr(id) {
                        Some((_, Some(PendingIsr::Expand(isr) | PendingIsr::Shrink(isr))))
                            if p.leader() == Some(id) =>
                        {
                            Some((t.name.clone(), p.id, isr.clone()))
                        }
                        _ => None,
                    })
            })
            .collect();
        for (topic, partition, isr) in pending {
            self.controller_alter_isr(&topic, partition, isr, out);
        }
        self.unfence(id, out);
        self.replicate(out);
        Ok(())
    }

    /// Broker `id` learns the current registration of every partition it holds.
    pub(crate) fn sync_metadata(&mut self, id: BrokerId) {
        let now = self.now_ms;
        for t in self.topics.values_mut() {
            for p in &mut t.partitions {
                p.learn(id, now);
            }
        }
    }

    fn go_down(&mut self, id: BrokerId, status: BrokerStatus) {
        if let Some(b) = self.broker_mut(id) {
            b.status = status;
            b.clean_shutdown = status == BrokerStatus::Stopped;
        }
        self.cut_links(id);
    }

    fn cut_links(&mut self, id: BrokerId) {
        self.network.cut(id);
        for t in self.topics.values_mut() {
            for p in &mut t.partitions {
                p.link_cut(id);
            }
        }
    }
}

pub(crate) fn no_such_broker(id: BrokerId) -> KafkaError {
    KafkaError::new(
        ErrorKind::BrokerNotAvailableException,
        format!("Broker {id} is not registered: start it first with start-broker id={id}."),
    )
}
