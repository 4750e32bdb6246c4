//! Retention's invariants under any mix of produce, time and broker failures, on a
//! replicated topic (`log_retention.rs`, `UnifiedLog#deletableSegments`): no copy ever
//! deletes at or above its high watermark, the log start offset only moves up, offsets
//! are never renumbered, and followers that fell below their leader's start catch up
//! from it.

use kafka_sim::{Cluster, Event};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Produce(u8),
    Tick(u32),
    Kill(u8),
    Start(u8),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0u8..8).prop_map(Op::Produce),
        4 => (0u32..400_000).prop_map(Op::Tick),
        1 => (2u8..4).prop_map(Op::Kill),
        1 => (2u8..4).prop_map(Op::Start),
    ]
}

fn line(op: &Op) -> String {
    match op {
        Op::Produce(k) => format!("produce t key=k{k} value=v"),
        Op::Tick(ms) => format!("tick {ms}ms"),
        Op::Kill(b) => format!("kill-broker id={b}"),
        Op::Start(b) => format!("start-broker id={b}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]
    #[test]
    fn retention_never_deletes_at_or_above_the_high_watermark(
        retention_ms in 1i64..900_000,
        segment_ms in 1i64..300_000,
        ops in proptest::collection::vec(op(), 0..60),
    ) {
        let mut cluster = Cluster::default();
        for l in ["start-broker id=2", "start-broker id=3"] {
            cluster.apply(&l.parse().unwrap()).unwrap();
        }
        cluster.apply(&format!("create-topic t partitions=2 replication-factor=3 retention.ms={retention_ms} segment.ms={segment_ms}").parse().unwrap()).unwrap();
        let starts = |c: &Cluster| -> Vec<(u32, i32, i64, i64)> {
            c.topic("t").unwrap().partitions.iter().flat_map(|p| {
                p.copies().iter().map(move |r| (p.id, r.broker, r.log().log_start_offset(), r.log().high_watermark()))
            }).collect()
        };
        for op in &ops {
            let before = starts(&cluster);
            let Ok(events) = cluster.apply(&line(op).parse().unwrap()) else { continue };
            for e in &events {
                if let Event::SegmentsDeleted { partition, broker, log_start_offset, segments, .. } = e {
                    prop_assert!(*segments > 0);
                    // What it deleted lay below the high watermark it had then, which is
                    // at most what it has now.
                    let now = starts(&cluster);
                    let (.., hw) = now.iter().find(|(p, b, ..)| p == partition && b == broker).unwrap();
                    prop_assert!(log_start_offset <= hw, "{:?}", e);
                }
            }
            for (p, b, start, hw) in starts(&cluster) {
                prop_assert!(start <= hw, "p{} on {}: start {} above hw {}", p, b, start, hw);
                // A copy's start never moves back, except when it starts over at its
                // leader's (which is higher).
                let old = before.iter().find(|(q, c, ..)| *q == p && *c == b).unwrap().2;
                prop_assert!(start >= old);
            }
            for p in &cluster.topic("t").unwrap().partitions {
                for r in p.copies() {
                    let log = r.log();
                    for (i, rec) in log.records().iter().enumerate() {
                        prop_assert_eq!(rec.offset, log.log_start_offset() + i as i64);
                    }
                    // A follower keeps the segment holding its leader's start, whole.
                    prop_assert!(log.segments()[0].base_offset <= log.log_start_offset());
                }
            }
        }
        // Once every broker is up and time has passed, every copy agrees with its leader.
        for b in [2, 3] {
            let _ = cluster.apply(&format!("start-broker id={b}").parse().unwrap());
        }
        cluster.apply(&"tick 60s".parse().unwrap()).unwrap();
        // A leader that changed (the auto leader rebalance) or deleted at the very end
        // is heard from at the followers' next fetch, within a second.
        let agree = |c: &Cluster| {
            c.topic("t").unwrap().partitions.iter().all(|p| {
                let leader = p.log();
                p.copies().iter().all(|r| {
                    r.log().log_end_offset() == leader.log_end_offset()
                        && (r.log().log_start_offset() >= leader.log_start_offset()
                            || r.log().log_start_offset() == leader.log_end_offset())
                })
            })
        };
        for _ in 0..5 {
            if agree(&cluster) {
                break;
            }
            cluster.apply(&"tick 1s".parse().unwrap()).unwrap();
        }
        for p in &cluster.topic("t").unwrap().partitions {
            let leader = p.log();
            for r in p.copies() {
                prop_assert_eq!(r.log().log_end_offset(), leader.log_end_offset());
                prop_assert!(r.log().log_start_offset() >= leader.log_start_offset() || r.log().log_start_offset() == leader.log_end_offset());
            }
        }
    }
}
