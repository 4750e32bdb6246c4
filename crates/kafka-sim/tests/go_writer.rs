//! The Go platform's producer: kafka-go's `Writer` on a running cluster. Its zero value
//! balances round-robin and waits for no acknowledgement; each partition's batch goes
//! after `BatchTimeout` (1 s) or once `BatchSize` messages are in it; with `Async: true`
//! `WriteMessages` returns at once and a failed batch's error reaches the `Completion`
//! callback or nobody (github.com/segmentio/kafka-go writer.go; producer/go_writer.rs).

use kafka_sim::error::ErrorKind;
use kafka_sim::event::WriteReport;
use kafka_sim::{Cluster, Event};

fn run(c: &mut Cluster, script: &str) -> Vec<Event> {
    c.apply_script(script)
        .unwrap_or_else(|(line, e)| panic!("line {line}: {e}"))
}

fn written(events: &[Event]) -> Vec<(u32, i64, u32, i64, WriteReport)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::BatchWritten {
                partition,
                first_offset,
                attempts,
                waited_ms,
                report,
                ..
            } => Some((*partition, *first_offset, *attempts, *waited_ms, *report)),
            _ => None,
        })
        .collect()
}

fn keys(c: &Cluster, topic: &str, partition: u32) -> Vec<String> {
    c.log(topic, partition)
        .unwrap()
        .records()
        .iter()
        .map(|r| r.key.as_deref().unwrap_or("null").to_string())
        .collect()
}

/// Three brokers, `orders` of three partitions replicated three times with
/// `min.insync.replicas=2`, then two brokers stopped: a write with RequireAll is refused.
fn two_brokers_down(writer: &str) -> Cluster {
    let mut c = Cluster::new(3, 7);
    run(
        &mut c,
        &format!(
            "create-topic orders partitions=3 replication-factor=3 min.insync.replicas=2\n\
             tick 1000\n{writer}\nstop-broker id=2\nstop-broker id=3\ntick 30000"
        ),
    );
    c
}

fn retries(events: &[Event]) -> Vec<(u32, i64)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::BatchRetried {
                attempt,
                backoff_ms,
                ..
            } => Some((*attempt, *backoff_ms)),
            _ => None,
        })
        .collect()
}

// writer.go: "The default is to use a round-robin distribution" (Balancer nil), and
// WriteMessages "blocks until either a full batch can be assembled or the batch timeout
// is reached": one message at a time costs BatchTimeout (1 s) each.
#[test]
fn the_zero_value_writer_ignores_keys_and_waits_a_second_per_message() {
    let mut c = Cluster::default();
    run(&mut c, "create-topic orders partitions=3\nset-writer");
    let mut waits = Vec::new();
    for value in ["created", "paid", "shipped"] {
        let before = c.now_ms();
        let events = run(&mut c, &format!("produce orders key=order-1 value={value}"));
        waits.push(c.now_ms() - before);
        assert_eq!(written(&events).len(), 1, "{events:?}");
    }
    assert_eq!(waits, [1_000, 1_000, 1_000]);
    // The same key on three partitions: its order is gone.
    for p in 0..3 {
        assert_eq!(keys(&c, "orders", p), ["order-1"]);
    }
    // RequireNone: the leader counted no acknowledgement.
    assert_eq!(c.producer().writer.as_ref().unwrap().required_acks, 0);
}

// With Async, WriteMessages "will never block"; each partition's batch goes when its
// BatchTimeout passes, so three records written at once land together a second later.
#[test]
fn an_async_writer_returns_at_once_and_writes_when_the_batch_timeout_passes() {
    let mut c = Cluster::default();
    run(
        &mut c,
        "create-topic orders partitions=3\nset-writer Async=true Balancer=&kafka.Hash{}",
    );
    let start = c.now_ms();
    for key in ["order-1", "order-1", "order-3"] {
        let events = run(&mut c, &format!("produce orders key={key} value=v"));
        assert!(written(&events).is_empty());
    }
    assert_eq!(c.now_ms(), start, "WriteMessages did not block");
    let total: usize = (0..3).map(|p| keys(&c, "orders", p).len()).sum();
    assert_eq!(total, 0, "nothing written before BatchTimeout");
    let events = run(&mut c, "tick 1000");
    let batches = written(&events);
    // order-1's two messages share one batch of its partition (FNV-1a, as Sarama).
    let hash = |key: &[u8]| match kafka_sim::client_partitioner::place(
        kafka_sim::client_partitioner::Client::KafkaGo,
        Some("hash"),
        Some(key),
        3,
    )
    .unwrap()
    {
        kafka_sim::client_partitioner::Placement::Hashed(h) => h.partition,
        other => panic!("{other:?}"),
    };
    let (p1, p2) = (hash(b"order-1"), hash(b"order-3"));
    assert_ne!(p1, p2);
    assert_eq!(batches.len(), 2, "{batches:?}");
    assert!(batches
        .iter()
        .all(|b| b.1 == 0 && b.3 == 1_000 && b.4 == WriteReport::Dropped));
    assert_eq!(keys(&c, "orders", p1), ["order-1", "order-1"]);
    assert_eq!(keys(&c, "orders", p2), ["order-3"]);
}

// A full batch goes at once (partitionWriter#writeMessages).
#[test]
fn a_full_batch_does_not_wait() {
    let mut c = Cluster::default();
    run(
        &mut c,
        "create-topic orders partitions=1\nset-writer BatchSize=1",
    );
    let before = c.now_ms();
    let events = run(&mut c, "produce orders key=a value=1");
    assert_eq!(c.now_ms(), before);
    assert_eq!(written(&events)[0].3, 0);
}

// writeBatch: MaxAttempts (10) attempts, backoff(attempt, 100ms, 1s) = attempt² × 100 ms
// capped at 1 s between them, for a temporary error such as NOT_ENOUGH_REPLICAS. With
// Async and no Completion, the error goes nowhere.
#[test]
fn an_async_write_that_fails_is_retried_then_dropped_without_a_word() {
    let mut c = two_brokers_down("set-writer RequiredAcks=RequireAll Async=true");
    let mut events = run(&mut c, "produce orders key=order-7 value=paid");
    events.extend(run(&mut c, "tick 10000"));
    assert_eq!(
        retries(&events),
        [
            (0, 100),
            (1, 400),
            (2, 900),
            (3, 1_000),
            (4, 1_000),
            (5, 1_000),
            (6, 1_000),
            (7, 1_000),
            (8, 1_000)
        ]
    );
    let failed: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::BatchFailed {
                attempts,
                error,
                cause,
                waited_ms,
                report,
                ..
            } => Some((*attempts, error.to_string(), *cause, *waited_ms, *report)),
            _ => None,
        })
        .collect();
    assert_eq!(failed.len(), 1);
    let (attempts, error, cause, waited, report) = &failed[0];
    assert_eq!(*attempts, 10);
    assert_eq!(error, "[19] Not Enough Replicas: the number of in-sync replicas is lower than the configured minimum and requiredAcks is -1");
    assert_eq!(*cause, Some(ErrorKind::NotEnoughReplicasException));
    assert_eq!(*waited, 1_000 + 7_400);
    assert_eq!(*report, WriteReport::Dropped);
    for p in 0..3 {
        assert!(keys(&c, "orders", p).is_empty());
    }
    // The Writer's own tally: one message lost, nobody told.
    let ledger = &c.producer().writer.as_ref().unwrap().ledger;
    assert_eq!((ledger.written, ledger.dropped, ledger.returned), (0, 1, 0));
}

#[test]
fn a_completion_callback_hears_of_the_failure() {
    let mut c = two_brokers_down("set-writer RequiredAcks=RequireAll Async=true Completion=log");
    run(&mut c, "produce orders key=order-7 value=paid");
    let events = run(&mut c, "tick 10000");
    assert!(events.iter().any(|e| matches!(
        e,
        Event::BatchFailed {
            report: WriteReport::Completion,
            ..
        }
    )));
    let ledger = &c.producer().writer.as_ref().unwrap().ledger;
    assert_eq!((ledger.reported, ledger.dropped), (1, 0));
}

// Synchronously, WriteMessages returns WriteErrors, after the whole wait.
#[test]
fn a_synchronous_write_returns_the_error_after_all_its_attempts() {
    let mut c = two_brokers_down("set-writer RequiredAcks=RequireAll");
    let before = c.now_ms();
    let events = run(&mut c, "produce orders key=order-7 value=paid");
    assert_eq!(c.now_ms() - before, 8_400);
    let error = events.iter().find_map(|e| match e {
        Event::BatchFailed { error, report, .. } => Some((error.to_string(), *report)),
        _ => None,
    });
    assert_eq!(
        error,
        Some((
            "Kafka write errors (1/1), errors: [[19] Not Enough Replicas: the number of in-sync replicas is lower than the configured minimum and requiredAcks is -1]".to_string(),
            WriteReport::Returned
        ))
    );
}

// RequireNone: the broker sends no answer, so a refused batch looks written.
#[test]
fn require_none_counts_a_refused_batch_as_written() {
    let mut c = Cluster::default();
    run(
        &mut c,
        "create-topic users partitions=1 cleanup.policy=compact\nset-writer Completion=log",
    );
    let events = run(&mut c, "produce users value=no-key");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::BatchLostUnseen { .. })));
    assert_eq!(written(&events)[0].4, WriteReport::Completion);
    assert!(keys(&c, "users", 0).is_empty());
    // Not counted written: the ledger knows the message never landed.
    let ledger = &c.producer().writer.as_ref().unwrap().ledger;
    assert_eq!((ledger.written, ledger.unseen), (0, 1));
    // RequireOne hears the broker's INVALID_RECORD, which is not temporary.
    run(&mut c, "set-writer RequiredAcks=RequireOne");
    let events = run(&mut c, "produce users value=no-key");
    let failed = events.iter().find_map(|e| match e {
        Event::BatchFailed {
            attempts, error, ..
        } => Some((*attempts, error.to_string())),
        _ => None,
    });
    assert_eq!(
        failed,
        Some((
            1,
            "Kafka write errors (1/1), errors: [[87] Invalid Record: this record has failed the validation on broker and hence be rejected]".to_string()
        ))
    );
}

// The Java-compatible fix: kafka.Murmur2Balancer{} places a key where Java's default
// partitioner does.
#[test]
fn the_murmur2_balancer_agrees_with_the_java_client() {
    let mut c = Cluster::default();
    run(
        &mut c,
        "create-topic orders partitions=6\ncreate-topic java partitions=6",
    );
    for key in ["order-1", "order-19", "order-4"] {
        run(&mut c, &format!("produce java key={key} value=v"));
    }
    run(
        &mut c,
        "set-writer Balancer=kafka.Murmur2Balancer{} BatchSize=1",
    );
    for key in ["order-1", "order-19", "order-4"] {
        run(&mut c, &format!("produce orders key={key} value=v"));
    }
    for p in 0..6 {
        assert_eq!(keys(&c, "orders", p), keys(&c, "java", p));
    }
}

#[test]
fn what_the_compiler_or_the_writer_refuses_changes_nothing() {
    let mut c = Cluster::default();
    run(
        &mut c,
        "create-topic orders partitions=1\nset-writer Async=true",
    );
    for (line, kind, message) in [
        ("set-writer Acks=all", ErrorKind::GoCompileError, "unknown field Acks in struct literal of type kafka.Writer"),
        ("set-writer RequiredAcks=all", ErrorKind::GoCompileError, "undefined: all"),
        ("produce missing value=v", ErrorKind::KafkaGoError, "[3] Unknown Topic Or Partition: the request is for a topic or partition that does not exist on this broker"),
        ("produce orders value=v partition=0", ErrorKind::UnsupportedOperationException, "kafka-go's Writer picks the partition"),
    ] {
        let before = c.clone();
        let e = c.apply(&line.parse().unwrap()).unwrap_err();
        assert_eq!(e.kind, kind, "{line}");
        assert!(e.message.starts_with(message), "{line}: {}", e.message);
        assert_eq!(c, before, "{line}");
    }
}

// Writer#Close (here: the producer set again) writes what it holds first.
#[test]
fn replacing_the_writer_writes_its_batches_first() {
    let mut c = Cluster::default();
    run(
        &mut c,
        "create-topic orders partitions=1\nset-writer Async=true",
    );
    run(&mut c, "produce orders key=a value=1");
    let events = run(&mut c, "set-producer acks=all");
    assert_eq!(written(&events).len(), 1);
    assert_eq!(keys(&c, "orders", 0), ["a"]);
    assert!(c.producer().writer.is_none());
}

// The same commands, the same cluster.
#[test]
fn the_writer_is_deterministic() {
    let script = "create-topic orders partitions=3\nset-writer Async=true Balancer=kafka.CRC32Balancer{}\n\
                  produce orders value=a\nproduce orders value=b\ntick 1000\nproduce orders value=c\ntick 1000";
    let mut a = Cluster::default();
    let mut b = Cluster::default();
    assert_eq!(run(&mut a, script), run(&mut b, script));
    assert_eq!(a, b);
}

// RequireAll on a healthy cluster: the leader answers once the followers have the batch
// (DelayedProduce), a few milliseconds after BatchTimeout.
#[test]
fn require_all_waits_for_the_followers() {
    let mut c = Cluster::new(3, 7);
    run(
        &mut c,
        "create-topic orders partitions=1 replication-factor=3 min.insync.replicas=2\ntick 1000\nset-writer RequiredAcks=RequireAll",
    );
    let events = run(&mut c, "produce orders key=a value=1");
    let w = written(&events);
    assert_eq!(w.len(), 1);
    let (_, offset, attempts, waited, report) = w[0];
    assert_eq!((offset, attempts, report), (0, 1, WriteReport::Returned));
    assert!(waited > 1_000 && waited < 1_100, "{waited}");
    let hw = c.log("orders", 0).unwrap().high_watermark();
    assert_eq!(hw, 1);
}
