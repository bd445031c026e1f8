package io.vigil.ingest.journal;

import io.vigil.core.error.PermanentException;
import io.vigil.core.error.TemporaryException;
import io.vigil.core.event.RawEvent;
import io.vigil.core.journal.Journal;
import io.vigil.core.journal.JournalFullException;
import io.vigil.core.journal.JournalReader;
import io.vigil.core.journal.JournalStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded journal: segment files in one directory, written by one writer thread with group commit,
 * read by named consumers whose committed positions survive restarts. The file format and the recovery
 * rules are described in the package documentation.
 *
 * <p>Append futures complete on the writer thread; callers should attach only quick callbacks or hop
 * to their own executor. A failed future carries a {@link TemporaryException} when the write or fsync
 * failed (records written before a segment roll in that batch may still be delivered: at least once).
 * Only one process may open a directory at a time.
 */
public final class SegmentedJournal implements Journal {

    static final String LOCK_FILE = "journal.lock";
    static final Duration RETRY_AFTER_COMMIT_FAILURE = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(SegmentedJournal.class);

    private final JournalConfig config;
    private final String id;
    private final FileChannel lockChannel;
    private final SegmentLog log;
    private final Quarantine quarantine;
    private final Consumers consumers;
    private final Backlog backlog;
    private final DiskSpaceGuard disk;
    private final JournalWriter writer;
    private final Set<SegmentReader> readers = ConcurrentHashMap.newKeySet();
    private final Object retentionLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();

    private SegmentedJournal(JournalConfig config, Clock clock, Storage storage, String id, FileChannel lockChannel,
                             SegmentLog log, Quarantine quarantine, Consumers consumers) throws IOException {
        this.config = config;
        this.id = id;
        this.lockChannel = lockChannel;
        this.log = log;
        this.quarantine = quarantine;
        this.consumers = consumers;
        Segment last = log.last();
        this.backlog = new Backlog(config.maxBacklogBytes(), last.globalStart + last.durableBytes(),
                log.globalOffset(lowestCommitted()));
        this.disk = new DiskSpaceGuard(storage, config.directory(), config.minFreeDiskBytes(), clock);
        this.writer = new JournalWriter(config.directory(), log, storage, backlog, disk, config);
    }

    /**
     * Opens the journal in {@code config.directory()}, creating it if needed, and recovers from whatever
     * a crash left behind.
     *
     * @throws UncheckedIOException  when the directory cannot be read or written
     * @throws IllegalStateException when another process (or another instance in this one) has it open
     */
    public static SegmentedJournal open(JournalConfig config, Clock clock) {
        return open(config, clock, Storage.LOCAL);
    }

    static SegmentedJournal open(JournalConfig config, Clock clock, Storage storage) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(clock, "clock");
        Path directory = config.directory();
        FileChannel lockChannel = null;
        try {
            Files.createDirectories(directory);
            lockChannel = FileChannel.open(directory.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            lock(lockChannel, directory);
            deleteTemporaryFiles(directory);
            Quarantine quarantine = Quarantine.open(directory);
            String id = JournalIdentity.loadOrCreate(directory, quarantine.directory());
            List<Long> bases = Recovery.segmentBases(directory);
            Consumers consumers = Consumers.load(directory, bases.isEmpty() ? 0 : bases.get(0));
            SegmentLog log = new SegmentLog();
            Recovery.recover(directory, log, quarantine, consumers.highest().orElse(0));
            consumers.raiseTo(log.first().base);
            SegmentedJournal journal = new SegmentedJournal(config, clock, storage, id, lockChannel, log, quarantine,
                    consumers);
            journal.writer.start();
            journal.applyRetention();
            LOG.info("journal {} open in {}: positions {} to {}, consumers {}", id, directory, log.first().base,
                    log.durableEnd(), consumers.committed());
            return journal;
        } catch (IOException e) {
            closeQuietly(lockChannel);
            throw new UncheckedIOException("cannot open the journal in " + directory + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel);
            throw e;
        }
    }

    @Override
    public String id() {
        return id;
    }

    /** The directory the journal lives in (its file store is the one that can fill up). */
    public Path directory() {
        return config.directory();
    }

    /**
     * {@inheritDoc}
     *
     * @throws JournalFullException     when the backlog would pass {@code maxBacklogBytes} or free disk space
     *                                  is below {@code minFreeDiskBytes}; nothing was appended
     * @throws IllegalArgumentException when {@code events} is empty or one of them encodes to more than
     *                                  {@code maxRecordBytes}
     * @throws PermanentException       when the journal is closed or has failed for good
     */
    @Override
    public CompletableFuture<Long> append(List<RawEvent> events) {
        Objects.requireNonNull(events, "events");
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to append: events is empty");
        }
        if (closed.get()) {
            throw new PermanentException("journal in " + config.directory() + " is closed");
        }
        byte[] frames = RecordFormat.encode(events, config.maxRecordBytes());
        disk.check();
        backlog.reserve(frames.length);
        try {
            return writer.enqueue(frames, events.size());
        } catch (RuntimeException e) {
            backlog.released(frames.length);
            throw e;
        }
    }

    /**
     * {@inheritDoc} A consumer seen for the first time starts at the oldest retained position and from
     * then on holds back retention until it commits, also while no reader of it is open.
     *
     * @throws IllegalArgumentException when the name does not match {@code [a-z0-9-]{1,64}}
     * @throws IllegalStateException    when a reader of this consumer is already open
     */
    @Override
    public JournalReader reader(String consumer) {
        Consumers.requireValidName(consumer);
        if (closed.get()) {
            throw new PermanentException("journal in " + config.directory() + " is closed");
        }
        try {
            long committed = consumers.open(consumer, log.first().base);
            try {
                SegmentReader reader = new SegmentReader(this, log, quarantine, consumer, committed,
                        config.maxRecordBytes());
                readers.add(reader);
                // A new consumer may lower the lowest committed position, and with it grow the backlog.
                applyRetention();
                return reader;
            } catch (IOException | RuntimeException e) {
                consumers.release(consumer);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a reader for " + consumer + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@inheritDoc} With no consumer registered yet, the committed position is the oldest retained one
     * and everything retained counts as backlog. {@code diskBytes} counts segments and quarantined files.
     */
    @Override
    public JournalStats stats() {
        long diskBytes = quarantine.bytes();
        for (Segment segment : log.all()) {
            diskBytes += segment.durableBytes();
        }
        return new JournalStats(writer.nextPosition(), lowestCommitted(), backlog.bytes(), diskBytes,
                quarantine.corruptRecords(), quarantine.truncatedBytes(), writer.fsyncs(), disk.fault());
    }

    /** Writes and forces pending appends and completes their futures, then stops the writer and readers. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        writer.close();
        log.close();
        for (SegmentReader reader : List.copyOf(readers)) {
            reader.close();
        }
        closeQuietly(lockChannel);
        LOG.info("journal {} in {} closed at position {}", id, config.directory(), log.durableEnd());
    }

    /** Forces done by the writer since open; tests use it to see group commit at work. */
    long fsyncCount() {
        return writer.fsyncs();
    }

    void commit(String consumer, long position) {
        try {
            consumers.store(consumer, position);
        } catch (IOException e) {
            throw new TemporaryException("cannot store the committed position of " + consumer + ": " + e,
                    RETRY_AFTER_COMMIT_FAILURE, e);
        }
        applyRetention();
    }

    void readerClosed(SegmentReader reader) {
        readers.remove(reader);
        consumers.release(reader.consumer());
    }

    /**
     * Deletes segments every consumer is done with and moves the backlog's floor. Never the last segment,
     * which the writer may be appending to.
     */
    private void applyRetention() {
        synchronized (retentionLock) {
            long lowest = lowestCommitted();
            for (Segment segment : log.whollyBelow(lowest)) {
                try {
                    Files.deleteIfExists(segment.path);
                    log.remove(segment);
                    LOG.debug("deleted {}: every consumer committed {}", segment, lowest);
                } catch (IOException e) {
                    LOG.warn("cannot delete committed segment {}: {}", segment, e.toString());
                    break;
                }
            }
            backlog.committedAt(log.globalOffset(lowest));
        }
    }

    /** The lowest committed position; with no consumer at all, nothing counts as processed. */
    private long lowestCommitted() {
        return consumers.lowest().orElse(log.first().base);
    }

    private static void lock(FileChannel channel, Path directory) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalStateException("the journal in " + directory + " is already open in another process"
                    + " or another journal instance");
        }
    }

    private static void deleteTemporaryFiles(Path directory) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + DurableFiles.TEMP_SUFFIX)) {
            for (Path file : files) {
                Files.delete(file);
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing the journal lock failed: {}", e.toString());
            }
        }
    }
}
