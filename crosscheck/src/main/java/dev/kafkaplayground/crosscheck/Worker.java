package dev.kafkaplayground.crosscheck;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The driver's handle on one {@link ConsumerWorker} process: one request, one answer, bounded in time. */
final class Worker {
    /** The worker's process ended (crashed, killed, or exited). */
    static final class GoneException extends Exception {
        GoneException(String message) {
            super(message);
        }
    }

    /** The worker did not answer in time. */
    static final class SlowException extends Exception {
        SlowException(String message) {
            super(message);
        }
    }

    private static final String EOF = "\u0000eof";
    private static final ObjectMapper JSON = new ObjectMapper();

    final Process process;
    private final Writer in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private long nextId = 1;
    private boolean ready;

    Worker(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process went away
            } finally {
                lines.add(EOF);
            }
        }, "crosscheck-worker-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Waits for the worker's {@code {"ready":true}}. */
    void awaitReady(long timeoutMs) throws GoneException, SlowException, InterruptedException {
        if (ready) {
            return;
        }
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (true) {
            JsonNode n = next(deadline);
            if (n.path("ready").asBoolean(false)) {
                ready = true;
                return;
            }
        }
    }

    /** Sends {@code request} and returns its answer. */
    JsonNode call(ObjectNode request, long timeoutMs) throws GoneException, SlowException, InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        awaitReady(timeoutMs);
        long id = nextId++;
        request.put("id", id);
        try {
            in.write(request.toString());
            in.write('\n');
            in.flush();
        } catch (IOException e) {
            throw new GoneException("cannot write to worker: " + e);
        }
        while (true) {
            JsonNode n = next(deadline);
            if (n.path("id").asLong(-1) == id) {
                return n;
            }
        }
    }

    private JsonNode next(long deadline) throws GoneException, SlowException, InterruptedException {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SlowException("worker " + process.pid() + " did not answer in time");
            }
            String line = lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new SlowException("worker " + process.pid() + " did not answer in time");
            }
            if (line.equals(EOF)) {
                lines.add(EOF);
                throw new GoneException("worker " + process.pid() + " exited");
            }
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                // not a protocol line: skip it
            }
        }
    }

    /** Kills the process (a crash: no LeaveGroup, no commit) and waits for it to end. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits briefly for a worker that was told to exit, then kills it. */
    void reap(long timeoutMs) {
        try {
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }
}
