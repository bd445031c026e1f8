package io.vigil.ingest.journal;

import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer thread. It takes everything queued, writes it with as few syscalls as the buffer
 * allows, forces the segment once and completes every future the force covered: appends that arrive
 * while a force runs wait for the next one together (group commit).
 */
final class JournalWriter {

    static final String THREAD_NAME = "vigil-journal-writer";
    /** Write buffer, reused; appends are copied into it and written in one call while they fit. */
    static final int BUFFER_BYTES = 1 << 20;
    /** Most bytes one force covers, so that the first append of a large burst is not held back by all of it. */
    static final long MAX_BATCH_BYTES = 8L << 20;
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);

    private final Path directory;
    private final SegmentLog log;
    private final Storage storage;
    private final Backlog backlog;
    private final DiskSpaceGuard disk;
    private final long segmentBytes;
    private final long flushIntervalNanos;
    private final Thread thread;

    private final ReentrantLock queueLock = new ReentrantLock();
    private final Condition work = queueLock.newCondition();
    private final ArrayDeque<PendingAppend> queue = new ArrayDeque<>();
    private boolean closing;

    private final AtomicLong queuedRecords = new AtomicLong();
    private final AtomicLong fsyncs = new AtomicLong();
    private volatile long nextPosition;
    private volatile PermanentException failure;

    // Confined to the writer thread.
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private Segment active;
    private FileChannel channel;
    private long activeBytes;
    private long activeRecords;
    private long indexedAt;
    private long lastForceNanos;
    private long[] lastPositions = new long[64];

    JournalWriter(Path directory, SegmentLog log, Storage storage, Backlog backlog, DiskSpaceGuard disk,
                  JournalConfig config) throws IOException {
        this.directory = directory;
        this.log = log;
        this.storage = storage;
        this.backlog = backlog;
        this.disk = disk;
        this.segmentBytes = config.segmentBytes();
        this.flushIntervalNanos = config.flushInterval().toNanos();
        this.active = log.last();
        this.activeBytes = active.durableBytes();
        this.activeRecords = active.durableRecords();
        this.indexedAt = activeBytes;
        this.nextPosition = active.base + activeRecords;
        this.lastForceNanos = System.nanoTime() - flushIntervalNanos;
        this.channel = FileChannel.open(active.path, StandardOpenOption.WRITE);
        channel.position(activeBytes);
        this.thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    CompletableFuture<Long> enqueue(byte[] frames, int records) {
        PendingAppend append = new PendingAppend(frames, records, new CompletableFuture<>());
        queueLock.lock();
        try {
            if (closing) {
                throw new PermanentException("journal in " + directory + " is closed");
            }
            PermanentException failed = failure;
            if (failed != null) {
                throw new PermanentException("journal in " + directory + " has failed: " + failed.getMessage(), failed);
            }
            queue.add(append);
            queuedRecords.addAndGet(records);
            work.signal();
        } finally {
            queueLock.unlock();
        }
        return append.done();
    }

    /** The position the next append gets once everything queued is written. */
    long nextPosition() {
        return nextPosition + queuedRecords.get();
    }

    long fsyncs() {
        return fsyncs.get();
    }

    /** Writes and forces whatever is queued, completes its futures and stops the thread. */
    void close() {
        queueLock.lock();
        try {
            closing = true;
            work.signalAll();
        } finally {
            queueLock.unlock();
        }
        if (Thread.currentThread() == thread) {
            // Closed from an append's callback: the loop ends after this batch; joining would hang.
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<PendingAppend> batch = new ArrayList<>();
        try {
            while (take(batch)) {
                PermanentException failed = failure;
                if (failed != null) {
                    fail(batch, failed);
                } else {
                    write(batch);
                }
                batch.clear();
            }
        } catch (Throwable t) {
            // A bug or an Error: leave no sender waiting for an acknowledgement that will never come.
            failure = new PermanentException("journal writer stopped: " + t, t);
            LOG.error("journal writer stopped", t);
            fail(batch, failure);
        } finally {
            List<PendingAppend> left = new ArrayList<>();
            queueLock.lock();
            try {
                closing = true;
                left.addAll(queue);
                queue.clear();
            } finally {
                queueLock.unlock();
            }
            fail(left, new PermanentException("journal in " + directory + " is closed"));
            try {
                channel.close();
            } catch (IOException e) {
                LOG.warn("closing {} failed: {}", active, e.toString());
            }
        }
    }

    private boolean take(List<PendingAppend> batch) throws InterruptedException {
        queueLock.lock();
        try {
            while (queue.isEmpty()) {
                if (closing) {
                    return false;
                }
                work.await();
            }
            if (flushIntervalNanos > 0) {
                // Elapsed time, not wall time: this is a throughput knob, and System.nanoTime is monotonic.
                long left = lastForceNanos + flushIntervalNanos - System.nanoTime();
                while (left > 0 && !closing) {
                    left = work.awaitNanos(left);
                }
            }
            long bytes = 0;
            while (!queue.isEmpty() && (batch.isEmpty() || bytes + queue.peek().frames().length <= MAX_BATCH_BYTES)) {
                PendingAppend append = queue.poll();
                bytes += append.frames().length;
                batch.add(append);
            }
            return true;
        } finally {
            queueLock.unlock();
        }
    }

    private void write(List<PendingAppend> batch) {
        if (lastPositions.length < batch.size()) {
            lastPositions = new long[Math.max(batch.size(), lastPositions.length * 2)];
        }
        long bytes = 0;
        long records = 0;
        for (PendingAppend append : batch) {
            bytes += append.frames().length;
            records += append.records();
        }
        try {
            for (int i = 0; i < batch.size(); i++) {
                append(batch.get(i).frames());
                lastPositions[i] = nextPosition - 1;
            }
            flush();
            force();
            active.durable(activeBytes, activeRecords);
        } catch (IOException | RuntimeException e) {
            queuedRecords.addAndGet(-records);
            disk.writeFailed(e);
            repair(e);
            backlog.handled(active.globalStart + activeBytes, bytes);
            fail(batch, new TemporaryException("journal write failed: " + e, RETRY_AFTER_FAILURE, e));
            return;
        }
        queuedRecords.addAndGet(-records);
        disk.writeSucceeded();
        backlog.handled(active.globalStart + activeBytes, bytes);
        log.publishDurableEnd(nextPosition);
        // Futures complete on this thread, after the durable end moved: a sender that reads its own
        // append right after the acknowledgement finds it.
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(lastPositions[i]);
        }
    }

    /** Copies one append's frames into the buffer, rolling to a new segment between records. */
    private void append(byte[] frames) throws IOException {
        int runStart = 0;
        int at = 0;
        while (at < frames.length) {
            int size = RecordFormat.HEADER_BYTES + RecordFormat.payloadLength(frames, at);
            if (activeBytes > 0 && activeBytes + size > segmentBytes) {
                put(frames, runStart, at - runStart);
                runStart = at;
                roll();
            }
            if (activeBytes - indexedAt >= Segment.INDEX_INTERVAL) {
                active.index(activeRecords, activeBytes);
                indexedAt = activeBytes;
            }
            activeBytes += size;
            activeRecords++;
            nextPosition++;
            at += size;
        }
        put(frames, runStart, frames.length - runStart);
    }

    private void put(byte[] source, int offset, int length) throws IOException {
        int from = offset;
        int left = length;
        while (left > 0) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(left, buffer.remaining());
            buffer.put(source, from, n);
            from += n;
            left -= n;
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    private void force() throws IOException {
        storage.force(channel);
        fsyncs.incrementAndGet();
        lastForceNanos = System.nanoTime();
    }

    /**
     * Forces the full segment and only then creates the next, so that after a crash only the last
     * segment can have a torn tail. The new segment becomes visible to readers after the old one's
     * final size.
     */
    private void roll() throws IOException {
        flush();
        force();
        active.durable(activeBytes, activeRecords);
        Segment next = new Segment(nextPosition, directory.resolve(Segment.fileName(nextPosition)),
                active.globalStart + activeBytes);
        FileChannel nextChannel = FileChannel.open(next.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            DurableFiles.forceDirectory(directory);
        } catch (IOException e) {
            nextChannel.close();
            Files.deleteIfExists(next.path);
            throw e;
        }
        channel.close();
        channel = nextChannel;
        log.add(next);
        active = next;
        activeBytes = 0;
        activeRecords = 0;
        indexedAt = 0;
        disk.refresh();
    }

    /**
     * After a failed write or force the bytes past the durable end are in an unknown state (and a later
     * fsync may report success for pages the kernel already dropped), so they are cut off and their
     * positions given out again. If even that fails the journal refuses all further appends. The failure
     * itself is logged once by the {@link DiskSpaceGuard}, not per batch.
     */
    private void repair(Exception cause) {
        LOG.debug("journal write to {} failed; cutting it back to its durable end: {}", active, cause.toString());
        buffer.clear();
        activeBytes = active.durableBytes();
        activeRecords = active.durableRecords();
        indexedAt = activeBytes;
        nextPosition = active.base + activeRecords;
        active.truncateIndex(activeBytes);
        try {
            channel.truncate(activeBytes);
            channel.position(activeBytes);
        } catch (IOException | RuntimeException e) {
            failure = new PermanentException("journal cannot write to " + active.path + " nor repair it: " + e, e);
            LOG.error("journal {} failed for good", directory, e);
        }
        // Segments forced during a roll before the failure are durable, and readers may have them.
        log.publishDurableEnd(nextPosition);
    }

    private static void fail(List<PendingAppend> appends, RuntimeException error) {
        for (PendingAppend append : appends) {
            append.done().completeExceptionally(error);
        }
    }
}
