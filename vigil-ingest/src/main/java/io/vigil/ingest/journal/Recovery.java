package io.vigil.ingest.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the segment log at open. Only the last segment is scanned: the writer forces a segment
 * before it creates the next, so no earlier one can have a torn tail, and scanning every retained
 * segment would make start-up time grow with the backlog. Corruption in earlier segments is found by
 * the readers when they reach it.
 */
final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);
    /** The smallest possible record: no run of damaged bytes can have held more than its length / this. */
    private static final long MIN_FRAME_BYTES = RecordFormat.HEADER_BYTES + RecordFormat.MIN_PAYLOAD;
    private static final int RESYNC_CHUNK = 1 << 20;
    private static final long RESYNC_CHECKSUM_BUDGET = 256L << 20;

    private Recovery() {
    }

    /** Base positions of the segment files in {@code directory}, ascending. */
    static List<Long> segmentBases(Path directory) throws IOException {
        List<Long> bases = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.log")) {
            for (Path file : files) {
                long base = Segment.parseBase(file);
                if (base < 0) {
                    LOG.warn("ignoring {}: not a journal segment name", file);
                } else {
                    bases.add(base);
                }
            }
        }
        Collections.sort(bases);
        return bases;
    }

    /**
     * Loads the segments, repairs the tail of the last one, and makes sure the next position is at least
     * {@code minimumEnd} (a consumer's committed position must never lie ahead of new appends, or the
     * consumer would skip them).
     */
    static void recover(Path directory, SegmentLog log, Quarantine quarantine, long minimumEnd) throws IOException {
        List<Long> bases = segmentBases(directory);
        long globalStart = 0;
        long successor = -1;
        for (int i = 0; i < bases.size(); i++) {
            long base = bases.get(i);
            Segment segment = new Segment(base, directory.resolve(Segment.fileName(base)), globalStart);
            if (i + 1 < bases.size()) {
                segment.durable(Files.size(segment.path), bases.get(i + 1) - base);
            } else {
                successor = scanLast(segment, quarantine);
            }
            log.add(segment);
            globalStart += segment.durableBytes();
        }
        if (successor >= 0) {
            startAt(directory, log, successor, globalStart);
        }
        long end = bases.isEmpty() ? 0 : log.last().base + log.last().durableRecords();
        if (bases.isEmpty() || end < minimumEnd) {
            if (!bases.isEmpty()) {
                LOG.warn("journal ends at {} but a consumer committed {}: positions in between are missing",
                        end, minimumEnd);
            }
            startAt(directory, log, Math.max(end, minimumEnd), globalStart);
        }
        log.publishDurableEnd(log.last().base + log.last().durableRecords());
    }

    /** Starts an empty last segment at {@code base}, replacing an empty last segment below it. */
    private static void startAt(Path directory, SegmentLog log, long base, long globalStart) throws IOException {
        if (!log.all().isEmpty() && log.last().durableBytes() == 0) {
            Files.delete(log.last().path);
            log.remove(log.last());
        }
        Segment segment = new Segment(base, directory.resolve(Segment.fileName(base)), globalStart);
        Files.newByteChannel(segment.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
        DurableFiles.forceDirectory(directory);
        segment.durable(0, 0);
        log.add(segment);
    }

    /**
     * Scans the last segment and repairs its end.
     *
     * @return -1, or the base of a new segment to append to when the segment is damaged in the middle
     */
    private static long scanLast(Segment segment, Quarantine quarantine) throws IOException {
        try (FileChannel channel = FileChannel.open(segment.path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            FrameReader reader = new FrameReader(channel);
            long offset = 0;
            long records = 0;
            long indexed = 0;
            while (offset < size) {
                if (!(reader.frameAt(offset, size) instanceof FrameReader.Frame.Complete frame)) {
                    break;
                }
                if (!reader.crcMatches(frame)) {
                    // A record that fails its checksum but is followed by a well-formed one was damaged
                    // in place; at the very end it is simply a write the crash interrupted.
                    boolean followed = frame.end() < size
                            && reader.frameAt(frame.end(), size) instanceof FrameReader.Frame.Complete;
                    if (!followed) {
                        break;
                    }
                    LOG.warn("journal record {} in {} at byte {} fails its checksum; handing it on as corrupt",
                            segment.base + records, segment, offset);
                    quarantine.corruptAt(segment.base + records);
                }
                if (offset - indexed >= Segment.INDEX_INTERVAL) {
                    segment.index(records, offset);
                    indexed = offset;
                }
                offset = frame.end();
                records++;
            }
            if (offset == size) {
                segment.durable(offset, records);
                return -1;
            }
            long intact = nextIntactRecord(reader, offset + 1, size);
            if (intact >= 0) {
                return seal(segment, quarantine, offset, intact, size, records);
            }
            Path saved = quarantine.tail(segment, channel, offset, size);
            channel.truncate(offset);
            channel.force(true);
            quarantine.truncated(size - offset);
            LOG.warn("cut a torn tail of {} bytes from {} at byte {} (copy in {})", size - offset, segment, offset, saved);
            segment.durable(offset, records);
            return -1;
        }
    }

    /**
     * Unreadable bytes with an intact record behind them are damage, not a torn write: acknowledged
     * records may follow, and their positions may have been handed out already. The segment is kept as
     * it is and closed, so that readers quarantine its rest like that of any older segment, and appends
     * continue in a new segment beyond every position the damaged bytes can have held.
     */
    private static long seal(Segment segment, Quarantine quarantine, long damagedAt, long intactAt, long size,
                             long records) {
        long mostRecords = (size - damagedAt + MIN_FRAME_BYTES - 1) / MIN_FRAME_BYTES;
        long successor = segment.base + records + mostRecords;
        LOG.warn("{} is unreadable from byte {} but holds an intact record at byte {}; its rest goes to the"
                + " quarantine when read, appends continue at position {}", segment, damagedAt, intactAt, successor);
        quarantine.corruptAt(segment.base + records);
        segment.durable(size, successor - segment.base);
        return successor;
    }

    /**
     * The first offset from {@code from} on where a record with a matching checksum starts, or -1. The
     * checksum work is bounded so that crafted bytes full of plausible headers cannot stall start-up.
     */
    private static long nextIntactRecord(FrameReader reader, long from, long size) throws IOException {
        long budget = RESYNC_CHECKSUM_BUDGET;
        for (long chunkStart = from; chunkStart < size; chunkStart += RESYNC_CHUNK) {
            byte[] chunk = reader.copy(chunkStart, Math.min(size, chunkStart + RESYNC_CHUNK));
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] != RecordFormat.MAGIC) {
                    continue;
                }
                if (reader.frameAt(chunkStart + i, size) instanceof FrameReader.Frame.Complete candidate) {
                    budget -= candidate.length();
                    if (budget < 0) {
                        return -1;
                    }
                    if (reader.crcMatches(candidate)) {
                        return candidate.offset();
                    }
                }
            }
        }
        return -1;
    }
}
