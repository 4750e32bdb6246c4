//! `RoundRobinAssignor#assign`: all partitions of all subscribed topics, sorted by topic
//! (`TreeSet<String>`) then partition, are dealt over the members sorted by
//! `MemberInfo#compareTo` with a `CircularIterator`; a member not subscribed to the
//! partition's topic is skipped (the iterator still advances past it).

use super::{Group, Tp};

pub(super) fn assign(g: &Group<'_>) -> Vec<Vec<Tp>> {
    let mut out: Vec<Vec<Tp>> = vec![Vec::new(); g.len()];
    let mut members: Vec<usize> = (0..g.len()).collect();
    crate::sort::sort_by(&mut members, |&a, &b| g.member_info_cmp(a, b));
    let mut cursor = 0usize;
    for (t, &count) in g.counts.iter().enumerate() {
        // Every topic in g.topics has a subscriber, so the skipping loop ends.
        if !members.iter().any(|&m| g.subscribes(m, t)) {
            continue;
        }
        for p in 0..count {
            // while (!subscribed(assigner.peek())) assigner.next();
            while !g.subscribes(members[cursor], t) {
                cursor = (cursor + 1) % members.len();
            }
            out[members[cursor]].push((t, p));
            cursor = (cursor + 1) % members.len();
        }
    }
    out
}
