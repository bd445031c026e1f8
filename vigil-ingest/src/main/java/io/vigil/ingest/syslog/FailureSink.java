package io.vigil.ingest.syslog;

import io.vigil.core.event.EventId;
import io.vigil.core.pipeline.Failure;
import io.vigil.core.pipeline.FailureStore;
import io.vigil.core.pipeline.Phase;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps oversize frames in the failure store off the event loop (the store writes to the database). The
 * queue is bounded: when a sender floods oversize frames faster than the store takes them, the extra ones
 * are only counted (the oversize counter still shows every one).
 */
final class FailureSink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FailureSink.class);

    private final FailureStore store;
    private final ThreadPoolExecutor executor;
    private final AtomicLong discarded = new AtomicLong();

    FailureSink(FailureStore store) {
        this.store = store;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(1024),
                new io.netty.util.concurrent.DefaultThreadFactory("vigil-ingest-syslog-failures", true));
    }

    void oversize(Sender sender, String input, Instant receivedAt, byte[] head, long length, int limit) {
        String size = length < 0 ? "more than " + limit + " bytes without a line end"
                : length + " bytes";
        Failure failure = new Failure(new EventId(UUID.randomUUID()), sender.tenant(), sender.source(input),
                Phase.RECEIVE, input, "syslog message of " + size + " exceeds the frame limit of " + limit
                + " bytes: first " + head.length + " bytes kept, the rest skipped", receivedAt, receivedAt, head);
        try {
            executor.execute(() -> {
                try {
                    store.record(List.of(failure));
                } catch (RuntimeException e) {
                    LOG.warn("Could not keep an oversize syslog message of tenant {}: {}", sender.tenant(), e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            discarded.incrementAndGet();
        }
    }

    long discarded() {
        return discarded.get();
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
