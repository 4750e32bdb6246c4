package dev.kafkaplayground.crosscheck;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code fetch}: a plain KafkaConsumer with no group, {@code assign} and {@code seek}, with
 * {@code auto.offset.reset=none} so that an offset out of range is an error
 * ({@code OffsetOutOfRangeException} from poll) instead of a silent reset.
 */
final class Fetcher {
    static final long MAX_MS = 5_000;

    private final Supplier<String> bootstrap;

    Fetcher(String bootstrap) {
        this(() -> bootstrap);
    }

    Fetcher(Supplier<String> bootstrap) {
        this.bootstrap = bootstrap;
    }

    String fetch(String topic, int partition, long offset, Integer max, String reader) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap.get());
        p.put("client.id", reader == null ? "fetch" : "fetch-" + reader);
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "none");
        p.put("max.poll.records", Integer.toString(max == null ? 500 : max));
        // Not a timeout the engine models: only how long an empty fetch waits at the broker.
        p.put("fetch.max.wait.ms", "50");
        TopicPartition tp = new TopicPartition(topic, partition);
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.assign(List.of(tp));
            c.seek(tp, offset);
            long start = System.nanoTime();
            List<Observation.Rec> out = new ArrayList<>();
            while ((System.nanoTime() - start) / 1_000_000 < MAX_MS) {
                ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(100));
                if (!records.isEmpty()) {
                    for (ConsumerRecord<String, String> r : records) {
                        out.add(new Observation.Rec(r.topic(), r.partition(), r.offset(), r.key()));
                    }
                    break;
                }
                // The lag is known once the end offset is: zero means the position reached
                // the high watermark and nothing more is coming (past it, the fetch's
                // OFFSET_OUT_OF_RANGE is still to come, as an exception from poll).
                OptionalLong lag = c.currentLag(tp);
                if (lag.isPresent() && lag.getAsLong() == 0) {
                    break;
                }
            }
            return Observation.records(out);
        }
    }
}
