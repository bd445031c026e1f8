package io.vigil.ingest.pipeline;

import java.time.Instant;

/**
 * @param running        the processing thread is alive
 * @param committed      first journal position not yet processed
 * @param failingSince   when the current run of failed output writes began, or {@code null}
 * @param lastError      the last output or failure-store error, or {@code null}
 */
public record PipelineHealth(boolean running, long committed, Instant failingSince, String lastError) {

    public boolean healthy() {
        return running && failingSince == null;
    }
}
