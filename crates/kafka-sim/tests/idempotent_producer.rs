//! The idempotent producer against lost requests and lost acknowledgements (KIP-98):
//! a retry after a lost acknowledgement writes a second copy unless idempotence is on,
//! in which case the broker recognises the sequence number and answers with the first
//! copy's offset. Configs and messages as `ProducerConfig` (Kafka 4.x) has them.

use kafka_sim::error::ErrorKind;
use kafka_sim::event::Event;
use kafka_sim::Cluster;
use proptest::prelude::*;

fn run(c: &mut Cluster, script: &str) -> Vec<Event> {
    c.apply_script(script)
        .unwrap_or_else(|(line, e)| panic!("line {line}: {e}"))
}

fn values(c: &Cluster, topic: &str, partition: u32) -> Vec<String> {
    c.log(topic, partition)
        .unwrap()
        .records()
        .iter()
        .map(|r| r.value.as_deref().unwrap_or("null").to_string())
        .collect()
}

fn names(events: &[Event]) -> Vec<&'static str> {
    events
        .iter()
        .map(|e| match e {
            Event::ProducerIdAssigned { .. } => "ProducerIdAssigned",
            Event::RecordAppended { .. } => "RecordAppended",
            Event::AckLost { .. } => "AckLost",
            Event::RequestLost { .. } => "RequestLost",
            Event::ProduceRetried { .. } => "ProduceRetried",
            Event::DuplicateIgnored { .. } => "DuplicateIgnored",
            Event::SendFailed { .. } => "SendFailed",
            _ => "other",
        })
        .collect()
}

fn cluster(producer: &str) -> Cluster {
    let mut c = Cluster::default();
    run(&mut c, "create-topic payments partitions=1");
    if !producer.is_empty() {
        run(&mut c, &format!("set-producer {producer}"));
    }
    c
}

#[test]
fn by_default_a_retry_after_a_lost_ack_is_recognised_and_not_written_twice() {
    let mut c = cluster("");
    let events = run(
        &mut c,
        "produce payments key=p1 value=charge-100 fault=lost-ack\nproduce payments key=p1 value=charge-200",
    );
    assert_eq!(
        names(&events),
        vec![
            "ProducerIdAssigned",
            "RecordAppended",
            "AckLost",
            "ProduceRetried",
            "DuplicateIgnored",
            "RecordAppended"
        ]
    );
    assert!(matches!(
        events[4],
        Event::DuplicateIgnored {
            offset: 0,
            sequence: 0,
            ..
        }
    ));
    assert_eq!(values(&c, "payments", 0), vec!["charge-100", "charge-200"]);
    let tags: Vec<_> = c
        .log("payments", 0)
        .unwrap()
        .records()
        .iter()
        .map(|r| (r.producer.id, r.producer.epoch, r.producer.sequence))
        .collect();
    assert_eq!(
        tags,
        vec![(0, 0, 0), (0, 0, 1)],
        "producer id 0, epoch 0, sequences 0 and 1"
    );
}

#[test]
fn without_idempotence_the_retry_writes_a_duplicate() {
    let mut c = cluster("enable.idempotence=false");
    let events = run(
        &mut c,
        "produce payments key=p1 value=charge-100 fault=lost-ack",
    );
    assert_eq!(
        names(&events),
        vec![
            "RecordAppended",
            "AckLost",
            "ProduceRetried",
            "RecordAppended"
        ]
    );
    assert_eq!(values(&c, "payments", 0), vec!["charge-100", "charge-100"]);
    assert!(c
        .log("payments", 0)
        .unwrap()
        .records()
        .iter()
        .all(|r| r.producer.id == -1 && r.producer.sequence == -1));
}

#[test]
fn a_lost_request_is_retried_once_and_written_once_either_way() {
    for producer in ["", "enable.idempotence=false"] {
        let mut c = cluster(producer);
        let events = run(&mut c, "produce payments value=v fault=lost-request");
        assert!(
            names(&events).ends_with(&["RequestLost", "ProduceRetried", "RecordAppended"]),
            "{producer}"
        );
        assert_eq!(values(&c, "payments", 0), vec!["v"]);
    }
}

#[test]
fn acks_0_never_retries_and_never_hears_of_a_loss() {
    let mut c = cluster("acks=0");
    assert!(
        !c.producer().idempotent(),
        "acks=0 quietly turns the default idempotence off"
    );
    let events = run(
        &mut c,
        "produce payments value=a fault=lost-ack\nproduce payments value=b fault=lost-request",
    );
    assert_eq!(
        names(&events),
        vec!["RecordAppended", "AckLost", "RequestLost"]
    );
    assert_eq!(
        values(&c, "payments", 0),
        vec!["a"],
        "b is lost and nobody is told"
    );
}

#[test]
fn with_retries_0_the_send_fails_but_a_lost_ack_leaves_the_record_in_the_log() {
    let mut c = cluster("retries=0");
    let events = run(
        &mut c,
        "produce payments value=a fault=lost-ack\nproduce payments value=b fault=lost-request",
    );
    let failures: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::SendFailed { error, in_log, .. } => {
                Some((error.kind, error.message.clone(), *in_log))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        failures,
        vec![
            (
                ErrorKind::TimeoutException,
                "Disconnected from node 1 due to timeout".to_string(),
                true
            ),
            (
                ErrorKind::TimeoutException,
                "Disconnected from node 1 due to timeout".to_string(),
                false
            ),
        ]
    );
    assert_eq!(values(&c, "payments", 0), vec!["a"]);
}

#[test]
fn conflicting_configs_are_config_exceptions_only_when_idempotence_is_explicit() {
    let refused = |configs: &str| {
        let mut c = cluster("");
        let before = c.clone();
        let e = c
            .apply(&format!("set-producer {configs}").parse().unwrap())
            .unwrap_err();
        assert_eq!(c, before, "a refused config changes nothing");
        assert_eq!(e.kind, ErrorKind::ConfigException);
        e.message
    };
    assert_eq!(
        refused("enable.idempotence=true acks=1"),
        "Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence."
    );
    assert_eq!(
        refused("enable.idempotence=true retries=0"),
        "Must set retries to non-zero when using the idempotent producer."
    );
    // Kafka 4.x: more than five in flight is refused unless idempotence is off explicitly.
    assert_eq!(
        refused("max.in.flight.requests.per.connection=6"),
        "To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is 6."
    );
    let mut c = cluster("enable.idempotence=false max.in.flight.requests.per.connection=6");
    assert!(!c.producer().idempotent());
    run(&mut c, "set-producer acks=1");
    assert!(
        !c.producer().idempotent(),
        "acks=1 turns the default off quietly"
    );
}

#[test]
fn an_idempotent_producer_answers_a_sequence_gap_by_bumping_its_epoch() {
    // TransactionManager#canRetry: "For the idempotent producer, retry all
    // OUT_OF_ORDER_SEQUENCE_NUMBER errors": the client bumps its epoch (KIP-360) and sends
    // the batch again as sequence 0 of the new epoch. The application sees success.
    let mut c = cluster("");
    run(&mut c, "produce payments value=a\nproduce payments value=b");
    let events = run(&mut c, "produce payments value=x sequence=5");
    assert!(events.iter().any(|e| matches!(
        e,
        Event::SequenceRefused {
            sequence: 5,
            expected: 2,
            ..
        }
    )));
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::ProducerEpochBumped { epoch: 1, .. })));
    assert!(matches!(
        events.last(),
        Some(Event::RecordAppended { offset: 2, .. })
    ));
    run(&mut c, "produce payments value=y");
    let tags: Vec<(i16, i32)> = c
        .log("payments", 0)
        .unwrap()
        .records()
        .iter()
        .map(|r| (r.producer.epoch, r.producer.sequence))
        .collect();
    assert_eq!(tags, vec![(0, 0), (0, 1), (1, 0), (1, 1)]);
}

#[test]
fn a_replayed_sequence_is_answered_with_its_first_offset() {
    let mut c = cluster("");
    run(&mut c, "produce payments value=a\nproduce payments value=b");
    let events = run(&mut c, "produce payments value=b-again sequence=1");
    assert!(matches!(
        events.last(),
        Some(Event::DuplicateIgnored {
            offset: 1,
            sequence: 1,
            ..
        })
    ));
    assert_eq!(values(&c, "payments", 0), vec!["a", "b"]);
}

#[test]
fn a_transactional_producer_gets_a_sequence_gap_as_an_abortable_error() {
    let mut c = cluster("");
    run(&mut c, "set-producer transactional.id=tx\ninit-transactions\nbegin-transaction\nproduce payments value=a");
    let events = run(&mut c, "produce payments value=x sequence=9");
    assert!(
        matches!(events.last(), Some(Event::SendFailed { error, .. })
        if error.kind == ErrorKind::OutOfOrderSequenceException
            && error.message == "The broker received an out of order sequence number.")
    );
    let e = c.apply(&"commit-transaction".parse().unwrap()).unwrap_err();
    assert_eq!(
        (e.kind, e.message.as_str()),
        (
            ErrorKind::KafkaException,
            "Cannot execute transactional method because we are in an error state"
        )
    );
    run(
        &mut c,
        "abort-transaction\nbegin-transaction\nproduce payments value=b\ncommit-transaction",
    );
    let values = values(&c, "payments", 0);
    assert_eq!(values[values.len() - 2], "b", "{values:?}");
}

#[test]
fn a_new_producer_gets_a_new_id_and_sequences_start_again() {
    let mut c = cluster("");
    run(
        &mut c,
        "produce payments value=a\nset-producer batch.size=16384\nproduce payments value=b",
    );
    let tags: Vec<_> = c
        .log("payments", 0)
        .unwrap()
        .records()
        .iter()
        .map(|r| (r.producer.id, r.producer.sequence))
        .collect();
    assert_eq!(tags, vec![(0, 0), (1, 0)]);
}

proptest! {
    /// Whatever is lost on the way, an idempotent producer's records are in the log
    /// exactly once and in order; without idempotence every lost ack is one duplicate.
    #[test]
    fn idempotence_gives_exactly_one_copy_for_any_pattern_of_faults(faults in proptest::collection::vec(0u8..3, 1..40)) {
        for idempotent in [true, false] {
            let mut c = cluster(if idempotent { "" } else { "enable.idempotence=false" });
            let mut expected = Vec::new();
            for (i, f) in faults.iter().enumerate() {
                let fault = match f { 0 => "", 1 => " fault=lost-ack", _ => " fault=lost-request" };
                run(&mut c, &format!("produce payments value=v{i}{fault}"));
                expected.push(format!("v{i}"));
                if !idempotent && *f == 1 {
                    expected.push(format!("v{i}"));
                }
            }
            prop_assert_eq!(values(&c, "payments", 0), expected);
        }
    }
}
