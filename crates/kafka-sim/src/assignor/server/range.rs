//! The server-side `RangeAssignor`: per topic, contiguous ranges over its subscribers in
//! sorted member order. Current assignments are not looked at.

use crate::collections::VecMap;
use std::cmp::Ordering;

use super::jcoll::{presized, JHashMap};
use super::{
    AssignorError, GroupAssignment, GroupSpec, MemberAssignment, SubscriptionType, TopicsImage,
    Uuid,
};
use crate::assignor::java::cmp_str;

/// `RangeAssignor.TopicMetadata`.
struct TopicMetadata {
    topic_id: Uuid,
    num_partitions: u32,
    num_members: u32,
    /// -1 until `maybeComputeQuota`.
    min_quota: i64,
    extra_partitions: i64,
    next_range: u32,
}

impl TopicMetadata {
    fn new(topic_id: Uuid, num_partitions: u32, num_members: u32) -> Self {
        Self {
            topic_id,
            num_partitions,
            num_members,
            min_quota: -1,
            extra_partitions: -1,
            next_range: 0,
        }
    }

    /// `maybeComputeQuota`: once, when the first member takes its range.
    fn maybe_compute_quota(&mut self) {
        if self.min_quota != -1 {
            return;
        }
        let members = i64::from(self.num_members.max(1));
        self.min_quota = i64::from(self.num_partitions) / members;
        self.extra_partitions = i64::from(self.num_partitions) % members;
    }

    /// `addPartitionsToAssignment`: the next range, one larger while extras remain.
    fn add_partitions_to_assignment(&mut self, assignment: &mut JHashMap<Uuid, Vec<u32>>) {
        let start = self.next_range;
        let mut quota = self.min_quota;
        if self.extra_partitions > 0 {
            quota += 1;
            self.extra_partitions -= 1;
        }
        let end = (i64::from(start) + quota).min(i64::from(self.num_partitions)) as u32;
        self.next_range = end;
        if start < end {
            // A RangeSet: iterated (and recorded) in ascending order.
            assignment.put(self.topic_id, (start..end).collect());
        }
    }
}

/// `RangeAssignor#assign` (the group has members).
pub(super) fn assign(
    spec: &GroupSpec,
    topics: &TopicsImage,
) -> Result<GroupAssignment, AssignorError> {
    let members = spec.members();
    let sorted = sort_member_ids(spec);
    let non_existent = || {
        AssignorError::PartitionAssignor("Member is subscribed to a non-existent topic".to_string())
    };
    let mut maps: Vec<(usize, JHashMap<Uuid, Vec<u32>>)> = Vec::with_capacity(members.len());

    match spec.subscription_type() {
        SubscriptionType::Homogeneous => {
            // assignHomogeneousGroup: the topics of the first member in sorted order, each
            // shared by all members.
            let num_members = members.len() as u32;
            let first = &members[sorted[0]];
            let mut metadata: Vec<TopicMetadata> = Vec::new();
            for &topic in &first.subscribed_topic_ids {
                let n = topics.num_partitions(topic).ok_or_else(non_existent)?;
                metadata.push(TopicMetadata::new(topic, n, num_members));
            }
            let capacity = presized(metadata.len());
            for &m in &sorted {
                let mut assignment = JHashMap::with_capacity(capacity);
                for tm in &mut metadata {
                    tm.maybe_compute_quota();
                    tm.add_partitions_to_assignment(&mut assignment);
                }
                maps.push((m, assignment));
            }
        }
        SubscriptionType::Heterogeneous => {
            // assignHeterogeneousGroup: count each topic's subscribers first.
            let mut metadata: VecMap<Uuid, TopicMetadata> = VecMap::new();
            for &m in &sorted {
                for &topic in &members[m].subscribed_topic_ids {
                    // topics.computeIfAbsent(topicId, ...) throws for an unknown topic.
                    if !metadata.contains_key(&topic) {
                        let n = topics.num_partitions(topic).ok_or_else(non_existent)?;
                        metadata.insert(topic, TopicMetadata::new(topic, n, 0));
                    }
                    if let Some(tm) = metadata.get_mut(&topic) {
                        tm.num_members += 1;
                    }
                }
            }
            for &m in &sorted {
                let member = &members[m];
                let mut assignment =
                    JHashMap::with_capacity(presized(member.subscribed_topic_count));
                for topic in &member.subscribed_topic_ids {
                    if let Some(tm) = metadata.get_mut(topic) {
                        tm.maybe_compute_quota();
                        tm.add_partitions_to_assignment(&mut assignment);
                    }
                }
                maps.push((m, assignment));
            }
        }
    }

    let mut out = GroupAssignment::default();
    for (m, map) in maps {
        let assignment =
            MemberAssignment::in_order(map.iter().map(|(t, parts)| (*t, parts.clone())));
        out.insert(&members[m].member_id, assignment, false);
    }
    Ok(out)
}

/// `sortMemberIds`: static members first, by instance id; then the others by member id
/// (`String#compareTo`). Indices into `spec.members()`.
fn sort_member_ids(spec: &GroupSpec) -> Vec<usize> {
    let members = spec.members();
    let mut order: Vec<usize> = (0..members.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        match (&members[a].instance_id, &members[b].instance_id) {
            (Some(x), Some(y)) => cmp_str(x, y),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => cmp_str(&members[a].member_id, &members[b].member_id),
        }
    });
    order
}
