/*
 * Golden vectors for kafka-sim's server-side assignors (crates/kafka-sim/src/assignor/server),
 * computed by the real group coordinator classes of Kafka 4.4.0.
 *
 * Each scenario is generated from a seed by the same SplitMix64 steps as
 * `tests/server_assignor_cases.rs` (fn scenario): members join (with random Uuid member ids),
 * leave, resubscribe and heartbeat, topics are created and grow. Every join, resubscription and
 * heartbeat computes a target assignment the way GroupMetadataManager#maybeUpdateTargetAssignment
 * does in 4.4: the group's members in a TimelineHashMap, an UpdatedMembersAndTargetAssignmentView
 * with the heartbeating member added or updated, ConsumerTargetAssignmentBuilder#build, and the
 * target-assignment records replayed with Assignment#fromRecord. The scenario's transcript (ops,
 * subscription type, records in order with their topic-partitions in record order) is hashed
 * with 64-bit FNV-1a; the Rust test rebuilds the transcript and compares the hashes.
 *
 * Run (Java 17, jars from Maven Central):
 *   M=~/.m2/repository/org/apache/kafka; V=4.4.0
 *   CP=$M/kafka-group-coordinator/$V/kafka-group-coordinator-$V.jar:$M/kafka-group-coordinator-api/$V/kafka-group-coordinator-api-$V.jar:$M/kafka-clients/$V/kafka-clients-$V.jar:$M/kafka-server-common/$V/kafka-server-common-$V.jar:$M/kafka-coordinator-common/$V/kafka-coordinator-common-$V.jar:$HOME/.m2/repository/org/slf4j/slf4j-api/1.7.36/slf4j-api-1.7.36.jar
 *   javac -cp $CP -d /tmp/sav ServerAssignorVectors.java
 *   java -cp $CP:/tmp/sav ServerAssignorVectors 120 /tmp/transcripts.txt
 * It prints the hashes as a Rust array; the transcripts go to the file, for diffing.
 */

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.coordinator.common.runtime.CoordinatorMetadataDelta;
import org.apache.kafka.coordinator.common.runtime.CoordinatorMetadataImage;
import org.apache.kafka.coordinator.common.runtime.CoordinatorRecord;
import org.apache.kafka.coordinator.group.api.assignor.ConsumerGroupPartitionAssignor;
import org.apache.kafka.coordinator.group.api.assignor.SubscriptionType;
import org.apache.kafka.coordinator.group.assignor.RangeAssignor;
import org.apache.kafka.coordinator.group.assignor.UniformAssignor;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupTargetAssignmentMemberKey;
import org.apache.kafka.coordinator.group.generated.ConsumerGroupTargetAssignmentMemberValue;
import org.apache.kafka.coordinator.group.modern.Assignment;
import org.apache.kafka.coordinator.group.modern.SubscriptionCount;
import org.apache.kafka.coordinator.group.modern.TargetAssignmentBuilder;
import org.apache.kafka.coordinator.group.modern.consumer.ConsumerGroup;
import org.apache.kafka.coordinator.group.modern.consumer.ConsumerGroupMember;
import org.apache.kafka.coordinator.group.util.UpdatedMembersAndTargetAssignmentView;
import org.apache.kafka.common.utils.internals.LogContext;
import org.apache.kafka.timeline.SnapshotRegistry;
import org.apache.kafka.timeline.TimelineHashMap;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

public class ServerAssignorVectors {
    /** SplitMix64, as crate::rng::SplitMix64. */
    static final class Rng {
        long state;
        Rng(long seed) { state = seed; }
        long next() {
            state += 0x9e3779b97f4a7c15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }
        int below(int n) { return (int) Long.remainderUnsigned(next(), n); }
        /** Uuid::random in uuid.rs: UUID.randomUUID's bits, Uuid.randomUuid's rejections. */
        Uuid uuid() {
            while (true) {
                long msb = (next() & ~0xF000L) | 0x4000L;
                long lsb = (next() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
                Uuid u = new Uuid(msb, lsb);
                if (!u.equals(Uuid.ZERO_UUID) && !u.equals(Uuid.ONE_UUID) && !u.toString().startsWith("-")) return u;
            }
        }
    }

    static final class Topic {
        final Uuid id; final String name; int partitions;
        Topic(Uuid id, String name, int partitions) { this.id = id; this.name = name; this.partitions = partitions; }
    }

    /** The metadata image: just what the assignors and the topic resolver read. */
    static final class Image implements CoordinatorMetadataImage {
        final List<Topic> topics;
        Image(List<Topic> topics) { this.topics = topics; }
        public Set<Uuid> topicIds() { Set<Uuid> s = new java.util.HashSet<>(); for (Topic t : topics) s.add(t.id); return s; }
        public Set<String> topicNames() { Set<String> s = new java.util.HashSet<>(); for (Topic t : topics) s.add(t.name); return s; }
        Optional<TopicMetadata> of(Topic t) {
            return Optional.of(new TopicMetadata() {
                public String name() { return t.name; }
                public Uuid id() { return t.id; }
                public int partitionCount() { return t.partitions; }
                public List<String> partitionRacks(int p) { return null; }
            });
        }
        public Optional<TopicMetadata> topicMetadata(String name) { for (Topic t : topics) if (t.name.equals(name)) return of(t); return Optional.empty(); }
        public Optional<TopicMetadata> topicMetadata(Uuid id) { for (Topic t : topics) if (t.id.equals(id)) return of(t); return Optional.empty(); }
        public CoordinatorMetadataDelta emptyDelta() { throw new UnsupportedOperationException(); }
        public long version() { return 0; }
        public boolean isEmpty() { return topics.isEmpty(); }
    }

    static final class Scenario {
        final Rng rng;
        final StringBuilder out = new StringBuilder();
        final List<Topic> topics = new ArrayList<>();
        final boolean big, homogeneousKind, range, crowd, many;
        final int[] thresholds;
        List<String> common;
        final SnapshotRegistry registry = new SnapshotRegistry(new LogContext());
        final TimelineHashMap<String, ConsumerGroupMember> members = new TimelineHashMap<>(registry, 0);
        final Map<String, String> staticMembers = new HashMap<>();
        final Map<String, Assignment> targets = new HashMap<>();
        final List<Integer> live = new ArrayList<>();
        final List<String> ids = new ArrayList<>();
        final Map<String, Integer> index = new HashMap<>();
        int epoch = 1;

        Scenario(int s) {
            rng = new Rng(0x5EED0000L + s);
            range = s % 3 == 2;
            big = s % 4 == 0;
            homogeneousKind = s % 2 == 0;
            crowd = s % 5 == 1;
            many = s % 7 == 3;
            // join, leave, subscribe, heartbeat, partitions (else create a topic)
            thresholds = crowd ? new int[] {50, 58, 66, 88, 95} : new int[] {35, 48, 60, 85, 94};
            out.append("scenario ").append(s).append(" assignor=").append(range ? "range" : "uniform").append('\n');
        }

        void createTopic() {
            int ti = topics.size();
            Uuid id = rng.uuid();
            int partitions = 1 + rng.below(big ? 40 : 12);
            topics.add(new Topic(id, "t" + ti, partitions));
            out.append("topic t").append(ti).append(' ').append(id).append(' ').append(partitions).append('\n');
        }

        List<String> pickSubset() {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < topics.size(); i++) if (rng.below(2) == 0) list.add("t" + i);
            if (list.isEmpty()) list.add("t" + rng.below(topics.size()));
            if (rng.below(8) == 0) list.add("ghost");
            for (int i = list.size() - 1; i >= 1; i--) {
                int j = rng.below(i + 1);
                String x = list.get(i); list.set(i, list.get(j)); list.set(j, x);
            }
            return list;
        }

        List<String> pickSubs() {
            if (homogeneousKind && rng.below(5) != 0) {
                List<String> list = new ArrayList<>(common);
                for (int i = list.size() - 1; i >= 1; i--) {
                    int j = rng.below(i + 1);
                    String x = list.get(i); list.set(i, list.get(j)); list.set(j, x);
                }
                return list;
            }
            return pickSubset();
        }

        void run() {
            int initial = many ? 10 + rng.below(6) : 1 + rng.below(4);
            int maxTopics = many ? 16 : 6;
            for (int i = 0; i < initial; i++) createTopic();
            common = pickSubset();
            int ops = crowd ? 30 + rng.below(30) : 6 + rng.below(12);
            for (int k = 0; k < ops; k++) {
                int r = rng.below(100);
                if (live.isEmpty() || r < thresholds[0]) {
                    int mi = ids.size();
                    String id = rng.below(8) == 0 ? "m" + mi : rng.uuid().toString();
                    String instance = range && rng.below(3) == 0 ? "i" + mi : null;
                    List<String> subs = pickSubs();
                    ids.add(id); index.put(id, mi); live.add(mi);
                    out.append("op ").append(k).append(" join m").append(mi).append(' ').append(id)
                        .append(" instance=").append(instance == null ? "-" : instance)
                        .append(" subs=").append(String.join(",", subs)).append('\n');
                    ConsumerGroupMember member = new ConsumerGroupMember.Builder(id)
                        .setInstanceId(instance)
                        .setSubscribedTopicNames(subs)
                        .build();
                    compute(member);
                } else if (r < thresholds[1]) {
                    int mi = live.remove(rng.below(live.size()));
                    String id = ids.get(mi);
                    out.append("op ").append(k).append(" leave m").append(mi).append('\n');
                    ConsumerGroupMember old = members.remove(id);
                    if (old != null && old.instanceId() != null) staticMembers.remove(old.instanceId());
                    targets.remove(id);
                } else if (r < thresholds[2]) {
                    int mi = live.get(rng.below(live.size()));
                    if (homogeneousKind && rng.below(4) == 0) common = pickSubset();
                    List<String> subs = pickSubs();
                    out.append("op ").append(k).append(" subscribe m").append(mi)
                        .append(" subs=").append(String.join(",", subs)).append('\n');
                    ConsumerGroupMember member = new ConsumerGroupMember.Builder(members.get(ids.get(mi)))
                        .setSubscribedTopicNames(subs)
                        .build();
                    compute(member);
                } else if (r < thresholds[3]) {
                    int mi = live.get(rng.below(live.size()));
                    out.append("op ").append(k).append(" heartbeat m").append(mi).append('\n');
                    compute(members.get(ids.get(mi)));
                } else if (r < thresholds[4] || topics.size() >= maxTopics) {
                    int ti = rng.below(topics.size());
                    Topic t = topics.get(ti);
                    t.partitions += 1 + rng.below(8);
                    out.append("op ").append(k).append(" partitions t").append(ti).append(' ').append(t.partitions).append('\n');
                } else {
                    out.append("op ").append(k).append(" create\n");
                    createTopic();
                }
            }
        }

        void compute(ConsumerGroupMember updated) {
            UpdatedMembersAndTargetAssignmentView<ConsumerGroupMember, Assignment> view =
                new UpdatedMembersAndTargetAssignmentView<>(members, staticMembers, targets, ConsumerGroupMember::instanceId);
            view.addOrUpdateMember(updated.memberId(), updated);

            Map<String, SubscriptionCount> counts = new HashMap<>();
            for (ConsumerGroupMember m : view.members().values()) {
                for (String name : m.subscribedTopicNames()) {
                    counts.merge(name, new SubscriptionCount(1, 0),
                        (a, b) -> new SubscriptionCount(a.byNameCount() + 1, 0));
                }
            }
            SubscriptionType type = ConsumerGroup.subscriptionType(Map.of(), counts, view.members().size());

            Map<Uuid, Map<Integer, String>> inverted = new HashMap<>();
            targets.forEach((memberId, a) -> a.partitions().forEach((t, ps) -> {
                for (int p : ps) inverted.computeIfAbsent(t, x -> new HashMap<>()).put(p, memberId);
            }));

            ConsumerGroupPartitionAssignor assignor = range ? new RangeAssignor() : new UniformAssignor();
            TargetAssignmentBuilder.TargetAssignmentResult result =
                new TargetAssignmentBuilder.ConsumerTargetAssignmentBuilder("g", ++epoch, assignor)
                    .withTime(Time.SYSTEM)
                    .withMembers(view.members())
                    .withSubscriptionType(type)
                    .withTargetAssignment(view.targetAssignment())
                    .withInvertedTargetAssignment(inverted)
                    .withMetadataImage(new Image(topics))
                    .build();

            List<String> written = new ArrayList<>();
            StringBuilder lines = new StringBuilder();
            for (CoordinatorRecord record : result.records()) {
                if (!(record.key() instanceof ConsumerGroupTargetAssignmentMemberKey key)) continue;
                ConsumerGroupTargetAssignmentMemberValue value =
                    (ConsumerGroupTargetAssignmentMemberValue) record.value().message();
                String ref = "m" + index.get(key.memberId());
                written.add(ref);
                lines.append("  ").append(ref);
                if (value.topicPartitions().isEmpty()) lines.append(" -");
                for (ConsumerGroupTargetAssignmentMemberValue.TopicPartition tp : value.topicPartitions()) {
                    lines.append(" t").append(topicIndex(tp.topicId())).append(':');
                    List<String> ps = new ArrayList<>();
                    for (int p : tp.partitions()) ps.add(Integer.toString(p));
                    lines.append(String.join(",", ps));
                }
                lines.append('\n');
                // GroupMetadataManager#replay: the target as the coordinator rebuilds it.
                targets.put(key.memberId(), Assignment.fromRecord(value));
            }
            out.append("compute ").append(type == SubscriptionType.HOMOGENEOUS ? "H" : "X")
                .append(" records=").append(String.join(",", written)).append('\n').append(lines);
            // The member records are replayed: ConsumerGroup#updateMember.
            members.put(updated.memberId(), updated);
            if (updated.instanceId() != null) staticMembers.put(updated.instanceId(), updated.memberId());
        }

        int topicIndex(Uuid id) {
            for (int i = 0; i < topics.size(); i++) if (topics.get(i).id.equals(id)) return i;
            return -1;
        }
    }

    static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= 0x100000001b3L;
        }
        return h;
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        try (PrintWriter transcripts = new PrintWriter(args[1], StandardCharsets.UTF_8)) {
            StringBuilder hashes = new StringBuilder();
            for (int s = 0; s < n; s++) {
                Scenario scenario = new Scenario(s);
                scenario.run();
                String text = scenario.out.toString();
                transcripts.print(text);
                hashes.append(String.format("    0x%016x,%n", fnv1a(text)));
            }
            System.out.print("const JAVA_TRANSCRIPT_HASHES: [u64; " + n + "] = [\n" + hashes + "];\n");
        }
    }
}
