//! The broker's `LogManager` retention task: every running broker deletes the old
//! segments of its own copies (`LogManager#cleanupLogs`, scheduled as
//! `kafka-log-retention` from the broker's start). The rule itself is `log_retention.rs`.

use crate::event::Event;
use crate::log_retention::{self, next_check_after};
use crate::Cluster;

impl Cluster {
    /// Runs the retention task of every running broker whose schedule falls now.
    pub(crate) fn run_retention(&mut self, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let due: Vec<_> = self
            .brokers
            .iter()
            .filter(|b| b.is_up() && log_retention::is_check_instant(now - b.started_ms))
            .map(|b| b.id)
            .collect();
        if due.is_empty() {
            return;
        }
        for topic in self.topics.values_mut() {
            for partition in &mut topic.partitions {
                for &b in &due {
                    let Some(copy) = partition.copy_mut(b) else {
                        continue;
                    };
                    let deleted = log_retention::run(copy.log_mut(), &topic.config, now);
                    if !deleted.is_empty() {
                        // Parked followers learn the new log start offset at the end of
                        // their fetch wait.
                        partition.schedule_parked(b, now);
                    }
                    for d in deleted {
                        out.push(Event::SegmentsDeleted {
                            topic: topic.name.clone(),
                            partition: partition.id,
                            broker: b,
                            reason: d.breach.describe(&topic.config),
                            segments: d.segments as u32,
                            records: d.records as u64,
                            log_start_offset: d.log_start_offset,
                        });
                    }
                }
            }
        }
    }

    /// The next run of a broker's retention task that will delete something (a run that
    /// deletes nothing changes nothing anyone sees).
    pub(crate) fn retention_deadlines(&self, out: &mut Vec<i64>) {
        for b in self.brokers.iter().filter(|b| b.is_up()) {
            let at = b.started_ms + next_check_after(self.now_ms - b.started_ms);
            let deletes = self.topics.values().any(|t| {
                t.partitions.iter().any(|p| {
                    p.copy(b.id)
                        .is_some_and(|c| !log_retention::plan(c.log(), &t.config, at).is_empty())
                })
            });
            if deletes {
                out.push(at);
            }
        }
    }
}
