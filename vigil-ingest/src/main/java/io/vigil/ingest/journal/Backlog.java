package io.vigil.ingest.journal;

import io.vigil.core.journal.JournalFullException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes appended but not yet committed by every consumer, in byte offsets over the journal's whole
 * history: queued (accepted, not yet written) plus written past the lowest committed position.
 */
final class Backlog {

    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final long limit;
    private final AtomicLong queued = new AtomicLong();
    private volatile long writtenEnd;
    private volatile long committedAt;

    Backlog(long limit, long writtenEnd, long committedAt) {
        this.limit = limit;
        this.writtenEnd = writtenEnd;
        this.committedAt = committedAt;
    }

    /**
     * Accepts {@code bytes} more or refuses them. An empty backlog accepts any batch, so that a batch
     * larger than the whole limit cannot be refused forever.
     */
    void reserve(long bytes) {
        while (true) {
            long q = queued.get();
            long current = Math.max(0, writtenEnd + q - committedAt);
            if (current > 0 && current + bytes > limit) {
                throw new JournalFullException("journal backlog of " + current + " bytes plus " + bytes
                        + " would exceed maxBacklogBytes " + limit + "; consumers are behind", RETRY_AFTER);
            }
            if (queued.compareAndSet(q, q + bytes)) {
                return;
            }
        }
    }

    /** Queued bytes the writer handled (written or failed); {@code writtenEnd} first, so the sum never dips. */
    void handled(long newWrittenEnd, long bytes) {
        writtenEnd = newWrittenEnd;
        queued.addAndGet(-bytes);
    }

    void released(long bytes) {
        queued.addAndGet(-bytes);
    }

    void committedAt(long globalOffset) {
        committedAt = globalOffset;
    }

    long bytes() {
        return Math.max(0, writtenEnd + queued.get() - committedAt);
    }
}
