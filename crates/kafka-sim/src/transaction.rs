//! Transactions (KIP-98): the transaction coordinator's state per `transactional.id` and
//! the producer's `initTransactions`, `beginTransaction`, `sendOffsetsToTransaction`,
//! `commitTransaction` and `abortTransaction`. Ending a transaction writes a COMMIT or
//! ABORT marker into every partition it touched, each marker taking an offset; offsets
//! sent to the transaction reach the group only if it commits.

use std::sync::Arc;

use crate::cluster::Cluster;
use crate::consumer::TopicPartition;
use crate::error::{ErrorKind, KafkaError};
use crate::event::Event;
use crate::producer::TxnState;
use crate::producer_state::ProducerTag;

/// What the coordinator holds for one `transactional.id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxnMetadata {
    /// Producer id, kept across restarts of the producer.
    pub producer_id: i64,
    /// Epoch, bumped by every `initTransactions()`: older instances are fenced.
    pub epoch: i16,
    /// Partitions written in the open transaction (AddPartitionsToTxn).
    pub partitions: Vec<TopicPartition>,
    /// Offsets sent with `sendOffsetsToTransaction`: group, partition, offset.
    pub offsets: Vec<(Arc<str>, TopicPartition, i64)>,
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

    /// The checks `TransactionManager#failIfNotReadyForSend` makes before a send.
    pub(crate) fn check_transactional_send(&self) -> Result<(), KafkaError> {
        if self.producer.transactional_id.is_none() {
            return Ok(());
        }
        match self.producer.txn_state {
            TxnState::Uninitialized => Err(illegal(
                "Cannot perform a 'send' before completing a call to initTransactions when transactions are enabled.",
            )),
            TxnState::Ready => Err(illegal("Cannot call send in state READY")),
            TxnState::InTransaction => Ok(()),
        }
    }

    /// AddPartitionsToTxn, for a send inside a transaction.
    pub(crate) fn add_partition_to_txn(&mut self, topic: &Arc<str>, partition: u32) {
        let Some(id) = &self.producer.transactional_id else {
            return;
        };
        if let Some(meta) = self.transactions.get_mut(id.as_str()) {
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
    /// producer id with the epoch bumped, and the coordinator aborts what an older
    /// instance left open (that instance is fenced).
    pub(crate) fn init_transactions(&mut self, out: &mut Vec<Event>) -> Result<(), KafkaError> {
        let id = self.transactional_id()?;
        if self.producer.txn_state != TxnState::Uninitialized {
            return Err(invalid_transition(
                &id,
                self.producer.txn_state,
                "INITIALIZING",
            ));
        }
        let (producer_id, epoch) = match self.transactions.get(id.as_str()) {
            Some(meta) => {
                let (pid, old) = (meta.producer_id, meta.epoch);
                if !meta.partitions.is_empty() {
                    self.end_transaction(&id, false, out);
                }
                (pid, old + 1)
            }
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
        let meta = self.transactions.get_mut(id.as_str()).expect("initialized");
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
        if self.producer.txn_state != TxnState::InTransaction {
            let to = if commit {
                "COMMITTING_TRANSACTION"
            } else {
                "ABORTING_TRANSACTION"
            };
            return Err(invalid_transition(&id, self.producer.txn_state, to));
        }
        self.end_transaction(&id, commit, out);
        self.producer.txn_state = TxnState::Ready;
        Ok(())
    }

    /// The coordinator's second phase: a marker into every partition of the transaction,
    /// then (on commit) the offsets into their groups.
    fn end_transaction(&mut self, id: &str, commit: bool, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let meta = self
            .transactions
            .get_mut(id)
            .expect("known transactional.id");
        let partitions = std::mem::take(&mut meta.partitions);
        let offsets = std::mem::take(&mut meta.offsets);
        let tag = ProducerTag {
            id: meta.producer_id,
            epoch: meta.epoch,
            ..ProducerTag::NONE
        };
        let mut markers = Vec::new();
        for (topic, partition) in partitions {
            let Some(t) = self.topics.get_mut(&*topic) else {
                continue;
            };
            let (segment_bytes, segment_ms) = (t.config.segment_bytes, t.config.segment_ms);
            let log = &mut t.partitions[partition as usize].log;
            let appended = log.append_marker(tag, commit, now, segment_bytes, segment_ms);
            log.set_high_watermark(log.log_end_offset());
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
}
