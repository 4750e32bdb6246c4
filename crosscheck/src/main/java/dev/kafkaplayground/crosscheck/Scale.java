package dev.kafkaplayground.crosscheck;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Time runs N times faster than the script says (PROTOCOL.md "Time, timeouts and broker
 * settings"): the client timeouts the engine models are divided by N, the script's value
 * if it set one, else Kafka's default.
 */
final class Scale {
    static final Map<String, Long> CONSUMER_TIMEOUTS = Map.of(
            "session.timeout.ms", 45_000L,
            "heartbeat.interval.ms", 3_000L,
            "max.poll.interval.ms", 300_000L,
            "auto.commit.interval.ms", 5_000L,
            "default.api.timeout.ms", 60_000L);

    static final Map<String, Long> PRODUCER_TIMEOUTS = Map.of(
            "request.timeout.ms", 30_000L,
            "delivery.timeout.ms", 120_000L,
            "max.block.ms", 60_000L,
            "transaction.timeout.ms", 60_000L,
            "metadata.max.age.ms", 300_000L);

    /** The consumer protocol (KIP-848) refuses these client settings: the broker owns them. */
    private static final java.util.Set<String> CLASSIC_ONLY = java.util.Set.of(
            "session.timeout.ms", "heartbeat.interval.ms");

    final double n;

    Scale(double n) {
        if (!(n > 0)) {
            throw new IllegalArgumentException("--scale must be positive");
        }
        this.n = n;
    }

    /** Script milliseconds as real milliseconds. */
    long ms(long scriptMs) {
        if (scriptMs <= 0) {
            return scriptMs;
        }
        return Math.max(1, Math.round(scriptMs / n));
    }

    /** {@code configs} with the listed timeouts scaled; a value that is not a number is left for the client to refuse. */
    private Map<String, String> scaled(Map<String, String> configs, Map<String, Long> timeouts, boolean consumerProtocol) {
        Map<String, String> out = new LinkedHashMap<>(configs);
        timeouts.forEach((name, dflt) -> {
            String given = configs.get(name);
            if (given == null) {
                if (consumerProtocol && CLASSIC_ONLY.contains(name)) {
                    return;
                }
                out.put(name, Long.toString(ms(dflt)));
                return;
            }
            try {
                out.put(name, Long.toString(ms(Long.parseLong(given.trim()))));
            } catch (NumberFormatException e) {
                // not a number: the client's ConfigException is the outcome
            }
        });
        return out;
    }

    /**
     * The engine's heartbeats are continuous: a classic member hears of a rebalance
     * before its next call. A real one hears at its next heartbeat, so unless the script
     * sets one, heartbeats go every 100 ms, well inside the gap between two commands.
     */
    static final long CONTINUOUS_HEARTBEAT_MS = 100;

    Map<String, String> consumer(Map<String, String> configs) {
        String protocol = configs.getOrDefault("group.protocol", "classic").trim();
        boolean consumerProtocol = protocol.equalsIgnoreCase("consumer");
        Map<String, String> out = scaled(configs, CONSUMER_TIMEOUTS, consumerProtocol);
        if (!consumerProtocol && !configs.containsKey("heartbeat.interval.ms")) {
            out.put("heartbeat.interval.ms", Long.toString(CONTINUOUS_HEARTBEAT_MS));
        }
        return out;
    }

    Map<String, String> producer(Map<String, String> configs) {
        return scaled(configs, PRODUCER_TIMEOUTS, false);
    }
}
