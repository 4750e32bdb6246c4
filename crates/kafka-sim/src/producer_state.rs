//! The broker's memory of idempotent producers, per partition (Kafka's
//! `ProducerStateManager` and `ProducerStateEntry`, KIP-98): for each producer id, its
//! epoch and the last five batches it wrote, so a retried batch is recognised and
//! answered with its original offset instead of being written twice.

/// `RecordBatch.NO_PRODUCER_ID`: a record from a producer without idempotence.
pub const NO_PRODUCER_ID: i64 = -1;
/// `RecordBatch.NO_PRODUCER_EPOCH`.
pub const NO_PRODUCER_EPOCH: i16 = -1;
/// `RecordBatch.NO_SEQUENCE`.
pub const NO_SEQUENCE: i32 = -1;
/// `ProducerStateEntry.NUM_BATCHES_TO_RETAIN`: batches remembered per producer.
pub const NUM_BATCHES_TO_RETAIN: usize = 5;

/// Who wrote a record, as its batch header says (`producerId`, `producerEpoch`,
/// `baseSequence`); `NO_*` values for a non-idempotent producer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct ProducerTag {
    /// Producer id, or [`NO_PRODUCER_ID`].
    pub id: i64,
    /// Producer epoch, or [`NO_PRODUCER_EPOCH`].
    pub epoch: i16,
    /// Sequence number of the record in its partition, or [`NO_SEQUENCE`].
    pub sequence: i32,
    /// Batch attributes: [`TRANSACTIONAL`], [`CONTROL_COMMIT`], [`CONTROL_ABORT`].
    pub attributes: u8,
}

/// The batch is part of a transaction (`RecordBatch.isTransactional`).
pub const TRANSACTIONAL: u8 = 1;
/// A control batch holding a COMMIT marker (`ControlRecordType.COMMIT`).
pub const CONTROL_COMMIT: u8 = 2;
/// A control batch holding an ABORT marker (`ControlRecordType.ABORT`).
pub const CONTROL_ABORT: u8 = 4;
/// Not a wire attribute: a batch whose records the log cleaner removed but whose header
/// it kept (`BatchRetention.RETAIN_EMPTY` in `LogCleaner#cleanInto`: the last batch of
/// an active producer, or the last of the cleaning round). It holds no record.
pub const EMPTY_BATCH: u8 = 8;

impl ProducerTag {
    /// The tag of a record written without idempotence.
    pub const NONE: Self = Self {
        id: NO_PRODUCER_ID,
        epoch: NO_PRODUCER_EPOCH,
        sequence: NO_SEQUENCE,
        attributes: 0,
    };

    /// True for an idempotent (or transactional) producer's record.
    pub fn is_idempotent(&self) -> bool {
        self.id != NO_PRODUCER_ID
    }

    /// True for a record written inside a transaction (markers included).
    pub fn is_transactional(&self) -> bool {
        self.attributes & TRANSACTIONAL != 0
    }

    /// True for a COMMIT or ABORT marker: never handed to an application.
    pub fn is_control(&self) -> bool {
        self.attributes & (CONTROL_COMMIT | CONTROL_ABORT) != 0
    }

    /// True for a batch the cleaner emptied ([`EMPTY_BATCH`]): an offset with no record.
    pub fn is_empty_batch(&self) -> bool {
        self.attributes & EMPTY_BATCH != 0
    }

    /// True for a record an application can read: not a marker, not an emptied batch.
    pub fn is_data(&self) -> bool {
        !self.is_control() && !self.is_empty_batch()
    }
}

/// One remembered batch: its sequence and where it landed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
struct BatchMetadata {
    sequence: i32,
    offset: i64,
}

/// What the broker knows of one producer on one partition. The last batches sit in a
/// fixed ring: the append path updates it a million times a second.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
struct ProducerStateEntry {
    id: i64,
    epoch: i16,
    /// How many of `ring` are in use (at most [`NUM_BATCHES_TO_RETAIN`]).
    len: u8,
    /// Where the newest batch is.
    newest: u8,
    ring: [BatchMetadata; NUM_BATCHES_TO_RETAIN],
}

impl ProducerStateEntry {
    fn new(id: i64, epoch: i16) -> Self {
        Self {
            id,
            epoch,
            len: 0,
            newest: 0,
            ring: [BatchMetadata::default(); NUM_BATCHES_TO_RETAIN],
        }
    }

    fn last(&self) -> Option<BatchMetadata> {
        (self.len > 0).then(|| self.ring[self.newest as usize])
    }

    fn batches(&self) -> impl Iterator<Item = &BatchMetadata> {
        self.ring.iter().take(self.len as usize)
    }

    fn push(&mut self, batch: BatchMetadata) {
        self.newest = if self.len == 0 {
            0
        } else {
            (self.newest + 1) % NUM_BATCHES_TO_RETAIN as u8
        };
        self.ring[self.newest as usize] = batch;
        self.len = (self.len + 1).min(NUM_BATCHES_TO_RETAIN as u8);
    }

    /// The next sequence in order (`DefaultRecordBatch.incrementSequence`: after
    /// Integer.MAX_VALUE comes 0).
    fn expected(&self) -> i32 {
        self.last().map_or(0, |b| {
            if b.sequence == i32::MAX {
                0
            } else {
                b.sequence + 1
            }
        })
    }
}

/// How the broker answers an idempotent batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Write it.
    Append,
    /// Already written at this offset: answer success with it, write nothing
    /// (`UnifiedLog.analyzeAndValidateProducerState`, "If we find a duplicate, we return
    /// the metadata of the appended batch to the client").
    Duplicate {
        /// The offset the first copy got.
        offset: i64,
    },
    /// A gap: `OUT_OF_ORDER_SEQUENCE_NUMBER`.
    OutOfOrder {
        /// The sequence the broker expected next.
        expected: i32,
    },
    /// An older epoch than the broker has seen: the producer was fenced.
    Fenced {
        /// The epoch the broker holds.
        current: i16,
    },
}

/// The producer state of one partition.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct ProducerStates {
    entries: Vec<ProducerStateEntry>,
}

impl ProducerStates {
    /// The verdict on a batch tagged `tag` (`ProducerAppendInfo.checkProducerEpoch` and
    /// `checkSequence`). A producer id this partition has never seen is accepted at any
    /// sequence (its state may have gone with retention); a new epoch must start at 0.
    pub fn check(&self, tag: ProducerTag) -> Verdict {
        if !tag.is_idempotent() {
            return Verdict::Append;
        }
        let Some(e) = self.entries.iter().find(|e| e.id == tag.id) else {
            return Verdict::Append;
        };
        if tag.epoch < e.epoch {
            return Verdict::Fenced { current: e.epoch };
        }
        if tag.epoch > e.epoch {
            return if tag.sequence == 0 {
                Verdict::Append
            } else {
                Verdict::OutOfOrder { expected: 0 }
            };
        }
        let expected = e.expected();
        if tag.sequence == expected {
            return Verdict::Append;
        }
        match e.batches().find(|b| b.sequence == tag.sequence) {
            Some(b) => Verdict::Duplicate { offset: b.offset },
            None => Verdict::OutOfOrder { expected },
        }
    }

    /// The usual case in one look: a batch without idempotence, or the next sequence of
    /// a producer this partition knows in its epoch, is remembered at `offset` and
    /// `true` comes back; anything else needs [`Self::check_and_record`].
    pub fn accepts_next(&mut self, tag: ProducerTag, offset: i64) -> bool {
        if !tag.is_idempotent() {
            return true;
        }
        match self.entries.iter_mut().find(|e| e.id == tag.id) {
            Some(e) if tag.epoch == e.epoch && tag.sequence == e.expected() => {
                e.push(BatchMetadata {
                    sequence: tag.sequence,
                    offset,
                });
                true
            }
            _ => false,
        }
    }

    /// [`Self::check`], and on [`Verdict::Append`] [`Self::record`] at `offset` (the log
    /// end offset the batch is about to get).
    pub fn check_and_record(&mut self, tag: ProducerTag, offset: i64) -> Verdict {
        if self.accepts_next(tag, offset) {
            return Verdict::Append;
        }
        let verdict = self.check(tag);
        if verdict == Verdict::Append {
            self.record(tag, offset);
        }
        verdict
    }

    /// Remembers a batch the log just wrote at `offset`.
    pub fn record(&mut self, tag: ProducerTag, offset: i64) {
        if !tag.is_idempotent() {
            return;
        }
        let at = match self.entries.iter().position(|e| e.id == tag.id) {
            Some(at) => at,
            None => {
                self.entries
                    .push(ProducerStateEntry::new(tag.id, tag.epoch));
                self.entries.len() - 1
            }
        };
        let e = &mut self.entries[at];
        if tag.epoch > e.epoch {
            // A new epoch forgets the old batches (`maybeUpdateProducerEpoch`).
            *e = ProducerStateEntry::new(tag.id, tag.epoch);
        }
        e.push(BatchMetadata {
            sequence: tag.sequence,
            offset,
        });
    }

    /// A transaction marker of producer `id` at `epoch` was written: a new epoch forgets
    /// the old batches, and batches of older epochs are fenced from now on
    /// (`ProducerAppendInfo#appendEndTxnMarker`).
    pub fn end_transaction(&mut self, id: i64, epoch: i16) {
        match self.entries.iter_mut().find(|e| e.id == id) {
            Some(e) if e.epoch != epoch => *e = ProducerStateEntry::new(id, epoch),
            Some(_) => {}
            None => self.entries.push(ProducerStateEntry::new(id, epoch)),
        }
    }

    /// Each producer's id, the offset of its last data batch (none when its state holds
    /// only a marker's epoch) and its epoch (`UnifiedLog#lastRecordsOfActiveProducers`).
    pub fn last_records(&self) -> impl Iterator<Item = (i64, Option<i64>, i16)> + '_ {
        self.entries
            .iter()
            .map(|e| (e.id, e.last().map(|b| b.offset), e.epoch))
    }

    /// The last sequence written by producer `id`, if any (drawn beside the log).
    pub fn last_sequence(&self, id: i64) -> Option<i32> {
        self.entries
            .iter()
            .find(|e| e.id == id)
            .and_then(ProducerStateEntry::last)
            .map(|b| b.sequence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(sequence: i32) -> ProducerTag {
        ProducerTag {
            id: 0,
            epoch: 0,
            sequence,
            attributes: 0,
        }
    }

    #[test]
    fn sequences_must_follow_and_retries_get_their_first_offset() {
        let mut s = ProducerStates::default();
        // An unknown producer id may start anywhere (ProducerAppendInfo#checkSequence).
        assert_eq!(s.check(tag(1)), Verdict::Append);
        assert_eq!(s.check(tag(0)), Verdict::Append);
        s.record(tag(0), 10);
        assert_eq!(s.check(tag(0)), Verdict::Duplicate { offset: 10 });
        assert_eq!(s.check(tag(2)), Verdict::OutOfOrder { expected: 1 });
        assert_eq!(s.check(tag(1)), Verdict::Append);
        assert_eq!(s.check(ProducerTag::NONE), Verdict::Append);
    }

    #[test]
    fn only_the_last_five_batches_are_remembered_and_old_epochs_are_fenced() {
        let mut s = ProducerStates::default();
        for i in 0..7 {
            s.record(tag(i), 100 + i64::from(i));
        }
        assert_eq!(s.check(tag(6)), Verdict::Duplicate { offset: 106 });
        assert_eq!(s.check(tag(2)), Verdict::Duplicate { offset: 102 });
        // Sequence 1 fell out of the window: no longer known as a duplicate.
        assert_eq!(s.check(tag(1)), Verdict::OutOfOrder { expected: 7 });
        let newer = ProducerTag { epoch: 1, ..tag(0) };
        assert_eq!(
            s.check(ProducerTag { epoch: 1, ..tag(3) }),
            Verdict::OutOfOrder { expected: 0 },
            "a new epoch starts at sequence 0"
        );
        s.record(newer, 200);
        assert_eq!(s.check(tag(7)), Verdict::Fenced { current: 1 });
        assert_eq!(s.last_sequence(0), Some(0));
    }
}
