//! One partition's append-only log: records, segments, log start offset, log end
//! offset and high watermark (`storage/.../UnifiedLog.java`, `LogSegment.java`).

use crate::error::{ErrorKind, KafkaError};
use crate::producer_state::{ProducerStates, ProducerTag};
use crate::record::Record;

/// A segment file: every record from `base_offset` up to the next segment's base.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Segment {
    /// Offset of the first record; also the segment's file name in Kafka.
    pub base_offset: i64,
    /// Bytes of record batches in this segment.
    pub size_bytes: u64,
    /// Timestamp of the first record, which `segment.ms` rolling counts from.
    pub first_timestamp: Option<i64>,
    /// Largest record timestamp, which `retention.ms` compares against.
    pub largest_timestamp: Option<i64>,
}

impl Segment {
    pub(crate) fn new(base_offset: i64) -> Self {
        Self {
            base_offset,
            size_bytes: 0,
            first_timestamp: None,
            largest_timestamp: None,
        }
    }
}

/// An append-only log. Reading never removes anything.
///
/// Invariants (checked by property tests): offsets strictly increase, from at least
/// `log_start_offset` to below `log_end_offset`, with holes only where the log cleaner
/// removed records (a compacted topic); `high_watermark <= log_end_offset`; segment
/// base offsets strictly increase and the first is at most `log_start_offset` (equal,
/// but on a follower that took its leader's start, whose old segments wait for
/// retention).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PartitionLog {
    records: Vec<Record>,
    segments: Vec<Segment>,
    log_start_offset: i64,
    log_end_offset: i64,
    high_watermark: i64,
    /// The log cleaner's checkpoint (`cleaner-offset-checkpoint`): where the dirty part
    /// begins; `None` before the first cleaning.
    first_dirty_offset: Option<i64>,
    /// Delete horizons the cleaner set on tombstone batches (KIP-534: the batch's base
    /// timestamp becomes `now + delete.retention.ms` the first time a cleaning keeps it):
    /// offset and horizon, by offset.
    delete_horizons: Vec<(i64, i64)>,
    /// Idempotent producers' sequence state on this partition.
    producers: ProducerStates,
    /// Open transactions: producer id and the offset of its first record here.
    ongoing: Vec<(i64, i64)>,
    /// Aborted transactions (the broker's aborted-transaction index): producer id, first
    /// offset, and the offset of the ABORT marker.
    aborted: Vec<(i64, i64, i64)>,
}

/// A transaction marker's batch: a 4-byte key (version, type) and a 6-byte value
/// (version, coordinator epoch), as `EndTransactionMarker` writes it.
fn marker_batch_bytes() -> u32 {
    crate::record::batch_size_in_bytes(Some(4), Some(6), &[])
}

/// What one append did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Appended {
    /// The offset the record got.
    pub offset: i64,
    /// The base offset of a new segment, if the append rolled one.
    pub rolled: Option<i64>,
}

impl Default for PartitionLog {
    fn default() -> Self {
        Self {
            records: Vec::new(),
            segments: vec![Segment::new(0)],
            log_start_offset: 0,
            log_end_offset: 0,
            high_watermark: 0,
            first_dirty_offset: None,
            delete_horizons: Vec::new(),
            producers: ProducerStates::default(),
            ongoing: Vec::new(),
            aborted: Vec::new(),
        }
    }
}

impl PartitionLog {
    /// The offset the next appended record gets (LEO).
    pub fn log_end_offset(&self) -> i64 {
        self.log_end_offset
    }

    /// The first offset still in the log.
    pub fn log_start_offset(&self) -> i64 {
        self.log_start_offset
    }

    /// Records below this offset are replicated to every ISR member and readable.
    pub fn high_watermark(&self) -> i64 {
        self.high_watermark
    }

    /// Every record, oldest first.
    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// Segments, oldest first; the last is the active segment.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The record at `offset`, if still in the log (not deleted by retention, not removed
    /// by the cleaner).
    pub fn record(&self, offset: i64) -> Option<&Record> {
        // Most logs have no holes: the offset is then the index from the start.
        let guess = offset
            .checked_sub(self.log_start_offset)
            .and_then(|i| usize::try_from(i).ok())
            .and_then(|i| self.records.get(i));
        match guess {
            Some(r) if r.offset == offset => Some(r),
            _ => self
                .records
                .binary_search_by_key(&offset, |r| r.offset)
                .ok()
                .map(|i| &self.records[i]),
        }
    }

    /// Index of the first record at or above `offset`.
    fn index_from(&self, offset: i64) -> usize {
        self.records.partition_point(|r| r.offset < offset)
    }

    /// Appends `record` (whose offset is overwritten), whose batch takes `batch_bytes`
    /// ([`Record::batch_size_in_bytes`], computed once by the caller), rolling a new segment first when
    /// the active one would pass `segment_bytes` or is older than `segment_ms`
    /// (`LogSegment#shouldRoll`: `size > maxSegmentBytes - messagesSize`, or
    /// `size > 0 && timeWaitedForRoll > rollMs`).
    pub fn append(
        &mut self,
        mut record: Record,
        batch_bytes: u32,
        segment_bytes: i64,
        segment_ms: i64,
    ) -> Appended {
        let offset = self.log_end_offset();
        let batch = u64::from(batch_bytes);
        let mut rolled = None;
        let active = self
            .segments
            .last()
            .expect("a log always has an active segment");
        let too_big = active.size_bytes > 0
            && active.size_bytes as i64 > segment_bytes.saturating_sub(batch as i64);
        let too_old = active.size_bytes > 0
            && active
                .first_timestamp
                .is_some_and(|first| record.timestamp.saturating_sub(first) > segment_ms);
        if too_big || too_old {
            self.segments.push(Segment::new(offset));
            rolled = Some(offset);
        }
        let active = self.segments.last_mut().expect("just checked");
        active.size_bytes += batch;
        active.first_timestamp.get_or_insert(record.timestamp);
        active.largest_timestamp = Some(
            active
                .largest_timestamp
                .map_or(record.timestamp, |t| t.max(record.timestamp)),
        );
        record.offset = offset;
        self.log_end_offset = offset + 1;
        let tag = record.producer;
        if tag.is_transactional()
            && !tag.is_control()
            && !self.ongoing.iter().any(|(p, _)| *p == tag.id)
        {
            self.ongoing.push((tag.id, offset));
        }
        self.records.push(record);
        Appended { offset, rolled }
    }

    /// Writes the COMMIT or ABORT marker of producer `tag.id`'s transaction: a control
    /// batch that takes an offset of its own, closes the transaction here, and (for an
    /// abort) enters the aborted-transaction index.
    pub fn append_marker(
        &mut self,
        tag: ProducerTag,
        commit: bool,
        timestamp: i64,
        segment_bytes: i64,
        segment_ms: i64,
    ) -> Appended {
        let marker = Record {
            offset: -1,
            timestamp,
            key: None,
            value: None,
            headers: Default::default(),
            producer: ProducerTag {
                sequence: crate::producer_state::NO_SEQUENCE,
                attributes: crate::producer_state::TRANSACTIONAL
                    | if commit {
                        crate::producer_state::CONTROL_COMMIT
                    } else {
                        crate::producer_state::CONTROL_ABORT
                    },
                ..tag
            },
        };
        let appended = self.append(marker, marker_batch_bytes(), segment_bytes, segment_ms);
        self.close_transaction(tag, commit, appended.offset);
        appended
    }

    /// A marker of producer `tag.id` was written at `offset`: its transaction is no longer
    /// open here, and an aborted one enters the aborted-transaction index.
    fn close_transaction(&mut self, tag: ProducerTag, commit: bool, offset: i64) {
        self.producers.end_transaction(tag.id, tag.epoch);
        if let Some(at) = self.ongoing.iter().position(|(p, _)| *p == tag.id) {
            let (pid, first) = self.ongoing.remove(at);
            if !commit {
                self.aborted.push((pid, first, offset));
            }
        }
    }

    /// A follower writes a record its leader sent, at the record's own offset (the log's
    /// end): no sequence check, the producer state and transaction index follow the
    /// record (`UnifiedLog#appendAsFollower`).
    /// Its offset may lie past the log end: the leader's cleaner removed what was between.
    pub fn append_copy(&mut self, record: Record, segment_bytes: i64, segment_ms: i64) {
        debug_assert!(record.offset >= self.log_end_offset());
        self.log_end_offset = record.offset;
        let tag = record.producer;
        if tag.is_empty_batch() {
            // The header alone: it still carries the producer's last sequence.
            self.producers.record(tag, record.offset);
            let bytes = crate::record::RECORD_BATCH_OVERHEAD;
            self.append(record, bytes, segment_bytes, segment_ms);
        } else if tag.is_control() {
            let commit = tag.attributes & crate::producer_state::CONTROL_COMMIT != 0;
            let appended = self.append(record, marker_batch_bytes(), segment_bytes, segment_ms);
            self.close_transaction(tag, commit, appended.offset);
        } else {
            let size = record.batch_size_in_bytes();
            self.producers.record(tag, record.offset);
            self.append(record, size, segment_bytes, segment_ms);
        }
    }

    /// The log cleaner's checkpoint: the first offset of the dirty part, once cleaned.
    pub fn first_dirty_offset(&self) -> Option<i64> {
        self.first_dirty_offset
    }

    /// The delete horizon the cleaner set on the tombstone at `offset`, if it did.
    pub fn delete_horizon(&self, offset: i64) -> Option<i64> {
        self.delete_horizons
            .binary_search_by_key(&offset, |(o, _)| *o)
            .ok()
            .map(|i| self.delete_horizons[i].1)
    }

    /// The cleaner swaps its cleaned segments in (`UnifiedLog#replaceSegments`): the
    /// oldest `replaced` segments, never the active one, become `cleaned`, holding
    /// `records` (what the cleaner kept of theirs, offsets unchanged) with the delete
    /// horizons `horizons`; the checkpoint moves to `first_dirty`.
    pub(crate) fn replace_cleaned(
        &mut self,
        replaced: usize,
        cleaned: Vec<Segment>,
        records: Vec<Record>,
        horizons: Vec<(i64, i64)>,
        first_dirty: i64,
    ) {
        debug_assert!(replaced < self.segments.len());
        let end = self.segments[replaced].base_offset;
        let old = self.index_from(end);
        self.records.splice(..old, records);
        self.segments.splice(..replaced, cleaned);
        self.delete_horizons.retain(|(o, _)| *o >= end);
        self.delete_horizons.splice(..0, horizons);
        self.first_dirty_offset = Some(first_dirty);
    }

    /// Bytes of every segment (`UnifiedLog#size`), which `retention.bytes` compares.
    pub fn size_bytes(&self) -> u64 {
        self.segments.iter().map(|s| s.size_bytes).sum()
    }

    /// Deletes the oldest `count` segments (`UnifiedLog#deleteSegments`): a log always
    /// keeps one segment, so when every one goes a new active segment is rolled at the
    /// log end first; the log start offset then moves to the first remaining segment's
    /// base (`maybeIncrementLogStartOffset`, reason SegmentDeletion). The high watermark
    /// never falls below it. Returns how many records went.
    pub fn delete_oldest_segments(&mut self, count: usize) -> usize {
        let count = count.min(self.segments.len());
        if count == 0 {
            return 0;
        }
        if count == self.segments.len() {
            self.segments.push(Segment::new(self.log_end_offset()));
        }
        self.segments.drain(..count);
        // A follower's start may already be past the first remaining base.
        let start = self.segments[0].base_offset.max(self.log_start_offset);
        self.drop_records_below(start)
    }

    /// A follower takes its leader's log start offset from a fetch answer
    /// (`ReplicaFetcherThread#processPartitionData`: `maybeIncrementLogStartOffset` with
    /// reason LeaderOffsetIncremented). Only the offset moves: records below it can no
    /// longer be read, but the segments stay, bytes and base offsets, until the next
    /// retention run deletes those wholly below it (the log-start-offset breach,
    /// `log_retention::plan`). Below the current start it does nothing.
    pub fn advance_log_start_offset(&mut self, offset: i64) -> usize {
        let offset = offset.min(self.log_end_offset());
        if offset <= self.log_start_offset {
            return 0;
        }
        self.drop_records_below(offset)
    }

    /// `UnifiedLog#truncateFullyAndStartAt`: a follower whose log ends below its leader's
    /// log start offset (its fetch was out of range) drops everything and starts there.
    pub fn truncate_fully_and_start_at(&mut self, offset: i64) {
        *self = PartitionLog {
            segments: vec![Segment::new(offset)],
            log_start_offset: offset,
            log_end_offset: offset,
            high_watermark: offset,
            ..PartitionLog::default()
        };
    }

    fn drop_records_below(&mut self, start: i64) -> usize {
        let gone = self.index_from(start);
        self.records.drain(..gone);
        self.delete_horizons.retain(|(o, _)| *o >= start);
        self.log_start_offset = start;
        self.high_watermark = self.high_watermark.max(start);
        gone
    }

    /// Removes every record from `offset` on (`UnifiedLog#truncateTo`): the segments
    /// starting above it go and the one holding it becomes the active segment, cut there
    /// (`LocalLog#truncateTo`; the others keep their bases, so segments the cleaner
    /// merged stay merged); the producer state and the transaction index are rebuilt from
    /// what stays, and the high watermark comes down with it. Returns how many records
    /// went.
    pub fn truncate_to(&mut self, offset: i64, segment_bytes: i64, segment_ms: i64) -> usize {
        let end = self.log_end_offset();
        if offset >= end {
            return 0;
        }
        let offset = offset.max(self.log_start_offset);
        let keep = self.index_from(offset);
        let removed = self.records.len() - keep;
        let hw = self.high_watermark.min(offset);
        let mut fresh = PartitionLog {
            segments: vec![Segment::new(self.log_start_offset)],
            log_start_offset: self.log_start_offset,
            log_end_offset: self.log_start_offset,
            // LogCleaner#maybeTruncateCheckpoint: the checkpoint comes down with the log.
            first_dirty_offset: self.first_dirty_offset.map(|d| d.min(offset)),
            delete_horizons: std::mem::take(&mut self.delete_horizons),
            ..PartitionLog::default()
        };
        fresh.delete_horizons.retain(|(o, _)| *o < offset);
        for r in self.records.drain(..keep) {
            fresh.append_copy(r, segment_bytes, segment_ms);
        }
        // The log ends where it was cut, even in a hole the cleaner left.
        fresh.log_end_offset = offset;
        let kept = self
            .segments
            .partition_point(|s| s.base_offset <= offset)
            .max(1);
        let mut segments = std::mem::take(&mut self.segments);
        segments.truncate(kept);
        let active = segments.last_mut().expect("kept at least one");
        let mut cut = Segment::new(active.base_offset);
        for r in fresh.records.iter().filter(|r| r.offset >= cut.base_offset) {
            cut.size_bytes += u64::from(if r.producer.is_empty_batch() {
                crate::record::RECORD_BATCH_OVERHEAD
            } else if r.producer.is_control() {
                marker_batch_bytes()
            } else {
                r.batch_size_in_bytes()
            });
            cut.first_timestamp.get_or_insert(r.timestamp);
            cut.largest_timestamp = Some(
                cut.largest_timestamp
                    .map_or(r.timestamp, |t| t.max(r.timestamp)),
            );
        }
        *active = cut;
        fresh.segments = segments;
        fresh.high_watermark = hw;
        *self = fresh;
        removed
    }

    /// The last stable offset: the first offset of the oldest open transaction, or the
    /// high watermark when none is open. `read_committed` consumers read below it.
    pub fn last_stable_offset(&self) -> i64 {
        self.ongoing
            .iter()
            .map(|(_, first)| *first)
            .min()
            .map_or(self.high_watermark, |f| f.min(self.high_watermark))
    }

    /// True when the data record at `offset` by producer `id` belongs to an aborted
    /// transaction.
    pub fn is_aborted(&self, id: i64, offset: i64) -> bool {
        self.aborted
            .iter()
            .any(|(p, first, last)| *p == id && (*first..=*last).contains(&offset))
    }

    /// What a consumer's fetch from `offset` hands the application: up to `max` data
    /// records, never a control marker; `read_committed` stops at the last stable offset
    /// and drops aborted transactions' records, `read_uncommitted` reads to the high
    /// watermark. Also the position after the fetch (past skipped records and markers).
    pub fn read_for_consumer(
        &self,
        offset: i64,
        max: usize,
        partition_name: &str,
        read_committed: bool,
    ) -> Result<(Vec<&Record>, i64), KafkaError> {
        let bound = if read_committed {
            self.last_stable_offset()
        } else {
            self.high_watermark
        };
        let all = self.read(offset, usize::MAX, partition_name)?;
        let mut out = Vec::new();
        let mut next = offset;
        for r in all.iter().take_while(|r| r.offset < bound) {
            if out.len() == max {
                break;
            }
            next = r.offset + 1;
            let skip = !r.producer.is_data()
                || (read_committed
                    && r.producer.is_transactional()
                    && self.is_aborted(r.producer.id, r.offset));
            if !skip {
                out.push(r);
            }
        }
        Ok((out, next))
    }

    /// What this partition's leader remembers of idempotent producers.
    pub fn producer_states(&self) -> &ProducerStates {
        &self.producers
    }

    /// The same, to check and remember a batch before [`Self::append`] writes it.
    pub fn producer_states_mut(&mut self) -> &mut ProducerStates {
        &mut self.producers
    }

    /// Moves the high watermark (the leader does this once every ISR member has the
    /// records below it). Clamped to the log end offset.
    pub fn set_high_watermark(&mut self, hw: i64) {
        self.high_watermark = hw.clamp(self.log_start_offset, self.log_end_offset());
    }

    /// Up to `max` records from `offset`, below the high watermark. Nothing is removed.
    /// Like `LocalLog#read`: outside `[logStartOffset, logEndOffset]` is
    /// OFFSET_OUT_OF_RANGE; from the high watermark up to the LEO the answer is empty.
    pub fn read(
        &self,
        offset: i64,
        max: usize,
        partition_name: &str,
    ) -> Result<&[Record], KafkaError> {
        // UnifiedLog#checkLogStartOffset: below the start, retention deleted it.
        if offset < self.log_start_offset {
            return Err(KafkaError::new(
                ErrorKind::OffsetOutOfRangeException,
                format!(
                    "Received request for offset {offset} for partition {partition_name}, but we only have log segments starting from offset: {}.",
                    self.log_start_offset
                ),
            ));
        }
        if offset > self.log_end_offset() {
            return Err(KafkaError::new(
                ErrorKind::OffsetOutOfRangeException,
                format!(
                    "Received request for offset {offset} for partition {partition_name}, but we only have log segments upto {}.",
                    self.log_end_offset()
                ),
            ));
        }
        if offset >= self.high_watermark {
            return Ok(&[]);
        }
        let start = self.index_from(offset);
        let end = self
            .index_from(self.high_watermark)
            .min(start.saturating_add(max));
        Ok(&self.records[start..end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn record(key: &str, ts: i64) -> Record {
        let value: Arc<str> = Arc::from("v");
        Record {
            offset: -1,
            timestamp: ts,
            key: Some(Arc::from(key)),
            value: Some(value),
            headers: Default::default(),
            producer: ProducerTag::NONE,
        }
    }

    #[test]
    fn offsets_count_up_from_zero() {
        let mut log = PartitionLog::default();
        let offsets: Vec<i64> = (0..4)
            .map(|_| log.append(record("k", 0), 70, 1 << 30, i64::MAX).offset)
            .collect();
        assert_eq!(offsets, vec![0, 1, 2, 3]);
        assert_eq!(log.log_end_offset(), 4);
    }

    #[test]
    fn a_segment_rolls_when_the_next_batch_would_not_fit() {
        // Each batch of key "k", value "v" is 61 + 9 = 70 bytes; 200 bytes hold two.
        let size = record("k", 0).batch_size_in_bytes() as i64;
        assert_eq!(size, 70);
        let mut log = PartitionLog::default();
        let rolls: Vec<Option<i64>> = (0..5)
            .map(|_| log.append(record("k", 0), 70, 200, i64::MAX).rolled)
            .collect();
        assert_eq!(rolls, vec![None, None, Some(2), None, Some(4)]);
        let bases: Vec<i64> = log.segments().iter().map(|s| s.base_offset).collect();
        assert_eq!(bases, vec![0, 2, 4]);
    }

    #[test]
    fn a_segment_rolls_after_segment_ms() {
        let mut log = PartitionLog::default();
        assert_eq!(log.append(record("k", 0), 70, 1 << 30, 1000).rolled, None);
        assert_eq!(
            log.append(record("k", 1000), 70, 1 << 30, 1000).rolled,
            None
        );
        assert_eq!(
            log.append(record("k", 1001), 70, 1 << 30, 1000).rolled,
            Some(2)
        );
    }

    #[test]
    fn truncation_keeps_the_segments_below_the_cut_and_cuts_the_one_holding_it() {
        let mut log = PartitionLog::default();
        // Records at 0, 1, 2, ..., 5 s, a segment rolling after 1.5 s: bases 0, 2, 4.
        for ts in 0..6 {
            log.append(record("k", ts * 1000), 70, 1 << 30, 1500);
        }
        let bases = |l: &PartitionLog| {
            l.segments()
                .iter()
                .map(|s| s.base_offset)
                .collect::<Vec<_>>()
        };
        assert_eq!(bases(&log), vec![0, 2, 4]);
        // Replaying with another segment.ms would roll elsewhere; LocalLog#truncateTo
        // keeps what lies below the cut as it is.
        assert_eq!(log.truncate_to(3, 1 << 30, i64::MAX), 3);
        assert_eq!(bases(&log), vec![0, 2]);
        assert_eq!(log.segments()[1].size_bytes, 70);
        assert_eq!(log.segments()[1].largest_timestamp, Some(2000));
        assert_eq!(log.log_end_offset(), 3);
    }

    #[test]
    fn reading_stops_at_the_high_watermark_and_removes_nothing() {
        let mut log = PartitionLog::default();
        for _ in 0..3 {
            log.append(record("k", 0), 70, 1 << 30, i64::MAX);
        }
        log.set_high_watermark(2);
        assert_eq!(log.read(0, 10, "t-0").unwrap().len(), 2);
        assert_eq!(
            log.read(0, 10, "t-0").unwrap().len(),
            2,
            "a second read sees the same"
        );
        assert!(log.read(2, 10, "t-0").unwrap().is_empty());
        assert!(
            log.read(3, 10, "t-0").unwrap().is_empty(),
            "between HW and LEO: empty, no error"
        );
        let err = log.read(4, 10, "t-0").unwrap_err();
        assert_eq!(err.kind, ErrorKind::OffsetOutOfRangeException);
        assert_eq!(log.records().len(), 3);
    }
}
