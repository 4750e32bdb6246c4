//! C#, `Confluent.Kafka` (librdkafka), as the seeds' KafkaDemo uses it: typed configs
//! (`ProducerConfig`, `ConsumerConfig`, `Config_gen.cs`), `ProducerBuilder<string,
//! string>`, `ProduceAsync`, `ConsumerBuilder`, `Consume(TimeSpan)` (null when nothing
//! came), `Commit(ConsumeResult)` (Confluent.Kafka 2.15). A config without a typed
//! property goes through `Config.Set(key, value)`.

use super::librdkafka::{self, Setting};
use super::{c_string, comment, Setup, POLLS};
use crate::partitioner::Partitioner;

/// The typed property and C# value for a setting, if Confluent.Kafka has one.
fn property(s: &Setting) -> Option<String> {
    let v = s.value.as_str();
    let enum_member = |ty: &str, member: &str| format!("{ty}.{member}");
    let (prop, expr) = match s.name {
        "acks" => (
            "Acks",
            enum_member(
                "Acks",
                match v {
                    "0" => "None",
                    "1" => "Leader",
                    _ => "All",
                },
            ),
        ),
        "enable.idempotence" => ("EnableIdempotence", v.to_string()),
        "enable.auto.commit" => ("EnableAutoCommit", v.to_string()),
        "partitioner" => (
            "Partitioner",
            enum_member(
                "Partitioner",
                match v {
                    "random" => "Random",
                    "consistent" => "Consistent",
                    "consistent_random" => "ConsistentRandom",
                    "murmur2" => "Murmur2",
                    "murmur2_random" => "Murmur2Random",
                    _ => return None,
                },
            ),
        ),
        "max.in.flight.requests.per.connection" => ("MaxInFlight", v.to_string()),
        "batch.size" => ("BatchSize", v.to_string()),
        "retries" => ("MessageSendMaxRetries", v.to_string()),
        "sticky.partitioning.linger.ms" => ("StickyPartitioningLingerMs", v.to_string()),
        "transactional.id" => ("TransactionalId", c_string(v)),
        "group.id" => ("GroupId", c_string(v)),
        "group.instance.id" => ("GroupInstanceId", c_string(v)),
        "group.remote.assignor" => ("GroupRemoteAssignor", c_string(v)),
        "auto.offset.reset" => (
            "AutoOffsetReset",
            enum_member(
                "AutoOffsetReset",
                match v {
                    "earliest" => "Earliest",
                    "latest" => "Latest",
                    _ => "Error",
                },
            ),
        ),
        "auto.commit.interval.ms" => ("AutoCommitIntervalMs", v.to_string()),
        "isolation.level" => (
            "IsolationLevel",
            enum_member(
                "IsolationLevel",
                if v == "read_committed" {
                    "ReadCommitted"
                } else {
                    "ReadUncommitted"
                },
            ),
        ),
        "session.timeout.ms" => ("SessionTimeoutMs", v.to_string()),
        "heartbeat.interval.ms" => ("HeartbeatIntervalMs", v.to_string()),
        "max.poll.interval.ms" => ("MaxPollIntervalMs", v.to_string()),
        "group.protocol" => (
            "GroupProtocol",
            enum_member(
                "GroupProtocol",
                if v == "consumer" {
                    "Consumer"
                } else {
                    "Classic"
                },
            ),
        ),
        // A single assignor is an enum value; a list goes through Set.
        "partition.assignment.strategy" => (
            "PartitionAssignmentStrategy",
            enum_member(
                "PartitionAssignmentStrategy",
                match v {
                    "range" => "Range",
                    "roundrobin" => "RoundRobin",
                    "cooperative-sticky" => "CooperativeSticky",
                    _ => return None,
                },
            ),
        ),
        _ => return None,
    };
    Some(format!("{prop} = {expr}"))
}

/// `var NAME = new TYPE { ... };` and the `Set` calls for the rest.
fn config(out: &mut String, var: &str, ty: &str, settings: &[Setting]) {
    out.push_str(&format!(
        "var {var} = new {ty}\n{{\n    BootstrapServers = bootstrap,\n"
    ));
    let mut rest = Vec::new();
    for s in settings {
        match property(s) {
            Some(p) => {
                if let Some(why) = &s.why {
                    out.push_str(&comment("    // ", why, 82));
                }
                out.push_str(&format!("    {p},\n"));
            }
            None => rest.push(s),
        }
    }
    out.push_str("};\n");
    for s in rest {
        if let Some(why) = &s.why {
            out.push_str(&comment("// ", why, 86));
        }
        out.push_str(&format!(
            "{var}.Set({}, {});\n",
            c_string(s.name),
            c_string(&s.value)
        ));
    }
}

fn nullable(v: Option<&str>) -> String {
    v.map_or("null".into(), c_string)
}

/// The program (top-level statements, as `dotnet new console` makes them).
pub fn generate(s: &Setup) -> String {
    let (producer, mut notes) = librdkafka::producer(s);
    let consumer = s.consumer.as_ref().map(|(name, topics, c)| {
        let (settings, more) = librdkafka::consumer(c);
        notes.extend(more);
        (name, topics, c, settings)
    });
    let mut out = String::new();
    out.push_str(&comment(
        "// ",
        &format!(
            "Kafka Playground: the sandbox's producer{} for a real cluster, with \
             Confluent.Kafka (librdkafka). Run: dotnet new console, dotnet add package \
             Confluent.Kafka, put this in Program.cs, then dotnet run [bootstrap-servers]",
            if consumer.is_some() {
                " and consumer"
            } else {
                ""
            },
        ),
        86,
    ));
    let other = (s.producer.partitioner == Partitioner::Default).then_some((
        Partitioner::ConsistentRandom,
        "librdkafka's default partitioner",
    ));
    out.push_str(&super::header(
        "//",
        s,
        s.placements(s.producer.partitioner, other),
    ));
    out.push_str(
        "//\n// librdkafka's defaults differ from the Java client's that the sandbox models:\n\
         // the settings with a comment make this program do what the sandbox does.\n",
    );
    for note in &notes {
        out.push_str(&comment("// ", note, 86));
    }
    out.push_str("using System;\n");
    if s.samples.iter().any(|x| !x.headers.is_empty()) {
        out.push_str("using System.Text;\n");
    }
    out.push_str("using System.Threading.Tasks;\nusing Confluent.Kafka;\n\n");
    out.push_str(&format!(
        "var bootstrap = args.Length > 0 ? args[0] : \"localhost:9092\";\nconst string Topic = {};\n\n",
        c_string(&s.topic)
    ));
    config(&mut out, "producerConfig", "ProducerConfig", &producer);
    out.push_str(
        "using (var producer = new ProducerBuilder<string, string>(producerConfig).Build())\n{\n",
    );
    let transactional = s.producer.transactional_id.is_some();
    if transactional {
        out.push_str(
            "    producer.InitTransactions(TimeSpan.FromSeconds(30));\n    producer.BeginTransaction();\n",
        );
    }
    for sample in &s.samples {
        let headers = if sample.headers.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = sample
                .headers
                .iter()
                .map(|(k, v)| {
                    format!(
                        "{{ {}, Encoding.UTF8.GetBytes({}) }}",
                        c_string(k),
                        c_string(v)
                    )
                })
                .collect();
            format!(", new Headers {{ {} }}", list.join(", "))
        };
        out.push_str(&format!(
            "    await Send(producer, Topic, {}, {}{headers});\n",
            nullable(sample.key.as_deref()),
            nullable(sample.value.as_deref())
        ));
    }
    if transactional {
        out.push_str("    producer.CommitTransaction();\n");
    }
    out.push_str("}\n");
    if let Some((name, topics, config_, settings)) = &consumer {
        out.push_str(&format!(
            "\n// The sandbox's consumer {name:?}, in group {:?}.\n",
            config_.group_id
        ));
        config(&mut out, "consumerConfig", "ConsumerConfig", settings);
        if config_.auto_offset_reset == crate::consumer::OffsetReset::Latest {
            out.push_str(&comment("// ", super::LATEST_NOTE, 86));
        }
        let subscription = match topics.as_slice() {
            [one] if *one == s.topic => "Topic".to_string(),
            list => format!(
                "new[] {{ {} }}",
                list.iter()
                    .map(|t| c_string(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        out.push_str(&format!(
            "using (var consumer = new ConsumerBuilder<string, string>(consumerConfig).Build())\n{{\n    \
             consumer.Subscribe({subscription});\n    \
             // A real consumer polls until it is shut down; this one stops after {POLLS}.\n    \
             for (var polls = 0; polls < {POLLS}; polls++)\n    {{\n        \
             var result = consumer.Consume(TimeSpan.FromSeconds(1));\n        \
             if (result == null)\n        {{\n            continue;\n        }}\n        \
             Console.WriteLine($\"read key={{result.Message.Key}} partition={{result.Partition.Value}} offset={{result.Offset.Value}} value={{result.Message.Value}}\");\n"
        ));
        if !config_.enable_auto_commit {
            out.push_str(
                "        // EnableAutoCommit = false: commit after processing (at least once).\n        \
                 consumer.Commit(result);\n",
            );
        }
        out.push_str("    }\n    consumer.Close();\n}\n");
    } else {
        out.push('\n');
        out.push_str(&super::no_consumer_note("// ", &s.topic));
    }
    out.push_str(
        "\n// Sends one record and waits for its acks, as the sandbox's producer does.\n\
         static async Task Send(IProducer<string, string> producer, string topic, string? key, string? value, Headers? headers = null)\n\
         {\n    \
         var sent = await producer.ProduceAsync(topic, new Message<string, string> { Key = key!, Value = value!, Headers = headers });\n    \
         Console.WriteLine($\"sent key={key} partition={sent.Partition.Value} offset={sent.Offset.Value}\");\n\
         }\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(script: &str) -> String {
        generate(&super::super::setup_after(script))
    }

    /// The whole program for one setup, held as a snapshot: no C# compiler runs here,
    /// so every name in it was checked against Confluent.Kafka 2.15's source.
    #[test]
    fn the_program_for_a_keyed_producer_and_a_manual_committer() {
        let cs = code(
            "create-topic orders partitions=3\nproduce orders key=order-100 value=created header.source=web\n\
             create-consumer c1 group=billing enable.auto.commit=false auto.offset.reset=earliest\n\
             subscribe c1 topics=orders",
        );
        let expected = include_str!("testdata/Program.cs");
        assert_eq!(cs, expected, "--- got\n{cs}");
    }

    #[test]
    fn configs_without_a_typed_property_go_through_set() {
        let cs = code(
            "create-topic t partitions=1\nproduce t key=k value=v\n\
             create-consumer c group=g partition.assignment.strategy=range,roundrobin\n\
             subscribe c topics=t",
        );
        assert!(
            cs.contains(
                r#"consumerConfig.Set("partition.assignment.strategy", "range,roundrobin");"#
            ),
            "{cs}"
        );
        assert!(cs.contains("    Acks = Acks.All,\n"));
        assert!(cs.contains("    Partitioner = Partitioner.Murmur2Random,\n"));
        assert!(cs.contains("    IsolationLevel = IsolationLevel.ReadUncommitted,\n"));
    }
}
