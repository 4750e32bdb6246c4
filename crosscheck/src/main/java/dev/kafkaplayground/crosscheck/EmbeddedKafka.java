package dev.kafkaplayground.crosscheck;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * One KRaft node in this JVM, broker and controller combined, on 127.0.0.1: its storage
 * formatted as {@code kafka-storage format --standalone} does, in a fresh temporary
 * directory that {@link #close()} deletes.
 *
 * <p>Three listeners: PLAINTEXT for every client but the producer, PROXIED whose advertised
 * address is the fault proxy's (so the producer's every request passes through it), and
 * CONTROLLER.
 */
final class EmbeddedKafka implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(EmbeddedKafka.class);

    final Path dir;
    final int port;
    final int proxiedPort;
    final int controllerPort;
    private int proxyPort;
    private KafkaRaftServer server;
    private boolean closed;

    private EmbeddedKafka(Path dir, int port, int proxiedPort, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.proxiedPort = proxiedPort;
        this.controllerPort = controllerPort;
    }

    /** The address of the PLAINTEXT listener. */
    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    /**
     * A node to be started by {@link #start()}, its PLAINTEXT listener on {@code port}, its
     * PROXIED listener advertised at {@code 127.0.0.1:proxyPort}; its directory exists
     * from now on, so close it even if it never starts.
     */
    static EmbeddedKafka prepare(int proxyPort, int port, Scale scale) throws IOException {
        Path dir = Files.createTempDirectory("crosscheck-kafka-");
        int[] ports;
        do {
            ports = freePorts(2);
        } while (ports[0] == port || ports[1] == port || ports[0] == proxyPort || ports[1] == proxyPort);
        EmbeddedKafka k = new EmbeddedKafka(dir, port, ports[0], ports[1]);
        k.proxyPort = proxyPort;
        k.scale = scale;
        return k;
    }

    /** The time scale: the consumer protocol's broker-side timeouts shrink with it. */
    private Scale scale;

    /** Formats the storage and starts the node; returns once it answers an Admin request. */
    EmbeddedKafka start() throws Exception {
        formatAndStart(proxyPort);
        return this;
    }

    private Map<String, String> settings(int proxyPort) {
        Map<String, String> p = new LinkedHashMap<>();
        // A single combined node, its controller quorum a standalone (dynamic) voter.
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",PROXIED://127.0.0.1:" + proxiedPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",PROXIED://127.0.0.1:" + proxyPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,PROXIED:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.resolve("data").toString());
        p.putAll(sharedSettings(scale));
        return p;
    }

    /**
     * The settings every node of the cross-check shares, the single combined one and each
     * of KraftCluster's (PROTOCOL.md "Time, timeouts and broker settings").
     */
    static Map<String, String> sharedSettings(Scale scale) {
        Map<String, String> p = new LinkedHashMap<>();
        // Internal topics on one node.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        // PROTOCOL.md: settings that only shorten waits.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("group.min.session.timeout.ms", "100");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.num.partitions", "1");
        p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "100");
        p.put("auto.create.topics.enable", "false");
        // The consumer protocol's timeouts are the broker's (KIP-848): scaled like the
        // clients' are. Heartbeats every 50 ms stand for the engine's continuous ones.
        long n = Math.max(1, Math.round(scale.n));
        p.put("group.consumer.min.heartbeat.interval.ms", "50");
        p.put("group.consumer.heartbeat.interval.ms", "50");
        p.put("group.consumer.min.session.timeout.ms", Long.toString(45000 / n));
        p.put("group.consumer.session.timeout.ms", Long.toString(45000 / n));
        p.put("group.consumer.min.assignment.interval.ms", "0");
        p.put("group.consumer.assignment.interval.ms", Long.toString(1000 / n));
        return p;
    }

    private void formatAndStart(int proxyPort) throws Exception {
        long t0 = System.nanoTime();
        Map<String, String> settings = settings(proxyPort);
        Path config = dir.resolve("server.properties");
        Properties props = new Properties();
        props.putAll(settings);
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            props.store(w, "crosscheck");
        }
        String clusterId = Uuid.randomUuid().toString();
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        int rc = StorageTool.execute(new String[] {
            "format", "--cluster-id", clusterId, "--config", config.toString(), "--standalone"}, quiet);
        if (rc != 0) {
            throw new IllegalStateException("kafka-storage format exited with " + rc);
        }
        server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        server.startup();
        awaitReady();
        LOG.info("broker up on {} (proxied {} via {}, controller {}) in {} ms", bootstrap(), proxiedPort,
                proxyPort, controllerPort, (System.nanoTime() - t0) / 1_000_000);
    }

    private void awaitReady() throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");
        try (Admin admin = Admin.create(p)) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        }
    }

    /** Stops the node (bounded) and deletes its directory; safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        KafkaRaftServer s = server;
        if (s != null) {
            Thread stopper = new Thread(() -> {
                try {
                    s.shutdown();
                    s.awaitShutdown();
                } catch (Throwable t) {
                    LOG.warn("broker shutdown failed", t);
                }
            }, "crosscheck-broker-stop");
            stopper.setDaemon(true);
            stopper.start();
            try {
                stopper.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (stopper.isAlive()) {
                LOG.warn("broker did not stop within 30 s; deleting its directory anyway");
            }
        }
        deleteTree(dir);
    }

    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // a file still held open: best effort
                }
            });
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", root, e.toString());
        }
    }

    /**
     * {@code n} distinct ports free on 127.0.0.1 at the time of asking, below the kernel's
     * ephemeral range: a broker binds its port seconds after it was chosen (a JVM starts),
     * and a port of the ephemeral range may meanwhile become the local end of some
     * outgoing connection ("Address already in use", seen once in CI).
     */
    static int[] freePorts(int n) throws IOException {
        int high = ephemeralLow();
        int low = Math.max(10_000, high - 12_000);
        java.util.Random random = new java.util.Random();
        int[] ports = new int[n];
        for (int i = 0; i < n; ) {
            int port = low + random.nextInt(high - low);
            boolean seen = false;
            for (int j = 0; j < i; j++) {
                seen |= ports[j] == port;
            }
            if (seen) {
                continue;
            }
            try (ServerSocket s = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                ports[i++] = s.getLocalPort();
            } catch (IOException taken) {
                // in use: draw another
            }
        }
        return ports;
    }

    /** The first port of the kernel's ephemeral range (32768 on Linux by default). */
    private static int ephemeralLow() {
        try {
            String range = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim();
            int low = Integer.parseInt(range.split("\\s+")[0]);
            return low > 12_000 ? low : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
