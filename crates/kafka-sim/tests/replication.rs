//! Replication on a cluster of brokers: followers fetching, the high watermark, the ISR,
//! acks, elections and what each costs in acknowledged records. Each test names the
//! rule; the Kafka source is in a comment.

use kafka_sim::{Cluster, Event};

/// Runs `script` (one command a line) and returns every event; panics on a refusal.
fn run(c: &mut Cluster, script: &str) -> Vec<Event> {
    c.apply_script(script)
        .unwrap_or_else(|(line, e)| panic!("line {line}: {e}"))
}

/// Three brokers and topic `t` on replicas 1, 2, 3 (leader 1), one second later: the
/// followers' first fetches have come and wait at the leader.
fn three_brokers(configs: &str) -> Cluster {
    let mut c = Cluster::default();
    run(
        &mut c,
        &format!("start-broker id=2\nstart-broker id=3\ncreate-topic t replica-assignment=1:2:3 {configs}\ntick 1s"),
    );
    c
}

fn p0(c: &Cluster) -> &kafka_sim::cluster::Partition {
    &c.topic("t").unwrap().partitions[0]
}

fn leo(c: &Cluster, b: i32) -> i64 {
    p0(c).copy(b).unwrap().log().log_end_offset()
}

fn hw(c: &Cluster, b: i32) -> i64 {
    p0(c).copy(b).unwrap().log().high_watermark()
}

fn errors(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::ProduceRequestFailed { error, .. } | Event::SendFailed { error, .. } => {
                Some(error.kind.name().to_string())
            }
            _ => None,
        })
        .collect()
}

// ReplicationControlManager#createTopic: every replica active, so all are in the ISR and
// the first leads.
#[test]
fn a_new_partition_starts_with_every_replica_in_sync_and_the_first_leading() {
    let mut c = Cluster::default();
    run(
        &mut c,
        "start-broker id=2\nstart-broker id=3\ncreate-topic t replica-assignment=1:2:3",
    );
    let p = p0(&c);
    assert_eq!(p.leader(), Some(1));
    assert_eq!(p.replicas(), &[1, 2, 3]);
    assert_eq!(p.isr(), &[1, 2, 3]);
    assert_eq!(p.leader_epoch(), 0);
}

// DelayedProduce: with acks=all the answer waits until every ISR member has fetched the
// batch; followers learn the high watermark on a later fetch (replica.fetch.wait.max.ms).
#[test]
fn acks_all_is_answered_once_the_followers_fetched_and_they_learn_the_high_watermark_later() {
    let mut c = three_brokers("");
    let events = run(&mut c, "produce t key=a value=1");
    let waited = events.iter().find_map(|e| match e {
        Event::SendAcknowledged {
            waited_ms, acks, ..
        } => Some((*waited_ms, *acks)),
        _ => None,
    });
    // The parked fetches answer at once: the reply reaches the followers 1 ms later,
    // their next fetch the leader 1 ms after that.
    assert_eq!(waited, Some((2, -1)));
    assert_eq!((leo(&c, 1), leo(&c, 2), leo(&c, 3)), (1, 1, 1));
    assert_eq!(hw(&c, 1), 1);
    assert_eq!((hw(&c, 2), hw(&c, 3)), (0, 0), "one fetch late");
    run(&mut c, "tick 1s");
    assert_eq!(
        (hw(&c, 2), hw(&c, 3)),
        (1, 1),
        "learned when the parked fetch expired"
    );
    assert_eq!(c.acknowledged(), 1);
    assert_eq!(c.acknowledged_lost(), Some(0));
}

// acks=1: the leader answers at its own append.
#[test]
fn acks_one_is_answered_at_the_leaders_append() {
    let mut c = three_brokers("");
    let events = run(&mut c, "set-producer acks=1\nproduce t key=a value=1");
    assert!(events.iter().any(|e| matches!(
        e,
        Event::SendAcknowledged {
            waited_ms: 0,
            acks: 1,
            ..
        }
    )));
    assert_eq!(c.now_ms(), 1_000);
    assert_eq!((leo(&c, 2), leo(&c, 3)), (0, 0), "not fetched yet");
    run(&mut c, "tick 10ms");
    assert_eq!((leo(&c, 2), leo(&c, 3)), (1, 1));
}

// The counterexample of PR 9533's spine: acks=1 and a leader crash before the followers
// fetched loses an acknowledged record; acks=all does not.
#[test]
fn acks_one_loses_an_acknowledged_record_when_the_leader_dies_before_the_fetch() {
    let mut c = three_brokers("");
    run(
        &mut c,
        "set-producer acks=1\nproduce t key=a value=1\nkill-broker id=1",
    );
    // Until the controller fences broker 1, it is still the leader, its log on its disk.
    assert_eq!(c.acknowledged_lost(), Some(0));
    run(&mut c, "tick 10s");
    assert_eq!(p0(&c).leader(), Some(2));
    assert_eq!(p0(&c).leader_epoch(), 1);
    assert_eq!(c.acknowledged(), 1);
    assert_eq!(c.acknowledged_lost(), Some(1));
}

#[test]
fn acks_all_keeps_the_record_through_the_same_crash() {
    let mut c = three_brokers("");
    run(
        &mut c,
        "produce t key=a value=1\nkill-broker id=1\ntick 10s",
    );
    assert_eq!(p0(&c).leader(), Some(2));
    assert_eq!(c.acknowledged_lost(), Some(0));
    assert_eq!(leo(&c, 2), 1);
}

// BrokerHeartbeatManager: a crashed broker is fenced broker.session.timeout.ms (9 s)
// after its last heartbeat (every 2 s); RCM#handleBrokerFenced takes it out of every ISR
// and elects the next ISR member in replica order.
#[test]
fn a_killed_leader_is_fenced_after_its_session_and_the_next_isr_member_leads() {
    let mut c = three_brokers("");
    run(&mut c, "tick 3s\nkill-broker id=1");
    let events = run(&mut c, "tick 8999ms");
    assert!(!events
        .iter()
        .any(|e| matches!(e, Event::BrokerFenced { .. })));
    let events = run(&mut c, "tick 1ms");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::BrokerFenced { broker: 1 })));
    assert_eq!(c.now_ms(), 13_000, "last heartbeat at 4 s, plus 9 s");
    assert_eq!(p0(&c).leader(), Some(2));
    assert_eq!(p0(&c).isr(), &[2, 3]);
}

// A dead follower holds the high watermark back until it leaves the ISR: here the
// controller fences it after its session, and the waiting acks=all send completes then.
#[test]
fn acks_all_waits_for_a_dead_follower_to_leave_the_isr() {
    let mut c = three_brokers("");
    let events = run(&mut c, "kill-broker id=3\nproduce t key=a value=1");
    let waited = events.iter().find_map(|e| match e {
        Event::SendAcknowledged { waited_ms, .. } => Some(*waited_ms),
        _ => None,
    });
    // Killed at 1 s: its last heartbeat was at 0 s, so it is fenced at 9 s.
    assert_eq!(waited, Some(8_000));
    assert_eq!(p0(&c).isr(), &[1, 2]);
}

// Partition#appendRecordsToLeader: acks=all with the ISR below min.insync.replicas is
// refused before the append; the producer retries with backoff until delivery.timeout.ms.
#[test]
fn not_enough_replicas_is_refused_before_the_append_and_retried_until_the_delivery_timeout() {
    let mut c = three_brokers("min.insync.replicas=2");
    run(&mut c, "kill-broker id=2\nkill-broker id=3\ntick 10s");
    assert_eq!(p0(&c).isr(), &[1]);
    // KIP-966: a member removed while the ISR drops below min.insync.replicas waits in
    // the ELR; broker 2 left first, when two remained, so only 3 is eligible.
    assert_eq!(p0(&c).elr(), &[3]);
    let start = c.now_ms();
    let events = run(&mut c, "produce t key=a value=1");
    let errs = errors(&events);
    assert_eq!(
        errs.first().map(String::as_str),
        Some("NotEnoughReplicasException")
    );
    assert_eq!(errs.last().map(String::as_str), Some("TimeoutException"));
    assert!(
        errs.len() > 100,
        "retried every second at most: {}",
        errs.len()
    );
    assert_eq!(c.now_ms() - start, 120_000);
    assert_eq!(leo(&c, 1), 0, "nothing written");
    assert_eq!(c.acknowledged(), 0);
    // acks=1 does not check the ISR.
    let events = run(&mut c, "set-producer acks=1\nproduce t key=b value=2");
    assert!(errors(&events).is_empty());
    assert_eq!(leo(&c, 1), 1);
    // KIP-966 strict min ISR: the high watermark does not move below min.insync.replicas.
    assert_eq!(hw(&c, 1), 0);
}

// Partition#maybeShrinkIsr: a follower that has not caught up for replica.lag.time.max.ms
// (30 s) leaves the ISR at the leader's next isr-expiration run (every 15 s).
#[test]
fn an_isolated_follower_leaves_the_isr_and_comes_back_once_caught_up() {
    let mut c = three_brokers("");
    run(
        &mut c,
        "isolate-broker id=3\nset-producer acks=1\nproduce t key=a value=1",
    );
    run(&mut c, "tick 7s");
    assert_eq!(p0(&c).isr(), &[1, 2, 3]);
    run(&mut c, "tick 2s");
    // Fenced after its session: the controller removes it.
    assert_eq!(p0(&c).isr(), &[1, 2]);
    assert_eq!(hw(&c, 1), 1);
    let events = run(&mut c, "heal-broker id=3\ntick 1s");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::BrokerUnfenced { broker: 3 })));
    assert_eq!(leo(&c, 3), 1);
    assert_eq!(p0(&c).isr(), &[1, 2, 3], "expanded once caught up");
}

// stop-broker: the controlled shutdown moves leadership before the broker goes
// (RCM#handleBrokerInControlledShutdown), so nothing waits for a session to expire. The
// process exits when the controller grants it (BrokerHeartbeatManager: once brokers 2
// and 3 have reported the change in their next heartbeats, at 2 s, and broker 1 asks
// again, 50 ms after its first request and then every 2 s: at 3.052 s).
#[test]
fn a_controlled_shutdown_moves_leadership_at_once() {
    let mut c = three_brokers("");
    let events = run(&mut c, "produce t key=a value=1\nstop-broker id=1");
    assert_eq!(p0(&c).leader(), Some(2));
    assert_eq!(p0(&c).isr(), &[2, 3]);
    assert_eq!(c.now_ms(), 3_052);
    // Meanwhile broker 3 fetched from its new leader, which then knows the high watermark.
    assert_eq!(hw(&c, 2), 1);
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::ReplicaFetched { broker: 3, .. })));
    assert_eq!(c.acknowledged_lost(), Some(0));
    // Restarted, it catches up as a follower and rejoins the ISR.
    run(&mut c, "start-broker id=1\ntick 1s");
    assert_eq!(p0(&c).isr(), &[1, 2, 3]);
    assert_eq!(p0(&c).leader(), Some(2));
    // kafka-leader-election --election-type PREFERRED.
    run(&mut c, "elect-leaders topic=t partition=0 type=preferred");
    assert_eq!(p0(&c).leader(), Some(1));
    let e = c
        .apply(
            &"elect-leaders topic=t partition=0 type=preferred"
                .parse()
                .unwrap(),
        )
        .unwrap_err();
    assert_eq!(e.kind.name(), "ElectionNotNeededException");
}

// auto.leader.rebalance.enable: a periodic task of the active controller, every
// leader.imbalance.check.interval.seconds (300 s) since it became active, moves
// leadership back to the preferred replica.
#[test]
fn leadership_returns_to_the_preferred_replica_at_the_next_imbalance_check() {
    let mut c = three_brokers("");
    run(&mut c, "stop-broker id=1\nstart-broker id=1");
    let wait = format!("tick {}ms", 299_999 - c.now_ms());
    run(&mut c, &wait);
    assert_eq!(c.now_ms(), 299_999);
    assert_eq!(p0(&c).leader(), Some(2));
    run(&mut c, "tick 1ms");
    assert_eq!(
        p0(&c).leader(),
        Some(1),
        "the check at 300 s from the controller's start"
    );
}

// KIP-101/KIP-279: a leader that was isolated and kept accepting acks=1 writes truncates
// them when it comes back as a follower of the new leader's epoch.
#[test]
fn a_returning_leader_truncates_what_it_wrote_alone() {
    let mut c = three_brokers("");
    run(&mut c, "produce t key=a value=1\nisolate-broker id=1\nset-producer acks=1\nproduce t key=b value=2");
    assert_eq!(leo(&c, 1), 2);
    run(&mut c, "tick 10s");
    assert_eq!(p0(&c).leader(), Some(2), "elected while 1 is cut off");
    assert_eq!(c.acknowledged(), 2);
    assert_eq!(c.acknowledged_lost(), Some(1));
    let events = run(&mut c, "heal-broker id=1\ntick 1s");
    let truncated = events.iter().find_map(|e| match e {
        Event::ReplicaTruncated {
            broker: 1,
            offset,
            removed,
            acknowledged_removed,
            ..
        } => Some((*offset, *removed, *acknowledged_removed)),
        _ => None,
    });
    assert_eq!(truncated, Some((1, 1, 1)));
    assert_eq!(leo(&c, 1), 1);
    assert_eq!(p0(&c).isr(), &[1, 2, 3]);
}

// unclean.leader.election.enable: with no ISR or ELR member alive, a live replica out of
// sync may lead; the ISR becomes just it, and what it missed is gone.
#[test]
fn an_unclean_election_loses_the_records_the_new_leader_missed() {
    let mut c = three_brokers("unclean.leader.election.enable=true");
    run(
        &mut c,
        "kill-broker id=3\ntick 10s\nkill-broker id=2\ntick 10s",
    );
    assert_eq!(p0(&c).isr(), &[1]);
    run(
        &mut c,
        "produce t key=a value=1\nkill-broker id=1\ntick 10s",
    );
    assert_eq!(p0(&c).leader(), None);
    assert_eq!(c.acknowledged_lost(), None);
    run(&mut c, "start-broker id=3");
    assert_eq!(p0(&c).leader(), Some(3));
    assert_eq!(p0(&c).isr(), &[3]);
    assert_eq!(c.acknowledged_lost(), Some(1));
}

// Without unclean election the partition waits for its last ISR member (ELR, KIP-966).
#[test]
fn without_unclean_election_the_partition_waits_for_its_last_in_sync_replica() {
    let mut c = three_brokers("");
    run(
        &mut c,
        "kill-broker id=3\ntick 10s\nkill-broker id=2\ntick 10s",
    );
    run(
        &mut c,
        "produce t key=a value=1\nkill-broker id=1\ntick 10s\nstart-broker id=3",
    );
    assert_eq!(p0(&c).leader(), None);
    let e = c
        .apply(
            &"elect-leaders topic=t partition=0 type=preferred"
                .parse()
                .unwrap(),
        )
        .unwrap_err();
    assert_eq!(e.kind.name(), "PreferredLeaderNotAvailableException");
    run(&mut c, "start-broker id=1");
    assert_eq!(p0(&c).leader(), Some(1));
    assert_eq!(c.acknowledged_lost(), Some(0));
}

// kafka-topics --describe, 4.x text with Elr and LastKnownElr.
#[test]
fn describe_prints_leader_replicas_isr_and_elr_as_kafka_topics_does() {
    let mut c = three_brokers("min.insync.replicas=2");
    let text = c.describe_topics(Some("t"), Default::default()).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("Topic: t\tTopicId: "), "{}", lines[0]);
    assert!(lines[0].ends_with("\tPartitionCount: 1\tReplicationFactor: 3\tConfigs: min.insync.replicas=2,segment.bytes=1073741824"), "{}", lines[0]);
    assert_eq!(
        lines[1],
        "\tTopic: t\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1,2,3\tElr: \tLastKnownElr: "
    );
    run(&mut c, "kill-broker id=2\nkill-broker id=3\ntick 10s");
    let under = c
        .describe_topics(None, kafka_sim::admin::DescribeFilter::UnderMinIsr)
        .unwrap();
    assert_eq!(
        under,
        "\tTopic: t\tPartition: 0\tLeader: 1\tReplicas: 1,2,3\tIsr: 1\tElr: 3\tLastKnownElr: \n"
    );
}

#[test]
fn bad_broker_commands_are_refused_and_change_nothing() {
    let mut c = three_brokers("");
    let before = c.clone();
    for (line, kind, message) in [
        ("kill-broker id=7", "BrokerNotAvailableException", "Broker 7 is not registered: start it first with start-broker id=7."),
        ("start-broker id=2", "IllegalStateException", "Broker 2 is already running."),
        ("heal-broker id=2", "IllegalStateException", "Broker 2 is not isolated."),
        ("create-topic u replication-factor=4", "InvalidReplicationFactorException", "Unable to replicate the partition 4 time(s): The target replication factor of 4 cannot be reached because only 3 broker(s) are registered or some brokers have all their log directories cordoned."),
        ("create-topic u replica-assignment=1:5", "InvalidReplicaAssignmentException", "The manual partition assignment includes broker 5, but no such broker is registered."),
        ("elect-leaders topic=nope partition=0 type=unclean", "UnknownTopicOrPartitionException", "No such topic as nope"),
    ] {
        let e = c.apply(&line.parse().unwrap()).unwrap_err();
        assert_eq!((e.kind.name(), e.message.as_str()), (kind, message), "{line}");
    }
    assert_eq!(c, before);
}

// LeaderEpochFileCache#endOffsetFor: a follower whose last epoch is older than every
// epoch the leader knows is told where the leader's first later epoch starts, truncates
// there, and replicates the leader (found by review: it once asked again forever).
#[test]
fn a_follower_older_than_the_leaders_epochs_truncates_once_and_follows() {
    let mut c = three_brokers("");
    run(&mut c, "kill-broker id=3\ntick 10s\nproduce t key=a value=1\nkill-broker id=1\nkill-broker id=2\ntick 10s");
    run(
        &mut c,
        "start-broker id=3\nelect-leaders topic=t partition=0 type=unclean",
    );
    assert_eq!(p0(&c).leader(), Some(3));
    let events = run(&mut c, "start-broker id=1\ntick 1s");
    let truncations = events
        .iter()
        .filter(|e| matches!(e, Event::ReplicaTruncated { broker: 1, .. }))
        .count();
    assert_eq!(truncations, 1);
    assert_eq!(leo(&c, 1), 0);
    run(&mut c, "produce t key=b value=2\ntick 1s");
    assert_eq!((leo(&c, 1), leo(&c, 3)), (1, 1));
    assert_eq!(p0(&c).isr(), &[1, 3]);
}

// ClusterControlManager#registerBroker: while the crashed broker's old session is valid,
// its new registration is refused (DuplicateBrokerRegistrationException); a quick
// restart does not shorten the outage: the controller fences the old session first.
#[test]
fn a_crashed_leader_restarted_at_once_waits_for_its_old_session_to_expire() {
    let mut c = three_brokers("");
    run(
        &mut c,
        "produce t key=a value=1\nkill-broker id=1\ntick 1s\nstart-broker id=1",
    );
    assert!(c.broker(1).unwrap().awaiting_registration);
    assert_eq!(
        p0(&c).leader(),
        Some(1),
        "the controller still has the old registration"
    );
    let events = run(&mut c, "produce t key=b value=2");
    let errors = errors(&events);
    assert_eq!(
        errors.first().map(String::as_str),
        Some("NotLeaderOrFollowerException")
    );
    // Fenced 9 s after its last heartbeat; then it registers, leaves the ISR as an
    // unclean shutdown, and catches up.
    assert_eq!(p0(&c).leader(), Some(2));
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::SendAcknowledged { .. })));
    assert!(!c.broker(1).unwrap().awaiting_registration);
    run(&mut c, "tick 1s");
    assert_eq!(p0(&c).isr(), &[1, 2, 3]);
    assert_eq!(c.acknowledged_lost(), Some(0));
}

// Sender#completeBatch refreshes metadata only on an InvalidMetadataException, a
// disconnect or metadata.max.age.ms: a producer that knows an isolated leader keeps
// writing to it with acks=1 after the controller replaced it, and those writes are lost.
#[test]
fn an_isolated_leader_keeps_taking_acks_1_writes_after_it_was_replaced() {
    let mut c = three_brokers("");
    run(
        &mut c,
        "set-producer acks=1\nproduce t key=a value=1\ntick 1s\nisolate-broker id=1\ntick 10s",
    );
    assert_eq!(p0(&c).leader(), Some(2));
    run(&mut c, "produce t key=b value=2\nproduce t key=c value=3");
    assert_eq!(leo(&c, 1), 3, "the isolated broker took both");
    assert_eq!(leo(&c, 2), 1);
    assert_eq!(c.acknowledged(), 3);
    assert_eq!(c.acknowledged_lost(), Some(2));
    // With acks=all the isolated leader cannot commit: the request times out, the
    // producer refreshes its metadata and the retry goes to broker 2.
    let events = run(&mut c, "set-producer acks=all\nproduce t key=d value=4");
    assert_eq!(
        errors(&events).first().map(String::as_str),
        Some("TimeoutException")
    );
    assert_eq!(leo(&c, 2), 2);
    run(&mut c, "heal-broker id=1\ntick 1s");
    assert_eq!(leo(&c, 1), 2, "truncated, then copied d");
}

// StripedReplicaPlacer#place (controller/placement.rs): without an assignment, each
// partition starts one broker further round a shuffled list from a random offset, so
// leadership is spread evenly; the randomness is the engine's seeded generator, and the
// partitions added by alter-topic are placed the same way.
#[test]
fn replicas_are_striped_over_the_brokers_from_a_seeded_random_start() {
    let placement = |seed: u64| {
        let mut c = Cluster::new(3, seed);
        run(
            &mut c,
            "create-topic t partitions=6 replication-factor=3\nalter-topic t partitions=9",
        );
        let replicas: Vec<Vec<i32>> = c
            .topic("t")
            .unwrap()
            .partitions
            .iter()
            .map(|p| p.replicas().to_vec())
            .collect();
        replicas
    };
    let a = placement(7);
    assert_eq!(a, placement(7), "same seed, same placement");
    for chunk in a[..6].chunks(3) {
        let mut leaders: Vec<i32> = chunk.iter().map(|r| r[0]).collect();
        leaders.sort_unstable();
        assert_eq!(
            leaders,
            vec![1, 2, 3],
            "each broker leads one of every three: {a:?}"
        );
    }
    for r in &a {
        let mut s = r.clone();
        s.sort_unstable();
        assert_eq!(s, vec![1, 2, 3], "{a:?}");
    }
    assert!(
        (0..10).any(|s| placement(s) != a),
        "the starting point depends on the seed"
    );
}

// BrokerHeartbeatManager#usableBrokers skips brokers shutting down; once a controlled
// shutdown has ended the broker is fenced, and fenced brokers are usable:
// StripedReplicaPlacer puts followers on them (never a leader). Checked on Kafka 4.4.
#[test]
fn a_stopped_broker_is_fenced_and_may_hold_followers_of_a_new_topic() {
    let mut c = three_brokers("");
    run(&mut c, "stop-broker id=3\ntick 1s\ncreate-topic x partitions=2 replication-factor=3\nalter-topic t partitions=2");
    for p in c
        .topic("x")
        .unwrap()
        .partitions
        .iter()
        .chain(&c.topic("t").unwrap().partitions)
    {
        assert_eq!(p.replicas().len(), 3);
        assert_ne!(p.leader(), Some(3), "{:?}", p.replicas());
        assert!(!p.isr().contains(&3));
    }
}

// Partition#fetchOffsetForTimestamp: a new leader whose high watermark lags the start
// of its epoch answers a latest-offset ListOffsets with OFFSET_NOT_AVAILABLE until it
// catches up. Here broker 2 leads alone, below min.insync.replicas=2, so its high
// watermark (learned one fetch late) stays below the record broker 1 had committed.
#[test]
fn a_new_leader_whose_high_watermark_lags_its_epoch_start_has_no_latest_offset() {
    let mut c = three_brokers("min.insync.replicas=2");
    run(
        &mut c,
        "kill-broker id=3\ntick 12s\nproduce t key=a value=1\nkill-broker id=1\ntick 12s",
    );
    let p = p0(&c);
    assert_eq!(p.leader(), Some(2));
    let leader = p.copy(2).unwrap();
    assert_eq!(
        (leader.log().log_end_offset(), leader.log().high_watermark()),
        (1, 0)
    );
    assert!(!leader.latest_offset_available());
    // Broker 1 returns, catches up and joins the ISR: the high watermark reaches the log end.
    run(&mut c, "start-broker id=1\ntick 12s");
    assert!(p0(&c).copy(2).unwrap().latest_offset_available());
}

/// The records of partition 0 on the leader, as `key@offset`.
fn leader_keys(c: &Cluster) -> Vec<String> {
    p0(c)
        .log()
        .records()
        .iter()
        .map(|r| format!("{}@{}", r.key.as_deref().unwrap_or("-"), r.offset))
        .collect()
}

// Sender#handleProduceResponse: a request without an answer within request.timeout.ms
// (30000) completes as REQUEST_TIMED_OUT and is retried after retry.backoff.ms; the
// idempotent leader recognises the retried batch (ProducerStateManager's duplicate check)
// and answers with the first copy's offset.
#[test]
fn a_lost_answer_is_retried_after_the_request_timeout_and_the_idempotent_leader_keeps_one_copy() {
    let mut c = three_brokers("");
    let events = run(&mut c, "produce t key=a value=1 fault=lost-ack");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::AckLost { offset: 0, .. })));
    assert_eq!(errors(&events), ["TimeoutException"]);
    let waited = events.iter().find_map(|e| match e {
        Event::SendAcknowledged {
            offset, waited_ms, ..
        } => Some((*offset, *waited_ms)),
        _ => None,
    });
    assert_eq!(waited, Some((0, 30_000 + 100)));
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::DuplicateIgnored { .. })));
    assert_eq!(leader_keys(&c), ["a@0"]);
    assert_eq!((leo(&c, 2), leo(&c, 3)), (1, 1));
    assert_eq!(c.acknowledged_lost(), Some(0));
}

// Without idempotence the broker cannot tell the retry from a new batch: two copies.
#[test]
fn a_lost_answer_without_idempotence_writes_the_record_twice_on_every_replica() {
    let mut c = three_brokers("");
    run(
        &mut c,
        "set-producer enable.idempotence=false\nproduce t key=a value=1 fault=lost-ack\ntick 1s",
    );
    assert_eq!(leader_keys(&c), ["a@0", "a@1"]);
    assert_eq!((leo(&c, 2), leo(&c, 3), hw(&c, 1)), (2, 2, 2));
}

// A request lost on its way appends nothing; the retry after request.timeout.ms is the
// first copy. With acks=0 the producer waits for no answer, so it never learns.
#[test]
fn a_lost_request_is_retried_but_with_acks_0_the_record_is_gone() {
    let mut c = three_brokers("");
    let events = run(&mut c, "produce t key=a value=1 fault=lost-request");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::RequestLost { .. })));
    assert_eq!(leader_keys(&c), ["a@0"]);
    run(
        &mut c,
        "set-producer acks=0\nproduce t key=b value=2 fault=lost-request",
    );
    assert_eq!(leader_keys(&c), ["a@0"]);
    assert_eq!(
        c.acknowledged_lost(),
        Some(1),
        "b was acknowledged by acks=0"
    );
}

// retries=0: the timed-out request is the send's failure, though the leader wrote it.
#[test]
fn a_lost_answer_with_no_retries_fails_the_send_with_the_record_in_the_log() {
    let mut c = three_brokers("");
    let events = run(
        &mut c,
        "set-producer acks=1 retries=0\nproduce t key=a value=1 fault=lost-ack",
    );
    let failed = events.iter().find_map(|e| match e {
        Event::SendFailed { error, in_log, .. } => Some((error.message.clone(), *in_log)),
        _ => None,
    });
    assert_eq!(
        failed,
        Some(("Disconnected from node 1 due to timeout".into(), true))
    );
    assert_eq!(leader_keys(&c), ["a@0"]);
}

// Partition#prepareIsrExpand (Kafka 4.4): the leader proposes the committed ISR plus the
// follower as a Scala mutable.HashSet's toList, so ids come out by hash bucket: ascending
// for small ids. kafka-topics --describe on a real cluster shows `Isr: 1,2,3` after
// broker 1 rejoins `Isr: 2,3` (crosscheck/cli/kafka-leader-election.txt).
#[test]
fn a_follower_rejoining_the_isr_is_proposed_in_hash_set_order() {
    let mut c = three_brokers("");
    run(&mut c, "kill-broker id=1\ntick 10s");
    assert_eq!(p0(&c).isr(), &[2, 3]);
    run(&mut c, "start-broker id=1\ntick 5s");
    assert_eq!(p0(&c).leader(), Some(2));
    assert_eq!(p0(&c).isr(), &[1, 2, 3]);
}
