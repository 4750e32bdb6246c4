//! The consumer group protocol (KIP-848, `group.protocol=consumer`), a command at a time:
//! the client's config checks, epochs, the target assignment and its interval,
//! revocation before reassignment, commits, leaving and timeouts. Rules from the
//! group-coordinator module (`GroupMetadataManager`, `ConsumerGroup`,
//! `CurrentAssignmentBuilder`) and the client (`ConsumerConfig`,
//! `AbstractMembershipManager`), Kafka 4.x.

use kafka_sim::event::Event;
use kafka_sim::group::GroupState;
use kafka_sim::{Cluster, ErrorKind};

fn run(c: &mut Cluster, script: &str) -> Vec<Event> {
    c.apply_script(script)
        .unwrap_or_else(|(line, e)| panic!("line {line}: {e}"))
}

fn owned(c: &Cluster, consumer: &str) -> Vec<u32> {
    c.consumer(consumer)
        .unwrap()
        .owned
        .iter()
        .map(|(_, p)| *p)
        .collect()
}

fn state(c: &Cluster, group: &str) -> (GroupState, i32) {
    let g = c.group(group).unwrap();
    (g.state, g.generation)
}

/// A topic of three partitions with a record in each, and `members` consumers created and
/// subscribed (not polled yet).
fn setup(members: &[&str]) -> Cluster {
    let mut c = Cluster::default();
    run(
        &mut c,
        "create-topic t partitions=3\nproduce t key=user-8 value=a\nproduce t key=user-4 value=a\nproduce t key=user-1 value=a",
    );
    for m in members {
        run(&mut c, &format!("create-consumer {m} group=g group.protocol=consumer auto.offset.reset=earliest enable.auto.commit=false\nsubscribe {m} topics=t"));
    }
    c
}

#[test]
fn the_classic_settings_are_refused_under_the_consumer_protocol() {
    // ConsumerConfig#checkUnsupportedConfigsPostProcess: set at all, even to the default.
    let mut c = Cluster::default();
    let e = c
        .apply(&"create-consumer c group=g group.protocol=consumer session.timeout.ms=45000 partition.assignment.strategy=range".parse().unwrap())
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::ConfigException);
    assert_eq!(
        e.message,
        "partition.assignment.strategy, session.timeout.ms cannot be set when group.protocol=CONSUMER"
    );
    let e = c
        .apply(
            &"create-consumer c group=g group.remote.assignor=range"
                .parse()
                .unwrap(),
        )
        .unwrap_err();
    assert_eq!(
        e.message,
        "group.remote.assignor cannot be set when group.protocol=CLASSIC"
    );
    let e = c
        .apply(
            &"create-consumer c group=g group.protocol=modern"
                .parse()
                .unwrap(),
        )
        .unwrap_err();
    assert_eq!(e.message, "Invalid value modern for configuration group.protocol: String must be one of (case insensitive): CLASSIC, CONSUMER");
    run(&mut c, "create-consumer c group=g group.protocol=CONSUMER");
}

#[test]
fn the_first_member_of_a_new_group_gets_epoch_2_and_everything() {
    // A new ConsumerGroup starts at epoch 1; the join bumps it to 2.
    let mut c = setup(&["a"]);
    let events = run(&mut c, "poll a");
    assert_eq!(owned(&c, "a"), vec![0, 1, 2]);
    assert_eq!(state(&c, "g"), (GroupState::Stable, 2));
    assert_eq!(c.consumer("a").unwrap().generation, 2);
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, Event::RecordsPolled { records, .. } if records.len() == 3))
            .count(),
        1
    );
}

#[test]
fn a_join_within_the_assignment_interval_waits_in_assigning() {
    // GroupMetadataManager: group.consumer.assignment.interval.ms (1000) between two
    // target computations; the joiner gets the old assignment epoch and nothing.
    let mut c = setup(&["a", "b"]);
    run(&mut c, "poll a\npoll b");
    assert_eq!(state(&c, "g"), (GroupState::Assigning, 3));
    assert!(owned(&c, "b").is_empty());
    assert_eq!(c.consumer("b").unwrap().generation, 2);
    // A second later the next heartbeat computes the target at epoch 3: a keeps 0 and 1
    // and must revoke 2 before b can have it.
    run(&mut c, "tick 1s");
    assert_eq!(state(&c, "g"), (GroupState::Reconciling, 3));
    assert_eq!(
        owned(&c, "a"),
        vec![0, 1, 2],
        "a revokes only in its own poll"
    );
}

#[test]
fn a_partition_moves_only_after_its_owner_revoked_it() {
    // CurrentAssignmentBuilder: UNREVOKED_PARTITIONS until the owner acknowledges; the
    // new owner is UNRELEASED until then, and gets it on its next heartbeat.
    let mut c = setup(&["a", "b"]);
    run(&mut c, "poll a\npoll b\ntick 1s\npoll b");
    assert!(owned(&c, "b").is_empty(), "partition 2 is still a's");
    let events = run(&mut c, "poll a");
    assert!(events.iter().any(
        |e| matches!(e, Event::PartitionsRevoked { partitions, .. } if partitions.len() == 1)
    ));
    assert_eq!(owned(&c, "a"), vec![0, 1]);
    assert_eq!(
        state(&c, "g"),
        (GroupState::Stable, 3),
        "b's heartbeat took partition 2"
    );
    assert!(owned(&c, "b").is_empty(), "b applies it in its next poll");
    run(&mut c, "poll b");
    assert_eq!(owned(&c, "b"), vec![2]);
    assert_eq!(c.consumer("b").unwrap().generation, 3);
}

#[test]
fn a_member_keeping_its_partitions_reads_on_while_another_joins() {
    // No join barrier: a's partitions 0 and 1 never stop.
    let mut c = setup(&["a", "b"]);
    run(
        &mut c,
        "poll a\npoll b\ntick 1s\nproduce t key=user-8 value=b",
    );
    let events = run(&mut c, "poll a");
    let read: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            Event::RecordsPolled { records, .. } => Some(records.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    assert_eq!(read.len(), 1, "the new record on partition 0: {read:?}");
}

#[test]
fn commits_are_accepted_while_a_member_reconciles() {
    // ConsumerGroup#validateOffsetCommit: the member's own epoch is accepted, whatever
    // it is doing; the classic RebalanceInProgressException has no counterpart here.
    let mut c = setup(&["a", "b"]);
    run(&mut c, "poll a\npoll b\ntick 1s\ncommit a");
    assert!(c.group("g").unwrap().committed.len() == 3);
}

#[test]
fn closing_leaves_with_epoch_minus_1_and_bumps_the_group_epoch() {
    let mut c = setup(&["a", "b"]);
    run(&mut c, "poll a\npoll b\ntick 1s\npoll a\npoll b");
    assert_eq!(state(&c, "g"), (GroupState::Stable, 3));
    run(&mut c, "close b");
    // The target waits for the next heartbeat past the interval.
    let (s, epoch) = state(&c, "g");
    assert_eq!(epoch, 4);
    assert!(matches!(
        s,
        GroupState::Assigning | GroupState::Reconciling | GroupState::Stable
    ));
    run(&mut c, "tick 1s\npoll a");
    assert_eq!(owned(&c, "a"), vec![0, 1, 2]);
    assert_eq!(state(&c, "g"), (GroupState::Stable, 4));
}

#[test]
fn a_crashed_member_is_fenced_after_the_session_timeout() {
    // group.consumer.session.timeout.ms (45000), a broker setting.
    let mut c = setup(&["a", "b"]);
    run(
        &mut c,
        "poll a\npoll b\ntick 1s\npoll a\npoll b\ncrash-consumer b",
    );
    run(&mut c, "tick 44s");
    assert_eq!(c.group("g").unwrap().member_clients().len(), 2);
    let events = run(&mut c, "tick 1s");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::MemberRemoved { consumer, .. } if &**consumer == "b")));
}

#[test]
fn after_a_poll_timeout_the_member_rejoins_with_the_same_id_and_loses_its_partitions() {
    // R-L3/R-L4: a leave heartbeat at last poll + max.poll.interval.ms, then stale; the
    // next poll gives the partitions up as lost and joins with epoch 0.
    let mut c = setup(&["a"]);
    run(&mut c, "poll a");
    let id = c
        .consumer("a")
        .unwrap()
        .membership
        .as_ref()
        .unwrap()
        .member_id
        .clone();
    let events = run(&mut c, "tick 300000");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::PollTimeout { .. })));
    assert_eq!(state(&c, "g").0, GroupState::Empty);
    let events = run(&mut c, "poll a");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::PartitionsLost { .. })));
    assert_eq!(
        c.consumer("a")
            .unwrap()
            .membership
            .as_ref()
            .unwrap()
            .member_id,
        id
    );
    assert_eq!(owned(&c, "a"), vec![0, 1, 2]);
}

#[test]
fn a_removed_member_commit_is_refused_while_the_group_has_members() {
    let mut c = setup(&["a", "b"]);
    run(
        &mut c,
        "poll a\npoll b\ntick 1s\npoll a\npoll b\ntick 300000",
    );
    // Both left on their poll timers; the group is empty, so a commit is accepted (the
    // epoch -1 path of validateOffsetCommit).
    run(&mut c, "commit a");
    run(&mut c, "poll b");
    let e = c.apply(&"commit a".parse().unwrap()).unwrap_err();
    assert_eq!(e.kind, ErrorKind::CommitFailedException);
    assert_eq!(
        e.message,
        "OffsetCommit failed with unknown member ID. The coordinator is not aware of this member."
    );
}

#[test]
fn an_unknown_server_assignor_is_fatal_for_the_consumer() {
    let mut c = setup(&[]);
    run(&mut c, "create-consumer a group=g group.protocol=consumer group.remote.assignor=sticky\nsubscribe a topics=t");
    for _ in 0..2 {
        let e = c.apply(&"poll a".parse().unwrap()).unwrap_err();
        assert_eq!(e.kind, ErrorKind::UnsupportedAssignorException);
        assert_eq!(
            e.message,
            "ServerAssignor sticky is not supported. Supported assignors: uniform, range."
        );
    }
}

#[test]
fn a_static_member_that_closes_keeps_its_place_and_partitions_until_its_session_ends() {
    // R-B11: leave with epoch -2; the group shows Reconciling; a restart with the same
    // instance id gets the same partitions back, without a group epoch bump.
    let mut c = Cluster::default();
    run(&mut c, "create-topic t partitions=2");
    for (m, iid) in [("a", "app-a"), ("b", "app-b")] {
        run(&mut c, &format!("create-consumer {m} group=g group.protocol=consumer group.instance.id={iid}\nsubscribe {m} topics=t"));
    }
    run(&mut c, "poll a\npoll b\ntick 1s\npoll a\npoll b");
    let b_had = owned(&c, "b");
    let epoch = state(&c, "g").1;
    run(&mut c, "close b");
    assert_eq!(state(&c, "g"), (GroupState::Reconciling, epoch));
    run(&mut c, "tick 10s\ncreate-consumer b2 group=g group.protocol=consumer group.instance.id=app-b\nsubscribe b2 topics=t\npoll b2");
    assert_eq!(owned(&c, "b2"), b_had);
    assert_eq!(state(&c, "g"), (GroupState::Stable, epoch));
}
