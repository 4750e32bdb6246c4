//! The metadata log, `__cluster_metadata`: what the active controller writes, one record
//! per change (metadata/src/main/resources/common/metadata/*.json), and the Raft leader
//! changes between them. A change happens only once a majority of the controllers has
//! its record (KIP-595, KIP-631).

use std::fmt;
use std::sync::Arc;

/// One record, with the fields a learner reads.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "type")]
pub enum MetadataRecord {
    /// A Raft leader change (the control record `LeaderChangeMessage`).
    LeaderChange {
        /// The new active controller.
        leader: i32,
        /// Its epoch.
        epoch: i32,
    },
    /// `FeatureLevelRecord` (12).
    FeatureLevel {
        /// Feature name.
        name: &'static str,
        /// Its level.
        level: i16,
    },
    /// `ConfigRecord` (4).
    Config {
        /// `BROKER` with an empty name for the cluster default, or `TOPIC`.
        resource: String,
        /// Config name.
        name: String,
        /// Value.
        value: String,
    },
    /// `RegisterBrokerRecord` (0): the broker's epoch is this record's offset; it
    /// registers fenced.
    RegisterBroker {
        /// `node.id`.
        broker: i32,
        /// Broker epoch.
        epoch: i64,
    },
    /// `BrokerRegistrationChangeRecord` (17).
    BrokerRegistrationChange {
        /// `node.id`.
        broker: i32,
        /// Broker epoch.
        epoch: i64,
        /// 1 fenced, -1 unfenced, 0 no change.
        fenced: i8,
        /// Entering controlled shutdown.
        in_controlled_shutdown: bool,
    },
    /// `TopicRecord` (2).
    Topic {
        /// Name.
        name: Arc<str>,
        /// Topic id.
        topic_id: String,
    },
    /// `PartitionRecord` (3).
    Partition {
        /// Topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// Replicas.
        replicas: Vec<i32>,
        /// ISR.
        isr: Vec<i32>,
        /// Leader (-1 none).
        leader: i32,
    },
    /// `PartitionChangeRecord` (5): the fields that changed.
    PartitionChange {
        /// Topic.
        topic: Arc<str>,
        /// Partition.
        partition: u32,
        /// A new leader (-1 none), if it changed.
        leader: Option<i32>,
        /// A new ISR, if it changed.
        isr: Option<Vec<i32>>,
        /// A new ELR, if it changed.
        elr: Option<Vec<i32>>,
        /// A new last known ELR, if it changed.
        last_known_elr: Option<Vec<i32>>,
        /// `leaderRecoveryState`: 1 (RECOVERING) after an unclean election.
        recovering: bool,
    },
}

impl fmt::Display for MetadataRecord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids = |v: &[i32]| v.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
        match self {
            Self::LeaderChange { leader, epoch } => {
                write!(f, "LeaderChangeMessage leaderId={leader} epoch={epoch}")
            }
            Self::FeatureLevel { name, level } => {
                write!(f, "FeatureLevelRecord name={name} featureLevel={level}")
            }
            Self::Config {
                resource,
                name,
                value,
            } => write!(f, "ConfigRecord {resource} {name}={value}"),
            Self::RegisterBroker { broker, epoch } => {
                write!(
                    f,
                    "RegisterBrokerRecord brokerId={broker} brokerEpoch={epoch} fenced=true"
                )
            }
            Self::BrokerRegistrationChange {
                broker,
                epoch,
                fenced,
                in_controlled_shutdown,
            } => {
                write!(
                    f,
                    "BrokerRegistrationChangeRecord brokerId={broker} brokerEpoch={epoch}"
                )?;
                match fenced {
                    1 => write!(f, " fenced=1")?,
                    -1 => write!(f, " fenced=-1 (unfenced)")?,
                    _ => {}
                }
                if *in_controlled_shutdown {
                    write!(f, " inControlledShutdown=1")?;
                }
                Ok(())
            }
            Self::Topic { name, topic_id } => {
                write!(f, "TopicRecord name={name} topicId={topic_id}")
            }
            Self::Partition {
                topic,
                partition,
                replicas,
                isr,
                leader,
            } => write!(
                f,
                "PartitionRecord {topic}-{partition} replicas={} isr={} leader={leader}",
                ids(replicas),
                ids(isr)
            ),
            Self::PartitionChange {
                topic,
                partition,
                leader,
                isr,
                elr,
                last_known_elr,
                recovering,
            } => {
                write!(f, "PartitionChangeRecord {topic}-{partition}")?;
                if let Some(l) = leader {
                    write!(f, " leader={l}")?;
                }
                if let Some(i) = isr {
                    write!(f, " isr={}", ids(i))?;
                }
                if let Some(e) = elr {
                    write!(f, " eligibleLeaderReplicas={}", ids(e))?;
                }
                if let Some(e) = last_known_elr {
                    write!(f, " lastKnownElr={}", ids(e))?;
                }
                if *recovering {
                    write!(f, " leaderRecoveryState=1")?;
                }
                Ok(())
            }
        }
    }
}
