//! Invariants of the assignors over generated groups (proptest).

use kafka_sim::collections::{VecMap, VecSet};

use kafka_sim::assignor::{assign, Assignment, Strategy as Assignor, Subscription};
use proptest::prelude::*;

const ALL: [Assignor; 4] = [
    Assignor::Range,
    Assignor::RoundRobin,
    Assignor::Sticky,
    Assignor::CooperativeSticky,
];

type Tp = (String, u32);
type Group = (VecMap<String, u32>, VecMap<String, Subscription>);

fn owners(a: &Assignment) -> VecMap<Tp, Vec<String>> {
    let mut out: VecMap<Tp, Vec<String>> = VecMap::new();
    for (m, topics) in a {
        for (t, ps) in topics {
            for p in ps {
                out.entry((t.clone(), *p)).or_default().push(m.clone());
            }
        }
    }
    out
}

fn size(a: &Assignment, m: &str) -> usize {
    a[m].values().map(Vec::len).sum()
}

fn tps_of(a: &Assignment, m: &str) -> VecSet<Tp> {
    a[m].iter()
        .flat_map(|(t, ps)| ps.iter().map(move |p| (t.clone(), *p)))
        .collect()
}

/// Topic counts (t0..t{n-1}, some possibly unknown to the cluster) and members with
/// non-empty subscriptions, plus a previous assignment that gives each partition to at
/// most one subscribed member, all in one generation (a valid previous generation).
fn group(same_subscription: bool) -> impl Strategy<Value = Group> {
    (1usize..5, 1usize..7)
        .prop_flat_map(move |(topics, members)| {
            (
                proptest::collection::vec(0u32..9, topics),
                proptest::collection::vec(
                    proptest::collection::btree_set(0usize..topics, 1..=topics),
                    members,
                ),
                proptest::collection::vec(any::<u16>(), 64),
                proptest::collection::vec(proptest::option::of("[a-c]"), members),
                prop_oneof![Just(None), (0i32..5).prop_map(Some)],
            )
        })
        .prop_map(move |(counts, subs, picks, instances, generation)| {
            let partitions: VecMap<String, u32> = counts
                .iter()
                .enumerate()
                .map(|(t, &n)| (format!("t{t}"), n))
                .collect();
            let first = subs[0].clone();
            let mut members = VecMap::new();
            let mut used_instances = VecSet::new();
            for (i, topics) in subs.iter().enumerate() {
                let topics = if same_subscription { &first } else { topics };
                let mut s = Subscription::to(topics.iter().map(|t| format!("t{t}")));
                s.generation = generation;
                if let Some(inst) = &instances[i] {
                    if used_instances.insert(inst.clone()) {
                        s.group_instance_id = Some(inst.clone());
                    }
                }
                members.insert(format!("m{i}"), s);
            }
            // A previous owner for some partitions: picks[k] % (members + 1), where the
            // extra value means "nobody"; only members subscribed to the topic qualify.
            let ids: Vec<String> = members.keys().cloned().collect();
            let mut k = 0;
            for (t, &n) in counts.iter().enumerate() {
                for p in 0..n {
                    let pick = picks[k % picks.len()] as usize % (ids.len() + 1);
                    k += 1;
                    if pick < ids.len() {
                        let s = members.get_mut(&ids[pick]).expect("id");
                        if s.topics.contains(&format!("t{t}")) {
                            s.owned.entry(format!("t{t}")).or_default().push(p);
                        }
                    }
                }
            }
            (partitions, members)
        })
}

fn subscribed_partitions(p: &VecMap<String, u32>, m: &VecMap<String, Subscription>) -> VecSet<Tp> {
    m.values()
        .flat_map(|s| s.topics.iter())
        .filter_map(|t| p.get(t).map(|&n| (t.clone(), n)))
        .flat_map(|(t, n)| (0..n).map(move |i| (t.clone(), i)))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every subscribed partition goes to exactly one member that subscribes to its topic
    /// (the cooperative assignor: at most one, some withheld for a follow-up round).
    #[test]
    fn every_partition_to_exactly_one_subscriber((p, m) in group(false)) {
        let wanted = subscribed_partitions(&p, &m);
        for s in ALL {
            let a = assign(s, &p, &m).expect("valid input");
            prop_assert_eq!(a.keys().collect::<Vec<_>>(), m.keys().collect::<Vec<_>>());
            let owners = owners(&a);
            for (tp, who) in &owners {
                prop_assert_eq!(who.len(), 1, "{} {:?} {:?}", s, tp, who);
                prop_assert!(m[&who[0]].topics.contains(&tp.0), "{} gave {:?} to {}", s, tp, who[0]);
                prop_assert!(wanted.contains(tp));
            }
            if s != Assignor::CooperativeSticky {
                prop_assert_eq!(owners.len(), wanted.len(), "{}", s);
            }
            for parts in a.values().flat_map(|t| t.values()) {
                prop_assert!(parts.windows(2).all(|w| w[0] < w[1]), "sorted lists");
            }
        }
    }

    /// With one subscription for all, roundrobin and the sticky assignors are balanced
    /// within one partition, and range within one per topic.
    #[test]
    fn same_subscription_is_balanced((p, m) in group(true)) {
        for s in [Assignor::RoundRobin, Assignor::Sticky] {
            let a = assign(s, &p, &m).expect("valid input");
            let sizes: Vec<usize> = m.keys().map(|id| size(&a, id)).collect();
            let (min, max) = (sizes.iter().min().copied().unwrap_or(0), sizes.iter().max().copied().unwrap_or(0));
            prop_assert!(max <= min + 1, "{} {:?}", s, sizes);
        }
        let a = assign(Assignor::Range, &p, &m).expect("valid input");
        for t in &m.values().next().expect("a member").topics {
            let per: Vec<usize> = a.values().map(|x| x.get(t).map_or(0, Vec::len)).collect();
            let (min, max) = (per.iter().min().copied().unwrap_or(0), per.iter().max().copied().unwrap_or(0));
            prop_assert!(max <= min + 1, "range {} {:?}", t, per);
        }
    }

    /// Sticky moves no more than needed: with one subscription, a member keeps every
    /// owned partition if it owns no more than the floor quota, else at least that many;
    /// an owned assignment that is already balanced and complete is kept as it is.
    #[test]
    fn sticky_keeps_owned_partitions_when_balanced((p, m) in group(true)) {
        let total = subscribed_partitions(&p, &m).len();
        let min_quota = total / m.len();
        for s in [Assignor::Sticky, Assignor::CooperativeSticky] {
            let a = assign(s, &p, &m).expect("valid input");
            for (id, sub) in &m {
                let owned: VecSet<Tp> = sub.owned.iter()
                    .flat_map(|(t, ps)| ps.iter().map(move |q| (t.clone(), *q)))
                    .collect();
                let kept = tps_of(&a, id).intersection(&owned).count();
                prop_assert!(kept >= owned.len().min(min_quota), "{} {} kept {} of {:?}", s, id, kept, owned);
            }
        }
        // Feed the sticky result back as the owned partitions of a newer generation.
        let a = assign(Assignor::Sticky, &p, &m).expect("valid input");
        let mut next = m.clone();
        for (id, sub) in next.iter_mut() {
            sub.owned = a[id].clone();
            sub.generation = Some(sub.generation.unwrap_or(0) + 1);
        }
        for s in [Assignor::Sticky, Assignor::CooperativeSticky] {
            prop_assert_eq!(&assign(s, &p, &next).expect("valid input"), &a, "{}", s);
        }
    }

    /// Cooperative-sticky never gives a partition to a new owner in the round in which it
    /// is taken from its old owner; its result is the sticky target minus those.
    #[test]
    fn cooperative_never_hands_over_in_the_same_round((p, m) in group(false)) {
        let coop = assign(Assignor::CooperativeSticky, &p, &m).expect("valid input");
        let sticky = assign(Assignor::Sticky, &p, &m).expect("valid input");
        let mut claimed: VecMap<Tp, String> = VecMap::new();
        for (id, sub) in &m {
            for (t, ps) in &sub.owned {
                for q in ps {
                    claimed.insert((t.clone(), *q), id.clone());
                }
            }
        }
        for id in m.keys() {
            let got = tps_of(&coop, id);
            prop_assert!(got.is_subset(&tps_of(&sticky, id)));
            for tp in &got {
                if let Some(owner) = claimed.get(tp) {
                    prop_assert_eq!(owner, id, "{:?} handed from {} to {} in one round", tp, owner, id);
                }
            }
            // What is withheld is exactly what moves away from another owner.
            for tp in tps_of(&sticky, id).difference(&got) {
                prop_assert!(claimed.get(tp).is_some_and(|o| o != id));
            }
        }
    }

    /// Arbitrary claims (overlapping, any generations, topics that do not exist) never
    /// panic and never give a partition to two members.
    #[test]
    fn conflicting_claims_never_panic(
        (p, mut m) in group(false),
        extra in proptest::collection::vec((0usize..6, 0usize..5, 0u32..9, proptest::option::of(-1i32..4)), 0..12),
    ) {
        let ids: Vec<String> = m.keys().cloned().collect();
        for (who, t, q, generation) in extra {
            let s = m.get_mut(&ids[who % ids.len()]).expect("id");
            let topic = format!("t{t}");
            if p.get(&topic).is_some_and(|&n| q >= n) {
                continue;
            }
            let list = s.owned.entry(topic).or_default();
            if !list.contains(&q) {
                list.push(q);
            }
            s.generation = generation;
        }
        for s in ALL {
            if let Ok(a) = assign(s, &p, &m) {
                for (tp, who) in owners(&a) {
                    prop_assert_eq!(who.len(), 1, "{} {:?}", s, tp);
                }
            }
        }
    }
}
