//! The strategy picker of lesson 1.4: the four assignors on two topics of three partitions,
//! and what moves when the last member leaves. Every number comes from
//! `kafka_sim::assignor::assign`, the code checked against Kafka's assignor tests.

use kafka_sim::collections::VecMap;

use kafka_sim::assignor::{assign, Assignment, Strategy, Subscription};
use kafka_sim::sort::map_of;

/// The topics the picker assigns, with their partition counts.
pub const PICKER_TOPICS: [(&str, u32); 2] = [("t0", 3), ("t1", 3)];
/// The strategies, in the order the picker offers them.
pub const STRATEGIES: [Strategy; 4] = [
    Strategy::Range,
    Strategy::RoundRobin,
    Strategy::Sticky,
    Strategy::CooperativeSticky,
];
/// Fewest and most members the picker offers.
pub const MEMBERS: std::ops::RangeInclusive<usize> = 2..=4;

/// One member's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    /// Member id (`C0`, `C1`, ... as in Kafka's assignor tests).
    pub member: String,
    /// Its partitions as `t0-1`, in topic then partition order.
    pub partitions: Vec<String>,
}

/// What the picker shows for one strategy and member count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrategyModel {
    /// The assignment of every member.
    pub rows: Vec<MemberRow>,
    /// After the last member leaves: the survivors' rows.
    pub after_leave: Vec<MemberRow>,
    /// Partitions that a surviving member owned and now does not (revoked).
    pub moved: Vec<String>,
}

fn member_id(i: usize) -> String {
    format!("C{i}")
}

fn rows(a: &Assignment) -> Vec<MemberRow> {
    a.iter()
        .map(|(m, topics)| MemberRow {
            member: m.clone(),
            partitions: topics
                .iter()
                .flat_map(|(t, ps)| ps.iter().map(move |p| format!("{t}-{p}")))
                .collect(),
        })
        .collect()
}

/// Runs `strategy` for `members` members subscribed to both topics, then again after the
/// last member left, each survivor reporting what it owned (generation 1), as it would in
/// its JoinGroup subscription.
pub fn strategy_model(strategy: Strategy, members: usize) -> Result<StrategyModel, String> {
    let partitions: VecMap<String, u32> =
        map_of(PICKER_TOPICS.iter().map(|(t, n)| (t.to_string(), *n)));
    let topics = PICKER_TOPICS.map(|(t, _)| t);
    let first: VecMap<String, Subscription> =
        map_of((0..members).map(|i| (member_id(i), Subscription::to(topics))));
    let before = assign(strategy, &partitions, &first).map_err(|e| e.to_string())?;
    let second: VecMap<String, Subscription> = map_of((0..members.saturating_sub(1)).map(|i| {
        let id = member_id(i);
        let owned = before.get(&id).cloned().unwrap_or_default();
        let sub = Subscription {
            owned,
            generation: Some(1),
            ..Subscription::to(topics)
        };
        (id, sub)
    }));
    let after = assign(strategy, &partitions, &second).map_err(|e| e.to_string())?;
    let after_rows = rows(&after);
    let moved = rows(&before)
        .into_iter()
        .filter_map(|r| {
            let now = after_rows.iter().find(|a| a.member == r.member)?;
            Some(
                r.partitions
                    .into_iter()
                    .filter(|p| !now.partitions.contains(p))
                    .collect::<Vec<_>>(),
            )
        })
        .flatten()
        .collect();
    Ok(StrategyModel {
        rows: rows(&before),
        after_leave: after_rows,
        moved,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(m: &StrategyModel) -> Vec<(&str, Vec<&str>)> {
        m.rows
            .iter()
            .map(|r| {
                (
                    r.member.as_str(),
                    r.partitions.iter().map(String::as_str).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn range_is_uneven_on_two_topics_and_roundrobin_is_even() {
        // RangeAssignor's javadoc example.
        let range = strategy_model(Strategy::Range, 2).unwrap();
        assert_eq!(
            parts(&range),
            vec![
                ("C0", vec!["t0-0", "t0-1", "t1-0", "t1-1"]),
                ("C1", vec!["t0-2", "t1-2"])
            ]
        );
        // RoundRobinAssignor's javadoc example.
        let rr = strategy_model(Strategy::RoundRobin, 2).unwrap();
        assert_eq!(
            parts(&rr),
            vec![
                ("C0", vec!["t0-0", "t0-2", "t1-1"]),
                ("C1", vec!["t0-1", "t1-0", "t1-2"])
            ]
        );
    }

    #[test]
    fn sticky_strategies_move_nothing_a_survivor_owns_when_a_member_leaves() {
        for members in MEMBERS {
            for s in [Strategy::Sticky, Strategy::CooperativeSticky] {
                let m = strategy_model(s, members).unwrap();
                assert_eq!(m.moved, Vec::<String>::new(), "{s:?} with {members}");
                assert_eq!(m.after_leave.len(), members - 1);
            }
        }
        // Range reshuffles: with 3 members, C1 loses t0-1 when C2 leaves.
        let range = strategy_model(Strategy::Range, 3).unwrap();
        assert!(!range.moved.is_empty());
    }
}
