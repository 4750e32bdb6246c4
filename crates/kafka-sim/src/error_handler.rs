//! The consumer application's error handler: what happens when handling a record fails.
//! Not Kafka's broker or client: a plain consumer application that borrows Kafka's own
//! error-handling settings and rules, those of Kafka Connect (KIP-298): retry a
//! retriable failure with `RetryWithToleranceOperator`'s backoff until
//! `errors.retry.timeout`, then let `errors.tolerance` decide between stopping and
//! skipping, and write the failed record to a dead letter queue topic with the failure in
//! `__connect.errors.*` headers (`DeadLetterQueueReporter`). The settings keep Connect's
//! names, defaults and messages (`ConnectorConfig`, `SinkConnectorConfig`).
//!
//! Where Connect itself differs: it runs the retry loop only around its converters and
//! transformations. A sink task whose own write fails reports the record through
//! KIP-610's `ErrantRecordReporter` without retrying, and a `RetriableException` from
//! `SinkTask#put` makes `WorkerSinkTask` pause the partitions and keep polling (so it
//! stays in its group) and redeliver the batch later. The application here retries in
//! its poll loop instead, as most hand-written consumers do, which is why its waits count
//! against `max.poll.interval.ms`.

use std::sync::Arc;

use crate::error::{ErrorKind, KafkaError};
use crate::rng::SplitMix64;

/// `RetryWithToleranceOperator.RETRIES_DELAY_MIN_MS`: the first backoff.
pub const RETRIES_DELAY_MIN_MS: i64 = 300;

/// `DeadLetterQueueReporter.HEADER_PREFIX`.
pub const HEADER_PREFIX: &str = "__connect.errors.";
/// The failed record's topic (`ERROR_HEADER_ORIG_TOPIC`).
pub const HEADER_TOPIC: &str = "__connect.errors.topic";
/// Its partition (`ERROR_HEADER_ORIG_PARTITION`).
pub const HEADER_PARTITION: &str = "__connect.errors.partition";
/// Its offset (`ERROR_HEADER_ORIG_OFFSET`).
pub const HEADER_OFFSET: &str = "__connect.errors.offset";

/// Settings Connect has that the handler takes and does not model (they only log).
pub const NOT_MODELLED: &[&str] = &["errors.log.enable", "errors.log.include.messages"];

/// `errors.tolerance` (`ToleranceType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum Tolerance {
    /// `none`, the default: any error stops the application.
    #[default]
    None,
    /// `all`: skip the record (after reporting it) and go on.
    All,
}

/// The handler's settings, by their Connect names.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ErrorHandlerConfig {
    /// `errors.retry.timeout`: how long a retriable failure is retried, in ms; 0 (the
    /// default) never retries, a negative value retries forever.
    pub retry_timeout_ms: i64,
    /// `errors.retry.delay.max.ms` (60000): the longest backoff before jitter.
    pub retry_delay_max_ms: i64,
    /// `errors.tolerance`.
    pub tolerance: Tolerance,
    /// `errors.deadletterqueue.topic.name`: empty (the default) for no dead letter queue.
    pub dlq_topic: String,
    /// `errors.deadletterqueue.topic.replication.factor` (3): used when the handler
    /// creates the topic.
    pub dlq_replication_factor: i16,
    /// `errors.deadletterqueue.context.headers.enable` (false).
    pub dlq_context_headers: bool,
}

impl Default for ErrorHandlerConfig {
    fn default() -> Self {
        Self {
            retry_timeout_ms: 0,
            retry_delay_max_ms: 60_000,
            tolerance: Tolerance::None,
            dlq_topic: String::new(),
            dlq_replication_factor: 3,
            dlq_context_headers: false,
        }
    }
}

/// The names [`ErrorHandlerConfig::set`] knows, in Connect's order.
pub const CONFIG_NAMES: &[&str] = &[
    "errors.retry.timeout",
    "errors.retry.delay.max.ms",
    "errors.tolerance",
    "errors.deadletterqueue.topic.name",
    "errors.deadletterqueue.topic.replication.factor",
    "errors.deadletterqueue.context.headers.enable",
];

impl ErrorHandlerConfig {
    /// Sets one setting as `ConfigDef` parses it (trimmed; LONG, SHORT, BOOLEAN and the
    /// tolerance's `in("none", "all")` validator); on error nothing changes.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), KafkaError> {
        let bad = |reason: &str| {
            KafkaError::new(
                ErrorKind::ConfigException,
                format!("Invalid value {value} for configuration {name}: {reason}"),
            )
        };
        let v = value.trim();
        match name {
            "errors.retry.timeout" => {
                self.retry_timeout_ms = v.parse().map_err(|_| bad("Not a number of type LONG"))?
            }
            // No validator: a cap of 0 or less is taken, and fails at the first capped
            // backoff (`backoff_ms`).
            "errors.retry.delay.max.ms" => {
                self.retry_delay_max_ms = v.parse().map_err(|_| bad("Not a number of type LONG"))?
            }
            "errors.tolerance" => {
                self.tolerance = match v {
                    "none" => Tolerance::None,
                    "all" => Tolerance::All,
                    // ConfigDef's validator names the trimmed value.
                    _ => {
                        return Err(KafkaError::new(
                            ErrorKind::ConfigException,
                            format!("Invalid value {v} for configuration {name}: String must be one of: none, all"),
                        ))
                    }
                }
            }
            "errors.deadletterqueue.topic.name" => self.dlq_topic = v.to_string(),
            "errors.deadletterqueue.topic.replication.factor" => {
                self.dlq_replication_factor =
                    v.parse().map_err(|_| bad("Not a number of type SHORT"))?
            }
            "errors.deadletterqueue.context.headers.enable" => {
                self.dlq_context_headers = if v.eq_ignore_ascii_case("true") {
                    true
                } else if v.eq_ignore_ascii_case("false") {
                    false
                } else {
                    return Err(bad("Expected value to be either true or false"));
                }
            }
            "errors.log.enable" | "errors.log.include.messages" => {
                if !v.eq_ignore_ascii_case("true") && !v.eq_ignore_ascii_case("false") {
                    return Err(bad("Expected value to be either true or false"));
                }
            }
            _ => {
                return Err(KafkaError::new(
                    ErrorKind::ConfigException,
                    format!(
                        "Unknown configuration '{name}' (the error handler takes {})",
                        CONFIG_NAMES.join(", ")
                    ),
                ))
            }
        }
        Ok(())
    }

    /// The instant after which a failure first seen at `start_ms` is no longer retried
    /// (`execAndRetry`: `errorRetryTimeout >= 0 ? start + timeout : Long.MAX_VALUE`).
    pub fn retry_deadline(&self, start_ms: i64) -> i64 {
        if self.retry_timeout_ms >= 0 {
            start_ms.saturating_add(self.retry_timeout_ms)
        } else {
            i64::MAX
        }
    }
}

/// `RetryWithToleranceOperator#backoff`: the wait after failed attempt `attempt` (from
/// 1): `300L << (attempt - 1)` as Java computes it (the shift counts modulo 64, so the
/// doubling wraps: negative or zero after 55 doublings, and 300 ms again from attempt 65),
/// a random wait below `errors.retry.delay.max.ms` once that is passed (the jitter, from
/// the engine's seeded generator), never past the deadline, and no wait for a negative
/// delay (`CountDownLatch#await` returns at once). A cap of 0 or less fails as
/// `ThreadLocalRandom#nextLong` does.
pub fn backoff_ms(
    attempt: u32,
    now_ms: i64,
    deadline_ms: i64,
    max_ms: i64,
    rng: &mut SplitMix64,
) -> Result<i64, Failure> {
    let mut delay = RETRIES_DELAY_MIN_MS.wrapping_shl(attempt.saturating_sub(1));
    if delay > max_ms {
        if max_ms <= 0 {
            return Err(Failure {
                class: "java.lang.IllegalArgumentException",
                message: Arc::from("bound must be positive"),
                retriable: false,
            });
        }
        // ThreadLocalRandom#nextLong(bound): uniform in [0, bound).
        delay = (rng.next_u64() % max_ms as u64) as i64;
    }
    if delay.saturating_add(now_ms) > deadline_ms {
        delay = (deadline_ms - now_ms).max(0);
    }
    Ok(delay.max(0))
}

/// Why handling a record failed, as the application's exception.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Failure {
    /// The exception's class name.
    pub class: &'static str,
    /// Its message.
    pub message: Arc<str>,
    /// A `RetriableException`: the only failures Connect retries.
    pub retriable: bool,
}

impl Failure {
    /// A value the handler cannot read: `balance+=ten` is `Long.parseLong("ten")`.
    pub fn unparsable_number(text: &str) -> Self {
        Self {
            class: "java.lang.NumberFormatException",
            message: Arc::from(format!("For input string: \"{text}\"").as_str()),
            retriable: false,
        }
    }

    /// The application's database is down: worth retrying.
    pub fn database_unavailable(group: &str) -> Self {
        Self {
            class: "org.apache.kafka.connect.errors.RetriableException",
            message: Arc::from(format!("the database of {group} is not available").as_str()),
            retriable: true,
        }
    }

    /// `Class: message`, as Java prints an exception.
    pub fn text(&self) -> String {
        format!("{}: {}", self.class, self.message)
    }
}

/// What `errors.tolerance=none` throws once a failure is final
/// (`RetryWithToleranceOperator#executeFailed`).
pub const TOLERANCE_EXCEEDED: &str =
    "org.apache.kafka.connect.errors.ConnectException: Tolerance exceeded in error handler";

/// The headers a dead-lettered record carries after its own, with
/// `errors.deadletterqueue.context.headers.enable=true`
/// (`DeadLetterQueueReporter#populateContextHeaders`), as a sink task that reports a
/// failed write itself writes them (KIP-610's `ErrantRecordReporter`: stage `TASK_PUT`,
/// class `SinkTask`, task 0). The stack trace header is left out: there is no Java
/// stack to print.
pub fn context_headers(
    topic: &str,
    partition: u32,
    offset: i64,
    app: &str,
    failure: &Failure,
) -> Vec<(Arc<str>, Arc<str>)> {
    let h = |k: &str, v: &str| (Arc::from(k), Arc::from(v));
    vec![
        h(HEADER_TOPIC, topic),
        h(HEADER_PARTITION, &partition.to_string()),
        h(HEADER_OFFSET, &offset.to_string()),
        h("__connect.errors.connector.name", app),
        h("__connect.errors.task.id", "0"),
        h("__connect.errors.stage", "TASK_PUT"),
        h(
            "__connect.errors.class.name",
            "org.apache.kafka.connect.sink.SinkTask",
        ),
        h("__connect.errors.exception.class.name", failure.class),
        h("__connect.errors.exception.message", &failure.message),
    ]
}

/// The record a dead-lettered copy came from, read from its context headers.
pub fn original_of(headers: &[(Arc<str>, Arc<str>)]) -> Option<(Arc<str>, u32, i64)> {
    let get = |name: &str| headers.iter().find(|(k, _)| &**k == name).map(|(_, v)| v);
    Some((
        get(HEADER_TOPIC)?.clone(),
        get(HEADER_PARTITION)?.parse().ok()?,
        get(HEADER_OFFSET)?.parse().ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_keep_connects_defaults_and_messages() {
        let mut c = ErrorHandlerConfig::default();
        assert_eq!(c.retry_timeout_ms, 0);
        assert_eq!(c.retry_delay_max_ms, 60_000);
        assert_eq!(c.dlq_replication_factor, 3);
        c.set("errors.tolerance", "all").unwrap();
        assert_eq!(c.tolerance, Tolerance::All);
        assert_eq!(
            c.set("errors.tolerance", "ALL").unwrap_err().to_string(),
            "ConfigException: Invalid value ALL for configuration errors.tolerance: String must be one of: none, all"
        );
        assert_eq!(
            c.set("errors.retry.timeout", "5s").unwrap_err().message,
            "Invalid value 5s for configuration errors.retry.timeout: Not a number of type LONG"
        );
        c.set("errors.deadletterqueue.context.headers.enable", " TRUE ")
            .unwrap();
        assert!(c.dlq_context_headers);
        assert!(
            c.set("errors.log.enable", "true").is_ok(),
            "taken, not modelled"
        );
        assert!(c.set("errors.logging", "true").is_err());
        assert_eq!(c.tolerance, Tolerance::All, "a refusal changes nothing");
    }

    #[test]
    fn a_timeout_of_zero_never_retries_and_a_negative_one_never_stops() {
        let mut c = ErrorHandlerConfig::default();
        assert_eq!(c.retry_deadline(1_000), 1_000);
        c.set("errors.retry.timeout", "-1").unwrap();
        assert_eq!(c.retry_deadline(1_000), i64::MAX);
    }

    #[test]
    fn backoff_doubles_from_300_ms_then_jitters_below_the_cap_and_stops_at_the_deadline() {
        let mut rng = SplitMix64::new(1);
        let mut wait = |a, now, deadline, max| backoff_ms(a, now, deadline, max, &mut rng);
        let waits: Vec<i64> = (1..=8)
            .map(|a| wait(a, 0, i64::MAX, 60_000).unwrap())
            .collect();
        assert_eq!(
            waits,
            [300, 600, 1_200, 2_400, 4_800, 9_600, 19_200, 38_400]
        );
        // 300 << 8 = 76800 is past the cap: a random wait below it.
        for _ in 0..50 {
            let w = wait(9, 0, i64::MAX, 60_000).unwrap();
            assert!((0..60_000).contains(&w), "{w}");
        }
        // Never past the deadline.
        assert_eq!(wait(3, 9_500, 10_000, 60_000), Ok(500));
        assert_eq!(wait(3, 10_000, 10_000, 60_000), Ok(0));
        // Java's shift: 300 << 55 is negative (no wait), 300 << 64 is 300 again.
        assert_eq!(wait(56, 0, i64::MAX, 60_000), Ok(0));
        assert_eq!(wait(65, 0, i64::MAX, 60_000), Ok(300));
        // No validator on the cap; the first capped wait fails as nextLong(0) does.
        assert_eq!(
            wait(1, 0, i64::MAX, 0).unwrap_err().text(),
            "java.lang.IllegalArgumentException: bound must be positive"
        );
    }

    #[test]
    fn context_headers_lead_back_to_the_original() {
        let f = Failure::unparsable_number("ten");
        assert_eq!(
            f.text(),
            "java.lang.NumberFormatException: For input string: \"ten\""
        );
        let h = context_headers("payments", 2, 7, "billing", &f);
        assert_eq!(original_of(&h), Some((Arc::from("payments"), 2, 7)));
        assert_eq!(&*h[6].1, "org.apache.kafka.connect.sink.SinkTask");
        assert_eq!(&*h[8].1, "For input string: \"ten\"");
        assert_eq!(original_of(&h[1..]), None);
    }
}
