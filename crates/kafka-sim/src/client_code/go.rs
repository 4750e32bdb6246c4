//! Go, `github.com/segmentio/kafka-go` v0.4.50, the client of the seeds' platform.
//!
//! Its defaults differ from Java's more than librdkafka's do (writer.go, reader.go,
//! consumergroup.go, balancer.go):
//!
//! | | kafka-go | Java |
//! |---|---|---|
//! | `Writer.Balancer` | round-robin, keys ignored | murmur2 |
//! | `Writer.RequiredAcks` | `RequireNone` (acks=0) on a literal | all |
//! | `Writer.BatchTimeout` | 1 s | `linger.ms` 5 |
//! | idempotence, transactions | none | idempotent by default |
//! | `ReaderConfig.StartOffset` | `FirstOffset` (earliest) | latest |
//! | `ReaderConfig.SessionTimeout` | 30 s | 45 s |
//! | `ReaderConfig.CommitInterval` | 0: every commit synchronous (`ReadMessage` commits as it reads) | auto-commit every 5 s |
//! | group protocol | classic only | classic, or consumer (KIP-848) |
//!
//! `Murmur2Balancer` hashes keys as Java does; a nil key goes to a random partition per
//! message where Java is sticky. Composite literals are written aligned as gofmt
//! aligns them, with no comments inside, so `gofmt -l` has nothing to say.

use super::{c_string, comment, comment_with, consumer_settings, Setup};
use crate::assignor::Strategy;
use crate::consumer::OffsetReset;
use crate::partitioner::Partitioner;
use crate::producer::go_writer::GoWriter;

/// A composite literal's fields, values aligned one column after the longest key.
fn fields(out: &mut String, indent: &str, fields: &[(&str, String)]) {
    let width = fields.iter().map(|(k, _)| k.len()).max().unwrap_or(0) + 1;
    for (k, v) in fields {
        out.push_str(&format!("{indent}{:<width$} {v},\n", format!("{k}:")));
    }
}

fn bytes(s: &str) -> String {
    format!("[]byte({})", c_string(s))
}

/// `ms` as a Go duration expression.
fn duration(ms: i64) -> String {
    if ms % 1000 == 0 {
        format!("{} * time.Second", ms / 1000)
    } else {
        format!("{ms} * time.Millisecond")
    }
}

/// The sandbox's own Writer (`set-writer`), field for field: only the fields it set, so
/// the zero values act here as they did there; and what those zero values do.
fn learner_writer(w: &GoWriter, why: &mut Vec<String>) -> Vec<(&'static str, String)> {
    let set = |name: &str| w.fields.iter().any(|(n, _)| n == name);
    let mut out = vec![
        ("Addr", "kafka.TCP(bootstrap)".to_string()),
        ("Topic", "topic".to_string()),
    ];
    if set("Balancer") {
        out.push(("Balancer", w.balancer_literal().to_string()));
    } else {
        why.push("Balancer: nil is round-robin, so keys do not pick the partition.".into());
    }
    if set("RequiredAcks") {
        out.push(("RequiredAcks", format!("kafka.{}", w.acks_name())));
    } else {
        why.push(
            "RequiredAcks: the zero value is RequireNone: the broker sends no answer, so \
             a refused write looks written."
                .into(),
        );
    }
    if set("Async") {
        out.push(("Async", w.is_async.to_string()));
        if w.is_async && !w.completion {
            why.push(
                "Async without a Completion callback: WriteMessages returns nil at once, and \
                 a write that fails after MaxAttempts is dropped without a word."
                    .into(),
            );
        }
    }
    let numbers: [(&'static str, String); 7] = [
        ("BatchSize", w.batch_size.to_string()),
        ("BatchTimeout", duration(w.batch_timeout_ms)),
        ("MaxAttempts", w.max_attempts.to_string()),
        ("WriteBackoffMin", duration(w.write_backoff_min_ms)),
        ("WriteBackoffMax", duration(w.write_backoff_max_ms)),
        ("WriteTimeout", duration(w.write_timeout_ms)),
        (
            "AllowAutoTopicCreation",
            w.allow_auto_topic_creation.to_string(),
        ),
    ];
    out.extend(numbers.into_iter().filter(|(n, _)| set(n)));
    out
}

/// The program.
pub fn generate(s: &Setup) -> String {
    let p = &s.producer;
    let mut why: Vec<String> = Vec::new();
    let mut cannot: Vec<String> = Vec::new();
    if let Some(w) = &p.writer {
        return program(s, learner_writer(w, &mut why), why, cannot, Some(w));
    }
    let balancer = if p.ignore_keys {
        why.push(
            "Balancer: Java's partitioner.ignore.keys is sticky per batch.size bytes; \
             kafka-go's nearest is RoundRobin."
                .into(),
        );
        "&kafka.RoundRobin{}"
    } else {
        match p.partitioner {
            Partitioner::Default
            | Partitioner::Murmur2Random
            | Partitioner::Murmur2
            | Partitioner::KafkaGoMurmur2
            | Partitioner::KafkajsDefault => {
                why.push(
                    "Balancer: a Writer's default is round-robin, which ignores keys; \
                     Murmur2Balancer places keys as Java does (a nil key goes to a random \
                     partition per message, where Java sticks to one)."
                        .into(),
                );
                "&kafka.Murmur2Balancer{}"
            }
            Partitioner::RoundRobin => "&kafka.RoundRobin{}",
            Partitioner::Fnv1a
            | Partitioner::Fnv1aRandom
            | Partitioner::SaramaHash
            | Partitioner::KafkaGoHash => "&kafka.Hash{}",
            Partitioner::SaramaReferenceHash | Partitioner::KafkaGoReferenceHash => {
                "&kafka.ReferenceHash{}"
            }
            Partitioner::KafkajsLegacy => {
                cannot.push(
                    "KafkaJS's LegacyPartitioner hashes with its own murmur2 port; no \
                     kafka-go Balancer places keys the same way."
                        .into(),
                );
                "&kafka.Murmur2Balancer{}"
            }
            Partitioner::ConsistentRandom | Partitioner::KafkaGoCrc32 => {
                why.push(
                    "Balancer: CRC32Balancer places keys as librdkafka's consistent_random \
                     does; a nil or empty key goes to a random partition per message, where \
                     librdkafka sticks to one for sticky.partitioning.linger.ms."
                        .into(),
                );
                "&kafka.CRC32Balancer{}"
            }
            Partitioner::Consistent => "&kafka.CRC32Balancer{Consistent: true}",
        }
    };
    let acks = match p.acks {
        0 => "kafka.RequireNone",
        1 => "kafka.RequireOne",
        _ => "kafka.RequireAll",
    };
    if p.acks != 0 {
        why.push("RequiredAcks: a Writer literal's default is RequireNone, acks=0.".into());
    }
    why.push("BatchTimeout: the default is 1 s; Java's linger.ms is 5 ms.".into());
    cannot.push(
        "kafka-go's Writer does not create topics (AllowAutoTopicCreation is false): \
         without the topic, WriteMessages fails with Unknown Topic Or Partition."
            .into(),
    );
    if p.idempotent() {
        cannot.push(
            "kafka-go has no idempotent producer: a batch retried after a lost \
             acknowledgement is written twice, where the sandbox's producer writes it once."
                .into(),
        );
    }
    if p.transactional_id.is_some() {
        cannot.push(
            "kafka-go's Writer has no transactions: these records are written one by one, \
             not atomically."
                .into(),
        );
    }
    let mut writer = vec![
        ("Addr", "kafka.TCP(bootstrap)".to_string()),
        ("Topic", "topic".to_string()),
        ("Balancer", balancer.to_string()),
        ("RequiredAcks", acks.to_string()),
        ("BatchTimeout", duration(5)),
    ];
    if p.retries == i32::MAX {
        cannot.push(
            "kafka-go gives up on a batch after 10 attempts (MaxAttempts); Java retries \
             until delivery.timeout.ms (120 s) has passed."
                .into(),
        );
    } else {
        // MaxAttempts counts the first try too.
        writer.push((
            "MaxAttempts",
            (i64::from(p.retries) + 1)
                .min(i64::from(i32::MAX))
                .to_string(),
        ));
    }
    program(s, writer, why, cannot, None)
}

/// The program around its Writer's fields; `own` is the sandbox's own Writer, when the
/// producer is one.
fn program(
    s: &Setup,
    writer: Vec<(&'static str, String)>,
    mut why: Vec<String>,
    mut cannot: Vec<String>,
    own: Option<&GoWriter>,
) -> String {
    // The reader.
    let mut reader: Vec<(&str, String)> = Vec::new();
    let mut auto_commit = true;
    let mut group = String::new();
    let mut consumer_name = String::new();
    if let Some((name, topics, c)) = &s.consumer {
        consumer_name = name.clone();
        group = c.group_id.clone();
        auto_commit = c.enable_auto_commit;
        reader.push(("Brokers", "[]string{bootstrap}".into()));
        reader.push(("GroupID", c_string(&c.group_id)));
        match topics.as_slice() {
            [one] if *one == s.topic => reader.push(("Topic", "topic".into())),
            list => reader.push((
                "GroupTopics",
                format!(
                    "[]string{{{}}}",
                    list.iter()
                        .map(|t| c_string(t))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
        match c.auto_offset_reset {
            OffsetReset::Latest => {
                why.push(
                    "StartOffset: a Reader's default is FirstOffset (earliest); Java's \
                     auto.offset.reset is latest."
                        .into(),
                );
                reader.push(("StartOffset", "kafka.LastOffset".into()));
            }
            OffsetReset::Earliest => reader.push(("StartOffset", "kafka.FirstOffset".into())),
            OffsetReset::None => cannot.push(
                "kafka-go has no auto.offset.reset=none: a group without committed offsets \
                 starts at the earliest offset (FirstOffset, StartOffset's default) instead \
                 of failing."
                    .into(),
            ),
        }
        if !c.explicit.iter().any(|n| n == "session.timeout.ms") {
            why.push("SessionTimeout: the default is 30 s; Java's is 45 s.".into());
        }
        reader.push(("SessionTimeout", duration(c.session_timeout_ms)));
        if c.explicit.iter().any(|n| n == "heartbeat.interval.ms") {
            reader.push(("HeartbeatInterval", duration(c.heartbeat_interval_ms)));
        }
        if c.enable_auto_commit {
            why.push(format!(
                "CommitInterval: 0 by default (every commit synchronous). ReadMessage would \
                 commit a record before your code handles it; this program commits after \
                 handling, queued and sent every auto.commit.interval.ms ({} ms), as Java's \
                 auto-commit commits only what an earlier poll returned.",
                c.auto_commit_interval_ms
            ));
            reader.push(("CommitInterval", duration(c.auto_commit_interval_ms)));
        }
        if c.read_committed {
            reader.push(("IsolationLevel", "kafka.ReadCommitted".into()));
            cannot.push(
                "kafka-go v0.4.50 does not filter aborted transactions (segmentio/kafka-go \
                 issue 1332): with ReadCommitted it stops at the last stable offset, so open \
                 transactions stay hidden, but records of aborted ones are returned."
                    .into(),
            );
        }
        let explicit = |n: &str| c.explicit.iter().any(|e| e == n);
        if explicit("partition.assignment.strategy") {
            let mut balancers = Vec::new();
            for st in &c.strategies {
                match st {
                    Strategy::Range => balancers.push("kafka.RangeGroupBalancer{}"),
                    Strategy::RoundRobin => balancers.push("kafka.RoundRobinGroupBalancer{}"),
                    other => cannot.push(format!(
                        "kafka-go has no {other} assignor: its group balancers are range, \
                         round-robin and rack affinity."
                    )),
                }
            }
            if !balancers.is_empty() {
                reader.push((
                    "GroupBalancers",
                    format!("[]kafka.GroupBalancer{{{}}}", balancers.join(", ")),
                ));
            }
        }
        if c.group_protocol == crate::consumer::GroupProtocol::Consumer {
            cannot.push(
                "kafka-go speaks only the classic group protocol: group.protocol=consumer \
                 (KIP-848) is not available."
                    .into(),
            );
        }
        if explicit("max.poll.interval.ms") {
            cannot.push(
                "kafka-go has no max.poll.interval.ms: a slow handler is not removed from \
                 the group."
                    .into(),
            );
        }
        // Every other setting the sandbox made, named so nothing is silently dropped.
        let handled = [
            "group.id",
            "auto.offset.reset",
            "session.timeout.ms",
            "heartbeat.interval.ms",
            "enable.auto.commit",
            "auto.commit.interval.ms",
            "isolation.level",
            "partition.assignment.strategy",
            "group.protocol",
            "max.poll.interval.ms",
        ];
        let rest: Vec<String> = consumer_settings(c)
            .into_iter()
            .filter(|(n, _)| !handled.contains(&n.as_str()))
            .map(|(n, v)| format!("{n}={v}"))
            .collect();
        if !rest.is_empty() {
            cannot.push(format!(
                "The sandbox's consumer also sets {}, which this program does not carry over.",
                rest.join(", ")
            ));
        }
    }

    let mut out = String::new();
    out.push_str(&comment(
        "// ",
        &format!(
            "Kafka Playground: the sandbox's producer{} for a real cluster, with \
             github.com/segmentio/kafka-go v0.4.50. Run: go mod init playground, go get \
             github.com/segmentio/kafka-go@v0.4.50, then go run . [bootstrap-servers]",
            if s.consumer.is_some() {
                " and consumer"
            } else {
                ""
            },
        ),
        86,
    ));
    out.push_str(&super::header(
        "//",
        s,
        s.placements(own.map_or(s.producer.partitioner, |w| w.balancer), None),
    ));
    out.push_str(if own.is_some() {
        "//\n// The sandbox's producer is this kafka-go Writer; a field left out keeps its zero value:\n"
    } else {
        "//\n// kafka-go's defaults differ from the Java client's that the sandbox models:\n"
    });
    for w in &why {
        out.push_str(&comment_with("// - ", "//   ", w, 84));
    }
    for c in &cannot {
        out.push_str(&comment("// ", c, 86));
    }
    // A blank line: the header is not package main's doc comment, which gofmt reflows.
    out.push_str("\npackage main\n\n");
    let header = std::mem::take(&mut out);
    out.push_str(&format!("const topic = {}\n\n", c_string(&s.topic)));
    out.push_str(
        "func main() {\n\tbootstrap := \"localhost:9092\"\n\tif len(os.Args) > 1 {\n\t\tbootstrap = os.Args[1]\n\t}\n\tproduce(bootstrap)\n",
    );
    if s.consumer.is_some() {
        out.push_str("\tconsume(bootstrap)\n");
    }
    out.push_str("}\n\nfunc produce(bootstrap string) {\n\twriter := &kafka.Writer{\n");
    fields(&mut out, "\t\t", &writer);
    match own {
        // The sandbox's Writer had no callback: neither has this one.
        Some(w) if !w.completion => out.push_str(
            "\t}\n\t// Close writes what is still batched.\n\tdefer writer.Close()\n\tctx := context.Background()\n",
        ),
        // Completion gets each message with its partition and offset set once written,
        // or the error that ended the batch.
        _ => out.push_str(
            "\t}\n\twriter.Completion = func(messages []kafka.Message, err error) {\n\t\t\
             if err != nil {\n\t\t\tlog.Printf(\"write of %d messages failed: %v\", len(messages), err)\n\t\t\treturn\n\t\t}\n\t\t\
             for _, m := range messages {\n\t\t\t\
             fmt.Printf(\"sent key=%s partition=%d offset=%d\\n\", m.Key, m.Partition, m.Offset)\n\t\t}\n\t}\n\
             \tdefer writer.Close()\n\tctx := context.Background()\n",
        ),
    }
    for sample in &s.samples {
        let mut parts = Vec::new();
        if let Some(k) = &sample.key {
            parts.push(format!("Key: {}", bytes(k)));
        }
        if let Some(v) = &sample.value {
            parts.push(format!("Value: {}", bytes(v)));
        }
        if !sample.headers.is_empty() {
            let hs: Vec<String> = sample
                .headers
                .iter()
                .map(|(k, v)| format!("{{Key: {}, Value: {}}}", c_string(k), bytes(v)))
                .collect();
            parts.push(format!("Headers: []kafka.Header{{{}}}", hs.join(", ")));
        }
        out.push_str(&format!(
            "\tsend(ctx, writer, kafka.Message{{{}}})\n",
            parts.join(", ")
        ));
    }
    out.push_str(match own {
        Some(w) if w.is_async => {
            "}\n\n// send hands one record to the Writer: with Async, WriteMessages returns at once.\n"
        }
        Some(_) => "}\n\n// send writes one record and waits for its batch, as the sandbox's Writer did.\n",
        None => "}\n\n// send writes one record and waits for its acks, as the sandbox's producer does.\n",
    });
    out.push_str(
        "func send(ctx context.Context, writer *kafka.Writer, m kafka.Message) {\n\t\
         if err := writer.WriteMessages(ctx, m); err != nil {\n\t\tlog.Fatal(err)\n\t}\n}\n",
    );
    if s.consumer.is_some() {
        out.push_str(&format!(
            "\n// consume reads as the sandbox's consumer {consumer_name:?} does, in group {group:?}.\n\
             func consume(bootstrap string) {{\n\treader := kafka.NewReader(kafka.ReaderConfig{{\n"
        ));
        fields(&mut out, "\t\t", &reader);
        // Fetch, handle, then commit: at least once, as the sandbox's consumer.
        let read = "FetchMessage";
        let commit = if auto_commit {
            "\t\t// Queued: sent every CommitInterval, as Java's auto-commit.\n\t\t\
             if err := reader.CommitMessages(ctx, m); err != nil {\n\t\t\tlog.Fatal(err)\n\t\t}\n"
        } else {
            "\t\t// enable.auto.commit=false: commit after processing (at least once).\n\t\t\
             if err := reader.CommitMessages(ctx, m); err != nil {\n\t\t\tlog.Fatal(err)\n\t\t}\n"
        };
        out.push_str(&format!(
            "\t}})\n\tdefer reader.Close()\n\
             \t// A real consumer reads until it is shut down; this one stops after 10 s.\n\
             \tctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)\n\
             \tdefer cancel()\n\
             \tfor {{\n\t\tm, err := reader.{read}(ctx)\n\t\tif err != nil {{\n\t\t\treturn\n\t\t}}\n\
             \t\tfmt.Printf(\"read key=%s partition=%d offset=%d value=%s\\n\", m.Key, m.Partition, m.Offset, m.Value)\n\
             {commit}\t}}\n}}\n"
        ));
    } else {
        out.push('\n');
        out.push_str(&super::no_consumer_note("// ", &s.topic));
    }
    // Go refuses an unused import: import what the program uses.
    let uses = |package: &str| out.contains(&format!("{package}."));
    let imports: String = ["context", "fmt", "log", "os", "time"]
        .into_iter()
        .filter(|p| uses(p))
        .map(|p| format!("\t\"{p}\"\n"))
        .collect();
    format!("{header}import (\n{imports}\n\t\"github.com/segmentio/kafka-go\"\n)\n\n{out}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(script: &str) -> String {
        generate(&super::super::setup_after(script))
    }

    #[test]
    fn the_writer_places_keys_as_java_and_waits_for_all_replicas() {
        let go =
            code("create-topic orders partitions=3\nproduce orders key=order-100 value=created");
        assert!(
            go.contains("\t\tBalancer:     &kafka.Murmur2Balancer{},\n"),
            "{go}"
        );
        assert!(go.contains("\t\tRequiredAcks: kafka.RequireAll,\n"));
        assert!(go.contains("\t\tBatchTimeout: 5 * time.Millisecond,\n"));
        assert!(go.contains("kafka-go has no idempotent producer"));
        assert!(go.contains(
            "\tsend(ctx, writer, kafka.Message{Key: []byte(\"order-100\"), Value: []byte(\"created\")})\n"
        ));
    }

    #[test]
    fn the_reader_starts_at_the_latest_offset_and_commits_as_java_does() {
        let auto =
            code("create-topic t partitions=1\ncreate-consumer c group=g\nsubscribe c topics=t");
        assert!(
            auto.contains("\t\tStartOffset:    kafka.LastOffset,\n"),
            "{auto}"
        );
        assert!(auto.contains("\t\tSessionTimeout: 45 * time.Second,\n"));
        assert!(auto.contains("\t\tCommitInterval: 5 * time.Second,\n"));
        assert!(auto.contains("reader.FetchMessage(ctx)"));
        assert!(
            auto.contains("reader.CommitMessages(ctx, m)"),
            "committed after handling"
        );
        let manual = code(
            "create-topic t partitions=1\ncreate-consumer c group=g enable.auto.commit=false\n\
             subscribe c topics=t",
        );
        assert!(manual.contains("reader.FetchMessage(ctx)"), "{manual}");
        assert!(manual.contains("reader.CommitMessages(ctx, m)"));
        assert!(!manual.contains("CommitInterval"));
    }

    // The sandbox's own Writer is written as it was set: the seed's fields, no Balancer,
    // no callback, and the notes say what those leave out.
    #[test]
    fn the_sandboxs_writer_is_written_field_for_field() {
        let go = code(
            "create-topic orders partitions=3\n\
             set-writer RequiredAcks=kafka.RequireAll Async=true AllowAutoTopicCreation=true\n\
             produce orders key=user-2 value=created\ntick 1s",
        );
        assert!(
            go.contains("\t\tRequiredAcks:           kafka.RequireAll,\n"),
            "{go}"
        );
        assert!(go.contains("\t\tAsync:                  true,\n"));
        assert!(go.contains("\t\tAllowAutoTopicCreation: true,\n"));
        assert!(!go.contains("\t\tBalancer:"), "{go}");
        assert!(go.contains("key \"user-2\" -> a partition the partitioner picks"));
        // Nothing prints or waits: Go would refuse the unused imports.
        assert!(go.contains("import (\n\t\"context\"\n\t\"log\"\n\t\"os\"\n\n\t\"github.com/segmentio/kafka-go\"\n)\n"), "{go}");
        assert!(!go.contains("writer.Completion"));
        assert!(go.contains("// - Balancer: nil is round-robin"));
        assert!(go.contains("dropped without a word"));
        assert!(go.contains(
            "\tsend(ctx, writer, kafka.Message{Key: []byte(\"user-2\"), Value: []byte(\"created\")})\n"
        ));
        let with_callback = code(
            "create-topic orders partitions=3\nset-writer Balancer=kafka.Murmur2Balancer{} Completion=log\n\
             produce orders key=user-1 value=created",
        );
        assert!(
            with_callback.contains("\t\tBalancer: kafka.Murmur2Balancer{},\n"),
            "{with_callback}"
        );
        assert!(with_callback
            .contains("writer.Completion = func(messages []kafka.Message, err error) {"));
        assert!(with_callback.contains("// - RequiredAcks: the zero value is RequireNone"));
    }

    #[test]
    fn durations_are_seconds_when_whole() {
        assert_eq!(duration(45_000), "45 * time.Second");
        assert_eq!(duration(5), "5 * time.Millisecond");
    }
}
