//! Concrete cases of Kafka's `CooperativeStickyAssignorTest` (apache/kafka,
//! `clients/src/test/java/org/apache/kafka/clients/consumer/CooperativeStickyAssignorTest.java`),
//! which extends `internals/AbstractStickyAssignorTest.java`: JUnit runs every inherited
//! test against `CooperativeStickyAssignor`, with the cooperative
//! `verifyValidityAndBalance` override. Each test is named after the Java test it ports.
//!
//! How the Java harness is mapped:
//! - `subscription(topics, i)`: topics only, no owned partitions, `DEFAULT_GENERATION`
//!   (here `generation: None`). Rack parameters are dropped (racks are not modelled, as
//!   with `RackConfig.NO_BROKER_RACK`, where the rack-aware code never runs).
//! - `buildSubscriptionV2Above(topics, owned, generation, i)`: `owned` and
//!   `Some(generation)`; `buildSubscriptionV1` (generation only in the user data, which
//!   `CooperativeStickyAssignor#memberData` falls back to) is the same member data.
//! - `assignor.partitionsTransferringOwnership` is internal; what the cooperative assignor
//!   does with it is observable: `adjustAssignment` withholds exactly those partitions in
//!   the first round. So "transferring ownership is empty" becomes "nothing is withheld"
//!   and `{tp -> consumer}` becomes "tp is withheld" ([`withheld`]).
//! - The cooperative `verifyValidityAndBalance` rewrites the test's `subscriptions` and
//!   `assignment` maps in place (follow-up rebalances until nothing is revoked), so Java's
//!   assertions after it check the final state; [`verify_validity_and_balance`] does the
//!   same through `&mut`.
//! - Java compares `List<TopicPartition>` in the assignor's order; `assign` returns each
//!   member's partitions sorted, so members are compared as sorted lists.

use kafka_sim::collections::{VecMap, VecSet};

use kafka_sim::assignor::{assign, Assignment, Strategy, Subscription};

/// `AbstractStickyAssignorTest.generationId`.
const GENERATION_ID: i32 = 1;

type Subs = VecMap<String, Subscription>;
type Tp = (String, u32);

fn parts(spec: &[(&str, u32)]) -> VecMap<String, u32> {
    spec.iter().map(|(t, n)| (t.to_string(), *n)).collect()
}

/// `subscription(topics, consumerIndex)`.
fn sub(topics: &[&str]) -> Subscription {
    Subscription::to(topics.iter().copied())
}

/// `buildSubscriptionV2Above(topics, partitions, generation, consumerIndex)`;
/// `None` is `DEFAULT_GENERATION`.
fn v2(topics: &[&str], owned: &[(&str, u32)], generation: Option<i32>) -> Subscription {
    let mut s = sub(topics);
    for (t, p) in owned {
        s.owned.entry(t.to_string()).or_default().push(*p);
    }
    s.generation = generation;
    s
}

/// `buildSubscriptionV2Above(topics, assignment.get(member), generationId, i)`.
fn rejoin(topics: &[String], a: &Assignment, member: &str) -> Subscription {
    let mut s = Subscription::to(topics.iter().cloned());
    s.owned = a[member].clone();
    s.generation = Some(GENERATION_ID);
    s
}

fn members(spec: Vec<(&str, Subscription)>) -> Subs {
    spec.into_iter().map(|(m, s)| (m.to_string(), s)).collect()
}

fn run(p: &VecMap<String, u32>, m: &Subs) -> Assignment {
    assign(Strategy::CooperativeSticky, p, m).expect("valid input")
}

/// A member's partitions as sorted (topic, partition) pairs.
fn of(a: &Assignment, member: &str) -> Vec<Tp> {
    let mut v: Vec<Tp> = a[member]
        .iter()
        .flat_map(|(t, ps)| ps.iter().map(move |p| (t.clone(), *p)))
        .collect();
    v.sort();
    v
}

fn tps(spec: &[(&str, u32)]) -> Vec<Tp> {
    let mut v: Vec<Tp> = spec.iter().map(|(t, p)| (t.to_string(), *p)).collect();
    v.sort();
    v
}

fn size(a: &Assignment, member: &str) -> usize {
    a[member].values().map(Vec::len).sum()
}

fn count_of_topic(a: &Assignment, member: &str, topic: &str) -> usize {
    a[member].get(topic).map_or(0, Vec::len)
}

/// Partitions of subscribed topics that nobody was given: what
/// `CooperativeStickyAssignor#adjustAssignment` withheld (the keys of
/// `partitionsTransferringOwnership`), sorted.
fn withheld(p: &VecMap<String, u32>, subs: &Subs, a: &Assignment) -> Vec<Tp> {
    let subscribed: VecSet<&str> = subs
        .values()
        .flat_map(|s| s.topics.iter().map(String::as_str))
        .collect();
    let assigned: VecSet<Tp> = a.keys().flat_map(|m| of(a, m)).collect();
    let mut v = Vec::new();
    for (t, &n) in p {
        if subscribed.contains(t.as_str()) {
            for q in 0..n {
                let tp = (t.clone(), q);
                if !assigned.contains(&tp) {
                    v.push(tp);
                }
            }
        }
    }
    v
}

/// `AbstractStickyAssignorTest#isFullyBalanced`.
fn is_fully_balanced(a: &Assignment) -> bool {
    let sizes: Vec<usize> = a.keys().map(|m| size(a, m)).collect();
    match (sizes.iter().min(), sizes.iter().max()) {
        (Some(min), Some(max)) => max - min <= 1,
        _ => true,
    }
}

fn owned_of(s: &Subscription) -> VecSet<Tp> {
    s.owned
        .iter()
        .flat_map(|(t, ps)| ps.iter().map(move |p| (t.clone(), *p)))
        .collect()
}

/// `CooperativeStickyAssignorTest#verifyCooperativeValidity`: no partition is given to a
/// new owner in the rebalance where its old owner revokes it. True if something is revoked
/// (so a follow-up rebalance comes).
fn verify_cooperative_validity(subs: &Subs, a: &Assignment) -> bool {
    let mut all_added = VecSet::new();
    let mut all_revoked = VecSet::new();
    for member in a.keys() {
        let owned = owned_of(&subs[member]);
        let assigned: VecSet<Tp> = of(a, member).into_iter().collect();
        all_revoked.extend(owned.difference(&assigned).cloned());
        all_added.extend(assigned.difference(&owned).cloned());
    }
    let both: Vec<&Tp> = all_added.intersection(&all_revoked).collect();
    assert!(
        both.is_empty(),
        "Some partitions were assigned to a new consumer during the same rebalance they are \
         being revoked from their previous owner. Partitions: {both:?}"
    );
    !all_revoked.is_empty()
}

/// `CooperativeStickyAssignorTest#verifyValidityAndBalance`: follow-up rebalances (each
/// member rejoining with what it was given, generation `generationId`) while partitions are
/// revoked, at most 4, then `AbstractStickyAssignorTest#verifyValidityAndBalance` on the
/// final state. Rewrites `subs` and `a` as the Java override rewrites its maps.
fn verify_validity_and_balance(subs: &mut Subs, a: &mut Assignment, p: &VecMap<String, u32>) {
    let mut rebalances = 0;
    while verify_cooperative_validity(subs, a) {
        let next: Subs = a
            .keys()
            .map(|m| (m.clone(), rejoin(&subs[m].topics, a, m)))
            .collect();
        *subs = next;
        *a = run(p, subs);
        rebalances += 1;
        assert!(rebalances <= 4, "more than 4 follow-up rebalances");
    }
    verify_validity_and_balance_eager(subs, a);
}

/// `AbstractStickyAssignorTest#verifyValidityAndBalance`.
fn verify_validity_and_balance_eager(subs: &Subs, a: &Assignment) {
    assert_eq!(subs.len(), a.len());
    let consumers: Vec<&String> = a.keys().collect();
    for (i, c) in consumers.iter().enumerate() {
        let mine = of(a, c);
        for (t, p) in &mine {
            assert!(
                subs[*c].topics.contains(t),
                "{t}-{p} is assigned to {c}, which does not subscribe to {t}: {a:?}"
            );
        }
        for other in &consumers[i + 1..] {
            let theirs = of(a, other);
            let common: Vec<&Tp> = mine.iter().filter(|tp| theirs.contains(tp)).collect();
            assert!(
                common.is_empty(),
                "{c} and {other} share partitions {common:?}: {a:?}"
            );
            if mine.len().abs_diff(theirs.len()) <= 1 {
                continue;
            }
            // If the two have a topic in common, a partition could have been moved.
            for t in a[*c].keys() {
                assert!(
                    !a[*other].contains_key(t),
                    "a partition of {t} can move between {c} ({}) and {other} ({}) for a better \
                     balance: {a:?}",
                    mine.len(),
                    theirs.len()
                );
            }
        }
    }
}

/// `getCanonicalName(str, i, maxNum)`: `str` then `i` zero-padded to the digits of `maxNum`.
fn canonical(prefix: &str, i: usize, max: usize) -> String {
    let digits = max.to_string().len();
    format!("{prefix}{i:0digits$}")
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

// ------------------------------------------------ CooperativeStickyAssignorTest.java itself

// CooperativeStickyAssignorTest#testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithEqualPartitionsPerConsumer
#[test]
fn test_all_consumers_have_owned_partition_invalidated_when_claimed_by_multiple_consumers_in_same_generation_with_equal_partitions_per_consumer(
) {
    let p = parts(&[("topic", 3)]);
    let g = Some(GENERATION_ID);
    let mut subs = members(vec![
        (
            "consumer1",
            v2(&["topic"], &[("topic", 0), ("topic", 1)], g),
        ),
        (
            "consumer2",
            v2(&["topic"], &[("topic", 0), ("topic", 2)], g),
        ),
        ("consumer3", v2(&["topic"], &[], g)),
    ]);
    let mut a = run(&p, &subs);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic", 1)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic", 2)]));
    // topic-0 counts as owned, so it cannot be assigned until both have revoked it.
    assert!(of(&a, "consumer3").is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// CooperativeStickyAssignorTest#testAllConsumersHaveOwnedPartitionInvalidatedWhenClaimedByMultipleConsumersInSameGenerationWithUnequalPartitionsPerConsumer
#[test]
fn test_all_consumers_have_owned_partition_invalidated_when_claimed_by_multiple_consumers_in_same_generation_with_unequal_partitions_per_consumer(
) {
    let p = parts(&[("topic", 4)]);
    let g = Some(GENERATION_ID);
    let mut subs = members(vec![
        (
            "consumer1",
            v2(&["topic"], &[("topic", 0), ("topic", 1)], g),
        ),
        (
            "consumer2",
            v2(&["topic"], &[("topic", 0), ("topic", 2)], g),
        ),
        ("consumer3", v2(&["topic"], &[], g)),
    ]);
    let mut a = run(&p, &subs);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic", 1), ("topic", 3)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic", 2)]));
    assert!(of(&a, "consumer3").is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// CooperativeStickyAssignorTest#testAssignorWithOldVersionSubscriptions
// (V1 subscriptions: the generation travels in the user data, which memberData reads when
// the subscription has none; the member data is owned + generation 1 either way.)
#[test]
fn test_assignor_with_old_version_subscriptions() {
    let p = parts(&[("topic1", 3)]);
    let g = Some(GENERATION_ID);
    let mut subs = members(vec![
        ("consumer1", v2(&["topic1"], &[("topic1", 0)], g)),
        ("consumer2", v2(&["topic1"], &[("topic1", 1)], g)),
        ("consumer3", v2(&["topic1"], &[], g)),
    ]);
    let mut a = run(&p, &subs);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic1", 1)]));
    assert_eq!(of(&a, "consumer3"), tps(&[("topic1", 2)]));

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// ------------------------- inherited from internals/AbstractStickyAssignorTest.java, run by
// ------------------------- JUnit as CooperativeStickyAssignorTest with the override above

// AbstractStickyAssignorTest#testOneConsumerNoTopic (via CooperativeStickyAssignorTest)
#[test]
fn test_one_consumer_no_topic() {
    let p = parts(&[]);
    let mut subs = members(vec![("consumer", sub(&[]))]);
    let mut a = run(&p, &subs);
    assert_eq!(a.keys().collect::<Vec<_>>(), ["consumer"]);
    assert!(of(&a, "consumer").is_empty());
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testOneConsumerNonexistentTopic (via CooperativeStickyAssignorTest)
#[test]
fn test_one_consumer_nonexistent_topic() {
    let p = parts(&[("topic", 0)]);
    let mut subs = members(vec![("consumer", sub(&["topic"]))]);
    let mut a = run(&p, &subs);
    assert_eq!(a.keys().collect::<Vec<_>>(), ["consumer"]);
    assert!(of(&a, "consumer").is_empty());
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testOneConsumerOneTopic (via CooperativeStickyAssignorTest)
#[test]
fn test_one_consumer_one_topic() {
    let p = parts(&[("topic", 3)]);
    let mut subs = members(vec![("consumer", sub(&["topic"]))]);
    let mut a = run(&p, &subs);
    assert_eq!(
        of(&a, "consumer"),
        tps(&[("topic", 0), ("topic", 1), ("topic", 2)])
    );
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testOnlyAssignsPartitionsFromSubscribedTopics (via CooperativeStickyAssignorTest)
#[test]
fn test_only_assigns_partitions_from_subscribed_topics() {
    let p = parts(&[("topic", 2)]);
    let mut subs = members(vec![(
        "consumer",
        v2(
            &["topic"],
            &[("topic", 0), ("topic", 1), ("other", 0), ("other", 1)],
            Some(GENERATION_ID),
        ),
    )]);
    let mut a = run(&p, &subs);
    assert_eq!(of(&a, "consumer"), tps(&[("topic", 0), ("topic", 1)]));
    assert!(withheld(&p, &subs, &a).is_empty());

    // other-0 and other-1 count as revoked: one follow-up rebalance.
    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testOneConsumerMultipleTopics (via CooperativeStickyAssignorTest)
#[test]
fn test_one_consumer_multiple_topics() {
    let p = parts(&[("topic1", 1), ("topic2", 2)]);
    let mut subs = members(vec![("consumer", sub(&["topic1", "topic2"]))]);
    let mut a = run(&p, &subs);
    assert_eq!(
        of(&a, "consumer"),
        tps(&[("topic1", 0), ("topic2", 0), ("topic2", 1)])
    );
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testTwoConsumersOneTopicOnePartition (via CooperativeStickyAssignorTest)
#[test]
fn test_two_consumers_one_topic_one_partition() {
    let p = parts(&[("topic", 1)]);
    let mut subs = members(vec![
        ("consumer1", sub(&["topic"])),
        ("consumer2", sub(&["topic"])),
    ]);
    let mut a = run(&p, &subs);
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testTwoConsumersOneTopicTwoPartitions (via CooperativeStickyAssignorTest)
#[test]
fn test_two_consumers_one_topic_two_partitions() {
    let p = parts(&[("topic", 2)]);
    let mut subs = members(vec![
        ("consumer1", sub(&["topic"])),
        ("consumer2", sub(&["topic"])),
    ]);
    let mut a = run(&p, &subs);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic", 0)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic", 1)]));
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testMultipleConsumersMixedTopicSubscriptions (via CooperativeStickyAssignorTest)
#[test]
fn test_multiple_consumers_mixed_topic_subscriptions() {
    let p = parts(&[("topic1", 3), ("topic2", 2)]);
    let mut subs = members(vec![
        ("consumer1", sub(&["topic1"])),
        ("consumer2", sub(&["topic1", "topic2"])),
        ("consumer3", sub(&["topic1"])),
    ]);
    let mut a = run(&p, &subs);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0), ("topic1", 2)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic2", 0), ("topic2", 1)]));
    assert_eq!(of(&a, "consumer3"), tps(&[("topic1", 1)]));
    // (Java: partitionsTransferringOwnership is null on the general path; the cooperative
    // assignor computes it from the owned partitions, and nobody owns anything.)
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testTwoConsumersTwoTopicsSixPartitions (via CooperativeStickyAssignorTest)
#[test]
fn test_two_consumers_two_topics_six_partitions() {
    let p = parts(&[("topic1", 3), ("topic2", 3)]);
    let mut subs = members(vec![
        ("consumer1", sub(&["topic1", "topic2"])),
        ("consumer2", sub(&["topic1", "topic2"])),
    ]);
    let mut a = run(&p, &subs);
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic1", 0), ("topic1", 2), ("topic2", 1)])
    );
    assert_eq!(
        of(&a, "consumer2"),
        tps(&[("topic1", 1), ("topic2", 0), ("topic2", 2)])
    );
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testConsumerOwningMinQuotaExpectedMaxQuota (via CooperativeStickyAssignorTest)
#[test]
fn test_consumer_owning_min_quota_expected_max_quota() {
    let p = parts(&[("topic1", 2), ("topic2", 3)]);
    let t = ["topic1", "topic2"];
    let g = Some(GENERATION_ID);
    let mut subs = members(vec![
        ("consumer1", v2(&t, &[("topic1", 0), ("topic2", 1)], g)),
        ("consumer2", v2(&t, &[("topic1", 1), ("topic2", 2)], g)),
    ]);
    let mut a = run(&p, &subs);
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic1", 0), ("topic2", 1), ("topic2", 0)])
    );
    assert_eq!(of(&a, "consumer2"), tps(&[("topic1", 1), ("topic2", 2)]));
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers (via CooperativeStickyAssignorTest)
#[test]
fn test_max_quota_consumer_more_than_num_expected_max_capacity_members() {
    let p = parts(&[("topic1", 2), ("topic2", 2)]);
    let t = ["topic1", "topic2"];
    let g = Some(GENERATION_ID);
    let mut subs = members(vec![
        ("consumer1", v2(&t, &[("topic1", 0), ("topic2", 0)], g)),
        ("consumer2", v2(&t, &[("topic1", 1), ("topic2", 1)], g)),
        ("consumer3", v2(&t, &[], g)),
    ]);
    let mut a = run(&p, &subs);
    // partitionsTransferringOwnership == {topic2-0 -> consumer3}: withheld this round.
    assert_eq!(withheld(&p, &subs, &a), tps(&[("topic2", 0)]));

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic1", 1), ("topic2", 1)]));
    assert_eq!(of(&a, "consumer3"), tps(&[("topic2", 0)]));
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testAllConsumersAreUnderMinQuota (via CooperativeStickyAssignorTest)
#[test]
fn test_all_consumers_are_under_min_quota() {
    let p = parts(&[("topic1", 2), ("topic2", 3)]);
    let t = ["topic1", "topic2"];
    let g = Some(GENERATION_ID);
    let mut subs = members(vec![
        ("consumer1", v2(&t, &[("topic1", 0)], g)),
        ("consumer2", v2(&t, &[("topic1", 1)], g)),
        ("consumer3", v2(&t, &[], g)),
    ]);
    let mut a = run(&p, &subs);
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0), ("topic2", 1)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic1", 1), ("topic2", 2)]));
    assert_eq!(of(&a, "consumer3"), tps(&[("topic2", 0)]));
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testAddRemoveConsumerOneTopic (via CooperativeStickyAssignorTest)
#[test]
fn test_add_remove_consumer_one_topic() {
    let p = parts(&[("topic", 3)]);
    let t = vec!["topic".to_string()];
    let mut subs = members(vec![("consumer1", sub(&["topic"]))]);
    let mut a = run(&p, &subs);
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic", 0), ("topic", 1), ("topic", 2)])
    );
    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));

    subs.insert("consumer1".into(), rejoin(&t, &a, "consumer1"));
    subs.insert("consumer2".into(), v2(&["topic"], &[], Some(GENERATION_ID)));
    a = run(&p, &subs);
    // partitionsTransferringOwnership == {topic-2 -> consumer2}.
    assert_eq!(withheld(&p, &subs, &a), tps(&[("topic", 2)]));
    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic", 0), ("topic", 1)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic", 2)]));
    assert!(is_fully_balanced(&a));

    subs.remove("consumer1");
    subs.insert("consumer2".into(), rejoin(&t, &a, "consumer2"));
    a = run(&p, &subs);
    assert_eq!(
        of(&a, "consumer2"),
        tps(&[("topic", 2), ("topic", 1), ("topic", 0)])
    );
    assert!(withheld(&p, &subs, &a).is_empty());
    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testTopicBalanceAfterReassignment (via CooperativeStickyAssignorTest)
#[test]
fn test_topic_balance_after_reassignment() {
    let p = parts(&[("topic1", 12), ("topic2", 12)]);
    let all = vec!["topic1".to_string(), "topic2".to_string()];
    let per_topic = |a: &Assignment, n: usize| {
        for m in a.keys() {
            assert_eq!(count_of_topic(a, m, "topic1"), n, "{m}: {a:?}");
            assert_eq!(count_of_topic(a, m, "topic2"), n, "{m}: {a:?}");
        }
    };
    let mut subs = members(vec![("consumer1", sub(&["topic1", "topic2"]))]);
    let mut a = run(&p, &subs);
    verify_validity_and_balance(&mut subs, &mut a, &p);
    per_topic(&a, 12);
    assert!(is_fully_balanced(&a));

    // Add another consumer.
    subs.insert("consumer1".into(), rejoin(&all, &a, "consumer1"));
    subs.insert(
        "consumer2".into(),
        v2(&["topic1", "topic2"], &[], Some(GENERATION_ID)),
    );
    a = run(&p, &subs);
    verify_validity_and_balance(&mut subs, &mut a, &p);
    per_topic(&a, 6);
    assert!(is_fully_balanced(&a));

    // Add two more consumers.
    subs.insert("consumer1".into(), rejoin(&all, &a, "consumer1"));
    subs.insert("consumer2".into(), rejoin(&all, &a, "consumer2"));
    for c in ["consumer3", "consumer4"] {
        subs.insert(
            c.into(),
            v2(&["topic1", "topic2"], &[], Some(GENERATION_ID)),
        );
    }
    a = run(&p, &subs);
    verify_validity_and_balance(&mut subs, &mut a, &p);
    per_topic(&a, 3);
    assert!(is_fully_balanced(&a));

    // Remove two consumers.
    subs.remove("consumer1");
    subs.remove("consumer2");
    subs.insert("consumer3".into(), rejoin(&all, &a, "consumer3"));
    subs.insert("consumer4".into(), rejoin(&all, &a, "consumer4"));
    a = run(&p, &subs);
    verify_validity_and_balance(&mut subs, &mut a, &p);
    per_topic(&a, 6);
    // (Java asserts partitionsTransferringOwnership is empty here, after the verify, i.e.
    // for the last follow-up round: nothing withheld in the final state.)
    assert!(withheld(&p, &subs, &a).is_empty());
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testAddRemoveTwoConsumersTwoTopics (via CooperativeStickyAssignorTest)
#[test]
fn test_add_remove_two_consumers_two_topics() {
    let p = parts(&[("topic1", 3), ("topic2", 4)]);
    let all = vec!["topic1".to_string(), "topic2".to_string()];
    let mut subs = members(vec![
        ("consumer1", sub(&["topic1", "topic2"])),
        ("consumer2", sub(&["topic1", "topic2"])),
    ]);
    let mut a = run(&p, &subs);
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic1", 0), ("topic1", 2), ("topic2", 1), ("topic2", 3)])
    );
    assert_eq!(
        of(&a, "consumer2"),
        tps(&[("topic1", 1), ("topic2", 0), ("topic2", 2)])
    );
    assert!(withheld(&p, &subs, &a).is_empty());
    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));

    // Add two consumers.
    subs.insert("consumer1".into(), rejoin(&all, &a, "consumer1"));
    subs.insert("consumer2".into(), rejoin(&all, &a, "consumer2"));
    for c in ["consumer3", "consumer4"] {
        subs.insert(
            c.into(),
            v2(&["topic1", "topic2"], &[], Some(GENERATION_ID)),
        );
    }
    a = run(&p, &subs);
    // partitionsTransferringOwnership ==
    // {topic1-2 -> consumer3, topic2-3 -> consumer3, topic2-2 -> consumer4}.
    assert_eq!(
        withheld(&p, &subs, &a),
        tps(&[("topic1", 2), ("topic2", 3), ("topic2", 2)])
    );
    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic1", 0), ("topic2", 1)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic2", 0), ("topic1", 1)]));
    assert_eq!(of(&a, "consumer3"), tps(&[("topic1", 2), ("topic2", 3)]));
    assert_eq!(of(&a, "consumer4"), tps(&[("topic2", 2)]));
    assert!(is_fully_balanced(&a));

    // Remove two consumers.
    subs.remove("consumer1");
    subs.remove("consumer2");
    subs.insert("consumer3".into(), rejoin(&all, &a, "consumer3"));
    subs.insert("consumer4".into(), rejoin(&all, &a, "consumer4"));
    a = run(&p, &subs);
    assert_eq!(
        of(&a, "consumer3"),
        tps(&[("topic1", 2), ("topic2", 3), ("topic1", 0), ("topic2", 1)])
    );
    assert_eq!(
        of(&a, "consumer4"),
        tps(&[("topic2", 2), ("topic1", 1), ("topic2", 0)])
    );
    assert!(withheld(&p, &subs, &a).is_empty());
    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testPoorRoundRobinAssignmentScenario (via CooperativeStickyAssignorTest)
#[test]
fn test_poor_round_robin_assignment_scenario() {
    let p: VecMap<String, u32> = (1..=5u32)
        .map(|i| (format!("topic{i}"), i % 2 + 1))
        .collect();
    let all = ["topic1", "topic2", "topic3", "topic4", "topic5"];
    let odd = ["topic1", "topic3", "topic5"];
    let mut subs = members(vec![
        ("consumer1", sub(&all)),
        ("consumer2", sub(&odd)),
        ("consumer3", sub(&odd)),
        ("consumer4", sub(&all)),
    ]);
    let mut a = run(&p, &subs);
    verify_validity_and_balance(&mut subs, &mut a, &p);
}

// AbstractStickyAssignorTest#testAddRemoveTopicTwoConsumers (via CooperativeStickyAssignorTest)
#[test]
fn test_add_remove_topic_two_consumers() {
    let mut p = parts(&[("topic", 3)]);
    let mut subs = members(vec![
        ("consumer1", sub(&["topic"])),
        ("consumer2", sub(&["topic"])),
    ]);
    let mut a = run(&p, &subs);
    assert!(withheld(&p, &subs, &a).is_empty());
    assert!(is_fully_balanced(&a));
    verify_validity_and_balance(&mut subs, &mut a, &p);
    let c1_first = of(&a, "consumer1");
    let c2_first = of(&a, "consumer2");
    assert!(
        (c1_first.len() == 1 && c2_first.len() == 2)
            || (c1_first.len() == 2 && c2_first.len() == 1)
    );

    p.insert("topic2".into(), 3);
    let both = vec!["topic".to_string(), "topic2".to_string()];
    subs.insert("consumer1".into(), rejoin(&both, &a, "consumer1"));
    subs.insert("consumer2".into(), rejoin(&both, &a, "consumer2"));
    a = run(&p, &subs);
    assert!(withheld(&p, &subs, &a).is_empty());
    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
    let c1_second = of(&a, "consumer1");
    let c2_second = of(&a, "consumer2");
    assert!(c1_second.len() == 3 && c2_second.len() == 3);
    assert!(c1_first.iter().all(|tp| c1_second.contains(tp)));
    assert!(c2_first.iter().all(|tp| c2_second.contains(tp)));

    p.remove("topic");
    let only2 = vec!["topic2".to_string()];
    subs.insert("consumer1".into(), rejoin(&only2, &a, "consumer1"));
    subs.insert("consumer2".into(), rejoin(&only2, &a, "consumer2"));
    a = run(&p, &subs);
    assert!(withheld(&p, &subs, &a).is_empty());
    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
    let c1_third = of(&a, "consumer1");
    let c2_third = of(&a, "consumer2");
    assert!(
        (c1_third.len() == 1 && c2_third.len() == 2)
            || (c1_third.len() == 2 && c2_third.len() == 1)
    );
    assert!(c1_third.iter().all(|tp| c1_second.contains(tp)));
    assert!(c2_third.iter().all(|tp| c2_second.contains(tp)));
}

// AbstractStickyAssignorTest#testReassignmentAfterOneConsumerLeaves (via CooperativeStickyAssignorTest)
// (`assertTrue(assignor.isSticky())` checks the assignor's internal movement log and is
// not ported.)
#[test]
fn test_reassignment_after_one_consumer_leaves() {
    let p: VecMap<String, u32> = (1..20u32)
        .map(|i| (canonical("t", i as usize, 20), i))
        .collect();
    let mut subs = Subs::new();
    for i in 1..20 {
        let topics: Vec<String> = (1..=i).map(|j| canonical("t", j, 20)).collect();
        subs.insert(canonical("c", i, 20), sub(&strs(&topics)));
    }
    let mut a = run(&p, &subs);
    verify_validity_and_balance(&mut subs, &mut a, &p);

    for i in 1..20 {
        let c = canonical("c", i, 20);
        let topics = subs[&c].topics.clone();
        subs.insert(c.clone(), rejoin(&topics, &a, &c));
    }
    // As in Java: the members are c01..c19, so removing "consumer10" removes nobody.
    subs.remove("consumer10");
    a = run(&p, &subs);
    verify_validity_and_balance(&mut subs, &mut a, &p);
}

// AbstractStickyAssignorTest#testReassignmentAfterOneConsumerAdded (via CooperativeStickyAssignorTest)
#[test]
fn test_reassignment_after_one_consumer_added() {
    let p = parts(&[("topic", 20)]);
    let mut subs = Subs::new();
    for i in 1..10 {
        subs.insert(canonical("c", i, 10), sub(&["topic"]));
    }
    let mut a = run(&p, &subs);
    assert!(withheld(&p, &subs, &a).is_empty());
    verify_validity_and_balance(&mut subs, &mut a, &p);

    // The new member joins; the others keep their (ownerless) subscriptions.
    subs.insert(canonical("c", 10, 10), sub(&["topic"]));
    a = run(&p, &subs);
    assert!(withheld(&p, &subs, &a).is_empty());
    verify_validity_and_balance(&mut subs, &mut a, &p);
}

// AbstractStickyAssignorTest#testSameSubscriptions (via CooperativeStickyAssignorTest)
#[test]
fn test_same_subscriptions() {
    let p: VecMap<String, u32> = (1..15u32)
        .map(|i| (canonical("t", i as usize, 15), i))
        .collect();
    let topics: Vec<String> = (1..=p.len()).map(|j| canonical("t", j, 15)).collect();
    let mut subs = Subs::new();
    for i in 1..9 {
        subs.insert(canonical("c", i, 9), sub(&strs(&topics)));
    }
    let mut a = run(&p, &subs);
    assert!(withheld(&p, &subs, &a).is_empty());
    verify_validity_and_balance(&mut subs, &mut a, &p);

    for i in 1..9 {
        let c = canonical("c", i, 9);
        let t = subs[&c].topics.clone();
        subs.insert(c.clone(), rejoin(&t, &a, &c));
    }
    subs.remove(&canonical("c", 5, 9));
    a = run(&p, &subs);
    assert!(withheld(&p, &subs, &a).is_empty());
    verify_validity_and_balance(&mut subs, &mut a, &p);
}

// AbstractStickyAssignorTest#testAssignmentAndGroupWithNonEqualSubscriptionNotTimeout
// (via CooperativeStickyAssignorTest; the `hasConsumerRack = false` size: 100 topics of 200
// partitions, 500 consumers. Java only asserts it finishes within 90 s.)
#[test]
fn test_assignment_and_group_with_non_equal_subscription_not_timeout() {
    let (topic_count, partition_count, consumer_count) = (100, 200, 500);
    let topics: Vec<String> = (0..topic_count)
        .map(|i| canonical("t", i, topic_count))
        .collect();
    let p: VecMap<String, u32> = topics
        .iter()
        .map(|t| (t.clone(), partition_count))
        .collect();
    let (first_half, second_half) = topics.split_at(topic_count / 2);
    let topics_of = |i: usize| {
        if i.is_multiple_of(4) {
            first_half
        } else {
            second_half
        }
    };
    let mut subs = Subs::new();
    for i in 0..consumer_count {
        subs.insert(canonical("c", i, consumer_count), sub(&strs(topics_of(i))));
    }
    let a = run(&p, &subs);
    for i in 1..consumer_count {
        let c = canonical("c", i, consumer_count);
        subs.insert(c.clone(), rejoin(topics_of(i), &a, &c));
    }
    run(&p, &subs);
}

// AbstractStickyAssignorTest#testSubscriptionNotEqualAndAssignSamePartitionWith3Generation (via CooperativeStickyAssignorTest)
#[test]
fn test_subscription_not_equal_and_assign_same_partition_with3_generation() {
    let p = parts(&[("topic", 6), ("topic1", 1)]);
    let sequence = [
        [1, 2, 3],
        [1, 3, 2],
        [2, 1, 3],
        [2, 3, 1],
        [3, 1, 2],
        [3, 2, 1],
    ];
    for g in sequence {
        let subs = members(vec![
            (
                "consumer1",
                v2(&["topic"], &[("topic", 0), ("topic", 2)], Some(g[0])),
            ),
            (
                "consumer2",
                v2(
                    &["topic"],
                    &[("topic", 1), ("topic", 2), ("topic", 3)],
                    Some(g[1]),
                ),
            ),
            (
                "consumer3",
                v2(
                    &["topic"],
                    &[("topic", 2), ("topic", 4), ("topic", 5)],
                    Some(g[2]),
                ),
            ),
            ("consumer4", v2(&["topic1"], &[("topic1", 0)], Some(2))),
        ]);
        let a = run(&p, &subs);
        let all: Vec<Tp> = a.keys().flat_map(|m| of(&a, m)).collect();
        let distinct: VecSet<&Tp> = all.iter().collect();
        assert_eq!(all.len(), distinct.len(), "generations {g:?}: {a:?}");
        for m in a.keys() {
            let n = size(&a, m);
            assert!(
                (1..=2).contains(&n),
                "generations {g:?}, {m} has {n}: {a:?}"
            );
        }
    }
}

// AbstractStickyAssignorTest#testNewSubscription (via CooperativeStickyAssignorTest)
// (`isSticky()` not ported, as above.)
#[test]
fn test_new_subscription() {
    let p: VecMap<String, u32> = (1..5).map(|i| (canonical("t", i, 5), 1)).collect();
    let mut subs = Subs::new();
    for i in 0..3usize {
        // j from i to 3i - 2: nothing for c0, t1 for c1, t2..t4 for c2.
        let topics: Vec<String> = if 3 * i < 2 {
            Vec::new()
        } else {
            (i..=3 * i - 2).map(|j| canonical("t", j, 5)).collect()
        };
        subs.insert(canonical("c", i, 3), sub(&strs(&topics)));
    }
    let mut a = run(&p, &subs);
    verify_validity_and_balance(&mut subs, &mut a, &p);

    subs.get_mut("c0")
        .expect("c0")
        .topics
        .push(canonical("t", 1, 5));
    a = run(&p, &subs);
    verify_validity_and_balance(&mut subs, &mut a, &p);
}

// AbstractStickyAssignorTest#testMoveExistingAssignments (via CooperativeStickyAssignorTest)
#[test]
fn test_move_existing_assignments() {
    let p: VecMap<String, u32> = (1..=6).map(|i| (format!("topic{i}"), 1)).collect();
    let g = Some(GENERATION_ID);
    let mut subs = members(vec![
        ("consumer1", v2(&["topic1", "topic2"], &[("topic1", 0)], g)),
        (
            "consumer2",
            v2(
                &["topic1", "topic2", "topic3", "topic4"],
                &[("topic2", 0), ("topic3", 0)],
                g,
            ),
        ),
        (
            "consumer3",
            v2(
                &["topic2", "topic3", "topic4", "topic5", "topic6"],
                &[("topic4", 0), ("topic5", 0), ("topic6", 0)],
                g,
            ),
        ),
    ]);
    let mut a = run(&p, &subs);
    verify_validity_and_balance(&mut subs, &mut a, &p);
}

// AbstractStickyAssignorTest#testStickiness (via CooperativeStickyAssignorTest)
#[test]
fn test_stickiness() {
    let p = parts(&[("topic1", 3)]);
    let t = vec!["topic1".to_string()];
    let mut subs = members(vec![
        ("consumer1", sub(&["topic1"])),
        ("consumer2", sub(&["topic1"])),
        ("consumer3", sub(&["topic1"])),
        ("consumer4", sub(&["topic1"])),
    ]);
    let mut a = run(&p, &subs);
    assert!(withheld(&p, &subs, &a).is_empty());
    verify_validity_and_balance(&mut subs, &mut a, &p);
    let mut before: VecMap<String, Tp> = VecMap::new();
    for m in a.keys() {
        let mine = of(&a, m);
        assert!(mine.len() <= 1, "{m} has more than expected: {a:?}");
        if let Some(tp) = mine.first() {
            before.insert(m.clone(), tp.clone());
        }
    }

    // Remove the potential group leader.
    subs.remove("consumer1");
    for c in ["consumer2", "consumer3", "consumer4"] {
        subs.insert(c.into(), rejoin(&t, &a, c));
    }
    a = run(&p, &subs);
    assert!(withheld(&p, &subs, &a).is_empty());
    verify_validity_and_balance(&mut subs, &mut a, &p);
    for m in a.keys() {
        let mine = of(&a, m);
        assert_eq!(mine.len(), 1, "{m}: {a:?}");
        if let Some(tp) = before.get(m) {
            assert!(mine.contains(tp), "stickiness not honoured for {m}: {a:?}");
        }
    }
}

// AbstractStickyAssignorTest#testAssignmentUpdatedForDeletedTopic (via CooperativeStickyAssignorTest)
#[test]
fn test_assignment_updated_for_deleted_topic() {
    let p = parts(&[("topic1", 1), ("topic3", 100)]);
    let subs = members(vec![("consumer", sub(&["topic1", "topic2", "topic3"]))]);
    let a = run(&p, &subs);
    assert!(withheld(&p, &subs, &a).is_empty());
    assert_eq!(size(&a, "consumer"), 1 + 100);
    assert_eq!(a.keys().collect::<Vec<_>>(), ["consumer"]);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testNoExceptionThrownWhenOnlySubscribedTopicDeleted (via CooperativeStickyAssignorTest)
#[test]
fn test_no_exception_thrown_when_only_subscribed_topic_deleted() {
    let p = parts(&[("topic", 3)]);
    let mut subs = members(vec![("consumer", sub(&["topic"]))]);
    let a = run(&p, &subs);
    assert!(withheld(&p, &subs, &a).is_empty());
    subs.insert(
        "consumer".into(),
        rejoin(&["topic".to_string()], &a, "consumer"),
    );

    let a = run(&VecMap::new(), &subs);
    assert_eq!(a.len(), 1);
    assert!(of(&a, "consumer").is_empty());
}

// AbstractStickyAssignorTest#testAllConsumersReachExpectedQuotaAndAreConsideredFilled (via CooperativeStickyAssignorTest)
#[test]
fn test_all_consumers_reach_expected_quota_and_are_considered_filled() {
    let p = parts(&[("topic", 4)]);
    let g = Some(GENERATION_ID);
    let mut subs = members(vec![
        (
            "consumer1",
            v2(&["topic"], &[("topic", 0), ("topic", 1)], g),
        ),
        ("consumer2", v2(&["topic"], &[("topic", 2)], g)),
        ("consumer3", v2(&["topic"], &[], g)),
    ]);
    let mut a = run(&p, &subs);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic", 0), ("topic", 1)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic", 2)]));
    assert_eq!(of(&a, "consumer3"), tps(&[("topic", 3)]));
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testOwnedPartitionsAreInvalidatedForConsumerWithStaleGeneration (via CooperativeStickyAssignorTest)
#[test]
fn test_owned_partitions_are_invalidated_for_consumer_with_stale_generation() {
    let p = parts(&[("topic", 3), ("topic2", 3)]);
    let t = ["topic", "topic2"];
    let claim = [("topic", 0), ("topic", 2), ("topic2", 1)];
    let current = 10;
    let mut subs = members(vec![
        ("consumer1", v2(&t, &claim, Some(current))),
        ("consumer2", v2(&t, &claim, Some(current - 1))),
    ]);
    let mut a = run(&p, &subs);
    assert_eq!(of(&a, "consumer1"), tps(&claim));
    assert_eq!(
        of(&a, "consumer2"),
        tps(&[("topic", 1), ("topic2", 0), ("topic2", 2)])
    );
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testOwnedPartitionsAreInvalidatedForConsumerWithNoGeneration (via CooperativeStickyAssignorTest)
#[test]
fn test_owned_partitions_are_invalidated_for_consumer_with_no_generation() {
    let p = parts(&[("topic", 3), ("topic2", 3)]);
    let t = ["topic", "topic2"];
    let claim = [("topic", 0), ("topic", 2), ("topic2", 1)];
    let mut subs = members(vec![
        ("consumer1", v2(&t, &claim, Some(10))),
        // DEFAULT_GENERATION
        ("consumer2", v2(&t, &claim, None)),
    ]);
    let mut a = run(&p, &subs);
    assert_eq!(of(&a, "consumer1"), tps(&claim));
    assert_eq!(
        of(&a, "consumer2"),
        tps(&[("topic", 1), ("topic2", 0), ("topic2", 2)])
    );
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testPartitionsTransferringOwnershipIncludeThePartitionClaimedByMultipleConsumersInSameGeneration (via CooperativeStickyAssignorTest)
#[test]
fn test_partitions_transferring_ownership_include_the_partition_claimed_by_multiple_consumers_in_same_generation(
) {
    let p = parts(&[("topic", 3)]);
    let g = Some(GENERATION_ID);
    let mut subs = members(vec![
        (
            "consumer1",
            v2(&["topic"], &[("topic", 0), ("topic", 1)], g),
        ),
        (
            "consumer2",
            v2(&["topic"], &[("topic", 0), ("topic", 2)], g),
        ),
        ("consumer3", v2(&["topic"], &[], g)),
    ]);
    let mut a = run(&p, &subs);
    // partitionsTransferringOwnership == {topic-0 -> consumer3}.
    assert_eq!(withheld(&p, &subs, &a), tps(&[("topic", 0)]));

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert_eq!(of(&a, "consumer1"), tps(&[("topic", 1)]));
    assert_eq!(of(&a, "consumer2"), tps(&[("topic", 2)]));
    assert_eq!(of(&a, "consumer3"), tps(&[("topic", 0)]));
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testEnsurePartitionsAssignedToHighestGeneration (via CooperativeStickyAssignorTest)
#[test]
fn test_ensure_partitions_assigned_to_highest_generation() {
    let p = parts(&[("topic", 3), ("topic2", 3), ("topic3", 3)]);
    let t = ["topic", "topic2", "topic3"];
    let current = 10;
    let mut subs = members(vec![
        (
            "consumer1",
            v2(
                &t,
                &[("topic", 0), ("topic2", 0), ("topic3", 0)],
                Some(current),
            ),
        ),
        (
            "consumer2",
            v2(
                &t,
                &[("topic", 1), ("topic2", 1), ("topic3", 1)],
                Some(current - 1),
            ),
        ),
        (
            "consumer3",
            v2(
                &t,
                &[("topic2", 1), ("topic3", 0), ("topic3", 2)],
                Some(current - 2),
            ),
        ),
    ]);
    let mut a = run(&p, &subs);
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
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testNoReassignmentOnCurrentMembers (via CooperativeStickyAssignorTest)
#[test]
fn test_no_reassignment_on_current_members() {
    let p = parts(&[("topic", 3), ("topic1", 3), ("topic2", 3), ("topic3", 3)]);
    let t = ["topic", "topic2", "topic3", "topic1"];
    let current = 10;
    let mut subs = members(vec![
        // DEFAULT_GENERATION
        ("consumer1", v2(&t, &[], None)),
        (
            "consumer2",
            v2(
                &t,
                &[("topic", 0), ("topic2", 0), ("topic1", 0)],
                Some(current - 1),
            ),
        ),
        (
            "consumer3",
            v2(
                &t,
                &[("topic3", 2), ("topic2", 2), ("topic1", 1)],
                Some(current - 2),
            ),
        ),
        (
            "consumer4",
            v2(
                &t,
                &[("topic3", 1), ("topic", 1), ("topic", 2)],
                Some(current - 3),
            ),
        ),
    ]);
    let mut a = run(&p, &subs);
    // Assigned partitions do not get reassigned.
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic1", 2), ("topic2", 1), ("topic3", 0)])
    );
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}

// AbstractStickyAssignorTest#testOwnedPartitionsAreInvalidatedForConsumerWithMultipleGeneration (via CooperativeStickyAssignorTest)
#[test]
fn test_owned_partitions_are_invalidated_for_consumer_with_multiple_generation() {
    let p = parts(&[("topic", 3), ("topic2", 3)]);
    let t = ["topic", "topic2"];
    let current = 10;
    let mut subs = members(vec![
        (
            "consumer1",
            v2(
                &t,
                &[("topic", 0), ("topic2", 1), ("topic", 1)],
                Some(current),
            ),
        ),
        (
            "consumer2",
            v2(
                &t,
                &[("topic", 0), ("topic2", 1), ("topic2", 2)],
                Some(current - 2),
            ),
        ),
    ]);
    let mut a = run(&p, &subs);
    assert_eq!(
        of(&a, "consumer1"),
        tps(&[("topic", 0), ("topic2", 1), ("topic", 1)])
    );
    assert_eq!(
        of(&a, "consumer2"),
        tps(&[("topic", 2), ("topic2", 2), ("topic2", 0)])
    );
    assert!(withheld(&p, &subs, &a).is_empty());

    verify_validity_and_balance(&mut subs, &mut a, &p);
    assert!(is_fully_balanced(&a));
}
