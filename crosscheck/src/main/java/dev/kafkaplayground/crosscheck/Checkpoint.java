package dev.kafkaplayground.crosscheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * A checkpoint's lines (PROTOCOL.md "Checkpoint lines"): ListOffsets for every partition of
 * the listed topics, DescribeGroups and OffsetFetch for the listed groups, with the rows
 * {@code kafka-consumer-groups --describe} prints, and each listed consumer's own view.
 * Each kind sorted: topics and partitions, groups by name, consumers by name.
 */
final class Checkpoint {
    static final long WAIT_S = 30;
    static final Comparator<TopicPartition> TP_ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private final Admin admin;
    private final ConsumerSide consumers;
    /**
     * With a KraftCluster: how long ListOffsets and describeTopics may retry (a partition
     * without a leader retries until then, then prints {@code error TimeoutException}, and
     * so does everything when no broker runs); null: the Admin's default.api.timeout.ms.
     */
    private final Integer offsetsTimeoutMs;

    Checkpoint(Admin admin, ConsumerSide consumers) {
        this(admin, consumers, null);
    }

    Checkpoint(Admin admin, ConsumerSide consumers, Integer offsetsTimeoutMs) {
        this.admin = admin;
        this.consumers = consumers;
        this.offsetsTimeoutMs = offsetsTimeoutMs;
    }

    /**
     * {@code replicas}: the plan's {@code "replicas"} (topics and partition counts to
     * describe), missing in plans without replication: no lines then.
     */
    List<String> lines(String label, JsonNode partitions, JsonNode replicas, JsonNode groups, JsonNode consumerNames) {
        List<String> out = new ArrayList<>();
        out.add(Observation.checkpoint(label));
        out.addAll(partitions(partitions));
        out.addAll(replicas(replicas));
        List<String> gs = new ArrayList<>();
        groups.forEach(g -> gs.add(g.asText()));
        gs.sort(Comparator.naturalOrder());
        for (String g : gs) {
            out.addAll(group(g));
        }
        List<String> cs = new ArrayList<>();
        consumerNames.forEach(c -> cs.add(c.asText()));
        cs.sort(Comparator.naturalOrder());
        for (String c : cs) {
            out.add(consumer(c));
        }
        return out;
    }

    private List<String> partitions(JsonNode topics) {
        List<TopicPartition> tps = new ArrayList<>();
        topics.forEach(t -> {
            String name = t.path(0).asText();
            int n = t.path(1).asInt();
            for (int p = 0; p < n; p++) {
                tps.add(new TopicPartition(name, p));
            }
        });
        tps.sort(TP_ORDER);
        if (tps.isEmpty()) {
            return List.of();
        }
        Map<TopicPartition, Object> start;
        Map<TopicPartition, Object> hw;
        Map<TopicPartition, Object> lso;
        if (offsetsTimeoutMs == null) {
            start = offsets(tps, OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED);
            hw = offsets(tps, OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
            lso = offsets(tps, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
        } else {
            // Bounded (a KraftCluster): the three asked together, so that a partition
            // without a leader costs one timeout, not three.
            ListOffsetsResult s = listOffsets(tps, OffsetSpec.earliest(), IsolationLevel.READ_UNCOMMITTED);
            ListOffsetsResult h = listOffsets(tps, OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
            ListOffsetsResult l = listOffsets(tps, OffsetSpec.latest(), IsolationLevel.READ_COMMITTED);
            start = collect(tps, s);
            hw = collect(tps, h);
            lso = collect(tps, l);
        }
        List<String> out = new ArrayList<>();
        for (TopicPartition tp : tps) {
            String name = Observation.tp(tp.topic(), tp.partition());
            Object s = start.get(tp);
            Object h = hw.get(tp);
            Object l = lso.get(tp);
            Throwable failed = s instanceof Throwable t1 ? t1 : h instanceof Throwable t2 ? t2 : l instanceof Throwable t3 ? t3 : null;
            if (failed != null) {
                out.add(Observation.partitionError(name, Errors.outcome(failed)));
            } else {
                out.add(Observation.partition(name, s.toString(), h.toString(), l.toString()));
            }
        }
        return out;
    }

    /**
     * {@code describeTopics}' view of each partition of the listed topics, sorted by topic
     * and partition: leader ({@code none} without one), replicas in assignment order, ISR,
     * ELR and last known ELR sorted by id.
     */
    private List<String> replicas(JsonNode topics) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        topics.forEach(t -> counts.put(t.path(0).asText(), t.path(1).asInt()));
        if (counts.isEmpty()) {
            return List.of();
        }
        DescribeTopicsOptions options = new DescribeTopicsOptions();
        if (offsetsTimeoutMs != null) {
            options.timeoutMs(offsetsTimeoutMs);
        }
        Map<String, KafkaFuture<TopicDescription>> described =
                admin.describeTopics(new ArrayList<>(counts.keySet()), options).topicNameValues();
        List<String> out = new ArrayList<>();
        counts.forEach((topic, n) -> {
            TopicDescription d = null;
            String error = null;
            try {
                d = described.get(topic).get(WAIT_S, TimeUnit.SECONDS);
            } catch (Exception e) {
                error = Errors.outcome(e);
            }
            Map<Integer, TopicPartitionInfo> byId = new HashMap<>();
            if (d != null) {
                d.partitions().forEach(p -> byId.put(p.partition(), p));
            }
            for (int p = 0; p < n; p++) {
                String name = Observation.tp(topic, p);
                TopicPartitionInfo info = byId.get(p);
                if (info == null) {
                    out.add(Observation.replicasError(name, error != null ? error : "error UnknownTopicOrPartitionException"));
                    continue;
                }
                Node leader = info.leader();
                out.add(Observation.replicas(name, leader == null || leader.id() < 0 ? null : leader.id(),
                        ids(info.replicas(), false), ids(info.isr(), true), ids(info.elr(), true),
                        ids(info.lastKnownElr(), true)));
            }
        });
        return out;
    }

    private static List<Integer> ids(List<Node> nodes, boolean sorted) {
        List<Integer> out = new ArrayList<>();
        if (nodes != null) {
            nodes.forEach(n -> out.add(n.id()));
        }
        if (sorted) {
            out.sort(Comparator.naturalOrder());
        }
        return out;
    }

    /** Each partition's offset (a Long) or the exception its ListOffsets got. */
    private Map<TopicPartition, Object> offsets(List<TopicPartition> tps, OffsetSpec spec, IsolationLevel isolation) {
        return collect(tps, listOffsets(tps, spec, isolation));
    }

    private ListOffsetsResult listOffsets(List<TopicPartition> tps, OffsetSpec spec, IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> req = new LinkedHashMap<>();
        tps.forEach(tp -> req.put(tp, spec));
        ListOffsetsOptions options = new ListOffsetsOptions(isolation);
        if (offsetsTimeoutMs != null) {
            options.timeoutMs(offsetsTimeoutMs);
        }
        return admin.listOffsets(req, options);
    }

    private static Map<TopicPartition, Object> collect(List<TopicPartition> tps, ListOffsetsResult r) {
        Map<TopicPartition, Object> out = new HashMap<>();
        for (TopicPartition tp : tps) {
            try {
                out.put(tp, r.partitionResult(tp).get(WAIT_S, TimeUnit.SECONDS).offset());
            } catch (Exception e) {
                out.put(tp, e);
            }
        }
        return out;
    }

    private ConsumerGroupDescription describe(String g) throws Exception {
        KafkaFuture<ConsumerGroupDescription> f = admin.describeConsumerGroups(List.of(g)).describedGroups().get(g);
        return f.get(WAIT_S, TimeUnit.SECONDS);
    }

    private List<String> group(String g) {
        ConsumerGroupDescription d;
        try {
            d = describe(g);
            // The engine's heartbeats are continuous: what a consumer-protocol member
            // learns or acknowledges by heartbeat alone has happened by the time the
            // engine looks. Real members heartbeat every 50 ms here, so give them a few
            // beats before reading a Reconciling or Assigning state (one that waits for
            // a poll stays so).
            for (int i = 0; i < 8 && d.type() == GroupType.CONSUMER
                    && (d.groupState() == GroupState.RECONCILING || d.groupState() == GroupState.ASSIGNING); i++) {
                Thread.sleep(50);
                d = describe(g);
            }
        } catch (Exception e) {
            return List.of(Observation.groupError(g, Errors.outcome(e)));
        }
        List<String> out = new ArrayList<>();
        TreeSet<String> members = new TreeSet<>();
        d.members().forEach(m -> members.add(m.clientId()));
        out.add(Observation.groupState(g, d.groupState().toString(), new ArrayList<>(members)));

        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata().get(WAIT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            out.add(Observation.groupError(g, "committed " + Errors.outcome(e)));
            return out;
        }
        TreeMap<TopicPartition, Long> offsets = new TreeMap<>(TP_ORDER);
        committed.forEach((tp, om) -> {
            if (om != null) {
                offsets.put(tp, om.offset());
            }
        });
        List<String> c = new ArrayList<>();
        offsets.forEach((tp, o) -> c.add(Observation.tp(tp.topic(), tp.partition()) + "=" + o));
        out.add(Observation.groupCommitted(g, c));

        // ConsumerGroupCommand's rows: each partition assigned to a member (members with an
        // empty assignment print no row), then each committed partition no member owns.
        TreeMap<TopicPartition, String> owner = new TreeMap<>(TP_ORDER);
        for (MemberDescription m : d.members()) {
            for (TopicPartition tp : m.assignment().topicPartitions()) {
                owner.put(tp, m.clientId());
            }
        }
        TreeSet<TopicPartition> rows = new TreeSet<>(TP_ORDER);
        rows.addAll(owner.keySet());
        rows.addAll(offsets.keySet());
        if (rows.isEmpty()) {
            return out;
        }
        Map<TopicPartition, Object> logEnd = offsets(new ArrayList<>(rows), OffsetSpec.latest(), IsolationLevel.READ_UNCOMMITTED);
        for (TopicPartition tp : rows) {
            Long current = offsets.get(tp);
            Object end = logEnd.get(tp);
            Long end0 = end instanceof Long l ? l : null;
            String lag = current != null && current != -1 && end0 != null ? Long.toString(end0 - current) : "-";
            out.add(Observation.groupDescribe(g, Observation.tp(tp.topic(), tp.partition()),
                    current == null ? "-" : current.toString(), end0 == null ? "-" : end0.toString(), lag,
                    owner.getOrDefault(tp, "-")));
        }
        return out;
    }

    private String consumer(String name) {
        try {
            JsonNode r = consumers.call(name, ConsumerSide.op("state"));
            List<String> a = new ArrayList<>();
            r.path("assignment").forEach(n -> a.add(n.asText()));
            a.sort(Driver.TP_NAME_ORDER);
            return Observation.consumer(name, r.path("generation").asInt(), a);
        } catch (ConsumerSide.ClientError e) {
            return Observation.consumerError(name, "error " + e.name);
        } catch (Exception e) {
            return Observation.consumerError(name, Errors.outcome(e));
        }
    }
}
