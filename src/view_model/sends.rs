//! The producer's side of a step, send by send, for the producer-guarantees lesson:
//! what the broker appended (with the batch's producer id and sequence), what the
//! network lost, what was retried, what the broker recognised as a duplicate, what failed,
//! and the transaction calls. Read off the engine's events; nothing is re-derived.

use kafka_sim::event::Event;
use kafka_sim::Cluster;

use crate::text;

/// One line per producer-side event of the step, in order; a run of the same retried
/// error from a replicated partition's leader is one line with its count.
pub fn sends(events: &[Event], cluster: &Cluster) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run: Option<(i32, &'static str, u32)> = None;
    for e in events {
        match e {
            Event::ProduceRequestFailed { broker, error, .. } => {
                let kind = error.kind.name();
                match &mut run {
                    Some((b, k, n)) if *b == *broker && *k == kind => *n += 1,
                    _ => {
                        flush(&mut run, &mut out);
                        run = Some((*broker, kind, 1));
                    }
                }
                continue;
            }
            // Inside a run, the retries and re-sent duplicates are the run itself.
            Event::ProduceRetried { .. } | Event::DuplicateIgnored { .. } if run.is_some() => {
                continue
            }
            Event::ClockAdvanced { .. }
            | Event::ReplicaFetched { .. }
            | Event::HighWatermarkMoved { .. } => continue,
            _ => flush(&mut run, &mut out),
        }
        out.extend(line(e, cluster));
    }
    flush(&mut run, &mut out);
    out
}

fn flush(run: &mut Option<(i32, &'static str, u32)>, out: &mut Vec<String>) {
    if let Some((broker, kind, n)) = run.take() {
        out.push(text::send_request_failed(broker, kind, n));
    }
}

/// The line of one event, if the producer's side shows it.
fn line(e: &Event, cluster: &Cluster) -> Option<String> {
    {
        match e {
            Event::SendAcknowledged {
                topic,
                partition,
                offset,
                acks,
                waited_ms,
            } => Some(text::send_acknowledged_after(
                topic, *partition, *offset, *acks, *waited_ms,
            )),
            Event::ProducerConfigured { name, value } => Some(text::send_configured(name, value)),
            Event::ProducerIdAssigned { producer_id, epoch } => {
                Some(text::send_producer_id(*producer_id, *epoch))
            }
            Event::RecordAppended {
                topic,
                partition,
                offset,
                ..
            } => {
                let tag = cluster
                    .log(topic, *partition)
                    .and_then(|l| l.record(*offset))
                    .map(|r| r.producer);
                Some(text::send_appended(
                    topic,
                    *partition,
                    *offset,
                    tag.filter(|t| t.is_idempotent())
                        .map(|t| (t.id, t.sequence)),
                ))
            }
            Event::RequestLost {
                topic, partition, ..
            } => Some(text::send_request_lost(topic, *partition)),
            Event::AckLost {
                topic,
                partition,
                offset,
            } => Some(text::send_ack_lost(topic, *partition, *offset)),
            Event::ProduceRetried {
                sequence, after_ms, ..
            } => Some(text::send_retried(*sequence, *after_ms)),
            Event::DuplicateIgnored {
                sequence, offset, ..
            } => Some(text::send_duplicate(*sequence, *offset)),
            Event::SendFailed { error, in_log, .. } => Some(text::send_failed(
                error.kind.name(),
                &error.message,
                *in_log,
            )),
            Event::TransactionsInitialized {
                transactional_id,
                producer_id,
                epoch,
            } => Some(text::send_init_transactions(
                transactional_id,
                *producer_id,
                *epoch,
            )),
            Event::TransactionBegun { .. } => Some(text::send_begin().to_string()),
            Event::TransactionEnded {
                committed, markers, ..
            } => Some(text::send_transaction_ended(
                *committed,
                &markers
                    .iter()
                    .map(|(t, p, o)| format!("{t}-{p}@{o}"))
                    .collect::<Vec<_>>(),
            )),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_ack_reads_as_append_loss_retry_and_duplicate() {
        let mut c = Cluster::default();
        let mut events = Vec::new();
        for line in [
            "create-topic t partitions=1",
            "produce t value=v fault=lost-ack",
        ] {
            events = c.apply(&line.parse().unwrap()).unwrap();
        }
        let lines = sends(&events, &c);
        assert_eq!(lines.len(), 5, "{lines:?}");
        assert!(
            lines[1].contains("offset 0") && lines[1].contains("sequence 0"),
            "{}",
            lines[1]
        );
        assert!(lines[4].contains("duplicate"), "{}", lines[4]);
    }
}
