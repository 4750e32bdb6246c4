//! The simulated cluster: brokers, topics, partition logs, a producer and a logical
//! clock. `apply` is the only way to change it.

use crate::collections::VecMap;
use std::sync::Arc;

pub use crate::broker::{Broker, BrokerId, Partition, Topic};
pub use crate::controller::{
    DEFAULT_NUM_PARTITIONS, DEFAULT_REPLICATION_FACTOR, MAX_PARTITIONS_PER_TOPIC,
};
pub use crate::producer::sender::{keyed_partition, MAX_BLOCK_MS, REQUEST_TIMEOUT_MS};

use crate::command::Command;
use crate::consumer::Consumer;
use crate::error::KafkaError;
use crate::event::Event;
use crate::group::Group;
use crate::partition_log::PartitionLog;
use crate::producer::ProducerState;
use crate::rng::SplitMix64;

/// The whole simulated state. Cloning it is a snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    pub(crate) now_ms: i64,
    /// Every registered broker, by id.
    pub(crate) brokers: Vec<Broker>,
    /// Messages between brokers in flight.
    pub(crate) network: crate::network::Network,
    /// Some topic has more than one replica: replication runs.
    pub(crate) replicated: bool,
    /// Records of replicated topics whose sends the producer saw succeed.
    pub(crate) acked: Vec<Acked>,
    /// How many sends the producer saw succeed.
    pub(crate) acked_count: u64,
    /// When the controller next tries preferred leaders (`auto.leader.rebalance.enable`).
    pub(crate) balance_at: Option<i64>,
    /// The KRaft controllers and the metadata log.
    pub(crate) quorum: crate::controller::quorum::Quorum,
    pub(crate) topics: VecMap<Arc<str>, Topic>,
    pub(crate) producer: ProducerState,
    pub(crate) rng: SplitMix64,
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

/// A record whose send the producer saw succeed, to find out later whether the
/// partition's leader still holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acked {
    /// Topic.
    pub topic: Arc<str>,
    /// Partition.
    pub partition: u32,
    /// The record as acknowledged.
    pub record: crate::record::Record,
}

impl Acked {
    /// The same record (every field but the offset: an unclean leader may hold it
    /// elsewhere, or another record at its offset).
    pub fn same_record(&self, r: &crate::record::Record) -> bool {
        let a = &self.record;
        a.timestamp == r.timestamp
            && a.key == r.key
            && a.value == r.value
            && a.headers == r.headers
            && a.producer == r.producer
    }
}

/// The seed a fresh cluster uses unless told otherwise.
pub const DEFAULT_SEED: u64 = 0x006b_6166_6b61; // "kafka"

impl Default for Cluster {
    fn default() -> Self {
        Self::new(1, DEFAULT_SEED)
    }
}

impl Cluster {
    /// A cluster of brokers `1..=brokers` and three controllers whose random choices
    /// follow `seed`.
    pub fn new(brokers: u32, seed: u64) -> Self {
        Self::with_controllers(brokers, 3, seed)
    }

    /// A cluster of brokers `1..=brokers` and `controllers` KRaft voters (101 on), whose
    /// random choices follow `seed` (a script's `cluster` header, `script.rs`).
    pub fn with_controllers(brokers: u32, controllers: u32, seed: u64) -> Self {
        Self::with_roles(brokers, controllers, false, seed)
    }

    /// Like [`Cluster::with_controllers`]; `combined` runs the controllers inside
    /// brokers `1..=controllers` (`process.roles=broker,controller`).
    pub fn with_roles(brokers: u32, controllers: u32, combined: bool, seed: u64) -> Self {
        let mut quorum = crate::controller::quorum::Quorum::with_roles(controllers, combined);
        let brokers: Vec<Broker> = (1..=brokers.max(1) as BrokerId)
            .map(|id| {
                // RegisterBrokerRecord (its offset is the broker epoch), then unfenced.
                let epoch = quorum.next_offset();
                quorum.append(crate::metadata_log::MetadataRecord::RegisterBroker {
                    broker: id,
                    epoch,
                });
                quorum.append(
                    crate::metadata_log::MetadataRecord::BrokerRegistrationChange {
                        broker: id,
                        epoch,
                        fenced: -1,
                        in_controlled_shutdown: false,
                    },
                );
                Broker::new(id, epoch, 0)
            })
            .collect();
        Self {
            now_ms: 0,
            brokers,
            quorum,
            network: crate::network::Network::default(),
            replicated: false,
            acked: Vec::new(),
            acked_count: 0,
            balance_at: None,
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
        self.replicate(out);
        // Consumer-protocol members heartbeat in the background between calls.
        self.modern_heartbeats(out);
        Ok(())
    }

    fn apply_command(&mut self, command: &Command, out: &mut Vec<Event>) -> Result<(), KafkaError> {
        match command {
            Command::CreateTopic {
                name,
                partitions,
                replication_factor,
                replica_assignment,
                configs,
            } => self.create_topic(
                name,
                *partitions,
                *replication_factor,
                replica_assignment.as_deref(),
                configs,
                out,
            ),
            Command::AlterTopic { name, partitions } => {
                self.alter_partitions(name, *partitions, out)
            }
            Command::StartBroker { id } => self.start_broker(*id, out),
            Command::KillController { id } => self.kill_controller(*id, out),
            Command::StartController { id } => self.start_controller(*id, out),
            Command::StopBroker { id } => self.stop_broker(*id, out),
            Command::KillBroker { id } => self.kill_broker(*id, out),
            Command::IsolateBroker { id } => self.isolate_broker(*id, out),
            Command::HealBroker { id } => self.heal_broker(*id, out),
            Command::ElectLeaders {
                topic,
                partition,
                unclean,
            } => self.elect_leaders(topic, *partition, *unclean, out),
            // A transactional send is checked after its partition is chosen
            // (TransactionManager#maybeAddPartition names it), and a forced sequence number
            // is answered after the producer numbered the batch, so those sends run on a
            // copy; every other refusal comes first.
            Command::Produce(p) if self.producer.writer.is_some() => {
                self.transact(out, |c, o| c.write_message(p, o))
            }
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
            Command::SetWriter { fields } => self.transact(out, |c, o| c.set_writer(fields, o)),
            Command::SetProducer { configs } => {
                let mut next = self.producer.clone();
                next.writer = None;
                for (k, v) in configs {
                    next.set(k, v)?;
                }
                next.validate()?;
                // A Writer before it is closed: what it holds is written first.
                self.close_writer(out);
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
                self.run_clock_until(target, out, |_| false);
                Ok(())
            }
            // Consumer commands touch several structures; they run on a copy that
            // replaces the state only on success, so a refusal changes nothing.
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
            Command::SetApp { group, configs } => {
                self.transact(out, |c, o| c.set_app(group, configs, o))
            }
            Command::StopDatabase { group, for_ms } => self.set_database(group, Some(*for_ms), out),
            Command::StartDatabase { group } => self.set_database(group, None, out),
            Command::SendOffsetsToTransaction { consumer } => {
                self.transact(out, |c, o| c.send_offsets_to_transaction(consumer, o))
            }
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

    /// Runs the clock towards `target`, firing every timer at its own instant (so a
    /// session that expires at 45 s does so before a join that completes at 60 s), and
    /// stops early once `done` holds. Returns whether it did.
    pub(crate) fn run_clock_until(
        &mut self,
        target: i64,
        out: &mut Vec<Event>,
        done: impl Fn(&Cluster) -> bool,
    ) -> bool {
        let start = self.now_ms;
        // `done` first: a produce whose leader is there needs no timer, and finding the
        // next one walks every partition (the retention runs among them).
        while !done(self) {
            let Some(at) = self.next_timer().filter(|t| *t <= target) else {
                break;
            };
            self.now_ms = at;
            self.fire_timers(out);
        }
        let reached = done(self);
        if !reached {
            self.now_ms = target;
        }
        if self.now_ms != start || !reached {
            out.push(Event::ClockAdvanced {
                now_ms: self.now_ms,
            });
            if !reached {
                self.fire_timers(out);
            }
        }
        reached || done(self)
    }

    /// The instants at which the engine's timers fire: consumers' poll timers, sessions,
    /// rebalance timeouts, the consumer protocol's timers, the transaction coordinator's
    /// cleanup, messages between brokers, broker sessions and the ISR's expiry.
    fn deadlines(&self) -> Vec<i64> {
        let mut out = self.client_deadlines();
        self.retention_deadlines(&mut out);
        self.cleaner_deadlines(&mut out);
        out
    }

    /// [`Self::deadlines`] but the brokers' retention and cleaner runs: those go by a broker's own
    /// clock from its own start, against record timestamps of the real clock, which the
    /// cross-check's scaled ticks cannot age (crosscheck/known-differences.txt).
    fn client_deadlines(&self) -> Vec<i64> {
        let mut out = self.transaction_deadlines();
        out.extend(self.writer_deadlines());
        out.extend(self.group_deadlines());
        out.extend(self.modern_deadlines());
        self.replication_deadlines(&mut out);
        self.session_deadlines(&mut out);
        self.quorum_deadlines(&mut out);
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
        let mut all = self.client_deadlines();
        // An auto-commit interval matters only to a consumer with something to commit.
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
        for m in self.network.due(self.now_ms) {
            self.deliver(m, out);
        }
        if self.quorum.election_at.is_some() || self.quorum.resign_at.is_some() {
            self.advance_quorum(out);
        }
        if self.replicated || self.brokers.iter().any(|b| b.fence_at.is_some()) {
            self.fence_stale_brokers(out);
            self.expire_isr(out);
            self.balance_leaders(out);
            self.replicate(out);
        }
        self.advance_groups(out);
        self.advance_modern(out);
        self.abort_timed_out_transactions(out);
        self.run_writer(out);
        self.run_retention(out);
        self.run_cleaners(out);
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

    /// Every registered broker, by id.
    pub fn brokers(&self) -> &[Broker] {
        &self.brokers
    }

    /// Registered broker ids, in order.
    pub fn broker_ids(&self) -> Vec<BrokerId> {
        self.brokers.iter().map(|b| b.id).collect()
    }

    /// Messages between brokers in flight.
    pub fn network(&self) -> &crate::network::Network {
        &self.network
    }

    /// How many sends the producer saw succeed.
    pub fn acknowledged(&self) -> u64 {
        self.acked_count
    }

    /// How many acknowledged records of replicated partitions the current leader's log
    /// no longer holds; `None` while such a partition has no leader.
    pub fn acknowledged_lost(&self) -> Option<u64> {
        let mut lost = 0;
        for a in &self.acked {
            let p = self.topic(&a.topic)?.partitions.get(a.partition as usize)?;
            p.leader()?;
            let log = p.log();
            // Retention deleting it, or the cleaner removing it as an older value of its
            // key, is not losing it.
            // (An acks=0 send never learns its offset: -1.)
            let o = a.record.offset;
            let gone_by_rule = (0..log.log_start_offset()).contains(&o)
                || log
                    .first_dirty_offset()
                    .is_some_and(|d| (0..d).contains(&o));
            let held = gone_by_rule
                || log
                    .record(a.record.offset)
                    .is_some_and(|r| a.same_record(r))
                || log.records().iter().any(|r| a.same_record(r));
            if !held {
                lost += 1;
            }
        }
        // A single-replica partition that acknowledged records and has no leader.
        let leaderless = self.topics.values().any(|t| {
            t.partitions
                .iter()
                .any(|p| p.acked > 0 && p.leader().is_none())
        });
        (!leaderless).then_some(lost)
    }

    pub(crate) fn partition_mut(&mut self, topic: &str, partition: u32) -> Option<&mut Partition> {
        self.topics
            .get_mut(topic)?
            .partitions
            .get_mut(partition as usize)
    }

    pub(crate) fn topic_partition_mut(
        &mut self,
        topic: &str,
        partition: u32,
    ) -> Option<(&crate::topic_config::TopicConfig, &mut Partition)> {
        let t = self.topics.get_mut(topic)?;
        let p = t.partitions.get_mut(partition as usize)?;
        Some((&t.config, p))
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
        Some(self.topic(topic)?.partitions.get(partition as usize)?.log())
    }

    /// The producer's configuration and partitioner state.
    pub fn producer(&self) -> &ProducerState {
        &self.producer
    }
}
