package io.vigil.ingest.pipeline;

import io.vigil.core.event.RawEvent;
import io.vigil.core.journal.JournalEntry;
import io.vigil.core.pipeline.DecodeResult;
import io.vigil.core.pipeline.Decoder;
import io.vigil.core.source.SourceKey;
import io.vigil.ingest.decode.Decoders;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The decode step for a whole batch of journal entries, spread over a small pool of threads. Decoding is most of
 * a syslog event's work in the pipeline and needs nothing from the events around it, so it need not wait for the
 * single thread that runs the stages and outputs in journal order.
 *
 * <p>Every decoder is stateless but one: {@code auto} learns per source which format the source sends and tries
 * it first ({@link Decoders#learnsPerSource}), so its result for an event can depend on the same source's events
 * before it. Entries decoded with such a codec are grouped by source ({@link SourceKey}), and each source's entries
 * are decoded in journal order by one thread; all other entries are cut into chunks that any thread may take. The
 * thread calling {@link #decode} decodes too, so {@code threads} counts every thread decoding, and with one thread
 * nothing is handed to another thread at all.
 *
 * <p>Results come back in entry order, and a batch's decoding is complete before {@link #decode} returns, so what
 * follows (stages, outputs, the failure store, journal commits) sees what one thread would have produced. The
 * one difference: sources whose first detected format arrives in the same batch record it in an order that
 * depends on the threads, which matters only for which source gets the last slot when the source registry is full.
 */
public final class BatchDecoder implements AutoCloseable {

    /** Chunks per decoding thread: enough that a thread slowed by other work does not hold up the batch. */
    private static final int CHUNKS_PER_THREAD = 4;
    private static final int MIN_CHUNK = 8;

    private final Decoders decoders;
    private final int threads;
    private final ExecutorService pool;

    /**
     * What decoding one entry gave.
     *
     * @param codec  the codec the entry was decoded with (a pinned one wins over the declared one)
     * @param result what the decoder returned; {@link DecodeResult.Failed} when it threw or no decoder is registered
     * @param nanos  time spent in the decoder, or -1 when no decoder is registered for {@code codec}
     */
    public record Outcome(String codec, DecodeResult result, long nanos) {
        public Outcome {
            Objects.requireNonNull(codec, "codec");
            Objects.requireNonNull(result, "result");
        }

        /** Whether a decoder for the codec was found (and ran). */
        public boolean decoderFound() {
            return nanos >= 0;
        }
    }

    /**
     * @param decoders the codec registry
     * @param threads  how many threads decode a batch, the caller's included (1: only the caller)
     */
    public BatchDecoder(Decoders decoders, int threads) {
        this.decoders = Objects.requireNonNull(decoders, "decoders");
        if (threads < 1 || threads > 64) {
            throw new IllegalArgumentException("decode threads must be 1-64, was " + threads);
        }
        this.threads = threads;
        AtomicInteger number = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, task -> {
            Thread thread = new Thread(task, "vigil-decode-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public int threads() {
        return threads;
    }

    /**
     * Decodes every entry of {@code batch}; element {@code i} of the result belongs to {@code batch.get(i)} and is
     * null for a corrupt entry (which has no event to decode). An {@link Error} thrown by a decoder on any thread
     * is rethrown here once the other threads have finished.
     */
    public List<Outcome> decode(List<JournalEntry> batch) throws InterruptedException {
        Outcome[] outcomes = new Outcome[batch.size()];
        String[] codecs = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            JournalEntry entry = batch.get(i);
            if (!entry.isCorrupt()) {
                codecs[i] = decoders.codecFor(entry.event()); // a codec pinned for the source wins
            }
        }
        if (pool == null || batch.size() < 2 * MIN_CHUNK) {
            for (int i = 0; i < batch.size(); i++) {
                if (codecs[i] != null) {
                    outcomes[i] = decodeOne(batch.get(i).event(), codecs[i]);
                }
            }
            return Arrays.asList(outcomes);
        }
        Work work = new Work(batch, codecs, outcomes, plan(batch, codecs));
        int helpers = Math.min(threads - 1, work.tasks.size() - 1);
        for (int h = 0; h < helpers; h++) {
            try {
                pool.execute(work);
            } catch (RejectedExecutionException closed) {
                break; // closing: the caller decodes what is left on its own
            }
        }
        work.run();
        work.finished.await();
        Throwable failure = work.failure.get();
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        return Arrays.asList(outcomes);
    }

    /** Tasks as lists of entry indices: one per source for codecs that learn per source, chunks for the rest. */
    private List<int[]> plan(List<JournalEntry> batch, String[] codecs) {
        Map<SourceKey, List<Integer>> bySource = new LinkedHashMap<>();
        int[] free = new int[batch.size()];
        int freeCount = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (codecs[i] == null) {
                continue;
            }
            if (decoders.learnsPerSource(codecs[i])) {
                RawEvent raw = batch.get(i).event();
                bySource.computeIfAbsent(SourceKey.of(raw.tenant(), raw.source()), k -> new ArrayList<>()).add(i);
            } else {
                free[freeCount++] = i;
            }
        }
        List<int[]> tasks = new ArrayList<>();
        bySource.values().forEach(indices -> tasks.add(indices.stream().mapToInt(Integer::intValue).toArray()));
        int chunk = Math.max(MIN_CHUNK, -Math.floorDiv(-freeCount, threads * CHUNKS_PER_THREAD));
        for (int from = 0; from < freeCount; from += chunk) {
            tasks.add(Arrays.copyOfRange(free, from, Math.min(freeCount, from + chunk)));
        }
        return tasks;
    }

    private Outcome decodeOne(RawEvent raw, String codec) {
        Decoder decoder = decoders.forCodec(codec).orElse(null);
        if (decoder == null) {
            return new Outcome(codec, new DecodeResult.Failed("no decoder for codec '" + codec + "'"), -1);
        }
        long start = System.nanoTime();
        DecodeResult result;
        try {
            result = decoder.decode(raw);
        } catch (RuntimeException e) {
            result = new DecodeResult.Failed("decoder " + codec + " threw " + e);
        }
        return new Outcome(codec, result, System.nanoTime() - start);
    }

    /** One batch's tasks, taken one at a time by every thread that runs this. */
    private final class Work implements Runnable {
        final List<JournalEntry> batch;
        final String[] codecs;
        final Outcome[] outcomes;
        final List<int[]> tasks;
        final AtomicInteger next = new AtomicInteger();
        final CountDownLatch finished;
        final AtomicReference<Throwable> failure = new AtomicReference<>();

        Work(List<JournalEntry> batch, String[] codecs, Outcome[] outcomes, List<int[]> tasks) {
            this.batch = batch;
            this.codecs = codecs;
            this.outcomes = outcomes;
            this.tasks = tasks;
            this.finished = new CountDownLatch(tasks.size());
        }

        @Override
        public void run() {
            int task;
            while ((task = next.getAndIncrement()) < tasks.size()) {
                try {
                    for (int i : tasks.get(task)) {
                        outcomes[i] = decodeOne(batch.get(i).event(), codecs[i]);
                    }
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    finished.countDown(); // publishes this task's outcomes to the caller
                }
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
