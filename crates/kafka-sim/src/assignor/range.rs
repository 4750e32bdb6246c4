//! `RangeAssignor#assignPartitions` without racks: for each topic, its subscribers sorted
//! by `MemberInfo#compareTo`; the first `partitions % subscribers` of them get
//! `partitions / subscribers + 1` contiguous partitions, the rest one fewer
//! (`TopicAssignmentState#maxAssignable`, `RangeAssignor#assignRanges`).

use super::{Group, Tp};

pub(super) fn assign(g: &Group<'_>) -> Vec<Vec<Tp>> {
    let mut out: Vec<Vec<Tp>> = vec![Vec::new(); g.len()];
    for (t, &count) in g.counts.iter().enumerate() {
        // consumersPerTopic + Collections.sort(members).
        let mut consumers: Vec<usize> = (0..g.len()).filter(|&m| g.subscribes(m, t)).collect();
        if consumers.is_empty() {
            continue;
        }
        crate::sort::sort_by(&mut consumers, |&a, &b| g.member_info_cmp(a, b));
        let n = consumers.len() as u32;
        let per_consumer = count / n;
        let with_extra = count % n;
        let mut next = 0u32;
        for (i, &m) in consumers.iter().enumerate() {
            let len = per_consumer + u32::from((i as u32) < with_extra);
            out[m].extend((next..next + len).map(|p| (t, p)));
            next += len;
        }
    }
    out
}
