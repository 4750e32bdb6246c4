package dev.kafkaplayground.crosscheck;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.common.KafkaException;

/** The exception class name an application would catch and log (PROTOCOL.md "Observation lines"). */
final class Errors {
    private Errors() {}

    /**
     * The real error behind {@code t}: the cause of an {@link ExecutionException} (what a
     * future's {@code get()} throws), and the cause of a plain {@link KafkaException} that
     * only wraps it ("Failed to construct kafka producer", "Cannot execute transactional
     * method because we are in an error state"). Subclasses of KafkaException are errors
     * in their own right and are kept.
     */
    static Throwable real(Throwable t) {
        Throwable e = t;
        for (int depth = 0; depth < 10; depth++) {
            Throwable cause = e.getCause();
            if (cause == null || cause == e) {
                break;
            }
            if (e instanceof ExecutionException || e instanceof CompletionException
                    || e.getClass() == KafkaException.class) {
                e = cause;
            } else {
                break;
            }
        }
        return e;
    }

    /** The simple class name of {@link #real(Throwable)}. */
    static String name(Throwable t) {
        return real(t).getClass().getSimpleName();
    }

    /** {@code error <SimpleClassName>}. */
    static String outcome(Throwable t) {
        return "error " + name(t);
    }
}
