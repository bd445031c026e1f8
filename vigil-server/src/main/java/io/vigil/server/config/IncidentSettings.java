package io.vigil.server.config;

import java.time.Duration;

/**
 * Triage and case management (see docs/incidents.md).
 *
 * @param groupingWindow          an alert joins an open incident with the same rule, host, user and ip whose last
 *                                activity is at most this old; otherwise it opens a new incident (1 minute to 7 days)
 * @param rollupThreshold         low-priority (P3/P4) detections against one asset within {@code rollup-window} that
 *                                become one roll-up incident (2-10000)
 * @param rollupThresholdCritical the same for a crown-jewel asset or one with a known critical weakness (1-10000)
 * @param rollupWindow            how far back low-priority incidents on an asset count towards a roll-up (1 minute to
 *                                30 days)
 * @param maxAttachmentBytes      largest incident attachment accepted, in bytes (1-52428800)
 * @param workInterval            how often automatic escalation by time in tier and the notification outbox run
 *                                (1 second to 10 minutes)
 */
public record IncidentSettings(Duration groupingWindow, Integer rollupThreshold, Integer rollupThresholdCritical,
                               Duration rollupWindow, Integer maxAttachmentBytes, Duration workInterval) {

    public IncidentSettings {
        groupingWindow = groupingWindow == null ? Duration.ofHours(1) : groupingWindow;
        rollupThreshold = rollupThreshold == null ? 10 : rollupThreshold;
        rollupThresholdCritical = rollupThresholdCritical == null ? 3 : rollupThresholdCritical;
        rollupWindow = rollupWindow == null ? Duration.ofHours(24) : rollupWindow;
        maxAttachmentBytes = maxAttachmentBytes == null ? 10 * 1024 * 1024 : maxAttachmentBytes;
        workInterval = workInterval == null ? Duration.ofSeconds(10) : workInterval;
        between("grouping-window", groupingWindow, Duration.ofMinutes(1), Duration.ofDays(7));
        between("rollup-window", rollupWindow, Duration.ofMinutes(1), Duration.ofDays(30));
        between("work-interval", workInterval, Duration.ofSeconds(1), Duration.ofMinutes(10));
        if (rollupThreshold < 2 || rollupThreshold > 10_000) {
            throw new IllegalArgumentException("vigil.incidents.rollup-threshold must be 2-10000, was " + rollupThreshold);
        }
        if (rollupThresholdCritical < 1 || rollupThresholdCritical > 10_000) {
            throw new IllegalArgumentException("vigil.incidents.rollup-threshold-critical must be 1-10000, was "
                    + rollupThresholdCritical);
        }
        if (maxAttachmentBytes < 1 || maxAttachmentBytes > 50 * 1024 * 1024) {
            throw new IllegalArgumentException("vigil.incidents.max-attachment-bytes must be 1-52428800, was " + maxAttachmentBytes);
        }
    }

    private static void between(String key, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException("vigil.incidents." + key + " must be " + min + " to " + max + ", was " + value);
        }
    }
}
