//! Consumers and groups, a command at a time: joins, generations, the eager and the
//! cooperative protocol, session and poll timeouts, commits and lag.

use kafka_sim::event::Event;
use kafka_sim::group::GroupState;
use kafka_sim::{Cluster, ErrorKind};

fn run(c: &mut Cluster, script: &str) -> Vec<Event> {
    c.apply_script(script)
        .unwrap_or_else(|(line, e)| panic!("line {line}: {e}"))
}

fn owned(c: &Cluster, consumer: &str) -> Vec<String> {
    c.consumer(consumer)
        .unwrap()
        .owned
        .iter()
        .map(kafka_sim::consumer::tp_name)
        .collect()
}

fn polled(events: &[Event]) -> Vec<(String, u32, i64)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::RecordsPolled { records, .. } => {
                Some(records.iter().map(|(t, p, o)| (t.to_string(), *p, *o)))
            }
            _ => None,
        })
        .flatten()
        .collect()
}

fn cluster_with_records() -> Cluster {
    let mut c = Cluster::default();
    run(&mut c, "create-topic user-events partitions=3");
    for i in 0..10 {
        for u in ["user-1", "order-102", "order-100"] {
            run(&mut c, &format!("produce user-events key={u} value=v{i}"));
        }
    }
    c
}

#[test]
fn a_lone_consumer_joins_gets_every_partition_and_reads_from_the_earliest_offset() {
    let mut c = cluster_with_records();
    let events = run(
        &mut c,
        "create-consumer c1 group=g auto.offset.reset=earliest max.poll.records=500\nsubscribe c1 topics=user-events\npoll c1",
    );
    assert_eq!(
        owned(&c, "c1"),
        vec!["user-events-0", "user-events-1", "user-events-2"]
    );
    let g = c.group("g").unwrap();
    assert_eq!((g.state, g.generation), (GroupState::Stable, 1));
    let records = polled(&events);
    assert_eq!(records.len(), 30);
    // Per partition, offsets come in order from 0.
    for p in 0..3 {
        let offsets: Vec<i64> = records.iter().filter(|r| r.1 == p).map(|r| r.2).collect();
        assert_eq!(offsets, (0..10).collect::<Vec<_>>(), "partition {p}");
    }
}

#[test]
fn latest_skips_what_is_there_and_none_refuses_without_a_committed_offset() {
    let mut c = cluster_with_records();
    let events = run(
        &mut c,
        "create-consumer c1 group=g\nsubscribe c1 topics=user-events\npoll c1",
    );
    assert!(
        polled(&events).is_empty(),
        "auto.offset.reset=latest by default"
    );
    let events = run(&mut c, "produce user-events key=user-1 value=new\npoll c1");
    assert_eq!(polled(&events), vec![("user-events".to_string(), 2, 10)]);

    run(&mut c, "create-consumer strict group=h auto.offset.reset=none\nsubscribe strict topics=user-events");
    let before = c.clone();
    let err = c.apply(&"poll strict".parse().unwrap()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::NoOffsetForPartitionException);
    assert!(err
        .message
        .starts_with("Undefined offset with no reset policy for partitions: [user-events-"));
    assert_eq!(c, before, "a refused poll changes nothing");
}

#[test]
fn a_second_member_triggers_an_eager_rebalance_and_range_splits_the_partitions() {
    let mut c = cluster_with_records();
    run(&mut c, "create-consumer c1 group=g auto.offset.reset=earliest\nsubscribe c1 topics=user-events\npoll c1");
    run(&mut c, "create-consumer c2 group=g auto.offset.reset=earliest\nsubscribe c2 topics=user-events\npoll c2");
    assert_eq!(c.group("g").unwrap().state, GroupState::PreparingRebalance);
    assert_eq!(
        owned(&c, "c2"),
        Vec::<String>::new(),
        "c2 waits for c1 to rejoin"
    );
    let events = run(&mut c, "poll c1");
    // Eager: c1 revoked everything before rejoining (stop the world).
    assert!(events.iter().any(|e| matches!(e, Event::PartitionsRevoked { consumer, partitions } if &**consumer == "c1" && partitions.len() == 3)));
    let g = c.group("g").unwrap();
    assert_eq!((g.state, g.generation), (GroupState::Stable, 2));
    // RangeAssignor: members sorted by member id, the first gets the extra partition.
    assert_eq!(owned(&c, "c1"), vec!["user-events-0", "user-events-1"]);
    assert_eq!(owned(&c, "c2"), vec!["user-events-2"]);
}

#[test]
fn a_crashed_member_keeps_its_partitions_until_its_session_times_out() {
    let mut c = cluster_with_records();
    run(&mut c, "create-consumer c1 group=g auto.offset.reset=earliest\nsubscribe c1 topics=user-events\npoll c1");
    run(&mut c, "create-consumer c2 group=g auto.offset.reset=earliest\nsubscribe c2 topics=user-events\npoll c2\npoll c1\ncrash c2");
    run(&mut c, "tick 44s");
    assert_eq!(
        c.group("g").unwrap().members.len(),
        2,
        "not yet: session.timeout.ms is 45 s"
    );
    let events = run(&mut c, "tick 1s");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::MemberRemoved { consumer, .. } if &**consumer == "c2")));
    run(&mut c, "poll c1");
    assert_eq!(owned(&c, "c1").len(), 3);
    assert_eq!(c.group("g").unwrap().generation, 3);
}

#[test]
fn lag_is_the_high_watermark_minus_the_committed_offset() {
    let mut c = cluster_with_records();
    run(
        &mut c,
        "create-consumer c1 group=g auto.offset.reset=earliest enable.auto.commit=false max.poll.records=4\nsubscribe c1 topics=user-events\npoll c1\ncommit c1",
    );
    let g = c.group("g").unwrap();
    let rows = g.describe(&c);
    let committed: Vec<Option<i64>> = rows.iter().map(|r| r.current_offset).collect();
    let total: i64 = rows.iter().filter_map(|r| r.lag).sum();
    assert_eq!(
        committed.iter().flatten().sum::<i64>(),
        4,
        "four records consumed and committed"
    );
    assert_eq!(total, 26);
    assert_eq!(g.total_lag(&c), 26);
}

#[test]
fn auto_commit_commits_what_earlier_polls_returned_once_the_interval_passed() {
    let mut c = cluster_with_records();
    run(&mut c, "create-consumer c1 group=g auto.offset.reset=earliest max.poll.records=5\nsubscribe c1 topics=user-events\npoll c1");
    assert!(c.group("g").unwrap().committed.is_empty());
    let events = run(&mut c, "tick 5s\npoll c1");
    let commit = events.iter().find_map(|e| match e {
        Event::OffsetsCommitted {
            offsets,
            automatic: true,
            ..
        } => Some(offsets.iter().map(|o| o.2).sum::<i64>()),
        _ => None,
    });
    assert_eq!(
        commit,
        Some(5),
        "the five records of the first poll, not the second's"
    );
}

#[test]
fn cooperative_rebalancing_moves_only_what_moves_in_two_rounds() {
    let mut c = cluster_with_records();
    let strategy = "partition.assignment.strategy=cooperative-sticky";
    run(&mut c, &format!("create-consumer c1 group=g auto.offset.reset=earliest {strategy}\nsubscribe c1 topics=user-events\npoll c1"));
    run(&mut c, &format!("create-consumer c2 group=g auto.offset.reset=earliest {strategy}\nsubscribe c2 topics=user-events\npoll c2"));
    let events = run(&mut c, "poll c1");
    // First round: c1 keeps two partitions and revokes only the one that moves.
    let revoked: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::PartitionsRevoked { partitions, .. } => Some(partitions.len()),
            _ => None,
        })
        .collect();
    assert_eq!(revoked, vec![1]);
    assert_eq!(owned(&c, "c1").len(), 2);
    assert!(
        owned(&c, "c2").is_empty(),
        "nobody owns the moving partition yet"
    );
    assert_eq!(
        c.group("g").unwrap().state,
        GroupState::PreparingRebalance,
        "a follow-up rebalance"
    );
    run(&mut c, "poll c1\npoll c2");
    assert_eq!(owned(&c, "c2").len(), 1);
    assert_eq!(c.group("g").unwrap().state, GroupState::Stable);
}

#[test]
fn a_consumer_that_stops_polling_leaves_and_its_commit_fails() {
    let mut c = cluster_with_records();
    run(&mut c, "create-consumer c1 group=g auto.offset.reset=earliest enable.auto.commit=false\nsubscribe c1 topics=user-events\npoll c1");
    let events = run(&mut c, "tick 300001");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::PollTimeout { .. })));
    assert_eq!(c.group("g").unwrap().state, GroupState::Empty);
    // Its partitions were revoked as it left; a later commit has nothing of its own to commit.
    assert!(owned(&c, "c1").is_empty());
}

#[test]
fn commands_on_crashed_or_unknown_consumers_are_refused() {
    let mut c = cluster_with_records();
    run(
        &mut c,
        "create-consumer c1 group=g\nsubscribe c1 topics=user-events\ncrash c1",
    );
    for (text, kind) in [
        ("poll c1", ErrorKind::IllegalStateException),
        ("poll nobody", ErrorKind::IllegalStateException),
        (
            "create-consumer c1 group=g",
            ErrorKind::IllegalStateException,
        ),
        (
            "create-consumer c9 group=g auto.offset.reset=smallest",
            ErrorKind::InvalidConfigurationException,
        ),
    ] {
        let err = c.apply(&text.parse().unwrap()).unwrap_err();
        assert_eq!(err.kind, kind, "{text}");
    }
}

#[test]
fn commit_sync_of_an_explicit_offset_and_commit_async_whose_failure_goes_to_the_callback() {
    let mut c = cluster_with_records();
    run(
        &mut c,
        "create-consumer c1 group=g auto.offset.reset=earliest enable.auto.commit=false\nsubscribe c1 topics=user-events\npoll c1",
    );
    // commitSync(Map): exactly the given offset, the next one to read.
    run(&mut c, "commit c1 topic=user-events partition=2 offset=1");
    assert_eq!(
        kafka_sim::group::committed_offset(c.group("g").unwrap(), "user-events", 2),
        Some(1)
    );
    assert_eq!(
        kafka_sim::group::committed_offset(c.group("g").unwrap(), "user-events", 0),
        None,
        "nothing else was committed"
    );
    // Processing slower than max.poll.interval.ms: the consumer left the group, so
    // committing what it processed fails. commitSync throws; commitAsync hands the error
    // to its callback and returns.
    run(&mut c, "tick 300001");
    let sync = c.apply(
        &"commit c1 topic=user-events partition=2 offset=3"
            .parse()
            .unwrap(),
    );
    assert_eq!(sync.unwrap_err().kind, ErrorKind::CommitFailedException);
    let events = run(
        &mut c,
        "commit c1 topic=user-events partition=2 offset=3 async=true",
    );
    assert!(
        matches!(&events[..], [Event::AsyncCommitFailed { error, .. }] if error.kind == ErrorKind::CommitFailedException)
    );
}
