//! `kafka-leader-election.sh` (`tools/.../LeaderElectionCommand.java`): its checks, then
//! one election per partition through the engine's controller (`elect-leaders`), and the
//! results in the sets the tool prints them from.

use super::jopt::{self, opt, Spec};
use super::{java_class, trace, Output};
use crate::{Cluster, Command, ErrorKind};

/// jopt's help table for LeaderElectionCommand, as Kafka 4.4 prints it.
const HELP: &str = include_str!("leader_election_help.txt");
const USAGE: &str = "This tool attempts to elect a new leader for a set of topic partitions. The type of elections supported are preferred replicas and unclean replicas.";
const FAILED: &str = "org.apache.kafka.tools.AdminCommandFailedException";

pub(super) const SPECS: &[Spec] = &[
    opt("bootstrap-server", true),
    opt("admin.config", true),
    opt("command-config", true),
    opt("path-to-json-file", true),
    opt("topic", true),
    opt("partition", true),
    opt("all-topic-partitions", false),
    opt("election-type", true),
    opt("help", false),
    opt("version", false),
];

/// What `mainNoExit` prints for an exception: its message, its trace (frames left out)
/// and a blank line; exit 1.
fn thrown(message: &str, class: &str, causes: &[(&str, &str)], suppressed: &[String]) -> Output {
    let mut stderr = format!("{message}\n{}", trace(class, message, causes));
    for s in suppressed {
        stderr.push_str(&format!("\tSuppressed: {s}\n"));
    }
    stderr.push('\n');
    Output {
        stderr,
        exit_code: 1,
        ..Output::default()
    }
}

fn failed(message: &str) -> Output {
    thrown(message, FAILED, &[], &[])
}

/// Java's `String#hashCode`.
fn java_string_hash(s: &str) -> i32 {
    s.encode_utf16()
        .fold(0i32, |h, c| h.wrapping_mul(31).wrapping_add(i32::from(c)))
}

/// `TopicPartition#hashCode`.
fn topic_partition_hash(topic: &str, partition: i32) -> i32 {
    31i32
        .wrapping_mul(31i32.wrapping_add(partition))
        .wrapping_add(java_string_hash(topic))
}

/// The order a `java.util.HashSet<TopicPartition>` (or `HashMap`) built from `items`
/// iterates them in: by bucket (`(h ^ h >>> 16) & (n - 1)`, the table grown past 3/4
/// full), then in insertion order.
pub(super) fn hash_set_order<T>(items: Vec<(String, i32, T)>) -> Vec<(String, i32, T)> {
    let mut n = 16usize;
    while items.len() > n * 3 / 4 {
        n *= 2;
    }
    let mut keyed: Vec<(usize, usize, (String, i32, T))> = items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            let h = topic_partition_hash(&item.0, item.1) as u32;
            (((h ^ (h >> 16)) as usize) & (n - 1), i, item)
        })
        .collect();
    keyed.sort_by_key(|(bucket, i, _)| (*bucket, *i));
    keyed.into_iter().map(|(_, _, item)| item).collect()
}

/// Runs `kafka-leader-election.sh ARGS`.
pub(super) fn run(cluster: &mut Cluster, args: &[String]) -> Output {
    let o = match jopt::parse(SPECS, args) {
        Ok(o) => o,
        Err(e) => return thrown(&e.message, e.class, &[], &[]),
    };
    // CommandLineUtils#maybePrintHelpOrVersion: no arguments is a request for help.
    if let Some(out) = super::help_or_version(args, &o, USAGE, HELP) {
        return out;
    }
    // LeaderElectionCommandOptions#validate (--bootstrap-server is implied).
    if !o.has("election-type") {
        return failed("Missing required option(s): election-type");
    }
    let exclusive = ["topic", "all-topic-partitions", "path-to-json-file"];
    if exclusive.iter().filter(|x| o.has(x)).count() != 1 {
        return failed("One and only one of the following options is required: topic, all-topic-partitions, path-to-json-file");
    }
    if o.has("topic") && !o.has("partition") {
        return failed("Missing required option(s): partition");
    }
    if !o.has("topic") && o.has("partition") {
        return failed("Option partition is only allowed if topic is used");
    }
    let value = |name: &str| {
        o.value(name)
            .map_err(|e| thrown(&e.message, e.class, &[], &[]))
    };
    let kind = match value("election-type") {
        Err(out) => return out,
        Ok(v) => v.unwrap_or_default().to_ascii_uppercase(),
    };
    // EnumConverter: case does not matter.
    let unclean = match kind.as_str() {
        "PREFERRED" => false,
        "UNCLEAN" => true,
        _ => {
            let raw = o.value("election-type").ok().flatten().unwrap_or_default();
            let message = format!("Cannot parse argument '{raw}' of option election-type");
            return thrown(
                &message,
                "joptsimple.OptionArgumentConversionException",
                &[(
                    "joptsimple.ValueConversionException",
                    &format!("Value [{raw}] is not one of [[PREFERRED,UNCLEAN]]"),
                )],
                &[],
            );
        }
    };
    let partitions: Option<(String, i32)> = if o.has("topic") {
        let topic = match value("topic") {
            Err(out) => return out,
            Ok(t) => t.unwrap_or_default().to_string(),
        };
        let text = match value("partition") {
            Err(out) => return out,
            Ok(p) => p.unwrap_or_default(),
        };
        let p = match jopt::integer("partition", text) {
            Ok(p) => p,
            Err((message, causes)) => {
                let causes: Vec<(&str, &str)> = causes
                    .iter()
                    .map(|(c, m)| (c.as_str(), m.as_str()))
                    .collect();
                return thrown(
                    &message,
                    "joptsimple.OptionArgumentConversionException",
                    &causes,
                    &[],
                );
            }
        };
        Some((topic, p))
    } else if o.has("path-to-json-file") {
        // The console has no files to read.
        let path = value("path-to-json-file")
            .ok()
            .flatten()
            .unwrap_or_default();
        let nsf = format!("java.nio.file.NoSuchFileException: {path}");
        return thrown(
            &nsf,
            "java.lang.RuntimeException",
            &[("java.nio.file.NoSuchFileException", path)],
            &[],
        );
    } else {
        None
    };
    let targets: Vec<(String, i32)> = match &partitions {
        Some(tp) => vec![tp.clone()],
        None => cluster
            .topics()
            .flat_map(|t| {
                t.partitions
                    .iter()
                    .map(|p| (t.name.to_string(), p.id as i32))
            })
            .collect(),
    };
    let mut out = Output::default();
    let mut results = Vec::new();
    for (topic, p) in targets {
        let command = Command::ElectLeaders {
            topic: topic.clone(),
            partition: p.max(0) as u32,
            unclean,
        };
        let result = if p < 0 {
            Err(crate::KafkaError::new(
                ErrorKind::UnknownTopicOrPartitionException,
                format!("No such partition as {topic}-{p}"),
            ))
        } else {
            cluster.apply(&command)
        };
        match result {
            Ok(events) => {
                out.events.extend(events);
                results.push((topic, p, None));
            }
            // ReplicationControlManager#electLeaders: electing every partition leaves out
            // those that already have the leader asked for.
            Err(e) if e.kind == ErrorKind::ElectionNotNeededException && partitions.is_none() => {}
            Err(e) => results.push((topic, p, Some(e))),
        }
    }
    let results = hash_set_order(results);
    let name = if unclean { "UNCLEAN" } else { "PREFERRED" };
    let join = |f: &dyn Fn(&Option<crate::KafkaError>) -> bool| {
        results
            .iter()
            .filter(|(_, _, e)| f(e))
            .map(|(t, p, _)| format!("{t}-{p}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let not_needed = |e: &Option<crate::KafkaError>| {
        e.as_ref()
            .is_some_and(|e| e.kind == ErrorKind::ElectionNotNeededException)
    };
    let succeeded = join(&|e| e.is_none());
    if !succeeded.is_empty() {
        out.stdout.push_str(&format!(
            "Successfully completed leader election ({name}) for partitions {succeeded}\n"
        ));
    }
    let noop = join(&not_needed);
    if !noop.is_empty() {
        out.stdout.push_str(&format!(
            "Valid replica already elected for partitions {noop}\n"
        ));
    }
    let errors: Vec<String> = results
        .iter()
        .filter(|(_, _, e)| e.is_some() && !not_needed(e))
        .map(|(t, p, e)| {
            let e = e.as_ref().expect("an error");
            let text = format!("{}: {}", java_class(e.kind), e.message);
            out.stdout.push_str(&format!(
                "Error completing leader election ({name}) for partition: {t}-{p}: {text}\n"
            ));
            text
        })
        .collect();
    if !errors.is_empty() {
        let message = format!("{} replica(s) could not be elected", errors.len());
        let thrown = thrown(&message, FAILED, &[], &errors);
        out.stderr = thrown.stderr;
        out.exit_code = 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_hashes_and_hash_set_order_match_the_jdk() {
        assert_eq!(java_string_hash("orders"), -1_008_770_331);
        assert_eq!(topic_partition_hash("a", 0), 1058);
        let order: Vec<String> = hash_set_order(vec![
            ("a".to_string(), 0, ()),
            ("a".to_string(), 2, ()),
            ("b".to_string(), 0, ()),
        ])
        .into_iter()
        .map(|(t, p, _)| format!("{t}-{p}"))
        .collect();
        assert_eq!(
            order,
            ["a-2", "a-0", "b-0"],
            "as Kafka 4.4's tool printed it"
        );
    }
}
