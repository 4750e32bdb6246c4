//! `kafka-topics.sh` (`tools/.../TopicCommand.java`): its options and checks in Kafka's
//! order (`TopicCommandOptions#checkArgs`), then `--create`, `--list`, `--describe` and
//! `--alter` on the engine, printed as `TopicService` prints them.

use super::include_list::IncludeList;
use super::jopt::{self, opt, Spec};
use super::{java_class, log_line, not_modelled, trace, Output};
use crate::admin::{topic_id, DescribeFilter};
use crate::command::{parse_replica_assignment, Command};
use crate::error::{ErrorKind, KafkaError};
use crate::Cluster;

/// jopt's help table for TopicCommand, as Kafka 4.4 prints it.
const HELP: &str = include_str!("topics_help.txt");
const LOGGER: &str = "org.apache.kafka.tools.TopicCommand";
/// `KAFKA_CONFIGS_CLI_SUPPORTS_ALTERING_TOPIC_CONFIGS`.
const USE_KAFKA_CONFIGS: &str =
    " (To alter topic configurations, the kafka-configs tool can be used.)";

pub(super) const SPECS: &[Spec] = &[
    opt("bootstrap-server", true),
    opt("command-config", true),
    opt("list", false),
    opt("create", false),
    opt("delete", false),
    opt("alter", false),
    opt("delete-config", true),
    opt("describe", false),
    opt("topic", true),
    opt("topic-id", true),
    opt("config", true),
    opt("partitions", true),
    opt("replica-assignment", true),
    opt("replication-factor", true),
    opt("under-replicated-partitions", false),
    opt("unavailable-partitions", false),
    opt("under-min-isr-partitions", false),
    opt("at-min-isr-partitions", false),
    opt("topics-with-overrides", false),
    opt("if-exists", false),
    opt("if-not-exists", false),
    opt("exclude-internal", false),
    opt("partition-size-limit-per-response", true),
    opt("help", false),
    opt("version", false),
];

const ACTIONS: &[&str] = &["create", "list", "alter", "describe", "delete"];
const REPORTS: &[&str] = &[
    "under-replicated-partitions",
    "under-min-isr-partitions",
    "at-min-isr-partitions",
    "unavailable-partitions",
];

/// A failure inside `execute`, printed by `printException`.
struct Failure {
    message: String,
    class: String,
    causes: Vec<(String, String)>,
}

impl Failure {
    fn kafka(e: &KafkaError) -> Failure {
        Failure {
            message: e.message.clone(),
            class: java_class(e.kind),
            causes: Vec::new(),
        }
    }

    fn illegal(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            class: "java.lang.IllegalArgumentException".into(),
            causes: Vec::new(),
        }
    }
}

impl From<jopt::Error> for Failure {
    fn from(e: jopt::Error) -> Failure {
        Failure {
            message: e.message,
            class: e.class.into(),
            causes: Vec::new(),
        }
    }
}

/// Runs `kafka-topics.sh ARGS`.
pub(super) fn run(cluster: &mut Cluster, args: &[String]) -> Output {
    if args.is_empty() {
        return Output::usage("Create, delete, describe, or change a topic.", HELP);
    }
    let o = match jopt::parse(SPECS, args) {
        Ok(o) => o,
        // mainNoExit: the message, then the stack trace, then a blank line.
        Err(e) => {
            return Output {
                stderr: format!("{}\n{}\n", e.message, trace(e.class, &e.message, &[])),
                exit_code: 1,
                ..Output::default()
            }
        }
    };
    if let Some(out) = check_args(&o) {
        return out;
    }
    let mut out = Output::default();
    if o.has("delete-config") {
        out.stderr.push_str("delete-config option is no longer supported and deprecated since version 4.0. The config will be fully removed in future releases.\n");
    }
    if o.has("describe") && o.has("if-exists") && o.has("topic") && o.has("topic-id") {
        out.stdout.push_str("Only topic id will be used when both --topic and --topic-id are specified and topicId is not Uuid.ZERO_UUID\n");
    }
    let result = if o.has("create") {
        create(cluster, &o, &mut out)
    } else if o.has("alter") {
        alter(cluster, &o, &mut out)
    } else if o.has("list") {
        list(cluster, &o, &mut out)
    } else if o.has("describe") {
        describe(cluster, &o, &mut out)
    } else {
        delete(cluster, &o)
    };
    if let Err(f) = result {
        // TopicCommand#printException: the message on stdout, the trace as an ERROR log.
        out.stdout.push_str(&format!(
            "Error while executing topic command : {}\n",
            f.message
        ));
        let causes: Vec<(&str, &str)> = f
            .causes
            .iter()
            .map(|(c, m)| (c.as_str(), m.as_str()))
            .collect();
        out.stderr.push_str(&log_line(
            cluster.now_ms(),
            "ERROR",
            &trace(&f.class, &f.message, &causes),
            LOGGER,
        ));
        out.exit_code = 1;
    }
    out
}

/// `TopicCommandOptions#checkArgs`, less `--bootstrap-server` (the console's cluster is
/// implied): a usage error, or `None` to go on.
fn check_args(o: &jopt::Parsed) -> Option<Output> {
    let usage = |m: &str| Some(Output::usage(m, HELP));
    if o.has("help") {
        return usage("This tool helps to create, delete, describe, or change a topic.");
    }
    if o.has("version") {
        return Some(Output {
            stdout: format!("{}\n", crate::kafka_version()),
            ..Output::default()
        });
    }
    if ACTIONS.iter().filter(|a| o.has(a)).count() != 1 {
        return usage(
            "Command must include exactly one action: --list, --describe, --create, --alter or --delete",
        );
    }
    // checkRequiredArgs.
    if o.has("describe") && o.has("if-exists") && !o.has("topic") && !o.has("topic-id") {
        return usage("--topic or --topic-id is required to describe a topic");
    }
    if !o.has("list") && !o.has("describe") && !o.has("topic") {
        return usage("Missing required argument \"[topic]\"");
    }
    if o.has("alter") {
        // Used together with the (implied) --bootstrap-server.
        if o.has("config") {
            return usage(&format!(
                "Option combination \"[[bootstrap-server], [config]]\" can't be used with option \"[alter]\"{USE_KAFKA_CONFIGS}"
            ));
        }
        if !o.has("partitions") {
            return usage("Missing required argument \"[partitions]\"");
        }
    }
    // checkInvalidArgs, in its order. With exactly one action given, at most one action
    // can clash.
    let except = |allowed: &[&str]| -> Vec<&'static str> {
        ACTIONS
            .iter()
            .copied()
            .filter(|a| !allowed.contains(a))
            .collect()
    };
    let mut rules: Vec<(&str, Vec<&'static str>)> = vec![
        ("config", except(&["alter", "create"])),
        ("partitions", except(&["alter", "create"])),
        ("replication-factor", except(&["create"])),
        ("replica-assignment", except(&["alter", "create"])),
    ];
    if o.has("create") {
        rules.push((
            "replica-assignment",
            vec!["partitions", "replication-factor"],
        ));
    }
    for r in REPORTS {
        let mut bad = except(&["describe"]);
        bad.push("topics-with-overrides");
        rules.push((r, bad));
    }
    let mut bad = except(&["describe"]);
    bad.extend_from_slice(REPORTS);
    rules.push(("topics-with-overrides", bad));
    rules.push(("if-exists", except(&["alter", "delete", "describe"])));
    rules.push(("if-not-exists", except(&["create"])));
    rules.push(("exclude-internal", except(&["list", "describe"])));
    for (used, invalid) in rules {
        if !o.has(used) {
            continue;
        }
        if let Some(arg) = invalid.iter().find(|a| o.has(a)) {
            return usage(&format!(
                "Option \"[{used}]\" can't be used with option \"[{arg}]\""
            ));
        }
    }
    None
}

/// An `Integer` option's value, converted when read, as jopt does.
fn integer(o: &jopt::Parsed, name: &str) -> Result<Option<i32>, Failure> {
    let Some(text) = o.value(name)? else {
        return Ok(None);
    };
    jopt::integer(name, text)
        .map(Some)
        .map_err(|(message, causes)| Failure {
            message,
            class: "joptsimple.OptionArgumentConversionException".into(),
            causes,
        })
}

/// `TopicService#createTopic`.
fn create(cluster: &mut Cluster, o: &jopt::Parsed, out: &mut Output) -> Result<(), Failure> {
    // CommandTopicPartition's constructor reads every option first.
    let name = o.value("topic")?.unwrap_or_default().to_string();
    let partitions = integer(o, "partitions")?;
    let replication_factor = integer(o, "replication-factor")?;
    let replica_assignment = match o.value("replica-assignment")? {
        Some(text) if !text.is_empty() => Some(parse_replica_assignment(text).map_err(|e| {
            let class = if e.message.starts_with("For input string") {
                "java.lang.NumberFormatException"
            } else if e.message.starts_with("Partition replica lists") {
                "org.apache.kafka.server.common.AdminCommandFailedException"
            } else {
                "org.apache.kafka.server.common.AdminOperationException"
            };
            Failure {
                message: e.message,
                class: class.into(),
                causes: Vec::new(),
            }
        })?),
        _ => None,
    };
    let configs = topic_configs(o)?;
    // Topic.hasCollisionChars.
    if name.contains(['.', '_']) {
        out.stdout.push_str("WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.\n");
    }
    if replication_factor.is_some_and(|rf| !(1..=i32::from(i16::MAX)).contains(&rf)) {
        return Err(Failure::illegal(
            "The replication factor must be between 1 and 32767 inclusive",
        ));
    }
    if partitions.is_some_and(|p| p < 1) {
        return Err(Failure::illegal("The partitions must be greater than 0"));
    }
    let command = Command::CreateTopic {
        name: name.clone(),
        partitions: partitions.filter(|_| replica_assignment.is_none()),
        replication_factor: replication_factor.filter(|_| replica_assignment.is_none()),
        replica_assignment,
        configs,
    };
    match cluster.apply(&command) {
        Ok(events) => {
            out.events.extend(events);
            out.stdout.push_str(&format!("Created topic {name}.\n"));
            Ok(())
        }
        Err(e) if e.kind == ErrorKind::TopicExistsException && o.has("if-not-exists") => Ok(()),
        Err(e) => Err(Failure::kafka(&e)),
    }
}

/// `parseTopicConfigsToBeAdded`: each `--config` is `name=value`, split at `\s*=\s*`.
fn topic_configs(o: &jopt::Parsed) -> Result<Vec<(String, String)>, Failure> {
    let mut configs = Vec::new();
    for c in o.values("config") {
        let parts: Vec<&str> = c.split('=').map(str::trim).collect();
        let [k, v] = parts.as_slice() else {
            return Err(Failure::illegal("requirement failed: Invalid topic config: all configs to be added must be in the format \"key=val\"."));
        };
        configs.push((k.to_string(), v.to_string()));
    }
    Ok(configs)
}

/// `TopicService#getTopics`: every topic, sorted, that the include list matches.
fn topics(cluster: &Cluster, o: &jopt::Parsed) -> Result<Vec<String>, Failure> {
    let names = cluster.topics().map(|t| t.name.to_string());
    let Some(regex) = o.value("topic")? else {
        return Ok(names.collect());
    };
    let filter = IncludeList::new(regex).map_err(|m| Failure {
        message: m,
        class: "java.util.regex.PatternSyntaxException".into(),
        causes: Vec::new(),
    })?;
    Ok(names.filter(|n| filter.matches(n)).collect())
}

/// `ensureTopicExists`.
fn ensure_exists(found: &[String], o: &jopt::Parsed) -> Result<(), Failure> {
    let requested = o.value("topic")?.filter(|t| !t.is_empty());
    match requested {
        Some(t) if found.is_empty() && !o.has("if-exists") => Err(Failure::illegal(format!(
            "Topic '{t}' does not exist as expected"
        ))),
        _ => Ok(()),
    }
}

/// `TopicService#listTopics`: the names, one a line (an empty line for none).
fn list(cluster: &Cluster, o: &jopt::Parsed, out: &mut Output) -> Result<(), Failure> {
    let names = topics(cluster, o)?;
    out.stdout.push_str(&names.join("\n"));
    out.stdout.push('\n');
    Ok(())
}

/// `TopicService#describeTopic`.
fn describe(cluster: &Cluster, o: &jopt::Parsed, out: &mut Output) -> Result<(), Failure> {
    let names = match o.value("topic-id")? {
        Some(id) => {
            let found: Vec<String> = cluster
                .topics()
                .filter(|t| topic_id(&t.name) == id)
                .map(|t| t.name.to_string())
                .collect();
            if found.is_empty() && !o.has("if-exists") {
                return Err(Failure::illegal(format!(
                    "TopicId '{id}' does not exist as expected"
                )));
            }
            found
        }
        None => {
            let found = topics(cluster, o)?;
            ensure_exists(&found, o)?;
            found
        }
    };
    let filter = if o.has("under-replicated-partitions") {
        DescribeFilter::UnderReplicated
    } else if o.has("under-min-isr-partitions") {
        DescribeFilter::UnderMinIsr
    } else if o.has("at-min-isr-partitions") {
        DescribeFilter::AtMinIsr
    } else if o.has("unavailable-partitions") {
        DescribeFilter::Unavailable
    } else if o.has("topics-with-overrides") {
        DescribeFilter::TopicsWithOverrides
    } else {
        DescribeFilter::All
    };
    for name in names {
        let text = cluster
            .describe_topics(Some(&name), filter)
            .map_err(|e| Failure::kafka(&e))?;
        out.stdout.push_str(&text);
    }
    Ok(())
}

/// `TopicService#alterTopic`: more partitions for every matching topic.
fn alter(cluster: &mut Cluster, o: &jopt::Parsed, out: &mut Output) -> Result<(), Failure> {
    let partitions = integer(o, "partitions")?.unwrap_or_default();
    if o.has("replica-assignment") {
        return Err(Failure::kafka(&not_modelled(
            "--alter with --replica-assignment",
        )));
    }
    let names = topics(cluster, o)?;
    ensure_exists(&names, o)?;
    for name in names {
        let command = Command::AlterTopic { name, partitions };
        let events = cluster.apply(&command).map_err(|e| Failure::kafka(&e))?;
        out.events.extend(events);
    }
    Ok(())
}

/// `TopicService#deleteTopic`: the engine keeps every topic it created.
fn delete(cluster: &Cluster, o: &jopt::Parsed) -> Result<(), Failure> {
    let names = topics(cluster, o)?;
    ensure_exists(&names, o)?;
    if names.is_empty() {
        return Ok(());
    }
    Err(Failure::kafka(&not_modelled("Deleting a topic")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn three_brokers() -> Cluster {
        let mut c = Cluster::default();
        c.apply_script("start-broker id=2\nstart-broker id=3")
            .expect("starts");
        c
    }

    #[test]
    fn create_then_describe_prints_what_kafka_topics_prints() {
        let mut c = three_brokers();
        let out = super::super::run(
            &mut c,
            "kafka-topics.sh --create --topic orders --replica-assignment 1:2:3,2:3:1",
        );
        assert_eq!(out.stdout, "Created topic orders.\n");
        assert_eq!(out.exit_code, 0);
        let out = super::super::run(&mut c, "kafka-topics --describe --topic ord.*");
        assert!(
            out.stdout
                .contains("\tTopic: orders\tPartition: 1\tLeader: 2\tReplicas: 2,3,1\tIsr: 2,3,1\tElr: \tLastKnownElr: \n"),
            "{}",
            out.stdout
        );
    }

    #[test]
    fn a_broker_error_is_printed_twice_as_printexception_does() {
        let mut c = three_brokers();
        super::super::run(&mut c, "kafka-topics.sh --create --topic t");
        let out = super::super::run(&mut c, "kafka-topics.sh --create --topic t");
        assert_eq!(
            out.stdout,
            "Error while executing topic command : Topic 't' already exists.\n"
        );
        assert_eq!(
            out.stderr,
            "[1970-01-01 00:00:00,000] ERROR org.apache.kafka.common.errors.TopicExistsException: Topic 't' already exists.\n (org.apache.kafka.tools.TopicCommand)\n"
        );
        assert_eq!(out.exit_code, 1);
        let out = super::super::run(&mut c, "kafka-topics.sh --create --topic t --if-not-exists");
        assert_eq!((out.stdout.as_str(), out.exit_code), ("", 0));
    }

    #[test]
    fn usage_errors_print_the_message_and_the_help_and_change_nothing() {
        let mut c = three_brokers();
        let out = super::super::run(&mut c, "kafka-topics.sh --create");
        assert!(out
            .stderr
            .starts_with("Missing required argument \"[topic]\"\nOption  "));
        assert_eq!(out.exit_code, 1);
        assert_eq!(c.topics().count(), 0);
    }
}
