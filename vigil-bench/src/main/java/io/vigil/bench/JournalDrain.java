package io.vigil.bench;

import io.vigil.core.journal.Journal;
import io.vigil.core.journal.JournalEntry;
import io.vigil.core.journal.JournalReader;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stands in for the pipeline on the journal: polls and commits after every batch, as
 * {@code io.vigil.ingest.pipeline.Pipeline} does (same default batch size and poll wait), but does no
 * decoding, normalising or storing. Without a consumer the backlog would reach its limit and the
 * listener would answer 503.
 */
final class JournalDrain implements AutoCloseable {

    static final String CONSUMER = "bench-drain";
    private static final int BATCH = 500;
    private static final Duration POLL_WAIT = Duration.ofMillis(200);

    private final JournalReader reader;
    private final Thread thread;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private volatile long committed;
    private volatile boolean stopping;
    private volatile Throwable failure;

    JournalDrain(Journal journal) {
        this.reader = journal.reader(CONSUMER);
        this.committed = reader.committed();
        this.thread = new Thread(this::run, "vigil-bench-drain");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            while (!stopping) {
                List<JournalEntry> entries = reader.poll(BATCH, POLL_WAIT);
                if (entries.isEmpty()) {
                    continue;
                }
                for (JournalEntry entry : entries) {
                    if (entry.isCorrupt()) {
                        corrupt.incrementAndGet();
                    }
                }
                long next = entries.getLast().position() + 1;
                reader.commit(next);
                read.addAndGet(entries.size());
                committed = next;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    /** Waits until everything before {@code position} is committed, at most {@code timeout}. */
    boolean awaitCommitted(long position, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (committed < position && failure == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return committed >= position;
    }

    long read() {
        return read.get();
    }

    long corrupt() {
        return corrupt.get();
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
    }
}
