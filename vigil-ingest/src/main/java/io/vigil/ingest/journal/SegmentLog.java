package io.vigil.ingest.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The segments of a journal and its durable end, shared by the writer (adds segments, moves the end),
 * readers (wait for the end to move) and retention (drops committed segments).
 */
final class SegmentLog {

    private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private volatile long durableEnd;
    private volatile boolean closed;

    /** Adds a segment; the previous last segment must already carry its final durable size. */
    void add(Segment segment) {
        segments.put(segment.base, segment);
    }

    Segment first() {
        return segments.firstEntry().getValue();
    }

    Segment last() {
        return segments.lastEntry().getValue();
    }

    /** The segment holding {@code position}, or the first one when the position is older than all of them. */
    Segment containing(long position) {
        Map.Entry<Long, Segment> entry = segments.floorEntry(position);
        return entry != null ? entry.getValue() : first();
    }

    /** The segment after {@code segment}, or null while it is the last one. */
    Segment after(Segment segment) {
        Map.Entry<Long, Segment> entry = segments.higherEntry(segment.base);
        return entry == null ? null : entry.getValue();
    }

    List<Segment> all() {
        return List.copyOf(segments.values());
    }

    /** The position the next durable record will get; readers never read at or past it. */
    long durableEnd() {
        return durableEnd;
    }

    void publishDurableEnd(long end) {
        durableEnd = end;
        lock.lock();
        try {
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until the durable end is beyond {@code position}, the log closes or the time is up.
     *
     * @return whether the durable end is beyond {@code position}
     */
    boolean awaitBeyond(long position, long nanos) throws InterruptedException {
        lock.lock();
        try {
            long left = nanos;
            while (durableEnd <= position && !closed && left > 0) {
                left = advanced.awaitNanos(left);
            }
            return durableEnd > position;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    void close() {
        closed = true;
        lock.lock();
        try {
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Byte offset of {@code position} in the journal's whole history (estimated inside a segment). */
    long globalOffset(long position) {
        Segment segment = containing(position);
        return segment.globalStart + segment.estimateOffset(Math.max(position, segment.base));
    }

    /**
     * Segments all of whose records are below {@code position}, oldest first. The last segment is never
     * among them: it may be the one the writer appends to.
     */
    List<Segment> whollyBelow(long position) {
        List<Segment> result = new ArrayList<>();
        Segment previous = null;
        for (Segment segment : segments.values()) {
            if (previous != null) {
                if (segment.base > position) {
                    break;
                }
                result.add(previous);
            }
            previous = segment;
        }
        return result;
    }

    void remove(Segment segment) {
        segments.remove(segment.base, segment);
    }
}
