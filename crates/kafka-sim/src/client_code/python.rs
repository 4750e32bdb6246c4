//! Python, `confluent-kafka` (librdkafka): `Producer(conf)`, `produce(topic, key=,
//! value=, headers=, on_delivery=)`, `flush()`; `Consumer(conf)`, `subscribe`, `poll`,
//! `commit(message=, asynchronous=False)` (confluent-kafka-python 2.15,
//! `src/confluent_kafka/src/Producer.c`, `Consumer.c`).

use super::librdkafka::{self, Setting};
use super::{c_string, comment, Setup, POLLS};
use crate::partitioner::Partitioner;

fn value(v: Option<&str>) -> String {
    v.map_or("None".into(), c_string)
}

fn dict(out: &mut String, indent: &str, settings: &[Setting]) {
    for s in settings {
        if let Some(why) = &s.why {
            out.push_str(&comment(&format!("{indent}# "), why, 84 - indent.len()));
        }
        out.push_str(&format!(
            "{indent}{}: {},\n",
            c_string(s.name),
            c_string(&s.value)
        ));
    }
}

/// The program.
pub fn generate(s: &Setup) -> String {
    let (producer, mut notes) = librdkafka::producer(s);
    let consumer = s.consumer.as_ref().map(|(name, topics, c)| {
        let (settings, more) = librdkafka::consumer(c);
        notes.extend(more);
        (name, topics, c, settings)
    });
    let mut out = String::new();
    out.push_str(&comment(
        "# ",
        &format!(
            "Kafka Playground: the sandbox's producer{} for a real cluster, with \
             confluent-kafka (librdkafka). Run: pip install confluent-kafka, then python3 \
             playground_client.py [bootstrap-servers]",
            if consumer.is_some() {
                " and consumer"
            } else {
                ""
            },
        ),
        84,
    ));
    let other = (s.producer.partitioner == Partitioner::Default).then_some((
        Partitioner::ConsistentRandom,
        "librdkafka's default partitioner",
    ));
    out.push_str(&super::header(
        "#",
        s,
        s.placements(s.producer.partitioner, other),
    ));
    out.push_str(
        "#\n# librdkafka's defaults differ from the Java client's that the sandbox models:\n\
         # the settings with a comment make this program do what the sandbox does.\n",
    );
    for note in &notes {
        out.push_str(&comment("# ", note, 84));
    }
    out.push_str("import sys\n\n");
    out.push_str(match consumer {
        Some(_) => "from confluent_kafka import Consumer, KafkaException, Producer\n\n",
        None => "from confluent_kafka import Producer\n\n",
    });
    out.push_str(&format!(
        "BOOTSTRAP = sys.argv[1] if len(sys.argv) > 1 else \"localhost:9092\"\nTOPIC = {}\n\n\n",
        c_string(&s.topic)
    ));
    out.push_str(
        "def text(b):\n    return b.decode() if b is not None else None\n\n\n\
         def delivered(err, msg):\n    \
         \"\"\"Called from flush() once the record is acknowledged or has failed.\"\"\"\n    \
         if err is not None:\n        \
         print(f\"failed: {err}\")\n    \
         else:\n        \
         print(f\"sent key={text(msg.key())} partition={msg.partition()} offset={msg.offset()}\")\n\n\n",
    );
    out.push_str("def produce():\n    producer = Producer(\n        {\n            \"bootstrap.servers\": BOOTSTRAP,\n");
    dict(&mut out, "            ", &producer);
    out.push_str("        }\n    )\n");
    let transactional = s.producer.transactional_id.is_some();
    if transactional {
        out.push_str("    producer.init_transactions()\n    producer.begin_transaction()\n");
    }
    for sample in &s.samples {
        let headers = if sample.headers.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = sample
                .headers
                .iter()
                .map(|(k, v)| format!("({}, {})", c_string(k), c_string(v)))
                .collect();
            format!(", headers=[{}]", list.join(", "))
        };
        out.push_str(&format!(
            "    producer.produce(TOPIC, key={}, value={}{headers}, on_delivery=delivered)\n",
            value(sample.key.as_deref()),
            value(sample.value.as_deref())
        ));
        out.push_str(
            "    producer.flush()  # waits for the acks, as the sandbox's producer does\n",
        );
    }
    if transactional {
        out.push_str("    producer.commit_transaction()\n");
    }
    if let Some((name, topics, config, settings)) = &consumer {
        out.push_str(&format!(
            "\n\ndef consume():\n    # The sandbox's consumer {name:?}, in group {:?}.\n    consumer = Consumer(\n        {{\n            \"bootstrap.servers\": BOOTSTRAP,\n",
            config.group_id
        ));
        dict(&mut out, "            ", settings);
        let latest = config.auto_offset_reset == crate::consumer::OffsetReset::Latest;
        let list: Vec<String> = topics.iter().map(|t| c_string(t)).collect();
        out.push_str(&format!(
            "        }}\n    )\n{}    consumer.subscribe([{}])\n    try:\n        \
             # A real consumer polls until it is shut down; this one stops after {POLLS}.\n        \
             for _ in range({POLLS}):\n            \
             msg = consumer.poll(1.0)\n            \
             if msg is None:\n                \
             continue\n            \
             if msg.error():\n                \
             raise KafkaException(msg.error())\n            \
             print(f\"read key={{text(msg.key())}} partition={{msg.partition()}} offset={{msg.offset()}} value={{text(msg.value())}}\")\n",
            if latest {
                comment("    # ", super::LATEST_NOTE, 80)
            } else {
                String::new()
            },
            list.join(", ")
        ));
        if !config.enable_auto_commit {
            out.push_str(
                "            # enable.auto.commit=false: commit after processing (at least once).\n            \
                 consumer.commit(message=msg, asynchronous=False)\n",
            );
        }
        out.push_str("    finally:\n        consumer.close()\n\n\nproduce()\nconsume()\n");
    } else {
        out.push_str("\n\n");
        out.push_str(&super::no_consumer_note("# ", &s.topic));
        out.push_str("produce()\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(script: &str) -> String {
        generate(&super::super::setup_after(script))
    }

    #[test]
    fn librdkafka_is_told_to_place_keys_as_java_and_the_default_placement_is_named() {
        let py = code(
            "create-topic orders partitions=3\nproduce orders key=order-100 value=created header.source=web\n\
             create-consumer c1 group=billing enable.auto.commit=false\nsubscribe c1 topics=orders",
        );
        assert!(py.contains(r#""partitioner": "murmur2_random","#), "{py}");
        assert!(py.contains(r#""enable.idempotence": "true","#));
        assert!(py.contains(r#""isolation.level": "read_uncommitted","#));
        assert!(py.contains(
            r#"producer.produce(TOPIC, key="order-100", value="created", headers=[("source", "web")], on_delivery=delivered)"#
        ));
        assert!(py.contains("consumer.commit(message=msg, asynchronous=False)"));
        let crc = super::super::setup_after("create-topic orders partitions=3")
            .partition(Partitioner::ConsistentRandom, "order-100")
            .unwrap();
        if crc != 1 {
            assert!(
                py.contains(&format!(
                    "librdkafka's default partitioner would put it on {crc}"
                )),
                "{py}"
            );
        }
    }

    #[test]
    fn null_keys_and_values_are_none() {
        let py = code("create-topic t partitions=1\nproduce t value=v");
        assert!(py.contains("key=None, value=\"v\""), "{py}");
        assert!(
            py.ends_with("produce()\n"),
            "no consumer: only the producer runs"
        );
    }
}
