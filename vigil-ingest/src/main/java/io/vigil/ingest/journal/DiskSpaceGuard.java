package io.vigil.ingest.journal;

import io.vigil.core.journal.JournalFullException;
import io.vigil.core.journal.JournalStats.StorageFault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses appends while the journal's storage cannot take them: free space below the floor, or the last
 * write or fsync failed (a full disk seen by the write itself: "No space left on device", or an I/O
 * error). Asking the file system on every append would cost a syscall each, so the free-space answer is
 * reused for {@link #CHECK_EVERY}. After a failed write one append per {@link #PROBE_EVERY} is let
 * through to try the storage again; the first that succeeds ends the fault. Entering a fault is logged at
 * ERROR once, leaving it at INFO, so that a full disk does not log once per refused event.
 */
final class DiskSpaceGuard {

    static final Duration CHECK_EVERY = Duration.ofMillis(100);
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);
    static final Duration PROBE_EVERY = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(DiskSpaceGuard.class);

    private enum Kind { FLOOR, WRITE }

    private record Fault(Kind kind, StorageFault fault) {
    }

    private final Storage storage;
    private final Path directory;
    private final long minFreeBytes;
    private final Clock clock;
    private final AtomicLong nextCheckMillis = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong nextProbeMillis = new AtomicLong(Long.MIN_VALUE);
    private final AtomicReference<Fault> fault = new AtomicReference<>();
    private volatile long usableBytes = Long.MAX_VALUE;

    DiskSpaceGuard(Storage storage, Path directory, long minFreeBytes, Clock clock) {
        this.storage = storage;
        this.directory = directory;
        this.minFreeBytes = minFreeBytes;
        this.clock = clock;
    }

    /** @throws JournalFullException when the storage cannot take this append now */
    void check() {
        Fault current = fault.get();
        if (current != null && current.kind() == Kind.WRITE && !probe()) {
            throw new JournalFullException("the journal's storage refuses writes since " + current.fault().since()
                    + " (" + current.fault().reason() + "); trying again every " + PROBE_EVERY.toSeconds() + " s",
                    PROBE_EVERY);
        }
        if (minFreeBytes == 0) {
            return;
        }
        long now = clock.millis();
        if (due(nextCheckMillis, now, CHECK_EVERY)) {
            refresh();
        }
        long usable = usableBytes;
        if (usable < minFreeBytes) {
            String reason = "free space on the journal's file store is " + usable + " bytes, below minFreeDiskBytes "
                    + minFreeBytes;
            enter(Kind.FLOOR, reason, null);
            throw new JournalFullException(reason, RETRY_AFTER);
        }
        Fault floor = fault.get();
        if (floor != null && floor.kind() == Kind.FLOOR && fault.compareAndSet(floor, null)) {
            LOG.info("journal in {} accepts appends again: {} bytes free (refused since {})", directory, usable,
                    floor.fault().since());
        }
    }

    /** Lets one append through per {@link #PROBE_EVERY} while writes fail. */
    private boolean probe() {
        return due(nextProbeMillis, clock.millis(), PROBE_EVERY);
    }

    /** True for exactly one caller once {@code every} has passed since the last time it was true. */
    private static boolean due(AtomicLong next, long now, Duration every) {
        long at = next.get();
        // A clock stepped backwards must not postpone the next look for as long as it stepped.
        boolean due = now >= at || at - now > every.toMillis();
        return due && next.compareAndSet(at, now + every.toMillis());
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

    /** The writer's write or fsync failed: refuse appends until a probe succeeds. */
    void writeFailed(Exception cause) {
        nextProbeMillis.set(clock.millis() + PROBE_EVERY.toMillis());
        enter(Kind.WRITE, "journal write failed: " + cause, cause);
    }

    /** The writer forced a batch: a write fault is over. */
    void writeSucceeded() {
        Fault current = fault.get();
        if (current != null && current.kind() == Kind.WRITE && fault.compareAndSet(current, null)) {
            LOG.info("journal in {} accepts appends again: a write succeeded (refused since {})", directory,
                    current.fault().since());
        }
    }

    /** Why appends are refused now, {@code null} while they are accepted. */
    StorageFault fault() {
        Fault current = fault.get();
        return current == null ? null : current.fault();
    }

    private void enter(Kind kind, String reason, Exception cause) {
        while (true) {
            Fault current = fault.get();
            if (current != null && current.kind() == kind) {
                LOG.debug("journal in {} still refuses appends: {}", directory, reason);
                return;
            }
            // A write fault replaces a floor fault (queued appends still hit the disk); it keeps the first "since".
            Fault next = new Fault(kind, new StorageFault(reason, current == null ? clock.instant() : current.fault().since()));
            if (fault.compareAndSet(current, next)) {
                if (current == null) {
                    LOG.error("journal in {} refuses appends until its storage takes writes again: {}; inputs push back"
                            + " (HTTP 503, syslog TCP/TLS stop reading, MQTT defers acknowledgements, UDP drops)",
                            directory, reason, cause);
                }
                return;
            }
        }
    }
}
