//! Kafka's command-line tools on the engine: a line as a learner types it at a console
//! (`kafka-topics.sh --create --topic demo --partitions 3`), run against a [`Cluster`], and
//! what the real tool prints for it, errors included, with its exit code.
//!
//! The text is Kafka 4.4's own, checked against the real tools on a real cluster by
//! `scripts/crosscheck.sh --cli` (`crosscheck/cli/*.txt`, `CliCapture.java`). What the
//! console does not print that a terminal would: Java stack frames (`\tat ...` lines) under
//! an exception, and the tool's JVM start-up. `--bootstrap-server` is accepted and may be
//! left out: the console talks to the cluster on screen.
//!
//! Each tool is one module: `topics.rs` is `kafka-topics.sh` (`TopicCommand.java`),
//! `get_offsets.rs` is `kafka-get-offsets.sh` (`GetOffsetShell.java`),
//! `leader_election.rs` is `kafka-leader-election.sh` (`LeaderElectionCommand.java`),
//! `console_producer.rs` is `kafka-console-producer.sh` (`ConsoleProducer.java`),
//! `console_consumer.rs` is `kafka-console-consumer.sh` (`ConsoleConsumer.java`),
//! `consumer_groups.rs` is `kafka-consumer-groups.sh` (`ConsumerGroupCommand.java`),
//! `metadata_quorum.rs` is `kafka-metadata-quorum.sh` (`MetadataQuorumCommand.java`, which
//! parses with argparse4j, not jopt).
//! `jopt.rs` is the option parser they share (jopt-simple, as `CommandDefaultOptions`
//! configures it).

mod console_consumer;
mod console_producer;
mod consumer_groups;
mod get_offsets;
mod include_list;
pub mod jobs;
mod jopt;
mod leader_election;
mod metadata_quorum;
mod topics;

pub use console_consumer::ConsumerSession;
pub use console_producer::ProducerSession;
pub use jobs::{Job, JobOutput, Jobs};

use crate::error::{ErrorKind, KafkaError};
use crate::event::Event;
use crate::Cluster;

/// What one invocation printed, and what it did to the cluster.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// The process's exit status.
    pub exit_code: i32,
    /// The engine's events for what the invocation changed.
    pub events: Vec<Event>,
}

impl Output {
    fn usage(message: &str, help: &str) -> Output {
        // CommandLineUtils#printUsageAndExit: the message, jopt's help table, exit 1.
        Output {
            stderr: format!("{message}\n{help}"),
            exit_code: 1,
            ..Output::default()
        }
    }
}

/// The tools the console knows, by the name typed (with or without `.sh`).
pub const TOOLS: &[&str] = &[
    "kafka-topics.sh",
    "kafka-get-offsets.sh",
    "kafka-leader-election.sh",
    "kafka-console-producer.sh",
    "kafka-console-consumer.sh",
    "kafka-consumer-groups.sh",
    "kafka-metadata-quorum.sh",
];

/// The long options of `tool` (as typed, with or without `.sh`), for completion.
pub fn options(tool: &str) -> Vec<&'static str> {
    match tool.strip_suffix(".sh").unwrap_or(tool) {
        "kafka-topics" => jopt::names(topics::SPECS),
        "kafka-get-offsets" => jopt::names(get_offsets::SPECS),
        "kafka-leader-election" => jopt::names(leader_election::SPECS),
        "kafka-console-producer" => jopt::names(console_producer::SPECS),
        "kafka-console-consumer" => jopt::names(console_consumer::SPECS),
        "kafka-consumer-groups" => jopt::names(consumer_groups::SPECS),
        "kafka-metadata-quorum" => metadata_quorum::OPTIONS.to_vec(),
        _ => Vec::new(),
    }
}

/// Runs one console line on `cluster`.
pub fn run(cluster: &mut Cluster, line: &str) -> Output {
    run_with_input(cluster, line, &[])
}

/// Starts a console producer typed at an interactive console: the session the console
/// then feeds each line to (`ProducerSession::line`), with what it printed on starting;
/// or, when the line is not a console producer that starts, `None`.
pub fn start_producer(line: &str) -> Option<Result<(ProducerSession, Output), Output>> {
    let words = split(line).ok()?;
    let (tool, args) = words.split_first()?;
    (tool.strip_suffix(".sh").unwrap_or(tool) == "kafka-console-producer")
        .then(|| console_producer::start(args))
}

/// Starts a console consumer typed at an interactive console, which keeps running beside
/// the prompt as in a terminal of its own: the session the console then lets time pass
/// for (`ConsumerSession::pass`) until it ends or Ctrl+C stops it, with what it printed
/// on starting; or, when the line is not a console consumer that starts, `None`.
/// (A script, [`run`] and [`transcript`], runs it to its end before the next line.)
pub fn start_consumer(
    cluster: &mut Cluster,
    line: &str,
) -> Option<Result<(ConsumerSession, Output), Output>> {
    let words = split(line).ok()?;
    let (tool, args) = words.split_first()?;
    (tool.strip_suffix(".sh").unwrap_or(tool) == "kafka-console-consumer")
        .then(|| console_consumer::start(cluster, args))
}

/// Whether `line` runs `kafka-console-consumer.sh`.
pub fn start_consumer_line(line: &str) -> bool {
    line.split_whitespace()
        .next()
        .is_some_and(|t| t.strip_suffix(".sh").unwrap_or(t) == "kafka-console-consumer")
}

/// What a console types for Ctrl+C: it stops the newest console consumer running
/// ([`jobs`]); with none running, it does nothing.
pub const INTERRUPT: &str = "^C";

/// Runs one console line with `input` as its standard input (a pipe: read to its end).
pub fn run_with_input(cluster: &mut Cluster, line: &str, input: &[String]) -> Output {
    let words = match split(line) {
        Ok(w) => w,
        Err(e) => {
            return Output {
                stderr: format!("bash: {e}\n"),
                exit_code: 2,
                ..Output::default()
            }
        }
    };
    let Some((tool, args)) = words.split_first() else {
        return Output::default();
    };
    match tool.strip_suffix(".sh").unwrap_or(tool) {
        "kafka-topics" => topics::run(cluster, args),
        "kafka-get-offsets" => get_offsets::run(cluster, args),
        "kafka-leader-election" => leader_election::run(cluster, args),
        "kafka-console-producer" => console_producer::run_with_input(cluster, args, input),
        "kafka-console-consumer" => console_consumer::run(cluster, args),
        "kafka-consumer-groups" => consumer_groups::run(cluster, args),
        "kafka-metadata-quorum" => metadata_quorum::run(cluster, args),
        _ => Output {
            stderr: format!("bash: {tool}: command not found\n"),
            exit_code: 127,
            ..Output::default()
        },
    }
}

/// Splits a line into words as a POSIX shell does: whitespace between words, `'...'`
/// literal, `"..."` with `\"` and `\\`, a backslash outside quotes taking the next
/// character as it is.
pub fn split(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut w = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(x) => w.push(x),
                        None => return Err("unexpected EOF while looking for matching `''".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(x @ ('"' | '\\' | '$' | '`')) => w.push(x),
                            Some(x) => {
                                w.push('\\');
                                w.push(x);
                            }
                            None => {
                                return Err("unexpected EOF while looking for matching `\"'".into())
                            }
                        },
                        Some(x) => w.push(x),
                        None => return Err("unexpected EOF while looking for matching `\"'".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(x) = chars.next() {
                    w.push(x);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut w));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                w.push(c);
            }
        }
    }
    if in_word {
        words.push(w);
    }
    Ok(words)
}

/// `CommandLineUtils#maybePrintHelpOrVersion` for a tool that takes no arguments as a
/// request for help: the usage, or the version, or `None` to go on.
fn help_or_version(args: &[String], o: &jopt::Parsed, usage: &str, help: &str) -> Option<Output> {
    if args.is_empty() || o.has("help") {
        return Some(Output::usage(usage, help));
    }
    o.has("version").then(|| Output {
        stdout: format!("{}\n", crate::kafka_version()),
        ..Output::default()
    })
}

/// The Java class of an error, as a stack trace names it.
fn java_class(kind: ErrorKind) -> String {
    match kind {
        ErrorKind::IllegalArgumentException | ErrorKind::CommandSyntaxError => {
            "java.lang.IllegalArgumentException".into()
        }
        ErrorKind::IllegalStateException => "java.lang.IllegalStateException".into(),
        ErrorKind::UnsupportedOperationException => {
            "java.lang.UnsupportedOperationException".into()
        }
        ErrorKind::ConfigException => "org.apache.kafka.common.config.ConfigException".into(),
        ErrorKind::KafkaException => "org.apache.kafka.common.KafkaException".into(),
        other => format!("org.apache.kafka.common.errors.{}", other.name()),
    }
}

/// An exception as `Utils.stackTrace` prints it, without the frames: its class and
/// message, then each cause's.
fn trace(class: &str, message: &str, causes: &[(&str, &str)]) -> String {
    let mut s = format!("{class}: {message}\n");
    for (c, m) in causes {
        s.push_str(&format!("Caused by: {c}: {m}\n"));
    }
    s
}

/// A log line as `config/tools-log4j2.yaml` lays it out, `[%d] %p %m (%c)%n`, at the
/// engine's clock (milliseconds since the epoch).
fn log_line(now_ms: i64, level: &str, message: &str, logger: &str) -> String {
    format!("[{}] {level} {message} ({logger})\n", log4j_date(now_ms))
}

/// log4j2's default `%d`: `yyyy-MM-dd HH:mm:ss,SSS`, here in UTC.
fn log4j_date(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rem = ms.rem_euclid(86_400_000);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02},{:03}",
        rem / 3_600_000,
        rem / 60_000 % 60,
        rem / 1000 % 60,
        rem % 1000
    )
}

/// A console error that is not Kafka's: something the playground does not model.
fn not_modelled(what: &str) -> KafkaError {
    KafkaError::new(
        ErrorKind::UnsupportedOperationException,
        format!("{what} is not modelled by this playground yet"),
    )
}

/// Runs every line of a console script (blank lines and `#` comments skipped; a line
/// `! COMMAND` applies an engine command, such as `! kill-broker id=3`) on
/// `cluster`, one after the other, and prints each as `CliCapture.java` prints the real
/// tool's: `$ LINE`, `[exit N]`, `--- stdout`, ..., `--- stderr`, ..., `--- end`.
///
/// A console consumer runs to its end before the next line, as the real tool run from a
/// script does, unless its line ends with ` &`: then it runs beside the lines after it
/// ([`jobs`]), each followed by what it printed meanwhile (`[1] LINE`, `--- stdout`, ...),
/// until it ends or a line `^C` stops it, as in the sandbox.
pub fn transcript(cluster: &mut Cluster, script: &str) -> String {
    let mut s = String::new();
    let mut jobs = Jobs::default();
    let all: Vec<&str> = script.lines().collect();
    for (n, raw) in all.iter().enumerate() {
        // `| TEXT` lines are the standard input of the invocation above them.
        if raw.starts_with("| ") {
            continue;
        }
        let line = raw.trim();
        // The `cluster` line is the caller's: it built `cluster`.
        if line.is_empty() || line.starts_with('#') || crate::script::is_header(line) {
            continue;
        }
        let before = cluster.now_ms();
        let mut events = Vec::new();
        if line == INTERRUPT {
            s.push_str("$ ^C\n");
            if let Some(out) = jobs.interrupt(cluster, &mut events) {
                job_block(&mut s, &out);
            }
            continue;
        }
        let input: Vec<&str> = all[n + 1..]
            .iter()
            .take_while(|l| l.starts_with("| "))
            .copied()
            .collect();
        // `! COMMAND`: the cluster changes between invocations (engine grammar).
        if let Some(command) = line.strip_prefix("! ") {
            if let Err(e) = cluster.apply_script(command) {
                s.push_str(&format!("! {command}: refused: {}\n", e.1));
            } else {
                s.push_str(&format!("{line}\n"));
            }
        } else {
            let stdin: Vec<String> = input.iter().map(|l| l[2..].to_string()).collect();
            let out = if jobs::background(line).1 {
                jobs::start(cluster, &mut jobs, line).unwrap_or_else(|| run(cluster, line))
            } else if jobs.0.is_empty() {
                run_with_input(cluster, line, &stdin)
            } else {
                // Jobs run beside a console producer's input too: each line one pass,
                // as the sandbox types them one by one, and one for the end of input.
                with_jobs(cluster, &mut jobs, line, &stdin, &mut s)
            };
            s.push_str(&format!("$ {line}\n"));
            for l in &input {
                s.push_str(&format!("{l}\n"));
            }
            s.push_str(&format!(
                "[exit {}]\n--- stdout\n{}--- stderr\n{}--- end\n",
                out.exit_code, out.stdout, out.stderr
            ));
        }
        let elapsed = cluster.now_ms() - before;
        for out in jobs.pass(cluster, elapsed, &mut events) {
            job_block(&mut s, &out);
        }
    }
    s
}

/// A console producer's invocation while jobs run: its lines one at a time, the jobs given
/// the time each lets pass (what they print goes to `s` first).
fn with_jobs(
    cluster: &mut Cluster,
    jobs: &mut Jobs,
    line: &str,
    stdin: &[String],
    s: &mut String,
) -> Output {
    let Some(started) = start_producer(line) else {
        return run_with_input(cluster, line, stdin);
    };
    let (session, out) = match started {
        Ok(s) => s,
        Err(out) => return out,
    };
    let mut events = Vec::new();
    let mut each = |cluster: &mut Cluster, before: i64| {
        let elapsed = cluster.now_ms() - before;
        for o in jobs.pass(cluster, elapsed, &mut events) {
            job_block(s, &o);
        }
    };
    each(cluster, cluster.now_ms());
    session.feed(cluster, stdin, out, each)
}

/// What a job printed, in a transcript.
fn job_block(s: &mut String, out: &JobOutput) {
    s.push_str(&format!(
        "[{}] {}\n--- stdout\n{}--- stderr\n{}--- end\n",
        out.number, out.line, out.stdout, out.stderr
    ));
}

/// What a comparison of two transcripts leaves out: Java stack frames (the console
/// prints none), log timestamps, topic ids (random on a real cluster), and in a
/// `Configs:` list the static broker settings a cluster may or may not set
/// (`segment.bytes=1073741824` from the stock `server.properties`,
/// `unclean.leader.election.enable=false` from the cross-check's).
pub fn normalize(transcript: &str) -> String {
    let mut s = String::new();
    for line in transcript.lines() {
        if line.starts_with("\tat ") || (line.starts_with("\t... ") && line.ends_with(" more")) {
            continue;
        }
        let mut line = line.to_string();
        if line.starts_with('[') && line.get(24..26) == Some("] ") {
            line.replace_range(1..24, "<time>");
        }
        if let Some(i) = line.find("TopicId: ") {
            let end = line[i + 9..].find('\t').map_or(line.len(), |e| i + 9 + e);
            line.replace_range(i + 9..end, "<id>");
        }
        if let Some(i) = line.find("\tConfigs: ") {
            let start = i + 10;
            let end = line[start..].find('\t').map_or(line.len(), |e| start + e);
            let kept: Vec<&str> = line[start..end]
                .split(',')
                .filter(|c| {
                    !matches!(
                        *c,
                        "segment.bytes=1073741824" | "unclean.leader.election.enable=false" | ""
                    )
                })
                .collect();
            line.replace_range(start..end, &kept.join(","));
        }
        s.push_str(&line);
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_as_a_shell_splits_them() {
        assert_eq!(
            split(r#"a 'b c' "d \"e\"" f\ g"#).unwrap(),
            ["a", "b c", "d \"e\"", "f g"]
        );
        assert!(split("a 'b").unwrap_err().contains("matching"));
    }

    #[test]
    fn log_dates_are_log4j_dates_in_utc() {
        assert_eq!(log4j_date(0), "1970-01-01 00:00:00,000");
        assert_eq!(log4j_date(1_737_363_600_123), "2025-01-20 09:00:00,123");
    }

    #[test]
    fn normalizing_drops_frames_times_ids_and_the_clusters_static_settings() {
        let real = "[2026-12-02 07:01:02,345] ERROR java.lang.IllegalArgumentException: x\n\tat a.B.c(B.java:1)\n\t... 7 more\n (l)\nTopic: t\tTopicId: LR3h94suSMWJ76ZwSewpHg\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: min.insync.replicas=1,unclean.leader.election.enable=false\n";
        assert_eq!(
            normalize(real),
            "[<time>] ERROR java.lang.IllegalArgumentException: x\n (l)\nTopic: t\tTopicId: <id>\tPartitionCount: 1\tReplicationFactor: 1\tConfigs: min.insync.replicas=1\n"
        );
    }

    #[test]
    fn every_tool_accepts_exactly_the_options_its_help_lists() {
        for tool in TOOLS {
            let mut c = Cluster::default();
            // jopt's tables go to stderr; argparse4j's help (the metadata quorum tool's,
            // and its describe subcommand's) to stdout, indented.
            let argparse = *tool == "kafka-metadata-quorum.sh";
            let help = match argparse {
                true => {
                    run(&mut c, &format!("{tool} --help")).stdout
                        + &run(&mut c, &format!("{tool} describe --help")).stdout
                }
                false => run(&mut c, &format!("{tool} --help")).stderr,
            };
            let mut listed: Vec<&str> = help
                .lines()
                .map(|l| match argparse {
                    true => l.trim_start().trim_start_matches("-h, "),
                    false => l,
                })
                .filter_map(|l| l.strip_prefix("--"))
                .filter_map(|l| l.split([' ', '<', '[']).next())
                .filter(|n| !n.is_empty() && !n.starts_with('-'))
                .collect();
            listed.sort_unstable();
            listed.dedup();
            let mut accepted = options(tool);
            accepted.sort_unstable();
            assert_eq!(accepted, listed, "{tool}");
        }
    }

    #[test]
    fn an_unknown_tool_is_not_found() {
        let mut c = Cluster::default();
        let out = run(&mut c, "kafka-frobs.sh --list");
        assert_eq!(out.stderr, "bash: kafka-frobs.sh: command not found\n");
        assert_eq!(out.exit_code, 127);
    }
}
