//! `UniformHomogeneousAssignmentBuilder`: every member subscribes to the same topics.
//!
//! 1. `build`: the unassigned partitions are those of the subscribed topics (in the
//!    first member's `HashSet<Uuid>` order, each ascending) that no current target holds;
//!    every member's quota is `total / members`, and `total % members` of them get one more.
//! 2. `maybeRevokePartitions`: members in `memberIds()` order keep their current partitions
//!    of subscribed topics up to their quota (topics in their map's order, partitions in
//!    their set's order), the rest joining the end of the unassigned list; a member with
//!    room left gives up its `+1` for a later member unless it is one of the last ones that
//!    must take one.
//! 3. `assignRemainingPartitions`: the unassigned list is dealt, in order, to the members
//!    with room, in the order they were found.

use super::jcoll::JHashSet;
use super::{AssignorError, GroupAssignment, GroupSpec, Target, TopicsImage, Uuid};

/// `UniformHomogeneousAssignmentBuilder#build` (the group has members).
pub(super) fn build(
    spec: &GroupSpec,
    topics: &TopicsImage,
) -> Result<GroupAssignment, AssignorError> {
    let members = spec.members();
    // Constructor: new HashSet<>(memberSubscription(memberIds().iterator().next())
    //     .subscribedTopicIds()).
    let first = &members[0];
    let subscribed: JHashSet<Uuid> = JHashSet::copy_of(
        first.subscribed_topic_count,
        first.subscribed_topic_ids.iter().copied(),
    );
    if subscribed.is_empty() {
        return Ok(GroupAssignment::default());
    }

    // build: compute the list of unassigned partitions.
    let mut unassigned: Vec<(Uuid, u32)> = Vec::new();
    let mut total: i64 = 0;
    for &topic in subscribed.iter() {
        let Some(count) = topics.num_partitions(topic) else {
            return Err(AssignorError::PartitionAssignor(format!(
                "Members are subscribed to topic {topic} which doesn't exist in the topic metadata."
            )));
        };
        for p in 0..count {
            if !spec.is_partition_assigned(topic, p) {
                unassigned.push((topic, p));
            }
        }
        total += i64::from(count);
    }
    let member_count = members.len() as i64;
    let minimum_member_quota = total / member_count;
    let mut remaining_members_to_get_an_extra_partition = total % member_count;

    // maybeRevokePartitions.
    let mut targets: Vec<Target<'_>> = Vec::with_capacity(members.len());
    let mut unfilled: Vec<(usize, i64)> = Vec::new();
    for (member_index, member) in members.iter().enumerate() {
        let mut target = Target::Input(&member.assignment);
        let mut quota = minimum_member_quota;
        let mut quota_has_extra_partition = false;
        if remaining_members_to_get_an_extra_partition > 0 {
            quota += 1;
            quota_has_extra_partition = true;
        }

        for (topic, partitions) in member.assignment.topics() {
            if subscribed.contains(topic) {
                let size = partitions.len() as i64;
                if size <= quota {
                    quota -= size;
                } else {
                    for &partition in partitions {
                        if quota > 0 {
                            quota -= 1;
                        } else {
                            // Remove the partition from the (copied) assignment and add it
                            // to the unassigned list to be re-assigned later on.
                            let map = target.make_mut();
                            if let Some(parts) = map.get_mut(topic) {
                                parts.remove(&partition);
                                if parts.is_empty() {
                                    map.remove(topic);
                                }
                            }
                            unassigned.push((*topic, partition));
                        }
                    }
                }
            } else {
                // Not subscribed any more: drop the whole topic (its partitions are not
                // put back on the unassigned list).
                target.make_mut().remove(topic);
            }
        }

        // "Give up the extra partition quota for another member to claim, unless this
        // member is one of the last remainingMembersToGetAnExtraPartition members in the
        // list and must take the extra partition."
        if quota > 0
            && quota_has_extra_partition
            && member_count - member_index as i64 > remaining_members_to_get_an_extra_partition
        {
            quota -= 1;
            quota_has_extra_partition = false;
        }
        if quota > 0 {
            unfilled.push((member_index, quota));
        }
        if quota_has_extra_partition {
            remaining_members_to_get_an_extra_partition -= 1;
        }
        targets.push(target);
    }

    // assignRemainingPartitions.
    let mut next = 0usize;
    for (member_index, remaining_quota) in unfilled {
        let map = targets[member_index].make_mut();
        let mut i = 0;
        while i < remaining_quota && next < unassigned.len() {
            let (topic, partition) = unassigned[next];
            next += 1;
            map.compute_if_absent(topic, JHashSet::new)
                .insert(partition);
            i += 1;
        }
    }
    if next < unassigned.len() {
        return Err(AssignorError::PartitionAssignor(
            "Partitions were left unassigned".to_string(),
        ));
    }

    let mut out = GroupAssignment::default();
    for (member, target) in members.iter().zip(&targets) {
        let (assignment, reused) = target.finish();
        out.insert(&member.member_id, assignment, reused);
    }
    Ok(out)
}
