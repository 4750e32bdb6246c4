//! Concrete cases ported from Kafka's assignor tests (apache/kafka,
//! `clients/src/test/java/org/apache/kafka/clients/consumer/`). Each test is named after
//! the Java test it ports; rack parameters are dropped (no racks here, as with
//! `RackConfig.NO_BROKER_RACK`).

use kafka_sim::collections::VecMap;

use kafka_sim::assignor::{assign, Assignment, Strategy, Subscription};

fn parts(spec: &[(&str, u32)]) -> VecMap<String, u32> {
    spec.iter().map(|(t, n)| (t.to_string(), *n)).collect()
}

fn sub(topics: &[&str]) -> Subscription {
    Subscription::to(topics.iter().copied())
}

/// `buildSubscriptionV2Above(topics, partitions, generation)`.
fn owned(topics: &[&str], owned: &[(&str, u32)], generation: i32) -> Subscription {
    let mut s = sub(topics);
    for (t, p) in owned {
        s.owned.entry(t.to_string()).or_default().push(*p);
    }
    s.generation = Some(generation);
    s
}

fn static_sub(topics: &[&str], instance: &str) -> Subscription {
    let mut s = sub(topics);
    s.group_instance_id = Some(instance.to_string());
    s
}

fn members(spec: Vec<(&str, Subscription)>) -> VecMap<String, Subscription> {
    spec.into_iter().map(|(m, s)| (m.to_string(), s)).collect()
}

/// A member's partitions as sorted (topic, partition) pairs.
fn of(a: &Assignment, member: &str) -> Vec<(String, u32)> {
    let mut v: Vec<(String, u32)> = a[member]
        .iter()
        .flat_map(|(t, ps)| ps.iter().map(move |p| (t.clone(), *p)))
        .collect();
    v.sort();
    v
}

fn tps(spec: &[(&str, u32)]) -> Vec<(String, u32)> {
    let mut v: Vec<(String, u32)> = spec.iter().map(|(t, p)| (t.to_string(), *p)).collect();
    v.sort();
    v
}

fn run(s: Strategy, p: &VecMap<String, u32>, m: &VecMap<String, Subscription>) -> Assignment {
    assign(s, p, m).expect("valid input")
}

// ---------------------------------------------------------------- RangeAssignorTest.java

// RangeAssignorTest#testOneConsumerNoTopic
#[test]
fn range_test_one_consumer_no_topic() {
    let a = run(
        Strategy::Range,
        &parts(&[]),
        &members(vec![("consumer1", sub(&[]))]),
    );
    assert_eq!(a.keys().collect::<Vec<_>>(), ["consumer1"]);
    assert!(a["consumer1"].is_empty());
}

// RangeAssignorTest#testOneConsumerNonexistentTopic
#[test]
fn range_test_one_consumer_nonexistent_topic() {
    let a = run(
        Strategy::Range,
        &parts(&[]),
        &members(vec![("consumer1", sub(&["topic1"]))]),
    );
    assert!(a["consumer1"].is_empty());
}

// RangeAssignorTest#testOneConsumerOneTopic
#[test]
fn range_test_one_consumer_one_topic() {
    let a = run(
        Strategy::Range,
        &parts(&[("topic1", 3)]),
        &members(vec![("consumer1", sub(&["topic1"]))]),
    );
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic1", 0), ("topic1", 1), ("topic1", 2)])
    );
}

// RangeAssignorTest#testOnlyAssignsPartitionsFromSubscribedTopics
#[test]
fn range_test_only_assigns_partitions_from_subscribed_topics() {
    let a = run(
        Strategy::Range,
        &parts(&[("topic1", 3), ("other", 3)]),
        &members(vec![("consumer1", sub(&["topic1"]))]),
    );
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic1", 0), ("topic1", 1), ("topic1", 2)])
    );
}

// RangeAssignorTest#testOneConsumerMultipleTopics
#[test]
fn range_test_one_consumer_multiple_topics() {
    let a = run(
        Strategy::Range,
        &parts(&[("topic1", 1), ("topic2", 2)]),
        &members(vec![("consumer1", sub(&["topic1", "topic2"]))]),
    );
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic1", 0), ("topic2", 0), ("topic2", 1)])
    );
}

// RangeAssignorTest#testTwoConsumersOneTopicOnePartition
#[test]
fn range_test_two_consumers_one_topic_one_partition() {
    let m = members(vec![
        ("consumer1", sub(&["topic1"])),
        ("consumer2", sub(&["topic1"])),
    ]);
    let a = run(Strategy::Range, &parts(&[("topic1", 1)]), &m);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0)]));
    assert_eq!(of(&a, "consumer2"), tps(&[]));
}

// RangeAssignorTest#testTwoConsumersOneTopicTwoPartitions
#[test]
fn range_test_two_consumers_one_topic_two_partitions() {
    let m = members(vec![
        ("consumer1", sub(&["topic1"])),
        ("consumer2", sub(&["topic1"])),
    ]);
    let a = run(Strategy::Range, &parts(&[("topic1", 2)]), &m);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic1", 1)]));
}

// RangeAssignorTest#testMultipleConsumersMixedTopics
#[test]
fn range_test_multiple_consumers_mixed_topics() {
    let m = members(vec![
        ("consumer1", sub(&["topic1"])),
        ("consumer2", sub(&["topic1", "topic2"])),
        ("consumer3", sub(&["topic1"])),
    ]);
    let a = run(Strategy::Range, &parts(&[("topic1", 3), ("topic2", 2)]), &m);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0)]));
    assert_eq!(
        of(&a, "consumer2"),
        tps(&[("topic1", 1), ("topic2", 0), ("topic2", 1)])
    );
    assert_eq!(of(&a, "consumer3"), tps(&[("topic1", 2)]));
}

// RangeAssignorTest#testTwoConsumersTwoTopicsSixPartitions
#[test]
fn range_test_two_consumers_two_topics_six_partitions() {
    let m = members(vec![
        ("consumer1", sub(&["topic1", "topic2"])),
        ("consumer2", sub(&["topic1", "topic2"])),
    ]);
    let a = run(Strategy::Range, &parts(&[("topic1", 3), ("topic2", 3)]), &m);
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic1", 0), ("topic1", 1), ("topic2", 0), ("topic2", 1)])
    );
    assert_eq!(of(&a, "consumer2"), tps(&[("topic1", 2), ("topic2", 2)]));
}

// RangeAssignorTest#testTwoStaticConsumersTwoTopicsSixPartitions
#[test]
fn range_test_two_static_consumers_two_topics_six_partitions() {
    let m = members(vec![
        ("consumer-b", static_sub(&["topic1", "topic2"], "instance1")),
        ("consumer-a", static_sub(&["topic1", "topic2"], "instance2")),
    ]);
    let a = run(Strategy::Range, &parts(&[("topic1", 3), ("topic2", 3)]), &m);
    assert_eq!(
        of(&a, "consumer-b"),
        tps(&[("topic1", 0), ("topic1", 1), ("topic2", 0), ("topic2", 1)])
    );
    assert_eq!(of(&a, "consumer-a"), tps(&[("topic1", 2), ("topic2", 2)]));
}

// RangeAssignorTest#testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions
#[test]
fn range_test_one_static_consumer_and_one_dynamic_consumer_two_topics_six_partitions() {
    let m = members(vec![
        ("consumer-b", static_sub(&["topic1", "topic2"], "instance1")),
        ("consumer-a", sub(&["topic1", "topic2"])),
    ]);
    let a = run(Strategy::Range, &parts(&[("topic1", 3), ("topic2", 3)]), &m);
    assert_eq!(
        of(&a, "consumer-b"),
        tps(&[("topic1", 0), ("topic1", 1), ("topic2", 0), ("topic2", 1)])
    );
    assert_eq!(of(&a, "consumer-a"), tps(&[("topic1", 2), ("topic2", 2)]));
}

// RangeAssignorTest#testStaticMemberRangeAssignmentPersistent
#[test]
fn range_test_static_member_range_assignment_persistent() {
    let both = ["topic1", "topic2"];
    let p = parts(&[("topic1", 5), ("topic2", 4)]);
    let mut m = members(vec![
        ("consumer1", static_sub(&both, "instance1")),
        ("consumer2", static_sub(&both, "instance2")),
        ("consumer3", static_sub(&both, "instance3")),
        ("consumer4", sub(&both)),
    ]);
    let a = run(Strategy::Range, &p, &m);
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic1", 0), ("topic1", 1), ("topic2", 0)])
    );
    assert_eq!(of(&a, "consumer2"), tps(&[("topic1", 2), ("topic2", 1)]));
    assert_eq!(of(&a, "consumer3"), tps(&[("topic1", 3), ("topic2", 2)]));
    assert_eq!(of(&a, "consumer4"), tps(&[("topic1", 4), ("topic2", 3)]));
    // Replace dynamic member 4 with a new dynamic member 5.
    m.remove("consumer4");
    m.insert("consumer5".into(), sub(&both));
    let a = run(Strategy::Range, &p, &m);
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic1", 0), ("topic1", 1), ("topic2", 0)])
    );
    assert_eq!(of(&a, "consumer5"), tps(&[("topic1", 4), ("topic2", 3)]));
}

// RangeAssignor javadoc example (C0, C1; t0, t1 with 3 partitions each).
#[test]
fn range_javadoc_example() {
    let m = members(vec![("C0", sub(&["t0", "t1"])), ("C1", sub(&["t0", "t1"]))]);
    let a = run(Strategy::Range, &parts(&[("t0", 3), ("t1", 3)]), &m);
    assert_eq!(
        of(&a, "C0"),
        tps(&[("t0", 0), ("t0", 1), ("t1", 0), ("t1", 1)])
    );
    assert_eq!(of(&a, "C1"), tps(&[("t0", 2), ("t1", 2)]));
}

// ----------------------------------------------------------- RoundRobinAssignorTest.java

// RoundRobinAssignorTest#testOneConsumerNoTopic
#[test]
fn round_robin_test_one_consumer_no_topic() {
    let a = run(
        Strategy::RoundRobin,
        &parts(&[]),
        &members(vec![("consumer", sub(&[]))]),
    );
    assert!(a["consumer"].is_empty());
}

// RoundRobinAssignorTest#testOneConsumerNonexistentTopic
#[test]
fn round_robin_test_one_consumer_nonexistent_topic() {
    let a = run(
        Strategy::RoundRobin,
        &parts(&[]),
        &members(vec![("consumer", sub(&["topic"]))]),
    );
    assert!(a["consumer"].is_empty());
}

// RoundRobinAssignorTest#testOneConsumerOneTopic
#[test]
fn round_robin_test_one_consumer_one_topic() {
    let a = run(
        Strategy::RoundRobin,
        &parts(&[("topic", 3)]),
        &members(vec![("consumer", sub(&["topic"]))]),
    );
    assert_eq!(
        of(&a, "consumer"),
        tps(&[("topic", 0), ("topic", 1), ("topic", 2)])
    );
}

// RoundRobinAssignorTest#testOnlyAssignsPartitionsFromSubscribedTopics
#[test]
fn round_robin_test_only_assigns_partitions_from_subscribed_topics() {
    let a = run(
        Strategy::RoundRobin,
        &parts(&[("topic", 3), ("other", 3)]),
        &members(vec![("consumer", sub(&["topic"]))]),
    );
    assert_eq!(
        of(&a, "consumer"),
        tps(&[("topic", 0), ("topic", 1), ("topic", 2)])
    );
}

// RoundRobinAssignorTest#testOneConsumerMultipleTopics
#[test]
fn round_robin_test_one_consumer_multiple_topics() {
    let a = run(
        Strategy::RoundRobin,
        &parts(&[("topic1", 1), ("topic2", 2)]),
        &members(vec![("consumer", sub(&["topic1", "topic2"]))]),
    );
    assert_eq!(
        of(&a, "consumer"),
        tps(&[("topic1", 0), ("topic2", 0), ("topic2", 1)])
    );
}

// RoundRobinAssignorTest#testTwoConsumersOneTopicOnePartition
#[test]
fn round_robin_test_two_consumers_one_topic_one_partition() {
    let m = members(vec![
        ("consumer1", sub(&["topic"])),
        ("consumer2", sub(&["topic"])),
    ]);
    let a = run(Strategy::RoundRobin, &parts(&[("topic", 1)]), &m);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic", 0)]));
    assert_eq!(of(&a, "consumer2"), tps(&[]));
}

// RoundRobinAssignorTest#testTwoConsumersOneTopicTwoPartitions
#[test]
fn round_robin_test_two_consumers_one_topic_two_partitions() {
    let m = members(vec![
        ("consumer1", sub(&["topic"])),
        ("consumer2", sub(&["topic"])),
    ]);
    let a = run(Strategy::RoundRobin, &parts(&[("topic", 2)]), &m);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic", 0)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic", 1)]));
}

// RoundRobinAssignorTest#testMultipleConsumersMixedTopics
#[test]
fn round_robin_test_multiple_consumers_mixed_topics() {
    let m = members(vec![
        ("consumer1", sub(&["topic1"])),
        ("consumer2", sub(&["topic1", "topic2"])),
        ("consumer3", sub(&["topic1"])),
    ]);
    let a = run(
        Strategy::RoundRobin,
        &parts(&[("topic1", 3), ("topic2", 2)]),
        &m,
    );
    assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0)]));
    assert_eq!(
        of(&a, "consumer2"),
        tps(&[("topic1", 1), ("topic2", 0), ("topic2", 1)])
    );
    assert_eq!(of(&a, "consumer3"), tps(&[("topic1", 2)]));
}

// RoundRobinAssignorTest#testTwoDynamicConsumersTwoTopicsSixPartitions
#[test]
fn round_robin_test_two_dynamic_consumers_two_topics_six_partitions() {
    let m = members(vec![
        ("consumer1", sub(&["topic1", "topic2"])),
        ("consumer2", sub(&["topic1", "topic2"])),
    ]);
    let a = run(
        Strategy::RoundRobin,
        &parts(&[("topic1", 3), ("topic2", 3)]),
        &m,
    );
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic1", 0), ("topic1", 2), ("topic2", 1)])
    );
    assert_eq!(
        of(&a, "consumer2"),
        tps(&[("topic1", 1), ("topic2", 0), ("topic2", 2)])
    );
}

// RoundRobinAssignorTest#testTwoStaticConsumersTwoTopicsSixPartitions
#[test]
fn round_robin_test_two_static_consumers_two_topics_six_partitions() {
    let m = members(vec![
        ("consumer-b", static_sub(&["topic1", "topic2"], "instance1")),
        ("consumer-a", static_sub(&["topic1", "topic2"], "instance2")),
    ]);
    let a = run(
        Strategy::RoundRobin,
        &parts(&[("topic1", 3), ("topic2", 3)]),
        &m,
    );
    assert_eq!(
        of(&a, "consumer-b"),
        tps(&[("topic1", 0), ("topic1", 2), ("topic2", 1)])
    );
    assert_eq!(
        of(&a, "consumer-a"),
        tps(&[("topic1", 1), ("topic2", 0), ("topic2", 2)])
    );
}

// RoundRobinAssignorTest#testOneStaticConsumerAndOneDynamicConsumerTwoTopicsSixPartitions
#[test]
fn round_robin_test_one_static_consumer_and_one_dynamic_consumer_two_topics_six_partitions() {
    let m = members(vec![
        ("consumer-b", static_sub(&["topic1", "topic2"], "instance1")),
        ("consumer-a", sub(&["topic1", "topic2"])),
    ]);
    let a = run(
        Strategy::RoundRobin,
        &parts(&[("topic1", 3), ("topic2", 3)]),
        &m,
    );
    assert_eq!(
        of(&a, "consumer-b"),
        tps(&[("topic1", 0), ("topic1", 2), ("topic2", 1)])
    );
    assert_eq!(
        of(&a, "consumer-a"),
        tps(&[("topic1", 1), ("topic2", 0), ("topic2", 2)])
    );
}

// RoundRobinAssignorTest#testStaticMemberAssignmentPersistent
#[test]
fn round_robin_test_static_member_assignment_persistent() {
    let both = ["topic1", "topic2"];
    let p = parts(&[("topic1", 3), ("topic2", 3)]);
    let mut m = members(vec![
        ("consumer1", static_sub(&both, "instance1")),
        ("consumer2", static_sub(&both, "instance2")),
        ("consumer3", static_sub(&both, "instance3")),
        ("consumer4", sub(&both)),
    ]);
    let a = run(Strategy::RoundRobin, &p, &m);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0), ("topic2", 1)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic1", 1), ("topic2", 2)]));
    assert_eq!(of(&a, "consumer3"), tps(&[("topic1", 2)]));
    assert_eq!(of(&a, "consumer4"), tps(&[("topic2", 0)]));
    m.remove("consumer4");
    m.insert("consumer5".into(), sub(&both));
    let a = run(Strategy::RoundRobin, &p, &m);
    assert_eq!(of(&a, "consumer5"), tps(&[("topic2", 0)]));
    assert_eq!(of(&a, "consumer3"), tps(&[("topic1", 2)]));
}

// RoundRobinAssignorTest#testStaticMemberAssignmentPersistentAfterMemberIdChanges
#[test]
fn round_robin_test_static_member_assignment_persistent_after_member_id_changes() {
    let both = ["topic1", "topic2"];
    let p = parts(&[("topic1", 3), ("topic2", 3)]);
    let by_instance = |pairs: &[(&str, &str)]| {
        let m = members(
            pairs
                .iter()
                .map(|(id, inst)| (*id, static_sub(&both, inst)))
                .collect(),
        );
        let a = run(Strategy::RoundRobin, &p, &m);
        pairs
            .iter()
            .map(|(id, inst)| (inst.to_string(), of(&a, id)))
            .collect::<VecMap<_, _>>()
    };
    let first = by_instance(&[
        ("consumer1", "instance1"),
        ("consumer2", "instance2"),
        ("consumer3", "instance3"),
    ]);
    for (i, inst) in ["instance1", "instance2", "instance3"].iter().enumerate() {
        assert_eq!(
            first[*inst],
            tps(&[("topic1", i as u32), ("topic2", i as u32)])
        );
    }
    let second = by_instance(&[
        ("consumer4", "instance1"),
        ("consumer5", "instance2"),
        ("consumer1", "instance3"),
    ]);
    assert_eq!(first, second);
}

// RoundRobinAssignor javadoc example 2: C0 [t0], C1 [t0,t1], C2 [t0,t1,t2].
#[test]
fn round_robin_javadoc_example_with_different_subscriptions() {
    let m = members(vec![
        ("C0", sub(&["t0"])),
        ("C1", sub(&["t0", "t1"])),
        ("C2", sub(&["t0", "t1", "t2"])),
    ]);
    let a = run(
        Strategy::RoundRobin,
        &parts(&[("t0", 1), ("t1", 2), ("t2", 3)]),
        &m,
    );
    assert_eq!(of(&a, "C0"), tps(&[("t0", 0)]));
    assert_eq!(of(&a, "C1"), tps(&[("t1", 0)]));
    assert_eq!(
        of(&a, "C2"),
        tps(&[("t1", 1), ("t2", 0), ("t2", 1), ("t2", 2)])
    );
}

// ------------------------------------- internals/AbstractStickyAssignorTest.java (sticky)

// AbstractStickyAssignorTest#testOneConsumerNoTopic
#[test]
fn sticky_test_one_consumer_no_topic() {
    for s in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let a = run(s, &parts(&[]), &members(vec![("consumer", sub(&[]))]));
        assert!(a["consumer"].is_empty());
    }
}

// AbstractStickyAssignorTest#testOneConsumerNonexistentTopic
#[test]
fn sticky_test_one_consumer_nonexistent_topic() {
    for s in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let a = run(
            s,
            &parts(&[("topic", 0)]),
            &members(vec![("consumer", sub(&["topic"]))]),
        );
        assert!(a["consumer"].is_empty());
    }
}

// AbstractStickyAssignorTest#testOneConsumerOneTopic
#[test]
fn sticky_test_one_consumer_one_topic() {
    let a = run(
        Strategy::Sticky,
        &parts(&[("topic", 3)]),
        &members(vec![("consumer", sub(&["topic"]))]),
    );
    assert_eq!(
        of(&a, "consumer"),
        tps(&[("topic", 0), ("topic", 1), ("topic", 2)])
    );
}

// AbstractStickyAssignorTest#testOnlyAssignsPartitionsFromSubscribedTopics
#[test]
fn sticky_test_only_assigns_partitions_from_subscribed_topics() {
    let m = members(vec![(
        "consumer",
        owned(
            &["topic"],
            &[("topic", 0), ("topic", 1), ("other", 0), ("other", 1)],
            1,
        ),
    )]);
    for s in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let a = run(s, &parts(&[("topic", 2)]), &m);
        assert_eq!(of(&a, "consumer"), tps(&[("topic", 0), ("topic", 1)]));
    }
}

// AbstractStickyAssignorTest#testOneConsumerMultipleTopics
#[test]
fn sticky_test_one_consumer_multiple_topics() {
    let a = run(
        Strategy::Sticky,
        &parts(&[("topic1", 1), ("topic2", 2)]),
        &members(vec![("consumer", sub(&["topic1", "topic2"]))]),
    );
    assert_eq!(
        of(&a, "consumer"),
        tps(&[("topic1", 0), ("topic2", 0), ("topic2", 1)])
    );
}

// AbstractStickyAssignorTest#testTwoConsumersOneTopicTwoPartitions
#[test]
fn sticky_test_two_consumers_one_topic_two_partitions() {
    let m = members(vec![
        ("consumer1", sub(&["topic"])),
        ("consumer2", sub(&["topic"])),
    ]);
    let a = run(Strategy::Sticky, &parts(&[("topic", 2)]), &m);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic", 0)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic", 1)]));
}

// AbstractStickyAssignorTest#testMultipleConsumersMixedTopicSubscriptions (general path)
#[test]
fn sticky_test_multiple_consumers_mixed_topic_subscriptions() {
    let m = members(vec![
        ("consumer1", sub(&["topic1"])),
        ("consumer2", sub(&["topic1", "topic2"])),
        ("consumer3", sub(&["topic1"])),
    ]);
    let a = run(
        Strategy::Sticky,
        &parts(&[("topic1", 3), ("topic2", 2)]),
        &m,
    );
    assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0), ("topic1", 2)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic2", 0), ("topic2", 1)]));
    assert_eq!(of(&a, "consumer3"), tps(&[("topic1", 1)]));
}

// AbstractStickyAssignorTest#testTwoConsumersTwoTopicsSixPartitions
#[test]
fn sticky_test_two_consumers_two_topics_six_partitions() {
    let m = members(vec![
        ("consumer1", sub(&["topic1", "topic2"])),
        ("consumer2", sub(&["topic1", "topic2"])),
    ]);
    let a = run(
        Strategy::Sticky,
        &parts(&[("topic1", 3), ("topic2", 3)]),
        &m,
    );
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic1", 0), ("topic1", 2), ("topic2", 1)])
    );
    assert_eq!(
        of(&a, "consumer2"),
        tps(&[("topic1", 1), ("topic2", 0), ("topic2", 2)])
    );
}

// AbstractStickyAssignorTest#testConsumerOwningMinQuotaExpectedMaxQuota
#[test]
fn sticky_test_consumer_owning_min_quota_expected_max_quota() {
    let both = ["topic1", "topic2"];
    let m = members(vec![
        (
            "consumer1",
            owned(&both, &[("topic1", 0), ("topic2", 1)], 1),
        ),
        (
            "consumer2",
            owned(&both, &[("topic1", 1), ("topic2", 2)], 1),
        ),
    ]);
    for s in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let a = run(s, &parts(&[("topic1", 2), ("topic2", 3)]), &m);
        assert_eq!(
            of(&a, "consumer1"),
            tps(&[("topic1", 0), ("topic2", 1), ("topic2", 0)])
        );
        assert_eq!(of(&a, "consumer2"), tps(&[("topic1", 1), ("topic2", 2)]));
    }
}

// AbstractStickyAssignorTest#testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers
#[test]
fn sticky_test_max_quota_consumer_more_than_num_expected_max_capacity_members() {
    let both = ["topic1", "topic2"];
    let m = members(vec![
        (
            "consumer1",
            owned(&both, &[("topic1", 0), ("topic2", 0)], 1),
        ),
        (
            "consumer2",
            owned(&both, &[("topic1", 1), ("topic2", 1)], 1),
        ),
        ("consumer3", owned(&both, &[], 1)),
    ]);
    let p = parts(&[("topic1", 2), ("topic2", 2)]);
    let a = run(Strategy::Sticky, &p, &m);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic1", 1), ("topic2", 1)]));
    assert_eq!(of(&a, "consumer3"), tps(&[("topic2", 0)]));
    // partitionsTransferringOwnership == {topic2-0: consumer3}: withheld this round.
    let a = run(Strategy::CooperativeSticky, &p, &m);
    assert_eq!(of(&a, "consumer3"), tps(&[]));
    assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0)]));
}

// AbstractStickyAssignorTest#testAllConsumersAreUnderMinQuota
#[test]
fn sticky_test_all_consumers_are_under_min_quota() {
    let both = ["topic1", "topic2"];
    let m = members(vec![
        ("consumer1", owned(&both, &[("topic1", 0)], 1)),
        ("consumer2", owned(&both, &[("topic1", 1)], 1)),
        ("consumer3", owned(&both, &[], 1)),
    ]);
    for s in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let a = run(s, &parts(&[("topic1", 2), ("topic2", 3)]), &m);
        assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0), ("topic2", 1)]));
        assert_eq!(of(&a, "consumer2"), tps(&[("topic1", 1), ("topic2", 2)]));
        assert_eq!(of(&a, "consumer3"), tps(&[("topic2", 0)]));
    }
}

// AbstractStickyAssignorTest#testAddRemoveConsumerOneTopic
#[test]
fn sticky_test_add_remove_consumer_one_topic() {
    let p = parts(&[("topic", 3)]);
    let a = run(
        Strategy::Sticky,
        &p,
        &members(vec![("consumer1", sub(&["topic"]))]),
    );
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic", 0), ("topic", 1), ("topic", 2)])
    );
    let m = members(vec![
        (
            "consumer1",
            owned(&["topic"], &[("topic", 0), ("topic", 1), ("topic", 2)], 1),
        ),
        ("consumer2", owned(&["topic"], &[], 1)),
    ]);
    let a = run(Strategy::Sticky, &p, &m);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic", 0), ("topic", 1)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic", 2)]));
    let m = members(vec![("consumer2", owned(&["topic"], &[("topic", 2)], 1))]);
    let a = run(Strategy::Sticky, &p, &m);
    assert_eq!(
        of(&a, "consumer2"),
        tps(&[("topic", 0), ("topic", 1), ("topic", 2)])
    );
}

// AbstractStickyAssignorTest#testAddRemoveTwoConsumersTwoTopics (the version for the
// rack-aware assignor, where owned partitions are kept in (partition, topic) order)
#[test]
fn sticky_test_add_remove_two_consumers_two_topics() {
    let all = ["topic1", "topic2"];
    let p = parts(&[("topic1", 3), ("topic2", 4)]);
    let m = members(vec![("consumer1", sub(&all)), ("consumer2", sub(&all))]);
    let a = run(Strategy::Sticky, &p, &m);
    let c1 = [("topic1", 0), ("topic1", 2), ("topic2", 1), ("topic2", 3)];
    let c2 = [("topic1", 1), ("topic2", 0), ("topic2", 2)];
    assert_eq!(of(&a, "consumer1"), tps(&c1));
    assert_eq!(of(&a, "consumer2"), tps(&c2));
    // add 2 consumers
    let m = members(vec![
        ("consumer1", owned(&all, &c1, 1)),
        ("consumer2", owned(&all, &c2, 1)),
        ("consumer3", owned(&all, &[], 1)),
        ("consumer4", owned(&all, &[], 1)),
    ]);
    let a = run(Strategy::Sticky, &p, &m);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0), ("topic2", 1)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic2", 0), ("topic1", 1)]));
    assert_eq!(of(&a, "consumer3"), tps(&[("topic1", 2), ("topic2", 3)]));
    assert_eq!(of(&a, "consumer4"), tps(&[("topic2", 2)]));
    // partitionsTransferringOwnership == {topic1-2, topic2-3 → consumer3, topic2-2 →
    // consumer4}: the cooperative assignor withholds them this round.
    let coop = run(Strategy::CooperativeSticky, &p, &m);
    assert_eq!(of(&coop, "consumer3"), tps(&[]));
    assert_eq!(of(&coop, "consumer4"), tps(&[]));
    assert_eq!(of(&coop, "consumer1"), tps(&[("topic1", 0), ("topic2", 1)]));
    // remove 2 consumers
    let m = members(vec![
        ("consumer3", owned(&all, &[("topic1", 2), ("topic2", 3)], 1)),
        ("consumer4", owned(&all, &[("topic2", 2)], 1)),
    ]);
    let a = run(Strategy::Sticky, &p, &m);
    assert_eq!(
        of(&a, "consumer3"),
        tps(&[("topic1", 2), ("topic2", 3), ("topic1", 0), ("topic2", 1)])
    );
    assert_eq!(
        of(&a, "consumer4"),
        tps(&[("topic2", 2), ("topic1", 1), ("topic2", 0)])
    );
}

// AbstractStickyAssignorTest#testAllConsumersReachExpectedQuotaAndAreConsideredFilled
#[test]
fn sticky_test_all_consumers_reach_expected_quota_and_are_considered_filled() {
    let m = members(vec![
        (
            "consumer1",
            owned(&["topic"], &[("topic", 0), ("topic", 1)], 1),
        ),
        ("consumer2", owned(&["topic"], &[("topic", 2)], 1)),
        ("consumer3", owned(&["topic"], &[], 1)),
    ]);
    for s in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let a = run(s, &parts(&[("topic", 4)]), &m);
        assert_eq!(of(&a, "consumer1"), tps(&[("topic", 0), ("topic", 1)]));
        assert_eq!(of(&a, "consumer2"), tps(&[("topic", 2)]));
        assert_eq!(of(&a, "consumer3"), tps(&[("topic", 3)]));
    }
}

// AbstractStickyAssignorTest#testOwnedPartitionsAreInvalidatedForConsumerWithStaleGeneration
#[test]
fn sticky_test_owned_partitions_are_invalidated_for_consumer_with_stale_generation() {
    let both = ["topic", "topic2"];
    let claim = [("topic", 0), ("topic", 2), ("topic2", 1)];
    let m = members(vec![
        ("consumer1", owned(&both, &claim, 10)),
        ("consumer2", owned(&both, &claim, 9)),
    ]);
    for s in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let a = run(s, &parts(&[("topic", 3), ("topic2", 3)]), &m);
        assert_eq!(of(&a, "consumer1"), tps(&claim));
        assert_eq!(
            of(&a, "consumer2"),
            tps(&[("topic", 1), ("topic2", 0), ("topic2", 2)])
        );
    }
}

// AbstractStickyAssignorTest#testOwnedPartitionsAreInvalidatedForConsumerWithNoGeneration
#[test]
fn sticky_test_owned_partitions_are_invalidated_for_consumer_with_no_generation() {
    let both = ["topic", "topic2"];
    let claim = [("topic", 0), ("topic", 2), ("topic2", 1)];
    let m = members(vec![
        ("consumer1", owned(&both, &claim, 10)),
        ("consumer2", owned(&both, &claim, -1)),
    ]);
    for s in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let a = run(s, &parts(&[("topic", 3), ("topic2", 3)]), &m);
        assert_eq!(of(&a, "consumer1"), tps(&claim));
        assert_eq!(
            of(&a, "consumer2"),
            tps(&[("topic", 1), ("topic2", 0), ("topic2", 2)])
        );
    }
}

// AbstractStickyAssignorTest#testPartitionsTransferringOwnershipIncludeThePartitionClaimedByMultipleConsumersInSameGeneration
#[test]
fn sticky_test_partitions_transferring_ownership_include_the_partition_claimed_by_multiple_consumers_in_same_generation(
) {
    let m = members(vec![
        (
            "consumer1",
            owned(&["topic"], &[("topic", 0), ("topic", 1)], 1),
        ),
        (
            "consumer2",
            owned(&["topic"], &[("topic", 0), ("topic", 2)], 1),
        ),
        ("consumer3", owned(&["topic"], &[], 1)),
    ]);
    let p = parts(&[("topic", 3)]);
    let a = run(Strategy::Sticky, &p, &m);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic", 1)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic", 2)]));
    assert_eq!(of(&a, "consumer3"), tps(&[("topic", 0)]));
    // partitionsTransferringOwnership == {topic-0: consumer3}.
    let a = run(Strategy::CooperativeSticky, &p, &m);
    assert_eq!(of(&a, "consumer3"), tps(&[]));
}

// AbstractStickyAssignorTest#testEnsurePartitionsAssignedToHighestGeneration
#[test]
fn sticky_test_ensure_partitions_assigned_to_highest_generation() {
    let all = ["topic", "topic2", "topic3"];
    let m = members(vec![
        (
            "consumer1",
            owned(&all, &[("topic", 0), ("topic2", 0), ("topic3", 0)], 10),
        ),
        (
            "consumer2",
            owned(&all, &[("topic", 1), ("topic2", 1), ("topic3", 1)], 9),
        ),
        (
            "consumer3",
            owned(&all, &[("topic2", 1), ("topic3", 0), ("topic3", 2)], 8),
        ),
    ]);
    for s in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let a = run(s, &parts(&[("topic", 3), ("topic2", 3), ("topic3", 3)]), &m);
        assert_eq!(
            of(&a, "consumer1"),
            tps(&[("topic", 0), ("topic2", 0), ("topic3", 0)])
        );
        assert_eq!(
            of(&a, "consumer2"),
            tps(&[("topic", 1), ("topic2", 1), ("topic3", 1)])
        );
        assert_eq!(
            of(&a, "consumer3"),
            tps(&[("topic", 2), ("topic2", 2), ("topic3", 2)])
        );
    }
}

// AbstractStickyAssignorTest#testNoReassignmentOnCurrentMembers
#[test]
fn sticky_test_no_reassignment_on_current_members() {
    let all = ["topic", "topic2", "topic3", "topic1"];
    let mut c1 = owned(&all, &[], 0);
    c1.generation = Some(-1);
    let m = members(vec![
        ("consumer1", c1),
        (
            "consumer2",
            owned(&all, &[("topic", 0), ("topic2", 0), ("topic1", 0)], 9),
        ),
        (
            "consumer3",
            owned(&all, &[("topic3", 2), ("topic2", 2), ("topic1", 1)], 8),
        ),
        (
            "consumer4",
            owned(&all, &[("topic3", 1), ("topic", 1), ("topic", 2)], 7),
        ),
    ]);
    for s in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let a = run(
            s,
            &parts(&[("topic", 3), ("topic1", 3), ("topic2", 3), ("topic3", 3)]),
            &m,
        );
        assert_eq!(
            of(&a, "consumer1"),
            tps(&[("topic1", 2), ("topic2", 1), ("topic3", 0)])
        );
    }
}

// AbstractStickyAssignorTest#testOwnedPartitionsAreInvalidatedForConsumerWithMultipleGeneration
#[test]
fn sticky_test_owned_partitions_are_invalidated_for_consumer_with_multiple_generation() {
    let both = ["topic", "topic2"];
    let m = members(vec![
        (
            "consumer1",
            owned(&both, &[("topic", 0), ("topic2", 1), ("topic", 1)], 10),
        ),
        (
            "consumer2",
            owned(&both, &[("topic", 0), ("topic2", 1), ("topic2", 2)], 8),
        ),
    ]);
    for s in [Strategy::Sticky, Strategy::CooperativeSticky] {
        let a = run(s, &parts(&[("topic", 3), ("topic2", 3)]), &m);
        assert_eq!(
            of(&a, "consumer1"),
            tps(&[("topic", 0), ("topic2", 1), ("topic", 1)])
        );
        assert_eq!(
            of(&a, "consumer2"),
            tps(&[("topic", 2), ("topic2", 2), ("topic2", 0)])
        );
    }
}

// StickyAssignor javadoc example 2 (general path): C0 [t0], C1 [t0,t1], C2 [t0,t1,t2].
#[test]
fn sticky_javadoc_example_2() {
    let m = members(vec![
        ("C0", sub(&["t0"])),
        ("C1", sub(&["t0", "t1"])),
        ("C2", sub(&["t0", "t1", "t2"])),
    ]);
    let p = parts(&[("t0", 1), ("t1", 2), ("t2", 3)]);
    let a = run(Strategy::Sticky, &p, &m);
    assert_eq!(of(&a, "C0"), tps(&[("t0", 0)]));
    assert_eq!(of(&a, "C1"), tps(&[("t1", 0), ("t1", 1)]));
    assert_eq!(of(&a, "C2"), tps(&[("t2", 0), ("t2", 1), ("t2", 2)]));
    // C0 is removed: sticky keeps 5 of 6 assignments.
    let m = members(vec![
        ("C1", owned(&["t0", "t1"], &[("t1", 0), ("t1", 1)], 1)),
        (
            "C2",
            owned(&["t0", "t1", "t2"], &[("t2", 0), ("t2", 1), ("t2", 2)], 1),
        ),
    ]);
    let a = run(Strategy::Sticky, &p, &m);
    assert_eq!(of(&a, "C1"), tps(&[("t1", 0), ("t1", 1), ("t0", 0)]));
    assert_eq!(of(&a, "C2"), tps(&[("t2", 0), ("t2", 1), ("t2", 2)]));
}

// StickyAssignor javadoc example 1: C1 leaves, everything C0 and C2 had is kept.
#[test]
fn sticky_javadoc_example_1() {
    let all = ["t0", "t1", "t2", "t3"];
    let p = parts(&[("t0", 2), ("t1", 2), ("t2", 2), ("t3", 2)]);
    let m = members(vec![
        ("C0", owned(&all, &[("t0", 0), ("t1", 1), ("t3", 0)], 1)),
        ("C2", owned(&all, &[("t1", 0), ("t2", 1)], 1)),
    ]);
    let a = run(Strategy::Sticky, &p, &m);
    assert_eq!(a["C0"].values().map(Vec::len).sum::<usize>(), 4);
    assert_eq!(a["C2"].values().map(Vec::len).sum::<usize>(), 4);
    for tp in [("t0", 0), ("t1", 1), ("t3", 0)] {
        assert!(of(&a, "C0").contains(&(tp.0.to_string(), tp.1)));
    }
    for tp in [("t1", 0), ("t2", 1)] {
        assert!(of(&a, "C2").contains(&(tp.0.to_string(), tp.1)));
    }
}

// CooperativeStickyAssignorTest: the two-round protocol (KIP-429) — round one withholds
// the moving partition, round two (after the owner revoked it) hands it over.
#[test]
fn cooperative_two_rounds_hand_a_partition_over() {
    let p = parts(&[("topic", 3)]);
    let round1 = members(vec![
        (
            "consumer1",
            owned(&["topic"], &[("topic", 0), ("topic", 1), ("topic", 2)], 1),
        ),
        ("consumer2", owned(&["topic"], &[], 1)),
    ]);
    let a = run(Strategy::CooperativeSticky, &p, &round1);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic", 0), ("topic", 1)]));
    assert_eq!(of(&a, "consumer2"), tps(&[]));
    // consumer1 revoked topic-2 and rejoins with generation 2.
    let round2 = members(vec![
        (
            "consumer1",
            owned(&["topic"], &[("topic", 0), ("topic", 1)], 2),
        ),
        ("consumer2", owned(&["topic"], &[], 2)),
    ]);
    let a = run(Strategy::CooperativeSticky, &p, &round2);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic", 0), ("topic", 1)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic", 2)]));
}
