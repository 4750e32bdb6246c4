//! The kafka-go Writer, for the Go platform's producer lesson: its fields (those the
//! learner set and the zero values behind the others), its ledger, the batches it holds,
//! and what it did in a step, batch by batch. Read off the engine's state and events;
//! nothing is re-derived.

use kafka_sim::event::{Event, WriteReport};
use kafka_sim::producer::go_writer::{GoWriter, WriterLedger};
use kafka_sim::Cluster;

use crate::text;

/// One field of the Writer as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriterField {
    /// The Go field name.
    pub name: &'static str,
    /// Its value, in Go.
    pub value: String,
    /// The learner set it (otherwise it holds its zero value's behaviour).
    pub set: bool,
}

/// A batch the Writer holds: filling, waiting for its retry, or for its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingBatch {
    /// `topic-partition`.
    pub partition: String,
    /// Its number.
    pub batch: u32,
    /// Messages in it.
    pub messages: usize,
    /// When the Writer acts on it next.
    pub next_ms: i64,
    /// Attempts made so far.
    pub attempts: u32,
}

/// The Writer panel's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriterView {
    /// Its fields, in kafka-go's order.
    pub fields: Vec<WriterField>,
    /// Its tally of messages.
    pub ledger: WriterLedger,
    /// Its batches.
    pub pending: Vec<PendingBatch>,
}

/// The Writer, when the producer is one.
pub fn writer(cluster: &Cluster) -> Option<WriterView> {
    let w = cluster.producer().writer.as_ref()?;
    Some(WriterView {
        fields: fields(w),
        ledger: w.ledger,
        pending: w
            .batches
            .iter()
            .map(|b| PendingBatch {
                partition: format!("{}-{}", b.topic, b.partition),
                batch: b.id,
                messages: b.records.len(),
                next_ms: b.next_ms,
                attempts: b.attempts,
            })
            .collect(),
    })
}

/// A `time.Duration` as Go prints it (`1s`, `100ms`, `1.5s`).
fn go_duration(ms: i64) -> String {
    if ms < 1000 {
        return format!("{ms}ms");
    }
    match ms % 1000 {
        0 => format!("{}s", ms / 1000),
        r => format!("{}.{}s", ms / 1000, format!("{r:03}").trim_end_matches('0')),
    }
}

fn fields(w: &GoWriter) -> Vec<WriterField> {
    let set = |name: &str| w.fields.iter().any(|(n, _)| n == name);
    let balancer = if set("Balancer") {
        w.balancer_literal().to_string()
    } else {
        // writer.go: a nil Balancer is a RoundRobin.
        "nil (&kafka.RoundRobin{})".to_string()
    };
    let completion = if w.completion {
        "func(messages, err)".to_string()
    } else {
        "nil".to_string()
    };
    [
        ("Balancer", balancer),
        ("RequiredAcks", format!("kafka.{}", w.acks_name())),
        ("Async", w.is_async.to_string()),
        ("Completion", completion),
        ("BatchSize", w.batch_size.to_string()),
        ("BatchTimeout", go_duration(w.batch_timeout_ms)),
        ("MaxAttempts", w.max_attempts.to_string()),
        ("WriteBackoffMin", go_duration(w.write_backoff_min_ms)),
        ("WriteBackoffMax", go_duration(w.write_backoff_max_ms)),
        ("WriteTimeout", go_duration(w.write_timeout_ms)),
        (
            "AllowAutoTopicCreation",
            w.allow_auto_topic_creation.to_string(),
        ),
    ]
    .into_iter()
    .map(|(name, value)| WriterField {
        name,
        value,
        set: set(name),
    })
    .collect()
}

/// Who heard of a batch's result.
fn report(r: WriteReport) -> &'static str {
    match r {
        WriteReport::Returned => text::writer_report_returned(),
        WriteReport::Completion => text::writer_report_completion(),
        WriteReport::Dropped => text::writer_report_dropped(),
    }
}

/// One line per Writer event of the step, in order: its fields, each message put in a
/// batch, each batch written, retried with its backoff, given up or refused unseen.
pub fn writer_log(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::WriterConfigured { fields } => Some(text::writer_configured(
                &fields
                    .iter()
                    .map(|(n, v)| format!("{n}: {v}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            )),
            Event::MessageBatched {
                topic,
                partition,
                batch,
                due_ms,
                is_async,
                ..
            } => Some(text::writer_batched(
                &format!("{topic}-{partition}"),
                *batch,
                *due_ms,
                *is_async,
            )),
            Event::BatchWritten {
                topic,
                partition,
                batch,
                first_offset,
                last_offset,
                attempts,
                waited_ms,
                report: r,
                ..
            } if *first_offset >= 0 => Some(text::writer_written(
                &format!("{topic}-{partition}"),
                *batch,
                (*first_offset, *last_offset),
                *attempts,
                *waited_ms,
                report(*r),
            )),
            Event::BatchRetried {
                batch,
                attempt,
                error,
                backoff_ms,
                ..
            } => Some(text::writer_retried(*batch, *attempt, error, *backoff_ms)),
            Event::BatchFailed {
                batch,
                attempts,
                error,
                waited_ms,
                report: r,
                ..
            } => Some(text::writer_failed(
                *batch,
                *attempts,
                *waited_ms,
                error,
                report(*r),
            )),
            Event::BatchLostUnseen {
                topic,
                partition,
                batch,
                error,
                records,
            } => Some(text::writer_lost_unseen(
                &format!("{topic}-{partition}"),
                *batch,
                records.len(),
                error,
            )),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(c: &mut Cluster, script: &str) -> Vec<Event> {
        c.apply_script(script).unwrap()
    }

    #[test]
    fn the_zero_value_shows_its_defaults_and_each_message_waits_a_second() {
        let mut c = Cluster::default();
        let events = run(
            &mut c,
            "create-topic orders partitions=3\nset-writer\nproduce orders key=user-1 value=a",
        );
        let w = writer(&c).unwrap();
        let field = |n: &str| w.fields.iter().find(|f| f.name == n).unwrap().clone();
        assert_eq!(field("Balancer").value, "nil (&kafka.RoundRobin{})");
        assert_eq!(field("RequiredAcks").value, "kafka.RequireNone");
        assert_eq!(field("BatchTimeout").value, "1s");
        assert_eq!(field("WriteBackoffMin").value, "100ms");
        assert!(w.fields.iter().all(|f| !f.set));
        assert_eq!(w.ledger.written, 1);
        assert_eq!(
            writer_log(&events),
            [
                "Writer: every field at its zero value",
                "WriteMessages put the message in batch 0 for orders-0 and waits until t = 1 s",
                "batch 0 written to orders-0 at offset 0, attempt 1, after 1000 ms: WriteMessages returned",
            ]
        );
    }

    #[test]
    fn an_async_writer_without_completion_drops_and_says_so() {
        let mut c = Cluster::new(3, 7);
        run(
            &mut c,
            "create-topic payments replica-assignment=1:2:3 min.insync.replicas=2\ntick 1s\n\
             stop-broker id=2\nstop-broker id=3\n\
             set-writer RequiredAcks=kafka.RequireAll Async=true",
        );
        let events = run(&mut c, "produce payments key=a value=x");
        assert_eq!(writer(&c).unwrap().pending.len(), 1);
        let first = writer_log(&events);
        assert!(
            first[0].ends_with("WriteMessages returned nil at once"),
            "{first:?}"
        );
        let log = writer_log(&run(&mut c, "tick 10s"));
        assert_eq!(log.len(), 10);
        assert!(
            log[0].starts_with("batch 0, attempt 0: [19] Not Enough Replicas"),
            "{}",
            log[0]
        );
        assert!(log[0].ends_with("retry in 100 ms"), "{}", log[0]);
        assert!(
            log[9].starts_with("batch 0 given up after 10 attempts, 8400 ms"),
            "{}",
            log[9]
        );
        assert!(log[9].ends_with("nobody is told"), "{}", log[9]);
        let w = writer(&c).unwrap();
        assert!(w.pending.is_empty());
        assert_eq!((w.ledger.dropped, w.ledger.written), (1, 0));
        let field = |n: &str| w.fields.iter().find(|f| f.name == n).unwrap().clone();
        assert!(field("Async").set && !field("Completion").set);
    }

    #[test]
    fn a_java_producer_has_no_writer() {
        let mut c = Cluster::default();
        run(
            &mut c,
            "create-topic t partitions=1\nproduce t key=a value=x",
        );
        assert_eq!(writer(&c), None);
        assert_eq!(go_duration(1_500), "1.5s");
    }
}
