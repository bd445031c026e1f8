package io.vigil.core.pipeline;

import io.vigil.core.event.Event;

/**
 * A step over decoded events: normalisation, enrichment, detection. Stages are created once, initialised,
 * called from one pipeline thread at a time, and closed at shutdown. A stage that throws is treated as
 * {@link StageResult.Failed} for that event; the pipeline goes on.
 */
public interface EventStage {

    /** A short, stable name used in metrics and the failure store ({@code json-normalizer}). */
    String name();

    /** The phase this stage runs in: {@link Phase#NORMALIZE}, {@link Phase#ENRICH} or {@link Phase#DETECT}. */
    Phase phase();

    default void init(StageContext context) {
    }

    StageResult process(Event event);

    default void close() {
    }
}
