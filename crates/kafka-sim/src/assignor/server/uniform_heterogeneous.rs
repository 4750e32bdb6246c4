//! `UniformHeterogeneousAssignmentBuilder`: members subscribe to different topics.
//!
//! Members are numbered in `memberIds()` order. Current partitions of subscribed topics are
//! all kept (no quota); unsubscribed topics are dropped. The free partitions are then given,
//! topic by topic (most partitions per subscriber first), to the least loaded subscribers;
//! finally each topic with two or more subscribers is balanced by moving its partitions from
//! the most to the least loaded subscribers, for up to 16 rounds over the topics.

use crate::collections::VecMap;
use std::cmp::Ordering;

use super::jcoll::{presized, JHashSet};
use super::{AssignorError, GroupAssignment, GroupSpec, Target, TopicsImage, Uuid};

/// `MAX_ITERATION_COUNT`.
const MAX_ITERATION_COUNT: usize = 16;

/// The builder's state (its fields, with members as indices into `memberIds`).
struct Builder<'a> {
    spec: &'a GroupSpec,
    /// `subscribedTopicIds` with `numPartitions` of each.
    partitions: VecMap<Uuid, u32>,
    /// `topicSubscribers`: each topic's subscribers, ascending.
    topic_subscribers: VecMap<Uuid, Vec<usize>>,
    /// `targetAssignment`, by member index.
    targets: Vec<Target<'a>>,
    /// `memberTargetAssignmentSizes`.
    sizes: Vec<i64>,
    /// `targetAssignmentPartitionOwners`: member index or -1.
    owners: VecMap<Uuid, Vec<i64>>,
}

/// `UniformHeterogeneousAssignmentBuilder#build` (the group has members).
pub(super) fn build(
    spec: &GroupSpec,
    topics: &TopicsImage,
) -> Result<GroupAssignment, AssignorError> {
    let members = spec.members();
    // Constructor: number the members, collect the subscribed topics and their
    // subscribers, checking that each exists.
    let mut partitions: VecMap<Uuid, u32> = VecMap::new();
    let mut topic_subscribers: VecMap<Uuid, Vec<usize>> = VecMap::new();
    for (index, member) in members.iter().enumerate() {
        for &topic in &member.subscribed_topic_ids {
            let Some(count) = topics.num_partitions(topic) else {
                return Err(AssignorError::PartitionAssignor(format!(
                    "Members are subscribed to topic {topic} which doesn't exist in the topic metadata."
                )));
            };
            partitions.insert(topic, count);
            topic_subscribers.entry(topic).or_default().push(index);
        }
    }
    let owners = partitions
        .iter()
        .map(|(&t, &n)| (t, vec![-1i64; n as usize]))
        .collect();
    let mut b = Builder {
        spec,
        partitions,
        topic_subscribers,
        targets: members
            .iter()
            .map(|m| Target::Input(&m.assignment))
            .collect(),
        sizes: vec![0; members.len()],
        owners,
    };

    if b.partitions.is_empty() {
        return Ok(GroupAssignment::default());
    }
    b.maybe_revoke_partitions()?;
    let unassigned = b.compute_unassigned_partitions();
    b.assign_remaining_partitions(&unassigned);
    b.balance();

    let mut out = GroupAssignment::default();
    for (member, target) in members.iter().zip(&b.targets) {
        let (assignment, reused) = target.finish();
        out.insert(&member.member_id, assignment, reused);
    }
    Ok(out)
}

impl Builder<'_> {
    fn count(&self, topic: Uuid) -> u32 {
        self.partitions.get(&topic).copied().unwrap_or(0)
    }

    fn subscribers(&self, topic: Uuid) -> &[usize] {
        self.topic_subscribers
            .get(&topic)
            .map_or(&[][..], Vec::as_slice)
    }

    /// `topicComparator`: partitions per subscriber descending, then subscriber count
    /// ascending, then topic id ascending.
    fn compare_topics(&self, a: Uuid, b: Uuid) -> Ordering {
        let (pa, pb) = (f64::from(self.count(a)), f64::from(self.count(b)));
        let (sa, sb) = (self.subscribers(a).len(), self.subscribers(b).len());
        // Double.compare((double) p2 / s2, (double) p1 / s1).
        (pb / sb as f64)
            .total_cmp(&(pa / sa as f64))
            .then(sa.cmp(&sb))
            .then(a.cmp(&b))
    }

    /// `sortTopicIds`.
    fn sort_topic_ids(&self, topic_ids: Vec<Uuid>) -> Vec<Uuid> {
        let mut sorted = topic_ids;
        crate::sort::sort_by(&mut sorted, |a, b| self.compare_topics(*a, *b));
        sorted
    }

    /// `maybeRevokePartitions`: keep every current partition of a subscribed topic (counting
    /// it and recording its owner), drop unsubscribed topics.
    fn maybe_revoke_partitions(&mut self) -> Result<(), AssignorError> {
        let members = self.spec.members();
        for (index, member) in members.iter().enumerate() {
            for (topic, parts) in member.assignment.topics() {
                if member.subscribes(*topic) {
                    self.sizes[index] += parts.len() as i64;
                    let owners = self.owners.entry(*topic).or_default();
                    for &p in parts {
                        match owners.get_mut(p as usize) {
                            Some(owner) => *owner = index as i64,
                            None => {
                                return Err(AssignorError::Unexpected {
                                    exception: "ArrayIndexOutOfBoundsException",
                                    message: format!(
                                        "Index {p} out of bounds for length {}",
                                        owners.len()
                                    ),
                                })
                            }
                        }
                    }
                } else {
                    self.targets[index].make_mut().remove(topic);
                }
            }
        }
        Ok(())
    }

    /// `computeUnassignedPartitions`: each topic's partitions without an owner, ascending.
    fn compute_unassigned_partitions(&self) -> VecMap<Uuid, Vec<u32>> {
        let mut out = VecMap::new();
        for (&topic, owners) in &self.owners {
            let free: Vec<u32> = (0..owners.len())
                .filter(|&p| owners[p] == -1)
                .map(|p| p as u32)
                .collect();
            if !free.is_empty() {
                out.insert(topic, free);
            }
        }
        out
    }

    /// `assignRemainingPartitions`: topics in `sortTopicIds` order, each partition to the
    /// next least loaded subscriber.
    fn assign_remaining_partitions(&mut self, unassigned: &VecMap<Uuid, Vec<u32>>) {
        let sorted = self.sort_topic_ids(unassigned.keys().copied().collect());
        let mut balancer = Balancer::default();
        for topic in sorted {
            let subscribers = self.subscribers(topic).to_vec();
            balancer.initialize(&subscribers, &self.sizes);
            for &p in &unassigned[&topic] {
                let least = balancer.next_least_loaded_member(&self.sizes);
                self.assign_partition(topic, p, least);
            }
        }
    }

    /// `balance`: balance the topics with at least two subscribers
    /// (`canTopicParticipateInReassignment`).
    fn balance(&mut self) {
        let topic_ids: Vec<Uuid> = self
            .topic_subscribers
            .iter()
            .filter(|(_, subs)| subs.len() >= 2)
            .map(|(&t, _)| t)
            .collect();
        if !topic_ids.is_empty() {
            self.balance_topics(topic_ids);
        }
    }

    /// `balanceTopics`: loop over the sorted topics until a whole loop moves nothing (or 16
    /// loops).
    fn balance_topics(&mut self, topic_ids: Vec<Uuid>) {
        let sorted = self.sort_topic_ids(topic_ids);
        let mut last_rebalance_topic_index: Option<usize> = None;
        let mut balancer = Balancer::default();
        for _ in 0..MAX_ITERATION_COUNT {
            for (topic_index, &topic) in sorted.iter().enumerate() {
                if last_rebalance_topic_index == Some(topic_index) {
                    // A whole loop since the last topic that moved anything.
                    return;
                }
                let reassigned = self.balance_topic(topic, &mut balancer);
                if reassigned > 0 || last_rebalance_topic_index.is_none() {
                    last_rebalance_topic_index = Some(topic_index);
                }
            }
        }
    }

    /// `balanceTopic`: move the topic's partitions from its most to its least loaded
    /// subscribers (each giving up its highest partition of the topic) until their loads
    /// differ by at most one, or no loaded subscriber has a partition of it left.
    fn balance_topic(&mut self, topic: Uuid, balancer: &mut Balancer) -> usize {
        let mut reassigned = 0;
        let subscribers = self.subscribers(topic).to_vec();
        if balancer.initialize(&subscribers, &self.sizes) <= 1 {
            return reassigned;
        }
        let owners = self.owners.get(&topic).cloned().unwrap_or_default();
        // The partitions grouped by owner: sorted by (owner, partition).
        let mut partitions: Vec<u32> = (0..owners.len() as u32).collect();
        crate::sort::sort_by(&mut partitions, |&a, &b| {
            owners[a as usize].cmp(&owners[b as usize]).then(a.cmp(&b))
        });
        // startPartitionIndices / endPartitionIndices (exclusive), by owner.
        let mut start: VecMap<i64, usize> = VecMap::new();
        let mut end: VecMap<i64, usize> = VecMap::new();
        for (i, &p) in partitions.iter().enumerate() {
            let owner = owners[p as usize];
            start.entry(owner).or_insert(i);
            end.insert(owner, i + 1);
        }

        while !balancer.is_balanced() {
            // Find a most loaded member that has partitions of this topic to give up.
            let most = loop {
                let Some(m) = balancer.next_most_loaded_member(&self.sizes) else {
                    break None;
                };
                let key = m as i64;
                let has_partitions = match (start.get(&key), end.get(&key)) {
                    (Some(&s), Some(&e)) => e > s,
                    _ => false,
                };
                if !has_partitions {
                    balancer.exclude_most_loaded_member();
                    continue;
                }
                break Some(m);
            };
            let Some(most) = most else {
                break;
            };
            // Its last partition in the grouped list.
            let e = end.get(&(most as i64)).copied().unwrap_or(0);
            let partition = partitions[e - 1];
            end.insert(most as i64, e - 1);

            let least = balancer.next_least_loaded_member(&self.sizes);
            if balancer.is_balanced() {
                break;
            }
            self.assign_partition(topic, partition, least);
            reassigned += 1;
        }
        reassigned
    }

    /// `assignPartition`: move `partition` from its owner (if any) to `member`.
    fn assign_partition(&mut self, topic: Uuid, partition: u32, member: usize) {
        let p = partition as usize;
        let old = self.owners.get(&topic).map_or(-1, |o| o[p]);
        if old != -1 {
            self.remove_partition_from_target_assignment(topic, partition, old as usize);
        }
        self.add_partition_to_target_assignment(topic, partition, member);
    }

    /// `addPartitionToTargetAssignment`: a new topic's set is presized for
    /// `ceil(partitions / subscribers)` partitions.
    fn add_partition_to_target_assignment(&mut self, topic: Uuid, partition: u32, member: usize) {
        let count = self.count(topic) as usize;
        let subscribers = self.subscribers(topic).len().max(1);
        // (numPartitions + numSubscribers - 1) / numSubscribers.
        let estimated = count.div_ceil(subscribers);
        self.targets[member]
            .make_mut()
            .compute_if_absent(topic, || JHashSet::with_capacity(presized(estimated)))
            .insert(partition);
        if let Some(o) = self.owners.get_mut(&topic) {
            o[partition as usize] = member as i64;
        }
        self.sizes[member] += 1;
    }

    /// `removePartitionFromTargetAssignment`.
    fn remove_partition_from_target_assignment(
        &mut self,
        topic: Uuid,
        partition: u32,
        member: usize,
    ) {
        let map = self.targets[member].make_mut();
        if let Some(set) = map.get_mut(&topic) {
            set.remove(&partition);
            if set.is_empty() {
                map.remove(&topic);
            }
        }
        if let Some(o) = self.owners.get_mut(&topic) {
            o[partition as usize] = -1;
        }
        self.sizes[member] -= 1;
    }
}

/// `MemberAssignmentBalancer`: two ranges over the subscribers sorted by load, the least
/// loaded growing rightwards, the most loaded leftwards. The loads live in the builder
/// (`memberTargetAssignmentSizes`) and are passed in.
#[derive(Debug, Default)]
struct Balancer {
    sorted_members: Vec<usize>,
    least_loaded_range_end: usize,
    least_loaded_range_partition_count: i64,
    next_least_loaded_member: usize,
    most_loaded_range_start: usize,
    most_loaded_range_end: usize,
    most_loaded_range_partition_count: i64,
    next_most_loaded_member: i64,
}

impl Balancer {
    /// `initialize`: sort the members by (load, index); returns the spread of loads.
    fn initialize(&mut self, members: &[usize], sizes: &[i64]) -> i64 {
        // Java throws IllegalArgumentException for no members; topics always have one.
        if members.is_empty() {
            return 0;
        }
        self.sorted_members.clear();
        self.sorted_members.extend_from_slice(members);
        crate::sort::sort_by(&mut self.sorted_members, |&a, &b| {
            sizes[a].cmp(&sizes[b]).then(a.cmp(&b))
        });
        let n = self.sorted_members.len();
        let first = sizes[self.sorted_members[0]];
        let last = sizes[self.sorted_members[n - 1]];
        self.least_loaded_range_end = 0;
        self.least_loaded_range_partition_count = first - 1;
        self.next_least_loaded_member = 0;
        self.most_loaded_range_start = n;
        self.most_loaded_range_end = n;
        self.most_loaded_range_partition_count = last + 1;
        self.next_most_loaded_member = n as i64 - 1;
        last - first
    }

    /// `nextLeastLoadedMember`: the next member of the least loaded range, bumping the
    /// range's level (and widening it) once every member in it got a partition.
    fn next_least_loaded_member(&mut self, sizes: &[i64]) -> usize {
        if self.next_least_loaded_member >= self.least_loaded_range_end {
            self.least_loaded_range_partition_count += 1;
            while self.least_loaded_range_end < self.sorted_members.len()
                && sizes[self.sorted_members[self.least_loaded_range_end]]
                    == self.least_loaded_range_partition_count
            {
                self.least_loaded_range_end += 1;
            }
            self.next_least_loaded_member = 0;
        }
        let member = self.sorted_members[self.next_least_loaded_member];
        self.next_least_loaded_member += 1;
        member
    }

    /// `nextMostLoadedMember`: the next member of the most loaded range, lowering the
    /// range's level (and widening it) once every member in it gave a partition; `None`
    /// (Java's -1) when no member is left.
    fn next_most_loaded_member(&mut self, sizes: &[i64]) -> Option<usize> {
        if self.next_most_loaded_member < self.most_loaded_range_start as i64 {
            if self.most_loaded_range_end <= self.most_loaded_range_start
                && self.most_loaded_range_start > 0
            {
                // The range is empty after excludeMostLoadedMember calls: make sure it
                // widens below.
                self.most_loaded_range_partition_count =
                    sizes[self.sorted_members[self.most_loaded_range_start - 1]];
            } else {
                self.most_loaded_range_partition_count -= 1;
            }
            while self.most_loaded_range_start > 0
                && sizes[self.sorted_members[self.most_loaded_range_start - 1]]
                    == self.most_loaded_range_partition_count
            {
                self.most_loaded_range_start -= 1;
            }
            self.next_most_loaded_member = self.most_loaded_range_end as i64 - 1;
        }
        if self.next_most_loaded_member < 0 {
            return None;
        }
        let member = self.sorted_members[self.next_most_loaded_member as usize];
        self.next_most_loaded_member -= 1;
        Some(member)
    }

    /// `excludeMostLoadedMember`: swap the member last returned by
    /// `nextMostLoadedMember` to the end of the most loaded range and shrink the range.
    fn exclude_most_loaded_member(&mut self) {
        let i = (self.next_most_loaded_member + 1) as usize;
        let end = self.most_loaded_range_end - 1;
        self.sorted_members.swap(i, end);
        self.most_loaded_range_end -= 1;
    }

    /// `isBalanced`: the two ranges' levels differ by at most one.
    fn is_balanced(&self) -> bool {
        self.most_loaded_range_partition_count - self.least_loaded_range_partition_count <= 1
    }
}
