//! The broker's `LogManager` retention task: every running broker deletes the old
//! segments of its own copies (`LogManager#cleanupLogs`, scheduled as
//! `kafka-log-retention` from the broker's start). The rule itself is `log_retention.rs`.

use crate::broker::BrokerId;
use crate::event::Event;
use crate::log_retention;
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
        // LogManager#cleanupLogs: compacted logs are the cleaner's (`pauseCleaningFor
        // NonCompactedPartitions` hands it only the others).
        for b in due {
            self.delete_old_segments(b, false, out);
        }
    }

    /// `UnifiedLog#deleteOldSegments` on broker `b`'s copies of the compacted topics (the
    /// cleaner's) or of the others (the retention task's).
    pub(crate) fn delete_old_segments(
        &mut self,
        b: BrokerId,
        compacted: bool,
        out: &mut Vec<Event>,
    ) {
        let now = self.now_ms;
        for topic in self
            .topics
            .values_mut()
            .filter(|t| t.config.cleanup_policy.compacts() == compacted)
        {
            for partition in &mut topic.partitions {
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

    /// The first run of a broker's retention task that will delete something (a run
    /// that deletes nothing changes nothing anyone sees): its next run, or the first
    /// after a segment grows older than `retention.ms`.
    pub(crate) fn retention_deadlines(&self, out: &mut Vec<i64>) {
        let topics: Vec<_> = self
            .topics
            .values()
            .filter(|t| !t.config.cleanup_policy.compacts())
            .collect();
        for b in self.brokers.iter().filter(|b| b.is_up()) {
            let run_at = |at: i64| {
                b.started_ms
                    .saturating_add(log_retention::next_check_at_or_after(at - b.started_ms))
            };
            let mut candidates = vec![run_at(self.now_ms + 1)];
            for t in &topics {
                for p in &t.partitions {
                    if let Some(c) = p.copy(b.id) {
                        candidates.extend(
                            log_retention::time_thresholds(c.log(), &t.config)
                                .into_iter()
                                .map(|at| run_at(at.max(self.now_ms + 1))),
                        );
                    }
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            let deletes = |at: i64| {
                topics.iter().any(|t| {
                    t.partitions.iter().any(|p| {
                        p.copy(b.id).is_some_and(|c| {
                            !log_retention::plan(c.log(), &t.config, at).is_empty()
                        })
                    })
                })
            };
            if let Some(at) = candidates.into_iter().find(|at| deletes(*at)) {
                out.push(at);
            }
        }
    }
}
