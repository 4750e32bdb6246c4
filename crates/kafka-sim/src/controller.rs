//! The controller's side of topics (`ReplicationControlManager`): creating a topic,
//! placing its replicas, adding partitions.

use std::sync::Arc;

use crate::broker::{unknown_topic, BrokerId, Partition, Topic};
use crate::error::{ErrorKind, KafkaError};
use crate::event::Event;
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
        Partition::new(id, replicas.clone(), replicas, self.now_ms)
    }

    pub(crate) fn alter_partitions(
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
}

fn too_many_partitions(count: i32) -> KafkaError {
    KafkaError::new(
        ErrorKind::InvalidPartitionsException,
        format!(
            "{count} partitions is more than this simulation allows ({MAX_PARTITIONS_PER_TOPIC} per topic; Kafka's controller also refuses requests of more than 10000 records)."
        ),
    )
}
