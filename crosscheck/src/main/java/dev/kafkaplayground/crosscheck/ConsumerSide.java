package dev.kafkaplayground.crosscheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** The script's consumers, by name, each in its own {@link ConsumerWorker} JVM. */
final class ConsumerSide implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(ConsumerSide.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Longest wait for one answer: poll stops within 8 s, commitSync and close within the client's own timeouts. */
    static final long CALL_TIMEOUT_MS = 90_000;

    /** An exception the client API threw inside a worker, by simple class name. */
    static final class ClientError extends Exception {
        final String name;

        ClientError(String name, String message) {
            super(name + ": " + message);
            this.name = name;
        }
    }

    private enum Liveness { RUNNING, CRASHED, CLOSED }

    private static final class Entry {
        final Worker worker;
        Liveness liveness = Liveness.RUNNING;

        Entry(Worker worker) {
            this.worker = worker;
        }
    }

    private final Supplier<String> bootstrap;
    private final Scale scale;
    private final Workers workers;
    private final Map<String, Entry> consumers = new LinkedHashMap<>();

    ConsumerSide(String bootstrap, Scale scale, Workers workers) {
        this(() -> bootstrap, scale, workers);
    }

    /** {@code bootstrap} asked at each {@code create-consumer}: every broker started so far. */
    ConsumerSide(Supplier<String> bootstrap, Scale scale, Workers workers) {
        this.bootstrap = bootstrap;
        this.scale = scale;
        this.workers = workers;
    }

    /** Short assignor names (as librdkafka and the engine write them) as the Java client's class names. */
    static String assignors(String value) {
        List<String> out = new ArrayList<>();
        for (String s : value.split(",")) {
            String t = s.trim();
            out.add(switch (t) {
                case "range" -> "org.apache.kafka.clients.consumer.RangeAssignor";
                case "roundrobin" -> "org.apache.kafka.clients.consumer.RoundRobinAssignor";
                case "sticky" -> "org.apache.kafka.clients.consumer.StickyAssignor";
                case "cooperative-sticky" -> "org.apache.kafka.clients.consumer.CooperativeStickyAssignor";
                default -> t;
            });
        }
        return String.join(",", out);
    }

    String create(String name, String group, List<Map.Entry<String, String>> configs) throws Exception {
        if (consumers.containsKey(name)) {
            // As the engine: a name is one consumer for the whole script.
            throw new IllegalStateException("A consumer named " + name + " already exists.");
        }
        Map<String, String> c = new LinkedHashMap<>();
        c.put("bootstrap.servers", bootstrap.get());
        c.put("key.deserializer", StringDeserializer.class.getName());
        c.put("value.deserializer", StringDeserializer.class.getName());
        c.put("group.id", group);
        c.put("client.id", name);
        for (Map.Entry<String, String> e : configs) {
            String v = e.getKey().equals("partition.assignment.strategy") ? assignors(e.getValue()) : e.getValue();
            c.put(e.getKey(), v);
        }
        ObjectNode req = JSON.createObjectNode().put("op", "create");
        ObjectNode cfg = req.putObject("configs");
        scale.consumer(c).forEach(cfg::put);
        Worker w = workers.take();
        JsonNode resp;
        try {
            resp = w.call(req, CALL_TIMEOUT_MS);
        } catch (Worker.GoneException | Worker.SlowException e) {
            w.kill();
            throw e;
        }
        if (resp.hasNonNull("error")) {
            // No consumer was created: this worker has nothing to do.
            w.kill();
            throw new ClientError(resp.get("error").asText(), resp.path("message").asText());
        }
        consumers.put(name, new Entry(w));
        return "ok";
    }

    /** True if {@code name} is a running consumer. */
    boolean running(String name) {
        Entry e = consumers.get(name);
        return e != null && e.liveness == Liveness.RUNNING;
    }

    /** Sends one request to a running consumer; the client's exception becomes a {@link ClientError}. */
    JsonNode call(String name, ObjectNode req) throws Exception {
        Entry e = consumers.get(name);
        if (e == null) {
            throw new IllegalStateException("There is no consumer named " + name + ".");
        }
        if (e.liveness != Liveness.RUNNING) {
            throw new IllegalStateException("Consumer " + name + " is " + e.liveness.name().toLowerCase() + ".");
        }
        JsonNode resp;
        try {
            resp = e.worker.call(req, CALL_TIMEOUT_MS);
        } catch (Worker.SlowException ex) {
            LOG.warn("consumer {} did not answer {} in {} ms: killed", name, req.path("op").asText(), CALL_TIMEOUT_MS);
            e.worker.kill();
            e.liveness = Liveness.CRASHED;
            throw new org.apache.kafka.common.errors.TimeoutException(ex.getMessage());
        } catch (Worker.GoneException ex) {
            LOG.warn("consumer {}'s JVM ended unexpectedly", name);
            e.liveness = Liveness.CRASHED;
            throw new IllegalStateException(ex.getMessage());
        }
        if (resp.hasNonNull("error")) {
            throw new ClientError(resp.get("error").asText(), resp.path("message").asText());
        }
        return resp;
    }

    static ObjectNode op(String op) {
        return JSON.createObjectNode().put("op", op);
    }

    /** {@code consumer.close()}: then the worker exits. */
    String close(String name) throws Exception {
        call(name, op("close"));
        Entry e = consumers.get(name);
        e.liveness = Liveness.CLOSED;
        e.worker.reap(10_000);
        return "ok";
    }

    /** Kills the consumer's JVM. */
    String crash(String name) {
        Entry e = consumers.get(name);
        if (e == null) {
            throw new IllegalStateException("There is no consumer named " + name + ".");
        }
        if (e.liveness != Liveness.RUNNING) {
            throw new IllegalStateException("Consumer " + name + " is " + e.liveness.name().toLowerCase() + ".");
        }
        e.worker.kill();
        e.liveness = Liveness.CRASHED;
        return "ok";
    }

    @Override
    public void close() {
        workers.close();
    }
}
