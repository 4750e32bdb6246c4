//! The KRaft controller quorum (KIP-595, KIP-631): the active controller writes the
//! metadata log; a new one is elected when it dies; without a majority no metadata
//! changes. Each test names the rule; the Kafka source is in a comment.

use kafka_sim::metadata_log::MetadataRecord;
use kafka_sim::{Cluster, Event};

fn run(c: &mut Cluster, script: &str) -> Vec<Event> {
    c.apply_script(script)
        .unwrap_or_else(|(line, e)| panic!("line {line}: {e}"))
}

fn records(c: &Cluster) -> Vec<String> {
    c.quorum().log.iter().map(|(_, r)| r.to_string()).collect()
}

#[test]
fn a_new_cluster_has_an_active_controller_and_a_metadata_log() {
    let c = Cluster::default();
    assert_eq!(c.quorum().active(), Some(101));
    assert_eq!(c.quorum().epoch, 1);
    assert_eq!(
        records(&c),
        [
            "LeaderChangeMessage leaderId=101 epoch=1",
            "FeatureLevelRecord name=eligible.leader.replicas.version featureLevel=1",
            "ConfigRecord BROKER \"\" min.insync.replicas=1",
            "RegisterBrokerRecord brokerId=1 brokerEpoch=3 fenced=true",
            "BrokerRegistrationChangeRecord brokerId=1 brokerEpoch=3 fenced=-1 (unfenced)",
        ]
    );
}

// ClusterControlManager#registerBroker: the broker epoch is the offset of its
// RegisterBrokerRecord; it registers fenced and is unfenced once caught up.
#[test]
fn topics_and_brokers_are_records_in_the_metadata_log() {
    let mut c = Cluster::default();
    let before = c.quorum().next_offset();
    run(
        &mut c,
        "start-broker id=2\ncreate-topic t replica-assignment=1:2 min.insync.replicas=2",
    );
    let new: Vec<String> = records(&c)[before as usize..].to_vec();
    assert_eq!(
        new[0],
        format!("RegisterBrokerRecord brokerId=2 brokerEpoch={before} fenced=true")
    );
    assert_eq!(c.broker(2).unwrap().epoch, before);
    assert!(
        new[1].starts_with("BrokerRegistrationChangeRecord brokerId=2"),
        "{new:?}"
    );
    assert!(new[2].starts_with("TopicRecord name=t topicId="), "{new:?}");
    assert_eq!(new[3], "ConfigRecord TOPIC t min.insync.replicas=2");
    assert_eq!(new[4], "PartitionRecord t-0 replicas=1,2 isr=1,2 leader=1");
    run(&mut c, "kill-broker id=2\ntick 10s");
    assert!(records(&c)
        .iter()
        .any(|r| r == "PartitionChangeRecord t-0 isr=1 eligibleLeaderReplicas=2"));
}

// KafkaRaftClient#pollFollowerAsVoter: a voter that has not heard from the leader for
// controller.quorum.fetch.timeout.ms (2 s) becomes a candidate; a majority elects it.
#[test]
fn when_the_active_controller_dies_another_is_elected_after_the_fetch_timeout() {
    let mut c = Cluster::default();
    run(&mut c, "kill-controller id=101");
    assert_eq!(c.quorum().active(), None);
    let e = c.apply(&"create-topic t".parse().unwrap()).unwrap_err();
    assert_eq!(e.kind.name(), "TimeoutException");
    let events = run(&mut c, "tick 2001ms");
    let elected = events.iter().find_map(|e| match e {
        Event::ControllerElected { controller, epoch } => Some((*controller, *epoch)),
        _ => None,
    });
    let (winner, epoch) = elected.expect("a new leader");
    assert!(winner == 102 || winner == 103);
    assert_eq!(epoch, 2);
    assert_eq!(
        c.quorum().log.last().map(|(_, r)| r.clone()),
        Some(MetadataRecord::LeaderChange {
            leader: winner,
            epoch: 2
        })
    );
    run(&mut c, "create-topic t");
}

// Without a majority nothing commits: no topic, no fencing, no election. A dead leader
// stays the partition's leader until a majority is back; then every broker gets a fresh
// session (ClusterControlManager#activate) and the dead one is fenced 9 s later.
#[test]
fn a_lost_majority_freezes_the_metadata_until_it_is_back() {
    let mut c = Cluster::default();
    run(
        &mut c,
        "start-broker id=2\ncreate-topic t replica-assignment=1:2\ntick 1s",
    );
    run(&mut c, "kill-controller id=102\nkill-controller id=103");
    // The leader keeps its role until check-quorum: fetch.timeout.ms * 1.5.
    run(&mut c, "tick 2999ms");
    assert_eq!(c.quorum().leader, Some(101));
    assert_eq!(c.quorum().active(), None, "no majority to commit with");
    let events = run(&mut c, "tick 1ms");
    assert!(events
        .iter()
        .any(|e| matches!(e, Event::ControllerResigned { controller: 101 })));
    run(&mut c, "kill-broker id=1\ntick 60s");
    let p = &c.topic("t").unwrap().partitions[0];
    assert_eq!(p.leader(), Some(1), "nobody can elect a new leader");
    assert!(!c.broker(1).unwrap().fenced);
    for line in [
        "create-topic u",
        "elect-leaders topic=t partition=0 type=preferred",
    ] {
        let e = c.apply(&line.parse().unwrap()).unwrap_err();
        assert_eq!(e.kind.name(), "TimeoutException", "{line}");
    }
    let started = c.now_ms();
    run(&mut c, "start-controller id=102\ntick 2s");
    let active = c.quorum().active().expect("a majority again");
    assert!(active == 101 || active == 102);
    run(&mut c, "tick 9s");
    let p = &c.topic("t").unwrap().partitions[0];
    assert_eq!(p.leader(), Some(2));
    assert!(c.now_ms() - started < 12_000);
}

#[test]
fn kafka_metadata_quorum_describe_status_as_the_tool_prints_it() {
    let c = Cluster::default();
    let text = c.describe_quorum_status().unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("ClusterId:              "));
    assert_eq!(lines[1], "LeaderId:               101");
    assert_eq!(lines[2], "LeaderEpoch:            1");
    assert_eq!(lines[3], "HighWatermark:          5");
    assert_eq!(lines[4], "MaxFollowerLag:         0");
    assert!(lines[6].starts_with("CurrentVoters:          [{\"id\": 101, \"directoryId\": \""));
    assert!(lines[7].starts_with("CurrentObservers:       [{\"id\": 1, "));
    assert!(
        lines[6].contains("\"endpoints\": [\"CONTROLLER://localhost:9093\"]}"),
        "{}",
        lines[6]
    );
    let human = c.describe_quorum_replication(true).unwrap();
    assert!(
        human.lines().nth(1).unwrap().contains("\t0 ms ago "),
        "{human}"
    );
    let table = c.describe_quorum_replication(false).unwrap();
    let header = table.lines().next().unwrap();
    assert!(
        header.starts_with("NodeId\tDirectoryId           \tLogEndOffset\tLag\t"),
        "{header:?}"
    );
    assert!(
        table.lines().nth(1).unwrap().ends_with("\tLeader  \t")
            || table.lines().nth(1).unwrap().ends_with("Leader\t")
    );
}

#[test]
fn controller_commands_refuse_what_cannot_be() {
    let mut c = Cluster::default();
    for (line, kind) in [
        ("kill-controller id=7", "IllegalArgumentException"),
        ("start-controller id=101", "IllegalStateException"),
        ("start-broker id=101", "ConfigException"),
    ] {
        let e = c.apply(&line.parse().unwrap()).unwrap_err();
        assert_eq!(e.kind.name(), kind, "{line}");
    }
}

// Combined mode (process.roles=broker,controller; KIP-631's "combined" nodes): brokers 1
// to 3 are the voters. Killing the node that is the active controller kills both roles:
// the other two elect a leader after the fetch timeout, that controller fences the dead
// broker when its session runs out, and its partitions get new leaders. The controller
// verbs refuse a combined node; its broker verbs stop and start both.
#[test]
fn in_combined_mode_a_node_is_broker_and_controller_and_goes_down_as_both() {
    let spec: kafka_sim::script::ClusterSpec = "cluster brokers=3 combined=true".parse().unwrap();
    let mut c = spec.build();
    assert_eq!(c.quorum().active(), Some(1));
    let voters: Vec<i32> = c.quorum().voters.iter().map(|v| v.id).collect();
    assert_eq!(voters, [1, 2, 3]);
    let status = c.describe_quorum_status().unwrap();
    assert!(status.contains("CurrentObservers:       []"), "{status}");
    run(&mut c, "create-topic t replica-assignment=1:2:3\ntick 1s");
    let events = run(&mut c, "kill-broker id=1");
    assert!(events.contains(&Event::ControllerKilled { controller: 1 }));
    assert_eq!(c.quorum().active(), None);
    run(&mut c, "tick 15s");
    let leader = c.quorum().active().expect("a new active controller");
    assert!([2, 3].contains(&leader), "{leader}");
    let p = &c.topic("t").unwrap().partitions[0];
    assert_eq!((p.leader(), p.isr()), (Some(2), &[2, 3][..]));
    let e = c
        .apply(&"kill-controller id=2".parse().unwrap())
        .unwrap_err();
    assert!(e.message.contains("process.roles=broker,controller"), "{e}");
    // Two of three nodes down: no majority, so no metadata changes.
    run(&mut c, &format!("kill-broker id={}\ntick 5s", 5 - leader));
    assert_eq!(c.quorum().active(), None);
    assert!(c.apply(&"create-topic u".parse().unwrap()).is_err());
    // Node 1 comes back with both roles: a majority again, and a leader.
    let events = run(&mut c, "start-broker id=1\ntick 5s");
    assert!(events.contains(&Event::ControllerStarted { controller: 1 }));
    assert!(c.quorum().active().is_some());
    run(&mut c, "create-topic u");
}

// An isolated combined node is cut off as a voter too: the others elect a leader among
// themselves; healed, it rejoins the quorum as a follower and its broker is unfenced.
#[test]
fn an_isolated_combined_node_loses_its_leadership_and_rejoins_when_healed() {
    let mut c = "cluster brokers=3 combined=true"
        .parse::<kafka_sim::script::ClusterSpec>()
        .unwrap()
        .build();
    run(&mut c, "isolate-broker id=1\ntick 15s");
    let leader = c.quorum().active().expect("elected among 2 and 3");
    assert_ne!(leader, 1);
    assert!(c.brokers()[0].fenced);
    run(&mut c, "heal-broker id=1\ntick 3s");
    assert_eq!(c.quorum().active(), Some(leader));
    assert!(c.quorum().voters.iter().all(|v| v.up));
    assert!(!c.brokers()[0].fenced);
}
