package io.vigil.store.search;

import io.vigil.core.error.TemporaryException;
import io.vigil.core.tenant.TenantId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * One Lucene index: the events of one tenant whose event time falls on one UTC day. Its writer is opened on
 * the first write and closed (committing) when too many are open; its reader is reopened near-real-time from
 * the writer, or from the last commit when no writer is open. Readers handed out are reference-counted, so a
 * partition dropped by retention while a search reads it stays readable until that search ends.
 */
final class Partition {

    private static final long NRT_REFRESH_NANOS = 1_000_000_000L;

    final TenantId tenant;
    final LocalDate day;
    final Path path;
    private final Directory directory;
    private IndexWriter writer;
    private DirectoryReader reader;
    private boolean dropped;
    private boolean committedSinceRefresh;
    private long lastRefresh;
    volatile long lastWrite;

    Partition(TenantId tenant, LocalDate day, Path path) throws IOException {
        this.tenant = tenant;
        this.day = day;
        this.path = path;
        Files.createDirectories(path);
        this.directory = FSDirectory.open(path);
    }

    synchronized IndexWriter writer(double ramBufferMb) throws IOException {
        if (dropped) {
            throw new TemporaryException("partition " + path + " was dropped by retention while being written", null);
        }
        if (writer == null) {
            IndexWriterConfig config = new IndexWriterConfig(new TextAnalyzer())
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setRAMBufferSizeMB(ramBufferMb)
                    .setCommitOnClose(true);
            writer = new IndexWriter(directory, config);
        }
        lastWrite = System.nanoTime();
        return writer;
    }

    synchronized boolean writerOpen() {
        return writer != null;
    }

    /** Makes everything written durable (an fsync of the new files and a new commit point). */
    synchronized void commit() throws IOException {
        if (writer != null && writer.hasUncommittedChanges()) {
            writer.commit();
            committedSinceRefresh = true;
        }
    }

    /** Commits and closes the writer; the partition stays readable from its commit. */
    synchronized void closeWriter() throws IOException {
        if (writer != null) {
            IndexWriter closing = writer;
            writer = null;
            closing.close();
        }
    }

    /** A reader of this partition (the caller must {@code decRef} it), or null when it holds no index yet. */
    synchronized DirectoryReader acquire() throws IOException {
        if (dropped) {
            return null;
        }
        DirectoryReader fresh;
        if (reader == null) {
            if (writer != null) {
                fresh = DirectoryReader.open(writer);
            } else if (DirectoryReader.indexExists(directory)) {
                fresh = DirectoryReader.open(directory);
            } else {
                return null;
            }
        } else if (writer == null) {
            fresh = DirectoryReader.openIfChanged(reader);
        } else if (committedSinceRefresh || System.nanoTime() - lastRefresh > NRT_REFRESH_NANOS) {
            // Near-real-time reopening flushes the writer's buffer into a new segment: at most once a second
            // under ingest, at once after a commit (what a commit made durable is always searchable).
            fresh = DirectoryReader.openIfChanged(reader, writer);
        } else {
            fresh = null;
        }
        if (writer != null && (fresh != null || reader == null)) {
            lastRefresh = System.nanoTime();
            committedSinceRefresh = false;
        }
        if (fresh != null) {
            if (reader != null) {
                reader.decRef();
            }
            reader = fresh;
        }
        reader.incRef();
        return reader;
    }

    long bytes() {
        try (Stream<Path> files = Files.list(path)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // deleted by a merge meanwhile
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    synchronized void close() throws IOException {
        closeWriter();
        if (reader != null) {
            reader.decRef();
            reader = null;
        }
        directory.close();
    }

    /** Closes the partition without committing what is not committed, and deletes its files. */
    synchronized void drop() throws IOException {
        dropped = true;
        if (writer != null) {
            writer.rollback();
            writer = null;
        }
        if (reader != null) {
            reader.decRef();
            reader = null;
        }
        directory.close();
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
