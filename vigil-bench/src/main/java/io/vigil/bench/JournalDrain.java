package io.vigil.bench;

import io.vigil.core.journal.Journal;
import io.vigil.core.journal.JournalEntry;
import io.vigil.core.journal.JournalReader;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.ingest.pipeline.BatchDecoder;
import io.vigil.ingest.pipeline.PipelineConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the journal's backlog down so that the listener's back-pressure does not trip: reads everything
 * with a real reader and commits at most every {@link #COMMIT_EVERY}. Given a {@link BatchDecoder} it decodes
 * every record as the pipeline's decode step does (same class, same batch size, same threads; it counts what
 * fails); it does no normalising or storing,
 * and it commits less often than {@code io.vigil.ingest.pipeline.Pipeline} (after every 500
 * entries): each commit forces an offset file and its directory, and at that cadence a consumer fell a
 * gigabyte behind HTTP ingest of 500-event batches on a 2-core VM (docs/benchmarks.md). What this
 * benchmark measures is ingest into the journal, not the pipeline.
 */
final class JournalDrain implements AutoCloseable {

    static final String CONSUMER = "bench-drain";
    private static final int BATCH = 10_000;
    private static final Duration POLL_WAIT = Duration.ofMillis(50);
    static final Duration COMMIT_EVERY = Duration.ofMillis(200);

    private final JournalReader reader;
    private final BatchDecoder decoding;
    private final int batch;
    private final AtomicLong undecoded = new AtomicLong();
    private final Thread thread;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private volatile long committed;
    private volatile boolean stopping;
    private volatile Throwable failure;

    JournalDrain(Journal journal) {
        this(journal, null);
    }

    /** A drain that also decodes every record with {@code decoding}, in the pipeline's batches (null: read only). */
    JournalDrain(Journal journal, BatchDecoder decoding) {
        this.reader = journal.reader(CONSUMER);
        this.decoding = decoding;
        this.batch = decoding == null ? BATCH : PipelineConfig.DEFAULTS.batchSize();
        this.committed = reader.committed();
        this.thread = new Thread(this::run, "vigil-bench-drain");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        long polledUpTo = committed;
        long lastCommit = System.nanoTime();
        try {
            while (!stopping) {
                List<JournalEntry> entries = reader.poll(batch, POLL_WAIT);
                List<BatchDecoder.Outcome> decoded = decoding == null || entries.isEmpty() ? null : decoding.decode(entries);
                for (int i = 0; i < entries.size(); i++) {
                    if (entries.get(i).isCorrupt()) {
                        corrupt.incrementAndGet();
                    } else if (decoded != null && !(decoded.get(i).result() instanceof DecodeResult.Decoded)) {
                        undecoded.incrementAndGet();
                    }
                }
                read.addAndGet(entries.size());
                if (!entries.isEmpty()) {
                    polledUpTo = entries.getLast().position() + 1;
                }
                long now = System.nanoTime();
                if (polledUpTo > committed && (entries.isEmpty() || now - lastCommit >= COMMIT_EVERY.toNanos())) {
                    reader.commit(polledUpTo);
                    commits.incrementAndGet();
                    committed = polledUpTo;
                    lastCommit = now;
                }
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

    long commits() {
        return commits.get();
    }

    long corrupt() {
        return corrupt.get();
    }

    /** Records that did not decode (0 when there is no decoding). */
    long undecoded() {
        return undecoded.get();
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
        if (decoding != null) {
            decoding.close();
        }
    }
}
