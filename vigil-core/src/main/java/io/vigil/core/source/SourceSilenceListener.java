package io.vigil.core.source;

/**
 * Told when a log source falls silent (or far below its baseline) and when it sends again. Called on the
 * health evaluator's thread: a listener must return quickly and must not throw (an exception is logged and the
 * other listeners are still called).
 */
public interface SourceSilenceListener {

    void silenceRaised(SourceSilence signal);

    /** The source sends as expected again after {@code signal}. */
    default void silenceCleared(SourceSilence signal, java.time.Instant clearedAt) {
    }
}
