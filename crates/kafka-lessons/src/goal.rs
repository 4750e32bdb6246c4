//! Goals: named predicates over the cluster state. A lesson claims "all user-1 records
//! are in partition 2" and the engine proves it; an unknown goal name fails to load.

use kafka_sim::cluster::{BrokerId, Topic};
use kafka_sim::Cluster;
use std::str::FromStr;

use crate::args::Args;
use crate::json::{Error, Fields, Json};

/// A claim in a lesson step, with the sentence the learner reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// What the check proves, in the learner's words.
    pub says: String,
    /// The predicate, in the one-line grammar of [`crate::args`], like
    /// `key-in-partition topic=user-events key=user-1 partition=2`.
    pub goal: Goal,
}

/// A predicate over a [`Cluster`]. Written as its kebab-case name and its fields as
/// `key=value` (see [`Goal::from_str`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Goal {
    /// The topic exists.
    TopicExists {
        /// Topic.
        topic: String,
    },
    /// The topic has exactly this many partitions.
    PartitionCount {
        /// Topic.
        topic: String,
        /// Count.
        partitions: u32,
    },
    /// A topic config has this value (as `kafka-configs --describe` prints it).
    Config {
        /// Topic.
        topic: String,
        /// Config name, like `retention.ms`.
        name: String,
        /// Expected value.
        value: String,
    },
    /// Every record with `key` is in `partition`, and there is at least one.
    KeyInPartition {
        /// Topic.
        topic: String,
        /// Key.
        key: String,
        /// Partition.
        partition: u32,
    },
    /// Records with `key` sit in more than one partition (ordering across them is lost).
    KeySplit {
        /// Topic.
        topic: String,
        /// Key.
        key: String,
    },
    /// A partition holds exactly `count` records (or the whole topic, without `partition`).
    RecordCount {
        /// Topic.
        topic: String,
        /// Partition, or all.
        partition: Option<u32>,
        /// Records.
        count: u64,
    },
    /// A partition has at least this many segments.
    SegmentCount {
        /// Topic.
        topic: String,
        /// Partition.
        partition: u32,
        /// Minimum segments.
        at_least: usize,
    },
    /// Log end offset and high watermark of a partition.
    Offsets {
        /// Topic.
        topic: String,
        /// Partition.
        partition: u32,
        /// Expected log end offset.
        log_end_offset: i64,
        /// Expected high watermark.
        high_watermark: i64,
    },
    /// Every partition's offsets run 0, 1, 2, ... without gaps.
    OffsetsFromZero {
        /// Topic.
        topic: String,
    },
    /// The record at an offset has this key.
    RecordAt {
        /// Topic.
        topic: String,
        /// Partition.
        partition: u32,
        /// Offset.
        offset: i64,
        /// Expected key (`None` means a null key).
        key: Option<String>,
    },
    /// One partition's leader (`none` for no leader) and ISR, and optionally its ELR and
    /// leader epoch, as the controller has them.
    Leadership {
        /// Topic.
        topic: String,
        /// Partition.
        partition: u32,
        /// The leader's broker id, or `none`.
        leader: String,
        /// The ISR, in the controller's order.
        isr: Vec<BrokerId>,
        /// The ELR, when the claim names it.
        elr: Option<Vec<BrokerId>>,
        /// The leader epoch, when the claim names it.
        epoch: Option<i32>,
    },
    /// One replica's log end offset (and optionally high watermark) on its broker.
    Replica {
        /// Topic.
        topic: String,
        /// Partition.
        partition: u32,
        /// The broker holding it.
        broker: BrokerId,
        /// Its log end offset.
        log_end_offset: i64,
        /// Its high watermark, when the claim names it.
        high_watermark: Option<i64>,
    },
    /// How many sends the producer saw acknowledged, and how many of those are lost
    /// (`unknown` while a partition that had some has no leader).
    Acknowledged {
        /// Acknowledged sends.
        count: u64,
        /// Lost ones, or `unknown`.
        lost: String,
    },
    /// The active controller (`none` while no leader has a majority) and, optionally,
    /// the metadata log's leader epoch.
    ActiveController {
        /// Its node id, or `none`; `any` for whichever.
        controller: String,
        /// The epoch, when the claim names it.
        epoch: Option<i32>,
    },
    /// The metadata log holds a record of this kind (`TopicRecord`, `PartitionRecord`,
    /// `LeaderChangeMessage`, ...) whose text also contains `about` (e.g. `orders-0`,
    /// `brokerId=3`, `fenced=1`), when given.
    MetadataRecord {
        /// The record's type name.
        kind: String,
        /// More text it contains.
        about: Option<String>,
    },
    /// Leader, replicas and ISR of every partition of the topic.
    Placement {
        /// Topic.
        topic: String,
        /// Leader of every partition.
        leader: BrokerId,
        /// Replicas of every partition.
        replicas: Vec<BrokerId>,
        /// ISR of every partition.
        isr: Vec<BrokerId>,
    },
    /// A group's state (as `kafka-consumer-groups --describe --state` prints it) and,
    /// optionally, its generation.
    GroupState {
        /// Group id.
        group: String,
        /// `Empty`, `PreparingRebalance`, `CompletingRebalance`, `Stable` or `Dead`.
        state: String,
        /// Expected generation, if checked.
        generation: Option<i32>,
    },
    /// The partitions of `topic` a consumer owns, exactly.
    ConsumerOwns {
        /// Consumer name.
        consumer: String,
        /// Topic.
        topic: String,
        /// Partitions, sorted.
        partitions: Vec<u32>,
    },
    /// The group's committed offset (next offset to read) for a partition.
    Committed {
        /// Group id.
        group: String,
        /// Topic.
        topic: String,
        /// Partition.
        partition: u32,
        /// Offset.
        offset: i64,
    },
    /// The values of `key`'s records, read in offset order, are exactly `values`: one
    /// key stays in one partition, so a consumer reads its events in the order produced.
    KeyOrder {
        /// Topic.
        topic: String,
        /// Key.
        key: String,
        /// Values in the order a consumer reads them.
        values: Vec<String>,
    },
    /// A consumer's position (the next offset it fetches) in one partition.
    Position {
        /// Consumer.
        consumer: String,
        /// Topic.
        topic: String,
        /// Partition.
        partition: u32,
        /// Position.
        offset: i64,
    },
    /// One row's LAG in `kafka-consumer-groups --describe` (`-` counts as no lag known).
    PartitionLag {
        /// Group id.
        group: String,
        /// Topic.
        topic: String,
        /// Partition.
        partition: u32,
        /// Lag.
        lag: i64,
    },
    /// The record at an offset was written by this producer id with this sequence number.
    RecordTag {
        /// Topic.
        topic: String,
        /// Partition.
        partition: u32,
        /// Offset.
        offset: i64,
        /// Producer id (-1 without idempotence).
        producer: i64,
        /// Sequence number (-1 without idempotence).
        sequence: i32,
        /// The producer epoch, when the claim names one.
        epoch: Option<i16>,
    },
    /// The offsets a consumer's last poll handed to the application, in order.
    LastPoll {
        /// Consumer.
        consumer: String,
        /// Offsets.
        offsets: Vec<i64>,
    },
    /// The balance in the row of `key` of a group's application database.
    Balance {
        /// Group id (the application).
        group: String,
        /// Row key.
        key: String,
        /// Expected balance.
        balance: i64,
    },
    /// A group's outcome ledger: records processed once, more than once, never.
    Ledger {
        /// Group id (the application).
        group: String,
        /// Processed exactly once.
        once: u32,
        /// Processed two or more times.
        more: u32,
        /// Never processed.
        never: u32,
    },
    /// The sum of LAG in `kafka-consumer-groups --describe` for the group.
    TotalLag {
        /// Group id.
        group: String,
        /// Sum of lag.
        lag: i64,
    },
}

impl Check {
    /// Reads a check from JSON; unknown fields are ignored (as serde did: `Check` never
    /// denied them).
    pub(crate) fn read(j: &mut Json) -> Result<Self, Error> {
        let mut f = Fields::new(&["says", "goal"]);
        let mut says = String::new();
        let mut goal = None;
        j.object("Check", &mut |j, key| {
            let Some(key) = key else {
                return f.require(&[0, 1]);
            };
            match f.key(j, key, false)? {
                Some(0) => says = j.string()?,
                Some(_) => goal = Some(Goal::from_str(&j.string()?).map_err(Error::custom)?),
                None => j.skip()?,
            }
            Ok(())
        })?;
        Ok(Check {
            says,
            goal: goal.ok_or_else(|| Error::custom("missing field `goal`"))?,
        })
    }
}

impl TryFrom<String> for Goal {
    type Error = String;

    fn try_from(line: String) -> Result<Self, String> {
        line.parse()
    }
}

impl FromStr for Goal {
    type Err = String;

    /// Parses `name field=value ...`; lists are comma-separated; an absent optional field
    /// is `None` (for `record-at`, an absent `key` is a null key). Unknown names and
    /// unknown or missing fields are errors.
    fn from_str(line: &str) -> Result<Self, String> {
        let mut a = Args::parse(line)?;
        let goal = match a.name {
            "topic-exists" => Self::TopicExists {
                topic: a.req("topic")?,
            },
            "partition-count" => Self::PartitionCount {
                topic: a.req("topic")?,
                partitions: a.req("partitions")?,
            },
            "config" => Self::Config {
                topic: a.req("topic")?,
                name: a.req("name")?,
                value: a.req("value")?,
            },
            "key-in-partition" => Self::KeyInPartition {
                topic: a.req("topic")?,
                key: a.req("key")?,
                partition: a.req("partition")?,
            },
            "key-split" => Self::KeySplit {
                topic: a.req("topic")?,
                key: a.req("key")?,
            },
            "record-count" => Self::RecordCount {
                topic: a.req("topic")?,
                partition: a.opt("partition")?,
                count: a.req("count")?,
            },
            "segment-count" => Self::SegmentCount {
                topic: a.req("topic")?,
                partition: a.req("partition")?,
                at_least: a.req("at_least")?,
            },
            "offsets" => Self::Offsets {
                topic: a.req("topic")?,
                partition: a.req("partition")?,
                log_end_offset: a.req("log_end_offset")?,
                high_watermark: a.req("high_watermark")?,
            },
            "offsets-from-zero" => Self::OffsetsFromZero {
                topic: a.req("topic")?,
            },
            "record-at" => Self::RecordAt {
                topic: a.req("topic")?,
                partition: a.req("partition")?,
                offset: a.req("offset")?,
                key: a.opt("key")?,
            },
            "leadership" => Self::Leadership {
                topic: a.req("topic")?,
                partition: a.req("partition")?,
                leader: a.req("leader")?,
                isr: a.list("isr")?,
                elr: match a.opt::<String>("elr")? {
                    None => None,
                    Some(s) if s.is_empty() => Some(Vec::new()),
                    Some(s) => Some(
                        s.split(',')
                            .map(|b| {
                                b.trim()
                                    .parse()
                                    .map_err(|_| format!("elr: '{b}' is not a broker id"))
                            })
                            .collect::<Result<_, String>>()?,
                    ),
                },
                epoch: a.opt("epoch")?,
            },
            "replica" => Self::Replica {
                topic: a.req("topic")?,
                partition: a.req("partition")?,
                broker: a.req("broker")?,
                log_end_offset: a.req("log_end_offset")?,
                high_watermark: a.opt("high_watermark")?,
            },
            "acknowledged" => Self::Acknowledged {
                count: a.req("count")?,
                lost: a.req("lost")?,
            },
            "active-controller" => Self::ActiveController {
                controller: a.req("controller")?,
                epoch: a.opt("epoch")?,
            },
            "metadata-record" => Self::MetadataRecord {
                kind: a.req("kind")?,
                about: a.opt("about")?,
            },
            "placement" => Self::Placement {
                topic: a.req("topic")?,
                leader: a.req("leader")?,
                replicas: a.list("replicas")?,
                isr: a.list("isr")?,
            },
            "group-state" => Self::GroupState {
                group: a.req("group")?,
                state: a.req("state")?,
                generation: a.opt("generation")?,
            },
            "consumer-owns" => Self::ConsumerOwns {
                consumer: a.req("consumer")?,
                topic: a.req("topic")?,
                partitions: a.list("partitions")?,
            },
            "committed" => Self::Committed {
                group: a.req("group")?,
                topic: a.req("topic")?,
                partition: a.req("partition")?,
                offset: a.req("offset")?,
            },
            "key-order" => Self::KeyOrder {
                topic: a.req("topic")?,
                key: a.req("key")?,
                values: a.list("values")?,
            },
            "partition-lag" => Self::PartitionLag {
                group: a.req("group")?,
                topic: a.req("topic")?,
                partition: a.req("partition")?,
                lag: a.req("lag")?,
            },
            "position" => Self::Position {
                consumer: a.req("consumer")?,
                topic: a.req("topic")?,
                partition: a.req("partition")?,
                offset: a.req("offset")?,
            },
            "record-tag" => Self::RecordTag {
                topic: a.req("topic")?,
                partition: a.req("partition")?,
                offset: a.req("offset")?,
                producer: a.req("producer")?,
                sequence: a.req("sequence")?,
                epoch: a.opt("epoch")?,
            },
            "last-poll" => Self::LastPoll {
                consumer: a.req("consumer")?,
                offsets: a.list("offsets")?,
            },
            "balance" => Self::Balance {
                group: a.req("group")?,
                key: a.req("key")?,
                balance: a.req("balance")?,
            },
            "ledger" => Self::Ledger {
                group: a.req("group")?,
                once: a.req("once")?,
                more: a.req("more")?,
                never: a.req("never")?,
            },
            "total-lag" => Self::TotalLag {
                group: a.req("group")?,
                lag: a.req("lag")?,
            },
            _ => return Err(a.unknown("goal")),
        };
        a.done(goal)
    }
}

impl Goal {
    /// `Ok` when the claim holds; otherwise what was found instead.
    pub fn check(&self, cluster: &Cluster) -> Result<(), String> {
        match self {
            Self::TopicExists { topic } => topic_of(cluster, topic).map(|_| ()),
            Self::PartitionCount { topic, partitions } => {
                let n = topic_of(cluster, topic)?.partitions.len() as u32;
                expect(n == *partitions, || {
                    format!("{topic} has {n} partitions, not {partitions}")
                })
            }
            Self::Config { topic, name, value } => {
                let got = topic_of(cluster, topic)?.config.get(name);
                expect(got.as_deref() == Some(value), || {
                    format!("{topic} has {name}={got:?}, not {value}")
                })
            }
            Self::KeyInPartition {
                topic,
                key,
                partition,
            } => {
                let places = key_places(topic_of(cluster, topic)?, key);
                if places.is_empty() {
                    return Err(format!("no record with key {key} in {topic}"));
                }
                match places.iter().find(|(p, _)| p != partition) {
                    Some((p, o)) => Err(format!("{key} has a record in {topic}-{p} at offset {o}, not only in partition {partition}")),
                    None => Ok(()),
                }
            }
            Self::KeySplit { topic, key } => {
                let places = key_places(topic_of(cluster, topic)?, key);
                let first = places.first().map(|(p, _)| *p);
                expect(places.iter().any(|(p, _)| Some(*p) != first), || {
                    format!("all records with key {key} are still in one partition of {topic}")
                })
            }
            Self::RecordCount {
                topic,
                partition,
                count,
            } => {
                let t = topic_of(cluster, topic)?;
                let n: u64 = t
                    .partitions
                    .iter()
                    .filter(|p| partition.is_none_or(|want| p.id == want))
                    .map(|p| p.log().records().len() as u64)
                    .sum();
                expect(n == *count, || format!("found {n} records, not {count}"))
            }
            Self::SegmentCount {
                topic,
                partition,
                at_least,
            } => {
                let n = partition_of(cluster, topic, *partition)?
                    .log()
                    .segments()
                    .len();
                expect(n >= *at_least, || {
                    format!("{topic}-{partition} has {n} segments, fewer than {at_least}")
                })
            }
            Self::Offsets {
                topic,
                partition,
                log_end_offset,
                high_watermark,
            } => {
                let log = &partition_of(cluster, topic, *partition)?.log();
                let (leo, hw) = (log.log_end_offset(), log.high_watermark());
                expect(leo == *log_end_offset && hw == *high_watermark, || {
                    format!("{topic}-{partition} has LEO {leo} and HW {hw}, not {log_end_offset} and {high_watermark}")
                })
            }
            Self::OffsetsFromZero { topic } => {
                for p in &topic_of(cluster, topic)?.partitions {
                    for (i, r) in p.log().records().iter().enumerate() {
                        if r.offset != i as i64 {
                            return Err(format!(
                                "{topic}-{} has offset {} at position {i}",
                                p.id, r.offset
                            ));
                        }
                    }
                }
                Ok(())
            }
            Self::RecordAt {
                topic,
                partition,
                offset,
                key,
            } => {
                let log = &partition_of(cluster, topic, *partition)?.log();
                let record = log
                    .record(*offset)
                    .ok_or_else(|| format!("{topic}-{partition} has no offset {offset}"))?;
                expect(record.key.as_deref() == key.as_deref(), || {
                    format!(
                        "{topic}-{partition}@{offset} has key {:?}, not {key:?}",
                        record.key
                    )
                })
            }
            Self::GroupState {
                group,
                state,
                generation,
            } => {
                let g = cluster
                    .group(group)
                    .ok_or_else(|| format!("group {group} does not exist"))?;
                expect(
                    g.state.name() == state && generation.is_none_or(|want| want == g.generation),
                    || {
                        format!(
                            "{group} is {} in generation {}",
                            g.state.name(),
                            g.generation
                        )
                    },
                )
            }
            Self::ConsumerOwns {
                consumer,
                topic,
                partitions,
            } => {
                let c = cluster
                    .consumer(consumer)
                    .ok_or_else(|| format!("no consumer {consumer}"))?;
                let got: Vec<u32> = c
                    .owned
                    .iter()
                    .filter(|(t, _)| &**t == topic)
                    .map(|(_, p)| *p)
                    .collect();
                expect(&got == partitions, || {
                    format!("{consumer} owns {topic} partitions {got:?}")
                })
            }
            Self::Committed {
                group,
                topic,
                partition,
                offset,
            } => {
                let g = cluster
                    .group(group)
                    .ok_or_else(|| format!("group {group} does not exist"))?;
                let got = kafka_sim::group::committed_offset(g, topic, *partition);
                expect(got == Some(*offset), || {
                    format!("{group} has committed {got:?} for {topic}-{partition}")
                })
            }
            Self::KeyOrder { topic, key, values } => {
                let t = topic_of(cluster, topic)?;
                let places = key_places(t, key);
                let first = places.first().map(|(p, _)| *p);
                if let Some((p, _)) = places.iter().find(|(p, _)| Some(*p) != first) {
                    return Err(format!(
                        "{key} is in more than one partition of {topic} (also {p}): no order between them"
                    ));
                }
                let got: Vec<&str> = places
                    .iter()
                    .filter_map(|(p, o)| t.partitions.get(*p as usize)?.log().record(*o))
                    .map(|r| r.value.as_deref().unwrap_or("null"))
                    .collect();
                expect(got == *values, || {
                    format!("{key} reads as {}", got.join(" → "))
                })
            }
            Self::PartitionLag {
                group,
                topic,
                partition,
                lag,
            } => {
                let g = cluster
                    .group(group)
                    .ok_or_else(|| format!("group {group} does not exist"))?;
                let got = g
                    .describe(cluster)
                    .into_iter()
                    .find(|r| &*r.topic == topic && r.partition == *partition)
                    .and_then(|r| r.lag);
                expect(got == Some(*lag), || {
                    format!("{group} lags by {got:?} on {topic}-{partition}")
                })
            }
            Self::Position {
                consumer,
                topic,
                partition,
                offset,
            } => {
                let c = cluster
                    .consumer(consumer)
                    .ok_or_else(|| format!("there is no consumer {consumer}"))?;
                let got = c
                    .positions
                    .iter()
                    .find(|((t, p), _)| &**t == topic && p == partition)
                    .map(|(_, o)| *o);
                expect(got == Some(*offset), || {
                    format!("{consumer}'s position on {topic}-{partition} is {got:?}")
                })
            }
            Self::RecordTag {
                topic,
                partition,
                offset,
                producer,
                sequence,
                epoch,
            } => {
                let log = &partition_of(cluster, topic, *partition)?.log();
                let r = log
                    .record(*offset)
                    .ok_or_else(|| format!("{topic}-{partition} has no offset {offset}"))?;
                expect(
                    (r.producer.id, r.producer.sequence) == (*producer, *sequence)
                        && epoch.is_none_or(|e| e == r.producer.epoch),
                    || {
                        format!(
                            "{topic}-{partition}@{offset} has producer {} epoch {} sequence {}",
                            r.producer.id, r.producer.epoch, r.producer.sequence
                        )
                    },
                )
            }
            Self::LastPoll { consumer, offsets } => {
                let c = cluster
                    .consumer(consumer)
                    .ok_or_else(|| format!("no consumer {consumer}"))?;
                let got: Vec<i64> = c.polled.iter().map(|(_, o)| *o).collect();
                expect(&got == offsets, || {
                    format!("{consumer}'s last poll returned {got:?}")
                })
            }
            Self::Balance {
                group,
                key,
                balance,
            } => {
                let got = cluster
                    .app(group)
                    .and_then(|a| a.rows.get(key.as_str()))
                    .map_or(0, |r| r.balance);
                expect(got == *balance, || {
                    format!("{group} has balance {got} for {key}")
                })
            }
            Self::Ledger {
                group,
                once,
                more,
                never,
            } => {
                let l = cluster.ledger(group);
                expect(
                    (
                        l.processed_once,
                        l.processed_more_than_once,
                        l.never_processed,
                    ) == (*once, *more, *never),
                    || {
                        format!(
                            "{group} processed {} once, {} more than once, {} never",
                            l.processed_once, l.processed_more_than_once, l.never_processed
                        )
                    },
                )
            }
            Self::TotalLag { group, lag } => {
                let g = cluster
                    .group(group)
                    .ok_or_else(|| format!("group {group} does not exist"))?;
                let got = g.total_lag(cluster);
                expect(got == *lag, || format!("{group} lags by {got}"))
            }
            Self::Leadership {
                topic,
                partition,
                leader,
                isr,
                elr,
                epoch,
            } => {
                let p = partition_of(cluster, topic, *partition)?;
                let got = p.leader().map_or("none".to_string(), |b| b.to_string());
                let ok = &got == leader
                    && p.isr() == isr.as_slice()
                    && elr.as_ref().is_none_or(|e| p.elr() == e.as_slice())
                    && epoch.is_none_or(|e| p.leader_epoch() == e);
                expect(ok, || {
                    format!(
                        "{topic}-{partition} has leader {got}, ISR {:?}, ELR {:?}, epoch {}",
                        p.isr(),
                        p.elr(),
                        p.leader_epoch()
                    )
                })
            }
            Self::Replica {
                topic,
                partition,
                broker,
                log_end_offset,
                high_watermark,
            } => {
                let p = partition_of(cluster, topic, *partition)?;
                let copy = p.copy(*broker).ok_or_else(|| {
                    format!("broker {broker} holds no replica of {topic}-{partition}")
                })?;
                let (leo, hw) = (copy.log().log_end_offset(), copy.log().high_watermark());
                expect(
                    leo == *log_end_offset && high_watermark.is_none_or(|h| h == hw),
                    || {
                        format!("{topic}-{partition} on broker {broker} has log end {leo} and high watermark {hw}")
                    },
                )
            }
            Self::Acknowledged { count, lost } => {
                let got = cluster
                    .acknowledged_lost()
                    .map_or("unknown".to_string(), |n| n.to_string());
                expect(cluster.acknowledged() == *count && &got == lost, || {
                    format!("{} acknowledged, lost {got}", cluster.acknowledged())
                })
            }
            Self::ActiveController { controller, epoch } => {
                let q = cluster.quorum();
                let got = q.active().map_or("none".to_string(), |c| c.to_string());
                let ok = (controller == "any" && got != "none" || &got == controller)
                    && epoch.is_none_or(|e| q.epoch == e);
                expect(ok, || {
                    format!("the active controller is {got}, epoch {}", q.epoch)
                })
            }
            Self::MetadataRecord { kind, about } => {
                let found = cluster.quorum().log.iter().any(|(_, r)| {
                    let text = r.to_string();
                    text.starts_with(kind.as_str())
                        && about.as_ref().is_none_or(|a| text.contains(a.as_str()))
                });
                expect(found, || {
                    format!("no {kind} in the metadata log mentions {about:?}")
                })
            }
            Self::Placement {
                topic,
                leader,
                replicas,
                isr,
            } => {
                for p in &topic_of(cluster, topic)?.partitions {
                    if p.leader() != Some(*leader) || p.replicas() != replicas || p.isr() != isr {
                        return Err(format!(
                            "{topic}-{} has leader {} replicas {:?} isr {:?}",
                            p.id,
                            p.leader().map_or("none".to_string(), |b| b.to_string()),
                            p.replicas(),
                            p.isr()
                        ));
                    }
                }
                Ok(())
            }
        }
    }
}

fn expect(ok: bool, otherwise: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(otherwise())
    }
}

fn topic_of<'a>(cluster: &'a Cluster, topic: &str) -> Result<&'a Topic, String> {
    cluster
        .topic(topic)
        .ok_or_else(|| format!("topic {topic} does not exist"))
}

fn partition_of<'a>(
    cluster: &'a Cluster,
    topic: &str,
    partition: u32,
) -> Result<&'a kafka_sim::cluster::Partition, String> {
    topic_of(cluster, topic)?
        .partitions
        .get(partition as usize)
        .ok_or_else(|| format!("{topic} has no partition {partition}"))
}

/// (partition, offset) of every record with `key`.
fn key_places(topic: &Topic, key: &str) -> Vec<(u32, i64)> {
    topic
        .partitions
        .iter()
        .flat_map(|p| {
            p.log()
                .records()
                .iter()
                .filter(|r| r.key.as_deref() == Some(key))
                .map(move |r| (p.id, r.offset))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(script: &str) -> Cluster {
        let mut c = Cluster::default();
        for cmd in kafka_sim::command::parse_script(script).unwrap() {
            c.apply(&cmd).unwrap();
        }
        c
    }

    #[test]
    fn key_in_partition_fails_when_a_key_moved() {
        // The producer sees the new partitions at its next metadata refresh (5 minutes).
        let c = cluster("create-topic t partitions=3\nproduce t key=user-1 value=a\nalter-topic t partitions=5\ntick 5m\nproduce t key=user-1 value=b\n");
        let goal = Goal::KeyInPartition {
            topic: "t".into(),
            key: "user-1".into(),
            partition: 2,
        };
        assert_eq!(
            goal.check(&c),
            Err("user-1 has a record in t-3 at offset 0, not only in partition 2".into())
        );
        assert_eq!(
            Goal::KeySplit {
                topic: "t".into(),
                key: "user-1".into()
            }
            .check(&c),
            Ok(())
        );
    }

    #[test]
    fn unknown_goal_names_and_fields_do_not_load() {
        let err = crate::json::parse(r#"{"says":"x","goal":"be-fast"}"#, Check::read).unwrap_err();
        assert!(err.to_string().contains("unknown goal `be-fast`"), "{err}");
        let err = "total-lag group=g lag=1 lagg=2"
            .parse::<Goal>()
            .unwrap_err();
        assert!(err.contains("unknown argument lagg"), "{err}");
        assert!("committed group=g topic=t partition=0"
            .parse::<Goal>()
            .unwrap_err()
            .contains("offset= is missing"));
    }

    #[test]
    fn goals_parse_from_one_line() {
        assert_eq!(
            "consumer-owns consumer=c4 topic=user-events partitions=".parse::<Goal>(),
            Ok(Goal::ConsumerOwns {
                consumer: "c4".into(),
                topic: "user-events".into(),
                partitions: vec![]
            })
        );
        assert_eq!(
            "record-at topic=t partition=0 offset=3".parse::<Goal>(),
            Ok(Goal::RecordAt {
                topic: "t".into(),
                partition: 0,
                offset: 3,
                key: None
            })
        );
    }
}
