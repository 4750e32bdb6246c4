package dev.kafkaplayground.crosscheck;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The exact observation line formats of PROTOCOL.md. */
final class Observation {
    private Observation() {}

    /** One record as an observation shows it: where it is and its key. */
    record Rec(String topic, int partition, long offset, String key) {
        static final Comparator<Rec> ORDER = Comparator.comparing(Rec::topic)
                .thenComparingInt(Rec::partition)
                .thenComparingLong(Rec::offset);
    }

    /** {@code <line> <text> => <outcome>}. */
    static String command(long line, String text, String outcome) {
        return line + " " + text + " => " + outcome;
    }

    /** {@code records=[t-0@3 key=k,...]}, sorted by topic, partition, offset. */
    static String records(List<Rec> records) {
        List<Rec> sorted = new ArrayList<>(records);
        sorted.sort(Rec.ORDER);
        StringBuilder sb = new StringBuilder("records=[");
        for (int i = 0; i < sorted.size(); i++) {
            Rec r = sorted.get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append(r.topic()).append('-').append(r.partition()).append('@').append(r.offset())
                    .append(" key=").append(r.key() == null ? "null" : r.key());
        }
        return sb.append(']').toString();
    }

    /** {@code partition=2 offset=5}. */
    static String produced(int partition, long offset) {
        return "partition=" + partition + " offset=" + offset;
    }

    /** {@code produced=[ledger-0@0,ledger-0@1]}, in the order they were sent. */
    static String producedList(List<String> where) {
        return "produced=[" + String.join(",", where) + "]";
    }

    /** {@code t-p@o}. */
    static String at(String topic, int partition, long offset) {
        return topic + "-" + partition + "@" + offset;
    }

    /** {@code t-p}. */
    static String tp(String topic, int partition) {
        return topic + "-" + partition;
    }

    static String checkpoint(String label) {
        return "checkpoint " + label;
    }

    static String partition(String tp, String start, String hw, String lso) {
        return "  partition " + tp + " start=" + start + " hw=" + hw + " lso=" + lso;
    }

    static String partitionError(String tp, String error) {
        return "  partition " + tp + " " + error;
    }

    /**
     * {@code replicas t-0 leader=1 replicas=[1,2,3] isr=[1,2,3] elr=[] last-known-elr=[]};
     * {@code leader} null for none. The lists are printed as given.
     */
    static String replicas(String tp, Integer leader, List<Integer> replicas, List<Integer> isr, List<Integer> elr,
                           List<Integer> lastKnownElr) {
        return "  replicas " + tp + " leader=" + (leader == null ? "none" : leader.toString())
                + " replicas=[" + ids(replicas) + "] isr=[" + ids(isr) + "] elr=[" + ids(elr)
                + "] last-known-elr=[" + ids(lastKnownElr) + "]";
    }

    static String replicasError(String tp, String error) {
        return "  replicas " + tp + " " + error;
    }

    private static String ids(List<Integer> ids) {
        StringBuilder sb = new StringBuilder();
        for (Integer id : ids) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(id);
        }
        return sb.toString();
    }

    static String groupState(String group, String state, List<String> members) {
        return "  group " + group + " state=" + state + " members=[" + String.join(",", members) + "]";
    }

    static String groupError(String group, String error) {
        return "  group " + group + " " + error;
    }

    static String groupCommitted(String group, List<String> committed) {
        return "  group " + group + " committed=[" + String.join(",", committed) + "]";
    }

    static String groupDescribe(String group, String tp, String current, String logEnd, String lag, String owner) {
        return "  group " + group + " describe " + tp + " current=" + current + " log-end=" + logEnd
                + " lag=" + lag + " owner=" + owner;
    }

    static String consumer(String name, int generation, List<String> assignment) {
        return "  consumer " + name + " generation=" + generation + " assignment=[" + String.join(",", assignment) + "]";
    }

    static String consumerError(String name, String error) {
        return "  consumer " + name + " " + error;
    }
}
