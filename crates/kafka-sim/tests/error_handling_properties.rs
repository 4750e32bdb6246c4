//! The error handler's invariants under any mix of good and poison records, database
//! outages, handler settings, polls, processing, commits and time (`error_handler.rs`,
//! `app/handler.rs`): a command either runs or is refused and changes nothing; the
//! ledger accounts for every record exactly once; a record is dead-lettered only after
//! a final failure, and its copy leads back to it; the backoff never waits past the
//! retry deadline; and the same commands always give the same result.

use kafka_sim::{Cluster, Command, Event};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    /// A payment: a number, or (`None`) one the handler cannot read.
    Produce(u8, Option<u8>),
    StopDatabase(Option<u32>),
    StartDatabase,
    /// errors.retry.timeout (-1 for ever), errors.tolerance=all, a queue.
    SetApp(i32, bool, bool),
    Poll,
    Process(Option<u8>),
    Commit,
    Tick(u32),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (0u8..4, proptest::option::weighted(0.8, 0u8..50)).prop_map(|(k, v)| Op::Produce(k, v)),
        2 => proptest::option::of(0u32..40_000).prop_map(Op::StopDatabase),
        2 => Just(Op::StartDatabase),
        2 => (prop_oneof![Just(-1), Just(0), 0i32..20_000], any::<bool>(), any::<bool>())
            .prop_map(|(t, all, dlq)| Op::SetApp(t, all, dlq)),
        4 => Just(Op::Poll),
        4 => proptest::option::of(0u8..4).prop_map(Op::Process),
        2 => Just(Op::Commit),
        2 => (0u32..60_000).prop_map(Op::Tick),
    ]
}

fn line(op: &Op) -> String {
    match op {
        Op::Produce(k, Some(v)) => format!("produce payments key=k{k} value=balance+={v}"),
        Op::Produce(k, None) => format!("produce payments key=k{k} value=balance+=lots"),
        Op::StopDatabase(Some(ms)) => format!("stop-database billing for={ms}"),
        Op::StopDatabase(None) => "stop-database billing".into(),
        Op::StartDatabase => "start-database billing".into(),
        Op::SetApp(t, all, dlq) => format!(
            "set-app billing errors.retry.timeout={t} errors.tolerance={} errors.deadletterqueue.topic.name={} errors.deadletterqueue.topic.replication.factor=1 errors.deadletterqueue.context.headers.enable=true",
            if *all { "all" } else { "none" },
            if *dlq { "payments-dlq" } else { "" },
        ),
        Op::Poll => "poll c1".into(),
        Op::Process(Some(n)) => format!("process c1 count={n}"),
        Op::Process(None) => "process c1".into(),
        Op::Commit => "commit c1".into(),
        Op::Tick(ms) => format!("tick {ms}ms"),
    }
}

fn start() -> Cluster {
    let mut c = Cluster::default();
    c.apply_script(
        "create-topic payments partitions=1\n\
         create-consumer c1 group=billing enable.auto.commit=false auto.offset.reset=earliest\n\
         subscribe c1 topics=payments",
    )
    .unwrap();
    c
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]
    #[test]
    fn the_handler_keeps_its_books(ops in proptest::collection::vec(op(), 0..40)) {
        let mut c = start();
        for op in &ops {
            let command: Command = line(op).parse().unwrap();
            let before = c.clone();
            let now = c.now_ms();
            match c.apply(&command) {
                Err(_) => prop_assert_eq!(&c, &before, "a refusal changes nothing: {}", line(op)),
                Ok(events) => {
                    for e in &events {
                        if let Event::ProcessingFailed { retry_in_ms: Some(w), .. } = e {
                            prop_assert!(*w >= 0);
                        }
                    }
                    // A copy in the queue only after that record's final failure.
                    let finals: Vec<i64> = events.iter().filter_map(|e| match e {
                        Event::ProcessingFailed { offset, retry_in_ms: None, .. } => Some(*offset),
                        _ => None,
                    }).collect();
                    for e in &events {
                        if let Event::RecordDeadLettered { offset, .. } = e {
                            prop_assert!(finals.contains(offset), "{:?}", e);
                        }
                    }
                    prop_assert!(c.now_ms() >= now);
                }
            }
            // The ledger accounts for every record of payments once.
            let l = c.ledger("billing");
            let records = c.log("payments", 0).unwrap().records().len() as u32;
            prop_assert_eq!(l.processed_once + l.processed_more_than_once + l.never_processed, l.produced);
            prop_assert!(l.produced <= records);
            prop_assert!(l.dead_lettered <= l.never_processed);
            // Every copy in the queue leads back to a record of payments.
            if let Some(dlq) = c.log("payments-dlq", 0) {
                for r in dlq.records() {
                    let offset = r.headers.iter().find(|(k, _)| &**k == "__connect.errors.offset")
                        .and_then(|(_, v)| v.parse::<i64>().ok());
                    let original = offset.and_then(|o| c.log("payments", 0).unwrap().record(o));
                    prop_assert!(original.is_some_and(|o| o.key == r.key && o.value == r.value), "{:?}", r);
                }
            }
        }
        // Deterministic: the same commands again give the same cluster.
        let mut again = start();
        for op in &ops {
            let _ = again.apply(&line(op).parse().unwrap());
        }
        prop_assert_eq!(again, c);
    }
}
