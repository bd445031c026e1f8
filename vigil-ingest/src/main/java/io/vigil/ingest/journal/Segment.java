package io.vigil.ingest.journal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One segment file: its first position, how much of it is durable, and a sparse index from positions
 * to byte offsets. Only the writer thread moves the durable end; readers and the retention path read it.
 */
final class Segment {

    /** Bytes between indexed records: bounds how far a reader scans to find a position. */
    static final long INDEX_INTERVAL = 16 << 10;

    private static final Pattern FILE_NAME = Pattern.compile("(\\d{20})\\.log");

    final long base;
    final Path path;
    /** Byte offset of this segment's start in the journal's whole history, for backlog arithmetic. */
    final long globalStart;

    private volatile long durableBytes;
    private volatile long durableRecords;

    // Sparse index: (record number in this segment, byte offset) of records starting at least
    // INDEX_INTERVAL bytes apart. Segments recovered without a scan only know their first record.
    private long[] indexRecords = new long[16];
    private long[] indexOffsets = new long[16];
    private int indexSize;

    Segment(long base, Path path, long globalStart) {
        this.base = base;
        this.path = path;
        this.globalStart = globalStart;
        index(0, 0);
    }

    static String fileName(long base) {
        return String.format("%020d.log", base);
    }

    /** The base position in a segment file name, or -1 when the name is not one of ours. */
    static long parseBase(Path file) {
        Matcher m = FILE_NAME.matcher(file.getFileName().toString());
        if (!m.matches()) {
            return -1;
        }
        try {
            return Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The base as the 20-digit stem of the file name, used to name quarantine files. */
    String stem() {
        return String.format("%020d", base);
    }

    long durableBytes() {
        return durableBytes;
    }

    long durableRecords() {
        return durableRecords;
    }

    /** Records first: whoever sees the new byte count also sees the record count that goes with it. */
    void durable(long bytes, long records) {
        durableRecords = records;
        durableBytes = bytes;
    }

    synchronized void index(long record, long offset) {
        if (indexSize > 0 && indexOffsets[indexSize - 1] >= offset) {
            return;
        }
        if (indexSize == indexRecords.length) {
            indexRecords = Arrays.copyOf(indexRecords, indexSize * 2);
            indexOffsets = Arrays.copyOf(indexOffsets, indexSize * 2);
        }
        indexRecords[indexSize] = record;
        indexOffsets[indexSize] = offset;
        indexSize++;
    }

    /** Drops index entries at or beyond {@code offset}, after the writer cut back a failed write. */
    synchronized void truncateIndex(long offset) {
        while (indexSize > 1 && indexOffsets[indexSize - 1] >= offset) {
            indexSize--;
        }
    }

    /** The indexed record at or before {@code record}. */
    synchronized IndexEntry floor(long record) {
        int i = Arrays.binarySearch(indexRecords, 0, indexSize, record);
        int at = i >= 0 ? i : Math.max(0, -i - 2);
        return new IndexEntry(indexRecords[at], indexOffsets[at]);
    }

    /** The first indexed record starting after byte {@code offset}, or null: a point to resynchronise at. */
    synchronized IndexEntry after(long offset) {
        int i = Arrays.binarySearch(indexOffsets, 0, indexSize, offset);
        int at = i >= 0 ? i + 1 : -i - 1;
        return at < indexSize ? new IndexEntry(indexRecords[at], indexOffsets[at]) : null;
    }

    /**
     * Estimated byte offset of {@code position} in this segment, exact at the durable end and at indexed
     * records, interpolated between them; good enough for a backlog limit.
     */
    synchronized long estimateOffset(long position) {
        long bytes = durableBytes;
        long records = durableRecords;
        long record = position - base;
        if (record >= records) {
            return bytes;
        }
        IndexEntry low = floor(record);
        IndexEntry next = after(low.offset());
        IndexEntry high = next != null && next.record() <= records ? next : new IndexEntry(records, bytes);
        if (high.record() <= low.record()) {
            return low.offset();
        }
        return low.offset() + (high.offset() - low.offset()) * (record - low.record()) / (high.record() - low.record());
    }

    @Override
    public String toString() {
        return path.getFileName().toString();
    }

    /** A record number within a segment and the byte offset where it starts. */
    record IndexEntry(long record, long offset) {
    }
}
