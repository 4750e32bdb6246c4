//! What the views draw, read off the engine's state: plain data with `PartialEq`, so a
//! `Memo` only notifies the views whose part really changed. No Kafka rule is
//! re-derived here; this only copies and reshapes.

use std::sync::Arc;

use kafka_sim::event::Event;
use kafka_sim::partitioner::Routing;
use kafka_sim::Cluster;

/// One record cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordModel {
    /// Offset.
    pub offset: i64,
    /// Key, if any.
    pub key: Option<Arc<str>>,
    /// Value, if any.
    pub value: Option<Arc<str>>,
    /// CreateTime on the engine's logical clock, in ms.
    pub timestamp: i64,
    /// Headers, name and value.
    pub headers: Vec<(Arc<str>, Arc<str>)>,
    /// `COMMIT` or `ABORT` for a transaction marker (a control record).
    pub marker: Option<&'static str>,
    /// Written in a transaction that aborted: read_committed consumers skip it.
    pub aborted: bool,
    /// Producer id, epoch and sequence, for an idempotent producer's record.
    pub producer: Option<(i64, i16, i32)>,
    /// A key with a null value: on a compacted topic it deletes the key.
    pub tombstone: bool,
}

/// The marker kind of a control record, if it is one.
fn marker(tag: &kafka_sim::producer_state::ProducerTag) -> Option<&'static str> {
    use kafka_sim::producer_state::CONTROL_COMMIT;
    tag.is_control()
        .then_some(if tag.attributes & CONTROL_COMMIT != 0 {
            "COMMIT"
        } else {
            "ABORT"
        })
}
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartitionModel {
    /// Partition number.
    pub id: u32,
    /// Leader broker.
    pub leader: Option<i32>,
    /// Replicas.
    pub replicas: Vec<i32>,
    /// In-sync replicas.
    pub isr: Vec<i32>,
    /// First offset in the log.
    pub log_start_offset: i64,
    /// Log end offset.
    pub log_end_offset: i64,
    /// High watermark.
    pub high_watermark: i64,
    /// Segment base offsets, oldest first.
    pub segments: Vec<i64>,
    /// Records, oldest first.
    pub records: Vec<RecordModel>,
    /// Offsets from the log start to the log end that hold no record: the log cleaner
    /// removed them (at most [`MAX_HOLES`]).
    pub holes: Vec<i64>,
}

/// The most holes a row marks.
pub const MAX_HOLES: usize = 200;

impl PartitionModel {
    /// Offsets a row spans, from the log start to the log end.
    pub fn span(&self) -> usize {
        (self.log_end_offset - self.log_start_offset).max(0) as usize
    }
}

/// The offsets in `[start, end)` that `records` (in offset order) skip.
fn holes(records: &[RecordModel], start: i64, end: i64) -> Vec<i64> {
    let mut out = Vec::new();
    let mut next = start;
    for at in records.iter().map(|r| r.offset).chain(std::iter::once(end)) {
        while next < at && out.len() < MAX_HOLES {
            out.push(next);
            next += 1;
        }
        next = next.max(at + 1);
    }
    out
}

/// One topic card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicModel {
    /// Name.
    pub name: Arc<str>,
    /// Replication factor.
    pub replication_factor: u32,
    /// Explicitly set configs, name and value.
    pub overrides: Vec<(String, String)>,
    /// Partitions.
    pub partitions: Vec<PartitionModel>,
}

impl TopicModel {
    /// Records across all partitions.
    pub fn record_count(&self) -> usize {
        self.partitions.iter().map(|p| p.records.len()).sum()
    }
}

/// Every topic of `cluster`, by name.
pub fn topics(cluster: &Cluster) -> Vec<TopicModel> {
    cluster
        .topics()
        .map(|t| TopicModel {
            name: t.name.clone(),
            replication_factor: t.replication_factor,
            overrides: t
                .config
                .overrides
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            partitions: t
                .partitions
                .iter()
                .map(|p| PartitionModel {
                    id: p.id,
                    leader: p.leader(),
                    replicas: p.replicas().to_vec(),
                    isr: p.isr().to_vec(),
                    log_start_offset: p.log().log_start_offset(),
                    log_end_offset: p.log().log_end_offset(),
                    high_watermark: p.log().high_watermark(),
                    segments: drawn_segments(p.log()),
                    records: p
                        .log()
                        .records()
                        .iter()
                        // A batch the cleaner emptied holds no record: a hole, drawn as one.
                        .filter(|r| !r.producer.is_empty_batch())
                        .map(|r| RecordModel {
                            offset: r.offset,
                            key: r.key.clone(),
                            value: r.value.clone(),
                            timestamp: r.timestamp,
                            headers: r.headers.to_vec(),
                            marker: marker(&r.producer),
                            aborted: r.producer.is_transactional()
                                && !r.producer.is_control()
                                && p.log().is_aborted(r.producer.id, r.offset),
                            producer: (r.producer.is_idempotent() && !r.producer.is_control())
                                .then_some((r.producer.id, r.producer.epoch, r.producer.sequence)),
                            tombstone: r.producer.is_data() && r.key.is_some() && r.value.is_none(),
                        })
                        .collect(),
                    holes: Vec::new(),
                })
                .map(|mut p| {
                    p.holes = holes(&p.records, p.log_start_offset, p.log_end_offset);
                    p
                })
                .collect(),
        })
        .collect()
}

/// What a partition row has to label, for `layout::row_labels`; producer sequence
/// numbers only when the step draws them.
/// The segments a row draws: from the one holding the log start offset, which is drawn
/// starting there (a follower that took its leader's start keeps older segments until
/// its next retention run; they hold nothing readable).
fn drawn_segments(log: &kafka_sim::partition_log::PartitionLog) -> Vec<i64> {
    let start = log.log_start_offset();
    let segments = log.segments();
    segments
        .iter()
        .enumerate()
        .filter(|(i, _)| segments.get(i + 1).is_none_or(|n| n.base_offset > start))
        .map(|(_, s)| s.base_offset.max(start))
        .collect()
}

pub fn row_facts(p: &PartitionModel, sequences: bool) -> crate::layout::RowFacts {
    crate::layout::RowFacts {
        log_start: p.log_start_offset,
        leo: p.log_end_offset,
        hw: p.high_watermark,
        segments: p.segments.clone(),
        sequences: if sequences {
            p.records
                .iter()
                .filter_map(|r| r.producer.map(|(_, _, s)| (r.offset, s)))
                .collect()
        } else {
            Vec::new()
        },
    }
}

/// A record that arrived during the current step, in arrival order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Arrival {
    /// Topic.
    pub topic: Arc<str>,
    /// Partition.
    pub partition: u32,
    /// Offset.
    pub offset: i64,
    /// Position among this step's arrivals (for staggering the animation).
    pub order: usize,
}

/// The records this step's events appended, in order.
pub fn arrivals(events: &[Event]) -> Vec<Arrival> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::RecordAppended {
                topic,
                partition,
                offset,
                ..
            } => Some((topic.clone(), *partition, *offset)),
            _ => None,
        })
        .enumerate()
        .map(|(order, (topic, partition, offset))| Arrival {
            topic,
            partition,
            offset,
            order,
        })
        .collect()
}

/// How the last record of a step was routed, for the hash panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastRouting {
    /// Topic.
    pub topic: Arc<str>,
    /// Key.
    pub key: Option<Arc<str>>,
    /// Partition chosen.
    pub partition: u32,
    /// Offset it got.
    pub offset: i64,
    /// Why.
    pub routing: Routing,
}

/// The last appended record of a step and the reason for its partition.
pub fn last_routing(events: &[Event]) -> Option<LastRouting> {
    events.iter().rev().find_map(|e| match e {
        Event::RecordAppended {
            topic,
            partition,
            offset,
            key,
            routing,
            ..
        } => Some(LastRouting {
            topic: topic.clone(),
            key: key.clone(),
            partition: *partition,
            offset: *offset,
            routing: *routing,
        }),
        _ => None,
    })
}

/// What the learner's producer sent in a step: how many records, and the last one with
/// its routing. Copies an application's error handler wrote to its dead letter queue
/// came from the queue's own producer (`RecordDeadLettered` names where they landed).
pub fn producer_sends(events: &[Event]) -> (usize, Option<LastRouting>) {
    let copies: Vec<(&Arc<str>, u32, i64)> = events
        .iter()
        .filter_map(|e| match e {
            Event::RecordDeadLettered {
                dlq_topic,
                dlq_partition,
                dlq_offset,
                ..
            } => Some((dlq_topic, *dlq_partition, *dlq_offset)),
            _ => None,
        })
        .collect();
    let mut count = 0;
    let mut last = None;
    for e in events {
        if let Event::RecordAppended {
            topic,
            partition,
            offset,
            key,
            routing,
            ..
        } = e
        {
            if copies.contains(&(topic, *partition, *offset)) {
                continue;
            }
            count += 1;
            last = Some(LastRouting {
                topic: topic.clone(),
                key: key.clone(),
                partition: *partition,
                offset: *offset,
                routing: *routing,
            });
        }
    }
    (count, last)
}

/// One fetch of this step, for the reads panel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    /// Who read.
    pub reader: String,
    /// `topic-partition`.
    pub topic: Arc<str>,
    /// Partition.
    pub partition: u32,
    /// Offsets returned.
    pub offsets: Vec<i64>,
    /// Where the reader continues.
    pub next_offset: i64,
}

/// The fetches of a step.
pub fn reads(events: &[Event]) -> Vec<Read> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::RecordsFetched {
                reader,
                topic,
                partition,
                offsets,
                next_offset,
                ..
            } => Some(Read {
                reader: reader.as_deref().unwrap_or("reader").to_string(),
                topic: topic.clone(),
                partition: *partition,
                offsets: offsets.clone(),
                next_offset: *next_offset,
            }),
            _ => None,
        })
        .collect()
}

/// Number of key colours in the stylesheet (`--key-0` to `--key-9`).
pub const PALETTE_SIZE: usize = 10;

/// The CSS class of a key's colour: a pure function of the key (murmur2 into a fixed
/// palette), so a key has the same colour in every lesson and every picture; null keys get
/// their own. Colour in the pictures means a key and nothing else (partitions, marks and
/// lines are drawn in ink with their own shapes and labels). The low bits of murmur2 pick
/// the partition, so the colour takes bits above them: it does not echo the partition.
pub fn key_class(key: Option<&str>) -> String {
    match key {
        None => "key-null".to_string(),
        Some(k) => {
            let h = kafka_sim::murmur2::to_positive(kafka_sim::murmur2::murmur2(k.as_bytes()));
            format!("key-{}", (h >> 8) as usize % PALETTE_SIZE)
        }
    }
}

#[cfg(test)]
mod producer_tests {
    use super::*;

    #[test]
    fn a_dead_letter_copy_is_not_the_learners_send() {
        let mut c = kafka_sim::Cluster::default();
        let events = c
            .apply_script(
                "create-topic payments partitions=1\nproduce payments key=a value=balance+=ten\n\
                 set-app billing errors.tolerance=all errors.deadletterqueue.topic.name=dlq errors.deadletterqueue.topic.replication.factor=1\n\
                 create-consumer c1 group=billing auto.offset.reset=earliest\nsubscribe c1 topics=payments\npoll c1\nprocess c1",
            )
            .unwrap();
        assert_eq!(arrivals(&events).len(), 2, "both records arrive in a log");
        let (n, last) = producer_sends(&events);
        assert_eq!(n, 1);
        assert_eq!(&*last.unwrap().topic, "payments");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(script: &str) -> (Cluster, Vec<Event>) {
        let mut c = Cluster::default();
        let mut events = Vec::new();
        for cmd in kafka_sim::command::parse_script(script).unwrap() {
            events.extend(c.apply(&cmd).unwrap());
        }
        (c, events)
    }

    #[test]
    fn topics_copy_offsets_and_marks_from_the_engine() {
        let (c, _) = run("create-topic t partitions=3\nproduce t key=user-1 value=a\nproduce t key=user-1 value=b\n");
        let t = &topics(&c)[0];
        let p2 = &t.partitions[2];
        assert_eq!(
            p2.records.iter().map(|r| r.offset).collect::<Vec<_>>(),
            vec![0, 1]
        );
        assert_eq!((p2.log_end_offset, p2.high_watermark), (2, 2));
        assert_eq!(t.record_count(), 2);
    }

    #[test]
    fn arrivals_and_last_routing_follow_event_order() {
        let (_, events) = run("create-topic t partitions=3\nproduce t key=order-102 value=a\nproduce t key=user-1 value=b\n");
        let a = arrivals(&events);
        assert_eq!(
            a.iter().map(|x| (x.partition, x.order)).collect::<Vec<_>>(),
            vec![(0, 0), (2, 1)]
        );
        let last = last_routing(&events).unwrap();
        assert_eq!(last.key.as_deref(), Some("user-1"));
        assert!(last.routing.is_hashed());
    }

    #[test]
    fn a_key_has_one_colour_whatever_the_lesson_and_null_has_its_own() {
        assert_eq!(key_class(Some("user-1")), key_class(Some("user-1")));
        assert_eq!(
            key_class(Some("user-1")),
            "key-4",
            "(murmur2(user-1) >> 8) % 10"
        );
        assert_eq!(key_class(None), "key-null");
    }

    #[test]
    fn no_two_keys_of_a_lesson_share_a_colour() {
        for (id, _) in crate::shell::READY_LESSONS {
            let run = kafka_lessons::LessonRun::new(kafka_lessons::lesson(id).unwrap()).unwrap();
            let last = run.cluster(run.len() - 1);
            let mut keys: Vec<Arc<str>> = Vec::new();
            for t in topics(&last) {
                for r in t.partitions.iter().flat_map(|p| &p.records) {
                    if let Some(k) = &r.key {
                        if !keys.contains(k) {
                            keys.push(k.clone());
                        }
                    }
                }
            }
            for (i, a) in keys.iter().enumerate() {
                for b in &keys[i + 1..] {
                    assert_ne!(
                        key_class(Some(a)),
                        key_class(Some(b)),
                        "lesson {id}: {a} and {b}"
                    );
                }
            }
        }
    }
}

/// Who turned a command down: the client library, before anything was sent, or a broker
/// (or the group or transaction coordinator on one), in its answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refuser {
    /// The Java client threw before sending anything.
    Client,
    /// A broker answered with an error.
    Broker,
}

/// Who refuses with `kind`: the one place that decides, from the exception's class.
/// ConfigException, IllegalArgumentException, IllegalStateException,
/// NoOffsetForPartitionException and the producer's TimeoutException (it waited
/// `max.block.ms` for metadata) are thrown by the client itself; the rest are a broker's
/// error codes. A command that could not be read never left the client either.
pub fn refused_by(kind: kafka_sim::ErrorKind) -> Refuser {
    if kind.raised_by_client() {
        Refuser::Client
    } else {
        Refuser::Broker
    }
}

#[cfg(test)]
mod refusal_tests {
    use super::*;
    use kafka_sim::ErrorKind as K;

    #[test]
    fn client_exceptions_are_the_clients_and_error_codes_the_brokers() {
        for k in [
            K::ConfigException,
            K::IllegalArgumentException,
            K::IllegalStateException,
        ] {
            assert_eq!(refused_by(k), Refuser::Client, "{k:?}");
        }
        for k in [
            K::InvalidTopicException,
            K::TopicExistsException,
            K::InvalidPartitionsException,
            K::OutOfOrderSequenceException,
        ] {
            assert_eq!(refused_by(k), Refuser::Broker, "{k:?}");
        }
    }
}

/// Counts of records per key in one partition, keys in order of first appearance.
pub type KeyCounts = Vec<(Option<Arc<str>>, usize)>;

/// The base offset of the segment holding `offset` (segments sorted by base offset).
pub fn segment_of(offset: i64, segments: &[i64]) -> Option<i64> {
    segments.iter().rev().find(|base| **base <= offset).copied()
}

/// A record picked by the learner: topic, partition, offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Topic.
    pub topic: Arc<str>,
    /// Partition.
    pub partition: u32,
    /// Offset.
    pub offset: i64,
}

/// The selected record and its segment, if it exists in this state.
pub fn selected_record(topics: &[TopicModel], selection: &Selection) -> Option<(RecordModel, i64)> {
    let partition = topics
        .iter()
        .find(|t| t.name == selection.topic)?
        .partitions
        .get(selection.partition as usize)?;
    let record = partition
        .records
        .iter()
        .find(|r| r.offset == selection.offset)?
        .clone();
    let segment = segment_of(record.offset, &partition.segments)?;
    Some((record, segment))
}

/// Records per partition, split by key, for the distribution chart.
pub fn distribution(topic: &TopicModel) -> Vec<(u32, KeyCounts)> {
    topic
        .partitions
        .iter()
        .map(|p| {
            let mut counts: KeyCounts = Vec::new();
            for r in &p.records {
                match counts.iter_mut().find(|(k, _)| *k == r.key) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((r.key.clone(), 1)),
                }
            }
            (p.id, counts)
        })
        .collect()
}

#[cfg(test)]
mod distribution_tests {
    use super::*;

    #[test]
    fn a_record_belongs_to_the_last_segment_starting_at_or_before_it() {
        assert_eq!(segment_of(0, &[0, 6, 12]), Some(0));
        assert_eq!(segment_of(6, &[0, 6, 12]), Some(6));
        assert_eq!(segment_of(13, &[0, 6, 12]), Some(12));
        assert_eq!(segment_of(3, &[6]), None);
    }

    #[test]
    fn a_selection_that_no_longer_exists_selects_nothing() {
        let mut c = Cluster::default();
        for cmd in kafka_sim::command::parse_script(
            "create-topic t partitions=3\nproduce t key=user-1 value=a header.trace=x\n",
        )
        .unwrap()
        {
            c.apply(&cmd).unwrap();
        }
        let ts = topics(&c);
        let pick = |offset| Selection {
            topic: Arc::from("t"),
            partition: 2,
            offset,
        };
        let (r, segment) = selected_record(&ts, &pick(0)).unwrap();
        assert_eq!(
            (r.value.as_deref(), segment, r.headers.len()),
            (Some("a"), 0, 1)
        );
        assert_eq!(selected_record(&ts, &pick(1)), None);
    }

    #[test]
    fn counts_per_key_per_partition() {
        let mut c = Cluster::default();
        for cmd in kafka_sim::command::parse_script(
            "create-topic t partitions=3\nproduce t key=user-1 value=a\nproduce t key=user-2 value=b\nproduce t key=user-1 value=c\nproduce t key=order-102 value=d\n",
        )
        .unwrap()
        {
            c.apply(&cmd).unwrap();
        }
        let d = distribution(&topics(&c)[0]);
        assert_eq!(d[0], (0, vec![(Some(Arc::from("order-102")), 1)]));
        assert_eq!(d[1], (1, vec![]));
        assert_eq!(
            d[2],
            (
                2,
                vec![
                    (Some(Arc::from("user-1")), 2),
                    (Some(Arc::from("user-2")), 1)
                ]
            )
        );
    }
}

mod brokers;
mod consumers;
#[cfg(feature = "sandbox")]
mod goal_picture;
mod handler;
mod lag_chart;
mod legend;
mod outcomes;
mod sends;
mod story;
mod strategies;
mod writer;

pub use brokers::*;
pub use consumers::*;
#[cfg(feature = "sandbox")]
pub use goal_picture::*;
pub use handler::*;
pub use lag_chart::*;
pub use legend::*;
pub use outcomes::*;
pub use sends::*;
pub use story::*;
pub use strategies::*;
pub use writer::*;

#[cfg(test)]
mod layout_of_every_lesson {
    use super::*;
    use crate::layout::{self, LabelKind, LABEL_FONT, LABEL_W};

    /// Every partition row of every step of every lesson: no two labels overlap, the LEO
    /// and HW labels are always there, and the marks under a partition's name stay in
    /// the label column. Issue 11 found "+12 more" over "HW 6" (1.5 step 8) and "s1" over
    /// "HW 6" (1.6 step 4); this walks all of them.
    #[test]
    fn no_label_meets_another_in_any_step_of_any_lesson() {
        for (id, _) in crate::shell::READY_LESSONS {
            let run = kafka_lessons::LessonRun::new(kafka_lessons::lesson(id).unwrap()).unwrap();
            for i in 0..run.len() {
                let cluster = run.cluster(i);
                let sequences = run.lesson.steps[i].highlight.sequences;
                for t in topics(&cluster) {
                    for p in &t.partitions {
                        let at = format!("lesson {id} step {} {}-{}", i + 1, t.name, p.id);
                        let hw = crate::text::high_watermark(p.high_watermark);
                        let placed = layout::row_labels(&row_facts(p, sequences), &hw);
                        for (j, a) in placed.iter().enumerate() {
                            for b in &placed[j + 1..] {
                                let apart =
                                    a.y != b.y || a.span.1 <= b.span.0 || b.span.1 <= a.span.0;
                                assert!(apart, "{at}: {:?} meets {:?}", a.kind, b.kind);
                            }
                        }
                        for kind in [LabelKind::LogEnd, LabelKind::HighWatermark] {
                            assert!(placed.iter().any(|l| l.kind == kind), "{at}: {kind:?}");
                        }
                        // Every segment and every sequence number the lessons draw is named.
                        for base in &p.segments {
                            let kind = LabelKind::Segment(*base);
                            let start = LabelKind::LogStart(*base);
                            assert!(
                                placed.iter().any(|l| l.kind == kind || l.kind == start),
                                "{at}: {kind:?}"
                            );
                        }
                        let seqs = row_facts(p, sequences).sequences.len();
                        let placed_seqs = placed
                            .iter()
                            .filter(|l| matches!(l.kind, LabelKind::Sequence(_)))
                            .count();
                        assert_eq!(placed_seqs, seqs, "{at}: sequence numbers");
                        let items: Vec<String> = offset_marks(&cluster, &t.name, p.id)
                            .iter()
                            .map(|m| crate::text::committed_mark(&m.label, m.offset))
                            .collect();
                        for line in
                            layout::fit_lines(&items, LABEL_W - 12, 2, crate::text::more_marks)
                        {
                            assert!(
                                layout::text_width(&line, LABEL_FONT) <= LABEL_W - 12,
                                "{at}: {line}"
                            );
                        }
                    }
                }
            }
        }
    }
}
