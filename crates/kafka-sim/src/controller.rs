//! The controller's side of topics (`ReplicationControlManager`): creating a topic,
//! placing its replicas, adding partitions.

use std::sync::Arc;

pub mod brokers;
pub mod partitions;
mod placement;
pub mod quorum;

use crate::broker::{unknown_topic, BrokerId, Partition, Topic};
use crate::error::{ErrorKind, KafkaError};
use crate::event::Event;
use crate::metadata_log::MetadataRecord;
use crate::topic_config::TopicConfig;
use crate::topic_name;
use crate::Cluster;

/// Broker defaults that apply when CreateTopics leaves a value out.
/// `num.partitions` and `default.replication.factor` are both 1 in Kafka.
pub const DEFAULT_NUM_PARTITIONS: i32 = 1;
/// See [`DEFAULT_NUM_PARTITIONS`].
pub const DEFAULT_REPLICATION_FACTOR: i32 = 1;

/// The most partitions one topic may have here. Kafka's controller also bounds one
/// request (`QuorumController.MAX_RECORDS_PER_USER_OP` = 10000 records); the playground
/// bounds the topic, so no command can exhaust a browser tab's memory.
pub const MAX_PARTITIONS_PER_TOPIC: i32 = 10_000;

impl Cluster {
    pub(crate) fn create_topic(
        &mut self,
        name: &str,
        partitions: Option<i32>,
        replication_factor: Option<i32>,
        assignment: Option<&[Vec<BrokerId>]>,
        configs: &[(String, String)],
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        topic_name::validate(name)?;
        self.require_controller("createTopics")?;
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
        config.validate()?;
        let placed: Vec<Vec<BrokerId>> = match assignment {
            Some(assignment) => self.validate_assignment(assignment)?,
            None => self.place(partitions, replication_factor)?,
        };
        let rf = placed[0].len() as i32;
        let count = placed.len() as i32;
        let name: Arc<str> = Arc::from(name);
        let partitions: Vec<Partition> = placed
            .into_iter()
            .enumerate()
            .map(|(p, replicas)| self.new_partition(p as u32, replicas))
            .collect();
        self.replicated |= rf > 1;
        let topic_id = crate::admin::topic_id(&name);
        self.quorum.append(MetadataRecord::Topic {
            name: name.clone(),
            topic_id,
        });
        for (k, v) in configs {
            self.quorum.append(MetadataRecord::Config {
                resource: format!("TOPIC {name}"),
                name: k.clone(),
                value: v.clone(),
            });
        }
        for p in &partitions {
            self.quorum.append(partition_record(&name, p));
        }
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

    /// A partition on `replicas`: its ISR is the replicas whose brokers are active, its
    /// leader the first of them (`RCM#buildPartitionRegistration`).
    fn new_partition(&self, id: u32, replicas: Vec<BrokerId>) -> Partition {
        let isr: Vec<BrokerId> = replicas
            .iter()
            .copied()
            .filter(|b| self.broker(*b).is_some_and(|x| x.is_active()))
            .collect();
        Partition::new(id, replicas, isr, self.now_ms, &|b| {
            self.broker(b)
                .is_some_and(|x| x.reaches_controller() && !x.awaiting_registration)
        })
    }

    /// Replicas for a new topic: the counts (`RCM#createTopic`: replication factor
    /// first, then partitions; -1 or none means the broker default), then placed.
    fn place(
        &mut self,
        partitions: Option<i32>,
        replication_factor: Option<i32>,
    ) -> Result<Vec<Vec<BrokerId>>, KafkaError> {
        let (count, rf) = counts(partitions, replication_factor)?;
        self.place_partitions(count as usize, rf)
    }

    /// `count` partitions of `rf` replicas as `StripedReplicaPlacer#place` checks and
    /// places them (`placement.rs`): over the brokers not in controlled shutdown,
    /// unfenced ones first, from the engine's seeded generator.
    fn place_partitions(
        &mut self,
        count: usize,
        rf: i32,
    ) -> Result<Vec<Vec<BrokerId>>, KafkaError> {
        let usable: Vec<(BrokerId, bool)> = self
            .brokers
            .iter()
            .filter(|b| !b.in_controlled_shutdown)
            .map(|b| (b.id, b.fenced))
            .collect();
        let unable = |why: String| {
            KafkaError::new(
                ErrorKind::InvalidReplicationFactorException,
                format!("Unable to replicate the partition {rf} time(s): {why}"),
            )
        };
        if usable.iter().all(|(_, fenced)| *fenced) {
            return Err(unable(
                "All brokers are currently fenced, or have all their log directories cordoned."
                    .into(),
            ));
        }
        if rf as usize > usable.len() {
            return Err(unable(format!(
                "The target replication factor of {rf} cannot be reached because only {} broker(s) are registered or some brokers have all their log directories cordoned.",
                usable.len()
            )));
        }
        Ok(placement::place(&usable, count, rf as usize, &mut self.rng))
    }

    /// A manual assignment, checked as `RCM#validateManualPartitionAssignment` does.
    fn validate_assignment(
        &self,
        assignment: &[Vec<BrokerId>],
    ) -> Result<Vec<Vec<BrokerId>>, KafkaError> {
        let bad = |m: String| KafkaError::new(ErrorKind::InvalidReplicaAssignmentException, m);
        if assignment.len() as i32 > MAX_PARTITIONS_PER_TOPIC {
            return Err(too_many_partitions(assignment.len() as i32));
        }
        let mut rf: Option<usize> = None;
        for (i, replicas) in assignment.iter().enumerate() {
            if replicas.is_empty() {
                return Err(bad(
                    "The manual partition assignment includes an empty replica list.".into(),
                ));
            }
            let mut sorted = replicas.clone();
            sorted.sort_unstable();
            let mut prev = None;
            for b in sorted {
                if self.broker(b).is_none() {
                    return Err(bad(format!("The manual partition assignment includes broker {b}, but no such broker is registered.")));
                }
                if prev == Some(b) {
                    return Err(bad(format!(
                        "The manual partition assignment includes the broker {b} more than once."
                    )));
                }
                prev = Some(b);
            }
            if let Some(n) = rf.filter(|n| *n != replicas.len()) {
                return Err(bad(format!(
                    "The manual partition assignment includes a partition with {} replica(s), but this is not consistent with previous partitions, which have {n} replica(s).",
                    replicas.len()
                )));
            }
            rf = Some(replicas.len());
            if !replicas
                .iter()
                .any(|b| self.broker(*b).is_some_and(|x| x.is_active()))
            {
                return Err(bad(format!("All brokers specified in the manual partition assignment for partition {i} are fenced or in controlled shutdown.")));
            }
        }
        Ok(assignment.to_vec())
    }

    pub(crate) fn alter_partitions(
        &mut self,
        name: &str,
        partitions: i32,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        self.require_controller("createPartitions")?;
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
        let placed = self.place_partitions((partitions - current) as usize, rf as i32)?;
        let added: Vec<Partition> = placed
            .into_iter()
            .zip(current as u32..)
            .map(|(replicas, p)| self.new_partition(p, replicas))
            .collect();
        for p in &added {
            self.quorum.append(partition_record(name, p));
        }
        let topic = self.topics.get_mut(name).expect("checked above");
        topic.partitions.extend(added);
        out.push(Event::PartitionsAdded {
            topic: topic.name.clone(),
            from: current as u32,
            to: partitions as u32,
        });
        Ok(())
    }
}

/// A new partition's `PartitionRecord`.
fn partition_record(topic: &str, p: &Partition) -> MetadataRecord {
    MetadataRecord::Partition {
        topic: Arc::from(topic),
        partition: p.id,
        replicas: p.replicas().to_vec(),
        isr: p.isr().to_vec(),
        leader: p.leader().unwrap_or(-1),
    }
}

/// The partition count and replication factor of a CreateTopics without an assignment.
fn counts(
    partitions: Option<i32>,
    replication_factor: Option<i32>,
) -> Result<(i32, i32), KafkaError> {
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
    Ok((count, rf))
}

fn too_many_partitions(count: i32) -> KafkaError {
    KafkaError::new(
        ErrorKind::InvalidPartitionsException,
        format!(
            "{count} partitions is more than this simulation allows ({MAX_PARTITIONS_PER_TOPIC} per topic; Kafka's controller also refuses requests of more than 10000 records)."
        ),
    )
}
