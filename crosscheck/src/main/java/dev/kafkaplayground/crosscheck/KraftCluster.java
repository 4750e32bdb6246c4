package dev.kafkaplayground.crosscheck;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.BrokerNotAvailableException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import kafka.tools.StorageTool;

/**
 * A KRaft cluster of separate JVM processes on 127.0.0.1 for plans whose header says
 * {@code "brokers": true} (PROTOCOL.md "Brokers"): one controller-only node
 * ({@code node.id} {@value #CONTROLLER_ID}, a standalone dynamic voter) and brokers started
 * and stopped by the plan, broker 1 from the start. Each node is {@code java -cp <the
 * driver's classpath> kafka.Kafka server.properties}, its storage formatted here (as
 * {@code kafka-storage format} does, with one cluster id) in a directory under one
 * temporary root that {@link #close()} deletes after killing every process.
 *
 * <p>Each broker has a PLAINTEXT listener (clients but the producer, and replication) and
 * a PROXIED one advertised at its own route of the {@link FaultProxy}, so that the
 * producer's requests to any broker pass through the proxy. A broker's ports are chosen
 * when it first starts and kept across restarts.
 */
final class KraftCluster implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(KraftCluster.class);

    static final int CONTROLLER_ID = 100;
    /** The main class of a Kafka node, in the kafka_2.13 jar (what {@code kafka-server-start.sh} runs). */
    static final String MAIN = "kafka.Kafka";
    /** As the engine's cluster (broker/lifecycle.rs MAX_BROKERS). */
    static final int MAX_BROKERS = 9;
    static final List<String> JVM_FLAGS = List.of(
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms64m", "-Xmx512m", "-XX:-UsePerfData",
            "-Djava.awt.headless=true");
    static final long START_WAIT_MS = 90_000;
    static final long STOP_WAIT_MS = 60_000;

    /** One node: its directory, ports and (while it runs) its process. */
    private static final class NodeProc {
        final int id;
        final boolean controller;
        final Path dir;
        final Path config;
        final int port;
        final int proxiedPort;
        final int proxyPort;
        volatile Process process;

        NodeProc(int id, boolean controller, Path dir, int port, int proxiedPort, int proxyPort) {
            this.id = id;
            this.controller = controller;
            this.dir = dir;
            this.config = dir.resolve("server.properties");
            this.port = port;
            this.proxiedPort = proxiedPort;
            this.proxyPort = proxyPort;
        }

        boolean running() {
            return process != null && process.isAlive();
        }
    }

    private final Path root;
    private final Scale scale;
    private final Path log;
    private final FaultProxy proxy;
    private final String clusterId = Uuid.randomUuid().toString();
    private final int controllerPort;
    private final Set<Integer> usedPorts = new HashSet<>();
    private final NodeProc controller;
    /**
     * Every broker started so far, by id, whether it runs now or not. The driver's one
     * thread changes it; {@link #close()} (maybe from the shutdown hook) only reads it.
     */
    private final Map<Integer, NodeProc> brokers = new ConcurrentSkipListMap<>();
    private volatile boolean closed;

    private KraftCluster(Path root, Scale scale, Path log, FaultProxy proxy) throws IOException {
        this.root = root;
        this.scale = scale;
        this.log = log;
        this.proxy = proxy;
        this.controllerPort = freePort();
        this.controller = new NodeProc(CONTROLLER_ID, true, root.resolve("controller-" + CONTROLLER_ID),
                controllerPort, -1, -1);
    }

    /**
     * A cluster to be started by {@link #start()}: its root directory exists from now on and
     * broker 1's ports are chosen (so {@link #bootstrap()} names it already), so close it
     * even if it never starts.
     */
    static KraftCluster prepare(Scale scale, Path log, FaultProxy proxy) throws Exception {
        try {
            Class.forName(MAIN, false, KraftCluster.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(MAIN + " is not on the classpath (the kafka_2.13 jar)", e);
        }
        KraftCluster c = new KraftCluster(Files.createTempDirectory("crosscheck-cluster-"), scale, log, proxy);
        c.define(1);
        return c;
    }

    /** Formats and launches the controller and broker 1 together; returns once broker 1 is unfenced. */
    void start() throws Exception {
        long t0 = System.nanoTime();
        format(controller, true);
        NodeProc b1 = brokers.get(1);
        format(b1, false);
        launch(controller);
        launch(b1);
        awaitUnfenced(b1);
        LOG.info("cluster {} up: controller {} on {}, broker 1 on {}, in {} ms", clusterId, CONTROLLER_ID,
                controllerPort, b1.port, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The PLAINTEXT address of every broker started so far, in id order. */
    String bootstrap() {
        return brokers.values().stream().map(b -> "127.0.0.1:" + b.port).collect(Collectors.joining(","));
    }

    /** The PLAINTEXT address of every broker running now, in id order. */
    String liveBootstrap() {
        return brokers.values().stream().filter(NodeProc::running).map(b -> "127.0.0.1:" + b.port)
                .collect(Collectors.joining(","));
    }

    /** The producer's way in: every broker's route through the fault proxy. */
    String producerBootstrap() {
        return brokers.values().stream().map(b -> "127.0.0.1:" + b.proxyPort).collect(Collectors.joining(","));
    }

    /** True if broker {@code id} has been started before (so a start is a restart). */
    boolean known(int id) {
        return brokers.containsKey(id);
    }

    /**
     * {@code start-broker}: a new id is formatted and launched; a known one that is not
     * running is launched again on its log directory as it was left. Returns once the
     * broker is unfenced.
     */
    String startBroker(int id) throws Exception {
        if (id < 0) {
            throw new ConfigException("Invalid value " + id + " for configuration node.id: Value must be at least 0");
        }
        NodeProc b = brokers.get(id);
        if (b != null && b.running()) {
            throw new IllegalStateException("Broker " + id + " is already running.");
        }
        if (b == null) {
            if (id == CONTROLLER_ID) {
                throw new IllegalStateException("node.id " + id + " is the cross-check's controller");
            }
            if (brokers.size() >= MAX_BROKERS) {
                throw new IllegalStateException("This playground holds at most " + MAX_BROKERS + " brokers.");
            }
            b = define(id);
            format(b, false);
        }
        long t0 = System.nanoTime();
        launch(b);
        awaitUnfenced(b);
        LOG.info("broker {} up on {} in {} ms", id, b.port, (System.nanoTime() - t0) / 1_000_000);
        return "ok";
    }

    /** {@code stop-broker}: SIGTERM, so that Kafka's shutdown hook does a controlled shutdown; waits for the exit. */
    String stopBroker(int id) throws Exception {
        NodeProc b = running(id);
        long t0 = System.nanoTime();
        b.process.destroy();
        if (!b.process.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) {
            LOG.warn("broker {} did not stop within {} ms of SIGTERM: killed", id, STOP_WAIT_MS);
            b.process.destroyForcibly();
            b.process.waitFor(10, TimeUnit.SECONDS);
        }
        LOG.info("broker {} stopped (exit {}) in {} ms", id, b.process.exitValue(), (System.nanoTime() - t0) / 1_000_000);
        return "ok";
    }

    /** {@code kill-broker}: SIGKILL, no controlled shutdown; waits for the exit. */
    String killBroker(int id) throws Exception {
        NodeProc b = running(id);
        b.process.destroyForcibly();
        b.process.waitFor(10, TimeUnit.SECONDS);
        LOG.info("broker {} killed", id);
        return "ok";
    }

    private NodeProc running(int id) {
        NodeProc b = brokers.get(id);
        if (b == null) {
            throw new BrokerNotAvailableException(
                    "Broker " + id + " is not registered: start it first with start-broker id=" + id + ".");
        }
        if (!b.running()) {
            throw new IllegalStateException("Broker " + id + " is not running.");
        }
        return b;
    }

    /** Chooses broker {@code id}'s directory and ports (its proxy route included) for good. */
    private NodeProc define(int id) throws IOException {
        int port = freePort();
        int proxied = freePort();
        int routed = proxy.route(proxied);
        usedPorts.add(routed);
        NodeProc b = new NodeProc(id, false, root.resolve("broker-" + id), port, proxied, routed);
        brokers.put(id, b);
        return b;
    }

    private Map<String, String> settings(NodeProc n) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("node.id", Integer.toString(n.id));
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        if (n.controller) {
            p.put("process.roles", "controller");
            p.put("listeners", "CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("advertised.listeners", "CONTROLLER://127.0.0.1:" + controllerPort);
            p.put("listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");
        } else {
            p.put("process.roles", "broker");
            p.put("listeners", "PLAINTEXT://127.0.0.1:" + n.port + ",PROXIED://127.0.0.1:" + n.proxiedPort);
            p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + n.port + ",PROXIED://127.0.0.1:" + n.proxyPort);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,PROXIED:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("inter.broker.listener.name", "PLAINTEXT");
        }
        p.put("log.dirs", n.dir.resolve("data").toString());
        p.putAll(EmbeddedKafka.sharedSettings(scale));
        p.putAll(replicationSettings(scale));
        return p;
    }

    /**
     * PROTOCOL.md "Brokers": Kafka's defaults (the engine's) for broker sessions,
     * replication and leader balance, divided by the time scale.
     */
    static Map<String, String> replicationSettings(Scale scale) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("broker.session.timeout.ms", Long.toString(scale.ms(9_000)));
        p.put("broker.heartbeat.interval.ms", Long.toString(scale.ms(2_000)));
        p.put("replica.lag.time.max.ms", Long.toString(scale.ms(30_000)));
        p.put("replica.fetch.wait.max.ms", Long.toString(Math.max(50, scale.ms(500))));
        p.put("leader.imbalance.check.interval.seconds", Long.toString(Math.max(1, Math.round(300 / scale.n))));
        // Kafka's defaults, said here because the engine models them.
        p.put("auto.leader.rebalance.enable", "true");
        p.put("unclean.leader.election.enable", "false");
        p.put("min.insync.replicas", "1");
        return p;
    }

    /** Writes the node's server.properties and formats its storage with the cluster's id. */
    private void format(NodeProc n, boolean standalone) throws IOException {
        Files.createDirectories(n.dir);
        Properties props = new Properties();
        props.putAll(settings(n));
        try (Writer w = Files.newBufferedWriter(n.config, StandardCharsets.UTF_8)) {
            props.store(w, "crosscheck node " + n.id);
        }
        List<String> args = new ArrayList<>(List.of("format", "--cluster-id", clusterId, "--config", n.config.toString()));
        if (standalone) {
            args.add("--standalone");
        }
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        int rc = StorageTool.execute(args.toArray(new String[0]), quiet);
        if (rc != 0) {
            throw new IllegalStateException("kafka-storage format of node " + n.id + " exited with " + rc);
        }
    }

    private void launch(NodeProc n) throws IOException {
        if (closed) {
            throw new IllegalStateException("shutting down");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(JVM_FLAGS);
        cmd.add("-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile", Driver.LOG_CONFIG));
        cmd.add("-D" + Driver.LOG_PROPERTY + "=" + (log == null ? "/dev/null" : log.toString()));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(MAIN);
        cmd.add(n.config.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        ProcessBuilder.Redirect sink = log == null ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.appendTo(log.toFile());
        pb.redirectOutput(sink);
        pb.redirectError(sink);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        n.process = pb.start();
        if (closed) {
            // close() ran meanwhile and did not see this process
            n.process.destroyForcibly();
            throw new IllegalStateException("shutting down");
        }
        LOG.info("{} {} started: pid {}", n.controller ? "controller" : "broker", n.id, n.process.pid());
    }

    /**
     * Until broker {@code b} answers a metadata request itself (an Admin bootstrapped to it
     * alone) and the cluster lists it among the unfenced brokers. Its port is probed
     * first, quietly (a client would log every refused connection).
     */
    private void awaitUnfenced(NodeProc b) throws Exception {
        long deadline = System.nanoTime() + START_WAIT_MS * 1_000_000;
        while (!accepts(b.port)) {
            checkAlive(b);
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("broker " + b.id + " not listening after " + START_WAIT_MS + " ms");
            }
            Thread.sleep(50);
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + b.port);
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "crosscheck-start-" + b.id);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        p.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "200");
        try (Admin admin = Admin.create(p)) {
            while (true) {
                checkAlive(b);
                try {
                    for (Node node : admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)) {
                        if (node.id() == b.id) {
                            return;
                        }
                    }
                } catch (Exception e) {
                    // not up yet
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("broker " + b.id + " not unfenced after " + START_WAIT_MS + " ms");
                }
                Thread.sleep(50);
            }
        }
    }

    private void checkAlive(NodeProc b) {
        if (!b.running()) {
            throw new IllegalStateException("broker " + b.id + " exited with " + b.process.exitValue()
                    + " while starting (see the driver's --log)");
        }
        if (!controller.running()) {
            throw new IllegalStateException("the controller exited with " + controller.process.exitValue());
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private int freePort() throws IOException {
        while (true) {
            int port = EmbeddedKafka.freePorts(1)[0];
            if (usedPorts.add(port)) {
                return port;
            }
        }
    }

    /** Kills every node, waits for them to end, and deletes the directories; safe to call twice. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        List<NodeProc> nodes = new ArrayList<>(brokers.values());
        nodes.add(controller);
        for (NodeProc n : nodes) {
            if (n.process != null) {
                n.process.destroyForcibly();
            }
        }
        for (NodeProc n : nodes) {
            if (n.process != null) {
                try {
                    if (!n.process.waitFor(10, TimeUnit.SECONDS)) {
                        LOG.warn("node {} (pid {}) did not end within 10 s of SIGKILL", n.id, n.process.pid());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        EmbeddedKafka.deleteTree(root);
    }
}
