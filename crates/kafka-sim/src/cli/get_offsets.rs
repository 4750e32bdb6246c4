//! `kafka-get-offsets.sh` (`tools/.../GetOffsetShell.java`): a ListOffsets for every
//! partition the filters select, printed `topic:partition:offset`, sorted as
//! `TopicPartition#toString` sorts (so `t-10` before `t-2`).

use super::include_list::IncludeList;
use super::jopt::{self, opt, Spec};
use super::{trace, Output};
use crate::Cluster;

/// jopt's help table for GetOffsetShell, as Kafka 4.4 prints it.
const HELP: &str = include_str!("get_offsets_help.txt");
const USAGE: &str = "An interactive shell for getting topic-partition offsets.";

pub(super) const SPECS: &[Spec] = &[
    opt("bootstrap-server", true),
    opt("topic-partitions", true),
    opt("topic", true),
    opt("partitions", true),
    opt("time", true),
    opt("command-config", true),
    opt("exclude-internal-topics", false),
    opt("help", false),
    opt("version", false),
];

/// Which offset a ListOffsets asks for (`OffsetSpec`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spec2 {
    Earliest,
    Latest,
    MaxTimestamp,
    EarliestLocal,
    /// `latest-tiered` and `earliest-pending-upload`: with no tiered storage, no offset.
    Tiered,
    Timestamp(i64),
}

/// `GetOffsetShell#parseOffsetSpec`.
fn offset_spec(time: &str) -> Result<Spec2, String> {
    Ok(match time {
        "earliest" => Spec2::Earliest,
        "latest" => Spec2::Latest,
        "max-timestamp" => Spec2::MaxTimestamp,
        "earliest-local" => Spec2::EarliestLocal,
        "latest-tiered" | "earliest-pending-upload" => Spec2::Tiered,
        t => match t.parse::<i64>() {
            Err(_) => return Err(format!("Malformed time argument {t}. Please use -1 or latest / -2 or earliest / -3 or max-timestamp / -4 or earliest-local / -5 or latest-tiered / -6 or earliest-pending-upload, or a specified long format timestamp")),
            // ListOffsetsRequest's special timestamps.
            Ok(-2) => Spec2::Earliest,
            Ok(-1) => Spec2::Latest,
            Ok(-3) => Spec2::MaxTimestamp,
            Ok(-4) => Spec2::EarliestLocal,
            Ok(-5 | -6) => Spec2::Tiered,
            Ok(ts) => Spec2::Timestamp(ts),
        },
    })
}

/// Which partitions of a topic a rule keeps.
#[derive(Debug, Clone)]
enum Partitions {
    Set(Vec<i32>),
    One(i32),
    /// Lower inclusive, upper exclusive.
    Range(i32, i32),
}

impl Partitions {
    fn allows(&self, p: i32) -> bool {
        match self {
            Self::Set(s) => s.is_empty() || s.contains(&p),
            Self::One(n) => *n == p,
            Self::Range(lo, hi) => p >= *lo && p < *hi,
        }
    }
}

/// A failure: `Error occurred: ` and the message, then for an exception other than
/// `TerseException` its trace (frames left out) and a blank line.
struct Failure {
    message: String,
    trace: Option<String>,
}

fn terse(message: impl Into<String>) -> Failure {
    Failure {
        message: message.into(),
        trace: None,
    }
}

/// `parseRuleSpec` on one rule of `--topic-partitions`:
/// `([^:,]*)(?::(?:([0-9]*)|(?:([0-9]*)-([0-9]*))))?`.
fn rule(spec: &str) -> Option<(Option<String>, Partitions)> {
    let (topic, part) = match spec.split_once(':') {
        None => (spec, None),
        Some((t, p)) => (t, Some(p)),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let number = |s: &str| (!s.is_empty()).then(|| s.parse::<i32>().ok()).flatten();
    let partitions = match part {
        None => Partitions::Range(0, i32::MAX),
        Some(p) if digits(p) => match number(p) {
            Some(n) => Partitions::One(n),
            None if p.is_empty() => Partitions::Range(0, i32::MAX),
            None => return None,
        },
        Some(p) => {
            let (lo, hi) = p.split_once('-')?;
            if !digits(lo) || !digits(hi) {
                return None;
            }
            Partitions::Range(number(lo).unwrap_or(0), number(hi).unwrap_or(i32::MAX))
        }
    };
    let topic = (!topic.is_empty()).then(|| topic.to_string());
    Some((topic, partitions))
}

/// Runs `kafka-get-offsets.sh ARGS`.
pub(super) fn run(cluster: &Cluster, args: &[String]) -> Output {
    if args.is_empty() {
        return Output::usage(USAGE, HELP);
    }
    let o = match jopt::parse(SPECS, args) {
        Ok(o) => o,
        Err(e) => return failed(terse(e.message)),
    };
    if o.has("help") {
        return Output::usage(USAGE, HELP);
    }
    if o.has("version") {
        return Output {
            stdout: format!("{}\n", crate::kafka_version()),
            ..Output::default()
        };
    }
    match offsets(cluster, &o) {
        Ok(lines) => Output {
            stdout: lines.iter().map(|l| format!("{l}\n")).collect(),
            ..Output::default()
        },
        Err(f) => failed(f),
    }
}

fn failed(f: Failure) -> Output {
    let mut stderr = format!("Error occurred: {}\n", f.message);
    if let Some(t) = f.trace {
        stderr.push_str(&t);
        stderr.push('\n');
    }
    Output {
        stderr,
        exit_code: 1,
        ..Output::default()
    }
}

/// `GetOffsetShell#fetchOffsets`.
fn offsets(cluster: &Cluster, o: &jopt::Parsed) -> Result<Vec<String>, Failure> {
    let one = |name: &str| o.value(name).map_err(|e| terse(e.message));
    if o.has("topic-partitions") && (o.has("topic") || o.has("partitions")) {
        return Err(terse(
            "--topic-partitions cannot be used with --topic or --partitions",
        ));
    }
    let spec = offset_spec(one("time")?.unwrap_or("latest")).map_err(terse)?;
    let regex = |r: &str| {
        IncludeList::new(r).map_err(|m| Failure {
            message: m,
            trace: None,
        })
    };
    let mut rules: Vec<(IncludeList, Partitions)> = Vec::new();
    if let Some(list) = one("topic-partitions")? {
        for r in list.split(',') {
            let Some((topic, parts)) = rule(r) else {
                // createTopicPartitionFilterWithPatternList wraps the TerseException in a
                // RuntimeException, which mainNoExit prints with its trace.
                let inner = format!(
                    "org.apache.kafka.tools.TerseException: Invalid rule specification: {r}"
                );
                return Err(Failure {
                    trace: Some(trace(
                        "java.lang.RuntimeException",
                        &inner,
                        &[(
                            "org.apache.kafka.tools.TerseException",
                            &format!("Invalid rule specification: {r}"),
                        )],
                    )),
                    message: inner,
                });
            };
            rules.push((regex(topic.as_deref().unwrap_or(".*"))?, parts));
        }
    } else {
        let parts = match one("partitions")?.filter(|p| !p.is_empty()) {
            None => Vec::new(),
            Some(p) => p
                .split(',')
                .map(|n| n.parse::<i32>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|_| {
                    terse(format!("--partitions expects a comma separated list of numeric partition ids, but received: {p}"))
                })?,
        };
        rules.push((
            regex(one("topic")?.unwrap_or(".*"))?,
            Partitions::Set(parts),
        ));
    }
    let mut found: Vec<(String, String)> = Vec::new();
    for t in cluster.topics() {
        for p in &t.partitions {
            let id = p.id as i32;
            if !rules
                .iter()
                .any(|(topic, parts)| topic.matches(&t.name) && parts.allows(id))
            {
                continue;
            }
            let key = format!("{}-{id}", t.name);
            let log = p.log();
            let records = log.records();
            let offset = match spec {
                Spec2::Earliest | Spec2::EarliestLocal => Some(log.log_start_offset()),
                Spec2::Latest => Some(log.high_watermark()),
                Spec2::Tiered => None,
                // KIP-734: the first record with the largest timestamp.
                Spec2::MaxTimestamp => records
                    .iter()
                    .fold(None::<&crate::record::Record>, |best, r| match best {
                        Some(b) if b.timestamp >= r.timestamp => Some(b),
                        _ => Some(r),
                    })
                    .map(|r| r.offset),
                // The first offset whose timestamp is at least the one asked for.
                Spec2::Timestamp(ts) => {
                    records.iter().find(|r| r.timestamp >= ts).map(|r| r.offset)
                }
            };
            if let Some(offset) = offset {
                found.push((key, format!("{}:{id}:{offset}", t.name)));
            }
        }
    }
    let matched = cluster.topics().any(|t| {
        t.partitions.iter().any(|p| {
            rules
                .iter()
                .any(|(topic, parts)| topic.matches(&t.name) && parts.allows(p.id as i32))
        })
    });
    if !matched {
        return Err(terse(
            "Could not match any topic-partitions with the specified filters",
        ));
    }
    found.sort();
    Ok(found.into_iter().map(|(_, line)| line).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_as_the_topic_partition_pattern_reads_them() {
        let allows = |spec: &str, p: i32| rule(spec).unwrap().1.allows(p);
        assert!(allows("t:3", 3) && !allows("t:3", 4));
        assert!(
            allows("t:2-4", 3) && !allows("t:2-4", 4),
            "upper bound exclusive"
        );
        assert!(allows("t:5-", 900) && !allows("t:5-", 4));
        assert!(allows("t:-3", 0) && !allows("t:-3", 3));
        assert!(allows("t", 7) && allows(":1", 1));
        assert_eq!(rule("t").unwrap().0.as_deref(), Some("t"));
        assert!(rule(":1").unwrap().0.is_none());
        assert!(rule("t:x").is_none());
    }

    #[test]
    fn offsets_sort_as_topic_partition_strings() {
        let mut c = Cluster::default();
        c.apply_script("create-topic t partitions=12\nproduce t partition=10 value=a")
            .unwrap();
        let out = run(
            &c,
            &[
                "--topic".into(),
                "t".into(),
                "--partitions".into(),
                "2,10".into(),
            ],
        );
        assert_eq!(out.stdout, "t:10:1\nt:2:0\n");
    }
}
