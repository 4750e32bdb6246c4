//! The application's error handler on a running cluster: a record it can never read, a
//! database that is down for a while, exponential backoff on the engine's clock with
//! `max.poll.interval.ms` still counting, the dead letter queue and its headers, and a
//! replay after the fix. The rules are Kafka Connect's (KIP-298; error_handler.rs).

use kafka_sim::error::ErrorKind;
use kafka_sim::{Cluster, Command, Event};

fn run(c: &mut Cluster, script: &str) -> Vec<Event> {
    c.apply_script(script)
        .unwrap_or_else(|(line, e)| panic!("line {line}: {e}"))
}

/// A `payments` topic of one partition with three records, and a consumer `c1` of the
/// `billing` application that has polled them (manual commits).
fn polled(values: [&str; 3], handler: &str) -> Cluster {
    let mut c = Cluster::default();
    run(
        &mut c,
        &format!(
            "create-topic payments partitions=1\n\
             produce payments key=alice value={}\n\
             produce payments key=bob value={}\n\
             produce payments key=carol value={}\n\
             {handler}\n\
             create-consumer c1 group=billing enable.auto.commit=false auto.offset.reset=earliest\n\
             subscribe c1 topics=payments\npoll c1",
            values[0], values[1], values[2]
        ),
    );
    c
}

fn failures(events: &[Event]) -> Vec<(i64, u32, Option<i64>)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::ProcessingFailed {
                offset,
                attempt,
                retry_in_ms,
                ..
            } => Some((*offset, *attempt, *retry_in_ms)),
            _ => None,
        })
        .collect()
}

fn balance(c: &Cluster, key: &str) -> i64 {
    c.app("billing").unwrap().rows[key].balance
}

// RetryWithToleranceOperator: a NumberFormatException is not a RetriableException, so it
// is never retried; errors.tolerance=none (the default) then stops the task.
#[test]
fn a_record_it_cannot_read_stops_the_application_every_time_it_starts() {
    let mut c = polled(["balance+=100", "balance+=ten", "balance+=5"], "");
    let events = run(&mut c, "process c1");
    assert_eq!(
        failures(&events),
        [(1, 1, None)],
        "no retry of a poison record"
    );
    let stopped = events.iter().find_map(|e| match e {
        Event::HandlerStopped { offset, error, .. } => Some((*offset, error.to_string())),
        _ => None,
    });
    assert_eq!(
        stopped,
        Some((
            1,
            "org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler, caused by java.lang.NumberFormatException: For input string: \"ten\"".to_string()
        ))
    );
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::ConsumerClosed { .. })));
    assert_eq!(balance(&c, "alice"), 100);
    assert!(!c.app("billing").unwrap().rows.contains_key("carol"));
    // Nothing was committed: a new instance starts from 0 and stops at the same record.
    let again = run(
        &mut c,
        "create-consumer c2 group=billing enable.auto.commit=false auto.offset.reset=earliest\n\
         subscribe c2 topics=payments\npoll c2\nprocess c2",
    );
    assert_eq!(failures(&again), [(1, 1, None)]);
    assert_eq!(balance(&c, "alice"), 200, "and applies the first one again");
}

// execAndRetry and backoff: 300 ms, doubled after each failed attempt, while the
// deadline (start + errors.retry.timeout) is ahead; the thread sleeps on the clock.
#[test]
fn a_short_outage_is_ridden_out_by_backoff_on_the_engines_clock() {
    let mut c = polled(
        ["balance+=100", "balance+=20", "balance+=5"],
        "set-app billing errors.retry.timeout=10000",
    );
    let start = c.now_ms();
    let events = run(&mut c, "stop-database billing for=2s\nprocess c1");
    assert_eq!(
        failures(&events),
        [(0, 1, Some(300)), (0, 2, Some(600)), (0, 3, Some(1200))]
    );
    // The fourth attempt, at 2.1 s, finds the database back; the rest follow at once.
    assert_eq!(c.now_ms() - start, 2100);
    assert_eq!(
        (
            balance(&c, "alice"),
            balance(&c, "bob"),
            balance(&c, "carol")
        ),
        (100, 20, 5)
    );
    assert_eq!(c.ledger("billing").processed_once, 3);
}

// errors.retry.timeout=0 (the default) retries nothing; tolerance=all with a dead
// letter queue writes the record there (DeadLetterQueueReporter) and goes on; the
// replay job writes it back after the fix, and the ledger follows the copies home.
#[test]
fn a_record_that_keeps_failing_goes_to_the_dead_letter_queue_and_is_replayed_after_the_fix() {
    let mut c = polled(
        ["balance+=100", "balance+=20", "balance+=5"],
        "set-app billing errors.retry.timeout=1000 errors.tolerance=all \
         errors.deadletterqueue.topic.name=payments-dlq \
         errors.deadletterqueue.topic.replication.factor=1 \
         errors.deadletterqueue.context.headers.enable=true",
    );
    assert_eq!(c.topic("payments-dlq").unwrap().partitions.len(), 1);
    let events = run(
        &mut c,
        "stop-database billing\nprocess c1 count=1\nstart-database billing\nprocess c1\ncommit c1",
    );
    // 300 + 600 ms, then the wait is cut at the deadline (1000 ms): 100 ms; then final.
    assert_eq!(
        failures(&events),
        [
            (0, 1, Some(300)),
            (0, 2, Some(600)),
            (0, 3, Some(100)),
            (0, 4, None)
        ]
    );
    let dlq = c.log("payments-dlq", 0).unwrap().records();
    assert_eq!(dlq.len(), 1);
    let copy = &dlq[0];
    assert_eq!(copy.key.as_deref(), Some("alice"));
    assert_eq!(copy.value.as_deref(), Some("balance+=100"));
    let original = &c.log("payments", 0).unwrap().records()[0];
    assert_eq!(
        copy.timestamp, original.timestamp,
        "the original's timestamp"
    );
    let header = |k: &str| {
        copy.headers
            .iter()
            .find(|(n, _)| &**n == k)
            .map(|(_, v)| v.to_string())
    };
    assert_eq!(
        header("__connect.errors.topic").as_deref(),
        Some("payments")
    );
    assert_eq!(header("__connect.errors.partition").as_deref(), Some("0"));
    assert_eq!(header("__connect.errors.offset").as_deref(), Some("0"));
    assert_eq!(
        header("__connect.errors.exception.class.name").as_deref(),
        Some("org.apache.kafka.connect.errors.RetriableException")
    );
    let l = c.ledger("billing");
    assert_eq!(
        (l.processed_once, l.never_processed, l.dead_lettered),
        (2, 1, 1)
    );
    // The replay job reads the DLQ and writes each record back to its topic.
    run(
        &mut c,
        "create-consumer replay group=billing-replay auto.offset.reset=earliest\n\
         subscribe replay topics=payments-dlq\npoll replay\nprocess replay output=payments\n\
         poll c1\nprocess c1",
    );
    assert_eq!(balance(&c, "alice"), 100);
    let l = c.ledger("billing");
    assert_eq!(
        (
            l.produced,
            l.processed_once,
            l.never_processed,
            l.dead_lettered
        ),
        (3, 3, 0, 0),
        "the copy counts as its original"
    );
}

// The handler sleeps in the poll loop: past max.poll.interval.ms the consumer leaves the
// group (KIP-62), and its commit afterwards fails.
#[test]
fn retrying_past_max_poll_interval_costs_the_partitions() {
    let mut c = Cluster::default();
    run(
        &mut c,
        "create-topic payments partitions=1\nproduce payments key=alice value=balance+=100\n\
         set-app billing errors.retry.timeout=-1\n\
         create-consumer c1 group=billing enable.auto.commit=false auto.offset.reset=earliest max.poll.interval.ms=10000\n\
         subscribe c1 topics=payments\npoll c1\nstop-database billing for=30s",
    );
    let events = run(&mut c, "process c1");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::PollTimeout { .. })));
    assert_eq!(balance(&c, "alice"), 100, "it got through in the end");
    let commit = c.apply(&"commit c1".parse::<Command>().unwrap());
    assert_eq!(commit.unwrap_err().kind, ErrorKind::CommitFailedException);
}

#[test]
fn a_handler_that_cannot_start_or_would_never_stop_is_refused_and_changes_nothing() {
    let mut c = Cluster::default();
    run(&mut c, "create-topic payments partitions=1");
    // DeadLetterQueueReporter#createAndSetup: replication factor 3 on one broker.
    let e = c
        .apply(
            &"set-app billing errors.tolerance=all errors.deadletterqueue.topic.name=payments-dlq"
                .parse::<Command>()
                .unwrap(),
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::ConnectException);
    assert!(
        e.message.starts_with(
            "Could not initialize dead letter queue with topic=payments-dlq (caused by InvalidReplicationFactorException: Unable to replicate the partition 3 time(s)"
        ),
        "{}",
        e.message
    );
    assert!(c.topic("payments-dlq").is_none());
    assert!(c.app("billing").is_none());
    // SinkConnectorConfig#validate: the DLQ may not be a topic the group reads.
    run(
        &mut c,
        "create-consumer c1 group=billing auto.offset.reset=earliest\nsubscribe c1 topics=payments",
    );
    let e = c
        .apply(
            &"set-app billing errors.deadletterqueue.topic.name=payments"
                .parse::<Command>()
                .unwrap(),
        )
        .unwrap_err();
    assert_eq!(
        e.message,
        "Invalid value payments for configuration topics: The DLQ topic 'payments' may not be included in the list of topics ('topics=[payments]') consumed by the connector"
    );
    // Retrying forever against a database that stays down is not run.
    run(
        &mut c,
        "produce payments key=a value=balance+=1\nset-app billing errors.retry.timeout=-1\n\
         stop-database billing\npoll c1",
    );
    let before = c.clone();
    let e = c
        .apply(&"process c1".parse::<Command>().unwrap())
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::UnsupportedOperationException);
    assert_eq!(c, before);
}

#[test]
fn the_same_commands_give_the_same_jittered_backoff() {
    let script = "create-topic payments partitions=1\nproduce payments key=a value=balance+=1\n\
                  set-app billing errors.retry.timeout=600000 errors.retry.delay.max.ms=2000\n\
                  create-consumer c1 group=billing enable.auto.commit=false auto.offset.reset=earliest\n\
                  subscribe c1 topics=payments\npoll c1\nstop-database billing for=20s\nprocess c1";
    let mut a = Cluster::default();
    let mut b = Cluster::default();
    let (ea, eb) = (run(&mut a, script), run(&mut b, script));
    let waits: Vec<i64> = failures(&ea).iter().filter_map(|f| f.2).collect();
    assert_eq!(
        waits,
        failures(&eb).iter().filter_map(|f| f.2).collect::<Vec<_>>()
    );
    // 300, 600, 1200, then below the 2000 ms cap.
    assert_eq!(&waits[..3], [300, 600, 1200]);
    assert!(
        waits[3..].iter().all(|w| (0..2000).contains(w)),
        "{waits:?}"
    );
    assert_eq!(a, b);
}

// executeFailed reports the failure before it checks the tolerance: with none, the record
// still reaches the dead letter queue, then the application stops.
#[test]
fn with_no_tolerance_the_record_still_reaches_the_queue_before_the_stop() {
    let mut c = polled(
        ["balance+=ten", "balance+=1", "balance+=2"],
        "set-app billing errors.deadletterqueue.topic.name=payments-dlq \
         errors.deadletterqueue.topic.replication.factor=1",
    );
    let events = run(&mut c, "process c1");
    let dead = events
        .iter()
        .position(|e| matches!(e, Event::RecordDeadLettered { .. }));
    let stopped = events
        .iter()
        .position(|e| matches!(e, Event::HandlerStopped { .. }));
    assert!(dead.unwrap() < stopped.unwrap());
    assert_eq!(c.log("payments-dlq", 0).unwrap().records().len(), 1);
    // Without context headers the copy carries only its own.
    assert!(c.log("payments-dlq", 0).unwrap().records()[0]
        .headers
        .is_empty());
    // Nor may the application then read its own queue.
    let e = c
        .apply(
            &"subscribe c1 topics=payments,payments-dlq"
                .parse::<Command>()
                .unwrap(),
        )
        .unwrap_err();
    assert_eq!(
        e.kind,
        ErrorKind::IllegalStateException,
        "c1 is closed: {e}"
    );
    let e = c
        .apply(
            &"create-consumer c9 group=billing"
                .parse::<Command>()
                .unwrap(),
        )
        .and_then(|_| {
            c.apply(
                &"subscribe c9 topics=payments,payments-dlq"
                    .parse::<Command>()
                    .unwrap(),
            )
        })
        .unwrap_err();
    assert!(e.message.starts_with("Invalid value payments,payments-dlq for configuration topics: The DLQ topic 'payments-dlq'"), "{e}");
}

// errors.retry.delay.max.ms has no validator: a cap of 0 is taken, and the first capped
// wait throws as ThreadLocalRandom#nextLong(0) does; that is then the record's failure.
#[test]
fn a_zero_backoff_cap_fails_the_record_as_nextlong_does() {
    let mut c = polled(
        ["balance+=1", "balance+=2", "balance+=3"],
        "set-app billing errors.retry.timeout=5000 errors.retry.delay.max.ms=0 errors.tolerance=all",
    );
    let events = run(&mut c, "stop-database billing for=1s\nprocess c1 count=1");
    let last = events.iter().rev().find_map(|e| match e {
        Event::ProcessingFailed {
            error, retry_in_ms, ..
        } => Some((error.to_string(), *retry_in_ms)),
        _ => None,
    });
    assert_eq!(
        last,
        Some((
            "java.lang.IllegalArgumentException: bound must be positive".to_string(),
            None
        ))
    );
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::RecordSkipped { .. })));
}
