//! The group coordinator's server-side assignors for `group.protocol=consumer` groups
//! (KIP-848), as Kafka 4.3/4.4 runs them: `uniform` (the default) and `range`.
//!
//! ```
//! use kafka_sim::assignor::server::{range, uniform, GroupSpec, MemberSpec, SubscriptionType, TopicsImage, Uuid};
//! let t = Uuid::from_seed(1);
//! let topics = TopicsImage::new().with_topic(t, "orders", 3);
//! let spec = GroupSpec::in_iteration_order(
//!     vec![MemberSpec::new("a", [t]), MemberSpec::new("b", [t])],
//!     SubscriptionType::Homogeneous,
//! );
//! // The first member gives its +1 away to the last one (UniformHomogeneousAssignmentBuilder).
//! let a = uniform(&spec, &topics).unwrap().sorted();
//! assert_eq!(a["a"][&t], [0]);
//! assert_eq!(a["b"][&t], [1, 2]);
//! // RangeAssignor: contiguous ranges in member-id order, the extras first.
//! let r = range(&spec, &topics).unwrap().sorted();
//! assert_eq!(r["a"][&t], [0, 1]);
//! assert_eq!(r["b"][&t], [2]);
//! ```
//!
//! Sources (apache/kafka 4.3.1, `group-coordinator/src/main/java/org/apache/kafka/coordinator/group/`;
//! the 4.4.0 class files of the assignors are byte-for-byte the same):
//! `assignor/UniformAssignor.java`, `assignor/UniformHomogeneousAssignmentBuilder.java`,
//! `assignor/UniformHeterogeneousAssignmentBuilder.java`, `assignor/RangeAssignor.java`,
//! `assignor/AssignorHelpers.java`, `modern/TargetAssignmentBuilder.java`,
//! `modern/GroupSpecImpl.java`, `modern/TopicIds.java`, `modern/Assignment.java`,
//! `modern/consumer/ConsumerGroup.java` (`subscriptionType`). Racks are not modelled (the
//! 4.x uniform assignor ignores them).
//!
//! # Orders that show through
//!
//! The assignors iterate Java collections, and the results depend on their order:
//!
//! * **Members**: `GroupSpec#memberIds()` is the key set of the `java.util.HashMap` that
//!   `TargetAssignmentBuilder#build` fills, so members come in `HashMap` bucket order of their
//!   ids (`String#hashCode`), colliding ids in insertion order. [`GroupSpec::new`] takes the
//!   insertion order (the group's `members` in `TimelineHashMap` order, see
//!   [`TimelineOrder`], then a newly joining member) and reorders.
//! * **Topics** in the homogeneous uniform assignor: a `HashSet<Uuid>` of the first member's
//!   subscription (`Uuid#hashCode`). The heterogeneous one sorts topics and members by
//!   counts, breaking ties by topic id (`Uuid#compareTo`) and member position.
//! * **A member's current target** (`Map<Uuid, Set<Integer>>`): what the coordinator
//!   replayed from its last target-assignment record (`Assignment#fromRecord`: a `HashMap`
//!   and `HashSet`s filled in record order), which is the iteration order of the map the
//!   assignor returned then. [`MemberAssignment`] keeps that order;
//!   [`compute_target_assignment`] does the replay.
//!
//! With the random member ids of a real broker, these orders are random too. What depends
//! on them:
//! * `uniform`, one subscription for all: how many partitions each member gets, and that a
//!   member keeps its current partitions up to its quota (the first ones in its set's
//!   order: the lowest, for partition ids below the set's table size), do not depend on
//!   member order. **Who gets the `+1`s** does when several members could: a member whose
//!   current partitions already fill `minQuota + 1` keeps its `+1` while extras remain, in
//!   `HashMap` order; the remaining extras go to the *last* members in `HashMap` order that
//!   still have room. **Which unfilled member receives which free partition** does too: the
//!   free list is dealt in `HashMap` order of the members. With several topics, the free
//!   list starts with the topics' free partitions in `HashSet<Uuid>` order, and an
//!   over-quota member gives up partitions of the topics last in its map's order: both
//!   follow the (random) topic ids.
//! * `uniform`, different subscriptions: ties between equally loaded members are broken
//!   by `HashMap` position, ties between topics by topic id.
//! * `range`: ranges are dealt in member-id order (static members first, by instance id),
//!   so the member ids decide everything; only static members get stable ranges.
//!
//! The collections are emulated as OpenJDK 17 has them (Kafka 4.x runs on 17+; JDK 19+
//! sizes `new HashSet<>(collection)` differently for 12, 24, 48, … elements, see
//! `jcoll.rs`). `HashMap` bins that the JDK turns into trees (9+ keys in one bucket of a
//! table of 64+) are iterated as lists, as in `assignor/java.rs`.
//!
//! `tests/server_assignor_cases.rs` checks [`compute_target_assignment`] against Kafka
//! 4.4.0's coordinator on 300 seeded scenarios (`server/golden/ServerAssignorVectors.java`
//! produced the expected transcripts), records and their order included.

mod jcoll;
mod range;
mod target;
mod uniform_heterogeneous;
mod uniform_homogeneous;
mod uuid;

use crate::collections::{VecMap, VecSet};
use std::fmt;
use std::str::FromStr;

pub use jcoll::TimelineOrder;
pub use target::{compute_target_assignment, ConsumerMember, TargetAssignment};
pub use uuid::{member_id_from_seed, TopicId, Uuid};

use jcoll::{JHashMap, JHashSet};

/// `SubscriptionType` (`coordinator/group/api/assignor`): whether every member subscribes
/// to the same topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SubscriptionType {
    /// Every member subscribes to the same topic names.
    Homogeneous,
    /// At least one member subscribes differently.
    Heterogeneous,
}

impl SubscriptionType {
    /// The Java enum constant's name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Homogeneous => "HOMOGENEOUS",
            Self::Heterogeneous => "HETEROGENEOUS",
        }
    }
}

/// `ConsumerGroup#subscriptionType` for members that subscribe by topic name (no regular
/// expressions): HOMOGENEOUS when every subscribed name is subscribed by every member, or
/// nobody subscribes to anything.
///
/// Names are counted whether or not the topic exists (`ModernGroup#subscribedTopicNames`
/// counts names): members subscribed to `[a, missing]` and `[a]` are HETEROGENEOUS even
/// though both resolve to `{a}`.
pub fn subscription_type<I, M, S>(subscriptions: I) -> SubscriptionType
where
    I: IntoIterator<Item = M>,
    M: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    // ModernGroup#maybeUpdateSubscribedTopicNames: name -> number of members subscribing.
    let mut counts: VecMap<String, usize> = VecMap::new();
    let mut members = 0usize;
    for names in subscriptions {
        members += 1;
        let distinct: VecSet<String> =
            crate::sort::set_of(names.into_iter().map(|s| s.as_ref().to_string()));
        for name in distinct {
            *counts.entry(name).or_insert(0) += 1;
        }
    }
    // ConsumerGroup#subscriptionType (subscribedRegularExpressions empty).
    if counts.values().all(|&c| c == members) {
        SubscriptionType::Homogeneous
    } else {
        SubscriptionType::Heterogeneous
    }
}

/// A server-side assignor, by its `name()` (`group.consumer.assignors`,
/// `group.remote.assignor`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ServerAssignor {
    /// `UniformAssignor`, the first of `group.consumer.assignors` and so the default.
    Uniform,
    /// The server-side `RangeAssignor`.
    Range,
}

impl ServerAssignor {
    /// `ConsumerGroupPartitionAssignor#name`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Uniform => "uniform",
            Self::Range => "range",
        }
    }

    /// Runs this assignor (`PartitionAssignor#assign`).
    ///
    /// # Errors
    /// As [`uniform`] and [`range`].
    pub fn assign(
        self,
        spec: &GroupSpec,
        topics: &TopicsImage,
    ) -> Result<GroupAssignment, AssignorError> {
        match self {
            Self::Uniform => uniform(spec, topics),
            Self::Range => range(spec, topics),
        }
    }
}

impl fmt::Display for ServerAssignor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for ServerAssignor {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "uniform" => Ok(Self::Uniform),
            "range" => Ok(Self::Range),
            other => Err(format!(
                "unknown server assignor '{other}' (expected one of: uniform, range)"
            )),
        }
    }
}

/// What the Java assignor throws.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AssignorError {
    /// `PartitionAssignorException(message)`. `GroupMetadataManager#maybeUpdateTargetAssignment`
    /// wraps it in an `UnknownServerException` (see
    /// [`AssignorError::unknown_server_error_message`]): the heartbeat that triggered the
    /// computation fails with `UNKNOWN_SERVER_ERROR`.
    PartitionAssignor(String),
    /// Another runtime exception, for input the coordinator never builds (a current target
    /// naming a partition beyond the topic's count, say).
    Unexpected {
        /// The Java exception class, e.g. `ArrayIndexOutOfBoundsException`.
        exception: &'static str,
        /// Its message.
        message: String,
    },
}

impl AssignorError {
    /// The exception's message.
    pub fn message(&self) -> &str {
        match self {
            Self::PartitionAssignor(m) | Self::Unexpected { message: m, .. } => m,
        }
    }

    /// `GroupMetadataManager#maybeUpdateTargetAssignment`:
    /// `"Failed to compute a new target assignment for epoch %d: %s"`.
    pub fn unknown_server_error_message(&self, group_epoch: i32) -> String {
        format!(
            "Failed to compute a new target assignment for epoch {group_epoch}: {}",
            self.message()
        )
    }
}

impl fmt::Display for AssignorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::PartitionAssignor(m) => write!(f, "PartitionAssignorException: {m}"),
            Self::Unexpected { exception, message } => write!(f, "{exception}: {message}"),
        }
    }
}

impl std::error::Error for AssignorError {}

/// The topics the metadata image knows (`SubscribedTopicDescriber`, `TopicIds.TopicResolver`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopicsImage {
    by_id: VecMap<Uuid, (String, u32)>,
    by_name: VecMap<String, Uuid>,
}

impl TopicsImage {
    /// No topics.
    pub fn new() -> Self {
        Self::default()
    }

    /// With topic `id` named `name` having `partitions` partitions (replacing a topic with
    /// the same id or name).
    pub fn with_topic(mut self, id: Uuid, name: impl Into<String>, partitions: u32) -> Self {
        self.add_topic(id, name, partitions);
        self
    }

    /// Adds or replaces topic `id` (and any topic of the same name).
    pub fn add_topic(&mut self, id: Uuid, name: impl Into<String>, partitions: u32) {
        let name = name.into();
        if let Some(old) = self.by_name.insert(name.clone(), id) {
            self.by_id.remove(&old);
        }
        if let Some((old_name, _)) = self.by_id.insert(id, (name.clone(), partitions)) {
            if old_name != name {
                self.by_name.remove(&old_name);
            }
        }
    }

    /// `SubscribedTopicDescriber#numPartitions` (Java's `-1` is `None`).
    pub fn num_partitions(&self, id: Uuid) -> Option<u32> {
        self.by_id.get(&id).map(|(_, n)| *n)
    }

    /// `TopicResolver#id`.
    pub fn id_of(&self, name: &str) -> Option<Uuid> {
        self.by_name.get(name).copied()
    }

    /// `TopicResolver#name`.
    pub fn name_of(&self, id: Uuid) -> Option<&str> {
        self.by_id.get(&id).map(|(n, _)| n.as_str())
    }

    /// The topics by id: (name, partition count).
    pub fn topics(&self) -> &VecMap<Uuid, (String, u32)> {
        &self.by_id
    }
}

/// A member's assignment, topic id to partitions, in the iteration order of the Java map and
/// sets that hold it.
///
/// For an assignor's result this is also the order of the coordinator's
/// `ConsumerGroupTargetAssignmentMemberValue` record (`newConsumerGroupTargetAssignmentRecord`
/// iterates the map). Comparing with `==` compares orders too; [`Self::same_partitions`] is
/// Java's `Assignment#equals`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemberAssignment {
    topics: Vec<(Uuid, Vec<u32>)>,
}

impl MemberAssignment {
    /// No partitions (`Assignment.EMPTY`).
    pub fn empty() -> Self {
        Self::default()
    }

    /// An assignment iterated in exactly this order (a `LinkedHashMap`, as
    /// `mkOrderedAssignment` builds in Kafka's tests, or a previous result). A repeated topic
    /// replaces the earlier one's partitions in its place, a repeated partition counts once,
    /// as a map and a set would have them.
    pub fn in_order(topics: impl IntoIterator<Item = (Uuid, Vec<u32>)>) -> Self {
        let mut out: Vec<(Uuid, Vec<u32>)> = Vec::new();
        for (t, parts) in topics {
            let mut distinct: Vec<u32> = Vec::with_capacity(parts.len());
            for p in parts {
                if !distinct.contains(&p) {
                    distinct.push(p);
                }
            }
            match out.iter_mut().find(|(x, _)| *x == t) {
                Some(entry) => entry.1 = distinct,
                None => out.push((t, distinct)),
            }
        }
        Self { topics: out }
    }

    /// `Assignment#fromRecord`: the map the coordinator rebuilds from a target-assignment
    /// record listing these topic-partitions (`Collectors.toMap` into a `HashMap`, each
    /// partition list into `new HashSet<>(list)`), in that map's iteration order. Kafka's
    /// test helper `mkAssignment(mkTopicAssignment(..), ..)` builds the same.
    pub fn from_record(topics: impl IntoIterator<Item = (Uuid, Vec<u32>)>) -> Self {
        let mut map: JHashMap<Uuid, JHashSet<u32>> = JHashMap::new();
        for (t, parts) in topics {
            let set = JHashSet::copy_of(parts.len(), parts);
            // uniqKeysMapAccumulator: putIfAbsent (a duplicate key throws in Java).
            if !map.contains_key(&t) {
                map.put(t, set);
            }
        }
        Self::of_map(&map)
    }

    /// The order a Java map of sets iterates in.
    pub(crate) fn of_map(map: &JHashMap<Uuid, JHashSet<u32>>) -> Self {
        Self {
            topics: map
                .iter()
                .map(|(t, set)| (*t, set.iter().copied().collect()))
                .collect(),
        }
    }

    /// Topic ids and their partitions, in iteration order.
    pub fn topics(&self) -> &[(Uuid, Vec<u32>)] {
        &self.topics
    }

    /// Topic id to ascending partitions (topics with no partition left out).
    pub fn sorted(&self) -> VecMap<Uuid, Vec<u32>> {
        let mut out = VecMap::new();
        for (t, parts) in &self.topics {
            if parts.is_empty() {
                continue;
            }
            let mut parts = parts.clone();
            parts.sort_unstable();
            out.insert(*t, parts);
        }
        out
    }

    /// Total number of partitions.
    pub fn partition_count(&self) -> usize {
        self.topics.iter().map(|(_, p)| p.len()).sum()
    }

    /// Whether there is no partition.
    pub fn is_empty(&self) -> bool {
        self.partition_count() == 0
    }

    /// Whether `topic`-`partition` is in it.
    pub fn contains(&self, topic: Uuid, partition: u32) -> bool {
        self.topics
            .iter()
            .any(|(t, parts)| *t == topic && parts.contains(&partition))
    }

    /// `Assignment#equals`: the same topics with the same partition sets, in any order.
    pub fn same_partitions(&self, other: &MemberAssignment) -> bool {
        let as_sets = |a: &MemberAssignment| -> VecMap<Uuid, VecSet<u32>> {
            crate::sort::map_of(
                a.topics
                    .iter()
                    .map(|(t, ps)| (*t, crate::sort::set_of(ps.iter().copied()))),
            )
        };
        as_sets(self) == as_sets(other)
    }
}

/// One member as the assignor sees it (`MemberSubscriptionAndAssignmentImpl`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberSpec {
    /// The member id.
    pub member_id: String,
    /// `group.instance.id` of a static member.
    pub instance_id: Option<String>,
    /// `subscribedTopicIds()`, in its iteration order (topics that do not exist are not in
    /// it when built from names).
    pub subscribed_topic_ids: Vec<Uuid>,
    /// `subscribedTopicIds().size()`. Kafka's `TopicIds` view counts the subscribed topic
    /// *names*, including those that do not exist, and `new HashSet<>(TopicIds)` sizes its
    /// table by it.
    pub subscribed_topic_count: usize,
    /// `partitions()`: the member's current target assignment.
    pub assignment: MemberAssignment,
}

impl MemberSpec {
    /// A dynamic member subscribed to these topic ids (iterated in this order, as a `Set.of`
    /// or a `TopicIds` would be), with no current assignment.
    pub fn new(member_id: impl Into<String>, topic_ids: impl IntoIterator<Item = Uuid>) -> Self {
        let mut ids: Vec<Uuid> = Vec::new();
        for t in topic_ids {
            if !ids.contains(&t) {
                ids.push(t);
            }
        }
        Self {
            member_id: member_id.into(),
            instance_id: None,
            subscribed_topic_count: ids.len(),
            subscribed_topic_ids: ids,
            assignment: MemberAssignment::empty(),
        }
    }

    /// A member subscribed by name, as `ConsumerTargetAssignmentBuilder` makes it:
    /// `ConsumerGroupMember#subscribedTopicNames` is `new HashSet<>(the heartbeat's list)`, and
    /// `new TopicIds(names, resolver)` iterates it, resolving each name and skipping those the
    /// image does not know, while `size()` counts every name.
    pub fn subscribed_to_names<S: AsRef<str>>(
        member_id: impl Into<String>,
        names: &[S],
        topics: &TopicsImage,
    ) -> Self {
        let set = JHashSet::copy_of(names.len(), names.iter().map(|n| n.as_ref().to_string()));
        let ids: Vec<Uuid> = set.iter().filter_map(|n| topics.id_of(n)).collect();
        Self {
            member_id: member_id.into(),
            instance_id: None,
            subscribed_topic_ids: ids,
            subscribed_topic_count: set.len(),
            assignment: MemberAssignment::empty(),
        }
    }

    /// With a `group.instance.id`.
    pub fn with_instance_id(mut self, instance_id: impl Into<String>) -> Self {
        self.instance_id = Some(instance_id.into());
        self
    }

    /// With this current target assignment.
    pub fn with_assignment(mut self, assignment: MemberAssignment) -> Self {
        self.assignment = assignment;
        self
    }

    /// Whether `subscribedTopicIds().contains(topic)`.
    pub(crate) fn subscribes(&self, topic: Uuid) -> bool {
        self.subscribed_topic_ids.contains(&topic)
    }
}

/// The assignor's input (`GroupSpecImpl`): the members in `memberIds()` order, the
/// subscription type, and which partitions some member's current target holds
/// (`invertedMemberAssignment`, derived from the members' assignments).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupSpec {
    members: Vec<MemberSpec>,
    subscription_type: SubscriptionType,
    assigned: VecSet<(Uuid, u32)>,
}

impl GroupSpec {
    /// As `TargetAssignmentBuilder#build` makes it: `memberSpecs` is a `new HashMap<>()` into
    /// which members are put in the order given (a repeated id replaces the earlier spec in
    /// its place), and the assignors iterate its key set, in `HashMap` order of the ids.
    pub fn new(
        members_in_insertion_order: Vec<MemberSpec>,
        subscription_type: SubscriptionType,
    ) -> Self {
        let mut positions: JHashMap<String, usize> = JHashMap::new();
        let mut slots: Vec<Option<MemberSpec>> = Vec::new();
        for spec in members_in_insertion_order {
            match positions.get(&spec.member_id) {
                Some(&i) => slots[i] = Some(spec),
                None => {
                    positions.put(spec.member_id.clone(), slots.len());
                    slots.push(Some(spec));
                }
            }
        }
        let order: Vec<usize> = positions.iter().map(|(_, &i)| i).collect();
        let members = order.into_iter().filter_map(|i| slots[i].take()).collect();
        Self::in_iteration_order(members, subscription_type)
    }

    /// Members iterated in exactly this order, as Kafka's unit tests give them (a `TreeMap`
    /// or `LinkedHashMap`). Later duplicates of a member id are dropped.
    pub fn in_iteration_order(
        members: Vec<MemberSpec>,
        subscription_type: SubscriptionType,
    ) -> Self {
        let mut seen: VecSet<String> = VecSet::new();
        let members: Vec<MemberSpec> = members
            .into_iter()
            .filter(|m| seen.insert(m.member_id.clone()))
            .collect();
        // AssignmentTestUtil#invertedTargetAssignment / ModernGroup#invertedTargetAssignment.
        let mut assigned = VecSet::new();
        for m in &members {
            for (t, parts) in m.assignment.topics() {
                for &p in parts {
                    assigned.insert((*t, p));
                }
            }
        }
        Self {
            members,
            subscription_type,
            assigned,
        }
    }

    /// The members in `memberIds()` order.
    pub fn members(&self) -> &[MemberSpec] {
        &self.members
    }

    /// `subscriptionType()`.
    pub fn subscription_type(&self) -> SubscriptionType {
        self.subscription_type
    }

    /// `GroupSpecImpl#isPartitionAssigned`.
    pub fn is_partition_assigned(&self, topic: Uuid, partition: u32) -> bool {
        self.assigned.contains(&(topic, partition))
    }
}

/// An assignor's result (`GroupAssignment`): member id to its new assignment, in the
/// iteration order of the map the assignor built (the order its target-assignment record
/// would list).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupAssignment {
    members: VecMap<String, MemberAssignment>,
    reused: VecSet<String>,
}

impl GroupAssignment {
    /// The members the assignor returned an assignment for (Java's `members()`: possibly
    /// none, e.g. when nobody subscribes to an existing topic).
    pub fn members(&self) -> &VecMap<String, MemberAssignment> {
        &self.members
    }

    /// One member's assignment.
    pub fn get(&self, member_id: &str) -> Option<&MemberAssignment> {
        self.members.get(member_id)
    }

    /// Member id to topic id to ascending partitions.
    pub fn sorted(&self) -> VecMap<String, VecMap<Uuid, Vec<u32>>> {
        self.members
            .iter()
            .map(|(m, a)| (m.clone(), a.sorted()))
            .collect()
    }

    /// Whether the assignor handed back the member's input map itself, unchanged
    /// (`assertSame` in `CommonAssignorTests#testAssignmentReuse`).
    pub fn reuses_input(&self, member_id: &str) -> bool {
        self.reused.contains(member_id)
    }

    pub(crate) fn insert(&mut self, member_id: &str, assignment: MemberAssignment, reused: bool) {
        self.members.insert(member_id.to_string(), assignment);
        if reused {
            self.reused.insert(member_id.to_string());
        } else {
            self.reused.remove(member_id);
        }
    }
}

/// A member's target while an assignor works on it: the immutable map it came with, or a
/// mutable copy (`AssignorHelpers#isImmutableMap`, `#deepCopyAssignment`).
pub(crate) enum Target<'a> {
    Input(&'a MemberAssignment),
    Copy(JHashMap<Uuid, JHashSet<u32>>),
}

impl Target<'_> {
    /// The map to change, deep-copying the input first (`AssignorHelpers#deepCopyAssignment`:
    /// `new HashMap<>(map.size())`, each set `new HashSet<>(set)`, in iteration order).
    pub(crate) fn make_mut(&mut self) -> &mut JHashMap<Uuid, JHashSet<u32>> {
        if let Target::Input(input) = self {
            let topics = input.topics();
            let mut copy = JHashMap::with_capacity(topics.len() as i64);
            for (t, parts) in topics {
                copy.put(*t, JHashSet::copy_of(parts.len(), parts.iter().copied()));
            }
            *self = Target::Copy(copy);
        }
        match self {
            Target::Copy(map) => map,
            Target::Input(_) => unreachable!("just replaced by a copy"),
        }
    }

    /// The assignment in its iteration order, and whether it is the input itself.
    pub(crate) fn finish(&self) -> (MemberAssignment, bool) {
        match self {
            Target::Input(input) => ((*input).clone(), true),
            Target::Copy(map) => (MemberAssignment::of_map(map), false),
        }
    }
}

/// `UniformAssignor#assign`: no members gives no assignment; a HOMOGENEOUS group goes to
/// `UniformHomogeneousAssignmentBuilder`, any other to `UniformHeterogeneousAssignmentBuilder`.
///
/// # Errors
/// [`AssignorError::PartitionAssignor`] where Java throws `PartitionAssignorException`: a
/// subscribed topic id the image does not know ("Members are subscribed to topic `<id>` which
/// doesn't exist in the topic metadata."), or, homogeneous only, "Partitions were left
/// unassigned" (some partition found no member with room: only reachable when current
/// targets overlap or name partitions beyond the topic's count). A partition beyond the
/// count in a heterogeneous group's targets is the `ArrayIndexOutOfBoundsException` Java
/// would hit.
pub fn uniform(spec: &GroupSpec, topics: &TopicsImage) -> Result<GroupAssignment, AssignorError> {
    if spec.members().is_empty() {
        return Ok(GroupAssignment::default());
    }
    match spec.subscription_type() {
        SubscriptionType::Homogeneous => uniform_homogeneous::build(spec, topics),
        SubscriptionType::Heterogeneous => uniform_heterogeneous::build(spec, topics),
    }
}

/// `RangeAssignor#assign` (server side): members sorted (static ones first by instance id,
/// then the others by member id, `String#compareTo`), each topic's partitions cut into
/// contiguous ranges over its subscribers, the first `partitions % subscribers` of them one
/// larger. It ignores current assignments; every member gets an entry.
///
/// # Errors
/// [`AssignorError::PartitionAssignor`] ("Member is subscribed to a non-existent topic")
/// for a subscribed topic id the image does not know.
pub fn range(spec: &GroupSpec, topics: &TopicsImage) -> Result<GroupAssignment, AssignorError> {
    if spec.members().is_empty() {
        return Ok(GroupAssignment::default());
    }
    range::assign(spec, topics)
}
