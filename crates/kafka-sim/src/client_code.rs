//! Code for a real cluster: the cluster's producer and consumer as a program for a real
//! client library, with the learner's topic, keys and configs.
//!
//! * Java, `org.apache.kafka:kafka-clients` ([`java`]): the client the engine models, so
//!   only the configs set away from their defaults are written.
//! * Python, `confluent-kafka`, and C#, `Confluent.Kafka` ([`python`], [`csharp`]): both
//!   wrap librdkafka, whose defaults differ from Java's ([`librdkafka`]); the code sets
//!   the ones that would change what happens, and a comment says what and why.
//! * Go, `github.com/segmentio/kafka-go` ([`go`]), the seeds' platform client: its
//!   `Writer` and `Reader` differ more (round-robin balancing, acks=0 on a literal, no
//!   idempotence); the code sets what can be set and says what cannot.
//!
//! Every default named here is read from the client's source; the table is in each
//! submodule's header. The partition each sample key gets is computed by the engine's
//! partitioners ([`crate::producer::sender::keyed_partition`]), never written by hand.

pub mod csharp;
pub mod go;
pub mod java;
pub mod librdkafka;
pub mod python;

use crate::assignor::Strategy;
use crate::consumer::{ConsumerConfig, OffsetReset};
use crate::partitioner::Partitioner;
use crate::producer::sender::keyed_partition;
use crate::producer::ProducerState;
use crate::Cluster;

/// A client library code can be written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Client {
    /// `org.apache.kafka:kafka-clients`.
    Java,
    /// `confluent-kafka` (librdkafka).
    Python,
    /// `github.com/segmentio/kafka-go`.
    Go,
    /// `Confluent.Kafka` (librdkafka).
    CSharp,
}

impl Client {
    /// Every client, in the order a picker shows them.
    pub const ALL: [Client; 4] = [Self::Java, Self::Python, Self::Go, Self::CSharp];

    /// The language's name.
    pub fn language(self) -> &'static str {
        match self {
            Self::Java => "Java",
            Self::Python => "Python",
            Self::Go => "Go",
            Self::CSharp => "C#",
        }
    }

    /// The library, as its package manager names it.
    pub fn library(self) -> &'static str {
        match self {
            Self::Java => "kafka-clients",
            Self::Python => "confluent-kafka",
            Self::Go => "segmentio/kafka-go",
            Self::CSharp => "Confluent.Kafka",
        }
    }

    /// The file the code goes in.
    pub fn file_name(self) -> &'static str {
        match self {
            Self::Java => "PlaygroundClient.java",
            Self::Python => "playground_client.py",
            Self::Go => "main.go",
            Self::CSharp => "Program.cs",
        }
    }

    /// Accepts the language or the library name, as `kafka-sim code` does.
    pub fn parse(s: &str) -> Option<Client> {
        Some(match s.to_ascii_lowercase().as_str() {
            "java" | "kafka-clients" => Self::Java,
            "python" | "py" | "confluent-kafka" => Self::Python,
            "go" | "kafka-go" | "segmentio/kafka-go" => Self::Go,
            "c#" | "csharp" | "cs" | "dotnet" | "confluent.kafka" => Self::CSharp,
            _ => return None,
        })
    }
}

/// A record to send, as the cluster last received it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// The key, `None` for a null key.
    pub key: Option<String>,
    /// The value, `None` for a null value.
    pub value: Option<String>,
    /// Headers in order.
    pub headers: Vec<(String, String)>,
}

/// What the code reproduces: one topic, the records last sent to it, the producer's
/// configs and the configs of a consumer that reads it.
#[derive(Debug, Clone)]
pub struct Setup {
    /// The topic the producer writes to.
    pub topic: String,
    /// Its partition count now: what a new producer sees.
    pub partitions: u32,
    /// Its replication factor.
    pub replication_factor: u32,
    /// Up to [`MAX_SAMPLES`] records, oldest first.
    pub samples: Vec<Sample>,
    /// The producer's configs.
    pub producer: ProducerState,
    /// A consumer subscribed to the topic: its name, its subscription and its configs.
    pub consumer: Option<(String, Vec<String>, ConsumerConfig)>,
}

/// How many of the records last sent the code sends again.
pub const MAX_SAMPLES: usize = crate::producer::RECENT_SENDS;

/// The record a program sends when the topic has none yet.
fn example_sample() -> Sample {
    Sample {
        key: Some("key-1".into()),
        value: Some("hello".into()),
        headers: Vec::new(),
    }
}

impl Setup {
    /// The setup of `cluster`: the topic the producer sent to last (or, before any
    /// send, the first topic), the producer's last records to it and a consumer of it.
    /// `None` without topics.
    pub fn of(cluster: &Cluster) -> Option<Setup> {
        let recent = &cluster.producer().recent;
        let topic = match recent.back() {
            Some((name, _, _)) => cluster.topic(name).or_else(|| cluster.topics().next())?,
            None => cluster.topics().next()?,
        };
        let mut samples: Vec<Sample> = recent
            .iter()
            .filter(|(t, _, _)| **t == *topic.name)
            .filter_map(|(_, p, offset)| {
                let r = cluster.log(&topic.name, *p)?.record(*offset)?;
                Some(Sample {
                    key: r.key.as_deref().map(str::to_string),
                    value: r.value.as_deref().map(str::to_string),
                    headers: r
                        .headers
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                })
            })
            .collect();
        if samples.is_empty() {
            samples.push(example_sample());
        }
        let consumer = cluster
            .consumers()
            .find(|c| c.subscription.iter().any(|t| **t == *topic.name))
            .map(|c| {
                (
                    c.name.to_string(),
                    c.subscription.iter().map(|t| t.to_string()).collect(),
                    c.config.clone(),
                )
            });
        Some(Setup {
            topic: topic.name.to_string(),
            partitions: topic.partitions.len() as u32,
            replication_factor: topic.replication_factor,
            samples,
            producer: cluster.producer().clone(),
            consumer,
        })
    }

    /// The distinct keys of the samples, in order.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = Vec::new();
        for k in self.samples.iter().filter_map(|s| s.key.as_deref()) {
            if !keys.contains(&k) {
                keys.push(k);
            }
        }
        keys
    }

    /// The partition `key` gets under `partitioner` on this topic, if the key decides it.
    pub fn partition(&self, partitioner: Partitioner, key: &str) -> Option<u32> {
        if self.producer.ignore_keys {
            return None;
        }
        keyed_partition(partitioner, Some(key), self.partitions).map(|h| h.partition)
    }

    /// Comment lines naming where each sample key goes under `mine` (the partitioner the
    /// program uses), and where it would go under `other` when that differs:
    /// `key "a" -> partition 1 of 3 (librdkafka's default would put it on 0)`.
    pub fn placements(&self, mine: Partitioner, other: Option<(Partitioner, &str)>) -> Vec<String> {
        self.keys()
            .into_iter()
            .map(|k| {
                let here = match self.partition(mine, k) {
                    Some(p) => format!("partition {p} of {}", self.partitions),
                    None => "a partition the partitioner picks (the key does not decide)".into(),
                };
                let there = other.and_then(|(o, name)| {
                    let theirs = self.partition(o, k);
                    (theirs != self.partition(mine, k)).then(|| match theirs {
                        Some(p) => format!(" ({name} would put it on {p})"),
                        None => format!(" ({name} would not place it by its key)"),
                    })
                });
                format!("key {k:?} -> {here}{}", there.unwrap_or_default())
            })
            .chain(
                self.samples
                    .iter()
                    .any(|r| r.key.is_none())
                    .then(|| "no key -> a partition the partitioner picks, not a hash".to_string()),
            )
            .collect()
    }

    /// What to run before the program: a topic created on first use gets the broker's
    /// `num.partitions` (1), and then every key lands on partition 0.
    pub fn create_topic(&self) -> (String, &'static str) {
        (
            format!(
                "kafka-topics.sh --bootstrap-server localhost:9092 --create --if-not-exists --topic {} --partitions {} --replication-factor {}",
                self.topic, self.partitions, self.replication_factor
            ),
            "Create the topic first, with as many partitions: one the broker creates on first use gets num.partitions (1), and every key then lands on partition 0.",
        )
    }
}

/// Said where the sandbox has no consumer of the topic, as comment lines after `prefix`.
pub(crate) fn no_consumer_note(prefix: &str, topic: &str) -> String {
    format!(
        "{prefix}The sandbox has no consumer of {topic:?} yet: create one (create-consumer NAME\n\
         {prefix}group=GROUP, then subscribe NAME topics={topic}) and its code appears here.\n"
    )
}

/// The setup of the cluster `script` builds, for the generators' tests.
#[cfg(test)]
pub(crate) fn setup_after(script: &str) -> Setup {
    let mut c = Cluster::default();
    c.apply_script(script).expect("script runs");
    Setup::of(&c).expect("a topic")
}

/// Said where a consumer starts at the end of the log.
pub(crate) const LATEST_NOTE: &str = "auto.offset.reset is latest (the default): a group without committed offsets starts at the end of the log, after the records just sent, so a first run prints none of them.";

/// The header lines every program starts with: the topic, where keys go, what to run first.
pub(crate) fn header(prefix: &str, s: &Setup, placements: Vec<String>) -> String {
    let mut out = format!(
        "{prefix}\n{prefix} It sends the sandbox's last records to topic {:?} ({} partitions):\n",
        s.topic, s.partitions
    );
    for line in placements {
        out.push_str(&format!("{prefix}   {line}\n"));
    }
    let (command, why) = s.create_topic();
    out.push_str(&comment(&format!("{prefix} "), why, 84));
    out.push_str(&format!("{prefix}   {command}\n"));
    out
}

/// The code for `client`.
pub fn generate(client: Client, setup: &Setup) -> String {
    match client {
        Client::Java => java::generate(setup),
        Client::Python => python::generate(setup),
        Client::Go => go::generate(setup),
        Client::CSharp => csharp::generate(setup),
    }
}

/// A string literal for C-family languages (Java, Go, C#): `"` and `\` escaped, control
/// characters as `\uXXXX` (Go reads `\u` too), everything else as it is.
pub(crate) fn c_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Wraps `text` into comment lines of at most `width` characters of text: the first
/// after `first`, the rest after `rest` (`"// - "` then `"//   "` for a list item).
pub(crate) fn comment_with(first: &str, rest: &str, text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let mut prefix = first;
    for word in text.split(' ') {
        if !line.is_empty() && line.len() + 1 + word.len() > width {
            out.push_str(prefix);
            out.push_str(&line);
            out.push('\n');
            prefix = rest;
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(prefix);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// [`comment_with`] with the same prefix on every line.
pub(crate) fn comment(prefix: &str, text: &str, width: usize) -> String {
    comment_with(prefix, prefix, text, width)
}

/// The Java class of an assignor, as `partition.assignment.strategy` takes it.
pub(crate) fn assignor_class(s: Strategy) -> &'static str {
    match s {
        Strategy::Range => "org.apache.kafka.clients.consumer.RangeAssignor",
        Strategy::RoundRobin => "org.apache.kafka.clients.consumer.RoundRobinAssignor",
        Strategy::Sticky => "org.apache.kafka.clients.consumer.StickyAssignor",
        Strategy::CooperativeSticky => {
            "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"
        }
    }
}

/// The value of a consumer config the engine models, as the Java client takes it.
pub(crate) fn consumer_value(c: &ConsumerConfig, name: &str) -> Option<String> {
    Some(match name {
        "group.id" => c.group_id.clone(),
        "group.instance.id" => c.group_instance_id.clone()?,
        "group.protocol" => c.group_protocol.upper().to_ascii_lowercase(),
        "group.remote.assignor" => c.group_remote_assignor.clone()?,
        "auto.offset.reset" => match c.auto_offset_reset {
            OffsetReset::Earliest => "earliest",
            OffsetReset::Latest => "latest",
            OffsetReset::None => "none",
        }
        .into(),
        "enable.auto.commit" => c.enable_auto_commit.to_string(),
        "auto.commit.interval.ms" => c.auto_commit_interval_ms.to_string(),
        "isolation.level" => if c.read_committed {
            "read_committed"
        } else {
            "read_uncommitted"
        }
        .into(),
        "max.poll.records" => c.max_poll_records.to_string(),
        "session.timeout.ms" => c.session_timeout_ms.to_string(),
        "heartbeat.interval.ms" => c.heartbeat_interval_ms.to_string(),
        "max.poll.interval.ms" => c.max_poll_interval_ms.to_string(),
        "partition.assignment.strategy" => c
            .strategies
            .iter()
            .map(|s| assignor_class(*s))
            .collect::<Vec<_>>()
            .join(","),
        _ => return None,
    })
}

/// The consumer configs the application set, with their values, in the order set
/// (`group.id` first, always); names the engine does not model are left out.
pub(crate) fn consumer_settings(c: &ConsumerConfig) -> Vec<(String, String)> {
    let mut out = vec![("group.id".to_string(), c.group_id.clone())];
    for name in &c.explicit {
        if name == "group.id" {
            continue;
        }
        if let Some(v) = consumer_value(c, name) {
            out.push((name.clone(), v));
        }
    }
    out
}

/// `acks` as the Java client spells it.
pub(crate) fn acks_name(acks: i8) -> &'static str {
    match acks {
        0 => "0",
        1 => "1",
        _ => "all",
    }
}

/// How many times the generated consumer polls before it stops: a real one loops until
/// it is shut down, but a program that is run to try it should end.
pub const POLLS: u32 = 10;

#[cfg(test)]
mod tests {
    use super::*;

    fn cluster(script: &str) -> Cluster {
        let mut c = Cluster::default();
        c.apply_script(script).expect("script runs");
        c
    }

    #[test]
    fn the_setup_is_the_topic_written_last_with_its_last_records_and_a_consumer_of_it() {
        let c = cluster(
            "create-topic other partitions=1\ncreate-topic orders partitions=3\n\
             produce other key=x value=1\n\
             produce orders key=order-100 value=created\n\
             produce orders key=order-101 value=paid header.source=web\n\
             create-consumer c1 group=billing\nsubscribe c1 topics=orders",
        );
        let s = Setup::of(&c).expect("a topic");
        assert_eq!(s.topic, "orders");
        assert_eq!(s.partitions, 3);
        assert_eq!(s.keys(), vec!["order-100", "order-101"]);
        assert_eq!(s.samples[1].headers, vec![("source".into(), "web".into())]);
        let (name, topics, config) = s.consumer.expect("c1 reads orders");
        assert_eq!((name.as_str(), topics), ("c1", vec!["orders".to_string()]));
        assert_eq!(config.group_id, "billing");
    }

    #[test]
    fn at_most_the_last_samples_are_kept_in_the_order_they_were_sent() {
        let mut script = String::from("create-topic t partitions=2\n");
        for i in 0..10 {
            script.push_str(&format!("produce t key=k{i} value=v{i}\n"));
        }
        let s = Setup::of(&cluster(&script)).unwrap();
        assert_eq!(s.keys(), vec!["k6", "k7", "k8", "k9"]);
    }

    #[test]
    fn a_topic_without_records_gets_an_example_record_and_no_topic_gets_nothing() {
        assert!(Setup::of(&Cluster::default()).is_none());
        let s = Setup::of(&cluster("create-topic t partitions=2")).unwrap();
        assert_eq!(s.samples, vec![example_sample()]);
    }

    #[test]
    fn placements_name_the_partition_and_where_another_partitioner_differs() {
        let s = Setup::of(&cluster(
            "create-topic orders partitions=3\nproduce orders key=order-100 value=a",
        ))
        .unwrap();
        // murmur2 puts order-100 on 1 of 3 (TOOLCHAIN.md, seen on a real broker).
        assert_eq!(
            s.placements(Partitioner::Default, None),
            vec![r#"key "order-100" -> partition 1 of 3"#]
        );
        let crc = s
            .partition(Partitioner::ConsistentRandom, "order-100")
            .unwrap();
        let line = &s.placements(
            Partitioner::Default,
            Some((Partitioner::ConsistentRandom, "CRC-32")),
        )[0];
        if crc == 1 {
            assert!(!line.contains("would"), "{line}");
        } else {
            assert!(
                line.ends_with(&format!("(CRC-32 would put it on {crc})")),
                "{line}"
            );
        }
    }

    #[test]
    fn string_literals_escape_quotes_backslashes_and_control_characters() {
        assert_eq!(c_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(c_string("x\ny\u{1}"), r#""x\ny\u0001""#);
        assert_eq!(c_string("héllo"), "\"héllo\"");
    }

    #[test]
    fn comments_wrap_at_the_width() {
        let c = comment("// ", "one two three four five", 9);
        assert_eq!(c, "// one two\n// three\n// four five\n");
        let item = comment_with("// - ", "//   ", "one two three", 7);
        assert_eq!(item, "// - one two\n//   three\n");
    }

    #[test]
    fn clients_parse_by_language_or_library() {
        for c in Client::ALL {
            assert_eq!(Client::parse(c.language()), Some(c));
            assert_eq!(Client::parse(c.library()), Some(c));
        }
        assert_eq!(Client::parse("rust"), None);
    }
}
