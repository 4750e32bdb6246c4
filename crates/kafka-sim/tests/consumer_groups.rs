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

// FetchCollector#handleInitializeErrors: a committed offset that retention has since
// deleted is OFFSET_OUT_OF_RANGE; with auto.offset.reset=none the consumer raises it
// (OffsetOutOfRangeException, not NoOffsetForPartitionException: there is an offset).
#[test]
fn a_committed_offset_retention_deleted_is_out_of_range_without_a_reset_policy() {
    let mut c = Cluster::default();
    run(
        &mut c,
        "create-topic t partitions=1 retention.ms=60000 segment.ms=1000\nproduce t key=a value=1\n\
         create-consumer c1 group=g auto.offset.reset=earliest enable.auto.commit=false\n\
         subscribe c1 topics=t\npoll c1\ncommit c1\nclose c1\n\
         tick 1100\nproduce t key=a value=2\ntick 1100\nproduce t key=a value=3\ntick 10m",
    );
    let start = c.log("t", 0).unwrap().log_start_offset();
    assert!(
        start > 1,
        "retention moved the log start past the commit: {start}"
    );
    run(
        &mut c,
        "create-consumer c2 group=g auto.offset.reset=none\nsubscribe c2 topics=t",
    );
    let err = c.apply(&"poll c2".parse().unwrap()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::OffsetOutOfRangeException);
    assert_eq!(
        err.message,
        "Fetch position FetchPosition{offset=1, offsetEpoch=Optional[0], currentLeader=LeaderAndEpoch{leader=Optional[localhost:9092 (id: 1 rack: null)], epoch=0}} is out of range for partition t-0"
    );
    // With a reset policy the same position resets instead, to the log start.
    run(
        &mut c,
        "create-consumer c3 group=g auto.offset.reset=earliest\nsubscribe c3 topics=t\npoll c3",
    );
    let tp = (std::sync::Arc::from("t"), 0);
    assert_eq!(c.consumer("c3").unwrap().positions.get(&tp), Some(&start));
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
    // c1 leads: it read its JoinGroup answer in this poll, assigned and synced.
    assert_eq!((g.state, g.generation), (GroupState::Stable, 2));
    // RangeAssignor: members sorted by member id, the first gets the extra partition.
    assert_eq!(owned(&c, "c1"), vec!["user-events-0", "user-events-1"]);
    // c2 reads its answer only in its own next poll.
    assert!(owned(&c, "c2").is_empty());
    assert_eq!(c.consumer("c2").unwrap().generation, -1);
    run(&mut c, "poll c2");
    assert_eq!(owned(&c, "c2"), vec!["user-events-2"]);
    assert_eq!(c.consumer("c2").unwrap().generation, 2);
}

#[test]
fn the_group_waits_in_completing_rebalance_until_the_leader_polls() {
    // ConsumerCoordinator#onLeaderElected runs in the leader's poll: a follower that
    // completes the barrier waits for it (AbstractCoordinator.JoinGroupResponseHandler).
    let mut c = cluster_with_records();
    run(&mut c, "create-consumer c1 group=g auto.offset.reset=earliest\nsubscribe c1 topics=user-events\npoll c1");
    run(&mut c, "create-consumer c2 group=g auto.offset.reset=earliest\nsubscribe c2 topics=user-events\npoll c2\npoll c1\npoll c2");
    assert_eq!(c.group("g").unwrap().generation, 2);
    run(&mut c, "create-consumer c3 group=g auto.offset.reset=earliest\nsubscribe c3 topics=user-events\npoll c3\npoll c1");
    // c1 rejoined but c2 has not: the barrier is up.
    assert_eq!(c.group("g").unwrap().state, GroupState::PreparingRebalance);
    let events = run(&mut c, "poll c2");
    assert!(
        polled(&events).is_empty(),
        "c2 waits for the leader's SyncGroup"
    );
    let g = c.group("g").unwrap();
    assert_eq!(
        (g.state, g.generation),
        (GroupState::CompletingRebalance, 3)
    );
    run(&mut c, "poll c1");
    assert_eq!(c.group("g").unwrap().state, GroupState::Stable);
    assert_eq!(owned(&c, "c1"), vec!["user-events-0"]);
    run(&mut c, "poll c2\npoll c3");
    assert_eq!(owned(&c, "c2"), vec!["user-events-1"]);
    assert_eq!(owned(&c, "c3"), vec!["user-events-2"]);
}

#[test]
fn a_crashed_member_keeps_its_partitions_until_its_session_times_out() {
    let mut c = cluster_with_records();
    run(&mut c, "create-consumer c1 group=g auto.offset.reset=earliest\nsubscribe c1 topics=user-events\npoll c1");
    run(&mut c, "create-consumer c2 group=g auto.offset.reset=earliest\nsubscribe c2 topics=user-events\npoll c2\npoll c1\ncrash-consumer c2");
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
    let events = run(
        &mut c,
        "produce user-events key=order-102 value=new\npoll c1",
    );
    // First round: c1 keeps two partitions and revokes only the one that moves, then
    // rejoins at once (KIP-429), still reading the two it keeps.
    let revoked: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::PartitionsRevoked { partitions, .. } => Some(partitions.len()),
            _ => None,
        })
        .collect();
    assert_eq!(revoked, vec![1]);
    assert_eq!(owned(&c, "c1").len(), 2);
    assert!(!polled(&events).is_empty(), "c1 reads what it keeps");
    assert!(
        owned(&c, "c2").is_empty(),
        "nobody owns the moving partition yet"
    );
    let g = c.group("g").unwrap();
    assert_eq!(
        (g.state, g.generation),
        (GroupState::PreparingRebalance, 2),
        "the follow-up rebalance"
    );
    // c2 rejoins (its first answer was dropped by the follow-up), then the leader
    // assigns generation 3, then c2 reads its answer.
    run(&mut c, "poll c2\npoll c1\npoll c2");
    assert_eq!(owned(&c, "c2").len(), 1);
    let g = c.group("g").unwrap();
    assert_eq!((g.state, g.generation), (GroupState::Stable, 3));
}

#[test]
fn the_poll_timer_expires_at_exactly_max_poll_interval_ms() {
    // Timer#isExpired: currentTimeMs >= deadlineMs.
    let mut c = cluster_with_records();
    run(&mut c, "create-consumer c1 group=g auto.offset.reset=earliest enable.auto.commit=false\nsubscribe c1 topics=user-events\npoll c1");
    let events = run(&mut c, "tick 299999");
    assert!(!events
        .iter()
        .any(|e| matches!(e, Event::PollTimeout { .. })));
    let events = run(&mut c, "tick 1");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::PollTimeout { .. })));
    // LeaveGroup from the last member: through PreparingRebalance to Empty, generation+1.
    let g = c.group("g").unwrap();
    assert_eq!((g.state, g.generation), (GroupState::Empty, 2));
}

#[test]
fn after_a_poll_timeout_commit_fails_and_the_next_poll_loses_the_partitions() {
    // AbstractCoordinator#maybeLeaveGroup keeps the assignment and fires no callback;
    // ConsumerCoordinator#sendOffsetCommitRequest then refuses locally, and
    // onJoinPrepare gives the partitions up as lost (generation reset), not revoked.
    let mut c = cluster_with_records();
    run(&mut c, "create-consumer c1 group=g auto.offset.reset=earliest enable.auto.commit=false\nsubscribe c1 topics=user-events\npoll c1");
    run(&mut c, "tick 300000");
    assert_eq!(owned(&c, "c1").len(), 3, "kept until the next poll");
    let err = c.apply(&"commit c1".parse().unwrap()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::CommitFailedException);
    assert_eq!(err.message, "Offset commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group.");
    let events = run(&mut c, "poll c1");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::PartitionsLost { partitions, .. } if partitions.len() == 3)));
    assert!(!events
        .iter()
        .any(|e| matches!(e, Event::PartitionsRevoked { .. })));
    // It joined again as a new member.
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::MemberJoined { .. })));
    assert_eq!(c.group("g").unwrap().generation, 3);
}

#[test]
fn commands_on_crashed_or_unknown_consumers_are_refused() {
    let mut c = cluster_with_records();
    run(
        &mut c,
        "create-consumer c1 group=g\nsubscribe c1 topics=user-events\ncrash-consumer c1",
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
            ErrorKind::ConfigException,
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

#[test]
fn a_member_whose_own_join_is_in_flight_gets_rebalance_in_progress_from_commit() {
    // ConsumerCoordinator#sendOffsetCommitRequest: generationIfStable() is null and
    // rebalanceInProgress(): RebalanceInProgressException, for commitSync and, through
    // its callback, commitAsync.
    let mut c = cluster_with_records();
    let coop = "partition.assignment.strategy=cooperative-sticky enable.auto.commit=false";
    run(&mut c, &format!("create-consumer k1 group=g auto.offset.reset=earliest {coop}\nsubscribe k1 topics=user-events\npoll k1"));
    run(&mut c, &format!("create-consumer k2 group=g auto.offset.reset=earliest {coop}\nsubscribe k2 topics=user-events\npoll k2"));
    // k1 has not polled since the rebalance began: still stable in generation 1, and the
    // broker accepts its commit while the group is PreparingRebalance.
    run(&mut c, "commit k1");
    // Now k1's poll sends its JoinGroup, and waits for k2.
    run(&mut c, "poll k1\npoll k1");
    let err = c.apply(&"commit k1".parse().unwrap()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::RebalanceInProgressException);
    assert_eq!(err.message, "Offset commit cannot be completed since the consumer is undergoing a rebalance for auto partition assignment. You can try completing the rebalance by calling poll() and then retry the operation.");
    let events = run(&mut c, "commit k1 async=true");
    assert!(
        matches!(&events[..], [Event::AsyncCommitFailed { error, .. }] if error.kind == ErrorKind::RebalanceInProgressException)
    );
}

#[test]
fn auto_commit_commits_before_an_eager_revoke_whatever_the_interval() {
    // ConsumerCoordinator#onJoinPrepare commits the positions before revoking; the
    // interval commit then waits for a completed join and restarts at the assignment.
    let mut c = cluster_with_records();
    run(&mut c, "create-consumer c1 group=g auto.offset.reset=earliest\nsubscribe c1 topics=user-events\npoll c1");
    run(&mut c, "create-consumer c2 group=g auto.offset.reset=earliest\nsubscribe c2 topics=user-events\npoll c2");
    let events = run(&mut c, "tick 1s\npoll c1");
    let commit = events.iter().position(|e| {
        matches!(
            e,
            Event::OffsetsCommitted {
                automatic: true,
                ..
            }
        )
    });
    let revoke = events
        .iter()
        .position(|e| matches!(e, Event::PartitionsRevoked { .. }));
    assert!(commit.is_some() && commit < revoke, "{events:?}");
    assert_eq!(
        kafka_sim::group::committed_offset(c.group("g").unwrap(), "user-events", 0),
        Some(10)
    );
    // The join completed in that poll: the 5 s interval counts from there.
    let events = run(&mut c, "tick 4999\npoll c1");
    assert!(!events
        .iter()
        .any(|e| matches!(e, Event::OffsetsCommitted { .. })));
    let events = run(&mut c, "tick 1\npoll c1");
    assert!(events.iter().any(|e| matches!(
        e,
        Event::OffsetsCommitted {
            automatic: true,
            ..
        }
    )));
}

#[test]
fn a_read_committed_consumer_with_latest_starts_at_the_last_stable_offset() {
    // Partition#fetchOffsetForTimestamp: READ_COMMITTED answers the LSO.
    let mut c = Cluster::default();
    run(&mut c, "create-topic t\nproduce t key=k value=before\nset-producer transactional.id=tx\ninit-transactions\nbegin-transaction\nproduce t key=k value=open");
    run(
        &mut c,
        "create-consumer rc group=g isolation.level=read_committed\nsubscribe rc topics=t\npoll rc",
    );
    run(&mut c, "commit-transaction");
    let events = run(&mut c, "poll rc");
    assert_eq!(
        polled(&events),
        vec![("t".to_string(), 0, 1)],
        "the record of the transaction that was open when it started"
    );
}

#[test]
fn a_static_member_closes_without_leaving_and_rejoins_without_a_rebalance() {
    // KIP-345: AbstractCoordinator#shouldSendLeaveGroupRequest sends no LeaveGroup for a
    // static member; GroupMetadataManager#updateStaticMemberThenRebalanceOrCompleteJoin
    // gives a returning instance its old assignment in the same generation.
    let mut c = cluster_with_records();
    run(&mut c, "create-consumer a group=g auto.offset.reset=earliest group.instance.id=app-a\nsubscribe a topics=user-events\npoll a");
    run(&mut c, "create-consumer b group=g auto.offset.reset=earliest group.instance.id=app-b\nsubscribe b topics=user-events\npoll b\npoll a\npoll b");
    let g = c.group("g").unwrap();
    assert_eq!((g.state, g.generation), (GroupState::Stable, 2));
    let b_owned = owned(&c, "b");
    let events = run(&mut c, "close b");
    assert!(!events
        .iter()
        .any(|e| matches!(e, Event::MemberRemoved { .. })));
    assert_eq!(c.group("g").unwrap().state, GroupState::Stable);
    // A restarted b (a new process, the same instance id) within session.timeout.ms.
    let events = run(&mut c, "tick 10s\ncreate-consumer b2 group=g auto.offset.reset=earliest group.instance.id=app-b\nsubscribe b2 topics=user-events\npoll b2");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::StaticMemberReplaced { .. })));
    assert!(!events
        .iter()
        .any(|e| matches!(e, Event::RebalanceStarted { .. })));
    let g = c.group("g").unwrap();
    assert_eq!((g.state, g.generation), (GroupState::Stable, 2));
    assert_eq!(owned(&c, "b2"), b_owned);
}

#[test]
fn a_second_live_instance_fences_the_first_static_member() {
    let mut c = cluster_with_records();
    run(&mut c, "create-consumer a group=g auto.offset.reset=earliest group.instance.id=app\nsubscribe a topics=user-events\npoll a");
    run(&mut c, "create-consumer a2 group=g auto.offset.reset=earliest group.instance.id=app\nsubscribe a2 topics=user-events\npoll a2");
    assert_eq!(owned(&c, "a2").len(), 3);
    let err = c.apply(&"poll a".parse().unwrap()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::FencedInstanceIdException);
}

#[test]
fn a_static_member_gone_past_its_session_is_removed_and_the_group_rebalances() {
    let mut c = cluster_with_records();
    run(&mut c, "create-consumer a group=g auto.offset.reset=earliest group.instance.id=app-a\nsubscribe a topics=user-events\npoll a");
    run(&mut c, "create-consumer b group=g auto.offset.reset=earliest group.instance.id=app-b\nsubscribe b topics=user-events\npoll b\npoll a\npoll b\nclose b");
    let events = run(&mut c, "tick 45s");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::MemberRemoved { consumer, .. } if &**consumer == "b")));
    assert_eq!(c.group("g").unwrap().state, GroupState::PreparingRebalance);
}

#[test]
fn when_every_member_misses_the_rebalance_timeout_the_generation_moves_once() {
    // Regression: the engine counted the empty group's join twice.
    // GroupMetadataManager#completeClassicGroupJoin removes the dynamic members that did
    // not rejoin, then initNextGeneration: generation+1, Empty.
    let mut c = cluster_with_records();
    let cfg = "auto.offset.reset=earliest max.poll.interval.ms=10000";
    for name in ["c1", "c2", "c3"] {
        run(
            &mut c,
            &format!("create-consumer {name} group=g {cfg}\nsubscribe {name} topics=user-events"),
        );
    }
    run(
        &mut c,
        "poll c1\npoll c2\npoll c1\npoll c2\npoll c3\npoll c1\npoll c2\npoll c1\npoll c2\npoll c3",
    );
    let g = c.group("g").unwrap();
    assert_eq!((g.state, g.generation), (GroupState::Stable, 3));
    run(
        &mut c,
        "close c3\ncrash-consumer c1\ncrash-consumer c2\ntick 1m",
    );
    let g = c.group("g").unwrap();
    assert_eq!((g.state, g.generation), (GroupState::Empty, 4));
}

#[test]
fn timers_fire_in_time_order_inside_one_tick() {
    // A session that expires at 45 s makes a rebalance that a later timer then sees.
    let mut c = cluster_with_records();
    run(&mut c, "create-consumer c1 group=g max.poll.interval.ms=10000\nsubscribe c1 topics=user-events\npoll c1");
    run(&mut c, "create-consumer c2 group=g max.poll.interval.ms=10000\nsubscribe c2 topics=user-events\npoll c2\ncrash-consumer c2\ncrash-consumer c1");
    // At 10 s the rebalance timeout removes c1 (it never rejoined) and completes the join
    // with c2; c2 never syncs, so 45 s later its session expires: generation 3, Empty.
    run(&mut c, "tick 1m");
    let g = c.group("g").unwrap();
    assert_eq!((g.state, g.generation), (GroupState::Empty, 3));
}

#[test]
fn committing_an_offset_of_a_partition_that_does_not_exist_times_out() {
    // KafkaApis#handleOffsetCommitRequest answers UNKNOWN_TOPIC_OR_PARTITION, which the
    // client retries until default.api.timeout.ms: commitSync throws TimeoutException,
    // commitAsync's callback gets RetriableCommitFailedException.
    let mut c = cluster_with_records();
    run(&mut c, "create-consumer c1 group=g auto.offset.reset=earliest enable.auto.commit=false\nsubscribe c1 topics=user-events\npoll c1");
    let e = c
        .apply(
            &"commit c1 topic=user-events partition=7 offset=1"
                .parse()
                .unwrap(),
        )
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::TimeoutException);
    assert_eq!(e.message, "Timeout of 60000ms expired before successfully committing offsets {user-events-7=OffsetAndMetadata{offset=1, leaderEpoch=null, metadata=''}}");
    let events = run(
        &mut c,
        "commit c1 topic=nowhere partition=0 offset=1 async=true",
    );
    assert!(
        matches!(&events[..], [Event::AsyncCommitFailed { error, .. }] if error.kind == ErrorKind::RetriableCommitFailedException)
    );
}

#[test]
fn closing_a_closed_consumer_does_nothing_and_using_it_is_refused() {
    // ClassicKafkaConsumer#close: `if (!closed)`; every other call: acquireAndEnsureOpen.
    let mut c = cluster_with_records();
    run(
        &mut c,
        "create-consumer c1 group=g\nsubscribe c1 topics=user-events\npoll c1\nclose c1",
    );
    assert!(run(&mut c, "close c1").is_empty());
    let e = c.apply(&"poll c1".parse().unwrap()).unwrap_err();
    assert_eq!(
        (e.kind, e.message.as_str()),
        (
            ErrorKind::IllegalStateException,
            "This consumer has already been closed."
        )
    );
}
