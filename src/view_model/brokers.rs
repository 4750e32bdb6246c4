//! Brokers as columns holding their replicas: plain data read from the engine's state
//! (its registrations and each replica's own copy), for the brokers panel.

use std::sync::Arc;

use kafka_sim::broker::BrokerStatus;
use kafka_sim::partition::View;
use kafka_sim::{Cluster, Event};

/// What a broker's process and links are doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrokerState {
    /// Up and connected.
    Running,
    /// Up, cut off from every other node.
    Isolated,
    /// Shut down cleanly.
    Stopped,
    /// Crashed.
    Killed,
}

/// A replica's role, as its own broker believes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Leads, and the controller agrees.
    Leader,
    /// Believes it leads, but the controller elected another (it is cut off or down).
    StaleLeader,
    /// Follows.
    Follower,
    /// Its broker is down: the copy waits on its disk.
    Offline,
}

/// How a replica's membership of a set (the ISR, the ELR) changed since the state before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Change {
    /// As before (or nothing to compare with).
    #[default]
    Same,
    /// It joined.
    Joined,
    /// It left.
    Left,
}

impl Change {
    fn of(before: bool, now: bool) -> Self {
        match (before, now) {
            (false, true) => Self::Joined,
            (true, false) => Self::Left,
            _ => Self::Same,
        }
    }
}

/// One replica of one partition on one broker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplicaModel {
    /// Topic.
    pub topic: Arc<str>,
    /// Partition.
    pub partition: u32,
    /// Its role.
    pub role: Role,
    /// In the controller's ISR.
    pub in_isr: bool,
    /// In the controller's ELR.
    pub in_elr: bool,
    /// Its log end offset.
    pub log_end_offset: i64,
    /// Its high watermark.
    pub high_watermark: i64,
    /// The leader epoch it knows.
    pub leader_epoch: i32,
    /// Its records' offsets and keys, the last [`SHOWN_RECORDS`] of them.
    pub records: Vec<(i64, Option<Arc<str>>)>,
    /// Records at or past this offset arrived since the state before (appended on a
    /// leader, copied by a follower's fetch); its log end when none did.
    pub arrived_from: i64,
    /// How its ISR membership changed since the state before.
    pub isr_change: Change,
    /// How its ELR membership changed since the state before.
    pub elr_change: Change,
}

/// How many records of a replica's log the panel draws.
pub const SHOWN_RECORDS: usize = 12;

/// How many replicas a broker column draws: a cluster of a thousand partitions has
/// thousands, which `kafka-topics --describe` lists in full.
pub const SHOWN_REPLICAS: usize = 12;

/// The replicas a column draws, in partition order, and how many it leaves out: first
/// those this step changed (a record arrived, ISR or ELR moved), then those holding
/// records, then the rest.
pub fn shown_replicas(replicas: &[ReplicaModel]) -> (Vec<&ReplicaModel>, usize) {
    if replicas.len() <= SHOWN_REPLICAS {
        return (replicas.iter().collect(), 0);
    }
    let rank = |r: &ReplicaModel| {
        let changed = r.arrived_from < r.log_end_offset
            || r.isr_change != Change::Same
            || r.elr_change != Change::Same;
        match (changed, r.log_end_offset > 0) {
            (true, _) => 0,
            (false, true) => 1,
            (false, false) => 2,
        }
    };
    let mut picked: Vec<usize> = (0..replicas.len()).collect();
    kafka_sim::sort::sort_by_key(&mut picked, |i| rank(&replicas[*i]));
    picked.truncate(SHOWN_REPLICAS);
    picked.sort_unstable();
    (
        picked.into_iter().map(|i| &replicas[i]).collect(),
        replicas.len() - SHOWN_REPLICAS,
    )
}

/// One broker column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokerModel {
    /// `node.id`.
    pub id: i32,
    /// Its process and links.
    pub state: BrokerState,
    /// Fenced by the controller.
    pub fenced: bool,
    /// Replicas of replicated topics it holds.
    pub replicas: Vec<ReplicaModel>,
}

/// One KRaft controller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ControllerModel {
    /// Its node id.
    pub id: i32,
    /// Its process is up.
    pub up: bool,
    /// The Raft leader (with a majority: the active controller).
    pub leader: bool,
}

/// The whole panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokersModel {
    /// The controller quorum.
    pub controllers: Vec<ControllerModel>,
    /// Whether metadata can change now (a leader with a majority).
    pub quorum_active: bool,
    /// The metadata log's leader epoch.
    pub quorum_epoch: i32,
    /// Combined mode: each controller runs inside the broker with its id.
    pub combined: bool,
    /// By id.
    pub brokers: Vec<BrokerModel>,
    /// Sends the producer saw succeed.
    pub acknowledged: u64,
    /// How many of those the leaders no longer hold (`None` while a partition that had
    /// some has no leader).
    pub lost: Option<u64>,
    /// The engine's clock.
    pub now_ms: i64,
}

/// Reads the brokers and their replicas from `cluster`.
pub fn brokers_model(cluster: &Cluster) -> BrokersModel {
    let brokers = cluster
        .brokers()
        .iter()
        .map(|b| {
            let state = match (b.status, b.isolated) {
                (BrokerStatus::Running, false) => BrokerState::Running,
                (BrokerStatus::Running, true) => BrokerState::Isolated,
                (BrokerStatus::Stopped, _) => BrokerState::Stopped,
                (BrokerStatus::Killed, _) => BrokerState::Killed,
            };
            let mut replicas = Vec::new();
            for t in cluster.topics().filter(|t| t.replication_factor > 1) {
                for p in &t.partitions {
                    let Some(copy) = p.copy(b.id) else {
                        continue;
                    };
                    let role = match copy.view() {
                        _ if !b.is_up() => Role::Offline,
                        View::Leader { .. } if p.leader() == Some(b.id) => Role::Leader,
                        View::Leader { .. } => Role::StaleLeader,
                        View::Follower { .. } => Role::Follower,
                    };
                    let records = copy.log().records();
                    let from = records.len().saturating_sub(SHOWN_RECORDS);
                    replicas.push(ReplicaModel {
                        topic: t.name.clone(),
                        partition: p.id,
                        role,
                        in_isr: p.isr().contains(&b.id),
                        in_elr: p.elr().contains(&b.id),
                        log_end_offset: copy.log().log_end_offset(),
                        high_watermark: copy.log().high_watermark(),
                        leader_epoch: copy.leader_epoch(),
                        records: records[from..]
                            .iter()
                            .filter(|r| !r.producer.is_empty_batch())
                            .map(|r| (r.offset, r.key.clone()))
                            .collect(),
                        arrived_from: copy.log().log_end_offset(),
                        isr_change: Change::Same,
                        elr_change: Change::Same,
                    });
                }
            }
            BrokerModel {
                id: b.id,
                state,
                fenced: b.fenced,
                replicas,
            }
        })
        .collect();
    let q = cluster.quorum();
    BrokersModel {
        controllers: q
            .voters
            .iter()
            .map(|v| ControllerModel {
                id: v.id,
                up: v.up,
                leader: q.leader == Some(v.id),
            })
            .collect(),
        quorum_active: q.active().is_some(),
        quorum_epoch: q.epoch,
        combined: q.combined,
        brokers,
        acknowledged: cluster.acknowledged(),
        lost: cluster.acknowledged_lost(),
        now_ms: cluster.now_ms(),
    }
}

/// Marks what changed since `before` (the previous step, or the learner's copy before
/// their last action), so the panel can animate it: the records each replica gained and
/// its joining or leaving the ISR and ELR. A replica new since then changes nothing.
pub fn mark_changes(model: &mut BrokersModel, before: &BrokersModel) {
    for b in &mut model.brokers {
        let Some(old) = before.brokers.iter().find(|o| o.id == b.id) else {
            continue;
        };
        // By topic and partition: a broker of a thousand partitions holds thousands of
        // replicas, and a search of the old list for each would be quadratic.
        let old: std::collections::BTreeMap<(&str, u32), &ReplicaModel> = old
            .replicas
            .iter()
            .map(|o| ((&*o.topic, o.partition), o))
            .collect();
        for r in &mut b.replicas {
            let Some(was) = old.get(&(&*r.topic, r.partition)) else {
                continue;
            };
            // A truncated log gained nothing; what it re-fetched past its new end is new.
            r.arrived_from = was.log_end_offset.min(r.log_end_offset);
            r.isr_change = Change::of(was.in_isr, r.in_isr);
            r.elr_change = Change::of(was.in_elr, r.in_elr);
        }
    }
}

/// What the controller and the brokers did, one line each, for the panel's log.
pub fn replication_news(events: &[Event]) -> Vec<String> {
    use crate::text;
    events
        .iter()
        .filter_map(|e| match e {
            Event::BrokerStarted { broker, restarted } => {
                Some(text::broker_started(*broker, *restarted))
            }
            Event::BrokerStopped { broker } => Some(text::broker_stopped(*broker)),
            Event::BrokerKilled { broker } => Some(text::broker_killed(*broker)),
            Event::BrokerIsolated { broker } => Some(text::broker_isolated(*broker)),
            Event::BrokerHealed { broker } => Some(text::broker_healed(*broker)),
            Event::BrokerFenced { broker } => Some(text::broker_fenced(*broker)),
            Event::BrokerUnfenced { broker } => Some(text::broker_unfenced(*broker)),
            Event::PartitionChanged {
                topic,
                partition,
                leader,
                leader_epoch,
                isr,
                elr,
                unclean,
                reason,
            } => Some(text::partition_changed(
                topic,
                *partition,
                *leader,
                *leader_epoch,
                isr,
                elr,
                *unclean,
                reason,
            )),
            Event::ReplicaTruncated {
                topic,
                partition,
                broker,
                offset,
                removed,
                acknowledged_removed,
            } => Some(text::replica_truncated(
                topic,
                *partition,
                *broker,
                *offset,
                *removed,
                *acknowledged_removed,
            )),
            Event::SendAcknowledged {
                topic,
                partition,
                offset,
                waited_ms,
                ..
            } => Some(text::send_acknowledged(
                topic, *partition, *offset, *waited_ms,
            )),
            Event::SendFailed { error, .. } => Some(text::replicated_send_failed(error)),
            Event::ControllerKilled { controller } => Some(text::controller_killed(*controller)),
            Event::ControllerStarted { controller } => Some(text::controller_started(*controller)),
            Event::ControllerElected { controller, epoch } => {
                Some(text::controller_elected(*controller, *epoch))
            }
            Event::ControllerResigned { controller } => {
                Some(text::controller_resigned(*controller))
            }
            _ => None,
        })
        .collect()
}

/// The metadata log's last `n` records: offset, leader epoch, text.
pub fn metadata_log(cluster: &Cluster, n: usize) -> Vec<(i64, i32, String)> {
    let log = &cluster.quorum().log;
    let from = log.len().saturating_sub(n);
    log[from..]
        .iter()
        .enumerate()
        .map(|(i, (epoch, r))| ((from + i) as i64, *epoch, r.to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(script: &str) -> Cluster {
        let mut c = Cluster::default();
        c.apply_script(script).unwrap();
        c
    }

    #[test]
    fn a_column_of_many_replicas_draws_a_dozen_those_with_records_first() {
        let c = cluster(
            "start-broker id=2\nstart-broker id=3\ncreate-topic t partitions=40 replication-factor=3\n\
             tick 1s\nproduce t key=order-100 value=1",
        );
        let m = brokers_model(&c);
        let with_record = |r: &&&ReplicaModel| r.log_end_offset > 0;
        for b in &m.brokers {
            assert_eq!(b.replicas.len(), 40);
            let (shown, hidden) = shown_replicas(&b.replicas);
            assert_eq!((shown.len(), hidden), (SHOWN_REPLICAS, 40 - SHOWN_REPLICAS));
            assert_eq!(
                shown.iter().filter(with_record).count(),
                1,
                "broker {}",
                b.id
            );
            assert!(shown.windows(2).all(|w| w[0].partition < w[1].partition));
        }
    }

    #[test]
    fn brokers_hold_their_replicas_with_roles_isr_and_offsets_as_the_engine_has_them() {
        let c = cluster("start-broker id=2\nstart-broker id=3\ncreate-topic t replica-assignment=1:2:3\ntick 1s\nset-producer acks=1\nproduce t key=a value=1");
        let m = brokers_model(&c);
        assert_eq!(m.brokers.len(), 3);
        let leader = &m.brokers[0].replicas[0];
        assert_eq!(
            (leader.role, leader.log_end_offset, leader.high_watermark),
            (Role::Leader, 1, 0)
        );
        let follower = &m.brokers[1].replicas[0];
        assert_eq!(
            (follower.role, follower.log_end_offset, follower.in_isr),
            (Role::Follower, 0, true)
        );
        assert_eq!(m.acknowledged, 1);
    }

    #[test]
    fn an_isolated_leader_that_lost_its_election_is_stale() {
        let c = cluster("start-broker id=2\nstart-broker id=3\ncreate-topic t replica-assignment=1:2:3\ntick 1s\nisolate-broker id=1\ntick 10s");
        let m = brokers_model(&c);
        assert_eq!(m.brokers[0].state, BrokerState::Isolated);
        assert!(m.brokers[0].fenced);
        assert_eq!(m.brokers[0].replicas[0].role, Role::StaleLeader);
        assert_eq!(m.brokers[1].replicas[0].role, Role::Leader);
    }

    #[test]
    fn changes_since_the_state_before_are_the_records_copied_and_the_isr_left_or_joined() {
        let mut c = cluster("start-broker id=2\nstart-broker id=3\ncreate-topic t replica-assignment=1:2:3\ntick 1s");
        let before = brokers_model(&c);
        c.apply_script("produce t key=a value=1\nkill-broker id=3\ntick 10s")
            .unwrap();
        let mut m = brokers_model(&c);
        mark_changes(&mut m, &before);
        let follower = &m.brokers[1].replicas[0];
        assert_eq!((follower.arrived_from, follower.log_end_offset), (0, 1));
        assert_eq!(follower.isr_change, Change::Same);
        let killed = &m.brokers[2].replicas[0];
        assert_eq!(killed.isr_change, Change::Left);
        // Against itself nothing changed.
        let again = m.clone();
        mark_changes(&mut m, &again);
        assert_eq!(m.brokers[1].replicas[0].arrived_from, 1);
        assert_eq!(m.brokers[2].replicas[0].isr_change, Change::Same);
    }

    #[test]
    fn single_replica_topics_are_not_drawn_here() {
        let c = cluster("create-topic t partitions=3");
        assert!(brokers_model(&c).brokers[0].replicas.is_empty());
    }
}
