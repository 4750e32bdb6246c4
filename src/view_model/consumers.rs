//! Consumers and groups as the views draw them: cards, `--describe` rows, poll logs and
//! offset marks.

use std::sync::Arc;

use kafka_sim::event::Event;
use kafka_sim::Cluster;

/// A consumer card.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ConsumerModel {
    /// Name (client.id).
    pub name: Arc<str>,
    /// group.id.
    pub group: String,
    /// Running, Crashed or Closed.
    pub liveness: &'static str,
    /// Member id, while a member.
    pub member_id: Option<Arc<str>>,
    /// Owned partitions, to list and to point at their rows in the log.
    pub owned: Vec<(Arc<str>, u32)>,
    /// What it is doing now.
    pub activity: Activity,
}

/// What a consumer is doing, as its card says it: the engine's query.
pub use kafka_sim::consumer::Activity;

/// The consumers of one group, with the group's state, for the cards beside the brokers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GroupCardsModel {
    /// group.id.
    pub group: String,
    /// Group state name (`Empty` before the coordinator knows the group).
    pub state: &'static str,
    /// Generation (the group epoch, for a consumer-protocol group).
    pub generation: i32,
    /// Whether it speaks the consumer protocol (KIP-848): it has epochs, not generations.
    pub epochs: bool,
    /// Its consumers, by name.
    pub consumers: Vec<ConsumerModel>,
}

/// Consumers grouped by `group.id`, groups in id order.
pub fn consumer_cards(cluster: &Cluster) -> Vec<GroupCardsModel> {
    let mut out: Vec<GroupCardsModel> = Vec::new();
    for c in consumers(cluster) {
        if let Some(g) = out.iter_mut().find(|g| g.group == c.group) {
            g.consumers.push(c);
            continue;
        }
        let group = cluster.group(&c.group);
        out.push(GroupCardsModel {
            group: c.group.clone(),
            state: group.map_or("Empty", |g| g.state.name()),
            generation: group.map_or(0, |g| g.generation),
            epochs: group.is_some_and(|g| g.modern.is_some()),
            consumers: vec![c],
        });
    }
    // A group with no member and no running consumer has been shut down: its cards
    // would only crowd the picture (`--describe` still lists it).
    out.retain(|g| {
        g.state != "Empty"
            || g.consumers
                .iter()
                .any(|c| !matches!(c.activity, Activity::Closed | Activity::Crashed))
    });
    kafka_sim::sort::sort_by(&mut out, |a, b| a.group.cmp(&b.group));
    out
}

/// Which group cards a step is about: the groups whose consumers its commands name
/// (`poll c1`, `commit c1`, ...). When it names none, all of them while there are at
/// most two, else none: the rest fold to one line each, so the panel that matters is not
/// pushed below the fold by finished groups.
pub fn focused_groups(commands: &[kafka_sim::Command], cards: &[GroupCardsModel]) -> Vec<bool> {
    let named: Vec<String> = commands
        .iter()
        .filter_map(|c| c.to_string().split_whitespace().nth(1).map(str::to_string))
        .collect();
    let focus: Vec<bool> = cards
        .iter()
        .map(|g| {
            g.consumers
                .iter()
                .any(|c| named.iter().any(|n| **n == *c.name))
        })
        .collect();
    if focus.iter().any(|f| *f) {
        focus
    } else {
        vec![cards.len() <= 2; cards.len()]
    }
}

/// Every consumer, by name.
pub fn consumers(cluster: &Cluster) -> Vec<ConsumerModel> {
    cluster
        .consumers()
        .map(|c| ConsumerModel {
            name: c.name.clone(),
            group: c.config.group_id.clone(),
            liveness: match c.liveness {
                kafka_sim::consumer::Liveness::Running => "running",
                kafka_sim::consumer::Liveness::Crashed => "crashed",
                kafka_sim::consumer::Liveness::Closed => "closed",
            },
            member_id: c
                .member_id
                .clone()
                .or_else(|| c.membership.as_ref().map(|m| m.member_id.clone())),
            // A consumer that is no longer a member owns nothing, whatever its dead
            // process last held; a crashed member still does until its session expires.
            owned: if c.member_id.is_some()
                || c.membership.as_ref().is_some_and(|m| {
                    m.state == kafka_sim::consumer::membership::MembershipState::Member
                }) {
                c.owned.iter().cloned().collect()
            } else {
                Vec::new()
            },
            activity: c.activity(),
        })
        .collect()
}

/// A group card: state, generation and the `kafka-consumer-groups --describe` rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupModel {
    /// group.id.
    pub id: Arc<str>,
    /// State name.
    pub state: &'static str,
    /// Generation.
    pub generation: i32,
    /// Assignor in use.
    pub protocol: Option<&'static str>,
    /// `Classic` or `Consumer` (the protocol), as `--describe --state` prints TYPE.
    pub group_type: &'static str,
    /// Rows.
    pub rows: Vec<kafka_sim::group::DescribeRow>,
    /// Sum of lag; `None` while no row has a lag (nothing committed).
    pub total_lag: Option<i64>,
}

/// Every group, by id.
pub fn groups(cluster: &Cluster) -> Vec<GroupModel> {
    cluster
        .groups()
        .map(|g| {
            let rows = g.describe(cluster);
            GroupModel {
                id: g.id.clone(),
                state: g.state.name(),
                generation: g.generation,
                protocol: g.assignor_name(),
                group_type: match g.group_type {
                    kafka_sim::group::GroupType::Classic => "Classic",
                    kafka_sim::group::GroupType::Consumer => "Consumer",
                },
                total_lag: rows
                    .iter()
                    .any(|r| r.lag.is_some())
                    .then(|| rows.iter().filter_map(|r| r.lag).sum()),
                rows,
            }
        })
        .collect()
}

/// One line of a consumer's log: `topic/partition/offset key=value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// Which consumer read it.
    pub consumer: Arc<str>,
    /// The line.
    pub text: String,
    /// The record's key (`null` for none).
    pub key: String,
    /// The record's value (`null` for none).
    pub value: String,
}

/// Each key's values in the order the step's polls returned them (keys in first-read
/// order). Within a key this is produce order: one key, one partition, offsets in order.
/// Per consumer when more than one polled in the step (`[c1] user-1`).
pub fn per_key(lines: &[LogLine]) -> Vec<(String, Vec<String>)> {
    let several = lines.iter().any(|l| l.consumer != lines[0].consumer);
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for l in lines {
        let label = if several {
            format!("[{}] {}", l.consumer, l.key)
        } else {
            l.key.clone()
        };
        match out.iter_mut().find(|(k, _)| *k == label) {
            Some((_, vs)) => vs.push(l.value.clone()),
            None => out.push((label, vec![l.value.clone()])),
        }
    }
    out
}

/// The records this step's polls returned, as log lines (values read from the log).
pub fn poll_log(events: &[Event], cluster: &Cluster) -> Vec<LogLine> {
    let mut lines = Vec::new();
    for e in events {
        if let Event::RecordsPolled { consumer, records } = e {
            for (topic, partition, offset) in records {
                let record = cluster
                    .log(topic, *partition)
                    .and_then(|l| l.record(*offset));
                let key = record.and_then(|r| r.key.as_deref()).unwrap_or("null");
                let value = record.and_then(|r| r.value.as_deref()).unwrap_or("null");
                lines.push(LogLine {
                    consumer: consumer.clone(),
                    text: format!("{topic}/{partition}/{offset} {key}={value}"),
                    key: key.to_string(),
                    value: value.to_string(),
                });
            }
        }
    }
    lines
}

/// A mark on a partition's log: a group's committed offset or a consumer's position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsetMark {
    /// Label (group id or consumer name).
    pub label: String,
    /// The offset it points at (the next to read).
    pub offset: i64,
    /// True for a committed offset, false for a consumer's position.
    pub committed: bool,
}

/// Committed offsets and the positions of running consumers on one partition.
pub fn offset_marks(cluster: &Cluster, topic: &str, partition: u32) -> Vec<OffsetMark> {
    let tp: kafka_sim::consumer::TopicPartition = (Arc::from(topic), partition);
    let mut marks = Vec::new();
    for g in cluster.groups() {
        if let Some(o) = g.committed.get(&tp) {
            marks.push(OffsetMark {
                label: g.id.to_string(),
                offset: *o,
                committed: true,
            });
        }
    }
    // A crashed or closed consumer has no position any more: its process is gone, and
    // only the group's committed offset says where a successor starts.
    for c in cluster
        .consumers()
        .filter(|c| c.liveness == kafka_sim::consumer::Liveness::Running)
    {
        if let Some(o) = c.positions.get(&tp) {
            marks.push(OffsetMark {
                label: c.name.to_string(),
                offset: *o,
                committed: false,
            });
        }
    }
    marks
}

#[cfg(test)]
mod consumer_view_tests {
    use super::*;

    #[test]
    fn the_groups_a_step_works_with_stay_open_and_the_others_fold() {
        let mut c = Cluster::default();
        c.apply_script("create-topic t\ncreate-consumer a1 group=a\nsubscribe a1 topics=t\npoll a1\ncreate-consumer b1 group=b\nsubscribe b1 topics=t\npoll b1\ncreate-consumer z1 group=z\nsubscribe z1 topics=t\npoll z1\n").unwrap();
        let cards = consumer_cards(&c);
        let step: Vec<kafka_sim::Command> = vec!["poll b1".parse().unwrap()];
        assert_eq!(focused_groups(&step, &cards), vec![false, true, false]);
        assert_eq!(
            focused_groups(&[], &cards),
            vec![false, false, false],
            "three groups, none named"
        );
        assert_eq!(focused_groups(&[], &cards[..2]), vec![true, true]);
    }

    #[test]
    fn poll_lines_and_marks_follow_the_engine() {
        let mut c = Cluster::default();
        let mut events = Vec::new();
        for cmd in kafka_sim::command::parse_script(
        "create-topic t partitions=3\nproduce t key=user-1 value=login\ncreate-consumer c1 group=g auto.offset.reset=earliest enable.auto.commit=false\nsubscribe c1 topics=t\npoll c1\ncommit c1\n",
    )
    .unwrap()
    {
        events.extend(c.apply(&cmd).unwrap());
    }
        let lines = poll_log(&events, &c);
        assert_eq!(
            lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
            vec!["t/2/0 user-1=login"]
        );
        let marks = offset_marks(&c, "t", 2);
        assert_eq!(marks.len(), 2);
        assert!(marks.iter().all(|m| m.offset == 1));
        // Issue 11: a crashed consumer's position stayed drawn. Only the committed
        // offset is left once it is gone.
        c.apply(&"crash-consumer c1".parse().unwrap()).unwrap();
        let marks = offset_marks(&c, "t", 2);
        assert_eq!(marks.len(), 1);
        assert!(marks[0].committed);
        let g = &groups(&c)[0];
        assert_eq!((g.state, g.generation, g.total_lag), ("Stable", 1, Some(0)));
        let owned: Vec<String> = consumers(&c)[0]
            .owned
            .iter()
            .map(kafka_sim::consumer::tp_name)
            .collect();
        assert_eq!(owned, vec!["t-0", "t-1", "t-2"]);
    }
}
