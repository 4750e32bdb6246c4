//! `kafka-sim eval`: one JSON request a line in, one JSON answer a line out.
//!
//! ```
//! use kafka_sim::eval::eval_line;
//! assert_eq!(eval_line(r#"{"op":"murmur2","key":"21"}"#), r#"{"murmur2":-973932308}"#);
//! assert_eq!(eval_line(r#"{"op":"partition","key":"user-1","partitions":3}"#), r#"{"partition":2}"#);
//! assert!(eval_line("not json").starts_with(r#"{"error":"#));
//! assert_eq!(
//!     eval_line(r#"{"op":"assign","strategy":"range","members":{"c1":["a"],"c2":["a"]},"partitions":{"a":3}}"#),
//!     r#"{"assignment":{"c1":{"a":[0,1]},"c2":{"a":[2]}}}"#
//! );
//! ```

use crate::collections::VecMap;

use serde_json::{json, Map, Value};

use crate::assignor::{self, Strategy, Subscription};
use crate::scenario::{CommitStrategy, CrashPoint};

use crate::client_partitioner::{self, Client, Placement};
use crate::murmur2::murmur2;
use crate::partitioner::Partitioner;

/// Answers one request line. Never panics: anything unexpected becomes `{"error":...}`.
pub fn eval_line(line: &str) -> String {
    match eval(line) {
        // The cluster op keeps its keys in the documented order.
        Ok(Value::Object(o)) if o.contains_key("acknowledged_lost") => ordered(&Value::Object(o)),
        Ok(v) => v.to_string(),
        Err(e) => json!({ "error": e }).to_string(),
    }
}

/// JSON text with object keys in a fixed reading order (serde_json's map sorts them).
fn ordered(v: &Value) -> String {
    const ORDER: &[&str] = &[
        "partitions",
        "acknowledged",
        "acknowledged_lost",
        "errors",
        "leader",
        "leader_epoch",
        "replicas",
        "isr",
        "elr",
        "high_watermark",
        "log_end_offsets",
        "line",
        "error",
    ];
    match v {
        Value::Object(o) => {
            let mut keys: Vec<&String> = o.keys().collect();
            // Unknown keys (topic-partitions, broker ids) keep the map's order: the sort
            // is stable.
            keys.sort_by_key(|k| ORDER.iter().position(|x| x == k).unwrap_or(usize::MAX));
            let parts: Vec<String> = keys
                .iter()
                .map(|k| format!("{}:{}", Value::String((*k).clone()), ordered(&o[*k])))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(ordered).collect::<Vec<_>>().join(",")),
        other => other.to_string(),
    }
}

fn eval(line: &str) -> Result<Value, String> {
    let request: Value =
        serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let obj = request.as_object().ok_or_else(|| {
        "expected a JSON object like {\"op\":\"murmur2\",\"key\":\"user-1\"}".to_string()
    })?;
    let op = obj.get("op").and_then(Value::as_str).ok_or_else(|| {
        "missing \"op\" (one of: murmur2, partition, assign, scenario)".to_string()
    })?;
    match op {
        "murmur2" => {
            let key =
                key_bytes(obj)?.ok_or("murmur2 of a null key: Kafka never hashes a null key")?;
            Ok(json!({ "murmur2": murmur2(&key) }))
        }
        "partition" => {
            let partitions = obj
                .get("partitions")
                .ok_or("missing \"partitions\" (a positive partition count)")?;
            let partitions = partitions
                .as_i64()
                .filter(|n| (1..=i64::from(i32::MAX)).contains(n))
                .ok_or_else(|| format!("\"partitions\" must be a whole number from 1 to 2147483647, got {partitions}"))?
                as u32;
            let partitioner = match obj.get("partitioner") {
                None | Some(Value::Null) => None,
                Some(Value::String(s)) => Some(s.as_str()),
                Some(other) => {
                    return Err(format!("\"partitioner\" must be a string, got {other}"))
                }
            };
            // Still checked, though no answer depends on it any more: stickiness only
            // decides where a keyless record goes, never that its key does (rdkafka_topic.c).
            match obj.get("sticky.partitioning.linger.ms") {
                None | Some(Value::Null) => {}
                Some(v) => {
                    v.as_i64().filter(|n| *n >= 0).ok_or(
                        "\"sticky.partitioning.linger.ms\" must be a whole number, 0 or more",
                    )?;
                }
            }
            let key = key_bytes(obj)?;
            // With "client", that client's own partitioner names (client_partitioner.rs);
            // without, the engine's strategy names (partitioner.rs), Java's by default.
            let placement = match obj.get("client") {
                None | Some(Value::Null) => {
                    let strategy = match partitioner {
                        None => Partitioner::Default,
                        Some(s) => s.parse::<Partitioner>()?,
                    };
                    client_partitioner::place_strategy(strategy, key.as_deref(), partitions)
                }
                Some(Value::String(c)) => client_partitioner::place(
                    c.parse::<Client>()?,
                    partitioner,
                    key.as_deref(),
                    partitions,
                )?,
                Some(other) => return Err(format!("\"client\" must be a string, got {other}")),
            };
            Ok(match placement {
                Placement::Hashed(h) => json!({ "partition": h.partition }),
                Placement::NotFromKey(reason) => json!({ "partition": null, "reason": reason }),
            })
        }
        "assign" => assign(obj),
        "scenario" => scenario(obj),
        "cluster" => cluster(obj),
        other => Err(format!(
            "unknown op '{other}' (expected one of: murmur2, partition, assign, scenario, cluster)"
        )),
    }
}

/// `{"op":"cluster","script":["start-broker id=2", ...]}`: runs the lines in order on a
/// fresh default cluster, or the one a first `cluster` line names (`script.rs`); a
/// refused line does not stop the script. It answers each
/// partition's leader, epochs, replicas, ISR, ELR, high watermark and every replica's
/// log end offset; how many sends were acknowledged and how many of those the leaders
/// no longer hold; and every exception met, in order.
fn cluster(obj: &Map<String, Value>) -> Result<Value, String> {
    let lines = match obj.get("script") {
        Some(Value::Array(a)) => a
            .iter()
            .map(|l| {
                l.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| format!("\"script\" lines must be strings, got {l}"))
            })
            .collect::<Result<Vec<_>, _>>()?,
        Some(other) => return Err(format!("\"script\" must be an array of lines, got {other}")),
        None => return Err("missing \"script\": an array of command lines".into()),
    };
    let mut errors = Vec::new();
    let found = crate::script::header(lines.iter().map(String::as_str));
    let header = found.as_ref().map(|(i, _)| *i);
    let spec = match found {
        Some((i, Err(e))) => {
            errors.push(json!({"line": i + 1, "error": e.kind.name()}));
            crate::script::ClusterSpec::default()
        }
        Some((_, Ok(spec))) => spec,
        None => crate::script::ClusterSpec::default(),
    };
    let mut c = spec.build();
    for (i, line) in lines.iter().enumerate() {
        let k = i + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || Some(i) == header {
            continue;
        }
        let result = line
            .parse::<crate::Command>()
            .and_then(|command| c.apply(&command));
        match result {
            Err(e) => errors.push(json!({"line": k, "error": e.kind.name()})),
            Ok(events) => {
                for e in events {
                    if let crate::Event::ProduceRequestFailed { error, .. }
                    | crate::Event::SendFailed { error, .. } = e
                    {
                        errors.push(json!({"line": k, "error": error.kind.name()}));
                    }
                }
            }
        }
    }
    let mut partitions = Map::new();
    for t in c.topics() {
        for p in &t.partitions {
            let reg = p.registration();
            let ends: Map<String, Value> = p
                .copies()
                .iter()
                .map(|r| (r.broker.to_string(), json!(r.log().log_end_offset())))
                .collect();
            partitions.insert(
                format!("{}-{}", t.name, p.id),
                json!({
                    "leader": reg.leader,
                    "leader_epoch": reg.leader_epoch,
                    "replicas": reg.replicas,
                    "isr": reg.isr,
                    "elr": reg.elr,
                    "high_watermark": p.log().high_watermark(),
                    "log_end_offsets": ends,
                }),
            );
        }
    }
    Ok(json!({
        "partitions": partitions,
        "acknowledged": c.acknowledged(),
        "acknowledged_lost": c.acknowledged_lost(),
        "errors": errors,
    }))
}

/// `{"op":"scenario","strategy":"commit-after","crash":"after-processing"}`: runs one
/// delivery-semantics scenario (`scenario.rs`) and answers its ledger.
fn scenario(obj: &Map<String, Value>) -> Result<Value, String> {
    let names = |all: &[&str]| all.join(", ");
    let strategy_names: Vec<&str> = CommitStrategy::ALL.iter().map(|s| s.name()).collect();
    let crash_names: Vec<&str> = CrashPoint::ALL.iter().map(|c| c.name()).collect();
    let strategy = obj
        .get("strategy")
        .and_then(Value::as_str)
        .and_then(CommitStrategy::parse)
        .ok_or_else(|| format!("\"strategy\" must be one of: {}", names(&strategy_names)))?;
    let crash = match obj.get("crash") {
        None | Some(Value::Null) => CrashPoint::None,
        Some(v) => v
            .as_str()
            .and_then(CrashPoint::parse)
            .ok_or_else(|| format!("\"crash\" must be one of: {}", names(&crash_names)))?,
    };
    let ledger = crate::scenario::run(strategy, crash).map_err(|e| e.to_string())?;
    serde_json::to_value(&ledger)
        .map(|l| json!({ "ledger": l }))
        .map_err(|e| e.to_string())
}

/// `{"op":"assign","strategy":...,"members":{...},"partitions":{...}}`: the leader's
/// assignment, `{"assignment":{member:{topic:[partitions]}}}`.
fn assign(obj: &Map<String, Value>) -> Result<Value, String> {
    let strategy = match obj.get("strategy") {
        Some(Value::String(s)) => s.parse::<Strategy>()?,
        Some(other) => return Err(format!("\"strategy\" must be a string, got {other}")),
        None => {
            return Err(
                "missing \"strategy\" (one of: range, roundrobin, sticky, cooperative-sticky)"
                    .into(),
            )
        }
    };
    let partitions = obj
        .get("partitions")
        .ok_or("missing \"partitions\" (an object of topic: partition count)")?
        .as_object()
        .ok_or("\"partitions\" must be an object of topic: partition count")?;
    let mut partitions_per_topic = VecMap::new();
    for (topic, count) in partitions {
        let n = count
            .as_u64()
            .filter(|&n| n <= u64::from(assignor::MAX_PARTITIONS_PER_TOPIC))
            .ok_or_else(|| {
                format!(
                    "partitions of '{topic}' must be a whole number from 0 to {}, got {count}",
                    assignor::MAX_PARTITIONS_PER_TOPIC
                )
            })?;
        partitions_per_topic.insert(topic.clone(), n as u32);
    }
    let members = obj
        .get("members")
        .ok_or("missing \"members\" (an object of member id: topics or subscription)")?
        .as_object()
        .ok_or("\"members\" must be an object of member id: topics or subscription")?;
    if members.len() > assignor::MAX_MEMBERS {
        return Err(format!(
            "{} members: at most {} are simulated",
            members.len(),
            assignor::MAX_MEMBERS
        ));
    }
    let mut subscriptions = VecMap::new();
    for (member, value) in members {
        subscriptions.insert(member.clone(), subscription(member, value)?);
    }
    let result = assignor::assign(strategy, &partitions_per_topic, &subscriptions)
        .map_err(|e| e.to_string())?;
    Ok(json!({ "assignment": result }))
}

/// A member: `["topic", ...]` or `{"topics":[...],"group_instance_id":"...",
/// "owned":{"topic":[0,1]},"generation":3}`.
fn subscription(member: &str, value: &Value) -> Result<Subscription, String> {
    let topics_of = |v: &Value| -> Result<Vec<String>, String> {
        v.as_array()
            .ok_or_else(|| format!("member '{member}': topics must be an array of strings"))?
            .iter()
            .map(|t| {
                t.as_str().map(String::from).ok_or_else(|| {
                    format!("member '{member}': topic names must be strings, got {t}")
                })
            })
            .collect()
    };
    let obj = match value {
        Value::Array(_) => return Ok(Subscription::to(topics_of(value)?)),
        Value::Object(obj) => obj,
        other => {
            return Err(format!(
                "member '{member}' must be an array of topics or an object with \"topics\", got {other}"
            ))
        }
    };
    if let Some(key) = obj.keys().find(|k| {
        !matches!(
            k.as_str(),
            "topics" | "group_instance_id" | "owned" | "generation"
        )
    }) {
        return Err(format!(
            "member '{member}': unknown field \"{key}\" (expected topics, group_instance_id, owned, generation)"
        ));
    }
    let topics = topics_of(
        obj.get("topics")
            .ok_or_else(|| format!("member '{member}': missing \"topics\""))?,
    )?;
    let group_instance_id = match obj.get("group_instance_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            return Err(format!(
                "member '{member}': \"group_instance_id\" must be a string, got {other}"
            ))
        }
    };
    let generation = match obj.get("generation") {
        None | Some(Value::Null) => None,
        Some(v) => Some(
            v.as_i64()
                .and_then(|g| i32::try_from(g).ok())
                .filter(|&g| g >= -1)
                .ok_or_else(|| {
                    format!("member '{member}': \"generation\" must be a whole number from -1 to 2147483647, got {v}")
                })?,
        ),
    };
    let mut owned = VecMap::new();
    match obj.get("owned") {
        None | Some(Value::Null) => {}
        Some(Value::Object(map)) => {
            for (topic, parts) in map {
                let parts = parts
                    .as_array()
                    .ok_or_else(|| format!("member '{member}': owned '{topic}' must be an array of partitions"))?
                    .iter()
                    .map(|p| {
                        p.as_u64()
                            .and_then(|p| u32::try_from(p).ok())
                            .ok_or_else(|| format!("member '{member}': owned partitions of '{topic}' must be whole numbers, 0 or more, got {p}"))
                    })
                    .collect::<Result<Vec<u32>, String>>()?;
                owned.insert(topic.clone(), parts);
            }
        }
        Some(other) => {
            return Err(format!(
                "member '{member}': \"owned\" must be an object of topic: partitions, got {other}"
            ))
        }
    }
    Ok(Subscription {
        topics,
        group_instance_id,
        owned,
        generation,
    })
}

/// The key's bytes: `"key"` as UTF-8 (or null), or `"key_hex"` for arbitrary bytes.
fn key_bytes(obj: &Map<String, Value>) -> Result<Option<Vec<u8>>, String> {
    if let Some(hex) = obj.get("key_hex") {
        let hex = hex
            .as_str()
            .ok_or("\"key_hex\" must be a string of hex digits")?;
        if hex.len() % 2 != 0 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err("\"key_hex\" must be an even number of hex digits".into());
        }
        return Ok(Some(
            (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("checked hex"))
                .collect(),
        ));
    }
    match obj.get("key") {
        None => Err("missing \"key\" (a string, or null for a null key)".into()),
        Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_bytes().to_vec())),
        Some(other) => Err(format!("\"key\" must be a string or null, got {other}")),
    }
}

#[cfg(test)]
mod tests {
    use super::eval_line;

    #[test]
    fn answers_the_issue_examples() {
        assert_eq!(
            eval_line(r#"{"op":"partition","key":"user-1","partitions":3}"#),
            r#"{"partition":2}"#
        );
        let null = eval_line(r#"{"op":"partition","key":null,"partitions":3}"#);
        assert!(null.starts_with(r#"{"partition":null,"reason":"#), "{null}");
    }

    #[test]
    fn cluster_answers_replication_state_in_the_documented_order() {
        let line = r#"{"op":"cluster","script":["start-broker id=2","start-broker id=3","create-topic t replica-assignment=1:2:3","produce t key=a value=1","tick 1s"]}"#;
        assert_eq!(
            eval_line(line),
            r#"{"partitions":{"t-0":{"leader":1,"leader_epoch":0,"replicas":[1,2,3],"isr":[1,2,3],"elr":[],"high_watermark":1,"log_end_offsets":{"1":1,"2":1,"3":1}}},"acknowledged":1,"acknowledged_lost":0,"errors":[]}"#
        );
    }

    #[test]
    fn cluster_starts_from_the_header_a_first_line_names() {
        // script.rs: three brokers from time 0, without start-broker lines.
        let line = r#"{"op":"cluster","script":["cluster brokers=3","create-topic t replica-assignment=1:2:3","produce t key=a value=1","tick 1s"]}"#;
        assert_eq!(
            eval_line(line),
            r#"{"partitions":{"t-0":{"leader":1,"leader_epoch":0,"replicas":[1,2,3],"isr":[1,2,3],"elr":[],"high_watermark":1,"log_end_offsets":{"1":1,"2":1,"3":1}}},"acknowledged":1,"acknowledged_lost":0,"errors":[]}"#
        );
        // A header after a command, or one that does not parse, is an error of its line.
        let line = r#"{"op":"cluster","script":["create-topic t","cluster brokers=3"]}"#;
        assert!(eval_line(line).contains(r#"{"line":2,"error":"CommandSyntaxError"}"#));
        let line = r#"{"op":"cluster","script":["cluster brokers=0","create-topic t"]}"#;
        let answer = eval_line(line);
        assert!(
            answer.contains(r#""errors":[{"line":1,"error":"CommandSyntaxError"}]"#),
            "{answer}"
        );
        assert!(
            answer.contains(r#""t-0":{"leader":1"#),
            "the default cluster: {answer}"
        );
    }

    #[test]
    fn cluster_goes_on_after_a_refused_line_and_lists_every_error() {
        // Broker 3 was never started: the controller refuses the assignment, so the
        // producer then finds no such topic.
        let line = r#"{"op":"cluster","script":["start-broker id=2","create-topic t replica-assignment=1:2:3","produce t key=a value=1"]}"#;
        assert_eq!(
            eval_line(line),
            r#"{"partitions":{},"acknowledged":0,"acknowledged_lost":0,"errors":[{"line":2,"error":"InvalidReplicaAssignmentException"},{"line":3,"error":"TimeoutException"}]}"#
        );
        // A leaderless partition that acknowledged records: the loss is unknown.
        let line = r#"{"op":"cluster","script":["create-topic t","produce t key=a value=1","kill-broker id=1","tick 10s"]}"#;
        let answer = eval_line(line);
        assert!(answer.contains(r#""leader":null"#), "{answer}");
        assert!(
            answer.contains(r#""acknowledged":1,"acknowledged_lost":null"#),
            "{answer}"
        );
        // Retried errors are listed each time.
        let line = r#"{"op":"cluster","script":["start-broker id=2","create-topic t replica-assignment=1:2 min.insync.replicas=2","kill-broker id=2","tick 10s","produce t key=a value=1"]}"#;
        let answer = eval_line(line);
        assert!(
            answer.matches("NotEnoughReplicasException").count() > 100,
            "{answer}"
        );
        assert!(
            answer.ends_with(r#"{"line":5,"error":"TimeoutException"}]}"#),
            "{answer}"
        );
    }

    #[test]
    fn consistent_uses_crc32() {
        // librdkafka tests/0048-partitioner.c, 7 partitions: "23456" → 5, "hejsan" → 3.
        assert_eq!(
            eval_line(
                r#"{"op":"partition","key":"23456","partitions":7,"partitioner":"consistent"}"#
            ),
            r#"{"partition":5}"#
        );
        assert_eq!(
            eval_line(
                r#"{"op":"partition","key":"hejsan","partitions":17,"partitioner":"consistent"}"#
            ),
            r#"{"partition":14}"#
        );
        // consistent hashes NULL as nothing, CRC 0, whatever the linger: rdkafka_topic.c
        // never makes consistent, murmur2 or fnv1a sticky (seen on librdkafka 2.16.0).
        for linger in ["", r#","sticky.partitioning.linger.ms":0"#] {
            assert_eq!(
                eval_line(&format!(
                    r#"{{"op":"partition","key":null,"partitions":7,"partitioner":"consistent"{linger}}}"#
                )),
                r#"{"partition":0}"#
            );
        }
        // consistent_random takes keyless records to its sticky partition: not the key.
        assert!(eval_line(
            r#"{"op":"partition","key":null,"partitions":7,"partitioner":"consistent_random"}"#
        )
        .starts_with(r#"{"partition":null"#));
        // The empty key is a key: CRC of nothing, partition 0.
        assert_eq!(
            eval_line(r#"{"op":"partition","key":"","partitions":7,"partitioner":"consistent"}"#),
            r#"{"partition":0}"#
        );
    }

    #[test]
    fn partition_answers_for_a_named_client() {
        let ask = |req: &str| eval_line(req);
        // kafka-go's Writer default ignores keys; its Hash balancer is Sarama's FNV-1a.
        assert!(
            ask(r#"{"op":"partition","client":"kafka-go","key":"user-1","partitions":12}"#)
                .starts_with(
                    r#"{"partition":null,"reason":"kafka-go's Writer balances round-robin"#
                )
        );
        assert_eq!(
            ask(
                r#"{"op":"partition","client":"kafka-go","partitioner":"hash","key":"kafka","partitions":12}"#
            ),
            ask(r#"{"op":"partition","client":"sarama","key":"kafka","partitions":12}"#)
        );
        // A null key under Sarama's default: random, said so.
        assert!(
            ask(r#"{"op":"partition","client":"sarama","key":null,"partitions":3}"#)
                .contains("random partition")
        );
        // Bad input: the client's own names in the error.
        assert_eq!(
            ask(
                r#"{"op":"partition","client":"kafkajs","partitioner":"murmur2","key":"k","partitions":3}"#
            ),
            r#"{"error":"unknown kafkajs partitioner 'murmur2' (expected one of: default, legacy, java-compatible)"}"#
        );
        assert!(
            ask(r#"{"op":"partition","client":"go","key":"k","partitions":3}"#)
                .starts_with(r#"{"error":"unknown client 'go'"#)
        );
    }

    #[test]
    fn an_unknown_op_lists_every_op() {
        // Regression: the list left out `scenario`.
        let answer = eval_line(r#"{"op":"hash"}"#);
        for op in ["murmur2", "partition", "assign", "scenario"] {
            assert!(answer.contains(op), "{answer}");
        }
    }

    #[test]
    fn hex_keys_hash_raw_bytes() {
        assert_eq!(
            eval_line(r#"{"op":"murmur2","key_hex":"3231"}"#),
            r#"{"murmur2":-973932308}"#
        );
    }

    #[test]
    fn bad_lines_are_errors_never_panics() {
        for line in [
            "",
            "{",
            "[]",
            "42",
            r#"{"op":7}"#,
            r#"{"op":"scenario","strategy":"yolo"}"#,
            r#"{"op":"scenario","strategy":"commit-after","crash":7}"#,
            r#"{"op":"nope"}"#,
            r#"{"op":"murmur2"}"#,
            r#"{"op":"murmur2","key":5}"#,
            r#"{"op":"partition","key":"a"}"#,
            r#"{"op":"partition","key":"a","partitions":0}"#,
            r#"{"op":"partition","key":"a","partitions":-3}"#,
            r#"{"op":"partition","key":"a","partitions":2.5}"#,
            r#"{"op":"partition","key":"a","partitions":1e30}"#,
            r#"{"op":"partition","key":"a","partitions":3,"partitioner":"zebra"}"#,
            r#"{"op":"murmur2","key_hex":"abc"}"#,
        ] {
            assert!(eval_line(line).starts_with(r#"{"error":"#), "{line}");
        }
    }

    #[test]
    fn scenarios_answer_their_ledger() {
        assert_eq!(
            eval_line(r#"{"op":"scenario","strategy":"commit-after","crash":"after-processing"}"#),
            r#"{"ledger":{"duplicates_prevented":0,"never_processed":0,"processed_more_than_once":3,"processed_once":3,"produced":6}}"#
        );
        assert!(eval_line(r#"{"op":"scenario","strategy":"commit-before"}"#)
            .contains(r#""processed_once":6"#));
    }
}
