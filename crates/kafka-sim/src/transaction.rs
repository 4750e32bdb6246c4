//! Transactions (KIP-98), with Kafka 4.x's transaction protocol version 2 (KIP-890, on for
//! a cluster formatted by 4.x): the transaction coordinator's state per
//! `transactional.id` (`TransactionCoordinator`, `TransactionMetadata`) and the producer's
//! `initTransactions`, `beginTransaction`, `sendOffsetsToTransaction`,
//! `commitTransaction` and `abortTransaction` (`TransactionManager`).
//!
//! ```text
//!  initTransactions ─► epoch+1 (an open transaction of an older instance is aborted
//!                      first with epoch+1 on its markers, and the new instance gets +2)
//!  begin ─► send (the partition joins the transaction) ─► commit/abort: a COMMIT or ABORT
//!           marker in every partition, each taking an offset, written with epoch+1: TV2
//!           bumps the epoch at every end, so sequences restart at 0
//!  transaction.timeout.ms passed ─► the coordinator aborts it (epoch+1); the producer
//!           learns at its next call
//! ```

use std::sync::Arc;

use crate::cluster::Cluster;
use crate::consumer::TopicPartition;
use crate::error::{ErrorKind, KafkaError};
use crate::event::Event;
use crate::producer::{ProducerState, TxnState};
use crate::producer_state::ProducerTag;

/// The broker's `transaction.max.timeout.ms` default.
pub const TRANSACTION_MAX_TIMEOUT_MS: i64 = 900_000;

/// The broker's `transaction.abort.timed.out.transaction.cleanup.interval.ms` default:
/// how often the coordinator looks for transactions past their timeout.
pub const TIMEOUT_CLEANUP_INTERVAL_MS: i64 = 10_000;

/// `TransactionState`, as far as a client can tell (the PREPARE_ states last no time
/// here: markers are written at once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxnStatus {
    /// No transaction open.
    Empty,
    /// A transaction has written something (or sent offsets).
    Ongoing,
    /// The last one committed.
    CompleteCommit,
    /// The last one aborted.
    CompleteAbort,
}

/// What the coordinator holds for one `transactional.id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxnMetadata {
    /// Producer id, kept across restarts of the producer.
    pub producer_id: i64,
    /// Epoch: bumped by `initTransactions()` (fencing older instances) and, in
    /// transaction version 2, by every commit and abort.
    pub epoch: i16,
    /// Where the transaction stands.
    pub status: TxnStatus,
    /// When the open transaction started (its first partition or offsets).
    pub start_ms: i64,
    /// The producer's `transaction.timeout.ms`.
    pub timeout_ms: i64,
    /// Partitions written in the open transaction.
    pub partitions: Vec<TopicPartition>,
    /// Offsets sent with `sendOffsetsToTransaction`: group, partition, offset.
    pub offsets: Vec<(Arc<str>, TopicPartition, i64)>,
}

/// `TransactionManager#maybeFailWithError`: in an error state every transactional call
/// is refused, naming the error that put it there.
fn fail_if_in_error(producer: &ProducerState, id: &str) -> Result<(), KafkaError> {
    let error = match producer.txn_state {
        TxnState::AbortableError(e) | TxnState::FatalError(e) => e,
        _ => return Ok(()),
    };
    let who = format!(
        "Producer with transactionalId '{id}' and (producerId={}, epoch={})",
        producer.producer_id, producer.producer_epoch
    );
    Err(match error {
        ErrorKind::InvalidProducerEpochException => KafkaError::new(
            error,
            format!("{who} attempted to produce with an old epoch"),
        ),
        ErrorKind::ProducerFencedException => KafkaError::new(
            error,
            format!("{who} has been fenced by another producer with the same transactionalId"),
        ),
        _ => KafkaError::new(
            ErrorKind::KafkaException,
            "Cannot execute transactional method because we are in an error state",
        ),
    })
}

/// `TransactionManager#maybeAddPartition`, for a send of a transactional producer to
/// `topic`-`partition`.
pub(crate) fn check_send(
    producer: &ProducerState,
    topic: &str,
    partition: u32,
) -> Result<(), KafkaError> {
    let Some(id) = &producer.transactional_id else {
        return Ok(());
    };
    fail_if_in_error(producer, id)?;
    match producer.txn_state {
        TxnState::Uninitialized => Err(illegal(format!(
            "Cannot add partition {topic}-{partition} to transaction before completing a call to initTransactions"
        ))),
        TxnState::InTransaction => Ok(()),
        other => Err(illegal(format!(
            "Cannot add partition {topic}-{partition} to transaction while in state  {}",
            other.name()
        ))),
    }
}

fn illegal(message: impl Into<String>) -> KafkaError {
    KafkaError::new(ErrorKind::IllegalStateException, message)
}

/// `TransactionManager#transitionTo`'s refusal.
fn invalid_transition(id: &str, from: TxnState, to: &str) -> KafkaError {
    illegal(format!(
        "TransactionalId {id}: Invalid transition attempted from state {} to state {to}",
        from.name()
    ))
}

impl Cluster {
    fn transactional_id(&self) -> Result<String, KafkaError> {
        self.producer
            .transactional_id
            .clone()
            .ok_or_else(|| illegal("Transactional method invoked on a non-transactional producer."))
    }

    fn fail_if_in_error(&self, id: &str) -> Result<(), KafkaError> {
        fail_if_in_error(&self.producer, id)
    }

    /// AddPartitionsToTxn (implicit in TV2's produce): the coordinator learns every
    /// partition the transaction reaches; the first one starts its clock.
    pub(crate) fn add_partition_to_txn(&mut self, topic: &Arc<str>, partition: u32) {
        let now = self.now_ms;
        let Some(id) = &self.producer.transactional_id else {
            return;
        };
        if let Some(meta) = self.transactions.get_mut(id.as_str()) {
            meta.begin(now);
            if !meta
                .partitions
                .iter()
                .any(|(t, p)| t == topic && *p == partition)
            {
                meta.partitions.push((topic.clone(), partition));
            }
        }
    }

    /// `initTransactions()`: a new id gets producer id and epoch 0; a known one keeps its
    /// producer id with the epoch bumped. If an older instance left a transaction open,
    /// the coordinator first aborts it with the epoch bumped once for the markers, then
    /// bumps it again for the new producer (`TransactionCoordinator#handleInitProducerId`:
    /// prepareFenceProducerEpoch, "the epoch is bumped a second time").
    pub(crate) fn init_transactions(&mut self, out: &mut Vec<Event>) -> Result<(), KafkaError> {
        let id = self.transactional_id()?;
        if self.producer.txn_state != TxnState::Uninitialized {
            return Err(invalid_transition(
                &id,
                self.producer.txn_state,
                "INITIALIZING",
            ));
        }
        let timeout_ms = self.producer.transaction_timeout_ms;
        if timeout_ms > TRANSACTION_MAX_TIMEOUT_MS {
            return Err(KafkaError::new(
                ErrorKind::InvalidTxnTimeoutException,
                "The transaction timeout is larger than the maximum value allowed by the broker (as configured by transaction.max.timeout.ms).",
            ));
        }
        let (producer_id, epoch) = match self.transactions.get(id.as_str()) {
            Some(meta) if meta.status == TxnStatus::Ongoing => {
                let pid = meta.producer_id;
                let fence = meta.epoch + 1;
                self.end_transaction(&id, false, fence, out);
                (pid, fence + 1)
            }
            Some(meta) => (meta.producer_id, meta.epoch + 1),
            None => {
                let pid = self.next_producer_id;
                self.next_producer_id += 1;
                (pid, 0)
            }
        };
        self.transactions.insert(
            id.clone(),
            TxnMetadata {
                producer_id,
                epoch,
                status: TxnStatus::Empty,
                start_ms: 0,
                timeout_ms,
                partitions: Vec::new(),
                offsets: Vec::new(),
            },
        );
        self.producer.producer_id = producer_id;
        self.producer.producer_epoch = epoch;
        self.producer.sequences.clear();
        self.producer.txn_state = TxnState::Ready;
        out.push(Event::TransactionsInitialized {
            transactional_id: Arc::from(id.as_str()),
            producer_id,
            epoch,
        });
        Ok(())
    }

    /// `beginTransaction()`.
    pub(crate) fn begin_transaction(&mut self, out: &mut Vec<Event>) -> Result<(), KafkaError> {
        let id = self.transactional_id()?;
        self.fail_if_in_error(&id)?;
        if self.producer.txn_state != TxnState::Ready {
            return Err(invalid_transition(
                &id,
                self.producer.txn_state,
                "IN_TRANSACTION",
            ));
        }
        self.producer.txn_state = TxnState::InTransaction;
        out.push(Event::TransactionBegun {
            transactional_id: Arc::from(id.as_str()),
        });
        Ok(())
    }

    /// `sendOffsetsToTransaction(consumer positions, consumer.groupMetadata())`.
    pub(crate) fn send_offsets_to_transaction(
        &mut self,
        consumer: &str,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let id = self.transactional_id()?;
        self.fail_if_in_error(&id)?;
        if self.producer.txn_state != TxnState::InTransaction {
            return Err(illegal(format!(
                "Cannot send offsets if a transaction is not in progress (currentState= {})",
                self.producer.txn_state.name()
            )));
        }
        let c = self
            .consumer(consumer)
            .ok_or_else(|| illegal(format!("No consumer named {consumer}.")))?;
        let group: Arc<str> = Arc::from(c.config.group_id.as_str());
        let offsets: Vec<(TopicPartition, i64)> = c
            .owned
            .iter()
            .filter_map(|tp| c.positions.get(tp).map(|o| (tp.clone(), *o)))
            .collect();
        let now = self.now_ms;
        let meta = self.transactions.get_mut(id.as_str()).expect("initialized");
        meta.begin(now);
        for (tp, o) in &offsets {
            meta.offsets.retain(|(g, t, _)| !(g == &group && t == tp));
            meta.offsets.push((group.clone(), tp.clone(), *o));
        }
        out.push(Event::OffsetsSentToTransaction {
            transactional_id: Arc::from(id.as_str()),
            group,
            offsets: offsets.into_iter().map(|((t, p), o)| (t, p, o)).collect(),
        });
        Ok(())
    }

    /// `commitTransaction()` or `abortTransaction()`.
    pub(crate) fn complete_transaction(
        &mut self,
        commit: bool,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let id = self.transactional_id()?;
        let to = if commit {
            "COMMITTING_TRANSACTION"
        } else {
            "ABORTING_TRANSACTION"
        };
        // abortTransaction is the way out of an abortable error; nothing else is.
        let recovering = !commit && matches!(self.producer.txn_state, TxnState::AbortableError(_));
        if !recovering {
            self.fail_if_in_error(&id)?;
            if self.producer.txn_state != TxnState::InTransaction {
                return Err(invalid_transition(&id, self.producer.txn_state, to));
            }
        }
        let meta = self.transactions.get(id.as_str()).expect("initialized");
        if meta.epoch > self.producer.producer_epoch {
            // The coordinator already aborted it (timeout) and bumped the epoch: an abort
            // is answered as a retry and adopts the new epoch; a commit is refused, and
            // the producer can do nothing more (EndTxnHandler: INVALID_TXN_STATE is fatal).
            if commit {
                self.producer.txn_state = TxnState::FatalError(ErrorKind::InvalidTxnStateException);
                return Err(KafkaError::new(
                    ErrorKind::InvalidTxnStateException,
                    "The producer attempted a transactional operation in an invalid state.",
                ));
            }
            let epoch = meta.epoch;
            self.adopt_epoch(epoch, out);
            self.producer.txn_state = TxnState::Ready;
            return Ok(());
        }
        // TV2: a transaction that sent nothing sends no EndTxn, and nothing moves.
        if meta.status == TxnStatus::Ongoing {
            let next = meta.epoch + 1;
            self.end_transaction(&id, commit, next, out);
            self.adopt_epoch(next, out);
        }
        self.producer.txn_state = TxnState::Ready;
        Ok(())
    }

    /// The producer takes the epoch the coordinator answered EndTxn with; sequences
    /// restart at 0 (`TransactionManager`, TV2).
    fn adopt_epoch(&mut self, epoch: i16, out: &mut Vec<Event>) {
        self.producer.producer_epoch = epoch;
        self.producer.sequences.clear();
        out.push(Event::ProducerEpochBumped {
            producer_id: self.producer.producer_id,
            epoch,
            reason: "the transaction ended: transaction version 2 bumps the epoch (KIP-890)",
        });
    }

    /// The coordinator's second phase: a marker written with `epoch` into every partition
    /// of the transaction, then (on commit) the offsets into their groups.
    fn end_transaction(&mut self, id: &str, commit: bool, epoch: i16, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let meta = self
            .transactions
            .get_mut(id)
            .expect("known transactional.id");
        let partitions = std::mem::take(&mut meta.partitions);
        let offsets = std::mem::take(&mut meta.offsets);
        meta.epoch = epoch;
        meta.status = if commit {
            TxnStatus::CompleteCommit
        } else {
            TxnStatus::CompleteAbort
        };
        let tag = ProducerTag {
            id: meta.producer_id,
            epoch,
            ..ProducerTag::NONE
        };
        let mut markers = Vec::new();
        for (topic, partition) in partitions {
            let Some(t) = self.topics.get_mut(&*topic) else {
                continue;
            };
            let (segment_bytes, segment_ms) = (t.config.segment_bytes, t.config.segment_ms);
            let part = &mut t.partitions[partition as usize];
            let appended =
                part.leader_log_mut()
                    .append_marker(tag, commit, now, segment_bytes, segment_ms);
            part.leader_appended(now, &t.config);
            markers.push((topic, partition, appended.offset));
        }
        if commit {
            for (group, tp, offset) in &offsets {
                let g = self
                    .groups
                    .entry(group.clone())
                    .or_insert_with(|| crate::group::Group::new(group));
                g.committed.insert(tp.clone(), *offset);
            }
        }
        out.push(Event::TransactionEnded {
            transactional_id: Arc::from(id),
            committed: commit,
            epoch,
            markers,
            offsets: if commit {
                offsets
                    .into_iter()
                    .map(|(g, (t, p), o)| (g, t, p, o))
                    .collect()
            } else {
                Vec::new()
            },
        });
    }

    /// The next instant the coordinator's cleanup finds a transaction past its timeout:
    /// the first run (every 10 s) at which `start + timeout < now`
    /// (`TransactionStateManager#timedOutTransactions`).
    pub(crate) fn transaction_deadlines(&self) -> Vec<i64> {
        self.transactions
            .values()
            .filter(|m| m.status == TxnStatus::Ongoing)
            .map(|m| {
                let deadline = m.start_ms + m.timeout_ms;
                (deadline / TIMEOUT_CLEANUP_INTERVAL_MS + 1) * TIMEOUT_CLEANUP_INTERVAL_MS
            })
            .collect()
    }

    /// `TransactionCoordinator#abortTimedOutTransactions`: abort with the epoch bumped;
    /// the producer is not told, and learns at its next call.
    pub(crate) fn abort_timed_out_transactions(&mut self, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let due = now % TIMEOUT_CLEANUP_INTERVAL_MS == 0;
        if !due {
            return;
        }
        let expired: Vec<(String, i16)> = self
            .transactions
            .iter()
            .filter(|(_, m)| m.status == TxnStatus::Ongoing && m.start_ms + m.timeout_ms < now)
            .map(|(id, m)| (id.clone(), m.epoch))
            .collect();
        for (id, epoch) in expired {
            out.push(Event::TransactionTimedOut {
                transactional_id: Arc::from(id.as_str()),
                epoch: epoch + 1,
            });
            self.end_transaction(&id, false, epoch + 1, out);
        }
    }
}

impl TxnMetadata {
    /// The transaction becomes Ongoing at its first partition or offsets.
    fn begin(&mut self, now: i64) {
        if self.status != TxnStatus::Ongoing {
            self.status = TxnStatus::Ongoing;
            self.start_ms = now;
        }
    }
}
