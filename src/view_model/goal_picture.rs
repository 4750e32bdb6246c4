//! The small picture of a challenge's goal: what the known solution leaves in the
//! cluster, read from the engine's state (never recomputed): each partition that holds
//! records, with its keys and, on a replicated topic, its leader; each group's state and
//! lag.

use kafka_sim::Cluster;

/// One line of the picture.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoalLine {
    /// A partition with records.
    Partition {
        /// `topic-partition`.
        name: String,
        /// Records in its log.
        records: usize,
        /// Its distinct keys, in offset order (`null` for records without one).
        keys: Vec<String>,
        /// The leader, when the topic is replicated.
        leader: Option<Option<i32>>,
    },
    /// A consumer group.
    Group {
        /// Group id.
        id: String,
        /// Its state as kafka-consumer-groups prints it.
        state: &'static str,
        /// Its total lag.
        lag: i64,
    },
}

/// At most this many partition lines: a picture, not a listing.
const MAX_PARTITIONS: usize = 12;

/// The picture of `cluster`.
pub fn goal_picture(cluster: &Cluster) -> Vec<GoalLine> {
    let mut out = Vec::new();
    for t in cluster.topics() {
        for p in &t.partitions {
            let records: Vec<_> = p
                .log()
                .records()
                .iter()
                .filter(|r| !r.producer.is_empty_batch())
                .collect();
            let replicated = t.replication_factor > 1;
            if records.is_empty() && !replicated {
                continue;
            }
            let mut keys: Vec<String> = Vec::new();
            for r in &records {
                let k = r.key.as_deref().unwrap_or("null").to_string();
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
            keys.truncate(4);
            out.push(GoalLine::Partition {
                name: format!("{}-{}", t.name, p.id),
                records: records.len(),
                keys,
                leader: replicated.then(|| p.leader()),
            });
        }
    }
    out.truncate(MAX_PARTITIONS);
    for g in cluster.groups() {
        out.push(GoalLine::Group {
            id: g.id.to_string(),
            state: g.state.name(),
            lag: g.total_lag(cluster),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_picture_lists_partitions_with_records_and_groups() {
        let mut c = Cluster::new(1, 7);
        for line in [
            "create-topic orders partitions=3",
            "produce orders key=order-100 value=a",
            "produce orders key=order-100 value=b",
        ] {
            c.apply(&line.parse().unwrap()).unwrap();
        }
        let p = goal_picture(&c);
        assert_eq!(
            p,
            vec![GoalLine::Partition {
                name: "orders-1".into(),
                records: 2,
                keys: vec!["order-100".into()],
                leader: None
            }]
        );
    }
}
