package dev.kafkaplayground.crosscheck;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Runs the producer of programs {@code kafka-sim code java} wrote on a real three-broker
 * cluster, and writes where each record went, for scripts/check-client-code.sh to compare
 * with the partitions the engine says.
 *
 * <pre>ClientCodeRun DIR...</pre>
 *
 * Each DIR holds a compiled {@code PlaygroundClient} and {@code topics.txt} ("NAME
 * PARTITIONS" lines, created first); its {@code produce(bootstrap)} runs, and what it
 * prints goes to {@code DIR/sent.txt}. The consumer half is not run: it polls for
 * seconds, and what a group reads is the cross-check's business.
 */
public final class ClientCodeRun {
    private ClientCodeRun() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "cli-log4j2.xml");
        }
        PrintStream out = System.out;
        try (FaultProxy proxy = new FaultProxy();
             KraftCluster cluster = KraftCluster.prepare(new Scale(1), Path.of("/dev/null"), proxy)) {
            cluster.start();
            cluster.startBroker(2);
            cluster.startBroker(3);
            String bootstrap = cluster.liveBootstrap();
            try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
                List<NewTopic> topics = new ArrayList<>();
                for (String dir : args) {
                    for (String line : Files.readAllLines(Path.of(dir, "topics.txt"), StandardCharsets.UTF_8)) {
                        String[] w = line.strip().split("\\s+");
                        if (w.length == 2) {
                            topics.add(new NewTopic(w[0], Integer.parseInt(w[1]), (short) 3));
                        }
                    }
                }
                admin.createTopics(topics).all().get();
            }
            for (String dir : args) {
                ByteArrayOutputStream captured = new ByteArrayOutputStream();
                try (URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(dir).toUri().toURL()},
                        ClientCodeRun.class.getClassLoader())) {
                    Method produce = loader.loadClass("PlaygroundClient").getDeclaredMethod("produce", String.class);
                    produce.setAccessible(true);
                    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
                    try {
                        produce.invoke(null, bootstrap);
                    } catch (InvocationTargetException e) {
                        System.setOut(out);
                        throw new IllegalStateException(dir + ": produce failed", e.getCause());
                    } finally {
                        System.setOut(out);
                    }
                }
                Files.writeString(Path.of(dir, "sent.txt"), captured.toString(StandardCharsets.UTF_8));
                out.println(dir + ": ran");
            }
        }
    }
}
