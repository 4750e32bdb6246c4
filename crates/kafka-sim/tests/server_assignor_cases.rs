//! The server-side assignors (`kafka_sim::assignor::server`) against Kafka.
//!
//! 1. Golden transcripts: seeded scenarios of joins, leaves, resubscriptions, heartbeats and
//!    partition changes, run through the real group coordinator of Kafka 4.4.0 by
//!    `src/assignor/server/golden/ServerAssignorVectors.java` (which documents how to rerun
//!    it) and here through `compute_target_assignment`; the transcripts (records written, in
//!    order, with their topic-partitions in record order) must hash the same.
//! 2. Ports of Kafka's `UniformHomogeneousAssignmentBuilderTest`,
//!    `UniformHeterogeneousAssignmentBuilderTest`, `RangeAssignorTest` and
//!    `CommonAssignorTests` (`group-coordinator/src/test/java/org/apache/kafka/coordinator/group/assignor/`,
//!    4.3.1 test sources from Maven Central), named after the Java tests. Kafka's tests give
//!    members in a `TreeMap` (so in id order) and build current assignments with
//!    `mkAssignment` (a `HashMap`, as a replayed record) or `mkOrderedAssignment` (a
//!    `LinkedHashMap`); rack variants are dropped (the 4.x assignors ignore racks).
//! 3. The worked examples of the KIP-848 rule book (§7, Ex 1–6).
//! 4. Properties: every subscribed partition assigned exactly once, balance, stickiness,
//!    determinism.

use kafka_sim::collections::{VecMap, VecSet};

use kafka_sim::assignor::server::{
    compute_target_assignment, member_id_from_seed, range, subscription_type, uniform,
    AssignorError, ConsumerMember, GroupAssignment, GroupSpec, MemberAssignment, MemberSpec,
    ServerAssignor, SubscriptionType, TimelineOrder, TopicsImage, Uuid,
};
use kafka_sim::rng::SplitMix64;
use proptest::prelude::*;

use SubscriptionType::{Heterogeneous, Homogeneous};

// ------------------------------------------------------------------ helpers

fn id(s: &str) -> Uuid {
    s.parse().expect("a Kafka Uuid string")
}

/// `mkAssignment(mkTopicAssignment(t, ps..), ..)`: a `HashMap` of `HashSet`s.
fn mk_assignment(topics: &[(Uuid, &[u32])]) -> MemberAssignment {
    MemberAssignment::from_record(topics.iter().map(|(t, ps)| (*t, ps.to_vec())))
}

/// `mkOrderedAssignment(mkTopicAssignment(t, ps..), ..)`: a `LinkedHashMap` of `HashSet`s.
fn mk_ordered_assignment(topics: &[(Uuid, &[u32])]) -> MemberAssignment {
    MemberAssignment::in_order(topics.iter().map(|(t, ps)| {
        let set_order = MemberAssignment::from_record([(*t, ps.to_vec())]);
        (*t, set_order.topics()[0].1.clone())
    }))
}

fn member(name: &str, topics: &[Uuid]) -> MemberSpec {
    MemberSpec::new(name, topics.iter().copied())
}

fn member_with(name: &str, topics: &[Uuid], assignment: MemberAssignment) -> MemberSpec {
    member(name, topics).with_assignment(assignment)
}

/// Members in a `TreeMap`: id order.
fn tree_map(mut members: Vec<MemberSpec>, subscription_type: SubscriptionType) -> GroupSpec {
    members.sort_by(|a, b| a.member_id.cmp(&b.member_id));
    GroupSpec::in_iteration_order(members, subscription_type)
}

/// `assertAssignment`: exactly these members, each with exactly these partitions.
/// Member id to (topic, partitions) pairs.
type Expected<'a> = [(&'a str, &'a [(Uuid, &'a [u32])])];

fn assert_assignment(computed: &GroupAssignment, expected: &Expected<'_>) {
    let want: VecMap<String, VecMap<Uuid, Vec<u32>>> = expected
        .iter()
        .map(|(m, topics)| {
            let per_topic = topics
                .iter()
                .map(|(t, ps)| {
                    let mut ps = ps.to_vec();
                    ps.sort_unstable();
                    (*t, ps)
                })
                .collect();
            (m.to_string(), per_topic)
        })
        .collect();
    assert_eq!(computed.sorted(), want);
}

fn topic_ids(seed: u64, n: usize) -> Vec<Uuid> {
    (0..n)
        .map(|i| Uuid::from_seed(seed * 1000 + i as u64))
        .collect()
}

/// `checkValidityAndBalance` of UniformHomogeneousAssignmentBuilderTest: members only get
/// subscribed topics, no partition twice, sizes within one.
fn check_validity_and_balance(spec: &GroupSpec, computed: &GroupAssignment) {
    let mut seen = VecSet::new();
    let mut sizes = Vec::new();
    for (m, a) in computed.members() {
        let member = spec.members().iter().find(|s| &s.member_id == m).unwrap();
        for (t, ps) in a.topics() {
            assert!(
                member.subscribed_topic_ids.contains(t),
                "{m} got unsubscribed {t}"
            );
            for p in ps {
                assert!(seen.insert((*t, *p)), "{t}-{p} assigned twice");
            }
        }
        sizes.push(a.partition_count());
    }
    let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
    assert!(max - min <= 1, "unbalanced: {sizes:?}");
}

// ------------------------------------------------------------------ golden transcripts

/// The hashes `ServerAssignorVectors.java` printed (Kafka 4.4.0, OpenJDK 17.0.15).
const JAVA_TRANSCRIPT_HASHES: [u64; 300] = [
    0xa068ecf7fa0e873e,
    0x0541f8b08c939a1b,
    0x38be5df7598890df,
    0xd82a860b20c67afe,
    0x8181488c4d1feb37,
    0xb3c13e54dfe0ac46,
    0x463821c4ae9fc952,
    0x1c50771553761ee3,
    0x2efca532b366cf83,
    0xa4cfe94696a54865,
    0x32fd64bf93402845,
    0xd6a4af183e35509d,
    0x4ee09e3ced2a589c,
    0x7c270fdfda4b3859,
    0x1608f0189f87251e,
    0x5e167ee58a98e724,
    0x4081776754bbed17,
    0x43ee70a1918c52a6,
    0x8356d8dd92b39778,
    0x0593a7b4253cf134,
    0xf2aa19331847a31d,
    0x90ef9965bfd51a52,
    0x0e5ae894a1896406,
    0x6e24d5d4d9d90c30,
    0xbc2a1e1dff053e7a,
    0xaf3f61abd7d93381,
    0x785d70af9e198389,
    0xc0cdb627b1ff070b,
    0xacafc6ea8a179dc2,
    0x0265dcd32e0e4855,
    0x291f7c0aeec4c128,
    0x932a9317ab7ffab2,
    0x286e5c5312ff1fe1,
    0xa9ddd91c96cf70f6,
    0x1122d38ed583a2df,
    0x4a9eea27b46d7d5a,
    0x1ab852723ef945a1,
    0xda34992d011c3058,
    0xbc6489ae9f92b021,
    0xf8734fa8c21b3cf5,
    0x3d5e8e171607a6fc,
    0x83cef217dcaf9c54,
    0x50fed84f8a85ca55,
    0x19947c115ac79e21,
    0xa85fd9f32c6f0ec6,
    0x6f2bafe5d5e0582d,
    0x222471956201bfab,
    0x619d326b38960f84,
    0x420016eb21aa82aa,
    0x0186cadd78b5988b,
    0x5d05c4a125658780,
    0x2e3d2449dc00d2e8,
    0x365582a7ec569fc0,
    0xe483cf095e19a5e1,
    0x7bbc52f215fe9a71,
    0x6b66dc497fcf0085,
    0x0e93dde6b51121af,
    0xe67ee2199d914261,
    0x96a754225aba4f43,
    0x38a035d594cd465f,
    0xe695e22e1d67ee7a,
    0x3595f2347e516c39,
    0x7625298bffe4131c,
    0x5b60b54f55d9959a,
    0xc5ff7e22df0e1070,
    0x384f935868b295c5,
    0x6ad9fea15bd1d064,
    0x73e4198c9c02f23c,
    0x0f18e2b22a219726,
    0xb12f643882f66d69,
    0x4edc93bd0b61e5a1,
    0x5ca09e1e92978b6f,
    0xc73ab44ff501c0b5,
    0xc12fd26b0232a974,
    0xaf416f2d4b2a033c,
    0x44b05191fc3ef480,
    0x9518198c9aba10fb,
    0xb6bc2f8be83f72e9,
    0xf9720963bca5c440,
    0xf11a6cfb17d50279,
    0x5943cb91a92d6790,
    0x21a71a704f017dde,
    0xfba2a34ad119e4f0,
    0xa52ca433d6d15f00,
    0x4f17321add2cf710,
    0x3dea43cc5fef09e6,
    0x558264a877fa6fbf,
    0x0da9233fe670588c,
    0xf9463a31c65b2fa6,
    0xa56359c555bd2aec,
    0x83e0bd7c5d937fa7,
    0xb93e9174c5a8af4c,
    0xc10aaa874dcd3a86,
    0xac125c9cdf01e01a,
    0x92bf152ef73a1402,
    0x74e546573a2d520b,
    0x1ac3da03c0ef6d8e,
    0xefde8f75b4b8984c,
    0xa17af0bdb0a4648e,
    0xb9dc1bd1f2e10d59,
    0xc744ce55fac264c3,
    0x24c1b0b7eefe78ae,
    0xaebe22ff3d41cadd,
    0x5e3ee40bffe80770,
    0x330d8555eec6ca4e,
    0xe4dd0a30ca5fd5b8,
    0x5dea84ba91fd20d3,
    0x27af9e9cad8d2aff,
    0xbeab5eb13e6a594e,
    0xeb303d00dc0c7d11,
    0xca7a8f0e8fb9248c,
    0xa013ce8fc47b88ae,
    0xa09c2bc86494c152,
    0x4c2b60982a74e532,
    0x7f86aee6981869ad,
    0x663ce841c0234131,
    0xd13235c2b406d535,
    0x09576bd6aca650ed,
    0x00fc52fdee4e2459,
    0x45be778c29f2dd9d,
    0x97276950b7613690,
    0x14f0ba54ea53503c,
    0x566f2fc50255286c,
    0x5eb061d59eeb1746,
    0x7cedf52e8fcd30cc,
    0x82cd2fefc3f6d118,
    0x529978efd0704825,
    0x11211b332187f023,
    0x217f274cac70864d,
    0x90a35a490ffe9419,
    0xbad9e4408e817c53,
    0x21778ad8a6b2363d,
    0x5da168a67a9c5b98,
    0x274f8d979b241b95,
    0x4db8c53f785c2056,
    0x76168360808cb132,
    0x010179edf9d20db4,
    0xb7fd7b6a85470324,
    0x7d2e2d3b01c5eb14,
    0x59c031b3013c6520,
    0xabf87587f65c8a71,
    0xdf927c5dbd6aa75d,
    0x4c0b67bcc41a147e,
    0x77541807d498a1bc,
    0xb66497e7b003f042,
    0x2a3cd9b500e1c452,
    0x159dfd3c75914758,
    0xd7fd396353acad23,
    0x2b129cdca3763c30,
    0x8e5262a40397081e,
    0xc783c001704682a5,
    0xcf80c482c6856e9b,
    0x2e33d102a1a3c210,
    0x5e522691662491a1,
    0x8f7478a6607eb4c7,
    0xd303a5d8d40df126,
    0x98907e497ba9875e,
    0xe1fcb0423eb2f442,
    0xdf38910261c0d86f,
    0x7892f2754e5ae898,
    0xeecdfbb9dcb0813b,
    0xa81ea2fbe42d015b,
    0x892a7f5369ffe7b9,
    0xb632e9ef7196b19a,
    0x1dfc96bd8f78f678,
    0xac95b1f405188855,
    0x0beeb8e029d7248d,
    0x69e4f578c0311e5c,
    0x5f7fcfd927240f78,
    0xd3f243b0726d5709,
    0x426b52e3c0cebabe,
    0xa6d425cac65f65ad,
    0xe5292289caf18ef7,
    0x83d0430a40ddec33,
    0x7aa72575f351c9c2,
    0x76dd5555e6a135c1,
    0x9ed722c2cf9d8b65,
    0x971ca224d8d2e8b8,
    0xd1be4b1949f212d3,
    0xbf4761fd9f972419,
    0x15c39bd148eafe0b,
    0x3807596e5726ebeb,
    0x7d9fdcd2fbf62b2e,
    0x088b36b316dd4ec4,
    0x5679d1407f2c1cd4,
    0x41e015ce19402f5e,
    0x59ed3d1b26c641da,
    0x0ce890f4aec1c21f,
    0x13bab531edf7f443,
    0x86c742880d0e7c5e,
    0x585d8edcbfa29386,
    0x3bb6a84afd9ac0f6,
    0x14070729f6dde7e3,
    0x647f38183d7ca62d,
    0x0106f5562cd37c02,
    0xa1ca2b3743a70225,
    0xbfe87df4fc101157,
    0xe75bf93ac22a1696,
    0x4eea8033194a7c39,
    0x6ecc8b8eb5f159a7,
    0x41763f8c7ab22468,
    0xbd9397af4aecbe23,
    0xac02f36aca6828bd,
    0xcb86c4b5844dbd0e,
    0x306c35faa9716a50,
    0xe94b69fbe08bb14d,
    0x2c9e8cbeac7a71ec,
    0xd0c571f875d4c979,
    0x4ef69c4c78f1f466,
    0xc988a1fa5ede8ef1,
    0x289c17b8c7cceeb2,
    0xc859558c654c0a39,
    0x5bb4e7bfcc4e5543,
    0x116a36d34e5167c1,
    0xa2d1d9466b285f17,
    0xe85e0a3b46a64113,
    0x117c108d5ead9781,
    0x05ba50cdef56a3c4,
    0x2c798049c09813d4,
    0x9b237dd906b92757,
    0x45b34ec3096325f3,
    0x56b92ed501f55cd8,
    0x00728ce1e0475943,
    0xdfb3206de61119f5,
    0xe487e3724b421e6b,
    0xf384a67a01bd3c0c,
    0x387248734be615ec,
    0xe1a3b061d280ae28,
    0xd35ca657d7c0492c,
    0x81d3e914675e6776,
    0xbda5b3491b0bd603,
    0x5bffb4a5cf25d4c4,
    0x6edd21e175060a55,
    0xcf9319e29b339e92,
    0x17216334bde64ad5,
    0xfd4f5b2bf19bd6e1,
    0x913de205f58511be,
    0xbdaa4da3ae523c0d,
    0x05a07cddcafe8ccd,
    0x4db368bb964ee71d,
    0x0d73d43239b8f5ca,
    0x6b02a7510417a77f,
    0x2c028ce3d93c3826,
    0x18a88ae3d38c462b,
    0xf70cad260f7e6b35,
    0x6aebc4e18b261432,
    0xc6977c37d6ad8acf,
    0xb4905b15bb0cd53d,
    0xdf68c798f915e5df,
    0xce01836489fc2fc2,
    0x74ee20154fb56f11,
    0x1522c66eb957f1de,
    0x82be1cf3ece265ef,
    0x68b44f085cbf8712,
    0x22eaaaa77c286574,
    0xad52e33baaa25819,
    0xcc1cb6684847e98e,
    0x9e6e03e6e8528816,
    0xff673945d9ecffbb,
    0x49f955992b758837,
    0x649b5f16399d5058,
    0x44ef7e11f8aa57a5,
    0x2ddcb02b238ebfe0,
    0x690366f75b4b9ae4,
    0x6697fb8d6f1b64ad,
    0x8a2ed967d7fba344,
    0x7e55bd28b5f187d8,
    0x91cc24c395c87680,
    0xd545385ada5a0c83,
    0x46b0102d7efcea4f,
    0x79b11ba2e9590997,
    0x1a78542cb234ef98,
    0x3f31c1230876ae7b,
    0xc519d7b88de83ac8,
    0xe62934d43233e1de,
    0x85431e1945ed9476,
    0xc39feed7f5b29460,
    0x8d053357c2e0dd4e,
    0x7e9ce338e349d5f0,
    0x492832746b37c04a,
    0x3a84e398520dd26b,
    0xcbec21d8a6868c87,
    0x57c7e3db2f33cf7c,
    0xf08baf1bdb2006c2,
    0x89d19fae1c6d662d,
    0xd03a2512f916e874,
    0x1c735d16459f7562,
    0x200e3ade8c8bbc81,
    0xf9f99ae3a327688f,
    0xe1ac4f4aaf9a87b3,
    0xd8167d7189fa9526,
    0x6b61c2f27eac5f6b,
    0x39b1a0e2e74ff6b6,
    0xe31ca7a36d9e3e04,
    0x0b2c91ed29b838b0,
    0x06b442c41727d2f9,
    0x8418ecccc87749b5,
    0xd803905deab17965,
    0xec232e0530cbc0ec,
    0x282ea9b889b52a9d,
];

fn fnv1a(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The scenario generator and transcript of `ServerAssignorVectors.Scenario`, step for step.
struct Scenario {
    rng: SplitMix64,
    out: String,
    topics: Vec<(Uuid, String, u32)>,
    big: bool,
    homogeneous_kind: bool,
    range: bool,
    crowd: bool,
    many: bool,
    /// join, leave, subscribe, heartbeat, partitions (else create a topic).
    thresholds: [usize; 5],
    common: Vec<String>,
    timeline: TimelineOrder,
    members: VecMap<String, ConsumerMember>,
    live: Vec<usize>,
    ids: Vec<String>,
    index: VecMap<String, usize>,
}

impl Scenario {
    fn new(s: u64) -> Self {
        let range = s % 3 == 2;
        Self {
            rng: SplitMix64::new(0x5EED_0000 + s),
            out: format!(
                "scenario {s} assignor={}\n",
                if range { "range" } else { "uniform" }
            ),
            topics: Vec::new(),
            big: s & 3 == 0,
            homogeneous_kind: s & 1 == 0,
            range,
            crowd: s % 5 == 1,
            many: s % 7 == 3,
            thresholds: if s % 5 == 1 {
                [50, 58, 66, 88, 95]
            } else {
                [35, 48, 60, 85, 94]
            },
            common: Vec::new(),
            timeline: TimelineOrder::new(),
            members: VecMap::new(),
            live: Vec::new(),
            ids: Vec::new(),
            index: VecMap::new(),
        }
    }

    fn below(&mut self, n: usize) -> usize {
        (self.rng.next_u64() % n as u64) as usize
    }

    fn create_topic(&mut self) {
        let ti = self.topics.len();
        let id = Uuid::random(&mut self.rng);
        let partitions = 1 + self.below(if self.big { 40 } else { 12 }) as u32;
        self.topics.push((id, format!("t{ti}"), partitions));
        self.out
            .push_str(&format!("topic t{ti} {id} {partitions}\n"));
    }

    fn shuffle(&mut self, list: &mut [String]) {
        for i in (1..list.len()).rev() {
            let j = self.below(i + 1);
            list.swap(i, j);
        }
    }

    fn pick_subset(&mut self) -> Vec<String> {
        let mut list = Vec::new();
        for i in 0..self.topics.len() {
            if self.below(2) == 0 {
                list.push(format!("t{i}"));
            }
        }
        if list.is_empty() {
            let i = self.below(self.topics.len());
            list.push(format!("t{i}"));
        }
        if self.below(8) == 0 {
            list.push("ghost".to_string());
        }
        self.shuffle(&mut list);
        list
    }

    fn pick_subs(&mut self) -> Vec<String> {
        if self.homogeneous_kind && self.below(5) != 0 {
            let mut list = self.common.clone();
            self.shuffle(&mut list);
            return list;
        }
        self.pick_subset()
    }

    fn run(&mut self) -> String {
        let initial = if self.many {
            10 + self.below(6)
        } else {
            1 + self.below(4)
        };
        let max_topics = if self.many { 16 } else { 6 };
        for _ in 0..initial {
            self.create_topic();
        }
        self.common = self.pick_subset();
        let ops = if self.crowd {
            30 + self.below(30)
        } else {
            6 + self.below(12)
        };
        for k in 0..ops {
            let r = self.below(100);
            if self.live.is_empty() || r < self.thresholds[0] {
                let mi = self.ids.len();
                let id = if self.below(8) == 0 {
                    format!("m{mi}")
                } else {
                    Uuid::random(&mut self.rng).to_string()
                };
                let instance = (self.range && self.below(3) == 0).then(|| format!("i{mi}"));
                let subs = self.pick_subs();
                self.ids.push(id.clone());
                self.index.insert(id.clone(), mi);
                self.live.push(mi);
                self.out.push_str(&format!(
                    "op {k} join m{mi} {id} instance={} subs={}\n",
                    instance.as_deref().unwrap_or("-"),
                    subs.join(",")
                ));
                let mut m = ConsumerMember::new(id, subs);
                m.instance_id = instance;
                self.compute(m);
            } else if r < self.thresholds[1] {
                let at = self.below(self.live.len());
                let mi = self.live.remove(at);
                let id = self.ids[mi].clone();
                self.out.push_str(&format!("op {k} leave m{mi}\n"));
                self.timeline.remove(&id);
                self.members.remove(&id);
            } else if r < self.thresholds[2] {
                let at = self.below(self.live.len());
                let mi = self.live[at];
                if self.homogeneous_kind && self.below(4) == 0 {
                    self.common = self.pick_subset();
                }
                let subs = self.pick_subs();
                self.out
                    .push_str(&format!("op {k} subscribe m{mi} subs={}\n", subs.join(",")));
                let mut m = self.members[&self.ids[mi]].clone();
                m.subscribed_topic_names = subs;
                self.compute(m);
            } else if r < self.thresholds[3] {
                let at = self.below(self.live.len());
                let mi = self.live[at];
                self.out.push_str(&format!("op {k} heartbeat m{mi}\n"));
                let m = self.members[&self.ids[mi]].clone();
                self.compute(m);
            } else if r < self.thresholds[4] || self.topics.len() >= max_topics {
                let ti = self.below(self.topics.len());
                let add = 1 + self.below(8) as u32;
                self.topics[ti].2 += add;
                let count = self.topics[ti].2;
                self.out
                    .push_str(&format!("op {k} partitions t{ti} {count}\n"));
            } else {
                self.out.push_str(&format!("op {k} create\n"));
                self.create_topic();
            }
        }
        self.out.clone()
    }

    /// The members in `memberSpecs` insertion order: the group's members in
    /// `TimelineHashMap` order (the heartbeating one updated in place), then a new one.
    fn compute(&mut self, updated: ConsumerMember) {
        let mut order: Vec<ConsumerMember> = self
            .timeline
            .iter()
            .map(|id| {
                if id == updated.member_id {
                    updated.clone()
                } else {
                    self.members[id].clone()
                }
            })
            .collect();
        if !self.timeline.contains(&updated.member_id) {
            order.push(updated.clone());
        }
        let mut image = TopicsImage::new();
        for (id, name, n) in &self.topics {
            image.add_topic(*id, name.clone(), *n);
        }
        let assignor = if self.range {
            ServerAssignor::Range
        } else {
            ServerAssignor::Uniform
        };
        let result = compute_target_assignment(assignor, &order, &image).expect("no error");
        let refs: Vec<String> = result
            .records
            .iter()
            .map(|m| format!("m{}", self.index[m]))
            .collect();
        self.out.push_str(&format!(
            "compute {} records={}\n",
            match result.subscription_type {
                Homogeneous => "H",
                Heterogeneous => "X",
            },
            refs.join(",")
        ));
        for m in &result.records {
            let target = &result.targets[m];
            self.out.push_str(&format!("  m{}", self.index[m]));
            if target.topics().is_empty() {
                self.out.push_str(" -");
            }
            for (t, ps) in target.topics() {
                let ti = self.topics.iter().position(|(x, _, _)| x == t).unwrap();
                let ps: Vec<String> = ps.iter().map(u32::to_string).collect();
                self.out.push_str(&format!(" t{ti}:{}", ps.join(",")));
            }
            self.out.push('\n');
        }
        let mut updated = updated;
        for (m, target) in &result.targets {
            if !result.records.contains(m) {
                continue;
            }
            if *m == updated.member_id {
                updated.target = Some(target.clone());
            } else if let Some(member) = self.members.get_mut(m) {
                member.target = Some(target.clone());
            }
        }
        self.timeline.put(&updated.member_id);
        self.members.insert(updated.member_id.clone(), updated);
    }
}

#[test]
fn target_assignments_match_kafkas_group_coordinator_in_every_golden_scenario() {
    let mut mismatches = Vec::new();
    for (s, &want) in JAVA_TRANSCRIPT_HASHES.iter().enumerate() {
        let text = Scenario::new(s as u64).run();
        if fnv1a(&text) != want {
            mismatches.push(s);
            if mismatches.len() == 1 {
                eprintln!("first mismatching transcript:\n{text}");
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "scenarios differing from Java: {mismatches:?}"
    );
}

// -------------------------------------------- UniformHomogeneousAssignmentBuilderTest

const T1: &str = "T1-A4s3VTwiI5CTbEp6POw";
const T2: &str = "T2-B4s3VTwiI5YHbPp6YUe";
const T3: &str = "T3-CU8fVTLCz5YMkLoDQsa";
const T4: &str = "T4-Tw9fVTLCz5HbPp6YQsa";

#[test]
fn homogeneous_one_member_no_topic_subscription_gets_no_assignment() {
    // testOneMemberNoTopicSubscription
    let topics = TopicsImage::new().with_topic(id(T1), "topic1", 3);
    let spec = tree_map(vec![member("A", &[])], Homogeneous);
    assert!(uniform(&spec, &topics).unwrap().members().is_empty());
}

#[test]
fn homogeneous_one_member_subscribed_to_nonexistent_topic_throws() {
    // testOneMemberSubscribedToNonexistentTopic
    let topics = TopicsImage::new().with_topic(id(T1), "topic1", 3);
    let spec = tree_map(vec![member("A", &[id(T2)])], Homogeneous);
    let err = uniform(&spec, &topics).unwrap_err();
    assert_eq!(
        err,
        AssignorError::PartitionAssignor(format!(
            "Members are subscribed to topic {} which doesn't exist in the topic metadata.",
            id(T2)
        ))
    );
}

#[test]
fn homogeneous_first_assignment_two_members_two_topics() {
    // testFirstAssignmentTwoMembersTwoTopicsNoMemberRacks
    let (t1, t3) = (id(T1), id(T3));
    let topics = TopicsImage::new()
        .with_topic(t1, "topic1", 3)
        .with_topic(t3, "topic3", 2);
    let spec = tree_map(
        vec![member("A", &[t1, t3]), member("B", &[t1, t3])],
        Homogeneous,
    );
    let computed = uniform(&spec, &topics).unwrap();
    assert_assignment(
        &computed,
        &[("A", &[(t3, &[0, 1])]), ("B", &[(t1, &[0, 1, 2])])],
    );
    check_validity_and_balance(&spec, &computed);
}

#[test]
fn homogeneous_first_assignment_more_members_than_partitions() {
    // testFirstAssignmentNumMembersGreaterThanTotalNumPartitions
    let t3 = id(T3);
    let topics = TopicsImage::new().with_topic(t3, "topic3", 2);
    let spec = tree_map(
        vec![member("A", &[t3]), member("B", &[t3]), member("C", &[t3])],
        Homogeneous,
    );
    let computed = uniform(&spec, &topics).unwrap();
    assert_assignment(
        &computed,
        &[("A", &[]), ("B", &[(t3, &[0])]), ("C", &[(t3, &[1])])],
    );
    check_validity_and_balance(&spec, &computed);
}

#[test]
fn homogeneous_validity_and_balance_for_a_large_sample_set() {
    // testValidityAndBalanceForLargeSampleSet: 100 topics of 3 partitions, 49 members.
    let ids = topic_ids(7, 100);
    let mut topics = TopicsImage::new();
    for (i, t) in ids.iter().enumerate() {
        topics.add_topic(*t, format!("topic-{}", i + 1), 3);
    }
    let members = (1..50)
        .map(|i| member(&format!("member{i}"), &ids))
        .collect();
    let spec = tree_map(members, Homogeneous);
    let computed = uniform(&spec, &topics).unwrap();
    check_validity_and_balance(&spec, &computed);
}

#[test]
fn homogeneous_reassignment_two_members_two_topics_given_unbalanced_previous_assignment() {
    // testReassignmentForTwoMembersTwoTopicsGivenUnbalancedPrevAssignment
    let (t1, t2) = (id(T1), id(T2));
    let topics = TopicsImage::new()
        .with_topic(t1, "topic1", 3)
        .with_topic(t2, "topic2", 3);
    let spec = tree_map(
        vec![
            member_with(
                "A",
                &[t1, t2],
                mk_ordered_assignment(&[(t1, &[0, 1]), (t2, &[0, 1])]),
            ),
            member_with(
                "B",
                &[t1, t2],
                mk_ordered_assignment(&[(t1, &[2]), (t2, &[2])]),
            ),
        ],
        Homogeneous,
    );
    let computed = uniform(&spec, &topics).unwrap();
    assert_assignment(
        &computed,
        &[
            ("A", &[(t1, &[0, 1]), (t2, &[0])]),
            ("B", &[(t1, &[2]), (t2, &[1, 2])]),
        ],
    );
    check_validity_and_balance(&spec, &computed);
}

#[test]
fn homogeneous_reassignment_when_partitions_are_added_two_members_two_topics() {
    // testReassignmentWhenPartitionsAreAddedForTwoMembersTwoTopics
    let (t1, t2) = (id(T1), id(T2));
    let topics = TopicsImage::new()
        .with_topic(t1, "topic1", 6)
        .with_topic(t2, "topic2", 5);
    let spec = tree_map(
        vec![
            member_with(
                "A",
                &[t1, t2],
                mk_ordered_assignment(&[(t1, &[0, 2]), (t2, &[0])]),
            ),
            member_with(
                "B",
                &[t1, t2],
                mk_ordered_assignment(&[(t1, &[1]), (t2, &[1, 2])]),
            ),
        ],
        Homogeneous,
    );
    let computed = uniform(&spec, &topics).unwrap();
    assert_assignment(
        &computed,
        &[
            ("A", &[(t1, &[0, 2]), (t2, &[0, 3, 4])]),
            ("B", &[(t1, &[1, 3, 4, 5]), (t2, &[1, 2])]),
        ],
    );
    check_validity_and_balance(&spec, &computed);
}

#[test]
fn homogeneous_reassignment_when_one_member_added_after_initial_assignment() {
    // testReassignmentWhenOneMemberAddedAfterInitialAssignmentWithTwoMembersTwoTopics
    let (t1, t2) = (id(T1), id(T2));
    let topics = TopicsImage::new()
        .with_topic(t1, "topic1", 3)
        .with_topic(t2, "topic2", 3);
    let spec = tree_map(
        vec![
            member_with(
                "A",
                &[t1, t2],
                mk_ordered_assignment(&[(t1, &[0, 2]), (t2, &[0])]),
            ),
            member_with(
                "B",
                &[t1, t2],
                mk_ordered_assignment(&[(t1, &[1]), (t2, &[1, 2])]),
            ),
            member("C", &[t1, t2]),
        ],
        Homogeneous,
    );
    let computed = uniform(&spec, &topics).unwrap();
    assert_assignment(
        &computed,
        &[
            ("A", &[(t1, &[0, 2])]),
            ("B", &[(t1, &[1]), (t2, &[1])]),
            ("C", &[(t2, &[0, 2])]),
        ],
    );
    check_validity_and_balance(&spec, &computed);
}

#[test]
fn homogeneous_reassignment_when_one_member_removed_after_initial_assignment() {
    // testReassignmentWhenOneMemberRemovedAfterInitialAssignmentWithThreeMembersTwoTopics
    let (t1, t2) = (id(T1), id(T2));
    let topics = TopicsImage::new()
        .with_topic(t1, "topic1", 3)
        .with_topic(t2, "topic2", 3);
    let spec = tree_map(
        vec![
            member_with("A", &[t1, t2], mk_assignment(&[(t1, &[0]), (t2, &[0])])),
            member_with("B", &[t1, t2], mk_assignment(&[(t1, &[1]), (t2, &[1])])),
        ],
        Homogeneous,
    );
    let computed = uniform(&spec, &topics).unwrap();
    assert_assignment(
        &computed,
        &[
            ("A", &[(t1, &[0]), (t2, &[0, 2])]),
            ("B", &[(t1, &[1, 2]), (t2, &[1])]),
        ],
    );
    check_validity_and_balance(&spec, &computed);
}

#[test]
fn homogeneous_reassignment_when_one_subscription_removed_after_initial_assignment() {
    // testReassignmentWhenOneSubscriptionRemovedAfterInitialAssignmentWithTwoMembersTwoTopics
    let (t1, t2) = (id(T1), id(T2));
    let topics = TopicsImage::new()
        .with_topic(t1, "topic1", 2)
        .with_topic(t2, "topic2", 2);
    let spec = tree_map(
        vec![
            member_with("A", &[t2], mk_assignment(&[(t1, &[0]), (t2, &[0])])),
            member_with("B", &[t2], mk_assignment(&[(t1, &[1]), (t2, &[1])])),
        ],
        Homogeneous,
    );
    let computed = uniform(&spec, &topics).unwrap();
    assert_assignment(&computed, &[("A", &[(t2, &[0])]), ("B", &[(t2, &[1])])]);
    check_validity_and_balance(&spec, &computed);
}

// ------------------------------------------------------------------ CommonAssignorTests

/// Topics 2, 5 and 7 partitions; A, B, C subscribed to all, put into a `HashMap`.
fn common_setup(subscription_type: SubscriptionType) -> (TopicsImage, Vec<Uuid>, GroupSpec) {
    let ids = topic_ids(11, 3);
    let topics = TopicsImage::new()
        .with_topic(ids[0], "topic1", 2)
        .with_topic(ids[1], "topic2", 5)
        .with_topic(ids[2], "topic3", 7);
    let members = ["A", "B", "C"].iter().map(|m| member(m, &ids)).collect();
    (
        topics,
        ids.clone(),
        GroupSpec::new(members, subscription_type),
    )
}

/// `CommonAssignorTests#testAssignmentReuse`: an unchanged assignment is handed back as the
/// very map that went in.
fn assignment_reuse(subscription_type: SubscriptionType) {
    let (topics, ids, spec) = common_setup(subscription_type);
    let first = uniform(&spec, &topics).unwrap();
    let with_assignment: Vec<MemberSpec> = spec
        .members()
        .iter()
        .map(|m| member_with(&m.member_id, &ids, first.get(&m.member_id).unwrap().clone()))
        .collect();
    let spec2 = GroupSpec::in_iteration_order(with_assignment.clone(), subscription_type);
    let second = uniform(&spec2, &topics).unwrap();
    for m in &with_assignment {
        assert!(
            second.reuses_input(&m.member_id),
            "{} was copied",
            m.member_id
        );
        assert_eq!(second.get(&m.member_id), Some(&m.assignment));
    }
}

/// `CommonAssignorTests#testReassignmentStickiness`: the same assignment comes back whatever
/// the member order.
fn reassignment_stickiness(assignor: ServerAssignor, subscription_type: SubscriptionType) {
    let (topics, ids, spec) = common_setup(subscription_type);
    let first = assignor.assign(&spec, &topics).unwrap();
    let orders = [
        ["A", "B", "C"],
        ["A", "C", "B"],
        ["B", "A", "C"],
        ["B", "C", "A"],
        ["C", "A", "B"],
        ["C", "B", "A"],
    ];
    for order in orders {
        let members = order
            .iter()
            .map(|m| member_with(m, &ids, first.get(m).unwrap().clone()))
            .collect();
        let spec2 = GroupSpec::in_iteration_order(members, subscription_type);
        let second = assignor.assign(&spec2, &topics).unwrap();
        assert_eq!(second.sorted(), first.sorted(), "order {order:?}");
    }
}

#[test]
fn uniform_homogeneous_reuses_unchanged_assignment_maps() {
    // UniformHomogeneousAssignmentBuilderTest#testAssignmentReuse
    assignment_reuse(Homogeneous);
}

#[test]
fn uniform_heterogeneous_reuses_unchanged_assignment_maps() {
    // UniformHeterogeneousAssignmentBuilderTest#testAssignmentReuse
    assignment_reuse(Heterogeneous);
}

#[test]
fn uniform_homogeneous_reassignment_is_sticky_in_any_member_order() {
    // UniformHomogeneousAssignmentBuilderTest#testReassignmentStickiness
    reassignment_stickiness(ServerAssignor::Uniform, Homogeneous);
}

#[test]
fn uniform_heterogeneous_reassignment_is_sticky_in_any_member_order() {
    // UniformHeterogeneousAssignmentBuilderTest#testReassignmentStickiness
    reassignment_stickiness(ServerAssignor::Uniform, Heterogeneous);
}

#[test]
fn range_reassignment_is_the_same_in_any_member_order() {
    // RangeAssignorTest#testReassignmentStickiness (HOMOGENEOUS and HETEROGENEOUS)
    reassignment_stickiness(ServerAssignor::Range, Homogeneous);
    reassignment_stickiness(ServerAssignor::Range, Heterogeneous);
}

// ------------------------------------------ UniformHeterogeneousAssignmentBuilderTest

#[test]
fn heterogeneous_two_members_no_topic_subscription_get_no_assignment() {
    // testTwoMembersNoTopicSubscription
    let topics = TopicsImage::new().with_topic(id(T1), "topic1", 3);
    let spec = tree_map(vec![member("A", &[]), member("B", &[])], Heterogeneous);
    assert!(uniform(&spec, &topics).unwrap().members().is_empty());
}

#[test]
fn heterogeneous_two_members_subscribed_to_nonexistent_topics_throw() {
    // testTwoMembersSubscribedToNonexistentTopics
    let topics = TopicsImage::new().with_topic(id(T1), "topic1", 3);
    let spec = tree_map(
        vec![member("A", &[id(T3)]), member("B", &[id(T2)])],
        Heterogeneous,
    );
    assert!(matches!(
        uniform(&spec, &topics),
        Err(AssignorError::PartitionAssignor(_))
    ));
}

#[test]
fn heterogeneous_first_assignment_two_members_two_topics() {
    // testFirstAssignmentTwoMembersTwoTopics
    let (t1, t3) = (id(T1), id(T3));
    let topics = TopicsImage::new()
        .with_topic(t1, "topic1", 3)
        .with_topic(t3, "topic3", 6);
    let spec = tree_map(
        vec![member("A", &[t1, t3]), member("B", &[t3])],
        Heterogeneous,
    );
    assert_assignment(
        &uniform(&spec, &topics).unwrap(),
        &[
            ("A", &[(t1, &[0, 1, 2]), (t3, &[4])]),
            ("B", &[(t3, &[0, 1, 2, 3, 5])]),
        ],
    );
}

#[test]
fn heterogeneous_first_assignment_more_members_than_partitions() {
    // testFirstAssignmentNumMembersGreaterThanTotalNumPartitions
    let (t1, t3) = (id(T1), id(T3));
    let topics = TopicsImage::new()
        .with_topic(t1, "topic1", 2)
        .with_topic(t3, "topic3", 1);
    let spec = tree_map(
        vec![member("A", &[t3]), member("B", &[t3]), member("C", &[t1])],
        Heterogeneous,
    );
    assert_assignment(
        &uniform(&spec, &topics).unwrap(),
        &[("A", &[(t3, &[0])]), ("B", &[]), ("C", &[(t1, &[0, 1])])],
    );
}

#[test]
fn heterogeneous_reassignment_two_members_three_topics_given_unbalanced_previous_assignment() {
    // testReassignmentForTwoMembersThreeTopicsGivenUnbalancedPrevAssignment
    let (t1, t2, t3) = (id(T1), id(T2), id(T3));
    let topics = TopicsImage::new()
        .with_topic(t1, "topic1", 6)
        .with_topic(t2, "topic2", 4)
        .with_topic(t3, "topic3", 4);
    let spec = tree_map(
        vec![
            member_with("A", &[t1], mk_assignment(&[(t1, &[0, 1, 2])])),
            member_with("B", &[t1, t2], mk_assignment(&[(t1, &[3]), (t2, &[0])])),
            member_with(
                "C",
                &[t1, t2, t3],
                mk_assignment(&[(t1, &[4, 5]), (t2, &[1, 2, 3]), (t3, &[0, 1, 2, 3])]),
            ),
        ],
        Heterogeneous,
    );
    assert_assignment(
        &uniform(&spec, &topics).unwrap(),
        &[
            ("A", &[(t1, &[0, 1, 2, 5])]),
            ("B", &[(t1, &[3]), (t2, &[0, 1, 2, 3])]),
            ("C", &[(t1, &[4]), (t3, &[0, 1, 2, 3])]),
        ],
    );
}

#[test]
fn heterogeneous_reassignment_when_partitions_are_added_for_two_members() {
    // testReassignmentWhenPartitionsAreAddedForTwoMembers
    let (t1, t2, t3, t4) = (id(T1), id(T2), id(T3), id(T4));
    let topics = TopicsImage::new()
        .with_topic(t1, "topic1", 6)
        .with_topic(t2, "topic2", 5)
        .with_topic(t3, "topic3", 3)
        .with_topic(t4, "topic4", 3);
    let spec = tree_map(
        vec![
            member_with(
                "A",
                &[t1, t3],
                mk_assignment(&[(t1, &[0, 1, 2, 3]), (t3, &[0, 1])]),
            ),
            member_with(
                "B",
                &[t1, t2, t3, t4],
                mk_assignment(&[(t2, &[0, 1, 2]), (t4, &[0, 1, 2])]),
            ),
        ],
        Heterogeneous,
    );
    assert_assignment(
        &uniform(&spec, &topics).unwrap(),
        &[
            ("A", &[(t1, &[0, 1, 2, 3, 4, 5]), (t3, &[0, 1, 2])]),
            ("B", &[(t2, &[0, 1, 2, 3, 4]), (t4, &[0, 1, 2])]),
        ],
    );
}

#[test]
fn heterogeneous_reassignment_when_one_member_and_partitions_are_added() {
    // testReassignmentWhenOneMemberAddedAndPartitionsAddedTwoMembersTwoTopics
    let (t1, t2) = (id(T1), id(T2));
    let topics = TopicsImage::new()
        .with_topic(t1, "topic1", 6)
        .with_topic(t2, "topic2", 7);
    let spec = tree_map(
        vec![
            member_with("A", &[t1], mk_assignment(&[(t1, &[0, 2]), (t2, &[0])])),
            member_with("B", &[t1, t2], mk_assignment(&[(t1, &[1]), (t2, &[1, 2])])),
            member("C", &[t1, t2]),
        ],
        Heterogeneous,
    );
    assert_assignment(
        &uniform(&spec, &topics).unwrap(),
        &[
            ("A", &[(t1, &[0, 2, 3, 4, 5])]),
            ("B", &[(t1, &[1]), (t2, &[1, 2, 6])]),
            ("C", &[(t2, &[0, 3, 4, 5])]),
        ],
    );
}

#[test]
fn heterogeneous_reassignment_when_one_member_removed_three_members_three_topics() {
    // testReassignmentWhenOneMemberRemovedAfterInitialAssignmentWithThreeMembersThreeTopics
    let (t1, t2, t3) = (id(T1), id(T2), id(T3));
    let topics = TopicsImage::new()
        .with_topic(t1, "topic1", 3)
        .with_topic(t2, "topic2", 8)
        .with_topic(t3, "topic3", 3);
    let spec = tree_map(
        vec![
            member_with(
                "A",
                &[t1, t3],
                mk_assignment(&[(t1, &[0, 1, 2]), (t3, &[0, 1])]),
            ),
            member_with("B", &[t2], mk_assignment(&[(t2, &[3, 4, 5, 6])])),
        ],
        Heterogeneous,
    );
    assert_assignment(
        &uniform(&spec, &topics).unwrap(),
        &[
            ("A", &[(t1, &[0, 1, 2]), (t3, &[0, 1, 2])]),
            ("B", &[(t2, &[0, 1, 2, 3, 4, 5, 6, 7])]),
        ],
    );
}

#[test]
fn heterogeneous_reassignment_when_one_subscription_removed_two_members_two_topics() {
    // testReassignmentWhenOneSubscriptionRemovedAfterInitialAssignmentWithTwoMembersTwoTopics
    let (t1, t2) = (id(T1), id(T2));
    let topics = TopicsImage::new()
        .with_topic(t1, "topic1", 3)
        .with_topic(t2, "topic2", 5);
    let spec = tree_map(
        vec![
            member_with("A", &[t1], mk_assignment(&[(t1, &[0, 2]), (t2, &[1, 3])])),
            member_with(
                "B",
                &[t1, t2],
                mk_assignment(&[(t1, &[1]), (t2, &[0, 2, 4])]),
            ),
        ],
        Heterogeneous,
    );
    assert_assignment(
        &uniform(&spec, &topics).unwrap(),
        &[("A", &[(t1, &[0, 1, 2])]), ("B", &[(t2, &[0, 1, 2, 3, 4])])],
    );
}

#[test]
fn heterogeneous_reassignment_when_topic_partitions_run_out_and_members_have_none() {
    // testReassignmentWhenTopicPartitionsRunOutAndMembersHaveNoPartitions
    let (t1, t2, t3) = (id(T1), id(T2), id(T3));
    let topics = TopicsImage::new()
        .with_topic(t1, "topic1", 2)
        .with_topic(t2, "topic2", 2)
        .with_topic(t3, "topic3", 2);
    let all = [t1, t2, t3];
    let spec = tree_map(
        vec![
            member_with(
                "A",
                &all,
                mk_assignment(&[(t1, &[0, 1]), (t2, &[0, 1]), (t3, &[0, 1])]),
            ),
            member("B", &all),
        ],
        Heterogeneous,
    );
    assert_assignment(
        &uniform(&spec, &topics).unwrap(),
        &[
            ("A", &[(t2, &[0]), (t3, &[0, 1])]),
            ("B", &[(t1, &[0, 1]), (t2, &[1])]),
        ],
    );
}

#[test]
fn heterogeneous_first_assignment_with_one_member_without_subscriptions() {
    // testFirstAssignmentWithTwoMembersIncludingOneWithoutSubscriptions
    let t1 = id(T1);
    let topics = TopicsImage::new().with_topic(t1, "topic1", 3);
    let spec = tree_map(vec![member("A", &[t1]), member("B", &[])], Heterogeneous);
    assert_assignment(
        &uniform(&spec, &topics).unwrap(),
        &[("A", &[(t1, &[0, 1, 2])]), ("B", &[])],
    );
}

// ------------------------------------------------------------------ RangeAssignorTest

fn range_topics(counts: &[u32]) -> (TopicsImage, Vec<Uuid>) {
    let ids = topic_ids(13, counts.len());
    let mut topics = TopicsImage::new();
    for (i, (t, n)) in ids.iter().zip(counts).enumerate() {
        topics.add_topic(*t, format!("topic{}", i + 1), *n);
    }
    (topics, ids)
}

#[test]
fn range_one_member_no_topic_gets_an_empty_assignment() {
    // testOneMemberNoTopic
    let spec = tree_map(vec![member("A", &[])], Homogeneous);
    assert_assignment(&range(&spec, &TopicsImage::new()).unwrap(), &[("A", &[])]);
}

#[test]
fn range_one_member_subscribed_to_nonexistent_topic_throws() {
    // testOneMemberSubscribedToNonExistentTopic
    let (topics, ids) = range_topics(&[3]);
    let spec = tree_map(
        vec![member("A", &[Uuid::from_seed(99), ids[0]])],
        Homogeneous,
    );
    assert_eq!(
        range(&spec, &topics).unwrap_err(),
        AssignorError::PartitionAssignor("Member is subscribed to a non-existent topic".into())
    );
}

#[test]
fn range_first_assignment_two_members_two_topics_same_subscriptions() {
    // testFirstAssignmentTwoMembersTwoTopicsSameSubscriptions
    let (topics, ids) = range_topics(&[3, 2]);
    let (t1, t3) = (ids[0], ids[1]);
    let spec = tree_map(
        vec![member("A", &[t1, t3]), member("B", &[t1, t3])],
        Homogeneous,
    );
    assert_assignment(
        &range(&spec, &topics).unwrap(),
        &[
            ("A", &[(t1, &[0, 1]), (t3, &[0])]),
            ("B", &[(t1, &[2]), (t3, &[1])]),
        ],
    );
}

#[test]
fn range_first_assignment_three_members_three_topics_different_subscriptions() {
    // testFirstAssignmentThreeMembersThreeTopicsDifferentSubscriptions
    let (topics, ids) = range_topics(&[3, 3, 2]);
    let (t1, t2, t3) = (ids[0], ids[1], ids[2]);
    let spec = tree_map(
        vec![
            member("A", &[t1, t2]),
            member("B", &[t3]),
            member("C", &[t2, t3]),
        ],
        Heterogeneous,
    );
    assert_assignment(
        &range(&spec, &topics).unwrap(),
        &[
            ("A", &[(t1, &[0, 1, 2]), (t2, &[0, 1])]),
            ("B", &[(t3, &[0])]),
            ("C", &[(t2, &[2]), (t3, &[1])]),
        ],
    );
}

#[test]
fn range_first_assignment_more_members_than_partitions() {
    // testFirstAssignmentNumMembersGreaterThanNumPartitions
    let (topics, ids) = range_topics(&[3, 2]);
    let (t1, t3) = (ids[0], ids[1]);
    let all = [t1, t3];
    let spec = tree_map(
        vec![member("A", &all), member("B", &all), member("C", &all)],
        Homogeneous,
    );
    assert_assignment(
        &range(&spec, &topics).unwrap(),
        &[
            ("A", &[(t1, &[0]), (t3, &[0])]),
            ("B", &[(t1, &[1]), (t3, &[1])]),
            ("C", &[(t1, &[2])]),
        ],
    );
}

#[test]
fn range_static_members_keep_their_ranges_under_a_new_member_id() {
    // testStaticMembership
    let (topics, ids) = range_topics(&[3]);
    let t1 = ids[0];
    let a = member("A", &[t1]).with_instance_id("instanceA");
    let b = member("B", &[t1]).with_instance_id("instanceB");
    let before = range(&tree_map(vec![a, b.clone()], Homogeneous), &topics).unwrap();
    let a1 = member("memberA1", &[t1]).with_instance_id("instanceA");
    let after = range(&tree_map(vec![a1, b], Homogeneous), &topics).unwrap();
    assert_eq!(before.get("A"), after.get("memberA1"));
    assert_eq!(before.get("B"), after.get("B"));
}

#[test]
fn range_mixed_static_and_dynamic_members_keep_their_ranges() {
    // testMixedStaticMembership
    let (topics, ids) = range_topics(&[5]);
    let t1 = ids[0];
    let a = member("A", &[t1]).with_instance_id("instanceA");
    let c = member("C", &[t1]).with_instance_id("instanceC");
    let b = member("B", &[t1]);
    let before = range(
        &tree_map(vec![a, c.clone(), b.clone()], Homogeneous),
        &topics,
    )
    .unwrap();
    let a1 = member("memberA1", &[t1]).with_instance_id("instanceA");
    let after = range(&tree_map(vec![a1, c, b], Homogeneous), &topics).unwrap();
    assert_eq!(before.get("A"), after.get("memberA1"));
    assert_eq!(before.get("B"), after.get("B"));
    assert_eq!(before.get("C"), after.get("C"));
    // Static members first (instanceA, instanceC), then B: 2, 2, 1.
    assert_eq!(after.sorted()["memberA1"][&t1], [0, 1]);
    assert_eq!(after.sorted()["C"][&t1], [2, 3]);
    assert_eq!(after.sorted()["B"][&t1], [4]);
}

#[test]
fn range_reassignment_more_members_than_partitions_when_one_member_added() {
    // testReassignmentNumMembersGreaterThanNumPartitionsWhenOneMemberAdded
    let (topics, ids) = range_topics(&[2, 2]);
    let (t1, t2) = (ids[0], ids[1]);
    let spec = tree_map(
        vec![
            member_with("A", &[t1, t2], mk_assignment(&[(t1, &[0]), (t2, &[0])])),
            member_with("B", &[t1, t2], mk_assignment(&[(t1, &[1]), (t2, &[1])])),
            member("C", &[t1, t2]),
        ],
        Homogeneous,
    );
    assert_assignment(
        &range(&spec, &topics).unwrap(),
        &[
            ("A", &[(t1, &[0]), (t2, &[0])]),
            ("B", &[(t1, &[1]), (t2, &[1])]),
            ("C", &[]),
        ],
    );
}

#[test]
fn range_reassignment_when_one_partition_added_two_members_two_topics() {
    // testReassignmentWhenOnePartitionAddedForTwoMembersTwoTopics
    let (topics, ids) = range_topics(&[4, 4]);
    let (t1, t2) = (ids[0], ids[1]);
    let spec = tree_map(
        vec![
            member_with(
                "A",
                &[t1, t2],
                mk_assignment(&[(t1, &[0, 1]), (t2, &[0, 1])]),
            ),
            member_with("B", &[t1, t2], mk_assignment(&[(t1, &[2]), (t2, &[2])])),
        ],
        Homogeneous,
    );
    assert_assignment(
        &range(&spec, &topics).unwrap(),
        &[
            ("A", &[(t1, &[0, 1]), (t2, &[0, 1])]),
            ("B", &[(t1, &[2, 3]), (t2, &[2, 3])]),
        ],
    );
}

#[test]
fn range_reassignment_when_one_member_added_two_members_two_topics() {
    // testReassignmentWhenOneMemberAddedAfterInitialAssignmentWithTwoMembersTwoTopics
    let (topics, ids) = range_topics(&[3, 3]);
    let (t1, t2) = (ids[0], ids[1]);
    let spec = tree_map(
        vec![
            member_with(
                "A",
                &[t1, t2],
                mk_assignment(&[(t1, &[0, 1]), (t2, &[0, 1])]),
            ),
            member_with("B", &[t1, t2], mk_assignment(&[(t1, &[2]), (t2, &[2])])),
            member("C", &[t1, t2]),
        ],
        Homogeneous,
    );
    assert_assignment(
        &range(&spec, &topics).unwrap(),
        &[
            ("A", &[(t1, &[0]), (t2, &[0])]),
            ("B", &[(t1, &[1]), (t2, &[1])]),
            ("C", &[(t1, &[2]), (t2, &[2])]),
        ],
    );
}

#[test]
fn range_reassignment_when_one_member_and_one_partition_added() {
    // testReassignmentWhenOneMemberAddedAndOnePartitionAfterInitialAssignmentWithTwoMembersTwoTopics
    let (topics, ids) = range_topics(&[4, 3]);
    let (t1, t2) = (ids[0], ids[1]);
    let spec = tree_map(
        vec![
            member_with(
                "A",
                &[t1, t2],
                mk_assignment(&[(t1, &[0, 1]), (t2, &[0, 1])]),
            ),
            member_with("B", &[t1, t2], mk_assignment(&[(t1, &[2]), (t2, &[2])])),
            member("C", &[t1]),
        ],
        Heterogeneous,
    );
    assert_assignment(
        &range(&spec, &topics).unwrap(),
        &[
            ("A", &[(t1, &[0, 1]), (t2, &[0, 1])]),
            ("B", &[(t1, &[2]), (t2, &[2])]),
            ("C", &[(t1, &[3])]),
        ],
    );
}

#[test]
fn range_reassignment_when_one_member_removed_two_members_two_topics() {
    // testReassignmentWhenOneMemberRemovedAfterInitialAssignmentWithTwoMembersTwoTopics
    let (topics, ids) = range_topics(&[3, 3]);
    let (t1, t2) = (ids[0], ids[1]);
    let spec = tree_map(
        vec![member_with(
            "B",
            &[t1, t2],
            mk_assignment(&[(t1, &[2]), (t2, &[2])]),
        )],
        Homogeneous,
    );
    assert_assignment(
        &range(&spec, &topics).unwrap(),
        &[("B", &[(t1, &[0, 1, 2]), (t2, &[0, 1, 2])])],
    );
}

#[test]
fn range_reassignment_when_multiple_subscriptions_removed() {
    // testReassignmentWhenMultipleSubscriptionsRemovedAfterInitialAssignmentWithThreeMembersTwoTopics
    let (topics, ids) = range_topics(&[3, 3, 2]);
    let (t1, t2, t3) = (ids[0], ids[1], ids[2]);
    let spec = tree_map(
        vec![
            member_with("A", &[t1], mk_assignment(&[(t1, &[0, 1, 2]), (t2, &[0])])),
            member_with("B", &[t1, t2, t3], mk_assignment(&[(t2, &[1])])),
            member_with("C", &[t2], mk_assignment(&[(t2, &[2]), (t3, &[0, 1])])),
        ],
        Heterogeneous,
    );
    assert_assignment(
        &range(&spec, &topics).unwrap(),
        &[
            ("A", &[(t1, &[0, 1])]),
            ("B", &[(t1, &[2]), (t2, &[0, 1]), (t3, &[0, 1])]),
            ("C", &[(t2, &[2])]),
        ],
    );
}

// ------------------------------------------------ KIP-848 rule book §7, worked examples

fn one_topic(partitions: u32) -> (TopicsImage, Uuid) {
    let t = Uuid::from_seed(42);
    (TopicsImage::new().with_topic(t, "T", partitions), t)
}

/// Members in this exact order, each with its current partitions of `t`.
fn ordered(t: Uuid, members: &[(&str, &[u32])]) -> GroupSpec {
    GroupSpec::in_iteration_order(
        members
            .iter()
            .map(|(m, ps)| member_with(m, &[t], mk_assignment(&[(t, ps)])))
            .collect(),
        Homogeneous,
    )
}

fn partitions_of(a: &GroupAssignment, t: Uuid) -> VecMap<String, Vec<u32>> {
    a.sorted()
        .into_iter()
        .map(|(m, topics)| (m, topics.get(&t).cloned().unwrap_or_default()))
        .collect()
}

/// Member id to its partitions of the one topic.
type PerMember = VecMap<String, Vec<u32>>;

fn expected(pairs: &[(&str, &[u32])]) -> PerMember {
    pairs
        .iter()
        .map(|(m, ps)| (m.to_string(), ps.to_vec()))
        .collect()
}

#[test]
fn uniform_members_joining_one_at_a_time_then_one_leaving_in_any_order() {
    // Ex 1: each step's result is the same in every member order.
    let (topics, t) = one_topic(3);
    let steps: Vec<(Holdings<'_>, Holdings<'_>)> = vec![
        (vec![("A", &[])], vec![("A", &[0, 1, 2])]),
        (
            vec![("A", &[0, 1, 2]), ("B", &[])],
            vec![("A", &[0, 1]), ("B", &[2])],
        ),
        (
            vec![("A", &[0, 1]), ("B", &[2]), ("C", &[])],
            vec![("A", &[0]), ("B", &[2]), ("C", &[1])],
        ),
        (
            vec![("A", &[0]), ("B", &[2]), ("C", &[1]), ("D", &[])],
            vec![("A", &[0]), ("B", &[2]), ("C", &[1]), ("D", &[])],
        ),
        (
            vec![("B", &[2]), ("C", &[1]), ("D", &[])],
            vec![("B", &[2]), ("C", &[1]), ("D", &[0])],
        ),
    ];
    for (input, want) in steps {
        for order in permutations(&input) {
            let got = partitions_of(&uniform(&ordered(t, &order), &topics).unwrap(), t);
            assert_eq!(got, expected(&want), "order {order:?}");
        }
    }
}

/// Members and the partitions of `T` they hold.
type Holdings<'a> = Vec<(&'a str, &'a [u32])>;

fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut p in permutations(&rest) {
            p.insert(0, first.clone());
            out.push(p);
        }
    }
    out
}

#[test]
fn uniform_the_first_member_in_order_holding_two_keeps_the_contested_extra() {
    // Ex 2: T has 4 partitions, A{0,1} B{2,3}, C joins.
    let (topics, t) = one_topic(4);
    let a_keeps = expected(&[("A", &[0, 1]), ("B", &[2]), ("C", &[3])]);
    let b_keeps = expected(&[("A", &[0]), ("B", &[2, 3]), ("C", &[1])]);
    let cases: [(&[&str], &PerMember); 6] = [
        (&["A", "B", "C"], &a_keeps),
        (&["A", "C", "B"], &a_keeps),
        (&["C", "A", "B"], &a_keeps),
        (&["B", "A", "C"], &b_keeps),
        (&["B", "C", "A"], &b_keeps),
        (&["C", "B", "A"], &b_keeps),
    ];
    let held = |m: &str| -> &'static [u32] {
        match m {
            "A" => &[0, 1],
            "B" => &[2, 3],
            _ => &[],
        }
    };
    for (order, want) in cases {
        let members: Vec<(&str, &[u32])> = order.iter().map(|m| (*m, held(m))).collect();
        let got = partitions_of(&uniform(&ordered(t, &members), &topics).unwrap(), t);
        assert_eq!(&got, want, "order {order:?}");
    }
}

#[test]
fn uniform_the_last_member_in_order_takes_the_freed_partition() {
    // Ex 3: A{0} B{2} C{1}; C leaves.
    let (topics, t) = one_topic(3);
    let got = partitions_of(
        &uniform(&ordered(t, &[("A", &[0]), ("B", &[2])]), &topics).unwrap(),
        t,
    );
    assert_eq!(got, expected(&[("A", &[0]), ("B", &[1, 2])]));
    let got = partitions_of(
        &uniform(&ordered(t, &[("B", &[2]), ("A", &[0])]), &topics).unwrap(),
        t,
    );
    assert_eq!(got, expected(&[("A", &[0, 1]), ("B", &[2])]));
    // Two members holding nothing, three free partitions: the last takes the +1.
    let got = partitions_of(
        &uniform(&ordered(t, &[("X", &[]), ("Y", &[])]), &topics).unwrap(),
        t,
    );
    assert_eq!(got, expected(&[("X", &[0]), ("Y", &[1, 2])]));
}

#[test]
fn uniform_two_new_members_are_filled_in_member_order() {
    // Ex 4: A{0,1,2}; B and C join before a target is computed.
    let (topics, t) = one_topic(3);
    for (order, want) in [
        (
            ["A", "B", "C"],
            expected(&[("A", &[0]), ("B", &[1]), ("C", &[2])]),
        ),
        (
            ["A", "C", "B"],
            expected(&[("A", &[0]), ("B", &[2]), ("C", &[1])]),
        ),
    ] {
        let members: Vec<(&str, &[u32])> = order
            .iter()
            .map(|m| {
                (
                    *m,
                    if *m == "A" {
                        &[0u32, 1, 2][..]
                    } else {
                        &[][..]
                    },
                )
            })
            .collect();
        let got = partitions_of(&uniform(&ordered(t, &members), &topics).unwrap(), t);
        assert_eq!(got, want, "order {order:?}");
    }
}

#[test]
fn uniform_heterogeneous_fresh_assignment_then_a_third_member_joins() {
    // Ex 5: t1 has 3 partitions, t2 has 2; A subscribes [t1], B [t1, t2].
    let (t1, t2) = (Uuid::from_seed(51), Uuid::from_seed(52));
    let topics = TopicsImage::new()
        .with_topic(t1, "t1", 3)
        .with_topic(t2, "t2", 2);
    let spec = GroupSpec::in_iteration_order(
        vec![member("A", &[t1]), member("B", &[t1, t2])],
        Heterogeneous,
    );
    let first = uniform(&spec, &topics).unwrap();
    assert_assignment(
        &first,
        &[("A", &[(t1, &[0, 1, 2])]), ("B", &[(t2, &[0, 1])])],
    );
    // C joins with [t2], order [A, B, C].
    let spec = GroupSpec::in_iteration_order(
        vec![
            member_with("A", &[t1], first.get("A").unwrap().clone()),
            member_with("B", &[t1, t2], first.get("B").unwrap().clone()),
            member("C", &[t2]),
        ],
        Heterogeneous,
    );
    assert_assignment(
        &uniform(&spec, &topics).unwrap(),
        &[
            ("A", &[(t1, &[0, 1])]),
            ("B", &[(t1, &[2]), (t2, &[0])]),
            ("C", &[(t2, &[1])]),
        ],
    );
}

#[test]
fn range_hands_out_ranges_in_member_id_order() {
    // Ex 6: ids sort a < b < c; a fourth member whose id sorts first shifts every range.
    let (topics, t) = one_topic(3);
    let run = |ids: &[&str]| {
        let spec = GroupSpec::new(ids.iter().map(|m| member(m, &[t])).collect(), Homogeneous);
        partitions_of(&range(&spec, &topics).unwrap(), t)
    };
    assert_eq!(run(&["a"]), expected(&[("a", &[0, 1, 2])]));
    assert_eq!(run(&["a", "b"]), expected(&[("a", &[0, 1]), ("b", &[2])]));
    assert_eq!(
        run(&["c", "a", "b"]),
        expected(&[("a", &[0]), ("b", &[1]), ("c", &[2])])
    );
    assert_eq!(
        run(&["a", "b", "c", "0x"]),
        expected(&[("0x", &[0]), ("a", &[1]), ("b", &[2]), ("c", &[])])
    );
    // Two topics of 3 partitions, m0 < m1: m0{T1:0,1, T2:0,1}, m1{T1:2, T2:2}.
    let (u, v) = (Uuid::from_seed(61), Uuid::from_seed(62));
    let topics = TopicsImage::new()
        .with_topic(u, "T1", 3)
        .with_topic(v, "T2", 3);
    let spec = GroupSpec::new(
        vec![member("m1", &[u, v]), member("m0", &[u, v])],
        Homogeneous,
    );
    assert_assignment(
        &range(&spec, &topics).unwrap(),
        &[
            ("m0", &[(u, &[0, 1]), (v, &[0, 1])]),
            ("m1", &[(u, &[2]), (v, &[2])]),
        ],
    );
}

// ------------------------------------------------------------------ broker-level API

#[test]
fn subscription_type_counts_topic_names_even_unknown_ones() {
    assert_eq!(subscription_type(Vec::<Vec<&str>>::new()), Homogeneous);
    assert_eq!(
        subscription_type([vec!["a", "b"], vec!["b", "a"]]),
        Homogeneous
    );
    assert_eq!(
        subscription_type([vec!["a", "ghost"], vec!["a"]]),
        Heterogeneous
    );
    assert_eq!(subscription_type([Vec::<&str>::new(), vec![]]), Homogeneous);
    assert_eq!(subscription_type([vec!["a"], vec![]]), Heterogeneous);
}

#[test]
fn a_new_member_always_gets_a_record_and_an_unchanged_target_keeps_its_record() {
    let t = Uuid::from_seed(70);
    let topics = TopicsImage::new().with_topic(t, "orders", 2);
    let a = ConsumerMember::new("A", ["orders"]);
    let first =
        compute_target_assignment(ServerAssignor::Uniform, std::slice::from_ref(&a), &topics)
            .unwrap();
    assert_eq!(first.records, ["A"]);
    assert_eq!(first.subscription_type, Homogeneous);
    let a = a.with_target(first.targets["A"].clone());
    // B joins with nothing to take: an empty record for B only.
    let topics1 = TopicsImage::new().with_topic(t, "orders", 1);
    let a1 = ConsumerMember::new("A", ["orders"])
        .with_target(MemberAssignment::from_record([(t, vec![0])]));
    let b = ConsumerMember::new("B", ["orders"]);
    let second = compute_target_assignment(ServerAssignor::Uniform, &[a1, b], &topics1).unwrap();
    assert_eq!(second.records, ["B"]);
    assert!(second.targets["B"].is_empty());
    // A heartbeat with nothing changed writes no record.
    let third =
        compute_target_assignment(ServerAssignor::Uniform, std::slice::from_ref(&a), &topics)
            .unwrap();
    assert!(third.records.is_empty());
    assert_eq!(third.targets["A"], first.targets["A"]);
}

#[test]
fn assignor_errors_carry_kafkas_messages() {
    let err = AssignorError::PartitionAssignor("Partitions were left unassigned".into());
    assert_eq!(
        err.unknown_server_error_message(7),
        "Failed to compute a new target assignment for epoch 7: Partitions were left unassigned"
    );
    // Two members whose targets claim the same partition (never built by the coordinator)
    // keep it both, and the free partition has nobody with room.
    let (topics, t) = one_topic(2);
    let spec = ordered(t, &[("A", &[0]), ("B", &[0])]);
    assert_eq!(
        uniform(&spec, &topics).unwrap_err().message(),
        "Partitions were left unassigned"
    );
    // A partition beyond the topic's count: Java's ArrayIndexOutOfBoundsException.
    let spec = GroupSpec::in_iteration_order(
        vec![member_with("A", &[t], mk_assignment(&[(t, &[5])]))],
        Heterogeneous,
    );
    assert!(matches!(
        uniform(&spec, &topics),
        Err(AssignorError::Unexpected {
            exception: "ArrayIndexOutOfBoundsException",
            ..
        })
    ));
}

#[test]
fn member_ids_look_like_kafkas() {
    let ids: VecSet<String> = (0..100).map(member_id_from_seed).collect();
    assert_eq!(ids.len(), 100);
    for m in &ids {
        assert_eq!(m.len(), 22);
        assert!(!m.starts_with('-'));
        assert!(m
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(m.parse::<Uuid>().unwrap().to_string(), *m);
    }
    assert_eq!(
        "uniform".parse::<ServerAssignor>(),
        Ok(ServerAssignor::Uniform)
    );
    assert!("sticky".parse::<ServerAssignor>().is_err());
}

// ------------------------------------------------------------------ properties

/// A group: partition counts per topic, then per member its subscribed topics (indices) and
/// for each partition its current owner (member index) or none.
#[derive(Debug, Clone)]
struct Case {
    counts: Vec<u32>,
    subscriptions: Vec<Vec<usize>>,
    owners: Vec<Vec<Option<usize>>>,
    seed: u64,
}

fn case(same_subscription: bool) -> impl Strategy<Value = Case> {
    (1usize..4, 1usize..9, any::<u64>())
        .prop_flat_map(move |(nt, nm, seed)| {
            let counts = proptest::collection::vec(0u32..20, nt);
            let subs = if same_subscription {
                proptest::collection::btree_set(0..nt, 1..=nt)
                    .prop_map(move |s| vec![s.into_iter().collect::<Vec<_>>(); nm])
                    .boxed()
            } else {
                proptest::collection::vec(
                    proptest::collection::btree_set(0..nt, 0..=nt)
                        .prop_map(|s| s.into_iter().collect::<Vec<_>>()),
                    nm,
                )
                .boxed()
            };
            (counts, subs, Just(seed))
        })
        .prop_flat_map(|(counts, subscriptions, seed)| {
            let nm = subscriptions.len();
            let owners = counts
                .iter()
                .map(|&n| proptest::collection::vec(proptest::option::of(0..nm), n as usize))
                .collect::<Vec<_>>();
            (Just(counts), Just(subscriptions), owners, Just(seed))
        })
        .prop_map(|(counts, subscriptions, owners, seed)| Case {
            counts,
            subscriptions,
            owners,
            seed,
        })
}

impl Case {
    fn topic(&self, i: usize) -> Uuid {
        Uuid::from_seed(self.seed.wrapping_add(i as u64))
    }

    fn image(&self) -> TopicsImage {
        let mut image = TopicsImage::new();
        for (i, &n) in self.counts.iter().enumerate() {
            image.add_topic(self.topic(i), format!("t{i}"), n);
        }
        image
    }

    fn member_id(&self, m: usize) -> String {
        member_id_from_seed(self.seed.wrapping_mul(31).wrapping_add(m as u64))
    }

    /// Members in insertion order, current targets from the owners.
    fn spec(&self, subscription_type: SubscriptionType) -> GroupSpec {
        let members = self
            .subscriptions
            .iter()
            .enumerate()
            .map(|(m, subs)| {
                let held: Vec<(Uuid, Vec<u32>)> = self
                    .owners
                    .iter()
                    .enumerate()
                    .map(|(t, owners)| {
                        let ps = (0..owners.len() as u32)
                            .filter(|&p| owners[p as usize] == Some(m))
                            .collect();
                        (self.topic(t), ps)
                    })
                    .filter(|(_, ps): &(Uuid, Vec<u32>)| !ps.is_empty())
                    .collect();
                MemberSpec::new(self.member_id(m), subs.iter().map(|&t| self.topic(t)))
                    .with_assignment(MemberAssignment::from_record(held))
            })
            .collect();
        GroupSpec::new(members, subscription_type)
    }

    fn subscription_type(&self) -> SubscriptionType {
        let first = &self.subscriptions[0];
        if self.subscriptions.iter().all(|s| s == first) {
            Homogeneous
        } else {
            Heterogeneous
        }
    }
}

/// Every partition of a subscribed topic goes to exactly one of its subscribers, and nothing
/// else is assigned.
fn assert_complete_and_valid(case: &Case, spec: &GroupSpec, a: &GroupAssignment) {
    let mut owner: VecMap<(Uuid, u32), String> = VecMap::new();
    for (m, assignment) in a.members() {
        let member = spec.members().iter().find(|s| &s.member_id == m).unwrap();
        for (t, ps) in assignment.topics() {
            assert!(member.subscribed_topic_ids.contains(t));
            for &p in ps {
                assert!(owner.insert((*t, p), m.clone()).is_none(), "{t}-{p} twice");
            }
        }
    }
    let mut want = VecSet::new();
    for (i, &n) in case.counts.iter().enumerate() {
        if case.subscriptions.iter().any(|s| s.contains(&i)) {
            for p in 0..n {
                want.insert((case.topic(i), p));
            }
        }
    }
    let got: VecSet<(Uuid, u32)> = owner.keys().copied().collect();
    assert_eq!(got, want);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn uniform_assigns_every_subscribed_partition_exactly_once(case in case(false)) {
        let spec = case.spec(case.subscription_type());
        let a = uniform(&spec, &case.image()).unwrap();
        assert_complete_and_valid(&case, &spec, &a);
        // Determinism: the same input gives the same output, orders included.
        prop_assert_eq!(&uniform(&spec, &case.image()).unwrap(), &a);
    }

    #[test]
    fn range_assigns_every_subscribed_partition_exactly_once(case in case(false)) {
        let spec = case.spec(case.subscription_type());
        let a = range(&spec, &case.image()).unwrap();
        assert_complete_and_valid(&case, &spec, &a);
        prop_assert_eq!(&range(&spec, &case.image()).unwrap(), &a);
    }

    #[test]
    fn homogeneous_uniform_is_balanced_within_one_and_sticky(case in case(true)) {
        let spec = case.spec(Homogeneous);
        let a = uniform(&spec, &case.image()).unwrap();
        assert_complete_and_valid(&case, &spec, &a);
        let total: usize = case
            .subscriptions[0]
            .iter()
            .map(|&t| case.counts[t] as usize)
            .sum();
        if total > 0 {
            let sizes: Vec<usize> = spec
                .members()
                .iter()
                .map(|m| a.get(&m.member_id).map_or(0, MemberAssignment::partition_count))
                .collect();
            let (min, max) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
            prop_assert!(max - min <= 1, "sizes {:?}", sizes);
            // Stickiness: a member keeps min(quota, current) of its current partitions.
            let min_quota = total / spec.members().len();
            for m in spec.members() {
                let current: VecSet<(Uuid, u32)> = m
                    .assignment
                    .topics()
                    .iter()
                    .filter(|(t, _)| m.subscribed_topic_ids.contains(t))
                    .flat_map(|(t, ps)| ps.iter().map(move |p| (*t, *p)))
                    .collect();
                let new = a.get(&m.member_id).cloned().unwrap_or_default();
                let kept = current.iter().filter(|(t, p)| new.contains(*t, *p)).count();
                prop_assert!(kept >= current.len().min(min_quota), "{} kept {} of {}", m.member_id, kept, current.len());
            }
        }
    }

    #[test]
    fn heterogeneous_uniform_leaves_its_own_result_unchanged(case in case(false)) {
        // Run again on its own result (as the next heartbeat would), nothing moves.
        let spec = case.spec(Heterogeneous);
        let image = case.image();
        let a = uniform(&spec, &image).unwrap();
        assert_complete_and_valid(&case, &spec, &a);
        let again = GroupSpec::in_iteration_order(
            spec.members()
                .iter()
                .map(|m| m.clone().with_assignment(a.get(&m.member_id).cloned().unwrap_or_default()))
                .collect(),
            Heterogeneous,
        );
        let b = uniform(&again, &image).unwrap();
        prop_assert_eq!(b.sorted(), a.sorted());
    }

    #[test]
    fn target_assignment_is_a_fixed_point_and_records_only_changes(case in case(false)) {
        let image = case.image();
        let names = |subs: &Vec<usize>| subs.iter().map(|t| format!("t{t}")).collect::<Vec<_>>();
        let members: Vec<ConsumerMember> = case
            .subscriptions
            .iter()
            .enumerate()
            .map(|(m, subs)| ConsumerMember::new(case.member_id(m), names(subs)))
            .collect();
        for assignor in [ServerAssignor::Uniform, ServerAssignor::Range] {
            let first = compute_target_assignment(assignor, &members, &image).unwrap();
            prop_assert_eq!(first.records.len(), members.len());
            let with_targets: Vec<ConsumerMember> = members
                .iter()
                .map(|m| m.clone().with_target(first.targets[&m.member_id].clone()))
                .collect();
            let second = compute_target_assignment(assignor, &with_targets, &image).unwrap();
            prop_assert!(second.records.is_empty(), "{:?}", second.records);
            prop_assert_eq!(&second.targets, &first.targets);
        }
    }
}
