//! The same key across clients, against the clients themselves: every line of
//! `fixtures/client_partitions.jsonl` is a partition a real library chose (Sarama and
//! kafka-go called in Go, KafkaJS in Node, librdkafka through confluent-kafka producing
//! to its mock cluster; `scripts/client-vectors/run.sh` regenerates it). Each is asked
//! again through `kafka-sim eval`, the surface the cross-check and the CLI use.

use kafka_sim::eval::eval_line;
use serde_json::{json, Value};

const FIXTURE: &str = include_str!("fixtures/client_partitions.jsonl");

#[test]
fn every_client_partition_matches_the_real_library() {
    let mut checked = std::collections::BTreeMap::<(String, String), usize>::new();
    let mut wrong = Vec::new();
    for line in FIXTURE.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("fixture line is JSON");
        if case.get("_source").is_some() {
            continue;
        }
        let request = json!({
            "op": "partition",
            "client": case["client"],
            "partitioner": case["partitioner"],
            "key": case["key"],
            "partitions": case["partitions"],
        });
        let answer: Value = serde_json::from_str(&eval_line(&request.to_string())).unwrap();
        if answer["partition"] != case["partition"] {
            wrong.push(format!(
                "{request} -> {answer}, the library said {}",
                case["partition"]
            ));
        }
        *checked
            .entry((
                case["client"].as_str().unwrap().to_string(),
                case["partitioner"].as_str().unwrap().to_string(),
            ))
            .or_default() += 1;
    }
    assert!(
        wrong.is_empty(),
        "{} wrong, first: {:#?}",
        wrong.len(),
        &wrong[..wrong.len().min(5)]
    );
    // Every key-using partitioner the issue names is in the fixture.
    for (client, name) in [
        ("sarama", "hash"),
        ("sarama", "reference-hash"),
        ("kafka-go", "hash"),
        ("kafka-go", "reference-hash"),
        ("kafka-go", "murmur2"),
        ("kafka-go", "crc32"),
        ("kafkajs", "default"),
        ("kafkajs", "legacy"),
        ("librdkafka", "consistent"),
        ("librdkafka", "consistent_random"),
        ("librdkafka", "murmur2"),
        ("librdkafka", "murmur2_random"),
        ("librdkafka", "fnv1a"),
        ("librdkafka", "fnv1a_random"),
    ] {
        let n = checked
            .get(&(client.to_string(), name.to_string()))
            .copied()
            .unwrap_or(0);
        assert!(n >= 500, "{client} {name}: only {n} cases");
    }
}

#[test]
fn kafkajs_legacy_places_most_keys_differently_from_java() {
    // The fixture's own count: the 1.x default disagrees with Java (and KafkaJS 2.x) on
    // most keys, which is why KafkaJS 2.0 changed its default.
    let differ = FIXTURE
        .lines()
        .filter(|l| l.contains(r#""client":"kafkajs","partitioner":"legacy""#))
        .filter(|l| {
            let case: Value = serde_json::from_str(l).unwrap();
            let java: Value = serde_json::from_str(&eval_line(
                &json!({"op":"partition","client":"java","key":case["key"],"partitions":case["partitions"]})
                    .to_string(),
            ))
            .unwrap();
            java["partition"] != case["partition"]
        })
        .count();
    assert_eq!(differ, 465);
}

#[test]
fn keyless_round_robin_counts_from_zero_in_java_and_from_a_random_number_in_kafkajs() {
    use kafka_sim::{Cluster, Event};
    let partitions = |partitioner: &str| -> Vec<u32> {
        let mut c = Cluster::default();
        c.apply(&"create-topic t partitions=3".parse().unwrap())
            .unwrap();
        (0..4)
            .flat_map(|_| {
                c.apply(
                    &format!("produce t value=v partitioner={partitioner}")
                        .parse()
                        .unwrap(),
                )
                .unwrap()
            })
            .filter_map(|e| match e {
                Event::RecordAppended { partition, .. } => Some(partition),
                _ => None,
            })
            .collect()
    };
    // RoundRobinPartitioner: counter 0, 1, 2, 3.
    assert_eq!(partitions("round-robin"), [0, 1, 2, 0]);
    // KafkaJS (partitioners/default/partitioner.js): one step a record from wherever its
    // random counter started.
    let js = partitions("kafkajs:default");
    for w in js.windows(2) {
        assert_eq!(w[1], (w[0] + 1) % 3, "{js:?}");
    }
}
