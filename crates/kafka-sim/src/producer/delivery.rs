//! A send to a replicated partition, delivered as the Java producer's `Sender` does
//! with `send().get()`: to the leader in its metadata, answered after `acks` are met,
//! retried after `retry.backoff.ms` (doubling to `retry.backoff.max.ms`, KIP-580) on
//! retriable errors, until `delivery.timeout.ms` expires the batch. The engine's clock
//! runs while the producer waits: followers fetch, sessions time out, leaders change.

use std::sync::Arc;

use crate::broker::{broker_append, Answer, BrokerId, OLD_EPOCH};
use crate::cluster::Acked;
use crate::command::ProduceFault;
use crate::error::{ErrorKind, KafkaError};
use crate::event::Event;
use crate::partition::{maximal_isr, View};
use crate::partitioner::Routing;
use crate::producer::sender::Sent;
use crate::producer::sender::REQUEST_TIMEOUT_MS;
use crate::record::Record;
use crate::Cluster;

/// `delivery.timeout.ms` (120000): the most a send may take, retries included.
pub const DELIVERY_TIMEOUT_MS: i64 = 120_000;
/// `retry.backoff.ms` (100): the first pause before a retry.
pub const RETRY_BACKOFF_MS: i64 = 100;
/// `retry.backoff.max.ms` (1000): the longest pause (KIP-580). Kafka adds ±20% jitter;
/// the engine waits the exact value so that a replay is the same.
pub const RETRY_BACKOFF_MAX_MS: i64 = 1_000;

/// How one attempt ended.
enum Attempt {
    /// Acknowledged at this offset.
    Acked(i64),
    /// A retriable error from broker `.0`.
    Retriable(BrokerId, KafkaError),
    /// Failed for good: the callback gets it.
    Fatal(KafkaError),
    /// The delivery timeout ran out while waiting.
    Expired,
}

impl Cluster {
    /// The leader of `topic`-`partition` the producer's metadata names, if its broker
    /// is up (a dead one refuses connections: the batch waits in the accumulator).
    fn reachable_leader(&self, topic: &str, partition: u32) -> Option<BrokerId> {
        let l = self
            .topic(topic)?
            .partitions
            .get(partition as usize)?
            .leader()?;
        self.broker(l).filter(|b| b.is_up()).map(|b| b.id)
    }

    /// The leader the producer sends to: the one in its metadata while that is fresh
    /// and its broker answers connections (an isolated leader the controller replaced
    /// still does, and keeps taking writes), else the current one, learned now.
    fn producer_leader(&mut self, topic: &Arc<str>, partition: u32) -> Option<BrokerId> {
        let now = self.now_ms;
        let max_age = self.producer.metadata_max_age_ms;
        let cached = self
            .producer
            .leaders
            .iter()
            .find(|(t, p, _, _)| t == topic && *p == partition)
            .map(|(_, _, l, at)| (*l, *at));
        if let Some((l, at)) = cached {
            if now - at < max_age && self.broker(l).is_some_and(|b| b.is_up()) {
                return Some(l);
            }
        }
        self.forget_leader(topic, partition);
        let l = self.reachable_leader(topic, partition)?;
        self.producer
            .leaders
            .push((topic.clone(), partition, l, now));
        Some(l)
    }

    /// The producer asks for new metadata for `topic`-`partition`.
    fn forget_leader(&mut self, topic: &str, partition: u32) {
        self.producer
            .leaders
            .retain(|(t, p, _, _)| !(&**t == topic && *p == partition));
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn send_replicated(
        &mut self,
        topic: Arc<str>,
        partition: u32,
        mut record: Record,
        size: u32,
        routing: Routing,
        count: u32,
        mut fault: Option<ProduceFault>,
        out: &mut Vec<Event>,
    ) -> Result<bool, KafkaError> {
        let start = self.now_ms;
        let deadline = start + DELIVERY_TIMEOUT_MS;
        let acks = self.producer.acks;
        let mut failures: u32 = 0;
        // Whether a copy of the batch is in the leader's log (its answer was lost).
        let mut in_log = false;
        loop {
            // The fault strikes the first produce request only.
            let outcome = self.attempt(
                &topic,
                partition,
                &record,
                size,
                routing,
                acks,
                deadline,
                fault.take(),
                &mut in_log,
                out,
            );
            match outcome {
                Attempt::Acked(offset) => {
                    let mut acked = record.clone();
                    acked.offset = offset;
                    self.acked.push(Acked {
                        topic: topic.clone(),
                        partition,
                        record: acked,
                    });
                    self.acked_count += 1;
                    if let Some(p) = self.partition_mut(&topic, partition) {
                        p.acked += 1;
                    }
                    out.push(Event::SendAcknowledged {
                        topic: topic.clone(),
                        partition,
                        offset,
                        acks,
                        waited_ms: self.now_ms - start,
                    });
                    return Ok(true);
                }
                Attempt::Fatal(error) => {
                    out.push(Event::SendFailed {
                        topic: topic.clone(),
                        partition,
                        error,
                        in_log: false,
                    });
                    return Ok(true);
                }
                Attempt::Expired => {
                    self.expire(&topic, partition, start, in_log, out);
                    return Ok(true);
                }
                Attempt::Retriable(broker, error) => {
                    // InvalidMetadataException (NOT_LEADER_OR_FOLLOWER) and a request
                    // that timed out (a disconnect) ask for a metadata update.
                    if matches!(
                        error.kind,
                        ErrorKind::NotLeaderOrFollowerException | ErrorKind::TimeoutException
                    ) {
                        self.forget_leader(&topic, partition);
                    }
                    out.push(Event::ProduceRequestFailed {
                        topic: topic.clone(),
                        partition,
                        broker,
                        error: error.clone(),
                    });
                    if self.producer.retries == 0 {
                        out.push(Event::SendFailed {
                            topic: topic.clone(),
                            partition,
                            error,
                            in_log,
                        });
                        return Ok(true);
                    }
                    failures += 1;
                    let backoff =
                        (RETRY_BACKOFF_MS << (failures - 1).min(10)).min(RETRY_BACKOFF_MAX_MS);
                    if self.now_ms + backoff >= deadline {
                        self.run_clock_until(deadline, out, |_| false);
                        self.expire(&topic, partition, start, in_log, out);
                        return Ok(true);
                    }
                    out.push(Event::ProduceRetried {
                        topic: topic.clone(),
                        partition,
                        sequence: record.producer.sequence,
                        after_ms: backoff,
                    });
                    let until = self.now_ms + backoff;
                    self.run_clock_until(until, out, |_| false);
                    // An epoch bump renumbers the batch (see below).
                    if record.producer.is_idempotent()
                        && record.producer.epoch != self.producer.producer_epoch
                    {
                        record.producer = self.producer.next_tag(&topic, partition, count);
                    }
                }
            }
        }
    }

    /// `Sender#failExpiredBatches`.
    fn expire(
        &mut self,
        topic: &Arc<str>,
        partition: u32,
        start: i64,
        in_log: bool,
        out: &mut Vec<Event>,
    ) {
        out.push(Event::SendFailed {
            topic: topic.clone(),
            partition,
            error: KafkaError::new(
                ErrorKind::TimeoutException,
                format!(
                    "Expiring 1 record(s) for {topic}-{partition}:{} ms has passed since batch creation. The request has not been sent, or no server response has been received yet.",
                    self.now_ms - start
                ),
            ),
            in_log,
        });
    }

    /// One produce request: wait for a leader, send it, and get its answer, unless
    /// `fault` drops the request on its way or the answer on its way back (as the
    /// cross-check's proxy does on a real cluster): then the producer hears nothing
    /// until `request.timeout.ms` has passed (`Sender#handleProduceResponse`,
    /// REQUEST_TIMED_OUT), and retries. With acks=0 it waits for nothing.
    #[allow(clippy::too_many_arguments)]
    fn attempt(
        &mut self,
        topic: &Arc<str>,
        partition: u32,
        record: &Record,
        size: u32,
        routing: Routing,
        acks: i8,
        deadline: i64,
        fault: Option<ProduceFault>,
        in_log: &mut bool,
        out: &mut Vec<Event>,
    ) -> Attempt {
        let name = topic.clone();
        if !self.run_clock_until(deadline, out, |c| {
            c.reachable_leader(&name, partition).is_some()
        }) {
            return Attempt::Expired;
        }
        let l = self
            .producer_leader(topic, partition)
            .expect("waited for a reachable leader");
        let timeout_at = (self.now_ms + REQUEST_TIMEOUT_MS).min(deadline);
        if fault == Some(ProduceFault::LostRequest) {
            out.push(Event::RequestLost {
                topic: topic.clone(),
                partition,
                sequence: record.producer.sequence,
            });
            if acks == 0 {
                // Fire and forget: the callback already succeeded, with no offset.
                return Attempt::Acked(-1);
            }
            return self.time_out(l, timeout_at, deadline, out);
        }
        let answer = self.answer(
            l, topic, partition, record, size, routing, acks, deadline, out,
        );
        if fault != Some(ProduceFault::LostAck) || matches!(answer, Attempt::Expired) {
            return answer;
        }
        // The leader answered; the answer is lost (an error answer too).
        if let Attempt::Acked(offset) = answer {
            *in_log = true;
            out.push(Event::AckLost {
                topic: topic.clone(),
                partition,
                offset,
            });
            if acks == 0 {
                return answer;
            }
        }
        self.time_out(l, timeout_at, deadline, out)
    }

    /// No answer from broker `l`: the producer waits until `timeout_at`, then gives the
    /// request up as timed out (a retriable error), unless the delivery timeout came first.
    fn time_out(
        &mut self,
        l: BrokerId,
        timeout_at: i64,
        deadline: i64,
        out: &mut Vec<Event>,
    ) -> Attempt {
        self.run_clock_until(timeout_at, out, |_| false);
        if self.now_ms >= deadline {
            return Attempt::Expired;
        }
        Attempt::Retriable(l, request_timed_out(l))
    }

    /// Broker `l`'s answer to one produce request: it appends and waits for the acks.
    #[allow(clippy::too_many_arguments)]
    fn answer(
        &mut self,
        l: BrokerId,
        topic: &Arc<str>,
        partition: u32,
        record: &Record,
        size: u32,
        routing: Routing,
        acks: i8,
        deadline: i64,
        out: &mut Vec<Event>,
    ) -> Attempt {
        let now = self.now_ms;
        let Some(t) = self.topics.get_mut(&**topic) else {
            return Attempt::Fatal(crate::broker::unknown_topic(topic));
        };
        let config = t.config.clone();
        let part = &mut t.partitions[partition as usize];
        // ReplicaManager#appendRecords on broker l: it must believe it leads.
        let Some(View::Leader {
            leader_epoch, isr, ..
        }) = part.copy(l).map(|c| c.view().clone())
        else {
            return Attempt::Retriable(l, not_leader());
        };
        // Partition#appendRecordsToLeader: with acks=all, the ISR must reach the minimum
        // before anything is written.
        let min_isr = (config.min_insync_replicas as usize).min(part.replicas().len());
        if acks == -1 && isr.len() < min_isr {
            return Attempt::Retriable(
                l,
                KafkaError::new(
                    ErrorKind::NotEnoughReplicasException,
                    "Messages are rejected since there are fewer in-sync replicas than required.",
                ),
            );
        }
        let mut sent = Sent {
            topic,
            partition,
            leader: l,
            sequence: record.producer.sequence,
            out,
        };
        part.serving = Some(l);
        let answer = broker_append(part, now, record.clone(), size, &config, routing, &mut sent);
        part.serving = None;
        let offset = match answer {
            Answer::Appended(offset) | Answer::Duplicate(offset) => offset,
            Answer::Fenced => {
                if self.producer.transactional_id.is_some() {
                    self.producer.txn_state = crate::producer::TxnState::AbortableError(
                        ErrorKind::InvalidProducerEpochException,
                    );
                }
                return Attempt::Fatal(KafkaError::new(
                    ErrorKind::InvalidProducerEpochException,
                    OLD_EPOCH,
                ));
            }
            Answer::OutOfOrder { expected } => {
                out.push(Event::SequenceRefused {
                    topic: topic.clone(),
                    partition,
                    sequence: record.producer.sequence,
                    expected,
                });
                let error = KafkaError::new(
                    ErrorKind::OutOfOrderSequenceException,
                    crate::broker::OUT_OF_ORDER,
                );
                if self.producer.transactional_id.is_some() {
                    self.producer.txn_state = crate::producer::TxnState::AbortableError(
                        ErrorKind::OutOfOrderSequenceException,
                    );
                    return Attempt::Fatal(error);
                }
                // KIP-360: the idempotent producer bumps its epoch; the batch goes again
                // as sequence 0 of the new epoch.
                self.producer.producer_epoch += 1;
                self.producer.sequences.clear();
                out.push(Event::ProducerEpochBumped {
                    producer_id: self.producer.producer_id,
                    epoch: self.producer.producer_epoch,
                    reason: "OUT_OF_ORDER_SEQUENCE_NUMBER: the idempotent producer bumps its epoch and sends the batch again from sequence 0 (KIP-360)",
                });
                return Attempt::Retriable(l, error);
            }
        };
        // The followers' parked fetches complete on the append.
        self.replicate(out);
        if acks != -1 {
            return Attempt::Acked(offset);
        }
        // DelayedProduce: until the high watermark passes the batch, the leader steps
        // down, or the request times out.
        let timeout_at = (now + REQUEST_TIMEOUT_MS).min(deadline);
        let name = topic.clone();
        let settled = move |c: &Cluster| {
            let Some(copy) = c
                .topic(&name)
                .and_then(|t| t.partitions.get(partition as usize))
                .and_then(|p| p.copy(l))
            else {
                return true;
            };
            match copy.view() {
                View::Leader {
                    leader_epoch: e, ..
                } if *e == leader_epoch => copy.log().high_watermark() > offset,
                _ => true,
            }
        };
        if !self.run_clock_until(timeout_at, out, settled) {
            if self.now_ms >= deadline {
                return Attempt::Expired;
            }
            return Attempt::Retriable(l, request_timed_out(l));
        }
        let part = &self.topics.get(&**topic).expect("exists").partitions[partition as usize];
        let copy = part.copy(l).expect("a replica");
        match copy.view() {
            View::Leader {
                leader_epoch: e,
                isr,
                pending,
                ..
            } if *e == leader_epoch => {
                // Partition#checkEnoughReplicasReachOffset.
                if maximal_isr(isr, pending.as_ref()).len() < min_isr {
                    Attempt::Retriable(
                        l,
                        KafkaError::new(
                            ErrorKind::NotEnoughReplicasAfterAppendException,
                            "Messages are written to the log, but to fewer in-sync replicas than required.",
                        ),
                    )
                } else {
                    Attempt::Acked(offset)
                }
            }
            _ => Attempt::Retriable(l, not_leader()),
        }
    }
}

/// REQUEST_TIMED_OUT, as `Sender#handleProduceResponse` completes a batch whose request
/// got no answer within `request.timeout.ms`.
fn request_timed_out(l: BrokerId) -> KafkaError {
    KafkaError::new(
        ErrorKind::TimeoutException,
        format!("Disconnected from node {l} due to timeout"),
    )
}

fn not_leader() -> KafkaError {
    KafkaError::new(
        ErrorKind::NotLeaderOrFollowerException,
        "For requests intended only for the leader, this error indicates that the broker is not the current leader. For requests intended for any replica, this error indicates that the broker is not a replica of the topic partition.",
    )
}
