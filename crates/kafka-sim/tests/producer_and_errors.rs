//! The producer's partitioning memory and the errors a client or broker gives, one
//! command at a time: arrange, apply, assert the exact outcome.

use kafka_sim::partitioner::Routing;
use kafka_sim::{Cluster, Command, ErrorKind, Event};

fn apply(cluster: &mut Cluster, text: &str) -> Result<Vec<Event>, kafka_sim::KafkaError> {
    cluster.apply(&text.parse::<Command>().unwrap())
}

fn routings(events: &[Event]) -> Vec<Routing> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::RecordAppended { routing, .. } => Some(*routing),
            _ => None,
        })
        .collect()
}

#[test]
fn the_java_sticky_partition_moves_once_batch_size_bytes_went_to_it() {
    let mut c = Cluster::default();
    apply(&mut c, "create-topic pv partitions=3").unwrap();
    apply(&mut c, "set-producer batch.size=200").unwrap();
    let mut switched = Vec::new();
    for i in 1..=7 {
        // "/page/N": a 75-byte single-record batch; three reach 200 bytes.
        let events = apply(&mut c, &format!("produce pv value=/page/{i}")).unwrap();
        match routings(&events)[0] {
            Routing::Sticky { switched: s, .. } => switched.push(s),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(switched, vec![true, false, false, true, false, false, true]);
}

#[test]
fn a_new_producer_config_starts_a_fresh_sticky_run() {
    let mut c = Cluster::default();
    apply(&mut c, "create-topic pv partitions=3").unwrap();
    apply(&mut c, "produce pv value=a").unwrap();
    apply(&mut c, "set-producer batch.size=200").unwrap();
    let events = apply(&mut c, "produce pv value=b").unwrap();
    assert!(matches!(
        routings(&events)[0],
        Routing::Sticky { switched: true, .. }
    ));
}

#[test]
fn librdkafka_keeps_keyless_records_on_one_partition_for_the_linger() {
    let mut c = Cluster::default();
    apply(&mut c, "create-topic pv partitions=5").unwrap();
    let mut partitions = Vec::new();
    for _ in 0..6 {
        let events = apply(&mut c, "produce pv value=x partitioner=consistent_random").unwrap();
        let Some(Event::RecordAppended {
            partition, routing, ..
        }) = events
            .iter()
            .find(|e| matches!(e, Event::RecordAppended { .. }))
        else {
            panic!()
        };
        assert!(matches!(
            routing,
            Routing::LingerSticky { linger_ms: 10, .. }
        ));
        partitions.push(*partition);
    }
    assert!(
        partitions.windows(2).all(|w| w[0] == w[1]),
        "{partitions:?}"
    );
    apply(&mut c, "tick 10").unwrap();
    let events = apply(&mut c, "produce pv value=x partitioner=consistent_random").unwrap();
    assert!(matches!(
        routings(&events)[0],
        Routing::LingerSticky {
            switched: true,
            since_ms: 10,
            ..
        }
    ));
}

#[test]
fn with_no_linger_librdkafka_consistent_hashes_a_null_key_as_nothing() {
    let mut c = Cluster::default();
    apply(&mut c, "create-topic pv partitions=5").unwrap();
    apply(
        &mut c,
        "set-producer sticky.partitioning.linger.ms=0 partitioner=consistent",
    )
    .unwrap();
    let events = apply(&mut c, "produce pv value=x").unwrap();
    assert!(matches!(
        events.last().unwrap(),
        Event::RecordAppended {
            partition: 0,
            routing: Routing::Hashed(_),
            ..
        }
    ));
}

#[test]
fn producing_to_an_unknown_topic_times_out_like_the_java_client() {
    let mut c = Cluster::default();
    let err = apply(&mut c, "produce nowhere value=x").unwrap_err();
    assert_eq!(err.kind, ErrorKind::TimeoutException);
    assert_eq!(
        err.message,
        "Topic nowhere not present in metadata after 60000 ms."
    );
}

#[test]
fn an_explicit_partition_is_checked_by_the_record_and_then_by_metadata() {
    let mut c = Cluster::default();
    apply(&mut c, "create-topic t partitions=3").unwrap();
    let err = apply(&mut c, "produce t value=x partition=-1").unwrap_err();
    assert_eq!(err.kind, ErrorKind::IllegalArgumentException);
    assert_eq!(
        err.message,
        "Invalid partition: -1. Partition number should always be non-negative or null."
    );
    let err = apply(&mut c, "produce t value=x partition=7").unwrap_err();
    assert_eq!(err.kind, ErrorKind::TimeoutException);
    assert_eq!(
        err.message,
        "Partition 7 of topic t with partition count 3 is not present in metadata after 60000 ms."
    );
}

#[test]
fn a_huge_partition_count_is_refused_quickly_instead_of_exhausting_memory() {
    // Review finding: partitions=2147483647 would have allocated every partition.
    let mut c = Cluster::default();
    let err = apply(&mut c, "create-topic big partitions=2147483647").unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidPartitionsException);
    apply(&mut c, "create-topic t partitions=3").unwrap();
    let err = apply(&mut c, "alter-topic t partitions=10001").unwrap_err();
    assert_eq!(err.kind, ErrorKind::InvalidPartitionsException);
    assert!(apply(&mut c, "alter-topic t partitions=10000").is_ok());
}

#[test]
fn topic_errors_are_kafkas() {
    let mut c = Cluster::default();
    apply(&mut c, "create-topic orders partitions=3").unwrap();
    let cases = [
        ("create-topic orders", ErrorKind::TopicExistsException, "Topic 'orders' already exists."),
        (
            "create-topic x partitions=0",
            ErrorKind::InvalidPartitionsException,
            "Number of partitions was set to an invalid non-positive value.",
        ),
        (
            "create-topic x replication-factor=0",
            ErrorKind::InvalidReplicationFactorException,
            "Replication factor must be larger than 0, or -1 to use the default value.",
        ),
        (
            "create-topic x replication-factor=3",
            ErrorKind::InvalidReplicationFactorException,
            "Unable to replicate the partition 3 time(s): The target replication factor of 3 cannot be reached because only 1 broker(s) are registered or some brokers have all their log directories cordoned.",
        ),
        ("alter-topic orders partitions=3", ErrorKind::InvalidPartitionsException, "Topic already has 3 partition(s)."),
        (
            "alter-topic orders partitions=2",
            ErrorKind::InvalidPartitionsException,
            "The topic orders currently has 3 partition(s); 2 would not be an increase.",
        ),
    ];
    for (text, kind, message) in cases {
        let before = c.clone();
        let err = apply(&mut c, text).unwrap_err();
        assert_eq!((err.kind, err.message.as_str()), (kind, message), "{text}");
        assert_eq!(c, before, "{text} changed nothing");
    }
}

#[test]
fn a_script_stops_at_the_first_refusal_and_names_its_line() {
    let mut c = Cluster::default();
    let err = c
        .apply_script(
            "# a comment\ncreate-topic t partitions=1\n\nproduce nope value=x\nproduce t value=y\n",
        )
        .unwrap_err();
    assert_eq!((err.0, err.1.kind), (4, ErrorKind::TimeoutException));
    assert_eq!(
        c.topic("t").map(|t| t.partitions.len()),
        Some(1),
        "earlier lines stay applied"
    );
    assert_eq!(
        c.log("t", 0).unwrap().records().len(),
        0,
        "later lines never ran"
    );
}

#[test]
fn a_running_producer_sends_to_added_partitions_only_after_its_metadata_refresh() {
    // KafkaProducer keeps its metadata for metadata.max.age.ms (300000): keys keep their
    // old partition until then; a record naming a new partition makes it refresh at once
    // (KafkaProducer#waitOnMetadata). A new producer starts with fresh metadata.
    let mut c = Cluster::default();
    apply(&mut c, "create-topic t partitions=3").unwrap();
    apply(&mut c, "produce t key=user-1 value=a").unwrap();
    apply(&mut c, "alter-topic t partitions=5").unwrap();
    let partition = |events: Vec<Event>| {
        events.iter().find_map(|e| match e {
            Event::RecordAppended { partition, .. } => Some(*partition),
            _ => None,
        })
    };
    assert_eq!(
        partition(apply(&mut c, "produce t key=user-1 value=b").unwrap()),
        Some(2)
    );
    assert_eq!(
        partition(apply(&mut c, "tick 299999").map(|_| Vec::new()).unwrap()),
        None
    );
    assert_eq!(
        partition(apply(&mut c, "produce t key=user-1 value=c").unwrap()),
        Some(2)
    );
    apply(&mut c, "tick 1").unwrap();
    assert_eq!(
        partition(apply(&mut c, "produce t key=user-1 value=d").unwrap()),
        Some(3)
    );
    let mut c2 = Cluster::default();
    apply(&mut c2, "create-topic t partitions=3").unwrap();
    apply(&mut c2, "produce t key=user-1 value=a").unwrap();
    apply(&mut c2, "alter-topic t partitions=5").unwrap();
    assert_eq!(
        partition(apply(&mut c2, "produce t value=x partition=4").unwrap()),
        Some(4)
    );
    assert_eq!(
        partition(apply(&mut c2, "produce t key=user-1 value=b").unwrap()),
        Some(3)
    );
}

#[test]
fn a_config_the_simulation_does_not_model_is_accepted_and_said_so() {
    // The Java client accepts any config name (AbstractConfig): a real setting this
    // simulation does not model changes nothing here; a name Kafka does not know only
    // gets its warning (AbstractConfig#logUnused).
    let mut c = Cluster::default();
    let events = apply(&mut c, "set-producer linger.ms=20").unwrap();
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::ConfigNotModelled { name, note, .. }
        if &**name == "linger.ms" && note.contains("does not model"))));
    let events = apply(
        &mut c,
        "create-consumer c group=g auto.offset.rest=earliest",
    )
    .unwrap();
    assert!(events.iter().any(|e| matches!(e, Event::ConfigNotModelled { note, .. }
        if note == "These configurations '[auto.offset.rest]' were supplied but are not used yet.")));
}
