//! `kafka-console-consumer.sh` (`tools/.../consumer/ConsoleConsumer.java`,
//! `ConsoleConsumerOptions`, `DefaultMessageFormatter`): its checks, then a real consumer
//! in the engine (a group member with `--group` or none, or `assign` and `seek` with
//! `--partition`), polled as the engine's clock runs, each record printed as the
//! formatter prints it, and `Processed a total of N messages` at the end.
//!
//! A real console consumer without `--max-messages` or `--timeout-ms` runs until Ctrl+C;
//! this one stops once it has read everything there is, as if Ctrl+C came then.

use super::jopt::{self, opt, Spec};
use super::{log_line, Output};
use crate::record::Record;
use crate::{Cluster, Command, Event};

/// jopt's help table for ConsoleConsumer, as Kafka 4.4 prints it.
const HELP: &str = include_str!("console_consumer_help.txt");
const USAGE: &str =
    "This tool helps to read data from Kafka topics and outputs it to standard output.";

pub(super) const SPECS: &[Spec] = &[
    opt("bootstrap-server", true),
    opt("command-config", true),
    opt("command-property", true),
    opt("consumer-property", true),
    opt("consumer.config", true),
    opt("enable-systest-events", false),
    opt("formatter", true),
    opt("formatter-config", true),
    opt("formatter-property", true),
    opt("from-beginning", false),
    opt("group", true),
    opt("include", true),
    opt("isolation-level", true),
    opt("key-deserializer", true),
    opt("max-messages", true),
    opt("offset", true),
    opt("partition", true),
    opt("property", true),
    opt("skip-message-on-error", false),
    opt("timeout-ms", true),
    opt("topic", true),
    opt("value-deserializer", true),
    opt("help", false),
    opt("version", false),
];

/// `DefaultMessageFormatter`'s settings.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Formatter {
    timestamp: bool,
    partition: bool,
    offset: bool,
    headers: bool,
    key: bool,
    value: bool,
    key_separator: String,
    line_separator: String,
    headers_separator: String,
    null_literal: String,
}

impl Formatter {
    fn new(props: &[(String, String)]) -> Formatter {
        let get = |n: &str| {
            props
                .iter()
                .rev()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.clone())
        };
        let on = |n: &str, default: bool| {
            get(n).map_or(default, |v| v.trim().eq_ignore_ascii_case("true"))
        };
        Formatter {
            timestamp: on("print.timestamp", false),
            partition: on("print.partition", false),
            offset: on("print.offset", false),
            headers: on("print.headers", false),
            key: on("print.key", false),
            value: on("print.value", true),
            key_separator: get("key.separator").unwrap_or_else(|| "\t".into()),
            line_separator: get("line.separator").unwrap_or_else(|| "\n".into()),
            headers_separator: get("headers.separator").unwrap_or_else(|| ",".into()),
            null_literal: get("null.literal").unwrap_or_else(|| "null".into()),
        }
    }

    /// `DefaultMessageFormatter#writeTo`: timestamp, partition, offset, headers, key,
    /// value, each followed by the key separator but the last, which the line separator
    /// follows.
    fn write(&self, out: &mut String, partition: u32, r: &Record) {
        let mut fields: Vec<String> = Vec::new();
        if self.timestamp {
            fields.push(format!("CreateTime:{}", r.timestamp));
        }
        if self.partition {
            fields.push(format!("Partition:{partition}"));
        }
        if self.offset {
            fields.push(format!("Offset:{}", r.offset));
        }
        if self.headers {
            fields.push(if r.headers.is_empty() {
                "NO_HEADERS".into()
            } else {
                r.headers
                    .iter()
                    .map(|(k, v)| format!("{k}:{v}"))
                    .collect::<Vec<_>>()
                    .join(&self.headers_separator)
            });
        }
        let text = |s: &Option<std::sync::Arc<str>>| {
            s.as_deref()
                .map_or(self.null_literal.clone(), str::to_string)
        };
        if self.key {
            fields.push(text(&r.key));
        }
        if self.value {
            fields.push(text(&r.value));
        }
        // writeSeparator: the last field printed ends the line; no field, no line.
        if fields.is_empty() {
            return;
        }
        out.push_str(&fields.join(&self.key_separator));
        out.push_str(&self.line_separator);
    }
}

/// Runs `kafka-console-consumer.sh ARGS` to its end, as a script does.
pub(super) fn run(cluster: &mut Cluster, args: &[String]) -> Output {
    match start(cluster, args) {
        Ok((session, mut out)) => {
            session.run_to_end(cluster, &mut out);
            out
        }
        Err(out) => out,
    }
}

/// Starts `kafka-console-consumer.sh ARGS`: its checks, then its consumer, created and
/// subscribed (or assigned) but not polled yet; or, when it does not start, everything it
/// printed.
pub(super) fn start(
    cluster: &mut Cluster,
    args: &[String],
) -> Result<(ConsumerSession, Output), Output> {
    let o = match jopt::parse(SPECS, args) {
        Ok(o) => o,
        Err(e) => return Err(Output::usage(&e.message, HELP)),
    };
    if let Some(out) = super::help_or_version(args, &o, USAGE, HELP) {
        return Err(out);
    }
    let mut out = Output::default();
    // KIP-1147 (4.2): the new names, the old ones with a notice; not both.
    for (old, new) in [
        ("consumer-property", "command-property"),
        ("consumer.config", "command-config"),
        ("property", "formatter-property"),
    ] {
        if o.has(old) && o.has(new) {
            return Err(Output::usage(
                &format!("Options --{old} and --{new} cannot be specified together."),
                HELP,
            ));
        }
    }
    for (old, new) in [
        ("consumer-property", "command-property"),
        ("consumer.config", "command-config"),
    ] {
        if o.has(old) {
            out.stdout.push_str(&format!(
                "Option --{old} is deprecated and will be removed in a future version. Use --{new} instead.\n"
            ));
        }
    }
    // ConsoleConsumerOptions#checkRequiredArgs and the rest, in its order.
    let first = |n: &str| o.values(n).first().map(|v| v.to_string());
    let topic = first("topic");
    if topic.is_some() == o.has("include") {
        return Err(Output::usage(
            "Exactly one of the following arguments is required: [topic], [include]",
            HELP,
        ));
    }
    if o.has("partition") && topic.is_none() {
        return Err(Output::usage(
            "The topic is required when partition is specified.",
            HELP,
        ));
    }
    if o.has("from-beginning") && o.has("offset") {
        return Err(Output::usage(
            "Options from-beginning and offset cannot be specified together.",
            HELP,
        ));
    }
    if o.has("offset") && !o.has("partition") {
        return Err(Output::usage(
            "The partition is required when offset is specified.",
            HELP,
        ));
    }
    if o.has("group") && o.has("partition") {
        return Err(Output::usage(
            "Options group and partition cannot be specified together.",
            HELP,
        ));
    }
    let offset = first("offset").unwrap_or_else(|| "latest".into());
    let start = match offset.as_str() {
        "earliest" => Start::Earliest,
        "latest" => Start::Latest,
        n => match n.parse::<i64>() {
            Ok(v) if v >= 0 => Start::At(v),
            _ => {
                return Err(Output::usage(
                    &format!("The provided offset value '{n}' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long."),
                    HELP))
            }
        },
    };
    if o.has("property") {
        out.stdout.push_str("Option --property is deprecated and will be removed in a future version. Use --formatter-property instead.\n");
    }
    let mut props = Vec::new();
    for p in o
        .values("formatter-property")
        .into_iter()
        .chain(o.values("property"))
    {
        if let Some((k, v)) = p.split_once('=') {
            props.push((k.to_string(), v.to_string()));
        }
    }
    let formatter = Formatter::new(&props);
    let number = |n: &str| first(n).and_then(|v| v.parse::<i64>().ok());
    let max = number("max-messages").filter(|m| *m >= 0);
    let timeout = number("timeout-ms");
    let isolation = first("isolation-level").unwrap_or_else(|| "read_uncommitted".into());
    if isolation != "read_uncommitted" && isolation != "read_committed" {
        out.stderr.push_str(&format!("Unknown error when running consumer: \norg.apache.kafka.common.config.ConfigException: Invalid value {isolation} for configuration isolation.level: String must be one of: read_committed, read_uncommitted\n"));
        out.exit_code = 1;
        return Err(out);
    }
    let Some(topic) = topic else {
        out.stderr.push_str("Unknown error when running consumer: \njava.lang.UnsupportedOperationException: --include is not modelled by this playground yet\n");
        out.exit_code = 1;
        return Err(out);
    };
    let partition = number("partition");
    let group = first("group");
    let read = Read {
        topic,
        max,
        timeout,
        formatter,
    };
    let way = match partition {
        Some(p) => Way::Assigned {
            partition: p,
            next: None,
            start,
        },
        None => {
            let n_consumers = cluster.consumers.len();
            let name = format!("console-consumer-{}", n_consumers + 1);
            let commit = group.is_some();
            let group =
                group.unwrap_or_else(|| format!("console-consumer-{}", 10_000 + n_consumers));
            let reset = if o.has("from-beginning") {
                "earliest"
            } else {
                "latest"
            };
            let setup = format!(
                "create-consumer {name} group={group} auto.offset.reset={reset} enable.auto.commit={commit} isolation.level={isolation} client.id=console-consumer\nsubscribe {name} topics={}",
                read.topic
            );
            // Kafka 4.4's classic-protocol consumer in a group says this on standard error.
            out.stderr.push_str(KIP_848_NOTICE);
            if let Err((_, e)) = cluster.apply_script(&setup) {
                out.stderr.push_str(&format!(
                    "Unknown error when running consumer: \n{}: {}\n",
                    super::java_class(e.kind),
                    e.message
                ));
                out.exit_code = 1;
                return Err(out);
            }
            Way::Subscribed { name }
        }
    };
    Ok((
        ConsumerSession {
            read,
            way,
            processed: 0,
            idle_ms: 0,
            unconsumed: Vec::new(),
        },
        out,
    ))
}

/// `--offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    Earliest,
    Latest,
    At(i64),
}

/// What a run reads and prints.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Read {
    topic: String,
    max: Option<i64>,
    timeout: Option<i64>,
    formatter: Formatter,
}

/// How it reads.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Way {
    /// `--partition P`: `assign` and `seek`, no group (reads as fetches do); `next` is
    /// the offset to fetch, found from `start` on the first fetch.
    Assigned {
        partition: i64,
        next: Option<i64>,
        start: Start,
    },
    /// `subscribe`: a member of `--group` (committing as it closes), or of a group of its
    /// own that commits nothing; `name` is its consumer in the engine.
    Subscribed { name: String },
}

/// What a 4.4 consumer on the classic group protocol prints as it starts in a group.
const KIP_848_NOTICE: &str = "The consumer rebalance protocol (KIP-848) is production-ready! Set group.protocol=consumer to try it out. See https://kafka.apache.org/documentation/#consumer_rebalance_protocol\n";

/// The engine's clock step between empty polls.
const POLL_WAIT_MS: i64 = 100;
/// A run gives up after this many empty polls in a row when no `--timeout-ms` bounds it
/// (it has read everything there is).
const CAUGHT_UP_POLLS: u32 = 3;
/// A running consumer polls at most this many times a step (each poll returns up to
/// `max.poll.records`), as a real one polls again and again while time passes.
const POLLS_A_STEP: u32 = 20;

/// A console consumer that keeps running: started by [`start`], then polled as the
/// console's clock runs ([`ConsumerSession::pass`]) until `--max-messages` are printed,
/// `--timeout-ms` passes with nothing to read, or Ctrl+C ([`ConsumerSession::stop`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsumerSession {
    read: Read,
    way: Way,
    processed: i64,
    /// How long it has polled without a record, on the engine's clock.
    idle_ms: i64,
    /// `ConsumerWrapper#resetUnconsumedOffsets`: the first record polled and not printed
    /// of each partition (after `--max-messages`), to seek back to before closing.
    unconsumed: Vec<(std::sync::Arc<str>, u32, i64)>,
}

impl ConsumerSession {
    /// The topic it reads.
    pub fn topic(&self) -> &str {
        &self.read.topic
    }

    /// The records it has printed so far.
    pub fn processed(&self) -> i64 {
        self.processed
    }

    /// Whether `--max-messages` are printed.
    fn full(&self) -> bool {
        self.read.max.is_some_and(|m| self.processed >= m)
    }

    /// One poll (or, assigned, one fetch), printing what it returns: the number of
    /// records it returned, printed or not.
    fn poll(&mut self, cluster: &mut Cluster, out: &mut Output) -> usize {
        match &mut self.way {
            Way::Assigned {
                partition,
                next,
                start,
            } => {
                let p = *partition;
                let Some(log) = cluster.log(&self.read.topic, p as u32) else {
                    return 0;
                };
                let from = *next.get_or_insert(match *start {
                    Start::Earliest => log.log_start_offset(),
                    Start::Latest => log.high_watermark(),
                    Start::At(o) => o,
                });
                let fetch = Command::Fetch {
                    reader: Some("console-consumer".into()),
                    topic: self.read.topic.clone(),
                    partition: p as i32,
                    offset: from,
                    max: None,
                };
                let offsets: Vec<i64> = match cluster.apply(&fetch) {
                    Ok(events) => {
                        out.events.extend(events.iter().cloned());
                        events
                            .iter()
                            .find_map(|e| match e {
                                Event::RecordsFetched {
                                    offsets,
                                    next_offset,
                                    ..
                                } => {
                                    *next = Some(*next_offset);
                                    Some(offsets.clone())
                                }
                                _ => None,
                            })
                            .unwrap_or_default()
                    }
                    Err(_) => Vec::new(),
                };
                for offset in &offsets {
                    if self.read.max.is_some_and(|m| self.processed >= m) {
                        break;
                    }
                    if let Some(r) = cluster
                        .log(&self.read.topic, p as u32)
                        .and_then(|l| l.record(*offset))
                    {
                        self.read.formatter.write(&mut out.stdout, p as u32, r);
                        self.processed += 1;
                    }
                }
                offsets.len()
            }
            Way::Subscribed { name } => {
                let polled: Vec<(std::sync::Arc<str>, u32, i64)> =
                    match cluster.apply(&Command::Poll {
                        consumer: name.clone(),
                    }) {
                        Ok(events) => {
                            out.events.extend(events.iter().cloned());
                            events
                                .iter()
                                .filter_map(|e| match e {
                                    Event::RecordsPolled { records, .. } => Some(records.clone()),
                                    _ => None,
                                })
                                .flatten()
                                .collect()
                        }
                        Err(_) => Vec::new(),
                    };
                let n = polled.len();
                for (t, p, offset) in polled {
                    if self.read.max.is_some_and(|m| self.processed >= m) {
                        if !self
                            .unconsumed
                            .iter()
                            .any(|(ut, up, _)| *ut == t && *up == p)
                        {
                            self.unconsumed.push((t, p, offset));
                        }
                        continue;
                    }
                    if let Some(r) = cluster.log(&t, p).and_then(|l| l.record(offset)) {
                        self.read.formatter.write(&mut out.stdout, p, r);
                        self.processed += 1;
                    }
                }
                n
            }
        }
    }

    /// Runs it as a script runs it, to its end before the next line: polling, and
    /// letting the engine's clock run while there is nothing to read, until
    /// `--max-messages`, `--timeout-ms`, or (neither given) it has read everything there is,
    /// as if Ctrl+C came then.
    fn run_to_end(mut self, cluster: &mut Cluster, out: &mut Output) {
        // An assigned partition that does not exist: nothing to read, and no wait.
        if let Way::Assigned { partition, .. } = self.way {
            if cluster.log(&self.read.topic, partition as u32).is_none() {
                let timed_out = self.read.timeout.is_some();
                self.end(cluster, out, timed_out);
                return;
            }
        }
        let mut empty = 0u32;
        while !self.full() {
            if self.poll(cluster, out) > 0 {
                (self.idle_ms, empty) = (0, 0);
                continue;
            }
            empty += 1;
            match self.read.timeout {
                Some(t) if self.idle_ms >= t => {
                    self.end(cluster, out, true);
                    return;
                }
                Some(_) => {}
                None if empty >= CAUGHT_UP_POLLS => break,
                None => {}
            }
            let wait = self
                .read
                .timeout
                .map_or(POLL_WAIT_MS, |t| (t - self.idle_ms).clamp(1, POLL_WAIT_MS));
            let _ = cluster.apply(&Command::Tick { ms: wait });
            self.idle_ms += wait;
        }
        self.end(cluster, out, false);
    }

    /// Lets `elapsed_ms` of the engine's clock pass for a consumer that keeps running
    /// (the console's line or tick has already moved the clock): it polls until a poll
    /// returns nothing, printing into `out` as records arrive. True when that ends it
    /// (`--max-messages` printed, or `--timeout-ms` passed with nothing to read): it has
    /// closed and printed its total, and the caller drops it.
    pub fn pass(&mut self, cluster: &mut Cluster, elapsed_ms: i64, out: &mut Output) -> bool {
        let mut got = false;
        for _ in 0..POLLS_A_STEP {
            if self.full() || self.poll(cluster, out) == 0 {
                break;
            }
            got = true;
        }
        if got {
            self.idle_ms = 0;
        } else {
            self.idle_ms += elapsed_ms;
        }
        if self.full() {
            self.end(cluster, out, false);
            return true;
        }
        if self.read.timeout.is_some_and(|t| self.idle_ms >= t) {
            self.end(cluster, out, true);
            return true;
        }
        false
    }

    /// Ctrl+C: the shutdown hook wakes the consumer, which closes (committing, in a group
    /// with `--group`), and the tool prints its total.
    pub fn stop(self, cluster: &mut Cluster, out: &mut Output) {
        self.end(cluster, out, false);
    }

    /// `ConsoleConsumer#process` ends: seek back to what was not printed, close, and the
    /// total (after the `TimeoutException` when `--timeout-ms` passed).
    fn end(&self, cluster: &mut Cluster, out: &mut Output, timed_out: bool) {
        if let Way::Subscribed { name } = &self.way {
            for (t, p, offset) in &self.unconsumed {
                let seek = Command::Seek {
                    consumer: name.clone(),
                    topic: t.to_string(),
                    partition: *p,
                    offset: *offset,
                };
                if let Ok(events) = cluster.apply(&seek) {
                    out.events.extend(events);
                }
            }
            if let Ok(events) = cluster.apply(&Command::Close {
                consumer: name.clone(),
            }) {
                out.events.extend(events);
            }
        }
        if timed_out {
            let mut line = log_line(
                cluster.now_ms(),
                "ERROR",
                "Error processing message, terminating consumer process: ",
                "org.apache.kafka.tools.consumer.ConsoleConsumer",
            );
            line.push_str("org.apache.kafka.common.errors.TimeoutException\n");
            out.stderr.push_str(&line);
        }
        out.stderr.push_str(&format!(
            "Processed a total of {} messages\n",
            self.processed
        ));
    }
}
