package dev.kafkaplayground.crosscheck;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Starts {@link ConsumerWorker} JVMs, small and quick to start, and keeps one warm spare
 * started ahead so that {@code create-consumer} does not wait for a JVM to boot.
 */
final class Workers implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(Workers.class);
    static final List<String> JVM_FLAGS = List.of(
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx128m", "-Xss512k", "-Xshare:auto",
            "-XX:-UsePerfData", "-XX:CICompilerCount=1");

    /** The bootstrap list a new worker warms up on (a KraftCluster's grows as brokers start). */
    private final Supplier<String> bootstrap;
    private final Path log;
    private final List<Worker> all = new ArrayList<>();
    private Worker spare;
    private boolean closed;

    Workers(String bootstrap, Path log) {
        this(() -> bootstrap, log);
    }

    Workers(Supplier<String> bootstrap, Path log) {
        this.bootstrap = bootstrap;
        this.log = log;
    }

    /** Starts the spare now (while the broker starts, for instance). */
    synchronized void prestart() {
        if (spare == null && !closed) {
            spare = launch();
        }
    }

    /** A worker ready for {@code create}; the next spare starts behind it. */
    Worker take() throws Exception {
        Worker w;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("shutting down");
            }
            w = spare != null ? spare : launch();
            spare = null;
        }
        try {
            w.awaitReady(60_000);
        } finally {
            prestart();
        }
        return w;
    }

    private Worker launch() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(JVM_FLAGS);
        cmd.add("-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile", Driver.LOG_CONFIG));
        cmd.add("-D" + Driver.LOG_PROPERTY + "=" + (log == null ? "/dev/null" : log.toString()));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(ConsumerWorker.class.getName());
        cmd.add(bootstrap.get());
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectError(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            Process p = pb.start();
            Worker w = new Worker(p);
            synchronized (this) {
                all.add(w);
            }
            LOG.info("worker JVM {} started", p.pid());
            return w;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a consumer worker: " + e, e);
        }
    }

    /** Kills every worker. */
    @Override
    public void close() {
        List<Worker> workers;
        synchronized (this) {
            closed = true;
            workers = new ArrayList<>(all);
            all.clear();
            spare = null;
        }
        for (Worker w : workers) {
            w.process.destroyForcibly();
        }
        for (Worker w : workers) {
            w.reap(5_000);
        }
    }

}
