package dev.kafkaplayground.crosscheck;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * One consumer in its own JVM, so that {@code crash} is a real crash: the driver kills the
 * process (no LeaveGroup, no commit, the heartbeat thread dies with it).
 *
 * <p>Driven by JSON lines: a request {@code {"id":7,"op":"poll",...}} on stdin, one answer
 * {@code {"id":7,...}} on stdout, {@code "error":"SimpleClassName"} when the call threw.
 * The first line out is {@code {"ready":true}}, once the consumer classes are loaded, so a
 * spare worker started ahead answers its first command at once. Nothing else is written to
 * stdout; stdin closing ends the process.
 */
public final class ConsumerWorker {
    static final long POLL_MS = 100;
    static final long MIN_POLL_MS = 300;
    static final long MAX_POLL_MS = 8_000;

    private final ObjectMapper json = new ObjectMapper();
    private final PrintStream out;
    private KafkaConsumer<String, String> consumer;
    /** The last non-empty batch, in the order poll returned it, and how much of it was processed. */
    private List<ConsumerRecord<String, String>> batch = List.of();
    private int processed;

    private ConsumerWorker(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        ConsumerWorker w = new ConsumerWorker(protocol);
        w.warmUp(bootstrap);
        w.send(w.json.createObjectNode().put("ready", true));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        boolean exit = false;
        while (!exit && (line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode req = w.json.readTree(line);
            ObjectNode resp = w.json.createObjectNode();
            resp.set("id", req.get("id"));
            String op = req.path("op").asText();
            try {
                exit = w.handle(op, req, resp);
            } catch (Throwable t) {
                resp.put("error", Errors.name(t));
                resp.put("message", String.valueOf(Errors.real(t).getMessage()));
            }
            w.send(resp);
        }
        if (!exit && w.consumer != null) {
            // The driver went away: leave quickly.
            try {
                w.consumer.close(CloseOptions.timeout(Duration.ZERO));
            } catch (Throwable t) {
                // exiting anyway
            }
        }
        System.exit(0);
    }

    private void send(JsonNode node) {
        out.println(node.toString());
        out.flush();
    }

    /**
     * Loads the consumer's classes and its network path (a metadata request, no group), so
     * that the first real poll is not slowed by class loading in a fresh JVM.
     */
    private void warmUp(String bootstrap) {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("client.id", "warm-up");
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.listTopics(Duration.ofSeconds(20));
        } catch (Throwable t) {
            // only a warm-up (the broker may still be starting)
        }
        json.createObjectNode().put("warm", true).toString();
    }

    private boolean handle(String op, JsonNode req, ObjectNode resp) throws Exception {
        if (!op.equals("create") && !op.equals("exit") && consumer == null) {
            throw new IllegalStateException("no consumer");
        }
        switch (op) {
            case "create" -> {
                Properties p = new Properties();
                req.path("configs").properties().forEach(e -> p.put(e.getKey(), e.getValue().asText()));
                consumer = new KafkaConsumer<>(p);
                resp.put("ok", true);
            }
            case "subscribe" -> {
                List<String> topics = new ArrayList<>();
                req.path("topics").forEach(t -> topics.add(t.asText()));
                consumer.subscribe(topics);
                resp.put("ok", true);
            }
            case "poll" -> poll(req.path("hint"), req.path("mode").asText("first").equals("fill"), resp);
            case "process" -> process(req.path("count"), resp);
            case "commit" -> commit(req.path("offset"), req.path("async").asBoolean(false), resp);
            case "seek" -> {
                consumer.seek(new TopicPartition(req.path("topic").asText(), req.path("partition").asInt()),
                        req.path("offset").asLong());
                resp.put("ok", true);
            }
            case "state" -> {
                resp.put("generation", consumer.groupMetadata().generationId());
                ArrayNode a = resp.putArray("assignment");
                assignmentNames().forEach(a::add);
            }
            case "transaction-offsets" -> transactionOffsets(resp);
            case "close" -> {
                consumer.close();
                resp.put("ok", true);
                return true;
            }
            case "exit" -> {
                resp.put("ok", true);
                return true;
            }
            default -> throw new UnsupportedOperationException(op);
        }
        return false;
    }

    private Set<String> assignmentNames() {
        Set<String> names = new TreeSet<>();
        for (TopicPartition tp : consumer.assignment()) {
            names.add(tp.topic() + "-" + tp.partition());
        }
        return names;
    }

    /**
     * PROTOCOL.md "Consumers": poll(100 ms) until a call returns records, or until the
     * generation and assignment are the hint's and the hint expects no records (after at
     * least 300 ms), or until 8 s have passed.
     *
     * <p>With {@code "mode":"fill"} (the driver's {@code --poll fill}, an experiment, not
     * the protocol) a hint that expects records is waited for in full: the batches of
     * successive calls are merged until there are at least as many records as the hint's
     * and the generation and assignment are the hint's (or 8 s passed).
     */
    private void poll(JsonNode hint, boolean fill, ObjectNode resp) {
        boolean hinted = hint.isObject();
        int wantRecords = hint.path("records").asInt(0);
        // The engine's poll failed: the real one may fail only once a fetch already in
        // flight has come back, so an empty poll does not end the wait.
        boolean wantError = hint.path("error").asBoolean(false);
        int wantGeneration = hint.path("generation").asInt(Integer.MIN_VALUE);
        Set<String> wantAssignment = new HashSet<>();
        hint.path("assignment").forEach(n -> wantAssignment.add(n.asText()));
        long start = System.nanoTime();
        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        int calls = 0;
        while (true) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(POLL_MS));
            calls++;
            records.forEach(got::add);
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            boolean asHinted = hinted && consumer.groupMetadata().generationId() == wantGeneration
                    && assignmentNames().equals(wantAssignment);
            if (!got.isEmpty() && !(fill && hinted && wantRecords > 0 && !(got.size() >= wantRecords && asHinted))) {
                break;
            }
            if (elapsed >= MAX_POLL_MS) {
                break;
            }
            if (got.isEmpty() && wantRecords == 0 && !wantError && elapsed >= MIN_POLL_MS && asHinted
                    && positionsKnown()) {
                break;
            }
        }
        ArrayNode a = resp.putArray("records");
        if (!got.isEmpty()) {
            batch = got;
            processed = 0;
            for (ConsumerRecord<String, String> r : got) {
                a.add(json.createArrayNode().add(r.topic()).add(r.partition()).add(r.offset()).add(r.key()));
            }
        }
        resp.put("generation", consumer.groupMetadata().generationId());
        resp.put("calls", calls);
        resp.put("elapsed_ms", (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Whether every assigned partition has a position: a committed offset fetched or an
     * {@code auto.offset.reset} done. A poll that stops before would leave, for instance,
     * {@code latest} to be resolved after the next produce, a race the engine does not have.
     */
    private boolean positionsKnown() {
        for (TopicPartition tp : consumer.assignment()) {
            try {
                consumer.position(tp, Duration.ZERO);
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                return false;
            } catch (RuntimeException e) {
                // e.g. NoOffsetForPartitionException: for the next poll to throw, not this one
                return true;
            }
        }
        return true;
    }

    /** The next {@code count} records of the last batch (all that are left by default). */
    private void process(JsonNode count, ObjectNode resp) {
        int left = batch.size() - processed;
        int n = count.isNumber() ? Math.min(Math.max(count.asInt(), 0), left) : left;
        ArrayNode a = resp.putArray("records");
        for (ConsumerRecord<String, String> r : batch.subList(processed, processed + n)) {
            ObjectNode o = a.addObject();
            o.put("topic", r.topic());
            o.put("partition", r.partition());
            o.put("offset", r.offset());
            o.put("timestamp", r.timestamp());
            o.put("key", r.key());
            o.put("value", r.value());
        }
        processed += n;
    }

    private void commit(JsonNode offset, boolean async, ObjectNode resp) {
        Map<TopicPartition, OffsetAndMetadata> explicit = null;
        if (offset.isObject()) {
            explicit = Map.of(new TopicPartition(offset.path("topic").asText(), offset.path("partition").asInt()),
                    new OffsetAndMetadata(offset.path("offset").asLong()));
        }
        if (!async) {
            if (explicit == null) {
                consumer.commitSync();
            } else {
                consumer.commitSync(explicit);
            }
            resp.put("ok", true);
            return;
        }
        AtomicReference<String> result = new AtomicReference<>();
        if (explicit == null) {
            consumer.commitAsync((offsets, e) -> result.set(e == null ? "ok" : "error " + Errors.name(e)));
        } else {
            consumer.commitAsync(explicit, (offsets, e) -> result.set(e == null ? "ok" : "error " + Errors.name(e)));
        }
        // commitSync of nothing waits for the pending async commits and runs their callbacks.
        consumer.commitSync(Collections.emptyMap());
        resp.put("callback", result.get() == null ? "pending" : result.get());
    }

    private void transactionOffsets(ObjectNode resp) {
        ArrayNode a = resp.putArray("offsets");
        for (TopicPartition tp : consumer.assignment()) {
            a.add(json.createArrayNode().add(tp.topic()).add(tp.partition()).add(consumer.position(tp)));
        }
        ConsumerGroupMetadata m = consumer.groupMetadata();
        ObjectNode g = resp.putObject("group");
        g.put("group_id", m.groupId());
        g.put("generation_id", m.generationId());
        g.put("member_id", m.memberId());
        g.put("group_instance_id", m.groupInstanceId().orElse(null));
    }
}
