//! Property tests for the log's invariants under any mix of commands.

use kafka_sim::cluster::keyed_partition;
use kafka_sim::partitioner::{Partitioner, Routing};
use kafka_sim::{Cluster, Command, Event, Produce};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Produce { key: Option<u8>, value_len: u8 },
    AddPartition,
    Tick(u16),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (proptest::option::of(0u8..20), 0u8..120).prop_map(|(key, value_len)| Op::Produce { key, value_len }),
        1 => Just(Op::AddPartition),
        1 => (0u16..2000).prop_map(Op::Tick),
    ]
}

fn command(op: &Op, partitions: i32) -> Command {
    match op {
        Op::Produce { key, value_len } => {
            // Up to about 240 KB: segments are at least 1 MiB since Kafka 4.0 (KIP-1030).
            let mut p = Produce::keyed("t", "", &"x".repeat(*value_len as usize * 2048));
            p.key = key.map(|k| format!("key-{k}").into());
            Command::Produce(p)
        }
        Op::AddPartition => Command::AlterTopic {
            name: "t".into(),
            partitions: partitions + 1,
        },
        Op::Tick(ms) => Command::Tick { ms: i64::from(*ms) },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn log_invariants_hold_after_any_commands(
        partitions in 1i32..6,
        segment_bytes in 1_048_576i64..3_000_000,
        ops in proptest::collection::vec(op(), 0..80),
    ) {
        let mut cluster = Cluster::default();
        cluster.apply(&format!("create-topic t partitions={partitions} segment.bytes={segment_bytes} segment.ms=5000").parse().unwrap()).unwrap();
        let mut count = partitions;
        for op in &ops {
            let before = cluster.clone();
            let events = match cluster.apply(&command(op, count)) {
                Ok(events) => events,
                Err(e) => {
                    // A batch larger than segment.bytes is refused, and nothing changes.
                    prop_assert_eq!(e.kind, kafka_sim::ErrorKind::RecordBatchTooLargeException);
                    prop_assert_eq!(&cluster, &before);
                    continue;
                }
            };
            if matches!(op, Op::AddPartition) { count += 1; }
            for e in &events {
                if let Event::RecordAppended { key: Some(k), partition, routing, .. } = e {
                    // Same key, same partition, for the partition count the producer
                    // knows then (it learns of added partitions at its metadata refresh).
                    let Routing::Hashed(hash) = routing else {
                        prop_assert!(false, "a keyed record is hashed: {:?}", routing);
                        continue;
                    };
                    prop_assert!(hash.partitions <= count as u32);
                    let expect = keyed_partition(Partitioner::Default, Some(k), hash.partitions).unwrap();
                    prop_assert_eq!(*partition, expect.partition);
                }
            }
        }
        let topic = cluster.topic("t").unwrap();
        prop_assert_eq!(topic.partitions.len() as i32, count);
        for p in &topic.partitions {
            let log = p.log();
            // Offsets contiguous from the log start offset.
            for (i, r) in log.records().iter().enumerate() {
                prop_assert_eq!(r.offset, log.log_start_offset() + i as i64);
            }
            prop_assert!(log.high_watermark() <= log.log_end_offset());
            prop_assert!(log.log_start_offset() <= log.high_watermark());
            let bases: Vec<i64> = log.segments().iter().map(|s| s.base_offset).collect();
            prop_assert_eq!(bases[0], log.log_start_offset());
            prop_assert!(bases.windows(2).all(|w| w[0] < w[1]), "segment bases increase: {:?}", bases);
            // No segment passes segment.bytes.
            for s in log.segments() {
                prop_assert!(s.size_bytes as i64 <= segment_bytes);
            }
            // Reading removes nothing.
            let before = log.records().len();
            let mut c = cluster.clone();
            c.apply(&Command::Fetch { reader: None, topic: "t".into(), partition: p.id as i32, offset: 0, max: None }).unwrap();
            prop_assert_eq!(c.log("t", p.id).unwrap().records().len(), before);
        }
    }

    #[test]
    fn replay_is_deterministic(ops in proptest::collection::vec(op(), 0..100), seed in any::<u64>()) {
        let run = || {
            let mut cluster = Cluster::new(1, seed);
            let mut all = Vec::new();
            cluster.apply(&"create-topic t partitions=3".parse().unwrap()).unwrap();
            cluster.apply(&"set-producer batch.size=300".parse().unwrap()).unwrap();
            let mut count = 3;
            for op in &ops {
                all.extend(cluster.apply(&command(op, count)).unwrap());
                if matches!(op, Op::AddPartition) { count += 1; }
            }
            (cluster, all)
        };
        prop_assert_eq!(run(), run());
    }

    #[test]
    fn command_text_round_trips(key in "[a-z \"=\\\\-]{0,12}", value in ".{0,20}", partition in proptest::option::of(0i32..9)) {
        let mut p = Produce::keyed("orders", &key, &value);
        p.partition = partition;
        let c = Command::Produce(p);
        let again: Command = c.to_string().parse().unwrap();
        prop_assert_eq!(c, again);
    }
}
