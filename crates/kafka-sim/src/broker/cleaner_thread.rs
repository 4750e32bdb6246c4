//! The broker's log cleaner thread (`LogCleaner.CleanerThread#doWork`): every running
//! broker compacts its own copies of compacted partitions, the filthiest first, and after
//! each attempt runs `deleteOldSegments` on every compacted log. With nothing to clean
//! it sleeps `log.cleaner.backoff.ms`. The rules are `log_cleaner.rs`.

use crate::broker::BrokerId;
use crate::event::Event;
use crate::log_cleaner;
use crate::log_retention;
use crate::Cluster;

impl Cluster {
    /// Runs the cleaner of every running broker whose schedule falls now.
    pub(crate) fn run_cleaners(&mut self, out: &mut Vec<Event>) {
        if !self
            .topics
            .values()
            .any(|t| t.config.cleanup_policy.compacts())
        {
            return;
        }
        let now = self.now_ms;
        let due: Vec<BrokerId> = self
            .brokers
            .iter()
            .filter(|b| b.is_up() && log_cleaner::is_check_instant(now - b.started_ms))
            .map(|b| b.id)
            .collect();
        for b in due {
            loop {
                let cleaned = self.clean_filthiest(b, now, out);
                // deletableLogs, then deleteOldSegments on each.
                self.delete_old_segments(b, true, out);
                if !cleaned {
                    break;
                }
            }
        }
    }

    /// `cleanFilthiestLog`: cleans the due log of the highest dirty ratio on broker `b`.
    fn clean_filthiest(&mut self, b: BrokerId, now: i64, out: &mut Vec<Event>) -> bool {
        let mut filthiest: Option<(f64, std::sync::Arc<str>, usize)> = None;
        for t in self.topics.values() {
            for (i, p) in t.partitions.iter().enumerate() {
                let Some(c) = p.copy(b) else { continue };
                let Some(tc) = log_cleaner::to_clean(c.log(), &t.config, now) else {
                    continue;
                };
                if tc.is_due(&t.config) && filthiest.as_ref().is_none_or(|f| tc.dirty_ratio() > f.0)
                {
                    filthiest = Some((tc.dirty_ratio(), t.name.clone(), i));
                }
            }
        }
        let Some((_, name, i)) = filthiest else {
            return false;
        };
        let Some(topic) = self.topics.get_mut(&name) else {
            return false;
        };
        let config = topic.config.clone();
        let partition = &mut topic.partitions[i];
        let id = partition.id;
        let Some(copy) = partition.copy_mut(b) else {
            return false;
        };
        let Some(tc) = log_cleaner::to_clean(copy.log(), &config, now) else {
            return false;
        };
        let done = log_cleaner::clean(copy.log_mut(), &config, &tc, now);
        out.push(Event::LogCleaned {
            topic: name,
            partition: id,
            broker: b,
            from: done.from,
            to: done.to,
            removed: done.removed as u64,
            tombstones_removed: done.tombstones_removed as u64,
            segments_before: done.segments.0 as u32,
            segments_after: done.segments.1 as u32,
        });
        true
    }

    /// The first instant a broker's cleaner will clean or delete something: its next look
    /// for work, or the first look after a segment passes a compaction lag or retention.
    pub(crate) fn cleaner_deadlines(&self, out: &mut Vec<i64>) {
        let compacted: Vec<_> = self
            .topics
            .values()
            .filter(|t| t.config.cleanup_policy.compacts())
            .collect();
        if compacted.is_empty() {
            return;
        }
        for b in self.brokers.iter().filter(|b| b.is_up()) {
            let look = |at: i64| {
                b.started_ms
                    .saturating_add(log_cleaner::next_check_at_or_after(at - b.started_ms))
            };
            let mut candidates = vec![look(self.now_ms + 1)];
            for t in &compacted {
                for p in &t.partitions {
                    let Some(c) = p.copy(b.id) else { continue };
                    for at in log_cleaner::time_thresholds(c.log(), &t.config) {
                        candidates.push(look(at.max(self.now_ms + 1)));
                    }
                    for at in log_retention::time_thresholds(c.log(), &t.config) {
                        candidates.push(look(at.max(self.now_ms + 1)));
                    }
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            let acts = |at: i64| {
                compacted.iter().any(|t| {
                    t.partitions.iter().any(|p| {
                        p.copy(b.id).is_some_and(|c| {
                            log_cleaner::to_clean(c.log(), &t.config, at)
                                .is_some_and(|tc| tc.is_due(&t.config))
                                || !log_retention::plan(c.log(), &t.config, at).is_empty()
                        })
                    })
                })
            };
            if let Some(at) = candidates.into_iter().find(|at| acts(*at)) {
                out.push(at);
            }
        }
    }
}
