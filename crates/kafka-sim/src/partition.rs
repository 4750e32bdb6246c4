//! One partition as the cluster holds it: the controller's registration of it (leader,
//! leader epoch, replicas, ISR, ELR: `PartitionRegistration`), and each replica's own copy
//! on its broker: its log, its leader-epoch cache and what its broker last learned of the
//! partition; on the leader, what it knows of each follower (`Partition.scala`,
//! `Replica.scala`).
//!
//! ```text
//!  controller: Registration { leader, leader_epoch, replicas, isr, elr, .. }
//!                   │ metadata (to every broker it reaches)
//!                   ▼
//!  broker b:   Replica { log, epochs, view: Leader { isr, remotes } | Follower { leader } }
//! ```
//!
//! The two can disagree: an isolated leader keeps serving with the ISR it last knew while
//! the controller has already elected another leader. That gap is where acknowledged
//! records are lost, so the engine keeps both.

// Follower fetching and ISR changes arrive with the next commit.
#![allow(dead_code)]

use crate::broker::BrokerId;
use crate::partition_log::PartitionLog;
use crate::record::Record;
use crate::topic_config::TopicConfig;

/// `replica.lag.time.max.ms` (30000): a follower that has not caught up for this long
/// leaves the ISR (`ReplicationConfigs`).
pub const REPLICA_LAG_TIME_MAX_MS: i64 = 30_000;

/// The controller's record of a partition (`PartitionRegistration`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Registration {
    /// Brokers holding a copy, preferred leader first.
    pub replicas: Vec<BrokerId>,
    /// In-sync replicas, leader included (while there is one).
    pub isr: Vec<BrokerId>,
    /// Eligible leader replicas (KIP-966): former ISR members that may still lead.
    pub elr: Vec<BrokerId>,
    /// The last leader, kept while ISR and ELR are empty (KIP-966).
    pub last_known_elr: Vec<BrokerId>,
    /// The leader, or `None` (-1 in Kafka).
    pub leader: Option<BrokerId>,
    /// Bumped at every leader change (`PartitionRegistration#merge`).
    pub leader_epoch: i32,
    /// Bumped at every change (`PartitionRegistration#merge`).
    pub partition_epoch: i32,
    /// `LeaderRecoveryState.RECOVERING`: the leader came from an unclean election.
    pub recovering: bool,
}

/// What the leader knows of one follower (`Replica.scala`'s `ReplicaState`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Remote {
    /// The follower's broker.
    pub broker: BrokerId,
    /// Its log end offset as its last fetch said (the fetch offset); `None` until it
    /// fetched from this leader in this epoch (`UNKNOWN_OFFSET_METADATA`).
    pub log_end_offset: Option<i64>,
    /// The largest time at which it had fetched up to the leader's log end.
    pub last_caught_up_ms: i64,
    /// The leader's log end at its previous fetch.
    pub last_fetch_leader_log_end_offset: i64,
    /// When its previous fetch came.
    pub last_fetch_ms: i64,
}

impl Remote {
    fn new(broker: BrokerId, last_caught_up_ms: i64) -> Self {
        Self {
            broker,
            log_end_offset: None,
            last_caught_up_ms,
            last_fetch_leader_log_end_offset: -1,
            last_fetch_ms: 0,
        }
    }

    /// `ReplicaState#isCaughtUp`: at the leader's end, or caught up within the lag.
    pub fn is_caught_up(&self, leader_end: i64, now: i64, max_lag_ms: i64) -> bool {
        self.log_end_offset == Some(leader_end) || now - self.last_caught_up_ms <= max_lag_ms
    }

    /// `Replica#updateFetchStateOrThrow`: a fetch at `fetch_offset` came at `now` while
    /// the leader's log ended at `leader_end`.
    fn fetched(&mut self, fetch_offset: i64, leader_end: i64, now: i64) {
        if fetch_offset >= leader_end {
            self.last_caught_up_ms = self.last_caught_up_ms.max(now);
        } else if fetch_offset >= self.last_fetch_leader_log_end_offset {
            self.last_caught_up_ms = self.last_caught_up_ms.max(self.last_fetch_ms);
        }
        self.log_end_offset = Some(fetch_offset);
        self.last_fetch_leader_log_end_offset =
            leader_end.max(self.last_fetch_leader_log_end_offset);
        self.last_fetch_ms = now;
    }
}

/// An AlterPartition the leader sent and the controller has not answered (KIP-497).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum PendingIsr {
    /// Adding a caught-up follower: the maximal ISR includes it already.
    Expand(Vec<BrokerId>),
    /// Removing followers that fell behind: the maximal ISR keeps them until it commits.
    Shrink(Vec<BrokerId>),
}

/// What a broker believes of a partition it holds, from its last metadata.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub enum View {
    /// It leads, in `leader_epoch`.
    Leader {
        /// Its leader epoch.
        leader_epoch: i32,
        /// The ISR the controller committed.
        isr: Vec<BrokerId>,
        /// An ISR change in flight.
        pending: Option<PendingIsr>,
        /// Its log end when it became leader (the epoch's start offset).
        epoch_start_offset: i64,
        /// What it knows of each follower.
        remotes: Vec<Remote>,
    },
    /// It follows `leader` (if any) in `leader_epoch`.
    Follower {
        /// The leader it fetches from.
        leader: Option<BrokerId>,
        /// The leader epoch it knows.
        leader_epoch: i32,
    },
}

/// One broker's copy of a partition.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Replica {
    /// The broker holding it.
    pub broker: BrokerId,
    log: PartitionLog,
    /// `LeaderEpochFileCache`: each leader epoch with the first offset written in it.
    epochs: Vec<(i32, i64)>,
    view: View,
}

impl Replica {
    /// This copy's log, as it is on its broker's disk.
    pub fn log(&self) -> &PartitionLog {
        &self.log
    }

    pub(crate) fn log_mut(&mut self) -> &mut PartitionLog {
        &mut self.log
    }

    /// What its broker believes of the partition.
    pub fn view(&self) -> &View {
        &self.view
    }

    /// True when its broker believes it leads.
    pub fn is_leader(&self) -> bool {
        matches!(self.view, View::Leader { .. })
    }

    /// The leader epoch its broker knows.
    pub fn leader_epoch(&self) -> i32 {
        match &self.view {
            View::Leader { leader_epoch, .. } | View::Follower { leader_epoch, .. } => {
                *leader_epoch
            }
        }
    }

    /// Leader epochs with their start offsets, oldest first.
    pub fn epochs(&self) -> &[(i32, i64)] {
        &self.epochs
    }

    /// The epoch of the last record, as a follower sends it (`lastFetchedEpoch`).
    pub fn last_fetched_epoch(&self) -> Option<i32> {
        self.epochs.last().map(|(e, _)| *e)
    }

    /// `LeaderEpochFileCache#endOffsetFor`: the largest epoch at most `epoch` and where it
    /// ends (the start of the next larger epoch, or this log's end); `None` when every
    /// epoch here is larger (`UNDEFINED_EPOCH`).
    pub fn end_offset_for(&self, epoch: i32) -> Option<(i32, i64)> {
        let at = self.epochs.iter().rposition(|(e, _)| *e <= epoch)?;
        let end = self
            .epochs
            .get(at + 1)
            .map_or(self.log.log_end_offset(), |(_, start)| *start);
        Some((self.epochs[at].0, end))
    }

    /// Writes `records` a leader sent, each at its own offset (a follower does not check
    /// sequences: it copies), recording new leader epochs as they start.
    pub(crate) fn append_copies(&mut self, records: &[(i32, Record)], config: &TopicConfig) {
        for (epoch, r) in records {
            if self.epochs.last().is_none_or(|(e, _)| e < epoch) {
                self.epochs.push((*epoch, r.offset));
            }
            self.log
                .append_copy(r.clone(), config.segment_bytes, config.segment_ms);
        }
    }

    /// Removes every record from `offset` on (`UnifiedLog#truncateTo`) and the leader
    /// epochs that started there (`LeaderEpochFileCache#truncateFromEnd`). Returns how many
    /// records went.
    pub(crate) fn truncate_to(&mut self, offset: i64, config: &TopicConfig) -> usize {
        let removed = self
            .log
            .truncate_to(offset, config.segment_bytes, config.segment_ms);
        self.epochs.retain(|(_, start)| *start < offset);
        removed
    }

    /// The epoch of the record at `offset`, from the cache.
    pub fn epoch_of(&self, offset: i64) -> i32 {
        self.epochs
            .iter()
            .rev()
            .find(|(_, start)| *start <= offset)
            .map_or(0, |(e, _)| *e)
    }
}

/// One partition: the controller's registration and every replica's copy.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Partition {
    /// Partition number.
    pub id: u32,
    reg: Registration,
    /// One per broker of `reg.replicas`, in that order.
    copies: Vec<Replica>,
}

impl Partition {
    /// A new partition as `RCM.buildPartitionRegistration` writes it: the ISR is the
    /// replicas whose brokers are active, the leader its first entry, epochs 0. Each
    /// broker that reaches the controller learns it at once.
    pub(crate) fn new(id: u32, replicas: Vec<BrokerId>, isr: Vec<BrokerId>, now: i64) -> Self {
        let leader = isr.first().copied();
        let reg = Registration {
            replicas: replicas.clone(),
            isr: isr.clone(),
            elr: Vec::new(),
            last_known_elr: Vec::new(),
            leader,
            leader_epoch: 0,
            partition_epoch: 0,
            recovering: false,
        };
        let copies = replicas
            .iter()
            .map(|&b| Replica {
                broker: b,
                log: PartitionLog::default(),
                epochs: Vec::new(),
                view: View::Follower {
                    leader: None,
                    leader_epoch: -1,
                },
            })
            .collect();
        let mut p = Self { id, reg, copies };
        for b in replicas {
            p.learn(b, now);
        }
        p
    }

    /// The controller's registration.
    pub fn registration(&self) -> &Registration {
        &self.reg
    }

    pub(crate) fn registration_mut(&mut self) -> &mut Registration {
        &mut self.reg
    }

    /// The leader the controller elected, if any.
    pub fn leader(&self) -> Option<BrokerId> {
        self.reg.leader
    }

    /// Brokers holding a copy, preferred leader first.
    pub fn replicas(&self) -> &[BrokerId] {
        &self.reg.replicas
    }

    /// The controller's ISR.
    pub fn isr(&self) -> &[BrokerId] {
        &self.reg.isr
    }

    /// The controller's ELR.
    pub fn elr(&self) -> &[BrokerId] {
        &self.reg.elr
    }

    /// The current leader epoch.
    pub fn leader_epoch(&self) -> i32 {
        self.reg.leader_epoch
    }

    /// Every copy, in replica order.
    pub fn copies(&self) -> &[Replica] {
        &self.copies
    }

    /// Broker `b`'s copy.
    pub fn copy(&self, b: BrokerId) -> Option<&Replica> {
        self.copies.iter().find(|c| c.broker == b)
    }

    pub(crate) fn copy_mut(&mut self, b: BrokerId) -> Option<&mut Replica> {
        self.copies.iter_mut().find(|c| c.broker == b)
    }

    /// The log clients read: the elected leader's; with no leader, the copy of the first
    /// replica (as it is on disk).
    pub fn log(&self) -> &PartitionLog {
        let b = self.reg.leader.unwrap_or(self.reg.replicas[0]);
        &self.copy(b).unwrap_or(&self.copies[0]).log
    }

    pub(crate) fn leader_log_mut(&mut self) -> &mut PartitionLog {
        let b = self.reg.leader.unwrap_or(self.reg.replicas[0]);
        let at = self.copies.iter().position(|c| c.broker == b).unwrap_or(0);
        &mut self.copies[at].log
    }

    /// Broker `b` learns the current registration (its metadata catches up): it becomes
    /// leader (`Partition#makeLeader`) or follower (`makeFollower`), or, still leading in
    /// the same epoch, takes the committed ISR (`handleAlterPartitionUpdate`).
    pub(crate) fn learn(&mut self, b: BrokerId, now: i64) {
        let reg = self.reg.clone();
        let Some(copy) = self.copy_mut(b) else {
            return;
        };
        let known = copy.leader_epoch();
        if reg.leader == Some(b) {
            match &mut copy.view {
                View::Leader {
                    leader_epoch,
                    isr,
                    pending,
                    ..
                } if *leader_epoch == reg.leader_epoch => {
                    *isr = reg.isr.clone();
                    *pending = None;
                }
                _ if known > reg.leader_epoch => {}
                _ => {
                    let start = copy.log.log_end_offset();
                    if copy
                        .epochs
                        .last()
                        .is_none_or(|(e, _)| *e < reg.leader_epoch)
                    {
                        copy.epochs.push((reg.leader_epoch, start));
                    }
                    // Replica#resetReplicaState(isNewLeader): followers in the ISR count as
                    // caught up now; their log ends are unknown until they fetch.
                    let remotes = reg
                        .replicas
                        .iter()
                        .filter(|r| **r != b)
                        .map(|r| Remote::new(*r, if reg.isr.contains(r) { now } else { 0 }))
                        .collect();
                    copy.view = View::Leader {
                        leader_epoch: reg.leader_epoch,
                        isr: reg.isr.clone(),
                        pending: None,
                        epoch_start_offset: start,
                        remotes,
                    };
                }
            }
        } else if known <= reg.leader_epoch {
            copy.view = View::Follower {
                leader: reg.leader,
                leader_epoch: reg.leader_epoch,
            };
        }
    }

    /// The high watermark rule on leader `b` (`Partition#maybeIncrementLeaderHW`): the
    /// smallest log end over the maximal ISR and the caught-up, eligible followers not yet
    /// in it; never while the ISR is below `min.insync.replicas` (KIP-966, strict min
    /// ISR); never backwards. True when it moved.
    pub(crate) fn maybe_increment_hw(
        &mut self,
        b: BrokerId,
        now: i64,
        min_isr: i64,
        max_lag_ms: i64,
        eligible: &dyn Fn(BrokerId) -> bool,
    ) -> bool {
        let Some(copy) = self.copy_mut(b) else {
            return false;
        };
        let leader_end = copy.log.log_end_offset();
        let View::Leader {
            isr,
            pending,
            remotes,
            ..
        } = &copy.view
        else {
            return false;
        };
        let effective_min = min_isr.min(remotes.len() as i64 + 1);
        if (isr.len() as i64) < effective_min {
            return false;
        }
        let maximal = maximal_isr(isr, pending.as_ref());
        let mut hw = leader_end;
        for r in remotes {
            let waits_to_join = r.is_caught_up(leader_end, now, max_lag_ms) && eligible(r.broker);
            if maximal.contains(&r.broker) || waits_to_join {
                hw = hw.min(r.log_end_offset.unwrap_or(-1));
            }
        }
        if hw > copy.log.high_watermark() {
            copy.log.set_high_watermark(hw);
            true
        } else {
            false
        }
    }

    /// The elected leader wrote to its log: its high watermark may move (with no
    /// followers, to the log end at once).
    pub(crate) fn leader_appended(&mut self, now: i64, config: &TopicConfig) {
        if let Some(b) = self.reg.leader {
            self.maybe_increment_hw(
                b,
                now,
                i64::from(config.min_insync_replicas),
                REPLICA_LAG_TIME_MAX_MS,
                &|_| true,
            );
        }
    }

    /// Leader `b` hears a follower's fetch at `fetch_offset` (`Partition#fetchRecords`,
    /// follower branch: `updateFollowerFetchState`).
    pub(crate) fn follower_fetched(
        &mut self,
        b: BrokerId,
        follower: BrokerId,
        fetch_offset: i64,
        now: i64,
    ) {
        let Some(copy) = self.copy_mut(b) else {
            return;
        };
        let leader_end = copy.log.log_end_offset();
        if let View::Leader { remotes, .. } = &mut copy.view {
            if let Some(r) = remotes.iter_mut().find(|r| r.broker == follower) {
                r.fetched(fetch_offset, leader_end, now);
            }
        }
    }
}

/// The ISR the high watermark waits for (KIP-497): with an expansion in flight, the
/// new member too; with a shrink in flight, still the old members.
pub fn maximal_isr(isr: &[BrokerId], pending: Option<&PendingIsr>) -> Vec<BrokerId> {
    match pending {
        Some(PendingIsr::Expand(new)) => new.clone(),
        Some(PendingIsr::Shrink(_)) | None => isr.to_vec(),
    }
}
