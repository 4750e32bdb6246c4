//! Goals: named predicates over the cluster state. A lesson claims "all user-1 records
//! are in partition 2" and the engine proves it; an unknown goal name fails to load.
//! A goal that does not hold says what was found instead as a [`Miss`], a keyed message
//! the app translates (see [`crate::miss`]).

use kafka_sim::cluster::{BrokerId, Topic};
use kafka_sim::Cluster;
use std::str::FromStr;

use crate::args::Args;
use crate::json::{Error, Fields, Json};
use crate::miss::Miss;

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
    /// The first offset still in a partition's log: retention deleted everything below.
    LogStart {
        /// Topic.
        topic: String,
        /// Partition.
        partition: u32,
        /// Expected log start offset.
        offset: i64,
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
    /// The record at an offset carries this header (the first of its name).
    RecordHeader {
        /// Topic.
        topic: String,
        /// Partition.
        partition: u32,
        /// Offset.
        offset: i64,
        /// Header name.
        name: String,
        /// Its value.
        value: String,
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
        /// Never processed, with a copy in the dead letter queue (not checked if absent).
        dead: Option<u32>,
    },
    /// The sum of LAG in `kafka-consumer-groups --describe` for the group.
    TotalLag {
        /// Group id.
        group: String,
        /// Sum of lag.
        lag: i64,
    },
    /// The kafka-go Writer's tally of the messages given to `WriteMessages` (each field
    /// checked only when the claim names it).
    WriterLedger {
        /// Appended to a partition.
        written: Option<u64>,
        /// Counted written with `RequireNone` though the broker refused them.
        unseen: Option<u64>,
        /// Failed, and the application heard: returned by `WriteMessages` or given to
        /// the `Completion` callback.
        heard: Option<u64>,
        /// Failed, and nobody was told.
        dropped: Option<u64>,
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
            "log-start" => Self::LogStart {
                topic: a.req("topic")?,
                partition: a.req("partition")?,
                offset: a.req("offset")?,
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
            "record-header" => Self::RecordHeader {
                topic: a.req("topic")?,
                partition: a.req("partition")?,
                offset: a.req("offset")?,
                name: a.req("name")?,
                value: a.req("value")?,
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
                dead: a.opt("dead")?,
            },
            "total-lag" => Self::TotalLag {
                group: a.req("group")?,
                lag: a.req("lag")?,
            },
            "writer-ledger" => Self::WriterLedger {
                written: a.opt("written")?,
                unseen: a.opt("unseen")?,
                heard: a.opt("heard")?,
                dropped: a.opt("dropped")?,
            },
            _ => return Err(a.unknown("goal")),
        };
        a.done(goal)
    }
}

impl Goal {
    /// `Ok` when the claim holds; otherwise what was found instead, as a [`Miss`] the
    /// app translates (its `Display` is the English).
    // Not formatted: rustfmt would break a long message's call over lines, and the app
    // reads each message from its one line (the test
    // `every_miss_key_is_unique_with_one_english` holds it to that).
    #[rustfmt::skip]
    pub fn check(&self, cluster: &Cluster) -> Result<(), Miss> {
        match self {
            Self::TopicExists { topic } => topic_of(cluster, topic).map(|_| ()),
            Self::PartitionCount { topic, partitions } => {
                let n = topic_of(cluster, topic)?.partitions.len() as u32;
                expect(n == *partitions, || {
                    Miss::new("miss.partition_count", "{topic} has {n} partitions, not {partitions}")
                        .with("topic", topic)
                        .with("n", n)
                        .with("partitions", partitions)
                })
            }
            Self::Config { topic, name, value } => {
                let got = topic_of(cluster, topic)?.config.get(name);
                expect(got.as_deref() == Some(value), || {
                    Miss::new("miss.config", "{topic} has {name}={got}, not {value}")
                        .with("topic", topic)
                        .with("name", name)
                        .with("got", format!("{got:?}"))
                        .with("value", value)
                })
            }
            Self::KeyInPartition {
                topic,
                key,
                partition,
            } => {
                let places = key_places(topic_of(cluster, topic)?, key);
                if places.is_empty() {
                    return Err(
                        Miss::new("miss.no_key", "no record with key {key} in {topic}")
                            .with("key", key)
                            .with("topic", topic),
                    );
                }
                match places.iter().find(|(p, _)| p != partition) {
                    Some((p, o)) => Err(Miss::new("miss.key_elsewhere", "{key} has a record in {topic}-{found} at offset {offset}, not only in partition {partition}")
                        .with("key", key)
                        .with("topic", topic)
                        .with("found", p)
                        .with("offset", o)
                        .with("partition", partition)),
                    None => Ok(()),
                }
            }
            Self::KeySplit { topic, key } => {
                let places = key_places(topic_of(cluster, topic)?, key);
                let first = places.first().map(|(p, _)| *p);
                expect(places.iter().any(|(p, _)| Some(*p) != first), || {
                    Miss::new("miss.key_not_split", "all records with key {key} are still in one partition of {topic}")
                        .with("key", key)
                        .with("topic", topic)
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
                    .map(|p| {
                        p.log()
                            .records()
                            .iter()
                            .filter(|r| !r.producer.is_empty_batch())
                            .count() as u64
                    })
                    .sum();
                expect(n == *count, || {
                    Miss::new("miss.record_count", "found {n} records, not {count}")
                        .with("n", n)
                        .with("count", count)
                })
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
                    Miss::new("miss.segment_count", "{topic}-{partition} has {n} segments, fewer than {at_least}")
                        .with("topic", topic)
                        .with("partition", partition)
                        .with("n", n)
                        .with("at_least", at_least)
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
                    Miss::new("miss.offsets", "{topic}-{partition} has LEO {leo} and HW {hw}, not {log_end_offset} and {high_watermark}")
                        .with("topic", topic)
                        .with("partition", partition)
                        .with("leo", leo)
                        .with("hw", hw)
                        .with("log_end_offset", log_end_offset)
                        .with("high_watermark", high_watermark)
                })
            }
            Self::LogStart {
                topic,
                partition,
                offset,
            } => {
                let start = partition_of(cluster, topic, *partition)?.log().log_start_offset();
                expect(start == *offset, || {
                    Miss::new("miss.log_start", "{topic}-{partition} starts at offset {start}, not {offset}")
                        .with("topic", topic)
                        .with("partition", partition)
                        .with("start", start)
                        .with("offset", offset)
                })
            }
            Self::OffsetsFromZero { topic } => {
                for p in &topic_of(cluster, topic)?.partitions {
                    for (i, r) in p.log().records().iter().enumerate() {
                        if r.offset != i as i64 {
                            return Err(Miss::new("miss.offset_gap", "{topic}-{partition} has offset {offset} at position {i}")
                                .with("topic", topic)
                                .with("partition", p.id)
                                .with("offset", r.offset)
                                .with("i", i));
                        }
                    }
                }
                Ok(())
            }
            Self::RecordHeader { topic, partition, offset, name, value } => {
                let record = record_of(cluster, topic, *partition, *offset)?;
                let got = record.headers.iter().find(|(k, _)| **k == **name).map(|(_, v)| v.to_string());
                expect(got.as_deref() == Some(value.as_str()), || {
                    Miss::new("miss.record_header", "{topic}-{partition}@{offset} has {name}={got}, not {value}")
                        .with("topic", topic)
                        .with("partition", partition)
                        .with("offset", offset)
                        .with("name", name)
                        .with("got", got.unwrap_or_else(|| "(none)".into()))
                        .with("value", value)
                })
            }
            Self::RecordAt {
                topic,
                partition,
                offset,
                key,
            } => {
                let record = record_of(cluster, topic, *partition, *offset)?;
                expect(record.key.as_deref() == key.as_deref(), || {
                    Miss::new("miss.record_key", "{topic}-{partition}@{offset} has key {got}, not {key}")
                        .with("topic", topic)
                        .with("partition", partition)
                        .with("offset", offset)
                        .with("got", format!("{:?}", record.key))
                        .with("key", format!("{key:?}"))
                })
            }
            Self::GroupState {
                group,
                state,
                generation,
            } => {
                let g = group_of(cluster, group)?;
                expect(
                    g.state.name() == state && generation.is_none_or(|want| want == g.generation),
                    || {
                        Miss::new("miss.group_state", "{group} is {state} in generation {generation}")
                            .with("group", group)
                            .with("state", g.state.name())
                            .with("generation", g.generation)
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
                    .ok_or_else(|| no_consumer(consumer))?;
                let got: Vec<u32> = c
                    .owned
                    .iter()
                    .filter(|(t, _)| &**t == topic)
                    .map(|(_, p)| *p)
                    .collect();
                expect(&got == partitions, || {
                    Miss::new("miss.consumer_owns", "{consumer} owns {topic} partitions {got}")
                        .with("consumer", consumer)
                        .with("topic", topic)
                        .with("got", format!("{got:?}"))
                })
            }
            Self::Committed {
                group,
                topic,
                partition,
                offset,
            } => {
                let g = group_of(cluster, group)?;
                let got = kafka_sim::group::committed_offset(g, topic, *partition);
                expect(got == Some(*offset), || {
                    Miss::new("miss.committed", "{group} has committed {got} for {topic}-{partition}")
                        .with("group", group)
                        .with("got", format!("{got:?}"))
                        .with("topic", topic)
                        .with("partition", partition)
                })
            }
            Self::KeyOrder { topic, key, values } => {
                let t = topic_of(cluster, topic)?;
                let places = key_places(t, key);
                let first = places.first().map(|(p, _)| *p);
                if let Some((p, _)) = places.iter().find(|(p, _)| Some(*p) != first) {
                    return Err(Miss::new("miss.key_order_split", "{key} is in more than one partition of {topic} (also {also}): no order between them")
                        .with("key", key)
                        .with("topic", topic)
                        .with("also", p));
                }
                let got: Vec<&str> = places
                    .iter()
                    .filter_map(|(p, o)| t.partitions.get(*p as usize)?.log().record(*o))
                    .map(|r| r.value.as_deref().unwrap_or("null"))
                    .collect();
                expect(got == *values, || {
                    Miss::new("miss.key_order", "{key} reads as {values}")
                        .with("key", key)
                        .with("values", got.join(" → "))
                })
            }
            Self::PartitionLag {
                group,
                topic,
                partition,
                lag,
            } => {
                let g = group_of(cluster, group)?;
                let got = g
                    .describe(cluster)
                    .into_iter()
                    .find(|r| &*r.topic == topic && r.partition == *partition)
                    .and_then(|r| r.lag);
                expect(got == Some(*lag), || {
                    Miss::new("miss.partition_lag", "{group} lags by {got} on {topic}-{partition}")
                        .with("group", group)
                        .with("got", format!("{got:?}"))
                        .with("topic", topic)
                        .with("partition", partition)
                })
            }
            Self::Position {
                consumer,
                topic,
                partition,
                offset,
            } => {
                let c = cluster.consumer(consumer).ok_or_else(|| {
                    Miss::new("miss.there_is_no_consumer", "there is no consumer {consumer}")
                        .with("consumer", consumer)
                })?;
                let got = c
                    .positions
                    .iter()
                    .find(|((t, p), _)| &**t == topic && p == partition)
                    .map(|(_, o)| *o);
                expect(got == Some(*offset), || {
                    Miss::new("miss.position", "{consumer}'s position on {topic}-{partition} is {got}")
                        .with("consumer", consumer)
                        .with("topic", topic)
                        .with("partition", partition)
                        .with("got", format!("{got:?}"))
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
                let r = record_of(cluster, topic, *partition, *offset)?;
                expect(
                    (r.producer.id, r.producer.sequence) == (*producer, *sequence)
                        && epoch.is_none_or(|e| e == r.producer.epoch),
                    || {
                        Miss::new("miss.record_tag", "{topic}-{partition}@{offset} has producer {producer} epoch {epoch} sequence {sequence}")
                            .with("topic", topic)
                            .with("partition", partition)
                            .with("offset", offset)
                            .with("producer", r.producer.id)
                            .with("epoch", r.producer.epoch)
                            .with("sequence", r.producer.sequence)
                    },
                )
            }
            Self::LastPoll { consumer, offsets } => {
                let c = cluster
                    .consumer(consumer)
                    .ok_or_else(|| no_consumer(consumer))?;
                let got: Vec<i64> = c.polled.iter().map(|(_, o)| *o).collect();
                expect(&got == offsets, || {
                    Miss::new("miss.last_poll", "{consumer}'s last poll returned {got}")
                        .with("consumer", consumer)
                        .with("got", format!("{got:?}"))
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
                    Miss::new("miss.balance", "{group} has balance {got} for {key}")
                        .with("group", group)
                        .with("got", got)
                        .with("key", key)
                })
            }
            Self::Ledger {
                group,
                once,
                more,
                never,
                dead,
            } => {
                let l = cluster.ledger(group);
                if let Some(dead) = dead.filter(|d| *d != l.dead_lettered) {
                    return Err(Miss::new("miss.ledger_dead", "{group} has {got} records in its dead letter queue, not {dead}")
                        .with("group", group)
                        .with("got", l.dead_lettered)
                        .with("dead", dead));
                }
                expect(
                    (
                        l.processed_once,
                        l.processed_more_than_once,
                        l.never_processed,
                    ) == (*once, *more, *never),
                    || {
                        Miss::new("miss.ledger", "{group} processed {once} once, {more} more than once, {never} never")
                            .with("group", group)
                            .with("once", l.processed_once)
                            .with("more", l.processed_more_than_once)
                            .with("never", l.never_processed)
                    },
                )
            }
            Self::TotalLag { group, lag } => {
                let g = group_of(cluster, group)?;
                let got = g.total_lag(cluster);
                expect(got == *lag, || {
                    Miss::new("miss.total_lag", "{group} lags by {got}")
                        .with("group", group)
                        .with("got", got)
                })
            }
            Self::WriterLedger {
                written,
                unseen,
                heard,
                dropped,
            } => {
                let Some(w) = cluster.producer().writer.as_ref() else {
                    return Err(Miss::new("miss.no_writer", "no kafka-go Writer is set (set-writer)"));
                };
                let l = &w.ledger;
                let got = [l.written, l.unseen, l.returned + l.reported, l.dropped];
                let want = [written, unseen, heard, dropped];
                expect(want.iter().zip(got).all(|(w, g)| w.is_none_or(|w| w == g)), || {
                    Miss::new("miss.writer_ledger", "the Writer wrote {written}, {unseen} unseen by the broker, {heard} failed and heard of, {dropped} dropped")
                        .with("written", got[0])
                        .with("unseen", got[1])
                        .with("heard", got[2])
                        .with("dropped", got[3])
                })
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
                    Miss::new("miss.leadership", "{topic}-{partition} has leader {leader}, ISR {isr}, ELR {elr}, epoch {epoch}")
                        .with("topic", topic)
                        .with("partition", partition)
                        .with("leader", &got)
                        .with("isr", format!("{:?}", p.isr()))
                        .with("elr", format!("{:?}", p.elr()))
                        .with("epoch", p.leader_epoch())
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
                    Miss::new("miss.no_replica", "broker {broker} holds no replica of {topic}-{partition}")
                        .with("broker", broker)
                        .with("topic", topic)
                        .with("partition", partition)
                })?;
                let (leo, hw) = (copy.log().log_end_offset(), copy.log().high_watermark());
                expect(
                    leo == *log_end_offset && high_watermark.is_none_or(|h| h == hw),
                    || {
                        Miss::new("miss.replica", "{topic}-{partition} on broker {broker} has log end {leo} and high watermark {hw}")
                            .with("topic", topic)
                            .with("partition", partition)
                            .with("broker", broker)
                            .with("leo", leo)
                            .with("hw", hw)
                    },
                )
            }
            Self::Acknowledged { count, lost } => {
                let got = cluster
                    .acknowledged_lost()
                    .map_or("unknown".to_string(), |n| n.to_string());
                expect(cluster.acknowledged() == *count && &got == lost, || {
                    Miss::new("miss.acknowledged", "{count} acknowledged, lost {lost}")
                        .with("count", cluster.acknowledged())
                        .with("lost", &got)
                })
            }
            Self::ActiveController { controller, epoch } => {
                let q = cluster.quorum();
                let got = q.active().map_or("none".to_string(), |c| c.to_string());
                let ok = (controller == "any" && got != "none" || &got == controller)
                    && epoch.is_none_or(|e| q.epoch == e);
                expect(ok, || {
                    Miss::new("miss.active_controller", "the active controller is {controller}, epoch {epoch}")
                        .with("controller", &got)
                        .with("epoch", q.epoch)
                })
            }
            Self::MetadataRecord { kind, about } => {
                let found = cluster.quorum().log.iter().any(|(_, r)| {
                    let text = r.to_string();
                    text.starts_with(kind.as_str())
                        && about.as_ref().is_none_or(|a| text.contains(a.as_str()))
                });
                expect(found, || {
                    Miss::new("miss.metadata_record", "no {kind} in the metadata log mentions {about}")
                        .with("kind", kind)
                        .with("about", format!("{about:?}"))
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
                        return Err(Miss::new("miss.placement", "{topic}-{partition} has leader {leader} replicas {replicas} isr {isr}")
                            .with("topic", topic)
                            .with("partition", p.id)
                            .with(
                            "leader",
                            p.leader().map_or("none".to_string(), |b| b.to_string()),
                        )
                        .with("replicas", format!("{:?}", p.replicas()))
                        .with("isr", format!("{:?}", p.isr())));
                    }
                }
                Ok(())
            }
        }
    }
}

fn expect(ok: bool, otherwise: impl FnOnce() -> Miss) -> Result<(), Miss> {
    if ok {
        Ok(())
    } else {
        Err(otherwise())
    }
}

fn topic_of<'a>(cluster: &'a Cluster, topic: &str) -> Result<&'a Topic, Miss> {
    cluster.topic(topic).ok_or_else(|| {
        Miss::new("miss.no_topic", "topic {topic} does not exist").with("topic", topic)
    })
}

fn partition_of<'a>(
    cluster: &'a Cluster,
    topic: &str,
    partition: u32,
) -> Result<&'a kafka_sim::cluster::Partition, Miss> {
    topic_of(cluster, topic)?
        .partitions
        .get(partition as usize)
        .ok_or_else(|| {
            Miss::new("miss.no_partition", "{topic} has no partition {partition}")
                .with("topic", topic)
                .with("partition", partition)
        })
}

#[rustfmt::skip] // As `check`: one message, one line.
fn record_of<'a>(
    cluster: &'a Cluster,
    topic: &str,
    partition: u32,
    offset: i64,
) -> Result<&'a kafka_sim::record::Record, Miss> {
    partition_of(cluster, topic, partition)?
        .log()
        .record(offset)
        .ok_or_else(|| {
            Miss::new("miss.no_offset", "{topic}-{partition} has no offset {offset}")
                .with("topic", topic)
                .with("partition", partition)
                .with("offset", offset)
        })
}

fn group_of<'a>(cluster: &'a Cluster, group: &str) -> Result<&'a kafka_sim::group::Group, Miss> {
    cluster.group(group).ok_or_else(|| {
        Miss::new("miss.no_group", "group {group} does not exist").with("group", group)
    })
}

fn no_consumer(consumer: &str) -> Miss {
    Miss::new("miss.no_consumer", "no consumer {consumer}").with("consumer", consumer)
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
            goal.check(&c).map_err(|m| m.to_string()),
            Err("user-1 has a record in t-3 at offset 0, not only in partition 2".into())
        );
        assert_eq!(goal.check(&c).unwrap_err().key, "miss.key_elsewhere");
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

    /// Every message of this file, as the app's scanner reads it: `(key, English)` from
    /// each call of `Miss::new` whose two arguments are plain literals on its line.
    fn messages() -> Vec<(String, String)> {
        // Built, so that this function's own text is not a message.
        let call = ["Miss", "::new("].concat();
        let source = include_str!("goal.rs");
        let mut out = Vec::new();
        for (n, line) in source.lines().enumerate() {
            let mut rest = line;
            while let Some(at) = rest.find(&call) {
                rest = &rest[at + call.len()..];
                let literals: Vec<&str> = rest.splitn(5, '"').collect();
                let ok = literals.len() == 5
                    && literals[0].is_empty()
                    && literals[2] == ", "
                    && literals[4].starts_with(')');
                assert!(
                    ok,
                    "goal.rs:{}: a message not on one line as two plain literals (rustfmt split it? see `check`): {line}",
                    n + 1
                );
                out.push((literals[1].to_string(), literals[3].to_string()));
            }
        }
        out
    }

    #[test]
    fn every_miss_key_is_unique_with_one_english() {
        let messages = messages();
        assert!(messages.len() >= 30, "{} messages", messages.len());
        let mut seen: std::collections::BTreeMap<&str, &str> = Default::default();
        for (key, english) in &messages {
            let name = key.strip_prefix("miss.").unwrap_or_else(|| panic!("{key}"));
            assert!(
                !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{key}: not miss.snake_case"
            );
            assert!(!english.contains('\\'), "{key}: escapes in {english}");
            if let Some(other) = seen.insert(key, english) {
                assert_eq!(other, english, "{key} has two English texts");
            }
        }
        // One key a text, too: two keys for one English would be translated twice.
        let mut texts: Vec<&str> = seen.values().copied().collect();
        texts.sort_unstable();
        texts.dedup();
        assert_eq!(texts.len(), seen.len(), "an English text has two keys");
    }

    /// Goals that fail on a small cluster, as `goal | key | says`: every hole filled, and
    /// the English as the checks always wrote it.
    #[test]
    fn failing_goals_say_what_was_found() {
        let c = cluster("create-topic t partitions=2\nproduce t key=a value=x partition=0\nproduce t key=a value=y partition=1\nproduce t key=b value=z partition=1\ncreate-consumer c group=g auto.offset.reset=earliest enable.auto.commit=false\nsubscribe c topics=t\npoll c\ncommit c\n");
        let cases = [
            "topic-exists topic=u | miss.no_topic | topic u does not exist",
            "partition-count topic=t partitions=3 | miss.partition_count | t has 2 partitions, not 3",
            r#"config topic=t name=retention.ms value=1 | miss.config | t has retention.ms=Some("604800000"), not 1"#,
            "key-in-partition topic=t key=zz partition=0 | miss.no_key | no record with key zz in t",
            "key-in-partition topic=t key=a partition=0 | miss.key_elsewhere | a has a record in t-1 at offset 0, not only in partition 0",
            "key-split topic=t key=b | miss.key_not_split | all records with key b are still in one partition of t",
            "record-count topic=t count=9 | miss.record_count | found 3 records, not 9",
            "segment-count topic=t partition=0 at_least=5 | miss.segment_count | t-0 has 1 segments, fewer than 5",
            "segment-count topic=t partition=7 at_least=1 | miss.no_partition | t has no partition 7",
            "offsets topic=t partition=0 log_end_offset=5 high_watermark=5 | miss.offsets | t-0 has LEO 1 and HW 1, not 5 and 5",
            "log-start topic=t partition=0 offset=5 | miss.log_start | t-0 starts at offset 0, not 5",
            "record-at topic=t partition=0 offset=7 | miss.no_offset | t-0 has no offset 7",
            r#"record-at topic=t partition=0 offset=0 key=q | miss.record_key | t-0@0 has key Some("a"), not Some("q")"#,
            "record-header topic=t partition=0 offset=0 name=trace value=x | miss.record_header | t-0@0 has trace=(none), not x",
            "group-state group=h state=Stable | miss.no_group | group h does not exist",
            "group-state group=g state=Dead | miss.group_state | g is Stable in generation 1",
            "consumer-owns consumer=d topic=t partitions=0 | miss.no_consumer | no consumer d",
            "consumer-owns consumer=c topic=t partitions=0 | miss.consumer_owns | c owns t partitions [0, 1]",
            "committed group=g topic=t partition=0 offset=9 | miss.committed | g has committed Some(1) for t-0",
            "key-order topic=t key=a values=x,y | miss.key_order_split | a is in more than one partition of t (also 1): no order between them",
            "key-order topic=t key=b values=q | miss.key_order | b reads as z",
            "partition-lag group=g topic=t partition=0 lag=4 | miss.partition_lag | g lags by Some(0) on t-0",
            "position consumer=d topic=t partition=0 offset=0 | miss.there_is_no_consumer | there is no consumer d",
            "position consumer=c topic=t partition=0 offset=9 | miss.position | c's position on t-0 is Some(1)",
            "record-tag topic=t partition=0 offset=0 producer=5 sequence=5 | miss.record_tag | t-0@0 has producer 0 epoch 0 sequence 0",
            "last-poll consumer=c offsets=9 | miss.last_poll | c's last poll returned [0, 0, 1]",
            "balance group=g key=a balance=3 | miss.balance | g has balance 0 for a",
            "ledger group=g once=9 more=0 never=0 | miss.ledger | g processed 0 once, 0 more than once, 3 never",
            "ledger group=g once=0 more=0 never=3 dead=1 | miss.ledger_dead | g has 0 records in its dead letter queue, not 1",
            "total-lag group=g lag=9 | miss.total_lag | g lags by 0",
            "writer-ledger dropped=0 | miss.no_writer | no kafka-go Writer is set (set-writer)",
            "leadership topic=t partition=0 leader=none isr= | miss.leadership | t-0 has leader 1, ISR [1], ELR [], epoch 0",
            "replica topic=t partition=0 broker=9 log_end_offset=0 | miss.no_replica | broker 9 holds no replica of t-0",
            "replica topic=t partition=0 broker=1 log_end_offset=9 | miss.replica | t-0 on broker 1 has log end 1 and high watermark 1",
            "acknowledged count=9 lost=0 | miss.acknowledged | 3 acknowledged, lost 0",
            "active-controller controller=9 | miss.active_controller | the active controller is 101, epoch 1",
            "metadata-record kind=NoSuchRecord | miss.metadata_record | no NoSuchRecord in the metadata log mentions None",
            "placement topic=t leader=9 replicas=9 isr=9 | miss.placement | t-0 has leader 1 replicas [1] isr [1]",
        ];
        // Every message but `miss.offset_gap` (no command here leaves a gap).
        let mut seen = std::collections::BTreeSet::new();
        for case in cases {
            let [line, key, says] = case.splitn(3, " | ").collect::<Vec<_>>()[..] else {
                panic!("{case}: not `goal | key | says`")
            };
            let goal: Goal = line.parse().unwrap();
            let miss = goal.check(&c).expect_err(line);
            let text = miss.to_string();
            assert!(!text.contains('{'), "{line}: {text}");
            assert_eq!((miss.key, text.as_str()), (key, says), "{line}");
            seen.insert(miss.key);
        }
        assert_eq!(seen.len(), cases.len());
        let keys: std::collections::BTreeSet<String> =
            messages().into_iter().map(|(key, _)| key).collect();
        // And `miss.writer_ledger`, below.
        assert_eq!(
            seen.len() + 2,
            keys.len(),
            "a message is missing from the cases"
        );
    }

    /// An Async Writer with no Completion, two brokers of three down: the message is
    /// retried, then dropped, and the claim that the application heard of it fails.
    #[test]
    fn the_writer_ledger_counts_what_the_application_heard() {
        let mut c = Cluster::new(3, 7);
        c.apply_script("create-topic orders partitions=1 replication-factor=3 min.insync.replicas=2\ntick 1000\nset-writer RequiredAcks=RequireAll Async=true\nproduce orders key=a value=x\ntick 2000\nstop-broker id=2\nstop-broker id=3\ntick 30000\nproduce orders key=b value=y\ntick 10000")
            .unwrap();
        let holds = |line: &str| line.parse::<Goal>().unwrap().check(&c);
        assert_eq!(holds("writer-ledger written=1 dropped=1"), Ok(()));
        assert_eq!(holds("writer-ledger written=1"), Ok(()));
        let miss = holds("writer-ledger heard=1 dropped=0").unwrap_err();
        assert_eq!(miss.key, "miss.writer_ledger");
        assert_eq!(
            miss.to_string(),
            "the Writer wrote 1, 0 unseen by the broker, 0 failed and heard of, 1 dropped"
        );
    }
}
