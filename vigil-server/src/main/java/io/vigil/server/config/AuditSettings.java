package io.vigil.server.config;

import java.time.Duration;

/**
 * @param checkpointEvery    sign a checkpoint after every this many audit entries (1-1000000); one is also signed at
 *                           shutdown. Read at start
 * @param checkpointInterval sign a checkpoint this often when entries were added since the last one (at least 1s).
 *                           Read at start
 * @param trustForwardedFor  record the client address from the last entry of {@code X-Forwarded-For} instead of the
 *                           connection's peer; set it only when every request comes through your own reverse proxy,
 *                           which must overwrite or append that header (otherwise clients can forge their address)
 */
public record AuditSettings(Integer checkpointEvery, Duration checkpointInterval, Boolean trustForwardedFor) {

    public AuditSettings {
        checkpointEvery = checkpointEvery == null ? 1000 : checkpointEvery;
        if (checkpointEvery < 1 || checkpointEvery > 1_000_000) {
            throw new IllegalArgumentException("vigil.audit.checkpoint-every must be 1-1000000, was " + checkpointEvery);
        }
        checkpointInterval = checkpointInterval == null ? Duration.ofMinutes(5) : checkpointInterval;
        if (checkpointInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("vigil.audit.checkpoint-interval must be at least 1s, was " + checkpointInterval);
        }
        trustForwardedFor = trustForwardedFor != null && trustForwardedFor;
    }
}
