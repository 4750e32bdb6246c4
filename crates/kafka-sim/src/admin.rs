//! Admin operations that read or steer the controller: `kafka-leader-election.sh`
//! (`elect-leaders`) and `kafka-topics.sh --describe`, in the tools' own text.

use std::fmt::Write as _;

use crate::controller::partitions::BrokerChange;
use crate::error::{ErrorKind, KafkaError};
use crate::event::Event;
use crate::partition_change::Election;
use crate::Cluster;

/// `kafka-topics --describe`'s partition filters (`TopicCommand`'s report options).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum DescribeFilter {
    /// Every topic header and partition line.
    #[default]
    All,
    /// `--under-replicated-partitions`: fewer in the ISR than replicas.
    UnderReplicated,
    /// `--under-min-isr-partitions`: no leader, or fewer in the ISR than
    /// `min.insync.replicas`.
    UnderMinIsr,
    /// `--at-min-isr-partitions`: exactly `min.insync.replicas` in the ISR.
    AtMinIsr,
    /// `--unavailable-partitions`: no leader, or a leader that is not a live broker.
    Unavailable,
    /// `--topics-with-overrides`: the header of each topic with a non-default config
    /// (on a 4.x broker every topic, for the two cluster-level settings), no partitions.
    TopicsWithOverrides,
}

impl Cluster {
    /// `elect-leaders topic=T partition=P type=preferred|unclean`: the controller's
    /// `RCM#electLeader`.
    pub(crate) fn elect_leaders(
        &mut self,
        topic: &str,
        partition: u32,
        unclean: bool,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        self.require_controller("electLeaders")?;
        let t = self.topics.get(topic).ok_or_else(|| {
            KafkaError::new(
                ErrorKind::UnknownTopicOrPartitionException,
                format!("No such topic as {topic}"),
            )
        })?;
        let p = t.partitions.get(partition as usize).ok_or_else(|| {
            KafkaError::new(
                ErrorKind::UnknownTopicOrPartitionException,
                format!("No such partition as {topic}-{partition}"),
            )
        })?;
        let not_needed = if unclean {
            p.leader().is_some()
        } else {
            p.leader() == Some(p.replicas()[0])
        };
        if not_needed {
            return Err(KafkaError::new(
                ErrorKind::ElectionNotNeededException,
                "Leader election not needed for topic partition.",
            ));
        }
        let isr = p.isr().to_vec();
        let (election, reason) = if unclean {
            (Election::Unclean, "unclean election")
        } else {
            (Election::Preferred, "preferred election")
        };
        let change = BrokerChange {
            remove: None,
            add: None,
            unclean: None,
            reason,
        };
        if self.change_partition(topic, partition, isr, election, change, out) {
            self.schedule_balance();
            return Ok(());
        }
        Err(if unclean {
            KafkaError::new(
                ErrorKind::EligibleLeadersNotAvailableException,
                "Eligible topic partition leaders are not available.",
            )
        } else {
            KafkaError::new(
                ErrorKind::PreferredLeaderNotAvailableException,
                "The preferred leader was not available.",
            )
        })
    }

    /// `kafka-topics.sh --describe [--topic T] [filter]` as Kafka 4.x prints it
    /// (`TopicCommand#describeTopic`, `PartitionDescription#printDescription`): a header
    /// per topic, then a line per partition; a filter prints matching partition lines
    /// only. Topics come in name order here (Kafka's come in HashMap order).
    pub fn describe_topics(
        &self,
        topic: Option<&str>,
        filter: DescribeFilter,
    ) -> Result<String, KafkaError> {
        if let Some(name) = topic.filter(|n| !self.topics.contains_key(*n)) {
            return Err(KafkaError::new(
                ErrorKind::IllegalArgumentException,
                format!("Topic '{name}' does not exist as expected"),
            ));
        }
        let live: Vec<i32> = self
            .brokers
            .iter()
            .filter(|b| !b.fenced)
            .map(|b| b.id)
            .collect();
        let ids = |v: &[i32]| v.iter().map(i32::to_string).collect::<Vec<_>>().join(",");
        let mut s = String::new();
        for t in self.topics.values() {
            if topic.is_some_and(|n| n != &*t.name) {
                continue;
            }
            let min_isr = t.config.min_insync_replicas as usize;
            if matches!(
                filter,
                DescribeFilter::All | DescribeFilter::TopicsWithOverrides
            ) {
                // Configs: every entry not at its default, by name. A stock 4.x broker
                // has two: the cluster-level min.insync.replicas the controller writes
                // with ELR on, and log.segment.bytes from config/server.properties.
                let mut configs: Vec<(String, String)> = t
                    .config
                    .overrides
                    .iter()
                    .map(|(k, _)| (k.clone(), t.config.get(k).unwrap_or_default()))
                    .collect();
                for (k, v) in [
                    ("min.insync.replicas", "1"),
                    ("segment.bytes", "1073741824"),
                ] {
                    if !configs.iter().any(|(n, _)| n == k) {
                        configs.push((k.to_string(), v.to_string()));
                    }
                }
                configs.sort();
                let configs: Vec<String> =
                    configs.iter().map(|(k, v)| format!("{k}={v}")).collect();
                let _ = writeln!(
                    s,
                    "Topic: {}\tTopicId: {}\tPartitionCount: {}\tReplicationFactor: {}\tConfigs: {}",
                    t.name,
                    topic_id(&t.name),
                    t.partitions.len(),
                    t.replication_factor,
                    configs.join(",")
                );
            }
            for p in &t.partitions {
                let isr = p.isr().len();
                let show = match filter {
                    DescribeFilter::All => true,
                    DescribeFilter::TopicsWithOverrides => false,
                    DescribeFilter::UnderReplicated => isr < p.replicas().len(),
                    DescribeFilter::UnderMinIsr => p.leader().is_none() || isr < min_isr,
                    DescribeFilter::AtMinIsr => isr == min_isr,
                    DescribeFilter::Unavailable => p.leader().is_none_or(|l| !live.contains(&l)),
                };
                if !show {
                    continue;
                }
                let leader = p.leader().map_or("none".to_string(), |l| l.to_string());
                let reg = p.registration();
                let _ = writeln!(
                    s,
                    "\tTopic: {}\tPartition: {}\tLeader: {leader}\tReplicas: {}\tIsr: {}\tElr: {}\tLastKnownElr: {}",
                    t.name,
                    p.id,
                    ids(p.replicas()),
                    ids(p.isr()),
                    ids(&reg.elr),
                    ids(&reg.last_known_elr)
                );
            }
        }
        Ok(s)
    }
}

/// A topic id for the text: Kafka draws a random UUID; the engine derives one from the
/// name (no random draw, so creating a topic leaves the seeded generator alone), printed
/// as Kafka prints a `Uuid`: URL-safe base64 without padding, 22 characters.
pub fn topic_id(name: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let mut rng = crate::rng::SplitMix64::new(h);
    let bytes: Vec<u8> = (0..2).flat_map(|_| rng.next_u64().to_be_bytes()).collect();
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(22);
    for chunk in bytes.chunks(3) {
        let n =
            chunk.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b)) << (8 * (3 - chunk.len()));
        let chars = chunk.len() + 1;
        for i in 0..chars {
            out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}
