//! Compaction (`cleanup.policy=compact`): what the broker's log cleaner keeps of a log,
//! and when it cleans. Kafka's `LogCleaner` and `LogCleanerManager` (core/.../log/,
//! AK@1eb7644), `MemoryRecords#filterTo` and KIP-534 (tombstone delete horizons).
//!
//! * When: the cleaner thread cleans the filthiest log it may, again and again; with
//!   nothing to clean it sleeps `log.cleaner.backoff.ms` (15000). After every attempt it
//!   runs `deleteOldSegments` on every compacted log (for `compact,delete`, retention by
//!   time and size; for `compact`, only segments below the log start offset).
//! * Which part (`cleanableOffsets`): from the checkpoint (the first dirty offset; the
//!   log start before the first cleaning) up to the first uncleanable offset: the last
//!   stable offset, the active segment's base, and with `min.compaction.lag.ms` the first
//!   dirty segment whose newest record is younger than the lag, whichever comes first;
//!   then rounded down to a segment base (`calculateCleanableBytes`).
//! * Whether (`grabFilthiestCompactedLog`): the dirty ratio, cleanable bytes over clean
//!   plus cleanable bytes, is above `min.cleanable.dirty.ratio`, or a dirty segment's first
//!   record is older than `max.compaction.lag.ms` and there are cleanable bytes.
//! * What stays (`Cleaner#shouldRetainRecord`): every record above the dirty part's last
//!   offset; a keyed record whose offset is the latest for its key in the dirty part (or
//!   whose key the dirty part does not hold), unless it is a tombstone whose delete
//!   horizon has passed. The first cleaning that keeps a tombstone sets its horizon to
//!   `now + delete.retention.ms`. Records of aborted transactions go.
//! * Batches (`checkBatchRetention`): a batch whose records all go still keeps its header
//!   when it is an active producer's last batch, or the last batch before the first
//!   uncleanable offset (`RETAIN_EMPTY`).
//! * Segments (`groupSegmentsBySize`): the cleaned segments, old and newly cleaned, are
//!   rewritten in groups of at most `segment.bytes`, each into one segment named after its
//!   first; offsets never change.
//!
//! Not modelled: transaction markers always stay (Kafka removes them once their
//! transaction's records are gone and their own horizon passes); the offset map never
//! fills (128 MiB by default); a tombstone's horizon is the leader's and a follower's own
//! cleaner sets its own (Kafka copies it in the batch header).

use crate::partition_log::{PartitionLog, Segment};
use crate::producer_state::EMPTY_BATCH;
use crate::record::{Record, RECORD_BATCH_OVERHEAD};
use crate::topic_config::TopicConfig;

/// `log.cleaner.backoff.ms`: how long the cleaner sleeps when no log needs cleaning.
pub const LOG_CLEANER_BACKOFF_MS: i64 = 15_000;

/// A log the cleaner may clean (`LogToClean`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ToClean {
    /// Where the dirty part begins.
    pub first_dirty: i64,
    /// The base of the first segment it must not clean.
    pub first_uncleanable: i64,
    /// Bytes of the segments below the first dirty offset.
    pub clean_bytes: u64,
    /// Bytes of the segments from the first dirty offset to the first uncleanable one.
    pub cleanable_bytes: u64,
    /// A dirty record is older than `max.compaction.lag.ms`.
    pub need_compaction_now: bool,
}

impl ToClean {
    /// `cleanableRatio`: the dirty share of the log.
    pub fn dirty_ratio(&self) -> f64 {
        self.cleanable_bytes as f64 / (self.clean_bytes + self.cleanable_bytes) as f64
    }

    /// Whether the cleaner takes it (`grabFilthiestCompactedLog`).
    pub fn is_due(&self, config: &TopicConfig) -> bool {
        (self.need_compaction_now && self.cleanable_bytes > 0)
            || config.min_cleanable_dirty_ratio.is_below(
                self.cleanable_bytes,
                self.clean_bytes + self.cleanable_bytes,
            )
    }
}

/// What one cleaning did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cleaned {
    /// The dirty part it cleaned: from here...
    pub from: i64,
    /// ...to here, the new checkpoint.
    pub to: i64,
    /// Records removed (superseded values, tombstones past their horizon, keyless or
    /// aborted records).
    pub removed: usize,
    /// Tombstones among them.
    pub tombstones_removed: usize,
    /// Segments before and after.
    pub segments: (usize, usize),
}

/// `LocalLog#segments(from, to)`: the segments from the one holding `from` (all, when
/// `from` is below the first) whose base is below `to`, as indices.
fn segments_in(log: &PartitionLog, from: i64, to: i64) -> std::ops::Range<usize> {
    let segments = log.segments();
    if from >= to {
        return 0..0;
    }
    let first = segments
        .iter()
        .rposition(|s| s.base_offset <= from)
        .unwrap_or(0);
    let end = segments.partition_point(|s| s.base_offset < to);
    first..end.max(first)
}

/// `UnifiedLog#nonActiveLogSegmentsFrom`: from the segment holding `from`, all but the
/// active one.
fn non_active_from(log: &PartitionLog, from: i64) -> std::ops::Range<usize> {
    let segments = log.segments();
    let first = segments
        .iter()
        .rposition(|s| s.base_offset <= from)
        .unwrap_or(0);
    first..(segments.len() - 1).max(first)
}

fn bytes(log: &PartitionLog, range: std::ops::Range<usize>) -> u64 {
    log.segments()[range].iter().map(|s| s.size_bytes).sum()
}

/// What the cleaner would clean of `log` at `now`: `None` when the topic is not compacted
/// or the log is empty (`grabFilthiestCompactedLog` skips logs of no bytes).
pub fn to_clean(log: &PartitionLog, config: &TopicConfig, now: i64) -> Option<ToClean> {
    if !config.cleanup_policy.compacts() {
        return None;
    }
    let segments = log.segments();
    let active = segments.len() - 1;
    // cleanableOffsets: a checkpoint outside the log resets to its start.
    let start = log.log_start_offset();
    let first_dirty = log
        .first_dirty_offset()
        .filter(|d| (start..=log.log_end_offset()).contains(d))
        .unwrap_or(start);
    let mut uncleanable = log.last_stable_offset().min(segments[active].base_offset);
    let min_lag = config.min_compaction_lag_ms.max(0);
    if min_lag > 0 {
        if let Some(s) = segments[non_active_from(log, first_dirty)]
            .iter()
            .find(|s| s.largest_timestamp.unwrap_or(-1) > now.saturating_sub(min_lag))
        {
            uncleanable = uncleanable.min(s.base_offset);
        }
    }
    let uncleanable = uncleanable.max(first_dirty);
    // calculateCleanableBytes: down to the base of the segment holding it.
    let first_uncleanable = non_active_from(log, uncleanable)
        .next()
        .map_or(segments[active].base_offset, |i| segments[i].base_offset);
    let clean_bytes = bytes(log, segments_in(log, -1, first_dirty));
    let cleanable_bytes = bytes(
        log,
        segments_in(log, first_dirty.min(first_uncleanable), first_uncleanable),
    );
    // maxCompactionDelay: the earliest first timestamp of a dirty segment, against
    // now - max.compaction.lag.ms.
    let clean_until = now.saturating_sub(config.max_compaction_lag_ms.max(0));
    let need_compaction_now = segments[non_active_from(log, first_dirty)]
        .iter()
        .filter_map(|s| s.first_timestamp.filter(|t| *t > 0))
        .min()
        .is_some_and(|earliest| earliest < clean_until);
    (clean_bytes + cleanable_bytes > 0).then_some(ToClean {
        first_dirty,
        first_uncleanable,
        clean_bytes,
        cleanable_bytes,
        need_compaction_now,
    })
}

/// Cleans `log` at `now` (`Cleaner#doClean`), as [`to_clean`] found it.
pub fn clean(log: &mut PartitionLog, config: &TopicConfig, t: &ToClean, now: i64) -> Cleaned {
    let segments_before = log.segments().len();
    let upper = t.first_uncleanable;
    // buildOffsetMap over the dirty segments: the latest offset of each key, outside
    // aborted transactions; its latest offset is the dirty part's last.
    let dirty = segments_in(log, t.first_dirty, upper);
    let mut map: std::collections::BTreeMap<&str, i64> = Default::default();
    for r in log.records() {
        if r.offset < t.first_dirty || r.offset >= upper || !r.producer.is_data() {
            continue;
        }
        if r.producer.is_transactional() && log.is_aborted(r.producer.id, r.offset) {
            continue;
        }
        if let Some(k) = r.key.as_deref() {
            map.insert(k, r.offset);
        }
    }
    let latest = if dirty.is_empty() { -1 } else { upper - 1 };
    let end = latest + 1;
    let producers: Vec<(i64, Option<i64>, i16)> = log.producer_states().last_records().collect();
    let is_last_of_producer = |r: &Record| {
        r.producer.is_idempotent()
            && producers.iter().any(|(id, last, epoch)| {
                *id == r.producer.id
                    && match last {
                        Some(o) => *o == r.offset,
                        None => r.producer.is_control() && r.producer.epoch == *epoch,
                    }
            })
    };
    let segments = log.segments().to_vec();
    // logSegments(0, end): every segment below the first uncleanable one.
    let replaced = segments.partition_point(|s| s.base_offset < end);
    let groups = group_by_size(&segments[..replaced], config.segment_bytes);
    let mut kept = Vec::new();
    let mut horizons = Vec::new();
    let mut cleaned = Vec::new();
    let (mut removed, mut tombstones_removed) = (0, 0);
    let mut at = 0;
    for group in groups {
        let (first, last) = (at, at + group);
        at += group;
        let (lo, hi) = (segments[first].base_offset, segments[last].base_offset);
        let mut segment = Segment::new(lo);
        for r in log
            .records()
            .iter()
            .filter(|r| (lo..hi).contains(&r.offset))
        {
            let aborted = r.producer.is_transactional()
                && !r.producer.is_control()
                && log.is_aborted(r.producer.id, r.offset);
            let keep_record = if aborted || r.producer.is_empty_batch() {
                false
            } else if r.producer.is_control() || r.offset > latest {
                true
            } else {
                match r.key.as_deref() {
                    // Keyless records are invalid in a compacted log.
                    None => false,
                    Some(k) => {
                        let found = map.get(k).copied().unwrap_or(-1);
                        let retain_delete = log.delete_horizon(r.offset).is_none_or(|h| now < h);
                        r.offset >= found && (r.value.is_some() || retain_delete)
                    }
                }
            };
            let retain_empty = is_last_of_producer(r) || r.offset + 1 == upper;
            let entry = if keep_record {
                if r.value.is_none() && !r.producer.is_control() {
                    // KIP-534: the first cleaning that keeps a tombstone sets its horizon.
                    let h = log
                        .delete_horizon(r.offset)
                        .unwrap_or(now.saturating_add(config.delete_retention_ms));
                    horizons.push((r.offset, h));
                }
                let size = if r.producer.is_control() {
                    crate::record::batch_size_in_bytes(Some(4), Some(6), &[])
                } else {
                    r.batch_size_in_bytes()
                };
                Some((r.clone(), size))
            } else {
                if r.producer.is_data() {
                    removed += 1;
                    tombstones_removed += usize::from(r.value.is_none() && r.key.is_some());
                }
                retain_empty.then(|| {
                    let mut header = r.clone();
                    header.key = None;
                    header.value = None;
                    header.headers = Default::default();
                    header.producer.attributes |= EMPTY_BATCH;
                    (header, RECORD_BATCH_OVERHEAD)
                })
            };
            if let Some((r, size)) = entry {
                segment.size_bytes += u64::from(size);
                segment.first_timestamp.get_or_insert(r.timestamp);
                segment.largest_timestamp = Some(
                    segment
                        .largest_timestamp
                        .map_or(r.timestamp, |t| t.max(r.timestamp)),
                );
                kept.push(r);
            }
        }
        if segment.largest_timestamp.is_none() {
            // Nothing kept: LogSegment#largestTimestamp falls back to the file's mtime,
            // which cleanSegments sets to the last source segment's.
            segment.largest_timestamp = segments[last - 1].largest_timestamp;
        }
        cleaned.push(segment);
    }
    log.replace_cleaned(replaced, cleaned, kept, horizons, end.max(t.first_dirty));
    Cleaned {
        from: t.first_dirty,
        to: end.max(t.first_dirty),
        removed,
        tombstones_removed,
        segments: (segments_before, log.segments().len()),
    }
}

/// `Cleaner#groupSegmentsBySize`: how many consecutive segments go into each cleaned
/// segment, at most `max_bytes` together (the index size limits never bind here).
fn group_by_size(segments: &[Segment], max_bytes: i64) -> Vec<usize> {
    let mut groups = Vec::new();
    let mut i = 0;
    while i < segments.len() {
        let mut size = segments[i].size_bytes as i64;
        let mut n = 1;
        while i + n < segments.len() && size + segments[i + n].size_bytes as i64 <= max_bytes {
            size += segments[i + n].size_bytes as i64;
            n += 1;
        }
        groups.push(n);
        i += n;
    }
    groups
}

/// True when `at` is an instant the cleaner looks for work: from its broker's start,
/// every `log.cleaner.backoff.ms` while it finds none.
pub fn is_check_instant(at: i64) -> bool {
    at >= 0 && at % LOG_CLEANER_BACKOFF_MS == 0
}

/// The first instant the cleaner looks for work at or after `at` (broker clock).
pub fn next_check_at_or_after(at: i64) -> i64 {
    let at = at.max(0);
    at.saturating_add(LOG_CLEANER_BACKOFF_MS - 1) / LOG_CLEANER_BACKOFF_MS * LOG_CLEANER_BACKOFF_MS
}

/// The instants after which what [`to_clean`] says of `log` may change with time alone:
/// a dirty segment leaving `min.compaction.lag.ms`, or its first record passing
/// `max.compaction.lag.ms`.
pub fn time_thresholds(log: &PartitionLog, config: &TopicConfig) -> Vec<i64> {
    let mut out = Vec::new();
    let segments = log.segments();
    let active = segments.len() - 1;
    for s in &segments[..active] {
        if config.min_compaction_lag_ms > 0 {
            if let Some(t) = s.largest_timestamp {
                out.push(t.saturating_add(config.min_compaction_lag_ms));
            }
        }
        if let Some(t) = s.first_timestamp.filter(|t| *t > 0) {
            if config.max_compaction_lag_ms < i64::MAX / 2 {
                out.push(
                    t.saturating_add(config.max_compaction_lag_ms)
                        .saturating_add(1),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::producer_state::ProducerTag;
    use crate::topic_config::CleanupPolicy;

    /// A compacted log of `(key, value)` records a second apart, rolling a segment every
    /// `per` records, all replicated.
    fn log(entries: &[(&str, Option<&str>)], per: i64) -> (PartitionLog, TopicConfig) {
        let config = TopicConfig {
            cleanup_policy: CleanupPolicy::Compact,
            segment_ms: per * 1000 - 1,
            ..TopicConfig::default()
        };
        let mut log = PartitionLog::default();
        for (i, (k, v)) in entries.iter().enumerate() {
            let r = Record {
                offset: 0,
                timestamp: i as i64 * 1000,
                key: Some((*k).into()),
                value: v.map(Into::into),
                headers: Default::default(),
                producer: ProducerTag::NONE,
            };
            let bytes = r.batch_size_in_bytes();
            log.append(r, bytes, config.segment_bytes, config.segment_ms);
        }
        log.set_high_watermark(log.log_end_offset());
        (log, config)
    }

    fn offsets(log: &PartitionLog) -> Vec<i64> {
        log.records().iter().map(|r| r.offset).collect()
    }

    fn run(log: &mut PartitionLog, config: &TopicConfig, now: i64) -> Option<Cleaned> {
        let t = to_clean(log, config, now)?;
        t.is_due(config).then(|| clean(log, config, &t, now))
    }

    #[test]
    fn the_latest_value_per_key_stays_and_offsets_never_change() {
        // a b a c | b a | d (active)
        let (mut l, c) = log(
            &[
                ("a", Some("1")),
                ("b", Some("1")),
                ("a", Some("2")),
                ("c", Some("1")),
                ("b", Some("2")),
                ("a", Some("3")),
                ("d", Some("1")),
            ],
            2,
        );
        let bases: Vec<i64> = l.segments().iter().map(|s| s.base_offset).collect();
        assert_eq!(bases, vec![0, 2, 4, 6]);
        let done = run(&mut l, &c, 10_000).expect("a fresh log is all dirty");
        // Below the active segment (6): a@5, b@4 and c@3 are the latest; the last batch
        // before 6 is a@5 anyway.
        assert_eq!(offsets(&l), vec![3, 4, 5, 6]);
        assert_eq!((done.from, done.to, done.removed), (0, 6, 3));
        // The three cleaned segments became one, named after the first.
        let bases: Vec<i64> = l.segments().iter().map(|s| s.base_offset).collect();
        assert_eq!(bases, vec![0, 6]);
        assert_eq!(l.log_start_offset(), 0);
        assert_eq!(l.log_end_offset(), 7);
        assert_eq!(l.record(5).and_then(|r| r.value.as_deref()), Some("3"));
        assert!(l.record(0).is_none());
        // A reader from 0 gets the first surviving offset.
        assert_eq!(l.read(0, 10, "t-0").unwrap()[0].offset, 3);
    }

    #[test]
    fn the_active_segment_is_never_cleaned_and_a_clean_log_waits_for_the_ratio() {
        let (mut l, c) = log(&[("a", Some("1")), ("a", Some("2")), ("a", Some("3"))], 10);
        // One segment, the active one: no clean and no cleanable bytes, which the
        // cleaner skips as an empty log.
        assert!(to_clean(&l, &c, 0).is_none());
        assert!(run(&mut l, &c, 0).is_none());
        assert_eq!(l.records().len(), 3);
    }

    #[test]
    fn a_second_cleaning_needs_a_dirty_ratio_above_min_cleanable_dirty_ratio() {
        let (mut l, c) = log(
            &[
                ("a", Some("1")),
                ("a", Some("2")),
                ("b", Some("1")),
                ("b", Some("2")),
                ("c", Some("1")),
            ],
            2,
        );
        run(&mut l, &c, 10_000).unwrap();
        assert_eq!(l.first_dirty_offset(), Some(4));
        // Nothing new is dirty: the ratio is 0.
        let t = to_clean(&l, &c, 20_000).unwrap();
        assert_eq!(t.dirty_ratio(), 0.0);
        assert!(!t.is_due(&c));
    }

    #[test]
    fn a_tombstone_deletes_the_key_and_goes_a_delete_retention_after_the_first_cleaning() {
        let (mut l, mut c) = log(
            &[
                ("a", Some("1")),
                ("b", Some("1")),
                ("a", None),
                ("c", Some("1")),
                ("d", Some("1")),
            ],
            2,
        );
        c.delete_retention_ms = 60_000;
        c.min_cleanable_dirty_ratio = crate::topic_config::Ratio::new(0, 0);
        run(&mut l, &c, 10_000).unwrap();
        // a@0 went; the tombstone a@2 stays, with its horizon at 10 s + 60 s.
        assert_eq!(offsets(&l), vec![1, 2, 3, 4]);
        assert_eq!(l.delete_horizon(2), Some(70_000));
        // More writes make the log dirty again; before the horizon the tombstone stays.
        let more = |l: &mut PartitionLog, key: &str, ts: i64| {
            let r = Record {
                offset: 0,
                timestamp: ts,
                key: Some(key.into()),
                value: Some("2".into()),
                headers: Default::default(),
                producer: ProducerTag::NONE,
            };
            let b = r.batch_size_in_bytes();
            l.append(r, b, c.segment_bytes, c.segment_ms);
            l.set_high_watermark(l.log_end_offset());
        };
        more(&mut l, "e", 20_000);
        more(&mut l, "f", 40_000);
        run(&mut l, &c, 50_000).unwrap();
        assert!(l.record(2).is_some(), "before its horizon");
        more(&mut l, "g", 80_000);
        let done = run(&mut l, &c, 80_000).unwrap();
        assert!(l.record(2).is_none(), "after its horizon");
        assert_eq!(done.tombstones_removed, 1);
    }

    #[test]
    fn min_compaction_lag_keeps_young_segments_dirty_and_max_lag_forces_a_cleaning() {
        let (l, mut c) = log(
            &[
                ("a", Some("1")),
                ("a", Some("2")),
                ("a", Some("3")),
                ("a", Some("4")),
                ("b", Some("1")),
            ],
            2,
        );
        c.min_compaction_lag_ms = 60_000;
        // At 30 s every segment is younger than a minute: nothing is cleanable (and a
        // log of no clean or cleanable bytes is skipped).
        assert!(to_clean(&l, &c, 30_000).is_none());
        // At 62 s the first segment (newest record at 1 s) is old enough, the second
        // (3 s) not yet.
        let t = to_clean(&l, &c, 62_000).unwrap();
        assert_eq!(t.first_uncleanable, 2);
        // With a ratio of 1.0 nothing is ever dirty enough, but max.compaction.lag.ms
        // makes a log due once its first dirty record is older than the lag.
        c.min_compaction_lag_ms = 0;
        c.min_cleanable_dirty_ratio = crate::topic_config::Ratio::new(1, 0);
        c.max_compaction_lag_ms = 100_000;
        // The first segment's first timestamp is 0, which maxCompactionDelay ignores;
        // the second's is 2 s.
        assert!(!to_clean(&l, &c, 102_000).unwrap().is_due(&c));
        assert!(to_clean(&l, &c, 102_001).unwrap().is_due(&c));
    }

    #[test]
    fn an_active_producers_last_batch_keeps_its_header_and_its_offset() {
        let config = TopicConfig {
            cleanup_policy: CleanupPolicy::Compact,
            segment_ms: 1999,
            ..TopicConfig::default()
        };
        let mut l = PartitionLog::default();
        // Producer 7 writes a@0 and stops; producer 8 writes a@1, b@2, b@3, c@4.
        for (i, (pid, key)) in [(7, "a"), (8, "a"), (8, "b"), (8, "b"), (8, "c")]
            .iter()
            .enumerate()
        {
            let tag = ProducerTag {
                id: *pid,
                epoch: 0,
                sequence: 0,
                attributes: 0,
            };
            let r = Record {
                offset: 0,
                timestamp: i as i64 * 1000,
                key: Some((*key).into()),
                value: Some("v".into()),
                headers: Default::default(),
                producer: tag,
            };
            let b = r.batch_size_in_bytes();
            let at = l
                .append(r, b, config.segment_bytes, config.segment_ms)
                .offset;
            l.producer_states_mut().record(tag, at);
        }
        l.set_high_watermark(5);
        run(&mut l, &config, 10_000).unwrap();
        // a@0 is superseded by a@1, but it is producer 7's last batch: its header stays,
        // its record does not.
        let empty = l.record(0).expect("the header");
        assert!(empty.producer.is_empty_batch() && empty.value.is_none());
        assert_eq!(
            l.read_for_consumer(0, 10, "t-0", false).unwrap().0[0].offset,
            1
        );
        assert_eq!(l.segments()[0].size_bytes, {
            let one = l.record(1).unwrap().batch_size_in_bytes() as u64;
            61 + one * 2
        });
    }

    #[test]
    fn the_cleaner_looks_for_work_every_fifteen_seconds() {
        assert!(is_check_instant(0) && is_check_instant(45_000) && !is_check_instant(1));
        assert_eq!(next_check_at_or_after(15_001), 30_000);
        assert_eq!(next_check_at_or_after(30_000), 30_000);
    }

    #[test]
    fn delete_only_topics_are_not_the_cleaners() {
        let (l, mut c) = log(&[("a", Some("1"))], 1);
        c.cleanup_policy = CleanupPolicy::Delete;
        assert!(to_clean(&l, &c, 0).is_none());
    }
}
