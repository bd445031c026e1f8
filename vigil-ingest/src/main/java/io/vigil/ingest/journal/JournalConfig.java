package io.vigil.ingest.journal;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Configuration of the embedded journal. A {@code null} argument takes the default. None of the keys
 * can change at runtime; all of them are per installation, never per tenant.
 *
 * @param directory        directory holding segments, consumer offsets and quarantined bytes (default {@code var/journal})
 * @param segmentBytes     size at which the journal starts a new segment file (default 64 MiB, 1 KiB to 1 GiB)
 * @param maxBacklogBytes  bytes appended but not yet committed by every consumer before appends are refused (default 1 GiB)
 * @param minFreeDiskBytes free space on the journal's file store below which appends are refused (default 256 MiB, 0 disables)
 * @param maxRecordBytes   largest encoded record: event bytes plus 38 bytes and the UTF-8 source strings (default 8 MiB, 1 KiB to 256 MiB)
 * @param flushInterval    least time between two fsyncs; 0 syncs as soon as the writer is free (default 0, at most 1 min)
 */
public record JournalConfig(Path directory, Long segmentBytes, Long maxBacklogBytes, Long minFreeDiskBytes,
                            Integer maxRecordBytes, Duration flushInterval) {

    public static final Path DEFAULT_DIRECTORY = Path.of("var", "journal");
    public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
    public static final long DEFAULT_MAX_BACKLOG_BYTES = 1L << 30;
    public static final long DEFAULT_MIN_FREE_DISK_BYTES = 256L << 20;
    public static final int DEFAULT_MAX_RECORD_BYTES = 8 << 20;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ZERO;

    // Segment offsets and index entries stay well inside an int this way, and a record must never be
    // larger than what the format's plausibility check accepts when reading it back.
    static final long MIN_SEGMENT_BYTES = 1L << 10;
    static final long MAX_SEGMENT_BYTES = 1L << 30;
    static final int MIN_RECORD_BYTES = 1 << 10;
    static final int MAX_RECORD_BYTES = RecordFormat.MAX_PAYLOAD;
    static final Duration MAX_FLUSH_INTERVAL = Duration.ofMinutes(1);

    public JournalConfig {
        directory = directory == null ? DEFAULT_DIRECTORY : directory;
        segmentBytes = within("segmentBytes", segmentBytes, DEFAULT_SEGMENT_BYTES, MIN_SEGMENT_BYTES, MAX_SEGMENT_BYTES);
        maxBacklogBytes = within("maxBacklogBytes", maxBacklogBytes, DEFAULT_MAX_BACKLOG_BYTES, 1L << 10, Long.MAX_VALUE);
        minFreeDiskBytes = within("minFreeDiskBytes", minFreeDiskBytes, DEFAULT_MIN_FREE_DISK_BYTES, 0, Long.MAX_VALUE);
        maxRecordBytes = (int) within("maxRecordBytes", maxRecordBytes == null ? null : maxRecordBytes.longValue(),
                DEFAULT_MAX_RECORD_BYTES, MIN_RECORD_BYTES, MAX_RECORD_BYTES);
        flushInterval = flushInterval == null ? DEFAULT_FLUSH_INTERVAL : flushInterval;
        if (flushInterval.isNegative() || flushInterval.compareTo(MAX_FLUSH_INTERVAL) > 0) {
            throw new IllegalArgumentException("journal flushInterval must be between 0 and " + MAX_FLUSH_INTERVAL
                    + ", was " + flushInterval);
        }
    }

    /** All defaults, with the journal in {@code directory}. */
    public static JournalConfig in(Path directory) {
        return new JournalConfig(directory, null, null, null, null, null);
    }

    private static long within(String key, Long value, long fallback, long min, long max) {
        long v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw new IllegalArgumentException("journal " + key + " must be between " + min + " and " + max
                    + ", was " + v);
        }
        return v;
    }
}
