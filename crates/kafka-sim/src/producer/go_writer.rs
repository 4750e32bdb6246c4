//! kafka-go's `Writer` (github.com/segmentio/kafka-go, `writer.go`): the producer the Go
//! platform's `pkafkago` service configures (`RequiredAcks: RequireAll`, `Async: true`).
//!
//! A Writer is not the Java client. Its zero value balances round-robin (the key is not
//! used), waits for no acknowledgement (`RequiredAcks` defaults to `RequireNone`), is not
//! idempotent, and collects each partition's messages into a batch that it writes once
//! `BatchSize` (100) messages are in it or `BatchTimeout` (1 s) has passed. A synchronous
//! `WriteMessages` blocks until its batch is written, so one message at a time costs a
//! second each; with `Async: true` it returns nil at once and the batch's error goes to
//! the `Completion` callback, or nowhere. A failed write is retried, `MaxAttempts` (10)
//! attempts in all, after `attempt² × WriteBackoffMin` capped at `WriteBackoffMax`
//! (`backoff`, dialer.go), but only for errors kafka-go calls temporary (`Error#Temporary`
//! and `isTransientNetworkError`, error.go).
//!
//! The engine keeps each record its own batch in the log, as it does for the Java
//! producer; the Writer's batching decides when records are written, not how.

use std::sync::Arc;

use crate::broker::{append_and_tell, BrokerId};
use crate::cluster::Cluster;
use crate::command::Produce;
use crate::error::{ErrorKind, KafkaError};
use crate::event::{Event, WriteReport};
use crate::partition::{maximal_isr, View};
use crate::partitioner::{Partitioner, Routing};
use crate::producer::sender::keyed_partition;
use crate::producer_state::ProducerTag;
use crate::record::batch_size_in_bytes;
use crate::record::Record;

/// The Writer's fields with their zero-value behaviour (`Writer#maxAttempts` and friends).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GoWriter {
    /// `Balancer`; nil is `&kafka.RoundRobin{}` ("The default is to use a round-robin
    /// distribution").
    pub balancer: Partitioner,
    /// `RequiredAcks`: `RequireNone` (0, the zero value), `RequireOne` (1), `RequireAll` (-1).
    pub required_acks: i8,
    /// `Async`: `WriteMessages` never blocks and its errors are not returned.
    pub is_async: bool,
    /// `Completion`: a callback that gets each batch's result (the engine's logs it).
    pub completion: bool,
    /// `MaxAttempts`, default 10.
    pub max_attempts: u32,
    /// `WriteBackoffMin`, default 100 ms.
    pub write_backoff_min_ms: i64,
    /// `WriteBackoffMax`, default 1 s.
    pub write_backoff_max_ms: i64,
    /// `BatchSize`, default 100 messages.
    pub batch_size: u32,
    /// `BatchTimeout`, default 1 s.
    pub batch_timeout_ms: i64,
    /// `WriteTimeout`, default 10 s: how long a produce request may wait for its answer.
    pub write_timeout_ms: i64,
    /// `AllowAutoTopicCreation`.
    pub allow_auto_topic_creation: bool,
    /// The fields as the learner wrote them, in order (the producer card shows them).
    pub fields: Vec<(String, String)>,
    /// `RoundRobin.counter` (one per balancer, so one per Writer, across topics), also
    /// the `Hash` balancer's fallback for a nil key.
    pub round_robin: u32,
    /// Batches being filled, waiting to be written or for their answer.
    pub batches: Vec<WriteBatch>,
    /// The next batch's number.
    pub next_batch: u32,
    /// What became of this Writer's messages so far.
    pub ledger: WriterLedger,
}

/// This Writer's messages by how they ended: what the application could know of each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct WriterLedger {
    /// Appended to the partition, and counted written.
    pub written: u64,
    /// Counted written with `RequireNone`, though the broker refused them.
    pub unseen: u64,
    /// Failed, and `WriteMessages` returned the error.
    pub returned: u64,
    /// Failed, and the `Completion` callback got the error.
    pub reported: u64,
    /// Failed, and nobody was told (`Async` without `Completion`).
    pub dropped: u64,
}

/// One partition's batch (`writeBatch`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct WriteBatch {
    /// Its number, for the events.
    pub id: u32,
    /// Topic.
    pub topic: Arc<str>,
    /// Partition.
    pub partition: u32,
    /// Its messages: the record (timestamp set when written), its size and routing.
    pub records: Vec<(Record, u32, Routing)>,
    /// When its first message came.
    pub created_ms: i64,
    /// When the Writer acts on it next: writes it, retries it or gives up waiting.
    pub next_ms: i64,
    /// Attempts made so far.
    pub attempts: u32,
    /// A synchronous `WriteMessages` is waiting for it.
    pub awaited: bool,
    /// Written, waiting for the acks: the leader, its epoch and the last offset.
    pub in_flight: Option<(BrokerId, i32, i64)>,
}

impl Default for GoWriter {
    fn default() -> Self {
        Self {
            balancer: Partitioner::RoundRobin,
            required_acks: 0,
            is_async: false,
            completion: false,
            max_attempts: 10,
            write_backoff_min_ms: 100,
            write_backoff_max_ms: 1_000,
            batch_size: 100,
            batch_timeout_ms: 1_000,
            write_timeout_ms: 10_000,
            allow_auto_topic_creation: false,
            fields: Vec::new(),
            round_robin: 0,
            batches: Vec::new(),
            next_batch: 0,
            ledger: WriterLedger::default(),
        }
    }
}

/// The fields `set-writer` takes, as `kafka.Writer{...}` names them.
pub const FIELDS: &[&str] = &[
    "Balancer",
    "RequiredAcks",
    "Async",
    "Completion",
    "MaxAttempts",
    "WriteBackoffMin",
    "WriteBackoffMax",
    "BatchSize",
    "BatchTimeout",
    "WriteTimeout",
    "AllowAutoTopicCreation",
];

/// `BatchBytes`'s default, 1048576: `WriteMessages` refuses a bigger message itself.
const BATCH_BYTES: u32 = 1_048_576;

/// What the Go compiler says of a field the struct does not have.
fn compile_error(message: String) -> KafkaError {
    KafkaError::new(ErrorKind::GoCompileError, message)
}

/// `time.ParseDuration` for the forms a Writer's fields take ("1s", "100ms", "1m30s"),
/// as milliseconds; Go's own error text otherwise.
pub fn parse_duration(s: &str) -> Result<i64, KafkaError> {
    let invalid = || compile_error(format!("time: invalid duration \"{s}\""));
    if s == "0" {
        return Ok(0);
    }
    let mut rest = s;
    let mut total: i64 = 0;
    if rest.is_empty() {
        return Err(invalid());
    }
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        if digits == 0 {
            return Err(invalid());
        }
        let n: i64 = rest[..digits].parse().map_err(|_| invalid())?;
        rest = &rest[digits..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(rest.len());
        let per_ms = match &rest[..unit_len] {
            "ms" => 1,
            "s" => 1_000,
            "m" => 60_000,
            "h" => 3_600_000,
            "" => {
                return Err(compile_error(format!(
                    "time: missing unit in duration \"{s}\""
                )))
            }
            unit => {
                return Err(compile_error(format!(
                    "time: unknown unit \"{unit}\" in duration \"{s}\""
                )))
            }
        };
        total = n
            .checked_mul(per_ms)
            .and_then(|v| total.checked_add(v))
            .ok_or_else(invalid)?;
        rest = &rest[unit_len..];
    }
    Ok(total)
}

impl GoWriter {
    /// A Writer from a struct literal's fields: those left out keep their zero value.
    pub fn from_fields(fields: &[(String, String)]) -> Result<Self, KafkaError> {
        let mut w = Self::default();
        for (name, value) in fields {
            w.set(name, value)?;
        }
        w.fields = fields.to_vec();
        Ok(w)
    }

    fn set(&mut self, name: &str, value: &str) -> Result<(), KafkaError> {
        let untyped = |ty: &str| {
            compile_error(format!(
                "cannot use {value} (untyped constant) as {ty} value in struct literal"
            ))
        };
        let boolean = || match value {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(untyped("bool")),
        };
        let count = || {
            value
                .parse::<i64>()
                .map_err(|_| untyped("int"))
                .map(|n| n.clamp(0, i64::from(u32::MAX)) as u32)
        };
        match name {
            "Balancer" => {
                self.balancer = balancer(value)?;
            }
            "RequiredAcks" => {
                self.required_acks = match value.trim_start_matches("kafka.") {
                    "RequireNone" | "0" => 0,
                    "RequireOne" | "1" => 1,
                    "RequireAll" | "-1" => -1,
                    _ => return Err(compile_error(format!("undefined: {value}"))),
                };
            }
            "Async" => self.is_async = boolean()?,
            "Completion" => {
                self.completion = match value {
                    "nil" => false,
                    "log" | "func" => true,
                    _ => {
                        return Err(compile_error(format!(
                            "cannot use {value} as func(messages []kafka.Message, err error) value in struct literal (write Completion=log for a callback that logs, or nil)"
                        )))
                    }
                };
            }
            // Zero and negative values mean the default (`Writer#maxAttempts`: `> 0`).
            "MaxAttempts" => self.max_attempts = Some(count()?).filter(|n| *n > 0).unwrap_or(10),
            "BatchSize" => self.batch_size = Some(count()?).filter(|n| *n > 0).unwrap_or(100),
            "WriteBackoffMin" => {
                self.write_backoff_min_ms =
                    Some(parse_duration(value)?).filter(|n| *n > 0).unwrap_or(100);
            }
            "WriteBackoffMax" => {
                self.write_backoff_max_ms =
                    Some(parse_duration(value)?).filter(|n| *n > 0).unwrap_or(1_000);
            }
            "BatchTimeout" => {
                self.batch_timeout_ms =
                    Some(parse_duration(value)?).filter(|n| *n > 0).unwrap_or(1_000);
            }
            "WriteTimeout" => {
                self.write_timeout_ms =
                    Some(parse_duration(value)?).filter(|n| *n > 0).unwrap_or(10_000);
            }
            "AllowAutoTopicCreation" => self.allow_auto_topic_creation = boolean()?,
            _ => {
                return Err(compile_error(format!(
                    "unknown field {name} in struct literal of type kafka.Writer (this simulation's fields: {})",
                    FIELDS.join(", ")
                )))
            }
        }
        Ok(())
    }

    /// The `Balancer` as a Go literal: what the views print.
    pub fn balancer_literal(&self) -> &'static str {
        match self.balancer {
            Partitioner::KafkaGoHash => "&kafka.Hash{}",
            Partitioner::KafkaGoReferenceHash => "&kafka.ReferenceHash{}",
            Partitioner::KafkaGoMurmur2 => "kafka.Murmur2Balancer{}",
            Partitioner::KafkaGoCrc32 => "kafka.CRC32Balancer{}",
            _ => "&kafka.RoundRobin{}",
        }
    }

    /// The Go spelling of `RequiredAcks`.
    pub fn acks_name(&self) -> &'static str {
        match self.required_acks {
            -1 => "RequireAll",
            1 => "RequireOne",
            _ => "RequireNone",
        }
    }
}

/// A `Balancer` value: kafka-go's own literals, or the engine's names for them.
fn balancer(value: &str) -> Result<Partitioner, KafkaError> {
    let bare = value
        .trim_start_matches('&')
        .trim_start_matches("kafka.")
        .trim_end_matches("{}");
    Ok(match bare {
        "nil" | "RoundRobin" | "round-robin" => Partitioner::RoundRobin,
        "Hash" | "hash" | "kafka-go:hash" => Partitioner::KafkaGoHash,
        "ReferenceHash" | "reference-hash" | "kafka-go:reference-hash" => {
            Partitioner::KafkaGoReferenceHash
        }
        "Murmur2Balancer" | "murmur2" | "kafka-go:murmur2" => Partitioner::KafkaGoMurmur2,
        "CRC32Balancer" | "crc32" | "kafka-go:crc32" => Partitioner::KafkaGoCrc32,
        "LeastBytes" => {
            return Err(KafkaError::new(
                ErrorKind::UnsupportedOperationException,
                "kafka.LeastBytes is not modelled by this simulation; use &kafka.RoundRobin{}, &kafka.Hash{}, &kafka.ReferenceHash{}, kafka.Murmur2Balancer{} or kafka.CRC32Balancer{}",
            ))
        }
        _ => return Err(compile_error(format!("undefined: {value}"))),
    })
}

/// `backoff(attempt, min, max)` (dialer.go): `attempt² × min`, at most `max`.
pub fn backoff(attempt: u32, min_ms: i64, max_ms: i64) -> i64 {
    i64::from(attempt)
        .saturating_mul(i64::from(attempt))
        .saturating_mul(min_ms)
        .min(max_ms)
}

/// A broker error as kafka-go's `Error` prints it (`Error#Error`: `[code] Title:
/// description`, error.go), and whether it is temporary (`Error#Temporary`).
pub fn kafka_go_error(kind: ErrorKind) -> (String, bool) {
    let (code, title, description, temporary) = match kind {
        ErrorKind::UnknownTopicOrPartitionException => (3, "Unknown Topic Or Partition", "the request is for a topic or partition that does not exist on this broker", true),
        ErrorKind::NotLeaderOrFollowerException => (6, "Not Leader For Partition", "the client attempted to send messages to a replica that is not the leader for some partition, the client's metadata are likely out of date", true),
        ErrorKind::TimeoutException => (7, "Request Timed Out", "the request exceeded the user-specified time limit in the request", true),
        ErrorKind::RecordTooLargeException | ErrorKind::RecordBatchTooLargeException => (10, "Message Size Too Large", "the server has a configurable maximum message size to avoid unbounded memory allocation and the client attempted to produce a message larger than this maximum", false),
        ErrorKind::NotEnoughReplicasException => (19, "Not Enough Replicas", "the number of in-sync replicas is lower than the configured minimum and requiredAcks is -1", true),
        ErrorKind::NotEnoughReplicasAfterAppendException => (20, "Not Enough Replicas After Append", "the message was written to the log, but with fewer in-sync replicas than required.", true),
        ErrorKind::InvalidRecordException => (87, "Invalid Record", "this record has failed the validation on broker and hence be rejected", false),
        _ => (5, "Leader Not Available", "the cluster is in the middle of a leadership election and there is currently no leader for this partition and hence it is unavailable for writes", true),
    };
    (format!("[{code}] {title}: {description}"), temporary)
}

/// `WriteErrors#Error` for one message that failed.
pub fn write_errors(error: &str) -> String {
    format!("Kafka write errors (1/1), errors: [{error}]")
}

/// How one attempt at a batch went.
enum Outcome {
    /// Written, with these offsets, and acknowledged as `RequiredAcks` asks.
    Written(i64, i64),
    /// Written to the leader; the answer waits for the followers.
    Waiting(BrokerId, i32, i64),
    /// An error, whether kafka-go retries it, and the broker's error behind it.
    Failed(String, bool, Option<ErrorKind>),
}

impl Cluster {
    /// `set-writer`: the producer becomes a kafka-go Writer with these fields. The
    /// previous Writer is closed first (`Writer#Close` writes what it holds).
    pub(crate) fn set_writer(
        &mut self,
        fields: &[(String, String)],
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let writer = GoWriter::from_fields(fields)?;
        self.close_writer(out);
        out.push(Event::WriterConfigured {
            fields: writer.fields.clone(),
        });
        self.producer.writer = Some(writer);
        Ok(())
    }

    /// `Writer#Close`: the batches being filled go out now, and it waits for them all.
    pub(crate) fn close_writer(&mut self, out: &mut Vec<Event>) {
        let Some(w) = self.producer.writer.as_mut() else {
            return;
        };
        let now = self.now_ms;
        for b in &mut w.batches {
            if b.attempts == 0 && b.in_flight.is_none() {
                b.next_ms = b.next_ms.min(now);
            }
        }
        if w.batches.is_empty() {
            return;
        }
        self.run_writer(out);
        let far = self.now_ms + 86_400_000;
        self.run_clock_until(far, out, |c| {
            c.producer
                .writer
                .as_ref()
                .is_none_or(|w| w.batches.is_empty())
        });
    }

    /// `Writer#WriteMessages` with one message.
    pub(crate) fn write_message(
        &mut self,
        p: &Produce,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let now = self.now_ms;
        if p.partition.is_some() {
            // kafka.Message has a Partition field, but the Writer ignores it: only its
            // Balancer picks (writer.go: "the partition is set by the balancer").
            return Err(KafkaError::new(
                ErrorKind::UnsupportedOperationException,
                "kafka-go's Writer picks the partition with its Balancer; a message's Partition field is ignored, so this simulation refuses partition= with a Writer",
            ));
        }
        let size = batch_size_in_bytes(
            p.key.as_ref().map(|k| k.len()),
            p.value.as_ref().map(|v| v.len()),
            &p.headers,
        );
        if size > BATCH_BYTES {
            // messageTooLarge (writer.go), before anything is sent.
            return Err(KafkaError::new(
                ErrorKind::KafkaGoError,
                "message at index 0 is too large",
            ));
        }
        let Some(topic) = self.topics.get(&*p.topic) else {
            // Writer#partitions: the metadata answer's error for the topic. The engine's
            // brokers do not create topics on a metadata request.
            let (text, _) = kafka_go_error(ErrorKind::UnknownTopicOrPartitionException);
            return Err(KafkaError::new(ErrorKind::KafkaGoError, text));
        };
        let name = topic.name.clone();
        let count = topic.partitions.len() as u32;
        let w = self.producer.writer.as_mut().expect("a Writer is set");
        let strategy = w.balancer;
        let key = p.key.as_deref();
        let (partition, routing) = match (strategy, key) {
            (Partitioner::RoundRobin, _) | (Partitioner::KafkaGoHash, None) => {
                // RoundRobin#balance: partitions[counter % len], counter++.
                let counter = w.round_robin;
                w.round_robin = w.round_robin.wrapping_add(1);
                (counter % count, Routing::RoundRobin { counter })
            }
            _ => match keyed_partition(strategy, key, count) {
                Some(hash) => (hash.partition, Routing::Hashed(hash)),
                // Murmur2Balancer, CRC32Balancer and ReferenceHash send a nil key to a
                // random partition (`rand.Intn`).
                None => (self.rng.next_positive_i32() % count, Routing::Random),
            },
        };
        let record = Record {
            offset: -1,
            // kafka-go leaves a zero Message.Time for the encoder, which writes the
            // time of the write (protocol/record_v2.go); set when the batch goes.
            timestamp: now,
            key: p.key.clone(),
            value: p.value.clone(),
            headers: p.headers.as_slice().into(),
            producer: ProducerTag::NONE,
        };
        let w = self.producer.writer.as_mut().expect("a Writer is set");
        let (batch_size, timeout) = (w.batch_size as usize, w.batch_timeout_ms);
        let open = w.batches.iter().position(|b| {
            b.topic == name
                && b.partition == partition
                && b.attempts == 0
                && b.in_flight.is_none()
                && b.records.len() < batch_size
        });
        let i = match open {
            Some(i) => i,
            None => {
                let id = w.next_batch;
                w.next_batch += 1;
                w.batches.push(WriteBatch {
                    id,
                    topic: name.clone(),
                    partition,
                    records: Vec::new(),
                    created_ms: now,
                    next_ms: now + timeout,
                    attempts: 0,
                    awaited: false,
                    in_flight: None,
                });
                w.batches.len() - 1
            }
        };
        let b = &mut w.batches[i];
        b.records.push((record, size, routing));
        if !w.is_async {
            b.awaited = true;
        }
        // partitionWriter#writeMessages: a full batch goes at once.
        if b.records.len() >= batch_size {
            b.next_ms = now;
        }
        let id = b.id;
        let due_ms = b.next_ms;
        let is_async = w.is_async;
        out.push(Event::MessageBatched {
            topic: name.clone(),
            partition,
            routing,
            batch: id,
            due_ms,
            is_async,
        });
        if due_ms <= now {
            self.run_writer(out);
        }
        if is_async {
            return Ok(());
        }
        // A synchronous WriteMessages blocks until its batch is done.
        let far = now + 86_400_000;
        let pending = move |c: &Cluster| {
            c.producer
                .writer
                .as_ref()
                .is_none_or(|w| w.batches.iter().all(|b| b.id != id))
        };
        self.run_clock_until(far, out, pending);
        Ok(())
    }

    /// When the Writer next acts: a batch's timeout, a retry, an answer's deadline.
    pub(crate) fn writer_deadlines(&self) -> Vec<i64> {
        self.producer
            .writer
            .as_ref()
            .map(|w| w.batches.iter().map(|b| b.next_ms).collect())
            .unwrap_or_default()
    }

    /// Acts on every batch that is due, and on every written one whose answer came.
    pub(crate) fn run_writer(&mut self, out: &mut Vec<Event>) {
        let Some(w) = self.producer.writer.as_ref() else {
            return;
        };
        let now = self.now_ms;
        let ids: Vec<u32> = w
            .batches
            .iter()
            .filter(|b| b.next_ms <= now || b.in_flight.is_some())
            .map(|b| b.id)
            .collect();
        for id in ids {
            self.advance_batch(id, out);
        }
    }

    fn advance_batch(&mut self, id: u32, out: &mut Vec<Event>) {
        let now = self.now_ms;
        let w = self.producer.writer.as_ref().expect("a Writer is set");
        let Some(b) = w.batches.iter().find(|b| b.id == id).cloned() else {
            return;
        };
        let outcome = match b.in_flight {
            Some((leader, epoch, last)) => match self.answer_of(&b, leader, epoch, last) {
                Some(o) => o,
                None if now >= b.next_ms => {
                    // No answer within WriteTimeout: the request's context expires.
                    Outcome::Failed("context deadline exceeded".to_string(), false, None)
                }
                None => return,
            },
            None if b.next_ms <= now => self.write_batch(&b, out),
            None => return,
        };
        let w = self.producer.writer.as_mut().expect("a Writer is set");
        let i = w
            .batches
            .iter()
            .position(|x| x.id == id)
            .expect("found above");
        match outcome {
            Outcome::Waiting(leader, epoch, last) => {
                let b = &mut w.batches[i];
                b.in_flight = Some((leader, epoch, last));
                b.next_ms = now + w.write_timeout_ms;
            }
            Outcome::Written(first, last) => {
                let b = w.batches.remove(i);
                let report = report(w, b.awaited);
                if first >= 0 {
                    w.ledger.written += (last + 1 - first) as u64;
                }
                let acks = w.required_acks;
                // The producer's recent sends: the code for a real cluster sends them.
                for offset in first.max(0)..=last {
                    self.producer.sent(&b.topic, b.partition, offset);
                }
                out.push(Event::BatchWritten {
                    topic: b.topic,
                    partition: b.partition,
                    batch: b.id,
                    first_offset: first,
                    last_offset: last,
                    attempts: b.attempts + 1,
                    waited_ms: now - b.created_ms,
                    acks,
                    report,
                });
            }
            Outcome::Failed(error, temporary, cause) => {
                let b = &mut w.batches[i];
                b.attempts += 1;
                b.in_flight = None;
                let attempts = b.attempts;
                if temporary && attempts < w.max_attempts {
                    let wait = backoff(attempts, w.write_backoff_min_ms, w.write_backoff_max_ms);
                    b.next_ms = now + wait;
                    out.push(Event::BatchRetried {
                        topic: b.topic.clone(),
                        partition: b.partition,
                        batch: b.id,
                        attempt: attempts - 1,
                        error: Arc::from(error.as_str()),
                        backoff_ms: wait,
                    });
                } else {
                    let b = w.batches.remove(i);
                    let report = report(w, b.awaited);
                    let n = b.records.len() as u64;
                    match report {
                        WriteReport::Returned => w.ledger.returned += n,
                        WriteReport::Completion => w.ledger.reported += n,
                        WriteReport::Dropped => w.ledger.dropped += n,
                    }
                    let error = match report {
                        WriteReport::Returned => write_errors(&error),
                        _ => error,
                    };
                    out.push(Event::BatchFailed {
                        topic: b.topic,
                        partition: b.partition,
                        batch: b.id,
                        attempts,
                        error: Arc::from(error.as_str()),
                        cause,
                        waited_ms: now - b.created_ms,
                        report,
                        records: b.records.into_iter().map(|(r, _, _)| r).collect(),
                    });
                }
            }
        }
    }

    /// One produce request for batch `b` (`partitionWriter#writeBatch`, one attempt):
    /// to the leader the metadata names, which checks and appends.
    fn write_batch(&mut self, b: &WriteBatch, out: &mut Vec<Event>) -> Outcome {
        let now = self.now_ms;
        let acks = self.producer.writer.as_ref().map_or(0, |w| w.required_acks);
        let fail = |kind| {
            let (text, temporary) = kafka_go_error(kind);
            Outcome::Failed(text, temporary, Some(kind))
        };
        let Some(t) = self.topics.get(&*b.topic) else {
            return fail(ErrorKind::UnknownTopicOrPartitionException);
        };
        let Some(part) = t.partitions.get(b.partition as usize) else {
            return fail(ErrorKind::UnknownTopicOrPartitionException);
        };
        let Some(leader) = part.leader() else {
            return fail(ErrorKind::BrokerNotAvailableException);
        };
        if !self.broker(leader).is_some_and(|x| x.is_up()) {
            // The dial fails (ECONNREFUSED: a transient network error, retried).
            return Outcome::Failed(
                format!(
                    "dial tcp 127.0.0.1:{}: connect: connection refused",
                    9091 + i64::from(leader)
                ),
                true,
                None,
            );
        }
        let config = t.config.clone();
        let replicated = t.replication_factor > 1;
        let min_isr = (config.min_insync_replicas as usize).min(part.replicas().len());
        let Some(View::Leader {
            leader_epoch, isr, ..
        }) = part.copy(leader).map(|c| c.view().clone())
        else {
            return fail(ErrorKind::NotLeaderOrFollowerException);
        };
        // With RequireNone the broker sends no answer: an error is lost with the
        // connection it closes, and the Writer counts the batch as written.
        let silent = acks == 0;
        let refused = if acks == -1 && replicated && isr.len() < min_isr {
            Some(ErrorKind::NotEnoughReplicasException)
        } else if b
            .records
            .iter()
            .any(|(_, size, _)| i64::from(*size) > config.max_message_bytes)
        {
            Some(ErrorKind::RecordTooLargeException)
        } else if config.cleanup_policy.compacts()
            && b.records.iter().any(|(r, _, _)| r.key.is_none())
        {
            Some(ErrorKind::InvalidRecordException)
        } else {
            None
        };
        if let Some(kind) = refused {
            if silent {
                let (text, _) = kafka_go_error(kind);
                if let Some(w) = self.producer.writer.as_mut() {
                    w.ledger.unseen += b.records.len() as u64;
                }
                out.push(Event::BatchLostUnseen {
                    topic: b.topic.clone(),
                    partition: b.partition,
                    batch: b.id,
                    error: Arc::from(text.as_str()),
                    records: b.records.iter().map(|(r, _, _)| r.clone()).collect(),
                });
                return Outcome::Written(-1, -1);
            }
            return fail(kind);
        }
        let t = self.topics.get_mut(&*b.topic).expect("exists");
        let part = &mut t.partitions[b.partition as usize];
        part.serving = Some(leader);
        let mut first = -1;
        let mut last = -1;
        for (record, size, routing) in &b.records {
            let mut r = record.clone();
            r.timestamp = now;
            last = append_and_tell(
                part,
                now,
                r,
                *size,
                &config,
                *routing,
                &b.topic,
                b.partition,
                out,
            );
            if first < 0 {
                first = last;
            }
        }
        part.serving = None;
        part.acked += if acks == 0 { 0 } else { b.records.len() as u64 };
        self.replicate(out);
        if acks != -1 || !replicated {
            return Outcome::Written(first, last);
        }
        match self.answer_of(b, leader, leader_epoch, last) {
            Some(Outcome::Written(..)) => Outcome::Written(first, last),
            Some(other) => other,
            None => Outcome::Waiting(leader, leader_epoch, last),
        }
    }

    /// The leader's answer to a written batch, once it has one (`DelayedProduce`): the
    /// high watermark passed the batch, or the leader stepped down.
    fn answer_of(
        &self,
        b: &WriteBatch,
        leader: BrokerId,
        epoch: i32,
        last: i64,
    ) -> Option<Outcome> {
        let part = self.topic(&b.topic)?.partitions.get(b.partition as usize)?;
        let copy = part.copy(leader)?;
        let kind = ErrorKind::NotLeaderOrFollowerException;
        let (text, temporary) = kafka_go_error(kind);
        match copy.view() {
            View::Leader {
                leader_epoch,
                isr,
                pending,
                ..
            } if *leader_epoch == epoch => {
                if copy.log().high_watermark() <= last {
                    return None;
                }
                let t = self.topic(&b.topic)?;
                let min_isr = (t.config.min_insync_replicas as usize).min(part.replicas().len());
                // Partition#checkEnoughReplicasReachOffset.
                if maximal_isr(isr, pending.as_ref()).len() < min_isr {
                    let kind = ErrorKind::NotEnoughReplicasAfterAppendException;
                    let (text, temporary) = kafka_go_error(kind);
                    return Some(Outcome::Failed(text, temporary, Some(kind)));
                }
                let first = last + 1 - b.records.len() as i64;
                Some(Outcome::Written(first, last))
            }
            _ => Some(Outcome::Failed(text, temporary, Some(kind))),
        }
    }
}

/// Who learns how a batch ended.
fn report(w: &GoWriter, awaited: bool) -> WriteReport {
    if w.completion {
        WriteReport::Completion
    } else if awaited {
        WriteReport::Returned
    } else {
        WriteReport::Dropped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_is_the_square_of_the_attempt_capped() {
        // dialer.go: time.Duration(attempt*attempt) * min, at most max.
        let waits: Vec<i64> = (1..10).map(|a| backoff(a, 100, 1_000)).collect();
        assert_eq!(
            waits,
            [100, 400, 900, 1_000, 1_000, 1_000, 1_000, 1_000, 1_000]
        );
    }

    #[test]
    fn the_zero_value_writer_is_round_robin_fire_and_forget() {
        let w = GoWriter::from_fields(&[]).unwrap();
        assert_eq!(w.balancer, Partitioner::RoundRobin);
        assert_eq!(w.required_acks, 0);
        assert_eq!(
            (w.max_attempts, w.batch_size, w.batch_timeout_ms),
            (10, 100, 1_000)
        );
        assert!(!w.is_async && !w.completion);
    }

    #[test]
    fn fields_take_go_spellings_and_refuse_like_the_compiler() {
        let f = |n: &str, v: &str| vec![(n.to_string(), v.to_string())];
        let w = GoWriter::from_fields(&f("Balancer", "&kafka.Hash{}")).unwrap();
        assert_eq!(w.balancer, Partitioner::KafkaGoHash);
        let w = GoWriter::from_fields(&f("Balancer", "kafka.Murmur2Balancer{}")).unwrap();
        assert_eq!(w.balancer, Partitioner::KafkaGoMurmur2);
        let w = GoWriter::from_fields(&f("RequiredAcks", "kafka.RequireAll")).unwrap();
        assert_eq!(w.required_acks, -1);
        let w = GoWriter::from_fields(&f("BatchTimeout", "10ms")).unwrap();
        assert_eq!(w.batch_timeout_ms, 10);
        let e = GoWriter::from_fields(&f("Acks", "all")).unwrap_err();
        assert!(e
            .message
            .starts_with("unknown field Acks in struct literal of type kafka.Writer"));
        let e = GoWriter::from_fields(&f("Async", "yes")).unwrap_err();
        assert_eq!(
            e.message,
            "cannot use yes (untyped constant) as bool value in struct literal"
        );
        let e = GoWriter::from_fields(&f("BatchTimeout", "1 second")).unwrap_err();
        assert_eq!(
            e.message,
            "time: unknown unit \" second\" in duration \"1 second\""
        );
        assert_eq!(parse_duration("1m30s").unwrap(), 90_000);
        assert_eq!(
            parse_duration("5").unwrap_err().message,
            "time: missing unit in duration \"5\""
        );
    }

    #[test]
    fn errors_read_as_kafka_go_prints_them() {
        let (text, temporary) = kafka_go_error(ErrorKind::NotEnoughReplicasException);
        assert_eq!(text, "[19] Not Enough Replicas: the number of in-sync replicas is lower than the configured minimum and requiredAcks is -1");
        assert!(temporary);
        assert!(!kafka_go_error(ErrorKind::RecordTooLargeException).1);
        assert_eq!(
            write_errors("[5] x"),
            "Kafka write errors (1/1), errors: [[5] x]"
        );
    }
}
