//! The application's poll loop body: `process` hands each polled record to the handler,
//! which writes its effect to the database, retries a retriable failure with backoff
//! while the consumer thread sleeps (the engine's clock runs on, and so does
//! `max.poll.interval.ms`), and on a final failure stops or skips the record as
//! `errors.tolerance` says, writing a skipped record to the dead letter queue
//! (`RetryWithToleranceOperator`, `DeadLetterQueueReporter`; error_handler.rs).

use std::sync::Arc;

use super::{AppState, Database, Effect, RecordId, ID_HEADER, SOURCE_HEADER};
use crate::cluster::Cluster;
use crate::command::{Command, Produce};
use crate::consumer::TopicPartition;
use crate::error::{ErrorKind, KafkaError};
use crate::error_handler::{self, Failure, Tolerance};
use crate::event::Event;
use crate::record::Record;

/// The longest the engine lets one `process` keep retrying: past it the command is
/// refused rather than run the clock for days.
const LONGEST_RETRY_MS: i64 = 86_400_000;

/// The most attempts at one record the engine runs: a tiny `errors.retry.delay.max.ms`
/// waits next to nothing between attempts, which Java spins through in real time.
const MOST_ATTEMPTS: u32 = 1_000;

/// What became of one record.
enum Handled {
    /// Its effect was applied.
    Applied,
    /// The unique constraint turned it away.
    TurnedAway,
    /// It failed and `errors.tolerance=all` skipped it.
    Skipped,
    /// It failed and `errors.tolerance=none` stopped the application.
    Stopped,
}

/// One record in the handler's hands: who handles it, where it is, and what it stands for.
struct Handling<'a> {
    consumer: &'a Arc<str>,
    group: &'a Arc<str>,
    place: &'a RecordId,
    /// The record a replayed copy stands for (`origin_of`), else its own place.
    origin: RecordId,
    record: Option<&'a Record>,
}

impl Handling<'_> {
    /// Attempt `attempt` failed with `failure`; the handler waits `retry_in_ms` or gives up.
    fn failed(&self, attempt: u32, failure: &Failure, retry_in_ms: Option<i64>) -> Event {
        let (topic, partition, offset) = self.place.clone();
        Event::ProcessingFailed {
            consumer: self.consumer.clone(),
            group: self.group.clone(),
            topic,
            partition,
            offset,
            attempt,
            error: Arc::from(failure.text().as_str()),
            retry_in_ms,
        }
    }
}

/// `topic-partition-offset`, as the application writes a record's place in a header.
pub(crate) fn parse_record_id(text: &str) -> Option<RecordId> {
    let (rest, offset) = text.rsplit_once('-')?;
    let (topic, partition) = rest.rsplit_once('-')?;
    Some((
        Arc::from(topic),
        partition.parse().ok()?,
        offset.parse().ok()?,
    ))
}

impl Cluster {
    /// The record a replayed copy stands for: a dead-lettered copy names its original
    /// in its context headers, and a copy a replay job wrote back (consume-transform-
    /// produce from the dead letter queue) names the dead-lettered copy in its `source`
    /// header. Any other record stands for itself.
    pub(crate) fn origin_of(&self, topic: &Arc<str>, partition: u32, record: &Record) -> RecordId {
        if let Some(original) = error_handler::original_of(&record.headers) {
            return original;
        }
        let replayed = record
            .headers
            .iter()
            .find(|(k, _)| &**k == SOURCE_HEADER)
            .and_then(|(_, v)| parse_record_id(v))
            .and_then(|(t, p, o)| self.log(&t, p)?.record(o))
            .and_then(|source| error_handler::original_of(&source.headers));
        replayed.unwrap_or_else(|| (topic.clone(), partition, record.offset))
    }

    /// `set-app GROUP name=value ...`: the application's error handler. A dead letter
    /// queue topic that does not exist is created with one partition and
    /// `errors.deadletterqueue.topic.replication.factor` replicas, as
    /// `DeadLetterQueueReporter#createAndSetup` does when the task starts; and it may not
    /// be a topic the group consumes (`SinkConnectorConfig#validate`).
    pub(crate) fn set_app(
        &mut self,
        group: &str,
        configs: &[(String, String)],
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let mut next = self
            .apps
            .get(group)
            .map(|a| a.errors.clone())
            .unwrap_or_default();
        for (k, v) in configs {
            next.set(k, v)?;
        }
        let dlq = next.dlq_topic.clone();
        if !dlq.is_empty() {
            // In subscription order, each once (`parseTopicsList`).
            let mut consumed: Vec<&str> = Vec::new();
            for c in self
                .consumers
                .values()
                .filter(|c| c.config.group_id == group)
            {
                for t in c.subscription.iter() {
                    if !consumed.contains(&&**t) {
                        consumed.push(t);
                    }
                }
            }
            dlq_not_consumed(&dlq, &consumed)?;
            if !self.topics.contains_key(dlq.as_str()) {
                let rf = i32::from(next.dlq_replication_factor);
                self.create_topic(&dlq, Some(1), Some(rf), None, &[], out)
                    .map_err(|e| {
                        KafkaError::new(
                            ErrorKind::ConnectException,
                            format!(
                                "Could not initialize dead letter queue with topic={dlq} (caused by {e})"
                            ),
                        )
                    })?;
            }
        }
        let group: Arc<str> = Arc::from(group);
        self.apps.entry(group.clone()).or_default().errors = next;
        for (k, v) in configs {
            out.push(Event::AppConfigured {
                group: group.clone(),
                name: Arc::from(k.as_str()),
                value: Arc::from(v.as_str()),
            });
            if error_handler::NOT_MODELLED.contains(&k.as_str()) {
                out.push(Event::ConfigNotModelled {
                    client: group.clone(),
                    name: Arc::from(k.as_str()),
                    note: format!("{k}: a Kafka Connect setting that only changes what is logged; the playground logs nothing"),
                });
            }
        }
        Ok(())
    }

    /// `stop-database` and `start-database`.
    pub(crate) fn set_database(
        &mut self,
        group: &str,
        down: Option<Option<i64>>,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        if group.is_empty() {
            return Err(KafkaError::syntax("expected a group name"));
        }
        let group: Arc<str> = Arc::from(group);
        let app = self.apps.entry(group.clone()).or_default();
        match down {
            Some(for_ms) => {
                let until_ms = for_ms.map(|d| self.now_ms.saturating_add(d));
                app.database = Database::Down { until_ms };
                out.push(Event::DatabaseStopped { group, until_ms });
            }
            None => {
                app.database = Database::Up;
                out.push(Event::DatabaseStarted { group });
            }
        }
        Ok(())
    }

    /// `process c`: the application handles the next `count` records of its last poll
    /// (all that are left by default), applying each effect to its group's database,
    /// or, with `output`, writing each to that topic.
    pub(crate) fn process(
        &mut self,
        name: &str,
        count: Option<u32>,
        unique_key: bool,
        output: Option<&str>,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        self.running_consumer(name)?;
        let consumer = &self.consumers[name];
        let left = consumer.polled.len() - consumer.processed;
        let n = count.map_or(left, |c| (c as usize).min(left));
        let batch: Vec<(TopicPartition, i64)> =
            consumer.polled[consumer.processed..consumer.processed + n].to_vec();
        let group: Arc<str> = Arc::from(consumer.config.group_id.as_str());
        let consumer_name = consumer.name.clone();
        let mut applied = Vec::new();
        let mut turned_away = Vec::new();
        let mut stopped = false;
        for ((topic, partition), offset) in batch {
            let record = self
                .log(&topic, partition)
                .and_then(|l| l.record(offset))
                .cloned();
            let place = (topic.clone(), partition, offset);
            if let Some(output) = output {
                self.transform(&group, &place, record.as_ref(), output, out)?;
                applied.push(place);
            } else {
                match self.handle(
                    &consumer_name,
                    &group,
                    &place,
                    record.as_ref(),
                    unique_key,
                    out,
                )? {
                    Handled::Applied => applied.push(place),
                    Handled::TurnedAway => turned_away.push(place),
                    Handled::Skipped => {}
                    Handled::Stopped => {
                        stopped = true;
                        break;
                    }
                }
            }
            if let Some(c) = self.consumers.get_mut(name) {
                c.processed += 1;
            }
        }
        out.push(Event::RecordsProcessed {
            consumer: consumer_name,
            group,
            applied,
            turned_away,
        });
        if stopped {
            // The exception leaves the poll loop; the consumer's try-with-resources
            // closes it (a commit first, if auto-commit is on).
            self.close(name, out)?;
        }
        Ok(())
    }

    /// Consume-transform-produce: the result goes to a topic, tagged with its source,
    /// through the producer (in its transaction, if it has one).
    fn transform(
        &mut self,
        group: &Arc<str>,
        (topic, partition, offset): &RecordId,
        record: Option<&Record>,
        output: &str,
        out: &mut Vec<Event>,
    ) -> Result<(), KafkaError> {
        let mut p = Produce::keyed(output, "", "");
        p.key = record.and_then(|r| r.key.clone());
        p.value = record.and_then(|r| r.value.clone());
        p.headers = vec![(
            Arc::from(SOURCE_HEADER),
            Arc::from(format!("{topic}-{partition}-{offset}").as_str()),
        )];
        self.apps.entry(group.clone()).or_default().output = Some(Arc::from(output));
        self.apply_into(&Command::Produce(p), out)
    }

    /// One record through the handler: parse, write, and on a retriable failure back
    /// off and try again until `errors.retry.timeout` (`execAndRetry`); then tolerate.
    fn handle(
        &mut self,
        consumer: &Arc<str>,
        group: &Arc<str>,
        place: &RecordId,
        record: Option<&Record>,
        unique_key: bool,
        out: &mut Vec<Event>,
    ) -> Result<Handled, KafkaError> {
        let h = Handling {
            consumer,
            group,
            place,
            origin: record.map_or_else(|| place.clone(), |r| self.origin_of(&place.0, place.1, r)),
            record,
        };
        let key = record.and_then(|r| r.key.clone());
        let value = record.and_then(|r| r.value.clone());
        let idempotency_key: Option<Arc<str>> = unique_key.then(|| {
            record
                .and_then(|r| r.headers.iter().find(|(k, _)| &**k == ID_HEADER))
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| {
                    let (t, p, o) = &h.origin;
                    Arc::from(format!("{t}-{p}-{o}").as_str())
                })
        });
        let start = self.now_ms;
        let mut attempt = 1;
        let failure = loop {
            let app = self.apps.entry(group.clone()).or_default();
            let failure = match Effect::of(value.as_deref()) {
                Err(f) => f,
                Ok(_) if !app.database.available(self.now_ms) => {
                    Failure::database_unavailable(group)
                }
                Ok(effect) => {
                    let done = app.handle(h.origin.clone(), key.as_ref(), effect, idempotency_key);
                    return Ok(if done {
                        Handled::Applied
                    } else {
                        Handled::TurnedAway
                    });
                }
            };
            let config = app.errors.clone();
            let deadline = config.retry_deadline(start);
            if !failure.retriable || self.now_ms >= deadline {
                break failure;
            }
            let (topic, partition, offset) = place;
            let comes_back = match app.database {
                Database::Down { until_ms } => until_ms.unwrap_or(i64::MAX),
                Database::Up => self.now_ms,
            };
            if deadline.min(comes_back).saturating_sub(self.now_ms) > LONGEST_RETRY_MS {
                return Err(KafkaError::new(
                    ErrorKind::UnsupportedOperationException,
                    format!(
                        "{consumer} would keep retrying offset {offset} of {topic}-{partition} for more than 1d (errors.retry.timeout={}, the database of {group} down until start-database): start the database or lower errors.retry.timeout",
                        config.retry_timeout_ms
                    ),
                ));
            }
            if attempt >= MOST_ATTEMPTS {
                return Err(KafkaError::new(
                    ErrorKind::UnsupportedOperationException,
                    format!(
                        "{consumer} would try offset {offset} of {topic}-{partition} more than {MOST_ATTEMPTS} times (errors.retry.delay.max.ms={}): raise errors.retry.delay.max.ms or lower errors.retry.timeout",
                        config.retry_delay_max_ms
                    ),
                ));
            }
            let wait = match error_handler::backoff_ms(
                attempt,
                self.now_ms,
                deadline,
                config.retry_delay_max_ms,
                &mut self.rng,
            ) {
                Ok(wait) => wait,
                // The backoff itself threw: that is the record's failure now
                // (`execAndHandleError` catches it).
                Err(thrown) => break thrown,
            };
            out.push(h.failed(attempt, &failure, Some(wait)));
            // The consumer thread sleeps; the rest of the world does not.
            let target = self.now_ms.saturating_add(wait);
            self.run_clock_until(target, out, |_| false);
            attempt += 1;
        };
        // Retries run out, or the failure is not retriable: final. (Before Kafka 4.0 a
        // retriable failure that ran out of retries was skipped whatever the tolerance,
        // KAFKA-18073; it is now tolerated or not like any other.)
        out.push(h.failed(attempt, &failure, None));
        Ok(self.tolerate(&h, &failure, out))
    }

    /// A final failure: reported to the dead letter queue, if there is one, whatever the
    /// tolerance (`executeFailed` reports, then throws when the tolerance is exceeded);
    /// then `errors.tolerance=none` stops the application and `all` skips the record.
    fn tolerate(&mut self, h: &Handling, failure: &Failure, out: &mut Vec<Event>) -> Handled {
        let (topic, partition, offset) = h.place.clone();
        let (consumer, group) = (h.consumer, h.group);
        let config = self.apps[group].errors.clone();
        let dlq = config.dlq_topic.trim();
        let reported = (!dlq.is_empty())
            .then(|| self.dead_letter(h, failure, dlq, config.dlq_context_headers, out));
        if config.tolerance == Tolerance::None {
            out.push(Event::HandlerStopped {
                consumer: consumer.clone(),
                group: group.clone(),
                topic,
                partition,
                offset,
                error: Arc::from(
                    format!(
                        "{}, caused by {}",
                        error_handler::TOLERANCE_EXCEEDED,
                        failure.text()
                    )
                    .as_str(),
                ),
            });
            return Handled::Stopped;
        }
        if !matches!(reported, Some(Ok(()))) {
            out.push(Event::RecordSkipped {
                consumer: consumer.clone(),
                group: group.clone(),
                topic,
                partition,
                offset,
                error: reported.and_then(Result::err),
            });
        }
        Handled::Skipped
    }

    /// `DeadLetterQueueReporter#report`: the original key, value, headers and timestamp,
    /// to a partition the queue's own producer picks; then the context headers. The
    /// producer is Connect's (`Worker#baseProducerConfigs`): acks=all, not idempotent, one
    /// request in flight. A failed write is only logged (the send's callback).
    fn dead_letter(
        &mut self,
        h: &Handling,
        failure: &Failure,
        dlq: &str,
        context_headers: bool,
        out: &mut Vec<Event>,
    ) -> Result<(), Arc<str>> {
        let (topic, partition, offset) = h.place.clone();
        let (consumer, group, record) = (h.consumer, h.group, h.record);
        let mut headers: Vec<(Arc<str>, Arc<str>)> =
            record.map(|r| r.headers.to_vec()).unwrap_or_default();
        if context_headers {
            headers.extend(error_handler::context_headers(
                &topic, partition, offset, group, failure,
            ));
        }
        let copy = Produce {
            topic: Arc::from(dlq),
            key: record.and_then(|r| r.key.clone()),
            value: record.and_then(|r| r.value.clone()),
            partition: None,
            partitioner: None,
            headers,
            fault: None,
            sequence: None,
            timestamp: record.map(|r| r.timestamp).filter(|t| *t >= 0),
        };
        let app = self.apps.get_mut(group).expect("configured");
        let dlq_producer = app.dlq_producer.take().unwrap_or_else(|| {
            let mut p = crate::producer::ProducerState::default();
            for (k, v) in [
                ("acks", "all"),
                ("enable.idempotence", "false"),
                ("max.in.flight.requests.per.connection", "1"),
            ] {
                p.set(k, v).expect("valid producer configs");
            }
            p
        });
        let main = std::mem::replace(&mut self.producer, dlq_producer);
        let before = out.len();
        let sent = self.apply_into(&Command::Produce(copy), out);
        let dlq_producer = std::mem::replace(&mut self.producer, main);
        let app = self.apps.get_mut(group).expect("configured");
        app.dlq_producer = Some(dlq_producer);
        let landed = out[before..].iter().find_map(|e| match e {
            Event::RecordAppended {
                topic: t,
                partition,
                offset,
                ..
            } if &**t == dlq => Some((*partition, *offset)),
            _ => None,
        });
        let failed = out[before..].iter().find_map(|e| match e {
            Event::SendFailed { error, .. } => Some(error.clone()),
            _ => None,
        });
        match (sent, landed, failed) {
            (Ok(()), Some((dlq_partition, dlq_offset)), None) => {
                app.dead_lettered.insert(h.origin.clone());
                out.push(Event::RecordDeadLettered {
                    consumer: consumer.clone(),
                    group: group.clone(),
                    topic,
                    partition,
                    offset,
                    dlq_topic: Arc::from(dlq),
                    dlq_partition,
                    dlq_offset,
                });
                Ok(())
            }
            (result, _, failed) => {
                let cause = result
                    .err()
                    .or(failed)
                    .map_or_else(String::new, |e| format!(": {e}"));
                Err(Arc::from(
                    format!("Could not produce message to dead letter queue. topic={dlq}{cause}")
                        .as_str(),
                ))
            }
        }
    }
}

/// `SinkConnectorConfig#validate`: the dead letter queue may not be a topic the
/// application reads (it would read its own failures back), in `ConfigException`'s words
/// for the `topics` setting.
pub(crate) fn dlq_not_consumed(dlq: &str, consumed: &[&str]) -> Result<(), KafkaError> {
    if dlq.is_empty() || !consumed.contains(&dlq) {
        return Ok(());
    }
    Err(KafkaError::new(
        ErrorKind::ConfigException,
        format!(
            "Invalid value {} for configuration topics: The DLQ topic '{dlq}' may not be included in the list of topics ('topics=[{}]') consumed by the connector",
            consumed.join(","),
            consumed.join(", ")
        ),
    ))
}

impl AppState {
    /// Whether its database takes writes at `now_ms`.
    pub fn database_available(&self, now_ms: i64) -> bool {
        self.database.available(now_ms)
    }
}
