package dev.kafkaplayground.crosscheck;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.utils.internals.Exit;

/**
 * Runs Kafka's own command-line tools (kafka-tools, the version in KAFKA_VERSION) on a real
 * KRaft cluster and prints what each prints, for the engine's console (kafka_sim::cli) to
 * be compared with: scripts/crosscheck.sh --cli.
 *
 * <pre>
 * java -cp CLASSPATH dev.kafkaplayground.crosscheck.CliCapture [--brokers N] &lt; lines
 * </pre>
 *
 * Each input line is one invocation, such as {@code kafka-topics.sh --create --topic t
 * --bootstrap-server localhost:9092}; {@code localhost:9092} stands for the cluster's
 * address. Blank lines and lines starting with {@code #} are skipped. Each invocation prints
 * {@code $ LINE}, {@code [exit N]}, {@code --- stdout}, its standard output, {@code --- stderr},
 * its standard error and {@code --- end}, after {@link #normalize}. A line {@code ! COMMAND}
 * changes the cluster in between ({@link #directive}) and is printed as it is; lines
 * {@code | TEXT} after an invocation are its standard input (printed after its {@code $}
 * line). A tool that calls
 * {@code Exit.exit} stops there, as its process would: what it printed after (when the call
 * is caught inside the tool) is not shown.
 */
public final class CliCapture {
    static final String BOOTSTRAP = "localhost:9092";

    private static final class Exited extends RuntimeException {
        Exited(int code) {
            super("exit " + code, null, false, false);
        }
    }

    private static final List<Runnable> HOOKS = new ArrayList<>();

    private static void runHooks() {
        List<Runnable> hooks = new ArrayList<>(HOOKS);
        HOOKS.clear();
        for (Runnable h : hooks) {
            try {
                h.run();
            } catch (RuntimeException e) {
                // as a JVM ignores a failing hook
            }
        }
    }

    private static ByteArrayOutputStream curOut;
    private static ByteArrayOutputStream curErr;
    private static String[] atExit;
    private static int exitCode;

    private CliCapture() {
    }

    public static void main(String[] args) throws Exception {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "cli-log4j2.xml");
        }
        int brokers = 3;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--brokers") && i + 1 < args.length) {
                brokers = Integer.parseInt(args[++i]);
            } else {
                System.err.println("usage: CliCapture [--brokers N] < lines");
                System.exit(2);
            }
        }
        // A tool's shutdown hooks (the console producer's close, which flushes) run when
        // it exits, as a JVM's would.
        Exit.setShutdownHookAdder((name, hook) -> HOOKS.add(hook));
        Exit.setExitProcedure((code, message) -> {
            runHooks();
            if (atExit == null) {
                atExit = new String[] {text(curOut), text(curErr)};
                exitCode = code;
            }
            throw new Exited(code);
        });
        PrintStream out = System.out;
        PrintStream err = System.err;
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String l; (l = in.readLine()) != null; ) {
                if (l.startsWith("| ")) {
                    lines.add(l);
                } else if (l.strip().equals("cluster") || l.strip().startsWith("cluster ")) {
                    // A sandbox export's header: its broker count (the rest is the engine's).
                    for (String w : l.strip().split("\\s+")) {
                        if (w.startsWith("brokers=")) {
                            brokers = Integer.parseInt(w.substring("brokers=".length()));
                        }
                    }
                } else if (!l.isBlank() && !l.startsWith("#")) {
                    lines.add(l.strip());
                }
            }
        }
        java.io.InputStream realIn = System.in;
        try (FaultProxy proxy = new FaultProxy();
             KraftCluster cluster = KraftCluster.prepare(new Scale(1), Path.of("/dev/null"), proxy)) {
            cluster.start();
            for (int id = 2; id <= brokers; id++) {
                cluster.startBroker(id);
            }
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n);
                if (line.startsWith("| ")) {
                    continue; // standard input of the invocation above, fed to it there
                }
                // The lines after an invocation that start with "| " are its standard input.
                StringBuilder input = new StringBuilder();
                for (int k = n + 1; k < lines.size() && lines.get(k).startsWith("| "); k++) {
                    input.append(lines.get(k).substring(2)).append('\n');
                }
                System.setIn(new java.io.ByteArrayInputStream(input.toString().getBytes(StandardCharsets.UTF_8)));
                if (line.startsWith("! ")) {
                    // A change to the cluster between invocations, in the engine's grammar.
                    directive(cluster, line.substring(2).strip());
                    out.println(line);
                    continue;
                }
                // The running brokers only: a dead one in the list makes the admin client
                // warn that it cannot connect, which the console's implied cluster never does.
                String bootstrap = cluster.liveBootstrap();
                List<String> words = split(line.replace(BOOTSTRAP, bootstrap));
                curOut = new ByteArrayOutputStream();
                curErr = new ByteArrayOutputStream();
                atExit = null;
                exitCode = 0;
                System.setOut(new PrintStream(curOut, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(curErr, true, StandardCharsets.UTF_8));
                try {
                    run(words.get(0), words.subList(1, words.size()).toArray(new String[0]));
                } catch (Exited e) {
                    // the tool's process ends here
                } catch (Throwable t) {
                    t.printStackTrace(System.err);
                    exitCode = -1;
                } finally {
                    System.setOut(out);
                    System.setErr(err);
                }
                String o = atExit != null ? atExit[0] : text(curOut);
                String e = atExit != null ? atExit[1] : text(curErr);
                System.setIn(realIn);
                out.println("$ " + line);
                for (int k = n + 1; k < lines.size() && lines.get(k).startsWith("| "); k++) {
                    out.println(lines.get(k));
                }
                out.println("[exit " + exitCode + "]");
                out.println("--- stdout");
                out.print(normalize(o, bootstrap));
                out.println("--- stderr");
                out.print(normalize(e, bootstrap));
                out.println("--- end");
                out.flush();
            }
        }
        System.exit(0);
    }

    /**
     * {@code ! kill-broker id=N}, {@code ! stop-broker id=N}, {@code ! start-broker id=N} or
     * {@code ! tick DURATION} (a sleep: 500, 3s, 2m), or {@code ! produce TOPIC key=K value=V}.
     */
    private static void directive(KraftCluster cluster, String d) throws Exception {
        String[] w = d.split(" +");
        switch (w[0]) {
            case "kill-broker" -> cluster.killBroker(id(w));
            case "stop-broker" -> cluster.stopBroker(id(w));
            case "start-broker" -> cluster.startBroker(id(w));
            case "tick" -> Thread.sleep(millis(w[1]));
            case "produce" -> produce(cluster, w);
            default -> throw new IllegalArgumentException("CliCapture knows no directive " + d);
        }
    }

    /**
     * {@code ! produce TOPIC key=K value=V [partition=N]}: one record, acks=all, waited
     * for; keyed records go where the default partitioner puts them (murmur2).
     */
    private static void produce(KraftCluster cluster, String[] w) throws Exception {
        String key = null;
        String value = null;
        Integer partition = null;
        for (int i = 2; i < w.length; i++) {
            String[] kv = w[i].split("=", 2);
            switch (kv[0]) {
                case "key" -> key = kv[1];
                case "value" -> value = kv[1];
                case "partition" -> partition = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException("produce: " + w[i]);
            }
        }
        java.util.Properties p = new java.util.Properties();
        p.put("bootstrap.servers", cluster.liveBootstrap());
        p.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        p.put("value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
        try (org.apache.kafka.clients.producer.KafkaProducer<String, String> producer =
                     new org.apache.kafka.clients.producer.KafkaProducer<>(p)) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(w[1], partition, key, value)).get();
        }
    }

    private static int id(String[] w) {
        if (w.length != 2 || !w[1].startsWith("id=")) {
            throw new IllegalArgumentException("expected id=N: " + String.join(" ", w));
        }
        return Integer.parseInt(w[1].substring(3));
    }

    private static long millis(String d) {
        if (d.endsWith("ms")) {
            return Long.parseLong(d.substring(0, d.length() - 2));
        }
        if (d.endsWith("s")) {
            return Long.parseLong(d.substring(0, d.length() - 1)) * 1000;
        }
        if (d.endsWith("m")) {
            return Long.parseLong(d.substring(0, d.length() - 1)) * 60_000;
        }
        return Long.parseLong(d);
    }

    private static void run(String tool, String[] args) throws Exception {
        switch (tool) {
            case "kafka-topics.sh" -> org.apache.kafka.tools.TopicCommand.main(args);
            case "kafka-get-offsets.sh" -> org.apache.kafka.tools.GetOffsetShell.main(args);
            case "kafka-leader-election.sh" -> org.apache.kafka.tools.LeaderElectionCommand.main(args);
            case "kafka-console-producer.sh" -> org.apache.kafka.tools.ConsoleProducer.main(args);
            case "kafka-console-consumer.sh" -> org.apache.kafka.tools.consumer.ConsoleConsumer.main(args);
            case "kafka-consumer-groups.sh" -> org.apache.kafka.tools.consumer.group.ConsumerGroupCommand.main(args);
            case "kafka-metadata-quorum.sh" -> org.apache.kafka.tools.MetadataQuorumCommand.main(args);
            default -> throw new IllegalArgumentException("CliCapture knows no tool " + tool);
        }
    }

    private static String text(ByteArrayOutputStream b) {
        return b.toString(StandardCharsets.UTF_8);
    }

    /**
     * What differs run to run on a real cluster: the cluster's address, topic ids and log
     * timestamps. Stack frames below the tool's main (this class) are cut.
     */
    static String normalize(String s, String bootstrap) {
        return s.replace(bootstrap, BOOTSTRAP)
                .replaceAll("TopicId: [A-Za-z0-9_-]{22}", "TopicId: <id>")
                .replaceAll("(?m)^\\[\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3}\\] ", "[<time>] ")
                .replaceAll("(?m)^\tat dev\\.kafkaplayground\\.crosscheck\\.CliCapture\\..*\n", "");
    }

    /** Splits a line into words as a shell would: whitespace, with '...' and "..." quoting. */
    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean in = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                in = true;
            } else if (Character.isWhitespace(c)) {
                if (in) {
                    words.add(w.toString());
                    w.setLength(0);
                    in = false;
                }
            } else {
                w.append(c);
                in = true;
            }
        }
        if (in) {
            words.add(w.toString());
        }
        return words;
    }
}
