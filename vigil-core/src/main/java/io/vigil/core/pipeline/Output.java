package io.vigil.core.pipeline;

import io.vigil.core.event.Event;
import java.util.List;

/**
 * Where processed events go (the recent-events view, an event store, a bus). After a crash the
 * pipeline replays the journal from its last commit, so an output sees some events twice and must
 * write idempotently by {@link io.vigil.core.event.EventId}. An output that throws a
 * {@link io.vigil.core.error.TemporaryException} makes the pipeline retry the batch; any other exception
 * stops the pipeline without committing, so nothing is lost.
 */
public interface Output extends AutoCloseable {

    String name();

    void write(List<Event> batch);

    /**
     * Makes everything written so far durable. The pipeline calls it right before committing its journal
     * position, so that writes may be cheap (committed, not yet synced) and the sync is paid once per
     * commit. An output whose writes are durable when they return need not override it.
     */
    default void flush() {
    }

    @Override
    default void close() {
    }
}
