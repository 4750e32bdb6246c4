//! The configs a librdkafka client (confluent-kafka for Python, Confluent.Kafka for C#)
//! needs to do what the sandbox's Java-modelled producer and consumer do.
//!
//! librdkafka's defaults (CONFIGURATION.md, v2.15) that differ from Java 4.x's:
//!
//! | config | librdkafka | Java |
//! |---|---|---|
//! | `partitioner` | `consistent_random` (CRC-32; empty keys count as none) | murmur2 |
//! | `enable.idempotence` | false | true (KIP-679) |
//! | `max.in.flight` | 1000000 | 5 |
//! | `isolation.level` | `read_committed` | `read_uncommitted` |
//! | `batch.size` | 1000000 | 16384 |
//! | metadata refresh | `topic.metadata.refresh.interval.ms` 300000 | `metadata.max.age.ms` 300000 |
//! | `partition.assignment.strategy` | `range,roundrobin` | range, cooperative-sticky |
//!
//! The same in both: `acks` all (-1), `linger.ms` 5 (KIP-1030), `enable.auto.commit`
//! true every 5000 ms, `auto.offset.reset` latest, `session.timeout.ms` 45000,
//! `group.protocol` classic. Keyless records are sticky in both, but librdkafka moves
//! on after `sticky.partitioning.linger.ms` (10) where Java moves after `batch.size`
//! bytes (`rdkafka_msg.c`, `BuiltInPartitioner`).

use super::{consumer_settings, Setup};
use crate::assignor::Strategy;
use crate::consumer::{ConsumerConfig, OffsetReset};
use crate::partitioner::Partitioner;
use crate::producer::DEFAULT_TRANSACTION_TIMEOUT_MS;

/// One config to set, and why when it is not what the sandbox set but what makes
/// librdkafka do the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    /// librdkafka's name.
    pub name: &'static str,
    /// The value as librdkafka reads it.
    pub value: String,
    /// Why it is set, when librdkafka's default is the reason.
    pub why: Option<String>,
}

fn set(name: &'static str, value: impl Into<String>) -> Setting {
    Setting {
        name,
        value: value.into(),
        why: None,
    }
}

fn because(name: &'static str, value: impl Into<String>, why: &str) -> Setting {
    Setting {
        name,
        value: value.into(),
        why: Some(why.to_string()),
    }
}

/// The producer's settings, and notes on what librdkafka cannot do the same way.
pub fn producer(s: &Setup) -> (Vec<Setting>, Vec<String>) {
    let p = &s.producer;
    let mut out = vec![set("acks", super::acks_name(p.acks))];
    let mut notes = Vec::new();
    if p.idempotent() {
        out.push(because(
            "enable.idempotence",
            "true",
            "librdkafka's default is false; Java's is true.",
        ));
        if p.max_in_flight != 5 {
            out.push(set(
                "max.in.flight.requests.per.connection",
                p.max_in_flight.to_string(),
            ));
        }
    } else {
        out.push(because(
            "max.in.flight.requests.per.connection",
            p.max_in_flight.to_string(),
            "librdkafka's default is 1000000 requests in flight; Java's is 5.",
        ));
    }
    if p.ignore_keys {
        out.push(because(
            "partitioner",
            "random",
            "librdkafka has no partitioner.ignore.keys: random also ignores keys, but \
             picks per record, not sticky per batch.size bytes.",
        ));
    } else {
        match p.partitioner {
            Partitioner::Default => out.push(because(
                "partitioner",
                "murmur2_random",
                "librdkafka's default, consistent_random, hashes keys with CRC-32: \
                 murmur2_random places them as Java does.",
            )),
            Partitioner::RoundRobin => out.push(because(
                "partitioner",
                "random",
                "librdkafka has no round-robin partitioner: random is the nearest.",
            )),
            Partitioner::ConsistentRandom | Partitioner::KafkaGoCrc32 => {}
            Partitioner::Murmur2
            | Partitioner::Murmur2Random
            | Partitioner::Consistent
            | Partitioner::Fnv1a
            | Partitioner::Fnv1aRandom => out.push(set("partitioner", p.partitioner.name())),
            // Sarama's and kafka-go's FNV-1a: librdkafka's fnv1a_random "is compatible
            // with Sarama's default NewHashPartitioner" (rdfnv1a.c).
            Partitioner::SaramaHash | Partitioner::KafkaGoHash => {
                out.push(set("partitioner", "fnv1a_random"))
            }
            Partitioner::KafkaGoMurmur2 | Partitioner::KafkajsDefault => {
                out.push(set("partitioner", "murmur2_random"))
            }
            Partitioner::SaramaReferenceHash
            | Partitioner::KafkaGoReferenceHash
            | Partitioner::KafkajsLegacy => out.push(because(
                "partitioner",
                "murmur2_random",
                "librdkafka has no partitioner that places keys as this one does: \
                 murmur2_random places them as Java does.",
            )),
        }
    }
    out.push(because(
        "batch.size",
        p.batch_size.to_string(),
        "librdkafka's default is 1000000 bytes; Java's is 16384.",
    ));
    if p.retries != i32::MAX {
        out.push(set("retries", p.retries.to_string()));
    }
    if p.sticky_linger_ms != 10 {
        out.push(set(
            "sticky.partitioning.linger.ms",
            p.sticky_linger_ms.to_string(),
        ));
    }
    if let Some(id) = &p.transactional_id {
        out.push(set("transactional.id", id.clone()));
        if p.transaction_timeout_ms != DEFAULT_TRANSACTION_TIMEOUT_MS {
            out.push(set(
                "transaction.timeout.ms",
                p.transaction_timeout_ms.to_string(),
            ));
        }
    }
    if p.metadata_max_age_ms != 300_000 {
        out.push(because(
            "topic.metadata.refresh.interval.ms",
            p.metadata_max_age_ms.to_string(),
            "Java's metadata.max.age.ms is librdkafka's refresh period, topic.metadata.refresh.interval.ms; librdkafka's metadata.max.age.ms is only a cache's age.",
        ));
    }
    if !p.not_modelled.is_empty() {
        notes.push(format!(
            "The sandbox was also given {}, which it does not model: set them here as you need.",
            p.not_modelled.join(", ")
        ));
    }
    (out, notes)
}

/// The consumer's settings, and notes on what librdkafka cannot do the same way.
pub fn consumer(c: &ConsumerConfig) -> (Vec<Setting>, Vec<String>) {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for (name, value) in consumer_settings(c) {
        match name.as_str() {
            "group.id" => out.push(set("group.id", value)),
            "auto.offset.reset" => out.push(match c.auto_offset_reset {
                OffsetReset::None => because(
                    "auto.offset.reset",
                    "error",
                    "librdkafka's name for Java's none.",
                ),
                _ => set("auto.offset.reset", value),
            }),
            "enable.auto.commit" => out.push(set("enable.auto.commit", value)),
            "auto.commit.interval.ms" => out.push(set("auto.commit.interval.ms", value)),
            "session.timeout.ms" => out.push(set("session.timeout.ms", value)),
            "heartbeat.interval.ms" => out.push(set("heartbeat.interval.ms", value)),
            "max.poll.interval.ms" => out.push(set("max.poll.interval.ms", value)),
            "group.instance.id" => out.push(set("group.instance.id", value)),
            "group.protocol" => out.push(set("group.protocol", value)),
            "group.remote.assignor" => out.push(set("group.remote.assignor", value)),
            "partition.assignment.strategy" => match assignors(&c.strategies) {
                Ok(names) => out.push(set("partition.assignment.strategy", names)),
                Err(note) => notes.push(note),
            },
            "max.poll.records" => notes.push(
                "librdkafka has no max.poll.records: poll() returns one record at a time.".into(),
            ),
            // isolation.level is written below whatever was set.
            _ => {}
        }
    }
    if !c.read_committed {
        out.push(because(
            "isolation.level",
            "read_uncommitted",
            "librdkafka's default is read_committed; Java's is read_uncommitted.",
        ));
    }
    (out, notes)
}

/// librdkafka's `partition.assignment.strategy` for Java's list: the same names, but
/// no eager `sticky`, and eager and cooperative assignors cannot be mixed
/// (`rd_kafka_cgrp_new`: "All partition.assignment.strategy … assignors must have the
/// same protocol type").
fn assignors(list: &[Strategy]) -> Result<String, String> {
    if list.contains(&Strategy::Sticky) {
        return Err(
            "librdkafka has no eager sticky assignor: its assignors are range, roundrobin \
             and cooperative-sticky."
                .into(),
        );
    }
    let cooperative = list
        .iter()
        .filter(|s| **s == Strategy::CooperativeSticky)
        .count();
    if cooperative > 0 && cooperative < list.len() {
        return Err(format!(
            "The sandbox's consumer lists {}, eager and cooperative together; librdkafka \
             refuses a mix, so this program keeps librdkafka's default (range,roundrobin).",
            list.iter().map(|s| s.name()).collect::<Vec<_>>().join(",")
        ));
    }
    Ok(list.iter().map(|s| s.name()).collect::<Vec<_>>().join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::setup_after as setup;

    fn names(v: &[Setting]) -> Vec<(&str, &str)> {
        v.iter().map(|s| (s.name, s.value.as_str())).collect()
    }

    #[test]
    fn a_default_java_producer_needs_murmur2_and_idempotence_in_librdkafka() {
        let (settings, notes) = producer(&setup("create-topic t partitions=3"));
        assert_eq!(
            names(&settings),
            vec![
                ("acks", "all"),
                ("enable.idempotence", "true"),
                ("partitioner", "murmur2_random"),
                ("batch.size", "16384")
            ]
        );
        assert!(notes.is_empty());
    }

    #[test]
    fn without_idempotence_the_in_flight_limit_is_set_to_javas() {
        let (settings, _) = producer(&setup("create-topic t partitions=3\nset-producer acks=1"));
        assert!(names(&settings).contains(&("max.in.flight.requests.per.connection", "5")));
        assert!(!names(&settings).contains(&("enable.idempotence", "true")));
    }

    #[test]
    fn a_default_java_consumer_reads_uncommitted_as_java_does() {
        let (settings, notes) = consumer(&ConsumerConfig::new("g"));
        assert_eq!(
            names(&settings),
            vec![("group.id", "g"), ("isolation.level", "read_uncommitted")]
        );
        assert!(notes.is_empty());
    }

    #[test]
    fn assignors_map_by_name_and_a_mix_or_eager_sticky_is_explained() {
        assert_eq!(
            assignors(&[Strategy::CooperativeSticky]),
            Ok("cooperative-sticky".into())
        );
        assert_eq!(
            assignors(&[Strategy::Range, Strategy::RoundRobin]),
            Ok("range,roundrobin".into())
        );
        assert!(assignors(&[Strategy::Range, Strategy::CooperativeSticky]).is_err());
        assert!(assignors(&[Strategy::Sticky]).is_err());
        let mut c = ConsumerConfig::new("g");
        c.set("auto.offset.reset", "none").unwrap();
        let (settings, _) = consumer(&c);
        assert!(names(&settings).contains(&("auto.offset.reset", "error")));
    }
}
