package io.vigil.core.journal;

import java.time.Instant;
import java.util.Objects;

/**
 * @param nextPosition      position the next append will get
 * @param committedPosition lowest committed position over all consumers
 * @param backlogBytes      bytes appended but not yet committed by every consumer
 * @param diskBytes         bytes the journal occupies on disk
 * @param corruptRecords    records found corrupt since start (quarantined, handed on as corruptions)
 * @param truncatedBytes    bytes cut from torn segment tails at recovery since start
 * @param fsyncs            forces to stable storage since start (appends per fsync shows group commit at work)
 * @param storageFault      why the journal refuses appends because of its storage (disk full, write failing),
 *                          {@code null} while it accepts them; a full backlog is not a storage fault
 */
public record JournalStats(long nextPosition, long committedPosition, long backlogBytes, long diskBytes,
                           long corruptRecords, long truncatedBytes, long fsyncs, StorageFault storageFault) {

    public JournalStats(long nextPosition, long committedPosition, long backlogBytes, long diskBytes,
                        long corruptRecords, long truncatedBytes, long fsyncs) {
        this(nextPosition, committedPosition, backlogBytes, diskBytes, corruptRecords, truncatedBytes, fsyncs, null);
    }

    /**
     * The journal's storage refuses writes: free space below the floor, or a write or fsync that failed (for
     * example "No space left on device"). Appends are refused until the storage takes writes again.
     *
     * @param reason what failed, for the operator
     * @param since  when the journal started refusing
     */
    public record StorageFault(String reason, Instant since) {
        public StorageFault {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(since, "since");
        }
    }
}
