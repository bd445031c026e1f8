package io.vigil.ingest.journal;

import io.vigil.core.journal.JournalFullException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses appends while the journal's file store is below its free-space floor. Asking the file system
 * on every append would cost a syscall each, so the answer is reused for {@link #CHECK_EVERY}.
 */
final class DiskSpaceGuard {

    static final Duration CHECK_EVERY = Duration.ofMillis(100);
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(DiskSpaceGuard.class);

    private final Storage storage;
    private final Path directory;
    private final long minFreeBytes;
    private final Clock clock;
    private final AtomicLong nextCheckMillis = new AtomicLong(Long.MIN_VALUE);
    private volatile long usableBytes = Long.MAX_VALUE;

    DiskSpaceGuard(Storage storage, Path directory, long minFreeBytes, Clock clock) {
        this.storage = storage;
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
        this.clock = clock;
    }

    void check() {
        if (minFreeBytes == 0) {
            return;
        }
        long now = clock.millis();
        long next = nextCheckMillis.get();
        // A clock stepped backwards must not postpone the next look for as long as it stepped.
        boolean due = now >= next || next - now > CHECK_EVERY.toMillis();
        if (due && nextCheckMillis.compareAndSet(next, now + CHECK_EVERY.toMillis())) {
            refresh();
        }
        long usable = usableBytes;
        if (usable < minFreeBytes) {
            throw new JournalFullException("free space on the journal's file store is " + usable
                    + " bytes, below minFreeDiskBytes " + minFreeBytes, RETRY_AFTER);
        }
    }

    /** Looks now; the writer calls this at every segment roll. */
    void refresh() {
        if (minFreeBytes == 0) {
            return;
        }
        try {
            usableBytes = storage.usableSpace(directory);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read free space of {}: {}", directory, e.toString());
        }
    }
}
