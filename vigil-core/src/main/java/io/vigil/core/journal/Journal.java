package io.vigil.core.journal;

import io.vigil.core.event.RawEvent;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The durability point between transports and processing. A transport acknowledges to its sender only
 * once the future returned by {@link #append} has completed: from then on the events survive a crash
 * of the process ({@code kill -9}) and will be handed to the pipeline.
 *
 * <p>Positions are dense, increasing numbers assigned at append. The embedded implementation is a
 * segmented file log; a distributed deployment puts a partitioned bus behind the same interface.
 */
public interface Journal extends AutoCloseable {

    /** A stable identity of this journal, part of every {@link io.vigil.core.event.EventId} it yields. */
    String id();

    /**
     * Appends events in order. The future completes with the position of the last event once all of
     * them are on stable storage (group commit: concurrent appends share one fsync).
     *
     * @throws JournalFullException when the unprocessed backlog or the free disk space is beyond its
     *                              limit; nothing was appended and the caller should retry later
     */
    CompletableFuture<Long> append(List<RawEvent> events);

    /** A reader for the named consumer; its committed position survives restarts. */
    JournalReader reader(String consumer);

    /** What the journal holds and has refused, for health and metrics. */
    JournalStats stats();

    @Override
    void close();
}
