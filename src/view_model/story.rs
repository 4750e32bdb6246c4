//! What a step did, in a few sentences for the screen reader's live region ("record
//! user-1 appended to user-events partition 2 at offset 4"): read from the step's
//! events, never recomputed. Brokers, elections and replication are told as the brokers
//! panel tells them (`replication_news`).

use std::sync::Arc;

use kafka_sim::Event;

/// One thing a step did, as the live region tells it (text.rs words it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Told {
    /// A topic was created.
    TopicCreated { topic: Arc<str>, partitions: u32 },
    /// Partitions were added.
    PartitionsAdded { topic: Arc<str>, to: u32 },
    /// One record appended (the first few of a step are told one by one).
    Appended {
        key: Option<Arc<str>>,
        topic: Arc<str>,
        partition: u32,
        offset: i64,
    },
    /// The rest of a step's appends, counted.
    AppendedMore { count: usize },
    /// A consumer's poll returned records.
    Polled { consumer: Arc<str>, count: usize },
    /// A group committed offsets.
    Committed {
        group: Arc<str>,
        offsets: Vec<(Arc<str>, u32, i64)>,
    },
    /// A rebalance ended in a new generation.
    Rebalanced { group: Arc<str>, generation: i32 },
    /// A consumer crashed.
    ConsumerCrashed { consumer: Arc<str> },
}

/// Appends told one by one before the rest are counted.
const APPENDS_TOLD: usize = 3;

/// What the step's `events` did, in order, for the live region.
pub fn story(events: &[Event]) -> Vec<Told> {
    let mut told = Vec::new();
    let mut appends = 0;
    for e in events {
        match e {
            Event::TopicCreated {
                topic, partitions, ..
            } => told.push(Told::TopicCreated {
                topic: topic.clone(),
                partitions: *partitions,
            }),
            Event::PartitionsAdded { topic, to, .. } => told.push(Told::PartitionsAdded {
                topic: topic.clone(),
                to: *to,
            }),
            Event::RecordAppended {
                topic,
                partition,
                offset,
                key,
                ..
            } => {
                appends += 1;
                if appends <= APPENDS_TOLD {
                    told.push(Told::Appended {
                        key: key.clone(),
                        topic: topic.clone(),
                        partition: *partition,
                        offset: *offset,
                    });
                }
            }
            Event::RecordsPolled { consumer, records } if !records.is_empty() => {
                told.push(Told::Polled {
                    consumer: consumer.clone(),
                    count: records.len(),
                })
            }
            Event::OffsetsCommitted { group, offsets, .. } => told.push(Told::Committed {
                group: group.clone(),
                offsets: offsets.clone(),
            }),
            Event::RebalanceCompleted {
                group, generation, ..
            } => told.push(Told::Rebalanced {
                group: group.clone(),
                generation: *generation,
            }),
            Event::ConsumerCrashed { consumer } => told.push(Told::ConsumerCrashed {
                consumer: consumer.clone(),
            }),
            _ => {}
        }
    }
    if appends > APPENDS_TOLD {
        let at = told
            .iter()
            .rposition(|t| matches!(t, Told::Appended { .. }))
            .map_or(told.len(), |i| i + 1);
        told.insert(
            at,
            Told::AppendedMore {
                count: appends - APPENDS_TOLD,
            },
        );
    }
    told
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lesson 1.2's step 2 appends user-1's record at offset 0 of partition 2, as the
    /// lesson's check says; step 3 appends 29 more.
    #[test]
    fn a_step_tells_its_appends_then_counts_the_rest() {
        let run = kafka_lessons::LessonRun::new(kafka_lessons::lesson("1.2").unwrap()).unwrap();
        assert_eq!(
            story(&run.steps[1].events),
            vec![Told::Appended {
                key: Some("user-1".into()),
                topic: "user-events".into(),
                partition: 2,
                offset: 0
            }]
        );
        let third = story(&run.steps[2].events);
        assert_eq!(third.len(), 4, "{third:?}");
        assert_eq!(third[3], Told::AppendedMore { count: 26 });
    }

    #[test]
    fn a_crash_a_rebalance_and_a_commit_are_told() {
        let run = kafka_lessons::LessonRun::new(kafka_lessons::lesson("1.4").unwrap()).unwrap();
        let all: Vec<Told> = run.steps.iter().flat_map(|s| story(&s.events)).collect();
        assert!(all
            .iter()
            .any(|t| matches!(t, Told::ConsumerCrashed { .. })));
        assert!(all.iter().any(|t| matches!(t, Told::Rebalanced { .. })));
        assert!(all.iter().any(|t| matches!(t, Told::Polled { .. })));
    }
}
