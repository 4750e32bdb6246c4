//! What a script shows from the outside, normalised so that a real Kafka broker can show
//! the same: the engine's half of the cross-check (`crosscheck/PROTOCOL.md`).
//!
//! ```text
//!  script ──► for each command: apply ──► "<line> <text> => <outcome>"   (observations)
//!                                   └──► the plan line for the Java driver (JSON)
//!  "# checkpoint LABEL" ──► offsets of every partition, groups, consumers
//! ```
//!
//! Only what a client can see is printed: what `send()` returned (no offset with
//! `acks=0`), the records a `poll()` returned, the exception class an API call threw,
//! ListOffsets, DescribeGroups, OffsetFetch. Where real Kafka cannot agree by nature, the
//! plan pins the engine's choice and a note says why (`Notes`).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::sync::Arc;

use serde_json::{json, Value};

use crate::cluster::Cluster;
use crate::command::{Command, ProduceFault};
use crate::consumer::{tp_name, Liveness};
use crate::error::KafkaError;
use crate::event::Event;
use crate::partitioner::{Partitioner, Routing};

/// A script line that starts a checkpoint: `# checkpoint step 3`.
pub const CHECKPOINT: &str = "# checkpoint ";

/// What a real broker's wait for a tick adds to the last deadline inside it, so that a
/// timer that fires at that instant on the engine's clock has fired there too.
pub const WAIT_MARGIN_MS: i64 = 2_000;

/// How much of a `tick` of `ms` the driver must really wait. While something a client
/// sees depends on time (`Cluster::last_pending_deadline`), the tick's time must really
/// pass, up to that instant plus a margin if it falls inside the tick; when nothing does,
/// nothing (an hour that only rolls a segment). Each tick waits from its own start, so a
/// timer that spans several ticks gets all of them.
fn real_wait(before: &Cluster, ms: i64, n: usize, notes: &mut Notes) -> i64 {
    let now = before.now_ms();
    let wait = match before.last_pending_deadline() {
        None => 0,
        // Past the tick's end by the margin at most, so that a timer due at its very
        // end has fired on the broker too.
        Some(t) if t <= now.saturating_add(ms) => {
            (t - now + WAIT_MARGIN_MS).min(ms + WAIT_MARGIN_MS)
        }
        Some(_) => ms,
    };
    if wait < ms {
        notes.add(format!(
            "line {n}: tick of {ms} ms waits {wait} ms on the real broker: nothing a client sees depends on the rest"
        ));
    }
    wait
}

/// One script's run through the engine.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Observed {
    /// The observation lines, as the driver must print them too.
    pub lines: Vec<String>,
    /// The plan for the driver, one JSON object per line.
    pub plan: Vec<Value>,
    /// Why some of the script is pinned or not waited for; printed, never compared.
    pub notes: Vec<String>,
}

/// Runs `script` (named `name` in the plan's header) through a fresh engine.
pub fn observe(name: &str, script: &str) -> Observed {
    let mut o = Observed::default();
    let mut notes = Notes::default();
    o.plan.push(json!({"kind": "header", "script": name}));
    // A `cluster` header (script.rs) before the first command: the driver starts as many
    // brokers before playing the plan (its one controller stands for the quorum).
    let found = crate::script::header(script.lines());
    let header = found.as_ref().map(|(i, _)| *i);
    let spec = match found {
        Some((_, Ok(spec))) => spec,
        Some((_, Err(e))) => {
            notes.add(format!(
                "the cluster header does not parse ({e}): the default cluster"
            ));
            crate::script::ClusterSpec::default()
        }
        None => crate::script::ClusterSpec::default(),
    };
    if spec.combined {
        notes.add("combined mode: the driver's cluster runs its controller apart from the brokers, so a broker verb there leaves the quorum as it was".into());
    }
    if spec.brokers > 1 {
        o.plan[0]["brokers"] = json!(true);
        o.plan[0]["initial_brokers"] = json!(spec.brokers);
    }
    let mut cluster = spec.build();
    let mut last_was_checkpoint = false;
    for (i, raw) in script.lines().enumerate() {
        let line = raw.trim();
        if Some(i) == header {
            continue;
        }
        if let Some(label) = line.strip_prefix(CHECKPOINT) {
            checkpoint(&cluster, label.trim(), &mut o);
            last_was_checkpoint = true;
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        last_was_checkpoint = false;
        let n = i + 1;
        let command: Command = match line.parse() {
            Ok(c) => c,
            Err(e) => {
                // The driver never sees a line the engine cannot read.
                o.lines
                    .push(format!("{n} {line} => error {}", e.kind.name()));
                notes.add(format!(
                    "line {n} does not parse ({e}): not sent to the broker"
                ));
                continue;
            }
        };
        let before = cluster.clone();
        let wait = match &command {
            Command::Tick { ms } => Some(real_wait(&before, *ms, n, &mut notes)),
            _ => None,
        };
        if uses_brokers(&command) {
            o.plan[0]["brokers"] = json!(true);
        }
        let result = cluster.apply(&command);
        let outcome = outcome(&before, &cluster, &command, &result);
        o.lines.push(format!("{n} {command} => {outcome}"));
        let mut line = plan_line(n, &command, &before, &cluster, &result, &mut notes);
        if let Some(w) = result.as_ref().ok().and_then(|e| writer_plan(&cluster, e)) {
            line["writes"] = w;
        }
        if let Some(w) = wait {
            line["wait_ms"] = json!(w);
        }
        o.plan.push(line);
    }
    if !last_was_checkpoint {
        checkpoint(&cluster, "end", &mut o);
    }
    o.plan.push(json!({"kind": "end"}));
    o.notes = notes.finish();
    o
}

/// Whether replaying `command` needs a cluster of separate broker processes.
fn uses_brokers(command: &Command) -> bool {
    match command {
        Command::StartBroker { .. }
        | Command::StopBroker { .. }
        | Command::KillBroker { .. }
        | Command::IsolateBroker { .. }
        | Command::HealBroker { .. }
        | Command::KillController { .. }
        | Command::StartController { .. }
        | Command::ElectLeaders { .. } => true,
        Command::CreateTopic {
            replication_factor,
            replica_assignment,
            ..
        } => replica_assignment.is_some() || replication_factor.is_some_and(|rf| rf > 1),
        // Exhaustive, so that a new verb is placed on one side or the other.
        Command::AlterTopic { .. }
        | Command::Produce(_)
        | Command::Fetch { .. }
        | Command::SetProducer { .. }
        | Command::SetWriter { .. }
        | Command::CreateConsumer { .. }
        | Command::Subscribe { .. }
        | Command::Poll { .. }
        | Command::Commit { .. }
        | Command::Seek { .. }
        | Command::CrashConsumer { .. }
        | Command::Process { .. }
        | Command::SetApp { .. }
        | Command::StopDatabase { .. }
        | Command::StartDatabase { .. }
        | Command::InitTransactions
        | Command::BeginTransaction
        | Command::SendOffsetsToTransaction { .. }
        | Command::CommitTransaction
        | Command::AbortTransaction
        | Command::Close { .. }
        | Command::Tick { .. } => false,
    }
}

/// What the client saw of one command.
fn outcome(
    before: &Cluster,
    after: &Cluster,
    command: &Command,
    result: &Result<Vec<Event>, KafkaError>,
) -> String {
    let events = match result {
        Ok(events) => events,
        Err(e) => return format!("error {}", e.kind.name()),
    };
    let writes = writer_outcomes(events);
    let base = match command {
        // WriteMessages returned: what it wrote is in `writes`.
        Command::Produce(_) if before.producer().writer.is_some() => "ok".into(),
        Command::Produce(_) => produce_outcome(before.producer().acks, events),
        Command::Poll { .. } => {
            let records = events.iter().find_map(|e| match e {
                Event::RecordsPolled { records, .. } => Some(records.clone()),
                _ => None,
            });
            records_text(after, records.unwrap_or_default())
        }
        Command::Fetch { .. } => {
            let records = events.iter().find_map(|e| match e {
                Event::RecordsFetched {
                    topic,
                    partition,
                    offsets,
                    ..
                } => Some(
                    offsets
                        .iter()
                        .map(|o| (topic.clone(), *partition, *o))
                        .collect(),
                ),
                _ => None,
            });
            records_text(after, records.unwrap_or_default())
        }
        Command::Commit {
            asynchronous: true, ..
        } => match events.iter().find_map(|e| match e {
            Event::AsyncCommitFailed { error, .. } => Some(error),
            _ => None,
        }) {
            Some(error) => format!("callback=error {}", error.kind.name()),
            None => "callback=ok".into(),
        },
        Command::Process {
            output: Some(_), ..
        } => {
            let produced: Vec<String> = events
                .iter()
                .filter_map(|e| match e {
                    Event::RecordAppended {
                        topic,
                        partition,
                        offset,
                        ..
                    } => Some(format!("{topic}-{partition}@{offset}")),
                    _ => None,
                })
                .collect();
            format!("produced=[{}]", produced.join(","))
        }
        _ => "ok".into(),
    };
    match writes {
        Some(w) => format!("{base} writes=[{w}]"),
        None => base,
    }
}

/// What a kafka-go Writer's batches did during one command, as the broker answered:
/// `topic-partition:ok` or `:error NotEnoughReplicasException` (a refused connection or
/// a timeout has no broker error: `:error none`).
fn writer_outcomes(events: &[Event]) -> Option<String> {
    let items: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::BatchWritten {
                topic,
                partition,
                first_offset,
                ..
            } if *first_offset >= 0 => Some(format!("{topic}-{partition}:ok")),
            Event::BatchLostUnseen {
                topic, partition, ..
            } => Some(format!("{topic}-{partition}:ok")),
            Event::BatchFailed {
                topic,
                partition,
                cause,
                ..
            } => Some(format!(
                "{topic}-{partition}:error {}",
                cause.map_or("none", |k| k.name())
            )),
            _ => None,
        })
        .collect();
    (!items.is_empty()).then(|| items.join(","))
}

/// The plan's `writes`: each batch the Writer sent during the command, its records and
/// the broker's answer the engine gave, for the driver to send the same way.
fn writer_plan(after: &Cluster, events: &[Event]) -> Option<Value> {
    let record = |r: &crate::record::Record| {
        json!({"key": r.key.as_deref(), "value": r.value.as_deref(), "timestamp": r.timestamp,
            "headers": Value::Array(r.headers.iter().map(|(k, v)| json!([&**k, &**v])).collect())})
    };
    let writes: Vec<Value> = events
        .iter()
        .filter_map(|e| match e {
            Event::BatchWritten {
                topic,
                partition,
                first_offset,
                last_offset,
                ..
            } if *first_offset >= 0 => {
                let log = after.log(topic, *partition)?;
                let records: Vec<Value> = (*first_offset..=*last_offset)
                    .filter_map(|o| log.record(o))
                    .map(record)
                    .collect();
                Some(json!({"topic": &**topic, "partition": partition, "records": records,
                    "expect": "ok"}))
            }
            Event::BatchLostUnseen {
                topic,
                partition,
                records,
                ..
            } => Some(json!({"topic": &**topic, "partition": partition,
                "records": records.iter().map(record).collect::<Vec<_>>(), "expect": "ok"})),
            Event::BatchFailed {
                topic,
                partition,
                records,
                cause,
                ..
            } => Some(json!({"topic": &**topic, "partition": partition,
                "records": records.iter().map(record).collect::<Vec<_>>(),
                "expect": cause.map_or("error none".to_string(), |k| format!("error {}", k.name()))})),
            _ => None,
        })
        .collect();
    (!writes.is_empty()).then_some(Value::Array(writes))
}

/// `send().get()`: the partition and offset in RecordMetadata, or the error. With
/// `acks=0` the producer does not wait for an answer, so RecordMetadata has offset -1
/// (`ProducerBatch#done` with `ProduceResponse.INVALID_OFFSET`).
fn produce_outcome(acks: i8, events: &[Event]) -> String {
    let mut partition = None;
    let mut offset = None;
    for e in events {
        match e {
            Event::SendFailed { error, .. } => return format!("error {}", error.kind.name()),
            // A replicated send: the offset the leader that answered gave it.
            Event::SendAcknowledged {
                partition: p,
                offset: o,
                ..
            } => {
                let o = if acks == 0 { -1 } else { *o };
                return format!("partition={p} offset={o}");
            }
            Event::RecordAppended {
                partition: p,
                offset: o,
                ..
            } => {
                partition = Some(*p);
                offset = Some(*o);
            }
            Event::DuplicateIgnored {
                partition: p,
                offset: o,
                ..
            } => {
                partition = Some(*p);
                offset = Some(*o);
            }
            Event::RequestLost { partition: p, .. } => partition = partition.or(Some(*p)),
            _ => {}
        }
    }
    match partition {
        Some(p) if acks == 0 => format!("partition={p} offset=-1"),
        Some(p) => format!("partition={p} offset={}", offset.unwrap_or(-1)),
        None => "ok".into(),
    }
}

/// `records=[t-p@o key=k,...]`, sorted: the order of partitions inside one poll is not
/// something Kafka promises.
fn records_text(cluster: &Cluster, mut records: Vec<(Arc<str>, u32, i64)>) -> String {
    records.sort();
    let items: Vec<String> = records
        .iter()
        .map(|(t, p, o)| {
            let key = cluster
                .log(t, *p)
                .and_then(|l| l.record(*o))
                .and_then(|r| r.key.clone());
            format!("{t}-{p}@{o} key={}", key.as_deref().unwrap_or("null"))
        })
        .collect();
    format!("records=[{}]", items.join(","))
}

/// The partition the driver must send to, when the Java client's own choice would be
/// random or is not a Java partitioner at all; `None` lets the Java client choose.
fn pin(before: &Cluster, events: &[Event], notes: &mut Notes) -> Option<u32> {
    let (partition, routing) = events.iter().find_map(|e| match e {
        Event::RecordAppended {
            partition, routing, ..
        } => Some((*partition, routing)),
        _ => None,
    })?;
    match routing {
        Routing::Explicit => None,
        Routing::Hashed(_) if before.producer().partitioner == Partitioner::Default => None,
        Routing::RoundRobin { .. } if before.producer().partitioner == Partitioner::RoundRobin => {
            None
        }
        Routing::Sticky { .. } => {
            notes.add("keyless records: the Java producer picks its sticky partition at random (BuiltInPartitioner), so the driver sends each one to the partition the engine chose".into());
            Some(partition)
        }
        _ => {
            notes.add("librdkafka partitioners (and per-record partitioner overrides): the Java client has none, so the driver sends to the partition the engine chose".into());
            Some(partition)
        }
    }
}

fn pairs(configs: &[(String, String)]) -> Value {
    Value::Array(configs.iter().map(|(k, v)| json!([k, v])).collect())
}

/// Producer configs as the Java client knows them: librdkafka's partitioner settings have
/// no Java equivalent (those records are pinned instead).
fn java_producer_configs(configs: &[(String, String)], notes: &mut Notes) -> Value {
    let mut out = Vec::new();
    for (k, v) in configs {
        match (k.as_str(), v.parse::<Partitioner>()) {
            ("partitioner" | "partitioner.class", Ok(Partitioner::RoundRobin)) => out.push((
                "partitioner.class".to_string(),
                "org.apache.kafka.clients.producer.RoundRobinPartitioner".to_string(),
            )),
            ("partitioner" | "partitioner.class", Ok(Partitioner::Default)) => {}
            ("partitioner" | "partitioner.class" | "sticky.partitioning.linger.ms", _) => {
                notes.add(format!(
                    "set-producer {k}={v}: a librdkafka setting, not sent to the Java producer"
                ));
            }
            _ => out.push((k.clone(), v.clone())),
        }
    }
    pairs(&out)
}

fn plan_line(
    n: usize,
    command: &Command,
    before: &Cluster,
    after: &Cluster,
    result: &Result<Vec<Event>, KafkaError>,
    notes: &mut Notes,
) -> Value {
    let no_events = Vec::new();
    let events = result.as_ref().unwrap_or(&no_events);
    let mut v = match command {
        Command::CreateTopic {
            name,
            partitions,
            replication_factor,
            replica_assignment,
            configs,
        } => json!({"name": name, "partitions": partitions,
            "replication_factor": replication_factor, "replica_assignment": replica_assignment,
            "configs": pairs(configs)}),
        Command::StartBroker { id }
        | Command::StopBroker { id }
        | Command::KillBroker { id }
        | Command::IsolateBroker { id }
        | Command::HealBroker { id }
        | Command::KillController { id }
        | Command::StartController { id } => json!({"id": id}),
        Command::ElectLeaders {
            topic,
            partition,
            unclean,
        } => json!({"topic": topic, "partition": partition, "unclean": unclean}),
        Command::AlterTopic { name, partitions } => {
            json!({"name": name, "partitions": partitions})
        }
        Command::Produce(p) => {
            if p.sequence.is_some() {
                notes.add(format!("line {n}: a forced sequence number cannot be sent by the Java client (it numbers its own batches); the driver sends the record plainly"));
            }
            let pin = if p.partitioner.is_some() && p.partition.is_none() {
                notes.add("librdkafka partitioners (and per-record partitioner overrides): the Java client has none, so the driver sends to the partition the engine chose".into());
                events.iter().find_map(|e| match e {
                    Event::RecordAppended { partition, .. } => Some(*partition),
                    _ => None,
                })
            } else {
                pin(before, events, notes)
            };
            json!({"topic": &*p.topic, "key": p.key.as_deref(), "value": p.value.as_deref(),
                "partition": p.partition, "pin": pin, "timestamp": p.timestamp,
                "headers": Value::Array(p.headers.iter().map(|(k, v)| json!([&**k, &**v])).collect()),
                "fault": p.fault.map(ProduceFault::name)})
        }
        Command::Fetch {
            reader,
            topic,
            partition,
            offset,
            max,
        } => json!({"topic": topic, "partition": partition, "offset": offset,
            "max": max, "reader": reader}),
        Command::SetProducer { configs } => {
            json!({"configs": java_producer_configs(configs, notes)})
        }
        Command::SetWriter { .. } => {
            notes.add("a kafka-go Writer: the driver writes each of its batches where and when the engine's Writer did, with a Java producer as plain as the Writer (the Writer's acks, no idempotence, no retries: the engine retried)".into());
            let acks = after
                .producer()
                .writer
                .as_ref()
                .map_or(0, |w| w.required_acks);
            json!({"acks": acks})
        }
        Command::CreateConsumer {
            name,
            group,
            configs,
        } => json!({"name": name, "group": group, "configs": pairs(configs)}),
        Command::Subscribe { consumer, topics } => {
            json!({"consumer": consumer, "topics": topics})
        }
        Command::Poll { consumer } => {
            let records = events
                .iter()
                .find_map(|e| match e {
                    Event::RecordsPolled { records, .. } => Some(records.len()),
                    _ => None,
                })
                .unwrap_or(0);
            let (generation, assignment) = consumer_view(after, consumer);
            // A poll the engine answers with an error: a real consumer may learn it only
            // from a later fetch (one already in flight goes first), so keep polling.
            json!({"consumer": consumer, "hint": {"records": records,
                "generation": generation, "assignment": assignment, "error": result.is_err()}})
        }
        Command::Commit {
            consumer,
            offset,
            asynchronous,
        } => json!({"consumer": consumer, "async": asynchronous,
            "offset": offset.as_ref().map(|(t, p, o)| json!({"topic": t, "partition": p, "offset": o}))}),
        Command::Seek {
            consumer,
            topic,
            partition,
            offset,
        } => {
            json!({"consumer": consumer, "topic": topic, "partition": partition, "offset": offset})
        }
        Command::CrashConsumer { consumer }
        | Command::Close { consumer }
        | Command::SendOffsetsToTransaction { consumer } => json!({"consumer": consumer}),
        Command::Process {
            consumer,
            count,
            output,
            ..
        } => {
            // The handler is application code: the driver sleeps as it did and sends
            // the dead letter queue what it sent (error_handler.rs).
            let slept_ms: i64 = events
                .iter()
                .filter_map(|e| match e {
                    Event::ProcessingFailed { retry_in_ms, .. } => *retry_in_ms,
                    _ => None,
                })
                .sum();
            let dead_letters: Vec<Value> = events
                .iter()
                .filter_map(|e| match e {
                    Event::RecordDeadLettered {
                        topic,
                        partition,
                        offset,
                        dlq_topic,
                        dlq_partition,
                        dlq_offset,
                        ..
                    } => after.log(dlq_topic, *dlq_partition)?.record(*dlq_offset).map(|r| {
                        // The copy keeps its original's timestamp: the driver takes the
                        // real one from the record its consumer polled.
                        json!({"topic": &**dlq_topic, "partition": dlq_partition,
                            "original": [&**topic, partition, offset],
                            "key": r.key.as_deref(), "value": r.value.as_deref(),
                            "timestamp": r.timestamp,
                            "headers": Value::Array(r.headers.iter().map(|(k, v)| json!([&**k, &**v])).collect())})
                    }),
                    _ => None,
                })
                .collect();
            let stopped = events
                .iter()
                .any(|e| matches!(e, Event::HandlerStopped { .. }));
            let handled: usize = events
                .iter()
                .map(|e| match e {
                    Event::RecordsProcessed {
                        applied,
                        turned_away,
                        ..
                    } => applied.len() + turned_away.len(),
                    Event::RecordDeadLettered { .. } | Event::RecordSkipped { .. } => 1,
                    _ => 0,
                })
                .sum();
            json!({"consumer": consumer, "count": count, "output": output, "handled": handled,
                "slept_ms": slept_ms, "dead_letters": dead_letters, "stopped": stopped})
        }
        Command::SetApp { group, configs } => {
            // The settings are the application's, checked by the engine; creating the
            // dead letter queue topic is the broker's to refuse.
            let mut settings = before
                .app(group)
                .map(|a| a.errors.clone())
                .unwrap_or_default();
            let checked = configs.iter().try_for_each(|(k, v)| settings.set(k, v));
            let refused = match (&checked, result) {
                (Err(e), _) => Some(e.kind.name()),
                (Ok(()), Err(e)) if e.kind != crate::error::ErrorKind::ConnectException => {
                    Some(e.kind.name())
                }
                _ => None,
            };
            let dlq = settings.dlq_topic.trim();
            let create = (refused.is_none() && !dlq.is_empty() && before.topic(dlq).is_none()).then(
                || json!({"name": dlq, "partitions": 1, "replication_factor": settings.dlq_replication_factor}),
            );
            json!({"group": group, "configs": pairs(configs), "create": create, "refused": refused})
        }
        Command::StopDatabase { group, .. } | Command::StartDatabase { group } => {
            json!({"group": group})
        }
        Command::InitTransactions
        | Command::BeginTransaction
        | Command::CommitTransaction
        | Command::AbortTransaction => json!({}),
        Command::Tick { ms } => json!({"ms": ms}),
    };
    let obj = v.as_object_mut().expect("built as an object");
    obj.insert("kind".into(), json!("command"));
    obj.insert("line".into(), json!(n));
    obj.insert("text".into(), json!(command.to_string()));
    obj.insert("verb".into(), json!(command.verb()));
    v
}

/// A consumer's own view: `groupMetadata().generationId()` and `assignment()`.
fn consumer_view(cluster: &Cluster, name: &str) -> (i32, Vec<String>) {
    match cluster.consumer(name) {
        Some(c) => (c.generation, c.owned.iter().map(tp_name).collect()),
        None => (-1, Vec::new()),
    }
}

fn checkpoint(cluster: &Cluster, label: &str, o: &mut Observed) {
    o.lines.push(format!("checkpoint {label}"));
    let mut partitions = Vec::new();
    for t in cluster.topics() {
        partitions.push(json!([&*t.name, t.partitions.len()]));
        for p in &t.partitions {
            // ListOffsets goes to the leader: with none, or a dead one, or one whose high
            // watermark lags the start of its epoch (OFFSET_NOT_AVAILABLE), the Admin
            // call retries until it times out.
            let answers = p
                .leader()
                .filter(|l| cluster.broker(*l).is_some_and(|b| b.is_up()))
                .and_then(|l| p.copy(l))
                .is_some_and(|r| r.latest_offset_available());
            if !answers {
                o.lines.push(format!(
                    "  partition {}-{} error TimeoutException",
                    t.name, p.id
                ));
                continue;
            }
            o.lines.push(format!(
                "  partition {}-{} start={} hw={} lso={}",
                t.name,
                p.id,
                p.log().log_start_offset(),
                p.log().high_watermark(),
                p.log().last_stable_offset()
            ));
        }
    }
    // Replicated partitions as `describeTopics` shows them.
    let ids = |v: &[i32], sort: bool| {
        let mut v = v.to_vec();
        if sort {
            v.sort_unstable();
        }
        v.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
    };
    let mut replicas = Vec::new();
    // Any live broker answers the metadata request; with none, the Admin call times out.
    let any_up = cluster.brokers().iter().any(|b| b.is_up());
    for t in cluster.topics().filter(|t| t.replication_factor > 1) {
        replicas.push(json!([&*t.name, t.partitions.len()]));
        for p in &t.partitions {
            if !any_up {
                o.lines.push(format!(
                    "  replicas {}-{} error TimeoutException",
                    t.name, p.id
                ));
                continue;
            }
            let reg = p.registration();
            o.lines.push(format!(
                "  replicas {}-{} leader={} replicas=[{}] isr=[{}] elr=[{}] last-known-elr=[{}]",
                t.name,
                p.id,
                p.leader().map_or("none".to_string(), |l| l.to_string()),
                ids(&reg.replicas, false),
                ids(&reg.isr, true),
                ids(&reg.elr, true),
                ids(&reg.last_known_elr, true)
            ));
        }
    }
    let mut groups = Vec::new();
    for g in cluster.groups() {
        groups.push(json!(&*g.id));
        let members: BTreeSet<Arc<str>> = g.member_clients().into_iter().collect();
        let members: Vec<&str> = members.iter().map(|m| &**m).collect();
        o.lines.push(format!(
            "  group {} state={} members=[{}]",
            g.id,
            g.state.name(),
            members.join(",")
        ));
        let committed: Vec<String> = g
            .committed
            .iter()
            .map(|(tp, off)| format!("{}={off}", tp_name(tp)))
            .collect();
        o.lines.push(format!(
            "  group {} committed=[{}]",
            g.id,
            committed.join(",")
        ));
        for r in g.describe(cluster) {
            let owner = r.consumer_id.as_ref().and_then(|id| g.consumer_of(id));
            let dash = |v: Option<i64>| v.map_or("-".to_string(), |n| n.to_string());
            o.lines.push(format!(
                "  group {} describe {}-{} current={} log-end={} lag={} owner={}",
                g.id,
                r.topic,
                r.partition,
                dash(r.current_offset),
                r.log_end_offset,
                dash(r.lag),
                owner.as_deref().unwrap_or("-")
            ));
        }
    }
    let mut consumers = Vec::new();
    for c in cluster.consumers() {
        if c.liveness != Liveness::Running {
            continue;
        }
        consumers.push(json!(&*c.name));
        let (generation, assignment) = consumer_view(cluster, &c.name);
        o.lines.push(format!(
            "  consumer {} generation={generation} assignment=[{}]",
            c.name,
            assignment.join(",")
        ));
    }
    let mut checkpoint = json!({"kind": "checkpoint", "label": label,
        "partitions": partitions, "groups": groups, "consumers": consumers});
    if !replicas.is_empty() {
        checkpoint["replicas"] = json!(replicas);
    }
    o.plan.push(checkpoint);
}

/// Notes said once each, in the order first met.
#[derive(Default)]
struct Notes(Vec<String>);

impl Notes {
    fn add(&mut self, note: String) {
        if !self.0.contains(&note) {
            self.0.push(note);
        }
    }

    fn finish(self) -> Vec<String> {
        self.0
    }
}

/// The first place two runs differ: the line number in `engine` (1-based), and both
/// lines (`None` where one run stopped early).
pub fn first_difference(
    engine: &[String],
    real: &[String],
) -> Option<(usize, Option<String>, Option<String>)> {
    let n = engine.len().max(real.len());
    (0..n).find_map(|i| {
        let (a, b) = (engine.get(i), real.get(i));
        (a != b).then(|| (i + 1, a.cloned(), b.cloned()))
    })
}

/// Writes the plan as JSON lines.
pub fn plan_text(observed: &Observed) -> String {
    let mut s = String::new();
    for v in &observed.plan {
        let _ = writeln!(s, "{v}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_produce_shows_its_partition_and_offset_and_a_checkpoint_its_offsets() {
        let o = observe(
            "t",
            "create-topic t partitions=3\nproduce t key=user-1 value=a\n# checkpoint one\n",
        );
        assert_eq!(
            o.lines,
            vec![
                "1 create-topic t partitions=3 => ok",
                "2 produce t key=user-1 value=a => partition=2 offset=0",
                "checkpoint one",
                "  partition t-0 start=0 hw=0 lso=0",
                "  partition t-1 start=0 hw=0 lso=0",
                "  partition t-2 start=0 hw=1 lso=1",
            ]
        );
        // A keyed record under the Java partitioner is not pinned: the real client's
        // murmur2 is what the cross-check tests.
        assert_eq!(o.plan[2]["pin"], Value::Null);
        assert!(o.notes.is_empty());
    }

    #[test]
    fn a_header_starts_the_brokers_and_no_live_broker_times_the_describe_out() {
        let o = observe(
            "t",
            "cluster brokers=2\ncreate-topic t replica-assignment=1:2\nkill-broker id=1\nkill-broker id=2\n# checkpoint down\n",
        );
        assert_eq!(o.plan[0]["initial_brokers"], 2);
        assert_eq!(o.lines[0], "2 create-topic t replica-assignment=1:2 => ok");
        assert_eq!(
            o.lines[4..],
            [
                "  partition t-0 error TimeoutException",
                "  replicas t-0 error TimeoutException"
            ]
        );
    }

    #[test]
    fn keyless_records_are_pinned_with_a_note() {
        let o = observe("t", "create-topic t partitions=3\nproduce t value=a\n");
        assert!(o.plan[2]["pin"].is_u64());
        assert_eq!(o.notes.len(), 1);
        assert!(o.notes[0].contains("sticky partition at random"));
    }

    #[test]
    fn acks_0_learns_no_offset() {
        let o = observe(
            "t",
            "create-topic t\nset-producer acks=0\nproduce t key=k value=v\n",
        );
        assert_eq!(
            o.lines[2],
            "3 produce t key=k value=v => partition=0 offset=-1"
        );
    }

    #[test]
    fn refusals_print_the_exception_class() {
        let o = observe("t", "create-topic t\ncreate-topic t\n");
        assert_eq!(o.lines[1], "2 create-topic t => error TopicExistsException");
    }

    #[test]
    fn a_tick_waits_on_the_real_broker_only_as_long_as_a_timer_needs() {
        // Nothing pending: a week passes at once.
        let o = observe("t", "tick 7d\n");
        assert_eq!(o.plan[1]["wait_ms"], json!(0));
        assert_eq!(o.notes.len(), 1);
        // A crashed member's session (45 s) inside a tick of a minute: 45 s and a margin.
        let o = observe(
            "t",
            "create-topic t\ncreate-consumer c group=g enable.auto.commit=false\nsubscribe c topics=t\npoll c\ncrash-consumer c\ntick 1m\n",
        );
        assert_eq!(o.plan[6]["wait_ms"], json!(45_000 + WAIT_MARGIN_MS));
        // A session due at a tick's very end: the margin beyond it.
        let o = observe(
            "t",
            "create-topic t\ncreate-consumer c group=g enable.auto.commit=false\nsubscribe c topics=t\npoll c\ncrash-consumer c\ntick 45s\n",
        );
        assert_eq!(o.plan[6]["wait_ms"], json!(45_000 + WAIT_MARGIN_MS));
    }

    #[test]
    fn the_first_difference_names_both_lines() {
        let a = vec!["x".to_string(), "y".to_string()];
        let b = vec!["x".to_string(), "z".to_string()];
        assert_eq!(
            first_difference(&a, &b),
            Some((2, Some("y".into()), Some("z".into())))
        );
        assert_eq!(first_difference(&a, &a), None);
        assert_eq!(
            first_difference(&a, &a[..1]),
            Some((2, Some("y".into()), None))
        );
    }
}
