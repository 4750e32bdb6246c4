package dev.kafkaplayground.crosscheck;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ElectLeadersResult;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Plays a kafka-sim plan (JSON lines on stdin) on a real Kafka node and prints what the
 * clients saw (observation lines on stdout): see PROTOCOL.md beside this module.
 *
 * <pre>
 * java -cp CLASSPATH dev.kafkaplayground.crosscheck.Driver [--bootstrap-server HOST:PORT] [--scale N] [--log FILE]
 * </pre>
 */
public final class Driver {
    static final String LOG_CONFIG = "crosscheck-log4j2.xml";
    static final String LOG_PROPERTY = "crosscheck.log";
    static final long ADMIN_WAIT_S = 30;

    /** {@code t-p} names in (topic, partition number) order. */
    static final Comparator<String> TP_NAME_ORDER = Comparator
            .comparing((String s) -> s.substring(0, Math.max(0, s.lastIndexOf('-'))))
            .thenComparingLong(s -> {
                try {
                    return Long.parseLong(s.substring(s.lastIndexOf('-') + 1));
                } catch (NumberFormatException e) {
                    return Long.MAX_VALUE;
                }
            });

    /** One record a worker handed back for {@code process}. */
    record Processed(String topic, int partition, long offset, String key, String value) {}

    private static Logger log;
    /**
     * Each tick sleeps its own wait_ms / N from when it starts (the default, PROTOCOL.md);
     * {@code --ticks absolute} sleeps until the plan's clock reaches the sum of the waits,
     * which under-waits a timer that an earlier command started.
     */
    private static boolean relativeTicks = true;
    /**
     * A poll merges batches until it has the hinted record count in the hinted generation
     * and assignment (the default, PROTOCOL.md): the engine's poll returns everything
     * available, a real one may return a partial or prefetched batch first.
     * {@code --poll first} takes the first non-empty batch.
     */
    private static boolean fillPolls = true;

    private final PrintStream out;
    private final Scale scale;
    private final Admin admin;
    private final ProducerSide producer;
    private final ConsumerSide consumers;
    private final Fetcher fetcher;
    private final Checkpoint checkpoint;
    /** The broker processes of a {@code "brokers": true} plan, else null (broker verbs unsupported). */
    private final KraftCluster cluster;
    /** With {@link #cluster}: the Admin behind {@link #admin}, rebuilt when a new broker joins the bootstrap list. */
    private final AdminSwitch adminSwitch;
    private long planStartNanos = -1;
    private long waitedScriptMs;

    private Driver(PrintStream out, Scale scale, Admin admin, ProducerSide producer, ConsumerSide consumers,
                   Fetcher fetcher) {
        this(out, scale, admin, producer, consumers, fetcher, null, null);
    }

    private Driver(PrintStream out, Scale scale, Admin admin, ProducerSide producer, ConsumerSide consumers,
                   Fetcher fetcher, KraftCluster cluster, AdminSwitch adminSwitch) {
        this.cluster = cluster;
        this.adminSwitch = adminSwitch;
        this.out = out;
        this.scale = scale;
        this.admin = admin;
        this.producer = producer;
        this.consumers = consumers;
        this.fetcher = fetcher;
        // With broker processes a partition may have no leader: its ListOffsets would retry
        // for the Admin's 30 s, three times. It gets a broker session (a leader that died
        // is replaced by then) and 3 s.
        this.checkpoint = cluster == null ? new Checkpoint(admin, consumers)
                : new Checkpoint(admin, consumers, (int) scale.ms(9_000) + 3_000);
    }

    public static void main(String[] args) {
        String bootstrap = null;
        Double scaleArg = null;
        Path logFile = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--bootstrap-server" -> { bootstrap = need(a, v); i++; }
                case "--scale" -> { scaleArg = Double.parseDouble(need(a, v)); i++; }
                case "--log" -> { logFile = Path.of(need(a, v)).toAbsolutePath(); i++; }
                case "--poll" -> { fillPolls = switch (need(a, v)) {
                        case "first" -> false;
                        case "fill" -> true;
                        default -> { usage(); yield false; }
                    };
                    i++;
                }
                case "--ticks" -> { relativeTicks = switch (need(a, v)) {
                        case "absolute" -> false;
                        case "relative" -> true;
                        default -> { usage(); yield false; }
                    };
                    i++;
                }
                default -> usage();
            }
        }
        // Before any logger exists: Kafka's logs (slf4j -> log4j2) go to the log file or nowhere.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", LOG_CONFIG);
        }
        System.setProperty(LOG_PROPERTY, logFile == null ? "/dev/null" : logFile.toString());
        PrintStream observations = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        log = LogManager.getLogger(Driver.class);
        int rc;
        try {
            rc = run(bootstrap, new Scale(scaleArg != null ? scaleArg : bootstrap == null ? 5 : 1), logFile, observations);
        } catch (Throwable t) {
            log.error("driver failed", t);
            System.err.println("crosscheck driver failed: " + t);
            rc = 1;
        }
        observations.flush();
        System.exit(rc);
    }

    private static void usage() {
        System.err.println("usage: Driver [--bootstrap-server HOST:PORT] [--scale N] [--log FILE] [--ticks absolute|relative] [--poll first|fill]");
        System.exit(2);
    }

    private static String need(String flag, String value) {
        if (value == null) {
            System.err.println(flag + " needs a value");
            System.exit(2);
        }
        return value;
    }

    /**
     * What the run opened, closed in a fixed order whatever the order of opening: clients
     * first, then the consumer JVMs, then the node (which deletes its directory), then the
     * proxy. Closed by the end of {@link #run} and, if the JVM is stopped, by a shutdown hook.
     */
    private static final class Resources {
        static final int PRODUCER = 0;
        static final int ADMIN = 1;
        static final int WORKERS = 2;
        static final int KAFKA = 3;
        static final int PROXY = 4;

        private final AutoCloseable[] items = new AutoCloseable[5];

        synchronized <T extends AutoCloseable> T add(int slot, T item) {
            items[slot] = item;
            return item;
        }

        synchronized void closeAll() {
            for (int i = 0; i < items.length; i++) {
                AutoCloseable c = items[i];
                items[i] = null;
                if (c == null) {
                    continue;
                }
                try {
                    c.close();
                } catch (Throwable t) {
                    if (log != null) {
                        log.warn("closing {}: {}", c.getClass().getSimpleName(), t.toString());
                    }
                }
            }
        }
    }

    private static int run(String external, Scale scale, Path logFile, PrintStream out) throws Exception {
        long t0 = System.nanoTime();
        Resources res = new Resources();
        Thread hook = new Thread(res::closeAll, "crosscheck-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            // The header says which cluster the plan needs; it is played as the first line.
            String first = in.readLine();
            while (first != null && first.isBlank()) {
                first = in.readLine();
            }
            if (external == null && wantsBrokers(first)) {
                return runBrokers(scale, logFile, out, res, in, first, t0);
            }
            String bootstrap;
            String producerBootstrap;
            FaultProxy proxy = null;
            Workers workers;
            if (external == null) {
                proxy = res.add(Resources.PROXY, new FaultProxy());
                // The broker's PLAINTEXT port is chosen now so that the spare worker JVM can
                // boot while the broker starts.
                bootstrap = "127.0.0.1:" + EmbeddedKafka.freePorts(1)[0];
                workers = res.add(Resources.WORKERS, new Workers(bootstrap, logFile));
                workers.prestart();
                EmbeddedKafka kafka = res.add(Resources.KAFKA,
                        EmbeddedKafka.prepare(proxy.port(), Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1)), scale));
                kafka.start();
                proxy.start(kafka.proxiedPort);
                producerBootstrap = "127.0.0.1:" + proxy.port();
            } else {
                bootstrap = external;
                producerBootstrap = external;
                workers = res.add(Resources.WORKERS, new Workers(bootstrap, logFile));
                workers.prestart();
            }
            Properties ap = new Properties();
            ap.put("bootstrap.servers", bootstrap);
            ap.put("client.id", "crosscheck-admin");
            ap.put("request.timeout.ms", "10000");
            ap.put("default.api.timeout.ms", "30000");
            Admin admin = res.add(Resources.ADMIN, Admin.create(ap));
            ProducerSide producer = res.add(Resources.PRODUCER, new ProducerSide(producerBootstrap, scale, proxy, admin));
            ConsumerSide consumers = new ConsumerSide(bootstrap, scale, workers);
            Driver d = new Driver(out, scale, admin, producer, consumers, new Fetcher(bootstrap));
            log.info("ready after {} ms", (System.nanoTime() - t0) / 1_000_000);
            int rc = d.play(in, first);
            log.info("plan played in {} ms (total {} ms)", (System.nanoTime() - d.planStartNanos) / 1_000_000,
                    (System.nanoTime() - t0) / 1_000_000);
            return rc;
        } finally {
            res.closeAll();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down
            }
        }
    }

    /** True if {@code line} is a header with {@code "brokers": true}. */
    private static boolean wantsBrokers(String line) {
        if (line == null) {
            return false;
        }
        try {
            JsonNode n = new ObjectMapper().readTree(line);
            return n.path("kind").asText().equals("header") && n.path("brokers").asBoolean(false);
        } catch (Exception e) {
            return false; // play() reports it
        }
    }

    /**
     * A {@code "brokers": true} plan (PROTOCOL.md "Brokers"): a KraftCluster of separate
     * processes, a controller and broker 1 to begin with; every client's bootstrap list is
     * every broker started so far.
     */
    private static int runBrokers(Scale scale, Path logFile, PrintStream out, Resources res, BufferedReader in,
                                  String first, long t0) throws Exception {
        FaultProxy proxy = res.add(Resources.PROXY, new FaultProxy());
        KraftCluster cluster = res.add(Resources.KAFKA, KraftCluster.prepare(scale, logFile, proxy));
        Workers workers = res.add(Resources.WORKERS, new Workers(cluster::bootstrap, logFile));
        workers.prestart();
        cluster.start();
        // A script's `cluster brokers=N` header (PROTOCOL.md "Brokers"): brokers 2..N
        // start before the first line, as the engine's cluster has them from time 0.
        int initial = new ObjectMapper().readTree(first).path("initial_brokers").asInt(1);
        for (int id = 2; id <= initial; id++) {
            cluster.startBroker(id);
        }
        AdminSwitch admins = res.add(Resources.ADMIN, new AdminSwitch(() -> {
            Properties ap = new Properties();
            ap.put("bootstrap.servers", cluster.bootstrap());
            ap.put("client.id", "crosscheck-admin");
            ap.put("request.timeout.ms", "10000");
            ap.put("default.api.timeout.ms", "30000");
            return Admin.create(ap);
        }));
        ProducerSide producer = res.add(Resources.PRODUCER,
                new ProducerSide(cluster::producerBootstrap, scale, proxy, admins.admin));
        ConsumerSide consumers = new ConsumerSide(cluster::bootstrap, scale, workers);
        Driver d = new Driver(out, scale, admins.admin, producer, consumers, new Fetcher(cluster::bootstrap),
                cluster, admins);
        log.info("ready after {} ms (brokers)", (System.nanoTime() - t0) / 1_000_000);
        int rc = d.play(in, first);
        log.info("plan played in {} ms (total {} ms)", (System.nanoTime() - d.planStartNanos) / 1_000_000,
                (System.nanoTime() - t0) / 1_000_000);
        return rc;
    }

    /**
     * Reads and plays plan lines until {@code end}, {@code first} (already read) first; 0
     * when the plan was played to its end.
     */
    private int play(BufferedReader in, String first) throws Exception {
        ObjectMapper json = new ObjectMapper();
        String line = first;
        for (; line != null; line = in.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n;
            try {
                n = json.readTree(line);
            } catch (Exception e) {
                System.err.println("crosscheck: not a JSON plan line: " + line);
                return 2;
            }
            if (planStartNanos < 0) {
                planStartNanos = System.nanoTime();
            }
            switch (n.path("kind").asText()) {
                case "header" -> log.info("plan {}", n.path("script").asText());
                case "command" -> command(n);
                case "checkpoint" -> {
                    long t = System.nanoTime();
                    for (String l : checkpoint.lines(n.path("label").asText(), n.path("partitions"),
                            n.path("replicas"), n.path("groups"), n.path("consumers"))) {
                        out.println(l);
                    }
                    log.info("checkpoint {} in {} ms", n.path("label").asText(), (System.nanoTime() - t) / 1_000_000);
                }
                case "end" -> {
                    return 0;
                }
                default -> {
                    System.err.println("crosscheck: unknown plan line kind: " + line);
                    return 2;
                }
            }
        }
        System.err.println("crosscheck: the plan ended without its end line");
        return 3;
    }

    private void command(JsonNode n) {
        long line = n.path("line").asLong();
        String text = n.path("text").asText();
        String verb = n.path("verb").asText();
        long t = System.nanoTime();
        String outcome;
        try {
            outcome = outcome(verb, n, line);
            if (n.hasNonNull("writes")) {
                outcome += " writes=[" + producer.writes(n.get("writes")) + "]";
            }
        } catch (ConsumerSide.ClientError e) {
            outcome = "error " + e.name;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Errors.outcome(e);
        } catch (Throwable e) {
            outcome = Errors.outcome(e);
            log.info("line {} {}: {}", line, verb, Errors.real(e).toString());
        }
        out.println(Observation.command(line, text, outcome));
        log.info("line {} {} => {} ({} ms)", line, verb, outcome, (System.nanoTime() - t) / 1_000_000);
    }

    private String outcome(String verb, JsonNode n, long line) throws Exception {
        return switch (verb) {
            case "create-topic" -> createTopic(n);
            case "alter-topic" -> alterTopic(n);
            // The engine's kafka-go Writer batched the record: the driver sends its batches
            // from the plan's `writes`, where and when the Writer did.
            case "produce" -> producer.writerActive() ? "ok" : producer.produce(n.path("topic").asText(),
                    n.hasNonNull("pin") ? Integer.valueOf(n.get("pin").asInt())
                            : n.hasNonNull("partition") ? Integer.valueOf(n.get("partition").asInt()) : null,
                    n.hasNonNull("timestamp") ? Long.valueOf(n.get("timestamp").asLong()) : null,
                    text(n, "key"), text(n, "value"), pairs(n.path("headers")), text(n, "fault"), line);
            case "fetch" -> fetcher.fetch(n.path("topic").asText(), n.path("partition").asInt(),
                    n.path("offset").asLong(), n.hasNonNull("max") ? n.get("max").asInt() : null, text(n, "reader"));
            case "set-producer" -> {
                producer.clearWriter();
                yield producer.setProducer(pairs(n.path("configs")));
            }
            case "set-writer" -> producer.setWriter(n.path("acks").asInt(0));
            case "create-consumer" -> consumers.create(n.path("name").asText(), n.path("group").asText(),
                    pairs(n.path("configs")));
            case "subscribe" -> {
                var req = ConsumerSide.op("subscribe");
                req.set("topics", n.path("topics"));
                consumers.call(n.path("consumer").asText(), req);
                yield "ok";
            }
            case "poll" -> {
                var req = ConsumerSide.op("poll");
                req.set("hint", n.path("hint"));
                req.put("mode", fillPolls ? "fill" : "first");
                JsonNode r = consumers.call(n.path("consumer").asText(), req);
                List<Observation.Rec> recs = new ArrayList<>();
                r.path("records").forEach(a -> recs.add(new Observation.Rec(a.path(0).asText(), a.path(1).asInt(),
                        a.path(2).asLong(), a.path(3).isNull() ? null : a.path(3).asText())));
                yield Observation.records(recs);
            }
            case "commit" -> {
                var req = ConsumerSide.op("commit");
                req.set("offset", n.path("offset"));
                req.put("async", n.path("async").asBoolean(false));
                JsonNode r = consumers.call(n.path("consumer").asText(), req);
                yield r.hasNonNull("callback") ? "callback=" + r.get("callback").asText() : "ok";
            }
            case "seek" -> {
                var req = ConsumerSide.op("seek");
                req.put("topic", n.path("topic").asText());
                req.put("partition", n.path("partition").asInt());
                req.put("offset", n.path("offset").asLong());
                consumers.call(n.path("consumer").asText(), req);
                yield "ok";
            }
            case "crash-consumer" -> consumers.crash(n.path("consumer").asText());
            case "close" -> consumers.close(n.path("consumer").asText());
            case "process" -> process(n);
            case "set-app" -> setApp(n);
            // The application's database is the engine's: nothing in Kafka changes.
            case "stop-database", "start-database" -> "ok";
            case "init-transactions" -> { producer.initTransactions(); yield "ok"; }
            case "begin-transaction" -> { producer.beginTransaction(); yield "ok"; }
            case "commit-transaction" -> { producer.commitTransaction(); yield "ok"; }
            case "abort-transaction" -> { producer.abortTransaction(); yield "ok"; }
            case "send-offsets-to-transaction" -> sendOffsets(n.path("consumer").asText());
            case "tick" -> tick(n.path("wait_ms").asLong(n.path("ms").asLong(0)));
            case "start-broker" -> {
                int id = n.path("id").asInt();
                boolean fresh = !brokers().known(id);
                String o = brokers().startBroker(id);
                if (fresh) {
                    adminSwitch.rebuild(); // its bootstrap list names the new broker
                }
                yield o;
            }
            case "stop-broker" -> brokers().stopBroker(n.path("id").asInt());
            case "kill-broker" -> brokers().killBroker(n.path("id").asInt());
            case "isolate-broker", "heal-broker" -> throw new UnsupportedOperationException(
                    verb + ": no network partition on a real cluster here");
            case "elect-leaders" -> electLeaders(n.path("topic").asText(), n.path("partition").asInt(),
                    n.path("unclean").asBoolean(false));
            default -> throw new UnsupportedOperationException("unknown verb " + verb);
        };
    }

    private KraftCluster brokers() {
        if (cluster == null) {
            throw new UnsupportedOperationException("broker verbs need a plan whose header says \"brokers\": true"
                    + " and the driver's own cluster (not --bootstrap-server)");
        }
        return cluster;
    }

    /**
     * {@code Admin.electLeaders} for one partition: {@code ok} or the partition's error.
     * After {@code ok}, waits (5 s at most) until describeTopics shows the elected leader
     * (the preferred replica, or any leader after an unclean election), so that the next
     * command does not race the metadata reaching the brokers.
     */
    private String electLeaders(String topic, int partition, boolean unclean) throws Exception {
        TopicPartition tp = new TopicPartition(topic, partition);
        ElectLeadersResult r = admin.electLeaders(unclean ? ElectionType.UNCLEAN : ElectionType.PREFERRED, Set.of(tp));
        Map<TopicPartition, Optional<Throwable>> results = r.partitions().get(ADMIN_WAIT_S, TimeUnit.SECONDS);
        Optional<Throwable> error = results.getOrDefault(tp, Optional.empty());
        if (error.isPresent()) {
            return Errors.outcome(error.get());
        }
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(5, TimeUnit.SECONDS).get(topic);
                TopicPartitionInfo p = d.partitions().get(partition);
                if (p.leader() != null && p.leader().id() >= 0
                        && (unclean || p.replicas().isEmpty() || p.leader().id() == p.replicas().get(0).id())) {
                    return "ok";
                }
            } catch (Exception e) {
                // not visible yet
            }
            Thread.sleep(20);
        }
        log.warn("{}: the elected leader not visible after 5 s", tp);
        return "ok";
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** {@code [[k,v],...]} in order. */
    private static List<Map.Entry<String, String>> pairs(JsonNode a) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        a.forEach(p -> out.add(new AbstractMap.SimpleEntry<>(p.path(0).asText(),
                p.path(1).isNull() ? null : p.path(1).asText())));
        return out;
    }

    private String createTopic(JsonNode n) throws Exception {
        String name = n.path("name").asText();
        Optional<Integer> partitions = n.hasNonNull("partitions") ? Optional.of(n.get("partitions").asInt()) : Optional.empty();
        Optional<Short> rf = n.hasNonNull("replication_factor")
                ? Optional.of((short) n.get("replication_factor").asInt()) : Optional.empty();
        Map<String, String> configs = new HashMap<>();
        pairs(n.path("configs")).forEach(e -> configs.put(e.getKey(), e.getValue()));
        NewTopic topic;
        int count = partitions.orElse(1);
        if (n.hasNonNull("replica_assignment")) {
            // [[1,2,3],[2,3,1]]: partition i's replicas, the preferred leader first.
            Map<Integer, List<Integer>> assignment = new LinkedHashMap<>();
            JsonNode a = n.get("replica_assignment");
            for (int p = 0; p < a.size(); p++) {
                List<Integer> replicas = new ArrayList<>();
                a.get(p).forEach(id -> replicas.add(id.asInt()));
                assignment.put(p, replicas);
            }
            topic = new NewTopic(name, assignment).configs(configs);
            count = assignment.size();
        } else {
            topic = new NewTopic(name, partitions, rf).configs(configs);
        }
        admin.createTopics(List.of(topic)).all().get(ADMIN_WAIT_S, TimeUnit.SECONDS);
        awaitPartitions(name, count);
        return "ok";
    }

    /**
     * {@code set-app}: the handler's settings are checked by the engine ({@code refused}
     * names its error); a dead letter queue topic that does not exist is created here, as
     * DeadLetterQueueReporter#createAndSetup does, and a broker's refusal is Connect's
     * "Could not initialize dead letter queue".
     */
    private String setApp(JsonNode n) throws Exception {
        if (n.hasNonNull("refused")) {
            return "error " + n.get("refused").asText();
        }
        if (n.path("create").isObject()) {
            try {
                createTopic(n.get("create"));
            } catch (ExecutionException e) {
                return "error ConnectException";
            }
        }
        return "ok";
    }

    private String alterTopic(JsonNode n) throws Exception {
        String name = n.path("name").asText();
        int partitions = n.path("partitions").asInt();
        admin.createPartitions(Map.of(name, NewPartitions.increaseTo(partitions))).all().get(ADMIN_WAIT_S, TimeUnit.SECONDS);
        awaitPartitions(name, partitions);
        return "ok";
    }

    /** Until the broker's metadata shows the topic with (at least) {@code n} partitions, for 5 s at most. */
    private void awaitPartitions(String topic, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            try {
                TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames()
                        .get(5, TimeUnit.SECONDS).get(topic);
                if (d != null && d.partitions().size() >= n
                        && d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (Exception e) {
                // not there yet
            }
            Thread.sleep(20);
        }
        log.warn("topic {} not visible with {} partitions after 5 s", topic, n);
    }

    /**
     * The engine's error handler is application code (error_handler.rs): the driver does
     * what it did to Kafka. It handled {@code handled} records, slept its backoffs, wrote
     * its dead letter queue copies, and closed its consumer when errors.tolerance=none
     * stopped it.
     */
    private String process(JsonNode n) throws Exception {
        var req = ConsumerSide.op("process");
        req.set("count", n.has("handled") ? n.path("handled") : n.path("count"));
        String consumer = n.path("consumer").asText();
        JsonNode r = consumers.call(consumer, req);
        long slept = n.path("slept_ms").asLong(0);
        if (slept > 0) {
            tick(slept);
        }
        // A copy keeps its original's timestamp: the real one, as this consumer got it.
        Map<String, Long> polledAt = new HashMap<>();
        r.path("records").forEach(o -> polledAt.put(o.path("topic").asText() + "-" + o.path("partition").asInt()
                + "@" + o.path("offset").asLong(), o.path("timestamp").asLong()));
        for (JsonNode c : n.path("dead_letters")) {
            JsonNode o = c.path("original");
            Long ts = polledAt.get(o.path(0).asText() + "-" + o.path(1).asInt() + "@" + o.path(2).asLong());
            ((com.fasterxml.jackson.databind.node.ObjectNode) c).put("timestamp", ts);
        }
        producer.deadLetters(n.path("dead_letters"));
        if (n.path("stopped").asBoolean(false)) {
            consumers.close(consumer);
        }
        String output = text(n, "output");
        if (output == null) {
            return "ok";
        }
        List<Processed> records = new ArrayList<>();
        r.path("records").forEach(o -> records.add(new Processed(o.path("topic").asText(), o.path("partition").asInt(),
                o.path("offset").asLong(), text(o, "key"), text(o, "value"))));
        return producer.produceAll(output, records);
    }

    /**
     * The consumer lives in another JVM, so its group metadata is rebuilt here from what it
     * reported: the only way, although Kafka 4 deprecates this constructor for removal.
     */
    @SuppressWarnings("removal")
    private String sendOffsets(String consumer) throws Exception {
        JsonNode r = consumers.call(consumer, ConsumerSide.op("transaction-offsets"));
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        r.path("offsets").forEach(a -> offsets.put(new TopicPartition(a.path(0).asText(), a.path(1).asInt()),
                new OffsetAndMetadata(a.path(2).asLong())));
        JsonNode g = r.path("group");
        ConsumerGroupMetadata meta = new ConsumerGroupMetadata(g.path("group_id").asText(),
                g.path("generation_id").asInt(), g.path("member_id").asText(),
                Optional.ofNullable(text(g, "group_instance_id")));
        producer.sendOffsetsToTransaction(offsets, meta);
        return "ok";
    }

    /**
     * PROTOCOL.md: sleeps until the real time since the plan started is at least the
     * scaled sum of the ticks' waits. With {@code --ticks relative}, sleeps this tick's
     * scaled wait from now, so that a timer started by an earlier command (a crashed
     * consumer's session) has at least the script's time to fire even when the commands
     * before the tick took real time the script does not count.
     */
    private String tick(long waitMs) throws InterruptedException {
        long w = Math.max(0, waitMs);
        waitedScriptMs += w;
        long targetNanos = relativeTicks
                ? System.nanoTime() + (long) (w / scale.n * 1_000_000)
                : planStartNanos + (long) (waitedScriptMs / scale.n * 1_000_000);
        long left = targetNanos - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
        return "ok";
    }
}
