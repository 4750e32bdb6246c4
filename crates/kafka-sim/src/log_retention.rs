//! Retention (`cleanup.policy=delete`): which whole segments the broker's log-retention
//! task removes, and when it runs.
//!
//! * `LogManager` schedules `kafka-log-retention` every `log.retention.check.interval.ms`
//!   (default 300000) after an initial delay of `log.initial.task.delay.ms` (internal,
//!   default 30000); each run calls `UnifiedLog#deleteOldSegments` on every log whose
//!   policy is `delete` only. Compacted logs (`compact`, `compact,delete`) are the
//!   cleaner thread's, which runs `deleteOldSegments` after each cleaning attempt
//!   (`log_cleaner.rs`).
//! * `deleteOldSegments` (UnifiedLog, Kafka 4.x): the log-start-offset breach (segments
//!   whose next segment starts at or below the log start offset: a follower that took
//!   its leader's start), then `deleteRetentionSizeBreachedSegments`, then
//!   `deleteRetentionMsBreachedSegments`; without `delete` only the first.
//! * `deletableSegments`: from the oldest segment, while the predicate holds, the
//!   segment lies wholly below the high watermark (`highWatermark >= upperBoundOffset`,
//!   "to ensure that the log start offset can never exceed it") and it is not an empty
//!   last segment; the first segment that fails stops the walk.
//! * Time: `now - segment.largestTimestamp > retention.ms` (-1: never).
//! * Size: with `diff = size - retention.bytes` (nothing when the log is smaller, -1:
//!   never), a segment goes while `diff - segment.size >= 0`, taking its size off `diff`:
//!   the log may stay above the limit by up to one segment.

use crate::partition_log::PartitionLog;
use crate::topic_config::TopicConfig;

/// `log.retention.check.interval.ms`, the broker default (not a topic config).
pub const LOG_RETENTION_CHECK_INTERVAL_MS: i64 = 300_000;

/// `log.initial.task.delay.ms` (default 30000): the first retention run, after start.
pub const INITIAL_TASK_DELAY_MS: i64 = 30_000;

/// Why segments were deleted, in Kafka's log words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Breach {
    /// The log start offset moved past whole segments (`LogStartOffsetBreach`).
    LogStartOffset,
    /// `retention.bytes` (`RetentionSizeBreach`).
    RetentionSize,
    /// `retention.ms` (`RetentionMsBreach`).
    RetentionMs,
}

impl Breach {
    /// As the broker's log says it ("retention size in bytes 1048576 breach").
    pub fn describe(self, config: &TopicConfig) -> String {
        match self {
            Self::LogStartOffset => "log start offset breach".to_string(),
            Self::RetentionSize => {
                format!("retention size in bytes {} breach", config.retention_bytes)
            }
            Self::RetentionMs => format!("retention time {}ms breach", config.retention_ms),
        }
    }
}

/// One deletion: how many of the oldest segments and records went, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deletion {
    /// Why.
    pub breach: Breach,
    /// Segments deleted.
    pub segments: usize,
    /// Records deleted.
    pub records: usize,
    /// The log start offset after.
    pub log_start_offset: i64,
}

/// The first run of the retention task after `now` (broker clock from 0).
pub fn next_check_after(now: i64) -> i64 {
    if now < INITIAL_TASK_DELAY_MS {
        return INITIAL_TASK_DELAY_MS;
    }
    let runs = (now - INITIAL_TASK_DELAY_MS) / LOG_RETENTION_CHECK_INTERVAL_MS + 1;
    runs.saturating_mul(LOG_RETENTION_CHECK_INTERVAL_MS)
        .saturating_add(INITIAL_TASK_DELAY_MS)
}

/// True when `at` is an instant the retention task runs.
pub fn is_check_instant(at: i64) -> bool {
    at >= INITIAL_TASK_DELAY_MS
        && (at - INITIAL_TASK_DELAY_MS) % LOG_RETENTION_CHECK_INTERVAL_MS == 0
}

/// How many of the oldest segments `deletableSegments` gives for `predicate`.
fn deletable(log: &PartitionLog, mut predicate: impl FnMut(usize) -> bool) -> usize {
    let segments = log.segments();
    let mut count = 0;
    for (i, segment) in segments.iter().enumerate() {
        let next = segments.get(i + 1);
        let upper = next.map_or(log.log_end_offset(), |n| n.base_offset);
        let last_and_empty = next.is_none() && segment.size_bytes == 0;
        if log.high_watermark() >= upper && !last_and_empty && predicate(i) {
            count += 1;
        } else {
            break;
        }
    }
    count
}

/// What one run of the retention task deletes from `log` at `now`, without deleting.
pub fn plan(log: &PartitionLog, config: &TopicConfig, now: i64) -> Vec<(Breach, usize)> {
    let mut out = Vec::new();
    let segments = log.segments();
    let mut skip = deletable(log, |i| {
        segments
            .get(i + 1)
            .is_some_and(|next| next.base_offset <= log.log_start_offset())
    });
    if skip > 0 {
        out.push((Breach::LogStartOffset, skip));
    }
    if !config.cleanup_policy.deletes() {
        return out;
    }
    let gone: u64 = segments[..skip].iter().map(|s| s.size_bytes).sum();
    let size = (log.size_bytes() - gone) as i64;
    if config.retention_bytes >= 0 && size >= config.retention_bytes {
        let mut diff = size - config.retention_bytes;
        let n = deletable(log, |i| {
            if i < skip {
                return true;
            }
            let this = segments[i].size_bytes as i64;
            if diff - this >= 0 {
                diff -= this;
                true
            } else {
                false
            }
        })
        .saturating_sub(skip);
        if n > 0 {
            out.push((Breach::RetentionSize, n));
            skip += n;
        }
    }
    if config.retention_ms >= 0 {
        let n = deletable(log, |i| {
            i < skip
                || segments[i]
                    .largest_timestamp
                    .is_some_and(|t| now - t > config.retention_ms)
        })
        .saturating_sub(skip);
        if n > 0 {
            out.push((Breach::RetentionMs, n));
        }
    }
    out
}

/// The instants from which a segment of `log` is old enough for `retention.ms`
/// (`now - largestTimestamp > retention.ms`), so that [`plan`] may change with time alone.
pub fn time_thresholds(log: &PartitionLog, config: &TopicConfig) -> Vec<i64> {
    if !config.cleanup_policy.deletes() || config.retention_ms < 0 {
        return Vec::new();
    }
    log.segments()
        .iter()
        .filter_map(|s| s.largest_timestamp)
        .map(|t| t.saturating_add(config.retention_ms).saturating_add(1))
        .collect()
}

/// The first run at or after `at` of a task that runs `INITIAL_TASK_DELAY_MS` after
/// start, then every `LOG_RETENTION_CHECK_INTERVAL_MS` (broker clock from 0).
pub fn next_check_at_or_after(at: i64) -> i64 {
    next_check_after(at - 1)
}

/// Runs the retention task on `log` at `now`: deletes what [`plan`] finds.
pub fn run(log: &mut PartitionLog, config: &TopicConfig, now: i64) -> Vec<Deletion> {
    plan(log, config, now)
        .into_iter()
        .map(|(breach, segments)| {
            let records = log.delete_oldest_segments(segments);
            Deletion {
                breach,
                segments,
                records,
                log_start_offset: log.log_start_offset(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Record;

    /// A log of `n` records, one every `gap` ms from 0, rolling every `per` records
    /// (segment.ms just below `per * gap`), with the high watermark at `hw`.
    fn log(n: i64, gap: i64, per: i64, hw: i64) -> (PartitionLog, TopicConfig) {
        let config = TopicConfig {
            segment_ms: per * gap - 1,
            ..TopicConfig::default()
        };
        let mut log = PartitionLog::default();
        for i in 0..n {
            let r = Record {
                offset: 0,
                timestamp: i * gap,
                key: Some("k".into()),
                value: Some("v".into()),
                headers: Default::default(),
                producer: crate::producer_state::ProducerTag::NONE,
            };
            let bytes = r.batch_size_in_bytes();
            log.append(r, bytes, config.segment_bytes, config.segment_ms);
        }
        log.set_high_watermark(hw);
        (log, config)
    }

    #[test]
    fn the_task_runs_30_s_after_start_then_every_5_minutes() {
        assert_eq!(next_check_after(0), 30_000);
        assert_eq!(next_check_after(30_000), 330_000);
        assert_eq!(next_check_after(329_999), 330_000);
        assert!(is_check_instant(630_000) && !is_check_instant(600_000));
    }

    #[test]
    fn time_retention_deletes_whole_segments_older_than_retention_ms() {
        // 9 records a minute apart, 3 a segment: segments of 0-2, 3-5, 6-8.
        let (mut l, mut c) = log(9, 60_000, 3, 9);
        assert_eq!(l.segments().len(), 3);
        c.retention_ms = 200_000;
        // At 420 s: the first segment's newest record (120 s) is 300 s old, the second's
        // (300 s) only 120 s.
        let d = run(&mut l, &c, 420_000);
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].segments, d[0].records, d[0].log_start_offset),
            (1, 3, 3)
        );
        assert_eq!(l.log_start_offset(), 3);
        assert_eq!(l.record(3).map(|r| r.offset), Some(3));
        assert!(l.record(2).is_none());
        // Offsets are not renumbered: the next append still gets 9.
        assert_eq!(l.log_end_offset(), 9);
    }

    #[test]
    fn nothing_at_or_above_the_high_watermark_goes() {
        // Everything is old, but only 4 records are replicated: the first segment (0-2)
        // lies below the high watermark, the second (3-5) does not.
        let (mut l, mut c) = log(9, 60_000, 3, 4);
        c.retention_ms = 1;
        let d = run(&mut l, &c, 10_000_000);
        assert_eq!(d[0].segments, 1);
        assert_eq!(l.log_start_offset(), 3);
        assert!(l.log_start_offset() <= l.high_watermark());
    }

    #[test]
    fn every_segment_old_rolls_a_new_active_one_at_the_log_end() {
        let (mut l, mut c) = log(6, 60_000, 3, 6);
        c.retention_ms = 1;
        run(&mut l, &c, 10_000_000);
        assert_eq!(l.log_start_offset(), 6);
        assert_eq!(l.log_end_offset(), 6);
        assert_eq!(l.segments().len(), 1);
        assert_eq!(l.segments()[0].base_offset, 6);
        // An empty last segment is never deleted: the next run finds nothing.
        assert!(plan(&l, &c, 20_000_000).is_empty());
    }

    #[test]
    fn size_retention_keeps_the_log_at_most_one_segment_over() {
        let (mut l, mut c) = log(9, 60_000, 3, 9);
        let segment = l.segments()[0].size_bytes as i64;
        // A limit of one and a half segments: one goes, and the log stays above it.
        c.retention_bytes = segment + segment / 2;
        let d = run(&mut l, &c, 0);
        assert_eq!((d[0].breach, d[0].segments), (Breach::RetentionSize, 1));
        // diff = 3s - 1.5s = 1.5s: the first goes (1.5 - 1 >= 0), the second does not.
        assert_eq!(l.segments().len(), 2);
        assert!(l.size_bytes() as i64 > c.retention_bytes);
    }

    #[test]
    fn a_follower_deletes_the_segments_below_the_start_its_leader_gave_it() {
        let (mut l, c) = log(9, 60_000, 3, 9);
        // The leader's start is 7: the follower's segments stay until retention runs.
        l.advance_log_start_offset(7);
        assert_eq!(l.log_start_offset(), 7);
        assert_eq!(l.segments().len(), 3);
        assert!(l.record(6).is_none() && l.record(7).is_some());
        // Then the segments wholly below 7 go (0-2 and 3-5); the one holding 7 stays,
        // with its base and bytes.
        let d = run(&mut l, &c, 0);
        assert_eq!((d[0].breach, d[0].segments), (Breach::LogStartOffset, 2));
        assert_eq!(l.segments()[0].base_offset, 6);
        assert_eq!(l.log_start_offset(), 7);
    }

    #[test]
    fn compact_only_topics_are_not_touched_and_minus_one_is_forever() {
        let (l, mut c) = log(9, 60_000, 3, 9);
        c.retention_ms = -1;
        assert!(plan(&l, &c, i64::MAX / 2).is_empty());
        c.retention_ms = 1;
        c.cleanup_policy = crate::topic_config::CleanupPolicy::Compact;
        assert!(plan(&l, &c, i64::MAX / 2).is_empty());
        // compact,delete: retention by time too (run by the cleaner thread).
        c.cleanup_policy = crate::topic_config::CleanupPolicy::DeleteAndCompact;
        assert!(!plan(&l, &c, i64::MAX / 2).is_empty());
    }
}
