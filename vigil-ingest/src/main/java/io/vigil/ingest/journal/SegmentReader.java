package io.vigil.ingest.journal;

import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import io.vigil.core.journal.JournalEntry;
import io.vigil.core.journal.JournalReader;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's view of the journal. Not thread-safe: one thread polls and commits. Reads only up to
 * each segment's durable size, so nothing an unfinished force may still lose is ever handed out.
 */
final class SegmentReader implements JournalReader {

    static final Duration RETRY_AFTER_READ_FAILURE = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SegmentReader.class);

    private final SegmentedJournal journal;
    private final SegmentLog log;
    private final Quarantine quarantine;
    private final String consumer;
    private final int maxCorruptBytes;

    private long committed;
    /** Entries below this were handed out before the restart and committed; a resync may pass them again. */
    private final long deliverFrom;
    private long next;
    private Segment segment;
    private FrameReader frames;
    private long offset;
    private boolean stuckReported;
    private volatile boolean closed;

    SegmentReader(SegmentedJournal journal, SegmentLog log, Quarantine quarantine, String consumer, long committed,
                  int maxCorruptBytes) throws IOException {
        this.journal = journal;
        this.log = log;
        this.quarantine = quarantine;
        this.consumer = consumer;
        this.maxCorruptBytes = maxCorruptBytes;
        this.committed = committed;
        this.deliverFrom = committed;
        seek(committed);
    }

    String consumer() {
        return consumer;
    }

    @Override
    public List<JournalEntry> poll(int max, Duration wait) throws InterruptedException {
        if (max < 1) {
            throw new IllegalArgumentException("max must be at least 1, was " + max);
        }
        Objects.requireNonNull(wait, "wait");
        ensureOpen();
        // A bound on waiting, not a point in time: monotonic nanoTime rather than the injected clock.
        long deadline = System.nanoTime() + Math.max(0, saturatedNanos(wait));
        List<JournalEntry> entries = new ArrayList<>(Math.min(max, 1024));
        while (true) {
            long end = log.durableEnd();
            try {
                readAvailable(entries, max);
            } catch (IOException e) {
                ensureOpen();
                if (!entries.isEmpty()) {
                    // The position moved past these already; the failure comes back on the next poll.
                    return entries;
                }
                throw new TemporaryException("reading the journal for " + consumer + " failed: " + e,
                        RETRY_AFTER_READ_FAILURE, e);
            }
            long left = deadline - System.nanoTime();
            if (!entries.isEmpty() || left <= 0) {
                return entries;
            }
            // Normally next == end and this waits for the next force; if the reader could not move
            // although next < end (unreadable bytes it cannot resync past yet), it waits for more data.
            log.awaitBeyond(Math.max(next, end), left);
            ensureOpen();
        }
    }

    @Override
    public void commit(long nextPosition) {
        ensureOpen();
        if (nextPosition < committed || nextPosition > next) {
            throw new IllegalArgumentException("consumer " + consumer + " can commit from " + committed
                    + " up to the next unpolled position " + next + ", not " + nextPosition);
        }
        if (nextPosition == committed) {
            return;
        }
        journal.commit(consumer, nextPosition);
        committed = nextPosition;
    }

    @Override
    public long committed() {
        return committed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeChannel();
        journal.readerClosed(this);
    }

    private void ensureOpen() {
        // The journal first: closing it closes its readers too, and that is the failure to report.
        if (log.isClosed()) {
            throw new PermanentException("journal is closed");
        }
        if (closed) {
            throw new IllegalStateException("reader of consumer " + consumer + " is closed");
        }
    }

    private void readAvailable(List<JournalEntry> entries, int max) throws IOException {
        while (entries.size() < max) {
            JournalEntry entry;
            try {
                entry = step();
            } catch (ClosedChannelException e) {
                ensureOpen();
                throw e;
            }
            if (entry == null) {
                return;
            }
            if (entry.position() >= deliverFrom) {
                entries.add(entry);
            }
        }
    }

    /** The next entry, or null while nothing more is durable. */
    private JournalEntry step() throws IOException {
        while (true) {
            Segment following = log.after(segment);
            long limit = segment.durableBytes();
            if (following != null && next >= following.base) {
                if (offset < limit) {
                    LOG.warn("{} holds more records than positions up to {}; ignoring the rest", segment, following.base);
                }
                moveTo(following);
                continue;
            }
            if (offset >= limit) {
                if (following == null) {
                    return null;
                }
                return missingBefore(following, limit);
            }
            FrameReader.Frame frame = frames.frameAt(offset, limit);
            if (frame instanceof FrameReader.Frame.Complete complete) {
                return record(complete);
            }
            return unreadable(frame, following, limit);
        }
    }

    private JournalEntry record(FrameReader.Frame.Complete frame) throws IOException {
        long position = next;
        JournalEntry entry;
        if (!frames.crcMatches(frame)) {
            entry = corrupt(position, "checksum mismatch in record at byte " + frame.offset() + " of " + segment,
                    frame.offset(), frame.end());
        } else {
            try {
                entry = JournalEntry.of(position, frames.decode(frame));
            } catch (IllegalArgumentException e) {
                entry = corrupt(position, "record at byte " + frame.offset() + " of " + segment
                        + " is not an event: " + e.getMessage(), frame.offset(), frame.end());
            }
        }
        offset = frame.end();
        next = position + 1;
        return entry;
    }

    private JournalEntry corrupt(long position, String reason, long from, long to) throws IOException {
        // Kept on disk as well: retention deletes the segment once the consumer has committed past it.
        Path kept = quarantine.unreadable(segment, frames.channel(), from, to);
        LOG.warn("journal entry {} is corrupt: {}; its bytes are kept in {}", position, reason, kept);
        quarantine.corruptAt(position);
        return JournalEntry.corrupt(position, reason, frames.copy(from, Math.min(to, from + maxCorruptBytes)));
    }

    /**
     * Bytes that cannot start a record. Where a record boundary after them is known (the writer's index)
     * reading resumes there; otherwise the rest of the segment is given up. Either way the bytes go to the
     * quarantine and readers get one corrupt entry for them.
     */
    private JournalEntry unreadable(FrameReader.Frame frame, Segment following, long limit) throws IOException {
        long from = frame.offset();
        Segment.IndexEntry resync = segment.after(from);
        boolean resyncHere = resync != null && resync.offset() <= limit && segment.base + resync.record() > next;
        if (!resyncHere && following == null) {
            if (!stuckReported) {
                stuckReported = true;
                LOG.error("unreadable bytes at byte {} of the active segment {}; waiting for a record boundary",
                        from, segment);
            }
            return null;
        }
        long to = resyncHere ? resync.offset() : limit;
        long resumeAt = resyncHere ? segment.base + resync.record() : following.base;
        long position = next;
        String kept;
        try {
            kept = "quarantined in " + quarantine.unreadable(segment, frames.channel(), from, to);
        } catch (IOException e) {
            // The entry still carries the bytes (up to the record limit); a full disk must not stall reading.
            LOG.error("cannot quarantine bytes {}-{} of {}", from, to, segment, e);
            kept = "not quarantined (" + e + ")";
        }
        String why = frame instanceof FrameReader.Frame.Garbage garbage ? garbage.reason()
                : "a record running past the segment's end";
        String reason = why + " at byte " + from + " of " + segment + "; " + (to - from) + " bytes " + kept
                + (resumeAt - position > 1 ? "; positions " + position + "-" + (resumeAt - 1) + " lost" : "");
        JournalEntry entry = corrupt(position, reason, from, to);
        if (resyncHere) {
            offset = to;
            next = resumeAt;
        } else {
            moveTo(following);
        }
        return entry;
    }

    /** A sealed segment that ends before the next one begins: records went missing, say so once. */
    private JournalEntry missingBefore(Segment following, long limit) throws IOException {
        long position = next;
        String reason = "positions " + position + "-" + (following.base - 1) + " are missing: " + segment
                + " ends at byte " + limit;
        LOG.warn("journal entry {} is corrupt: {}", position, reason);
        quarantine.corruptAt(position);
        moveTo(following);
        return JournalEntry.corrupt(position, reason, new byte[0]);
    }

    /** Positions the reader at {@code position}, walking record headers from the nearest indexed record. */
    private void seek(long position) throws IOException {
        Segment start = log.containing(position);
        moveTo(start);
        Segment.IndexEntry entry = start.floor(Math.max(0, position - start.base));
        offset = entry.offset();
        next = start.base + entry.record();
        while (next < position) {
            Segment following = log.after(segment);
            long limit = segment.durableBytes();
            if (following != null && (next >= following.base || offset >= limit)) {
                moveTo(following);
            } else if (offset < limit && frames.frameAt(offset, limit) instanceof FrameReader.Frame.Complete frame) {
                offset = frame.end();
                next++;
            } else {
                // Unreadable bytes or the end: poll takes it from here and drops what lies below the position.
                return;
            }
        }
    }

    private void moveTo(Segment target) throws IOException {
        FileChannel channel = FileChannel.open(target.path, StandardOpenOption.READ);
        closeChannel();
        if (frames == null) {
            frames = new FrameReader(channel);
        } else {
            frames.reset(channel);
        }
        segment = target;
        offset = 0;
        next = target.base;
        stuckReported = false;
    }

    private void closeChannel() {
        if (frames != null) {
            try {
                frames.channel().close();
            } catch (IOException e) {
                LOG.debug("closing {} failed: {}", segment, e.toString());
            }
        }
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return duration.isNegative() ? 0 : Long.MAX_VALUE / 2;
        }
    }
}
