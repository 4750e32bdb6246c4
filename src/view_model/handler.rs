//! The application's error handler, for the retries and dead-letter lesson: each
//! application's database (up or down) and settings, and what its handler did in a step,
//! attempt by attempt. Read off the engine's state and events; nothing is re-derived.

use std::sync::Arc;

use kafka_sim::app::Database;
use kafka_sim::error_handler::Tolerance;
use kafka_sim::event::Event;
use kafka_sim::Cluster;

use crate::text;

/// One application's handler as it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandlerRow {
    /// The application (its group id).
    pub group: Arc<str>,
    /// Its database, in words: up, down until an instant, down.
    pub database: String,
    /// Whether the database takes writes now.
    pub database_up: bool,
    /// `errors.retry.timeout`, in words.
    pub retry: String,
    /// `errors.tolerance`.
    pub tolerance: &'static str,
    /// `errors.deadletterqueue.topic.name`, if set.
    pub dlq: Option<String>,
}

/// Every application that has a handler setting or a database state to show.
pub fn handlers(cluster: &Cluster) -> Vec<HandlerRow> {
    let now = cluster.now_ms();
    cluster
        .apps()
        .filter(|(_, a)| a.output.is_none())
        .map(|(group, a)| {
            let database_up = a.database_available(now);
            let database = match a.database {
                Database::Up => text::database_up().to_string(),
                Database::Down { until_ms: Some(t) } if t > now => text::database_down_until(t),
                Database::Down { until_ms: Some(_) } => text::database_up().to_string(),
                Database::Down { until_ms: None } => text::database_down().to_string(),
            };
            let e = &a.errors;
            let retry = match e.retry_timeout_ms {
                0 => text::retry_none().to_string(),
                t if t < 0 => text::retry_forever().to_string(),
                t => text::retry_for(t),
            };
            HandlerRow {
                group: group.clone(),
                database,
                database_up,
                retry,
                tolerance: match e.tolerance {
                    Tolerance::None => "none",
                    Tolerance::All => "all",
                },
                dlq: (!e.dlq_topic.is_empty()).then(|| e.dlq_topic.clone()),
            }
        })
        .collect()
}

/// One line per handler event of the step, in order: the handler's settings and
/// database, each failed attempt with its wait, what was dead-lettered, skipped or
/// stopped, and a consumer that left its group while the handler waited.
pub fn handler_log(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::AppConfigured { group, name, value } => {
                Some(text::handler_configured(group, name, value))
            }
            Event::DatabaseStopped { group, until_ms } => {
                Some(text::handler_database_stopped(group, *until_ms))
            }
            Event::DatabaseStarted { group } => Some(text::handler_database_started(group)),
            Event::ProcessingFailed {
                topic,
                partition,
                offset,
                attempt,
                error,
                retry_in_ms,
                ..
            } => Some(text::handler_failed(
                &format!("{topic}-{partition}@{offset}"),
                *attempt,
                error,
                *retry_in_ms,
            )),
            Event::RecordDeadLettered {
                topic,
                partition,
                offset,
                dlq_topic,
                dlq_partition,
                dlq_offset,
                ..
            } => Some(text::handler_dead_lettered(
                &format!("{topic}-{partition}@{offset}"),
                &format!("{dlq_topic}-{dlq_partition}@{dlq_offset}"),
            )),
            Event::RecordSkipped {
                topic,
                partition,
                offset,
                error,
                ..
            } => Some(text::handler_skipped(
                &format!("{topic}-{partition}@{offset}"),
                error.as_deref(),
            )),
            Event::HandlerStopped {
                consumer, error, ..
            } => Some(text::handler_stopped(consumer, error)),
            Event::PollTimeout {
                consumer,
                max_poll_interval_ms,
            } => Some(text::handler_poll_timeout(consumer, *max_poll_interval_ms)),
            Event::RecordsProcessed {
                consumer, applied, ..
            } if !applied.is_empty() => Some(text::handler_processed(consumer, applied.len())),
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
    fn a_short_outage_reads_attempt_by_attempt() {
        let mut c = Cluster::default();
        let events = run(
            &mut c,
            "create-topic payments partitions=1\nproduce payments key=a value=balance+=1\n\
             set-app billing errors.retry.timeout=10000\n\
             create-consumer c1 group=billing enable.auto.commit=false auto.offset.reset=earliest\n\
             subscribe c1 topics=payments\npoll c1\nstop-database billing for=1s\nprocess c1",
        );
        let log = handler_log(&events);
        assert_eq!(log[0], "billing: errors.retry.timeout=10000");
        assert!(
            log[1].starts_with("billing's database is down until"),
            "{}",
            log[1]
        );
        assert!(log[2].starts_with(
            "payments-0@0, attempt 1: org.apache.kafka.connect.errors.RetriableException"
        ));
        assert!(log[2].ends_with("retry in 300 ms"), "{}", log[2]);
        assert!(log[3].ends_with("retry in 600 ms"), "{}", log[3]);
        // 300 + 600 ms is still inside the outage; 1200 ms later it is over.
        assert!(log[4].ends_with("retry in 1200 ms"), "{}", log[4]);
        assert_eq!(log[5], "c1 processed 1 record");
        let rows = handlers(&c);
        assert_eq!(rows.len(), 1);
        assert!(rows[0].database_up);
        assert_eq!(rows[0].retry, "for 10000 ms");
        assert_eq!((rows[0].tolerance, rows[0].dlq.as_deref()), ("none", None));
    }

    #[test]
    fn a_poison_record_reads_as_a_stop_or_a_dead_letter() {
        let mut c = Cluster::default();
        let stopped = run(
            &mut c,
            "create-topic payments partitions=1\nproduce payments key=a value=balance+=ten\n\
             create-consumer c1 group=billing enable.auto.commit=false auto.offset.reset=earliest\n\
             subscribe c1 topics=payments\npoll c1\nprocess c1",
        );
        let log = handler_log(&stopped);
        assert!(log.last().unwrap().starts_with("c1 stopped: org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler"), "{log:?}");
        let dead = run(
            &mut c,
            "set-app billing errors.tolerance=all errors.deadletterqueue.topic.name=dlq errors.deadletterqueue.topic.replication.factor=1\n\
             create-consumer c2 group=billing enable.auto.commit=false auto.offset.reset=earliest\n\
             subscribe c2 topics=payments\npoll c2\nprocess c2",
        );
        let log = handler_log(&dead);
        assert!(
            log.contains(&"payments-0@0 went to the dead letter queue at dlq-0@0".to_string()),
            "{log:?}"
        );
    }
}
