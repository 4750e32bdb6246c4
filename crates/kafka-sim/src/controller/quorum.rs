//! The KRaft controller quorum (KIP-595, KIP-631): three controllers by default, one of
//! them the Raft leader, the active controller, writing the metadata log; a change is
//! made only while a majority of them is up. When the active controller dies the others
//! notice after `controller.quorum.fetch.timeout.ms` and elect a new one; without a
//! majority nothing in the metadata can change: no topic, no election, no fencing.

use crate::error::{ErrorKind, KafkaError};
use crate::event::Event;
use crate::metadata_log::MetadataRecord;
use crate::Cluster;

/// The first controller's node id: a quorum of N voters is `101..=100 + N`
/// (`controller.quorum.voters`; three by default, `script.rs`'s header may say otherwise).
pub const FIRST_CONTROLLER_ID: i32 = 101;
/// `controller.quorum.fetch.timeout.ms` (2000): a voter that has not heard from the
/// leader for this long becomes a candidate.
pub const QUORUM_FETCH_TIMEOUT_MS: i64 = 2_000;
/// `controller.quorum.election.timeout.ms` (1000): a candidate's election timer is this
/// plus a random part of it (`QuorumState#randomElectionTimeoutMs`).
pub const QUORUM_ELECTION_TIMEOUT_MS: i64 = 1_000;
/// A leader without fetches from a majority for `fetch.timeout.ms * 1.5` resigns
/// (`LeaderState.CHECK_QUORUM_TIMEOUT_FACTOR`).
pub const CHECK_QUORUM_TIMEOUT_MS: i64 = QUORUM_FETCH_TIMEOUT_MS * 3 / 2;

/// One controller.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Voter {
    /// `node.id`.
    pub id: i32,
    /// Its process is up.
    pub up: bool,
    /// Its copy of the metadata log ends here.
    pub log_end_offset: i64,
}

/// The quorum and its log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Quorum {
    /// The voters, by id.
    pub voters: Vec<Voter>,
    /// The Raft leader: the active controller.
    pub leader: Option<i32>,
    /// The leader epoch of the metadata log.
    pub epoch: i32,
    /// `__cluster_metadata`: each record with the epoch it was written in.
    pub log: Vec<(i32, MetadataRecord)>,
    /// When the next election ends (a candidate's vote).
    pub election_at: Option<i64>,
    /// When a leader that lost its majority resigns.
    pub resign_at: Option<i64>,
    /// When the active controller became active: its periodic tasks count from then.
    pub active_since: i64,
    /// Combined mode (`process.roles=broker,controller`): the voters are brokers
    /// `1..=N`, each controller living and dying with its broker.
    pub combined: bool,
}

impl Quorum {
    /// A quorum whose first controller leads in epoch 1, its log started as a new
    /// cluster's is (`kafka-storage format` bootstrap records with ELR on, and the
    /// cluster-level `min.insync.replicas` the controller writes with it, KAFKA-16540).
    pub fn new(controllers: u32) -> Self {
        Self::with_roles(controllers, false)
    }

    /// Like [`Quorum::new`]; `combined` makes the voters nodes 1 to N, which are also
    /// brokers.
    pub fn with_roles(controllers: u32, combined: bool) -> Self {
        let first = if combined { 1 } else { FIRST_CONTROLLER_ID };
        let mut q = Self {
            voters: (first..first + controllers.max(1) as i32)
                .map(|id| Voter {
                    id,
                    up: true,
                    log_end_offset: 0,
                })
                .collect(),
            leader: Some(first),
            epoch: 1,
            log: Vec::new(),
            election_at: None,
            resign_at: None,
            active_since: 0,
            combined,
        };
        q.append(MetadataRecord::LeaderChange {
            leader: first,
            epoch: 1,
        });
        q.append(MetadataRecord::FeatureLevel {
            name: "eligible.leader.replicas.version",
            level: 1,
        });
        q.append(MetadataRecord::Config {
            resource: "BROKER \"\"".into(),
            name: "min.insync.replicas".into(),
            value: "1".into(),
        });
        q
    }

    fn majority_up(&self) -> bool {
        self.voters.iter().filter(|v| v.up).count() * 2 > self.voters.len()
    }

    /// The active controller: the leader, while a majority of voters is up to commit.
    pub fn active(&self) -> Option<i32> {
        self.leader.filter(|_| self.majority_up())
    }

    /// The log's next offset.
    pub fn next_offset(&self) -> i64 {
        self.log.len() as i64
    }

    /// The committed offset (the Raft high watermark): every record here is held by a
    /// majority as soon as it is written.
    pub fn high_watermark(&self) -> i64 {
        self.log.len() as i64
    }

    /// Writes `record` (its offset returned); the live voters copy it at once.
    pub(crate) fn append(&mut self, record: MetadataRecord) -> i64 {
        let offset = self.next_offset();
        self.log.push((self.epoch, record));
        let end = self.next_offset();
        for v in self.voters.iter_mut().filter(|v| v.up) {
            v.log_end_offset = end;
        }
        offset
    }
}

impl Default for Quorum {
    fn default() -> Self {
        Self::new(3)
    }
}

impl Cluster {
    /// The quorum and its metadata log.
    pub fn quorum(&self) -> &Quorum {
        &self.quorum
    }

    /// Refuses a metadata change while no controller can commit one.
    pub(crate) fn require_controller(&self, what: &str) -> Result<(), KafkaError> {
        if self.quorum.active().is_some() {
            return Ok(());
        }
        Err(KafkaError::new(
            ErrorKind::TimeoutException,
            format!("{what}: no active controller (the controller quorum has no leader with a majority); the request times out after default.api.timeout.ms."),
        ))
    }

    /// Appends `record` to the metadata log when a controller is active.
    pub(crate) fn write_metadata(&mut self, record: MetadataRecord) -> Option<i64> {
        self.quorum.active()?;
        Some(self.quorum.append(record))
    }

    fn voter_mut(&mut self, id: i32) -> Result<&mut Voter, KafkaError> {
        let voters = &mut self.quorum.voters;
        let Some(i) = voters.iter().position(|v| v.id == id) else {
            let ids: Vec<String> = voters.iter().map(|v| v.id.to_string()).collect();
            return Err(KafkaError::new(
                ErrorKind::IllegalArgumentException,
                format!(
                    "Controller {id} is not a voter: the quorum is {}.",
                    ids.join(", ")
                ),
            ));
        };
        Ok(&mut voters[i])
    }

    /// The refusal of a controller verb on a combined node.
    fn refuse_combined(&self, id: i32, verb: &str) -> Result<(), KafkaError> {
        if self.quorum.combined {
            return Err(KafkaError::new(
                ErrorKind::IllegalStateException,
                format!("Node {id} runs the broker and the controller in one process (process.roles=broker,controller): {verb}-broker id={id} stops or starts both."),
            ));
        }
        Ok(())
    }

    /// `kill-controller id=N`.
    pub(crate) fn kill_controller(
        &mut self,
        id: i32,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        self.voter_mut(id)?;
        self.refuse_combined(id, "kill")?;
        if !self.voter_mut(id)?.up {
            return Err(KafkaError::new(
                ErrorKind::IllegalStateException,
                format!("Controller {id} is not running."),
            ));
        }
        out.push(Event::ControllerKilled { controller: id });
        self.voter_down(id);
        Ok(())
    }

    /// In combined mode, the controller of node `id` goes down or out of reach with its
    /// broker (killed, stopped or isolated); nothing for a broker-only node.
    pub(crate) fn combined_voter_down(&mut self, id: i32, crashed: bool, out: &mut Vec<Event>) {
        if !self.quorum.combined || !self.quorum.voters.iter().any(|v| v.id == id && v.up) {
            return;
        }
        if crashed {
            out.push(Event::ControllerKilled { controller: id });
        }
        self.voter_down(id);
    }

    /// In combined mode, the controller of node `id` is back with its broker (restarted
    /// or healed): it catches up the log.
    pub(crate) fn combined_voter_up(&mut self, id: i32, started: bool, out: &mut Vec<Event>) {
        if !self.quorum.combined || !self.quorum.voters.iter().any(|v| v.id == id && !v.up) {
            return;
        }
        if started {
            out.push(Event::ControllerStarted { controller: id });
        }
        self.voter_up(id);
    }

    /// Voter `id` stops taking part: a leader's followers elect another after the fetch
    /// timeout; a follower's loss may cost the leader its majority.
    fn voter_down(&mut self, id: i32) {
        let now = self.now_ms;
        if let Some(v) = self.quorum.voters.iter_mut().find(|v| v.id == id) {
            v.up = false;
        }
        if self.quorum.leader == Some(id) {
            self.quorum.leader = None;
            self.quorum.resign_at = None;
            // The others stop hearing from it; the first whose fetch timeout expires
            // stands for election.
            if self.quorum.majority_up() {
                self.quorum.election_at = Some(now + QUORUM_FETCH_TIMEOUT_MS + 1);
            }
        } else if self.quorum.leader.is_some() && !self.quorum.majority_up() {
            self.quorum.resign_at = Some(now + CHECK_QUORUM_TIMEOUT_MS);
        }
    }

    /// `start-controller id=N`: it catches up the log from the leader (or waits for one).
    pub(crate) fn start_controller(
        &mut self,
        id: i32,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        self.voter_mut(id)?;
        self.refuse_combined(id, "start")?;
        if self.voter_mut(id)?.up {
            return Err(KafkaError::new(
                ErrorKind::IllegalStateException,
                format!("Controller {id} is already running."),
            ));
        }
        out.push(Event::ControllerStarted { controller: id });
        self.voter_up(id);
        Ok(())
    }

    /// Voter `id` takes part again, its log caught up; with a majority back and no
    /// leader, its election timer starts.
    fn voter_up(&mut self, id: i32) {
        let now = self.now_ms;
        let end = self.quorum.next_offset();
        if let Some(v) = self.quorum.voters.iter_mut().find(|v| v.id == id) {
            v.up = true;
            v.log_end_offset = end;
        }
        if self.quorum.majority_up() {
            self.quorum.resign_at = None;
            if self.quorum.leader.is_none() && self.quorum.election_at.is_none() {
                // Its election timer: election.timeout.ms plus a random part of it.
                let jitter = (self.rng.next_u64() % QUORUM_ELECTION_TIMEOUT_MS as u64) as i64;
                self.quorum.election_at = Some(now + QUORUM_ELECTION_TIMEOUT_MS + jitter);
            }
        }
    }

    /// The quorum's timers due now: a leader without a majority resigns; a candidate
    /// wins its election (one of the live voters, drawn from the seeded generator: in
    /// Kafka, whichever's randomized timer fires first).
    pub(crate) fn advance_quorum(&mut self, out: &mut Vec<Event>) {
        let now = self.now_ms;
        if self.quorum.resign_at.is_some_and(|t| t <= now) {
            self.quorum.resign_at = None;
            if let Some(id) = self.quorum.leader.take() {
                out.push(Event::ControllerResigned { controller: id });
            }
        }
        if self.quorum.election_at.is_some_and(|t| t <= now) {
            self.quorum.election_at = None;
            if !self.quorum.majority_up() {
                return;
            }
            let live: Vec<i32> = self
                .quorum
                .voters
                .iter()
                .filter(|v| v.up)
                .map(|v| v.id)
                .collect();
            let winner = live[(self.rng.next_u64() % live.len() as u64) as usize];
            self.quorum.epoch += 1;
            self.quorum.leader = Some(winner);
            let epoch = self.quorum.epoch;
            self.quorum.append(MetadataRecord::LeaderChange {
                leader: winner,
                epoch,
            });
            out.push(Event::ControllerElected {
                controller: winner,
                epoch,
            });
            self.controller_activated(out);
        }
    }

    /// A new active controller (`QuorumController#claim`, `ClusterControlManager
    /// #activate`): every broker gets a fresh session from now; brokers that came up
    /// while no controller could register them register now.
    fn controller_activated(&mut self, out: &mut Vec<Event>) {
        let now = self.now_ms;
        self.quorum.active_since = now;
        self.balance_at = None;
        self.schedule_balance();
        for b in &mut self.brokers {
            if !b.fenced && !b.reaches_controller() {
                b.fence_at = Some(now + crate::broker::BROKER_SESSION_TIMEOUT_MS);
            }
        }
        let waiting: Vec<i32> = self
            .brokers
            .iter()
            .filter(|b| b.awaiting_registration && b.reaches_controller())
            .map(|b| b.id)
            .collect();
        for id in waiting {
            self.register_broker(id, out);
        }
        // Brokers that heartbeat again while no controller could unfence them.
        let fenced: Vec<i32> = self
            .brokers
            .iter()
            .filter(|b| b.fenced && !b.awaiting_registration && b.reaches_controller())
            .map(|b| b.id)
            .collect();
        for id in fenced {
            self.sync_metadata(id);
            self.unfence(id, out);
        }
        // AlterPartitions that waited for a controller.
        let pending: Vec<(std::sync::Arc<str>, u32, Vec<i32>)> = self
            .topics
            .values()
            .flat_map(|t| {
                t.partitions.iter().filter_map(move |p| {
                    let l = p.leader()?;
                    match p.leader_isr(l) {
                        Some((
                            _,
                            Some(
                                crate::partition::PendingIsr::Expand(isr)
                                | crate::partition::PendingIsr::Shrink(isr),
                            ),
                        )) => Some((t.name.clone(), p.id, isr.clone())),
                        _ => None,
                    }
                })
            })
            .collect();
        for (topic, partition, isr) in pending {
            if self
                .broker(
                    self.topic(&topic)
                        .and_then(|t| t.partitions[partition as usize].leader())
                        .unwrap_or(-1),
                )
                .is_some_and(|b| b.reaches_controller())
            {
                self.controller_alter_isr(&topic, partition, isr, out);
            }
        }
    }

    /// When the quorum's next timer fires.
    pub(crate) fn quorum_deadlines(&self, into: &mut Vec<i64>) {
        into.extend(self.quorum.election_at);
        into.extend(self.quorum.resign_at);
    }

    /// `kafka-metadata-quorum describe --status`, as the tool prints it.
    pub fn describe_quorum_status(&self) -> Result<String, KafkaError> {
        let leader = self.require_controller("describeMetadataQuorum").and(
            self.quorum
                .active()
                .ok_or_else(|| KafkaError::new(ErrorKind::TimeoutException, "no leader")),
        )?;
        let end = self.quorum.next_offset();
        let lag = self
            .quorum
            .voters
            .iter()
            .map(|v| end - v.log_end_offset)
            .max()
            .unwrap_or(0);
        // Voters print their CONTROLLER listener (KIP-853's `endpoints`), observers none.
        let voters: Vec<String> = self
            .quorum
            .voters
            .iter()
            .enumerate()
            .map(|(i, v)| {
                format!(
                    "{{\"id\": {}, \"directoryId\": \"{}\", \"endpoints\": [\"CONTROLLER://{}\"]}}",
                    v.id,
                    directory_id(v.id),
                    controller_address(i)
                )
            })
            .collect();
        // Brokers are observers, except combined nodes, which are voters.
        let voter = |id: i32| self.quorum.combined && self.quorum.voters.iter().any(|v| v.id == id);
        let observers: Vec<String> = self
            .brokers
            .iter()
            .filter(|b| b.is_up() && !voter(b.id))
            .map(|b| {
                format!(
                    "{{\"id\": {}, \"directoryId\": \"{}\"}}",
                    b.id,
                    directory_id(b.id)
                )
            })
            .collect();
        Ok(format!(
            "ClusterId:              {}\nLeaderId:               {leader}\nLeaderEpoch:            {}\nHighWatermark:          {}\nMaxFollowerLag:         {lag}\nMaxFollowerLagTimeMs:   {}\nCurrentVoters:          [{}]\nCurrentObservers:       [{}]\n",
            cluster_id(),
            self.quorum.epoch,
            self.quorum.high_watermark(),
            if lag == 0 { 0 } else { -1 },
            voters.join(", "),
            observers.join(", ")
        ))
    }

    /// `kafka-metadata-quorum describe --replication`: `prettyPrintTable`, each column
    /// padded to its widest cell and followed by a tab.
    /// With `human_readable`, timestamps print as `N ms ago` (`--human-readable`).
    pub fn describe_quorum_replication(&self, human_readable: bool) -> Result<String, KafkaError> {
        let leader = self.quorum.active().ok_or_else(|| {
            self.require_controller("describeMetadataQuorum")
                .unwrap_err()
        })?;
        let end = self.quorum.next_offset();
        let now = if human_readable {
            "0 ms ago".to_string()
        } else {
            self.now_ms.to_string()
        };
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut voters: Vec<&Voter> = self.quorum.voters.iter().collect();
        voters.sort_by_key(|v| v.id != leader);
        for v in voters {
            let status = if v.id == leader { "Leader" } else { "Follower" };
            let seen = if v.up { now.clone() } else { "-1".into() };
            rows.push(vec![
                v.id.to_string(),
                directory_id(v.id),
                v.log_end_offset.to_string(),
                (end - v.log_end_offset).to_string(),
                seen.clone(),
                seen,
                status.into(),
            ]);
        }
        let voter = |id: i32| self.quorum.combined && self.quorum.voters.iter().any(|v| v.id == id);
        for b in self.brokers.iter().filter(|b| b.is_up() && !voter(b.id)) {
            let seen = if b.reaches_controller() {
                now.clone()
            } else {
                "-1".into()
            };
            let b_end = if b.reaches_controller() { end } else { 0 };
            rows.push(vec![
                b.id.to_string(),
                directory_id(b.id),
                b_end.to_string(),
                (end - b_end).to_string(),
                seen.clone(),
                seen,
                "Observer".into(),
            ]);
        }
        let headers = [
            "NodeId",
            "DirectoryId",
            "LogEndOffset",
            "Lag",
            "LastFetchTimestamp",
            "LastCaughtUpTimestamp",
            "Status",
        ];
        let mut widths: Vec<usize> = headers.iter().map(|h| h.len()).collect();
        for r in &rows {
            for (i, c) in r.iter().enumerate() {
                widths[i] = widths[i].max(c.len());
            }
        }
        let mut text = String::new();
        let head: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        for r in std::iter::once(&head).chain(rows.iter()) {
            for (i, c) in r.iter().enumerate() {
                text.push_str(c);
                text.push_str(&" ".repeat(widths[i] - c.len()));
                text.push('\t');
            }
            text.push('\n');
        }
        Ok(text)
    }
}

/// The cluster id `kafka-storage random-uuid` would have printed, fixed for the engine.
pub fn cluster_id() -> String {
    crate::admin::topic_id("__cluster_id")
}

/// Where the `i`-th voter's CONTROLLER listener is: the console's brokers are on
/// `localhost:9092`, its controllers on 9093 and on.
pub fn controller_address(i: usize) -> String {
    format!("localhost:{}", 9093 + i)
}

/// A node's log directory id (a random Uuid in Kafka), derived from its id here.
fn directory_id(node: i32) -> String {
    crate::admin::topic_id(&format!("__directory_{node}"))
}
