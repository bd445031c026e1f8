package io.vigil.ingest.pipeline;

import java.time.Duration;

/**
 * @param batchSize    most journal entries processed and committed together
 * @param pollWait     how long the pipeline waits for new journal entries before polling again
 * @param maxRetryWait longest wait between retries of an output or failure-store write that failed
 * @param commitInterval how often, at most, outputs are synced and the journal position committed while
 *                     the pipeline is behind (once caught up it commits after every batch); a crash
 *                     replays at most this much work, which idempotent outputs absorb
 * @param decodeThreads how many threads decode a batch's entries (the pipeline thread included) before its
 *                     events go through the stages and outputs in journal order; 0 for as many as the machine has
 *                     cores, at most 4
 */
public record PipelineConfig(Integer batchSize, Duration pollWait, Duration maxRetryWait, Duration commitInterval,
                             Integer decodeThreads) {

    public static final PipelineConfig DEFAULTS = new PipelineConfig(null, null, null, null, null);

    /** The automatic number of decode threads: decoding is CPU work, and past four threads the stages and outputs,
     * on one thread, are what limits the pipeline. */
    static final int MAX_AUTOMATIC_DECODE_THREADS = 4;

    public PipelineConfig {
        batchSize = batchSize == null ? 500 : batchSize;
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException("batchSize must be 1-100000, was " + batchSize);
        }
        pollWait = pollWait == null ? Duration.ofMillis(200) : pollWait;
        maxRetryWait = maxRetryWait == null ? Duration.ofSeconds(30) : maxRetryWait;
        commitInterval = commitInterval == null ? Duration.ofSeconds(1) : commitInterval;
        if (pollWait.isNegative() || maxRetryWait.isNegative() || maxRetryWait.isZero() || commitInterval.isNegative()) {
            throw new IllegalArgumentException("pollWait and commitInterval must be >= 0 and maxRetryWait > 0");
        }
        decodeThreads = decodeThreads == null ? 0 : decodeThreads;
        if (decodeThreads < 0 || decodeThreads > 64) {
            throw new IllegalArgumentException("decodeThreads must be 0 (automatic) to 64, was " + decodeThreads);
        }
    }

    /** The number of decode threads to run: {@link #decodeThreads()}, or the automatic number for 0. */
    public int decodeParallelism() {
        return decodeThreads > 0 ? decodeThreads
                : Math.min(Runtime.getRuntime().availableProcessors(), MAX_AUTOMATIC_DECODE_THREADS);
    }
}
