//! `TargetAssignmentBuilder#build` for a consumer group: the member specs the coordinator
//! hands the assignor, and the target each member ends up with once the records it writes
//! are replayed.

use crate::collections::VecMap;

use super::{
    subscription_type, AssignorError, GroupSpec, MemberAssignment, MemberSpec, ServerAssignor,
    SubscriptionType, TopicsImage,
};

/// A member of a consumer group as the coordinator holds it, for computing a new target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumerMember {
    /// The member id.
    pub member_id: String,
    /// `group.instance.id` of a static member.
    pub instance_id: Option<String>,
    /// The topic names the member subscribed to, as its heartbeat listed them.
    pub subscribed_topic_names: Vec<String>,
    /// Its current target assignment, as its last `ConsumerGroupTargetAssignmentMember`
    /// record lists it (what [`compute_target_assignment`] returned for it last time), or
    /// `None` if it has none yet (a new member).
    pub target: Option<MemberAssignment>,
}

impl ConsumerMember {
    /// A dynamic member subscribed to `topics`, without a target yet.
    pub fn new<I, S>(member_id: impl Into<String>, topics: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self {
            member_id: member_id.into(),
            instance_id: None,
            subscribed_topic_names: topics.into_iter().map(Into::into).collect(),
            target: None,
        }
    }

    /// With a `group.instance.id`.
    pub fn with_instance_id(mut self, instance_id: impl Into<String>) -> Self {
        self.instance_id = Some(instance_id.into());
        self
    }

    /// With this current target (in record order).
    pub fn with_target(mut self, target: MemberAssignment) -> Self {
        self.target = Some(target);
        self
    }
}

/// What [`compute_target_assignment`] works out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetAssignment {
    /// Every member's target once the records are replayed, in record order: the new
    /// record's topic-partitions, or the previous target where the assignor's result
    /// equals it (`Assignment#equals`: no record is written then, so the old order stays).
    pub targets: VecMap<String, MemberAssignment>,
    /// The members that get a new `ConsumerGroupTargetAssignmentMember` record, in the order
    /// they are written (`memberSpecs` key order). A member without a previous target always
    /// gets one, even an empty one.
    pub records: Vec<String>,
    /// The subscription type the assignor ran with.
    pub subscription_type: SubscriptionType,
}

/// Computes a consumer group's new target assignment as `TargetAssignmentBuilder#build`
/// does, with `members` in the order its `memberSpecs` `HashMap` is filled: the group's
/// members in `members` (`TimelineHashMap`) order (see [`super::TimelineOrder`]), then the
/// heartbeating member if it is new.
///
/// In 4.4 the builder reads `UpdatedMembersAndTargetAssignmentView#members()`, an
/// `OverlayMap` over the group's members: existing members in place (the heartbeating
/// member's updated version replacing its old one), then the added member. A static member
/// replacing a departed one with the same `group.instance.id` is such an addition: pass it
/// last, with the departed member's target, and leave the departed member out.
///
/// The subscription type is `ConsumerGroup#subscriptionType` over the members' topic names;
/// each member's spec is `ConsumerTargetAssignmentBuilder#newMemberSubscriptionAndAssignment`
/// (see [`MemberSpec::subscribed_to_names`]) with its target replayed as the coordinator
/// replays records ([`MemberAssignment::from_record`]).
///
/// # Errors
/// The assignor's [`AssignorError`]: the coordinator fails the heartbeat with
/// `UNKNOWN_SERVER_ERROR` and writes no record.
pub fn compute_target_assignment(
    assignor: ServerAssignor,
    members: &[ConsumerMember],
    topics: &TopicsImage,
) -> Result<TargetAssignment, AssignorError> {
    let subscription_type = subscription_type(
        members
            .iter()
            .map(|m| m.subscribed_topic_names.iter().map(String::as_str)),
    );
    let specs: Vec<MemberSpec> = members
        .iter()
        .map(|m| {
            let mut spec = MemberSpec::subscribed_to_names(
                m.member_id.clone(),
                &m.subscribed_topic_names,
                topics,
            );
            spec.instance_id = m.instance_id.clone();
            // targetAssignment.getOrDefault(memberId, Assignment.EMPTY), as replayed.
            if let Some(target) = &m.target {
                spec.assignment = MemberAssignment::from_record(target.topics().iter().cloned());
            }
            spec
        })
        .collect();
    let spec = GroupSpec::new(specs, subscription_type);
    let result = assignor.assign(&spec, topics)?;

    let previous: VecMap<&str, &ConsumerMember> =
        crate::sort::map_of(members.iter().map(|m| (m.member_id.as_str(), m)));
    let mut targets = VecMap::new();
    let mut records = Vec::new();
    for member in spec.members() {
        let id = member.member_id.as_str();
        // newMemberAssignment: Assignment.EMPTY when the assignor returned nothing for it.
        let new = result.get(id).cloned().unwrap_or_default();
        let old = previous.get(id).and_then(|m| m.target.as_ref());
        match old {
            Some(old) if new.same_partitions(old) => {
                targets.insert(id.to_string(), old.clone());
            }
            _ => {
                records.push(id.to_string());
                targets.insert(id.to_string(), new);
            }
        }
    }
    Ok(TargetAssignment {
        targets,
        records,
        subscription_type,
    })
}
