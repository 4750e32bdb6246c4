package dev.kafkaplayground.crosscheck;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The script's one producer. {@code set-producer} adds configs to the ones set before and
 * builds a new KafkaProducer (the engine models a new instance): the old one is closed
 * with {@code Duration.ZERO}, so an open transaction is not aborted. When the new one
 * cannot be built, that error is the outcome and the old config and producer stay.
 */
final class ProducerSide implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ProducerSide.class);

    /** Asked when a producer is built: a KraftCluster's list grows as brokers start. */
    private final Supplier<String> bootstrap;
    private final Scale scale;
    private final FaultProxy proxy;
    private final Admin admin;
    private final Map<String, String> configs = new LinkedHashMap<>();
    private KafkaProducer<String, String> producer;
    /** What the open transaction wrote: each partition's last offset, and the offsets sent for a group. */
    private final Map<TopicPartition, Long> written = new HashMap<>();
    private final Map<String, Map<TopicPartition, OffsetAndMetadata>> sentOffsets = new HashMap<>();

    /** {@code proxy} null: no fault injection (a cluster given by --bootstrap-server). */
    ProducerSide(String bootstrap, Scale scale, FaultProxy proxy, Admin admin) {
        this(() -> bootstrap, scale, proxy, admin);
    }

    ProducerSide(Supplier<String> bootstrap, Scale scale, FaultProxy proxy, Admin admin) {
        this.bootstrap = bootstrap;
        this.scale = scale;
        this.proxy = proxy;
        this.admin = admin;
    }

    private KafkaProducer<String, String> build(Map<String, String> script) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap.get());
        p.put("client.id", "producer");
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.putAll(scale.producer(script));
        return new KafkaProducer<>(p);
    }

    /** The producer, built from the configs so far if none was yet. */
    KafkaProducer<String, String> producer() {
        if (producer == null) {
            producer = build(configs);
        }
        return producer;
    }

    String setProducer(List<Map.Entry<String, String>> added) {
        Map<String, String> next = new LinkedHashMap<>(configs);
        for (Map.Entry<String, String> e : added) {
            next.put(e.getKey(), e.getValue());
        }
        KafkaProducer<String, String> fresh = build(next);
        KafkaProducer<String, String> old = producer;
        producer = fresh;
        forgetTransaction();
        configs.clear();
        configs.putAll(next);
        if (old != null) {
            closeQuietly(old);
        }
        return "ok";
    }

    /** Bounds {@code get()}: the client's own timeouts end a send well before this. */
    private long sendWaitMs() {
        Map<String, String> eff = scale.producer(configs);
        long delivery = parse(eff.get("delivery.timeout.ms"), 120_000);
        long block = parse(eff.get("max.block.ms"), 60_000);
        return delivery + block + 30_000;
    }

    private static long parse(String v, long dflt) {
        try {
            return v == null ? dflt : Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    /** {@code send(record).get()}; returns {@code partition=P offset=O}. */
    String produce(String topic, Integer partition, Long timestamp, String key, String value,
                   List<Map.Entry<String, String>> headers, String fault, long line) throws Exception {
        KafkaProducer<String, String> p = producer();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, partition, timestamp, key, value,
                headers(headers));
        boolean armed = false;
        if (fault != null) {
            if (proxy == null) {
                System.err.println("crosscheck: line " + line + ": fault=" + fault
                        + " cannot be injected against --bootstrap-server; the record is sent plainly");
            } else {
                proxy.arm(FaultProxy.Fault.parse(fault));
                armed = true;
            }
        }
        boolean sent = false;
        try {
            RecordMetadata md = p.send(record).get(sendWaitMs(), TimeUnit.MILLISECONDS);
            sent = true;
            wrote(md);
            return Observation.produced(md.partition(), md.offset());
        } finally {
            // After a send that completed, the request did go out: let it reach the proxy.
            if (armed && !proxy.disarm(sent ? 2_000 : 0)) {
                LOG.warn("line {}: fault={} armed but no Produce request was sent", line, fault);
            }
        }
    }

    private static RecordHeaders headers(List<Map.Entry<String, String>> headers) {
        RecordHeaders h = new RecordHeaders();
        for (Map.Entry<String, String> e : headers) {
            h.add(e.getKey(), e.getValue() == null ? null : e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return h;
    }

    /**
     * The kafka-go Writer's stand-in: a Java producer as plain as the Writer (its
     * RequiredAcks, no idempotence, no retries: the engine's Writer retried, and the plan
     * holds only each batch's last attempt), built by {@code set-writer}.
     */
    private KafkaProducer<String, String> writerProducer;

    /** True once {@code set-writer} ran: {@code produce} then sends nothing itself. */
    boolean writerActive() {
        return writerProducer != null;
    }

    String setWriter(int acks) {
        KafkaProducer<String, String> old = writerProducer;
        writerProducer = build(Map.of("client.id", "kafka-go-writer",
                "acks", acks == -1 ? "all" : Integer.toString(acks),
                "enable.idempotence", "false", "retries", "0",
                "max.in.flight.requests.per.connection", "1", "linger.ms", "0"));
        if (old != null) {
            closeQuietly(old);
        }
        return "ok";
    }

    /** {@code set-producer} after {@code set-writer}: the Writer is closed (the engine flushed it). */
    void clearWriter() {
        if (writerProducer != null) {
            closeQuietly(writerProducer);
            writerProducer = null;
        }
    }

    /**
     * Sends each batch of the plan's {@code writes} to its partition with the engine's
     * timestamps and headers, and answers {@code topic-p:ok} or {@code topic-p:error Name}
     * each (PROTOCOL.md). A batch whose attempts never reached a broker (a refused
     * connection, a deadline) is not sent: {@code :error none}, as the engine says.
     */
    String writes(JsonNode batches) throws Exception {
        if (writerProducer == null) {
            throw new IllegalStateException("writes without set-writer");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode b : batches) {
            String topic = b.path("topic").asText();
            int partition = b.path("partition").asInt();
            String where = topic + "-" + partition;
            if (b.path("expect").asText().equals("error none")) {
                out.add(where + ":error none");
                continue;
            }
            String result = "ok";
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            for (JsonNode r : b.path("records")) {
                List<Map.Entry<String, String>> hs = new ArrayList<>();
                r.path("headers").forEach(a -> hs.add(new AbstractMap.SimpleEntry<>(a.path(0).asText(),
                        a.path(1).isNull() ? null : a.path(1).asText())));
                String key = r.path("key").isNull() ? null : r.path("key").asText();
                String value = r.path("value").isNull() ? null : r.path("value").asText();
                Long ts = r.path("timestamp").isNumber() ? Long.valueOf(r.path("timestamp").asLong()) : null;
                sent.add(writerProducer.send(new ProducerRecord<>(topic, partition, ts, key, value, headers(hs))));
            }
            for (var f : sent) {
                try {
                    f.get(sendWaitMs(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (result.equals("ok")) {
                        result = Errors.outcome(e);
                    }
                }
            }
            out.add(where + ":" + result);
        }
        return String.join(",", out);
    }

    /** The application's dead letter queue producer (Connect's connector-dlq-producer). */
    private KafkaProducer<String, String> dlqProducer;

    /**
     * What the engine's error handler wrote to its dead letter queue: each record with its
     * original timestamp and headers, from a producer of its own with the defaults
     * (DeadLetterQueueReporter#report).
     */
    void deadLetters(JsonNode copies) throws Exception {
        if (copies.isEmpty()) {
            return;
        }
        if (dlqProducer == null) {
            // Worker#baseProducerConfigs: acks=all, not idempotent, one request in flight.
            dlqProducer = build(Map.of("client.id", "connector-dlq-producer", "acks", "all",
                    "enable.idempotence", "false", "max.in.flight.requests.per.connection", "1"));
        }
        for (JsonNode c : copies) {
            List<Map.Entry<String, String>> hs = new ArrayList<>();
            c.path("headers").forEach(a -> hs.add(new AbstractMap.SimpleEntry<>(a.path(0).asText(),
                    a.path(1).isNull() ? null : a.path(1).asText())));
            String key = c.path("key").isNull() ? null : c.path("key").asText();
            String value = c.path("value").isNull() ? null : c.path("value").asText();
            Long timestamp = c.path("timestamp").isNumber() ? Long.valueOf(c.path("timestamp").asLong()) : null;
            dlqProducer.send(new ProducerRecord<>(c.path("topic").asText(), null, timestamp,
                    key, value, headers(hs))).get(sendWaitMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends each processed record's key and value to {@code output}, tagged with its source. */
    String produceAll(String output, List<Driver.Processed> records) throws Exception {
        KafkaProducer<String, String> p = producer();
        List<String> where = new ArrayList<>();
        for (Driver.Processed r : records) {
            RecordHeaders h = new RecordHeaders();
            h.add("source", (r.topic() + "-" + r.partition() + "-" + r.offset()).getBytes(StandardCharsets.UTF_8));
            RecordMetadata md = p.send(new ProducerRecord<>(output, null, r.key(), r.value(), h))
                    .get(sendWaitMs(), TimeUnit.MILLISECONDS);
            wrote(md);
            where.add(Observation.at(md.topic(), md.partition(), md.offset()));
        }
        return Observation.producedList(where);
    }

    private void wrote(RecordMetadata md) {
        if (md.hasOffset()) {
            written.merge(new TopicPartition(md.topic(), md.partition()), md.offset(), Math::max);
        }
    }

    private void forgetTransaction() {
        written.clear();
        sentOffsets.clear();
    }

    void initTransactions() {
        producer().initTransactions();
    }

    void beginTransaction() {
        producer().beginTransaction();
        forgetTransaction();
    }

    void commitTransaction() throws InterruptedException {
        producer().commitTransaction();
        awaitMarkers(true);
    }

    void abortTransaction() throws InterruptedException {
        producer().abortTransaction();
        awaitMarkers(false);
    }

    void sendOffsetsToTransaction(Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        producer().sendOffsetsToTransaction(offsets, group);
        sentOffsets.computeIfAbsent(group.groupId(), g -> new HashMap<>()).putAll(offsets);
    }

    /**
     * commitTransaction and abortTransaction return once the coordinator has logged the
     * decision; it writes the markers after that. Waits (5 s at most) until every partition
     * the transaction wrote has its marker (the log end passed the last record) and, on a
     * commit, the group offsets it sent are visible, so that what the next command or
     * checkpoint sees does not depend on that race.
     */
    private void awaitMarkers(boolean committed) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        Map<TopicPartition, Long> partitions = new HashMap<>(written);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> offsets = committed ? new HashMap<>(sentOffsets) : Map.of();
        forgetTransaction();
        while (System.nanoTime() < deadline && !(partitions.isEmpty() && offsets.isEmpty())) {
            try {
                if (!partitions.isEmpty()) {
                    Map<TopicPartition, OffsetSpec> req = new HashMap<>();
                    partitions.keySet().forEach(tp -> req.put(tp, OffsetSpec.latest()));
                    var ends = admin.listOffsets(req).all().get(5, TimeUnit.SECONDS);
                    partitions.entrySet().removeIf(e -> ends.containsKey(e.getKey())
                            && ends.get(e.getKey()).offset() >= e.getValue() + 2);
                }
                for (var it = offsets.entrySet().iterator(); it.hasNext(); ) {
                    var e = it.next();
                    var now = admin.listConsumerGroupOffsets(e.getKey()).partitionsToOffsetAndMetadata()
                            .get(5, TimeUnit.SECONDS);
                    boolean visible = e.getValue().entrySet().stream().allMatch(o -> now.get(o.getKey()) != null
                            && now.get(o.getKey()).offset() == o.getValue().offset());
                    if (visible) {
                        it.remove();
                    }
                }
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("waiting for transaction markers: {}", e.toString());
            }
            if (!(partitions.isEmpty() && offsets.isEmpty())) {
                Thread.sleep(10);
            }
        }
        if (!(partitions.isEmpty() && offsets.isEmpty())) {
            LOG.warn("transaction markers not all visible after 5 s: {} {}", partitions, offsets);
        }
    }

    private static void closeQuietly(KafkaProducer<String, String> p) {
        try {
            p.close(Duration.ZERO);
        } catch (Throwable t) {
            LOG.warn("closing a producer: {}", t.toString());
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            closeQuietly(producer);
            producer = null;
        }
        if (dlqProducer != null) {
            closeQuietly(dlqProducer);
            dlqProducer = null;
        }
        clearWriter();
    }
}
