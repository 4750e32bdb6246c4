//! Compaction's invariants under any mix of produce (values and tombstones), time and
//! broker failures, on a replicated compacted topic (`log_cleaner.rs`): the cleaner never
//! changes an offset, never drops the latest value of a key, and keeps offsets in order;
//! every record still in a copy is the one first written at its offset.

use std::collections::BTreeMap;

use kafka_sim::{Cluster, Event};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    /// Key, and a value (`None`: a tombstone).
    Produce(u8, Option<u8>),
    Tick(u32),
    Stop(u8),
    Start(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        8 => (0u8..5, proptest::option::weighted(0.8, 0u8..10)).prop_map(|(k, v)| Op::Produce(k, v)),
        4 => (0u32..120_000).prop_map(Op::Tick),
        1 => (2u8..4).prop_map(Op::Stop),
        1 => (2u8..4).prop_map(Op::Start),
    ]
}

fn line(op: &Op) -> String {
    match op {
        Op::Produce(k, Some(v)) => format!("produce t key=k{k} value=v{v}"),
        Op::Produce(k, None) => format!("produce t key=k{k}"),
        Op::Tick(ms) => format!("tick {ms}ms"),
        Op::Stop(b) => format!("stop-broker id={b}"),
        Op::Start(b) => format!("start-broker id={b}"),
    }
}

type Written = BTreeMap<(u32, i64), (Option<String>, Option<String>)>;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn compaction_never_moves_an_offset_nor_drops_a_keys_latest_value(
        segment_ms in 1_000i64..60_000,
        ratio in prop_oneof![Just("0.0"), Just("0.5"), Just("0.9")],
        delete_retention_ms in 0i64..120_000,
        policy in prop_oneof![Just("compact"), Just("compact,delete")],
        ops in proptest::collection::vec(op(), 0..60),
    ) {
        let mut cluster = Cluster::default();
        for l in ["start-broker id=2", "start-broker id=3"] {
            cluster.apply(&l.parse().unwrap()).unwrap();
        }
        cluster.apply(&format!(
            "create-topic t partitions=2 replication-factor=3 cleanup.policy={policy} segment.ms={segment_ms} min.cleanable.dirty.ratio={ratio} delete.retention.ms={delete_retention_ms}"
        ).parse().unwrap()).unwrap();
        // What each leader wrote at each offset.
        let mut written: Written = BTreeMap::new();
        for op in &ops {
            let Ok(events) = cluster.apply(&line(op).parse().unwrap()) else { continue };
            for e in &events {
                if let Event::RecordAppended { partition, offset, .. } = e {
                    let log = cluster.topic("t").unwrap().partitions[*partition as usize].log();
                    if let Some(r) = log.record(*offset) {
                        written.insert((*partition, *offset), (r.key.as_deref().map(String::from), r.value.as_deref().map(String::from)));
                    }
                }
            }
            for p in &cluster.topic("t").unwrap().partitions {
                for r in p.copies() {
                    let log = r.log();
                    let mut last = log.log_start_offset() - 1;
                    for rec in log.records() {
                        prop_assert!(rec.offset > last, "offsets in order");
                        last = rec.offset;
                        prop_assert!(rec.offset < log.log_end_offset());
                        if rec.producer.is_data() {
                            // The record at an offset is the one written there.
                            let w = written.get(&(p.id, rec.offset));
                            prop_assert_eq!(w, Some(&(rec.key.as_deref().map(String::from), rec.value.as_deref().map(String::from))));
                        }
                    }
                }
                // The leader holds the latest value of every key it wrote (tombstones
                // may go after their horizon, and retention may delete whole segments).
                let leader = p.log();
                let mut latest: BTreeMap<&str, (i64, bool)> = BTreeMap::new();
                for ((q, o), (k, v)) in &written {
                    if *q == p.id && *o < leader.log_end_offset() {
                        if let Some(k) = k {
                            latest.insert(k, (*o, v.is_some()));
                        }
                    }
                }
                for (k, (o, has_value)) in latest {
                    if has_value && o >= leader.log_start_offset() {
                        prop_assert!(leader.record(o).is_some_and(|r| r.key.as_deref() == Some(k)),
                            "p{} lost {}@{}", p.id, k, o);
                    }
                }
            }
        }
    }
}
