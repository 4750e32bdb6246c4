//! `kafka-console-producer.sh` (`tools/.../ConsoleProducer.java`, `LineMessageReader`):
//! its options (with 4.2's KIP-1147 names and the warnings for the old ones), then one
//! record per line of standard input, sent through the engine's producer.
//!
//! A session outlives the command line that starts it: the console feeds it each line
//! typed until end of input (Ctrl+D), as the real tool reads a terminal. The producer is
//! the engine's one producer, with its settings (`set-producer`); the tool's own producer
//! options are read and checked but do not change them.

use std::sync::Arc;

use super::jopt::{self, opt, opt_optional, Spec};
use super::{log_line, Output};
use crate::{Cluster, Command, Produce};

/// jopt's help table for ConsoleProducer, as Kafka 4.4 prints it.
const HELP: &str = include_str!("console_producer_help.txt");
const USAGE: &str = "This tool helps to read data from standard input and publish it to Kafka.";

pub(super) const SPECS: &[Spec] = &[
    opt("batch-size", true),
    opt("bootstrap-server", true),
    opt("command-config", true),
    opt("command-property", true),
    opt_optional("compression-codec"),
    opt("line-reader", true),
    opt("max-block-ms", true),
    opt("max-memory-bytes", true),
    opt("max-partition-memory-bytes", true),
    opt("message-send-max-retries", true),
    opt("metadata-expiry-ms", true),
    opt("producer-property", true),
    opt("producer.config", true),
    opt("property", true),
    opt("reader-config", true),
    opt("reader-property", true),
    opt("request-required-acks", true),
    opt("request-timeout-ms", true),
    opt("retry-backoff-ms", true),
    opt("socket-buffer-size", true),
    opt("sync", false),
    opt("timeout", true),
    opt("topic", true),
    opt("help", false),
    opt("version", false),
];

/// A running console producer: `LineMessageReader`'s settings and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProducerSession {
    topic: Arc<str>,
    parse_key: bool,
    key_separator: String,
    parse_headers: bool,
    headers_delimiter: String,
    headers_separator: String,
    headers_key_separator: String,
    ignore_error: bool,
    null_marker: Option<String>,
    sync: bool,
    line_number: u32,
}

impl ProducerSession {
    /// The topic it writes to.
    pub fn topic(&self) -> &str {
        &self.topic
    }
}

/// `KafkaException` thrown while reading: `start()`'s `e.printStackTrace()` (frames left
/// out), exit 1.
fn stack_trace(class: &str, message: &str) -> Output {
    Output {
        stderr: format!("{class}: {message}\n"),
        exit_code: 1,
        ..Output::default()
    }
}

/// Starts `kafka-console-producer.sh ARGS`: the session, with what it printed on the
/// way (deprecation warnings); or, when it does not start, everything it printed.
pub(super) fn start(args: &[String]) -> Result<(ProducerSession, Output), Output> {
    let o = match jopt::parse(SPECS, args) {
        Ok(o) => o,
        // ConsoleProducerOptions: a parse error is a usage error.
        Err(e) => return Err(Output::usage(&e.message, HELP)),
    };
    if args.is_empty() || o.has("help") {
        return Err(Output::usage(USAGE, HELP));
    }
    if o.has("version") {
        return Err(Output {
            stdout: format!("{}\n", crate::kafka_version()),
            ..Output::default()
        });
    }
    let Some(topic) = o.values("topic").first().map(|t| t.to_string()) else {
        return Err(Output::usage("Missing required argument \"[topic]\"", HELP));
    };
    // KIP-1147 (4.2): the new names, and the old ones with a warning; not both.
    for (new, old) in [
        ("command-config", "producer.config"),
        ("command-property", "producer-property"),
        ("reader-property", "property"),
    ] {
        if o.has(new) && o.has(old) {
            return Err(Output::usage(
                &format!("Options --{new} and --{old} cannot be specified together."),
                HELP,
            ));
        }
    }
    let mut out = Output::default();
    for (old, new) in [
        ("producer-property", "command-property"),
        ("producer.config", "command-config"),
        ("property", "reader-property"),
    ] {
        if o.has(old) {
            out.stdout.push_str(&format!(
                "Warning: --{old} is deprecated and will be removed in a future version. Use --{new} instead.\n"
            ));
        }
    }
    if o.has("max-partition-memory-bytes") {
        out.stdout.push_str("Warning: --max-partition-memory-bytes is deprecated and will be removed in Apache Kafka 5.0. Use --batch-size instead.\n");
    }
    // The reader's properties: --reader-property (or --property), name=value.
    let mut props: Vec<(String, String)> = Vec::new();
    for p in o
        .values("reader-property")
        .into_iter()
        .chain(o.values("property"))
    {
        if let Some((k, v)) = p.split_once('=') {
            props.push((k.to_string(), v.to_string()));
        }
    }
    let get = |name: &str| {
        props
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let truthy = |name: &str| get(name).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    let s = ProducerSession {
        topic: Arc::from(topic.as_str()),
        parse_key: truthy("parse.key"),
        key_separator: get("key.separator").unwrap_or_else(|| "\t".into()),
        parse_headers: truthy("parse.headers"),
        headers_delimiter: get("headers.delimiter").unwrap_or_else(|| "\t".into()),
        headers_separator: get("headers.separator").unwrap_or_else(|| ",".into()),
        headers_key_separator: get("headers.key.separator").unwrap_or_else(|| ":".into()),
        ignore_error: truthy("ignore.error"),
        null_marker: get("null.marker"),
        sync: o.has("sync"),
        line_number: 0,
    };
    // LineMessageReader#configure.
    let clash = |a: &str, b: &str, x: &str, y: &str| {
        (x == y).then(|| format!("{a} and {b} may not be equal"))
    };
    let marker = s.null_marker.as_deref();
    let clashes = [
        clash(
            "headers.delimiter",
            "headers.separator",
            &s.headers_delimiter,
            &s.headers_separator,
        ),
        clash(
            "headers.delimiter",
            "headers.key.separator",
            &s.headers_delimiter,
            &s.headers_key_separator,
        ),
        clash(
            "headers.separator",
            "headers.key.separator",
            &s.headers_separator,
            &s.headers_key_separator,
        ),
        marker.and_then(|m| clash("null.marker", "key.separator", &s.key_separator, m)),
        marker.and_then(|m| clash("null.marker", "headers.separator", &s.headers_separator, m)),
        marker.and_then(|m| clash("null.marker", "headers.delimiter", &s.headers_delimiter, m)),
        marker.and_then(|m| {
            clash(
                "null.marker",
                "headers.key.separator",
                &s.headers_key_separator,
                m,
            )
        }),
    ];
    if let Some(m) = clashes.into_iter().flatten().next() {
        let mut failed = stack_trace("org.apache.kafka.common.KafkaException", &m);
        failed.stdout = out.stdout;
        return Err(failed);
    }
    // Then the KafkaProducer: `compression.type` is the codec (gzip when the option has
    // no value, `ConsoleProducerOptions#compressionCodec`), and its ConfigDef refuses a
    // name it does not know. Compression itself changes nothing the engine models.
    if o.has("compression-codec") {
        let codec = o
            .values("compression-codec")
            .last()
            .copied()
            .unwrap_or("gzip");
        if !["none", "gzip", "snappy", "lz4", "zstd"].contains(&codec) {
            let mut failed = stack_trace(
                "org.apache.kafka.common.config.ConfigException",
                &format!("Invalid value {codec} for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd"),
            );
            failed.stdout = out.stdout;
            return Err(failed);
        }
    }
    Ok((s, out))
}

impl ProducerSession {
    /// `LineMessageReader#parse`: the text before `sep` from `start`, when enabled.
    fn parse(
        &self,
        on: bool,
        line: &str,
        start: usize,
        sep: &str,
        what: &str,
    ) -> Result<Option<String>, String> {
        if !on {
            return Ok(None);
        }
        match line[start..].find(sep) {
            Some(i) => Ok(Some(line[start..start + i].to_string())),
            None if self.ignore_error => Ok(None),
            None => Err(format!(
                "No {what} found on line number {}: '{line}'",
                self.line_number
            )),
        }
    }

    /// One line of standard input: its record, sent. `Err` when the tool stops on it
    /// (what it printed, exit 1); the session is over then.
    pub fn line(&mut self, cluster: &mut Cluster, line: &str) -> Result<Output, Output> {
        self.line_number += 1;
        let fail = |m: String| stack_trace("org.apache.kafka.common.KafkaException", &m);
        let headers = self
            .parse(
                self.parse_headers,
                line,
                0,
                &self.headers_delimiter,
                "headers delimiter",
            )
            .map_err(fail)?;
        let header_offset = headers
            .as_ref()
            .map_or(0, |h| h.len() + self.headers_delimiter.len());
        let key = self
            .parse(
                self.parse_key,
                line,
                header_offset,
                &self.key_separator,
                "key separator",
            )
            .map_err(fail)?;
        let key_offset = key
            .as_ref()
            .map_or(0, |k| k.len() + self.key_separator.len());
        let value = &line[header_offset + key_offset..];
        let marker = self.null_marker.as_deref();
        let not_null = |s: &str| (Some(s) != marker).then(|| Arc::from(s));
        let mut parsed_headers = Vec::new();
        if let Some(h) = headers.as_deref().filter(|h| Some(*h) != marker) {
            for pair in h.split(self.headers_separator.as_str()) {
                match pair.find(self.headers_key_separator.as_str()) {
                    Some(i) => {
                        let k = &pair[..i];
                        if Some(k) == marker {
                            return Err(fail(format!("Header keys should not be equal to the null marker '{}' as they can't be null", k)));
                        }
                        let v = &pair[i + self.headers_key_separator.len()..];
                        parsed_headers.push((Arc::from(k), Arc::from(v)));
                    }
                    None if self.ignore_error => {
                        parsed_headers.push((Arc::from(pair), Arc::from("")))
                    }
                    None => {
                        return Err(fail(format!(
                            "No header key separator found in pair '{pair}' on line number {}",
                            self.line_number
                        )))
                    }
                }
            }
        }
        let produce = Produce {
            topic: self.topic.clone(),
            key: key.as_deref().and_then(not_null),
            value: not_null(value),
            partition: None,
            partitioner: None,
            headers: parsed_headers,
            fault: None,
            sequence: None,
            timestamp: None,
        };
        let mut out = Output::default();
        match cluster.apply(&Command::Produce(produce.clone())) {
            Ok(events) => {
                // A send the producer saw fail (after retries) is the callback's error.
                if let Some(error) = events.iter().find_map(|e| match e {
                    crate::Event::SendFailed { error, .. } => Some(error.clone()),
                    _ => None,
                }) {
                    out = self.send_failed(cluster, &produce, &error)?;
                }
                out.events = events;
                Ok(out)
            }
            Err(error) => self.send_failed(cluster, &produce, &error),
        }
    }

    /// A send that failed: with `--sync` the tool stops on the exception; otherwise
    /// `ErrorLoggingCallback` logs it and reading goes on.
    fn send_failed(
        &self,
        cluster: &Cluster,
        p: &Produce,
        error: &crate::KafkaError,
    ) -> Result<Output, Output> {
        let class = super::java_class(error.kind);
        if self.sync {
            return Err(Output {
                stderr: format!(
                    "java.util.concurrent.ExecutionException: {class}: {m}\nCaused by: {class}: {m}\n",
                    m = error.message
                ),
                exit_code: 1,
                ..Output::default()
            });
        }
        let bytes = |s: &Option<Arc<str>>| {
            s.as_ref()
                .map_or("null".to_string(), |s| format!("{} bytes", s.len()))
        };
        let message = format!(
            "Error when sending message to topic {} with key: {}, value: {} with error:",
            p.topic,
            bytes(&p.key),
            bytes(&p.value)
        );
        let mut line = log_line(
            cluster.now_ms(),
            "ERROR",
            &message,
            "org.apache.kafka.clients.producer.internals.ErrorLoggingCallback",
        );
        line.push_str(&format!("{class}: {}\n", error.message));
        Ok(Output {
            stderr: line,
            ..Output::default()
        })
    }
}

/// Runs the tool on `input` as its standard input, to its end: what a pipe does.
pub(super) fn run_with_input(cluster: &mut Cluster, args: &[String], input: &[String]) -> Output {
    match start(args) {
        Ok((session, out)) => session.feed(cluster, input, out, |_, _| {}),
        Err(out) => out,
    }
}

impl ProducerSession {
    /// Reads `input` to its end (or to the line it stops on), adding what each line
    /// printed to `out`; `after` runs after each line sent, with the engine's clock before
    /// it (a script's running console consumers let that time pass).
    pub(super) fn feed(
        mut self,
        cluster: &mut Cluster,
        input: &[String],
        mut out: Output,
        mut after: impl FnMut(&mut Cluster, i64),
    ) -> Output {
        for line in input {
            let before = cluster.now_ms();
            match self.line(cluster, line) {
                Ok(o) => {
                    out.stdout.push_str(&o.stdout);
                    out.stderr.push_str(&o.stderr);
                    out.events.extend(o.events);
                    after(cluster, before);
                }
                Err(o) => {
                    out.stdout.push_str(&o.stdout);
                    out.stderr.push_str(&o.stderr);
                    out.exit_code = o.exit_code;
                    return out;
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn a_line_is_a_record_with_the_key_before_the_separator() {
        let mut c = Cluster::default();
        c.apply_script("create-topic t partitions=3").unwrap();
        let out = run_with_input(
            &mut c,
            &args("--topic t --reader-property parse.key=true --reader-property key.separator=:"),
            &["alice:1".into(), "bob:2".into()],
        );
        assert_eq!(
            (out.stdout.as_str(), out.stderr.as_str(), out.exit_code),
            ("", "", 0)
        );
        let keys: Vec<String> = c
            .topic("t")
            .unwrap()
            .partitions
            .iter()
            .flat_map(|p| {
                p.log()
                    .records()
                    .iter()
                    .map(|r| r.key.as_deref().unwrap_or("-").to_string())
            })
            .collect();
        assert_eq!(keys.len(), 2);
        assert!(keys.contains(&"alice".to_string()));
    }

    #[test]
    fn a_line_without_the_separator_stops_the_tool() {
        let mut c = Cluster::default();
        c.apply_script("create-topic t").unwrap();
        let out = run_with_input(
            &mut c,
            &args("--topic t --property parse.key=true"),
            &["k\tv".into(), "nokey".into(), "k\tlater".into()],
        );
        assert_eq!(out.stdout, "Warning: --property is deprecated and will be removed in a future version. Use --reader-property instead.\n");
        assert_eq!(
            out.stderr,
            "org.apache.kafka.common.KafkaException: No key separator found on line number 2: 'nokey'\n"
        );
        assert_eq!(out.exit_code, 1);
        assert_eq!(
            c.log("t", 0).unwrap().records().len(),
            1,
            "the third line is never read"
        );
    }
}
