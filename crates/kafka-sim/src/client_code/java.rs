//! Java, `org.apache.kafka:kafka-clients`: the client the engine models, so the program
//! sets only what the sandbox set away from the defaults (`ProducerConfig`,
//! `ConsumerConfig`), plus `acks`, which every lesson is about.

use super::{acks_name, c_string, comment, consumer_settings, Setup, POLLS};
use crate::consumer::OffsetReset;
use crate::partitioner::Partitioner;
use crate::producer::DEFAULT_TRANSACTION_TIMEOUT_MS;

/// The producer configs the program sets, with a note for what Java cannot do.
fn producer_settings(s: &Setup) -> (Vec<(String, String)>, Vec<String>) {
    let p = &s.producer;
    let mut set = vec![("acks".to_string(), c_string(acks_name(p.acks)))];
    let mut notes = Vec::new();
    if let Some(on) = p.enable_idempotence {
        set.push(("enable.idempotence".into(), c_string(&on.to_string())));
    }
    if p.retries != i32::MAX {
        set.push(("retries".into(), c_string(&p.retries.to_string())));
    }
    if p.max_in_flight != 5 {
        set.push((
            "max.in.flight.requests.per.connection".into(),
            c_string(&p.max_in_flight.to_string()),
        ));
    }
    if p.batch_size != 16_384 {
        set.push(("batch.size".into(), c_string(&p.batch_size.to_string())));
    }
    if p.ignore_keys {
        set.push(("partitioner.ignore.keys".into(), c_string("true")));
    }
    if p.metadata_max_age_ms != 300_000 {
        set.push((
            "metadata.max.age.ms".into(),
            c_string(&p.metadata_max_age_ms.to_string()),
        ));
    }
    match p.partitioner {
        Partitioner::Default => {}
        Partitioner::RoundRobin => set.push((
            "partitioner.class".into(),
            "RoundRobinPartitioner.class.getName()".into(),
        )),
        other => notes.push(format!(
            "The sandbox's producer uses the {other} partitioner, which the Java \
             client does not have: this program places keys by murmur2, the Java default."
        )),
    }
    if let Some(id) = &p.transactional_id {
        set.push(("transactional.id".into(), c_string(id)));
        if p.transaction_timeout_ms != DEFAULT_TRANSACTION_TIMEOUT_MS {
            set.push((
                "transaction.timeout.ms".into(),
                c_string(&p.transaction_timeout_ms.to_string()),
            ));
        }
    }
    if !p.not_modelled.is_empty() {
        notes.push(format!(
            "The sandbox was also given {}, which it does not model: set them here as you need.",
            p.not_modelled.join(", ")
        ));
    }
    (set, notes)
}

/// The partitioner the program uses: the Java client's own (librdkafka's have no Java
/// class, so those sandboxes get murmur2, the Java default).
fn java_partitioner(s: &Setup) -> Partitioner {
    match s.producer.partitioner {
        Partitioner::RoundRobin => Partitioner::RoundRobin,
        _ => Partitioner::Default,
    }
}

/// What the program's `produce` prints on a real cluster, one line a record, with `*`
/// for a partition the key does not decide: the real-broker check compares with it.
pub fn expected_sends(s: &Setup) -> Vec<String> {
    let java = java_partitioner(s);
    s.samples
        .iter()
        .map(|r| {
            let partition = r
                .key
                .as_deref()
                .and_then(|k| s.partition(java, k))
                .map_or("*".to_string(), |p| p.to_string());
            format!(
                "sent key={} partition={partition}",
                r.key.as_deref().unwrap_or("null")
            )
        })
        .collect()
}

/// The program.
pub fn generate(s: &Setup) -> String {
    let (settings, notes) = producer_settings(s);
    let round_robin = s.producer.partitioner == Partitioner::RoundRobin;
    let mut out = String::new();
    out.push_str(&comment(
        "// ",
        &format!(
            "Kafka Playground: the sandbox's producer{} for a real cluster, with \
             org.apache.kafka:kafka-clients {} (the client the sandbox models).",
            if s.consumer.is_some() {
                " and consumer"
            } else {
                ""
            },
            crate::kafka_version()
        ),
        86,
    ));
    out.push_str(&format!(
        "// Run: java -cp kafka-clients-{v}.jar:slf4j-api.jar PlaygroundClient.java [bootstrap-servers]\n//\n",
        v = crate::kafka_version()
    ));
    // The program places keys with Java's own partitioners only.
    let java = java_partitioner(s);
    let sandbox = s.producer.partitioner;
    let other = (sandbox != java).then(|| (sandbox, format!("the sandbox's {sandbox}")));
    let placements = s.placements(java, other.as_ref().map(|(p, n)| (*p, n.as_str())));
    out.push_str(super::header("//", s, placements).trim_start_matches("//\n"));
    for note in &notes {
        out.push_str(&comment("// ", note, 86));
    }
    let consumer = s.consumer.is_some();
    let mut java = vec!["java.nio.charset.StandardCharsets"];
    if consumer {
        java.extend(["java.time.Duration", "java.util.List"]);
    }
    java.push("java.util.Properties");
    let mut kafka = Vec::new();
    if consumer {
        kafka.extend([
            "org.apache.kafka.clients.consumer.ConsumerRecord",
            "org.apache.kafka.clients.consumer.ConsumerRecords",
            "org.apache.kafka.clients.consumer.KafkaConsumer",
        ]);
    }
    kafka.extend([
        "org.apache.kafka.clients.producer.KafkaProducer",
        "org.apache.kafka.clients.producer.ProducerRecord",
        "org.apache.kafka.clients.producer.RecordMetadata",
    ]);
    if round_robin {
        kafka.push("org.apache.kafka.clients.producer.RoundRobinPartitioner");
    }
    if consumer {
        kafka.push("org.apache.kafka.common.serialization.StringDeserializer");
    }
    kafka.push("org.apache.kafka.common.serialization.StringSerializer");
    for group in [java, kafka] {
        out.push('\n');
        for i in group {
            out.push_str(&format!("import {i};\n"));
        }
    }
    out.push_str(&format!(
        "\npublic class PlaygroundClient {{\n    static final String TOPIC = {};\n\n",
        c_string(&s.topic)
    ));
    out.push_str(
        "    public static void main(String[] args) throws Exception {\n        \
         String bootstrap = args.length > 0 ? args[0] : \"localhost:9092\";\n        \
         produce(bootstrap);\n",
    );
    if s.consumer.is_some() {
        out.push_str("        consume(bootstrap);\n");
    }
    out.push_str("    }\n\n");

    // The producer.
    out.push_str(
        "    static void produce(String bootstrap) throws Exception {\n        \
         Properties props = new Properties();\n        \
         props.put(\"bootstrap.servers\", bootstrap);\n        \
         props.put(\"key.serializer\", StringSerializer.class.getName());\n        \
         props.put(\"value.serializer\", StringSerializer.class.getName());\n",
    );
    for (name, value) in &settings {
        out.push_str(&format!(
            "        props.put({}, {value});\n",
            c_string(name)
        ));
    }
    out.push_str(
        "        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {\n",
    );
    let transactional = s.producer.transactional_id.is_some();
    if transactional {
        out.push_str(
            "            producer.initTransactions();\n            producer.beginTransaction();\n",
        );
    }
    for sample in &s.samples {
        let mut args = vec![
            "producer".to_string(),
            sample.key.as_deref().map_or("null".into(), c_string),
            sample.value.as_deref().map_or("null".into(), c_string),
        ];
        for (k, v) in &sample.headers {
            args.push(c_string(k));
            args.push(c_string(v));
        }
        out.push_str(&format!("            send({});\n", args.join(", ")));
    }
    if transactional {
        out.push_str("            producer.commitTransaction();\n");
    }
    out.push_str("        }\n    }\n\n");
    out.push_str(
        "    // Sends one record and waits for its acks, as the sandbox's producer does; headers\n    \
         // are name, value pairs.\n    \
         static void send(KafkaProducer<String, String> producer, String key, String value, String... headers)\n            \
         throws Exception {\n        \
         ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, key, value);\n        \
         for (int i = 0; i + 1 < headers.length; i += 2) {\n            \
         record.headers().add(headers[i], headers[i + 1].getBytes(StandardCharsets.UTF_8));\n        \
         }\n        \
         RecordMetadata sent = producer.send(record).get();\n        \
         System.out.printf(\"sent key=%s partition=%d offset=%d%n\", key, sent.partition(), sent.offset());\n    \
         }\n",
    );

    // The consumer.
    if let Some((name, topics, config)) = &s.consumer {
        out.push_str(&format!(
            "\n    // The sandbox's consumer {name:?}, in group {:?}.\n",
            config.group_id
        ));
        out.push_str(
            "    static void consume(String bootstrap) {\n        \
             Properties props = new Properties();\n        \
             props.put(\"bootstrap.servers\", bootstrap);\n        \
             props.put(\"key.deserializer\", StringDeserializer.class.getName());\n        \
             props.put(\"value.deserializer\", StringDeserializer.class.getName());\n",
        );
        for (name, value) in consumer_settings(config) {
            out.push_str(&format!(
                "        props.put({}, {});\n",
                c_string(&name),
                c_string(&value)
            ));
        }
        if config.auto_offset_reset == OffsetReset::Latest {
            out.push_str(&comment("        // ", super::LATEST_NOTE, 80));
        }
        out.push_str(
            "        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {\n",
        );
        let list: Vec<String> = topics.iter().map(|t| c_string(t)).collect();
        out.push_str(&format!(
            "            consumer.subscribe(List.of({}));\n",
            list.join(", ")
        ));
        out.push_str(&format!(
            "            // A real consumer polls until it is shut down; this one stops after {POLLS}.\n            \
             for (int polls = 0; polls < {POLLS}; polls++) {{\n                \
             ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(1));\n                \
             for (ConsumerRecord<String, String> record : records) {{\n                    \
             System.out.printf(\"read key=%s partition=%d offset=%d value=%s%n\",\n                            \
             record.key(), record.partition(), record.offset(), record.value());\n                \
             }}\n"
        ));
        if !config.enable_auto_commit {
            out.push_str(
                "                // enable.auto.commit=false: commit after processing (at least once).\n                \
                 consumer.commitSync();\n",
            );
        }
        out.push_str("            }\n        }\n    }\n");
    } else {
        out.push('\n');
        out.push_str(&super::no_consumer_note("    // ", &s.topic));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(script: &str) -> String {
        generate(&super::super::setup_after(script))
    }

    #[test]
    fn the_program_sends_the_last_records_with_their_headers_and_says_where_they_go() {
        let java = code(
            "create-topic orders partitions=3\n\
             produce orders key=order-100 value=created header.source=web",
        );
        assert!(
            java.contains(r#"//   key "order-100" -> partition 1 of 3"#),
            "{java}"
        );
        assert!(java.contains(r#"send(producer, "order-100", "created", "source", "web");"#));
        assert!(java.contains(r#"props.put("acks", "all");"#));
        assert!(
            !java.contains("consume(bootstrap)"),
            "no consumer in the sandbox"
        );
        assert!(java.contains("no consumer of \"orders\" yet"));
    }

    #[test]
    fn only_configs_set_away_from_the_defaults_are_written() {
        let java = code(
            "create-topic t partitions=2\nset-producer acks=1 enable.idempotence=false partitioner=round-robin\n\
             produce t key=k value=v\n\
             create-consumer c group=g enable.auto.commit=false auto.offset.reset=earliest\n\
             subscribe c topics=t",
        );
        assert!(java.contains(r#"props.put("acks", "1");"#), "{java}");
        assert!(java.contains(r#"props.put("enable.idempotence", "false");"#));
        assert!(java
            .contains(r#"props.put("partitioner.class", RoundRobinPartitioner.class.getName());"#));
        assert!(java.contains(r#"props.put("enable.auto.commit", "false");"#));
        assert!(java.contains(r#"props.put("auto.offset.reset", "earliest");"#));
        assert!(java.contains("consumer.commitSync();"));
        assert!(!java.contains("batch.size"), "left at its default");
        assert!(!java.contains("is latest (the default)"));
    }

    #[test]
    fn a_transactional_producer_sends_in_a_transaction() {
        let java = code(
            "create-topic t partitions=1\nset-producer transactional.id=tx-1\n\
             init-transactions\nbegin-transaction\nproduce t key=k value=v\ncommit-transaction",
        );
        assert!(
            java.contains(r#"props.put("transactional.id", "tx-1");"#),
            "{java}"
        );
        let init = java.find("producer.initTransactions();").unwrap();
        let send = java.find("send(producer, \"k\"").unwrap();
        let commit = java.find("producer.commitTransaction();").unwrap();
        assert!(init < send && send < commit);
    }
}
