//! Kafka's classic consumer partition assignors, as the Java client runs them on the group
//! leader: `range`, `roundrobin`, `sticky` and `cooperative-sticky`.
//!
//! ```
//! use kafka_sim::collections::VecMap;
//! use kafka_sim::assignor::{assign, Strategy, Subscription};
//! let partitions = VecMap::from([("t0".to_string(), 3), ("t1".to_string(), 3)]);
//! let members = VecMap::from([
//!     ("C0".to_string(), Subscription::to(["t0", "t1"])),
//!     ("C1".to_string(), Subscription::to(["t0", "t1"])),
//! ]);
//! // RangeAssignor's javadoc example: C0 gets [t0p0, t0p1, t1p0, t1p1], C1 [t0p2, t1p2].
//! let a = assign(Strategy::Range, &partitions, &members).unwrap();
//! assert_eq!(a["C0"]["t0"], [0, 1]);
//! assert_eq!(a["C1"]["t1"], [2]);
//! ```
//!
//! Sources (apache/kafka, `clients/src/main/java/org/apache/kafka/clients/consumer/`):
//! `internals/AbstractPartitionAssignor.java` (which topics take part, `MemberInfo` order),
//! `RangeAssignor.java`, `RoundRobinAssignor.java`, `internals/AbstractStickyAssignor.java`
//! (shared by `StickyAssignor.java` and `CooperativeStickyAssignor.java`). Racks are not
//! modelled, so the rack-aware code paths never run (as in Java without `client.rack`).
//!
//! Where Java iterates a `HashMap` the result can depend on the JDK's bucket order; that
//! order is reproduced (see `java.rs`). The one input Java has that we do not is the
//! JoinGroup order of the members (the insertion order of the leader's `subscriptions`
//! map): it only matters for member ids whose hashes share a bucket, and we take
//! member-id order.

mod java;
mod range;
mod round_robin;
pub mod server;
mod sticky;

use crate::collections::{VecMap, VecSet};
use std::fmt;
use std::str::FromStr;

use crate::error::{ErrorKind, KafkaError};

/// Most partitions a topic may have here (a simulation bound, not a Kafka one).
pub const MAX_PARTITIONS_PER_TOPIC: u32 = 10_000;
/// Most members a group may have here (a simulation bound, not a Kafka one).
pub const MAX_MEMBERS: usize = 1_000;
/// Most partitions over all subscribed topics (keeps the sticky general path quick).
pub const MAX_TOTAL_PARTITIONS: u64 = 20_000;

/// A `partition.assignment.strategy`, by the name its assignor reports (`name()`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Strategy {
    /// `RangeAssignor`: per topic, contiguous ranges over the sorted members.
    Range,
    /// `RoundRobinAssignor`: all partitions dealt in turn over the sorted members.
    RoundRobin,
    /// `StickyAssignor`: balanced, keeping previous assignments (eager protocol).
    Sticky,
    /// `CooperativeStickyAssignor`: the sticky target minus partitions that must first be
    /// revoked by their current owner (KIP-429).
    CooperativeSticky,
}

impl Strategy {
    /// The name as `ConsumerPartitionAssignor#name` returns it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Range => "range",
            Self::RoundRobin => "roundrobin",
            Self::Sticky => "sticky",
            Self::CooperativeSticky => "cooperative-sticky",
        }
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Strategy {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "range" => Ok(Self::Range),
            "roundrobin" => Ok(Self::RoundRobin),
            "sticky" => Ok(Self::Sticky),
            "cooperative-sticky" => Ok(Self::CooperativeSticky),
            other => Err(format!(
                "unknown assignor '{other}' (expected one of: range, roundrobin, sticky, cooperative-sticky)"
            )),
        }
    }
}

/// One member's JoinGroup metadata (`ConsumerPartitionAssignor.Subscription`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subscription {
    /// Subscribed topics; topics the cluster does not know are ignored, as Java does.
    pub topics: Vec<String>,
    /// `group.instance.id` of a static member.
    pub group_instance_id: Option<String>,
    /// Partitions the member owns now (`ownedPartitions`, or for `sticky` the previous
    /// assignment in its user data), topic to partitions.
    pub owned: VecMap<String, Vec<u32>>,
    /// The generation those partitions are from (`generationId`), if known.
    pub generation: Option<i32>,
}

impl Subscription {
    /// A dynamic member subscribed to `topics`, owning nothing.
    pub fn to<I, S>(topics: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            topics: topics.into_iter().map(Into::into).collect(),
            ..Self::default()
        }
    }
}

/// Member id → topic → sorted partitions. Every member is present, possibly with no topic.
pub type Assignment = VecMap<String, VecMap<String, Vec<u32>>>;

/// Runs `strategy` as the group leader would, over the topics' partition counts.
///
/// Like `AbstractPartitionAssignor#assign(Cluster, GroupSubscription)`, only topics that
/// some member subscribes to and that have at least one partition take part. Every member
/// appears in the result (Java returns an empty list for a member that gets nothing).
///
/// # Errors
/// `IllegalArgumentException` for input Kafka could not produce: too many members or
/// partitions, empty or duplicate topic names, duplicate `group.instance.id`s, owned
/// partitions that are duplicated or beyond the topic's partition count.
/// Also `IllegalArgumentException`, with the Java exception named in the message, where
/// the Java assignor itself would throw (states valid input does not reach).
pub fn assign(
    strategy: Strategy,
    partitions_per_topic: &VecMap<String, u32>,
    members: &VecMap<String, Subscription>,
) -> Result<Assignment, KafkaError> {
    let group = Group::new(partitions_per_topic, members)?;
    let per_member: Vec<Vec<Tp>> = match strategy {
        Strategy::Range => range::assign(&group),
        Strategy::RoundRobin => round_robin::assign(&group),
        Strategy::Sticky => sticky::assign(&group, false)?,
        Strategy::CooperativeSticky => sticky::assign(&group, true)?,
    };
    Ok(group.to_assignment(per_member))
}

fn invalid(message: impl Into<String>) -> KafkaError {
    KafkaError::new(ErrorKind::IllegalArgumentException, message)
}

/// A topic partition: topic index into [`Group::topics`] (sorted as Java sorts strings)
/// and partition, so the derived order is Java's `(topic, partition)` order.
pub(crate) type Tp = (usize, u32);

/// The validated input, with members and topics numbered in Java's string order.
pub(crate) struct Group<'a> {
    /// Member ids, sorted by `String.compareTo`.
    pub(crate) ids: Vec<&'a str>,
    /// Each member's subscription, same index.
    pub(crate) subs: Vec<&'a Subscription>,
    /// The topics taking part (subscribed and with partitions), sorted by `String.compareTo`.
    pub(crate) topics: Vec<&'a str>,
    /// Their partition counts.
    pub(crate) counts: Vec<u32>,
    /// Each member's subscribed topics that take part, in its subscription's order.
    pub(crate) member_topics: Vec<Vec<usize>>,
    /// Each member's owned partitions of topics that take part, in the order given.
    pub(crate) owned: Vec<Vec<Tp>>,
}

impl<'a> Group<'a> {
    fn new(
        partitions_per_topic: &'a VecMap<String, u32>,
        members: &'a VecMap<String, Subscription>,
    ) -> Result<Self, KafkaError> {
        if members.len() > MAX_MEMBERS {
            return Err(invalid(format!(
                "{} members: at most {MAX_MEMBERS} are simulated",
                members.len()
            )));
        }
        for (topic, &count) in partitions_per_topic {
            if topic.trim().is_empty() {
                return Err(invalid("a topic name cannot be empty"));
            }
            if count > MAX_PARTITIONS_PER_TOPIC {
                return Err(invalid(format!(
                    "topic '{topic}' has {count} partitions: at most {MAX_PARTITIONS_PER_TOPIC} are simulated"
                )));
            }
        }
        let mut instance_ids = VecSet::new();
        for (member, sub) in members {
            let mut seen = VecSet::new();
            for topic in &sub.topics {
                // KafkaConsumer#subscribe: "Topic collection to subscribe to cannot contain
                // null or empty topic".
                if topic.trim().is_empty() {
                    return Err(invalid(format!(
                        "member '{member}': topic collection to subscribe to cannot contain null or empty topic"
                    )));
                }
                if !seen.insert(topic.as_str()) {
                    return Err(invalid(format!(
                        "member '{member}' lists topic '{topic}' twice"
                    )));
                }
            }
            if let Some(id) = &sub.group_instance_id {
                if !instance_ids.insert(id.as_str()) {
                    return Err(invalid(format!(
                        "group.instance.id '{id}' is used by two members (the coordinator fences one of them)"
                    )));
                }
            }
            for (topic, parts) in &sub.owned {
                let mut seen = VecSet::new();
                for &p in parts {
                    if !seen.insert(p) {
                        return Err(invalid(format!("member '{member}' owns {topic}-{p} twice")));
                    }
                    match partitions_per_topic.get(topic) {
                        Some(&count) if count > 0 && p >= count => {
                            return Err(invalid(format!(
                                "member '{member}' owns {topic}-{p}, but '{topic}' has {count} partitions"
                            )))
                        }
                        // A topic without metadata (deleted, say): Java drops the claim.
                        _ if p >= MAX_PARTITIONS_PER_TOPIC => {
                            return Err(invalid(format!(
                                "member '{member}' owns {topic}-{p}: partitions go up to {}",
                                MAX_PARTITIONS_PER_TOPIC - 1
                            )))
                        }
                        _ => {}
                    }
                }
            }
        }

        // AbstractPartitionAssignor#assign(Cluster, ...): partitionsPerTopic holds the
        // subscribed topics whose partition count is known and positive.
        let subscribed: VecSet<&str> = crate::sort::set_of(
            members
                .values()
                .flat_map(|s| s.topics.iter().map(String::as_str)),
        );
        let mut topics: Vec<&str> = partitions_per_topic
            .iter()
            .filter(|(t, &n)| n > 0 && subscribed.contains(t.as_str()))
            .map(|(t, _)| t.as_str())
            .collect();
        crate::sort::sort_by(&mut topics, |a, b| java::cmp_str(a, b));
        let counts: Vec<u32> = topics
            .iter()
            .map(|t| partitions_per_topic.get(*t).copied().unwrap_or(0))
            .collect();
        let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
        if total > MAX_TOTAL_PARTITIONS {
            return Err(invalid(format!(
                "{total} partitions in subscribed topics: at most {MAX_TOTAL_PARTITIONS} are simulated"
            )));
        }
        let topic_index = |t: &str| topics.binary_search_by(|x| java::cmp_str(x, t)).ok();

        let mut entries: Vec<(&str, &Subscription)> =
            members.iter().map(|(m, s)| (m.as_str(), s)).collect();
        crate::sort::sort_by(&mut entries, |a, b| java::cmp_str(a.0, b.0));
        let member_topics = entries
            .iter()
            .map(|(_, s)| s.topics.iter().filter_map(|t| topic_index(t)).collect())
            .collect();
        let owned = entries
            .iter()
            .map(|(_, s)| {
                s.owned
                    .iter()
                    .filter_map(|(t, ps)| topic_index(t).map(|ti| (ti, ps)))
                    .flat_map(|(ti, ps)| ps.iter().map(move |&p| (ti, p)))
                    .collect()
            })
            .collect();
        Ok(Self {
            ids: entries.iter().map(|(m, _)| *m).collect(),
            subs: entries.iter().map(|(_, s)| *s).collect(),
            topics,
            counts,
            member_topics,
            owned,
        })
    }

    /// Number of members.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether member `m` subscribes to topic `t`.
    pub(crate) fn subscribes(&self, m: usize, t: usize) -> bool {
        self.member_topics[m].contains(&t)
    }

    /// `AbstractPartitionAssignor.MemberInfo#compareTo`: static members (with a
    /// `group.instance.id`) first, by instance id; then dynamic members by member id.
    pub(crate) fn member_info_cmp(&self, a: usize, b: usize) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        match (
            &self.subs[a].group_instance_id,
            &self.subs[b].group_instance_id,
        ) {
            (Some(x), Some(y)) => java::cmp_str(x, y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => a.cmp(&b),
        }
    }

    /// Members in the iteration order of the leader's `subscriptions` `HashMap`.
    pub(crate) fn subscription_order(&self) -> Vec<usize> {
        let hashes: Vec<i32> = self.ids.iter().map(|m| java::string_hash(m)).collect();
        java::hash_map_order(&hashes)
    }

    /// `TopicPartition.hashCode` of `tp`.
    pub(crate) fn tp_hash(&self, tp: Tp) -> i32 {
        java::topic_partition_hash(self.topics[tp.0], tp.1)
    }

    fn to_assignment(&self, per_member: Vec<Vec<Tp>>) -> Assignment {
        let mut out = Assignment::new();
        for (m, tps) in per_member.into_iter().enumerate() {
            let mut topics: VecMap<String, Vec<u32>> = VecMap::new();
            for (t, p) in tps {
                topics
                    .entry(self.topics[t].to_string())
                    .or_default()
                    .push(p);
            }
            for parts in topics.values_mut() {
                parts.sort_unstable();
            }
            out.insert(self.ids[m].to_string(), topics);
        }
        out
    }
}
