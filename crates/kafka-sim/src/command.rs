//! The engine's one input: a small command grammar whose `FromStr` and `Display`
//! round-trip, so the same text serves lesson files, golden scripts, a console and
//! share links.
//!
//! ```text
//! create-topic orders partitions=3 retention.ms=2592000000 compression.type=snappy
//! alter-topic orders partitions=4
//! produce user-events key=user-1 value=login
//! produce notifications value="sent to all"        (no key: a null key)
//! produce orders key=order-100 value=paid partition=0 header.trace=abc
//! fetch user-events partition=0 offset=0 max=10 reader=analytics
//! set-producer batch.size=200 partitioner=consistent
//! tick 7d                                           (ms, s, m, h or d; plain numbers are ms)
//! ```

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use crate::error::KafkaError;
use crate::partitioner::Partitioner;

/// One produce call: `producer.send(new ProducerRecord(topic, partition, key, value, headers))`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Produce {
    /// Target topic.
    pub topic: Arc<str>,
    /// The key, or `None` for a null key.
    pub key: Option<Arc<str>>,
    /// The value, or `None` for a null value (a tombstone).
    pub value: Option<Arc<str>>,
    /// An explicit partition, which always wins.
    pub partition: Option<i32>,
    /// Overrides the producer's partitioner for this record.
    pub partitioner: Option<Partitioner>,
    /// Record headers.
    pub headers: Vec<(Arc<str>, Arc<str>)>,
    /// A network fault on this send, for the delivery-semantics lessons.
    pub fault: Option<ProduceFault>,
    /// Forces the batch's sequence number (a buggy or zombie producer), to show the
    /// broker refusing a gap; normally the producer numbers its batches itself.
    pub sequence: Option<i32>,
    /// The record's timestamp (`ProducerRecord#timestamp`, CreateTime); the producer's
    /// clock when not given.
    pub timestamp: Option<i64>,
}

/// What goes wrong with one produce request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum ProduceFault {
    /// The broker appended the batch but its response never arrived: the producer times
    /// out (`request.timeout.ms`) and sends the same batch again.
    LostAck,
    /// The request never reached the broker: nothing was appended; the producer retries.
    LostRequest,
}

impl ProduceFault {
    /// The name in the command grammar.
    pub fn name(self) -> &'static str {
        match self {
            Self::LostAck => "lost-ack",
            Self::LostRequest => "lost-request",
        }
    }
}

impl Produce {
    /// A keyed record with a value.
    pub fn keyed(topic: &str, key: &str, value: &str) -> Self {
        Self {
            topic: Arc::from(topic),
            key: Some(Arc::from(key)),
            value: Some(Arc::from(value)),
            partition: None,
            partitioner: None,
            headers: Vec::new(),
            fault: None,
            sequence: None,
            timestamp: None,
        }
    }
}

/// Everything the engine can be asked to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `kafka-topics --create`: name, optional partition count and replication factor
    /// (broker defaults `num.partitions=1`, `default.replication.factor=1`), topic configs.
    CreateTopic {
        /// Topic name.
        name: String,
        /// `--partitions`.
        partitions: Option<i32>,
        /// `--replication-factor`.
        replication_factor: Option<i32>,
        /// `--replica-assignment 1:2:3,2:3:1`: each partition's replicas, preferred
        /// leader first.
        replica_assignment: Option<Vec<Vec<i32>>>,
        /// `--config name=value`, in the order given.
        configs: Vec<(String, String)>,
    },
    /// `kafka-topics --alter --partitions N`: only increases are allowed.
    AlterTopic {
        /// Topic name.
        name: String,
        /// The new total partition count.
        partitions: i32,
    },
    /// A producer send.
    Produce(Produce),
    /// A fetch by a named reader: returns records, removes nothing.
    Fetch {
        /// Who reads (a label for the view), if given.
        reader: Option<String>,
        /// Topic.
        topic: String,
        /// Partition.
        partition: i32,
        /// First offset wanted.
        offset: i64,
        /// At most this many records (default 500, `max.poll.records`).
        max: Option<u32>,
    },
    /// Producer configs: `batch.size`, `partitioner.ignore.keys`, `partitioner`.
    SetProducer {
        /// name=value pairs in order.
        configs: Vec<(String, String)>,
    },
    /// The producer becomes a kafka-go Writer: `set-writer RequiredAcks=RequireAll
    /// Async=true` (the fields of a `kafka.Writer{...}` literal; producer/go_writer.rs).
    SetWriter {
        /// Field=value pairs in order.
        fields: Vec<(String, String)>,
    },
    /// A consumer in a group: `create-consumer c1 group=g auto.offset.reset=earliest`.
    CreateConsumer {
        /// Its name (client.id).
        name: String,
        /// `group.id`.
        group: String,
        /// Other consumer configs, by Kafka name.
        configs: Vec<(String, String)>,
    },
    /// `consumer.subscribe(topics)`.
    Subscribe {
        /// Consumer.
        consumer: String,
        /// Topics.
        topics: Vec<String>,
    },
    /// `consumer.poll()`: joins or rejoins the group as needed, then fetches.
    Poll {
        /// Consumer.
        consumer: String,
    },
    /// `consumer.commitSync()` of the current positions (`commit c1`); of one explicit
    /// offset, `commitSync(Map)` (`commit c1 topic=t partition=0 offset=3`, the next
    /// offset to read); `commitAsync` with `async=true` (a failure goes to the callback,
    /// the call itself does not throw).
    Commit {
        /// Consumer.
        consumer: String,
        /// One explicit topic, partition and offset instead of the positions.
        offset: Option<(String, u32, i64)>,
        /// `commitAsync` rather than `commitSync`.
        asynchronous: bool,
    },
    /// `consumer.seek(partition, offset)`.
    Seek {
        /// Consumer.
        consumer: String,
        /// Topic.
        topic: String,
        /// Partition.
        partition: u32,
        /// Offset.
        offset: i64,
    },
    /// The consumer's process dies: no LeaveGroup, no more heartbeats.
    CrashConsumer {
        /// Consumer.
        consumer: String,
    },
    /// The application handles records its last `poll()` returned, in order, applying
    /// each one's effect to its database (see `app.rs`): `process c1`, `process c1 count=2`
    /// (then stop, for a crash mid-batch), `process c1 unique-key=true` (the database's
    /// unique constraint on topic-partition-offset turns a repeat into a no-op).
    Process {
        /// Consumer.
        consumer: String,
        /// At most this many records (all that are left by default).
        count: Option<u32>,
        /// Insert an idempotency key with each effect, under a unique constraint.
        unique_key: bool,
        /// Instead of a database, write each result to this topic with the producer
        /// (consume-transform-produce; inside a transaction for exactly-once).
        output: Option<String>,
    },
    /// `set-app GROUP CONFIG=VALUE ...`: the error handler of `GROUP`'s application, by
    /// Kafka Connect's `errors.*` names (error_handler.rs).
    SetApp {
        /// The application (its consumer group).
        group: String,
        /// name=value pairs in order.
        configs: Vec<(String, String)>,
    },
    /// `stop-database GROUP [for=DURATION]`: the application's database goes down, for
    /// a while or until started; handling a record then fails with a retriable error.
    StopDatabase {
        /// The application (its consumer group).
        group: String,
        /// How long, if it comes back by itself.
        for_ms: Option<i64>,
    },
    /// `start-database GROUP`: the application's database is back.
    StartDatabase {
        /// The application (its consumer group).
        group: String,
    },
    /// `producer.initTransactions()`: InitProducerId with the `transactional.id`.
    InitTransactions,
    /// `producer.beginTransaction()`.
    BeginTransaction,
    /// `producer.sendOffsetsToTransaction(positions, consumer.groupMetadata())`: the
    /// consumer's positions, committed for its group only if the transaction commits.
    SendOffsetsToTransaction {
        /// The consumer whose positions and group are sent.
        consumer: String,
    },
    /// `producer.commitTransaction()`.
    CommitTransaction,
    /// `producer.abortTransaction()`.
    AbortTransaction,
    /// `consumer.close()`: commits if auto-commit is on, then LeaveGroup.
    Close {
        /// Consumer.
        consumer: String,
    },
    /// `start-broker id=N`: a new broker registers, or a stopped one restarts.
    StartBroker {
        /// `node.id`.
        id: i32,
    },
    /// `stop-broker id=N`: a controlled shutdown.
    StopBroker {
        /// `node.id`.
        id: i32,
    },
    /// `kill-broker id=N`: a crash, no controlled shutdown.
    KillBroker {
        /// `node.id`.
        id: i32,
    },
    /// `isolate-broker id=N`: cut it off from every other node.
    IsolateBroker {
        /// `node.id`.
        id: i32,
    },
    /// `heal-broker id=N`: reconnect it.
    HealBroker {
        /// `node.id`.
        id: i32,
    },
    /// `kill-controller id=N`: a controller's process dies.
    KillController {
        /// Its node id.
        id: i32,
    },
    /// `start-controller id=N`: a stopped controller starts again.
    StartController {
        /// Its node id.
        id: i32,
    },
    /// `elect-leaders topic=T partition=P type=preferred|unclean`
    /// (`kafka-leader-election.sh --election-type`).
    ElectLeaders {
        /// Topic.
        topic: String,
        /// Partition.
        partition: u32,
        /// `type=unclean` (else preferred).
        unclean: bool,
    },
    /// Advance the logical clock by this many milliseconds.
    Tick {
        /// Milliseconds, at least 0.
        ms: i64,
    },
}

/// One verb as the help shows it: its name, what a learner types, and what it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VerbHelp {
    /// The verb.
    pub name: &'static str,
    /// Its grammar: positional arguments in capitals, optional ones in brackets.
    pub usage: &'static str,
    /// What it does, in one line.
    pub summary: &'static str,
}

/// Every verb, once: the `Command` variant, its name, usage and summary, in the order the
/// help lists them. `Command::verb`, [`VERBS`] and [`VERB_HELP`] are generated from it,
/// so a new verb is one line here, its variant, its parse and text arms below, and one arm
/// in `Cluster::apply_into`; every match over `Command` is exhaustive, so the compiler
/// names any place left.
macro_rules! verbs {
    ($($variant:ident $name:literal $usage:literal $summary:literal;)*) => {
        impl Command {
            /// The verb that starts this command's text.
            pub fn verb(&self) -> &'static str {
                match self {
                    $(Self::$variant { .. } => $name,)*
                }
            }
        }

        /// Every verb, for parse errors and completion.
        pub const VERBS: &[&str] = &[$($name),*];

        /// Every verb's help.
        pub const VERB_HELP: &[VerbHelp] = &[$(VerbHelp {
            name: $name,
            usage: $usage,
            summary: $summary,
        }),*];
    };
}

verbs! {
    CreateTopic "create-topic"
        "create-topic NAME [partitions=N] [replication-factor=N] [replica-assignment=1:2:3,2:3:1] [CONFIG=VALUE ...]"
        "Creates a topic (kafka-topics --create).";
    AlterTopic "alter-topic" "alter-topic NAME partitions=N"
        "Raises a topic's partition count (kafka-topics --alter).";
    Produce "produce"
        "produce TOPIC [key=K] [value=V] [partition=N] [header.NAME=V ...] [fault=lost-ack|lost-request] [sequence=N] [partitioner=NAME] [timestamp=MS]"
        "Sends one record and waits for its answer.";
    SetProducer "set-producer" "set-producer CONFIG=VALUE ..."
        "Sets producer configs (acks, enable.idempotence, retries, ...).";
    SetWriter "set-writer" "set-writer FIELD=VALUE ..."
        "Makes the producer a kafka-go Writer (Balancer, RequiredAcks, Async, Completion, ...).";
    Fetch "fetch" "fetch TOPIC [partition=N] [offset=N] [max=N] [reader=NAME]"
        "Reads records from a partition, outside any group.";
    CreateConsumer "create-consumer" "create-consumer NAME group=GROUP [CONFIG=VALUE ...]"
        "Creates a consumer in a group.";
    Subscribe "subscribe" "subscribe CONSUMER topics=T1,T2"
        "Subscribes a consumer to topics: it joins its group.";
    Poll "poll" "poll CONSUMER" "The consumer polls: records, heartbeats, rebalances.";
    Process "process" "process CONSUMER [count=N] [unique-key=true] [output=TOPIC]"
        "The consumer application handles records it polled.";
    SetApp "set-app" "set-app GROUP CONFIG=VALUE ..."
        "Sets the application's error handler (errors.retry.timeout, errors.tolerance, ...).";
    StopDatabase "stop-database" "stop-database GROUP [for=DURATION]"
        "The application's database goes down: handling a record fails and is retried.";
    StartDatabase "start-database" "start-database GROUP" "The application's database is back.";
    Commit "commit" "commit CONSUMER [topic=T partition=N offset=N] [async=true]"
        "Commits the consumer's positions, or one given offset.";
    Seek "seek" "seek CONSUMER topic=T [partition=N] offset=N"
        "Moves the consumer's position in a partition.";
    CrashConsumer "crash-consumer" "crash-consumer CONSUMER"
        "The consumer's process dies: no leave, no commit.";
    Close "close" "close CONSUMER" "The consumer leaves its group cleanly.";
    InitTransactions "init-transactions" "init-transactions"
        "The transactional producer registers its transactional.id.";
    BeginTransaction "begin-transaction" "begin-transaction"
        "Starts a transaction.";
    SendOffsetsToTransaction "send-offsets-to-transaction" "send-offsets-to-transaction CONSUMER"
        "Adds the consumer's positions to the transaction.";
    CommitTransaction "commit-transaction" "commit-transaction"
        "Commits the transaction.";
    AbortTransaction "abort-transaction" "abort-transaction"
        "Aborts the transaction.";
    StartBroker "start-broker" "start-broker id=N"
        "Starts a broker: a new one registers, a stopped one restarts with its log.";
    StopBroker "stop-broker" "stop-broker id=N"
        "Stops a broker by controlled shutdown: leadership moves first.";
    KillBroker "kill-broker" "kill-broker id=N" "Crashes a broker: no controlled shutdown.";
    IsolateBroker "isolate-broker" "isolate-broker id=N"
        "Cuts a broker off from every other node, controllers included.";
    HealBroker "heal-broker" "heal-broker id=N" "Reconnects an isolated broker.";
    ElectLeaders "elect-leaders" "elect-leaders topic=T partition=N type=preferred|unclean"
        "Runs a leader election (kafka-leader-election).";
    KillController "kill-controller" "kill-controller id=N" "Crashes a KRaft controller.";
    StartController "start-controller" "start-controller id=N"
        "Starts a killed KRaft controller again.";
    Tick "tick" "tick DURATION" "Lets time pass: tick 500, tick 3s, tick 1m.";
}

/// Parses a script: one command a line; blank lines and lines starting with `#` are
/// skipped. Fails with the 1-based line number of the first bad line.
pub fn parse_script(text: &str) -> Result<Vec<Command>, (usize, KafkaError)> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|(i, l)| l.parse().map_err(|e| (i + 1, e)))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Parsing

/// Splits on whitespace; double quotes group, backslash escapes `"` and `\` inside them.
fn tokenize(line: &str) -> Result<Vec<String>, KafkaError> {
    let mut tokens = Vec::new();
    let mut current = String::new();
    let mut in_token = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                in_token = true;
                loop {
                    match chars.next() {
                        None => return Err(KafkaError::syntax("unterminated quote")),
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(e @ ('"' | '\\')) => current.push(e),
                            Some('n') => current.push('\n'),
                            Some(other) => {
                                current.push('\\');
                                current.push(other);
                            }
                            None => return Err(KafkaError::syntax("unterminated quote")),
                        },
                        Some(other) => current.push(other),
                    }
                }
            }
            c if c.is_whitespace() => {
                if in_token {
                    tokens.push(std::mem::take(&mut current));
                    in_token = false;
                }
            }
            c => {
                in_token = true;
                current.push(c);
            }
        }
    }
    if in_token {
        tokens.push(current);
    }
    Ok(tokens)
}

/// Quotes a token when the tokenizer would otherwise split or change it: what a form
/// that writes a command line for the learner uses for the values they typed.
pub fn quote(s: &str) -> String {
    let plain = !s.is_empty()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '\\' || c == '=');
    if plain {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `name=value` options after the positional arguments.
struct Options {
    verb: &'static str,
    pairs: Vec<(String, String)>,
}

impl Options {
    fn new(verb: &'static str, tokens: &[String]) -> Result<Self, KafkaError> {
        let pairs = tokens
            .iter()
            .map(|t| {
                t.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .ok_or_else(|| {
                        KafkaError::syntax(format!("{verb}: expected name=value, got '{t}'"))
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(Self { verb, pairs })
    }

    fn take(&mut self, name: &str) -> Option<String> {
        let i = self.pairs.iter().position(|(k, _)| k == name)?;
        Some(self.pairs.remove(i).1)
    }

    fn take_num<T: FromStr>(&mut self, name: &str) -> Result<Option<T>, KafkaError> {
        self.take(name)
            .map(|v| {
                v.parse().map_err(|_| {
                    KafkaError::syntax(format!(
                        "{}: {name} must be a whole number, got '{v}'",
                        self.verb
                    ))
                })
            })
            .transpose()
    }

    fn finish(self, expected: &str) -> Result<(), KafkaError> {
        match self.pairs.first() {
            None => Ok(()),
            Some((k, _)) => Err(KafkaError::syntax(format!(
                "{}: unknown option '{k}' (expected {expected})",
                self.verb
            ))),
        }
    }
}

fn positional<'a>(verb: &str, tokens: &'a [String], what: &str) -> Result<&'a str, KafkaError> {
    match tokens.first() {
        Some(t) if !t.contains('=') => Ok(t),
        _ => Err(KafkaError::syntax(format!("{verb}: missing {what}"))),
    }
}

/// Parses `7d`, `45s`, `300000`, `3ms` into milliseconds.
fn parse_duration(verb: &str, text: &str) -> Result<i64, KafkaError> {
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (digits, unit) = text.split_at(split);
    let n: i64 = digits.parse().map_err(|_| {
        KafkaError::syntax(format!(
            "{verb}: expected a duration like 500, 3s or 7d, got '{text}'"
        ))
    })?;
    let scale = match unit {
        "" | "ms" => 1,
        "s" => 1_000,
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => {
            return Err(KafkaError::syntax(format!(
                "{verb}: unknown unit '{unit}' (use ms, s, m, h or d)"
            )))
        }
    };
    n.checked_mul(scale)
        .ok_or_else(|| KafkaError::syntax(format!("{verb}: duration '{text}' is too long")))
}

fn format_duration(ms: i64) -> String {
    for (scale, unit) in [
        (86_400_000, "d"),
        (3_600_000, "h"),
        (60_000, "m"),
        (1_000, "s"),
    ] {
        if ms != 0 && ms % scale == 0 {
            return format!("{}{unit}", ms / scale);
        }
    }
    ms.to_string()
}

/// `TopicCommand#parseReplicaAssignment`: commas between partitions, colons between
/// replicas.
pub(crate) fn parse_replica_assignment(text: &str) -> Result<Vec<Vec<i32>>, KafkaError> {
    let mut out: Vec<Vec<i32>> = Vec::new();
    for (i, part) in text.split(',').enumerate() {
        let brokers = part
            .split(':')
            .map(|b| {
                b.trim()
                    .parse::<i32>()
                    .map_err(|_| KafkaError::syntax(format!("For input string: \"{}\"", b.trim())))
            })
            .collect::<Result<Vec<i32>, _>>()?;
        let mut dups: Vec<i32> = brokers
            .iter()
            .enumerate()
            .filter(|(j, b)| brokers[..*j].contains(b))
            .map(|(_, b)| *b)
            .collect();
        dups.dedup();
        if !dups.is_empty() {
            let list: Vec<String> = dups.iter().map(i32::to_string).collect();
            return Err(KafkaError::syntax(format!(
                "Partition replica lists may not contain duplicate entries: {}",
                list.join(",")
            )));
        }
        if out.first().is_some_and(|f| f.len() != brokers.len()) {
            let list: Vec<String> = brokers.iter().map(i32::to_string).collect();
            return Err(KafkaError::syntax(format!(
                "Partition {i} has different replication factor: [{}]",
                list.join(", ")
            )));
        }
        out.push(brokers);
    }
    Ok(out)
}

impl FromStr for Command {
    type Err = KafkaError;

    fn from_str(line: &str) -> Result<Self, Self::Err> {
        let tokens = tokenize(line)?;
        let Some((verb, rest)) = tokens.split_first() else {
            return Err(KafkaError::syntax(format!(
                "empty command (expected one of: {})",
                VERBS.join(", ")
            )));
        };
        match verb.as_str() {
            "create-topic" => {
                let name = positional("create-topic", rest, "topic name")?.to_string();
                let mut o = Options::new("create-topic", &rest[1..])?;
                let partitions = o.take_num("partitions")?;
                let replication_factor = o.take_num("replication-factor")?;
                let replica_assignment = match o.take("replica-assignment") {
                    // TopicCommand: an empty --replica-assignment is as if none was given.
                    Some(text) if !text.is_empty() => {
                        // checkInvalidArgs(replicaAssignmentOpt, partitionsOpt,
                        // replicationFactorOpt).
                        for (given, opt) in [
                            (partitions.is_some(), "partitions"),
                            (replication_factor.is_some(), "replication-factor"),
                        ] {
                            if given {
                                return Err(KafkaError::syntax(format!(
                                    "Option \"[replica-assignment]\" can't be used with option \"[{opt}]\""
                                )));
                            }
                        }
                        Some(parse_replica_assignment(&text)?)
                    }
                    _ => None,
                };
                let configs = std::mem::take(&mut o.pairs);
                Ok(Self::CreateTopic {
                    name,
                    partitions,
                    replication_factor,
                    replica_assignment,
                    configs,
                })
            }
            "alter-topic" => {
                let name = positional("alter-topic", rest, "topic name")?.to_string();
                let mut o = Options::new("alter-topic", &rest[1..])?;
                let partitions = o
                    .take_num("partitions")?
                    .ok_or_else(|| KafkaError::syntax("alter-topic: missing partitions=N"))?;
                o.finish("partitions")?;
                Ok(Self::AlterTopic { name, partitions })
            }
            verb @ ("start-broker" | "stop-broker" | "kill-broker" | "isolate-broker"
            | "heal-broker" | "kill-controller" | "start-controller") => {
                let verb: &'static str = VERBS.iter().find(|v| **v == verb).expect("listed");
                let mut o = Options::new(verb, rest)?;
                let id = o
                    .take_num("id")?
                    .ok_or_else(|| KafkaError::syntax(format!("{verb}: missing id=N")))?;
                o.finish("id")?;
                Ok(match verb {
                    "start-broker" => Self::StartBroker { id },
                    "stop-broker" => Self::StopBroker { id },
                    "kill-broker" => Self::KillBroker { id },
                    "isolate-broker" => Self::IsolateBroker { id },
                    "kill-controller" => Self::KillController { id },
                    "start-controller" => Self::StartController { id },
                    _ => Self::HealBroker { id },
                })
            }
            "elect-leaders" => {
                let mut o = Options::new("elect-leaders", rest)?;
                let topic = o
                    .take("topic")
                    .ok_or_else(|| KafkaError::syntax("elect-leaders: missing topic=T"))?;
                let partition = o
                    .take_num("partition")?
                    .ok_or_else(|| KafkaError::syntax("elect-leaders: missing partition=P"))?;
                let unclean = match o.take("type").as_deref() {
                    Some("preferred") => false,
                    Some("unclean") => true,
                    // kafka-leader-election.sh: --election-type is required.
                    None => {
                        return Err(KafkaError::syntax(
                            "Missing required option(s) [election-type]",
                        ))
                    }
                    Some(other) => {
                        return Err(KafkaError::syntax(format!(
                            "elect-leaders: type={other}: expected preferred or unclean"
                        )))
                    }
                };
                o.finish("topic, partition, type")?;
                Ok(Self::ElectLeaders {
                    topic,
                    partition,
                    unclean,
                })
            }
            "produce" => {
                let topic = Arc::from(positional("produce", rest, "topic name")?);
                let mut o = Options::new("produce", &rest[1..])?;
                let key = o.take("key").map(Arc::from);
                let value = o.take("value").map(Arc::from);
                let partition = o.take_num("partition")?;
                let partitioner = o
                    .take("partitioner")
                    .map(|p| {
                        p.parse::<Partitioner>()
                            .map_err(|e| KafkaError::syntax(format!("produce: {e}")))
                    })
                    .transpose()?;
                let fault = match o.take("fault").as_deref() {
                    None => None,
                    Some("lost-ack") => Some(ProduceFault::LostAck),
                    Some("lost-request") => Some(ProduceFault::LostRequest),
                    Some(other) => {
                        return Err(KafkaError::syntax(format!(
                            "produce: fault={other}: expected lost-ack or lost-request"
                        )))
                    }
                };
                let sequence = o.take_num("sequence")?;
                let timestamp = o.take_num("timestamp")?;
                let mut headers = Vec::new();
                o.pairs.retain(|(k, v)| match k.strip_prefix("header.") {
                    Some(name) if !name.is_empty() => {
                        headers.push((Arc::from(name), Arc::from(v.as_str())));
                        false
                    }
                    _ => true,
                });
                o.finish(
                    "key, value, partition, partitioner, fault, sequence, timestamp or header.NAME",
                )?;
                Ok(Self::Produce(Produce {
                    topic,
                    key,
                    value,
                    partition,
                    partitioner,
                    headers,
                    fault,
                    sequence,
                    timestamp,
                }))
            }
            "fetch" => {
                let topic = positional("fetch", rest, "topic name")?.to_string();
                let mut o = Options::new("fetch", &rest[1..])?;
                let partition = o.take_num("partition")?.unwrap_or(0);
                let offset = o.take_num("offset")?.unwrap_or(0);
                let max = o.take_num("max")?;
                let reader = o.take("reader");
                o.finish("partition, offset, max or reader")?;
                Ok(Self::Fetch {
                    reader,
                    topic,
                    partition,
                    offset,
                    max,
                })
            }
            "set-producer" => {
                let o = Options::new("set-producer", rest)?;
                if o.pairs.is_empty() {
                    return Err(KafkaError::syntax(
                        "set-producer: expected name=value pairs",
                    ));
                }
                Ok(Self::SetProducer { configs: o.pairs })
            }
            "set-writer" => {
                let o = Options::new("set-writer", rest)?;
                Ok(Self::SetWriter { fields: o.pairs })
            }
            "create-consumer" => {
                let name = positional("create-consumer", rest, "consumer name")?.to_string();
                let mut o = Options::new("create-consumer", &rest[1..])?;
                let group = o
                    .take("group")
                    .or_else(|| o.take("group.id"))
                    .ok_or_else(|| KafkaError::syntax("create-consumer: missing group=NAME"))?;
                Ok(Self::CreateConsumer {
                    name,
                    group,
                    configs: std::mem::take(&mut o.pairs),
                })
            }
            "subscribe" => {
                let consumer = positional("subscribe", rest, "consumer name")?.to_string();
                let mut o = Options::new("subscribe", &rest[1..])?;
                let topics = o
                    .take("topics")
                    .ok_or_else(|| KafkaError::syntax("subscribe: missing topics=a,b"))?;
                o.finish("topics")?;
                Ok(Self::Subscribe {
                    consumer,
                    topics: topics
                        .split(',')
                        .filter(|t| !t.is_empty())
                        .map(str::to_string)
                        .collect(),
                })
            }
            "seek" => {
                let consumer = positional("seek", rest, "consumer name")?.to_string();
                let mut o = Options::new("seek", &rest[1..])?;
                let topic = o
                    .take("topic")
                    .ok_or_else(|| KafkaError::syntax("seek: missing topic=NAME"))?;
                let partition = o.take_num("partition")?.unwrap_or(0);
                let offset = o
                    .take_num("offset")?
                    .ok_or_else(|| KafkaError::syntax("seek: missing offset=N"))?;
                o.finish("topic, partition or offset")?;
                Ok(Self::Seek {
                    consumer,
                    topic,
                    partition,
                    offset,
                })
            }
            verb @ ("init-transactions" | "begin-transaction" | "commit-transaction"
            | "abort-transaction") => {
                if !rest.is_empty() {
                    return Err(KafkaError::syntax(format!("{verb}: takes no arguments")));
                }
                Ok(match verb {
                    "init-transactions" => Self::InitTransactions,
                    "begin-transaction" => Self::BeginTransaction,
                    "commit-transaction" => Self::CommitTransaction,
                    _ => Self::AbortTransaction,
                })
            }
            "send-offsets-to-transaction" => {
                let [consumer] = rest else {
                    return Err(KafkaError::syntax(
                        "send-offsets-to-transaction: expected one consumer name, like send-offsets-to-transaction c1",
                    ));
                };
                Ok(Self::SendOffsetsToTransaction {
                    consumer: consumer.clone(),
                })
            }
            "process" => {
                let consumer = positional("process", rest, "consumer name")?.to_string();
                let mut o = Options::new("process", &rest[1..])?;
                let count = o.take_num("count")?;
                let unique_key = match o.take("unique-key").as_deref() {
                    None | Some("false") => false,
                    Some("true") => true,
                    Some(other) => {
                        return Err(KafkaError::syntax(format!(
                            "process: unique-key={other}: expected true or false"
                        )))
                    }
                };
                let output = o.take("output");
                o.finish("count, unique-key or output")?;
                Ok(Self::Process {
                    consumer,
                    count,
                    unique_key,
                    output,
                })
            }
            "set-app" => {
                let group = positional("set-app", rest, "group name")?.to_string();
                let o = Options::new("set-app", &rest[1..])?;
                if o.pairs.is_empty() {
                    return Err(KafkaError::syntax("set-app: expected name=value pairs"));
                }
                Ok(Self::SetApp {
                    group,
                    configs: o.pairs,
                })
            }
            "stop-database" => {
                let group = positional("stop-database", rest, "group name")?.to_string();
                let mut o = Options::new("stop-database", &rest[1..])?;
                let for_ms = o
                    .take("for")
                    .map(|d| parse_duration("stop-database", &d))
                    .transpose()?;
                o.finish("for")?;
                Ok(Self::StopDatabase { group, for_ms })
            }
            "start-database" => {
                let [group] = rest else {
                    return Err(KafkaError::syntax(
                        "start-database: expected one group name, like start-database payments",
                    ));
                };
                Ok(Self::StartDatabase {
                    group: group.clone(),
                })
            }
            "commit" if rest.len() > 1 => {
                let consumer = positional("commit", rest, "consumer name")?.to_string();
                let mut o = Options::new("commit", &rest[1..])?;
                let asynchronous = match o.take("async").as_deref() {
                    None | Some("false") => false,
                    Some("true") => true,
                    Some(other) => {
                        return Err(KafkaError::syntax(format!(
                            "commit: async={other}: expected true or false"
                        )))
                    }
                };
                let offset = match (o.take("topic"), o.take_num("partition")?, o.take_num("offset")?) {
                    (None, None, None) => None,
                    (Some(t), p, Some(n)) => Some((t, p.unwrap_or(0), n)),
                    _ => {
                        return Err(KafkaError::syntax(
                            "commit: an explicit offset needs topic=NAME and offset=N (partition=0 by default)",
                        ))
                    }
                };
                o.finish("topic, partition, offset or async")?;
                Ok(Self::Commit {
                    consumer,
                    offset,
                    asynchronous,
                })
            }
            verb @ ("poll" | "commit" | "crash-consumer" | "close") => {
                let [consumer] = rest else {
                    return Err(KafkaError::syntax(format!(
                        "{verb}: expected one consumer name, like {verb} c1"
                    )));
                };
                let consumer = consumer.clone();
                Ok(match verb {
                    "poll" => Self::Poll { consumer },
                    "commit" => Self::Commit {
                        consumer,
                        offset: None,
                        asynchronous: false,
                    },
                    "crash-consumer" => Self::CrashConsumer { consumer },
                    _ => Self::Close { consumer },
                })
            }
            "tick" => {
                let [duration] = rest else {
                    return Err(KafkaError::syntax(
                        "tick: expected one duration, like tick 500 or tick 3s",
                    ));
                };
                Ok(Self::Tick {
                    ms: parse_duration("tick", duration)?,
                })
            }
            // A script's header (script.rs), not a command: it names the cluster a
            // script starts from, so it cannot be applied to one already running.
            "cluster" => Err(crate::script::misplaced()),
            other => Err(KafkaError::syntax(format!(
                "unknown command '{other}' (expected one of: {})",
                VERBS.join(", ")
            ))),
        }
    }
}

impl fmt::Display for Command {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.verb())?;
        match self {
            Self::CreateTopic {
                name,
                partitions,
                replication_factor,
                replica_assignment,
                configs,
            } => {
                write!(f, " {}", quote(name))?;
                if let Some(p) = partitions {
                    write!(f, " partitions={p}")?;
                }
                if let Some(rf) = replication_factor {
                    write!(f, " replication-factor={rf}")?;
                }
                if let Some(a) = replica_assignment {
                    let parts: Vec<String> = a
                        .iter()
                        .map(|r| r.iter().map(i32::to_string).collect::<Vec<_>>().join(":"))
                        .collect();
                    write!(f, " replica-assignment={}", parts.join(","))?;
                }
                for (k, v) in configs {
                    write!(f, " {}={}", quote(k), quote(v))?;
                }
            }
            Self::AlterTopic { name, partitions } => {
                write!(f, " {} partitions={partitions}", quote(name))?
            }
            Self::Produce(p) => {
                write!(f, " {}", quote(&p.topic))?;
                if let Some(k) = &p.key {
                    write!(f, " key={}", quote(k))?;
                }
                if let Some(v) = &p.value {
                    write!(f, " value={}", quote(v))?;
                }
                if let Some(n) = p.partition {
                    write!(f, " partition={n}")?;
                }
                if let Some(s) = p.partitioner {
                    write!(f, " partitioner={s}")?;
                }
                for (k, v) in &p.headers {
                    write!(f, " {}={}", quote(&format!("header.{k}")), quote(v))?;
                }
                if let Some(fault) = p.fault {
                    write!(f, " fault={}", fault.name())?;
                }
                if let Some(s) = p.sequence {
                    write!(f, " sequence={s}")?;
                }
                if let Some(t) = p.timestamp {
                    write!(f, " timestamp={t}")?;
                }
            }
            Self::Fetch {
                reader,
                topic,
                partition,
                offset,
                max,
            } => {
                write!(f, " {} partition={partition} offset={offset}", quote(topic))?;
                if let Some(m) = max {
                    write!(f, " max={m}")?;
                }
                if let Some(r) = reader {
                    write!(f, " reader={}", quote(r))?;
                }
            }
            Self::SetProducer { configs } => {
                for (k, v) in configs {
                    write!(f, " {}={}", quote(k), quote(v))?;
                }
            }
            Self::SetWriter { fields } => {
                for (k, v) in fields {
                    write!(f, " {}={}", quote(k), quote(v))?;
                }
            }
            Self::CreateConsumer {
                name,
                group,
                configs,
            } => {
                write!(f, " {} group={}", quote(name), quote(group))?;
                for (k, v) in configs {
                    write!(f, " {}={}", quote(k), quote(v))?;
                }
            }
            Self::Subscribe { consumer, topics } => write!(
                f,
                " {} topics={}",
                quote(consumer),
                quote(&topics.join(","))
            )?,
            Self::Seek {
                consumer,
                topic,
                partition,
                offset,
            } => write!(
                f,
                " {} topic={} partition={partition} offset={offset}",
                quote(consumer),
                quote(topic)
            )?,
            Self::InitTransactions
            | Self::BeginTransaction
            | Self::CommitTransaction
            | Self::AbortTransaction => {}
            Self::SendOffsetsToTransaction { consumer } => write!(f, " {}", quote(consumer))?,
            Self::Process {
                consumer,
                count,
                unique_key,
                output,
            } => {
                write!(f, " {}", quote(consumer))?;
                if let Some(n) = count {
                    write!(f, " count={n}")?;
                }
                if *unique_key {
                    write!(f, " unique-key=true")?;
                }
                if let Some(t) = output {
                    write!(f, " output={}", quote(t))?;
                }
            }
            Self::SetApp { group, configs } => {
                write!(f, " {}", quote(group))?;
                for (k, v) in configs {
                    write!(f, " {}={}", quote(k), quote(v))?;
                }
            }
            Self::StopDatabase { group, for_ms } => {
                write!(f, " {}", quote(group))?;
                if let Some(ms) = for_ms {
                    write!(f, " for={}", format_duration(*ms))?;
                }
            }
            Self::StartDatabase { group } => write!(f, " {}", quote(group))?,
            Self::Commit {
                consumer,
                offset,
                asynchronous,
            } => {
                write!(f, " {}", quote(consumer))?;
                if let Some((t, p, n)) = offset {
                    write!(f, " topic={} partition={p} offset={n}", quote(t))?;
                }
                if *asynchronous {
                    write!(f, " async=true")?;
                }
            }
            Self::Poll { consumer }
            | Self::CrashConsumer { consumer }
            | Self::Close { consumer } => write!(f, " {}", quote(consumer))?,
            Self::StartBroker { id }
            | Self::StopBroker { id }
            | Self::KillBroker { id }
            | Self::IsolateBroker { id }
            | Self::HealBroker { id }
            | Self::KillController { id }
            | Self::StartController { id } => write!(f, " id={id}")?,
            Self::ElectLeaders {
                topic,
                partition,
                unclean,
            } => write!(
                f,
                " topic={} partition={partition} type={}",
                quote(topic),
                if *unclean { "unclean" } else { "preferred" }
            )?,
            Self::Tick { ms } => write!(f, " {}", format_duration(*ms))?,
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> Command {
        let c: Command = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
        let again: Command = c.to_string().parse().unwrap();
        assert_eq!(c, again, "{text} → {c}");
        c
    }

    #[test]
    fn delivery_commands_round_trip() {
        for text in [
            "produce t value=v fault=lost-ack",
            "produce t value=v fault=lost-request sequence=2",
            "process c1",
            "process c1 count=2 unique-key=true",
            "process c1 output=ledger",
            "set-app billing errors.tolerance=all errors.deadletterqueue.topic.name=payments-dlq",
            "stop-database billing",
            "stop-database billing for=10s",
            "start-database billing",
            "produce t key=k value=v timestamp=1700000000000",
            "commit c1",
            "commit c1 topic=t partition=1 offset=3",
            "commit c1 async=true",
            "init-transactions",
            "begin-transaction",
            "send-offsets-to-transaction c1",
            "commit-transaction",
            "abort-transaction",
            "start-broker id=2",
            "stop-broker id=2",
            "kill-broker id=1",
            "isolate-broker id=3",
            "heal-broker id=3",
            "kill-controller id=101",
            "start-controller id=101",
            "elect-leaders topic=t partition=0 type=preferred",
            "elect-leaders topic=t partition=1 type=unclean",
            "create-topic t replica-assignment=1:2:3,2:3:1",
        ] {
            assert_eq!(round_trip(text).to_string(), text);
        }
        for bad in [
            "produce t value=v fault=meteor",
            "process",
            "commit c1 offset=3",
            "begin-transaction now",
            "send-offsets-to-transaction",
            "kill-broker",
            "kill-broker id=x",
            "elect-leaders topic=t partition=0",
            "create-topic t partitions=2 replica-assignment=1:2",
            "create-topic t replica-assignment=1:1",
            "create-topic t replica-assignment=1:2,3",
        ] {
            assert!(bad.parse::<Command>().is_err(), "{bad}");
        }
        assert_eq!(
            "create-topic t partitions=2 replica-assignment=1:2"
                .parse::<Command>()
                .unwrap_err()
                .message,
            "Option \"[replica-assignment]\" can't be used with option \"[partitions]\""
        );
        assert_eq!(
            "create-topic t replica-assignment=1:2,3"
                .parse::<Command>()
                .unwrap_err()
                .message,
            "Partition 1 has different replication factor: [3]"
        );
    }

    #[test]
    fn the_issue_examples_parse_and_round_trip() {
        assert_eq!(
            round_trip("create-topic orders partitions=3"),
            Command::CreateTopic {
                name: "orders".into(),
                partitions: Some(3),
                replication_factor: None,
                replica_assignment: None,
                configs: vec![],
            }
        );
        assert_eq!(
            round_trip("produce user-events key=user-1 value=login"),
            Command::Produce(Produce::keyed("user-events", "user-1", "login"))
        );
        assert_eq!(round_trip("tick 3"), Command::Tick { ms: 3 });
    }

    #[test]
    fn quoted_values_keep_spaces_quotes_and_equals() {
        let c = round_trip(r#"produce t key="" value="a \"b\" = c""#);
        let Command::Produce(p) = c else { panic!() };
        assert_eq!(p.key.as_deref(), Some(""));
        assert_eq!(p.value.as_deref(), Some(r#"a "b" = c"#));
    }

    #[test]
    fn a_missing_key_is_a_null_key() {
        let Command::Produce(p) = round_trip("produce notifications value=ping") else {
            panic!()
        };
        assert_eq!(p.key, None);
    }

    #[test]
    fn durations_take_units_and_print_the_largest_exact_one() {
        assert_eq!(round_trip("tick 7d"), Command::Tick { ms: 604_800_000 });
        assert_eq!(Command::Tick { ms: 45_000 }.to_string(), "tick 45s");
        assert_eq!(Command::Tick { ms: 1500 }.to_string(), "tick 1500");
    }

    #[test]
    fn every_verb_round_trips() {
        for text in [
            "create-topic payments partitions=5 replication-factor=1 retention.ms=2592000000 compression.type=snappy",
            "alter-topic orders partitions=4",
            "produce orders key=order-100 value=paid partition=0 partitioner=consistent header.trace=abc",
            "fetch user-events partition=1 offset=3 max=2 reader=\"second reader\"",
            "set-producer batch.size=200 partitioner=round-robin",
            "set-writer Balancer=&kafka.Hash{} RequiredAcks=RequireAll Async=true BatchTimeout=10ms",
            "create-consumer c1 group=analytics auto.offset.reset=earliest max.poll.records=10",
            "subscribe c1 topics=user-events,orders",
            "poll c1",
            "commit c1",
            "seek c1 topic=user-events partition=2 offset=5",
            "crash-consumer c1",
            "close c1",
            "tick 0",
        ] {
            round_trip(text);
        }
    }

    #[test]
    fn every_verb_has_help_that_starts_with_it_and_the_parser_knows_it() {
        assert_eq!(VERBS.len(), VERB_HELP.len());
        for (i, h) in VERB_HELP.iter().enumerate() {
            assert_eq!(VERBS[i], h.name);
            assert!(
                VERBS[..i].iter().all(|v| *v != h.name),
                "{} listed twice",
                h.name
            );
            assert!(h.usage.split(' ').next() == Some(h.name), "{}", h.usage);
            assert!(h.summary.ends_with('.'), "{}", h.summary);
            if let Err(e) = h.name.parse::<Command>() {
                assert!(!e.message.contains("unknown command"), "{}: {e}", h.name);
            }
        }
    }

    #[test]
    fn bad_text_gets_a_clear_error_not_a_panic() {
        for (text, needle) in [
            ("", "empty command"),
            ("frobnicate", "unknown command 'frobnicate'"),
            ("create-topic", "missing topic name"),
            ("produce t colour=red", "unknown option 'colour'"),
            ("produce t value=\"open", "unterminated quote"),
            ("alter-topic t", "missing partitions=N"),
            ("create-topic t partitions=many", "must be a whole number"),
            ("tick soon", "expected a duration"),
            ("tick 3 fortnights", "expected one duration"),
            ("produce t partitioner=sticky", "unknown partitioner"),
        ] {
            let err = text.parse::<Command>().unwrap_err();
            assert!(err.message.contains(needle), "{text:?}: {err}");
        }
    }

    #[test]
    fn scripts_skip_comments_and_report_line_numbers() {
        let cmds = parse_script("# setup\ncreate-topic a\n\ntick 1\n").unwrap();
        assert_eq!(cmds.len(), 2);
        let (line, _) = parse_script("tick 1\nnope\n").unwrap_err();
        assert_eq!(line, 2);
    }
}
