//! `kafka-sim eval`: one JSON request a line in, one JSON answer a line out.
//!
//! ```
//! use kafka_sim::eval::eval_line;
//! assert_eq!(eval_line(r#"{"op":"murmur2","key":"21"}"#), r#"{"murmur2":-973932308}"#);
//! assert_eq!(eval_line(r#"{"op":"partition","key":"user-1","partitions":3}"#), r#"{"partition":2}"#);
//! assert!(eval_line("not json").starts_with(r#"{"error":"#));
//! ```

use serde_json::{json, Map, Value};

use crate::cluster::keyed_partition;
use crate::murmur2::murmur2;
use crate::partitioner::Partitioner;

/// Answers one request line. Never panics: anything unexpected becomes `{"error":...}`.
pub fn eval_line(line: &str) -> String {
    match eval(line) {
        Ok(v) => v.to_string(),
        Err(e) => json!({ "error": e }).to_string(),
    }
}

fn eval(line: &str) -> Result<Value, String> {
    let request: Value =
        serde_json::from_str(line).map_err(|e| format!("not a JSON object: {e}"))?;
    let obj = request.as_object().ok_or_else(|| {
        "expected a JSON object like {\"op\":\"murmur2\",\"key\":\"user-1\"}".to_string()
    })?;
    let op = obj
        .get("op")
        .and_then(Value::as_str)
        .ok_or_else(|| "missing \"op\" (one of: murmur2, partition)".to_string())?;
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
            let strategy = match obj.get("partitioner") {
                None | Some(Value::Null) => Partitioner::Default,
                Some(Value::String(s)) => s.parse::<Partitioner>()?,
                Some(other) => {
                    return Err(format!("\"partitioner\" must be a string, got {other}"))
                }
            };
            if strategy == Partitioner::RoundRobin {
                return Ok(
                    json!({ "partition": null, "reason": "RoundRobinPartitioner ignores the key: the partition depends on the producer's counter, not on the key" }),
                );
            }
            let linger = match obj.get("sticky.partitioning.linger.ms") {
                None | Some(Value::Null) => 10,
                Some(v) => v
                    .as_i64()
                    .filter(|n| *n >= 0)
                    .ok_or("\"sticky.partitioning.linger.ms\" must be a whole number, 0 or more")?,
            };
            let key = key_bytes(obj)?;
            // librdkafka's sticky.partitioning.linger.ms (default 10) sends keyless records
            // to a sticky random partition before its partitioner runs; only with 0 does
            // `consistent` hash a NULL key (as nothing: partition 0), as test 0048 sets it.
            if key.is_none() && !(linger == 0 && strategy == Partitioner::Consistent) {
                return Ok(json!({ "partition": null, "reason": null_reason(strategy, true) }));
            }
            let key_str = key.as_deref().map(String::from_utf8_lossy);
            // Hash the exact bytes when they are not UTF-8 (key_hex).
            let answer = match (&key, &key_str) {
                (Some(bytes), Some(s)) if s.as_bytes() != bytes.as_slice() => {
                    let algo = strategy
                        .hash_algorithm()
                        .expect("round-robin handled above");
                    Some(crate::partitioner::hash_key(algo, bytes, partitions))
                }
                _ => keyed_partition(strategy, key_str.as_deref(), partitions),
            };
            Ok(match answer {
                Some(h) => json!({ "partition": h.partition }),
                None => {
                    json!({ "partition": null, "reason": null_reason(strategy, key.is_none()) })
                }
            })
        }
        other => Err(format!(
            "unknown op '{other}' (expected one of: murmur2, partition)"
        )),
    }
}

fn null_reason(strategy: Partitioner, null_key: bool) -> &'static str {
    match (strategy, null_key) {
        (Partitioner::Default, _) => "null key: the Java producer does not derive the partition from the key; it uses the sticky partitioner (KIP-480/KIP-794), which stays on one partition until batch.size bytes were sent to it",
        (Partitioner::ConsistentRandom, false) => "empty key: librdkafka's consistent_random sends empty keys to a random partition",
        _ => "null key: librdkafka does not derive it from the key; with sticky.partitioning.linger.ms > 0 (default 10) it keeps keyless records on one random partition for that long, with 0 the *_random partitioners pick at random",
    }
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
        // With stickiness off (as 0048 runs), consistent hashes NULL as nothing: CRC 0.
        assert_eq!(
            eval_line(
                r#"{"op":"partition","key":null,"partitions":7,"partitioner":"consistent","sticky.partitioning.linger.ms":0}"#
            ),
            r#"{"partition":0}"#
        );
        // By default librdkafka's sticky partitioner takes keyless records: not from the key.
        assert!(eval_line(
            r#"{"op":"partition","key":null,"partitions":7,"partitioner":"consistent"}"#
        )
        .starts_with(r#"{"partition":null"#));
        // The empty key is a key: CRC of nothing, partition 0.
        assert_eq!(
            eval_line(r#"{"op":"partition","key":"","partitions":7,"partitioner":"consistent"}"#),
            r#"{"partition":0}"#
        );
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
}
