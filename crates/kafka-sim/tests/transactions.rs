//! Transactions (KIP-98) as a client sees them: markers that take offsets, the last
//! stable offset, what read_committed and read_uncommitted consumers are handed, offsets
//! committed with a transaction, fencing by a new instance, and the client's refusals.

use kafka_sim::error::ErrorKind;
use kafka_sim::event::Event;
use kafka_sim::Cluster;

fn run(c: &mut Cluster, script: &str) -> Vec<Event> {
    c.apply_script(script)
        .unwrap_or_else(|(line, e)| panic!("line {line}: {e}"))
}

fn refused(c: &mut Cluster, line: &str) -> (ErrorKind, String) {
    let before = c.clone();
    let e = c.apply(&line.parse().unwrap()).unwrap_err();
    assert_eq!(*c, before, "`{line}` was refused and changed nothing");
    (e.kind, e.message)
}

/// Offsets (with values) a consumer's poll handed over.
fn polled(events: &[Event], c: &Cluster) -> Vec<(i64, String)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::RecordsPolled { records, .. } => Some(records),
            _ => None,
        })
        .flatten()
        .map(|(t, p, o)| {
            let r = c.log(t, *p).unwrap().record(*o).unwrap();
            (*o, r.value.as_deref().unwrap_or("null").to_string())
        })
        .collect()
}

fn setup() -> Cluster {
    let mut c = Cluster::default();
    run(
        &mut c,
        "create-topic payments partitions=1\nset-producer transactional.id=payments-tx\ninit-transactions",
    );
    c
}

fn consumer(c: &mut Cluster, name: &str, level: &str) -> Vec<(i64, String)> {
    let events = run(
        c,
        &format!("create-consumer {name} group={name} auto.offset.reset=earliest isolation.level={level}\nsubscribe {name} topics=payments\npoll {name}"),
    );
    polled(&events, c)
}

#[test]
fn a_committed_transaction_ends_with_a_marker_that_takes_an_offset() {
    let mut c = setup();
    let events = run(
        &mut c,
        "begin-transaction\nproduce payments value=a\nproduce payments value=b\ncommit-transaction\nbegin-transaction\nproduce payments value=c\ncommit-transaction",
    );
    let markers: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::TransactionEnded {
                committed, markers, ..
            } => Some((*committed, markers[0].2)),
            _ => None,
        })
        .collect();
    assert_eq!(markers, vec![(true, 2), (true, 4)]);
    let log = c.log("payments", 0).unwrap();
    assert_eq!(log.log_end_offset(), 5);
    assert!(log.record(2).unwrap().producer.is_control());
    // Both isolation levels skip markers: the application sees offset gaps.
    let expected = vec![(0, "a".to_string()), (1, "b".into()), (3, "c".into())];
    assert_eq!(consumer(&mut c, "ru", "read_uncommitted"), expected);
    assert_eq!(consumer(&mut c, "rc", "read_committed"), expected);
    assert_eq!(
        c.consumer("rc").unwrap().positions.values().next(),
        Some(&5)
    );
}

#[test]
fn read_committed_skips_aborted_records_and_waits_at_the_last_stable_offset() {
    let mut c = setup();
    run(
        &mut c,
        "begin-transaction\nproduce payments value=a\nabort-transaction\nbegin-transaction\nproduce payments value=b\ncommit-transaction\nbegin-transaction\nproduce payments value=open",
    );
    let log = c.log("payments", 0).unwrap();
    // a@0, ABORT@1, b@2, COMMIT@3, open@4 (its transaction still open).
    assert_eq!((log.high_watermark(), log.last_stable_offset()), (5, 4));
    assert_eq!(
        consumer(&mut c, "ru", "read_uncommitted"),
        vec![(0, "a".into()), (2, "b".into()), (4, "open".into())]
    );
    assert_eq!(
        consumer(&mut c, "rc", "read_committed"),
        vec![(2, "b".into())]
    );
    run(&mut c, "commit-transaction");
    let events = run(&mut c, "poll rc");
    assert_eq!(
        polled(&events, &c),
        vec![(4, "open".into())],
        "committed now"
    );
}

#[test]
fn offsets_sent_to_a_transaction_reach_the_group_only_if_it_commits() {
    let mut c = Cluster::default();
    run(
        &mut c,
        "create-topic payments partitions=1\ncreate-topic ledger partitions=1\nproduce payments value=p1\nproduce payments value=p2\ncreate-consumer app group=transfer auto.offset.reset=earliest enable.auto.commit=false isolation.level=read_committed\nsubscribe app topics=payments\npoll app\nset-producer transactional.id=transfer-0\ninit-transactions",
    );
    // Consume-transform-produce: the output and the input offsets in one transaction.
    run(
        &mut c,
        "begin-transaction\nproduce ledger value=p1-done\nproduce ledger value=p2-done\nsend-offsets-to-transaction app\nabort-transaction",
    );
    assert_eq!(
        c.group("transfer").unwrap().committed.len(),
        0,
        "aborted: nothing committed"
    );
    run(
        &mut c,
        "begin-transaction\nproduce ledger value=p1-done\nproduce ledger value=p2-done\nsend-offsets-to-transaction app\ncommit-transaction",
    );
    assert_eq!(
        kafka_sim::group::committed_offset(c.group("transfer").unwrap(), "payments", 0),
        Some(2)
    );
    let out = consumer_of(&mut c, "ledger");
    assert_eq!(
        out,
        vec![(3, "p1-done".into()), (4, "p2-done".into())],
        "each output once"
    );
}

fn consumer_of(c: &mut Cluster, topic: &str) -> Vec<(i64, String)> {
    let events = run(
        c,
        &format!("create-consumer audit group=audit auto.offset.reset=earliest isolation.level=read_committed\nsubscribe audit topics={topic}\npoll audit"),
    );
    polled(&events, c)
}

#[test]
fn a_new_instance_fences_the_old_one_and_its_open_transaction_is_aborted() {
    let mut c = setup();
    run(&mut c, "begin-transaction\nproduce payments value=zombie");
    // The same transactional.id starts again (a new instance: set-producer stands for
    // a new KafkaProducer); initTransactions bumps the epoch and aborts what was open.
    let events = run(
        &mut c,
        "set-producer transactional.id=payments-tx\ninit-transactions",
    );
    // TransactionCoordinator#handleInitProducerId (prepareFenceProducerEpoch): the
    // abort markers carry epoch+1, and the new instance gets epoch+2.
    assert!(events.iter().any(|e| matches!(
        e,
        Event::TransactionEnded {
            committed: false,
            epoch: 1,
            ..
        }
    )));
    assert!(events.iter().any(|e| matches!(
        e,
        Event::TransactionsInitialized {
            producer_id: 0,
            epoch: 2,
            ..
        }
    )));
    assert_eq!(consumer(&mut c, "rc", "read_committed"), vec![]);
    assert_eq!(c.log("payments", 0).unwrap().last_stable_offset(), 2);
}

#[test]
fn the_client_refuses_calls_out_of_order_as_transaction_manager_does() {
    let mut c = Cluster::default();
    run(
        &mut c,
        "create-topic payments partitions=1\nset-producer transactional.id=tx",
    );
    assert_eq!(
        refused(&mut c, "produce payments value=a"),
        (
            ErrorKind::IllegalStateException,
            "Cannot add partition payments-0 to transaction before completing a call to initTransactions".into()
        )
    );
    assert_eq!(
        refused(&mut c, "begin-transaction").1,
        "TransactionalId tx: Invalid transition attempted from state UNINITIALIZED to state IN_TRANSACTION"
    );
    run(&mut c, "init-transactions");
    assert_eq!(
        refused(&mut c, "produce payments value=a").1,
        "Cannot add partition payments-0 to transaction while in state  READY"
    );
    assert_eq!(
        refused(&mut c, "commit-transaction").1,
        "TransactionalId tx: Invalid transition attempted from state READY to state COMMITTING_TRANSACTION"
    );
    assert_eq!(
        refused(&mut c, "init-transactions").1,
        "TransactionalId tx: Invalid transition attempted from state READY to state INITIALIZING"
    );
    let mut plain = Cluster::default();
    assert_eq!(
        refused(&mut plain, "begin-transaction").1,
        "Transactional method invoked on a non-transactional producer."
    );
    assert_eq!(
        refused(
            &mut plain,
            "set-producer transactional.id=tx enable.idempotence=false"
        ),
        (
            ErrorKind::ConfigException,
            "Cannot set a transactional.id without also enabling idempotence.".into()
        )
    );
}

#[test]
fn transactions_v2_bump_the_epoch_at_every_commit_and_abort_and_sequences_restart() {
    // KIP-890 (transaction.version=2, on by default since 4.0): EndTxn answers with
    // epoch+1; the markers carry it; the next transaction's batches start at sequence 0.
    let mut c = setup();
    let events = run(
        &mut c,
        "begin-transaction\nproduce payments value=a\nproduce payments value=b\ncommit-transaction",
    );
    assert!(events.iter().any(|e| matches!(
        e,
        Event::TransactionEnded {
            committed: true,
            epoch: 1,
            ..
        }
    )));
    assert_eq!(c.producer().producer_epoch, 1);
    run(
        &mut c,
        "begin-transaction\nproduce payments value=c\nabort-transaction",
    );
    assert_eq!(c.producer().producer_epoch, 2);
    let tags: Vec<(i16, i32)> = c
        .log("payments", 0)
        .unwrap()
        .records()
        .iter()
        .map(|r| (r.producer.epoch, r.producer.sequence))
        .collect();
    // a, b at epoch 0; the COMMIT marker at 1; c at epoch 1, sequence 0; ABORT at 2.
    assert_eq!(tags, vec![(0, 0), (0, 1), (1, -1), (1, 0), (2, -1)]);
}

#[test]
fn a_transaction_that_sent_nothing_ends_without_a_marker_or_a_bump() {
    let mut c = setup();
    let events = run(&mut c, "begin-transaction\ncommit-transaction");
    assert!(!events
        .iter()
        .any(|e| matches!(e, Event::TransactionEnded { .. })));
    assert_eq!(c.producer().producer_epoch, 0);
}

#[test]
fn the_coordinator_aborts_a_transaction_left_open_past_its_timeout() {
    // TransactionStateManager#timedOutTransactions: start + transaction.timeout.ms < now,
    // checked every 10 s; the abort bumps the epoch and frees the last stable offset.
    let mut c = setup();
    run(&mut c, "begin-transaction\nproduce payments value=open");
    assert_eq!(c.log("payments", 0).unwrap().last_stable_offset(), 0);
    let events = run(&mut c, "tick 60s");
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, Event::TransactionTimedOut { .. })),
        "not yet: start + 60000 < 60000 is false"
    );
    let events = run(&mut c, "tick 10s");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::TransactionTimedOut { epoch: 1, .. })));
    assert_eq!(
        c.log("payments", 0).unwrap().last_stable_offset(),
        2,
        "the ABORT marker took offset 1"
    );
    // The producer learns at its next call: a send is fenced (INVALID_PRODUCER_EPOCH) and
    // the transaction can only be aborted, which adopts the coordinator's epoch.
    let events = run(&mut c, "produce payments value=late");
    assert!(
        matches!(events.last(), Some(Event::SendFailed { error, in_log: false, .. }) if error.kind == ErrorKind::InvalidProducerEpochException)
    );
    assert_eq!(
        refused(&mut c, "commit-transaction"),
        (ErrorKind::InvalidProducerEpochException, "Producer with transactionalId 'payments-tx' and (producerId=0, epoch=0) attempted to produce with an old epoch".into())
    );
    run(
        &mut c,
        "abort-transaction\nbegin-transaction\nproduce payments value=fresh\ncommit-transaction",
    );
    assert_eq!(c.producer().producer_epoch, 2);
}

#[test]
fn committing_a_transaction_the_coordinator_already_aborted_is_fatal() {
    let mut c = setup();
    run(
        &mut c,
        "begin-transaction\nproduce payments value=open\ntick 80s",
    );
    assert_eq!(
        refused(&mut c, "commit-transaction").0,
        ErrorKind::InvalidTxnStateException
    );
}

#[test]
fn a_transaction_timeout_above_the_broker_maximum_is_refused_at_init() {
    let mut c = Cluster::default();
    run(
        &mut c,
        "set-producer transactional.id=tx transaction.timeout.ms=900001",
    );
    assert_eq!(
        refused(&mut c, "init-transactions").0,
        ErrorKind::InvalidTxnTimeoutException
    );
}
