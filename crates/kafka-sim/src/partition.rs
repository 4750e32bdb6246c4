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

use crate::broker::BrokerId;
use crate::network::{Fetch, Reply};
use crate::partition_log::PartitionLog;
use crate::record::Record;
use crate::topic_config::TopicConfig;

/// `replica.fetch.wait.max.ms` (500): how long a leader parks a follower's fetch that
/// found nothing new (`DelayedFetch`).
pub const REPLICA_FETCH_WAIT_MAX_MS: i64 = 500;

/// `replica.fetch.backoff.ms` (1000): a follower's pause after a refused fetch.
pub const REPLICA_FETCH_BACKOFF_MS: i64 = 1_000;

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
    /// Its fetch found nothing new and waits at the leader (`DelayedFetch`) since then.
    pub parked_since: Option<i64>,
    /// When that parked fetch is answered anyway (`replica.fetch.wait.max.ms` after it
    /// came, in steps of it): set only while the follower's high watermark is behind the
    /// leader's, since an answer with nothing new and nothing to learn changes nothing.
    pub parked_until: Option<i64>,
}

impl Remote {
    fn new(broker: BrokerId, last_caught_up_ms: i64) -> Self {
        Self {
            broker,
            log_end_offset: None,
            last_caught_up_ms,
            last_fetch_leader_log_end_offset: -1,
            last_fetch_ms: 0,
            parked_since: None,
            parked_until: None,
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

/// A follower's fetcher for one partition (`ReplicaFetcherThread`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Fetcher {
    /// Ready to send the next fetch.
    Idle,
    /// A fetch to this leader is in flight or parked there.
    Waiting(BrokerId),
    /// Refused; tries again then (`replica.fetch.backoff.ms`).
    Backoff(i64),
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
    /// Its fetcher, while it follows.
    pub(crate) fetcher: Fetcher,
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

    /// Whether a leader can answer a ListOffsets for the latest offset. A new leader whose
    /// high watermark is still below the start offset of its epoch answers
    /// OFFSET_NOT_AVAILABLE, which clients retry (`Partition#fetchOffsetForTimestamp`,
    /// KIP-207's "lagging high watermark" after an election).
    pub fn latest_offset_available(&self) -> bool {
        match &self.view {
            View::Leader {
                epoch_start_offset, ..
            } => *epoch_start_offset <= self.log.high_watermark(),
            View::Follower { .. } => true,
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

    /// `LeaderEpochFileCache#endOffsetFor`: for this log's latest epoch, its log end;
    /// else the largest epoch at most `epoch` (or `epoch` itself when every cached epoch
    /// is larger) and the start of the first larger one; `None` (`UNDEFINED_EPOCH`) when
    /// no cached epoch is larger.
    pub fn end_offset_for(&self, epoch: i32) -> Option<(i32, i64)> {
        if self.epochs.last().is_some_and(|(e, _)| *e == epoch) {
            return Some((epoch, self.log.log_end_offset()));
        }
        let higher = self.epochs.iter().find(|(e, _)| *e > epoch)?;
        let floor = self.epochs.iter().rev().find(|(e, _)| *e <= epoch);
        Some((floor.map_or(epoch, |(e, _)| *e), higher.1))
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
    /// How many sends to it the producer saw succeed.
    pub(crate) acked: u64,
    /// The broker a produce request is being answered by, while it is (the producer's
    /// leader, which an isolated broker can still be after the controller replaced it);
    /// `None` otherwise, and then the elected leader answers.
    pub(crate) serving: Option<BrokerId>,
}

impl Partition {
    /// A new partition as `RCM.buildPartitionRegistration` writes it: the ISR is the
    /// replicas whose brokers are active, the leader its first entry, epochs 0. Each
    /// broker that reaches the controller (`learns`) learns it at once.
    pub(crate) fn new(
        id: u32,
        replicas: Vec<BrokerId>,
        isr: Vec<BrokerId>,
        now: i64,
        learns: &dyn Fn(BrokerId) -> bool,
    ) -> Self {
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
                fetcher: Fetcher::Idle,
            })
            .collect();
        let mut p = Self {
            id,
            reg,
            copies,
            acked: 0,
            serving: None,
        };
        for b in replicas.into_iter().filter(|b| learns(*b)) {
            p.learn(b, now);
        }
        p
    }

    /// The controller's registration.
    pub fn registration(&self) -> &Registration {
        &self.reg
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

    /// The broker answering produce requests: `serving`, else the elected leader.
    fn answering(&self) -> BrokerId {
        self.serving
            .or(self.reg.leader)
            .unwrap_or(self.reg.replicas[0])
    }

    pub(crate) fn leader_log_mut(&mut self) -> &mut PartitionLog {
        let b = self.answering();
        let at = self.copies.iter().position(|c| c.broker == b).unwrap_or(0);
        &mut self.copies[at].log
    }

    /// The log of the broker answering produce requests.
    pub(crate) fn answering_log(&self) -> &PartitionLog {
        let b = self.answering();
        &self.copy(b).unwrap_or(&self.copies[0]).log
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
                    // Replica#resetReplicaState: followers in the ISR count as caught up
                    // now. A new leader knows none of their log ends until they fetch; one
                    // that led already (re-elected in a new epoch without having followed,
                    // `isNewLeader` false) keeps the log ends it knew.
                    let known_ends: Vec<(BrokerId, Option<i64>)> = match &copy.view {
                        View::Leader { remotes, .. } => remotes
                            .iter()
                            .map(|r| (r.broker, r.log_end_offset))
                            .collect(),
                        View::Follower { .. } => Vec::new(),
                    };
                    let remotes = reg
                        .replicas
                        .iter()
                        .filter(|r| **r != b)
                        .map(|r| {
                            let mut remote =
                                Remote::new(*r, if reg.isr.contains(r) { now } else { 0 });
                            remote.log_end_offset = known_ends
                                .iter()
                                .find(|(f, _)| f == r)
                                .and_then(|(_, end)| *end);
                            remote
                        })
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
            let changed = !matches!(copy.view, View::Follower { leader, leader_epoch }
                if leader == reg.leader && leader_epoch == reg.leader_epoch);
            if changed {
                // makeFollower: a new leader or epoch restarts the fetcher.
                copy.fetcher = Fetcher::Idle;
            }
            copy.view = View::Follower {
                leader: reg.leader,
                leader_epoch: reg.leader_epoch,
            };
        }
    }

    /// Leader `b` takes follower `f`'s fetch (`Partition#fetchRecords`, follower
    /// branch): an answer at once when the epoch is wrong or the follower's log diverges
    /// (KIP-320); otherwise `None`, and the follower's fetch state is updated
    /// (`updateFollowerFetchState`).
    pub(crate) fn check_fetch(
        &mut self,
        b: BrokerId,
        f: BrokerId,
        fetch: &Fetch,
        now: i64,
    ) -> Option<Reply> {
        let Some(copy) = self.copy_mut(b) else {
            return Some(Reply::Refused);
        };
        let View::Leader { leader_epoch, .. } = &copy.view else {
            return Some(Reply::Refused);
        };
        if *leader_epoch != fetch.leader_epoch {
            return Some(Reply::Refused);
        }
        if let Some(last) = fetch.last_fetched_epoch {
            match copy.end_offset_for(last) {
                Some((epoch, end)) if epoch == last && end >= fetch.fetch_offset => {}
                Some((epoch, end)) => {
                    return Some(Reply::Diverging {
                        epoch: Some(epoch),
                        end_offset: end,
                    })
                }
                None => {
                    return Some(Reply::Diverging {
                        epoch: None,
                        end_offset: -1,
                    })
                }
            }
        }
        let leader_end = copy.log.log_end_offset();
        if let View::Leader { remotes, .. } = &mut copy.view {
            if let Some(r) = remotes.iter_mut().find(|r| r.broker == f) {
                r.fetched(fetch.fetch_offset, leader_end, now);
            }
        }
        None
    }

    /// After [`Partition::check_fetch`]: the records from `fetch_offset`, or `None` when
    /// there are none yet and the fetch is parked (`DelayedFetch`).
    pub(crate) fn reply_or_park(
        &mut self,
        b: BrokerId,
        f: BrokerId,
        fetch_offset: i64,
        now: i64,
    ) -> Option<Reply> {
        let (follower_hw, follower_start) = self.copy(f).map_or((0, 0), |c| {
            (c.log.high_watermark(), c.log.log_start_offset())
        });
        let copy = self.copy_mut(b)?;
        let leader_end = copy.log.log_end_offset();
        let hw = copy.log.high_watermark();
        let start = copy.log.log_start_offset();
        if fetch_offset >= leader_end {
            if let View::Leader { remotes, isr, .. } = &mut copy.view {
                // Its next fetch matters only if it learns something: a high watermark,
                // or (outside the ISR) a chance to join it.
                let next_matters = follower_hw < hw || follower_start < start || !isr.contains(&f);
                if let Some(r) = remotes.iter_mut().find(|r| r.broker == f) {
                    r.parked_since = Some(now);
                    r.parked_until = next_matters.then_some(now + REPLICA_FETCH_WAIT_MAX_MS);
                    return None;
                }
            }
        }
        Some(self.records_for(b, fetch_offset))
    }

    /// The leader's records from `from` on, with their epochs, and its high watermark.
    fn records_for(&self, b: BrokerId, from: i64) -> Reply {
        let Some(copy) = self.copy(b) else {
            return Reply::Refused;
        };
        let all = copy.log.records();
        let at = all.partition_point(|r| r.offset < from);
        let records = all[at..]
            .iter()
            .map(|r| (copy.epoch_of(r.offset), r.clone()))
            .collect();
        Reply::Records {
            records,
            high_watermark: copy.log.high_watermark(),
            log_start_offset: copy.log.log_start_offset(),
        }
    }

    /// Parked fetches on leader `b` that complete now: all of them after an append
    /// (`tryCompleteDelayedFetch`), else those whose wait ran out. Each follower so
    /// answered is taken off the park.
    pub(crate) fn complete_parked(
        &mut self,
        b: BrokerId,
        now: i64,
        appended: bool,
    ) -> Vec<(BrokerId, Reply)> {
        let Some(copy) = self.copy_mut(b) else {
            return Vec::new();
        };
        let leader_end = copy.log.log_end_offset();
        let View::Leader { remotes, .. } = &mut copy.view else {
            return Vec::new();
        };
        let mut done = Vec::new();
        for r in remotes.iter_mut() {
            let Some(since) = r.parked_since else {
                continue;
            };
            let due = appended || r.parked_until.is_some_and(|t| t <= now);
            if !due {
                continue;
            }
            // A parked follower at the log end stands for one that fetched again every
            // replica.fetch.wait.max.ms, caught up each time.
            if r.log_end_offset
                .is_some_and(|o| o >= r.last_fetch_leader_log_end_offset)
            {
                let last_refetch =
                    since + (now - since) / REPLICA_FETCH_WAIT_MAX_MS * REPLICA_FETCH_WAIT_MAX_MS;
                r.last_caught_up_ms =
                    r.last_caught_up_ms
                        .max(if appended { now } else { last_refetch });
                r.last_fetch_ms = r.last_fetch_ms.max(last_refetch);
            }
            r.parked_since = None;
            r.parked_until = None;
            done.push((r.broker, r.log_end_offset.unwrap_or(0)));
        }
        let _ = leader_end;
        done.into_iter()
            .map(|(f, from)| (f, self.records_for(b, from)))
            .collect()
    }

    /// The high watermark moved on leader `b`: parked followers now behind it get an
    /// answer at the end of their current wait.
    pub(crate) fn schedule_parked(&mut self, b: BrokerId, now: i64) {
        let hws: Vec<(BrokerId, i64, i64)> = self
            .copies
            .iter()
            .map(|c| (c.broker, c.log.high_watermark(), c.log.log_start_offset()))
            .collect();
        let Some(copy) = self.copy_mut(b) else {
            return;
        };
        let hw = copy.log.high_watermark();
        let start = copy.log.log_start_offset();
        if let View::Leader { remotes, .. } = &mut copy.view {
            for r in remotes.iter_mut() {
                let (Some(since), None) = (r.parked_since, r.parked_until) else {
                    continue;
                };
                // Behind on the high watermark, or on the log start offset that
                // retention moved (the answer carries both).
                let behind = hws
                    .iter()
                    .any(|(f, h, s)| *f == r.broker && (*h < hw || *s < start));
                if behind {
                    let waits = (now - since) / REPLICA_FETCH_WAIT_MAX_MS + 1;
                    r.parked_until = Some(since + waits * REPLICA_FETCH_WAIT_MAX_MS);
                }
            }
        }
    }

    /// Follower `f` takes a leader's answer (`ReplicaFetcherThread#processPartitionData`,
    /// `AbstractFetcherThread#truncateOnFetchResponse`). Returns the offset it truncated
    /// to and how many records went, if it truncated.
    pub(crate) fn take_reply(
        &mut self,
        f: BrokerId,
        reply: Reply,
        config: &TopicConfig,
        now: i64,
    ) -> Option<(i64, usize)> {
        let copy = self.copy_mut(f)?;
        match reply {
            Reply::Records {
                records,
                high_watermark,
                log_start_offset,
            } => {
                // Its log ends below the leader's start (retention deleted what it
                // would fetch next): OFFSET_OUT_OF_RANGE, and the follower starts over
                // at the leader's log start offset (`AbstractFetcherThread#
                // handleOutOfRangeError`, `truncateFullyAndStartAt`).
                if copy.log.log_end_offset() < log_start_offset {
                    copy.log.truncate_fully_and_start_at(log_start_offset);
                    copy.epochs.clear();
                }
                copy.append_copies(&records, config);
                copy.log.advance_log_start_offset(log_start_offset);
                let end = copy.log.log_end_offset();
                // A follower's high watermark is the leader's, capped at its own end, even
                // when that is lower than its own (UnifiedLog#maybeUpdateHighWatermark from
                // ReplicaFetcherThread#processPartitionData: a new leader may not have
                // caught up the high watermark its old leader had).
                copy.log.set_high_watermark(high_watermark.min(end));
                copy.fetcher = Fetcher::Idle;
                None
            }
            Reply::Diverging { epoch, end_offset } => {
                copy.fetcher = Fetcher::Idle;
                let leo = copy.log.log_end_offset();
                // AbstractFetcherThread#getOffsetTruncationState.
                let to = match epoch {
                    // UNDEFINED_EPOCH_OFFSET: back to the high watermark.
                    None => copy.log.high_watermark().min(leo),
                    Some(e) => match copy.end_offset_for(e) {
                        // This log does not know the leader's epoch: to the end of its own
                        // largest epoch below it (another round may follow).
                        Some((mine, mine_end)) if mine != e => mine_end.min(leo),
                        Some((_, mine_end)) => mine_end.min(end_offset).min(leo),
                        None => end_offset.min(leo),
                    },
                };
                let removed = copy.truncate_to(to, config);
                if copy.log.high_watermark() > to {
                    copy.log.set_high_watermark(to);
                }
                Some((to, removed))
            }
            Reply::Refused => {
                copy.fetcher = Fetcher::Backoff(now + REPLICA_FETCH_BACKOFF_MS);
                None
            }
        }
    }

    /// Followers in leader `b`'s ISR that have not caught up within the lag
    /// (`Partition#getOutOfSyncReplicas`), or whose brokers may not be in an ISR.
    pub(crate) fn out_of_sync(
        &self,
        b: BrokerId,
        now: i64,
        eligible: &dyn Fn(BrokerId) -> bool,
    ) -> Vec<BrokerId> {
        let Some(copy) = self.copy(b) else {
            return Vec::new();
        };
        let leader_end = copy.log.log_end_offset();
        let View::Leader {
            isr,
            pending: None,
            remotes,
            ..
        } = &copy.view
        else {
            return Vec::new();
        };
        remotes
            .iter()
            .filter(|r| isr.contains(&r.broker))
            .filter(|r| {
                !r.is_caught_up(leader_end, now, REPLICA_LAG_TIME_MAX_MS) || !eligible(r.broker)
            })
            .map(|r| r.broker)
            .collect()
    }

    /// When a follower in leader `b`'s ISR will have lagged too long, if one lags.
    pub(crate) fn lag_deadline(&self, b: BrokerId) -> Option<i64> {
        let copy = self.copy(b)?;
        let leader_end = copy.log.log_end_offset();
        let View::Leader { isr, remotes, .. } = &copy.view else {
            return None;
        };
        remotes
            .iter()
            .filter(|r| isr.contains(&r.broker) && r.log_end_offset != Some(leader_end))
            .filter(|r| r.parked_since.is_none())
            .map(|r| r.last_caught_up_ms + REPLICA_LAG_TIME_MAX_MS + 1)
            .min()
    }

    /// A follower leader `b` may add to its ISR (`Partition#maybeExpandIsr`): caught up
    /// to the high watermark and to the start of this leader's epoch, and eligible.
    pub(crate) fn may_join_isr(&self, b: BrokerId, f: BrokerId) -> bool {
        let Some(copy) = self.copy(b) else {
            return false;
        };
        let hw = copy.log.high_watermark();
        let View::Leader {
            isr,
            pending: None,
            epoch_start_offset,
            remotes,
            ..
        } = &copy.view
        else {
            return false;
        };
        !isr.contains(&f)
            && remotes.iter().any(|r| {
                r.broker == f
                    && r.log_end_offset
                        .is_some_and(|o| o >= hw && o >= *epoch_start_offset)
            })
    }

    /// Leader `b` sends an AlterPartition: the change is in flight until the controller
    /// answers.
    pub(crate) fn set_pending(&mut self, b: BrokerId, change: PendingIsr) {
        if let Some(copy) = self.copy_mut(b) {
            if let View::Leader { pending, .. } = &mut copy.view {
                *pending = Some(change);
            }
        }
    }

    /// The registration the controller committed.
    pub(crate) fn set_registration(&mut self, reg: Registration) {
        self.reg = reg;
    }

    /// The ISR leader `b` holds, and its pending change.
    pub fn leader_isr(&self, b: BrokerId) -> Option<(&[BrokerId], Option<&PendingIsr>)> {
        match &self.copy(b)?.view {
            View::Leader { isr, pending, .. } => Some((isr, pending.as_ref())),
            View::Follower { .. } => None,
        }
    }

    /// Follower `f` became eligible for the ISR: a fetch of its parked at leader `b` is
    /// answered at the end of its wait, so that its next fetch can join it.
    pub(crate) fn wake_parked(&mut self, b: BrokerId, f: BrokerId, now: i64) {
        if let Some(View::Leader { remotes, .. }) = self.copy_mut(b).map(|c| &mut c.view) {
            if let Some(r) = remotes.iter_mut().find(|r| r.broker == f) {
                if let (Some(since), None) = (r.parked_since, r.parked_until) {
                    let waits = (now - since) / REPLICA_FETCH_WAIT_MAX_MS + 1;
                    r.parked_until = Some(since + waits * REPLICA_FETCH_WAIT_MAX_MS);
                }
            }
        }
    }

    /// Broker `b`'s process restarted: it believes nothing of the partition until it
    /// learns the registration again.
    pub(crate) fn forget_view(&mut self, b: BrokerId) {
        if let Some(copy) = self.copy_mut(b) {
            copy.view = View::Follower {
                leader: None,
                leader_epoch: -1,
            };
            copy.fetcher = Fetcher::Idle;
        }
    }

    /// Broker `b` stopped: its fetcher and its parked fetches are gone; as leader it
    /// forgets what it knew of followers.
    pub(crate) fn broker_down(&mut self, b: BrokerId) {
        if let Some(copy) = self.copy_mut(b) {
            copy.fetcher = Fetcher::Idle;
            if let View::Leader { remotes, .. } = &mut copy.view {
                for r in remotes {
                    r.parked_since = None;
                    r.parked_until = None;
                }
            }
        }
    }

    /// A link to `b` was cut: followers waiting on `b` fetch again; on `b` as leader,
    /// fetches parked by other brokers are gone.
    pub(crate) fn link_cut(&mut self, b: BrokerId) {
        for copy in &mut self.copies {
            if copy.fetcher == Fetcher::Waiting(b) {
                copy.fetcher = Fetcher::Idle;
            }
        }
        self.broker_down(b);
        for copy in &mut self.copies {
            if let View::Leader { remotes, .. } = &mut copy.view {
                if let Some(r) = remotes.iter_mut().find(|r| r.broker == b) {
                    r.parked_since = None;
                    r.parked_until = None;
                }
            }
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
        // Without followers (a single replica) the log end is the high watermark; no
        // maximal ISR to build on every append.
        let maximal: &[BrokerId] = match pending {
            Some(PendingIsr::Expand(new)) => new,
            Some(PendingIsr::Shrink(_)) | None => isr,
        };
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
    /// followers, to the log end at once); returns it. Followers outside the ISR are not waited for
    /// here (`isReplicaIsrEligible` needs the broker's metadata; a caught-up follower
    /// joins the ISR on its fetch, where the rule runs again with it).
    pub(crate) fn leader_appended(&mut self, now: i64, config: &TopicConfig) -> i64 {
        // One replica: no follower to wait for, the log end is the high watermark (the
        // rule below gives the same; this is the hot path of every unreplicated append).
        if let [only] = self.copies.as_mut_slice() {
            let end = only.log.log_end_offset();
            only.log.set_high_watermark(end);
            return end;
        }
        if let Some(b) = self.serving.or(self.reg.leader) {
            self.maybe_increment_hw(
                b,
                now,
                i64::from(config.min_insync_replicas),
                REPLICA_LAG_TIME_MAX_MS,
                &|_| false,
            );
        }
        self.answering_log().high_watermark()
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::Reply;
    use crate::record::Record;

    fn record(offset: i64) -> Record {
        Record {
            offset,
            timestamp: 0,
            key: None,
            value: Some("v".into()),
            headers: Default::default(),
            producer: crate::producer_state::ProducerTag::NONE,
        }
    }

    // Replica#resetReplicaState: a leader re-elected in a new epoch without having
    // followed in between keeps its followers' log ends; a new leader starts without.
    #[test]
    fn a_re_elected_leader_keeps_its_followers_log_ends_and_a_new_one_does_not() {
        let mut p = Partition::new(0, vec![1, 2], vec![1, 2], 0, &|_| true);
        if let View::Leader { remotes, .. } = &mut p.copy_mut(1).unwrap().view {
            remotes[0].log_end_offset = Some(3);
        }
        let end_of_2 = |p: &Partition| match p.copy(1).unwrap().view() {
            View::Leader { remotes, .. } => remotes[0].log_end_offset,
            View::Follower { .. } => panic!("leads"),
        };
        let mut reg = p.registration().clone();
        reg.leader_epoch += 1;
        p.set_registration(reg.clone());
        p.learn(1, 10);
        assert_eq!(end_of_2(&p), Some(3), "re-elected: kept");
        // Broker 1 follows for an epoch, then leads again: a new leader.
        reg.leader = Some(2);
        reg.leader_epoch += 1;
        p.set_registration(reg.clone());
        p.learn(1, 20);
        reg.leader = Some(1);
        reg.leader_epoch += 1;
        p.set_registration(reg);
        p.learn(1, 30);
        assert_eq!(end_of_2(&p), None, "new leader: unknown until it fetches");
    }

    // UnifiedLog#maybeUpdateHighWatermark, from ReplicaFetcherThread#processPartitionData:
    // a follower takes the high watermark its leader answers with, capped at its own log
    // end, even when that is lower than its own (a new leader that has not caught up the
    // high watermark the old one had).
    #[test]
    fn a_follower_takes_its_leaders_high_watermark_capped_at_its_end_even_when_lower() {
        let config = TopicConfig::default();
        let mut p = Partition::new(0, vec![1, 2], vec![1, 2], 0, &|_| true);
        let answer = |records: Vec<(i32, Record)>, high_watermark| Reply::Records {
            records,
            high_watermark,
            log_start_offset: 0,
        };
        p.take_reply(
            2,
            answer(vec![(0, record(0)), (0, record(1))], 5),
            &config,
            0,
        );
        let follower = |p: &Partition| p.copy(2).unwrap().log().high_watermark();
        assert_eq!(follower(&p), 2, "capped at its log end");
        p.take_reply(2, answer(Vec::new(), 1), &config, 0);
        assert_eq!(follower(&p), 1, "lowered to the leader's");
    }
}
