//! `AbstractStickyAssignor` (used by `StickyAssignor` and `CooperativeStickyAssignor`),
//! without racks, plus `CooperativeStickyAssignor#adjustAssignment`.
//!
//! 1. `allSubscriptionsEqual` resolves who owns what: a claim from an older generation
//!    loses to a newer one; a partition claimed by two members of the same generation is
//!    owned by neither (and remembered in `partitionsWithMultiplePreviousOwners`).
//! 2. If every member has the same subscription, `ConstrainedAssignmentBuilder`; otherwise
//!    `GeneralAssignmentBuilder`.
//! 3. The cooperative assignor then withholds every partition that changes owner
//!    (`partitionsTransferringOwnership`, or `computePartitionsTransferringOwnership` after
//!    the general path): the current owner revokes it first, and it is given out in the
//!    follow-up rebalance.

use crate::collections::{VecMap, VecSet};

use crate::sort::set_of;

use super::java::JavaHashSet;
use super::{Group, Tp};
use crate::error::{ErrorKind, KafkaError};

/// `AbstractStickyAssignor.DEFAULT_GENERATION`.
const DEFAULT_GENERATION: i32 = -1;

/// Where the Java assignor itself would throw (`IllegalStateException`, or a
/// `NullPointerException` on a state it does not expect). Reported with the kind HEAD's
/// `ErrorKind` has for a refused argument, and the Java exception named in the message.
fn illegal_state(message: impl Into<String>) -> KafkaError {
    KafkaError::new(
        ErrorKind::IllegalArgumentException,
        format!(
            "the Java assignor would throw IllegalStateException: {}",
            message.into()
        ),
    )
}

/// Runs the sticky assignor; `cooperative` applies `CooperativeStickyAssignor#assign`'s
/// adjustment.
pub(super) fn assign(g: &Group<'_>, cooperative: bool) -> Result<Vec<Vec<Tp>>, KafkaError> {
    if g.len() == 0 {
        return Ok(Vec::new());
    }
    let order = g.subscription_order();
    let owners = resolve_owners(g, &order);
    let (mut assignment, transferring) = if owners.all_subscriptions_equal {
        let mut b = Constrained::new(g, &owners);
        b.build(&order)?;
        (b.assignment, Some(b.transferring))
    } else {
        let assignment = General::new(g, &order, &owners).build()?;
        (assignment, None)
    };
    if cooperative {
        let transferring = match transferring {
            Some(t) => t,
            None => compute_partitions_transferring_ownership(g, &assignment),
        };
        // CooperativeStickyAssignor#adjustAssignment.
        for (tp, m) in transferring {
            if let Some(pos) = assignment[m].iter().position(|x| *x == tp) {
                assignment[m].remove(pos);
            }
        }
    }
    Ok(assignment)
}

/// `CooperativeStickyAssignor#computePartitionsTransferringOwnership`: partitions newly
/// assigned to one member that another member owned (by its raw `ownedPartitions`).
fn compute_partitions_transferring_ownership(
    g: &Group<'_>,
    assignment: &[Vec<Tp>],
) -> VecMap<Tp, usize> {
    let mut added = VecMap::new();
    let mut revoked: VecSet<Tp> = VecSet::new();
    for (m, assigned) in assignment.iter().enumerate() {
        let owned: VecSet<Tp> = set_of(g.owned[m].iter().copied());
        for &tp in assigned {
            if !owned.contains(&tp) {
                added.insert(tp, m);
            }
        }
        let assigned: VecSet<Tp> = set_of(assigned.iter().copied());
        revoked.extend(g.owned[m].iter().filter(|tp| !assigned.contains(tp)));
    }
    added.retain(|tp, _| revoked.contains(tp));
    added
}

/// What `allSubscriptionsEqual` works out.
struct Owners {
    all_subscriptions_equal: bool,
    /// `consumerToOwnedPartitions`: each member's valid claims.
    owned: Vec<Vec<Tp>>,
    partitions_with_multiple_previous_owners: VecSet<Tp>,
    max_generation: i32,
}

fn generation(g: &Group<'_>, m: usize) -> i32 {
    g.subs[m].generation.unwrap_or(DEFAULT_GENERATION)
}

/// `AbstractStickyAssignor#allSubscriptionsEqual`, iterating `subscriptions` in `order`.
fn resolve_owners(g: &Group<'_>, order: &[usize]) -> Owners {
    let mut equal = true;
    let mut subscribed: VecSet<&str> = VecSet::new();
    let mut previous_owner: VecMap<Tp, usize> = VecMap::new();
    let mut owned: Vec<Vec<Tp>> = vec![Vec::new(); g.len()];
    let mut multiple = VecSet::new();
    let mut max_generation = DEFAULT_GENERATION;
    for &m in order {
        let topics = &g.subs[m].topics;
        // "initialize the subscribed topics set if this is the first subscription": Java
        // tests for emptiness, so members with no topic before the first one with topics
        // do not count as different.
        if subscribed.is_empty() {
            subscribed.extend(topics.iter().map(String::as_str));
        } else if equal
            && !(topics.len() == subscribed.len()
                && topics.iter().all(|t| subscribed.contains(t.as_str())))
        {
            equal = false;
        }
        let member_generation = generation(g, m);
        max_generation = max_generation.max(member_generation);
        for &tp in &g.owned[m] {
            match previous_owner.get(&tp).copied() {
                None => {
                    owned[m].push(tp);
                    previous_owner.insert(tp, m);
                }
                Some(other) => {
                    let other_generation = generation(g, other);
                    if member_generation == other_generation {
                        // Two members of one generation claim it: revoke it from both.
                        multiple.insert(tp);
                        remove_first(&mut owned[other], tp);
                        previous_owner.insert(tp, m);
                    } else if member_generation > other_generation {
                        owned[m].push(tp);
                        remove_first(&mut owned[other], tp);
                        previous_owner.insert(tp, m);
                    }
                    // else: the other member, of a newer generation, keeps it.
                }
            }
        }
    }
    Owners {
        all_subscriptions_equal: equal,
        owned,
        partitions_with_multiple_previous_owners: multiple,
        max_generation,
    }
}

/// `List#remove(Object)`.
fn remove_first(list: &mut Vec<Tp>, tp: Tp) {
    if let Some(pos) = list.iter().position(|x| *x == tp) {
        list.remove(pos);
    }
}

fn all_partitions<'g>(g: &'g Group<'_>) -> impl Iterator<Item = Tp> + 'g {
    g.counts
        .iter()
        .enumerate()
        .flat_map(|(t, &n)| (0..n).map(move |p| (t, p)))
}

/// `AbstractStickyAssignor.ConstrainedAssignmentBuilder` without racks.
struct Constrained<'g, 'a> {
    g: &'g Group<'a>,
    owned: &'g [Vec<Tp>],
    multiple: &'g VecSet<Tp>,
    all_revoked: VecSet<Tp>,
    under_min: Vec<usize>,
    exactly_min: Vec<usize>,
    min_quota: usize,
    max_quota: usize,
    expected_over_min: usize,
    current_over_min: usize,
    assignment: Vec<Vec<Tp>>,
    assigned: VecSet<Tp>,
    transferring: VecMap<Tp, usize>,
}

impl<'g, 'a> Constrained<'g, 'a> {
    fn new(g: &'g Group<'a>, owners: &'g Owners) -> Self {
        let total: usize = g.counts.iter().map(|&c| c as usize).sum();
        let n = g.len();
        Self {
            g,
            owned: &owners.owned,
            multiple: &owners.partitions_with_multiple_previous_owners,
            all_revoked: VecSet::new(),
            under_min: Vec::new(),
            exactly_min: Vec::new(),
            min_quota: total / n,
            max_quota: total.div_ceil(n),
            expected_over_min: total % n,
            current_over_min: 0,
            assignment: vec![Vec::new(); n],
            assigned: VecSet::new(),
            transferring: VecMap::new(),
        }
    }

    fn build(&mut self, order: &[usize]) -> Result<(), KafkaError> {
        self.assign_owned_partitions(order);
        // getUnassignedPartitions: all partitions sorted by topic then partition.
        let unassigned: Vec<Tp> = all_partitions(self.g)
            .filter(|tp| !self.assigned.contains(tp))
            .collect();
        // Member ids sort like indices.
        self.under_min.sort_unstable();
        self.exactly_min.sort_unstable();
        self.assign_round_robin(&unassigned)?;
        self.verify_unfilled_members()
    }

    /// `assignOwnedPartitions`: keep up to the quota of each member's claims, taken in
    /// (partition, topic) order; the rest are revoked.
    fn assign_owned_partitions(&mut self, order: &[usize]) {
        for &m in order {
            let mut owned: Vec<Tp> = self.owned[m].clone();
            crate::sort::sort_by_key(&mut owned, |a| (a.1, a.0));
            owned.retain(|tp| !self.multiple.contains(tp));
            if owned.len() < self.min_quota {
                self.assignment[m].extend(owned.iter().copied());
                self.assigned.extend(owned.iter().copied());
                self.under_min.push(m);
            } else if owned.len() >= self.max_quota
                && self.current_over_min < self.expected_over_min
            {
                self.current_over_min += 1;
                if self.current_over_min == self.expected_over_min {
                    self.exactly_min.clear();
                }
                let (keep, revoke) = owned.split_at(self.max_quota);
                self.assignment[m].extend(keep.iter().copied());
                self.assigned.extend(keep.iter().copied());
                self.all_revoked.extend(revoke.iter().copied());
            } else {
                let (keep, revoke) = owned.split_at(self.min_quota);
                self.assignment[m].extend(keep.iter().copied());
                self.assigned.extend(keep.iter().copied());
                self.all_revoked.extend(revoke.iter().copied());
                if self.current_over_min < self.expected_over_min {
                    self.exactly_min.push(m);
                }
            }
        }
    }

    /// `assignRoundRobin`: fill the members under `minQuota` in turn, then give one more
    /// to members at exactly `minQuota` until `maxQuota` members are full.
    fn assign_round_robin(&mut self, unassigned: &[Tp]) -> Result<(), KafkaError> {
        // An Iterator over the LinkedList `under_min`: `cursor` is the next index, and
        // `last` whether the last consumer came from it (for Iterator#remove).
        let mut cursor = 0usize;
        for (i, &tp) in unassigned.iter().enumerate() {
            let from_iter;
            let consumer = if cursor < self.under_min.len() {
                cursor += 1;
                from_iter = true;
                self.under_min[cursor - 1]
            } else if self.under_min.is_empty() && self.exactly_min.is_empty() {
                return Err(illegal_state("No more unfilled consumers to be assigned."));
            } else if self.under_min.is_empty() {
                from_iter = false;
                self.exactly_min.remove(0)
            } else {
                cursor = 1;
                from_iter = true;
                self.under_min[0]
            };
            let count = self.assign_new_partition(tp, consumer);
            if count == self.min_quota {
                if !from_iter {
                    return Err(illegal_state(
                        "Iterator.remove on a member that did not come from the iterator",
                    ));
                }
                cursor -= 1;
                self.under_min.remove(cursor);
                self.exactly_min.push(consumer);
            } else if count == self.max_quota {
                self.current_over_min += 1;
                // Java logs an error if partitions remain after the last member is
                // filled (index i is not the last), and carries on.
                let _ = i;
            }
        }
        Ok(())
    }

    fn assign_new_partition(&mut self, tp: Tp, consumer: usize) -> usize {
        self.assignment[consumer].push(tp);
        if self.all_revoked.contains(&tp) || self.multiple.contains(&tp) {
            self.transferring.insert(tp, consumer);
        }
        self.assignment[consumer].len()
    }

    fn verify_unfilled_members(&self) -> Result<(), KafkaError> {
        if self.under_min.is_empty() {
            return Ok(());
        }
        if self.current_over_min != self.expected_over_min {
            return Err(illegal_state("We haven't reached the expected number of members with more than the minQuota partitions, but no more partitions to be assigned"));
        }
        for &m in &self.under_min {
            if self.assignment[m].len() != self.min_quota {
                return Err(illegal_state(format!(
                    "Consumer: [{}] doesn't reach minQuota partitions, and no more partitions to be assigned",
                    self.g.ids[m]
                )));
            }
        }
        Ok(())
    }
}

/// `AbstractStickyAssignor.PartitionMovements`: which partitions moved between which
/// members during this rebalance, so a move back is taken from an earlier move (keeping
/// the result sticky). The per-pair sets are JDK `HashSet`s: which partition is "the first"
/// follows the JDK's iteration order.
#[derive(Default)]
struct PartitionMovements {
    /// partition → (src, dst).
    movements: VecMap<Tp, (usize, usize)>,
    /// topic → (src, dst) → partitions.
    by_topic: VecMap<usize, VecMap<(usize, usize), JavaHashSet<Tp>>>,
}

impl PartitionMovements {
    fn remove_record(&mut self, g: &Group<'_>, tp: Tp) -> Option<(usize, usize)> {
        let pair = self.movements.remove(&tp)?;
        if let Some(topic) = self.by_topic.get_mut(&tp.0) {
            if let Some(set) = topic.get_mut(&pair) {
                set.remove(g.tp_hash(tp), &tp);
                if set.is_empty() {
                    topic.remove(&pair);
                }
            }
            if topic.is_empty() {
                self.by_topic.remove(&tp.0);
            }
        }
        Some(pair)
    }

    fn add_record(&mut self, g: &Group<'_>, tp: Tp, pair: (usize, usize)) {
        self.movements.insert(tp, pair);
        self.by_topic
            .entry(tp.0)
            .or_default()
            .entry(pair)
            .or_insert_with(JavaHashSet::new)
            .insert(g.tp_hash(tp), tp);
    }

    /// `movePartition`.
    fn move_partition(&mut self, g: &Group<'_>, tp: Tp, old: usize, new: usize) {
        if self.movements.contains_key(&tp) {
            if let Some((src, _dst)) = self.remove_record(g, tp) {
                if src != new {
                    self.add_record(g, tp, (src, new));
                }
            }
        } else {
            self.add_record(g, tp, (old, new));
        }
    }

    /// `getTheActualPartitionToBeMoved`.
    fn actual_partition_to_move(&self, tp: Tp, old: usize, new: usize) -> Tp {
        let Some(topic) = self.by_topic.get(&tp.0) else {
            return tp;
        };
        let old = self.movements.get(&tp).map_or(old, |&(src, _)| src);
        match topic.get(&(new, old)).and_then(|set| set.iter().next()) {
            Some(&first) => first,
            None => tp,
        }
    }
}

/// `AbstractStickyAssignor.GeneralAssignmentBuilder` without racks.
struct General<'g, 'a> {
    g: &'g Group<'a>,
    order: &'g [usize],
    max_generation: i32,
    /// `topic2AllPotentialConsumers`, in `subscriptions` order.
    topic_consumers: Vec<Vec<usize>>,
    /// `currentAssignment`; `active[m]` is false once a member is set aside as fixed.
    current: Vec<Vec<Tp>>,
    active: Vec<bool>,
    /// `currentPartitionConsumer`.
    partition_consumer: VecMap<Tp, usize>,
    /// `sortedAllPartitions`.
    sorted_all_partitions: Vec<Tp>,
    /// `sortedCurrentSubscriptions`: (assignment size, member), members sort like ids.
    sorted_subscriptions: VecSet<(usize, usize)>,
    revocation_required: bool,
    movements: PartitionMovements,
}

impl<'g, 'a> General<'g, 'a> {
    fn new(g: &'g Group<'a>, order: &'g [usize], owners: &Owners) -> Self {
        let mut topic_consumers = vec![Vec::new(); g.topics.len()];
        for &m in order {
            for &t in &g.member_topics[m] {
                topic_consumers[t].push(m);
            }
        }
        let current = owners.owned.clone();
        let mut partition_consumer = VecMap::new();
        for (m, tps) in current.iter().enumerate() {
            for &tp in tps {
                partition_consumer.insert(tp, m);
            }
        }
        // TopicComparator: fewest potential consumers first, then by name.
        let mut sorted_topics: Vec<usize> = (0..g.topics.len()).collect();
        crate::sort::sort_by_key(&mut sorted_topics, |&t| (topic_consumers[t].len(), t));
        let sorted_all_partitions = sorted_topics
            .iter()
            .flat_map(|&t| (0..g.counts[t]).map(move |p| (t, p)))
            .collect();
        Self {
            g,
            order,
            max_generation: owners.max_generation,
            topic_consumers,
            current,
            active: vec![true; g.len()],
            partition_consumer,
            sorted_all_partitions,
            sorted_subscriptions: VecSet::new(),
            revocation_required: false,
            movements: PartitionMovements::default(),
        }
    }

    fn build(mut self) -> Result<Vec<Vec<Tp>>, KafkaError> {
        let prev = self.prepopulate_current_assignments();
        let assigned = self.assign_owned_partitions();
        // getUnassignedPartitions: sortedAllPartitions minus what members keep.
        let unassigned: Vec<Tp> = self
            .sorted_all_partitions
            .iter()
            .copied()
            .filter(|tp| !assigned.contains(tp))
            .collect();
        for m in 0..self.g.len() {
            self.sorted_subscriptions.insert((self.current[m].len(), m));
        }
        self.balance(&prev, unassigned)?;
        Ok(self.current)
    }

    /// `prepopulateCurrentAssignments`: for members behind the newest generation, where
    /// each partition was in the newest older generation that claims it (first claimant
    /// wins a tie, in `subscriptions` order).
    fn prepopulate_current_assignments(&self) -> VecMap<Tp, (usize, i32)> {
        let mut prev: VecMap<Tp, (usize, i32)> = VecMap::new();
        for &m in self.order {
            let member_generation = match self.g.subs[m].generation {
                Some(gen) if gen < self.max_generation => gen,
                None if self.max_generation > DEFAULT_GENERATION => DEFAULT_GENERATION,
                _ => continue,
            };
            for &tp in &self.g.owned[m] {
                match prev.get(&tp) {
                    Some(&(_, gen)) if member_generation <= gen => {}
                    _ => {
                        prev.insert(tp, (m, member_generation));
                    }
                }
            }
        }
        prev
    }

    /// `assignOwnedPartitions`: drop claims on topics the member no longer subscribes to
    /// (that requires a revocation); what remains stays assigned.
    fn assign_owned_partitions(&mut self) -> VecSet<Tp> {
        let mut assigned = VecSet::new();
        for m in 0..self.g.len() {
            let g = self.g;
            let mut kept = Vec::new();
            for &tp in &self.current[m] {
                if g.subscribes(m, tp.0) {
                    assigned.insert(tp);
                    kept.push(tp);
                } else {
                    self.revocation_required = true;
                }
            }
            self.current[m] = kept;
        }
        assigned
    }

    fn size(&self, m: usize) -> Result<usize, KafkaError> {
        if self.active[m] {
            Ok(self.current[m].len())
        } else {
            // Java: currentAssignment.get(consumer) is null here, and .size() throws.
            Err(illegal_state(format!(
                "member '{}' was set aside as fixed but is needed for reassignment (a NullPointerException in Java)",
                self.g.ids[m]
            )))
        }
    }

    /// `getMaxAssignmentSize`.
    fn max_assignment_size(&self, m: usize) -> usize {
        self.g.member_topics[m]
            .iter()
            .map(|&t| self.g.counts[t] as usize)
            .sum()
    }

    /// `isBalanced`.
    fn is_balanced(&self) -> Result<bool, KafkaError> {
        let (Some(&(min, _)), Some(&(max, _))) = (
            self.sorted_subscriptions.first(),
            self.sorted_subscriptions.last(),
        ) else {
            return Ok(true);
        };
        if min + 1 >= max {
            return Ok(true);
        }
        for &(count, m) in &self.sorted_subscriptions {
            if count == self.max_assignment_size(m) {
                continue;
            }
            for &t in &self.g.member_topics[m] {
                for p in 0..self.g.counts[t] {
                    let tp = (t, p);
                    let other = self.partition_consumer.get(&tp).copied();
                    if other == Some(m) {
                        continue;
                    }
                    let Some(other) = other.filter(|&o| self.active[o]) else {
                        return Err(illegal_state(format!(
                            "{}-{p} has no current consumer (a NullPointerException in Java)",
                            self.g.topics[t]
                        )));
                    };
                    if count + 1 < self.current[other].len() {
                        return Ok(false);
                    }
                }
            }
        }
        Ok(true)
    }

    /// `getBalanceScore`: sum of size differences over all pairs of members.
    fn balance_score(sizes: &[usize]) -> usize {
        let mut score = 0;
        for (i, a) in sizes.iter().enumerate() {
            for b in &sizes[i + 1..] {
                score += a.abs_diff(*b);
            }
        }
        score
    }

    fn active_sizes(&self, assignment: &[Vec<Tp>]) -> Vec<usize> {
        (0..self.g.len())
            .filter(|&m| self.active[m])
            .map(|m| assignment[m].len())
            .collect()
    }

    /// `canTopicParticipateInReassignment`.
    fn topic_can_move(&self, t: usize) -> bool {
        self.topic_consumers[t].len() >= 2
    }

    /// `canConsumerParticipateInReassignment`.
    fn consumer_can_move(&self, m: usize) -> bool {
        let size = self.current[m].len();
        if size < self.max_assignment_size(m) {
            return true;
        }
        self.current[m].iter().any(|tp| self.topic_can_move(tp.0))
    }

    /// `maybeAssignPartition`: to the least loaded subscribed member.
    fn maybe_assign_partition(&mut self, tp: Tp) {
        let found = self
            .sorted_subscriptions
            .iter()
            .copied()
            .find(|&(_, m)| self.g.subscribes(m, tp.0));
        if let Some((size, m)) = found {
            self.sorted_subscriptions.remove(&(size, m));
            self.current[m].push(tp);
            self.partition_consumer.insert(tp, m);
            self.sorted_subscriptions.insert((self.current[m].len(), m));
        }
    }

    /// `balance`.
    fn balance(
        &mut self,
        prev: &VecMap<Tp, (usize, i32)>,
        mut unassigned: Vec<Tp>,
    ) -> Result<(), KafkaError> {
        let initializing = self
            .sorted_subscriptions
            .last()
            .is_none_or(|&(size, _)| size == 0);
        // maybeAssign(partitionsToAssign, null, false): the list is left as it is.
        for &tp in &unassigned {
            if self.topic_consumers[tp.0].is_empty() {
                continue;
            }
            self.maybe_assign_partition(tp);
        }
        // Only partitions of topics with two or more potential consumers can move.
        let fixed_topics: VecSet<usize> =
            set_of((0..self.g.topics.len()).filter(|&t| !self.topic_can_move(t)));
        self.sorted_all_partitions
            .retain(|tp| !fixed_topics.contains(&tp.0));
        unassigned.retain(|tp| !fixed_topics.contains(&tp.0));
        // Only members that can gain or lose a partition take part.
        for m in 0..self.g.len() {
            if !self.consumer_can_move(m) {
                self.sorted_subscriptions
                    .remove(&(self.current[m].len(), m));
                self.active[m] = false;
            }
        }
        let pre_balance = self.current.clone();
        let pre_balance_consumers = self.partition_consumer.clone();

        if !self.revocation_required {
            self.perform_reassignments(&unassigned, prev)?;
        }
        let all = self.sorted_all_partitions.clone();
        let performed = self.perform_reassignments(&all, prev)?;

        if !initializing
            && performed
            && Self::balance_score(&self.active_sizes(&self.current))
                >= Self::balance_score(&self.active_sizes(&pre_balance))
        {
            self.current = pre_balance;
            self.partition_consumer = pre_balance_consumers;
        }
        Ok(())
    }

    /// `performReassignments`.
    fn perform_reassignments(
        &mut self,
        partitions: &[Tp],
        prev: &VecMap<Tp, (usize, i32)>,
    ) -> Result<bool, KafkaError> {
        let mut performed = false;
        loop {
            let mut modified = false;
            for &tp in partitions {
                if self.is_balanced()? {
                    break;
                }
                let Some(consumer) = self.partition_consumer.get(&tp).copied() else {
                    return Err(illegal_state(format!(
                        "Expected partition '{}-{}' to be assigned to a consumer",
                        self.g.topics[tp.0], tp.1
                    )));
                };
                let consumer_size = self.size(consumer)?;
                if let Some(&(prev_consumer, _)) = prev.get(&tp) {
                    if consumer_size > self.size(prev_consumer)? + 1 {
                        self.reassign_partition_to(tp, prev_consumer)?;
                        performed = true;
                        modified = true;
                        continue;
                    }
                }
                let mut better = false;
                for &other in &self.topic_consumers[tp.0] {
                    if consumer_size > self.size(other)? + 1 {
                        better = true;
                        break;
                    }
                }
                if better {
                    self.reassign_partition(tp)?;
                    performed = true;
                    modified = true;
                }
            }
            if !modified {
                return Ok(performed);
            }
        }
    }

    /// `reassignPartition(partition)`: to the least loaded member subscribed to its topic.
    fn reassign_partition(&mut self, tp: Tp) -> Result<(), KafkaError> {
        let new = self
            .sorted_subscriptions
            .iter()
            .map(|&(_, m)| m)
            .find(|&m| self.g.subscribes(m, tp.0))
            .ok_or_else(|| illegal_state("no member can take the partition"))?;
        self.reassign_partition_to(tp, new)
    }

    /// `reassignPartition(partition, newConsumer)` + `processPartitionMovement`.
    fn reassign_partition_to(&mut self, tp: Tp, new: usize) -> Result<(), KafkaError> {
        let consumer = self
            .partition_consumer
            .get(&tp)
            .copied()
            .ok_or_else(|| illegal_state("partition without a consumer"))?;
        let tp = self.movements.actual_partition_to_move(tp, consumer, new);
        let old = self
            .partition_consumer
            .get(&tp)
            .copied()
            .ok_or_else(|| illegal_state("partition without a consumer"))?;
        // Both must still take part (Java would throw a NullPointerException otherwise).
        self.size(old)?;
        self.size(new)?;
        self.sorted_subscriptions
            .remove(&(self.current[old].len(), old));
        self.sorted_subscriptions
            .remove(&(self.current[new].len(), new));
        self.movements.move_partition(self.g, tp, old, new);
        remove_first(&mut self.current[old], tp);
        self.current[new].push(tp);
        self.partition_consumer.insert(tp, new);
        self.sorted_subscriptions
            .insert((self.current[new].len(), new));
        self.sorted_subscriptions
            .insert((self.current[old].len(), old));
        Ok(())
    }
}
