package io.vigil.ingest.pipeline;

import java.time.Duration;

/**
 * @param batchSize    most journal entries processed and committed together
 * @param pollWait     how long the pipeline waits for new journal entries before polling again
 * @param maxRetryWait longest wait between retries of an output or failure-store write that failed
 * @param commitInterval how often, at most, outputs are synced and the journal position committed while
 *                     the pipeline is behind (once caught up it commits after every batch); a crash
 *                     replays at most this much work, which idempotent outputs absorb
 */
public record PipelineConfig(Integer batchSize, Duration pollWait, Duration maxRetryWait, Duration commitInterval) {

    public static final PipelineConfig DEFAULTS = new PipelineConfig(null, null, null, null);

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
    }
}
