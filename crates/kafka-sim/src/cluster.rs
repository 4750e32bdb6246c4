//! The simulated cluster: brokers, topics, partition logs, a producer and a logical
//! clock. `apply` is the only way to change it.

use crate::collections::VecMap;
use std::fmt::Write as _;
use std::sync::Arc;

use crate::command::ProduceFault;
use crate::command::{Command, Produce};
use crate::consumer::Consumer;
use crate::error::{ErrorKind, KafkaError};
use crate::event::Event;
use crate::group::Group;
use crate::partition_log::PartitionLog;
use crate::partitioner::{hash_key, Partitioner, Routing};
use crate::producer::ProducerState;
use crate::producer_state::{Verdict, NO_PRODUCER_ID};
use crate::record::{batch_size_in_bytes, Record};
use crate::rng::SplitMix64;
use crate::topic_config::TopicConfig;
use crate::topic_name;

/// A broker id (`node.id`).
pub type BrokerId = i32;

/// One partition of a topic: its replica placement and the leader's log.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Partition {
    /// Partition number.
    pub id: u32,
    /// The broker that serves reads and writes.
    pub leader: BrokerId,
    /// Brokers holding a copy, preferred leader first.
    pub replicas: Vec<BrokerId>,
    /// Replicas caught up with the leader.
    pub isr: Vec<BrokerId>,
    /// The leader's log.
    pub log: PartitionLog,
}

/// A topic: its config and partitions.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Topic {
    /// Name.
    pub name: Arc<str>,
    /// Replication factor it was created with.
    pub replication_factor: u32,
    /// Topic-level configs.
    pub config: TopicConfig,
    /// Partitions by number.
    pub partitions: Vec<Partition>,
}

/// Broker defaults that apply when CreateTopics leaves a value out.
/// `num.partitions` and `default.replication.factor` are both 1 in Kafka.
pub const DEFAULT_NUM_PARTITIONS: i32 = 1;
/// See [`DEFAULT_NUM_PARTITIONS`].
pub const DEFAULT_REPLICATION_FACTOR: i32 = 1;

/// The most partitions one topic may have here. Kafka's controller also bounds one
/// request (`QuorumController.MAX_RECORDS_PER_USER_OP` = 10000 records); the playground
/// bounds the topic, so no command can exhaust a browser tab's memory.
pub const MAX_PARTITIONS_PER_TOPIC: i32 = 10_000;

/// The producer's `max.block.ms` default: how long `send` waits for metadata.
pub const MAX_BLOCK_MS: i64 = 60_000;

/// The whole simulated state. Cloning it is a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    pub(crate) now_ms: i64,
    brokers: Vec<BrokerId>,
    pub(crate) topics: VecMap<Arc<str>, Topic>,
    pub(crate) producer: ProducerState,
    rng: SplitMix64,
    /// The next producer id InitProducerId hands out (the controller's block starts at 0).
    pub(crate) next_producer_id: i64,
    /// How many consumers were created: the seed of each consumer-protocol member id.
    pub(crate) consumers_created: u64,
    pub(crate) consumers: VecMap<Arc<str>, Consumer>,
    pub(crate) groups: VecMap<Arc<str>, Group>,
    /// The transaction coordinator's state per `transactional.id`.
    pub(crate) transactions: VecMap<String, crate::transaction::TxnMetadata>,
    /// Each consumer group's application database (see `app.rs`).
    pub(crate) apps: VecMap<Arc<str>, crate::app::AppState>,
}

/// The seed a fresh cluster uses unless told otherwise.
pub const DEFAULT_SEED: u64 = 0x006b_6166_6b61; // "kafka"

impl Default for Cluster {
    fn default() -> Self {
        Self::new(1, DEFAULT_SEED)
    }
}

impl Cluster {
    /// A cluster of brokers `1..=brokers` whose random choices follow `seed`.
    pub fn new(brokers: u32, seed: u64) -> Self {
        Self {
            now_ms: 0,
            brokers: (1..=brokers.max(1) as BrokerId).collect(),
            topics: VecMap::new(),
            producer: ProducerState::default(),
            rng: SplitMix64::new(seed),
            next_producer_id: 0,
            consumers_created: 0,
            consumers: VecMap::new(),
            groups: VecMap::new(),
            apps: VecMap::new(),
            transactions: VecMap::new(),
        }
    }

    /// Applies a script (`command::parse_script`: one command a line, `#` comments),
    /// stopping at the first refusal: the events so far, or the 1-based line that failed
    /// with its error. Commands before it stay applied.
    pub fn apply_script(&mut self, text: &str) -> Result<Vec<Event>, (usize, KafkaError)> {
        let mut events = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let command: Command = line.parse().map_err(|e| (i + 1, e))?;
            self.apply_into(&command, &mut events)
                .map_err(|e| (i + 1, e))?;
        }
        Ok(events)
    }

    /// Applies one command. On success, the events it caused; on failure the state is
    /// exactly as before and the error says why, as Kafka would.
    pub fn apply(&mut self, command: &Command) -> Result<Vec<Event>, KafkaError> {
        let mut events = Vec::new();
        self.apply_into(command, &mut events)?;
        Ok(events)
    }

    /// Like [`Cluster::apply`], appending events to `out` (which is left as it was on error).
    pub fn apply_into(
        &mut self,
        command: &Command,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        self.apply_command(command, out)?;
        // Consumer-protocol members heartbeat in the background between calls.
        #[cfg(feature = "groups")]
        self.modern_heartbeats(out);
        Ok(())
    }

    fn apply_command(&mut self, command: &Command, out: &mut Vec<Event>) -> Result<(), KafkaError> {
        match command {
            Command::CreateTopic {
                name,
                partitions,
                replication_factor,
                configs,
            } => self.create_topic(name, *partitions, *replication_factor, configs, out),
            Command::AlterTopic { name, partitions } => {
                self.alter_partitions(name, *partitions, out)
            }
            // A transactional send is checked after its partition is chosen
            // (TransactionManager#maybeAddPartition names it), and a forced sequence number
            // is answered after the producer numbered the batch, so those sends run on a
            // copy; every other refusal comes first.
            Command::Produce(p)
                if p.sequence.is_some() || self.producer.transactional_id.is_some() =>
            {
                self.transact(out, |c, o| c.produce(p, o))
            }
            Command::Produce(p) => self.produce(p, out),
            Command::Fetch {
                reader,
                topic,
                partition,
                offset,
                max,
            } => self.fetch(reader.as_deref(), topic, *partition, *offset, *max, out),
            Command::SetProducer { configs } => {
                let mut next = self.producer.clone();
                for (k, v) in configs {
                    next.set(k, v)?;
                }
                next.validate()?;
                self.producer = next;
                out.extend(configs.iter().map(|(k, v)| Event::ProducerConfigured {
                    name: Arc::from(k.as_str()),
                    value: Arc::from(v.as_str()),
                }));
                for (k, _) in configs {
                    if self.producer.not_modelled.iter().any(|n| n == k) {
                        out.push(Event::ConfigNotModelled {
                            client: Arc::from("producer"),
                            name: Arc::from(k.as_str()),
                            note: crate::client_config_names::not_modelled(
                                crate::client_config_names::PRODUCER,
                                k,
                            ),
                        });
                    }
                }
                Ok(())
            }
            Command::Tick { ms } => {
                if *ms < 0 {
                    return Err(KafkaError::syntax("tick: the clock only moves forward"));
                }
                let target = self.now_ms.saturating_add(*ms);
                // Timers fire in time order: each one at its own instant, so a session
                // that expires at 45 s does so before a join that completes at 60 s.
                while let Some(at) = self.next_timer().filter(|t| *t <= target) {
                    self.now_ms = at;
                    self.fire_timers(out);
                }
                self.now_ms = target;
                out.push(Event::ClockAdvanced {
                    now_ms: self.now_ms,
                });
                self.fire_timers(out);
                Ok(())
            }
            Command::CreateConsumer { .. }
            | Command::Subscribe { .. }
            | Command::Poll { .. }
            | Command::Commit { .. }
            | Command::Seek { .. }
            | Command::CrashConsumer { .. }
            | Command::Process { .. }
            | Command::SendOffsetsToTransaction { .. }
            | Command::Close { .. } => self.consumer_command(command, out),
            Command::InitTransactions => self.transact(out, |c, o| c.init_transactions(o)),
            Command::BeginTransaction => self.transact(out, |c, o| c.begin_transaction(o)),
            Command::CommitTransaction => {
                self.transact(out, |c, o| c.complete_transaction(true, o))
            }
            Command::AbortTransaction => {
                self.transact(out, |c, o| c.complete_transaction(false, o))
            }
        }
    }

    /// The instants at which the engine's timers fire: consumers' poll timers, sessions,
    /// rebalance timeouts, the consumer protocol's timers, the transaction coordinator's
    /// cleanup.
    fn deadlines(&self) -> Vec<i64> {
        let mut out = self.transaction_deadlines();
        #[cfg(feature = "groups")]
        {
            out.extend(self.group_deadlines());
            out.extend(self.modern_deadlines());
        }
        out
    }

    /// The next instant after now at which a timer fires.
    fn next_timer(&self) -> Option<i64> {
        self.deadlines()
            .into_iter()
            .filter(|t| *t > self.now_ms)
            .min()
    }

    /// The last instant after now at which something a client sees depends on time: a
    /// timer fires, or a client's clock-driven behaviour comes due (an auto-commit
    /// interval with something to commit, a metadata refresh that would change a
    /// partition count, the consumer protocol's assignment interval). `None` when nothing
    /// does: then time passing changes nothing a client can see. The cross-check waits on
    /// a real broker only while something is pending.
    pub fn last_pending_deadline(&self) -> Option<i64> {
        let now = self.now_ms;
        let mut all = self.deadlines();
        // An auto-commit interval matters only to a consumer with something to commit.
        #[cfg(feature = "groups")]
        all.extend(
            self.consumers
                .values()
                .filter(|c| {
                    c.liveness == crate::consumer::Liveness::Running
                        && c.config.enable_auto_commit
                        && c.positions.iter().any(|(tp, o)| {
                            self.groups
                                .get(c.config.group_id.as_str())
                                .and_then(|g| g.committed.get(tp))
                                != Some(o)
                        })
                })
                .map(|c| c.next_auto_commit_ms),
        );
        // A metadata refresh matters only when the partition count changed.
        all.extend(
            self.producer
                .metadata
                .iter()
                .filter(|(t, count, _)| {
                    self.topics
                        .get(t)
                        .is_some_and(|topic| topic.partitions.len() as u32 != *count)
                })
                .map(|(_, _, at)| at + self.producer.metadata_max_age_ms),
        );
        // The next target assignment of a consumer-protocol group waits for its interval.
        #[cfg(feature = "groups")]
        all.extend(
            self.groups
                .values()
                .filter_map(|g| g.modern.as_ref()?.assignment_ms)
                .map(|t| t + crate::group::modern::ASSIGNMENT_INTERVAL_MS),
        );
        all.into_iter().filter(|t| *t > now).max()
    }

    /// What the clock's arrival at `now_ms` sets off.
    fn fire_timers(&mut self, out: &mut Vec<Event>) {
        #[cfg(feature = "groups")]
        self.advance_groups(out);
        #[cfg(feature = "groups")]
        self.advance_modern(out);
        self.abort_timed_out_transactions(out);
    }

    /// Consumer commands touch several structures; they run on a copy that replaces the
    /// state only on success, so a refusal changes nothing.
    #[cfg(feature = "groups")]
    fn consumer_command(
        &mut self,
        command: &Command,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        match command {
            Command::CreateConsumer {
                name,
                group,
                configs,
            } => self.transact(out, |c, o| c.create_consumer(name, group, configs, o)),
            Command::Subscribe { consumer, topics } => {
                self.transact(out, |c, o| c.subscribe(consumer, topics, o))
            }
            Command::Poll { consumer } => self.transact(out, |c, o| c.poll(consumer, o)),
            Command::Commit {
                consumer,
                offset,
                asynchronous,
            } => self.transact(out, |c, o| {
                c.commit(consumer, offset.as_ref(), *asynchronous, o)
            }),
            Command::Seek {
                consumer,
                topic,
                partition,
                offset,
            } => self.transact(out, |c, o| c.seek(consumer, topic, *partition, *offset, o)),
            Command::CrashConsumer { consumer } => self.transact(out, |c, o| c.crash(consumer, o)),
            Command::Close { consumer } => self.transact(out, |c, o| c.close(consumer, o)),
            Command::Process {
                consumer,
                count,
                unique_key,
                output,
            } => self.transact(out, |c, o| {
                c.process(consumer, *count, *unique_key, output.as_deref(), o)
            }),
            Command::SendOffsetsToTransaction { consumer } => {
                self.transact(out, |c, o| c.send_offsets_to_transaction(consumer, o))
            }
            other => Err(KafkaError::syntax(format!(
                "{} is not a consumer command",
                other.verb()
            ))),
        }
    }

    /// Without the `groups` feature, consumer commands are refused plainly.
    #[cfg(not(feature = "groups"))]
    fn consumer_command(
        &mut self,
        command: &Command,
        _out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        Err(KafkaError::new(
            ErrorKind::IllegalStateException,
            format!(
                "`{}` needs consumer groups, which this build of the engine leaves out (kafka-sim feature \"groups\").",
                command.verb()
            ),
        ))
    }

    /// Runs `f` on a copy; on success the copy becomes the state and its events are
    /// appended, on failure nothing changes.
    fn transact(
        &mut self,
        out: &mut Vec<Event>,
        f: impl FnOnce(&mut Cluster, &mut Vec<Event>) -> Result<(), KafkaError>,
    ) -> Result<(), KafkaError> {
        let mut next = self.clone();
        let mut events = Vec::new();
        f(&mut next, &mut events)?;
        *self = next;
        out.extend(events);
        Ok(())
    }

    // -- queries -------------------------------------------------------------------------

    /// Logical time in ms.
    pub fn now_ms(&self) -> i64 {
        self.now_ms
    }

    /// Broker ids.
    pub fn brokers(&self) -> &[BrokerId] {
        &self.brokers
    }

    /// Topics by name.
    pub fn topics(&self) -> impl Iterator<Item = &Topic> {
        self.topics.values()
    }

    /// One topic.
    pub fn topic(&self, name: &str) -> Option<&Topic> {
        self.topics.get(name)
    }

    /// One partition's log.
    pub fn log(&self, topic: &str, partition: u32) -> Option<&PartitionLog> {
        Some(&self.topic(topic)?.partitions.get(partition as usize)?.log)
    }

    /// The producer's configuration and partitioner state.
    pub fn producer(&self) -> &ProducerState {
        &self.producer
    }

    /// A canonical text rendering of the state, for goals and golden files: stable,
    /// complete for what lessons check, and free of presentation.
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "clock {}ms brokers {:?}", self.now_ms, self.brokers);
        for t in self.topics.values() {
            let _ = write!(
                s,
                "topic {} partitions={} rf={}",
                t.name,
                t.partitions.len(),
                t.replication_factor
            );
            for (k, v) in &t.config.overrides {
                let _ = write!(s, " {k}={v}");
            }
            s.push('\n');
            for p in &t.partitions {
                let segs: Vec<String> = p
                    .log
                    .segments()
                    .iter()
                    .map(|g| g.base_offset.to_string())
                    .collect();
                let _ = writeln!(
                    s,
                    "  p{} leader={} replicas={:?} isr={:?} start={} leo={} hw={} segments=[{}]",
                    p.id,
                    p.leader,
                    p.replicas,
                    p.isr,
                    p.log.log_start_offset(),
                    p.log.log_end_offset(),
                    p.log.high_watermark(),
                    segs.join(",")
                );
                if p.log.last_stable_offset() != p.log.high_watermark() {
                    let _ = writeln!(s, "    lso={}", p.log.last_stable_offset());
                }
                for r in p.log.records() {
                    if r.producer.is_control() {
                        let kind =
                            if r.producer.attributes & crate::producer_state::CONTROL_COMMIT != 0 {
                                "COMMIT"
                            } else {
                                "ABORT"
                            };
                        let _ = writeln!(
                            s,
                            "    {} {kind} marker producer={}",
                            r.offset, r.producer.id
                        );
                        continue;
                    }
                    let _ = writeln!(
                        s,
                        "    {} key={} value={}",
                        r.offset,
                        r.key.as_deref().unwrap_or("null"),
                        r.value.as_deref().unwrap_or("null")
                    );
                }
            }
        }
        for c in self.consumers.values() {
            let owned: Vec<String> = c.owned.iter().map(crate::consumer::tp_name).collect();
            let positions: Vec<String> = c
                .positions
                .iter()
                .map(|(tp, o)| format!("{}@{o}", crate::consumer::tp_name(tp)))
                .collect();
            let _ = writeln!(
                s,
                "consumer {} group={} {:?} member={} owned=[{}] positions=[{}]",
                c.name,
                c.config.group_id,
                c.liveness,
                c.member_id.as_deref().unwrap_or("-"),
                owned.join(","),
                positions.join(",")
            );
        }
        for (group, app) in &self.apps {
            let applied: u32 = app.applied.values().sum();
            let _ = writeln!(
                s,
                "app {group} applied={applied} duplicates-prevented={}",
                app.duplicates_prevented
            );
            for (key, row) in &app.rows {
                let _ = writeln!(
                    s,
                    "  {key} balance={} status={}",
                    row.balance,
                    row.status.as_deref().unwrap_or("-")
                );
            }
        }
        for g in self.groups.values() {
            let _ = writeln!(
                s,
                "group {} state={} generation={} protocol={} leader={}",
                g.id,
                g.state.name(),
                g.generation,
                g.protocol.map_or("-", |p| p.name()),
                g.leader.as_deref().unwrap_or("-")
            );
            for m in &g.members {
                let a: Vec<String> = m.assignment.iter().map(crate::consumer::tp_name).collect();
                let _ = writeln!(
                    s,
                    "  member {} consumer={} assignment=[{}]",
                    m.member_id,
                    m.consumer,
                    a.join(",")
                );
            }
            for r in g.describe(self) {
                let _ = writeln!(
                    s,
                    "  {} {} current={} log-end={} lag={} owner={}",
                    r.topic,
                    r.partition,
                    r.current_offset.map_or("-".to_string(), |o| o.to_string()),
                    r.log_end_offset,
                    r.lag.map_or("-".to_string(), |l| l.to_string()),
                    r.consumer_id.as_deref().unwrap_or("-")
                );
            }
        }
        s
    }

    // -- commands ------------------------------------------------------------------------

    fn create_topic(
        &mut self,
        name: &str,
        partitions: Option<i32>,
        replication_factor: Option<i32>,
        configs: &[(String, String)],
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        topic_name::validate(name)?;
        if self.topics.contains_key(name) {
            return Err(KafkaError::new(
                ErrorKind::TopicExistsException,
                format!("Topic '{name}' already exists."),
            ));
        }
        // Topic.hasCollision: '.' and '_' collide in metric names.
        let unified = topic_name::unify_collision_chars(name);
        if let Some(other) = self
            .topics
            .keys()
            .find(|t| topic_name::unify_collision_chars(t) == unified)
        {
            return Err(KafkaError::new(
                ErrorKind::InvalidTopicException,
                format!("Topic '{name}' collides with existing topic: {other}"),
            ));
        }
        let mut config = TopicConfig::default();
        for (k, v) in configs {
            config.set(k, v)?;
        }
        // ReplicationControlManager#createTopic: replication factor first, then the
        // partition count; -1 (or leaving it out) means the broker default.
        let rf = match replication_factor.unwrap_or(-1) {
            -1 => DEFAULT_REPLICATION_FACTOR,
            rf if rf < -1 || rf == 0 => {
                return Err(KafkaError::new(
                    ErrorKind::InvalidReplicationFactorException,
                    "Replication factor must be larger than 0, or -1 to use the default value.",
                ))
            }
            rf => rf,
        };
        let count = match partitions.unwrap_or(-1) {
            -1 => DEFAULT_NUM_PARTITIONS,
            n if n < -1 || n == 0 => {
                return Err(KafkaError::new(
                    ErrorKind::InvalidPartitionsException,
                    "Number of partitions was set to an invalid non-positive value.",
                ))
            }
            n => n,
        };
        if count > MAX_PARTITIONS_PER_TOPIC {
            return Err(too_many_partitions(count));
        }
        if rf as usize > self.brokers.len() {
            return Err(KafkaError::new(
                ErrorKind::InvalidReplicationFactorException,
                format!(
                    "Unable to replicate the partition {rf} time(s): The target replication factor of {rf} cannot be reached because only {} broker(s) are registered.",
                    self.brokers.len()
                ),
            ));
        }
        let name: Arc<str> = Arc::from(name);
        let partitions = (0..count as u32)
            .map(|p| self.new_partition(p, rf as usize))
            .collect();
        self.topics.insert(
            name.clone(),
            Topic {
                name: name.clone(),
                replication_factor: rf as u32,
                config,
                partitions,
            },
        );
        out.push(Event::TopicCreated {
            topic: name,
            partitions: count as u32,
            replication_factor: rf as u32,
        });
        Ok(())
    }

    /// Replicas placed round-robin over the brokers, starting at the partition number
    /// (the shape of `StripedReplicaPlacer`, without its random start, for determinism).
    fn new_partition(&self, id: u32, rf: usize) -> Partition {
        let n = self.brokers.len();
        let replicas: Vec<BrokerId> = (0..rf)
            .map(|i| self.brokers[(id as usize + i) % n])
            .collect();
        Partition {
            id,
            leader: replicas[0],
            isr: replicas.clone(),
            replicas,
            log: PartitionLog::default(),
        }
    }

    fn alter_partitions(
        &mut self,
        name: &str,
        partitions: i32,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let topic = self.topics.get(name).ok_or_else(|| unknown_topic(name))?;
        let current = topic.partitions.len() as i32;
        let rf = topic.replication_factor as usize;
        if partitions < current {
            return Err(KafkaError::new(
                ErrorKind::InvalidPartitionsException,
                format!("The topic {name} currently has {current} partition(s); {partitions} would not be an increase."),
            ));
        }
        if partitions == current {
            return Err(KafkaError::new(
                ErrorKind::InvalidPartitionsException,
                format!("Topic already has {current} partition(s)."),
            ));
        }
        if partitions > MAX_PARTITIONS_PER_TOPIC {
            return Err(too_many_partitions(partitions));
        }
        let added: Vec<Partition> = (current as u32..partitions as u32)
            .map(|p| self.new_partition(p, rf))
            .collect();
        let topic = self.topics.get_mut(name).expect("checked above");
        topic.partitions.extend(added);
        out.push(Event::PartitionsAdded {
            topic: topic.name.clone(),
            from: current as u32,
            to: partitions as u32,
        });
        Ok(())
    }

    fn produce(&mut self, p: &Produce, out: &mut Vec<Event>) -> Result<(), KafkaError> {
        let before = out.len();
        self.send(p, out)?;
        if self.producer.transactional_id.is_some() {
            // AddPartitionsToTxn: the coordinator learns every partition the send reached.
            let reached: Vec<(Arc<str>, u32)> = out[before..]
                .iter()
                .filter_map(|e| match e {
                    Event::RecordAppended {
                        topic, partition, ..
                    } => Some((topic.clone(), *partition)),
                    _ => None,
                })
                .collect();
            for (topic, partition) in reached {
                self.add_partition_to_txn(&topic, partition);
            }
        }
        Ok(())
    }

    /// One `send()`: route, number, write, and the network faults on the way.
    #[inline]
    fn send(&mut self, p: &Produce, out: &mut Vec<Event>) -> Result<(), KafkaError> {
        let topic = self
            .topics
            .get_mut(&*p.topic)
            // KafkaProducer#waitOnMetadata gives up after max.block.ms (60000 by default).
            .ok_or_else(|| {
                KafkaError::new(
                    ErrorKind::TimeoutException,
                    format!(
                        "Topic {} not present in metadata after {MAX_BLOCK_MS} ms.",
                        p.topic
                    ),
                )
            })?;
        let count = self.producer.partition_count(
            &topic.name,
            topic.partitions.len() as u32,
            self.now_ms,
            p.partition.filter(|n| *n >= 0),
        );
        let size = batch_size_in_bytes(
            p.key.as_ref().map(|k| k.len()),
            p.value.as_ref().map(|v| v.len()),
            &p.headers,
        );
        if i64::from(size) > topic.config.max_message_bytes {
            return Err(KafkaError::new(
                ErrorKind::RecordTooLargeException,
                format!(
                    "The request included a message larger than the max message size the server will accept: {size} bytes > max.message.bytes={}.",
                    topic.config.max_message_bytes
                ),
            ));
        }
        if i64::from(size) > topic.config.segment_bytes {
            return Err(KafkaError::new(
                ErrorKind::RecordBatchTooLargeException,
                format!(
                    "The request included message batch larger than the configured segment size on the server: {size} bytes > segment.bytes={}.",
                    topic.config.segment_bytes
                ),
            ));
        }
        let (partition, routing) = match p.partition {
            // KafkaProducer#partition: an explicit partition always wins, and the
            // producer checks it against the metadata it has.
            // ProducerRecord's constructor refuses a negative partition.
            Some(n) if n < 0 => {
                return Err(KafkaError::new(
                    ErrorKind::IllegalArgumentException,
                    format!("Invalid partition: {n}. Partition number should always be non-negative or null."),
                ))
            }
            Some(n) if n as u32 >= count => {
                return Err(KafkaError::new(
                    ErrorKind::TimeoutException,
                    format!(
                        "Partition {n} of topic {} with partition count {count} is not present in metadata after {MAX_BLOCK_MS} ms.",
                        p.topic
                    ),
                ))
            }
            Some(n) => (n as u32, Routing::Explicit),
            None => {
                let strategy = p.partitioner.unwrap_or(self.producer.partitioner);
                let key = if self.producer.ignore_keys { None } else { p.key.as_deref() };
                // librdkafka's sticky.partitioning.linger.ms catches keyless records
                // before its partitioner sees them (rd_kafka_msg_partitioner).
                let linger_sticky = strategy.hash_algorithm().is_some()
                    && strategy != Partitioner::Default
                    && self.producer.sticky_linger_ms > 0
                    && (key.is_none() || (strategy == Partitioner::ConsistentRandom && key == Some("")));
                match keyed_partition(strategy, key, count).filter(|_| !linger_sticky) {
                    Some(hash) => (hash.partition, Routing::Hashed(hash)),
                    None => self.producer.keyless(strategy, &topic.name, count, size, self.now_ms, &mut self.rng),
                }
            }
        };
        if self.producer.transactional_id.is_some() {
            crate::transaction::check_send(&self.producer, &topic.name, partition)?;
            // The coordinator aborted this transaction on timeout and bumped the epoch:
            // TV2's produce verification answers PRODUCER_FENCED, which the leader turns
            // into INVALID_PRODUCER_EPOCH; the transaction can only be aborted now.
            let fenced = self
                .producer
                .transactional_id
                .as_ref()
                .and_then(|id| self.transactions.get(id.as_str()))
                .is_some_and(|m| m.epoch > self.producer.producer_epoch);
            if fenced {
                self.producer.txn_state = crate::producer::TxnState::AbortableError(
                    ErrorKind::InvalidProducerEpochException,
                );
                out.push(Event::SendFailed {
                    topic: topic.name.clone(),
                    partition,
                    error: KafkaError::new(ErrorKind::InvalidProducerEpochException, OLD_EPOCH),
                    in_log: false,
                });
                return Ok(());
            }
        }
        // InitProducerId before the first idempotent send (KIP-98): ids count from 0.
        if self.producer.idempotent() && self.producer.producer_id == NO_PRODUCER_ID {
            self.producer.producer_id = self.next_producer_id;
            self.producer.producer_epoch = 0;
            self.next_producer_id += 1;
            out.push(Event::ProducerIdAssigned {
                producer_id: self.producer.producer_id,
                epoch: 0,
            });
        }
        let mut tag = self.producer.next_tag(&topic.name, partition, count);
        if let (Some(s), true) = (p.sequence, tag.is_idempotent()) {
            tag.sequence = s;
        }
        let record = Record {
            offset: -1,
            timestamp: self.now_ms,
            key: p.key.clone(),
            value: p.value.clone(),
            headers: p.headers.as_slice().into(),
            producer: tag,
        };
        let acks = self.producer.acks;
        let retries = self.producer.retries;
        let name = &topic.name;
        let leader = topic.partitions[partition as usize].leader;
        let log = &mut topic.partitions[partition as usize].log;
        // The usual send: the next sequence of a known producer (or no idempotence), no
        // fault. One look at the producer state, then the append.
        let end = log.log_end_offset();
        if p.fault.is_none() && log.producer_states_mut().accepts_next(tag, end) {
            append_and_tell(
                log,
                record,
                size,
                &topic.config,
                routing,
                name,
                partition,
                out,
            );
            return Ok(());
        }
        let mut sent = Sent {
            topic: name,
            partition,
            leader,
            sequence: tag.sequence,
            out,
        };
        // Sender: a lost request or a lost response is retried after request.timeout.ms
        // while retries remain; with acks=0 the producer never waits, so never retries.
        let retry = acks != 0 && retries > 0;
        if p.fault == Some(ProduceFault::LostRequest) {
            sent.out.push(Event::RequestLost {
                topic: name.clone(),
                partition,
                sequence: tag.sequence,
            });
            if !retry {
                sent.failed(acks, false);
                return Ok(());
            }
            sent.retried();
        }
        // Only a send whose answer will be lost needs its batch again for the retry.
        let resend = (p.fault == Some(ProduceFault::LostAck)).then(|| record.clone());
        let offset = match broker_append(
            log,
            record.clone(),
            size,
            &topic.config,
            routing,
            &mut sent,
        ) {
            Answer::Appended(offset) => offset,
            Answer::Duplicate => return Ok(()),
            Answer::Fenced => {
                if self.producer.transactional_id.is_some() {
                    self.producer.txn_state = crate::producer::TxnState::AbortableError(
                        ErrorKind::InvalidProducerEpochException,
                    );
                }
                sent.send_failed(
                    KafkaError::new(ErrorKind::InvalidProducerEpochException, OLD_EPOCH),
                    false,
                );
                return Ok(());
            }
            Answer::OutOfOrder { expected } => {
                sent.out.push(Event::SequenceRefused {
                    topic: name.clone(),
                    partition,
                    sequence: tag.sequence,
                    expected,
                });
                if self.producer.transactional_id.is_some() {
                    let error =
                        KafkaError::new(ErrorKind::OutOfOrderSequenceException, OUT_OF_ORDER);
                    // TransactionManager#canRetry: a transactional producer does not
                    // retry it; the transaction can only be aborted.
                    self.producer.txn_state = crate::producer::TxnState::AbortableError(
                        ErrorKind::OutOfOrderSequenceException,
                    );
                    sent.send_failed(error, false);
                    return Ok(());
                }
                // "For the idempotent producer, retry all OUT_OF_ORDER_SEQUENCE_NUMBER
                // errors": the client bumps its own epoch (KIP-360) and the batch goes
                // again as sequence 0 of the new epoch; every partition restarts at 0.
                self.producer.producer_epoch += 1;
                self.producer.sequences.clear();
                sent.out.push(Event::ProducerEpochBumped {
                    producer_id: self.producer.producer_id,
                    epoch: self.producer.producer_epoch,
                    reason: "OUT_OF_ORDER_SEQUENCE_NUMBER: the idempotent producer bumps its epoch and sends the batch again from sequence 0 (KIP-360)",
                });
                // An idempotent producer always retries (retries=0 or acks=0 turn
                // idempotence off, or are a ConfigException with it set).
                let renumbered = Record {
                    producer: self.producer.next_tag(name, partition, count),
                    ..record
                };
                sent.sequence = renumbered.producer.sequence;
                sent.retried();
                match broker_append(log, renumbered, size, &topic.config, routing, &mut sent) {
                    Answer::Appended(offset) => offset,
                    _ => return Ok(()),
                }
            }
        };
        if let Some(record) = resend {
            sent.out.push(Event::AckLost {
                topic: name.clone(),
                partition,
                offset,
            });
            if acks == 0 {
                // Fire and forget: the producer did not wait for the answer it lost.
                return Ok(());
            }
            if !retry {
                sent.failed(acks, true);
                return Ok(());
            }
            sent.retried();
            broker_append(log, record, size, &topic.config, routing, &mut sent);
        }
        Ok(())
    }

    fn fetch(
        &mut self,
        reader: Option<&str>,
        topic: &str,
        partition: i32,
        offset: i64,
        max: Option<u32>,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let t = self.topics.get(topic).ok_or_else(|| unknown_topic(topic))?;
        let part = usize::try_from(partition)
            .ok()
            .and_then(|i| t.partitions.get(i))
            .ok_or_else(|| {
                KafkaError::new(
                    ErrorKind::UnknownTopicOrPartitionException,
                    format!("This server does not host this topic-partition: {topic}-{partition}."),
                )
            })?;
        let max = max.unwrap_or(500) as usize; // max.poll.records
                                               // A reader is a consumer with assign() and seek(): transaction markers are never
                                               // handed to it (read_uncommitted, the default isolation level), and its position
                                               // moves past them (found by the cross-check: the engine once returned markers).
        let (records, next_offset) =
            part.log
                .read_for_consumer(offset, max, &format!("{topic}-{partition}"), false)?;
        let offsets: Vec<i64> = records.iter().map(|r| r.offset).collect();
        out.push(Event::RecordsFetched {
            reader: reader.map(Arc::from),
            topic: t.name.clone(),
            partition: part.id,
            from_offset: offset,
            offsets,
            next_offset,
        });
        Ok(())
    }
}

/// The partition a key decides under `strategy`'s partitioner function, or `None` when
/// it does not come from the key (null key, a strategy that ignores keys, librdkafka's
/// random choice for empty keys under `consistent_random`). For librdkafka this is the
/// partitioner as called with `sticky.partitioning.linger.ms=0`, as its test 0048 does.
pub fn keyed_partition(
    strategy: Partitioner,
    key: Option<&str>,
    partitions: u32,
) -> Option<crate::partitioner::KeyHash> {
    let algorithm = strategy.hash_algorithm()?;
    let key = match (strategy, key) {
        // librdkafka `consistent`: NULL and empty keys both hash as nothing (CRC 0).
        (Partitioner::Consistent, None) => "",
        (Partitioner::ConsistentRandom, Some("")) => return None,
        (_, None) => return None,
        (_, Some(k)) => k,
    };
    Some(hash_key(algorithm, key.as_bytes(), partitions))
}

fn too_many_partitions(count: i32) -> KafkaError {
    KafkaError::new(
        ErrorKind::InvalidPartitionsException,
        format!(
            "{count} partitions is more than this simulation allows ({MAX_PARTITIONS_PER_TOPIC} per topic; Kafka's controller also refuses requests of more than 10000 records)."
        ),
    )
}

fn unknown_topic(name: &str) -> KafkaError {
    KafkaError::new(
        ErrorKind::UnknownTopicOrPartitionException,
        format!("Topic '{name}' does not exist: this server does not host this topic-partition."),
    )
}

/// `request.timeout.ms`, default 30000: how long the producer waits for an answer.
pub const REQUEST_TIMEOUT_MS: i64 = 30_000;

/// One send's events, for the helpers below.
struct Sent<'a> {
    topic: &'a Arc<str>,
    partition: u32,
    leader: BrokerId,
    sequence: i32,
    out: &'a mut Vec<Event>,
}

impl Sent<'_> {
    fn retried(&mut self) {
        self.out.push(Event::ProduceRetried {
            topic: self.topic.clone(),
            partition: self.partition,
            sequence: self.sequence,
            after_ms: REQUEST_TIMEOUT_MS,
        });
    }

    /// The batch failed for good with `error`: the send's callback gets it.
    fn send_failed(&mut self, error: KafkaError, in_log: bool) {
        self.out.push(Event::SendFailed {
            topic: self.topic.clone(),
            partition: self.partition,
            error,
            in_log,
        });
    }

    /// No answer and no retry left: `Sender#handleProduceResponse` completes the batch
    /// with REQUEST_TIMED_OUT once `request.timeout.ms` passed. With acks=0 the callback
    /// succeeded at once and nobody learns of the loss.
    fn failed(&mut self, acks: i8, in_log: bool) {
        if acks == 0 {
            return;
        }
        self.out.push(Event::SendFailed {
            topic: self.topic.clone(),
            partition: self.partition,
            error: KafkaError::new(
                ErrorKind::TimeoutException,
                format!("Disconnected from node {} due to timeout", self.leader),
            ),
            in_log,
        });
    }
}

/// What the client is told of a produce (`Errors`' default texts: the broker keeps its
/// details in its log).
const OUT_OF_ORDER: &str = "The broker received an out of order sequence number.";
/// See [`OUT_OF_ORDER`].
const OLD_EPOCH: &str = "Producer attempted to produce with an old epoch.";

/// The leader's answer to one produce request.
enum Answer {
    /// Written at this offset.
    Appended(i64),
    /// A retry of a batch it has: answered with the first copy's offset, nothing written.
    Duplicate,
    /// OUT_OF_ORDER_SEQUENCE_NUMBER (45).
    OutOfOrder { expected: i32 },
    /// INVALID_PRODUCER_EPOCH (47): a newer epoch of this producer id has written.
    Fenced,
}

/// The leader's side of one produce request: the idempotence check, then the append.
#[cold]
fn broker_append(
    log: &mut PartitionLog,
    record: Record,
    size: u32,
    config: &TopicConfig,
    routing: Routing,
    sent: &mut Sent<'_>,
) -> Answer {
    let tag = record.producer;
    let end = log.log_end_offset();
    match log.producer_states_mut().check_and_record(tag, end) {
        Verdict::Append => {}
        Verdict::Duplicate { offset } => {
            sent.out.push(Event::DuplicateIgnored {
                topic: sent.topic.clone(),
                partition: sent.partition,
                sequence: tag.sequence,
                offset,
            });
            return Answer::Duplicate;
        }
        Verdict::OutOfOrder { expected } => return Answer::OutOfOrder { expected },
        Verdict::Fenced { .. } => return Answer::Fenced,
    }
    Answer::Appended(append_and_tell(
        log,
        record,
        size,
        config,
        routing,
        sent.topic,
        sent.partition,
        sent.out,
    ))
}

/// Writes a batch the producer state has accepted, moves the high watermark and says so.
#[allow(clippy::too_many_arguments)]
#[inline]
fn append_and_tell(
    log: &mut PartitionLog,
    record: Record,
    size: u32,
    config: &TopicConfig,
    routing: Routing,
    topic: &Arc<str>,
    partition: u32,
    out: &mut Vec<Event>,
) -> i64 {
    let timestamp = record.timestamp;
    let key = record.key.clone();
    let appended = log.append(record, size, config.segment_bytes, config.segment_ms);
    // acks=all with ISR = {leader}: the leader alone advances the HW.
    log.set_high_watermark(log.log_end_offset());
    if let Some(base_offset) = appended.rolled {
        out.push(Event::SegmentRolled {
            topic: topic.clone(),
            partition,
            base_offset,
        });
    }
    out.push(Event::RecordAppended {
        topic: topic.clone(),
        partition,
        offset: appended.offset,
        timestamp,
        key,
        routing,
        high_watermark: log.high_watermark(),
    });
    appended.offset
}
